"""Text normalization for Persian and English search text.

Everything the index stores and every query goes through :func:`normalize` first, so that
spellings a person would consider the same compare equal:

* Unicode NFKC, so presentation forms (``ﻙ``), full-width Latin and ligatures fold to plain letters;
* Arabic letters typed on an Arabic keyboard map to their Persian forms (``ك`` → ``ک``,
  ``ي``/``ى`` → ``ی``, ``ة`` → ``ه``, ``أ``/``إ``/``آ`` → ``ا``, ``ؤ`` → ``و``);
* diacritics (harakat, hamza above, Latin accents) and the tatweel ``ـ`` are removed;
* the zero-width non-joiner becomes a space, so ``می‌خواهم`` and ``می خواهم`` are the same words;
  the joined spelling ``میخواهم`` is reconciled by the index, which tries joining and splitting words;
* other invisible marks (zero-width joiner and space, byte-order mark, right-to-left marks) vanish;
* Persian and Arabic-Indic digits become ASCII digits;
* case folding; punctuation and symbols become spaces; runs of spaces collapse.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

__all__ = ["normalize", "tokens", "compact"]

ZWNJ = "\u200c"

_LETTERS = {
    "ك": "ک",  # Arabic kaf
    "ي": "ی",  # Arabic yeh
    "ى": "ی",  # alef maksura
    "ئ": "ی",  # yeh with hamza, commonly typed for ی in loanwords
    "ة": "ه",  # teh marbuta
    "ۀ": "ه",  # heh with yeh above (ezafe)
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",  # alef with madda: people often type a bare alef
    "ٱ": "ا",
    "ؤ": "و",
    "ـ": "",  # tatweel (kashida), purely decorative
}
_INVISIBLE = "\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"
_DIGITS = {ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")} | {
    ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")
}
_REPLACEMENTS = {
    **_LETTERS,
    **dict.fromkeys(_INVISIBLE, ""),
    **{chr(code): digit for code, digit in _DIGITS.items()},
    ZWNJ: " ",
}
# One regular expression finds the characters to replace: scanning in C is far quicker than
# str.translate, which looks every character of Persian text up in a dict.
_REPLACE = re.compile("[" + "".join(re.escape(ch) for ch in _REPLACEMENTS) + "]")
_NOT_WORD = re.compile(r"[^\w]+|_+")


def _replace(text: str) -> str:
    """Apply ``_REPLACEMENTS``: Persian letters for Arabic ones, ASCII digits, invisible marks gone."""
    return _REPLACE.sub(lambda found: _REPLACEMENTS[found.group()], text)


@cache
def _bmp_marks() -> re.Pattern[str]:
    """A pattern matching every combining mark of the Basic Multilingual Plane (built on first use)."""
    marks = [code for code in range(0x10000) if unicodedata.combining(chr(code))]
    runs: list[list[int]] = []
    for code in marks:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return re.compile("[" + "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in runs) + "]")


def _strip_marks(text: str) -> str:
    """Drop combining marks: Arabic harakat, superscript alef, hamza above, Latin accents."""
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed.isascii():
        return decomposed
    if max(decomposed) > "\uffff":  # rare (emoji and the like): test every character
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _bmp_marks().sub("", decomposed)


def normalize(text: str) -> str:
    """Return the canonical search form of ``text``: lower-case words separated by single spaces.

    >>> normalize("پمپ‌هاي  ESP!")
    'پمپ های esp'
    >>> normalize("Valve <DN50> & Fittings")
    'valve dn50 fittings'
    """
    text = _replace(unicodedata.normalize("NFKC", text))
    text = _strip_marks(text)
    # NFD above splits آ into ا + madda; the mapping runs again to catch letters it exposed.
    text = _replace(unicodedata.normalize("NFC", text)).casefold()
    return " ".join(_NOT_WORD.sub(" ", text).split())


def tokens(text: str) -> list[str]:
    """Split already-normalized text into words."""
    return text.split()


def compact(text: str) -> str:
    """Normalized text with the spaces removed: joined, spaced and ZWNJ spellings compare equal."""
    return normalize(text).replace(" ", "")
