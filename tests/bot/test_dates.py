"""The Solar Hijri (Jalali) calendar: conversion, what readers see, what admins may type."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.dates import (
    DATE_PROBLEM_CODES,
    JALALI_YEARS,
    DateProblem,
    deadline_passed,
    format_date,
    format_moment,
    from_jalali,
    jalali_iso,
    jalali_iso_moment,
    month_days,
    parse_date,
    persian_digits,
    program_year_label,
    to_jalali,
)

TEHRAN = ZoneInfo("Asia/Tehran")
SEED = Path(__file__).resolve().parents[2] / "seed_data"
# The Iranian years 1300–1499, the span a four-digit year is read as Jalali in.
FIRST_DAY, LAST_DAY = date(1921, 3, 21), date(2121, 3, 20)
TODAY = date(2026, 11, 28)  # 7 Azar 1405
days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)


@pytest.mark.parametrize(
    ("gregorian", "jalali"),
    [
        (date(2024, 3, 19), (1402, 12, 29)),  # 1402 is not a leap year: esfand ends on the 29th
        (date(2024, 3, 20), (1403, 1, 1)),  # Nowruz 1403
        (date(2025, 3, 20), (1403, 12, 30)),  # 1403 is a leap year: esfand 30
        (date(2025, 3, 21), (1404, 1, 1)),  # Nowruz 1404
        (date(2026, 3, 20), (1404, 12, 29)),  # 1404 is not: its last day is esfand 29
        (date(2026, 3, 21), (1405, 1, 1)),  # Nowruz 1405
        (date(2021, 3, 20), (1399, 12, 30)),  # 1399, the leap year before 1403
        (date(2026, 11, 28), (1405, 9, 7)),
        (date(2027, 1, 15), (1405, 10, 25)),
        (date(1921, 3, 21), (1300, 1, 1)),
        (date(2121, 3, 20), (1499, 12, 29)),
    ],
)
def test_known_days_convert_both_ways(gregorian: date, jalali: tuple[int, int, int]) -> None:
    assert to_jalali(gregorian) == jalali
    assert from_jalali(*jalali) == gregorian


def test_leap_years_have_an_esfand_30_and_the_others_do_not() -> None:
    assert [year for year in range(1395, 1413) if month_days("jalali", year, 12) == 30] == [1395, 1399, 1403, 1408, 1412]
    assert month_days("jalali", 1405, 1) == 31 and month_days("jalali", 1405, 7) == 30
    assert month_days("gregorian", 2028, 2) == 29 and month_days("gregorian", 2027, 2) == 28
    with pytest.raises(DateProblem) as caught:
        from_jalali(1404, 12, 30)
    assert caught.value.code == "no_such_day" and caught.value.month_days == 29
    for year, month in ((0, 1), (9378, 1), (1405, 13)):
        with pytest.raises(DateProblem) as caught:
            from_jalali(year, month, 1)
        assert caught.value.code == "no_such_day" and caught.value.month_days is None
    assert from_jalali(9377, 12, 29) == date(9999, 3, 19)


def test_every_day_of_1300_to_1499_follows_the_one_before() -> None:
    """Walked day by day, the Jalali dates count up through months of 31 (1–6), 30 (7–11) and 29 or 30 days."""
    previous = to_jalali(FIRST_DAY)
    assert previous == (1300, 1, 1)
    leap_years: list[int] = []
    for offset in range(1, (LAST_DAY - FIRST_DAY).days + 1):
        current = to_jalali(FIRST_DAY + timedelta(days=offset))
        assert current is not None and previous is not None
        year, month, day = previous
        length = 31 if month <= 6 else 30 if month <= 11 else month_days("jalali", year, 12)
        expected = (year, month, day + 1) if day < length else (year, month + 1, 1) if month < 12 else (year + 1, 1, 1)
        assert current == expected
        if (month, day) == (12, 30):
            leap_years.append(year)
        previous = current
    assert previous == (1499, 12, 29)
    # Leap years come every fourth year, and once in each 33-year cycle after five (1403, then 1408).
    after_five = [later for earlier, later in zip(leap_years, leap_years[1:]) if later - earlier != 4]
    assert all(later - earlier in (4, 5) for earlier, later in zip(leap_years, leap_years[1:]))
    assert after_five == [1309, 1342, 1375, 1408, 1441, 1474] and len(leap_years) == 49


@given(days)
def test_gregorian_to_jalali_and_back_is_the_same_day(day: date) -> None:
    jalali = to_jalali(day)
    assert jalali is not None and jalali[0] in JALALI_YEARS
    assert from_jalali(*jalali) == day


def test_persian_readers_see_jalali_dates_and_english_readers_iso() -> None:
    assert format_date("fa", date(2027, 1, 15)) == "۲۵ دی ۱۴۰۵"
    assert format_date("fa", date(2025, 3, 20)) == "۳۰ اسفند ۱۴۰۳"
    assert format_date("fa", date(2026, 3, 21)) == "۱ فروردین ۱۴۰۵"
    assert format_date("en", date(2027, 1, 15)) == "2027-01-15"
    # A datetime where a date is expected is read as its calendar day.
    assert format_date("fa", datetime(2027, 1, 15, 23, 59)) == "۲۵ دی ۱۴۰۵"
    assert format_date("en", datetime(2027, 1, 15, 23, 59)) == "2027-01-15"


def test_a_day_the_jalali_calendar_cannot_hold_is_still_shown() -> None:
    assert to_jalali(date(1, 1, 1)) is None
    assert format_date("fa", date(1, 1, 1)) == "۰۰۰۱-۰۱-۰۱"
    assert format_date("en", date(1, 1, 1)) == "0001-01-01"
    assert jalali_iso(date(1, 1, 1)) == ""


def test_moments_are_shown_in_the_bots_time_zone() -> None:
    moment = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)
    assert format_moment("fa", moment, TEHRAN) == "۷ آذر ۱۴۰۵، ۱۴:۳۰"
    assert format_moment("en", moment, TEHRAN) == "2026-11-28 14:30 Tehran time"
    # 21:00 UTC on 20 March 2026 is already Nowruz 1405 in Tehran (UTC+03:30).
    nowruz = datetime(2026, 3, 20, 21, 0, tzinfo=UTC)
    assert format_moment("fa", nowruz, TEHRAN) == "۱ فروردین ۱۴۰۵، ۰۰:۳۰"
    assert format_moment("en", nowruz, TEHRAN) == "2026-03-21 00:30 Tehran time"
    assert format_moment("en", nowruz, ZoneInfo("Europe/Berlin")) == "2026-03-20 22:00 Berlin time"
    assert format_moment("fa", nowruz, ZoneInfo("UTC")) == "۲۹ اسفند ۱۴۰۴، ۲۱:۰۰"
    with pytest.raises(ValueError, match="no time zone"):
        format_moment("en", datetime(2026, 11, 28, 11, 0), TEHRAN)


def test_exports_get_jalali_values_in_ascii_digits() -> None:
    assert jalali_iso(date(2027, 1, 15)) == "1405-10-25"
    assert jalali_iso(date(2026, 3, 21)) == "1405-01-01"
    assert jalali_iso_moment(datetime(2026, 3, 20, 21, 0, 5, tzinfo=UTC), TEHRAN) == "1405-01-01 00:30:05"
    with pytest.raises(ValueError, match="no time zone"):
        jalali_iso_moment(datetime(2026, 3, 20, 21, 0), TEHRAN)


@given(days, days)
def test_jalali_iso_sorts_as_text_in_date_order(first: date, second: date) -> None:
    assert (jalali_iso(first) < jalali_iso(second)) == (first < second)


def test_persian_digits_change_digits_only() -> None:
    assert persian_digits("14:30, 1.5") == "۱۴:۳۰, ۱.۵"


@pytest.mark.parametrize(
    "text",
    [
        "2027-01-15", "2027/01/15", "2027.1.15", "1405-10-25", "1405/10/25", "1405.10.25", "1405-10-25 ",
        "  1405/10/25\n", "۱۴۰۵/۱۰/۲۵", "١٤٠٥-١٠-٢٥", "۱۴۰۵٫۱۰٫۲۵", "\u200f1405/10/25", "۲۵ دی ۱۴۰۵", "25 دی 1405",
        "۲۵  دي  ۱۴۰۵", "۲۵ دی ماه ۱۴۰۵", "۲۵ دی\u200cماه ۱۴۰۵",
    ],
)
def test_admins_may_type_either_calendar(text: str) -> None:
    assert parse_date(text, today=TODAY) == date(2027, 1, 15)


def test_persian_month_names_are_read_in_the_spellings_people_type() -> None:
    assert parse_date("۱۰ مرداد ۱۴۰۶", today=TODAY) == parse_date("۱۰ امرداد ۱۴۰۶", today=TODAY) == date(2027, 8, 1)
    assert parse_date("۱ اردیبهشت ۱۴۰۶", today=TODAY) == date(2027, 4, 21)
    assert parse_date("۳ آذر ۱۴۰۶", today=TODAY) == parse_date("3 آذر 1406", today=TODAY)


@pytest.mark.parametrize(
    "text",
    ["اول مهر ۱۴۰۳", "۱ مهر ۱۴۰۳", "1 Mehr 1403", "۱ مهرماه ۱۴۰۳", "۱ مهر‌ماه ۱۴۰۳", "یکم مهر ۱۴۰۳", "اول مهر 1403",
     "1 mehr 1403", "اول مهر ماه ۱۴۰۳"],
)
def test_a_day_is_written_in_words_too(text: str) -> None:
    assert parse_date(text, today=TODAY) == date(2024, 9, 22)


@pytest.mark.parametrize(("number", "word"), [(1, "اول"), (2, "دوم"), (3, "سوم"), (10, "دهم"), (15, "پانزدهم"),
                                              (15, "پونزدهم"), (20, "بیستم"), (21, "بیست و یکم"), (29, "بیست و نهم"),
                                              (30, "سی‌ام"), (30, "سی ام"), (31, "سی و یکم")])
def test_persian_ordinal_days_are_their_numbers(number: int, word: str) -> None:
    assert parse_date(f"{word} فروردین ۱۴۰۳", today=TODAY) == parse_date(f"1403-01-{number:02}", today=TODAY)


@pytest.mark.parametrize(
    ("text", "day"),
    [("از اول مهر ۱۴۰۳", date(2024, 9, 22)), ("از مهر ۱۴۰۳", date(2024, 9, 22)), ("since Mehr 1403", date(2024, 9, 22)),
     ("از سال ۱۴۰۱", date(2022, 3, 21)), ("از ۱۴۰۱", date(2022, 3, 21)), ("۱۴۰۱", date(2022, 3, 21)),
     ("سال ۱۴۰۱", date(2022, 3, 21)), ("since 2022", date(2022, 1, 1)), ("from 2022", date(2022, 1, 1)),
     # Finglish and a full stop: a blind trial's "areh az sale 1401" (yes, since 1401) was asked for its date again.
     ("az sale 1401", date(2022, 3, 21)), ("az sal 1401", date(2022, 3, 21)), ("Az Saale 1401", date(2022, 3, 21)),
     ("az 1401", date(2022, 3, 21)), ("az mehr 1402", date(2023, 9, 23)), ("az 1 mehr 1402", date(2023, 9, 23)),
     ("since the year 2022", date(2022, 1, 1)), ("since 2022.", date(2022, 1, 1)), ("از سال ۱۴۰۱.", date(2022, 3, 21))],
)
def test_since_and_a_year_alone_where_a_rough_day_will_do(text: str, day: date) -> None:
    """A blind trial typed «از اول مهر ۱۴۰۳» and «از سال ۱۴۰۱» at "since when is the unit idle" and was refused."""
    assert parse_date(text, today=TODAY, month_alone=True) == day
    with pytest.raises(DateProblem):
        parse_date(text, today=TODAY)  # a deadline is a day, not a year


@pytest.mark.parametrize(("text", "year"), [("از سال ۹۸", 1398), ("az sale 99", 1399), ("sal 00", 1400), ("سال ۰۳", 1403)])
def test_a_jalali_year_said_by_its_last_two_digits_after_the_word_year(text: str, year: int) -> None:
    """«از سال ۹۸» is how Iranians say 1398: the latest year ending so that is not after today's Jalali year."""
    assert parse_date(text, today=TODAY, month_alone=True) == parse_date(f"{year}/01/01", today=TODAY)


