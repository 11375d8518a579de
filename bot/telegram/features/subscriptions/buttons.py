"""The buttons of subscriptions: the /subscribe pickers, /mysubs, "Alert me about similar" and "Tell me if it reopens".

The /subscribe keyboards carry the whole choice so far in their data (``mask``: a hex bit set of the
ticked sectors, bit i for the i-th sector by key), so nothing is written until the last tap, and any
replica can take any tap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from bot.telegram.buttons import HEX, ButtonData, Digits, ListingCode, Match, RecordId, SectorKey

Mask = Annotated[int, HEX]
"""The ticked sectors so far."""
FrequencyCode = Literal["i", "d", "w"]
"""Instant, daily or weekly."""
Weekday = Annotated[int, Match("[0-6]")]
"""Monday is 0."""
Change = Literal["m", "u", "x", "d"]
"""Mute, unmute (resume), delete (asks first: "x" is what the /mysubs button carries) or delete confirmed ("d")."""


@dataclass(frozen=True, slots=True)
class AlertLikeResults(ButtonData):
    """ "Alert me about similar" under search results: the search's query becomes an alert."""

    prefix: ClassVar[str] = "as"
    search: RecordId


@dataclass(frozen=True, slots=True)
class AlertLikeListing(ButtonData):
    """The bell on a listing's card: on an open one, "Alert me about similar" (its name becomes an alert); on a
    closed or awarded one, "Tell me if it reopens" (that one listing is watched)."""

    prefix: ClassVar[str] = "ap"
    code: ListingCode


@dataclass(frozen=True, slots=True)
class TickSector(ButtonData):
    """/subscribe: tick or untick the ``index``-th sector."""

    prefix: ClassVar[str] = "st"
    mask: Mask
    index: Annotated[int, Digits(2)]


@dataclass(frozen=True, slots=True)
class SectorsDone(ButtonData):
    """/subscribe: the sectors are ticked, pick a frequency."""

    prefix: ClassVar[str] = "sd"
    mask: Mask


@dataclass(frozen=True, slots=True)
class PickFrequency(ButtonData):
    """/subscribe: the frequency is picked (instant saves at once; weekly asks the day, daily the hour)."""

    prefix: ClassVar[str] = "sf"
    mask: Mask
    frequency: FrequencyCode


@dataclass(frozen=True, slots=True)
class PickWeekday(ButtonData):
    """/subscribe: the weekly digest's day is picked; the hour comes next."""

    prefix: ClassVar[str] = "sw"
    mask: Mask
    weekday: Weekday


@dataclass(frozen=True, slots=True)
class PickHour(ButtonData):
    """/subscribe: the hour is picked; saves everything at once."""

    prefix: ClassVar[str] = "sh"
    mask: Mask
    frequency: FrequencyCode
    weekday: Weekday
    hour: Annotated[int, Digits(2)]


@dataclass(frozen=True, slots=True)
class ChangeSector(ButtonData):
    """/mysubs: mute, resume or delete one sector (a delete asks for a confirming tap, which carries "d")."""

    prefix: ClassVar[str] = "ms"
    change: Change
    key: SectorKey


@dataclass(frozen=True, slots=True)
class ChangeAlert(ButtonData):
    """/mysubs: mute, resume or delete one alert (a delete asks for a confirming tap, which carries "d")."""

    prefix: ClassVar[str] = "ma"
    change: Change
    alert: RecordId


@dataclass(frozen=True, slots=True)
class ForgetWatch(ButtonData):
    """/mysubs: stop waiting for one listing to reopen."""

    prefix: ClassVar[str] = "mw"
    code: ListingCode


@dataclass(frozen=True, slots=True)
class ShowSubscriptions(ButtonData):
    """The /mysubs overview (under digests and confirmations)."""

    prefix: ClassVar[str] = "subs"


@dataclass(frozen=True, slots=True)
class EditSubscription(ButtonData):
    """/mysubs: back to the sector picker."""

    prefix: ClassVar[str] = "subedit"


@dataclass(frozen=True, slots=True)
class PauseDigests(ButtonData):
    prefix: ClassVar[str] = "pause"


@dataclass(frozen=True, slots=True)
class ResumeDigests(ButtonData):
    prefix: ClassVar[str] = "resume"


@dataclass(frozen=True, slots=True)
class Unsubscribe(ButtonData):
    """/mysubs: stop everything at once (asks for a confirming tap first)."""

    prefix: ClassVar[str] = "unsub"


@dataclass(frozen=True, slots=True)
class ConfirmUnsubscribe(ButtonData):
    """ "Yes, unsubscribe" after /unsubscribe or "Unsubscribe from everything": stops everything."""

    prefix: ClassVar[str] = "unsubok"
