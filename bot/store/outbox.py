"""The digest outbox: adding rendered digests, claiming them atomically, recording delivery.

Claims are conditional UPDATEs (``... WHERE id = :id AND status = 'pending'``) whose row count says
who won: on PostgreSQL a second claimer waits for the first one's commit and then no longer matches;
SQLite serialises writers. A claim is a lease: a sender renews it before every message, and a row
claimed longer ago than the lease is taken as abandoned by a crashed sender and may be claimed again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, delete, or_, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from .models import Digest, DigestStatus, utcnow
from .requests import TRIGGER as NOTICE

ERROR_LENGTH = 500
_TABLE: Table = Digest.__table__  # type: ignore[attr-defined]
_KEY = ["user_id", "period"]


def row(*, user_id: int, period: str, since: datetime, cutoff: datetime, trigger: str, items: int, content: str = "", messages: str = "") -> dict[str, Any]:
    """The values of a new pending digest (``messages`` empty: rendered when first claimed)."""
    return {
        "user_id": user_id,
        "period": period,
        "since": since,
        "cutoff": cutoff,
        "trigger": trigger,
        "items": items,
        "content": content,
        "messages": messages,
        "status": DigestStatus.PENDING,
        "sent_count": 0,
        "message_ids": "",
        "attempts": 0,
        "last_error": "",
        "created_at": utcnow(),
    }


def get(digest_id: int, *, session: Session) -> Digest | None:
    """One outbox row by its id."""
    return session.get(Digest, digest_id)


def add(*, session: Session, **values: Any) -> bool:
    """Add one pending digest (the values of :func:`row`) unless one for its user and period exists; True if added."""
    return bool(add_many([row(**values)], session=session))


def add_many(rows: Sequence[dict[str, Any]], *, session: Session) -> set[int]:
    """Add pending digests in one statement, skipping any whose (user, period) exists; the users whose digest was added.

    ``ON CONFLICT DO NOTHING`` on the unique (user, period): two rounds planning the same period at
    once both succeed, and only one row exists, without the error a plain INSERT would raise.
    """
    if not rows:
        return set()
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement = insert(_TABLE).on_conflict_do_nothing(index_elements=_KEY).returning(_TABLE.c.user_id)
    # A list of parameters: SQLAlchemy's "insertmanyvalues" sends multi-row INSERTs from one compiled
    # statement (compiling a VALUES clause of a thousand rows cost more than the rest of planning).
    return set(session.connection().execute(statement, list(rows)).scalars())


def _claimable(now: datetime, lease: timedelta) -> ColumnElement[bool]:
    return or_(
        col(Digest.status) == DigestStatus.PENDING,
        and_(col(Digest.status) == DigestStatus.SENDING, col(Digest.claimed_at) < now - lease),
    )


def claimable_ids(*, session: Session, after_id: int, now: datetime, lease: timedelta, limit: int) -> list[int]:
    """Ids above ``after_id`` of pending digests and of abandoned claims, in id order."""
    query = select(Digest.id).where(col(Digest.id) > after_id, _claimable(now, lease))
    return [digest_id for digest_id in session.exec(query.order_by(col(Digest.id)).limit(limit)) if digest_id is not None]


def pending(*, session: Session, now: datetime, lease: timedelta) -> list[Digest]:
    """Every digest a round would send now (pending or abandoned), in id order."""
    return list(session.exec(select(Digest).where(_claimable(now, lease)).order_by(col(Digest.id))))


def claim(digest_id: int, token: str, *, session: Session, now: datetime, lease: timedelta) -> Digest | None:
    """Claim the digest for the sender ``token``; None if it is not (or no longer) claimable."""
    statement = (
        update(Digest)
        .where(col(Digest.id) == digest_id, _claimable(now, lease))
        .values(status=DigestStatus.SENDING, claimed_by=token, claimed_at=now)
    )
    if session.connection().execute(statement).rowcount != 1:
        return None
    digest = session.get(Digest, digest_id)
    if digest is not None:
        session.refresh(digest)
    return digest


def _mine(digest_id: int, token: str) -> ColumnElement[bool]:
    return and_(col(Digest.id) == digest_id, col(Digest.status) == DigestStatus.SENDING, col(Digest.claimed_by) == token)


def store_messages(digest_id: int, token: str, messages: str, *, session: Session) -> bool:
    """Store the digest's rendered messages, once: they never change after, so ``sent_count`` stays meaningful."""
    statement = update(Digest).where(_mine(digest_id, token), col(Digest.messages) == "").values(messages=messages)
    return session.connection().execute(statement).rowcount == 1


def renew(digest_id: int, token: str, *, session: Session, now: datetime) -> bool:
    """Extend the sender's claim; False if another sender took the digest over."""
    statement = update(Digest).where(_mine(digest_id, token)).values(claimed_at=now)
    return session.connection().execute(statement).rowcount == 1


def record_sent_message(
    digest_id: int, token: str, *, session: Session, now: datetime, sent_count: int, message_ids: Sequence[int], done: bool
) -> bool:
    """Record that the first ``sent_count`` messages went out (``done``: all of them); False if not ours."""
    values: dict[str, object] = {
        "sent_count": sent_count,
        "message_ids": ";".join(map(str, message_ids)),
        "claimed_at": now,
    }
    if done:
        values.update(status=DigestStatus.SENT, sent_at=now, claimed_by=None, claimed_at=None)
    return session.connection().execute(update(Digest).where(_mine(digest_id, token)).values(**values)).rowcount == 1


def release(digest_id: int, token: str, *, session: Session, error: str) -> bool:
    """Give the digest back for a later round (after transient failures), counting the attempt."""
    return _unclaim(digest_id, token, DigestStatus.PENDING, session=session, error=error)


def fail(digest_id: int, token: str, *, session: Session, error: str) -> bool:
    """Give up on the digest for good (the user blocked the bot, or Telegram refuses the message)."""
    return _unclaim(digest_id, token, DigestStatus.FAILED, session=session, error=error)


def _unclaim(digest_id: int, token: str, status: DigestStatus, *, session: Session, error: str) -> bool:
    """Leave the digest in ``status``, unclaimed, counting the attempt; False if the claim is no longer ours."""
    statement = (
        update(Digest)
        .where(_mine(digest_id, token))
        .values(status=status, claimed_by=None, claimed_at=None, attempts=col(Digest.attempts) + 1, last_error=error[:ERROR_LENGTH])
    )
    return session.connection().execute(statement).rowcount == 1


def drop_pending(user_id: int, *, session: Session) -> int:
    """Delete the user's digests that no sender has claimed yet (on pause or unsubscribe).

    A standing request's notice stays: it was asked for on its own, not by subscribing.
    """
    statement = delete(Digest).where(
        col(Digest.user_id) == user_id, col(Digest.status) == DigestStatus.PENDING, col(Digest.trigger) != NOTICE
    )
    return session.connection().execute(statement).rowcount


def digests(*, session: Session, user_id: int | None = None) -> list[Digest]:
    """Digests in id order, optionally of one user."""
    query = select(Digest).order_by(col(Digest.id))
    if user_id is not None:
        query = query.where(Digest.user_id == user_id)
    return list(session.exec(query))
