"""One number parser and one text cleaner for everything people type or upload (issue 15, defects 8, 9 and 14)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.records import MAX_AMOUNT, DeskRecord, Known, ProductRecord, parse_hs_code
from bot.services.inputs import NumberError, clean_text, parse_amount, parse_whole_number

HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("text", "grouping", "expected"),
    [
        ("42", False, 42),
        (" 0042 ", False, 42),
        ("۴۲", False, 42),  # Persian digits
        ("٤٢", False, 42),  # Arabic-Indic digits
        ("12,400,000", True, 12_400_000),
        ("12 400 000", True, 12_400_000),
        ("۱۲٬۴۰۰٬۰۰۰", True, 12_400_000),  # the Arabic thousands separator
        ("1_000", True, 1000),
        ("1000", False, 1000),
    ],
)
def test_whole_numbers_in_any_digits(text: str, grouping: bool, expected: int) -> None:
    assert parse_whole_number(text, maximum=10**9, grouping=grouping) == expected


@pytest.mark.parametrize("text", ["²", "1²", "①", "٣.5", "-3", "+3", "", " ", "1e3", "0x10", "12,400", "𝟗"])
def test_what_is_not_a_whole_number(text: str) -> None:
    with pytest.raises(NumberError) as error:
        parse_whole_number(text, maximum=10**9)
    assert not error.value.too_large


@pytest.mark.parametrize("text", [HUGE, "1" + "0" * 9, "۱" + "۰" * 9])
def test_too_large_is_named_without_converting(text: str) -> None:
    """5,000 digits used to hit Python's int conversion limit (ValueError) after passing ``isdigit``."""
    with pytest.raises(NumberError) as error:
        parse_whole_number(text, maximum=10**9 - 1)
    assert error.value.too_large and len(str(error.value)) < 80


@given(st.integers(min_value=0, max_value=2**63 - 1))
def test_every_number_reads_back(number: int) -> None:
    assert parse_whole_number(str(number), maximum=2**63 - 1) == number
    assert parse_whole_number(f"{number:,}", maximum=2**63 - 1, grouping=True) == number


@given(st.text())
def test_the_parser_never_raises_anything_else(text: str) -> None:
    try:
        parse_whole_number(text, maximum=10**6, grouping=True)
    except NumberError:
        pass


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The bot's own way of showing an import value, refused by the draft-listing form in a user trial.
        ("۱۵ میلیون دلار", 15_000_000),
        ("۱۲٫۴ میلیون دلار", 12_400_000),
        ("15 million", 15_000_000),
        ("15M", 15_000_000),
        ("$12.4M", 12_400_000),
        ("$15,000,000", 15_000_000),
        ("1.2 billion US dollars", 1_200_000_000),
        ("۳ هزار", 3000),
        ("12400000", 12_400_000),
    ],
)
def test_amounts_as_people_write_them(text: str, expected: int) -> None:
    assert parse_amount(text, maximum=MAX_AMOUNT) == expected


@pytest.mark.parametrize("text", ["1.23456789M", "15 apples", "M", "$", "million", "15.5", "1e6"])
def test_what_is_no_whole_amount(text: str) -> None:
    with pytest.raises(NumberError) as error:
        parse_amount(text, maximum=MAX_AMOUNT)
    assert not error.value.too_large


@given(st.text())
def test_the_amount_parser_never_raises_anything_else(text: str) -> None:
    try:
        parse_amount(text, maximum=MAX_AMOUNT)
    except NumberError:
        pass


KNOWN = Known({"oil_gas"})
LISTING = {"code": "X-1", "name_en": "Valve", "name_fa": "شیر", "hs_code": "848180", "sector": "oil_gas"}


@pytest.mark.parametrize(
    ("value", "key"),
    [("²", "amount_invalid"), (HUGE, "amount_too_large"), (str(MAX_AMOUNT + 1), "amount_too_large")],
)
def test_a_bad_amount_is_named_with_its_row_and_field(value: str, key: str) -> None:
    stored, errors = ProductRecord.read({**LISTING, "annual_import_usd": value}, 7, KNOWN)
    assert stored is None and len(errors) == 1
    (error,) = errors
    assert (error.row, error.column, error.key) == (7, "annual_import_usd", key)
    assert dict(error.values)["value"].startswith(value[:60]) and len(str(error)) < 200


def test_amounts_up_to_the_bound_pass() -> None:
    for value, expected in [("3,000,000,000", 3_000_000_000), (str(MAX_AMOUNT), MAX_AMOUNT), ("۳۰۰۰", 3000),
                            ("۱۵ میلیون دلار", 15_000_000), ("$2.5M", 2_500_000)]:
        stored, errors = ProductRecord.read({**LISTING, "annual_import_usd": value}, 2, KNOWN)
        assert errors == [] and stored is not None and stored.annual_import_usd == expected


@pytest.mark.parametrize(
    ("column", "value", "key"),
    [("budget_eur", "²", "number_invalid"), ("budget_eur", HUGE, "number_too_large"), ("program_year", "14040", "number_too_large")],
)
def test_desk_numbers_are_named(column: str, value: str, key: str) -> None:
    error = DeskRecord.field_problem(column, {column: value}, 3, KNOWN)
    assert error is not None and (error.row, error.column, error.key) == (3, column, key)


def test_hs_codes_take_only_real_digits() -> None:
    assert parse_hs_code("8413.70") == parse_hs_code("۸۴۱۳.۷۰") == parse_hs_code("۸۴۱۳٫۷۰") == "841370"
    assert parse_hs_code("841²") is None and parse_hs_code("84") is None


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Ali\x00", "Ali"),
        ("Ali\ud800\udfff", "Ali"),  # lone surrogates (two in a row are not a pair in a Python string)
        ("\u202eevil\u202c", "evil"),
        ("\u2066a\u2069\u200bb\ufeff\u200e", "ab"),
        ("می\u200cخواهم", "می\u200cخواهم"),  # the zero-width non-joiner is Persian spelling
        ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"),  # the joiner builds emoji
        ("line one\nline two\ttab", "line one\nline two\ttab"),
        ("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 é ي", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 é ي"),
        ("\x07bell\x7f\x85", "bell"),
    ],
)
def test_clean_text(text: str, cleaned: str) -> None:
    assert clean_text(text) == cleaned


@given(st.text())
def test_cleaned_text_can_be_stored_anywhere(text: str) -> None:
    cleaned = clean_text(text)
    cleaned.encode("utf-8")  # no lone surrogate left
    assert "\x00" not in cleaned and clean_text(cleaned) == cleaned


def test_imported_cells_are_cleaned() -> None:
    stored, errors = ProductRecord.read({**LISTING, "name_en": "\u202eValve\x00"}, 2, KNOWN)
    assert errors == [] and stored is not None and stored.name_en == "Valve"
