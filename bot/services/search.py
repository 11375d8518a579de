"""Searching the stored catalog: the bridge between the database and the pure matching engine."""

from __future__ import annotations

import csv
import gc
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import zip_longest
from dataclasses import dataclass
from typing import Literal

from sqlmodel import Session

from bot.store import catalog as store
from bot.store.models import Desk, Product, ProductStatus, Sector, split_list
from matching import Document, Field, Index, Match
from matching.lexicon import parse_synonyms
from matching.normalize import normalize

Kind = Literal["product", "desk"]

# The sector whose listings (machine tools, bearings, gearboxes) serve every other: a need naming it
# beside another sector's workplace is that sector's.
_EVERY_SECTORS_SUPPLIER = "machinery"
# A need of a whole sector is said in a few words ("what hospital machines does Iran import?").
_SECTOR_NEED_WORDS = 12


@dataclass(frozen=True, slots=True)
class Result:
    """One confident search result, with what a person needs to recognise it."""

    kind: Kind
    code: str
    name_en: str
    name_fa: str
    sector: str
    score: float
    why: str
    annual_import_usd: int | None = None
    status: ProductStatus | None = None  # listings only

    def name(self, language: str) -> str:
        """The name in ``language`` ("fa" or "en")."""
        return self.name_fa if language == "fa" else self.name_en


@dataclass(frozen=True, slots=True)
class _Entry:
    name_en: str
    name_fa: str
    sector: str
    annual_import_usd: int | None
    status: ProductStatus | None = None


# What the index needs of a product: a stored one, or the plain row start-up streams.
Listing = Product | store.SearchableProduct


def sector_fields(sector: Sector | None) -> tuple[Field, ...]:
    """The fields a sector lends every listing in it (its key, names and aliases)."""
    if sector is None:
        return ()
    texts = [sector.key.replace("_", " "), sector.name_en, sector.name_fa, *split_list(sector.aliases)]
    return tuple(Field("sector", text) for text in texts)


_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*")


def _name_parts(name: str) -> list[str]:
    """A name written "Gas-insulated switchgear (GIS)" also goes by each part: "Gas-insulated switchgear", "GIS"."""
    if "(" not in name:  # most names: skip the regular expressions
        return []
    inside = [part.strip() for part in _PARENTHESIS.findall(name) if part.strip()]
    outside = " ".join(_PARENTHESIS.sub(" ", name).split())
    return [part for part in [outside, *inside] if part and part != name] if inside else []


def product_document(product: Listing, sector: Sector | tuple[Field, ...] | None) -> Document:
    """The index's view of a product: names and aliases name it; description and sector support it.

    ``sector`` may be given as its :func:`sector_fields`, built once and shared by every listing of
    the sector (a large catalog repeats a few dozen sectors 100,000 times).
    """
    fields = [Field("name_en", product.name_en), Field("name_fa", product.name_fa)]
    for name in (product.name_en, product.name_fa):
        fields += [Field("alias", part) for part in _name_parts(name)]
    if product.aliases:
        fields += [Field("alias", alias) for alias in split_list(product.aliases)]
    # Descriptions are evidence for related suggestions, never a name.
    fields += [Field("description", text) for text in (product.description, product.description_fa) if text]
    shared = sector if isinstance(sector, tuple) else sector_fields(sector)
    return Document(
        kind="product",
        key=product.code,
        fields=(*fields, *shared),
        hs_code=product.hs_code,
        weight=float(product.annual_import_usd or 0),
        sector=product.sector,
    )


def desk_document(desk: Desk, sector: Sector | None) -> Document:
    """The index's view of a desk: a query that names its sector names the desk."""
    fields = [Field("name_en", desk.name_en), Field("name_fa", desk.name_fa)]
    fields += [Field("alias", item.text) for item in sector_fields(sector)]
    if desk.description:
        fields.append(Field("description", desk.description))
    return Document(
        kind="desk", key=desk.code, fields=tuple(fields), weight=float(desk.budget_eur or 0), sector=desk.sector
    )


@dataclass(frozen=True, slots=True)
class Found:
    """Both tiers of an answer: confident results, and related suggestions ("Did you mean…?")."""

    results: list[Result]
    related: list[Result]


def shipped_synonyms() -> list[tuple[str, ...]]:
    """The curated synonym groups of ``seed_data/synonyms.csv`` (none when the file is absent)."""
    import seed_data

    path = seed_data.files().joinpath("synonyms.csv")
    if not path.is_file():
        return []
    return parse_synonyms(path.read_text(encoding="utf-8"))


