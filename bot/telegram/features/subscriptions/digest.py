"""The digest messages: what a subscriber receives, packed into messages under Telegram's limit.

Sending them is :mod:`bot.telegram.digests`' work; this module only words them.
"""

from __future__ import annotations

import html
from datetime import date

from telegram import InlineKeyboardMarkup

from bot.dates import format_date
from bot.i18n import Html, digits, label, t
from bot.services import capabilities, opportunities
from bot.services.digests import DigestContent, DigestItem, Messages
from bot.store.models import Sector
from bot.telegram.ui import MAX_MESSAGE, cut, deadline, name, status, yearly_imports

from ..browse.buttons import deep_link
from .buttons import ShowSubscriptions

# Room kept in each digest message for its header line and footer.
_DIGEST_BUDGET = MAX_MESSAGE - 300


def _utf16(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (an emoji outside the BMP counts two)."""
    return len(text.encode("utf-16-le")) // 2


def _digest_item(
    language: str, item: DigestItem, sectors: dict[str, Sector], bot_username: str, *, with_sector: bool, today: date
) -> str:
    product = item.product
    details = [yearly_imports(language, product.annual_import_usd), status(language, product.status)]
    if with_sector:
        sector = sectors.get(product.sector)
        details.insert(0, html.escape(name(language, sector) if sector else product.sector, quote=False))
    if product.deadline is not None:
        details.append(t(language, "digest_deadline", date=deadline(language, product.deadline, today)))
    details += [t(language, "digest_alert", query=cut(query, 60)) for query in item.alerts]
    text = t(
        language,
        "digest_item",
        mark=t(language, "digest_mark_new") if item.is_new else t(language, "digest_mark_updated"),
        link=deep_link(bot_username, product.code),
        code=product.code,
        name=cut(name(language, product), 150),
        details=Html(" · ".join(details)),
    )
    reason = opportunities.main_reason(item.fit) if item.fit is not None else None
    if reason is not None:
        text += "\n" + t(language, "digest_fit_reason", reason=capabilities.describe_reason(reason, language))
    return text


def digest_messages(content: DigestContent, *, bot_username: str) -> Messages:
    """A digest as sendMessage parameters: sections packed into messages under Telegram's limit, in order.

    Watched listings that reopened come first, then new listings that fit the subscriber's manufacturer profile (each
    with why), then closing-soon listings, then each sector (the sector with the largest import value
    first, its listings by import value), then new desks. Each item links to its card.
    """
    language = content.language
    sectors = dict(content.sector_names)
    sectors.update({sector.key: sector for sector, _ in content.sections})
    sectors.update({desk_sector.key: desk_sector for _, desk_sector in content.desks if desk_sector is not None})
    blocks: list[list[str]] = []
    if content.reopened:
        # Asked for with "Tell me if it reopens": told once, first, each linking to its card.
        blocks.append([t(language, "digest_reopened")] + [
            _digest_item(language, item, sectors, bot_username, with_sector=False, today=content.today) for item in content.reopened
        ])
    if content.fits:
        # Whatever the sector: a manufacturer hears of what they could make. The sector is on each line.
        blocks.append([t(language, "digest_fits")] + [
            _digest_item(language, item, sectors, bot_username, with_sector=True, today=content.today) for item in content.fits
        ])
    if content.closing_soon:
        blocks.append([t(language, "digest_closing_soon")] + [
            _digest_item(language, item, sectors, bot_username, with_sector=True, today=content.today) for item in content.closing_soon
        ])
    for sector, items in content.sections:
        blocks.append([t(language, "digest_sector", name=name(language, sector))] + [
            _digest_item(language, item, sectors, bot_username, with_sector=False, today=content.today) for item in items
        ])
    if content.desks:
        blocks.append([t(language, "digest_desks")] + [
            t(language, "digest_desk", name=cut(name(language, desk), 150),
              sector=name(language, sector) if sector else desk.sector)
            for desk, sector in content.desks
        ])
    pages: list[list[str]] = [[]]
    size = 0
    for block in blocks:
        for position, line in enumerate(block):
            # A section's heading never ends a message: it moves on with its first item.
            needed = _utf16(line) + 2 + (_utf16(block[1]) + 2 if position == 0 and len(block) > 1 else 0)
            if pages[-1] and size + needed > _DIGEST_BUDGET:
                pages.append([])
                size = 0
            pages[-1].append(("\n" if position == 0 and pages[-1] else "") + line)
            size += _utf16(line) + 2
    since = format_date(language, content.since_day)
    header = t(language, "digest_header", count=digits(language, str(content.count)), since=since)
    messages: Messages = []
    for number, page in enumerate(pages, 1):
        part = t(language, "digest_part", part=digits(language, str(number)), parts=digits(language, str(len(pages)))) if len(pages) > 1 else ""
        top = (header if number == 1 else t(language, "digest_continued")) + part
        body = [top, "", *page]
        markup = None
        if number == len(pages):
            body += ["", t(language, "digest_footer")]
            markup = InlineKeyboardMarkup([[ShowSubscriptions().button(label(language, "btn_mysubs"))]]).to_dict()
        messages.append({"text": "\n".join(body), "reply_markup": markup})
    return messages
