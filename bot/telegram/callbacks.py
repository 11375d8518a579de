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

Admins' buttons (their handler checks the presser is an admin):

    imp:<a|c>:<import id>                          apply or cancel an uploaded import
    ll:<filter>:<page>                             a page of leads (filter: open, all or a status)
    lc:<lead id>:<filter>:<page>                   a lead's card (remembering the page to go back to)
    ls:<lead id>:<status>:<filter>:<page>          set a lead's status
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64
_CODE = r"[A-Z0-9][A-Z0-9_-]{0,31}"
_FILTER = r"(?P<arg>open|all|new|contacted|meeting|declined|closed)"
_SETTABLE = r"(?P<code>contacted|meeting|declined|closed)"
_PATTERNS: dict[str, re.Pattern[str]] = {
    "s": re.compile(r"s:(?P<search>\d{1,12}):(?P<page>\d{1,4})"),
    "p": re.compile(rf"p:(?P<code>{_CODE})(?::(?P<search>\d{{1,12}}):(?P<page>\d{{1,4}}))?"),
    "i": re.compile(rf"i:(?P<code>{_CODE})"),
    "d": re.compile(rf"d:(?P<code>{_CODE}):(?P<page>\d{{1,4}})"),
    "c": re.compile(r"c:(?P<code>[a-z_]{1,32}):(?P<page>\d{1,4})"),
    "lang": re.compile(r"lang:(?P<code>fa|en)"),
    "menu": re.compile(r"(?P<code>sectors|desks|help|skip|subs|subedit|pause|resume|unsub)"),
    "imp": re.compile(r"imp:(?P<code>a|c):(?P<item>\d{1,12})"),
    "ll": re.compile(rf"ll:{_FILTER}:(?P<page>\d{{1,4}})"),
    "lc": re.compile(rf"lc:(?P<item>\d{{1,12}}):{_FILTER}:(?P<page>\d{{1,4}})"),
    "ls": re.compile(rf"ls:(?P<item>\d{{1,12}}):{_SETTABLE}:{_FILTER}:(?P<page>\d{{1,4}})"),
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
ADMIN_KINDS = ("imp", "ll", "lc", "ls")
ADMIN_PATTERN = "^(?:" + "|".join(ADMIN_KINDS) + "):"
"""Data of admins' buttons: a separate handler, which checks the presser, takes them."""


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
    item: int | None = None  # an import or lead id
    arg: str = ""  # the leads filter


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
    search, item = groups.get("search"), groups.get("item")
    return Action(
        kind=kind,
        code=groups.get("code") or "",
        search=int(search) if search else None,
        page=int(groups.get("page") or 0),
        mask=int(groups.get("mask") or "0", 16),
        frequency=groups.get("frequency") or "",
        weekday=int(groups.get("weekday") or 0),
        op=groups.get("op") or "",
        item=int(item) if item else None,
        arg=groups.get("arg") or "",
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


def import_apply(import_id: int) -> str:
    return _checked(f"imp:a:{import_id}")


def import_cancel(import_id: int) -> str:
    return _checked(f"imp:c:{import_id}")


def leads(filter_name: str, page: int = 0) -> str:
    return _checked(f"ll:{filter_name}:{page}")


def lead(lead_id: int, filter_name: str = "open", page: int = 0) -> str:
    return _checked(f"lc:{lead_id}:{filter_name}:{page}")


def lead_status(lead_id: int, status: str, filter_name: str = "open", page: int = 0) -> str:
    return _checked(f"ls:{lead_id}:{status}:{filter_name}:{page}")
