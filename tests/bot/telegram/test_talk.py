"""A conversation without dead ends: small talk and unknown commands are answered (not searched, not logged
as demand), a listing code opens its listing or the codes it may have meant, and every card leads back."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from sqlmodel import select

from bot.store import catalog
from bot.store.models import ManufacturerProfile, SearchLog

from .conftest import INVESTOR, PERSIAN, Chat, buttons, texts

USERS = {"en": INVESTOR, "fa": PERSIAN}


def _searches(chat: Chat) -> list[str]:
    with chat.session() as session:
        return list(session.exec(select(SearchLog.query)))


Talk = Callable[[str, str], Awaitable[str]]


@pytest.fixture
def talk(chat: Chat) -> Talk:
    """Send a message as the user of a language; its one reply, once checked that nothing was logged as a search
    (talk, a question about the bot or a desk, is no unmet demand)."""

    async def reply(language: str, message: str) -> str:
        (answer,) = texts(await chat.send(message, user=USERS[language], language=language))
        assert _searches(chat) == []
        return answer

    return reply


@pytest.mark.parametrize(
    ("language", "message", "answer"),
    [
        ("en", "hi", "Hello! 👋"),
        ("en", "thanks a lot", "You're welcome!"),
        ("en", "what can you do?", "I match investors"),
        ("fa", "سلام", "سلام! 👋"),
        ("fa", "ممنونم", "خواهش می‌کنم!"),
        ("fa", "این ربات چیکار میکنه؟", "سرمایه‌گذاران و تولیدکنندگان"),
        ("en", "have a nice day", "Goodbye for now! 👋"),
        ("en", "ok thanks bye", "Goodbye for now! 👋"),
        ("fa", "شب بخیر", "به امید دیدار! 👋"),
        ("fa", "عید شما مبارک", "سپاس، بر شما هم مبارک باد! 🌷"),
        ("en", "happy nowruz", "Thank you, and the same to you! 🌷"),
        ("fa", "دمتون گرم", "خواهش می‌کنم!"),
        ("fa", "salam khubid?", "سلام! 👋"),
        ("en", "merci", "You're welcome!"),
    ],
)
async def test_small_talk_gets_a_short_answer_and_is_not_demand(talk: Talk, language: str, message: str, answer: str) -> None:
    reply = await talk(language, message)
    assert reply.startswith(answer) or answer in reply


@pytest.mark.parametrize(
    ("language", "message", "answer"),
    [
        ("fa", "بله", "به چه کالا یا بخشی فکر می‌کنید؟"),
        ("fa", "نه", "به چه کالا یا بخشی فکر می‌کنید؟"),
        ("fa", "اوکی", "به چه کالا یا بخشی فکر می‌کنید؟"),
        ("fa", "خیر", "به چه کالا یا بخشی فکر می‌کنید؟"),
        ("fa", "baashe", "به چه کالا یا بخشی فکر می‌کنید؟"),
        ("en", "baashe", "Which product or sector do you have in mind?"),
        ("fa", "باشه ممنون", "خواهش می‌کنم!"),
        ("fa", "merc", "خواهش می‌کنم!"),
        ("en", "ok mersi", "You're welcome!"),
        ("fa", "وام هم میدید؟", "سرمایه‌گذاران و تولیدکنندگان"),
        ("fa", "چطوری میشه با میز تماس گرفت؟", "سرمایه‌گذاران و تولیدکنندگان"),
        ("en", "do you give loans?", "I match investors"),
    ],
)
async def test_persian_and_finglish_replies_with_no_question_open_are_small_talk(talk: Talk, language: str, message: str,
                                                                                answer: str) -> None:
    """A blind user trial: «بله», «اوکی», «باشه ممنون», «وام هم میدید؟» were searched and logged as unmet demand, and «خیر»
    (formal "no") was greeted with «سلام!». They answer as "yes", "ok thanks" and "what can you do?" do in English."""
    reply = await talk(language, message)
    assert answer in reply and "سلام!" not in reply


@pytest.mark.parametrize(
    ("language", "message", "answer"),
    [
        ("en", "who sees my messages?", "🔒 Other users see nothing you send. This bot's admins"),
        ("en", "is my data private?", "🔒 Other users see nothing you send."),
        ("fa", "کی پیام‌های منو می‌بینه؟", "🔒 کاربران دیگر هیچ‌یک از پیام‌های شما را نمی‌بینند. مدیران این ربات"),
        ("fa", "اطلاعاتم محرمانه است؟", "🔒 کاربران دیگر"),
    ],
)
async def test_a_privacy_question_gets_an_honest_answer(talk: Talk, language: str, message: str, answer: str) -> None:
    reply = await talk(language, message)
    assert reply.startswith(answer)
    assert ("without your name" if language == "en" else "بدون نام شما") in reply and "/myleads" in reply


@pytest.mark.parametrize(("language", "message", "code"), [("en", "ok I need valves", None), ("en", "brake pads", "AUT-002"),
                                                           ("fa", "پمپ چاه نفت", "OGS-001"), ("fa", "لنت ترمز", "AUT-002")])
async def test_needs_next_to_small_talk_words_are_still_searched(chat: Chat, language: str, message: str, code: str | None) -> None:
    (reply,) = texts(await chat.send(message, user=USERS[language], language=language))
    assert code is None or code in reply
    assert _searches(chat) == [message]


@pytest.mark.parametrize(("language", "message", "answer"), [("en", "asdkjh", "“asdkjh” looks like keys typed at random"),
                                                             ("fa", "ضصثقف", "«ضصثقف» به نظر چند کلید تصادفی است"),
                                                             ("fa", "۱۲۳۴۵", "«۱۲۳۴۵» به نظر چند کلید تصادفی است")])
async def test_keys_hit_at_random_are_not_recorded_as_a_need(chat: Chat, language: str, message: str, answer: str) -> None:
    """A mash is told so, with the sectors to browse, and never reaches /demand; a need nothing answers still does."""
    (reply,) = await chat.send(message, user=USERS[language], language=language)
    assert str(reply.params["text"]).startswith(answer)
    with chat.session() as session:
        sectors = len(catalog.sectors(session=session))
    assert len(buttons(reply)) == sectors  # a button per sector, no "tell me when it is listed"
    assert _searches(chat) == []
    await chat.send("wedding dresses", user=USERS[language], language=language)
    assert _searches(chat) == ["wedding dresses"]


async def test_a_question_points_to_help_and_a_confident_match_is_still_a_search(chat: Chat) -> None:
    (question,) = texts(await chat.send("how does this bot work?"))
    assert "/help" in question
    (found,) = texts(await chat.send("hi, brake pads please"))
    assert "AUT-002" in found
    assert _searches(chat) == ["hi, brake pads please"]


@pytest.mark.parametrize(("language", "words"), [("en", "I don't know the command /myleadz"), ("fa", "دستور /myleadz را نمی‌شناسم")])
async def test_an_unknown_command_points_to_help_and_is_not_searched(chat: Chat, language: str, words: str) -> None:
    (reply,) = texts(await chat.send("/myleadz brake pads", user=USERS[language], language=language))
    assert reply.startswith(words) and "/help" in reply
    assert _searches(chat) == []


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.parametrize("message", ["AUT-012", "aut 12", "aut012"])
async def test_a_listing_code_opens_that_listing(chat: Chat, language: str, message: str) -> None:
    calls = await chat.send(message, user=USERS[language], language=language)
    (card,) = texts(calls)
    assert "AUT-012" in card
    assert "i:AUT-012" in [data for _, data in buttons(calls[-1])]


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.parametrize("typed", ["/product aut-8", "/product AUT 8", "/start p_aut-8"])
async def test_a_code_written_another_way_opens_its_listing(chat: Chat, language: str, typed: str) -> None:
    # People type a code as they read it; "did you mean AUT-008?" for "aut-8" was one message too many.
    calls = await chat.send(typed, user=USERS[language], language=language)
    (card,) = texts(calls)
    assert card.startswith("<b>AUT-008</b> · ") and ("8708.80" if language == "en" else "۸۷۰۸.۸۰") in card


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.parametrize("typed", ["/product شعف-8", "شعف-8", "/start p_شعف-8"])
async def test_a_code_typed_on_the_persian_keyboard_layout_opens_its_listing(chat: Chat, language: str, typed: str) -> None:
    # «شعف-8» is "AUT-8" typed with the Persian layout active; it was "no listing with the code شعف-8".
    (card,) = texts(await chat.send(typed, user=USERS[language], language=language))
    assert card.startswith("<b>AUT-008</b> · ") and ("8708.80" if language == "en" else "۸۷۰۸.۸۰") in card


@pytest.mark.parametrize(("language", "header"), [("en", "Results for"), ("fa", "نتایج")])
@pytest.mark.parametrize(("typed", "codes"), [("/product ۸۷۰۸", {"AUT-002", "AUT-008"}), ("/product 8708", {"AUT-002", "AUT-008"}),
                                              ("/product 8708.30", {"AUT-002"})])
async def test_an_hs_code_after_product_lists_the_listings_under_it(chat: Chat, language: str, header: str, typed: str,
                                                                    codes: set[str]) -> None:
    """An HS code after /product said "no listing with the code 8708": it is searched, as typing it is."""
    calls = await chat.send(typed, user=USERS[language], language=language)
    (reply,) = texts(calls)
    assert header in reply
    opened = {data.split(":")[1] for _, data in buttons(calls[-1]) if data.startswith("p:")}
    assert codes <= opened and all(code.startswith("AUT-") for code in opened)
    assert _searches(chat) == [typed.removeprefix("/product ")]


@pytest.mark.parametrize("language", ["en", "fa"])
async def test_a_mistyped_deep_link_offers_the_closest_codes(chat: Chat, language: str) -> None:
    closest = await chat.send("/start p_AUT-99", user=USERS[language], language=language)
    assert [data for _, data in buttons(closest[-1])] == ["p:AUT-019", "p:AUT-009", "p:AUT-020"]
    assert _searches(chat) == []


@pytest.mark.parametrize(("language", "words"), [("en", "The closest codes"), ("fa", "نزدیک‌ترین کدها")])
async def test_an_unknown_code_suggests_the_closest_ones(chat: Chat, language: str, words: str) -> None:
    calls = await chat.send("/product AUT-99", user=USERS[language], language=language)
    assert words in texts(calls)[0]
    assert [data for _, data in buttons(calls[-1])] == ["p:AUT-019", "p:AUT-009", "p:AUT-020"]
    misspelt = await chat.send("/product AUTT-002", user=USERS[language], language=language)
    assert "p:AUT-002" in [data for _, data in buttons(misspelt[-1])]
    assert "NOPE" in texts(await chat.send("/product NOPE", user=USERS[language], language=language))[0]


@pytest.mark.parametrize(("language", "words"), [("en", "The closest codes"), ("fa", "نزدیک‌ترین کدها")])
@pytest.mark.parametrize("typed", ["REF-99", "ref 99", "قثب-99"])
async def test_a_bare_unknown_code_offers_the_closest_ones_as_product_does(chat: Chat, language: str, words: str, typed: str) -> None:
    """A user trial: "REF-99" typed alone was searched (nothing found, logged as demand) while /product REF-99 offered
    REF-009, REF-018, REF-017; a text shaped as a code of no listing's letters ("PVC 12") is still searched."""
    calls = await chat.send(typed, user=USERS[language], language=language)
    assert words in texts(calls)[0]
    assert [data for _, data in buttons(calls[-1])] == ["p:REF-009", "p:REF-018", "p:REF-017"]
    assert _searches(chat) == []
    await chat.send("PVC 12", user=USERS[language], language=language)
    assert _searches(chat) == ["PVC 12"]


