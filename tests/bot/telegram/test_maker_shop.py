"""A manufacturer's message that names no listing (issue 14), in chat: the pointer to /profile, then what a shop like
theirs could make (the reasons /opportunities gives, buttons opening the cards), the "Build my profile" button kept
first; the pointer alone when the message names no process or material; nothing logged as demand."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from bot.store.models import ManufacturerProfile, SearchLog

from .conftest import INVESTOR, PERSIAN, Chat, buttons

USERS = {"en": INVESTOR, "fa": PERSIAN}
POINTER = {"en": "It looks like you are a manufacturer. Tell me what you make with /profile",
           "fa": "به نظر می‌رسد شما تولیدکننده‌اید. با /profile بگویید چه می‌سازید"}
HEADER = {"en": "🏭 <b>Listings a shop like yours could make</b>", "fa": "🏭 <b>کالاهایی که کارگاهی مثل شما می‌تواند بسازد</b>"}
BUILD = {"en": "🏭 Build my profile", "fa": "🏭 ساختن پروفایل"}
BACK = {"en": "« Back to the list", "fa": "▶️ بازگشت به فهرست"}
# The reason /opportunities shows a machining profile, in the reader's language.
MACHINED = {"en": "You machine parts", "fa": "شما ماشین‌کاری می‌کنید"}


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "we have a machine shop and want to make parts"), ("fa", "کارگاه تراشکاری و جوشکاری داریم، میخوایم قطعه بسازیم")],
)
async def test_a_shop_naming_no_listing_is_shown_what_it_could_make(chat: Chat, language: str, message: str) -> None:
    user = USERS[language]
    (call,) = [c for c in await chat.send(message, user=user, language=language) if c.method == "sendMessage"]
    text = str(call.params["text"])
    assert text.startswith(POINTER[language]), text
    head, _, listed = text.partition("\n\n" + HEADER[language])
    assert listed, text
    # Not the machinery or automotive sector's list its search gave, at "match 100%".
    assert "MCH-003" not in text and "AUT-003" not in text and "AUT-001" not in text and "%" not in text
    assert MACHINED[language] in listed and listed.count("💡") == 5
    labels = [label for label, _ in buttons(call)]
    assert labels[0] == BUILD[language] and len(labels) == 6
    # Each listing's button opens its card, whose last button leads back to the list (a blind trial found no way back).
    code = re.findall(r"[A-Z]{3}-\d{3}", labels[1])[0]  # after a status when the listing is not open
    (card,) = [c for c in await chat.press(buttons(call)[1][1], user=user, language=language) if c.method == "editMessageText"]
    assert code in str(card.params["text"]).split("\n")[0]
    back_label, back = buttons(card)[-1]
    assert back_label == BACK[language]
    (again,) = [c for c in await chat.press(back, user=user, language=language) if c.method == "editMessageText"]
    assert str(again.params["text"]) == HEADER[language] + listed
    assert buttons(again) == buttons(call)[1:]
    with chat.session() as session:
        assert session.exec(select(SearchLog)).all() == []
        assert session.exec(select(ManufacturerProfile).where(ManufacturerProfile.user_id == user)).all() == []
    # The kept button still builds the profile.
    (question,) = [c for c in await chat.press(buttons(call)[0][1], user=user, language=language) if c.method == "sendMessage"]
    assert str(question.params["text"]).startswith("<i>گام ۱ از ۱۱</i>" if language == "fa" else "<i>Step 1 of 11</i>")


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "we have a factory and want to make something"), ("fa", "یه کارخانه داریم، میخوایم یه چیزی بسازیم")],
)
async def test_a_maker_naming_no_process_nor_material_gets_the_pointer_alone(chat: Chat, language: str, message: str) -> None:
    (call,) = [c for c in await chat.send(message, user=USERS[language], language=language) if c.method == "sendMessage"]
    text = str(call.params["text"])
    assert text.startswith(POINTER[language]) and "\n\n" not in text, text
    assert [label for label, _ in buttons(call)] == [BUILD[language]]
    with chat.session() as session:
        assert session.exec(select(SearchLog)).all() == []
