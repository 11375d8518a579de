"""Queries over users, leads and the search log."""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import Session, col, func, select, update

from .models import Lead, LeadStatus, SearchLog, User, utcnow


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


def get_lead(user_id: int, product_code: str, *, session: Session) -> Lead | None:
    """A user's lead on a product, if any."""
    return session.exec(select(Lead).where(Lead.user_id == user_id, Lead.product_code == product_code)).first()


def add_lead(user_id: int, product_code: str, *, session: Session) -> Lead:
    """Insert a new lead (the caller checked there is none)."""
    lead = Lead(user_id=user_id, product_code=product_code)
    session.add(lead)
    session.flush()
    return lead


def add_search(
    query: str, *, session: Session, user_id: int | None, top_code: str | None, related_shown: bool = False
) -> SearchLog:
    """Log one search; ``top_code`` None means nothing confident answered it, ``related_shown`` that
    related suggestions were shown instead."""
    entry = SearchLog(
        user_id=user_id, query=query, matched=top_code is not None, top_code=top_code, related_shown=related_shown
    )
    session.add(entry)
    session.flush()
    return entry


def get_search(search_id: int, *, session: Session) -> SearchLog | None:
    """A logged search by id (result pages refer to their search by id)."""
    return session.get(SearchLog, search_id)



def users_by_username(username: str, *, session: Session) -> list[User]:
    """The users recorded with this Telegram username (without @, any case): normally one or none."""
    return list(session.exec(select(User).where(func.lower(User.username) == username.lower()).limit(2)))


def users(*, session: Session) -> list[User]:
    """Every user, oldest first."""
    return list(session.exec(select(User).order_by(col(User.created_at), col(User.id))))


def get_lead_by_id(lead_id: int, *, session: Session) -> Lead | None:
    """A lead by its number."""
    return session.get(Lead, lead_id)


def leads(
    *, session: Session, statuses: Collection[LeadStatus] | None = None, offset: int = 0, limit: int | None = None
) -> list[Lead]:
    """Leads newest first, optionally only those in ``statuses``."""
    query = select(Lead).order_by(col(Lead.created_at).desc(), col(Lead.id).desc()).offset(offset)
    if statuses is not None:
        query = query.where(col(Lead.status).in_(list(statuses)))
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query))


def count_leads(*, session: Session, statuses: Collection[LeadStatus] | None = None) -> int:
    """How many leads there are, optionally only in ``statuses``."""
    query = select(func.count()).select_from(Lead)
    if statuses is not None:
        query = query.where(col(Lead.status).in_(list(statuses)))
    return session.exec(query).one()


def lead_counts_by_user(*, session: Session) -> dict[int, int]:
    """User id → number of leads."""
    return {user_id: count for user_id, count in session.exec(select(Lead.user_id, func.count()).group_by(col(Lead.user_id)))}
