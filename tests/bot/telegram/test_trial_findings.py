"""What a blind user trial of the running bot found in its lists and cards, in both languages (issues 10 and 14)."""

from __future__ import annotations

import pytest

from bot.services.browse import DeskCard, SearchOutcome
from bot.services.search import Result
from bot.store.models import Desk, ProductStatus
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
