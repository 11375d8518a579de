"""The catalog CSV formats (products, desks, sectors): reading and validating them, and writing products.

This is a public contract shared by ``matchbot import``/``export``, the seed files and the chat upload. The
columns, their order and their rules are those of the record schemas (:mod:`bot.services.records`); this module
reads and writes the files around them. Files may be UTF-8 with or without a byte-order mark,
or Windows-1256 (Excel's Arabic code page), and delimited by commas, semicolons or tabs.
Row numbers in problems are spreadsheet row numbers: the header is row 1. Problems are typed codes
(:mod:`bot.services.problems`); the presentation words them.
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from bot.store.models import Sector, join_list, split_list
from matching.normalize import persian_letters

from .inputs import clean_text
from .problems import CsvFormatError, Problem, RowError
from .records import MAX_AMOUNT, DeskRecord, Known, ProductRecord, lookup_key, parse_hs_code

__all__ = [
    "ALL_COLUMNS", "DESK_ALL_COLUMNS", "DESK_COLUMNS", "DESK_OPTIONAL_COLUMNS", "MAX_AMOUNT", "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS", "CsvFormatError", "ParsedProducts", "Problem", "RowError", "SeedFileError", "parse_hs_code",
]

# The products file's columns, as the record schema declares them (see bot.services.records).
REQUIRED_COLUMNS = ProductRecord.required_columns()
OPTIONAL_COLUMNS = ProductRecord.optional_columns()
ALL_COLUMNS = ProductRecord.columns()


class SeedFileError(ValueError):
    """A file shipped in ``seed_data/`` is broken: a developer's mistake, reported to developers in plain words."""


