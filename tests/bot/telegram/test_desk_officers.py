"""Desk officers through the real Application: scoped grants, what they see and may do, due dates and reminders."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import select

from bot.dates import format_date
from bot.services import audit, lead_reminders
from bot.services.response_clock import Clock, due_day
from bot.store import grants
from bot.store.models import AuditEntry, Lead, LeadStatus, Product, ProductStatus, utcnow
from bot.telegram.menus import ADMIN_COMMANDS, OFFICER_COMMANDS
from bot.telegram.reminders import due_messages

from .conftest import ADMIN, INVESTOR, PERSIAN, Chat, texts, toasts

OFFICER = 503  # writes in Persian
SCOPE_REFUSAL = "این مربوط به میز دیگری است؛ شما به‌عنوان کارشناس میز فقط درخواست‌ها و کالاهای DESK-AUT را پیگیری می‌کنید."
FULL_ONLY = "این فقط برای مدیران کامل است"


def refusals(chat: Chat) -> list[tuple[int, str]]:
    with chat.session() as session:
        return [(e.actor_id, e.target) for e in session.exec(select(AuditEntry).where(AuditEntry.action == audit.REFUSED))]


def lead_of(chat: Chat, code: str) -> Lead:
    with chat.session() as session:
        return session.exec(select(Lead).where(Lead.product_code == code)).one()


def make_overdue(chat: Chat, code: str, days: int) -> None:
    """Move a lead's due moment ``days`` days into the past, as if the desk had let it wait."""
    with chat.session() as session:
        lead = session.exec(select(Lead).where(Lead.product_code == code)).one()
        lead.due_at = utcnow() - timedelta(days=days)
        session.add(lead)
        session.commit()


async def officer_of_aut(chat: Chat) -> None:
    await chat.send("/start", user=OFFICER, language="fa")
    await chat.send("/admins add 503 desk:DESK-AUT", user=ADMIN)


async def test_granting_a_desk_officer_lists_their_desks_and_tells_them(chat: Chat) -> None:
    await chat.send("/start", user=OFFICER, language="fa")
    calls = await chat.send("/admins add 503 desk:desk-aut", user=ADMIN)
    assert texts(calls, chat=ADMIN) == ['✅ <a href="tg://user?id=503">User503</a> (@u503) is now an admin.\ndesk officer of DESK-AUT']
    (told,) = texts(calls, chat=OFFICER)
    assert told.startswith("🔑 اکنون کارشناس میز DESK-AUT در این ربات هستید")
    assert [c.params["scope"]["chat_id"] for c in calls if c.method == "setMyCommands"] == [OFFICER]
    listing = texts(await chat.send("/admins", user=ADMIN))[0]
    assert "desk officer of DESK-AUT" in listing and "desk:DESK-AUT,DESK-PET" in listing
    # A second desk changes the scope; without desk: they become a full admin.
    calls = await chat.send("/admins add 503 desk:DESK-AUT,DESK-PET", user=ADMIN)
    assert texts(calls, chat=ADMIN)[0].endswith("admin rights were changed.\ndesk officer of DESK-AUT and DESK-PET")
    assert texts(calls, chat=OFFICER)[0].startswith("🔑 اکنون کارشناس میز DESK-AUT و DESK-PET")
    assert texts(await chat.send("/admins add 503 desk:DESK-AUT,DESK-PET", user=ADMIN))[0].endswith(
        "is already an admin.\ndesk officer of DESK-AUT and DESK-PET")
    assert texts(await chat.send("/admins add 503 desk:DESK-NOPE", user=ADMIN)) == [
        "No desk has the code DESK-NOPE. Write <code>desk:</code> and desk codes separated by commas, for example "
        "<code>/admins add 123456789 desk:DESK-AUT,DESK-PET</code> (/desks lists them)."]
    assert texts(await chat.send("/admins add 503", user=ADMIN))[0].endswith("admin rights were changed.\nfull admin: every desk")
    with chat.session() as session:
        grant = grants.get_grant(OFFICER, session=session)
        assert grant is not None and grants.desks_of(grant) == []
        changes = [(e.before, e.after) for e in session.exec(select(AuditEntry).where(AuditEntry.action == audit.ADMIN_GRANT))]
    assert changes == [
        ({"admin": False}, {"admin": True, "desks": ["DESK-AUT"]}),
        ({"admin": True, "desks": ["DESK-AUT"]}, {"admin": True, "desks": ["DESK-AUT", "DESK-PET"]}),
        ({"admin": True, "desks": ["DESK-AUT", "DESK-PET"]}, {"admin": True, "desks": []}),
    ]


