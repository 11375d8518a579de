"""Replies that survive a passing network error.

A message to a user that fails on the way to Telegram (connection reset, timeout) is sent again after a
short, growing pause, a bounded number of times; Telegram's own refusals (blocked, bad request) are not
network errors and are never retried. Replies go through the application's bot, whose AIORateLimiter
waits out 429 answers (digests do not: see :mod:`bot.telegram.digests`).

A timeout can hide a message Telegram did receive, so after one the user may see the message twice:
the lesser harm than a reply that never comes.
"""

from __future__ import annotations

import logging
from functools import partial
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram.error import BadRequest, NetworkError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, wait_exponential

log = logging.getLogger(__name__)
T = TypeVar("T")

RETRIES = 3
BASE_DELAY = 0.5  # seconds: then 1 and 2, about 3.5 s in all


def network_error(error: BaseException) -> bool:
    """A failure on the way to Telegram or a 5xx, worth trying again; BadRequest is a NetworkError in
    python-telegram-bot, but it is Telegram's answer: final."""
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


def _log_retry(what: str, retry_state: RetryCallState) -> None:
    assert retry_state.outcome is not None and retry_state.next_action is not None
    error = retry_state.outcome.exception()
    assert isinstance(error, NetworkError)
    log.warning("%s failed on the network (%s); retrying in %.1f s", what, error.message, retry_state.next_action.sleep)


_POLICY = AsyncRetrying(
    retry=retry_if_exception(network_error),
    stop=stop_after_attempt(RETRIES + 1),
    wait=wait_exponential(multiplier=BASE_DELAY),  # 0.5 s after the first attempt, then 1 and 2
    reraise=True,
)


async def _awaited(call: Callable[[], Awaitable[T]]) -> T:
    # tenacity awaits coroutine functions only; ``call`` is often a lambda returning an awaitable.
    return await call()


async def with_retries(call: Callable[[], Awaitable[T]], *, what: str = "reply") -> T:
    """Run ``call``; on a network error run it again after 0.5, 1 and 2 s, then give up (raise)."""
    # A copy per call: tenacity keeps a call's state on the object, and replies run concurrently.
    retrying = _POLICY.copy(before_sleep=partial(_log_retry, what))
    result: T = await retrying(_awaited, call)
    return result
