"""Running the real ``matchbot`` (``python -m bot``) as subprocesses against the fake Bot API, for the digest tests."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from bot.services import catalog
from bot.store import schema
from bot.store.db import make_engine
from bot.store.models import Frequency, SectorSubscription, Subscriber, User, utcnow

from .fake_bot_api import FakeBotApi, FakeUser

def matchbot(*args: str, env: dict[str, str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``matchbot ARGS`` to completion; fail the test with its output if it fails."""
    done = subprocess.run([sys.executable, "-m", "bot", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        pytest.fail(f"matchbot {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def start(*args: str, env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen[bytes]:
    """Start ``matchbot ARGS`` in the background, its output appended to ``log``."""
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "bot", *args], env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=out)


@contextmanager
def running_bot(fake: FakeBotApi, env: dict[str, str], cwd: Path, timeout: float = 40.0) -> Iterator[subprocess.Popen[bytes]]:
    """``matchbot run`` until the block ends (then SIGINT, as PTB expects); ready once it polls for updates."""
    log = cwd / "bot.log"
    after = len(fake.calls)
    process = start("run", env=env, cwd=cwd, log=log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                pytest.fail(f"the bot exited with {process.returncode} during startup:\n{log.read_text()}")
            try:
                menu = fake.wait_for_call("setMyCommands", lambda call: call.params.get("language_code") == "fa", timeout=0.25, after=after)
                fake.wait_for_call("getUpdates", timeout=0.25, after=menu.seq)
                break
            except TimeoutError:
                if time.monotonic() > deadline:
                    pytest.fail(f"the bot was not ready within {timeout}s:\n{log.read_text()}")
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
                pytest.fail(f"the bot did not stop on SIGINT:\n{log.read_text()}")


def seed_subscribers(database_url: str, fake: FakeBotApi, count: int, *, first_id: int = 10_000) -> list[int]:
    """Seed the catalog and ``count`` instant subscribers whose last digest was a day ago, each to one sector.

    Every subscriber therefore has one digest's worth of news (their sector's listings). Each has
    written to the bot once, as Telegram requires before a bot may message them.
    """
    engine = make_engine(database_url)
    schema.upgrade(engine)
    user_ids = list(range(first_id, first_id + count))
    with Session(engine) as session:
        catalog.seed(session=session)
        keys = [sector.key for sector in catalog.store.sectors(session=session)]
        earlier = utcnow() - timedelta(days=1)
        session.add_all(User(id=user_id, first_name=f"U{user_id}", language="en") for user_id in user_ids)
        session.flush()
        session.add_all(Subscriber(user_id=user_id, frequency=Frequency.INSTANT, cursor=earlier) for user_id in user_ids)
        session.add_all(SectorSubscription(user_id=user_id, sector=keys[user_id % len(keys)]) for user_id in user_ids)
        session.commit()
    engine.dispose()
    for user_id in user_ids:
        fake.send_message(FakeUser(id=user_id, first_name=f"U{user_id}"), "/start")
    return user_ids


def delivered(fake: FakeBotApi) -> Counter[int]:
    """Successful sendMessage calls per chat."""
    return Counter(int(call.params["chat_id"]) for call in fake.calls if call.method == "sendMessage" and call.ok)


def texts_to(fake: FakeBotApi, chat_id: int) -> list[str]:
    """The texts of the successful sendMessage calls to one chat, in order."""
    return [
        str(call.params["text"])
        for call in fake.calls
        if call.method == "sendMessage" and call.ok and int(call.params["chat_id"]) == chat_id
    ]
