"""Admins run the catalog from chat: the real bot process, through the loopback fake Bot API."""

from __future__ import annotations

import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook
from sqlmodel import Session, col, select

from bot.dates import format_date
from bot.services import audit
from bot.services.catalog_csv import REQUIRED_COLUMNS
from bot.store import catalog as store
from bot.store.models import AuditEntry, Lead, LeadStatus, Product, ProductStatus, SearchLog
from bot.telegram.menus import ADMIN_COMMANDS

from .admin_processes import (  # noqa: F401  (fixtures)
    ADMIN, AdminBot, admin_bot, admin_db, admin_fake, new_user, telegram_accepted_everything,
)
from .conftest import say
from .fake_bot_api import FakeBotApi, FakeUser, SentMessage

# Every test ends with nothing refused by (fake) Telegram, nothing logged as an error, the bot running.
pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("telegram_accepted_everything")]
HEADER = ",".join(REQUIRED_COLUMNS)
NOT_AVAILABLE = "This command is not available."


def upload(fake: FakeBotApi, name: str, data: bytes, contains: str, caption: str | None = None, user: FakeUser = ADMIN) -> SentMessage:
    sent = fake.send_message(user, document=(name, data), caption=caption)
    return fake.wait_for_message(user.id, after=sent, contains=contains)


def press(fake: FakeBotApi, user: FakeUser, message: SentMessage, label: str, contains: str | None = None) -> SentMessage:
    """Press a button and return the next change in that chat (an edit or a new message)."""
    mark = fake.mark(user.id)
    fake.press_button(user, message, label)
    return fake.wait_for_message(user.id, after=mark, contains=contains)


def stored(bot: AdminBot, code: str) -> Product | None:
    with Session(bot.engine) as session:
        return store.get_product(code, session=session)


def product_count(bot: AdminBot) -> int:
    with Session(bot.engine) as session:
        return store.count_products(session=session)


