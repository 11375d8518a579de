"""Queries over admin grants, the audit log and uploads waiting for Apply."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from .models import AdminGrant, AuditEntry, PendingImport


def get_grant(user_id: int, *, session: Session) -> AdminGrant | None:
    """The grant that makes ``user_id`` an admin, if any."""
    return session.get(AdminGrant, user_id)


def grants(*, session: Session) -> list[AdminGrant]:
    """Every grant, oldest first."""
    return list(session.exec(select(AdminGrant).order_by(col(AdminGrant.granted_at), col(AdminGrant.user_id))))


def add_grant(user_id: int, *, session: Session, granted_by: int) -> AdminGrant:
    """Make ``user_id`` an admin (the caller checked there is no grant yet)."""
    grant = AdminGrant(user_id=user_id, granted_by=granted_by)
    session.add(grant)
    session.flush()
    return grant


def delete_grant(user_id: int, *, session: Session) -> bool:
    """Remove ``user_id``'s grant; False if there was none."""
    grant = session.get(AdminGrant, user_id)
    if grant is None:
        return False
    session.delete(grant)
    session.flush()
    return True


def add_audit(
    actor_id: int,
    action: str,
    *,
    session: Session,
    target: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the audit log (values must be JSON-ready)."""
    entry = AuditEntry(actor_id=actor_id, action=action, target=target[:128], before=before, after=after)
    session.add(entry)
    session.flush()
    return entry


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
