"""What every admin feature renders alike: problems with where they are, long lists cut to fit, numbers, dates.

Every function returns HTML under Telegram's limits whatever the data holds: long lists keep as many whole
lines (measured after escaping) as fit and say how many more there are, so a cut never splits a tag.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.dates import format_moment
from bot.i18n import N_, Html, digits, t, tn
from bot.services.problems import CsvFormatError, RowError
from bot.telegram.problems import file_problem, row_problem
from bot.telegram.ui import MAX_MESSAGE, Reply, cut

MAX_PROBLEMS = 15
BUDGET = MAX_MESSAGE - 196
"""Characters a long report may use, leaving room below Telegram's limit for what follows it."""


def number(language: str, value: int) -> str:
    """A whole number in the reader's digits."""
    return digits(language, str(value))


def date(language: str, moment: datetime, tz: ZoneInfo) -> str:
    """A moment in the bot's time zone: ``2026-03-20 10:00``, or Jalali ``«۲۹ اسفند ۱۴۰۴، ۱۳:۳۰»`` in Persian."""
    return format_moment(language, moment, tz)


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
    message = Html(file_problem(language, error))
    return Reply(t(language, "import_unreadable", file=cut(file_name, 100), problem=message))
