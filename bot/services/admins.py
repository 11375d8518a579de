"""Who may run the catalog from chat: the ``ADMIN_IDS`` of the settings, and those admins granted rights to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.settings import Settings
from bot.store import grants as store
from bot.store import users as user_store

from . import audit
from .inputs import NumberError, clean_text, parse_whole_number

MAX_USER_ID = 2**63 - 1  # Telegram ids fit 52 bits; the column is a signed 64-bit integer


def is_admin(user_id: int, *, session: Session, settings: Settings) -> bool:
    """True for a user in ``ADMIN_IDS`` or granted admin rights in chat."""
    return user_id in settings.admin_ids or store.get_grant(user_id, session=session) is not None


def admin_ids(*, session: Session, settings: Settings) -> list[int]:
    """Every admin's user id: those of ``ADMIN_IDS`` first, then the granted ones."""
    granted = [grant.user_id for grant in store.grants(session=session) if grant.user_id not in settings.admin_ids]
    return sorted(settings.admin_ids) + granted


@dataclass(frozen=True, slots=True)
class Admin:
    """An admin as the admins list shows them."""

    user_id: int
    first_name: str
    username: str | None
    configured: bool  # in ADMIN_IDS, so only the server's configuration can remove them
    granted_by: int | None = None
    granted_at: datetime | None = None


def list_admins(*, session: Session, settings: Settings) -> list[Admin]:
    """Every admin with their name (when they have written to the bot) and where their rights come from."""
    grants = {grant.user_id: grant for grant in store.grants(session=session)}
    admins = []
    for user_id in admin_ids(session=session, settings=settings):
        user = user_store.get_user(user_id, session=session)
        grant = grants.get(user_id)
        admins.append(
            Admin(
                user_id=user_id,
                first_name=user.first_name if user else "",
                username=user.username if user else None,
                configured=user_id in settings.admin_ids,
                granted_by=grant.granted_by if grant else None,
                granted_at=grant.granted_at if grant else None,
            )
        )
    return admins


class AmbiguousUsername(Exception):
    """More than one user is recorded with the @username given."""


def find_user(reference: str, *, session: Session) -> int | None:
    """The user id meant by ``reference``: a number, or an @username of someone who wrote to the bot.

    A username is resolved only for its current holder: recording a user clears it from anyone who held
    it before (see :func:`bot.store.user_store.upsert_user`); should two still hold it, this raises
    :class:`AmbiguousUsername` rather than pick one.
    """
    reference = reference.strip()
    try:
        number = parse_whole_number(reference, maximum=MAX_USER_ID)
    except NumberError as error:
        if error.too_large:
            return None
    else:
        return number or None
    if reference.startswith("@") and len(reference) > 1:
        found = user_store.users_by_username(reference[1:], session=session)
        if len(found) > 1:
            # Recorded before usernames were kept unique: granting either could grant the wrong person.
            raise AmbiguousUsername(reference)
        return found[0].id if found else None
    return None


class Outcome(StrEnum):
    """What a grant or revoke did."""

    GRANTED = "granted"
    ALREADY = "already"
    REVOKED = "revoked"
    NOT_ADMIN = "not_admin"
    CONFIGURED = "configured"  # in ADMIN_IDS: chat cannot take those rights away


def grant(actor_id: int, user_id: int, *, session: Session, settings: Settings) -> Outcome:
    """Make ``user_id`` an admin, logged in the audit log."""
    if is_admin(user_id, session=session, settings=settings):
        return Outcome.ALREADY
    store.add_grant(user_id, session=session, granted_by=actor_id)
    audit.record(actor_id, audit.ADMIN_GRANT, session=session, target=str(user_id), before={"admin": False}, after={"admin": True})
    return Outcome.GRANTED


def revoke(actor_id: int, user_id: int, *, session: Session, settings: Settings) -> Outcome:
    """Take admin rights granted in chat away from ``user_id``, logged in the audit log."""
    if user_id in settings.admin_ids:
        return Outcome.CONFIGURED
    if not store.delete_grant(user_id, session=session):
        return Outcome.NOT_ADMIN
    audit.record(actor_id, audit.ADMIN_REVOKE, session=session, target=str(user_id), before={"admin": True}, after={"admin": False})
    return Outcome.REVOKED


def refuse(user_id: int, command: str, *, session: Session, text: str = "") -> None:
    """Log that someone who is not an admin tried an admin command (or pressed an admin button)."""
    audit.record(user_id, audit.REFUSED, session=session, target=command, after={"text": clean_text(text)[:200]} if text else None)
