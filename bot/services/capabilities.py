"""Reverse matching over the stored catalog and profiles: what a unit could make, who could make a listing.

The bridge between the database and :mod:`matching.capabilities`. Building the index takes seconds at a large
catalog, so it is built once and kept, keyed on a change stamp read from the database at every call (the
latest ``updated_at`` and the number of rows, of listings and of profiles): a cheap query, and every process
of the bot sees a change another process committed and rebuilds on its own.
"""

from __future__ import annotations

import csv
import io
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.i18n import N_, Html, MessageId, cut, is_persian, t
from bot.store import catalog as store
from bot.store.models import ManufacturerProfile, Product, ProductStatus, ProfileSource, split_list
from matching.acronyms import is_acronym, latin_words
from matching.capabilities import Capability, CapabilityIndex, Fit, Process, Reason
from matching.lexicon import spelt_as_english
from matching.normalize import normalize

from .search import product_document, sector_fields, shipped_synonyms

__all__ = [
    "Opportunity", "Supplier", "capability_of", "certified_sectors", "describe_reason", "evidence", "load_processes", "opportunities", "sectors_of",
    "process_name", "reads_in", "suppliers",
]  # fmt: skip

# Listings a manufacturer can still take up.
_LIVE = (ProductStatus.OPEN, ProductStatus.IN_PROGRESS)


@dataclass
class Opportunity:
    """A listing a profile could make, and why."""

    product: Product
    fit: Fit


@dataclass
class Supplier:
    """A profile that could make a listing, and why."""

    profile: ManufacturerProfile
    fit: Fit


@cache
def load_processes() -> list[Process]:
    """The curated processes of ``seed_data/processes.csv`` (keywords ``;``-separated), read once."""
    import seed_data

    text = seed_data.files().joinpath("processes.csv").read_text(encoding="utf-8")
    return [
        Process(row["key"], row["name_en"], row["name_fa"], tuple(split_list(row["keywords"])), tuple(split_list(row.get("excluded_by") or "")))
        for row in csv.DictReader(io.StringIO(text))
    ]


@cache
def shipped_units() -> tuple[Capability, ...]:
    """The illustrative registry units of ``seed_data/units.csv`` as the engine reads them (products as "makes"):
    what shops with given processes make, whether or not they were seeded into the database."""
    import seed_data

    text = seed_data.files().joinpath("units.csv").read_text(encoding="utf-8")
    return tuple(
        Capability(key=row["unit_id"], makes=row["products"], processes=tuple(split_list(row["processes"])))
        for row in csv.DictReader(io.StringIO(text))
    )


@cache
def certified_sectors() -> dict[str, str]:
    """Certification key → the sector it is audited for (``seed_data/certifications.csv``'s ``sector``: IATF
    16949 → automotive); general ones (ISO 9001, ISO 14001, the national mark) vouch for none."""
    import seed_data

    text = seed_data.files().joinpath("certifications.csv").read_text(encoding="utf-8")
    return {row["key"]: row["sector"] for row in csv.DictReader(io.StringIO(text)) if row.get("sector")}


def sectors_of(certifications: Iterable[str]) -> tuple[str, ...]:
    """The sectors a profile's certifications vouch for, each once, in order."""
    vouched = certified_sectors()
    return tuple(dict.fromkeys(vouched[key] for key in certifications if key in vouched))


def capability_of(profile: ManufacturerProfile) -> Capability:
    """The engine's view of a profile; its key is the profile id."""
    return Capability(
        key=str(profile.id),
        makes=profile.makes,
        processes=tuple(split_list(profile.processes)),
        materials=profile.materials,
        machines=profile.machines,
        sectors=sectors_of(split_list(profile.certifications)),
    )


# ------------------------------------------------------------------------------------------ the index

Stamp = tuple[datetime | None, int, datetime | None, int]

_lock = threading.Lock()
_cached: tuple[Stamp, CapabilityIndex] | None = None


def _stamp(*, session: Session) -> Stamp:
    """What changes whenever a listing or a profile is added, edited or deleted: two cheap aggregates."""
    products = session.exec(select(func.max(Product.updated_at), func.count(col(Product.id)))).one()
    profiles = session.exec(
        select(func.max(ManufacturerProfile.updated_at), func.count(col(ManufacturerProfile.id)))
    ).one()
    return (products[0], int(products[1]), profiles[0], int(profiles[1]))


