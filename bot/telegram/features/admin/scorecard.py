"""/scorecard: a desk's weekly scorecard, its chart sent as a photo with the figures in the caption.

Desk officers get their desk's (a button per desk when they have several); full admins pick any active desk
with a button, or name it: ``/scorecard DESK-AUT``. The same caption goes with the weekly scorecard the bot
sends by itself (bot.telegram.scorecards).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar

from telegram.constants import MessageLimit
from telegram.ext import CommandHandler

from bot.dates import format_date
from bot.i18n import digits, label, t, tn
from bot.services import scorecard
from bot.services.scorecard import Scorecard
from bot.services.scorecard_chart import render_png
from bot.store.models import Desk, LeadStatus
from bot.telegram.buttons import ButtonData, ListingCode
from bot.telegram.turn import Outcome, Photo, Turn, admin_handler, on_press
from bot.telegram.ui import Reply, cut, grid, keyboard, name

from .leads import status_name
from .render import number

if TYPE_CHECKING:
    from bot.telegram.app import App

CAPTION: int = MessageLimit.CAPTION_LENGTH
"""Telegram's limit on a photo's caption (1024 characters)."""
_LISTED = 5


@dataclass(frozen=True, slots=True)
class ScorecardOf(ButtonData):
    """Send the scorecard of one desk."""

    prefix: ClassVar[str] = "scd"
    code: ListingCode


# ------------------------------------------------------------------------------------ renderers


def duration(language: str, span: timedelta) -> str:
    """A response time: whole hours under two days (``5 h``, ``۳۰ ساعت``), else days to a tenth (``2.5 days``)."""
    hours = span.total_seconds() / 3600
    if hours < 48:
        whole = max(1, round(hours))
        return tn(language, "scorecard_hours", whole, count=number(language, whole))
    days = f"{hours / 24:.1f}".removesuffix(".0")
    return t(language, "scorecard_days", count=digits(language, days).replace(".", "٫") if language == "fa" else days)


def _quoted(language: str, text: str) -> str:
    return f"«{text}»" if language == "fa" else f"“{text}”"


def caption(language: str, card: Scorecard) -> str:
    """The scorecard's figures as a photo caption (HTML), always within Telegram's 1024 characters (counted with
    the tags, more than Telegram counts): the lists of listings and needs keep as many lines as fit."""
    week = card.week
    lines = [
        t(language, "scorecard_title", desk=cut(name(language, card.desk), 80), code=card.desk.code),
        t(language, "scorecard_week", start=format_date(language, week.start), end=format_date(language, week.end)),
        t(language, "scorecard_new_leads", count=number(language, week.leads)),
        t(language, "scorecard_response", median=duration(language, week.median_response), count=number(language, week.answered))
        if week.median_response is not None else t(language, "scorecard_response_none"),
        t(language, "scorecard_introductions", asked=number(language, week.introductions), accepted=number(language, week.introduced)),
        t(language, "scorecard_overdue", overdue=number(language, card.overdue), waiting=number(language, card.waiting)),
        t(language, "scorecard_statuses", statuses=" · ".join(
            t(language, "stats_status", status=status_name(language, status), count=number(language, count))
            for status, count in card.by_status.items() if count or status is not LeadStatus.WITHDRAWN)),
    ]
    key = t(language, "scorecard_chart_key")
    if any(week.introductions for week in card.weeks):  # the chart draws them (bot.services.scorecard_chart)
        key += "\n" + t(language, "scorecard_chart_key_introductions")
    interest = [t(language, "scorecard_interest_line", code=item.code, name=cut(name(language, item), 40),
                  count=number(language, item.leads), new=number(language, item.new))
                for item in card.interest[:_LISTED]]
    needs = [t(language, "scorecard_need_line", need=_quoted(language, cut(group.label, 50)), searches=number(language, group.searches),
               people=number(language, group.people))
             for group in card.unmet]
    # The lists lose their last lines, the longer list first, until the caption fits; "…" tells a list was cut.
    shown, shown_needs = list(interest), list(needs)
    cut_interest = cut_needs = False
    more = t(language, "scorecard_more")
    while True:
        sections = [
            "\n".join([t(language, "scorecard_interest"), *(shown or ([] if cut_interest else [t(language, "scorecard_interest_none")])), *([more] if cut_interest else [])]),
            "\n".join([t(language, "scorecard_needs"), *(shown_needs or ([] if cut_needs else [t(language, "scorecard_needs_none")])), *([more] if cut_needs else [])]),
        ]
        text = "\n\n".join(["\n".join(lines), *sections, key])
        if len(text) <= CAPTION or not (shown or shown_needs):
            return text
        longer = shown if len(shown) >= len(shown_needs) else shown_needs
        longer.pop()
        cut_interest, cut_needs = len(shown) < len(interest), len(shown_needs) < len(needs)


def desk_choice(language: str, desks: Sequence[Desk]) -> Reply:
    """A button per desk to pick whose scorecard to see."""
    buttons = [ScorecardOf(desk.code).button(label(language, "btn_scorecard_desk", code=desk.code, name=name(language, desk)))
               for desk in desks]
    return Reply(t(language, "scorecard_choose"), keyboard(grid(buttons, 1)))


def photo(language: str, card: Scorecard) -> Photo:
    """The chart with its caption."""
    return Photo(render_png(card, language), caption(language, card))


# ------------------------------------------------------------------------------------- handlers


def _send(turn: Turn, desk: Desk) -> Outcome:
    card = scorecard.build(desk, session=turn.session, tz=turn.settings.tz, sector_of=scorecard.sectors_by(turn.matcher),
                           matcher=turn.matcher)
    return Outcome(photo=photo(turn.language, card))


@admin_handler("/scorecard", desks=True)
def scorecard_command(turn: Turn) -> Outcome:
    """A desk's scorecard: the one named, the officer's own desk, or a choice of desks."""
    rights = turn.rights
    assert rights is not None  # admin_handler let only admins in
    if turn.args:
        desk = scorecard.find_desk(turn.args[0], session=turn.session)
        if desk is None:
            return Outcome(reply=Reply(t(turn.language, "scorecard_unknown_desk", code=cut(turn.args[0], 32))))
        if rights.desks is not None and desk.code not in rights.desks:
            return turn.refuse("/scorecard", toast=False)
        return _send(turn, desk)
    desks = scorecard.desks_for(rights, session=turn.session)
    if len(desks) == 1:
        return _send(turn, desks[0])
    if not desks:
        return Outcome(reply=Reply(t(turn.language, "scorecard_no_desks")))
    return Outcome(reply=desk_choice(turn.language, desks))


def desk_pressed(turn: Turn, pressed: ScorecardOf) -> Outcome:
    """The scorecard of the desk pressed (a desk officer's own desks only)."""
    rights = turn.rights
    assert rights is not None
    desk = scorecard.find_desk(pressed.code, session=turn.session)
    if desk is None:
        return Outcome(toast=t(turn.language, "expired"))
    if rights.desks is not None and desk.code not in rights.desks:
        return turn.refuse("button scd", toast=True)
    return _send(turn, desk)


def register(application: App) -> None:
    """/scorecard and its desk buttons."""
    application.add_handler(CommandHandler("scorecard", scorecard_command))
    application.add_handler(on_press(ScorecardOf, desk_pressed, admin=True, desks=True))
