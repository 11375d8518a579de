"""Dates as each reader sees and types them: the Solar Hijri (Jalali) calendar in Persian, ISO Gregorian in English.

Pure functions (no Telegram, no database), so that cards, digests, lead timelines, exports and input steps all
share one definition. The calendar arithmetic is persiantools' (README, Dependencies): it agreed with jdatetime
on every day of the Iranian years 1300–1499 when we chose it, and tests/bot/test_dates.py walks those days.

What a reader sees:

- Persian: the Jalali date with the Persian month name and Persian digits, ``«۲۵ دی ۱۴۰۵»``; a moment adds the
  time, ``«۲۵ دی ۱۴۰۵، ۱۴:۳۰»``.
- English: the Gregorian date as the bot has always shown it, ISO ``2027-01-15``; a moment ``2027-01-15 14:30``.

What :func:`parse_date` accepts is written in its docstring and in README, "Dates and the Iranian calendar".
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from typing import Literal, get_args
from zoneinfo import ZoneInfo

from persiantools.digits import en_to_fa
from persiantools.jdatetime import MAXYEAR, MINYEAR, JalaliDate

from bot.i18n import zone_name
from bot.services.inputs import ascii_digits, clean_text

# A four-digit year in this range is an Iranian (Jalali) year: 1300–1499 AP are 1921–2121 AD, and no Gregorian
# year a deadline could carry falls in it.
JALALI_YEARS = range(1300, 1500)
# A four-digit year in this range is a Gregorian one. Anything else is a typo, not a date.
GREGORIAN_YEARS = range(1900, 2200)

PERSIAN_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)
# Spellings people type besides the ones above: the older «امرداد», Arabic yeh and kaf from Arabic keyboards.
_MONTH_NUMBERS = {name: number for number, name in enumerate(PERSIAN_MONTHS, start=1)} | {"امرداد": 5}
# The same months in Latin letters, as Iranians write them in English ("1 Mehr 1403").
_FINGLISH_MONTHS = {
    "farvardin": 1, "ordibehesht": 2, "khordad": 3, "tir": 4, "mordad": 5, "amordad": 5, "shahrivar": 6,
    "mehr": 7, "aban": 8, "azar": 9, "dey": 10, "dei": 10, "day": 10, "bahman": 11, "esfand": 12,
}
# Ordinal days typed in words: «اول مهر ۱۴۰۳», «بیست و یکم آبان». (ZWNJ and spaces are one space by then.)
_ORDINAL_UNITS = ("یکم", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم")
_ORDINAL_DAYS = (
    {"اول": 1, "یکم": 1} | {word: number for number, word in enumerate(_ORDINAL_UNITS, start=1)}
    | {word: number for number, word in enumerate(
        ("دهم", "یازدهم", "دوازدهم", "سیزدهم", "چهاردهم", "پانزدهم", "شانزدهم", "هفدهم", "هجدهم", "نوزدهم"), start=10)}
    | {"پونزدهم": 15, "هیفدهم": 17, "هیجدهم": 18, "بیستم": 20, "سی ام": 30, "سیام": 30}
    | {f"{tens} و {unit}": base + number for tens, base in (("بیست", 20), ("سی", 30))
       for number, unit in enumerate(_ORDINAL_UNITS, start=1) if base + number <= 31}
)
_ORDINAL = re.compile("(" + "|".join(sorted(map(re.escape, _ORDINAL_DAYS), key=len, reverse=True)) + ") ")
_ARABIC_LETTERS = str.maketrans("يىك", "ییک")

# Year, month and day with one separator written twice: ASCII hyphen, slash or full stop, or the Arabic decimal
# separator that Persian number pads type for the full stop.
_NUMERIC = re.compile(r"([0-9]{4})([-/.\u066b])([0-9]{1,2})\2([0-9]{1,2})")
# The Persian form the bot shows, day, Persian month name, Jalali year, with the «ماه» (month) people often
# write after the name, apart or not («۲۵ دی‌ماه ۱۴۰۵», «۱ مهرماه ۱۴۰۳»). Runs of spaces are one space by then.
_NAMED = re.compile(r"([0-9]{1,2}) (\S+?)(?:[ \u200c]?ماه)? ([0-9]{4})")
# A month and a year alone («مهر ۱۴۰۳»): read as its first day where a rough day will do (parse_date's
# ``month_alone``).
_MONTH_YEAR = re.compile(r"(\S+?)(?:[ \u200c]?ماه)? ([0-9]{4})")
# Where a rough day will do, "since" said before it («از اول مهر ۱۴۰۳», «از سال ۱۴۰۱», "since 2022", and in
# Finglish "az sale 1401", "az mehr 1402") and a year alone, read as its first day. Group 1 is the word for "year"
# when it was said: a two-digit year after it is a Jalali one (_SHORT_YEAR).
_SINCE = re.compile(
    r"(?:از|since|from|az)(?: (سال|year|the year|sale|sal|saal|saale))? |(سال|year|sale|sal|saal|saale) ", re.IGNORECASE
)
_YEAR = re.compile(r"[0-9]{4}")
_ENGLISH_YEAR = frozenset({"year", "the year"})
# «از سال ۹۸», "az sale 99": Iranians say the Jalali year by its last two digits; only after the word for "year", so
# that no other number («از ۲۰ مهر») is taken for one.
_SHORT_YEAR = re.compile(r"[0-9]{2}")
# What ends a sentence, dropped after a rough day ("since 2022.").
_END_MARKS = ".!؟?،,؛;"

Calendar = Literal["jalali", "gregorian"]
DateProblemCode = Literal["not_a_date", "no_such_day", "in_the_past"]
DATE_PROBLEM_CODES: tuple[DateProblemCode, ...] = get_args(DateProblemCode)


class DateProblem(ValueError):
    """Why a typed date is refused; ``code`` picks the reader's message, the other fields fill it in.

    - ``not_a_date``: not in a form :func:`parse_date` reads (``text`` is what was typed).
    - ``no_such_day``: the form is right but the calendar has no such day (``1404-12-30``, ``2027-02-30``,
      ``1405-13-01``); ``month_days`` is how many days that month has, None when the month itself does not exist.
    - ``in_the_past``: a real day before today where a future one was asked for; ``day`` is that day.
    """

    def __init__(
        self, code: DateProblemCode, text: str, *, month_days: int | None = None, day: date | None = None
    ) -> None:
        super().__init__(f"{text[:40]!r}: {code}")
        self.code: DateProblemCode = code
        self.text = text
        self.month_days = month_days
        self.day = day


def persian_digits(text: str) -> str:
    """``text`` with the ASCII digits written as Persian ones (nothing else changes, unlike a decimal point)."""
    return en_to_fa(text)


def _jalali(day: date) -> JalaliDate | None:
    """The Jalali date of ``day``; None before 622-03-22 AD or after the library's last year (9377 AP)."""
    try:
        # persiantools annotates everything but its constructor; a datetime is read as its calendar date.
        return JalaliDate(date(day.year, day.month, day.day))  # type: ignore[no-untyped-call]
    except ValueError:
        return None


