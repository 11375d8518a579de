"""Floors of reverse matching on the frozen blind sets of manufacturer profiles (data/blind_profiles_A.jsonl,
data/blind_profiles_T.jsonl, data/blind_profiles_E.jsonl, data/blind_profiles_G.jsonl,
data/blind_profiles_L.jsonl and data/blind_profiles_K.jsonl, all tuned on).

The profiles were written by a helper who saw only the catalog (seed_data/), never the engine: each says what a
unit makes, its processes, materials and machines, the listings an expert would propose (``expected``) and the
sectors that are not unrelated to it (``related_sectors``). The set is frozen (never edited). Two figures, per
kind and overall:

* **top 5**: an expected listing is among the first five opportunities;
* **clean top 3**: no listing of an unrelated sector is among the first three.

Profiles are asked as /opportunities asks (``by_processes``: a profile few listings fit is shown, after them, what
its processes fit best). The floors are the figures reached when they were set, rounded down. Run this file as a script to see the
figures and every miss; give it the path of another set of the same form (``python
tests/matching/test_blind_profiles.py other.jsonl``) to measure that one instead, e.g. a blind set kept outside
the repository.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from bot.services.capabilities import load_processes, shipped_units
from bot.services.catalog_csv import parse_desks, parse_products, parse_sectors
from bot.services.search import product_document, shipped_synonyms
from bot.store.models import Desk, Product, Sector
from matching.capabilities import Capability, CapabilityIndex
from matching.index import Document

DATA = Path(__file__).parent / "data"
BLIND = DATA / "blind_profiles_A.jsonl"
# kind → (least top-5 hit share, least clean top-3 share): a little below what was reached when they were set
# (a kind has 6 or 7 profiles, so each floor still allows no profile more to fail than then).
FLOORS: dict[str, tuple[float, float]] = {
    "adjacent": (0.80, 0.80),
    "en": (0.95, 0.95),
    "finglish": (0.95, 0.95),
    "idle_unit": (0.95, 0.80),
    "long_fa": (0.95, 0.95),
    "processes_only": (0.80, 0.95),
    "short_fa": (0.80, 0.95),
}
# The targets; reached: 93% and 96% (third round: processes name what they make; fourth and fifth unchanged).
OVERALL = (0.85, 0.90)
# Set T (45 profiles, 9 of them processes_only), written blind for the fourth round and tuned on in it: measured
# untouched before it at top 5 80% and clean top 3 84% (the eighth round: 87% → 89%, processes only 56% → 67%). Its floors are what the fourth round reached, rounded
# down a little; its overall figures are below the targets, so they are floors, not the targets.
BLIND_T = DATA / "blind_profiles_T.jsonl"
# The sixth round (processes' sectors learned from the catalog and the registry's units, one shared word as thin
# evidence) raised its clean top 3 from 87% to 93% (adjacent 50% → 83%, idle units 83% → 100%).
FLOORS_T: dict[str, tuple[float, float]] = {
    "adjacent": (0.80, 0.80),
    "en": (0.95, 0.95),
    "finglish": (0.95, 0.95),
    "idle_unit": (0.80, 0.95),
    "long_fa": (0.95, 0.95),
    "processes_only": (0.65, 0.75),
    "short_fa": (0.95, 0.95),
}
OVERALL_T = (0.85, 0.90)
# Set E (45 profiles, 7 of them processes_only), written blind and sealed while the fourth round was tuned:
# measured untouched before it at 82% / 73%, after it at 76% / 76%; tuned on in the fifth round, which reached
# 84% / 76%. Its floors are those figures rounded down a little; below the targets, they are floors.
BLIND_E = DATA / "blind_profiles_E.jsonl"
# The sixth round raised its clean top 3 from 76% to 82% (adjacent 50% → 67%, idle units 67% → 83%, long
# introductions 83% → 100%).
# The eighth round (listings offered by a profile's processes when few fit) raised its top 5 from 84% to 96%
# (adjacent 83% → 100%, idle units 83% → 100%, processes only 29% → 71%), clean top 3 unchanged.
FLOORS_E: dict[str, tuple[float, float]] = {
    "adjacent": (0.95, 0.65),
    "en": (0.95, 0.80),
    "finglish": (0.95, 0.80),
    "idle_unit": (0.95, 0.80),
    "long_fa": (0.95, 0.95),
    "processes_only": (0.70, 0.55),
    "short_fa": (0.95, 0.95),
}
OVERALL_E = (0.93, 0.80)
# Set G (45 profiles, 7 of them processes_only), written blind and sealed while the fifth round was tuned: measured
# untouched on main before the fourth round at 82% / 69%, after the fifth at 80% / 64%; tuned on in the sixth,
# which reached 80% / 80%. Floors a little below the sixth round's figures.
BLIND_G = DATA / "blind_profiles_G.jsonl"
FLOORS_G: dict[str, tuple[float, float]] = {
    "adjacent": (0.95, 0.80),
    "en": (0.95, 0.80),
    "finglish": (0.80, 0.80),
    "idle_unit": (0.65, 0.80),
    "long_fa": (0.95, 0.80),
    "processes_only": (0.55, 0.55),
    "short_fa": (0.80, 0.80),
}
# The eighth round: top 5 80% → 84% (processes only 29% → 57%).
OVERALL_G = (0.82, 0.78)
# Set L (45 profiles, 6 of them processes_only), written blind for the sixth round and measured untouched on main
# (76% / 84%) and after the round's rules were fixed (73% / 84%); then tuned on, changing nothing. Floors a little
# below those figures.
BLIND_L = DATA / "blind_profiles_L.jsonl"
FLOORS_L: dict[str, tuple[float, float]] = {
    "adjacent": (0.55, 0.70),
    "en": (0.95, 0.65),
    "finglish": (0.70, 0.95),
    "idle_unit": (0.95, 0.95),
    "long_fa": (0.80, 0.95),
    "processes_only": (0.50, 0.80),
    "short_fa": (0.80, 0.70),
}
# The eighth round: top 5 73% → 78% (processes only 17% → 50%).
OVERALL_L = (0.76, 0.82)
# Set K (45 profiles, 7 of them processes_only), sealed through the sixth and seventh rounds and measured before and
# after them (82% / 76%, then 80% / 89%), then tuned on in the eighth (a part of a product is no other sense of its
# noun, listings offered by a profile's processes when few fit, number words and stock-headed names): 84% / 89%,
# no profile offered nothing (three were). Floors a little below.
BLIND_K = DATA / "blind_profiles_K.jsonl"
FLOORS_K: dict[str, tuple[float, float]] = {
    "adjacent": (0.95, 0.65),
    "en": (0.95, 0.80),
    "finglish": (0.95, 0.95),
    "idle_unit": (0.65, 0.80),
    "long_fa": (0.80, 0.95),
    "processes_only": (0.40, 0.80),
    "short_fa": (0.95, 0.95),
}
OVERALL_K = (0.82, 0.87)
SETS = {
    "A": (BLIND, FLOORS, OVERALL),
    "T": (BLIND_T, FLOORS_T, OVERALL_T),
    "E": (BLIND_E, FLOORS_E, OVERALL_E),
    "G": (BLIND_G, FLOORS_G, OVERALL_G),
    "L": (BLIND_L, FLOORS_L, OVERALL_L),
    "K": (BLIND_K, FLOORS_K, OVERALL_K),
}


@dataclass(frozen=True, slots=True)
class Outcome:
    profile: dict[str, Any]
    top: list[str]
    hit: bool
    unrelated: list[str]


def _profiles(path: Path | None = None) -> list[dict[str, Any]]:
    text = (path or BLIND).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@cache
def _seed() -> tuple[CapabilityIndex, dict[str, str]]:
    """The index over the shipped catalog (with the shipped registry units, as the bot builds it) and every
    listing's sector."""
    documents, sector_of = seed_documents()
    return CapabilityIndex(documents, load_processes(), synonyms=shipped_synonyms(), units=shipped_units()), sector_of


