"""/digest_now: an admin runs a digest round at once, as ``matchbot digest`` does, and sees how it went."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import CommandHandler

from bot.i18n import tn
from bot.telegram.digests import RoundReport, send_from_bot
from bot.telegram.runtime import Context
from bot.telegram.turn import Outcome, Turn, run_turn
from bot.telegram.ui import Reply

from .render import number

if TYPE_CHECKING:
    from bot.telegram.app import App


def _allowed(turn: Turn) -> Outcome:
    return Outcome()


def _report(report: RoundReport, turn: Turn) -> Outcome:
    language = turn.language
    return Outcome(reply=Reply(tn(
        language, "digest_now_done", report.messages, planned=number(language, len(report.plan.planned)), sent=number(language, report.sent),
        messages=number(language, report.messages), blocked=number(language, report.blocked), failed=number(language, report.refused),
        pending=number(language, report.left_pending))))


async def digest_now(update: Update, context: Context) -> None:
    """Check the sender's rights in one turn, run the round (it takes its own transactions), then report."""
    if (await run_turn(update, context, _allowed, admin="/digest_now")).refused:
        return
    report = await send_from_bot(context, due_only=False)
    await run_turn(update, context, lambda turn: _report(report, turn))


def register(application: App) -> None:
    """/digest_now."""
    application.add_handler(CommandHandler("digest_now", digest_now))
