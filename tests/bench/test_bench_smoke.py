"""Smoke runs of the benchmarks in bench/ at tiny sizes, so that they keep working.

Only that they run and report is checked here: figures are never asserted in tests (see
docs/benchmarks.md for them).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def run_bench(script: str, timeout: float) -> str:
    """Run ``python bench/SCRIPT --quick``; return its output, failing the test with it on error."""
    done = subprocess.run(
        [sys.executable, str(BENCH / script), "--quick"],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"{script} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def table_rows(output: str, first_cell: str) -> list[list[str]]:
    """The cells of the Markdown table rows whose first cell is ``first_cell``."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in output.splitlines()
        if line.startswith("|")
    ]
    return [row for row in rows if row[0] == first_cell]


def test_matching_benchmark_reports_every_size() -> None:
    output = run_bench("match_latency.py", timeout=60)
    for size in ("220", "1,000"):
        rows = table_rows(output, size)
        assert rows, f"no row for {size} products:\n{output}"
        build, index_latency, brute_latency, speedup, index_top1, brute_top1, rss = rows[0][1:8]
        assert re.fullmatch(r"[\d.]+ s", build) and re.fullmatch(r"\d+× / \d+×", speedup)
        assert re.fullmatch(r"[\d.]+ / [\d.]+ ms", index_latency) and re.fullmatch(
            r"[\d.]+ / [\d.]+ ms", brute_latency
        )
        assert re.fullmatch(r"[\d.]+%", index_top1) and re.fullmatch(r"[\d.]+%", brute_top1)
        assert re.fullmatch(r"\d+ MB \(index \d+\)", rss)


def test_import_benchmark_imports_every_row() -> None:
    output = run_bench("import_throughput.py", timeout=60)
    assert "Import: 2,000 rows" in output
    for step in ("`matchbot import` (all rows new)", "`matchbot import` again (all unchanged)"):
        rows = table_rows(output, step)
        assert rows and re.fullmatch(r"[\d,]+", rows[0][3]), f"no rows/s for {step}:\n{output}"


@pytest.mark.e2e
def test_end_to_end_benchmark_compares_matchbot_with_the_echo_bot() -> None:
    output = run_bench("e2e_throughput.py", timeout=90)
    for bot in ("`matchbot run`", "echo + AIORateLimiter"):
        rows = table_rows(output, bot)
        assert rows and re.fullmatch(r"[\d.]+", rows[0][1]), f"no searches/s for {bot}:\n{output}"
    assert re.search(r"`matchbot run` / echo \+ AIORateLimiter: [\d.]+", output), output


def test_update_ledger_benchmark_reports_every_step() -> None:
    output = run_bench("update_ledger.py", timeout=60)
    for step in ("baseline: one search's own write", "ledger: claim (before the reply)", "ledger: claim + done"):
        (row,) = table_rows(output, step)
        assert re.fullmatch(r"[\d.]+ ms", row[1]) and re.fullmatch(r"[\d.]+ ms", row[2])


def test_upload_limits_benchmark_reads_every_file() -> None:
    output = run_bench("upload_limits.py", timeout=120)
    for what in ("XLSX, DTD with entities", "CSV, 2,000 valid rows", "XLSX, 2,000 valid rows"):
        rows = table_rows(output, what)
        assert rows, f"no row for {what}:\n{output}"
    assert table_rows(output, "CSV, 2,000 valid rows")[0][-1] == "read 2000 rows"


def test_startup_benchmark_runs_old_and_new_code_on_one_catalog() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "startup.py"), "--quick", "--baseline", "HEAD"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"startup.py exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    assert "Start-up: 2,220 listings on SQLite" in done.stdout
    for code in ("old (HEAD)", "new (this tree)"):
        rows = table_rows(done.stdout, code)
        assert rows, f"no row for {code}:\n{done.stdout}"
        wall, cpu, rss = rows[0][1:4]
        assert re.fullmatch(r"[\d.]+ s", wall) and re.fullmatch(r"[\d.]+ s", cpu) and re.fullmatch(r"\d+ MB", rss)
    assert re.fullmatch(r"[\d.]+×", table_rows(done.stdout, "new (this tree) / old (HEAD)")[0][1])


def test_reverse_matching_benchmark_reports_both_engines() -> None:
    output = run_bench("opportunities.py", timeout=120)
    assert "Reverse matching: 1,000 listings, 200 profiles" in output
    engine = table_rows(output, "engine (this tree)")[0]
    baseline = table_rows(output, "baseline (df0985e)")[0]
    assert re.fullmatch(r"[\d.]+ s", engine[1]) and re.fullmatch(r"[\d.]+ s \+ suppliers ≈ \d+ s", baseline[1])
    for latency in (engine[2], engine[3], baseline[2]):
        assert re.fullmatch(r"[\d.]+ / [\d.]+ / [\d.]+ ms", latency)
    assert re.search(r"the baseline takes \d+× as long", output)


def test_seed_answers_writes_both_limits_of_each_query() -> None:
    output = run_bench("seed_answers.py", timeout=120)
    lines = [json.loads(line) for line in output.splitlines()]
    assert len(lines) == 80 and [line["limit"] for line in lines[:2]] == [5, 50]
    assert {"query", "results", "related", "index"} <= lines[0].keys()
