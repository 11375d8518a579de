"""Capable suppliers for the desks: the manufacturers that could make a listing, seen by admins and by the
officers of the listing's desk only, and a desk's message to one of them relayed by the bot.

A registry unit nobody owns in chat cannot be written to through the bot: the desk gets its registry contact
instead. Both are recorded in the audit log (``supplier.contact``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache

from sqlmodel import Session

from bot.store import catalog
from bot.store import introductions as store
from bot.store.models import Desk, ManufacturerProfile, Product, utcnow

from . import audit
from .admins import Rights
from .capabilities import Supplier, suppliers
from .inputs import clean_text

CONTACT_WAIT = timedelta(minutes=30)
"""How long the bot takes an officer's next message as their message to a manufacturer."""
MAX_MESSAGE = 1500


class Refusal(StrEnum):
    UNKNOWN = "unknown"
    """No such listing (or manufacturer): a mistyped code, a forged button."""
    NOT_YOURS = "not_yours"
    """The listing is not of the officer's desks."""


@dataclass(frozen=True, slots=True)
class SupplierList:
    """A listing with the manufacturers that could make it, best fit first."""

    product: Product
    desk: Desk | None
    suppliers: list[Supplier]


def may_see(rights: Rights | None, product: Product) -> bool:
    """Admins, and the officers of the listing's desk, see its suppliers; nobody else does."""
    return rights is not None and rights.covers_product(product)


def count_for(rights: Rights | None, product: Product, *, session: Session) -> int | None:
    """How many manufacturers could make ``product``, for the card of someone who may see them (else None)."""
    return len(suppliers(product.code, session=session, consented_only=False)) if may_see(rights, product) else None


def supplier_list(code: str, *, session: Session, rights: Rights) -> SupplierList | Refusal:
    """The suppliers of the listing ``code`` (any case) for an admin, or why not."""
    product = catalog.get_product(code.strip().upper(), session=session)
    if product is None:
        return Refusal.UNKNOWN
    if not may_see(rights, product):
        return Refusal.NOT_YOURS
    return SupplierList(product, catalog.desk_of(product, session=session), suppliers(product.code, session=session, consented_only=False))


@dataclass(frozen=True, slots=True)
class RegistryContact:
    """A registry unit nobody owns in chat: how the registry says to reach it."""

    profile: ManufacturerProfile
    product: Product


@dataclass(frozen=True, slots=True)
class Drafting:
    """The bot waits for the officer's message to the profile's owner."""

    profile: ManufacturerProfile
    product: Product


def start_contact(actor_id: int, code: str, profile_id: int, *, session: Session, rights: Rights,
                  now: datetime | None = None) -> RegistryContact | Drafting | Refusal:
    """"Contact through the bot": wait for the message to a chat-owned profile, or give a registry unit's contact
    (recorded). Only a manufacturer capable of the listing, on a listing the admin covers (a forged button
    naming another profile or listing is refused)."""
    found = supplier_list(code, session=session, rights=rights)
    if isinstance(found, Refusal):
        return found
    profile = next((s.profile for s in found.suppliers if s.profile.id == profile_id), None)
    if profile is None:
        return Refusal.UNKNOWN
    if profile.user_id is None:
        audit.record(actor_id, audit.SUPPLIER_CONTACT, session=session, target=str(profile_id),
                     after={"product": found.product.code, "shown": "registry contact"})
        return RegistryContact(profile, found.product)
    store.set_pending_contact(actor_id, profile_id, found.product.code, session=session, now=now or utcnow())
    return Drafting(profile, found.product)


class Dropped(StrEnum):
    TOO_LONG = "too_long"
    """Kept waiting: the officer may send a shorter message."""
    GONE = "gone"
    """The manufacturer's profile was deleted (or the officer lost the desk) meanwhile."""


@dataclass(frozen=True, slots=True)
class Relay:
    """The officer's message, to be given to the manufacturer's owner."""

    profile: ManufacturerProfile
    owner_id: int
    product: Product
    desk: Desk | None
    message: str


def take_message(actor_id: int, text: str, *, session: Session, rights: Rights | None,
                 now: datetime | None = None) -> Relay | Dropped | None:
    """The officer's message, if the bot waits for one (None otherwise: the text is searched as usual)."""
    pending = store.get_pending_contact(actor_id, session=session)
    if pending is None:
        return None
    now = now or utcnow()
    if pending.created_at + CONTACT_WAIT < now:
        store.drop_pending_contact(actor_id, session=session)
        return None
    message = clean_text(text).strip()
    if len(message) > MAX_MESSAGE:
        return Dropped.TOO_LONG
    store.drop_pending_contact(actor_id, session=session)
    profile = store.get_profile(pending.profile_id, session=session)
    product = catalog.get_product(pending.product_code, session=session)
    if profile is None or profile.user_id is None or product is None or not may_see(rights, product):
        return Dropped.GONE
    audit.record(actor_id, audit.SUPPLIER_CONTACT, session=session, target=str(profile.id),
                 after={"product": product.code, "to": profile.user_id, "message": message})
    return Relay(profile, profile.user_id, product, catalog.desk_of(product, session=session), message)


def cancel(actor_id: int, *, session: Session) -> bool:
    """Stop waiting for the officer's message to a manufacturer; True if the bot was waiting."""
    return store.drop_pending_contact(actor_id, session=session)


# ----------------------------------------------------------------------------- the shared lists' names


@cache
def _names(file_name: str) -> dict[str, tuple[str, str]]:
    import seed_data

    text = seed_data.files().joinpath(file_name).read_text(encoding="utf-8")
    return {row["key"]: (row["name_en"], row["name_fa"]) for row in csv.DictReader(io.StringIO(text))}


def list_name(file_name: str, key: str, language: str) -> str:
    """A province, process or certification key's name in ``language`` (``provinces.csv``…); an unknown key as is."""
    names = _names(file_name).get(key)
    return key if names is None else names[1] if language == "fa" else names[0]
