"""Liveness: has the bot's update loop made progress lately? Read by ``matchbot health`` and ``/healthz``.

"Progress" is the loop doing its job, with or without users: in long polling, a ``getUpdates`` call
starting or returning (it returns every few seconds even when nobody writes); in webhook mode, the event
loop running a periodic beat. Either way, an update being handled for longer than the timeout counts as
no progress too (a handler stuck on a lock or a runaway computation).

The running bot writes a small heartbeat file (``HEARTBEAT_FILE``) that ``matchbot health`` (the Docker
HEALTHCHECK, a separate process in the same container) reads. A frozen process cannot write, so its file
goes stale. With no file there is no bot running here to judge (e.g. the ``migrate`` container, or
before start-up, which the HEALTHCHECK's start period covers).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.settings import Settings

log = logging.getLogger(__name__)
WRITE_INTERVAL = 1.0  # seconds: beats closer together than this only update memory


def heartbeat_path(settings: Settings) -> Path:
    """``HEARTBEAT_FILE``, or a file in the temporary directory named after the database (one bot per database per host)."""
    if settings.heartbeat_file:
        return Path(settings.heartbeat_file)
    digest = hashlib.sha256(settings.database_url.encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"matchbot-heartbeat-{digest}.json"


@dataclass
class Heartbeat:
    """What the file holds: the last progress and the start of the oldest update still being handled (Unix times)."""

    beat: float
    oldest_update: float | None = None

    def problem(self, timeout: float, now: float | None = None) -> str | None:
        """Why the bot is not live, or None."""
        now = time.time() if now is None else now
        if now - self.beat > timeout:
            return f"the update loop made no progress for {now - self.beat:.0f} s (limit {timeout:.0f} s)"
        if self.oldest_update is not None and now - self.oldest_update > timeout:
            return f"an update has been handled for {now - self.oldest_update:.0f} s (limit {timeout:.0f} s)"
        return None


class Liveness:
    """Kept by the running bot: beats, and the file they are written to (at most once a second)."""

    def __init__(self, settings: Settings, oldest_in_flight: Callable[[], float | None]) -> None:
        self.timeout = settings.liveness_timeout_seconds
        self.path = heartbeat_path(settings)
        self._oldest_in_flight = oldest_in_flight  # time.monotonic() of the oldest update being handled
        self._beat = time.time()
        self._written = 0.0

    def current(self) -> Heartbeat:
        oldest = self._oldest_in_flight()
        return Heartbeat(self._beat, None if oldest is None else time.time() - (time.monotonic() - oldest))

    def problem(self) -> str | None:
        return self.current().problem(self.timeout) if self.timeout else None

    def beat(self) -> None:
        """The update loop made progress."""
        self._beat = time.time()
        if self.timeout and self._beat - self._written >= WRITE_INTERVAL:
            self._written = self._beat
            self._write()

    def _write(self) -> None:
        heartbeat = self.current()
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            temporary.write_text(json.dumps({"beat": heartbeat.beat, "oldest_update": heartbeat.oldest_update, "pid": os.getpid()}))
            temporary.replace(self.path)  # atomic: the reader never sees half a file
        except OSError as exc:
            log.warning("could not write the heartbeat file %s: %s", self.path, exc)

    def stop(self) -> None:
        """The bot stops on purpose: no heartbeat is left behind to go stale."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass


def read_heartbeat(path: Path) -> Heartbeat | None:
    """The heartbeat in ``path``; None when there is none (no bot running here). Raises ValueError when unreadable."""
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        return None
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("beat"), (int, float)):
        raise ValueError(f"{path}: not a heartbeat")
    oldest = data.get("oldest_update")
    return Heartbeat(float(data["beat"]), float(oldest) if isinstance(oldest, (int, float)) else None)
