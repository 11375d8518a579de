"""Seeding, importing and exporting the catalog: idempotence, validation, all-or-nothing writes."""

from __future__ import annotations

import codecs

import pytest
from sqlmodel import Session

from bot.services import catalog
from bot.services.catalog_csv import ALL_COLUMNS, FORMULA_TRIGGERS, REQUIRED_COLUMNS, CsvFormatError, neutralise, unneutralise
from bot.store import catalog as store
from bot.store.models import Desk, Product, ProductStatus
from bot.telegram.problems import english

HEADER = ",".join(REQUIRED_COLUMNS)
GOOD = "NEW-001,Valve <DN50> & fittings,شیر DN50,gate valve;شیر کشویی,8481.80,oil_gas,1200000,open,A \"quoted\" line"


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def test_seed_loads_at_least_210_products_in_every_sector(seeded: Session) -> None:
    assert store.count_products(session=seeded) >= 210
    counts = store.product_counts_by_sector(session=seeded)
    assert set(counts) == {s.key for s in store.sectors(session=seeded)}
    assert len(store.sectors(session=seeded)) == 15


def test_seed_is_idempotent(seeded: Session) -> None:
    report = catalog.seed(session=seeded)
    assert (report.products.new, report.products.changed) == (0, 0)
    assert (report.desks.new, report.desks.changed, report.sectors.new) == (0, 0, 0)


def test_seed_restores_a_seeded_listing_edited_by_hand(seeded: Session) -> None:
    product = store.get_product("AUT-002", session=seeded)
    assert product is not None
    product.name_en = "changed"
    seeded.add(product)
    seeded.commit()
    assert catalog.seed(session=seeded).products.changed == 1


def test_seed_keeps_published_desk_budgets(seeded: Session) -> None:
    budgets = {d.sector: d.budget_eur for d in store.desks(session=seeded) if d.budget_eur}
    assert budgets == {"petrochemicals": 60_000_000, "refining": 80_000_000, "home_appliances": 63_000_000, "automotive": 42_000_000}
    assert sum(budgets.values()) == 245_000_000


def test_import_adds_then_reports_unchanged(seeded: Session) -> None:
    report = catalog.import_products(csv_text(GOOD), session=seeded)
    assert report.ok and report.applied and report.counts.new == 1
    product = store.get_product("new-001", session=seeded)
    assert product is not None
    assert product.hs_code == "848180" and product.annual_import_usd == 1_200_000
    assert product.name_en == "Valve <DN50> & fittings" and product.aliases == "gate valve;شیر کشویی"
    assert catalog.import_products(csv_text(GOOD), session=seeded).counts.unchanged == 1


def test_import_updates_by_code(seeded: Session) -> None:
    row = "AUT-002,Brake pad set,لنت ترمز,brake pads,870830,automotive,99,awarded,updated"
    report = catalog.import_products(csv_text(row), session=seeded)
    assert report.counts.changed == 1
    product = store.get_product("AUT-002", session=seeded)
    assert product is not None and product.status is ProductStatus.AWARDED and product.annual_import_usd == 99


def test_import_keeps_optional_columns_the_file_omits(seeded: Session) -> None:
    before = store.get_product("AUT-002", session=seeded)
    assert before is not None and before.desk == "DESK-AUT"
    catalog.import_products(csv_text("AUT-002,Brake pad set,لنت ترمز,,870830,automotive,1,open,x"), session=seeded)
    seeded.expire_all()
    after = store.get_product("AUT-002", session=seeded)
    assert after is not None and after.desk == "DESK-AUT"


