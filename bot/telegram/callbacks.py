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
    as:<search id> | ap:<code>        "Alert me about similar" on results / on a product card
    st:<mask>:<index>                 /subscribe: tick or untick a sector (mask: hex bit set of ticked sectors)
    sd:<mask>                         /subscribe: sectors done, pick a frequency
    sf:<mask>:<i|d|w>                 /subscribe: frequency picked
    sw:<mask>:<weekday>               /subscribe: weekday picked (weekly)
    sh:<mask>:<i|d|w>:<weekday>:<hour>  /subscribe: hour picked; saves everything at once
    ms:<m|u|x>:<sector key>           /mysubs: mute, resume (unmute) or delete a sector
    ma:<m|u|x>:<alert id>             /mysubs: the same for an alert
    subs | subedit | pause | resume | unsub   /mysubs and its buttons

The /subscribe keyboards carry the whole choice so far in their data, so nothing is written until the
last tap, and any replica can take any tap.

Admins' buttons are typed classes in :mod:`bot.telegram.features.admin` (imports and leads).
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
    "menu": re.compile(r"(?P<code>sectors|desks|help|skip|subs|subedit|pause|resume|unsub)"),
    "as": re.compile(r"as:(?P<search>\d{1,12})"),
    "ap": re.compile(rf"ap:(?P<code>{_CODE})"),
    "st": re.compile(r"st:(?P<mask>[0-9a-f]{1,8}):(?P<page>\d{1,2})"),
    "sd": re.compile(r"sd:(?P<mask>[0-9a-f]{1,8})"),
    "sf": re.compile(r"sf:(?P<mask>[0-9a-f]{1,8}):(?P<frequency>[idw])"),
    "sw": re.compile(r"sw:(?P<mask>[0-9a-f]{1,8}):(?P<page>[0-6])"),
    "sh": re.compile(r"sh:(?P<mask>[0-9a-f]{1,8}):(?P<frequency>[idw]):(?P<weekday>[0-6]):(?P<page>\d{1,2})"),
    "ms": re.compile(r"ms:(?P<op>[mux]):(?P<code>[a-z_]{1,32})"),
    "ma": re.compile(r"ma:(?P<op>[mux]):(?P<search>\d{1,12})"),
}
KINDS = tuple(_PATTERNS)
"""Every kind of button; a test forges each against another user's data."""


@dataclass(frozen=True, slots=True)
class Action:
    """A parsed button press.

    For the /subscribe keyboards ``mask`` is the ticked sectors, ``page`` the sector index, weekday
    or hour; for /mysubs ``op`` is the operation and ``search`` the alert id.
    """

    kind: str
    code: str = ""
    search: int | None = None
    page: int = 0
    mask: int = 0
    frequency: str = ""
    weekday: int = 0
    op: str = ""


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
        mask=int(groups.get("mask") or "0", 16),
        frequency=groups.get("frequency") or "",
        weekday=int(groups.get("weekday") or 0),
        op=groups.get("op") or "",
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


def alert_search(search_id: int) -> str:
    return _checked(f"as:{search_id}")


def alert_product(code: str) -> str:
    return _checked(f"ap:{code}")


def sector_tick(mask: int, index: int) -> str:
    return _checked(f"st:{mask:x}:{index}")


def sectors_done(mask: int) -> str:
    return _checked(f"sd:{mask:x}")


def frequency(mask: int, code: str) -> str:
    return _checked(f"sf:{mask:x}:{code}")


def weekday(mask: int, day: int) -> str:
    return _checked(f"sw:{mask:x}:{day}")


def hour(mask: int, frequency_code: str, day: int, value: int) -> str:
    return _checked(f"sh:{mask:x}:{frequency_code}:{day}:{value}")


def my_sector(op: str, key: str) -> str:
    return _checked(f"ms:{op}:{key}")


def my_alert(op: str, alert_id: int) -> str:
    return _checked(f"ma:{op}:{alert_id}")