def _build(*, session: Session) -> CapabilityIndex:
    shared = {sector.key: sector_fields(sector) for sector in store.sectors(session=session)}
    documents = [product_document(row, shared.get(row.sector, ())) for row in store.searchable_products(session=session)]
    rows = list(session.exec(select(ManufacturerProfile).order_by(col(ManufacturerProfile.id))))
    # What units with given processes make, as a prior of the sectors a process serves: the registry's units
    # (imported or seeded) and the shipped examples not seeded; a profile built in chat is the evidence being
    # judged, not a teacher.
    units = [capability_of(row) for row in rows if row.source == ProfileSource.REGISTRY]
    seeded = {row.unit_id for row in rows if row.unit_id is not None}
    units += [unit for unit in shipped_units() if unit.key not in seeded]
    return CapabilityIndex(
        documents, load_processes(), [capability_of(row) for row in rows], synonyms=shipped_synonyms(), units=units
    )


def capability_index(*, session: Session) -> CapabilityIndex:
    """The index of everything stored, rebuilt only when the change stamp moved since it was built."""
    global _cached
    stamp = _stamp(session=session)
    cached = _cached
    if cached is not None and cached[0] == stamp:
        return cached[1]
    with _lock:  # one build at a time; whoever waited finds it built
        if _cached is not None and _cached[0] == stamp:
            return _cached[1]
        index = _build(session=session)
        _cached = (stamp, index)
        return index


def forget_index() -> None:
    """Drop the kept index (tests that swap databases under the same stamps)."""
    global _cached
    _cached = None


# ------------------------------------------------------------------------------------------ queries


def opportunities(profile: ManufacturerProfile, *, session: Session, limit: int = 10) -> list[Opportunity]:
    """The open and in-progress listings ``profile`` could make, best fit first, at most ``limit``."""
    if limit <= 0:
        return []
    index = capability_index(session=session)
    capability = capability_of(profile)
    wanted = limit * 2 + 5
    while True:
        # A shop that says only how it works is shown what its processes fit best rather than nothing.
        fits = index.opportunities(capability, limit=wanted, by_processes=True)
        products = _products([fit.key for fit in fits], session=session)
        found = [
            Opportunity(products[fit.key], fit)
            for fit in fits
            if fit.key in products and products[fit.key].status in _LIVE
        ]
        # Awarded and closed listings took some of the places: ask for more until there are enough or no more.
        if len(found) >= limit or len(fits) < wanted:
            return found[:limit]
        wanted *= 4


def suppliers(
    product_code: str, *, session: Session, consented_only: bool, limit: int | None = None
) -> list[Supplier]:
    """The profiles that could make the listing ``product_code``, best fit first.

    ``consented_only`` keeps the profiles whose owners let investors see them (for an investor's eyes);
    desks and admins see every profile.
    """
    if limit is not None and limit <= 0:
        return []
    index = capability_index(session=session)
    wanted = None if limit is None else limit * 2 + 5
    while True:
        fits = index.suppliers(product_code, limit=wanted)
        ids = [int(fit.key) for fit in fits]
        rows = session.exec(select(ManufacturerProfile).where(col(ManufacturerProfile.id).in_(ids))).all() if ids else []
        by_id = {str(row.id): row for row in rows}
        found = [
            Supplier(by_id[fit.key], fit)
            for fit in fits
            if fit.key in by_id and (by_id[fit.key].consent or not consented_only)
        ]
        if limit is None:
            return found
        # Profiles without consent took some of the places: ask for more until there are enough or no more.
        if len(found) >= limit or wanted is None or len(fits) < wanted:
            return found[:limit]
        wanted *= 4


def _products(codes: Sequence[str], *, session: Session) -> dict[str, Product]:
    if not codes:
        return {}
    rows = session.exec(select(Product).where(col(Product.code).in_(list(codes)))).all()
    return {row.code: row for row in rows}


# ------------------------------------------------------------------------------------------ reasons

