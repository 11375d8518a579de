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
* case folding; punctuation and symbols become spaces; runs of spaces collapse;
* an acronym spelt out in Persian letter names with «آی» (I) or «آر» (R) among them becomes its Latin
  letters (``آی سی یو`` → ``icu``), before ``آ`` folds to ``ا`` and «آی» would read as «ای» (E).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

__all__ = ["normalize", "tokens", "compact", "persian_letters", "spelt_out", "without_madda"]

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


# The Persian names of Latin letters, as an acronym is spelt out («آی سی یو», ICU). «ای» is E (the brief's
# reading; A is spelt the same), «جی» is G (J too).
_LETTER_NAMES = {
    "ای": "e", "بی": "b", "سی": "c", "دی": "d", "اف": "f", "جی": "g", "اچ": "h", "آی": "i", "کی": "k",
    "ال": "l", "ام": "m", "ان": "n", "او": "o", "پی": "p", "کیو": "q", "آر": "r", "اس": "s", "تی": "t",
    "یو": "u", "وی": "v", "دبلیو": "w", "ایکس": "x", "وای": "y", "زد": "z",
}  # fmt: skip
# Only the names with a madda are no Persian words («آی», «آر»): a run of letter names holding one is surely an
# acronym. Without one («ای سی یو», «سی ان سی») the run is left to the index, for «ای» may be a lazy «آی» and
# «سی», «کی», «او» are everyday words (thirty, who, he).
_MADDA_NAMES = frozenset({"آی", "آر"})
_NAME = "|".join(sorted(_LETTER_NAMES, key=len, reverse=True))
_SPELT_ACRONYM = re.compile(f"(?<![\\w\u200c])(?:{_NAME})(?:[ \u200c]+(?:{_NAME}))+(?![\\w\u200c])")


def _spelt_acronym(found: re.Match[str]) -> str:
    """The Latin letters of an acronym spelt out in Persian letter names, or the run as it is."""
    names = found.group().replace(ZWNJ, " ").split()
    if _MADDA_NAMES.isdisjoint(names):
        return found.group()
    return "".join(_LETTER_NAMES[name] for name in names)


# Arabic yeh and kaf as Persian ones before letter names are read: «آي سي يو» typed on an Arabic layout is ICU too.
_YEH_KAF = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


def persian_letters(text: str) -> str:
    """``text`` with the Arabic keyboard's yeh and kaf («ي», «ى», «ك») written as Persian ones («ی», «ک»), nothing
    else changed: the form words the engine indexes are stored in, whatever keyboard typed them."""
    return text.translate(_YEH_KAF)


# آ as typed, as alef and a combining madda, or as its presentation forms: what NFKC may make آ.
_MAY_HOLD_MADDA = re.compile("[\u0622\u0653\ufe81\ufe82]")


def without_madda(text: str) -> str | None:
    """``text`` with its spelt-out acronyms written with a bare alef («ونتیلاتور آی سی یو» → «ونتیلاتور ای سی یو»),
    or ``None`` when it spells none with «آی» or «آر».

    A catalog name keeps this spelling beside its own: phones often drop the madda, and without it the run is read
    as letter names again, as it was before «آی» and «آر» made it Latin (a lazy «جی ای اس» is still the GIS).
    """
    if not _MAY_HOLD_MADDA.search(text):  # most names: read at every index build, 100,000 listings a time
        return None
    folded = unicodedata.normalize("NFKC", text).translate(_YEH_KAF)
    if "آ" not in folded:
        return None
    bare = _SPELT_ACRONYM.sub(lambda found: found.group().replace("آ", "ا") if _spelt_acronym(found) != found.group() else found.group(), folded)
    return bare if bare != folded else None


# The letter names as they read once normalized («آی» is «ای» then).
_NORMALIZED_NAMES = frozenset(name.replace("آ", "ا") for name in _LETTER_NAMES)
# ... and the letter each stands for («ای» once normalized is E, as the unmarked name reads).
_NORMALIZED_LETTERS = {name: letter for name, letter in _LETTER_NAMES.items() if "آ" not in name} | {
    name.replace("آ", "ا"): letter for name, letter in _LETTER_NAMES.items() if name.replace("آ", "ا") not in _LETTER_NAMES
}


def spelt_acronyms(words: list[str]) -> list[str]:
    """The Latin acronyms that runs of normalized letter names in ``words`` spell («سی تی» → "ct"), in order."""
    spelt = spelt_out(words)
    runs: list[str] = []
    for position in sorted(spelt):
        letter = _NORMALIZED_LETTERS[words[position]]
        if position - 1 in spelt and runs:
            runs[-1] += letter
        else:
            runs.append(letter)
    return runs


def spelt_out(words: list[str]) -> set[int]:
    """The positions of normalized ``words`` that spell an acronym out letter by letter («ای پی اس», EPS).

    Two letter names in a row at least: one alone is an everyday word as often («سی», thirty; «کی», who).
    """
    named = [word in _NORMALIZED_NAMES for word in words]
    return {
        position
        for position, is_name in enumerate(named)
        if is_name and (position > 0 and named[position - 1] or position + 1 < len(named) and named[position + 1])
    }


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
    text = unicodedata.normalize("NFKC", text)
    if "آ" in text:
        text = _SPELT_ACRONYM.sub(_spelt_acronym, text.translate(_YEH_KAF))
    text = _replace(text)
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