@cache
def seed_documents() -> tuple[tuple[Document, ...], dict[str, str]]:
    """The shipped catalog's listings as the bot indexes them, and every listing's sector."""
    import seed_data

    folder = seed_data.files()
    sectors = {row["key"]: Sector.model_validate(row) for row in parse_sectors(folder.joinpath("sectors.csv").read_text(encoding="utf-8"))}
    desk_rows, errors = parse_desks(folder.joinpath("desks.csv").read_text(encoding="utf-8"), sectors=set(sectors))
    assert not errors
    desks = {str(row["code"]): str(row["sector"]) for row in (d.values() for d in desk_rows)}
    products: list[Product] = []
    for path in sorted(folder.joinpath("products").iterdir()):
        parsed = parse_products(path.read_text(encoding="utf-8"), sectors=set(sectors), desks=desks)
        assert parsed.ok, parsed.errors[:3]
        products += [Product.model_validate(row.values()) for row in parsed.rows]
    documents = tuple(product_document(product, sectors[product.sector]) for product in products)
    return documents, {product.code: product.sector for product in products}


def capability(profile: dict[str, Any]) -> Capability:
    return Capability(
        key=profile["id"],
        makes=profile["makes"],
        processes=tuple(profile["processes"]),
        materials=profile["materials"],
        machines=profile["machines"],
    )


