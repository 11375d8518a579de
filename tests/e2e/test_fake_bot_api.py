"""Tests of the fake Bot API, driven by PTB's own Bot over real HTTP.

If PTB accepts the fake's answers and raises the same exceptions as against Telegram,
the end-to-end tests that run matchbot against the fake exercise the real code paths.
"""

from __future__ import annotations

import asyncio
import io
import json
import socket
import datetime as dtm
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

import httpx
import pytest
from PIL import Image
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonCommands,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, EndPointNotFound, Forbidden, InvalidToken, NetworkError, RetryAfter

from .fake_bot_api import ApiCall, FakeBotApi, FakeUser

ALICE = FakeUser(id=42, first_name="Alice", username="alice", language_code="en")
DARIUSH = FakeUser(id=77, first_name="داریوش", username=None, language_code="fa")


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as api:
        yield api


@asynccontextmanager
async def bot_for(fake: FakeBotApi, token: str | None = None) -> AsyncIterator[Bot]:
    """An initialized PTB Bot talking to the fake, as matchbot's would."""
    bot = Bot(token or fake.token, base_url=fake.base_url, base_file_url=fake.file_url)
    async with bot:
        yield bot


async def started_chat(fake: FakeBotApi, bot: Bot, user: FakeUser) -> None:
    """Let user /start the bot and confirm the update, so the chat exists and the queue is empty."""
    fake.send_message(user, "/start")
    updates = await bot.get_updates(timeout=1)
    await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)


def retry_seconds(error: RetryAfter) -> float:
    """RetryAfter.retry_after is an int (deprecated) or a timedelta, by PTB setting."""
    retry_after = error.retry_after
    return retry_after.total_seconds() if isinstance(retry_after, dtm.timedelta) else retry_after


# PTB itself warns when building RetryAfter with int seconds; that is PTB's business, not ours.
IGNORE_RETRY_AFTER_DEPRECATION = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


KEYBOARD = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("✅ Yes", callback_data="answer:yes"), InlineKeyboardButton("No", callback_data="answer:no")],
        [InlineKeyboardButton("Docs", url="https://example.com/docs")],
    ]
)


# --------------------------------------------------------------------------- basics


@pytest.mark.asyncio
async def test_get_me_identifies_the_bot(fake: FakeBotApi) -> None:
    async with bot_for(fake) as bot:
        me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456, "matchbot_test_bot", True)
    assert fake.wait_for_call("getMe").ok
    assert fake.rejected == []


@pytest.mark.asyncio
async def test_wrong_token_is_unauthorized_and_unknown_method_not_found(fake: FakeBotApi) -> None:
    with pytest.raises(InvalidToken):
        async with bot_for(fake, token="999:WRONG"):
            pass
    async with bot_for(fake) as bot:
        with pytest.raises(EndPointNotFound):
            await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": 1})
    assert [(call.status, call.description) for call in fake.rejected] == [
        (401, "Unauthorized"),
        (404, "Not Found"),
    ]


@pytest.mark.asyncio
async def test_html_message_with_inline_keyboard_round_trips(fake: FakeBotApi) -> None:
    async with bot_for(fake) as bot:
        await started_chat(fake, bot, ALICE)
        sent = await bot.send_message(
            ALICE.id, "<b>Hi</b> Alice &amp; co &lt;3", parse_mode=ParseMode.HTML, reply_markup=KEYBOARD
        )
    assert sent.text == "Hi Alice & co <3"
    assert sent.reply_markup == KEYBOARD
    assert sent.from_user is not None and sent.from_user.username == "matchbot_test_bot"
    stored = fake.wait_for_message(ALICE.id, contains="Alice & co")
    assert stored.text == "<b>Hi</b> Alice &amp; co &lt;3"
    assert stored.visible_text == "Hi Alice & co <3"
    assert stored.parse_mode == "HTML"
    assert stored.buttons() == [
        ("✅ Yes", "answer:yes"),
        ("No", "answer:no"),
        ("Docs", "https://example.com/docs"),
    ]
    assert stored.message_id == sent.message_id == 2  # the user's /start was message 1
    assert fake.rejected == []


