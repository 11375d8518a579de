"""A search index over listings that answers free-text needs in Persian or English, or an HS code.

How a query is answered:

1. The query is normalized and the words of a need statement that name no product ("I want to
   invest in", "تولید") are dropped.
2. Each remaining word is looked up in the vocabulary of the catalog: exactly, with up to one or two
   typing errors (a deletion index finds one-edit neighbours, character trigrams find the rest, and
   the optimal-string-alignment distance decides), as the beginning of a longer word, and joined with
   its neighbour or split in two, because Persian writers join, space and half-space the same word.
   A word is never taken for a filler word it resembles.
3. The listings whose names or aliases hold a matched word are the candidates; the postings of
   every field give how much of the query each covers, every word weighted by its rarity in the
   catalog (inverse document frequency).
4. The best candidates are re-ranked by how much of their closest name the query covers, so the
   listing *named* by the query comes before one that merely mentions the words.

Nothing here scans every string: the work per query grows with the number of documents that share
its words, not with the size of the catalog.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import filterfalse, permutations, product, repeat, takewhile
from operator import add, itemgetter
from typing import Literal

from rapidfuzz.distance import OSA

from .fillers import (
    DEVICE_WORDS,
    EVERYDAY_HEADS,
    EXAMPLE_WORDS,
    FAMILY_QUALIFIERS,
    FILLER_SKELETONS,
    FILLERS,
    GENERIC,
    GENERIC_SKELETONS,
    PART_WORDS,
    PLACE_WORDS,
    PURPOSE,
    SECTOR_ASKING,
    SECTOR_SCOPE,
    WORKPLACES,
    service_need,
)
from .keyboard import PERSIAN_TO_LATIN
from .acronyms import is_acronym, latin_words
from .lexicon import align, english_sounds, everyday_senses, fold, is_latin, skeleton, spelt_as_english
from .lexicon import vowel_letters_agree as _vowel_letters_agree
from .normalize import normalize, spelt_acronyms, spelt_out, without_madda
from .qualifiers import QUALIFIERS, contradicted
from .smalltalk import small_talk

__all__ = ["Document", "Field", "Index", "Lookup", "Match", "list_items", "parse_hs_query", "parse_listing_code"]

FieldName = Literal["name_en", "name_fa", "alias", "description", "sector", "hs_code"]

# How much a word found in each kind of field counts towards covering the query.
_FIELD_STRENGTH: dict[str, float] = {
    "name_en": 1.0,
    "name_fa": 1.0,
    "alias": 1.0,
    "sector": 0.45,
    "description": 0.45,
}
# Fields whose words make a listing *named* by the query; the others only support it.
_NAME_FIELDS = ("name_en", "name_fa", "alias")
_SUPPORTING_FIELDS = tuple(name for name in _FIELD_STRENGTH if name not in _NAME_FIELDS)
# The share of the query a listing must cover to be scored on coverage (see Index._score).
_MIN_SHARE = 0.6
# Inflections and colloquial endings ("لاستیکه", "پمپا"); "ه" and "ا" are also the last letters of
# many stems, so a stem of three letters found this way is only a guess ("پسته" is not "پست").
# «آلات» is the plural of a trade's goods: «شیرآلات» (valves), «یراق‌آلات» (fittings).
_SUFFIXES = ("هایی", "های", "ها", "ترین", "تر", "الات", "ای", "ی", "ان", "ات", "ه", "ا", "es", "s")
_PLURALS_FA = ("هایی", "های", "ها", "الات")
_PLURALS = frozenset(("s", "es", *_PLURALS_FA))
# ... and the endings a Persian filler takes: those, and the colloquial possessives ("your", "our", "their").
_FILLER_SUFFIXES = tuple(suffix for suffix in _SUFFIXES if not suffix.isascii()) + ("تون", "مون", "شون", "ش")
# Similarity from which a word counts as the listing's own word rather than a guess at a typo.
_SURE = 0.94
# Similarity from which a word may make a match *confident*; below it (a typo in a short word, a
# stem of three letters, a word only as long as a prefix) it only suggests a related listing, unless
# another word of the query is found in the same name ("disc break pads").
_TRUSTED = 0.85
# Below this share of a name's words (by rarity), the query names something else that shares a word.
_NAME_FIT = 0.5
# The score from which a listing is suggested as related.
_RELATED = 55.0
# How much a word from the curated synonyms file, and one from the lexicon the catalog's parallel
# names teach, is worth.
_SYNONYM = 0.96
_ALIGNED = 0.86
# A word read in another sense than written (a final «ماشین», a car) still stands for itself this surely.
_AS_WRITTEN = 0.9
# A word two words joined («dandanpezeshki») splits into halves of at least this many letters, each read a
# little less surely than if typed apart.
_LEAST_HALF = 4
_HALF = 0.9
# Words that may precede an HS code: "HS 8413.70", "kode tarefe 8483", «کد گمرکی ۱۰۰۵.۱۰», «ردیف تعرفه».
_HS_WORDS = frozenset(
    normalize(word)
    for word in """hs code codes kode kod tariff tarif tarefe tarefeh tariffe customs gomroki gomrok radif heading
    subheading number no line item goods kala kalaye کالا کالای کد تعرفه گمرکی گمرک ردیف شماره اچ اس کدتعرفه تعرفهای hscode
    chapter فصل سرفصل fasl sarfasl""".split()
)
# («فصل ۸۷۰۸», «سرفصل ۸۴۱۳»: Persian customs wording calls a heading of four digits a «فصل», chapter, or
# «سرفصل»; a number of four digits or more after it is a code, as after "heading".)
# Words asking for a code's trade figures ("8517.62 import volume?", «854460 چقدر واردات داره»): beside a
# code and only question words they ask about that code, as a bare code does. "import" and «واردات» are
# fillers already; these are the figures asked for.
_HS_FIGURES = frozenset(
    normalize(word)
    for word in """volume volumes value values amount quantity statistics stats figures data export exports
    چقدر چقد چه‌قدر حجم میزان آمار ارزش مقدار صادرات cheghadr cheghad cheqadr chegadr hajm mizan amar arzesh meghdar
    saderat""".split()
)
_MAX_CANDIDATES = 32
# A word with typing errors is this much less similar per error, and has at most this many. A typo
# in a long word is still that word; in a short one it may be another word ("paint", "point").
_LONG_EDIT_COST = 0.05
_LONG_WORD = 6
_MOST_EDITS = 3
# The least similarity a matched word has (every kind of match gives at least this). Even so, a
# word found in a name counts more than one found only in a supporting field: Index._score relies on it.
_LEAST_SIMILARITY = 0.8
assert _LEAST_SIMILARITY * min(_FIELD_STRENGTH[name] for name in _NAME_FIELDS) > max(
    _FIELD_STRENGTH[name] for name in _SUPPORTING_FIELDS
)
# The score from which a match is shown at all; tuned on tests/matching/eval (unrelated queries score below).
_CONFIDENT = 65.0
# How much a query word the catalog does not know counts: moderately, for long messages are full of them.
_UNKNOWN_WEIGHT = 2.0
_SUPPORTING_STRENGTH = max(_FIELD_STRENGTH[name] for name in _SUPPORTING_FIELDS)
# A name inside a long message makes a confident match when its words weigh this much (rarity):
# common words are too easily there by chance.
_CONTAINED_WEIGHT = 4.0
# ... in a message of this many words at least (shorter ones name the listing, or do not).
_CONTAINED_QUERY = 4
# A name makes a long message's listing confident when the message holds this share of it (by rarity).
_CONTAINED_SHARE = 0.8
# A related suggestion covers this share of the query, words the catalog does not know weighing fully.
_RELATED_SHARE = 0.5
# A description holding this many of the query's words, this much of it, makes a related suggestion.
_DESCRIBED_WORDS = 2
_DESCRIBED_SHARE = 0.3
# A word in at most this many descriptions (or 0.2% of them) may bring a listing in as related.
_RARE_DESCRIPTION_WORD = 40
# Listings whose parallel names teach the lexicon.
_ALIGNED_LISTINGS = 5_000
# A message of this many words at least may describe what a product does rather than name it ("the
# small computer under the hood that manages ignition timing"): its rarer words are looked for in
# every listing's names and descriptions together (see Index._described).
_DESCRIBING_QUERY = 6
# ... and a listing holding this many of them, weighing this much (rarity), is suggested as related,
# with those weighing at least this share of the best one's.
_DESCRIBING_WORDS = 2
_DESCRIBING_WEIGHT = 6.0
_DESCRIBING_SHARE = 0.5
# The most listings such a description suggests, and the related score of the best one; they rank
# after the listings the query's words name (whose related scores start at _RELATED).
_DESCRIBING_LISTINGS = 3
_DESCRIBING_SCORE = 50.0
# A description holding this many of the query's rare words, weighing this much and this many times as
# much as the next listing's, names the listing confidently (see Index._dominates) at this score.
_DOMINANT_WORDS = 3
_DOMINANT_WEIGHT = 11.0
_DOMINANT_MARGIN = 1.3
_DOMINANT_SCORE = 70.0
# ... and overrules the one listing a describing sentence of at most this many words names by a word or
# two of it, when that listing's own evidence is under the best one's by the same margin.
_DESCRIBING_SENTENCE = 24
# A sentence that says what a product does through a relative clause ("the module that inflates in front
# of the driver", «وسیله‌ای که ضربان قلب رو تنظیم میکنه») and names nothing confidently names the listing
# whose description holds its rare words best, when that evidence leads the next listing's by this much
# (a near tie is two candidates: both stay suggestions); see Index._clause_describes. At this score, under
# the listings a query names by their names.
_CLAUSE_WORDS = frozenset(normalize(word) for word in "that which که ke keh".split())
_CLAUSE_LEAD = 1.1
_CLAUSE_SCORE = _CONFIDENT + 1.0
# The noun a describing clause follows is one of its first words ("the substance that", «ماده‌ای که»).
_CLAUSE_HEAD_WORDS = 3
_INDEFINITE = normalize("ای")
# A name rendered word by word has as many words as a name, a few (see Index._rendered_name).
_RENDERING_WORDS = 6
_LEAST_RENDERED_SOUND = 3
# A family qualified by a sector or a material is named in a few words (see Index._qualified_family).
_QUALIFIED_WORDS = 4
_QUALIFIED_SCAN = 200
# A message longer than a describing sentence (an introduction naming several listings) is about the one
# of its confident listings whose names and description hold most of its rare words, when that evidence
# leads the first one's by this much; see Index._focus.
_FOCUS_LEAD = 1.0
# English typed by its sound in Persian letters (see Index._typed_by_sound): queries of this many words,
# with this many consonants at least; and what brackets hold in a name (an acronym, a size), left aside.
_TYPED_BY_SOUND = (2, 6)
_TYPED_BY_SOUND_CONSONANTS = 5
_BRACKETED = re.compile(r"\([^)]*\)")
# A bracket closing a name: "Blowout preventer (BOP)".
_TRAILING_BRACKET = re.compile(r"\(([^()]*)\)\s*$")
_TYPED_BY_SOUND_TRIES = 5_000
# Spoken Persian verb endings and their written forms («میرسونه» → «رساند», «میکنن» → «کنند»).
# A family (see Index._family): its head noun heads both an English and a Persian name of this many
# listings at least, and has this many letters at least.
_FAMILY_LISTINGS = 2
_FAMILY_LETTERS = 3
# How surely a family need names each of its listings: one whose own name (English or Persian) the family
# noun heads is one of the family ("Pressure safety valve"); one only an alias puts in it is one by a part
# or a use ("Wellhead and Christmas tree", alias "christmas tree valve"), less surely what was asked for.
_FAMILY_NAMED = 85.0
# Words that multiply the number before them («۲۴ هزار», "18 thousand", "5k"): with it, a quantity.
_NUMBER_WORDS = frozenset(normalize(word) for word in "هزار میلیون میلیارد تن thousand million billion k hezar milion".split())
# A further sector a list names scores this much less than the one before it (see Index._item_sectors).
_SECTOR_STEP = 0.1
# The HS chapter of machinery: a sector's listings under it are its machines ("farm machinery").
_MACHINE_CHAPTER = "84"
# The headings of chapter 84 that hold a machine's parts and components, not machines a works owns: engine parts
# (8409), hydraulic and pneumatic motors and cylinders (8412), parts of other headings' machines (8431, 8448, 8466,
# 8473, 8487), taps and valves (8481), bearings (8482), gears and shafts (8483), gaskets (8484).
_COMPONENT_HEADINGS = frozenset({"8409", "8412", "8431", "8448", "8466", "8473", "8481", "8482", "8483", "8484", "8487"})
_FAMILY_ALIASED = 72.0

def _machine_code(hs_code: str) -> bool:
    """Whether an HS code (digits) is a machine's: chapter 84, none of its headings of parts and components."""
    return hs_code.startswith(_MACHINE_CHAPTER) and hs_code[:4] not in _COMPONENT_HEADINGS


# Digits of an HS code that, beside a product's name, need no tariff word (see Index._search_hs_named).
_HS_SUBHEADING = 6

_SPOKEN_ENDINGS = (("ونه", "اند"), ("ونن", "انند"), ("ه", "د"), ("ن", "ند"))


# A document's names (field name, term ids), the term ids of its names, supporting fields and
# descriptions, and the most times one word occurs in one of its names (see Index._structure).
_Layout = tuple[list[tuple[str, "array[int]"]], frozenset[int], frozenset[int], frozenset[int], int]
# Posting lists at least this long are compared with the others, to keep equal ones once (see Index._compact).
_SHARED_POSTINGS = 64
# How many documents' layouts are kept.
_LAYOUTS = 16_384
# A word in more listings than this tells no sector of its own (see Index._word_sectors).
_SECTOR_SIGN_LISTINGS = 64

# A Persian privative prefix joined by a half-space to the word it negates: «بی‌سیم» (wireless) is
# no «سیم» (wire), «پارچه بی‌بافت» (nonwoven) no weaving. The normalizer splits the compound in two words.
_PRIVATIVE = ("بی", "نا")
_BOUND = re.compile(f"(?:^|(?<=\\s))(?:{'|'.join(_PRIVATIVE)})\u200c(\\w+)")


@dataclass(frozen=True, slots=True)
class Field:
    """One searchable text of a document, e.g. its English name or one alias."""

    name: FieldName
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """Something the index can find: a product listing or a sector desk.

    ``key`` identifies it to the caller (a product or desk code). ``hs_code`` holds digits only.
    ``weight`` breaks ties between equally good matches (e.g. the annual import value). ``sector`` is the key of
    its sector, shared by the listings and the desks of one sector (a sector may have several desks).
    """

    kind: Literal["product", "desk"]
    key: str
    fields: tuple[Field, ...]
    hs_code: str | None = None
    weight: float = 0.0
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """A confident match: the document, a score from 0 to 100 and what matched."""

    kind: Literal["product", "desk"]
    key: str
    score: float
    field: str
    matched: str

    @property
    def why(self) -> str:
        """A short explanation for people, e.g. ``name_en: Brake pad set``."""
        return f"{self.field}: {self.matched}"


@dataclass(frozen=True, slots=True)
class Lookup:
    """The two tiers of an answer: confident matches, and related listings that plausibly fit."""

    confident: list[Match]
    related: list[Match]
    # The sectors a list names each as a whole ("auto parts and home appliances"), in the order named, when it names
    # two or more; their desks are among the confident matches, and the caller lists each sector's listings.
    sectors: tuple[str, ...] = ()


def parse_hs_query(query: str) -> str | None:
    """Return the digits of ``query`` when it asks about an HS code of 4 to 10 digits, else ``None``.

    The code may be written with dots and spaces (``"8413.70"``, ``"8413 70"``) in Latin or Persian
    digits, with words naming a tariff code next to it in any language or script, even glued to it
    (``"HS 8413.70"``, ``"kod-e hs 2941.10"``, «کدتعرفه ۸۴۸۴۱۰») and with words that only ask around
    it (``"hs 841810 chiye?"``, «تعرفه 9022.90 چیه»). Any other word ("pump 8413") makes it no HS
    query, unless a tariff word stands right next to the digits.
    """
    words = _LETTERS_DIGITS.sub(" ", normalize(query)).split()
    digit_positions = [i for i, word in enumerate(words) if word.isdigit()]
    if not digit_positions:
        return None
    first, last = digit_positions[0], digit_positions[-1]
    if last - first + 1 != len(digit_positions):
        return None  # two numbers apart: a quantity and a year, not one code
    digits = "".join(words[first : last + 1])
    if not 4 <= len(digits) <= 10:
        return None
    around = words[:first] + words[last + 1 :]
    tariff_next = (first > 0 and words[first - 1] in _HS_WORDS) or (last + 1 < len(words) and words[last + 1] in _HS_WORDS)
    if tariff_next or all(word in _HS_WORDS or word in _HS_FIGURES or word in FILLERS or word in _EZAFE for word in around):
        return digits
    return None


# Where letters and digits touch ("hs841810", «کدتعرفه۸۴۸۴۱۰»): a code glued to the word naming it.
_LETTERS_DIGITS = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
# A listing code typed as a message: "AUT-012", "aut-12", "AUT 012", "aut012", «AUT-۰۱۲» (digits are
# normalized first). Letters, an optional separator, digits; nothing else.
_LISTING_CODE = re.compile(r"([a-z]{2,5})[\s_-]*(\d{1,4})")


# A code typed while the Persian layout is active comes out in Persian letters on the same keys («شعف-8» is "AUT-8").
_PERSIAN_KEYS = str.maketrans(PERSIAN_TO_LATIN)
# Consonants a Latin need has in all to be told Finglish (Index.finglish), as a Persian name is recognised whole.
_FINGLISH_CONSONANTS = 4
# A letter of the Arabic script: text holding one is Persian, whatever Latin words it has.
_PERSIAN_LETTER = re.compile(r"[\u0600-\u06ff]")
_PERSIAN_CODE = re.compile(r"([\u0600-\u06ff]{2,5})[\s_-]*(\d{1,4})")


def parse_listing_code(text: str) -> tuple[str, int] | None:
    """The (upper-case letters, number) of a text that is a listing code and nothing else, else ``None``.

    Leading zeros and the separator do not matter: "aut-12" and "AUT 012" are both ``("AUT", 12)``. A code
    typed on the Persian keyboard layout, its letters on the keys of the Latin ones, is read as those keys
    («شعف-8» is "AUT-8"): only a text shaped as a code (a few letters, then a number), and only when every
    letter is on a key of a Latin letter; an ordinary Persian word is never a code unless a listing's code is
    typed so (callers look the code up).
    """
    normalized = normalize(text).replace(" ", "-")
    persian = _PERSIAN_CODE.fullmatch(normalized)
    if persian is not None:
        normalized = persian.group(1).translate(_PERSIAN_KEYS) + "-" + persian.group(2)
    found = _LISTING_CODE.fullmatch(normalized)
    if found is None:
        return None
    return found.group(1).upper(), int(found.group(2))


# The Persian ezafe as Finglish writers type it after a hyphen ("kod-e hs"), and a tariff word that
# normalization splits or glues («کدتعرفه»).
_EZAFE = frozenset({"e", "ye"})
# The Finglish words for industry, before the name of one ("sanaye ghazayi", food industry).
_FINGLISH_INDUSTRY = frozenset({"sanaye", "sanayeh", "sanayee", "sanaie", "sanat", "sanaat", "sanate", "sanaate"})


# Where a message is cut into pieces that may each name a product: sentence and list punctuation, and
# the words that join items of a list.
# The most words an item of a list has on average; pieces longer than that are clauses.
_LIST_ITEM_WORDS = 3
# Words that join the items of a list: a message holding one may name several products.
_LIST_WORD = re.compile(r"(?:^|\s)(?:and|or|va|ya|و|یا|&)(?:\s|$)", re.IGNORECASE)
_PIECE_BREAK = re.compile(r"[.,،;؛!?؟\n:()/]+|\s(?:and|or|va|ya|و|یا|&)\s", re.IGNORECASE)


# «آلات» typed apart from its noun («شیر آلات», valves) is still its plural ending, but «ماشین آلات» is machinery
# (a name of the catalog), not cars.
_TRADE_PLURAL = "الات"
_TRADE_PLURAL_KEPT = frozenset(normalize(word) for word in "ماشین ابزار".split())


def _read(text: str) -> str:
    """A query normalized, with «آلات» written apart from its noun joined to it again: «شیر آلات» → «شیرالات»."""
    words = normalize(text).split()
    if _TRADE_PLURAL not in words[1:]:
        return " ".join(words)
    read: list[str] = []
    for word in words:
        if word == _TRADE_PLURAL and read and read[-1] not in _TRADE_PLURAL_KEPT and not is_latin(read[-1]):
            read[-1] += word
        else:
            read.append(word)
    return " ".join(read)


def _senses(said: Sequence[str]) -> list[tuple[str, str]]:
    """Each word of a query as read (a final «ماشین» is a car, see :func:`everyday_senses`) and as written.

    Both count: «لنت ماشین» is brake pads for a car, and a listing named with the very word written ("mashin
    aaaa") is still named by it, whatever order the words come in."""
    return list(zip(everyday_senses(said, FILLERS), said))


def _pieces(query: str) -> list[str]:
    """The pieces of a query between punctuation and list conjunctions (one piece when there are none)."""
    return [piece for piece in (part.strip() for part in _PIECE_BREAK.split(query)) if piece]


# Words of a company's story, not of a product: a piece holding one («از سال ۱۳۸۵ فعالیت داره», "with 15 years of
# experience") tells who writes, so it is no item of a list (the message is still searched whole).
_BACKGROUND = frozenset(normalize(word) for word in """
سال سالها سالهاست سابقه فعالیت فعال پرسنل کارمند کارکنان نفر نفره ظرفیت تاسیس تاسیسات مشتری مشتریان مشتریامون
since years year experience staff employees employee people workers capacity founded established customers clients
sal saal sabeghe faaliat faliat fa'aliat personel nafar zarfiat tasis moshtari moshtarian
""".split())


def list_items(query: str) -> list[str]:
    """The items of a message listing several products («لنت ترمز و کمک فنر و رادیاتور», "brake pads, shock absorbers
    and radiators"), each without its need-statement words: its pieces when at least two name something and each
    is short enough to be an item (a word or two more than a list's average); none for one item or for sentences.

    A chat message wraps its list in greetings and need wording («سلام وقت بخیر، من دنبال سرمایه گذاری تو تولید لنت
    ترمز و کمپرسور یخچال و همینطور پمپ اب هستم. چی دارین؟»): pieces of need wording alone are no items, and the
    others are read without it («پمپ اب»), as the whole message is.
    """
    if parse_hs_query(query) is not None or parse_listing_code(query) is not None:
        return []  # "8708.30" is one code, not the items "8708" and "30"
    sentences = [sentence for sentence in _SENTENCE_END.split(query) if sentence and sentence.strip()]
    if len(sentences) > 1 and len(query.split()) > _INTRODUCTION_WORDS:
        # An introduction of several sentences («… since 2005. We would like to invest in the following: brake pads,
        # clutch plates and oil filters. Please advise.»): its items are in the sentence that lists them, after its
        # colon when it has one; the story's own commas and "and"s ("supplying Saipa and Iran Khodro") list nothing,
        # and list markers ("1.", "2)", "-") are no words of an item.
        _, colon, listed = query.rpartition(":")
        candidates = [_SENTENCE_END.split(listed, maxsplit=1)[0]] if colon else sentences
        best: list[str] = []
        for sentence in candidates:
            if not colon and not _LIST_WORD.search(sentence) and sentence.count(",") + sentence.count("،") < 2:
                continue
            items = _short_items(_pieces(_LIST_MARKER.sub(",", sentence)))
            # The last list: the story comes first, the need after it.
            if items is not None and len(items) >= 2:
                best = items
        return best if len(best) >= 2 else []
    parts = [_short_items(_pieces(sentence)) for sentence in sentences]
    if any(part is None for part in parts):
        return []
    items = [item for part in parts for item in part or ()]
    return items if len(items) >= 2 else []


