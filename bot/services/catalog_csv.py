"""The catalog CSV formats (products, desks, sectors): reading and validating them, and writing products.

This is a public contract shared by ``matchbot import``/``export``, the seed files and the chat upload:

    code,name_en,name_fa,aliases,hs_code,sector,annual_import_usd,status,description
    optional: description_fa,desk,deadline,companies,source

Aliases and companies are separated by ``;``. Files may be UTF-8 with or without a byte-order mark,
or Windows-1256 (Excel's Arabic code page), and delimited by commas, semicolons or tabs.
Row numbers in messages are spreadsheet row numbers: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date

from bot.store.models import ProductStatus, join_list, split_list

REQUIRED_COLUMNS = (
    "code",
    "name_en",
    "name_fa",
    "aliases",
    "hs_code",
    "sector",
    "annual_import_usd",
    "status",
    "description",
)
OPTIONAL_COLUMNS = ("description_fa", "desk", "deadline", "companies", "source")
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")
_PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


# Every problem a file or a row can have, in English (the CLI's words). Each has a key so that the bot can
# say it in the reader's language (texts ``csv_<key>``, same placeholders); values are the raw text involved.
MESSAGES: dict[str, str] = {
    "not_text": "the file is neither UTF-8 nor Windows-1256 text",
    "empty_file": "the file is empty",
    "bad_header_line": "the header line is not valid CSV ({detail})",
    "bad_line": "line {line} is not valid CSV ({detail})",
    "wrong_header": "wrong header: {problems}. Expected {expected}",
    "not_xlsx": "the file is not a readable Excel workbook (.xlsx)",
    "old_xls": "{name} is an old Excel 97-2003 (.xls) file: save it as .xlsx or CSV",
    "file_type": "{name} is neither a CSV nor an Excel (.xlsx) file",
    "row_width": "has {count} values, the header has {columns} columns",
    "no_rows": "the file has a header but no products",
    "code_empty": "code is empty",
    "code_invalid": "code {value!r} may use only letters, digits, '-' and '_' (at most 32)",
    "code_duplicate": "duplicate code {code} (first on row {first})",
    "field_empty": "{column} is empty",
    "hs_invalid": "bad HS code {value!r}: 4 to 10 digits expected (e.g. 8413.70)",
    "sector_unknown": "unknown sector {value!r} (known: {known})",
    "amount_invalid": "annual_import_usd {value!r} is not a whole number of US dollars",
    "status_unknown": "unknown status {value!r} (use {known})",
    "desk_unknown": "unknown desk {value!r}",
    "desk_sector": "desk {desk} belongs to sector {desk_sector}, not {sector}",
    "deadline_invalid": "deadline {value!r} is not a date like 2027-03-20",
    "number_invalid": "{column} {value!r} is not a whole number",
    "active_invalid": "active {value!r} must be true or false",
    # A record typed in chat as "field: value" lines (the same column names).
    "line_not_field": "line {line} is not a 'field: value' line",
    "field_unknown": "unknown field {name!r} (fields: {known})",
    "field_repeated": "field {name} is given twice",
    "no_fields": "no 'field: value' lines were given",
    "code_exists": "there is already a listing with the code {code}",
    "desk_exists": "there is already a desk with the code {code}",
    "code_fixed": "the code cannot be changed (it is {code})",
    "desk_in_use": "{count} listing(s) of another sector name this desk (e.g. {example}); change their desk first",
}


def english(key: str, values: Mapping[str, str]) -> str:
    """The English wording of problem ``key``."""
    return MESSAGES[key].format(**values)


class CsvFormatError(ValueError):
    """The file as a whole cannot be read (encoding, header); nothing row-level to report.

    ``key`` and ``values`` name the problem for translation (see :data:`MESSAGES`); ``key`` is empty for
    problems only developers see (broken seed files).
    """

    def __init__(self, message: str, *, key: str = "", values: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.values: dict[str, str] = dict(values or {})

    @classmethod
    def of(cls, key: str, /, **values: str) -> CsvFormatError:
        """The error ``key`` of :data:`MESSAGES` with its values."""
        return cls(english(key, values), key=key, values=values)


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in one row (``row`` 1 is the header; 0 means a single record typed in chat)."""

    row: int
    column: str | None
    message: str
    key: str = ""
    values: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, row: int, column: str | None, key: str, /, **values: str) -> RowError:
        """The problem ``key`` of :data:`MESSAGES` in ``row`` and ``column``."""
        return cls(row, column, english(key, values), key, tuple(values.items()))

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ProductRow:
    """A validated product, ready to be stored."""

    code: str
    name_en: str
    name_fa: str
    aliases: str
    hs_code: str
    sector: str
    annual_import_usd: int | None
    status: ProductStatus
    description: str
    description_fa: str = ""
    desk: str | None = None
    deadline: date | None = None
    companies: str = ""
    source: str = ""

    def values(self) -> dict[str, object]:
        """The row as column → value, for storing."""
        return asdict(self)


