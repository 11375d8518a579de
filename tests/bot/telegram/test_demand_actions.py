"""/demand groups become listings, through the real Application: a group's card, an alias (tapped or typed), a
drafted listing with suggested values kept, a dismissal and its undo, in English and Persian."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from bot.services.demand import DemandGroup
from bot.services.demand_actions import Done, Refusal
from bot.services.search import Result
from bot.store import catalog as store
from bot.store.models import AuditEntry, DemandDecision, DemandState
from bot.telegram.features.admin import demand, listings, reports
from bot.telegram.offline import OfflineCall

from .conftest import ADMIN, INVESTOR, Chat, buttons, texts, toasts
from .test_render import HUGE, LANGUAGES, assert_telegram_accepts

WHEN = datetime(2026, 3, 20, 6, 30, tzinfo=UTC)


def only(calls: list[OfflineCall], method: str = "sendMessage") -> OfflineCall:
    (call,) = [c for c in calls if c.method == method]
    return call


def button(call: OfflineCall, label: str) -> str:
    """The data of the button whose label starts with ``label``."""
    found = [data for text, data in buttons(call) if text.startswith(label)]
    assert len(found) == 1, buttons(call)
    return found[0]


async def card(chat: Chat, need: str, language: str = "en") -> OfflineCall:
    """The card of the /demand group ``need``, opened with its button."""
    report = only(await chat.send("/demand", user=ADMIN, language=language))
    data = next(data for text, data in buttons(report) if text.split(". ", 1)[1] == need)
    return only(await chat.press(data, user=ADMIN, language=language))


async def test_an_alias_from_the_closest_listings_makes_the_next_search_match(chat: Chat) -> None:
    for query in ["brake discs", "brake discs", "wedding dresses"]:
        await chat.send(query)
    report = only(await chat.send("/demand", user=ADMIN))
    assert [text for text, _ in buttons(report)] == ["1. brake discs", "2. wedding dresses"]  # as typed
    opened = await card(chat, "brake discs")
    assert opened.params["text"] == (
        "🕳 <b>brake discs</b>\nSearches: 2, people: 1, with related suggestions: 2\n“brake discs”\n\nOpen. What should become of it?")
    assert [text for text, _ in buttons(opened)] == ["🔗 Add as alias of a listing", "📝 Draft a new listing", "🚫 Not a product need"]
    menu = only(await chat.press(button(opened, "🔗"), user=ADMIN))
    assert menu.params["text"].startswith("🔗 Which listing should “brake discs” become an alias of?")
    (aliased,) = texts(await chat.press(button(menu, "AUT-002 · Brake pad set"), user=ADMIN))
    assert aliased == "✅ “brake discs” is now an alias of <b>AUT-002</b> · Brake pad set. The next search for it finds that listing."
    assert "AUT-002" in texts(await chat.send("brake discs"))[0]  # the index was rebuilt
    (after,) = texts(await chat.send("/demand", user=ADMIN))
    assert "brake discs</b>" not in after and after.endswith("✅ <b>Recently resolved:</b> brake discs → alias of AUT-002")
    # A typed message after a tapped listing is a search again, not a code.
    assert "AUT-001" in texts(await chat.send("AUT-001", user=ADMIN))[0]
    # The same group again: decided already.
    (again,) = texts(await chat.press(button(menu, "AUT-002"), user=ADMIN))
    assert again == "An admin already decided about “brake discs”: ✅ Resolved: its wording is an alias of AUT-002."
    with chat.session() as session:
        entries = session.exec(select(AuditEntry.action, AuditEntry.target).where(AuditEntry.action == "demand.alias")).all()
    assert entries == [("demand.alias", "AUT-002")]


async def test_a_typed_code_in_persian_is_checked_before_it_becomes_an_alias(chat: Chat) -> None:
    await chat.send("ترمز", user=INVESTOR, language="fa")
    await chat.press("lang:fa", user=ADMIN)
    await chat.send("/closeproduct RAL-004", user=ADMIN)
    opened = await card(chat, "ترمز", "fa")
    assert opened.params["text"].startswith("🕳 <b>ترمز</b>\n۱ جستجو از ۱ نفر، ۱ با پیشنهاد مرتبط\n«ترمز»")
    menu = only(await chat.press(button(opened, "🔗"), user=ADMIN, language="fa"))
    assert menu.params["text"].startswith("🔗 «ترمز» نام دیگر کدام کالا شود؟")
    assert texts(await chat.send("لنت ترمز", user=ADMIN, language="fa")) == ["«لنت ترمز» کد کالا نیست. کدی مانند AUT-002 بفرستید، یا /cancel."]
    assert texts(await chat.send("NOPE-1", user=ADMIN, language="fa")) == ["کالایی با کد NOPE-1 نیست. کد دیگری بفرستید، یا /cancel."]
    assert texts(await chat.send("ral 4", user=ADMIN, language="fa")) == [
        "کالای RAL-004 بسته است و نام تازه نمی‌پذیرد. کد دیگری بفرستید، یا /cancel."]  # two words, read as /product reads them
    assert texts(await chat.send("ral-004", user=ADMIN, language="fa")) == [
        "کالای RAL-004 بسته است و نام تازه نمی‌پذیرد. کد دیگری بفرستید، یا /cancel."]
    (done,) = texts(await chat.send("aut-۲", user=ADMIN, language="fa"))  # written as read aloud, as /product takes it
    assert done.startswith("✅ «ترمز» اکنون نام دیگر <b>AUT-002</b> · ")
    assert "AUT-002" in texts(await chat.send("ترمز", user=INVESTOR, language="fa"))[0]
    assert "AUT-002" in texts(await chat.send("ترمزها", user=INVESTOR, language="fa"))[0]
    with chat.session() as session:
        product = store.get_product("AUT-002", session=session)
        assert product is not None and product.aliases.endswith(";ترمز")
    assert texts(await chat.send("/demand", user=ADMIN, language="fa")) == [
        "🕳 در ۳۰ روز گذشته جستجوی بی‌پاسخی نبوده است.\n\n✅ <b>به‌تازگی پاسخ گرفته:</b> ترمز ← نام دیگر AUT-002"]


async def test_a_wording_another_admin_made_an_alias_meanwhile_is_refused(chat: Chat) -> None:
    await chat.send("brake discs")
    menu = only(await chat.press(button(await card(chat, "brake discs"), "🔗"), user=ADMIN))
    await chat.send("/editproduct AUT-003\naliases: + Brake Disc", user=ADMIN)
    assert texts(await chat.press(button(menu, "AUT-002"), user=ADMIN)) == [
        "“brake discs” is already an alias of AUT-003; nothing was changed."]
    with chat.session() as session:
        product = store.get_product("AUT-002", session=session)
        assert product is not None and "brake disc" not in product.aliases


async def test_cancel_stops_waiting_for_a_code(chat: Chat) -> None:
    await chat.send("wedding dresses")
    opened = await card(chat, "wedding dresses")
    menu = only(await chat.press(button(opened, "🔗"), user=ADMIN))
    assert menu.params["text"].startswith("🔗 No listing is close to “wedding dresses”.") and buttons(menu) == []
    assert texts(await chat.send("/cancel", user=ADMIN)) == ["Stopped; no alias was added."]
    assert "AUT-002" in texts(await chat.send("AUT-002", user=ADMIN))[0]  # searched again


async def test_not_a_product_need_is_dismissed_and_can_be_undone(chat: Chat) -> None:
    await chat.send("wedding dresses")
    opened = await card(chat, "wedding dresses")
    calls = await chat.press(button(opened, "🚫"), user=ADMIN)
    dismissed = only(calls, "editMessageText")
    assert dismissed.params["text"] == "🚫 “wedding dresses” is left out of the report: not a product need."
    (report,) = texts(await chat.send("/demand", user=ADMIN))
    assert report == "🕳 No unanswered searches in the last 30 days.\n\n🚫 1 group dismissed as not a product need."
    undone = only(await chat.press(button(dismissed, "↩️"), user=ADMIN), "editMessageText")
    assert undone.params["text"] == "↩️ “wedding dresses” is back in the report."
    assert "📝 Draft a new listing" in [text for text, _ in buttons(undone)]
    assert "1. <b>wedding dresses</b>" in texts(await chat.send("/demand", user=ADMIN))[0]
    with chat.session() as session:
        (decision,) = session.exec(select(DemandDecision)).all()
        actions = session.exec(select(AuditEntry.action).where(AuditEntry.target == "wedding dress").order_by(AuditEntry.id)).all()  # type: ignore[arg-type]
    assert decision.state is DemandState.OPEN and actions == ["demand.dismiss", "demand.reopen"]
    # Someone else pressing the buttons is refused.
    assert toasts(await chat.press(button(opened, "🚫"), user=INVESTOR)) == ["This command is not available."]


async def test_a_drafted_listing_keeps_the_suggested_values_and_marks_the_need_listed(chat: Chat) -> None:
    for query in ["battery chargers", "battery charger"]:
        await chat.send(query)
    opened = await card(chat, "battery charger")
    first = only(await chat.press(button(opened, "📝"), user=ADMIN))
    assert first.params["text"].startswith("📝 New listing for the unmet need “battery charger”, step by step.")
    assert "<b>1/10</b>" in first.params["text"] and first.params["text"].endswith("Suggested: <b>AUT-021</b>")
    assert [text for text, _ in buttons(first)] == ["✅ Keep: AUT-021"]
    second = only(await chat.press(button(first, "✅ Keep"), user=ADMIN))
    assert "<b>2/10</b>" in second.params["text"] and second.params["text"].endswith("Suggested: <b>Battery charger</b>")
    # A Keep of an earlier step has expired.
    assert toasts(await chat.press(button(first, "✅ Keep"), user=ADMIN)) == ["This button has expired. Please search again."]
    third = only(await chat.press(button(second, "✅ Keep"), user=ADMIN))
    assert "<b>3/10</b>" in third.params["text"] and buttons(third) == []  # no Persian wording: nothing suggested
    fourth = only(await chat.send("شارژر باتری", user=ADMIN))
    assert "<b>4/10</b>" in fourth.params["text"] and "Suggested: <b>" in fourth.params["text"]
    fifth = only(await chat.send("8504.40", user=ADMIN))  # the admin's own HS code instead of the suggested heading
    assert fifth.params["text"].endswith("Suggested: <b>Automotive</b>")  # the sector by its name; Keep takes its key
    assert [text for text, _ in buttons(fifth)] == ["✅ Keep: Automotive"]
    sixth = only(await chat.press(button(fifth, "✅ Keep"), user=ADMIN))
    assert "<b>6/10</b>" in sixth.params["text"]
    for _ in range(4):
        await chat.send("/skip", user=ADMIN)
    (done,) = texts(await chat.send("/skip", user=ADMIN))
    assert done.startswith("✅ Listing added.\nThe unmet need “battery charger” is marked as listed: AUT-021.")
    with chat.session() as session:
        product = store.get_product("AUT-021", session=session)
        assert product is not None and (product.name_en, product.name_fa, product.hs_code, product.sector) == (
            "Battery charger", "شارژر باتری", "850440", "automotive")
    assert "AUT-021" in texts(await chat.send("battery charger"))[0]
    (report,) = texts(await chat.send("/demand", user=ADMIN))
    assert report.endswith("✅ <b>Recently resolved:</b> battery charger → listed as AUT-021")


@pytest.mark.parametrize("language", LANGUAGES)
def test_demand_cards_and_menus_fit_whatever_the_data(language: str) -> None:
    groups = [DemandGroup(HUGE, 10, 5, 2, [HUGE] * 3, search_id=10**12 - 1 - n) for n in range(10)]
    decided = [DemandGroup(HUGE, 3, 1, 0, [HUGE], search_id=n + 1, state=state, code="A" * 32, decided_at=WHEN)
               for n, state in enumerate([DemandState.ALIASED, DemandState.LISTED, DemandState.DISMISSED] * 4)]
    visible = assert_telegram_accepts(reports.demand(language, groups, 365, decided))
    assert ("Recently resolved" if language == "en" else "به‌تازگی پاسخ گرفته") in visible
    for group in [groups[0], *decided[:3]]:
        assert_telegram_accepts(demand.card(language, group, 365, finglish=True))
    closest = [Result("product", "A" * 32, HUGE, HUGE, "oil_gas", 90.0, "name_en") for _ in range(6)]
    assert_telegram_accepts(demand.alias_menu(language, groups[0], 365, closest))
    assert_telegram_accepts(demand.alias_menu(language, groups[0], 365, []))
    for refusal in Refusal:
        assert_telegram_accepts(demand.refused(language, Done(groups[0], refusal, "A" * 32, HUGE), 365))
    assert_telegram_accepts(demand.refused(language, Done(None, Refusal.GONE), 365))
    assert_telegram_accepts(listings.draft_step(language, "product", 0, [], {"code": HUGE}))


async def test_a_persian_need_is_shown_as_typed_not_in_its_search_form(chat: Chat) -> None:
    await chat.send("پمپ آب", user=INVESTOR, language="fa")
    await chat.press("lang:fa", user=ADMIN)
    report = only(await chat.send("/demand", user=ADMIN, language="fa"))
    assert "۱. <b>پمپ آب</b> — " in report.params["text"] and "پمپ اب" not in report.params["text"]
    opened = await card(chat, "پمپ آب", "fa")
    assert opened.params["text"].startswith("🕳 <b>پمپ آب</b>\n")
    draft = only(await chat.press(button(opened, "📝"), user=ADMIN, language="fa"))
    assert draft.params["text"].startswith("📝 کالای تازه برای نیاز بی‌پاسخ «پمپ آب»")
    step = only(await chat.press(button(draft, "✅"), user=ADMIN, language="fa"))
    step = only(await chat.send("Water pump", user=ADMIN, language="fa"))
    assert step.params["text"].endswith("پیشنهاد: <b>پمپ آب</b>")  # the name as typed, with its madda
    step = only(await chat.press(button(step, "✅"), user=ADMIN, language="fa"))
    step = only(await chat.press(button(step, "✅"), user=ADMIN, language="fa"))
    # The sector of the pump suggested first (the pumps, not the refinery pump's mechanical seal: round 7).
    assert step.params["text"].endswith("پیشنهاد: <b>نفت و گاز</b>")
    assert [text for text, _ in buttons(step)] == ["✅ همین بماند: نفت و گاز"]


@pytest.mark.parametrize(("language", "finglish", "suggested"), [
    ("en", "✍️ “mil lang” is Persian typed in Latin letters (Finglish)", "Suggested: <b>mil lang</b>"),
    ("fa", "✍️ «mil lang» فارسی با حروف لاتین (فینگلیش) است", "پیشنهاد: <b>mil lang</b>")])
async def test_a_need_typed_in_finglish_is_offered_as_an_alias_not_as_the_english_name(
        chat: Chat, language: str, finglish: str, suggested: str) -> None:
    """A user trial: "mil lang" (Finglish «میل لنگ», a crankshaft) was drafted as the English name "Mil lang". The card
    and the draft say it is Finglish; the form suggests no English (nor Persian) name, and offers it as an alias."""
    for query in ["mil lang", "mil lang"]:
        await chat.send(query, user=INVESTOR)
    if language == "fa":
        await chat.press("lang:fa", user=ADMIN)
    opened = await card(chat, "mil lang", language)
    assert finglish in opened.params["text"]
    step = only(await chat.press(button(opened, "📝"), user=ADMIN, language=language))
    assert finglish in step.params["text"]
    step = only(await chat.send("MCH-050", user=ADMIN, language=language))  # no listing is close: no code suggested
    steps = {"en": ["<b>2/10</b>", "<b>3/10</b>", "<b>7/10</b>"], "fa": ["<b>۲/۱۰</b>", "<b>۳/۱۰</b>", "<b>۷/۱۰</b>"]}[language]
    assert steps[0] in step.params["text"] and buttons(step) == []  # no English name suggested
    step = only(await chat.send("Crankshaft", user=ADMIN, language=language))
    assert steps[1] in step.params["text"] and buttons(step) == []  # nor a Persian one: it is not known
    step = only(await chat.send("میل لنگ", user=ADMIN, language=language))
    for answer in ["8483.10", "machinery", "/skip"]:  # the HS code, the sector, the imports
        step = only(await chat.send(answer, user=ADMIN, language=language))
    assert steps[2] in step.params["text"] and step.params["text"].endswith(suggested)