@pytest.mark.parametrize(("language", "typed", "said"), [
    ("fa", "لنت ترمز واگذار شده یعنی چی؟ دیگه نمیشه؟", "اگر دوباره باز شد خبرم کن"),
    ("fa", "vagozar shode yani chi", "در حال اجرا"),
    ("en", "what does awarded mean?", "Tell me if it reopens"),
])
async def test_a_question_what_a_status_means_is_answered_and_not_demand(chat: Chat, language: str, typed: str, said: str) -> None:
    """A blind trial's «لنت ترمز واگذار شده یعنی چی؟ دیگه نمیشه؟» was "no listing for «سوال»" and logged as a need."""
    calls = await chat.send(typed, user=USERS[language], language=language)
    assert said in texts(calls)[0] and _searches(chat) == []


@pytest.mark.parametrize(("typed", "first"), [("AUY-008", "p:AUT-008"), ("AUTT-08", "p:AUT-008"), ("AUTT-002", "p:AUT-002")])
async def test_a_bare_code_with_a_mistyped_letter_offers_the_closest_ones(chat: Chat, typed: str, first: str) -> None:
    """A blind trial: AUY-008, AUTT-08, AUTT-002 typed alone were "no listing found" and logged as demand, while
    /product AUTT-002 offered AUT-002. Letters one keystroke from a family's, written as a code, get its nearest;
    a name with a number ("ABS 1", "PVC 12") is still searched."""
    calls = await chat.send(typed, user=USERS["en"], language="en")
    assert "The closest codes" in texts(calls)[0] and [data for _, data in buttons(calls[-1])][0] == first
    assert _searches(chat) == []
    await chat.send("ABS 1", user=USERS["en"], language="en")
    assert _searches(chat) == ["ABS 1"]


