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
_TABLE = str.maketrans(
    {**{ord(k): v for k, v in _LETTERS.items()}, **{ord(c): None for c in _INVISIBLE}, **_DIGITS, ord(ZWNJ): " "}
)
_NOT_WORD = re.compile(r"[^\w]+|_+")


def _strip_marks(text: str) -> str:
    """Drop combining marks: Arabic harakat, superscript alef, hamza above, Latin accents."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Return the canonical search form of ``text``: lower-case words separated by single spaces.

    >>> normalize("پمپ‌هاي  ESP!")
    'پمپ های esp'
    >>> normalize("Valve <DN50> & Fittings")
    'valve dn50 fittings'
    """
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_TABLE)
    text = _strip_marks(text)
    # NFD above splits آ into ا + madda; the mapping runs again to catch letters it exposed.
    text = unicodedata.normalize("NFC", text).translate(_TABLE).casefold()
    return " ".join(_NOT_WORD.sub(" ", text).split())


def tokens(text: str) -> list[str]:
    """Split already-normalized text into words."""
    return text.split()


def compact(text: str) -> str:
    """Normalized text with the spaces removed: joined, spaced and ZWNJ spellings compare equal."""
    return normalize(text).replace(" ", "")
