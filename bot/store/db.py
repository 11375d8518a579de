"""Engines and sessions for SQLite (the default) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy import Engine, Table, event
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, create_engine

from . import models  # noqa: F401  (registers every table on SQLModel.metadata)

T = TypeVar("T")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on, WAL so readers do not block the writer, and a wait instead of 'database is locked'."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create the engine for ``DATABASE_URL``; the caller disposes of it."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def insert_ignore(session: Session, table: Table, values: Mapping[str, Any], *, conflict: Sequence[str]) -> bool:
    """Insert one row unless a row with the same ``conflict`` columns exists; True if it was inserted.

    Unlike catching an integrity error, this leaves a PostgreSQL transaction usable, and two
    processes inserting the same row at once both succeed, one of them without effect.
    """
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else postgresql_insert
    statement = insert(table).values(dict(values)).on_conflict_do_nothing(index_elements=list(conflict))
    # RETURNING tells inserted from skipped on both databases (row counts are not reliable here).
    key = list(table.primary_key.columns)[0]
    return session.connection().execute(statement.returning(key)).first() is not None


class UnitOfWork(Protocol):
    """Runs one step as one transaction: the step gets a session, committed when it returns, rolled back if it raises.

    Work made of several transactions (a digest round's planning, a claim rendered outside the claim's
    transaction) takes a unit of work and runs each step through it; the steps themselves never commit.
    """

    def __call__(self, step: Callable[[Session], T], /) -> T: ...


def units_of(engine: Engine) -> UnitOfWork:
    """Each step in a session of its own (objects stay readable after the commit)."""

    def run(step: Callable[[Session], T], /) -> T:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            return step(session)

    return run


def units_in(session: Session) -> UnitOfWork:
    """Every step in ``session``, one transaction each (a caller that already holds a session: tests, benchmarks)."""

    def run(step: Callable[[Session], T], /) -> T:
        try:
            result = step(session)
        except BaseException:
            session.rollback()
            raise
        session.commit()
        return result

    return run
