"""Kept for the admin module until its port lands: the callback data of admins' buttons.

Everyone's buttons are typed classes now (:mod:`bot.telegram.buttons`, each in its feature under
:mod:`bot.telegram.features`). The integrator deletes this module when the admin features are merged.

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
_FILTER = r"(?P<arg>open|all|new|contacted|meeting|declined|closed)"
_SETTABLE = r"(?P<code>contacted|meeting|declined|closed)"
_PATTERNS: dict[str, re.Pattern[str]] = {
    "imp": re.compile(r"imp:(?P<code>a|c):(?P<item>\d{1,12})"),
    "ll": re.compile(rf"ll:{_FILTER}:(?P<page>\d{{1,4}})"),
    "lc": re.compile(rf"lc:(?P<item>\d{{1,12}}):{_FILTER}:(?P<page>\d{{1,4}})"),
    "ls": re.compile(rf"ls:(?P<item>\d{{1,12}}):{_SETTABLE}:{_FILTER}:(?P<page>\d{{1,4}})"),
}
ADMIN_KINDS = tuple(_PATTERNS)
"""Every kind of admin button; a test forges each against another user's data."""
ADMIN_PATTERN = "^(?:" + "|".join(ADMIN_KINDS) + "):"
"""Data of admins' buttons: a separate handler, which checks the presser, takes them."""


@dataclass(frozen=True, slots=True)
class Action:
    """A parsed admin button press (``code``: the import operation or the lead status to set)."""

    kind: str
    code: str = ""
    page: int = 0
    item: int | None = None  # an import or lead id
    arg: str = ""  # the leads filter


def parse(data: str | None) -> Action | None:
    """The action a button encodes, or ``None`` when the data is not one of ours."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    kind = data.split(":", 1)[0]
    pattern = _PATTERNS.get(kind)
    found = pattern.fullmatch(data) if pattern else None
    if found is None:
        return None
    groups = found.groupdict()
    item = groups.get("item")
    return Action(
        kind=kind,
        code=groups.get("code") or "",
        page=int(groups.get("page") or 0),
        item=int(item) if item else None,
        arg=groups.get("arg") or "",
    )


def _checked(data: str) -> str:
    if len(data.encode()) > MAX_BYTES or parse(data) is None:
        raise ValueError(f"callback data {data!r} is not valid")
    return data


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