def to_jalali(day: date) -> tuple[int, int, int] | None:
    """``day`` as (year, month, day) of the Jalali calendar; None outside the years persiantools covers."""
    jalali = _jalali(day)
    return None if jalali is None else (jalali.year, jalali.month, jalali.day)


def month_days(which: Calendar, year: int, month: int) -> int:
    """How many days ``month`` (1–12) of ``year`` has in that calendar: esfand has 30 in a leap year, 29 otherwise.

    Jalali years run from 1 to 9377 (persiantools' range); Gregorian ones from 1 to 9999.
    """
    if which == "jalali":
        return JalaliDate.days_in_month(month, year)
    return calendar.monthrange(year, month)[1]


def from_jalali(year: int, month: int, day: int) -> date:
    """The Gregorian date of Jalali ``year-month-day``; raises :class:`DateProblem` ``no_such_day`` if there is
    none (``month_days`` is None when the month or the year is out of range)."""
    return _real_day("jalali", year, month, day, f"{year:04}-{month:02}-{day:02}")


def format_date(language: str, day: date) -> str:
    """``day`` for a reader: ``«۲۵ دی ۱۴۰۵»`` in Persian, ``2027-01-15`` otherwise.

    A day the Jalali calendar cannot hold (a stored 0001-01-01) is shown to Persian readers as the ISO
    Gregorian date in Persian digits, as before this module, rather than failing the whole message.
    """
    jalali = to_jalali(day) if language == "fa" else None
    if jalali is None:
        text = date(day.year, day.month, day.day).isoformat()
        return persian_digits(text) if language == "fa" else text
    year, month, dom = jalali
    return persian_digits(f"{dom} {PERSIAN_MONTHS[month - 1]} {year}")


