"""Queries over the bot's users: who wrote to the bot, in which language, and what the bot waits for from them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, func, select, update

from .models import User, utcnow


def languages(user_ids: Sequence[int], *, session: Session) -> dict[int, str]:
    """User id → bot language, for those of ``user_ids`` the bot knows (in chunks the databases take)."""
    found: dict[int, str] = {}
    for start in range(0, len(user_ids), 1000):
        chunk = list(user_ids[start : start + 1000])
        found.update(session.exec(select(User.id, User.language).where(col(User.id).in_(chunk))).all())
    return found


def users_by_id(user_ids: Sequence[int], *, session: Session) -> dict[int, User]:
    """The users of ``user_ids`` the bot knows, by id (in chunks the databases take)."""
    found: dict[int, User] = {}
    for start in range(0, len(user_ids), 1000):
        chunk = list(user_ids[start : start + 1000])
        found.update((user.id, user) for user in session.exec(select(User).where(col(User.id).in_(chunk))))
    return found


def get_user(user_id: int, *, session: Session) -> User | None:
    """The user with this Telegram id, if they ever wrote to the bot."""
    return session.get(User, user_id)


def upsert_user(
    user_id: int, *, session: Session, first_name: str, username: str | None, language: str
) -> tuple[User, bool]:
    """Record a user's current name; the language is only set the first time. Returns (user, created)."""
    user = session.get(User, user_id)
    created = user is None
    taken = username is not None and (created or (user is not None and (user.username or "").lower() != username.lower()))
    if user is None:
        user = User(id=user_id, first_name=first_name, username=username, language=language)
    else:
        user.first_name, user.username, user.last_seen_at = first_name, username, utcnow()
    if taken:
        # A username belongs to one account at a time: whoever held it before us no longer does.
        assert username is not None
        session.exec(update(User).where(func.lower(User.username) == username.lower(), col(User.id) != user_id).values(username=None))
    session.add(user)
    session.flush()
    return user, created


def users_by_username(username: str, *, session: Session) -> list[User]:
    """The users recorded with this Telegram username (without @, any case): normally one or none."""
    return list(session.exec(select(User).where(func.lower(User.username) == username.lower()).limit(2)))


def users(*, session: Session) -> list[User]:
    """Every user, oldest first."""
    return list(session.exec(select(User).order_by(col(User.created_at), col(User.id))))
