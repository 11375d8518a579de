"""``matchbot import-units`` and ``matchbot export profiles`` as an operator drives them: output, JSON, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.services.registry import ALL_COLUMNS, REQUIRED_COLUMNS

HEADER = ",".join(REQUIRED_COLUMNS)
GOOD = f"{HEADER}\nR-1,Pars Valve,Tehran,2813,Gate valves,machining,active,,\nR-2,ریخته‌گری اصفهان,اصفهان,2431,پوسته پمپ,casting,راکد,,\n"


@pytest.fixture
def db(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    return database_url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_dry_run_then_import_then_export_round_trip(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(GOOD, encoding="utf-8")
    status, out, _ = run(capsys, "import-units", "--dry-run", str(path))
    assert status == 0 and out.startswith("would import 2 units: 2 new, 0 changed, 0 unchanged")
    status, out, _ = run(capsys, "export", "profiles")
    assert status == 0 and "R-1" not in out
    status, out, _ = run(capsys, "import-units", str(path))
    assert status == 0 and out.startswith("imported 2 units: 2 new")
    exported = tmp_path / "profiles.csv"
    status, _, err = run(capsys, "export", "profiles", "-o", str(exported))
    assert status == 0 and "wrote 2 profiles" in err
    data = exported.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines()[0] == ",".join([*ALL_COLUMNS, "source", "owner_user_id", "consent", "updated_at"])
    status, out, _ = run(capsys, "import-units", "--json", str(exported))
    assert status == 0
    payload = json.loads(out)
    assert payload == {"ok": True, "file": str(exported), "dry_run": False, "rows": 2, "new": 0, "changed": 0, "unchanged": 2,
                       "kept_claimed": [], "skipped_chat_profiles": 0}


def test_every_problem_is_listed_and_nothing_written(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"{HEADER}\nR-1,Fine,Tehran,,x,,active,,\nR-2,Bad,Mars,12A,x,welding;knitting,asleep,,\n", encoding="utf-8")
    status, _, err = run(capsys, "import-units", str(path))
    assert status == 1 and "4 problem(s); nothing was imported" in err
    assert "Row 3, province: unknown province “Mars”" in err
    assert "Row 3, processes: unknown process “knitting”" in err
    status, out, _ = run(capsys, "import-units", "--json", str(path))
    assert status == 1
    payload = json.loads(out)
    assert payload["ok"] is False and [(e["row"], e["column"], e["problem"]) for e in payload["errors"]] == [
        (3, "province", "province_unknown"), (3, "isic_code", "isic_invalid"), (3, "processes", "process_unknown"),
        (3, "status", "unit_status_unknown")]
    assert payload["errors"][0]["values"] == {"value": "Mars"} and payload["errors"][0]["message"].startswith("Row 3, province:")
    _, out, _ = run(capsys, "export", "profiles")
    assert "R-1" not in out


def test_a_file_that_cannot_be_read(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "import-units", str(tmp_path / "nope.csv"))
    assert status == 1 and "no such file" in err
    path = tmp_path / "wrong.csv"
    path.write_text("unit_id,name\nX,Y\n", encoding="utf-8")
    status, _, err = run(capsys, "import-units", str(path))
    assert status == 1 and "missing columns: province" in err and "nothing was imported" in err
    status, out, _ = run(capsys, "import-units", "--json", str(path))
    assert status == 1 and json.loads(out)["problem"] == "wrong_header"


def test_seed_loads_the_illustrative_units_once(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "seed")
    assert status == 0 and "units: 22 new, 0 changed, 0 unchanged" in out
    status, out, _ = run(capsys, "seed")
    assert status == 0 and "units: 0 new, 0 changed, 22 unchanged" in out
