"""The shortcuts taken for speed in a large catalog find what the plain computation finds, in the same order.

The order matters: the best-covered candidates are taken in coverage order among equals, so a dict
filled in another order could look over other listings of a large catalog with many alike.
"""

from __future__ import annotations

from operator import itemgetter

from hypothesis import given, settings
from hypothesis import strategies as st

from matching import Document, Field, Index
from matching.index import _SUPPORTING_FIELDS, _Memo, _Term

# Many listings share their sector's words, as in a catalog of 100,000: long posting lists.
_CATALOG = [
    Document(
        "product",
        f"AUT-{n:03d}",
        (
            Field("name_en", f"part {n} {'valve' if n % 3 else 'pump'}"),
            Field("name_fa", f"قطعه {n}"),
            Field("sector", "automotive car industry" if n % 4 else "oil gas industry"),
            Field("description", "a valve for pumps" if n % 5 == 0 else "made of steel"),
        ),
    )
    for n in range(600)
]
_INDEX = Index(_CATALOG)


@settings(max_examples=60, deadline=None)
@given(
    word=st.sampled_from(["industry", "valve", "pump", "steel", "car", "oil"]),
    named_by=st.sampled_from(["valve", "pump", "part"]),
    picked=st.sets(st.integers(0, len(_CATALOG) - 1), max_size=len(_CATALOG)),
)
def test_supporting_fields_outside_the_named_documents_are_found_as_by_the_set_difference(
    word: str, named_by: str, picked: set[int]
) -> None:
    memo = _Memo()
    term = _INDEX._match_words([word], memo)[0]
    named = memo.reach(_INDEX, _INDEX._match_words([named_by], memo)[0], 2.0)
    # Candidates hold every named document (as in Index._score), some or most of the others.
    candidates = set(named) | picked
    reached = {doc_id: value for doc_id, value in named.items() if doc_id in candidates}
    plain = _INDEX._reach(term, 1.5, _SUPPORTING_FIELDS, candidates - reached.keys())
    quick = _INDEX._reach(term, 1.5, _SUPPORTING_FIELDS, candidates, outside=reached)
    assert list(quick.items()) == list(plain.items())



@settings(max_examples=40, deadline=None)
@given(
    picked=st.sets(st.integers(0, len(_CATALOG) - 1), max_size=len(_CATALOG)),
    similarities=st.lists(st.sampled_from([0.8, 0.85, 0.9, 0.95, 1.0]), min_size=4, max_size=4, unique=True),
)
def test_readings_sharing_a_posting_list_find_what_each_reading_finds_on_its_own(
    picked: set[int], similarities: list[float]
) -> None:
    # "automotive" and "car" are words of one sector's fields only: they share its list of documents,
    # which Index._reach intersects with the candidates once for both.
    ids = [_INDEX._vocab[word] for word in ("automotive", "car", "oil", "steel")]
    sector = _INDEX._postings["sector"]
    assert sector[ids[0]] is sector[ids[1]]
    memo = _Memo()
    named = memo.reach(_INDEX, _INDEX._match_words(["valve"], memo)[0], 2.0)
    candidates = set(named) | picked
    term = _Term("reading", dict(zip(ids, similarities)))
    quick = _INDEX._reach(term, 1.5, _SUPPORTING_FIELDS, candidates, outside=named)
    # Each reading on its own, merged from the least similar up (as Index._reach orders its lists).
    plain: dict[int, float] = {}
    alone = []
    for term_id, similarity in term.similar.items():
        reading = _Term("reading", {term_id: similarity})
        alone.append((similarity, _INDEX._reach(reading, 1.5, _SUPPORTING_FIELDS, candidates, outside=named)))
    for _, found in sorted(alone, key=itemgetter(0)):
        plain.update(found)
    assert list(quick.items()) == list(plain.items())
