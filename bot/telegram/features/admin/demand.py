"""Admins turn unmet demand into listings: a /demand group's card and its actions.

Each group of /demand opens a card with three actions: **Add as alias of a listing** (one of the engine's closest
listings as a button, or a code typed in answer), **Draft a new listing** (the step-by-step form of /addproduct,
pre-filled; see :mod:`.listings`) and **Not a product need** (dismissed from the report, with an undo). Buttons name
a group by its newest search and the days the report looked back (see :mod:`bot.services.demand_actions`).

Waiting for a typed code is a :class:`~telegram.ext.ConversationHandler`, kept in this process's memory like the
/addproduct form: a restart drops it (the buttons keep working).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated, ClassVar

from telegram import InlineKeyboardButton, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, TypeHandler, filters
from telegram.warnings import PTBUserWarning

from bot.i18n import N_, Html, MessageId, commas, label, t
from bot.services import browse
from bot.services import demand_actions as actions
from bot.services.demand import DemandGroup
from bot.services.demand_actions import Done, Refusal
from bot.services.inputs import ascii_digits
from bot.services.search import Result
from bot.store.models import DemandState, Sector
from bot.telegram.buttons import ButtonData, Digits, ListingCode, RecordId
from bot.telegram.runtime import Context
from bot.telegram.turn import Outcome, Turn, on_press, run_turn
from bot.telegram.ui import Reply, cut, keyboard, name

from .render import number

if TYPE_CHECKING:
    from bot.telegram.app import App

Days = Annotated[int, Digits(3)]
WAITING_CODE = 1
"""The one state of the alias conversation: waiting for a typed listing code."""
CODE_TIMEOUT_MINUTES = 30
_CODE = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,31}")
"""What a typed listing code may be (the form of ``ListingCode``)."""


# ------------------------------------------------------------------------------------------ buttons


@dataclass(frozen=True, slots=True)
class DemandCard(ButtonData):
    """A /demand group's card with its actions (the group named by its newest search and the report's days)."""

    prefix: ClassVar[str] = "dm:g"
    search_id: RecordId
    days: Days


@dataclass(frozen=True, slots=True)
class AliasMenu(ButtonData):
    """Offer the closest listings to make the group's wording an alias of (or a code to type)."""

    prefix: ClassVar[str] = "dm:a"
    search_id: RecordId
    days: Days


@dataclass(frozen=True, slots=True)
class AliasTo(ButtonData):
    """Make the group's wording an alias of listing ``code``."""

    prefix: ClassVar[str] = "dm:t"
    search_id: RecordId
    days: Days
    code: ListingCode


@dataclass(frozen=True, slots=True)
class DraftListing(ButtonData):
    """Start the step-by-step /addproduct form pre-filled for the group (taken by :mod:`.listings`)."""

    prefix: ClassVar[str] = "dm:n"
    search_id: RecordId
    days: Days


@dataclass(frozen=True, slots=True)
class KeepSuggestion(ButtonData):
    """In a drafted listing's form, take the suggested value of step ``step`` (taken by :mod:`.listings`)."""

    prefix: ClassVar[str] = "dm:k"
    step: Annotated[int, Digits(2)]


@dataclass(frozen=True, slots=True)
class Dismiss(ButtonData):
    """Not a product need: leave the group out of the report."""

    prefix: ClassVar[str] = "dm:x"
    search_id: RecordId
    days: Days


@dataclass(frozen=True, slots=True)
class UndoDismiss(ButtonData):
    """Put a dismissed group back in the report."""

    prefix: ClassVar[str] = "dm:u"
    search_id: RecordId
    days: Days


BUTTONS = (DemandCard, AliasMenu, AliasTo, DraftListing, KeepSuggestion, Dismiss, UndoDismiss)


# ---------------------------------------------------------------------------------------- renderers


def quoted(language: str, text: str) -> str:
    """``text`` in the quotes of the reader's language: «…» in Persian, “…” in English."""
    return f"«{text}»" if language == "fa" else f"“{text}”"


