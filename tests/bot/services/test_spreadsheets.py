"""Uploaded files: CSV or XLSX told apart, workbooks read as the CSV they would save as."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime, time

import pytest
from openpyxl import Workbook
from sqlmodel import Session

from bot.services import catalog
from bot.services.catalog_csv import REQUIRED_COLUMNS, CsvFormatError
from bot.services.spreadsheets import cell_text, read_upload
from bot.store import catalog as store


def workbook(*rows: Sequence[object], formats: dict[tuple[int, int], str] | None = None, second_sheet: bool = False) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    for (row_number, column), number_format in (formats or {}).items():
        sheet.cell(row=row_number, column=column).number_format = number_format
    if second_sheet:
        book.create_sheet("notes").append(["ignored"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (None, None, ""),
        (841370, None, "841370"),
        (27800000.0, None, "27800000"),
        (12.5, None, "12.5"),
        (1e-7, None, "0.0000001"),
        (301, "000000", "000301"),
        (True, None, "true"),
        (datetime(2027, 3, 20), None, "2027-03-20"),
        (datetime(2027, 3, 20, 10, 5), None, "2027-03-20 10:05:00"),
        (date(2027, 3, 20), None, "2027-03-20"),
        (time(9, 30), None, "09:30:00"),
        ("  text ", None, "  text "),
    ],
)
def test_cells_become_the_text_a_csv_would_hold(value: object, number_format: str | None, expected: str) -> None:
    assert cell_text(value, number_format) == expected


def test_first_sheet_header_and_rows_keep_their_numbers() -> None:
    data = workbook(
        ["code", "hs_code", "annual_import_usd", "deadline", None],
        ["A-1", 841370, 27800000.0, datetime(2027, 3, 20)],
        [],
        ["A-2", 301, None, None, None, " "],
        ["A-3", "x", None, None, None, "stray"],
        formats={(4, 2): "0000"},
        second_sheet=True,
    )
    header, rows = read_upload("catalog.xlsx", data)
    assert header == ["code", "hs_code", "annual_import_usd", "deadline"]
    assert rows == [
        ["A-1", "841370", "27800000", "2027-03-20"],
        ["", "", "", ""],  # an empty row still counts, so later rows keep their spreadsheet numbers
        ["A-2", "0301", "", ""],
        ["A-3", "x", "", "", "", "stray"],  # a value past the header is kept, so the row is reported
    ]


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("broken.xlsx", b"PK\x03\x04 not really a zip", "not_xlsx"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old_xls"),
        ("scan.pdf", b"%PDF-1.7", "file_type"),
        ("empty.csv", b"", "empty_file"),
    ],
)
def test_unreadable_files_are_named(name: str, data: bytes, key: str) -> None:
    with pytest.raises(CsvFormatError) as raised:
        read_upload(name, data)
    assert raised.value.key == key


def test_a_workbook_is_recognised_whatever_its_name() -> None:
    data = workbook(["code"], ["A-1"])
    assert read_upload("export.csv", data) == (["code"], [["A-1"]])
    assert read_upload("catalog", b"code\nA-1\n") == (["code"], [["A-1"]])


def test_an_xlsx_file_imports_like_its_csv(seeded: Session) -> None:
    data = workbook(
        list(REQUIRED_COLUMNS) + ["deadline", "description_fa"],
        ["XL-1", "Valve <DN50>", "شیر", "a;b", 848180, "oil_gas", 1200000, "open", "From Excel", datetime(2027, 3, 20), "از اکسل"],
    )
    report = catalog.import_table(read_upload("catalog.xlsx", data), session=seeded)
    assert report.ok, report.errors
    product = store.get_product("XL-1", session=seeded)
    assert product is not None
    assert (product.hs_code, product.annual_import_usd, product.deadline) == ("848180", 1_200_000, date(2027, 3, 20))
    assert (product.description, product.description_fa) == ("From Excel", "از اکسل")
