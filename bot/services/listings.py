"""Admins' changes to listings and desks from chat: ``field: value`` messages, step-by-step drafts, close and reopen.

Records are read by the same schemas as the CSV files (:mod:`bot.services.records`), written through the
catalog's upserts (so every write takes the same path as an import) and logged in the audit log.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlmodel import Session

from bot.store import catalog as store
from bot.store.models import Desk, Product, ProductStatus

from . import audit
from .catalog import to_record
from .problems import Problem, RowError
from .records import DeskRecord, Known, ProductRecord, Record, Step

Kind = Literal["product", "desk"]
RECORDS: dict[Kind, type[Record]] = {"product": ProductRecord, "desk": DeskRecord}
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


def _known(session: Session) -> Known:
    return Known(store.sector_keys(session=session), store.desk_sectors(session=session))


def add_product(actor_id: int, raw: Mapping[str, str], *, session: Session) -> Saved:
    """Add a listing from its texts (missing fields are empty), or report every problem and write nothing."""
    code = raw.get("code", "").strip().upper()
    if code and store.get_product(code, session=session) is not None:
        return Saved(code, [RowError.of(CHAT_ROW, "code", Problem.CODE_EXISTS, code=code)])
    row, errors = ProductRecord.read(raw, CHAT_ROW, _known(session))
    if row is None:
        return Saved(code, errors)
    values = row.values()
    store.upsert_products([values], session=session)
    audit.record(actor_id, audit.PRODUCT_ADD, session=session, target=row.code, after=values)
    return Saved(row.code, changed={name: (None, value) for name, value in values.items()})


def edit_product(actor_id: int, code: str, changes: Mapping[str, str], *, session: Session, action: str = audit.PRODUCT_EDIT) -> Saved:
    """Change some fields of a listing; the whole record is checked again (a new sector needs a matching desk).

    Raises :class:`NotFound` for an unknown code. Nothing is written or logged when nothing changes.
    """
    product = store.get_product(code, session=session)
    if product is None:
        raise NotFound(code)
    if changes.get("code", product.code).strip().upper() != product.code:
        return Saved(product.code, [RowError.of(CHAT_ROW, "code", Problem.CODE_FIXED, code=product.code)])
    stored = to_record(product)
    row, errors = ProductRecord.read({**stored.texts(), **changes}, CHAT_ROW, _known(session))
    if row is None:
        return Saved(product.code, errors)
    before = stored.values()
    after = row.values()
    changed = {name: (before[name], after[name]) for name in after if before[name] != after[name]}
    if changed:
        store.upsert_products([after], session=session)
        audit.record(
            actor_id, action, session=session, target=product.code,
            before={name: old for name, (old, _) in changed.items()}, after={name: new for name, (_, new) in changed.items()},
        )
    return Saved(product.code, changed=changed)


def set_status(actor_id: int, code: str, status: ProductStatus, *, session: Session) -> Saved:
    """Close (or reopen) a listing: a status change like any edit, logged as close or reopen."""
    action = audit.PRODUCT_CLOSE if status is ProductStatus.CLOSED else audit.PRODUCT_REOPEN
    return edit_product(actor_id, code, {"status": status.value}, session=session, action=action)


def add_desk(actor_id: int, raw: Mapping[str, str], *, session: Session) -> Saved:
    """Add a desk from its texts, or report every problem and write nothing."""
    code = raw.get("code", "").strip().upper()
    if code and store.get_desk(code, session=session) is not None:
        return Saved(code, [RowError.of(CHAT_ROW, "code", Problem.DESK_EXISTS, code=code)])
    row, errors = DeskRecord.read(raw, CHAT_ROW, _known(session))
    if row is None:
        return Saved(code, errors)
    values = row.values()
    store.upsert_desks([values], session=session)
    audit.record(actor_id, audit.DESK_ADD, session=session, target=row.code, after=values)
    return Saved(row.code, changed={name: (None, value) for name, value in values.items()})


def edit_desk(actor_id: int, code: str, changes: Mapping[str, str], *, session: Session) -> Saved:
    """Change some fields of a desk. Raises :class:`NotFound` for an unknown code."""
    desk = store.get_desk(code, session=session)
    if desk is None:
        raise NotFound(code)
    if changes.get("code", desk.code).strip().upper() != desk.code:
        return Saved(desk.code, [RowError.of(CHAT_ROW, "code", Problem.CODE_FIXED, code=desk.code)])
    stored = DeskRecord.stored(desk)
    row, errors = DeskRecord.read({**stored.texts(), **changes}, CHAT_ROW, _known(session))
    if row is None:
        return Saved(desk.code, errors)
    # Listings must stay valid: a desk serves listings of its own sector only.
    strays = [p.code for p in store.products(session=session, desk=desk.code) if p.sector != row.sector]
    if strays:
        return Saved(desk.code, [RowError.of(CHAT_ROW, "sector", Problem.DESK_IN_USE, count=str(len(strays)), example=strays[0])])
    before = stored.values()
    after = row.values()
    changed = {name: (before[name], after[name]) for name in after if before[name] != after[name]}
    if changed:
        store.upsert_desks([after], session=session)
        audit.record(
            actor_id, audit.DESK_EDIT, session=session, target=desk.code,
            before={name: old for name, (old, _) in changed.items()}, after={name: new for name, (_, new) in changed.items()},
        )
    return Saved(desk.code, changed=changed)


# ------------------------------------------------------------------ step-by-step drafts


# The form's questions, as the record schemas declare them (order, which may be skipped, the message asking).
STEPS: dict[Kind, tuple[Step, ...]] = {kind: record.steps() for kind, record in RECORDS.items()}


def check_step(kind: Kind, column: str, value: str, draft: Mapping[str, str], *, session: Session) -> RowError | None:
    """The problem with one answer of the step-by-step form, given the answers before it; None if it is fine."""
    value = value.strip()
    if column == "code" and value:
        exists = store.get_product(value, session=session) if kind == "product" else store.get_desk(value, session=session)
        if exists is not None:
            problem = Problem.CODE_EXISTS if kind == "product" else Problem.DESK_EXISTS
            return RowError.of(CHAT_ROW, "code", problem, code=value.upper())
    return RECORDS[kind].field_problem(column, {**draft, column: value}, CHAT_ROW, _known(session))


def add(kind: Kind, actor_id: int, raw: Mapping[str, str], *, session: Session) -> Saved:
    """Add a listing or a desk (the end of the step-by-step form)."""
    return (add_product if kind == "product" else add_desk)(actor_id, raw, session=session)
