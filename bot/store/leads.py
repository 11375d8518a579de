"""Queries over leads: investors' "I'm interested" in listings, and their status."""

from __future__ import annotations

from collections.abc import Collection

from sqlmodel import Session, col, func, select

from .models import Lead, LeadStatus


def get_lead(user_id: int, product_code: str, *, session: Session) -> Lead | None:
    """A user's lead on a product, if any."""
    return session.exec(select(Lead).where(Lead.user_id == user_id, Lead.product_code == product_code)).first()


def add_lead(user_id: int, product_code: str, *, session: Session) -> Lead:
    """Insert a new lead (the caller checked there is none)."""
    lead = Lead(user_id=user_id, product_code=product_code)
    session.add(lead)
    session.flush()
    return lead


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


def leads_of(user_id: int, *, session: Session) -> list[Lead]:
    """One user's leads, newest first."""
    return list(session.exec(select(Lead).where(Lead.user_id == user_id).order_by(col(Lead.created_at).desc(), col(Lead.id).desc())))


def count_leads(*, session: Session, statuses: Collection[LeadStatus] | None = None) -> int:
    """How many leads there are, optionally only in ``statuses``."""
    query = select(func.count()).select_from(Lead)
    if statuses is not None:
        query = query.where(col(Lead.status).in_(list(statuses)))
    return session.exec(query).one()


def lead_counts_by_user(*, session: Session) -> dict[int, int]:
    """User id → number of leads."""
    return {user_id: count for user_id, count in session.exec(select(Lead.user_id, func.count()).group_by(col(Lead.user_id)))}
