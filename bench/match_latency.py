"""Benchmark 1: matching latency of the index against brute-force rapidfuzz, at growing catalog sizes.

    python bench/match_latency.py                 # the seed (220), 10,000 and 100,000 products
    python bench/match_latency.py --quick         # tiny sizes, a few seconds (the smoke test runs this)
    python bench/match_latency.py --sizes 220,50000 --queries 300
    python bench/match_latency.py --cpu 100000    # CPU time per query, synthetic and blind-set queries
    python bench/match_latency.py --cpu 100000 --dump answers.jsonl --profile 15

``--cpu SIZE`` times ``Index.lookup(query, limit=50)`` in CPU time (``time.process_time``, which other
processes' load inflates far less than the wall clock) over bench's synthetic queries and every query
of ``docs/eval/blind_fresh_*.csv``, and prints p50 / p95 / p99 for each. ``--dump`` writes every answer
(codes, tiers, scores, whys) so two trees can be compared byte for byte; ``--profile N`` runs cProfile
over the N slowest queries and prints the costliest functions.

Every size runs in a fresh subprocess, so its memory figures are its own. Within it, the catalog (the
seed listings plus synthetic ones, see bench/synthetic.py) becomes the same documents the bot indexes
(``bot.services.search.product_document``), then:

* **index**: ``matching.Index(documents)`` is built (timed), and every query is answered with
  ``Index.search(query, limit=50)``, the limit the bot uses;
* **brute force**: ``rapidfuzz.process.extract(query, choices, scorer=fuzz.WRatio)`` over every name
  and alias of the same documents, each choice mapped back to its listing. Its processor is
  ``matching.normalize``, applied to the choices once up front (extract would otherwise normalize all
  of them again for every query; the results are the same, only faster).

Top-1 accuracy counts the unchanged queries of tests/matching/eval (labelled ones); a result counts
when its best match is the expected listing or desk.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from collections import Counter
from typing import Any

from _common import machine, peak_rss_mb, percentile, rss_mb, table
from synthetic import Query, catalog_rows, chunks, csv_text, iter_sizes, queries

LIMIT = 50  # bot.services.browse.MAX_RESULTS
NAME_FIELDS = frozenset({"name_en", "name_fa", "alias"})


def _documents(size: int) -> list[Any]:
    """The bot's index documents for a catalog of ``size`` products plus the seed desks."""
    import seed_data
    from bot.services.catalog_csv import parse_desks, parse_products, parse_sectors
    from bot.services.search import desk_document, product_document
    from bot.store.models import Desk, Product, Sector

    folder = seed_data.files()
    sectors = {
        row["key"]: Sector.model_validate(row)
        for row in parse_sectors(folder.joinpath("sectors.csv").read_text(encoding="utf-8"))
    }
    desk_rows, errors = parse_desks(
        folder.joinpath("desks.csv").read_text(encoding="utf-8"), sectors=set(sectors)
    )
    assert not errors, errors
    desks = [Desk.model_validate(row.values()) for row in desk_rows]
    desk_sectors = {str(d.code): str(d.sector) for d in desks}
    documents = []
    # In chunks, validated exactly as `matchbot import` would, so only the documents stay in memory.
    for chunk in chunks(catalog_rows(size)):
        parsed = parse_products(csv_text(chunk), sectors=set(sectors), desks=desk_sectors)
        assert parsed.ok, parsed.errors[:5]
        documents += [
            product_document(Product.model_validate(row.values()), sectors[row.sector]) for row in parsed.rows
        ]
    documents += [desk_document(desk, sectors[desk.sector]) for desk in desks]
    return documents


def _top1(answers: list[str | None], wanted: list[Query]) -> dict[str, Any]:
    """Top-1 accuracy over the eval set's labelled queries, overall, without HS codes, and per kind."""
    right, total = Counter[str](), Counter[str]()
    for answer, query in zip(answers, wanted):
        if query.from_eval and query.expected is not None:
            total[query.kind] += 1
            right[query.kind] += answer == query.expected
    labelled = sum(total.values())
    not_hs = labelled - total["hs"]
    return {
        "top1": sum(right.values()) / labelled if labelled else 0.0,
        "top1_not_hs": (sum(right.values()) - right["hs"]) / not_hs if not_hs else 0.0,
        "labelled": labelled,
        "by_kind": {kind: [right[kind], total[kind]] for kind in sorted(total)},
    }


