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
from bot.store.models import Digest, DigestStatus, Product, SearchLog

from .conftest import ADMIN, BotProcess, Users, buttons, run_cli, say
from .fake_bot_api import FakeBotApi, FakeUser, SentMessage
from .test_conversations import Check, answer_of, result_codes, tap, tap_for_toast

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
    # Digests go out when an admin sends /digest_now, not at a scheduled hour that a run might cross (09:00 for
    # alerts): the scheduler is tried in tests/e2e/test_digests_e2e.py and, in Persian, in the console's tests.
    process.env["DIGEST_INTERVAL_SECONDS"] = "0"
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
    assert say(fake, investor, "/myleads").visible_text.startswith("هنوز به هیچ کالایی" if fa else "You have not registered interest")

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
    assert ("وضعیت: ↩️ شما انصراف دادید" if fa else "Status: ↩️ you withdrew it") in after.visible_text
    timeline = [line for line in after.visible_text.splitlines() if line.startswith("• ")]
    assert len(timeline) == 2 and timeline[-1].endswith("↩️ شما انصراف دادید" if fa else "↩️ you withdrew it"), timeline
    assert not any(label.startswith("↩️") for label in buttons(after))
    told = fake.wait_for_message(admin.id, after=admin_mark, contains=code)
    assert ("پس گرفت" if fa else "withdrew") in told.visible_text, told.visible_text
    if fa:
        # The lead number in Persian digits, as in the new-lead notice.
        assert re.match(r"↩️ درخواست #[۰-۹]+: ", told.visible_text) and re.fullmatch(r"📋 درخواست #[۰-۹]+", buttons(told)[0]), told.describe()
    check.done()


# ------------------------------------------------------------------ 3. small talk and unknown commands


SMALL_TALK = {
    "en": [("hi", "Hello! 👋"), ("thanks!", "You're welcome"), ("what can you do?", "I match investors"),
           ("where is my request?", "I match investors"), ("I'm interested", "Which product or sector do you have in mind?")],
    "fa": [("سلام", "سلام! 👋"), ("ممنون", "خواهش می‌کنم!"), ("چه کاری می‌کنی؟", "من سرمایه‌گذاران و تولیدکنندگان"),
           ("درخواستم کجاست؟", "من سرمایه‌گذاران و تولیدکنندگان"), ("علاقه‌مندم", "به چه کالا یا بخشی فکر می‌کنید؟")],
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
        "وضعیت این کالا ⚪️ بسته است و علاقه‌مندی تازه نمی‌پذیرد. با «اگر دوباره باز شد خبرم کن» از بازگشایی آن باخبر می‌شوید." if fa
        else "This listing is ⚪️ closed and takes no new interest. Press “Tell me if it reopens” to hear when it opens again.")
    assert not any(interested in label for label in buttons(card))
    saved = press(fake, user, card, "اگر دوباره باز شد خبرم کن" if fa else "Tell me if it reopens", contains="🔔")
    # One tap watches this listing only (not an alert on its name), and says so.
    assert saved.visible_text.startswith(f"🔔 اگر {code} دوباره باز شد، خبرتان می‌کنم." if fa else f"🔔 I will tell you if {code} reopens."), \
        saved.visible_text
    assert fake.mark(admin.id) == admin_mark

    # Reopened: the next digest round tells the user, in their language, with the listing's link.
    say(fake, admin, f"/reopenproduct {code}", contains=code)
    mark = fake.mark(user.id)
    digest_now(fake, language)
    digest = digest_to(fake, user, mark, code)
    assert digest.visible_text.startswith("📬 تازه‌های شما" if fa else "📬 What is new for you"), digest.visible_text
    assert ("دوباره باز شد، همان‌طور که خواسته بودید" if fa else "Open again, as you asked") in digest.visible_text
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


# ------------------------------------------------------------------ 5. navigation


