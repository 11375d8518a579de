"""Digests: what is new for each subscriber, when they are due, and the durable outbox they go through.

**Periods.** A subscriber's ``cursor`` is the cutoff of their last delivered digest. A digest covers
(cursor, cutoff] and its outbox row is keyed by (user, period) where the period is that start, the
cursor. A subscriber's digests therefore cover consecutive, disjoint periods, and the unique key makes
every way of planning twice harmless: a round re-run after a crash, a manual round next to the
scheduler, two replicas. All of them compute the same period for a subscriber whose digest has not
been sent yet, so the second insert does nothing; once it is sent the cursor has moved on and nothing
before it can be planned again. A subscriber with a digest still waiting is not planned at all: that
digest goes first.

**Cutoff.** A round takes its cutoff while holding the catalog lock (see
:func:`bot.store.catalog.lock_catalog`), so every listing stamped at or before the cutoff is committed
and visible when the round reads, and nothing can be stamped before the cutoff afterwards.

**Due.** Daily and weekly subscribers are due when their latest scheduled time (in ``TIMEZONE``) is
after their cursor: after any downtime that is one slot, so a restart sends one catch-up digest. When
a due subscriber has nothing new, the cursor moves to the cutoff, which marks the slot as handled.
Instant subscribers are due whenever something is new; when the catalog changed but nothing of it
is for them, their cursor moves on too. Moving a cursor over a period with nothing new is safe
because of how the cutoff is taken.

**Rendering.** Planning stores each digest's :class:`Selection` (codes), a thousand rows per INSERT;
the first sender to claim a digest renders it and stores the messages before sending any.
From then on the messages are fixed, so delivery progress (``sent_count``) always counts the same
messages. A round for 100,000 subscribers therefore renders nothing up front, and each digest is
rendered once, at the pace it is sent.

**Transactions.** A function here that takes a ``session`` is one step: it never commits, its caller's
unit of work does. :func:`plan_round` and :func:`claim` are several steps (the cutoff under the catalog
lock, the reading, one step per batch; the claim, then its rendering) and take a
:class:`~bot.store.db.UnitOfWork` that runs each step as one transaction; they touch no session outside
a step. In a round the one unit of work is the sender's (see :mod:`bot.telegram.digests`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.dates import deadline_passed
from bot.store import catalog, outbox
from bot.store.db import UnitOfWork
from bot.store import subscriptions as store
from bot.store import users as user_store
from bot.store.models import (
    LIVE_STATUSES,
    Desk,
    Digest,
    Frequency,
    Product,
    Sector,
    Subscriber,
    split_list,
)
from matching import Index

from . import requests
from .requests import Notice
from .search import product_document
from .subscriptions import STOPPED_BLOCKED, excluded

CLOSING_SOON_DAYS = 7
MANUAL = "manual"
# Subscribers planned per batch: one read of their interests, one INSERT of their digests, one commit.
_BATCH = 1000

# What the renderer turns a digest into: sendMessage parameters (text, reply_markup as a dict), in order.
Messages = list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class DigestItem:
    """One listing in a digest and why it is there."""

    product: Product
    is_new: bool
    alerts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DigestContent:
    """What one subscriber's digest holds, grouped and ranked for rendering."""

    user_id: int
    language: str
    since: datetime
    cutoff: datetime
    since_day: date
    today: date
    closing_soon: list[DigestItem]
    sections: list[tuple[Sector, list[DigestItem]]]
    desks: list[tuple[Desk, Sector | None]]
    reopened: list[DigestItem] = field(default_factory=list)
    """Watched listings that take interest again ("tell me if it reopens"), shown first."""

    @property
    def count(self) -> int:
        """Listings and desks in the digest."""
        return len(self.reopened) + len(self.closing_soon) + sum(len(items) for _, items in self.sections) + len(self.desks)

    def codes(self) -> list[str]:
        """The codes of everything in the digest, in the order shown."""
        items = self.reopened + self.closing_soon + [item for _, section in self.sections for item in section]
        return [item.product.code for item in items] + [desk.code for desk, _ in self.desks]


