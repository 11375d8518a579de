"""Replies that survive a passing network error.

A message to a user that fails on the way to Telegram (connection reset, timeout) is sent again after a
short, growing pause, a bounded number of times; Telegram's own refusals (blocked, bad request) are not
network errors and are never retried. AIORateLimiter already waits out 429 answers.

A timeout can hide a message Telegram did receive, so after one the user may see the message twice:
the lesser harm than a reply that never comes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram.error import BadRequest, NetworkError

log = logging.getLogger(__name__)
T = TypeVar("T")

RETRIES = 3
BASE_DELAY = 0.5  # seconds: then 1 and 2, about 3.5 s in all


async def with_retries(call: Callable[[], Awaitable[T]], *, what: str = "reply") -> T:
    """Run ``call``; on a network error run it again after 0.5, 1 and 2 s, then give up (raise)."""
    for attempt in range(RETRIES + 1):
        try:
            return await call()
        except BadRequest:  # a NetworkError in python-telegram-bot, but Telegram's answer: final
            raise
        except NetworkError as exc:
            if attempt == RETRIES:
                raise
            delay = BASE_DELAY * 2**attempt
            log.warning("%s failed on the network (%s); retrying in %.1f s", what, exc.message, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")