@dataclass(slots=True)
class ParsedProducts:
    """What a products file holds: valid rows, or the reasons it cannot be imported."""

    rows: list[ProductRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors



# A spreadsheet takes a cell starting with one of these as a formula (tab and CR can hide one). Exports put an
# apostrophe before such cells, which Excel shows as text; imports remove exactly that apostrophe again.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """``cell`` made safe to open in a spreadsheet: a leading apostrophe when it would start a formula.

    Apostrophes already in front of a trigger get one more, so :func:`unneutralise` restores any value exactly.
    """
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_TRIGGERS) else cell


def unneutralise(cell: str) -> str:
    """The inverse of :func:`neutralise`."""
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_TRIGGERS) else cell


Table = tuple[list[str], list[list[str]]]
"""A file's header and rows, every cell text."""


def decode(data: bytes) -> str:
    """Decode a CSV file as UTF-8 (with or without BOM), falling back to Windows-1256 (Persian letters restored)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Windows-1256 has no Persian yeh: Excel saves Persian text with the Arabic one (and may use the Arabic kaf).
        return persian_letters(data.decode("cp1256"))
    except UnicodeDecodeError:
        raise CsvFormatError(Problem.NOT_TEXT) from None


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """How much of a file is read before it is refused (``None``: no limit).

    Chat uploads use :data:`UPLOAD_LIMITS`, so that one file cannot hold the process for long or fill its
    memory; files an operator passes to ``matchbot import`` keep only the limits no valid file reaches.
    """

    rows: int | None = None
    columns: int = 64  # a valid header has at most 13; spreadsheets often carry a few formatted, empty ones
    cells: int | None = None
    cell_chars: int = 32_767  # the most an Excel cell holds
    seconds: float | None = None
    unpacked_bytes: int | None = None  # an .xlsx file's parts, as its zip directory declares them

    def deadline(self) -> Deadline:
        """A clock for one reading of a file under these limits."""
        return Deadline(self.seconds)


class Deadline:
    """The time a reading may take; :meth:`check` raises ``too_slow`` once it has passed."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._end = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        if self._end is not None and time.monotonic() > self._end:
            raise CsvFormatError(Problem.TOO_SLOW, seconds=f"{self.seconds:g}")


FILE_LIMITS = ReadLimits()
UPLOAD_LIMITS = ReadLimits(rows=20_000, cells=400_000, seconds=60.0, unpacked_bytes=25 * 1024 * 1024)

_DELIMITERS = (",", ";", "\t")
_QUOTED = re.compile(r'"[^"]*"')


def _delimiter(text: str) -> str:
    """The delimiter the header line uses most (values may contain ';' in aliases, but headers do not).

    Counting is linear in the line, unlike ``csv.Sniffer``, whose regular expressions backtrack
    quadratically on a long line while holding the GIL (a 48 KB first line froze the bot for 10 s). Quoted
    parts are not counted; a tie goes to the earlier of comma, semicolon, tab.
    """
    header = _QUOTED.sub("", text.split("\n", 1)[0])
    counts = {delimiter: header.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def bounded_rows(rows: Iterable[list[str]], limits: ReadLimits, deadline: Deadline) -> Iterator[list[str]]:
    """``rows`` (the header first) as they come, refusing the file as soon as it passes one of ``limits``."""
    cells = 0
    for number, row in enumerate(rows, 1):
        if limits.rows is not None and number > limits.rows + 1:
            raise CsvFormatError(Problem.TOO_MANY_ROWS, limit=str(limits.rows))
        if len(row) > limits.columns:
            raise CsvFormatError(Problem.TOO_MANY_COLUMNS, row=str(number), limit=str(limits.columns))
        cells += len(row)
        if limits.cells is not None and cells > limits.cells:
            raise CsvFormatError(Problem.TOO_MANY_CELLS, limit=str(limits.cells))
        if row and max(map(len, row)) > limits.cell_chars:
            column = next(index for index, cell in enumerate(row, 1) if len(cell) > limits.cell_chars)
            raise CsvFormatError(Problem.CELL_TOO_LONG, row=str(number), column=str(column), limit=str(limits.cell_chars))
        if number % 256 == 0:
            deadline.check()
        yield row
    deadline.check()


def read_table(text: str, limits: ReadLimits = FILE_LIMITS) -> Table:
    """Split CSV text into a header and rows, with the delimiter detected; refuse it past ``limits``."""
    deadline = limits.deadline()
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=_delimiter(text))
    rows = bounded_rows(reader, limits, deadline)
    try:
        header = next(rows)
    except StopIteration:
        raise CsvFormatError(Problem.EMPTY_FILE) from None
    except csv.Error as exc:
        raise CsvFormatError(Problem.BAD_HEADER_LINE, detail=str(exc)) from None
    try:
        return header, list(rows)
    except csv.Error as exc:
        raise CsvFormatError(Problem.BAD_LINE, line=str(reader.line_num), detail=str(exc)) from None


def read_csv(data: bytes | str, limits: ReadLimits = FILE_LIMITS) -> Table:
    """Decode (bytes) and split a CSV file."""
    return read_table(decode(data) if isinstance(data, bytes) else data.removeprefix("\ufeff"), limits)


def check_header(header: Sequence[str], required: Sequence[str], optional: Sequence[str] = ()) -> list[str]:
    """Return the header's column names, or raise naming what is missing, unknown or repeated (linear time)."""
    columns = [clean_text(name).strip().lower() for name in header]
    counts = Counter(columns)
    known = set(required) | set(optional)
    missing = [name for name in required if name not in counts]
    unknown = [repr(name) for name in columns if name not in known]
    repeated = sorted(name for name, count in counts.items() if count > 1)
    if missing or unknown or repeated:
        raise CsvFormatError(
            Problem.WRONG_HEADER, missing=", ".join(missing), unknown=", ".join(unknown), repeated=", ".join(repeated),
            required=",".join(required), optional=",".join(optional),
        )
    return columns


def parse_products(
    data: bytes | str,
    *,
    sectors: Collection[str],
    desks: Mapping[str, str],
) -> ParsedProducts:
    """Read and validate a products CSV file against the known ``sectors`` and ``desks`` (code → sector).

    Raises :class:`CsvFormatError` when the file cannot be read at all; row problems are collected
    in the result, every one of them, so a person can fix the file in one go.
    """
    return parse_product_table(read_csv(data), sectors=sectors, desks=desks)


def sector_spellings(sectors: Iterable[Sector]) -> dict[str, str]:
    """Each sector's English and Persian name, as records look a sector up (:data:`Known.sector_names`) → its key."""
    return {lookup_key(name): sector.key for sector in sectors for name in (sector.name_en, sector.name_fa)}


def parse_product_table(
    table: Table,
    *,
    sectors: Collection[str],
    desks: Mapping[str, str],
    sector_names: Mapping[str, str] | None = None,
) -> ParsedProducts:
    """Validate a products table however it was read (CSV, XLSX); see :func:`parse_products`. A sector may be
    written by its English or Persian name (``sector_names``: :func:`sector_spellings`) as well as its key."""
    header, records = table
    columns = check_header(header, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    known = Known(sectors, desks, sector_names=sector_names or {})
    result = ParsedProducts(columns=tuple(columns))
    first_seen: dict[str, int] = {}
    for offset, record in enumerate(records):
        row_number = offset + 2
        if not any(cell.strip() for cell in record):
            continue  # blank lines, common at the end of spreadsheet exports
        if len(record) != len(columns):
            result.errors.append(
                RowError.of(row_number, None, Problem.ROW_WIDTH, count=str(len(record)), columns=str(len(columns)))
            )
            continue
        raw = {name: unneutralise(cell) for name, cell in zip(columns, record)}
        row, errors = ProductRecord.read(raw, row_number, known)
        if row is not None and row.code in first_seen:
            errors.append(
                RowError.of(row_number, "code", Problem.CODE_DUPLICATE, code=row.code, first=str(first_seen[row.code]))
            )
        result.errors.extend(errors)
        if row is not None and not errors:
            first_seen[row.code] = row_number
            result.rows.append(row)
    if not records and not result.errors:
        result.errors.append(RowError.of(2, None, Problem.NO_ROWS))
    return result


def write_products(products: Sequence[ProductRecord], *, spreadsheet: bool = False) -> str:
    """Render products in the import format (all columns), so an export imports back unchanged.

    With ``spreadsheet`` cells that a spreadsheet would run as formulas are neutralised (see :func:`neutralise`).
    """
    return write_csv(ALL_COLUMNS, [list(product.texts().values()) for product in products], spreadsheet=spreadsheet)


def write_csv(header: Sequence[str], rows: Sequence[Sequence[str]], *, spreadsheet: bool = False) -> str:
    """CSV text with a header; with ``spreadsheet`` every cell is neutralised against formula injection."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    # The csv module quotes a cell holding a line break only when it is in the line terminator, so a lone CR
    # would be written bare and read back as the end of the row: such rows are written with every cell quoted.
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        # Exports are cleaned like everything else users typed (rows stored before cleaning existed included).
        cells = [clean_text(cell) for cell in row]
        if spreadsheet:
            cells = [neutralise(cell) for cell in cells]
        (quoted if any("\r" in cell for cell in cells) else writer).writerow(cells)
    return out.getvalue()


SECTOR_COLUMNS = ("key", "name_en", "name_fa", "aliases")
DESK_COLUMNS = DeskRecord.required_columns()
DESK_OPTIONAL_COLUMNS = DeskRecord.optional_columns()
DESK_ALL_COLUMNS = DeskRecord.columns()


def parse_sectors(text: str) -> list[dict[str, str]]:
    """Read the sectors file (``key,name_en,name_fa,aliases``); raise :class:`SeedFileError` on any problem."""
    try:
        header, records = read_table(text.removeprefix("\ufeff"))
        columns = check_header(header, SECTOR_COLUMNS)
    except CsvFormatError as exc:
        raise SeedFileError(f"sectors: {exc}") from None
    rows = []
    for offset, record in enumerate(records):
        raw = {name: cell.strip() for name, cell in zip(columns, record)}
        if not raw.get("key") or not raw.get("name_en") or not raw.get("name_fa"):
            raise SeedFileError(f"row {offset + 2}: key, name_en and name_fa are required")
        raw["aliases"] = join_list(split_list(raw.get("aliases", "")))
        rows.append(raw)
    return rows


def parse_desks(data: bytes | str, *, sectors: Collection[str]) -> tuple[list[DeskRecord], list[RowError]]:
    """Read and validate desks; return the rows and every problem found (all or nothing for the caller)."""
    header, records = read_csv(data)
    columns = check_header(header, DESK_COLUMNS, DESK_OPTIONAL_COLUMNS)
    known = Known(sectors)
    rows: list[DeskRecord] = []
    errors: list[RowError] = []
    for offset, record in enumerate(records):
        if not any(cell.strip() for cell in record):
            continue
        row, row_errors = DeskRecord.read({name: unneutralise(cell) for name, cell in zip(columns, record)}, offset + 2, known)
        errors.extend(row_errors)
        if row is not None:
            rows.append(row)
    return rows, errors