BACK_TO = {
    "en": {"sector": "« Back to the sector", "desk": "« Back to the desk", "results": "« Back to results"},
    "fa": {"sector": "▶️ بازگشت به بخش", "desk": "▶️ بازگشت به میز", "results": "▶️ بازگشت به نتایج"},
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_card_leads_back_to_where_it_was_opened(fake: FakeBotApi, users: Users, check: Check, language: str) -> None:
    fa, back_to = language == "fa", BACK_TO[language]
    user = users.new(language)
    # A card opened from a sector's page goes back to that page.
    _, sector = tap(fake, user, say(fake, user, "/sectors"), "ریلی" if fa else "Rail")
    code = result_codes(sector)[0]
    _, card = tap(fake, user, sector, code)
    assert card.visible_text.startswith(code) and buttons(card)[-1] == back_to["sector"]
    _, back = tap(fake, user, card, back_to["sector"])
    assert (back.visible_text, back.buttons()) == (sector.visible_text, sector.buttons())

    # From a desk's card, the same.
    _, desk = tap(fake, user, say(fake, user, "/desks"), "خودرو" if fa else "Automotive")
    code = result_codes(desk)[0]
    _, card = tap(fake, user, desk, code)
    assert buttons(card)[-1] == back_to["desk"]
    _, back = tap(fake, user, card, back_to["desk"])
    assert (back.visible_text, back.buttons()) == (desk.visible_text, desk.buttons())

    # Results spanning four sectors show three desks and a button to all four; a desk opened there leads back.
    results = say(fake, user, "8413.70")
    all_desks = "🏛 همه میزهای این بخش‌ها (۴)" if fa else "🏛 All 4 desks for these sectors"
    assert all_desks in buttons(results)
    assert sum(label.startswith("🏛") for label in buttons(results)) == 4  # three desks and "all"
    _, desks = tap(fake, user, results, all_desks)
    assert desks.visible_text.startswith("🏛 میزهای بخش‌های «8413.70» — ۱ تا ۴ از ۴" if fa
                                         else "🏛 Desks for the sectors of “8413.70” — 1 to 4 of 4"), desks.visible_text
    desk_labels = [label for label in buttons(desks) if label.startswith("🏛")]
    assert len(desk_labels) == 4 and buttons(desks)[-1] == back_to["results"]
    _, desk = tap(fake, user, desks, desk_labels[3])
    assert buttons(desk)[-1] == back_to["results"]
    _, back = tap(fake, user, desk, back_to["results"])
    assert back.visible_text == results.visible_text

    # A code written another way opens its listing at once.
    found = say(fake, user, "/product aut-8")
    assert found.visible_text.startswith("AUT-008 · " + ("کمک‌فنر" if fa else "Shock absorber")), found.visible_text
    check.done()


# ------------------------------------------------------------------ 6. Persian details


# Latin words a Persian /help may keep: commands, examples of English queries, the HS code, the other language's name.
HELP_LATIN = {"HS", "refrigerator", "compressor", "AUT", "English"}


def test_persian_users_see_persian_digits_quotes_and_wording(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("fa")
    sectors = say(fake, user, "/sectors")
    assert all(re.fullmatch(r"\S.* \([۰-۹]+\)", label) for label in buttons(sectors)), buttons(sectors)
    assert buttons(sectors)[:3] == ["الکترونیک (۱۴)", "پالایش (۱۸)", "پتروشیمی (۲۰)"]  # Persian alphabetical order
    results = say(fake, user, "خودرو")  # a sector: its open listings, five to a page
    assert results.visible_text.startswith("🔎 کالاهای باز برای «خودرو» — ۱ تا ۵ از ")  # open ones, said so
    assert not re.search(r"[0-9]", results.visible_text.split("\n")[0]), results.visible_text
    numbered = [label for label in buttons(results) if re.match(r"[۰-۹]+\. [A-Z]{3}-\d{3} · ", label)]
    assert [label.split(".")[0] for label in numbered] == ["۱", "۲", "۳", "۴", "۵"], buttons(results)
    assert "بیشتر ◀️" in buttons(results)
    _, card = tap(fake, user, results, numbered[0].split(" · ")[0].split(". ")[1])
    description = card.visible_text.split("\n\n")[2]  # names, fields, then the description in the reader's language
    assert re.search(r"[\u0600-\u06FF]", description) and not re.search(r"[A-Za-z]{4}", description), card.visible_text
    assert "“" not in card.visible_text and "”" not in card.visible_text

    help_text = say(fake, user, "/help").visible_text
    latin = set(re.findall(r"[A-Za-z]+", re.sub(r"/[a-z_]+", "", help_text)))
    assert latin <= HELP_LATIN, latin - HELP_LATIN
    assert "/product کد" in help_text and "/search عبارت" in help_text and "/alert عبارت" in help_text
    check.done()


# ------------------------------------------------------------------ 7. confirmations


def first_delete(message: SentMessage) -> str:
    """The data of the first alert's 🗑 button (every alert has one, labelled alike, beside its name's mute button)."""
    return next(str(data) for label, data in message.buttons() if label.startswith("🗑"))


def tap_data(fake: FakeBotApi, user: FakeUser, message: SentMessage, data: str) -> tuple[str, SentMessage]:
    """Press the button carrying ``data``; the toast and the message edited in place."""
    mark = fake.mark(user.id)
    toast = answer_of(fake, fake.press(user, message, data))
    edited = fake.wait_for_message(user.id, after=mark)
    assert edited.message_id == message.message_id
    return toast, edited


@pytest.mark.parametrize("language", LANGUAGES)
def test_unsubscribing_and_deleting_an_alert_ask_first_and_keep_keeps_everything(
    fake: FakeBotApi, users: Users, check: Check, language: str
) -> None:
    fa = language == "fa"
    user = users.new(language)
    alerts = ["شیر", "پمپ"] if fa else ["valve", "pump"]
    for alert in alerts:
        say(fake, user, f"/alert {alert}", contains="🔔")
    mysubs = say(fake, user, "/mysubs")
    question = say(fake, user, "/unsubscribe")
    assert question.visible_text.startswith("🛑 همه اشتراک‌ها لغو شود؟" if fa else "🛑 Unsubscribe from everything?")
    keep, yes = ("↩️ نه، بماند", "🛑 بله، همه لغو شود") if fa else ("↩️ Keep", "🛑 Yes, unsubscribe")
    assert buttons(question) == [yes, keep]
    _, kept = tap(fake, user, question, keep)
    assert kept.visible_text == mysubs.visible_text and all(f"• {alert}" in kept.visible_text for alert in alerts)

    # Deleting one alert asks too; Keep goes back to the list unchanged.
    _, ask = tap_data(fake, user, kept, first_delete(kept))
    assert ask.visible_text == (f"🗑 هشدار {alerts[0]} حذف شود؟" if fa else f"🗑 Delete the alert {alerts[0]}?")
    delete = "🗑 بله، حذف شود" if fa else "🗑 Yes, delete"
    assert buttons(ask) == [delete, keep]
    _, kept = tap(fake, user, ask, keep)
    assert kept.visible_text == mysubs.visible_text
    _, ask = tap_data(fake, user, kept, first_delete(kept))
    _, after = tap(fake, user, ask, delete)
    assert f"• {alerts[0]}" not in after.visible_text and f"• {alerts[1]}" in after.visible_text

    _, done = tap(fake, user, say(fake, user, "/unsubscribe"), yes)
    assert done.visible_text.startswith("🛑 اشتراک لغو شد." if fa else "🛑 Unsubscribed.")
    assert say(fake, user, "/mysubs").visible_text.startswith("اشتراکی ندارید." if fa else "You have no subscriptions.")
    check.done()


# ------------------------------------------------------------------ 8. what admins see of subscribers


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(BOM)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.also_postgres
def test_admins_export_subscribers_and_see_them_in_stats_in_their_language(
    fake: FakeBotApi, bot: BotProcess, users: Users, check: Check
) -> None:
    subscriber = users.new("en", "Sub <scriber>")
    picker = say(fake, subscriber, "/subscribe", contains="Tick the sectors")
    picker = press(fake, subscriber, picker, "Rail", contains="Tick the sectors")
    frequency = press(fake, subscriber, picker, "Done", contains="How often")
    hours = press(fake, subscriber, frequency, "Once a day", contains="At what time")
    press(fake, subscriber, hours, "08:00", contains="every day at 08:00")
    say(fake, subscriber, "/alert gear pump -hydraulic", contains="🔔")

    for admin in (ADMIN, FA_ADMIN):
        exported = say(fake, admin, "/export subscribers", contains="👥")
        assert exported.document is not None
        name, data = exported.document
        assert name.startswith("subscribers-") and name.endswith(".csv")
        rows = csv_rows(data)
        assert list(rows[0]) == list(SUBSCRIBER_COLUMNS)
        (row,) = [row for row in rows if row["user_id"] == str(subscriber.id)]
        assert (row["first_name"], row["state"], row["frequency"], row["hour"]) == ("Sub <scriber>", "active", "daily", "08:00")
        assert row["sectors"] == "rail" and row["alerts"] == "gear pump -hydraulic", row
        caption = exported.visible_text
        assert re.fullmatch(r"👥 کاربران ربات: [۰-۹]+\." if admin is FA_ADMIN else r"👥 Bot users: \d+\.", caption), caption

    engine = make_engine(bot.database_url)
    with Session(engine) as session:
        sent = len(session.exec(select(Digest).where(Digest.status == DigestStatus.SENT)).all())
    engine.dispose()
    english = say(fake, ADMIN, "/stats", contains="Subscribers").visible_text
    assert re.search(r"🔔 Subscribers: \d+ active · \d+ paused · \d+ stopped", english), english
    assert re.search(r"Instant \d+ · daily [1-9]\d* · weekly \d+ · alerts [1-9]\d*", english), english
    assert f"📬 Digests sent: {sent} in 7 days · {sent} in 30 days" in english, english
    assert re.search(r"Subscribers per sector\n(.+\n)*\d+\. rail · Rail — [1-9]", english), english
    persian = say(fake, FA_ADMIN, "/stats", contains="مشترکان").visible_text
    assert re.search(r"🔔 مشترکان: [۰-۹]+ فعال · [۰-۹]+ در توقف موقت · [۰-۹]+ لغوشده", persian), persian
    assert re.search(r"همان لحظه [۰-۹]+ · روزانه [۱-۹][۰-۹]* · هفتگی [۰-۹]+ · هشدارها [۱-۹][۰-۹]*", persian), persian
    assert f"📬 خلاصه‌های فرستاده‌شده: {persian_number(sent)} در ۷ روز · {persian_number(sent)} در ۳۰ روز" in persian, persian
    assert "ریلی" in persian.split("مشترکان هر بخش")[1].split("\n\n")[0], persian
    check.done()


def persian_number(value: int) -> str:
    return str(value).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


# ------------------------------------------------------------------ 9. the offline command line


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_digest_dry_run_needs_no_token_and_no_network(bot: BotProcess, fake: FakeBotApi, users: Users) -> None:
    user = users.new("fa")
    say(fake, user, "/alert کابل فیبر نوری", contains="🔔")
    import_listings(bot, [{"code": "ELE-901", "name_en": "Optical fibre cable", "name_fa": "کابل فیبر نوری", "hs_code": "854470",
                           "sector": "electronics"}])
    env = {name: value for name, value in bot.env.items() if name != "TELEGRAM_BOT_TOKEN"}
    env["TELEGRAM_API_BASE_URL"] = f"http://127.0.0.1:{_closed_port()}/bot"  # nothing listens there
    calls = len(fake.calls)
    done = subprocess.run([sys.executable, "-m", "bot", "digest", "--dry-run"], env=env, cwd=bot.workdir,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f"would send 1 message(s) to {user.id}" in done.stdout, done.stdout
    assert "ELE-901 · کابل فیبر نوری" in done.stdout and "nothing was sent or written" in done.stdout, done.stdout
    assert len([call for call in fake.calls[calls:] if int(call.params.get("chat_id", 0) or 0) == user.id]) == 0


@pytest.mark.also_postgres
def test_cli_exports_write_utf8_bom_csv_files(bot: BotProcess, fake: FakeBotApi, users: Users, tmp_path: Path) -> None:
    investor = users.new("fa")
    mark = fake.mark(ADMIN.id)
    answer_of(fake, fake.press_button(investor, say(fake, investor, "/product MCH-002"), "علاقه‌مندم"))
    fake.wait_for_message(ADMIN.id, after=mark, contains="MCH-002")
    headers = {"products": "code,name_en,name_fa", "leads": "lead_id,created_at,created_at_jalali", "subscribers": ",".join(SUBSCRIBER_COLUMNS)}
    for kind, header in headers.items():
        path = tmp_path / f"{kind}.csv"
        run_cli("export", kind, "-o", str(path), env=bot.env, cwd=bot.workdir)
        data = path.read_bytes()
        assert data.startswith(BOM + header.encode()), data[:200]
        assert len(csv_rows(data)) > 0, kind
    products = {row["code"]: row for row in csv_rows((tmp_path / "products.csv").read_bytes())}
    assert products["HAP-001"]["name_fa"] == "کمپرسور یخچال (هرمتیک)"
    leads = [row for row in csv_rows((tmp_path / "leads.csv").read_bytes()) if row["user_id"] == str(investor.id)]
    assert [(row["product_code"], row["status"], row["language"]) for row in leads] == [("MCH-002", "new", "fa")]
    assert re.fullmatch(r"14\d\d-\d\d-\d\d \d\d:\d\d:\d\d", leads[0]["created_at_jalali"]), leads