def _local(moment: datetime, tz: ZoneInfo) -> datetime:
    if moment.tzinfo is None:
        # astimezone would take a naive time as the machine's local time: a wrong hour, silently.
        raise ValueError(f"{moment!r} has no time zone")
    return moment.astimezone(tz)


def format_moment(language: str, moment: datetime, tz: ZoneInfo) -> str:
    """An aware ``moment`` in ``tz``: ``«۲۵ دی ۱۴۰۵، ۱۴:۳۰»`` in Persian, ``2027-01-15 14:30 Tehran time`` otherwise.

    English names the zone, as the digest's schedule does ("Tehran time"): a blind trial's English readers took a
    bare hour for their own (or UTC). The Persian reader's Solar Hijri date says Iran already."""
    local = _local(moment, tz)
    if language != "fa":
        return f"{local:%Y-%m-%d %H:%M} {zone_name(language, tz.key)} time"
    return f"{format_date(language, local.date())}، {persian_digits(local.strftime('%H:%M'))}"


def jalali_iso(day: date) -> str:
    """``day`` as a Jalali ``1405-10-25`` in ASCII digits, for exports' Persian columns (a spreadsheet sorts it
    as text in date order); empty for a day the Jalali calendar cannot hold."""
    jalali = to_jalali(day)
    return "" if jalali is None else "{:04}-{:02}-{:02}".format(*jalali)


def jalali_iso_moment(moment: datetime, tz: ZoneInfo) -> str:
    """An aware ``moment`` in ``tz`` as a Jalali ``1405-10-25 14:30:00``, for exports' Persian columns."""
    local = _local(moment, tz)
    day = jalali_iso(local.date())
    return f"{day} {local.strftime('%H:%M:%S')}" if day else ""


def program_year_label(language: str, year: int) -> str:
    """A desk's program year: ``«سال ۱۴۰۱»`` or ``Iranian year 1401 (2022–23)``.

    The stored program years are Iranian calendar years (the seeded desks' 1401 is the year the desks were set
    up, 2022–23, and admins are asked for one like 1402). A year outside :data:`JALALI_YEARS` is shown as stored,
    unlabelled, rather than called Iranian when it is not. English readers also get the Gregorian span: an Iranian
    year starts in March.
    """
    if year not in JALALI_YEARS:
        return persian_digits(str(year)) if language == "fa" else str(year)
    if language == "fa":
        return f"سال {persian_digits(str(year))}"
    start, end = year + 621, year + 622
    return f"Iranian year {year} ({start}–{end % 100:02d})" if start // 100 == end // 100 else f"Iranian year {year} ({start}–{end})"


def deadline_passed(deadline: date, *, today: date) -> bool:
    """Whether a deadline is over: its own day still counts, as :func:`parse_date` accepts today for a deadline."""
    return deadline < today


def _real_day(which: Calendar, year: int, month: int, day: int, text: str) -> date:
    if not 1 <= month <= 12 or (which == "jalali" and not MINYEAR <= year <= MAXYEAR):
        raise DateProblem("no_such_day", text)
    days = month_days(which, year, month)
    if not 1 <= day <= days:
        raise DateProblem("no_such_day", text, month_days=days)
    if which == "gregorian":
        return date(year, month, day)
    gregorian: date = JalaliDate(year, month, day).to_gregorian()  # type: ignore[no-untyped-call]
    return gregorian


def _calendar_of(year: int) -> Calendar | None:
    if year in JALALI_YEARS:
        return "jalali"
    return "gregorian" if year in GREGORIAN_YEARS else None


def _month_number(name: str) -> int:
    """1–12 for a Jalali month's name in Persian or Latin letters; 0 for anything else."""
    return _MONTH_NUMBERS.get(name.translate(_ARABIC_LETTERS), 0) or _FINGLISH_MONTHS.get(name.casefold(), 0)


def _jalali_year_of(two_digits: int, today: date) -> int:
    """The Jalali year said by its last two digits: the latest such year that is not after ``today``'s."""
    this_year = _jalali(today)
    current = this_year.year if this_year is not None else 1400
    year = current - current % 100 + two_digits
    return year if year <= current else year - 100


