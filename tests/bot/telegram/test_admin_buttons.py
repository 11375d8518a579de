"""The admins' buttons keep the wire format of the buttons already in admins' chats, and nothing else unpacks."""

from __future__ import annotations

from typing import get_args

import pytest

from bot.services.leads import FILTERS, SETTABLE
from bot.telegram.buttons import MAX_BYTES, ButtonData
from bot.telegram.features.admin.demand import AliasMenu, AliasTo, DemandCard, Dismiss, DraftListing, KeepSuggestion, UndoDismiss
from bot.telegram.features.admin.handlers import BUTTONS, STALE_PATTERN
from bot.telegram.features.admin.imports import ApplyImport, CancelImport
from bot.telegram.features.admin.leads import LeadCard, LeadFilter, LeadList, SetLeadStatus, SettableStatus
from bot.telegram.features.admin.scorecard import ScorecardOf


@pytest.mark.parametrize(
    ("pressed", "data"),
    [
        (ApplyImport(9), "imp:a:9"),
        (CancelImport(9), "imp:c:9"),
        (LeadList("contacted", 2), "ll:contacted:2"),
        (LeadList("open"), "ll:open:0"),
        (LeadCard(4, "all", 1), "lc:4:all:1"),
        (LeadCard(1), "lc:1:open:0"),
        (SetLeadStatus(4, "meeting", "open", 0), "ls:4:meeting:open:0"),
        (SetLeadStatus(4, "closed"), "ls:4:closed:open:0"),
        # Unmet demand (issue 13): a /demand group is named by its newest search and the report's days.
        (DemandCard(123, 30), "dm:g:123:30"),
        (AliasMenu(123, 30), "dm:a:123:30"),
        (AliasTo(123, 30, "AUT-002"), "dm:t:123:30:AUT-002"),
        (DraftListing(123, 365), "dm:n:123:365"),
        (KeepSuggestion(4), "dm:k:4"),
        (Dismiss(123, 7), "dm:x:123:7"),
        (UndoDismiss(123, 7), "dm:u:123:7"),
        (ScorecardOf("DESK-AUT"), "scd:DESK-AUT"),
    ],
)
def test_packs_to_the_old_wire_format_and_back(pressed: ButtonData, data: str) -> None:
    assert pressed.pack() == data
    assert type(pressed).unpack(data) == pressed
    assert [kind for kind in BUTTONS if kind.unpack(data) is not None] == [type(pressed)]


@pytest.mark.parametrize(
    "data",
    ["imp:x:1", "imp:a:", "imp:a:1234567890123", "ll:someday:0", "ll:open:12345", "lc:1:open", "ls:1:new:open:0",
     "ls:1:closed:open:-1", "lc:1:open:0:0", "imp:a:1\n", "dm:g:1", "dm:g:1:1000", "dm:t:1:30:aut-002", "dm:k:100",
     "dm:x:abc:30", "dm:z:1:30", "scd:desk-aut", "scd:", "scd:DESK-AUT:1"],
)
def test_anything_else_unpacks_to_none_and_is_taken_as_stale(data: str) -> None:
    assert all(kind.unpack(data) is None for kind in BUTTONS)
    assert STALE_PATTERN.match(data)


def test_the_longest_values_fit_in_64_bytes() -> None:
    assert len(SetLeadStatus(10**12 - 1, "contacted", "contacted", 9999).pack().encode()) <= MAX_BYTES
    assert len(AliasTo(10**12 - 1, 999, "A" * 32).pack().encode()) <= MAX_BYTES


def test_users_buttons_are_not_taken_as_stale_admin_buttons() -> None:
    for data in ("p:IMP-1", "i:LS-1", "sectors", "lang:fa", "d:LC-1:0", "s:1:0"):
        assert not STALE_PATTERN.match(data)


def test_the_types_say_what_the_leads_service_takes() -> None:
    assert set(get_args(LeadFilter)) == set(FILTERS)
    assert set(get_args(SettableStatus)) == {status.value for status in SETTABLE}
