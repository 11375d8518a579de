"""Running the bot against Telegram: long polling, or webhooks when ``WEBHOOK_URL`` is set."""

from __future__ import annotations

from bot.logs import configure_logging
from bot.settings import Settings

from .app import ALLOWED_UPDATES, build_application


def run(settings: Settings) -> None:
    """Serve updates until interrupted (Ctrl-C or SIGTERM): webhooks if configured, else long polling."""
    if settings.webhook_url is not None:
        from .webhook import run_webhook

        run_webhook(settings)
        return
    configure_logging(settings)
    application = build_application(settings)
    application.run_polling(allowed_updates=ALLOWED_UPDATES)
