"""The weekly scorecard the bot sends by itself: each desk's, to its officers, once a week.

A round (the bot's job, :func:`bot.telegram.scorecards.scorecard_job`) runs every few minutes. From
``SCORECARD_HOUR`` (in ``TIMEZONE``) on the first working day of the Iranian week (Saturday, or the next working
day when Saturday is one of the ``HOLIDAYS``), and on every later day of that week, it claims each active desk's
scorecard of the week just ended by inserting a row per desk and week (:func:`bot.store.scorecards.claim_send`):
replicas and restarts never send one twice, and a bot that was down at that hour sends it when it comes back.
Each goes to the desk's officers, or to every full admin when it has none.

A claimed scorecard whose message then cannot be sent (the officer blocked the bot, the process died) is not
tried again: the next week's comes anyway, and ``/scorecard`` shows it at any time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session

from bot.settings import Settings
from bot.store import catalog
from bot.store import scorecards as store

from . import admins, scorecard
from .search import Matcher
from .response_clock import Clock
from .scorecard import Scorecard, SectorOf


@dataclass(frozen=True, slots=True)
class WeeklyScorecard:
    """One desk's scorecard and who gets it."""

    card: Scorecard
    recipients: tuple[int, ...]


def first_working_day(week: date, clock: Clock) -> date:
    """The first working day of the week starting on Saturday ``week`` (the Saturday itself when no day works)."""
    return next((day for day in (week + timedelta(days=offset) for offset in range(7)) if clock.is_working_day(day)), week)


def sending_time(now: datetime, *, settings: Settings) -> bool:
    """Whether this week's scorecards may go: from ``SCORECARD_HOUR`` on its first working day, to its end."""
    clock = Clock.of(settings)
    local = now.astimezone(clock.zone)
    first = first_working_day(scorecard.week_start(local.date()), clock)
    return local.date() > first or (local.date() == first and local.hour >= settings.scorecard_hour)


def claim_scorecards(*, session: Session, settings: Settings, sector_of: SectorOf, now: datetime,
                     matcher: Matcher | None = None) -> list[WeeklyScorecard]:
    """Claim and build every active desk's scorecard of the week just ended that was not claimed yet (nothing
    outside :func:`sending_time`)."""
    if not sending_time(now, settings=settings):
        return []
    week = scorecard.reported_week(now, settings.tz)
    demand = None
    claimed = []
    for desk in catalog.desks(session=session, active_only=True):
        recipients = admins.responsible_for(desk, session=session, settings=settings)
        if not recipients or not store.claim_send(desk.code, week, recipients, session=session):
            continue
        if demand is None:
            demand = scorecard.unmet_needs(session=session, now=now, matcher=matcher)
        card = scorecard.build(desk, session=session, tz=settings.tz, sector_of=sector_of, now=now, demand=demand)
        claimed.append(WeeklyScorecard(card, tuple(recipients)))
    return claimed
