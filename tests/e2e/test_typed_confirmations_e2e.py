"""A yes or no typed at a question answered by its buttons, through the real bot process and the loopback fake Bot
API (issue 14: a blind user typed «بله», "yes", "are", «نه» at them, and the text was searched and logged as demand)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, func, select

from bot.store.db import make_engine
from bot.store.models import SearchLog, Subscriber

from .conftest import BotProcess, Users, say
from .fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e


def searches(bot: BotProcess) -> int:
    engine = make_engine(bot.database_url)
    try:
        with Session(engine) as session:
            return session.exec(select(func.count()).select_from(SearchLog)).one()
    finally:
        engine.dispose()


def subscribed(bot: BotProcess, user_id: int) -> bool:
    engine = make_engine(bot.database_url)
    try:
        with Session(engine) as session:
            subscriber = session.get(Subscriber, user_id)
            return subscriber is not None and subscriber.active
    finally:
        engine.dispose()


@pytest.mark.parametrize(("language", "yes", "no", "asked", "tap_yes", "nothing_changed"), [
    ("fa", "بله", "نه", "همه اشتراک‌ها لغو شود؟", "اگر مطمئنید، دکمهٔ تأیید", "چیزی تغییر نکرد"),
    ("en", "are", "no", "Unsubscribe from everything?", "If you are sure, tap the confirming button", "Nothing was changed"),
])
def test_a_yes_or_no_typed_at_unsubscribe_is_answered_about_the_buttons_never_searched(
        bot: BotProcess, fake: FakeBotApi, users: Users, language: str, yes: str, no: str, asked: str, tap_yes: str,
        nothing_changed: str) -> None:
    user = users.new(language)
    say(fake, user, "/alert valve")
    before = searches(bot)
    question = say(fake, user, "/unsubscribe")
    assert asked in question.visible_text, question.visible_text
    assert tap_yes in say(fake, user, yes).visible_text
    assert subscribed(bot, user.id)  # a typed yes unsubscribes nothing
    assert nothing_changed in say(fake, user, no).visible_text
    assert searches(bot) == before and subscribed(bot, user.id)
    mark = fake.mark(user.id)
    fake.press_button(user, question, "🛑")  # the tap does it
    fake.wait_for_message(user.id, after=mark)
    assert not subscribed(bot, user.id)
