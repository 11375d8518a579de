"""Benchmark 2: `matchbot import` of a large products CSV on SQLite, timed as the real CLI.

    python bench/import_throughput.py             # 100,000 rows
    python bench/import_throughput.py --quick     # 2,000 rows (the smoke test runs this)
    python bench/import_throughput.py --rows 250000 --keep /tmp/big   # keep the CSV and database

In a fresh temporary directory: `matchbot seed` on a new SQLite database, then a CSV of synthetic
listings (bench/synthetic.py; every row new, all of them valid) is imported with `matchbot import`,
each command a subprocess timed from start to exit (Python start-up and imports included). Then:

* the same file is imported again: every row is compared with the stored one and nothing changes;
* `matchbot match "brake pads"` loads the whole catalog and builds the matching index, as the bot
  does on start-up, for the time and memory that takes at this size.

Memory is each child's peak RSS (ru_maxrss from wait4), not this script's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _common import clean_environment, machine, table
from synthetic import COLUMNS, seed_rows, synthetic_rows


@dataclass(frozen=True, slots=True)
class Run:
    """One CLI command: wall-clock and CPU seconds, the child's peak RSS and what it printed."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    output: str


def matchbot(*args: str, env: dict[str, str], cwd: Path) -> Run:
    """Run ``python -m bot ARGS``; exit with its output if it fails."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "bot", *args], env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    if child.returncode != 0:
        sys.exit(f"matchbot {' '.join(args)} exited {child.returncode}:\n{output}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output.strip())


def write_csv(path: Path, rows: int) -> None:
    """``rows`` synthetic listings in the import format, written as they are generated."""
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(synthetic_rows(rows, seed=11))


def run(rows: int, workdir: Path) -> list[tuple[str, Run, int]]:
    """Seed, import, import again, match; return (step, run, rows handled) for each."""
    env = clean_environment(DATABASE_URL=f"sqlite:///{workdir / 'bench.db'}")
    csv_path = workdir / "products.csv"
    print(f"… writing {rows:,} rows to {csv_path}", file=sys.stderr, flush=True)
    write_csv(csv_path, rows)
    steps: list[tuple[str, Run, int]] = []
    print("… matchbot seed", file=sys.stderr, flush=True)
    steps.append(("`matchbot seed` (fresh database)", matchbot("seed", env=env, cwd=workdir), 0))
    print("… matchbot import", file=sys.stderr, flush=True)
    first = matchbot("import", str(csv_path), env=env, cwd=workdir)
    if f"imported {rows} products: {rows} new" not in first.output:
        sys.exit(f"unexpected import result: {first.output}")
    steps.append(("`matchbot import` (all rows new)", first, rows))
    print("… matchbot import (again)", file=sys.stderr, flush=True)
    again = matchbot("import", str(csv_path), env=env, cwd=workdir)
    if f"{rows} unchanged" not in again.output:
        sys.exit(f"unexpected re-import result: {again.output}")
    steps.append(("`matchbot import` again (all unchanged)", again, rows))
    print("… matchbot match", file=sys.stderr, flush=True)
    found = matchbot("match", "--json", "brake pads", env=env, cwd=workdir)
    if '"AUT-002"' not in found.output:
        sys.exit(f"unexpected match result: {found.output}")
    steps.append(
        (f"`matchbot match` (loads {rows + len(seed_rows()):,} products, builds the index)", found, 0)
    )
    return steps


def report(rows: int, steps: list[tuple[str, Run, int]], csv_mb: float) -> str:
    lines = [
        [
            step,
            f"{r.seconds:.2f} s",
            f"{r.cpu_seconds:.2f} s",
            f"{handled / r.seconds:,.0f}" if handled else "",
            f"{handled / r.cpu_seconds:,.0f}" if handled else "",
            f"{r.peak_rss_mb:.0f} MB",
        ]
        for step, r, handled in steps
    ]
    return f"Import: {rows:,} rows ({csv_mb:.1f} MB CSV) on SQLite\n{machine()}\n\n" + table(
        ["command", "wall time", "CPU time", "rows/s (wall)", "rows/s (CPU)", "peak RSS (child)"], lines
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the CSV (default %(default)s)")
    parser.add_argument("--quick", action="store_true", help="2,000 rows: a smoke run")
    parser.add_argument(
        "--keep", metavar="DIR", help="work in DIR (must not exist) and keep the CSV and database"
    )
    args = parser.parse_args()
    rows = 2_000 if args.quick else args.rows
    if args.keep:
        workdir = Path(args.keep)
        workdir.mkdir(parents=True)
        steps = run(rows, workdir)
        csv_mb = (workdir / "products.csv").stat().st_size / 1e6
    else:
        with tempfile.TemporaryDirectory(prefix="matchbot-import-") as temp:
            steps = run(rows, Path(temp))
            csv_mb = (Path(temp) / "products.csv").stat().st_size / 1e6
    print(report(rows, steps, csv_mb))


if __name__ == "__main__":
    main()
