"""/profile through the real Application: the guided build with buttons and text answers, refused answers said
plainly, /cancel keeping what was answered, editing one field, the consent toggle, deletion with its confirmation,
a pending answer taking precedence over search (and giving way to a newer lead note), in English and Persian."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import select

from bot.services import profiles
from bot.store.models import AuditEntry, ManufacturerProfile, SearchLog, User, utcnow

from .conftest import INVESTOR, PERSIAN, Chat, buttons, texts, toasts

MAKER = 611
STALE = "That button was from an older message; here is your profile as it is now."
OLD_QUESTION = "Nothing was changed: that button was from an earlier question."


def last_message(calls: list[Any]) -> Any:
    return [call for call in calls if call.method in ("sendMessage", "editMessageText")][-1]


def data_of(calls: list[Any], label: str) -> str:
    """The callback data of the button labelled ``label`` (or starting with it) on the last message."""
    found = [data for text, data in buttons(last_message(calls)) if text == label or text.startswith(label)]
    assert found, (label, buttons(last_message(calls)))
    return found[0]


def shown(calls: list[Any]) -> str:
    return str(last_message(calls).params["text"])


def profile_of(chat: Chat, user: int) -> ManufacturerProfile | None:
    with chat.session() as session:
        return session.exec(select(ManufacturerProfile).where(ManufacturerProfile.user_id == user)).first()


def pending_of(chat: Chat, user: int) -> str | None:
    """The question waited for, as "flow:step" (without when it was asked)."""
    with chat.session() as session:
        found = session.get(User, user)
        assert found is not None
        return None if found.pending_profile_step is None else found.pending_profile_step.partition("@")[0]


def asked_long_ago(chat: Chat, user: int) -> None:
    """Move the waiting question's time back past :data:`profiles.STALE_AFTER`."""
    with chat.session() as session:
        found = session.get(User, user)
        assert found is not None and found.pending_profile_step is not None
        then = int((utcnow() - profiles.STALE_AFTER - timedelta(minutes=1)).timestamp())
        found.pending_profile_step = f"{found.pending_profile_step.partition('@')[0]}@{then}"
        session.add(found)
        session.commit()


async def test_an_english_build_with_skips_refusals_and_the_card(chat: Chat) -> None:
    calls = await chat.send("/profile", user=MAKER)
    assert "You have no profile yet." in shown(calls)
    calls = await chat.press(data_of(calls, "🏭 Build my profile"), user=MAKER)
    assert "Step 1 of 11" in shown(calls) and "What is the name of your company" in shown(calls)
    assert buttons(last_message(calls)) == []  # the company's name cannot be skipped
    assert pending_of(chat, MAKER) == "b:company"
    # Too long: said with the limit, and asked again; nothing stored.
    calls = await chat.send("x" * 201, user=MAKER)
    assert "That is 201 characters; the limit here is 200." in shown(calls) and profile_of(chat, MAKER) is None
    calls = await chat.send("  Pars   Gear <Works> & Co  ", user=MAKER)
    assert profile_of(chat, MAKER) is not None and profile_of(chat, MAKER).company == "Pars Gear <Works> & Co"  # type: ignore[union-attr]
    assert "Step 2 of 11" in shown(calls) and len(buttons(last_message(calls))) == 32  # 31 provinces and Skip
    assert pending_of(chat, MAKER) == "b:province"  # a button question waits too: typed text answers it
    calls = await chat.press(data_of(calls, "Isfahan"), user=MAKER)
    assert "What does the unit make" in shown(calls) and pending_of(chat, MAKER) == "b:makes"
    calls = await chat.send("gears and shafts for tractors", user=MAKER)
    assert "Which processes" in shown(calls)
    calls = await chat.press(data_of(calls, "Precision machining"), user=MAKER)
    assert ("✅ Precision machining", data_of(calls, "✅ Precision machining")) in buttons(last_message(calls))
    calls = await chat.press(data_of(calls, "Forging"), user=MAKER)
    calls = await chat.press(data_of(calls, "Heat treatment"), user=MAKER)
    calls = await chat.press(data_of(calls, "✅ Forging"), user=MAKER)  # untick
    calls = await chat.press(data_of(calls, "Done"), user=MAKER)
    assert "main materials" in shown(calls)
    calls = await chat.press(data_of(calls, "Skip"), user=MAKER)
    assert "notable machines" in shown(calls)
    calls = await chat.send("2 CNC lathes, 1 gear hobber", user=MAKER)
    calls = await chat.press(data_of(calls, "ISO 9001"), user=MAKER)
    calls = await chat.press(data_of(calls, "Done"), user=MAKER)
    calls = await chat.send("5,000 gears a month", user=MAKER)
    assert "Is the unit idle" in shown(calls)
    calls = await chat.press(data_of(calls, "Yes"), user=MAKER)
    assert "Since when?" in shown(calls)
    calls = await chat.send("2099-01-01", user=MAKER)
    assert "“2099-01-01” is in the future" in shown(calls) and pending_of(chat, MAKER) == "b:idle_since"
    calls = await chat.send("soon-ish", user=MAKER)
    assert "“soon-ish” is not a date I can read." in shown(calls)
    calls = await chat.send("1403/07/01", user=MAKER)
    assert "knowledge-based" in shown(calls)
    calls = await chat.press(data_of(calls, "No"), user=MAKER)
    assert "May investors see your profile?" in shown(calls) and "contact details are never shown" in shown(calls)
    calls = await chat.press(data_of(calls, "🔒 No, keep it private"), user=MAKER)
    card = shown(calls)
    assert card.startswith("✅ Your profile is saved.")
    for line in ("Company: <b>Pars Gear &lt;Works&gt; &amp; Co</b>", "Province: Isfahan", "Makes: gears and shafts for tractors",
                 "Processes: Precision machining, Heat treatment and surface hardening", "Materials: —",
                 "Machines: 2 CNC lathes, 1 gear hobber", "Certifications: ISO 9001", "Capacity: 5,000 gears a month",
                 "Idle: yes, since 2024-09-22", "Knowledge-based: no", "🔒 Private"):
        assert line in card, line
    stored = profile_of(chat, MAKER)
    assert stored is not None and stored.processes == "machining;heat_treatment" and stored.certifications == "iso_9001"
    assert stored.province == "isfahan" and not stored.consent and str(stored.idle_since) == "2024-09-22"
    assert pending_of(chat, MAKER) is None