def worker(size: int, query_count: int, baseline_count: int) -> dict[str, Any]:
    """Measure one catalog size in this (fresh) process and return the figures."""
    from rapidfuzz import fuzz, process

    from matching import Index, normalize

    started = rss_mb()
    documents = _documents(size)
    asked = queries(query_count)
    gc.collect()
    before_index = rss_mb()

    clock = time.perf_counter()
    index = Index(documents)
    build = time.perf_counter() - clock
    gc.collect()
    after_index = rss_mb()

    for query in asked[:50]:  # warm-up: first-touch costs are not query latency
        index.search(query.text, limit=LIMIT)
    latencies, answers = [], []
    for query in asked:
        clock = time.perf_counter()
        found = index.search(query.text, limit=LIMIT)
        latencies.append(time.perf_counter() - clock)
        answers.append(found[0].key if found else None)
    unrelated_hits = sum(1 for a, q in zip(answers, asked) if q.kind == "unrelated" and a is not None)
    index_peak = peak_rss_mb()

    # Brute force: every name and alias, normalized once; owner[i] is the listing choice i belongs to.
    clock = time.perf_counter()
    choices: list[str] = []
    owner: list[str] = []
    for document in documents:
        for fld in document.fields:
            if fld.name in NAME_FIELDS:
                choices.append(normalize(fld.text))
                owner.append(document.key)
    prepare = time.perf_counter() - clock
    # The eval's labelled queries first (for accuracy), then as many of the rest as asked for.
    order = sorted(range(len(asked)), key=lambda i: not (asked[i].from_eval and asked[i].expected))
    chosen = sorted(order[: max(baseline_count, sum(1 for q in asked if q.from_eval and q.expected))])
    brute_latencies: list[float] = []
    brute_answers: list[str | None] = [None] * len(asked)
    for i in chosen:
        clock = time.perf_counter()
        best = process.extract(normalize(asked[i].text), choices, scorer=fuzz.WRatio, processor=None, limit=5)
        brute_latencies.append(time.perf_counter() - clock)
        brute_answers[i] = owner[best[0][2]] if best else None

    return {
        "size": size,
        "documents": len(documents),
        "queries": len(asked),
        "build_s": build,
        "rss_start_mb": started,
        "rss_before_index_mb": before_index,
        "rss_after_index_mb": after_index,
        "peak_rss_index_mb": index_peak,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "max_ms": max(latencies) * 1000,
        "mean_ms": sum(latencies) / len(latencies) * 1000,
        "accuracy": _top1(answers, asked),
        "unrelated_hits": unrelated_hits,
        "unrelated": sum(1 for q in asked if q.kind == "unrelated"),
        "brute": {
            "choices": len(choices),
            "prepare_s": prepare,
            "queries": len(chosen),
            "p50_ms": percentile(brute_latencies, 0.50) * 1000,
            "p99_ms": percentile(brute_latencies, 0.99) * 1000,
            "mean_ms": sum(brute_latencies) / len(brute_latencies) * 1000,
            "accuracy": _top1(brute_answers, asked),
        },
    }