# A letter of the Arabic script: where a synonym group's Persian terms start (its English side is before).
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")


def _english_synonyms() -> list[str]:
    """The synonyms file's English side: a group's Latin terms before its first Persian one ("factory" of
    ``factory;کارخانه;karkhane``)."""
    import seed_data

    synonyms = seed_data.files().joinpath("synonyms.csv")
    terms: list[str] = []
    if synonyms.is_file():
        for row in csv.DictReader(io.StringIO(synonyms.read_text(encoding="utf-8").lstrip("\ufeff"))):
            for term in (row["terms"] or "").split(";"):
                if _ARABIC_SCRIPT.search(term):
                    break
                terms.append(term)
    return terms


def english_words(texts: Iterable[str]) -> frozenset[str]:
    """The Latin words (normalized) of ``texts`` and of the synonyms file's English side."""
    return frozenset(word for text in [*texts, *_english_synonyms()] for word in normalize(text).split()
                     if not _ARABIC_SCRIPT.search(word))


# The stored catalog's English vocabulary with the database and catalog version it was read at (english_vocabulary).
_vocabulary: tuple[tuple[object, ...], frozenset[str]] | None = None


def english_vocabulary(*, session: Session) -> frozenset[str]:
    """The English words (normalized) of the stored catalog's English names and descriptions, of its desks and
    sectors, and of the synonyms file's English side. What tells an English alias ("car tire", "modem") from a
    Finglish one ("lastik mashin") whose words happen to sound like Persian ones.

    Read from the stored catalog, not the shipped seed files: a listing imported later adds its English words. Read
    again when the catalog changes (:func:`bot.store.catalog.catalog_version`, as the search index is rebuilt)."""
    global _vocabulary
    # The database's address too: one process may open several (the tests, a CLI beside the bot).
    version = (str(session.get_bind().engine.url), *store.catalog_version(session=session))
    known = _vocabulary
    if known is not None and known[0] == version:
        return known[1]
    texts: list[str] = []
    for product in store.searchable_products(session=session):
        texts += [product.name_en, product.description]
    for desk in store.desks(session=session):
        texts += [desk.name_en, desk.description or ""]
    texts += [sector.name_en for sector in store.sectors(session=session)]
    vocabulary = english_words(texts)
    _vocabulary = (version, vocabulary)
    return vocabulary


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large index is built.

    The build allocates a million containers and frees none of them; the collector would rescan the
    growing heap over and over for nothing (about a tenth of the build at 100,000 listings).
    Reference counting still frees everything meanwhile.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# How many queries' first answers a Matcher remembers (see Matcher.first_answer): more than /demand's groups of a month.
_ANSWERS_KEPT = 4096


