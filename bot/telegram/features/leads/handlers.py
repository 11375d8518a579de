"""What happens when someone presses "I'm interested", skips the note, or sends it; the admins' notices.

The note itself arrives as a plain message: the search feature's text handler hands it here first
(:func:`take_note`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.i18n import N_, Html, digits, label, t, tn
from bot.services import admins, leads, profile_answers, users
from bot.services.response_clock import Clock
from bot.store.models import Desk, Product, Sector
from bot.telegram.turn import Notice, Outcome, Turn, on_press
from bot.telegram.ui import Reply, cut, keyboard, name, status, user_link
from matching.index import list_items
from matching.intent import names_a_company, speaks_as_maker
from matching.smalltalk import Talk, small_talk

from ..admin.leads import LeadCard
from . import mine
from .buttons import Interested, SkipNote

if TYPE_CHECKING:
    from bot.telegram.app import App

# ---------------------------------------------------------------------------------------- handlers


def press_interested(turn: Turn, pressed: Interested) -> Outcome:
    """Register a lead once; the first time, confirm, ask for a note and tell its desk's officers (every full admin
    when the desk has none)."""
    language = turn.language
    try:
        interest = leads.register_interest(turn.person.id, pressed.code, session=turn.session, clock=Clock.of(turn.settings))
    except leads.UnknownProduct:
        return Outcome(toast=t(language, "expired"))
    except leads.NotOpen as finished:
        # A card shown before the listing closed still has the button: say so, never "the desk will call".
        return Outcome(toast=t(language, "interest_not_open", code=finished.product.code, status=status(language, finished.product.status)))
    if not interest.created:
        return Outcome(toast=t(language, "interest_already", code=interest.product.code))
    product, desk = interest.product, interest.desk
    link = user_link(turn.person.id, turn.person.first_name, turn.person.username)
    notices = tuple(
        Notice(admin_id, admin_new_lead(turn.language_of(admin_id), lead_id=interest.lead.id or 0, user=link, product=product,
                                        desk=desk, sector=interest.sector))
        for admin_id in admins.responsible_for(desk, session=turn.session, settings=turn.settings)
    )
    # A confirmation is a new message: the card it was pressed on stays.
    return Outcome(reply=interest_registered(language, product.code, name(language, product), desk), notices=notices)


def press_skip(turn: Turn, pressed: SkipNote) -> Outcome:
    """Stop waiting for the note."""
    skipped = users.cancel_pending(turn.person.id, session=turn.session)
    return Outcome(toast=t(turn.language, N_("note_skipped") if skipped else N_("expired")))


# A note longer than this, or with a figure or an address in it, is a note even when it names a product.
_SEARCH_WORDS = 6


def take_note(turn: Turn) -> Outcome | None:
    """The message as the note of the user's latest lead, if the bot asked for one; else ``None``.

    "Skip" typed ends the question as the button does, and a short message naming another listing is the user's
    next search (the question lapses): a user trial's «بگذر» and «پمپ بنزین برقی» reached the desk as notes. A line
    about the investor's company is the note even when it names a product: a blind trial's «لنت ترمز هم تولید
    میکنیم» (we also make brake pads) was searched and lost."""
    if turn.waiting.note_lead_id is None:
        return None
    # "Skip" typed rather than pressed, «بدون یادداشت», «نه مرسی», ``na mersi``: the refusals of every question.
    if profile_answers.is_refusal(turn.text) or _says_nothing(turn.text):
        users.cancel_pending(turn.person.id, session=turn.session)
        return Outcome(reply=Reply(t(turn.language, "note_skipped")))
    if _names_another_listing(turn):
        users.cancel_pending(turn.person.id, session=turn.session)
        return None
    saved = leads.save_note(turn.person.id, turn.text, session=turn.session)
    if saved is None:
        return None
    lead = saved.lead
    view = leads.lead_view(lead.id or 0, session=turn.session)
    link = user_link(turn.person.id, turn.person.first_name, turn.person.username)
    notices = tuple(
        Notice(admin_id, admin_lead_note(turn.language_of(admin_id), lead_id=lead.id or 0, code=lead.product_code, user=link,
                                         note=saved.note.text))
        for admin_id in admins.responsible_for(view.desk if view else None, session=turn.session, settings=turn.settings)
    )
    earlier = len(saved.notes) - 1
    if not earlier:
        return Outcome(reply=Reply(t(turn.language, "note_saved")), notices=notices)
    # Say it joined the others: a second note replacing the first is what investors feared (and once happened).
    return Outcome(reply=Reply(tn(turn.language, "note_added", earlier, count=digits(turn.language, str(earlier)))), notices=notices)


def _says_nothing(text: str) -> bool:
    """Thanks, greetings and a lone ok or yes («مرسی», "ok thanks", «باشه») tell the desk nothing: they close the
    question as Skip. Other talk is a note ("call me")."""
    talk = small_talk(text)
    return talk in _NOTHING_TO_NOTE or (talk is Talk.NO_PRODUCT and len(text.split()) == 1)


_NOTHING_TO_NOTE = frozenset({Talk.THANKS, Talk.GREETING, Talk.FAREWELL, Talk.WISHES})


def _names_another_listing(turn: Turn) -> bool:
    """Whether the message is short (or a list of a few products), holds no figure or address, and finds
    confidently a listing other than the one the note was asked about, itself or one of its items: a blind trial's
    «لنت ترمز و کمک فنر و رادیاتور» after "I'm interested" in the brake pads was saved as a note, two searches lost."""
    text = turn.text
    items = list_items(text)
    if (len(text.split()) > _SEARCH_WORDS and not items) or any(ch.isdigit() or ch == "@" for ch in text):
        return False
    if speaks_as_maker(text) or names_a_company(text):
        return False
    lead = leads.pending_note_lead(turn.person.id, session=turn.session)
    if lead is None:
        return False
    for said in [text, *items]:
        found = turn.matcher.search(said, limit=1)
        if found and found[0].kind == "product" and found[0].code != lead.product_code:
            return True
    return False


def register(application: App) -> None:
    application.add_handler(on_press(Interested, press_interested))
    application.add_handler(on_press(SkipNote, press_skip))
    mine.register(application)


# --------------------------------------------------------------------------------------- renderers


def interest_registered(language: str, code: str, product_name: str, desk: Desk | None) -> Reply:
    """Confirmation of a new lead, asking for the optional note."""
    desk_line = t(language, "interest_desk_line", desk=name(language, desk)) if desk else t(language, "interest_no_desk")
    return Reply(t(language, "interest_registered", code=code, name=cut(product_name, 200), desk_line=Html(desk_line)),
                 keyboard([[SkipNote().button(label(language, "btn_skip"))]]))


def admin_new_lead(language: str, *, lead_id: int, user: Html, product: Product, desk: Desk | None, sector: Sector | None) -> Reply:
    """The notice admins get for a new lead, with a button to its card."""
    open_lead = LeadCard(lead_id).button(label(language, "btn_open_lead", id=digits(language, str(lead_id))))
    return Reply(
        t(language, "admin_new_lead", lead_id=digits(language, str(lead_id)), user=user, code=product.code, name=cut(name(language, product), 200),
          sector=name(language, sector) if sector else product.sector, desk=name(language, desk) if desk else t(language, "none")),
        keyboard([[open_lead]]),
    )


def admin_lead_note(language: str, *, lead_id: int, code: str, user: Html, note: str) -> Reply:
    """The notice admins get when an investor adds a note to a lead."""
    return Reply(t(language, "admin_lead_note", lead_id=digits(language, str(lead_id)), code=code, user=user, note=cut(note, 1000)))
