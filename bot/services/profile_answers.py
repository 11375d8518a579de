"""Typed answers to the /profile questions that offer buttons: a province, yes or no, items of a list, "skip".

People on phones type rather than hunt for a button among 31: «اصفهان», «esfahan», «نه», «تراشکاری، ریخته گری».
Each reader here takes the message as written (Persian with Arabic-keyboard letters, half-spaces or not, English,
Finglish, small typos) and says what it understood, or that it did not, never guessing between two provinces.

Pure functions over the curated lists (``seed_data/*.csv`` through :mod:`bot.services.profiles`): no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from rapidfuzz import fuzz

from bot.services.capabilities import load_processes
from bot.services.profiles import City, ListKind, choices, cities, process_words, provinces
from matching.normalize import normalize
from matching.smalltalk import Talk, small_talk

PROVINCE_CUTOFF = 80
"""Lowest similarity (0–100) at which a typed name is taken for a province: «اصفحان» (83) and ``tehrn`` (91) are,
``ilam`` for «گیلان» (67) is not."""
ITEM_CUTOFF = 85
"""The same for a process or a certification, whose names are longer (a typo weighs less in them)."""
MARGIN = 6
"""A runner-up this close to the best is a second candidate: the answer is asked again naming both."""
PART_OF_NAME = 90
"""The score of a typed name that is a whole word of a longer one («خراسان» in «خراسان رضوی»)."""

# Words around a province's name that do not name it: «استان اصفهان», "Isfahan province", "ostane tehran".
_PROVINCE_NOISE = frozenset({"استان", "ostan", "ostane", "province", "prov", "و", "va", "o", "and"})

# Ways Iranians write provinces in Latin letters besides the English names of seed_data/provinces.csv.
_PROVINCE_FINGLISH: dict[str, tuple[str, ...]] = {
    "ardabil": ("ardebil",),
    "bushehr": ("booshehr", "bushehr"),
    "chaharmahal_bakhtiari": ("chaharmahal bakhtiari", "chahar mahal bakhtiari", "chaharmahal"),
    "east_azerbaijan": ("azarbayjan sharghi", "azarbaijan sharghi", "azerbaijan sharghi", "azarbaijan sharqi",
                        "azarbayejan sharghi"),
    "gilan": ("guilan",),
    "hamadan": ("hamedan",),
    "isfahan": ("esfahan", "esfehan", "isfehan", "sepahan"),
    "khuzestan": ("khouzestan", "khoozestan", "khozestan"),
    "kohgiluyeh_boyer_ahmad": ("kohgiluyeh boyerahmad", "kohkiluyeh boyer ahmad", "kohgiloye boyerahmad",
                               "kohgiluyeh"),
    "kurdistan": ("kordestan", "kurdestan"),
    "lorestan": ("luristan",),
    "mazandaran": ("mazendaran",),
    "north_khorasan": ("khorasan shomali", "khorasane shomali"),
    "qazvin": ("ghazvin", "gazvin"),
    "qom": ("ghom", "gom"),
    "razavi_khorasan": ("khorasan razavi", "khorasane razavi"),
    "sistan_baluchestan": ("sistan baluchestan", "sistan balochestan", "sistan"),
    "south_khorasan": ("khorasan jonubi", "khorasane jonubi", "khorasan jonoobi"),
    "tehran": ("tehroon", "tehrun"),
    "west_azerbaijan": ("azarbayjan gharbi", "azarbaijan gharbi", "azerbaijan gharbi", "azarbayejan gharbi"),
}

# Yes and no as typed (normalized: «آره» is «اره», «نمی‌خوام» is «نمیخوام»). A message answers with its first word.
_YES = frozenset({
    "بله", "بلی", "اره", "اری", "بعله", "بلع", "اوهوم", "البته", "باشه", "حتما", "موافقم",
    "yes", "y", "yeah", "yep", "yup", "ye", "sure", "ok", "okay",
    "bale", "baleh", "bali", "areh", "ari", "albate", "bashe", "hatman", "baashe",
})
# Words that are a yes only as the whole answer («هست», "are" for «آره»): first in a longer message they begin a
# sentence or a question ("are investors able to see…", «هست یا نه»), which must never tick consent.
_YES_ALONE = frozenset({"هست", "هستش", "است", "هستیم", "میخوام", "میخواهم", "دارد", "داره", "ببینند", "ببینن",
                        "are", "hast", "hastim"})
_NO = frozenset({
    "نه", "خیر", "نخیر", "نیست", "نیستش", "نیستیم", "نمیخوام", "نمیخواهم", "نمیخواهیم", "ندارد", "نداره", "مخالفم",
    "خصوصی", "هرگز", "اصلا",
    "no", "n", "nope", "nah", "never", "private",
    "na", "nakheir", "nakheyr", "nakhair", "kheir", "kheyr", "nist", "nistim", "nemikham", "aslan",
})
# Whole answers whose words alone would mislead: «مشکلی نیست» holds a "no" but means "fine".
_YES_PHRASES = frozenset({"مشکلی نیست", "مشکل نیست", "اشکالی نیست", "اشکال نداره", "اشکال ندارد", "no problem",
                          "why not", "moshkeli nist"})
# Skips, the lead note's own ones too ("no note"): one vocabulary for every question the bot asks.
_SKIP = frozenset({"بعدا", "بعدا میگم", "بگذر", "رد", "رد کن", "رد شو", "فعلا نه", "فعلا بی پاسخ", "بی پاسخ",
                   "بدون یادداشت", "skip", "later", "pass", "next", "no note", "badan", "ba dan", "bedune yaddasht"})
# Typed at a list: "none of them" («نداریم»), which ends it with nothing ticked…
_NONE = frozenset({"نه", "خیر", "no", "هیچ", "هیچی", "هیچکدام", "هیچ کدام", "هیچکدوم", "ندارم", "نداریم", "ندارد", "نداره",
                   "none", "nothing", "hichi", "hichkodom", "nadarim", "nadaram"})
# …and "that's all" («همین»), the Done button: it ends the list with what is ticked, so with nothing ticked it
# says nothing yet (after words the bot did not know, it must not save an empty list as if none were meant).
_DONE = _NONE | frozenset({"تمام", "تموم", "همین", "همینا", "همین ها", "بسه", "کافیه", "کافی است", "تمومه", "تمامه",
                           "done", "finish", "finished", "that s all", "thats all", "no more",
                           "tamam", "tamoom", "hamin", "basse"})
# Between items of a typed list: commas (Persian and Latin), semicolons, new lines, slashes, plus signs.
_ITEM_SEPARATORS = re.compile(r"[,،;؛\n/+&|]")
# «و», "and", "va" also separate items, but only once a piece as a whole names nothing («آهنگری و فورج» does).
_AND = re.compile(r"(\s+(?:و|and|va)\s+)")


def _words(text: str) -> str:
    """``text`` normalized (:func:`matching.normalize.normalize`), with «می»/«نمی» joined to their verb."""
    return re.sub(r"(?:^| )(ن?می) ", lambda found: (" " if found.start() else "") + found[1], normalize(text))


@dataclass(frozen=True, slots=True)
class _Name:
    """One way of writing a choice: its words (noise dropped) and the same joined (spaced and unspaced compare)."""

    key: str
    words: tuple[str, ...]
    joined: str


def _name(key: str, text: str, noise: frozenset[str] = frozenset()) -> _Name | None:
    words = tuple(word for word in normalize(text).split() if word not in noise)
    return _Name(key, words, "".join(words)) if words else None


def _score(typed: _Name, known: _Name) -> float:
    if typed.joined == known.joined:
        return 100.0
    score = max(fuzz.ratio(typed.joined, known.joined), fuzz.token_sort_ratio(" ".join(typed.words), " ".join(known.words)))
    # A whole word of a longer name («آذربایجان», "khorasan") is a candidate, never a sure answer when it is
    # shared (the margin below then asks which one).
    if len(known.words) > len(typed.words) and all(len(word) >= 3 for word in typed.words) \
            and set(typed.words) <= set(known.words):
        score = max(score, PART_OF_NAME)
    return score


def _best(typed: _Name, names: Iterable[_Name], cutoff: float) -> list[str]:
    """The keys the typed name may mean, best first: one when it is clear, several when it is not, none when
    nothing is close enough."""
    scores: dict[str, float] = {}
    for known in names:
        scores[known.key] = max(scores.get(known.key, 0.0), _score(typed, known))
    ranked = sorted((score, key) for key, score in scores.items() if score >= cutoff)[::-1]
    if not ranked:
        return []
    top = ranked[0][0]
    if top == 100.0 and (len(ranked) == 1 or ranked[1][0] < 100.0):
        return [ranked[0][1]]
    return [key for score, key in ranked if score >= top - MARGIN]


# ------------------------------------------------------------------------------------------- provinces


@cache
def _province_names() -> tuple[_Name, ...]:
    names = []
    for item in provinces():
        spellings = (item.key.replace("_", " "), item.name_en, item.name_fa, *_PROVINCE_FINGLISH.get(item.key, ()))
        names += [found for text in spellings if (found := _name(item.key, text, _PROVINCE_NOISE))]
    return tuple(names)


# Words around a city's name that do not name it: «شهرستان کاشان», "Kashan city".
_CITY_NOISE = _PROVINCE_NOISE | {"شهرستان", "shahrestan", "city", "town"}


@cache
def _city_names() -> dict[str, City]:
    found: dict[str, City] = {}
    for city in cities():
        for text in (city.name_en, city.name_fa, *city.aliases):
            if (name := _name(city.province, text, _CITY_NOISE)) is not None:
                found.setdefault(name.joined, city)
    return found


def read_city(text: str) -> City | None:
    """The city of ``seed_data/cities.csv`` a typed answer names exactly (no typo: a city stands for a province
    only when it is surely that city): «کرج», ``Karaj``, ``asalouyeh``; None otherwise."""
    typed = _name("", text, _CITY_NOISE)
    return _city_names().get(typed.joined) if typed else None


def read_province(text: str) -> list[str]:
    """The provinces a typed answer may name: one key when it is clear, several when it could be any of them
    («خراسان»), none when it names no province."""
    typed = _name("", text, _PROVINCE_NOISE)
    return _best(typed, _province_names(), PROVINCE_CUTOFF) if typed else []


# ---------------------------------------------------------------------------------------------- yes/no


def read_yes_no(text: str) -> Literal["yes", "no"] | None:
    """Yes or no in Persian, English or Finglish («آره»، «نخیر»، ``bale``, ``nope``), said by the message's first
    word («آره یه خط خوابیده داریم»); None when the message is a question, starts with neither, or says both
    («بله یا نه؟»). (A skip, «بعداً», is :func:`is_skip`.)"""
    if "?" in text or "؟" in text:
        return None  # a question about the question («یعنی پروفایلم عمومی است؟») answers nothing
    plain = _words(text)
    if plain in _YES_PHRASES:
        return "yes"
    words = plain.split()
    if not words:
        return None
    # "are," with a comma is the Finglish «آره،» answering («are, nesfe zarfiat khabide az sale 1402», a user trial):
    # a sentence or question that begins with "are" or «هست» goes on without one.
    yes_words = _YES | _YES_ALONE if len(words) <= 2 or _ANSWER_THEN_COMMA.match(text) else _YES
    first_yes, first_no = words[0] in yes_words, words[0] in _NO
    if first_yes and not set(words) & _NO:
        return "yes"
    if first_no and not set(words) & yes_words:
        return "no"
    return None


_ANSWER_THEN_COMMA = re.compile(r"^\s*[^\s,،]+\s*[,،]")
# Asking to delete, as typed at "Delete your profile?": «پاکش کن», «حذف کن», ``pak kon``, "delete it".
_DELETE = re.compile(r"^(?:(?:are|areh|اره|بله|yes|bale)\s+)?(?:پاک|پاکش|حذف|حذفش|pak|pakesh|hazf|hazfesh|delete|remove)"
                     r"(?:\s+(?:کن|کنید|بشه|شود|kon|konid|beshe|it))?$")


def read_delete(text: str) -> Literal["yes"] | None:
    """Whether the message asks to go ahead with a deletion (``are pak kon``, «حذف کن», "delete it")."""
    return "yes" if _DELETE.match(_words(text.strip(" .!"))) else None


_FIRST_WORD = re.compile(r"^\s*[^\s,،.:;!]+[\s,،.:;!]*")


def after_first_word(text: str) -> str:
    """What a yes or no says after its first word: «آره، از مهر ۱۴۰۲» is «از مهر ۱۴۰۲» (the date of an idle unit's
    yes), "no" alone is nothing."""
    return _FIRST_WORD.sub("", text, count=1).strip()


def is_skip(text: str) -> bool:
    """Whether the message asks to leave the question unanswered («بعداً», «بگذر», "skip")."""
    return _words(text) in _SKIP


def is_refusal(text: str) -> bool:
    """Whether the message declines what the bot asked, in any language: a skip («بگذر», "later"), "none"
    («ندارم», ``nadaram``), or a no alone or with thanks ("no thanks", «نه مرسی», ``na mersi``, «خیر ممنون»).

    One vocabulary for every language: the note question took «نه مرسی» as a skip but saved ``na mersi`` as a note."""
    plain = _words(text.strip(" .!؟?"))
    if plain in _SKIP or plain in _NONE:
        return True
    first, _, rest = plain.partition(" ")
    if first not in _NO and first not in _NONE:
        return False
    return not rest or small_talk(rest) is Talk.THANKS


# ---------------------------------------------------------------------------------------------- lists


@cache
def _item_names(kind: ListKind) -> tuple[tuple[_Name, ...], dict[str, str]]:
    """The names of a list's items to compare typed words with (fuzzily), and the exact-only words: each
    process's own keywords that no other process shares («تراشکاری», ``rikhtegari``)."""
    names: list[_Name] = []
    for item in choices(kind):
        texts = [item.key.replace("_", " "), item.name_en, item.name_fa]
        for whole in (item.name_en, item.name_fa):
            # "Casting (sand, die and investment)": the name alone and each of its parts name it too.
            texts += [part for part in re.split(r"[()/,،]|\s+(?:و|and)\s+", whole) if len(part.strip()) >= 3]
            texts += re.findall(r"[0-9۰-۹]{4,5}", whole)  # "9001" for ISO 9001
        names += [found for text in texts if (found := _name(item.key, text))]
    owners: dict[str, set[str]] = {}
    typed_words: dict[str, str] = {}
    if kind == "processes":
        for process in load_processes():
            for keyword in process.keywords:
                owners.setdefault("".join(normalize(keyword).split()), set()).add(process.key)
        # The words people type for a process (Finglish, trade words): exact, and near enough for a typo.
        for key, words in process_words().items():
            names += [found for word in words if (found := _name(key, word))]
            typed_words |= {"".join(normalize(word).split()): key for word in words}
    exact = {word: next(iter(keys)) for word, keys in owners.items() if len(keys) == 1 and word} | typed_words
    # «رنگ کاری», «رنگکاری» for the keyword «رنگ‌آمیزی»: a Persian says «…کاری» (work) for «…آمیزی» (applying).
    exact |= {word.removesuffix("امیزی") + "کاری": key for word, key in list(exact.items())
              if word.endswith("امیزی") and len(word) > 5 and word.removesuffix("امیزی") + "کاری" not in owners}
    return tuple(names), exact


