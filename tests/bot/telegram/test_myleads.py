"""/myleads through the real Application: each interest with its timeline, withdrawing (confirmed, admins
told), adding a note; and finished listings, which take no new interest but offer an alert."""

from __future__ import annotations

import re

from sqlmodel import select
from telegram.constants import MessageLimit

from bot.dates import format_moment
from bot.store.models import Alert, Lead, LeadNote, LeadStatus, ListingWatch
from bot.telegram.menus import commands
from bot.telegram.offline import OfflineCall

from .conftest import ADMIN, INVESTOR, PERSIAN, Chat, buttons, texts, toasts


def _lead(chat: Chat, user: int, code: str) -> Lead:
    with chat.session() as session:
        return session.exec(select(Lead).where(Lead.user_id == user, Lead.product_code == code)).one()


def _sent(calls: list[OfflineCall], method: str = "sendMessage") -> OfflineCall:
    return next(c for c in calls if c.method == method)


async def test_myleads_shows_each_interest_newest_first_with_its_timeline_in_english(chat: Chat) -> None:
    assert texts(await chat.send("/myleads")) == [
        "You have not registered interest in any listing yet. Search for a product and press “I'm interested” on its card."]
    await chat.press("i:AUT-001")
    await chat.press("i:MED-001")
    await chat.press("ls:1:contacted:open:0", user=ADMIN)
    calls = await chat.send("/myleads")
    (page,) = texts(calls)
    assert page.startswith("<b>Your interests</b> (1–2 of 2), newest first:")
    assert page.index("<b>MED-001</b>") < page.index("<b>AUT-001</b>")
    assert "Desk: Automotive domestic production promotion desk\nStatus: 📞 the desk has contacted you" in page
    # Gregorian, to the minute and in the bot's named time zone, for English readers: sent, then contacted.
    assert re.search(r"\n• \d{4}-\d\d-\d\d \d\d:\d\d Tehran time: 🆕 sent, the desk has not answered yet\n"
                     r"• \d{4}-\d\d-\d\d \d\d:\d\d Tehran time: 📞 the desk has contacted you$", page)  # AUT-001 is the older, last
    lead = _lead(chat, INVESTOR, "AUT-001")
    assert ("↩️ Withdraw AUT-001", f"lw:{lead.id}:0") in buttons(_sent(calls))
    assert ("📝 Note on AUT-001", f"ln:{lead.id}") in buttons(_sent(calls))


async def test_myleads_in_persian_dates_the_timeline_in_the_jalali_calendar(chat: Chat) -> None:
    await chat.press("i:AUT-001", user=PERSIAN, language="fa")
    await chat.press("ls:1:meeting:open:0", user=ADMIN)
    told = texts(await chat.press("ls:1:contacted:open:0", user=ADMIN), chat=PERSIAN)
    assert told[0].endswith("همه علاقه‌مندی‌های شما و وضعیت هر کدام: /myleads")
    (page,) = texts(await chat.send("/myleads", user=PERSIAN, language="fa"))
    lead = _lead(chat, PERSIAN, "AUT-001")
    tz = chat.runtime().settings.tz
    assert page.startswith("<b>علاقه‌مندی‌های شما</b> (۱ تا ۱ از ۱)")
    assert f"• {format_moment('fa', lead.created_at, tz)}: 🆕 ثبت شد، میز هنوز پاسخ نداده" in page
    assert "📅 جلسه با میز در حال هماهنگی" in page and page.count("\n• ") == 3 and "وضعیت: 📞 میز با شما تماس گرفته است" in page
    assert re.search(r"• [۰-۹]+ [آ-ی]+ ۱[۳۴][۰-۹]{2}، [۰-۹]{2}:[۰-۹]{2}", page), page  # a Jalali year in Persian digits


