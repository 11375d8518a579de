"""The suppliers feature's buttons (the ``sp`` family): the list on a listing's card, and writing to one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.telegram.buttons import ButtonData, ListingCode, Page, RecordId


@dataclass(frozen=True, slots=True)
class SuppliersOf(ButtonData):
    """A page of the manufacturers that could make a listing (admins and the listing's desk officers only)."""

    prefix: ClassVar[str] = "sp"
    code: ListingCode
    page: Page = 0


@dataclass(frozen=True, slots=True)
class ContactSupplier(ButtonData):
    """Write to one of a listing's capable manufacturers through the bot (a registry unit: see its contact)."""

    prefix: ClassVar[str] = "spc"
    code: ListingCode
    profile: RecordId


@dataclass(frozen=True, slots=True)
class CancelContact(ButtonData):
    """Stop writing to a manufacturer."""

    prefix: ClassVar[str] = "spx"
