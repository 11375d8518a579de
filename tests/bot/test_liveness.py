"""The running bot's heartbeat: progress of the update loop, and updates that never finish."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.liveness import Heartbeat, Liveness, heartbeat_path, read_heartbeat
from bot.settings import Settings


def settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(_env_file=None, heartbeat_file=str(tmp_path / "beat.json"), **values)  # type: ignore[call-arg]


def test_a_beat_is_written_and_read_back(tmp_path: Path) -> None:
    oldest: list[float] = []
    liveness = Liveness(settings(tmp_path), lambda: oldest[0] if oldest else None)
    liveness.beat()
    heartbeat = read_heartbeat(liveness.path)
    assert heartbeat is not None and abs(heartbeat.beat - time.time()) < 5 and heartbeat.oldest_update is None
    assert liveness.problem() is None
    oldest.append(time.monotonic() - 500)  # an update stuck for 500 s
    problem = liveness.problem()
    assert problem is not None and problem.startswith("an update has been handled for 500 s")
    liveness.stop()
    assert read_heartbeat(liveness.path) is None


def test_a_stale_beat_is_a_problem_and_zero_turns_the_check_off(tmp_path: Path) -> None:
    assert Heartbeat(beat=1000.0).problem(120, now=1121) == "the update loop made no progress for 121 s (limit 120 s)"
    assert Heartbeat(beat=1000.0).problem(120, now=1100) is None
    off = Liveness(settings(tmp_path, liveness_timeout_seconds=0), lambda: time.monotonic() - 10_000)
    off.beat()
    assert off.problem() is None and not off.path.exists()


def test_the_default_file_is_per_database_and_short_timeouts_are_refused(tmp_path: Path) -> None:
    one = heartbeat_path(Settings(_env_file=None, database_url="sqlite:///a.db"))  # type: ignore[call-arg]
    two = heartbeat_path(Settings(_env_file=None, database_url="sqlite:///b.db"))  # type: ignore[call-arg]
    assert one != two and one.parent == two.parent
    with pytest.raises(ValueError, match="at least 15"):
        settings(tmp_path, liveness_timeout_seconds=5)
