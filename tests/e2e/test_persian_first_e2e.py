"""Issue 12 end to end, in English and in Persian: the real bot (``python -m bot run``) through the fake Bot API.

One bot per database serves the whole module (tests use their own users and listings): two admins, one
writing in English and one in Persian, so every admin answer is seen in both languages. The CLI tests at
the end run ``matchbot`` as a subprocess on the same database.
"""

from __future__ import annotations

import csv
import io
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from bot.dates import format_date, from_jalali, to_jalali
from bot.services.exports import SUBSCRIBER_COLUMNS
from bot.store.db import make_engine
from bot.store.models import Product, SearchLog

from .conftest import ADMIN, BotProcess, Users, bot_environment, buttons, run_cli, write_products_csv
from .fake_bot_api import FakeBotApi, FakeUser, SentMessage
from .test_conversations import MENU_COMMANDS, Check, answer_of, say, tap, tap_for_toast

pytestmark = pytest.mark.e2e

FA_ADMIN = FakeUser(id=900_002, first_name="مدیر برنامه", username="program_admin_fa", language_code="fa")
TEHRAN = ZoneInfo("Asia/Tehran")
BOM = b"\xef\xbb\xbf"
LANGUAGES = ["en", "fa"]


def today() -> date:
    """The bot's today (its TIMEZONE is Asia/Tehran by default)."""
    return datetime.now(TEHRAN).date()


