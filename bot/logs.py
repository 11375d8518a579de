"""Logging: one line per event, plain text or JSON (``LOG_FORMAT=json``), never the bot token.

Secrets are kept out of every output path, not only the log: :func:`protect_outputs` also redacts what
reaches standard output and error by any other way (Python's traceback printer for an uncaught exception,
a thread's uncaught exception, a library's ``print``).
"""

from __future__ import annotations

import io
import logging
import sys
import threading
import traceback
from types import TracebackType
from typing import TextIO, cast
from urllib.parse import quote

from pythonjsonlogger.json import JsonFormatter

from bot.settings import Settings

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"
REDACTED = "[redacted]"


class Redactor:
    """Replaces secrets in text: each as given, URL-quoted, and a bot token's secret half on its own."""

    def __init__(self, secrets: list[str]) -> None:
        forms: set[str] = set()
        for secret in secrets:
            if not secret:
                continue
            forms.update({secret, quote(secret, safe="")})
            _, colon, half = secret.partition(":")
            # The part before a bot token's colon is the bot's public id; the part after is the secret.
            if colon and len(half) >= 8:
                forms.add(half)
        self.secrets = sorted(forms, key=len, reverse=True)  # longest first: a whole token before its half

    def __bool__(self) -> bool:
        return bool(self.secrets)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text


def secrets_of(settings: Settings) -> list[str]:
    """The settings that must never be printed: the bot token and the webhook secret."""
    return [settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else "",
            settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""]


class RedactSecrets(logging.Filter):
    """Replace secrets (the bot token, the webhook secret) wherever they appear in a record."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.redact = Redactor(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self.redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            cleaned = self.redact(text)
            if cleaned != text:
                record.exc_info, record.exc_text = None, cleaned
        return True


class RedactingStream(io.TextIOBase):
    """A text stream that writes through to another one with the secrets replaced.

    Python prints tracebacks line by line, so a secret never spans two writes of the printer.
    """

    def __init__(self, target: TextIO, redact: Redactor) -> None:
        super().__init__()
        self.target = target
        self.redact = redact

    def write(self, text: str) -> int:
        self.target.write(self.redact(text))
        return len(text)

    def flush(self) -> None:
        self.target.flush()

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.target.encoding


def protect_outputs(settings: Settings) -> None:
    """Redact the secrets from standard output and error, including uncaught exceptions' tracebacks.

    python-telegram-bot puts the token in exception messages (``InvalidToken: The token `…` was rejected``)
    and an exception can reach Python's own printer, which the logging filter never sees.
    """
    redact = Redactor(secrets_of(settings))
    if not redact:
        return
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, RedactingStream):
            stream = stream.target
        setattr(sys, name, cast(TextIO, RedactingStream(stream, redact)))

    def print_redacted(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        sys.stderr.write(redact("".join(traceback.format_exception(kind, value, tb))))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            where = args.thread.name if args.thread is not None else "a thread"
            sys.stderr.write(f"Exception in {where}:\n")
            print_redacted(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = print_redacted
    threading.excepthook = thread_hook


def configure_logging(settings: Settings) -> None:
    """Set up the root logger from ``LOG_LEVEL`` and ``LOG_FORMAT``."""
    handler = logging.StreamHandler(sys.stderr)
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter(JSON_FIELDS, rename_fields={"asctime": "time", "levelname": "level", "name": "logger"}))
    else:
        handler.setFormatter(logging.Formatter(TEXT_FORMAT))
    handler.addFilter(RedactSecrets(secrets_of(settings)))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())
    # httpx logs every request line, and Bot API URLs contain the token; its warnings still show.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