class Matcher:
    """The catalog's search index with the display data of every entry; immutable once built (it only remembers
    answers it gave, see :meth:`first_answer`).

    ``synonyms`` default to the shipped ``seed_data/synonyms.csv``.
    """

    def __init__(
        self,
        products: Iterable[Listing],
        desks: Iterable[Desk],
        sectors: Sequence[Sector],
        *,
        synonyms: Sequence[Sequence[str]] | None = None,
    ) -> None:
        by_key = {sector.key: sector for sector in sectors}
        shared_fields = {sector.key: sector_fields(sector) for sector in sectors}
        self._entries: dict[tuple[Kind, str], _Entry] = {}
        open_by_sector: dict[str, list[tuple[int, str]]] = {}

        # A generator: the index takes each document as it is made, and ``products`` may be a
        # stream of rows, so no list of the whole catalog is held beside the index.
        def documents() -> Iterator[Document]:
            for product in products:
                yield product_document(product, shared_fields.get(product.sector, ()))
                self._entries["product", product.code] = _Entry(
                    product.name_en, product.name_fa, product.sector, product.annual_import_usd, product.status
                )
                if product.status == ProductStatus.OPEN:
                    open_by_sector.setdefault(product.sector, []).append((-(product.annual_import_usd or 0), product.code))
            for desk in desks:
                yield desk_document(desk, by_key.get(desk.sector))
                self._entries["desk", desk.code] = _Entry(desk.name_en, desk.name_fa, desk.sector, None)

        with _no_cyclic_gc():
            self._index = Index(documents(), synonyms=shipped_synonyms() if synonyms is None else synonyms)
        self._answers: dict[str, str | None] = {}
        # A need for a whole sector lists its open listings, the largest imports first.
        self._open_by_sector = {key: [code for _, code in sorted(items)] for key, items in open_by_sector.items()}

    @classmethod
    def load(cls, *, session: Session) -> Matcher:
        """Build the matcher from everything stored (active desks only)."""
        return cls(
            store.searchable_products(session=session),
            store.desks(session=session, active_only=True),
            store.sectors(session=session),
        )

    def __len__(self) -> int:
        return len(self._index)

    def reading(self, word: str) -> dict[str, float]:
        """The catalog words one (normalized) word stands for, with their similarity in (0, 1]: the engine's reading of
        typing errors, Finglish, the learnt translations and the curated synonyms (see :meth:`Index.catalog_words`);
        empty for a word it cannot read."""
        found = self._index.catalog_words(word)
        return found[0][1] if len(found) == 1 else {}

    def is_machine(self, code: str) -> bool:
        """Whether listing ``code`` is a machine a works owns, not a part of one (:meth:`Index.is_machine`)."""
        return self._index.is_machine(code)

    def finglish(self, text: str) -> bool:
        """Whether ``text`` is Persian typed in Latin letters ("mil lang"), as the engine reads it (:meth:`Index.finglish`)."""
        return self._index.finglish(text)

    def search(self, query: str, *, limit: int = 10) -> list[Result]:
        """Confident results for ``query``, best first."""
        return self.lookup(query, limit=limit).results

    def first_answer(self, query: str) -> str | None:
        """The code of the best confident result for ``query`` (a listing's, or a desk's for a sector), if any.

        Remembered for this build of the catalog: /demand, /stats and every demand button ask it of each open group
        again, and the answer changes only when the catalog does (a new build is a new Matcher)."""
        if query not in self._answers:
            if len(self._answers) >= _ANSWERS_KEPT:
                self._answers.clear()
            results = self.search(query, limit=1)
            self._answers[query] = results[0].code if results else None
        return self._answers[query]

    def lookup(self, query: str, *, limit: int = 10) -> Found:
        """Confident results and related suggestions for ``query``, up to ``limit`` of each, best first.

        A query that names a sector rather than a product (its desk is the best confident match)
        lists that sector's open listings by import value, then the desk.
        """
        found = self._index.lookup(query, limit=limit)
        results = [self._result(match) for match in found.confident]
        related = [self._result(match) for match in found.related]
        desks = sorted((r for r in results if r.kind == "desk"), key=lambda r: -r.score)
        products = [r.score for r in results if r.kind == "product"]
        # A long message that names a product is about it, even if it also names its sector's
        # customers ("we supply Saipa and want to make radiators").
        named = bool(products) and len(query.split()) > _SECTOR_NEED_WORDS
        if named:
            # The desk still helps, after the products the message names.
            results.sort(key=lambda r: r.kind == "desk")
        elif desks and desks[0].score >= max(products, default=0.0):
            # Machinery is what every sector buys: «ماشین‌آلات معدن» is a need of mining.
            desks.sort(key=lambda r: r.sector == _EVERY_SECTORS_SUPPLIER)
            # A list naming several sectors ("auto parts and home appliances", see Lookup.sectors): their listings
            # take turns, so that each sector is in view, first named first.
            sector_desks = [desks[0]]
            if len(found.sectors) >= 2 and desks[0].sector in found.sectors:
                by_sector = {desk.sector: desk for desk in desks}
                sector_desks = [by_sector[key] for key in found.sectors if key in by_sector]
            lists = [
                [
                    self._result(Match("product", code, desk.score, "sector", desk.sector))
                    for code in self._open_by_sector.get(desk.sector, [])
                ]
                for desk in sector_desks
            ]
            listed = [result for turn in zip_longest(*lists) for result in turn if result is not None]
            # The desks stay in view after as many listings as fit.
            listed = listed[: max(limit - len(sector_desks), 1)]
            codes = {r.code for r in listed}
            rest = [r for r in results if r.code not in codes]
            sector_codes = [desk.code for desk in sector_desks]
            rest.sort(key=lambda r: sector_codes.index(r.code) if r.code in sector_codes else len(sector_codes))
            results = (listed + rest)[:limit]
            related = [r for r in related if r.code not in codes]
        return Found(results, related)

    def _result(self, match: Match) -> Result:
        entry = self._entries[match.kind, match.key]
        return Result(
            kind=match.kind,
            code=match.key,
            name_en=entry.name_en,
            name_fa=entry.name_fa,
            sector=entry.sector,
            score=match.score,
            why=match.why,
            annual_import_usd=entry.annual_import_usd,
            status=entry.status,
        )
