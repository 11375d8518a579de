"""Forward search, round 16 (issue 10): a listing's name rendered word by word in the other language, and a family
named by its head and a qualifier. The queries here are worded afresh, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from bot.services.search import Matcher
from matching.normalize import normalize, spelt_acronyms


def tiers(matcher: Matcher, query: str) -> tuple[list[str], list[str]]:
    found = matcher.lookup(query, limit=10)
    return [r.code for r in found.results], [r.code for r in found.related]


# ------------------------------------------------ a name rendered word by word


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("pot of washing machine", "HAP-006"),  # «دیگ ماشین لباس‌شویی»: «دیگ» is a pot
        ("meter electricity smart", "PWR-008"),  # «کنتور برق هوشمند», words in the Persian order
        ("tree christmas", "OGS-007"),  # "christmas tree" with the Persian order of «درخت کریسمس»
        ("christmas tree of the well", "OGS-007"),
    ],
)
def test_a_name_rendered_word_by_word_is_confident(matcher: Matcher, query: str, code: str) -> None:
    assert tiers(matcher, query)[0][:1] == [code]


@pytest.mark.parametrize(
    "query",
    [
        "pig farm",  # «خوک» is the pipeline pig only beside the pipeline's words
        "cooking pot",
        "بلوک سیمانی",  # a concrete block is no brake block
        "گوشت خوک",
        "بلوک موتور",  # the engine block: no listing is named by both words
    ],
)
def test_a_literal_word_beside_a_word_no_name_holds_is_not_confident(matcher: Matcher, query: str) -> None:
    assert tiers(matcher, query)[0] == []


def test_a_rendering_names_the_thing_by_its_head_not_what_it_is_for(matcher: Matcher) -> None:
    # Both words of "engine oil" are in the additive package's name, whose head ("package") the query lacks.
    assert "REF-015" not in tiers(matcher, "engine oil")[0]


def test_what_a_thing_is_for_is_no_word_of_its_rendered_name(matcher: Matcher) -> None:
    # «سیلندر هیدرولیک برای پرس» is the cylinder; the CNC press brake's alias holds «پرس» and «هیدرولیک».
    assert tiers(matcher, "سیلندر هیدرولیک برای پرس")[0][:1] == ["MCH-006"]


# ------------------------------------------------ a family named by its head and a qualifier


@pytest.mark.parametrize(
    ("query", "sector"),
    [
        ("refinery catalysts", "REF"),  # the refining sector's catalysts, not the petrochemical ones
        ("کاتالیست های پالایشگاه", "REF"),
        ("petrochemical catalysts", "PET"),
    ],
)
def test_a_family_qualified_by_a_sector_lists_that_sectors_members(matcher: Matcher, query: str, sector: str) -> None:
    confident, _ = tiers(matcher, query)
    assert len(confident) >= 2
    assert all(code.startswith(sector + "-") for code in confident)


def test_a_family_for_a_purpose_lists_the_members_whose_descriptions_serve_it(matcher: Matcher) -> None:
    confident, _ = tiers(matcher, "bits for oil wells")
    assert {"OGS-002", "OGS-003"} <= set(confident[:2])


def test_a_qualifier_only_an_alias_compound_holds_makes_no_family(matcher: Matcher) -> None:
    # "motor jaroo barghi" (vacuum-cleaner motor) holds "barghi", but an electric motor is not the vacuum's.
    assert "HAP-009" not in tiers(matcher, "motor barghi")[0]


# ------------------------------------------------ the noun before a describing clause says what kind is meant


@pytest.mark.parametrize(
    "query",
    [
        "ماده‌ای که موقع آنژیوگرافی تو رگ میزنن تا تو سی تی عروق معلوم بشه",
        "داروی تزریقی که برای سی تی اسکن میزنن که رگ ها دیده بشن",
    ],
)
def test_a_substance_a_clause_describes_is_not_the_machine_the_clause_names(matcher: Matcher, query: str) -> None:
    # The clause names the CT scanner; the noun before it («ماده», «دارو») heads the contrast medium's names.
    confident, related = tiers(matcher, query)
    assert confident[:1] == ["PHA-012"]
    assert "MED-002" in related


def test_a_device_a_clause_describes_may_be_the_machine_it_names(matcher: Matcher) -> None:
    # «دستگاه» is a generic word: it says nothing of the kind, and the CT scanner stays the answer.
    assert tiers(matcher, "دستگاهی که برای سی تی اسکن استفاده میشه")[0][:1] == ["MED-002"]


def test_a_spelt_out_acronym_is_one_word_of_a_description() -> None:
    # (With a madda, «آر آی», normalizing writes the acronym in Latin letters already.)
    assert spelt_acronyms(normalize("قبل از سی‌تی و بعد از ای سی یو یا پی ال سی").split()) == ["ct", "ecu", "plc"]


# ------------------------------------------------ an English plural in -ies


def test_a_plural_in_ies_is_read_as_its_singular(matcher: Matcher) -> None:
    # "batteries" is three letters from "battery": no typo, the plural; it reads as the singular does.
    assert tiers(matcher, "lithium batteries")[0][:2] == tiers(matcher, "lithium battery")[0][:2]
    assert "ELE-008" not in tiers(matcher, "laptop batteries")[0]  # a laptop's battery is no laptop


# ------------------------------------------------ a sector's alias that heads a family of its listings


@pytest.mark.parametrize(("query", "members"), [("yarns", {"TEX-002", "TEX-007"}), ("fabric", {"TEX-008", "TEX-009"})])
def test_a_sector_alias_heading_a_family_lists_the_family(matcher: Matcher, query: str, members: set[str]) -> None:
    confident, related = tiers(matcher, query)
    assert members <= set(confident[:3])
    assert "TEX-006" not in confident  # raw cotton is in the sector, not a yarn or a fabric


def test_a_sector_name_heading_no_family_still_lists_the_sector(matcher: Matcher) -> None:
    results = matcher.lookup("textile industry", limit=10).results
    assert results and {r.sector for r in results} == {"textiles"}
    assert "TEX-006" in [r.code for r in results]  # the whole sector, raw cotton too
