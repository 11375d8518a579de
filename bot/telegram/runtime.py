"""The long-lived services handlers use: settings, the database engine and the catalog matcher."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session
from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.liveness import Liveness

from bot.services.search import Matcher
from bot.settings import Settings
from bot.store import catalog

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class Runtime:
    """What ``post_init`` opens and ``post_shutdown`` closes; one per running bot."""

    settings: Settings
    engine: Engine
    matcher: Matcher
    refresh_seconds: float = 5.0
    _version: tuple[object, ...] | None = None
    _checked_at: float = 0.0
    _rebuild: threading.Lock = field(default_factory=threading.Lock)

    async def run(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` with one database session in a worker thread, committing if it succeeds.

        The database and the matcher are synchronous; running them off the event loop keeps one
        slow query from holding up every other user's update.
        """
        return await asyncio.to_thread(self._run, work)

    def _run(self, work: Callable[[Session], T]) -> T:
        with Session(self.engine, expire_on_commit=False) as session:
            self._refresh(session)
            result = work(session)
            session.commit()
            return result

    def _refresh(self, session: Session) -> None:
        """Rebuild the matcher when the catalog changed (another process or replica may change it)."""
        now = time.monotonic()
        if now - self._checked_at < self.refresh_seconds:
            return
        self._checked_at = now
        version = catalog.catalog_version(session=session)
        if version == self._version or not self._rebuild.acquire(blocking=False):
            return
        try:
            if self._version is not None:
                log.info("catalog changed; rebuilding the matching index")
            self.matcher = Matcher.load(session=session)
            self._version = version
        finally:
            self._rebuild.release()

    def catalog_changed(self) -> None:
        """Make the next update check the catalog version at once (after this process changed it)."""
        self._checked_at = 0.0


class BotData:
    """The application's shared state, typed: what ``build_application`` and ``post_init`` set up."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.liveness: Liveness | None = None
        self.runtime: Runtime | None = None
        """Set by ``post_init`` once the database is open and the matcher built."""


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
"""The ``context`` every handler and job of the bot gets."""
CONTEXT_TYPES = ContextTypes(context=CallbackContext, bot_data=BotData)


def runtime(context: CallbackContext[Any, Any, Any, Any]) -> Runtime:
    """The runtime ``post_init`` opened (handlers run only after it)."""
    data = context.bot_data
    assert isinstance(data, BotData) and data.runtime is not None, "the bot handles updates only after post_init"
    return data.runtime
