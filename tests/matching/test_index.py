"""The index answers each kind of query, refuses unrelated ones, and obeys its ranking laws."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from matching import Document, Field, Index, parse_hs_query
from matching.fillers import service_need


def product(code: str, en: str, fa: str, *aliases: str, hs: str = "", description: str = "", weight: float = 0) -> Document:
    fields = [Field("name_en", en), Field("name_fa", fa), *(Field("alias", a) for a in aliases)]
    if description:
        fields.append(Field("description", description))
    return Document("product", code, tuple(fields), hs_code=hs or None, weight=weight)


CATALOG = [
    product("OGS-001", "Electric submersible pump (ESP)", "پمپ شناور درون\u200cچاهی", "ESP", hs="841370", weight=9),
    product("OGS-002", "ESP power cable", "کابل قدرت پمپ درون\u200cچاهی", hs="854460", weight=3),
    product("AUT-002", "Brake pad set", "لنت ترمز دیسکی", "brake pads", hs="870830", weight=5),
    product("HAP-001", "Refrigerator compressor", "کمپرسور یخچال", "fridge compressor", hs="841430", weight=7),
    product("PET-001", "Polypropylene catalyst", "کاتالیست پلی\u200cپروپیلن", hs="381519", weight=4),
    product("PWR-003", "Gas turbine blade", "پره توربین گازی", hs="841191", weight=8,
            description="Hot-section blade for heavy-duty gas turbines"),
    product("MED-001", "Oil cooler", "خنک\u200cکننده روغن", hs="841950", weight=1),
    product("MCH-001", "Ball bearing", "بلبرینگ", "rolling bearing", hs="848210", weight=2),
    Document("desk", "DESK-PET", (Field("name_en", "Petrochemicals desk"), Field("name_fa", "میز پتروشیمی"),
                                  Field("alias", "petrochemical"), Field("alias", "پتروشیمی"))),
]


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(CATALOG)


def top(index: Index, query: str) -> str | None:
    results = index.search(query, limit=3)
    return results[0].key if results else None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Brake pad set", "AUT-002"),  # exact English name
        ("brake pad", "AUT-002"),  # partial phrase
        ("pad brake", "AUT-002"),  # word order
        ("brake pda", "AUT-002"),  # transposition typo
        ("refrigerater compresor", "HAP-001"),  # two typos
        ("compress fridge", "HAP-001"),  # a word typed in part
        ("لنت ترمز", "AUT-002"),  # Persian
        ("كمپرسور يخچال", "HAP-001"),  # Arabic keyboard letters
        ("پلی پروپیلن کاتالیست", "PET-001"),  # ZWNJ written as a space, other order
        ("کاتالیست پلیپروپیلن", "PET-001"),  # ZWNJ spelling joined (polypropylene alone is no catalyst)
        ("خنککننده روغن", "MED-001"),  # joined where the listing has a ZWNJ
        ("پمپ ESP", "OGS-001"),  # mixed languages
        ("I want to invest in producing brake pads", "AUT-002"),  # English need statement
        ("looking for a partner to manufacture ball bearings", "MCH-001"),
        ("می\u200cخواهم در تولید لنت ترمز سرمایه\u200cگذاری کنم", "AUT-002"),  # Persian need statement
        ("petrochemical", "DESK-PET"),  # a sector brings its desk
        ("پتروشیمی", "DESK-PET"),
        ("ESP", "OGS-001"),  # an alias
    ],
)
def test_query_kinds(index: Index, query: str, expected: str) -> None:
    assert top(index, query) == expected


@pytest.mark.parametrize("query", ["wedding dresses", "hello", "سلام", "asdfgh", "?", "", "   ", "😀", "I want to invest"])
def test_unrelated_queries_return_nothing(index: Index, query: str) -> None:
    assert index.search(query) == []


@pytest.mark.parametrize(
    ("query", "digits"),
    [("841370", "841370"), ("8413.70", "841370"), ("HS 8413 70", "841370"), ("hs code: 8413.70.90", "84137090"),
     ("۸۴۱۳۷۰", "841370"), ("8413", "8413"), ("841", None), ("84137090901", None), ("pump 8413", None),
     ("تعرفه 8413.70 چیه", "841370"), ("hs 841370 chiye?", "841370"), ("kod-e hs 8413.70", "841370"),
     ("کدتعرفه۸۴۱۳۷۰", "841370"), ("pump 8413 hs", "8413"), ("10 pumps 2024", None), ("8413 and 2024", None)],
)
def test_parse_hs_query(query: str, digits: str | None) -> None:
    assert parse_hs_query(query) == digits


def test_hs_code_matches_by_prefix_both_ways(index: Index) -> None:
    assert [m.key for m in index.search("8413.70")] == ["OGS-001"]
    assert [m.key for m in index.search("8413709000")] == ["OGS-001"]  # a 10-digit national tariff line
    assert {m.key for m in index.search("HS 8708")} == {"AUT-002"}
    assert index.search("9999") == []
    assert index.search("8413.70")[0].why == "hs_code: 841370"


def test_scores_are_0_to_100_and_best_first(index: Index) -> None:
    # One word shared by several names only suggests them (issue 10): both tiers are scored alike.
    found = index.lookup("pump")
    assert found.confident == []
    results = found.related
    assert results and all(0 <= m.score <= 100 for m in results)
    assert [m.score for m in results] == sorted((m.score for m in results), reverse=True)


def test_description_alone_is_weaker_than_a_name(index: Index) -> None:
    results = index.search("gas turbine blade")
    assert results[0].key == "PWR-003" and results[0].field in {"name_en", "alias"}


def test_explanation_names_field_and_text(index: Index) -> None:
    (match, *_) = index.search("کمپرسور یخچال")
    assert match.why == "name_fa: کمپرسور یخچال"


def test_limit(index: Index) -> None:
    assert len(index.lookup("pump", limit=1).related) == 1


def test_empty_index_answers_nothing() -> None:
    assert Index([]).search("pump") == []


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzپمکلنترشیچ", min_size=4, max_size=9)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(st.lists(words, min_size=1, max_size=4).map(" ".join), min_size=2, max_size=12, unique=True),
       pick=st.integers(min_value=0))
def test_an_exact_name_always_ranks_first(names: list[str], pick: int) -> None:
    documents = [Document("product", f"P{i}", (Field("name_en", name),)) for i, name in enumerate(names)]
    wanted = pick % len(names)
    assume(service_need(names[wanted].split()) is None)  # "aaaa nearby", "fine aaaa": a request no listing is
    results = Index(documents).search(names[wanted], limit=len(names))
    assert results, names[wanted]
    assert results[0].score == 100
    # A listing with the same words in another order or spacing may tie; none may beat it.
    firsts = {m.key for m in results if m.score == 100}
    assert f"P{wanted}" in firsts


@settings(max_examples=40)
@given(name=st.lists(words, min_size=2, max_size=4).map(" ".join))
# A final 'mashin' is read as a car: the word as written must still find the listing named with it.
@example(name="mashin aaaa")
def test_word_order_does_not_matter(name: str) -> None:
    # A short need for a place nearby, a fine or a repair is no listing in either order ('aaaa nearby').
    assume(service_need(name.split()) is None and service_need(name.split()[::-1]) is None)
    index = Index([Document("product", "P", (Field("name_en", name),)), Document("product", "Q", (Field("name_en", "zzzz qqqq"),))])
    assert top(index, " ".join(reversed(name.split()))) == "P"


def test_a_long_message_looks_each_word_up_once(index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole message and its pieces share their words' look-ups (latency at 100,000 listings)."""
    looked_up: list[str] = []
    similar_words = Index._similar_words

    def counting(self: Index, word: str) -> dict[int, float]:
        looked_up.append(word)
        return similar_words(self, word)

    monkeypatch.setattr(Index, "_similar_words", counting)
    index.lookup("our workshop makes brake pads and ball bearings, we also make brake pads for trucks, ball bearings too")
    assert looked_up and len(looked_up) == len(set(looked_up))


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        # A list without "and": each item on its own piece.
        ("brake pads, ball bearings, refrigerator compressor", {"AUT-002", "MCH-001", "HAP-001"}),
        # Clauses around one named listing: the pieces add nothing, and are skipped.
        ("hello there dear team of the program, our company in tabriz makes brake pads for cars", {"AUT-002"}),
    ],
)
def test_pieces_of_a_message(index: Index, query: str, codes: set[str]) -> None:
    assert {match.key for match in index.search(query)} == codes


