"""Admin rights granted in chat (``/admins add``), beside those of ``ADMIN_IDS``.

A grant may be scoped to desks (``/admins add 123 desk:DESK-AUT``): its holder is a **desk officer** of those
desks. A grant with no desks is a full admin's.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from .models import AdminGrant, join_list, split_list


def get_grant(user_id: int, *, session: Session) -> AdminGrant | None:
    """The grant that makes ``user_id`` an admin, if any."""
    return session.get(AdminGrant, user_id)


def grants(*, session: Session) -> list[AdminGrant]:
    """Every grant, oldest first."""
    return list(session.exec(select(AdminGrant).order_by(col(AdminGrant.granted_at), col(AdminGrant.user_id))))


def desks_of(grant: AdminGrant) -> list[str]:
    """The desk codes a grant is scoped to, as granted; empty for a full admin's grant."""
    return split_list(grant.desks)


def officers_of(desk_code: str, *, session: Session) -> list[int]:
    """The user ids holding a grant scoped to ``desk_code`` (its desk officers), oldest grant first.

    Full admins are not listed: they hold every desk without being any desk's officer.
    """
    wanted = desk_code.casefold()
    return [grant.user_id for grant in grants(session=session) if wanted in (code.casefold() for code in desks_of(grant))]


def add_grant(user_id: int, *, session: Session, granted_by: int, desks: list[str] | None = None) -> AdminGrant:
    """Make ``user_id`` an admin, of ``desks`` only when given (the caller checked there is no grant yet)."""
    grant = AdminGrant(user_id=user_id, granted_by=granted_by, desks=join_list(desks or []))
    session.add(grant)
    session.flush()
    return grant


def set_desks(grant: AdminGrant, desks: list[str], *, session: Session) -> AdminGrant:
    """Change a grant's scope (empty: full admin)."""
    grant.desks = join_list(desks)
    session.add(grant)
    session.flush()
    return grant


def delete_grant(user_id: int, *, session: Session) -> bool:
    """Remove ``user_id``'s grant; False if there was none."""
    grant = session.get(AdminGrant, user_id)
    if grant is None:
        return False
    session.delete(grant)
    session.flush()
    return True
