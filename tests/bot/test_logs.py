"""Logs are one line per event, JSON on request, and never show the token or webhook secret."""

from __future__ import annotations

import json
import logging

import pytest

from bot.logs import configure_logging, protect_outputs
from bot.settings import Settings

TOKEN = "123456:SECRET-TOKEN-abcdef"
WEBHOOK_SECRET = "webhook-secret-0123456789"


@pytest.fixture
def restore_root_logger() -> object:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, telegram_bot_token=TOKEN, webhook_url="https://bot.example.org/hook",  # type: ignore[call-arg]
                    webhook_secret=WEBHOOK_SECRET, **values)


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_secrets_are_redacted(log_format: str, restore_root_logger: object, capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(settings(log_format=log_format))
    log = logging.getLogger("matchbot.test")
    log.warning("calling https://api.telegram.org/bot%s/getMe with %s", TOKEN, WEBHOOK_SECRET)
    try:
        raise RuntimeError(f"failed on /bot{TOKEN}/sendMessage")
    except RuntimeError:
        log.exception("request failed")
    err = capsys.readouterr().err
    assert TOKEN not in err and WEBHOOK_SECRET not in err
    assert "[redacted]" in err
    if log_format == "json":
        events = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
        assert [e["level"] for e in events] == ["WARNING", "ERROR"]
        assert events[0]["logger"] == "matchbot.test" and "time" in events[0]


def test_http_client_request_lines_are_silenced(restore_root_logger: object) -> None:
    configure_logging(settings())
    assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING


def test_uncaught_exceptions_and_stray_prints_are_redacted(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The paths the logging filter never sees: Python's traceback printer, threads, and plain prints."""
    import sys
    import threading

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    protect_outputs(settings())
    try:
        raise RuntimeError(f"The token `{TOKEN}` was rejected by the server.")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    thread = threading.Thread(target=lambda: (_ for _ in ()).throw(ValueError(f"secret {WEBHOOK_SECRET}")), name="worker")
    thread.start()
    thread.join()
    print(f"https://api.telegram.org/bot{TOKEN.replace(':', '%3A')}/getMe and {TOKEN.split(':')[1]}")
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "RuntimeError" in output and "ValueError" in output and "worker" in output
    assert TOKEN not in output and WEBHOOK_SECRET not in output and TOKEN.split(":")[1] not in output, output
