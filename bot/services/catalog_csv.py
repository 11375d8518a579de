"""The catalog CSV formats (products, desks, sectors): reading and validating them, and writing products.

This is a public contract shared by ``matchbot import``/``export``, the seed files and the chat upload:

    code,name_en,name_fa,aliases,hs_code,sector,annual_import_usd,status,description
    optional: desk,deadline,companies,source

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
OPTIONAL_COLUMNS = ("desk", "deadline", "companies", "source")
ALL_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")
_PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


class CsvFormatError(ValueError):
    """The file as a whole cannot be read (encoding, header); nothing row-level to report."""


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in one row (``row`` 1 is the header)."""

    row: int
    column: str | None
    message: str

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


def decode(data: bytes) -> str:
    """Decode a CSV file as UTF-8 (with or without BOM), falling back to Windows-1256 (Persian letters restored)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1256").translate(_CP1256_TO_PERSIAN)
    except UnicodeDecodeError:
        raise CsvFormatError("the file is neither UTF-8 nor Windows-1256 text") from None


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


def read_table(text: str) -> tuple[list[str], list[list[str]]]:
    """Split CSV text into a header and rows, with the delimiter sniffed."""
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=_delimiter(text))
    try:
        header = next(reader)
    except StopIteration:
        raise CsvFormatError("the file is empty") from None
    except csv.Error as exc:
        raise CsvFormatError(f"the header line is not valid CSV ({exc})") from None
    try:
        return header, list(reader)
    except csv.Error as exc:
        raise CsvFormatError(f"line {reader.line_num} is not valid CSV ({exc})") from None


def check_header(header: Sequence[str], required: Sequence[str], optional: Sequence[str] = ()) -> list[str]:
    """Return the header's column names, or raise naming what is missing, unknown or repeated."""
    columns = [name.strip().lower() for name in header]
    problems = []
    missing = [name for name in required if name not in columns]
    if missing:
        problems.append("missing column(s): " + ", ".join(missing))
    unknown = [name for name in columns if name not in required and name not in optional]
    if unknown:
        problems.append("unknown column(s): " + ", ".join(repr(name) for name in unknown))
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    if repeated:
        problems.append("repeated column(s): " + ", ".join(repeated))
    if problems:
        expected = ",".join(required) + (f" (optional: {','.join(optional)})" if optional else "")
        raise CsvFormatError("wrong header: " + "; ".join(problems) + f". Expected {expected}")
    return columns