@pytest.fixture(scope="module")
def bot(fake: FakeBotApi, e2e_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    """The seeded bot with an English and a Persian admin, both of whom have sent it /start."""
    workdir = tmp_path_factory.mktemp("persian-first")
    process = BotProcess(fake, e2e_database_url, workdir, admin_ids=f"{ADMIN.id},{FA_ADMIN.id}")
    run_cli("seed", env=process.env, cwd=workdir)
    process.start()
    try:
        for admin, hello in ((ADMIN, "Hello"), (FA_ADMIN, "سلام")):
            fake.wait_for_message(admin.id, after=fake.send_message(admin, "/start"), contains=hello)
        yield process
    finally:
        status = process.stop()
        if status not in (0, None):
            pytest.fail(f"the bot exited with status {status} on SIGINT.\n{process.describe_log()}")


@pytest.fixture
def check(fake: FakeBotApi, bot: BotProcess) -> Check:
    return Check(fake, bot, len(fake.calls), bot.log_size(), frozenset(fake.unanswered_callback_queries()))


def admin_of(language: str) -> FakeUser:
    return FA_ADMIN if language == "fa" else ADMIN


def stored(bot: BotProcess, code: str) -> Product:
    engine = make_engine(bot.database_url)
    try:
        with Session(engine) as session:
            product = session.exec(select(Product).where(Product.code == code)).one()
            session.expunge(product)
            return product
    finally:
        engine.dispose()


def press(fake: FakeBotApi, user: FakeUser, message: SentMessage, label: str, contains: str | None = None) -> SentMessage:
    """Press a button and return the next change in that chat (an edit or a new message)."""
    mark = fake.mark(user.id)
    fake.press_button(user, message, label)
    return fake.wait_for_message(user.id, after=mark, contains=contains)


def import_listings(bot: BotProcess, rows: list[dict[str, str]]) -> None:
    """Import listings with the CLI while the bot runs (files, unlike chat, take deadlines already passed)."""
    columns = ["code", "name_en", "name_fa", "aliases", "hs_code", "sector", "annual_import_usd", "status", "description", "deadline"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({"aliases": "", "description": "", "annual_import_usd": "1000000", "status": "open", **row} for row in rows)
    path = bot.workdir / f"listings-{rows[0]['code']}.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    run_cli("import", str(path), env=bot.env, cwd=bot.workdir)


# ------------------------------------------------------------------ 1. the Iranian calendar


@pytest.mark.also_postgres
def test_deadlines_typed_in_either_calendar_are_stored_and_shown_in_each_readers_calendar(
    fake: FakeBotApi, bot: BotProcess, users: Users, check: Check
) -> None:
    jalali_year = to_jalali(today())[0] + 1  # type: ignore[index]  # next Iranian year: always in the future
    jalali_day = from_jalali(jalali_year, 10, 25)
    typed = say(fake, ADMIN, f"/editproduct OGS-003\ndeadline: {jalali_year}/10/25", contains="updated")
    assert typed.visible_text.startswith("✅ OGS-003 updated: deadline.")
    assert stored(bot, "OGS-003").deadline == jalali_day
    english, persian = users.new("en"), users.new("fa")
    assert f"Deadline: {jalali_day.isoformat()}" in say(fake, english, "/product OGS-003").visible_text
    farsi = say(fake, persian, "/product OGS-003").visible_text
    assert f"مهلت: {format_date('fa', jalali_day)}" in farsi and " دی " in format_date("fa", jalali_day)
    assert re.search(r"مهلت: [۰-۹]+ دی [۰-۹]{4}\n", farsi), farsi

    gregorian_day = today() + timedelta(days=200)
    say(fake, FA_ADMIN, f"/editproduct OGS-004\ndeadline: {gregorian_day.isoformat()}", contains="OGS-004")
    assert stored(bot, "OGS-004").deadline == gregorian_day
    assert f"Deadline: {gregorian_day.isoformat()}" in say(fake, english, "/product OGS-004").visible_text
    assert f"مهلت: {format_date('fa', gregorian_day)}" in say(fake, persian, "/product OGS-004").visible_text

    # Refused, in the admin's language, naming the problem; nothing is saved.
    past = today() - timedelta(days=3)
    refusals = {
        (ADMIN, past.isoformat()): f"• deadline: “{past.isoformat()}” is in the past: a deadline must be today or later",
        (ADMIN, "1405-13-40"): "• deadline: “1405-13-40” is not a real day: months run from 1 to 12",
        (FA_ADMIN, past.isoformat()): f"«{past.isoformat()}» گذشته است: مهلت باید امروز یا پس از امروز باشد",
        (FA_ADMIN, "1405-13-40"): "«1405-13-40» تاریخ درستی نیست: ماه‌ها از ۱ تا ۱۲ هستند",
        (FA_ADMIN, f"{jalali_year}/12/31"): f"روز «{jalali_year}/12/31» در تقویم نیست",
    }
    for (admin, value), problem in refusals.items():
        refused = say(fake, admin, f"/editproduct OGS-003\ndeadline: {value}", contains="❌")
        assert problem in refused.visible_text, refused.visible_text
        assert refused.visible_text.startswith("❌ Nothing was saved" if admin is ADMIN else "❌"), refused.visible_text
    assert stored(bot, "OGS-003").deadline == jalali_day
    check.done()


def test_a_lead_and_its_timeline_show_jalali_dates_to_persian_readers_and_gregorian_to_english(
    fake: FakeBotApi, users: Users, check: Check
) -> None:
    for language, code in (("en", "PET-003"), ("fa", "PET-004")):
        investor = users.new(language)
        card = say(fake, investor, f"/product {code}")
        mark = fake.mark(admin_of(language).id)
        answer_of(fake, fake.press_button(investor, card, "علاقه‌مندم" if language == "fa" else "I'm interested"))
        notice = fake.wait_for_message(admin_of(language).id, after=mark, contains=code)
        lead_card = press(fake, admin_of(language), notice, "#", contains=code)
        day = format_date(language, today())
        if language == "fa":
            assert re.search(rf"{day}، [۰-۹]{{2}}:[۰-۹]{{2}}", lead_card.visible_text), lead_card.visible_text
            assert not re.search(r"[0-9]", day) and " ۱۴" in day, day  # a Jalali year in Persian digits
        else:
            assert re.search(rf"{day} \d\d:\d\d", lead_card.visible_text), lead_card.visible_text
        mine = say(fake, investor, "/myleads", contains=code)
        assert f"• {day}" in mine.visible_text, mine.visible_text
    check.done()


# ------------------------------------------------------------------ 2. /myleads


@pytest.mark.also_postgres
@pytest.mark.parametrize("language", LANGUAGES)
def test_myleads_adds_a_note_and_withdraws_after_a_confirmation_and_the_admin_is_told(
    fake: FakeBotApi, users: Users, check: Check, language: str
) -> None:
    fa = language == "fa"
    code = "HAP-005" if fa else "HAP-006"
    investor, admin = users.new(language), admin_of(language)
    # In the menu and in /help, in the user's language.
    assert "myleads" in [c["command"] for c in fake.get_commands("fa" if fa else "")]
    help_text = say(fake, investor, "/help").visible_text
    assert ("/myleads — علاقه‌مندی‌های شما" if fa else "/myleads — ") in help_text
    assert say(fake, investor, "/myleads").visible_text.startswith("هنوز به هیچ موردی" if fa else "You have not registered interest")

    card = say(fake, investor, f"/product {code}")
    mark = fake.mark(admin.id)
    answer_of(fake, fake.press_button(investor, card, "علاقه‌مندم" if fa else "I'm interested"))
    fake.wait_for_message(admin.id, after=mark, contains=code)
    fake.wait_for_message(investor.id, after=card.seq, contains=code)
    mine = say(fake, investor, "/myleads", contains=code)
    assert buttons(mine) == ([f"↩️ انصراف از {code}", f"📝 یادداشت برای {code}"] if fa else [f"↩️ Withdraw {code}", f"📝 Note on {code}"])

    # A note: the bot asks, the next message is the note, the admin gets it and /myleads shows it.
    asked = press(fake, investor, mine, "📝")
    assert code in asked.visible_text and asked.message_id != mine.message_id
    mark = fake.mark(admin.id)
    note = "ظرفیت ۲۰۰ دستگاه در ماه" if fa else "We can make 200 a month"
    assert say(fake, investor, note).visible_text == ("📝 ممنون؛ یادداشت شما برای میز فرستاده شد." if fa else "📝 Thank you — your note was passed on.")
    assert fake.wait_for_message(admin.id, after=mark, contains=note).visible_text.endswith(note)
    mine = say(fake, investor, "/myleads", contains=code)
    assert note in mine.visible_text

    # Withdraw: a confirmation first (Back keeps the interest), then the admins are told.
    toast, question = tap(fake, investor, mine, "↩️")
    assert question.visible_text.startswith(f"از علاقه‌مندی به {code}" if fa else f"Withdraw your interest in {code}"), question.visible_text
    assert len(buttons(question)) == 2
    _, back = tap(fake, investor, question, "«" if not fa else "بازگشت")
    assert back.visible_text == mine.visible_text
    _, question = tap(fake, investor, back, "↩️")
    admin_mark = fake.mark(admin.id)
    toast, after = tap(fake, investor, question, "✔️")
    assert toast == (f"از علاقه‌مندی به {code} انصراف دادید." if fa else f"Your interest in {code} is withdrawn.")
    assert ("وضعیت: ↩️ انصراف داده شد" if fa else "Status: ↩️ withdrawn") in after.visible_text
    timeline = [line for line in after.visible_text.splitlines() if line.startswith("• ")]
    assert len(timeline) == 2 and timeline[-1].endswith("↩️ انصراف داده شد" if fa else "↩️ withdrawn"), timeline
    assert not any(label.startswith("↩️") for label in buttons(after))
    told = fake.wait_for_message(admin.id, after=admin_mark, contains=code)
    assert ("پس گرفت" if fa else "withdrew") in told.visible_text, told.visible_text
    if fa:
        # The lead number in Persian digits, as in the new-lead notice.
        assert re.match(r"↩️ درخواست #[۰-۹]+: ", told.visible_text) and re.fullmatch(r"📋 درخواست #[۰-۹]+", buttons(told)[0]), told.describe()
    check.done()


# ------------------------------------------------------------------ 3. small talk and unknown commands


SMALL_TALK = {
    "en": [("hi", "Hello! 👋"), ("thanks!", "You're welcome"), ("what can you do?", "I match investors")],
    "fa": [("سلام", "سلام! 👋"), ("ممنون", "خواهش می‌کنم!"), ("چه کاری می‌کنی؟", "من سرمایه‌گذاران و تولیدکنندگان")],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_small_talk_is_answered_not_searched_and_unknown_commands_point_to_help(
    fake: FakeBotApi, bot: BotProcess, users: Users, check: Check, language: str
) -> None:
    user = users.new(language)
    for text, answer in SMALL_TALK[language]:
        reply = say(fake, user, text)
        assert reply.visible_text.startswith(answer), reply.visible_text
        assert "🔎" not in reply.visible_text and not re.search(r"[A-Z]{3}-\d{3}", reply.visible_text)
    unknown = say(fake, user, "/whereismyrequest").visible_text
    assert unknown == ("دستور /whereismyrequest را نمی‌شناسم. برای دیدن کارهایی که از من برمی‌آید /help را بفرستید." if language == "fa"
                       else "I don't know the command /whereismyrequest. Send /help to see what I can do.")
    demand = say(fake, admin_of(language), "/demand").visible_text
    for text, _ in SMALL_TALK[language]:
        assert text not in demand
    engine = make_engine(bot.database_url)
    with Session(engine) as session:
        assert session.exec(select(SearchLog).where(SearchLog.user_id == user.id)).all() == []
    engine.dispose()
    check.done()


# ------------------------------------------------------------------ 4. a listing's life-cycle


def digest_to(fake: FakeBotApi, user: FakeUser, after: int, code: str) -> SentMessage:
    return fake.wait_for_message(user.id, after=after, contains=code, timeout=30)


def digest_now(fake: FakeBotApi, language: str) -> None:
    """An admin runs a digest round from chat (the bot's scheduler does the same every minute)."""
    done = say(fake, admin_of(language), "/digest_now", contains="📬", timeout=30)
    assert done.visible_text.startswith("📬 دور ارسال" if language == "fa" else "📬 Digest round done"), done.visible_text


@pytest.mark.also_postgres
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_closed_listing_takes_no_interest_and_tell_me_if_it_reopens_reaches_the_user(
    fake: FakeBotApi, users: Users, check: Check, language: str
) -> None:
    fa = language == "fa"
    code = "ELE-014" if fa else "ELE-013"
    user, admin = users.new(language), admin_of(language)
    interested = "علاقه‌مندم" if fa else "I'm interested"
    open_card = say(fake, user, f"/product {code}")
    assert interested in " ".join(buttons(open_card))
    say(fake, admin, f"/closeproduct {code}", contains=code)

    # The card opened before the closing: its button is refused with the listing's state, and no admin is told.
    admin_mark = fake.mark(admin.id)
    toast = tap_for_toast(fake, user, open_card, label=interested)
    assert toast == (f"وضعیت {code} ⚪️ بسته است و علاقه‌مندی تازه نمی‌پذیرد. آن را دوباره باز کنید تا اگر بازگشایی شد خبرتان کنیم."
                     if fa else f"{code} is ⚪️ closed: it takes no new interest. Open it again to be told if it reopens.")
    card = say(fake, user, f"/product {code}")
    assert ("وضعیت: ⚪️ بسته" if fa else "Status: ⚪️ closed") in card.visible_text
    assert card.visible_text.endswith(
        "وضعیت این مورد ⚪️ بسته است و علاقه‌مندی تازه نمی‌پذیرد. با «اگر دوباره باز شد خبرم کن» از بازگشایی آن باخبر می‌شوید." if fa
        else "This listing is ⚪️ closed and takes no new interest. Press “Tell me if it reopens” to hear when it opens again.")
    assert not any(interested in label for label in buttons(card))
    saved = press(fake, user, card, "اگر دوباره باز شد خبرم کن" if fa else "Tell me if it reopens", contains="🔔")
    assert saved.visible_text.startswith("🔔 هشدار ثبت شد:" if fa else "🔔 Alert saved:"), saved.visible_text
    assert fake.mark(admin.id) == admin_mark

    # Reopened: the next digest round tells the user, in their language, with the listing's link.
    say(fake, admin, f"/reopenproduct {code}", contains=code)
    mark = fake.mark(user.id)
    digest_now(fake, language)
    digest = digest_to(fake, user, mark, code)
    assert digest.visible_text.startswith("📬 تازه‌های شما" if fa else "📬 What is new for you"), digest.visible_text
    assert f"start=p_{code}" in digest.text
    reopened = say(fake, user, f"/start p_{code}", contains=code)
    assert interested in " ".join(buttons(reopened))
    check.done()


def test_a_passed_deadline_shows_as_passed_and_is_not_closing_soon(fake: FakeBotApi, bot: BotProcess, users: Users, check: Check) -> None:
    english, persian = users.new("en"), users.new("fa")
    for user, alerts in ((english, ["platform screen door", "tunnel ventilation fan"]), (persian, ["درب ایمنی سکو", "فن تهویه تونل"])):
        for alert in alerts:
            say(fake, user, f"/alert {alert}", contains="🔔")
    passed, soon = today() - timedelta(days=2), today() + timedelta(days=3)
    import_listings(bot, [
        {"code": "RAL-901", "name_en": "Platform screen door", "name_fa": "درب ایمنی سکو", "hs_code": "860800",
         "sector": "rail", "deadline": passed.isoformat()},
        {"code": "RAL-902", "name_en": "Tunnel ventilation fan", "name_fa": "فن تهویه تونل", "hs_code": "841459",
         "sector": "rail", "deadline": soon.isoformat()},
    ])
    marks = {user.id: fake.mark(user.id) for user in (english, persian)}
    digest_now(fake, "en")
    for user, closing_soon, passed_text in ((english, "⏰ Closing soon", f"{passed.isoformat()} (passed)"),
                                            (persian, "⏰ مهلت رو به پایان", f"{format_date('fa', passed)} (گذشته)")):
        digest = digest_to(fake, user, marks[user.id], "RAL-902").visible_text
        assert "RAL-901" in digest, digest
        sections = digest.split("\n\n")
        soon_section = next(section for section in sections if section.startswith(closing_soon))
        assert "RAL-902" in soon_section and "RAL-901" not in soon_section, digest
        assert passed_text in digest, digest
    card = say(fake, english, "/product RAL-901").visible_text
    assert f"Deadline: {passed.isoformat()} (passed)" in card
    assert f"مهلت: {format_date('fa', passed)} (گذشته)" in say(fake, persian, "/product RAL-901").visible_text
    check.done()
