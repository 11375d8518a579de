"""Admin renderers produce what Telegram accepts, in both languages, whatever the data holds."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import catalog, placeholders
from bot.services.admins import Admin, Outcome
from bot.services.catalog import ImportReport
from bot.services.problems import VALUES, CsvFormatError, Problem, RowError
from bot.services.demand import DemandGroup, group_queries
from bot.services.imports import Outcome as ImportOutcome
from bot.services.imports import Preview, Result
from bot.services.leads import LeadsPage, LeadView
from bot.services.listings import Kind
from bot.services.stats import Named, Searches, Stats, Subscribers
from bot.store.catalog import RowChange, UpsertCounts
from bot.store.models import Desk, Lead, LeadStatus, Product, ProductStatus, Sector, User
from bot.telegram import problems as problem_texts
from bot.telegram.features.admin import grants, imports, leads, listings, reports
from bot.telegram.features.admin.render import file_error, record_problems, size
from bot.telegram.ui import user_link

from .test_render import HUGE, LANGUAGES, assert_telegram_accepts, buttons

TZ = ZoneInfo("Asia/Tehran")
WHEN = datetime(2026, 3, 20, 6, 30, tzinfo=UTC)
SECTORS = [Sector(key=f"sector_{i}", name_en=f"Sector <{i}> & co", name_fa=f"بخش {i}") for i in range(15)]


def view(lead_id: int = 7, *, name: str = "Valve <DN50> & fittings", note: str = "Example <Co> & sons", status: LeadStatus = LeadStatus.NEW) -> LeadView:
    lead = Lead(id=lead_id, user_id=501, product_code="OGS-001", note=note, status=status, created_at=WHEN, updated_at=WHEN)
    user = User(id=501, first_name="<Sara & co>", username="sara_k", language="fa")
    product = Product(code="OGS-001", name_en=name, name_fa=name, hs_code="848180", sector="oil_gas", status=ProductStatus.OPEN)
    desk = Desk(code="DESK-OGS", sector="oil_gas", name_en="Oil & gas desk", name_fa="میز نفت و گاز")
    return LeadView(lead=lead, user=user, product=product, desk=desk)


COUNTED = {Problem.ROW_WIDTH: "csv_row_width", Problem.DESK_IN_USE: "csv_desk_in_use"}
"""Problems worded in the plural form of their count, outside the table of one-form texts."""


def _forms(language: str, message_id: str) -> tuple[str, ...]:
    translated = catalog(language)[message_id].string
    return translated if isinstance(translated, tuple) else (translated,)


def test_every_problem_has_a_text_in_each_language_taking_its_values() -> None:
    assert set(problem_texts.TEXTS) | set(COUNTED) == set(Problem)
    for problem, values in VALUES.items():
        for language in LANGUAGES:
            if problem is Problem.WRONG_HEADER:  # its lists are worded one by one, then put into the sentence
                assert placeholders(_forms(language, "csv_wrong_header")[0]) == {"problems", "expected"}
                assert all(placeholders(_forms(language, f"csv_header_{part}")[0]) == {"names"} for part in ("missing", "unknown", "repeated"))
                assert placeholders(_forms(language, "csv_header_expected")[0]) == {"required", "optional"}
                continue
            message_id = COUNTED.get(problem) or problem_texts.TEXTS[problem]
            for form in _forms(language, message_id):  # plural forms, one each
                assert placeholders(form) == values, (language, problem)


def test_problems_that_count_follow_their_count() -> None:
    one = problem_texts.problem_message("en", Problem.DESK_IN_USE, {"count": "1", "example": "A-1"})
    assert one == "1 listing of another sector names this desk (e.g. A-1); change its desk first"
    several = problem_texts.problem_message("en", Problem.ROW_WIDTH, {"count": "3", "columns": "9"})
    assert several == "has 3 values, but the header has 9 columns"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_problem_can_be_worded(language: str) -> None:
    """Each problem has its text in the table of message ids (a missing one would fail only when it happens)."""
    for problem, names in VALUES.items():
        assert problem_texts.problem_message(language, problem, dict.fromkeys(names, "7")), problem


@pytest.mark.parametrize("language", LANGUAGES)
def test_problems_say_where_in_the_readers_language(language: str) -> None:
    errors = [RowError.of(3, "hs_code", Problem.HS_INVALID, value="<12>"), RowError.of(4, None, Problem.ROW_WIDTH, count="3", columns="9"),
              RowError.of(0, "code", Problem.CODE_EXISTS, code="AUT-002"), RowError.of(0, None, Problem.NO_FIELDS)]
    visible = assert_telegram_accepts(record_problems(language, errors))
    if language == "en":
        assert "Row 3, hs_code: “<12>” is not an HS code" in visible and "Row 4: has 3 values" in visible
        assert "code: there is already a listing with the code AUT-002" in visible
    else:
        assert "ردیف ۳، ستون «hs_code»: «<12>» کد تعرفه HS نیست" in visible and "ردیف ۴:" in visible
    many = [RowError.of(n, "description", Problem.FIELD_EMPTY, column=HUGE) for n in range(2, 500)]
    visible = assert_telegram_accepts(record_problems(language, many))
    assert ("…and" if language == "en" else "…و") in visible


@pytest.mark.parametrize("language", LANGUAGES)
def test_file_errors(language: str) -> None:
    header = CsvFormatError(Problem.WRONG_HEADER, missing="name_en", unknown="'colour'", repeated="", required="code,name_en", optional="")
    visible = assert_telegram_accepts(file_error(language, "<catalog>.csv", header))
    assert "<catalog>.csv" in visible and "'colour'" in visible and "name_en" in visible
    assert_telegram_accepts(file_error(language, HUGE, CsvFormatError(Problem.OLD_XLS, name=HUGE)))


@pytest.mark.parametrize("language", LANGUAGES)
def test_import_preview_and_results(language: str) -> None:
    changes = tuple(RowChange(f"C-{n}", None if n % 2 else {"status": "open"}, {"status": "closed", "name_en": HUGE}) for n in range(3000))
    report = ImportReport(rows=3000, counts=UpsertCounts(1500, 1500, 0, changes))
    reply = imports.preview(language, Preview(HUGE, report, 123456789012))
    assert_telegram_accepts(reply)
    assert [d for _, d in buttons(reply.markup)] == ["imp:a:123456789012", "imp:c:123456789012"]
    rejected = ImportReport(rows=0, errors=[RowError.of(n, "sector", Problem.SECTOR_UNKNOWN, value=HUGE, known=HUGE) for n in range(2, 2000)])
    assert imports.preview(language, Preview("x.csv", rejected)).markup is None
    assert_telegram_accepts(imports.preview(language, Preview("x.csv", rejected)))
    assert_telegram_accepts(imports.preview(language, Preview("x.csv", ImportReport(rows=5, counts=UpsertCounts(0, 0, 5)))))
    for outcome in ImportOutcome:
        done = imports.result(language, Result(outcome, HUGE, report if outcome is not ImportOutcome.INVALID else rejected))
        assert (done.reply is None) != (done.toast is None)
        if done.reply is not None:
            assert_telegram_accepts(done.reply)


@pytest.mark.parametrize("language", LANGUAGES)
def test_leads_pages_and_cards(language: str) -> None:
    page = LeadsPage([view(n, name=HUGE, note=HUGE) for n in range(6)], total=20, page=1, size=6, filter="contacted")
    reply = leads.leads_page(language, page, TZ)
    visible = assert_telegram_accepts(reply)
    assert ("2026-03-20 10:00 Tehran time" if language == "en" else "۲۹ اسفند ۱۴۰۴، ۱۰:۰۰") in visible  # Tehran time, Jalali in Persian
    data = [d for _, d in buttons(reply.markup)]
    assert data == [f"lc:{n}:contacted:1" for n in range(6)] + ["ll:contacted:0", "ll:contacted:2"]
    card = leads.lead_card(language, view(note=HUGE, status=LeadStatus.MEETING), TZ, "all", 3)
    visible = assert_telegram_accepts(card)
    assert "<Sara & co>" in visible and "@sara_k" in visible
    labels = buttons(card.markup)
    assert [d for _, d in labels] == ["ls:7:contacted:all:3", "ls:7:meeting:all:3", "ls:7:declined:all:3", "ls:7:closed:all:3", "ll:all:3"]
    assert labels[1][0].startswith("●") and not labels[0][0].startswith("●")
    assert_telegram_accepts(leads.leads_page(language, LeadsPage([], 0, 0, 6, "open"), TZ))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("status", [LeadStatus.CONTACTED, LeadStatus.MEETING, LeadStatus.DECLINED, LeadStatus.CLOSED])
def test_investor_updates(language: str, status: LeadStatus) -> None:
    visible = assert_telegram_accepts(leads.investor_update(language, view(status=status, name=HUGE)))
    assert "OGS-001" in visible and ("Oil & gas desk" if language == "en" else "میز نفت و گاز") in visible
    orphan = LeadView(view(status=status).lead, None, None, None)
    assert_telegram_accepts(leads.investor_update(language, orphan))


@pytest.mark.parametrize("language", LANGUAGES)
def test_stats_and_demand_fit_whatever_the_data(language: str) -> None:
    named = [Named(f"CODE-{n}" * 3, HUGE, HUGE, n) for n in range(40)]
    groups = [DemandGroup(HUGE, 10, 5, [HUGE] * 3) for _ in range(20)]
    figures = Stats(users=12, new_users=3, users_by_language={"fa": 8, "en": 4}, searches=[Searches(7, 30, 5, 3, 1), Searches(30, 90, 20, 8, 2, 7)],
                    leads=4, leads_by_status={"new": 3, "closed": 1}, leads_by_product=named, leads_by_desk=named,
                    top_listings=named, demand=groups,
                    subscribers=Subscribers({"active": 5, "paused": 1, "stopped": 2}, {"instant": 1, "daily": 4, "weekly": 1},
                                            named, 7, {7: 3, 30: 9}))
    visible = assert_telegram_accepts(reports.stats(language, figures))
    assert ("English 4" if language == "en" else "انگلیسی ۴") in visible
    assert ("confident match 83% · only suggestions 10% · nothing 7%" if language == "en"
            else "پاسخ مطمئن ۸۳٪ · فقط پیشنهاد ۱۰٪ · هیچ ۷٪") in visible
    assert ("“None of these”: 2 of 8 (25%) · “Not what I was looking for”: 7 of 70 (10%)" if language == "en"
            else "«هیچ‌کدام از این‌ها نیست»: ۲ از ۸ (۲۵٪) · «دنبال این‌ها نبودم»: ۷ از ۷۰ (۱۰٪)") in visible
    assert_telegram_accepts(reports.demand(language, groups, 30))
    assert_telegram_accepts(reports.demand(language, [], 30))
    nobody = Subscribers({"active": 0, "paused": 0, "stopped": 0}, {"instant": 0, "daily": 0, "weekly": 0}, [], 0, {7: 0, 30: 0})
    empty = Stats(0, 0, {}, [Searches(7, 0, 0), Searches(30, 0, 0)], 0, {}, [], [], [], [], nobody)
    nothing_yet = assert_telegram_accepts(reports.stats(language, empty))
    assert ("confident match — · only suggestions — · nothing —" if language == "en" else "پاسخ مطمئن — · فقط پیشنهاد — · هیچ —") in nothing_yet


@pytest.mark.parametrize(("language", "line"), [("en", "🌐 also asked as: “lastik docharkhe” (2)"),
                                              ("fa", "🌐 به این صورت هم پرسیده شده: «lastik docharkhe» (۲)")])
def test_demand_shows_the_other_languages_a_need_was_asked_in(language: str, line: str) -> None:
    """One row for «لاستیک دوچرخه» asked in Persian and in Finglish: the total, and the other script's wording."""
    (tyre, wedding) = group_queries([("لاستیک دوچرخه", 1), ("lastik docharkhe", 2), ("lastik docharkhe", 3), ("لاستیک دوچرخه", 4),
                                     ("لاستیک دوچرخه", 5), ("wedding dress", 6)], reading=lambda word: {})
    visible = assert_telegram_accepts(reports.demand(language, [tyre, wedding], 30))
    assert line in visible and visible.count(line.split(":")[0]) == 1
    assert ("searches: 5" if language == "en" else "۵ جستجو") in visible


@pytest.mark.parametrize("language", LANGUAGES)
def test_forms_fields_and_admins(language: str) -> None:
    kinds: tuple[Kind, ...] = ("product", "desk")
    for kind in kinds:
        assert_telegram_accepts(listings.draft_intro(language, kind, SECTORS))
        for index in range(8):
            assert_telegram_accepts(listings.draft_step(language, kind, index, SECTORS))
    visible = assert_telegram_accepts(listings.current_fields(language, "product", "AUT-002", {"name_en": "<b>x</b> & y", "description": HUGE}))
    assert "name_en: <b>x</b> & y" in visible
    admins = [Admin(900, "<Ali>", "ali", True)] + [Admin(n, HUGE, None, False, 900, WHEN) for n in range(200)]
    assert_telegram_accepts(grants.admins_list(language, admins, TZ))
    for outcome in Outcome:
        assert_telegram_accepts(grants.change(language, outcome, user_link(5, "<x>", None)))
    assert size(language, 5 * 1024 * 1024) == ("5 MB" if language == "en" else "۵ مگابایت")
