"""The pieces every feature's renderers share: a reply, cut text, names in the reader's language, paging.

Renderers are pure (data in, :class:`Reply` out) and keep every message under Telegram's limits by
construction: free text is cut to a bounded length before it is escaped, and lists are paged.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import CallbackQueryLimit, MessageLimit
from telegram.helpers import mention_html

from bot.collation import SortKey, sort_key
from bot.dates import deadline_passed, format_date
from bot.i18n import N_, Html, digits, label, money, t
from bot.i18n import cut as cut  # the renderers' cut; defined with the texts so that services cut alike
from bot.services.inputs import clean_text
from bot.store.models import ProductStatus

if TYPE_CHECKING:
    from .buttons import ButtonData

MAX_MESSAGE: int = MessageLimit.MAX_TEXT_LENGTH
MAX_TOAST: int = CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class Reply:
    """A message to send, or to edit into the place of the message a button was on."""

    text: str
    markup: InlineKeyboardMarkup | None = None


# The illustrative seed's units end their names with this mark (seed_data/units.csv); shown in the reader's language.
_ILLUSTRATIVE_MARK = re.compile(r"\s*\(illustrative\)\s*$", re.IGNORECASE)


def company_name(language: str, company: str, limit: int) -> str:
    """A unit's name as the reader sees it, cut to ``limit``: the seed's "(illustrative)" mark in their language
    («(نمونه)» to a Persian reader, who should meet no English word inside Persian)."""
    bare = _ILLUSTRATIVE_MARK.sub("", company)
    if bare == company:
        return cut(company, limit)
    mark = t(language, "company_illustrative_mark")
    return f"{cut(bare, max(limit - len(mark) - 1, 1))} {mark}"


def toast(reply: Reply) -> str:
    """A reply's text as a button's toast: plain text within Telegram's 200 characters."""
    return cut(html.unescape(_TAG.sub("", reply.text)), MAX_TOAST)


class Named(Protocol):
    """Anything with a name in both languages: a listing, a desk, a sector."""

    @property
    def name_en(self) -> str: ...

    @property
    def name_fa(self) -> str: ...


def name(language: str, item: Named) -> str:
    """``item``'s name in the reader's language."""
    return item.name_fa if language == "fa" else item.name_en


def by_name(language: str) -> Callable[[Named], SortKey]:
    """The key that sorts items by their name in the reader's alphabet order (Persian order for Persian)."""
    order = sort_key(language)
    return lambda item: order(name(language, item))


def other_name(language: str, item: Named) -> str:
    """``item``'s name in the other language (shown under the reader's)."""
    return item.name_en if language == "fa" else item.name_fa


def keyboard(rows: Sequence[Sequence[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    """The inline keyboard of ``rows`` without empty rows; ``None`` when nothing is left."""
    kept = [list(row) for row in rows if row]
    return InlineKeyboardMarkup(kept) if kept else None


def grid(buttons: Sequence[InlineKeyboardButton], columns: int = 2) -> list[list[InlineKeyboardButton]]:
    """``buttons`` laid out ``columns`` to a row."""
    return [list(buttons[i : i + columns]) for i in range(0, len(buttons), columns)]


def page_bounds(total: int, page: int, size: int) -> tuple[int, int, int]:
    """Clamp ``page`` to what exists; return (page, first index, end index)."""
    last_page = max(0, (total - 1) // size)
    page = min(max(page, 0), last_page)
    return page, page * size, min(total, (page + 1) * size)


def pager(language: str, page: int, total: int, size: int, make: Callable[[int], ButtonData]) -> list[InlineKeyboardButton]:
    """"Previous" and "More" buttons around ``page`` of ``total`` items, where they lead somewhere."""
    row = []
    if page > 0:
        row.append(make(page - 1).button(label(language, "btn_previous")))
    if (page + 1) * size < total:
        row.append(make(page + 1).button(label(language, "btn_more")))
    return row


STATUS_TEXTS = {
    ProductStatus.OPEN: N_("status_open"),
    ProductStatus.IN_PROGRESS: N_("status_in_progress"),
    ProductStatus.AWARDED: N_("status_awarded"),
    ProductStatus.CLOSED: N_("status_closed"),
}


def deadline(language: str, day: date, today: date) -> str:
    """A listing's deadline in the reader's calendar (:func:`bot.dates.format_date`), said to have passed once
    ``today`` (the bot's date) is after it."""
    shown = format_date(language, day)
    return t(language, "deadline_passed", date=shown) if deadline_passed(day, today=today) else shown


def status(language: str, value: ProductStatus) -> str:
    """A listing's status in words (escaped HTML)."""
    return t(language, STATUS_TEXTS[value])


def status_mark(language: str, value: ProductStatus | None) -> Html:
    """A listing's status after its name in a list's text line, when it is not open: the line says what its button
    says (:func:`listing_button`); /opportunities showed "in progress" on the button only (a blind trial)."""
    if value is None or value == ProductStatus.OPEN:
        return Html("")
    mark = t(language, "result_status", status=status(language, value))
    return Html(mark)


def listing_button(language: str, rank: int, code: str, listing_name: str, value: ProductStatus | None) -> str:
    """A listing's button in a list: rank, code and name, and the status first when it is not open. The line above a
    button marks a closed or awarded listing, but a reader taps the buttons: a closed brake block's button beside the
    brake pads' read as open (a blind trial). First, so the cut of a long name never drops it."""
    if value is None or value == ProductStatus.OPEN:
        return label(language, "btn_result", rank=digits(language, str(rank)), code=code, name=listing_name)
    return label(language, "btn_result_with_status", rank=digits(language, str(rank)), code=code, name=listing_name,
                 status=t(language, STATUS_TEXTS[value]))


def with_digits(language: str, values: Mapping[str, object]) -> dict[str, object]:
    """``values`` written with the reader's digits, for texts that report limits and counts."""
    return {key: digits(language, str(value)) for key, value in values.items()}


def yearly_imports(language: str, amount: int | None) -> str:
    """A listing's yearly imports in words (results, cards, digests)."""
    value = money(language, amount, "usd")
    return t(language, "imports_value", amount=value) if value else t(language, "imports_unknown")


def user_link(user_id: int, first_name: str, username: str | None) -> Html:
    """A mention that opens the user's profile, for admins (names cleaned: a bidi override in a name must not
    make the notice read backwards)."""
    handle = f" (@{html.escape(clean_text(username), quote=False)})" if username else ""
    return Html(mention_html(user_id, cut(clean_text(first_name) or str(user_id), 64)) + handle)
