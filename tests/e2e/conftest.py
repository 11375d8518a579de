"""Fixtures of the end-to-end tests: the fake Bot API and the real bot, run as ``python -m bot run``.

One bot process (and one fake) is shared per test module and database: starting the bot costs seconds,
and tests stay independent by each using their own Telegram user ids. The bot's database is
``e2e_database_url``, a module-scoped twin of tests/conftest.py's function-scoped ``database_url`` (a bot
that outlives one test cannot use a per-test database). Which databases a test runs on is decided by
:func:`pytest_generate_tests`: every bot test on SQLite, tests marked ``also_postgres`` on PostgreSQL too
(that variant carries the ``postgres`` marker, so ``-m "not postgres"`` leaves it out).
"""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.settings import Settings
from bot.store.db import make_engine
from tests.conftest import fresh_database

from .fake_bot_api import FakeBotApi, FakeUser, SentMessage

ADMIN = FakeUser(id=900_001, first_name="Admin", username="program_admin", language_code="en")
STARTUP_TIMEOUT = 40.0
STOP_TIMEOUT = 15.0

# A listing whose every free-text field needs HTML escaping; imported before the bot starts.
ESCAPING_PRODUCT = {
    "code": "MCH-900",
    "name_en": "Valve <DN50> & fittings",
    "name_fa": "شیر <DN50> و اتصالات",
    "aliases": "gate valve <DN50> & fittings;DN50 valve",
    "hs_code": "848180",
    "sector": "machinery",
    "annual_import_usd": "1250000",
    "status": "open",
    "description": 'Gate valve <DN50> & fittings for "water" lines; tested at <16 bar> & 20°C.',
}

# Settings of the developer's shell (or CI) that must not leak into the bot under test: every matchbot
# setting (WEBHOOK_URL would switch the bot to webhook mode, AUTO_MIGRATE changes start-up...).
_BOT_VARIABLES = frozenset(name.upper() for name in Settings.model_fields)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "also_postgres: an e2e test that runs on PostgreSQL as well as SQLite (when TEST_DATABASE_URL is set)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run bot tests on SQLite, and those marked also_postgres on PostgreSQL too (one bot per module and database)."""
    if "e2e_database_url" not in metafunc.fixturenames:
        return
    params: list[object] = ["sqlite"]
    if metafunc.definition.get_closest_marker("also_postgres") is not None:
        params.append(pytest.param("postgres", marks=pytest.mark.postgres))
    metafunc.parametrize("e2e_database_url", params, indirect=True, scope="module")


@pytest.fixture(scope="module")
def e2e_database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh database for one module's bot (module-scoped: the bot outlives one test)."""
    return fresh_database(getattr(request, "param", "sqlite"), tmp_path_factory.mktemp("db"))


def bot_environment(fake: FakeBotApi, database_url: str, admin_ids: str = "", **settings: object) -> dict[str, str]:
    """The environment of a bot (or matchbot CLI) process talking to ``fake``; ``settings`` are extra variables."""
    env = {name: value for name, value in os.environ.items() if name.upper() not in _BOT_VARIABLES}
    env.update(
        TELEGRAM_BOT_TOKEN=fake.token,
        TELEGRAM_API_BASE_URL=fake.base_url,
        TELEGRAM_API_FILE_URL=fake.file_url,
        DATABASE_URL=database_url,
        ADMIN_IDS=admin_ids,
        LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
        # Its own heartbeat: the default is per database, and tests reuse the PostgreSQL test database.
        HEARTBEAT_FILE=os.path.join(tempfile.gettempdir(), f"matchbot-test-heartbeat-{uuid.uuid4().hex}.json"),
        # No weekly desk scorecards (a photo per desk to every admin) unless a test asks for them.
        SCORECARD_INTERVAL_SECONDS="0",
    )
    env.update({name.upper(): str(value) for name, value in settings.items()})
    return env


