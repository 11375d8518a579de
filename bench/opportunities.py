"""Benchmark: reverse matching (/opportunities and supplier lookup) at 100,000 listings and 10,000 profiles.

    python bench/opportunities.py                  # 100,000 listings, 10,000 profiles, 300 queries each way
    python bench/opportunities.py --quick          # 1,000 listings, 200 profiles (the smoke test runs this)
    python bench/opportunities.py --listings 20000 --profiles 2000 --queries 100

The catalog is the seed listings plus synthetic ones (bench/synthetic.py), as the bot indexes them
(``bot.services.search.product_document``); the profiles are synthetic too (``synthetic.profile_rows``: one to
three of the catalog's products in English or Persian, a tenth pasted as a long introduction, processes,
materials, machines). Each engine runs in a fresh subprocess, so its memory figures are its own:

* **engine**: ``matching.capabilities.CapabilityIndex`` of this tree, built with every profile (timed), then
  ``opportunities(profile, limit=10)`` for profiles of the index and ``suppliers(listing, limit=10)`` for
  listings (half of them seed listings, half synthetic);
* **baseline**: the first cut of main commit df0985e (``git show df0985e:matching/capabilities.py``), which
  scans every listing for every process keyword and builds the supplier lists by running opportunities for
  every profile. That build takes hours at 10,000 profiles, so the baseline is built without profiles, its
  opportunities timed the same way, and its supplier build timed on a sample of profiles and scaled up (its
  supplier lookup itself is a dictionary read, so the build is its cost).

Figures only: nothing here asserts a time (the issue's target, ≤ 50 ms p95, is read off the table).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import random
import subprocess
import sys
import time
from types import ModuleType
from typing import Any

from _common import ROOT, machine, peak_rss_mb, percentile, rss_mb, table
from synthetic import catalog_rows, chunks, csv_text, profile_rows

BASELINE_COMMIT = "df0985e"
LIMIT = 10
# Profiles the baseline's supplier build is timed on (then scaled to all of them).
BASELINE_SAMPLE = 20


def _documents(size: int) -> list[Any]:
    """The bot's index documents for a catalog of ``size`` listings."""
    import seed_data
    from bot.services.catalog_csv import parse_desks, parse_products, parse_sectors
    from bot.services.search import product_document
    from bot.store.models import Desk, Product, Sector

    folder = seed_data.files()
    sectors = {
        row["key"]: Sector.model_validate(row)
        for row in parse_sectors(folder.joinpath("sectors.csv").read_text(encoding="utf-8"))
    }
    desk_rows, errors = parse_desks(folder.joinpath("desks.csv").read_text(encoding="utf-8"), sectors=set(sectors))
    assert not errors, errors
    desks = {str(desk.code): str(desk.sector) for desk in (Desk.model_validate(row.values()) for row in desk_rows)}
    documents = []
    for chunk in chunks(catalog_rows(size)):
        parsed = parse_products(csv_text(chunk), sectors=set(sectors), desks=desks)
        assert parsed.ok, parsed.errors[:5]
        documents += [product_document(Product.model_validate(row.values()), sectors[row.sector]) for row in parsed.rows]
    return documents