async def test_cancel_keeps_the_profile_and_a_pending_answer_comes_before_search(chat: Chat) -> None:
    calls = await chat.send("/profile", user=MAKER)
    calls = await chat.press(data_of(calls, "🏭 Build my profile"), user=MAKER)
    calls = await chat.send("Tabriz Castings", user=MAKER)
    calls = await chat.press(data_of(calls, "Skip"), user=MAKER)
    # "pump" would be a search; here it answers the question asked.
    calls = await chat.send("pump", user=MAKER)
    assert "Which processes" in shown(calls) and profile_of(chat, MAKER).makes == "pump"  # type: ignore[union-attr]
    calls = await chat.press(data_of(calls, "Forging"), user=MAKER)  # Done with nothing ticked keeps the question
    calls = await chat.press(data_of(calls, "Done"), user=MAKER)
    assert pending_of(chat, MAKER) == "b:materials"
    assert texts(await chat.send("/cancel", user=MAKER)) == ["Cancelled."]
    assert pending_of(chat, MAKER) is None and profile_of(chat, MAKER).company == "Tabriz Castings"  # type: ignore[union-attr]
    calls = await chat.send("pump", user=MAKER)
    assert "Which main materials" not in shown(calls) and "Tabriz" not in shown(calls)  # a search again
    # A newer question wins: "I'm interested" asks for a note, which the next message is.
    calls = await chat.send("/profile", user=MAKER)
    calls = await chat.press(data_of(calls, "✏️ Machines"), user=MAKER)
    assert pending_of(chat, MAKER) == "e:machines"
    await chat.press("i:AUT-001", user=MAKER)
    assert pending_of(chat, MAKER) is None
    assert texts(await chat.send("call me after 5", user=MAKER))[0].startswith("📝 Thank you")
    assert profile_of(chat, MAKER).machines == ""  # type: ignore[union-attr]


async def test_editing_one_field_consent_and_deletion_in_persian(chat: Chat) -> None:
    user, fa = PERSIAN, {"user": PERSIAN, "language": "fa"}
    calls = await chat.send("/profile", **fa)
    assert "هنوز پروفایلی ندارید" in shown(calls)
    calls = await chat.press(data_of(calls, "🏭 ساختن پروفایل"), **fa)
    assert "گام ۱ از ۱۱" in shown(calls)
    calls = await chat.send("   ", **fa)
    assert "نام شرکت لازم است" in shown(calls)
    calls = await chat.send("صنایع ریخته‌گری سپاهان", **fa)
    calls = await chat.press(data_of(calls, "اصفهان"), **fa)
    calls = await chat.send("/cancel", **fa)
    # One field edited: its question shows what it holds now, and the card follows.
    calls = await chat.send("/profile", **fa)
    assert "استان: اصفهان" in shown(calls) and "🔒 خصوصی" in shown(calls)
    calls = await chat.press(data_of(calls, "✏️ راکد بودن"), **fa)
    calls = await chat.press(data_of(calls, "بله"), **fa)
    calls = await chat.send("۱۴۰۳/۰۲/۳۱", **fa)  # Ordibehesht has 31 days
    assert shown(calls).startswith("✅ به‌روز شد.") and "راکد: بله، از ۳۱ اردیبهشت ۱۴۰۳" in shown(calls)
    calls = await chat.press(data_of(calls, "✏️ راکد بودن"), **fa)
    calls = await chat.press(data_of(calls, "بله"), **fa)
    calls = await chat.send("۱۴۰۳/۱۲/۳۰", **fa)  # 1403 is a leap year in the Jalali calendar: a real day
    assert "راکد: بله، از ۳۰ اسفند ۱۴۰۳" in shown(calls)
    calls = await chat.press(data_of(calls, "✏️ راکد بودن"), **fa)
    calls = await chat.press(data_of(calls, "بله"), **fa)
    calls = await chat.send("۱۴۰۴/۱۲/۳۰", **fa)
    assert "چنین روزی در تقویم نیست" in shown(calls)
    calls = await chat.press(data_of(calls, "↩️ بازگشت به پروفایل"), **fa)
    assert pending_of(chat, user) is None
    calls = await chat.press(data_of(calls, "✏️ تولیدات"), **fa)
    calls = await chat.send("پوسته پمپ و پروانه چدنی", **fa)
    calls = await chat.press(data_of(calls, "✏️ تولیدات"), **fa)
    assert "اکنون: پوسته پمپ و پروانه چدنی" in shown(calls)
    calls = await chat.press(data_of(calls, "🧹 پاک کردن"), **fa)
    assert "تولیدات: —" in shown(calls)
    # Consent from the card.
    calls = await chat.press(data_of(calls, "🔓 سرمایه‌گذاران ببینند"), **fa)
    assert toasts(calls) == ["اکنون سرمایه‌گذاران می‌توانند پروفایل شما را ببینند."] and "🔓 سرمایه‌گذاران" in shown(calls)
    assert profile_of(chat, user).consent  # type: ignore[union-attr]
    # Deletion: what goes is said first; "keep it" keeps it.
    calls = await chat.press(data_of(calls, "🗑 حذف پروفایل من"), **fa)
    assert "پروفایل صنایع ریخته‌گری سپاهان حذف شود؟" in shown(calls) and "• پروفایل و همهٔ اطلاعات آن\n\n" in shown(calls)
    assert "درخواست" not in shown(calls) and "۰" not in shown(calls)  # nothing else goes: nothing else is named
    confirm = data_of(calls, "🗑 بله، حذف شود")
    calls = await chat.press(data_of(calls, "نه، بماند"), **fa)
    assert profile_of(chat, user) is not None
    calls = await chat.press(confirm, **fa)
    assert toasts(calls) == ["حذف شد."] and "پروفایل شما حذف شد" in shown(calls) and "🏭 ساختن پروفایل" in str(buttons(last_message(calls)))
    assert profile_of(chat, user) is None
    calls = await chat.press(confirm, **fa)
    assert toasts(calls) == ["این دکمه از پیامی قدیمی‌تر بود؛ پروفایل شما اکنون این است."]
    assert "هنوز پروفایلی ندارید" in shown(calls)  # what the old card's button leads to now, in its place
    with chat.session() as session:
        (entry,) = session.exec(select(AuditEntry).where(AuditEntry.action == "profile.delete")).all()
        assert "سپاهان" not in str(entry.before) + str(entry.after) + entry.target


