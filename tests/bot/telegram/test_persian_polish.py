"""Persian polish: lists in alphabet order, Persian digits on buttons, « » quotes, one word for a listing, and the
confirm step before /unsubscribe and the /mysubs deletes, in both languages."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlmodel import select

from bot.i18n import catalog
from bot.services.browse import DeskCard, ProductCard, SearchOutcome
from bot.services.demand import DemandGroup
from bot.store.models import Alert, Desk, Sector, SectorSubscription, Subscriber
from bot.telegram.features import search
from bot.telegram.features.admin import reports
from bot.telegram.features.browse import render as browse
from bot.telegram.features.leads import handlers as leads
from bot.telegram.features.subscriptions import render as subscriptions
from bot.telegram.ui import user_link

from .conftest import INVESTOR, PERSIAN, Chat, buttons, texts, toasts
from .test_render import SECTOR, outcome, product
from .test_render import buttons as markup_buttons

# Keys in this order put the Persian names in code-point order, which is not the Persian alphabet's.
REFINING = Sector(key="a_refining", name_en="Refining", name_fa="پالایش")
POWER = Sector(key="b_power", name_en="Power", name_fa="نیرو")
GLASS = Sector(key="c_glass", name_en="Glass", name_fa="شیشه")
AUTOMOTIVE = Sector(key="d_auto", name_en="automotive", name_fa="خودرو")
SECTORS = [POWER, REFINING, GLASS, AUTOMOTIVE]  # as the store gives them: by key, not by name


def _labels(pairs: list[tuple[str, str]]) -> list[str]:
    return [label for label, _ in pairs]


def test_sectors_list_in_the_readers_alphabet() -> None:
    fa = _labels(markup_buttons(browse.sectors("fa", [(s, 1) for s in SECTORS]).markup))
    assert fa == ["پالایش (۱)", "خودرو (۱)", "شیشه (۱)", "نیرو (۱)"]
    en = _labels(markup_buttons(browse.sectors("en", [(s, 1) for s in SECTORS]).markup))
    assert en == ["automotive (1)", "Glass (1)", "Power (1)", "Refining (1)"]  # case-blind


def test_desks_list_in_the_readers_alphabet_those_with_a_budget_first() -> None:
    def desk(code: str, name_fa: str, budget: int | None) -> Desk:
        return Desk(code=code, sector="oil_gas", name_en=code, name_fa=name_fa, budget_eur=budget, source="x")

    desks = [desk("D1", "میز نیرو", 1), desk("D2", "میز پالایش", 1), desk("D3", "میز آب", None), desk("D4", "میز چرم", 1)]
    labels = _labels(markup_buttons(browse.desks("fa", desks).markup))
    assert labels == ["🏛 میز پالایش", "🏛 میز چرم", "🏛 میز نیرو", "🏛 میز آب"]


def test_subscribe_picker_shows_names_in_order_and_keeps_each_sectors_bit() -> None:
    picker = markup_buttons(subscriptions.subscribe_picker("fa", SECTORS, mask=0b0010).markup)
    shown = picker[:-1]  # then Done
    assert _labels(shown) == ["✅ پالایش", "▫️ خودرو", "▫️ شیشه", "▫️ نیرو"]
    # Each button still names its sector's place in key order: what the keyboards' masks mean.
    assert [data for _, data in shown] == ["st:2:1", "st:2:3", "st:2:2", "st:2:0"]
    frequency = subscriptions.frequency_picker("fa", SECTORS, 0b1011)
    assert "پالایش، خودرو، نیرو" in frequency.text


def test_no_results_offers_sectors_in_the_readers_alphabet() -> None:
    empty = SearchOutcome(search_id=1, query="zzz", products=[], desks=[], sectors={s.key: s for s in SECTORS})
    labels = _labels(markup_buttons(search.results("fa", empty, 0).markup))
    assert labels == ["🔔 وقتی کالایی شبیه این فهرست شد خبرم کن", "پالایش", "خودرو", "شیشه", "نیرو"]


RANKS = [("en", "1. OGS-000", "6. OGS-005", "9. OGS-008"), ("fa", "۱. OGS-000", "۶. OGS-005", "۹. OGS-008")]


@pytest.mark.parametrize(("language", "first", "sixth", "ninth"), RANKS)
def test_result_ranks_on_buttons_in_the_readers_digits(language: str, first: str, sixth: str, ninth: str) -> None:
    labels = _labels(markup_buttons(search.results(language, outcome(12, desks=[]), 0).markup))
    assert labels[0].startswith(first)
    labels = _labels(markup_buttons(search.results(language, outcome(12, desks=[]), 1).markup))
    assert labels[0].startswith(sixth)
    sector_page = browse.sector_page(language, SECTOR, [product(f"OGS-{i:03}") for i in range(12)], 1)  # 8 a page
    assert _labels(markup_buttons(sector_page.markup))[0].startswith(ninth)


def test_a_new_lead_notice_numbers_the_lead_in_persian_digits() -> None:
    reply = leads.admin_new_lead("fa", lead_id=42, user=user_link(1, "x", None), product=product(), desk=None, sector=SECTOR)
    assert "#۴۲" in reply.text and _labels(markup_buttons(reply.markup)) == ["📋 درخواست #۴۲"]
    english = leads.admin_new_lead("en", lead_id=42, user=user_link(1, "x", None), product=product(), desk=None, sector=SECTOR)
    assert "#42" in english.text


def test_demand_examples_in_each_languages_quotes() -> None:
    groups = [DemandGroup("لباس عروس", 3, 2, 0, ["لباس عروس", "wedding dress"])]
    assert "«لباس عروس»، «wedding dress»" in reports.demand("fa", groups, 30).text
    assert "“لباس عروس”, “wedding dress”" in reports.demand("en", groups, 30).text


@pytest.mark.parametrize(("language", "shown", "hidden"), [("fa", "شیر کشویی فولادی", "Steel gate valve"), ("en", "Steel gate valve", "شیر کشویی فولادی")])
def test_cards_show_the_description_in_the_readers_language(language: str, shown: str, hidden: str) -> None:
    item = product(description="Steel gate valve.", description_fa="شیر کشویی فولادی برای خطوط لوله.")
    text = browse.product_card(language, ProductCard(item, SECTOR, None), today=date(2026, 11, 30)).text
    assert shown in text and hidden not in text
    bare = product(description="Steel gate valve.", description_fa="")
    assert "Steel gate valve" in browse.product_card("fa", ProductCard(bare, SECTOR, None), today=date(2026, 11, 30)).text  # no Persian one: the English


@pytest.mark.parametrize(("language", "shown", "hidden"), [("fa", "قراردادهای بومی‌سازی", "Signs deals"), ("en", "Signs deals", "قراردادهای بومی‌سازی")])
def test_desk_cards_show_the_description_in_the_readers_language(language: str, shown: str, hidden: str) -> None:
    desk = Desk(code="DESK-OGS", sector="oil_gas", name_en="Oil & gas desk", name_fa="میز نفت و گاز",
                description="Signs deals for oil & gas parts.", description_fa="قراردادهای بومی‌سازی قطعات نفت و گاز را امضا می‌کند.")
    for items in ([], [product()]):
        text = browse.desk_card(language, DeskCard(desk, SECTOR, items), 0).text
        assert shown in text and hidden not in text
    desk.description_fa = ""
    assert "Signs deals" in browse.desk_card("fa", DeskCard(desk, SECTOR, []), 0).text  # no Persian one: the English


def test_persian_catalog_speaks_of_kala_with_persian_quotes_and_placeholders() -> None:
    persian = catalog("fa")
    for message in persian:
        if not message.id:
            continue
        for text in map(str, message.string if isinstance(message.string, (tuple, list)) else (message.string,)):
            assert "آگهی" not in text, message.id  # a listing is «کالا» (README, glossary)
            assert "“" not in text and "”" not in text, message.id
            assert "رد شدن" not in text, message.id
    help_texts = str(persian["help"].string) + str(persian["help_admin"].string)
    assert not re.search(r"\b(CODE|TEXT|DAYS)\b", help_texts)
    assert "/product کد" in help_texts and "/demand [تعداد روز]" in help_texts
    assert persian["btn_skip"].string == "بگذر"


# ------------------------------------------------------------------------------------ confirmations


@pytest.mark.parametrize("language", ["en", "fa"])
def test_confirmations_carry_their_action_and_keep_goes_back(language: str) -> None:
    reply = subscriptions.confirm_unsubscribe(language)
    assert [data for _, data in markup_buttons(reply.markup)] == ["unsubok", "subs"]
    alert = Alert(id=7, user_id=1, query="شیر <DN50>", exclude="توپی")
    reply = subscriptions.confirm_delete_alert(language, alert)
    assert [data for _, data in markup_buttons(reply.markup)] == ["ma:d:7", "subs"]
    assert "شیر &lt;DN50&gt;" in reply.text
    reply = subscriptions.confirm_delete_sector(language, "oil_gas", "نفت و گاز")
    assert [data for _, data in markup_buttons(reply.markup)] == ["ms:d:oil_gas", "subs"]


async def _subscribed_in_persian(chat: Chat) -> None:
    await chat.send("/alert شیر", user=PERSIAN, language="fa")
    picker = buttons((await chat.send("/subscribe", user=PERSIAN, language="fa"))[-1])
    (tick,) = [data for label, data in picker if label == "▫️ خودرو"]
    picker = buttons((await chat.press(tick, user=PERSIAN, language="fa"))[-1])
    (done,) = [data for label, data in picker if "تمام" in label]
    frequencies = buttons((await chat.press(done, user=PERSIAN, language="fa"))[-1])
    (instant,) = [data for label, data in frequencies if "همان لحظه" in label]
    await chat.press(instant, user=PERSIAN, language="fa")


async def test_persian_unsubscribe_asks_first_and_keep_changes_nothing(chat: Chat) -> None:
    await _subscribed_in_persian(chat)
    calls = await chat.send("/unsubscribe", user=PERSIAN, language="fa")
    (question,) = texts(calls)
    assert question.startswith("🛑 <b>همه اشتراک‌ها لغو شود؟</b>")
    choices = buttons(calls[-1])
    assert _labels(choices) == ["🛑 بله، همه لغو شود", "↩️ نه، بماند"]
    calls = await chat.press(dict((label, data) for label, data in choices)["↩️ نه، بماند"], user=PERSIAN, language="fa")
    assert "اشتراک‌های شما" in texts(calls, "editMessageText")[0]
    with chat.session() as session:
        assert session.exec(select(SectorSubscription.sector).where(SectorSubscription.user_id == PERSIAN)).all() == ["automotive"]
    calls = await chat.press("unsubok", user=PERSIAN, language="fa")
    assert texts(calls, "editMessageText")[0].startswith("🛑 اشتراک لغو شد.")
    with chat.session() as session:
        assert session.exec(select(Alert).where(Alert.user_id == PERSIAN)).all() == []
        subscriber = session.get(Subscriber, PERSIAN)
        assert subscriber is not None and not subscriber.active
    # A second tap on the same confirm button stops nothing more, and says so.
    assert texts(await chat.press("unsubok", user=PERSIAN, language="fa"), "editMessageText")[0].startswith("مشترک نیستید.")


async def test_persian_delete_sector_asks_first(chat: Chat) -> None:
    await _subscribed_in_persian(chat)
    overview = buttons((await chat.send("/mysubs", user=PERSIAN, language="fa"))[-1])
    assert ("🗑 حذف", "ms:x:automotive") in overview
    calls = await chat.press("ms:x:automotive", user=PERSIAN, language="fa")
    assert texts(calls, "editMessageText") == ["🗑 بخش <b>خودرو</b> از خلاصه‌های شما حذف شود؟"]
    with chat.session() as session:
        assert session.exec(select(SectorSubscription.sector).where(SectorSubscription.user_id == PERSIAN)).all() == ["automotive"]
    calls = await chat.press(dict(buttons(calls[-1]))["🗑 بله، حذف شود"], user=PERSIAN, language="fa")
    assert toasts(calls) == ["حذف شد."] and "خودرو" not in texts(calls, "editMessageText")[0]
    with chat.session() as session:
        assert session.exec(select(SectorSubscription).where(SectorSubscription.user_id == PERSIAN)).all() == []


async def test_asking_to_delete_someone_elses_alert_shows_nothing_of_it(chat: Chat) -> None:
    await chat.send("/alert zirconium crucibles")
    with chat.session() as session:
        (alert_id,) = session.exec(select(Alert.id).where(Alert.user_id == INVESTOR)).all()
    calls = await chat.press(f"ma:x:{alert_id}", user=PERSIAN, language="fa")
    assert texts(calls, "editMessageText") == [] and "zirconium" not in str([c.params for c in calls])
    assert toasts(calls) == ["این دکمه منقضی شده است. لطفاً دوباره جستجو کنید."]
