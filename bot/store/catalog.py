"""Queries over sectors, desks and products."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, func, insert, update
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from .db import insert_ignore
from .models import CatalogLock, Desk, Product, ProductStatus, Sector, utcnow

# A product is news for digests when it is added or one of these changes.
LISTING_NEWS_COLUMNS = ("status", "deadline")


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


def product_codes(*, session: Session) -> list[str]:
    """Every listing's code in order (the codes alone: a mistyped code is matched against them)."""
    return list(session.exec(select(Product.code).order_by(Product.code)))


def get_sector(key: str, *, session: Session) -> Sector | None:
    """The sector with this key, if any."""
    return session.get(Sector, key)


def products_by_code(codes: Collection[str], *, session: Session) -> dict[str, Product]:
    """The products with these codes, by code (missing ones are left out)."""
    return {p.code: p for p in session.exec(select(Product).where(col(Product.code).in_(list(codes))))} if codes else {}


def desks_by_code(codes: Collection[str], *, session: Session) -> dict[str, Desk]:
    """The desks with these codes, by code (missing ones are left out)."""
    return {d.code: d for d in session.exec(select(Desk).where(col(Desk.code).in_(list(codes))))} if codes else {}


def get_desk(code: str, *, session: Session) -> Desk | None:
    """The desk with this code (case-insensitive), if any."""
    return session.exec(select(Desk).where(Desk.code == code.upper())).first()


def desks_of(products: Iterable[Product], *, session: Session) -> dict[str, Desk | None]:
    """The desk handling each listing, by the listing's code: the desk it names (any case), else the first active desk
    of its sector in code order, else None. The one rule of who handles a listing (cards, leads, /stats, scorecards
    all ask it); each kind of row is read once for all the listings."""
    listed = list(products)
    named = desks_by_code({product.desk.upper() for product in listed if product.desk}, session=session)
    first_active: dict[str, Desk] = {}
    if any(not product.desk or product.desk.upper() not in named for product in listed):
        for desk in desks(session=session, active_only=True):  # code order: the first of a sector wins
            first_active.setdefault(desk.sector, desk)
    return {product.code: named.get(product.desk.upper()) if product.desk and product.desk.upper() in named
            else first_active.get(product.sector) for product in listed}


def desk_of(product: Product, *, session: Session) -> Desk | None:
    """The desk handling a listing (see :func:`desks_of`)."""
    return desks_of([product], session=session)[product.code]


def products(*, session: Session, sector: str | None = None, desk: str | None = None) -> list[Product]:
    """Products in code order, optionally of one sector or desk."""
    query = select(Product).order_by(Product.code)
    if sector is not None:
        query = query.where(Product.sector == sector)
    if desk is not None:
        query = query.where(Product.desk == desk)
    return list(session.exec(query))


class SearchableProduct(NamedTuple):
    """The columns of a product that search indexes and shows: a plain tuple, not a tracked ORM object."""

    code: str
    name_en: str
    name_fa: str
    aliases: str
    description: str
    description_fa: str
    sector: str
    hs_code: str
    annual_import_usd: int | None
    status: ProductStatus


# Rows fetched per round trip when streaming the catalog (a server-side cursor on PostgreSQL).
_STREAM_CHUNK = 2_000


def searchable_products(*, session: Session) -> Iterator[SearchableProduct]:
    """Every product's searchable columns in code order, streamed in chunks.

    Building the matcher from ORM objects held all of them at once (identity map, change
    tracking, every column); at 100,000 listings that was a fifth of start-up and most of its peak.
    """
    table = Product.__table__  # type: ignore[attr-defined]
    query = core_select(*(table.c[name] for name in SearchableProduct._fields)).order_by(table.c.code)
    # Through the session's connection: its transaction, without the ORM.
    result = session.connection().execute(query.execution_options(stream_results=True, yield_per=_STREAM_CHUNK))
    for row in result:
        yield SearchableProduct._make(row)


def count_products(*, session: Session) -> int:
    """How many products there are."""
    return session.exec(select(func.count()).select_from(Product)).one()


def product_counts_by_sector(*, session: Session) -> dict[str, int]:
    """Sector key → number of products."""
    rows = session.exec(select(Product.sector, func.count()).group_by(Product.sector))
    return {sector: count for sector, count in rows}


def lock_catalog(*, session: Session) -> datetime:
    """Take the catalog lock for the rest of the transaction and return the time it was taken.

    Catalog writers call this before they stamp anything, and digest rounds to fix their cutoff: on
    PostgreSQL it locks the one CatalogLock row, on SQLite it takes the database's write lock. Either
    way a writer's stamps and commit fall wholly before or wholly after a round's cutoff.
    """
    statement = update(CatalogLock).where(col(CatalogLock.id) == 1).values(touched_at=utcnow())
    if not session.connection().execute(statement).rowcount:
        insert_ignore(session, CatalogLock.__table__, {"id": 1, "touched_at": utcnow()}, conflict=["id"])  # type: ignore[attr-defined]
        session.connection().execute(statement)
    return utcnow()


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


