"""Admins' changes to listings and desks from chat: ``field: value`` messages, step-by-step drafts, close and reopen.

Records are read by the same schemas as the CSV files (:mod:`bot.services.records`), written through the
catalog's upserts (so every write takes the same path as an import) and logged in the audit log.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, Protocol

from sqlmodel import Session

from bot.store import catalog as store
from bot.store.models import LIST_SEPARATOR, Desk, Product, ProductStatus

from . import audit, requests
from .catalog import to_record
from .catalog_csv import sector_spellings
from .problems import Problem, RowError
from .records import DeskRecord, Known, ProductRecord, Record, Step

Kind = Literal["product", "desk"]
CHAT_ROW = 0  # records typed in chat have no spreadsheet row
_FIELD_LINE = re.compile(r"^\s*([A-Za-z_]+)\s*:(.*)$")


@dataclass(frozen=True, slots=True)
class FieldLines:
    """The values of a ``field: value`` message, or what is wrong with it."""

    values: dict[str, str]
    errors: list[RowError]


def parse_field_lines(text: str, columns: Sequence[str]) -> FieldLines:
    """Read ``field: value`` lines naming ``columns``; other lines continue the previous value (long descriptions).

    A line that starts like a field (a word and a colon) must name a known one, so that a typo such as
    ``hscode: 8413`` is reported instead of being appended to the value above it.
    """
    values: dict[str, str] = {}
    errors: list[RowError] = []
    current: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        found = _FIELD_LINE.match(line)
        if found is not None:
            name = found.group(1).lower()
            if name not in columns:
                errors.append(RowError.of(CHAT_ROW, None, Problem.FIELD_UNKNOWN, name=name, known=", ".join(columns)))
                current = None
            elif name in values:
                errors.append(RowError.of(CHAT_ROW, name, Problem.FIELD_REPEATED, name=name))
                current = None
            else:
                values[name] = found.group(2).strip()
                current = name
        elif not line.strip():
            continue
        elif current is not None:
            values[current] = f"{values[current]}\n{line.strip()}".strip()
        else:
            errors.append(RowError.of(CHAT_ROW, None, Problem.LINE_NOT_FIELD, line=str(number)))
    if not values and not errors:
        errors.append(RowError.of(CHAT_ROW, None, Problem.NO_FIELDS))
    return FieldLines(values, errors)


def product_fields(product: Product) -> dict[str, str]:
    """A stored listing as ``field: value`` texts (what an admin edits)."""
    return to_record(product).texts()


def desk_fields(desk: Desk) -> dict[str, str]:
    """A stored desk as ``field: value`` texts."""
    return DeskRecord.stored(desk).texts()


def current_fields(kind: Kind, code: str, *, session: Session) -> dict[str, str] | None:
    """A listing's or desk's ``field: value`` texts, or None when there is no such code."""
    if kind == "product":
        product = store.get_product(code, session=session)
        return product_fields(product) if product is not None else None
    desk = store.get_desk(code, session=session)
    return desk_fields(desk) if desk is not None else None


LIST_COLUMNS = ("aliases", "companies")
"""A listing's fields that hold lists (``;`` between items), edited item by item (:func:`list_edit`)."""


@dataclass(frozen=True, slots=True)
class ListEdit:
    """What a ``field: value`` line does to a list field: the new value, and the items it drops unasked."""

    value: str
    removed: list[str]
    confirmed: bool
    """The line says it replaces the list (``=``), or drops items by name (``-``): no question to ask."""