async def test_withdrawing_asks_first_tells_the_admins_and_shows_in_the_timeline(chat: Chat) -> None:
    await chat.send("/start", user=ADMIN)
    await chat.press("i:AUT-001")
    lead_id = _lead(chat, INVESTOR, "AUT-001").id
    asked = await chat.press(f"lw:{lead_id}:0")
    (question,) = texts(asked, "editMessageText")
    assert question.startswith("Withdraw your interest in <b>AUT-001</b>")
    assert buttons(_sent(asked, "editMessageText")) == [("✔️ Yes, withdraw", f"lx:{lead_id}:0"), ("« Back to my interests", "ml:0")]
    assert _lead(chat, INVESTOR, "AUT-001").status is LeadStatus.NEW  # nothing happens before the confirmation

    done = await chat.press(f"lx:{lead_id}:0")
    assert toasts(done) == ["Your interest in AUT-001 is withdrawn."]
    (notice,) = texts(done, chat=ADMIN)
    assert f"Lead #{lead_id}" in notice and "withdrew their interest in <b>AUT-001</b>" in notice
    (page,) = texts(done, "editMessageText")
    assert "Status: ↩️ you withdrew it" in page and page.endswith(": ↩️ you withdrew it")
    assert buttons(_sent(done, "editMessageText")) == []  # neither withdraw nor a note on a withdrawn interest
    assert _lead(chat, INVESTOR, "AUT-001").status is LeadStatus.WITHDRAWN
    # The note button of the page shown before the withdrawal: a clear answer, nothing asked, nothing stored.
    stale = await chat.press(f"ln:{lead_id}")
    assert toasts(stale) == ["You withdrew this interest: a note can no longer be added to it."] and not texts(stale)
    assert "brake" in texts(await chat.send("brake pads"))[0].lower()  # the next message is a search, not a note
    with chat.session() as session:
        assert session.exec(select(LeadNote)).all() == []
    assert toasts(await chat.press(f"lx:{lead_id}:0")) == ["This interest can no longer be withdrawn."]
    assert toasts(await chat.press(f"lw:{lead_id}:0")) == ["This interest can no longer be withdrawn."]
    # Interest expressed again is taken up anew and the admins hear of it as a new lead.
    again = await chat.press("i:AUT-001")
    assert texts(again, chat=INVESTOR)[0].startswith("✅ Your interest in <b>AUT-001</b>") and texts(again, chat=ADMIN)
    assert _lead(chat, INVESTOR, "AUT-001").status is LeadStatus.NEW


async def test_a_note_added_from_myleads_reaches_the_admins(chat: Chat) -> None:
    await chat.send("/start", user=ADMIN)
    await chat.press("i:AUT-001", user=PERSIAN, language="fa")
    await chat.press("skip", user=PERSIAN, language="fa")
    lead_id = _lead(chat, PERSIAN, "AUT-001").id
    (ask,) = texts(await chat.press(f"ln:{lead_id}", user=PERSIAN, language="fa"))
    assert ask.startswith("یادداشت خود درباره <b>AUT-001</b>")
    noted = await chat.send("شرکت نمونه، ۵۰۰ دستگاه در ماه", user=PERSIAN, language="fa")
    assert texts(noted, chat=PERSIAN) and "شرکت نمونه" in texts(noted, chat=ADMIN)[0]
    (page,) = texts(await chat.send("/myleads", user=PERSIAN, language="fa"))
    assert "📝 یادداشت‌های شما:\n– " in page and page.endswith(": شرکت نمونه، ۵۰۰ دستگاه در ماه")


async def test_a_second_note_is_kept_with_the_first_everywhere(chat: Chat) -> None:
    """Blind trial: the second note on HAP-001 replaced the first (the investor's company and phone number)."""
    await chat.send("/start", user=ADMIN)
    await chat.press("i:AUT-001", user=PERSIAN, language="fa")
    first, second = "شرکت نوین سرمایه اصفهان، ۰۹۱۳۱۲۳۴۵۶۷", "ما ۳ کارخانه در شهرک صنعتی مورچه خورت داریم"
    await chat.send(first, user=PERSIAN, language="fa")
    lead = _lead(chat, PERSIAN, "AUT-001")
    (ask,) = texts(await chat.press(f"ln:{lead.id}", user=PERSIAN, language="fa"))
    assert ask.startswith("یادداشت‌های شما درباره <b>AUT-001</b>") and first in ask  # what is already noted
    noted = await chat.send(second, user=PERSIAN, language="fa")
    assert texts(noted, chat=PERSIAN) == ["📝 ممنون؛ یادداشت شما کنار ۱ یادداشت قبلی‌تان نگه داشته و برای میز فرستاده شد."]
    with chat.session() as session:
        assert session.exec(select(LeadNote.text).where(LeadNote.lead_id == lead.id).order_by(LeadNote.id)).all() == [first, second]
        moments = [note.created_at for note in session.exec(select(LeadNote).order_by(LeadNote.id))]
    tz = chat.runtime().settings.tz
    (page,) = texts(await chat.send("/myleads", user=PERSIAN, language="fa"))
    assert f"– {format_moment('fa', moments[0], tz)}: {first}\n– {format_moment('fa', moments[1], tz)}: {second}" in page
    calls = await chat.press(f"lc:{lead.id}:open:0", user=ADMIN)
    (card,) = texts(calls, "editMessageText") or texts(calls)
    assert f"<b>Notes:</b> \n– {format_moment('en', moments[0], tz)}: {first}\n– {format_moment('en', moments[1], tz)}: {second}" in card


