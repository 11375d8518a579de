"""Unmet demand: variants of one need group together, different needs stay apart, on realistic queries."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from itertools import count

import pytest
from sqlmodel import Session, select

from bot.services.demand import Reading, demand_groups, group_queries, need_words, same_need, unmet_demand
from bot.services.search import Found, Matcher
from tests.matching.conftest import matcher  # noqa: F401 (the fixture: the engine over the seeded catalog)
from bot.services.demand_actions import names
from bot.store.models import SearchLog, utcnow

# How investors actually type: need statements, typos, plurals, Persian spacing and half-spacing, HS codes.
# Keys name the need; the same need in English and in Persian are two needs here (no translation).
NEEDS: dict[str, list[str]] = {
    "wedding dress": ["wedding dresses", "wedding dress", "I want to invest in wedding dress production", "weding dresses",
                      "white wedding dresses", "Wedding Dresses!", "looking for a partner to produce wedding gowns and wedding dresses"],
    "لباس عروس": ["لباس عروس", "تولید لباس عروس", "لباس‌های عروس", "لباسهای عروس", "میخواهم لباس عروس تولید کنم", "لباس عروس "],
    "solar panel": ["solar panels", "solar panel", "photovoltaic solar panels", "looking for a partner to produce solar panels",
                    "solar pannels", "solar panel manufacturing", "solar panels for export"],
    "پنل خورشیدی": ["پنل خورشیدی", "پنل‌های خورشیدی", "تولید پنل خورشیدی", "پنل های خورشیدی", "پنلهای خورشیدی", "پنل خورشيدي"],
    "lithium battery": ["lithium batteries", "lithium ion battery", "lithium-ion batteries", "litium batteries",
                        "lithium batteries for electric cars"],
    "باتری لیتیومی": ["باتری لیتیومی", "باتری لیتیوم یون", "تولید باتری لیتیومی", "باتری‌های لیتیومی", "باتری لیتیومی برای خودرو"],
    "chocolate": ["chocolate", "chocolate factory", "chocolates", "choclate"],
    "شکلات": ["شکلات", "کارخانه شکلات", "تولید شکلات"],
    "mobile phone": ["mobile phones", "mobile phone assembly", "mobile phone", "mobil phones"],
    "گوشی موبایل": ["گوشی موبایل", "تولید گوشی موبایل", "گوشی های موبایل", "مونتاژ گوشی موبایل"],
    "drone": ["drones", "drone", "agricultural drone"],
    "پهپاد": ["پهپاد", "ساخت پهپاد", "پهپادها", "پهباد"],
    "toy": ["toys", "children's toys", "toy"],
    "اسباب بازی": ["اسباب بازی", "اسباب‌بازی", "اسباببازی", "اسباب بازی کودک"],
    "olive oil": ["olive oil", "olive oil bottling"],
    "چای سبز": ["چای سبز", "چای سبز ارگانیک"],
    "HS 950300": ["HS 9503.00", "950300", "کد تعرفه ۹۵۰۳۰۰"],
    # Needs that share words with those above, or with each other, yet are different.
    "solar water heater": ["solar water heater", "solar water heaters"],
    "آبگرمکن خورشیدی": ["آبگرمکن خورشیدی"],
    "car battery": ["car battery", "car batteries", "lead acid car battery"],
    "battery charger": ["battery charger", "battery chargers"],
    "mobile phone cover": ["mobile phone cover", "mobile phone covers"],
    "sunflower oil": ["sunflower oil"],
    "چای سیاه": ["چای سیاه"],
    "glass bottle": ["glass bottles"],
    "plastic bottle": ["plastic bottles"],
    "gas turbine": ["gas turbine"],
    "gas burner": ["gas burner"],
    "cotton yarn": ["cotton yarn"],
    "cotton fabric": ["cotton fabric"],
    "paper cup": ["paper cups"],
}
NOT_NEEDS = ["hello", "سلام", "hi there", "thanks", "?", "ممنون"]


def searches() -> list[tuple[str, int | None]]:
    users = count(1)
    return [(query, next(users)) for queries in NEEDS.values() for query in queries] + [(query, None) for query in NOT_NEEDS]


def test_variants_of_one_need_group_together_and_different_needs_do_not() -> None:
    need_of = {" ".join(query.split()): need for need, queries in NEEDS.items() for query in queries}
    groups = group_queries(searches())
    found: dict[str, set[int]] = defaultdict(set)
    for index, group in enumerate(groups):
        needs = {need_of[wording] for wording in group._wordings}
        assert len(needs) == 1, f"group {group.key!r} mixes {sorted(needs)}"
        found[needs.pop()].add(index)
    split = {need: len(indexes) for need, indexes in found.items() if len(indexes) > 1}
    assert split == {}, f"needs split over several groups: {split}"
    assert set(found) == set(NEEDS)  # greetings and thanks are not needs


def test_groups_are_counted_and_ordered() -> None:
    groups = group_queries([*searches(), ("wedding dresses", 1), ("wedding dresses", 1)])
    first = groups[0]
    assert first.key == "wedding dress"
    assert first.searches == len(NEEDS["wedding dress"]) + 2 and first.people == len(NEEDS["wedding dress"])
    assert first.examples[0] == "wedding dresses" and len(first.examples) == 3
    assert [g.searches for g in groups] == sorted((g.searches for g in groups), reverse=True)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("I want to invest in producing wedding dresses", ["wedding", "dress"]),
        ("لباس‌های عروس", ["لباس", "عروس"]),
        ("batteries for electric cars", ["battery"]),
        ("HS 8413.70", ["841370"]),
        ("hello", []),
    ],
)
def test_need_words(query: str, words: list[str]) -> None:
    assert need_words(query) == words


def test_the_head_word_decides_when_one_need_adds_words() -> None:
    assert same_need(["wedding", "dress"], ["white", "wedding", "dress"])
    assert not same_need(["mobile", "phone"], ["mobile", "phone", "cover"])
    assert same_need(["لباس", "عروس"], ["لباس", "عروس", "سفید"])
    assert not same_need(["car", "battery"], ["lithium", "battery"])


def test_unmet_demand_reads_the_search_log_of_the_period(session: Session) -> None:
    now = utcnow()
    for query, matched, age in [("wedding dresses", False, 1), ("weding dress", False, 5), ("wedding dress", False, 45),
                                ("brake pads", True, 1), ("hello", False, 1)]:
        session.add(SearchLog(user_id=7, query=query, matched=matched, created_at=now - timedelta(days=age)))
    session.flush()
    (group,) = unmet_demand(session=session, days=30, now=now)
    assert (group.key, group.searches, group.people) == ("wedding dress", 2, 1)
    assert len(unmet_demand(session=session, days=60, now=now)[0].examples) == 3
    assert unmet_demand(session=session, days=30, limit=0, now=now) == []


def test_a_search_answered_only_by_related_suggestions_is_unmet_and_says_so(session: Session) -> None:
    from bot.services import browse, catalog
    from bot.services.search import Matcher

    catalog.seed(session=session)
    matcher = Matcher.load(session=session)
    browse.search("shoes", session=session, matcher=matcher, user_id=7)  # related: the composite brake shoe
    browse.search("wedding dresses", session=session, matcher=matcher, user_id=7)  # nothing at all
    browse.search("brake pads", session=session, matcher=matcher, user_id=7)  # confident
    logged = {entry.query: (entry.matched, entry.related_shown) for entry in session.exec(select(SearchLog))}
    assert logged == {"shoes": (False, True), "wedding dresses": (False, False), "brake pads": (True, False)}
    groups = {group.key: group.with_related for group in unmet_demand(session=session, days=30)}
    assert groups == {"shoe": 1, "wedding dress": 0}


def test_a_group_is_labelled_as_people_spelled_it_not_in_its_search_form() -> None:
    groups = {group.key: group for group in group_queries(
        [("پمپ آب", 1), ("پمپ‌های آب؟", 2), ("ECU chips", 3), ("ECU chip", 4), ("Wedding Dresses", 5)])}
    assert groups["پمپ اب"].label == "پمپ آب"  # the search form drops the madda; admins read the word as typed
    assert groups["ecu chip"].label == "ECU chip"
    assert groups["wedding dress"].label == "Wedding Dresses"  # as typed, not trimmed of its plural


def test_a_finglish_need_is_labelled_as_typed_and_grouped_with_its_persian(reading: Reading) -> None:
    """A user trial: "lebas aroos" was listed apart from «لباس عروس», as "leba aroo" (its s trimmed as an English
    plural's). Each of its words alone has too few consonants to tell (l-b-s, r-s); in order, they are «لباس عروس»."""
    queries = ["lebas aroos", "لباس عروس", "لباس عروس سفید", "wedding dress"]
    groups = {group.key: group for group in group_queries([(query, user) for user, query in enumerate(queries)], reading=reading)}
    assert sorted(groups) == ["leba aroo", "wedding dress"]  # the engine cannot read "wedding dress" as «لباس عروس»
    wedding = groups["leba aroo"]
    assert wedding.label == "lebas aroos" and wedding.searches == 3 and wedding.languages
    assert [wedding.spell(need.split(), as_typed=True) for need, _ in wedding.variants] == ["lebas aroos", "لباس عروس", "لباس عروس سفید"]
    # Without the Persian need, nothing links it: English words with those consonants are not read as Persian.
    assert len(group_queries([("lebas aroos", 1), ("lobes arose", 2)], reading=reading)) == 2


def test_a_drafted_listing_is_named_as_people_spelled_the_need(matcher: Matcher) -> None:
    (persian,) = group_queries([("پمپ‌های آب", 1), ("پمپ آب", 2)])
    assert names(persian, matcher.finglish) == {"name_fa": "پمپ آب"}  # with its madda, not the search form "پمپ اب"
    # As typed, never the search key's trimmed plural: the key cannot tell an English plural ("chips") from a Finglish
    # word ending in s ("lebas", «لباس»), and "Leba aroo" was a review's finding; a typed singular is taken first.
    (english,) = group_queries([("ECU chips", 3)])
    assert names(english, matcher.finglish) == {"name_en": "ECU chips"}
    (both,) = group_queries([("brake discs", 5), ("brake disc", 6)])
    assert names(both, matcher.finglish) == {"name_en": "Brake disc"}


@pytest.mark.parametrize("typed", ["lebas aroos", "mil lang", "komak fanar", "Mil Lang", "yakhchal sanati", "lastik docharkhe"])
def test_a_need_typed_in_finglish_is_drafted_as_an_alias_never_as_the_english_name(matcher: Matcher, typed: str) -> None:
    """A user trial: /demand drafted "mil lang" (Finglish «میل لنگ», a crankshaft) as the English name "Mil lang".
    Persian typed in Latin letters is another name of the listing on its Persian side, spelled as typed."""
    (group,) = group_queries([(typed, 7)])
    assert names(group, matcher.finglish) == {"aliases": typed}


@pytest.mark.parametrize("typed", ["wedding dress", "ECU chips", "brake discs", "battery charger", "bicycle tyre",
                                   "solar panels", "spandex yarn", "honey", "olive oil", "car mats"])
def test_an_english_need_is_no_finglish(matcher: Matcher, typed: str) -> None:
    """English words of the catalog, English-only spellings ("wedding", "dress") and short words that only sound like a
    Persian one ("honey") keep a need English."""
    assert not matcher.finglish(typed)


def test_a_need_asked_in_persian_and_in_finglish_is_drafted_with_both(matcher: Matcher) -> None:
    (group,) = group_queries([("لاستیک دوچرخه", 8), ("lastik docharkhe", 9)], reading=matcher.reading)
    assert names(group, matcher.finglish) == {"name_fa": "لاستیک دوچرخه", "aliases": "lastik docharkhe"}


# One need asked in two languages or scripts, as the matching engine reads its words: Finglish, the curated synonyms
# ("tyre", "tire"), the translations learnt from the catalog's parallel names ("battery", «باتری»).
ACROSS: dict[str, list[str]] = {
    "bicycle tyre": ["bicycle tyres", "bicycle tire", "bicycle tyre"],
    "لاستیک دوچرخه": ["لاستیک دوچرخه", "lastik docharkhe", "تولید لاستیک دوچرخه"],
}
SAME_ACROSS = [{"solar panel", "پنل خورشیدی"}, {"lithium battery", "باتری لیتیومی"}]


@pytest.fixture(scope="module")
def reading(matcher: Matcher) -> Reading:
    """The engine's reading of words over the seeded catalog."""
    return matcher.reading


def test_one_need_asked_in_two_languages_is_one_group_as_the_engine_reads_it(reading: Reading) -> None:
    """«لاستیک دوچرخه» and "lastik docharkhe" were two rows of /demand; so were "bicycle tyre" and "bicycle tire".
    Needs the engine cannot read as one stay apart: "wedding dress", «لباس عروس»; «تایر دوچرخه» ("bicycle" is no
    word of the catalog); and every pair of different needs of the set above."""
    needs = {**NEEDS, **ACROSS, "تایر دوچرخه": ["تایر دوچرخه"]}
    need_of = {" ".join(query.split()): need for need, queries in needs.items() for query in queries}
    users = count(1)
    groups = group_queries([(query, next(users)) for queries in needs.values() for query in queries], reading=reading)
    merged = [{need_of[wording] for wording in group._wordings} for group in groups]
    assert sorted(map(sorted, (group for group in merged if len(group) > 1))) == sorted(map(sorted, SAME_ACROSS))
    assert sorted(need for group in merged for need in group) == sorted(needs)  # none split
    tyre = next(group for group in groups if "lastik docharkhe" in group._wordings)
    assert (tyre.key, tyre.searches, tyre.people) == ("لاستیک دوچرخه", 3, 3)
    assert tyre.variants == [("لاستیک دوچرخه", 2), ("lastik docharkhe", 1)] and tyre.languages
    english = next(group for group in groups if "bicycle tire" in group._wordings)
    assert english.searches == 3 and not english.languages
    assert all(len(group.variants) == 1 for group in group_queries([("wedding dress", 1), ("لباس عروس", 2)], reading=reading))
    # "rhenium" has the consonants of «راهنما» (a guide), but the engine reads it as the metal: two needs.
    assert len(group_queries([("rhenium", 1), ("راهنما", 2)], reading=reading)) == 2
    assert len(group_queries([("rahnama", 1), ("راهنما", 2)], reading=reading)) == 1


def test_without_the_engines_reading_two_languages_stay_two_groups() -> None:
    assert len(group_queries([("لاستیک دوچرخه", 1), ("lastik docharkhe", 2)])) == 2


def test_a_need_the_catalog_answers_now_is_marked_and_left_out_of_unmet_demand(seeded: Session) -> None:
    """The search log says what was unanswered then; a listing or alias added since may answer it now."""
    for query in ["brake pads", "brake pads", "wedding dresses"]:
        seeded.add(SearchLog(user_id=7, query=query, matched=False))
    seeded.flush()
    current = Matcher.load(session=seeded)
    groups = {group.key: group for group in demand_groups(session=seeded, matcher=current)}
    assert {key: group.answered_by for key, group in groups.items()} == {"brake pad": "AUT-002", "wedding dress": None}
    assert [group.key for group in unmet_demand(session=seeded, matcher=current)] == ["wedding dress"]
    # Without the engine nothing is re-read: both stay unmet.
    assert [group.key for group in unmet_demand(session=seeded)] == ["brake pad", "wedding dress"]


def test_a_matcher_searches_each_wording_once_per_build(matcher: Matcher, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """/demand, /stats and every demand button ask whether each open group is answered now: one search per wording."""
    searched: list[str] = []
    monkeypatch.setattr(matcher, "_answers", {})  # the fixture's matcher is shared: forget what other tests asked
    lookup = matcher.lookup

    def counted(query: str, *, limit: int = 10) -> Found:
        searched.append(query)
        return lookup(query, limit=limit)

    monkeypatch.setattr(matcher, "lookup", counted)
    answers = [matcher.first_answer(query) for query in ("brake pads", "wedding dress", "brake pads", "wedding dress")]
    assert answers == ["AUT-002", None, "AUT-002", None]
    assert searched == ["brake pads", "wedding dress"]
