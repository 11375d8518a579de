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


def reset_postgres(engine: Engine) -> None:
    """Drop every table matchbot owns so each test starts from an empty schema."""
    SQLModel.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


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
