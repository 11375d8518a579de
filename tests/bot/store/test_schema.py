"""Migrations build exactly the tables the models describe, and entry points respect the schema version."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine
from sqlmodel import SQLModel

from bot.store import schema
from bot.store.db import make_engine


def test_models_and_migrations_agree(engine: Engine) -> None:
    """What autogenerate would write after the shipped migrations: nothing."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_a_fresh_database_knows_the_contract_sectors(engine: Engine) -> None:
    """Migration 0004 loads the sectors of seed_data/sectors.csv: imports need them before any seed."""
    import seed_data
    from sqlmodel import Session

    from bot.services.catalog_csv import parse_sectors
    from bot.store import catalog as store

    shipped = parse_sectors(seed_data.files().joinpath("sectors.csv").read_text(encoding="utf-8"))
    with Session(engine) as session:
        stored = [sector.model_dump() for sector in store.sectors(session=session)]
        assert stored == sorted(shipped, key=lambda row: row["key"])
        assert len(stored) == 15 and store.desks(session=session) == [] and store.count_products(session=session) == 0


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


def _upgrade_to(engine: Engine, revision: str) -> None:
    from alembic import command

    config = schema._config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_upgrading_a_database_that_holds_a_catalog(database_url: str) -> None:
    """Migrations that add NOT NULL columns must work on a populated database, not only an empty one."""
    from sqlmodel import Session, select

    from bot.services import catalog
    from bot.store.models import Desk, Product, Sector

    engine = make_engine(database_url)
    try:
        _upgrade_to(engine, "0001")
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO sector (key, name_en, name_fa, aliases) VALUES ('oil_gas', 'Oil & gas', 'نفت و گاز', '')"
            )
            connection.exec_driver_sql(
                "INSERT INTO product (code, name_en, name_fa, aliases, hs_code, sector, status, description, companies,"
                " source, created_at, updated_at) VALUES ('OLD-1', 'Pump', 'پمپ', '', '841370', 'oil_gas', 'open', '', '',"
                " '', '2026-01-01 00:00:00+00:00', '2026-02-01 00:00:00+00:00')"
            )
            connection.exec_driver_sql(
                "INSERT INTO desk (code, sector, name_en, name_fa, contact, description, active, source, created_at, updated_at)"
                " VALUES ('DESK-OLD', 'oil_gas', 'Old desk', 'میز قدیمی', '', 'An English line.', true, '',"
                " '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')"
            )
        schema.upgrade(engine)
        assert schema.is_current(engine)
        with Session(engine) as session:
            product = session.exec(select(Product)).one()
            assert product.listing_changed_at == product.updated_at
            assert product.description_fa == ""
            desk = session.exec(select(Desk)).one()
            assert (desk.description, desk.description_fa) == ("An English line.", "")  # 0009: empty until written
            # The sector the database held is kept as it was; the missing ones are added.
            kept = session.get(Sector, "oil_gas")
            assert kept is not None and kept.aliases == ""
            assert len(session.exec(select(Sector)).all()) == 15
            catalog.seed(session=session)
    finally:
        engine.dispose()


def _listing_and_users(connection: Connection, *users: int) -> None:
    """A listing OLD-1 and ``users`` as the schema of revisions 0008 to 0019 holds them."""
    connection.exec_driver_sql(
        "INSERT INTO product (code, name_en, name_fa, aliases, hs_code, sector, status, description, description_fa,"
        " companies, source, created_at, updated_at, listing_changed_at) VALUES ('OLD-1', 'Pump', 'پمپ', '', '841370',"
        " 'oil_gas', 'open', '', '', '', '', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00',"
        " '2026-01-01 00:00:00+00:00')"
    )
    for user in users:
        connection.exec_driver_sql(f"INSERT INTO \"user\" (id, first_name, language, created_at, last_seen_at) VALUES"
                                   f" ({user}, 'A', 'en', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')")


def test_migration_0013_backfills_the_due_dates_of_existing_leads(database_url: str) -> None:
    """Leads written before the response clock get the due date the default clock gives them: 3 working days."""
    from datetime import date
    from zoneinfo import ZoneInfo

    from sqlmodel import Session, select

    from bot.store.models import AdminGrant, Desk, Lead

    engine = make_engine(database_url)
    try:
        _upgrade_to(engine, "0008")
        with engine.begin() as connection:
            _listing_and_users(connection, 7)
            # Wednesday 2026-12-09, 22:00 in Tehran (18:30 UTC): Thursday and Friday are off.
            connection.exec_driver_sql("INSERT INTO lead (user_id, product_code, note, status, created_at, updated_at) VALUES"
                                       " (7, 'OLD-1', '', 'new', '2026-12-09 18:30:00+00:00', '2026-12-09 18:30:00+00:00')")
            connection.exec_driver_sql("INSERT INTO admingrant (user_id, granted_by, granted_at) VALUES (8, 7, '2026-01-01 00:00:00+00:00')")
        schema.upgrade(engine)
        with Session(engine) as session:
            lead = session.exec(select(Lead)).one()
            assert lead.due_at is not None and lead.reminded_on is None
            assert lead.due_at.astimezone(ZoneInfo("Asia/Tehran")).date() == date(2026, 12, 14)  # Saturday, Sunday, Monday
            grant = session.get(AdminGrant, 8)
            assert grant is not None and grant.desks == ""
            assert all(desk.response_days == 3 for desk in session.exec(select(Desk)))
    finally:
        engine.dispose()


def test_migration_0020_keeps_each_lead_note_as_its_first_note(database_url: str) -> None:
    """A lead's one note (before lead notes accumulated) becomes its first note, dated when the lead was updated."""
    from datetime import UTC, datetime

    from sqlmodel import Session, select

    from bot.store.models import LeadNote

    engine = make_engine(database_url)
    try:
        _upgrade_to(engine, "0019")
        with engine.begin() as connection:
            _listing_and_users(connection, 7, 8)
            connection.exec_driver_sql("INSERT INTO lead (user_id, product_code, note, status, created_at, updated_at) VALUES"
                                       " (7, 'OLD-1', 'Example Co, 0913', 'new', '2026-12-09 18:30:00+00:00', '2026-12-10 08:00:00+00:00'),"
                                       " (8, 'OLD-1', '', 'new', '2026-12-09 18:30:00+00:00', '2026-12-09 18:30:00+00:00')")
        schema.upgrade(engine)
        with Session(engine) as session:
            (note,) = session.exec(select(LeadNote)).all()
            assert (note.text, note.created_at) == ("Example Co, 0913", datetime(2026, 12, 10, 8, 0, tzinfo=UTC))
    finally:
        engine.dispose()
