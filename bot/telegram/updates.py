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

    A user with more than ``backlog`` updates waiting has the newest dropped, so a flood from one
    account holds at most ``backlog`` of the ``max_concurrent_updates`` slots and everyone else is
    still answered promptly.
    """

    def __init__(self, max_concurrent_updates: int, backlog: int = 8) -> None:
        super().__init__(max_concurrent_updates)
        self.backlog = backlog
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the update after the same user's earlier ones, or drop it if they sent too many."""
        if not isinstance(update, Update) or update.effective_user is None:
            await coroutine
            return
        user = update.effective_user
        if self._waiting.get(user.id, 0) >= self.backlog:
            log.warning("dropping update %s: user %s has %d waiting", update.update_id, user.id, self.backlog)
            if asyncio.iscoroutine(coroutine):
                coroutine.close()
            return
        self._waiting[user.id] = self._waiting.get(user.id, 0) + 1
        lock = self._locks.setdefault(user.id, asyncio.Lock())
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[user.id] -= 1
            if not self._waiting[user.id]:
                del self._waiting[user.id]
                self._locks.pop(user.id, None)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""
