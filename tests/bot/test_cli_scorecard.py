"""``matchbot report scorecard``: the weekly desk scorecard on the command line, and its chart as a PNG, offline."""

from __future__ import annotations

import io
import json
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from sqlmodel import Session

from bot.services import leads, scorecard, users
from bot.store.db import make_engine
from bot.store.models import Introduction, IntroductionState, Lead, ManufacturerProfile, utcnow

from .test_cli import db, run  # noqa: F401  (the fixture)

ADMIN = 900
TEHRAN = ZoneInfo("Asia/Tehran")  # the default TIMEZONE


def interest(database_url: str) -> None:
    """Two leads on DESK-AUT's listings in the week before the reported one, one answered since; one on another desk's."""
    before = scorecard.reported_week(utcnow(), TEHRAN) - timedelta(days=1)
    engine = make_engine(database_url)
    with Session(engine) as session:
        for user_id, code in [(501, "AUT-001"), (502, "AUT-001"), (502, "MED-001")]:
            users.remember(user_id, session=session, first_name="Investor", username=None, language_code="en")
            lead = leads.register_interest(user_id, code, session=session).lead
            lead.created_at = datetime.combine(before, time(12), tzinfo=TEHRAN)
            session.add(lead)
        session.commit()
        first = session.get(Lead, 1)
        assert first is not None and first.id is not None
        leads.set_status(ADMIN, first.id, leads.LeadStatus.CONTACTED, session=session)
        session.commit()
    engine.dispose()


def test_every_active_desk_in_text_and_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert run(capsys, "seed")[0] == 0
    interest(db)

    status, out, _ = run(capsys, "report", "scorecard")
    assert status == 0
    assert out.count("Week of ") == 15 and "DESK-AUT · Automotive domestic production promotion desk" in out
    assert "  AUT-001 Engine control unit (ECU): 2 (+0)" in out

    status, out, _ = run(capsys, "report", "scorecard", "--desk", "desk-aut", "--json")
    assert status == 0
    (card,) = [json.loads(line) for line in out.splitlines()]
    assert card["desk"] == "DESK-AUT" and len(card["weeks"]) == 12
    assert card["by_status"]["new"] == 1 and card["by_status"]["contacted"] == 1 and card["waiting"] == 1
    assert card["interest"] == [{"code": "AUT-001", "leads": 2, "new": 0}]
    assert [week["leads"] for week in card["weeks"]][-2:] == [2, 0]  # the week before the reported one
    assert card["week_start"] < card["week_end"]


def test_introductions_are_counted_in_text_and_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    """Two manufacturers asked about AUT-001 in the reported week, one accepted; a MED listing's is another desk's."""
    assert run(capsys, "seed")[0] == 0
    week = scorecard.reported_week(utcnow(), TEHRAN)
    noon = datetime.combine(week + timedelta(days=2), time(12), tzinfo=TEHRAN)
    engine = make_engine(db)
    with Session(engine) as session:
        users.remember(501, session=session, first_name="Investor", username=None, language_code="en")
        units = [ManufacturerProfile(company=f"Unit {n}", consent=True) for n in range(3)]
        session.add_all(units)
        session.flush()
        for unit, code, state in [(units[0], "AUT-001", IntroductionState.ACCEPTED),
                                  (units[1], "AUT-001", IntroductionState.ASKED),
                                  (units[2], "MED-001", IntroductionState.ACCEPTED)]:
            decided = noon if state is IntroductionState.ACCEPTED else None
            session.add(Introduction(product_code=code, investor_id=501, profile_id=unit.id, state=state,
                                     created_at=noon, decided_at=decided))
        session.commit()
    engine.dispose()

    status, out, _ = run(capsys, "report", "scorecard", "--desk", "DESK-AUT")
    assert status == 0 and "Introductions to capable manufacturers: 2 asked, 1 accepted" in out
    status, out, _ = run(capsys, "report", "scorecard", "--desk", "DESK-AUT", "--json")
    (card,) = [json.loads(line) for line in out.splitlines()]
    assert (card["introductions_asked"], card["introductions_accepted"]) == (2, 1)
    assert [(w["introductions_asked"], w["introductions_accepted"]) for w in card["weeks"]][-1] == (2, 1)
    assert sum(w["introductions_asked"] for w in card["weeks"]) == 2


def test_the_chart_is_written_offline(db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:  # noqa: F811
    assert run(capsys, "seed")[0] == 0
    chart = tmp_path / "aut.png"

    status, out, err = run(capsys, "report", "scorecard", "--desk", "DESK-AUT", "--png", str(chart), "--language", "fa")

    # The last line: an earlier test's CLI run may have left a log handler on its own, closed, captured stream.
    assert status == 0 and "New leads: 0" in out and err.splitlines()[-1].startswith(f"wrote {chart} (")
    image = Image.open(io.BytesIO(chart.read_bytes()))
    assert image.format == "PNG" and image.size == (1200, 750)


def test_usage_and_unknown_desks(db: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    assert run(capsys, "seed")[0] == 0
    status, _, err = run(capsys, "report", "scorecard", "--png", "chart.png")
    assert status == 2 and "--png needs --desk CODE" in err
    status, out, err = run(capsys, "report", "scorecard", "--desk", "DESK-NOPE")
    assert status == 1 and out == "" and "no desk 'DESK-NOPE'" in err
