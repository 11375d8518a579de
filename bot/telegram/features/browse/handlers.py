"""Browsing the catalog: the commands, and the buttons that move between its cards (each edits the message in place)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import CommandHandler

from bot.i18n import t
from bot.services import browse, introductions, suppliers
from bot.services.browse import ProductCard
from bot.telegram.turn import Outcome, Turn, expired, handler, on_press
from bot.telegram.ui import Reply

from . import render
from .buttons import DeskListing, ListDesks, ListSectors, OpenDesk, OpenListing, OpenSector, OpenSuggestion, ResultsPage, SectorListing

if TYPE_CHECKING:
    from bot.telegram.app import App


def card_for(turn: Turn, card: ProductCard, *, back: render.Back | None = None, suggested: bool = False) -> Reply:
    """A listing's card as the sender sees it: the desk's staff see how many manufacturers could make it, an
    investor whom they could be introduced to."""
    code = card.product.code
    return render.product_card(turn.language, card, today=turn.today, back=back, suggested=suggested,
                               suppliers=suppliers.count_for(turn.rights, card.product, session=turn.session),
                               introductions=introductions.count_for(code, turn.person.id, session=turn.session))


def open_product(turn: Turn) -> Outcome:
    """Open the listing named by /product CODE, or offer the codes it may have meant (the command is registered by
    the search feature, which takes an HS code after it as a search)."""
    if not turn.args:
        return Outcome(reply=Reply(t(turn.language, "product_usage")))
    code = browse.written_as(" ".join(turn.args), session=turn.session)
    card = browse.product_card(code, session=turn.session)
    if card is None:
        return Outcome(reply=render.not_found(turn.language, code, browse.listings(browse.closest_codes(code, session=turn.session), session=turn.session)))
    return Outcome(reply=card_for(turn, card))


@handler
def desks_command(turn: Turn) -> Outcome:
    """List the sector promotion desks."""
    return Outcome(reply=render.desks(turn.language, browse.desks(session=turn.session)))


@handler
def sectors_command(turn: Turn) -> Outcome:
    """List the sectors with their numbers of listings."""
    return Outcome(reply=render.sectors(turn.language, browse.sectors(session=turn.session)))


def open_listing(turn: Turn, pressed: OpenListing) -> Outcome:
    return _card_from_search(turn, pressed.code, pressed.search, pressed.page)


def open_suggestion(turn: Turn, pressed: OpenSuggestion) -> Outcome:
    """A "Did you mean…?" suggestion's card, leading back to the suggestions."""
    return _card_from_search(turn, pressed.code, pressed.search, 0, suggested=True)


def _card_from_search(turn: Turn, code: str, search: int | None, page: int, *, suggested: bool = False) -> Outcome:
    """A listing's card, leading back to the page of the search it was opened from (only the presser's own)."""
    card = browse.product_card(code, session=turn.session)
    if card is None:
        return expired(turn)
    own = _own_search(turn, search)
    back = ResultsPage(own, page) if own is not None else None
    return Outcome(reply=card_for(turn, card, back=back, suggested=suggested), edit=True)


def _own_search(turn: Turn, search: int | None) -> int | None:
    """The search a button names, if it is the presser's: "back to results" leads only to one's own."""
    return search if search is not None and browse.owns_search(search, turn.person.id, session=turn.session) else None


def open_sector_listing(turn: Turn, pressed: SectorListing) -> Outcome:
    card = browse.product_card(pressed.code, session=turn.session)
    back = OpenSector(pressed.sector, pressed.page)
    return Outcome(reply=card_for(turn, card, back=back), edit=True) if card else expired(turn)


def open_desk_listing(turn: Turn, pressed: DeskListing) -> Outcome:
    card = browse.product_card(pressed.code, session=turn.session)
    back = OpenDesk(pressed.desk, pressed.page, _own_search(turn, pressed.search), pressed.results_page)
    return Outcome(reply=card_for(turn, card, back=back), edit=True) if card else expired(turn)


def open_desk(turn: Turn, pressed: OpenDesk) -> Outcome:
    desk = browse.desk_card(pressed.code, session=turn.session)
    if desk is None:
        return expired(turn)
    reply = render.desk_card(turn.language, desk, pressed.page, search=_own_search(turn, pressed.search), results_page=pressed.results_page)
    return Outcome(reply=reply, edit=True)


def open_sector(turn: Turn, pressed: OpenSector) -> Outcome:
    found = browse.sector_listings(pressed.key, session=turn.session)
    return Outcome(reply=render.sector_page(turn.language, *found, pressed.page), edit=True) if found else expired(turn)


def list_sectors(turn: Turn, pressed: ListSectors) -> Outcome:
    return Outcome(reply=render.sectors(turn.language, browse.sectors(session=turn.session)), edit=True)


def list_desks(turn: Turn, pressed: ListDesks) -> Outcome:
    return Outcome(reply=render.desks(turn.language, browse.desks(session=turn.session)), edit=True)


def register(application: App) -> None:
    """/desks, /sectors and the buttons between cards (/product is registered with search: :func:`open_product`)."""
    application.add_handler(CommandHandler("desks", desks_command))
    application.add_handler(CommandHandler("sectors", sectors_command))
    application.add_handler(on_press(OpenListing, open_listing))
    application.add_handler(on_press(OpenSuggestion, open_suggestion))
    application.add_handler(on_press(SectorListing, open_sector_listing))
    application.add_handler(on_press(DeskListing, open_desk_listing))
    application.add_handler(on_press(OpenDesk, open_desk))
    application.add_handler(on_press(OpenSector, open_sector))
    application.add_handler(on_press(ListSectors, list_sectors))
    application.add_handler(on_press(ListDesks, list_desks))
