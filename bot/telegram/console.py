"""``matchbot chat``: talk to the real bot in a terminal, offline.

The same :func:`~bot.telegram.app.build_application`, handlers, renderers and job queue run as in
production; only the HTTP client is swapped for :class:`~bot.telegram.offline.OfflineRequest`, which
answers the Bot API in process and shows here what the bot sends.

What the console adds to typing:

- every button of every message is numbered once, globally; typing its number presses it, on the
  message it belongs to (an edited message keeps its numbers);
- ``/upload PATH [caption]`` sends a file as a Telegram document (``/upload prices.csv /import``);
- a line ending in ``\\`` continues on the next one, and ``/paste`` takes lines up to one holding
  only ``.``: one message of several lines (``/addproduct`` with ``field: value`` lines);
- documents and photos (the scorecard's chart) the bot sends are saved into a folder and their path printed;
- messages to other users (admins' notices, investors' status updates) are marked as such, or hidden.
"""

from __future__ import annotations

import asyncio
import getpass
import html
import io
import logging
import mimetypes
import os
import re
import shlex
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Engine
from sqlmodel import Session
from telegram import Update

from bot.services import admins, users
from bot.services.inputs import NumberError, parse_whole_number
from bot.settings import Settings

from .app import App, build_application
from .offline import BOT, OfflineCall, OfflineRequest

CONSOLE_USER_ID = 10_000
DEFAULT_FILES = Path("matchbot-files")
# Telegram lets bots download files up to this size; a larger one reaches the bot as a name and a size.
TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024
PROMPT = "you › "
_LANGUAGES = {"en": "English (--language fa for Persian)", "fa": "Persian (--language en for English)"}
MORE = "  … "
_TAG = re.compile(r"<[^>]+>")
_BOLD = re.compile(r"</?(?:b|strong)>")
# Methods whose answer is a message of the bot (sent or changed), as the Bot API returns it.
_SHOWN = {"sendMessage", "sendDocument", "sendPhoto", "editMessageText", "editMessageCaption", "editMessageReplyMarkup"}

BANNER = """\
matchbot console: the real bot, offline. You are user {user}, {role}; you write in {language}.
  • Type as you would in Telegram. Every button has a number: type it to press that button.
  • A line ending in \\ continues on the next line; /paste starts a message of several lines,
    ended by a line holding only a dot (.).
  • /upload PATH [caption] sends a file as a document, e.g. /upload products.csv /import
  • Files the bot sends are saved in {files}/
  • Ctrl-D or /quit ends the chat.
"""


@dataclass
class _Button:
    """A numbered button: the message it sits on and what pressing it sends."""

    message_id: int
    label: str
    data: str


@dataclass
class Screen:
    """The terminal: bot messages that arrive while you type are printed above your prompt."""

    out: TextIO
    tty: bool
    line_buffer: Callable[[], str] = lambda: ""
    prompt: str | None = None  # the prompt on screen while waiting for a line, else None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def write(self, block: str) -> None:
        """Print a block of lines; when a prompt is waiting, redraw it (and what was typed) below."""
        with self._lock:
            if self.prompt is None:
                self.out.write(block)
            else:
                # Clear the prompt's line on a terminal; elsewhere (a pipe, a log) just start a new one.
                self.out.write(("\r\033[K" + block.lstrip("\n")) if self.tty else ("\n" + block.lstrip("\n")))
                self.out.write(self.prompt + self.line_buffer())
            self.out.flush()


