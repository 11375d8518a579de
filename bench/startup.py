"""Start-up: from process start until `matchbot match` answers a search on a large catalog, old code beside new.

    python bench/startup.py --baseline 4b46237            # 100,000 listings, this tree vs that commit
    python bench/startup.py --quick                        # 2,000 listings, this tree only (the smoke test)
    python bench/startup.py --rows 100000 --keep /tmp/big  # keep the database for another run (--reuse)
    python bench/startup.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench

Start-up is what the bot does before it can answer its first search: load the catalog and build the
matching index (`Matcher.load`). `matchbot match "brake pads"` does exactly that and then answers,
so each run is that command as a subprocess, timed from start to exit (Python start-up and imports
included), with the child's peak RSS (ru_maxrss from wait4).

The catalog is built once per run (`matchbot seed`, then `matchbot import` of synthetic listings,
bench/synthetic.py). With ``--baseline REF`` the tree at git commit REF is extracted (`git
archive`) and run from there against the same database; old and new alternate, ``--repeat`` times
each, so that a busy machine slows both alike. The table gives the median of each.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import ROOT, clean_environment, machine, table
from import_throughput import Run, matchbot, write_csv
from synthetic import seed_rows

QUERY = "brake pads"


def build_catalog(rows: int, env: dict[str, str], workdir: Path) -> None:
    """Migrate, seed and import ``rows`` synthetic listings into the database of ``env``."""
    csv_path = workdir / "products.csv"
    print(f"… writing {rows:,} rows and importing them", file=sys.stderr, flush=True)
    write_csv(csv_path, rows)
    matchbot("migrate", env=env, cwd=workdir)
    matchbot("seed", env=env, cwd=workdir)
    done = matchbot("import", str(csv_path), env=env, cwd=workdir)
    if f"imported {rows} products" not in done.output:
        sys.exit(f"unexpected import result: {done.output}")
    csv_path.unlink()


def extract(ref: str, into: Path) -> Path:
    """The tree of commit ``ref`` written to ``into``."""
    into.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def start_up(env: dict[str, str], code: Path) -> Run:
    """One `matchbot match` with the code in ``code``; check that it answered."""
    found = matchbot("match", "--json", QUERY, env={**env, "PYTHONPATH": str(code)}, cwd=code)
    if '"AUT-002"' not in found.output:
        sys.exit(f"unexpected match result from {code}: {found.output}")
    return found


def measure(env: dict[str, str], trees: dict[str, Path], repeat: int) -> dict[str, list[Run]]:
    runs: dict[str, list[Run]] = {name: [] for name in trees}
    for attempt in range(repeat):
        for name, code in trees.items():
            print(f"… start-up {attempt + 1}/{repeat}: {name}", file=sys.stderr, flush=True)
            runs[name].append(start_up(env, code))
    return runs


def report(listings: int, database: str, runs: dict[str, list[Run]]) -> str:
    lines = []
    for name, each in runs.items():
        lines.append(
            [
                name,
                f"{statistics.median(r.seconds for r in each):.2f} s",
                f"{statistics.median(r.cpu_seconds for r in each):.2f} s",
                f"{statistics.median(r.peak_rss_mb for r in each):.0f} MB",
                " / ".join(f"{r.seconds:.1f}" for r in each),
            ]
        )
    if len(runs) == 2:
        (old_name, old), (new_name, new) = runs.items()
        ratio = [
            f"{new_name} / {old_name}",
            f"{statistics.median(r.seconds for r in new) / statistics.median(r.seconds for r in old):.2f}×",
            f"{statistics.median(r.cpu_seconds for r in new) / statistics.median(r.cpu_seconds for r in old):.2f}×",
            f"{statistics.median(r.peak_rss_mb for r in new) / statistics.median(r.peak_rss_mb for r in old):.2f}×",
            "",
        ]
        lines.append(ratio)
    return f"Start-up: {listings:,} listings on {database}, `matchbot match {QUERY!r}`\n{machine()}\n\n" + table(
        ["code", "wall time (median)", "CPU time", "peak RSS (child)", "each run, wall s"], lines
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="synthetic listings (default %(default)s)")
    parser.add_argument("--quick", action="store_true", help="2,000 listings, one run: a smoke run")
    parser.add_argument("--baseline", metavar="REF", help="also run the code of this git commit, side by side")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (default %(default)s)")
    parser.add_argument("--database-url", help="an empty database to fill and use instead of a temporary SQLite file")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR (created) and keep the SQLite database")
    parser.add_argument("--reuse", action="store_true", help="with --keep or --database-url: the catalog is already there")
    args = parser.parse_args()
    rows, repeat = (2_000, 1) if args.quick else (args.rows, args.repeat)
    with tempfile.TemporaryDirectory(prefix="matchbot-startup-") as temp:
        workdir = Path(args.keep) if args.keep else Path(temp)
        workdir.mkdir(parents=True, exist_ok=True)
        url = args.database_url or f"sqlite:///{workdir / 'startup.db'}"
        env = clean_environment(DATABASE_URL=url)
        if not args.reuse:
            build_catalog(rows, env, workdir)
        trees = {"new (this tree)": ROOT}
        if args.baseline:
            old = extract(args.baseline, Path(temp) / "baseline")
            trees = {f"old ({args.baseline})": old, **trees}
        runs = measure(env, trees, repeat)
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(report(rows + len(seed_rows()), database, runs))


if __name__ == "__main__":
    main()
