"""Subscriptions: sectors, keyword alerts, watched listings, frequency, pause, resume and unsubscribe.

Every change is validated first and written in the caller's one transaction. Functions return plain
data for the renderers and never touch Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.store import catalog, outbox
from bot.store import searches as search_store
from bot.store import subscriptions as store
from bot.store.models import FINISHED_STATUSES, Alert, Frequency, ListingWatch, Product, Sector, SectorSubscription, Subscriber, join_list, utcnow
from matching import normalize

from .inputs import clean_text

ALERT_MAX_LENGTH = 100
ALERT_LIMIT = 20
EXCLUDE_LIMIT = 10
STOPPED_UNSUBSCRIBED = "unsubscribed"
STOPPED_BLOCKED = "blocked"


class Refusal(StrEnum):
    """Why a subscription request cannot be carried out (the presentation words it)."""

    ALERT_TOO_LONG = "alert_too_long"
    ALERT_EMPTY = "alert_empty"
    TOO_MANY_EXCLUSIONS = "too_many_exclusions"
    TOO_MANY_ALERTS = "too_many_alerts"
    NO_SECTOR = "no_sector"
    STALE = "stale"
    """The choice no longer holds (a sector gone since the keyboard was sent)."""


class SubscriptionError(ValueError):
    """A request that cannot be carried out: ``refusal`` says why, ``values`` what the words need."""

    def __init__(self, refusal: Refusal, **values: object) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal
        self.values = values


@dataclass(frozen=True, slots=True)
class AlertQuery:
    """An alert as typed, split into what to look for and the words that exclude a listing."""

    query: str
    exclude: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything /mysubs shows: the subscriber (None if they never subscribed), sectors, alerts, and the listings
    they wait to see reopen (with each listing, None if it is gone)."""

    subscriber: Subscriber | None
    sectors: list[tuple[SectorSubscription, Sector | None]]
    alerts: list[Alert]
    watches: list[tuple[ListingWatch, Product | None]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.sectors and not self.alerts and not self.watches


@dataclass(frozen=True, slots=True)
class AlertOutcome:
    """A saved (or already existing) alert and the subscriber whose digests will carry it."""

    alert: Alert
    created: bool
    subscriber: Subscriber


@dataclass(frozen=True, slots=True)
class WatchOutcome:
    """A watch of a closed or awarded listing (new, or already there) and the subscriber whose digest will tell of
    its reopening."""

    product: Product
    created: bool
    subscriber: Subscriber


def parse_alert(text: str) -> AlertQuery:
    """``valve -ball -"check"`` → look for "valve", exclude listings named with "ball" or "check"."""
    text = " ".join(clean_text(text).split())
    if len(text) > ALERT_MAX_LENGTH:
        raise SubscriptionError(Refusal.ALERT_TOO_LONG, limit=ALERT_MAX_LENGTH)
    include, exclude = [], []
    for word in text.split():
        if word.startswith("-") and len(word) > 1:
            exclude.extend(normalize(word[1:]).split())
        else:
            include.append(word)
    query = " ".join(include)
    if not normalize(query):
        raise SubscriptionError(Refusal.ALERT_EMPTY)
    unique_exclude = tuple(dict.fromkeys(exclude))
    if len(unique_exclude) > EXCLUDE_LIMIT:
        raise SubscriptionError(Refusal.TOO_MANY_EXCLUSIONS, limit=EXCLUDE_LIMIT)
    return AlertQuery(query=query, exclude=unique_exclude)


def excluded(exclude: tuple[str, ...] | list[str], names: str) -> bool:
    """Whether normalized ``names`` contain an excluded word or its plural ("ball" also drops "balls")."""
    if not exclude:
        return False
    words = set(normalize(names).split())
    return any(word in words or f"{word}s" in words or f"{word}es" in words or f"{word}ها" in words for word in exclude)


def _ensure_subscriber(user_id: int, *, session: Session, now: datetime) -> Subscriber:
    """The user's subscriber row, created or reactivated; a restarted subscription starts from now."""
    subscriber = store.get_subscriber(user_id, session=session)
    if subscriber is None:
        subscriber = Subscriber(user_id=user_id, cursor=now, created_at=now, updated_at=now)
    elif not subscriber.active:
        subscriber.active, subscriber.stopped_reason, subscriber.paused = True, "", False
        subscriber.cursor, subscriber.updated_at = now, now
    session.add(subscriber)
    session.flush()
    return subscriber


def subscribe(
    user_id: int,
    sectors: list[str],
    frequency: Frequency,
    *,
    session: Session,
    weekday: int = 5,
    hour: int = 9,
    now: datetime | None = None,
) -> Overview:
    """Set the user's sectors and schedule in one go (from the /subscribe keyboards)."""
    known = catalog.sector_keys(session=session)
    if not set(sectors) <= known:
        raise SubscriptionError(Refusal.STALE)
    if not 0 <= weekday <= 6 or not 0 <= hour <= 23:
        raise SubscriptionError(Refusal.STALE)
    if not sectors and not store.alerts(user_id, session=session) and not store.watches(user_id, session=session):
        raise SubscriptionError(Refusal.NO_SECTOR)
    subscriber = _ensure_subscriber(user_id, session=session, now=now or utcnow())
    subscriber.frequency, subscriber.weekday, subscriber.hour = frequency, weekday, hour
    subscriber.paused, subscriber.updated_at = False, now or utcnow()
    session.add(subscriber)
    store.replace_sectors(user_id, sectors, session=session)
    return overview(user_id, session=session)


def sector_choices(*, session: Session) -> list[Sector]:
    """The sectors the /subscribe keyboard offers, in key order (the order its bit set follows)."""
    return catalog.sectors(session=session)


def subscribed_sectors(user_id: int, *, session: Session) -> list[str]:
    """The keys of the user's sectors (muted or not), to pre-tick the /subscribe keyboard."""
    return [item.sector for item in store.sector_subscriptions(user_id, session=session)]


def add_alert(user_id: int, text: str, *, session: Session, now: datetime | None = None) -> AlertOutcome:
    """Save a standing query for the user (subscribing them with the defaults if they were not)."""
    parsed = parse_alert(text)
    existing = store.alerts(user_id, session=session)
    wanted = (normalize(parsed.query), join_list(list(parsed.exclude)))
    for alert in existing:
        if (normalize(alert.query), alert.exclude) == wanted:
            return AlertOutcome(alert=alert, created=False, subscriber=_ensure_subscriber(user_id, session=session, now=now or utcnow()))
    if len(existing) >= ALERT_LIMIT:
        raise SubscriptionError(Refusal.TOO_MANY_ALERTS, limit=ALERT_LIMIT)
    subscriber = _ensure_subscriber(user_id, session=session, now=now or utcnow())
    alert = Alert(user_id=user_id, query=parsed.query, exclude=join_list(list(parsed.exclude)))
    session.add(alert)
    session.flush()
    return AlertOutcome(alert=alert, created=True, subscriber=subscriber)


def alert_from_search(user_id: int, search_id: int, *, session: Session) -> AlertOutcome | None:
    """An alert for the query of an earlier search of this user; None if unknown or someone else's.

    Search ids are sequential, so a forged button could name anyone's search (and echo its query back).
    """
    entry = search_store.get_search(search_id, session=session)
    if entry is None or entry.user_id != user_id:
        return None
    return add_alert(user_id, entry.query[:ALERT_MAX_LENGTH], session=session)


def alert_from_product(user_id: int, code: str, language: str, *, session: Session) -> AlertOutcome | WatchOutcome | None:
    """The bell on a listing's card; None if the listing is unknown.

    On a closed or awarded listing it watches that one listing: the first digest after it takes interest again
    says so, once (see :func:`watch_listing`). On a live one it is an alert for listings like it (its name in the
    user's language).
    """
    product = catalog.get_product(code, session=session)
    if product is None:
        return None
    if product.status in FINISHED_STATUSES:
        return watch_listing(user_id, product, session=session)
    name = product.name_fa if language == "fa" else product.name_en
    # Words after a "-" in a name are part of it, not exclusions.
    return add_alert(user_id, name.replace(" -", " ")[:ALERT_MAX_LENGTH], session=session)


def watch_listing(user_id: int, product: Product, *, session: Session, now: datetime | None = None) -> WatchOutcome:
    """Watch a closed or awarded listing for the user (subscribing them with the defaults if they were not).

    Digests bring it once it is open or in progress again (see bot.services.digests); the watch then goes.
    """
    subscriber = _ensure_subscriber(user_id, session=session, now=now or utcnow())
    if store.get_watch(user_id, product.code, session=session) is not None:
        return WatchOutcome(product, created=False, subscriber=subscriber)
    session.add(ListingWatch(user_id=user_id, product_code=product.code))
    session.flush()
    return WatchOutcome(product, created=True, subscriber=subscriber)


def forget_watch(user_id: int, code: str, *, session: Session) -> Overview | None:
    """Stop waiting for a listing to reopen; None if the user does not watch it (a stale button)."""
    watch = store.get_watch(user_id, code, session=session)
    if watch is None:
        return None
    session.delete(watch)
    session.flush()
    return overview(user_id, session=session)


def overview(user_id: int, *, session: Session) -> Overview:
    """The user's subscription as /mysubs shows it."""
    sectors = [(item, catalog.get_sector(item.sector, session=session)) for item in store.sector_subscriptions(user_id, session=session)]
    watches = store.watches(user_id, session=session)
    products = catalog.products_by_code([watch.product_code for watch in watches], session=session)
    return Overview(store.get_subscriber(user_id, session=session), sectors, store.alerts(user_id, session=session),
                    [(watch, products.get(watch.product_code)) for watch in watches])


def _own_sector(user_id: int, key: str, session: Session) -> SectorSubscription | None:
    return next((s for s in store.sector_subscriptions(user_id, session=session) if s.sector == key), None)


def _own_alert(user_id: int, alert_id: int, session: Session) -> Alert | None:
    alert = store.get_alert(alert_id, session=session)
    return alert if alert is not None and alert.user_id == user_id else None


def _changed(user_id: int, item: SectorSubscription | Alert | None, *, muted: bool | None, session: Session) -> Overview | None:
    """Mute or resume ``item`` (``muted``), or delete it (``None``); the overview after, or None if there is no item."""
    if item is None:
        return None
    if muted is None:
        session.delete(item)
    else:
        item.muted = muted
        session.add(item)
    session.flush()
    return overview(user_id, session=session)


def set_sector_muted(user_id: int, key: str, muted: bool, *, session: Session) -> Overview | None:
    """Mute or resume one sector; None if the user has no such sector (a stale button)."""
    return _changed(user_id, _own_sector(user_id, key, session), muted=muted, session=session)


def delete_sector(user_id: int, key: str, *, session: Session) -> Overview | None:
    """Drop one sector; None if the user has no such sector."""
    return _changed(user_id, _own_sector(user_id, key, session), muted=None, session=session)


def set_alert_muted(user_id: int, alert_id: int, muted: bool, *, session: Session) -> Overview | None:
    """Mute or resume one of the user's alerts; None if it is not theirs or gone."""
    return _changed(user_id, _own_alert(user_id, alert_id, session), muted=muted, session=session)


def delete_alert(user_id: int, alert_id: int, *, session: Session) -> Overview | None:
    """Delete one of the user's alerts; None if it is not theirs or gone."""
    return _changed(user_id, _own_alert(user_id, alert_id, session), muted=None, session=session)


def pause(user_id: int, *, session: Session) -> bool:
    """Stop digests until /resume; digests not yet being sent are dropped. False if not subscribed."""
    subscriber = store.get_subscriber(user_id, session=session)
    if subscriber is None or not subscriber.active:
        return False
    subscriber.paused, subscriber.updated_at = True, utcnow()
    session.add(subscriber)
    outbox.drop_pending(user_id, session=session)
    return True


def resume(user_id: int, *, session: Session, now: datetime | None = None) -> Subscriber | None:
    """Start digests again; None if there is nothing to resume (no sectors, alerts or watched listings).

    After a pause the next digest brings what appeared meanwhile. A subscription stopped because
    the user blocked the bot starts afresh from now.
    """
    if not _has_any(user_id, session):
        return None
    subscriber = _ensure_subscriber(user_id, session=session, now=now or utcnow())
    subscriber.paused, subscriber.updated_at = False, now or utcnow()
    session.add(subscriber)
    return subscriber


def unsubscribe(user_id: int, *, session: Session) -> bool:
    """Stop everything: sectors, alerts and watches are removed, waiting digests dropped. False if nothing to stop."""
    subscriber = store.get_subscriber(user_id, session=session)
    had_any = _has_any(user_id, session)
    if subscriber is None and not had_any:
        return False
    store.delete_all(user_id, session=session)
    outbox.drop_pending(user_id, session=session)
    if subscriber is not None:
        store.stop(user_id, STOPPED_UNSUBSCRIBED, session=session)
    return had_any or (subscriber is not None and subscriber.active)


def _has_any(user_id: int, session: Session) -> bool:
    """Whether the user has anything a digest could bring: a sector, an alert or a watched listing."""
    return bool(store.sector_subscriptions(user_id, session=session) or store.alerts(user_id, session=session)
                or store.watches(user_id, session=session))