class Console:
    """Shows the bot's Bot API calls and keeps the buttons of every message pressable by number."""

    def __init__(self, screen: Screen, *, color: bool, user_id: int = CONSOLE_USER_ID, files: Path = DEFAULT_FILES,
                 show_others: bool = True, describe_user: Callable[[int], str] = lambda user_id: "") -> None:
        self.screen = screen
        self.color = color
        self.user_id = user_id
        self.files = files
        self.show_others = show_others
        self.describe_user = describe_user
        self.buttons: dict[int, _Button] = {}  # number → button
        self.retired: dict[int, int] = {}  # number → the message it was on, before that message changed
        self.messages: dict[int, dict[str, Any]] = {}  # message id → the message as Telegram holds it
        self._numbers: dict[int, list[int]] = {}  # message id → every number its buttons ever had, in order
        self._next_number = count(1)

    def show(self, call: OfflineCall) -> None:
        """Print a message the bot sent or changed, a document it sent, or the notice of a button answer."""
        if call.method == "answerCallbackQuery":
            if call.params.get("text"):
                self.screen.write(f"   ⓘ {call.params['text']}\n")
            return
        if call.method == "deleteMessage":
            self._forget(int(call.params.get("message_id", 0)))
            if int(call.params.get("chat_id", 0)) == self.user_id:
                self.screen.write(f"\n── bot · #{call.params.get('message_id')} deleted\n")
            return
        if call.method not in _SHOWN or not isinstance(call.result, dict):
            return
        message = self._remember(call)
        chat_id = int(call.params.get("chat_id", 0))
        if chat_id != self.user_id and not self.show_others:
            return
        lines = [self._header(call, chat_id, message)]
        if call.method in {"sendDocument", "sendPhoto"}:
            lines += self._document(call)
        text = str(message.get("text") or message.get("caption") or "")
        if text:
            lines.append(self._plain(text))
        lines += self._keyboard(int(message["message_id"]), message, mine=chat_id == self.user_id)
        self.screen.write("\n" + "\n".join(lines) + "\n")

    def press(self, number: int) -> tuple[_Button, dict[str, Any]] | None:
        """The button a number presses and the message it is on, or None when no button has that number."""
        button = self.buttons.get(number)
        return None if button is None else (button, self.messages[button.message_id])

    def _remember(self, call: OfflineCall) -> dict[str, Any]:
        """The message after this call, as a user's client holds it (an edit keeps what it does not change)."""
        result: dict[str, Any] = call.result
        message_id = int(result["message_id"])
        message = {**self.messages.get(message_id, {}), **result} if call.method.startswith("edit") else dict(result)
        if call.method in {"sendDocument", "sendPhoto"} and call.params.get("caption"):
            message["caption"] = call.params["caption"]
        if call.method == "editMessageCaption":
            message["caption"] = call.params.get("caption", "")
        if call.method in {"editMessageText", "editMessageCaption", "editMessageReplyMarkup"} and not call.params.get("reply_markup"):
            message.pop("reply_markup", None)  # an edit without a keyboard removes the keyboard
        self.messages[message_id] = message
        return message

    def _forget(self, message_id: int) -> None:
        for number in self._numbers.pop(message_id, []):
            self.buttons.pop(number, None)
            self.retired[number] = message_id
        self.messages.pop(message_id, None)

    def _header(self, call: OfflineCall, chat_id: int, message: dict[str, Any]) -> str:
        what = {"editMessageText": " edited", "editMessageCaption": " edited", "editMessageReplyMarkup": " buttons changed"}
        title = f"bot · #{message['message_id']}{what.get(call.method, '')}"
        if chat_id != self.user_id:
            role = self.describe_user(chat_id)
            title = f"→ to user {chat_id}{f' ({role})' if role else ''} · #{message['message_id']}{what.get(call.method, '')}"
        return f"── {title} " + "─" * max(3, 44 - len(title))

    def _document(self, call: OfflineCall) -> list[str]:
        lines = []
        for name, data in call.files.values():
            try:
                saved = f"saved to {save_file(self.files, name, data)}"
            except OSError as error:
                saved = f"not saved: {error.strerror or error}"
            lines.append(f"📎 {name} ({len(data):,} bytes), {saved}")
        return lines

    def _plain(self, text: str) -> str:
        if self.color:
            text = _BOLD.sub(lambda m: "\033[0m" if m.group().startswith("</") else "\033[1m", text)
        return html.unescape(_TAG.sub("", text))

    def _keyboard(self, message_id: int, message: dict[str, Any], *, mine: bool) -> list[str]:
        """The message's buttons, numbered. A message keeps its numbers: a changed one reuses them in order,
        and the numbers of buttons it no longer has are retired (said to be gone when typed) until it grows again."""
        markup = message.get("reply_markup") or {}
        rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        owned = self._numbers.setdefault(message_id, [])  # every number this message ever had, in order
        used = 0
        lines = []
        for row in rows:
            labels = []
            for button in row:
                if "callback_data" not in button:
                    labels.append(f"[↗] {button['text']}")  # a link (url) button: nothing to press here
                elif not mine:
                    labels.append(f"[·] {button['text']}")  # another user's button: only they can press it
                else:
                    if used == len(owned):
                        owned.append(next(self._next_number))
                    number = owned[used]
                    used += 1
                    self.buttons[number] = _Button(message_id, str(button["text"]), str(button["callback_data"]))
                    self.retired.pop(number, None)
                    labels.append(f"[{number}] {button['text']}")
            if labels:
                lines.append("   " + "   ".join(labels))
        for number in owned[used:]:
            if self.buttons.pop(number, None) is not None:
                self.retired[number] = message_id
        return lines


