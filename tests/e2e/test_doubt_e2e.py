"""A search that admits doubt, through the real bot process and the fake Bot API: "Did you mean…?" with
"None of these", "Not what I was looking for" under confident results, "nothing fits" with the next steps,
the feedback stored once with the search and counted in /stats."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from bot.store.db import make_engine
from bot.store.models import SearchFeedback, SearchLog

from .conftest import ADMIN, Users, buttons, say
from .fake_bot_api import FakeBotApi, FakeUser, SentMessage
from .test_conversations import Check, answer_of, check, tap, tap_for_toast  # noqa: F401  (check: a fixture)

pytestmark = pytest.mark.e2e


def feedback_of(database_url: str, user: FakeUser) -> list[tuple[str, bool, bool, SearchFeedback | None]]:
    """(query, matched, related shown, feedback) of the user's searches, oldest first."""
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            rows = session.exec(select(SearchLog.query, SearchLog.matched, SearchLog.related_shown, SearchLog.feedback)
                                .where(SearchLog.user_id == user.id).order_by(col(SearchLog.id))).all()
            return [tuple(row) for row in rows]  # type: ignore[misc]
    finally:
        engine.dispose()


def thanks_for(fake: FakeBotApi, user: FakeUser, message: SentMessage, label: str) -> SentMessage:
    """Press a feedback button: it answers with a new message (what it was pressed under stays in view)."""
    mark = fake.mark(user.id)
    answer_of(fake, fake.press_button(user, message, label))
    thanks = fake.wait_for_message(user.id, after=mark)
    assert thanks.message_id != message.message_id and thanks.edits == 0
    return thanks


@pytest.mark.also_postgres
def test_doubt_is_said_offered_and_the_searchers_word_is_stored_and_counted(
    fake: FakeBotApi, users: Users, check: Check, e2e_database_url: str
) -> None:
    english, persian = users.new("en"), users.new("fa")

    # Only related suggestions: said plainly, each a button opening its card, which leads back to them.
    # ("pump" now lists its family as results: several listings are pumps.)
    doubt = say(fake, english, "hydraulic")
    assert doubt.visible_text.startswith("🤔 I am not sure I understood “hydraulic”. Did you mean one of these?")
    labels = buttons(doubt)
    assert labels[0].startswith("1. ") and labels[-2:] == ["✖️ None of these", "🔔 Tell me when something like this is listed"]
    assert 3 <= len(labels) <= 7
    code = labels[0].split(" ")[1]
    assert f"1. {code} · " in doubt.visible_text and "match " not in doubt.visible_text
    _, card = tap(fake, english, doubt, labels[0])
    assert card.visible_text.startswith(f"{code} · ")
    _, back = tap(fake, english, card, "Back to the suggestions")
    assert back.visible_text == doubt.visible_text and buttons(back) == labels

    # "None of these": thanks and the next steps; a second tap is only "noted".
    thanks = thanks_for(fake, english, back, "None of these")
    assert thanks.visible_text.startswith("🙏 Thank you, noted. What you were looking for is counted among the needs")
    assert "To search again, try:" in thanks.visible_text and {"Automotive", "Oil & gas"} <= set(buttons(thanks))
    assert tap_for_toast(fake, english, back, label="None of these") == "Already noted, thank you."

    # Confident results in Persian carry a quiet "Not what I was looking for".
    results = say(fake, persian, "لنت ترمز")
    assert results.visible_text.startswith("🔎 نتایج «لنت ترمز»")
    assert "دنبال این‌ها نبودم" in buttons(results) and "✖️ هیچ‌کدام از این‌ها نیست" not in buttons(results)
    thanks = thanks_for(fake, persian, results, "دنبال این‌ها نبودم")
    assert thanks.visible_text.startswith("🙏 ممنون، ثبت شد. کارشناسان برنامه جستجوهایی مثل جستجوی شما را بررسی می‌کنند")
    assert "برای جستجوی دوباره امتحان کنید:" in thanks.visible_text and "خودرو" in buttons(thanks)

    # Neither: nothing fits, with the next steps and no feedback button.
    nothing = say(fake, persian, "لباس عروس")
    assert nothing.visible_text.startswith("برای «لباس عروس» کالایی پیدا نکردم.")
    assert "خودرو" in buttons(nothing) and not any("هیچ‌کدام" in label or "نبودم" in label for label in buttons(nothing))

    # A forged feedback on someone else's search is refused and changes nothing.
    stranger = users.new("en")
    forged_on = say(fake, stranger, "brake pads")
    assert tap_for_toast(fake, stranger, forged_on, data=(doubt.buttons()[-1][1] or "")) == "This button has expired. Please search again."

    assert feedback_of(e2e_database_url, english) == [("hydraulic", False, True, SearchFeedback.NONE_OF_THESE)]
    assert feedback_of(e2e_database_url, persian) == [
        ("لنت ترمز", True, False, SearchFeedback.NOT_WHAT_I_WANTED), ("لباس عروس", False, False, None)]

    # /stats: how the module's four searches were answered, and the feedback rates.
    figures = say(fake, ADMIN, "/stats", contains="How searches were answered").visible_text
    assert "7 days: confident match 50% · only suggestions 25% · nothing 25%" in figures
    assert "“None of these”: 1 of 1 (100%) · “Not what I was looking for”: 1 of 2 (50%)" in figures
    check.done()
