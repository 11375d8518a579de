"""The long-lived services handlers use: settings, the database engine and the catalog matcher."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session
from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.liveness import Liveness

if TYPE_CHECKING:
    from .digests import DigestSender

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
    # Changes this process made to the catalog (catalog_changed), and how many of them the matcher was built after.
    _changes: int = 0
    _built: int = 0

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
        """Rebuild the matcher when the catalog changed (another process or replica may change it).

        After a change this process made (an import applied, a listing added), every update waits for the rebuild
        rather than answer from the old index: an admin imports a listing and searches it at once, and a rebuild
        another update had started (a job, a second tap) left that search the old index. A change made elsewhere
        is picked up within ``refresh_seconds``, by whichever update checks first, the others answering meanwhile."""
        now = time.monotonic()
        pending = self._changes != self._built
        if not pending and now - self._checked_at < self.refresh_seconds:
            return
        self._checked_at = now
        if not self._rebuild.acquire(blocking=pending):
            return
        try:
            changes = self._changes
            version = catalog.catalog_version(session=session)
            if version != self._version:
                if self._version is not None:
                    log.info("catalog changed; rebuilding the matching index")
                self.matcher = Matcher.load(session=session)
                self._version = version
            self._built = changes
        finally:
            self._rebuild.release()

    def catalog_changed(self) -> None:
        """Make the next updates wait for the matcher to be rebuilt (after this process changed the catalog)."""
        self._changes += 1
        self._checked_at = 0.0


class BotData:
    """The application's shared state, typed: what ``build_application`` and ``post_init`` set up."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.liveness: Liveness | None = None
        self.runtime: Runtime | None = None
        """Set by ``post_init`` once the database is open and the matcher built."""
        self.digest_sender: DigestSender | None = None
        """Opened by ``post_init``, closed by ``post_shutdown``."""


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
"""The ``context`` every handler and job of the bot gets."""
CONTEXT_TYPES = ContextTypes(context=CallbackContext, bot_data=BotData)


def runtime(context: CallbackContext[Any, Any, Any, Any]) -> Runtime:
    """The runtime ``post_init`` opened (handlers run only after it)."""
    data = context.bot_data
    assert isinstance(data, BotData) and data.runtime is not None, "the bot handles updates only after post_init"
    return data.runtime