@pytest.mark.parametrize(("language", "yes", "no", "tap", "kept"),
                         [("fa", "are pak kon", "na", "«🗑 بله، حذف شود» را در زیر بزنید", "پروفایل شما سر جایش ماند."),
                          ("fa", "آره حذف کن", "نه", "«🗑 بله، حذف شود» را در زیر بزنید", "پروفایل شما سر جایش ماند."),
                          ("en", "yes delete it", "no", "tap “🗑 Yes, delete it” below", "Your profile is kept.")])
async def test_a_typed_answer_at_the_delete_confirmation_is_no_search(
        chat: Chat, language: str, yes: str, no: str, tap: str, kept: str) -> None:
    """A blind trial typed «are pak kon» at "Delete your profile?": it was searched, "no listing found", and «pak kon»
    showed in /demand. A typed yes is asked to tap the button (a word never deletes), a typed no keeps the profile."""
    user, who = PERSIAN, {"user": PERSIAN, "language": language}
    calls = await chat.send("/profile", **who)
    calls = await chat.press(buttons(last_message(calls))[0][1], **who)
    calls = await chat.send("Sanat Forge Sepahan", **who)
    calls = await chat.send("/cancel", **who)
    delete = "🗑 حذف پروفایل من" if language == "fa" else "🗑 Delete my profile"
    calls = await chat.press(data_of(await chat.send("/profile", **who), delete), **who)
    calls = await chat.send(yes, **who)
    assert tap in shown(calls) and profile_of(chat, user) is not None
    confirm = "🗑 بله، حذف شود" if language == "fa" else "🗑 Yes, delete it"
    assert data_of(calls, confirm)
    calls = await chat.send(no, **who)
    assert shown(calls).startswith(kept) and profile_of(chat, user) is not None and pending_of(chat, user) is None
    with chat.session() as session:
        assert session.exec(select(SearchLog)).all() == []
    calls = await chat.send("pak kon", **who)  # no confirmation open any more: the message is what it is
    with chat.session() as session:
        assert len(session.exec(select(SearchLog)).all()) == 1


async def test_forged_and_stale_profile_buttons_show_the_profile_as_it_is(chat: Chat) -> None:
    for data in ("pf:pv:b:atlantis", "pf:t:e:processes:levitation", "pf:e:company", "pf:y:b:consent:y", "pf:x", "pf:c",
                 "pf:d:b:processes", "pf:s:b:makes", "pf:z:makes"):
        calls = await chat.press(data, user=INVESTOR)
        # Not "search again": the card such a button came from, as it is now (here: no profile, and how to build one).
        assert toasts(calls) == [STALE] and "You have no profile yet." in shown(calls), data
    assert profile_of(chat, INVESTOR) is None
    calls = await chat.send("/profile", user=INVESTOR)
    calls = await chat.press(data_of(calls, "🏭 Build my profile"), user=INVESTOR)
    await chat.send("Kaveh Polymers", user=INVESTOR)
    assert toasts(await chat.press("pf:pv:b:atlantis", user=INVESTOR)) == [STALE]
    calls = await chat.press("pf:t:b:certifications:iso_99999", user=INVESTOR)  # not the question asked: changes nothing
    assert toasts(calls) == [OLD_QUESTION] and "Kaveh Polymers" in shown(calls)
    assert profile_of(chat, INVESTOR).province == "" and profile_of(chat, INVESTOR).certifications == ""  # type: ignore[union-attr]


async def test_profile_is_in_the_menu_and_help(chat: Chat) -> None:
    from bot.telegram.menus import commands

    assert "profile" in [command.command for command in commands("en")]
    assert "profile" in [command.command for command in commands("fa")]
    (help_en,) = texts(await chat.send("/help", user=INVESTOR))
    assert "/profile — your manufacturer profile" in help_en
    (help_fa,) = texts(await chat.send("/help", user=PERSIAN, language="fa"))
    assert "/profile — پروفایل واحد تولیدی شما" in help_fa


def test_the_fullest_card_and_questions_fit_in_a_message() -> None:
    import html
    import re
    from datetime import date

    from bot.services import profiles
    from bot.telegram.features.profile import render
    from bot.telegram.ui import MAX_MESSAGE

    everything = ManufacturerProfile(
        user_id=1, company="&" * 200, province="kohgiluyeh_boyer_ahmad", makes="<" * 1000, materials="م" * 300,
        machines="x" * 300, capacity="y" * 300, idle=True, idle_since=date(2024, 9, 22), knowledge_based=True, consent=True,
        processes=";".join(p.key for p in profiles.processes()), certifications=";".join(c.key for c in profiles.certifications()),
    )
    for language in ("en", "fa"):
        reply = render.card(language, everything, heading="✅\n\n")
        visible = html.unescape(re.sub(r"<[^>]+>", "", reply.text))
        assert len(visible) <= MAX_MESSAGE, (language, len(visible))
        for step in profiles.STEPS + ("idle_since",):
            for flow in ("b", "e"):
                assert len(render.question(language, step, flow, everything).text) <= MAX_MESSAGE


def searches_of(chat: Chat, user: int) -> list[str]:
    """What the user's messages were searched for (each search is in the demand log when nothing answers it)."""
    with chat.session() as session:
        return list(session.exec(select(SearchLog.query).where(SearchLog.user_id == user)).all())


