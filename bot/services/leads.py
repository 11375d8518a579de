"""Investors' "I'm interested": leads, their optional notes, and who should hear of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.store import audit as audit_store
from bot.store import catalog
from bot.store import leads as lead_store
from bot.store import users as user_store
from bot.store.models import FINISHED_STATUSES, Desk, Lead, LeadNote, LeadStatus, Product, Sector, User, utcnow

from . import audit
from .admins import Rights
from .inputs import clean_text
from .response_clock import DEFAULT_RESPONSE_DAYS, Clock, due_day

DEFAULT_CLOCK = Clock(ZoneInfo("Asia/Tehran"))

NOTE_MAX_LENGTH = 300
"""Characters of one note; a lead keeps every note its investor adds (cards show the newest that fit)."""


@dataclass(frozen=True, slots=True)
class Interest:
    """The outcome of tapping "I'm interested": the lead, and whether this tap created it."""

    lead: Lead
    product: Product
    sector: Sector | None
    desk: Desk | None
    user: User
    created: bool


class UnknownProduct(LookupError):
    """The listing no longer exists (a stale button)."""


class NotOpen(Exception):
    """The listing is closed or awarded: it takes no new interest."""

    def __init__(self, product: Product) -> None:
        super().__init__(product.code)
        self.product = product




def _start_clock(lead: Lead, desk: Desk | None, clock: Clock) -> None:
    """Set the lead's due date from now and its desk's response time; no reminder is owed yet."""
    lead.due_at = clock.due_at(utcnow(), desk.response_days if desk is not None else DEFAULT_RESPONSE_DAYS)
    lead.reminded_on = None


def register_interest(user_id: int, product_code: str, *, session: Session, clock: Clock = DEFAULT_CLOCK) -> Interest:
    """Record a lead once per user and product, and wait for the user's optional note.

    A new lead (or one taken up again after a withdrawal) gets its due date from its desk's response time
    on ``clock`` (see :mod:`bot.services.response_clock`). Raises :class:`UnknownProduct` for a listing that no longer exists and :class:`NotOpen` for a new
    interest in a closed or awarded one; a withdrawn interest expressed again is taken up anew.
    """
    product = catalog.get_product(product_code, session=session)
    user = user_store.get_user(user_id, session=session)
    if product is None or user is None:
        raise UnknownProduct(product_code)
    lead = lead_store.get_lead(user_id, product.code, session=session)
    renewed = lead is not None and lead.status is LeadStatus.WITHDRAWN
    if (lead is None or renewed) and product.status in FINISHED_STATUSES:
        raise NotOpen(product)
    if lead is not None and renewed:
        lead.status, lead.updated_at = LeadStatus.NEW, utcnow()
        user.pending_note_lead_id, user.pending_profile_step = lead.id, None  # the newest question wins
        session.add_all([lead, user])
        audit.record(user_id, audit.LEAD_RENEW, session=session, target=str(lead.id), before={"status": LeadStatus.WITHDRAWN},
                     after={"status": LeadStatus.NEW})
    created = lead is None or renewed
    if lead is None:
        lead = lead_store.add_lead(user_id, product.code, session=session)
        user.pending_note_lead_id, user.pending_profile_step = lead.id, None  # the newest question wins
        session.add(user)
    desk = catalog.desk_of(product, session=session)
    if created:
        _start_clock(lead, desk, clock)
        session.add(lead)
        session.flush()
    sector = catalog.get_sector(product.sector, session=session)
    return Interest(lead=lead, product=product, sector=sector, desk=desk, user=user, created=created)


def pending_note_lead(user_id: int, *, session: Session) -> Lead | None:
    """The lead whose note the user's next message is, if the bot asked for one."""
    user = user_store.get_user(user_id, session=session)
    if user is None or user.pending_note_lead_id is None:
        return None
    return lead_store.get_lead_by_id(user.pending_note_lead_id, session=session)


def can_note(lead: Lead) -> bool:
    """Whether the investor may add a note to the lead: not to an interest they took back."""
    return lead.status is not LeadStatus.WITHDRAWN


@dataclass(frozen=True, slots=True)
class SavedNote:
    """A note added to a lead; ``notes`` are all of the lead's, oldest first, this one last."""

    lead: Lead
    note: LeadNote
    notes: tuple[LeadNote, ...]


