"""Registry imports of production units: all rows or none, every problem with its row and column, by unit id."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from sqlmodel import Session, select

from bot.services import audit, claims, exports, imports, registry
from bot.services.catalog_csv import read_csv
from bot.services.problems import CsvFormatError, Problem
from bot.store import registry as store
from bot.store.models import AuditEntry, ManufacturerProfile, ProfileSource, User

HEADER = ",".join(registry.REQUIRED_COLUMNS)
GOOD = (
    f"{HEADER},idle_since,knowledge_based,certifications,materials\n"
    "u-100,Pars Valve Co,Tehran,2813,Gate valves and ball valves,machining;Casting,active,500 valves a month,021-555,,no,ISO 9001,steel\n"
    "۲۰۰,صنایع ریخته‌گری اصفهان,استان اصفهان,۲۴۳۱,پوسته پمپ و بدنه شیر,ریخته‌گری؛machining,راکد,,,1402/05/01,بله,,چدن\n"
    "U-300,Khorasan Plastics,khorasan razavi,22 20,Injection moulded parts,injection_moulding,غیرفعال,,,,false,,\n"
)


def _import(session: Session, text: str, *, dry_run: bool = False) -> registry.UnitImportReport:
    return registry.import_units(text, session=session, dry_run=dry_run)


def _unit(session: Session, unit_id: str) -> ManufacturerProfile:
    found = store.units_by_id([unit_id], session=session)
    assert unit_id in found, unit_id
    return found[unit_id]


def test_a_good_file_becomes_registry_profiles(seeded: Session) -> None:
    report = _import(seeded, GOOD)
    assert report.ok and report.applied and (report.rows, report.counts.new) == (3, 3)
    valve = _unit(seeded, "U-100")
    assert (valve.source, valve.user_id, valve.company, valve.province, valve.isic_code) == (
        ProfileSource.REGISTRY, None, "Pars Valve Co", "tehran", "2813")
    assert (valve.makes, valve.processes, valve.certifications, valve.idle, valve.illustrative) == (
        "Gate valves and ball valves", "machining;casting", "iso_9001", False, False)
    foundry = _unit(seeded, "200")  # Persian digits, as registries in Excel write them
    assert (foundry.province, foundry.isic_code, foundry.processes, foundry.idle, foundry.knowledge_based) == (
        "isfahan", "2431", "casting;machining", True, True)
    assert foundry.idle_since is not None and foundry.idle_since.isoformat() == "2023-07-23"
    plastics = _unit(seeded, "U-300")
    assert (plastics.province, plastics.isic_code, plastics.idle) == ("razavi_khorasan", "2220", True)


def test_a_dry_run_counts_and_writes_nothing(seeded: Session) -> None:
    report = _import(seeded, GOOD, dry_run=True)
    assert report.ok and not report.applied and report.counts.new == 3
    assert store.units_by_id(["U-100"], session=seeded) == {}


BAD_ROWS = [
    (",Name,Tehran,2813,things,,active,,", "unit_id", Problem.FIELD_EMPTY),
    ("A B,Name,Tehran,2813,things,,active,,", "unit_id", Problem.UNIT_ID_INVALID),
    ("X1,,Tehran,2813,things,,active,,", "name", Problem.FIELD_EMPTY),
    (f"X1,{'n' * 201},Tehran,2813,things,,active,,", "name", Problem.TEXT_TOO_LONG),
    ("X1,Name,Atlantis,2813,things,,active,,", "province", Problem.PROVINCE_UNKNOWN),
    ("X1,Name,Tehran,28A3,things,,active,,", "isic_code", Problem.ISIC_INVALID),
    ("X1,Name,Tehran,2813,,,active,,", "products", Problem.FIELD_EMPTY),
    ("X1,Name,Tehran,2813,things,machining;knitting,active,,", "processes", Problem.PROCESS_UNKNOWN),
    ("X1,Name,Tehran,2813,things,,sleeping,,", "status", Problem.UNIT_STATUS_UNKNOWN),
]


@pytest.mark.parametrize(("row", "column", "problem"), BAD_ROWS)
def test_each_bad_row_is_named_with_its_row_and_column_and_nothing_is_written(seeded: Session, row: str, column: str,
                                                                             problem: Problem) -> None:
    text = f"{HEADER}\nOK-1,Fine,Tehran,2813,things,,active,,\n{row}\n"
    report = _import(seeded, text)
    assert not report.ok and not report.applied
    assert [(error.row, error.column, error.key) for error in report.errors] == [(3, column, problem)]
    assert store.units_by_id(["OK-1"], session=seeded) == {}


def test_every_problem_of_a_file_is_listed_at_once(seeded: Session) -> None:
    text = (f"{HEADER},knowledge_based,certifications,idle_since\n"
            "A0,One,Tehran,2813,x,,active,,,maybe,ISO 9999,\n"
            "A1,Two,Tehran,2813,x,,active,,,,,\n"
            "a1,Two again,Tehran,2813,x,,active,,,,,\n"
            "A2,Three,Tehran,2813,x,,idle,,,,,31/31/1400\n"
            "A3,Four\n")
    report = _import(seeded, text)
    assert [(error.row, error.column, error.key) for error in report.errors] == [
        (2, "knowledge_based", Problem.YES_NO_INVALID), (2, "certifications", Problem.CERTIFICATION_UNKNOWN),
        (4, "unit_id", Problem.CODE_DUPLICATE), (5, "idle_since", Problem.DEADLINE_INVALID), (6, None, Problem.ROW_WIDTH),
    ]


def test_an_idle_date_in_the_future_or_on_an_active_unit_is_refused_whole(seeded: Session) -> None:
    """Blind trial: 1405/11/01 (in the future) and an idle date on an active unit were imported; the chat's profile
    steps refuse both. The whole file is refused, each named by row and column."""
    from datetime import date

    from bot.telegram.problems import english, row_problem

    text = (f"{HEADER},idle_since\n"
            "OK-1,Fine,Tehran,2813,things,,idle,,,1402/05/01\n"
            "F-1,Future,Tehran,2813,things,,idle,,,1405/11/01\n"
            "A-1,Active,Tehran,2813,things,,active,,,1402/05/01\n"
            "A-2,Active,Tehran,2813,things,,فعال,,,\n")
    table = read_csv(text)
    parsed = registry.parse_unit_table(table, today=date(2026, 12, 1))
    assert [(error.row, error.column, error.key) for error in parsed.errors] == [
        (3, "idle_since", Problem.IDLE_SINCE_FUTURE), (4, "idle_since", Problem.IDLE_SINCE_ACTIVE)]
    assert english(parsed.errors[0]).startswith("Row 3, idle_since: “1405/11/01” is in the future")
    assert "«1405/11/01» در آینده است" in row_problem("fa", parsed.errors[0])
    report = _import(seeded, text.replace("1405/11/01", "1480/11/01"))  # the real today
    assert not report.ok and not report.applied and store.units_by_id(["OK-1", "A-2"], session=seeded) == {}
    # The day itself is not the future.
    assert registry.parse_unit_table(table, today=date(2027, 1, 21)).errors[0].key is Problem.IDLE_SINCE_ACTIVE


def test_a_city_in_the_province_column_is_read_as_its_province(seeded: Session) -> None:
    """Blind trial: «کرج» in a units row gave «استانی به نام «کرج» نمی‌شناسم» (seed_data/cities.csv)."""
    text = f"{HEADER}\nC-1,Alborz Parts,کرج,2813,things,,active,,\nC-2,Saveh Steel,Saveh,2410,things,,active,,\n"
    report = _import(seeded, text)
    assert report.ok, report.errors
    assert (_unit(seeded, "C-1").province, _unit(seeded, "C-2").province) == ("alborz", "markazi")


def test_processes_written_in_finglish_or_as_trade_words_are_read(seeded: Session) -> None:
    """seed_data/process_words.csv serves the units file's processes column too."""
    report = _import(seeded, f"{HEADER}\nP-1,Mould Co,Tehran,2813,moulds,tazrigh plastic; قالبسازی,active,,\n")
    assert report.ok, report.errors
    assert _unit(seeded, "P-1").processes == "injection_moulding;mould_making"


