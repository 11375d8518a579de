"""Queries over subscribers, their sector subscriptions, keyword alerts and listing watches."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import delete, exists, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from .models import Alert, Digest, DigestStatus, Frequency, ListingWatch, SectorSubscription, Subscriber, utcnow


def get_subscriber(user_id: int, *, session: Session) -> Subscriber | None:
    """The user's subscriber row, if they ever subscribed."""
    return session.get(Subscriber, user_id)


def sector_subscriptions(user_id: int, *, session: Session) -> list[SectorSubscription]:
    """The user's sectors, in key order."""
    query = select(SectorSubscription).where(SectorSubscription.user_id == user_id)
    return list(session.exec(query.order_by(SectorSubscription.sector)))


def alerts(user_id: int, *, session: Session) -> list[Alert]:
    """The user's alerts, oldest first."""
    return list(session.exec(select(Alert).where(Alert.user_id == user_id).order_by(col(Alert.id))))


def watches(user_id: int, *, session: Session) -> list[ListingWatch]:
    """The listings the user waits to hear are open again, oldest first."""
    return list(session.exec(select(ListingWatch).where(ListingWatch.user_id == user_id).order_by(col(ListingWatch.id))))


def get_watch(user_id: int, code: str, *, session: Session) -> ListingWatch | None:
    """The user's watch of one listing, if any."""
    return session.exec(select(ListingWatch).where(ListingWatch.user_id == user_id, ListingWatch.product_code == code)).first()


def watched(user_ids: list[int], *, session: Session) -> dict[int, set[str]]:
    """The codes each of these users watches (planning reads them a thousand users at a time)."""
    found: dict[int, set[str]] = {user_id: set() for user_id in user_ids}
    for start in range(0, len(user_ids), 1000):
        chunk = user_ids[start : start + 1000]
        for user_id, code in session.exec(select(ListingWatch.user_id, ListingWatch.product_code).where(col(ListingWatch.user_id).in_(chunk))):
            found[user_id].add(code)
    return found


def drop_watches(user_id: int, codes: Iterable[str], *, session: Session) -> None:
    """Remove the user's watches of these listings (their reopening is in a planned digest)."""
    wanted = list(codes)
    if wanted:
        session.connection().execute(
            delete(ListingWatch).where(col(ListingWatch.user_id) == user_id, col(ListingWatch.product_code).in_(wanted))
        )


def all_subscribers(*, session: Session) -> dict[int, Subscriber]:
    """Every subscriber row by user id, whatever its state (the subscribers export)."""
    return {subscriber.user_id: subscriber for subscriber in session.exec(select(Subscriber))}


def all_sector_subscriptions(*, session: Session) -> dict[int, list[SectorSubscription]]:
    """Every user's sectors, in key order, by user id."""
    by_user: dict[int, list[SectorSubscription]] = {}
    for item in session.exec(select(SectorSubscription).order_by(col(SectorSubscription.user_id), col(SectorSubscription.sector))):
        by_user.setdefault(item.user_id, []).append(item)
    return by_user


def all_alerts(*, session: Session) -> dict[int, list[Alert]]:
    """Every user's alerts, oldest first, by user id."""
    by_user: dict[int, list[Alert]] = {}
    for item in session.exec(select(Alert).order_by(col(Alert.id))):
        by_user.setdefault(item.user_id, []).append(item)
    return by_user


def get_alert(alert_id: int, *, session: Session) -> Alert | None:
    """An alert by id."""
    return session.get(Alert, alert_id)


def replace_sectors(user_id: int, sectors: Iterable[str], *, session: Session) -> None:
    """Make the user's sectors exactly ``sectors``; kept ones keep their muted state."""
    wanted = set(sectors)
    current = {item.sector: item for item in sector_subscriptions(user_id, session=session)}
    for key, item in current.items():
        if key not in wanted:
            session.delete(item)
    session.add_all(SectorSubscription(user_id=user_id, sector=key) for key in sorted(wanted - set(current)))
    session.flush()


def delete_all(user_id: int, *, session: Session) -> None:
    """Remove the user's sectors, alerts and listing watches."""
    session.connection().execute(delete(SectorSubscription).where(col(SectorSubscription.user_id) == user_id))
    session.connection().execute(delete(Alert).where(col(Alert.user_id) == user_id))
    session.connection().execute(delete(ListingWatch).where(col(ListingWatch.user_id) == user_id))


class Schedule(NamedTuple):
    """What planning reads of a subscriber: plain values, not ORM objects (a round may read 100,000)."""

    user_id: int
    frequency: Frequency
    weekday: int
    hour: int
    cursor: datetime


def subscribers_to_plan(*, session: Session) -> list[Schedule]:
    """Active, unpaused subscribers with no digest still waiting to be sent (it must go first)."""
    unfinished = exists().where(
        col(Digest.user_id) == Subscriber.user_id,
        col(Digest.status).in_([DigestStatus.PENDING, DigestStatus.SENDING]),
    )
    # SQLAlchemy's select: sqlmodel's takes at most four columns.
    query = sa_select(
        col(Subscriber.user_id), col(Subscriber.frequency), col(Subscriber.weekday), col(Subscriber.hour), col(Subscriber.cursor)
    ).where(col(Subscriber.active).is_(True), col(Subscriber.paused).is_(False), ~unfinished)
    return [Schedule(*row) for row in session.connection().execute(query.order_by(col(Subscriber.user_id)))]


def interests(user_ids: list[int], *, session: Session) -> tuple[dict[int, set[str]], dict[int, list[tuple[str, str]]]]:
    """Unmuted sectors and alerts (query, exclusions) of these users."""
    sectors: dict[int, set[str]] = {user_id: set() for user_id in user_ids}
    standing: dict[int, list[tuple[str, str]]] = {user_id: [] for user_id in user_ids}
    for start in range(0, len(user_ids), 1000):
        chunk = user_ids[start : start + 1000]
        rows = session.exec(
            select(SectorSubscription.user_id, SectorSubscription.sector).where(
                col(SectorSubscription.user_id).in_(chunk), col(SectorSubscription.muted).is_(False)
            )
        )
        for user_id, sector in rows:
            sectors[user_id].add(sector)
        query = select(Alert.user_id, Alert.query, Alert.exclude).where(col(Alert.user_id).in_(chunk), col(Alert.muted).is_(False))
        for user_id, text, exclude in session.exec(query.order_by(col(Alert.id))):
            standing[user_id].append((text, exclude))
    return sectors, standing


def advance_cursor(user_id: int, to: datetime, *, session: Session) -> None:
    """Move the user's cursor forward to ``to`` (never back: rounds may finish out of order)."""
    session.connection().execute(
        update(Subscriber)
        .where(col(Subscriber.user_id) == user_id, col(Subscriber.cursor) < to)
        .values(cursor=to, updated_at=utcnow())
    )


def advance_cursors(user_ids: Sequence[int], to: datetime, *, session: Session) -> None:
    """:func:`advance_cursor` for many users, a thousand per statement."""
    for start in range(0, len(user_ids), 1000):
        chunk = user_ids[start : start + 1000]
        session.connection().execute(
            update(Subscriber)
            .where(col(Subscriber.user_id).in_(chunk), col(Subscriber.cursor) < to)
            .values(cursor=to, updated_at=utcnow())
        )


def stop(user_id: int, reason: str, *, session: Session) -> None:
    """Mark the subscriber inactive (``unsubscribed`` or ``blocked``)."""
    session.connection().execute(
        update(Subscriber)
        .where(col(Subscriber.user_id) == user_id)
        .values(active=False, stopped_reason=reason, updated_at=utcnow())
    )