def test_a_message_of_clauses_that_names_a_listing_skips_the_piece_pass(index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    texts: list[str] = []
    lookup_text = Index._lookup_text

    def recording(self: Index, text: str, memo: object) -> object:
        texts.append(text)
        return lookup_text(self, text, memo)  # type: ignore[arg-type]

    monkeypatch.setattr(Index, "_lookup_text", recording)
    index.lookup("hello there dear team of the program, our company in tabriz makes brake pads for cars")
    assert len(texts) == 1
    texts.clear()
    index.lookup("brake pads, ball bearings, refrigerator compressor")
    assert len(texts) == 4


def test_catalog_words_read_a_text_as_a_query_without_ranking(index: Index) -> None:
    read = dict(index.catalog_words("We want to produce brake padz and کمپرسورها, kompresor"))
    assert "we" not in read and "produce" not in read  # words of a need statement are left out
    assert read["brake"]["brake"] == 1.0
    assert "pads" in read["padz"]  # a typo
    assert "کمپرسور" in read["کمپرسورها"]  # a Persian plural
    assert "کمپرسور" in read["kompresor"] or "compressor" in read["kompresor"]  # Finglish or a typo
    assert index.catalog_words("") == []


def test_two_words_typed_as_one_are_read_half_by_half(index: Index) -> None:
    """'lentetormoz' is «لنت ترمز» typed in Finglish without its space; a half the catalog does not know
    ('lentezzzz') joins nothing."""
    assert top(index, "lentetormoz") == "AUT-002"
    assert top(index, "tormozlente") == "AUT-002"
    assert top(index, "lentezzzzzz") is None