def test_a_wrong_header_is_refused_whole(seeded: Session) -> None:
    with pytest.raises(CsvFormatError) as refused:
        _import(seeded, "unit_id,name,province\nX,Y,Tehran\n")
    assert refused.value.key is Problem.WRONG_HEADER and "products" in refused.value.values["missing"]


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_file_imports_like_its_csv(seeded: Session) -> None:
    header, rows = read_csv(GOOD)
    data = _xlsx([header, *rows])
    report = registry.import_units(data, session=seeded, file_name="units.xlsx")
    assert report.ok and report.counts.new == 3 and _unit(seeded, "200").province == "isfahan"


def test_reimport_is_idempotent_and_updates_unclaimed_units_only(seeded: Session) -> None:
    assert _import(seeded, GOOD).counts.new == 3
    again = _import(seeded, GOOD)
    assert (again.counts.new, again.counts.changed, again.counts.unchanged) == (0, 0, 3)
    changed = GOOD.replace("500 valves a month", "800 valves a month")
    report = _import(seeded, changed)
    assert (report.counts.changed, report.counts.unchanged) == (1, 2)
    (change,) = report.counts.changes
    assert (change.key, change.before, change.after) == ("U-100", {"capacity": "500 valves a month"}, {"capacity": "800 valves a month"})
    status = _import(seeded, changed.replace("injection_moulding,غیرفعال", "injection_moulding,فعال")).counts.changes
    assert [(c.key, c.before, c.after) for c in status] == [("U-300", {"status": "idle"}, {"status": "active"})]
    # A later file without a unit keeps it: registries publish extracts.
    _import(seeded, f"{HEADER}\nU-999,New,Tehran,,things,,active,,\n")
    assert _unit(seeded, "U-100").capacity == "800 valves a month"


