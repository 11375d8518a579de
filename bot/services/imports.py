"""Bulk product imports from chat: an uploaded file is previewed, kept, and applied or cancelled by its uploader.

The file itself waits in the database (not in memory), so Apply works on any replica and after a restart.
It is validated again when applied, because the catalog may have changed in between.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlmodel import Session

from bot.store import admin as store
from bot.store.models import utcnow

from . import audit
from .catalog import ImportReport, import_table
from .catalog_csv import CsvFormatError
from .spreadsheets import read_upload

MAX_AGE = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Preview:
    """What an upload would do; ``import_id`` is set when there is something to apply."""

    file_name: str
    report: ImportReport
    import_id: int | None = None


def preview(actor_id: int, file_name: str, data: bytes, *, session: Session, now: datetime | None = None) -> Preview:
    """Validate an upload and count what it would change; keep it for Apply when it is valid and changes something.

    Raises :class:`CsvFormatError` when the file cannot be read at all.
    """
    store.delete_pending_imports_before((now or utcnow()) - MAX_AGE, session=session)
    report = import_table(read_upload(file_name, data), session=session, dry_run=True)
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


def apply(actor_id: int, import_id: int, *, session: Session, now: datetime | None = None) -> Result:
    """Validate the kept upload again and write all of it, or nothing; log it in the audit log."""
    refused, file_name, data = _claim(actor_id, import_id, session=session, now=now)
    if refused is not None:
        return refused
    try:
        report = import_table(read_upload(file_name, data), session=session)
    except CsvFormatError as exc:
        return Result(Outcome.INVALID, file_name, error=exc)
    if not report.ok:
        return Result(Outcome.INVALID, file_name, report)
    before: dict[str, Any] = {change.key: change.before for change in report.counts.changes if change.before is not None}
    after: dict[str, Any] = {change.key: change.after for change in report.counts.changes}
    counts = report.counts
    audit.record(
        actor_id,
        audit.IMPORT,
        session=session,
        target=file_name,
        before={"products": before},
        after={"rows": report.rows, "new": counts.new, "changed": counts.changed, "unchanged": counts.unchanged, "products": after},
    )
    return Result(Outcome.APPLIED, file_name, report)


def cancel(actor_id: int, import_id: int, *, session: Session) -> Result:
    """Forget the kept upload; nothing is written."""
    refused, file_name, _ = _claim(actor_id, import_id, session=session, now=None)
    return refused if refused is not None and refused.outcome is not Outcome.EXPIRED else Result(Outcome.CANCELLED, file_name)
