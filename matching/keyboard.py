"""The keyboards people type on: QWERTY, and the standard Persian layout (ISIRI 9147) on the same keys.

One table serves two readers: a listing code typed while the Persian layout is active («شعف-8» is "AUT-8",
:data:`PERSIAN_TO_LATIN`), and keys hit at random along a row (:data:`KEYS`, for :mod:`matching.gibberish`).
"""

from __future__ import annotations

__all__ = ["KEYS", "PERSIAN_TO_LATIN"]

# Row by row, the characters on the same physical keys: Latin, then Persian (ج چ on the bracket keys, ک گ on
# the semicolon and quote, و on the comma).
_LATIN_ROWS = ("qwertyuiop[]", "asdfghjkl;'", "zxcvbnm,")
_PERSIAN_ROWS = ("ضصثقفغعهخحجچ", "شسیبلاتنمکگ", "ظطزرذدپو")
_DIGITS = "1234567890"

PERSIAN_TO_LATIN: dict[str, str] = {
    persian: latin
    for latin_row, persian_row in zip(_LATIN_ROWS, _PERSIAN_ROWS, strict=True)
    for latin, persian in zip(latin_row, persian_row, strict=True)
    if latin.isalpha()
}
"""The Latin letter on the key of each Persian letter that shares a key with one (ض → q, ش → a, پ → m)."""

KEYS: dict[str, tuple[int, int]] = {
    key: (row, column)
    for row, keys in enumerate((*(r.rstrip("[];',") for r in _LATIN_ROWS), _DIGITS, *_PERSIAN_ROWS))
    for column, key in enumerate(keys)
}
"""(row, column) of each letter and digit; Latin, digit and Persian rows are told apart (a walk stays in one
script). The older Persian layout has ئ where the standard one has پ: both sit on that key."""
KEYS["ئ"] = KEYS["پ"]
