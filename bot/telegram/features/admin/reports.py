"""What admins learn from the bot: /stats, /demand (unmet searches) and /export (a CSV file)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from telegram.ext import CommandHandler

from bot.i18n import N_, commas, t, tn
from bot.services import demand as demand_service
from bot.services import exports
from bot.services import stats as stats_service
from bot.services.demand import DemandGroup
from bot.services.inputs import NumberError, parse_whole_number
from bot.services.stats import Named, Searches, Stats, Subscribers
from bot.store.models import DemandState, LeadStatus
from bot.telegram.turn import Document, Outcome, Turn, admin_handler
from bot.telegram.ui import Reply, cut, keyboard, name

from . import demand as demand_cards
from .leads import status_name
from .render import BUDGET, bounded, number

if TYPE_CHECKING:
    from bot.telegram.app import App

DEMAND_DAYS = 30
MAX_DEMAND_DAYS = 365
TOP = 8
DEMAND_SHOWN = 10
"""Open groups /demand lists (each with a button)."""
RESOLVED_SHOWN = 5
_LANGUAGE_COUNT = {"fa": N_("stats_language_fa"), "en": N_("stats_language_en")}
_EXPORT_CAPTION = {"products": N_("export_caption_products"), "leads": N_("export_caption_leads"),
                   "subscribers": N_("export_caption_subscribers"), "profiles": N_("export_caption_profiles")}


# ------------------------------------------------------------------------------------ renderers


def _items(language: str, items: Sequence[Named]) -> list[str]:
    if not items:
        return [t(language, "stats_empty")]
    return [
        t(language, "stats_item", rank=number(language, rank), code=item.code,
          name=cut(name(language, item) or t(language, "none"), 60), count=number(language, item.count))
        for rank, item in enumerate(items[:TOP], 1)
    ]


def _quoted(language: str, examples: Sequence[str]) -> str:
    """Examples in the quotes and with the comma of the reader's language: «…»، «…» in Persian."""
    if language == "fa":
        return "، ".join(f"«{example}»" for example in examples)
    return ", ".join(f"“{example}”" for example in examples)


def _demand_lines(language: str, groups: Sequence[DemandGroup]) -> list[str]:
    return [
        t(language, "demand_line", rank=number(language, rank), need=cut(group.label, 80), searches=number(language, group.searches),
          people=number(language, group.people), related=number(language, group.with_related),
          examples=_quoted(language, [cut(example, 60) for example in group.examples])) + _variants(language, group)
        + _request_counts(language, group)
        for rank, group in enumerate(groups, 1)
    ]


def _variants(language: str, group: DemandGroup) -> str:
    """The needs the engine read as the group's in the other language or script («لاستیک دوچرخه», "lastik docharkhe"),
    each with its searches, on a line of their own (nothing for a group asked in one script only)."""
    if not group.languages:
        return ""
    others = [f"{_quoted(language, [cut(group.spell(need.split(), as_typed=True), 60)])} ({number(language, searches)})"
              for need, searches in group.variants[1:]]
    return "\n" + t(language, "demand_line_variants", variants=commas(language, others))


def _request_counts(language: str, group: DemandGroup) -> str:
    """The group's standing requests, on a line of their own (nothing when it has none)."""
    if not group.requests:
        return ""
    return "\n" + t(language, "demand_line_requests", requests=number(language, group.requests), told=number(language, group.told),
                    interested=number(language, group.interested))


def _share(language: str, part: int, whole: int) -> str:
    """``part`` of ``whole`` as a whole percentage in the reader's digits ("72%", "۷۲٪"), "—" of nothing."""
    return t(language, "stats_percent", value=number(language, round(100 * part / whole))) if whole else "—"


def _answers(language: str, searches: Searches) -> str:
    """How the period's searches were answered (confident, suggestions only, nothing) and what searchers said of it."""
    total = searches.total
    return "\n".join([
        t(language, "stats_search_answers", days=number(language, searches.days), confident=_share(language, searches.confident, total),
          suggested=_share(language, searches.suggested, total), nothing=_share(language, searches.nothing, total)),
        t(language, "stats_search_feedback", none_of_these=number(language, searches.none_of_these),
          suggested=number(language, searches.suggested), none_rate=_share(language, searches.none_of_these, searches.suggested),
          not_wanted=number(language, searches.not_wanted), confident=number(language, searches.confident),
          not_wanted_rate=_share(language, searches.not_wanted, searches.confident)),
    ])


def _subscriber_sections(language: str, figures: Subscribers) -> list[str]:
    """Subscribers by state and frequency, alerts, digests sent, then subscribers per sector."""
    week, month = (figures.digests_sent[days] for days in stats_service.PERIODS)
    return [
        "\n".join([
            t(language, "stats_subscribers", active=number(language, figures.by_state["active"]),
              paused=number(language, figures.by_state["paused"]), stopped=number(language, figures.by_state["stopped"])),
            t(language, "stats_subscribers_by_frequency", instant=number(language, figures.by_frequency["instant"]),
              daily=number(language, figures.by_frequency["daily"]), weekly=number(language, figures.by_frequency["weekly"]),
              alerts=number(language, figures.alerts)),
            t(language, "stats_digests_sent", week=number(language, week), month=number(language, month)),
        ]),
        "\n".join([t(language, "stats_subscribers_by_sector"), *_items(language, figures.by_sector)]),
    ]


