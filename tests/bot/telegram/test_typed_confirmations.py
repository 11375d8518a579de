"""A yes or no typed while a question answered by its buttons waits (issue 14, a blind user trial typed «بله», "yes",
"are", «نه» at them): never searched nor logged as demand; a yes is asked to tap the button, a no changes nothing.
Every such question of the bot is covered: /unsubscribe, /mysubs's deletes of a sector and of an alert, /myleads's
withdrawal, an introduction's "Yes, ask them" and an import's Apply / Cancel (the profile's deletion has its own)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from sqlmodel import func, select

from bot.services.catalog_csv import REQUIRED_COLUMNS
from bot.store.models import Alert, Lead, PendingImport, SearchLog, Subscriber
from bot.telegram.features.subscriptions.buttons import ChangeAlert, ChangeSector
from bot.telegram.offline import OfflineCall

from .conftest import ADMIN, Chat, buttons, texts
from .test_introductions import MAKER, add_maker

ASKER = 701
YES = {"en": "👆 If you are sure, tap the confirming button under my question above: typing “{}” does not do it.",
       "fa": "👆 اگر مطمئنید، دکمهٔ تأیید زیر پرسش بالا را بزنید: با نوشتن «{}» کاری انجام نمی‌شود."}
NO = {"en": "👌 Nothing was changed.", "fa": "👌 باشه، چیزی تغییر نکرد."}


def searches(chat: Chat) -> int:
    with chat.session() as session:
        return session.exec(select(func.count()).select_from(SearchLog)).one()


def shown(calls: list[OfflineCall]) -> list[tuple[str, str]]:
    """The buttons of what the bot sent or edited."""
    return [button for call in calls if call.method in ("sendMessage", "editMessageText") for button in buttons(call)]


async def unsubscribe(chat: Chat, user: int, language: str) -> list[OfflineCall]:
    await chat.send("/alert valve", user=user, language=language)
    return await chat.send("/unsubscribe", user=user, language=language)


async def delete_sector(chat: Chat, user: int, language: str) -> list[OfflineCall]:
    picker = shown(await chat.send("/subscribe", user=user, language=language))
    ticked = shown(await chat.press(next(data for label, data in picker if "Automotive" in label or "خودرو" in label), user=user, language=language))
    done = shown(await chat.press(ticked[-1][1], user=user, language=language))  # Done
    await chat.press(done[0][1], user=user, language=language)  # at once
    return await chat.press(ChangeSector("x", "automotive").pack(), user=user, language=language)


async def delete_alert(chat: Chat, user: int, language: str) -> list[OfflineCall]:
    await chat.send("/alert valve", user=user, language=language)
    with chat.session() as session:
        alert = session.exec(select(Alert).where(Alert.user_id == user)).one()
    assert alert.id is not None
    return await chat.press(ChangeAlert("x", alert.id).pack(), user=user, language=language)


async def withdraw(chat: Chat, user: int, language: str) -> list[OfflineCall]:
    await chat.press("i:AUT-001", user=user, language=language)
    with chat.session() as session:
        lead = session.exec(select(Lead).where(Lead.user_id == user)).one()
    return await chat.press(f"lw:{lead.id}:0", user=user, language=language)


async def introduce(chat: Chat, user: int, language: str) -> list[OfflineCall]:
    add_maker(chat, MAKER, "Pars Gear Co")
    return await chat.press("it:MCH-007", user=user, language=language)


async def apply_import(chat: Chat, user: int, language: str) -> list[OfflineCall]:
    data = (",".join(REQUIRED_COLUMNS) + "\nIMP-9,Gate valve body,بدنه شیر کشویی,,848190,oil_gas,1,open,d\n").encode()
    return await chat.upload("catalog.csv", data, user=user, language=language, caption="/import")


Ask = Callable[[Chat, int, str], Awaitable[list[OfflineCall]]]
QUESTIONS: dict[str, tuple[Ask, int, str]] = {
    "unsubscribe": (unsubscribe, ASKER, "unsubok"),
    "delete a sector": (delete_sector, ASKER, "ms:d:automotive"),
    "delete an alert": (delete_alert, ASKER, "ma:d:"),
    "withdraw an interest": (withdraw, ASKER, "lx:"),
    "ask for introductions": (introduce, ASKER, "itc:MCH-007"),
    "apply an import": (apply_import, ADMIN, "imp:a:"),
}


async def ask(chat: Chat, question: str, language: str) -> int:
    """Show the question; the user it was asked of."""
    show, user, confirm = QUESTIONS[question]
    if language == "fa":
        await chat.press("lang:fa", user=user)
    asked = await show(chat, user, language)
    assert any(data.startswith(confirm) for _, data in shown(asked)), shown(asked)
    return user


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.parametrize("question", list(QUESTIONS))
@pytest.mark.parametrize("typed", ["بله", "yes", "are", "yes please"])
async def test_a_typed_yes_at_a_confirmation_is_asked_to_tap_never_searched(chat: Chat, question: str, language: str,
                                                                              typed: str) -> None:
    user = await ask(chat, question, language)
    before = searches(chat)
    assert texts(await chat.send(typed, user=user, language=language)) == [YES[language].format(typed)]
    assert texts(await chat.send(typed, user=user, language=language)) == [YES[language].format(typed)]  # still waits
    assert searches(chat) == before
    with chat.session() as session:  # nothing was done by the typed word
        assert session.exec(select(func.count()).select_from(PendingImport)).one() == (1 if question == "apply an import" else 0)


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.parametrize("question", list(QUESTIONS))
@pytest.mark.parametrize("typed", ["نه", "no", "na"])
async def test_a_typed_no_at_a_confirmation_changes_nothing_and_is_not_searched(chat: Chat, question: str, language: str,
                                                                                typed: str) -> None:
    user = await ask(chat, question, language)
    before = searches(chat)
    assert texts(await chat.send(typed, user=user, language=language)) == [NO[language]]
    assert searches(chat) == before
    # The question no longer waits: a second "no" is the small talk it is, still not logged.
    assert texts(await chat.send(typed, user=user, language=language)) != [NO[language]]
    assert searches(chat) == before


async def test_anything_else_typed_at_a_confirmation_is_searched_and_the_question_no_longer_waits(chat: Chat) -> None:
    user = await ask(chat, "unsubscribe", "en")
    (found,) = texts(await chat.send("no, I need brake pads", user=user))
    assert "AUT-002" in found
    assert texts(await chat.send("yes", user=user)) != [YES["en"].format("yes")]


async def test_a_tap_ends_the_wait_and_the_tapped_answer_is_done(chat: Chat) -> None:
    user = await ask(chat, "unsubscribe", "en")
    await chat.press("unsubok", user=user)
    with chat.session() as session:
        subscriber = session.get(Subscriber, user)
        assert subscriber is None or not subscriber.active
    assert texts(await chat.send("yes", user=user)) != [YES["en"].format("yes")]


async def test_a_typed_yes_with_no_question_waiting_is_small_talk(chat: Chat) -> None:
    (reply,) = texts(await chat.send("yes"))
    assert reply != YES["en"].format("yes") and searches(chat) == 0