@dataclass(frozen=True, slots=True)
class PlannedDigest:
    """A digest the round added to the outbox (or, in a dry run, would add, with its messages).

    ``codes`` are in the order shown in a dry run, which arranges the digest; otherwise in code order.
    """

    user_id: int
    language: str
    trigger: str
    period: str
    codes: list[str]
    messages: Messages


@dataclass(slots=True)
class PlanReport:
    """How planning went."""

    cutoff: datetime
    evaluated: int = 0
    planned: list[PlannedDigest] = field(default_factory=list)
    nothing_new: int = 0
    already_planned: int = 0


# ------------------------------------------------------------------------------------ schedule


def latest_slot(subscriber: Subscriber | store.Schedule, now: datetime, zone: ZoneInfo) -> datetime | None:
    """The subscriber's most recent scheduled time at or before ``now`` (None for instant ones)."""
    if subscriber.frequency == Frequency.INSTANT:
        return None
    local = now.astimezone(zone)
    days_back = 0 if subscriber.frequency == Frequency.DAILY else (local.weekday() - subscriber.weekday) % 7
    day = local.date() - timedelta(days=days_back)
    slot = datetime.combine(day, time(subscriber.hour), tzinfo=zone)
    if slot > local:
        slot -= timedelta(days=1 if subscriber.frequency == Frequency.DAILY else 7)
        slot = datetime.combine(slot.date(), time(subscriber.hour), tzinfo=zone)
    return slot.astimezone(UTC)


def is_due(subscriber: Subscriber | store.Schedule, now: datetime, zone: ZoneInfo) -> bool:
    """Whether a due-only round should look at the subscriber now."""
    slot = latest_slot(subscriber, now, zone)
    return slot is None or slot > subscriber.cursor


def period_key(cursor: datetime) -> str:
    """The outbox period of a digest starting at ``cursor``: its UTC instant to the microsecond."""
    return cursor.astimezone(UTC).isoformat(timespec="microseconds")


# ------------------------------------------------------------------------------------- content


@dataclass(frozen=True, slots=True)
class Selection:
    """What a digest holds as planned: listing codes (new or changed, the alerts that found them), desk codes, and
    which of the listings are watched ones that reopened.

    This is what the outbox stores at planning time (``Digest.content``); the messages are rendered from
    it when a sender first claims the digest, so a round for 100,000 subscribers writes small rows and
    renders nothing up front.
    """

    items: tuple[tuple[str, bool, tuple[str, ...]], ...]
    desks: tuple[str, ...]
    reopened: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.items) + len(self.desks)

    def to_json(self) -> str:
        data: dict[str, Any] = {"items": [[code, new, list(alerts)] for code, new, alerts in self.items], "desks": list(self.desks)}
        if self.reopened:
            data["reopened"] = list(self.reopened)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Selection:
        data = json.loads(text)
        items = tuple((code, bool(new), tuple(alerts)) for code, new, alerts in data["items"])
        return cls(items, tuple(data["desks"]), tuple(data.get("reopened", ())))


