"""Any button no feature takes (forged, stale, from an older bot) gets a polite "expired"; registered
after every button handler, so it sees only what none of them matched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import CallbackQueryHandler

from bot.telegram.turn import expired, handler

if TYPE_CHECKING:
    from bot.telegram.app import App


def register(application: App) -> None:
    application.add_handler(CallbackQueryHandler(handler(expired)))
