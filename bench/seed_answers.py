"""Every answer of the seed catalog to every query of docs/eval/*.csv, for checking that a speed change changes none.

    python bench/seed_answers.py answers.jsonl     # in each tree (~1.5 min); then: cmp main.jsonl branch.jsonl
    python bench/seed_answers.py --quick           # the first 40 queries, to standard output

Each query goes through the bot's ``Matcher`` (results and related suggestions, with the kind, code, score and
why of each) and through ``Index.lookup`` (key, score, why), at limits 5 and 50: one JSON line per query and
limit. A tree whose dump is byte for byte another's answers every seen query the same way, order and scores
included.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import TextIO

from _common import seeded_matcher


def queries() -> list[str]:
    """The queries of docs/eval/*.csv, in file order (duplicates kept: the order of a dump is the files')."""
    folder = Path(__file__).resolve().parent.parent / "docs" / "eval"
    texts: list[str] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts += [row["query"] for row in csv.DictReader(handle)]
    return texts


def write(out: TextIO, texts: list[str]) -> None:
    """One JSON line per query and limit: the Matcher's results and suggestions, and Index.lookup's."""
    matcher, _ = seeded_matcher()
    for text in texts:
        for limit in (5, 50):
            found = matcher.lookup(text, limit=limit)
            raw = matcher._index.lookup(text, limit=limit)
            line = {
                "query": text,
                "limit": limit,
                "results": [[r.kind, r.code, r.score, r.why] for r in found.results],
                "related": [[r.kind, r.code, r.score, r.why] for r in found.related],
                "index": {tier: [[m.key, m.score, m.why] for m in getattr(raw, tier)] for tier in ("confident", "related")},
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", nargs="?", help="the file to write (default: standard output)")
    parser.add_argument("--quick", action="store_true", help="only the first 40 queries: a smoke run")
    args = parser.parse_args()
    texts = queries()[:40] if args.quick else queries()
    if args.out is None:
        write(sys.stdout, texts)
        return
    with open(args.out, "w", encoding="utf-8") as out:
        write(out, texts)
    print(f"{len(texts)} queries × 2 limits written to {args.out}")


if __name__ == "__main__":
    main()