def list_edit(current: str, typed: str) -> ListEdit:
    """``aliases: + X; Y`` adds X and Y (those not there yet), ``aliases: - X`` drops X, ``aliases: = X; Y`` replaces
    the list; a bare ``aliases: X; Y`` replaces it too, and the items it would drop are returned for the admin to
    confirm. A blind trial's ``aliases: X`` replaced six aliases with one, silently, and search got worse."""
    have = [item.strip() for item in current.split(LIST_SEPARATOR) if item.strip()]
    mode, rest = (typed.strip()[:1], typed.strip()[1:]) if typed.strip()[:1] in "+-=" and typed.strip() else ("", typed)
    named = [item.strip() for item in rest.split(LIST_SEPARATOR) if item.strip()]
    known = {item.casefold() for item in have}
    if mode == "+":
        return ListEdit(LIST_SEPARATOR.join(have + list(dict.fromkeys(i for i in named if i.casefold() not in known))), [], True)
    if mode == "-":
        gone = {item.casefold() for item in named}
        return ListEdit(LIST_SEPARATOR.join(item for item in have if item.casefold() not in gone), [], True)
    kept = {item.casefold() for item in named}
    return ListEdit(LIST_SEPARATOR.join(named), [item for item in have if item.casefold() not in kept], mode == "=")


@dataclass(frozen=True, slots=True)
class Saved:
    """The outcome of a change: the record's code, what changed (column → (before, after)), or the problems."""

    code: str
    errors: list[RowError] = field(default_factory=list)
    changed: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


class NotFound(LookupError):
    """No listing or desk has this code."""


def _known(session: Session, today: date | None) -> Known:
    return Known(store.sector_keys(session=session), store.desk_sectors(session=session), today,
                 sector_names=sector_spellings(store.sectors(session=session)))


class _Find(Protocol):
    def __call__(self, code: str, *, session: Session) -> Product | Desk | None: ...


class _Write(Protocol):
    def __call__(self, rows: Sequence[Mapping[str, Any]], *, session: Session) -> object: ...


def _desk_keeps_its_listings(row: Record, session: Session) -> RowError | None:
    """Listings must stay valid: a desk serves listings of its own sector only."""
    assert isinstance(row, DeskRecord)
    strays = [p.code for p in store.products(session=session, desk=row.code) if p.sector != row.sector]
    return RowError.of(CHAT_ROW, "sector", Problem.DESK_IN_USE, count=str(len(strays)), example=strays[0]) if strays else None


@dataclass(frozen=True, slots=True)
class _Kind:
    """How one kind of record is found, written and logged, and what else an edit of it must keep true."""

    record: type[Record]
    find: _Find
    write: _Write
    exists: Problem
    added: str
    edited: str
    keeps: Callable[[Record, Session], RowError | None] | None = None


_KINDS: dict[Kind, _Kind] = {
    "product": _Kind(ProductRecord, store.get_product, requests.upsert_products, Problem.CODE_EXISTS, audit.PRODUCT_ADD, audit.PRODUCT_EDIT),
    "desk": _Kind(
        DeskRecord, store.get_desk, store.upsert_desks, Problem.DESK_EXISTS, audit.DESK_ADD, audit.DESK_EDIT, _desk_keeps_its_listings
    ),
}


def add(kind: Kind, actor_id: int, raw: Mapping[str, str], *, session: Session, today: date | None = None) -> Saved:
    """Add a listing or a desk from its texts (missing fields are empty), or report every problem and write nothing.

    ``today`` (the bot's date) refuses a deadline before it; None checks no deadline against a day (scripts).
    """
    of = _KINDS[kind]
    code = raw.get("code", "").strip().upper()
    if code and of.find(code, session=session) is not None:
        return Saved(code, [RowError.of(CHAT_ROW, "code", of.exists, code=code)])
    row, errors = of.record.read(raw, CHAT_ROW, _known(session, today))
    if row is None:
        return Saved(code, errors)
    values = row.values()
    of.write([values], session=session)
    audit.record(actor_id, of.added, session=session, target=values["code"], after=values)
    return Saved(values["code"], changed={name: (None, value) for name, value in values.items()})


def add_product(actor_id: int, raw: Mapping[str, str], *, session: Session, today: date | None = None) -> Saved:
    """Add a listing (see :func:`add`)."""
    return add("product", actor_id, raw, session=session, today=today)


