"""/profile through the real Application: the guided build with buttons and text answers, refused answers said
plainly, /cancel keeping what was answered, editing one field, the consent toggle, deletion with its confirmation,
a pending answer taking precedence over search (and giving way to a newer lead note), in English and Persian."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from bot.store.models import AuditEntry, ManufacturerProfile, User

from .conftest import INVESTOR, PERSIAN, Chat, buttons, texts, toasts

MAKER = 611
EXPIRED = "This button has expired. Please search again."


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
    with chat.session() as session:
        found = session.get(User, user)
        assert found is not None
        return found.pending_profile_step


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
    assert pending_of(chat, MAKER) is None  # a button question: plain text is a search again
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
    assert "پروفایل صنایع ریخته‌گری سپاهان حذف شود؟" in shown(calls) and "ادعاهای مالکیت شما بر واحدهای ثبت‌شده: ۰" in shown(calls)
    confirm = data_of(calls, "🗑 بله، حذف شود")
    calls = await chat.press(data_of(calls, "نه، بماند"), **fa)
    assert profile_of(chat, user) is not None
    calls = await chat.press(confirm, **fa)
    assert toasts(calls) == ["حذف شد."] and "پروفایل شما حذف شد" in shown(calls) and "🏭 ساختن پروفایل" in str(buttons(last_message(calls)))
    assert profile_of(chat, user) is None
    assert toasts(await chat.press(confirm, **fa)) == ["این دکمه منقضی شده است. لطفاً دوباره جستجو کنید."]
    with chat.session() as session:
        (entry,) = session.exec(select(AuditEntry).where(AuditEntry.action == "profile.delete")).all()
        assert "سپاهان" not in str(entry.before) + str(entry.after) + entry.target


async def test_forged_and_stale_profile_buttons_are_expired(chat: Chat) -> None:
    for data in ("pf:pv:b:atlantis", "pf:t:e:processes:levitation", "pf:e:company", "pf:y:b:consent:y", "pf:x", "pf:c",
                 "pf:d:b:processes", "pf:s:b:makes", "pf:z:makes"):
        assert toasts(await chat.press(data, user=INVESTOR)) == [EXPIRED], data
    assert profile_of(chat, INVESTOR) is None
    calls = await chat.send("/profile", user=INVESTOR)
    calls = await chat.press(data_of(calls, "🏭 Build my profile"), user=INVESTOR)
    await chat.send("Kaveh Polymers", user=INVESTOR)
    assert toasts(await chat.press("pf:pv:b:atlantis", user=INVESTOR)) == [EXPIRED]
    assert toasts(await chat.press("pf:t:b:certifications:iso_99999", user=INVESTOR)) == [EXPIRED]
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
