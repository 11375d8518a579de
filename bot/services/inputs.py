"""Text and numbers people type or upload, made safe before anything stores, shows or exports them.

Every whole number the bot or the command line reads goes through :func:`parse_whole_number`, and every piece
of user text that is stored or passed on to admins goes through :func:`clean_text`.
"""

from __future__ import annotations

import re
from decimal import Decimal

# Persian (extended Arabic-Indic) and Arabic-Indic digits, which Persian keyboards type, read as ASCII digits.
_NATIVE_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# Thousands separators people write in amounts: comma, underscore, spaces, the Arabic thousands separator.
_GROUPING = re.compile(r"[,_ \u00a0\u202f\u066c]")
_ASCII_DIGITS = re.compile(r"[0-9]+")


def ascii_digits(text: str) -> str:
    """``text`` with Persian and Arabic-Indic digits written as ASCII ones (everything else unchanged)."""
    return text.translate(_NATIVE_DIGITS)


class NumberError(ValueError):
    """Not a whole number (``too_large`` False), or one above the allowed maximum (``too_large`` True)."""

    def __init__(self, text: str, *, too_large: bool) -> None:
        super().__init__(f"{text[:40]!r} is {'too large' if too_large else 'not a whole number'}")
        self.too_large = too_large


def parse_whole_number(text: str, *, maximum: int, grouping: bool = False) -> int:
    """The non-negative whole number ``text`` spells, at most ``maximum``; raises :class:`NumberError` otherwise.

    Only the digits 0–9 in ASCII, Persian or Arabic-Indic count: ``str.isdigit`` also accepts superscripts
    such as ``²``, which ``int`` then refuses. The length is checked before converting, so a number of
    thousands of digits is "too large" rather than a hit on Python's conversion limit. ``grouping`` allows
    thousands separators (``12,400,000``).
    """
    digits = ascii_digits(text.strip())
    if grouping:
        digits = _GROUPING.sub("", digits)
    if not _ASCII_DIGITS.fullmatch(digits):
        raise NumberError(text, too_large=False)
    digits = digits.lstrip("0") or "0"
    if len(digits) > len(str(maximum)) or int(digits) > maximum:
        raise NumberError(text, too_large=True)
    return int(digits)


# Amounts as the bot shows them and people write them: "$12.4M", «۱۲٫۴ میلیون دلار», "15 million", "$15,000,000".
_SCALES = {"k": 10**3, "thousand": 10**3, "هزار": 10**3, "m": 10**6, "mn": 10**6, "million": 10**6, "millions": 10**6,
           "میلیون": 10**6, "b": 10**9, "bn": 10**9, "billion": 10**9, "billions": 10**9, "میلیارد": 10**9}
_CURRENCY = re.compile(r"\$|\b(?:us\s*)?(?:usd|dollars?)\b|دلار(?:\s*(?:امریکا|آمریکا))?", re.IGNORECASE)
_SCALED = re.compile(r"(?P<number>[0-9]+(?:[.\u066b/][0-9]+)?)\s*(?P<scale>[^\s0-9]+)")


def parse_amount(text: str, *, maximum: int) -> int:
    """The whole number of dollars ``text`` writes, with or without the currency and with a scale word or letter
    (``15M``, "15 million", «۱۵ میلیون دلار», ``$12.4M``, «۱۲٫۴ میلیون»): the form refused the bot's own way of
    showing an amount. Raises :class:`NumberError` as :func:`parse_whole_number` does (grouping allowed)."""
    plain = " ".join(_CURRENCY.sub(" ", ascii_digits(text)).split()).lower()
    scaled = _SCALED.fullmatch(plain)
    if scaled is None or scaled["scale"] not in _SCALES:
        return parse_whole_number(plain or text, maximum=maximum, grouping=True)
    number = Decimal(scaled["number"].replace("\u066b", ".").replace("/", ".")) * _SCALES[scaled["scale"]]
    if number != number.to_integral_value():
        raise NumberError(text, too_large=False)
    if number > maximum:
        raise NumberError(text, too_large=True)
    return int(number)


# Characters removed from user text. Control characters (NUL fails a PostgreSQL write; the others are invisible
# or break exports), lone surrogates (no encoding can store them), bidirectional embeddings, overrides and
# isolates (they make an admin notice or a spreadsheet cell read backwards), and invisible zero-width
# characters. Kept on purpose: tab and newlines, the zero-width non-joiner U+200C (part of Persian spelling,
# e.g. «می‌خواهم») and the zero-width joiner U+200D (emoji sequences and Arabic-script ligatures).
_REMOVED = (
    [code for code in range(0x20) if chr(code) not in "\t\n\r"]
    + list(range(0x7F, 0xA0))
    + list(range(0xD800, 0xE000))
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
    + [0x061C, 0x180E, 0x200B, 0x200E, 0x200F, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF]
)
_CLEAN = dict.fromkeys(_REMOVED)


def clean_text(text: str) -> str:
    """``text`` without the characters that must not be stored or shown (see ``_REMOVED``); linear time."""
    return text.translate(_CLEAN)


def clean_optional(text: str | None) -> str | None:
    """:func:`clean_text` for a value that may be absent (a Telegram username)."""
    return None if text is None else clean_text(text)
