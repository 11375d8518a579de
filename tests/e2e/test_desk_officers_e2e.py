"""A desk officer through the real bot process and the loopback fake Bot API: granted in chat, told of their desk's
new leads only, sees only their desk's leads with due dates, and is reminded of an overdue one once."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.dates import format_date
from bot.services.response_clock import Clock, due_day
from bot.settings import Settings
from bot.store.models import Lead, utcnow

from .conftest import ADMIN, BotProcess, Users, nothing_more, say
from .fake_bot_api import FakeBotApi, FakeUser

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("accepted_everything")]
REMINDER_INTERVAL = 1.0
# Reminders from midnight on, checked every second (the defaults: from 9:00, every 10 minutes).
BOT_SETTINGS = {"lead_reminder_hour": 0, "lead_reminder_interval_seconds": REMINDER_INTERVAL}


def interested(fake: FakeBotApi, investor: FakeUser, code: str) -> None:
    card = say(fake, investor, f"/product {code}")
    mark = fake.mark(investor.id)
    fake.press_button(investor, card, "I'm interested")
    fake.wait_for_message(investor.id, after=mark, contains="is registered")


@pytest.mark.also_postgres
def test_a_desk_officer_sees_only_their_desk_and_is_reminded_of_an_overdue_lead(
    bot: BotProcess, fake: FakeBotApi, users: Users, engine: Engine
) -> None:
    officer, investor = users.new("fa"), users.new("en")
    say(fake, officer, "/start")
    mark = fake.mark(officer.id)
    granted = say(fake, ADMIN, f"/admins add {officer.id} desk:DESK-AUT", contains="is now an admin")
    assert granted.visible_text.endswith("desk officer of DESK-AUT")
    assert fake.wait_for_message(officer.id, after=mark).visible_text.startswith("🔑 اکنون کارشناس میز DESK-AUT")

    # A lead of their desk goes to them (in Persian), not to the full admin; one of a desk with no officer, to the admin.
    admin_mark, officer_mark = fake.mark(ADMIN.id), fake.mark(officer.id)
    interested(fake, investor, "AUT-001")
    notice = fake.wait_for_message(officer.id, after=officer_mark, contains="درخواست جدید")
    assert "AUT-001" in notice.visible_text
    officer_mark = fake.mark(officer.id)
    interested(fake, investor, "PET-001")
    assert "PET-001" in fake.wait_for_message(ADMIN.id, after=admin_mark, contains="New lead").visible_text
    nothing_more(fake, officer.id, officer_mark, 1.0)
    assert all("AUT-001" not in m.visible_text for m in fake.messages_to(ADMIN.id) if m.seq > admin_mark)

    clock = Clock.of(Settings(_env_file=None))
    with Session(engine) as session:
        lead = session.exec(select(Lead).where(Lead.user_id == investor.id, Lead.product_code == "AUT-001")).one()
    assert lead.due_at is not None
    due = due_day(lead.due_at, clock.zone)
    page = say(fake, officer, "/leads", contains="AUT-001").visible_text
    assert "PET-001" not in page and f"مهلت پاسخ: {format_date('fa', due)}" in page
    mine = say(fake, investor, "/myleads", contains="Your interests").visible_text
    assert f"The desk answers by {format_date('en', due)}." in mine

    assert "PET-001" not in say(fake, officer, "/leads all", contains="AUT-001").visible_text

    if not clock.is_working_day(clock.today(utcnow())):
        pytest.skip("no reminders on Thursdays, Fridays and holidays: the rest needs a working day in Tehran")
    officer_mark = fake.mark(officer.id)
    with Session(engine) as session:
        overdue = session.get(Lead, lead.id)
        assert overdue is not None
        overdue.due_at = utcnow() - timedelta(days=8)
        session.add(overdue)
        session.commit()
    reminder = fake.wait_for_message(officer.id, after=officer_mark, contains="از مهلت پاسخ گذشته", timeout=15.0)
    assert reminder.visible_text.startswith("⏰ ۱ درخواست از مهلت پاسخ گذشته است — میز توسعه ساخت داخل خودرو")
    assert "AUT-001" in reminder.visible_text and "روز کاری از مهلت پاسخ گذشته" in reminder.visible_text
    # Once a day: later checks (every second) remind of nothing more, nor does a restarted bot.
    time.sleep(3 * REMINDER_INTERVAL)
    bot.restart()
    time.sleep(3 * REMINDER_INTERVAL)
    assert [m for m in fake.messages_to(officer.id) if m.seq > reminder.seq] == []
    with Session(engine) as session:
        reminded = session.get(Lead, lead.id)
        assert reminded is not None and reminded.reminded_on == clock.today(utcnow())
    mark = fake.mark(officer.id)
    fake.press_button(officer, reminder, "#")
    card = fake.wait_for_message(officer.id, after=mark, contains="درخواست #")
    assert "AUT-001" in card.visible_text and "روز کاری از مهلت پاسخ گذشته" in card.visible_text
    assert say(fake, officer, "/leads", contains="AUT-001").visible_text.index("⏰") > 0
