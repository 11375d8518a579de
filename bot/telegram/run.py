"""Running the bot against Telegram (long polling)."""

from __future__ import annotations

import logging

from bot.settings import Settings

from .app import ALLOWED_UPDATES, build_application


def configure_logging(settings: Settings) -> None:
    """One line per event; the HTTP client's request lines are silenced because their URLs hold the token."""
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def run_polling(settings: Settings) -> None:
    """Serve updates by long polling until interrupted (Ctrl-C or SIGTERM)."""
    configure_logging(settings)
    application = build_application(settings)
    application.run_polling(allowed_updates=ALLOWED_UPDATES)