# A message of more words than this, in several sentences, is an introduction around its need (see list_items).
_INTRODUCTION_WORDS = 30
# The end of a sentence: what follows it is no item of the list before it (a list marker "2." is followed by a
# lower-case word).
_SENTENCE_END = re.compile(r"[!?؟]|\.(?=\s+[A-Z\u0600-\u06FF]|\s*$)|\n\s*\n")
# A list's numbers and letters: "1.", "2)", "a)", «۱-», "-" or "•" before an item.
_LIST_MARKER = re.compile(r"(?:^|\s)(?:[0-9۰-۹]{1,2}[.)\-]|[a-z]\)|[-•*])(?=\s)")


def _short_items(pieces: Sequence[str]) -> list[str] | None:
    """The pieces of one sentence read as items (need wording left out, background pieces and what comes before them
    skipped), or None when one is a sentence."""
    items: list[str] = []
    for piece in pieces:
        words = [word for word in normalize(piece).split() if word not in FILLERS]
        if not _BACKGROUND.isdisjoint(words):
            # «شرکت ما در زمینه قطعات لاستیکی و پلیمری از سال ۱۳۸۵ فعالیت داره، و الان دنبال لنت ترمز هستیم»: what the
            # sentence joined to its story before it (the rubber parts made since 1385) is the story too.
            items.clear()
            continue
        if not any(ch.isalpha() for word in words for ch in word):
            continue
        if len(words) > _LIST_ITEM_WORDS + 2:
            return None
        items.append(" ".join(words))
    return items


# A Persian name typed in Finglish is recognised whole by its consonants from this many on.
_LEAST_CONSONANTS = 4


def _phrase_skeleton(words: Sequence[str]) -> str:
    """The consonants of a phrase, its words run together («سی‌تی‌اسکن» and "siti scan" agree)."""
    return "".join(skeleton(word) for word in words)


def _head_phrase(words: Sequence[str], looked_up: Container[str]) -> list[str]:
    """The words of an English need up to its head noun: those ``looked_up`` (not need-statement words), before
    a "for", "of", "with"… that follows one of them ("christmas tree decorations for the office")."""
    content: list[str] = []
    for word in words:
        if word in _POSTMODIFIER and content:
            break
        if word in looked_up:
            content.append(word)
    return content


def _closest(matched: dict[int, float], present: set[int]) -> list[int]:
    """The words of ``present`` a query word matched most closely: one, or two it joins ("سنگشکن")."""
    here = [(similarity, term_id) for term_id, similarity in matched.items() if term_id in present]
    if not here:
        return []
    best = max(here)[0]
    return [term_id for similarity, term_id in here if similarity == best]


# Queries of at most this many words are short: every word of them counts for what they name.
_SHORT_QUERY = 3
# English words after which a need says what its thing is for or made of ("tinplate for food cans").
_ENGLISH_OF = frozenset({"for", "of", "with", "from", "to", "in"})
# What follows it in a short English need is what the thing serves ("X for Y"), not the thing.
_ENGLISH_PURPOSE = frozenset({"for"})
# Words opening a relative clause, which describes the thing the words before it name.
_RELATIVE = frozenset({"that", "which"})
_VOWELS = frozenset("aeiouy")
# Words after an English head noun that start what qualifies it: "tyre for mining trucks".
_POSTMODIFIER = frozenset({"for", "of", "with", "in", "on", "from", "to"})


# A need of a whole sector is said in a few words ("what hospital machines does Iran import?").
_SECTOR_NEED_WORDS = 12
# Plural and adjective endings that leave a sector's name the same ("carmakers", «بیمارستانی»).
_SECTOR_ENDINGS = ("ies", "es", "s", "های", "ها", "ی")


# Persian endings that normalization leaves as words of their own («اولیه‌ای» → "اولیه ای").
_SUFFIX_WORDS = frozenset(_SUFFIXES)


def _stem(word: str) -> str:
    """A word without a plural or adjective ending, when enough of it is left to still name something."""
    for ending in _SECTOR_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)] + ("y" if ending == "ies" else "")
    return word


# Long English fillers by their first letter, for a filler typed with one error ("suplier", "invset").
_LONG_FILLERS: dict[str, list[str]] = defaultdict(list)
for _filler in sorted(FILLERS):
    if len(_filler) >= _LONG_WORD and is_latin(_filler):
        _LONG_FILLERS[_filler[0]].append(_filler)


# Persian names a trade, a way of making, by a noun ending in «گری» or «کاری» («ریخته‌گری», casting;
# «تراشکاری», machining); the half-space the normalizer turns into a space may leave the ending a word.
_TRADE_ENDINGS = ("گری", "کاری", "gari", "kari")
_TRADE_WORD = 6


def _names_a_trade(words: Sequence[str]) -> bool:
    """Whether the words name a trade, «ریخته گری», «تراشکاری», "rikhtegari", rather than a thing."""
    last = words[-1] if words else ""
    if last in _TRADE_ENDINGS:
        return len(words) >= 2
    return len(last) >= _TRADE_WORD and last.endswith(_TRADE_ENDINGS)


@lru_cache(maxsize=4096)
def _inflected(word: str, of: str) -> bool:
    """Whether ``word`` is ``of`` with an ending ("valves" of "valve", «پمپ‌ها» of «پمپ»), or both share a stem."""
    return word.startswith(of) and word[len(of) :] in _SUFFIX_WORDS or _stem(word) == _stem(of)


# Persian need-statement words of five letters or more by their first letter, for one typed with one error
# («میخاستم» for «میخواستم») at the end of a need (see Index._brand_tail_head).
_LONG_PERSIAN_FILLERS: dict[str, list[str]] = defaultdict(list)
for _filler in sorted(FILLERS):
    if len(_filler) >= 5 and not is_latin(_filler):
        _LONG_PERSIAN_FILLERS[_filler[0]].append(_filler)

# Size words, whose number says which size of a listed thing is needed ("size 13", «سایز ۱۳»).
_SIZE_WORDS = frozenset({"size", "سایز"})


def _mistyped_filler(word: str) -> bool:
    """Whether a long Latin word the catalog does not know is an English filler with one typing error."""
    if len(word) < _LONG_WORD:
        return False
    return any(
        abs(len(filler) - len(word)) <= 1 and OSA.distance(word, filler, score_cutoff=1) <= 1
        for filler in _LONG_FILLERS.get(word[0], ())
    )


def _intersection(among: set[int] | frozenset[int], postings: array[int]) -> set[int] | frozenset[int]:
    """The documents of ``among`` in ``postings`` (ascending document ids).

    A few documents against a long posting list (the desks against a common word, the candidates of a
    long message against a sector's words) are found by bisection rather than by reading the list.
    """
    if len(among) * 24 >= len(postings):
        return among.intersection(postings)
    found = set()
    end = len(postings)
    for doc_id in among:
        position = bisect_left(postings, doc_id)
        if position < end and postings[position] == doc_id:
            found.add(doc_id)
    return found


def _max_edits(word: str) -> int:
    """Typing errors tolerated in a word of this length: none in short words, they collide too easily."""
    if len(word) <= 3:
        return 0
    if len(word) <= 5:
        return 1
    if len(word) <= 9:
        return 2
    return _MOST_EDITS


def _deletes(word: str) -> set[str]:
    """The word with each single character removed (the keys of the one-edit deletion index)."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class _Spellings:
    """Spelling → the documents with a name so spelt, in the order they were added.

    A large catalog has a quarter of a million spellings, nearly all of one document each: that
    document's id is kept as it is, and a list only for a spelling several documents share (a list per
    spelling took 27 MB at 100,000 listings).
    """

    __slots__ = ("_held",)

    def __init__(self) -> None:
        self._held: dict[str, int | list[int]] = {}

    def add(self, spelling: str, doc_id: int) -> None:
        held = self._held.get(spelling)
        if held is None:
            self._held[spelling] = doc_id
        elif isinstance(held, int):
            self._held[spelling] = [held, doc_id]
        else:
            held.append(doc_id)

    def get(self, spelling: str, default: Sequence[int] = ()) -> list[int]:
        """The documents so spelt (a new list), or ``default``'s."""
        held = self._held.get(spelling)
        if held is None:
            return list(default)
        return [held] if isinstance(held, int) else list(held)

    def __len__(self) -> int:
        return len(self._held)


@dataclass(slots=True)
class _Term:
    """Matches of one query word: vocabulary term id → similarity in (0, 1]."""

    word: str
    similar: dict[int, float] = field(default_factory=dict)

    def add(self, term_id: int, similarity: float) -> None:
        if similarity > self.similar.get(term_id, 0.0):
            self.similar[term_id] = similarity


@dataclass(slots=True)
class _Memo:
    """What one query's texts (the whole message and its pieces) share: word look-ups and name postings."""

    similar: dict[str, dict[int, float]] = field(default_factory=dict)
    named: dict[tuple[tuple[int, float], ...], dict[int, float]] = field(default_factory=dict)
    # Listings a text with an unknown head noun would have named (see Index._headless).
    unheaded: set[int] = field(default_factory=set)

    def reach(self, index: Index, term: _Term, weight: float) -> dict[int, float]:
        """``Index._reach`` over the name fields, shared by the texts of a query (callers must not change it).

        The weight follows from the matches, the key.
        """
        key = tuple(term.similar.items())
        found = self.named.get(key)
        if found is None:
            found = self.named[key] = index._reach(term, weight, _NAME_FIELDS, None)
        return found


@dataclass(frozen=True, slots=True)
class _Words:
    """What Index._evaluate reads of a text's words, worked out once per text rather than once per
    candidate: a long message has dozens of words, and each of its pieces up to _MAX_CANDIDATES candidates."""

    positions: dict[int, list[int]]  # term id → the positions of the words that matched it
    exact: frozenset[int | None]  # the words' own term ids, as typed
    unknown: int  # words the catalog does not know
    naming: tuple[int, ...]  # positions of the words that name something (not GENERIC)
    devices: tuple[int, ...]  # positions of the words asking for a machine (DEVICE_WORDS)
    joined: tuple[tuple[int, int] | None, ...]  # per position, the two catalog words it joins, if any
    # Per position, the words of the other language it stands for: an English word's Persian readings,
    # a Persian word's English ones (translations, never spellings of it).
    translated: tuple[frozenset[int], ...]

    @classmethod
    def of(cls, index: Index, terms: Sequence[_Term]) -> _Words:
        positions: dict[int, list[int]] = defaultdict(list)
        for at, term in enumerate(terms):
            for term_id in term.similar:
                positions[term_id].append(at)
        return cls(
            positions=dict(positions),
            exact=frozenset(index._vocab.get(term.word) for term in terms),
            unknown=sum(1 for term in terms if not term.similar),
            naming=tuple(at for at, term in enumerate(terms) if term.word not in GENERIC),
            devices=tuple(at for at, term in enumerate(terms) if term.word in DEVICE_WORDS),
            joined=tuple(index._joined_words(term.word) for term in terms),
            translated=tuple(index._translations(term) for term in terms),
        )


@dataclass(slots=True)
class _Fit:
    """How well one document answers the query (see Index._evaluate)."""

    share: float  # of the query's weight, any match counting
    trusted_share: float  # of the query's weight, only matches that may be confident
    precision: float  # the best share of one name's words the query matched, any match counting
    fits: bool  # a name is mostly the query's words, trusted ones, and not a mere word of it
    contained: bool  # a distinctive name is inside the query, word for word
    described: float  # of the query's weight, trusted words found in the descriptions
    described_words: int  # how many query words the descriptions hold


def with_bare_alef(document: Document) -> Document:
    """``document`` also named by the bare-alef spelling of each name or alias that spells an acronym with a madda.

    «آی سی یو» reads as ICU, but a phone that drops the madda writes «ای سی یو», read as letter names again: the
    listing named with the madda must be found by that spelling too. The new aliases follow the names and aliases,
    before the supporting fields (descriptions, the sector's names, which a document ends with). Every index over
    documents (the forward search, the capability index) reads them so.
    """
    bare = [
        Field("alias", text)
        for fld in document.fields
        if fld.name in _PERSIAN_NAMES and (text := without_madda(fld.text))
    ]
    if bare:  # most documents: none
        held = {fld.text for fld in document.fields}
        bare = [fld for fld in bare if fld.text not in held]  # a document given once already
    if not bare:
        return document
    end = next((at for at, fld in enumerate(document.fields) if fld.name not in _NAMES), len(document.fields))
    return replace(document, fields=(*document.fields[:end], *bare, *document.fields[end:]))


# The fields that name a document, and those of them that may be Persian (an English name spells no acronym in
# Persian letters).
_NAMES = frozenset({"name_en", "name_fa", "alias"})
_PERSIAN_NAMES = frozenset({"name_fa", "alias"})


