"""The weekly scorecard goes out from the first working day's hour, once per desk and week, to the desk's officers."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot.services import admins, scorecard_sends
from bot.services.response_clock import Clock
from bot.settings import Settings
from bot.store import catalog
from bot.store.models import ScorecardSend

TEHRAN = ZoneInfo("Asia/Tehran")
ADMIN, SECOND_ADMIN, OFFICER = 900, 901, 950
SATURDAY = datetime(2026, 11, 28, 8, 0, tzinfo=TEHRAN)


def settings(**changes: object) -> Settings:
    return Settings(_env_file=None, admin_ids=frozenset({ADMIN}), **changes)  # type: ignore[arg-type, call-arg]


def test_the_first_working_day_is_saturday_unless_it_is_a_holiday() -> None:
    week = date(2026, 11, 28)
    assert scorecard_sends.first_working_day(week, Clock(TEHRAN)) == week
    assert scorecard_sends.first_working_day(week, Clock(TEHRAN, frozenset({week}))) == date(2026, 11, 29)
    every_day = frozenset(week + timedelta(days=n) for n in range(7))
    assert scorecard_sends.first_working_day(week, Clock(TEHRAN, every_day)) == week


def test_scorecards_go_from_the_hour_of_the_first_working_day_to_the_end_of_the_week() -> None:
    plain = settings()
    assert not scorecard_sends.sending_time(SATURDAY - timedelta(minutes=1), settings=plain)
    assert scorecard_sends.sending_time(SATURDAY, settings=plain)
    assert scorecard_sends.sending_time(SATURDAY + timedelta(days=6, hours=15), settings=plain)  # Friday night: catching up
    holiday = settings(holidays="2026-11-28")
    assert not scorecard_sends.sending_time(SATURDAY + timedelta(hours=5), settings=holiday)
    assert not scorecard_sends.sending_time(SATURDAY + timedelta(days=1, hours=-1), settings=holiday)
    assert scorecard_sends.sending_time(SATURDAY + timedelta(days=1), settings=holiday)


def test_each_desk_is_claimed_once_a_week_for_its_officers_or_the_full_admins(seeded: Session) -> None:
    config = settings()
    admins.grant(ADMIN, SECOND_ADMIN, session=seeded, settings=config)
    admins.grant(ADMIN, OFFICER, session=seeded, settings=config, desks=["DESK-AUT"])
    closed = catalog.get_desk("DESK-HAP", session=seeded)
    assert closed is not None
    closed.active = False
    seeded.add(closed)
    seeded.flush()

    claimed = scorecard_sends.claim_scorecards(session=seeded, settings=config, sector_of=lambda _: None, now=SATURDAY)

    by_desk = {weekly.card.desk.code: weekly for weekly in claimed}
    assert by_desk["DESK-AUT"].recipients == (OFFICER,)
    assert by_desk["DESK-PET"].recipients == (ADMIN, SECOND_ADMIN)
    assert "DESK-HAP" not in by_desk and len(by_desk) == 14  # an inactive desk gets none
    assert all(weekly.card.week.start == date(2026, 11, 21) for weekly in claimed)
    rows = seeded.exec(select(ScorecardSend)).all()
    assert len(rows) == len(claimed) and {row.week for row in rows} == {date(2026, 11, 21)}
    assert next(row for row in rows if row.desk == "DESK-AUT").recipients == str(OFFICER)

    # Later that week (a restart, another replica): nothing again. The next week: every desk again.
    assert scorecard_sends.claim_scorecards(session=seeded, settings=config, sector_of=lambda _: None,
                                            now=SATURDAY + timedelta(days=2)) == []
    again = scorecard_sends.claim_scorecards(session=seeded, settings=config, sector_of=lambda _: None,
                                             now=SATURDAY + timedelta(days=7))
    assert {weekly.card.desk.code for weekly in again} == set(by_desk)


def test_nothing_is_claimed_before_the_hour(seeded: Session) -> None:
    early = SATURDAY - timedelta(hours=1)
    assert scorecard_sends.claim_scorecards(session=seeded, settings=settings(), sector_of=lambda _: None, now=early) == []
    assert seeded.exec(select(ScorecardSend)).all() == []
