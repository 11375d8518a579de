"""/subscribe, /alert, /mysubs, /pause, /resume, /unsubscribe and /digest_now, through the real Application."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update
from sqlmodel import select

from bot.services import catalog
from bot.store.models import Alert, Digest, DigestStatus, Frequency, ListingWatch, SearchLog, SectorSubscription, Subscriber, utcnow
from bot.telegram.offline import OfflineCall

from .conftest import ADMIN, INVESTOR, PERSIAN, Chat, texts


def markup(calls: list[OfflineCall], method: str | None = None) -> list[tuple[str, str]]:
    """(label, callback data) of the buttons of the last message sent or edited."""
    found = [c for c in calls if c.method in ((method,) if method else ("sendMessage", "editMessageText"))]
    keyboard: dict[str, Any] = found[-1].params.get("reply_markup") or {"inline_keyboard": []}
    return [(b["text"], b["callback_data"]) for row in keyboard["inline_keyboard"] for b in row]


def data_of(buttons: list[tuple[str, str]], label_part: str) -> str:
    (data,) = [data for label, data in buttons if label_part in label]
    return data


def toast(calls: list[OfflineCall]) -> str | None:
    return next(c.params.get("text") for c in calls if c.method == "answerCallbackQuery")


async def test_subscribe_through_the_keyboards_writes_once_at_the_end(chat: Chat) -> None:
    buttons = markup(await chat.send("/subscribe"))
    assert ("▫️ Automotive", data_of(buttons, "Automotive")) in buttons
    buttons = markup(await chat.press(data_of(buttons, "Automotive")), "editMessageText")
    assert any(label == "✅ Automotive" for label, _ in buttons)
    buttons = markup(await chat.press(data_of(buttons, "Rail")), "editMessageText")
    with chat.session() as session:
        assert session.get(Subscriber, INVESTOR) is None  # nothing is written before the last tap
    calls = await chat.press(data_of(buttons, "Done"))
    assert "Automotive, Rail" in texts(calls, "editMessageText")[0]
    buttons = markup(await chat.press(data_of(markup(calls), "week")), "editMessageText")
    assert [label for label, _ in buttons][0] == "Monday"
    buttons = markup(await chat.press(data_of(buttons, "Saturday")), "editMessageText")
    assert len(buttons) == 24
    (done,) = texts(await chat.press(data_of(buttons, "18:00")), "editMessageText")
    assert "Saturday at 18:00 (Tehran time)" in done
    with chat.session() as session:
        subscriber = session.get(Subscriber, INVESTOR)
        assert subscriber is not None
        assert (subscriber.frequency, subscriber.weekday, subscriber.hour) == (Frequency.WEEKLY, 5, 18)
        assert sorted(s.sector for s in session.exec(select(SectorSubscription))) == ["automotive", "rail"]
    # /subscribe again shows the current choice ticked.
    buttons = markup(await chat.send("/subscribe"))
    assert ("✅ Rail", data_of(buttons, "Rail")) in buttons


async def test_done_without_sectors_asks_for_one(chat: Chat) -> None:
    buttons = markup(await chat.send("/subscribe"))
    calls = await chat.press(data_of(buttons, "Done"))
    assert toast(calls) == "Tick at least one sector first (or watch for a product with /alert)."
    assert texts(calls, "editMessageText") == []


async def test_instant_subscription_in_persian(chat: Chat) -> None:
    buttons = markup(await chat.send("/subscribe", user=PERSIAN, language="fa"))
    assert buttons[-1][0] == "تمام ⬅️"
    buttons = markup(await chat.press(data_of(buttons, "خودرو"), user=PERSIAN, language="fa"), "editMessageText")
    buttons = markup(await chat.press(data_of(buttons, "تمام"), user=PERSIAN, language="fa"), "editMessageText")
    (done,) = texts(await chat.press(data_of(buttons, "همان لحظه"), user=PERSIAN, language="fa"), "editMessageText")
    assert "به محض ثبت کالای تازه" in done


async def test_stale_subscribe_keyboards_expire(chat: Chat) -> None:
    for data in ("st:ffffffff:3", "st:1:40", "sh:10000:d:0:9"):
        assert toast(await chat.press(data)) == "This button has expired. Please search again."


async def test_alert_command_and_usage(chat: Chat) -> None:
    assert texts(await chat.send("/alert"))[0].startswith("Send /alert followed by")
    (saved,) = texts(await chat.send("/alert valve -ball"))
    assert "Alert saved:</b> valve (leaving out: ball)" in saved and "every Saturday" not in saved
    assert "every day at 09:00" in saved
    (again,) = texts(await chat.send("/alert Valve -ball"))
    assert again.startswith("🔔 You already have this alert")
    assert texts(await chat.send("/alert -ball")) == [texts(await chat.send("/alert"))[0]]


async def test_alert_me_about_similar_from_results_and_cards(chat: Chat) -> None:
    results = await chat.send("brake pads")
    data = data_of(markup(results), "Alert me about similar")
    with chat.session() as session:
        search_id = session.exec(select(SearchLog.id)).one()
    assert data == f"as:{search_id}"
    (saved,) = texts(await chat.press(data))
    assert "Alert saved:</b> brake pads" in saved
    card = await chat.press("p:AUT-005")
    (saved,) = texts(await chat.press(data_of(markup(card, "editMessageText"), "Alert me about similar")))
    assert "Gasoline fuel injector" in saved
    with chat.session() as session:
        assert [a.query for a in session.exec(select(Alert))] == ["brake pads", "Gasoline fuel injector"]


@pytest.mark.parametrize(("language", "user", "saved", "listed", "forget"), [
    ("en", INVESTOR, "🔔 <b>I will tell you if AUT-002 reopens.</b>", "• AUT-002 · Brake pad set — 🔵 awarded", "🗑 Stop waiting: AUT-002"),
    ("fa", PERSIAN, "🔔 <b>اگر AUT-002 دوباره باز شد، خبرتان می‌کنم.</b>", "• AUT-002 · لنت ترمز دیسکی — 🔵 واگذار شده", "🗑 دیگر منتظر نیستم: AUT-002"),
])
async def test_tell_me_if_it_reopens_watches_that_listing_and_mysubs_can_remove_it(
    chat: Chat, language: str, user: int, saved: str, listed: str, forget: str
) -> None:
    (confirmation,) = texts(await chat.press("ap:AUT-002", user=user, language=language))  # AUT-002 is awarded
    assert confirmation.startswith(saved)
    with chat.session() as session:
        assert [(w.user_id, w.product_code) for w in session.exec(select(ListingWatch))] == [(user, "AUT-002")]
        assert session.exec(select(Alert)).all() == []  # not an alert on its name
    (overview,) = texts(await chat.send("/mysubs", user=user, language=language))
    assert listed in overview
    calls = await chat.press("mw:AUT-002", user=user, language=language)
    assert "AUT-002" not in texts(calls, "editMessageText")[0]
    with chat.session() as session:
        assert session.exec(select(ListingWatch)).all() == []
    assert "expired" in (toast(await chat.press("mw:AUT-002")) or "")  # already gone
    # On an open listing the same bell is "Alert me about similar", as before.
    (alert,) = texts(await chat.press("ap:AUT-005", user=user, language=language))
    assert "AUT-005" not in alert and ("Alert saved" in alert or "هشدار ثبت شد" in alert)


async def test_mysubs_mute_resume_delete(chat: Chat) -> None:
    assert texts(await chat.send("/mysubs")) == ["You have no subscriptions. /subscribe to choose sectors, or /alert to watch for a product."]
    await chat.send("/alert valve")
    buttons = markup(await chat.press(data_of(markup(await chat.send("/subscribe")), "Automotive")), "editMessageText")
    buttons = markup(await chat.press(data_of(buttons, "Done")), "editMessageText")
    await chat.press(data_of(buttons, "As soon"))
    calls = await chat.send("/mysubs")
    assert "🟢 Active" in texts(calls)[0] and "Automotive" in texts(calls)[0] and "valve" in texts(calls)[0]
    calls = await chat.press(data_of(markup(calls), "Mute Automotive"))
    assert toast(calls) == "Muted." and "Automotive — 🔕 muted" in texts(calls, "editMessageText")[0]
    calls = await chat.press(data_of(markup(calls, "editMessageText"), "Resume Automotive"))
    assert "muted" not in texts(calls, "editMessageText")[0]
    alert_row = [b for b in markup(calls, "editMessageText") if b[1].startswith("ma:x:")]
    calls = await chat.press(alert_row[0][1])  # "Delete" asks first and deletes nothing
    assert texts(calls, "editMessageText") == ["🗑 Delete the alert <b>valve</b>?"]
    with chat.session() as session:
        assert [a.query for a in session.exec(select(Alert))] == ["valve"]
    calls = await chat.press(data_of(markup(calls, "editMessageText"), "Yes, delete"))
    assert toast(calls) == "Deleted." and "valve" not in texts(calls, "editMessageText")[0]
    assert toast(await chat.press(alert_row[0][1])) == "This button has expired. Please search again."
    calls = await chat.press(data_of(markup(calls, "editMessageText"), "Pause all"))
    assert "⏸ Paused" in texts(calls, "editMessageText")[0]
    calls = await chat.press(data_of(markup(calls, "editMessageText"), "Resume"))
    assert "🟢 Active" in texts(calls, "editMessageText")[0] and toast(calls).startswith("▶️ Digests resumed.")  # type: ignore[union-attr]
    calls = await chat.press(data_of(markup(calls, "editMessageText"), "Unsubscribe from everything"))
    assert texts(calls, "editMessageText")[0].startswith("🛑 <b>Unsubscribe from everything?</b>")
    calls = await chat.press(data_of(markup(calls, "editMessageText"), "Yes, unsubscribe"))
    assert texts(calls, "editMessageText")[0].startswith("🛑 Unsubscribed.")


async def test_pause_resume_unsubscribe_commands(chat: Chat) -> None:
    assert texts(await chat.send("/pause"))[0].startswith("You are not subscribed.")
    assert texts(await chat.send("/resume")) == ["You have no sectors or alerts to resume. /subscribe to choose sectors."]
    await chat.send("/alert valve")
    assert texts(await chat.send("/pause"))[0].startswith("⏸ Digests paused.")
    assert texts(await chat.send("/resume"))[0].startswith("▶️ Digests resumed. A digest every day at 09:00")
    calls = await chat.send("/unsubscribe")
    assert texts(calls)[0].startswith("🛑 <b>Unsubscribe from everything?</b>")
    calls = await chat.press(data_of(markup(calls), "Yes, unsubscribe"))
    assert texts(calls, "editMessageText")[0].startswith("🛑 Unsubscribed.")
    assert texts(await chat.send("/unsubscribe"))[0].startswith("You are not subscribed.")


async def test_menu_and_help_list_the_subscription_commands(chat: Chat) -> None:
    (english,) = [c for c in chat.request.messages("setMyCommands") if c.params.get("language_code") is None]
    names = [c["command"] for c in english.params["commands"]]
    assert {"subscribe", "alert", "mysubs", "pause", "resume", "unsubscribe"} <= set(names) and "digest_now" not in names
    (help_text,) = texts(await chat.send("/help"))
    assert "/subscribe" in help_text and "/unsubscribe" in help_text and "/alert" in help_text


async def test_digest_now_is_for_admins_and_delivers(chat: Chat) -> None:
    assert texts(await chat.send("/digest_now")) == ["This command is not available."]
    await chat.send("/alert brake pads")
    before_the_listing = utcnow() - timedelta(seconds=1)  # taken first: a slow import must not move it past the listing
    with chat.session() as session:
        catalog.import_products(
            "code,name_en,name_fa,aliases,hs_code,sector,annual_import_usd,status,description\n"
            "AUT-900,Ceramic brake pads,لنت ترمز سرامیکی,,870830,automotive,5000000,open,\n",
            session=session,
        )
        session.connection().execute(update(Subscriber).values(cursor=before_the_listing))
        session.commit()
    calls = await chat.send("/digest_now", user=ADMIN)
    (digest,) = texts(calls, chat=INVESTOR)
    assert 'start=p_AUT-900">AUT-900</a> · Ceramic brake pads' in digest and "🔔 brake pads" in digest
    (report,) = texts(calls, chat=ADMIN)
    assert "1 planned · 1 sent (1 message)" in report
    with chat.session() as session:
        (row,) = session.exec(select(Digest))
        assert row.status == DigestStatus.SENT and row.trigger == "manual"
    assert texts(await chat.send("/digest_now", user=ADMIN), chat=INVESTOR) == []
