"""/myleads: an investor's own interests with where each stands and how it got there, withdrawing one
(after a confirm step; the desk's officers are told) and adding a note to one. While the desk owes an answer,
each says by when it is due."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton
from telegram.ext import CommandHandler

from bot.dates import format_date, format_moment
from bot.i18n import N_, Html, digits, label, t
from bot.services import admins, introductions, leads
from bot.services.response_clock import Clock
from bot.services.leads import MyLead, LeadView
from bot.telegram.turn import Notice, Outcome, Turn, expired, handler, on_press
from bot.telegram.ui import Reply, cut, keyboard, name, page_bounds, pager, user_link

from ..admin.leads import LeadCard, notes_text, status_name
from ..introductions.buttons import MyIntroductions
from .buttons import ConfirmWithdraw, MyLeads, NoteLead, SkipNote, WithdrawLead

if TYPE_CHECKING:
    from bot.telegram.app import App

PER_PAGE = 5
NOTES_BUDGET = 500
"""Characters of notes each interest on a /myleads page shows (the newest that fit): five stay inside 4096."""
PROMPT_NOTES_BUDGET = 2500
"""Characters of notes the question for another note shows."""

# ---------------------------------------------------------------------------------------- handlers


def _page(turn: Turn, page: int) -> Reply:
    return my_leads_page(turn.language, leads.my_leads(turn.person.id, session=turn.session, clock=Clock.of(turn.settings)), page,
                         turn.settings.tz, introductions=introductions.has_any(turn.person.id, session=turn.session))


@handler
def myleads_command(turn: Turn) -> Outcome:
    """The first page of the user's interests."""
    return Outcome(reply=_page(turn, 0))


def page_pressed(turn: Turn, pressed: MyLeads) -> Outcome:
    """Another page of /myleads (or back to it from a confirm step), in place."""
    return Outcome(reply=_page(turn, pressed.page), edit=True)


def withdraw_pressed(turn: Turn, pressed: WithdrawLead) -> Outcome:
    """Ask before taking an interest back: the desk will stop acting on it."""
    mine = next((item.view for item in leads.my_leads(turn.person.id, session=turn.session) if item.view.lead.id == pressed.lead_id), None)
    if mine is None or mine.lead.status not in leads.WITHDRAWABLE:
        return Outcome(toast=t(turn.language, "withdraw_not_possible"))
    return Outcome(reply=withdraw_question(turn.language, mine, pressed.page), edit=True, awaits_tap=True)


def confirm_pressed(turn: Turn, pressed: ConfirmWithdraw) -> Outcome:
    """Withdraw the interest, tell the admins, and show the list again with its new status."""
    language = turn.language
    view = leads.withdraw(turn.person.id, pressed.lead_id, session=turn.session)
    if view is None:
        return Outcome(reply=_page(turn, pressed.page), edit=True, toast=t(language, "withdraw_not_possible"))
    link = user_link(turn.person.id, turn.person.first_name, turn.person.username)
    notices = tuple(Notice(admin_id, admin_withdrawn(turn.language_of(admin_id), view, link))
                    for admin_id in admins.responsible_for(view.desk, session=turn.session, settings=turn.settings))
    return Outcome(reply=_page(turn, pressed.page), edit=True, toast=t(language, "withdraw_done", code=view.lead.product_code),
                   notices=notices)


def note_pressed(turn: Turn, pressed: NoteLead) -> Outcome:
    """Take the user's next message as a note on this interest (the text handler hands it to ``take_note``)."""
    try:
        view = leads.ask_note(turn.person.id, pressed.lead_id, session=turn.session)
    except leads.NoteRefused:
        # A /myleads page shown before the withdrawal still has the button: say why, change nothing.
        return Outcome(toast=t(turn.language, "note_not_possible"))
    if view is None:
        return expired(turn)
    return Outcome(reply=note_question(turn.language, view, turn.settings.tz))


def register(application: App) -> None:
    application.add_handler(CommandHandler("myleads", myleads_command))
    application.add_handler(on_press(MyLeads, page_pressed))
    application.add_handler(on_press(WithdrawLead, withdraw_pressed))
    application.add_handler(on_press(ConfirmWithdraw, confirm_pressed))
    application.add_handler(on_press(NoteLead, note_pressed))