@pytest.mark.parametrize("text", ["since 98", "از ۹۸", "98", "az sale 1", "az sale 123", "since year 22", "from the year 98", "year 02"])
def test_two_digits_without_the_word_year_are_no_year(text: str) -> None:
    with pytest.raises(DateProblem):
        parse_date(text, today=TODAY, month_alone=True)


@pytest.mark.parametrize("text", ["مهر ۱۴۰۳", "مهرماه ۱۴۰۳", "مهر ماه ۱۴۰۳", "Mehr 1403", "MEHR 1403", "مهر 1403"])
def test_a_month_alone_is_its_first_day_only_where_asked(text: str) -> None:
    assert parse_date(text, today=TODAY, month_alone=True) == date(2024, 9, 22)
    with pytest.raises(DateProblem):
        parse_date(text, today=TODAY)  # a deadline is a day, not a month


@pytest.mark.parametrize(
    "text",
    [
        "", "  ", "tomorrow", "15/01/2027", "01/15/2027", "27-01-15", "1405/10-25", "1405--10-25", "2027-01-15T00:00",
        "1700-01-01", "1299-12-29", "1500-01-01", "2200-01-01", "۲۵ دی ۲۰۲۷", "۲۵ ژانویه ۲۰۲۷", "25 January 2027", "۲۵ ماه ۱۴۰۵", "۲۵ دی ماه ماه ۱۴۰۵",
        "مهر ۱۴۰۶", "Mehr 1406", "صدم مهر ۱۴۰۶", "اول ۱۴۰۶", "1 October 1406",
        "1405-010-25", "20270115", "١٤٠٥/١٠/٢٥ و", "२०२७-01-15",
    ],
)
def test_what_is_not_a_date_says_so(text: str) -> None:
    with pytest.raises(DateProblem) as caught:
        parse_date(text, today=TODAY)
    assert caught.value.code == "not_a_date" and caught.value.text == text


