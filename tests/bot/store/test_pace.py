"""The shared send schedule: slots one interval apart across sessions (processes), and 429 hold-offs."""

from __future__ import annotations

import threading

from sqlalchemy import Engine
from sqlmodel import Session

from bot.store import pace

INTERVAL = 5.0  # long, so the slots are far apart compared with how long the test's statements take


def reserve(engine: Engine, key: str = "telegram") -> float:
    with Session(engine) as session:
        wait = pace.reserve(key, INTERVAL, session=session)
        session.commit()
        return wait


def test_senders_in_several_sessions_at_once_get_slots_one_interval_apart(engine: Engine) -> None:
    waits: list[float] = []
    lock = threading.Lock()

    def sender() -> None:
        for _ in range(4):
            wait = reserve(engine)
            with lock:
                waits.append(wait)

    threads = [threading.Thread(target=sender) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Twelve reservations from three "processes": one sequence of slots, the first now, the rest 5 s apart.
    for number, wait in enumerate(sorted(waits)):
        assert abs(wait - number * INTERVAL) < 1.0, sorted(waits)


def test_schedules_are_per_key_and_a_hold_off_moves_the_next_slot(engine: Engine) -> None:
    assert reserve(engine) < 1.0
    assert abs(reserve(engine) - INTERVAL) < 1.0
    assert reserve(engine, "other") < 1.0
    with Session(engine) as session:
        pace.hold_off("telegram", 60.0, session=session)
        session.commit()
    assert abs(reserve(engine) - 60.0) < 1.0
