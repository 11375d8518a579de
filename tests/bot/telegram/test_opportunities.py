"""/opportunities through the real Application: the fitting listings of a manufacturer's profile, value-weighted, each
with why it fits, their cards and the way back, and what a user without a profile or without a fit is told."""

from __future__ import annotations

import re
from typing import Any

from sqlmodel import select

from bot.services import opportunities
from bot.services.capabilities import Opportunity
from bot.store.models import ManufacturerProfile, Product, SectorSubscription, Subscriber
from bot.telegram.features.opportunities.buttons import OpportunityListing
from bot.telegram.offline import OfflineCall
from matching.capabilities import Fit, Reason

from .conftest import INVESTOR, PERSIAN, Chat, texts, toasts

# A jobbing machine shop that fits more than a page of listings.
MACHINE_SHOP = {"company": "Tabriz Precision Parts",
                "makes": "قطعات تراشکاری CNC: شفت، چرخ‌دنده، فلنج، پوسته پمپ و گیربکس برای صنایع نفت، خودرو و ماشین‌سازی",
                "processes": "machining;casting;heat_treatment", "materials": "چدن; فولاد"}
_PERSIAN_DIGITS = re.compile("[۰-۹]")


def markup(calls: list[OfflineCall]) -> list[tuple[str, str]]:
    """(label, callback data) of the buttons of the last message sent or edited."""
    found = [c for c in calls if c.method in ("sendMessage", "editMessageText")]
    keyboard: dict[str, Any] = found[-1].params.get("reply_markup") or {"inline_keyboard": []}
    return [(b["text"], b["callback_data"]) for row in keyboard["inline_keyboard"] for b in row]


def data_of(buttons: list[tuple[str, str]], label_part: str) -> str:
    (data,) = [data for label, data in buttons if label_part in label]
    return data


def last_text(calls: list[OfflineCall]) -> str:
    return [str(c.params["text"]) for c in calls if c.method in ("sendMessage", "editMessageText")][-1]


async def manufacturer(chat: Chat, user: int, language: str, **fields: str) -> None:
    """The user has talked to the bot, and has a profile (built with /profile in the bot; stored directly here)."""
    await chat.send("/start", user=user, language=language)
    with chat.session() as session:
        session.add(ManufacturerProfile(user_id=user, **{**MACHINE_SHOP, **fields}))
        session.commit()


async def test_without_a_profile_it_says_what_a_profile_gives_and_how_to_start(chat: Chat) -> None:
    calls = await chat.send("/opportunities")
    (english,) = texts(calls)
    assert english.startswith("🏭 <b>What could your factory make?</b>")
    assert "Send /profile to build your profile" in english and markup(calls) == []
    (persian,) = texts(await chat.send("/opportunities", user=PERSIAN, language="fa"))
    assert persian.startswith("🏭 <b>کارخانه شما چه چیزی می‌تواند بسازد؟</b>")
    assert "برای ساختن پروفایل، /profile را بفرستید" in persian


