"""The search log: every search, and whether anything confident answered it (unmet demand)."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, col

from .models import SearchFeedback, SearchLog, utcnow


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


def set_feedback(search_id: int, feedback: SearchFeedback, *, session: Session) -> bool:
    """Record what the searcher told of the answer to a search; False, changing nothing, when they already did.

    One conditional update: two taps at once (two replicas) still record one feedback.
    """
    done = session.connection().execute(
        update(SearchLog)
        .where(col(SearchLog.id) == search_id, col(SearchLog.feedback).is_(None))
        .values(feedback=feedback, feedback_at=utcnow())
    )
    return done.rowcount == 1
