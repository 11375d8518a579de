"""Literal translations, chat spellings, families and sectors the blind set M missed (issue 10, forward search).

Each query is read by a general rule, not by an alias of its own: English typed by its sound in Persian letters,
a Persian compound translated word by word, a word inflected standing for its stem's synonyms, a family head
translated by the names its listings share, a vowel-less chat word, a sector qualified by another's adjective.
"""

from __future__ import annotations

import pytest

from bot.services.search import Matcher
from matching.lexicon import english_sounds, skeleton
from tests.matching.test_understanding import confident


def related(matcher: Matcher, query: str) -> list[str]:
    return [r.code for r in matcher.lookup(query, limit=10).related]


def test_a_final_ge_is_heard_as_j() -> None:
    # "gauge" is «گیج» to a Persian typist, as "bridge" is «بریج».
    assert skeleton("گیج") in english_sounds("gauge")


@pytest.mark.parametrize("query", ["needles", "needle", "knitting needles"])
def test_a_literal_translation_alone_names_nothing_else(matcher: Matcher, query: str) -> None:
    # Persian calls the railway switch «سوزن», needle: English needles are no railway switch.
    assert "RAL-007" not in confident(matcher, query)


def test_the_needles_are_the_ones_named_needles(matcher: Matcher) -> None:
    assert set(confident(matcher, "needles")) == {"TEX-010", "MED-009"}


def test_a_vowelless_chat_word_is_read_beside_a_sure_one(matcher: Matcher) -> None:
    assert confident(matcher, "brake pds")[:1] == ["AUT-002"]
    # ... but alone it is only a guess.
    assert confident(matcher, "pds") == []


def test_a_car_battery_finds_batteries_before_the_heart_battery(matcher: Matcher) -> None:
    # The pacemaker is «باتری قلب» only by nickname; the lithium cells and storage modules are batteries by name.
    found = related(matcher, "باتری ماشین")
    assert "MED-012" not in confident(matcher, "باتری ماشین")
    assert found.index("MED-012") > max(found.index("ELE-005"), found.index("PWR-014"))


def test_control_valve_is_the_control_valve_alone(matcher: Matcher) -> None:
    # The railway distributor valve is a "brake control valve" by one alias, by neither name a control valve.
    assert confident(matcher, "control valve") == ["REF-012"]
    assert "RAL-004" in related(matcher, "control valve")
    # A listing whose own name holds the query stays confident beside an exact alias.
    assert confident(matcher, "brake pads")[:1] == ["AUT-002"]


@pytest.mark.parametrize(
    ("query", "family"),
    [
        ("tires", {"AUT-003", "MIN-001"}),
        ("لاستیک‌ها", {"AUT-003", "MIN-001"}),
        ("ferroalloys", {"STL-003", "STL-004"}),
        ("فروآلیاژها", {"STL-003", "STL-004"}),
    ],
)
def test_plural_family_needs_list_their_members_confidently(matcher: Matcher, query: str, family: set[str]) -> None:
    assert family <= set(confident(matcher, query))


def test_a_family_needs_a_head_its_listings_share(matcher: Matcher) -> None:
    # «کمک» heads the shock absorber («کمک فنر») and the co-catalyst («کمک کاتالیست»), whose names share no
    # English head: no family.
    assert confident(matcher, "کمک") == []


def test_a_sector_qualified_by_another_is_the_other(matcher: Matcher) -> None:
    found = matcher.lookup("ماشین آلات معدنی", limit=10).results
    assert [r.sector for r in found[:3]] == ["mining"] * 3
    # Alone, machinery is still machinery.
    assert matcher.lookup("ماشین آلات", limit=10).results[0].sector == "machinery"
    # A sector's own name ending in «ی» is a noun, not an adjective: farm and textile machinery are machines, the
    # sector's machines (HS chapter 84: the combine harvester, the knitting machines' needles), not maize seed or
    # cotton lint (fwd6: no longer the machinery desk's CNC lathes).
    for need, machines in (("ماشین آلات کشاورزی", ["AGR-011", "AGR-010"]), ("ماشین آلات نساجی", ["TEX-010"])):
        assert [r.code for r in matcher.lookup(need, limit=10).results] == machines, need
