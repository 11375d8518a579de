"""Word-level bridges between the ways people write one thing: script, spelling and language.

* :func:`skeleton` reduces a Persian word, or the same word typed in Latin letters ("Finglish"), to its
  consonants in one shared alphabet: ``کمربند`` and ``kamarband`` both become ``kmrbnd``. Finglish
  writers drop or guess the vowels, so vowels — and the letters that stand for them, ``ا و ی`` and
  ``a e i o u w v y`` — are left out on both sides; the letters Persian spells alike (``س ص ث``) fold
  together, as do the digraphs people type for one Persian letter (``kh``, ``gh``/``q``, ``sh``,
  ``ch``, ``zh``).
* :func:`fold` merges the Persian letters that sound alike (``ز ذ ض ظ``, ``س ص ث``, ``ت ط``, ``ه ح``,
  ``ق غ``): people mistype one for another.
* :func:`parse_synonyms` reads the curated synonyms file (``seed_data/synonyms.csv``): groups of words
  or phrases, in any language or script, that mean the same product.
* :func:`everyday_senses` reads «ماشین» as everyday Persian does: "car" after the noun it belongs to
  («لوازم یدکی ماشین») or alone, "machine" before the word that says what the machine does.
* :func:`align` derives a bilingual word lexicon from the catalog itself: the English and Persian
  names of one listing say the same thing, so words that keep appearing together across listings
  translate each other (Dice association over the parallel names).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .normalize import normalize

__all__ = ["align", "english_sounds", "everyday_senses", "fold", "is_latin", "parse_synonyms", "skeleton", "vowel_letters_agree"]

_PERSIAN_CONSONANTS = {
    "ب": "b", "پ": "p", "ت": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s", "ج": "j", "چ": "C",
    "ح": "h", "ه": "h", "خ": "X", "د": "d", "ذ": "z", "ز": "z", "ض": "z", "ظ": "z", "ر": "r",
    "ژ": "j", "ش": "S", "غ": "Q", "ق": "Q", "ف": "f", "ک": "k", "گ": "g", "ل": "l", "م": "m",
    "ن": "n",
}  # fmt: skip
# Each Persian letter typed as two Latin ones, and single Latin letters that stand for one.
_DIGRAPHS = re.compile(r"kh|gh|sh|ch|zh|ph|ck")
_DIGRAPH_SOUND = {"kh": "X", "gh": "Q", "sh": "S", "ch": "C", "zh": "j", "ph": "f", "ck": "k"}
_LATIN_CONSONANTS = {
    "b": "b", "p": "p", "t": "t", "s": "s", "j": "j", "h": "h", "d": "d", "z": "z",
    "r": "r", "q": "Q", "f": "f", "k": "k", "c": "k", "g": "g", "l": "l", "m": "m", "n": "n",
}  # fmt: skip
_LATIN_WORD = re.compile(r"^[a-z]+$")
_FOLD = str.maketrans({"ذ": "ز", "ض": "ز", "ظ": "ز", "ص": "س", "ث": "س", "ط": "ت", "ح": "ه", "غ": "ق"})


def is_latin(word: str) -> bool:
    """Whether a normalized word is written in Latin letters only (English, or Finglish)."""
    return bool(_LATIN_WORD.match(word))


def _collapse(letters: Iterable[str]) -> str:
    """Join the non-empty letters, writing one doubled by a stress mark or a typist once ("tt" → "t")."""
    out: list[str] = []
    for letter in letters:
        if letter and (not out or out[-1] != letter):
            out.append(letter)
    return "".join(out)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The consonants of a normalized Persian or Latin word in one alphabet ('' for other scripts)."""
    if is_latin(word):
        # A final "h" after a vowel writes the silent Persian ه ("daste", "dasteh").
        if len(word) > 2 and word.endswith("h") and word[-2] in "ae":
            word = word[:-1]
        # An x is ks, as in the loanwords Persian writes «کس» ("espandex", "amoxisilin", "girbox"); خ is typed kh.
        word = _DIGRAPHS.sub(lambda found: _DIGRAPH_SOUND[found.group()], word.replace("x", "ks"))
        return _collapse(_LATIN_CONSONANTS.get(letter, "") if letter.islower() else letter for letter in word)
    # A final ه is usually the vowel e ("دسته" is "daste").
    if len(word) > 2 and word.endswith("ه"):
        word = word[:-1]
    return _collapse(_PERSIAN_CONSONANTS.get(letter, "") for letter in word)


# Spellings English has and Finglish does not: a "c" that is no "ch", "w", "th", "ph", "qu", a doubled consonant, an
# ending of English grammar ("computer", "switching", "wall", "injection"). Finglish writes what it hears.
_ENGLISH_SPELLING = re.compile(r"c(?!h)|w|th|ph|qu|([bdfgklmnprt])\1|tion$|ing$")


def spelt_as_english(word: str) -> bool:
    """Whether a normalized Latin word is spelt as only English spells ("computer", "wedding", "injection"), so it
    is no Finglish whatever Persian word its consonants make."""
    return _ENGLISH_SPELLING.search(word) is not None


def vowel_letters_agree(latin: str, persian: str) -> bool:
    """Whether a Finglish word's "v" and "y" sounds have a و and a ی to stand for in the Persian word.

    Skeletons leave out و and ی (they are often vowels), so "varzeshi" and «ریزش» share one; but a
    Latin v or w is always written و, and a y that is not a vowel ی; and the other way round, a و is
    typed o, u, v or w, a ی i, y or e, and an alef after the first letter a (or e): "paint" is not «پوینت».
    """
    vav, yeh, alef = persian.count("و"), persian.count("ی"), persian[1:].count("ا")
    o_sounds = sum(map(latin.count, "ouvw"))
    i_sounds = sum(map(latin.count, "iye"))
    return (
        latin.count("v") + latin.count("w") <= vav <= o_sounds
        and latin.count("y") <= yeh <= i_sounds
        and alef <= latin[1:].count("a") + latin[1:].count("e")
    )


