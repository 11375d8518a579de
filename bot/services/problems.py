"""What can be wrong with a catalog file or record, as typed codes with their values: never as sentences.

Services report a :class:`Problem` and the raw texts involved; the presentation words it in the reader's
language (the chat and ``matchbot import`` both through the text catalogs, message id ``csv_<code>``), so
each problem has one wording per language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

MAX_SHOWN = 60  # characters of an offending value kept (a 5,000-digit "amount" is not repeated back)


class Problem(StrEnum):
    """One kind of problem; :data:`VALUES` names the values each one carries."""

    # The file as a whole.
    NOT_TEXT = "not_text"
    EMPTY_FILE = "empty_file"
    BAD_HEADER_LINE = "bad_header_line"
    BAD_LINE = "bad_line"
    WRONG_HEADER = "wrong_header"
    NOT_XLSX = "not_xlsx"
    TOO_MANY_ROWS = "too_many_rows"
    TOO_MANY_COLUMNS = "too_many_columns"
    TOO_MANY_CELLS = "too_many_cells"
    CELL_TOO_LONG = "cell_too_long"
    TOO_SLOW = "too_slow"
    UNPACKED_TOO_BIG = "unpacked_too_big"
    OLD_XLS = "old_xls"
    FILE_TYPE = "file_type"
    # One row of a file.
    ROW_WIDTH = "row_width"
    NO_ROWS = "no_rows"
    CODE_DUPLICATE = "code_duplicate"
    # One field, wherever the record comes from.
    CODE_EMPTY = "code_empty"
    CODE_INVALID = "code_invalid"
    FIELD_EMPTY = "field_empty"
    HS_INVALID = "hs_invalid"
    SECTOR_UNKNOWN = "sector_unknown"
    AMOUNT_INVALID = "amount_invalid"
    AMOUNT_TOO_LARGE = "amount_too_large"
    STATUS_UNKNOWN = "status_unknown"
    DESK_UNKNOWN = "desk_unknown"
    DESK_SECTOR = "desk_sector"
    DEADLINE_INVALID = "deadline_invalid"
    DEADLINE_NO_SUCH_DAY = "deadline_no_such_day"
    DEADLINE_NO_SUCH_MONTH = "deadline_no_such_month"
    DEADLINE_PAST = "deadline_past"
    NUMBER_INVALID = "number_invalid"
    NUMBER_TOO_LARGE = "number_too_large"
    ACTIVE_INVALID = "active_invalid"
    UNIT_ID_INVALID = "unit_id_invalid"
    PROVINCE_UNKNOWN = "province_unknown"
    ISIC_INVALID = "isic_invalid"
    PROCESS_UNKNOWN = "process_unknown"
    CERTIFICATION_UNKNOWN = "certification_unknown"
    UNIT_STATUS_UNKNOWN = "unit_status_unknown"
    IDLE_SINCE_FUTURE = "idle_since_future"
    IDLE_SINCE_ACTIVE = "idle_since_active"
    YES_NO_INVALID = "yes_no_invalid"
    TEXT_TOO_LONG = "text_too_long"
    # A record typed in chat as "field: value" lines, and what the catalog already holds.
    LINE_NOT_FIELD = "line_not_field"
    FIELD_UNKNOWN = "field_unknown"
    FIELD_REPEATED = "field_repeated"
    NO_FIELDS = "no_fields"
    CODE_EXISTS = "code_exists"
    DESK_EXISTS = "desk_exists"
    CODE_FIXED = "code_fixed"
    DESK_IN_USE = "desk_in_use"


# The values each problem carries (the placeholders of its texts). A wrong header carries the column lists;
# the presentation words each list and the expected header from them.
VALUES: Mapping[Problem, frozenset[str]] = {
    problem: frozenset(names.split())
    for problem, names in {
        Problem.NOT_TEXT: "",
        Problem.EMPTY_FILE: "",
        Problem.BAD_HEADER_LINE: "detail",
        Problem.BAD_LINE: "line detail",
        Problem.WRONG_HEADER: "missing unknown repeated required optional",
        Problem.NOT_XLSX: "",
        Problem.TOO_MANY_ROWS: "limit",
        Problem.TOO_MANY_COLUMNS: "row limit",
        Problem.TOO_MANY_CELLS: "limit",
        Problem.CELL_TOO_LONG: "row column limit",
        Problem.TOO_SLOW: "seconds",
        Problem.UNPACKED_TOO_BIG: "limit",
        Problem.OLD_XLS: "name",
        Problem.FILE_TYPE: "name",
        Problem.ROW_WIDTH: "count columns",
        Problem.NO_ROWS: "",
        Problem.CODE_DUPLICATE: "code first",
        Problem.CODE_EMPTY: "",
        Problem.CODE_INVALID: "value",
        Problem.FIELD_EMPTY: "column",
        Problem.HS_INVALID: "value",
        Problem.SECTOR_UNKNOWN: "value known",
        Problem.AMOUNT_INVALID: "value",
        Problem.AMOUNT_TOO_LARGE: "value maximum",
        Problem.STATUS_UNKNOWN: "value known",
        Problem.DESK_UNKNOWN: "value",
        Problem.DESK_SECTOR: "desk desk_sector sector",
        Problem.DEADLINE_INVALID: "value",
        Problem.DEADLINE_NO_SUCH_DAY: "value days",
        Problem.DEADLINE_NO_SUCH_MONTH: "value",
        Problem.DEADLINE_PAST: "value",
        Problem.NUMBER_INVALID: "column value",
        Problem.NUMBER_TOO_LARGE: "column value maximum",
        Problem.ACTIVE_INVALID: "value",
        Problem.UNIT_ID_INVALID: "value",
        Problem.PROVINCE_UNKNOWN: "value",
        Problem.ISIC_INVALID: "value",
        Problem.PROCESS_UNKNOWN: "value",
        Problem.CERTIFICATION_UNKNOWN: "value",
        Problem.UNIT_STATUS_UNKNOWN: "value",
        Problem.IDLE_SINCE_FUTURE: "value",
        Problem.IDLE_SINCE_ACTIVE: "value",
        Problem.YES_NO_INVALID: "column value",
        Problem.TEXT_TOO_LONG: "column limit",
        Problem.LINE_NOT_FIELD: "line",
        Problem.FIELD_UNKNOWN: "name known",
        Problem.FIELD_REPEATED: "name",
        Problem.NO_FIELDS: "",
        Problem.CODE_EXISTS: "code",
        Problem.DESK_EXISTS: "code",
        Problem.CODE_FIXED: "code",
        Problem.DESK_IN_USE: "count example",
    }.items()
}


def _checked(problem: Problem, values: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """``values`` as stored: exactly the names ``problem`` carries, a long offending value cut."""
    if set(values) != VALUES[problem]:
        raise ValueError(f"{problem} carries {sorted(VALUES[problem])}, not {sorted(values)}")
    if len(values.get("value", "")) > MAX_SHOWN:
        values["value"] = values["value"][:MAX_SHOWN] + "…"
    return tuple(values.items())


def _described(problem: Problem, values: tuple[tuple[str, str], ...]) -> str:
    """A developer's view (logs, assertion output); readers get the catalogs' words instead."""
    return problem.value + (" (" + ", ".join(f"{name}={value!r}" for name, value in values) + ")" if values else "")


class CsvFormatError(ValueError):
    """The file as a whole cannot be read (encoding, header, limits); nothing row-level to report."""

    def __init__(self, problem: Problem, /, **values: str) -> None:
        self.key = problem
        self.values: dict[str, str] = dict(_checked(problem, values))
        super().__init__(_described(problem, tuple(self.values.items())))


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in one row (``row`` 1 is the header; 0 means a single record typed in chat)."""

    row: int
    column: str | None
    key: Problem
    values: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, row: int, column: str | None, problem: Problem, /, **values: str) -> RowError:
        """``problem`` in ``row`` and ``column`` with its values (a long offending value is cut)."""
        return cls(row, column, problem, _checked(problem, values))

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", {self.column}" if self.column else "")
        return f"{where}: {_described(self.key, self.values)}"