async def test_a_desk_officer_hears_of_and_handles_only_their_desks_leads(chat: Chat) -> None:
    await officer_of_aut(chat)
    calls = await chat.press("i:AUT-001")
    # The desk has an officer: only they hear of its lead, in Persian.
    assert texts(calls, chat=ADMIN) == [] and texts(calls, chat=OFFICER)[0].startswith("🆕 <b>درخواست جدید #۱</b>")
    calls = await chat.press("i:PET-001")
    # DESK-PET has no officer: the full admins hear of it.
    assert len(texts(calls, chat=ADMIN)) == 1 and texts(calls, chat=OFFICER) == []
    (page,) = texts(await chat.send("/leads", user=OFFICER, language="fa"))
    assert "AUT-001" in page and "PET-001" not in page and "۱ تا ۱ از ۱" in page
    (full,) = texts(await chat.send("/leads", user=ADMIN))
    assert "AUT-001" in full and "PET-001" in full
    pet = lead_of(chat, "PET-001").id
    assert toasts(await chat.press(f"lc:{pet}:open:0", user=OFFICER, language="fa")) == [SCOPE_REFUSAL]
    calls = await chat.press(f"ls:{pet}:contacted:open:0", user=OFFICER, language="fa")
    assert toasts(calls) == [SCOPE_REFUSAL] and texts(calls, chat=INVESTOR) == []
    assert lead_of(chat, "PET-001").status is LeadStatus.NEW
    aut = lead_of(chat, "AUT-001").id
    calls = await chat.press(f"ls:{aut}:contacted:open:0", user=OFFICER, language="fa")
    assert len(texts(calls, chat=INVESTOR)) == 1 and lead_of(chat, "AUT-001").status is LeadStatus.CONTACTED
    assert refusals(chat) == [(OFFICER, f"lead {pet}"), (OFFICER, f"lead {pet}")]


async def test_a_desk_officer_keeps_to_their_sectors_listings_and_global_commands_stay_full_admins(chat: Chat) -> None:
    await officer_of_aut(chat)

    async def officer(text: str) -> list[str]:
        return texts(await chat.send(text, user=OFFICER, language="fa"))

    assert await officer("/closeproduct PET-001") == [SCOPE_REFUSAL]
    assert await officer("/editproduct PET-001") == [SCOPE_REFUSAL]
    # Moving one of their listings to another sector would hand it away: refused too.
    assert await officer("/editproduct AUT-003\nsector: petrochemicals\ndesk: DESK-PET") == [SCOPE_REFUSAL]
    assert (await officer("/closeproduct AUT-003"))[0].startswith("✅")
    assert (await officer("/reopenproduct AUT-003"))[0].startswith("✅")
    new = "/addproduct\ncode: {code}\nname_en: Part\nname_fa: قطعه\nhs_code: 8708.99\nsector: {sector}"
    assert await officer(new.format(code="PET-900", sector="petrochemicals")) == [SCOPE_REFUSAL]
    assert (await officer(new.format(code="AUT-900", sector="automotive")))[0].startswith("✅")
    # The step-by-step form refuses another sector at its sector step and asks again.
    await officer("/addproduct")
    for answer in ("AUT-901", "Part", "قطعه", "8708.99"):
        await officer(answer)
    assert await officer("petrochemicals") == [SCOPE_REFUSAL]
    assert (await officer("automotive"))[0].startswith("<b>۶/۱۰</b>")  # on to the next question
    await officer("/cancel")
    for command in ("/export products", "/admins", "/import", "/digest_now", "/adddesk", "/editdesk DESK-AUT", "/stats"):
        (answer,) = await officer(command)
        assert answer.startswith(FULL_ONLY), command
    with chat.session() as session:
        assert session.exec(select(Product.status).where(Product.code == "PET-001")).one() is ProductStatus.OPEN
        assert session.exec(select(Product.sector).where(Product.code == "AUT-003")).one() == "automotive"
        assert session.exec(select(Product).where(Product.code == "PET-900")).first() is None
    targets = [target for actor, target in refusals(chat)]
    assert targets[:4] == ["/closeproduct", "/editproduct", "/editproduct", "/addproduct"]
    assert targets[-7:] == ["/export", "/admins", "/import", "/digest_now", "/adddesk", "/editdesk", "/stats"]