def stats(language: str, figures: Stats) -> Reply:
    """Every section of /stats, each cut to its top entries."""
    languages = " · ".join(
        t(language, _LANGUAGE_COUNT[code], count=number(language, count))
        for code, count in sorted(figures.users_by_language.items())
        if code in _LANGUAGE_COUNT
    )
    week, month = figures.searches
    statuses = " · ".join(
        t(language, "stats_status", status=status_name(language, status), count=number(language, figures.leads_by_status.get(status.value, 0)))
        for status in LeadStatus
    )
    sections = [
        t(language, "stats_header"),
        t(language, "stats_users", total=number(language, figures.users), new=number(language, figures.new_users),
          languages=languages or t(language, "stats_empty")),
        t(language, "stats_searches", week=number(language, week.total), week_unmet=number(language, week.unmet),
          month=number(language, month.total), month_unmet=number(language, month.unmet)),
        "\n".join([t(language, "stats_answers_header"), *(_answers(language, period) for period in figures.searches)]),
        t(language, "stats_leads", total=number(language, figures.leads), statuses=statuses),
        "\n".join([t(language, "stats_leads_by_product"), *_items(language, figures.leads_by_product)]),
        "\n".join([t(language, "stats_leads_by_desk"), *_items(language, figures.leads_by_desk)]),
        *_subscriber_sections(language, figures.subscribers),
        "\n".join([t(language, "stats_top_listings"), *_items(language, figures.top_listings)]),
        "\n".join([t(language, "stats_demand"), *(_demand_lines(language, figures.demand) or [t(language, "stats_empty")])]),
    ]
    return Reply("\n\n".join(bounded(language, sections, BUDGET)))


_RESOLVED = {DemandState.ALIASED: N_("demand_resolved_aliased"), DemandState.LISTED: N_("demand_resolved_listed")}


def _resolved_line(language: str, resolved: Sequence[DemandGroup]) -> list[str]:
    """One short line of the groups admins aliased or listed, newest first, then those the catalog answers now, and how
    many admins dismissed."""
    answered = sorted((group for group in resolved if group.state in _RESOLVED), key=lambda g: g.decided_at or datetime.min.replace(tzinfo=UTC),
                      reverse=True)
    items = [t(language, _RESOLVED[group.state], need=cut(group.label, 40), code=group.code or "") for group in answered[:RESOLVED_SHOWN]]
    # Needs the catalog answers now, though nobody decided about them (a listing added since): not unmet any more.
    now_found = [group for group in resolved if group.state is DemandState.OPEN and group.answered_by is not None]
    items += [t(language, "demand_resolved_found", need=cut(group.label, 40), code=group.answered_by or "")
              for group in now_found[: max(RESOLVED_SHOWN - len(items), 0)]]
    dismissed = sum(group.state is DemandState.DISMISSED for group in resolved)
    parts = []
    if items:
        parts.append(t(language, "demand_resolved", groups=commas(language, items)))
    if dismissed:
        parts.append(tn(language, "demand_dismissed_count", dismissed, count=number(language, dismissed)))
    return ["\n".join(parts)] if parts else []


def demand(language: str, groups: Sequence[DemandGroup], days: int, resolved: Sequence[DemandGroup] = ()) -> Reply:
    """The largest groups of unanswered searches, a button per group (its card and actions), and a short line of
    the groups admins already decided about."""
    if not groups:
        lines = [tn(language, "demand_empty", days, days=number(language, days)), *_resolved_line(language, resolved)]
        return Reply("\n\n".join(lines))
    decided = _resolved_line(language, resolved)  # always shown: the groups are cut to leave room for it
    lines = [tn(language, "demand_header", days, days=number(language, days)), *_demand_lines(language, groups)]
    shown = bounded(language, lines, BUDGET - sum(len(line) + 2 for line in decided))
    return Reply("\n\n".join([*shown, *decided]), keyboard(demand_cards.group_buttons(language, groups, days)))


# ------------------------------------------------------------------------------------- handlers


@admin_handler("/stats")
def stats_command(turn: Turn) -> Outcome:
    """Users, searches, leads, the most found listings and the largest unmet needs."""
    return Outcome(reply=stats(turn.language, stats_service.collect(session=turn.session, matcher=turn.matcher)))


def _days(turn: Turn) -> int | None:
    """The days /demand looks back (30 unless given); None when what was given is not 1 to 365."""
    if not turn.args:
        return DEMAND_DAYS
    try:
        return parse_whole_number(turn.args[0], maximum=MAX_DEMAND_DAYS) or None
    except NumberError:
        return None


@admin_handler("/demand")
def demand_command(turn: Turn) -> Outcome:
    """What people searched for and found nothing, grouped by need (the last 30 days, or /demand DAYS)."""
    days = _days(turn)
    if days is None:
        return Outcome(reply=Reply(t(turn.language, "demand_usage")))
    groups = demand_service.demand_groups(session=turn.session, days=days, matcher=turn.matcher)
    unmet = [group for group in groups if group.state is DemandState.OPEN and group.answered_by is None]
    shown = unmet[:DEMAND_SHOWN]
    resolved = [group for group in groups if group.state is not DemandState.OPEN or group.answered_by is not None]
    return Outcome(reply=demand(turn.language, shown, days, resolved))


@admin_handler("/export")
def export_command(turn: Turn) -> Outcome:
    """Send products, leads, the bot's users or the manufacturer profiles as a CSV file."""
    kind = (turn.args[0] if turn.args else "").lower()
    if kind not in exports.KINDS:
        return Outcome(reply=Reply(t(turn.language, "export_usage")))
    export = exports.export(kind, turn.person.id, session=turn.session, tz=turn.settings.tz)
    return Outcome(document=Document(export.file_name, export.data, t(turn.language, _EXPORT_CAPTION[kind], rows=number(turn.language, export.rows))))


def register(application: App) -> None:
    """/stats, /demand and /export."""
    application.add_handler(CommandHandler("stats", stats_command))
    application.add_handler(CommandHandler("demand", demand_command))
    application.add_handler(CommandHandler("export", export_command))
