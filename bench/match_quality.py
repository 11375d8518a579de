"""Benchmark: answer quality of the matcher on a blind query set, side by side with two plain baselines.

    python bench/match_quality.py --set tests/matching/eval/blind_dev.csv
    python bench/match_quality.py --set PATH --json        # one JSON document, for machines
    python bench/match_quality.py --set PATH --misses      # also list what matchbot got wrong

The set is a CSV with the columns ``kind,query,expected``:

* ``expected`` is one or more product codes separated by ``|`` (any one counts), or for kind ``multi``
  codes that must all be found; or ``sector:<key>`` for a need of a whole sector; or empty for the
  must-match-nothing kinds, whose names start with ``none_``.
* Extra columns are ignored; blank lines and rows without a query are skipped and counted.

Per kind it reports, over positive queries:

* **top-1**: the first confident result is an expected listing (``multi``: every expected listing is
  among the confident results; ``sector:``: the first confident result is an open listing of that sector);
* **answered**: the first confident result is right, or an expected listing is among the first 3
  confident or the first 3 related results (``multi``: each expected listing is among the confident
  results or the first 3 related; ``sector:``: the first 3 confident results are open listings of it);
* **nothing**: neither a confident result nor a related suggestion;

and over ``none_*`` queries: how many got a confident match (must be 0) and how many a related suggestion.

The catalog is the shipped seed (``matchbot seed`` into a throw-away SQLite database). The baselines
see the same listings' names and aliases and have one tier (their results count as confident):

* **fts5**: plain SQLite FTS5, ``unicode61`` tokenizer (diacritics removed), over names and aliases;
  the query's words OR-ed, best 10 by bm25;
* **wratio**: ``rapidfuzz.process.extract`` with ``fuzz.WRatio`` over the names and aliases normalized
  by ``matching.normalize``, score cutoff 85, best 10 listings.
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import machine, seeded_matcher, table

TOP = 3
LIMIT = 10
WRATIO_CUTOFF = 85.0


@dataclass(frozen=True)
class Item:
    """One result as the scorer needs it."""

    code: str
    sector: str
    open: bool


@dataclass(frozen=True)
class Answer:
    confident: list[Item]
    related: list[Item]


@dataclass
class Tally:
    """Counts for one kind."""

    queries: int = 0
    top1: int = 0
    answered: int = 0
    nothing: int = 0
    confident: int = 0  # none_* queries with a confident match
    related: int = 0  # none_* queries with a related suggestion
    misses: list[str] = field(default_factory=list)

    def as_dict(self, negative: bool) -> dict[str, Any]:
        if negative:
            return {"queries": self.queries, "confident": self.confident, "related_shown": self.related}
        return {"queries": self.queries, "top1": self.top1, "answered": self.answered, "nothing": self.nothing}


Searcher = Callable[[str], Answer]


def read_set(path: Path) -> tuple[list[dict[str, str]], int]:
    """The rows of a blind set and how many were skipped; raises SystemExit naming a bad header."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"kind", "query", "expected"} - set(reader.fieldnames or ())
        if missing:
            raise SystemExit(f"{path}: missing column(s) {', '.join(sorted(missing))} (need kind,query,expected)")
        rows, skipped = [], 0
        for row in reader:
            kind, query = (row.get("kind") or "").strip(), (row.get("query") or "").strip()
            if not kind or not query:
                skipped += 1
                continue
            rows.append({"kind": kind, "query": query, "expected": (row.get("expected") or "").strip()})
    return rows, skipped


def judge(row: dict[str, str], answer: Answer, tally: Tally) -> None:
    """Add one query's answer to its kind's tally."""
    tally.queries += 1
    confident, related = answer.confident, answer.related
    if row["kind"].startswith("none_") or not row["expected"]:
        tally.confident += bool(confident)
        tally.related += bool(related)
        if confident or related:
            tally.misses.append(f"{row['query']!r} → confident {[i.code for i in confident[:3]]} related {[i.code for i in related[:3]]}")
        return
    expected = row["expected"]
    if expected.startswith("sector:"):
        key = expected.split(":", 1)[1].strip()
        first = confident[:TOP]
        top1 = bool(first) and first[0].sector == key and first[0].open
        answered = bool(first) and all(item.sector == key and item.open for item in first)
    else:
        codes = [code.strip() for code in expected.split("|") if code.strip()]
        confident_codes = [item.code for item in confident]
        related_codes = [item.code for item in related[:TOP]]
        if row["kind"] == "multi":
            top1 = all(code in confident_codes for code in codes)
            answered = all(code in confident_codes or code in related_codes for code in codes)
        else:
            top1 = bool(confident_codes) and confident_codes[0] in codes
            answered = top1 or any(code in confident_codes[:TOP] or code in related_codes for code in codes)
    tally.top1 += top1
    tally.answered += answered
    tally.nothing += not confident and not related
    if not answered or not top1:
        tally.misses.append(
            f"{'' if answered else 'UNANSWERED '}{row['query'][:90]!r} want {expected} → confident "
            f"{[i.code for i in confident[:3]]} related {[i.code for i in related[:3]]}"
        )


def evaluate(rows: Sequence[dict[str, str]], search: Searcher) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    for row in rows:
        judge(row, search(row["query"]), tallies.setdefault(row["kind"], Tally()))
    return tallies


# ------------------------------------------------------------------------------------- systems


