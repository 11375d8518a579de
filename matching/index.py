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
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Literal

from rapidfuzz.distance import OSA

from .fillers import FILLERS
from .normalize import normalize

__all__ = ["Document", "Field", "Index", "Match", "parse_hs_query"]

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
_SUFFIXES = ("هایی", "های", "ها", "ترین", "تر", "ای", "ی", "ان", "ات", "es", "s")
# Similarity from which a word counts as the listing's own word rather than a guess at a typo.
_SURE = 0.94
_HS_QUERY = re.compile(
    r"^\s*(?:(?:hs|tariff|کد|تعرفه|code)\s*(?:code|کد|تعرفه|hs)?\s*[:#.]?\s*)?(\d[\d\s.\-]*\d)\s*$", re.IGNORECASE
)
_MAX_CANDIDATES = 200
# A word with typing errors is this much less similar per error, and has at most this many.
_EDIT_COST = 0.12
_MOST_EDITS = 3
# The least similarity a matched word has (all other kinds of match give 0.85 or more). Even so, a
# word found in a name counts more than one found only in a supporting field: Index._score relies on it.
_LEAST_SIMILARITY = 1.0 - _EDIT_COST * _MOST_EDITS
assert _LEAST_SIMILARITY * min(_FIELD_STRENGTH[name] for name in _NAME_FIELDS) > max(
    _FIELD_STRENGTH[name] for name in _SUPPORTING_FIELDS
)
# The score from which a match is shown at all; tuned on tests/matching/eval (unrelated queries score below).
_CONFIDENT = 65.0


@dataclass(frozen=True, slots=True)
class Field:
    """One searchable text of a document, e.g. its English name or one alias."""

    name: FieldName
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """Something the index can find: a product listing or a sector desk.

    ``key`` identifies it to the caller (a product or desk code). ``hs_code`` holds digits only.
    ``weight`` breaks ties between equally good matches (e.g. the annual import value).
    """

    kind: Literal["product", "desk"]
    key: str
    fields: tuple[Field, ...]
    hs_code: str | None = None
    weight: float = 0.0


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


def parse_hs_query(query: str) -> str | None:
    """Return the digits of ``query`` when it is an HS code of 4 to 10 digits, else ``None``.

    Dots, spaces, dashes and an ``HS`` prefix are allowed: ``"HS 8413.70"`` → ``"841370"``.
    Persian digits are accepted too, since the query is normalized first.
    """
    found = _HS_QUERY.match(normalize(query))
    if not found:
        return None
    digits = re.sub(r"\D", "", found.group(1))
    return digits if 4 <= len(digits) <= 10 else None


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


@dataclass(slots=True)
class _Term:
    """Matches of one query word: vocabulary term id → similarity in (0, 1]."""

    word: str
    similar: dict[int, float] = field(default_factory=dict)


