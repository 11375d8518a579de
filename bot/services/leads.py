"""Investors' "I'm interested": leads, their optional notes, and who should hear of them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from bot.store import catalog, people
from bot.store.models import Desk, Lead, Product, Sector, User

NOTE_MAX_LENGTH = 300


@dataclass(frozen=True, slots=True)
class Interest:
    """The outcome of tapping "I'm interested": the lead, and whether this tap created it."""

    lead: Lead
    product: Product
    sector: Sector | None
    desk: Desk | None
    user: User
    created: bool


class UnknownProduct(LookupError):
    """The listing no longer exists (a stale button)."""


def register_interest(user_id: int, product_code: str, *, session: Session) -> Interest:
    """Record a lead once per user and product, and wait for the user's optional note."""
    product = catalog.get_product(product_code, session=session)
    user = people.get_user(user_id, session=session)
    if product is None or user is None:
        raise UnknownProduct(product_code)
    lead = people.get_lead(user_id, product.code, session=session)
    created = lead is None
    if lead is None:
        lead = people.add_lead(user_id, product.code, session=session)
        user.pending_note_lead_id = lead.id
        session.add(user)
    desk = catalog.desk_of(product, session=session)
    sector = session.get(Sector, product.sector)
    return Interest(lead=lead, product=product, sector=sector, desk=desk, user=user, created=created)


def pending_note_lead(user_id: int, *, session: Session) -> Lead | None:
    """The lead whose note the user's next message is, if the bot asked for one."""
    user = people.get_user(user_id, session=session)
    if user is None or user.pending_note_lead_id is None:
        return None
    return session.get(Lead, user.pending_note_lead_id)


def save_note(user_id: int, text: str, *, session: Session) -> Lead | None:
    """Attach the user's one-line note to the lead they were asked about; None if none was asked."""
    lead = pending_note_lead(user_id, session=session)
    user = people.get_user(user_id, session=session)
    if lead is None or user is None:
        return None
    lead.note = " ".join(text.split())[:NOTE_MAX_LENGTH]
    user.pending_note_lead_id = None
    session.add_all([lead, user])
    return lead