async def test_due_dates_on_leads_and_my_leads_and_overdue_first(chat: Chat) -> None:
    await officer_of_aut(chat)
    await chat.press("i:AUT-001", user=PERSIAN, language="fa")
    await chat.press("i:AUT-003")
    clock = Clock.of(chat.runtime().settings)
    lead = lead_of(chat, "AUT-001")
    assert lead.due_at is not None
    assert due_day(lead.due_at, clock.zone) == clock.due_at(lead.created_at, 3).astimezone(clock.zone).date()
    day = due_day(lead.due_at, clock.zone)
    (mine,) = texts(await chat.send("/myleads", user=PERSIAN, language="fa"))
    assert f"⏳ میز تا {format_date('fa', day)} پاسخ می‌دهد." in mine
    (card,) = texts(await chat.press(f"lc:{lead.id}:open:0", user=OFFICER, language="fa"), "editMessageText")
    assert card.endswith(f"مهلت پاسخ: {format_date('fa', day)}")
    make_overdue(chat, "AUT-001", 8)
    overdue = lead_of(chat, "AUT-001")
    days = clock.overdue_by(overdue, utcnow())
    assert days >= 4
    (page,) = texts(await chat.send("/leads", user=ADMIN))
    # Overdue first, though it is the older lead.
    assert page.index("AUT-001") < page.index("AUT-003")
    assert f"⏰ overdue by {days} working days (due {format_date('en', due_day(overdue.due_at, clock.zone))})" in page  # type: ignore[arg-type]
    (fa_page,) = texts(await chat.send("/leads", user=OFFICER, language="fa"))
    assert "روز کاری از مهلت پاسخ گذشته" in fa_page
    (mine,) = texts(await chat.send("/myleads", user=PERSIAN, language="fa"))
    assert "⏳ مهلت پاسخ میز" in mine and "یادآوری می‌شود" in mine
    # Once the desk acts, the clock stops: no due date anywhere.
    await chat.press(f"ls:{overdue.id}:contacted:open:0", user=OFFICER, language="fa")
    (mine,) = texts(await chat.send("/myleads", user=PERSIAN, language="fa"))
    assert "⏳" not in mine
    assert "overdue" not in texts(await chat.send("/leads", user=ADMIN))[0]


async def test_overdue_leads_are_reminded_to_the_desks_officers_once_a_working_day(chat: Chat) -> None:
    await officer_of_aut(chat)
    await chat.press("i:AUT-001")
    await chat.press("i:PET-001")
    settings = chat.runtime().settings
    clock = Clock.of(settings)
    # A working day at 10:00 in Tehran, after the reminder hour (9).
    day = clock.today(utcnow())
    while not clock.is_working_day(day):
        day += timedelta(days=1)
    morning = datetime(day.year, day.month, day.day, 10, tzinfo=clock.zone)
    early = morning.replace(hour=7)
    with chat.session() as session:
        for lead in session.exec(select(Lead)):
            lead.due_at = morning - timedelta(days=9)
            session.add(lead)
        session.commit()
    with chat.session() as session:
        assert lead_reminders.claim_reminders(session=session, settings=settings, now=early) == []
        reminders = lead_reminders.claim_reminders(session=session, settings=settings, now=morning)
        session.commit()
        by_desk = {r.desk.code if r.desk else None: (r.recipients, [v.lead.product_code for v in r.leads]) for r in reminders}
        assert by_desk == {"DESK-AUT": ((OFFICER,), ["AUT-001"]), "DESK-PET": ((ADMIN,), ["PET-001"])}
        # Another replica, or a restart, the same day: nothing more.
        assert lead_reminders.claim_reminders(session=session, settings=settings, now=morning + timedelta(hours=3)) == []
        # The next working day, again.
        following = morning + timedelta(days=1)
        while not clock.is_working_day(following.date()):
            following += timedelta(days=1)
        assert len(lead_reminders.claim_reminders(session=session, settings=settings, now=following)) == 2
        session.rollback()


async def test_the_reminder_job_renders_each_officers_message_in_their_language(chat: Chat) -> None:
    await officer_of_aut(chat)
    await chat.press("i:AUT-001")
    make_overdue(chat, "AUT-001", 9)
    settings = chat.runtime().settings.model_copy(update={"lead_reminder_hour": 0, "holidays": frozenset()})
    clock = Clock.of(settings)
    with chat.session() as session:
        messages = due_messages(session, settings)
        session.commit()
    if not clock.is_working_day(clock.today(utcnow())):
        assert messages == []  # no reminders on Thursdays, Fridays and holidays
        return
    ((chat_id, reply),) = messages
    assert chat_id == OFFICER
    assert reply.text.startswith("⏰ <b>۱ درخواست از مهلت پاسخ گذشته است</b> — میز توسعه ساخت داخل خودرو")
    assert "AUT-001" in reply.text and "روز کاری از مهلت پاسخ گذشته" in reply.text
    lead = lead_of(chat, "AUT-001")
    assert [data for _, data in buttons_of(reply)] == [f"lc:{lead.id}:open:0"]
    assert lead.reminded_on == clock.today(utcnow())
    with chat.session() as session:
        assert due_messages(session, settings) == []


def buttons_of(reply: object) -> list[tuple[str, str]]:
    markup = getattr(reply, "markup", None)
    assert markup is not None
    return [(b.text, str(b.callback_data)) for row in markup.inline_keyboard for b in row]



