"""A search that admits doubt: "Did you mean…?" with "None of these", "Not what I was looking for" under
confident results, and "nothing fits" with the next steps; the feedback stored once, by the searcher only."""

from __future__ import annotations

from sqlmodel import select

from bot.store.models import SearchFeedback, SearchLog

from .conftest import ADMIN, INVESTOR, PERSIAN, Chat, texts
from .test_subscription_handlers import data_of, markup, toast

ATTACKER = 777


def logged(chat: Chat, query: str) -> SearchLog:
    with chat.session() as session:
        return session.exec(select(SearchLog).where(SearchLog.query == query)).one()


async def test_suggestions_only_are_offered_as_did_you_mean_and_each_card_leads_back(chat: Chat) -> None:
    calls = await chat.send("hydraulic")
    (text,) = texts(calls)
    assert text.startswith("🤔 I am not sure I understood “hydraulic”. Did you mean one of these?")
    assert "Results for" not in text and "match " not in text  # no confident results, no scores
    search = logged(chat, "hydraulic")
    assert (search.matched, search.related_shown, search.feedback) == (False, True, None)
    buttons = markup(calls)
    suggestions = [(label, data) for label, data in buttons if data.startswith("ps:")]
    assert 1 < len(suggestions) <= 5
    assert suggestions[0][0].startswith("1. ") and all(data.endswith(f":{search.id}") for _, data in suggestions)
    assert all(code in text for code in (data.split(":")[1] for _, data in suggestions))
    assert buttons[-2:] == [("✖️ None of these", f"fbn:{search.id}"), ("🔔 Tell me when something like this is listed", f"rqt:{search.id}")]
    assert not any(data.startswith("fbw:") for _, data in buttons)

    card = await chat.press(suggestions[0][1])
    (shown,) = texts(card, "editMessageText")
    assert shown.startswith(f"<b>{suggestions[0][1].split(':')[1]}</b> · ")
    back = data_of(markup(card, "editMessageText"), "Back to the suggestions")
    assert back == f"s:{search.id}:0"
    (again,) = texts(await chat.press(back), "editMessageText")
    assert again == text


async def test_persian_suggestions_in_persian_words_and_digits(chat: Chat) -> None:
    calls = await chat.send("هیدرولیک", user=PERSIAN, language="fa")
    (text,) = texts(calls)
    assert text.startswith("🤔 مطمئن نیستم منظورتان از «هیدرولیک» را درست فهمیده باشم. منظورتان یکی از این‌هاست؟")
    buttons = markup(calls)
    assert buttons[0][0].startswith("۱. ") and "\n\n۱. <b>" in text
    assert [label for label, _ in buttons[-2:]] == ["✖️ هیچ‌کدام از این‌ها نیست", "🔔 وقتی کالایی شبیه این فهرست شد خبرم کن"]
    card = await chat.press(buttons[0][1], user=PERSIAN, language="fa")
    assert data_of(markup(card, "editMessageText"), "بازگشت به پیشنهادها").startswith("s:")


async def test_none_of_these_is_stored_once_and_answered_with_next_steps(chat: Chat) -> None:
    none_of_these = data_of(markup(await chat.send("gear")), "None of these")
    calls = await chat.press(none_of_these)
    (thanks,) = texts(calls)  # a new message: the suggestions stay in view
    assert thanks.startswith("🙏 Thank you, noted. What you were looking for is counted among the needs")
    assert "To search again, try:" in thanks and "8413.70" in thanks
    labels = [label for label, _ in markup(calls)]
    assert "Automotive" in labels and "Oil & gas" in labels
    first = logged(chat, "gear")
    # The next step first: to be told when something like it is listed, asked for that same search.
    assert markup(calls)[0] == ("🔔 Tell me when something like this is listed", f"rqt:{first.id}")
    (saved,) = texts(await chat.press(f"rqt:{first.id}"))
    assert saved.startswith("🔔 Saved. When a listing like “gear” is added")
    assert first.feedback == SearchFeedback.NONE_OF_THESE and first.feedback_at is not None

    again = await chat.press(none_of_these)
    assert texts(again) == [] and toast(again) == "Already noted, thank you."
    assert logged(chat, "gear").feedback_at == first.feedback_at


