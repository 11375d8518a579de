"""The response clock on every lead: when its desk owes the investor an answer, on the Iranian working week.

Pure functions (no Telegram, no database). The Iranian week works Saturday to Wednesday; Thursday and Friday
are off, and so is every day of the ``HOLIDAYS`` setting. A lead created on some day is due at the **end of the
Nth working day after that day** (``response_days`` of its desk, 3 by default), in the bot's time zone: a lead
written on Saturday morning with 3 days is due at the end of Tuesday; one written on Wednesday evening, at the
end of the next Monday (Thursday and Friday do not count).

The clock stops once the desk acts: a lead is overdue only while its status is still ``new``. Every other
status, contacted, meeting, declined, closed, and also withdrawn (the investor took it back), means there is
nothing left to answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.settings import Settings
from bot.store.models import Lead, LeadStatus

DEFAULT_RESPONSE_DAYS = 3
# Monday is 0: Thursday (3) and Friday (4) are the Iranian weekend.
WEEKEND = frozenset({3, 4})
CLOCK_RUNNING = frozenset({LeadStatus.NEW})
"""Statuses in which the desk still owes an answer; any other stops the clock."""


def is_working_day(day: date, *, holidays: frozenset[date]) -> bool:
    """Saturday to Wednesday, unless ``day`` is a holiday."""
    return day.weekday() not in WEEKEND and day not in holidays


def nth_working_day_after(day: date, working_days: int, *, holidays: frozenset[date]) -> date:
    """The ``working_days``-th working day after ``day`` (``day`` itself never counts; 0 gives ``day``)."""
    if working_days < 0:
        raise ValueError("working_days must not be negative")
    found = 0
    while found < working_days:
        day += timedelta(days=1)
        if is_working_day(day, holidays=holidays):
            found += 1
    return day


def end_of_day(day: date, zone: ZoneInfo) -> datetime:
    """The last moment of ``day`` in ``zone``, in UTC (as timestamps are stored)."""
    return datetime.combine(day, time.max, tzinfo=zone).astimezone(UTC)


def due_at(created_at: datetime, *, working_days: int, holidays: frozenset[date], zone: ZoneInfo) -> datetime:
    """The end of the ``working_days``-th working day after the local day of ``created_at`` (aware), in UTC."""
    if created_at.tzinfo is None:
        raise ValueError(f"{created_at!r} has no time zone")
    created_day = created_at.astimezone(zone).date()
    return end_of_day(nth_working_day_after(created_day, working_days, holidays=holidays), zone)


def due_day(due: datetime, zone: ZoneInfo) -> date:
    """The local day a due moment falls on: the date to show the reader."""
    return due.astimezone(zone).date()


def _aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back naive; every stored one is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def is_overdue(lead: Lead, *, now: datetime) -> bool:
    """Whether the desk still owes ``lead`` an answer (status ``new``) and its due moment has passed."""
    return lead.status in CLOCK_RUNNING and lead.due_at is not None and _aware(now) > _aware(lead.due_at)


def working_days_overdue(lead: Lead, *, now: datetime, holidays: frozenset[date], zone: ZoneInfo) -> int:
    """How many working days ``lead`` is overdue by (0 if it is not overdue).

    The working days after its due day up to today count; a lead that fell due at the end of a Wednesday is
    overdue by 1 on Thursday, Friday and Saturday, by 2 on Sunday. Never less than 1 once overdue.
    """
    if not is_overdue(lead, now=now) or lead.due_at is None:
        return 0
    day, today = due_day(_aware(lead.due_at), zone), _aware(now).astimezone(zone).date()
    count = 0
    while day < today:
        day += timedelta(days=1)
        if is_working_day(day, holidays=holidays):
            count += 1
    return max(count, 1)


@dataclass(frozen=True, slots=True)
class Clock:
    """The bot's working calendar: its time zone and the ``HOLIDAYS`` of the settings."""

    zone: ZoneInfo
    holidays: frozenset[date] = frozenset()

    @classmethod
    def of(cls, settings: Settings) -> Clock:
        return cls(settings.tz, settings.holidays)

    def due_at(self, created_at: datetime, working_days: int) -> datetime:
        return due_at(created_at, working_days=working_days, holidays=self.holidays, zone=self.zone)

    def overdue_by(self, lead: Lead, now: datetime) -> int:
        return working_days_overdue(lead, now=now, holidays=self.holidays, zone=self.zone)

    def today(self, now: datetime) -> date:
        return _aware(now).astimezone(self.zone).date()

    def is_working_day(self, day: date) -> bool:
        return is_working_day(day, holidays=self.holidays)
