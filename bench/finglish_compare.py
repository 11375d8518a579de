"""Finglish: the index's own consonant-skeleton matching against the `finglish` package, on a blind set.

    pip install finglish        # only for this comparison; matchbot does not depend on it
    python bench/finglish_compare.py --set tests/matching/eval/blind_dev.csv

Finglish is Persian typed in Latin letters ("kamarband imeni"). Three ways of answering the set's
queries written in Latin letters (every kind, with the set's scoring, see match_quality.py):

* **skeleton** — matchbot as shipped: a Latin word is matched to Persian words with the same consonants
  (``matching.lexicon.skeleton``), and a whole Persian name by its consonants;
* **finglish** — the skeletons switched off; instead each Latin word the catalog does not know is
  replaced by the `finglish` package's best Persian spelling (``f2p``) before the lookup;
* **both** — the skeletons on, and the `finglish` spelling added to the query too.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import seeded_matcher, table
from match_quality import Answer, Item, Tally, judge, read_set

_LATIN = re.compile(r"[A-Za-z]")
_PERSIAN = re.compile(r"[\u0600-\u06ff]")


def latin_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Rows whose query is written in Latin letters only (no Persian script)."""
    return [row for row in rows if _LATIN.search(row["query"]) and not _PERSIAN.search(row["query"])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", required=True, type=Path)
    args = parser.parse_args(argv)
    try:
        f2p_module = importlib.import_module("finglish.f2p")
    except ImportError:
        parser.error("this comparison needs the finglish package: pip install finglish")
    rows = latin_rows(read_set(args.set)[0])
    matcher, _ = seeded_matcher()
    index = matcher._index
    vocabulary = index._vocab
    from matching import normalize

    def transliterate(query: str) -> str:
        words = normalize(query).split()
        return " ".join(word if word in vocabulary or not word.isalpha() else f2p_module.f2p(word) for word in words)

    skeletons, consonants = index._skeletons, index._exact_consonants

    def system(mode: str) -> Callable[[str], Answer]:
        def search(query: str) -> Answer:
            if mode == "finglish":
                index._skeletons, index._exact_consonants = {}, {}
            try:
                text = query if mode == "skeleton" else transliterate(query) if mode == "finglish" else f"{query} {transliterate(query)}"
                found = matcher.lookup(text, limit=10)
            finally:
                index._skeletons, index._exact_consonants = skeletons, consonants

            def items(results: list[Any]) -> list[Item]:
                return [Item(r.code, r.sector, r.kind == "product" and r.status == "open") for r in results]

            return Answer(items(found.results), items(found.related))

        return search

    out: list[list[object]] = []
    for mode in ("skeleton", "finglish", "both"):
        search = system(mode)
        positive, negative = Tally(), Tally()
        started = time.perf_counter()
        for row in rows:
            judge(row, search(row["query"]), negative if row["kind"].startswith("none_") else positive)
        elapsed = (time.perf_counter() - started) / max(len(rows), 1) * 1000
        out.append([
            mode, positive.queries, f"{positive.top1 / positive.queries:.0%}", f"{positive.answered / positive.queries:.0%}",
            positive.nothing, f"{negative.confident}/{negative.queries}", f"{negative.related}/{negative.queries}", f"{elapsed:.1f} ms",
        ])
    print(f"# Finglish on the Latin-letter queries of {args.set} ({len(rows)} queries)\n")
    print(table(["system", "positive", "top-1", "answered", "nothing", "none: confident", "none: related", "mean time"], out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