def save_file(folder: Path, name: str, data: bytes) -> Path:
    """Write a file the bot sent into ``folder`` under its own name, never over an earlier one."""
    folder.mkdir(parents=True, exist_ok=True)
    base = Path(Path(name).name or "file")  # only the name: a sent file cannot choose where it lands
    path = folder / base
    for copy in count(2):
        try:
            with path.open("xb") as handle:
                handle.write(data)
            return path
        except FileExistsError:
            path = folder / f"{base.stem} ({copy}){base.suffix}"
    raise AssertionError("unreachable")


@dataclass(frozen=True, slots=True)
class Upload:
    """A file to send as a document: where it is, what it weighs, its caption."""

    path: Path
    size: int
    caption: str


class UploadError(Exception):
    """An ``/upload`` line names no file that can be sent; the message says why."""


UPLOAD_USAGE = "Usage: /upload PATH [caption], e.g. /upload products.csv /import (quote a path with spaces, or type it as is)"


def parse_upload(rest: str) -> Upload:
    """The file and caption of ``/upload PATH [caption]``; a path may be quoted, escaped or contain spaces."""
    rest = rest.strip()
    if not rest:
        raise UploadError(UPLOAD_USAGE)
    for path, caption in _path_candidates(rest):
        if path.exists():
            return _checked(path, caption)
    path, _ = next(iter(_path_candidates(rest)))
    raise UploadError(f"⚠ No file at {path} (looked in {Path.cwd()}). {UPLOAD_USAGE}")


def _path_candidates(rest: str) -> list[tuple[Path, str]]:
    """Ways to read the path, first the one a shell would (quotes, backslashes), then ever shorter plain prefixes."""
    candidates = []
    stream = io.StringIO(rest)
    lexer = shlex.shlex(stream, posix=True)
    lexer.whitespace_split = True
    try:
        token = lexer.get_token()
        if token:
            candidates.append((Path(token).expanduser(), stream.read().strip()))  # the lexer stops after the token
    except ValueError:  # an unbalanced quote: read the line as plain words
        pass
    ends = [match.start() for match in re.finditer(r"\s+", rest)] + [len(rest)]
    for end in reversed(ends):
        candidates.append((Path(rest[:end]).expanduser(), rest[end:].strip()))
    return candidates


def _checked(path: Path, caption: str) -> Upload:
    if path.is_dir():
        raise UploadError(f"⚠ {path} is a folder; /upload sends one file.")
    try:
        with path.open("rb"):
            pass
        size = path.stat().st_size
    except OSError as error:
        raise UploadError(f"⚠ Cannot read {path}: {error.strerror or error}.") from None
    return Upload(path, size, caption)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _user(first_name: str, language: str) -> dict[str, Any]:
    return {"id": CONSOLE_USER_ID, "is_bot": False, "first_name": first_name, "language_code": language}


def _command_entities(text: str) -> list[dict[str, Any]]:
    """The ``bot_command`` entity Telegram marks at the start of a text or caption that begins with a command."""
    return [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] if text.startswith("/") else []


def _message(message_id: int, user: dict[str, Any], text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": {"id": user["id"], "type": "private", "first_name": user["first_name"]},
        "from": user,
        "text": text,
    }
    if entities := _command_entities(text):
        message["entities"] = entities
    return message


def _button_number(text: str) -> int:
    """The number typed, when the text is a whole number (in any digits), else 0."""
    try:
        return parse_whole_number(text, maximum=1_000_000)
    except NumberError:
        return 0


