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
"""

from __future__ import annotations

import dataclasses

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from bot.store import catalog, outbox
from bot.store import subscriptions as store
from bot.store.models import (
    Alert,
    Desk,
    Digest,
    Frequency,
    Product,
    ProductStatus,
    Sector,
    Subscriber,
    User,
    split_list,
)
from matching import Index

from .search import product_document
from .subscriptions import STOPPED_BLOCKED, excluded

CLOSING_SOON_DAYS = 7
MANUAL = "manual"
_COMMIT_EVERY = 200
_LIVE_STATUSES = (ProductStatus.OPEN, ProductStatus.IN_PROGRESS)

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

    @property
    def count(self) -> int:
        """Listings and desks in the digest."""
        return len(self.closing_soon) + sum(len(items) for _, items in self.sections) + len(self.desks)

    def codes(self) -> list[str]:
        """The codes of everything in the digest, in the order shown."""
        items = self.closing_soon + [item for _, section in self.sections for item in section]
        return [item.product.code for item in items] + [desk.code for desk, _ in self.desks]


@dataclass(frozen=True, slots=True)
class PlannedDigest:
    """A digest the round added to the outbox (or, in a dry run, would add)."""

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


def latest_slot(subscriber: Subscriber, now: datetime, zone: ZoneInfo) -> datetime | None:
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


def is_due(subscriber: Subscriber, now: datetime, zone: ZoneInfo) -> bool:
    """Whether a due-only round should look at the subscriber now."""
    slot = latest_slot(subscriber, now, zone)
    return slot is None or slot > subscriber.cursor


def period_key(cursor: datetime) -> str:
    """The outbox period of a digest starting at ``cursor``: its UTC instant to the microsecond."""
    return cursor.astimezone(UTC).isoformat(timespec="microseconds")


# ------------------------------------------------------------------------------------- content


class _Changes:
    """The catalog changes of one round, and the matching index over them, built once."""

    def __init__(self, products: list[Product], desks: list[Desk], sectors: dict[str, Sector]) -> None:
        self.products = products
        self.desks = desks
        self.sectors = sectors
        self._by_code = {product.code: product for product in products}
        self._index: Index | None = None
        self._hits: dict[tuple[str, str], set[str]] = {}

    @property
    def latest(self) -> datetime | None:
        times = [p.listing_changed_at for p in self.products] + [d.created_at for d in self.desks]
        return max(times, default=None)

    def alert_hits(self, alert: Alert) -> set[str]:
        """Codes of the round's listings the engine confidently finds for the alert, exclusions applied."""
        key = (alert.query, alert.exclude)
        if key not in self._hits:
            if self._index is None:
                self._index = Index(product_document(p, self.sectors.get(p.sector)) for p in self.products)
            words = split_list(alert.exclude)
            found = set()
            for match in self._index.search(alert.query, limit=max(1, len(self.products))):
                product = self._by_code[match.key]
                if not excluded(words, " ".join([product.name_en, product.name_fa, *split_list(product.aliases)])):
                    found.add(match.key)
            self._hits[key] = found
        return self._hits[key]


def _value(item: DigestItem) -> int:
    return item.product.annual_import_usd or 0


def compose(
    subscriber: Subscriber,
    *,
    language: str,
    sectors: set[str],
    alerts: Sequence[Alert],
    changes: _Changes,
    cutoff: datetime,
    zone: ZoneInfo,
) -> DigestContent:
    """The subscriber's digest for (cursor, cutoff]: their sectors' and alerts' listings, and new desks."""
    since = subscriber.cursor
    today = cutoff.astimezone(zone).date()
    hits: dict[str, list[str]] = defaultdict(list)
    for alert in alerts:
        for code in changes.alert_hits(alert):
            hits[code].append(alert.query)
    closing: list[DigestItem] = []
    grouped: dict[str, list[DigestItem]] = defaultdict(list)
    for product in changes.products:
        if not since < product.listing_changed_at <= cutoff:
            continue
        if product.sector not in sectors and product.code not in hits:
            continue
        item = DigestItem(product, is_new=product.created_at > since, alerts=tuple(hits.get(product.code, ())))
        deadline = product.deadline
        if deadline is not None and product.status in _LIVE_STATUSES and today <= deadline <= today + timedelta(days=CLOSING_SOON_DAYS):
            closing.append(item)
        else:
            grouped[product.sector].append(item)
    sections = []
    for key, items in grouped.items():
        sector = changes.sectors.get(key) or Sector(key=key, name_en=key, name_fa=key)
        sections.append((sector, sorted(items, key=lambda i: (-_value(i), i.product.code))))
    sections.sort(key=lambda section: (-max(_value(i) for i in section[1]), section[0].key))
    closing.sort(key=lambda i: (i.product.deadline or today, -_value(i), i.product.code))
    desks = [
        (desk, changes.sectors.get(desk.sector))
        for desk in changes.desks
        if since < desk.created_at <= cutoff and desk.sector in sectors
    ]
    since_day = since.astimezone(zone).date()
    return DigestContent(subscriber.user_id, language, since, cutoff, since_day, today, closing, sections, desks)


# ------------------------------------------------------------------------------------ planning