async def test_typed_answers_to_button_questions_are_answers_never_searches(chat: Chat) -> None:
    """A blind trial typed «اصفهان» at the province, «نه» at a yes/no question: each became a search, "nothing
    found" and an entry of unmet demand. Each is the answer it names; what names nothing is asked again."""
    user, fa = PERSIAN, {"user": PERSIAN, "language": "fa"}
    calls = await chat.send("/profile", **fa)
    calls = await chat.press(data_of(calls, "🏭 ساختن پروفایل"), **fa)
    calls = await chat.send("ریخته‌گری نمونه", **fa)
    assert "نامش را بنویسید" in shown(calls) and pending_of(chat, user) == "b:province"
    calls = await chat.send("خراسان", **fa)  # three provinces: named, and asked again
    assert "منظورتان از «خراسان» کدام است: خراسان جنوبی، خراسان رضوی یا خراسان شمالی؟" in shown(calls)
    assert "گام ۲ از ۱۱" in shown(calls) and pending_of(chat, user) == "b:province"
    calls = await chat.send("کیش", **fa)
    assert "استانی به نام «کیش» نمی‌شناسم" in shown(calls)
    calls = await chat.send("اصفهان", **fa)
    assert "گام ۳ از ۱۱" in shown(calls) and profile_of(chat, user).province == "isfahan"  # type: ignore[union-attr]
    calls = await chat.send("پوسته پمپ", **fa)
    assert pending_of(chat, user) == "b:processes"
    calls = await chat.send("رنگ کاری", **fa)  # «رنگ‌آمیزی» as a Persian says it
    assert "✅ انتخاب شد: آبکاری، رنگ‌آمیزی و پوشش‌دهی." in shown(calls)
    calls = await chat.press(data_of(calls, "✅ آبکاری، رنگ‌آمیزی و پوشش‌دهی"), **fa)
    calls = await chat.send("تراشکاری، ریخته گری، پمپ", **fa)
    assert "✅ انتخاب شد: ماشین‌کاری دقیق؛ ریخته‌گری." in shown(calls)
    assert "در فهرست فرایندها پیدا نشد: «پمپ»" in shown(calls) and "گام ۴ از ۱۱" in shown(calls)
    assert "✅ ریخته‌گری" in [text for text, _ in buttons(last_message(calls))]
    calls = await chat.send("همین", **fa)
    assert "گام ۵ از ۱۱" in shown(calls) and profile_of(chat, user).processes == "machining;casting"  # type: ignore[union-attr]
    calls = await chat.send("بعداً", **fa)  # typed where «بگذر» is: skipped, not the unit's materials
    assert "گام ۶ از ۱۱" in shown(calls) and profile_of(chat, user).materials == ""  # type: ignore[union-attr]
    calls = await chat.press(data_of(calls, "بگذر"), **fa)
    calls = await chat.send("ایزو ۹۰۰۱ و CE", **fa)
    calls = await chat.send("تمام", **fa)
    calls = await chat.press(data_of(calls, "بگذر"), **fa)
    assert pending_of(chat, user) == "b:idle"
    calls = await chat.send("شاید", **fa)
    assert "«شاید» را متوجه نشدم؛ لطفاً «بله» یا «نه» بنویسید" in shown(calls) and pending_of(chat, user) == "b:idle"
    calls = await chat.send("آره", **fa)
    calls = await chat.send("از اول مهر ۱۴۰۳", **fa)
    assert "دانش‌بنیان" in shown(calls)
    calls = await chat.send("بعداً", **fa)  # skipped: "not answered" on the card, not «خیر»
    calls = await chat.send("بله", **fa)
    card = shown(calls)
    for line in ("استان: اصفهان", "فرایندها: ماشین‌کاری دقیق؛ ریخته‌گری", "گواهی‌نامه‌ها: ایزو ۹۰۰۱، نشان CE",
                 "راکد: بله، از ۱ مهر ۱۴۰۳", "دانش‌بنیان: پاسخ داده نشده", "🔓 سرمایه‌گذاران می‌توانند"):
        assert line in card, line
    assert pending_of(chat, user) is None and searches_of(chat, user) == []
    # Editing one field takes a typed answer too, and "نه" there is a «خیر» the owner gave.
    calls = await chat.press(data_of(calls, "✏️ دانش‌بنیان"), **fa)
    calls = await chat.send("نه", **fa)
    assert shown(calls).startswith("✅ به‌روز شد.") and "دانش‌بنیان: خیر" in shown(calls)
    calls = await chat.press(data_of(calls, "✏️ استان"), **fa)
    calls = await chat.send("tehran", **fa)
    assert "استان: تهران" in shown(calls)
    # /cancel drops a waiting button question: the next message is a search again.
    calls = await chat.press(data_of(calls, "✏️ استان"), **fa)
    await chat.send("/cancel", **fa)
    await chat.send("اصفهان", **fa)
    assert searches_of(chat, user) == ["اصفهان"] and profile_of(chat, user).province == "tehran"  # type: ignore[union-attr]


async def test_a_stale_button_question_gives_way_to_a_message_that_answers_nothing(chat: Chat) -> None:
    """Someone who left the build at the province and comes back a day later with a need gets their search (the
    wait is dropped), not "that is not a province"; a message that does name a province is still taken."""
    user, fa = PERSIAN, {"user": PERSIAN, "language": "fa"}
    calls = await chat.send("/profile", **fa)
    calls = await chat.press(data_of(calls, "🏭 ساختن پروفایل"), **fa)
    await chat.send("ریخته‌گری نمونه", **fa)
    asked_long_ago(chat, user)
    await chat.send("اصفهان", **fa)
    assert profile_of(chat, user).province == "isfahan" and pending_of(chat, user) == "b:makes"  # type: ignore[union-attr]
    calls = await chat.press(data_of(await chat.send("/profile", **fa), "✏️ استان"), **fa)
    calls = await chat.send("پمپ شناور", **fa)  # fresh: still the province question, said plainly
    assert "استانی به نام «پمپ شناور» نمی‌شناسم" in shown(calls) and searches_of(chat, user) == []
    asked_long_ago(chat, user)
    calls = await chat.send("پمپ شناور", **fa)
    assert "استانی" not in shown(calls) and searches_of(chat, user) == ["پمپ شناور"]
    assert pending_of(chat, user) is None and profile_of(chat, user).province == "isfahan"  # type: ignore[union-attr]


