"""The matcher built from streamed column rows answers exactly as the one built from ORM objects did.

Start-up (issue 15) loads the catalog as plain rows, shares each sector's fields between its
listings and skips the name-splitting regular expressions for names without parentheses. None of
that may change an answer: the reference below is the document builder as it was before, fed with
ORM products, and both matchers answer every evaluation query in both tiers.
"""

from __future__ import annotations

import csv
import gc
import re
from pathlib import Path

from sqlmodel import Session

from bot.services.search import Found, Matcher, product_document
from bot.store import catalog as store
from bot.store.models import Product, Sector, split_list
from matching import Document, Field

EVAL = Path(__file__).resolve().parents[2] / "matching" / "eval"
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*")


def _reference_document(product: Product, sector: Sector | None) -> Document:
    """``product_document`` before issue 15: every field built anew for every listing."""
    fields = [Field("name_en", product.name_en), Field("name_fa", product.name_fa)]
    for name in (product.name_en, product.name_fa):
        inside = [part.strip() for part in _PARENTHESIS.findall(name) if part.strip()]
        outside = " ".join(_PARENTHESIS.sub(" ", name).split())
        parts = [part for part in [outside, *inside] if part and part != name] if inside else []
        fields += [Field("alias", part) for part in parts]
    fields += [Field("alias", alias) for alias in split_list(product.aliases)]
    fields += [Field("description", text) for text in (product.description, product.description_fa) if text]
    if sector is not None:
        texts = [sector.key.replace("_", " "), sector.name_en, sector.name_fa, *split_list(sector.aliases)]
        fields += [Field("sector", text) for text in texts]
    return Document(
        kind="product",
        key=product.code,
        fields=tuple(fields),
        hs_code=product.hs_code,
        weight=float(product.annual_import_usd or 0),
        sector=product.sector,
    )


def _queries() -> list[str]:
    queries: list[str] = []
    for path in sorted(EVAL.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            queries += [row["query"] for row in csv.DictReader(handle)]
    return queries


def _answers(found: Found) -> list[tuple[str, ...]]:
    return [(r.kind, r.code, f"{r.score:.6f}", r.why, r.sector, str(r.status)) for r in found.results + found.related] + [
        ("tiers", str(len(found.results)), str(len(found.related)))
    ]


def test_streamed_rows_build_the_same_documents_as_orm_products(seeded: Session) -> None:
    sectors = {sector.key: sector for sector in store.sectors(session=seeded)}
    orm = store.products(session=seeded)
    rows = list(store.searchable_products(session=seeded))
    assert [row.code for row in rows] == [product.code for product in orm]
    # A name with parentheses, so that the name-splitting path is compared too.
    assert any("(" in product.name_en or "(" in product.name_fa for product in orm)
    assert [product_document(row, sectors.get(row.sector)) for row in rows] == [
        _reference_document(product, sectors.get(product.sector)) for product in orm
    ]


def test_matcher_from_rows_answers_every_query_as_the_orm_matcher(seeded: Session) -> None:
    new = Matcher.load(session=seeded)
    old = Matcher(
        store.products(session=seeded),
        store.desks(session=seeded, active_only=True),
        store.sectors(session=seeded),
    )
    queries = _queries()
    assert len(queries) > 500
    assert len(new) == len(old)
    for query in queries:
        assert _answers(new.lookup(query, limit=10)) == _answers(old.lookup(query, limit=10)), query


def test_building_leaves_the_garbage_collector_as_it_found_it(seeded: Session) -> None:
    assert gc.isenabled()
    Matcher.load(session=seeded)
    assert gc.isenabled()
    gc.disable()
    try:
        Matcher.load(session=seeded)
        assert not gc.isenabled()
    finally:
        gc.enable()
