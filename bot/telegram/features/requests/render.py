"""The words of standing requests: the button under a search nothing answered, the confirmation, /requests,
and the notice that a listing now answers a request."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton

from bot.dates import format_date
from bot.i18n import comma, digits, label, t
from bot.services.requests import Asked, Notice
from bot.store.models import RequestStatus, StandingRequest
from bot.telegram.ui import Reply, cut, keyboard

from ..browse import render as cards
from ..browse.buttons import OpenListing
from .buttons import CancelRequest, ShowRequests, TellWhenListed

SHOWN = 20
"""Requests /requests lists, newest first."""
_QUERY = 80


def tell_when_listed(language: str, search_id: int) -> list[InlineKeyboardButton]:
    """The row offered under a search nothing confident answered."""
    return [TellWhenListed(search_id).button(label(language, "btn_tell_when_listed"))]


def asked(language: str, outcome: Asked) -> Reply:
    """The confirmation of a new request (with the way to /requests)."""
    text = t(language, "request_saved", query=cut(outcome.request.query, _QUERY))
    return Reply(text, keyboard([[ShowRequests().button(label(language, "btn_my_requests"))]]))


def already_asked(language: str, outcome: Asked) -> str:
    """The toast of a second tap: nothing new was stored."""
    return t(language, "request_exists", query=cut(outcome.request.query, 60))


def _day(language: str, moment: datetime, zone: ZoneInfo) -> str:
    return format_date(language, moment.astimezone(zone).date())


def requests_list(language: str, requests: list[StandingRequest], zone: ZoneInfo, names: dict[str, str]) -> Reply:
    """/requests: the user's open and fulfilled requests, newest first, each open one with a Cancel button.

    ``names`` are the names (in ``language``) of the listings that fulfilled some.
    """
    if not requests:
        return Reply(t(language, "requests_empty"))
    lines = [t(language, "requests_header")]
    rows = []
    for number, request in enumerate(requests[:SHOWN], 1):
        assert request.id is not None
        shown = digits(language, str(number))
        query = cut(request.query, _QUERY)
        code = request.fulfilled_code
        if request.status == RequestStatus.FULFILLED and code is not None:
            when = _day(language, request.fulfilled_at or request.created_at, zone)
            lines.append(t(language, "request_line_listed", number=shown, query=query, code=code, name=cut(names.get(code, code), 80), date=when))
            rows.append([OpenListing(code).button(label(language, "btn_request_listing", number=shown, code=code))])
        else:
            lines.append(t(language, "request_line_waiting", number=shown, query=query, date=_day(language, request.created_at, zone)))
            rows.append([CancelRequest(request.id).button(label(language, "btn_cancel_request", number=shown))])
    return Reply("\n".join(lines), keyboard(rows))


def notice_messages(notice: Notice, *, zone: ZoneInfo) -> list[dict[str, object]]:
    """The notice as sendMessage parameters: what was asked, then the listing's card with its buttons."""
    language = notice.language
    separator = comma(language)
    query = cut(separator.join(notice.queries), 200)
    card = cards.product_card(language, notice.card, today=datetime.now(zone).date())
    text = t(language, "request_notice", query=query) + "\n\n" + card.text
    return [{"text": text, "reply_markup": card.markup.to_dict() if card.markup else None}]

