"""The response clock: due dates on the Iranian working week (Saturday to Wednesday), holidays skipped."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.services.response_clock import due_at, due_day, is_overdue, is_working_day, working_days_overdue
from bot.store.models import Lead, LeadStatus

TEHRAN = ZoneInfo("Asia/Tehran")
NONE: frozenset[date] = frozenset()


def tehran(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TEHRAN)


# 2026-12-05 is a Saturday.
SATURDAY = date(2026, 12, 5)
WEDNESDAY = SATURDAY + timedelta(days=4)


def test_the_iranian_week_works_saturday_to_wednesday() -> None:
    assert [is_working_day(SATURDAY + timedelta(days=n), holidays=NONE) for n in range(7)] == [True] * 5 + [False] * 2
    assert not is_working_day(SATURDAY, holidays=frozenset({SATURDAY}))


def test_a_lead_written_on_saturday_is_due_at_the_end_of_tuesday() -> None:
    due = due_at(tehran(SATURDAY), working_days=3, holidays=NONE, zone=TEHRAN)
    assert due.tzinfo is not None and due.utcoffset() == timedelta(0)
    assert due_day(due, TEHRAN) == SATURDAY + timedelta(days=3)
    local = due.astimezone(TEHRAN)
    assert (local.hour, local.minute) == (23, 59)


def test_thursday_friday_and_holidays_do_not_count() -> None:
    # Written on Wednesday evening: Thursday and Friday are off, so Saturday, Sunday, Monday.
    assert due_day(due_at(tehran(WEDNESDAY, 21), working_days=3, holidays=NONE, zone=TEHRAN), TEHRAN) == WEDNESDAY + timedelta(days=5)
    # With Sunday a holiday, Tuesday instead.
    holidays = frozenset({WEDNESDAY + timedelta(days=4)})
    assert due_day(due_at(tehran(WEDNESDAY, 21), working_days=3, holidays=holidays, zone=TEHRAN), TEHRAN) == WEDNESDAY + timedelta(days=6)
    # Written on a Friday: the Saturday after is the first working day.
    assert due_day(due_at(tehran(WEDNESDAY + timedelta(days=2)), working_days=1, holidays=NONE, zone=TEHRAN), TEHRAN) == SATURDAY + timedelta(days=7)


def test_the_local_day_counts_not_the_utc_one() -> None:
    # 22:00 UTC on Friday is already Saturday 01:30 in Tehran: Saturday's lead, due Sunday with one day.
    friday_night_utc = datetime(2026, 12, 4, 22, 0, tzinfo=UTC)
    assert due_day(due_at(friday_night_utc, working_days=1, holidays=NONE, zone=TEHRAN), TEHRAN) == SATURDAY + timedelta(days=1)


def test_a_naive_creation_time_is_refused() -> None:
    with pytest.raises(ValueError):
        due_at(datetime(2026, 12, 5, 10), working_days=3, holidays=NONE, zone=TEHRAN)


def test_only_a_new_lead_past_its_due_moment_is_overdue() -> None:
    due = due_at(tehran(SATURDAY), working_days=3, holidays=NONE, zone=TEHRAN)
    lead = Lead(user_id=1, product_code="X", status=LeadStatus.NEW, due_at=due)
    assert not is_overdue(lead, now=due)
    assert is_overdue(lead, now=due + timedelta(seconds=1))
    for status in LeadStatus:
        if status is not LeadStatus.NEW:
            assert not is_overdue(Lead(user_id=1, product_code="X", status=status, due_at=due), now=due + timedelta(days=9))
    assert not is_overdue(Lead(user_id=1, product_code="X"), now=due + timedelta(days=9))


def test_overdue_by_counts_working_days_after_the_due_day() -> None:
    due = due_at(tehran(SATURDAY), working_days=4, holidays=NONE, zone=TEHRAN)  # end of Wednesday
    lead = Lead(user_id=1, product_code="X", due_at=due)
    assert working_days_overdue(lead, now=tehran(WEDNESDAY), holidays=NONE, zone=TEHRAN) == 0
    assert [working_days_overdue(lead, now=tehran(WEDNESDAY + timedelta(days=n)), holidays=NONE, zone=TEHRAN) for n in range(1, 6)] == [
        1, 1, 1, 2, 3]


def test_holidays_are_read_from_jalali_or_gregorian_dates_in_any_digits() -> None:
    from bot.settings import Settings

    settings = Settings(_env_file=None, holidays="1405-01-01, 2026-03-22;۱۴۰۵/۰۱/۰۳,")
    assert settings.holidays == frozenset({date(2026, 3, 21), date(2026, 3, 22), date(2026, 3, 23)})
    with pytest.raises(ValueError, match="'1405-13-01' is not a date"):
        Settings(_env_file=None, holidays="1405-01-01,1405-13-01")
