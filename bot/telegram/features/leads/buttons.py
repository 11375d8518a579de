"""The leads feature's buttons: "I'm interested" on a listing's card, Skip for the note the bot asks for, and /myleads' own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.telegram.buttons import ButtonData, ListingCode, Page, RecordId


@dataclass(frozen=True, slots=True)
class Interested(ButtonData):
    """ "I'm interested" on a listing's card."""

    prefix: ClassVar[str] = "i"
    code: ListingCode


@dataclass(frozen=True, slots=True)
class SkipNote(ButtonData):
    """Skip the note the bot asked for after "I'm interested"."""

    prefix: ClassVar[str] = "skip"


@dataclass(frozen=True, slots=True)
class MyLeads(ButtonData):
    """A page of /myleads: the investor's own interests."""

    prefix: ClassVar[str] = "ml"
    page: Page = 0


@dataclass(frozen=True, slots=True)
class WithdrawLead(ButtonData):
    """/myleads: ask to confirm taking back one interest, remembering the page to go back to."""

    prefix: ClassVar[str] = "lw"
    lead_id: RecordId
    page: Page = 0


@dataclass(frozen=True, slots=True)
class ConfirmWithdraw(ButtonData):
    """/myleads: the confirmed withdrawal of one interest."""

    prefix: ClassVar[str] = "lx"
    lead_id: RecordId
    page: Page = 0


@dataclass(frozen=True, slots=True)
class NoteLead(ButtonData):
    """/myleads: take the next message as a note on one interest."""

    prefix: ClassVar[str] = "ln"
    lead_id: RecordId