def run_cli(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``matchbot ARGS`` (as ``python -m bot``) and fail the test with its output if it fails."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        pytest.fail(f"matchbot {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def write_products_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(ESCAPING_PRODUCT), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


class BotProcess:
    """The real bot as a subprocess against a fake Bot API; start, stop and restart it.

    Its stderr (the log) goes to ``log_path``, appended across restarts.
    """

    def __init__(self, fake: FakeBotApi, database_url: str, workdir: Path, admin_ids: str = str(ADMIN.id)) -> None:
        self.fake = fake
        self.database_url = database_url
        self.workdir = workdir
        self.log_path = workdir / "bot-stderr.log"
        self.env = bot_environment(fake, database_url, admin_ids)
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    # -------------------------------------------------------------- lifecycle

    def start(self, timeout: float = STARTUP_TIMEOUT) -> None:
        """Start the bot and wait until post_init is done and it polls for updates."""
        assert self.process is None, "already running"
        after = len(self.fake.calls)
        with self.log_path.open("ab") as log:
            log.write(f"\n===== start #{self.starts + 1} =====\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                env=self.env,
                cwd=self.workdir,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        self.starts += 1
        deadline = time.monotonic() + timeout
        # post_init publishes the English (default) then the Persian command menu; then the updater clears any
        # webhook and starts long polling at once. (A long poll is only recorded when it returns, up to 10 s
        # later, so deleteWebhook is the signal: whatever a test sends from now on is in the first poll.)
        commands_set = None
        while time.monotonic() < deadline:
            self._fail_if_exited("during startup")
            try:
                if commands_set is None:
                    commands_set = self.fake.wait_for_call(
                        "setMyCommands", lambda call: call.params.get("language_code") == "fa", timeout=0.25, after=after
                    )
                self.fake.wait_for_call("deleteWebhook", timeout=0.25, after=commands_set.seq)
                return
            except TimeoutError:
                continue
        self.kill()
        pytest.fail(f"the bot was not ready within {timeout}s.\n{self.describe_log()}")

    def stop(self) -> int | None:
        """SIGINT (PTB's run_polling stops on it), wait up to 15 s, then kill. Returns the exit status."""
        process, self.process = self.process, None
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                return process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
                raise AssertionError(f"the bot did not stop within {STOP_TIMEOUT}s of SIGINT.\n{self.describe_log()}")
        return process.returncode

    def kill(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=5)

    def restart(self) -> None:
        """Stop the bot cleanly (after it handled everything) and start a new process on the same database."""
        self.fake.wait_idle()
        status = self.stop()
        assert status == 0, f"the bot exited with {status} on SIGINT.\n{self.describe_log()}"
        self.start()

    # -------------------------------------------------------------- observing

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def _fail_if_exited(self, when: str) -> None:
        if self.process is not None and self.process.poll() is not None:
            status = self.process.returncode
            self.process = None
            pytest.fail(f"the bot exited with status {status} {when}.\n{self.describe_log()}")

    def log_size(self) -> int:
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log(self, since: int = 0) -> str:
        """The bot's stderr from byte offset ``since``."""
        if not self.log_path.exists():
            return ""
        with self.log_path.open("rb") as log:
            log.seek(since)
            return log.read().decode("utf-8", "replace")

    def problems(self, since: int = 0) -> list[str]:
        """Log lines at ERROR or CRITICAL level, and tracebacks, written since byte offset ``since``."""
        return [
            line
            for line in self.log(since).splitlines()
            if " ERROR " in line or " CRITICAL " in line or line.startswith("Traceback")
        ]

    def describe_log(self, since: int = 0, limit: int = 20_000) -> str:
        text = self.log(since) or "(nothing)"
        if len(text) > limit:
            text = "…" + text[-limit:]
        return f"--- bot stderr ({self.log_path}) ---\n{text}\n--- end of bot stderr ---"


@pytest.fixture(scope="module")
def fake(e2e_database_url: str) -> Iterator[FakeBotApi]:
    """The fake Telegram Bot API of one module's bot (one per database, so no state crosses over)."""
    with FakeBotApi() as api:
        yield api


@pytest.fixture(scope="module")
def bot(
    request: pytest.FixtureRequest, fake: FakeBotApi, e2e_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotProcess]:
    """The real bot, running against ``fake`` on a seeded ``e2e_database_url``; ADMIN has sent it /start.

    Before the bot starts the catalog is seeded and ``ESCAPING_PRODUCT`` imported with the matchbot CLI. A test
    module's ``BOT_SETTINGS`` (a dict of setting names and values) are added to the bot's environment.
    """
    workdir = tmp_path_factory.mktemp("bot")
    process = BotProcess(fake, e2e_database_url, workdir)
    process.env.update({name.upper(): str(value) for name, value in getattr(request.module, "BOT_SETTINGS", {}).items()})
    run_cli("seed", env=process.env, cwd=workdir)
    run_cli("import", str(write_products_csv(workdir / "extra.csv", [ESCAPING_PRODUCT])), env=process.env, cwd=workdir)
    process.start()
    try:
        # A real admin has talked to the bot, so it may message them.
        sent = fake.send_message(ADMIN, "/start")
        fake.wait_for_message(ADMIN.id, after=sent, contains="Hello")
        yield process
    finally:
        if process.process is not None and process.process.poll() is not None:
            status = process.process.returncode
            process.process = None
            pytest.fail(f"the bot died during the module (status {status}).\n{process.describe_log()}")
        status = process.stop()
        if status not in (0, None):
            print(process.describe_log(), file=sys.stderr)
            pytest.fail(f"the bot exited with status {status} on SIGINT")


@pytest.fixture(autouse=True)
def _bot_log_on_failure(request: pytest.FixtureRequest) -> None:
    """Remember where the bot's log stood when a test using it began (see pytest_runtest_makereport)."""
    if "bot" in request.fixturenames:
        process: BotProcess = request.getfixturevalue("bot")
        request.node.stash[_LOG_START] = (process, process.log_size())


_LOG_START = pytest.StashKey[tuple[BotProcess, int]]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failed bot test's report shows what the bot logged (its stderr) during the test."""
    report = yield
    started = item.stash.get(_LOG_START, None)
    if started is not None and report.when == "call" and report.failed:
        process, since = started
        report.sections.append(("bot stderr during the test", process.describe_log(since)))
    return report


# ------------------------------------------------------------------ conversation helpers


class Users:
    """Distinct Telegram users per test, so tests sharing one bot never see each other's state."""

    def __init__(self) -> None:
        self._next = 100_000

    def new(self, language_code: str = "en", first_name: str | None = None, username: str | None = None) -> FakeUser:
        self._next += 1
        name = first_name or ("Dariush" if language_code == "fa" else "Alice")
        return FakeUser(id=self._next, first_name=name, username=username, language_code=language_code)


@pytest.fixture(scope="session")
def users() -> Users:
    return Users()


def buttons(message: SentMessage) -> list[str]:
    """The labels of a message's buttons."""
    return [text for text, _ in message.buttons()]


def callback_data(message: SentMessage) -> list[str | None]:
    return [data for _, data in message.buttons()]


def say(fake: FakeBotApi, user: FakeUser, text: str, contains: str | None = None, *, timeout: float = 10.0) -> SentMessage:
    """Send ``text`` as ``user`` and return the bot's first answer (containing ``contains``)."""
    sent = fake.send_message(user, text)
    return fake.wait_for_message(user.id, after=sent, contains=contains, timeout=timeout)


def nothing_more(fake: FakeBotApi, chat_id: int, after: int, seconds: float) -> None:
    """The bot says nothing more to ``chat_id`` after message ``after`` for ``seconds``."""
    with pytest.raises(TimeoutError):
        fake.wait_for_message(chat_id, after=after, timeout=seconds)


@pytest.fixture
def accepted_everything(bot: BotProcess, fake: FakeBotApi) -> Iterator[None]:
    """The test ends with nothing refused by (fake) Telegram and nothing logged as an error.

    A module opts in with ``pytestmark = [..., pytest.mark.usefixtures("accepted_everything")]``.
    """
    since = bot.log_size()
    yield
    assert fake.rejected == [] and bot.problems(since) == [], bot.describe_log(since)


@pytest.fixture(scope="module")
def engine(e2e_database_url: str) -> Iterator[Engine]:
    """The module's database, for reading what the bot wrote."""
    engine = make_engine(e2e_database_url)
    yield engine
    engine.dispose()
