"""Uploads built to be slow, huge or malformed (the adversarial test of issue 15), small enough to build fast.

Each stays well inside the chat's 5 MB upload limit; what made them dangerous was what reading them cost.
"""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook

from bot.services.catalog_csv import REQUIRED_COLUMNS

HEADER = ",".join(REQUIRED_COLUMNS)
ROW = "HOS-1,Valve,شیر,,848180,oil_gas,1,open,d"


def sniffer_trap(length: int = 64_000) -> bytes:
    """A CSV whose first line csv.Sniffer needs quadratic time for (16 KB: 5 s; 64 KB: over a minute)."""
    return (',"' * (length // 2) + "\n" + ROW + "\n").encode()


def wide_header(columns: int = 100_000) -> list[str]:
    """A header of one repeated name: ``columns.count(name)`` per column made checking it quadratic."""
    return ["code"] * columns


def products_workbook(row: Sequence[object] = ("HOS-1", "Valve", "شیر", "", 848180, "oil_gas", 1, "open", "d")) -> bytes:
    """A products workbook holding ``row`` under the required columns (by default a valid listing: the frame the
    hostile sheets below are put into)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(REQUIRED_COLUMNS))
    sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet(sheet_xml: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    """:func:`products_workbook` with its first sheet's XML replaced (and ``extra`` parts added), deflated."""
    source = zipfile.ZipFile(io.BytesIO(products_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename)
            target.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


_SHEET = b'<?xml version="1.0" encoding="UTF-8"?>\n%s<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>'


def _inline(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def far_cells(rows: int = 3_000) -> bytes:
    """Rows with one cell in the last column (XFD): openpyxl padded each to 16,384 cells (a 51 KB file took 2.6 GB)."""
    header = b'<row r="1">' + b"".join(_inline(f"{chr(65 + i)}1", name) for i, name in enumerate(REQUIRED_COLUMNS)) + b"</row>"
    body = b"".join(b'<row r="%d">%s</row>' % (r, _inline(f"XFD{r}", "x")) for r in range(2, rows + 2))
    return with_sheet(_SHEET % (b"", header + body))


def unpacks_to(megabytes: int) -> bytes:
    """A sheet of ``megabytes`` of whitespace, which deflates to a few kilobytes."""
    return with_sheet(_SHEET % (b"", b'<row r="1">' + b" " * (megabytes * 1024 * 1024) + b"</row>"))


def with_dtd() -> bytes:
    """A sheet declaring a DTD with entities (a "billion laughs" in miniature) and using them."""
    dtd = b'<!DOCTYPE worksheet [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
    return with_sheet(_SHEET % (dtd, b'<row r="1">' + _inline("A1", "&b;") + b"</row>"))


def undefined_entity() -> bytes:
    """A sheet using an entity no DTD declares: the XML parser's ParseError used to escape as "Something went wrong"."""
    return with_sheet(_SHEET % (b"", b'<row r="1">' + _inline("A1", "&undefined;") + b"</row>"))


def in_child(work: str, data: bytes, *, seconds: float) -> str:
    """Run ``work`` (Python reading ``data`` from ``DATA``, printing its outcome) in a separate process limited
    to ``seconds`` and 1.5 GB of memory; return what it printed.

    A child process, because the old csv.Sniffer held the GIL for minutes: a thread could not even be timed
    out. The test fails if the child outlives ``seconds``, runs out of memory or raises.
    """
    code = "import resource, sys\n" \
        "resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))\n" \
        "DATA = sys.stdin.buffer.read()\n" + textwrap.dedent(work)
    try:
        done = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, timeout=seconds, check=False)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"the work took more than {seconds} s") from None
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return done.stdout.decode().strip()


def read_in_child(file_name: str, data: bytes, *, seconds: float) -> str:
    """Read an upload as the bot does (see :func:`in_child`): "read: N rows" or "refused: <why>"."""
    return in_child(
        f"""
        from bot.services.catalog_csv import CsvFormatError
        from bot.services.spreadsheets import read_upload
        from bot.telegram.problems import english
        try:
            header, rows = read_upload({file_name!r}, DATA)
        except CsvFormatError as exc:
            print("refused:", english(exc))
        else:
            print(f"read: {{len(rows)}} rows")
        """,
        data,
        seconds=seconds,
    )