def save_note(user_id: int, text: str, *, session: Session) -> SavedNote | None:
    """Add the user's one-line note to the lead they were asked about, after the notes it has; None if none was
    asked, or the lead was withdrawn since (the question lapses: nothing is saved)."""
    lead = pending_note_lead(user_id, session=session)
    user = user_store.get_user(user_id, session=session)
    if user is None:
        return None
    user.pending_note_lead_id = None
    session.add(user)
    if lead is None or lead.id is None or not can_note(lead):
        return None
    note = lead_store.add_note(lead.id, " ".join(clean_text(text).split())[:NOTE_MAX_LENGTH], session=session)
    return SavedNote(lead, note, tuple(lead_store.notes_of([lead.id], session=session).get(lead.id, [])))


# What /leads can show: "open" leads still need someone to act; "all", or one status.
FILTERS: dict[str, tuple[LeadStatus, ...] | None] = {
    "open": (LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.MEETING),
    "all": None,
    **{status.value: (status,) for status in LeadStatus},
}

# The statuses an admin sets with the buttons; "new" is where every lead starts.
SETTABLE = (LeadStatus.CONTACTED, LeadStatus.MEETING, LeadStatus.DECLINED, LeadStatus.CLOSED)


@dataclass(frozen=True, slots=True)
class LeadView:
    """A lead with the investor, the listing and its desk, as admins see it."""

    lead: Lead
    user: User | None
    product: Product | None
    desk: Desk | None
    due: date | None = None
    """The local day the desk owes an answer by, while it does (status new)."""
    overdue_by: int = 0
    """Working days past that day (0: not overdue)."""
    notes: tuple[LeadNote, ...] = ()
    """The investor's notes on the lead, oldest first."""


@dataclass(frozen=True, slots=True)
class LeadsPage:
    """One page of leads, newest first."""

    items: list[LeadView]
    total: int
    page: int
    size: int
    filter: str


def _view(lead: Lead, *, session: Session) -> LeadView:
    """The lead with what shows it."""
    return _views([lead], session=session)[0]


def _views(leads: Sequence[Lead], *, session: Session) -> list[LeadView]:
    """The leads with what shows them (listing, desk, investor, notes), each kind read once for all of them: a page
    of leads read them one lead at a time."""
    ids = [lead.id for lead in leads if lead.id is not None]
    notes = lead_store.notes_of(ids, session=session) if ids else {}
    products = catalog.products_by_code({lead.product_code.upper() for lead in leads}, session=session)
    handled_by = catalog.desks_of(products.values(), session=session)
    users = user_store.users_by_id(sorted({lead.user_id for lead in leads}), session=session)
    views = []
    for lead in leads:
        product = products.get(lead.product_code.upper())
        desk = handled_by[product.code] if product is not None else None
        mine = tuple(notes.get(lead.id, [])) if lead.id is not None else ()
        views.append(LeadView(lead=lead, user=users.get(lead.user_id), product=product, desk=desk, notes=mine))
    return views


def _clocked(view: LeadView, clock: Clock, now: datetime) -> LeadView:
    """The view with its due day and how overdue it is (for a lead the desk still owes an answer)."""
    lead = view.lead
    if lead.status is not LeadStatus.NEW or lead.due_at is None:
        return view
    return replace(view, due=due_day(lead.due_at, clock.zone), overdue_by=clock.overdue_by(lead, now))


def scope_of(rights: Rights | None) -> lead_store.Scope | None:
    """The leads an admin handles: all (None) or their desks'."""
    if rights is None or rights.desks is None:
        return None
    return lead_store.Scope(rights.desks, rights.sectors)


