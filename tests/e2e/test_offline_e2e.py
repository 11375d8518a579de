"""Start-up against a Bot API that answers some calls and not others, as a flaky network does."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import bot_environment
from .fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_webhook_mode_says_in_one_line_that_set_webhook_did_not_get_through(
    fake: FakeBotApi, e2e_database_url: str, tmp_path: Path
) -> None:
    env = bot_environment(fake, e2e_database_url, auto_migrate=1, webhook_url="https://bot.test/hook",
                          webhook_secret="offline-test-secret-0123456789", webhook_listen="127.0.0.1", webhook_port=_free_port())
    fake.drop_next("setWebhook")  # getMe gets through, setWebhook's connection is closed unanswered
    done = subprocess.run([sys.executable, "-m", "bot", "run"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith(f"matchbot: cannot reach the Telegram Bot API at {fake.base_url.rsplit('/', 1)[0]}")
    methods = [call.method for call in fake.calls]
    assert "getMe" in methods and "setWebhook" not in methods  # it got as far as setWebhook, which went unanswered
