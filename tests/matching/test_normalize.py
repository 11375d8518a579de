"""Each Persian and English normalization rule, and the laws normalization obeys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching import compact, normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ﻙ", "ک"),  # NFKC folds Arabic presentation forms
        ("ＡＢＣ", "abc"),  # full-width Latin
        ("ﬁlter", "filter"),  # ligature
        ("كمپرسور", "کمپرسور"),  # Arabic kaf
        ("يخچال", "یخچال"),  # Arabic yeh
        ("مصطفى", "مصطفی"),  # alef maksura
        ("مُحَمَّد", "محمد"),  # harakat
        ("قطعه‌ٔ", "قطعه"),  # hamza above
        ("سلامـــــت", "سلامت"),  # tatweel
        ("آب", "اب"),  # alef madda typed as bare alef
        ("۱۲۳۴۵۶", "123456"),  # Persian digits
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),  # Arabic-Indic digits
        ("Café", "cafe"),  # Latin accents
        ("STRASSE", "strasse"),  # case folding
        ("Valve <DN50> & fittings!", "valve dn50 fittings"),  # punctuation and symbols
        ("«پمپ»، ؟ شیر؛", "پمپ شیر"),  # Persian punctuation
        ("\u200fhello\u200e", "hello"),  # right-to-left and left-to-right marks
        ("\ufeffpump", "pump"),  # byte-order mark
        ("پمپ\u200dها", "پمپها"),  # zero-width joiner vanishes
        ("  many   spaces\t\n", "many spaces"),
        ("", ""),
    ],
)
def test_each_rule(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_zwnj_and_space_spellings_are_the_same_words() -> None:
    assert normalize("می\u200cخواهم") == normalize("می خواهم") == "می خواهم"


def test_joined_spaced_and_zwnj_spellings_share_a_compact_form() -> None:
    assert compact("خنک\u200cکننده") == compact("خنک کننده") == compact("خنککننده")


def test_rapidfuzz_default_process_would_split_at_diacritics() -> None:
    """Why we normalize ourselves: rapidfuzz's processor breaks a word with a diacritic in two."""
    from rapidfuzz.utils import default_process

    assert default_process("مُحَمَّد") != "محمد"
    assert normalize("مُحَمَّد") == "محمد"


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_output_is_lowercase_words_separated_by_single_spaces(text: str) -> None:
    result = normalize(text)
    assert result == result.strip()
    assert "  " not in result
    assert result == result.casefold()
