"""What every admin feature renders alike: problems with where they are, long lists cut to fit, numbers, dates.

Every function returns HTML under Telegram's limits whatever the data holds: long lists keep as many whole
lines (measured after escaping) as fit and say how many more there are, so a cut never splits a tag.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import N_, Html, digits, t, tn
from bot.services.catalog_csv import CsvFormatError, RowError
from bot.telegram.ui import MAX_MESSAGE, Reply, cut

MAX_PROBLEMS = 15
BUDGET = MAX_MESSAGE - 196
"""Characters a long report may use, leaving room below Telegram's limit for what follows it."""

# The translation of each problem a file or a typed record can have, by its key in catalog_csv.MESSAGES.
PROBLEMS: dict[str, str] = {
    "not_text": N_("csv_not_text"), "empty_file": N_("csv_empty_file"), "bad_header_line": N_("csv_bad_header_line"),
    "bad_line": N_("csv_bad_line"), "wrong_header": N_("csv_wrong_header"), "not_xlsx": N_("csv_not_xlsx"),
    "too_many_rows": N_("csv_too_many_rows"), "too_many_columns": N_("csv_too_many_columns"),
    "too_many_cells": N_("csv_too_many_cells"), "cell_too_long": N_("csv_cell_too_long"), "too_slow": N_("csv_too_slow"),
    "unpacked_too_big": N_("csv_unpacked_too_big"), "old_xls": N_("csv_old_xls"), "file_type": N_("csv_file_type"),
    "no_rows": N_("csv_no_rows"), "code_empty": N_("csv_code_empty"),
    "code_invalid": N_("csv_code_invalid"), "code_duplicate": N_("csv_code_duplicate"), "field_empty": N_("csv_field_empty"),
    "hs_invalid": N_("csv_hs_invalid"), "sector_unknown": N_("csv_sector_unknown"), "amount_invalid": N_("csv_amount_invalid"),
    "amount_too_large": N_("csv_amount_too_large"), "status_unknown": N_("csv_status_unknown"),
    "desk_unknown": N_("csv_desk_unknown"), "desk_sector": N_("csv_desk_sector"), "deadline_invalid": N_("csv_deadline_invalid"),
    "number_invalid": N_("csv_number_invalid"), "number_too_large": N_("csv_number_too_large"),
    "active_invalid": N_("csv_active_invalid"), "line_not_field": N_("csv_line_not_field"),
    "field_unknown": N_("csv_field_unknown"), "field_repeated": N_("csv_field_repeated"), "no_fields": N_("csv_no_fields"),
    "code_exists": N_("csv_code_exists"), "desk_exists": N_("csv_desk_exists"), "code_fixed": N_("csv_code_fixed"),
}
_HEADER_PROBLEMS = {"missing": N_("csv_header_missing"), "unknown": N_("csv_header_unknown"), "repeated": N_("csv_header_repeated")}
_LIMIT_VALUES = {"limit", "seconds", "maximum"}  # numbers of the upload limits and number bounds, in the reader's digits


def number(language: str, value: int) -> str:
    """A whole number in the reader's digits."""
    return digits(language, str(value))


def date(language: str, moment: datetime, tz: ZoneInfo) -> str:
    """A moment as ``2026-03-20 10:00`` in the bot's time zone, in the reader's digits."""
    return digits(language, moment.astimezone(tz).strftime("%Y-%m-%d %H:%M"))


def size(language: str, value: int, *, round_up: bool = False) -> str:
    """A file size: ``5 MB``, ``۱۲۰ کیلوبایت``; ``round_up`` for a file over a limit, so it never reads as equal to it."""
    round_to = math.ceil if round_up else round
    if value >= 1024 * 1024:
        return t(language, "size_mb", value=digits(language, f"{round_to(value * 10 / (1024 * 1024)) / 10:.1f}".removesuffix(".0")))
    if value >= 1024:
        return t(language, "size_kb", value=digits(language, str(round_to(value / 1024))))
    return t(language, "size_bytes", value=digits(language, str(value)))


def bounded(language: str, lines: Sequence[str], limit: int) -> list[str]:
    """As many of ``lines`` (rendered HTML) as fit in ``limit`` characters, then "…and N more"."""
    kept: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        if used + len(line) + 1 > limit - 40:
            kept.append(t(language, "import_more_problems", count=number(language, len(lines) - index)))
            break
        kept.append(line)
        used += len(line) + 1
    return kept


def problem_message(language: str, key: str, values: dict[str, str], english: str) -> str:
    """One problem (a key of ``catalog_csv.MESSAGES``) in ``language``, as HTML."""
    if not key:
        return t(language, "problem", message=cut(english, 300))
    if key == "wrong_header":
        parts = [t(language, _HEADER_PROBLEMS[part], names=cut(values[part], 300)) for part in _HEADER_PROBLEMS if values.get(part)]
        return t(language, "csv_wrong_header", problems=Html("; ".join(parts)), expected=cut(values.get("expected", ""), 400))
    filled = {name: digits(language, value) if name in _LIMIT_VALUES else cut(value, 200) for name, value in values.items()}
    # Problems that count things ("1 listing", "3 listings"): the form follows their count.
    if key == "row_width":
        return tn(language, "csv_row_width", int(values["count"]), **filled)
    if key == "desk_in_use":
        return tn(language, "csv_desk_in_use", int(values["count"]), **filled)
    return t(language, PROBLEMS[key], **filled)


def row_problem(language: str, error: RowError) -> str:
    """A row's problem with where it is: ``Row 3, hs_code: …`` (records typed in chat have no row)."""
    message = Html(problem_message(language, error.key, dict(error.values), error.message))
    row = number(language, error.row)
    if error.row and error.column:
        return t(language, "problem_row_column", row=row, column=error.column, message=message)
    if error.row:
        return t(language, "problem_row", row=row, message=message)
    if error.column:
        return t(language, "problem_column", column=error.column, message=message)
    return t(language, "problem", message=message)


def problems(language: str, errors: Sequence[RowError], limit: int = MAX_PROBLEMS, budget: int = 3000) -> str:
    """The first ``limit`` problems (fewer if they are long), one per line, and how many more there are."""
    lines = ["• " + row_problem(language, error) for error in errors[:limit]]
    kept = bounded(language, lines, budget)
    if len(errors) > limit and len(kept) == len(lines):
        kept.append(t(language, "import_more_problems", count=number(language, len(errors) - limit)))
    return "\n".join(kept)


def record_problems(language: str, errors: Sequence[RowError]) -> Reply:
    """Why a record typed in chat was not saved."""
    return Reply(t(language, "record_problems", problems=Html(problems(language, errors))))


def file_error(language: str, file_name: str, error: CsvFormatError) -> Reply:
    """A file that cannot be read at all."""
    message = Html(problem_message(language, error.key, error.values, str(error)))
    return Reply(t(language, "import_unreadable", file=cut(file_name, 100), problem=message))
