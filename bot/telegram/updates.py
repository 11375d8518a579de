"""Processing updates concurrently without letting one user starve the others."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger(__name__)


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Different users' updates run concurrently; one user's run one at a time, in order.

    The per-user gate comes *before* the global limit of ``max_concurrent_updates``: a user's waiting
    updates hold no slot, so one account holds at most one slot however fast it sends. A user with
    more than ``backlog`` updates waiting has the newest dropped.

    python-telegram-bot takes its own semaphore before :meth:`do_process_update`, so that one is sized
    never to bind (waiting users are bounded by ``backlog`` each) and the real limit is ``_slots``.
    """

    _UNBOUNDED = 1_000_000

    def __init__(self, max_concurrent_updates: int, backlog: int = 8) -> None:
        super().__init__(self._UNBOUNDED)
        self.limit = max_concurrent_updates
        self.backlog = backlog
        self._slots = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the same user's earlier updates, then for a slot; or drop a flood."""
        if not isinstance(update, Update) or update.effective_user is None:
            async with self._slots:
                await coroutine
            return
        user_id = update.effective_user.id
        if self._waiting.get(user_id, 0) >= self.backlog:
            log.warning("dropping update %s: user %s already has %d waiting", update.update_id, user_id, self.backlog)
            if asyncio.iscoroutine(coroutine):
                coroutine.close()
            return
        self._waiting[user_id] = self._waiting.get(user_id, 0) + 1
        lock = self._locks.setdefault(user_id, asyncio.Lock())
        try:
            async with lock, self._slots:
                await coroutine
        finally:
            self._waiting[user_id] -= 1
            if not self._waiting[user_id]:
                del self._waiting[user_id]
                self._locks.pop(user_id, None)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""
