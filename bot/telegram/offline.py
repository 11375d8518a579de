"""An in-process stand-in for the Bot API, for the console chat and for fast handler tests.

python-telegram-bot sends every Bot API call through a :class:`~telegram.request.BaseRequest`;
this one answers them itself, records them, and hands each to a listener (the console prints them).
It checks the limits the bot must respect (4096 characters, 64-byte callback data) so that a
rendering bug shows up here as it would against Telegram.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT = {"id": 1, "is_bot": True, "first_name": "matchbot", "username": "matchbot_console_bot",
       "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}


@dataclass
class OfflineCall:
    """One Bot API call the bot made."""

    method: str
    params: dict[str, Any]
    result: Any = None
    error: str | None = None


@dataclass
class OfflineRequest(BaseRequest):
    """Answers Bot API calls in process; ``listener`` sees each successful one."""

    listener: Callable[[OfflineCall], None] | None = None
    calls: list[OfflineCall] = field(default_factory=list)
    _next_message_id: int = 1

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def messages(self, method: str = "sendMessage") -> list[OfflineCall]:
        """The successful calls of one method, in order."""
        return [call for call in self.calls if call.method == method and call.error is None]

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        """Answer one call as the Bot API would."""
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data is not None else {}
        call = OfflineCall(name, params)
        self.calls.append(call)
        call.error = _problem(name, params)
        if call.error is not None:
            return 400, json.dumps({"ok": False, "error_code": 400, "description": call.error}).encode()
        call.result = self._result(name, params)
        if self.listener is not None:
            self.listener(call)
        return 200, json.dumps({"ok": True, "result": call.result}).encode()

    def _result(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getMe":
            return BOT
        if name in {"sendMessage", "editMessageText", "sendDocument"}:
            message_id = params.get("message_id")
            if message_id is None:
                message_id, self._next_message_id = self._next_message_id, self._next_message_id + 1
            message: dict[str, Any] = {
                "message_id": int(message_id),
                "date": int(time.time()),
                "chat": {"id": int(params.get("chat_id", 0)), "type": "private"},
                "from": BOT,
            }
            if "text" in params:
                message["text"] = params["text"]
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            if name == "sendDocument":
                message["document"] = {"file_id": f"doc{message_id}", "file_unique_id": f"u{message_id}"}
            return message
        if name == "getUpdates":
            return []
        return True


def _problem(name: str, params: dict[str, Any]) -> str | None:
    """What Telegram would refuse in this call, if anything."""
    text = params.get("text")
    if name in {"sendMessage", "editMessageText"}:
        if not text or not str(text).strip():
            return "Bad Request: message text is empty"
        if len(str(text)) > 4096:
            return "Bad Request: message is too long"
    markup = params.get("reply_markup") or {}
    for row in markup.get("inline_keyboard", []) if isinstance(markup, dict) else []:
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                return "Bad Request: BUTTON_DATA_INVALID"
    return None