async def test_a_message_no_step_can_read_is_refused_while_the_form_is_open(chat: Chat) -> None:
    """A blind trial typed «تراشکاری CNC و قطعات خودرو» at the province and «۵۰۰ قطعه در ماه» at "idle?": each was
    searched and the form ended silently, so the later «اصفهان» and «آره» were logged as unmet demand. While the
    form is open a message the step cannot read, however long, is refused with the reason and the question asked
    again; /cancel leaves the form, and then a message is a search."""
    user, fa = PERSIAN, {"user": PERSIAN, "language": "fa"}
    calls = await chat.send("/profile", **fa)
    calls = await chat.press(data_of(calls, "🏭 ساختن پروفایل"), **fa)
    await chat.send("ریخته‌گری نمونه", **fa)
    calls = await chat.send("تراشکاری CNC و قطعات خودرو", **fa)
    assert "استانی به نام «تراشکاری CNC و قطعات خودرو» نمی‌شناسم" in shown(calls) and "گام ۲ از ۱۱" in shown(calls)
    assert "/cancel" in shown(calls) and pending_of(chat, user) == "b:province"
    calls = await chat.send("اصفهان", **fa)
    assert profile_of(chat, user).province == "isfahan" and searches_of(chat, user) == []  # type: ignore[union-attr]
    calls = await chat.press(data_of(await chat.send("/profile", **fa), "✏️ راکد"), **fa)
    calls = await chat.send("۵۰۰ قطعه در ماه", **fa)
    assert "«۵۰۰ قطعه در ماه» را متوجه نشدم؛ لطفاً «بله» یا «نه» بنویسید" in shown(calls)
    assert pending_of(chat, user) == "e:idle"
    calls = await chat.send("آره", **fa)
    assert pending_of(chat, user) != "e:idle" and searches_of(chat, user) == []
    need = "سلام لنت ترمز سرامیکی میخوام سرمایه گذاری کنم"
    calls = await chat.press(data_of(await chat.send("/profile", **fa), "✏️ فرایندها"), **fa)
    calls = await chat.send(need, **fa)  # a confident listing is no process: searched, and the wait says it ended
    assert pending_of(chat, user) is None and searches_of(chat, user) == [need]
    assert "پرسش پروفایل را کنار گذاشتم" in shown(calls)


async def test_a_typed_certificate_is_ticked_and_says_how_to_finish(chat: Chat) -> None:
    """A trial typed `iso 9001` at the certificates: it was ticked but the list stayed open without a word, so the next
    answer landed there. The reply says it was ticked and how to finish."""
    for language, user, build, done in (("en", MAKER, "🏭 Build my profile", "Done ➡️"),
                                        ("fa", PERSIAN, "🏭 ساختن پروفایل", "«تمام ⬅️»")):
        calls = await chat.press(data_of(await chat.send("/profile", user=user, language=language), build),
                                 user=user, language=language)
        await chat.send("Arak Castings", user=user, language=language)
        await chat.send("Tehran", user=user, language=language)
        for answer in ("pump housings", "machining", "done", "later", "later"):  # makes, processes, Done; skip two
            await chat.send(answer, user=user, language=language)
        calls = await chat.send("iso 9001", user=user, language=language)
        assert pending_of(chat, user) == "b:certifications" and done in shown(calls)
        assert ("✅ Ticked: ISO 9001" if language == "en" else "✅ انتخاب شد: ایزو ۹۰۰۱") in shown(calls)


async def test_a_new_profile_answers_nothing_it_was_not_asked(chat: Chat) -> None:
    calls = await chat.send("/profile", user=MAKER)
    calls = await chat.press(data_of(calls, "🏭 Build my profile"), user=MAKER)
    calls = await chat.send("Yazd Looms", user=MAKER)
    calls = await chat.send("/cancel", user=MAKER)
    card = shown(await chat.send("/profile", user=MAKER))
    assert "Idle: not answered" in card and "Knowledge-based: not answered" in card


def _buttons_of(calls: list[Any]) -> dict[str, str]:
    return dict(buttons(last_message(calls)))


async def test_an_older_questions_buttons_change_nothing_on_a_saved_profile(chat: Chat) -> None:
    """A manufacturer typed the province at step 2, finished the build, and days later tapped «Isfahan» on the old
    question: the saved province changed and "Step 3 of 11" opened again. Every answer button of a question that
    is no longer asked (province, ticks, Done, Yes/No, Skip, Clear) now changes nothing and says the profile is
    saved and how to change a field; while another question waits, it says to answer that one instead."""
    calls = await chat.send("/profile", user=MAKER)
    calls = await chat.press(data_of(calls, "🏭 Build my profile"), user=MAKER)
    calls = await chat.send("Arak Castings", user=MAKER)
    old: dict[str, str] = {"province": data_of(calls, "Isfahan")}
    await chat.send("Tehran", user=MAKER)  # typed: the province question stays above with its buttons
    calls = await chat.send("cast iron pump housings", user=MAKER)
    old |= {"tick": data_of(calls, "Forging"), "done": data_of(calls, "Done")}
    calls = await chat.send("casting", user=MAKER)  # typed: the list above keeps its buttons
    assert pending_of(chat, MAKER) == "b:processes"
    calls = await chat.send("done", user=MAKER)
    old["skip"] = data_of(calls, "Skip")
    # Mid-build, a button of an answered question: nothing changes, the question asked last still waits.
    calls = await chat.press(old["province"], user=MAKER)
    assert toasts(calls) == [OLD_QUESTION] and "Please answer the question I asked last." in shown(calls)
    assert buttons(last_message(calls)) == [] and pending_of(chat, MAKER) == "b:materials"
    assert profile_of(chat, MAKER).province == "tehran"  # type: ignore[union-attr]
    for step in ("skip", "skip", "skip", "skip"):  # materials, machines, certifications, capacity
        calls = await chat.send(step, user=MAKER)
    assert pending_of(chat, MAKER) == "b:idle"
    old |= {"idle_yes": data_of(calls, "Yes")}
    calls = await chat.send("no", user=MAKER)
    old |= {"kb_yes": data_of(calls, "Yes")}
    calls = await chat.send("skip", user=MAKER)
    old |= {"consent_yes": data_of(calls, "🔓")}
    calls = await chat.send("no", user=MAKER)
    assert shown(calls).startswith("✅ Your profile is saved.") and pending_of(chat, MAKER) is None
    calls = await chat.press(data_of(calls, "✏️ What you make"), user=MAKER)
    old["clear"] = data_of(calls, "🧹")
    calls = await chat.send("grey iron pump housings", user=MAKER)  # typed: the edit question keeps Clear
    saved = profile_of(chat, MAKER)
    assert saved is not None and saved.makes == "grey iron pump housings" and saved.idle is False
    before = saved.model_dump()
    for name, data in old.items():
        calls = await chat.press(data, user=MAKER)
        assert toasts(calls) == [OLD_QUESTION], name
        assert shown(calls).startswith("Your profile is already saved; that button was from an earlier question and "
                                       "changed nothing. To change a field, tap its ✏️ button below."), name
        assert "Province: Tehran" in shown(calls) and "Step" not in shown(calls), name
        assert pending_of(chat, MAKER) is None, name
        assert profile_of(chat, MAKER).model_dump() == before, name  # type: ignore[union-attr]