@pytest.mark.parametrize(("language", "back"), [("en", "« Back to the sector"), ("fa", "▶️ بازگشت به بخش")])
async def test_a_listing_opened_from_a_sector_page_leads_back_to_it(chat: Chat, language: str, back: str) -> None:
    page = await chat.press("c:automotive:1", user=USERS[language], language=language)
    opened = [data for _, data in buttons(page[-1]) if data.startswith("pc:")]
    assert opened and all(data.endswith(":automotive:1") for data in opened)
    card = await chat.press(opened[0], user=USERS[language], language=language)
    assert (back, "c:automotive:1") in buttons(card[-1])


@pytest.mark.parametrize(("language", "back"), [("en", "« Back to the desk"), ("fa", "▶️ بازگشت به میز")])
async def test_a_listing_opened_from_a_desk_leads_back_to_it(chat: Chat, language: str, back: str) -> None:
    desk = await chat.press("d:DESK-AUT:0", user=USERS[language], language=language)
    assert buttons(desk[-1])[-1][1] == "desks"  # the desk leads back to all desks
    opened = next(data for _, data in buttons(desk[-1]) if data.startswith("pd:"))
    card = await chat.press(opened, user=USERS[language], language=language)
    assert (back, "d:DESK-AUT:0") in buttons(card[-1])