def _baseline_module() -> ModuleType:
    """The first cut's matching/capabilities.py, loaded as a module of the ``matching`` package."""
    source = subprocess.run(
        ["git", "show", f"{BASELINE_COMMIT}:matching/capabilities.py"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    spec = importlib.util.spec_from_loader("matching._baseline_capabilities", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "matching"
    sys.modules[spec.name] = module
    exec(compile(source, f"{BASELINE_COMMIT}:matching/capabilities.py", "exec"), module.__dict__)
    return module


def worker(engine: str, listings: int, profile_count: int, query_count: int) -> dict[str, Any]:
    """Measure one engine in this (fresh) process and return the figures."""
    import matching.capabilities as current
    from bot.services.capabilities import load_processes, shipped_units
    from bot.services.search import shipped_synonyms

    module = current if engine == "engine" else _baseline_module()
    started = rss_mb()
    documents = _documents(listings)
    processes = [module.Process(p.key, p.name_en, p.name_fa, p.keywords) for p in load_processes()]
    capabilities = [
        module.Capability(row["key"], row["makes"], tuple(row["processes"].split(";")), row["materials"], row["machines"])
        for row in profile_rows(profile_count)
    ]
    synonyms = shipped_synonyms()
    gc.collect()
    before = rss_mb()
    clock = time.perf_counter()
    built_with = capabilities if engine == "engine" else []
    # The bot teaches the engine what shops with each process make from the registry's units (the shipped ones
    # here); the first cut had no such prior.
    taught: dict[str, Any] = {"units": shipped_units()} if engine == "engine" else {}
    index = module.CapabilityIndex(documents, processes, built_with, synonyms=synonyms, **taught)
    build = time.perf_counter() - clock
    gc.collect()
    after = rss_mb()

    rng = random.Random(5)
    asked = rng.sample(capabilities, min(query_count, len(capabilities)))
    seed_codes = [doc.key for doc in documents if "-S" not in doc.key]
    synthetic_codes = [doc.key for doc in documents if "-S" in doc.key]
    codes = [
        rng.choice(seed_codes if i % 2 == 0 or not synthetic_codes else synthetic_codes) for i in range(query_count)
    ]
    # As /opportunities asks: a profile few listings fit is shown what its processes fit best (the engine's own).
    ask: dict[str, Any] = {"by_processes": True} if engine == "engine" else {}
    for capability in asked[:20]:  # warm-up: first-touch costs are not latency
        index.opportunities(capability, limit=LIMIT, **ask)
    latencies, found = [], 0
    for capability in asked:
        clock = time.perf_counter()
        fits = index.opportunities(capability, limit=LIMIT, **ask)
        latencies.append(time.perf_counter() - clock)
        found += bool(fits)
    supplier_latencies: list[float] = []
    supplied = 0
    supplier_build = 0.0
    if engine == "engine":
        for code in codes:
            clock = time.perf_counter()
            fits = index.suppliers(code, limit=LIMIT)
            supplier_latencies.append(time.perf_counter() - clock)
            supplied += bool(fits)
    else:
        sample = capabilities[:BASELINE_SAMPLE]
        clock = time.perf_counter()
        module.CapabilityIndex(documents, processes, sample, synonyms=synonyms)
        sampled = time.perf_counter() - clock - build
        supplier_build = max(sampled, 0.0) / len(sample) * len(capabilities)
    return {
        "engine": engine,
        "listings": len(documents),
        "profiles": len(capabilities),
        "queries": len(asked),
        "build_s": build,
        "supplier_build_s": supplier_build,
        "rss_start_mb": started,
        "rss_index_mb": after - before,
        "rss_after_mb": after,
        "peak_rss_mb": peak_rss_mb(),
        "opportunities_ms": [percentile(latencies, q) * 1000 for q in (0.5, 0.95, 0.99)],
        "with_opportunities": found,
        "suppliers_ms": [percentile(supplier_latencies, q) * 1000 for q in (0.5, 0.95, 0.99)] if supplier_latencies else None,
        "with_suppliers": supplied,
    }


def run(
    listings: int, profiles: int, queries: int, *, engines: tuple[str, ...] = ("engine", "baseline")
) -> list[dict[str, Any]]:
    results = []
    for engine in engines:
        print(f"… {engine}: {listings:,} listings, {profiles:,} profiles", file=sys.stderr, flush=True)
        done = subprocess.run(
            [sys.executable, __file__, "--worker", engine, "--listings", str(listings), "--profiles", str(profiles),
             "--queries", str(queries)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            sys.exit(f"the {engine} run failed:\n{done.stderr}")
        results.append(json.loads(done.stdout))
    return results


def report(results: list[dict[str, Any]]) -> str:
    engine, baseline = results
    ms = "{:.1f} / {:.1f} / {:.1f} ms".format
    rows = [
        [
            "engine (this tree)",
            f"{engine['build_s']:.1f} s",
            ms(*engine["opportunities_ms"]),
            ms(*engine["suppliers_ms"]),
            f"{engine['rss_after_mb']:.0f} MB (index {engine['rss_index_mb']:.0f})",
            f"{engine['with_opportunities']}/{engine['queries']}",
            f"{engine['with_suppliers']}/{engine['queries']}",
        ],
        [
            f"baseline ({BASELINE_COMMIT})",
            f"{baseline['build_s']:.1f} s + suppliers ≈ {baseline['supplier_build_s']:.0f} s",
            ms(*baseline["opportunities_ms"]),
            "(precomputed at build)",
            f"{baseline['rss_after_mb']:.0f} MB (index {baseline['rss_index_mb']:.0f})",
            f"{baseline['with_opportunities']}/{baseline['queries']}",
            "",
        ],
    ]
    main = table(
        ["engine", "build", "opportunities p50 / p95 / p99", "suppliers p50 / p95 / p99", "RSS after build",
         "profiles with opportunities", "listings with suppliers"],
        rows,
    )  # fmt: skip
    ratio = baseline["opportunities_ms"][1] / engine["opportunities_ms"][1]
    build_ratio = (baseline["build_s"] + baseline["supplier_build_s"]) / engine["build_s"]
    return (
        f"{main}\n\nopportunities p95: the baseline takes {ratio:.0f}× as long; building with every profile: "
        f"{build_ratio:.0f}× as long (baseline supplier build scaled from {BASELINE_SAMPLE} profiles)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listings", type=int, default=100_000, help="catalog size (default %(default)s)")
    parser.add_argument("--profiles", type=int, default=10_000, help="profiles (default %(default)s)")
    parser.add_argument("--queries", type=int, default=300, help="queries each way (default %(default)s)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes and few queries: a smoke run")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON after the table")
    parser.add_argument("--worker", choices=("engine", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--baseline-json", metavar="PATH",
        help="the baseline's figures saved by an earlier --save run of the same sizes, instead of running it again",
    )  # fmt: skip
    parser.add_argument("--save", metavar="PATH", help="write the raw figures as JSON to PATH")
    args = parser.parse_args()
    if args.worker is not None:
        json.dump(worker(args.worker, args.listings, args.profiles, args.queries), sys.stdout)
        return
    if args.quick:
        args.listings, args.profiles, args.queries = 1_000, 200, 40
    if args.baseline_json:
        # A baseline run of the same sizes saved earlier (--save): the first cut does not change, and takes long.
        with open(args.baseline_json, encoding="utf-8") as handle:
            baseline = next(r for r in json.load(handle) if r["engine"] == "baseline")
        results = [*run(args.listings, args.profiles, args.queries, engines=("engine",)), baseline]
    else:
        results = run(args.listings, args.profiles, args.queries)
    print(
        f"Reverse matching: {results[0]['listings']:,} listings, {results[0]['profiles']:,} profiles, "
        f"{results[0]['queries']} queries each way, limit={LIMIT}\n{machine()}\n"
    )
    print(report(results))
    if args.json:
        print(json.dumps(results, indent=1))
    if args.save:
        with open(args.save, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=1)


if __name__ == "__main__":
    main()
