"""Forward search, round 15 (issue 10): sector scope words, a whole alias before one word of it, and a brand,
model or size closing a need. The queries here are worded afresh, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from bot.services.search import Matcher


def tiers(matcher: Matcher, query: str) -> tuple[list[str], list[str]]:
    found = matcher.lookup(query, limit=10)
    return [r.code for r in found.results], [r.code for r in found.related]


# ------------------------------------------------ sector scope: "everything", «همه», "upstream"


@pytest.mark.parametrize(
    ("query", "sector"),
    [
        ("همه نیازهای صنعت خودرو", "AUT"),
        ("تمام فرصت‌های پتروشیمی", "PET"),
        ("show me everything for the railway sector", "RAL"),
        ("the whole textile industry please", "TEX"),
        ("downstream petrochemical opportunities", "PET"),
    ],
)
def test_a_scope_word_leaves_a_sector_need(matcher: Matcher, query: str, sector: str) -> None:
    confident, _ = tiers(matcher, query)
    assert confident and all(code.startswith(sector) for code in confident[:3])


# ------------------------------------------------ a whole name before a word of it


@pytest.mark.parametrize(
    ("query", "first", "second"),
    [
        ("لاستیک دامپتراک گرونه شده، میشه ساختش", "MIN-001", "MIN-002"),
        ("haul truck tyre costs too much, can we make it", "MIN-001", "MIN-002"),
    ],
)
def test_a_whole_alias_comes_before_a_listing_named_by_one_word_of_it(
    matcher: Matcher, query: str, first: str, second: str
) -> None:
    confident, related = tiers(matcher, query)
    assert confident[:1] == [first]
    assert second in confident + related


def test_a_listing_named_by_all_of_the_shorter_name_keeps_its_place(matcher: Matcher) -> None:
    # The train's brake pads hold all of «لنت ترمز», the brake pads' name, not one word of it.
    assert tiers(matcher, "لنت ترمز قطارا")[0][:1] == ["RAL-012"]


# ------------------------------------------------ a brand, model or size after the name


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("کمپرسور یخچال ال جی", "HAP-001"),  # Latin letters spelt in Persian script
        ("کمپرسر یخجال ال جی", "HAP-001"),  # ... after a mistyped name
        ("لاستیک ماشین سایز ۱۴ میخاستم", "AUT-003"),  # a size, and a mistyped filler after it
        ("ترانس ال جی", "PWR-003"),
        ("fridge compressor Embraco", "HAP-001"),  # a capitalised Latin word
        ("car tyre 205", "AUT-003"),  # a number
    ],
)
def test_a_brand_model_or_size_after_the_name_keeps_it_confident(matcher: Matcher, query: str, code: str) -> None:
    assert tiers(matcher, query)[0][:1] == [code]


@pytest.mark.parametrize(
    "query",
    [
        "لنت ترمز دوچرخه ال جی",  # the bicycle's brake pads stay another kind, brand or not
        "لنت ترمز دوچرخه سایز ۲۶",
        "تایر دوچرخه سایز ۲۶",
        "bicycle brake pads",  # an English qualifier before the whole name
        "looking for a good hairdresser near Vanak",  # a capitalised place after "near" is no brand
    ],
)
def test_a_near_miss_stays_at_most_a_suggestion(matcher: Matcher, query: str) -> None:
    assert tiers(matcher, query)[0] == []


@pytest.mark.parametrize(("query", "code"), [("ماشین CNC", "MCH-001"), ("لامپ دستگاه رادیولوژی و سی تی", "MED-003")])
def test_a_tail_the_catalog_knows_is_no_brand(matcher: Matcher, query: str, code: str) -> None:
    confident, related = tiers(matcher, query)
    assert code in confident + related
    assert not any(found.startswith("AUT") for found in confident)
