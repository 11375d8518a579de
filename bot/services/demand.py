"""Unmet demand: what investors asked for that no listing answered, with variants of one need counted together.

Each unanswered query is reduced to the words that name the need: the matching engine's normalization
(:func:`matching.normalize`) and need-statement filler words ("I want to invest in", "تولید"), plus words that
name an activity rather than a product ("assembly", "بسته‌بندی"), and what follows "for" / "برای" once the
product is named ("lithium batteries for cars" is about batteries); plural endings are trimmed, and a word
split in two where someone else typed it joined ("اسباب بازی", "اسباب‌بازی", "اسباببازی") is joined.

Then, most asked first, each need joins the first group it is the same need as, or starts a new one. Two
needs are the same when their words match one to one, in any order and with typos (rapidfuzz ratio per
word), or when one adds words to the other but keeps its head word: "white wedding dress" is a wedding
dress and "lead acid car battery" a car battery, but "battery charger" is not a battery and "mobile phone
cover" not a mobile phone. The head is the last word in English and the first in Persian ("لباس عروس" is
a kind of لباس). Needs that merely share a word ("solar panel", "solar water heater") stay apart. HS codes
count by their digits ("HS 9503.00" is "950300").

Given the matching engine's reading of words (:meth:`bot.services.search.Matcher.reading`), two words are also
the same when the engine reads one as the other: the same word in Finglish («لاستیک», "lastik"), a curated
synonym ("tyre", "tire", «تایر») or a translation learnt from the catalog's parallel names ("battery", «باتری»).
A Latin word the engine cannot read and a Persian one with the same consonants (:func:`matching.lexicon.skeleton`,
four at least: "docharkhe", «دوچرخه») are the same word too, even when no listing has it. So «لاستیک دوچرخه» and "lastik
docharkhe" are one need, and "lithium battery" and «باتری لیتیومی» another; a word the engine cannot read ("wedding
dress", «لباس عروس») still keeps the languages apart: the report does not translate.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import product
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from sqlmodel import Session

from bot.i18n import is_persian
from bot.store import demand as demand_store
from bot.store import requests as request_store
from bot.store.models import DemandDecision, DemandState, utcnow
from matching import normalize, parse_hs_query
from matching.fillers import FILLERS
from matching.lexicon import is_latin, skeleton

if TYPE_CHECKING:
    from bot.services.search import Matcher

# Words of a need that say what is done with the product, not which product (normalized forms).
ACTIVITY_WORDS = frozenset(
    normalize(word)
    for word in """assembly assembling bottling packaging packing processing export exporting exports
    wholesale plant plants line lines unit units مونتاژ بسته‌بندی بسته بندی فرآوری صادرات صادراتی عمده""".split()
)
# What follows these, once a product word came, says what the product is for.
_PURPOSE = frozenset({"for", "برای"})
# Two words are the same (a typo apart) from this rapidfuzz ratio; words of 3 letters or fewer must be equal.
SAME_WORD = 80.0
_PERSIAN_PLURALS = ("هایی", "های", "ها")
EXAMPLES = 3
_PUNCTUATION = "!\"'(),.:;?«»،؛؟“”"


def _singular(word: str) -> str:
    """``dresses`` → ``dress``, ``batteries`` → ``battery``, ``لباسهای`` → ``لباس``; other words unchanged."""
    for suffix in _PERSIAN_PLURALS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    if not word.isascii() or len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _need_tokens(query: str) -> list[tuple[str, str]]:
    """The words of ``query`` that name the need, each as (need word, as typed but normalized): "lebas" is the need
    word "leba", trimmed as an English plural would be, though it is the Finglish «لباس»."""
    hs_code = parse_hs_query(query)
    if hs_code is not None:
        return [(hs_code, hs_code)]
    words: list[tuple[str, str]] = []
    for word in normalize(query).split():
        if word in _PURPOSE and words:
            break
        if word in FILLERS or word in ACTIVITY_WORDS or word in _PERSIAN_PLURALS or (len(word) == 1 and word.isascii()):
            continue
        words.append((_singular(word), word))
    return words


def need_words(query: str) -> list[str]:
    """The words of ``query`` that name the need, normalized; empty when it names nothing (``hello``)."""
    return [word for word, _ in _need_tokens(query)]


def _join_split_words(words: list[str], vocabulary: set[str]) -> list[str]:
    """Join neighbours whose concatenation is a word someone typed whole ("اسباب" "بازی" → "اسباببازی")."""
    joined: list[str] = []
    index = 0
    while index < len(words):
        if index + 1 < len(words) and words[index] + words[index + 1] in vocabulary:
            joined.append(words[index] + words[index + 1])
            index += 2
        else:
            joined.append(words[index])
            index += 1
    return joined


def _same_word(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) > 3 and fuzz.ratio(a, b) >= SAME_WORD)


Reading = Callable[[str], Mapping[str, float]]
"""How the matching engine reads one need word: the catalog words it stands for, with their similarity
(:meth:`bot.services.search.Matcher.reading`)."""
SameWord = Callable[[str, str], bool]
# A word the engine reads as another from this similarity on is that word: the same word in Finglish (0.95), a
# synonym or a learnt translation (0.96); below it are guesses at typing errors («عروس» read as «عروق», 0.8).
SAME_CONCEPT = 0.95
# A Finglish word and a Persian one are the same word when they have the same consonants, this many at least (as
# the engine recognises a Persian name typed in Finglish): "cotton" and «کتان» (linen) have only three.
_LEAST_CONSONANTS = 4


class Concepts:
    """Which need words are one word as the matching engine reads them (see the module's documentation).

    ``typed`` gives each need word the forms it was typed in (normalized, before a plural was trimmed): the engine
    reads what was typed ("lebas" is «لباس» to it; the trimmed "leba" is not). ``needs`` (their words) let a need
    typed in Finglish word by word be the Persian need with the same consonants in the same order, even when each
    word alone has too few to tell ("lebas aroos", «لباس عروس»).
    """

    def __init__(self, words: Iterable[str], reading: Reading | None, *, typed: Mapping[str, Iterable[str]] | None = None,
                 needs: Iterable[Sequence[str]] = ()) -> None:
        self._linked: dict[str, set[str]] = defaultdict(set)
        # Latin words linked to a Persian one by their consonants: Persian typed in Latin letters.
        self._finglish: set[str] = set()
        if reading is None:
            return
        vocabulary = set(words)
        forms = {word: {word, *(typed or {}).get(word, ())} for word in vocabulary}
        reads: dict[str, dict[str, float]] = {}
        by_consonants: dict[str, list[str]] = defaultdict(list)
        for word in vocabulary:
            read: dict[str, float] = {}
            for form in sorted(forms[word]):
                for other, value in reading(form).items():
                    read[other] = max(value, read.get(other, 0.0))
            reads[word] = read
            for other, value in read.items():
                if value >= SAME_CONCEPT and other != word and other in vocabulary:
                    self._link(word, other)
            consonants = skeleton(word)
            # A Latin word the engine reads is its own (English "rhenium" is no «راهنما», a guide); one it cannot
            # read may be Finglish.
            if len(consonants) >= _LEAST_CONSONANTS and not (read and is_latin(word)):
                by_consonants[consonants].append(word)
        for spellings in by_consonants.values():
            for latin in filter(is_latin, spellings):
                for persian in spellings:
                    if is_persian(persian):
                        self._link(latin, persian)
                        self._finglish.add(latin)
        self._link_phrases([list(need) for need in needs], forms, reads)

    def _link_phrases(self, needs: list[list[str]], forms: Mapping[str, set[str]], reads: Mapping[str, Mapping[str, float]]) -> None:
        """Link the words of a Latin need to those of a Persian need of as many words with the same consonants in
        order (four at least in all), where each Latin word is one the engine cannot read or reads as its Persian
        word: "lebas aroos" and «لباس عروس», though "aroos" and «عروس» alone are only two consonants."""
        persian: dict[tuple[str, ...], list[list[str]]] = defaultdict(list)
        for need in needs:
            if len(need) > 1 and all(map(is_persian, need)):
                persian[tuple(skeleton(word) for word in need)].append(need)
        for need in needs:
            if len(need) < 2 or not all(map(is_latin, need)) or not persian:
                continue
            shapes = product(*({skeleton(form) for form in forms.get(word, {word})} for word in need))
            for shape in shapes:
                if "" in shape or sum(map(len, shape)) < _LEAST_CONSONANTS:
                    continue
                for words in persian.get(shape, ()):
                    pairs = list(zip(need, words, strict=True))
                    if all(not reads.get(latin) or reads[latin].get(other, 0.0) >= SAME_CONCEPT for latin, other in pairs):
                        for latin, other in pairs:
                            self._link(latin, other)
                            self._finglish.add(latin)

    def head(self, words: Sequence[str]) -> str:
        """The word a need is about (:func:`_head`); Finglish keeps the Persian order: "lebas aroos" is a kind of "lebas"."""
        return words[0] if words[0] in self._finglish else _head(words)

    def _link(self, a: str, b: str) -> None:
        self._linked[a].add(b)
        self._linked[b].add(a)

    def linked(self, word: str) -> set[str]:
        """The other need words the engine reads as ``word``."""
        return self._linked.get(word, set())

    def same(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` are one word: a typo apart, or read as one by the engine."""
        return _same_word(a, b) or b in self._linked.get(a, ())


def _covered(words: Sequence[str], by: Sequence[str], same: SameWord = _same_word) -> bool:
    return all(any(same(word, other) for other in by) for word in words)


def _head(words: Sequence[str]) -> str:
    """The word a need is about: Persian puts it first ("لباس عروس"), English last ("wedding dress")."""
    return words[0] if is_persian(words[0]) else words[-1]


def same_need(a: Sequence[str], b: Sequence[str], same: SameWord = _same_word, head: Callable[[Sequence[str]], str] = _head) -> bool:
    """Whether two needs (their words) are variants of one: the same words, or more words with the same head
    (``same`` tells two words are one: a typo apart by default, or as :meth:`Concepts.same` reads them; ``head``
    which word a need is about, as :meth:`Concepts.head` tells it)."""
    shorter, longer = sorted((a, b), key=len)
    if not _covered(shorter, longer, same):
        return False
    return _covered(longer, shorter, same) or same(head(shorter), head(longer))


@dataclass(slots=True)
class DemandGroup:
    """Variants of one need: how often they were asked, by how many people, and the commonest wordings."""

    key: str
    searches: int = 0
    people: int = 0
    with_related: int = 0  # searches that were shown related suggestions (none confident)
    examples: list[str] = field(default_factory=list)
    search_id: int | None = None
    """The newest of its searches (when they were given with ids): what admins' buttons name the group by."""
    state: DemandState = DemandState.OPEN
    code: str | None = None
    """The listing it became an alias of, or that was drafted for it."""
    decided_at: datetime | None = None
    answered_by: str | None = None
    """The listing (or desk) the current catalog answers the group's commonest wording with, confidently: a listing
    added since the searches, or an alias, answers it now (see :func:`mark_answered`)."""
    # Standing requests ("tell me when something like this is listed") left on the group's searches, how many
    # of them were told of a listing, and how many then expressed interest in it (see count_requests).
    requests: int = 0
    told: int = 0
    interested: int = 0
    _users: set[int] = field(default_factory=set, repr=False)
    _wordings: Counter[str] = field(default_factory=Counter, repr=False)
    _needs: Counter[str] = field(default_factory=Counter, repr=False)
    _search_ids: set[int] = field(default_factory=set, repr=False)

    @property
    def search_ids(self) -> frozenset[int]:
        """The ids of its searches (when they were given with ids)."""
        return frozenset(self._search_ids)

    def wordings(self) -> list[str]:
        """Every wording of the group, commonest first."""
        return [wording for wording, _ in self._wordings.most_common()]

    def spell(self, words: Sequence[str], *, as_typed: bool = False) -> str:
        """Need words as people spelled them: each as typed in the commonest wording that has it only normalized
        ("پمپ آب", not the search form "پمپ اب"; "ECU", not "ecu"); a trimmed or joined word stays as it is, unless
        ``as_typed``: then a word trimmed of a plural is spelled as typed too ("lebas aroos", not "leba aroo")."""
        spelled: dict[str, str] = {}
        trimmed: dict[str, str] = {}
        for wording in self.wordings():
            for token in wording.split():
                token = token.strip(_PUNCTUATION)
                spelled.setdefault(normalize(token), token)
                if as_typed:
                    trimmed.setdefault(_singular(normalize(token)), token)
        return " ".join(spelled.get(word) or trimmed.get(word, word) for word in words)

    @property
    def label(self) -> str:
        """The key as people typed it, for admins to read: a Finglish word is not read as an English plural and
        trimmed ("lebas aroos", not "leba aroo")."""
        return self.spell(self.key.split(), as_typed=True)

    @property
    def variants(self) -> list[tuple[str, int]]:
        """The needs (keys) grouped here with their numbers of searches, most asked first (the group's key first)."""
        return sorted(self._needs.items(), key=lambda item: (item[0] != self.key, -item[1], item[0]))

    @property
    def languages(self) -> bool:
        """Whether its needs were asked in both scripts (Persian, and English or Finglish), joined by the engine's reading."""
        return len({is_persian(need) for need in self._needs}) > 1


Search = tuple[str, int | None] | tuple[str, int | None, bool] | tuple[str, int | None, bool, int]
"""An unanswered search: (query, user id[, related shown[, search id]])."""


def group_queries(searches: Iterable[Search], *, reading: Reading | None = None) -> list[DemandGroup]:
    """Group unanswered searches ``(query, user id[, related shown[, search id]])`` by need, largest group first;
    with the engine's ``reading`` of words, the same need in another language or script is grouped too."""
    tokens = [(_need_tokens(search[0]), search) for search in searches]
    typed_as: dict[str, set[str]] = defaultdict(set)
    for need_tokens, _ in tokens:
        for word, form in need_tokens:
            typed_as[word].add(form)
    worded = [([word for word, _ in need_tokens], search[0], search[1], len(search) > 2 and bool(search[2]), search[3] if len(search) > 3 else None)
              for need_tokens, search in tokens]
    typed = {word for words, _, _, _, _ in worded for word in words}
    needs: dict[str, DemandGroup] = {}
    for words, query, user_id, related, search_id in worded:
        if not words:
            continue
        key = " ".join(_join_split_words(words, typed))
        need = needs.setdefault(key, DemandGroup(key))
        need.searches += 1
        need.with_related += related
        need._wordings[" ".join(query.split())] += 1
        if user_id is not None:
            need._users.add(user_id)
        if search_id is not None:
            need._search_ids.add(search_id)
    vocabulary = sorted({word for key in needs for word in key.split()})
    concepts = Concepts(vocabulary, reading, typed=typed_as, needs=[key.split() for key in needs])
    similar: dict[str, list[str]] = {}
    groups: list[DemandGroup] = []
    seeds: list[list[str]] = []
    by_word: dict[str, list[int]] = {}  # word → the groups whose first wording has it
    for need in sorted(needs.values(), key=lambda n: (-n.searches, n.key)):
        words = need.key.split()
        # Variants share at least one word (give or take a typo): only groups with one are compared in full.
        candidates: set[int] = set()
        for word in words:
            if word not in similar:
                similar[word] = (
                    [word] if len(word) <= 3
                    else [found for found, _, _ in process.extract(word, vocabulary, scorer=fuzz.ratio, score_cutoff=SAME_WORD, limit=None)]
                ) + sorted(concepts.linked(word))
            for other in similar[word]:
                candidates.update(by_word.get(other, ()))
        ranked = sorted(candidates, key=lambda index: (-fuzz.token_set_ratio(need.key, " ".join(seeds[index])), index))
        found = next((index for index in ranked if same_need(words, seeds[index], concepts.same, concepts.head)), None)
        if found is None:
            found = len(groups)
            groups.append(DemandGroup(need.key))
            seeds.append(words)
            for word in set(words):
                by_word.setdefault(word, []).append(found)
        target = groups[found]
        target.searches += need.searches
        target.with_related += need.with_related
        target._users |= need._users
        target._wordings.update(need._wordings)
        target._needs[need.key] += need.searches
        target._search_ids |= need._search_ids
    for group in groups:
        group.people = len(group._users)
        group.search_id = max(group._search_ids, default=None)
        group.examples = [wording for wording, _ in group._wordings.most_common(EXAMPLES)]
    return sorted(groups, key=lambda g: (-g.searches, -g.people, g.key))


def decision_of(group: DemandGroup, decisions: dict[str, DemandDecision]) -> DemandDecision | None:
    """The decision taken about ``group``: by its key, or by a key that is the same need (its commonest
    wording may have changed since, "wedding dress" → "weding dress")."""
    found = decisions.get(demand_store.need_key(group.key))
    if found is not None:
        return found
    words = group.key.split()
    return next((decision for need, decision in sorted(decisions.items()) if same_need(words, need.split())), None)


def standing_decisions(*, session: Session) -> dict[str, DemandDecision]:
    """The decisions in force (aliased, listed, dismissed; not undone ones), by need."""
    return {need: decision for need, decision in demand_store.decisions(session=session).items() if decision.state is not DemandState.OPEN}


def mark_answered(groups: Iterable[DemandGroup], matcher: Matcher) -> None:
    """Set ``answered_by`` on each open group whose commonest wording the current catalog answers confidently: the
    search log says what was unanswered then, the catalog may answer it since (a listing or an alias added)."""
    for group in groups:
        if group.state is DemandState.OPEN and group.examples:
            group.answered_by = matcher.first_answer(group.examples[0])


def demand_groups(*, session: Session, days: int = 30, now: datetime | None = None, matcher: Matcher | None = None) -> list[DemandGroup]:
    """Every group of searches of the last ``days`` days that no listing answered, largest first, each with
    what admins decided about it (``state``, ``code``, ``decided_at``) and its searches' ids. With the engine over
    the current catalog (``matcher``), one need asked in two languages is one group, and an open group the catalog
    now answers says by what (``answered_by``)."""
    since = (now or utcnow()) - timedelta(days=days)
    reading = matcher.reading if matcher is not None else None
    groups = group_queries(demand_store.unmet_searches(session=session, since=since), reading=reading)
    decisions = standing_decisions(session=session)
    for group in groups if decisions else ():
        decision = decision_of(group, decisions)
        if decision is not None:
            group.state, group.code, group.decided_at = decision.state, decision.code, decision.decided_at
    if matcher is not None:
        mark_answered(groups, matcher)
    count_requests(groups, session=session)
    return groups


def unmet_demand(*, session: Session, days: int = 30, limit: int = 10, now: datetime | None = None,
                 matcher: Matcher | None = None) -> list[DemandGroup]:
    """The ``limit`` largest groups of searches of the last ``days`` days that no listing answered, no admin decided
    about (aliased, listed or dismissed groups are left out) and, with ``matcher``, the catalog does not answer now."""
    groups = demand_groups(session=session, days=days, now=now, matcher=matcher)
    return [group for group in groups if group.state is DemandState.OPEN and group.answered_by is None][:limit]


# ------------------------------------------------------------------------------- standing requests


def _wording(text: str) -> str:
    return " ".join(text.split()).lower()


def count_requests(groups: Sequence[DemandGroup], *, session: Session) -> None:
    """Count in each group the standing requests (not cancelled) left on searches worded as one of its searches,
    how many were told of a listing, and how many then expressed interest in that listing."""
    by_wording: dict[str, DemandGroup] = {}
    for group in groups:
        for wording in group._wordings:
            by_wording.setdefault(_wording(wording), group)
    for query, told, interested in request_store.outcomes(session=session):
        found = by_wording.get(_wording(query))
        if found is not None:
            found.requests += 1
            found.told += told
            found.interested += interested
