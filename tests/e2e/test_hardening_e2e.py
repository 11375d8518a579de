"""Attacks and accidents the running bot must survive, through the fake Bot API (issue 15).

One bot process per database, as in test_conversations.py; each test uses users of its own.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from .conftest import ADMIN, BotProcess, Users, bot_environment, say
from .fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def late_answers(fake: FakeBotApi, bot: BotProcess) -> Iterator[None]:
    """Every button answer comes too late for (fake) Telegram, as behind a crowd or after downtime."""
    since = bot.log_size()
    fake.callback_answer_timeout = 0
    try:
        yield
    finally:
        fake.callback_answer_timeout = None
    # A refused answer is expected and logged as a warning; nothing may fail the update.
    assert bot.problems(since) == [], bot.describe_log(since)
    assert bot.alive


@pytest.mark.also_postgres
def test_leads_survive_refused_button_answers(fake: FakeBotApi, bot: BotProcess, users: Users, late_answers: None) -> None:
    investors = [users.new("en", f"Investor{n}") for n in range(20)]
    cards = {investor.id: say(fake, investor, "/product AUT-001", contains="AUT-001") for investor in investors}
    admin_mark = fake.mark(ADMIN.id)
    marks = {investor.id: fake.mark(investor.id) for investor in investors}
    refused_before = len(fake.late_callback_answers())
    for investor in investors:
        fake.press_button(investor, cards[investor.id], "I'm interested")
    for investor in investors:
        told = fake.wait_for_message(investor.id, after=marks[investor.id], contains="Your interest in AUT-001")
        assert "send one line for the desk" in told.visible_text
    fake.wait_idle(quiet=0.3)
    notices = [m.visible_text for m in fake.messages_to(ADMIN.id) if m.seq > admin_mark and "New lead" in m.visible_text]
    assert sorted(investor.first_name for investor in investors if any(f"{investor.first_name} is interested" in n for n in notices)) == sorted(
        investor.first_name for investor in investors)
    assert len(notices) == 20
    assert len(fake.late_callback_answers()) - refused_before == 20

    # Each investor's next message is taken as the note they were asked for, and said so: never silently.
    for investor in investors:
        thanks = say(fake, investor, f"note from {investor.first_name}")
        assert thanks.visible_text == "📝 Thank you — your note was passed on."
    fake.wait_idle(quiet=0.3)
    notes = [m.visible_text for m in fake.messages_to(ADMIN.id) if "Note on lead" in m.visible_text]
    assert all(any(text.endswith(f"note from {investor.first_name}") for text in notes) for investor in investors)


def test_every_other_button_survives_a_refused_answer(fake: FakeBotApi, bot: BotProcess, users: Users, late_answers: None) -> None:
    user = users.new("en", "Latecomer")
    # "Alert me about similar" on a product card: the alert is saved and confirmed.
    card = say(fake, user, "/product AUT-001", contains="AUT-001")
    mark = fake.mark(user.id)
    fake.press_button(user, card, "Alert me about similar")
    fake.wait_for_message(user.id, after=mark, contains="Alert saved")
    # The last /subscribe step writes and shows the subscription.
    picker = say(fake, user, "/subscribe", contains="Subscribe")
    mark = fake.mark(user.id)
    fake.press_button(user, picker, "Automotive")
    ticked = fake.wait_for_message(user.id, after=mark)
    mark = fake.mark(user.id)
    fake.press_button(user, ticked, "Done")
    frequency = fake.wait_for_message(user.id, after=mark, contains="How often")
    mark = fake.mark(user.id)
    fake.press_button(user, frequency, "As soon as it appears")
    fake.wait_for_message(user.id, after=mark, contains="Subscribed")

    # An admin's lead buttons: the status is set and the investor told.
    investor = users.new("en", "Waiting")
    card = say(fake, investor, "/product HAP-001", contains="HAP-001")
    admin_mark = fake.mark(ADMIN.id)
    fake.press_button(investor, card, "I'm interested")
    notice = fake.wait_for_message(ADMIN.id, after=admin_mark, contains="New lead")
    admin_mark = fake.mark(ADMIN.id)
    fake.press_button(ADMIN, notice, "Lead #")
    lead_card = fake.wait_for_message(ADMIN.id, after=admin_mark, contains="Status:")
    mark = fake.mark(investor.id)
    fake.press_button(ADMIN, lead_card, "Investor contacted")
    fake.wait_for_message(investor.id, after=mark, contains="HAP-001")
    fake.wait_for_message(ADMIN.id, after=lead_card.seq, contains="📞 desk contacted the investor")

    # An import's Apply: applied, and the preview replaced by the outcome.
    say(fake, ADMIN, "/import", contains="Send the products file now")
    header = "code,name_en,name_fa,aliases,hs_code,sector,annual_import_usd,status,description"
    data = f"{header}\nLATE-01,Late meter,کنتور دیر,,9028.10,power,1,open,d\n".encode()
    sent = fake.send_message(ADMIN, document=("late.csv", data))
    preview = fake.wait_for_message(ADMIN.id, after=sent, contains="New: 1")
    admin_mark = fake.mark(ADMIN.id)
    fake.press_button(ADMIN, preview, "Apply")
    fake.wait_for_message(ADMIN.id, after=admin_mark, contains="imported")
    assert "LATE-01" in say(fake, user, "/product LATE-01").visible_text


# ------------------------------------------------------------------ secrets never reach the output

WRONG_TOKEN = "123456:AAHsecretPART-of-a-revoked-token_x9"


@pytest.mark.parametrize("mode", ["polling", "webhook", "digest"])
def test_a_rejected_token_is_never_printed(fake: FakeBotApi, tmp_path: Path, mode: str) -> None:
    """The Bot API answers 401 to a revoked token: the process exits, saying so, without printing the token."""
    env = bot_environment(fake, f"sqlite:///{tmp_path / 'bot.db'}", AUTO_MIGRATE="1", TELEGRAM_BOT_TOKEN=WRONG_TOKEN)
    if mode == "webhook":
        env.update(WEBHOOK_URL="https://bot.test/hook", WEBHOOK_SECRET="s" * 20, WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT=str(free_port()))
    done = subprocess.run([sys.executable, "-m", "bot", "digest" if mode == "digest" else "run"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=90)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert fake.wait_for_call("getMe", lambda call: not call.ok, timeout=1).status == 401
    for part in (WRONG_TOKEN, WRONG_TOKEN.split(":", 1)[1], quote(WRONG_TOKEN)):
        assert part not in output, output
    assert "TELEGRAM_BOT_TOKEN" in output, output  # the person learns which setting to fix


# ------------------------------------------------------------------ network errors on the way out


def test_a_reply_that_hits_a_network_error_is_sent_again(fake: FakeBotApi, bot: BotProcess, users: Users) -> None:
    user = users.new("en")
    since = bot.log_size()
    dropped_before = len(fake.dropped)
    fake.drop_next("sendMessage", times=2)
    answer = say(fake, user, "brake pads", timeout=15)
    assert answer.visible_text.startswith("🔎 Results for “brake pads”")
    assert len(fake.dropped) - dropped_before == 2
    assert bot.problems(since) == [], bot.describe_log(since)
    assert len([m for m in fake.messages_to(user.id) if "brake pads" in m.visible_text]) == 1


# ------------------------------------------------------------------ liveness


def _health(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "health"], env=env, cwd=cwd, capture_output=True, text=True, timeout=60)


def _wait_health(env: dict[str, str], cwd: Path, *, healthy: bool, timeout: float) -> subprocess.CompletedProcess[str]:
    deadline = time.monotonic() + timeout
    while True:
        done = _health(env, cwd)
        if (done.returncode == 0) == healthy or time.monotonic() > deadline:
            return done
        time.sleep(1)


def test_health_reports_a_frozen_bot_unhealthy(tmp_path: Path) -> None:
    """A bot that stops making progress (here: SIGSTOP, as a process stuck holding the GIL) fails `matchbot health`."""
    with FakeBotApi() as fake:
        process = BotProcess(fake, f"sqlite:///{tmp_path / 'live.db'}", tmp_path)
        process.env.update(AUTO_MIGRATE="1", LIVENESS_TIMEOUT_SECONDS="15")
        process.start()
        try:
            assert process.process is not None
            idle = _wait_health(process.env, tmp_path, healthy=True, timeout=10)
            assert idle.returncode == 0, idle.stderr
            time.sleep(12)  # nobody writes: the long polls alone are progress
            assert _health(process.env, tmp_path).returncode == 0
            process.process.send_signal(signal.SIGSTOP)
            try:
                frozen = _wait_health(process.env, tmp_path, healthy=False, timeout=30)
            finally:
                process.process.send_signal(signal.SIGCONT)
            assert frozen.returncode == 1 and "unhealthy: the update loop made no progress" in frozen.stderr, frozen.stderr
            recovered = _wait_health(process.env, tmp_path, healthy=True, timeout=20)
            assert recovered.returncode == 0, recovered.stderr
        finally:
            assert process.stop() == 0
        assert _health(process.env, tmp_path).returncode == 0  # stopped on purpose: no stale heartbeat left
