"""Capable suppliers and introductions through the real bot process and the loopback fake Bot API.

An admin opens a listing's card, sees "Capable manufacturers (N)", pages /suppliers CODE and writes to the
manufacturer through the bot; an English investor asks for an introduction, the Persian manufacturer accepts and
both get the other's contact; the desk officer's scorecard counts the introduction asked and accepted.
The manufacturer's profile is stored before the bot starts, as /profile (another feature) would store it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from bot.services import users as user_service
from bot.store.models import AuditEntry, Introduction, IntroductionState, ManufacturerProfile, utcnow

from .conftest import ADMIN, BotProcess, Users, run_cli, say
from .fake_bot_api import FakeBotApi, FakeUser, SentMessage

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("accepted_everything")]
MAKER = FakeUser(id=800_601, first_name="Reza", username="reza_gear", language_code="fa")
COMPANY = "Pars Gear Co"


@pytest.fixture(scope="module")
def bot(fake: FakeBotApi, e2e_database_url: str, engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    """The real bot on a seeded database holding one Persian manufacturer's profile (made before the bot starts)."""
    workdir = tmp_path_factory.mktemp("bot")
    process = BotProcess(fake, e2e_database_url, workdir)
    run_cli("seed", env=process.env, cwd=workdir)
    with Session(engine) as session:
        user_service.remember(MAKER.id, session=session, first_name=MAKER.first_name, username=MAKER.username, language_code="fa")
        session.add(ManufacturerProfile(user_id=MAKER.id, company=COMPANY, province="isfahan", consent=True, knowledge_based=True,
                                        makes="helical gear reducer, industrial gearbox", processes="machining;casting",
                                        certifications="iso_9001", contact="+98 31 3333 0000"))
        session.commit()
    process.start()
    try:
        for person in (ADMIN, MAKER):  # both have talked to the bot, so it may message them
            sent = fake.send_message(person, "/start")
            fake.wait_for_message(person.id, after=sent)
        yield process
    finally:
        status = process.stop()
        if status not in (0, None):
            print(process.describe_log(), file=sys.stderr)
            pytest.fail(f"the bot exited with status {status} on SIGINT")


def press(fake: FakeBotApi, user: FakeUser, message: SentMessage, label: str, *, to: int | None = None,
          contains: str | None = None) -> SentMessage:
    """Press the button and wait for what the bot sends or edits in ``to``'s chat (the presser's by default)."""
    chat = to if to is not None else user.id
    mark = fake.mark(chat)
    fake.press_button(user, message, label)
    return fake.wait_for_message(chat, after=mark, contains=contains)


@pytest.mark.also_postgres
def test_a_desk_writes_to_a_capable_manufacturer_and_an_investor_is_introduced(bot: BotProcess, fake: FakeBotApi, users: Users,
                                                                                 engine: Engine) -> None:
    # The admin sees the supplier on the listing's card, pages the list and writes to the manufacturer.
    card = say(fake, ADMIN, "/product MCH-007", contains="MCH-007")
    listed = press(fake, ADMIN, card, "Capable manufacturers (", contains="Capable manufacturers")
    assert f"1. {COMPANY} · Isfahan · fit" in listed.visible_text and "knowledge-based" in listed.visible_text
    paged = say(fake, ADMIN, "/suppliers mch-007", contains="Capable manufacturers")
    assert COMPANY in paged.visible_text and "Precision machining" in paged.visible_text
    press(fake, ADMIN, paged, "Contact Pars Gear Co", contains="Write your message")
    maker_mark = fake.mark(MAKER.id)
    say(fake, ADMIN, "Could you quote 200 reducers by Esfand?", contains="Sent to Pars Gear Co")
    relayed = fake.wait_for_message(MAKER.id, after=maker_mark, contains="پیامی از")
    assert "MCH-007" in relayed.visible_text and "گیربکس صنعتی هلیکال" in relayed.visible_text
    assert "Could you quote 200 reducers by Esfand?" in relayed.visible_text
    with Session(engine) as session:
        assert session.exec(select(AuditEntry).where(AuditEntry.action == "supplier.contact")).one().actor_id == ADMIN.id

    # An English investor asks for an introduction; the Persian manufacturer accepts; both get the other's contact.
    investor = users.new("en", first_name="Alice", username="alice_invests")
    say(fake, investor, "/start")
    card = say(fake, investor, "/product MCH-007", contains="MCH-007")
    offer = press(fake, investor, card, "Introduce me to capable manufacturers (1)", contains="could make")
    assert COMPANY not in offer.visible_text and "in Isfahan" in offer.visible_text
    maker_mark = fake.mark(MAKER.id)
    asked = press(fake, investor, offer, "Yes, ask them", contains="The bot asked 1 manufacturer")
    assert "MCH-007" in asked.visible_text
    question = fake.wait_for_message(MAKER.id, after=maker_mark, contains="می‌خواهد با شما آشنا شود")
    assert "Alice" in question.visible_text and "alice_invests" not in question.visible_text

    investor_mark = fake.mark(investor.id)
    to_maker = press(fake, MAKER, question, "✅ می‌پذیرم", contains="پذیرفتید")
    assert "Alice" in to_maker.visible_text and "@alice_invests" in to_maker.visible_text
    to_investor = fake.wait_for_message(investor.id, after=investor_mark, contains="accepted to meet you")
    assert f"{COMPANY} (Isfahan): Reza (@reza_gear)" in to_investor.visible_text
    assert "Contact: +98 31 3333 0000" in to_investor.visible_text
    assert ("text_link", f"tg://user?id={MAKER.id}") in [(kind, argument) for kind, _, _, argument in to_investor.formatted.entities]
    with Session(engine) as session:
        (row,) = session.exec(select(Introduction)).all()
        assert row.state is IntroductionState.ACCEPTED and row.decided_at is not None
    mine = say(fake, investor, "/introductions", contains="Your introductions")
    assert "✅ accepted on" in mine.visible_text and COMPANY in mine.visible_text

    # The desk's officer sees the introduction in the weekly scorecard (moved into the last complete week).
    with Session(engine) as session:
        week_ago = utcnow() - timedelta(days=7)
        session.exec(update(Introduction).where(col(Introduction.investor_id) == investor.id)  # type: ignore[call-overload]
                     .values(created_at=week_ago, decided_at=week_ago + timedelta(hours=1)))
        session.commit()
    officer = users.new("fa")
    say(fake, officer, "/start")
    say(fake, ADMIN, f"/admins add {officer.id} desk:DESK-MCH", contains="is now an admin")
    sent = say(fake, officer, "/scorecard", contains="کارنامهٔ هفتگی", timeout=30)
    assert "(DESK-MCH)" in sent.visible_text
    assert "🤝 معرفی به سازندگان: درخواست‌شده ۱ · پذیرفته‌شده ۱" in sent.visible_text
    assert sent.photo is not None