def csv_file(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_a_non_admin_is_refused_every_admin_command(admin_bot: AdminBot) -> None:
    fake, stranger = admin_bot.fake, new_user()
    commands = ["/addproduct", "/addproduct\ncode: X-1\nname_en: x\nname_fa: ایکس\nhs_code: 8413\nsector: oil_gas", "/adddesk",
                "/editproduct AUT-002", "/editproduct AUT-002\nstatus: closed", "/closeproduct AUT-002", "/reopenproduct AUT-002",
                "/editdesk DESK-AUT", "/import", "/export products", "/export leads", "/export subscribers", "/export profiles", "/leads",
                "/stats", "/demand", "/admins", "/admins add 710001"]
    for command in commands:
        assert say(fake, stranger, command).visible_text == NOT_AVAILABLE
    assert upload(fake, "catalog.csv", csv_file("X-2,a,b,,841370,oil_gas,1,open,d"), NOT_AVAILABLE, caption="/import", user=stranger)
    help_text = say(fake, stranger, "/help").visible_text
    assert not any(f"/{name}" in help_text for name in ADMIN_COMMANDS)
    assert not any(c["command"] in ADMIN_COMMANDS for language in ("", "fa") for c in fake.get_commands(language))
    admin_menu = fake.get_commands(scope={"type": "chat", "chat_id": ADMIN.id})
    assert [c["command"] for c in admin_menu][-len(ADMIN_COMMANDS):] == list(ADMIN_COMMANDS)
    with Session(admin_bot.engine) as session:
        refused = session.exec(select(AuditEntry.target).where(AuditEntry.actor_id == stranger.id, AuditEntry.action == audit.REFUSED)).all()
    assert refused == [command.split()[0] for command in commands] + ["/import"]
    assert stored(admin_bot, "X-1") is None and stored(admin_bot, "AUT-002").status is ProductStatus.AWARDED  # type: ignore[union-attr]


def test_an_admin_adds_edits_and_closes_a_listing_and_search_shows_it(admin_bot: AdminBot) -> None:
    fake, investor = admin_bot.fake, new_user()
    added = say(fake, ADMIN, "/addproduct\ncode: MCH-950\nname_en: Harmonic drive gearbox\nname_fa: گیربکس هارمونیک\n"
                "hs_code: 8483.40\nsector: machinery\naliases: strain wave gear", contains="Listing added")
    assert "MCH-950 · Harmonic drive gearbox" in added.visible_text
    assert "MCH-950" in say(fake, investor, "harmonic drive gearbox").visible_text
    edited = say(fake, ADMIN, "/editproduct MCH-950\nname_en: Strain wave gearbox\naliases: = harmonic drive; گیربکس موج کرنشی",
                 contains="updated")
    assert edited.visible_text.startswith("✅ MCH-950 updated: name_en, aliases.")
    assert "MCH-950 · Strain wave gearbox" in say(fake, investor, "گیربکس موج کرنشی").visible_text
    say(fake, ADMIN, "/closeproduct MCH-950", contains="closed")
    assert "MCH-950 · Strain wave gearbox — ⚪️ closed" in say(fake, investor, "strain wave gearbox").visible_text
    product = stored(admin_bot, "MCH-950")
    assert product is not None and product.status is ProductStatus.CLOSED and product.hs_code == "848340"
    with Session(admin_bot.engine) as session:
        actions = session.exec(select(AuditEntry.action).where(AuditEntry.target == "MCH-950").order_by(col(AuditEntry.id))).all()
    assert actions == [audit.PRODUCT_ADD, audit.PRODUCT_EDIT, audit.PRODUCT_CLOSE]


def test_a_csv_with_errors_is_rejected_with_row_numbers_and_nothing_changes(admin_bot: AdminBot) -> None:
    before = product_count(admin_bot)
    data = csv_file("E2E-1,Valve,شیر,,848180,oil_gas,1,open,d", "E2E-2,Pump,پمپ,,84,oil_gas,lots,open,d", "E2E-3,Seal,آب‌بند,,848490,mars,1,open,d")
    reply = upload(admin_bot.fake, "catalog.csv", data, "problem", caption="/import")
    assert reply.visible_text.startswith("❌ catalog.csv has 3 problems, so nothing was imported.")
    assert "Row 3, hs_code: “84” is not an HS code" in reply.visible_text and "Row 3, annual_import_usd" in reply.visible_text
    assert "Row 4, sector: unknown sector “mars”" in reply.visible_text
    assert reply.buttons() == []
    assert product_count(admin_bot) == before and stored(admin_bot, "E2E-1") is None


def test_a_valid_csv_is_previewed_and_applied_only_on_apply(admin_bot: AdminBot) -> None:
    fake = admin_bot.fake
    say(fake, ADMIN, "/import", contains="Send the products file now")
    data = csv_file("E2E-10,Gas meter <G4> & valve,کنتور گاز,gas meters,9028.10,power,3100000,open,Household gas meter",
                    "AUT-003,Passenger car radial tyre,تایر رادیال سواری,,401110,automotive,1,in_progress,x")
    preview = upload(fake, "meters.csv", data, "New: 1")
    assert "Changed: 1" in preview.visible_text and [label for label, _ in preview.buttons()] == ["✅ Apply", "✖️ Cancel"]
    assert stored(admin_bot, "E2E-10") is None
    assert stored(admin_bot, "AUT-003").status is ProductStatus.OPEN  # type: ignore[union-attr]
    applied = press(fake, ADMIN, preview, "Apply", contains="imported")
    assert applied.visible_text == "✅ meters.csv imported: 1 new, 1 changed, 0 unchanged." and applied.buttons() == []
    assert stored(admin_bot, "E2E-10") is not None
    assert stored(admin_bot, "AUT-003").status is ProductStatus.IN_PROGRESS  # type: ignore[union-attr]
    assert "E2E-10" in say(fake, new_user(), "gas meter G4").visible_text
    # Cancel writes nothing.
    preview = upload(fake, "more.csv", csv_file("E2E-11,Water meter,کنتور آب,,9028.20,power,1,open,d"), "New: 1")
    assert press(fake, ADMIN, preview, "Cancel", contains="cancelled").buttons() == []
    assert stored(admin_bot, "E2E-11") is None


def test_windows_1256_and_xlsx_files_import(admin_bot: AdminBot) -> None:
    fake = admin_bot.fake
    legacy = csv_file("E2E-20,Oil filter,فیلتر روغن,فیلتر روغن خودرو,8421.23,automotive,4200000,open,Spin-on oil filter")
    legacy = legacy.decode().replace("ی", "ي").replace("ک", "ك").encode("cp1256")  # as Excel saves Persian in Arabic Windows
    press(fake, ADMIN, upload(fake, "filters.csv", legacy, "New: 1"), "Apply", contains="imported")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(REQUIRED_COLUMNS) + ["deadline"])
    sheet.append(["E2E-21", "Air filter", "فیلتر هوا", "", 842131, "automotive", 3900000.0, "open", "Panel air filter", "2027-06-30"])
    buffer = io.BytesIO()
    book.save(buffer)
    press(fake, ADMIN, upload(fake, "filters.xlsx", buffer.getvalue(), "New: 1"), "Apply", contains="imported")
    oil, air = stored(admin_bot, "E2E-20"), stored(admin_bot, "E2E-21")
    assert oil is not None and oil.name_fa == "فیلتر روغن" and oil.aliases == "فیلتر روغن خودرو"
    assert air is not None and (air.hs_code, air.annual_import_usd, str(air.deadline)) == ("842131", 3_900_000, "2027-06-30")
    assert "E2E-20" in say(fake, new_user("fa"), "فیلتر روغن").visible_text


