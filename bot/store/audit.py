"""The audit log: every change an admin makes, and every admin command someone else tried."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

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
