"""Admins' changes to listings and desks from chat: ``field: value`` messages, step-by-step drafts, close and reopen.

Records are checked by the same rules as the CSV files (:mod:`bot.services.catalog_csv`), written through the
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
from .catalog import to_row
from .catalog_csv import (
    ALL_COLUMNS,
    DESK_ALL_COLUMNS,
    RowError,
    check_desk_field,
    check_product_field,
    validate_desk,
    validate_product,
)

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
                errors.append(RowError.of(CHAT_ROW, None, "field_unknown", name=name, known=", ".join(columns)))
                current = None
            elif name in values:
                errors.append(RowError.of(CHAT_ROW, name, "field_repeated", name=name))
                current = None
            else:
                values[name] = found.group(2).strip()
                current = name
        elif not line.strip():
            continue
        elif current is not None:
            values[current] = f"{values[current]}\n{line.strip()}".strip()
        else:
            errors.append(RowError.of(CHAT_ROW, None, "line_not_field", line=str(number)))
    if not values and not errors:
        errors.append(RowError.of(CHAT_ROW, None, "no_fields"))
    return FieldLines(values, errors)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, ProductStatus):
        return value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value.isoformat() if hasattr(value, "isoformat") else value)


def product_fields(product: Product) -> dict[str, str]:
    """A stored listing as ``field: value`` texts (what an admin edits)."""
    values = to_row(product).values()
    return {column: _text(values[column]) for column in ALL_COLUMNS}


def desk_fields(desk: Desk) -> dict[str, str]:
    """A stored desk as ``field: value`` texts."""
    return {column: _text(getattr(desk, column)) for column in DESK_ALL_COLUMNS}


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


def _known(session: Session) -> tuple[set[str], dict[str, str]]:
    return store.sector_keys(session=session), store.desk_sectors(session=session)


def add_product(actor_id: int, raw: Mapping[str, str], *, session: Session) -> Saved:
    """Add a listing from its texts (missing fields are empty), or report every problem and write nothing."""
    sectors, desks = _known(session)
    code = raw.get("code", "").strip().upper()
    if code and store.get_product(code, session=session) is not None:
        return Saved(code, [RowError.of(CHAT_ROW, "code", "code_exists", code=code)])
    row, errors = validate_product({c: raw.get(c, "").strip() for c in ALL_COLUMNS}, CHAT_ROW, sectors=sectors, desks=desks)
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
        return Saved(product.code, [RowError.of(CHAT_ROW, "code", "code_fixed", code=product.code)])
    current = product_fields(product)
    sectors, desks = _known(session)
    raw = {**current, **{name: value.strip() for name, value in changes.items()}}
    row, errors = validate_product(raw, CHAT_ROW, sectors=sectors, desks=desks)
    if row is None:
        return Saved(product.code, errors)
    before = to_row(product).values()
    after = row.values()
    changed = {name: (before[name], after[name]) for name in ALL_COLUMNS if before[name] != after[name]}
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
        return Saved(code, [RowError.of(CHAT_ROW, "code", "desk_exists", code=code)])
    row, errors = validate_desk(
        {c: raw.get(c, "").strip() for c in DESK_ALL_COLUMNS}, CHAT_ROW, sectors=store.sector_keys(session=session)
    )
    if row is None:
        return Saved(code, errors)
    store.upsert_desks([row], session=session)
    audit.record(actor_id, audit.DESK_ADD, session=session, target=str(row["code"]), after=row)
    return Saved(str(row["code"]), changed={name: (None, value) for name, value in row.items()})


def edit_desk(actor_id: int, code: str, changes: Mapping[str, str], *, session: Session) -> Saved:
    """Change some fields of a desk. Raises :class:`NotFound` for an unknown code."""
    desk = store.get_desk(code, session=session)
    if desk is None:
        raise NotFound(code)
    if changes.get("code", desk.code).strip().upper() != desk.code:
        return Saved(desk.code, [RowError.of(CHAT_ROW, "code", "code_fixed", code=desk.code)])
    raw = {**desk_fields(desk), **{name: value.strip() for name, value in changes.items()}}
    row, errors = validate_desk(raw, CHAT_ROW, sectors=store.sector_keys(session=session))
    if row is None:
        return Saved(desk.code, errors)
    # Listings must stay valid: a desk serves listings of its own sector only.
    strays = [p.code for p in store.products(session=session, desk=desk.code) if p.sector != row["sector"]]
    if strays:
        return Saved(desk.code, [RowError.of(CHAT_ROW, "sector", "desk_in_use", count=str(len(strays)), example=strays[0])])
    before = {column: getattr(desk, column) for column in DESK_ALL_COLUMNS}
    changed = {name: (before[name], row[name]) for name in DESK_ALL_COLUMNS if before[name] != row[name]}
    if changed:
        store.upsert_desks([row], session=session)
        audit.record(
            actor_id, audit.DESK_EDIT, session=session, target=desk.code,
            before={name: old for name, (old, _) in changed.items()}, after={name: new for name, (_, new) in changed.items()},
        )
    return Saved(desk.code, changed=changed)


# ------------------------------------------------------------------ step-by-step drafts


@dataclass(frozen=True, slots=True)
class Step:
    """One question of the step-by-step form: the field it asks for and whether /skip may leave it empty."""

    column: str
    required: bool


STEPS: dict[Kind, tuple[Step, ...]] = {
    "product": (
        Step("code", True),
        Step("name_en", True),
        Step("name_fa", True),
        Step("hs_code", True),
        Step("sector", True),
        Step("annual_import_usd", False),
        Step("aliases", False),
        Step("description", False),
        Step("description_fa", False),
    ),
    "desk": (
        Step("code", True),
        Step("sector", True),
        Step("name_en", True),
        Step("name_fa", True),
        Step("program_year", False),
        Step("budget_eur", False),
        Step("contact", False),
        Step("description", False),
    ),
}


def check_step(kind: Kind, column: str, value: str, draft: Mapping[str, str], *, session: Session) -> RowError | None:
    """The problem with one answer of the step-by-step form, given the answers before it; None if it is fine."""
    value = value.strip()
    raw = {**draft, column: value}
    if column == "code" and value:
        exists = store.get_product(value, session=session) if kind == "product" else store.get_desk(value, session=session)
        if exists is not None:
            return RowError.of(CHAT_ROW, "code", "code_exists" if kind == "product" else "desk_exists", code=value.upper())
    if kind == "product":
        sectors, desks = _known(session)
        return check_product_field(column, raw, CHAT_ROW, sectors=sectors, desks=desks)[1]
    return check_desk_field(column, raw, CHAT_ROW, sectors=store.sector_keys(session=session))[1]


def add(kind: Kind, actor_id: int, raw: Mapping[str, str], *, session: Session) -> Saved:
    """Add a listing or a desk (the end of the step-by-step form)."""
    return (add_product if kind == "product" else add_desk)(actor_id, raw, session=session)