class _Changes:
    """The catalog changes of one round, indexed by sector, and the matching index over them, built once."""

    def __init__(self, products: list[Product], desks: list[Desk], sectors: dict[str, Sector]) -> None:
        self.products = products
        self.desks = desks
        self.sectors = sectors
        self.by_code = {product.code: product for product in products}
        self.desks_by_code = {desk.code: desk for desk in desks}
        # Plain tuples, read once: planning touches them once per subscriber, ORM attributes would cost more.
        self._by_sector: dict[str, list[tuple[str, datetime, datetime]]] = defaultdict(list)
        self._stamps: dict[str, tuple[datetime, datetime]] = {}
        for product in products:
            self._by_sector[product.sector].append((product.code, product.listing_changed_at, product.created_at))
            self._stamps[product.code] = (product.listing_changed_at, product.created_at)
        self._desks_by_sector: dict[str, list[tuple[str, datetime]]] = defaultdict(list)
        for desk in desks:
            self._desks_by_sector[desk.sector].append((desk.code, desk.created_at))
        self._index: Index | None = None
        self._hits: dict[tuple[str, str], list[str]] = {}
        self._by_interest: dict[tuple[datetime, frozenset[str]], tuple[Selection, str]] = {}

    @property
    def latest(self) -> datetime | None:
        times = [p.listing_changed_at for p in self.products] + [d.created_at for d in self.desks]
        return max(times, default=None)

    def alert_hits(self, query: str, exclude: str) -> list[str]:
        """Codes of the round's listings the engine confidently finds for the alert, exclusions applied."""
        key = (query, exclude)
        if key not in self._hits:
            if self._index is None:
                self._index = Index(product_document(p, self.sectors.get(p.sector)) for p in self.products)
            words = split_list(exclude)
            found = []
            for match in self._index.search(query, limit=max(1, len(self.products))):
                product = self.by_code[match.key]
                if not excluded(words, " ".join([product.name_en, product.name_fa, *split_list(product.aliases)])):
                    found.append(match.key)
            self._hits[key] = found
        return self._hits[key]

    def select(
        self, *, since: datetime, cutoff: datetime, sectors: set[str], alerts: Sequence[tuple[str, str]], watches: Collection[str] = ()
    ) -> tuple[Selection, str]:
        """The subscriber's share of (since, cutoff]: their sectors' and alerts' listings, their watched listings that
        take interest again, and their sectors' new desks; with its JSON for the outbox."""
        if alerts or watches:
            selection = self._select(since=since, cutoff=cutoff, sectors=sectors, alerts=alerts, watches=watches)
            return selection, selection.to_json()
        # Subscribers without alerts share a few hundred combinations of sectors (and mostly one cursor):
        # each combination is selected and encoded once.
        key = (since, frozenset(sectors))
        found = self._by_interest.get(key)
        if found is None:
            selection = self._select(since=since, cutoff=cutoff, sectors=sectors, alerts=alerts)
            found = self._by_interest[key] = (selection, selection.to_json())
        return found

    def _select(
        self, *, since: datetime, cutoff: datetime, sectors: set[str], alerts: Sequence[tuple[str, str]], watches: Collection[str] = ()
    ) -> Selection:
        hits: dict[str, list[str]] = {}
        for query, exclude in alerts:
            for code in self.alert_hits(query, exclude):
                hits.setdefault(code, []).append(query)
        chosen = set(hits)
        # A watched listing whose status changed in the period and now takes interest again has reopened.
        reopened = sorted(code for code in watches if code in self.by_code and self.by_code[code].status in LIVE_STATUSES)
        chosen.update(reopened)
        for sector in sectors:
            chosen.update(code for code, changed, _ in self._by_sector.get(sector, ()) if since < changed <= cutoff)
        items = []
        for code in sorted(chosen):
            changed, created = self._stamps[code]
            if since < changed <= cutoff:
                items.append((code, created > since, tuple(hits.get(code, ()))))
        desks = sorted(code for sector in sectors for code, created in self._desks_by_sector.get(sector, ()) if since < created <= cutoff)
        listed = {code for code, _, _ in items}
        return Selection(tuple(items), tuple(desks), tuple(code for code in reopened if code in listed))


def _value(item: DigestItem) -> int:
    return item.product.annual_import_usd or 0


