"""Running the bot against Telegram: long polling, or webhooks when ``WEBHOOK_URL`` is set."""

from __future__ import annotations

import logging

from telegram.error import InvalidToken, NetworkError

from bot.logs import configure_logging
from bot.settings import Settings

from .app import ALLOWED_UPDATES, build_application


class QuietStartUpFailure(logging.Filter):
    """Drops python-telegram-bot's traceback of a start-up that could not reach the Bot API.

    Its bootstrap loop logs the failure with a 60-line traceback, then raises it; the caller (``matchbot
    run``) says the same in one line. Failures once running are not start-up ones and are still logged.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not (isinstance(error, (NetworkError, InvalidToken)) and "(Bootstrap" in record.getMessage())


def run(settings: Settings) -> None:
    """Serve updates until interrupted (Ctrl-C or SIGTERM): webhooks if configured, else long polling.

    A Bot API that cannot be reached at start-up raises ``NetworkError`` (a refused token ``InvalidToken``),
    logged by nobody: the caller reports it.
    """
    if settings.webhook_url is not None:
        from .webhook import run_webhook

        run_webhook(settings)
        return
    configure_logging(settings)
    application = build_application(settings)
    quiet = QuietStartUpFailure()
    logging.getLogger("telegram.ext").addFilter(quiet)
    try:
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
    finally:
        logging.getLogger("telegram.ext").removeFilter(quiet)
