"""Kinds of failure a blind user trial found (issue 10 follow-ups): everyday «ماشین», a part for its
machine, false friends sharing one word, sector needs named by workplace or customer, listing codes."""

from __future__ import annotations

import pytest

from bot.services.search import Matcher
from matching import Document, Field, Index, parse_listing_code
from matching.fillers import FILLERS
from matching.lexicon import everyday_senses


def confident(matcher: Matcher, query: str) -> list[str]:
    return [r.code for r in matcher.lookup(query, limit=10).results]


def related(matcher: Matcher, query: str) -> list[str]:
    return [r.code for r in matcher.lookup(query, limit=10).related]


def sectors(matcher: Matcher, query: str, first: int = 3) -> set[str]:
    return {r.sector for r in matcher.lookup(query, limit=10).results[:first]}


# ------------------------------------------------------------------------- «ماشین» is a car


def test_everyday_senses_reads_a_final_mashin_as_car() -> None:
    assert everyday_senses(["قطعات", "ماشین"], FILLERS) == ["قطعات", "خودرو"]
    assert everyday_senses(["ماشین", "میخوام"], FILLERS) == ["خودرو", "میخوام"]
    assert everyday_senses(["ماشین", "لباسشویی"], FILLERS) == ["ماشین", "لباسشویی"]
    assert everyday_senses(["ماشین", "سازی"], FILLERS) == ["ماشین", "سازی"]  # a filler, but machine-building


@pytest.mark.parametrize("query", ["لوازم یدکی ماشین", "قطعات ماشین", "قطعات ماشین میخوام", "ماشین"])
def test_mashin_after_its_noun_or_alone_is_the_car(matcher: Matcher, query: str) -> None:
    assert sectors(matcher, query) == {"automotive"}


@pytest.mark.parametrize("query", ["ماشین آلات", "ماشین ابزار", "ماشین سازی"])
def test_mashin_before_what_it_does_is_a_machine(matcher: Matcher, query: str) -> None:
    assert sectors(matcher, query) == {"machinery"}


def test_a_car_part_named_with_mashin_is_found(matcher: Matcher) -> None:
    assert confident(matcher, "لنت ماشین")[:1] == ["AUT-002"]


# ------------------------------------------------- a part of the thing asked for is only related


@pytest.mark.parametrize(
    ("query", "part"),
    [
        ("engine oil", "REF-015"),  # the additive package for it
        ("washing machine", "HAP-002"),  # its motor
        ("motor barghi", "HAP-009"),  # an electric motor is no vacuum-cleaner motor
        ("دستگاه دیالیز", "MED-007"),  # the dialysis machine is not its filter
    ],
)
def test_a_query_naming_a_whole_gets_its_part_only_as_related(matcher: Matcher, query: str, part: str) -> None:
    assert part not in confident(matcher, query)
    assert part in related(matcher, query)


def test_washing_machine_is_no_dishwasher(matcher: Matcher) -> None:
    assert "HAP-005" not in confident(matcher, "washing machine")


def test_the_whole_name_is_still_confident(matcher: Matcher) -> None:
    assert confident(matcher, "washing machine motor")[:1] == ["HAP-002"]
    assert confident(matcher, "engine oil additive")[:1] == ["REF-015"]
    assert confident(matcher, "فیلتر دیالیز")[:1] == ["MED-007"]
    assert confident(matcher, "ball bearing")[:1] == ["MCH-008"]


@pytest.mark.parametrize("query", ["lastik kamyon", "truck tyre", "لاستیک کامیون"])
def test_a_truck_tyre_in_any_script(matcher: Matcher, query: str) -> None:
    assert confident(matcher, query)[:1] == ["MIN-001"]


@pytest.mark.parametrize(
    ("query", "part"), [("قطعات یخچال", "HAP-007"), ("قطعات لباسشویی", "HAP-002"), ("washing machine parts", "HAP-006")]
)
def test_the_parts_of_a_family_are_confident(matcher: Matcher, query: str, part: str) -> None:
    found = matcher.lookup(query, limit=10).results
    assert part in [r.code for r in found]
    assert {r.sector for r in found} == {"home_appliances"}
    assert "HAP-005" not in [r.code for r in found]  # the dishwasher is no part of the washing machine


# ------------------------------------------------------------------------------- false friends


@pytest.mark.parametrize(("query", "friend"), [("tobacco pipe", "OGS-006"), ("artificial christmas tree decorations", "OGS-007")])
def test_one_word_shared_with_an_unknown_thing_is_only_related(matcher: Matcher, query: str, friend: str) -> None:
    assert confident(matcher, query) == []
    assert related(matcher, query) in ([], [friend])


