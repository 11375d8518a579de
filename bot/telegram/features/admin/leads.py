"""Admins follow the leads ("I'm interested" presses): /leads pages, a lead's card, and its status buttons.

Setting a status tells the investor, in their language, and the admin's toast says whether they were told.
Desk officers see and handle only their desks' leads; overdue leads come first, with how overdue they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Literal, cast
from zoneinfo import ZoneInfo

from telegram.ext import CommandHandler

from collections.abc import Sequence

from bot.dates import format_date, format_moment
from bot.i18n import N_, Html, label, t, tn
from bot.services import leads
from bot.services.response_clock import Clock
from bot.services.inputs import clean_text
from bot.services.lead_reminders import Reminder
from bot.services.leads import SETTABLE, LeadsPage, LeadView
from bot.store.models import LeadNote, LeadStatus
from bot.telegram.buttons import ButtonData, Page, RecordId
from bot.telegram.turn import Notice, Outcome, Turn, admin_handler, on_press
from bot.telegram.ui import Reply, cut, keyboard, name, pager, user_link

from .render import bounded, date, number

if TYPE_CHECKING:
    from bot.telegram.app import App

LeadFilter = Literal["open", "all", "new", "contacted", "meeting", "declined", "closed", "withdrawn"]
"""Which leads a page shows (the keys of ``leads.FILTERS``)."""
SettableStatus = Literal["contacted", "meeting", "declined", "closed"]
"""The statuses an admin sets with the buttons (``leads.SETTABLE``; every lead starts "new")."""


@dataclass(frozen=True, slots=True)
class LeadList(ButtonData):
    """A page of leads (open ones, all, or one status)."""

    prefix: ClassVar[str] = "ll"
    filter: LeadFilter
    page: Page = 0


@dataclass(frozen=True, slots=True)
class LeadCard(ButtonData):
    """A lead's card, remembering the page to go back to."""

    prefix: ClassVar[str] = "lc"
    lead_id: RecordId
    filter: LeadFilter = "open"
    page: Page = 0


@dataclass(frozen=True, slots=True)
class SetLeadStatus(ButtonData):
    """Move a lead on to ``status``, remembering the page to go back to."""

    prefix: ClassVar[str] = "ls"
    lead_id: RecordId
    status: SettableStatus
    filter: LeadFilter = "open"
    page: Page = 0


# Each status as the desk's officers read it and as the investor does (/myleads), saying who did what: a blind trial's
# readers could not tell from "Contacted" who had contacted whom.
_STATUS = {LeadStatus.NEW: N_("lead_status_new"), LeadStatus.CONTACTED: N_("lead_status_contacted"),
           LeadStatus.MEETING: N_("lead_status_meeting"), LeadStatus.DECLINED: N_("lead_status_declined"),
           LeadStatus.CLOSED: N_("lead_status_closed"), LeadStatus.WITHDRAWN: N_("lead_status_withdrawn")}
_INVESTOR_STATUS = {LeadStatus.NEW: N_("mylead_status_new"), LeadStatus.CONTACTED: N_("mylead_status_contacted"),
                    LeadStatus.MEETING: N_("mylead_status_meeting"), LeadStatus.DECLINED: N_("mylead_status_declined"),
                    LeadStatus.CLOSED: N_("mylead_status_closed"), LeadStatus.WITHDRAWN: N_("mylead_status_withdrawn")}
_STATUS_BUTTON = {LeadStatus.CONTACTED: N_("btn_lead_contacted"), LeadStatus.MEETING: N_("btn_lead_meeting"),
                  LeadStatus.DECLINED: N_("btn_lead_declined"), LeadStatus.CLOSED: N_("btn_lead_closed")}
# What the investor is told when a desk officer moves their lead on.
_INVESTOR_UPDATE = {LeadStatus.CONTACTED: N_("investor_lead_contacted"), LeadStatus.MEETING: N_("investor_lead_meeting"),
                    LeadStatus.DECLINED: N_("investor_lead_declined"), LeadStatus.CLOSED: N_("investor_lead_closed")}
_FILTER = {"open": N_("leads_filter_open"), "all": N_("leads_filter_all")}


# ------------------------------------------------------------------------------------ renderers


def status_name(language: str, status: LeadStatus, *, investor: bool = False) -> str:
    """A lead status in the reader's language, with its sign; as the investor reads it when ``investor``."""
    return t(language, _INVESTOR_STATUS[status]) if investor else t(language, _STATUS[status])


def _filter_name(language: str, filter_name: str) -> str:
    return t(language, _FILTER[filter_name]) if filter_name in _FILTER else status_name(language, LeadStatus(filter_name))