def arrange(
    selection: Selection,
    *,
    user_id: int,
    language: str,
    since: datetime,
    cutoff: datetime,
    zone: ZoneInfo,
    products: Mapping[str, Product],
    desks: Mapping[str, Desk],
    sectors: Mapping[str, Sector],
) -> DigestContent:
    """The digest of a selection, grouped and ranked for rendering; listings or desks gone since are left out."""
    today = cutoff.astimezone(zone).date()
    closing: list[DigestItem] = []
    reopened: list[DigestItem] = []
    grouped: dict[str, list[DigestItem]] = defaultdict(list)
    for code, is_new, alerts in selection.items:
        product = products.get(code)
        if product is None:
            continue
        item = DigestItem(product, is_new=is_new, alerts=alerts)
        if code in selection.reopened:
            reopened.append(item)
            continue
        deadline = product.deadline
        # A passed deadline is not "closing soon": the listing is shown with the others, its deadline marked passed.
        if (deadline is not None and product.status in LIVE_STATUSES and not deadline_passed(deadline, today=today)
                and deadline <= today + timedelta(days=CLOSING_SOON_DAYS)):
            closing.append(item)
        else:
            grouped[product.sector].append(item)
    sections = []
    for key, items in grouped.items():
        sector = sectors.get(key) or Sector(key=key, name_en=key, name_fa=key)
        sections.append((sector, sorted(items, key=lambda i: (-_value(i), i.product.code))))
    sections.sort(key=lambda section: (-max(_value(i) for i in section[1]), section[0].key))
    closing.sort(key=lambda i: (i.product.deadline or today, -_value(i), i.product.code))
    found = [desks[code] for code in selection.desks if code in desks]
    listed = [(desk, sectors.get(desk.sector)) for desk in found]
    since_day = since.astimezone(zone).date()
    return DigestContent(user_id, language, since, cutoff, since_day, today, closing, sections, listed, reopened)


# ------------------------------------------------------------------------------------ planning


def plan_round(
    *,
    unit: UnitOfWork,
    now: datetime,
    zone: ZoneInfo,
    due_only: bool,
    render: Callable[[DigestContent], Messages],
    dry_run: bool = False,
    keep_going: Callable[[], bool] = lambda: True,
) -> PlanReport:
    """Add a digest to the outbox for every subscriber with something new (only the due ones if ``due_only``).

    The outbox gets each digest's selection; ``render`` is only called in a dry run, to show the messages
    (a sender renders a digest when it first claims it, see :func:`claim`). Its steps run through ``unit``:
    taking the cutoff, reading who and what to plan, then one step per batch; a dry run writes nothing.
    When ``keep_going`` turns false the round stops after the batch in hand (what is committed stays
    planned, the rest is planned by the next round).
    """
    # Any time up to the moment the lock was taken is a safe cutoff; a later one is not. Its own step:
    # the lock is released at once, before the long reads.
    cutoff = now if dry_run else unit(lambda session: min(now, catalog.lock_catalog(session=session)))
    report = PlanReport(cutoff=cutoff)
    found = unit(lambda session: _what_to_plan(cutoff=cutoff, zone=zone, due_only=due_only, session=session))
    if found is None:
        return report
    chosen, changes = found
    for start in range(0, len(chosen), _BATCH):
        if not keep_going():
            break
        batch = chosen[start : start + _BATCH]
        unit(partial(_plan_batch, batch, changes, report, zone=zone, render=render, dry_run=dry_run))
    return report


def _what_to_plan(
    *, cutoff: datetime, zone: ZoneInfo, due_only: bool, session: Session
) -> tuple[list[tuple[store.Schedule, bool]], _Changes] | None:
    """The subscribers to plan (each with whether they are due) and the catalog changes since the earliest cursor."""
    chosen = [
        (subscriber, due)
        for subscriber in store.subscribers_to_plan(session=session)
        if subscriber.cursor < cutoff and ((due := is_due(subscriber, cutoff, zone)) or not due_only)
    ]
    if not chosen:
        return None
    earliest = min(subscriber.cursor for subscriber, _ in chosen)
    changes = _Changes(
        catalog.products_changed(session=session, after=earliest, until=cutoff),
        catalog.desks_added(session=session, after=earliest, until=cutoff),
        {sector.key: sector for sector in catalog.sectors(session=session)},
    )
    return chosen, changes


