"""The shortcuts taken for speed in a large catalog find what the plain computation finds, in the same order.

The order matters: the best-covered candidates are taken in coverage order among equals, so a dict
filled in another order could look over other listings of a large catalog with many alike.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from matching import Document, Field, Index
from matching.index import _SUPPORTING_FIELDS, _Memo

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

