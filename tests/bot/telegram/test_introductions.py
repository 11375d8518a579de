"""Mutual introductions through the real Application: the card's "Introduce me" only when a consenting manufacturer
in chat could make the listing, the manufacturer's Accept or Decline in their language, the exchange of contacts,
anonymous declines, withdrawing, /introductions for both sides and the way to it from /myleads."""

from __future__ import annotations

import re

from sqlmodel import select

from bot.services import users
from bot.store.models import Introduction, IntroductionState, ManufacturerProfile
from bot.telegram.offline import OfflineCall

from .conftest import INVESTOR, Chat, buttons, texts, toasts

MAKER = 601
SECOND_MAKER = 602
STRANGER = 777


def add_maker(chat: Chat, user: int, company: str, *, consent: bool = True, language: str = "fa") -> int:
    with chat.session() as session:
        users.remember(user, session=session, first_name=f"User{user}", username=f"u{user}", language_code=language)
        made = ManufacturerProfile(user_id=user, company=company, province="isfahan", consent=consent, contact="+98 31 3333 0000",
                                   makes="helical gear reducer, industrial gearbox", processes="machining")
        session.add(made)
        session.commit()
        assert made.id is not None
        return made.id


def _card(calls: list[OfflineCall]) -> OfflineCall:
    return next(c for c in calls if c.method == "sendMessage")


def rows(chat: Chat) -> dict[int | None, Introduction]:
    with chat.session() as session:
        return {row.profile_id: row for row in session.exec(select(Introduction))}


async def test_the_card_offers_introductions_only_to_consenting_manufacturers_in_chat(chat: Chat) -> None:
    add_maker(chat, MAKER, "Hidden Gear", consent=False)
    assert not any(data.startswith("it:") for _, data in buttons(_card(await chat.send("/product MCH-007"))))
    add_maker(chat, SECOND_MAKER, "Pars Gear Co")
    assert ("🤝 Introduce me to capable manufacturers (1)", "it:MCH-007") in buttons(_card(await chat.send("/product MCH-007")))
    # The manufacturer is not offered an introduction to itself, nor on a listing it cannot make.
    assert not any(data.startswith("it:") for _, data in buttons(_card(await chat.send("/product MCH-007", user=SECOND_MAKER))))
    assert not any(data.startswith("it:") for _, data in buttons(_card(await chat.send("/product MED-001"))))


async def test_an_investor_asks_the_manufacturer_accepts_and_both_get_the_others_contact(chat: Chat) -> None:
    add_maker(chat, MAKER, "Pars Gear Co")
    offered = await chat.press("it:MCH-007")
    (offer,) = texts(offered)
    assert offer.startswith("🤝 <b>1</b> capable manufacturer open to introductions could make <b>MCH-007</b> Helical gear reducer:")
    assert "1. in Isfahan · Precision machining (CNC turning and milling)" in offer and "Pars Gear" not in offer
    assert buttons(_card(offered)) == [("✔️ Yes, ask them", "itc:MCH-007")]
    assert rows(chat) == {}  # nothing is asked before the confirmation

    asked = await chat.press("itc:MCH-007")
    (confirmation,) = texts(asked, "editMessageText")
    assert confirmation.startswith("✅ The bot asked 1 manufacturer about <b>MCH-007</b>")
    (question,) = texts(asked, chat=MAKER)
    intro = rows(chat)[next(iter(rows(chat)))]
    assert "سرمایه‌گذاری به نام User501 می‌خواهد با شما آشنا شود" in question and "<b>MCH-007</b> گیربکس صنعتی هلیکال" in question
    assert "@u501" not in question and "tg://user" not in question  # the first name only, until they accept
    question_call = next(c for c in asked if c.method == "sendMessage" and int(c.params["chat_id"]) == MAKER)
    assert buttons(question_call)[:2] == [("✅ می‌پذیرم، تماس‌ها رد و بدل شود", f"ita:{intro.id}"), ("✖️ نمی‌پذیرم", f"itd:{intro.id}")]
    assert toasts(await chat.press("itc:MCH-007")) == [
        "You already asked for introductions on this listing; /introductions shows where they stand."]

    # Someone else's button (forged, forwarded) changes nothing.
    assert toasts(await chat.press(f"ita:{intro.id}", user=STRANGER)) == ["This button has expired. Please search again."]
    assert toasts(await chat.press(f"ita:{intro.id}")) == ["This button has expired. Please search again."]
    assert rows(chat)[intro.profile_id].state is IntroductionState.ASKED

    accepted = await chat.press(f"ita:{intro.id}", user=MAKER, language="fa")
    (to_maker,) = texts(accepted, "editMessageText")
    assert to_maker.startswith("✅ پذیرفتید.") and f'<a href="tg://user?id={INVESTOR}">User501</a> (@u501)' in to_maker
    (to_investor,) = texts(accepted, chat=INVESTOR)
    assert to_investor.startswith("🎉 <b>A manufacturer accepted to meet you</b> about <b>MCH-007</b> Helical gear reducer:")
    assert f'<b>Pars Gear Co</b> (Isfahan): <a href="tg://user?id={MAKER}">User601</a> (@u601)' in to_investor
    assert "Contact: +98 31 3333 0000" in to_investor
    row = rows(chat)[intro.profile_id]
    assert row.state is IntroductionState.ACCEPTED and row.decided_at is not None
    # A double tap, either answer, changes nothing and says so.
    assert toasts(await chat.press(f"itd:{intro.id}", user=MAKER, language="fa")) == ["پیش‌تر پاسخ داده شده: ✅ پذیرفته شد."]
    assert rows(chat)[intro.profile_id].state is IntroductionState.ACCEPTED