class Index:
    """An immutable search index over documents. Build it once, query it from any thread.

    ``synonyms`` are groups of equivalent normalized terms (see :func:`matching.lexicon.parse_synonyms`):
    a query holding one term also finds the listings named with another.
    """

    def __init__(self, documents: Iterable[Document], *, synonyms: Iterable[Sequence[str]] = ()) -> None:
        self._docs: list[Document] = []
        self._vocab: dict[str, int] = {}
        self._words: list[str] = []
        # Per document, per field: the field's term ids (for re-ranking and explanations), flat to
        # keep a large catalog small: for each field its number of words, then their term ids.
        # Document d's fields are _field_terms[_field_starts[d]:_field_starts[d + 1]].
        # Two bytes a term id while the vocabulary has fewer than 65,536 words (see _term_id).
        self._field_terms: array[int] = array("H")
        self._field_starts: array[int] = array("I")
        # The fields a document ends with that only lend it their words (its sector's, the same for
        # thousands of listings: more than half of each listing's term ids) are kept once per distinct
        # run, in the same layout: tail t is _tail_terms[_tail_starts[t]:_tail_starts[t + 1]], and
        # document d's is _doc_tails[d] (-1: none).
        self._tail_terms: array[int] = array("H")
        self._tail_starts: array[int] = array("I", [0])
        self._doc_tails: array[int] = array("i")
        tails: dict[tuple[str, ...], int] = {}
        # Per tail, its term ids and the documents ending with it: the posting lists of its words are
        # made from these at the end of the build (see _tail_postings), not grown word by word.
        self._tail_words: list[frozenset[int]] = []
        self._tail_docs: list[array[int]] = []
        # term id → document ids, one posting list per field strength.
        self._postings: dict[str, dict[int, array[int]]] = {name: {} for name in _FIELD_STRENGTH}
        self._df: list[int] = []
        self._exact = _Spellings()
        # English names and aliases without what their brackets hold, by the same spelling, and their words.
        self._unbracketed: dict[str, list[int]] = defaultdict(list)
        self._in_english_names: set[int] = set()
        # The same for Persian names by their consonants: "jak badi" is «جک بادی» typed in Finglish.
        self._exact_consonants = _Spellings()
        # "پلیپروپیلن" → the ids of "پلی" and "پروپیلن": words a listing has side by side, typed joined.
        self._joined: dict[str, tuple[int, int]] = {}
        # Products' HS codes, sorted, and the product of each (two flat sequences: a tuple per product took 6 MB).
        self._hs_pairs: list[tuple[str, int]] = []
        # Listings whose names hold a word only inside a privative compound («بی‌سیم»): doc id → term ids.
        self._bound: dict[int, frozenset[int]] = {}
        # Words of the English names: a Latin name ending in one of them is English, not Finglish.
        self._english: set[int] = set()
        # Listing codes by their letters and number, for a code typed as a message.
        self._codes: dict[tuple[str, int], int] = {}
        # The English and Persian name words of each listing, to align into a lexicon (capped: a few
        # thousand listings teach all the words they will teach).
        self._parallel: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        # Many listings share texts (their sector's names, common aliases): analyse each once.
        analyse = lru_cache(maxsize=8192)(self._analyse)
        # The same listings are looked over again and again (by a message and its pieces, by popular
        # words): their layout is worked out once.
        self._layout = lru_cache(maxsize=_LAYOUTS)(self._structure)
        for document in documents:
            self._add(with_bare_alef(document), analyse, tails)
        self._field_starts.append(len(self._field_terms))
        del tails
        self._tail_postings()
        self._compact()
        self._idf = [math.log(1.0 + len(self._docs) / df) for df in self._df]
        # The term ids of the qualifiers that exclude one another: a listing whose names hold none contradicts nothing.
        self._qualifier_ids = frozenset(self._vocab[word] for word in QUALIFIERS if word in self._vocab)
        # For suggesting related listings, a word the catalog does not know counts like the rarest
        # word: "bicycle tyres" is not about tyres.
        self._strange_weight = math.log(1.0 + len(self._docs))
        self._generic = {term_id for word, term_id in self._vocab.items() if word in GENERIC}
        self._fillers = {term_id for word, term_id in self._vocab.items() if word in FILLERS}
        # Words that name no particular thing, nor narrow one («دستگاه», "parts", «صنعتی»).
        self._unnaming = self._generic | {term_id for word, term_id in self._vocab.items() if word in FAMILY_QUALIFIERS}
        self._sorted_words = sorted(self._words)
        self._deletion_index: dict[str, list[int]] = defaultdict(list)
        self._trigram_index: dict[str, list[int]] = defaultdict(list)
        # Persian words by their homophone-folded spelling and by their consonants (for Finglish).
        self._folded: dict[str, list[int]] = defaultdict(list)
        self._skeletons: dict[str, list[int]] = defaultdict(list)
        # Latin words by their consonants, for an English word typed as another that sounds alike.
        self._sound_alikes: dict[str, list[int]] = defaultdict(list)
        # Words of the English names by the consonants they are heard with, for English typed in Persian letters.
        self._english_sounds: dict[str, list[int]] = defaultdict(list)
        for term_id, word in enumerate(self._words):
            if len(word) >= 4:
                for key in _deletes(word):
                    self._deletion_index[key].append(term_id)
            if len(word) >= 6:
                for gram in _trigrams(word):
                    self._trigram_index[gram].append(term_id)
            if not word.isascii() and term_id not in self._fillers:
                self._folded[fold(word)].append(term_id)
                key = skeleton(word)
                if len(key) >= 2:
                    self._skeletons[key].append(term_id)
            elif len(word) >= 4 and is_latin(word) and term_id not in self._fillers:
                self._sound_alikes[skeleton(word)].append(term_id)
            if term_id in self._in_english_names:
                for key in english_sounds(word):
                    self._english_sounds[key].append(term_id)
        self._hs_pairs.sort()
        self._hs_codes = [code for code, _ in self._hs_pairs]
        self._hs_docs = array("I", [doc_id for _, doc_id in self._hs_pairs])
        del self._hs_pairs
        # The Latin words of the names and aliases that are English: those of the English names, and those
        # of aliases that cannot be Finglish ("needle"; "tiub" is «تیوب» typed in Latin letters).
        self._english_words = frozenset(
            term_id
            for term_id in self._in_english_names
            if term_id in self._english or not self._may_be_finglish(self._words[term_id])
        )
        self._desks = frozenset(doc_id for doc_id, document in enumerate(self._docs) if document.kind == "desk")
        self._lexicon = self._align()
        # phrase (normalized words) → the term ids of each equivalent phrase. Inside a longer query
        # only one-word equivalents stand in for a word ("pump", «پمپ»): spreading a phrase's words
        # over the query would find every name sharing half of them ("brake pads" is not the train's
        # «لنت ترمز قطار»). A whole query that is a phrase is the exact name its equivalents spell.
        self._synonyms: dict[tuple[str, ...], list[tuple[int, ...]]] = defaultdict(list)
        self._synonym_spellings: dict[str, list[str]] = defaultdict(list)
        # Phrases of two words or more by their equivalents («شیر توپی» and "ball valve").
        self._synonym_phrases: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        # A word's equivalents of two words or more («الکتروموتور» and "electric motor").
        self._word_phrases: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for group in synonyms:
            phrases = [tuple(normalize(term).split()) for term in group]
            for phrase in phrases:
                for other in phrases:
                    if other == phrase or not phrase:
                        continue
                    self._synonym_spellings["".join(phrase)].append("".join(other))
                    if len(phrase) >= 2:
                        self._synonym_phrases[phrase].append(other)
                    elif len(other) >= 2:
                        self._word_phrases[phrase[0]].append(other)
                    if len(phrase) == len(other) == 1 and other[0] in self._vocab:
                        self._synonyms[phrase].append((self._vocab[other[0]],))
        self._longest_synonym = max(map(len, self._synonyms), default=0)
        self._family_order, self._family_heads = self._index_heads()
        self._machines_by_desk, self._machine_desks = self._sector_machines()
        self._equipment = self._sector_equipment()
        # A desk's aliases are its sector's names ("car industry", «بیمارستان‌ها»): phrase → desk ids.
        self._sector_phrases_by_stem: dict[tuple[str, ...], list[int]] = defaultdict(list)
        self._sector_sounds: dict[tuple[str, ...], list[int]] = defaultdict(list)
        self._sector_words: set[str] = set()  # one-word sector names as written, before the stemming above
        for doc_id in sorted(self._desks):
            for fld in self._docs[doc_id].fields:
                if fld.name == "alias":
                    written = normalize(fld.text).split()
                    if len(written) == 1:  # «صنایع معدنی» does not make «معدنی» a name
                        self._sector_words.add(written[0])
                    phrase = tuple(_stem(word) for word in written if word not in FILLERS)
                    if phrase and doc_id not in self._sector_phrases_by_stem[phrase]:
                        self._sector_phrases_by_stem[phrase].append(doc_id)
                    if phrase and not any(map(is_latin, phrase)):
                        # «صنایع غذایی» typed in Finglish after the word for industry: "sanaye ghazayi".
                        sounds = tuple(skeleton(word) for word in phrase)
                        if all(sounds) and doc_id not in self._sector_sounds[sounds]:
                            self._sector_sounds[sounds].append(doc_id)

    def __len__(self) -> int:
        return len(self._docs)

    # ----------------------------------------------------------------------------------- building

    def _term_id(self, word: str) -> int:
        term_id = self._vocab.get(word)
        if term_id is None:
            term_id = self._vocab[word] = len(self._words)
            if term_id > 0xFFFF and self._field_terms.typecode == "H":
                self._field_terms = array("I", self._field_terms)
                self._tail_terms = array("I", self._tail_terms)
            self._words.append(word)
            self._df.append(0)
        return term_id

    def _analyse(self, text: str) -> tuple[str, str, tuple[int, ...]]:
        """A field text's normalized form without spaces, its consonants if Persian, and its words' term ids."""
        normalized = normalize(text)
        words = normalized.split()
        ids = tuple(self._term_id(word) for word in words)
        for left, right in zip(ids, ids[1:]):
            self._joined.setdefault(self._words[left] + self._words[right], (left, right))
        consonants = "" if normalized.isascii() else _phrase_skeleton(words)
        return normalized.replace(" ", ""), consonants, ids

    def _add(
        self,
        document: Document,
        analyse: Callable[[str], tuple[str, str, tuple[int, ...]]],
        tails: dict[tuple[str, ...], int],
    ) -> None:
        doc_id = len(self._docs)
        self._docs.append(document)
        self._field_starts.append(len(self._field_terms))
        # The run of sector fields the document ends with: kept once for every document ending alike.
        own = len(document.fields)
        while own and document.fields[own - 1].name == "sector":
            own -= 1
        tail = document.fields[own:]
        # By their texts (all are sector fields): comparing the fields themselves is ten times slower.
        key = tuple([fld.text for fld in tail])
        new_tail = bool(tail) and key not in tails
        if not tail:
            self._doc_tails.append(-1)
        else:
            if new_tail:
                tails[key] = len(tails)
                self._tail_docs.append(array("I"))
            self._doc_tails.append(tails[key])
            self._tail_docs[tails[key]].append(doc_id)
        seen_in_doc: set[int] = set()
        names: dict[str, tuple[int, ...]] = {}
        name_ids: list[tuple[int, ...]] = []
        tail_words: set[int] = set()
        for at, fld in enumerate(document.fields):
            spelling, consonants, ids = analyse(fld.text)
            if fld.name in _NAME_FIELDS:
                name_ids.append(ids)
            if fld.name in ("name_en", "name_fa"):
                names.setdefault(fld.name, ids)
            if fld.name == "name_en":
                self._english.update(ids)
            if at < own:
                self._field_terms.append(len(ids))
                self._field_terms.extend(ids)
            elif new_tail:
                self._tail_terms.append(len(ids))
                self._tail_terms.extend(ids)
                tail_words.update(ids)
            if fld.name in _NAME_FIELDS and spelling:
                self._exact.add(spelling, doc_id)
                if len(consonants) >= _LEAST_CONSONANTS:
                    self._exact_consonants.add(consonants, doc_id)
                if fld.name != "name_fa" and "(" in fld.text:
                    # "Grain-oriented electrical steel (CRGO)" is also spelt without its acronym.
                    unbracketed = normalize(_BRACKETED.sub(" ", fld.text)).replace(" ", "")
                    if unbracketed and unbracketed != spelling:
                        self._unbracketed[unbracketed].append(doc_id)
            if fld.name in ("name_en", "alias"):
                self._in_english_names.update(term_id for term_id in ids if is_latin(self._words[term_id]))
            field_postings = self._postings[fld.name]
            for term_id in set(ids):
                if at >= own:
                    # A tail's words: posted for all the documents ending with it at once (_tail_postings).
                    if term_id not in seen_in_doc:
                        seen_in_doc.add(term_id)
                        self._df[term_id] += 1
                    continue
                postings = field_postings.get(term_id)
                if postings is None:
                    postings = field_postings[term_id] = array("I")
                if not postings or postings[-1] != doc_id:
                    postings.append(doc_id)
                if term_id not in seen_in_doc:
                    seen_in_doc.add(term_id)
                    self._df[term_id] += 1
        bound = {
            term_id
            for fld in document.fields
            if fld.name in _NAME_FIELDS
            for found in _BOUND.finditer(fld.text)
            for term_id in analyse(found.group(1))[2][:1]
        }
        if bound:
            # A word the names also hold on its own («سیم» in another alias) is the word itself.
            prefixes = {self._vocab.get(prefix) for prefix in _PRIVATIVE}
            free = {
                term_id
                for ids in name_ids
                for at, term_id in enumerate(ids)
                if not (at and ids[at - 1] in prefixes)
            }
            if bound - free:
                self._bound[doc_id] = frozenset(bound - free)
        if new_tail:
            self._tail_starts.append(len(self._tail_terms))
            self._tail_words.append(frozenset(tail_words))
        if document.hs_code:
            self._hs_pairs.append((document.hs_code, doc_id))
        code = parse_listing_code(document.key) if document.kind == "product" else None
        if code is not None:
            self._codes.setdefault(code, doc_id)
        if len(names) == 2 and len(self._parallel) < _ALIGNED_LISTINGS:
            self._parallel.append((names["name_en"], names["name_fa"]))

    def _align(self) -> dict[int, set[int]]:
        """Term id → its translations, learnt from the listings' parallel English and Persian names."""
        words = self._words
        fillers = self._fillers

        def content(ids: tuple[int, ...]) -> list[str]:
            # Acronyms ("esp", "api") stand beside every word of their listing: they teach nothing.
            return [
                words[term_id]
                for term_id in ids
                if term_id not in fillers and not words[term_id].isdigit() and not (is_latin(words[term_id]) and len(words[term_id]) <= 3)
            ]

        learnt = align((content(en), content(fa)) for en, fa in self._parallel)
        self._parallel = []
        return {self._vocab[word]: {self._vocab[other] for other in others} for word, others in learnt.items()}

    def _tail_postings(self) -> None:
        """The sector fields' posting lists of the tails' words (see _add), the same documents in the same
        order as if each had been posted field by field: a word of one tail only shares its list of documents."""
        postings = self._postings["sector"]
        tails_of: dict[int, list[int]] = defaultdict(list)
        for tail, words in enumerate(self._tail_words):
            for term_id in words:
                tails_of[term_id].append(tail)
        for term_id, tails in tails_of.items():
            lists = [self._tail_docs[tail] for tail in tails]
            own = postings.get(term_id)
            if own is None and len(lists) == 1:
                postings[term_id] = lists[0]
            else:
                merged = set(own or ()).union(*lists)
                postings[term_id] = array("I", sorted(merged))
        del self._tail_words, self._tail_docs

    def _compact(self) -> None:
        """Share what the build made twice: the posting lists are read-only from now on.

        Equal posting lists are kept once (a word of several listings' names often names just those).
        """
        shared: dict[tuple[int, int], list[array[int]]] = {}
        for field_postings in self._postings.values():
            for term_id, postings in field_postings.items():
                if len(postings) < _SHARED_POSTINGS:
                    continue
                alike = shared.setdefault((len(postings), hash(postings.tobytes())), [])
                kept = next((other for other in alike if other == postings), None)
                if kept is None:
                    alike.append(postings)
                else:
                    field_postings[term_id] = kept

    def _fields_of(self, doc_id: int) -> list[array[int]]:
        """The term ids of each field of a document, in the order of its fields."""
        fields = []
        tail = self._doc_tails[doc_id]
        regions = [(self._field_terms, self._field_starts[doc_id], self._field_starts[doc_id + 1])]
        if tail >= 0:
            regions.append((self._tail_terms, self._tail_starts[tail], self._tail_starts[tail + 1]))
        for flat, position, end in regions:
            while position < end:
                count = flat[position]
                fields.append(flat[position + 1 : position + 1 + count])
                position += 1 + count
        return fields

    # ------------------------------------------------------------------------------------ queries

    def search(self, query: str, *, limit: int = 10) -> list[Match]:
        """Return up to ``limit`` confident matches for ``query``, best first (maybe none)."""
        return self.lookup(query, limit=limit).confident

    def lookup(self, query: str, *, limit: int = 10) -> Lookup:
        """Confident matches and related suggestions for ``query``, up to ``limit`` of each, best first.

        A message naming several products ("clutch kits, alternators and starters"), or a long one of
        several sentences, is also looked up piece by piece: each product it names is found on its own.
        """
        hs_digits = parse_hs_query(query)
        if hs_digits is not None:
            return Lookup(self._search_hs(hs_digits, limit), [])
        named_hs = self._search_hs_named(query, limit)
        if named_hs:
            return Lookup(named_hs, [])
        code = parse_listing_code(query)
        if code is not None and code in self._codes:
            # A code copied from a card or a list ("AUT-012"): that listing, and only it.
            document = self._docs[self._codes[code]]
            return Lookup([Match(document.kind, document.key, 100.0, "code", document.key)], [])
        said = self._literal_compounds(_read(query))
        if service_need(said.split()) == "nothing":
            # "seat belt ticket fine", «آموزش رانندگی»: no listing is a fine or a lesson.
            return Lookup([], [])
        confident: dict[int, tuple[float, list[_Term]]] = {}
        related: dict[int, tuple[float, list[_Term]]] = {}
        # The pieces share most of their words with the whole message: each word is looked up, and
        # its name postings merged, once per query.
        memo = _Memo()

        # Listings a piece names confidently, and those an item with an unknown head only seemed to.
        confirmed: set[int] = set()
        # ... and those a piece only suggested.
        suggested: set[int] = set()

        def add(text: str, *, piece: bool = False, desks: bool = True) -> None:
            found = self._lookup_text(text, memo)
            if piece:
                confirmed.update(doc_id for _, doc_id, _ in found[0])
                if self._holds_unknown(text, memo):
                    suggested.update(doc_id for _, doc_id, _ in found[1])
            for tier, tier_found in zip((confident, related), found):
                for score, doc_id, terms in tier_found:
                    if not desks and tier is confident and self._docs[doc_id].kind == "desk":
                        tier, score = related, min(score, _CONFIDENT - 1.0)
                    if doc_id not in tier or tier[doc_id][0] < score:
                        tier[doc_id] = (score, terms)

        add(said)
        words = said.split()
        head = self._brand_tail_head(words, query)
        if head:
            # «کمپرسور یخچال ال جی», «لاستیک بارز سایز ۱۳»: the thing named, whatever its brand, model or size.
            add(" ".join(head))
        clause = next((at for at, word in enumerate(words) if word in _RELATIVE), 0)
        # ... when they name a thing, not only a part, a machine or a device ("the part that spins the tub").
        naming = [
            word
            for word in words[:clause]
            if not self._is_filler(word) and word not in GENERIC | PART_WORDS | DEVICE_WORDS
        ]
        if naming and not any(self._docs[doc_id].kind == "product" for doc_id in confident):
            # "the part inside microwave oven that make the waves and heat": what follows "that" says what the
            # thing does, in words its name does not hold; what comes before names it.
            add(" ".join(words[:clause]))
        pieces = _pieces(query)
        # A message that already named a listing as a whole, joins no items with "and"/«و» and is cut
        # into clauses rather than a list of a few words each ("clutch kits, alternators, starters")
        # names nothing more piece by piece.
        named = any(self._docs[doc_id].kind == "product" for doc_id in confident)
        clauses = len(query.split()) > _LIST_ITEM_WORDS * len(pieces)
        if len(pieces) > 1 and not (named and clauses and not _LIST_WORD.search(query)):
            for piece in pieces:
                # «لنت ترمز پراید و پژو», "brake pads for Pride and Peugeot": a piece naming only a sector (a car
                # make, a customer) qualifies the listing the message names; it is no sector need of its own.
                add(_read(piece), piece=True, desks=not named)
            # "christmas tree decorations and lights": the whole message names the wellhead's christmas
            # tree, its item does not.
            for doc_id in memo.unheaded - confirmed:
                if doc_id in confident:
                    score, terms = confident.pop(doc_id)
                    related[doc_id] = (min(score, _CONFIDENT - 1.0), terms)
            # «کاشت مو و ایمپلنت مو» (hair transplant and hair implant): the whole message holds «کاشت» and
            # «ایمپلنت», the dental implant's alias «کاشت ایمپلنت», but from two items, each about hair. A listing
            # that an item holding a word the catalog does not know («مو») only suggests, and no item names, is no
            # more than a suggestion for the whole list. (Items of known words share theirs: «دیسک و صفحه» is
            # the clutch's disc and plate; the clauses of a long message are no list.)
            for doc_id in suggested - confirmed if not clauses else ():
                if doc_id in confident and self._docs[doc_id].kind == "product":
                    score, terms = confident.pop(doc_id)
                    related[doc_id] = (min(score, _CONFIDENT - 1.0), terms)
        desk_scores = {doc_id: max(confident.get(doc_id, (0.0,))[0], related.get(doc_id, (0.0,))[0]) for doc_id in self._desks}
        named_sectors: tuple[str, ...] = ()
        sector = self._sector_need(said.split(), desk_scores)
        # The desk a need names, as a sector need or by the desk's own alias alone.
        desks = [doc_id for doc_id in confident if self._docs[doc_id].kind == "desk"]
        named_desk = sector[0] if sector is not None else desks[0] if len(desks) == len(confident) == 1 else None
        sector_family = self._family_in_sector(said.split(), named_desk, memo, limit) if named_desk is not None else {}
        if named_desk is not None and sector_family:
            # «نخ», "yarn": a sector's alias that also heads a family of its listings asks for that family (the
            # yarns), as a family word does, not for every listing of the sector (cotton lint, fibres); the desk,
            # named by its alias, is a suggestion.
            for doc_id, score in sector_family.items():
                confident[doc_id] = (score, related.pop(doc_id, (0.0, []))[1])
            if named_desk in confident:
                score, terms = confident.pop(named_desk)
                related[named_desk] = (min(score, _CONFIDENT - 1.0), terms)
            sector = None
        sector_desk = sector[0] if sector is not None else None
        # «ماشین آلات کشاورزی», "farm machinery": machinery for another sector is that sector's machines (the
        # combine harvester), when it has some; not every machine of the machinery desk.
        machines = [
            doc_id
            for other in (sector[1] if sector is not None and sector[0] in self._machine_desks else [])
            for doc_id in self._machines_by_desk.get(other, [])
        ]
        for doc_id in machines[:limit]:
            confident[doc_id] = (_FAMILY_NAMED, related.pop(doc_id, (0.0, []))[1])
        if machines and sector_desk in confident:
            # The machinery desk stays in view as a suggestion: the caller would list all of its sector.
            score, terms = confident.pop(sector_desk)
            related[sector_desk] = (min(score, _CONFIDENT - 1.0), terms)
        if sector_desk is not None and not machines:
            # "what do the petrochemical complexes in Assaluyeh still import?": the sector's desk
            # answers first, and the caller lists the sector's open listings.
            confident[sector_desk] = (100.0, [])
            # «قطعات خودرو و لوازم خانگی», "auto parts and home appliances": a list whose items each name a sector
            # needs every one of them, in the order named (a little below the first: the caller lists them all).
            others = self._item_sectors(pieces, sector_desk, desk_scores) if _LIST_WORD.search(query) else []
            for at, other in enumerate(others):
                confident[other] = (100.0 - _SECTOR_STEP * (at + 1), [])
            if others:
                named_sectors = tuple(self._docs[desk].sector or "" for desk in (sector_desk, *others))
        # «پمپ‌های صنعتی و شیرآلات», "pumps and valves", or a long message naming them among other things: each
        # item naming a family lists it, when the message names two things at least (families or listings).
        # A lone family word among things the catalog lacks may be in another sense: «پنیر، شیر و ماست» is milk.
        families = self._families_of_pieces(pieces, memo, limit) if len(pieces) > 1 and sector_desk is None else []
        if len(families) + any(self._docs[doc_id].kind == "product" for doc_id in confident) >= 2:
            for members in families:
                for doc_id, score in members.items():
                    if doc_id not in confident:
                        confident[doc_id] = (score, related.pop(doc_id, (0.0, []))[1])
        family: dict[int, float] = {}
        if sector_desk is None and not any(self._docs[doc_id].kind == "product" for doc_id in confident):
            family = self._qualified_family(said.split(), memo, limit)
            for doc_id, score in family.items():
                confident[doc_id] = (score, related.pop(doc_id, (0.0, []))[1])
        if not confident:
            family = self._family(said.split(), memo, limit)
            for doc_id, score in family.items():
                confident[doc_id] = (score, related.pop(doc_id, (0.0, []))[1])
            # A near-miss that suggests nothing («شیر خشک», powdered milk, is no valve) suggests no family.
            if not family:
                family = self._phrase_family(said.split(), limit)
                for doc_id, score in family.items():
                    confident[doc_id] = (score, related.pop(doc_id, (0.0, []))[1])
            if not family:
                reached = any(self._docs[doc_id].kind == "product" for doc_id in related)
                family = self._near_family(said.split(), memo, limit, reached=reached)
                # The query's words, to rank the members by their names (see ranked()).
                said_terms = self._match_words(said.split(), memo) if family else []
                for doc_id, score in family.items():
                    # Below the confident tier, in the same order as the family need would list them.
                    related.setdefault(doc_id, (score - _FAMILY_NAMED + _CONFIDENT - 3.0, said_terms))
        if family:
            # «پمپ صنعتی» is the pumps, «پمپ آب کشاورزی» (not listed) a pump: not the bearing of «بلبرینگ
            # صنعتی» nor the pump's mechanical seal. Besides the family only the desks are suggested.
            others = [doc_id for doc_id in related if doc_id not in family and self._docs[doc_id].kind != "desk"]
            for doc_id in others:
                del related[doc_id]
        if len(said.split()) >= _DESCRIBING_QUERY:
            held, terms = self._description_evidence(said, memo)
            for score, doc_id in self._described(held):
                if doc_id not in related or related[doc_id][0] < score:
                    related[doc_id] = (score, terms)
            if self._dominates(held) and service_need(said.split()) is None:
                # "the empty two-piece shells that pharma companies fill with powder": one listing's
                # description holds the query's rare words, far more of them than any other's.
                best_value, _, best = held[0]
                evidence = {doc_id: value for value, _, doc_id in held}
                rivals = [doc_id for doc_id in confident if self._docs[doc_id].kind == "product"]
                if not confident:
                    confident[best] = (_DOMINANT_SCORE, terms)
                elif (
                    len(rivals) == 1
                    and best not in confident
                    and len(said.split()) <= _DESCRIBING_SENTENCE
                    and _DOMINANT_MARGIN * evidence.get(rivals[0], 0.0) <= best_value
                ):
                    top_score = max(score for score, _ in confident.values())
                    for doc_id in rivals:
                        score, rival_terms = confident.pop(doc_id)
                        related[doc_id] = (min(score, _CONFIDENT - 1.0), rival_terms)
                    confident[best] = (max(top_score, _DOMINANT_SCORE), terms)
            products = [doc_id for doc_id in confident if self._docs[doc_id].kind == "product"]
            kind = self._clause_kind(said.split(), memo) if products else set()
            # (Headed by a name of its own, not an alias only: «ماشینی که …» is no flotation cell, called a machine.
            # Among the best described only: a large catalog's evidence holds thousands of listings.)
            headed = [
                (value, doc_id)
                for value, _, doc_id in held[:_DESCRIBING_LISTINGS]
                if kind and any(own for head, own in self._name_heads(doc_id).items() if head in kind)
            ]
            if (
                headed
                and products
                and (len(headed) == 1 or headed[0][0] >= _CLAUSE_LEAD * headed[1][0])
                and not any(not kind.isdisjoint(self._name_heads(doc_id)) for doc_id in products)
                and service_need(said.split()) is None
            ):
                # «ماده‌ای که قبل از سی‌تی تو رگ تزریق میکنن»: the substance injected before a CT scan is the
                # contrast medium, named «ماده حاجب», not the CT scanner its clause names. The noun before the clause
                # says what kind of thing is asked for; of the listings whose names it heads, the one the clause
                # describes best is meant, and a listing of another kind that the clause only mentions is related.
                # (With nothing confident the clause rule below decides: "a heater that warms …" may be unlisted.)
                for doc_id in products:
                    score, rival_terms = confident.pop(doc_id)
                    related[doc_id] = (min(score, _CONFIDENT - 1.0), rival_terms)
                best = headed[0][1]
                confident[best] = (_CLAUSE_SCORE, terms)
                related.pop(best, None)
            described = self._clause_describes(said.split(), held) if not confident else None
            # A listing whose names the sentence all but names ("meter that reports a home's power consumption"
            # is the smart meter's), suggested at a confident score above the described one's, is a better guess
            # than a description: the sentence stays a suggestion.
            own_score = related[described][0] if described in related else 0.0
            named_rival = any(
                score >= max(_CONFIDENT, own_score) and doc_id != described and self._docs[doc_id].kind == "product"
                for doc_id, (score, _) in related.items()
            )
            if described is not None and not named_rival and service_need(said.split()) is None:
                # "small device implanted in the chest that sends electrical pulses to keep a slow heart beating":
                # nothing is named, and one listing's description fits the clause better than any other's.
                confident[described] = (_CLAUSE_SCORE, terms)
                related.pop(described, None)
            focus = self._focus(said.split(), held, confident) if len(said.split()) > _DESCRIBING_SENTENCE else None
            if focus is not None:
                # "we run a forging plant ... we make flanges and crankshafts ... we want to make railway wheels":
                # the listing the message says most about comes first, before one it only mentions.
                top_score = max(score for score, _ in confident.values())
                confident[focus] = (min(top_score + 0.1, 99.9), confident[focus][1])
        # (A list names each of its products by a few of its words: «پمپ و شیر و الکتروموتور».)
        single = len(pieces) == 1 and not _LIST_WORD.search(query)
        # (A brand closing the need, «ال جی», names no listing: only the words before it count.)
        for doc_id in self._outnumbered(head or said.split(), confident, memo) if single else ():
            # «سیتی گیت استیشن پرشر رگولیتور»: «سیتی» reads the CT scanner's «سیتی اسکن», the rest a regulator.
            score, terms = confident.pop(doc_id)
            related[doc_id] = (min(score, _CONFIDENT - 1.0), terms)
        for doc_id in self._spelt_only(said.split(), confident, memo):
            # «دستگاهی که مریض تو ای سی یو نمیتونه نفس بکشه وصلش میکنن»: the patient and breathing are the
            # ventilator's, the letters «ای سی یو» alone the engine ECU's.
            score, terms = confident.pop(doc_id)
            related[doc_id] = (min(score, _CONFIDENT - 1.0), terms)
        unheld = self._unheld_head(said.split(), memo, limit)
        if unheld is not None:
            # "pump cover", "car seat cover": a cover is no listing, whatever it covers. The listings its other words
            # name as a whole (the pumps) may be what it is a part of: suggestions; a listing one of them shares a
            # word with (the seat belt's "seat") is not.
            said_terms = self._match_words(said.split(), memo)
            related = {doc_id: (min(score, _CONFIDENT - 2.0), said_terms) for doc_id, score in unheld.items()}
            confident.clear()
        unknown_kind = self._unknown_kind(head or said.split())
        if unknown_kind:
            # «لنت ترمز دوچرخه»: maybe another kind of a listed thing, one the catalog lacks; maybe a
            # brand's («کمپرسور یخچال سامسونگ»). Either way no more than a suggestion, first among them.
            for doc_id, (score, terms) in related.items():
                related[doc_id] = (min(score, _CONFIDENT - 2.0), terms)
            for doc_id, (score, terms) in confident.items():
                related[doc_id] = (min(score, _CONFIDENT - 1.0), terms)
            confident.clear()
        rendered = (
            self._rendered_name(said.split(), memo)
            if unheld is None
            and not unknown_kind
            and len(said.split()) <= _RENDERING_WORDS
            and service_need(said.split()) is None
            and small_talk(query) is None
            and len(pieces) == 1
            and not _LIST_WORD.search(query)
            else None
        )
        if rendered is not None and rendered in confident.keys() | related.keys() and rendered not in self._top(confident):
            # «خوک هوشمند خط لوله», "washing machine pot": a listing's name translated word by word, each word
            # through the lexicon; only that listing's names hold a reading of every word, so it is the one meant,
            # however little of its own spelling the query keeps.
            top_score = max((score for score, _ in confident.values()), default=_CLAUSE_SCORE)
            terms = (confident.get(rendered) or related[rendered])[1]
            confident[rendered] = (min(max(top_score + 0.1, _CLAUSE_SCORE), 99.9), terms)
        whole = self._whole_name_first(said.split(), confident, related)
        if whole:
            # «لاستیک دامپتراک خیلی گرونه»: the tyre's alias «لاستیک دامپتراک» word for word, before the dump truck
            # whose name holds only «دامپتراک».
            top_score = max(score for score, _ in confident.values())
            for at, doc_id in enumerate(whole):
                terms = (confident.get(doc_id) or related[doc_id])[1]
                confident[doc_id] = (min(top_score + 0.1, 99.9) - 0.01 * at, terms)
        for doc_id in confident:
            related.pop(doc_id, None)
        self._drop_contradicted(said.split(), confident, related)
        for tier in (confident, related):
            # «سیم و کابل» (wire and cable) is not about the wireless router's «بی‌سیم».
            bound = [doc_id for doc_id, (_, terms) in tier.items() if self._only_bound(doc_id, terms)]
            for doc_id in bound:
                del tier[doc_id]
        if not confident and related and len(said.split()) == 2:
            for doc_id in self._other_sectors(said.split(), related):
                del related[doc_id]
        if not confident and related:
            for doc_id in self._other_heads(said, related, memo):
                del related[doc_id]
        if small_talk(query) is not None:
            # "how does this bot work?", «اشتراک چطوریه»: a word of it spelt like a listing's («ربات»
            # and a robot arm) suggests nothing; the bot answers it as small talk.
            related.clear()

        short = len(said.split()) <= _SHORT_QUERY
        # Results found by the same text share its terms: their matched term ids are gathered once.
        matched_ids: dict[int, set[int]] = {}

        def ranked(tier: dict[int, tuple[float, list[_Term]]]) -> list[Match]:
            # Of listings as close, those whose own name says what the query does come first: «باتری ماشین»
            # finds batteries before the pacemaker, which only a nickname calls a battery («باتری قلب»).
            # (A long message's words are in many names, each holding some: there it tells nothing.)
            order = sorted(
                tier,
                key=lambda d: (
                    -tier[d][0],
                    short and not self._named_by(d, tier[d][1]),
                    -self._docs[d].weight,
                    self._docs[d].key,
                ),
            )
            explained = []
            for doc_id in order[:limit]:
                score, terms = tier[doc_id]
                matched = matched_ids.get(id(terms))
                if matched is None:
                    matched = matched_ids[id(terms)] = {term_id for term in terms for term_id in term.similar}
                explained.append(self._explain(doc_id, score, matched))
            return explained

        return Lookup(ranked(confident), ranked(related), named_sectors)

    def _drop_contradicted(
        self,
        words: Sequence[str],
        confident: dict[int, tuple[float, list[_Term]]],
        related: dict[int, tuple[float, list[_Term]]],
    ) -> None:
        """Drop the listings that give the thing ``words`` name another value of a qualifier the query gives
        (see :mod:`matching.qualifiers`): "solar water heater" is no electric water heater, «کولر آبی» no «کولر
        گازی». A short need that names such a sibling of a listing asks for a kind the catalog does not hold:
        what else its words reached (the heating element of "heater", the coupler one letter from «کولر») is a
        weaker guess than the sibling was, and is dropped as well, unless it holds the query's own value."""
        if not any(word in QUALIFIERS for word in words):
            return
        siblings = [
            doc_id
            for doc_id in (*confident, *related)
            if self._docs[doc_id].kind == "product"
            and not self._qualifier_ids.isdisjoint(self._layout(doc_id)[1])
            and contradicted(words, self._names_and_aliases(doc_id))
        ]
        if not siblings:
            return
        for doc_id in siblings:
            confident.pop(doc_id, None)
            related.pop(doc_id, None)
        if len([word for word in words if not self._is_filler(word)]) > _SHORT_QUERY + 1:
            return
        values = {QUALIFIERS[word] for word in words if word in QUALIFIERS}
        for doc_id in list(related):
            if self._qualifier_ids.isdisjoint(self._layout(doc_id)[1]) or not any(
                QUALIFIERS.get(word) in values for text in self._names_and_aliases(doc_id) for word in text.split()
            ):
                del related[doc_id]

    def _names_and_aliases(self, doc_id: int) -> list[str]:
        return [normalize(fld.text) for fld in self._docs[doc_id].fields if fld.name in ("name_en", "name_fa", "alias")]

    @staticmethod
    def _top(tier: dict[int, tuple[float, list[_Term]]]) -> list[int]:
        """The listings of ``tier`` at its best score."""
        best = max((score for score, _ in tier.values()), default=None)
        return [doc_id for doc_id, (score, _) in tier.items() if score == best]

    def _rendered_name(self, words: Sequence[str], memo: _Memo) -> int | None:
        """The one product whose names hold a reading of every word that names something in ``words``, if only one does.

        A name rendered word by word in the other language keeps none of its spelling, only its words' senses: the
        lexicon reads each (translations, the synonyms file, and a Persian-lettered English word by its sound,
        «متر» for "meter"). A word read only as a guess (a typo's neighbour) counts for nothing, and two such words
        at least are needed: one word is a family, not a name.
        """
        # (A generic word counts: "drilling mud chemicals" are no mud pump, though "drilling mud pump" is its alias.)
        content = [word for word in words if not self._is_filler(word) and not word.isdigit()]
        # (A name says what a thing is, not what it is for: «سیلندر هیدرولیک برای پرس» is a cylinder, not the press.)
        if len(content) < 2 or not PURPOSE.isdisjoint(words):
            return None
        said: set[int] = set()
        lists: list[list[array[int]]] = []
        for term in self._match_words(content, memo):
            readings = {term_id for term_id, value in term.similar.items() if value >= _ALIGNED}
            sound = skeleton(term.word)
            if not is_latin(term.word) and len(sound) >= _LEAST_RENDERED_SOUND:
                # (Three consonants read several English words, «متر» "meter", "motor" and "metro": the query's
                # other words tell which, as one listing alone must hold them all.)
                readings.update(self._sound_alikes.get(sound, ()))
            said |= readings
            found = [
                postings
                for term_id in readings
                for field_name in _NAME_FIELDS
                if (postings := self._postings[field_name].get(term_id)) is not None
            ]
            if not found:
                return None
            lists.append(found)
        # The word in fewest names first: a large catalog's common word has thousands, only looked up among those.
        lists.sort(key=lambda found: sum(map(len, found)))
        covered: set[int] | frozenset[int] = {doc_id for postings in lists[0] for doc_id in postings}
        for found in lists[1:]:
            covered = {doc_id for postings in found for doc_id in _intersection(covered, postings)}
            if not covered:
                return None
        products = [doc_id for doc_id in covered if self._docs[doc_id].kind == "product"]
        # The query names the thing itself, by the head of one of its names: "engine oil" is not the engine oil's
        # additive package, though every word of it is in the package's name.
        if len(products) != 1 or said.isdisjoint(self._name_heads(products[0])):
            return None
        return products[0]

    def _name_word_runs(self, doc_id: int) -> list[list[str]]:
        """A listing's names and aliases, each as its words read like a query (bracketed glosses aside)."""
        return [
            _read(_BRACKETED.sub(" ", fld.text)).split()
            for fld in self._docs[doc_id].fields
            if fld.name in _NAME_FIELDS
        ]

    def _whole_name_first(
        self,
        words: Sequence[str],
        confident: dict[int, tuple[float, list[_Term]]],
        related: dict[int, tuple[float, list[_Term]]],
    ) -> list[int]:
        """Whole-name-before-its-word rule: listings to put first because the message holds one of their names
        or aliases whole, in order, while a confident listing before them holds only a word of that name.

        «لاستیک دامپتراک خیلی گرونه» holds the tyre's alias «لاستیک دامپتراک» word for word; the dump truck is
        only named by «دامپتراک». A name of two words at least counts (one word is what the other listing
        holds), and only when the message already names a listing confidently: the rule orders answers, it
        finds none. Returns them in the order found (by score), or nothing when no confident listing is beaten.
        """
        if not any(self._docs[doc_id].kind == "product" for doc_id in confident):
            return []
        top = max(confident, key=lambda doc_id: confident[doc_id][0])
        if self._docs[top].kind != "product":
            return []
        said = list(words)
        # The listing first is named in the message only by a word of the whole name, not all of it, and by
        # no word outside it («لنت ترمز قطارا» names the train's brake pads by all of «لنت ترمز»; the gas
        # turbine's blades by «پره» besides the turbine's «توربین گازی»). Without such a word no name can
        # come before it: the candidates' names (dozens of listings in a long message) are not read.
        own = {word for run in self._name_word_runs(top) for word in run} & set(said)
        if not own:
            return []
        # Where each word of the message is: a name can be held only where its first word is (a long message
        # has dozens of confident and related listings, each with a dozen names).
        starts: dict[str, list[int]] = {}
        for at, word in enumerate(said):
            starts.setdefault(word, []).append(at)

        def held_run(doc_id: int) -> set[str]:
            """The words of the longest name of the listing the message holds whole, in order (none shorter than
            two words)."""
            held = [
                run
                for run in self._name_word_runs(doc_id)
                if len(run) >= 2 and any(said[at : at + len(run)] == run for at in starts.get(run[0], ()))
            ]
            longest: list[str] = max(held, key=len, default=[])
            return set(longest)

        candidates = sorted(
            (doc_id for doc_id in (*confident, *related) if doc_id != top and self._docs[doc_id].kind == "product"),
            key=lambda doc_id: -(confident.get(doc_id) or related[doc_id])[0],
        )
        return [doc_id for doc_id in candidates if own < held_run(doc_id)]

    def _other_sectors(self, words: Sequence[str], found: Collection[int]) -> list[int]:
        """Listings of ``found`` outside the sector a two-word need names as its qualifier.

        "hospital beds" asks for a bed of the medical sector: the petrochemical adsorbent's "alumina
        beads" and the resin's "mixed bed" share a word with it in another sense. (A longer need,
        "drilling mud additives", is left alone: its other words may bring the listing nearer.)
        """
        named = [self._vocab[word] for word in words if word in self._sector_words and word in self._vocab]
        if len(named) != 1:
            return []
        in_sector = set(self._postings["sector"].get(named[0], ()))
        return [doc_id for doc_id in found if self._docs[doc_id].kind == "product" and doc_id not in in_sector]

    def _other_heads(self, said: str, found: Collection[int], memo: _Memo) -> list[int]:
        """Listings of ``found`` whose names hold the head noun of a short need only as a qualifier of another thing.

        A need of two or three words names its thing by its head (the last English word before "for" or "of", the
        first Persian or Finglish one) and qualifies it with the others. A listing whose names hold that very word
        but never as their head is another thing the word qualifies: "pizza oven" is no "microwave oven tube",
        «برنج هندی» (rice) no «کمباین برنج» (a harvester of rice). A listing the head names, however qualified
        («لنت ترمز دوچرخه»), stays a suggestion; a head read only as a guess (a typing error, a translation) or a
        word naming no particular thing («دستگاه», "equipment") decides nothing. A listing that also holds the need's
        other words holds the whole it names: "engine oil" suggests the additive package for engine oil.
        """
        words = said.split()
        content = [word for word in words if not self._is_filler(word)]
        if not 2 <= len(content) <= _SHORT_QUERY:
            return []
        if all(map(is_latin, content)) and not self.finglish(said):
            before = list(takewhile(lambda word: word not in _ENGLISH_OF, words))
            named = [word for word in before if not self._is_filler(word)]
            head_word = named[-1] if named else content[-1]
            if self._vocab.get(head_word) not in self._english and self._vocab.get(head_word) not in self._english_words:
                return []  # "package divari": a Finglish word last, Persian order; which word is the head is unsure
        else:
            head_word = content[0]
        if head_word in GENERIC | PART_WORDS | DEVICE_WORDS:
            return []
        head, *others = self._match_words([head_word, *(word for word in content if word != head_word)], memo)
        sure = {term_id for term_id, similarity in head.similar.items() if similarity >= _SURE}
        qualifiers = {term_id for term in others for term_id, similarity in term.similar.items() if similarity >= _SURE}
        return [
            doc_id
            for doc_id in found
            if self._docs[doc_id].kind == "product"
            and not sure.isdisjoint(self._layout(doc_id)[1])
            and qualifiers.isdisjoint(self._layout(doc_id)[1])
            and sure.isdisjoint(self._name_heads(doc_id))
        ]

    def finglish(self, text: str) -> bool:
        """Whether ``text`` is Persian typed in Latin letters (Finglish), not English: "mil lang" (a crankshaft,
        «میل لنگ»), "komak fanar", "lebas aroos", while "wedding dress", "ECU chips" and "brake discs" are English.

        The rule: no Persian letter; no word (acronyms aside, "ECU") is a Latin word of the catalog's English names
        or English aliases (its plural or singular neither) or spelt as only English is ("wedding", "dress": see
        :func:`spelt_as_english`); and at least one word has the consonants and the v and y letters of a Persian
        word of the catalog, as the engine reads Finglish; with four consonants in all, for a short English word may
        sound like a Persian one ("honey" and «هانی»). A word the catalog lacks in both languages ("lang") is
        Finglish beside one it reads; a need none of whose words the engine can place stays undecided: not Finglish.
        """
        if _PERSIAN_LETTER.search(text):
            return False
        words = normalize(" ".join(word for word in latin_words(text) if not is_acronym(word))).split()
        words = [word for word in words if is_latin(word)]
        for word in words:
            forms = [self._vocab.get(form) for form in (word, word.removesuffix("s"), word + "s")]
            if spelt_as_english(word) or any(form in self._english or form in self._english_words for form in forms):
                return False
        if sum(len(skeleton(word)) for word in words) < _FINGLISH_CONSONANTS:
            return False
        return any(len(skeleton(word)) >= 2 and self._may_be_finglish(word) for word in words)

    def word_phrases(self, word: str) -> tuple[tuple[str, ...], ...]:
        """The phrases of two words or more the curated synonyms equate a normalized ``word`` with («الکتروموتور»:
        «موتور برقی», "electric motor")."""
        return tuple(self._word_phrases.get(word, ()))

    def catalog_words(self, text: str) -> list[tuple[str, dict[str, float]]]:
        """The catalog words each word of ``text`` may stand for, with their similarity in (0, 1].

        The same reading a query gets (typing errors, Finglish, joined and split spellings, the learnt
        translations and the curated synonyms), without ranking any listing: for callers that weigh the
        words themselves, such as reverse matching. Words of a need statement that name no product are
        left out; a word the catalog does not know comes with no matches.
        """
        read = [(word, typed) for word, typed in _senses(normalize(text).split()) if word not in FILLERS and not self._is_finglish_filler(word)]
        terms = self._match_words([word for word, _ in read], _Memo(), typed=[typed for _, typed in read])
        return [(term.word, {self._words[term_id]: value for term_id, value in term.similar.items()}) for term in terms]

    def _lookup_text(self, text: str, memo: _Memo) -> tuple[list[tuple[float, int, list[_Term]]], list[tuple[float, int, list[_Term]]]]:
        """Confident and related (score, doc id, query terms) of one normalized text."""
        if not text:
            return [], []
        service = service_need(text.split())
        if service == "nothing":
            return [], []
        exact = self._exact.get(text.replace(" ", ""), [])
        said = text.split()
        read = [
            (word, typed)
            for at, (word, typed) in enumerate(_senses(said))
            if not self._is_filler(word) and not self._quantity(word, said[at - 1] if at else "")
        ]
        words = [word for word, _ in read]
        if not words and not exact:
            return [], []
        exact_content = self._exact.get("".join(words), []) if words else []
        for spelling in self._synonym_spellings.get("".join(words), ()):
            exact_content = exact_content + self._exact.get(spelling, [])
        consonants = _phrase_skeleton(words)
        if len(consonants) >= _LEAST_CONSONANTS and any(map(is_latin, words)):
            exact_content = exact_content + self._exact_consonants.get(consonants, [])
        terms = self._match_words(words, memo, typed=[typed for _, typed in read])
        if "".join(words) not in self._synonym_spellings:
            # A Persian phrase the synonyms file names is Persian: «میل لنگ» is a crankshaft, not
            # "mill lining" sounded out.
            exact_content = exact_content + self._typed_by_sound([typed for _, typed in read], terms)
        length = len(text.split())
        # Only product words, nothing of a need statement: "artificial christmas tree decorations".
        bare = len(words) == length
        confident, related = self._score(terms, set(exact) | set(exact_content), memo, bare=bare, length=length)
        if not confident and related:
            # "dishwasher for home": what follows "for" says what the product serves. When the words before it
            # name a listing confidently and that listing's sector or description holds every word after it
            # (the home appliances), the need is that listing; "brake pads for bicycle" is not.
            served = self._serves(text.split(), {doc_id for _, doc_id in related}, memo) or self._persian_serves(
                words, terms, {doc_id for _, doc_id in related}
            )
            if served:
                confident = served
                related = [(score, doc_id) for score, doc_id in related if doc_id not in {d for _, d in served}]
        if self._headless(text.split(), terms):
            memo.unheaded.update(doc_id for _, doc_id in confident)
            # "christmas tree decorations" are decorations, whatever the tree: at most related.
            demoted = [(min(score, _CONFIDENT - 1.0), doc_id) for score, doc_id in confident]
            related = sorted(related + demoted, reverse=True)
            confident = []
        unheaded, unknown_head = self._persian_unheaded(text.split(), terms, [doc_id for _, doc_id in confident + related])
        if unheaded:
            memo.unheaded.update(doc_id for _, doc_id in confident if doc_id in unheaded)
            # «روغن موتور موتورسیکلت» is an oil: the additive of «ادتیو روغن موتور» is at most related. «رب گوجه
            # فرنگی» is a paste, «خمیر دندان» toothpaste, things the catalog does not know: the listings
            # their modifiers name (the seeds, the dental implant) are no suggestion for them either.
            demoted = [(min(score, _CONFIDENT - 1.0), doc_id) for score, doc_id in confident if doc_id in unheaded]
            confident = [(score, doc_id) for score, doc_id in confident if doc_id not in unheaded]
            if not unknown_head:
                related = sorted(related + demoted, reverse=True)
            else:
                related = [(score, doc_id) for score, doc_id in related if doc_id not in unheaded]
        head = self._known_head(text.split(), terms)
        if head is not None:
            # "needle bearing" is a bearing: the knitting needles, which hold only the word that qualifies
            # it, are neither its answer nor a suggestion for it.
            names_head = [doc_id for doc_id in {doc_id for _, doc_id in confident + related} if self._layout(doc_id)[1].isdisjoint(head.similar)]
            confident = [(score, doc_id) for score, doc_id in confident if doc_id not in names_head]
            related = [(score, doc_id) for score, doc_id in related if doc_id not in names_head]
        # "auto parts", «تجهیزات بیمارستان»: without the words that name no particular product, the
        # need may name a whole sector, whose desk then answers it.
        core = [word for word in words if word not in GENERIC and not self._is_finglish_filler(word, GENERIC_SKELETONS)]
        if core and len(core) < len(words):
            core_terms = self._match_words(core, memo)
            # «قطعات یخچال», "washing machine parts": the listings that are parts of what the rest names.
            # «قطعات ریخته‌گری», «قطعات تراشکاری» are cast and machined parts: made by a trade, not its parts.
            # «قطعات لاستیکی» are rubber parts, not the parts of a tyre: what they are made of is no thing they serve.
            parts = (
                len(core) <= _SHORT_QUERY
                and any(word in PART_WORDS for word in words)
                and not _names_a_trade(core)
                and not any(self._made_of(before, word) is not None for before, word in zip(words, words[1:]))
            )
            # Only a desk answers a need for a sector (the parts of a thing aside): only desks are scored.
            sector_level, _ = self._score(
                core_terms,
                set(self._exact.get("".join(core), [])),
                memo,
                parts=parts,
                among=None if parts else self._desks,
            )
            known = {doc_id for _, doc_id in confident}
            confident += [
                (score, doc_id)
                for score, doc_id in sector_level
                if (parts or self._docs[doc_id].kind == "desk") and doc_id not in known
            ]
        if service == "related" and confident:
            # «تعمیر کمپرسور یخچال» asks for a repair: the compressor is only related to it, and still
            # before what was only related (the thermostat, also a fridge part).
            demoted = [(min(score, _CONFIDENT - 1.0), doc_id) for score, doc_id in confident]
            related = [(min(score, _CONFIDENT - 2.0), doc_id) for score, doc_id in related]
            related = sorted(related + demoted, reverse=True)
            confident = []
        return [(score, doc_id, terms) for score, doc_id in confident], [(score, doc_id, terms) for score, doc_id in related]

    @staticmethod
    def _described(held: Sequence[tuple[float, int, int]]) -> list[tuple[float, int]]:
        """Related (score, doc id) from a describing message's evidence (see :meth:`_description_evidence`):
        the listings whose evidence is at least half the best one's."""
        if not held:
            return []
        top = held[0][0]
        return [
            (round(_DESCRIBING_SCORE * value / top, 1), doc_id)
            for value, _, doc_id in held[:_DESCRIBING_LISTINGS]
            if value >= _DESCRIBING_SHARE * top
        ]

    def _written_verb(self, word: str) -> str:
        """The written form of a spoken Persian verb the catalog does not know: «میرسونه» → «رساند».

        Descriptions are written («می‌رساند», «می‌کنند»), people speak («میرسونه», «میکنن»); the written
        stem (after «می», which a half-space splits off) is what a description holds.
        """
        if word in self._vocab or not word.startswith("می") or len(word) < 5:
            return word
        core = word[2:]
        for spoken, written in _SPOKEN_ENDINGS:
            if core.endswith(spoken) and (candidate := core[: -len(spoken)] + written) in self._vocab:
                return candidate
        return word

    @staticmethod
    def _dominates(held: Sequence[tuple[float, int, int]]) -> bool:
        """Whether the best listing's description evidence is strong and clearly ahead of the next one's.

        Calibrated on the paraphrases and the must-match-nothing queries of the tuning sets B–F and the
        dev sets (weight 15), then on D–J (weight 11): from three words, this weight and margin on, no
        must-match-nothing query of any set reaches it, and the best listing was the described one in all
        but one paraphrase of about 150.
        """
        if not held:
            return False
        value, words, _ = held[0]
        runner_up = held[1][0] if len(held) > 1 else 0.0
        return value >= _DOMINANT_WEIGHT and words >= _DOMINANT_WORDS and value >= _DOMINANT_MARGIN * runner_up

    def _clause_kind(self, words: Sequence[str], memo: _Memo) -> set[int]:
        """The readings of the one noun before a describing clause («ماده‌ای که …», "the substance that …"), if the
        clause comes within the first few words and that noun is no generic word (a part, a device, a thing)."""
        at = next((at for at, word in enumerate(words) if word in _CLAUSE_WORDS), None)
        if at is None or not 0 < at <= _CLAUSE_HEAD_WORDS:
            return set()
        # («ای» is the indefinite ending «ـه‌ای» split off by the half-space.)
        before = [word for word in words[:at] if not self._is_filler(word) and word != _INDEFINITE]
        if len(before) != 1:
            return set()
        # («ماشینی که», "a machine that": the indefinite «ی» written onto the noun.)
        if {before[0], before[0].removesuffix("ی")} & (GENERIC | PART_WORDS | DEVICE_WORDS):
            return set()
        (term,) = self._match_words(before, memo)
        return {term_id for term_id, value in term.similar.items() if value >= _SURE}

    @staticmethod
    def _clause_describes(words: Sequence[str], held: Sequence[tuple[float, int, int]]) -> int | None:
        """The listing a describing sentence names by what it does, if its description evidence leads.

        People who do not know a product's name say what it does, in a relative clause ("the thing that
        turns the engine over", «دستگاهی که جلوی فوران چاه رو میگیره», "oon chizi ke ..."). When such a
        sentence names no listing by its names, the listing whose names and description hold its rare
        words best (see :meth:`_description_evidence`) is the one meant, when it leads the next one by
        _CLAUSE_LEAD (a tenth): a near-even split is two candidates, and both stay suggestions. Without a clause a
        sentence may be a need around a thing ("solar panel cleaning service for my roof"): no more than
        suggestions. Weaker than :meth:`_dominates` (two rare words suffice) because the clause says
        the sentence describes one product.
        """
        if not held or not any(word in _CLAUSE_WORDS for word in words):
            return None
        value, _, best = held[0]
        runner_up = held[1][0] if len(held) > 1 else 0.0
        return best if value >= _CLAUSE_LEAD * runner_up else None

    def _focus(
        self, words: Sequence[str], held: Sequence[tuple[float, int, int]], confident: dict[int, tuple[float, list[_Term]]]
    ) -> int | None:
        """The confident listing a long message is about, when it is not first already.

        An introduction names its company's products and the one it wants to make, each by a few words
        ("copper cables", "an extrusion line", "wiring harnesses for carmakers"): every listing it contains
        is confident, ranked by how much of its name the message holds. The one the message says most
        about (its rare words in the listing's names and description, see :meth:`_description_evidence`)
        is the one it is about. A listing the message names exactly (score 100) keeps its place; so does
        a sector's desk answering a sector need (only products are reordered).
        """
        products = {doc_id: score for doc_id, (score, _) in confident.items() if self._docs[doc_id].kind == "product"}
        if len(products) < 2 or len(products) < len(confident) or max(products.values()) >= 100.0:
            return None
        evidence = {doc_id: value for value, _, doc_id in held if doc_id in products}
        if not evidence:
            return None
        first = max(products, key=lambda doc_id: products[doc_id])
        best = max(evidence, key=lambda doc_id: evidence[doc_id])
        if best == first or evidence[best] <= _FOCUS_LEAD * evidence.get(first, 0.0):
            return None
        return best

    def _description_evidence(self, text: str, memo: _Memo) -> tuple[list[tuple[float, int, int]], list[_Term]]:
        """(weight, words held, doc id) of the listings a message describing a product's function fits, best first.

        People who do not know a product's name say what it does ("tiny chips that store the data
        inside USB sticks", «دستگاهی که گرانول پلاستیک رو ذوب می‌کنه»), in words its description
        holds rather than its name. Every word the query shares with a listing's names, aliases or
        description counts once, by its rarity; only words in few listings are looked up, for a common
        word says nothing and a large catalog has tens of thousands of postings for it.
        """
        # The letters of an acronym spelt out («ای پی اس», EPS) are no words a description holds: «پی» and «اس» of its
        # «یو‌پی‌اس» (UPS), the «ای» of «استوانه‌ای», made the Li-ion cell a described EPS.
        spelt = spelt_out(text.split())
        read = [
            (word, typed)
            for position, (word, typed) in enumerate(_senses(text.split()))
            if word not in GENERIC and not self._is_filler(word) and position not in spelt
        ]
        # ... but the acronym they spell is one word: «سی تی» is CT, which the contrast medium's alias holds.
        read += [(acronym, acronym) for acronym in spelt_acronyms(text.split()) if acronym in self._vocab]
        terms = self._match_words([self._written_verb(word) for word, _ in read], memo, typed=[typed for _, typed in read])
        rare = max(_RARE_DESCRIPTION_WORD, len(self._docs) // 500)
        weight: dict[int, float] = defaultdict(float)
        count: dict[int, int] = defaultdict(int)
        for term in terms:
            best: dict[int, float] = {}
            for term_id, similarity in term.similar.items():
                if similarity < _TRUSTED:
                    continue
                value = self._idf[term_id] * similarity
                for field_name in (*_NAME_FIELDS, "description"):
                    postings = self._postings[field_name].get(term_id)
                    if postings is None or len(postings) > rare:
                        continue
                    for doc_id in postings:
                        if value > best.get(doc_id, 0.0):
                            best[doc_id] = value
            for doc_id, value in best.items():
                weight[doc_id] += value
                count[doc_id] += 1
        held = [
            (value, count[doc_id], doc_id)
            for doc_id, value in weight.items()
            if count[doc_id] >= _DESCRIBING_WORDS
            and value >= _DESCRIBING_WEIGHT
            and self._docs[doc_id].kind == "product"
        ]
        held.sort(key=lambda item: (-item[0], -self._docs[item[2]].weight, self._docs[item[2]].key))
        return held, terms

    def _sector_need(self, words: Sequence[str], scores: dict[int, float]) -> tuple[int, list[int]] | None:
        """The desk whose sector a short need names as a whole, when nothing else in it names a product.

        "what's open for the railway sector", «شرکت‌های داروسازی چه مواد اولیه‌ای کم دارن», "my
        machining shop wants to supply carmakers": a sector's name (a desk's alias, plurals aside),
        and around it only need-statement words, words naming no particular thing, workplaces (with
        what they work at: "my CNC shop"), question words and unknown place names. A word naming a
        product ("ECU for Saipa"), or any other word ("car wash"), leaves the need to the listings.
        ``scores`` are the desks' scores by their words, to choose between two sectors named. Returns the
        desk and the other sectors' desks the need names.
        """
        if not words or len(words) > 2 * _SECTOR_NEED_WORDS:
            return None
        content = [word for word in words if word not in FILLERS and len(word) > 1 or word in EXAMPLE_WORDS]
        # Need-statement words are many in a polite request («هر چی تو حوزه تجهیزات پزشکی … نیاز دارید لیستش رو
        # بدید»): the words that may name something count.
        if not content or len(content) > _SECTOR_NEED_WORDS:
            return None
        stems = [_stem(word) for word in content]
        # Every sector name in the need, longest first where they overlap: (start, end, desk id).
        found: list[tuple[int, int, int]] = []
        start = 0
        while start < len(stems):
            for end in range(len(stems), start, -1):
                desks = self._sector_phrases_by_stem.get(tuple(stems[start:end]))
                if desks:
                    found.append((start, end, desks[0]))
                    start = end
                    break
            else:
                start += 1
        if not found:
            found = self._finglish_sector(words, content)
        # «دستگاه‌های صنعتی مثل سی ان سی و پرس»: what follows "like" after a sector's name are examples of it.
        examples = next((position for position, word in enumerate(content) if word in EXAMPLE_WORDS), len(content))
        if not found:
            return None
        # Two sectors ("stuff for oil refineries" holds oil as well): the one the words name best; but a Persian
        # sector's name qualified by another's adjective is that other's («ماشین‌آلات معدنی», mining
        # machinery, is the mines' need). An adjective is a sector's noun with «ی» that is no sector's name itself:
        # «کشاورزی» and «نساجی» are nouns, and farm or textile machinery is still machinery.
        qualified = [
            later
            for earlier, later in zip(found, found[1:])
            if earlier[1] == later[0] and later[1] - later[0] == 1 and self._sector_adjective(content[later[0]])
        ]
        best = max(found, key=lambda item: (scores.get(item[2], 0.0), item[1] - item[0]))
        start, end, desk = qualified[-1] if qualified else best
        # Positions of the raw words, to see what precedes each content word.
        after_place = {
            word for previous, word in zip(words, words[1:]) if previous in PLACE_WORDS and word not in self._vocab
        }
        for position, word in enumerate(content):
            if word in EXAMPLE_WORDS or (position > examples and found[0][1] <= examples):
                continue
            if any(first <= position < last for first, last, _ in found):
                continue  # this sector's name, or a second one ("oil and gas", "stuff for oil refineries")
            if {word, stems[position]} & (GENERIC | WORKPLACES | SECTOR_ASKING | SECTOR_SCOPE | _SUFFIX_WORDS) or self._is_filler(word):
                continue
            if word in after_place or word in PLACE_WORDS:
                continue
            if _names_a_trade(content[position : position + 2]) or _names_a_trade(content[max(position - 1, 0) : position + 1]):
                continue  # «ما شرکت ریخته‌گری داریم، برای صنعت خودرو …»: the writer's trade, where the need comes from
            beside = content[position - 1 : position] + content[position + 1 : position + 2]
            if any(other in WORKPLACES for other in beside):
                continue  # "my CNC shop", «کارگاه تراشکاری»: where the need comes from
            return None
        return desk, [other for _, _, other in found if other != desk]

    def _item_sectors(self, pieces: Sequence[str], desk: int, scores: dict[int, float]) -> list[int]:
        """The desks of the sectors a list's items name besides ``desk`` (the sector the whole need names), in the
        order named: each item read alone as a sector need (see :meth:`_sector_need`).

        "oil and gas" is one sector, whichever item names it; an item naming no sector, or a list naming one only,
        gives none. Machinery is never a further sector: every sector buys it, and named beside another it is that
        sector's («ماشین‌آلات و مواد مصرفی معادن» is the mines' machinery and consumables).
        """
        named: list[int] = []
        for piece in pieces:
            found = self._sector_need(_read(piece).split(), scores)
            if found is not None and found[0] != desk and found[0] not in named and found[0] not in self._machine_desks:
                named.append(found[0])
        return named

    def _sector_machines(self) -> tuple[dict[int, list[int]], frozenset[int]]:
        """Per desk, the product listings of its sector that are machines (HS chapter 84), in family order; and
        the desks of a machine-building sector (most of its listings machines, the machinery desk).

        Grouped by the documents' sector keys: every desk of a sector lists the same machines.
        """
        listings: dict[str, list[int]] = defaultdict(list)
        for doc_id in self._family_order:
            document = self._docs[doc_id]
            if document.kind == "product" and document.sector is not None:
                listings[document.sector].append(doc_id)
        machines = {
            sector: [
                doc_id for doc_id in members if (self._docs[doc_id].hs_code or "").startswith(_MACHINE_CHAPTER)
            ]
            for sector, members in listings.items()
        }
        builders = {sector for sector, members in listings.items() if 2 * len(machines[sector]) > len(members)}
        by_desk: dict[int, list[int]] = {}
        for desk in self._desks:
            sector = self._docs[desk].sector
            if sector is not None and machines.get(sector):
                by_desk[desk] = machines[sector]
        return by_desk, frozenset(desk for desk in self._desks if self._docs[desk].sector in builders)

    def _sector_equipment(self) -> frozenset[str]:
        """The keys of the listings that are machines a works owns (see :meth:`is_machine`)."""
        builders = {self._docs[desk].sector for desk in self._machine_desks}
        return frozenset(
            document.key for document in self._docs
            if document.kind == "product" and document.sector in builders and _machine_code(document.hs_code or "")
        )

    def is_machine(self, key: str) -> bool:
        """Whether listing ``key`` is a machine a works owns (an injection moulding machine, a CNC lathe, a press
        brake), not a part of one: it is under HS chapter 84 but none of its headings of parts and components
        (``_COMPONENT_HEADINGS``: bearings, gears, cylinders), and its sector builds machines (most of its listings
        are under chapter 84: the machinery sector, not home appliances' washing machine drum under 8450)."""
        return key in self._equipment

    def _made_of(self, before: str, word: str) -> int | None:
        """The term id of the noun the Persian adjective ``word`` is made of («لاستیک» of «لاستیکی»), when it
        follows a word naming no particular product («قطعات», «لوازم»): there the adjective tells what the parts are
        made of or for, not a thing of its own. None when the adjective is a sector's name («لوازم خانگی») or made of
        one («قطعات ریلی», rail parts, name that sector's need)."""
        if before not in GENERIC or is_latin(word) or not word.endswith("ی") or word in self._sector_words or word[:-1] in self._sector_words:
            return None
        if self._sector_adjective(word):
            return None
        return self._vocab.get(word[:-1])

    def _sector_adjective(self, word: str) -> bool:
        """Whether the Persian ``word`` is an adjective made of a sector's noun («معدنی» of «معدن»), not a sector's
        own name that happens to end in «ی» («کشاورزی», «نساجی»)."""
        if is_latin(word) or not word.endswith("ی") or word in self._sector_words:
            return False
        return (_stem(word),) in self._sector_phrases_by_stem

    def _finglish_sector(self, words: Sequence[str], content: Sequence[str]) -> list[tuple[int, int, int]]:
        """(start, end, desk id) of a sector's Persian name typed in Finglish right after the word for industry.

        "sanaye ghazayi" is «صنایع غذایی», "sanat-e darooyi" «صنعت دارویی»: each word's consonants are
        those of the sector name's words. A Finglish word of two consonants alone may be many words
        ("door" is no «دارو»); after "sanaye"/"sanat" it is the industry's name.
        """
        spoken = [word for word in words if word not in _EZAFE]
        following = {word for previous, word in zip(spoken, spoken[1:]) if previous in _FINGLISH_INDUSTRY}
        for start, word in enumerate(content):
            if word not in following or not is_latin(word) or word in self._vocab:
                continue
            for end in range(min(len(content), start + _SHORT_QUERY), start, -1):
                span = content[start:end]
                desks = self._sector_sounds.get(tuple(skeleton(each) for each in span)) if all(map(is_latin, span)) else None
                if desks:
                    return [(start, end, desks[0])]
        return []

    def _family(self, words: Sequence[str], memo: _Memo, limit: int) -> dict[int, float]:
        """The listings a need naming only a family's head noun asks for: «شیر صنعتی», "valves", «پمپ‌ها».

        A family is a head noun several listings are named by, in both languages: the word (or its
        translation) heads an English and a Persian name of each of at least two listings («شیر
        اطمینان» and "safety relief valve"). A word heading names in one language only, or in one
        listing's names («موتور» of the motors and a motorbike, «کمک» of the shock absorber and the
        co-catalyst read as "help"), names no family; nor does a word of two letters («آب», water),
        a typing guess, or a need around it (a service, a question to the bot, a second product word).
        The family is listed confident, by import value, as a sector need lists its sector: listing → score.
        """
        if service_need(list(words)) is not None:
            return {}
        core = [
            word
            for word in words
            if not self._is_filler(word) and word not in GENERIC and word not in FAMILY_QUALIFIERS
            and not self._is_finglish_filler(word, GENERIC_SKELETONS)
        ]
        if len(core) != 1 or small_talk(" ".join(words)) is not None:
            return {}
        if any(word == core[0] and self._made_of(before, word) is not None for before, word in zip(words, words[1:])):
            # «قطعات لاستیکی» are parts made of rubber, «قطعات فلزی» of metal: the adjective is a material, not
            # the family its noun heads (the tyres everyday Persian calls «لاستیک»).
            return {}
        return self._family_of(core[0], memo, limit)

    def _family_in_sector(self, words: Sequence[str], desk: int, memo: _Memo, limit: int) -> dict[int, float]:
        """The family (see :meth:`_family`) the one word of a need heads, when all of its listings are in the sector
        of ``desk``: listing → score; else none."""
        content = [word for word in words if not self._is_filler(word)]
        if len(content) != 1:
            return {}
        # A word too short to name a family on its own («نخ») does so by its synonyms ("yarn"): being the sector's
        # alias already says which sense it has.
        (term,) = self._match_words(content, memo)
        spellings = [content[0], *(self._words[term_id] for term_id, value in term.similar.items() if value == _SYNONYM)]
        for spelling in spellings:
            members = self._family_of(spelling, memo, limit)
            if len(members) >= _FAMILY_LISTINGS and all(
                self._docs[doc_id].sector == self._docs[desk].sector for doc_id in members
            ):
                return members
        return {}

    def _family_core(self, words: Sequence[str]) -> list[str] | None:
        """The words of a short need that may name a family or qualify it (see :meth:`_near_family`), or None for a
        need for a service, a question to the bot or a need with a word for parts, which name no family."""
        if service_need(list(words)) is not None or small_talk(" ".join(words)) is not None:
            return None
        if any(word in PART_WORDS for word in words):
            return None
        return [
            word
            for word in words
            if not self._is_filler(word) and word not in GENERIC and word not in FAMILY_QUALIFIERS
            and not self._is_finglish_filler(word, GENERIC_SKELETONS) and word not in _SUFFIX_WORDS
        ]

    def _qualified_family(self, words: Sequence[str], memo: _Memo, limit: int) -> dict[int, float]:
        """The members of a family that a need names by its head noun and qualifies by words every one of them holds.

        «کاتالیست پالایشگاهی» (refinery catalysts), "drill bits for oil wells": the head names a family (see
        :meth:`_family`), the other words say which of it, by a word of each member's names, sector or description
        (the refining sector's catalysts; the bits whose descriptions speak of wells). A qualifier no member holds
        makes another thing of the head ("bicycle tyres"): no family, as a need naming a part or a service is none.
        """
        core = [word for word in self._family_core(words) or () if not word.isdigit()]
        if not 2 <= len(core) <= _QUALIFIED_WORDS:
            return {}
        # What follows "for" says what the thing serves, as a description does; the words before it must be the
        # thing's own (its own names) or name its sector as a whole: "electric motor" is not every motor whose description
        # or sector's names say electric.
        purpose = next((at for at, word in enumerate(words) if word in PURPOSE), len(words))
        serving = set(words[purpose:])
        terms = self._match_words(core, memo)
        for at, word in enumerate(core):
            if word in serving:
                continue
            # (The largest imports first: a large catalog's family of thousands is not read whole for each query.)
            family = self._family_of(word, memo, _QUALIFIED_SCAN)
            if len(family) < _FAMILY_LISTINGS:
                continue
            qualifiers = [
                (
                    {term_id for term_id, value in term.similar.items() if value >= _SURE},
                    {self._docs[desk].sector for desk in self._sector_phrases_by_stem.get((_stem(term.word),), ())},
                    term.word in serving,
                )
                for other, term in enumerate(terms)
                if other != at
            ]

            def qualified(doc_id: int) -> bool:
                fields, names, support, _, _ = self._layout(doc_id)
                # (An alias is often a compound the qualifier is half of: "motor jaroo barghi" is no electric motor.)
                own = {term_id for name, ids in fields if name != "alias" for term_id in ids}
                sector = self._docs[doc_id].sector
                return all(
                    sector in sectors or not (support | names if serves else own).isdisjoint(readings)
                    for readings, sectors, serves in qualifiers
                )

            members = {doc_id: score for doc_id, score in family.items() if qualified(doc_id)}
            if members:
                return dict(list(members.items())[:limit])
        return {}

    def _families_of_pieces(self, pieces: Sequence[str], memo: _Memo, limit: int) -> list[dict[int, float]]:
        """The distinct families the pieces of a message name, one piece each (see :meth:`_family`)."""
        families: list[dict[int, float]] = []
        for piece in pieces:
            members = self._family(_read(piece).split(), memo, limit)
            if members and members not in families:
                families.append(members)
        return families

    def _near_family(self, words: Sequence[str], memo: _Memo, limit: int, *, reached: bool) -> dict[int, float]:
        """The family a short need names by its head noun and qualifies beyond any listing: «شیر پروانه‌ای».

        A butterfly valve is not listed, but it is a valve: the need suggests the valves, not whatever
        shares its other words. The head is the first word of a Persian or Finglish need, the last of an
        English one (one starting with a word of the English names); a service, a question to the bot or
        a need with a word for parts is no family's.

        A Persian family word may mean something else («شیر خشک» is powdered milk): such a need suggests
        the family only if its words ``reached`` a listing of their own. An English need of words the
        catalog surely knows ("ball valve") needs no such sign, nor a Persian one the synonyms file gives
        as an English phrase («شیر توپی» is a ball valve). An English word the catalog does not know may
        make another thing of the head ("bicycle tyres"): no family.
        """
        core = self._family_core(words)
        if core is None:
            return {}
        # A kind of the family the synonyms file names («شیر توپی», "butterfly valve") is one: it is read as
        # its English phrase, whose head is a word of the English names.
        phrases = [tuple(core), *self._synonym_phrases.get(tuple(core), ())]
        vouched = [
            phrase for phrase in phrases if len(phrases) > 1 and all(map(is_latin, phrase)) and self._vocab.get(phrase[-1]) in self._english
        ]
        core = list(vouched[0]) if vouched else core
        if not 2 <= len(core) <= _SHORT_QUERY:
            return {}
        # An English need starts with a word of the English names ("battery charger" is a charger), or an
        # English word only aliases hold ("needle bearing" is a bearing, not the knitting needles); Finglish
        # ones rarely do ("shir parvane").
        english = bool(vouched) or all(is_latin(word) for word in core) and (self._vocab.get(core[0]) in self._english or self._vocab.get(core[0]) in self._english_words)
        if not reached and not (
            vouched
            or english
            and all(
                any(similarity >= _SURE for similarity in term.similar.values()) for term in self._match_words(core, memo)
            )
        ):
            return {}
        head = core[-1] if english else core[0]
        family = self._family_of(head, memo, limit)
        named_kind = vouched or tuple(word for word in words if not self._is_filler(word)) in self._synonym_phrases
        qualifiers = [
            word for word in core if word != head and word not in self._sector_words and not self._sector_adjective(word)
        ]
        if not named_kind and len(qualifiers) >= 2:
            # «پمپ تزریق سرم», an infusion pump: its qualifiers «تزریق» and «سرم» (injection, an IV drip) are both
            # words of medical listings, so the pump is a medical device, and the oil well's and the car's pumps are
            # no suggestion for it. One shared word is no such sign ("ball valves" and the ball bearing), nor is a
            # sector's own name («پمپ آب کشاورزی»: any maker of pumps may serve farms).
            shared = set.intersection(*(self._word_sectors(word) for word in qualifiers))
            if shared and shared.isdisjoint(self._docs[doc_id].sector for doc_id in family):
                return {}
        return family

    def _word_sectors(self, word: str) -> set[str | None]:
        """The sectors of the listings whose names, aliases or descriptions hold ``word`` as written; none for a word
        in more than _SECTOR_SIGN_LISTINGS of them, which is no sign of one sector (and would be slow to read)."""
        term_id = self._vocab.get(word)
        if term_id is None:
            return set()
        postings = [self._postings[name].get(term_id, ()) for name in ("name_en", "name_fa", "alias", "description")]
        if sum(map(len, postings)) > _SECTOR_SIGN_LISTINGS:
            return set()
        return {self._docs[doc_id].sector for ids in postings for doc_id in ids if self._docs[doc_id].kind == "product"}

    def _family_of(self, word: str, memo: _Memo, limit: int) -> dict[int, float]:
        """The listings a family's head noun heads (see :meth:`_family`), largest imports first, if any, with
        how surely each is one (_FAMILY_NAMED, _FAMILY_ALIASED)."""
        if len(word) < _FAMILY_LETTERS:
            return {}
        (term,) = self._match_words([word], memo)
        # The word as typed, its plural or a synonym, and their translations («شیر» of "valves").
        # Not a typing guess: "seed" is no "speed".
        heads = {
            term_id
            for term_id, similarity in term.similar.items()
            if similarity >= _SYNONYM or (similarity >= _SURE and _inflected(term.word, self._words[term_id]))
        }
        if not any(similarity >= _SURE and term_id in self._english for term_id, similarity in term.similar.items()):
            heads.update(self._finglish_spellings(term.word))
        learnt = {other for term_id in heads for other in self._lexicon.get(term_id, ())}
        heads |= learnt
        # A translation the catalog's parallel names teach is the word itself («شیر» and "valve" name the same
        # listings both ways). A curated literal one tells that a listing named in the word's own language is
        # one in both, but makes none of a listing named only in the other: "needles" are the knitting and the
        # IV needles («سوزن بافندگی»), not the railway switch, which Persian also calls «سوزن».
        own = heads - (self._other_language(term.word, heads) - learnt)
        family, bilingual = self._members(heads, own, limit)
        latin = is_latin(term.word)
        if latin and family and bilingual < _FAMILY_LISTINGS and all(score == _FAMILY_NAMED for score in family.values()):
            # "seals" heads the English names of the mechanical seal and the dry gas seal, whose Persian names
            # both start with «آب‌بند», a word no translation gives: the head all their own Persian names share
            # translates it (as an English head translates «لاستیک» below). It only counts their scripts: the
            # family stays the listings the word itself heads.
            translations = self._shared_heads(family, latin=False)
            if translations:
                family, bilingual = self._members(heads | translations, own, limit)
        if family and bilingual < _FAMILY_LISTINGS and not latin:
            # «لاستیک», everyday Persian for a tyre, heads only aliases, and no translation of it is known: the
            # English head that every one of its listings' own names has ("tyre") translates it. Listings that
            # share no such head («کمک» of the shock absorber and of the co-catalyst) are no family. (An English
            # word has its translations in the names; one heading only aliases, "engine", names no family.)
            translations = self._shared_heads(family, latin=True)
            if translations:
                family, bilingual = self._members(heads | translations, own, limit)
        return dict(list(family.items())[:limit]) if bilingual >= _FAMILY_LISTINGS else {}

    def _shared_heads(self, family: Collection[int], *, latin: bool) -> set[int]:
        """The head nouns, in Latin letters or in Persian ones (``latin``), that the own names (not aliases) of
        every listing of ``family`` have, when it has two listings at least: a translation of its word."""
        if len(family) < _FAMILY_LISTINGS:
            return set()
        # The heads of the first listing that every other one has too, in the first one's order; a family of
        # a common word has thousands of listings, and most often they share no head after a few of them.
        shared: dict[int, None] | None = None
        for doc_id in family:
            heads = [head for head, named in self._name_heads(doc_id).items() if named and is_latin(self._words[head]) == latin]
            shared = dict.fromkeys(heads) if shared is None else dict.fromkeys(head for head in shared if head in heads)
            if not shared:
                return set()
        return set(shared or ())

    def _members(self, heads: set[int], own: set[int], limit: int) -> tuple[dict[int, float], int]:
        """The listings ``own`` heads (see :meth:`_headed_by`) with their family scores, and how many of them
        ``heads`` head in both scripts."""
        family: dict[int, float] = {}
        bilingual = 0
        # Largest imports first, and only as many as are shown: a large catalog has thousands of names
        # holding "pump", and the family is listed by import value anyway.
        for doc_id, scripts, named in self._headed_by(heads, own):
            if len(family) >= limit and bilingual >= _FAMILY_LISTINGS:
                break
            family[doc_id] = _FAMILY_NAMED if named else _FAMILY_ALIASED
            bilingual += len(scripts) == 2
        return family, bilingual

    def _only_bound(self, doc_id: int, terms: Sequence[_Term]) -> bool:
        """Whether the query reaches a listing's names only through words inside its privative compounds."""
        if doc_id not in self._bound:
            return False
        matched = {term_id for term in terms for term_id in term.similar}
        prefixes = {self._vocab.get(prefix) for prefix in _PRIVATIVE}
        hits = matched & self._layout(doc_id)[1]
        return bool(hits) and not hits & prefixes and hits <= self._bound[doc_id]

    def _finglish_spellings(self, word: str) -> list[int]:
        """The Persian words a Latin word is typed for: the same consonants, a و and a ی for its "v" and "y".

        "shir" is «شیر» as "pomp" is «پمپ»: Finglish is Persian, not a typing guess at it. A word of two
        consonants counts too, although the catalog may hold it in Latin letters (the alias "shir etminan"):
        reading only that alias, "shir sanati" found no Persian head noun and so no family. A Persian word
        of two letters names no family ("sar", «سر»); the caller leaves out a word read surely as one of
        the English names ("tire", "tyre", is no «تری»).
        """
        key = skeleton(word) if is_latin(word) else ""
        if len(key) < 2:
            return []
        return [
            term_id
            for term_id in self._skeletons.get(key, ())
            if len(self._words[term_id]) >= _FAMILY_LETTERS and _vowel_letters_agree(word, self._words[term_id])
        ]

    def _unknown_kind(self, words: Sequence[str]) -> bool:
        """Whether a short need is a listing's whole name with one more word no name in the catalog holds.

        «لنت ترمز دوچرخه» (bicycle brake pads): the extra word, at either end, may make the need another
        kind of thing that shares the name, one the catalog lacks. A word a name holds (a typing error of
        it too), one the named listing's description holds («پارچه لی شلواری»), a Latin word (Finglish
        for a name's word, "almas tarashkari karbayd") or a need statement around them leaves the need
        to the listings.
        """
        if not 2 <= len(words) <= _SHORT_QUERY or any(self._is_filler(word) or word in GENERIC for word in words):
            return False
        for first, extra, rest in ((True, words[0], words[1:]), (False, words[-1], words[:-1])):
            named = self._exact.get("".join(rest))
            # A Latin word unknown to the names may be Finglish for one ("karbayd"); but before an English
            # name it is an English qualifier, what English puts first ("bicycle brake pads").
            english_qualifier = first and is_latin(extra) and all(is_latin(word) for word in rest)
            if len(extra) < _FAMILY_LETTERS or (is_latin(extra) and not english_qualifier) or extra.isdigit() or not named:
                continue
            (term,) = self._match_words([extra], _Memo())
            if any(term_id in self._postings[name].keys() for term_id in term.similar for name in _NAME_FIELDS):
                continue
            # «پارچه لی شلواری»: what the named listing's description says of it is no other kind.
            if not any(term.similar.keys() & self._layout(doc_id)[2] for doc_id in named):
                return True
        return False

    def _outnumbered(self, words: Sequence[str], confident: dict[int, tuple[float, list[_Term]]], memo: _Memo) -> list[int]:
        """Listings a short Persian-letter need names by fewer of its words than name other listings.

        «سیتی گیت استیشن پرشر رگولیتور» is "city gate station pressure regulator" typed in Persian letters:
        «سیتی» is in the CT scanner's alias «سیتی اسکن», but «پرشر» and «رگولیتور» name other listings (a
        pressure transmitter, the gas regulator): the message is about something else than the one word
        says. A listing its words name fewer of than half, and fewer than name other listings, is at most
        related. A need whose other words name nothing («لنت ترمز جلو») keeps its listing.
        """
        content = [word for word in words if not self._is_filler(word) and not word.isdigit()]
        if not _SHORT_QUERY < len(content) <= _TYPED_BY_SOUND[1] or any(is_latin(word) for word in content):
            return []
        terms = self._match_words(content, memo)
        naming = [
            {term_id for term_id, value in term.similar.items() if value >= _ALIGNED}
            for term in terms
        ]
        in_names = [
            any(term_id in self._postings[name] for term_id in ids for name in _NAME_FIELDS) for ids in naming
        ]
        outnumbered = []
        for doc_id, (score, _) in confident.items():
            # A name the words spell as a whole («کلد فلو ایمپروور دیزل», see _typed_by_sound) is that listing.
            if self._docs[doc_id].kind != "product" or score >= 100.0:
                continue
            names = self._layout(doc_id)[1]
            its = [not names.isdisjoint(ids) for ids in naming]
            others = sum(1 for own, named in zip(its, in_names) if named and not own)
            if 2 * sum(its) < len(content) and others > sum(its):
                outnumbered.append(doc_id)
        return outnumbered

    def _phrase_family(self, words: Sequence[str], limit: int) -> dict[int, float]:
        """The family a one-word need names through the English phrase the synonyms file equates it with.

        «الکتروموتور» is "electric motor": the motors, the listings whose own English names "motor" heads (the
        starter, the washing machine's, the traction motor), not the diesel engine that Persian calls «موتور» too.
        Only a word that names no listing and no family itself is read so. Listing → score.
        """
        content = [word for word in words if not self._is_filler(word) and word not in GENERIC]
        if len(content) != 1:
            return {}
        word = content[0]
        for phrase in self._word_phrases.get(word) or self._word_phrases.get(_stem(word), []):
            if not all(self._vocab.get(word) in self._english_words for word in phrase):
                continue
            places = self._family_heads.get(self._vocab[phrase[-1]], ())
            named = [self._family_order[place >> 1] for place in places if place & 1]
            if len(named) >= _FAMILY_LISTINGS:
                return dict.fromkeys(named[:limit], _FAMILY_NAMED)
        return {}

    def _unheld_head(self, words: Sequence[str], memo: _Memo, limit: int) -> dict[int, float] | None:
        """For a short English need whose head noun is an everyday thing the catalog does not hold, the listings its
        other words name as a whole (listing → score; maybe none), else ``None``.

        The head noun of a short English need is its last word before "for": a "pump cover" is a cover, and no
        listing is one. Its other words tell what it belongs to: a pump (the pumps, named by that word alone or as a
        family) may be the thing of which it is a part. Which unknown words are such things is curated
        (``EVERYDAY_HEADS``): an unknown last word is as often a typing error ("seat bealts") or Finglish.
        """
        if not words or not all(map(is_latin, words)):
            return None
        before = list(takewhile(lambda word: word not in _ENGLISH_PURPOSE, words))
        content = [
            word for word in before if not self._is_filler(word) and word not in GENERIC and not word.isdigit()
        ]
        if not 2 <= len(content) <= _SHORT_QUERY:
            return None
        head, modifiers = content[-1], content[:-1]
        # English around it: a Latin word of no name among Finglish ones is Finglish too ("tiub ashae iks").
        if head not in EVERYDAY_HEADS or not all(self._vocab.get(word) in self._english_words for word in modifiers):
            return None
        named = self._exact.get("".join(modifiers))
        if named:
            return dict.fromkeys(named[:limit], _CONFIDENT - 2.0)
        return self._family(modifiers, memo, limit)

    def _literal_compounds(self, said: str) -> str:
        """``said`` with two English words in a row read as the name their literal Persian senses form together.

        "help spring" is «کمک فنر» (the shock absorber) translated word by word: «کمک» is help, «فنر» a spring.
        Read word by word, "help" is need wording and "spring" names no listing; read together, the pair is the
        name the synonyms file gives in English ("shock absorber"), or in Persian when it gives none.
        """
        words = said.split()
        if len(words) < 2 or not any(map(is_latin, words)):
            return said
        read: list[str] = []
        at = 0
        while at < len(words):
            name = self._literal_name(words[at], words[at + 1]) if at + 1 < len(words) else None
            if name is None:
                read.append(words[at])
                at += 1
            else:
                read += name
                at += 2
        return " ".join(read)

    def _literal_name(self, first: str, second: str) -> tuple[str, ...] | None:
        """The name that the literal Persian senses of ``first`` and ``second`` form (see _literal_compounds)."""
        if not (is_latin(first) and is_latin(second)) or (first, second) in self._synonym_phrases:
            return None
        senses = [
            [self._words[ids[0]] for ids in self._synonyms.get((word,), ()) if not is_latin(self._words[ids[0]])]
            for word in (first, second)
        ]
        for phrase in product(*senses):
            equivalents = self._synonym_phrases.get(phrase)
            if equivalents:
                english = [
                    other
                    for other in equivalents
                    if all(self._vocab.get(word) in self._english_words for word in other)
                ]
                return english[0] if english else phrase
        return None

    def _spelt_only(
        self, words: Sequence[str], confident: dict[int, tuple[float, list[_Term]]], memo: _Memo
    ) -> list[int]:
        """Listings a need names by a spelt-out acronym alone, when the need's other words support another listing
        that the acronym names too.

        Letter names spell many acronyms («ای سی یو» is the ICU and the engine's ECU): the need's other words
        (the patient, breathing) tell which is meant. A listing none of them supports, in its names, descriptions
        or sector, is at most related beside one that some of them support.
        """
        spelt = spelt_out(list(words))
        products = [doc_id for doc_id in confident if self._docs[doc_id].kind == "product"]
        # One acronym: of two («ال ای دی و ال سی دی») each names its own listing.
        if not spelt or len(products) < 2 or max(spelt) - min(spelt) + 1 != len(spelt):
            return []
        others = [
            word
            for at, word in enumerate(words)
            if at not in spelt and not self._is_filler(word) and not word.isdigit()
        ]
        readings = [
            {term_id for term_id, value in term.similar.items() if value >= _ALIGNED and term_id not in self._unnaming}
            for term in self._match_words(others, memo)
        ]

        def supported(doc_id: int) -> bool:
            _, names, support, _, _ = self._layout(doc_id)
            held = names | support
            return any(not held.isdisjoint(ids) for ids in readings)

        backed = [doc_id for doc_id in products if supported(doc_id)]
        return [doc_id for doc_id in products if doc_id not in backed] if backed else []

    def _name_heads(self, doc_id: int) -> dict[int, bool]:
        """The head nouns of a listing's names and aliases (see :meth:`_name_head`), each with whether a name
        other than an alias has it (the listing is named as one, not only called one)."""
        heads: dict[int, bool] = {}
        for fld, ids in zip(self._docs[doc_id].fields, self._fields_of(doc_id)):
            if fld.name not in _NAME_FIELDS:
                continue
            head = self._name_head(fld.name, ids, fld.text)
            if head is not None:
                heads[head] = heads.get(head, False) or fld.name != "alias"
        return heads

    def _name_head(self, field_name: str, ids: Sequence[int], text: str = "") -> int | None:
        """The head noun of one name (see :meth:`_name_heads`), if it has a word that is no filler.

        What brackets close an English name with is an acronym, a grade or a gloss ("Tricone roller cone bit
        (TCI)", "Drill pipe (API 5DP)"): the head is the last word before them.
        """
        bracketed = _TRAILING_BRACKET.search(text) if field_name == "name_en" else None
        if bracketed is not None and 0 < (tail := len(normalize(bracketed.group(1)).split())) < len(ids):
            ids = ids[:-tail]
        content = [term_id for term_id in ids if term_id not in self._fillers]
        if not content:
            return None
        if field_name != "name_en" and not (self._english_order(content) or self._no_finglish(content)):
            return ([term_id for term_id in content if term_id not in self._generic] or content)[0]
        return content[self._english_head(ids, content)]

    def _no_finglish(self, content: Sequence[int]) -> bool:
        """Whether a Latin alias of two words or more ends in a word that cannot be Finglish (it has the consonants
        of no Persian word of the catalog): "molybdenum ferroalloy" is English although its words are in no
        English name, while a Finglish alias ends in Persian ("lastik savari", "pomp chah naft")."""
        words = [self._words[term_id] for term_id in content]
        return len(words) >= 2 and all(map(is_latin, words)) and not self._may_be_finglish(words[-1])

    def _may_be_finglish(self, word: str) -> bool:
        """Whether a Latin word has the consonants, and the v and y sounds, of a Persian word of the catalog."""
        persian = self._skeletons.get(skeleton(word), ())
        return any(_vowel_letters_agree(word, self._words[term_id]) for term_id in persian)

    def _index_heads(self) -> tuple[array[int], dict[int, array[int]]]:
        """Product listings in the order a family lists them (largest imports first, then by code), and
        per head noun the places in that order of the listings whose names it heads (:meth:`_name_heads`),
        each stored as ``2 * place + named`` (named: a name other than an alias has that head).

        Worked out once at build, so that a family need («پمپ صنعتی», "compressors") reads the few
        listings it shows rather than sorting and looking over thousands whose names hold the word.
        """
        docs = self._docs
        order = array("I", sorted(range(len(docs)), key=lambda d: (-docs[d].weight, docs[d].key)))
        # Many listings share names (their sector's, common aliases): each name's head is found once.
        head_of: dict[tuple[bool, bytes, str], int | None] = {}
        headed: dict[int, array[int]] = {}
        for place, doc_id in enumerate(order):
            document = docs[doc_id]
            if document.kind != "product":
                continue
            heads: dict[int, bool] = {}
            for fld, ids in zip(document.fields, self._fields_of(doc_id)):
                if fld.name not in _NAME_FIELDS:
                    continue
                key = (fld.name == "name_en", ids.tobytes(), fld.text if fld.name == "name_en" else "")
                if key not in head_of:
                    head_of[key] = self._name_head(fld.name, ids, fld.text)
                head = head_of[key]
                if head is not None:
                    heads[head] = heads.get(head, False) or fld.name != "alias"
            for head, named in heads.items():
                places = headed.get(head)
                if places is None:
                    places = headed[head] = array("I")
                places.append(2 * place + named)
        return order, headed

    def _headed_by(self, heads: set[int], own: set[int]) -> Iterator[tuple[int, set[bool], bool]]:
        """Product listings whose names one of ``own`` heads, in family order (see :meth:`_index_heads`),
        each with the scripts (Latin or not) of the heads it has among ``heads`` (``own`` and more), and
        whether a name other than an alias has one."""
        lists = [
            zip(self._family_heads[head], repeat((is_latin(self._words[head]), head in own)))
            for head in heads
            if head in self._family_heads
        ]
        current, scripts, named, headed = -1, set[bool](), False, False
        for stored, (latin, owned) in heapq.merge(*lists):
            place = stored >> 1
            if place != current:
                if scripts and headed:
                    yield self._family_order[current], scripts, named
                current, scripts, named, headed = place, set(), False, False
            scripts.add(latin)
            named = named or bool(stored & 1)
            headed = headed or owned
        if scripts and headed:
            yield self._family_order[current], scripts, named

    def _headless(self, words: Sequence[str], terms: Sequence[_Term]) -> bool:
        """Whether an English need's head noun is a word the catalog does not know.

        English puts the head last ("christmas tree decorations", before "for", "of", "with" when they
        follow): when the catalog does not know it, the need is for that unknown thing, and the words
        before it only qualify it. Only a need whose other words are words of English names counts:
        Finglish puts the head first ("lent pride" is brake pads for a Pride).
        """
        if not terms or not all(is_latin(word) for word in words):
            return False
        known = {term.word: bool(term.similar) for term in terms}
        content = _head_phrase(words, known)
        # A short need only: a sentence's last noun before "to" or "with" need not be its head.
        if not 2 <= len(content) <= _SHORT_QUERY or len(terms) > _SHORT_QUERY + 1:
            return False
        head = content[-1]
        return (
            not known[head]
            and head not in GENERIC
            and len(head) >= 3
            and all(self._vocab.get(word) in self._english for word in content[:-1])
        )

    def _persian_serves(self, words: Sequence[str], terms: Sequence[_Term], among: set[int]) -> list[tuple[float, int]]:
        """(score, doc id) of the listings of ``among`` whose whole name or alias is a short Persian need's head
        noun, its first word, when the listing's description or sector holds each word after it.

        The Persian side of "X for Y" (see :meth:`_serves`), in ezafe order: «بلبرینگ الکتروموتور» is a bearing of
        electric motors, and the ball bearing's description says it is for them. A word after the head that the
        listing's description lacks («لنت ترمز دوچرخه», a bicycle's) leaves the need related.
        """
        if not 2 <= len(terms) <= _SHORT_QUERY or any(map(is_latin, words)):
            return []
        named = set(self._exact.get(words[0], ())) & among
        served = []
        for doc_id in named:
            support = self._layout(doc_id)[2]
            if self._docs[doc_id].kind == "product" and all(
                any(similarity >= _TRUSTED and term_id in support for term_id, similarity in term.similar.items())
                for term in terms[1:]
            ):
                served.append((_CONFIDENT + 10.0, doc_id))
        return served

    def _holds_unknown(self, text: str, memo: _Memo) -> bool:
        """Whether a piece of a message holds a word that names something and that the catalog does not know at all
        (no spelling of it, no typing error, no translation)."""
        words = [word for word in text.split() if not self._is_filler(word) and not self._quantity(word)]
        return any(not term.similar for term in self._match_words(words, memo))

    def _persian_unheaded(self, words: Sequence[str], terms: Sequence[_Term], found: Sequence[int]) -> tuple[set[int], bool]:
        """Listings of ``found`` (found for a short Persian need holding a word the catalog does not know) whose
        names the need's head noun heads none of; and whether that head is the unknown word itself.

        Persian puts the head first and its modifiers after it (ezafe order): «رب گوجه فرنگی» is a paste of
        tomato, «روغن موتور موتورسیکلت» an oil of motorcycle engines; the reverse of English (see
        :meth:`_headless`). A need whose head the catalog does not know («رب») is for a thing the catalog does not
        list: the listing its modifiers name (the tomato seeds) is not it. A known head with an unknown modifier
        («روغن» and «موتورسیکلت») asks for a kind of that head: a listing that holds the head only as a modifier (the
        additive of «ادتیو روغن موتور») is not one. Only a need with an unknown word is read so: with every word
        known, the names' own order (an alias «بذر گوجه»…) already tells, and a known head may be a synonym the
        names lack («تیغه‌های توربین بخار»). Typing errors and colloquial spellings of a catalog word are read as
        that word before (so they are known), fillers and numbers are left out, and a word naming no particular
        thing («قطعات», «دستگاه») heads nothing.
        """
        if not found or not 2 <= len(terms) <= _SHORT_QUERY or any(map(is_latin, words)):
            return set(), False
        unknown = [term.word for term in terms if all(similarity < _TRUSTED for similarity in term.similar.values())]
        if not unknown:
            return set(), False
        head = terms[0]
        if head.word in GENERIC or head.word in PART_WORDS | DEVICE_WORDS:
            return set(), False
        # A guess at a typing error counts: «لنط ترمز» is still headed by «لنت».
        readings = set(head.similar)
        # «نوموکوکال کانجوگیت واکسین»: a last word that sounds like the head of a listing's English name ("vaccine")
        # is English typed by its sound for that listing, whatever the unknown word before it.
        last = skeleton(terms[-1].word)
        heard = {term_id for term_id in self._english_sounds.get(last, ()) if term_id in self._english} if len(last) >= 2 else set()
        # «تین پلیت», «ترمز پد ست»: an unknown word that sounds like a word of the listing's names ("tin", "pad") is
        # English typed by its sound, in English order (see :meth:`_typed_by_sound`).
        sounded = {term_id for word in unknown for term_id in self._english_sounds.get(skeleton(word), ())}
        unknown_head = head.word in unknown
        # «اکنون لنت ترمز», «فقط لنت ترمز»: an unknown first word before a listing's whole name may be an adverb, not
        # a head; the unknown-kind rule leaves that listing a suggestion (see :meth:`_unknown_kind`).
        whole = set(self._exact.get("".join(term.word for term in terms[1:]), ())) if unknown_head else set()
        unheaded = {
            doc_id
            for doc_id in found
            if self._docs[doc_id].kind == "product"
            and doc_id not in whole
            and readings.isdisjoint(heads := self._name_heads(doc_id))
            and heard.isdisjoint(heads)
            and sounded.isdisjoint(self._layout(doc_id)[1])
        }
        return unheaded, unknown_head

    def _serves(self, words: Sequence[str], among: set[int], memo: _Memo) -> list[tuple[float, int]]:
        """(score, doc id) of the listings of ``among`` that the words before "for" of a short English need name
        confidently, when each word after it is in the listing's sector or description (see _lookup_text)."""
        if "for" not in words or not all(is_latin(word) for word in words):
            return []
        at = words.index("for")
        product_words = [word for word in words[:at] if not self._is_filler(word)]
        purpose = [word for word in words[at + 1 :] if not self._is_filler(word)]
        if not product_words or not purpose or len(product_words) + len(purpose) > _SHORT_QUERY:
            return []
        product_terms = self._match_words(product_words, memo)
        named, _ = self._score(product_terms, set(), memo, among=frozenset(among))
        purpose_terms = self._match_words(purpose, memo)
        return [
            (score, doc_id)
            for score, doc_id in named
            if all(
                any(similarity >= _TRUSTED for term_id, similarity in term.similar.items() if term_id in self._layout(doc_id)[2])
                for term in purpose_terms
            )
        ]

    def _known_head(self, words: Sequence[str], terms: Sequence[_Term]) -> _Term | None:
        """An English need's head noun, when it is a word of the catalog's names ("bearing" of "needle bearing").

        As in :meth:`_headless`, English puts the head last (before "for", "of", "with"); the need is a
        short one whose words, two or three, are all words of the catalog's English names, and the head
        names something (not "parts", "machine"). A listing whose names hold no reading of it holds only
        words that qualify the thing asked for.
        """
        if not terms or len(terms) > _SHORT_QUERY or not all(is_latin(word) for word in words):
            return None
        by_word = {term.word: term for term in terms}
        content = _head_phrase(words, by_word)
        if not 2 <= len(content) <= 3 or len(content) != len(terms):
            return None
        if not all(self._vocab.get(word) in self._english_words for word in content):
            return None
        head = by_word[content[-1]]
        return head if head.word not in GENERIC and len(head.word) >= 3 else None

    def _is_filler(self, word: str) -> bool:
        """Whether a query word is a need-statement word that names nothing (see :mod:`matching.fillers`).

        Besides the fillers themselves, their Finglish spellings and, for a Persian word the catalog
        does not know, a filler with an inflection or a colloquial possessive ("نیازهای", needs of;
        «لیستتون», your list).
        """
        if word in FILLERS or self._is_finglish_filler(word):
            return True
        if word in self._vocab:
            return False
        if is_latin(word):
            return _mistyped_filler(word)
        return any(
            word.endswith(suffix) and len(word) - len(suffix) >= 3 and word[: -len(suffix)] in FILLERS
            for suffix in _FILLER_SUFFIXES
        )

    def _brand_tail_head(self, words: Sequence[str], query: str) -> list[str]:
        """Brand-tail rule: the words before a brand, model or size that closes a need, when there is one.

        Persian names the thing first and its make after it: «کمپرسور یخچال ال جی» (an LG fridge compressor),
        «لاستیک بارز سایز ۱۳ میخواستم» (a size 13 tyre). A brand or model is told by its look, not by a list of
        brands: Latin letters spelt out in Persian script («ال جی», «اس کا اف»), a number, a size word with its
        number, or a Latin word the writer capitalised ("Bosch"). Fillers (one typing error allowed: «میخاستم»)
        may follow it. Any other word at the end («لنت ترمز دوچرخه», bicycle brake pads) may make the need
        another kind of thing: then there is no head, and the whole need is looked up as it stands.
        """
        capitalised = {
            normalize(word)
            for word in re.findall(r"[A-Za-z][A-Za-z0-9-]*", query)
            if len(word) >= 2 and word[0].isupper()
        }
        spelt = spelt_out(list(words))
        end = len(words)
        while end and self._tail_filler(words[end - 1]):
            end -= 1
        brand = end
        while brand:
            word = words[brand - 1]
            if brand - 1 in spelt or word in capitalised:
                brand -= 1
            elif any(char.isdigit() for char in word) and not any(char.isalpha() and not is_latin(char) for char in word):
                brand -= 1
                if brand and words[brand - 1] in _SIZE_WORDS:
                    brand -= 1
            else:
                break
        head = list(words[:brand])
        if brand == end or not any(not self._is_filler(word) and word not in GENERIC for word in head):
            return []
        # The make follows the thing's name directly: after "near" or «در» a capitalised word is a place.
        if head[-1] in PLACE_WORDS or self._is_filler(head[-1]):
            return []
        # A brand is what the catalog does not know: «ماشین CNC» and «سی تی» name listings by their tails.
        if any(found for found in self._lookup_text(" ".join(words[brand:end]), _Memo())):
            return []
        return head

    def _tail_filler(self, word: str) -> bool:
        """Whether a word closing a need is a filler, or a Persian one the catalog does not know typed with one error."""
        if self._is_filler(word):
            return True
        if word in self._vocab or is_latin(word) or len(word) < 5:
            return False
        return any(
            abs(len(filler) - len(word)) <= 1 and OSA.distance(word, filler, score_cutoff=1) <= 1
            for filler in _LONG_PERSIAN_FILLERS.get(word[0], ())
        )

    def _quantity(self, word: str, before: str = "") -> bool:
        """Whether a query word is a number no name of the catalog holds, or the word for thousands or millions after
        a number (``before``): a model or a quantity, which names nothing.

        «استارت پژو ۴۰۵» is the starter of a Peugeot 405, «اسپلیت ۲۴ هزار» a 24,000 BTU split: counted as words
        the catalog does not know, the number and «هزار» halved the share of the words that name the listing. A
        number a name holds ("API 682 seal") still counts; a code of four digits or more with a tariff word is
        read before.
        """
        if word in _NUMBER_WORDS:
            return before.isdigit()
        return word.isdigit() and word not in self._vocab

    def _is_finglish_filler(self, word: str, skeletons: frozenset[str] | None = None) -> bool:
        """Whether a Latin word unknown to the catalog is a Persian filler typed in Latin ("tolid", "salam")."""
        if not is_latin(word) or word in self._vocab or len(word) < 3:
            return False
        key = skeleton(word)
        # Two consonants are too few to tell: "imeni" («ایمنی») is not «من».
        return len(key) >= 3 and key in (FILLER_SKELETONS if skeletons is None else skeletons)

    def _search_hs(self, digits: str, limit: int) -> list[Match]:
        """Products whose HS code and the query agree on the shorter one's digits (at least four)."""
        results: list[tuple[float, int]] = []
        start = bisect_left(self._hs_codes, digits[:4])
        for code, doc_id in zip(self._hs_codes[start:], self._hs_docs[start:]):
            if not code.startswith(digits[:4]):
                break
            shorter = min(len(code), len(digits))
            if code[:shorter] != digits[:shorter]:
                continue
            score = 100.0 if code == digits else 100.0 - 2.0 * abs(len(code) - len(digits))
            results.append((score, doc_id))
        results.sort(key=lambda item: (-item[0], -self._docs[item[1]].weight, self._docs[item[1]].key))
        return [
            Match(self._docs[doc_id].kind, self._docs[doc_id].key, score, "hs_code", self._docs[doc_id].hs_code or "")
            for score, doc_id in results[:limit]
        ]

    def _search_hs_named(self, query: str, limit: int) -> list[Match]:
        """An HS code of six digits or more written with the product's name ("870840 گیربکس", "2941.10
        API"): the listings of that code the words name too, confident.

        Without a tariff word the number alone could be a model or a quantity ("pump 8413" stays a
        search for pumps); a code long enough to be a subheading, agreeing with the listing the words
        find, is the code of that listing.
        """
        words = _LETTERS_DIGITS.sub(" ", normalize(query)).split()
        digit_positions = [i for i, word in enumerate(words) if word.isdigit()]
        if not digit_positions or digit_positions[-1] - digit_positions[0] + 1 != len(digit_positions):
            return []
        digits = "".join(words[i] for i in digit_positions)
        rest = [word for i, word in enumerate(words) if i not in digit_positions]
        if not _HS_SUBHEADING <= len(digits) <= 10 or not 1 <= len(rest) <= _SHORT_QUERY:
            return []
        by_code = self._search_hs(digits, limit)
        if not by_code:
            return []
        memo = _Memo()
        confident, related = self._lookup_text(" ".join(rest), memo)
        named = {self._docs[doc_id].key for _, doc_id, _ in confident + related}
        return [match for match in by_code if match.key in named]

    def _similar_words(self, word: str) -> dict[int, float]:
        """Vocabulary terms that ``word`` may stand for, with a similarity in (0, 1]."""
        term = _Term(word)
        exact = self._vocab.get(word)
        if exact is not None:
            term.add(exact, 1.0)
        long_word = len(word) >= _LONG_WORD
        if len(word) == 3:
            # Too short for typo tolerance, except two neighbouring letters swapped ("pda").
            for i in range(2):
                swapped = self._vocab.get(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
                if swapped is not None:
                    term.add(swapped, _LEAST_SIMILARITY)
        edits = _max_edits(word)
        if edits:
            candidates: set[int] = set(self._deletion_index.get(word, ()))
            for key in _deletes(word):
                candidates.update(self._deletion_index.get(key, ()))
                exact_short = self._vocab.get(key)
                if exact_short is not None:
                    candidates.add(exact_short)
            if long_word:
                grams = _trigrams(word)
                counts: dict[int, int] = defaultdict(int)
                for gram in grams:
                    for term_id in self._trigram_index.get(gram, ()):
                        counts[term_id] += 1
                needed = max(2, len(grams) // 2)
                candidates.update(term_id for term_id, count in counts.items() if count >= needed)
            for term_id in candidates:
                other = self._words[term_id]
                # People rarely mistype a word's first letter ("night" is not "light"), but do swap
                # the first two.
                if term_id == exact or (word[0] != other[0] and word[:2] != other[1::-1]):
                    continue
                distance = OSA.distance(word, other, score_cutoff=edits)
                if distance <= edits:
                    # One error is the same word from 7 letters on, two from 9, three from 12
                    # ("spring" is not "string", "compresser" is "compressor").
                    shorter = min(len(word), len(other))
                    same = shorter >= _LONG_WORD + 1 + 2.5 * (distance - 1) or (
                        # Two letters swapped, or one left out of a longer word, is a slip of the
                        # fingers ("pmup", "brak"); a letter changed or added may be another word
                        # ("paint", «پسته»).
                        distance == 1
                        and len(word) >= 4
                        and (sorted(word) == sorted(other) or len(other) == len(word) + 1 >= 5)
                    )
                    term.add(term_id, 1.0 - _LONG_EDIT_COST * distance if same else _LEAST_SIMILARITY)
        if len(word) >= 4:
            # A word typed only in part ("compress") or with a Persian suffix ("پمپها").
            position = bisect_left(self._sorted_words, word)
            for other in self._sorted_words[position : position + 40]:
                if not other.startswith(word):
                    break
                if len(word) >= 0.5 * len(other):
                    term.add(self._vocab[other], 0.88 if long_word else _LEAST_SIMILARITY)
            # Plurals and Persian suffixes, either way round: "probe"/"probes", "پمپها"/"پمپ".
            for suffix in _SUFFIXES:
                if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                    stem = self._vocab.get(word[: -len(suffix)])
                    if stem is not None:
                        # The plural of a short English word or acronym ("PCBs", "ECUs", "pins") is as
                        # sure as a long word's: "s" is no letter of a stem («پسته» is not «پست»).
                        plural = suffix == "s" and is_latin(word) and word[-2] != "s"
                        # «ها» joined to a short noun is its plural too («پمپهای», «شیرهای»): no Persian
                        # word of three letters or more ends in it by chance the way «پسته» ends in «ه».
                        plural = plural or suffix in _PLURALS_FA
                        term.add(stem, 0.95 if len(word) - len(suffix) >= 4 or plural else _LEAST_SIMILARITY)
        if is_latin(word) and word.endswith("ies") and len(word) >= 6:
            # "batteries", "accessories": the English plural of a noun in -y, three letters from its singular.
            singular = self._vocab.get(word[:-3] + "y")
            if singular is not None:
                term.add(singular, 0.95)
        if len(word) >= 3:
            for suffix in ("s", "es", "ها", "های"):
                longer = self._vocab.get(word + suffix)
                if longer is not None:
                    term.add(longer, 0.95 if len(word) >= 4 else _LEAST_SIMILARITY)
        if is_latin(word):
            if len(word) == 3 and exact is None and not _VOWELS.intersection(word):
                # A short word typed without its vowels, as in a chat ("brake pds"): only a guess, which
                # another word of the query in the same name makes confident.
                for term_id in self._sound_alikes.get(skeleton(word), ()):
                    other = self._words[term_id]
                    if other[0] == word[0] and len(other) <= len(word) + 2:
                        term.add(term_id, _LEAST_SIMILARITY)
            if len(word) >= 4:
                # An English word written as another that sounds the same ("break pads", "bogey"): the
                # same consonants in the same order, the vowels moved. Only a guess: it takes another
                # word of the query in the same name to make it confident.
                for term_id in self._sound_alikes.get(skeleton(word), ()):
                    other = self._words[term_id]
                    if (
                        other[0] == word[0]
                        and abs(len(other) - len(word)) <= 1
                        and OSA.distance(word, other, score_cutoff=2) <= 2
                    ):
                        term.add(term_id, _LEAST_SIMILARITY)
            key = skeleton(word) if len(word) >= 3 else ""
            # Finglish: Persian typed in Latin letters, matched on its consonants. A word the catalog
            # has in Latin letters may be Finglish too ("khodro" in an alias, «خودرو» everywhere).
            if len(key) >= 3 or (exact is None and len(key) == 2):
                for term_id in self._skeletons.get(key, ()):
                    if _vowel_letters_agree(word, self._words[term_id]):
                        sure = len(key) >= 3 and (exact is None or self._finglish_for(exact, term_id))
                        term.add(term_id, 0.95 if sure else _LEAST_SIMILARITY)
        elif not word.isdigit():
            for term_id in self._folded.get(fold(word), ()):
                term.add(term_id, 0.97)
            key = skeleton(word)
            if len(key) >= 3:
                # The same consonants with other vowel letters: "لستیک", "کمپرسر".
                for term_id in self._skeletons.get(key, ()):
                    term.add(term_id, 0.88 if len(key) >= 4 else _LEAST_SIMILARITY)
            if exact is None:
                # An English word typed in Persian letters («پرینتد», «ونتیلاتور»): the same consonants.
                for term_id in self._english_sounding(key):
                    term.add(term_id, _ALIGNED if len(key) >= _LEAST_CONSONANTS + 1 else _LEAST_SIMILARITY)
        # The query's own filler words were dropped; a word that merely resembles one ("برقی" and
        # "برای", "for") does not mean it either. Fillers are in most names of a large catalog, so
        # this also spares scoring tens of thousands of listings for nothing.
        return {term_id: value for term_id, value in term.similar.items() if term_id not in self._fillers}

    def _finglish_for(self, latin: int, persian: int) -> bool:
        """Whether a Latin word the catalog knows may be Finglish for a Persian word with its consonants.

        A word of the catalog's English names is English ("motor" is not «مترو», metro), unless a name
        spells the one thing both ways; a Latin word only aliases hold is Finglish ("khodro", "mesi").
        """
        if latin not in self._postings["name_en"]:
            return True
        docs = {doc_id for name in _NAME_FIELDS for doc_id in self._postings[name].get(latin, ())}
        return any(doc_id in docs for name in _NAME_FIELDS for doc_id in self._postings[name].get(persian, ()))

    def _typed_by_sound(self, words: Sequence[str], terms: Sequence[_Term]) -> list[int]:
        """Listings one of whose English names the words spell as a whole, typed by their sound in Persian letters.

        «ایر کولد هیت اکسچنجر» is "air cooled heat exchanger", «چیپ مموری فلش نند» "NAND flash memory chip",
        «ترمز پد ست» "brake pad set" (with «ترمز», brake, translated). Each word's consonants are looked
        up among the sounds of the catalog's Latin words, two neighbours also as one word («تین پلیت»,
        "tinplate"): a short word alone may sound like anything, but every word of the query standing
        for a different word of one English name, and every word of the name so found, is that name.
        Only for a query with a Persian word the catalog does not know (else it is Persian, read as such).
        ``words`` are as typed («ماشین», not the car it is read as), ``terms`` their readings.
        """
        if not _TYPED_BY_SOUND[0] <= len(words) <= _TYPED_BY_SOUND[1] or not any(
            not is_latin(word) and word not in self._vocab for word in words
        ):
            return []
        if sum(len(skeleton(word)) for word in words) < _TYPED_BY_SOUND_CONSONANTS:
            return []
        readings: list[set[int]] = []
        for word, term in zip(words, terms):
            sure = {term_id for term_id, value in term.similar.items() if value >= _ALIGNED and is_latin(self._words[term_id])}
            heard = set(self._english_sounds.get(skeleton(word), ())) if not is_latin(word) else set()
            readings.append(sure | heard)
        pairs = [
            set(self._english_sounds.get(skeleton(left + right), ())) if not (is_latin(left) or is_latin(right)) else set()
            for left, right in zip(words, words[1:])
        ]
        found: list[int] = []

        def segmentations(at: int) -> Iterable[list[set[int]]]:
            if at == len(words):
                yield []
                return
            if readings[at]:
                for rest in segmentations(at + 1):
                    yield [readings[at], *rest]
            if at + 1 < len(words) and pairs[at]:
                for rest in segmentations(at + 2):
                    yield [pairs[at], *rest]

        # Each order of the words, each reading of each word: the name they spell, looked up whole as names
        # are (without spaces), a few thousand at most; a word no English name holds reads nothing.
        tried = 0
        for groups in segmentations(0):
            spellings = [sorted(self._words[t] for t in group if t in self._in_english_names) for group in groups]
            if not all(spellings):
                continue
            for order in permutations(spellings):
                for chosen in product(*order):
                    tried += 1
                    if tried > _TYPED_BY_SOUND_TRIES:
                        return found
                    spelling = "".join(chosen)
                    for doc_id in (*self._exact.get(spelling, ()), *self._unbracketed.get(spelling, ())):
                        if doc_id not in found and self._docs[doc_id].kind == "product":
                            found.append(doc_id)
        return found

    def _translations(self, term: _Term) -> frozenset[int]:
        """The words of the other language among a query word's readings (see :class:`_Words`).

        An English word of the catalog's names is read in Persian only by translation, a Persian word in
        English likewise; a Latin word that may be Finglish is read in Persian by its own spelling.
        """
        return self._other_language(term.word, term.similar)

    def _other_language(self, word: str, readings: Iterable[int]) -> frozenset[int]:
        """The term ids among ``readings`` in the other language than ``word`` (see :meth:`_translations`)."""
        own = self._vocab.get(word)
        if own is None:
            # "key", a word of no name, reaches «کلید» only through the synonyms file's literal sense, which
            # names a compound there («کلید قدرت», the circuit breaker): a translation too. A Latin word with
            # the Persian word's consonants ("kelid"), or holding them ("lentetormoz", «لنت» and «ترمز» typed
            # as one), is its Finglish spelling, not a translation.
            if is_latin(word) and not self._may_be_finglish(word):
                sound = skeleton(word)
                return frozenset(
                    term_id
                    for term_id in readings
                    if not is_latin(self._words[term_id]) and skeleton(self._words[term_id]) not in sound
                )
            return frozenset()
        if is_latin(word):
            if own not in self._english_words:
                return frozenset()
            return frozenset(term_id for term_id in readings if not is_latin(self._words[term_id]))
        if word.isascii():
            return frozenset()
        return frozenset(term_id for term_id in readings if term_id in self._english_words)

    def _english_sounding(self, key: str) -> list[int]:
        """Latin words of the catalog with these consonants, when there are enough of them to tell."""
        if len(key) < _LEAST_CONSONANTS:
            return []
        return self._sound_alikes.get(key, [])

    def _match_words(self, words: Sequence[str], memo: _Memo, *, typed: Sequence[str] = ()) -> list[_Term]:
        """Look every query word up, reconciling joined and split spellings with its neighbours. ``typed``
        (as long as ``words``, if given) is each word as the user wrote it, when ``words`` reads it in another
        sense (see _senses): the word as written still stands for itself, a little less surely."""
        terms = []
        for at, word in enumerate(words):
            similar = memo.similar.get(word)
            if similar is None:
                similar = memo.similar[word] = self._similar_words(word)
            term = _Term(word, dict(similar))
            written = typed[at] if at < len(typed) else word
            if written != word:
                as_written = memo.similar.get(written)
                if as_written is None:
                    as_written = memo.similar[written] = self._similar_words(written)
                for term_id, similarity in as_written.items():
                    term.add(term_id, similarity * _AS_WRITTEN)
            terms.append(term)
        for i in range(len(words) - 1):
            joined = self._vocab.get(words[i] + words[i + 1])
            if joined is not None:
                terms[i].add(joined, 1.0)
                terms[i + 1].add(joined, 1.0)
            elif not is_latin(words[i]) and not is_latin(words[i + 1]) and not words[i].isdigit():
                # «دیش واشر»: one English word typed in Persian letters as two.
                if words[i] not in self._vocab and words[i + 1] not in self._vocab:
                    for term_id in self._english_sounding(skeleton(words[i] + words[i + 1])):
                        terms[i].add(term_id, _ALIGNED)
                        terms[i + 1].add(term_id, _ALIGNED)
        for term in terms:
            pair = self._joined.get(term.word)
            if pair is not None:
                # «پمپهای» is «پمپ» with its plural ending, as a name writes «پمپ‌های»: the ending, a filler,
                # is no word of the query («های» of the machinery desk's «دستگاه‌های صنعتی»).
                for term_id in pair:
                    if term_id not in self._fillers:
                        term.add(term_id, 1.0)
            elif not term.similar and len(term.word) >= 2 * _LEAST_HALF:
                # Two words typed as one that the catalog never joins ("dandanpezeshki", dental): each half
                # read as a word of its own (spelling, Finglish), when both are surely known.
                for half in self._halves(term.word, memo):
                    for term_id, similarity in half.items():
                        term.add(term_id, similarity * _HALF)
        for before, term in zip(words, terms[1:]):
            material = self._made_of(before, term.word)
            if material is not None and material in term.similar:
                # «قطعات لاستیکی» are rubber parts, not tyres (a name of «لاستیک»); «قطعات پلاستیکی», plastic
                # parts, are no injection-moulding machine: only a guess, as a word read by its sound is.
                term.similar[material] = min(term.similar[material], _LEAST_SIMILARITY)
        # Translations learnt from the catalog's parallel names: "چاه" is "well". Only of the word's
        # own-script matches: a translation of a transliteration is too far from what was typed.
        for term in terms:
            latin = is_latin(term.word)
            for term_id, similarity in list(term.similar.items()):
                if similarity >= _SURE and is_latin(self._words[term_id]) == latin:
                    for other in self._lexicon.get(term_id, ()):
                        term.add(other, _ALIGNED * similarity)
        # The curated synonyms: a phrase of the query stands for every equivalent phrase.
        for size in range(min(self._longest_synonym, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                for phrase in self._synonyms.get(tuple(words[start : start + size]), ()):
                    for term in terms[start : start + size]:
                        for term_id in phrase:
                            term.add(term_id, _SYNONYM)
        # ... and a plural stands for those of its singular: "tires" for «تایر» as "tire" does, «فروآلیاژها»
        # for "ferroalloy" as «فروآلیاژ» does.
        for term in terms:
            stems = [
                self._words[term_id]
                for term_id, similarity in term.similar.items()
                if similarity >= _SURE
                and (
                    term.word[len(self._words[term_id]) :] in _PLURALS and term.word.startswith(self._words[term_id])
                    or term.word.endswith("ies") and term.word[:-3] + "y" == self._words[term_id]
                )
            ]
            for singular in stems:
                for phrase in self._synonyms.get((singular,), ()):
                    for term_id in phrase:
                        term.add(term_id, _SYNONYM)
        # Two words translated one by one into a Persian compound the catalog writes as one word: "key house"
        # is «کلیدخانه» (switchgear), as «کلید» and «خانه» are "key" and "house".
        for left, right in zip(terms, terms[1:]):
            if not (is_latin(left.word) and is_latin(right.word)):
                continue
            lefts, rights = (
                [self._words[t] for t, value in side.similar.items() if value >= _SURE and not is_latin(self._words[t])]
                for side in (left, right)
            )
            for first, second in product(lefts, rights):
                compound = self._vocab.get(first + second)
                if compound is not None and compound not in self._fillers:
                    left.add(compound, _ALIGNED)
                    right.add(compound, _ALIGNED)
        return terms

    def _joined_words(self, word: str) -> tuple[int, int] | None:
        """The two words of the catalog's names a query word joins («لباسشویی»), unless one is a filler: then
        the word is the other one inflected («پمپهای»), not two words."""
        pair = self._joined.get(word)
        if pair is None or not self._fillers.isdisjoint(pair):
            return None
        return pair

    def _halves(self, word: str, memo: _Memo) -> tuple[dict[int, float], ...]:
        """The sure readings of the two words ``word`` joins, split where both halves are longest known."""
        for cut in sorted(range(_LEAST_HALF, len(word) - _LEAST_HALF + 1), key=lambda at: abs(2 * at - len(word))):
            halves = []
            for half in (word[:cut], word[cut:]):
                similar = memo.similar.get(half)
                if similar is None:
                    similar = memo.similar[half] = self._similar_words(half)
                sure = {term_id: value for term_id, value in similar.items() if value >= _SURE}
                if not sure:
                    break
                halves.append(sure)
            else:
                return tuple(halves)
        return ()

    def _weight(self, term: _Term) -> float:
        """How much a query word counts: the rarity of what it matched; unknown words count moderately."""
        if not term.similar:
            return _UNKNOWN_WEIGHT
        return max(self._idf[term_id] * similarity for term_id, similarity in term.similar.items())

    def _score(
        self,
        terms: Sequence[_Term],
        exact: set[int],
        memo: _Memo,
        *,
        parts: bool = False,
        bare: bool = False,
        length: int = 0,
        among: frozenset[int] | None = None,
    ) -> tuple[list[tuple[float, int]], list[tuple[float, int]]]:
        """Score the documents the query words reach: (score, doc id) of confident ones, then of related ones.

        The name postings choose the candidates and the supporting fields (sector, description, often
        shared by thousands of listings) only add to candidates. The postings are merged with dict
        operations, which run in C: in a catalog of 100,000 listings a common word has tens of
        thousands of postings. Only the best-covered candidates are then looked at one by one. With
        ``among``, only those documents are scored.
        """
        weights = [self._weight(term) for term in terms]
        total_weight = sum(weights)
        # Per query word: document → the best similarity × field strength × weight it reaches (shared
        # with the memo and never changed: a common word reaches most of a large catalog, too many to copy).
        named = [memo.reach(self, term, weight) for term, weight in zip(terms, weights)]
        if among is not None:
            named = [{doc_id: reached[doc_id] for doc_id in reached.keys() & among} for reached in named]
            exact = exact & among
        # Descriptions are evidence for related suggestions ("the machine that melts plastic granules"):
        # listings whose description holds two or more of the query's rarer words join the candidates.
        # Only words in few descriptions are looked up, so this stays cheap in a large catalog.
        rare = max(_RARE_DESCRIPTION_WORD, len(self._docs) // 500)
        described: dict[int, int] = defaultdict(int)
        for term in terms:
            in_descriptions: set[int] = set()
            for term_id, similarity in term.similar.items():
                postings = self._postings["description"].get(term_id)
                if postings is not None and similarity >= _TRUSTED and len(postings) <= rare:
                    in_descriptions.update(postings)
            for doc_id in in_descriptions:
                described[doc_id] += 1
        candidates: set[int] = set().union(*named)
        candidates.update(
            doc_id
            for doc_id, count in described.items()
            if count >= _DESCRIBED_WORDS and (among is None or doc_id in among)
        )
        coverage: dict[int, float] = {}
        for term, weight, reached in zip(terms, weights, named):
            # Supporting fields count only where no name holds the word (see _LEAST_SIMILARITY).
            supporting = self._reach(term, weight, _SUPPORTING_FIELDS, candidates, outside=reached)
            # Each document's coverage plus what this word adds, summed in C: a common word reaches tens
            # of thousands of listings. ``reached`` and ``supporting`` never share a document.
            for more in (reached, supporting):
                if len(coverage) * 3 < len(more):
                    # Few of them can be covered already: only those are summed.
                    both = coverage.keys() & more.keys()
                    sums = dict(zip(both, map(add, map(coverage.__getitem__, both), map(more.__getitem__, both))))
                    coverage.update(more)
                    coverage.update(sums)
                else:
                    coverage.update(zip(more, map(add, map(coverage.get, more, repeat(0.0)), more.values())))
        for doc_id in exact:
            coverage.setdefault(doc_id, total_weight)
        if not coverage:
            return [], []
        leaders = heapq.nlargest(_MAX_CANDIDATES, coverage.items(), key=itemgetter(1))
        confident: list[tuple[float, int]] = []
        related: list[tuple[float, int]] = []
        unknown = sum(1 for term in terms if not term.similar)
        strict_total = total_weight + unknown * (self._strange_weight - _UNKNOWN_WEIGHT)
        words: _Words | None = None
        for doc_id, covered in leaders:
            if doc_id in exact:
                confident.append((100.0, doc_id))
                continue
            if total_weight <= 0:
                continue
            # Looking a listing over is the costly part of a query: skip those that cannot qualify.
            # Confident and related by coverage need 40% of the query; a name inside a long message
            # needs words weighing _CONTAINED_WEIGHT (a share of it, given typos); descriptions need
            # two words.
            if (
                covered / total_weight < 0.4
                and (len(terms) < _CONTAINED_QUERY or covered < 0.6 * _CONTAINED_WEIGHT)
                and described.get(doc_id, 0) < _DESCRIBED_WORDS
            ):
                continue
            words = words or _Words.of(self, terms)
            fit = self._evaluate(
                doc_id, terms, words, weights, total_weight, strict_total, parts=parts, bare=bare, length=length
            )
            score = 75.0 * fit.trusted_share + 25.0 * fit.precision
            if fit.trusted_share >= _MIN_SHARE and fit.fits and score >= _CONFIDENT:
                confident.append((round(min(score, 99.0), 1), doc_id))
            elif fit.contained:
                # A long need statement that contains a whole name: "we have a factory in Rasht and
                # want to make gas insulated switchgear" is about that switchgear.
                confident.append((round(min(_CONFIDENT + 30.0 * fit.share, 99.0), 1), doc_id))
            else:
                guess = 75.0 * fit.share + 25.0 * fit.precision
                strict_share = fit.share * total_weight / strict_total
                described_share = fit.described * total_weight / strict_total
                if guess >= _RELATED and fit.precision >= 0.15 and fit.trusted_share > 0 and strict_share >= _RELATED_SHARE:
                    related.append((round(min(guess, 99.0), 1), doc_id))
                elif fit.described_words >= _DESCRIBED_WORDS and described_share >= _DESCRIBED_SHARE:
                    related.append((round(40.0 + 40.0 * described_share, 1), doc_id))
        if any(doc_id in exact for _, doc_id in confident):
            # "control valve" is the control valve's name: the railway distributor valve, which one of its
            # aliases calls a "brake control valve" and neither of its names a control valve, is only related.
            # A listing whose own name holds the query ("brake pad set" of "brake pads") stays confident.
            aliased = [
                (score, doc_id)
                for score, doc_id in confident
                if doc_id not in exact and self._docs[doc_id].kind == "product" and not self._named_by(doc_id, terms)
            ]
            if aliased:
                confident = [item for item in confident if item not in aliased]
                related += [(min(score, _CONFIDENT - 1.0), doc_id) for score, doc_id in aliased]
        return confident, related

    def _named_by(self, doc_id: int, terms: Sequence[_Term]) -> bool:
        """Whether one of a listing's names (not an alias, nor a nickname in brackets: «ضربان‌ساز کاشتنی قلب
        (باتری قلب)») holds a reading of each query word that names something and is in its names or aliases."""
        names = self._layout(doc_id)[1]
        naming = [term for term in terms if term.word not in GENERIC and not names.isdisjoint(term.similar)]
        if not naming:
            return False
        for fld in self._docs[doc_id].fields:
            if fld.name not in ("name_en", "name_fa"):
                continue
            ids = {self._vocab.get(word) for word in normalize(_BRACKETED.sub(" ", fld.text)).split()}
            if all(not ids.isdisjoint(term.similar) for term in naming):
                return True
        return False

    def _reach(
        self,
        term: _Term,
        weight: float,
        fields: Iterable[str],
        among: set[int] | frozenset[int] | None,
        *,
        outside: dict[int, float] | None = None,
    ) -> dict[int, float]:
        """Document → ``weight`` × the best similarity × field strength with which ``term`` is in ``fields``.

        With ``among``, only those documents are looked at; with ``outside`` (some documents of
        ``among``), only those of ``among`` not in it.
        """
        # The documents of ``among`` not ``outside``, made only for a posting list long enough to be
        # searched by bisection: a large catalog has tens of thousands of candidates, most words far
        # fewer postings, which are read instead (the same documents, found in the same order).
        rest: set[int] | frozenset[int] | None = None
        found: list[tuple[float, array[int] | set[int] | frozenset[int]]] = []
        # A word's readings often share one posting list (the build shares equal lists: the words of one
        # sector's fields, a typo and its word): its documents are found once per call, and the very same
        # set is used again, so the result is the one reading each list anew would give.
        found_in: dict[int, array[int] | set[int] | frozenset[int]] = {}
        for term_id, similarity in term.similar.items():
            for field_name in fields:
                postings = self._postings[field_name].get(term_id)
                if postings is None:
                    continue
                value = weight * (similarity * _FIELD_STRENGTH[field_name])
                seen = found_in.get(id(postings))
                if seen is not None:
                    found.append((value, seen))
                    continue
                if among is None:
                    hits: array[int] | set[int] | frozenset[int] = postings
                elif outside is None:
                    hits = _intersection(among, postings)
                elif (len(among) - len(outside)) * 24 >= len(postings):
                    hits = among.intersection(filterfalse(outside.__contains__, postings))
                else:
                    if rest is None:
                        rest = among - outside.keys()
                    hits = _intersection(rest, postings)
                found_in[id(postings)] = hits
                found.append((value, hits))
        best: dict[int, float] = {}
        # Ascending, so each document keeps the largest value.
        for value, hits in sorted(found, key=itemgetter(0)):
            best.update(dict.fromkeys(hits, value))
        return best

    def _evaluate(
        self,
        doc_id: int,
        terms: Sequence[_Term],
        words: _Words,
        weights: Sequence[float],
        total_weight: float,
        strict_total: float,
        *,
        parts: bool = False,
        bare: bool = False,
        length: int = 0,
    ) -> _Fit:
        """How much of the query one document covers, and how much of its closest name the query fills.

        A word matched only as a guess (a typo in a short word, a short stem) is trusted when another
        word of the query is trusted in the same name: "disc break pads" is the brake pads, "paint"
        alone is no access point. With ``parts`` the query asks for the parts of what its words name
        («قطعات یخچال»): a name holding every word of it, whatever its head, is such a part. ``bare``
        says the query is product words only, with nothing of a need statement around them; ``length``
        is its number of words, need-statement words included. ``words`` is what is known of ``terms``
        whatever the document; ``strict_total`` is the weight Index._score shares related suggestions by.
        """
        document = self._docs[doc_id]
        names, name_terms, support_terms, description_terms, repeats = self._layout(doc_id)
        # Most words of a long message are nowhere in this listing: only the positions of those that are
        # are looked at, in order; a word found nowhere matches nothing and adds nothing to any sum.
        held = words.positions.keys() & name_terms
        held |= words.positions.keys() & support_terms
        present_at = sorted({at for term_id in held for at in words.positions[term_id]})
        # Per query word present: its matches in a name, in a supporting field, and whether a description holds it.
        found: dict[int, tuple[list[tuple[int, float]], float, bool]] = {}
        for at in present_at:
            term = terms[at]
            in_names: list[tuple[int, float]] = []
            supporting = 0.0
            in_description = False
            for term_id, similarity in term.similar.items():
                if term_id in name_terms:
                    in_names.append((term_id, similarity))
                elif term_id in support_terms:
                    supporting = max(supporting, similarity * _SUPPORTING_STRENGTH)
                if similarity >= _TRUSTED and term_id in description_terms:
                    in_description = True
            found[at] = (in_names, supporting, in_description)
        # A word read in the other language («سوزن» of "needle") is a literal translation, which may name
        # something else there (the railway switch is «سوزن»): like a guess, it is trusted in a name only
        # when another word of the query is trusted in this listing's names ("railway needle", "heart spring").
        translated = words.translated
        sure_at = {at for at, (in_names, _, _) in found.items() if any(similarity >= _TRUSTED for _, similarity in in_names)}
        sure_count = len(sure_at)
        described = sum(weights[at] for at, (_, _, in_description) in found.items() if in_description)
        described_words = sum(1 for _, _, in_description in found.values() if in_description)
        covered = trusted_covered = 0.0
        # Per query word present: the name words it matched, and those of them it may make confident.
        per_word: dict[int, tuple[dict[int, float], dict[int, float]]] = {}
        for at, (in_names, supporting, _) in found.items():
            weight = weights[at]
            sure = at in sure_at
            # Another word of the query trusted in a name of this document rescues this word's guesses.
            rescued = sure_count - sure > 0
            best = supporting
            best_trusted = 0.0
            matched: dict[int, float] = {}
            trusted: dict[int, float] = {}
            for term_id, similarity in in_names:
                matched[term_id] = similarity
                best = max(best, similarity)
                if (similarity >= _TRUSTED and term_id not in translated[at]) or rescued:
                    trusted[term_id] = similarity
                    best_trusted = max(best_trusted, similarity)
            per_word[at] = (matched, trusted)
            covered += weight * best
            trusted_covered += weight * best_trusted
        if self._names_cannot_decide(
            document, words, per_word, covered, trusted_covered, total_weight, strict_total, len(terms), length, repeats
        ):
            # Most leaders of a long message's pieces: looking each of their names over would change nothing.
            return _Fit(
                share=covered / total_weight,
                trusted_share=trusted_covered / total_weight,
                precision=0.0,
                fits=False,
                contained=False,
                described=described / total_weight,
                described_words=described_words,
            )
        exact_words = words.exact
        # A short query holding a word the catalog does not know, and only one word of a longer name,
        # may be about the unknown thing ("tobacco pipe" is no "pipeline pipes").
        unknown = len(terms) <= _SHORT_QUERY and words.unknown > 0
        # ... and one with as many words this listing lacks as words it has, two or more, is about
        # something else that shares a name ("artificial christmas tree decorations" is no wellhead).
        absent = len(terms) - sum(1 for at, (_, supporting, _) in found.items() if per_word[at][0] or supporting)
        # A need statement ("fitaz baraye daan-e morgh", phytase for chicken feed) says what the product
        # is for in words the listing need not hold.
        elsewhere = bare and len(terms) <= _SHORT_QUERY + 1 and 2 <= absent >= len(terms) - absent
        # A short query asking for a machine ("دستگاه دیالیز", "MRI machine") is not answered by a
        # name that does not say it is one: the dialysis machine is not its filter.
        nothing: tuple[dict[int, float], dict[int, float]] = ({}, {})
        devices = [per_word.get(at, nothing)[0] for at in words.devices]
        if len(terms) > _SHORT_QUERY:
            devices = []
        # Only the query words found in some name of this document are looked for in each name (a long
        # message has dozens of words, most of them elsewhere).
        matching = [(words.joined[at], matched, trusted) for at, (matched, trusted) in per_word.items() if matched]
        # ... and whether a word that names something ("parts" names nothing) is in no name of it.
        unmatched = any(not per_word.get(at, nothing)[0] for at in words.naming)
        idf = self._idf
        precision = 0.0
        fits = contained = False
        # A desk is named by its sector: "medical" in «تجهیزات پزشکی» is all of it.
        ignored = self._fillers | self._generic if document.kind == "desk" else self._fillers
        # A name holding none of the words the query matched in this document's names adds nothing
        # (no share, no precision): a listing has a dozen aliases, most of them other words.
        query_ids = set().union(*(matched for _, matched, _ in matching))
        for field_name, ids in names:
            if query_ids.isdisjoint(ids):
                continue
            content = [term_id for term_id in ids if term_id not in ignored]
            if not content:
                continue
            if unmatched and self._unnaming.issuperset(content):
                # «دستگاه‌های صنعتی», "industrial machines": a name of words naming no particular thing
                # does not answer a need whose product word it leaves unexplained («پمپها صنعتی»).
                continue
            total = sum(idf[term_id] for term_id in content)
            # Each query word stands for one word of the name, its closest: "pipe" is not both words
            # of "pipeline pipes".
            present = set(content)
            matched_here: set[int] = set()
            trusted_here: set[int] = set()
            whole_query = whole_trusted = not unmatched
            for pair, matched, trusted in matching:
                closest = _closest(matched, present)
                if pair is not None and closest in ([pair[0]], [pair[1]]):
                    # Half of a word written joined: «شویی» of «لباسشویی» is not the washing machine.
                    whole_query = whole_trusted = False
                    continue
                matched_here.update(closest)
                closest_trusted = _closest(trusted, present) if trusted else []
                trusted_here.update(closest_trusted)
                whole_query = whole_query and bool(closest)
                whole_trusted = whole_trusted and bool(closest_trusted)
            precision = max(precision, sum(idf[term_id] for term_id in content if term_id in matched_here) / total)
            hits = [term_id for term_id in content if term_id in trusted_here]
            share = sum(idf[term_id] for term_id in hits) / total
            misses = len(content) - len(hits)
            # Most of a name, or half of a longer one ("اینورتر خورشیدی" of «اینورتر خورشیدی متصل به
            # شبکه»); never one word of a two-word name ("shoes", "composite brake shoe").
            if (
                (share >= _NAME_FIT and len(hits) > misses) or (share >= 0.4 and 2 <= len(hits) >= misses) or share >= 0.75
            ) and (
                # A desk is named by any part of its sector's name: "لوازم برقی" is home appliances.
                not misses
                or not whole_query
                or document.kind == "desk"
                or self._names_the_same(field_name, ids, content, trusted_here)
            ) and all(
                present.intersection(matched) for matched in devices
            ) and not (
                # ... nor a one-word name the query reaches only by another spelling or a synonym of its word
                # ("transformers toys" is not the transformer's alias "teransformator").
                unknown and len(trusted_here) < 2 and (len(set(ids)) >= 2 or exact_words.isdisjoint(trusted_here))
            ) and not elsewhere:
                fits = True
            if (
                parts
                and whole_trusted
                and document.kind == "product"
                and self._names_the_same(field_name, ids, content, trusted_here, part=True)
            ):
                fits = True
            distinct = set(hits)
            long_enough = len(terms) >= _CONTAINED_QUERY and not elsewhere
            if long_enough and share >= _CONTAINED_SHARE and total >= _CONTAINED_WEIGHT and document.kind == "product" and (
                len(distinct) >= 2
                or (max(len(terms), length - 1) >= 5 and len(self._words[hits[0]]) >= 5 and hits[0] in exact_words)
            ):
                # A single word is recognised inside a long message only as typed, never as a guess.
                contained = True
        return _Fit(
            share=covered / total_weight,
            trusted_share=trusted_covered / total_weight,
            precision=precision,
            fits=fits,
            contained=contained,
            described=described / total_weight,
            described_words=described_words,
        )

    def _names_cannot_decide(
        self,
        document: Document,
        words: _Words,
        per_word: dict[int, tuple[dict[int, float], dict[int, float]]],
        covered: float,
        trusted_covered: float,
        total_weight: float,
        strict_total: float,
        terms: int,
        length: int,
        repeats: int,
    ) -> bool:
        """Whether no name of a listing can make it confident or related, whatever ``_evaluate`` finds in it.

        What the names decide (``fits``, ``contained``, ``precision``) counts in Index._score only for a listing
        whose trusted share reaches _MIN_SHARE, that may contain a whole name, or whose share could make it a
        related suggestion; the descriptions' route needs no name. Each bound holds whatever the names hold:
        precision is at most 1, and a contained name's trusted words are among those the query's words trust
        here, each counted at most ``repeats`` times, two or more of them unless the one is long and as typed.
        The margin keeps a float's rounding on the safe side.
        """
        margin = 1e-9
        if trusted_covered / total_weight >= _MIN_SHARE - margin:
            return False
        share = covered / total_weight
        if (
            trusted_covered > 0
            and share * total_weight / strict_total >= _RELATED_SHARE - margin
            and 75.0 * share + 25.0 >= _RELATED - margin
        ):
            return False
        if terms >= _CONTAINED_QUERY and document.kind == "product":
            idf = self._idf
            trusted_ids = set().union(*(trusted for _, trusted in per_word.values()))
            alone = next(iter(trusted_ids)) if len(trusted_ids) == 1 else None
            if (
                len(trusted_ids) >= 2
                or (
                    alone is not None
                    and max(terms, length - 1) >= 5
                    and len(self._words[alone]) >= 5
                    and alone in words.exact
                )
            ) and repeats * sum(idf[term_id] for term_id in trusted_ids) >= _CONTAINED_SHARE * _CONTAINED_WEIGHT - margin:
                return False
        return True

    def _structure(self, doc_id: int) -> _Layout:
        """A document's names (field, term ids), and the term ids of its names, supporting fields, descriptions."""
        names: list[tuple[str, array[int]]] = []
        name_terms: set[int] = set()
        support_terms: set[int] = set()
        description_terms: set[int] = set()
        repeats = 1
        for fld, ids in zip(self._docs[doc_id].fields, self._fields_of(doc_id)):
            if fld.name in _NAME_FIELDS:
                names.append((fld.name, ids))
                name_terms.update(ids)
                if len(set(ids)) < len(ids):
                    repeats = max(repeats, *Counter(ids).values())
            else:
                support_terms.update(ids)
                if fld.name == "description":
                    description_terms.update(ids)
        return names, frozenset(name_terms), frozenset(support_terms), frozenset(description_terms), repeats

    def _names_the_same(
        self,
        field_name: str,
        ids: Sequence[int],
        content: Sequence[int],
        hits: set[int],
        *,
        part: bool = False,
    ) -> bool:
        """Whether a name holding every word of the query, and more, still names what the query asks for.

        It does not when the query leaves out the name's head noun, the thing the name is ("engine
        oil" is no "engine oil additive", "washing machine" no "washing machine motor", «دستگاه دیالیز»
        no «فیلتر همودیالیز»); when it leaves out the object of a verb-noun that says what the product
        does ("washing machine" is no "dish washing machine"); when a word it matched after a Persian
        head belongs to a word it left out ("motor barghi", electric motor, is no «موتور جارو برقی»,
        vacuum-cleaner motor). With ``part`` the query asks for a part of what it names, so the head
        may be another: only the last two tests apply.

        """
        head_first = field_name != "name_en" and not self._english_order(content)
        if head_first:
            # «دستگاه خم کن ورق»: a word that names no particular thing heads nothing.
            content = [term_id for term_id in content if term_id not in self._generic] or content
            if content[0] not in hits and not part:
                return False
            positions = [i for i, term_id in enumerate(content) if term_id in hits]
            if not positions:
                return False
            between = content[positions[0] : positions[-1] + 1]
            # An acronym inside a Persian name («تایر OTR کامیون») qualifies it without owning a word.
            persian = not is_latin(self._words[content[0]])
            return all(
                term_id in hits or (persian and is_latin(self._words[term_id]) and len(self._words[term_id]) <= 4)
                for term_id in between
            )
        head_at = self._english_head(ids, content)
        if content[head_at] not in hits and not part:
            return False
        return not any(
            self._words[content[i]].endswith("ing") and content[i] in hits and content[i - 1] not in hits
            for i in range(1, head_at + 1)
        )

    def _english_order(self, content: Sequence[int]) -> bool:
        """Whether a name is English (head noun last), not Persian or Finglish (head noun first).

        A Latin name is English when most of its words are words of the catalog's English names
        ("motor jaroo barghi" is Finglish although "motor" is English too).
        """
        if not all(is_latin(self._words[term_id]) for term_id in content):
            return False
        english = sum(term_id in self._english for term_id in content)
        return 2 * english > len(content) or (2 * english == len(content) and content[-1] in self._english)

    def _english_head(self, ids: Sequence[int], content: Sequence[int]) -> int:
        """The position in ``content`` of an English name's head noun: the last word (before "for", "of", "with")."""
        head = len(content) - 1
        for position, term_id in enumerate(ids):
            if position and self._words[term_id] in _POSTMODIFIER and ids[position - 1] in content:
                head = content.index(ids[position - 1])
                break
        # "Brake pad set", "drum assembly": a word that names no particular thing heads nothing.
        while head > 0 and content[head] in self._generic:
            head -= 1
        return head

    def _explain(self, doc_id: int, score: float, matched: set[int]) -> Match:
        """Name the field whose words the query matched best (``matched``: the term ids its words matched),
        for the 'why' of a result."""
        document = self._docs[doc_id]
        best_field, best_key = document.fields[0], (-1.0, -1.0)
        for fld, ids in zip(document.fields, self._fields_of(doc_id)):
            held = set(ids) & matched
            if not held:
                # Most fields hold none of the query (a description is long): they score nothing.
                key = (0.0, 0.0)
            else:
                weight = sum(self._idf[term_id] for term_id in ids) or 1.0
                hits = sum(self._idf[term_id] for term_id in held)
                # The field holding most of the query, and of those the one the query fills best.
                key = (round(hits * _FIELD_STRENGTH[fld.name], 6), hits / weight)
            if key > best_key:
                best_field, best_key = fld, key
        return Match(document.kind, document.key, score, best_field.name, best_field.text)
