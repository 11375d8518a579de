"""The matchbot command line as a user drives it: output, exit status, nothing half-written."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest

from sqlalchemy import update
from sqlmodel import Session, select

from bot.cli import main
from bot.services.catalog_csv import REQUIRED_COLUMNS
from bot.store.db import make_engine
from bot.services import audit, demand_actions, exports, leads, subscriptions
from bot.store import searches
from bot.store import users as user_store
from bot.store.models import AuditEntry, Digest, Frequency, SearchLog, Subscriber, utcnow


@pytest.fixture
def db(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    monkeypatch.setenv("HEARTBEAT_FILE", str(tmp_path / "heartbeat.json"))  # no other bot's heartbeat
    return database_url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_seed_is_idempotent(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "seed")
    assert status == 0 and "products: 220 new" in out
    status, out, _ = run(capsys, "seed")
    assert status == 0 and "products: 0 new, 0 changed, 220 unchanged" in out


def test_first_match_on_an_empty_database_seeds(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "match", "--json", "--limit", "3", "pump ESP", "wedding dresses", "کمپرسور یخچال")
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query"] for line in lines] == ["pump ESP", "wedding dresses", "کمپرسور یخچال"]
    first = lines[0]["results"][0]
    assert set(first) == {"kind", "code", "name", "score", "sector", "why"}
    assert (first["kind"], first["code"], first["sector"]) == ("product", "OGS-001", "oil_gas")
    assert 0 < first["score"] <= 100 and first["why"]
    assert len(lines[0]["results"]) <= 3
    assert lines[1]["results"] == []
    assert lines[2]["results"][0]["name"].startswith("کمپرسور یخچال")  # named in the query's language
    assert all(isinstance(line["related"], list) for line in lines)


def test_match_json_has_related_suggestions(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    # "shoes" shares a word with the composite brake shoe but is no confident match for it.
    status, out, _ = run(capsys, "match", "--json", "--limit", "2", "shoes")
    assert status == 0
    line = json.loads(out)
    assert line["results"] == []
    assert [item["code"] for item in line["related"]] == ["RAL-012"]
    assert set(line["related"][0]) == {"kind", "code", "name", "score", "sector", "why"}
    _, text, _ = run(capsys, "match", "shoes")
    assert "no confident match" in text and "related:" in text and "RAL-012" in text.split("related:")[1]


def test_match_text_output(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "match", "petrochemicals", "hello")
    assert status == 0
    # A need for a whole sector lists its open listings (the largest imports first), then its desk.
    answer = out.split("hello")[0]
    assert "DESK-PET" in answer and "  1. PET-" in answer
    assert out.rstrip().endswith("no confident match")


def test_import_missing_file(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "import", "nope.csv")
    assert status == 1 and "nope.csv: no such file" in err


def test_import_reports_every_error_and_writes_nothing(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "seed")
    path = tmp_path / "bad.csv"
    path.write_text(",".join(REQUIRED_COLUMNS) + "\nGOOD-1,a,b,,841370,oil_gas,1,open,d\nBAD-1,a,b,,12,mars,x,open,d\n", encoding="utf-8")
    status, _, err = run(capsys, "import", str(path))
    assert status == 1
    assert "3 problem(s); nothing was imported" in err
    assert "Row 3, hs_code: “12” is not an HS code" in err
    assert "Row 3, sector: unknown sector “mars”" in err
    assert "Row 3, annual_import_usd:" in err
    _, out, _ = run(capsys, "export", "products")
    assert "GOOD-1" not in out


def test_import_wrong_header(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("code,name\nX,y\n", encoding="utf-8")
    status, _, err = run(capsys, "import", str(path))
    assert status == 1 and "the header row is wrong: missing columns: name_en" in err and "nothing was imported" in err


def test_import_into_a_fresh_database_needs_no_seed(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Sectors are reference data (migration 0004); desks and listings still come only from `matchbot seed`."""
    header = ",".join(REQUIRED_COLUMNS) + ",desk"
    rows = ["X-1,Pump,پمپ,,841370,oil_gas,1,open,d,", "X-2,Loom,دستگاه بافندگی,,844630,textiles,2,open,d,", "X-3,Valve,شیر,,848180,machinery,,open,d,"]
    path = tmp_path / "mine.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    status, out, err = run(capsys, "import", str(path))
    assert status == 0, err
    assert out.startswith("imported 3 products: 3 new")
    _, exported, _ = run(capsys, "export", "products")
    assert [line.split(",")[0] for line in exported.splitlines()[1:]] == ["X-1", "X-2", "X-3"]  # nothing was seeded
    # A desk is not reference data: naming one the database does not hold is a per-row error that names it.
    path.write_text(header + "\nX-4,Pump,پمپ,,841370,oil_gas,1,open,d,DESK-OGS\n", encoding="utf-8")
    status, _, err = run(capsys, "import", str(path))
    assert status == 1 and "Row 2, desk: unknown desk “DESK-OGS”" in err