async def test_many_notes_keep_cards_and_pages_within_telegram_limits(chat: Chat) -> None:
    """Notes accumulate without limit; a card or page shows the newest that fit and says how many more there are."""
    await chat.send("/start", user=ADMIN)
    codes = ("AUT-001", "AUT-003", "AUT-004", "AUT-005", "AUT-006")
    for code in codes:
        await chat.press(f"i:{code}")
        await chat.press("skip")
        lead_id = _lead(chat, INVESTOR, code).id
        for number in range(12):
            await chat.press(f"ln:{lead_id}")
            await chat.send(f"note {number} " + "x" * 290)
    (ask,) = texts(await chat.press(f"ln:{lead_id}"))
    assert len(ask) < MessageLimit.MAX_TEXT_LENGTH and "…and " in ask and "note 11 " in ask
    (page,) = texts(await chat.send("/myleads"))
    assert len(page) < MessageLimit.MAX_TEXT_LENGTH and page.count("…and 11 earlier notes, not shown here") == 5
    calls = await chat.press(f"lc:{lead_id}:open:0", user=ADMIN)
    (card,) = texts(calls, "editMessageText") or texts(calls)
    assert len(card) < MessageLimit.MAX_TEXT_LENGTH and "earlier notes, not shown here" in card and "note 11 " in card
    with chat.session() as session:
        assert len(session.exec(select(LeadNote)).all()) == 5 * 12


async def test_myleads_is_paged(chat: Chat) -> None:
    for code in ("AUT-001", "AUT-003", "AUT-004", "AUT-005", "AUT-006", "AUT-007"):
        await chat.press(f"i:{code}")
    calls = await chat.send("/myleads")
    (first,) = texts(calls)
    assert first.startswith("<b>Your interests</b> (1–5 of 6)") and "AUT-001" not in first
    assert buttons(_sent(calls))[-1][1] == "ml:1"
    (second,) = texts(await chat.press("ml:1"), "editMessageText")
    assert second.startswith("<b>Your interests</b> (6–6 of 6)") and "<b>AUT-001</b>" in second


async def test_a_finished_listing_offers_an_alert_instead_of_interest(chat: Chat) -> None:
    for language, user in (("en", INVESTOR), ("fa", PERSIAN)):
        card = _sent(await chat.press("p:AUT-002", user=user, language=language), "editMessageText")
        labels = [label for label, _ in buttons(card)]
        interested, reopen = ("✋ I'm interested", "🔔 Tell me if it reopens") if language == "en" else ("✋ علاقه‌مندم", "🔔 اگر دوباره باز شد خبرم کن")
        assert interested not in labels and labels[0] == reopen
        assert ("takes no new interest" if language == "en" else "علاقه‌مندی تازه نمی‌پذیرد") in str(card.params["text"])
        assert len(texts(await chat.press("ap:AUT-002", user=user, language=language))) == 1  # the watch's confirmation
    with chat.session() as session:
        assert len(session.exec(select(ListingWatch)).all()) == 2 and session.exec(select(Alert)).all() == []


async def test_a_stale_interest_button_on_a_finished_listing_says_why(chat: Chat) -> None:
    await chat.send("/start", user=ADMIN)
    calls = await chat.press("i:AUT-002")
    assert toasts(calls) == ["AUT-002 is 🔵 awarded: it takes no new interest. Open it again to be told if it reopens."]
    assert texts(calls) == []  # neither "the desk will contact you" nor a notice to the admins
    fa = await chat.press("i:ELE-011", user=PERSIAN, language="fa")
    assert toasts(fa)[0].startswith("وضعیت ELE-011") and texts(fa) == []
    with chat.session() as session:
        assert session.exec(select(Lead)).all() == []


def test_myleads_is_in_the_menu_and_help_in_both_languages() -> None:
    from bot.i18n import t

    for language in ("en", "fa"):
        assert "myleads" in [c.command for c in commands(language)]
        assert "/myleads — " in t(language, "help", examples="")
