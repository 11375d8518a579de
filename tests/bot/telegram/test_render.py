"""Everyone's features' renderers produce what Telegram accepts, in both languages, whatever the data holds."""

from __future__ import annotations

from datetime import date

import pytest
from telegram import InlineKeyboardMarkup

from bot.i18n import name_list
from bot.services.browse import DeskCard, ProductCard, SearchOutcome
from bot.services.search import Result, english_words
from bot.store.models import Desk, Product, ProductStatus, Sector
from bot.telegram import ui
from bot.telegram.features import search, start
from bot.telegram.features.leads import buttons as lead_buttons
from bot.telegram.features.leads import handlers as leads
from bot.telegram.features.browse import render as browse
from bot.telegram.features.browse.buttons import ResultsPage
from bot.telegram.ui import Reply, user_link
from tests.e2e.fake_bot_api import parse_formatted, utf16_length, validate_reply_markup

TODAY = date(2026, 11, 30)  # the bot's date the cards are rendered on

LANGUAGES = ["en", "fa"]
HUGE = "Valve <DN50> & fittings " * 500


def assert_telegram_accepts(reply: Reply) -> str:
    """Parse as Telegram would: valid HTML, at most 4096 characters, valid buttons; return the visible text."""
    visible = parse_formatted(reply.text, "HTML").text
    assert 0 < utf16_length(visible.strip()) <= 4096
    if reply.markup is not None:
        validate_reply_markup(reply.markup.to_dict())
        for row in reply.markup.inline_keyboard:
            for button in row:
                assert button.callback_data is not None and len(str(button.callback_data).encode()) <= 64
    return visible


SECTOR = Sector(key="oil_gas", name_en="Oil & gas", name_fa="نفت و گاز")
DESK = Desk(code="DESK-OGS", sector="oil_gas", name_en="Oil & gas desk", name_fa="میز نفت و گاز", budget_eur=60_000_000,
            program_year=1401, contact="desk@example.org", description="Signs deals.")


def product(code: str = "OGS-001", name: str = "Valve <DN50> & fittings", **extra: object) -> Product:
    values: dict[str, object] = dict(code=code, name_en=name, name_fa="شیر <DN50> و اتصالات", hs_code="848180", sector="oil_gas",
                                     desk="DESK-OGS", annual_import_usd=12_400_000, status=ProductStatus.OPEN,
                                     description="A <b>bold</b> claim & more", aliases="gate valve;شیر", companies="")
    values.update(extra)
    return Product(**values)  # type: ignore[arg-type]


def outcome(count: int, *, name: str = "Valve <DN50> & fittings", desks: list[Desk] | None = None) -> SearchOutcome:
    results = [Result("product", f"OGS-{i:03}", name, name, "oil_gas", 91.4, "name_en: x", 5_000_000) for i in range(count)]
    return SearchOutcome(search_id=123, query="valve <DN50> & co", products=results, desks=[DESK] if desks is None else desks,
                         sectors={"oil_gas": SECTOR})


def buttons(markup: InlineKeyboardMarkup | None) -> list[tuple[str, str]]:
    assert markup is not None
    return [(b.text, str(b.callback_data)) for row in markup.inline_keyboard for b in row]


@pytest.mark.parametrize("language", LANGUAGES)
def test_results_page_shows_code_name_score_and_desk(language: str) -> None:
    reply = search.results(language, outcome(3), page=0)
    visible = assert_telegram_accepts(reply)
    assert "OGS-000" in visible and "Valve <DN50> & fittings" in visible
    assert ("91" if language == "en" else "۹۱") in visible
    data = [d for _, d in buttons(reply.markup)]
    assert data[:3] == ["p:OGS-000:123:0", "p:OGS-001:123:0", "p:OGS-002:123:0"]
    assert "d:DESK-OGS:0:123:0" in data  # the desk card leads back to these results