def test_optional_columns_a_file_leaves_out_keep_their_values(seeded: Session) -> None:
    _import(seeded, GOOD)
    _import(seeded, f"{HEADER}\n200,صنایع ریخته‌گری اصفهان,اصفهان,2431,پوسته پمپ,casting,idle,,\n")
    foundry = _unit(seeded, "200")
    assert foundry.knowledge_based and foundry.materials == "چدن" and foundry.makes == "پوسته پمپ"


def test_a_claimed_unit_keeps_its_owners_values_and_is_reported(seeded: Session) -> None:
    _import(seeded, GOOD)
    seeded.add(User(id=501, first_name="Owner"))
    seeded.flush()
    valve = _unit(seeded, "U-100")
    asked = claims.ask(501, valve.id or 0, "I run it", session=seeded)
    assert asked.outcome is claims.Asked.SENT and asked.claim is not None
    assert claims.decide(9, asked.claim.id or 0, True, session=seeded).outcome is claims.Decided.APPROVED
    valve.makes = "Owner's own words"
    seeded.add(valve)
    seeded.commit()
    report = _import(seeded, GOOD.replace("500 valves a month", "900 a month"))
    assert report.kept == ("U-100",) and report.counts.changed == 0
    valve = _unit(seeded, "U-100")
    assert (valve.user_id, valve.makes, valve.capacity) == (501, "Owner's own words", "500 valves a month")


def test_chat_upload_of_a_units_file_previews_then_applies_and_audits(seeded: Session) -> None:
    data = GOOD.encode()
    preview = imports.preview(900, "units.csv", data, session=seeded)
    assert preview.report.ok and preview.import_id is not None and preview.report.counts.new == 3
    assert isinstance(preview.report, registry.UnitImportReport)
    seeded.commit()
    assert store.units_by_id(["U-100"], session=seeded) == {}
    result = imports.apply(900, preview.import_id, session=seeded)
    assert result.outcome is imports.Outcome.APPLIED
    seeded.commit()
    assert _unit(seeded, "U-300").company == "Khorasan Plastics"
    (entry,) = seeded.exec(select(AuditEntry).where(AuditEntry.action == audit.IMPORT)).all()
    assert entry.after is not None and sorted(entry.after["units"]) == ["200", "U-100", "U-300"]