# --------------------------------------------------------------------------------------- renderers


def _listing(language: str, view: LeadView) -> str:
    return cut(name(language, view.product), 150) if view.product is not None else t(language, "none")


def _item(language: str, item: MyLead, tz: ZoneInfo) -> str:
    view = item.view
    events = "\n".join(t(language, "mylead_event", when=format_moment(language, event.at, tz), status=status_name(language, event.status, investor=True))
                       for event in item.timeline)
    text = t(language, "mylead_item", code=view.lead.product_code, name=_listing(language, view),
             desk=cut(name(language, view.desk), 150) if view.desk else t(language, "program_team"),
             status=status_name(language, view.lead.status, investor=True), timeline=Html(events))
    if view.due is not None:  # the desk still owes an answer: by when
        text += "\n" + t(language, N_("mylead_answer_overdue") if view.overdue_by else N_("mylead_answer_by"),
                         date=format_date(language, view.due))
    if view.notes:
        text += "\n" + t(language, "mylead_note", note=notes_text(language, view.notes, tz, NOTES_BUDGET))
    return text


def _buttons(language: str, view: LeadView, page: int) -> list[InlineKeyboardButton]:
    lead = view.lead
    assert lead.id is not None
    row = [NoteLead(lead.id).button(label(language, "btn_lead_note", code=lead.product_code))] if leads.can_note(lead) else []
    if lead.status in leads.WITHDRAWABLE:
        row.insert(0, WithdrawLead(lead.id, page).button(label(language, "btn_withdraw", code=lead.product_code)))
    return row


def my_leads_page(language: str, items: list[MyLead], page: int, tz: ZoneInfo, *, introductions: bool = False) -> Reply:
    """A page of the user's interests, newest first, each with its timeline and its buttons; with
    ``introductions`` (the user has some), a button to /introductions."""
    to_introductions = [MyIntroductions().button(label(language, "btn_my_introductions"))] if introductions else []
    if not items:
        return Reply(t(language, "myleads_empty"), keyboard([to_introductions]))
    total = len(items)
    page, first, end = page_bounds(total, page, PER_PAGE)
    header = t(language, "myleads_header", first=digits(language, str(first + 1)), last=digits(language, str(end)),
               total=digits(language, str(total)))
    shown = items[first:end]
    rows = [_buttons(language, item.view, page) for item in shown]
    rows.append(pager(language, page, total, PER_PAGE, MyLeads))
    rows.append(to_introductions)
    return Reply("\n\n".join([header, *(_item(language, item, tz) for item in shown)]), keyboard(rows))


def withdraw_question(language: str, view: LeadView, page: int) -> Reply:
    """The confirm step before a withdrawal."""
    assert view.lead.id is not None
    return Reply(t(language, "withdraw_confirm", code=view.lead.product_code, name=_listing(language, view)),
                 keyboard([[ConfirmWithdraw(view.lead.id, page).button(label(language, "btn_withdraw_yes")),
                            MyLeads(page).button(label(language, "btn_back_myleads"))]]))


def note_question(language: str, view: LeadView, tz: ZoneInfo) -> Reply:
    """Ask for a note, as after "I'm interested"; with the notes the interest has, which the new one joins."""
    skip = keyboard([[SkipNote().button(label(language, "btn_skip"))]])
    if not view.notes:
        return Reply(t(language, "mylead_note_ask", code=view.lead.product_code, name=_listing(language, view)), skip)
    return Reply(t(language, "mylead_note_ask_more", code=view.lead.product_code, name=_listing(language, view),
                   notes=notes_text(language, view.notes, tz, PROMPT_NOTES_BUDGET)), skip)


def admin_withdrawn(language: str, view: LeadView, user: Html) -> Reply:
    """The notice admins get when an investor takes an interest back, with a button to its card."""
    lead_id = view.lead.id or 0
    shown_id = digits(language, str(lead_id))  # Persian digits for a Persian admin, as in the new-lead notice
    return Reply(t(language, "admin_lead_withdrawn", lead_id=shown_id, user=user, code=view.lead.product_code, name=_listing(language, view)),
                 keyboard([[LeadCard(lead_id).button(label(language, "btn_open_lead", id=shown_id))]]))