def _examples(language: str, examples: Sequence[str]) -> str:
    return commas(language, (quoted(language, cut(example, 60)) for example in examples))


_STATE = {DemandState.OPEN: N_("demand_state_open"), DemandState.ALIASED: N_("demand_state_aliased"),
          DemandState.LISTED: N_("demand_state_listed"), DemandState.DISMISSED: N_("demand_state_dismissed")}


def state_text(language: str, group: DemandGroup) -> str:
    """What was decided about the group (or that it is open, and what the catalog answers it with now)."""
    if group.state is DemandState.OPEN and group.answered_by is not None:
        return t(language, "demand_state_found", code=group.answered_by)
    return t(language, _STATE[group.state], code=group.code or "")


def group_buttons(language: str, groups: Sequence[DemandGroup], days: int) -> list[list[InlineKeyboardButton]]:
    """One button per group of the report, opening its card."""
    return [[DemandCard(group.search_id, days).button(label(language, "btn_demand_group", rank=number(language, rank), need=group.label))]
            for rank, group in enumerate(groups, 1) if group.search_id is not None]


def card(language: str, group: DemandGroup, days: int, *, finglish: bool) -> Reply:
    """A group's counts, wordings and state, with the actions an open group takes (a dismissed one: undo);
    ``finglish``: the need is Persian typed in Latin letters (:meth:`Matcher.finglish`), which the card says, as its
    wording becomes a Persian-side alias, not an English name."""
    assert group.search_id is not None
    text = t(language, "demand_card", need=cut(group.label, 80), searches=number(language, group.searches),
             people=number(language, group.people), related=number(language, group.with_related),
             examples=_examples(language, group.examples), state=state_text(language, group))
    if finglish and group.state is DemandState.OPEN:
        text += "\n\n" + t(language, "demand_finglish", need=quoted(language, cut(group.label, 80)))
    if group.state is DemandState.OPEN:
        rows = [[AliasMenu(group.search_id, days).button(label(language, "btn_demand_alias"))],
                [DraftListing(group.search_id, days).button(label(language, "btn_demand_draft"))],
                [Dismiss(group.search_id, days).button(label(language, "btn_demand_dismiss"))]]
    elif group.state is DemandState.DISMISSED:
        rows = [[UndoDismiss(group.search_id, days).button(label(language, "btn_demand_undo"))]]
    else:
        rows = []
    return Reply(text, keyboard(rows))


def alias_menu(language: str, group: DemandGroup, days: int, closest: Sequence[Result], sectors: Sequence[Sector] = ()) -> Reply:
    """The closest listings as buttons, and how to type a code instead; with none, the ``sectors`` the need's words
    point to, where no close listing was found."""
    assert group.search_id is not None
    need = quoted(language, cut(group.label, 80))
    rows = [[AliasTo(group.search_id, days, result.code).button(label(language, "btn_demand_alias_to", code=result.code, name=name(language, result)))]
            for result in closest]
    if closest:
        text = t(language, "demand_alias_pick", need=need)
    elif sectors:
        text = t(language, "demand_alias_pick_none_in_sector", need=need, sectors=commas(language, (name(language, s) for s in sectors)))
    else:
        text = t(language, "demand_alias_pick_none", need=need)
    return Reply(text, keyboard(rows))


_REFUSED: dict[Refusal, MessageId] = {
    Refusal.GONE: N_("demand_gone"), Refusal.DECIDED: N_("demand_decided"), Refusal.UNKNOWN: N_("demand_alias_unknown"),
    Refusal.CLOSED: N_("demand_alias_closed"), Refusal.ALREADY_ALIAS: N_("demand_alias_taken"),
    Refusal.NOT_DISMISSED: N_("demand_not_dismissed"),
}


