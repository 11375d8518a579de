"""Who is talking to the bot, and in which language."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from bot.store import introductions as introduction_store
from bot.store import users as user_store
from bot.store.models import User

from .inputs import clean_optional, clean_text

LANGUAGES = ("fa", "en")


def language_from_telegram(language_code: str | None) -> str:
    """Persian for clients set to Persian, English for everyone else."""
    return "fa" if (language_code or "").lower().startswith("fa") else "en"


def remember(
    user_id: int, *, session: Session, first_name: str, username: str | None, language_code: str | None
) -> User:
    """Record the user on each update; their first client language becomes their bot language.

    Names are cleaned first: a NUL in a first name would otherwise fail every update of that user on PostgreSQL.
    """
    user, _ = user_store.upsert_user(
        user_id,
        session=session,
        first_name=clean_text(first_name),
        username=clean_optional(username),
        language=language_from_telegram(language_code),
    )
    return user


def set_language(user_id: int, language: str, *, session: Session) -> User | None:
    """Switch the user's language (``fa`` or ``en``)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    user = user_store.get_user(user_id, session=session)
    if user is not None:
        user.language = language
        session.add(user)
    return user


def cancel_pending(user_id: int, *, session: Session) -> bool:
    """Forget any question the bot is waiting for the user to answer; True if there was one."""
    user = user_store.get_user(user_id, session=session)
    if user is None or (user.pending_note_lead_id is None and user.pending_profile_step is None):
        return False
    user.pending_note_lead_id = user.pending_profile_step = None
    session.add(user)
    return True


@dataclass(frozen=True, slots=True)
class Waiting:
    """What the user's next plain message may answer, read once per update (each feature that takes a plain
    message asks it in turn, and had read the user's row again for it)."""

    step: str | None
    """The /profile or /claim question (:attr:`User.pending_profile_step`), as stored."""
    note_lead_id: int | None
    """The lead whose note the bot asked for."""
    contact: bool
    """Whether the bot waits for a desk's message to a manufacturer."""


def waiting(user: User, *, session: Session) -> Waiting:
    """What ``user`` (the row the update remembered) is asked for: one lookup, of the desk's message waited for."""
    contact = introduction_store.get_pending_contact(user.id, session=session) is not None
    return Waiting(user.pending_profile_step, user.pending_note_lead_id, contact)


def known(user_id: int, *, session: Session) -> User | None:
    """The user with this Telegram id, if they ever wrote to the bot."""
    return user_store.get_user(user_id, session=session)