async def test_full_admins_set_a_desks_response_time_for_new_leads(chat: Chat) -> None:
    await officer_of_aut(chat)
    (listing,) = texts(await chat.send("/responsedays", user=ADMIN))
    assert listing.startswith("⏱ <b>Response times</b>") and "<code>DESK-AUT</code> Automotive domestic production promotion desk: 3 working days" in listing
    assert texts(await chat.send("/responsedays DESK-AUT ۵", user=PERSIAN, language="fa")) == ["این فرمان در دسترس نیست."]
    (refused,) = texts(await chat.send("/responsedays DESK-AUT 5", user=OFFICER, language="fa"))
    assert refused.startswith("این فقط برای مدیران کامل است")
    assert texts(await chat.send("/responsedays desk-aut ۵", user=ADMIN)) == [
        "✅ DESK-AUT now answers leads within 5 working days; leads written from now on are due then."]
    await chat.send("/start", user=PERSIAN, language="fa")
    await chat.send(f"/admins add {PERSIAN}", user=ADMIN)  # a full admin who writes Persian
    assert texts(await chat.send("/responsedays DESK-AUT ۵", user=PERSIAN, language="fa")) == ["مهلت پاسخ DESK-AUT از قبل ۵ روز کاری است."]
    assert texts(await chat.send("/responsedays DESK-AUT 0", user=ADMIN)) == [
        "“0” is not a number of working days: write a whole number from 1 to 30."]
    assert texts(await chat.send("/responsedays DESK-NOPE 2", user=ADMIN)) == ["There is no desk with the code DESK-NOPE."]
    # One desk's alone: its time (in the reader's digits) and how to change it.
    (one,) = texts(await chat.send("/responsedays desk-aut", user=PERSIAN, language="fa"))
    assert "<code>DESK-AUT</code> میز توسعه ساخت داخل خودرو: ۵ روز کاری" in one and "DESK-PET" not in one and "برای تغییر" in one
    assert texts(await chat.send("/responsedays DESK-NOPE", user=ADMIN)) == ["There is no desk with the code DESK-NOPE."]
    await chat.press("i:AUT-001")
    lead = lead_of(chat, "AUT-001")
    clock = Clock.of(chat.runtime().settings)
    assert lead.due_at == clock.due_at(lead.created_at, 5)
    with chat.session() as session:
        edits = [(e.target, e.before, e.after) for e in session.exec(select(AuditEntry).where(AuditEntry.action == audit.DESK_EDIT))]
    assert edits == [("DESK-AUT", {"response_days": 3}, {"response_days": 5})]


def menu_of(calls: list[Any], chat_id: int) -> list[str]:
    """The commands of the last menu the bot set for ``chat_id``'s chat."""
    (last, *_) = [c for c in reversed(calls) if c.method == "setMyCommands" and c.params["scope"]["chat_id"] == chat_id]
    return [command["command"] for command in last.params["commands"]]


async def test_a_desk_officers_menu_and_help_hold_only_what_they_may_use(chat: Chat) -> None:
    await chat.send("/start", user=OFFICER, language="fa")
    granted = await chat.send("/admins add 503 desk:DESK-AUT", user=ADMIN)
    assert menu_of(granted, OFFICER)[-len(OFFICER_COMMANDS):] == list(OFFICER_COMMANDS)
    assert not {"import", "export", "stats", "demand", "admins", "digest_now"} & set(menu_of(granted, OFFICER))
    assert menu_of(await chat.send("/start", user=OFFICER, language="fa"), OFFICER) == menu_of(granted, OFFICER)
    (help_text,) = texts(await chat.send("/help", user=OFFICER, language="fa"))
    assert "<b>فرمان‌های کارشناس میز</b>" in help_text and "/scorecard" in help_text
    assert "/import" not in help_text and "/admins" not in help_text
    # Made a full admin, their menu and help grow to every admin command.
    widened = await chat.send("/admins add 503", user=ADMIN)
    assert menu_of(widened, OFFICER)[-len(ADMIN_COMMANDS):] == list(ADMIN_COMMANDS)
    (help_text,) = texts(await chat.send("/help", user=OFFICER, language="fa"))
    assert "<b>فرمان‌های مدیر</b>" in help_text and "/import" in help_text


async def test_a_persian_admin_reads_an_id_in_persian_digits_when_the_user_has_no_name_yet(chat: Chat) -> None:
    await chat.press("lang:fa", user=ADMIN)
    calls = await chat.send("/admins add ۹۸۷۶۵ desk:desk-aut", user=ADMIN, language="fa")
    (granted,) = texts(calls, chat=ADMIN)
    assert granted.startswith('✅ <a href="tg://user?id=98765">۹۸۷۶۵</a> اکنون مدیر است.') and "98765<" not in granted
    listing = texts(await chat.send("/admins", user=ADMIN, language="fa"))[0]
    assert '?id=98765">۹۸۷۶۵</a>' in listing
