"""The buttons of /opportunities (the ``op`` family)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, ClassVar

from bot.telegram.buttons import HEX, ButtonData, Digits, ListingCode, Page


@dataclass(frozen=True, slots=True)
class OpportunitiesPage(ButtonData):
    """A page of the presser's fitting listings (worked out again, so it stays current)."""

    prefix: ClassVar[str] = "op"
    page: Page = 0


@dataclass(frozen=True, slots=True)
class OpportunityListing(ButtonData):
    """A fitting listing's card, leading back to the page of the list it was opened from."""

    prefix: ClassVar[str] = "opl"
    code: ListingCode
    page: Page = 0


@dataclass(frozen=True, slots=True)
class SubscribeFitting(ButtonData):
    """The /subscribe picker with the sectors of the presser's best fitting listings ticked: digests then bring new
    listings that fit their profile."""

    prefix: ClassVar[str] = "ops"


# A shop's processes (a bit set over the process list, 22 now) and materials (over the 70 material words, in decimal:
# more bits than HEX carries).
ProcessBits = Annotated[int, HEX]
MaterialBits = Annotated[int, Digits(24)]


@dataclass(frozen=True, slots=True)
class ShopList(ButtonData):
    """What a shop like the one a maker's message described could make, worked out again from its processes and
    materials (the message is never stored)."""

    prefix: ClassVar[str] = "osh"
    processes: ProcessBits
    materials: MaterialBits


@dataclass(frozen=True, slots=True)
class ShopListing(ButtonData):
    """A listing's card opened from that list, leading back to it."""

    prefix: ClassVar[str] = "oshl"
    code: ListingCode
    processes: ProcessBits
    materials: MaterialBits
