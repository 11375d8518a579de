"""The weekly desk scorecard through the real bot process and the loopback fake Bot API: /scorecard sends the chart
as a photo that opens as a phone-sized, non-blank PNG, with the figures in its caption; the weekly job sends each desk's
scorecard once, to its officer in Persian and to the full admin otherwise, and a restart sends nothing again."""

from __future__ import annotations

import io
import time
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import Engine, update
from sqlmodel import Session, col

from bot.store.models import Lead, utcnow

from .conftest import ADMIN, BotProcess, Users, say
from .fake_bot_api import FakeBotApi, FakeUser, SentMessage

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("accepted_everything")]
ACTIVE_DESKS = 15  # of the seed
FIRST_CHECK = 10  # seconds after start (bot.telegram.app)
BARS = (0x3B, 0x6E, 0xA8)  # bot.services.scorecard_chart.BARS


def photos(fake: FakeBotApi, chat_id: int, after: int) -> list[SentMessage]:
    return [message for message in fake.messages_to(chat_id) if message.photo is not None and message.seq > after]


def check_chart(message: SentMessage, *, bars: bool | None = None) -> None:
    """The photo is a 1200×750 PNG with something drawn on it (many colours); with ``bars``, bars are drawn or not."""
    assert message.photo is not None
    image = Image.open(io.BytesIO(message.photo))
    assert image.format == "PNG" and image.size == (1200, 750)
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50
    # A bar of one lead is some 20,000 pixels of the bars' blue; without bars, only text and the legend's patch have it.
    assert bars is None or (sum(count for count, colour in colours if colour == BARS) > 10_000) == bars
    assert 10_000 < len(message.photo) < 200_000


def interested(fake: FakeBotApi, investor: FakeUser, code: str) -> None:
    card = say(fake, investor, f"/product {code}")
    mark = fake.mark(investor.id)
    fake.press_button(investor, card, "I'm interested")
    fake.wait_for_message(investor.id, after=mark, contains="is registered")


@pytest.mark.also_postgres
def test_an_admin_picks_a_desk_and_gets_its_chart_as_a_photo(bot: BotProcess, fake: FakeBotApi, users: Users,
                                                              engine: Engine) -> None:
    investor = users.new("en")
    say(fake, investor, "/start")
    interested(fake, investor, "AUT-001")
    with Session(engine) as session:  # the lead came ten days ago: in one of the complete weeks the chart draws
        session.exec(update(Lead).where(col(Lead.user_id) == investor.id).values(created_at=utcnow() - timedelta(days=10)))
        session.commit()

    choice = say(fake, ADMIN, "/scorecard", contains="Whose weekly scorecard")
    assert len(choice.buttons()) == ACTIVE_DESKS
    mark = fake.mark(ADMIN.id)
    fake.press_button(ADMIN, choice, "DESK-AUT")
    sent = fake.wait_for_message(ADMIN.id, after=mark, contains="Weekly scorecard", timeout=30)

    assert "(DESK-AUT)" in sent.visible_text and "AUT-001 Engine control unit (ECU): 1 (+" in sent.visible_text
    assert "waiting for a first answer: 1" in sent.visible_text
    check_chart(sent, bars=True)


def test_the_weekly_scorecards_go_once_to_each_desks_officer_or_the_admin(bot: BotProcess, fake: FakeBotApi, users: Users) -> None:
    officer = users.new("fa")
    say(fake, officer, "/start")
    say(fake, ADMIN, f"/admins add {officer.id} desk:DESK-AUT", contains="is now an admin")
    admin_mark, officer_mark = fake.mark(ADMIN.id), fake.mark(officer.id)
    saved = dict(bot.env)
    # Due from midnight: whatever the day, this week's scorecards are due (from the first working day of the week
    # on, catching up to its end). The first check comes 10 s after start, the next long after.
    bot.env.update(SCORECARD_HOUR="0", SCORECARD_INTERVAL_SECONDS="600")
    try:
        bot.restart()
        to_officer = wait_for_photos(fake, officer.id, officer_mark, 1)
        to_admin = wait_for_photos(fake, ADMIN.id, admin_mark, ACTIVE_DESKS - 1)

        assert "کارنامهٔ هفتگی" in to_officer[0].visible_text and "(DESK-AUT)" in to_officer[0].visible_text
        check_chart(to_officer[0])
        assert all("Weekly scorecard" in message.visible_text for message in to_admin)
        assert not any("(DESK-AUT)" in message.visible_text for message in to_admin)

        # A restart (as another replica would) sends nothing again this week.
        bot.restart()
        time.sleep(FIRST_CHECK + 3)
        say(fake, ADMIN, "/help")
        assert photos(fake, ADMIN.id, admin_mark) == to_admin and photos(fake, officer.id, officer_mark) == to_officer
    finally:
        bot.env.clear()
        bot.env.update(saved)
        bot.restart()
        say(fake, ADMIN, "/help")  # polling and answering again before the module stops it


def wait_for_photos(fake: FakeBotApi, chat_id: int, after: int, count: int, timeout: float = 60.0) -> list[SentMessage]:
    """The photos sent to the chat after ``after``, once there are ``count`` of them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(found := photos(fake, chat_id, after)) >= count:
            return found
        time.sleep(0.2)
    raise AssertionError(f"{len(photos(fake, chat_id, after))} photos of {count} came to {chat_id} within {timeout}s")
