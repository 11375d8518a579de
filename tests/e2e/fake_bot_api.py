"""A fake Telegram Bot API server for end-to-end tests of matchbot.

The real bot runs as a subprocess pointed at this server (TELEGRAM_API_BASE_URL /
TELEGRAM_API_FILE_URL), so it talks through PTB's real httpx client exactly as in
production. Tests play the users (``send_message``, ``press``) and assert on what the bot
sent (``wait_for_message``, ``messages_to``, ``calls``).

The fake is deliberately strict: it rejects what Telegram rejects (bad HTML, oversized
texts, invalid buttons, edits that change nothing, ...) with Telegram's wording, and
records every such rejection in ``rejected`` so a test can fail on bot bugs that a lenient
mock would hide.

Standard library only, so the e2e harness needs nothing beyond the bot's own dependencies.
"""

from __future__ import annotations

import contextlib
import dataclasses
import email.parser
import email.policy
import itertools
import json
import mimetypes
import re
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar, cast
from urllib.parse import parse_qsl, unquote, urlsplit

JsonDict = dict[str, Any]
Entity = tuple[str, int, int, str]  # kind, start, end (code points), argument
T = TypeVar("T")

MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_PHOTO_BYTES = 10 * 1024 * 1024  # sendPhoto: "The photo must be at most 10 MB in size"
MAX_PHOTO_SIDES = 10_000  # "The photo's width and height must not exceed 10000 in total"
MAX_PHOTO_RATIO = 20  # "Width and height ratio must be at most 20"
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_BUTTONS = 100
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_COMMANDS = 100

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
CALLBACK_QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
# Inline button fields of which Telegram requires exactly one.
BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "web_app",
    "login_url",
    "callback_game",
    "pay",
    "copy_text",
)
# Free-text parameters are never JSON-decoded, so a message text like "[1, 2]" stays text.
TEXT_PARAMETERS = frozenset({"text", "caption", "description", "short_description", "name", "title"})
# Tiny stand-ins for media a user sends; the bot only ever sees their file ids and bytes.
FAKE_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
FAKE_WEBP = b"RIFF\x0c\x00\x00\x00WEBPVP8 \x00\x00\x00\x00"


# --------------------------------------------------------------------------- errors


class ApiError(Exception):
    """A Bot API error answer; raising it from a method handler sends it to the bot."""

    def __init__(
        self,
        status: int,
        description: str,
        *,
        retry_after: int | None = None,
        injected: bool = False,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after
        self.injected = injected  # a fault the test asked for, not a bot mistake

    def payload(self) -> JsonDict:
        """The JSON body Telegram sends for this error."""
        body: JsonDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(description: str) -> ApiError:
    """A 400 with Telegram's "Bad Request: " prefix."""
    return ApiError(HTTPStatus.BAD_REQUEST, f"Bad Request: {description}")


class EntityParseError(ValueError):
    """Markup Telegram cannot parse; the text follows "can't parse entities: "."""


# --------------------------------------------------------------------------- formatting


@dataclass(frozen=True)
class FormattedText:
    """Text as the user sees it plus the entities styling it (code point offsets).

    Two sources with equal FormattedText render identically, which is what Telegram
    compares to answer "message is not modified".
    """

    text: str
    entities: tuple[Entity, ...] = ()


@dataclass(frozen=True)
class _OpenTag:
    """An entity whose start was seen and whose end is still awaited."""

    name: str  # as written (tag name or Markdown entity), for error messages
    kind: str  # Bot API entity type
    argument: str
    start: int  # code point offset in the visible text
    byte_offset: int  # where it began in the source, as Telegram reports it


class _Parser:
    """State shared by the markup parsers: the source, the visible output and entities."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.out: list[str] = []
        self.size = 0
        self.open: list[_OpenTag] = []
        self.entities: list[Entity] = []

    def _emit(self, text: str) -> None:
        self.out.append(text)
        self.size += len(text)

    def _byte(self, index: int) -> int:
        """Telegram reports positions as UTF-8 byte offsets into the source."""
        return len(self.src[:index].encode("utf-8", "surrogatepass"))

    def _peek(self, offset: int = 0) -> str:
        """The character at pos+offset, or NUL past the end (tdlib reads a C string)."""
        index = self.pos + offset
        return self.src[index] if index < len(self.src) else "\0"

    def _push(self, name: str, kind: str, argument: str, begin: int) -> None:
        self.open.append(_OpenTag(name, kind, argument, self.size, self._byte(begin)))

    def _close_entity(self, tag: _OpenTag, argument: str) -> None:
        if self.size > tag.start:  # empty entities vanish, as in Telegram
            self.entities.append((tag.kind, tag.start, self.size, argument))

    def _link_target(self) -> str:
        """Read "(url)" after a link's "]"; Markdown links without it keep an empty target."""
        if self._peek() != "(":
            return ""
        start = index = self.pos + 1
        target: list[str] = []
        while index < len(self.src):
            char = self.src[index]
            if char == "\\" and index + 1 < len(self.src):
                target.append(self.src[index + 1])
                index += 2
            elif char == ")":
                self.pos = index + 1
                return "".join(target)
            else:
                target.append(char)
                index += 1
        raise EntityParseError(f"Can't find end of a URL at byte offset {self._byte(start)}")

    def _result(self) -> FormattedText:
        return FormattedText("".join(self.out), tuple(sorted(self.entities)))


HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
HTML_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
HTML_SPACES = " \t\r\n\v\0"
HTML_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]*)|#([0-9]*)|([a-zA-Z]*));?")
NAME_TOKEN = re.compile(r"[A-Za-z0-9.\-]*")
SURROGATE_ERROR = (
    "Text contains invalid Unicode characters after decoding HTML entities, "
    "check for unmatched surrogate code units"
)


def decode_html_entity(source: str, pos: int) -> tuple[int, int] | None:
    """Decode the entity at source[pos] == "&" as tdlib does: (code point, end) or None.

    Like Telegram, the ";" is optional and numeric entities may be decimal or hex.
    """
    match = HTML_ENTITY.match(source, pos)
    if match is None:
        return None
    hex_digits, decimal_digits, name = match.groups()
    if name is not None:
        if name not in HTML_NAMED_ENTITIES:
            return None
        return ord(HTML_NAMED_ENTITIES[name]), match.end()
    digits_end = match.end(1 if hex_digits is not None else 2)
    digits = hex_digits if hex_digits is not None else decimal_digits
    code = int(digits, 16 if hex_digits is not None else 10) if digits else 0
    if code == 0 or code >= 0x10FFFF or digits_end - pos >= 10:
        return None
    return code, match.end()


