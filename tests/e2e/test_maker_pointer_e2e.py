"""A manufacturer who says what it makes in a plain message, end to end through the fake Bot API: the real bot answers
with one line pointing to /profile and a button that builds it (results still follow when a listing answers, what a
shop like theirs could make when it names no listing but a process or material), and
nothing of it reaches the unmet-demand report (``matchbot report demand --json``) or the admins' /demand."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.store.models import SearchLog

from .conftest import ADMIN, BotProcess, Users, buttons, nothing_more, run_cli, say
from .fake_bot_api import FakeBotApi

pytestmark = pytest.mark.e2e

POINTER = "به نظر می‌رسد شما تولیدکننده‌اید. با /profile بگویید چه می‌سازید تا کالاهایی که می‌توانید بسازید را ببینید (/opportunities)."


@pytest.mark.also_postgres
def test_a_persian_maker_is_pointed_to_its_profile_and_is_not_counted_as_demand(
    fake: FakeBotApi, bot: BotProcess, users: Users, engine: Engine, tmp_path: Path
) -> None:
    maker = users.new("fa")
    say(fake, maker, "/start", "سلام")

    # Nothing in the catalog answers it confidently and it names no process or material: the pointer alone, with the
    # button, and nothing more.
    answer = say(fake, maker, "ما قطعات صنعتی تولید میکنیم")
    assert answer.visible_text == POINTER
    assert buttons(answer) == ["🏭 ساختن پروفایل"]
    nothing_more(fake, maker.id, fake.mark(maker.id), 1.5)

    # It names a process (a lathe was once offered as "Did you mean…?"): under the pointer, what a machining shop
    # could make, each with its reason and a button to its card, the build button first (issue 14).
    shop = say(fake, maker, "ما قطعات صنعتی تراشکاری میکنیم")
    assert shop.visible_text.startswith(POINTER + "\n\n🏭 کالاهایی که کارگاهی مثل شما می‌تواند بسازد")
    assert "شما ماشین‌کاری می‌کنید" in shop.visible_text
    assert buttons(shop)[0] == "🏭 ساختن پروفایل" and len(buttons(shop)) == 6

    # A listing answers it: the pointer first, the results after it, the button on top.
    found = say(fake, maker, "تولیدکننده کمک فنر هستیم")
    assert found.visible_text.startswith(POINTER + "\n\n🔎 ") and "AUT-008" in found.visible_text
    assert buttons(found)[0] == "🏭 ساختن پروفایل"

    # The button starts the profile below the results, which stay (a blind trial lost them to step 1).
    mark = fake.mark(maker.id)
    fake.press_button(maker, found, "ساختن پروفایل")
    question = fake.wait_for_message(maker.id, after=mark, contains="گام ۱ از ۱۱")
    assert question.message_id != found.message_id and "نام شرکت" in question.visible_text

    # No unmet demand: not in the log, the report, nor the admins' /demand.
    with Session(engine) as session:
        logged = session.exec(select(SearchLog.query, SearchLog.matched).where(col(SearchLog.user_id) == maker.id)).all()
    assert [(query, matched) for query, matched in logged] == [("تولیدکننده کمک فنر هستیم", True)]
    report = run_cli("report", "demand", "--json", env={k: v for k, v in bot.env.items() if k != "TELEGRAM_BOT_TOKEN"}, cwd=tmp_path)
    assert report.stdout.strip() == ""
    demand = say(fake, ADMIN, "/demand").visible_text
    assert "تراشکاری" not in demand and "قطعات صنعتی" not in demand