def test_a_file_over_the_size_limit_is_refused_before_download(admin_bot: AdminBot) -> None:
    fake = admin_bot.fake
    calls_before = len(fake.calls)
    reply = upload(fake, "huge.csv", b"x" * (5 * 1024 * 1024 + 1), "files up to")
    assert reply.visible_text == "❌ huge.csv is 5.1 MB; files up to 5 MB can be imported. Split it into smaller files."
    assert not any(call.method == "getFile" for call in fake.calls[calls_before:])


def test_an_export_reimports_unchanged(admin_bot: AdminBot) -> None:
    fake = admin_bot.fake
    exported = say(fake, ADMIN, "/export products", contains="Products:")
    assert exported.document is not None
    name, data = exported.document
    assert name.startswith("products-") and name.endswith(".csv") and data.startswith(b"\xef\xbb\xbf")
    again = upload(fake, name, data, "nothing to import")
    assert again.visible_text.endswith("rows match the catalog already; there is nothing to import.")
    leads = say(fake, ADMIN, "/export leads", contains="Leads:")
    assert leads.document is not None and leads.document[1].decode("utf-8-sig").startswith("lead_id,created_at,")


def test_a_lead_status_change_reaches_the_investor(admin_bot: AdminBot) -> None:
    fake, investor = admin_bot.fake, new_user("fa", first_name="Dariush")
    card = say(fake, investor, "/product HAP-001", contains="HAP-001")
    mark = fake.mark(ADMIN.id)
    fake.press_button(investor, card, "علاقه‌مندم")
    notice = fake.wait_for_message(ADMIN.id, after=mark, contains="New lead")
    lead_card = press(fake, ADMIN, notice, "Lead #", contains="Status:")
    assert "HAP-001" in lead_card.visible_text and "🆕 new, not answered yet" in lead_card.visible_text
    mark = fake.mark(investor.id)
    query = fake.press_button(ADMIN, lead_card, "Investor contacted")
    told = fake.wait_for_message(investor.id, after=mark)
    assert told.visible_text.startswith("📬 درباره علاقه‌مندی شما به HAP-001")
    fake.wait_for_message(ADMIN.id, after=lead_card.seq, contains="📞 desk contacted the investor")
    assert fake.wait_for_call("answerCallbackQuery", lambda c: c.params.get("callback_query_id") == query).params["text"] == (
        "Status: 📞 desk contacted the investor. The investor was told.")
    # An investor who blocked the bot cannot be told; the admin hears so, and the status is still set.
    fake.block_user(investor.id)
    try:
        current = fake.messages_to(ADMIN.id)[-1]
        query = fake.press_button(ADMIN, current, "Declined")
        answer = fake.wait_for_call("answerCallbackQuery", lambda c: c.params.get("callback_query_id") == query)
        assert answer.params["text"] == "Status: ✖️ declined by the desk. The investor could not be reached."
    finally:
        fake.unblock_user(investor.id)
    with Session(admin_bot.engine) as session:
        assert session.exec(select(Lead.status).where(Lead.user_id == investor.id)).all() == [LeadStatus.DECLINED]


