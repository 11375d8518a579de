"""Whole conversations with the real bot (``python -m bot run``) through the fake Telegram Bot API.

Each test plays one or more users of its own (fresh Telegram ids), so tests share one bot process per
database without sharing state. Every test ends with :func:`Check.done`: no call the bot made during the
test was rejected by the (strict) fake, every button press was answered, nothing was logged at ERROR
level, and the bot is still running.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import seed_data

from .conftest import ADMIN, ESCAPING_PRODUCT, BotProcess, Users, buttons, callback_data, say
from .fake_bot_api import FakeBotApi, FakeUser, SentMessage

pytestmark = pytest.mark.e2e

# The public command menu, written out: it is a contract with users (admin commands never appear in it).
MENU_COMMANDS = [
    "start", "search", "sectors", "desks", "product", "myleads", "introductions", "subscribe", "alert", "mysubs",
    "requests", "profile", "claim", "opportunities", "pause", "resume", "unsubscribe", "language", "help", "cancel",
]
EXPIRED_EN = "This button has expired. Please search again."
EXPIRED_FA = "این دکمه منقضی شده است. لطفاً دوباره جستجو کنید."
NON_TEXT_EN = "I read text messages only."
EMPTY_QUERY_EN = "Type what you are looking for"


# ------------------------------------------------------------------ the seed catalog, as the tests expect it


def _seed_products() -> dict[str, dict[str, str]]:
    folder = Path(seed_data.__file__).parent / "products"
    rows: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows.update({row["code"]: row for row in csv.DictReader(handle)})
    return rows


SEED = _seed_products()


def seed_count(sector: str) -> int:
    """Listings of a sector once the module's bot is set up (the seed plus ESCAPING_PRODUCT)."""
    extra = 1 if ESCAPING_PRODUCT["sector"] == sector else 0
    return sum(1 for row in SEED.values() if row["sector"] == sector) + extra


# ------------------------------------------------------------------ driving a conversation


@dataclass
class Check:
    """What every test asserts at its end, limited to what happened during the test."""

    fake: FakeBotApi
    bot: BotProcess
    first_call: int
    log_start: int
    unanswered_before: frozenset[str] = frozenset()

    def rejected(self) -> list[str]:
        return [call.describe() for call in self.fake.rejected if call.seq > self.first_call]

    def done(self) -> None:
        self.fake.wait_idle(quiet=0.2)
        # The fake is shared by the module's tests: only what this test made the bot do counts (an xfail
        # test that exposes a rejected call must not fail every test after it).
        assert self.rejected() == []
        assert set(self.fake.unanswered_callback_queries()) - self.unanswered_before == set(), "a button press got no answer"
        assert self.bot.problems(self.log_start) == []
        assert self.bot.alive, "the bot process exited"


@pytest.fixture
def check(fake: FakeBotApi, bot: BotProcess) -> Check:
    return Check(fake, bot, len(fake.calls), bot.log_size(), frozenset(fake.unanswered_callback_queries()))


def answer_of(fake: FakeBotApi, query_id: str, timeout: float = 10.0) -> str:
    """The toast text the bot answered a button press with ("" for none)."""
    fake.wait_for_call("answerCallbackQuery", lambda call: call.params.get("callback_query_id") == query_id, timeout)
    answer = fake.callback_answer(query_id)
    assert answer is not None
    return str(answer["text"])


def tap(fake: FakeBotApi, user: FakeUser, message: SentMessage, label: str) -> tuple[str, SentMessage]:
    """Press the button labelled ``label`` and return (toast, the message edited in place)."""
    mark = fake.mark(user.id)
    query_id = fake.press_button(user, message, label)
    toast = answer_of(fake, query_id)
    edited = fake.wait_for_message(user.id, after=mark)
    assert edited.message_id == message.message_id, f"expected an edit of #{message.message_id}, got {edited.describe()}"
    assert edited.edits > message.edits
    return toast, edited


def tap_for_toast(fake: FakeBotApi, user: FakeUser, message: SentMessage, *, label: str | None = None, data: str | None = None) -> str:
    """Press a button (by label, or forged data) that should only answer with a toast; check nothing else changed."""
    before = fake.messages_to(user.id)
    if label is not None:
        query_id = fake.press_button(user, message, label)
    else:
        assert data is not None
        query_id = fake.press_forged(user, message.message_id, data)
    toast = answer_of(fake, query_id)
    fake.wait_idle(quiet=0.2)
    assert fake.messages_to(user.id) == before, "a toast-only press must not send or edit messages"
    return toast


def result_codes(message: SentMessage) -> list[str]:
    """Listing codes of the result buttons, in order (also a sector's or a desk's page, whose buttons lead back: pc, pd)."""
    return [m.group(1) for data in callback_data(message) if data and (m := re.fullmatch(r"p[cd]?:([A-Z0-9_-]+)(?::.*)?", data))]


