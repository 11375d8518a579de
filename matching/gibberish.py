"""Keyboard mash: messages typed by hitting keys, not words («asdfgh», «ضصثقف», "12345", "jjjjj").

A search nothing answers is counted as unmet demand, and the user is told it was recorded for the program.
For a mash neither is true: the ministry would read «شسیبلات» as a need, and the user would be told it was
noted. :func:`keyboard_mash` tells such a message apart. It is meant for a message the catalog answered
with nothing at all — it knows no product names, so a real acronym it does not know ("GNSS" typed in
lower case) could be taken for a mash; a catalog match always wins.

A message is a mash when at least one of its pieces (runs of letters, runs of digits) is a mash and every
other piece is too short to mean anything (one or two characters). A piece with two capitals is typed the way
acronyms and numerals are ("MLCC", "SSDs", "III"), never a mash; any other piece is a mash when it is

* one character repeated («ههههه», "zzzzzz"), a digit at least four times ("0000"; "10,000" is a number);
* a walk along one keyboard row ("asdf", "qwerty", «ضصثق», "12345"), every step to a neighbouring key: at
  least three keys for Latin letters and digits, four for Persian letters (the Persian home row spells
  «سیب» and «بلا»). Two Latin walks on one row, six keys or more, are one ("asd" + "kjh"); otherwise a walk
  that strays is a word: "power" and «المنت» are walks but for one step;
* four or more Latin letters without a vowel ("xkcd", "ksjdhf"; ``y`` counts as a vowel);
* eight or more Persian letters made of at most three distinct ones («سیبسبیسبیسب»); Latin words
  ("dandan", "banana") and HS codes ("401110") repeat that much.
"""

from __future__ import annotations

import re
import unicodedata

from .keyboard import KEYS

__all__ = ["keyboard_mash"]

_ARABIC = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_ANY_DIGIT = re.compile(r"\d")  # Persian and Arabic-Indic digits too
_PIECES = re.compile(r"[^\W\d_]+|\d+")
_VOWELS = frozenset("aeiouy")


def _neighbours(a: str, b: str) -> bool:
    row_a, column_a = KEYS.get(a, (-1, -1))
    row_b, column_b = KEYS.get(b, (-2, -2))
    return row_a == row_b and abs(column_a - column_b) == 1


def _walk(piece: str) -> bool:
    steps = len(piece) - 1
    shortest = 3 if piece.isascii() else 4
    if len(piece) < shortest:
        return False
    if piece.isdigit():  # "12345", "۹۸۷۶": one way along the row; "767" and "32,767" are numbers
        columns = [KEYS[digit][1] for digit in piece]
        return len({b - a for a, b in zip(columns, columns[1:])}) == 1 and abs(columns[1] - columns[0]) == 1
    along = sum(_neighbours(a, b) for a, b in zip(piece, piece[1:]))
    one_row = len({KEYS.get(key, (-1, 0))[0] for key in piece}) == 1
    return along == steps or (piece.isascii() and one_row and len(piece) >= 6 and along >= steps - 1)


def _mash(piece: str, typed: str) -> bool:
    if sum(ch.isupper() for ch in typed) >= 2:  # "MLCC", "SSDs", "III": acronyms and numerals are typed so
        return False
    if len(piece) >= (4 if piece.isdigit() else 3) and len(set(piece)) == 1:
        return True
    if _walk(piece):
        return True
    if piece.isascii() and piece.isalpha() and len(piece) >= 4 and not _VOWELS & set(piece):
        return True
    return not piece.isascii() and len(piece) >= 8 and len(set(piece)) <= 3


def keyboard_mash(text: str) -> bool:
    """Whether ``text`` is keys hit at random rather than words (see the module docstring).

    >>> keyboard_mash("asdfgh"), keyboard_mash("ضصثقف"), keyboard_mash("12345"), keyboard_mash("qwe rty")
    (True, True, True, True)
    >>> keyboard_mash("brake pads"), keyboard_mash("سیب"), keyboard_mash("8413"), keyboard_mash("MLCC")
    (False, False, False, False)
    """
    folded = _ANY_DIGIT.sub(lambda digit: str(int(digit.group())), unicodedata.normalize("NFKC", text).translate(_ARABIC))
    pieces = [(piece.lower(), piece) for piece in _PIECES.findall(folded)]
    meaningful = [(piece, typed) for piece, typed in pieces if len(piece) > 2]
    return bool(meaningful) and all(_mash(piece, typed) for piece, typed in meaningful)
