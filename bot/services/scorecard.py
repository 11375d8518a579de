"""The weekly desk scorecard: how one promotion desk handled its leads, the week just ended and the 11 before it.

A **week** is the Iranian working week in ``TIMEZONE``: Saturday 00:00 to the next Saturday 00:00. The
scorecard reports the last *complete* week (the one that ended at the latest Saturday midnight), so the one
sent on Saturday morning and ``/scorecard`` later that week report on the same week (overdue, waiting and the
statuses are as of the moment the scorecard is made).

- **New leads**: leads on the desk's listings registered in the week (a lead withdrawn later still counts).
- **Response time**: from a lead's registration to its first status change by an admin (contacted, meeting,
  declined, closed: the audit log's ``lead.status``); an investor's withdrawal is no answer. A week's median is
  that of the leads *first answered in the week*, so every week's figure is final when the week ends; leads
  still waiting are counted apart, not guessed.
- **Overdue**: the desk's leads past their due date now (:func:`bot.services.response_clock.is_overdue`).
- **Leads by status**: every lead of the desk by its status now.
- **Interest per listing**: each listing's leads (withdrawn ones left out), with how many came in the week.
- **Introductions**: investors' requests to meet capable manufacturers on the desk's listings asked in the week
  (one per manufacturer asked), and those accepted in the week (by when the manufacturer accepted).
- **Top unmet needs**: the largest groups of unanswered searches of the last 30 days
  (:func:`bot.services.demand.unmet_demand`) that belong to the desk's sector: the matching engine's best
  guess for the need (confident or related) is a listing or desk of that sector.

A desk's leads are those on listings :func:`bot.store.catalog.desk_of` gives to it: listings naming the desk,
and those of its sector naming no (known) desk when it is the sector's first active desk.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.store import audit as audit_store
from bot.store import catalog
from bot.store import introductions as introduction_store
from bot.store import scorecards as scorecard_store
from bot.store.models import Desk, IntroductionState, Lead, LeadStatus, Product, utcnow

from . import audit
from .admins import Rights
from .demand import DemandGroup, unmet_demand
from .response_clock import is_overdue
from .search import Matcher

WEEKS = 12
"""Weeks in the chart's series, the reported one last."""
SATURDAY = 5  # date.weekday()
DEMAND_DAYS = 30
TOP_NEEDS = 5
_NEEDS_LOOKED_AT = 40  # groups of the whole report whose sector is looked up


@dataclass(frozen=True, slots=True)
class Week:
    """One week of a desk: leads that came in, and how fast the leads first answered in it were answered."""

    start: date
    """The week's Saturday (local)."""
    leads: int
    answered: int
    median_response: timedelta | None
    """None when no lead was first answered in the week."""
    introductions: int = 0
    """Manufacturers an investor asked to meet in the week, on the desk's listings."""
    introduced: int = 0
    """Introductions on the desk's listings that a manufacturer accepted in the week."""

    @property
    def end(self) -> date:
        """The week's Friday, its last day."""
        return self.start + timedelta(days=6)


@dataclass(frozen=True, slots=True)
class ListingInterest:
    """A listing of the desk with its leads: all of them (withdrawn left out) and the week's new ones."""

    code: str
    name_en: str
    name_fa: str
    leads: int
    new: int


@dataclass(frozen=True, slots=True)
class Scorecard:
    """Everything the weekly scorecard of one desk says; ``weeks`` is oldest first and ends with ``week``."""

    desk: Desk
    weeks: tuple[Week, ...]
    overdue: int
    waiting: int
    """Open leads never answered yet (status new)."""
    by_status: dict[LeadStatus, int]
    interest: tuple[ListingInterest, ...]
    unmet: tuple[DemandGroup, ...]
    made_at: datetime

    @property
    def week(self) -> Week:
        """The reported week: the last complete one."""
        return self.weeks[-1]


SectorOf = Callable[[str], str | None]
"""The sector a need's wording belongs to, by the matching engine (None when it finds nothing)."""


def sectors_by(matcher: Matcher) -> SectorOf:
    """:data:`SectorOf` by ``matcher``: the sector of its best answer to the wording, confident or related (each
    wording looked up once, however many desks' scorecards ask)."""
    known: dict[str, str | None] = {}

    def sector_of(wording: str) -> str | None:
        if wording not in known:
            found = matcher.lookup(wording, limit=1)
            best = found.results or found.related
            known[wording] = best[0].sector if best else None
        return known[wording]

    return sector_of


def week_start(day: date) -> date:
    """The Saturday that starts ``day``'s Iranian week."""
    return day - timedelta(days=(day.weekday() - SATURDAY) % 7)


def reported_week(now: datetime, tz: ZoneInfo) -> date:
    """The Saturday of the last complete week at ``now``."""
    return week_start(now.astimezone(tz).date()) - timedelta(days=7)


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=tz)