def refused(language: str, done: Done, days: int) -> Reply:
    """Why an action on a group was not taken."""
    assert done.refusal is not None
    group = done.group
    need = quoted(language, cut(group.label, 80)) if group is not None else ""
    state = state_text(language, group) if group is not None else ""
    return Reply(t(language, _REFUSED[done.refusal], days=number(language, days), need=need, code=done.code,
                   alias=quoted(language, cut(done.alias, 80)), state=state))


# ----------------------------------------------------------------------------------------- handlers


def _group(turn: Turn, search_id: int, days: int) -> DemandGroup | Reply:
    group = actions.find_group(search_id, days, session=turn.session, matcher=turn.matcher)
    return group if group is not None else refused(turn.language, Done(None, Refusal.GONE), days)


def open_card(turn: Turn, pressed: DemandCard) -> Outcome:
    """A group's card."""
    group = _group(turn, pressed.search_id, pressed.days)
    return Outcome(reply=group if isinstance(group, Reply) else card(turn.language, group, pressed.days, finglish=turn.matcher.finglish(group.label)))


@dataclass(frozen=True, slots=True)
class WaitingCode:
    """The alias conversation's state: the group whose wording the typed code gets."""

    search_id: int
    days: int


def _alias_menu(turn: Turn, pressed: AliasMenu) -> Outcome:
    group = _group(turn, pressed.search_id, pressed.days)
    if isinstance(group, Reply):
        return Outcome(reply=group)
    if group.state is not DemandState.OPEN:
        return Outcome(reply=refused(turn.language, Done(group, Refusal.DECIDED, group.code or ""), pressed.days))
    targets = actions.related_listings(group, turn.matcher)
    sectors = browse.sectors_named(targets.sectors, session=turn.session)
    return Outcome(reply=alias_menu(turn.language, group, pressed.days, targets.listings, sectors), state=WaitingCode(pressed.search_id, pressed.days))


def _aliased(turn: Turn, search_id: int, days: int, code: str) -> Outcome:
    """Make the wording an alias of ``code``; the search index is rebuilt before the next update."""
    done = actions.add_alias(turn.person.id, search_id, days, code, session=turn.session, matcher=turn.matcher)
    if not done.ok:
        keep = done.refusal in (Refusal.UNKNOWN, Refusal.CLOSED)  # a typed code may be sent again
        return Outcome(reply=refused(turn.language, done, days), state=WaitingCode(search_id, days) if keep else None)
    assert done.listing is not None
    text = t(turn.language, "demand_aliased", alias=quoted(turn.language, cut(done.alias, 80)), code=done.code, name=cut(name(turn.language, done.listing), 150))
    return Outcome(reply=Reply(text), catalog_changed=True)


def alias_to(turn: Turn, pressed: AliasTo) -> Outcome:
    """A listing tapped in the alias menu."""
    return _aliased(turn, pressed.search_id, pressed.days, pressed.code)


def _typed_code(waiting: WaitingCode, turn: Turn) -> Outcome:
    # A code is typed as it is read aloud ("ogs-19", «شعف-8» on the Persian layout), as /product takes it.
    typed = ascii_digits(turn.text.strip())
    code = (browse.written_as(typed, session=turn.session) if len(typed.split()) <= 2 else typed).upper()
    if _CODE.fullmatch(code) is None:
        return Outcome(reply=Reply(t(turn.language, "demand_alias_not_code", text=cut(turn.text.strip(), 40))), state=waiting)
    return _aliased(turn, waiting.search_id, waiting.days, code)


def dismiss(turn: Turn, pressed: Dismiss) -> Outcome:
    """Not a product need (audited), with an undo."""
    done = actions.dismiss(turn.person.id, pressed.search_id, pressed.days, session=turn.session, matcher=turn.matcher)
    if not done.ok or done.group is None:
        return Outcome(reply=refused(turn.language, done, pressed.days))
    need = quoted(turn.language, cut(done.group.label, 80))
    undo = UndoDismiss(pressed.search_id, pressed.days).button(label(turn.language, "btn_demand_undo"))
    return Outcome(reply=Reply(t(turn.language, "demand_dismissed", need=need), keyboard([[undo]])), edit=True)