def _investor(view: LeadView) -> Html:
    user = view.user
    return user_link(view.lead.user_id, user.first_name if user else "", user.username if user else None)


def _product_name(language: str, view: LeadView) -> str:
    return cut(name(language, view.product), 150) if view.product is not None else t(language, "none")


def clock_text(language: str, view: LeadView) -> str:
    """"⏰ overdue by 2 working days (due 2026-12-08)" or "due by «۱۸ آذر ۱۴۰۵»" for a lead the desk owes an answer;
    else empty."""
    if view.due is None:
        return ""
    due = format_date(language, view.due)
    if view.overdue_by:
        return tn(language, "lead_overdue_by", view.overdue_by, days=number(language, view.overdue_by), date=due)
    return t(language, "lead_due_by", date=due)


CARD_NOTES_BUDGET = 2000
"""Characters of notes a lead card shows (the newest that fit): a card stays well inside Telegram's 4096."""


def notes_text(language: str, notes: Sequence[LeadNote], tz: ZoneInfo, budget: int) -> Html:
    """A lead's notes, one a line with when each was written (Jalali in Persian), oldest first; when they do not
    all fit in ``budget`` characters, the newest that do, after a line saying how many earlier ones are left out.
    Empty for no notes. The newest always shows: a note is at most ``leads.NOTE_MAX_LENGTH`` characters, well
    inside any ``budget`` given."""
    lines = [t(language, "lead_note_line", when=format_moment(language, note.created_at, tz), note=note.text) for note in notes]
    kept: list[str] = []
    used = 0
    for line in reversed(lines):
        if kept and used + len(line) + 1 > budget - 80:
            break
        kept.insert(0, line)
        used += len(line) + 1
    if len(kept) < len(lines):
        earlier = len(lines) - len(kept)
        kept.insert(0, tn(language, "lead_notes_earlier", earlier, count=number(language, earlier)))
    return Html("\n".join(kept))


def leads_page(language: str, page: LeadsPage, tz: ZoneInfo) -> Reply:
    """A page of leads with a button per lead and paging."""
    filter_text = _filter_name(language, page.filter)
    if not page.items:
        return Reply(t(language, "leads_empty", filter=filter_text))
    shown = cast(LeadFilter, page.filter)
    first = page.page * page.size
    lines = [t(language, "leads_header", filter=filter_text, first=number(language, first + 1),
               last=number(language, first + len(page.items)), total=number(language, page.total))]
    rows = []
    for view in page.items:
        lead = view.lead
        assert lead.id is not None
        lines.append(t(language, "lead_line", id=number(language, lead.id), code=lead.product_code, name=_product_name(language, view),
                       user=_investor(view), status=status_name(language, lead.status), date=date(language, lead.created_at, tz))
                     + (" · " + clock if (clock := clock_text(language, view)) else ""))
        investor = clean_text(view.user.first_name if view.user else "") or str(lead.user_id)
        rows.append([LeadCard(lead.id, shown, page.page).button(label(language, "btn_lead", id=number(language, lead.id), code=lead.product_code, user=investor))])
    rows.append(pager(language, page.page, page.total, page.size, partial(LeadList, shown)))
    return Reply("\n\n".join(lines), keyboard(rows))


def lead_card(language: str, view: LeadView, tz: ZoneInfo, filter_name: LeadFilter = "open", page: int = 0) -> Reply:
    """A lead with its investor and listing, the status buttons (the current one marked) and the way back."""
    lead = view.lead
    assert lead.id is not None
    text = t(
        language, "lead_card", id=number(language, lead.id), user=_investor(view), code=lead.product_code,
        name=_product_name(language, view), desk=name(language, view.desk) if view.desk else t(language, "none"),
        status=status_name(language, lead.status), created=date(language, lead.created_at, tz),
        note=Html("\n" + notes) if (notes := notes_text(language, view.notes, tz, CARD_NOTES_BUDGET)) else t(language, "none"),
    )
    if clock := clock_text(language, view):
        text += "\n" + clock
    buttons = []
    for status in SETTABLE:
        text_label = label(language, _STATUS_BUTTON[status])
        if status == lead.status:
            text_label = label(language, "btn_current", label=text_label)
        buttons.append(SetLeadStatus(lead.id, cast(SettableStatus, status.value), filter_name, page).button(text_label))
    back = LeadList(filter_name, page).button(label(language, "btn_back_leads"))
    return Reply(text, keyboard([buttons[:2], buttons[2:], [back]]))


REMINDER_BUTTONS = 8
"""Lead cards a reminder links to; the text lists every overdue lead (as many as fit)."""


