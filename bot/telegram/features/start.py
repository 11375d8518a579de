"""Getting started: /start (and the ``p_<CODE>`` deep links digests carry), /help, /language, /cancel,
the main menu under the greeting and the language buttons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from telegram import InlineKeyboardMarkup
from telegram.ext import CommandHandler

from bot.i18n import N_, Html, label, t
from bot.services import browse, suppliers, users
from bot.services.inputs import clean_text
from bot.telegram.buttons import ButtonData
from bot.telegram.turn import Outcome, Turn, handler, on_press
from bot.telegram.ui import Reply, cut, keyboard

from .browse import render as browse_render
from .browse.handlers import card_for
from .browse.buttons import DEEP_LINK_PRODUCT, ListDesks, ListSectors

if TYPE_CHECKING:
    from bot.telegram.app import App

"""/start's payload that opens a listing (digests link every listing so)."""


@dataclass(frozen=True, slots=True)
class ChooseLanguage(ButtonData):
    prefix: ClassVar[str] = "lang"
    language: Literal["fa", "en"]


@dataclass(frozen=True, slots=True)
class ShowHelp(ButtonData):
    prefix: ClassVar[str] = "help"


# ---------------------------------------------------------------------------------------- handlers


@handler
def start_command(turn: Turn) -> Outcome:
    """Greet the user, or open a listing from a ``p_<CODE>`` deep link; admins get their menu."""
    menu, officer = (turn.language if turn.is_admin else None), _officer(turn)
    payload = turn.args[0] if turn.args else ""
    if payload.startswith(DEEP_LINK_PRODUCT):
        code = browse.written_as(payload.removeprefix(DEEP_LINK_PRODUCT), session=turn.session)
        card = browse.product_card(code, session=turn.session)
        if card is None:
            # A link mistyped or cut short offers the codes it may have meant, as /product does.
            suggestions = browse.listings(browse.closest_codes(code, session=turn.session), session=turn.session)
            return Outcome(reply=browse_render.not_found(turn.language, code, suggestions), admin_menu=menu, officer_menu=officer)
        return Outcome(reply=card_for(turn, card), admin_menu=menu, officer_menu=officer)
    return Outcome(reply=greeting(turn.language, turn.person.first_name), admin_menu=menu, officer_menu=officer)


def _officer(turn: Turn) -> bool:
    """Whether the sender is a desk officer (an admin of some desks only), whose menu and help are shorter."""
    rights = turn.rights
    return rights is not None and not rights.full


@handler
def help_command(turn: Turn) -> Outcome:
    """Explain how to search and list the commands (admins also get theirs)."""
    return Outcome(reply=help_text(turn.language, admin=turn.is_admin, officer=_officer(turn)))


@handler
def language_command(turn: Turn) -> Outcome:
    """Offer Persian and English."""
    return Outcome(reply=language_choice(turn.language))


@handler
def cancel_command(turn: Turn) -> Outcome:
    """Drop whatever the bot was waiting for."""
    cancelled = users.cancel_pending(turn.person.id, session=turn.session)
    # A desk's message to a manufacturer is waited for apart (bot.services.suppliers): /cancel drops it too.
    cancelled = suppliers.cancel(turn.person.id, session=turn.session) or cancelled
    return Outcome(reply=Reply(t(turn.language, N_("cancelled") if cancelled else N_("nothing_to_cancel"))))


def choose_language(turn: Turn, pressed: ChooseLanguage) -> Outcome:
    """Switch the bot's language; the greeting and an admin's command menu follow it."""
    language = pressed.language
    users.set_language(turn.person.id, language, session=turn.session)
    return Outcome(reply=greeting(language, turn.person.first_name), edit=True, toast=t(language, "language_set"),
                   admin_menu=language if turn.is_admin else None, officer_menu=_officer(turn))


def show_help(turn: Turn, pressed: ShowHelp) -> Outcome:
    return Outcome(reply=help_text(turn.language), edit=True)


def register(application: App) -> None:
    application.add_handler(CommandHandler("start", start_command))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("language", language_command))
    application.add_handler(CommandHandler("cancel", cancel_command))
    application.add_handler(on_press(ChooseLanguage, choose_language))
    application.add_handler(on_press(ShowHelp, show_help))


# --------------------------------------------------------------------------------------- renderers


def main_menu(language: str, *, with_help: bool = True) -> InlineKeyboardMarkup | None:
    """Sectors, desks, help (not on the help message itself) and the other language."""
    other: Literal["fa", "en"] = "en" if language == "fa" else "fa"
    second_row = [ChooseLanguage(other).button(label(language, "btn_language"))]
    if with_help:
        second_row.insert(0, ShowHelp().button(label(language, "btn_help")))
    return keyboard([[ListSectors().button(label(language, "btn_sectors")), ListDesks().button(label(language, "btn_desks"))], second_row])


def greeting(language: str, first_name: str) -> Reply:
    """The greeting, with examples and the main menu."""
    examples = Html(t(language, "examples"))
    return Reply(t(language, "start", name=cut(clean_text(first_name or ""), 64), examples=examples), main_menu(language))


def help_text(language: str, *, admin: bool = False, officer: bool = False) -> Reply:
    """How to use the bot; admins also get their commands (nobody else learns of them), desk officers theirs."""
    text = t(language, "help", examples=Html(t(language, "examples")))
    if admin:
        text += t(language, N_("help_officer") if officer else N_("help_admin"))
    return Reply(text, main_menu(language, with_help=False))


def language_choice(language: str) -> Reply:
    """The two languages as buttons, each named in itself."""
    return Reply(t(language, "language_prompt"), keyboard([[ChooseLanguage("fa").button("فارسی"), ChooseLanguage("en").button("English")]]))