@dataclass(frozen=True, slots=True)
class Picked:
    """What a typed list answer says: the keys it names (in the order typed), the pieces that name nothing (as
    typed), and whether it ends the list («تمام», "done", «نداریم»)."""

    keys: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    done: bool = False
    none: bool = False
    """The message says the unit has none of them («نداریم», "none"), not only that the list is done."""


# Words around a typed item that name none: «iso 9001 darim faghat» (a user trial) is ISO 9001.
_ITEM_FILLER = frozenset({"داریم", "دارم", "داره", "دارد", "فقط", "هم", "همه", "ما", "گواهی", "گواهینامه",
                          "darim", "daram", "dare", "faghat", "fagat", "ham", "ma", "only", "just", "we", "have", "also",
                          "certificate", "certified"})


def _one_item(kind: ListKind, piece: str, *, exactly: bool) -> str | None:
    """The item ``piece`` names; ``exactly``: only by a whole name, key or keyword (no typo, no part of a name)."""
    typed = _name("", piece, _ITEM_FILLER)
    if typed is None:
        return None
    names, keywords = _item_names(kind)
    if typed.joined in keywords:
        return keywords[typed.joined]
    if exactly:
        found = {known.key for known in names if known.joined == typed.joined}
        return found.pop() if len(found) == 1 else None
    best = _best(typed, names, ITEM_CUTOFF)
    return best[0] if len(best) == 1 else None


