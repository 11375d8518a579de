"""The real bot as a subprocess (``python -m bot run``) against the loopback fake Bot API, for the admin e2e tests.

Import the fixtures into a test module: ``from .admin_processes import admin_bot, admin_db, admin_fake``.
One bot is started per module and database (starting one takes seconds); tests stay independent by using
their own Telegram user ids (:func:`new_user`).
"""

from __future__ import annotations

import itertools
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.store.db import make_engine
from tests.conftest import fresh_database

from .conftest import bot_environment
from .fake_bot_api import FakeBotApi, FakeUser

ADMIN = FakeUser(id=700_001, first_name="Program admin", username="program_admin", language_code="en")
START_TIMEOUT = 40.0
STOP_TIMEOUT = 15.0
# Settings of the developer's shell that must not reach the bot under test.
_user_ids = itertools.count(710_001)


def new_user(language: str = "en", first_name: str = "Investor") -> FakeUser:
    """A Telegram user no other test uses."""
    user_id = next(_user_ids)
    return FakeUser(id=user_id, first_name=first_name, username=f"investor{user_id}", language_code=language)


@dataclass
class AdminBot:
    """A running bot: its fake Bot API, its database, and its log."""

    fake: FakeBotApi
    database_url: str
    engine: Engine  # for tests to check what the bot stored
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self, since: int = 0) -> str:
        """The bot's log (stdout and stderr) from byte offset ``since``."""
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as log:
            log.seek(since)
            return log.read().decode("utf-8", "replace")

    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def problems(self, since: int = 0) -> list[str]:
        """Errors and tracebacks the bot logged since byte offset ``since``."""
        return [line for line in self.log(since).splitlines() if " ERROR " in line or " CRITICAL " in line or line.startswith("Traceback")]

    def assert_alive(self) -> None:
        if self.process.poll() is not None:
            pytest.fail(f"the bot exited with status {self.process.returncode}:\n{self.log()[-20_000:]}")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def admin_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An empty database for one module's bot: an SQLite file, or the emptied PostgreSQL test database."""
    return fresh_database(request.param, tmp_path_factory.mktemp("admin-db"))


@pytest.fixture(scope="module")
def admin_fake(admin_db: str) -> Iterator[FakeBotApi]:
    """The fake Telegram of one module's bot."""
    with FakeBotApi() as fake:
        yield fake


def _ready(fake: FakeBotApi, process: subprocess.Popen[bytes], log_path: Path) -> None:
    """Wait until the bot published its menus and began long polling."""
    deadline = time.monotonic() + START_TIMEOUT
    menus = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the bot exited with status {process.returncode} while starting:\n{log_path.read_text(errors='replace')}")
        try:
            if menus is None:
                menus = fake.wait_for_call("setMyCommands", lambda call: call.params.get("language_code") == "fa", timeout=0.25)
            fake.wait_for_call("deleteWebhook", timeout=0.25, after=menus.seq)
            return
        except TimeoutError:
            continue
    process.kill()
    pytest.fail(f"the bot was not ready within {START_TIMEOUT}s:\n{log_path.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def admin_bot(admin_fake: FakeBotApi, admin_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AdminBot]:
    """``python -m bot run`` on ``admin_db`` (seeded by its first start), with ADMIN in ``ADMIN_IDS``; ADMIN sent /start."""
    workdir = tmp_path_factory.mktemp("admin-bot")  # no stray .env is read
    log_path = workdir / "bot.log"
    env = bot_environment(admin_fake, admin_db, str(ADMIN.id))
    # An operator migrates before the first start (`matchbot run` refuses an empty schema).
    subprocess.run([sys.executable, "-m", "bot", "migrate"], env=env, cwd=workdir, check=True, capture_output=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=workdir, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    engine = make_engine(admin_db)
    running = AdminBot(admin_fake, admin_db, engine, process, log_path)
    try:
        _ready(admin_fake, process, log_path)
        sent = admin_fake.send_message(ADMIN, "/start")
        admin_fake.wait_for_message(ADMIN.id, after=sent, contains="Hello")
        yield running
        running.assert_alive()
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # run_polling stops cleanly on it
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        engine.dispose()


@pytest.fixture
def telegram_accepted_everything(admin_bot: AdminBot) -> Iterator[None]:
    """A test ends with nothing the bot sent refused by (fake) Telegram, nothing logged as an error, the bot running."""
    since = admin_bot.log_size()
    yield
    assert admin_bot.fake.rejected == []
    assert admin_bot.problems(since) == [], admin_bot.log(since)[-5000:]
    admin_bot.assert_alive()
