"""The weekly desk scorecard: the reported week, new leads, response times, overdue, interest and unmet needs."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from sqlmodel import Session

from bot.services import audit, scorecard
from bot.services.scorecard_chart import render_png
from bot.services.search import Matcher
from bot.store import catalog
from bot.store.models import AuditEntry, Lead, LeadStatus, SearchLog, User

TEHRAN = ZoneInfo("Asia/Tehran")
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=TEHRAN)  # a Monday: the last complete week is Sat 21 to Fri 27 November
ADMIN = 900


def local(day: int, hour: int = 9, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=TEHRAN).astimezone(UTC)


def add_lead(session: Session, user_id: int, code: str, created: datetime, *, status: LeadStatus = LeadStatus.NEW,
             answered: datetime | None = None, due: datetime | None = None) -> Lead:
    if session.get(User, user_id) is None:
        session.add(User(id=user_id, first_name=f"U{user_id}"))
        session.flush()
    lead = Lead(user_id=user_id, product_code=code, created_at=created, status=status, due_at=due or created + timedelta(days=5))
    session.add(lead)
    session.flush()
    if answered is not None:
        session.add(AuditEntry(at=answered, actor_id=ADMIN, action=audit.LEAD_STATUS, target=str(lead.id),
                               before={"status": "new"}, after={"status": "contacted"}))
    return lead


@pytest.fixture
def desk_week(seeded: Session) -> Session:
    """DESK-AUT's leads around the week of 21 November, and one lead of another desk."""
    add_lead(seeded, 1, "AUT-001", local(22), status=LeadStatus.CONTACTED, answered=local(23))  # 1 day
    add_lead(seeded, 2, "AUT-001", local(24), status=LeadStatus.MEETING, answered=local(27))  # 3 days
    add_lead(seeded, 3, "AUT-002", local(16), status=LeadStatus.CONTACTED, answered=local(22))  # 6 days, answered this week
    add_lead(seeded, 4, "AUT-002", local(25), due=local(26, 23))  # still new: overdue on the 30th
    add_lead(seeded, 5, "AUT-002", local(26), status=LeadStatus.WITHDRAWN)
    add_lead(seeded, 6, "AUT-003", local(29))  # this week (not complete): not in the reported one
    add_lead(seeded, 7, "AUT-001", local(2, month=11), status=LeadStatus.DECLINED, answered=local(3, 15, month=11))  # 30 hours
    add_lead(seeded, 1, "MED-001", local(23), due=local(24))  # another desk's: never counted
    seeded.flush()
    seeded.expire_all()  # read back as stored (SQLite gives timestamps back without a zone)
    return seeded


def build(session: Session, desk: str = "DESK-AUT", sector_of: scorecard.SectorOf = lambda _: None) -> scorecard.Scorecard:
    found = catalog.get_desk(desk, session=session)
    assert found is not None
    return scorecard.build(found, session=session, tz=TEHRAN, sector_of=sector_of, now=NOW)


def test_the_reported_week_is_the_last_complete_iranian_week() -> None:
    assert scorecard.reported_week(NOW, TEHRAN) == date(2026, 11, 21)
    # Saturday just after midnight in Tehran (still Friday in UTC): the week that ended at that midnight.
    assert scorecard.reported_week(datetime(2026, 11, 28, 0, 30, tzinfo=TEHRAN), TEHRAN) == date(2026, 11, 21)
    assert scorecard.reported_week(datetime(2026, 11, 27, 23, 30, tzinfo=TEHRAN), TEHRAN) == date(2026, 11, 14)


def test_the_week_counts_new_leads_answers_and_their_median(desk_week: Session) -> None:
    card = build(desk_week)

    assert card.week.start == date(2026, 11, 21) and card.week.end == date(2026, 11, 27)
    assert card.week.leads == 4  # 22nd, 24th, 25th and the withdrawn one of the 26th
    assert card.week.answered == 3
    assert card.week.median_response == timedelta(days=3)  # of 1, 3 and 6 days
    assert len(card.weeks) == scorecard.WEEKS and card.weeks[0].start == date(2026, 9, 5)
    assert [week.start.weekday() for week in card.weeks] == [5] * scorecard.WEEKS
    november_first = next(week for week in card.weeks if week.start == date(2026, 10, 31))
    assert (november_first.leads, november_first.answered, november_first.median_response) == (1, 1, timedelta(hours=30))
    assert card.weeks[0].median_response is None and card.weeks[0].leads == 0


def test_overdue_status_and_interest_per_listing(desk_week: Session) -> None:
    card = build(desk_week)

    assert card.overdue == 1  # the new lead of the 25th, due on the 26th; the 29th's is not due yet
    assert card.waiting == 2
    assert card.by_status[LeadStatus.NEW] == 2 and card.by_status[LeadStatus.WITHDRAWN] == 1
    assert card.by_status[LeadStatus.DECLINED] == 1 and sum(card.by_status.values()) == 7
    assert [(item.code, item.leads, item.new) for item in card.interest] == [("AUT-001", 3, 2), ("AUT-002", 2, 1), ("AUT-003", 1, 0)]


def test_another_desk_sees_none_of_these_leads(desk_week: Session) -> None:
    card = build(desk_week, "DESK-HAP")
    assert card.week.leads == 0 and card.overdue == 0 and card.interest == () and card.week.median_response is None


def test_unmet_needs_are_those_the_engine_places_in_the_desks_sector(desk_week: Session) -> None:
    for user_id, query in [(1, "car windshield wiper motor"), (2, "windshield wiper motor"), (3, "wedding dress"),
                           (4, "wedding dresses"), (5, "wedding dress")]:
        desk_week.add(SearchLog(user_id=user_id, query=query, matched=False, created_at=local(28)))
    desk_week.flush()
    sector_of = scorecard.sectors_by(Matcher.load(session=desk_week))

    automotive = build(desk_week, sector_of=sector_of)
    appliances = build(desk_week, "DESK-HAP", sector_of=sector_of)

    assert [(group.searches, group.people) for group in automotive.unmet] == [(2, 2)]
    assert "wiper" in automotive.unmet[0].key
    assert appliances.unmet == ()  # a wedding dress is no sector's need


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_chart_is_a_phone_sized_png_with_something_drawn(desk_week: Session, language: str) -> None:
    png = render_png(build(desk_week), language)

    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1200, 750)
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50  # bars, a line, text: not a blank canvas
    assert len(png) < 200_000
