"""The bot in the image answers through the fake Bot API, in long polling and in webhook mode.

Run by docker/check-image.sh after the image is built and its database migrated and seeded:

    python3 docker/check_bot.py IMAGE VOLUME NAME_PREFIX

The fake (tests/e2e/fake_bot_api.py, standard library only, so any Python 3.11+ runs this) serves on
the host's loopback; the containers share the host's network to reach it, as the e2e tests' bot does.
Each mode runs the image's own HEALTHCHECK command (more often than the image's 30 s, to finish in
seconds) and must reach "healthy" with no restart; the container must then stop cleanly on SIGTERM.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.e2e.fake_bot_api import FakeBotApi, FakeUser  # noqa: E402 - after the path is set

STARTUP_TIMEOUT = 90.0
HEALTHY_TIMEOUT = 90.0
WEBHOOK_PATH = "/telegram/hook"
WEBHOOK_SECRET = "image-check-secret-0123456789"
# "brake pads" finds this listing of the seed catalog (as in the e2e tests).
QUERY, EXPECTED_CODE = "brake pads", "AUT-002"


class CheckFailed(Exception):
    pass


def docker(*args: str, check: bool = True) -> str:
    done = subprocess.run(["docker", *args], capture_output=True, text=True, timeout=120)
    if check and done.returncode != 0:
        raise CheckFailed(f"docker {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
    return done.stdout.strip()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Container:
    """One ``matchbot run`` container on the host network, against ``fake``."""

    def __init__(self, image: str, volume: str, name: str, fake: FakeBotApi, **settings: str) -> None:
        self.name = name
        self.fake = fake
        env = {
            "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "TELEGRAM_API_FILE_URL": fake.file_url,
            "ADMIN_IDS": "",
            **settings,
        }
        flags = [flag for name_, value in env.items() for flag in ("-e", f"{name_}={value}")]
        docker("run", "-d", "--name", name, "--network", "host", "-v", f"{volume}:/data",
               "--health-interval", "2s", "--health-timeout", "10s", "--health-retries", "3",
               *flags, image, "run")

    def state(self) -> dict[str, object]:
        return json.loads(docker("inspect", "--format", "{{json .State}}", self.name))

    def logs(self) -> str:
        done = subprocess.run(["docker", "logs", self.name], capture_output=True, text=True, timeout=60)
        return (done.stdout + done.stderr)[-8000:]

    def fail(self, problem: str) -> CheckFailed:
        return CheckFailed(f"{self.name}: {problem}\n--- container log ---\n{self.logs()}\n--- end ---")

    def wait_for_call(self, method: str) -> None:
        """Wait for the bot's ``method`` call (its last start-up step), failing at once if the container exits."""
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if not self.state()["Running"]:
                raise self.fail("exited during start-up")
            try:
                self.fake.wait_for_call(method, timeout=1)
                return
            except TimeoutError:
                continue
        raise self.fail(f"no {method} within {STARTUP_TIMEOUT}s")

    def wait_healthy(self) -> None:
        deadline = time.monotonic() + HEALTHY_TIMEOUT
        while time.monotonic() < deadline:
            state = self.state()
            health = state.get("Health") or {}
            status = health.get("Status") if isinstance(health, dict) else None
            if status == "healthy":
                return
            if status == "unhealthy" or not state["Running"]:
                raise self.fail(f"HEALTHCHECK: {status}, {json.dumps(health)[-1500:]}")
            time.sleep(1)
        raise self.fail(f"not healthy within {HEALTHY_TIMEOUT}s")

    def stop_cleanly(self) -> None:
        restarts = docker("inspect", "--format", "{{.RestartCount}}", self.name)
        if restarts != "0":
            raise self.fail(f"restarted {restarts} times")
        docker("stop", "--time", "30", self.name)
        state = self.state()
        if state["ExitCode"] != 0:
            raise self.fail(f"exited {state['ExitCode']} on SIGTERM")
        if self.fake.token in self.logs():
            raise self.fail("the bot token appears in the log")

    def wait_for_answer(self, user: FakeUser, after: int) -> None:
        """The bot answers ``user``'s search with the expected listing, and made no call the fake rejected."""
        try:
            self.fake.wait_for_message(user.id, after=after, contains=EXPECTED_CODE, timeout=30)
        except TimeoutError as exc:
            raise self.fail(str(exc)) from None
        if self.fake.rejected:
            raise self.fail(f"the fake rejected {[call.describe() for call in self.fake.rejected]}")

    def __enter__(self) -> Container:
        return self

    def __exit__(self, *exc_info: object) -> None:
        docker("rm", "-f", self.name, check=False)


def check_polling(image: str, volume: str, prefix: str) -> None:
    with FakeBotApi() as fake:
        with Container(image, volume, f"{prefix}-polling", fake) as container:
            container.wait_for_call("deleteWebhook")  # then it polls getUpdates
            user = FakeUser(id=610_001, first_name="Polling")
            container.wait_for_answer(user, after=fake.send_message(user, QUERY))
            container.wait_healthy()
            container.stop_cleanly()
    print(f"check-image: ok   polling: the bot answered {QUERY!r} with {EXPECTED_CODE}; healthy; stopped cleanly")


def check_webhook(image: str, volume: str, prefix: str) -> None:
    port = free_port()
    # Telegram never reuses a bot's update ids, and the bot remembers the ones it handled (in the volume
    # the polling check used): this "Telegram" goes on after the polling check's ids.
    with FakeBotApi(first_update_id=2000) as fake:
        with Container(
            image, volume, f"{prefix}-webhook", fake,
            WEBHOOK_URL=f"https://bot.test{WEBHOOK_PATH}", WEBHOOK_SECRET=WEBHOOK_SECRET,
            WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT=str(port),
        ) as container:
            container.wait_for_call("setWebhook")
            container.wait_healthy()  # the HEALTHCHECK asks the replica's own /healthz in this mode
            user = FakeUser(id=610_002, first_name="Webhook", language_code="fa")
            after = fake.send_message(user, QUERY)
            # The check plays Telegram: it posts the queued update to the webhook, with the secret.
            for update in fake.drain_updates():
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}{WEBHOOK_PATH}", data=json.dumps(update).encode(), method="POST",
                    headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET},
                )
                with urllib.request.urlopen(request, timeout=30) as response:
                    if response.status != 200:
                        raise container.fail(f"the webhook answered {response.status}")
            container.wait_for_answer(user, after)
            container.stop_cleanly()
    print(f"check-image: ok   webhook: the bot answered a posted update with {EXPECTED_CODE}; healthy; stopped cleanly")


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    image, volume, prefix = argv
    try:
        check_polling(image, volume, prefix)
        check_webhook(image, volume, prefix)
    except CheckFailed as exc:
        print(f"check-image: FAIL {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
