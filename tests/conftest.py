"""Fixtures shared by every test: databases (SQLite always, PostgreSQL when configured) and a seeded catalog."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, SQLModel

from bot.services import catalog
from bot.store import schema
from bot.store.db import make_engine

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _postgres_or_skip() -> str:
    """The PostgreSQL URL to test against; skipping is only allowed outside CI."""
    if not POSTGRES_URL:
        if IN_CI:
            pytest.fail("CI=true but TEST_DATABASE_URL is not set: the PostgreSQL half of the suite would be skipped")
        pytest.skip("TEST_DATABASE_URL is not set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    return POSTGRES_URL


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked postgres_only (several processes on one database) run only in their PostgreSQL variant."""
    dropped = [
        item
        for item in items
        if item.get_closest_marker("postgres_only") is not None
        and getattr(item, "callspec", None) is not None
        and item.callspec.params.get("database_url") == "sqlite"  # type: ignore[attr-defined]
    ]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]




def reset_postgres(engine: Engine) -> None:
    """Drop every table matchbot owns, and Alembic's version table, so each test starts from an empty database."""
    SQLModel.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def fresh_database(kind: str, folder: Path) -> str:
    """The URL of an empty database: a new SQLite file in ``folder``, or the emptied PostgreSQL test database."""
    if kind == "sqlite":
        return f"sqlite:///{folder / 'matchbot.db'}"
    url = _postgres_or_skip()
    engine = make_engine(url)
    reset_postgres(engine)
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: an SQLite file, then the PostgreSQL test database."""
    return fresh_database(request.param, tmp_path)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a fresh database, migrated to the current schema."""
    engine = make_engine(database_url)
    schema.upgrade(engine)
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
