"""Kinds of failure the fresh blind set D found (issue 10): a product described by what it does, a
sector named by its customers in a need statement, English words typed as others that sound alike,
and an English need whose head noun the catalog does not know. The queries here are worded afresh,
not taken from any evaluation set."""

from __future__ import annotations

import pytest

from bot.services.search import Matcher
from matching import Document, Field, Index


def confident(matcher: Matcher, query: str) -> list[str]:
    return [r.code for r in matcher.lookup(query, limit=10).results]


def related(matcher: Matcher, query: str) -> list[str]:
    return [r.code for r in matcher.lookup(query, limit=10).related]


def answered(matcher: Matcher, query: str) -> list[str]:
    """The first three confident results and the first three related ones."""
    found = matcher.lookup(query, limit=10)
    return [r.code for r in found.results[:3]] + [r.code for r in found.related[:3]]


# --------------------------------------------------- a product described by what it does


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("an electronic box under the bonnet that decides when the spark fires and how much fuel goes in", "AUT-001"),
        ("ماده‌ای که فسفر خوراک طیور را آزاد می‌کند تا مکمل فسفات کمتری لازم باشد", "AGR-007"),
    ],
)
def test_a_function_described_in_a_sentence_suggests_the_listing(matcher: Matcher, query: str, code: str) -> None:
    assert code in answered(matcher, query)


def test_a_described_listing_is_only_a_suggestion() -> None:
    index = Index(
        [
            Document(
                "product",
                "P1",
                (
                    Field("name_en", "Magnetron"),
                    Field("description", "Vacuum tube that generates microwave energy in household ovens."),
                ),
            ),
            Document("product", "P2", (Field("name_en", "Oven door hinge"), Field("description", "Steel hinge."))),
        ]
    )
    found = index.lookup("the thing in a kitchen oven that generates the microwave energy that heats food")
    assert [match.key for match in found.related][:1] == ["P1"]
    assert all(match.key != "P1" for match in found.confident)


def test_a_long_message_about_nothing_listed_gets_no_suggestion(matcher: Matcher) -> None:
    query = "we organise weddings and birthday parties for families in the north of the country"
    assert confident(matcher, query) == [] and related(matcher, query) == []


# ------------------------------------------- a sector named by its customers, in a need statement


@pytest.mark.parametrize(
    ("query", "sector"),
    [
        ("قطعات مورد نیاز خودروسازان", "automotive"),
        ("نیازهای بیمارستان‌ها", "medical"),
        ("تجهیزات مورد نیاز پالایشگاه‌ها", "refining"),
    ],
)
def test_a_customer_in_a_need_statement_lists_its_sector(matcher: Matcher, query: str, sector: str) -> None:
    results = matcher.lookup(query, limit=10).results[:3]
    assert results and {r.sector for r in results} == {sector}
    assert all(r.kind == "product" for r in results)


def test_a_filler_with_a_colloquial_possessive_names_nothing(matcher: Matcher) -> None:
    # «لیستتون» (your list) shares its consonants with «الاستان» (elastane).
    assert confident(matcher, "لیستتون") == []
    assert confident(matcher, "این مورد تو لیستتون هست؟") == []


# -------------------------------------------------- English words typed as others that sound alike


@pytest.mark.parametrize(("query", "code"), [("break pad set", "AUT-002"), ("bogey for locomotive", "RAL-002")])
def test_a_sound_alike_word_beside_another_word_of_the_name_is_found(matcher: Matcher, query: str, code: str) -> None:
    assert confident(matcher, query)[:1] == [code]


def test_a_sound_alike_word_alone_is_no_confident_match(matcher: Matcher) -> None:
    assert confident(matcher, "break") == []


# ------------------------------------------------- an English need whose head noun is unknown


def test_an_unknown_head_noun_makes_its_qualifiers_only_related(matcher: Matcher) -> None:
    assert "OGS-007" not in confident(matcher, "christmas tree ornaments")
    assert "OGS-007" not in confident(matcher, "christmas tree ornaments and lights")
    assert "OGS-007" in confident(matcher, "christmas tree valves")


def test_an_unknown_word_after_for_is_no_head(matcher: Matcher) -> None:
    assert confident(matcher, "brake pads for pride")[:1] == ["AUT-002"]