def _split_and(kind: ListKind, piece: str) -> tuple[list[str], list[str]]:
    """The items of a piece that «و» or "and" may join: the longest runs that are an item's exact name first
    («آهنگری و فورج» is one process), then each part alone (typos allowed). Returns (keys, parts naming none)."""
    parts = _AND.split(piece)  # [part, joiner, part, joiner, part…]: the joiners are kept to rebuild a run
    count = (len(parts) + 1) // 2
    keys: list[str] = []
    unknown: list[str] = []
    start = 0
    while start < count:
        for end in range(count, start, -1):
            run = "".join(parts[2 * start: 2 * end - 1])
            key = _one_item(kind, run, exactly=end - start > 1)
            if key is not None or end == start + 1:
                break
        if key is not None:
            keys.append(key)
        elif normalize(run):
            unknown.append(run.strip())
        start = end
    return keys, unknown


def read_items(kind: ListKind, text: str) -> Picked:
    """The processes or certifications a typed message names, one or more, separated by commas («،»), «و»,
    "and" or new lines; Persian or English names, keys, or (processes) their own keywords, small typos allowed."""
    keys: list[str] = []
    unknown: list[str] = []
    done = none = False
    for piece in (part.strip() for part in _ITEM_SEPARATORS.split(text)):
        if not normalize(piece):
            continue
        if _words(piece) in _DONE:
            done, none = True, none or _words(piece) in _NONE
            continue
        found, missing = _split_and(kind, piece)
        keys += [key for key in found if key not in keys]
        unknown += missing
    return Picked(keys, unknown, done, none)
