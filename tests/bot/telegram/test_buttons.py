"""The button codec: each class's data round-trips, and nothing else unpacks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

import pytest

from bot.store.models import LeadStatus
from bot.telegram.buttons import HEX, MAX_BYTES, ButtonData, Digits, ListingCode, Page, RecordId


@dataclass(frozen=True, slots=True)
class _Card(ButtonData):
    prefix: ClassVar[str] = "test-card"
    code: ListingCode
    search: RecordId | None = None
    page: Page = 0


@dataclass(frozen=True, slots=True)
class _Menu(ButtonData):
    prefix: ClassVar[str] = "test-menu"


@dataclass(frozen=True, slots=True)
class _Pick(ButtonData):
    prefix: ClassVar[str] = "test-pick"
    mask: Annotated[int, HEX]
    op: Literal["m", "u", "x"]
    status: LeadStatus
    hour: Annotated[int, Digits(2)]


@pytest.mark.parametrize(
    ("pressed", "data"),
    [
        (_Card("AUT-001"), "test-card:AUT-001"),
        (_Card("AUT-001", 12, 3), "test-card:AUT-001:12:3"),
        (_Menu(), "test-menu"),
        (_Pick(0x1F, "x", LeadStatus.CONTACTED, 23), "test-pick:1f:x:contacted:23"),
    ],
)
def test_packs_to_the_wire_format_and_back(pressed: ButtonData, data: str) -> None:
    assert pressed.pack() == data
    assert type(pressed).unpack(data) == pressed
    assert type(pressed).pattern().match(data)


@pytest.mark.parametrize(
    "data",
    [
        None, "", "test-card", "test-card:aut-001", "test-card:AUT-001:12", "test-card:AUT-001:12:3:4", "test-card:AUT-001\n",
        "test-card:AUT-001:۱۲:3", "test-menux", "test-menu:1", "test-pick:1F:x:contacted:23", "test-pick:1f:y:contacted:23",
        "test-pick:1f:x:sold:23", "test-pick:1f:x:contacted:123", "test-card:" + "A" * 70,
    ],
)
def test_anything_else_unpacks_to_none(data: str | None) -> None:
    assert all(cls.unpack(data) is None for cls in (_Card, _Menu, _Pick))


def test_a_value_the_format_cannot_carry_is_a_bug_caught_when_packing() -> None:
    with pytest.raises(ValueError):
        _Card("not a code").pack()
    with pytest.raises(ValueError):
        _Pick(0, "x", LeadStatus.NEW, 100).pack()
    assert len(_Card("A" * 32, 10**11, 9999).pack().encode()) <= MAX_BYTES


def test_a_prefix_belongs_to_one_class() -> None:
    with pytest.raises(TypeError):
        @dataclass(frozen=True, slots=True)
        class _Twin(ButtonData):
            prefix: ClassVar[str] = "test-menu"