def _blind_queries() -> list[str]:
    """The queries of docs/eval/blind_fresh_*.csv, in file order."""
    import csv
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "docs" / "eval"
    texts = []
    for path in sorted(folder.glob("blind_fresh_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts += [row["query"] for row in csv.DictReader(handle)]
    return texts


def cpu_worker(size: int, query_count: int, dump: str | None, profiled: int) -> None:
    """CPU time per query at ``size`` listings, synthetic and blind queries; optionally dump and profile."""
    import cProfile
    import pstats

    from matching import Index

    documents = _documents(size)
    sets = {"synthetic": [query.text for query in queries(query_count)], "blind": _blind_queries()}
    gc.collect()
    clock = time.process_time()
    index = Index(documents)
    build = time.process_time() - clock
    gc.collect()
    print(f"{size:,} listings: build {build:.1f} s CPU, RSS after build {rss_mb():.0f} MB\n{machine()}")
    for text in sets["synthetic"][:50]:  # warm-up: first-touch costs are not query latency
        index.lookup(text, limit=LIMIT)
    timed: list[tuple[float, str]] = []
    out = open(dump, "w", encoding="utf-8") if dump else None  # noqa: SIM115 - closed below
    for name, texts in sets.items():
        times = []
        for text in texts:
            clock = time.process_time()
            found = index.lookup(text, limit=LIMIT)
            times.append(time.process_time() - clock)
            timed.append((times[-1], text))
            if out is not None:
                answer = {
                    tier: [[m.key, m.score, m.why] for m in getattr(found, tier)] for tier in ("confident", "related")
                }
                out.write(json.dumps({"query": text, **answer}, ensure_ascii=False) + "\n")
        print(
            f"{name}: {len(texts)} queries, CPU p50 / p95 / p99 "
            + " / ".join(f"{percentile(times, q) * 1000:.2f}" for q in (0.5, 0.95, 0.99))
            + f" ms, total {sum(times):.2f} s"
        )
    if out is not None:
        out.close()
    print(f"peak RSS {peak_rss_mb():.0f} MB, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if profiled:
        slowest = [text for _, text in sorted(timed, reverse=True)[:profiled]]
        profile = cProfile.Profile()
        profile.enable()
        for text in slowest:
            index.lookup(text, limit=LIMIT)
        profile.disable()
        pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(25)


def run(sizes: list[int], query_count: int, baseline_count: int) -> list[dict[str, Any]]:
    """Measure each size in its own subprocess, printing progress to stderr."""
    results = []
    for size in sizes:
        print(f"… {size:,} products", file=sys.stderr, flush=True)
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                str(size),
                "--queries",
                str(query_count),
                "--baseline-queries",
                str(baseline_count),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            sys.exit(f"the {size}-product run failed:\n{done.stderr}")
        results.append(json.loads(done.stdout))
    return results


def report(results: list[dict[str, Any]]) -> str:
    """The figures as Markdown tables."""
    rows = []
    for r in results:
        b = r["brute"]
        rows.append(
            [
                f"{r['size']:,}",
                f"{r['build_s']:.2f} s",
                f"{r['p50_ms']:.2f} / {r['p99_ms']:.2f} ms",
                f"{b['p50_ms']:.1f} / {b['p99_ms']:.1f} ms",
                f"{b['mean_ms'] / r['mean_ms']:.0f}× / {b['p99_ms'] / r['p99_ms']:.0f}×",
                f"{r['accuracy']['top1']:.1%}",
                f"{b['accuracy']['top1']:.1%}",
                f"{r['rss_after_index_mb']:.0f} MB (index {r['rss_after_index_mb'] - r['rss_before_index_mb']:.0f})",
            ]
        )
    main = table(
        [
            "products",
            "index build",
            "index p50 / p99",
            "brute force p50 / p99",
            "speedup mean / p99",
            "index top-1",
            "brute top-1",
            "RSS after build",
        ],
        rows,
    )
    detail_rows = []
    for r in results:
        b = r["brute"]
        detail_rows.append(
            [
                f"{r['size']:,}",
                f"{r['queries']} ({b['queries']})",
                f"{b['choices']:,}",
                f"{r['mean_ms']:.2f} / {b['mean_ms']:.1f} ms",
                f"{r['max_ms']:.1f} ms",
                f"{r['accuracy']['top1_not_hs']:.1%} / {b['accuracy']['top1_not_hs']:.1%}",
                f"{r['unrelated_hits']}/{r['unrelated']}",
                f"{r['peak_rss_index_mb']:.0f} MB",
            ]
        )
    detail = table(
        [
            "products",
            "queries (brute)",
            "brute choices",
            "mean index / brute",
            "index max",
            "top-1 without HS index / brute",
            "index unrelated hits",
            "peak RSS (index phase)",
        ],
        detail_rows,
    )
    kinds = sorted({kind for r in results for kind in r["accuracy"]["by_kind"]})
    kind_rows = []
    for r in results:
        cells = [f"{r['size']:,}"]
        for kind in kinds:
            ri, ti = r["accuracy"]["by_kind"].get(kind, [0, 0])
            rb, _ = r["brute"]["accuracy"]["by_kind"].get(kind, [0, 0])
            cells.append(f"{ri}/{rb}/{ti}")
        kind_rows.append(cells)
    by_kind = table(["products", *kinds], kind_rows)
    return f"{main}\n\n{detail}\n\nTop-1 by query kind (index / brute force / queries):\n\n{by_kind}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="220,10000,100000", help="catalog sizes, comma-separated (default %(default)s)"
    )
    parser.add_argument("--queries", type=int, default=500, help="queries per size (default %(default)s)")
    parser.add_argument(
        "--baseline-queries",
        type=int,
        default=500,
        help="queries the brute force answers per size; never fewer than the eval's labelled ones (default %(default)s)",
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes and few queries: a smoke run")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON after the tables")
    parser.add_argument("--worker", type=int, metavar="SIZE", help=argparse.SUPPRESS)
    parser.add_argument("--cpu", type=int, metavar="SIZE", help="CPU time per query at SIZE listings (see above)")
    parser.add_argument("--dump", metavar="PATH", help="with --cpu: write every answer to PATH (JSON lines)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="with --cpu: cProfile the N slowest")
    args = parser.parse_args()
    if args.cpu is not None:
        cpu_worker(args.cpu, args.queries, args.dump, args.profile)
        return
    if args.worker is not None:
        json.dump(worker(args.worker, args.queries, args.baseline_queries), sys.stdout)
        return
    if args.quick:
        args.sizes, args.queries, args.baseline_queries = "220,1000", 60, 60
    results = run(list(iter_sizes(args.sizes)), args.queries, args.baseline_queries)
    print(
        f"Matching: {results[0]['queries']} queries per size, index limit={LIMIT}, brute force limit=5\n{machine()}\n"
    )
    print(report(results))
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