async def test_a_persian_manufacturer_reads_fitting_listings_with_reasons_pages_and_opens_a_card_and_comes_back(chat: Chat) -> None:
    await manufacturer(chat, PERSIAN, "fa")
    with chat.session() as session:
        profile = opportunities.profile_of(PERSIAN, session=session)
        assert profile is not None
        found = opportunities.for_user(PERSIAN, session=session)
        assert found is not None and len(found.ranked) > 5
        expected = [item.product.code for item in found.ranked]
    calls = await chat.send("/opportunities", user=PERSIAN, language="fa")
    (text,) = texts(calls)
    assert text.startswith(f"🏭 <b>کالاهایی که کارخانه شما می‌تواند بسازد</b> — ۱ تا ۵ از {len(expected)}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")))
    # Five a page, in the ranked order, each with its Persian name, its sector in Persian, yearly imports in Persian
    # digits and one line on why it fits.
    assert [code for code in re.findall(r"<b>([A-Z]{3}-\d{3})</b>", text)] == expected[:5]
    first = text.split("\n\n")[1]
    assert first.startswith("۱. <b>" + expected[0] + "</b> · ")
    lines = first.split("\n")
    assert len(lines) == 3 and "واردات ≈" in lines[1] and _PERSIAN_DIGITS.search(lines[1]) and not re.search("[0-9]", lines[1])
    assert lines[2].strip().startswith("💡 کار شما ") or lines[2].strip().startswith("💡 شما ")
    assert text.count("💡") == 5
    # Not subscribed: digests are offered, with the sectors of these listings ticked.
    assert "📬 اگر مشترک شوید، کالاهای تازه‌ای هم که به کار شما می‌آیند" in text
    buttons = markup(calls)
    opened = [OpportunityListing.unpack(data) for _, data in buttons[:5]]
    assert [(pressed.code, pressed.page) for pressed in opened if pressed] == [(code, 0) for code in expected[:5]]
    assert buttons[0][0].startswith(f"۱. {expected[0]} · ")
    more = await chat.press(data_of(buttons, "بیشتر"), user=PERSIAN, language="fa")
    page_two = last_text(more)
    assert re.findall(r"<b>([A-Z]{3}-\d{3})</b>", page_two) == expected[5:10]
    assert "— ۶ تا" in page_two
    # A listing's card is browse's card, with the way back to the page it was opened from.
    card_calls = await chat.press(data_of(markup(more), expected[5]), user=PERSIAN, language="fa")
    card = last_text(card_calls)
    assert expected[5] in card and "HS" in card
    card_buttons = markup(card_calls)
    assert card_buttons[-1][0] == "▶️ بازگشت به فهرست"
    assert any("علاقه" in label for label, _ in card_buttons)  # the card's own buttons stay
    back = await chat.press(card_buttons[-1][1], user=PERSIAN, language="fa")
    assert last_text(back) == page_two


async def test_the_list_opened_from_the_profile_card_leads_back_to_it(chat: Chat) -> None:
    """A user trial: the card's "What could my factory make?" replaced the card with the list, with no way back."""
    for user, language, opens, back, card in ((INVESTOR, "en", "What could my factory make?", "↩️ Back to my profile",
                                               "Your manufacturer profile"),
                                              (PERSIAN, "fa", "کارخانه من چه می‌تواند بسازد؟", "↩️ بازگشت به پروفایل",
                                               "پروفایل واحد تولیدی شما")):
        await manufacturer(chat, user, language)
        listed = await chat.press(data_of(markup(await chat.send("/profile", user=user, language=language)), opens),
                                  user=user, language=language)
        assert [c.method for c in listed if c.method in ("sendMessage", "editMessageText")] == ["editMessageText"]
        assert markup(listed)[-1][0] == back  # last, below the pages and the digest offer
        shown = await chat.press(markup(listed)[-1][1], user=user, language=language)
        assert [c.method for c in shown if c.method in ("sendMessage", "editMessageText")] == ["editMessageText"]
        assert card in last_text(shown) and any(opens in label for label, _ in markup(shown))
    # Fitting nothing, the list still leads back to the profile that is to be told more.
    await manufacturer(chat, 777, "en", makes="handmade wooden toys", processes="", materials="")
    assert markup(await chat.send("/opportunities", user=777))[-1][0] == "↩️ Back to my profile"


async def test_the_card_of_a_listing_gone_since_expires(chat: Chat) -> None:
    await manufacturer(chat, INVESTOR, "en")
    calls = await chat.press(OpportunityListing("XXX-999", 0).pack())
    assert toasts(calls) == ["This button has expired. Please search again."]


async def test_a_profile_that_fits_nothing_is_told_so_and_offered_sectors(chat: Chat) -> None:
    await manufacturer(chat, INVESTOR, "en", makes="handmade wooden toys", processes="", materials="")
    calls = await chat.send("/opportunities")
    (text,) = texts(calls)
    assert text.startswith("🏭 As far as I can tell, nothing in the catalog fits your profile yet.")
    assert "add your processes and describe your products" in text and "/profile" in text
    picker = await chat.press(data_of(markup(calls), "Hear of new ones"))
    assert texts(picker)[0].startswith("🔔 <b>Subscribe</b>")
    assert not any(label.startswith("✅") for label, _ in markup(picker))  # nothing fits: nothing is ticked for them
    await manufacturer(chat, PERSIAN, "fa", makes="اسباب‌بازی چوبی دست‌ساز", processes="", materials="")
    (persian,) = texts(await chat.send("/opportunities", user=PERSIAN, language="fa"))
    assert persian.startswith("🏭 تا جایی که می‌بینم، هنوز هیچ کالایی در فهرست با پروفایل شما جور نیست.")