async def test_an_older_question_button_in_persian_says_so_in_persian(chat: Chat) -> None:
    user, fa = PERSIAN, {"user": PERSIAN, "language": "fa"}
    calls = await chat.press(data_of(await chat.send("/profile", **fa), "🏭 ساختن پروفایل"), **fa)
    isfahan = data_of(await chat.send("ریخته‌گری اراک", **fa), "اصفهان")
    await chat.send("تهران", **fa)
    await chat.send("/cancel", **fa)
    calls = await chat.press(isfahan, **fa)
    assert toasts(calls) == ["چیزی تغییر نکرد: این دکمه مال پرسشی قدیمی‌تر بود."]
    assert shown(calls).startswith("پروفایل شما پیش‌تر ذخیره شده است؛") and "استان: تهران" in shown(calls)
    assert profile_of(chat, user).province == "tehran" and pending_of(chat, user) is None  # type: ignore[union-attr]


async def test_a_typed_yes_at_the_idle_question_keeps_its_date(chat: Chat) -> None:
    """«آره از مهر ۱۴۰۲» (yes, since Mehr 1402) typed at the idle question set idle and then asked "since when?",
    losing the date it had just been told. The date after the yes is read as the date step reads it."""
    user, fa = PERSIAN, {"user": PERSIAN, "language": "fa"}
    calls = await chat.press(data_of(await chat.send("/profile", **fa), "🏭 ساختن پروفایل"), **fa)
    await chat.send("ریخته‌گری اراک", **fa)
    for answer in ("تهران", "قطعات چدنی", "بعداً", "بعداً", "بعداً", "ندارم", "بعداً"):  # no processes ticked: skipped
        calls = await chat.send(answer, **fa)
    assert pending_of(chat, user) == "b:idle"
    calls = await chat.send("آره از مهر ۱۴۰۲", **fa)
    assert "گام ۱۰ از ۱۱" in shown(calls) and "دانش‌بنیان" in shown(calls)  # straight on: the date was given
    saved = profile_of(chat, user)
    assert saved is not None and saved.idle is True and str(saved.idle_since) == "2023-09-23"  # 1 Mehr 1402
    await chat.send("نه", **fa)
    card = shown(await chat.send("نه", **fa))
    assert "راکد: بله، از ۱ مهر ۱۴۰۲" in card
    # Editing: a date in the future is said with the question; words that are no date are a plain yes.
    await chat.press(data_of(await chat.send("/profile", **fa), "✏️ راکد بودن"), **fa)
    calls = await chat.send("بله، از مهر ۱۴۵۰", **fa)
    assert "«از مهر ۱۴۵۰» هنوز نرسیده است" in shown(calls) and pending_of(chat, user) == "e:idle_since"
    assert profile_of(chat, user).idle_since is not None and str(profile_of(chat, user).idle_since) == "2023-09-23"  # type: ignore[union-attr]
    await chat.press(data_of(await chat.send("/profile", **fa), "✏️ راکد بودن"), **fa)
    calls = await chat.send("آره یه خط خوابیده داریم", **fa)
    assert "از چه تاریخی" in shown(calls) and pending_of(chat, user) == "e:idle_since"


async def test_yes_since_a_month_in_english_edits_idle_and_its_date(chat: Chat) -> None:
    calls = await chat.press(data_of(await chat.send("/profile", user=MAKER), "🏭 Build my profile"), user=MAKER)
    await chat.send("Arak Castings", user=MAKER)
    await chat.send("/cancel", user=MAKER)
    await chat.press(data_of(await chat.send("/profile", user=MAKER), "✏️ Idle"), user=MAKER)
    calls = await chat.send("yes, since Mehr 1402", user=MAKER)
    assert shown(calls).startswith("✅") and "Idle: yes, since 2023-09-23" in shown(calls)
    assert pending_of(chat, MAKER) is None


@pytest.mark.parametrize(("language", "typed", "shown_as"),
                         [("en", "areh az sale 1401", "Idle: yes, since 2022-03-21"),
                          ("en", "yes since 2022", "Idle: yes, since 2022-01-01"),
                          ("fa", "آره از سال ۱۴۰۱", "راکد: بله، از ۱ فروردین ۱۴۰۱"),
                          ("fa", "areh az sale 1401", "راکد: بله، از ۱ فروردین ۱۴۰۱"),
                          # A yes with a comma and the date among other words (a blind trial was told "write yes or no").
                          ("fa", "are, nesfe zarfiat khabide az sale 1402", "راکد: بله، از ۱ فروردین ۱۴۰۲"),
                          ("fa", "آره، نصف ظرفیت از سال ۱۴۰۲ خوابیده", "راکد: بله، از ۱ فروردین ۱۴۰۲"),
                          ("en", "yes, half the capacity has been idle since 2023", "Idle: yes, since 2023-01-01")])