def line_with(message: SentMessage, needle: str) -> str:
    lines = [line for line in message.visible_text.splitlines() if needle in line]
    assert lines, f"no line containing {needle!r} in {message.visible_text!r}"
    return lines[0]


# ------------------------------------------------------------------ greeting and menus


@pytest.mark.also_postgres
def test_start_greets_each_user_in_their_language_and_publishes_both_menus(
    fake: FakeBotApi, users: Users, check: Check
) -> None:
    english, persian = users.new("en", "Alice"), users.new("fa", "داریوش")

    hello = say(fake, english, "/start")
    assert hello.visible_text.startswith("Hello Alice! 👋")
    assert "import-substitution program" in hello.visible_text
    assert "brake pads" in hello.visible_text and "8413.70" in hello.visible_text
    assert buttons(hello) == ["📚 Sectors", "🏛 Desks", "❓ Help", "🌐 فارسی"]

    salam = say(fake, persian, "/start")
    assert salam.visible_text.startswith("سلام داریوش! 👋")
    assert "برنامه جایگزینی واردات" in salam.visible_text
    assert buttons(salam) == ["📚 بخش‌ها", "🏛 میزها", "❓ راهنما", "🌐 English"]

    # The menu buttons work: Help replaces the greeting with the help text.
    _, help_message = tap(fake, english, hello, "Help")
    assert help_message.visible_text.startswith("How to use this bot")
    assert "/product CODE" in help_message.visible_text

    # post_init published the command menu for the default language and for Persian.
    default, farsi = fake.get_commands(""), fake.get_commands("fa")
    assert [c["command"] for c in default] == MENU_COMMANDS
    assert [c["command"] for c in farsi] == MENU_COMMANDS
    assert default[0]["description"] == "Start and see examples"
    assert farsi[0]["description"] == "شروع و نمونه‌ها"
    assert default[1]["description"] == "Search listings" and farsi[1]["description"] == "جستجوی کالاها"
    assert all(c["description"].strip() for c in default + farsi)
    calls = [c for c in fake.calls if c.method == "setMyCommands"]
    assert calls and all(c.ok for c in calls)
    check.done()


