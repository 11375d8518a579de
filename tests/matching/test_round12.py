"""Misses of the fresh set R (issue 10, fwd7): an acronym spelt out in Persian letter names keeps its letters."""

from __future__ import annotations

import pytest

from bot.services.search import Matcher
from matching import normalize
from matching.normalize import spelt_out, without_madda

from .test_round8 import tiers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("آی سی یو", "icu"),
        ("آی\u200cسی\u200cیو", "icu"),
        ("تو بخش آی سی یو ۲۲ تخت", "تو بخش icu 22 تخت"),
        ("ام آر آی", "mri"),
        ("جی آی اس", "gis"),
        ("آي سي يو", "icu"),  # typed on an Arabic layout (ي)
        # Without a madda the run may be a lazy «آی» or everyday words: left as it is.
        ("ای سی یو", "ای سی یو"),
        ("سی تی اسکن", "سی تی اسکن"),
        # One letter name alone is a word («آیا», «آی» the cry).
        ("آیا این هست", "ایا این هست"),
        ("آی", "ای"),
    ],
)
def test_an_acronym_spelt_with_a_madda_letter_keeps_its_latin_letters(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_the_letters_of_a_spelt_acronym_are_found_in_a_run_only() -> None:
    assert spelt_out("فرمون برقی همون ای پی اس".split()) == {3, 4, 5}
    assert spelt_out("سی تا کی".split()) == set()


@pytest.mark.parametrize(
    "query",
    [
        "دستگاهی که مریض تو آی سی یو نمیتونه نفس بکشه وصلش میکنن",
        "دستگاهی که تو آی‌سی‌یو به جای بیمار نفس می‌کشه",
        "دستگاهی که تو آی سی یو به مریض کمک میکنه نفس بکشه",
    ],
)
def test_icu_is_no_ecu_and_a_patient_who_cannot_breathe_needs_the_ventilator(matcher: Matcher, query: str) -> None:
    # «آی سی یو» folded to the ECU's «ای سی یو» made the ECU a confident answer; «مریض» (patient) and «نفس»
    # (breath) are the words of the ventilator's «بیمار» and «تنفس».
    confident, _ = tiers(matcher, query)
    assert confident == ["MED-014"]


@pytest.mark.parametrize("query", ["ای سی یو", "ECU", "ای‌سی‌یو ماشین"])
def test_the_ecu_spelt_out_is_still_the_ecu(matcher: Matcher, query: str) -> None:
    assert tiers(matcher, query)[0][:1] == ["AUT-001"]


def test_the_letters_of_a_spelt_acronym_are_no_words_of_a_description(matcher: Matcher) -> None:
    # The Li-ion cell's description holds «یو‌پی‌اس» (UPS) and «استوانه‌ای»: no evidence it is the EPS.
    assert tiers(matcher, "فرمون برقی ماشین، همون ای‌پی‌اس، میشه ساختش؟")[0] == ["AUT-009"]



@pytest.mark.parametrize("query", ["curtain rail", "car seat cover", "ریل پرده", "seat covers for cars"])
def test_an_everyday_household_thing_named_around_a_listing_is_no_listing(matcher: Matcher, query: str) -> None:
    # "curtain rail" is no railway rail, "car seat cover" no seat belt: the household thing is what is asked.
    assert tiers(matcher, query) == ([], [])


@pytest.mark.parametrize(("query", "listing"), [("rail", "RAL-008"), ("car seat belt", "AUT-020"), ("railway rail", "RAL-008")])
def test_the_listings_without_the_household_word_stay_confident(matcher: Matcher, query: str, listing: str) -> None:
    assert listing in tiers(matcher, query)[0]


@pytest.mark.parametrize(
    ("query", "desk"),
    [
        ("لوازم خانگی چه چیزایی نیاز داره", "DESK-HAP"),
        ("تجهیزات پزشکی وارداتی که ساخت داخلش اولویت داره", "DESK-MED"),
        ("what are the priority items for the medical sector", "DESK-MED"),
    ],
)
def test_a_sector_question_with_colloquial_things_or_priority_lists_the_sector(
    matcher: Matcher, query: str, desk: str
) -> None:
    # «چیزایی» (things, spoken plural) names no product, and «اولویت» (priority) is how the program speaks of its
    # needs: neither keeps the question from naming its sector, as «قطعات خودرو چی لازم دارید؟» does.
    assert desk in tiers(matcher, query)[0]


@pytest.mark.parametrize("query", ["اولویت", "چیزایی", "priority"])
def test_priority_and_things_alone_name_nothing(matcher: Matcher, query: str) -> None:
    assert tiers(matcher, query)[0] == []


def test_a_persian_name_translated_word_by_word_is_that_listing(matcher: Matcher) -> None:
    # «فوران‌گیر»: the synonyms file gives «گیر» its literal sense.
    assert tiers(matcher, "eruption catcher for well")[0][:1] == ["OGS-008"]


def test_the_smart_pig_translated_word_by_word_is_suggested(matcher: Matcher) -> None:
    # «توپک هوشمند»: «توپک» is the pipeline pig's own group in the synonyms file, and a term is in one group only,
    # so "ball" does not reach it; "smart" («هوشمند») and the description make it a suggestion.
    assert "OGS-016" in tiers(matcher, "smart ball for pipeline inspection")[1]


def test_the_wall_hung_boiler_translated_word_by_word_is_found(matcher: Matcher) -> None:
    # «پکیج گرمایشی دیواری» word by word: "package" is the loanword «پکیج», "heating" «گرمایشی», "wall" «دیواری»;
    # only the boiler's names hold all three (the synonyms file gives the first two since round 16).
    assert tiers(matcher, "wall heating package")[0][:1] == ["HAP-016"]


@pytest.mark.parametrize("query", ["ونتیلاتور ای سی یو", "ونتیلاتور آی سی یو"])
def test_the_ventilator_named_with_icu_written_either_way_is_the_ventilator(matcher: Matcher, query: str) -> None:
    # The ventilator's alias names the ICU with and without the madda: Persian phones often drop it, and «ای سی یو»
    # alone is the ECU's spelling, so only the ventilator's own word tells the two apart.
    assert tiers(matcher, query)[0] == ["MED-014"]


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("ونتیلاتور آی سی یو", "ونتیلاتور ای سی یو"),
        ("پست جی آی اس", "پست جی ای اس"),
        ("آي سي يو", "ای سی یو"),
        ("آنالایزر ان آی آر", "آنالایزر ان ای ار"),  # the madda of a word that spells nothing is kept
        ("جی‌سی آنلاین", None),
        ("آب بند", None),
    ],
)
def test_a_name_spelling_an_acronym_with_a_madda_has_a_bare_alef_spelling(text: str, bare: str | None) -> None:
    assert without_madda(text) == bare


@pytest.mark.parametrize(
    ("query", "listing"),
    [("ای سی میکروکنترلر", "ELE-003"), ("ای سی حافظه", "ELE-004"), ("پست جی ای اس", "PWR-004"), ("ای وی ای جی", "PHA-003"),
     ("انالایزر ان ای ار", "REF-014"), ("ام ار ای", "MED-001")],
)
def test_a_listing_named_with_a_madda_acronym_is_found_when_the_madda_is_dropped(matcher: Matcher, query: str,
                                                                                listing: str) -> None:
    # The review: with «آی» and «آر» read as Latin letters, the lazy spellings had lost their listings.
    assert tiers(matcher, query)[0][:1] == [listing]
