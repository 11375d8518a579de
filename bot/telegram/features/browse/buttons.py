"""The buttons that open the catalog's cards and lists (other features put them on their messages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from telegram import InlineKeyboardButton

from bot.i18n import label
from bot.store.models import Desk
from bot.telegram.buttons import ButtonData, ListingCode, Page, RecordId, SectorKey
from bot.telegram.ui import name

DEEP_LINK_PRODUCT = "p_"
"""What ``/start`` links carry to open a listing: ``p_<CODE>``."""


@dataclass(frozen=True, slots=True)
class OpenListing(ButtonData):
    """A listing's card; opened from a results page, it remembers that page to go back to."""

    prefix: ClassVar[str] = "p"
    code: ListingCode
    search: RecordId | None = None
    page: Page = 0


@dataclass(frozen=True, slots=True)
class OpenSuggestion(ButtonData):
    """A related suggestion's card ("Did you mean…?"): it leads back to the suggestions of its search."""

    prefix: ClassVar[str] = "ps"
    code: ListingCode
    search: RecordId


@dataclass(frozen=True, slots=True)
class ResultsPage(ButtonData):
    """A page of a logged search's results (the search is run again, so it stays current); here because
    the cards opened from results lead back to them."""

    prefix: ClassVar[str] = "s"
    search: RecordId
    page: Page


@dataclass(frozen=True, slots=True)
class SectorListing(ButtonData):
    """A listing's card opened from a page of its sector: it leads back to that page."""

    prefix: ClassVar[str] = "pc"
    code: ListingCode
    sector: SectorKey
    page: Page


@dataclass(frozen=True, slots=True)
class DeskListing(ButtonData):
    """A listing's card opened from a page of a desk: it leads back to that page (and that desk's way back)."""

    prefix: ClassVar[str] = "pd"
    code: ListingCode
    desk: ListingCode
    page: Page
    search: RecordId | None = None
    results_page: Page = 0


@dataclass(frozen=True, slots=True)
class OpenDesk(ButtonData):
    """A desk's card with a page of its listings; opened from search results, it remembers them to go back to."""

    prefix: ClassVar[str] = "d"
    code: ListingCode
    page: Page = 0
    search: RecordId | None = None
    results_page: Page = 0


@dataclass(frozen=True, slots=True)
class OpenSector(ButtonData):
    """A page of one sector's listings."""

    prefix: ClassVar[str] = "c"
    key: SectorKey
    page: Page = 0


@dataclass(frozen=True, slots=True)
class ListSectors(ButtonData):
    """Every sector with its number of listings."""

    prefix: ClassVar[str] = "sectors"


@dataclass(frozen=True, slots=True)
class ListDesks(ButtonData):
    """Every desk with its year and budget."""

    prefix: ClassVar[str] = "desks"


def desk_button(language: str, desk: Desk, search: int | None = None, results_page: int = 0) -> InlineKeyboardButton:
    """The button that opens ``desk``'s card, labelled with its name (results, cards, the desks list); from
    a search's results, the card leads back to them."""
    return OpenDesk(desk.code, 0, search, results_page).button(label(language, "btn_desk", name=name(language, desk)))


def deep_link(bot_username: str, code: str) -> str:
    """The link that opens a listing's card in the bot.

    Not ``telegram.helpers.create_deep_linked_url``: it refuses usernames of three characters or fewer,
    which test bots and the offline console use, while the link it makes is the same.
    """
    return f"https://t.me/{bot_username}?start={DEEP_LINK_PRODUCT}{code}"
