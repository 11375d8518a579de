"""Forward search, round 17 (issue 10): a word the own names of several listings share, in both languages, lists
them as a family does, although it heads none of them ("CNC" of a CNC lathe and a CNC press brake). The queries
here are worded afresh, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from bot.services.search import Matcher

CNC = {"MCH-001", "MCH-002", "MCH-012", "MCH-010"}  # the laser cutter by its alias "CNC laser cutter"


def tiers(matcher: Matcher, query: str) -> tuple[list[str], list[str]]:
    found = matcher.lookup(query, limit=10)
    return [r.code for r in found.results], [r.code for r in found.related]


@pytest.mark.parametrize("query", ["تجهیزات CNC", "cnc machines", "CNC", "ماشینای CNC"])
def test_a_word_both_own_names_share_lists_its_listings(matcher: Matcher, query: str) -> None:
    confident, _ = tiers(matcher, query)
    assert confident and set(confident) <= CNC


@pytest.mark.parametrize(
    "query",
    [
        "cnc bicycle",  # a word no listing's names hold makes another thing
        "CNC training",  # a service around the word
        "titanium",  # one listing's own names only
    ],
)
def test_no_family_without_the_listings_sharing_the_word(matcher: Matcher, query: str) -> None:
    confident, _ = tiers(matcher, query)
    assert not confident


# ------------------------------------------------ a sector's name beside a short need

API = {"PHA-005", "PHA-006", "PHA-007", "PHA-008", "PHA-009"}


@pytest.mark.parametrize("query", ["ماده مؤثره داروسازی", "ماده موثره صنعت دارو"])
def test_the_sector_named_beside_a_need_of_its_own_listings_says_nothing_more(matcher: Matcher, query: str) -> None:
    confident, _ = tiers(matcher, query)
    assert confident and set(confident) <= API


def test_a_need_beside_another_sectors_name_stays_a_suggestion(matcher: Matcher) -> None:
    confident, related = tiers(matcher, "ماده موثره خودرو")
    assert not confident and set(related) & API


# ------------------------------------------------ a word alone, also through aliases


@pytest.mark.parametrize(
    ("query", "members"),
    [
        ("حسگرها", {"AUT-017", "REF-018"}),  # the oxygen sensor by its own names, the pressure transmitter by an alias
        ("nasooz", {"STL-002", "STL-010"}),  # the brick by its own names, the nozzle by a Persian alias
    ],
)
def test_a_word_alone_also_lists_the_listings_its_aliases_hold(matcher: Matcher, query: str, members: set[str]) -> None:
    confident, _ = tiers(matcher, query)
    assert set(confident) == members


def test_beside_other_words_an_alias_counts_for_nothing(matcher: Matcher) -> None:
    # "digital" is in the own names of the detector and the relay, the TV box holds it only in an alias: with
    # «تلویزیون» beside it the need is the TV box's, which no shared-word family stands in for.
    confident, related = tiers(matcher, "دستگاه دیجیتال تلویزیون")
    assert not confident and related[:1] == ["ELE-012"]
