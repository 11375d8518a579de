"""Reading the files admins upload: CSV (see :mod:`bot.services.catalog_csv`) or Excel workbooks (.xlsx).

A workbook is read like the CSV it would save as: the first sheet, the first row as the header, every cell
as text. Numbers lose Excel's trailing ``.0``, dates are written ISO (``2027-03-20``), and a number shown
with leading zeros (format ``000000``, common for HS codes) keeps them.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .catalog_csv import CsvFormatError, Table, read_csv

_ZIP = b"PK\x03\x04"  # an .xlsx file is a zip archive
_OLE = b"\xd0\xcf\x11\xe0"  # the container of the old binary .xls
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


def read_upload(file_name: str, data: bytes) -> Table:
    """The header and rows of an uploaded CSV or XLSX file, told apart by content first, then by name.

    Raises :class:`CsvFormatError` for a file that is neither, or cannot be read.
    """
    suffix = PurePath(file_name).suffix.lower()
    if data.startswith(_ZIP) or suffix in XLSX_SUFFIXES:
        return read_xlsx(data)
    if data.startswith(_OLE) or suffix == ".xls":
        raise CsvFormatError.of("old_xls", name=file_name)
    if suffix in CSV_SUFFIXES or not suffix:
        return read_csv(data)
    raise CsvFormatError.of("file_type", name=file_name)


def cell_text(value: Any, number_format: str | None = None) -> str:
    """A cell's value as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        # A format made only of zeros ("000000") pads the number, as Excel shows it.
        if number_format and set(number_format) == {"0"} and value >= 0:
            text = text.zfill(len(number_format))
        return text
    if isinstance(value, float):
        text = repr(value)
        return format(Decimal(text), "f") if "e" in text else text
    return str(value)


def read_xlsx(data: bytes) -> Table:
    """The first sheet of a workbook as a header and rows of text; rows keep their spreadsheet numbers."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise CsvFormatError.of("not_xlsx") from None
    try:
        sheet = workbook.worksheets[0]
        # The dimensions a file declares can be wrong (some writers omit them); read every row there is.
        sheet.reset_dimensions()
        rows = [
            [cell_text(cell.value, getattr(cell, "number_format", None)) for cell in row]
            for row in sheet.iter_rows()
        ]
    except (IndexError, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise CsvFormatError.of("not_xlsx") from None
    finally:
        workbook.close()
    if not rows:
        raise CsvFormatError.of("empty_file")
    header = rows[0]
    while header and not header[-1].strip():
        header.pop()  # columns formatted but never filled
    width = len(header)
    records = []
    for row in rows[1:]:
        extra = row[width:]
        # Rows stop at their last non-empty cell; cells past the header count only when they hold something.
        row = row[:width] + ([] if not any(cell.strip() for cell in extra) else extra)
        records.append(row + [""] * (width - len(row)))
    return header, records
