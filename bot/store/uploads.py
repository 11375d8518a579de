"""Uploaded files waiting for their uploader's Apply or Cancel (kept in the database, so any replica can apply them)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col

from .models import PendingImport


def add_pending_import(uploaded_by: int, file_name: str, data: bytes, *, session: Session) -> PendingImport:
    """Keep an uploaded file until its uploader applies or cancels it."""
    pending = PendingImport(uploaded_by=uploaded_by, file_name=file_name[:255], data=data)
    session.add(pending)
    session.flush()
    return pending


def get_pending_import(import_id: int, *, session: Session) -> PendingImport | None:
    """A waiting upload by id."""
    return session.get(PendingImport, import_id)


def take_pending_import(import_id: int, *, session: Session) -> bool:
    """Delete a waiting upload; True only for the one transaction that deleted it.

    On PostgreSQL a concurrent second delete waits for the first transaction and then finds nothing, so an
    upload pressed Apply on twice (or on two replicas) is applied once.
    """
    session.flush()
    result = session.connection().execute(delete(PendingImport).where(col(PendingImport.id) == import_id))
    return result.rowcount == 1


def delete_pending_imports_before(cutoff: datetime, *, session: Session) -> int:
    """Forget uploads older than ``cutoff``; returns how many."""
    result = session.connection().execute(delete(PendingImport).where(col(PendingImport.created_at) < cutoff))
    return result.rowcount
