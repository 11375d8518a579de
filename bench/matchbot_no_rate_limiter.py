"""`matchbot run` with python-telegram-bot's AIORateLimiter left out: a diagnostic for bench/e2e_throughput.py.

matchbot sends through AIORateLimiter, which keeps the whole bot under Telegram's 30 messages per
second. This runs the very same CLI (`bot.cli.main(["run"])`) with the limiter replaced by none, to
show what the bot itself could serve when the limiter is not the bottleneck. Not for production.
"""

from __future__ import annotations

import sys

import bot.telegram.app
from bot.cli import main

# build_application calls AIORateLimiter(max_retries=3); ApplicationBuilder.rate_limiter(None) means none.
bot.telegram.app.AIORateLimiter = lambda **_: None  # type: ignore[attr-defined,assignment]

if __name__ == "__main__":
    sys.exit(main(["run"]))