async def test_subscribing_from_the_list_ticks_the_fitting_sectors_and_then_the_list_says_digests_bring_them(chat: Chat) -> None:
    await manufacturer(chat, INVESTOR, "en")
    calls = await chat.send("/opportunities")
    with chat.session() as session:
        found = opportunities.for_user(INVESTOR, session=session)
        assert found is not None
        fitting = opportunities.fitting_sectors(found)
    picker = await chat.press(data_of(markup(calls), "Hear of new ones"))
    ticked = [label for label, _ in markup(picker) if label.startswith("✅")]
    assert len(ticked) == len(fitting) > 0
    done = await chat.press(data_of(markup(picker), "Done"))
    await chat.press(data_of(markup(done), "As soon"))
    with chat.session() as session:
        assert session.get(Subscriber, INVESTOR) is not None
        assert sorted(s.sector for s in session.exec(select(SectorSubscription))) == sorted(fitting)
    (text,) = texts(await chat.send("/opportunities"))
    assert "📬 Your digests also bring new listings that fit your profile." in text
    assert "Hear of new ones" not in str(markup(await chat.send("/opportunities")))


def _opportunity(code: str, score: float, imports: int | None) -> Opportunity:
    product = Product(code=code, name_en=code, name_fa=code, hs_code="1", sector="machinery", annual_import_usd=imports)
    return Opportunity(product, Fit(code, score, (Reason("material", "steel", "steel"), Reason("process", "machining", "shaft"))))


def test_the_ranking_weighs_the_fit_by_imports_without_burying_a_close_fit() -> None:
    ranked = opportunities.rank([
        _opportunity("A-1", 80.0, 1_000_000),
        _opportunity("B-1", 78.0, 900_000_000),  # about as good a fit, far larger imports: first
        _opportunity("C-1", 45.0, 5_000_000_000),  # a weak fit to the largest import stays behind the close fits
        _opportunity("D-1", 80.0, None),
    ], {})
    assert [item.product.code for item in ranked] == ["B-1", "A-1", "D-1", "C-1"]
    # The line's reason is the process before the material.
    assert ranked[0].reason == Reason("process", "machining", "shaft")


async def test_a_forge_is_told_of_its_own_products_not_only_that_it_machines(chat: Chat) -> None:
    # The blind trial's forging shop: every line said «شما ماشین‌کاری می‌کنید…», none its gears, shafts or flanges.
    await manufacturer(chat, PERSIAN, "fa", company="Sanat Forge Sepahan",
                       makes="میل لنگ، چرخ دنده، فلنج فورج شده، شفت پمپ",
                       processes="machining;forging;heat_treatment", materials="fulad CK45, 4140, 7225")
    (text,) = texts(await chat.send("/opportunities", user=PERSIAN, language="fa"))
    reasons = [line.strip() for line in text.split("\n") if line.strip().startswith("💡")]
    assert reasons and any("می‌سازید" in reason for reason in reasons), reasons
    assert any("فورج" in reason or "چرخ دنده" in reason or "شفت پمپ" in reason for reason in reasons), reasons


async def test_menu_and_help_list_opportunities_in_both_languages(chat: Chat) -> None:
    menus = {c.params.get("language_code"): c.params["commands"] for c in chat.request.messages("setMyCommands")}
    assert {"command": "opportunities", "description": "What your factory could make"} in menus[None]
    assert {"command": "opportunities", "description": "کارخانه شما چه می‌تواند بسازد"} in menus["fa"]
    (english,) = texts(await chat.send("/help"))
    assert "/opportunities — listings your factory could make, each with why it fits" in english
    (persian,) = texts(await chat.send("/help", user=PERSIAN, language="fa"))
    assert "/opportunities — کالاهایی که کارخانه شما می‌تواند بسازد، هر کدام با دلیلش" in persian
