"""What admins can download from chat: products (in the import format), leads and the bot's users.

Files are CSV in UTF-8 with a byte-order mark, so Excel shows Persian, and every cell that a spreadsheet
would run as a formula is neutralised (see :func:`bot.services.catalog_csv.neutralise`). The products file
imports back unchanged (its deadlines stay ISO Gregorian, as imports read them); the leads' and users' times
come twice, ISO Gregorian and Jalali (``created_at_jalali``). "subscribers" are the bot's users until subscriptions exist: the digests feature
adds their subscription columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.dates import jalali_iso_moment
from bot.store import catalog
from bot.store import leads as lead_store
from bot.store import users as user_store
from bot.store.models import utcnow

from . import audit
from .catalog import export_products
from .catalog_csv import write_csv

KINDS = ("products", "leads", "subscribers")
LEAD_COLUMNS = (
    "lead_id", "created_at", "created_at_jalali", "updated_at", "updated_at_jalali", "status", "product_code", "product_name_en", "product_name_fa", "sector",
    "desk", "user_id", "first_name", "username", "language", "note",
)
SUBSCRIBER_COLUMNS = (
    "user_id", "first_name", "username", "language", "created_at", "created_at_jalali", "last_seen_at", "last_seen_at_jalali",
    "leads",
)


@dataclass(frozen=True, slots=True)
class Export:
    """A file to send: its name, bytes and number of data rows."""

    file_name: str
    data: bytes
    rows: int


def _when(moment: datetime, tz: ZoneInfo) -> list[str]:
    """A moment's two cells: ISO Gregorian with its offset, then the Jalali ``1405-10-25 14:30:00`` Persian
    readers sort and filter by (both in the bot's time zone)."""
    return [moment.astimezone(tz).isoformat(timespec="seconds"), jalali_iso_moment(moment, tz)]


def _leads(*, session: Session, tz: ZoneInfo) -> list[list[str]]:
    products = {p.code: p for p in catalog.products(session=session)}
    rows = []
    for lead in lead_store.leads(session=session):
        product = products.get(lead.product_code)
        user = user_store.get_user(lead.user_id, session=session)
        rows.append([
            str(lead.id), *_when(lead.created_at, tz), *_when(lead.updated_at, tz), lead.status.value, lead.product_code,
            product.name_en if product else "", product.name_fa if product else "", product.sector if product else "",
            (product.desk or "") if product else "", str(lead.user_id), user.first_name if user else "",
            (user.username or "") if user else "", user.language if user else "", lead.note,
        ])
    return rows


def _subscribers(*, session: Session, tz: ZoneInfo) -> list[list[str]]:
    lead_counts = lead_store.lead_counts_by_user(session=session)
    return [
        [str(user.id), user.first_name, user.username or "", user.language, *_when(user.created_at, tz),
         *_when(user.last_seen_at, tz), str(lead_counts.get(user.id, 0))]
        for user in user_store.users(session=session)
    ]


def export(kind: str, actor_id: int, *, session: Session, tz: ZoneInfo, now: datetime | None = None) -> Export:
    """The ``kind`` file (one of :data:`KINDS`); the download is logged in the audit log, as it holds personal data."""
    if kind not in KINDS:
        raise ValueError(f"unknown export {kind!r}")
    if kind == "products":
        text, rows = export_products(session=session, spreadsheet=True), catalog.count_products(session=session)
    else:
        header = LEAD_COLUMNS if kind == "leads" else SUBSCRIBER_COLUMNS
        table = (_leads if kind == "leads" else _subscribers)(session=session, tz=tz)
        text, rows = write_csv(header, table, spreadsheet=True), len(table)
    audit.record(actor_id, audit.EXPORT, session=session, target=kind, after={"rows": rows})
    day = (now or utcnow()).astimezone(tz).date().isoformat()
    return Export(f"{kind}-{day}.csv", text.encode("utf-8-sig"), rows)
