"""The audit log: every change an admin makes, and every admin command someone else tried."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlmodel import Session, col, select

from .models import AuditEntry


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


def audit_entries(actions: Collection[str], targets: Collection[str], *, session: Session) -> list[AuditEntry]:
    """The audit entries of ``actions`` on ``targets``, oldest first."""
    if not targets:
        return []
    query = select(AuditEntry).where(col(AuditEntry.action).in_(list(actions)), col(AuditEntry.target).in_(list(targets)))
    return list(session.exec(query.order_by(col(AuditEntry.at), col(AuditEntry.id))))