def matchbot_searcher(matcher: Any) -> Searcher:
    def search(query: str) -> Answer:
        found = matcher.lookup(query, limit=LIMIT)

        def items(results: Sequence[Any]) -> list[Item]:
            return [Item(r.code, r.sector, r.kind == "product" and r.status == "open") for r in results]

        return Answer(items(found.results), items(found.related))

    return search


def _texts(product: Any) -> list[str]:
    from bot.store.models import split_list

    return [product.name_en, product.name_fa, *split_list(product.aliases)]


def fts5_searcher(products: Sequence[Any]) -> Searcher:
    from matching import normalize

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE listing USING fts5(code UNINDEXED, text, tokenize='unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO listing VALUES (?, ?)", [(p.code, " ; ".join(_texts(p))) for p in products])
    by_code = {p.code: Item(p.code, p.sector, p.status == "open") for p in products}

    def search(query: str) -> Answer:
        words = normalize(query).split()
        if not words:
            return Answer([], [])
        expression = " OR ".join('"' + word.replace('"', '""') + '"' for word in words)
        rows = db.execute(
            "SELECT code FROM listing WHERE listing MATCH ? ORDER BY bm25(listing) LIMIT ?", (expression, LIMIT)
        ).fetchall()
        return Answer([by_code[code] for (code,) in rows], [])

    return search


def wratio_searcher(products: Sequence[Any]) -> Searcher:
    from rapidfuzz import fuzz, process

    from matching import normalize

    choices, owners = [], []
    for product in products:
        for text in _texts(product):
            choices.append(normalize(text))
            owners.append(Item(product.code, product.sector, product.status == "open"))

    def search(query: str) -> Answer:
        text = normalize(query)
        found: list[Item] = []
        for _, _, position in process.extract(text, choices, scorer=fuzz.WRatio, score_cutoff=WRATIO_CUTOFF, limit=LIMIT * 5):
            if owners[position] not in found:
                found.append(owners[position])
        return Answer(found[:LIMIT], [])

    return search


# ------------------------------------------------------------------------------------- report


def summary(tallies: dict[str, Tally]) -> dict[str, Any]:
    positive = {kind: t for kind, t in tallies.items() if not kind.startswith("none_")}
    negative = {kind: t for kind, t in tallies.items() if kind.startswith("none_")}
    queries = sum(t.queries for t in positive.values())
    none_queries = sum(t.queries for t in negative.values())
    return {
        "kinds": {kind: t.as_dict(kind.startswith("none_")) for kind, t in sorted(tallies.items())},
        "positive": {
            "queries": queries,
            "top1": sum(t.top1 for t in positive.values()),
            "answered": sum(t.answered for t in positive.values()),
            "nothing": sum(t.nothing for t in positive.values()),
            "worst_kind_answered": min((t.answered / t.queries for t in positive.values() if t.queries), default=1.0),
        },
        "none": {
            "queries": none_queries,
            "confident": sum(t.confident for t in negative.values()),
            "related_shown": sum(t.related for t in negative.values()),
        },
    }


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.0%} ({part}/{whole})" if whole else "-"


def render(results: dict[str, dict[str, Tally]]) -> str:
    systems = list(results)
    kinds = sorted({kind for tallies in results.values() for kind in tallies}, key=lambda k: (k.startswith("none_"), k))
    rows: list[list[object]] = []
    for kind in kinds:
        for system in systems:
            t = results[system].get(kind, Tally())
            if kind.startswith("none_"):
                rows.append([kind, system, t.queries, "-", "-", "-", f"{t.confident}", _pct(t.related, t.queries)])
            else:
                rows.append([kind, system, t.queries, _pct(t.top1, t.queries), _pct(t.answered, t.queries), t.nothing, "-", "-"])
    for system in systems:
        s = summary(results[system])
        p, n = s["positive"], s["none"]
        rows.append(["ALL positive", system, p["queries"], _pct(p["top1"], p["queries"]), _pct(p["answered"], p["queries"]), p["nothing"], "-", "-"])
        rows.append(["ALL none_*", system, n["queries"], "-", "-", "-", n["confident"], _pct(n["related_shown"], n["queries"])])
    headers = ["kind", "system", "queries", "top-1", "answered", "nothing", "none: confident", "none: related"]
    return table(headers, rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", required=True, type=Path, help="the blind set: CSV with kind,query,expected")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    parser.add_argument("--misses", action="store_true", help="list matchbot's wrong answers per kind")
    args = parser.parse_args(argv)
    if not args.set.is_file():
        parser.error(f"no such file: {args.set}")
    rows, skipped = read_set(args.set)
    if not rows:
        parser.error(f"{args.set}: no queries")
    matcher, products = seeded_matcher()
    results = {
        "matchbot": evaluate(rows, matchbot_searcher(matcher)),
        "fts5": evaluate(rows, fts5_searcher(products)),
        "wratio": evaluate(rows, wratio_searcher(products)),
    }
    if args.json:
        payload = {
            "set": str(args.set),
            "queries": len(rows),
            "skipped_rows": skipped,
            "systems": {system: summary(tallies) for system, tallies in results.items()},
            "misses": {kind: t.misses for kind, t in sorted(results["matchbot"].items())},
        }
        print(json.dumps(payload, ensure_ascii=False, indent=1))
        return 0
    print(f"# Match quality on {args.set} ({len(rows)} queries{f', {skipped} rows skipped' if skipped else ''})")
    print(f"machine: {machine()}\n")
    print(render(results))
    if args.misses:
        for kind, tally in sorted(results["matchbot"].items()):
            if tally.misses:
                print(f"\n## {kind}: matchbot misses")
                print("\n".join(f"- {line}" for line in tally.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
