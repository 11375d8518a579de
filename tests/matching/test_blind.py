"""Floors on the frozen blind dev set (eval/blind_dev.csv), per kind, measured as bench/match_quality.py does.

The set was written by a helper who saw only seed_data/, never the engine or its tests; it is frozen
(never edited). The floors are the figures reached when they were set, rounded down: a change that
loses answers in any kind fails here. Run with ``-s`` to see the figures and the misses.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
BLIND = Path(__file__).parent / "eval" / "blind_dev.csv"

# kind → (least confident top-1, least answered), as shares of the kind's queries.
FLOORS: dict[str, tuple[float, float]] = {
    "colloquial_fa": (0.90, 1.00),
    "cross_lingual": (0.80, 0.90),
    "finglish": (0.90, 0.95),
    "hs_code": (1.00, 1.00),
    "long": (0.90, 0.95),
    "multi": (0.90, 0.95),
    "paraphrase": (0.50, 0.85),
    "sector": (0.95, 0.95),
    "typo_en": (0.90, 0.95),
    "typo_fa": (0.95, 0.95),
}
OVERALL_ANSWERED = 0.97
# Must-match-nothing kinds: never a confident match; related suggestions on at most this share.
NONE_RELATED = 0.10


def _quality() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("match_quality", BENCH / "match_quality.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["match_quality"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


@pytest.fixture(scope="module")
def tallies() -> dict[str, Any]:
    quality = _quality()
    rows, skipped = quality.read_set(BLIND)
    assert skipped == 0 and len(rows) >= 250
    matcher, _ = quality.seeded_matcher()
    found: dict[str, Any] = quality.evaluate(rows, quality.matchbot_searcher(matcher))
    for kind, tally in sorted(found.items()):
        print(f"\n{kind}: {tally.as_dict(kind.startswith('none_'))}")
        print("\n".join(f"  {line}" for line in tally.misses))
    return found


def test_the_set_covers_every_kind(tallies: dict[str, Any]) -> None:
    assert set(FLOORS) <= set(tallies)
    assert {kind for kind in tallies if kind.startswith("none_")} >= {"none_everyday", "none_near_miss", "none_greeting"}


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_floor_per_kind(tallies: dict[str, Any], kind: str) -> None:
    tally = tallies[kind]
    top1, answered = FLOORS[kind]
    assert tally.top1 / tally.queries >= top1, tally.misses
    assert tally.answered / tally.queries >= answered, tally.misses


def test_overall_answered(tallies: dict[str, Any]) -> None:
    positive = [t for kind, t in tallies.items() if not kind.startswith("none_")]
    assert sum(t.answered for t in positive) / sum(t.queries for t in positive) >= OVERALL_ANSWERED


def test_must_match_nothing(tallies: dict[str, Any]) -> None:
    negative = {kind: t for kind, t in tallies.items() if kind.startswith("none_")}
    assert {kind: t.misses for kind, t in negative.items() if t.confident} == {}
    shown = sum(t.related for t in negative.values())
    assert shown <= NONE_RELATED * sum(t.queries for t in negative.values()), {k: t.misses for k, t in negative.items()}