def measure(path: Path | None = None) -> list[Outcome]:
    index, sector_of = _seed()
    outcomes = []
    for profile in _profiles(path):
        top = [fit.key for fit in index.opportunities(capability(profile), limit=5, by_processes=True)]
        related = set(profile["related_sectors"])
        outcomes.append(
            Outcome(
                profile,
                top,
                hit=bool(set(top) & set(profile["expected"])),
                unrelated=[code for code in top[:3] if sector_of[code] not in related],
            )
        )
    return outcomes


def _shares(outcomes: list[Outcome]) -> dict[str, tuple[float, float, int]]:
    total, hits, clean = Counter[str](), Counter[str](), Counter[str]()
    for outcome in outcomes:
        for kind in (outcome.profile["kind"], "overall"):
            total[kind] += 1
            hits[kind] += outcome.hit
            clean[kind] += not outcome.unrelated
    return {kind: (hits[kind] / total[kind], clean[kind] / total[kind], total[kind]) for kind in total}


@pytest.fixture(scope="module", params=sorted(SETS))
def measured(request: pytest.FixtureRequest) -> tuple[str, dict[str, tuple[float, float, int]]]:
    name = str(request.param)
    return name, _shares(measure(SETS[name][0]))


@pytest.mark.parametrize("name", sorted(SETS))
def test_the_set_is_the_frozen_one(name: str) -> None:
    path, floors, _ = SETS[name]
    profiles = _profiles(path)
    assert len(profiles) >= 40
    assert {profile["kind"] for profile in profiles} == set(floors)
    assert len({profile["id"] for profile in profiles}) == len(profiles)
    _, sector_of = _seed()
    assert all(code in sector_of for profile in profiles for code in profile["expected"])


def test_overall_floors(measured: tuple[str, dict[str, tuple[float, float, int]]]) -> None:
    name, shares = measured
    least = SETS[name][2]
    hit, clean, _ = shares["overall"]
    assert hit >= least[0], f"{name}: top-5 hit {hit:.0%} below {least[0]:.0%}"
    assert clean >= least[1], f"{name}: clean top 3 {clean:.0%} below {least[1]:.0%}"


def test_floors_per_kind(measured: tuple[str, dict[str, tuple[float, float, int]]]) -> None:
    name, shares = measured
    for kind, (least_hit, least_clean) in sorted(SETS[name][1].items()):
        hit, clean, _ = shares[kind]
        assert hit >= least_hit, f"{name} {kind}: top-5 hit {hit:.0%} below {least_hit:.0%}"
        assert clean >= least_clean, f"{name} {kind}: clean top 3 {clean:.0%} below {least_clean:.0%}"


if __name__ == "__main__":
    import sys

    found = measure(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    for kind, (hit, clean, count) in sorted(_shares(found).items()):
        print(f"{kind:16} top-5 {hit:5.0%}  clean top-3 {clean:5.0%}  ({count})")
    for outcome in found:
        if not outcome.hit or outcome.unrelated:
            p = outcome.profile
            print(f"- {p['id']} {p['kind']}: expected {p['expected']} got {outcome.top} unrelated {outcome.unrelated}")
