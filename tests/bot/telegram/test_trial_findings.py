"""What a blind user trial of the running bot found in its lists and cards, in both languages (issues 10 and 14)."""

from __future__ import annotations

import pytest

from bot.services.browse import DeskCard, SearchOutcome
from bot.services.capabilities import Supplier
from bot.services.search import Result
from bot.store.models import Desk, ManufacturerProfile, ProductStatus, ProfileSource
from bot.telegram.features.suppliers.render import supplier_entry
from matching.capabilities import Fit
from bot.telegram.features import search
from bot.telegram.features.browse import render as browse
from tests.bot.telegram.test_render import DESK, SECTOR, assert_telegram_accepts, buttons, product

LANGUAGES = ["en", "fa"]
CLOSED = {"en": "⚪️ closed", "fa": "⚪️ بسته"}


def _result(code: str, status: ProductStatus) -> Result:
    return Result("product", code, "Brake part", "قطعه ترمز", "oil_gas", 90.0, "name_en: x", 1_000_000, status)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_closed_listings_button_says_it_is_closed_in_results_and_suggestions(language: str) -> None:
    """The line above marked it, the button did not: a closed brake block beside the brake pads read as open."""
    found = [_result("AUT-002", ProductStatus.OPEN), _result("RAL-012", ProductStatus.CLOSED)]
    confident = SearchOutcome(search_id=1, query="brake", products=found, desks=[], sectors={"oil_gas": SECTOR})
    doubt = SearchOutcome(search_id=1, query="brake", products=[], desks=[], sectors={"oil_gas": SECTOR}, related=found)
    for reply in (search.results(language, confident, 0), search.results(language, doubt, 0)):
        assert_telegram_accepts(reply)
        labels = [text for text, _ in buttons(reply.markup)]
        assert any("RAL-012" in text and CLOSED[language] in text for text in labels)
        assert not any("AUT-002" in text and CLOSED[language] in text for text in labels)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_closed_listings_button_says_it_is_closed_on_desk_and_sector_pages(language: str) -> None:
    products = [product(code="OGS-001"), product(code="OGS-002", status=ProductStatus.CLOSED)]
    for reply in (browse.desk_card(language, DeskCard(DESK, SECTOR, products), 0), browse.sector_page(language, SECTOR, products, 0)):
        labels = [text for text, _ in buttons(reply.markup)]
        assert [CLOSED[language] in text for text in labels[:2]] == [False, True]


@pytest.mark.parametrize(("language", "shown"), [("en", "<b>Budget:</b> not published\n"), ("fa", "<b>بودجه:</b> اعلام نشده\n")])
def test_a_desk_card_says_once_that_no_budget_is_published(language: str, shown: str) -> None:
    desk = Desk(code="DESK-RAL", sector="oil_gas", name_en="Rail desk", name_fa="میز ریلی", contact="rail.desk@example.org")
    assert shown in browse.desk_card(language, DeskCard(desk, SECTOR, [product()]), 0).text


@pytest.mark.parametrize(("language", "email", "phone", "none"), [
    ("en", "<b>E-mail:</b> desk@example.org\n", "<b>Phone:</b> +98 21 8888 1234\n", "the desk has published no phone number"),
    ("fa", "<b>ایمیل:</b> desk@example.org\n", "<b>تلفن:</b> +98 21 8888 1234\n", "میز شماره تلفنی اعلام نکرده است"),
])
def test_a_desk_card_names_the_kind_of_contact_it_has_once(language: str, email: str, phone: str, none: str) -> None:
    """Asked for the phone, the card gave an e-mail under "Contact:" as if it were the number."""
    card = browse.desk_card(language, DeskCard(DESK, SECTOR, [product()]), 0).text
    assert email in card and card.count("desk@example.org") == 1
    asked = browse.desk_card(language, DeskCard(DESK, SECTOR, [product()]), 0, asked_phone=True).text
    assert none in asked and asked.count("desk@example.org") == 1
    with_phone = Desk(code="DESK-OGS", sector="oil_gas", name_en="Oil desk", name_fa="میز نفت", contact="+98 21 8888 1234")
    assert phone in browse.desk_card(language, DeskCard(with_phone, SECTOR, []), 0, asked_phone=True).text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_listings_offered_for_a_mistyped_code_show_their_names(language: str) -> None:
    """Bare codes ("AUT-019 AUT-009 AUT-020") said nothing to someone who mistyped "AUT-099"."""
    offered = [product(code="OGS-019"), product(code="OGS-009", status=ProductStatus.CLOSED)]
    reply = browse.not_found(language, "OGS-099", offered)
    visible = assert_telegram_accepts(reply)
    shown = "Valve <DN50> & fittings" if language == "en" else "شیر <DN50> و اتصالات"
    assert visible.count(shown) == 2
    labels = [text for text, _ in buttons(reply.markup)]
    assert all(shown in text for text in labels) and CLOSED[language] in labels[1]
    one = assert_telegram_accepts(browse.not_found(language, "OGS-0O9", offered[1:]))
    assert f"OGS-009 · {shown}" in one


