"""Reverse matching for the bot: what a manufacturer's profile could make, and who could make a listing.

The bridge between the stored profiles and listings and the pure :class:`matching.capabilities.CapabilityIndex`.
This is the thinnest version of the surface the matching-engine branch provides (issue 14); that branch's
version replaces it, so nothing here tunes matching.
"""

from __future__ import annotations

import csv
import io
import re
import threading
from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot.store import catalog
from bot.store.models import ManufacturerProfile, Product, ProductStatus, split_list
from matching.capabilities import Capability, CapabilityIndex, Fit, Process, Reason

from .search import product_document, sector_fields, shipped_synonyms

# Listings that still take interest: a manufacturer can still offer to make them.
_LIVE = (ProductStatus.OPEN, ProductStatus.IN_PROGRESS)
_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
# Profile words quoted in a reason are cut to this many characters.
_QUOTED = 40


@dataclass(frozen=True, slots=True)
class Opportunity:
    """A listing a manufacturer could make, and how well it fits."""

    product: Product
    fit: Fit


@dataclass(frozen=True, slots=True)
class Supplier:
    """A manufacturer that could make a listing, and how well it fits."""

    profile: ManufacturerProfile
    fit: Fit


_processes: list[Process] | None = None


def load_processes() -> list[Process]:
    """The curated processes of ``seed_data/processes.csv`` (read once)."""
    global _processes
    if _processes is None:
        import seed_data

        text = seed_data.files().joinpath("processes.csv").read_text(encoding="utf-8")
        _processes = [
            Process(row["key"], row["name_en"], row["name_fa"], tuple(split_list(row["keywords"])))
            for row in csv.DictReader(io.StringIO(text))
        ]
    return _processes


def capability_of(profile: ManufacturerProfile) -> Capability:
    """The engine's view of a profile (its key is the profile id)."""
    return Capability(
        key=str(profile.id),
        makes=profile.makes,
        processes=tuple(split_list(profile.processes)),
        materials=profile.materials,
        machines=profile.machines,
    )


class _Cache:
    """The index over the live listings, rebuilt when the catalog changes (its version moves)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple[object, ...] | None = None
        self._index: CapabilityIndex | None = None

    def index(self, *, session: Session) -> CapabilityIndex:
        version = catalog.catalog_version(session=session)
        with self._lock:
            if self._index is None or version != self._version:
                shared = {sector.key: sector_fields(sector) for sector in catalog.sectors(session=session)}
                live = select(Product).where(col(Product.status).in_(_LIVE))
                documents = [product_document(product, shared.get(product.sector, ())) for product in session.exec(live)]
                self._index = CapabilityIndex(documents, load_processes(), synonyms=shipped_synonyms())
                self._version = version
            return self._index


_cache = _Cache()


def opportunities(profile: ManufacturerProfile, *, session: Session, limit: int = 10) -> list[Opportunity]:
    """The live listings ``profile`` could make, best fit first (import value breaks ties); at most ``limit``."""
    fits = _cache.index(session=session).opportunities(capability_of(profile), limit=limit)
    products = catalog.products_by_code([fit.key for fit in fits], session=session)
    return [Opportunity(products[fit.key], fit) for fit in fits if fit.key in products and products[fit.key].status in _LIVE]


def suppliers(product_code: str, *, session: Session, consented_only: bool, limit: int | None = None) -> list[Supplier]:
    """The profiles that could make ``product_code``, best fit first; only those that consented with ``consented_only``."""
    product = catalog.get_product(product_code, session=session)
    if product is None:
        return []
    query = select(ManufacturerProfile)
    if consented_only:
        query = query.where(col(ManufacturerProfile.consent).is_(True))
    profiles = {str(profile.id): profile for profile in session.exec(query)}
    sector = catalog.get_sector(product.sector, session=session)
    index = CapabilityIndex([product_document(product, sector)], load_processes(), [capability_of(p) for p in profiles.values()],
                            synonyms=shipped_synonyms())
    return [Supplier(profiles[fit.key], fit) for fit in index.suppliers(product_code, limit=limit)]


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTED else text[: _QUOTED - 1].rstrip() + "…"


def _process_name(key: str, language: str) -> str:
    process = next((p for p in load_processes() if p.key == key), None)
    if process is None:
        return key
    named = _PARENTHESIS.sub("", process.name_fa if language == "fa" else process.name_en).strip()
    return named if language == "fa" else named[:1].lower() + named[1:]


def describe_reason(reason: Reason, language: str) -> str:
    """One line, plain text, on why a listing fits: "you do precision machining; this listing is a machined part"."""
    listing = _quoted(reason.listing_text)
    if reason.kind == "process":
        name = _process_name(reason.profile_text, language)
        if language == "fa":
            return f"کار شما {name} است؛ این کالا با «{listing}» شناخته می‌شود"
        return f"you do {name}; this listing is about “{listing}”"
    if reason.kind == "material":
        if language == "fa":
            return f"شما با «{listing}» کار می‌کنید؛ این کالا هم «{listing}» دارد"
        return f"you work with “{listing}”; this listing uses it"
    if reason.kind == "machine":
        if language == "fa":
            return f"دستگاه‌های شما («{_quoted(reason.profile_text)}») به کار ساخت «{listing}» می‌آیند"
        return f"your machines (“{_quoted(reason.profile_text)}”) suit “{listing}”"
    if language == "fa":
        return f"شما «{_quoted(reason.profile_text)}» می‌سازید؛ این کالا «{listing}» است"
    return f"you make “{_quoted(reason.profile_text)}”; this listing is “{listing}”"

