"""Callback data of inline buttons: short ASCII strings, parsed strictly.

Telegram allows 1–64 bytes. Every button the bot sends encodes one of the actions below; anything else
(a forged, stale or foreign payload) parses to ``None`` and gets a polite "expired" answer.

    s:<search id>:<page>              a page of search results
    p:<code>[:<search id>:<page>]     a product card (remembering the results page to go back to)
    i:<code>                          "I'm interested"
    d:<desk code>:<page>              a desk card with a page of its listings
    c:<sector key>:<page>             a page of a sector's listings
    sectors | desks | help | skip     menus and the lead-note skip
    lang:<fa|en>                      switch language
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64
_CODE = r"[A-Z0-9][A-Z0-9_-]{0,31}"
_PATTERNS: dict[str, re.Pattern[str]] = {
    "s": re.compile(r"s:(?P<search>\d{1,12}):(?P<page>\d{1,4})"),
    "p": re.compile(rf"p:(?P<code>{_CODE})(?::(?P<search>\d{{1,12}}):(?P<page>\d{{1,4}}))?"),
    "i": re.compile(rf"i:(?P<code>{_CODE})"),
    "d": re.compile(rf"d:(?P<code>{_CODE}):(?P<page>\d{{1,4}})"),
    "c": re.compile(r"c:(?P<code>[a-z_]{1,32}):(?P<page>\d{1,4})"),
    "lang": re.compile(r"lang:(?P<code>fa|en)"),
    "menu": re.compile(r"(?P<code>sectors|desks|help|skip)"),
}


@dataclass(frozen=True, slots=True)
class Action:
    """A parsed button press."""

    kind: str
    code: str = ""
    search: int | None = None
    page: int = 0


def parse(data: str | None) -> Action | None:
    """The action a button encodes, or ``None`` when the data is not one of ours."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    kind = "menu" if ":" not in data else data.split(":", 1)[0]
    pattern = _PATTERNS.get(kind)
    found = pattern.fullmatch(data) if pattern else None
    if found is None:
        return None
    groups = found.groupdict()
    search = groups.get("search")
    return Action(
        kind=kind,
        code=groups.get("code") or "",
        search=int(search) if search else None,
        page=int(groups.get("page") or 0),
    )


def _checked(data: str) -> str:
    if len(data.encode()) > MAX_BYTES or parse(data) is None:
        raise ValueError(f"callback data {data!r} is not valid")
    return data


def results(search_id: int, page: int) -> str:
    return _checked(f"s:{search_id}:{page}")


def product(code: str, search_id: int | None = None, page: int = 0) -> str:
    return _checked(f"p:{code}" + (f":{search_id}:{page}" if search_id is not None else ""))


def interested(code: str) -> str:
    return _checked(f"i:{code}")


def desk(code: str, page: int = 0) -> str:
    return _checked(f"d:{code}:{page}")


def sector(key: str, page: int = 0) -> str:
    return _checked(f"c:{key}:{page}")


def language(code: str) -> str:
    return _checked(f"lang:{code}")


def menu(name: str) -> str:
    return _checked(name)
