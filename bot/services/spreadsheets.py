"""Reading the files admins upload: CSV (see :mod:`bot.services.catalog_csv`) or Excel workbooks (.xlsx).

A workbook is read like the CSV it would save as: the first sheet, the first row as the header, every cell
as text. Numbers lose Excel's trailing ``.0``, dates are written ISO (``2027-03-20``), and a number shown
with leading zeros (format ``000000``, common for HS codes) keeps them.
"""

from __future__ import annotations

import io
import logging
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from openpyxl import load_workbook

from .catalog_csv import UPLOAD_LIMITS, CsvFormatError, Deadline, ReadLimits, Table, bounded_rows, read_csv
from .problems import Problem

log = logging.getLogger(__name__)
_ZIP = b"PK\x03\x04"  # an .xlsx file is a zip archive
_OLE = b"\xd0\xcf\x11\xe0"  # the container of the old binary .xls
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
MAX_PARTS = 1_000  # files inside a workbook; a real one has a few dozen


def read_upload(file_name: str, data: bytes, limits: ReadLimits = UPLOAD_LIMITS) -> Table:
    """The header and rows of an uploaded CSV or XLSX file, told apart by content first, then by name.

    Raises :class:`CsvFormatError` for a file that is neither, cannot be read, or passes ``limits``.
    """
    suffix = PurePath(file_name).suffix.lower()
    if data.startswith(_ZIP) or suffix in XLSX_SUFFIXES:
        return read_xlsx(data, limits)
    if data.startswith(_OLE) or suffix == ".xls":
        raise CsvFormatError(Problem.OLD_XLS, name=file_name)
    if suffix in CSV_SUFFIXES or not suffix:
        return read_csv(data, limits)
    raise CsvFormatError(Problem.FILE_TYPE, name=file_name)


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


class _TimedBytes(io.BytesIO):
    """The workbook's bytes, checking the deadline on every read: zip and XML parsing pull their input in small
    chunks, so no part of the reading (shared strings, styles, the sheet) can run long past the deadline."""

    def __init__(self, data: bytes, deadline: Deadline) -> None:
        super().__init__(data)
        self._deadline = deadline

    def read(self, size: int | None = -1, /) -> bytes:
        self._deadline.check()
        return super().read(size)

    def read1(self, size: int | None = -1, /) -> bytes:
        self._deadline.check()
        return super().read1(size)

    def readinto(self, buffer: Any, /) -> int:
        self._deadline.check()
        return super().readinto(buffer)


def _check_unpacked_size(data: bytes, limits: ReadLimits) -> None:
    """Refuse a workbook whose parts declare more than ``limits.unpacked_bytes`` in all, before parsing any.

    The declared sizes bind: Python's zip reader stops at a part's declared size (and fails its checksum), so
    a part that lies about its size cannot unpack to more.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise CsvFormatError(Problem.NOT_XLSX) from None
    if limits.unpacked_bytes is None:
        return
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > limits.unpacked_bytes:
        raise CsvFormatError(Problem.UNPACKED_TOO_BIG, limit=f"{limits.unpacked_bytes / 1024 / 1024:g}")


def read_xlsx(data: bytes, limits: ReadLimits = UPLOAD_LIMITS) -> Table:
    """The first sheet of a workbook as a header and rows of text; rows keep their spreadsheet numbers.

    The sheet is streamed (openpyxl's read-only mode) and refused as soon as it passes ``limits``: rows are
    read up to one past the row limit and cells up to one past the column limit, so a stray cell in column
    XFD or row 1,048,576 costs nothing (cells right of the column limit are not read at all).
    """
    _check_unpacked_size(data, limits)
    deadline = limits.deadline()
    try:
        workbook = load_workbook(_TimedBytes(data, deadline), read_only=True, data_only=True)
    except CsvFormatError:
        raise
    except Exception as exc:  # noqa: BLE001  (any failure to parse an untrusted file means it is unreadable)
        log.info("unreadable workbook: %s: %s", type(exc).__name__, exc)
        raise CsvFormatError(Problem.NOT_XLSX) from None
    try:
        if not workbook.worksheets:
            raise CsvFormatError(Problem.NOT_XLSX)
        sheet = workbook.worksheets[0]
        # The dimensions a file declares can be wrong (some writers omit them); read every row there is.
        sheet.reset_dimensions()
        max_row = None if limits.rows is None else limits.rows + 2  # + the header, + one to notice the excess
        cells = sheet.iter_rows(max_row=max_row, max_col=limits.columns + 1)
        texts = (_trimmed([cell_text(cell.value, getattr(cell, "number_format", None)) for cell in row]) for row in cells)
        rows = list(bounded_rows(texts, limits, deadline))
    except CsvFormatError:
        raise
    except Exception as exc:  # noqa: BLE001  (as above; e.g. a DTD or entities in the sheet's XML: ParseError)
        log.info("unreadable workbook: %s: %s", type(exc).__name__, exc)
        raise CsvFormatError(Problem.NOT_XLSX) from None
    finally:
        workbook.close()
    if not rows:
        raise CsvFormatError(Problem.EMPTY_FILE)
    header = rows[0]
    width = len(header)
    records = []
    for row in rows[1:]:
        extra = row[width:]
        # Rows stop at their last non-empty cell; cells past the header count only when they hold something.
        row = row[:width] + ([] if not any(cell.strip() for cell in extra) else extra)
        records.append(row + [""] * (width - len(row)))
    return header, records


def _trimmed(row: list[str]) -> list[str]:
    """A row without its trailing empty cells (formatted but never filled): only filled cells count against
    the column limit."""
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]