class LineReader:
    """Reads lines in a daemon thread, so the bot keeps working (and the job queue keeps running) while you type.

    A daemon thread rather than the loop's executor: a line being read does not hold up the end of the
    program. On a terminal, ``input()`` gives line editing and history (readline).
    """

    def __init__(self, stdin: TextIO, screen: Screen, *, interactive: bool) -> None:
        self.stdin = stdin
        self.screen = screen
        self.interactive = interactive
        if interactive:
            try:
                import readline
            except ImportError:  # not on every platform; input() still works without it
                pass
            else:
                screen.line_buffer = readline.get_line_buffer

    async def read(self, prompt: str) -> str | None:
        """The next line without its newline, or None at the end of input."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[str | None] = loop.create_future()

        def work() -> None:
            try:
                line: str | None = input(prompt) if self.interactive else self.stdin.readline()
            except EOFError:
                line = None
            except BaseException as error:  # noqa: BLE001 - handed to the chat, which would otherwise wait forever
                loop.call_soon_threadsafe(fail, error)
                return
            loop.call_soon_threadsafe(deliver, None if line == "" and not self.interactive else line)

        def deliver(line: str | None) -> None:
            if not future.done():  # the chat may have been cancelled (Ctrl-C) while the line was typed
                future.set_result(line)

        def fail(error: BaseException) -> None:
            if not future.done():
                future.set_exception(error)

        if not self.interactive:
            self.screen.out.write(prompt)
            self.screen.out.flush()
        self.screen.prompt = prompt
        threading.Thread(target=work, name="console-input", daemon=True).start()
        try:
            line = await future
        finally:
            self.screen.prompt = None
        if line is not None and not self.interactive:
            line = line.rstrip("\n")
            if not self.stdin.isatty():  # a script or a pipe: show what was read, as a terminal would echo it
                self.screen.write(line + "\n")
        if line is None:
            self.screen.write("\n")
        return line

    async def message(self) -> str | None:
        """One message: a line, the lines joined by a trailing ``\\``, or a ``/paste`` block; None at the end of input."""
        line = await self.read(PROMPT)
        if line is None:
            return None
        if line.strip() == "/paste":
            self.screen.write("   (paste mode: the message ends at a line holding only a dot .)\n")
            lines = []
            while (more := await self.read(MORE)) is not None and more.strip() != ".":
                lines.append(more)
            return "\n".join(lines)
        parts = []
        while line is not None and line.endswith("\\"):
            parts.append(line[:-1])
            line = await self.read(MORE)
        parts.append(line or "")
        return "\n".join(parts)


@dataclass
class ConsoleChat:
    """One console session: the application, its printing console and the console user."""

    application: App
    request: OfflineRequest
    console: Console
    reader: LineReader
    user: dict[str, Any]
    import_limit: int
    _update_ids: count[int] = field(default_factory=lambda: count(1))
    _message_ids: count[int] = field(default_factory=lambda: count(1_000_000))

    async def send_text(self, text: str) -> None:
        await self._process({"message": _message(next(self._message_ids), self.user, text)})

    async def press(self, number: int) -> bool:
        """Press button ``number``; False when the number is no button (then it is just text)."""
        found = self.console.press(number)
        if found is None:
            if number in self.console.retired:
                self.console.screen.write(f"   ⓘ [{number}] is gone: message #{self.console.retired[number]} changed since it was shown.\n")
                return True
            return False
        button, message = found
        self.console.screen.write(f"   ↳ [{number}] {button.label} (message #{button.message_id})\n")
        query = {"id": str(next(self._update_ids)), "from": self.user, "chat_instance": "console", "data": button.data,
                 "message": {**message, "from": BOT, "chat": {"id": self.user["id"], "type": "private"}}}
        await self._process({"callback_query": query})
        return True

    async def upload(self, rest: str) -> None:
        """Send a file as a document, as the Telegram app does; the bot downloads it through getFile."""
        try:
            upload = parse_upload(rest)
        except UploadError as error:
            self.console.screen.write(f"   {error}\n")
            return
        if upload.size > TELEGRAM_DOWNLOAD_LIMIT:
            # Telegram delivers the message, but refuses to let the bot download the file.
            note = f"is {_mb(upload.size)}: Telegram lets bots download at most 20 MB, so the bot sees only its name and size"
            data: bytes | None = None
        else:
            try:
                data = upload.path.read_bytes()
            except OSError as error:
                self.console.screen.write(f"   ⚠ Cannot read {upload.path}: {error.strerror or error}.\n")
                return
            note = f"is {_mb(upload.size)}, above the bot's import limit of {_mb(self.import_limit)} (IMPORT_MAX_BYTES)" \
                if upload.size > self.import_limit else ""
        if note:
            self.console.screen.write(f"   ⓘ {upload.path.name} {note}.\n")
        document = self.request.add_file(upload.path.name, data, size=upload.size)
        document["mime_type"] = mimetypes.guess_type(upload.path.name)[0] or "application/octet-stream"
        message = _message(next(self._message_ids), self.user, "")
        del message["text"]
        message["document"] = document
        if upload.caption:
            message["caption"] = upload.caption
            if entities := _command_entities(upload.caption):
                message["caption_entities"] = entities
        self.console.screen.write(f"   📎 sending {upload.path} ({upload.size:,} bytes)\n")
        await self._process({"message": message})

    async def _process(self, payload: dict[str, Any]) -> None:
        update = {"update_id": next(self._update_ids), **payload}
        await self.application.process_update(Update.de_json(update, self.application.bot))

    async def converse(self) -> None:
        """Read messages until the end of input or /quit, and hand each to the bot."""
        while (text := await self.reader.message()) is not None:
            text = text.strip()
            if text in {"/quit", "/exit"}:
                return
            if not text:
                continue
            if text == "/upload" or text.startswith(("/upload ", "/upload\n")):
                await self.upload(text[len("/upload"):])
            elif not ((number := _button_number(text)) and await self.press(number)):
                await self.send_text(text)


def _console_language(engine: Engine, language: str, *, chosen: bool) -> str:
    """The language the console user is answered in: ``language`` when ``--language`` chose it (stored as the user's,
    as /language would), else the one the database already knows them by (``language``, from LANG, for a new user)."""
    with Session(engine) as session:
        if chosen:
            users.set_language(CONSOLE_USER_ID, language, session=session)
            session.commit()
            return language
        known = users.known(CONSOLE_USER_ID, session=session)
        return known.language if known is not None else language


async def _chat(settings: Settings, language: str, stdin: TextIO, out: TextIO, *, files: Path, show_others: bool,
                interactive: bool, chosen: bool = False) -> None:
    screen = Screen(out, tty=interactive or out.isatty())
    request = OfflineRequest()
    application = build_application(settings, request=request, token="0:console")

    def describe_user(user_id: int) -> str:
        rt = application.bot_data.runtime
        if rt is None:
            return ""
        with Session(rt.engine) as session:
            return "admin" if admins.is_admin(user_id, session=session, settings=rt.settings) else ""

    console = Console(screen, color=out.isatty(), files=files, show_others=show_others, describe_user=describe_user)
    request.listener = console.show
    chat = ConsoleChat(application, request, console, LineReader(stdin, screen, interactive=interactive),
                       _user(getpass.getuser() or "you", language), settings.import_max_bytes)
    async with application:
        assert application.post_init is not None and application.post_shutdown is not None
        await application.post_init(application)
        assert application.bot_data.runtime is not None
        language = _console_language(application.bot_data.runtime.engine, language, chosen=chosen)
        # As run_polling does: the job queue runs (scheduled digests, the admins' form timing out) and
        # application.running is true, which the digest rounds check before taking each digest.
        await application.start()
        try:
            role = "an admin" if CONSOLE_USER_ID in settings.admin_ids else "not an admin (matchbot chat --admin makes you one)"
            screen.write(BANNER.format(user=CONSOLE_USER_ID, role=role, language=_LANGUAGES.get(language, language), files=files))
            await chat.send_text("/start")
            await chat.converse()
        finally:
            await application.stop()
            await application.post_shutdown(application)
    screen.write("bye\n")


def run_console(settings: Settings, *, language: str | None = None, admin: bool = False, files: Path = DEFAULT_FILES,
                show_others: bool = True, stdin: TextIO | None = None, out: TextIO | None = None) -> int:
    """Run the console chat until end of input; the language defaults to the terminal's (LANG).

    ``admin`` adds the console user to ``ADMIN_IDS`` for this session only.
    """
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    chosen = language is not None
    language = language or ("fa" if os.environ.get("LANG", "").startswith("fa") else "en")
    if admin:
        settings = settings.model_copy(update={"admin_ids": settings.admin_ids | {CONSOLE_USER_ID}})
    # No weekly scorecards (a photo per desk for an admin): /scorecard shows one when asked.
    settings = settings.model_copy(update={"scorecard_interval_seconds": 0})
    stdin, out = stdin or sys.stdin, out or sys.stdout
    interactive = stdin is sys.stdin and out is sys.stdout and stdin.isatty() and out.isatty()
    try:
        asyncio.run(_chat(settings, language, stdin, out, files=files, show_others=show_others, interactive=interactive,
                          chosen=chosen))
    except KeyboardInterrupt:  # Ctrl-C: the application was stopped on the way out; no traceback
        out.write("\nbye\n")
        return 130
    return 0
