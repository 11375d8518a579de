"""The buttons of standing requests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.telegram.buttons import ButtonData, RecordId


@dataclass(frozen=True, slots=True)
class TellWhenListed(ButtonData):
    """ "Tell me when something like this is listed" under a search nothing confident answered."""

    prefix: ClassVar[str] = "rqt"
    search: RecordId


@dataclass(frozen=True, slots=True)
class CancelRequest(ButtonData):
    """Cancel one of the presser's open standing requests (in /requests)."""

    prefix: ClassVar[str] = "rqc"
    request: RecordId


@dataclass(frozen=True, slots=True)
class ShowRequests(ButtonData):
    """The presser's standing requests (the /requests list)."""

    prefix: ClassVar[str] = "rqs"