async def test_yes_since_a_year_in_finglish_persian_or_english_is_not_asked_again(
        chat: Chat, language: str, typed: str, shown_as: str) -> None:
    """A blind trial: "areh az sale 1401" (yes, since 1401) at the idle question was asked "since when?" again."""
    user = MAKER if language == "en" else PERSIAN
    build = "🏭 Build my profile" if language == "en" else "🏭 ساختن پروفایل"
    await chat.press(data_of(await chat.send("/profile", user=user, language=language), build), user=user, language=language)
    await chat.send("Arak Castings", user=user, language=language)
    await chat.send("/cancel", user=user, language=language)
    idle = "✏️ Idle" if language == "en" else "✏️ راکد بودن"
    await chat.press(data_of(await chat.send("/profile", user=user, language=language), idle), user=user, language=language)
    calls = await chat.send(typed, user=user, language=language)
    assert shown(calls).startswith("✅") and shown_as in shown(calls)
    assert pending_of(chat, user) is None


async def test_a_city_typed_at_the_province_takes_its_province_and_says_so(chat: Chat) -> None:
    """Blind trial: «کرج» at the province got «استانی به نام «کرج» نمی‌شناسم». Karaj is in Alborz."""
    user, fa = PERSIAN, {"user": PERSIAN, "language": "fa"}
    calls = await chat.send("/profile", **fa)
    calls = await chat.press(data_of(calls, "🏭 ساختن پروفایل"), **fa)
    calls = await chat.send("قطعه‌سازان البرز", **fa)
    calls = await chat.send("کرج", **fa)
    assert shown(calls).startswith("📍 کرج در استان البرز است؛ استان البرز برای شما ثبت شد.\n\n")
    assert "گام ۳ از ۱۱" in shown(calls) and profile_of(chat, user).province == "alborz"  # type: ignore[union-attr]
    # In Finglish, when editing the field: the city is named in the reader's language.
    calls = await chat.send("/profile", **fa)
    calls = await chat.press(data_of(calls, "✏️ استان"), **fa)
    calls = await chat.send("kashan", **fa)
    assert shown(calls).startswith("📍 کاشان در استان اصفهان است؛ استان اصفهان برای شما ثبت شد.\n\n✅ به‌روز شد.")
    assert profile_of(chat, user).province == "isfahan"  # type: ignore[union-attr]
    from bot.services.profile_answers import read_city
    from bot.telegram.features.profile.render import province_of_city

    tabriz = read_city("تبریز")
    assert tabriz is not None
    assert province_of_city("en", tabriz) == "📍 Tabriz is in East Azerbaijan province: East Azerbaijan is saved as your province."


@pytest.mark.parametrize(("language", "province", "said"),
                         [("fa", "esfehan", "📍 استان اصفهان برای شما ثبت شد.\n\n"),
                          ("en", "esfehan", "📍 Isfahan is saved as your province.\n\n"),
                          ("en", "اصفهان", "📍 Isfahan is saved as your province.\n\n")])
async def test_a_province_typed_in_another_spelling_is_named_back(chat: Chat, language: str, province: str, said: str) -> None:
    """A blind trial's «esfehan» was saved as «اصفهان» without a word; the name as the buttons show it needs none."""
    user, who = PERSIAN, {"user": PERSIAN, "language": language}
    calls = await chat.send("/profile", **who)
    calls = await chat.press(buttons(last_message(calls))[0][1], **who)
    calls = await chat.send("Sanat Forge Sepahan", **who)
    calls = await chat.send(province, **who)
    assert shown(calls).startswith(said) and pending_of(chat, user) == "b:makes"
    assert profile_of(chat, user).province == "isfahan"  # type: ignore[union-attr]
    calls = await chat.send("/profile", **who)
    calls = await chat.press(data_of(calls, "✏️ استان" if language == "fa" else "✏️ Province"), **who)
    calls = await chat.send("اصفهان" if language == "fa" else "Isfahan", **who)
    assert not shown(calls).startswith("📍")


@pytest.mark.parametrize(("language", "typed", "done"), [("fa", "iso 9001 darim faghat", "tamam"),
                                                          ("fa", "فقط ایزو ۹۰۰۱ داریم", "تمام"),
                                                          ("en", "we only have ISO 9001", "done")])
async def test_certifications_typed_among_other_words_and_done_with_none_ticked(
        chat: Chat, language: str, typed: str, done: str) -> None:
    """A blind trial: «iso 9001 darim faghat» was "not found in the certifications list", then «tamam» with nothing
    ticked was refused, though Done with nothing ticked saves none at this step (most small units hold none)."""
    user, who = PERSIAN, {"user": PERSIAN, "language": language}
    calls = await chat.send("/profile", **who)
    calls = await chat.press(buttons(last_message(calls))[0][1], **who)
    for answer in ("Sanat Forge Sepahan", "skip", "gears", "forging", done, "steel", "press"):
        calls = await chat.send(answer, **who)
    assert pending_of(chat, user) == "b:certifications"
    calls = await chat.send(done, **who)  # nothing ticked: none saved, as the Done button does
    assert pending_of(chat, user) == "b:capacity" and profile_of(chat, user).certifications == ""  # type: ignore[union-attr]
    calls = await chat.send("/profile", **who)
    calls = await chat.press(data_of(calls, "✏️ گواهی‌نامه‌ها" if language == "fa" else "✏️ Certifications"), **who)
    calls = await chat.send(typed, **who)
    assert "ISO 9001" in shown(calls) or "ایزو ۹۰۰۱" in shown(calls)
    assert "پیدا نشد" not in shown(calls) and "not found" not in shown(calls).lower()
    assert profile_of(chat, user).certifications == "iso_9001"  # type: ignore[union-attr]