def overdue_reminder(language: str, reminder: Reminder) -> Reply:
    """The daily reminder of one desk's overdue leads, longest overdue first, with buttons to their cards."""
    desk = cut(name(language, reminder.desk), 150) if reminder.desk else t(language, "program_team")
    header = tn(language, "leads_overdue_reminder", len(reminder.leads), count=number(language, len(reminder.leads)), desk=desk)
    lines = []
    for view in reminder.leads:
        assert view.lead.id is not None
        lines.append(t(language, "lead_overdue_line", id=number(language, view.lead.id), code=view.lead.product_code,
                       name=_product_name(language, view), user=_investor(view), clock=clock_text(language, view)))
    rows = [[LeadCard(view.lead.id or 0).button(label(language, "btn_open_lead", id=number(language, view.lead.id or 0)))]
            for view in reminder.leads[:REMINDER_BUTTONS]]
    return Reply("\n\n".join([header, *bounded(language, lines, 3400)]), keyboard(rows))


def investor_update(language: str, view: LeadView) -> Reply:
    """What the investor is told when their lead's status changes."""
    desk_name = name(language, view.desk) if view.desk else t(language, "program_team")
    update = t(language, _INVESTOR_UPDATE[view.lead.status], code=view.lead.product_code, name=_product_name(language, view),
               desk=cut(desk_name, 150))
    # A line, not a button: a button would replace this message with the list, and the desk's words with it.
    return Reply(update + "\n\n" + t(language, "investor_lead_more"))


# ------------------------------------------------------------------------------------- handlers


def _page(turn: Turn, filter_name: str, page: int) -> LeadsPage:
    """The page of the leads the sender handles (a desk officer: their desks')."""
    return leads.leads_page(filter_name, page, session=turn.session, rights=turn.rights, clock=Clock.of(turn.settings))


def _view(turn: Turn, lead_id: int) -> LeadView | None:
    return leads.lead_view(lead_id, session=turn.session, clock=Clock.of(turn.settings))


@admin_handler("/leads", desks=True)
def leads_command(turn: Turn) -> Outcome:
    """Page through leads, overdue first, then newest first: open ones, all, or those of one status."""
    filter_name = (turn.args[0] if turn.args else "open").lower()
    if filter_name not in leads.FILTERS:
        return Outcome(reply=Reply(t(turn.language, "leads_usage")))
    return Outcome(reply=leads_page(turn.language, _page(turn, filter_name, 0), turn.settings.tz))


def page_pressed(turn: Turn, pressed: LeadList) -> Outcome:
    """Another page of leads, in place."""
    return Outcome(reply=leads_page(turn.language, _page(turn, pressed.filter, pressed.page), turn.settings.tz), edit=True)


def card_pressed(turn: Turn, pressed: LeadCard) -> Outcome:
    """A lead's card, in place of the page (a desk officer's own desks' leads only)."""
    view = _view(turn, pressed.lead_id)
    if view is None:
        return Outcome(toast=t(turn.language, "expired"))
    if not leads.covers(turn.rights, view):
        return turn.refuse(f"lead {pressed.lead_id}", toast=True)
    return Outcome(reply=lead_card(turn.language, view, turn.settings.tz, pressed.filter, pressed.page), edit=True)


def status_pressed(turn: Turn, pressed: SetLeadStatus) -> Outcome:
    """Set the lead's status and tell the investor; the toast says whether they could be told."""
    found = _view(turn, pressed.lead_id)
    if found is not None and not leads.covers(turn.rights, found):
        return turn.refuse(f"lead {pressed.lead_id}", toast=True)
    change = leads.set_status(turn.person.id, pressed.lead_id, LeadStatus(pressed.status), session=turn.session)
    if change is None:
        return Outcome(toast=t(turn.language, "expired"))
    view, language = change.view, turn.language
    card = lead_card(language, view, turn.settings.tz, pressed.filter, pressed.page)
    status = status_name(language, view.lead.status)
    if not change.changed:
        return Outcome(reply=card, edit=True, toast=t(language, "lead_status_same", status=status))
    told = Notice(view.lead.user_id, investor_update(view.user.language if view.user else "en", view))
    return Outcome(reply=card, edit=True, notices=(told,), told_toasts=(
        t(language, "lead_status_told", status=status), t(language, "lead_status_unreachable", status=status)))


def register(application: App) -> None:
    """/leads and the buttons of its pages and cards."""
    application.add_handler(CommandHandler("leads", leads_command))
    application.add_handler(on_press(LeadList, page_pressed, admin=True, desks=True))
    application.add_handler(on_press(LeadCard, card_pressed, admin=True, desks=True))
    application.add_handler(on_press(SetLeadStatus, status_pressed, admin=True, desks=True))