def undo(turn: Turn, pressed: UndoDismiss) -> Outcome:
    """Put a dismissed group back in the report (audited)."""
    done = actions.undo_dismissal(turn.person.id, pressed.search_id, pressed.days, session=turn.session,
                                 matcher=turn.matcher)
    if not done.ok or done.group is None:
        return Outcome(reply=refused(turn.language, done, pressed.days))
    text = t(turn.language, "demand_undone", need=quoted(turn.language, cut(done.group.label, 80)))
    return Outcome(reply=Reply(text, card(turn.language, done.group, pressed.days, finglish=False).markup), edit=True)


# ------------------------------------------------------------------------------- the alias conversation

WAITING_KEY = "demand_alias"


def _keep(context: Context, state: object) -> object:
    if context.user_data is None:
        return ConversationHandler.END
    if isinstance(state, WaitingCode):
        context.user_data[WAITING_KEY] = state
        return WAITING_CODE
    context.user_data.pop(WAITING_KEY, None)
    return ConversationHandler.END


async def _turn(update: Update, context: Context, body: Callable[[Turn], Outcome]) -> object:
    return _keep(context, (await run_turn(update, context, body, admin="/demand")).state)


async def start_alias(update: Update, context: Context) -> object:
    """The alias menu; a typed code answers it."""
    assert update.callback_query is not None
    pressed = AliasMenu.unpack(update.callback_query.data)
    assert pressed is not None
    return await _turn(update, context, lambda turn: _alias_menu(turn, pressed))


async def tapped_alias(update: Update, context: Context) -> object:
    """A listing tapped while a code was awaited: the conversation ends with it."""
    assert update.callback_query is not None
    pressed = AliasTo.unpack(update.callback_query.data)
    assert pressed is not None
    return await _turn(update, context, lambda turn: alias_to(turn, pressed))


async def typed_code(update: Update, context: Context) -> object:
    """A code sent in answer to the alias menu."""
    waiting = context.user_data.get(WAITING_KEY) if context.user_data is not None else None
    if not isinstance(waiting, WaitingCode):
        return ConversationHandler.END
    return await _turn(update, context, lambda turn: _typed_code(waiting, turn))


def _stopped(turn: Turn) -> Outcome:
    return Outcome(reply=Reply(t(turn.language, "demand_alias_cancelled")))


async def cancel(update: Update, context: Context) -> object:
    """Stop waiting for a code; nothing changes."""
    _keep(context, None)
    await run_turn(update, context, _stopped)
    return ConversationHandler.END


async def timed_out(update: Update, context: Context) -> None:
    """Stop waiting for a code after a long silence (nothing to tell: the buttons still work)."""
    _keep(context, None)


def conversation() -> ConversationHandler[Context]:
    """The alias menu, then a typed code (or a tapped listing, or /cancel)."""
    with warnings.catch_warnings():  # per_message=False on purpose: the typed code is a message, not a press
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[CallbackQueryHandler(start_alias, pattern=AliasMenu.pattern())],
            states={
                WAITING_CODE: [CallbackQueryHandler(tapped_alias, pattern=AliasTo.pattern()),
                               MessageHandler(filters.TEXT & ~filters.COMMAND, typed_code)],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)],
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            allow_reentry=True,
            conversation_timeout=timedelta(minutes=CODE_TIMEOUT_MINUTES),
            name="admin_demand_alias",
        )


def register(application: App) -> None:
    """The alias conversation first (while it waits, the typed code comes before the search), then the buttons."""
    application.add_handler(conversation())
    application.add_handler(on_press(DemandCard, open_card, admin=True))
    application.add_handler(on_press(AliasTo, alias_to, admin=True))
    application.add_handler(on_press(Dismiss, dismiss, admin=True))
    application.add_handler(on_press(UndoDismiss, undo, admin=True))