@pytest.mark.asyncio
async def test_json_bodies_and_query_strings_are_accepted(fake: FakeBotApi) -> None:
    fake.send_message(ALICE, "hello")
    url = f"{fake.base_url}{fake.token}/sendMessage"
    async with httpx.AsyncClient() as client:
        by_json = await client.post(url, json={"chat_id": ALICE.id, "text": "json", "reply_markup": KEYBOARD.to_dict()})
        by_query = await client.get(url, params={"chat_id": str(ALICE.id), "text": "query"})
    assert by_json.json()["result"]["reply_markup"] == KEYBOARD.to_dict()
    assert by_query.json()["result"]["text"] == "query"
    assert [m.visible_text for m in fake.messages_to(ALICE.id)] == ["json", "query"]


def test_a_request_cut_off_inside_its_body_is_never_a_call(fake: FakeBotApi) -> None:
    """A bot killed mid-send leaves half a request: Telegram never acts on it, nor refuses it."""
    fake.send_message(ALICE, "hello")
    address = urlsplit(fake.base_url)
    body = json.dumps({"chat_id": ALICE.id, "text": "never whole"}).encode()
    with socket.create_connection((address.hostname, address.port), timeout=5) as connection:
        connection.sendall(
            f"POST {address.path}{fake.token}/sendMessage HTTP/1.1\r\nHost: {address.hostname}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body[:10]
        )
        connection.shutdown(socket.SHUT_WR)
        assert connection.recv(1024) == b""  # no answer: the connection just ends
    assert fake.rejected == []
    assert all(call.method != "sendMessage" for call in fake.calls)
    assert fake.messages_to(ALICE.id) == []


# --------------------------------------------------------------------------- updates


@pytest.mark.asyncio
async def test_get_updates_long_polls_until_a_user_writes(fake: FakeBotApi) -> None:
    async with bot_for(fake) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.3)
        assert not poll.done()
        message_id = fake.send_message(DARIUSH, "/start@matchbot_test_bot hi")
        (update,) = await asyncio.wait_for(poll, timeout=2)
    assert update.message is not None
    assert (update.message.message_id, update.message.text) == (message_id, "/start@matchbot_test_bot hi")
    assert update.message.from_user is not None and update.message.from_user.language_code == "fa"
    assert [(e.type, e.offset, e.length) for e in update.message.entities] == [("bot_command", 0, 24)]


@pytest.mark.asyncio
async def test_get_updates_redelivers_until_the_offset_confirms(fake: FakeBotApi) -> None:
    fake.send_message(ALICE, "one")
    fake.send_message(ALICE, "two")
    async with bot_for(fake) as bot:
        first = await bot.get_updates(timeout=0)
        again = await bot.get_updates(timeout=0)
        after_first = await bot.get_updates(offset=first[0].update_id + 1, timeout=0)
        confirmed = await bot.get_updates(offset=first[-1].update_id + 1, timeout=dtm.timedelta(seconds=0.2))
    assert [u.message.text for u in first if u.message] == ["one", "two"]
    assert [u.update_id for u in again] == [u.update_id for u in first]
    assert [u.message.text for u in after_first if u.message] == ["two"]
    assert confirmed == ()


@pytest.mark.asyncio
async def test_user_media_arrive_as_telegram_shapes(fake: FakeBotApi) -> None:
    fake.send_message(ALICE, sticker=True)
    fake.send_message(ALICE, photo=True, caption="me")
    async with bot_for(fake) as bot:
        sticker, photo = await bot.get_updates(timeout=0)
    assert sticker.message is not None and sticker.message.sticker is not None
    assert photo.message is not None and photo.message.caption == "me" and len(photo.message.photo) == 2
    with pytest.raises(ValueError):
        fake.send_message(ALICE, "text", photo=True)


# --------------------------------------------------------------------------- buttons