def add_desk(actor_id: int, raw: Mapping[str, str], *, session: Session) -> Saved:
    """Add a desk (see :func:`add`)."""
    return add("desk", actor_id, raw, session=session)


def edit(
    kind: Kind, actor_id: int, code: str, changes: Mapping[str, str], *, session: Session, action: str | None = None,
    today: date | None = None,
) -> Saved:
    """Change some fields of a listing or desk; the whole record is checked again (a new sector needs a matching
    desk, a desk keeps serving its listings' sector).

    A deadline the change sets is refused before ``today`` (see :func:`add`); a stored one the change leaves
    alone is not, so a listing whose deadline has passed can still be closed or corrected.

    Raises :class:`NotFound` for an unknown code. Nothing is written or logged when nothing changes.
    """
    of = _KINDS[kind]
    found = of.find(code, session=session)
    if found is None:
        raise NotFound(code)
    if changes.get("code", found.code).strip().upper() != found.code:
        return Saved(found.code, [RowError.of(CHAT_ROW, "code", Problem.CODE_FIXED, code=found.code)])
    stored = of.record.stored(found)
    texts = stored.texts()
    new_deadline = "deadline" in changes and changes["deadline"].strip() != texts.get("deadline")
    row, errors = of.record.read({**texts, **changes}, CHAT_ROW, _known(session, today if new_deadline else None))
    problem = None if row is None or of.keeps is None else of.keeps(row, session)
    if row is None or problem is not None:
        return Saved(found.code, errors if problem is None else [problem])
    before = stored.values()
    # Fields the change does not name keep their stored values: every one reads back as itself except a deadline
    # stored as a Gregorian year 1300–1499 (a Jalali date typed before the bot knew the calendar), which would
    # be read as the Jalali date now, an edit nobody asked for.
    after = {name: value if name in changes else before[name] for name, value in row.values().items()}
    changed = {name: (before[name], after[name]) for name in after if before[name] != after[name]}
    if changed:
        of.write([after], session=session)
        audit.record(
            actor_id, action or of.edited, session=session, target=found.code,
            before={name: old for name, (old, _) in changed.items()}, after={name: new for name, (_, new) in changed.items()},
        )
    return Saved(found.code, changed=changed)


def edit_product(
    actor_id: int, code: str, changes: Mapping[str, str], *, session: Session, action: str = audit.PRODUCT_EDIT,
    today: date | None = None,
) -> Saved:
    """Change some fields of a listing (see :func:`edit`)."""
    return edit("product", actor_id, code, changes, session=session, action=action, today=today)


def edit_desk(actor_id: int, code: str, changes: Mapping[str, str], *, session: Session, today: date | None = None) -> Saved:
    """Change some fields of a desk (see :func:`edit`)."""
    return edit("desk", actor_id, code, changes, session=session, today=today)


def set_status(actor_id: int, code: str, status: ProductStatus, *, session: Session) -> Saved:
    """Close (or reopen) a listing: a status change like any edit, logged as close or reopen."""
    action = audit.PRODUCT_CLOSE if status is ProductStatus.CLOSED else audit.PRODUCT_REOPEN
    return edit_product(actor_id, code, {"status": status.value}, session=session, action=action)


# ------------------------------------------------------------------ step-by-step drafts


# The form's questions, as the record schemas declare them (order, which may be skipped, the message asking).
STEPS: dict[Kind, tuple[Step, ...]] = {kind: of.record.steps() for kind, of in _KINDS.items()}


def check_step(
    kind: Kind, column: str, value: str, draft: Mapping[str, str], *, session: Session, today: date | None = None
) -> RowError | None:
    """The problem with one answer of the step-by-step form, given the answers before it; None if it is fine
    (a deadline before ``today`` is one, see :func:`add`)."""
    value = value.strip()
    of = _KINDS[kind]
    if column == "code" and value and of.find(value, session=session) is not None:
        return RowError.of(CHAT_ROW, "code", of.exists, code=value.upper())
    return of.record.field_problem(column, {**draft, column: value}, CHAT_ROW, _known(session, today))
