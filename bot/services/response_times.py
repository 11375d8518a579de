"""Each desk's response time: how many working days it takes to answer a lead (``/responsedays``).

The time applies to leads written from then on: a lead's due date is fixed when it is written (see
:mod:`bot.services.response_clock`), so changing it never moves the goalposts of leads already waiting.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from bot.store import catalog
from bot.store.models import Desk, utcnow

from . import audit
from .inputs import NumberError, parse_whole_number

MAX_RESPONSE_DAYS = 30


class BadDays(ValueError):
    """Not a whole number of working days from 1 to :data:`MAX_RESPONSE_DAYS`."""


def parse_days(text: str) -> int:
    """A response time typed in chat, in any digits; raises :class:`BadDays`."""
    try:
        days = parse_whole_number(text, maximum=MAX_RESPONSE_DAYS)
    except NumberError:
        raise BadDays(text) from None
    if days < 1:
        raise BadDays(text)
    return days


@dataclass(frozen=True, slots=True)
class Change:
    """A desk after ``/responsedays``: its response time before and now."""

    desk: Desk
    before: int

    @property
    def changed(self) -> bool:
        return self.desk.response_days != self.before


def set_response_days(actor_id: int, code: str, days: int, *, session: Session) -> Change | None:
    """Set the desk's response time, logged as a desk edit; None if no desk has ``code``."""
    desk = catalog.get_desk(code, session=session)
    if desk is None:
        return None
    before = desk.response_days
    if before != days:
        desk.response_days, desk.updated_at = days, utcnow()
        session.add(desk)
        session.flush()
        audit.record(actor_id, audit.DESK_EDIT, session=session, target=desk.code, before={"response_days": before},
                     after={"response_days": days})
    return Change(desk, before)


def response_times(*, session: Session) -> list[Desk]:
    """Every desk, in code order, with its response time."""
    return catalog.desks(session=session)