class _HtmlParser(_Parser):
    """Telegram's HTML subset, following tdlib's parse_html and its error messages.

    Two rules are stricter than Telegram, which silently tolerates them although the Bot
    API documentation forbids them: an "&" that starts no entity (in strict mode), and
    <a> without href. Both are bot bugs in practice (an unescaped user string; a link
    that renders as plain text), so the fake rejects them.
    """

    def __init__(self, source: str, *, strict_ampersand: bool) -> None:
        super().__init__(source)
        self.strict_ampersand = strict_ampersand

    def parse(self) -> FormattedText:
        while self.pos < len(self.src):
            char = self.src[self.pos]
            if char == "&":
                self._emit(self._ampersand(self.pos))
            elif char == "<" and self._peek(1) == "/":
                self._end_tag()
            elif char == "<":
                self._start_tag()
            else:
                self._emit(char)
                self.pos += 1
        if self.open:
            raise EntityParseError(
                f'Can\'t find end tag corresponding to start tag "{self.open[-1].name}"'
            )
        return self._result()

    def _ampersand(self, begin: int) -> str:
        """Decode the entity at begin, advancing pos past it; return the text it stands for."""
        decoded = decode_html_entity(self.src, begin)
        if decoded is None:
            if self.strict_ampersand:
                raise EntityParseError(
                    f'Unescaped "&" at byte offset {self._byte(begin)}: write it as "&amp;"'
                )
            self.pos = begin + 1
            return "&"
        code, self.pos = decoded
        if 0xD800 <= code <= 0xDFFF:
            raise EntityParseError(SURROGATE_ERROR)
        return chr(code)

    def _scan_name(self) -> str:
        """Advance over a tag or attribute name (up to a space, "=", ">" or the end)."""
        start = self.pos
        while self._peek() not in HTML_SPACES and self._peek() not in "=>":
            self.pos += 1
        return self.src[start : self.pos]

    def _skip_spaces(self) -> None:
        while self.pos < len(self.src) and self._peek() in HTML_SPACES:
            self.pos += 1

    def _start_tag(self) -> None:
        begin = self.pos
        self.pos += 1
        while self._peek() not in HTML_SPACES and self._peek() != ">":
            self.pos += 1
        if self.pos >= len(self.src):
            raise EntityParseError(f"Unclosed start tag at byte offset {self._byte(begin)}")
        name = self.src[begin + 1 : self.pos].lower()
        if name not in HTML_TAGS:
            raise EntityParseError(
                f'Unsupported start tag "{name}" at byte offset {self._byte(begin)}'
            )
        attributes = self._attributes(name, begin)
        self.pos += 1  # the ">"
        argument = self._tag_argument(name, attributes, begin)
        kind = HTML_TAGS[name]
        if name == "blockquote" and argument:
            kind = "expandable_blockquote"
        self._push(name, kind, argument, begin)

    def _attributes(self, tag: str, begin: int) -> dict[str, str]:
        """Parse attributes up to the tag's ">" (pos ends on it)."""
        attributes: dict[str, str] = {}
        while True:
            self._skip_spaces()
            if self._peek() == ">":
                return attributes
            attribute = self._scan_name().lower()
            if not attribute:
                raise EntityParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {self._byte(begin)}'
                )
            self._skip_spaces()
            if self.pos >= len(self.src):
                raise EntityParseError(
                    f'Unclosed start tag "{tag}" at byte offset {self._byte(begin)}'
                )
            if self._peek() != "=":
                if tag == "blockquote" and attribute == "expandable":
                    attributes[attribute] = "expandable"
                    continue
                raise EntityParseError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {self._byte(begin)}'
                )
            self.pos += 1
            self._skip_spaces()
            if self.pos >= len(self.src):
                raise EntityParseError(
                    f'Unclosed start tag "{tag}" at byte offset {self._byte(begin)}'
                )
            attributes[attribute] = self._attribute_value()
            if self.pos >= len(self.src):
                raise EntityParseError(f"Unclosed start tag at byte offset {self._byte(begin)}")

    def _attribute_value(self) -> str:
        """A quoted string with entities decoded, or a bare name token (lowercased)."""
        quote = self._peek()
        if quote not in "\"'":
            match = NAME_TOKEN.match(self.src, self.pos)
            token_begin, self.pos = self.pos, cast(re.Match[str], match).end()
            if self._peek() not in HTML_SPACES and self._peek() != ">":
                raise EntityParseError(
                    f"Unexpected end of name token at byte offset {self._byte(token_begin)}"
                )
            return self.src[token_begin : self.pos].lower()
        end = self.src.find(quote, self.pos + 1)
        if end < 0:
            self.pos = len(self.src)
            return ""
        value: list[str] = []
        self.pos += 1
        while self.pos < end:
            if self.src[self.pos] == "&":
                value.append(self._ampersand(self.pos))
            else:
                value.append(self.src[self.pos])
                self.pos += 1
        self.pos = end + 1
        return "".join(value)

    def _tag_argument(self, tag: str, attributes: dict[str, str], begin: int) -> str:
        """Validate a tag's attributes and return what its entity keeps (url, language...)."""
        at = f"at byte offset {self._byte(begin)}"
        if tag == "span" and attributes.get("class") != "tg-spoiler":
            raise EntityParseError(f'Tag "span" must have class "tg-spoiler" {at}')
        if tag == "a":
            if not attributes.get("href"):
                raise EntityParseError(f'Tag "a" must have a non-empty "href" attribute {at}')
            return attributes["href"]
        if tag == "code":
            language = attributes.get("class", "")
            return language[len("language-") :] if language.startswith("language-") else ""
        if tag == "tg-emoji":
            emoji_id = attributes.get("emoji-id", "")
            if not emoji_id.isdigit() or int(emoji_id) == 0:
                raise EntityParseError("Invalid custom emoji identifier specified")
            return emoji_id
        if tag == "blockquote":
            return attributes.get("expandable", "")
        return ""

    def _end_tag(self) -> None:
        begin = self.pos
        at = f"at byte offset {self._byte(begin)}"
        if not self.open:
            raise EntityParseError(f"Unexpected end tag {at}")
        self.pos += 2
        while self._peek() not in HTML_SPACES and self._peek() != ">":
            self.pos += 1
        name = self.src[begin + 2 : self.pos].lower()
        self._skip_spaces()
        if self._peek() != ">":
            raise EntityParseError(f"Unclosed end tag {at}")
        tag = self.open[-1]
        if name and name != tag.name:
            raise EntityParseError(
                f'Unmatched end tag {at}, expected "</{tag.name}>", found "</{name}>"'
            )
        self.pos += 1
        self.open.pop()
        self._close_entity(tag, tag.argument)


MARKDOWN_V2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
MARKDOWN_V2_OPENERS = (
    ("```", "pre"),
    ("`", "code"),
    ("__", "underline"),
    ("_", "italic"),
    ("*", "bold"),
    ("~", "strikethrough"),
    ("||", "spoiler"),
    ("![", "custom_emoji"),
    ("[", "text_link"),
)
MARKDOWN_V2_CLOSERS = {
    "pre": "```",
    "code": "`",
    "underline": "__",
    "italic": "_",
    "bold": "*",
    "strikethrough": "~",
    "spoiler": "||",
    "custom_emoji": "]",
    "text_link": "]",
}
MARKDOWN_V2_NAMES = {
    "pre": "Pre",
    "code": "Code",
    "underline": "Underline",
    "italic": "Italic",
    "bold": "Bold",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "custom_emoji": "CustomEmoji",
    "text_link": "TextUrl",
}
PRE_LANGUAGE = re.compile(r"([^\s`]+)(?=\s)(\r\n|\n\r|\n|\r)?")


class _MarkdownV2Parser(_Parser):
    """A minimal MarkdownV2 checker with tdlib's wording: escapes, reserved characters,
    balanced entities, literal code/pre and link targets. Matchbot sends HTML; this is
    here so a stray MarkdownV2 message is still checked rather than waved through.
    """

    def parse(self) -> FormattedText:
        while self.pos < len(self.src):
            top = self.open[-1] if self.open else None
            if self._escape() or (top is not None and self._close(top)):
                continue
            if top is not None and top.kind in ("code", "pre"):
                self._emit(self.src[self.pos])
                self.pos += 1
            elif not self._open():
                self._literal()
        if self.open:
            tag = self.open[-1]
            name = "PreCode" if tag.kind == "pre" and tag.argument else MARKDOWN_V2_NAMES[tag.kind]
            raise EntityParseError(f"Can't find end of {name} entity at byte offset {tag.byte_offset}")
        return self._result()

    def _escape(self) -> bool:
        following = self._peek(1)
        if self._peek() != "\\" or not 1 <= ord(following) <= 126:
            return False
        self._emit(following)
        self.pos += 2
        return True

    def _close(self, tag: _OpenTag) -> bool:
        closer = MARKDOWN_V2_CLOSERS[tag.kind]
        if not self.src.startswith(closer, self.pos):
            return False
        if tag.kind == "italic" and self.src.startswith("__", self.pos):
            return False  # "__" ends an underline opened inside the italic, or opens one
        self.pos += len(closer)
        self.open.pop()
        self._close_entity(tag, self._link_target() if closer == "]" else tag.argument)
        return True

    def _open(self) -> bool:
        begin = self.pos
        if self._peek() == ">" and (begin == 0 or self.src[begin - 1] == "\n"):
            self.pos += 1  # a blockquote line marker
            return True
        for marker, kind in MARKDOWN_V2_OPENERS:
            if self.src.startswith(marker, begin):
                self.pos += len(marker)
                self._push(marker, kind, self._pre_language() if kind == "pre" else "", begin)
                return True
        return False

    def _pre_language(self) -> str:
        match = PRE_LANGUAGE.match(self.src, self.pos)
        if match is None:
            return ""
        self.pos = match.end()
        return match.group(1)

    def _literal(self) -> None:
        char = self.src[self.pos]
        if char in MARKDOWN_V2_RESERVED:
            raise EntityParseError(
                f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
            )
        self._emit(char)
        self.pos += 1