def test_a_query_word_stands_for_one_word_of_a_name() -> None:
    index = Index([Document("product", "P", (Field("name_en", "pipeline pipes"),))])
    # "pipe" is like "pipes" and begins "pipeline", but fills only one of the two.
    assert index.lookup("tobacco pipe").confident == []
    assert [m.key for m in index.lookup("pipeline pipe").confident] == ["P"]


# ------------------------------------------------------ sectors named by workplace or customer


@pytest.mark.parametrize(
    ("query", "sector"),
    [
        ("what hospital machines does Iran import?", "medical"),
        ("What's needed by spinning and weaving mills?", "textiles"),
        ("parts for Iran Khodro and Saipa", "automotive"),
        ("نیازهای کارخونه‌های فولاد مبارکه", "steel"),
        ("tajhizat e niroogah", "power"),
        ("tolid lavazem e khanegi", "home_appliances"),
        ("ماشین آلات معدن سنگ آهن", "mining"),  # machinery is what the mine buys
        ("tajhizat va mavad e masrafi e palayeshgah", "refining"),  # Finglish generic words
        ("چه دستگاه هایی برای درمانگاه از خارج میاد؟", "medical"),
    ],
)
def test_a_workplace_or_customer_outranks_machines_and_equipment(matcher: Matcher, query: str, sector: str) -> None:
    assert sectors(matcher, query) == {sector}


def test_a_long_message_naming_a_product_and_a_customer_keeps_the_product_first(matcher: Matcher) -> None:
    query = "Hello, we are a parts maker in Qazvin supplying Saipa for twenty years and want to produce the starter motor"
    assert confident(matcher, query)[:1] == ["AUT-015"]


# ---------------------------------------------------------------------------------- listing codes


@pytest.mark.parametrize("query", ["AUT-012", "aut-12", "AUT 012", "aut012", " AUT-۰۱۲ "])
def test_a_listing_code_finds_the_listing(matcher: Matcher, query: str) -> None:
    found = matcher.lookup(query, limit=10)
    assert [r.code for r in found.results] == ["AUT-012"] and found.related == []


def test_parse_listing_code() -> None:
    assert parse_listing_code("aut-012") == parse_listing_code("AUT 12") == ("AUT", 12)
    assert parse_listing_code("brake pads") is None
    assert parse_listing_code("AUT-012 please") is None


@pytest.mark.parametrize(("typed", "code"), [("شعف-12", ("AUT", 12)), ("شعف ۰۱۲", ("AUT", 12)), ("قثب9", ("REF", 9)),
                                             ("شعف-12 لطفا", None), ("کمک 2", None), ("لنت ترمز", None)])
def test_a_code_typed_on_the_persian_keyboard_layout_is_read_as_its_keys(typed: str, code: tuple[str, int] | None) -> None:
    """«شعف-12» is "AUT-12" typed with the Persian layout active (ISIRI 9147: the same keys); only a code-shaped
    text is read so, and «ک» is on the key of ";", so «کمک 2» is no code."""
    assert parse_listing_code(typed) == code


@pytest.mark.parametrize("query", ["شعف-12", "شعف ۱۲"])
def test_a_code_typed_on_the_persian_layout_finds_the_listing(matcher: Matcher, query: str) -> None:
    assert [r.code for r in matcher.lookup(query, limit=10).results] == ["AUT-012"]


def test_a_persian_word_and_a_number_is_still_searched(matcher: Matcher) -> None:
    # «لنت ۲۰۶» (brake pads for a Peugeot 206) is on the keys of "GKJ 206": no listing's code, so a search.
    assert "AUT-002" in [r.code for r in matcher.lookup("لنت ترمز ۲۰۶", limit=10).results]


def test_an_unknown_code_is_searched_as_words(matcher: Matcher) -> None:
    assert confident(matcher, "AUT-999") == []


# ------------------------------------------------ everyday words translated word by word


@pytest.mark.parametrize(
    ("query", "code"),
    [("conical rock crusher", "MIN-007"), ("laser metal cutting", "MCH-010"), ("diamond cutting tool for lathe", "MCH-014")],
)
def test_a_name_translated_word_by_word_is_found(matcher: Matcher, query: str, code: str) -> None:
    assert confident(matcher, query)[:1] == [code]


@pytest.mark.parametrize(("query", "code"), [("magnet imaging machine", "MED-001"), ("ماشین لیزر برش فلز", "MCH-010")])
def test_a_description_in_everyday_words_suggests_the_listing(matcher: Matcher, query: str, code: str) -> None:
    assert code in (confident(matcher, query) + related(matcher, query))[:3]
