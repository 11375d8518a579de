"""`matchbot` given numbers that are not numbers, amounts past 32 bits and a CSV built to be slow (issue 15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.services.catalog_csv import REQUIRED_COLUMNS
from tests import hostile_files as hostile

from .test_cli import db, run  # noqa: F401  (the fixture)

HEADER = ",".join(REQUIRED_COLUMNS)


def test_import_names_every_bad_number(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """'²' passed ``isdigit`` and then crashed ``int``; 5,000 digits hit Python's conversion limit: tracebacks."""
    run(capsys, "seed")
    path = tmp_path / "numbers.csv"
    path.write_text(f"{HEADER}\nN-1,a,b,,841370,oil_gas,²,open,d\nN-2,a,b,,841370,oil_gas,{'9' * 5000},open,d\n", encoding="utf-8")
    status, _, err = run(capsys, "import", str(path))
    assert status == 1 and "2 problem(s); nothing was imported" in err
    assert "Row 2, annual_import_usd: “²” is not a whole number of US dollars" in err
    assert "Row 3, annual_import_usd: “" + "9" * 60 + "…” is larger than 1,000,000,000,000,000 US dollars" in err


def test_import_stores_amounts_past_32_bits(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """$3B passed validation, then failed on PostgreSQL's 32-bit INTEGER column."""
    run(capsys, "seed")
    path = tmp_path / "big.csv"
    path.write_text(f'{HEADER}\nB-1,a,b,,841370,oil_gas,"3,000,000,000",open,d\n', encoding="utf-8")
    status, out, err = run(capsys, "import", str(path))
    assert status == 0, err
    _, out, _ = run(capsys, "export", "products")
    assert "B-1,a,b,,841370,oil_gas,3000000000,open,d" in out


def test_a_csv_built_to_be_slow_is_refused_at_once(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A 64 KB first line held `matchbot import` in csv.Sniffer for over a minute (5 MB: hours, deaf to SIGTERM)."""
    path = tmp_path / "trap.csv"
    path.write_bytes(hostile.sniffer_trap(64_000))
    env = {**os.environ, "DATABASE_URL": db}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "import", str(path)], capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path, check=False
    )
    assert done.returncode == 1 and "row 1 has more than 64 columns; nothing was imported" in done.stderr


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["report", "demand", "--days", "²"], "argument --days: '²' is not a whole number"),
        (["report", "demand", "--limit", "9" * 5000], "argument --limit: '" + "9" * 40 + "' is larger than 1,000,000"),
        (["match", "--limit", "-2", "pump"], "argument --limit: '-2' is not a whole number"),
    ],
)
def test_bad_counts_are_usage_errors(db: str, capsys: pytest.CaptureFixture[str], argv: list[str], problem: str) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, *argv)
    assert exit_.value.code == 2 and problem in capsys.readouterr().err


def test_counts_in_persian_digits(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "report", "demand", "--days", "۷")
    assert status == 0 and "in the last 7 days" in out
