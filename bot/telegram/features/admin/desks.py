"""/responsedays: how many working days each desk takes to answer a lead (full admins set it).

``/responsedays`` lists every desk's, ``/responsedays DESK-AUT`` one desk's; ``/responsedays DESK-AUT 5`` sets one (for leads written from then on).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from telegram.ext import CommandHandler

from bot.i18n import N_, t, tn
from bot.services import response_times
from bot.store.models import Desk
from bot.telegram.turn import Outcome, Turn, admin_handler
from bot.telegram.ui import Reply, cut, name

from .render import bounded, number

if TYPE_CHECKING:
    from bot.telegram.app import App


def _days(language: str, days: int) -> str:
    return tn(language, "working_days", days, days=number(language, days))


def response_list(language: str, desks: Sequence[Desk]) -> Reply:
    """Every desk's response time, with how to change one."""
    lines = [t(language, "responsedays_line", code=desk.code, name=cut(name(language, desk), 100), days=_days(language, desk.response_days))
             for desk in desks]
    return Reply("\n".join([t(language, "responsedays_header"), *bounded(language, lines, 3400)]) + "\n\n" + t(language, "responsedays_usage"))


@admin_handler("/responsedays")
def responsedays_command(turn: Turn) -> Outcome:
    """List the desks' response times, or set one: ``/responsedays CODE DAYS``."""
    language = turn.language
    if not turn.args:
        return Outcome(reply=response_list(language, response_times.response_times(session=turn.session)))
    if len(turn.args) == 1:  # one desk's: its time, with how to change it
        desks = [desk for desk in response_times.response_times(session=turn.session) if desk.code == turn.args[0].upper()]
        if not desks:
            return Outcome(reply=Reply(t(language, "desk_not_found", code=cut(turn.args[0], 40))))
        return Outcome(reply=response_list(language, desks))
    if len(turn.args) != 2:
        return Outcome(reply=Reply(t(language, "responsedays_usage")))
    code, typed = turn.args
    try:
        days = response_times.parse_days(typed)
    except response_times.BadDays:
        return Outcome(reply=Reply(t(language, "responsedays_bad_days", days=cut(typed, 20),
                                     most=number(language, response_times.MAX_RESPONSE_DAYS))))
    change = response_times.set_response_days(turn.person.id, code, days, session=turn.session)
    if change is None:
        return Outcome(reply=Reply(t(language, "desk_not_found", code=cut(code, 40))))
    key = N_("responsedays_set") if change.changed else N_("responsedays_same")
    return Outcome(reply=Reply(t(language, key, code=change.desk.code, days=_days(language, days))))


def register(application: App) -> None:
    """/responsedays."""
    application.add_handler(CommandHandler("responsedays", responsedays_command))
