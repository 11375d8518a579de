"""/opportunities: the listings a manufacturer could make, their cards, and a subscription that brings new ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import CommandHandler

from bot.services import browse, opportunities, subscriptions
from bot.telegram.turn import Outcome, Turn, expired, handler, on_press

from ..browse import render as cards
from ..subscriptions import render as subscription_render
from . import render
from .buttons import OpportunitiesPage, OpportunityListing, SubscribeFitting

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
    card = browse.product_card(pressed.code, session=turn.session)
    if card is None:
        return expired(turn)
    shown = cards.product_card(turn.language, card, today=turn.today)
    return Outcome(reply=render.back_to_list(turn.language, shown, pressed.page), edit=True)


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
    application.add_handler(on_press(SubscribeFitting, subscribe_fitting))