def _update(table: Any, key: str, rows: Sequence[Mapping[str, Any]], stamps: Mapping[str, Any], *, session: Session, batch: int) -> None:
    """Write changed rows in batches, each with the same extra ``stamps`` columns."""
    if not rows:
        return
    names = [name for name in [*rows[0], *stamps] if name != key]
    statement = update(table).where(table.c[key] == bindparam(f"b_{key}")).values({name: bindparam(f"b_{name}") for name in names})
    bound = [{f"b_{name}": value for name, value in {**row, **stamps}.items()} for row in rows]
    for start in range(0, len(bound), batch):
        session.connection().execute(statement, bound[start : start + batch])


def _upsert(
    model: Any,
    key: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    session: Session,
    batch: int = 2000,
    news: Sequence[str] | None = None,
) -> UpsertCounts:
    """Insert new rows and update changed ones of ``model``, matched by the unique column ``key``.

    Reads the existing rows once and writes in batches, so importing a large file costs a few
    statements per thousand rows rather than a query per row. With ``news`` (products), a row's
    ``listing_changed_at`` is set on insert and whenever one of those columns changes.
    """
    table = model.__table__
    counts, new_rows, changed_rows = _plan(model, key, rows, session=session, batch=batch)
    now = utcnow()
    stamps: dict[str, Any] = {"created_at": now, "updated_at": now} if "updated_at" in table.c else {}
    news_stamp = {"listing_changed_at": now} if news is not None else {}
    for start in range(0, len(new_rows), batch):
        session.connection().execute(insert(table), [{**row, **stamps, **news_stamp} for row in new_rows[start : start + batch]])
    update_stamps = {name: value for name, value in stamps.items() if name != "created_at"}
    is_news = {c.key for c in counts.changes if c.before is not None and news is not None and set(c.before) & set(news)}
    _update(table, key, [r for r in changed_rows if r[key] not in is_news], update_stamps, session=session, batch=batch)
    _update(table, key, [r for r in changed_rows if r[key] in is_news], {**update_stamps, **news_stamp}, session=session, batch=batch)
    # Objects the session loaded before hold the old values; make the next ORM read fetch the new ones.
    session.expire_all()
    return counts


def diff_products(rows: Sequence[Mapping[str, Any]], *, session: Session) -> UpsertCounts:
    """What :func:`upsert_products` would do with ``rows``, writing nothing."""
    return _plan(Product, "code", rows, session=session)[0]


def upsert_products(rows: Sequence[Mapping[str, Any]], *, session: Session) -> UpsertCounts:
    """Insert or update products by code: every write to products goes through here (seed, imports, chat edits).

    Added listings and status or deadline changes are digest news (``listing_changed_at``).
    """
    lock_catalog(session=session)
    return _upsert(Product, "code", rows, session=session, news=LISTING_NEWS_COLUMNS)


def upsert_desks(rows: Sequence[Mapping[str, Any]], *, session: Session) -> UpsertCounts:
    """Insert or update desks by code: every write to desks goes through here (a desk's ``created_at`` is digest news)."""
    lock_catalog(session=session)
    return _upsert(Desk, "code", rows, session=session)


def upsert_sectors(rows: Sequence[Mapping[str, Any]], *, session: Session) -> UpsertCounts:
    """Insert or update sectors by key."""
    return _upsert(Sector, "key", rows, session=session)


def catalog_version(*, session: Session) -> tuple[object, ...]:
    """A cheap fingerprint of the catalog: it changes whenever a product or desk is added, edited or removed."""
    products_row = session.exec(select(func.count(), func.max(Product.updated_at)).select_from(Product)).one()
    desks_row = session.exec(select(func.count(), func.max(Desk.updated_at)).select_from(Desk)).one()
    return (*products_row, *desks_row)


def products_changed(*, session: Session, after: datetime, until: datetime) -> list[Product]:
    """Products added, or whose status or deadline changed, in (``after``, ``until``]."""
    query = select(Product).where(col(Product.listing_changed_at) > after, col(Product.listing_changed_at) <= until)
    return list(session.exec(query.order_by(Product.code)))


def products_updated(*, session: Session, after: datetime) -> list[str]:
    """Codes of the products added or edited after ``after``."""
    return list(session.exec(select(Product.code).where(col(Product.updated_at) > after).order_by(Product.code)))


def desks_added(*, session: Session, after: datetime, until: datetime) -> list[Desk]:
    """Active desks created in (``after``, ``until``]."""
    query = select(Desk).where(col(Desk.created_at) > after, col(Desk.created_at) <= until, col(Desk.active).is_(True))
    return list(session.exec(query.order_by(Desk.code)))