@pytest.mark.parametrize(("language", "desk_count", "sector_count", "header"), [
    ("en", "(3, 2 of them open)", "of 3 (2 open)", "🔎 Open listings for “medical devices” — 1–2 of 2"),
    ("fa", "(۳، ۲ مورد باز)", "از ۳ (۲ مورد باز)", "🔎 کالاهای باز برای «medical devices» — ۱ تا ۲ از ۲"),
])
def test_a_sectors_search_and_its_desk_card_say_what_each_counts(language: str, desk_count: str, sector_count: str,
                                                                 header: str) -> None:
    """"medical devices" listed 11 listings and the desk card said 15: the search lists the open ones, the card all."""
    products = [product(code="MED-001"), product(code="MED-002"), product(code="MED-008", status=ProductStatus.AWARDED)]
    assert desk_count in browse.desk_card(language, DeskCard(DESK, SECTOR, products), 0).text
    assert sector_count in browse.sector_page(language, SECTOR, products, 0).text
    found = [Result("product", p.code, p.name_en, p.name_fa, "oil_gas", 100.0, "sector: medical", 1, p.status) for p in products[:2]]
    reply = search.results(language, SearchOutcome(search_id=1, query="medical devices", products=found, desks=[], sectors={}), 0)
    assert assert_telegram_accepts(reply).startswith(header)
    named = [found[0], _result("MED-009", ProductStatus.OPEN)]
    reply = search.results(language, SearchOutcome(search_id=1, query="medical devices", products=named, desks=[], sectors={}), 0)
    assert not assert_telegram_accepts(reply).startswith(header[:8])  # a listing named by its own words: plain results


MIXED = ("Machined automotive parts: shafts, bushings; CNC turning and milling to drawing. "
         "قطعات تراشکاری خودرو: شفت، بوش، فلنج")


@pytest.mark.parametrize(("language", "makes", "shown", "hidden"), [
    ("fa", MIXED, "می‌سازد: قطعات تراشکاری خودرو: شفت، بوش، فلنج", "Machined"),
    ("en", MIXED, "Makes: Machined automotive parts: shafts, bushings; CNC turning and milling to drawing.", "قطعات"),
    ("fa", "API 6D gate valves and pump impellers", "می‌سازد (به انگلیسی، به نوشتهٔ خود واحد): API 6D gate valves", "@"),
    ("en", "ریخته‌گری قطعات چدنی", "Makes (in Persian, as the unit wrote it): ریخته‌گری قطعات چدنی", "@"),
    # Finglish is Persian in Latin letters, not English (a blind trial).
    ("fa", "tolid ghataat khodro va tarashkari", "می‌سازد (به خط لاتین، به نوشتهٔ خود واحد): tolid", "انگلیسی"),
])
def test_a_suppliers_entry_shows_what_it_makes_in_the_readers_language_or_says_which_it_is(
        language: str, makes: str, shown: str, hidden: str) -> None:
    """A Persian card of a registry unit showed its English text beside the Persian one it also had."""
    unit = ManufacturerProfile(id=1, company="Tous Precision Parts", province="", makes=makes, processes="", consent=False,
                               source=ProfileSource.REGISTRY)
    entry = supplier_entry(language, 1, Supplier(unit, Fit("AUT-010", 60.0, ())))
    assert shown in entry and hidden not in entry


@pytest.mark.parametrize(("language", "said"), [("en", "in progress"), ("fa", "در حال اجرا")])
def test_an_opportunities_line_shows_the_status_its_button_shows(language: str, said: str) -> None:
    """A blind trial: AUT-004's /opportunities line showed no status, only its button said "in progress"."""
    from bot.services.opportunities import Opportunities, Ranked
    from bot.telegram.features.opportunities import render as opportunities

    unit = ManufacturerProfile(id=1, company="Arya", province="", makes="", processes="", consent=False)
    ranked = [Ranked(product(status=ProductStatus.IN_PROGRESS), Fit("OGS-001", 60.0, ()), SECTOR, None)]
    reply = opportunities.page(language, Opportunities(unit, ranked, subscribed=True), 0)
    line = assert_telegram_accepts(reply).split("\n\n")[1]
    assert said in line.split("\n")[0].lower() and said in buttons(reply.markup)[0][0].lower()