def desk_products(desk: Desk, *, session: Session) -> list[Product]:
    """The listings whose leads are the desk's (see :func:`bot.store.catalog.desk_of`), in code order."""
    # Only the desk's sector and the listings naming it can be its: not the whole catalog.
    candidates = {p.code: p for p in [*catalog.products(session=session, sector=desk.sector),
                                       *catalog.products(session=session, desk=desk.code)]}
    handled_by = catalog.desks_of(candidates.values(), session=session)
    return sorted((p for p in candidates.values() if (found := handled_by[p.code]) is not None and found.code == desk.code),
                  key=lambda p: p.code)


def first_answers(leads: Sequence[Lead], *, session: Session) -> dict[int, datetime]:
    """Lead id → when an admin first changed its status (leads never answered are left out)."""
    answered: dict[int, datetime] = {}
    for entry in audit_store.audit_entries([audit.LEAD_STATUS], [str(lead.id) for lead in leads], session=session):
        answered.setdefault(int(entry.target), entry.at)
    return answered


def _median(values: Sequence[timedelta]) -> timedelta | None:
    return timedelta(seconds=statistics.median(value.total_seconds() for value in values)) if values else None


def unmet_needs(*, session: Session, now: datetime, matcher: Matcher | None = None) -> list[DemandGroup]:
    """The unmet demand the scorecards pick their sector's needs from (worked out once for many desks), grouped with
    the engine (``matcher``) as /demand groups it, without the needs the catalog now answers."""
    return unmet_demand(session=session, days=DEMAND_DAYS, limit=_NEEDS_LOOKED_AT, now=now, matcher=matcher)


def build(desk: Desk, *, session: Session, tz: ZoneInfo, sector_of: SectorOf, now: datetime | None = None,
          demand: Sequence[DemandGroup] | None = None, matcher: Matcher | None = None) -> Scorecard:
    """The scorecard of ``desk`` for the last complete week at ``now``; ``demand`` is :func:`unmet_needs`, when known."""
    now = now or utcnow()
    products = desk_products(desk, session=session)
    leads = scorecard_store.leads_on([p.code for p in products], session=session)
    answers = first_answers(leads, session=session)
    last = reported_week(now, tz)
    starts = [last - timedelta(weeks=WEEKS - 1 - index) for index in range(WEEKS)]
    bounds = [(_midnight(start, tz), _midnight(start + timedelta(days=7), tz)) for start in starts]
    introductions = introduction_store.introductions_on([p.code for p in products], session=session, since=bounds[0][0])
    weeks = []
    for start, (begin, end) in zip(starts, bounds, strict=True):
        responses = [answers[lead.id] - lead.created_at for lead in leads
                     if lead.id in answers and begin <= answers[lead.id] < end]
        weeks.append(Week(start=start, leads=sum(begin <= lead.created_at < end for lead in leads), answered=len(responses),
                          median_response=_median(responses),
                          introductions=sum(begin <= item.created_at < end for item in introductions),
                          introduced=sum(item.state is IntroductionState.ACCEPTED and item.decided_at is not None
                                         and begin <= item.decided_at < end for item in introductions)))
    begin, end = bounds[-1]
    counted = [lead for lead in leads if lead.status is not LeadStatus.WITHDRAWN]
    per_listing = Counter(lead.product_code for lead in counted)
    new_per_listing = Counter(lead.product_code for lead in counted if begin <= lead.created_at < end)
    interest = sorted(
        (ListingInterest(p.code, p.name_en, p.name_fa, per_listing[p.code], new_per_listing[p.code]) for p in products if per_listing[p.code]),
        key=lambda item: (-item.leads, -item.new, item.code),
    )
    statuses = Counter(lead.status for lead in leads)
    if demand is None:
        demand = unmet_needs(session=session, now=now, matcher=matcher)
    needs = [group for group in demand if sector_of(group.examples[0] if group.examples else group.key) == desk.sector]
    return Scorecard(
        desk=desk,
        weeks=tuple(weeks),
        overdue=sum(is_overdue(lead, now=now) for lead in leads),
        waiting=statuses[LeadStatus.NEW],
        by_status={status: statuses[status] for status in LeadStatus},
        interest=tuple(interest),
        unmet=tuple(needs[:TOP_NEEDS]),
        made_at=now,
    )


def desks_for(rights: Rights, *, session: Session) -> list[Desk]:
    """The desks whose scorecard an admin may see: a desk officer's own, every active desk for a full admin."""
    if rights.desks is None:
        return catalog.desks(session=session, active_only=True)
    return [desk for desk in catalog.desks(session=session) if desk.code in rights.desks]


def find_desk(code: str, *, session: Session) -> Desk | None:
    """The desk with this code (any case), if any."""
    return catalog.get_desk(code, session=session)
