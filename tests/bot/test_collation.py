"""Sorting Persian names in Persian alphabet order, English ones case-blind."""

from __future__ import annotations

import csv
import random
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bot.collation import PERSIAN_ALPHABET, english_sort_key, persian_sort_key, sort_key

SEED = Path(__file__).resolve().parents[2] / "seed_data"
LETTERS = [spellings[0] for spellings in PERSIAN_ALPHABET]
ZWNJ = "\u200c"


def seed_names(file: str, column: str) -> list[str]:
    with (SEED / file).open(encoding="utf-8") as handle:
        return [row[column] for row in csv.DictReader(handle)]


def persian_sorted(names: list[str]) -> list[str]:
    return sorted(names, key=persian_sort_key)


def test_the_alphabet_is_the_persian_one() -> None:
    assert "".join(LETTERS) == "آاءبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
    assert len({spelling for spellings in PERSIAN_ALPHABET for spelling in spellings}) == sum(map(len, PERSIAN_ALPHABET))


def test_the_four_persian_letters_sort_after_their_arabic_neighbours() -> None:
    assert persian_sorted(["پ", "ت", "ب"]) == ["ب", "پ", "ت"]
    assert persian_sorted(["ح", "چ", "ج"]) == ["ج", "چ", "ح"]
    assert persian_sorted(["س", "ژ", "ز"]) == ["ز", "ژ", "س"]
    assert persian_sorted(["ل", "گ", "ک"]) == ["ک", "گ", "ل"]
    assert persian_sorted(["ه", "و", "ی"]) == ["و", "ه", "ی"]  # Arabic puts ه before و
    assert persian_sorted(["نیرو", "پالایش", "بتن"]) == ["بتن", "پالایش", "نیرو"]
    assert sorted(["نیرو", "پالایش"]) == ["نیرو", "پالایش"]  # what code-point order did


def test_the_seeded_sectors_and_desks_sort_in_persian_order() -> None:
    assert persian_sorted(seed_names("sectors.csv", "name_fa")) == [
        "الکترونیک", "پالایش", "پتروشیمی", "تجهیزات پزشکی", "خودرو", "دارویی", "ریلی", "صنایع غذایی و کشاورزی",
        "فولاد", "لوازم خانگی", f"ماشین{ZWNJ}آلات", "معدن", "نساجی", "نفت و گاز", "نیرو و برق",
    ]
    desks = [name.removeprefix("میز توسعه ساخت داخل ") for name in persian_sorted(seed_names("desks.csv", "name_fa"))]
    assert desks[:4] == ["الکترونیک", "پالایش", "پتروشیمی", "تجهیزات پزشکی"]


def test_spellings_of_one_letter_sort_as_one() -> None:
    for arabic, persian in (("كتاب", "کتاب"), ("علي", "علی"), ("مصطفى", "مصطفی"), ("مدرسة", "مدرسه"), ("خانۀ", "خانه")):
        assert persian_sort_key(arabic)[0] == persian_sort_key(persian)[0]
    # As in CLDR: hamza carriers sort with ء, and آ is a letter of its own before ا.
    assert persian_sort_key("أ")[0] == persian_sort_key("ؤ")[0] == persian_sort_key("ء")[0]
    assert persian_sorted(["ب", "ء", "ا", "آ"]) == ["آ", "ا", "ء", "ب"]
    # Presentation forms (old keyboards and PDFs) are the letters they show.
    assert persian_sort_key("\ufedb\ufe98\ufe8e\ufe8f")[0] == persian_sort_key("کتاب")[0]


def test_invisible_marks_are_ignored() -> None:
    plain = persian_sort_key("ماشینآلات")[0]
    for text in (f"ماشین{ZWNJ}آلات", "ماشین\u200dآلات", "ماشـــینآلات", "\u200fماشینآلات", "ماشینَآلات", "ماشینآلات\u200e"):
        assert persian_sort_key(text)[0] == plain


def test_spaces_sort_before_letters_and_runs_of_them_are_one() -> None:
    assert persian_sorted(["آبی", "آب معدنی", "آب"]) == ["آب", "آب معدنی", "آبی"]
    assert persian_sort_key("  آب   معدنی ")[0] == persian_sort_key("آب معدنی")[0]
    assert persian_sort_key("آب\tمعدنی")[0] == persian_sort_key("آب معدنی")[0]


def test_digits_by_value_in_any_script_before_letters_and_latin_after() -> None:
    assert persian_sort_key("۱۴۰۵")[0] == persian_sort_key("1405")[0] == persian_sort_key("١٤٠٥")[0]
    assert persian_sorted(["ب", "HS", "۲", "1", "-"]) == ["-", "1", "۲", "ب", "HS"]
    assert persian_sort_key("Valve")[0] == persian_sort_key("VALVE")[0]


def test_english_names_sort_case_blind_and_keep_todays_order_on_the_seed() -> None:
    names = seed_names("sectors.csv", "name_en") + seed_names("desks.csv", "name_en")
    assert sorted(names, key=sort_key("en")) == sorted(names)
    assert sorted(["beta", "Alpha", "alpha", "Beta"], key=english_sort_key) == ["Alpha", "alpha", "Beta", "beta"]
    assert sort_key("fa") is persian_sort_key and sort_key("en") is english_sort_key


@given(st.lists(st.sampled_from(LETTERS), max_size=8), st.lists(st.sampled_from(LETTERS), max_size=8))
def test_words_sort_as_their_letters_do_in_the_alphabet(first: list[str], second: list[str]) -> None:
    ranks_first, ranks_second = [LETTERS.index(c) for c in first], [LETTERS.index(c) for c in second]
    first_word, second_word = "".join(first), "".join(second)
    assert (persian_sort_key(first_word) < persian_sort_key(second_word)) == (ranks_first < ranks_second)


NAMES = st.text(alphabet=st.sampled_from(LETTERS + list("كيىة ۱1aA\u200c\u0640-")), max_size=10)


@given(NAMES, NAMES)
def test_the_key_is_a_total_order(first: str, second: str) -> None:
    for key in (persian_sort_key, english_sort_key):
        below, above = key(first) < key(second), key(second) < key(first)
        assert below + above + (first == second) == 1  # exactly one: before, after or the same name


@given(st.lists(NAMES, max_size=12), st.randoms())
def test_sorting_does_not_depend_on_the_order_names_came_in(names: list[str], rng: random.Random) -> None:
    shuffled = names[:]
    rng.shuffle(shuffled)
    assert persian_sorted(shuffled) == persian_sorted(names)
