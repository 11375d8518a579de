"""Qualifiers that exclude one another: what a thing runs on, or how it is driven.

A "solar water heater" is not the listed "electric water heater", nor is «کولر آبی» (an evaporative cooler)
the listed «کولر گازی» (a split air conditioner): both share every word with a listing but one, and that one
names another value of the same property. A thing is only one of these (a heater is solar *or* electric), so
a listing that gives the thing another value is a different product the catalog holds, and the query names one
it does not. Words are in normalized form (see :func:`matching.normalize.normalize`); each maps to the value it
names, so that English, Persian and Finglish spellings of one value agree with each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .normalize import normalize

_VALUES: dict[str, str] = {
    # What the thing runs on.
    "solar": "solar خورشیدی khorshidi",
    "electric": "electric electrical electrically برقی barghi barqi bargi",
    "gas": "gas گازی gazi",
    "diesel": "diesel دیزلی dizeli gasoil",
    "petrol": "petrol gasoline بنزینی benzini",
    "water": "آبی abi",
    # How it is driven.
    "manual": "manual دستی dasti",
    "hydraulic": "hydraulic هیدرولیکی hidroliki",
    "pneumatic": "pneumatic پنوماتیکی penumatiki",
}

QUALIFIERS: dict[str, str] = {
    word: value for value, words in _VALUES.items() for written in words.split() for word in [normalize(written)]
}
"""Normalized word → the value it names ("solar", "electric", ...)."""


def _neighbours(words: Sequence[str], at: int) -> set[tuple[int, str]]:
    """The words either side of ``words[at]``, tagged by side: English puts a qualifier before the thing
    ("solar water heater"), Persian after it («آبگرمکن خورشیدی»)."""
    found: set[tuple[int, str]] = set()
    if at > 0:
        found.add((-1, words[at - 1]))
    if at + 1 < len(words):
        found.add((1, words[at + 1]))
    return found


def contradicted(query: Sequence[str], texts: Iterable[str]) -> bool:
    """Whether a listing of ``texts`` (its names and aliases, normalized) gives the thing ``query`` (normalized
    words) names another value of a qualifier the query gives: the query's qualifier and a listing's one stand
    beside the same word on the same side, and no text of the listing holds the query's own value."""
    asked = {(QUALIFIERS[word], side, beside) for at, word in enumerate(query) if word in QUALIFIERS for side, beside in _neighbours(query, at)}
    if not asked:
        return False
    values = {value for value, _, _ in asked}
    other = False
    for text in texts:
        words = text.split()
        for at, word in enumerate(words):
            value = QUALIFIERS.get(word)
            if value is None:
                continue
            if value in values:
                return False
            other = other or any((asked_value, side, beside) in asked for asked_value in values for side, beside in _neighbours(words, at))
    return other
