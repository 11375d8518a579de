"""Chat imports: a valid upload waits in the database for its uploader's Apply, which writes all of it or nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from bot.services import audit, catalog, imports, listings
from bot.services.catalog_csv import REQUIRED_COLUMNS
from bot.store import catalog as store
from bot.store.models import AuditEntry, PendingImport, ProductStatus, utcnow

ADMIN, OTHER_ADMIN = 900, 901
HEADER = ",".join(REQUIRED_COLUMNS)
VALID = f"{HEADER}\nIMP-1,Valve,شیر,,848180,oil_gas,1,open,d\nAUT-002,Brake pad set,لنت ترمز دیسکی,,870830,automotive,5,closed,x\n".encode()


def pending(session: Session) -> list[PendingImport]:
    return list(session.exec(select(PendingImport)))


def test_preview_counts_and_keeps_the_file_without_touching_the_catalog(seeded: Session) -> None:
    preview = imports.preview(ADMIN, "catalog.csv", VALID, session=seeded)
    assert preview.report.ok and (preview.report.counts.new, preview.report.counts.changed) == (1, 1)
    assert preview.import_id is not None
    seeded.commit()
    (kept,) = pending(seeded)
    assert (kept.uploaded_by, kept.file_name, kept.data) == (ADMIN, "catalog.csv", VALID)
    assert store.get_product("IMP-1", session=seeded) is None


def test_apply_writes_everything_once_and_audits_it(seeded: Session) -> None:
    preview = imports.preview(ADMIN, "catalog.csv", VALID, session=seeded)
    assert preview.import_id is not None
    assert imports.apply(OTHER_ADMIN, preview.import_id, session=seeded).outcome is imports.Outcome.NOT_YOURS
    result = imports.apply(ADMIN, preview.import_id, session=seeded)
    assert result.outcome is imports.Outcome.APPLIED
    seeded.commit()
    assert store.get_product("IMP-1", session=seeded) is not None
    product = store.get_product("AUT-002", session=seeded)
    assert product is not None and product.status is ProductStatus.CLOSED
    assert imports.apply(ADMIN, preview.import_id, session=seeded).outcome is imports.Outcome.GONE
    (entry,) = seeded.exec(select(AuditEntry)).all()
    assert (entry.action, entry.target, entry.actor_id) == (audit.IMPORT, "catalog.csv", ADMIN)
    assert entry.before is not None and list(entry.before["products"]) == ["AUT-002"]
    before = entry.before["products"]["AUT-002"]
    assert (before["status"], before["annual_import_usd"]) == ("awarded", 27_800_000) and "name_en" not in before
    assert entry.after is not None and (entry.after["new"], entry.after["changed"]) == (1, 1)
    assert entry.after["products"]["IMP-1"]["name_fa"] == "شیر" and entry.after["products"]["AUT-002"]["status"] == "closed"
    assert pending(seeded) == []


def test_cancel_writes_nothing(seeded: Session) -> None:
    preview = imports.preview(ADMIN, "catalog.csv", VALID, session=seeded)
    assert preview.import_id is not None
    assert imports.cancel(ADMIN, preview.import_id, session=seeded).outcome is imports.Outcome.CANCELLED
    assert imports.apply(ADMIN, preview.import_id, session=seeded).outcome is imports.Outcome.GONE
    seeded.commit()
    assert store.get_product("IMP-1", session=seeded) is None and pending(seeded) == []
    assert seeded.exec(select(AuditEntry)).all() == []


def test_an_old_preview_expires(seeded: Session) -> None:
    preview = imports.preview(ADMIN, "catalog.csv", VALID, session=seeded)
    assert preview.import_id is not None
    later = utcnow() + imports.MAX_AGE + timedelta(minutes=1)
    assert imports.apply(ADMIN, preview.import_id, session=seeded, now=later).outcome is imports.Outcome.EXPIRED
    assert store.get_product("IMP-1", session=seeded) is None
    # A new upload also clears expired ones left behind.
    stale = imports.preview(ADMIN, "old.csv", VALID, session=seeded)
    imports.preview(ADMIN, "new.csv", VALID, session=seeded, now=later)
    assert [p.file_name for p in pending(seeded)] == ["new.csv"] and stale.import_id is not None


def test_apply_validates_again(seeded: Session) -> None:
    data = f"{HEADER},desk\nIMP-2,Valve,شیر,,848180,oil_gas,1,open,d,DESK-X\n".encode()
    listings.add_desk(ADMIN, {"code": "DESK-X", "sector": "oil_gas", "name_en": "X", "name_fa": "ایکس"}, session=seeded)
    preview = imports.preview(ADMIN, "catalog.csv", data, session=seeded)
    assert preview.import_id is not None
    assert listings.edit_desk(ADMIN, "DESK-X", {"sector": "rail"}, session=seeded).ok  # the desk moved meanwhile
    result = imports.apply(ADMIN, preview.import_id, session=seeded)
    assert result.outcome is imports.Outcome.INVALID and result.report is not None
    assert [(e.row, e.key) for e in result.report.errors] == [(2, "desk_sector")]
    assert store.get_product("IMP-2", session=seeded) is None


def test_nothing_is_kept_for_a_file_with_problems_or_without_changes(seeded: Session) -> None:
    bad = imports.preview(ADMIN, "bad.csv", f"{HEADER}\nX-1,a,b,,12,mars,x,open,d\n".encode(), session=seeded)
    assert not bad.report.ok and bad.import_id is None
    same = imports.preview(ADMIN, "same.csv", catalog.export_products(session=seeded, spreadsheet=True).encode(), session=seeded)
    assert same.report.ok and same.report.counts.unchanged == store.count_products(session=seeded) and same.import_id is None
    assert pending(seeded) == []