# A reason quotes at most this much of the profile or the listing, so it fits one line of a list.
REASON_WORDS = 60
# What a listing made by each process is, for "you do X; this listing is Y".
_PROCESS_REASONS: dict[str, MessageId] = {
    "machining": N_("reason_process_machining"),
    "casting": N_("reason_process_casting"),
    "forging": N_("reason_process_forging"),
    "sheet_metal": N_("reason_process_sheet_metal"),
    "welding": N_("reason_process_welding"),
    "heat_treatment": N_("reason_process_heat_treatment"),
    "surface_coating": N_("reason_process_surface_coating"),
    "injection_moulding": N_("reason_process_injection_moulding"),
    "extrusion": N_("reason_process_extrusion"),
    "rubber_moulding": N_("reason_process_rubber_moulding"),
    "composites": N_("reason_process_composites"),
    "pcb_assembly": N_("reason_process_pcb_assembly"),
    "electrical_assembly": N_("reason_process_electrical_assembly"),
    "chemical_synthesis": N_("reason_process_chemical_synthesis"),
    "pharma_manufacturing": N_("reason_process_pharma_manufacturing"),
    "food_processing": N_("reason_process_food_processing"),
    "textile_processing": N_("reason_process_textile_processing"),
    "glass_ceramics": N_("reason_process_glass_ceramics"),
    "powder_metallurgy": N_("reason_process_powder_metallurgy"),
    "precision_instruments": N_("reason_process_precision_instruments"),
    "steelmaking": N_("reason_process_steelmaking"),
    "mould_making": N_("reason_process_mould_making"),
}


# How a unit makes a part of a listing's product, and what that part then is ("you cast “pump casings”; the casing
# of this listing is a casting"): processes that shape parts, and a general pair for the rest.
_PART_DID: dict[str, MessageId] = {
    "casting": N_("reason_part_did_casting"),
    "forging": N_("reason_part_did_forging"),
    "machining": N_("reason_part_did_machining"),
    "sheet_metal": N_("reason_part_did_sheet_metal"),
    "injection_moulding": N_("reason_part_did_injection_moulding"),
    "welding": N_("reason_part_did_welding"),
}
_PART_MADE: dict[str, MessageId] = {
    "casting": N_("reason_part_made_casting"),
    "forging": N_("reason_part_made_forging"),
    "machining": N_("reason_part_made_machining"),
    "sheet_metal": N_("reason_part_made_sheet_metal"),
    "injection_moulding": N_("reason_part_made_injection_moulding"),
    "welding": N_("reason_part_made_welding"),
}


def process_name(key: str, language: str) -> str:
    """A process's name as it reads inside a sentence: without its parenthesis, lower case in English."""
    for process in load_processes():
        if process.key == key:
            name = process.name_fa if language == "fa" else process.name_en
            name = name.split(" (", 1)[0].strip()
            return name if language == "fa" else name[:1].lower() + name[1:]
    return key.replace("_", " ")


def _short(text: str) -> str:
    """A quoted word or phrase of a reason: one line of at most :data:`REASON_WORDS` characters."""
    return cut(" ".join(text.split()), REASON_WORDS)




def reads_in(text: str, language: str) -> bool:
    """Whether ``text`` can be quoted to a reader of ``language``: Persian holds no Latin word but acronyms, English
    no Persian letter."""
    if language == "fa":
        return all(is_acronym(word) for word in latin_words(text))
    return not is_persian(text)


# Where a text written in two languages changes sentence: a registry's "Machined parts: shafts; CNC turning. قطعات
# تراشکاری خودرو: شفت، بوش" says it in English, then in Persian.
_SENTENCE_END = re.compile(r"(?<=[.!?؟;؛])\s+")


# Words only English writes between product names: Finglish joins with "va", «و».
_ENGLISH_WORDS = frozenset({"and", "of", "for", "the", "with", "in", "to", "from", "parts", "we", "make", "our"})


def written_in_english(latin: str) -> bool:
    """Whether text in Latin letters is English rather than Persian typed in Latin letters (``ghataat khodro va
    tarashkari``): a blind trial's Finglish was labelled «به انگلیسی», which it is not."""
    words = normalize(latin).split()
    return any(word in _ENGLISH_WORDS or spelt_as_english(word) for word in words)


def in_language(text: str, language: str) -> tuple[str, bool]:
    """The sentences of ``text`` written in ``language`` when it has some, and False; else all of it and True: it must
    be shown in the other language, and labelled so (a Persian card of a registry unit mixed in its English text)."""
    sentences = [sentence for sentence in _SENTENCE_END.split(" ".join(text.split())) if sentence]
    own = [sentence for sentence in sentences if (is_persian(sentence) if language == "fa" else not is_persian(sentence))]
    return (" ".join(own), False) if own else (" ".join(sentences), bool(sentences))


