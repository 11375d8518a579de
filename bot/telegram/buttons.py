"""Typed data of inline buttons: one frozen class per action, packed into Telegram's 64-byte callback data.

A button class names its prefix and its fields; this module derives the wire format from them, so the
format is written once::

    @dataclass(frozen=True, slots=True)
    class DeskPage(ButtonData):
        prefix: ClassVar[str] = "d"
        code: ListingCode
        page: Page = 0

    DeskPage("DESK-AUT", 2).pack()      # "d:DESK-AUT:2"
    DeskPage.unpack("d:DESK-AUT:2")     # DeskPage(code="DESK-AUT", page=2)
    DeskPage.unpack("d:<forged>")       # None

Fields are packed in order, separated by ``:``; a class without fields packs to its bare prefix
(``"sectors"``). A field whose default is ``None`` opens an optional tail: when it is ``None``, it and
every field after it are left out (``p:CODE`` or ``p:CODE:<search>:<page>``). Each field's type says
what it may hold, and unpacking accepts exactly that and nothing else:

- ``int``: decimal digits, at most :data:`MAX_DIGITS` (``Annotated[int, Digits(n)]`` for fewer);
- ``Annotated[int, HEX]``: a lower-case hexadecimal bit set;
- ``Literal["a", "b"]`` or a ``StrEnum``: one of those values;
- ``Annotated[str, Match(regex)]``: a string the regex matches whole.

Buttons hold no state on the server (no ``arbitrary_callback_data``): any replica, and the bot after a
restart, answers any button it ever sent. Data that no class unpacks (forged, stale, foreign) is answered
by the features' fallback with a polite "expired".
"""

from __future__ import annotations

import dataclasses
import enum
import re
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, Self

from telegram import InlineKeyboardButton
from telegram.constants import InlineKeyboardButtonLimit

from .ui import cut

MAX_BYTES: int = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
MAX_DIGITS = 12
SEPARATOR = ":"


@dataclass(frozen=True, slots=True)
class Match:
    """A string field's allowed values, as a regular expression matched whole."""

    regex: str


@dataclass(frozen=True, slots=True)
class Digits:
    """An int field written with at most ``count`` decimal digits."""

    count: int


HEX = Match("[0-9a-f]{1,8}")
"""An int field written in lower-case hexadecimal (a bit set)."""

ListingCode = Annotated[str, Match(r"[A-Z0-9][A-Z0-9_-]{0,31}")]
"""A listing's or a desk's code."""
SectorKey = Annotated[str, Match(r"[a-z_]{1,32}")]
Page = Annotated[int, Digits(4)]
RecordId = Annotated[int, Digits(MAX_DIGITS)]
"""A database id (search, alert, lead, import)."""


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    regex: str
    decode: typing.Callable[[str], object]
    encode: typing.Callable[[Any], str]
    opens_tail: bool


class ButtonData:
    """Base of every button's data: subclass it as a frozen dataclass with a ``prefix`` class variable."""

    prefix: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # ``dataclass(slots=True)`` builds the class anew: the same name may come twice, another may not.
        taken = _CLASSES.setdefault(cls.prefix, cls)
        if taken.__qualname__ != cls.__qualname__ or taken.__module__ != cls.__module__:
            raise TypeError(f"button prefix {cls.prefix!r} is taken by {taken.__qualname__}")
        _CLASSES[cls.prefix] = cls

    @classmethod
    def pattern(cls) -> re.Pattern[str]:
        """What ``CallbackQueryHandler(pattern=...)`` matches: exactly this class's data."""
        return _format(cls).pattern

    def pack(self) -> str:
        """The callback data; raises ``ValueError`` for values the format cannot carry (a bug, not input)."""
        parts = [self.prefix]
        for item in _format(type(self)).fields:
            value = getattr(self, item.name)
            if value is None and item.opens_tail:
                break
            parts.append(item.encode(value))
        data = SEPARATOR.join(parts)
        if len(data.encode()) > MAX_BYTES or type(self).unpack(data) != self:
            raise ValueError(f"{self!r} cannot be packed into callback data ({data!r})")
        return data

    @classmethod
    def unpack(cls, data: str | None) -> Self | None:
        """The button ``data`` encodes, or ``None`` when it is not exactly this class's format."""
        if not data or len(data.encode()) > MAX_BYTES:
            return None
        wire = _format(cls)
        found = wire.pattern.match(data)
        if found is None:
            return None
        values = {item.name: item.decode(raw) for item in wire.fields if (raw := found[item.name]) is not None}
        made: Self = typing.cast(Any, cls)(**values)
        return made

    def button(self, text: str) -> InlineKeyboardButton:
        """An inline button showing ``text`` (cut to fit) that sends this data."""
        return InlineKeyboardButton(cut(text, BUTTON_TEXT), callback_data=self.pack())


BUTTON_TEXT = 60
"""Characters of a button's label; longer ones are cut with an ellipsis."""
_CLASSES: dict[str, type[ButtonData]] = {}


def classes() -> dict[str, type[ButtonData]]:
    """Every button class of the bot by prefix (for tests that forge each kind)."""
    return dict(_CLASSES)


def parse(data: str | None) -> ButtonData | None:
    """Whatever button ``data`` encodes, or ``None`` (forged, stale, foreign)."""
    for cls in _CLASSES.values():
        if (found := cls.unpack(data)) is not None:
            return found
    return None


@dataclass(frozen=True, slots=True)
class _Format:
    fields: tuple[_Field, ...]
    pattern: re.Pattern[str]


_FORMATS: dict[type[ButtonData], _Format] = {}


def _format(cls: type[ButtonData]) -> _Format:
    """The wire format of ``cls``, derived from its dataclass fields once."""
    if (known := _FORMATS.get(cls)) is not None:
        return known
    hints = typing.get_type_hints(cls, include_extras=True)
    fields = tuple(_field(spec.name, hints[spec.name], spec.default is None) for spec in dataclasses.fields(cls))  # type: ignore[arg-type]
    regex, tail = re.escape(cls.prefix), ""
    for item in fields:
        group = f"{SEPARATOR}(?P<{item.name}>{item.regex})"
        if item.opens_tail or tail:
            tail += group
        else:
            regex += group
    pattern = re.compile(f"^{regex}(?:{tail})?\\Z" if tail else f"^{regex}\\Z")
    _FORMATS[cls] = made = _Format(fields, pattern)
    return made


def _field(name: str, hint: object, opens_tail: bool) -> _Field:
    """The regex and codec of one field, from its type annotation."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):  # ``X | None``: the optional tail
        (hint,) = [arg for arg in args if arg is not type(None)]
        origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Annotated:
        base, *marks = args
        mark = marks[0]
        if base is int and isinstance(mark, Digits):
            return _Field(name, rf"[0-9]{{1,{mark.count}}}", int, str, opens_tail)
        if base is int and mark == HEX:
            return _Field(name, HEX.regex, lambda raw: int(raw, 16), lambda value: format(value, "x"), opens_tail)
        if base is str and isinstance(mark, Match):
            return _Field(name, mark.regex, str, str, opens_tail)
    if hint is int:
        return _Field(name, rf"[0-9]{{1,{MAX_DIGITS}}}", int, str, opens_tail)
    if origin is Literal:
        return _Field(name, "|".join(re.escape(str(arg)) for arg in args), str, str, opens_tail)
    if isinstance(hint, type) and issubclass(hint, enum.StrEnum):
        return _Field(name, "|".join(re.escape(member.value) for member in hint), hint, str, opens_tail)
    raise TypeError(f"button field {name!r} has a type the codec cannot carry: {hint!r}")