@pytest.mark.parametrize(("language", "results"), [("en", "« Back to results"), ("fa", "▶️ بازگشت به نتایج")])
async def test_desks_opened_from_results_lead_back_to_them_and_all_of_them_are_shown(chat: Chat, language: str, results: str) -> None:
    user = USERS[language]
    found = await chat.send("8413", user=user, language=language)
    with chat.session() as session:
        search = session.exec(select(SearchLog.id)).one()
    data = [d for _, d in buttons(found[-1])]
    shown = [d for d in data if d.startswith("d:")]
    assert len(shown) == 3 and all(d.endswith(f":0:{search}:0") for d in shown)
    # More desks than the results list: a button pages through every one of them.
    (every,) = [d for d in data if d.startswith("rd:")]
    page = await chat.press(every, user=user, language=language)
    desks = [d for _, d in buttons(page[-1]) if d.startswith("d:")]
    assert len(desks) > 3 and len(set(desks)) == len(desks)
    assert (results, f"s:{search}:0") in buttons(page[-1])
    desk = await chat.press(desks[-1], user=user, language=language)
    assert (results, f"s:{search}:0") in buttons(desk[-1])
    # A listing of that desk leads back to the desk, which still leads back to the results.
    listing = next(d for _, d in buttons(desk[-1]) if d.startswith("pd:"))
    assert listing.endswith(f":0:{search}:0")
    card = await chat.press(listing, user=user, language=language)
    assert [d for _, d in buttons(card[-1])][-1] == desks[-1]