def parse_products(
    data: bytes | str,
    *,
    sectors: Mapping[str, object] | set[str],
    desks: Mapping[str, str],
) -> ParsedProducts:
    """Read and validate a products file against the known ``sectors`` and ``desks`` (code → sector).

    Raises :class:`CsvFormatError` when the file cannot be read at all; row problems are collected
    in the result, every one of them, so a person can fix the file in one go.
    """
    text = decode(data) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    header, records = read_table(text)
    columns = check_header(header, REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    result = ParsedProducts(columns=tuple(columns))
    first_seen: dict[str, int] = {}
    for offset, record in enumerate(records):
        row_number = offset + 2
        if not any(cell.strip() for cell in record):
            continue  # blank lines, common at the end of spreadsheet exports
        if len(record) != len(columns):
            result.errors.append(
                RowError(row_number, None, f"has {len(record)} values, the header has {len(columns)} columns")
            )
            continue
        raw = {name: cell.strip() for name, cell in zip(columns, record)}
        row, errors = _validate(raw, row_number, sectors=sectors, desks=desks)
        if row is not None and row.code in first_seen:
            errors.append(RowError(row_number, "code", f"duplicate code {row.code} (first on row {first_seen[row.code]})"))
        result.errors.extend(errors)
        if row is not None and not errors:
            first_seen[row.code] = row_number
            result.rows.append(row)
    if not records and not result.errors:
        result.errors.append(RowError(2, None, "the file has a header but no products"))
    return result


def parse_hs_code(value: str) -> str | None:
    """Digits of an HS code given as 4–10 digits with optional dots or spaces, else ``None``."""
    digits = re.sub(r"[\s.\-]", "", value.translate(_PERSIAN_DIGITS))
    return digits if digits.isdigit() and 4 <= len(digits) <= 10 else None


def _validate(
    raw: Mapping[str, str],
    row: int,
    *,
    sectors: Mapping[str, object] | set[str],
    desks: Mapping[str, str],
) -> tuple[ProductRow | None, list[RowError]]:
    """Check one row's values; return the product (when valid) and every problem found."""
    errors: list[RowError] = []

    def fail(column: str, message: str) -> None:
        errors.append(RowError(row, column, message))

    code = raw["code"].upper()
    if not code:
        fail("code", "code is empty")
    elif not _CODE.match(code):
        fail("code", f"code {raw['code']!r} may use only letters, digits, '-' and '_' (at most 32)")
    for column in ("name_en", "name_fa"):
        if not raw[column]:
            fail(column, f"{column} is empty")
    hs_code = parse_hs_code(raw["hs_code"])
    if hs_code is None:
        fail("hs_code", f"bad HS code {raw['hs_code']!r}: 4 to 10 digits expected (e.g. 8413.70)")
    sector = raw["sector"].lower()
    if sector not in sectors:
        fail("sector", f"unknown sector {raw['sector']!r} (known: {', '.join(sorted(sectors))})")
    annual_import_usd = None
    amount = raw["annual_import_usd"].translate(_PERSIAN_DIGITS).replace(",", "").replace("_", "").replace(" ", "")
    if amount:
        if amount.isdigit():
            annual_import_usd = int(amount)
        else:
            fail("annual_import_usd", f"annual_import_usd {raw['annual_import_usd']!r} is not a whole number of US dollars")
    status = ProductStatus.OPEN
    if raw["status"]:
        try:
            status = ProductStatus(raw["status"].lower())
        except ValueError:
            fail("status", f"unknown status {raw['status']!r} (use {', '.join(s.value for s in ProductStatus)})")
    desk = (raw.get("desk") or "").upper() or None
    if desk is not None:
        if desk not in desks:
            fail("desk", f"unknown desk {desk!r}")
        elif sector in sectors and desks[desk] != sector:
            fail("desk", f"desk {desk} belongs to sector {desks[desk]}, not {sector}")
    deadline = None
    if raw.get("deadline"):
        try:
            deadline = date.fromisoformat(raw["deadline"].translate(_PERSIAN_DIGITS))
        except ValueError:
            fail("deadline", f"deadline {raw['deadline']!r} is not a date like 2027-03-20")
    if errors:
        return None, errors
    product = ProductRow(
        code=code,
        name_en=raw["name_en"],
        name_fa=raw["name_fa"],
        aliases=join_list(split_list(raw["aliases"])),
        hs_code=hs_code or "",
        sector=sector,
        annual_import_usd=annual_import_usd,
        status=status,
        description=raw["description"],
        desk=desk,
        deadline=deadline,
        companies=join_list(split_list(raw.get("companies", ""))),
        source=raw.get("source", ""),
    )
    return product, []


def write_products(products: Sequence[ProductRow]) -> str:
    """Render products in the import format (all columns), so an export imports back unchanged."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ALL_COLUMNS)
    for product in products:
        values = product.values()
        writer.writerow(["" if values[name] is None else str(values[name]) for name in ALL_COLUMNS])
    return out.getvalue()


SECTOR_COLUMNS = ("key", "name_en", "name_fa", "aliases")
DESK_COLUMNS = ("code", "sector", "name_en", "name_fa", "program_year", "budget_eur", "contact", "description")
DESK_OPTIONAL_COLUMNS = ("active", "source")
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
    text = decode(data) if isinstance(data, bytes) else data.removeprefix("\ufeff")
    header, records = read_table(text)
    columns = check_header(header, DESK_COLUMNS, DESK_OPTIONAL_COLUMNS)
    rows: list[dict[str, object]] = []
    errors: list[RowError] = []
    for offset, record in enumerate(records):
        if not any(cell.strip() for cell in record):
            continue
        raw = {name: cell.strip() for name, cell in zip(columns, record)}
        row, row_errors = validate_desk(raw, offset + 2, sectors=sectors)
        errors.extend(row_errors)
        if row is not None:
            rows.append(row)
    return rows, errors


def validate_desk(
    raw: Mapping[str, str], row: int, *, sectors: Mapping[str, object] | set[str]
) -> tuple[dict[str, object] | None, list[RowError]]:
    """Check one desk's values (same rules from a file or from chat)."""
    errors: list[RowError] = []
    code = raw.get("code", "").upper()
    if not _CODE.match(code):
        errors.append(RowError(row, "code", f"code {raw.get('code', '')!r} may use only letters, digits, '-' and '_'"))
    sector = raw.get("sector", "").lower()
    if sector not in sectors:
        errors.append(RowError(row, "sector", f"unknown sector {raw.get('sector', '')!r} (known: {', '.join(sorted(sectors))})"))
    for column in ("name_en", "name_fa"):
        if not raw.get(column):
            errors.append(RowError(row, column, f"{column} is empty"))
    numbers: dict[str, int | None] = {}
    for column in ("program_year", "budget_eur"):
        value = raw.get(column, "").translate(_PERSIAN_DIGITS).replace(",", "").replace("_", "")
        if value and not value.isdigit():
            errors.append(RowError(row, column, f"{column} {raw.get(column)!r} is not a whole number"))
        numbers[column] = int(value) if value.isdigit() else None
    active_text = raw.get("active", "").lower() or "true"
    if active_text not in _TRUE | _FALSE:
        errors.append(RowError(row, "active", f"active {raw.get('active')!r} must be true or false"))
    if errors:
        return None, errors
    return {
        "code": code,
        "sector": sector,
        "name_en": raw["name_en"],
        "name_fa": raw["name_fa"],
        "program_year": numbers["program_year"],
        "budget_eur": numbers["budget_eur"],
        "contact": raw.get("contact", ""),
        "description": raw.get("description", ""),
        "active": active_text in _TRUE,
        "source": raw.get("source", ""),
    }, []