def test_dry_run_then_import_then_export_round_trip(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "seed")
    path = tmp_path / "new.csv"
    path.write_text(",".join(REQUIRED_COLUMNS) + "\nX-1,Valve <DN50>,شیر,,8481.80,oil_gas,1,open,=1+1\n", encoding="utf-8-sig")
    status, out, _ = run(capsys, "import", "--dry-run", str(path))
    assert status == 0 and out.startswith("would import 1 products: 1 new")
    status, out, _ = run(capsys, "import", str(path))
    assert status == 0 and out.startswith("imported 1 products: 1 new")
    exported = tmp_path / "all.csv"
    assert run(capsys, "export", "products", "-o", str(exported)) == (0, "", f"wrote 221 products to {exported}\n")
    data = exported.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\nX-1,Valve <DN50>," in data and b",'=1+1" in data  # neutralised, as in chat
    status, out, _ = run(capsys, "import", str(exported))
    assert status == 0 and "0 new, 0 changed, 221 unchanged" in out


def test_export_leads_and_subscribers_as_the_chat_does(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "seed")
    engine = make_engine(db)
    with Session(engine) as session:
        user_store.upsert_user(501, session=session, first_name="=HYPERLINK(1)", username=None, language="fa")
        leads.register_interest(501, "AUT-001", session=session)
        subscriptions.add_alert(501, "لنت ترمز", session=session)
        session.commit()
    for kind, columns in (("leads", exports.LEAD_COLUMNS), ("subscribers", exports.SUBSCRIBER_COLUMNS)):
        path = tmp_path / f"{kind}.csv"
        status, out, err = run(capsys, "export", kind, "-o", str(path))
        assert (status, out, err) == (0, "", f"wrote 1 {kind} to {path}\n")
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel shows Persian
        header, row = csv.reader(io.StringIO(data.decode("utf-8-sig")))
        assert header == list(columns)
        record = dict(zip(header, row))
        assert record["first_name"] == "'=HYPERLINK(1)"  # neutralised: a spreadsheet shows it, does not run it
    assert record["alerts"] == "لنت ترمز" and record["leads"] == "1"
    _, out, _ = run(capsys, "export", "subscribers")
    assert out.startswith("\ufeffuser_id,") and out.count("\n") == 2
    with Session(engine) as session:
        logged = session.exec(select(AuditEntry.actor_id, AuditEntry.action, AuditEntry.target)).all()
    assert logged == [(audit.COMMAND_LINE, audit.EXPORT, kind) for kind in ("leads", "subscribers", "subscribers")]
    engine.dispose()


