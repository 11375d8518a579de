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
_HEADER_PARTS = ("missing", "unknown", "repeated")
_TAG = re.compile(r"<[^>]*>")


def problem_message(language: str, key: Problem, values: Mapping[str, str]) -> str:
    """One problem in ``language``, as HTML (without where it is)."""
    if key is Problem.WRONG_HEADER:
        parts = [t(language, f"csv_header_{part}", names=cut(values[part], 300)) for part in _HEADER_PARTS if values.get(part)]
        required, optional = values.get("required", ""), values.get("optional", "")
        expected = label(language, "csv_header_expected", required=required, optional=optional) if optional else required
        return t(language, "csv_wrong_header", problems=Html("; ".join(parts)), expected=cut(expected, 400))
    return t(language, f"csv_{key.value}", **{
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
