"""One schema per catalog record: it round-trips through the export, agrees with the tables, and drives the form."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.dates import JALALI_YEARS
from bot.services.catalog_csv import ALL_COLUMNS, FORMULA_TRIGGERS, parse_products, write_products
from bot.services.inputs import clean_text
from bot.services.listings import STEPS
from bot.services.problems import VALUES, Problem
from bot.services.records import MAX_AMOUNT, DeskRecord, Known, ProductRecord
from bot.store.models import Desk, Product, ProductStatus, join_list
from matching.normalize import persian_letters

SECTORS = ("oil_gas", "automotive", "textiles")
DESKS = {"DESK-OGS": "oil_gas", "DESK-AUT": "automotive"}


def _stored_text(min_size: int = 0) -> st.SearchStrategy[str]:
    """Text as the catalog stores it: cleaned and stripped (anything else is changed on the way in, by design)."""
    return st.text(max_size=40).map(lambda text: clean_text(text).strip()).filter(lambda text: len(text) >= min_size)


_LIST = st.lists(_stored_text(1).filter(lambda item: ";" not in item), max_size=4).map(join_list)


@st.composite
def listings(draw: st.DrawFn) -> ProductRecord:
    sector = draw(st.sampled_from(SECTORS))
    desk = draw(st.sampled_from([None, *(code for code, of in DESKS.items() if of == sector)]))
    return ProductRecord.stored(SimpleNamespace(
        code=draw(st.from_regex(r"[A-Z0-9][A-Z0-9_-]{0,31}", fullmatch=True)),
        name_en=draw(_stored_text(1)),
        name_fa=draw(_stored_text(1)),
        aliases=persian_letters(draw(_LIST)),  # stored in Persian letters, whatever keyboard typed them
        hs_code=draw(st.from_regex(r"[0-9]{4,10}", fullmatch=True)),
        sector=sector,
        annual_import_usd=draw(st.none() | st.integers(0, MAX_AMOUNT)),
        status=draw(st.sampled_from(ProductStatus)),
        description=draw(_stored_text()),
        description_fa=draw(_stored_text()),
        desk=desk,
        deadline=draw(st.none() | st.dates(min_value=date(1, 1, 1)).filter(lambda day: day.year not in JALALI_YEARS)),
        companies=draw(_LIST),
        source=draw(_stored_text()),
    ))


def _read_back(exported: str) -> list[ProductRecord]:
    parsed = parse_products(exported, sectors=set(SECTORS), desks=DESKS)
    assert parsed.ok, parsed.errors
    return parsed.rows


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(listings(), min_size=1, max_size=3, unique_by=lambda record: record.code))
def test_a_spreadsheet_export_imports_back_unchanged(records: list[ProductRecord]) -> None:
    """What admins download from chat (formula triggers neutralised) reads back as the very same records."""
    exported = write_products(records, spreadsheet=True)
    assert exported.splitlines()[0] == ",".join(ALL_COLUMNS)
    assert _read_back(exported) == records


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(listings(), min_size=1, max_size=3, unique_by=lambda record: record.code))
def test_a_plain_export_imports_back_unchanged(records: list[ProductRecord]) -> None:
    """``matchbot export`` writes cells as they are. Only a value that starts with an apostrophe before a formula
    trigger does not survive it: imports take that apostrophe for the one a spreadsheet export adds."""
    assume(not any(
        text.startswith("'") and text.lstrip("'").startswith(FORMULA_TRIGGERS) for record in records for text in record.texts().values()
    ))
    assert _read_back(write_products(records)) == records


@pytest.mark.parametrize(("record", "table"), [(ProductRecord, Product), (DeskRecord, Desk)])
def test_every_field_of_a_record_is_a_column_of_its_table_with_the_same_type(record: type, table: type) -> None:
    for name, field in record.__pydantic_fields__.items():
        assert name in table.model_fields, name
        assert field.annotation == table.model_fields[name].annotation, name


def test_the_form_asks_the_schemas_fields_in_their_order() -> None:
    assert [(s.column, s.required, s.prompt) for s in STEPS["product"]] == [
        ("code", True, "ask_product_code"), ("name_en", True, "ask_product_name_en"), ("name_fa", True, "ask_product_name_fa"),
        ("hs_code", True, "ask_product_hs_code"), ("sector", True, "ask_product_sector"),
        ("annual_import_usd", False, "ask_product_annual_import_usd"), ("aliases", False, "ask_product_aliases"),
        ("description", False, "ask_product_description"), ("description_fa", False, "ask_product_description_fa"),
        ("deadline", False, "ask_product_deadline"),
    ]
    assert [s.column for s in STEPS["desk"] if s.required] == ["code", "sector", "name_en", "name_fa"]
    assert {s.column for s in STEPS["desk"]} == set(DeskRecord.required_columns()) | {"description_fa"}
    assert [s.column for s in STEPS["desk"]][-2:] == ["description", "description_fa"]


def test_problems_are_codes_with_values_never_sentences() -> None:
    record, errors = ProductRecord.read({"code": "x y", "sector": "mars", "desk": "desk-nope"}, 5, Known(set(SECTORS), DESKS))
    assert record is None
    assert [(e.row, e.column, e.key, dict(e.values)) for e in errors] == [
        (5, "code", Problem.CODE_INVALID, {"value": "x y"}),
        (5, "name_en", Problem.FIELD_EMPTY, {"column": "name_en"}),
        (5, "name_fa", Problem.FIELD_EMPTY, {"column": "name_fa"}),
        (5, "hs_code", Problem.HS_INVALID, {"value": ""}),
        (5, "sector", Problem.SECTOR_UNKNOWN, {"value": "mars", "known": "automotive, oil_gas, textiles"}),
        (5, "desk", Problem.DESK_UNKNOWN, {"value": "DESK-NOPE"}),
    ]
    assert all(set(dict(e.values)) == VALUES[e.key] for e in errors)
    with pytest.raises(ValueError, match="carries"):
        errors[0].of(1, None, Problem.HS_INVALID, text="a sentence")


def test_a_lone_carriage_return_survives_the_export() -> None:
    """The csv module wrote a cell with a bare CR unquoted; read back, it ended the row (found by the property above)."""
    record = ProductRecord.stored(SimpleNamespace(
        code="CR-1", name_en="Valve", name_fa="شیر", aliases="", hs_code="848180", sector="oil_gas", annual_import_usd=None,
        status=ProductStatus.OPEN, description="first\rsecond", description_fa="", desk=None, deadline=None, companies="", source="",
    ))
    for spreadsheet in (False, True):
        assert _read_back(write_products([record], spreadsheet=spreadsheet)) == [record]


def _deadline(text: str, today: date | None) -> tuple[date | None, list[tuple[Problem, dict[str, str]]]]:
    raw = {"code": "D-1", "name_en": "Valve", "name_fa": "شیر", "hs_code": "848180", "sector": "oil_gas", "deadline": text}
    record, errors = ProductRecord.read(raw, 0, Known(set(SECTORS), DESKS, today))
    return (record.deadline if record else None), [(e.key, dict(e.values)) for e in errors]


@pytest.mark.parametrize(("text", "expected"), [
    ("1405-10-25", date(2027, 1, 15)), ("۱۴۰۵/۱۰/۲۵", date(2027, 1, 15)), ("۲۵ دی ۱۴۰۵", date(2027, 1, 15)),
    ("2027-01-15", date(2027, 1, 15)), ("1404-10-25", date(2026, 1, 15)),
])
def test_a_file_deadline_may_be_jalali_or_gregorian_and_in_the_past(text: str, expected: date) -> None:
    """Files read either calendar and keep past deadlines (an export of closed listings must import back)."""
    assert _deadline(text, None) == (expected, [])


def test_an_export_keeps_any_iso_year_but_reads_a_gregorian_14xx_year_as_the_jalali_one_meant() -> None:
    """What the round-trip property above leaves out: a Gregorian year 1300–1499 (a Jalali date typed before
    the bot knew the calendar) comes back from an export as the Jalali date the admin typed."""
    assert _deadline("0001-01-01", None) == (date(1, 1, 1), [])
    assert _deadline("2250-03-01", None) == (date(2250, 3, 1), [])
    assert _deadline("1405-10-25", None) == (date(2027, 1, 15), [])


@pytest.mark.parametrize(("text", "problem", "values"), [
    ("1404-12-30", Problem.DEADLINE_NO_SUCH_DAY, {"value": "1404-12-30", "days": "29"}),
    ("2027-02-30", Problem.DEADLINE_NO_SUCH_DAY, {"value": "2027-02-30", "days": "28"}),
    ("1405-13-01", Problem.DEADLINE_NO_SUCH_MONTH, {"value": "1405-13-01"}),
    ("1404-10-25", Problem.DEADLINE_PAST, {"value": "1404-10-25"}),
    ("15/01/2027", Problem.DEADLINE_INVALID, {"value": "15/01/2027"}),
    ("2250-03-01", Problem.DEADLINE_INVALID, {"value": "2250-03-01"}),
])
def test_a_typed_deadline_must_be_a_real_day_not_in_the_past(text: str, problem: Problem, values: dict[str, str]) -> None:
    """Typed in chat (``today`` given), a deadline is refused with the problem named; files are not held to today."""
    assert _deadline(text, date(2026, 11, 30)) == (None, [(problem, values)])
    if problem is Problem.DEADLINE_PAST:
        assert _deadline(text, None) == (date(2026, 1, 15), [])


def test_a_deadline_of_today_is_accepted_when_typed() -> None:
    assert _deadline("۱۴۰۵/۹/۹", date(2026, 11, 30)) == (date(2026, 11, 30), [])
