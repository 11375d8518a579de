"""Round fwd11: the Persian head noun (first, ezafe order), list items that only suggest a listing, quantities and
Persian tariff words, the colloquial «واسه», and lists naming two sectors. Examples are not queries of the seen sets."""

from __future__ import annotations

import pytest

from bot.services.search import Matcher
from matching import Document, Field, Index, parse_hs_query


def _codes(matcher: Matcher, query: str) -> tuple[list[str], list[str]]:
    found = matcher.lookup(query, limit=10)
    return [result.code for result in found.results], [result.code for result in found.related]


# ------------------------------------------------------------------ the Persian head noun comes first


@pytest.mark.parametrize(
    ("query", "listing"),
    [
        ("پوره گوجه فرنگی", "AGR-002"),  # tomato puree: no seed
        ("ترشی خیار", "AGR-002"),  # cucumber pickle
    ],
)
def test_an_unknown_persian_head_before_a_listing_s_words_is_neither_its_match_nor_a_suggestion(
    matcher: Matcher, query: str, listing: str
) -> None:
    confident, related = _codes(matcher, query)
    assert listing not in confident and listing not in related


@pytest.mark.parametrize("query", ["فقط لنت ترمز", "اخیرا لنت ترمز"])
def test_an_unknown_word_before_a_whole_name_may_be_no_head_and_leaves_a_suggestion(matcher: Matcher, query: str) -> None:
    assert "AUT-002" in _codes(matcher, query)[1]


@pytest.mark.parametrize("query", ["اکنون لنت ترمز", "الان لنت ترمز"])
def test_a_word_of_time_before_a_whole_name_is_need_wording(matcher: Matcher, query: str) -> None:
    # «الان»/«اکنون» (now) are fillers: the name after them is the need, and confident.
    assert _codes(matcher, query)[0][:1] == ["AUT-002"]


@pytest.mark.parametrize("query", ["tomato puree", "cucumber pickle"])
def test_the_english_head_comes_last_and_is_read_so_as_before(matcher: Matcher, query: str) -> None:
    assert "AGR-002" not in _codes(matcher, query)[0]


def test_a_known_head_with_an_unknown_modifier_is_no_listing_holding_the_head_only_as_a_modifier(matcher: Matcher) -> None:
    # «روغن موتور تراکتور» is a tractor's engine oil: the additive of «ادتیو روغن موتور» is at most related.
    confident, related = _codes(matcher, "روغن موتور تراکتور")
    assert "REF-015" not in confident and "REF-015" in related


@pytest.mark.parametrize(
    ("query", "listing"),
    [
        ("لنط ترمز پراید", "AUT-002"),  # a typing error of the head is still the head
        ("کمپرسور یخچال ساید", "HAP-001"),  # a known head with an unknown word after it
        ("بذر گوجه گلخانه ای", "AGR-002"),  # every word known: the names' own order tells
        ("فیول اینجکتور بنزینی", "AUT-005"),  # English typed by its sound, in English order
    ],
)
def test_a_head_the_listing_s_names_have_keeps_the_listing(matcher: Matcher, query: str, listing: str) -> None:
    assert listing in _codes(matcher, query)[0]


def test_the_head_rule_reads_any_catalog_in_ezafe_order() -> None:
    seeds = Document("product", "SEED-1", (Field("name_en", "Tomato seeds"), Field("name_fa", "بذر گوجه فرنگی")))
    oil = Document("product", "OIL-1", (Field("name_en", "Engine oil additive"), Field("name_fa", "ادتیو روغن موتور")))
    index = Index([seeds, oil])
    for query in ("مربای گوجه فرنگی", "سالاد گوجه فرنگی"):  # jam, salad: heads the catalog does not know
        found = index.lookup(query, limit=3)
        assert not found.confident and not found.related
    assert [match.key for match in index.lookup("بذر گوجه فرنگی", limit=3).confident] == ["SEED-1"]
    assert not index.lookup("روغن موتور کامیون", limit=3).confident  # a truck's oil, not the additive


# ------------------------------------------------------------------ a list's items


@pytest.mark.parametrize("query", ["کاشت ناخن و ایمپلنت ناخن", "ایمپلنت ناخن و کاشت ناخن", "کاشت ریش و ایمپلنت ریش"])
def test_items_each_about_something_unknown_do_not_join_into_a_listing_s_name(matcher: Matcher, query: str) -> None:
    # «کاشت» of one item and «ایمپلنت» of the other make the dental implant's alias «کاشت ایمپلنت»: nails, beards.
    assert "MED-015" not in _codes(matcher, query)[0]


@pytest.mark.parametrize(("query", "listing"), [("دیسک و صفحه کلاچ", "AUT-010"), ("لنت و دیسک ترمز", "AUT-002")])
def test_items_of_known_words_still_share_them(matcher: Matcher, query: str, listing: str) -> None:
    assert listing in _codes(matcher, query)[0]


# ------------------------------------------------------------------ tariff words, quantities, «واسه»


@pytest.mark.parametrize(
    ("query", "digits"),
    [("فصل ۸۴۱۳", "8413"), ("سرفصل ۸۵۴۱", "8541"), ("chapter 8413", "8413"), ("fasl 8708", "8708"), ("ردیف تعرفه ۸۴۱۳", "8413")],
)
def test_persian_customs_words_for_a_heading_name_its_code(query: str, digits: str) -> None:
    assert parse_hs_query(query) == digits