def test_the_help_message_has_no_dead_end_buttons(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en")
    help_message = say(fake, user, "/help")
    assert help_message.visible_text.startswith("How to use this bot")
    assert not any("Help" in label for label in buttons(help_message))  # it would only edit into itself
    answer_of(fake, fake.press_button(user, help_message, "Sectors"))
    sectors = fake.wait_for_message(user.id, contains="Sectors")
    assert sectors.message_id == help_message.message_id and sectors.edits == 1
    check.done()


# ------------------------------------------------------------------ searching


@pytest.mark.also_postgres
def test_english_search_opens_a_card_in_place_and_goes_back(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en")
    results = say(fake, user, "brake pads")
    assert results.visible_text.startswith("🔎 Results for “brake pads” — 1–1 of 1")
    assert "1. AUT-002 · Brake pad set" in results.visible_text
    assert "match 100%" in results.visible_text
    assert "imports ≈ $27.8M a year" in results.visible_text
    assert result_codes(results) == ["AUT-002"]
    assert "🏛 Automotive domestic production promotion desk" in buttons(results)

    _, card = tap(fake, user, results, "AUT-002")
    text = card.visible_text
    assert text.startswith("AUT-002 · Brake pad set\nلنت ترمز دیسکی")
    assert "Status: 🔵 awarded" in text
    assert "Sector: Automotive" in text
    assert "HS code: 8708.30" in text
    assert "Desk: Automotive domestic production promotion desk — €42M, contact automotive.desk@example.org" in text
    assert buttons(card) == [
        "🔔 Tell me if it reopens", "🏛 Automotive domestic production promotion desk", "« Back to results"
    ]

    _, back = tap(fake, user, card, "Back to results")
    assert back.visible_text == results.visible_text
    assert back.buttons() == results.buttons()
    check.done()


def test_free_text_need_finds_esp_pumps(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en")
    results = say(fake, user, "looking for a partner to produce ESP pumps")
    assert "Results for “looking for a partner to produce ESP pumps”" in results.visible_text
    assert result_codes(results)[0] == "OGS-001"
    assert "1. OGS-001 · Electric submersible pump (ESP)" in results.visible_text
    assert re.search(r"match \d+%", results.visible_text)
    check.done()


@pytest.mark.also_postgres
def test_persian_search_answers_in_persian(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("fa", "داریوش")
    results = say(fake, user, "کمپرسور یخچال")
    text = results.visible_text
    assert text.startswith("🔎 نتایج «کمپرسور یخچال» — ۱ تا ۱ از ۱")
    assert "۱. HAP-001 · کمپرسور یخچال (هرمتیک)" in text
    assert "لوازم خانگی" in text and "تطابق ۱۰۰٪" in text
    assert "واردات ≈ ۸۷٫۵ میلیون دلار در سال" in text

    _, card = tap(fake, user, results, "HAP-001")
    card_text = card.visible_text
    assert card_text.startswith("HAP-001 · کمپرسور یخچال (هرمتیک)\nHermetic refrigerator compressor")
    assert "وضعیت: 🟡 در حال اجرا" in card_text
    assert "بخش: لوازم خانگی" in card_text
    assert "کد تعرفه HS: ۸۴۱۴.۳۰" in card_text  # dotted, as traders write it, in Persian digits as the card's other figures
    assert "میز: میز توسعه ساخت داخل لوازم خانگی — ۶۳ میلیون یورو" in card_text
    assert buttons(card) == ["✋ علاقه‌مندم", "🔔 از موارد مشابه خبرم کن", "🏛 میز توسعه ساخت داخل لوازم خانگی", "▶️ بازگشت به نتایج"]

    # An English query from a Persian user is still answered in Persian.
    english_query = say(fake, user, "brake pads")
    assert english_query.visible_text.startswith("🔎 نتایج «brake pads»")
    assert "AUT-002 · لنت ترمز دیسکی" in english_query.visible_text
    check.done()


@pytest.mark.parametrize(
    ("language", "query", "code"),
    [
        ("en", "brak pdas", "AUT-002"),
        ("en", "refrigrator compresor", "HAP-001"),
        ("fa", "کمپرسر یخچال", "HAP-001"),
        # A bare "pump" fits a dozen listings equally; two misspelt words name one.
        ("en", "submersable pmup", "OGS-001"),
    ],
)
def test_search_tolerates_typos(fake: FakeBotApi, users: Users, check: Check, language: str, query: str, code: str) -> None:
    results = say(fake, users.new(language), query)
    assert result_codes(results)[0] == code, results.describe()
    check.done()


def test_hs_code_lists_every_listing_under_it(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en")
    results = say(fake, user, "8413.70")
    pumps = sorted(code for code, row in SEED.items() if row["hs_code"] == "841370")
    assert len(pumps) >= 3
    assert results.visible_text.startswith(f"🔎 Results for “8413.70” — 1–{len(pumps)} of {len(pumps)}")
    assert sorted(result_codes(results)) == pumps
    assert all("pump" in SEED[code]["name_en"].lower() for code in pumps)
    assert results.visible_text.count("match 100%") == len(pumps)
    check.done()


def test_results_are_paged_with_more_and_previous(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en")
    first = say(fake, user, "auto parts")  # a sector: its open listings
    total = int(re.search(r"1–5 of (\d+)", first.visible_text).group(1))  # type: ignore[union-attr]
    assert total > 5
    assert len(result_codes(first)) == 5
    assert "More »" in buttons(first) and "« Previous" not in buttons(first)
    # Every listing of a sector matches its name fully: a blind trial read "match 100%" on each as a claim of fit.
    assert "match" not in first.visible_text and "imports ≈" in first.visible_text

    _, second = tap(fake, user, first, "More")
    last = min(10, total)
    assert f"— 6–{last} of {total}" in second.visible_text
    assert second.visible_text.splitlines()[2].startswith("6. ")
    assert "« Previous" in buttons(second)
    assert ("More »" in buttons(second)) == (total > 10)
    assert not set(result_codes(second)) & set(result_codes(first))

    # A card opened from page 2 goes back to page 2.
    code = result_codes(second)[0]
    _, card = tap(fake, user, second, code)
    assert card.visible_text.startswith(code)
    _, back = tap(fake, user, card, "Back to results")
    assert back.visible_text == second.visible_text

    _, again = tap(fake, user, back, "Previous")
    assert again.visible_text == first.visible_text
    assert again.buttons() == first.buttons()
    check.done()


def test_no_match_explains_and_offers_sectors(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en")
    answer = say(fake, user, "wedding dresses")
    text = answer.visible_text
    assert text.startswith("I found no listing for “wedding dresses”.")
    assert "HS code" in text and "Your request is recorded" in text
    labels = buttons(answer)
    assert labels[0] == "🔔 Tell me when something like this is listed"
    assert "Automotive" in labels and "Oil & gas" in labels and len(labels) == 16

    _, sector = tap(fake, user, answer, "Automotive")
    assert sector.visible_text.startswith(f"📚 Automotive — listings 1–8 of {seed_count('automotive')}")
    check.done()


# ------------------------------------------------------------------ leads


@pytest.mark.also_postgres
def test_interest_notifies_the_admin_once_and_forwards_the_note(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en", "Ali <CEO> & Sons", username="ali_sons")
    card = say(fake, user, "/product AUT-001")
    assert card.visible_text.startswith("AUT-001 · Engine control unit (ECU)")

    admin_mark, user_mark = fake.mark(ADMIN.id), fake.mark(user.id)
    query_id = fake.press_button(user, card, "I'm interested")
    assert answer_of(fake, query_id) == ""
    confirmation = fake.wait_for_message(user.id, after=user_mark)
    assert confirmation.message_id != card.message_id, "the confirmation is a new message; the card stays"
    assert confirmation.visible_text.startswith("✅ Your interest in AUT-001 · Engine control unit (ECU) is registered.")
    assert "The Automotive domestic production promotion desk will contact you." in confirmation.visible_text
    assert "send one line for the desk" in confirmation.visible_text
    assert buttons(confirmation) == ["Skip"]
    assert fake.messages_to(user.id)[-2].visible_text == card.visible_text

    notice = fake.wait_for_message(ADMIN.id, after=admin_mark, contains="New lead")
    lead_number = re.search(r"New lead #(\d+)", notice.visible_text).group(1)  # type: ignore[union-attr]
    assert f'<a href="tg://user?id={user.id}">' in notice.text
    assert "Ali <CEO> & Sons (@ali_sons) is interested in AUT-001 · Engine control unit (ECU)" in notice.visible_text
    assert "Sector: Automotive · Desk: Automotive domestic production promotion desk" in notice.visible_text

    # A second tap registers nothing new: a toast for the user, silence for the admin.
    admin_mark, user_mark = fake.mark(ADMIN.id), fake.mark(user.id)
    assert tap_for_toast(fake, user, card, label="I'm interested") == "You have already registered interest in AUT-001."
    assert fake.mark(ADMIN.id) == admin_mark

    # The next plain message is the note the bot asked for; the admin gets it, escaped and whole.
    thanks = say(fake, user, "ACME <Ltd> & Co — 50 t/year, call +98 21 5555 0000")
    assert thanks.visible_text == "📝 Thank you — your note was passed on."
    note = fake.wait_for_message(ADMIN.id, after=admin_mark, contains="Note on lead")
    assert note.visible_text.startswith(f"📝 Note on lead #{lead_number} (AUT-001) from Ali <CEO> & Sons (@ali_sons):")
    assert note.visible_text.endswith("ACME <Ltd> & Co — 50 t/year, call +98 21 5555 0000")
    assert f"tg://user?id={user.id}" in note.text

    # The note was taken once: the next message is a search again.
    assert say(fake, user, "brake pads").visible_text.startswith("🔎 Results for “brake pads”")
    admin_mark = fake.mark(ADMIN.id)

    # "Skip" on another lead clears the pending note.
    other = say(fake, user, "/product HAP-001")
    query_id = fake.press_button(user, other, "I'm interested")
    answer_of(fake, query_id)
    confirmation = fake.wait_for_message(user.id, after=other.seq, contains="Your interest in HAP-001")
    fake.wait_for_message(ADMIN.id, after=admin_mark, contains="HAP-001")
    admin_mark = fake.mark(ADMIN.id)
    assert tap_for_toast(fake, user, confirmation, label="Skip") == "All right, no note. You can keep searching."
    search = say(fake, user, "brake pads")
    assert search.visible_text.startswith("🔎 Results for “brake pads”")
    fake.wait_idle(quiet=0.2)
    assert fake.mark(ADMIN.id) == admin_mark, "no note may reach the admin after Skip"
    # Skip again: nothing is pending any more.
    assert tap_for_toast(fake, user, confirmation, label="Skip") == EXPIRED_EN
    check.done()


def test_cancel_drops_the_pending_note(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en")
    assert say(fake, user, "/cancel").visible_text == "There is nothing to cancel."
    card = say(fake, user, "/product OGS-001")
    mark = fake.mark(user.id)
    answer_of(fake, fake.press_button(user, card, "I'm interested"))
    fake.wait_for_message(user.id, after=mark, contains="is registered")
    assert say(fake, user, "/cancel").visible_text == "Cancelled."
    assert say(fake, user, "brake pads").visible_text.startswith("🔎 Results for")
    check.done()


def test_interest_in_a_listing_without_desk_names_the_desk_its_card_shows(
    fake: FakeBotApi, users: Users, check: Check
) -> None:
    user = users.new("en")
    card = say(fake, user, f"/product {ESCAPING_PRODUCT['code']}")
    assert "Desk: Machinery domestic production promotion desk" in card.visible_text
    admin_mark, user_mark = fake.mark(ADMIN.id), fake.mark(user.id)
    answer_of(fake, fake.press_button(user, card, "I'm interested"))
    confirmation = fake.wait_for_message(user.id, after=user_mark)
    notice = fake.wait_for_message(ADMIN.id, after=admin_mark, contains="New lead")
    check.done()
    assert "Desk: Machinery domestic production promotion desk" in notice.visible_text
    assert "The Machinery domestic production promotion desk will contact you." in confirmation.visible_text


# ------------------------------------------------------------------ deep links and /product


def test_deep_link_opens_the_listing(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en")
    card = say(fake, user, "/start p_AUT-002")
    assert card.visible_text.startswith("AUT-002 · Brake pad set")
    assert "HS code: 8708.30" in card.visible_text
    assert "🔔 Tell me if it reopens" in buttons(card) and "✋ I'm interested" not in buttons(card)  # awarded
    assert "« Back to results" not in buttons(card)

    missing = say(fake, user, "/start p_NOPE")
    assert missing.visible_text == "There is no listing with the code NOPE."
    # A link mistyped offers what it may have meant, as /product does; one written another way opens the listing.
    written = say(fake, user, "/start p_aut-8")  # written another way: opened at once
    assert written.visible_text.startswith("AUT-008 · Shock absorber")
    persian = users.new("fa")
    closest = say(fake, persian, "/start p_AUT-99")
    assert "نزدیک‌ترین کدها" in closest.visible_text  # each offered with its name, on its button too
    assert buttons(closest) == ["۱. AUT-019 · شیشه جلو خودرو (لمینت)", "۲. AUT-009 · ستون فرمان برقی (EPS)", "۳. AUT-020 · کمربند ایمنی خودرو"]
    check.done()


def test_product_command(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en")
    card = say(fake, user, "/product AUT-002")
    assert card.visible_text.startswith("AUT-002 · Brake pad set")
    assert "Status: 🔵 awarded" in card.visible_text
    assert say(fake, user, "/product aut-002").visible_text == card.visible_text
    assert say(fake, user, "/product NOPE").visible_text == "There is no listing with the code NOPE."
    usage = say(fake, user, "/product")
    assert usage.visible_text == "Send /product followed by a listing code, for example /product AUT-002."

    persian = users.new("fa")
    assert say(fake, persian, "/product NOPE").visible_text == "کالایی با کد NOPE پیدا نشد."
    check.done()


# ------------------------------------------------------------------ language


@pytest.mark.also_postgres
def test_language_switch_is_used_and_survives_a_restart(
    fake: FakeBotApi, bot: BotProcess, users: Users, check: Check
) -> None:
    user = users.new("en", "Sam")
    prompt = say(fake, user, "/language")
    assert prompt.visible_text == "Choose your language:"
    assert buttons(prompt) == ["فارسی", "English"]

    toast, greeting = tap(fake, user, prompt, "فارسی")
    assert toast == "زبان به فارسی تغییر کرد."
    assert greeting.visible_text.startswith("سلام Sam! 👋")
    assert "🌐 English" in buttons(greeting)

    results = say(fake, user, "brake pads")
    assert results.visible_text.startswith("🔎 نتایج «brake pads»")
    assert "AUT-002 · لنت ترمز دیسکی" in results.visible_text

    bot.restart()
    assert bot.starts == 2

    again = say(fake, user, "brake pads")
    assert again.visible_text.startswith("🔎 نتایج «brake pads»"), "the language choice was lost on restart"
    assert say(fake, user, "/start").visible_text.startswith("سلام Sam!")
    # A client still set to English does not override the choice; switching back works.
    prompt = say(fake, user, "/language")
    assert prompt.visible_text == "زبان خود را انتخاب کنید:"
    toast, greeting = tap(fake, user, prompt, "English")
    assert toast == "Language set to English."
    assert greeting.visible_text.startswith("Hello Sam!")
    check.done()


# ------------------------------------------------------------------ desks and sectors


def test_desks_show_published_budgets_and_open_a_desk_card(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en")
    desks = say(fake, user, "/desks")
    assert desks.visible_text.startswith("🏛 Domestic production promotion desks")
    assert "€245M" in desks.visible_text  # the four published budgets together
    for name, budget in [
        ("Petrochemicals domestic production promotion desk", "€60M"),
        ("Refining domestic production promotion desk", "€80M"),
        ("Home appliances domestic production promotion desk", "€63M"),
        ("Automotive domestic production promotion desk", "€42M"),
    ]:
        assert line_with(desks, f"• {name} —").endswith(budget)
    assert line_with(desks, "• Rail domestic production promotion desk").endswith("budget not published")
    assert len(buttons(desks)) == 15
    _, from_menu = tap(fake, user, say(fake, user, "/start"), "Desks")
    assert from_menu.visible_text == desks.visible_text

    _, desk = tap(fake, user, desks, "Automotive")
    count = seed_count("automotive")
    assert desk.visible_text.startswith("🏛 Automotive domestic production promotion desk\nمیز توسعه ساخت داخل خودرو")
    assert "Budget: €42M" in desk.visible_text
    assert f"Listings ({count}, " in desk.visible_text and " of them open) — 1–8:" in desk.visible_text
    assert "AUT-001" in desk.visible_text
    assert "Signs indigenization agreements for automotive equipment and parts" in desk.visible_text
    assert len(result_codes(desk)) == 8 and "More »" in buttons(desk)

    _, page2 = tap(fake, user, desk, "More")
    assert f"Listings ({count}, " in page2.visible_text and " of them open) — 9–16:" in page2.visible_text
    _, card = tap(fake, user, page2, result_codes(page2)[0])
    assert card.visible_text.startswith(result_codes(page2)[0])

    persian = users.new("fa")
    farsi = say(fake, persian, "/desks")
    assert "۴۲ میلیون یورو" in line_with(farsi, "میز توسعه ساخت داخل خودرو")
    # The Persian desk card describes the desk in Persian (seed_data/desks.csv's description_fa).
    _, farsi_desk = tap(fake, persian, farsi, "خودرو")
    assert "قراردادهای بومی‌سازی قطعات و تجهیزات خودروسازی را امضا می‌کند؛ ۴۲ میلیون یورو قرارداد" in farsi_desk.visible_text
    assert "Signs indigenization" not in farsi_desk.visible_text
    check.done()


def test_sectors_list_counts_and_page_through_a_sector(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en")
    sectors = say(fake, user, "/sectors")
    # The greeting's menu leads to the same list.
    _, from_menu = tap(fake, user, say(fake, user, "/start"), "Sectors")
    assert from_menu.visible_text == sectors.visible_text and from_menu.buttons() == sectors.buttons()
    assert sectors.visible_text.startswith("📚 Sectors")
    labels = buttons(sectors)
    assert f"Automotive ({seed_count('automotive')})" in labels
    assert f"Machinery ({seed_count('machinery')})" in labels
    assert f"Oil & gas ({seed_count('oil_gas')})" in labels
    assert len(labels) == 15

    total = seed_count("automotive")
    assert total > 16
    _, page1 = tap(fake, user, sectors, "Automotive")
    assert page1.visible_text.startswith(f"📚 Automotive — listings 1–8 of {total}")
    assert "1. AUT-001 · Engine control unit (ECU)" in page1.visible_text
    assert buttons(page1)[-2:] == ["More »", "📚 Sectors"]
    _, page2 = tap(fake, user, page1, "More")
    assert page2.visible_text.startswith(f"📚 Automotive — listings 9–16 of {total}")
    _, page3 = tap(fake, user, page2, "More")
    assert page3.visible_text.startswith(f"📚 Automotive — listings 17–{total} of {total}")
    assert "More »" not in buttons(page3)
    _, back = tap(fake, user, page3, "Previous")
    assert back.visible_text == page2.visible_text
    _, menu = tap(fake, user, back, "Sectors")
    assert menu.visible_text == sectors.visible_text
    check.done()


# ------------------------------------------------------------------ robustness


FORGED = [
    "zzz",
    "p:NOPE",
    "s:999999:0",
    "d:NOPE:0",
    "c:nope:0",
    "i:NOPE",
    "lang:de",
    "s:1:99999",
    "x" * 64,
    "p:" + "Ж" * 31,  # 64 bytes of UTF-8
]


def test_forged_buttons_get_a_polite_expired_answer(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en")
    results = say(fake, user, "brake pads")
    for data in FORGED:
        assert len(data.encode()) <= 64
        assert tap_for_toast(fake, user, results, data=data) == EXPIRED_EN, data
    persian = users.new("fa")
    persian_results = say(fake, persian, "brake pads")
    assert tap_for_toast(fake, persian, persian_results, data="zzz") == EXPIRED_FA
    # Still answering normally.
    assert result_codes(say(fake, user, "brake pads")) == ["AUT-002"]
    check.done()


def test_forged_results_button_cannot_read_another_users_search(fake: FakeBotApi, users: Users, check: Check) -> None:
    owner, snoop = users.new("en"), users.new("en")
    secret = say(fake, owner, "brake pads, ACME Falcon, call +98 912 000 0000")
    found = re.fullmatch(r"p:[A-Z0-9-]+:(\d+):0", str(callback_data(secret)[0]))
    assert found is not None, secret.describe()
    search_id = found.group(1)
    own = say(fake, snoop, "brake pads")
    query_id = fake.press_forged(snoop, own.message_id, f"s:{search_id}:0")
    toast = answer_of(fake, query_id)
    fake.wait_idle(quiet=0.2)
    leaked = [m.visible_text for m in fake.messages_to(snoop.id) if "Falcon" in m.visible_text]
    check.done()
    assert leaked == [], f"user {snoop.id} sees user {owner.id}'s query: {leaked}"
    assert toast == EXPIRED_EN


def test_stickers_photos_and_documents_get_the_text_only_reply(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en")
    sent_ids = [
        fake.send_message(user, sticker=True),
        fake.send_message(user, photo=True),
        fake.send_message(user, document=("catalog.csv", b"code,name_en\nX-1,Thing\n")),
        fake.send_message(user, photo=True, caption="brake pads"),
    ]
    after = sent_ids[-1]
    for _ in sent_ids:  # one reply each, in order
        reply = fake.wait_for_message(user.id, after=after)
        assert reply.visible_text.startswith(NON_TEXT_EN), reply.describe()
        after = reply.seq

    persian = users.new("fa")
    sent = fake.send_message(persian, sticker=True)
    assert fake.wait_for_message(persian.id, after=sent).visible_text.startswith("من فقط پیام متنی می‌خوانم.")
    assert result_codes(say(fake, user, "brake pads")) == ["AUT-002"]
    check.done()


def test_odd_texts_get_sensible_replies(fake: FakeBotApi, users: Users, check: Check) -> None:
    user = users.new("en")
    long_text = ("brake pads and other friction parts " * 120)[:4000]
    assert len(long_text) == 4000
    reply = say(fake, user, long_text)
    assert reply.visible_text.startswith("🔎 Results for “brake pads and other")
    assert "…”" in reply.visible_text  # the query is shortened in the header
    nonsense = say(fake, user, "q" * 4000)
    assert nonsense.visible_text.startswith("“qqq") and "looks like keys typed at random" in nonsense.visible_text
    assert len(nonsense.visible_text) < 1000

    assert say(fake, user, "😀🎉👍").visible_text.startswith(EMPTY_QUERY_EN)
    assert say(fake, user, "\u200f\u200f\u200f").visible_text.startswith(EMPTY_QUERY_EN)
    assert say(fake, user, "\u200e\u200f \u200f").visible_text.startswith(EMPTY_QUERY_EN)
    assert say(fake, user, "<b>&amp;</b> & <").visible_text.startswith("I found no listing for “<b>&amp;</b> & <”")

    assert result_codes(say(fake, user, "brake pads")) == ["AUT-002"]
    check.done()


def test_talk_codes_and_unknown_commands_are_answered_without_a_search(fake: FakeBotApi, users: Users, check: Check) -> None:
    persian, english = users.new("fa"), users.new("en")
    assert say(fake, persian, "سلام").visible_text.startswith("سلام! 👋")
    assert say(fake, persian, "ممنون").visible_text.startswith("خواهش می‌کنم!")
    assert say(fake, english, "what can you do?").visible_text.startswith("I match investors")
    assert say(fake, english, "/status").visible_text.startswith("I don't know the command /status.")
    assert say(fake, persian, "/status").visible_text.startswith("دستور /status را نمی‌شناسم.")
    card = say(fake, persian, "aut 12")
    assert card.visible_text.startswith("AUT-012") and "i:AUT-012" in callback_data(card)
    found = say(fake, english, "/product aut-8")
    assert found.visible_text.startswith("AUT-008")
    check.done()


@pytest.mark.also_postgres
def test_users_with_ids_beyond_32_bits_are_served(fake: FakeBotApi, check: Check) -> None:
    """Telegram user ids exceed 2**31; PostgreSQL's INTEGER would refuse them (they need BIGINT)."""
    user = FakeUser(id=7_123_456_789, first_name="Newer", language_code="en")
    assert say(fake, user, "/start").visible_text.startswith("Hello Newer!")
    assert result_codes(say(fake, user, "brake pads")) == ["AUT-002"]
    card = say(fake, user, "/product AUT-001")
    admin_mark, user_mark = fake.mark(ADMIN.id), fake.mark(user.id)
    answer_of(fake, fake.press_button(user, card, "I'm interested"))
    fake.wait_for_message(user.id, after=user_mark, contains="is registered")
    assert f"tg://user?id={user.id}" in fake.wait_for_message(ADMIN.id, after=admin_mark, contains="New lead").text
    assert say(fake, user, "call me").visible_text.startswith("📝")
    check.done()


# ------------------------------------------------------------------ data that needs escaping


def test_listing_with_markup_characters_is_found_and_displayed(fake: FakeBotApi, users: Users, check: Check) -> None:
    code, name = ESCAPING_PRODUCT["code"], ESCAPING_PRODUCT["name_en"]
    user = users.new("en")
    results = say(fake, user, "Valve <DN50> & fittings")
    assert results.visible_text.startswith("🔎 Results for “Valve <DN50> & fittings”")
    assert f"1. {code} · {name}" in results.visible_text
    assert buttons(results)[0] == f"1. {code} · {name}"

    _, card = tap(fake, user, results, code)
    assert card.visible_text.startswith(f"{code} · {name}\n{ESCAPING_PRODUCT['name_fa']}")
    assert ESCAPING_PRODUCT["description"] in card.visible_text
    assert "Also known as: gate valve <DN50> & fittings, DN50 valve" in card.visible_text
    assert "&amp;" in card.text and "&lt;DN50&gt;" in card.text

    persian = users.new("fa")
    results = say(fake, persian, "DN50 valve")
    assert result_codes(results)[0] == code
    _, card = tap(fake, persian, results, code)
    assert card.visible_text.startswith(f"{code} · {ESCAPING_PRODUCT['name_fa']}\n{name}")
    check.done()


# ------------------------------------------------------------------ load


def _send_times(fake: FakeBotApi, chat_id: int, after: int) -> list[int]:
    """Sequence numbers of successful sendMessage calls to chat_id after call ``after``."""
    return [
        call.seq
        for call in fake.calls
        if call.seq > after and call.method.lower() == "sendmessage" and call.ok and str(call.params.get("chat_id")) == str(chat_id)
    ]


def test_a_flooding_user_does_not_hold_up_others(fake: FakeBotApi, users: Users, check: Check) -> None:
    flooder, other = users.new("en"), users.new("en")
    first_call = len(fake.calls)
    started = time.monotonic()
    for number in range(40):
        fake.send_message(flooder, f"pump {number}")
    sent = fake.send_message(other, "brake pads")
    reply = fake.wait_for_message(other.id, after=sent, timeout=15)
    waited = time.monotonic() - started
    assert result_codes(reply) == ["AUT-002"]
    fake.wait_idle(timeout=30)

    flooder_sends = _send_times(fake, flooder.id, first_call)
    other_send = _send_times(fake, other.id, first_call)[0]
    assert flooder_sends, "the flooder got no answer at all"
    assert other_send < flooder_sends[-1] or waited < 5.0, (
        f"the other user waited {waited:.1f}s, after all {len(flooder_sends)} answers to the flooder"
    )
    assert waited < 5.0
    # The flooder is answered normally once the flood is over.
    assert result_codes(say(fake, flooder, "brake pads")) == ["AUT-002"]
    check.done()


# ------------------------------------------------------------------ a bot of its own


@pytest.fixture(scope="module")
def small_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeBotApi, BotProcess]]:
    """A second bot on an empty SQLite database (AUTO_MIGRATE=1, so it creates the schema), MAX_CONCURRENT_UPDATES=4."""
    workdir = tmp_path_factory.mktemp("small-bot")
    with FakeBotApi() as api:
        process = BotProcess(api, f"sqlite:///{workdir / 'empty.db'}", workdir)
        process.env.update(MAX_CONCURRENT_UPDATES="4", AUTO_MIGRATE="1")
        process.start()
        try:
            yield api, process
        finally:
            status = process.stop()
            assert status in (0, None), process.describe_log()


def test_an_empty_database_is_seeded_on_first_start(small_bot: tuple[FakeBotApi, BotProcess], users: Users) -> None:
    fake, process = small_bot
    check = Check(fake, process, len(fake.calls), 0)
    assert "empty catalog: loading seed_data/" in process.log()
    assert re.search(r"catalog loaded: \d+ entries searchable", process.log())
    user = users.new("en")
    assert result_codes(say(fake, user, "brake pads")) == ["AUT-002"]
    sectors = say(fake, user, "/sectors")
    assert f"Automotive ({seed_count('automotive')})" in buttons(sectors)
    assert f"Machinery ({seed_count('machinery') - 1})" in buttons(sectors)
    check.done()


def test_flood_protection_holds_with_a_small_concurrency_limit(
    small_bot: tuple[FakeBotApi, BotProcess], users: Users
) -> None:
    fake, process = small_bot
    check = Check(fake, process, len(fake.calls), process.log_size())
    flooder, other = users.new("en"), users.new("en")
    first_call = len(fake.calls)
    for number in range(40):
        fake.send_message(flooder, f"pump {number}")
    sent = fake.send_message(other, "brake pads")
    fake.wait_for_message(other.id, after=sent, timeout=30)
    fake.wait_idle(timeout=30)
    check.done()
    flooder_sends = _send_times(fake, flooder.id, first_call)
    other_send = _send_times(fake, other.id, first_call)[0]
    answered_before = sum(1 for seq in flooder_sends if seq < other_send)
    # The processor's contract: at most `backlog` (8) of one user's updates are queued, the rest dropped,
    # and the other user is answered while the flooder's backlog is still being worked through.
    assert answered_before <= 8, f"the other user was answered only after {answered_before} answers to the flooder"