@pytest.mark.parametrize(
    ("language", "message", "found"),
    [
        ("fa", "ما قطعات چدنی ریخته‌گری می‌کنیم، پوسته پمپ و پروانه پمپ", None),
        ("fa", "تولیدکننده کمک فنر هستیم", "AUT-008"),
        ("en", "we are a CNC machining shop making shafts and gears", None),
        ("fa", "ma lent tormoz tolid mikonim", None),
        ("en", "ma rikhtegari chodan darim", None),  # "we do cast-iron casting": was a "did you mean" a roll mill
        ("fa", "ma ghataat felezi mizanim", None),
    ],
)
async def test_a_manufacturer_saying_what_it_makes_is_pointed_to_its_profile_and_is_not_demand(
    chat: Chat, language: str, message: str, found: str | None
) -> None:
    (call,) = [c for c in await chat.send(message, user=USERS[language], language=language) if c.method == "sendMessage"]
    text = str(call.params["text"])
    lead = ("به نظر می‌رسد شما تولیدکننده‌اید. با /profile بگویید چه می‌سازید" if language == "fa"
            else "It looks like you are a manufacturer. Tell me what you make with /profile")
    assert text.startswith(lead), text
    labels = [label for label, _ in buttons(call)]
    assert labels[0] == ("🏭 ساختن پروفایل" if language == "fa" else "🏭 Build my profile")
    # Results still follow when a listing answers; nothing is logged as an investor's unmet need.
    assert found is None or found in text
    with chat.session() as session:
        unmet = session.exec(select(SearchLog).where(SearchLog.matched == False)).all()  # noqa: E712
    assert unmet == []
    # The button starts the profile: its first question, as a new message below the results it leaves in place.
    pressed = await chat.press(buttons(call)[0][1], user=USERS[language], language=language)
    (question,) = texts(pressed, "sendMessage")
    assert texts(pressed, "editMessageText") == []
    assert question.startswith("<i>گام ۱ از ۱۱</i>" if language == "fa" else "<i>Step 1 of 11</i>"), question


async def test_a_manufacturer_with_a_profile_is_pointed_to_its_opportunities(chat: Chat) -> None:
    await chat.send("/start", user=PERSIAN, language="fa")
    with chat.session() as session:
        session.add(ManufacturerProfile(user_id=PERSIAN, company="تراشکاری تبریز", makes="شفت، چرخ‌دنده و گیربکس", processes="machining"))
        session.commit()
    (call,) = [c for c in await chat.send("ما شفت و چرخ‌دنده تراشکاری می‌کنیم", user=PERSIAN, language="fa") if c.method == "sendMessage"]
    assert str(call.params["text"]).startswith("به نظر می‌رسد شما تولیدکننده‌اید. کالاهایی را که می‌توانید بسازید در /opportunities ببینید.")
    label, data = buttons(call)[0]
    assert label == "🏭 کارخانه من چه می‌تواند بسازد؟"
    (listing,) = texts(await chat.press(data, user=PERSIAN, language="fa"), "editMessageText")
    assert listing.startswith("🏭 <b>کالاهایی که کارخانه شما می‌تواند بسازد</b>"), listing


@pytest.mark.parametrize("message", ["dige chi mitunim besazim? mil lang ham darin?", "دیگه چی میتونیم بسازیم؟",
                                     "salam, ma ye kargah CNC va ahangari (forging) tu esfahan darim, mikhaim ghataat sanati besazim"])
async def test_a_maker_asking_what_else_it_can_make_is_pointed_to_its_opportunities(chat: Chat, message: str) -> None:
    """A blind trial: a maker with a profile asking "what else can we make? crankshafts too?" was logged as the demand
    «dige mil lang darin», and a maker's first message naming its works' city was searched as an investor's need."""
    await chat.send("/start", user=PERSIAN, language="fa")
    with chat.session() as session:
        session.add(ManufacturerProfile(user_id=PERSIAN, company="Sanat Forge Sepahan", makes="میل لنگ، چرخ دنده", processes="forging"))
        session.commit()
    (call,) = [c for c in await chat.send(message, user=PERSIAN, language="fa") if c.method == "sendMessage"]
    assert str(call.params["text"]).startswith("به نظر می‌رسد شما تولیدکننده‌اید. کالاهایی را که می‌توانید بسازید در /opportunities ببینید.")
    assert buttons(call)[0][0] == "🏭 کارخانه من چه می‌تواند بسازد؟"
    with chat.session() as session:
        unmet = session.exec(select(SearchLog).where(SearchLog.matched == False)).all()  # noqa: E712
    assert unmet == []


