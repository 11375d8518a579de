"""Migrations build exactly the tables the models describe, and entry points respect the schema version."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine
from sqlmodel import SQLModel

from bot.store import schema
from bot.store.db import make_engine


def test_models_and_migrations_agree(engine: Engine) -> None:
    """What autogenerate would write after the shipped migrations: nothing."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_upgrade_is_idempotent(engine: Engine) -> None:
    head = schema.head_revision(engine)
    assert schema.current_revision(engine) == head
    assert schema.upgrade(engine) == (head, head)
    assert schema.is_current(engine)


def test_an_empty_database_is_refused_unless_auto_migrate(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with pytest.raises(schema.SchemaOutdated, match=r"schema is empty.*run `matchbot migrate` \(or set AUTO_MIGRATE=1\)"):
            schema.ensure_current(engine, auto_migrate=False)
        schema.ensure_current(engine, auto_migrate=True)
        assert schema.is_current(engine)
    finally:
        engine.dispose()
