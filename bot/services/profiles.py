"""Manufacturer profiles built in chat (/profile): the data, the rules every answer must pass, and deletion.

One profile per user. Each answer is checked before anything is written (:class:`ProfileProblem` names what is
wrong, and the presentation words it in the reader's language), then written in the turn's one transaction; the
guided build saves after every step, so leaving it (/cancel) keeps what was answered. The question the bot waits
for, free-text or with buttons (which also take a typed answer), is kept on the user's row
(:attr:`User.pending_profile_step`), never in memory, so any replica takes the answer.

Profiles are personal data of businesses: nothing here lists them for anyone but their owner; deleting one
removes it with everything that names it (:func:`delete_profile`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Literal, get_args

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

import seed_data
from bot.dates import DateProblem, parse_date
from bot.services import audit
from bot.services.inputs import clean_text
from bot.store import users as user_store
from bot.store.models import (
    AuditEntry,
    Introduction,
    IntroductionState,
    ManufacturerProfile,
    PendingContact,
    UnitClaim,
    split_list,
    utcnow,
)

PROFILE_DELETE = "profile.delete"
"""The audit action of a deleted profile (its target is the profile's id; nothing names the business)."""

COMPANY_MAX = 200
MAKES_MAX = 1000
TEXT_MAX = 300
"""Characters of materials, machines and capacity: a line or two each."""

TextStep = Literal["company", "makes", "materials", "machines", "capacity", "idle_since"]
"""The questions answered by a plain message."""
ButtonStep = Literal["province", "processes", "certifications", "idle", "knowledge_based", "consent"]
"""The questions offered with buttons; a typed answer is read too (:mod:`bot.services.profile_answers`)."""
ConfirmStep = Literal["delete"]
"""A confirmation with buttons: a typed answer never is a search (a blind trial's «are pak kon» was logged as demand)."""
Step = Literal[TextStep, ButtonStep, ConfirmStep]
TEXT_STEPS: tuple[TextStep, ...] = get_args(TextStep)
BUTTON_STEPS: tuple[ButtonStep, ...] = get_args(ButtonStep)
CONFIRM_STEPS: tuple[ConfirmStep, ...] = get_args(ConfirmStep)
STALE_AFTER = timedelta(minutes=30)
"""A question with buttons left unanswered this long no longer holds a message that answers nothing: someone
who left the build at the province and comes back a day later with a need gets their search, not "that is not
a province". A message that does answer it (a province, yes or no) is still taken, however late."""
STEPS: tuple[Step, ...] = ("company", "province", "makes", "processes", "materials", "machines", "certifications",
                           "capacity", "idle", "knowledge_based", "consent")
"""The guided build, in order; ``idle_since`` is asked after ``idle`` only when the unit is idle."""
Flow = Literal["b", "e"]
"""Whether a question is part of the guided build (``b``, then the next one follows) or edits one field (``e``,
then the card)."""
ListKind = Literal["processes", "certifications"]
Flag = Literal["idle", "knowledge_based", "consent"]
_LIMITS: dict[TextStep, int] = {"company": COMPANY_MAX, "makes": MAKES_MAX, "materials": TEXT_MAX, "machines": TEXT_MAX,
                                "capacity": TEXT_MAX}
SEPARATOR = ";"

ProblemCode = Literal["company_empty", "too_long", "unknown_province", "unknown_process", "unknown_certification",
                      "not_a_date", "no_such_day", "in_the_future", "no_profile"]


class ProfileProblem(ValueError):
    """Why an answer is refused; ``code`` picks the reader's message, ``values`` fill it in (raw texts)."""

    def __init__(self, code: ProblemCode, **values: str) -> None:
        super().__init__(f"{code}: {values}")
        self.code: ProblemCode = code
        self.values = values


@dataclass(frozen=True, slots=True)
class Choice:
    """One entry of a curated list (a province, a process, a certification), named in both languages."""

    key: str
    name_en: str
    name_fa: str


def _read(file_name: str) -> tuple[Choice, ...]:
    text = seed_data.files().joinpath(file_name).read_text(encoding="utf-8")
    return tuple(Choice(row["key"], row["name_en"], row["name_fa"]) for row in csv.DictReader(io.StringIO(text)))


@cache
def provinces() -> tuple[Choice, ...]:
    """The 31 provinces (``seed_data/provinces.csv``), in the file's order."""
    return _read("provinces.csv")


@dataclass(frozen=True, slots=True)
class City:
    """A province capital or industrial city people name instead of its province (``seed_data/cities.csv``)."""

    name_en: str
    name_fa: str
    province: str
    aliases: tuple[str, ...]
    """Other spellings, Finglish mostly (``ahwaz``, ``asalouyeh``)."""


@cache
def cities() -> tuple[City, ...]:
    """The curated cities (``seed_data/cities.csv``), each with the province key it is in."""
    text = seed_data.files().joinpath("cities.csv").read_text(encoding="utf-8")
    return tuple(City(row["name_en"], row["name_fa"], row["province"], tuple(split_list(row["aliases"])))
                 for row in csv.DictReader(io.StringIO(text)))


@cache
def processes() -> tuple[Choice, ...]:
    """The curated processes (``seed_data/processes.csv``), in the file's order."""
    return _read("processes.csv")


@cache
def process_words() -> dict[str, tuple[str, ...]]:
    """Process key → the words people type for it at the processes question or in a units file, besides its
    names and keywords (``seed_data/process_words.csv``: Finglish, trade words). Matching does not read them."""
    text = seed_data.files().joinpath("process_words.csv").read_text(encoding="utf-8")
    return {row["key"]: tuple(split_list(row["words"])) for row in csv.DictReader(io.StringIO(text))}


@cache
def certifications() -> tuple[Choice, ...]:
    """The certifications (``seed_data/certifications.csv``), in the file's order."""
    return _read("certifications.csv")


def choices(kind: ListKind) -> tuple[Choice, ...]:
    return processes() if kind == "processes" else certifications()


def by_key(items: Iterable[Choice]) -> dict[str, Choice]:
    return {item.key: item for item in items}


def keys_of(stored: str) -> list[str]:
    """A ``;``-separated list column as its keys."""
    return [key for key in stored.split(SEPARATOR) if key]


# ------------------------------------------------------------------------------------------ the rules


def check_text(step: TextStep, text: str) -> str:
    """A free-text answer cleaned (invisible controls out, spaces collapsed) and within its length."""
    # A half-space (ZWNJ) belongs inside Persian words, not around them: alone it is no answer.
    cleaned = " ".join(clean_text(text).split()).strip("\u200c ")
    if step == "company" and not any(ch.isalnum() for ch in cleaned):
        raise ProfileProblem("company_empty")
    limit = _LIMITS[step]
    if len(cleaned) > limit:
        raise ProfileProblem("too_long", limit=str(limit), length=str(len(cleaned)))
    return cleaned


def check_province(key: str) -> str:
    if key not in by_key(provinces()):
        raise ProfileProblem("unknown_province", value=key[:40])
    return key


def check_keys(kind: ListKind, keys: Iterable[str]) -> list[str]:
    """Keys of the curated list, each once, in the list's order."""
    wanted = set(keys)
    known = [item.key for item in choices(kind)]
    unknown = sorted(wanted - set(known))
    if unknown:
        raise ProfileProblem("unknown_process" if kind == "processes" else "unknown_certification", value=unknown[0][:40])
    return [key for key in known if key in wanted]


def _date_within(text: str, *, today: date) -> date | None:
    """The date a longer answer holds among other words: «nesfe zarfiat khabide az sale 1402» (a user trial) went
    idle in 1402. The longest run of words with a digit that reads as a date wins."""
    words = text.split()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            run = words[start:start + size]
            if any(ch.isdigit() for word in run for ch in word):
                try:
                    return parse_date(" ".join(run), today=today, month_alone=True)
                except DateProblem:
                    continue
    return None


def check_idle_since(text: str, *, today: date) -> date:
    """The day the unit went idle, Jalali or Gregorian (:func:`bot.dates.parse_date`), not after ``today``; a date
    among other words is read too (:func:`_date_within`)."""
    try:
        day = parse_date(text, today=today, month_alone=True)
    except DateProblem as problem:
        within = _date_within(text, today=today) if problem.code == "not_a_date" else None
        if within is None and problem.code == "no_such_day":
            raise ProfileProblem("no_such_day", value=text.strip()[:40]) from None
        if within is None:
            raise ProfileProblem("not_a_date", value=text.strip()[:40]) from None
        day = within
    if day > today:
        raise ProfileProblem("in_the_future", value=text.strip()[:40])
    return day


# ------------------------------------------------------------------------------------------- the data


def get(user_id: int, *, session: Session) -> ManufacturerProfile | None:
    """The user's profile, if they have one."""
    return session.exec(select(ManufacturerProfile).where(col(ManufacturerProfile.user_id) == user_id)).first()


def _own(user_id: int, session: Session) -> ManufacturerProfile:
    profile = get(user_id, session=session)
    if profile is None:
        raise ProfileProblem("no_profile")
    return profile


def _saved(profile: ManufacturerProfile, session: Session) -> ManufacturerProfile:
    profile.updated_at = utcnow()
    session.add(profile)
    session.flush()
    return profile


def set_text(user_id: int, step: TextStep, text: str, *, session: Session, today: date) -> ManufacturerProfile:
    """Store a free-text answer; the company's name creates the profile when there is none yet (the only answer
    that may). Raises :class:`ProfileProblem` before writing anything."""
    if step == "idle_since":
        day = check_idle_since(text, today=today)
        idle = _own(user_id, session)
        idle.idle, idle.idle_since = True, day
        return _saved(idle, session)
    value = check_text(step, text)
    profile = get(user_id, session=session)
    if profile is None:
        if step != "company":
            raise ProfileProblem("no_profile")
        # Yes/no questions start unanswered: a skipped one is not a "no".
        profile = ManufacturerProfile(user_id=user_id, company=value, idle=None, knowledge_based=None)
        return _saved(profile, session)
    setattr(profile, step, value)
    return _saved(profile, session)


def clear_text(user_id: int, step: TextStep, *, session: Session) -> ManufacturerProfile:
    """Empty an optional free-text field (the company is required: refused)."""
    if step == "company":
        raise ProfileProblem("company_empty")
    profile = _own(user_id, session)
    if step == "idle_since":
        profile.idle_since = None
    else:
        setattr(profile, step, "")
    return _saved(profile, session)


def set_province(user_id: int, key: str, *, session: Session) -> ManufacturerProfile:
    value = check_province(key)
    profile = _own(user_id, session)
    profile.province = value
    return _saved(profile, session)


def toggle(user_id: int, kind: ListKind, key: str, *, session: Session) -> ManufacturerProfile:
    """Add ``key`` to the profile's processes or certifications, or take it out if it is there."""
    profile = _own(user_id, session)
    chosen = set(keys_of(getattr(profile, kind)))
    chosen ^= {key}
    setattr(profile, kind, SEPARATOR.join(check_keys(kind, chosen)))
    return _saved(profile, session)


def tick(user_id: int, kind: ListKind, keys: Iterable[str], *, session: Session) -> ManufacturerProfile:
    """Add ``keys`` to the profile's processes or certifications (those already there stay ticked)."""
    profile = _own(user_id, session)
    chosen = set(keys_of(getattr(profile, kind))) | set(keys)
    setattr(profile, kind, SEPARATOR.join(check_keys(kind, chosen)))
    return _saved(profile, session)


def set_flag(user_id: int, flag: Flag, value: bool, *, session: Session) -> ManufacturerProfile:
    """Idle, knowledge-based or consent; a unit no longer idle forgets since when it was."""
    profile = _own(user_id, session)
    setattr(profile, flag, value)
    if flag == "idle" and not value:
        profile.idle_since = None
    return _saved(profile, session)


# ----------------------------------------------------------------------------- the question waited for


@dataclass(frozen=True, slots=True)
class Pending:
    """The question the user's next plain message answers."""

    step: Step
    flow: Flow
    asked_at: datetime | None = None
    """When the question was asked (None: by a bot that did not say)."""

    def stale(self, now: datetime) -> bool:
        """Asked long enough ago that a message which answers nothing is about something else (see
        :data:`STALE_AFTER`)."""
        return self.asked_at is not None and now - self.asked_at > STALE_AFTER


def awaiting(user_id: int, *, session: Session) -> Pending | None:
    user = user_store.get_user(user_id, session=session)
    return pending_of(user.pending_profile_step if user is not None else None)


def pending_of(waiting: str | None) -> Pending | None:
    """The profile question a stored wait (:attr:`User.pending_profile_step`) names, if it names one."""
    if not waiting:
        return None
    flow, _, rest = waiting.partition(":")
    step, _, stamp = rest.partition("@")
    # (A bot older than button steps being waited for reads "b:province@…" as nothing to wait for: plain text is
    # a search there, as it always was.)
    if flow not in get_args(Flow) or step not in (*TEXT_STEPS, *BUTTON_STEPS, *CONFIRM_STEPS):
        return None  # written by a newer bot, or /claim's wait: not ours to read
    asked_at = datetime.fromtimestamp(int(stamp), UTC) if stamp.isdigit() else None
    return Pending(step, flow, asked_at)  # type: ignore[arg-type]


def _wait(flow: Flow, step: Step) -> str:
    """How a wait is stored: ``flow:step``, and ``@<epoch>`` after a button step only. Only a button question goes
    stale (see :meth:`Pending.stale`), and a text step keeps the form every bot since /profile reads, so that in a
    mixed deploy an older replica still takes the answer to «what do you make?» instead of searching for it."""
    wait = f"{flow}:{step}"
    return f"{wait}@{int(utcnow().timestamp())}" if step in BUTTON_STEPS or step in CONFIRM_STEPS else wait


def await_answer(user_id: int, step: Step | None, flow: Flow = "b", *, session: Session) -> None:
    """Wait for the answer to ``step`` (None: to nothing). The newest question wins: a lead's pending note is dropped."""
    user = user_store.get_user(user_id, session=session)
    if user is None:
        return
    user.pending_profile_step = None if step is None else _wait(flow, step)
    if step is not None:
        user.pending_note_lead_id = None
    session.add(user)


# ------------------------------------------------------------------------------------------- deletion


@dataclass(frozen=True, slots=True)
class Deleted:
    """What deleting a profile removed."""

    profile_id: int
    claims: int
    introductions: int


@dataclass(frozen=True, slots=True)
class Footprint:
    """What deleting the user's profile would remove (for the confirmation)."""

    company: str
    claims: int
    introductions: int


def footprint(user_id: int, *, session: Session) -> Footprint | None:
    profile = get(user_id, session=session)
    if profile is None:
        return None
    claims = session.exec(select(UnitClaim).where(col(UnitClaim.profile_id) == profile.id)).all()
    introductions = session.exec(select(Introduction).where(col(Introduction.profile_id) == profile.id)).all()
    return Footprint(profile.company, len(claims), len(introductions))


def _anonymise_audit(profile_id: int, *, session: Session) -> None:
    """The audit keeps that a desk wrote to a manufacturer or an investor asked for one, not to whom or what was said."""
    for entry in session.exec(select(AuditEntry).where(AuditEntry.action == audit.SUPPLIER_CONTACT,
                                                       AuditEntry.target == str(profile_id))):
        entry.target = ""
        entry.after = {"product": (entry.after or {}).get("product"), "profile": "deleted"}
        session.add(entry)
    asked = select(Introduction.id).where(col(Introduction.profile_id) == profile_id)
    targets = [str(number) for number in session.exec(asked)]
    if targets:
        for entry in session.exec(select(AuditEntry).where(AuditEntry.action == audit.INTRODUCTION_ASK,
                                                           col(AuditEntry.target).in_(targets))):
            entry.after = {**(entry.after or {}), "profile": "deleted"}
            session.add(entry)


def delete_profile(user_id: int, *, session: Session) -> Deleted | None:
    """Delete the user's profile and its unit claims; introductions naming it stay as an anonymised trace (no
    profile, state ``removed``), and the audit log says a profile was deleted without naming the business.
    Nothing is committed here: the caller's one transaction holds it all. None when there is no profile."""
    profile = get(user_id, session=session)
    if profile is None or profile.id is None:
        return None
    profile_id = profile.id
    claims = session.exec(delete(UnitClaim).where(col(UnitClaim.profile_id) == profile_id))
    # A desk's message waiting to be sent to this unit is dropped with it: a later profile may get its number.
    session.exec(delete(PendingContact).where(col(PendingContact.profile_id) == profile_id))
    _anonymise_audit(profile_id, session=session)
    introductions = session.exec(
        update(Introduction).where(col(Introduction.profile_id) == profile_id)
        .values(profile_id=None, state=IntroductionState.REMOVED)
    )
    session.delete(profile)
    await_answer(user_id, None, session=session)
    deleted = Deleted(profile_id, claims.rowcount or 0, introductions.rowcount or 0)
    audit.record(user_id, PROFILE_DELETE, session=session, target=str(profile_id),
                 before={"claims": deleted.claims, "introductions": deleted.introductions})
    session.flush()
    return deleted
