"""A minimal python-telegram-bot echo bot: the baseline of bench/e2e_throughput.py.

It reads the same variables as matchbot (TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL,
TELEGRAM_API_FILE_URL, MAX_CONCURRENT_UPDATES) and answers every text message with the same text.

    python bench/echo_bot.py                  # as plain as PTB gets
    python bench/echo_bot.py --rate-limiter   # with the AIORateLimiter matchbot uses in production
"""

from __future__ import annotations

import argparse
import os

from telegram import Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ContextTypes,
    MessageHandler,
    filters,
)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the message's text back to its chat."""
    assert update.effective_chat is not None and update.effective_message is not None
    await update.effective_chat.send_message(update.effective_message.text or "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rate-limiter", action="store_true", help="use AIORateLimiter(max_retries=3), as matchbot does"
    )
    args = parser.parse_args()
    builder: ApplicationBuilder = (  # type: ignore[type-arg]
        Application.builder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ.get("TELEGRAM_API_BASE_URL", "https://api.telegram.org/bot"))
        .base_file_url(os.environ.get("TELEGRAM_API_FILE_URL", "https://api.telegram.org/file/bot"))
        # The same number of updates at once as matchbot (MAX_CONCURRENT_UPDATES, default 32).
        .concurrent_updates(int(os.environ.get("MAX_CONCURRENT_UPDATES", "32")))
    )
    if args.rate_limiter:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT & ~filters.UpdateType.EDITED, echo))
    application.run_polling(allowed_updates=[Update.MESSAGE])


if __name__ == "__main__":
    main()
