"""Forward search, round 7: the findings of a blind user trial, each fixed by a general rule (issue 10)."""

from __future__ import annotations

import pytest

from bot.services.search import Matcher

from .test_families import PUMPS, VALVES


def tiers(matcher: Matcher, query: str) -> tuple[list[str], list[str]]:
    found = matcher.lookup(query, limit=10)
    return [r.code for r in found.results], [r.code for r in found.related if r.kind == "product"]


@pytest.mark.parametrize("query", ["shir sanati", "shir", "shir haye sanati"])
def test_a_finglish_family_word_lists_the_family_like_its_persian_spelling(matcher: Matcher, query: str) -> None:
    # "shir" is also a Latin word of two aliases ("shir etminan"); as Finglish it is «شیر», the valves.
    assert set(tiers(matcher, query)[0]) == VALVES


@pytest.mark.parametrize("query", ["sar", "tire"])
def test_a_latin_word_is_read_as_persian_only_where_it_can_be(matcher: Matcher, query: str) -> None:
    # «سر» (head) has two letters: no family; "tire" is English, not «تری» (tri-) of the tricone bit.
    confident, _ = tiers(matcher, query)
    assert not {"OGS-007", "OGS-003", "PET-005"} & set(confident)


@pytest.mark.parametrize(
    ("query", "listing"),
    [
        ("ما تولید کننده قطعات ریخته گری هستیم", "STL-010"),  # a casting nozzle: casting is only its process
        ("قطعات ریخته گری", "STL-010"),
        ("قطعات تراشکاری", "MCH-014"),  # machined parts are not a turning insert
    ],
)
def test_parts_made_by_a_trade_are_not_a_confident_match_for_a_name_holding_the_trade(
    matcher: Matcher, query: str, listing: str
) -> None:
    confident, _ = tiers(matcher, query)
    assert listing not in confident


def test_parts_of_a_thing_still_list_its_parts(matcher: Matcher) -> None:
    confident, _ = tiers(matcher, "قطعات یخچال")
    assert "HAP-001" in confident


def test_a_word_inside_a_privative_compound_is_not_that_word(matcher: Matcher) -> None:
    # «بی‌سیم» (wireless) is no «سیم» (wire).
    confident, related = tiers(matcher, "سیم و کابل")
    assert "ELE-014" not in confident + related
    assert "AUT-013" in related
    assert "ELE-014" in tiers(matcher, "مودم بی‌سیم")[0]
    assert "ELE-014" in tiers(matcher, "روتر بی سیم")[0]


def test_a_family_need_suggests_no_accessory_of_another_word(matcher: Matcher) -> None:
    confident, related = tiers(matcher, "پمپ صنعتی")
    assert set(confident) <= PUMPS
    assert "MCH-008" not in related  # «بلبرینگ صنعتی» shares only "industrial"


@pytest.mark.parametrize(
    ("query", "family", "accessory"),
    [
        ("پمپ آب کشاورزی میخام", PUMPS, "REF-006"),  # the pump's mechanical seal
        ("شیر پروانه ای", VALVES, None),  # butterfly valves are not listed: the valves are
    ],
)
def test_a_near_miss_of_a_family_suggests_the_family(
    matcher: Matcher, query: str, family: set[str], accessory: str | None
) -> None:
    confident, related = tiers(matcher, query)
    assert not confident
    assert len(related) >= 2 and set(related) <= family
    assert accessory not in related


@pytest.mark.parametrize("query", ["شیر خشک", "شیر پاستوریزه"])
def test_a_family_word_in_another_sense_suggests_nothing(matcher: Matcher, query: str) -> None:
    # Milk, not a valve: the family is suggested only where the need already reached a listing.
    assert tiers(matcher, query) == ([], [])