def leads_page(filter_name: str, page: int, *, session: Session, size: int = 6, rights: Rights | None = None,
               clock: Clock = DEFAULT_CLOCK, now: datetime | None = None) -> LeadsPage:
    """A page of the leads matching ``filter_name`` (a key of :data:`FILTERS`) that ``rights`` cover, overdue ones
    first (longest overdue first), then newest first; clamped to the pages there are."""
    statuses, scope, now = FILTERS[filter_name], scope_of(rights), now or utcnow()
    total = lead_store.count_leads(session=session, statuses=statuses, scope=scope)
    page = min(max(page, 0), max(0, (total - 1) // size))
    items = lead_store.leads(session=session, statuses=statuses, offset=page * size, limit=size, scope=scope, overdue_first_at=now)
    return LeadsPage([_clocked(view, clock, now) for view in _views(items, session=session)], total, page, size, filter_name)


def lead_view(lead_id: int, *, session: Session, clock: Clock = DEFAULT_CLOCK, now: datetime | None = None) -> LeadView | None:
    """One lead with its context and clock, or None if there is no such lead."""
    lead = lead_store.get_lead_by_id(lead_id, session=session)
    return _clocked(_view(lead, session=session), clock, now or utcnow()) if lead is not None else None


def covers(rights: Rights | None, view: LeadView) -> bool:
    """Whether the admin with ``rights`` handles this lead (full admins every one, desk officers their desks')."""
    if rights is None:
        return False
    return rights.covers_product(view.product) if view.product is not None else rights.full


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A lead after an admin set its status; ``changed`` is False when it already had that status."""

    view: LeadView
    previous: LeadStatus
    changed: bool


def set_status(actor_id: int, lead_id: int, status: LeadStatus, *, session: Session) -> StatusChange | None:
    """Set a lead's status and log it; None if the lead does not exist."""
    lead = lead_store.get_lead_by_id(lead_id, session=session)
    if lead is None:
        return None
    previous = lead.status
    if previous != status:
        lead.status, lead.updated_at = status, utcnow()
        session.add(lead)
        session.flush()
        audit.record(actor_id, audit.LEAD_STATUS, session=session, target=str(lead_id), before={"status": previous}, after={"status": status})
    return StatusChange(view=_view(lead, session=session), previous=previous, changed=previous != status)


# ------------------------------------------------------------------------------- the investor's view


@dataclass(frozen=True, slots=True)
class LeadEvent:
    """One step of a lead's history: when it reached ``status``."""

    at: datetime
    status: LeadStatus


@dataclass(frozen=True, slots=True)
class MyLead:
    """One of an investor's interests with what happened to it, oldest step first."""

    view: LeadView
    timeline: tuple[LeadEvent, ...]


_STATUSES = frozenset(status.value for status in LeadStatus)
_HISTORY = (audit.LEAD_STATUS, audit.LEAD_WITHDRAW, audit.LEAD_RENEW)


def my_leads(user_id: int, *, session: Session, clock: Clock = DEFAULT_CLOCK, now: datetime | None = None) -> list[MyLead]:
    """Every interest the user expressed, newest first, each with its status history and, while the desk owes an
    answer, the day it is due."""
    now = now or utcnow()
    mine = lead_store.leads_of(user_id, session=session)
    history: dict[str, list[LeadEvent]] = {}
    for entry in audit_store.audit_entries(_HISTORY, [str(lead.id) for lead in mine], session=session):
        status = (entry.after or {}).get("status")
        if isinstance(status, str) and status in _STATUSES:
            history.setdefault(entry.target, []).append(LeadEvent(entry.at, LeadStatus(status)))
    return [
        MyLead(_clocked(view, clock, now), (LeadEvent(view.lead.created_at, LeadStatus.NEW), *history.get(str(view.lead.id), [])))
        for view in _views(mine, session=session)
    ]


WITHDRAWABLE = (LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.MEETING)


def withdraw(user_id: int, lead_id: int, *, session: Session) -> LeadView | None:
    """Take back the user's own interest while a desk may still act on it; None if it is not theirs or is settled."""
    lead = lead_store.get_lead_by_id(lead_id, session=session)
    if lead is None or lead.user_id != user_id or lead.status not in WITHDRAWABLE:
        return None
    previous = lead.status
    lead.status, lead.updated_at = LeadStatus.WITHDRAWN, utcnow()
    session.add(lead)
    user = user_store.get_user(user_id, session=session)
    if user is not None and user.pending_note_lead_id == lead.id:  # a note asked for before is no longer taken
        user.pending_note_lead_id = None
        session.add(user)
    session.flush()
    audit.record(user_id, audit.LEAD_WITHDRAW, session=session, target=str(lead_id), before={"status": previous},
                 after={"status": LeadStatus.WITHDRAWN})
    return _view(lead, session=session)


class NoteRefused(Exception):
    """The user may not add a note to this lead: they withdrew it (a stale button)."""


def ask_note(user_id: int, lead_id: int, *, session: Session) -> LeadView | None:
    """Take the user's next message as a note on their own lead (as after "I'm interested"); None if it is not
    theirs; raises :class:`NoteRefused`, changing nothing, for an interest they withdrew."""
    lead = lead_store.get_lead_by_id(lead_id, session=session)
    user = user_store.get_user(user_id, session=session)
    if lead is None or user is None or lead.user_id != user_id:
        return None
    if not can_note(lead):
        raise NoteRefused(lead_id)
    user.pending_note_lead_id, user.pending_profile_step = lead.id, None  # the newest question wins
    session.add(user)
    return _view(lead, session=session)
