"""The buttons of /opportunities (the ``op`` family)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.telegram.buttons import ButtonData, ListingCode, Page


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
