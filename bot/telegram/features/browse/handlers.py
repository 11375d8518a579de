"""Browsing the catalog: the commands, and the buttons that move between its cards (each edits the message in place)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import CommandHandler

from bot.i18n import t
from bot.services import browse
from bot.telegram.turn import Outcome, Turn, expired, handler, on_press
from bot.telegram.ui import Reply

from . import render
from .buttons import ListDesks, ListSectors, OpenDesk, OpenListing, OpenSector

if TYPE_CHECKING:
    from bot.telegram.app import App


@handler
def product_command(turn: Turn) -> Outcome:
    """Open the listing named by /product CODE."""
    if not turn.args:
        return Outcome(reply=Reply(t(turn.language, "product_usage")))
    code = turn.args[0]
    card = browse.product_card(code, session=turn.session)
    return Outcome(reply=render.product_card(turn.language, card, today=turn.today) if card else render.not_found(turn.language, code))


@handler
def desks_command(turn: Turn) -> Outcome:
    """List the sector promotion desks."""
    return Outcome(reply=render.desks(turn.language, browse.desks(session=turn.session)))


@handler
def sectors_command(turn: Turn) -> Outcome:
    """List the sectors with their numbers of listings."""
    return Outcome(reply=render.sectors(turn.language, browse.sectors(session=turn.session)))


def open_listing(turn: Turn, pressed: OpenListing) -> Outcome:
    card = browse.product_card(pressed.code, session=turn.session)
    if card is None:
        return expired(turn)
    # The card's "back to results" button leads to the search it names: only to the presser's own.
    search = pressed.search if pressed.search is not None and browse.owns_search(pressed.search, turn.person.id, session=turn.session) else None
    return Outcome(reply=render.product_card(turn.language, card, today=turn.today, search_id=search, page=pressed.page), edit=True)


def open_desk(turn: Turn, pressed: OpenDesk) -> Outcome:
    desk = browse.desk_card(pressed.code, session=turn.session)
    return Outcome(reply=render.desk_card(turn.language, desk, pressed.page), edit=True) if desk else expired(turn)


def open_sector(turn: Turn, pressed: OpenSector) -> Outcome:
    found = browse.sector_listings(pressed.key, session=turn.session)
    return Outcome(reply=render.sector_page(turn.language, *found, pressed.page), edit=True) if found else expired(turn)


def list_sectors(turn: Turn, pressed: ListSectors) -> Outcome:
    return Outcome(reply=render.sectors(turn.language, browse.sectors(session=turn.session)), edit=True)


def list_desks(turn: Turn, pressed: ListDesks) -> Outcome:
    return Outcome(reply=render.desks(turn.language, browse.desks(session=turn.session)), edit=True)


def register(application: App) -> None:
    application.add_handler(CommandHandler("product", product_command))
    application.add_handler(CommandHandler("desks", desks_command))
    application.add_handler(CommandHandler("sectors", sectors_command))
    application.add_handler(on_press(OpenListing, open_listing))
    application.add_handler(on_press(OpenDesk, open_desk))
    application.add_handler(on_press(OpenSector, open_sector))
    application.add_handler(on_press(ListSectors, list_sectors))
    application.add_handler(on_press(ListDesks, list_desks))