MARKDOWN_MARKERS = {"*": "bold", "_": "italic", "`": "code", "```": "pre", "[": "text_link"}


class _MarkdownParser(_Parser):
    """Telegram's legacy "Markdown": *bold*, _italic_, `code`, ```pre```, [text](url),
    without nesting; an unterminated entity is an error.
    """

    def parse(self) -> FormattedText:
        while self.pos < len(self.src):
            char = self.src[self.pos]
            if char == "\\" and self._peek(1) in "_*`[":
                self._emit(self._peek(1))
                self.pos += 2
            elif char in "_*`[":
                self._entity()
            else:
                self._emit(char)
                self.pos += 1
        return self._result()

    def _entity(self) -> None:
        begin = self.pos
        marker = "```" if self.src.startswith("```", begin) else self.src[begin]
        closer = "]" if marker == "[" else marker
        end = self.src.find(closer, begin + len(marker))
        if end < 0:
            raise EntityParseError(
                f"Can't find end of the entity starting at byte offset {self._byte(begin)}"
            )
        self._push(marker, MARKDOWN_MARKERS[marker], "", begin)
        self._emit(self.src[begin + len(marker) : end])
        self.pos = end + len(closer)
        tag = self.open.pop()
        self._close_entity(tag, self._link_target() if marker == "[" else "")


def parse_formatted(text: str, parse_mode: str | None, *, strict_ampersand: bool = True) -> FormattedText:
    """Parse text under a Bot API parse_mode, raising the ApiError Telegram would send."""
    mode = (parse_mode or "").lower()
    parsers: dict[str, Callable[[], FormattedText]] = {
        "html": lambda: _HtmlParser(text, strict_ampersand=strict_ampersand).parse(),
        "markdownv2": lambda: _MarkdownV2Parser(text).parse(),
        "markdown": lambda: _MarkdownParser(text).parse(),
    }
    if not mode:
        return FormattedText(text)
    if mode not in parsers:
        raise bad_request("unsupported parse_mode")
    try:
        return parsers[mode]()
    except EntityParseError as exc:
        raise bad_request(f"can't parse entities: {exc}") from exc


def utf16_length(text: str) -> int:
    """Telegram measures text in UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


# --------------------------------------------------------------------------- keyboards


def validate_reply_markup(markup: Any) -> JsonDict | None:
    """Check a reply_markup the way Telegram does and return it (None when absent)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _validate_inline_keyboard(markup["inline_keyboard"])
    elif "keyboard" in markup:
        _validate_reply_keyboard(markup["keyboard"])
    elif not ({"remove_keyboard", "force_reply"} & markup.keys()):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return markup


def _rows(keyboard: Any, what: str) -> list[list[Any]]:
    if not isinstance(keyboard, list) or not all(isinstance(row, list) for row in keyboard):
        raise bad_request(f'field "{what}" must be an Array of Arrays')
    return keyboard


def _validate_inline_keyboard(keyboard: Any) -> None:
    rows = _rows(keyboard, "inline_keyboard")
    if sum(len(row) for row in rows) > MAX_INLINE_BUTTONS:
        raise bad_request("reply markup is too long")
    for button in itertools.chain.from_iterable(rows):
        _validate_inline_button(button)


