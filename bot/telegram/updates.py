"""Processing updates concurrently without letting one user starve the others, and each update once."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from itertools import count
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session
from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.store import handled
from bot.store.handled import Claim
from bot.store.models import utcnow

log = logging.getLogger(__name__)

WEBHOOK_CLAIM_LEASE = timedelta(seconds=60)
"""How long a replica's unfinished claim on an update holds off redeliveries to other replicas.

Longer than any update takes; a redelivery within it is refused (webhook: 503, Telegram retries later), one
after it is handled, since the replica that claimed it must have died."""
CLEANUP_INTERVAL = 60.0


class UpdateInProgress(Exception):
    """Another process is handling this update right now; its redelivery must be retried later."""


class UpdateLedger:
    """Claims update ids in the database so that each update is handled once, on whichever replica.

    In long polling Telegram serves updates to one process at a time, so an unfinished claim of another
    process can only be one that died before confirming the update: it is taken over at once.
    """

    def __init__(self, engine: Engine, *, retention: timedelta, single_consumer: bool) -> None:
        self.engine = engine
        self.retention = retention
        self.lease = timedelta(0) if single_consumer else WEBHOOK_CLAIM_LEASE
        self.owner = uuid.uuid4().hex
        self._cleaned_at = 0.0

    async def claim(self, update_id: int) -> Claim:
        return await asyncio.to_thread(self._claim, update_id)

    async def finish(self, update_id: int) -> None:
        await asyncio.to_thread(self._write, handled.finish, update_id)

    async def release(self, update_id: int) -> None:
        await asyncio.to_thread(self._write, handled.release, update_id)

    def _claim(self, update_id: int) -> Claim:
        with Session(self.engine) as session:
            now = time.monotonic()
            if now - self._cleaned_at >= CLEANUP_INTERVAL:
                self._cleaned_at = now
                forgotten = handled.forget_before(utcnow() - self.retention, session=session)
                if forgotten:
                    log.debug("forgot %d handled updates", forgotten)
            result = handled.claim(update_id, self.owner, session=session, lease=self.lease)
            session.commit()
            return result

    def _write(self, change: Callable[..., None], update_id: int) -> None:
        with Session(self.engine) as session:
            change(update_id, self.owner, session=session)
            session.commit()


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Different users' updates run concurrently; one user's run one at a time, in order.

    The per-user gate comes *before* the global limit of ``max_concurrent_updates``: a user's waiting
    updates hold no slot, so one account holds at most one slot however fast it sends. A user with
    more than ``backlog`` updates waiting has the newest dropped, and is told once per flood
    (``notify_dropped``).

    With a ``ledger`` (set once the database is open) an update delivered again is skipped.

    python-telegram-bot takes its own semaphore before :meth:`do_process_update`, so that one is sized
    never to bind (waiting users are bounded by ``backlog`` each) and the real limit is ``_slots``.
    """

    _UNBOUNDED = 1_000_000

    def __init__(self, max_concurrent_updates: int, backlog: int = 8) -> None:
        super().__init__(self._UNBOUNDED)
        self.limit = max_concurrent_updates
        self.backlog = backlog
        self.ledger: UpdateLedger | None = None
        self.notify_dropped: Callable[[Update], Coroutine[Any, Any, None]] | None = None
        self._slots = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}
        self._told: set[int] = set()  # users told of a dropped update during their current flood
        self._notices: set[asyncio.Task[None]] = set()
        self._tickets = count()
        self._started: dict[int, float] = {}  # updates being handled: ticket → monotonic start

    def oldest_in_flight(self) -> float | None:
        """When (``time.monotonic()``) the longest-running update still being handled started."""
        return min(self._started.values(), default=None)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Skip a redelivery; else wait for the same user's earlier updates, then for a slot; or drop a flood."""
        ledger = self.ledger if isinstance(update, Update) else None
        if ledger is not None:
            assert isinstance(update, Update)
            try:
                claim = await ledger.claim(update.update_id)
            except Exception:  # a duplicate is better than a lost update while the database is unwell
                log.warning("could not check whether update %s was handled already", update.update_id, exc_info=True)
                ledger, claim = None, Claim.NEW
            if claim is not Claim.NEW:
                _close(coroutine)
                if claim is Claim.BUSY:
                    raise UpdateInProgress(update.update_id)
                log.info("update %s was handled already: skipped", update.update_id)
                return
        try:
            await self._gated(update, coroutine)
        except Exception:
            if ledger is not None:
                assert isinstance(update, Update)
                await ledger.release(update.update_id)
            raise
        if ledger is not None:
            assert isinstance(update, Update)
            try:
                await ledger.finish(update.update_id)
            except Exception:  # handled, only not marked: a redelivery after the lease runs again
                log.warning("could not mark update %s handled", update.update_id, exc_info=True)

    async def _gated(self, update: object, coroutine: Awaitable[Any]) -> None:
        if not isinstance(update, Update) or update.effective_user is None:
            async with self._slots:
                await self._timed(coroutine)
            return
        user_id = update.effective_user.id
        if self._waiting.get(user_id, 0) >= self.backlog:
            log.warning("dropping update %s: user %s already has %d waiting", update.update_id, user_id, self.backlog)
            _close(coroutine)
            self._tell_dropped(user_id, update)
            return
        self._waiting[user_id] = self._waiting.get(user_id, 0) + 1
        lock = self._locks.setdefault(user_id, asyncio.Lock())
        try:
            async with lock, self._slots:
                await self._timed(coroutine)
        finally:
            self._waiting[user_id] -= 1
            if not self._waiting[user_id]:
                del self._waiting[user_id]
                self._locks.pop(user_id, None)
                self._told.discard(user_id)

    async def _timed(self, coroutine: Awaitable[Any]) -> None:
        ticket = next(self._tickets)
        self._started[ticket] = time.monotonic()
        try:
            await coroutine
        finally:
            del self._started[ticket]

    def _tell_dropped(self, user_id: int, update: Update) -> None:
        """Tell the user (once per flood, without waiting for it) that some of their messages were skipped."""
        if self.notify_dropped is None or user_id in self._told:
            return
        self._told.add(user_id)
        task = asyncio.create_task(self.notify_dropped(update))
        self._notices.add(task)
        task.add_done_callback(self._notices.discard)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Let the notices of dropped updates go out."""
        if self._notices:
            await asyncio.gather(*self._notices, return_exceptions=True)


def _close(coroutine: Awaitable[Any]) -> None:
    """Discard a handler coroutine that will not run (without the 'never awaited' warning)."""
    if asyncio.iscoroutine(coroutine):
        coroutine.close()