@pytest.mark.parametrize("language", LANGUAGES)
def test_results_are_paged_five_at_a_time(language: str) -> None:
    first = search.results(language, outcome(12), page=0)
    assert [d for _, d in buttons(first.markup)][-1] == "s:123:1"
    middle = buttons(search.results(language, outcome(12), page=1).markup)
    assert ("s:123:0" in [d for _, d in middle]) and ("s:123:2" in [d for _, d in middle])
    last = search.results(language, outcome(12), page=2)
    visible = assert_telegram_accepts(last)
    assert "OGS-010" in visible and "OGS-011" in visible and "OGS-009" not in visible
    assert search.results(language, outcome(12), page=99).text == last.text  # a stale page number is clamped


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_results_offers_the_sectors(language: str) -> None:
    reply = search.results(language, outcome(0, desks=[]), page=0)
    assert_telegram_accepts(reply)
    tell_me = "🔔 وقتی کالایی شبیه این فهرست شد خبرم کن" if language == "fa" else "🔔 Tell me when something like this is listed"
    assert buttons(reply.markup) == [(tell_me, "rqt:123"), ("نفت و گاز" if language == "fa" else "Oil & gas", "c:oil_gas:0")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_did_you_mean_offers_a_few_suggestions_and_none_of_these(language: str) -> None:
    related = outcome(8, name=HUGE).products
    doubt = SearchOutcome(search_id=123, query=HUGE, products=[], desks=[], sectors={"oil_gas": SECTOR}, related=related)
    visible = assert_telegram_accepts(search.results(language, doubt, page=0))
    assert visible.startswith("🤔 I am not sure I understood “Valve <DN50>" if language == "en" else "🤔 مطمئن نیستم منظورتان از «Valve <DN50>")
    assert "OGS-004" in visible and "OGS-005" not in visible and "91" not in visible  # five, and no match score
    assert [d for _, d in buttons(search.results(language, doubt, page=0).markup)] == [
        *(f"ps:OGS-00{i}:123" for i in range(5)), "fbn:123", "rqt:123"]  # and a standing request
    # Confident results carry "Not what I was looking for" above the pager.
    data = [d for _, d in buttons(search.results(language, outcome(12), page=0).markup)]
    assert data[-2:] == ["fbw:123", "s:123:1"]


def test_persian_cards_show_the_persian_description_and_fall_back_to_the_english_one() -> None:
    both = ProductCard(product(description_fa="شیر کشویی <فولادی> برای خطوط لوله"), SECTOR, DESK)
    persian = assert_telegram_accepts(browse.product_card("fa", both, today=TODAY))
    assert "شیر کشویی <فولادی> برای خطوط لوله" in persian and "A <b>bold</b> claim" not in persian
    english = assert_telegram_accepts(browse.product_card("en", both, today=TODAY))
    assert "A <b>bold</b> claim & more" in english and "شیر کشویی" not in english
    only_english = ProductCard(product(), SECTOR, DESK)
    assert "A <b>bold</b> claim & more" in assert_telegram_accepts(browse.product_card("fa", only_english, today=TODAY))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_card_without_a_description_ends_at_its_last_field(language: str) -> None:
    """No blank lines at the end (a "now listed" notice) nor before a finished listing's note."""
    open_card = browse.product_card(language, ProductCard(product(description=""), SECTOR, DESK), today=TODAY).text
    assert open_card.endswith("gate valve" if language == "en" else "شیر")  # each reader's own script
    closed = browse.product_card(language, ProductCard(product(description="", status=ProductStatus.CLOSED), SECTOR, DESK), today=TODAY).text
    assert ("gate valve\n\n" if language == "en" else "شیر\n\n") in closed and "\n\n\n" not in closed


@pytest.mark.parametrize(("language", "shown", "hidden"), [("en", "steam trap, globe valve, EPS", "شیر"),
                                                          ("fa", "شیر فلکه، EPS، شیر کشویی", "globe")])
def test_a_card_shows_each_reader_the_aliases_in_their_script(language: str, shown: str, hidden: str) -> None:
    """A blind trial's Persian reader was shown English and Finglish names under «نام‌های دیگر:»; an acronym
    ("EPS") is written so in Persian too, and is shown to both."""
    card = ProductCard(product(description="", aliases="steam trap;شیر فلکه;globe valve;EPS;شیر کشویی"), SECTOR, DESK)
    aliases = browse.product_card(language, card, today=TODAY).text.rsplit("\n", 1)[-1]
    assert aliases.endswith(shown) and hidden not in aliases


def test_an_english_card_shows_no_finglish_alias_and_the_staff_see_it_apart() -> None:
    """A user trial: the English card of the ECU listed "computer mashin" and "ECU khodro" (Finglish for «کامپیوتر ماشین»,
    «خودرو») among its English names. A Latin word that writes a word of the listing's Persian names is Finglish,
    unless the English name or description has it or it is spelt as only English is ("computer", "switching")."""
    card = ProductCard(product(name_en="Engine control unit (ECU)", name_fa="واحد کنترل موتور", description="Controls injection.",
                               aliases="ECU;car computer;computer mashin;ECU khodro;کامپیوتر ماشین;خودرو;engine computer;"
                                       "lent tormoz;لنت ترمز;injection unit"), SECTOR, DESK)
    text = browse.product_card("en", card, today=TODAY, suppliers=0).text
    assert "Also known as:</b> ECU, car computer, engine computer, injection unit\n🔒" in text
    assert "</b> computer mashin, ECU khodro, کامپیوتر ماشین, خودرو, lent tormoz, لنت ترمز\n" in text
    persian = browse.product_card("fa", card, today=TODAY).text
    assert "computer mashin" not in persian and "car computer" not in persian and "ECU" in persian


def test_an_english_card_shows_an_alias_of_english_words_that_sound_like_its_persian_names() -> None:
    """356 Latin aliases were hidden from English cards, "car tire" and "tire cord" among them: «تایر» spells "tire",
    so the alias was taken for Finglish. Words the catalog's English texts use (another listing's "Tire cord fabric")
    are English wherever they come; an alias with a word that is not ("lastik mashin") is still Finglish."""
    card = ProductCard(product(name_en="Passenger car radial tyre", name_fa="تایر رادیال سواری", description="Radial tyres.",
                               aliases="car tire;تایر ماشین;lastik mashin;لاستیک ماشین;tire cord"), SECTOR, DESK,
                       english=english_words(["Passenger car radial tyre", "Tire cord fabric"]))
    text = browse.product_card("en", card, today=TODAY, suppliers=0).text
    assert "Also known as:</b> car tire, tire cord\n🔒" in text
    assert "</b> تایر ماشین, lastik mashin, لاستیک ماشین\n" in text


@pytest.mark.parametrize(("language", "own", "other"), [("en", "steam trap, globe valve, EPS", "شیر فلکه, شیر کشویی"),
                                                         ("fa", "شیر فلکه، EPS، شیر کشویی", "steam trap، globe valve")])
def test_the_desks_staff_see_the_other_scripts_aliases_on_a_staff_only_line(language: str, own: str, other: str) -> None:
    """A user trial: the Persian card of a desk officer mixed Latin aliases in with the Persian ones on the line every
    reader has; the reader's own script stays on it, the others go on a line of their own marked staff-only."""
    card = ProductCard(product(description="", aliases="steam trap;شیر فلکه;globe valve;EPS;شیر کشویی"), SECTOR, DESK)
    lines = assert_telegram_accepts(browse.product_card(language, card, today=TODAY, suppliers=0)).splitlines()
    assert lines[-2].endswith(own) and lines[-1].startswith("🔒") and lines[-1].endswith(other)
    assert "🔒" not in browse.product_card(language, card, today=TODAY).text  # an ordinary reader: no such line
    latin_only = ProductCard(product(description="", aliases="EPS"), SECTOR, DESK)
    assert "🔒" not in browse.product_card(language, latin_only, today=TODAY, suppliers=0).text  # nothing hidden, no line


@pytest.mark.parametrize("language", LANGUAGES)
def test_product_card_has_every_field_and_buttons(language: str) -> None:
    card = ProductCard(product(deadline=date(2027, 3, 20), companies="Example Co (illustrative)"), SECTOR, DESK)
    reply = browse.product_card(language, card, today=TODAY, back=ResultsPage(5, 1))
    visible = assert_telegram_accepts(reply)
    for expected in ("OGS-001", "8481.80" if language == "en" else "۸۴۸۱.۸۰", "Valve <DN50> & fittings", "شیر <DN50> و اتصالات", "desk@example.org",
                     "Example Co (illustrative)" if language == "en" else "Example Co (نمونه)",
                     "gate valve" if language == "en" else "شیر", "A <b>bold</b> claim & more"):
        assert expected in visible
    assert ("Deadline:</b> 2027-03-20\n" if language == "en" else "مهلت:</b> ۲۹ اسفند ۱۴۰۵\n") in reply.text
    assert ("€60M" if language == "en" else "۶۰ میلیون یورو") in visible
    assert [d for _, d in buttons(reply.markup)] == ["i:OGS-001", "ap:OGS-001", "d:DESK-OGS:0:5:1", "s:5:1"]


@pytest.mark.parametrize(("language", "hs_code", "shown"), [("en", "848180", "HS code:</b> 8481.80\n"),
                                                           ("fa", "848180", "کد تعرفه HS:</b> ۸۴۸۱.۸۰\n"),
                                                           ("fa", "8481", "کد تعرفه HS:</b> ۸۴۸۱\n"),
                                                           ("fa", "8481801020", "کد تعرفه HS:</b> ۸۴۸۱.۸۰.۱۰.۲۰\n")])
def test_a_persian_card_writes_the_hs_code_in_persian_digits_with_dots(language: str, hs_code: str, shown: str) -> None:
    """A user trial: the Persian card showed its HS code in Latin digits among Persian figures. The dots stay dots: the
    Persian decimal sign would read ۸۴۸۱٫۸۰ as a number; the listing's own code (OGS-001) stays as its buttons write it."""
    text = browse.product_card(language, ProductCard(product(hs_code=hs_code), SECTOR, DESK), today=TODAY).text
    assert shown in text and "٫۸۰" not in text and text.startswith("<b>OGS-001</b>")


@pytest.mark.parametrize(("language", "shown", "hidden"), [("en", "Sample Pumps (illustrative), Demo Foundry (illustrative)", "نمونه"),
                                                          ("fa", "Sample Pumps (نمونه)، Demo Foundry (نمونه)", "illustrative")])
def test_a_card_says_the_companies_are_illustrative_in_the_readers_language(language: str, shown: str, hidden: str) -> None:
    """A Persian card showed the seed's example companies as «Sample Pumps (illustrative)»: the data keeps its English
    mark (the same in every export), the card says it in the reader's language."""
    card = ProductCard(product(companies="Sample Pumps (illustrative);Demo Foundry (illustrative)"), SECTOR, DESK)
    companies = next(line for line in browse.product_card(language, card, today=TODAY).text.splitlines() if "Sample Pumps" in line)
    assert companies.endswith(shown) and hidden not in companies


@pytest.mark.parametrize(("language", "shown"), [("en", "2026-11-29 (passed)"), ("fa", "۸ آذر ۱۴۰۵ (گذشته)")])
def test_a_card_says_its_deadline_has_passed_from_the_next_day(language: str, shown: str) -> None:
    card = ProductCard(product(deadline=date(2026, 11, 29)), SECTOR, DESK)
    assert shown in browse.product_card(language, card, today=TODAY).text
    on_the_day = browse.product_card(language, card, today=date(2026, 11, 29)).text
    assert shown.split(" (")[0] in on_the_day and shown not in on_the_day


@pytest.mark.parametrize("language", LANGUAGES)
def test_huge_fields_still_fit_in_one_message(language: str) -> None:
    card = ProductCard(product(name=HUGE, name_fa=HUGE, description=HUGE, aliases=HUGE, companies=HUGE), SECTOR, DESK)
    assert_telegram_accepts(browse.product_card(language, card, today=TODAY))
    assert_telegram_accepts(search.results(language, outcome(5, name=HUGE), page=0))
    desk = Desk(code="D-1", sector="oil_gas", name_en=HUGE, name_fa=HUGE, description=HUGE, contact=HUGE)
    assert_telegram_accepts(browse.desk_card(language, DeskCard(desk, SECTOR, [product(name=HUGE)] * 8), 0))
    assert_telegram_accepts(browse.desks(language, [desk] * 15))
    assert_telegram_accepts(start.greeting(language, HUGE))


@pytest.mark.parametrize("language", LANGUAGES)
def test_desks_list_the_published_figures(language: str) -> None:
    published = Desk(code="DESK-PET", sector="petrochemicals", name_en="Petrochemicals desk", name_fa="میز پتروشیمی",
                     budget_eur=60_000_000, program_year=1401, source="Mehr News Agency / Tehran Times (CC BY 4.0)")
    unknown = Desk(code="DESK-AAA", sector="mining", name_en="A mining desk", name_fa="الف معدن", source="illustrative")
    reply = browse.desks(language, [unknown, published])
    visible = assert_telegram_accepts(reply)
    assert ("€60M" if language == "en" else "۶۰ میلیون یورو") in visible
    assert [d for _, d in buttons(reply.markup)] == ["d:DESK-PET:0", "d:DESK-AAA:0"]  # published first
    assert ("— Iranian year 1401 (2022–23) ·" if language == "en" else "— سال ۱۴۰۱ ·") in visible


@pytest.mark.parametrize(("language", "year"), [("en", "Program started:</b> Iranian year 1401 (2022–23)\n"), ("fa", "آغاز برنامه:</b> سال ۱۴۰۱\n")])
def test_a_desk_card_labels_its_program_year_as_an_iranian_one(language: str, year: str) -> None:
    assert year in browse.desk_card(language, DeskCard(DESK, SECTOR, [product()]), 0).text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_desk_card_and_list_leave_out_a_year_not_known(language: str) -> None:
    """A blind trial's desk card said "Program started: year n/a": a field not known is left out."""
    desk = Desk(code="DESK-AAA", sector="mining", name_en="A mining desk", name_fa="الف معدن", source="illustrative")
    card = assert_telegram_accepts(browse.desk_card(language, DeskCard(desk, SECTOR, [product()]), 0))
    listed = assert_telegram_accepts(browse.desks(language, [desk]))
    for visible in (card, listed):
        assert "n/a" not in visible and "Program started" not in visible and "آغاز برنامه" not in visible
    assert "— " in listed and "—  ·" not in listed


@pytest.mark.parametrize("language", LANGUAGES)
def test_desk_and_sector_pages(language: str) -> None:
    products = [product(code=f"OGS-{i:03}") for i in range(10)]
    first = browse.desk_card(language, DeskCard(DESK, SECTOR, products), 0)
    assert_telegram_accepts(first)
    assert [d for _, d in buttons(first.markup)][-2:] == ["d:DESK-OGS:1", "desks"]
    page = browse.sector_page(language, SECTOR, products, 1)
    visible = assert_telegram_accepts(page)
    assert "OGS-009" in visible and "OGS-000" not in visible
    assert_telegram_accepts(browse.sector_page(language, SECTOR, [], 0))
    assert_telegram_accepts(browse.desk_card(language, DeskCard(DESK, SECTOR, []), 0))


@pytest.mark.parametrize("language", LANGUAGES)
def test_lead_messages(language: str) -> None:
    assert_telegram_accepts(leads.interest_registered(language, "OGS-001", "Valve <DN50>", DESK))
    assert_telegram_accepts(leads.interest_registered(language, "OGS-001", "Valve <DN50>", None))
    link = user_link(42, "<Ali & co>", "ali_b")
    notice = leads.admin_new_lead(language, lead_id=7, user=link, product=product(), desk=DESK, sector=SECTOR)
    visible = assert_telegram_accepts(notice)
    assert 'href="tg://user?id=42"' in notice.text and "<Ali & co>" in visible and "@ali_b" in visible
    assert_telegram_accepts(leads.admin_lead_note(language, lead_id=7, code="OGS-001", user=link, note=HUGE))


@pytest.mark.parametrize("language", LANGUAGES)
def test_menus(language: str) -> None:
    for reply in (start.greeting(language, "Ali"), start.help_text(language), start.language_choice(language),
                  browse.sectors(language, [(SECTOR, 3)] * 15)):
        assert_telegram_accepts(reply)


def test_cut() -> None:
    assert ui.cut("short", 10) == "short"
    assert ui.cut("a  long   text here", 8) == "a long…"


def test_names_that_hold_commas_are_kept_apart() -> None:
    """«جوشکاری و ساخت سازه، …، آبکاری، …» read as one list of fragments; process names are apart by «؛»."""
    persian = ["آبکاری، رنگ‌آمیزی و پوشش‌دهی", "ریخته‌گری"]
    assert name_list("fa", persian) == "آبکاری، رنگ‌آمیزی و پوشش‌دهی؛ ریخته‌گری"
    assert name_list("en", ["Plating, painting and surface coating", "Casting"]) == "Plating, painting and surface coating; Casting"
    assert name_list("en", ["Casting", "Forging"]) == "Casting, Forging"
