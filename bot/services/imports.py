"""Bulk imports from chat (listings, or production units of a registry, told apart by the file's header): an uploaded file is previewed, kept, and applied or cancelled by its uploader.

The file itself waits in the database (not in memory), so Apply works on any replica and after a restart.
It is validated again when applied, because the catalog may have changed in between.

Reading a file (:func:`read`) is the slow, bounded part; callers do it before their transaction begins and pass
the table in, so that no database lock is held while a file is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlmodel import Session

from bot.store import uploads as store
from bot.store.models import utcnow

from . import audit, registry
from .catalog import ImportReport, import_table
from .catalog_csv import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, CsvFormatError, Table, check_header
from .spreadsheets import read_upload

MAX_AGE = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Preview:
    """What an upload would do; ``import_id`` is set when there is something to apply."""

    file_name: str
    report: ImportReport
    import_id: int | None = None


def read(file_name: str, data: bytes) -> Table:
    """An upload's table, within the upload limits and with a products or units header; raises :class:`CsvFormatError`.

    Touches no database: everything that does not need the catalog is checked here, before any transaction.
    """
    table = read_upload(file_name, data)
    if registry.is_units_header(table[0]):
        registry.check_units_header(table[0])
    else:
        check_header(table[0], REQUIRED_COLUMNS, OPTIONAL_COLUMNS)
    return table


def _import(table: Table, *, session: Session, dry_run: bool = False) -> ImportReport:
    """Import ``table`` as the products or units file its header says it is."""
    if registry.is_units_header(table[0]):
        return registry.import_table(table, session=session, dry_run=dry_run)
    return import_table(table, session=session, dry_run=dry_run)


def preview(
    actor_id: int, file_name: str, data: bytes, *, session: Session, now: datetime | None = None, table: Table | None = None
) -> Preview:
    """Validate an upload and count what it would change; keep it for Apply when it is valid and changes something.

    ``table`` is the upload as :func:`read` read it (read here when not given). Raises :class:`CsvFormatError`
    when the file cannot be read at all.
    """
    table = read(file_name, data) if table is None else table
    store.delete_pending_imports_before((now or utcnow()) - MAX_AGE, session=session)
    report = _import(table, session=session, dry_run=True)
    if not report.ok or not (report.counts.new or report.counts.changed):
        return Preview(file_name, report)
    pending = store.add_pending_import(actor_id, file_name, data, session=session)
    return Preview(file_name, report, pending.id)


class Outcome(StrEnum):
    """How pressing Apply or Cancel went."""

    APPLIED = "applied"
    CANCELLED = "cancelled"
    INVALID = "invalid"  # the file no longer passes validation (the catalog changed); nothing was written
    GONE = "gone"  # already applied or cancelled, or never existed
    EXPIRED = "expired"
    NOT_YOURS = "not_yours"


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of Apply or Cancel, with the import's report when it was applied or found invalid."""

    outcome: Outcome
    file_name: str = ""
    report: ImportReport | None = None
    error: CsvFormatError | None = None


def _claim(actor_id: int, import_id: int, *, session: Session, now: datetime | None) -> tuple[Result | None, str, bytes]:
    """Take the upload off the waiting list for this actor; a Result when that is not possible."""
    pending = store.get_pending_import(import_id, session=session)
    if pending is None:
        return Result(Outcome.GONE), "", b""
    if pending.uploaded_by != actor_id:
        return Result(Outcome.NOT_YOURS, pending.file_name), "", b""
    file_name, data, created_at = pending.file_name, pending.data, pending.created_at
    if not store.take_pending_import(import_id, session=session):
        return Result(Outcome.GONE), "", b""
    if created_at + MAX_AGE < (now or utcnow()):
        return Result(Outcome.EXPIRED, file_name), "", b""
    return None, file_name, data


def kept(actor_id: int, import_id: int, *, session: Session) -> tuple[str, bytes] | None:
    """The name and bytes of an upload waiting for ``actor_id`` (to :func:`read` before :func:`apply`)."""
    pending = store.get_pending_import(import_id, session=session)
    return None if pending is None or pending.uploaded_by != actor_id else (pending.file_name, pending.data)


def apply(
    actor_id: int,
    import_id: int,
    *,
    session: Session,
    now: datetime | None = None,
    table: Table | CsvFormatError | None = None,
) -> Result:
    """Validate the kept upload again and write all of it, or nothing; log it in the audit log.

    ``table`` is the kept upload as :func:`read` read it, or how reading it failed (read here when not given;
    a waiting upload never changes, so what was read from it earlier is still its content).
    """
    refused, file_name, data = _claim(actor_id, import_id, session=session, now=now)
    if refused is not None:
        return refused
    if isinstance(table, CsvFormatError):
        return Result(Outcome.INVALID, file_name, error=table)
    try:
        report = _import(read(file_name, data) if table is None else table, session=session)
    except CsvFormatError as exc:
        return Result(Outcome.INVALID, file_name, error=exc)
    if not report.ok:
        return Result(Outcome.INVALID, file_name, report)
    before: dict[str, Any] = {change.key: change.before for change in report.counts.changes if change.before is not None}
    after: dict[str, Any] = {change.key: change.after for change in report.counts.changes}
    counts = report.counts
    kind = "units" if isinstance(report, registry.UnitImportReport) else "products"
    kept = {"kept_claimed": list(report.kept)} if isinstance(report, registry.UnitImportReport) else {}
    audit.record(
        actor_id,
        audit.IMPORT,
        session=session,
        target=file_name,
        before={kind: before},
        after={"rows": report.rows, "new": counts.new, "changed": counts.changed, "unchanged": counts.unchanged, kind: after, **kept},
    )
    return Result(Outcome.APPLIED, file_name, report)


def cancel(actor_id: int, import_id: int, *, session: Session) -> Result:
    """Forget the kept upload; nothing is written."""
    refused, file_name, _ = _claim(actor_id, import_id, session=session, now=None)
    return refused if refused is not None and refused.outcome is not Outcome.EXPIRED else Result(Outcome.CANCELLED, file_name)
