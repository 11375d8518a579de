"""One send rate for every process: slots reserved from a schedule row in the database.

Each sender, in whichever process or replica, reserves the next free slot before a message with one
UPDATE of a :class:`~bot.store.models.SendPace` row (virtual scheduling, as in the generic cell rate
algorithm): the slot is ``max(next_at, now)`` and ``next_at`` moves on by one interval. The row lock
(PostgreSQL) or the database's write lock (SQLite) makes the reservations of all processes a single
sequence, so however many senders there are, their messages start at least one interval apart.

On PostgreSQL "now" is the database server's clock, so replicas on hosts whose clocks disagree still
share one schedule; SQLite is one host, whose clock every process shares.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import ColumnElement, Float, Table, func, literal, update
from sqlmodel import Session, col

from .db import insert_ignore
from .models import SendPace

_TABLE: Table = SendPace.__table__  # type: ignore[attr-defined]


def _now(session: Session) -> tuple[ColumnElement[Any], bool]:
    """The clock for the statement (seconds since the epoch), and whether it is the database server's."""
    if session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", func.clock_timestamp()), True
    return literal(time.time(), Float), False


def _later(current: ColumnElement[Any], other: ColumnElement[Any], *, server: bool) -> ColumnElement[Any]:
    return func.greatest(current, other) if server else func.max(current, other)


def reserve(key: str, interval: float, *, session: Session) -> float:
    """Reserve the next slot of ``key``'s schedule, one every ``interval`` seconds; seconds to wait for it.

    The caller commits at once: the row stays locked until then.
    """
    now, server = _now(session)
    statement = (
        update(SendPace)
        .where(col(SendPace.key) == key)
        .values(next_at=_later(_TABLE.c.next_at, now, server=server) + interval)
        .returning(col(SendPace.next_at), now)
    )
    row = session.connection().execute(statement).first()
    if row is None:
        insert_ignore(session, _TABLE, {"key": key, "next_at": 0.0}, conflict=["key"])
        row = session.connection().execute(statement).first()
        assert row is not None
    next_at, at = float(row[0]), float(row[1])
    return max(0.0, next_at - interval - at)


def hold_off(key: str, seconds: float, *, session: Session) -> None:
    """Move ``key``'s schedule to at least ``seconds`` from now (Telegram asked every sender to wait)."""
    now, server = _now(session)
    statement = update(SendPace).where(col(SendPace.key) == key).values(next_at=_later(_TABLE.c.next_at, now + seconds, server=server))
    if not session.connection().execute(statement).rowcount:
        insert_ignore(session, _TABLE, {"key": key, "next_at": 0.0}, conflict=["key"])
        session.connection().execute(statement)
