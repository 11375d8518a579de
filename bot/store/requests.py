"""Standing requests ("tell me when something like this is listed"): adding, listing, fulfilling, cancelling."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import and_, update
from sqlmodel import Session, col, func, select

from .models import Lead, LeadStatus, RequestStatus, StandingRequest, utcnow

TRIGGER = "request"
"""The outbox (``digest``) ``trigger`` of a standing request's notice: a row that is no subscriber's digest."""


def get(request_id: int, *, session: Session) -> StandingRequest | None:
    """One standing request by id."""
    return session.get(StandingRequest, request_id)


def find(user_id: int, *, session: Session, search_id: int | None = None, query: str | None = None) -> StandingRequest | None:
    """The user's request made from that search, or their open request for that wording (case-blind)."""
    statement = select(StandingRequest).where(col(StandingRequest.user_id) == user_id)
    if search_id is not None:
        statement = statement.where(col(StandingRequest.search_id) == search_id)
    if query is not None:
        statement = statement.where(
            func.lower(col(StandingRequest.query)) == query.lower(), col(StandingRequest.status) == RequestStatus.OPEN
        )
    return session.exec(statement.order_by(col(StandingRequest.id))).first()


def add(user_id: int, search_id: int, query: str, *, session: Session) -> StandingRequest:
    """Store a new open request."""
    request = StandingRequest(user_id=user_id, search_id=search_id, query=query)
    session.add(request)
    session.flush()
    return request


def of_user(user_id: int, *, session: Session) -> list[StandingRequest]:
    """The user's open requests and those already fulfilled, newest first (cancelled ones are gone from view)."""
    statement = select(StandingRequest).where(
        col(StandingRequest.user_id) == user_id, col(StandingRequest.status) != RequestStatus.CANCELLED
    )
    return list(session.exec(statement.order_by(col(StandingRequest.id).desc())))


def open_requests(*, session: Session) -> list[StandingRequest]:
    """Every open request, oldest first."""
    statement = select(StandingRequest).where(col(StandingRequest.status) == RequestStatus.OPEN)
    return list(session.exec(statement.order_by(col(StandingRequest.id))))


def cancel(request_id: int, *, session: Session, now: datetime | None = None) -> bool:
    """Cancel an open request; False if it is not open any more."""
    statement = (
        update(StandingRequest)
        .where(col(StandingRequest.id) == request_id, col(StandingRequest.status) == RequestStatus.OPEN)
        .values(status=RequestStatus.CANCELLED, cancelled_at=now or utcnow())
    )
    return session.connection().execute(statement).rowcount == 1


def fulfil(request_ids: Collection[int], code: str, *, session: Session, now: datetime) -> set[int]:
    """Mark open requests fulfilled by the listing ``code``; the ids that were still open (and now are not)."""
    if not request_ids:
        return set()
    statement = (
        update(StandingRequest)
        .where(col(StandingRequest.id).in_(request_ids), col(StandingRequest.status) == RequestStatus.OPEN)
        .values(status=RequestStatus.FULFILLED, fulfilled_code=code, fulfilled_at=now)
        .returning(col(StandingRequest.id))
    )
    return {request_id for request_id in session.connection().execute(statement).scalars() if request_id is not None}


def mark_told(request_ids: Collection[int], *, session: Session, now: datetime) -> None:
    """The notice of these fulfilled requests was delivered."""
    if request_ids:
        statement = update(StandingRequest).where(col(StandingRequest.id).in_(request_ids), col(StandingRequest.told_at).is_(None))
        session.connection().execute(statement.values(told_at=now))


def outcomes(*, session: Session) -> list[tuple[str, bool, bool]]:
    """(wording, told, interested afterwards) of every request not cancelled.

    Interested: the user has an interest (not withdrawn) in the listing they were told about, expressed or
    renewed after the request was fulfilled.
    """
    interested = and_(
        col(Lead.user_id) == StandingRequest.user_id,
        col(Lead.product_code) == StandingRequest.fulfilled_code,
        col(Lead.status) != LeadStatus.WITHDRAWN,
        col(Lead.updated_at) >= StandingRequest.fulfilled_at,
    )
    statement = (
        select(StandingRequest.query, StandingRequest.told_at, Lead.id)
        .outerjoin(Lead, interested)
        .where(col(StandingRequest.status) != RequestStatus.CANCELLED)
    )
    return [(query, told is not None, lead is not None) for query, told, lead in session.exec(statement)]
