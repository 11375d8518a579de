"""Uploads cannot freeze or exhaust the bot: reading is linear, bounded by rows, columns, cells, unpacked size
and time, and a file that cannot be read is named as such (issue 15, defects 2, 3, 4 and 10)."""

from __future__ import annotations

import io
import zipfile

import openpyxl.xml
import pytest

from bot.services import imports
from bot.services.catalog_csv import CsvFormatError, ReadLimits, read_csv
from bot.services.spreadsheets import read_upload, read_xlsx
from bot.telegram.problems import english
from tests import hostile_files as hostile

# Far above what reading these files takes now (milliseconds to a second), far below what it took before.
CHILD_SECONDS = 30


def test_a_long_first_line_does_not_backtrack() -> None:
    """64 KB of ',"': csv.Sniffer needed over a minute here while holding the GIL (16 KB: 3–5 s)."""
    outcome = hostile.read_in_child("trap.csv", hostile.sniffer_trap(64_000), seconds=CHILD_SECONDS)
    assert outcome == "refused: row 1 has more than 64 columns"


def test_checking_a_wide_header_is_linear() -> None:
    """100,000 repeated names: counting each name's repeats per column took minutes (20,000: 11 s)."""
    outcome = hostile.in_child(
        """
        from bot.services.catalog_csv import CsvFormatError, check_header
        try:
            check_header(["code"] * 100_000, ["code"])
        except CsvFormatError as exc:
            print(exc.values["repeated"])
        """,
        b"",
        seconds=CHILD_SECONDS,
    )
    assert outcome == "code"


def test_cells_far_to_the_right_are_not_padded() -> None:
    """3,000 rows with a cell in column XFD (a 20 KB file): 23 s and 830 MB before, each row padded to 16,384."""
    outcome = hostile.read_in_child("far.xlsx", hostile.far_cells(3_000), seconds=CHILD_SECONDS)
    assert outcome == "read: 3000 rows"


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_parsing() -> None:
    data = hostile.unpacks_to(40)
    assert len(data) < 100_000
    with pytest.raises(CsvFormatError) as refused:
        read_upload("bomb.xlsx", data)
    assert refused.value.key == "unpacked_too_big" and "the workbook unpacks to more than 25 MB" in english(refused.value)


def test_the_declared_size_binds() -> None:
    """A part that claims to be small is read only up to its claim (then fails its checksum): no way around the check."""
    data = bytearray(hostile.unpacks_to(2))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    real = sheet.file_size.to_bytes(4, "little")
    lie = (1000).to_bytes(4, "little")
    assert data.count(real) == 2  # the local header and the central directory
    data = bytearray(bytes(data).replace(real, lie))
    with pytest.raises(CsvFormatError) as refused:
        read_upload("liar.xlsx", bytes(data))
    assert "not a readable Excel workbook" in english(refused.value)


@pytest.mark.parametrize("data", [hostile.with_dtd(), hostile.undefined_entity()], ids=["dtd-entities", "undefined-entity"])
def test_a_workbook_with_a_dtd_or_entities_is_not_readable(data: bytes) -> None:
    with pytest.raises(CsvFormatError) as refused:
        read_upload("entities.xlsx", data)
    assert refused.value.key == "not_xlsx" and "not a readable Excel workbook" in english(refused.value)


def test_openpyxl_parses_with_defusedxml() -> None:
    """openpyxl refuses entity declarations only when defusedxml is installed (a dependency for that reason)."""
    assert openpyxl.xml.DEFUSEDXML


LIMITS = ReadLimits(rows=3, columns=13, cells=30, cell_chars=20)


@pytest.mark.parametrize(
    ("text", "key", "message"),
    [
        ("code\n1\n2\n3\n4\n", "too_many_rows", "the file has more than 3 rows"),
        ("a" + ",a" * 13 + "\n", "too_many_columns", "row 1 has more than 13 columns"),
        ("a,b,c,d,e,f,g,h,i,j\n" * 4, "too_many_cells", "the file has more than 30 cells"),
        ("code\n" + "x" * 21 + "\n", "cell_too_long", "row 2, column 1 holds more than 20 characters"),
    ],
)
def test_csv_limits_name_the_problem(text: str, key: str, message: str) -> None:
    with pytest.raises(CsvFormatError) as refused:
        read_csv(text, LIMITS)
    assert refused.value.key == key and english(refused.value).startswith(message)


def test_xlsx_limits_name_the_problem() -> None:
    with pytest.raises(CsvFormatError) as refused:
        read_xlsx(hostile.far_cells(4), LIMITS)
    assert english(refused.value) == "the file has more than 3 rows; split it into smaller files"
    assert len(read_xlsx(hostile.far_cells(3), LIMITS)[1]) == 3  # the cells in column XFD are beyond the column limit: not read


def test_reading_stops_at_the_deadline() -> None:
    """The clock is checked while the zip is read, so even one huge part cannot run past it."""
    with pytest.raises(CsvFormatError) as refused:
        read_xlsx(hostile.products_workbook(), ReadLimits(seconds=0.0))
    assert refused.value.key == "too_slow" and "reading the file took more than 0 seconds" in english(refused.value)
    with pytest.raises(CsvFormatError) as refused:
        read_csv("code\n" + "x\n" * 1000, ReadLimits(seconds=0.0))
    assert "took more than 0 seconds" in english(refused.value)


@pytest.mark.parametrize(
    ("header", "delimiter_used"),
    [
        ("code,name_en;x", ","),
        ("code;name_en;aliases", ";"),
        ("code\tname_en\tdesc", "\t"),
        ('"a;b;c",code,name', ","),  # quoted parts do not count
        ("code", ","),
    ],
)
def test_the_delimiter_is_the_one_the_header_uses_most(header: str, delimiter_used: str) -> None:
    row = delimiter_used.join(["1"] * (header.count(delimiter_used) + 1))
    parsed_header, rows = read_csv(f"{header}\n{row}\n")
    assert len(parsed_header) == len(rows[0]) == header.replace('"a;b;c"', "x").count(delimiter_used) + 1


def test_an_upload_is_read_with_its_header_checked_before_any_database_work() -> None:
    header, rows = imports.read("catalog.csv", (hostile.HEADER + "\n" + hostile.ROW + "\n").encode())
    assert header[0] == "code" and rows[0][0] == "HOS-1"
    with pytest.raises(CsvFormatError) as refused:
        imports.read("wrong.csv", b"code,name\nX,y\n")
    assert english(refused.value).startswith("the header row is wrong: missing columns: name_en")
