"""Search: any plain message (unless it is the lead note the bot asked for), /search, and the result pages.

Messages the bot cannot read (stickers, photos, voice…) get a word on what it does read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from telegram.ext import CommandHandler, MessageHandler, filters

from bot.i18n import Html, digits, label, t
from bot.services import browse
from bot.services.browse import SearchOutcome
from bot.store.models import ProductStatus
from bot.telegram.buttons import ButtonData, Page, RecordId
from bot.telegram.turn import Outcome, Turn, expired, handler, on_press
from bot.telegram.ui import Reply, by_name, cut, grid, keyboard, name, pager, page_bounds, status, yearly_imports

from .leads import handlers as leads
from .browse.buttons import OpenListing, OpenSector, desk_button
from .subscriptions.buttons import AlertLikeResults

if TYPE_CHECKING:
    from bot.telegram.app import App

RESULTS_PER_PAGE = 5


@dataclass(frozen=True, slots=True)
class ResultsPage(ButtonData):
    """A page of a logged search's results (the search is run again, so it stays current)."""

    prefix: ClassVar[str] = "s"
    search: RecordId
    page: Page


# ---------------------------------------------------------------------------------------- handlers


@handler
def on_text(turn: Turn) -> Outcome:
    """Take a plain message as the note the bot asked for, or else as a search."""
    return leads.take_note(turn) or Outcome(reply=search_reply(turn, turn.text))


@handler
def search_command(turn: Turn) -> Outcome:
    """Search for the text after /search."""
    return Outcome(reply=search_reply(turn, " ".join(turn.args)))


def search_reply(turn: Turn, text: str) -> Reply:
    """The first page of results for ``text`` (logged), or how to search when it holds nothing to search."""
    if not browse.clean_query(text) or not any(ch.isalnum() for ch in text):
        return Reply(t(turn.language, "empty_query"))
    outcome = browse.search(text, session=turn.session, matcher=turn.matcher, user_id=turn.person.id)
    return results(turn.language, outcome, page=0)


def results_page(turn: Turn, pressed: ResultsPage) -> Outcome:
    # Only the presser's own searches: a forged id recalls nothing.
    outcome = browse.recall(pressed.search, session=turn.session, matcher=turn.matcher, user_id=turn.person.id)
    return Outcome(reply=results(turn.language, outcome, pressed.page), edit=True) if outcome else expired(turn)


@handler
def on_other_message(turn: Turn) -> Outcome:
    """Stickers, photos, voice and the like: say what the bot understands."""
    return Outcome(reply=Reply(t(turn.language, "non_text")))


def register(application: App) -> None:
    """/search and result pages; plain text and other messages come later (:func:`register_text`, :func:`register_other_messages`)."""
    application.add_handler(CommandHandler("search", search_command))
    application.add_handler(on_press(ResultsPage, results_page))


def register_text(application: App) -> None:
    """Plain text: after every command handler (unknown /commands are searched as text too)."""
    application.add_handler(MessageHandler(filters.TEXT & ~filters.UpdateType.EDITED, on_text))


def register_other_messages(application: App) -> None:
    """Everything else a person can send in a chat (stickers, photos, voice…): after documents."""
    application.add_handler(MessageHandler(filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL, on_other_message))


# --------------------------------------------------------------------------------------- renderers


def results(language: str, outcome: SearchOutcome, page: int) -> Reply:
    """A page of search results: listings with buttons, the desks involved, paging."""
    query = cut(outcome.query, 100)
    if not outcome.products and not outcome.desks:
        sectors = sorted(outcome.sectors.values(), key=by_name(language))
        return Reply(t(language, "no_results", query=query), keyboard(grid([OpenSector(s.key).button(name(language, s)) for s in sectors])))
    total = len(outcome.products)
    page, first, end = page_bounds(total, page, RESULTS_PER_PAGE)
    lines, rows = [], []
    if total:
        lines.append(t(language, "results_header", query=query, first=digits(language, str(first + 1)),
                       last=digits(language, str(end)), total=digits(language, str(total))))
    else:
        lines.append(t(language, "sector_desk_hint"))
    for rank, result in enumerate(outcome.products[first:end], first + 1):
        sector = outcome.sectors.get(result.sector)
        # Open is the usual case; anything else (closed, awarded…) is worth seeing before opening the card.
        # (Worded before the line: pybabel extract misses a t call nested inside another call's arguments.)
        state = (Html(t(language, "result_status", status=status(language, result.status)))
                 if result.status not in (None, ProductStatus.OPEN) else "")
        lines.append(
            t(
                language,
                "result_line",
                rank=digits(language, str(rank)),
                code=result.code,
                name=cut(result.name(language), 150),
                sector=name(language, sector) if sector else result.sector,
                imports=Html(yearly_imports(language, result.annual_import_usd)),
                score=digits(language, str(round(result.score))),
                status=state,
            )
        )
        rows.append([OpenListing(result.code, outcome.search_id, page).button(
            label(language, "btn_result", rank=digits(language, str(rank)), code=result.code, name=result.name(language)))])
    if outcome.desks:
        lines.append(t(language, "results_desks_header"))
        for desk in outcome.desks[:3]:
            lines.append(t(language, "desk_line", name=cut(name(language, desk), 150)))
            rows.append([desk_button(language, desk)])
    if total:
        rows.append([AlertLikeResults(outcome.search_id).button(label(language, "btn_alert_similar"))])
    rows.append(pager(language, page, total, RESULTS_PER_PAGE, lambda p: ResultsPage(outcome.search_id, p)))
    return Reply("\n\n".join(lines), keyboard(rows))