def plan_round(
    *,
    session: Session,
    now: datetime,
    zone: ZoneInfo,
    due_only: bool,
    render: Callable[[DigestContent], Messages],
    dry_run: bool = False,
) -> PlanReport:
    """Add a digest to the outbox for every subscriber with something new (only the due ones if ``due_only``).

    Commits as it goes; a dry run writes nothing and only reports what it would add.
    """
    if dry_run:
        cutoff = now
    else:
        # Any time up to the moment the lock was taken is a safe cutoff; a later one is not.
        cutoff = min(now, catalog.lock_catalog(session=session))
        session.commit()
    report = PlanReport(cutoff=cutoff)
    chosen = []
    for subscriber in store.subscribers_to_plan(session=session):
        due = is_due(subscriber, cutoff, zone)
        if subscriber.cursor < cutoff and (due or not due_only):
            chosen.append((subscriber, due))
    if not chosen:
        return report
    earliest = min(subscriber.cursor for subscriber, _ in chosen)
    sectors = {sector.key: sector for sector in catalog.sectors(session=session)}
    changes = _Changes(
        catalog.products_changed(session=session, after=earliest, until=cutoff),
        catalog.desks_added(session=session, after=earliest, until=cutoff),
        sectors,
    )
    latest = changes.latest
    user_ids = [subscriber.user_id for subscriber, _ in chosen]
    interests, standing = store.interests(user_ids, session=session)
    languages = _languages(user_ids, session=session)
    for subscriber, due in chosen:
        report.evaluated += 1
        content = None
        if latest is not None and latest > subscriber.cursor:
            content = compose(
                subscriber,
                language=languages.get(subscriber.user_id, "en"),
                sectors=interests[subscriber.user_id],
                alerts=standing[subscriber.user_id],
                changes=changes,
                cutoff=cutoff,
                zone=zone,
            )
        if content is None or not content.count:
            report.nothing_new += 1
            # Moving the cursor marks a scheduled slot as handled, and keeps an instant subscriber's
            # window (and so each round's reading of the catalog) short when changes miss them.
            if not dry_run and due and (content is not None or subscriber.frequency != Frequency.INSTANT):
                store.advance_cursor(subscriber.user_id, cutoff, session=session)
            continue
        trigger = subscriber.frequency.value if due else MANUAL
        planned = PlannedDigest(
            subscriber.user_id, content.language, trigger, period_key(subscriber.cursor), content.codes(), render(content)
        )
        if dry_run:
            report.planned.append(planned)
            continue
        added = outbox.add(
            session=session,
            user_id=subscriber.user_id,
            period=planned.period,
            since=subscriber.cursor,
            cutoff=cutoff,
            trigger=trigger,
            items=content.count,
            messages=json.dumps(planned.messages, ensure_ascii=False),
        )
        if added:
            # The outbox holds the messages now; keeping them here too would hold every digest of a
            # large round in memory at once (about 28 KB each).
            report.planned.append(dataclasses.replace(planned, messages=[]))
        else:
            report.already_planned += 1
        if report.evaluated % _COMMIT_EVERY == 0:
            session.commit()
    if not dry_run:
        session.commit()
    return report


def _languages(user_ids: list[int], *, session: Session) -> dict[int, str]:
    languages: dict[int, str] = {}
    for start in range(0, len(user_ids), 1000):
        chunk = user_ids[start : start + 1000]
        languages.update(session.exec(select(User.id, User.language).where(col(User.id).in_(chunk))).all())
    return languages


# ------------------------------------------------------------------------------------ delivery


@dataclass(frozen=True, slots=True)
class Claimed:
    """A digest a sender holds: where it goes, its messages and how many already went out."""

    id: int
    user_id: int
    messages: Messages
    sent_count: int
    message_ids: list[int]


def claim(digest_id: int, token: str, *, session: Session, now: datetime, lease: timedelta) -> Claimed | None:
    """Claim a digest for sending; None if another sender has it or it is done."""
    digest = outbox.claim(digest_id, token, session=session, now=now, lease=lease)
    if digest is None or digest.id is None:
        return None
    ids = [int(part) for part in digest.message_ids.split(";") if part]
    return Claimed(digest.id, digest.user_id, json.loads(digest.messages), digest.sent_count, ids)


def record_progress(claimed: Claimed, token: str, message_ids: list[int], *, session: Session, now: datetime) -> bool:
    """Record the messages delivered so far; after the last one the digest is sent and the cursor moves.

    False when another sender took the digest over (this one's lease ran out).
    """
    done = len(message_ids) == len(claimed.messages)
    mine = outbox.record_sent_message(
        claimed.id, token, session=session, now=now, sent_count=len(message_ids), message_ids=message_ids, done=done
    )
    if mine and done:
        digest = session.get(Digest, claimed.id)
        assert digest is not None
        store.advance_cursor(claimed.user_id, digest.cutoff, session=session)
    return mine


def give_up_blocked(claimed: Claimed, token: str, error: str, *, session: Session) -> None:
    """The user blocked the bot (or is gone): the digest fails and the subscriber is stopped."""
    if outbox.fail(claimed.id, token, session=session, error=error):
        store.stop(claimed.user_id, STOPPED_BLOCKED, session=session)


def give_up_undeliverable(claimed: Claimed, token: str, error: str, *, session: Session) -> None:
    """Telegram refuses this digest for good: it fails and the cursor moves past it, so the next one can come."""
    if outbox.fail(claimed.id, token, session=session, error=error):
        digest = session.get(Digest, claimed.id)
        assert digest is not None
        store.advance_cursor(claimed.user_id, digest.cutoff, session=session)


def release(claimed: Claimed, token: str, error: str, *, session: Session) -> None:
    """Leave the digest for the next round."""
    outbox.release(claimed.id, token, session=session, error=error)
