"""Round 13 (fwd8): the engine's own bare-alef names, sectors keyed by their key, and misses of the seen sets."""

from __future__ import annotations

import pytest

from bot.services.search import Matcher
from matching import Document, Field, Index


def _listing(code: str, en: str, fa: str, sector: str, *, hs: str, sector_names: tuple[str, ...]) -> Document:
    fields = (Field("name_en", en), Field("name_fa", fa), *(Field("sector", name) for name in sector_names))
    return Document("product", code, fields, hs_code=hs, sector=sector)


def _desk(code: str, en: str, sector: str, sector_names: tuple[str, ...]) -> Document:
    fields = (Field("name_en", en), Field("name_fa", en), *(Field("alias", name) for name in sector_names))
    return Document("desk", code, fields, sector=sector)


# ------------------------------------------------------------------ the bare-alef name of a spelt acronym


def test_any_document_named_with_a_madda_acronym_is_found_by_its_bare_alef_spelling() -> None:
    # Built straight from matching, with no bot layer: the index itself names the listing «... ای سی یو» too.
    ventilator = Document("product", "MED-9", (Field("name_en", "Intensive care ventilator"), Field("name_fa", "ونتیلاتور آی سی یو")))
    ecu = Document("product", "AUT-9", (Field("name_en", "Engine control unit"), Field("name_fa", "یونیت کنترل موتور"),
                                         Field("alias", "ECU")))
    index = Index([ventilator, ecu])
    assert [match.key for match in index.search("ونتیلاتور ای سی یو", limit=3)][:1] == ["MED-9"]


# ------------------------------------------------------------------ machinery for a sector with two desks

_FARM = ("agriculture", "farm", "کشاورزی")
_MACHINERY = ("machinery", "ماشین آلات")


def test_machinery_for_a_sector_with_two_desks_is_that_sector_s_machines() -> None:
    # Two desks serve the farm sector; "farm machinery" still lists its harvester, whichever desk the need names.
    catalog = [
        _listing("AGR-1", "Combine harvester", "کمباین", "agriculture", hs="843351", sector_names=_FARM),
        _listing("AGR-2", "Hybrid maize seed", "بذر ذرت هیبرید", "agriculture", hs="100510", sector_names=_FARM),
        _listing("MCH-1", "CNC lathe", "تراش سی ان سی", "machinery", hs="845811", sector_names=_MACHINERY),
        _listing("MCH-2", "Gearbox", "گیربکس", "machinery", hs="848340", sector_names=_MACHINERY),
        _desk("DESK-AGR-N", "North farm desk", "agriculture", _FARM),
        _desk("DESK-AGR-S", "South farm desk", "agriculture", _FARM),
        _desk("DESK-MCH", "Machinery desk", "machinery", _MACHINERY),
    ]
    for order in (catalog, [*catalog[:4], catalog[5], catalog[4], catalog[6]]):
        found = Index(order).lookup("farm machinery", limit=5)
        assert [match.key for match in found.confident] == ["AGR-1"]


def _codes(matcher: Matcher, query: str) -> tuple[list[str], list[str]]:
    found = matcher.lookup(query, limit=5)
    return [result.code for result in found.results], [result.code for result in found.related]


# ------------------------------------------------------------------ a spelt acronym against the need's context


@pytest.mark.parametrize(
    "query",
    [
        "دستگاهی که مریض تو ای سی یو نمیتونه نفس بکشه وصلش میکنن",
        "دستگاهی که مریض تو آی سی یو نمیتونه نفس بکشه وصلش میکنن",
    ],
)
def test_the_patient_and_breathing_outweigh_the_letters_of_the_engine_ecu(matcher: Matcher, query: str) -> None:
    # «ای سی یو» spells the ICU and the engine ECU alike: the rest of the sentence is the ventilator's.
    confident, _ = _codes(matcher, query)
    assert "AUT-001" not in confident
    assert confident[:1] == ["MED-014"]


def test_a_spelt_acronym_with_nothing_else_said_keeps_its_listing(matcher: Matcher) -> None:
    assert _codes(matcher, "ای سی یو")[0][:1] == ["AUT-001"]
    assert _codes(matcher, "ای سی یو ماشین")[0][:1] == ["AUT-001"]


# ------------------------------------------------------------------ an English compound translated word by word


@pytest.mark.parametrize("query", ["help spring for car", "help spring", "need help spring for my car"])
def test_a_persian_compound_translated_word_by_word_is_its_name(matcher: Matcher, query: str) -> None:
    # «کمک فنر», the shock absorber, is "help spring" word by word; "help" alone stays need wording.
    assert _codes(matcher, query)[0][:1] == ["AUT-008"]


def test_help_alone_is_still_need_wording(matcher: Matcher) -> None:
    confident, _ = _codes(matcher, "help with pumps")
    assert "AUT-008" not in confident and confident


# ------------------------------------------------------------------ a head noun the catalog does not hold


def test_a_cover_of_a_listed_family_suggests_the_family_only(matcher: Matcher) -> None:
    # A pump cover is no pump, but it may be a part of one: the pumps are suggestions, none is confident.
    confident, related = _codes(matcher, "pump cover")
    assert confident == []
    assert "OGS-001" in related


@pytest.mark.parametrize("query", ["car seat cover", "seat covers for cars", "bed cover", "curtain rail", "air curtain"])
def test_an_everyday_thing_named_around_a_listing_word_gets_no_listing(matcher: Matcher, query: str) -> None:
    # "car seat" names no listing as a whole (the seat belt's head is the belt): nothing to suggest either.
    assert _codes(matcher, query) == ([], [])


# ------------------------------------------------------------------ a word the synonyms equate with a phrase

_MOTORS = {"HAP-002", "HAP-009", "HAP-015", "MCH-009", "RAL-010", "AUT-015"}


@pytest.mark.parametrize("query", ["الکتروموتور", "الکتروموتورها", "electromotor"])
def test_electromotor_lists_the_electric_motors(matcher: Matcher, query: str) -> None:
    # "electric motor" in the synonyms file: the listings whose English names "motor" heads, not the locomotive's
    # diesel engine («موتور دیزل») nor the gear reducer an alias ties to an electromotor.
    confident, _ = _codes(matcher, query)
    assert confident and set(confident) <= _MOTORS


# ------------------------------------------------------------------ a relative clause describes the thing named


def test_what_comes_before_that_names_the_thing(matcher: Matcher) -> None:
    # The clause says what the magnetron does, in words no name holds; "microwave oven" before it names it.
    confident, _ = _codes(matcher, "the part inside microwave oven that make the waves and heat")
    assert confident[:1] == ["HAP-003"]


def test_a_part_or_machine_before_that_names_nothing_by_itself(matcher: Matcher) -> None:
    # "machine" alone is no extruder: the clause must still tell which machine.
    confident, _ = _codes(matcher, "machine that melts plastic pellets and pushes them continuously through a die")
    assert not {"MCH-001", "MCH-002", "MCH-003"} & set(confident)