@pytest.mark.parametrize(
    ("text", "days_in_month"),
    [
        ("1404-12-30", 29), ("1405/12/30", 29), ("1406-07-31", 30), ("1405-01-32", 31), ("1405-10-00", 30),
        ("2027-02-29", 28), ("2027-02-30", 28), ("2027-04-31", 30), ("۳۰ اسفند ۱۴۰۴", 29), ("1405-13-01", None),
        ("1405-00-10", None), ("2027-13-01", None),
    ],
)
def test_a_day_the_calendar_lacks_is_named(text: str, days_in_month: int | None) -> None:
    with pytest.raises(DateProblem) as caught:
        parse_date(text, today=TODAY)
    assert caught.value.code == "no_such_day" and caught.value.month_days == days_in_month


def test_the_last_day_of_a_leap_year_is_a_day() -> None:
    assert parse_date("1403-12-30", today=TODAY) == date(2025, 3, 20)
    assert parse_date("1408/12/30", today=TODAY) == date(2030, 3, 20)
    assert parse_date("2028-02-29", today=TODAY) == date(2028, 2, 29)


def test_deadlines_must_not_be_in_the_past_but_today_is_still_open() -> None:
    assert parse_date("1405-09-07", today=TODAY, must_be_future=True) == TODAY
    assert parse_date("2026-11-29", today=TODAY, must_be_future=True) == date(2026, 11, 29)
    for text in ("1405-09-06", "2026-11-27", "۶ آذر ۱۴۰۵"):
        with pytest.raises(DateProblem) as caught:
            parse_date(text, today=TODAY, must_be_future=True)
        assert caught.value.code == "in_the_past" and caught.value.day == date(2026, 11, 27)
    assert parse_date("2026-11-27", today=TODAY) == date(2026, 11, 27)  # a past day is fine where no deadline is asked
    assert not deadline_passed(TODAY, today=TODAY) and deadline_passed(date(2026, 11, 27), today=TODAY)