def _read(text: str, *, today: date, month_alone: bool = False) -> date:
    """The day ``text`` names, in either calendar; raises :class:`DateProblem` (no check against today, which only
    says the century of a two-digit Jalali year)."""
    plain = " ".join(ascii_digits(clean_text(text)).translate(_ARABIC_LETTERS).replace("\u200c", " ").split())
    if month_alone:
        plain = plain.rstrip(_END_MARKS + " ")
        if (since := _SINCE.match(plain)):
            plain = plain[since.end():]
            # Only the Persian and Finglish word: "since year 22" is no 1322, and English says its years whole.
            if (since[1] or since[2] or "year").casefold() not in _ENGLISH_YEAR and _SHORT_YEAR.fullmatch(plain):
                plain = str(_jalali_year_of(int(plain), today))
    plain = _ORDINAL.sub(lambda found: f"{_ORDINAL_DAYS[found[1]]} ", plain, count=1) if _ORDINAL.match(plain) else plain
    which: Calendar | None = None
    if numeric := _NUMERIC.fullmatch(plain):
        year, month, day = int(numeric[1]), int(numeric[3]), int(numeric[4])
        which = _calendar_of(year)
    elif named := _NAMED.fullmatch(plain):
        year, month, day = int(named[3]), _month_number(named[2]), int(named[1])
        which = "jalali" if month and year in JALALI_YEARS else None
    elif month_alone and (alone := _MONTH_YEAR.fullmatch(plain)):
        year, month, day = int(alone[2]), _month_number(alone[1]), 1
        which = "jalali" if month and year in JALALI_YEARS else None
    elif month_alone and _YEAR.fullmatch(plain):
        year, month, day = int(plain), 1, 1
        which = _calendar_of(year)
    if which is None:
        raise DateProblem("not_a_date", text)
    return _real_day(which, year, month, day, text)


def parse_date(text: str, *, today: date, must_be_future: bool = False, month_alone: bool = False) -> date:
    """The day an admin typed, as a Gregorian :class:`date`; raises :class:`DateProblem` naming what is wrong.

    Accepted, with surrounding spaces, in ASCII, Persian (``۱۴۰۵``) or Arabic-Indic (``١٤٠٥``) digits:

    - year, month, day with the same separator twice, ``-``, ``/``, ``.`` or ``٫``: ``2027-01-15``,
      ``1405/10/25``, ``1405.1.5``. The four-digit year decides the calendar: 1300–1499 is an Iranian (Jalali)
      year, 1900–2199 a Gregorian one, any other year is ``not_a_date``;
    - the Persian form the bot shows: day, Persian month name, Jalali year, ``۲۵ دی ۱۴۰۵``, also with «ماه»
      after the name (``۲۵ دی‌ماه ۱۴۰۵``, ``۱ مهرماه ۱۴۰۳``); Arabic yeh and kaf, and the older «امرداد», are read
      too; the day may be an ordinal word (``اول مهر ۱۴۰۳``, ``بیست و یکم آبان ۱۴۰۲``) and the month may be
      written in Latin letters (``1 Mehr 1403``);
    - with ``month_alone`` (where a rough day will do: since when a unit is idle), a Jalali month and year
      alone, ``مهر ۱۴۰۳``, ``مهرماه ۱۴۰۳``, ``Mehr 1403``, read as the month's first day, a year alone
      (``۱۴۰۱``, ``سال ۱۴۰۱``, ``2022``) as the year's first day, and any of these after «از», «از سال»,
      "since" or Finglish "az", "az sale" (``از اول مهر ۱۴۰۳``, ``since 2022``, ``az sale 1401``), a full stop
      after them left out; after the word for year, a Jalali year by its last two digits (``از سال ۹۸`` is
      1398, ``az sale 02`` 1402: the latest such year not after today's).

    Not accepted: other two-digit years ("since year 22", ``از ۹۸``), day-first numeric dates (``15/01/2027`` is ambiguous), English month names.
    A day the calendar lacks (``1404-12-30``: 1404 is not a leap year; ``2027-02-30``) is ``no_such_day``.
    With ``must_be_future`` (deadlines), a day before ``today`` is ``in_the_past``; today itself is accepted,
    since a deadline's own day is still open (:func:`deadline_passed`). ``today`` is the date in the bot's
    time zone.
    """
    day = _read(text, today=today, month_alone=month_alone)
    if must_be_future and deadline_passed(day, today=today):
        raise DateProblem("in_the_past", text, day=day)
    return day