# How English spelling sounds where a Persian typist writes what they hear: "exchange" is «اکسچنج» (x is
# ks, g before e is j), "capacitor" «کپسیتور» (c before e, i, y is s), "injection" «اینجکشن» (-tion is
# shon), "gauge" «گیج» (a final ge is j), "switching" «سوئیچینگ» (tch is ch), "resin" «رزین» (s between
# vowels is z), "machine" «ماشین».
_ENGLISH_SOUNDS = (
    (re.compile(r"tch"), "ch"),
    (re.compile(r"[ts]ion"), "shon"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"(?<=n)g(?=e)|dg(?=e)|g(?=e$)"), "j"),
)
_VOICED_S = re.compile(r"(?<=[aeiou])s(?=[aeiou])")
_FRENCH_CH = re.compile(r"ch(?=[aeiou])")


def english_sounds(word: str) -> set[str]:
    """The consonants (see :func:`skeleton`) a Latin word may have when typed by its sound in Persian letters.

    Its spelling's own consonants, those of the sounds its letters make in English, with an s between
    vowels voiced ("resin"), and with a French "ch" ("machine").
    """
    spoken = word
    for pattern, sound in _ENGLISH_SOUNDS:
        spoken = pattern.sub(sound, spoken)
    variants = (word, spoken, _VOICED_S.sub("z", spoken), _FRENCH_CH.sub("sh", spoken))
    return {skeleton(variant) for variant in variants} - {""}


def fold(word: str) -> str:
    """The word with Persian letters that sound alike merged into one."""
    return word.translate(_FOLD)


def parse_synonyms(text: str) -> list[tuple[str, ...]]:
    """Groups of equivalent normalized terms from a ``terms,note`` CSV (``terms`` separated by ``;``).

    Rows with fewer than two distinct terms are ignored; a missing ``terms`` column raises ``ValueError``.
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames is None or "terms" not in reader.fieldnames:
        raise ValueError("synonyms file: the header must have a 'terms' column")
    groups: list[tuple[str, ...]] = []
    for row in reader:
        terms = dict.fromkeys(term for term in (normalize(part) for part in (row["terms"] or "").split(";")) if term)
        if len(terms) >= 2:
            groups.append(tuple(terms))
    return groups


def align(pairs: Iterable[tuple[Sequence[str], Sequence[str]]], *, least_count: int = 2, least_dice: float = 0.5) -> dict[str, set[str]]:
    """Words that translate each other, from parallel (English words, Persian words) name pairs.

    A pair of words is kept when it appears together in at least ``least_count`` pairs of names and
    its Dice coefficient (twice the co-occurrences over the two words' counts) is at least
    ``least_dice``, and each word is the other's best partner. The result maps every kept word to its
    partners, both ways.
    """
    together: Counter[tuple[str, str]] = Counter()
    english: Counter[str] = Counter()
    persian: Counter[str] = Counter()
    for en_words, fa_words in pairs:
        en_set, fa_set = set(en_words), set(fa_words)
        english.update(en_set)
        persian.update(fa_set)
        together.update((en, fa) for en in en_set for fa in fa_set)
    dice = {
        (en, fa): 2.0 * count / (english[en] + persian[fa])
        for (en, fa), count in together.items()
        if count >= least_count
    }
    best_en: dict[str, float] = {}
    best_fa: dict[str, float] = {}
    for (en, fa), value in dice.items():
        best_en[en] = max(best_en.get(en, 0.0), value)
        best_fa[fa] = max(best_fa.get(fa, 0.0), value)
    lexicon: dict[str, set[str]] = {}
    for (en, fa), value in dice.items():
        if value >= least_dice and value == best_en[en] and value == best_fa[fa]:
            lexicon.setdefault(en, set()).add(fa)
            lexicon.setdefault(fa, set()).add(en)
    return lexicon


# «ماشین» is the everyday word for a car, and also "machine". Persian puts the head noun first, so a
# machine is named by what follows it («ماشین لباسشویی», «ماشین ابزار», «ماشین آلات», «ماشین سازی»),
# while the car is the last word of its phrase, owning what comes before («لوازم یدکی ماشین»,
# «لنت ماشین») or standing alone. Finglish writers type it "mashin".
_CAR_SENSE = {"ماشین": "خودرو", "mashin": "khodro", "mashine": "khodro", "maashin": "khodro"}
# Words that make «ماشین» a machine even though they are need-statement fillers elsewhere.
_MACHINE_COMPOUND = frozenset(normalize(word) for word in "الات آلات ابزار سازی ساز کاری sazi saz alat abzar kari".split())


def everyday_senses(words: Sequence[str], fillers: frozenset[str]) -> list[str]:
    """``words`` (normalized) with «ماشین» written «خودرو» where it means a car.

    It means a car when no word follows it but ``fillers`` (the words of a need statement that name
    nothing, "میخوام"), and a machine when a word naming what the machine does follows.
    """
    out = list(words)
    for i, word in enumerate(words):
        car = _CAR_SENSE.get(word)
        if car is None:
            continue
        following = [other for other in words[i + 1 :] if other in _MACHINE_COMPOUND or other not in fillers]
        if not following:
            out[i] = car
    return out