def _plan_batch(
    batch: list[tuple[store.Schedule, bool]],
    changes: _Changes,
    report: PlanReport,
    session: Session,
    *,
    zone: ZoneInfo,
    render: Callable[[DigestContent], Messages],
    dry_run: bool,
) -> None:
    """Plan one batch of subscribers: one read of their interests, one INSERT of their digests (none in a dry run)."""
    cutoff, latest = report.cutoff, changes.latest
    user_ids = [subscriber.user_id for subscriber, _ in batch]
    interests, standing = store.interests(user_ids, session=session)
    watched = store.watched(user_ids, session=session)
    languages = user_store.languages(user_ids, session=session)
    rows: list[dict[str, Any]] = []
    planned: dict[int, PlannedDigest] = {}
    handled: list[int] = []
    reopened: dict[int, tuple[str, ...]] = {}
    for subscriber, due in batch:
        report.evaluated += 1
        selection, encoded = None, ""
        if latest is not None and latest > subscriber.cursor:
            selection, encoded = changes.select(
                since=subscriber.cursor, cutoff=cutoff, sectors=interests[subscriber.user_id], alerts=standing[subscriber.user_id],
                watches=watched[subscriber.user_id],
            )
        if selection is None or not selection.count:
            report.nothing_new += 1
            # Moving the cursor marks a scheduled slot as handled, and keeps an instant subscriber's
            # window (and so each round's reading of the catalog) short when changes miss them.
            if due and (selection is not None or subscriber.frequency != Frequency.INSTANT):
                handled.append(subscriber.user_id)
            continue
        trigger = subscriber.frequency.value if due else MANUAL
        language = languages.get(subscriber.user_id, "en")
        codes = [code for code, _, _ in selection.items] + list(selection.desks)
        messages: Messages = []
        if dry_run:
            content = arrange(selection, user_id=subscriber.user_id, language=language, since=subscriber.cursor,
                              cutoff=cutoff, zone=zone, products=changes.by_code, desks=changes.desks_by_code, sectors=changes.sectors)
            codes, messages = content.codes(), render(content)
        period = period_key(subscriber.cursor)
        if selection.reopened:
            reopened[subscriber.user_id] = selection.reopened
        planned[subscriber.user_id] = PlannedDigest(subscriber.user_id, language, trigger, period, codes, messages)
        rows.append(outbox.row(user_id=subscriber.user_id, period=period, since=subscriber.cursor, cutoff=cutoff,
                               trigger=trigger, items=selection.count, content=encoded))  # fmt: skip
    if dry_run:
        report.planned += planned.values()
        return
    added = outbox.add_many(rows, session=session)
    # Told once: a watched listing's reopening is in a planned digest now, so the watch goes (in the same step).
    for user_id in added:
        if user_id in reopened:
            store.drop_watches(user_id, reopened[user_id], session=session)
    report.planned += [digest for user_id, digest in planned.items() if user_id in added]
    report.already_planned += len(planned) - len(added)
    store.advance_cursors(handled, cutoff, session=session)


# ------------------------------------------------------------------------------------ delivery


@dataclass(frozen=True, slots=True)
class Claimed:
    """A digest a sender holds: where it goes, its messages and how many already went out."""

    id: int
    user_id: int
    messages: Messages
    sent_count: int
    message_ids: list[int]


def claim(
    digest_id: int,
    token: str,
    *,
    unit: UnitOfWork,
    now: datetime,
    lease: timedelta,
    zone: ZoneInfo,
    render: Callable[[DigestContent], Messages],
    render_notice: Callable[[Notice], Messages] | None = None,
) -> Claimed | None:
    """Claim a digest for sending; None if another sender has it or it is done.

    The first claim renders the planned selection and stores the messages before anything is sent, so
    every later claim (after a crash or a hand-back) sends exactly those messages and ``sent_count``
    keeps meaning the same thing. A selection whose listings and desks are all gone is settled as sent
    with no messages. Two steps through ``unit``: the claim, then the rendering, so that SQLite's one
    write lock is not held while rendering. A standing request's notice (see :mod:`bot.services.requests`) is
    rendered by ``render_notice``, and settled with no messages when its listing no longer answers.
    """
    digest = unit(lambda session: outbox.claim(digest_id, token, session=session, now=now, lease=lease))
    if digest is None or digest.id is None:
        return None
    if digest.messages:
        messages: Messages = json.loads(digest.messages)
    else:
        rendered = unit(partial(_render_claimed, digest, token, now=now, zone=zone, render=render, render_notice=render_notice))
        if rendered is None:
            return None
        messages = rendered
    ids = [int(part) for part in digest.message_ids.split(";") if part]
    return Claimed(digest.id, digest.user_id, messages, digest.sent_count, ids)


