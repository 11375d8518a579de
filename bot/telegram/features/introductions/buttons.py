"""The introductions feature's buttons (the ``it`` family)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.telegram.buttons import ButtonData, ListingCode, Page, RecordId


@dataclass(frozen=True, slots=True)
class AskIntroduction(ButtonData):
    """On a listing's card: see whom the bot would ask, before asking."""

    prefix: ClassVar[str] = "it"
    code: ListingCode


@dataclass(frozen=True, slots=True)
class ConfirmIntroduction(ButtonData):
    """Ask the capable manufacturers of a listing to meet the investor."""

    prefix: ClassVar[str] = "itc"
    code: ListingCode


@dataclass(frozen=True, slots=True)
class WithdrawIntroduction(ButtonData):
    """Take back the investor's request on a listing while manufacturers have not answered."""

    prefix: ClassVar[str] = "itw"
    code: ListingCode


@dataclass(frozen=True, slots=True)
class AcceptIntroduction(ButtonData):
    """A manufacturer accepts to meet the investor: both get the other's contact."""

    prefix: ClassVar[str] = "ita"
    introduction: RecordId


@dataclass(frozen=True, slots=True)
class DeclineIntroduction(ButtonData):
    """A manufacturer declines (the investor is not told who)."""

    prefix: ClassVar[str] = "itd"
    introduction: RecordId


@dataclass(frozen=True, slots=True)
class MyIntroductions(ButtonData):
    """A page of /introductions."""

    prefix: ClassVar[str] = "itl"
    page: Page = 0