def test_a_heading_in_customs_wording_lists_its_listings(matcher: Matcher) -> None:
    assert "OGS-001" in _codes(matcher, "فصل ۸۴۱۳")[0]
    assert _codes(matcher, "فصل بهار") == ([], [])  # a season is no code


@pytest.mark.parametrize(
    ("query", "listing"),
    [
        ("استارت سمند ۱۶۰۰", "AUT-015"),
        ("کولر گازی ۱۸ هزار", "HAP-004"),
        ("split ac 18 thousand", "HAP-004"),
    ],
)
def test_a_model_number_or_a_quantity_names_nothing(matcher: Matcher, query: str, listing: str) -> None:
    assert listing in _codes(matcher, query)[0][:1]


def test_a_number_a_name_holds_still_counts() -> None:
    seal = Document("product", "SEAL-1", (Field("name_en", "API 682 seal"), Field("name_fa", "سیل API 682")))
    pump = Document("product", "PUMP-1", (Field("name_en", "Centrifugal pump seal"), Field("name_fa", "سیل پمپ")))
    assert [match.key for match in Index([seal, pump]).lookup("682 seal", limit=3).confident][:1] == ["SEAL-1"]


@pytest.mark.parametrize(("query", "listing"), [("لایکرا واسه جوراب", "TEX-007"), ("پمپ واسه چاه نفت", "OGS-001")])
def test_vase_is_colloquial_for_baraye(matcher: Matcher, query: str, listing: str) -> None:
    confident, related = _codes(matcher, query)
    assert listing in confident[:1] or listing in related[:1]


# ------------------------------------------------------------------ a list naming two sectors


def _sectors(matcher: Matcher, query: str, first: int) -> list[str]:
    found = matcher.lookup(query, limit=10)
    return [result.sector for result in found.results if result.kind == "product"][:first]


@pytest.mark.parametrize(
    ("query", "sectors"),
    [
        ("auto parts and medical equipment", ["automotive", "medical"]),
        ("قطعات خودرو و تجهیزات پزشکی", ["automotive", "medical"]),
        ("تجهیزات پزشکی و دارو", ["medical", "pharma"]),
        ("home appliances and auto parts", ["home_appliances", "automotive"]),
    ],
)
def test_a_list_naming_two_sectors_lists_both_in_turns(matcher: Matcher, query: str, sectors: list[str]) -> None:
    assert _sectors(matcher, query, 4) == sectors * 2
    found = matcher.lookup(query, limit=10)
    assert {result.sector for result in found.results if result.kind == "desk"} == set(sectors)


@pytest.mark.parametrize("query", ["oil and gas", "نفت و گاز", "لوازم یدکی ماشین", "auto parts"])
def test_one_sector_named_is_listed_alone(matcher: Matcher, query: str) -> None:
    assert len(set(_sectors(matcher, query, 10))) == 1


# ------------------------------------------------------------------ Persian "X for Y", head first


@pytest.mark.parametrize("query", ["بلبرینگ پمپ", "بلبرینگ گیربکس"])
def test_a_listing_named_first_whose_description_holds_the_rest_is_confident(matcher: Matcher, query: str) -> None:
    # The ball bearing's description: «… برای الکتروموتور، پمپ، گیربکس و لوازم خانگی».
    assert _codes(matcher, query)[0][:1] == ["MCH-008"]


def test_a_word_after_the_head_that_the_description_lacks_leaves_the_need_related(matcher: Matcher) -> None:
    confident, related = _codes(matcher, "استارت تراکتور")  # the starter's description is about cars
    assert "AUT-015" not in confident and "AUT-015" in related


def test_persian_x_for_y_reads_any_catalog() -> None:
    bearing = Document(
        "product",
        "BRG-1",
        (Field("name_en", "Ball bearing"), Field("name_fa", "بلبرینگ شیار عمیق"), Field("alias", "بلبرینگ"),
         Field("description", "بلبرینگ برای موتور و پمپ")),
    )
    pump = Document("product", "PMP-1", (Field("name_en", "Water pump"), Field("name_fa", "پمپ آب")))
    index = Index([bearing, pump])
    assert [match.key for match in index.lookup("بلبرینگ موتور", limit=3).confident][:1] == ["BRG-1"]
    assert "BRG-1" not in [match.key for match in index.lookup("بلبرینگ دوچرخه", limit=3).confident]


@pytest.mark.parametrize("query", ["قطعات پلاستیکی", "لوازم پلاستیکی", "قطعات لاستیکی و پلیمری", "تجهیزات برقی"])
def test_parts_made_of_a_material_are_no_parts_of_what_names_it(matcher: Matcher, query: str) -> None:
    # «قطعات لاستیکی» are rubber parts, not the parts of a tyre; «قطعات پلاستیکی» are no injection-moulding machine.
    assert _codes(matcher, query)[0] == []


@pytest.mark.parametrize(("query", "sector"), [("قطعات ریلی", "RAL"), ("قطعات فولادی", "STL"), ("قطعات یخچال", "HAP")])
def test_parts_of_a_sector_or_a_thing_are_still_found(matcher: Matcher, query: str, sector: str) -> None:
    confident = _codes(matcher, query)[0]
    assert confident and all(code.startswith(sector) or code.startswith("DESK-") for code in confident[:5])
