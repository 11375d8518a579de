"""Overdue leads reminded to their desk's officers, once a working day.

A round (the bot's job, :func:`bot.telegram.reminders.reminder_job`) runs every few minutes; it does
something only on a working day of the Iranian week, from ``LEAD_REMINDER_HOUR`` (in ``TIMEZONE``) on. Each
overdue lead not yet reminded today is claimed by a conditional update (:func:`bot.store.leads.claim_reminder`)
in the round's transaction, so replicas and restarts never remind of it twice the same day; leads are grouped
by desk, and each group goes to the desk's officers (every full admin when it has none).

A claimed reminder whose message then cannot be sent (the officer blocked the bot, the process died) is not
tried again that day: the lead is still overdue, and the next working day's round reminds of it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.settings import Settings
from bot.store import leads as lead_store
from bot.store.models import Desk

from . import admins
from .leads import LeadView, lead_view
from .response_clock import Clock


@dataclass(frozen=True, slots=True)
class Reminder:
    """The overdue leads of one desk (None: leads of no desk), longest overdue first, and who is told."""

    desk: Desk | None
    leads: tuple[LeadView, ...]
    recipients: tuple[int, ...]


def reminder_time(now: datetime, *, settings: Settings) -> bool:
    """Whether reminders may go now: a working day, at or after ``LEAD_REMINDER_HOUR``."""
    clock = Clock.of(settings)
    local = now.astimezone(clock.zone)
    return clock.is_working_day(local.date()) and local.hour >= settings.lead_reminder_hour


def claim_reminders(*, session: Session, settings: Settings, now: datetime) -> list[Reminder]:
    """Claim today's reminders of every overdue lead not reminded today, grouped by desk (nothing outside
    :func:`reminder_time`)."""
    if not reminder_time(now, settings=settings):
        return []
    clock = Clock.of(settings)
    today = clock.today(now)
    groups: dict[str | None, list[LeadView]] = {}
    desks: dict[str | None, Desk | None] = {}
    for lead in lead_store.overdue_leads(session=session, now=now, not_reminded_on=today):
        assert lead.id is not None
        if not lead_store.claim_reminder(lead.id, today, session=session):
            continue  # another replica took it meanwhile
        view = lead_view(lead.id, session=session, clock=clock, now=now)
        if view is None:
            continue
        code = view.desk.code if view.desk else None
        desks[code] = view.desk
        groups.setdefault(code, []).append(view)
    return [
        Reminder(desks[code], tuple(views), tuple(admins.responsible_for(desks[code], session=session, settings=settings)))
        for code, views in groups.items()
    ]
