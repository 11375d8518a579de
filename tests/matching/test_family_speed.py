"""A family need in a large catalog reads the listings it shows, and finds what the plain computation finds.

In a catalog of 100,000, thousands of names hold "pump" or "compressor" without being pumps ("pump
seal", "compressor oil"): working each one's head noun out at query time took up to 100 ms.
"""

from __future__ import annotations

import pytest

from matching import Document, Field, Index
from matching.index import _FAMILY_ALIASED, _FAMILY_LISTINGS, _FAMILY_NAMED, _Memo


def _listing(n: int) -> Document:
    names: tuple[Field, ...]
    if n % 7 == 0:  # a pump, named in both languages
        names = (Field("name_en", f"model {n} pump"), Field("name_fa", f"پمپ مدل {n}"))
    elif n % 5 == 0:  # a pump in English only
        names = (Field("name_en", f"slurry pump {n}"), Field("name_fa", f"دوغاب {n}"))
    else:  # holds the word, is no pump
        names = (Field("name_en", f"pump seal {n}"), Field("name_fa", f"آب‌بند پمپ {n}"), Field("alias", "pump part"))
    # Few distinct import values: equal ones are ordered by code.
    return Document("product", f"P-{(n * 37) % 3000:04d}", (*names, Field("sector", "industry")), weight=float(n % 4))


_CATALOG = [_listing(n) for n in range(3000)]
_INDEX = Index(_CATALOG, synonyms=[("pump", "پمپ")])


def _plain(word: str, limit: int) -> dict[int, float]:
    """The family as worked out before: every listing whose names hold a head, by import value and code, named
    or only aliased as one."""
    (term,) = _INDEX._match_words([word], _Memo())
    heads = set(term.similar)
    candidates = {doc_id for head in heads for name in ("name_en", "name_fa", "alias") for doc_id in _INDEX._postings[name].get(head, ())}
    family: dict[int, float] = {}
    bilingual = 0
    for doc_id in sorted(candidates, key=lambda d: (-_CATALOG[d].weight, _CATALOG[d].key)):
        if len(family) >= limit and bilingual >= _FAMILY_LISTINGS:
            break
        headed = {head: named for head, named in _INDEX._name_heads(doc_id).items() if head in heads}
        scripts = {_INDEX._words[head].isascii() for head in headed}
        if scripts:
            family[doc_id] = _FAMILY_NAMED if any(headed.values()) else _FAMILY_ALIASED
            bilingual += len(scripts) == 2
    return dict(list(family.items())[:limit]) if bilingual >= _FAMILY_LISTINGS else {}


@pytest.mark.parametrize("word", ["pump", "پمپ", "pumps"])
@pytest.mark.parametrize("limit", [1, 10, 50, 5000])
def test_a_family_is_what_the_plain_computation_finds(word: str, limit: int) -> None:
    family = _INDEX._family_of(word, _Memo(), limit)
    assert family
    assert family == _plain(word, limit)


def test_a_family_need_works_out_no_listings_layout() -> None:
    # 2,400 of the 3,000 listings hold "pump" in a name without being pumps.
    _INDEX._layout.cache_clear()
    assert len(_INDEX._family_of("pumps", _Memo(), 50)) == 50
    assert _INDEX._layout.cache_info().misses == 0