def _validate_inline_button(button: Any) -> None:
    prefix = "can't parse inline keyboard button: "
    if not isinstance(button, dict):
        raise bad_request(prefix + "InlineKeyboardButton must be an Object")
    if "text" not in button:
        raise bad_request(prefix + 'Can\'t find field "text"')
    if not isinstance(button["text"], str) or not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [name for name in BUTTON_ACTIONS if button.get(name) is not None]
    if not actions:
        raise bad_request(prefix + "Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise bad_request(prefix + f"exactly one of the optional fields must be used, got {actions}")
    data = button.get("callback_data")
    if data is not None and not (
        isinstance(data, str) and 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
    ):
        raise bad_request("BUTTON_DATA_INVALID")
    url = button.get("url")
    if url is not None and not (isinstance(url, str) and re.match(r"(https?|tg)://\S+$", url)):
        raise bad_request("BUTTON_URL_INVALID")


def _validate_reply_keyboard(keyboard: Any) -> None:
    for button in itertools.chain.from_iterable(_rows(keyboard, "keyboard")):
        text = button.get("text") if isinstance(button, dict) else button
        if not isinstance(text, str) or not text.strip():
            raise bad_request("BUTTON_TEXT_INVALID")


def flatten_buttons(markup: JsonDict | None) -> list[tuple[str, str | None]]:
    """(text, callback_data or url) of every button, row by row."""
    markup = markup or {}
    rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
    flat: list[tuple[str, str | None]] = []
    for button in itertools.chain.from_iterable(rows):
        if isinstance(button, str):
            flat.append((button, None))
        else:
            flat.append((button.get("text", ""), button.get("callback_data") or button.get("url")))
    return flat


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user driving the bot; their private chat has the same id."""

    id: int
    first_name: str
    username: str | None = None
    language_code: str = "en"

    def to_api(self) -> JsonDict:
        user: JsonDict = {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }
        if self.username:
            user["username"] = self.username
        return user

    def chat_api(self) -> JsonDict:
        chat: JsonDict = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.username:
            chat["username"] = self.username
        return chat


@dataclass
class SentMessage:
    """A message the bot sent, in its current state (edits applied).

    ``text`` is the source the bot sent (markup included; the caption for documents),
    ``visible_text`` what the user sees. ``seq`` is the chat's sequence point of the
    latest send or edit: message ids come from the same per-chat counter, so a user
    message id or ``FakeBotApi.mark()`` can serve as ``after`` in ``wait_for_message``.
    """

    chat_id: int
    message_id: int
    text: str
    parse_mode: str | None
    reply_markup: JsonDict | None
    document: tuple[str, bytes] | None = None
    photo: bytes | None = None
    """A photo the bot sent (``text`` is then its caption), as uploaded."""
    edits: int = 0
    visible_text: str = ""
    seq: int = 0
    date: int = 0
    formatted: FormattedText = field(default=FormattedText(""), repr=False, compare=False)
    document_id: str | None = field(default=None, repr=False, compare=False)
    photo_size: tuple[str, int, int] | None = field(default=None, repr=False, compare=False)  # file id, width, height

    def buttons(self) -> list[tuple[str, str | None]]:
        """(text, callback_data or url) of every button, flattened row by row."""
        return flatten_buttons(self.reply_markup)

    def describe(self) -> str:
        """One line for failure messages."""
        edited = f", edited {self.edits}x" if self.edits else ""
        buttons = f" buttons={self.buttons()}" if self.reply_markup else ""
        document = f" document={self.document[0]!r}" if self.document else ""
        document += f" photo={len(self.photo)} bytes" if self.photo is not None else ""
        return f"#{self.message_id} (seq {self.seq}{edited}){document}: {self.visible_text!r}{buttons}"


@dataclass(frozen=True)
class ApiCall:
    """One HTTP request the bot made and how the fake answered it."""

    seq: int
    method: str
    params: JsonDict
    status: int
    response: JsonDict
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    injected: bool = False  # answered by fail_next / block_user / rate limiting
    at: float = field(default_factory=time.monotonic)  # when it was answered (monotonic), for rates

    @property
    def ok(self) -> bool:
        return bool(self.response.get("ok"))

    @property
    def description(self) -> str | None:
        return self.response.get("description")

    def describe(self) -> str:
        outcome = "ok" if self.ok else f"{self.status} {self.description}"
        return f"{self.method} -> {outcome}; params={_shorten(repr(self.params))}"


@dataclass(frozen=True)
class _StoredFile:
    """A file the bot can fetch with getFile and download from the file URL."""

    file_id: str
    unique_id: str
    path: str
    name: str
    data: bytes

    def to_api(self) -> JsonDict:
        return {"file_id": self.file_id, "file_unique_id": self.unique_id, "file_size": len(self.data)}

    def document_api(self) -> JsonDict:
        mime_type = mimetypes.guess_type(self.name)[0] or "application/octet-stream"
        return {**self.to_api(), "file_name": self.name, "mime_type": mime_type}


def photo_dimensions(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG or baseline/progressive JPEG; anything else is refused as Telegram refuses it."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24 and data[12:16] == b"IHDR":
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        if width and height:
            return width, height
    if data.startswith(b"\xff\xd8"):
        index = 2
        while index + 9 < len(data) and data[index] == 0xFF:
            marker, length = data[index + 1], int.from_bytes(data[index + 2 : index + 4], "big")
            if marker in (0xC0, 0xC1, 0xC2):
                return int.from_bytes(data[index + 7 : index + 9], "big"), int.from_bytes(data[index + 5 : index + 7], "big")
            index += 2 + length
    raise bad_request("IMAGE_PROCESS_FAILED")


def _shorten(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --------------------------------------------------------------------------- requests


class _Params:
    """Typed access to decoded request parameters, failing the way Telegram does."""

    def __init__(self, values: JsonDict, files: dict[str, tuple[str, bytes]]) -> None:
        self.values = values
        self.files = files

    def string(self, name: str) -> str | None:
        value = self.values.get(name)
        return None if value is None else str(value)

    def integer(self, name: str, *, missing: str, invalid: str | None = None) -> int:
        if self.values.get(name) in (None, ""):
            raise bad_request(missing)
        return self._to_int(name, invalid or missing)

    def optional_integer(self, name: str, default: int) -> int:
        if self.values.get(name) in (None, ""):
            return default
        return self._to_int(name, f'field "{name}" must be of type Integer')

    def _to_int(self, name: str, error: str) -> int:
        value = self.values[name]
        if isinstance(value, bool):
            raise bad_request(error)
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(error) from None

    def number(self, name: str, default: float) -> float:
        try:
            return float(self.values.get(name, default))
        except (TypeError, ValueError):
            raise bad_request(f'field "{name}" must be a Number') from None

    def flag(self, name: str) -> bool:
        return self.values.get(name) in (True, "true", "True", "1", 1)

    def json(self, name: str) -> Any:
        """A JSON-valued parameter; undecodable strings are returned as they are."""
        return self.values.get(name)


def decode_params(raw: JsonDict) -> JsonDict:
    """JSON-decode nested values PTB sends as JSON strings (reply_markup, commands...).

    Numbers stay strings ("42"); handlers convert what they need.
    """
    decoded: JsonDict = {}
    for name, value in raw.items():
        if isinstance(value, str) and name not in TEXT_PARAMETERS and value.startswith(("{", "[")):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                pass
        decoded[name] = value
    return decoded


def parse_body(content_type: str, body: bytes) -> tuple[JsonDict, dict[str, tuple[str, bytes]]]:
    """Split a request body into form fields and uploaded files, by content type."""
    media_type = content_type.split(";")[0].strip().lower()
    if not body:
        return {}, {}
    try:
        if media_type == "application/json":
            values = json.loads(body)
            if not isinstance(values, dict):
                raise ValueError("JSON body must be an object")
            return values, {}
        if media_type == "multipart/form-data":
            return _parse_multipart(content_type, body)
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True)), {}
    except ValueError as exc:
        raise bad_request(f"can't parse request body: {exc}") from exc


def _parse_multipart(content_type: str, body: bytes) -> tuple[JsonDict, dict[str, tuple[str, bytes]]]:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    fields: JsonDict = {}
    files: dict[str, tuple[str, bytes]] = {}
    for part in cast(Any, message).iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None:
            files[name] = (filename, payload)
        else:
            fields[name] = payload.decode("utf-8")
    return fields, files


ROUTE = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[^/]*)$")
FILE_ROUTE = re.compile(r"^/file/bot(?P<token>[^/]+)/(?P<path>.+)$")


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer that knows its FakeBotApi (one thread per connection)."""

    daemon_threads = True

    def __init__(self, api: FakeBotApi) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.api = api


class _Handler(BaseHTTPRequestHandler):
    """Hands every request to the FakeBotApi; keep-alive like api.telegram.org."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        cast(_Server, self.server).api._handle(self)

    def do_POST(self) -> None:  # noqa: N802
        cast(_Server, self.server).api._handle(self)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Silenced: calls are recorded in FakeBotApi.calls and rejections logged there."""

    def reply(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the bot gave up on the request (e.g. a cancelled long poll)

    def read_body(self) -> bytes:
        """The request's body; raises :class:`_IncompleteRequest` if the client vanished before sending it all."""
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            raise _IncompleteRequest
        return body


class _IncompleteRequest(Exception):
    """The connection ended inside a request's body (a bot killed mid-send): Telegram never sees such a call."""


# --------------------------------------------------------------------------- the fake


class FakeBotApi:
    """In-process fake of api.telegram.org for one bot token.

    Thread-safety: the HTTP threads and the test thread share state under one Condition,
    which is also what long polls and the wait_* helpers block on.
    """

    def __init__(
        self, token: str = "123456:TEST-TOKEN", bot_username: str = "matchbot_test_bot", *, first_update_id: int = 1000
    ) -> None:
        self.token = token
        self.bot_username = bot_username
        self.bot_id = int(token.split(":", 1)[0])
        # Telegram renders a stray "&" literally; rejecting it catches unescaped input.
        self.strict_html_ampersand = True
        self.rate_limit_per_second: float | None = None
        # Telegram refuses to answer a button press a few seconds (~15) after it was made; tests set
        # this to make every answer late (0) without waiting.
        self.callback_answer_timeout: float | None = None
        self._cond = threading.Condition(threading.RLock())
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._ids = itertools.count(1)
        self._calls: list[ApiCall] = []
        self._updates: list[JsonDict] = []  # delivered-or-not, until the bot confirms them
        self._next_update_id = first_update_id
        self._users: dict[int, FakeUser] = {}
        self._blocked: set[int] = set()
        self._chat_seq: dict[int, int] = {}
        self._messages: dict[tuple[int, int], SentMessage] = {}
        self._user_messages: set[tuple[int, int]] = set()
        self._files: dict[str, _StoredFile] = {}
        self._callback_answers: dict[str, JsonDict | None] = {}
        self._callback_pressed_at: dict[str, float] = {}
        self._late_callback_answers: list[str] = []
        self._commands: dict[tuple[str, str], list[JsonDict]] = {}
        self._menu_buttons: dict[int | None, JsonDict] = {}
        self._webhook_url = ""
        self._failures: dict[str, deque[ApiError]] = {}
        self._drops: dict[str, int] = {}
        self.dropped: list[str] = []  # methods whose connection was dropped, in order
        self._send_times: deque[float] = deque()
        self._in_flight = 0
        self._last_activity = time.monotonic()
        self._methods: dict[str, Callable[[_Params], Any]] = {
            name.lower(): handler
            for name, handler in {
                "getMe": self._get_me,
                "getUpdates": self._get_updates,
                "deleteWebhook": self._delete_webhook,
                "setWebhook": self._set_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "logOut": lambda params: True,
                "close": lambda params: True,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "setChatMenuButton": self._set_chat_menu_button,
                "getChatMenuButton": self._get_chat_menu_button,
                "sendMessage": self._send_message,
                "editMessageText": self._edit_message_text,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "deleteMessage": self._delete_message,
                "answerCallbackQuery": self._answer_callback_query,
                "sendDocument": self._send_document,
                "sendPhoto": self._send_photo,
                "getFile": self._get_file,
                "sendChatAction": self._send_chat_action,
                "getChat": self._get_chat,
            }.items()
        }

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Serve on 127.0.0.1 at an ephemeral port from a daemon thread."""
        self._server = _Server(self)
        self._thread = threading.Thread(
            # A short poll interval keeps stop() fast: shutdown() waits for the next poll.
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="fake-bot-api",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving; pending long polls return at once."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            cast(threading.Thread, self._thread).join(timeout=5)
            self._server = None

    def __enter__(self) -> FakeBotApi:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def _origin(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeBotApi is not started")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        """For PTB's base_url / TELEGRAM_API_BASE_URL (PTB appends the token)."""
        return f"{self._origin}/bot"

    @property
    def file_url(self) -> str:
        """For PTB's base_file_url / TELEGRAM_API_FILE_URL."""
        return f"{self._origin}/file/bot"

    # ------------------------------------------------------------------ driving the bot

    def send_message(
        self,
        user: FakeUser,
        text: str | None = None,
        *,
        sticker: bool = False,
        photo: bool = False,
        document: tuple[str, bytes] | None = None,
        caption: str | None = None,
    ) -> int:
        """Enqueue a message from user (exactly one of text/sticker/photo/document).

        Returns its message id, a sequence point usable as ``after``.
        """
        if sum((text is not None, sticker, photo, document is not None)) != 1:
            raise ValueError("send exactly one of text, sticker, photo or document")
        if caption is not None and not (photo or document):
            raise ValueError("only a photo or a document can have a caption")
        with self._cond:
            self._users[user.id] = user
            message_id = self._next_seq(user.id)
            self._user_messages.add((user.id, message_id))
            message = {
                "message_id": message_id,
                "from": user.to_api(),
                "chat": user.chat_api(),
                "date": int(time.time()),
                **self._user_content(text, sticker, photo, document),
            }
            if caption:
                message["caption"] = caption
            self._enqueue({"message": message})
            return message_id

    def press(self, user: FakeUser, message: SentMessage, callback_data: str) -> str:
        """Press the inline button with callback_data on message, as its user can.

        Raises AssertionError if the message (in its current state) has no such button.
        Returns the callback query id.
        """
        with self._cond:
            current = self._current(user, message)
            if callback_data not in [data for _, data in _callback_buttons(current)]:
                raise AssertionError(
                    f"message {current.describe()} has no button with callback_data "
                    f"{callback_data!r}; a user cannot press it"
                )
            return self._enqueue_callback(user, self._message_api(current), callback_data)

    def press_button(self, user: FakeUser, message: SentMessage, text_contains: str) -> str:
        """Press the only callback button whose label contains text_contains."""
        with self._cond:
            current = self._current(user, message)
            matches = [(text, data) for text, data in _callback_buttons(current) if text_contains in text]
            if len({data for _, data in matches}) != 1:
                raise AssertionError(
                    f"expected one callback button containing {text_contains!r} on "
                    f"{current.describe()}, found {matches}"
                )
            return self.press(user, current, matches[0][1])

    def press_forged(self, user: FakeUser, message_id: int, data: str) -> str:
        """Send callback data no button carries, as a modified client could."""
        with self._cond:
            current = self._messages.get((user.id, message_id))
            message = (
                self._message_api(current)
                if current is not None
                else {"chat": user.chat_api(), "message_id": message_id, "date": 0}
            )
            return self._enqueue_callback(user, message, data)

    def _current(self, user: FakeUser, message: SentMessage) -> SentMessage:
        current = self._messages.get((message.chat_id, message.message_id))
        if current is None:
            raise AssertionError(f"message #{message.message_id} in chat {message.chat_id} was deleted or never sent")
        if current.chat_id != user.id:
            raise AssertionError(f"user {user.id} cannot see message #{message.message_id} of chat {message.chat_id}")
        return current

    def _enqueue_callback(self, user: FakeUser, message: JsonDict, data: str) -> str:
        self._users[user.id] = user
        query_id = str(4_000_000_000_000 + next(self._ids))
        self._callback_answers[query_id] = None
        self._callback_pressed_at[query_id] = time.monotonic()
        self._enqueue(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user.to_api(),
                    "message": message,
                    "chat_instance": str(user.id * 1_000_003),
                    "data": data,
                }
            }
        )
        return query_id

    def _user_content(
        self, text: str | None, sticker: bool, photo: bool, document: tuple[str, bytes] | None
    ) -> JsonDict:
        if text is not None:
            return _text_content(text)
        if sticker:
            stored = self._store_file("stickers", "sticker.webp", FAKE_WEBP)
            return {
                "sticker": {
                    **stored.to_api(),
                    "type": "regular",
                    "width": 512,
                    "height": 512,
                    "is_animated": False,
                    "is_video": False,
                    "emoji": "👍",
                }
            }
        if photo:
            sizes = [(90, 90), (320, 320)]
            return {
                "photo": [
                    {**self._store_file("photos", "photo.jpg", FAKE_JPEG).to_api(), "width": w, "height": h}
                    for w, h in sizes
                ]
            }
        name, data = cast(tuple[str, bytes], document)
        return {"document": self._store_file("documents", name, data).document_api()}

    def drain_updates(self) -> list[JsonDict]:
        """Take the queued updates instead of serving them to getUpdates: for delivering them to webhooks."""
        with self._cond:
            updates, self._updates = list(self._updates), []
            return updates

    def _enqueue(self, body: JsonDict) -> None:
        self._updates.append({"update_id": self._next_update_id, **body})
        self._next_update_id += 1
        self._touch()

    def _next_seq(self, chat_id: int) -> int:
        self._chat_seq[chat_id] = self._chat_seq.get(chat_id, 0) + 1
        return self._chat_seq[chat_id]

    def _store_file(self, folder: str, name: str, data: bytes) -> _StoredFile:
        number = next(self._ids)
        suffix = re.sub(r"[^A-Za-z0-9.]", "", name[name.rfind(".") :]) if "." in name else ""
        stored = _StoredFile(
            file_id=f"BQACAgQAAxkBAAI{number:06d}{folder}",
            unique_id=f"AgAD{number:06d}",
            path=f"{folder}/file_{number}{suffix}",
            name=name,
            data=data,
        )
        self._files[stored.file_id] = stored
        return stored

    # ------------------------------------------------------------------ observing

    @property
    def calls(self) -> list[ApiCall]:
        """Every request so far, in the order answered."""
        with self._cond:
            return list(self._calls)

    @property
    def rejected(self) -> list[ApiCall]:
        """Calls answered ok=false because the request was wrong (not injected faults)."""
        return [call for call in self.calls if not call.ok and not call.injected]

    def mark(self, chat_id: int) -> int:
        """The chat's current sequence point: wait_for_message(after=mark) sees only later changes."""
        with self._cond:
            return self._chat_seq.get(chat_id, 0)

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        """Snapshots of the bot's messages in chat, by message id, edits applied."""
        with self._cond:
            return [
                dataclasses.replace(message)
                for (chat, _), message in sorted(self._messages.items())
                if chat == chat_id
            ]

    def wait_for_message(
        self, chat_id: int, *, after: int = 0, contains: str | None = None, timeout: float = 10.0
    ) -> SentMessage:
        """The first bot message in chat sent or edited after sequence point ``after``
        whose visible (or source) text contains ``contains``.
        """

        def find() -> SentMessage | None:
            matches = [
                message
                for message in self.messages_to(chat_id)
                if message.seq > after
                and (contains is None or contains in message.visible_text or contains in message.text)
            ]
            return min(matches, key=lambda message: message.seq, default=None)

        found = self._wait(find, timeout)
        if found is None:
            raise TimeoutError(self._explain_missing_message(chat_id, after, contains, timeout))
        return found

    def _explain_missing_message(self, chat_id: int, after: int, contains: str | None, timeout: float) -> str:
        wanted = f" containing {contains!r}" if contains is not None else ""
        sent = [f"  {message.describe()}" for message in self.messages_to(chat_id)] or ["  (none)"]
        rejected = [f"  {call.describe()}" for call in self.rejected]
        lines = [
            f"no bot message in chat {chat_id} after seq {after}{wanted} within {timeout}s.",
            "Bot messages in that chat:",
            *sent,
        ]
        if rejected:
            lines += ["Rejected calls:", *rejected]
        return "\n".join(lines)

    def wait_for_call(
        self,
        method: str,
        predicate: Callable[[ApiCall], bool] | None = None,
        timeout: float = 10.0,
        *,
        after: int = 0,
    ) -> ApiCall:
        """The first call to method (case-insensitive) with seq > after matching predicate."""

        def find() -> ApiCall | None:
            return next(
                (
                    call
                    for call in self.calls
                    if call.seq > after
                    and call.method.lower() == method.lower()
                    and (predicate is None or predicate(call))
                ),
                None,
            )

        found = self._wait(find, timeout)
        if found is None:
            recent = "\n".join(f"  {call.describe()}" for call in self.calls[-15:]) or "  (none)"
            raise TimeoutError(f"no matching {method} call within {timeout}s. Recent calls:\n{recent}")
        return found

    def wait_idle(self, quiet: float = 0.5, timeout: float = 10.0) -> None:
        """Wait until the bot confirmed every update and made no request but getUpdates for ``quiet`` s."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                now = time.monotonic()
                busy = bool(self._in_flight or self._updates)
                quiet_for = now - self._last_activity
                if not busy and quiet_for >= quiet:
                    return
                if now >= deadline:
                    raise TimeoutError(
                        f"bot not idle after {timeout}s: {len(self._updates)} unconfirmed updates, "
                        f"{self._in_flight} requests in flight, quiet for {quiet_for:.2f}s"
                    )
                self._cond.wait(min(deadline - now, quiet if busy else quiet - quiet_for))

    def _wait(self, find: Callable[[], T | None], timeout: float) -> T | None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while (found := find()) is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                self._cond.wait(remaining)
            return found

    def get_commands(self, language_code: str = "", scope: JsonDict | None = None) -> list[JsonDict]:
        """Commands the bot set for this language and scope (default scope if None)."""
        with self._cond:
            return list(self._commands.get(_commands_key(scope, language_code), []))

    def get_menu_button(self, chat_id: int | None = None) -> JsonDict | None:
        """The menu button set for chat_id (None: the default for all private chats)."""
        with self._cond:
            return self._menu_buttons.get(chat_id)

    def callback_answer(self, query_id: str) -> JsonDict | None:
        """What the bot answered to a callback query (None while unanswered)."""
        with self._cond:
            return self._callback_answers.get(query_id)

    def late_callback_answers(self) -> list[str]:
        """Ids of presses whose answer came after ``callback_answer_timeout`` and was refused."""
        with self._cond:
            return list(self._late_callback_answers)

    def unanswered_callback_queries(self) -> list[str]:
        """Ids of presses the bot never answered (Telegram clients then show a spinner)."""
        with self._cond:
            return [query_id for query_id, answer in self._callback_answers.items() if answer is None]

    # ------------------------------------------------------------------ fault injection

    def fail_next(
        self,
        method: str,
        *,
        status: int,
        times: int = 1,
        retry_after: int | None = None,
        description: str | None = None,
    ) -> None:
        """Answer the next ``times`` calls to method with this error instead of serving them."""
        if status == HTTPStatus.TOO_MANY_REQUESTS and retry_after is None:
            retry_after = 1
        if description is None:
            description = (
                f"Too Many Requests: retry after {retry_after}"
                if status == HTTPStatus.TOO_MANY_REQUESTS
                else HTTPStatus(status).phrase
            )
        with self._cond:
            queue = self._failures.setdefault(method.lower(), deque())
            queue.extend(ApiError(status, description, retry_after=retry_after, injected=True) for _ in range(times))

    def drop_next(self, method: str, *, times: int = 1) -> None:
        """Close the connection of the next ``times`` calls to method without answering: a network error for the bot."""
        with self._cond:
            self._drops[method.lower()] = self._drops.get(method.lower(), 0) + times

    def block_user(self, chat_id: int) -> None:
        """Make sends to chat_id fail like Telegram's answer when the user blocked the bot."""
        with self._cond:
            self._blocked.add(chat_id)

    def unblock_user(self, chat_id: int) -> None:
        """Let sends to chat_id succeed again."""
        with self._cond:
            self._blocked.discard(chat_id)

    def _check_injected(self, method: str) -> None:
        """Raise the fault due for this call: a queued fail_next, else the rate limit."""
        queue = self._failures.get(method.lower())
        if queue:
            raise queue.popleft()
        if _is_rate_limited(method) and self.rate_limit_per_second is not None:
            now = time.monotonic()
            while self._send_times and now - self._send_times[0] >= 1.0:
                self._send_times.popleft()
            if len(self._send_times) + 1 > self.rate_limit_per_second:
                raise ApiError(
                    HTTPStatus.TOO_MANY_REQUESTS, "Too Many Requests: retry after 1", retry_after=1, injected=True
                )

    # ------------------------------------------------------------------ HTTP plumbing

    def _handle(self, handler: _Handler) -> None:
        path = unquote(urlsplit(handler.path).path)
        file_route = FILE_ROUTE.match(path)
        if file_route:
            self._serve_file(handler, file_route["token"], file_route["path"])
            return
        route = ROUTE.match(path)
        method = route["method"] if route else path
        polling = method.lower() == "getupdates"
        self._track_request(polling, +1)
        params: JsonDict = {}
        files: dict[str, tuple[str, bytes]] = {}
        status: int
        with self._cond:
            drop = self._drops.get(method.lower(), 0) > 0
            if drop:
                self._drops[method.lower()] -= 1
                self.dropped.append(method)
        if drop:
            with contextlib.suppress(_IncompleteRequest):
                handler.read_body()
            handler.close_connection = True  # no answer at all: the client sees the connection end
            self._track_request(polling, -1)
            return
        try:
            body = handler.read_body()
        except _IncompleteRequest:
            handler.close_connection = True
            self._track_request(polling, -1)
            return
        try:
            raw, files = parse_body(handler.headers.get("Content-Type", ""), body)
            params = decode_params({**dict(parse_qsl(urlsplit(handler.path).query)), **raw})
            if route is None:
                raise ApiError(HTTPStatus.NOT_FOUND, "Not Found")
            status, payload, injected = HTTPStatus.OK, self._invoke(route["token"], method, params, files), False
        except ApiError as error:
            status, payload, injected = error.status, error.payload(), error.injected
        except Exception as exc:  # a bug in the fake must fail the test loudly, not hang the bot
            traceback.print_exc()
            status, payload, injected = 500, ApiError(500, f"fake_bot_api crashed: {exc!r}").payload(), False
        body = self._record(method, params, files, status, payload, injected)
        self._track_request(polling, -1)
        handler.reply(status, body)

    def _invoke(self, token: str, method: str, params: JsonDict, files: dict[str, tuple[str, bytes]]) -> JsonDict:
        if token != self.token:
            raise ApiError(HTTPStatus.UNAUTHORIZED, "Unauthorized")
        serve = self._methods.get(method.lower())
        if serve is None:
            raise ApiError(HTTPStatus.NOT_FOUND, "Not Found")
        with self._cond:
            self._check_injected(method)
            result = serve(_Params(params, files))
            if _is_rate_limited(method):
                self._send_times.append(time.monotonic())
            return {"ok": True, "result": result}

    def _record(
        self,
        method: str,
        params: JsonDict,
        files: dict[str, tuple[str, bytes]],
        status: int,
        payload: JsonDict,
        injected: bool,
    ) -> bytes:
        """Store the call (logging rejections to stderr) and return the encoded answer."""
        with self._cond:
            call = ApiCall(len(self._calls) + 1, method, params, int(status), payload, files, injected)
            self._calls.append(call)
            body = json.dumps(payload).encode("utf-8")
            self._cond.notify_all()
        if not call.ok and not injected:
            print(f"fake_bot_api: REJECTED {call.describe()}", file=sys.stderr, flush=True)
        return body

    def _track_request(self, polling: bool, delta: int) -> None:
        """Count requests in flight for wait_idle; long polls are not activity."""
        if polling:
            return
        with self._cond:
            self._in_flight += delta
            self._touch()

    def _touch(self) -> None:
        self._last_activity = time.monotonic()
        self._cond.notify_all()

    def _serve_file(self, handler: _Handler, token: str, path: str) -> None:
        with self._cond:
            self._touch()
            stored = next((f for f in self._files.values() if f.path == path), None)
        if token != self.token or stored is None:
            handler.reply(HTTPStatus.NOT_FOUND, json.dumps(ApiError(HTTPStatus.NOT_FOUND, "Not Found").payload()).encode())
            return
        handler.reply(HTTPStatus.OK, stored.data, "application/octet-stream")

    # ------------------------------------------------------------------ shared checks

    def _bot_api_user(self) -> JsonDict:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Matchbot Test", "username": self.bot_username}

    def _chat(self, params: _Params, *, sending: bool = False) -> FakeUser:
        """The private chat a call targets; it must exist, and sends fail if blocked."""
        chat_id = params.integer("chat_id", missing="chat_id is empty", invalid="chat not found")
        user = self._users.get(chat_id)
        if user is None:
            raise bad_request("chat not found")
        if sending and chat_id in self._blocked:
            raise ApiError(HTTPStatus.FORBIDDEN, "Forbidden: bot was blocked by the user", injected=True)
        return user

    def _format(self, source: str, parse_mode: str | None, *, limit: int, too_long: str) -> FormattedText:
        formatted = parse_formatted(source, parse_mode, strict_ampersand=self.strict_html_ampersand)
        if utf16_length(formatted.text.strip()) > limit:
            raise bad_request(too_long)
        return formatted

    def _message_text(self, params: _Params) -> FormattedText:
        source = params.string("text")
        if not source:
            raise bad_request("message text is empty")
        formatted = self._format(
            source, params.string("parse_mode"), limit=MAX_MESSAGE_LENGTH, too_long="message is too long"
        )
        if not formatted.text.strip():
            raise bad_request("message text is empty")
        return formatted

    def _check_reply_target(self, chat_id: int, params: _Params) -> None:
        """Replying to a message that is not in the chat fails unless explicitly allowed."""
        reply = params.json("reply_parameters")
        if not isinstance(reply, dict) or reply.get("allow_sending_without_reply"):
            return
        if (chat_id, reply.get("message_id")) not in self._messages.keys() | self._user_messages:
            raise bad_request("message to be replied not found")

    def _new_message(
        self, user: FakeUser, params: _Params, formatted: FormattedText, source: str, markup: JsonDict | None
    ) -> SentMessage:
        message_id = self._next_seq(user.id)
        message = SentMessage(
            chat_id=user.id,
            message_id=message_id,
            text=source,
            parse_mode=params.string("parse_mode"),
            reply_markup=markup,
            visible_text=formatted.text.strip(),
            seq=message_id,
            date=int(time.time()),
            formatted=formatted,
        )
        self._messages[(user.id, message_id)] = message
        self._touch()
        return message

    def _message_api(self, message: SentMessage) -> JsonDict:
        """The Message object Telegram returns for a bot message in its current state."""
        result: JsonDict = {
            "message_id": message.message_id,
            "from": self._bot_api_user(),
            "chat": self._users[message.chat_id].chat_api(),
            "date": message.date,
        }
        if message.document_id is not None:
            result["document"] = self._files[message.document_id].document_api()
            if message.visible_text:
                result["caption"] = message.visible_text
        elif message.photo_size is not None:
            file_id, width, height = message.photo_size
            result["photo"] = [{**self._files[file_id].to_api(), "width": width, "height": height}]
            if message.visible_text:
                result["caption"] = message.visible_text
        else:
            result["text"] = message.visible_text
        if message.edits:
            result["edit_date"] = int(time.time())
        if _inline(message):
            result["reply_markup"] = message.reply_markup
        return result

    def _editable(self, params: _Params) -> SentMessage:
        """The bot message an edit targets; Telegram tells unknown from not-editable."""
        if params.string("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        user = self._chat(params)
        message_id = params.integer("message_id", missing="message identifier is not specified")
        message = self._messages.get((user.id, message_id))
        if message is None:
            if (user.id, message_id) in self._user_messages:
                raise bad_request("message can't be edited")
            raise bad_request("message to edit not found")
        return message

    def _apply_edit(self, message: SentMessage, **changes: Any) -> JsonDict:
        for name, value in changes.items():
            setattr(message, name, value)
        message.edits += 1
        message.seq = self._next_seq(message.chat_id)
        self._touch()
        return self._message_api(message)

    # ------------------------------------------------------------------ Bot API methods

    def _get_me(self, params: _Params) -> JsonDict:
        return {
            **self._bot_api_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _get_updates(self, params: _Params) -> list[JsonDict]:
        if self._webhook_url:
            raise ApiError(
                HTTPStatus.CONFLICT,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = params.optional_integer("offset", 0)
        limit = min(max(params.optional_integer("limit", 100), 1), 100)
        deadline = time.monotonic() + max(params.number("timeout", 0), 0)
        self._confirm_updates(offset)
        while not self._updates and not self._stopping:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self._cond.wait(remaining)
        return self._updates[:limit]

    def _confirm_updates(self, offset: int) -> None:
        """Drop what the bot confirmed: ids below a positive offset, or all but the last -offset."""
        before = len(self._updates)
        if offset > 0:
            self._updates = [update for update in self._updates if update["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        if len(self._updates) != before:
            self._touch()  # the bot now handles them: that is activity for wait_idle

    def _delete_webhook(self, params: _Params) -> bool:
        self._webhook_url = ""
        if params.flag("drop_pending_updates"):
            self._updates.clear()
        return True

    def _set_webhook(self, params: _Params) -> bool:
        url = params.string("url") or ""
        if url and not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self._webhook_url = url
        if params.flag("drop_pending_updates"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: _Params) -> JsonDict:
        return {"url": self._webhook_url, "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    def _set_my_commands(self, params: _Params) -> bool:
        commands = params.json("commands")
        if not isinstance(commands, list) or not all(isinstance(command, dict) for command in commands):
            raise bad_request('field "commands" must be an Array of BotCommand')
        if len(commands) > MAX_COMMANDS:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = _commands_key(params.json("scope"), params.string("language_code") or "")
        self._commands[key] = [{"command": c["command"], "description": c["description"]} for c in commands]
        return True

    def _get_my_commands(self, params: _Params) -> list[JsonDict]:
        return self._commands.get(_commands_key(params.json("scope"), params.string("language_code") or ""), [])

    def _delete_my_commands(self, params: _Params) -> bool:
        self._commands.pop(_commands_key(params.json("scope"), params.string("language_code") or ""), None)
        return True

    def _set_chat_menu_button(self, params: _Params) -> bool:
        chat_id = self._chat(params).id if params.string("chat_id") else None
        button = params.json("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in ("default", "commands", "web_app"):
            raise bad_request("can't parse menu button JSON object")
        self._menu_buttons[chat_id] = button
        return True

    def _get_chat_menu_button(self, params: _Params) -> JsonDict:
        chat_id = self._chat(params).id if params.string("chat_id") else None
        return self._menu_buttons.get(chat_id) or self._menu_buttons.get(None) or {"type": "commands"}

    def _send_message(self, params: _Params) -> JsonDict:
        user = self._chat(params, sending=True)
        formatted = self._message_text(params)
        markup = validate_reply_markup(params.json("reply_markup"))
        self._check_reply_target(user.id, params)
        return self._message_api(self._new_message(user, params, formatted, cast(str, params.string("text")), markup))

    def _edit_message_text(self, params: _Params) -> JsonDict:
        message = self._editable(params)
        if message.document is not None or message.photo is not None:
            raise bad_request("there is no text in the message to edit")
        formatted = self._message_text(params)
        markup = validate_reply_markup(params.json("reply_markup"))  # absent: the keyboard goes
        if formatted == message.formatted and markup == message.reply_markup:
            raise bad_request(NOT_MODIFIED)
        return self._apply_edit(
            message,
            text=params.string("text"),
            parse_mode=params.string("parse_mode"),
            visible_text=formatted.text.strip(),
            formatted=formatted,
            reply_markup=markup,
        )

    def _edit_message_reply_markup(self, params: _Params) -> JsonDict:
        message = self._editable(params)
        markup = validate_reply_markup(params.json("reply_markup"))
        if markup == message.reply_markup:
            raise bad_request(NOT_MODIFIED)
        return self._apply_edit(message, reply_markup=markup)

    def _delete_message(self, params: _Params) -> bool:
        user = self._chat(params)
        message_id = params.integer("message_id", missing="message identifier is not specified")
        key = (user.id, message_id)
        if key in self._messages:
            del self._messages[key]
        elif key in self._user_messages:
            self._user_messages.discard(key)
        else:
            raise bad_request("message to delete not found")
        self._touch()
        return True

    def _answer_callback_query(self, params: _Params) -> bool:
        query_id = params.string("callback_query_id") or ""
        if query_id not in self._callback_answers or self._callback_answers[query_id] is not None:
            raise bad_request(CALLBACK_QUERY_INVALID)
        timeout = self.callback_answer_timeout
        if timeout is not None and time.monotonic() - self._callback_pressed_at[query_id] >= timeout:
            self._late_callback_answers.append(query_id)
            raise bad_request(CALLBACK_QUERY_INVALID)
        text = params.string("text") or ""
        if len(text) > MAX_CALLBACK_ANSWER_LENGTH:
            raise bad_request("MESSAGE_TOO_LONG")
        self._callback_answers[query_id] = {
            "text": text,
            "show_alert": params.flag("show_alert"),
            "url": params.string("url"),
        }
        return True

    def _captioned(self, params: _Params) -> tuple[FakeUser, str, FormattedText, JsonDict | None]:
        """The chat, caption source, formatted caption and keyboard of a file being sent, checked as Telegram does."""
        user = self._chat(params, sending=True)
        source = params.string("caption") or ""
        formatted = self._format(
            source, params.string("parse_mode"), limit=MAX_CAPTION_LENGTH, too_long="message caption is too long"
        )
        markup = validate_reply_markup(params.json("reply_markup"))
        self._check_reply_target(user.id, params)
        return user, source, formatted, markup

    def _send_document(self, params: _Params) -> JsonDict:
        user, source, formatted, markup = self._captioned(params)
        stored = self._document(params)
        message = self._new_message(user, params, formatted, source, markup)
        message.document = (stored.name, stored.data)
        message.document_id = stored.file_id
        return self._message_api(message)

    def _send_photo(self, params: _Params) -> JsonDict:
        """A new photo upload, checked as Telegram checks one: a PNG or JPEG within the size and shape limits."""
        user, source, formatted, markup = self._captioned(params)
        value = params.string("photo") or ""
        upload = params.files.get(value.removeprefix("attach://") if value.startswith("attach://") else "photo")
        if upload is None:
            raise bad_request("there is no photo in the request")
        name, data = upload
        if not data:
            raise bad_request("file must be non-empty")
        if len(data) > MAX_PHOTO_BYTES:
            raise bad_request("file is too big")
        width, height = photo_dimensions(data)
        if width + height > MAX_PHOTO_SIDES or max(width, height) > MAX_PHOTO_RATIO * min(width, height):
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        stored = self._store_file("photos", name, data)
        message = self._new_message(user, params, formatted, source, markup)
        message.photo = data
        message.photo_size = (stored.file_id, width, height)
        return self._message_api(message)

    def _document(self, params: _Params) -> _StoredFile:
        """The document to send: an upload (direct or attach://) or a known file_id."""
        value = params.string("document")
        upload = params.files.get("document")
        if value and value.startswith("attach://"):
            upload = params.files.get(value.removeprefix("attach://"))
        if upload is not None:
            if not upload[1]:
                raise bad_request("file must be non-empty")
            return self._store_file("documents", *upload)
        if not value:
            raise bad_request("there is no document in the request")
        if value in self._files:
            return self._files[value]
        raise bad_request("wrong file identifier/HTTP URL specified")

    def _get_file(self, params: _Params) -> JsonDict:
        stored = self._files.get(params.string("file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        return {**stored.to_api(), "file_path": stored.path}

    def _send_chat_action(self, params: _Params) -> bool:
        self._chat(params, sending=True)
        if params.string("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    def _get_chat(self, params: _Params) -> JsonDict:
        chat = self._chat(params).chat_api()
        gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription", "gifts_from_channels")
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": dict.fromkeys(gifts, True),
        }


def _inline(message: SentMessage) -> JsonDict | None:
    """The message's markup if it is an inline keyboard (the only kind Telegram echoes)."""
    markup = message.reply_markup
    return markup if markup is not None and "inline_keyboard" in markup else None


def _callback_buttons(message: SentMessage) -> list[tuple[str, str]]:
    """(text, callback_data) of the inline buttons a user can press to reach the bot."""
    inline = _inline(message) or {"inline_keyboard": []}
    return [
        (button["text"], button["callback_data"])
        for button in itertools.chain.from_iterable(inline["inline_keyboard"])
        if button.get("callback_data") is not None
    ]


def _is_rate_limited(method: str) -> bool:
    """send* methods count against rate_limit_per_second (chat actions do not)."""
    lowered = method.lower()
    return lowered.startswith("send") and lowered != "sendchataction"


def _commands_key(scope: Any, language_code: str) -> tuple[str, str]:
    return json.dumps(scope or {"type": "default"}, sort_keys=True), language_code


COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])")


def _text_content(text: str) -> JsonDict:
    """A user's text message; a leading command gets its bot_command entity like Telegram."""
    content: JsonDict = {"text": text}
    command = COMMAND.match(text)
    if command:
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_length(command.group())}]
    return content
