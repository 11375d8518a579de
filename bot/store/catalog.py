"""Queries over sectors, desks and products."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, func, insert, update
from sqlmodel import Session, col, select

from .models import Desk, Product, Sector, utcnow


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row an upsert adds or changes: ``before`` is None for a new row, else the stored values that differ."""

    key: str
    before: Mapping[str, Any] | None
    after: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    """How an upsert went: rows added, rows whose values changed, rows already as given; and what changed."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    changes: tuple[RowChange, ...] = field(default=(), compare=False, repr=False)


def sectors(*, session: Session) -> list[Sector]:
    """All sectors in key order."""
    return list(session.exec(select(Sector).order_by(Sector.key)))


def sector_keys(*, session: Session) -> set[str]:
    """The keys of all sectors."""
    return set(session.exec(select(Sector.key)))


def desks(*, session: Session, active_only: bool = False) -> list[Desk]:
    """Desks in code order."""
    query = select(Desk).order_by(Desk.code)
    if active_only:
        query = query.where(col(Desk.active).is_(True))
    return list(session.exec(query))


def desk_sectors(*, session: Session) -> dict[str, str]:
    """Desk code → sector key, for validating imports."""
    return {code: sector for code, sector in session.exec(select(Desk.code, Desk.sector))}


def get_product(code: str, *, session: Session) -> Product | None:
    """The product with this code (case-insensitive), if any."""
    return session.exec(select(Product).where(Product.code == code.upper())).first()


def get_desk(code: str, *, session: Session) -> Desk | None:
    """The desk with this code (case-insensitive), if any."""
    return session.exec(select(Desk).where(Desk.code == code.upper())).first()


def products(*, session: Session, sector: str | None = None, desk: str | None = None) -> list[Product]:
    """Products in code order, optionally of one sector or desk."""
    query = select(Product).order_by(Product.code)
    if sector is not None:
        query = query.where(Product.sector == sector)
    if desk is not None:
        query = query.where(Product.desk == desk)
    return list(session.exec(query))


def count_products(*, session: Session) -> int:
    """How many products there are."""
    return session.exec(select(func.count()).select_from(Product)).one()


def product_counts_by_sector(*, session: Session) -> dict[str, int]:
    """Sector key → number of products."""
    rows = session.exec(select(Product.sector, func.count()).group_by(Product.sector))
    return {sector: count for sector, count in rows}


def _plan(
    model: Any, key: str, rows: Sequence[Mapping[str, Any]], *, session: Session, batch: int = 2000
) -> tuple[UpsertCounts, list[dict[str, Any]], list[dict[str, Any]]]:
    """Compare ``rows`` with what ``model`` stores (matched by the unique column ``key``), reading it once.

    Returns the counts with every change, the rows to insert and the rows to update.
    """
    session.flush()  # the reads below bypass the ORM, so it must have written what it holds
    table = model.__table__
    columns = list(rows[0]) if rows else []
    existing: dict[str, dict[str, Any]] = {}
    wanted = [row[key] for row in rows]
    for start in range(0, len(wanted), batch):
        chunk = wanted[start : start + batch]
        stored = session.connection().execute(
            select(*[table.c[name] for name in columns]).where(table.c[key].in_(chunk))
        )
        for record in stored.mappings():
            existing[record[key]] = dict(record)
    new_rows, changed_rows, changes = [], [], []
    for row in rows:
        before = existing.get(row[key])
        if before is None:
            new_rows.append(dict(row))
            changes.append(RowChange(row[key], None, dict(row)))
            continue
        differ = [name for name in columns if before[name] != row[name]]
        if differ:
            changed_rows.append(dict(row))
            changes.append(RowChange(row[key], {n: before[n] for n in differ}, {n: row[n] for n in differ}))
    counts = UpsertCounts(len(new_rows), len(changed_rows), len(rows) - len(new_rows) - len(changed_rows), tuple(changes))
    return counts, new_rows, changed_rows


def _upsert(
    model: Any, key: str, rows: Sequence[Mapping[str, Any]], *, session: Session, batch: int = 2000
) -> UpsertCounts:
    """Insert new rows and update changed ones of ``model``, matched by the unique column ``key``.

    Reads the existing rows once and writes in batches, so importing a large file costs a few
    statements per thousand rows rather than a query per row.
    """
    table = model.__table__
    counts, new_rows, changed_rows = _plan(model, key, rows, session=session, batch=batch)
    columns = list(rows[0]) if rows else []
    stamped = "updated_at" in table.c
    now = utcnow()
    if stamped:
        new_rows = [{**row, "created_at": now, "updated_at": now} for row in new_rows]
    for start in range(0, len(new_rows), batch):
        session.connection().execute(insert(table), new_rows[start : start + batch])
    if changed_rows:
        bound = [{f"b_{name}": value for name, value in row.items()} | ({"b_updated_at": now} if stamped else {}) for row in changed_rows]
        statement = (
            update(table)
            .where(table.c[key] == bindparam(f"b_{key}"))
            .values({name: bindparam(f"b_{name}") for name in [*columns, *(["updated_at"] if stamped else [])] if name != key})
        )
        for start in range(0, len(bound), batch):
            session.connection().execute(statement, bound[start : start + batch])
    # Objects the session loaded before hold the old values; make the next ORM read fetch the new ones.
    session.expire_all()
    return counts


def diff_products(rows: Sequence[Mapping[str, Any]], *, session: Session) -> UpsertCounts:
    """What :func:`upsert_products` would do with ``rows``, writing nothing."""
    return _plan(Product, "code", rows, session=session)[0]


def upsert_products(rows: Sequence[Mapping[str, Any]], *, session: Session) -> UpsertCounts:
    """Insert or update products by code: every write to products goes through here (seed, imports, chat edits)."""
    return _upsert(Product, "code", rows, session=session)


def upsert_desks(rows: Sequence[Mapping[str, Any]], *, session: Session) -> UpsertCounts:
    """Insert or update desks by code: every write to desks goes through here (seed, chat)."""
    return _upsert(Desk, "code", rows, session=session)


def upsert_sectors(rows: Sequence[Mapping[str, Any]], *, session: Session) -> UpsertCounts:
    """Insert or update sectors by key."""
    return _upsert(Sector, "key", rows, session=session)


def catalog_version(*, session: Session) -> tuple[object, ...]:
    """A cheap fingerprint of the catalog: it changes whenever a product or desk is added, edited or removed."""
    products_row = session.exec(select(func.count(), func.max(Product.updated_at)).select_from(Product)).one()
    desks_row = session.exec(select(func.count(), func.max(Desk.updated_at)).select_from(Desk)).one()
    return (*products_row, *desks_row)
