"""Smoke run of bench/digest_fanout.py at tiny sizes, so that it keeps working.

Only that it plans, sends and reports is checked: figures are never asserted in tests (see
docs/benchmarks.md for them).
"""

from __future__ import annotations

import re

import pytest

from .test_bench_smoke import run_bench, table_rows


@pytest.mark.e2e
def test_digest_fanout_benchmark_plans_and_sends_at_every_rate() -> None:
    output = run_bench("digest_fanout.py", timeout=60)
    assert "Digest fan-out: 200 subscribers" in output, output
    build = table_rows(output, "200 subscribers")
    assert build, f"no build row:\n{output}"
    wall, _cpu, planned, listed = build[0][1:5]
    assert re.fullmatch(r"[\d.]+ s", wall)
    assert int(planned.replace(",", "")) > 0 and int(listed.replace(",", "")) >= int(planned.replace(",", ""))
    assert re.fullmatch(r"\d+ MB", build[0][7])
    for rate in ("25", "30"):
        rows = table_rows(output, f"DIGEST_SEND_RATE={rate}")
        assert rows, f"no send row at {rate}/s:\n{output}"
        digests, sent, _over, achieved, _share, _busiest, rejected = rows[0][1:8]
        # The sample is 40 messages: the round stops soon after, the digests it claimed delivered.
        assert int(digests) > 0 and int(sent) >= 40
        assert re.fullmatch(r"[\d.]+/s", achieved) and re.fullmatch(r"\d+", rejected)


@pytest.mark.e2e
def test_multi_sender_benchmark_runs_three_senders_and_reports_them() -> None:
    output = run_bench("multi_sender.py", timeout=120)
    (row,) = table_rows(output, "3 × 25/s")
    _over, achieved, _busiest, rejected, twice, missing, shares, codes = row[1:9]
    assert re.fullmatch(r"[\d.]+/s", achieved) and re.fullmatch(r"\d+", rejected)
    assert (twice, missing, codes) == ("0", "0", "0, 0, 0")
    assert sum(int(share) for share in shares.split(" + ")) == 90
