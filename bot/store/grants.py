"""Admin rights granted in chat (``/admins add``), beside those of ``ADMIN_IDS``."""

from __future__ import annotations

from sqlmodel import Session, col, select

from .models import AdminGrant


def get_grant(user_id: int, *, session: Session) -> AdminGrant | None:
    """The grant that makes ``user_id`` an admin, if any."""
    return session.get(AdminGrant, user_id)


def grants(*, session: Session) -> list[AdminGrant]:
    """Every grant, oldest first."""
    return list(session.exec(select(AdminGrant).order_by(col(AdminGrant.granted_at), col(AdminGrant.user_id))))


def add_grant(user_id: int, *, session: Session, granted_by: int) -> AdminGrant:
    """Make ``user_id`` an admin (the caller checked there is no grant yet)."""
    grant = AdminGrant(user_id=user_id, granted_by=granted_by)
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
