"""Forward search, round 8: the findings of a blind user trial, each fixed by a general rule (issue 10)."""

from __future__ import annotations

import pytest

from bot.services.search import Matcher

from .test_families import PUMPS


def tiers(matcher: Matcher, query: str) -> tuple[list[str], list[str]]:
    found = matcher.lookup(query, limit=10)
    return [r.code for r in found.results], [r.code for r in found.related]


@pytest.mark.parametrize("query", ["پمپهای صنعتی", "پمپهای", "پمپها صنعتی"])
def test_a_joined_plural_is_its_noun_not_a_plural_ending_of_a_generic_name(matcher: Matcher, query: str) -> None:
    # «پمپهای» is «پمپ» + «های»; «های» is also the ending of the machinery desk's alias «دستگاه‌های صنعتی»,
    # which «صنعتی» then fully covered: industrial pumps were listed as CNC lathes and forklifts at 99%.
    confident, _ = tiers(matcher, query)
    assert set(confident) == PUMPS


@pytest.mark.parametrize("query", ["پمپهای صنعتی", "پمپها صنعتی", "گاز صنعتی", "industrial gas", "موتور صنعتی", "زعفران صنعتی"])
def test_a_name_of_generic_words_is_no_confident_match_beside_an_unexplained_product_word(
    matcher: Matcher, query: str
) -> None:
    # «دستگاه‌های صنعتی», "industrial machinery": a desk named by words naming nothing in particular does
    # not answer a need whose product word ("pump", "motor", gas, saffron) it does not hold.
    found = matcher.lookup(query, limit=10).results
    assert "DESK-MCH" not in [r.code for r in found]
    assert not [r.code for r in found if r.why.startswith("sector:")]  # the machinery sector's listings


@pytest.mark.parametrize("query", ["دستگاه‌های صنعتی", "ماشین آلات صنعتی", "تجهیزات صنعتی", "industrial machinery"])
def test_a_need_of_generic_words_alone_still_names_the_machinery_sector(matcher: Matcher, query: str) -> None:
    confident, _ = tiers(matcher, query)
    assert "DESK-MCH" in confident