def test_the_profiles_export_imports_back_unchanged(seeded: Session) -> None:
    _import(seeded, GOOD)
    seeded.add(User(id=777, first_name="Chat"))
    seeded.flush()
    seeded.add(ManufacturerProfile(user_id=777, company="=HYPERLINK(evil)", makes="bolts", consent=True))
    seeded.commit()
    export = exports.export("profiles", 900, session=seeded, tz=__import__("zoneinfo").ZoneInfo("Asia/Tehran"))
    assert export.data.startswith(b"\xef\xbb\xbf") and export.file_name.startswith("profiles-")
    text = export.data.decode("utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert header == [*registry.ALL_COLUMNS, "source", "owner_user_id", "consent", "updated_at"]
    assert "'=HYPERLINK(evil)" in text  # a would-be formula is neutralised
    units = len(store.registry_units(session=seeded))
    assert export.rows == units + 1
    report = _import(seeded, text)
    assert report.ok and report.skipped == 1 and (report.counts.new, report.counts.changed, report.counts.unchanged) == (0, 0, units)
    (entry,) = seeded.exec(select(AuditEntry).where(AuditEntry.action == audit.EXPORT)).all()
    assert (entry.target, entry.actor_id) == ("profiles", 900)


def test_an_unanswered_idle_question_is_exported_as_unknown_and_reads_back_unanswered(seeded: Session) -> None:
    # A chat profile whose owner skipped the idle question, and a registry unit whose file said «نامعلوم».
    seeded.add(User(id=778, first_name="Chat"))
    seeded.flush()
    seeded.add(ManufacturerProfile(user_id=778, company="Unsaid Co", makes="bolts", idle=None))
    seeded.commit()
    report = _import(seeded, f"{HEADER}\nU-400,Quiet Works,Tehran,,Flanges,,نامعلوم,,\n")
    assert report.ok and _unit(seeded, "U-400").idle is None
    _, rows = registry.export_table(session=seeded)
    status = {row[1]: row[registry.ALL_COLUMNS.index("status")] for row in rows}
    assert status["Unsaid Co"] == "unknown" and status["Quiet Works"] == "unknown"  # never "active"
    text, _ = registry.export_profiles(session=seeded)
    again = _import(seeded, text)
    assert again.ok and again.counts.changed == 0 and _unit(seeded, "U-400").idle is None
    # An explicit answer still overrides, and an empty status is still "active", as registries' files mean it.
    assert _import(seeded, f"{HEADER}\nU-400,Quiet Works,Tehran,,Flanges,,,,\n").ok and _unit(seeded, "U-400").idle is False


def test_an_unanswered_knowledge_based_question_is_exported_as_unknown_and_reads_back_unanswered(seeded: Session) -> None:
    """The export wrote a skipped knowledge-based question as an empty cell, which reads back as "no": the same
    convention as ``status`` now, ``unknown`` both ways; an empty cell still means "no"."""
    seeded.add(User(id=779, first_name="Chat"))
    seeded.flush()
    seeded.add(ManufacturerProfile(user_id=779, company="Unsaid KB Co", makes="bolts", knowledge_based=None))
    seeded.commit()
    header = f"{HEADER},knowledge_based"
    report = _import(seeded, f"{header}\nU-500,Quiet Labs,Tehran,,Sensors,,active,,,نامعلوم\nU-501,Sure Labs,Tehran,,Sensors,,active,,,yes\n")
    assert report.ok and _unit(seeded, "U-500").knowledge_based is None and _unit(seeded, "U-501").knowledge_based is True
    _, rows = registry.export_table(session=seeded)
    said = {row[1]: row[registry.ALL_COLUMNS.index("knowledge_based")] for row in rows}
    assert (said["Unsaid KB Co"], said["Quiet Labs"], said["Sure Labs"]) == ("unknown", "unknown", "true")
    text, _ = registry.export_profiles(session=seeded)
    again = _import(seeded, text)
    assert again.ok and again.counts.changed == 0 and _unit(seeded, "U-500").knowledge_based is None
    # An empty cell is still "no", as registries write it.
    assert _import(seeded, f"{header}\nU-500,Quiet Labs,Tehran,,Sensors,,active,,,\n").ok
    assert _unit(seeded, "U-500").knowledge_based is False


def test_seeding_loads_the_illustrative_units_once(seeded: Session) -> None:
    units = store.registry_units(session=seeded)
    assert len(units) >= 20 and all(unit.illustrative and "(illustrative)" in unit.company for unit in units)
    assert sum(unit.idle for unit in units) >= 4
    from bot.services import catalog

    again = catalog.seed(session=seeded)
    assert (again.units.new, again.units.changed) == (0, 0) and again.units.unchanged == len(units)