def _render_claimed(
    digest: Digest, token: str, session: Session, *, now: datetime, zone: ZoneInfo, render: Callable[[DigestContent], Messages],
    render_notice: Callable[[Notice], Messages] | None,
) -> Messages | None:
    """Render a freshly claimed digest and store its messages; None when there is nothing to send after all."""
    assert digest.id is not None
    if requests.is_notice(digest):
        if render_notice is None:
            raise ValueError("a standing request's notice needs render_notice")
        notice = requests.notice(digest, session=session)
        messages = render_notice(notice) if notice is not None else []
    else:
        content = _content(digest, zone=zone, session=session)
        messages = render(content) if content.count else []
    if not outbox.store_messages(digest.id, token, json.dumps(messages, ensure_ascii=False), session=session):
        return None  # the lease ran out meanwhile and another sender has it
    if not messages:
        outbox.record_sent_message(digest.id, token, session=session, now=now, sent_count=0, message_ids=[], done=True)
        if not requests.is_notice(digest):
            store.advance_cursor(digest.user_id, digest.cutoff, session=session)
        return None
    return messages


def _content(digest: Digest, *, zone: ZoneInfo, session: Session) -> DigestContent:
    """The planned digest with the catalog's listings and desks as they are now, in the user's language now."""
    selection = Selection.from_json(digest.content)
    codes = [code for code, _, _ in selection.items]
    products = catalog.products_by_code(codes, session=session)
    desks = catalog.desks_by_code(selection.desks, session=session)
    sectors = {sector.key: sector for sector in catalog.sectors(session=session)}
    language = user_store.languages([digest.user_id], session=session).get(digest.user_id, "en")
    return arrange(selection, user_id=digest.user_id, language=language, since=digest.since, cutoff=digest.cutoff, zone=zone,
                   products=products, desks=desks, sectors=sectors)  # fmt: skip


def record_progress(claimed: Claimed, token: str, message_ids: list[int], *, session: Session, now: datetime) -> bool:
    """Record the messages delivered so far; after the last one the digest is sent and the cursor moves.

    False when another sender took the digest over (this one's lease ran out).
    """
    done = len(message_ids) == len(claimed.messages)
    mine = outbox.record_sent_message(
        claimed.id, token, session=session, now=now, sent_count=len(message_ids), message_ids=message_ids, done=done
    )
    if mine and done:
        digest = outbox.get(claimed.id, session=session)
        assert digest is not None
        if requests.is_notice(digest):
            requests.told(digest, session=session, now=now)
        else:
            store.advance_cursor(claimed.user_id, digest.cutoff, session=session)
    return mine


def give_up_blocked(claimed: Claimed, token: str, error: str, *, session: Session) -> None:
    """The user blocked the bot (or is gone): the digest fails and the subscriber is stopped."""
    if outbox.fail(claimed.id, token, session=session, error=error):
        store.stop(claimed.user_id, STOPPED_BLOCKED, session=session)


def give_up_undeliverable(claimed: Claimed, token: str, error: str, *, session: Session) -> None:
    """Telegram refuses this digest for good: it fails and the cursor moves past it, so the next one can come."""
    if outbox.fail(claimed.id, token, session=session, error=error):
        digest = outbox.get(claimed.id, session=session)
        assert digest is not None
        if not requests.is_notice(digest):
            store.advance_cursor(claimed.user_id, digest.cutoff, session=session)


def release(claimed: Claimed, token: str, error: str, *, session: Session) -> None:
    """Leave the digest for the next round."""
    outbox.release(claimed.id, token, session=session, error=error)
