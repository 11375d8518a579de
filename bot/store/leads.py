"""Queries over leads: investors' "I'm interested" in listings, and their status."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, or_, update
from sqlmodel import Session, col, func, select

from .models import Lead, LeadNote, LeadStatus, Product


@dataclass(frozen=True, slots=True)
class Scope:
    """The leads of listings naming one of ``desks`` or in one of ``sectors`` (a desk officer's)."""

    desks: frozenset[str]
    sectors: frozenset[str]


def _scoped(query: Any, scope: Scope | None) -> Any:
    if scope is None:
        return query
    in_scope = select(Product.code).where(or_(col(Product.desk).in_(list(scope.desks)), col(Product.sector).in_(list(scope.sectors))))
    return query.where(col(Lead.product_code).in_(in_scope))


def _overdue(now: datetime) -> Any:
    return and_(col(Lead.status) == LeadStatus.NEW, col(Lead.due_at).is_not(None), col(Lead.due_at) < now)


def get_lead(user_id: int, product_code: str, *, session: Session) -> Lead | None:
    """A user's lead on a product, if any."""
    return session.exec(select(Lead).where(Lead.user_id == user_id, Lead.product_code == product_code)).first()


def add_lead(user_id: int, product_code: str, *, session: Session) -> Lead:
    """Insert a new lead (the caller checked there is none)."""
    lead = Lead(user_id=user_id, product_code=product_code)
    session.add(lead)
    session.flush()
    return lead


def add_note(lead_id: int, text: str, *, session: Session) -> LeadNote:
    """Add a note to a lead (after the ones it has)."""
    note = LeadNote(lead_id=lead_id, text=text)
    session.add(note)
    session.flush()
    return note


def notes_of(lead_ids: Collection[int], *, session: Session) -> dict[int, list[LeadNote]]:
    """Each lead's notes, oldest first (leads without notes are left out)."""
    if not lead_ids:
        return {}
    found: dict[int, list[LeadNote]] = {}
    query = select(LeadNote).where(col(LeadNote.lead_id).in_(list(lead_ids))).order_by(col(LeadNote.created_at), col(LeadNote.id))
    for note in session.exec(query):
        found.setdefault(note.lead_id, []).append(note)
    return found


def get_lead_by_id(lead_id: int, *, session: Session) -> Lead | None:
    """A lead by its number."""
    return session.get(Lead, lead_id)


def leads(
    *, session: Session, statuses: Collection[LeadStatus] | None = None, offset: int = 0, limit: int | None = None,
    scope: Scope | None = None, overdue_first_at: datetime | None = None,
) -> list[Lead]:
    """Leads newest first, optionally only those in ``statuses`` and ``scope``; with ``overdue_first_at`` (now),
    the overdue ones come first, the longest overdue first."""
    order: list[Any] = []
    if overdue_first_at is not None:
        overdue = _overdue(overdue_first_at)
        order = [case((overdue, 0), else_=1), case((overdue, col(Lead.due_at)), else_=None)]
    query = _scoped(select(Lead).order_by(*order, col(Lead.created_at).desc(), col(Lead.id).desc()).offset(offset), scope)
    if statuses is not None:
        query = query.where(col(Lead.status).in_(list(statuses)))
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query))


def leads_of(user_id: int, *, session: Session) -> list[Lead]:
    """One user's leads, newest first."""
    return list(session.exec(select(Lead).where(Lead.user_id == user_id).order_by(col(Lead.created_at).desc(), col(Lead.id).desc())))


def count_leads(*, session: Session, statuses: Collection[LeadStatus] | None = None, scope: Scope | None = None) -> int:
    """How many leads there are, optionally only in ``statuses`` and ``scope``."""
    query = _scoped(select(func.count()).select_from(Lead), scope)
    if statuses is not None:
        query = query.where(col(Lead.status).in_(list(statuses)))
    count: int = session.exec(query).one()
    return count


def lead_counts_by_user(*, session: Session) -> dict[int, int]:
    """User id → number of leads."""
    return {user_id: count for user_id, count in session.exec(select(Lead.user_id, func.count()).group_by(col(Lead.user_id)))}


def overdue_leads(*, session: Session, now: datetime, not_reminded_on: date) -> list[Lead]:
    """Leads overdue at ``now`` whose officers were not reminded of them on ``not_reminded_on``, longest overdue first."""
    query = select(Lead).where(_overdue(now), or_(col(Lead.reminded_on).is_(None), col(Lead.reminded_on) < not_reminded_on))
    return list(session.exec(query.order_by(col(Lead.due_at), col(Lead.id))))


def claim_reminder(lead_id: int, day: date, *, session: Session) -> bool:
    """Mark the lead reminded on ``day`` unless it already was; True if this call did.

    A conditional update: of replicas claiming the same lead at once, the database lets one through (the
    others wait for its row lock, then find it claimed), so a reminder goes out once a day.
    """
    statement = (update(Lead).where(col(Lead.id) == lead_id, or_(col(Lead.reminded_on).is_(None), col(Lead.reminded_on) < day))
                 .values(reminded_on=day))
    return session.connection().execute(statement).rowcount == 1
