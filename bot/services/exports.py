"""What admins can download from chat: products (in the import format), leads, the bot's users and the
manufacturer profiles (in the units import format, see :mod:`bot.services.registry`).

Files are CSV in UTF-8 with a byte-order mark, so Excel shows Persian, and every cell that a spreadsheet
would run as a formula is neutralised (see :func:`bot.services.catalog_csv.neutralise`). The products file
imports back unchanged (its deadlines stay ISO Gregorian, as imports read them); the leads' and users' times
come twice, ISO Gregorian and Jalali (``created_at_jalali``). "subscribers" are every user of the bot with
their subscription, if any: its state, schedule, sectors and alerts (empty for a user who never subscribed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.dates import jalali_iso_moment
from bot.store import catalog
from bot.store import leads as lead_store
from bot.store import subscriptions as subscription_store
from bot.store import users as user_store
from bot.store.models import Alert, Frequency, LeadNote, SectorSubscription, Subscriber, utcnow

from . import audit, registry
from .catalog import export_products
from .catalog_csv import write_csv

KINDS = ("products", "leads", "subscribers", "profiles")
LEAD_COLUMNS = (
    "lead_id", "created_at", "created_at_jalali", "updated_at", "updated_at_jalali", "status", "product_code", "product_name_en", "product_name_fa", "sector",
    "desk", "user_id", "first_name", "username", "language", "note",
)
SUBSCRIBER_COLUMNS = (
    "user_id", "first_name", "username", "language", "created_at", "created_at_jalali", "last_seen_at", "last_seen_at_jalali",
    "leads", "state", "stopped_reason", "frequency", "weekday", "hour", "sectors", "alerts",
)
# Subscribers' weekdays (Monday = 0) in the file: the export is English, whatever the admin's language.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Joins a subscriber's sectors, and their alerts, in one cell.
SEPARATOR = "; "
MUTED = " (muted)"


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


NOTE_SEPARATOR = "\n"
"""Between a lead's notes in its ``note`` cell (a line each; spreadsheets show them in one cell)."""


def _notes(notes: list[LeadNote], tz: ZoneInfo) -> str:
    """A lead's notes for its ``note`` cell, oldest first, one a line, each after when it was written:
    ``2026-11-30T20:15:00+03:30 (1405-09-09 20:15:00): text``."""
    return NOTE_SEPARATOR.join("{} ({}): {}".format(*_when(note.created_at, tz), note.text) for note in notes)


def _leads(*, session: Session, tz: ZoneInfo) -> list[list[str]]:
    products = {p.code: p for p in catalog.products(session=session)}
    rows = []
    every = lead_store.leads(session=session)
    notes = lead_store.notes_of([lead.id for lead in every if lead.id is not None], session=session)
    for lead in every:
        product = products.get(lead.product_code)
        user = user_store.get_user(lead.user_id, session=session)
        rows.append([
            str(lead.id), *_when(lead.created_at, tz), *_when(lead.updated_at, tz), lead.status.value, lead.product_code,
            product.name_en if product else "", product.name_fa if product else "", product.sector if product else "",
            (product.desk or "") if product else "", str(lead.user_id), user.first_name if user else "",
            (user.username or "") if user else "", user.language if user else "", _notes(notes.get(lead.id or 0, []), tz),
        ])
    return rows


def _state(subscriber: Subscriber) -> str:
    return "stopped" if not subscriber.active else "paused" if subscriber.paused else "active"


def _schedule(subscriber: Subscriber) -> list[str]:
    """frequency, weekday (weekly only) and hour (not for instant)."""
    weekly = subscriber.frequency == Frequency.WEEKLY
    hour = "" if subscriber.frequency == Frequency.INSTANT else f"{subscriber.hour:02d}:00"
    return [subscriber.frequency.value, WEEKDAYS[subscriber.weekday % 7] if weekly else "", hour]


def _alert(alert: Alert) -> str:
    """As the subscriber typed it: the query, then each excluded word after a minus."""
    words = [alert.query, *(f"-{word}" for word in alert.exclude.split(";") if word)]
    return " ".join(words) + (MUTED if alert.muted else "")


def _sector(item: SectorSubscription) -> str:
    return item.sector + (MUTED if item.muted else "")


def _subscription(subscriber: Subscriber | None, sectors: list[SectorSubscription], alerts: list[Alert]) -> list[str]:
    """The subscription columns: empty state and schedule for a user who never subscribed."""
    if subscriber is None:
        head = ["", "", "", "", ""]
    else:
        head = [_state(subscriber), "" if subscriber.active else subscriber.stopped_reason, *_schedule(subscriber)]
    return [*head, SEPARATOR.join(map(_sector, sectors)), SEPARATOR.join(map(_alert, alerts))]


def _subscribers(*, session: Session, tz: ZoneInfo) -> list[list[str]]:
    lead_counts = lead_store.lead_counts_by_user(session=session)
    subscribers = subscription_store.all_subscribers(session=session)
    sectors = subscription_store.all_sector_subscriptions(session=session)
    alerts = subscription_store.all_alerts(session=session)
    return [
        [str(user.id), user.first_name, user.username or "", user.language, *_when(user.created_at, tz),
         *_when(user.last_seen_at, tz), str(lead_counts.get(user.id, 0)),
         *_subscription(subscribers.get(user.id), sectors.get(user.id, []), alerts.get(user.id, []))]
        for user in user_store.users(session=session)
    ]


def export(kind: str, actor_id: int, *, session: Session, tz: ZoneInfo, now: datetime | None = None) -> Export:
    """The ``kind`` file (one of :data:`KINDS`); the download is logged in the audit log, as it holds personal data."""
    if kind not in KINDS:
        raise ValueError(f"unknown export {kind!r}")
    if kind == "products":
        text, rows = export_products(session=session, spreadsheet=True), catalog.count_products(session=session)
    elif kind == "profiles":
        text, rows = registry.export_profiles(session=session, spreadsheet=True)
    else:
        header = LEAD_COLUMNS if kind == "leads" else SUBSCRIBER_COLUMNS
        table = (_leads if kind == "leads" else _subscribers)(session=session, tz=tz)
        text, rows = write_csv(header, table, spreadsheet=True), len(table)
    audit.record(actor_id, audit.EXPORT, session=session, target=kind, after={"rows": rows})
    day = (now or utcnow()).astimezone(tz).date().isoformat()
    return Export(f"{kind}-{day}.csv", text.encode("utf-8-sig"), rows)