async def test_not_what_i_was_looking_for_under_confident_results(chat: Chat) -> None:
    calls = await chat.send("brake pads", user=PERSIAN, language="fa")
    search = logged(chat, "brake pads")
    buttons = markup(calls)
    assert ("دنبال این‌ها نبودم", f"fbw:{search.id}") in buttons
    assert not any(data.startswith("fbn:") for _, data in buttons)
    pressed = await chat.press(f"fbw:{search.id}", user=PERSIAN, language="fa")
    (thanks,) = texts(pressed)
    assert thanks.startswith("🙏 ممنون، ثبت شد. کارشناسان برنامه جستجوهایی مثل جستجوی شما را بررسی می‌کنند")
    assert "برای جستجوی دوباره امتحان کنید:" in thanks
    assert logged(chat, "brake pads").feedback == SearchFeedback.NOT_WHAT_I_WANTED
    assert toast(await chat.press(f"fbw:{search.id}", user=PERSIAN, language="fa")) == "قبلاً ثبت شده بود؛ ممنون."


async def test_nothing_fits_offers_the_next_steps_without_feedback_buttons(chat: Chat) -> None:
    calls = await chat.send("wedding dresses")
    (text,) = texts(calls)
    assert text.startswith("I found no listing for “wedding dresses”.") and "Your request is recorded" in text
    data = [data for _, data in markup(calls)]
    search = logged(chat, "wedding dresses")
    assert data[0] == f"rqt:{search.id}" and data[1:] and all(d.startswith("c:") for d in data[1:])  # "tell me when", then sectors
    assert (search.matched, search.related_shown) == (False, False)
    # No feedback was offered for it, so none is taken.
    assert toast(await chat.press(f"fbn:{search.id}")) == "This button has expired. Please search again."
    assert logged(chat, "wedding dresses").feedback is None


async def test_feedback_only_on_ones_own_search_and_only_where_it_was_offered(chat: Chat) -> None:
    await chat.send("hydraulic")
    await chat.send("brake pads")
    pump, brake = logged(chat, "hydraulic"), logged(chat, "brake pads")
    for data in (f"fbn:{pump.id}", f"fbw:{brake.id}"):
        calls = await chat.press(data, user=ATTACKER)
        assert texts(calls) == [] and toast(calls) == "This button has expired. Please search again."
    # The searcher's own, but not the answer that button goes under.
    for data in (f"fbw:{pump.id}", f"fbn:{brake.id}"):
        assert toast(await chat.press(data, user=INVESTOR)) == "This button has expired. Please search again."
    assert (logged(chat, "hydraulic").feedback, logged(chat, "brake pads").feedback) == (None, None)
    # Someone else's suggestion opens its card (listings are public) but never leads into the search.
    card = await chat.press(f"ps:MCH-006:{pump.id}", user=ATTACKER)
    assert not any(data.startswith("s:") for _, data in markup(card, "editMessageText"))


async def test_stats_show_how_searches_were_answered_and_the_feedback_rates(chat: Chat) -> None:
    for query in ("brake pads", "hydraulic", "gear", "wedding dresses"):
        await chat.send(query)
    await chat.press(f"fbn:{logged(chat, 'hydraulic').id}")
    await chat.press(f"fbw:{logged(chat, 'brake pads').id}")
    await chat.press(f"fbw:{logged(chat, 'brake pads').id}")  # counted once
    (figures,) = texts(await chat.send("/stats", user=ADMIN))
    assert "🎯 <b>How searches were answered</b>\n7 days: confident match 25% · only suggestions 50% · nothing 25%" in figures
    assert "“None of these”: 1 of 2 (50%) · “Not what I was looking for”: 1 of 1 (100%)" in figures
    assert "30 days: confident match 25%" in figures
    # Suggestions only is still unmet demand.
    assert "🔎 <b>Searches:</b> 4 in 7 days (3 unanswered)" in figures
    await chat.press("lang:fa", user=ADMIN)
    (persian,) = texts(await chat.send("/stats", user=ADMIN))
    assert "🎯 <b>پاسخ جستجوها</b>\n۷ روز: پاسخ مطمئن ۲۵٪ · فقط پیشنهاد ۵۰٪ · هیچ ۲۵٪" in persian
    assert "«هیچ‌کدام از این‌ها نیست»: ۱ از ۲ (۵۰٪) · «دنبال این‌ها نبودم»: ۱ از ۱ (۱۰۰٪)" in persian