def test_the_problem_codes_are_the_three_documented() -> None:
    assert DATE_PROBLEM_CODES == ("not_a_date", "no_such_day", "in_the_past")


@given(days)
def test_what_either_reader_sees_reads_back_as_the_same_day(day: date) -> None:
    assert parse_date(format_date("fa", day), today=TODAY) == day
    assert parse_date(format_date("en", day), today=TODAY) == day
    assert parse_date(jalali_iso(day), today=TODAY) == day
    assert parse_date(persian_digits(jalali_iso(day).replace("-", "/")), today=TODAY) == day


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_a_date_problem(text: str) -> None:
    try:
        day = parse_date(text, today=TODAY, must_be_future=True)
    except DateProblem as problem:
        assert problem.code in DATE_PROBLEM_CODES
    else:
        assert day >= TODAY


def test_program_years_are_labelled_as_iranian_years() -> None:
    assert program_year_label("fa", 1401) == "سال ۱۴۰۱"
    assert program_year_label("en", 1401) == "Iranian year 1401 (2022–23)"
    assert program_year_label("en", 1378) == "Iranian year 1378 (1999–2000)"
    # A year that is not an Iranian one is shown as stored, not mislabelled.
    assert program_year_label("en", 2023) == "2023" and program_year_label("fa", 2023) == "۲۰۲۳"


def test_the_seeded_program_years_are_iranian_years() -> None:
    with (SEED / "desks.csv").open(encoding="utf-8") as file:
        years = {int(row["program_year"]) for row in csv.DictReader(file) if row["program_year"]}
    assert years == {1401}
    assert all(year in JALALI_YEARS for year in years)
