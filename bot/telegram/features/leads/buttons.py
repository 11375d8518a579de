"""The leads feature's buttons: "I'm interested" on a listing's card, and Skip for the note the bot asks for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.telegram.buttons import ButtonData, ListingCode


@dataclass(frozen=True, slots=True)
class Interested(ButtonData):
    """ "I'm interested" on a listing's card."""

    prefix: ClassVar[str] = "i"
    code: ListingCode


@dataclass(frozen=True, slots=True)
class SkipNote(ButtonData):
    """Skip the note the bot asked for after "I'm interested"."""

    prefix: ClassVar[str] = "skip"
