"""Admins' edits from chat: field: value messages, the step-by-step form's checks, close and reopen, audit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from bot.services import audit, listings
from bot.services.catalog_csv import ALL_COLUMNS, DESK_ALL_COLUMNS
from bot.store import catalog as store
from bot.store.models import AuditEntry, ProductStatus

ADMIN = 900
NEW = {"code": "tex-050", "name_en": "Spandex yarn", "name_fa": "نخ اسپندکس", "hs_code": "5402.44", "sector": "textiles"}


def entries(session: Session) -> list[AuditEntry]:
    return list(session.exec(select(AuditEntry).order_by(AuditEntry.id)))  # type: ignore[arg-type]


def test_field_lines_with_continuations_and_problems() -> None:
    parsed = listings.parse_field_lines(
        "code: X-1\nName_EN :  Valve: DN50 \ndescription: first line\nsecond line\n\ndesk:", ALL_COLUMNS
    )
    assert parsed.errors == []
    assert parsed.values == {"code": "X-1", "name_en": "Valve: DN50", "description": "first line\nsecond line", "desk": ""}
    bad = listings.parse_field_lines("just text\nhscode: 8413\ncode: A\ncode: B", ALL_COLUMNS)
    assert [(e.key, e.column) for e in bad.errors] == [("line_not_field", None), ("field_unknown", None), ("field_repeated", "code")]
    assert listings.parse_field_lines("  \n", ALL_COLUMNS).errors[0].key == "no_fields"


def test_add_product_is_checked_like_a_csv_row_and_audited(seeded: Session) -> None:
    saved = listings.add_product(ADMIN, NEW, session=seeded)
    assert saved.ok and saved.code == "TEX-050"
    product = store.get_product("TEX-050", session=seeded)
    assert product is not None and product.hs_code == "540244" and product.status is ProductStatus.OPEN
    (entry,) = entries(seeded)
    assert (entry.actor_id, entry.action, entry.target) == (ADMIN, audit.PRODUCT_ADD, "TEX-050")
    assert entry.before is None and entry.after is not None and entry.after["name_fa"] == "نخ اسپندکس"
    again = listings.add_product(ADMIN, NEW, session=seeded)
    assert [e.key for e in again.errors] == ["code_exists"]
    bad = listings.add_product(ADMIN, {**NEW, "code": "TEX-051", "hs_code": "12", "sector": "rail", "desk": "DESK-AUT"}, session=seeded)
    assert [(e.column, e.key) for e in bad.errors] == [("hs_code", "hs_invalid"), ("desk", "desk_sector")]
    assert store.get_product("TEX-051", session=seeded) is None and len(entries(seeded)) == 1


def test_edit_checks_the_whole_record_and_logs_only_what_changed(seeded: Session) -> None:
    saved = listings.edit_product(ADMIN, "aut-002", {"annual_import_usd": "30,000,000", "aliases": "brake pads; لنت"}, session=seeded)
    assert saved.ok and set(saved.changed) == {"annual_import_usd", "aliases"}
    (entry,) = entries(seeded)
    assert entry.action == audit.PRODUCT_EDIT and entry.before == {"annual_import_usd": 27_800_000, "aliases": saved.changed["aliases"][0]}
    assert entry.after == {"annual_import_usd": 30_000_000, "aliases": "brake pads;لنت"}
    # Moving to another sector needs a desk of that sector.
    moved = listings.edit_product(ADMIN, "AUT-002", {"sector": "rail"}, session=seeded)
    assert [(e.column, e.key) for e in moved.errors] == [("desk", "desk_sector")]
    assert listings.edit_product(ADMIN, "AUT-002", {"code": "AUT-999"}, session=seeded).errors[0].key == "code_fixed"
    unchanged = listings.edit_product(ADMIN, "AUT-002", {"status": "awarded"}, session=seeded)
    assert unchanged.ok and unchanged.changed == {} and len(entries(seeded)) == 1
    with pytest.raises(listings.NotFound):
        listings.edit_product(ADMIN, "NOPE-1", {"status": "open"}, session=seeded)


def test_close_and_reopen(seeded: Session) -> None:
    closed = listings.set_status(ADMIN, "AUT-001", ProductStatus.CLOSED, session=seeded)
    assert closed.changed == {"status": (ProductStatus.OPEN, ProductStatus.CLOSED)}
    assert not listings.set_status(ADMIN, "AUT-001", ProductStatus.CLOSED, session=seeded).changed
    listings.set_status(ADMIN, "AUT-001", ProductStatus.OPEN, session=seeded)
    assert [(e.action, e.before, e.after) for e in entries(seeded)] == [
        (audit.PRODUCT_CLOSE, {"status": "open"}, {"status": "closed"}),
        (audit.PRODUCT_REOPEN, {"status": "closed"}, {"status": "open"}),
    ]


def test_current_fields_read_back_as_an_edit(seeded: Session) -> None:
    fields = listings.current_fields("product", "AUT-001", session=seeded)
    assert fields is not None and list(fields) == list(ALL_COLUMNS)
    assert fields["deadline"] == "2027-03-31" and fields["status"] == "open" and fields["desk"] == "DESK-AUT"
    assert listings.edit_product(ADMIN, "AUT-001", fields, session=seeded).changed == {}
    desk = listings.current_fields("desk", "DESK-AUT", session=seeded)
    assert desk is not None and list(desk) == list(DESK_ALL_COLUMNS) and desk["active"] == "true"
    assert listings.current_fields("product", "NOPE", session=seeded) is None


def test_desks_are_added_and_edited_with_the_desk_rules(seeded: Session) -> None:
    raw = {"code": "desk-tex2", "sector": "textiles", "name_en": "Technical textiles desk", "name_fa": "میز منسوجات فنی", "budget_eur": "1,000,000"}
    saved = listings.add_desk(ADMIN, raw, session=seeded)
    assert saved.ok and saved.code == "DESK-TEX2"
    desk = store.get_desk("DESK-TEX2", session=seeded)
    assert desk is not None and desk.budget_eur == 1_000_000 and desk.active
    assert [e.key for e in listings.add_desk(ADMIN, raw, session=seeded).errors] == ["desk_exists"]
    edited = listings.edit_desk(ADMIN, "DESK-TEX2", {"active": "false", "program_year": "۱۴۰۲"}, session=seeded)
    assert edited.ok and edited.changed == {"active": (True, False), "program_year": (None, 1402)}
    assert [e.key for e in listings.edit_desk(ADMIN, "DESK-TEX2", {"active": "maybe"}, session=seeded).errors] == ["active_invalid"]
    # A desk cannot leave its sector while listings of that sector name it.
    moved = listings.edit_desk(ADMIN, "DESK-AUT", {"sector": "rail"}, session=seeded)
    assert [(e.key, dict(e.values)["example"]) for e in moved.errors] == [("desk_in_use", "AUT-001")]
    assert [e.action for e in entries(seeded)] == [audit.DESK_ADD, audit.DESK_EDIT]


def test_each_step_of_the_form_is_checked_with_the_answers_before_it(seeded: Session) -> None:
    assert listings.check_step("product", "code", "aut-002", {}, session=seeded).key == "code_exists"  # type: ignore[union-attr]
    assert listings.check_step("product", "code", "new code", {}, session=seeded).key == "code_invalid"  # type: ignore[union-attr]
    assert listings.check_step("product", "code", "NEW-1", {}, session=seeded) is None
    assert listings.check_step("product", "hs_code", "84", {}, session=seeded).key == "hs_invalid"  # type: ignore[union-attr]
    assert listings.check_step("product", "annual_import_usd", "", {}, session=seeded) is None
    assert listings.check_step("product", "desk", "DESK-AUT", {"sector": "rail"}, session=seeded).key == "desk_sector"  # type: ignore[union-attr]
    assert listings.check_step("desk", "code", "DESK-AUT", {}, session=seeded).key == "desk_exists"  # type: ignore[union-attr]
    assert listings.check_step("desk", "budget_eur", "lots", {}, session=seeded).key == "number_invalid"  # type: ignore[union-attr]
    steps = listings.STEPS["product"]
    assert [s.column for s in steps if s.required] == ["code", "name_en", "name_fa", "hs_code", "sector"]


def test_a_typed_deadline_is_checked_against_today_only_when_it_changes(seeded: Session) -> None:
    """Adding or changing a deadline refuses a past day; editing another field of a listing whose deadline has
    passed (or closing it) still works, and a deadline left alone keeps its stored day."""
    today = date(2026, 11, 30)
    saved = listings.add_product(ADMIN, {**NEW, "deadline": "۲۵ دی ۱۴۰۵"}, session=seeded, today=today)
    assert saved.ok and store.get_product("TEX-050", session=seeded).deadline == date(2027, 1, 15)  # type: ignore[union-attr]
    past = listings.add_product(ADMIN, {**NEW, "code": "TEX-051", "deadline": "1404/10/25"}, session=seeded, today=today)
    assert [(e.key, e.column) for e in past.errors] == [("deadline_past", "deadline")]
    assert listings.edit_product(ADMIN, "TEX-050", {"deadline": "2026-11-29"}, session=seeded, today=today).errors[0].key == "deadline_past"
    assert listings.edit_product(ADMIN, "TEX-050", {"deadline": "2026-11-29"}, session=seeded).ok  # scripts: no today
    later = date(2027, 6, 1)
    assert listings.edit_product(ADMIN, "TEX-050", {"name_en": "Spandex"}, session=seeded, today=later).ok
    assert listings.set_status(ADMIN, "TEX-050", ProductStatus.CLOSED, session=seeded).ok
    problem = listings.check_step("product", "deadline", "1404-12-30", {}, session=seeded, today=today)
    assert problem is not None and (problem.key, dict(problem.values)) == ("deadline_no_such_day", {"value": "1404-12-30", "days": "29"})


def test_an_edit_keeps_a_stored_gregorian_14xx_deadline_it_does_not_change(seeded: Session) -> None:
    """A deadline stored as a Gregorian year 1300–1499 by an older version is not silently re-read as Jalali."""
    product = store.get_product("AUT-001", session=seeded)
    assert product is not None
    product.deadline = date(1405, 10, 25)
    seeded.add(product)
    seeded.flush()
    saved = listings.edit_product(ADMIN, "AUT-001", {"name_en": "Renamed"}, session=seeded, today=date(2026, 11, 30))
    assert saved.ok and set(saved.changed) == {"name_en"}
    assert store.get_product("AUT-001", session=seeded).deadline == date(1405, 10, 25)  # type: ignore[union-attr]