@dataclass(slots=True)
class ParsedProducts:
    """What a products file holds: valid rows, or the reasons it cannot be imported."""

    rows: list[ProductRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


# Windows-1256 has no Persian yeh, so Excel saves Persian text with the Arabic one (and may use the Arabic kaf).
_CP1256_TO_PERSIAN = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})

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
        return data.decode("cp1256").translate(_CP1256_TO_PERSIAN)
    except UnicodeDecodeError:
        raise CsvFormatError.of("not_text") from None


def _delimiter(text: str) -> str:
    """Sniff the delimiter from the header line only: values may contain ';' (aliases) but headers do not.

    Only the delimiter is taken from the sniffer; from one line it cannot tell how quotes are escaped,
    and Excel's rules (doubled quotes) are what spreadsheets write.
    """
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def read_table(text: str) -> Table:
    """Split CSV text into a header and rows, with the delimiter sniffed."""
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=_delimiter(text))
    try:
        header = next(reader)
    except StopIteration:
        raise CsvFormatError.of("empty_file") from None
    except csv.Error as exc:
        raise CsvFormatError.of("bad_header_line", detail=str(exc)) from None
    try:
        return header, list(reader)
    except csv.Error as exc:
        raise CsvFormatError.of("bad_line", line=str(reader.line_num), detail=str(exc)) from None


def read_csv(data: bytes | str) -> Table:
    """Decode (bytes) and split a CSV file."""
    return read_table(decode(data) if isinstance(data, bytes) else data.removeprefix("\ufeff"))


def check_header(header: Sequence[str], required: Sequence[str], optional: Sequence[str] = ()) -> list[str]:
    """Return the header's column names, or raise naming what is missing, unknown or repeated."""
    columns = [name.strip().lower() for name in header]
    missing = [name for name in required if name not in columns]
    unknown = [repr(name) for name in columns if name not in required and name not in optional]
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    parts = {"missing": ", ".join(missing), "unknown": ", ".join(unknown), "repeated": ", ".join(repeated)}
    if any(parts.values()):
        labels = {"missing": "missing column(s): ", "unknown": "unknown column(s): ", "repeated": "repeated column(s): "}
        problems = "; ".join(labels[name] + names for name, names in parts.items() if names)
        expected = ",".join(required) + (f" (optional: {','.join(optional)})" if optional else "")
        raise CsvFormatError.of("wrong_header", problems=problems, expected=expected, **parts)
    return columns


def parse_products(
    data: bytes | str,
    *,
    sectors: Mapping[str, object] | set[str],
    desks: Mapping[str, str],
) -> ParsedProducts:
    """Read and validate a products CSV file against the known ``sectors`` and ``desks`` (code → sector).

    Raises :class:`CsvFormatError` when the file cannot be read at all; row problems are collected
    in the result, every one of them, so a person can fix the file in one go.
    """
    return parse_product_table(read_csv(data), sectors=sectors, desks=desks)