def test_a_persian_investor_greets_searches_and_follows_an_interest_in_myleads_with_jalali_dates(admin_bot: AdminBot) -> None:
    fake, investor = admin_bot.fake, new_user("fa", first_name="Shirin")
    greeting = say(fake, investor, "سلام", contains="سلام")  # small talk: answered, not searched
    assert "AUT-" not in greeting.visible_text
    results = say(fake, investor, "واحد کنترل الکترونیکی موتور", contains="AUT-001")
    card = press(fake, investor, results, "AUT-001", contains="واحد کنترل الکترونیکی موتور")
    mark = fake.mark(ADMIN.id)
    fake.press_button(investor, card, "علاقه‌مندم")
    notice = fake.wait_for_message(ADMIN.id, after=mark, contains="New lead")
    today = format_date("fa", datetime.now(ZoneInfo("Asia/Tehran")).date())  # e.g. ۹ آذر ۱۴۰۵
    mine = say(fake, investor, "/myleads", contains="علاقه‌مندی‌های شما")
    assert "<b>AUT-001</b> · واحد کنترل الکترونیکی موتور (ECU)" in mine.text and "وضعیت: 🆕 ثبت شد، میز هنوز پاسخ نداده" in mine.visible_text
    assert f"• {today}، " in mine.visible_text and ": 🆕 ثبت شد، میز هنوز پاسخ نداده" in mine.visible_text
    assert [label for label, _ in mine.buttons()] == ["↩️ انصراف از AUT-001", "📝 یادداشت برای AUT-001"]

    lead_card = press(fake, ADMIN, notice, "Lead #", contains="Status:")
    mark = fake.mark(investor.id)
    fake.press_button(ADMIN, lead_card, "Investor contacted")
    told = fake.wait_for_message(investor.id, after=mark)
    assert told.visible_text.endswith("همه علاقه‌مندی‌های شما و وضعیت هر کدام: /myleads")
    mine = say(fake, investor, "/myleads", contains="علاقه‌مندی‌های شما")
    timeline = [line for line in mine.visible_text.splitlines() if line.startswith("• ")]
    assert [line.rsplit(": ", 1)[1] for line in timeline] == ["🆕 ثبت شد، میز هنوز پاسخ نداده", "📞 میز با شما تماس گرفته است"]
    assert all(re.fullmatch(rf"• {today}، [۰-۹]{{2}}:[۰-۹]{{2}}: .+", line) for line in timeline), timeline
    assert "وضعیت: 📞 میز با شما تماس گرفته است" in mine.visible_text
    with Session(admin_bot.engine) as session:
        assert session.exec(select(Lead.status).where(Lead.user_id == investor.id)).all() == [LeadStatus.CONTACTED]
        # The greeting was never a search, so it is not counted as unmet demand.
        assert session.exec(select(SearchLog.query).where(SearchLog.user_id == investor.id)).all() == ["واحد کنترل الکترونیکی موتور"]


def test_unmet_demand_groups_variants_of_one_need(admin_bot: AdminBot) -> None:
    fake = admin_bot.fake
    for language, query in [("en", "wedding dresses"), ("en", "I want to invest in wedding dress production"), ("en", "weding dresses"),
                            ("fa", "لباس عروس"), ("fa", "تولید لباس‌های عروس"), ("en", "chocolate factory")]:
        say(fake, new_user(language), query)
    report = say(fake, ADMIN, "/demand", contains="Unmet demand").visible_text
    needs = [line.split(". ", 1)[1] for line in report.splitlines() if " — searches: " in line]
    assert needs[:3] == [
        "wedding dress — searches: 3, people: 3, with related suggestions: 0",
        "لباس عروس — searches: 2, people: 2, with related suggestions: 0",
        "chocolate — searches: 1, people: 1, with related suggestions: 0",
    ]