@pytest.mark.asyncio
async def test_pressing_buttons_and_answering_callback_queries(fake: FakeBotApi) -> None:
    async with bot_for(fake) as bot:
        await started_chat(fake, bot, ALICE)
        await bot.send_message(ALICE.id, "Pick one", reply_markup=KEYBOARD)
        message = fake.wait_for_message(ALICE.id, contains="Pick")
        with pytest.raises(AssertionError, match="no button with callback_data"):
            fake.press(ALICE, message, "answer:maybe")
        with pytest.raises(AssertionError, match="cannot see"):
            fake.press(DARIUSH, message, "answer:yes")
        query_id = fake.press_button(ALICE, message, "Yes")
        forged_id = fake.press_forged(ALICE, 999, "admin:delete_all")
        updates = await bot.get_updates(timeout=1)
        assert [(u.callback_query.id, u.callback_query.data) for u in updates if u.callback_query] == [
            (query_id, "answer:yes"),
            (forged_id, "admin:delete_all"),
        ]
        assert updates[0].callback_query is not None and updates[0].callback_query.message is not None
        assert updates[0].callback_query.message.message_id == message.message_id
        assert fake.unanswered_callback_queries() == [query_id, forged_id]
        assert await bot.answer_callback_query(query_id, text="Saved")
        with pytest.raises(BadRequest, match="(?i)query is too old"):
            await bot.answer_callback_query(query_id)
        with pytest.raises(BadRequest, match="(?i)MESSAGE_TOO_LONG"):
            await bot.answer_callback_query(forged_id, text="x" * 201)
    assert fake.callback_answer(query_id) == {"text": "Saved", "show_alert": False, "url": None}


@pytest.mark.asyncio
async def test_a_late_answer_to_a_press_is_refused_as_telegram_does(fake: FakeBotApi) -> None:
    async with bot_for(fake) as bot:
        await started_chat(fake, bot, ALICE)
        await bot.send_message(ALICE.id, "Pick one", reply_markup=KEYBOARD)
        message = fake.wait_for_message(ALICE.id, contains="Pick")
        fake.callback_answer_timeout = 0
        try:
            query_id = fake.press_button(ALICE, message, "Yes")
            await bot.get_updates(timeout=1)
            with pytest.raises(BadRequest, match="(?i)query is too old"):
                await bot.answer_callback_query(query_id, text="Saved")
        finally:
            fake.callback_answer_timeout = None
    assert fake.late_callback_answers() == [query_id]
    assert fake.callback_answer(query_id) is None


@pytest.mark.asyncio
async def test_edits_apply_and_are_seen_by_wait_for_message(fake: FakeBotApi) -> None:
    async with bot_for(fake) as bot:
        await started_chat(fake, bot, ALICE)
        sent = await bot.send_message(ALICE.id, "Step 1", reply_markup=KEYBOARD)
        first = fake.wait_for_message(ALICE.id, contains="Step 1")
        await bot.edit_message_text("Step <i>2</i>", ALICE.id, sent.message_id, parse_mode=ParseMode.HTML)
        edited = fake.wait_for_message(ALICE.id, after=first.seq)
        assert (edited.message_id, edited.visible_text, edited.edits) == (sent.message_id, "Step 2", 1)
        assert edited.reply_markup is None  # editMessageText without reply_markup drops the keyboard
        with pytest.raises(AssertionError):
            fake.press(ALICE, first, "answer:yes")  # the button is gone now
        await bot.edit_message_reply_markup(ALICE.id, sent.message_id, reply_markup=KEYBOARD)
        assert fake.messages_to(ALICE.id)[0].buttons()[0] == ("✅ Yes", "answer:yes")
        assert await bot.delete_message(ALICE.id, sent.message_id)
    assert fake.messages_to(ALICE.id) == []
    assert fake.rejected == []


# --------------------------------------------------------------------------- files


@pytest.mark.asyncio
async def test_send_document_upload_is_stored(fake: FakeBotApi) -> None:
    payload = bytes(range(256)) * 4 + b"\r\n--boundary\r\n"
    async with bot_for(fake) as bot:
        await started_chat(fake, bot, ALICE)
        sent = await bot.send_document(
            ALICE.id, payload, filename="matches.csv", caption="<b>Your matches</b>", parse_mode=ParseMode.HTML
        )
        assert sent.document is not None and sent.caption == "Your matches"
        resent = await bot.send_document(ALICE.id, sent.document.file_id)
    stored, again = fake.messages_to(ALICE.id)
    assert stored.document == ("matches.csv", payload)
    assert stored.text == "<b>Your matches</b>"
    assert again.document == ("matches.csv", payload)
    assert resent.document is not None and resent.document.file_name == "matches.csv"
    assert fake.wait_for_call("sendDocument").files["document"] == ("matches.csv", payload)