class Index:
    """An immutable search index over documents. Build it once, query it from any thread."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self._docs: list[Document] = []
        self._vocab: dict[str, int] = {}
        self._words: list[str] = []
        # Per document, per field: the field's term ids (for re-ranking and explanations), flat to
        # keep a large catalog small: for each field its number of words, then their term ids.
        # Document d's fields are _field_terms[_field_starts[d]:_field_starts[d + 1]].
        self._field_terms: array[int] = array("I")
        self._field_starts: array[int] = array("I")
        # term id → document ids, one posting list per field strength.
        self._postings: dict[str, dict[int, array[int]]] = {name: {} for name in _FIELD_STRENGTH}
        self._df: list[int] = []
        self._exact: dict[str, list[int]] = defaultdict(list)
        # "پلیپروپیلن" → the ids of "پلی" and "پروپیلن": words a listing has side by side, typed joined.
        self._joined: dict[str, tuple[int, int]] = {}
        self._hs: list[tuple[str, int]] = []
        # Many listings share texts (their sector's names, common aliases): analyse each once.
        analyse = lru_cache(maxsize=8192)(self._analyse)
        for document in documents:
            self._add(document, analyse)
        self._field_starts.append(len(self._field_terms))
        self._idf = [math.log(1.0 + len(self._docs) / df) for df in self._df]
        self._sorted_words = sorted(self._words)
        self._deletion_index: dict[str, list[int]] = defaultdict(list)
        self._trigram_index: dict[str, list[int]] = defaultdict(list)
        for term_id, word in enumerate(self._words):
            if len(word) >= 4:
                for key in _deletes(word):
                    self._deletion_index[key].append(term_id)
            if len(word) >= 6:
                for gram in _trigrams(word):
                    self._trigram_index[gram].append(term_id)
        self._hs.sort()

    def __len__(self) -> int:
        return len(self._docs)

    # ----------------------------------------------------------------------------------- building

    def _term_id(self, word: str) -> int:
        term_id = self._vocab.get(word)
        if term_id is None:
            term_id = self._vocab[word] = len(self._words)
            self._words.append(word)
            self._df.append(0)
        return term_id

    def _analyse(self, text: str) -> tuple[str, tuple[int, ...]]:
        """A field text's normalized form without spaces, and its words' term ids."""
        normalized = normalize(text)
        ids = tuple(self._term_id(word) for word in normalized.split())
        for left, right in zip(ids, ids[1:]):
            self._joined.setdefault(self._words[left] + self._words[right], (left, right))
        return normalized.replace(" ", ""), ids

    def _add(self, document: Document, analyse: Callable[[str], tuple[str, tuple[int, ...]]]) -> None:
        doc_id = len(self._docs)
        self._docs.append(document)
        self._field_starts.append(len(self._field_terms))
        seen_in_doc: set[int] = set()
        for fld in document.fields:
            spelling, ids = analyse(fld.text)
            self._field_terms.append(len(ids))
            self._field_terms.extend(ids)
            if fld.name in _NAME_FIELDS and spelling:
                self._exact[spelling].append(doc_id)
            field_postings = self._postings[fld.name]
            for term_id in set(ids):
                postings = field_postings.get(term_id)
                if postings is None:
                    postings = field_postings[term_id] = array("I")
                if not postings or postings[-1] != doc_id:
                    postings.append(doc_id)
                if term_id not in seen_in_doc:
                    seen_in_doc.add(term_id)
                    self._df[term_id] += 1
        if document.hs_code:
            self._hs.append((document.hs_code, doc_id))

    def _fields_of(self, doc_id: int) -> list[array[int]]:
        """The term ids of each field of a document, in the order of its fields."""
        flat = self._field_terms
        position, end = self._field_starts[doc_id], self._field_starts[doc_id + 1]
        fields = []
        while position < end:
            count = flat[position]
            fields.append(flat[position + 1 : position + 1 + count])
            position += 1 + count
        return fields

    # ------------------------------------------------------------------------------------ queries

    def search(self, query: str, *, limit: int = 10) -> list[Match]:
        """Return up to ``limit`` confident matches for ``query``, best first (maybe none)."""
        hs_digits = parse_hs_query(query)
        if hs_digits is not None:
            return self._search_hs(hs_digits, limit)
        text = normalize(query)
        if not text:
            return []
        exact = self._exact.get(text.replace(" ", ""), [])
        words = [word for word in text.split() if word not in FILLERS]
        if not words and not exact:
            return []
        exact_content = self._exact.get("".join(words), []) if words else []
        terms = self._match_words(words)
        scored = self._score(terms, set(exact) | set(exact_content))
        scored.sort(key=lambda item: (-item[0], -self._docs[item[1]].weight, self._docs[item[1]].key))
        return [self._explain(doc_id, score, terms) for score, doc_id in scored[:limit]]

    def _search_hs(self, digits: str, limit: int) -> list[Match]:
        """Products whose HS code and the query agree on the shorter one's digits (at least four)."""
        results: list[tuple[float, int]] = []
        start = bisect_left(self._hs, (digits[:4], -1))
        for code, doc_id in self._hs[start:]:
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

    def _similar_words(self, word: str) -> dict[int, float]:
        """Vocabulary terms that ``word`` may stand for, with a similarity in (0, 1]."""
        found: dict[int, float] = {}
        exact = self._vocab.get(word)
        if exact is not None:
            found[exact] = 1.0
        if len(word) == 3:
            # Too short for typo tolerance, except two neighbouring letters swapped ("pda").
            for i in range(2):
                swapped = self._vocab.get(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
                if swapped is not None and swapped not in found:
                    found[swapped] = 0.88
        edits = _max_edits(word)
        if edits:
            candidates: set[int] = set(self._deletion_index.get(word, ()))
            for key in _deletes(word):
                candidates.update(self._deletion_index.get(key, ()))
                exact_short = self._vocab.get(key)
                if exact_short is not None:
                    candidates.add(exact_short)
            if len(word) >= 6:
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
                if term_id in found or (word[0] != other[0] and word[:2] != other[1::-1]):
                    continue
                distance = OSA.distance(word, other, score_cutoff=edits)
                if distance <= edits:
                    found[term_id] = 1.0 - _EDIT_COST * distance
        if len(word) >= 4:
            # A word typed only in part ("compress") or with a Persian suffix ("پمپها").
            position = bisect_left(self._sorted_words, word)
            for other in self._sorted_words[position : position + 40]:
                if not other.startswith(word):
                    break
                term_id = self._vocab[other]
                if len(word) >= 0.5 * len(other):
                    found[term_id] = max(found.get(term_id, 0.0), 0.85)
            # Plurals and Persian suffixes, either way round: "probe"/"probes", "پمپها"/"پمپ".
            for suffix in _SUFFIXES:
                if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                    stem = self._vocab.get(word[: -len(suffix)])
                    if stem is not None:
                        found[stem] = max(found.get(stem, 0.0), 0.95)
            for suffix in ("s", "es"):
                longer = self._vocab.get(word + suffix)
                if longer is not None:
                    found[longer] = max(found.get(longer, 0.0), 0.95)
        # The query's own filler words were dropped; a word that merely resembles one ("برقی" and
        # "برای", "for") does not mean it either. Fillers are in most names of a large catalog, so
        # this also spares scoring tens of thousands of listings for nothing.
        return {term_id: value for term_id, value in found.items() if self._words[term_id] not in FILLERS}

    def _match_words(self, words: Sequence[str]) -> list[_Term]:
        """Look every query word up, reconciling joined and split spellings with its neighbours."""
        terms = [_Term(word, self._similar_words(word)) for word in words]
        for i in range(len(words) - 1):
            joined = self._vocab.get(words[i] + words[i + 1])
            if joined is not None:
                terms[i].similar[joined] = 1.0
                terms[i + 1].similar[joined] = 1.0
        for term in terms:
            pair = self._joined.get(term.word)
            if pair is not None:
                term.similar[pair[0]] = term.similar[pair[1]] = 1.0
        return terms

    def _weight(self, term: _Term) -> float:
        """How much a query word counts: the rarity of what it matched; unknown words count moderately."""
        if not term.similar:
            return 2.0
        return max(self._idf[term_id] * similarity for term_id, similarity in term.similar.items())

    def _score(self, terms: Sequence[_Term], exact: set[int]) -> list[tuple[float, int]]:
        """Score the documents the query words reach; return (score, doc id) for confident ones.

        Only a document whose *name* (or alias) holds a query word can be confident: words found in
        the supporting fields alone cover at most their strength (0.45) of the query, below
        ``_MIN_SHARE``, and leave every name unmatched. So the name postings choose the candidates and
        the supporting fields (sector, description, often shared by thousands of listings) only add
        to candidates. The postings are merged with dict operations, which run in C: in a catalog of
        100,000 listings a common word has tens of thousands of postings.
        """
        weights = [self._weight(term) for term in terms]
        total_weight = sum(weights)
        # Per query word: document → the best similarity × field strength × weight it reaches.
        named = [self._reach(term, weight, _NAME_FIELDS, None) for term, weight in zip(terms, weights)]
        candidates: set[int] = set().union(*named)
        coverage: dict[int, float] = {}
        for term, weight, best in zip(terms, weights, named):
            # Supporting fields count only where no name holds the word (see _LEAST_SIMILARITY).
            best.update(self._reach(term, weight, _SUPPORTING_FIELDS, candidates - best.keys()))
            for doc_id in coverage.keys() & best.keys():
                best[doc_id] += coverage[doc_id]
            coverage.update(best)
        for doc_id in exact:
            coverage.setdefault(doc_id, total_weight)
        if not coverage:
            return []
        leaders = heapq.nlargest(_MAX_CANDIDATES, coverage.items(), key=itemgetter(1))
        matched = {term_id for term in terms for term_id in term.similar}
        sure = {term_id for term in terms for term_id, similarity in term.similar.items() if similarity >= _SURE}
        results: list[tuple[float, int]] = []
        for doc_id, covered in leaders:
            if doc_id in exact:
                results.append((100.0, doc_id))
                continue
            share = covered / total_weight if total_weight else 0.0
            if share < 0.25:
                continue
            fields = self._fields_of(doc_id)
            score = 0.0
            if share >= _MIN_SHARE:
                score = 75.0 * share + 25.0 * self._name_precision(doc_id, fields, matched)
            if score < _CONFIDENT and self._name_precision(doc_id, fields, sure, min_weight=4.0) == 1.0:
                # A long need statement that contains a whole name, word for word: "we have a factory
                # in Rasht and want to make gas insulated switchgear" is about that switchgear.
                score = _CONFIDENT + 30.0 * share
            if score >= _CONFIDENT:
                results.append((round(min(score, 99.0), 1), doc_id))
        return results

    def _reach(
        self, term: _Term, weight: float, fields: Iterable[str], among: set[int] | None
    ) -> dict[int, float]:
        """Document → ``weight`` × the best similarity × field strength with which ``term`` is in ``fields``.

        With ``among``, only those documents are looked at.
        """
        found: list[tuple[float, array[int] | set[int]]] = []
        for term_id, similarity in term.similar.items():
            for field_name in fields:
                postings = self._postings[field_name].get(term_id)
                if postings is not None:
                    hits = postings if among is None else among.intersection(postings)
                    found.append((weight * (similarity * _FIELD_STRENGTH[field_name]), hits))
        best: dict[int, float] = {}
        # Ascending, so each document keeps the largest value.
        for value, hits in sorted(found, key=itemgetter(0)):
            best.update(dict.fromkeys(hits, value))
        return best

    def _name_precision(
        self, doc_id: int, fields: Sequence[array[int]], matched: set[int], min_weight: float = 0.0
    ) -> float:
        """The largest share of one name's words (weighted by rarity) that the query matched.

        Names whose words weigh less than ``min_weight`` in all are passed over: too common to be
        recognised inside a longer sentence.
        """
        document = self._docs[doc_id]
        idf = self._idf.__getitem__
        best = 0.0
        for fld, ids in zip(document.fields, fields):
            if fld.name not in _NAME_FIELDS or not ids:
                continue
            total = sum(map(idf, ids))
            if total < min_weight:
                continue
            hit = sum(map(idf, filter(matched.__contains__, ids)))
            best = max(best, hit / total if total else 0.0)
        return best

    def _explain(self, doc_id: int, score: float, terms: Sequence[_Term]) -> Match:
        """Name the field whose words the query matched best, for the 'why' of a result."""
        document = self._docs[doc_id]
        matched = {term_id for term in terms for term_id in term.similar}
        best_field, best_key = document.fields[0], (-1.0, -1.0)
        for fld, ids in zip(document.fields, self._fields_of(doc_id)):
            weight = sum(self._idf[term_id] for term_id in ids) or 1.0
            hits = sum(self._idf[term_id] for term_id in set(ids) & matched)
            # The field holding most of the query, and of those the one the query fills best.
            key = (round(hits * _FIELD_STRENGTH[fld.name], 6), hits / weight)
            if key > best_key:
                best_field, best_key = fld, key
        return Match(document.kind, document.key, score, best_field.name, best_field.text)
