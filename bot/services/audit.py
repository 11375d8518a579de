"""The audit log: every change an admin makes, and every admin command someone else tried."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlmodel import Session

from bot.store import audit as store
from bot.store.models import AuditEntry

log = logging.getLogger(__name__)

# The actor of what someone does with the ``matchbot`` command on the server: no Telegram user has id 0.
COMMAND_LINE = 0

PRODUCT_ADD = "product.add"
PRODUCT_EDIT = "product.edit"
PRODUCT_CLOSE = "product.close"
PRODUCT_REOPEN = "product.reopen"
DESK_ADD = "desk.add"
DESK_EDIT = "desk.edit"
IMPORT = "import"
EXPORT = "export"
ADMIN_GRANT = "admin.grant"
ADMIN_REVOKE = "admin.revoke"
LEAD_STATUS = "lead.status"
LEAD_WITHDRAW = "lead.withdraw"
LEAD_RENEW = "lead.renew"  # interest expressed again after a withdrawal
DEMAND_ALIAS = "demand.alias"  # an unmet need's wording became a listing's alias
DEMAND_LISTED = "demand.listed"  # a listing was drafted for an unmet need
DEMAND_DISMISS = "demand.dismiss"  # not a product need
DEMAND_REOPEN = "demand.reopen"  # a dismissal undone
SUPPLIER_CONTACT = "supplier.contact"  # a desk wrote to a capable manufacturer, or was shown a registry unit's contact
INTRODUCTION_ASK = "introduction.ask"
INTRODUCTION_ACCEPT = "introduction.accept"
INTRODUCTION_DECLINE = "introduction.decline"
INTRODUCTION_WITHDRAW = "introduction.withdraw"
REFUSED = "refused"


def jsonable(value: Any) -> Any:
    """``value`` with dates as ISO text and enums as their values, ready for a JSON column."""
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def record(
    actor_id: int,
    action: str,
    *,
    session: Session,
    target: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Log one action with the values before and after it (and a line in the process log for operators)."""
    log.info("audit: %s %s by %s", action, target, actor_id)
    return store.add_audit(
        actor_id,
        action,
        session=session,
        target=target,
        before=None if before is None else jsonable(before),
        after=None if after is None else jsonable(after),
    )