def test_the_persian_description_is_imported_exported_and_kept_when_omitted(seeded: Session) -> None:
    header = HEADER.replace(",description", ",description_fa,description")
    row = "NEW-002,Gate valve,شیر کشویی,,8481.80,oil_gas,1,open,\"شیر کشویی فولادی، برای خطوط لوله\",Steel gate valve."
    assert catalog.import_products(csv_text(row, header=header), session=seeded).ok
    product = store.get_product("NEW-002", session=seeded)
    assert product is not None and (product.description, product.description_fa) == ("Steel gate valve.", "شیر کشویی فولادی، برای خطوط لوله")
    exported = catalog.export_products(session=seeded)
    assert ",description,description_fa,desk," in exported.splitlines()[0]
    assert "Steel gate valve.,شیر کشویی فولادی، برای خطوط لوله,," in exported
    catalog.import_products(csv_text("NEW-002,Gate valve,شیر کشویی,,8481.80,oil_gas,1,open,Steel gate valve."), session=seeded)
    seeded.expire_all()
    kept = store.get_product("NEW-002", session=seeded)
    assert kept is not None and kept.description_fa == "شیر کشویی فولادی، برای خطوط لوله"


def test_every_seed_listing_has_a_persian_description(seeded: Session) -> None:
    missing = [p.code for p in store.products(session=seeded) if not p.description_fa.strip()]
    assert missing == []


def test_every_seed_desk_has_a_persian_description_in_persian_digits(seeded: Session) -> None:
    desks = store.desks(session=seeded)
    assert len(desks) == 15
    assert [d.code for d in desks if not d.description_fa.strip() or any(c.isascii() and c.isdigit() for c in d.description_fa)] == []
    petrochemicals = store.get_desk("DESK-PET", session=seeded)
    assert petrochemicals is not None and "۶۰ میلیون یورو" in petrochemicals.description_fa


def test_a_desks_file_without_the_persian_description_still_reads() -> None:
    from bot.services.catalog_csv import parse_desks

    header = "code,sector,name_en,name_fa,program_year,budget_eur,contact,description"
    rows, errors = parse_desks(f"{header}\nDESK-X,oil_gas,X desk,میز ایکس,1401,,x@example.org,An English line.\n", sectors={"oil_gas"})
    assert errors == [] and [(r.description, r.description_fa) for r in rows] == [("An English line.", "")]
    rows, errors = parse_desks(f"{header},description_fa\nDESK-X,oil_gas,X desk,میز ایکس,,,,An English line.,یک خط فارسی.\n",
                               sectors={"oil_gas"})
    assert errors == [] and rows[0].description_fa == "یک خط فارسی."
    assert rows[0].texts()["description_fa"] == "یک خط فارسی."


def test_no_seed_name_or_alias_names_two_listings(seeded: Session) -> None:
    """A name shared by two listings could only ever be an ambiguous match: each must say which one it means."""
    owners: dict[str, set[str]] = {}
    for product in store.products(session=seeded):
        for name in [product.name_en, product.name_fa, *product.aliases.split(";")]:
            key = " ".join(name.replace("\u200c", " ").lower().split())
            owners.setdefault(key, set()).add(product.code)
    assert {name: codes for name, codes in owners.items() if len(codes) > 1} == {}


def test_dry_run_writes_nothing(seeded: Session) -> None:
    report = catalog.import_products(csv_text(GOOD), session=seeded, dry_run=True)
    assert report.ok and not report.applied and report.counts.new == 1
    assert store.get_product("NEW-001", session=seeded) is None


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        (",a,b,,841370,oil_gas,1,open,d", "code", "code is empty"),
        ("BAD CODE,a,b,,841370,oil_gas,1,open,d", "code", "may use only"),
        ("X-1,,b,,841370,oil_gas,1,open,d", "name_en", "name_en is empty"),
        ("X-1,a,,,841370,oil_gas,1,open,d", "name_fa", "name_fa is empty"),
        ("X-1,a,b,,84A3,oil_gas,1,open,d", "hs_code", "is not an HS code"),
        ("X-1,a,b,,841,oil_gas,1,open,d", "hs_code", "4 to 10 digits"),
        ("X-1,a,b,,841370,fashion,1,open,d", "sector", "unknown sector “fashion”"),
        ("X-1,a,b,,841370,oil_gas,lots,open,d", "annual_import_usd", "not a whole number"),
        ("X-1,a,b,,841370,oil_gas,-5,open,d", "annual_import_usd", "not a whole number"),
        ("X-1,a,b,,841370,oil_gas,1,maybe,d", "status", "unknown status"),
    ],
)
def test_each_row_error_is_named_with_its_row(seeded: Session, row: str, column: str, words: str) -> None:
    report = catalog.import_products(csv_text(GOOD.replace("NEW-001", "NEW-002"), row), session=seeded)
    assert not report.ok and not report.applied
    (error,) = report.errors
    assert (error.row, error.column) == (3, column)
    assert words in english(error)
    assert store.get_product("NEW-002", session=seeded) is None  # the good row was not written either