async def test_processes_typed_in_finglish_or_as_trade_words_are_ticked_and_done_needs_one(chat: Chat) -> None:
    """Blind trial: "tazrigh plastic, ghalebsazi" was «در فهرست فرایندها پیدا نشد», «قالبسازی» (mould making)
    was unknown, and «همین» then saved no process at all ("—") without a word."""
    user, fa = PERSIAN, {"user": PERSIAN, "language": "fa"}
    calls = await chat.send("/profile", **fa)
    calls = await chat.press(data_of(calls, "🏭 ساختن پروفایل"), **fa)
    calls = await chat.send("پلاستیک نمونه", **fa)
    calls = await chat.send("تهران", **fa)
    calls = await chat.send("درب بطری و قطعات پلاستیکی", **fa)
    assert pending_of(chat, user) == "b:processes"
    calls = await chat.send("xyzw", **fa)
    calls = await chat.send("همین", **fa)  # nothing ticked: said, and the question stays open
    assert "هنوز هیچ فرایندی انتخاب نشده است" in shown(calls) and pending_of(chat, user) == "b:processes"
    calls = await chat.send("tazrigh plastic, ghalebsazi", **fa)
    assert "✅ انتخاب شد: تزریق پلاستیک؛ قالب‌سازی و ابزارسازی." in shown(calls) and "پیدا نشد" not in shown(calls)
    calls = await chat.send("قالبسازی", **fa)
    calls = await chat.send("همین", **fa)
    assert pending_of(chat, user) == "b:materials"
    assert profile_of(chat, user).processes == "injection_moulding;mould_making"  # type: ignore[union-attr]


@pytest.mark.parametrize(("language", "said"), [("en", "Nothing is ticked yet. Tap the processes"), ("fa", "هنوز هیچ فرایندی انتخاب نشده است. فرایندهای واحد")])
async def test_done_pressed_with_nothing_ticked_keeps_the_question_open_and_says_so(chat: Chat, language: str, said: str) -> None:
    """A user trial: Done with no process ticked saved an empty list without a word («همین» typed already said so)."""
    user, who = PERSIAN, {"user": PERSIAN, "language": language}
    calls = await chat.send("/profile", **who)
    calls = await chat.press(buttons(last_message(calls))[0][1], **who)  # build the profile
    for answer in ("Pars Gear", "Tehran", "gears"):
        calls = await chat.send(answer, **who)
    assert pending_of(chat, user) == "b:processes"
    done = next(data for text, data in buttons(last_message(calls)) if text.startswith(("Done", "تمام")))
    calls = await chat.press(done, **who)
    assert said in shown(calls) and pending_of(chat, user) == "b:processes"
    assert profile_of(chat, user).processes == ""  # type: ignore[union-attr]
    calls = await chat.send("forging", **who)
    calls = await chat.press(done, **who)
    assert pending_of(chat, user) == "b:materials" and profile_of(chat, user).processes == "forging"  # type: ignore[union-attr]
    for answer in ("steel bars", "hammers"):
        calls = await chat.send(answer, **who)
    assert pending_of(chat, user) == "b:certifications"
    # No certification is an answer (most small units hold none): Done moves on at once.
    done = next(data for text, data in buttons(last_message(calls)) if text.startswith(("Done", "تمام")))
    calls = await chat.press(done, **who)
    assert pending_of(chat, user) == "b:capacity" and profile_of(chat, user).certifications == ""  # type: ignore[union-attr]


async def test_none_typed_at_the_processes_ends_the_list_empty(chat: Chat) -> None:
    user, fa = PERSIAN, {"user": PERSIAN, "language": "fa"}
    calls = await chat.send("/profile", **fa)
    calls = await chat.press(data_of(calls, "🏭 ساختن پروفایل"), **fa)
    for answer in ("بازرگانی نمونه", "تهران", "واردات قطعات", "هیچ‌کدام"):
        calls = await chat.send(answer, **fa)
    assert pending_of(chat, user) == "b:materials" and profile_of(chat, user).processes == ""  # type: ignore[union-attr]


async def _at_processes(chat: Chat, language: str) -> None:
    user, who = PERSIAN, {"user": PERSIAN, "language": language}
    calls = await chat.send("/profile", **who)
    calls = await chat.press(data_of(calls, "🏭 ساختن پروفایل" if language == "fa" else "🏭 Build my profile"), **who)
    await chat.send("Arya Parts", **who)
    await chat.send("اصفهان", **who)
    await chat.send("قطعات خودرو", **who)
    assert pending_of(chat, user) == "b:processes"


@pytest.mark.parametrize(("language", "how"), [("fa", "«تمام ⬅️» را بزنید"), ("en", "tap Done ➡️")])
async def test_an_unknown_process_says_how_to_finish_or_leave(chat: Chat, language: str, how: str) -> None:
    """Blind trial: «در فهرست فرایندها پیدا نشد» said nothing of how to get out of the question."""
    await _at_processes(chat, language)
    calls = await chat.send("xyzw", user=PERSIAN, language=language)
    assert how in shown(calls) and "/cancel" in shown(calls) and pending_of(chat, PERSIAN) == "b:processes"


async def test_a_command_ends_the_profile_question(chat: Chat) -> None:
    """Blind trial: /opportunities mid-build, and every later message (a later session too) was "not in the list of
    processes" until /cancel."""
    await _at_processes(chat, "fa")
    await chat.send("/opportunities", user=PERSIAN, language="fa")
    assert pending_of(chat, PERSIAN) is None
    calls = await chat.send("xyzw", user=PERSIAN, language="fa")
    assert "در فهرست فرایندها" not in shown(calls)


@pytest.mark.parametrize("said", ["silandr hidrolik", "سیلندر هیدرولیک"])
async def test_a_listing_or_a_sentence_at_the_processes_leaves_the_question(chat: Chat, said: str) -> None:
    await _at_processes(chat, "fa")
    calls = await chat.send(said, user=PERSIAN, language="fa")
    assert "در فهرست فرایندها" not in shown(calls) and "پرسش پروفایل را کنار گذاشتم" in shown(calls)
    assert pending_of(chat, PERSIAN) is None and profile_of(chat, PERSIAN).company == "Arya Parts"  # type: ignore[union-attr]


@pytest.mark.parametrize(("said", "key"), [("jooshkari", "welding"), ("joosh kari", "welding"), ("argon", "welding"),
                                           ("CNC tarash", "machining"), ("rikhtegari", "casting"), ("forj", "forging")])
async def test_finglish_process_words_are_ticked(chat: Chat, said: str, key: str) -> None:
    await _at_processes(chat, "fa")
    await chat.send(said, user=PERSIAN, language="fa")
    assert profile_of(chat, PERSIAN).processes == key  # type: ignore[union-attr]