def evidence(reason: Reason, language: str) -> str:
    """What the listing says that agrees with the profile, as the listing says it in ``language``; empty when it
    has no word for it there (the reason is then said without a quote)."""
    said = reason.listing_fa if language == "fa" else reason.listing_en
    if said:
        return said
    # The word that matched still serves when the reader's language writes it so (an acronym such as "CNC").
    return reason.listing_text if reason.listing_text and reads_in(reason.listing_text, language) else ""


def own_phrases(language: str, said: str, limit: int = REASON_WORDS) -> str:
    """The profile's own phrases a reason quotes, each its own quote: ``said`` joins separate phrases with commas
    («قطعات چدنی پمپ، بدنه گیربکس»), and one quote around all of them puts words in the owner's mouth they never
    wrote together. Goes inside the catalog's quotes: «a» و «b» (the first three, each cut to ``limit``, so the
    line stays short)."""
    phrases = [phrase.strip() for phrase in re.split(r"[،,]\s", " ".join(said.split())) if phrase.strip()]
    return t(language, "reason_quotes_between").join(cut(phrase, limit) for phrase in phrases[:3])


def quotable(reason: Reason, language: str) -> bool:
    """Whether a reason may quote the profile's words to a reader of ``language``. A Persian sentence quotes only
    what reads in Persian, as it does the listing: Latin words but acronyms run backwards inside it, and Finglish
    («mize boresh») is no Persian to read. An English one quotes Persian, which its writer reads, but not
    Finglish (``reason.finglish``), which is no English."""
    if language == "fa":
        return reads_in(reason.profile_text, "fa")
    return not reason.finglish


def describe_reason(reason: Reason, language: str) -> Html:
    """One reason a listing fits, as a sentence in ``language``: HTML, the profile's and listing's words escaped and
    each cut to :data:`REASON_WORDS` characters, so a reason is short enough for any line that shows it. The listing
    is quoted in the reader's language only; the profile's own words are quoted as its owner wrote them when they read
    in it (see :func:`quotable`), else the reason is said without them."""
    said, listed = _short(reason.profile_text), _short(evidence(reason, language))
    unsaid = not quotable(reason, language)
    if reason.kind == "part":
        did_key, made_key = _PART_DID.get(reason.process), _PART_MADE.get(reason.process)
        if unsaid:
            did = t(language, "reason_part_did_unsaid")
        elif did_key is not None:
            did = t(language, did_key, said=said)
        else:
            did = t(language, "reason_part_did_other", said=said)
        made = t(language, made_key) if made_key is not None else t(language, "reason_part_made_other")
        part = (reason.part_fa if language == "fa" else reason.part_en) or t(language, "reason_part_noun")
        return Html(t(language, "reason_part", did=Html(did), part=part, listing=listed, made=Html(made)))
    if reason.kind == "makes" and not reason.named:
        listed = ""  # the unit makes a word of the listing's name, not the listing: never "this listing is …"
    if reason.kind == "makes" and unsaid:
        if listed:
            return Html(t(language, "reason_makes_unsaid", listing=listed))
        return Html(t(language, "reason_makes_unsaid_unquoted"))
    if reason.kind == "makes":
        said = own_phrases(language, reason.profile_text)
        if listed:
            return Html(t(language, "reason_makes", said=said, listing=listed))
        return Html(t(language, "reason_makes_unquoted", said=said))
    if reason.kind == "material":
        if unsaid:
            return Html(t(language, "reason_material_unsaid"))
        return Html(t(language, "reason_material", material=said))
    if reason.kind == "process":
        key = _PROCESS_REASONS.get(reason.profile_text)
        process = process_name(reason.profile_text, language)
        core = t(language, key) if key is not None else t(language, "reason_process_other", process=process)
    elif unsaid:
        core = t(language, "reason_machine_unsaid")
    else:
        core = t(language, "reason_machine", machines=said)
    if listed:
        return Html(t(language, "reason_quoted", reason=Html(core), word=listed))
    return Html(t(language, "reason_unquoted", reason=Html(core)))
