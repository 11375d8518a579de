"""An in-process stand-in for the Bot API, for the console chat and for fast handler tests.

python-telegram-bot sends every Bot API call through a :class:`~telegram.request.BaseRequest`;
this one answers them itself, records them, and hands each to a listener (the console prints them).
It checks the limits the bot must respect (4096 characters, 64-byte callback data) so that a
rendering bug shows up here as it would against Telegram. Files users send are registered with
:meth:`OfflineRequest.add_file` and served by ``getFile`` and the file download URL; files the bot
sends are kept in :attr:`OfflineCall.files`.
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


# Calls Telegram answers with the message sent or changed.
_MESSAGE_METHODS = {"sendMessage", "sendDocument", "sendPhoto", "editMessageText", "editMessageCaption", "editMessageReplyMarkup"}


@dataclass
class OfflineCall:
    """One Bot API call the bot made."""

    method: str
    params: dict[str, Any]
    result: Any = None
    error: str | None = None
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # uploads: field → (file name, bytes)


@dataclass
class OfflineRequest(BaseRequest):
    """Answers Bot API calls in process; ``listener`` sees each successful one."""

    listener: Callable[[OfflineCall], None] | None = None
    calls: list[OfflineCall] = field(default_factory=list)
    _next_message_id: int = 1
    _files: dict[str, tuple[str, bytes | None]] = field(default_factory=dict)

    def add_file(self, name: str, data: bytes | None, *, size: int | None = None) -> dict[str, Any]:
        """Make a file a user sends downloadable; returns the Bot API ``Document`` to put in their message.

        ``data`` None stands for a file too big for bots to download (over 20 MB): its message arrives,
        and ``getFile`` refuses it as Telegram does.
        """
        file_id = f"file{len(self._files) + 1}"
        self._files[file_id] = (name, data)
        size = len(data) if size is None and data is not None else size
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": name, **({"file_size": size} if size is not None else {})}

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
        if "/file/bot" in url:
            stored = self._files.get(url.rsplit("/", 1)[-1])
            return (200, stored[1]) if stored is not None and stored[1] is not None else (404, b"Not Found")
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data is not None else {}
        uploads = {key: _upload(value) for key, value in request_data.multipart_data.items()} if request_data else {}
        call = OfflineCall(name, params, files=uploads)
        self.calls.append(call)
        call.error = _problem(name, params)
        if name == "getFile" and str(params.get("file_id")) not in self._files:
            call.error = "Bad Request: invalid file_id"
        elif name == "getFile" and self._files[str(params.get("file_id"))][1] is None:
            call.error = "Bad Request: file is too big"
        if call.error is not None:
            return 400, json.dumps({"ok": False, "error_code": 400, "description": call.error}).encode()
        call.result = self._result(name, params)
        if self.listener is not None:
            self.listener(call)
        return 200, json.dumps({"ok": True, "result": call.result}).encode()

    def _result(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getMe":
            return BOT
        if name in _MESSAGE_METHODS:
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
            if name == "sendPhoto":
                message["photo"] = [{"file_id": f"photo{message_id}", "file_unique_id": f"u{message_id}", "width": 1, "height": 1}]
            return message
        if name == "getUpdates":
            return []
        if name == "getFile":
            file_id = str(params.get("file_id"))
            size = len(self._files[file_id][1] or b"")
            return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": size, "file_path": f"documents/{file_id}"}
        return True


def _upload(value: tuple[Any, ...]) -> tuple[str, bytes]:
    """(file name, bytes) of one uploaded file of a request."""
    name, content = value[0], value[1]
    return str(name), content if isinstance(content, bytes) else content.read()


def _problem(name: str, params: dict[str, Any]) -> str | None:
    """What Telegram would refuse in this call, if anything."""
    text = params.get("text")
    if len(str(params.get("caption", ""))) > 1024:
        return "Bad Request: message caption is too long"
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