@pytest.mark.parametrize(("language", "message"), [
    ("fa", "salam ma tolid konande ghataat tazrighi plastic hastim dar shahrak sanati kaveh, 6 ta dastgah tazrigh darim"),
    ("fa", "ما تولیدکننده قطعات تزریقی پلاستیک هستیم، ۶ تا دستگاه تزریق داریم"),
    ("en", "we make plastic injection parts, we have 6 injection machines"),
])
async def test_a_maker_naming_the_machines_it_has_gets_what_its_shop_could_make_not_the_machine(
        chat: Chat, language: str, message: str) -> None:
    """A blind trial: a moulder saying it has six injection machines got only MCH-003, the injection moulding machine."""
    (call,) = [c for c in await chat.send(message, user=USERS[language], language=language) if c.method == "sendMessage"]
    text = str(call.params["text"])
    assert "MCH-003" not in text
    assert ("کالاهایی که کارگاهی مثل شما می‌تواند بسازد" if language == "fa" else "Listings a shop like yours could make") in text
    assert _searches(chat) == []


async def test_a_maker_of_machines_still_finds_the_machine(chat: Chat) -> None:
    (reply,) = texts(await chat.send("ما سازنده دستگاه تزریق پلاستیک هستیم", user=PERSIAN, language="fa"))
    assert "MCH-003" in reply


async def test_an_investor_introducing_their_company_is_still_searched(chat: Chat) -> None:
    message = "شرکت ما قطعات خودرو تولید می‌کند و اکنون قصد سرمایه‌گذاری در تولید لنت ترمز دارد"
    (reply,) = texts(await chat.send(message, user=PERSIAN, language="fa"))
    assert "تولیدکننده‌اید" not in reply and "AUT-002" in reply
    assert _searches(chat) == [message]


@pytest.mark.parametrize(("language", "message", "answer"), [("fa", "بگذر", "پرسشی در انتظار پاسخ نیست"),
                                                             ("fa", "بعداً", "پرسشی در انتظار پاسخ نیست"),
                                                             ("en", "skip", "There is no question waiting"),
                                                             ("en", "Skip.", "There is no question waiting")])
async def test_a_skip_with_no_question_waiting_is_told_so_and_not_logged(talk: Talk, language: str, message: str, answer: str) -> None:
    """A user trial: «بگذر» typed after the profile build was left was searched and logged as unmet demand."""
    reply = await talk(language, message)
    assert reply.startswith(answer)


@pytest.mark.parametrize(
    ("language", "message", "answer"),
    [
        # Asked for a phone, the e-mail the desk has is named for what it is, with the number it lacks said.
        ("fa", "شماره تماس میز خودرو", "ایمیل:</b> automotive.desk@example.org (میز شماره تلفنی اعلام نکرده است)"),
        ("fa", "ایمیل میز پتروشیمی چیه؟", "ایمیل:</b> petrochemicals.desk@example.org\n"),
        ("en", "phone number of the automotive desk", "E-mail:</b> automotive.desk@example.org (the desk has published no phone number)"),
        ("en", "how do I contact the petrochemical desk?", "E-mail:</b> petrochemicals.desk@example.org\n"),
    ],
)
async def test_a_question_about_a_desks_contact_gets_the_desk_and_is_not_demand(talk: Talk, language: str, message: str,
                                                                                answer: str) -> None:
    """A blind user trial: «شماره تماس میز خودرو» was searched and logged as unmet demand. It asks for a desk's contact:
    its card holds it."""
    reply = await talk(language, message)
    assert answer in reply
