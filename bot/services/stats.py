"""The admins' figures: users, searches, leads, subscribers and digests, what people look for and what
they cannot find.

:func:`collect` fills one :class:`Stats`; each of its sections is rendered on its own, so a new section
is a field here, a query in ``bot.store.stats`` and one renderer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.store import catalog
from bot.store import leads as lead_store
from bot.store import stats as store
from bot.store.models import Desk, Frequency, Product, SearchFeedback, Sector, utcnow

from .demand import DemandGroup, unmet_demand
from .search import Matcher

TOP = 10
PERIODS = (7, 30)


@dataclass(frozen=True, slots=True)
class Named:
    """A listing or desk with a count: ``code`` and its names (empty when it no longer exists)."""

    code: str
    name_en: str
    name_fa: str
    count: int


@dataclass(frozen=True, slots=True)
class Searches:
    """Searches of the last ``days`` days, and how many of them nothing confident answered (``unmet``); of
    those, how many had related suggestions only ("Did you mean…?"). And what searchers said: "None of
    these" under suggestions, "Not what I was looking for" under confident results."""

    days: int
    total: int
    unmet: int
    suggested: int = 0
    none_of_these: int = 0
    not_wanted: int = 0

    @property
    def confident(self) -> int:
        """Searches with a confident match."""
        return self.total - self.unmet

    @property
    def nothing(self) -> int:
        """Searches with neither a confident match nor a suggestion."""
        return self.unmet - self.suggested


@dataclass(frozen=True, slots=True)
class Subscribers:
    """Who hears about new listings: subscribers by state, the still subscribed ones by frequency and sector,
    their alerts, and the digests delivered in each of :data:`PERIODS`."""

    by_state: dict[str, int]  # active, paused, stopped
    by_frequency: dict[str, int]  # Frequency value → subscribers, every frequency present
    by_sector: list[Named]  # most subscribers first
    alerts: int
    digests_sent: dict[int, int]  # days → digests sent in them


@dataclass(frozen=True, slots=True)
class Stats:
    """Every section of /stats."""

    users: int
    new_users: int  # in the last 7 days
    users_by_language: dict[str, int]
    searches: list[Searches]
    leads: int
    leads_by_status: dict[str, int]
    leads_by_product: list[Named]
    leads_by_desk: list[Named]
    top_listings: list[Named]  # the best answers of the last 30 days' searches
    demand: list[DemandGroup]  # unmet demand of the last 30 days, largest groups
    subscribers: Subscribers


def _named(item: Product | Desk | Sector | None, code: str, count: int) -> Named:
    return Named(code, item.name_en if item else "", item.name_fa if item else "", count)


def _subscribers(*, session: Session, now: datetime) -> Subscribers:
    sectors = {sector.key: sector for sector in catalog.sectors(session=session)}
    by_frequency = store.active_subscribers_by_frequency(session=session)
    return Subscribers(
        by_state=store.subscribers_by_state(session=session),
        by_frequency={frequency.value: by_frequency.get(frequency.value, 0) for frequency in Frequency},
        by_sector=[_named(sectors.get(key), key, count) for key, count in store.active_subscribers_by_sector(session=session)],
        alerts=store.count_alerts(session=session),
        digests_sent={days: store.count_digests_sent(session=session, since=now - timedelta(days=days)) for days in PERIODS},
    )


def _searches(days: int, *, session: Session, now: datetime) -> Searches:
    rows = store.searches_by_answer(session=session, since=now - timedelta(days=days))

    def count(matched: bool | None = None, related: bool | None = None, feedback: SearchFeedback | None = None) -> int:
        return sum(n for m, r, f, n in rows
                   if matched in (None, m) and related in (None, r) and (feedback is None or f == feedback.value))

    return Searches(
        days,
        total=count(),
        unmet=count(matched=False),
        suggested=count(matched=False, related=True),
        none_of_these=count(matched=False, related=True, feedback=SearchFeedback.NONE_OF_THESE),
        not_wanted=count(matched=True, feedback=SearchFeedback.NOT_WHAT_I_WANTED),
    )


def collect(*, session: Session, now: datetime | None = None, demand_groups: int = 5, matcher: Matcher | None = None) -> Stats:
    """Count everything /stats shows (the unmet needs grouped with the engine (``matcher``), as /demand groups them)."""
    now = now or utcnow()
    by_product = store.leads_by_product(session=session)
    products = {p.code: p for p in catalog.products(session=session)}
    desks = {d.code: d for d in catalog.desks(session=session)}
    handled_by = catalog.desks_of(products.values(), session=session)
    per_desk: dict[str, int] = {}
    for code, count in by_product:
        desk = handled_by.get(code)
        if desk is not None:
            per_desk[desk.code] = per_desk.get(desk.code, 0) + count
    since_30 = now - timedelta(days=30)
    top = [
        _named(products.get(code) or desks.get(code), code, count)
        for code, count in store.top_answers(session=session, since=since_30, limit=TOP)
    ]
    return Stats(
        users=store.count_users(session=session),
        new_users=store.count_users(session=session, since=now - timedelta(days=7)),
        users_by_language=store.users_by_language(session=session),
        searches=[_searches(days, session=session, now=now) for days in PERIODS],
        leads=lead_store.count_leads(session=session),
        leads_by_status=store.leads_by_status(session=session),
        leads_by_product=[_named(products.get(code), code, count) for code, count in by_product[:TOP]],
        leads_by_desk=[
            _named(desks.get(code), code, count) for code, count in sorted(per_desk.items(), key=lambda item: (-item[1], item[0]))
        ][:TOP],
        top_listings=top,
        demand=unmet_demand(session=session, days=30, limit=demand_groups, now=now, matcher=matcher),
        subscribers=_subscribers(session=session, now=now),
    )
