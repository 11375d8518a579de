"""The scorecard's chart: leads per week (bars) and the median response time (a line), 12 weeks, as a PNG.

Drawn with matplotlib's Agg backend (no display), through the object API (no pyplot, no global figure
state), one chart at a time, in whatever worker thread asks; matplotlib is loaded with the first chart. 1200×750 pixels with large type: readable on a phone, where
Telegram shows photos about 400 points wide.

**Language.** matplotlib draws text letter by letter, left to right, without joining letters, and the only
font it ships (DejaVu Sans) lacks many joined forms of Persian letters, so Persian *words* would come out
broken. The chart therefore holds no words in Persian: for a Persian reader its numbers are in Persian
digits, the weeks are Jalali dates (``۹/۸``, month/day) and the title is the desk's code and the Jalali
week; the caption (real text, shaped by the phone) says what the bars and the line are. In English the chart
carries its own legend.
"""

from __future__ import annotations

import io
import math
import threading
from collections.abc import Sequence

from bot.dates import persian_digits, to_jalali

from .scorecard import Scorecard, Week

WIDTH, HEIGHT, DPI = 8.0, 5.0, 150
BARS = "#3B6EA8"
LINE = "#D9822B"
INTRODUCTIONS = "#4E9A55"
# matplotlib shares font caches between figures: charts are drawn one at a time, whatever thread asks.
_DRAWING = threading.Lock()
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(language: str, week: Week) -> str:
    """A week's Saturday on the axis: ``Nov 22``, or Jalali ``۹/۱`` (month/day) in Persian."""
    jalali = to_jalali(week.start) if language == "fa" else None
    if jalali is None:
        return f"{_MONTHS_EN[week.start.month - 1]} {week.start.day}"
    return persian_digits(f"{jalali[1]}/{jalali[2]}")


def _number(language: str, value: float) -> str:
    """``1.5``, or ``۱٫۵`` with the Persian decimal separator."""
    text = f"{value:.1f}".removesuffix(".0")
    return persian_digits(text).replace(".", "\u066b") if language == "fa" else text


def _title(language: str, card: Scorecard) -> str:
    week = card.week
    if language == "fa":
        first, last = to_jalali(week.start), to_jalali(week.end)
        if first is not None and last is not None:
            return f"{card.desk.code}   " + persian_digits("{}/{}/{} – {}/{}/{}".format(*first, *last))
    return f"{card.desk.code} · week of {week.start:%d %b %Y}"


def response_days(weeks: Sequence[Week]) -> list[float | None]:
    """Each week's median response in days (None where no lead was first answered that week)."""
    return [None if week.median_response is None else week.median_response.total_seconds() / 86400 for week in weeks]


def render_png(card: Scorecard, language: str) -> bytes:
    """The chart of ``card`` in ``language`` ("en" or "fa"), as PNG bytes."""
    with _DRAWING:
        return _draw(card, language)


def _draw(card: Scorecard, language: str) -> bytes:
    # Imported on the first chart, not with the bot: matplotlib takes a second or more to load.
    import matplotlib

    matplotlib.use("Agg")  # no display on a server
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
    # Fixed margins, not a layout engine: it measures Persian digits narrower than they are drawn and cuts them.
    if language == "fa":
        figure.subplots_adjust(left=0.065, right=0.935, bottom=0.09, top=0.9)
    else:
        figure.subplots_adjust(left=0.085, right=0.915, bottom=0.16, top=0.9)
    bars = figure.add_subplot()
    positions = list(range(len(card.weeks)))
    counts = [week.leads for week in card.weeks]
    asked = [week.introductions for week in card.weeks]
    # Introductions asked stand beside the leads as narrower green bars, only when there were any: a desk
    # without them keeps the plain chart.
    paired = any(asked)
    lead_positions = [position - 0.14 for position in positions] if paired else positions
    drawn_bars = bars.bar(lead_positions, counts, color=BARS, width=0.5 if paired else 0.65, zorder=2)
    drawn_asked = bars.bar([position + 0.28 for position in positions], asked, color=INTRODUCTIONS, width=0.26, zorder=2) if paired else None
    bars.set_xticks(positions, [_day(language, week) for week in card.weeks], fontsize=11, rotation=45 if language == "en" else 0)
    bars.yaxis.set_major_locator(MaxNLocator(integer=True))
    bars.yaxis.set_major_formatter(FuncFormatter(lambda value, _: _number(language, value)))
    bars.set_ylim(0, max([*counts, *asked, 1]) * 1.25)
    bars.tick_params(axis="y", colors=BARS, labelsize=12)
    bars.grid(axis="y", alpha=0.3, zorder=0)
    bars.spines[["top"]].set_visible(False)
    for position, count in zip(lead_positions, counts, strict=True):
        if count:
            bars.annotate(_number(language, count), (position, count), ha="center", va="bottom", fontsize=11,
                          xytext=(0, 2), textcoords="offset points")

    line = bars.twinx()
    days = response_days(card.weeks)
    # A week without answers is a gap in the line (NaN), not a zero.
    drawn_line = line.plot(positions, [math.nan if value is None else value for value in days], color=LINE, marker="o",
                           linewidth=2.5, markersize=7, zorder=3)
    line.set_ylim(0, max([value for value in days if value is not None] + [1.0]) * 1.25)
    line.yaxis.set_major_formatter(FuncFormatter(lambda value, _: _number(language, value)))
    line.tick_params(axis="y", colors=LINE, labelsize=12)
    line.spines[["top"]].set_visible(False)

    figure.suptitle(_title(language, card), fontsize=15, fontweight="bold")
    if language != "fa":
        bars.set_ylabel("Leads per week", color=BARS, fontsize=12)
        line.set_ylabel("Median response (days)", color=LINE, fontsize=12)
        if drawn_asked is None:
            bars.legend([drawn_bars, *drawn_line], ["New leads", "Median days to first answer"], loc="upper left", fontsize=11,
                        frameon=False)
        else:
            bars.legend([drawn_bars, drawn_asked, *drawn_line], ["New leads", "Introductions asked", "Median days to first answer"],
                        loc="upper left", fontsize=11, frameon=False)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()
