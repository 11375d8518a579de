"""The words for what is wrong with a catalog file or record: the chat's, and ``matchbot import``'s in English.

Services report typed problems (:mod:`bot.services.problems`); each has one text per language in the catalogs
(``csv_<code>``, with the problem's values as placeholders), and the row and column it is in are said by
``problem_row_column`` and its kin. The command line takes the same English words without the HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from bot.services.problems import CsvFormatError, Problem, RowError

from .render import cut
from .texts import Html, digits, label, t

_LIMIT_VALUES = {"limit", "seconds", "maximum"}  # numbers of the upload limits and number bounds, in the reader's digits
# The message id of each problem; a wrong header is worded from its lists (see _HEADER_PARTS).
TEXTS: dict[Problem, str] = {
    Problem.NOT_TEXT: "csv_not_text", Problem.EMPTY_FILE: "csv_empty_file", Problem.BAD_HEADER_LINE: "csv_bad_header_line",
    Problem.BAD_LINE: "csv_bad_line", Problem.WRONG_HEADER: "csv_wrong_header", Problem.NOT_XLSX: "csv_not_xlsx",
    Problem.TOO_MANY_ROWS: "csv_too_many_rows", Problem.TOO_MANY_COLUMNS: "csv_too_many_columns",
    Problem.TOO_MANY_CELLS: "csv_too_many_cells", Problem.CELL_TOO_LONG: "csv_cell_too_long", Problem.TOO_SLOW: "csv_too_slow",
    Problem.UNPACKED_TOO_BIG: "csv_unpacked_too_big", Problem.OLD_XLS: "csv_old_xls", Problem.FILE_TYPE: "csv_file_type",
    Problem.ROW_WIDTH: "csv_row_width", Problem.NO_ROWS: "csv_no_rows", Problem.CODE_DUPLICATE: "csv_code_duplicate",
    Problem.CODE_EMPTY: "csv_code_empty", Problem.CODE_INVALID: "csv_code_invalid", Problem.FIELD_EMPTY: "csv_field_empty",
    Problem.HS_INVALID: "csv_hs_invalid", Problem.SECTOR_UNKNOWN: "csv_sector_unknown",
    Problem.AMOUNT_INVALID: "csv_amount_invalid", Problem.AMOUNT_TOO_LARGE: "csv_amount_too_large",
    Problem.STATUS_UNKNOWN: "csv_status_unknown", Problem.DESK_UNKNOWN: "csv_desk_unknown",
    Problem.DESK_SECTOR: "csv_desk_sector", Problem.DEADLINE_INVALID: "csv_deadline_invalid",
    Problem.NUMBER_INVALID: "csv_number_invalid", Problem.NUMBER_TOO_LARGE: "csv_number_too_large",
    Problem.ACTIVE_INVALID: "csv_active_invalid", Problem.LINE_NOT_FIELD: "csv_line_not_field",
    Problem.FIELD_UNKNOWN: "csv_field_unknown", Problem.FIELD_REPEATED: "csv_field_repeated", Problem.NO_FIELDS: "csv_no_fields",
    Problem.CODE_EXISTS: "csv_code_exists", Problem.DESK_EXISTS: "csv_desk_exists", Problem.CODE_FIXED: "csv_code_fixed",
    Problem.DESK_IN_USE: "csv_desk_in_use",
}
_HEADER_PARTS = {"missing": "csv_header_missing", "unknown": "csv_header_unknown", "repeated": "csv_header_repeated"}
_TAG = re.compile(r"<[^>]*>")


def problem_message(language: str, key: Problem, values: Mapping[str, str]) -> str:
    """One problem in ``language``, as HTML (without where it is)."""
    if key is Problem.WRONG_HEADER:
        parts = [t(language, text, names=cut(values[part], 300)) for part, text in _HEADER_PARTS.items() if values.get(part)]
        required, optional = values.get("required", ""), values.get("optional", "")
        expected = label(language, "csv_header_expected", required=required, optional=optional) if optional else required
        return t(language, "csv_wrong_header", problems=Html("; ".join(parts)), expected=cut(expected, 400))
    return t(language, TEXTS[key], **{
        name: digits(language, value) if name in _LIMIT_VALUES else cut(value, 200) for name, value in values.items()})


def row_problem(language: str, error: RowError) -> str:
    """A row's problem with where it is: ``Row 3, hs_code: …`` (records typed in chat have no row)."""
    message = Html(problem_message(language, error.key, dict(error.values)))
    row = digits(language, str(error.row))
    if error.row and error.column:
        return t(language, "problem_row_column", row=row, column=error.column, message=message)
    if error.row:
        return t(language, "problem_row", row=row, message=message)
    if error.column:
        return t(language, "problem_column", column=error.column, message=message)
    return t(language, "problem", message=message)


def file_problem(language: str, error: CsvFormatError) -> str:
    """Why a file cannot be read at all, as HTML."""
    return problem_message(language, error.key, error.values)


def plain(text: str) -> str:
    """Catalog HTML as plain text, for the terminal: tags dropped, entities (escaped values) restored."""
    return html.unescape(_TAG.sub("", text))


def english(problem: CsvFormatError | RowError) -> str:
    """A file's or a row's problem in the catalog's English words, as plain text (``matchbot import``)."""
    return plain(file_problem("en", problem) if isinstance(problem, CsvFormatError) else row_problem("en", problem))