def test_a_sector_is_read_by_its_english_or_persian_name_too(seeded: Session) -> None:
    """Blind trial: «خودرو» in the sector column was «بخش «خودرو» ناشناخته است (بخش‌ها: automotive, …)»."""
    rows = ["S-1,a,b,,841370,خودرو,1,open,d", "S-2,a,b,,841370,Automotive,1,open,d", "S-3,a,b,,841370,لوازم خانگی,1,open,d",
            "S-4,a,b,,841370,Oil & Gas,1,open,d"]
    report = catalog.import_products(csv_text(*rows), session=seeded)
    assert report.ok, report.errors
    sectors = [product.sector for code in ("S-1", "S-2", "S-3", "S-4") if (product := store.get_product(code, session=seeded))]
    assert sectors == ["automotive", "automotive", "home_appliances", "oil_gas"]


def test_persian_problems_quote_the_column_and_name_sectors_in_persian(seeded: Session) -> None:
    from bot.telegram.problems import row_problem

    report = catalog.import_products(csv_text("X-1,a,b,,841370,خودروها,1,open,d", ",a,,,841370,oil_gas,1,open,d"), session=seeded)
    sector, code, name_fa = (row_problem("fa", error) for error in report.errors)
    assert sector.startswith("ردیف ۲، ستون «<b>sector</b>»: بخش «خودروها» شناخته نشد؛ نام فارسی یا انگلیسی یکی از این بخش‌ها")
    assert "خودرو، " in sector and "automotive" not in sector
    assert code == "ردیف ۳، ستون «<b>code</b>»: کد خالی است"
    assert name_fa == "ردیف ۳: ستون «<b>name_fa</b>» خالی است؛ باید پر شود"


def test_optional_column_errors(seeded: Session) -> None:
    header = HEADER + ",desk,deadline,companies"
    rows = [
        "X-1,a,b,,841370,oil_gas,1,open,d,DESK-NOPE,,",
        "X-2,a,b,,841370,oil_gas,1,open,d,DESK-AUT,,",
        "X-3,a,b,,841370,oil_gas,1,open,d,,31/12/2027,",
    ]
    report = catalog.import_products(csv_text(*rows, header=header), session=seeded)
    messages = [english(e) for e in report.errors]
    assert messages == [
        "Row 2, desk: unknown desk “DESK-NOPE”",
        "Row 3, desk: the desk DESK-AUT belongs to the sector automotive, not oil_gas",
        "Row 4, deadline: “31/12/2027” is not a date: write it year first, as 1405/10/25 (Iranian calendar) or 2027-01-15"
        " (Gregorian)",
    ]


def test_duplicate_code_in_file(seeded: Session) -> None:
    report = catalog.import_products(csv_text(GOOD, GOOD.replace("NEW-001", "new-001")), session=seeded)
    assert [english(e) for e in report.errors] == ["Row 3, code: the code NEW-001 is repeated (first on row 2)"]