def test_bad_limit_and_bad_settings(db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(capsys, "match", "--limit", "0", "pump")[0] == 2
    monkeypatch.setenv("ADMIN_IDS", "12,abc")
    status, _, err = run(capsys, "seed")
    assert status == 1 and "ADMIN_IDS" in err


def test_run_without_token_explains_how_to_get_one(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "run")
    assert status == 1 and "TELEGRAM_BOT_TOKEN" in err and "@BotFather" in err and "matchbot chat" in err


def test_python_dash_m_bot() -> None:
    result = subprocess.run([sys.executable, "-m", "bot", "--help"], capture_output=True, text=True, check=True)
    assert "import" in result.stdout and "match" in result.stdout


def test_migrate_then_run_refuses_nothing_but_the_token(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "migrate")
    assert status == 0 and out.startswith("schema upgraded from empty to ")
    status, out, _ = run(capsys, "migrate")
    assert status == 0 and out.startswith("schema already at ")


def test_run_refuses_an_out_of_date_schema(db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    status, _, err = run(capsys, "run")
    assert status == 1 and "run `matchbot migrate`" in err


def test_health(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "health")
    assert status == 1 and "schema out of date" in err
    run(capsys, "migrate")
    assert run(capsys, "health")[:2] == (0, "healthy\n")


def test_health_sees_a_bot_that_stopped_making_progress(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "migrate")
    heartbeat = tmp_path / "heartbeat.json"
    # Each beat is dated just before the check, and the ages are read with slack: a loaded machine can take
    # a second or two between writing the file and the check reading it.
    heartbeat.write_text(json.dumps({"beat": time.time() - 5, "oldest_update": None}))
    assert run(capsys, "health")[:2] == (0, "healthy\n")
    heartbeat.write_text(json.dumps({"beat": time.time() - 121, "oldest_update": None}))
    status, _, err = run(capsys, "health")
    assert status == 1 and re.search(r"no progress for 12\d s \(limit 120 s\)", err), err
    heartbeat.write_text(json.dumps({"beat": time.time() - 1, "oldest_update": time.time() - 300}))
    status, _, err = run(capsys, "health")
    assert status == 1 and re.search(r"an update has been handled for 3\d\d s", err), err
    heartbeat.write_text("{")
    assert run(capsys, "health")[0] == 1
    heartbeat.unlink()  # no bot running here: nothing to judge
    assert run(capsys, "health")[:2] == (0, "healthy\n")


def test_empty_settings_mean_unset(db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A copied .env.example leaves TELEGRAM_BOT_TOKEN= and WEBHOOK_URL= empty."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "")
    monkeypatch.setenv("WEBHOOK_URL", "")
    status, _, err = run(capsys, "run")
    assert status == 1 and "TELEGRAM_BOT_TOKEN is not set" in err


def test_webhook_needs_a_secret(db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/hook")
    status, _, err = run(capsys, "seed")
    assert status == 1 and "WEBHOOK_URL needs WEBHOOK_SECRET" in err


def test_digest_needs_the_bot_token(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "digest")
    assert status == 1 and "TELEGRAM_BOT_TOKEN is not set" in err


def closed_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_digest_dry_run_needs_no_token_and_no_network(db: str, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, "seed")
    engine = make_engine(db)
    with Session(engine) as session:
        for user_id, language in ((1, "en"), (2, "fa")):
            user_store.upsert_user(user_id, session=session, first_name=f"U{user_id}", username=None, language=language)
            subscriptions.subscribe(user_id, ["automotive"], Frequency.INSTANT, session=session)
        session.commit()
        session.connection().execute(update(Subscriber).values(cursor=utcnow() - timedelta(days=1)))
        session.commit()
    # Were the Bot API asked anything, this address would refuse it.
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", f"http://127.0.0.1:{closed_port()}/bot")
    status, out, err = run(capsys, "digest", "--dry-run")
    assert status == 0, err
    assert "would send 1 message(s) to 1 [en, instant]: AUT-" in out and "would send 1 message(s) to 2 [fa, instant]: AUT-" in out
    assert "--- to 1, message 1 of 1 ---" in out and "--- to 2, message 1 of 1 ---" in out
    assert "<b>" not in out and "<a " not in out  # read as plain text
    assert any("\u0600" <= ch <= "\u06ff" for ch in out.split("--- to 2")[1])  # the Persian subscriber's digest in Persian
    assert out.rstrip().endswith("dry run: 2 digest(s) to plan (2 message(s)), 0 waiting, 0 subscriber(s) with nothing new; "
                                 "nothing was sent or written")
    with Session(engine) as session:
        assert session.exec(select(Digest)).all() == []
    engine.dispose()


def test_digest_without_the_bot_api_says_so_in_one_line(db: str, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", f"http://127.0.0.1:{closed_port()}/bot")
    status, out, err = run(capsys, "digest")
    assert (status, out) == (1, "") and "Traceback" not in err
    # The lines before, if any, are the schema check's log (digest logs at INFO, as the bot does).
    assert err.splitlines()[-1].startswith("matchbot: cannot reach the Telegram Bot API at http://127.0.0.1:")


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
def test_run_without_the_bot_api_says_so_in_one_line(db: str, tmp_path: Path, webhook: bool) -> None:
    env = {**os.environ, "DATABASE_URL": db, "TELEGRAM_BOT_TOKEN": "123:abc", "AUTO_MIGRATE": "1",
           "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{closed_port()}/bot", "HEARTBEAT_FILE": str(tmp_path / "beat.json")}
    if webhook:
        env.update(WEBHOOK_URL="https://bot.example.org/hook", WEBHOOK_SECRET="s" * 32, WEBHOOK_PORT=str(closed_port()))
    result = subprocess.run([sys.executable, "-m", "bot", "run"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("matchbot: cannot reach the Telegram Bot API at http://127.0.0.1:")
    assert "123:abc" not in result.stderr  # the address is shown without the token


def test_report_demand(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "report", "demand")
    assert status == 0 and out == "no unmet demand in the last 30 days\n"
    engine = make_engine(db)
    with Session(engine) as session:
        for query in ["wedding dresses", "weding dress", "لباس عروس", "brake pads", "پمپ آب"]:
            session.add(SearchLog(user_id=1, query=query, matched=query == "brake pads", related_shown=query == "weding dress"))
        session.commit()
    engine.dispose()
    status, out, _ = run(capsys, "report", "demand", "--days", "7")
    assert status == 0
    assert out.splitlines()[1:] == [
        "  1. wedding dress — searches: 2, people: 1, shown related suggestions: 1",
        "       e.g. “wedding dresses”, “weding dress”",
        "  2. لباس عروس — searches: 1, people: 1, shown related suggestions: 0",
        "       e.g. “لباس عروس”",
        "  3. پمپ آب — searches: 1, people: 1, shown related suggestions: 0",  # as typed; --json's need is "پمپ اب"
        "       e.g. “پمپ آب”",
    ]
    status, out, _ = run(capsys, "report", "demand", "--json", "--limit", "1")
    assert status == 0
    assert [json.loads(line) for line in out.splitlines()] == [
        {"rank": 1, "need": "wedding dress", "searches": 2, "people": 1, "with_related": 1, "examples": ["wedding dresses", "weding dress"],
         "state": "open", "code": None, "decided_at": None, "requests": 0, "told": 0, "interested": 0,
         "variants": [{"need": "wedding dress", "searches": 1}, {"need": "weding dress", "searches": 1}],
         "label": "wedding dress", "answered_by": None}
    ]
    assert run(capsys, "report", "demand", "--days", "0")[0] == 2


def test_report_demand_counts_one_need_asked_in_two_scripts_once(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """«لاستیک دوچرخه» and "lastik docharkhe" were two groups: the engine reads one as the other (Finglish)."""
    assert run(capsys, "report", "demand")[0] == 0  # creates the database
    engine = make_engine(db)
    with Session(engine) as session:
        for user, query in enumerate(["لاستیک دوچرخه", "لاستیک‌های دوچرخه", "lastik docharkhe", "wedding dress"]):
            session.add(SearchLog(user_id=user, query=query, matched=False))
        session.commit()
    engine.dispose()
    status, out, _ = run(capsys, "report", "demand")
    assert status == 0
    assert out.splitlines()[1:4] == [
        "  1. لاستیک دوچرخه — searches: 3, people: 3, shown related suggestions: 0",
        "       e.g. “لاستیک دوچرخه”, “لاستیک‌های دوچرخه”, “lastik docharkhe”",
        "       also asked as: “lastik docharkhe” (1)",
    ]
    status, out, _ = run(capsys, "report", "demand", "--json", "--limit", "1")
    (group,) = [json.loads(line) for line in out.splitlines()]
    assert (group["need"], group["searches"], group["people"]) == ("لاستیک دوچرخه", 3, 3)
    assert group["variants"] == [{"need": "لاستیک دوچرخه", "searches": 2}, {"need": "lastik docharkhe", "searches": 1}]


def test_report_demand_marks_a_need_the_catalog_now_answers(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Logged unanswered before the listing (or alias) that answers it was added: kept, with what answers it now."""
    assert run(capsys, "seed")[0] == 0
    engine = make_engine(db)
    with Session(engine) as session:
        for query in ["brake pads", "brake pads", "wedding dresses"]:
            session.add(SearchLog(user_id=7, query=query, matched=False))
        session.commit()
    engine.dispose()
    status, out, _ = run(capsys, "report", "demand", "--json")
    assert status == 0
    rows = {row["need"]: row for row in map(json.loads, out.splitlines())}
    assert {need: row["answered_by"] for need, row in rows.items()} == {"brake pad": "AUT-002", "wedding dress": None}
    assert rows["brake pad"]["state"] == "open" and rows["brake pad"]["label"] == "brake pads"
    status, out, _ = run(capsys, "report", "demand")
    assert "  1. brake pads — searches: 2, people: 1, shown related suggestions: 0 [now answered by AUT-002]" in out.splitlines()


def test_report_demand_shows_what_admins_decided(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "seed")[0] == 0
    engine = make_engine(db)
    with Session(engine) as session:
        ids = {}
        for query in ["brake discs", "brake discs", "wedding dresses", "hello there friend", "لباس عروس"]:
            ids[query] = searches.add_search(query, session=session, user_id=7, top_code=None).id
        demand_actions.add_alias(900, ids["brake discs"], 30, "AUT-002", session=session)
        demand_actions.dismiss(900, ids["hello there friend"], 30, session=session)
        demand_actions.mark_listed(900, "لباس عروس", "TEX-900", session=session)
        session.commit()
    engine.dispose()
    status, out, _ = run(capsys, "report", "demand", "--json")
    assert status == 0
    rows = {row["need"]: row for row in map(json.loads, out.splitlines())}
    assert {need: (row["state"], row["code"]) for need, row in rows.items()} == {
        "brake disc": ("aliased", "AUT-002"), "wedding dress": ("open", None), "friend": ("dismissed", None),
        "لباس عروس": ("listed", "TEX-900")}
    assert rows["brake disc"]["searches"] == 2 and rows["brake disc"]["examples"] == ["brake discs"]
    assert rows["brake disc"]["decided_at"].startswith("20") and rows["wedding dress"]["decided_at"] is None
    status, out, _ = run(capsys, "report", "demand")
    assert "  1. brake discs — searches: 2, people: 1, shown related suggestions: 0 [aliased AUT-002]" in out.splitlines()  # as typed
    assert any(line.endswith("friend — searches: 1, people: 1, shown related suggestions: 0 [dismissed]") for line in out.splitlines())


def test_chat_options_make_an_admin_and_choose_the_files_folder(db: str, capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "stdin", StringIO("/export products\n"))
    status, out, _ = run(capsys, "chat", "--admin", "--language", "en", "--files", str(tmp_path / "out"))
    (saved,) = (tmp_path / "out").iterdir()
    assert status == 0 and "You are user 10000, an admin" in out and f"saved to {saved}" in out
    # Bare `matchbot` without a token opens the same chat with the chat command's defaults.
    monkeypatch.setattr(sys, "stdin", StringIO("/export products\n"))
    status, out, _ = run(capsys)
    assert status == 0 and "not an admin (matchbot chat --admin makes you one)" in out
    assert out.endswith("bye\n") and not (tmp_path / "matchbot-files").exists()
