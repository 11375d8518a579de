"""The words for what is wrong with a catalog file or record: the chat's, and ``matchbot import``'s in English.

Services report typed problems (:mod:`bot.services.problems`); each has one text per language in the catalogs
(see :data:`TEXTS`; the problem's values are the placeholders), and the row and column it is in are said by
``problem_row_column`` and its kin. The command line takes the same English words without the HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from functools import cache

import seed_data
from bot.i18n import N_, Html, MessageId, digits, label, t, tn
from bot.services.catalog_csv import parse_sectors
from bot.services.problems import CsvFormatError, Problem, RowError

from .ui import cut

# Numbers of the upload limits, number bounds and a month's days, in the reader's digits.
_LIMIT_VALUES = {"limit", "seconds", "maximum", "days"}
# The message id of each problem; a wrong header is worded from its lists (see _HEADER_PARTS), and the two
# that count things take the plural form of their count (see problem_message).
TEXTS: dict[Problem, MessageId] = {
    Problem.NOT_TEXT: N_("csv_not_text"), Problem.EMPTY_FILE: N_("csv_empty_file"),
    Problem.BAD_HEADER_LINE: N_("csv_bad_header_line"), Problem.BAD_LINE: N_("csv_bad_line"),
    Problem.WRONG_HEADER: N_("csv_wrong_header"), Problem.NOT_XLSX: N_("csv_not_xlsx"),
    Problem.TOO_MANY_ROWS: N_("csv_too_many_rows"), Problem.TOO_MANY_COLUMNS: N_("csv_too_many_columns"),
    Problem.TOO_MANY_CELLS: N_("csv_too_many_cells"), Problem.CELL_TOO_LONG: N_("csv_cell_too_long"),
    Problem.TOO_SLOW: N_("csv_too_slow"), Problem.UNPACKED_TOO_BIG: N_("csv_unpacked_too_big"),
    Problem.OLD_XLS: N_("csv_old_xls"), Problem.FILE_TYPE: N_("csv_file_type"),
    Problem.NO_ROWS: N_("csv_no_rows"),
    Problem.CODE_DUPLICATE: N_("csv_code_duplicate"), Problem.CODE_EMPTY: N_("csv_code_empty"),
    Problem.CODE_INVALID: N_("csv_code_invalid"), Problem.FIELD_EMPTY: N_("csv_field_empty"),
    Problem.HS_INVALID: N_("csv_hs_invalid"), Problem.SECTOR_UNKNOWN: N_("csv_sector_unknown"),
    Problem.AMOUNT_INVALID: N_("csv_amount_invalid"), Problem.AMOUNT_TOO_LARGE: N_("csv_amount_too_large"),
    Problem.STATUS_UNKNOWN: N_("csv_status_unknown"), Problem.DESK_UNKNOWN: N_("csv_desk_unknown"),
    Problem.DESK_SECTOR: N_("csv_desk_sector"), Problem.DEADLINE_INVALID: N_("csv_deadline_invalid"),
    Problem.DEADLINE_NO_SUCH_DAY: N_("csv_deadline_no_such_day"), Problem.DEADLINE_NO_SUCH_MONTH: N_("csv_deadline_no_such_month"),
    Problem.DEADLINE_PAST: N_("csv_deadline_past"),
    Problem.NUMBER_INVALID: N_("csv_number_invalid"), Problem.NUMBER_TOO_LARGE: N_("csv_number_too_large"),
    Problem.ACTIVE_INVALID: N_("csv_active_invalid"),
    Problem.UNIT_ID_INVALID: N_("csv_unit_id_invalid"), Problem.PROVINCE_UNKNOWN: N_("csv_province_unknown"),
    Problem.ISIC_INVALID: N_("csv_isic_invalid"), Problem.PROCESS_UNKNOWN: N_("csv_process_unknown"),
    Problem.CERTIFICATION_UNKNOWN: N_("csv_certification_unknown"), Problem.UNIT_STATUS_UNKNOWN: N_("csv_unit_status_unknown"),
    Problem.IDLE_SINCE_FUTURE: N_("csv_idle_since_future"), Problem.IDLE_SINCE_ACTIVE: N_("csv_idle_since_active"),
    Problem.YES_NO_INVALID: N_("csv_yes_no_invalid"), Problem.TEXT_TOO_LONG: N_("csv_text_too_long"), Problem.LINE_NOT_FIELD: N_("csv_line_not_field"),
    Problem.FIELD_UNKNOWN: N_("csv_field_unknown"), Problem.FIELD_REPEATED: N_("csv_field_repeated"),
    Problem.NO_FIELDS: N_("csv_no_fields"), Problem.CODE_EXISTS: N_("csv_code_exists"),
    Problem.DESK_EXISTS: N_("csv_desk_exists"), Problem.CODE_FIXED: N_("csv_code_fixed"),
}
_HEADER_PARTS = {"missing": N_("csv_header_missing"), "unknown": N_("csv_header_unknown"), "repeated": N_("csv_header_repeated")}
_TAG = re.compile(r"<[^>]*>")


@cache
def _persian_sector_names() -> dict[str, str]:
    """Sector key → Persian name, from ``seed_data/sectors.csv`` (the sector keys are a contract: every database holds
    these, loaded by migration 0004)."""
    text = seed_data.files().joinpath("sectors.csv").read_text(encoding="utf-8")
    return {row["key"]: row["name_fa"] for row in parse_sectors(text)}


def problem_message(language: str, key: Problem, values: Mapping[str, str]) -> str:
    """One problem in ``language``, as HTML (without where it is)."""
    if key is Problem.WRONG_HEADER:
        parts = [t(language, _HEADER_PARTS[part], names=cut(values[part], 300)) for part in _HEADER_PARTS if values.get(part)]
        required, optional = values.get("required", ""), values.get("optional", "")
        expected = label(language, "csv_header_expected", required=required, optional=optional) if optional else required
        return t(language, "csv_wrong_header", problems=Html("; ".join(parts)), expected=cut(expected, 400))
    filled = {name: digits(language, value) if name in _LIMIT_VALUES else cut(value, 200) for name, value in values.items()}
    if key is Problem.SECTOR_UNKNOWN and language == "fa":
        # A Persian reader gets the sectors by their Persian names (which the file may use), not the English keys.
        names = _persian_sector_names()
        filled["known"] = "، ".join(names.get(sector.strip(), sector.strip()) for sector in values["known"].split(","))
    # Problems that count things ("1 listing", "3 listings"): the form follows their count.
    if key is Problem.ROW_WIDTH:
        return tn(language, "csv_row_width", int(values["count"]), **filled)
    if key is Problem.DESK_IN_USE:
        return tn(language, "csv_desk_in_use", int(values["count"]), **filled)
    return t(language, TEXTS[key], **filled)


def row_problem(language: str, error: RowError) -> str:
    """A row's problem with where it is: ``Row 3, hs_code: …`` (records typed in chat have no row)."""
    message = Html(problem_message(language, error.key, dict(error.values)))
    row = digits(language, str(error.row))
    if error.row and error.column and error.key is Problem.FIELD_EMPTY:  # the column once: «ردیف ۳: ستون «products» خالی است»
        return t(language, "problem_row_column_empty", row=row, column=error.column)
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


def as_plain_text(text: str) -> str:
    """Catalog HTML as plain text, for the terminal: tags dropped, entities (escaped values) restored."""
    return html.unescape(_TAG.sub("", text))


def english(problem: CsvFormatError | RowError) -> str:
    """A file's or a row's problem in the catalog's English words, as plain text (``matchbot import``)."""
    return as_plain_text(file_problem("en", problem) if isinstance(problem, CsvFormatError) else row_problem("en", problem))
