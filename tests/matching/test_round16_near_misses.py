"""Forward search, round 16 (issue 10): near-misses stay honest. A qualifier the listing contradicts, a material
adjective after a word for parts, a qualifier of another sector's things, and a short need whose head no listing
is named by. The queries here are worded afresh, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from bot.services.search import Matcher
from matching.index import list_items
from matching.normalize import normalize
from matching.qualifiers import contradicted


def tiers(matcher: Matcher, query: str) -> tuple[list[str], list[str]]:
    found = matcher.lookup(query, limit=10)
    return [r.code for r in found.results], [r.code for r in found.related]


# ------------------------------------------------ qualifiers that exclude one another


@pytest.mark.parametrize(
    ("query", "texts", "expected"),
    [
        ("diesel forklift", ["electric forklift truck"], True),
        ("بالابر دستی", ["بالابر برقی"], True),
        ("bargi jack", ["jack hidroliki"], False),  # the qualifiers qualify different sides of different words
        ("electric switchgear", ["gas insulated switchgear"], False),  # "gas" qualifies "insulated", not the switchgear
        ("gas boiler", ["gas or electric boiler"], False),  # the listing also holds the asked value
        ("boiler", ["electric boiler"], False),  # nothing asked
    ],
)
def test_a_qualifier_of_another_value_beside_the_same_word_contradicts(query: str, texts: list[str], expected: bool) -> None:
    assert contradicted(normalize(query).split(), [normalize(text) for text in texts]) is expected


@pytest.mark.parametrize(
    ("query", "sibling"),
    [
        ("diesel water heater", "HAP-010"),  # the listed one is electric
        ("ab garmkon khorshidi", "HAP-010"),
        ("آبگرمکن گازی خونگی", "HAP-010"),
        ("koler abi", "HAP-004"),  # an evaporative cooler, not the split air conditioner («کولر گازی»)
    ],
)
def test_a_contradicted_sibling_is_neither_confident_nor_suggested(matcher: Matcher, query: str, sibling: str) -> None:
    confident, related = tiers(matcher, query)
    assert sibling not in confident and sibling not in related
    assert not confident


@pytest.mark.parametrize(("query", "code"), [("electric water heaters", "HAP-010"), ("کولر گازی دیواری", "HAP-004")])
def test_the_listed_value_still_finds_its_listing(matcher: Matcher, query: str, code: str) -> None:
    confident, _ = tiers(matcher, query)
    assert confident[:1] == [code]


# ------------------------------------------------ a material after a word for parts


@pytest.mark.parametrize("query", ["قطعات لاستیکی", "لوازم لاستیکی"])
def test_rubber_parts_are_not_tyres(matcher: Matcher, query: str) -> None:
    confident, related = tiers(matcher, query)
    assert not {"AUT-003", "MIN-001"} & set(confident)


def test_a_tyre_is_still_a_tyre(matcher: Matcher) -> None:
    confident, _ = tiers(matcher, "لاستیک")
    assert "AUT-003" in confident


# ------------------------------------------------ a qualifier that is a word of another sector's things


def test_a_medical_pump_suggests_no_oilfield_or_car_pump(matcher: Matcher) -> None:
    confident, related = tiers(matcher, "پمپ سرم تزریقی برای بیمارستان")
    assert not confident
    assert all(code.startswith(("MED", "PHA", "DESK-MED")) for code in related)


def test_a_farm_pump_still_suggests_the_pumps(matcher: Matcher) -> None:
    # A sector's own name says whom the pump serves: any maker of pumps may.
    _, related = tiers(matcher, "پمپ آب برای کشاورزی")
    assert len([code for code in related if not code.startswith("DESK")]) >= 2


# ------------------------------------------------ a short need whose head a listing holds only as a qualifier


@pytest.mark.parametrize(
    ("query", "other"),
    [
        ("bread oven", "HAP-003"),  # the magnetron's alias "microwave oven tube" is a tube
        ("toaster oven", "HAP-003"),
        ("برنج دودی", "AGR-011"),  # smoked rice, not the harvester of «کمباین برنج»
    ],
)
def test_a_listing_holding_only_a_qualifier_of_the_need_is_no_suggestion(matcher: Matcher, query: str, other: str) -> None:
    confident, related = tiers(matcher, query)
    assert other not in confident and other not in related


def test_a_sibling_named_by_the_head_stays_a_suggestion(matcher: Matcher) -> None:
    confident, related = tiers(matcher, "brake pads for motorbikes")
    assert "AUT-002" in confident + related


# ------------------------------------------------ the items of a long introduction


@pytest.mark.parametrize(
    ("message", "items"),
    [
        (
            "Good morning. We are a family firm from Qazvin that has cast aluminium wheels for tractors since 1998,"
            " with 120 workers and our own foundry, selling to Tehran and Tabriz dealers. Our board now wants a second"
            " line and has picked these: a) water pumps b) radiator fans c) fuel tanks. Looking forward to your answer.",
            ["water pumps", "radiator fans", "fuel tanks"],
        ),
        (
            "Hi, my name is Sara and I manage investments for a group of doctors in Shiraz, who own two clinics and a"
            " pharmacy chain. They asked me to find something useful to produce locally. We would like to produce"
            " surgical gloves, blood bags or face masks. I can send our company profile if needed.",
            ["surgical gloves", "blood bags", "face masks"],
        ),
        # What the story joins to itself before its years is the story: hinges made since 2004 are no need.
        ("We have made hinges and door locks since 2004, and now want gear pumps and ball bearings",
         ["gear pumps", "ball bearings"]),
    ],
)
def test_an_introduction_lists_only_the_items_of_its_list(message: str, items: list[str]) -> None:
    assert list_items(message) == items


def test_an_introduction_reports_only_its_unlisted_item(matcher: Matcher) -> None:
    from bot.services.browse import unmatched_items

    message = (
        "Good evening, we run a press shop in Arak with 80 workers that has made brackets and hinges for Saipa since"
        " 2004, and our owners want to grow. After a study we chose the following: brake pads, clutch kits and"
        " door handles. We can invest about one million dollars. Please advise."
    )
    found = matcher.lookup(message, limit=10)
    assert [item.item for item in unmatched_items(message, found, matcher)] == ["door handles"]
