"""The words of /opportunities: the list of fitting listings, the card's way back, and what to do without a fit."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton

from bot.i18n import Html, digits, label, t
from bot.services import capabilities
from bot.services.opportunities import Opportunities, Ranked, Shop
from bot.telegram.ui import Reply, cut, keyboard, listing_button, name, page_bounds, pager, status_mark, yearly_imports

from ..profile.buttons import ShowProfile
from .buttons import OpportunitiesPage, OpportunityListing, ShopList, ShopListing, SubscribeFitting

PER_PAGE = 5


def _subscribe_row(language: str) -> list[InlineKeyboardButton]:
    return [SubscribeFitting().button(label(language, "btn_opportunities_subscribe"))]


def _profile_row(language: str) -> list[InlineKeyboardButton]:
    """The way back to the profile card: the card's "What could my factory make?" replaces it with the list (a user
    trial found no way back), and from /opportunities it is the profile the list is worked out from."""
    return [ShowProfile().button(label(language, "btn_profile_back"))]


def no_profile(language: str) -> Reply:
    """What a profile gives and how to start one (/profile)."""
    return Reply(t(language, "opportunities_no_profile"))


def nothing_fits(language: str) -> Reply:
    """Said plainly: nothing fits the profile yet; how to describe the unit better, and sectors to hear from meanwhile."""
    return Reply(t(language, "opportunities_none"), keyboard([_subscribe_row(language), _profile_row(language)]))


def _line(language: str, rank: int, item: Ranked) -> str:
    """A fitting listing's line: name, sector, yearly imports and why it fits (the reason /opportunities shows)."""
    product = item.product
    reason = capabilities.describe_reason(item.reason, language) if item.reason is not None else Html("")
    return t(
        language,
        "opportunities_line",
        rank=digits(language, str(rank)),
        code=product.code,
        name=cut(name(language, product), 150),
        status=status_mark(language, product.status),
        sector=name(language, item.sector) if item.sector else product.sector,
        imports=Html(yearly_imports(language, product.annual_import_usd)),
        reason=reason,
    )


def _button_label(language: str, rank: int, item: Ranked) -> str:
    product = item.product
    return listing_button(language, rank, product.code, name(language, product), product.status)


def page(language: str, found: Opportunities, number: int) -> Reply:
    """A page of fitting listings: name, sector, yearly imports and why each fits; a button per listing opens its card."""
    total = len(found.ranked)
    number, first, end = page_bounds(total, number, PER_PAGE)
    lines = [t(language, "opportunities_header", first=digits(language, str(first + 1)), last=digits(language, str(end)),
               total=digits(language, str(total)))]
    rows: list[list[InlineKeyboardButton]] = []
    for rank, item in enumerate(found.ranked[first:end], first + 1):
        lines.append(_line(language, rank, item))
        rows.append([OpportunityListing(item.product.code, number).button(_button_label(language, rank, item))])
    rows.append(pager(language, number, total, PER_PAGE, OpportunitiesPage))
    if found.subscribed:
        lines.append(t(language, "opportunities_in_digest"))
    else:
        lines.append(t(language, "opportunities_offer_digest"))
        rows.append(_subscribe_row(language))
    rows.append(_profile_row(language))
    return Reply("\n\n".join(lines), keyboard(rows))


def shop_list(language: str, shop: Shop, ranked: Sequence[Ranked]) -> Reply:
    """What a shop like the one a maker's message describes could make, for under the pointer to /profile: the lines
    of /opportunities, each button opening the listing's card, whose Back button works the list out again from
    ``shop`` (the message is not stored; the profile's /opportunities is the list kept)."""
    lines = [t(language, "maker_shop_header")] + [_line(language, rank, item) for rank, item in enumerate(ranked, 1)]
    rows = [[ShopListing(item.product.code, shop.processes, shop.materials).button(_button_label(language, rank, item))]
            for rank, item in enumerate(ranked, 1)]
    return Reply("\n\n".join(lines), keyboard(rows))


def back_to_list(language: str, card: Reply, back: OpportunitiesPage | ShopList) -> Reply:
    """A listing's card (browse's, unchanged) with the way back to the list it was opened from: a page of
    /opportunities, or what a shop like the one a maker's message described could make."""
    rows = [list(row) for row in card.markup.inline_keyboard] if card.markup is not None else []
    rows.append([back.button(label(language, "btn_back_opportunities"))])
    return Reply(card.text, keyboard(rows))
