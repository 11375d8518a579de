"""Webhook mode with two replicas behind one bot token and one database.

The test plays Telegram and the load balancer: it takes the updates users "send" through the fake Bot API
and posts each to one replica, as Telegram posts each update once to the balancer. The replicas' own calls
(sendMessage…) go to the fake as usual.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlmodel import Session

from bot.services import subscriptions
from bot.store.db import make_engine
from bot.store.models import Frequency

from .conftest import bot_environment, run_cli, write_products_csv
from .fake_bot_api import FakeBotApi, FakeUser

pytestmark = [pytest.mark.e2e, pytest.mark.replicas]

SECRET = "replica-test-secret-0123456789"
PATH = "/telegram/hook"
NEW_PRODUCT = {
    "code": "ZZZ-001", "name_en": "Zirconia grinding media", "name_fa": "گلوله آسیاب زیرکونیا", "aliases": "zirconia beads",
    "hs_code": "690919", "sector": "mining", "annual_import_usd": "3000000", "status": "open", "description": "Beads for mills.",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Replica:
    """One ``matchbot run`` in webhook mode on its own port."""

    def __init__(self, name: str, fake: FakeBotApi, database_url: str, workdir: Path, admin_ids: str = "") -> None:
        self.name = name
        self.port = _free_port()
        self.log_path = workdir / f"{name}.log"
        self.env = bot_environment(fake, database_url, admin_ids=admin_ids)
        # Both replicas run the digest scheduler every second: the outbox must keep them from sending twice.
        self.env.update(WEBHOOK_URL=f"https://bot.test{PATH}", WEBHOOK_SECRET=SECRET, WEBHOOK_LISTEN="127.0.0.1",
                        WEBHOOK_PORT=str(self.port), LOG_FORMAT="json", DIGEST_INTERVAL_SECONDS="1")
        self.url = f"http://127.0.0.1:{self.port}"
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=self.env, cwd=workdir,
                                            stdin=subprocess.DEVNULL, stdout=log, stderr=log)

    def wait_healthy(self, timeout: float = 40.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"{self.name} exited:\n{self.log()}"
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{self.name} not healthy within {timeout}s:\n{self.log()}")

    def post(self, update: object, secret: str | None = SECRET) -> int:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        return httpx.post(f"{self.url}{PATH}", json=update, headers=headers, timeout=30).status_code

    def post_raw(self, body: bytes) -> httpx.Response:
        """Post any bytes as the webhook body, with the secret (as a client holding the secret could)."""
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
        return httpx.post(f"{self.url}{PATH}", content=body, headers=headers, timeout=30)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def terminate(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=20)


@pytest.fixture
def replicas(database_url: str, tmp_path: Path) -> Iterator[tuple[FakeBotApi, Replica, Replica]]:
    with FakeBotApi() as fake:
        env = bot_environment(fake, database_url, admin_ids="")
        run_cli("migrate", env=env, cwd=tmp_path)
        run_cli("seed", env=env, cwd=tmp_path)
        first, second = Replica("replica-a", fake, database_url, tmp_path), Replica("replica-b", fake, database_url, tmp_path)
        try:
            first.wait_healthy()
            second.wait_healthy()
            yield fake, first, second
        finally:
            for replica in (first, second):
                if replica.process.poll() is None:
                    replica.process.kill()
                    replica.process.wait()


def deliver(fake: FakeBotApi, targets: list[Replica]) -> None:
    """Post every queued update to one replica, round robin, as a load balancer would."""
    for i, update in enumerate(fake.drain_updates()):
        assert targets[i % len(targets)].post(update) == 200


def replies(fake: FakeBotApi, user: FakeUser) -> list[str]:
    return [m.text for m in fake.messages_to(user.id)]


def _digests(fake: FakeBotApi, user: FakeUser) -> list[str]:
    """Digest messages (not search answers) that mention the new listing."""
    return [text for text in replies(fake, user) if "ZZZ-001" in text and not text.startswith("🔎")]


@pytest.mark.postgres_only
def test_two_replicas_answer_each_update_once_and_share_catalog_changes(
    replicas: tuple[FakeBotApi, Replica, Replica], tmp_path: Path
) -> None:
    fake, first, second = replicas
    # Only Telegram (holding the secret) may post updates.
    assert first.post({"update_id": 1}, secret=None) == 403
    assert first.post({"update_id": 1}, secret="wrong-secret-0123456789") == 403
    assert httpx.get(f"{first.url}{PATH}").status_code == 405

    users = [FakeUser(id=700_000 + i, first_name=f"Investor{i}", language_code="fa" if i % 2 else "en") for i in range(20)]
    for user in users:
        fake.send_message(user, "brake pads")
    deliver(fake, [first, second])
    for user in users:
        answers = replies(fake, user)
        assert len(answers) == 1 and "AUT-002" in answers[0], answers
    assert fake.rejected == []

    # Subscribers of the mining sector, told at once of new listings.
    subscribers = users[:10]
    engine = make_engine(first.env["DATABASE_URL"])
    try:
        with Session(engine) as session:
            for user in subscribers:
                subscriptions.subscribe(user.id, ["mining"], Frequency.INSTANT, session=session)
            session.commit()
    finally:
        engine.dispose()

    # A listing imported through any door reaches both replicas' search within seconds.
    run_cli("import", str(write_products_csv(tmp_path / "new.csv", [NEW_PRODUCT])), env=first.env, cwd=tmp_path)
    imported_at = time.monotonic()
    asker = FakeUser(id=799_999, first_name="Asker")
    for replica in (first, second):
        while True:
            fake.send_message(asker, "zirconia grinding media")
            deliver(fake, [replica])
            if "ZZZ-001" in replies(fake, asker)[-1]:
                break
            assert time.monotonic() - imported_at < 15, f"{replica.name} still does not find the new listing"
            time.sleep(0.5)

    # Both replicas' schedulers ran rounds; each subscriber got the new listing exactly once.
    deadline = time.monotonic() + 20
    while any(not _digests(fake, user) for user in subscribers) and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(3)  # several more rounds on both replicas
    assert {user.id: len(_digests(fake, user)) for user in subscribers} == {user.id: 1 for user in subscribers}
    assert not any(_digests(fake, user) for user in users[10:])
    assert fake.rejected == []

    # JSON logs, one object per line, and the token never appears.
    for replica in (first, second):
        text = replica.log()
        assert fake.token not in text and SECRET not in text
        events = [json.loads(line) for line in text.splitlines() if line.strip()]
        assert any(event["message"].startswith("serving webhooks") for event in events)


@pytest.mark.also_postgres
def test_sigterm_finishes_the_update_in_hand(replicas: tuple[FakeBotApi, Replica, Replica]) -> None:
    fake, first, _ = replicas
    user = FakeUser(id=711_111, first_name="Late")
    fake.send_message(user, "looking for a partner to produce brake pads")
    (update,) = fake.drain_updates()
    # Telegram says "slow down" to the reply: the rate limiter waits a second, the update stays in hand.
    fake.fail_next("sendMessage", status=429, retry_after=1)
    status: list[int] = []
    poster = threading.Thread(target=lambda: status.append(first.post(update)))
    poster.start()
    fake.wait_for_call("sendMessage", lambda call: call.status == 429, timeout=20)
    assert first.terminate() == 0, first.log()
    poster.join(timeout=20)
    assert status == [200]
    assert any("AUT-002" in text for text in replies(fake, user))
    assert json.loads(first.log().strip().splitlines()[-1])["message"] == "stopped"
