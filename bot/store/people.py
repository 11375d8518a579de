"""Queries over users, leads and the search log."""

from __future__ import annotations

from sqlmodel import Session, select

from .models import Lead, SearchLog, User, utcnow


def get_user(user_id: int, *, session: Session) -> User | None:
    """The user with this Telegram id, if they ever wrote to the bot."""
    return session.get(User, user_id)


def upsert_user(
    user_id: int, *, session: Session, first_name: str, username: str | None, language: str
) -> tuple[User, bool]:
    """Record a user's current name; the language is only set the first time. Returns (user, created)."""
    user = session.get(User, user_id)
    created = user is None
    if user is None:
        user = User(id=user_id, first_name=first_name, username=username, language=language)
    else:
        user.first_name, user.username, user.last_seen_at = first_name, username, utcnow()
    session.add(user)
    session.flush()
    return user, created


def get_lead(user_id: int, product_code: str, *, session: Session) -> Lead | None:
    """A user's lead on a product, if any."""
    return session.exec(select(Lead).where(Lead.user_id == user_id, Lead.product_code == product_code)).first()


def add_lead(user_id: int, product_code: str, *, session: Session) -> Lead:
    """Insert a new lead (the caller checked there is none)."""
    lead = Lead(user_id=user_id, product_code=product_code)
    session.add(lead)
    session.flush()
    return lead


def add_search(query: str, *, session: Session, user_id: int | None, top_code: str | None) -> SearchLog:
    """Log one search; ``top_code`` None means nothing confident answered it."""
    entry = SearchLog(user_id=user_id, query=query, matched=top_code is not None, top_code=top_code)
    session.add(entry)
    session.flush()
    return entry


def get_search(search_id: int, *, session: Session) -> SearchLog | None:
    """A logged search by id (result pages refer to their search by id)."""
    return session.get(SearchLog, search_id)

