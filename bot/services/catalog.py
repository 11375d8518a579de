"""Catalog maintenance: seeding from ``seed_data/``, importing and exporting products."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlmodel import Session

import seed_data
from bot.store import catalog as store
from bot.store.models import Product

from .catalog_csv import (
    OPTIONAL_COLUMNS,
    CsvFormatError,
    SeedFileError,
    Table,
    parse_desks,
    parse_product_table,
    sector_spellings,
    parse_products,
    parse_sectors,
    read_csv,
    write_products,
)
from . import requests
from .problems import RowError
from .records import ProductRecord

__all__ = ["CsvFormatError", "ImportReport", "SeedFileError", "SeedReport", "export_products", "import_products", "import_table", "seed"]


@dataclass(frozen=True, slots=True)
class SeedReport:
    """What seeding added or changed, per kind."""

    sectors: store.UpsertCounts
    desks: store.UpsertCounts
    products: store.UpsertCounts
    units: store.UpsertCounts


@dataclass(slots=True)
class ImportReport:
    """The outcome of an import: counts when it was (or would be) applied, else every row problem."""

    rows: int = 0
    counts: store.UpsertCounts = field(default_factory=store.UpsertCounts)
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def seed(*, session: Session) -> SeedReport:
    """Load the shipped sectors, desks, products and illustrative production units; running it again changes nothing.

    Raises :class:`SeedFileError` if the shipped files are broken, before anything is written.
    """
    folder = seed_data.files()
    sector_rows = parse_sectors(folder.joinpath("sectors.csv").read_text(encoding="utf-8"))
    sector_keys = {row["key"] for row in sector_rows}
    try:
        desk_rows, desk_errors = parse_desks(folder.joinpath("desks.csv").read_text(encoding="utf-8"), sectors=sector_keys)
    except CsvFormatError as exc:
        raise SeedFileError(f"seed_data/desks.csv: {exc}") from None
    if desk_errors:
        raise SeedFileError("seed_data/desks.csv: " + "; ".join(map(str, desk_errors)))
    desks = {row.code: row.sector for row in desk_rows}
    product_rows: list[ProductRecord] = []
    product_files = sorted(
        (item for item in folder.joinpath("products").iterdir() if item.name.endswith(".csv")), key=lambda f: f.name
    )
    for item in product_files:
        try:
            parsed = parse_products(item.read_text(encoding="utf-8"), sectors=sector_keys, desks=desks)
        except CsvFormatError as exc:
            raise SeedFileError(f"seed_data/products/{item.name}: {exc}") from None
        if not parsed.ok:
            raise SeedFileError(f"seed_data/products/{item.name}: " + "; ".join(map(str, parsed.errors[:5])))
        product_rows.extend(parsed.rows)
    from .registry import seed_units  # the registry's import reports extend this module's

    report = SeedReport(
        sectors=store.upsert_sectors(sector_rows, session=session),
        desks=store.upsert_desks([row.values() for row in desk_rows], session=session),
        products=requests.upsert_products([row.values() for row in product_rows], session=session),
        units=seed_units(session=session),
    )
    session.commit()
    return report


def import_table(table: Table, *, session: Session, dry_run: bool = False) -> ImportReport:
    """Validate a products table and upsert it by code, or with ``dry_run`` only count what would change.

    Writes nothing unless every row is valid, and never commits: the caller owns the transaction.
    """
    parsed = parse_product_table(
        table, sectors=store.sector_keys(session=session), desks=store.desk_sectors(session=session),
        sector_names=sector_spellings(store.sectors(session=session))
    )
    if not parsed.ok:
        return ImportReport(rows=len(parsed.rows), errors=parsed.errors)
    # Optional columns absent from the file keep their stored values rather than being blanked.
    omitted = set(OPTIONAL_COLUMNS) - set(parsed.columns)
    values = [row.values(without=omitted) for row in parsed.rows]
    write = store.diff_products if dry_run else requests.upsert_products
    return ImportReport(rows=len(parsed.rows), counts=write(values, session=session), applied=not dry_run)


def import_products(data: bytes | str, *, session: Session, dry_run: bool = False) -> ImportReport:
    """Validate a products CSV file and upsert it by code in one transaction, or write nothing at all.

    With ``dry_run`` the counts say what would change and nothing is written. Raises
    :class:`CsvFormatError` when the file cannot be read at all (encoding, header).
    """
    return committed(lambda: import_table(read_csv(data), session=session, dry_run=dry_run), session=session)


R = TypeVar("R", bound=ImportReport)


def committed(run: Callable[[], R], *, session: Session) -> R:
    """The report of an import ``run`` does in ``session``: committed when it was applied, rolled back on any failure
    (the command line's imports own their transaction)."""
    try:
        report = run()
        if report.applied:
            session.commit()
    except Exception:
        session.rollback()
        raise
    return report


def to_record(product: Product) -> ProductRecord:
    """A stored product in the schema's terms (stored values were checked when written: not read again)."""
    return ProductRecord.stored(product)


def export_products(*, session: Session, spreadsheet: bool = False) -> str:
    """Every product as CSV text in the import format; ``spreadsheet`` neutralises would-be formulas."""
    return write_products([to_record(product) for product in store.products(session=session)], spreadsheet=spreadsheet)
