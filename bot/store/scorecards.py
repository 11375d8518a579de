"""The scorecards' queries: the leads on a desk's listings, and weekly scorecards claimed for sending (one row
per desk and week, see :class:`ScorecardSend`)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from .models import Lead, ScorecardSend, join_list


def leads_on(product_codes: Collection[str], *, session: Session) -> list[Lead]:
    """Every lead on these listings, whatever its status."""
    if not product_codes:
        return []
    return list(session.exec(select(Lead).where(col(Lead.product_code).in_(list(product_codes))).order_by(col(Lead.id))))


def claim_send(desk: str, week: date, recipients: list[int], *, session: Session) -> bool:
    """Record that the scorecard of ``desk`` for ``week`` goes to ``recipients``; False if it was claimed before.

    The insert runs in a savepoint, so a row another process wrote first (the unique desk and week) fails it
    alone, not the caller's transaction; on PostgreSQL a concurrent claim waits for the first to commit.
    """
    try:
        with session.begin_nested():
            session.add(ScorecardSend(desk=desk, week=week, recipients=join_list([str(user_id) for user_id in recipients])))
    except IntegrityError:
        return False
    return True
