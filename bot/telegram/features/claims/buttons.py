"""The claim feature's buttons (the ``uc`` family): the claimant's, and the Approve and Refuse of the admins' notice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.telegram.buttons import ButtonData, RecordId


@dataclass(frozen=True, slots=True)
class PickUnit(ButtonData):
    """One of the units /claim found: "this one is mine"."""

    prefix: ClassVar[str] = "uc:p"
    profile_id: RecordId


@dataclass(frozen=True, slots=True)
class ClaimWithoutNote(ButtonData):
    """Send the claim on the unit without the note the bot asked for."""

    prefix: ClassVar[str] = "uc:n"
    profile_id: RecordId


@dataclass(frozen=True, slots=True)
class ApproveClaim(ButtonData):
    """An admin's notice of a claim: the unit is the claimant's."""

    prefix: ClassVar[str] = "uc:a"
    claim_id: RecordId


@dataclass(frozen=True, slots=True)
class RefuseClaim(ButtonData):
    """An admin's notice of a claim: it is not verified."""

    prefix: ClassVar[str] = "uc:r"
    claim_id: RecordId
