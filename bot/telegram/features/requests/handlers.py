"""Standing requests: the "Tell me when something like this is listed" tap, /requests and its Cancel buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import CommandHandler

from bot.i18n import t
from bot.services import requests
from bot.telegram.turn import Outcome, Turn, expired, handler, on_press
from bot.telegram.ui import Reply, name

from . import render
from .buttons import CancelRequest, ShowRequests, TellWhenListed

if TYPE_CHECKING:
    from bot.telegram.app import App


def _list(turn: Turn) -> Reply:
    mine = requests.mine(turn.person.id, session=turn.session)
    names = {code: name(turn.language, product) for code, product in requests.listings_of(mine, session=turn.session).items()}
    return render.requests_list(turn.language, mine, turn.settings.tz, names)


@handler
def requests_command(turn: Turn) -> Outcome:
    """The user's standing requests."""
    return Outcome(reply=_list(turn))


def show_requests(turn: Turn, pressed: ShowRequests) -> Outcome:
    return Outcome(reply=_list(turn))


def tell_when_listed(turn: Turn, pressed: TellWhenListed) -> Outcome:
    """Leave a standing request for the presser's own search; a second tap only says it is there."""
    outcome = requests.ask(turn.person.id, pressed.search, session=turn.session)
    if outcome is None:
        return expired(turn)  # someone else's search (forged), or one that found listings
    if not outcome.created:
        return Outcome(toast=render.already_asked(turn.language, outcome))
    # A confirmation is a new message: the search's reply stays.
    return Outcome(reply=render.asked(turn.language, outcome))


def cancel_request(turn: Turn, pressed: CancelRequest) -> Outcome:
    if not requests.cancel(turn.person.id, pressed.request, session=turn.session):
        return expired(turn)
    return Outcome(reply=_list(turn), edit=True, toast=t(turn.language, "toast_request_cancelled"))


def register(application: App) -> None:
    """/requests and the buttons of standing requests."""
    application.add_handler(CommandHandler("requests", requests_command))
    application.add_handler(on_press(TellWhenListed, tell_when_listed))
    application.add_handler(on_press(ShowRequests, show_requests))
    application.add_handler(on_press(CancelRequest, cancel_request))
