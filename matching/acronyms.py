"""Latin acronyms, codes and formulas: words Persian text writes as they are ("CNC", "PCB", "EPS", "NOx").

One definition for the engine and the bot: the engine does not read an acronym typed in capitals as Finglish
(«کمک» is not CMC), and the bot quotes or lists one to a Persian reader where it would leave an English word out.
"""

from __future__ import annotations

import re

ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,5}\b")
"""An acronym or code typed in capitals, digits allowed ("ICU", "EPS", "API", "R410")."""
# A chemical formula of two parts or more ("NOx", "HCl", "CoMo", "MgO"): Persian names it in Latin letters too.
# A single symbol ("Co", "In", "Re") is left out: it reads as an English word as often as an element.
_FORMULA = re.compile(r"(?:[A-Z][a-z]?\d*){2,}x?")
# A code that starts with its number ("6D" of API 6D, "3D", "4WD").
_CODE = re.compile(r"\d+[A-Z][A-Z0-9]*")
# A Latin word with the digits it is written with ("6D", "R410A"): a code is read whole, not as a stray letter.
_LATIN_WORD = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")


def is_acronym(word: str) -> bool:
    """Whether a Latin word is an acronym, code or formula Persian writes as it is, not an English word."""
    return any(pattern.fullmatch(word) is not None for pattern in (ACRONYM, _FORMULA, _CODE))


def latin_words(text: str) -> list[str]:
    """The Latin words of ``text``, each with the digits it is written with."""
    return _LATIN_WORD.findall(text)
