"""Floors of reverse matching on the frozen blind sets of manufacturer profiles (data/blind_profiles_A.jsonl,
data/blind_profiles_T.jsonl, data/blind_profiles_E.jsonl, data/blind_profiles_G.jsonl,
data/blind_profiles_L.jsonl, data/blind_profiles_K.jsonl, data/blind_profiles_N.jsonl, data/blind_profiles_Q.jsonl,
data/blind_profiles_R.jsonl, data/blind_profiles_S.jsonl, data/blind_profiles_U.jsonl and data/blind_profiles_V.jsonl, all tuned on or frozen
after their measure).

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

from bot.services.capabilities import load_processes, sectors_of, shipped_units
from bot.services.catalog_csv import parse_desks, parse_products, parse_sectors
from bot.services.search import product_document, shipped_synonyms
from bot.store.models import Desk, Product, Sector
from matching.capabilities import Capability, CapabilityIndex
from matching.index import Document

DATA = Path(__file__).parent / "data"
BLIND = DATA / "blind_profiles_A.jsonl"
KINDS = ("adjacent", "en", "finglish", "idle_unit", "long_fa", "processes_only", "short_fa")
# Set → (file, overall floors, floors of each kind in KINDS' order), each floor a (least top-5 hit share, least
# clean top-3 share) a little below what was reached when it was set (a kind has 6 or 7 profiles, so each floor
# allows no profile more to fail than then). Every set was written blind and sealed, measured untouched, then tuned on:
# - A: the first; the targets as its overall floors, reached at 93% / 96% in the third round.
# - T (9 processes_only): untouched 80% / 84%; the fourth round, the sixth (processes' sectors learned from the catalog
#   and the registry's units; clean top 3 87% → 93%) and the eighth (listings offered by a profile's processes when
#   few fit; top 5 87% → 89%). Its overall figures are below the targets, so they are floors, not the targets.
# - E: untouched 82% / 73%, after the fourth round 76% / 76%; the fifth round 84% / 76%, the sixth 84% / 82%, the
#   eighth 96% / 82%.
# - G: untouched 82% / 69%, after the fifth round 80% / 64%; the sixth 80% / 80%, the eighth 84% / 80%.
# - L: untouched 76% / 84%, after the sixth round 73% / 84%; the eighth 78% / 84%.
# - K: sealed through the sixth and seventh rounds (82% / 76%, then 80% / 89%); the eighth 84% / 89%, no profile
#   offered nothing (three were).
# - N: sealed and reported at 76% / 73%, then frozen as a seen set; its floors are the figures after the round that
#   kept a process's user from its machine and another process from shrinking what processes alone offer, which left
#   them as they were (processes-only shops and neighbouring sectors in the top 3 are its weak kinds). Issue 14 (a
#   shop naming no product is offered what its materials make): processes-only 33% → 50% top 5, its floor that less one.
# - Q (42 profiles, 6 per kind): sealed through the ninth round, reported at 76% / 64% before and after it, then frozen
#   as a seen set; processes-only shops are at 17% / 0% (their clean top-3 floor of 0 holds nothing yet); issue 14
#   took their clean top 3 to 17% (one profile, so the floor less one stays 0).
# - R (42 profiles, 6 per kind): sealed through the tenth round (rev4: no machine of the shop's own process, no word
#   of a compound, Finglish processes as Persian, words of different clauses), measured before and after it at
#   88% / 69% and 88% / 71%, then frozen as a seen set with floors at the figures after; processes-only shops are
#   its weak kind (50% / 17%).
# - The tenth round (the user trial's plastics units, stock a shop works, names covered across clauses of a long
#   introduction; designed on A-L, N and Q held out): G processes-only clean top 3 57% -> 71% and Q long_fa 50% -> 67%,
#   their floors raised to those (no profile more may fail).
# - The eleventh round (rev6: customers named after "for"; a unit naming no product leans to the sectors holding most
#   of its processes' keywords; tuned on A-N, Q and R held out): clean top 3 T 93% -> 96%, E 82% -> 87%, G 82% -> 84%,
#   N 73% -> 76%, Q 69% -> 74%, R 71% -> 76% (processes-only shops most: R 17% -> 50%), top 5 G 84% -> 87%, L 80% ->
#   82%; floors raised to those.
# - The twelfth round (rev7): the slurry pump's description says its cast high-chrome iron casing and impeller (what
#   such pumps are): G clean top 3 84% -> 87% (G10, long_fa), R top 5 93% -> 95% (R25, the idle pump foundry, held
#   out); floors raised to those.
# - S (42 profiles, 6 per kind): sealed through the eleventh and twelfth rounds, measured before and after them at
#   69% / 71% and 69% / 74%, then frozen as a seen set with floors at the figures after. Its writer gave the adjacent
#   units only listings of other sectors than their own as expected, and the engine offers their own sector's first
#   (top 5 0%, clean top 3 100%); processes-only shops are at 17% / 17%.
# - rev8 (a treatment's agent is a supply; a processes-only shop makes the HS chapters its processes name; an English
#   word said before a phrase's head counts beside it): overall top 5 N 78% -> 80%, Q 81% -> 83%, S 69% -> 71%; clean
#   top 3 K 89% -> 91%, L 84% -> 87%, N 76% -> 78%, R 76% -> 79%, S 74% -> 76%; overall floors raised to those.
# - U (42 profiles, 6 per kind): sealed through the thirteenth round (rev8), measured before and after it at 76% / 74%
#   both times (no profile moved), then frozen as a seen set with floors at those figures; processes-only shops are
#   its weak kind (17% / 33%), then the adjacent units (67% / 67%).
# - rev9 (a speciality alloy a processes-only shop works says what it makes; a joined compound the synonyms spell as a
#   phrase holding its head, «الکتروموتور», is read as that phrase; tuned on all eleven, no fresh set held out): top 5
#   S 71% -> 74% (processes-only 33% -> 50%: the superalloy investment caster), U 76% -> 79% (adjacent 67% -> 83%: the
#   electric motor maker); mould making named as a process («واحد قالب‌سازی» is no mould tube): clean top 3 Q 74% ->
#   76% and S 76% -> 79% (a long introduction each, Q08 and S08); a name's bracketed aside («(سیلیکونی)») is no name
#   of what a unit buys: the silicone and composite moulders get the composite insulator, top 5 N 80% -> 82%, S 74% ->
#   76% (processes-only 50% -> 67% each), U 79% -> 81% (adjacent 83% -> 100%); floors raised to those.
# - rev10 (a certification audited for one industry, IATF 16949, API Q1, ISO 13485, GMP, ISO 22000, is evidence of
#   that sector: the profile leans to it and it counts as served; tuned on all eleven, no fresh set held out): top 5
#   L 82% -> 84% (processes-only 50% -> 67%), S 76% -> 79% (en 83% -> 100%), T 89% -> 91% (processes-only 67% ->
#   78%); clean top 3 S 79% -> 81% (en 67% -> 83%); floors raised to those.
#   Coating's keywords lose "mould" («قالب»): a mould is the toolroom's product, not what a painter or plater
#   makes (a plater still reaches the chromed mould tube by its description's «پوشش»): U top 5 81% -> 83%.
# - V (42 profiles, 6 per kind): written blind before rev9 and rev10 and sealed through both
#   (on main before them 79% / 76%, after them 81% / 76%: the small «الکتروموتور» maker, now read as a motor maker,
#   gets the appliance motors in its top 5), then frozen as a seen set with floors at those figures; processes-only
#   shops are its weak kind (33% / 0%: each of the six has an unrelated sector's listing in its top 3), then the
#   adjacent units (83% / 67%).
_FLOORS: dict[str, tuple[tuple[float, float], tuple[tuple[float, float], ...]]] = {
    #     overall        adjacent      en            finglish      idle_unit     long_fa       processes_only  short_fa
    "A": ((0.85, 0.90), ((0.80, 0.80), (0.95, 0.95), (0.95, 0.95), (0.95, 0.80), (0.95, 0.95), (0.80, 0.95), (0.80, 0.95))),
    "T": ((0.85, 0.95), ((0.80, 0.80), (0.95, 0.95), (0.95, 0.95), (0.80, 0.95), (0.95, 0.95), (0.75, 0.85), (0.95, 0.95))),
    "E": ((0.93, 0.85), ((0.95, 0.65), (0.95, 0.80), (0.95, 0.80), (0.95, 0.80), (0.95, 0.95), (0.70, 0.85), (0.95, 0.95))),
    "G": ((0.86, 0.86), ((0.95, 0.80), (0.95, 0.80), (0.80, 0.80), (0.65, 0.80), (0.95, 0.95), (0.70, 0.70), (0.80, 0.95))),
    "L": ((0.84, 0.86), ((0.55, 0.70), (0.95, 0.65), (0.85, 0.95), (0.95, 0.95), (0.80, 0.95), (0.65, 0.80), (0.95, 0.70))),
    "K": ((0.82, 0.91), ((0.95, 0.65), (0.95, 0.80), (0.95, 0.95), (0.65, 0.80), (0.80, 0.95), (0.40, 0.80), (0.95, 0.95))),
    "N": ((0.82, 0.77), ((0.55, 0.55), (0.80, 0.80), (0.85, 0.85), (0.65, 0.65), (0.95, 0.80), (0.65, 0.45), (0.95, 0.95))),
    "Q": ((0.83, 0.76), ((0.45, 0.45), (0.95, 0.80), (0.95, 0.95), (0.95, 0.80), (0.65, 0.80), (0.50, 0.30), (0.95, 0.95))),
    "R": ((0.94, 0.78), ((0.80, 0.65), (0.95, 0.95), (0.95, 0.80), (0.95, 0.65), (0.95, 0.65), (0.80, 0.45), (0.95, 0.95))),
    "S": ((0.78, 0.80), ((0.00, 0.95), (0.95, 0.80), (0.95, 0.80), (0.80, 0.95), (0.95, 0.95), (0.65, 0.15), (0.95, 0.80))),
    "U": ((0.83, 0.73), ((0.95, 0.65), (0.95, 0.95), (0.80, 0.65), (0.80, 0.80), (0.80, 0.65), (0.30, 0.30), (0.95, 0.95))),
    "V": ((0.80, 0.76), ((0.80, 0.65), (0.95, 0.80), (0.95, 0.95), (0.80, 0.95), (0.80, 0.80), (0.30, 0.00), (0.80, 0.95))),
}  # fmt: skip
SETS = {
    name: (DATA / f"blind_profiles_{name}.jsonl", dict(zip(KINDS, kinds, strict=True)), overall)
    for name, (overall, kinds) in _FLOORS.items()
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
        sectors=sectors_of(profile.get("certifications", ())),
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
