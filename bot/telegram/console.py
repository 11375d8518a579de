"""``matchbot chat``: talk to the real bot in a terminal, offline.

The same :func:`~bot.telegram.app.build_application`, handlers and renderers run; only the HTTP
client is swapped for :class:`~bot.telegram.offline.OfflineRequest`, which prints what the bot sends.
Buttons are numbered: typing a number presses one.
"""

from __future__ import annotations

import asyncio
import getpass
import html
import logging
import os
import re
import sys
import time
from itertools import count
from typing import Any, TextIO

from telegram import Update

from bot.settings import Settings

from bot.services.inputs import NumberError, parse_whole_number

from .app import build_application
from .offline import OfflineCall, OfflineRequest

CONSOLE_USER_ID = 10_000
_TAG = re.compile(r"<[^>]+>")
_BOLD = re.compile(r"</?(?:b|strong)>")


class Console:
    """Prints the bot's messages and turns typed lines into updates."""

    def __init__(self, out: TextIO, *, color: bool) -> None:
        self.out = out
        self.color = color
        self.buttons: list[tuple[int, str]] = []  # (message id, callback data), numbered from 1

    def show(self, call: OfflineCall) -> None:
        """Print a message the bot sent or edited, or the notice of a button answer."""
        params = call.params
        if call.method == "answerCallbackQuery":
            if params.get("text"):
                self.out.write(f"   ⓘ {params['text']}\n")
            return
        if call.method == "sendDocument":
            for name, data in call.files.values():
                self.out.write(f"\n── bot ── 📎 {name} ({len(data)} bytes)\n{html.unescape(_TAG.sub('', str(params.get('caption', ''))))}\n")
            return
        if call.method not in {"sendMessage", "editMessageText"}:
            return
        text = str(params.get("text", ""))
        if self.color:
            text = _BOLD.sub(lambda m: "\033[0m" if m.group().startswith("</") else "\033[1m", text)
        text = html.unescape(_TAG.sub("", text))
        marker = "bot (edited)" if call.method == "editMessageText" else "bot"
        self.out.write(f"\n── {marker} " + "─" * 40 + "\n" + text + "\n")
        markup = params.get("reply_markup") or {}
        rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        message_id = int(call.result["message_id"]) if isinstance(call.result, dict) else 0
        self.buttons = []
        for row in rows:
            labels = []
            for button in row:
                if "callback_data" in button:
                    self.buttons.append((message_id, str(button["callback_data"])))
                    labels.append(f"[{len(self.buttons)}] {button['text']}")
            if labels:
                self.out.write("   " + "   ".join(labels) + "\n")
        self.out.flush()


def _user(first_name: str, language: str) -> dict[str, Any]:
    return {"id": CONSOLE_USER_ID, "is_bot": False, "first_name": first_name, "language_code": language}


def _message(message_id: int, user: dict[str, Any], text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": {"id": user["id"], "type": "private", "first_name": user["first_name"]},
        "from": user,
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return message


def _button_number(text: str, buttons: int) -> int:
    """The button a typed number presses (1 is the first), or 0 when the text is not one of them."""
    try:
        return parse_whole_number(text, maximum=buttons)
    except NumberError:
        return 0


async def _chat(settings: Settings, language: str, stdin: TextIO, out: TextIO) -> None:
    console = Console(out, color=out.isatty())
    request = OfflineRequest(listener=console.show)
    application = build_application(settings, request=request, token="0:console")
    user = _user(getpass.getuser() or "you", language)
    update_ids, message_ids = count(1), count(1_000_000)
    async with application:
        assert application.post_init is not None and application.job_queue is not None
        await application.post_init(application)
        await application.job_queue.start()  # as run_polling does: the admins' form times out through it
        out.write("matchbot console — type as you would in Telegram; a number presses a button; Ctrl-D quits.\n")
        await application.process_update(Update.de_json({"update_id": next(update_ids), "message": _message(next(message_ids), user, "/start")}, application.bot))
        loop = asyncio.get_running_loop()
        while True:
            out.write("\nyou › ")
            out.flush()
            line = await loop.run_in_executor(None, stdin.readline)
            if not line:
                break
            text = line.strip()
            if text in {"/quit", "/exit"}:
                break
            if not text:
                continue
            payload: dict[str, Any]
            if 1 <= (button := _button_number(text, len(console.buttons))) <= len(console.buttons):
                message_id, data = console.buttons[button - 1]
                bot_message = {**_message(message_id, user, "…"), "from": {"id": 1, "is_bot": True, "first_name": "matchbot"}}
                payload = {"id": str(next(update_ids)), "from": user, "chat_instance": "console", "data": data, "message": bot_message}
                update = {"update_id": next(update_ids), "callback_query": payload}
            else:
                update = {"update_id": next(update_ids), "message": _message(next(message_ids), user, text)}
            await application.process_update(Update.de_json(update, application.bot))
        await application.job_queue.stop()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
    out.write("\nbye\n")


def run_console(settings: Settings, *, language: str | None = None, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> int:
    """Run the console chat until end of input; the language defaults to the terminal's (LANG)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    language = language or ("fa" if os.environ.get("LANG", "").startswith("fa") else "en")
    asyncio.run(_chat(settings, language, stdin, out))
    return 0
