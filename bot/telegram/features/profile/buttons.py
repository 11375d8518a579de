"""The buttons of /profile (prefixes ``pf``…). Each question's buttons carry its flow: ``b`` when it is a step of
the guided build (the next question follows), ``e`` when it edits one field (the card follows)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from bot.services.profiles import Flag, Flow, ListKind, Step
from bot.telegram.buttons import ButtonData, Match

Key = Annotated[str, Match(r"[a-z0-9_]{1,32}")]
"""A key of seed_data/provinces.csv, processes.csv or certifications.csv."""
EditableField = Literal["company", "province", "makes", "processes", "materials", "machines", "certifications",
                        "capacity", "idle", "knowledge_based"]


@dataclass(frozen=True, slots=True)
class ShowProfile(ButtonData):
    """The presser's profile card (or the offer to build one); stops waiting for any profile answer."""

    prefix: ClassVar[str] = "pf:v"


@dataclass(frozen=True, slots=True)
class BuildProfile(ButtonData):
    """Start the guided build: the company's name first."""

    prefix: ClassVar[str] = "pf:b"


@dataclass(frozen=True, slots=True)
class BuildBelow(ButtonData):
    """The same from the pointer under search results: the first question comes as a new message, so the results
    the maker may still want stay where they were."""

    prefix: ClassVar[str] = "pf:bb"


@dataclass(frozen=True, slots=True)
class EditField(ButtonData):
    """Ask one field's question again, then show the card."""

    prefix: ClassVar[str] = "pf:e"
    field: EditableField


@dataclass(frozen=True, slots=True)
class SkipStep(ButtonData):
    """Leave an optional question as it is (in the build: go on to the next one)."""

    prefix: ClassVar[str] = "pf:s"
    flow: Flow
    step: Step


@dataclass(frozen=True, slots=True)
class PickProvince(ButtonData):
    prefix: ClassVar[str] = "pf:pv"
    flow: Flow
    key: Key


@dataclass(frozen=True, slots=True)
class ToggleItem(ButtonData):
    """Tick or untick one process or certification (the list is shown again with ✅ on the chosen)."""

    prefix: ClassVar[str] = "pf:t"
    flow: Flow
    kind: ListKind
    key: Key


@dataclass(frozen=True, slots=True)
class ListDone(ButtonData):
    """Done with the processes or the certifications."""

    prefix: ClassVar[str] = "pf:d"
    flow: Flow
    kind: ListKind


@dataclass(frozen=True, slots=True)
class AnswerFlag(ButtonData):
    """Yes or no to: is the unit idle, is it a knowledge-based company, may investors see the profile."""

    prefix: ClassVar[str] = "pf:y"
    flow: Flow
    flag: Flag
    value: Literal["y", "n"]


@dataclass(frozen=True, slots=True)
class ToggleConsent(ButtonData):
    """On the card: let investors see the profile, or stop letting them."""

    prefix: ClassVar[str] = "pf:c"


@dataclass(frozen=True, slots=True)
class AskDelete(ButtonData):
    """On the card: "Delete my profile", which asks for a confirmation saying what goes."""

    prefix: ClassVar[str] = "pf:x"


@dataclass(frozen=True, slots=True)
class ConfirmDelete(ButtonData):
    prefix: ClassVar[str] = "pf:xy"


@dataclass(frozen=True, slots=True)
class ClearField(ButtonData):
    """When editing an optional free-text field: empty it."""

    prefix: ClassVar[str] = "pf:z"
    field: Literal["makes", "materials", "machines", "capacity"]
