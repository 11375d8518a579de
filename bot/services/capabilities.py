"""Reverse matching for the bot: manufacturer profiles against the listings, through :mod:`matching.capabilities`.

The thinnest form of this service's interface, enough for the suppliers and introductions features: the
listing is indexed alone and every profile read each time (the engine's version keeps an index and knows
when to rebuild it).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache

from sqlmodel import Session, select

from bot.i18n import t
from bot.store import catalog
from bot.store.models import ManufacturerProfile, Product, split_list
from matching.capabilities import Capability, CapabilityIndex, Fit, Process, Reason

from .search import product_document


@dataclass(frozen=True, slots=True)
class Opportunity:
    """A listing a manufacturer could make, and why."""

    product: Product
    fit: Fit


@dataclass(frozen=True, slots=True)
class Supplier:
    """A manufacturer that could make a listing, and why."""

    profile: ManufacturerProfile
    fit: Fit


@cache
def load_processes() -> list[Process]:
    """The curated processes of ``seed_data/processes.csv``."""
    import seed_data

    text = seed_data.files().joinpath("processes.csv").read_text(encoding="utf-8")
    return [Process(row["key"], row["name_en"], row["name_fa"], tuple(split_list(row["keywords"])))
            for row in csv.DictReader(io.StringIO(text))]


def capability_of(profile: ManufacturerProfile) -> Capability:
    """The engine's view of a profile."""
    return Capability(str(profile.id), profile.makes, tuple(split_list(profile.processes)), profile.materials, profile.machines)


def opportunities(profile: ManufacturerProfile, *, session: Session, limit: int = 10) -> list[Opportunity]:
    """The listings ``profile`` could make, best fit first."""
    products = {product.code: product for product in catalog.products(session=session)}
    sectors = {sector.key: sector for sector in catalog.sectors(session=session)}
    index = CapabilityIndex([product_document(p, sectors.get(p.sector)) for p in products.values()], load_processes())
    return [Opportunity(products[fit.key], fit) for fit in index.opportunities(capability_of(profile), limit=limit)]


def suppliers(product_code: str, *, session: Session, consented_only: bool, limit: int | None = None) -> list[Supplier]:
    """The manufacturers that could make the listing, best fit first; with ``consented_only``, those who let
    investors see them."""
    product = catalog.get_product(product_code, session=session)
    if product is None:
        return []
    query = select(ManufacturerProfile)
    if consented_only:
        query = query.where(ManufacturerProfile.consent == True)  # noqa: E712 (a column, not a bool)
    profiles = {str(profile.id): profile for profile in session.exec(query)}
    sector = catalog.get_sector(product.sector, session=session)
    index = CapabilityIndex([product_document(product, sector)], load_processes(), [capability_of(p) for p in profiles.values()])
    return [Supplier(profiles[fit.key], fit) for fit in index.suppliers(product.code, limit=limit)]


def describe_reason(reason: Reason, language: str) -> str:
    """Why a listing fits, in words: which part of the profile agrees with what the listing says."""
    if reason.kind == "process":
        process = next((p for p in load_processes() if p.key == reason.profile_text), None)
        name = (process.name_fa if language == "fa" else process.name_en) if process else reason.profile_text
        return t(language, "reason_process", process=name, listing=reason.listing_text)
    if reason.kind == "material":
        return t(language, "reason_material", material=reason.profile_text)
    if reason.kind == "machine":
        return t(language, "reason_machine", machine=reason.profile_text, listing=reason.listing_text)
    return t(language, "reason_makes", listing=reason.listing_text)