async def test_a_decline_is_told_gently_without_naming_and_withdrawing_tells_the_others(chat: Chat) -> None:
    add_maker(chat, MAKER, "Pars Gear Co")
    add_maker(chat, SECOND_MAKER, "Kaveh Gear", language="en")
    await chat.press("itc:MCH-007")
    by_user = {MAKER: 0, SECOND_MAKER: 0}
    with chat.session() as session:
        for row in session.exec(select(Introduction)):
            profile = session.get(ManufacturerProfile, row.profile_id)
            assert profile is not None and profile.user_id is not None
            by_user[profile.user_id] = row.id or 0

    declined = await chat.press(f"itd:{by_user[MAKER]}", user=MAKER, language="fa")
    (told,) = texts(declined, chat=INVESTOR)
    assert told == "One manufacturer could not take up your request on <b>MCH-007</b>. 1 other is still considering it."
    assert texts(declined, "editMessageText")[0].startswith("✖️ معرفی دربارهٔ <b>MCH-007</b> را نپذیرفتید.")

    withdrawn = await chat.press("itw:MCH-007")
    assert texts(withdrawn, "editMessageText")[0].startswith("↩️ Your request for introductions on <b>MCH-007</b> is withdrawn")
    (notice,) = texts(withdrawn, chat=SECOND_MAKER)
    assert notice.startswith("↩️ User501 withdrew their request to meet you about <b>MCH-007</b>")
    assert not texts(withdrawn, chat=MAKER)  # they had answered already
    assert toasts(await chat.press(f"ita:{by_user[SECOND_MAKER]}", user=SECOND_MAKER)) == ["The investor withdrew this request."]
    assert toasts(await chat.press("itw:MCH-007")) == ["Nothing to withdraw: every manufacturer asked has already answered."]
    assert {row.state for row in rows(chat).values()} == {IntroductionState.DECLINED, IntroductionState.WITHDRAWN}


async def test_both_sides_see_their_introductions_with_dates_and_myleads_points_there(chat: Chat) -> None:
    add_maker(chat, MAKER, "Pars Gear Co")
    assert texts(await chat.send("/introductions"))[0].startswith("You have no introductions yet.")
    assert buttons(_card(await chat.send("/myleads"))) == []
    await chat.press("itc:MCH-007")
    intro = next(iter(rows(chat).values()))

    (mine,) = texts(await chat.send("/introductions"))
    assert mine.startswith("<b>Your introductions</b> (1–1 of 1), newest first:")
    assert "🔎 <b>MCH-007 Helical gear reducer</b> (you asked)" in mine and "⏳ waiting for the manufacturer" in mine
    assert "With: a capable manufacturer" in mine and "Pars Gear" not in mine
    assert re.search(r"Asked on \d{4}-\d\d-\d\d \d\d:\d\d", mine)
    calls = await chat.send("/introductions")
    assert buttons(_card(calls)) == [("↩️ Withdraw my request on MCH-007", "itw:MCH-007")]

    maker_calls = await chat.send("/introductions", user=MAKER, language="fa")
    (theirs,) = texts(maker_calls)
    assert theirs.startswith("<b>معرفی‌های شما</b> (۱ تا ۱ از ۱)") and "سرمایه‌گذار: User501" in theirs
    assert re.search(r"درخواست در [۰-۹]+ [آ-ی]+ ۱[۴][۰-۹]{2}، [۰-۹]{2}:[۰-۹]{2}", theirs), theirs  # Jalali, Persian digits
    assert buttons(_card(maker_calls))[0] == ("✅ می‌پذیرم (MCH-007)", f"ita:{intro.id}")

    await chat.press(f"ita:{intro.id}", user=MAKER, language="fa")
    (after,) = texts(await chat.send("/introductions"))
    assert "✅ accepted on " in after and "<b>Pars Gear Co</b> (Isfahan)" in after
    assert ("🤝 My introductions", "itl:0") in buttons(_card(await chat.send("/myleads")))
    assert ("🤝 معرفی‌های من", "itl:0") in buttons(_card(await chat.send("/myleads", user=MAKER, language="fa")))
