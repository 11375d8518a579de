"""Standing requests through the real Application: the button under a search nothing answered, /requests, the notice
a listing added with /addproduct sends (once), and the counts in /demand, in English and Persian."""

from __future__ import annotations

from sqlmodel import select

from bot.services.demand import demand_groups
from bot.store.models import Digest, DigestStatus, RequestStatus, SearchLog, StandingRequest

from .conftest import ADMIN, INVESTOR, PERSIAN, Chat, buttons, texts, toasts

EXPIRED = "This button has expired. Please search again."
BICYCLE = "/addproduct\ncode: AUT-090\nname_en: Bicycle\nname_fa: دوچرخه\nhs_code: 8712.00\nsector: automotive"


def tell_me(calls: list) -> str:  # type: ignore[type-arg]
    """The data of the "tell me" button of the last message sent."""
    sent = [call for call in calls if call.method == "sendMessage"]
    (data,) = [data for label, data in buttons(sent[-1]) if data.startswith("rqt:")]
    return data


async def test_tell_me_under_nothing_found_only_the_searcher_once_and_cancel(chat: Chat) -> None:
    calls = await chat.send("bicycle")
    (reply,) = texts(calls)
    assert "I found no listing for “bicycle”" in reply
    sent = [call for call in calls if call.method == "sendMessage"][-1]
    assert buttons(sent)[0] == ("🔔 Tell me when something like this is listed", tell_me(calls))
    data = tell_me(calls)
    assert toasts(await chat.press(data, user=PERSIAN, language="fa")) == ["این دکمه منقضی شده است. لطفاً دوباره جستجو کنید."]
    (saved,) = texts(await chat.press(data))
    assert saved.startswith("🔔 Saved. When a listing like “bicycle” is added, I will tell you here, once.")
    again = await chat.press(data)
    assert texts(again) == [] and toasts(again) == ["You already asked about “bicycle”: you will be told once when something like it is listed."]
    # A search that found listings offers no request, and a forged one for it is refused.
    found = await chat.send("engine control unit")
    assert not any(data.startswith("rqt:") for call in found if call.method == "sendMessage" for _, data in buttons(call))
    with chat.session() as session:
        answered = session.exec(select(SearchLog.id).where(SearchLog.query == "engine control unit")).one()
    assert toasts(await chat.press(f"rqt:{answered}")) == [EXPIRED]
    calls = await chat.send("/requests")
    (listing,) = texts(calls)
    assert listing.startswith("<b>Your requests</b>, newest first.") and "1. “bicycle”: ⏳ waiting since 20" in listing
    (cancel,) = [data for label, data in buttons(calls[-1]) if label == "✖️ Cancel 1"]
    cancelled = await chat.press(cancel)
    assert toasts(cancelled) == ["Request cancelled."]
    assert texts(cancelled, "editMessageText")[0].startswith("You have no standing requests.")
    assert toasts(await chat.press(cancel)) == [EXPIRED]
    with chat.session() as session:
        assert [r.status for r in session.exec(select(StandingRequest))] == [RequestStatus.CANCELLED]


async def test_a_persian_searcher_is_told_once_with_the_card_when_an_admin_adds_the_listing(chat: Chat) -> None:
    await chat.send("/start", user=ADMIN)
    calls = await chat.send("دوچرخه", user=PERSIAN, language="fa")
    sent = [call for call in calls if call.method == "sendMessage"][-1]
    assert buttons(sent)[0][0] == "🔔 وقتی کالایی شبیه این فهرست شد خبرم کن"
    (saved,) = texts(await chat.press(tell_me(calls), user=PERSIAN, language="fa"))
    assert saved.startswith("🔔 ثبت شد. وقتی کالایی شبیه «دوچرخه» به فهرست اضافه شود، یک بار همین‌جا خبرتان می‌کنم.")
    await chat.send(BICYCLE, user=ADMIN)
    calls = await chat.send("/digest_now", user=ADMIN)
    (notice,) = texts(calls, chat=PERSIAN)
    assert notice.startswith("🔔 کالایی شبیه «دوچرخه» به فهرست اضافه شد. خواسته بودید خبرتان کنیم:")
    assert "<b>AUT-090</b> · دوچرخه\n<i>Bicycle</i>" in notice
    (message,) = [call for call in calls if call.method == "sendMessage" and call.params["chat_id"] == PERSIAN]
    assert buttons(message)[:2] == [("✋ علاقه‌مندم", "i:AUT-090"), ("🔔 از موارد مشابه خبرم کن", "ap:AUT-090")]
    assert texts(await chat.send("/digest_now", user=ADMIN), chat=PERSIAN) == []
    with chat.session() as session:
        (row,) = session.exec(select(Digest).where(Digest.trigger == "request"))
        assert row.status == DigestStatus.SENT
        (request,) = session.exec(select(StandingRequest))
        assert request.status == RequestStatus.FULFILLED and request.told_at is not None
    calls = await chat.send("/requests", user=PERSIAN, language="fa")
    (listing,) = texts(calls)
    assert "۱. «دوچرخه»: ✅ فهرست شد در " in listing and "AUT-090 · دوچرخه" in listing
    assert ("📄 ۱. دیدن AUT-090", "p:AUT-090") in buttons(calls[-1])
    # The need's group counts the request, the notice and (after "I'm interested") the interest; /demand, which lists
    # only what the catalog does not answer, names it found by the new listing.
    await chat.press("i:AUT-090", user=PERSIAN, language="fa")
    (demand,) = texts(await chat.send("/demand", user=ADMIN), chat=ADMIN)
    assert "دوچرخه → now found: AUT-090" in demand
    with chat.session() as session:
        (group,) = [group for group in demand_groups(session=session) if group.key == "دوچرخه"]
    assert (group.requests, group.told, group.interested) == (1, 1, 1)


async def test_menu_and_help_list_requests_in_both_languages(chat: Chat) -> None:
    menus = {c.params.get("language_code"): c.params["commands"] for c in chat.request.messages("setMyCommands")}
    assert {"command": "requests", "description": "Your “tell me when listed” requests"} in menus[None]
    assert {"command": "requests", "description": "درخواست‌های «خبرم کن» شما"} in menus["fa"]
    (english,) = texts(await chat.send("/help"))
    assert "/requests — your “tell me when listed” requests: see or cancel each" in english
    (persian,) = texts(await chat.send("/help", user=PERSIAN, language="fa"))
    assert "/requests — درخواست‌های «خبرم کن»: دیدن یا لغو هر کدام" in persian
    assert texts(await chat.send("/requests", user=INVESTOR)) == [
        "You have no standing requests. When a search finds nothing, tap “Tell me when something like this is listed” under its answer."
    ]


async def test_tell_me_is_offered_under_did_you_mean_too(chat: Chat) -> None:
    calls = await chat.send("hydraulic")
    (reply,) = texts(calls)
    assert reply.startswith("🤔 I am not sure I understood “hydraulic”.")
    sent = [call for call in calls if call.method == "sendMessage"][-1]
    assert [label for label, _ in buttons(sent)][-2:] == ["✖️ None of these", "🔔 Tell me when something like this is listed"]
    (saved,) = texts(await chat.press(tell_me(calls)))
    assert saved.startswith("🔔 Saved. When a listing like “hydraulic” is added")