def parse_product_table(
    table: Table,
    *,
    sectors: Mapping[str, object] | set[str],
    desks: Mapping[str, str],
) -> ParsedProducts:
    """Validate a products table however it was read (CSV, XLSX); see :func:`parse_products`."""
    header, records = table
    columns = check_header(header, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    result = ParsedProducts(columns=tuple(columns))
    first_seen: dict[str, int] = {}
    for offset, record in enumerate(records):
        row_number = offset + 2
        if not any(cell.strip() for cell in record):
            continue  # blank lines, common at the end of spreadsheet exports
        if len(record) != len(columns):
            result.errors.append(
                RowError.of(row_number, None, "row_width", count=str(len(record)), columns=str(len(columns)))
            )
            continue
        raw = {name: unneutralise(cell).strip() for name, cell in zip(columns, record)}
        row, errors = validate_product(raw, row_number, sectors=sectors, desks=desks)
        if row is not None and row.code in first_seen:
            errors.append(RowError.of(row_number, "code", "code_duplicate", code=row.code, first=str(first_seen[row.code])))
        result.errors.extend(errors)
        if row is not None and not errors:
            first_seen[row.code] = row_number
            result.rows.append(row)
    if not records and not result.errors:
        result.errors.append(RowError.of(2, None, "no_rows"))
    return result


def parse_hs_code(value: str) -> str | None:
    """Digits of an HS code given as 4–10 digits with optional dots or spaces, else ``None``."""
    digits = re.sub(r"[\s.\-]", "", value.translate(_PERSIAN_DIGITS))
    return digits if digits.isdigit() and 4 <= len(digits) <= 10 else None


def check_product_field(
    column: str,
    raw: Mapping[str, str],
    row: int,
    *,
    sectors: Mapping[str, object] | set[str],
    desks: Mapping[str, str],
) -> tuple[object, RowError | None]:
    """Check one column of a product given as text: its stored value, or the problem with it.

    ``raw`` holds the row's other columns as far as they are known: the desk is checked against the
    row's sector. The same rules serve whole files and the bot's step-by-step questions.
    """
    value = raw.get(column, "")

    def fail(key: str, **values: str) -> tuple[object, RowError]:
        return None, RowError.of(row, column, key, **values)

    if column == "code":
        code = value.upper()
        if not code:
            return fail("code_empty")
        return (code, None) if _CODE.match(code) else fail("code_invalid", value=value)
    if column in ("name_en", "name_fa"):
        return (value, None) if value else fail("field_empty", column=column)
    if column == "hs_code":
        hs_code = parse_hs_code(value)
        return (hs_code, None) if hs_code is not None else fail("hs_invalid", value=value)
    if column == "sector":
        sector = value.lower()
        return (sector, None) if sector in sectors else fail("sector_unknown", value=value, known=", ".join(sorted(sectors)))
    if column == "annual_import_usd":
        amount = value.translate(_PERSIAN_DIGITS).replace(",", "").replace("_", "").replace(" ", "")
        if not amount:
            return None, None
        return (int(amount), None) if amount.isdigit() else fail("amount_invalid", value=value)
    if column == "status":
        try:
            return ProductStatus(value.lower() or ProductStatus.OPEN.value), None
        except ValueError:
            return fail("status_unknown", value=value, known=", ".join(s.value for s in ProductStatus))
    if column == "desk":
        desk = value.upper() or None
        if desk is None:
            return None, None
        if desk not in desks:
            return fail("desk_unknown", value=desk)
        sector = raw.get("sector", "").lower()
        if sector in sectors and desks[desk] != sector:
            return fail("desk_sector", desk=desk, desk_sector=desks[desk], sector=sector)
        return desk, None
    if column == "deadline":
        if not value:
            return None, None
        try:
            return date.fromisoformat(value.translate(_PERSIAN_DIGITS)), None
        except ValueError:
            return fail("deadline_invalid", value=value)
    if column in ("aliases", "companies"):
        return join_list(split_list(value)), None
    if column in ("description", "description_fa", "source"):
        return value, None
    raise ValueError(f"unknown product column {column!r}")


def validate_product(
    raw: Mapping[str, str],
    row: int,
    *,
    sectors: Mapping[str, object] | set[str],
    desks: Mapping[str, str],
) -> tuple[ProductRow | None, list[RowError]]:
    """Check one product's values (columns a file omits count as empty); return it when valid, and every problem."""
    values: dict[str, object] = {}
    errors: list[RowError] = []
    for column in ALL_COLUMNS:
        value, error = check_product_field(column, raw, row, sectors=sectors, desks=desks)
        if error is not None:
            errors.append(error)
        values[column] = value
    if errors:
        return None, errors
    return ProductRow(**values), []  # type: ignore[arg-type]


def write_products(products: Sequence[ProductRow], *, spreadsheet: bool = False) -> str:
    """Render products in the import format (all columns), so an export imports back unchanged.

    With ``spreadsheet`` cells that a spreadsheet would run as formulas are neutralised (see :func:`neutralise`).
    """
    rows = []
    for product in products:
        values = product.values()
        rows.append(["" if values[name] is None else str(values[name]) for name in ALL_COLUMNS])
    return write_csv(ALL_COLUMNS, rows, spreadsheet=spreadsheet)


def write_csv(header: Sequence[str], rows: Sequence[Sequence[str]], *, spreadsheet: bool = False) -> str:
    """CSV text with a header; with ``spreadsheet`` every cell is neutralised against formula injection."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row] if spreadsheet else row)
    return out.getvalue()


SECTOR_COLUMNS = ("key", "name_en", "name_fa", "aliases")
DESK_COLUMNS = ("code", "sector", "name_en", "name_fa", "program_year", "budget_eur", "contact", "description")
DESK_OPTIONAL_COLUMNS = ("active", "source")
DESK_ALL_COLUMNS = DESK_COLUMNS + DESK_OPTIONAL_COLUMNS
_TRUE = {"true", "yes", "1", "y", "active"}
_FALSE = {"false", "no", "0", "n", "inactive"}


def parse_sectors(text: str) -> list[dict[str, str]]:
    """Read the sectors file (``key,name_en,name_fa,aliases``); raise on any problem."""
    header, records = read_table(text.removeprefix("\ufeff"))
    columns = check_header(header, SECTOR_COLUMNS)
    rows = []
    for offset, record in enumerate(records):
        raw = {name: cell.strip() for name, cell in zip(columns, record)}
        if not raw.get("key") or not raw.get("name_en") or not raw.get("name_fa"):
            raise CsvFormatError(f"row {offset + 2}: key, name_en and name_fa are required")
        raw["aliases"] = join_list(split_list(raw.get("aliases", "")))
        rows.append(raw)
    return rows


def parse_desks(data: bytes | str, *, sectors: Mapping[str, object] | set[str]) -> tuple[list[dict[str, object]], list[RowError]]:
    """Read and validate desks; return the rows and every problem found (all or nothing for the caller)."""
    header, records = read_csv(data)
    columns = check_header(header, DESK_COLUMNS, DESK_OPTIONAL_COLUMNS)
    rows: list[dict[str, object]] = []
    errors: list[RowError] = []
    for offset, record in enumerate(records):
        if not any(cell.strip() for cell in record):
            continue
        raw = {name: unneutralise(cell).strip() for name, cell in zip(columns, record)}
        row, row_errors = validate_desk(raw, offset + 2, sectors=sectors)
        errors.extend(row_errors)
        if row is not None:
            rows.append(row)
    return rows, errors


def check_desk_field(
    column: str, raw: Mapping[str, str], row: int, *, sectors: Mapping[str, object] | set[str]
) -> tuple[object, RowError | None]:
    """Check one column of a desk given as text (same rules from a file or from chat)."""
    value = raw.get(column, "")

    def fail(key: str, **values: str) -> tuple[object, RowError]:
        return None, RowError.of(row, column, key, **values)

    if column == "code":
        code = value.upper()
        return (code, None) if _CODE.match(code) else fail("code_invalid", value=value)
    if column == "sector":
        sector = value.lower()
        return (sector, None) if sector in sectors else fail("sector_unknown", value=value, known=", ".join(sorted(sectors)))
    if column in ("name_en", "name_fa"):
        return (value, None) if value else fail("field_empty", column=column)
    if column in ("program_year", "budget_eur"):
        number = value.translate(_PERSIAN_DIGITS).replace(",", "").replace("_", "")
        if not number:
            return None, None
        return (int(number), None) if number.isdigit() else fail("number_invalid", column=column, value=value)
    if column == "active":
        active = value.lower() or "true"
        return (active in _TRUE, None) if active in _TRUE | _FALSE else fail("active_invalid", value=value)
    if column in ("contact", "description", "source"):
        return value, None
    raise ValueError(f"unknown desk column {column!r}")


def validate_desk(
    raw: Mapping[str, str], row: int, *, sectors: Mapping[str, object] | set[str]
) -> tuple[dict[str, object] | None, list[RowError]]:
    """Check one desk's values (same rules from a file or from chat)."""
    values: dict[str, object] = {}
    errors: list[RowError] = []
    for column in DESK_ALL_COLUMNS:
        value, error = check_desk_field(column, raw, row, sectors=sectors)
        if error is not None:
            errors.append(error)
        values[column] = value
    return (None, errors) if errors else (values, [])
