"""Benchmark 3: free-text searches per second through a real `matchbot run`, against a minimal PTB echo bot.

    python bench/e2e_throughput.py            # every bot below, 50 users, up to 3,000 searches or 40 s each
    python bench/e2e_throughput.py --quick    # matchbot and the like-for-like echo bot, briefly (smoke test)

Each bot is a subprocess talking through python-telegram-bot's real HTTP client to the loopback fake
Bot API of the end-to-end tests (tests/e2e/fake_bot_api.py), found through TELEGRAM_API_BASE_URL as
in production. The fake runs in this process with its defaults: it validates every request the way
Telegram does (HTML parsed, lengths, buttons), records every call and imposes no rate limit. Two
things differ, both costs of a loopback test server that neither bot would meet at Telegram: Nagle's
algorithm is off on its sockets (see _NoDelayHandler) and it accepts a backlog of 128 connections
rather than 5. Simulated users each send a search, wait for the reply and send the next, so the
figures are the bots' own pace:

* **light**: two users, each pausing 0.2 s between searches (at most 10 a second, below the 30 a
  second AIORateLimiter allows), for the time from update to reply when nothing queues;
* **load**: many users at once, none pausing, for searches per second and the time from update to
  reply under load (with the rate limiter this is mostly the queue before it: 50 users / 30 per s).

The bots, all on the same harness:

* `matchbot run`: the real command, on a fresh SQLite database it seeds itself;
* echo + AIORateLimiter: bench/echo_bot.py with the rate limiter matchbot uses (like for like);
* echo: bench/echo_bot.py, as plain as PTB gets;
* matchbot, no rate limiter: bench/matchbot_no_rate_limiter.py (the same CLI, limiter left out).

A search counts when its reply's sendMessage reaches the fake; the loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import heapq
import os
import queue
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from _common import BENCH, clean_environment, machine, percentile, run_checked, table
from synthetic import queries

from tests.e2e import fake_bot_api
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser

STARTUP_TIMEOUT = 60.0
REPLY_TIMEOUT = 30.0  # no reply at all for this long: the bot is stuck, stop
LOST_AFTER = 10.0  # a search unanswered for this long is lost
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class _NoDelayHandler(fake_bot_api._Handler):
    """The fake's request handler with Nagle's algorithm off.

    http.server writes a response's headers and body in two sends; with Nagle on, the body waits for
    the client's delayed ACK (tens of milliseconds on loopback) on every call, a cost of the harness
    that neither bot would have against Telegram.
    """

    disable_nagle_algorithm = True


class TimedFakeBotApi(FakeBotApi):
    """The e2e fake, also announcing each successful sendMessage: (chat id, when) on ``replies``."""

    def __init__(self, *, nagle: bool = False) -> None:
        super().__init__()
        self.replies: queue.Queue[tuple[int, float]] = queue.Queue()
        self.nagle = nagle

    def start(self) -> None:
        super().start()
        assert self._server is not None
        # socketserver listens with a backlog of 5: a bot opening dozens of connections at once (one
        # per concurrent update) would have some handshakes dropped and retried, or reset.
        self._server.socket.listen(128)
        if not self.nagle:
            # Before the bot connects, so that every connection gets the handler.
            self._server.RequestHandlerClass = _NoDelayHandler

    def _record(
        self, method: str, params: Any, files: Any, status: int, payload: Any, injected: bool
    ) -> bytes:
        body = super()._record(method, params, files, status, payload, injected)
        if method.lower() == "sendmessage" and payload.get("ok"):
            self.replies.put((int(params["chat_id"]), time.monotonic()))
        return body


@dataclass(frozen=True, slots=True)
class Bot:
    """How to start one bot under test."""

    name: str
    command: list[str]
    is_matchbot: bool  # `matchbot migrate` the database first


BOTS = {
    "matchbot": Bot("`matchbot run`", [sys.executable, "-m", "bot", "run"], True),
    "echo-limited": Bot(
        "echo + AIORateLimiter", [sys.executable, str(BENCH / "echo_bot.py"), "--rate-limiter"], False
    ),
    "echo": Bot("echo (plain PTB)", [sys.executable, str(BENCH / "echo_bot.py")], False),
    "matchbot-unlimited": Bot(
        "matchbot, no rate limiter", [sys.executable, str(BENCH / "matchbot_no_rate_limiter.py")], True
    ),
}


@dataclass
class Phase:
    """What one load phase measured."""

    users: int
    searches: int = 0
    lost: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    harness_cpu: float = 0.0
    bot_cpu: float = 0.0

    @property
    def rate(self) -> float:
        return self.searches / self.seconds if self.seconds else 0.0


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Harness:
    """One bot process against one fake, driven by simulated users."""

    def __init__(self, bot: Bot, workdir: Path) -> None:
        self.bot = bot
        self.fake = TimedFakeBotApi()
        self.workdir = workdir
        self.log_path = workdir / "bot.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.texts = [query.text for query in queries(500)]
        self._next_user = 500_000

    def __enter__(self) -> Self:
        self.fake.start()
        env = clean_environment(
            TELEGRAM_BOT_TOKEN=self.fake.token,
            TELEGRAM_API_BASE_URL=self.fake.base_url,
            TELEGRAM_API_FILE_URL=self.fake.file_url,
            DATABASE_URL=f"sqlite:///{self.workdir / 'bench.db'}",
        )
        if self.bot.is_matchbot:
            # As in production: `matchbot migrate`, then `matchbot run` (which seeds an empty catalog).
            run_checked([sys.executable, "-m", "bot", "migrate"], env=env, cwd=self.workdir)
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self.bot.command, env=env, cwd=self.workdir, stdin=subprocess.DEVNULL, stdout=log, stderr=log
            )
        self._wait_ready()
        return self

    def __exit__(self, *exc_info: object) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        self.fake.stop()

    def _wait_ready(self) -> None:
        """Until the bot starts polling: PTB calls deleteWebhook, then getUpdates (which the fake records only
        when the long poll ends). matchbot publishes its menus in post_init, before that."""
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            self._check_alive()
            try:
                self.fake.wait_for_call("deleteWebhook", timeout=0.25)
                return
            except TimeoutError:
                continue
        raise SystemExit(f"{self.bot.name} was not ready within {STARTUP_TIMEOUT}s:\n{self.log()}")

    def _check_alive(self) -> None:
        assert self.process is not None
        if self.process.poll() is not None:
            raise SystemExit(f"{self.bot.name} exited with {self.process.returncode}:\n{self.log()}")

    def log(self, full: bool = False) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return text if full else text[-5000:]

    def new_users(self, count: int) -> list[FakeUser]:
        users = []
        for i in range(count):
            self._next_user += 1
            users.append(FakeUser(self._next_user, "Bench", language_code="fa" if i % 2 else "en"))
        return users

    def drive(self, users: int, searches: int, seconds: float, pause: float = 0.0) -> Phase:
        """Every user sends a search, waits for its reply, waits ``pause`` seconds, sends the next.

        The first search of each user (registration, first-touch costs) is not measured. Sending stops
        after ``searches`` measured searches or ``seconds``; the searches still in flight are awaited.
        A search without a reply for LOST_AFTER seconds counts as lost and its user carries on.
        """
        assert self.process is not None
        pid = self.process.pid
        people = {user.id: user for user in self.new_users(users)}
        cursor = {user_id: i * 37 for i, user_id in enumerate(people)}
        sent_at: dict[int, float] = {}  # in the order sent: the first is the oldest
        due: list[tuple[float, int]] = []  # (when, user): searches to send after a pause
        phase = Phase(users)
        state = {"warm": 0, "started": 0.0, "sending": True, "cpu_harness": 0.0, "cpu_bot": 0.0}

        def send(user_id: int) -> None:
            text = self.texts[cursor[user_id] % len(self.texts)]
            cursor[user_id] += 1
            sent_at[user_id] = time.monotonic()
            self.fake.send_message(people[user_id], text)

        def settle(user_id: int, latency: float | None, when: float) -> None:
            """A search was answered (latency) or lost (None): count it, and let its user go on."""
            if state["warm"] < users:
                state["warm"] += 1
                if state["warm"] == users:  # everyone has had a first reply: the measured window opens
                    state["started"] = time.monotonic()
                    state["cpu_harness"], state["cpu_bot"] = time.process_time(), _cpu_seconds(pid)
            else:
                if latency is None:
                    phase.lost += 1
                else:
                    phase.latencies.append(latency)
                if state["sending"]:
                    phase.searches += latency is not None
            started = state["started"]
            if (
                state["sending"]
                and started
                and (phase.searches >= searches or time.monotonic() - started >= seconds)
            ):
                state["sending"] = False
                phase.seconds = time.monotonic() - started
                phase.harness_cpu = time.process_time() - state["cpu_harness"]
                phase.bot_cpu = _cpu_seconds(pid) - state["cpu_bot"]
            if state["sending"]:
                if pause:
                    heapq.heappush(due, (when + pause, user_id))
                else:
                    send(user_id)

        for user_id in people:
            send(user_id)
        progress = time.monotonic()
        while sent_at or due:
            now = time.monotonic()
            while due and due[0][0] <= now:
                send(heapq.heappop(due)[1])
            while sent_at and now - next(iter(sent_at.values())) >= LOST_AFTER:
                oldest = next(iter(sent_at))
                del sent_at[oldest]
                settle(oldest, None, now)
            if now - progress > REPLY_TIMEOUT:
                self._check_alive()
                raise SystemExit(
                    f"{self.bot.name}: no reply for {REPLY_TIMEOUT}s ({len(sent_at)} waiting):\n{self.log()}"
                )
            try:
                chat_id, when = self.fake.replies.get(timeout=max(0.0, due[0][0] - now) if due else 0.5)
            except queue.Empty:
                self._check_alive()
                continue
            if chat_id in sent_at:  # else not one of this phase's users, or a reply given up on
                progress = when
                settle(chat_id, when - sent_at.pop(chat_id), when)
        return phase

    def finish(self) -> dict[str, Any]:
        """What the bot got wrong (calls the fake rejected, errors it logged) and its peak memory."""
        assert self.process is not None
        rejected = [call.describe() for call in self.fake.rejected]
        errors = [
            line
            for line in self.log(full=True).splitlines()
            if " ERROR " in line or line.startswith("Traceback")
        ]
        for line in (rejected + errors)[:10]:
            print(f"{self.bot.name}: {line}", file=sys.stderr)
        return {
            "peak_rss_mb": _peak_rss_mb(self.process.pid),
            "rejected": len(rejected),
            "errors": len(errors),
        }


def measure(
    key: str, light: tuple[int, int], load: tuple[int, int], seconds: float, pause: float
) -> dict[str, Any]:
    """Start one bot, run the light and the load phase, stop it."""
    bot = BOTS[key]
    print(f"… {bot.name}", file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="matchbot-e2e-") as temp, Harness(bot, Path(temp)) as harness:
        quiet = harness.drive(light[0], light[1], seconds, pause)
        busy = harness.drive(load[0], load[1], seconds)
        return {"bot": bot.name, "light": quiet, "load": busy, **harness.finish()}


def report(results: dict[str, dict[str, Any]]) -> str:
    rows = []
    for r in results.values():
        light, load = r["light"], r["load"]
        rows.append(
            [
                r["bot"],
                f"{load.rate:.1f}",
                f"{percentile(light.latencies, 0.5) * 1000:.0f} / {percentile(light.latencies, 0.99) * 1000:.0f} ms",
                f"{percentile(load.latencies, 0.5) * 1000:.0f} / {percentile(load.latencies, 0.99) * 1000:.0f} ms",
                f"{load.bot_cpu / load.searches * 1000:.1f} ms",
                f"{load.harness_cpu / load.seconds:.0%}",
                f"{load.searches} in {load.seconds:.1f} s",
                f"{light.lost + load.lost} / {r['errors']} / {r['rejected']}",
                f"{r['peak_rss_mb']:.0f} MB",
            ]
        )
    text = table(
        [
            "bot",
            "searches/s (load)",
            "p50 / p99 light",
            "p50 / p99 load",
            "bot CPU per search",
            "harness CPU",
            "measured",
            "lost / errors / rejected",
            "bot peak RSS",
        ],
        rows,
    )
    ratios = []
    for a, b in (("matchbot", "echo-limited"), ("matchbot", "echo"), ("matchbot-unlimited", "echo")):
        if a in results and b in results:
            ratios.append(
                f"{results[a]['bot']} / {results[b]['bot']}: {results[a]['load'].rate / results[b]['load'].rate:.2f}"
            )
    return text + "\n\nThroughput ratios: " + "; ".join(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--users", type=int, default=50, help="simulated users in the load phase (default %(default)s)"
    )
    parser.add_argument(
        "--searches", type=int, default=3000, help="measured searches per bot at most (default %(default)s)"
    )
    parser.add_argument(
        "--seconds", type=float, default=40.0, help="measured seconds per phase at most (default %(default)s)"
    )
    parser.add_argument(
        "--light-users", type=int, default=2, help="users in the light phase (default %(default)s)"
    )
    parser.add_argument(
        "--light-searches", type=int, default=100, help="searches in the light phase (default %(default)s)"
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=0.2,
        help="seconds a light-phase user waits between searches (default %(default)s)",
    )
    parser.add_argument(
        "--bots", default=",".join(BOTS), help="which bots, comma-separated (default %(default)s)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="matchbot and the like-for-like echo bot, briefly"
    )
    args = parser.parse_args()
    bots = [key.strip() for key in args.bots.split(",") if key.strip()]
    light, load = (args.light_users, args.light_searches), (args.users, args.searches)
    if args.quick:
        bots, light, load, args.seconds, args.pause = (
            ["matchbot", "echo-limited"],
            (2, 10),
            (8, 40),
            10.0,
            0.05,
        )
    unknown = set(bots) - set(BOTS)
    if unknown:
        parser.error(f"unknown bots {sorted(unknown)}; choose from {', '.join(BOTS)}")
    results = {key: measure(key, light, load, args.seconds, args.pause) for key in bots}
    print(
        f"End to end: {load[0]} users in the load phase; {light[0]} in the light one, pausing {args.pause} s between "
        f"searches; loopback fake Bot API\n"
        f"{machine()}\n"
    )
    print(report(results))


if __name__ == "__main__":
    main()
