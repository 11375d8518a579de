"""A bot wired to the in-process Bot API stand-in, driven update by update."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from itertools import count
from typing import Any

import pytest
from sqlmodel import Session
from telegram import Update

from bot.settings import Settings
from bot.telegram.app import build_application
from bot.telegram.offline import OfflineCall, OfflineRequest
from bot.telegram.app import App
from bot.telegram.runtime import Runtime
from tests.e2e.fake_bot_api import parse_formatted

ADMIN = 900
INVESTOR = 501
PERSIAN = 502


class Chat:
    """Sends updates to the application as Telegram would and shows what it answered."""

    def __init__(self, application: App, request: OfflineRequest) -> None:
        self.application = application
        self.request = request
        self._ids = count(1)

    def _user(self, user_id: int, language: str = "en") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "username": f"u{user_id}", "language_code": language}

    async def send(self, text: str, *, user: int = INVESTOR, language: str = "en", **extra: Any) -> list[OfflineCall]:
        """A message from ``user``; returns the calls the bot made in answer."""
        message: dict[str, Any] = {"message_id": next(self._ids), "date": int(time.time()),
                                   "chat": {"id": user, "type": "private"}, "from": self._user(user, language), **extra}
        if text:
            message["text"] = text
            if text.startswith("/"):
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return await self._process({"update_id": next(self._ids), "message": message})

    async def upload(self, name: str, data: bytes, *, user: int = ADMIN, language: str = "en", caption: str | None = None) -> list[OfflineCall]:
        """A document from ``user`` (by default the admin), downloadable by the bot as Telegram would serve it."""
        extra: dict[str, Any] = {"document": self.request.add_file(name, data)}
        if caption is not None:
            extra["caption"] = caption
        return await self.send("", user=user, language=language, **extra)

    async def press(self, data: str, *, user: int = INVESTOR, language: str = "en", message_id: int = 1) -> list[OfflineCall]:
        """A tap on an inline button carrying ``data``."""
        message = {"message_id": message_id, "date": int(time.time()), "chat": {"id": user, "type": "private"},
                   "from": {"id": 1, "is_bot": True, "first_name": "matchbot"}, "text": "…"}
        query = {"id": str(next(self._ids)), "from": self._user(user, language), "chat_instance": "x", "data": data, "message": message}
        return await self._process({"update_id": next(self._ids), "callback_query": query})

    async def _process(self, payload: dict[str, Any]) -> list[OfflineCall]:
        before = len(self.request.calls)
        await self.application.process_update(Update.de_json(payload, self.application.bot))
        calls = self.request.calls[before:]
        assert [c.error for c in calls if c.error] == []
        for call in calls:  # the markup Telegram would refuse, which the in-process stand-in does not parse
            for name in ("text", "caption"):
                if call.params.get(name) and call.params.get("parse_mode") == "HTML":
                    parse_formatted(str(call.params[name]), "HTML")
        return calls

    def runtime(self) -> Runtime:
        value = self.application.bot_data.runtime
        assert value is not None
        return value

    def session(self) -> Session:
        return Session(self.runtime().engine)


def toasts(calls: list[OfflineCall]) -> list[str]:
    """The texts of the button answers (toasts) among ``calls``."""
    return [str(c.params.get("text") or "") for c in calls if c.method == "answerCallbackQuery"]


def documents(calls: list[OfflineCall]) -> list[tuple[str, bytes, str]]:
    """(file name, bytes, caption) of the documents the bot sent."""
    return [(*c.files["document"], str(c.params.get("caption", ""))) for c in calls if c.method == "sendDocument"]


def buttons(call: OfflineCall) -> list[tuple[str, str]]:
    """(label, callback data) of a message's inline buttons."""
    markup = call.params.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


def texts(calls: list[OfflineCall], method: str = "sendMessage", chat: int | None = None) -> list[str]:
    """The texts of the calls of one method (optionally to one chat)."""
    return [str(c.params.get("text", "")) for c in calls if c.method == method and (chat is None or int(c.params.get("chat_id", 0)) == chat)]


@pytest.fixture
async def chat(database_url: str) -> AsyncIterator[Chat]:
    settings = Settings(_env_file=None, database_url=database_url, admin_ids=frozenset({ADMIN}), telegram_bot_token=None, auto_migrate=True,  # type: ignore[call-arg]
                        scorecard_interval_seconds=0)
    request = OfflineRequest()
    application = build_application(settings, request=request, token="1:test")
    async with application:
        assert application.post_init is not None and application.job_queue is not None
        await application.post_init(application)
        await application.job_queue.start()  # as run_polling does: conversation timeouts need it
        yield Chat(application, request)
        await application.job_queue.stop()
        assert application.post_shutdown is not None
        await application.post_shutdown(application)