def test_every_problem_is_reported_at_once(seeded: Session) -> None:
    report = catalog.import_products(csv_text("X-1,,,,1,nowhere,x,y,d"), session=seeded)
    assert {e.column for e in report.errors} == {"name_en", "name_fa", "hs_code", "sector", "annual_import_usd", "status"}


def test_row_with_wrong_number_of_values(seeded: Session) -> None:
    report = catalog.import_products(csv_text("X-1,a,b"), session=seeded)
    assert english(report.errors[0]) == "Row 2: has 3 values, but the header has 9 columns"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "the file is empty"),
        ("code,name_en\nX,y\n", "missing columns: name_fa"),
        (HEADER + ",colour\n", "unknown columns: 'colour'"),
        (HEADER + ",code\n", "repeated columns: code"),
    ],
)
def test_header_errors(seeded: Session, text: str, words: str) -> None:
    with pytest.raises(CsvFormatError) as raised:
        catalog.import_products(text, session=seeded)
    assert words in english(raised.value)


def test_header_only_file_is_refused(seeded: Session) -> None:
    report = catalog.import_products(HEADER + "\n", session=seeded)
    assert [english(e) for e in report.errors] == ["Row 2: the file has a header but no products"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1256"])
def test_encodings(seeded: Session, encoding: str) -> None:
    text = csv_text(GOOD)
    # Excel's Arabic code page has no Persian yeh: it saves the Arabic one.
    data = text.replace("ی", "ي").encode(encoding) if encoding == "cp1256" else text.encode(encoding)
    if encoding == "utf-8-sig":
        assert data.startswith(codecs.BOM_UTF8)
    report = catalog.import_products(data, session=seeded)
    assert report.ok, report.errors
    product = store.get_product("NEW-001", session=seeded)
    assert product is not None and product.name_fa == "شیر DN50"


def test_semicolon_delimited_excel_export(seeded: Session) -> None:
    text = csv_text(GOOD.replace(",", ";").replace("gate valve;شیر کشویی", '"gate valve;x"'), header=HEADER.replace(",", ";"))
    report = catalog.import_products(text, session=seeded)
    assert report.ok, report.errors


def test_export_round_trips_through_import(seeded: Session) -> None:
    catalog.import_products(csv_text(GOOD), session=seeded)
    exported = catalog.export_products(session=seeded)
    assert exported.splitlines()[0] == ",".join(ALL_COLUMNS)
    report = catalog.import_products(exported, session=seeded)
    assert report.ok, report.errors[:3]
    assert report.counts.new == 0 and report.counts.changed == 0
    assert report.counts.unchanged == store.count_products(session=seeded)
    assert catalog.export_products(session=seeded) == exported


@pytest.mark.parametrize(
    "value",
    ["=SUM(A1:A2)", "+98 21 1234", "-40 °C rated", "@risk", "\tindented", "\rx", "'=already quoted", "''=twice", "plain", "'plain", ""],
)
def test_neutralised_cells_come_back_exactly(value: str) -> None:
    neutral = neutralise(value)
    assert not neutral.startswith(FORMULA_TRIGGERS)
    assert unneutralise(neutral) == value


def test_spreadsheet_export_neutralises_and_still_round_trips(seeded: Session) -> None:
    rows = [
        "-NEG-1,-Minus first,=فرمول,@alias;-alias,8481.80,oil_gas,1,open,+plus description",
        "NEG-2,=HYPERLINK(\"http://x\"),نام,,8481,oil_gas,,open,@user",
    ]
    report = catalog.import_products(csv_text(*rows), session=seeded)
    assert report.errors[0].key == "code_invalid"  # a code cannot start with '-'
    report = catalog.import_products(csv_text(rows[0].replace("-NEG-1", "NEG-1"), rows[1]), session=seeded)
    assert report.ok, report.errors
    exported = catalog.export_products(session=seeded, spreadsheet=True)
    line = next(line for line in exported.splitlines() if line.startswith("NEG-1,"))
    assert line.startswith("NEG-1,'-Minus first,'=فرمول,'@alias;-alias,848180,")
    assert "'+plus description" in line
    again = catalog.import_products(exported, session=seeded)
    assert again.ok and (again.counts.new, again.counts.changed) == (0, 0)
    product = store.get_product("NEG-2", session=seeded)
    assert product is not None and product.name_en == '=HYPERLINK("http://x")' and product.description == "@user"


def test_problems_carry_a_key_and_values_for_translation(seeded: Session) -> None:
    report = catalog.import_products(csv_text("X-1,a,b,,12,mars,1,open,d"), session=seeded)
    assert [(e.key, dict(e.values)) for e in report.errors] == [
        ("hs_invalid", {"value": "12"}),
        ("sector_unknown", {"value": "mars", "known": ", ".join(s.key for s in store.sectors(session=seeded))}),
    ]
    with pytest.raises(CsvFormatError) as raised:
        catalog.import_products("code,name\n", session=seeded)
    assert raised.value.key == "wrong_header" and raised.value.values["missing"].startswith("name_en, name_fa")


def test_dry_run_leaves_the_callers_transaction_alone(seeded: Session) -> None:
    product = store.get_product("AUT-002", session=seeded)
    assert product is not None
    product.description = "edited, not yet committed"
    seeded.add(product)
    report = catalog.import_products(csv_text(GOOD), session=seeded, dry_run=True)
    assert report.counts.new == 1 and [c.key for c in report.counts.changes] == ["NEW-001"]
    seeded.commit()
    seeded.expire_all()
    again = store.get_product("AUT-002", session=seeded)
    assert again is not None and again.description == "edited, not yet committed"


def test_upsert_reports_what_changed(seeded: Session) -> None:
    row = "AUT-002,Brake pad set,لنت ترمز دیسکی,,870830,automotive,99,closed,x"
    report = catalog.import_products(csv_text(row), session=seeded)
    (change,) = report.counts.changes
    assert change.key == "AUT-002"
    assert change.before is not None and change.before["status"] == ProductStatus.AWARDED
    assert change.after["status"] == ProductStatus.CLOSED and change.after["annual_import_usd"] == 99
    assert set(change.after) == set(change.before) and "name_en" not in change.after


def test_the_desk_of_a_listing_is_the_one_it_names_else_the_first_active_of_its_sector(seeded: Session) -> None:
    """One rule, asked by cards, leads, /stats and scorecards alike (it was written out four times)."""
    seeded.add(Desk(code="DESK-AUT2", sector="automotive", name_en="Second", name_fa="دوم", active=True))
    seeded.add(Desk(code="DESK-AAA", sector="automotive", name_en="Closed", name_fa="بسته", active=False))
    listings = [Product(code="AUT-901", name_en="a", name_fa="a", hs_code="8708", sector="automotive", desk="desk-aut2"),
                Product(code="AUT-902", name_en="b", name_fa="b", hs_code="8708", sector="automotive", desk=""),
                Product(code="AUT-903", name_en="c", name_fa="c", hs_code="8708", sector="automotive", desk="DESK-GONE"),
                Product(code="AUT-904", name_en="d", name_fa="d", hs_code="8708", sector="automotive", desk="DESK-AAA"),
                Product(code="XXX-905", name_en="e", name_fa="e", hs_code="8708", sector="no_such_sector", desk="")]
    seeded.commit()
    found = {code: desk.code if desk else None for code, desk in store.desks_of(listings, session=seeded).items()}
    # Named (any case, active or not) wins; else the first active desk of the sector in code order; else none.
    assert found == {"AUT-901": "DESK-AUT2", "AUT-902": "DESK-AUT", "AUT-903": "DESK-AUT", "AUT-904": "DESK-AAA", "XXX-905": None}
    assert all((store.desk_of(listing, session=seeded) or Desk(code="")).code == (found[listing.code] or "") for listing in listings)