def png(width: int, height: int) -> bytes:
    """A real PNG of that size (Pillow comes with matplotlib)."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, format="PNG")
    return out.getvalue()


@pytest.mark.asyncio
async def test_send_photo_upload_is_stored_with_its_caption_and_size(fake: FakeBotApi) -> None:
    chart = png(1200, 750)
    async with bot_for(fake) as bot:
        await started_chat(fake, bot, ALICE)
        sent = await bot.send_photo(ALICE.id, chart, caption="<b>Scorecard</b> · 12 weeks", parse_mode=ParseMode.HTML)
        assert sent.caption == "Scorecard · 12 weeks" and (sent.photo[-1].width, sent.photo[-1].height) == (1200, 750)
        with pytest.raises(BadRequest, match="no text in the message"):
            await bot.edit_message_text("text", chat_id=ALICE.id, message_id=sent.message_id)
    (stored,) = fake.messages_to(ALICE.id)
    assert stored.photo == chart and stored.text == "<b>Scorecard</b> · 12 weeks"
    assert fake.wait_for_call("sendPhoto").ok


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("photo", "caption", "description"),
    [
        (b"not an image", None, "IMAGE_PROCESS_FAILED"),
        (png(8000, 2500), None, "PHOTO_INVALID_DIMENSIONS"),
        (png(2100, 100), None, "PHOTO_INVALID_DIMENSIONS"),
        (png(100, 100), "x" * 1025, "message caption is too long"),
    ],
)
async def test_send_photo_rejections(fake: FakeBotApi, photo: bytes, caption: str | None, description: str) -> None:
    async with bot_for(fake) as bot:
        await started_chat(fake, bot, ALICE)
        with pytest.raises(BadRequest, match=f"(?i){description}"):  # PTB capitalizes the description
            await bot.send_photo(ALICE.id, photo, caption=caption)
    assert fake.messages_to(ALICE.id) == []


@pytest.mark.asyncio
async def test_get_file_downloads_a_document_the_user_sent(fake: FakeBotApi) -> None:
    data = "name,score\nرضا,3\n".encode()
    fake.send_message(DARIUSH, document=("people.csv", data), caption="my list")
    async with bot_for(fake) as bot:
        (update,) = await bot.get_updates(timeout=0)
        assert update.message is not None and update.message.document is not None
        assert (update.message.document.file_name, update.message.document.mime_type) == ("people.csv", "text/csv")
        telegram_file = await bot.get_file(update.message.document.file_id)
        downloaded = await telegram_file.download_as_bytearray()
        with pytest.raises(BadRequest, match="(?i)invalid file_id"):
            await bot.get_file("nope")
    assert bytes(downloaded) == data


# --------------------------------------------------------------------------- rejections


def _long_html() -> str:
    """4096 visible characters written as 16384 source characters: within the limit."""
    return "<b>" + "&lt;" * 4096 + "</b>"


SEND_REJECTIONS = [
    pytest.param({"text": ""}, "message text is empty", id="empty"),
    pytest.param({"text": "  \n "}, "message text is empty", id="blank"),
    pytest.param({"text": "<b> </b>", "parse_mode": "HTML"}, "message text is empty", id="empty-after-parsing"),
    pytest.param({"text": "x" * 4097}, "message is too long", id="too-long"),
    pytest.param({"text": "😀" * 2049}, "message is too long", id="too-long-utf16"),
    pytest.param({"text": _long_html() + "!", "parse_mode": "HTML"}, "message is too long", id="too-long-html"),
    pytest.param({"text": "<foo>x</foo>", "parse_mode": "HTML"}, 'Unsupported start tag "foo" at byte offset 0', id="tag"),
    pytest.param({"text": "x < y", "parse_mode": "HTML"}, 'Unsupported start tag "" at byte offset 2', id="lt"),
    pytest.param({"text": "<b>bold", "parse_mode": "HTML"}, 'find end tag corresponding to start tag "b"', id="unclosed"),
    pytest.param({"text": "a <b", "parse_mode": "HTML"}, "Unclosed start tag at byte offset 2", id="cut-tag"),
    pytest.param({"text": "<b><i>x</b></i>", "parse_mode": "HTML"}, 'Unmatched end tag at byte offset 7', id="nesting"),
    pytest.param({"text": "Tom & Jerry", "parse_mode": "HTML"}, 'Unescaped "&" at byte offset 4', id="ampersand"),
    pytest.param({"text": "&nbsp;", "parse_mode": "HTML"}, 'Unescaped "&"', id="named-entity"),
    pytest.param({"text": "<a>x</a>", "parse_mode": "HTML"}, '"a" must have a non-empty "href"', id="a-href"),
    pytest.param({"text": "<span>x</span>", "parse_mode": "HTML"}, 'class "tg-spoiler"', id="span"),
    pytest.param({"text": "1.5", "parse_mode": "MarkdownV2"}, "Character '.' is reserved", id="markdown-v2"),
    pytest.param({"text": "hi", "parse_mode": "BBCode"}, "unsupported parse_mode", id="parse-mode"),
    pytest.param(
        {"text": "x", "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": "ش" * 33}]]}},
        "BUTTON_DATA_INVALID",
        id="callback-data-bytes",
    ),
    pytest.param(
        {"text": "x", "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": ""}]]}},
        "BUTTON_DATA_INVALID",
        id="callback-data-empty",
    ),
    pytest.param(
        {"text": "x", "reply_markup": {"inline_keyboard": [[{"text": "A", "url": "example.com"}]]}},
        "BUTTON_URL_INVALID",
        id="url",
    ),
    pytest.param(
        {"text": "x", "reply_markup": {"inline_keyboard": [[{"text": "A"}]]}},
        "Text buttons are unallowed in the inline keyboard",
        id="no-action",
    ),
    pytest.param(
        {"text": "x", "reply_markup": {"inline_keyboard": [[{"text": "", "callback_data": "a"}]]}},
        "BUTTON_TEXT_INVALID",
        id="button-text",
    ),
    pytest.param(
        {"text": "x", "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": "a", "url": "https://e.com"}]]}},
        "exactly one of the optional fields",
        id="two-actions",
    ),
    pytest.param(
        {"text": "x", "reply_markup": {"inline_keyboard": [[{"text": str(i), "callback_data": str(i)}] for i in range(101)]}},
        "reply markup is too long",
        id="101-buttons",
    ),
    pytest.param({"text": "x", "reply_parameters": {"message_id": 999}}, "message to be replied not found", id="reply"),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("params", "description"), SEND_REJECTIONS)
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBUserWarning")  # do_api_request sends raw params
async def test_send_message_rejections(fake: FakeBotApi, params: dict[str, object], description: str) -> None:
    async with bot_for(fake) as bot:
        await started_chat(fake, bot, ALICE)
        with pytest.raises(BadRequest):
            await bot.do_api_request("sendMessage", api_kwargs={"chat_id": ALICE.id, **params})
    (rejected,) = fake.rejected
    assert rejected.status == 400
    assert rejected.description is not None and rejected.description.startswith("Bad Request: ")
    assert description in rejected.description
    assert fake.messages_to(ALICE.id) == []


@pytest.mark.asyncio
async def test_limits_count_visible_text_not_markup(fake: FakeBotApi) -> None:
    async with bot_for(fake) as bot:
        await started_chat(fake, bot, ALICE)
        await bot.send_message(ALICE.id, _long_html(), parse_mode=ParseMode.HTML)
        await bot.send_message(ALICE.id, "😀" * 2048)
        await bot.send_document(ALICE.id, b"x", filename="a.txt", caption="<i>" + "c" * 1024 + "</i>", parse_mode="HTML")
        with pytest.raises(BadRequest, match="(?i)message caption is too long"):
            await bot.send_document(ALICE.id, b"x", filename="a.txt", caption="c" * 1025)
    assert len(fake.rejected) == 1


@pytest.mark.asyncio
async def test_edit_rejections(fake: FakeBotApi) -> None:
    async with bot_for(fake) as bot:
        await started_chat(fake, bot, ALICE)
        sent = await bot.send_message(ALICE.id, "<b>Same</b>", parse_mode=ParseMode.HTML, reply_markup=KEYBOARD)
        with pytest.raises(BadRequest, match="(?i)message to edit not found"):
            await bot.edit_message_text("x", ALICE.id, 999)
        with pytest.raises(BadRequest, match="(?i)message is not modified"):
            await bot.edit_message_text("<strong>Same</strong>", ALICE.id, sent.message_id, parse_mode="HTML", reply_markup=KEYBOARD)
        with pytest.raises(BadRequest, match="(?i)message is not modified"):
            await bot.edit_message_reply_markup(ALICE.id, sent.message_id, reply_markup=KEYBOARD)
        with pytest.raises(BadRequest, match="(?i)message can't be edited"):
            await bot.edit_message_text("x", ALICE.id, 1)  # the user's own /start
        with pytest.raises(BadRequest, match="(?i)message to delete not found"):
            await bot.delete_message(ALICE.id, 999)
    assert [call.method for call in fake.rejected] == [
        "editMessageText",
        "editMessageText",
        "editMessageReplyMarkup",
        "editMessageText",
        "deleteMessage",
    ]
    assert fake.rejected[1].description is not None and fake.rejected[1].description.endswith(
        "exactly the same as a current content and reply markup of the message"
    )


@pytest.mark.asyncio
async def test_chat_not_found_for_users_who_never_wrote(fake: FakeBotApi) -> None:
    async with bot_for(fake) as bot:
        with pytest.raises(BadRequest, match="(?i)chat not found"):
            await bot.send_message(DARIUSH.id, "hello?")
        with pytest.raises(BadRequest, match="(?i)chat not found"):
            await bot.send_chat_action(DARIUSH.id, "typing")
    assert len(fake.rejected) == 2


@pytest.mark.asyncio
async def test_commands_are_validated_and_stored_per_language(fake: FakeBotApi) -> None:
    async with bot_for(fake) as bot:
        await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")])
        await bot.set_my_commands([BotCommand("start", "شروع")], language_code="fa")
        await bot.set_my_commands([BotCommand("admin", "Admin")], scope=BotCommandScopeChat(ALICE.id))
        assert [c.command for c in await bot.get_my_commands(language_code="fa")] == ["start"]
        with pytest.raises(BadRequest, match="(?i)BOT_COMMAND_INVALID"):
            await bot.set_my_commands([BotCommand("Start", "Capital letters")])
        with pytest.raises(BadRequest, match="(?i)BOT_COMMAND_INVALID"):
            await bot.set_my_commands([BotCommand("x" * 33, "Too long")])
        with pytest.raises(BadRequest, match="(?i)BOT_COMMAND_DESCRIPTION_INVALID"):
            await bot.set_my_commands([BotCommand("empty", "")])
        await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert fake.get_commands() == [{"command": "start", "description": "Start"}, {"command": "help", "description": "Help"}]
    assert fake.get_commands("fa") == [{"command": "start", "description": "شروع"}]
    assert fake.get_commands(scope={"type": "chat", "chat_id": ALICE.id}) == [{"command": "admin", "description": "Admin"}]
    assert fake.get_menu_button() == {"type": "commands"}
    assert len(fake.rejected) == 3


# --------------------------------------------------------------------------- faults


@pytest.mark.asyncio
async def test_blocked_user_is_forbidden_and_not_counted_as_a_bot_mistake(fake: FakeBotApi) -> None:
    async with bot_for(fake) as bot:
        await started_chat(fake, bot, ALICE)
        fake.block_user(ALICE.id)
        with pytest.raises(Forbidden, match="(?i)bot was blocked by the user"):
            await bot.send_message(ALICE.id, "still there?")
        fake.unblock_user(ALICE.id)
        await bot.send_message(ALICE.id, "welcome back")
    assert fake.rejected == []
    assert [call.status for call in fake.calls if call.method == "sendMessage"] == [403, 200]


@pytest.mark.asyncio
@IGNORE_RETRY_AFTER_DEPRECATION
async def test_fail_next_injects_429_with_retry_after_and_502(fake: FakeBotApi) -> None:
    fake.fail_next("sendMessage", status=429, retry_after=3)
    fake.fail_next("getChat", status=502, times=2)
    async with bot_for(fake) as bot:
        await started_chat(fake, bot, ALICE)
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(ALICE.id, "hi")
        assert retry_seconds(caught.value) == 3
        await bot.send_message(ALICE.id, "hi")
        for _ in range(2):
            with pytest.raises(NetworkError, match="Bad Gateway"):
                await bot.get_chat(ALICE.id)
        chat = await bot.get_chat(ALICE.id)
    assert chat.first_name == "Alice"
    assert fake.rejected == []
    assert [m.visible_text for m in fake.messages_to(ALICE.id)] == ["hi"]


@pytest.mark.asyncio
@IGNORE_RETRY_AFTER_DEPRECATION
async def test_rate_limit_answers_429_beyond_the_configured_rate(fake: FakeBotApi) -> None:
    fake.rate_limit_per_second = 2
    async with bot_for(fake) as bot:
        await started_chat(fake, bot, ALICE)
        await bot.send_message(ALICE.id, "1")
        await bot.send_chat_action(ALICE.id, "typing")  # chat actions are not counted
        await bot.send_message(ALICE.id, "2")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(ALICE.id, "3")
        assert retry_seconds(caught.value) == 1
        await asyncio.sleep(1.05)
        await bot.send_message(ALICE.id, "3")
    assert [m.visible_text for m in fake.messages_to(ALICE.id)] == ["1", "2", "3"]
    assert fake.rejected == []


# --------------------------------------------------------------------------- waiting


def test_wait_for_message_times_out_listing_what_was_sent(fake: FakeBotApi) -> None:
    fake.send_message(ALICE, "hi")
    httpx.post(f"{fake.base_url}{fake.token}/sendMessage", data={"chat_id": "42", "text": "Hello Alice"})
    httpx.post(
        f"{fake.base_url}{fake.token}/sendMessage", data={"chat_id": "42", "text": "<b>oops", "parse_mode": "HTML"}
    )
    with pytest.raises(TimeoutError) as caught:
        fake.wait_for_message(ALICE.id, contains="Goodbye", timeout=0.2)
    report = str(caught.value)
    assert "containing 'Goodbye'" in report
    assert "'Hello Alice'" in report
    assert 'Can\'t find end tag corresponding to start tag "b"' in report


def test_wait_idle_waits_for_the_bot_to_confirm_updates(fake: FakeBotApi) -> None:
    fake.wait_idle(quiet=0.1, timeout=1)
    fake.send_message(ALICE, "anyone?")
    with pytest.raises(TimeoutError, match="1 unconfirmed updates"):
        fake.wait_idle(quiet=0.1, timeout=0.3)
    base = f"{fake.base_url}{fake.token}/getUpdates"
    update_id = httpx.get(base).json()["result"][0]["update_id"]
    httpx.get(base, params={"offset": update_id + 1})
    fake.wait_idle(quiet=0.1, timeout=1)


def test_wait_for_call_matches_method_and_predicate(fake: FakeBotApi) -> None:
    fake.send_message(ALICE, "hi")
    for text in ("first", "second"):
        httpx.post(f"{fake.base_url}{fake.token}/sendMessage", data={"chat_id": "42", "text": text})

    def is_second(call: ApiCall) -> bool:
        return call.params.get("text") == "second"

    call = fake.wait_for_call("sendmessage", is_second, timeout=1)
    assert (call.seq, call.ok, call.params["chat_id"]) == (2, True, "42")
    with pytest.raises(TimeoutError, match="no matching sendMessage call"):
        fake.wait_for_call("sendMessage", timeout=0.1, after=call.seq)
