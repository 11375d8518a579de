"""One send rate for every process: slots reserved from a schedule row in the database.

Each sender, in whichever process or replica, reserves the next free slot before a message with one
UPDATE of a :class:`~bot.store.models.SendPace` row (virtual scheduling, as in the generic cell rate
algorithm): the slot is ``max(next_at, now)`` and ``next_at`` moves on by one interval. The row lock
(PostgreSQL) or the database's write lock (SQLite) makes the reservations of all processes a single
sequence, so however many senders there are, their messages start at least one interval apart.

"Now" is the database's clock read inside the statement, after the lock is taken: replicas on hosts
whose clocks disagree still share one schedule, and a sender that waited for the lock does not
reserve a slot in the past (which would let the waiting senders out in a burst).

On SQLite (one host) the schedule lives in a small file beside the database instead, under an
exclusive ``flock``: a write transaction per message on top of the claims and progress records made
SQLite's single write lock the bottleneck, and its busy handler lets a starved writer fail with
"database is locked" after ``busy_timeout``; ``flock`` waiters simply queue. An in-memory SQLite
database (tests) uses the table.
"""

from __future__ import annotations

import fcntl
import os
import struct
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, Table, func, update
from sqlmodel import Session, col

from .db import insert_ignore
from .models import SendPace

_TABLE: Table = SendPace.__table__  # type: ignore[attr-defined]


def _now(session: Session) -> tuple[ColumnElement[Any], bool]:
    """The database's clock in seconds since the epoch, read inside the statement (after its lock is
    taken), and whether the database is PostgreSQL."""
    if session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", func.clock_timestamp()), True
    # SQLite keeps 'now' fixed within a statement, to the millisecond: the same value in SET and RETURNING.
    return (func.julianday("now") - 2440587.5) * 86400.0, False


def _later(current: ColumnElement[Any], other: ColumnElement[Any], *, postgres: bool) -> ColumnElement[Any]:
    return func.greatest(current, other) if postgres else func.max(current, other)


def _schedule_file(session: Session, key: str) -> str | None:
    """The file holding ``key``'s schedule for a file-backed SQLite database; None for PostgreSQL or memory."""
    url = session.connection().engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return f"{url.database}-pace-{key}"


def _move_in_file(path: str, move: Callable[[float, float], float]) -> float:
    """Under an exclusive lock on ``path``, replace the time it holds with ``move(stored, now)``; the new time minus now."""
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        data = os.pread(descriptor, 8, 0)
        stored = struct.unpack("<d", data)[0] if len(data) == 8 else 0.0
        now = time.time()
        moved = move(stored, now)
        os.pwrite(descriptor, struct.pack("<d", moved), 0)
        return moved - now
    finally:
        os.close(descriptor)  # releases the lock


def reserve(key: str, interval: float, *, session: Session) -> float:
    """Reserve the next slot of ``key``'s schedule, one every ``interval`` seconds; seconds to wait for it.

    The caller commits at once: the row stays locked until then.
    """
    path = _schedule_file(session, key)
    if path is not None:
        return max(0.0, _move_in_file(path, lambda stored, now: max(stored, now) + interval) - interval)
    now, postgres = _now(session)
    statement = (
        update(SendPace)
        .where(col(SendPace.key) == key)
        .values(next_at=_later(_TABLE.c.next_at, now, postgres=postgres) + interval)
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
    path = _schedule_file(session, key)
    if path is not None:
        _move_in_file(path, lambda stored, now: max(stored, now + seconds))
        return
    now, postgres = _now(session)
    statement = update(SendPace).where(col(SendPace.key) == key).values(next_at=_later(_TABLE.c.next_at, now + seconds, postgres=postgres))
    if not session.connection().execute(statement).rowcount:
        insert_ignore(session, _TABLE, {"key": key, "next_at": 0.0}, conflict=["key"])
        session.connection().execute(statement)
