"""All configuration, read once from the environment and an optional ``.env`` file."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.dates import DateProblem, parse_date


class Settings(BaseSettings):
    """matchbot's settings; build one with ``Settings()`` and pass it along explicitly."""

    # Empty values (TELEGRAM_BOT_TOKEN= in a copied .env.example) mean "not set", not an empty string.
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True)

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_file_url: str = "https://api.telegram.org/file/bot"
    database_url: str = "sqlite:///matchbot.db"
    # NoDecode: a comma-separated list in the environment, not JSON.
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    timezone: str = "Asia/Tehran"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    # Webhook mode (several replicas behind a load balancer): set WEBHOOK_URL to the public URL Telegram posts to.
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    # Upgrade the database schema on start instead of refusing to run on an out-of-date one.
    auto_migrate: bool = False
    # Updates handled at once across all users (each user's own updates run one at a time).
    max_concurrent_updates: int = Field(default=32, ge=1)
    # How long the ids of handled updates are remembered, so that one Telegram delivers again (a webhook
    # retry, another replica) is skipped. Telegram redelivers within minutes; longer costs only rows.
    handled_updates_retention_seconds: float = Field(default=3600.0, ge=60)
    # `matchbot health` and /healthz report unhealthy when the update loop made no progress for this long
    # (or one update has been handled this long); 0 turns the check off. Must exceed the long-poll wait (10 s).
    liveness_timeout_seconds: float = Field(default=120.0, ge=0)
    # Where the running bot writes its heartbeat for `matchbot health`; by default a file in the temporary
    # directory named after DATABASE_URL.
    heartbeat_file: str | None = None
    # Digests: messages per second across all chats (Telegram allows bots about 30).
    digest_send_rate: float = Field(default=25.0, gt=0)
    # Digests sent at once; with network latency one sender alone cannot reach the rate.
    digest_workers: int = Field(default=8, ge=1)
    # How long a claimed outbox row belongs to its sender; a row claimed longer ago than this is
    # taken as abandoned by a crashed process and sent by the next round. Must exceed the longest
    # single Bot API call (a few seconds), since a live sender renews its claim before every message.
    digest_claim_lease_seconds: float = Field(default=120.0, gt=0)
    # Network errors and 5xx answers are retried this many times per message, with exponential
    # backoff from digest_retry_base_seconds; after that the digest waits for the next round.
    digest_max_retries: int = Field(default=4, ge=0)
    digest_retry_base_seconds: float = Field(default=0.5, ge=0)
    # How often the bot runs a due-only digest round; 0 turns the bot's scheduler off (e.g. when
    # `matchbot digest --due-only` runs from cron instead).
    digest_interval_seconds: float = Field(default=60.0, ge=0)
    # The largest file admins may upload to /import (Telegram lets bots download up to 20 MB).
    import_max_bytes: int = Field(default=5 * 1024 * 1024, ge=1, le=20 * 1024 * 1024)
    # Days off beside Thursdays and Fridays, skipped by the leads' response clock: dates separated by commas,
    # Jalali (1405-01-01) or Gregorian (2026-03-21), as admins type them (bot.dates.parse_date).
    holidays: Annotated[frozenset[date], NoDecode] = frozenset()
    # Overdue leads are reminded to their desk's officers once a working day, from this hour (0–23, TIMEZONE) on;
    # the bot checks every LEAD_REMINDER_INTERVAL_SECONDS (0: never, e.g. to leave reminders to another process).
    lead_reminder_hour: int = Field(default=9, ge=0, le=23)
    lead_reminder_interval_seconds: float = Field(default=600.0, ge=0)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").split(",")]
            try:
                return frozenset(int(part) for part in parts if part)
            except ValueError:
                raise ValueError("ADMIN_IDS must be Telegram user ids separated by commas") from None
        return value

    @field_validator("holidays", mode="before")
    @classmethod
    def _read_holidays(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        days = set()
        for part in value.replace(";", ",").split(","):
            if not part.strip():
                continue
            try:
                # Any day is accepted, past or future: ``today`` only matters for deadlines.
                days.add(parse_date(part, today=date.min))
            except DateProblem:
                raise ValueError(f"{part.strip()[:40]!r} is not a date: write Jalali 1405-01-01 or Gregorian 2026-03-21") from None
        return frozenset(days)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        ZoneInfo(value)  # raises for an unknown zone name
        return value

    @model_validator(mode="after")
    def _webhook_needs_a_secret(self) -> Settings:
        if self.webhook_url is not None:
            secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
            if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret):
                raise ValueError("WEBHOOK_URL needs WEBHOOK_SECRET: 16 to 256 characters of A-Z, a-z, 0-9, _ and -")
        return self

    @field_validator("liveness_timeout_seconds")
    @classmethod
    def _longer_than_a_long_poll(cls, value: float) -> float:
        if 0 < value < 15:
            raise ValueError("LIVENESS_TIMEOUT_SECONDS must be 0 (off) or at least 15: a quiet long poll lasts 10 s")
        return value

    @property
    def tz(self) -> ZoneInfo:
        """The configured time zone as a ``ZoneInfo``."""
        return ZoneInfo(self.timezone)
