"""Fixtures shared by every test: databases (SQLite always, PostgreSQL when configured) and a seeded catalog."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text
from sqlmodel import Session, SQLModel

from bot.services import catalog
from bot.store.db import create_schema, make_engine

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _postgres_or_skip() -> str:
    """The PostgreSQL URL to test against; skipping is only allowed outside CI."""
    if not POSTGRES_URL:
        if IN_CI:
            pytest.fail("CI=true but TEST_DATABASE_URL is not set: the PostgreSQL half of the suite would be skipped")
        pytest.skip("TEST_DATABASE_URL is not set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    return POSTGRES_URL


_schema_reset: set[str] = set()  # databases whose tables this process dropped once, so any there now are its own


def reset_postgres(engine: Engine) -> None:
    """Empty every table matchbot owns so each test starts from an empty database.

    The first reset of a database in a test run drops the tables (another branch may have left a different
    schema); later ones empty the tables this run created and restart their id sequences, which is many times
    faster than DDL or TRUNCATE for the few hundred rows a test writes.
    """
    url = engine.url.render_as_string(hide_password=False)
    tables = SQLModel.metadata.sorted_tables
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        if url in _schema_reset and {table.name for table in tables} <= set(inspect(connection).get_table_names()):
            for table in reversed(tables):  # children before the rows they refer to
                connection.execute(table.delete())
                for column in table.primary_key.columns:
                    if column.autoincrement is True or (column.autoincrement == "auto" and column.type.python_type is int):
                        sequence = connection.execute(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}).scalar()
                        if sequence:
                            connection.execute(text(f"ALTER SEQUENCE {sequence} RESTART"))
            return
    SQLModel.metadata.drop_all(engine)
    _schema_reset.add(url)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: an SQLite file, then the PostgreSQL test database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'matchbot.db'}"
        return
    url = _postgres_or_skip()
    engine = make_engine(url)
    reset_postgres(engine)
    engine.dispose()
    yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a fresh database with the schema created."""
    engine = make_engine(database_url)
    create_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on a fresh database."""
    with Session(engine) as session:
        yield session


@pytest.fixture
def seeded(session: Session) -> Session:
    """A session on a database holding the seed catalog."""
    catalog.seed(session=session)
    return session
