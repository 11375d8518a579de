"""/opportunities: the listings a manufacturer could make, their cards, and a subscription that brings new ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import CommandHandler

from bot.services import browse, opportunities, subscriptions
from bot.telegram.turn import Outcome, Turn, expired, handler, on_press

from ..browse import render as cards
from ..subscriptions import render as subscription_render
from . import render
from .buttons import OpportunitiesPage, OpportunityListing, ShopList, ShopListing, SubscribeFitting

if TYPE_CHECKING:
    from bot.telegram.app import App


def _page(turn: Turn, number: int, *, edit: bool) -> Outcome:
    found = opportunities.for_user(turn.person.id, session=turn.session)
    if found is None:
        return Outcome(reply=render.no_profile(turn.language), edit=edit)
    if not found.ranked:
        return Outcome(reply=render.nothing_fits(turn.language), edit=edit)
    return Outcome(reply=render.page(turn.language, found, number), edit=edit)


@handler
def opportunities_command(turn: Turn) -> Outcome:
    """The user's fitting listings, best first."""
    return _page(turn, 0, edit=False)


def opportunities_page(turn: Turn, pressed: OpportunitiesPage) -> Outcome:
    return _page(turn, pressed.page, edit=True)


def opportunity_listing(turn: Turn, pressed: OpportunityListing) -> Outcome:
    """The listing's card as browsing shows it, with the way back to the list."""
    return _card(turn, pressed.code, OpportunitiesPage(pressed.page))


def shop_listing(turn: Turn, pressed: ShopListing) -> Outcome:
    """A card opened from what a shop like the maker's could make, with the way back to that list."""
    return _card(turn, pressed.code, ShopList(pressed.processes, pressed.materials))


def _card(turn: Turn, code: str, back: OpportunitiesPage | ShopList) -> Outcome:
    card = browse.product_card(code, session=turn.session)
    if card is None:
        return expired(turn)
    shown = cards.product_card(turn.language, card, today=turn.today)
    return Outcome(reply=render.back_to_list(turn.language, shown, back), edit=True)


def shop_list(turn: Turn, pressed: ShopList) -> Outcome:
    """Back to what a shop like the maker's could make, worked out again (the catalog may have changed meanwhile)."""
    shop = opportunities.Shop(pressed.processes, pressed.materials)
    ranked = opportunities.for_shop(shop, session=turn.session)
    return Outcome(reply=render.shop_list(turn.language, shop, ranked), edit=True) if ranked else expired(turn)


def subscribe_fitting(turn: Turn, pressed: SubscribeFitting) -> Outcome:
    """The /subscribe picker, the sectors of the best fitting listings ticked beside the user's own: the next taps
    (Done, how often) are /subscribe's, and every digest then brings new listings that fit the profile."""
    choices = subscriptions.sector_choices(session=turn.session)
    ticked = subscriptions.subscribed_sectors(turn.person.id, session=turn.session)
    found = opportunities.for_user(turn.person.id, session=turn.session)
    if found is not None:
        ticked = [*ticked, *opportunities.fitting_sectors(found)]
    mask = subscription_render.mask_of(choices, ticked)
    return Outcome(reply=subscription_render.subscribe_picker(turn.language, choices, mask))


def register(application: App) -> None:
    """/opportunities and its buttons."""
    application.add_handler(CommandHandler("opportunities", opportunities_command))
    application.add_handler(on_press(OpportunitiesPage, opportunities_page))
    application.add_handler(on_press(OpportunityListing, opportunity_listing))
    application.add_handler(on_press(ShopListing, shop_listing))
    application.add_handler(on_press(ShopList, shop_list))
    application.add_handler(on_press(SubscribeFitting, subscribe_fitting))
