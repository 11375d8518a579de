"""Pure rendering of what admins see: problems, previews, leads, statistics, unmet demand, the admins list.

Like :mod:`bot.telegram.render`, every function returns text (HTML) under Telegram's limits and buttons whose
data fits in 64 bytes, whatever the data holds: long lists keep as many whole lines (measured after escaping)
as fit, and say how many more there are, so a cut never splits a tag.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import N_, Html, MessageId, digits, label, t
from bot.services.admins import Admin, Outcome
from bot.services.catalog_csv import CsvFormatError, RowError
from bot.services.demand import DemandGroup
from bot.services.imports import MAX_AGE, Preview, Result
from bot.services.inputs import clean_text
from bot.services.imports import Outcome as ImportOutcome
from bot.services.leads import SETTABLE, LeadsPage, LeadView
from bot.services.listings import STEPS, Kind
from bot.services.stats import Named, Stats
from bot.store.models import LeadStatus, Sector

from . import callbacks
from .problems import file_problem, row_problem
from .render import Reply, cut, user_link

MAX_PROBLEMS = 15
MAX_CODES = 20
TOP = 8
_BUTTON_TEXT = 60
_BUDGET = 3900  # characters a message may use, leaving room below Telegram's 4096


def _bounded(language: str, lines: Sequence[str], limit: int) -> list[str]:
    """As many of ``lines`` (rendered HTML) as fit in ``limit`` characters, then "…and N more"."""
    kept: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        if used + len(line) + 1 > limit - 40:
            kept.append(t(language, "import_more_problems", count=digits(language, str(len(lines) - index))))
            break
        kept.append(line)
        used += len(line) + 1
    return kept


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(cut(text, _BUTTON_TEXT), callback_data=data)


def _number(language: str, value: int) -> str:
    return digits(language, str(value))


def size(language: str, value: int, *, round_up: bool = False) -> str:
    """A file size: ``5 MB``, ``۱۲۰ کیلوبایت``; ``round_up`` for a file over a limit, so it never reads as equal to it."""
    round_to = math.ceil if round_up else round
    if value >= 1024 * 1024:
        amount, key = f"{round_to(value * 10 / (1024 * 1024)) / 10:.1f}".removesuffix(".0"), N_("size_mb")
    elif value >= 1024:
        amount, key = str(round_to(value / 1024)), N_("size_kb")
    else:
        amount, key = str(value), N_("size_bytes")
    return t(language, key, value=digits(language, amount))


# ------------------------------------------------------------------ problems


def problems(language: str, errors: Sequence[RowError], limit: int = MAX_PROBLEMS, budget: int = 3000) -> str:
    """The first ``limit`` problems (fewer if they are long), one per line, and how many more there are."""
    lines = ["• " + row_problem(language, error) for error in errors[:limit]]
    kept = _bounded(language, lines, budget)
    if len(errors) > limit and len(kept) == len(lines):
        kept.append(t(language, "import_more_problems", count=_number(language, len(errors) - limit)))
    return "\n".join(kept)


def record_problems(language: str, errors: Sequence[RowError]) -> Reply:
    """Why a typed record was not saved."""
    return Reply(t(language, "record_problems", problems=Html(problems(language, errors))))


# ------------------------------------------------------------------ listings and desks


def with_header(header: str, reply: Reply) -> Reply:
    """``reply`` (a card) under a one-line confirmation."""
    return Reply(f"{header}\n\n{reply.text}", reply.markup)


def changed_fields(changed: Sequence[str]) -> str:
    """The names of changed fields, for confirmations."""
    return ", ".join(changed)


def fields(language: str, key: MessageId, code: str, values: dict[str, str]) -> Reply:
    """A record's current ``field: value`` lines, ready to copy into an edit."""
    lines = [html.escape(f"{name}: {cut(value, 300)}", quote=False) for name, value in values.items()]
    return Reply(t(language, key, code=code, fields=Html("\n".join(_bounded(language, lines, 3000)))))


# The question of each step of the step-by-step forms.
_DRAFT_INTRO = {"product": N_("draft_intro_product"), "desk": N_("draft_intro_desk")}


def draft_step(language: str, kind: Kind, index: int, sectors: Sequence[Sector]) -> Reply:
    """The question of step ``index`` of the step-by-step form."""
    steps = STEPS[kind]
    step = steps[index]
    sector_lines = Html("\n".join(
        f"<code>{html.escape(s.key, quote=False)}</code> — {html.escape(s.name_fa if language == 'fa' else s.name_en, quote=False)}"
        for s in sectors
    ))
    question = t(language, step.prompt, sectors=sector_lines) if step.column == "sector" else t(language, step.prompt)
    text = t(language, "draft_step", step=_number(language, index + 1), steps=_number(language, len(steps)), question=Html(question))
    return Reply(text + ("" if step.required else t(language, "draft_optional")))


def draft_intro(language: str, kind: Kind, sectors: Sequence[Sector]) -> Reply:
    """How the form works, with its first question."""
    return Reply(t(language, _DRAFT_INTRO[kind]) + "\n\n" + draft_step(language, kind, 0, sectors).text)


# ------------------------------------------------------------------ imports


def file_error(language: str, file_name: str, error: CsvFormatError) -> Reply:
    """A file that cannot be read at all."""
    return Reply(t(language, "import_unreadable", file=cut(file_name, 100), problem=Html(file_problem(language, error))))


def _codes(language: str, key: MessageId, codes: Sequence[str]) -> str:
    if not codes:
        return ""
    shown = ", ".join(codes[:MAX_CODES]) + (f", … (+{len(codes) - MAX_CODES})" if len(codes) > MAX_CODES else "")
    return t(language, key, codes=cut(shown, 1200))


def import_preview(language: str, preview: Preview) -> Reply:
    """What an upload would change, with Apply and Cancel when there is something to apply; or its problems."""
    report, name = preview.report, cut(preview.file_name, 100)
    if not report.ok:
        return Reply(t(language, "import_rejected", file=name, count=_number(language, len(report.errors)),
                       problems=Html(problems(language, report.errors))))
    counts = report.counts
    if preview.import_id is None:
        return Reply(t(language, "import_nothing", file=name, rows=_number(language, report.rows)))
    new = [change.key for change in counts.changes if change.before is None]
    changed = [f"{change.key} ({', '.join(change.after)})" for change in counts.changes if change.before is not None]
    details = Html(_codes(language, N_("import_new_codes"), new) + _codes(language, N_("import_changed_codes"), changed))
    text = t(
        language, "import_preview", file=name, rows=_number(language, report.rows), new=_number(language, counts.new),
        changed=_number(language, counts.changed), unchanged=_number(language, counts.unchanged), details=details,
        minutes=_number(language, int(MAX_AGE.total_seconds() // 60)),
    )
    buttons = [[_button(label(language, "btn_apply"), callbacks.import_apply(preview.import_id)),
                _button(label(language, "btn_cancel"), callbacks.import_cancel(preview.import_id))]]
    return Reply(text, InlineKeyboardMarkup(buttons))


def import_result(language: str, result: Result) -> tuple[Reply | None, str | None]:
    """What pressing Apply or Cancel shows: the message's new text (None keeps it) and a toast."""
    name = cut(result.file_name, 100)
    if result.outcome is ImportOutcome.APPLIED and result.report is not None:
        counts = result.report.counts
        return Reply(t(language, "import_applied", file=name, new=_number(language, counts.new),
                       changed=_number(language, counts.changed), unchanged=_number(language, counts.unchanged))), None
    if result.outcome is ImportOutcome.CANCELLED:
        return Reply(t(language, "import_cancelled", file=name)), None
    if result.outcome is ImportOutcome.INVALID:
        if result.error is not None:
            return file_error(language, result.file_name, result.error), None
        errors = result.report.errors if result.report is not None else []
        return Reply(t(language, "import_invalid", file=name, problems=Html(problems(language, errors)))), None
    if result.outcome is ImportOutcome.EXPIRED:
        return Reply(t(language, "import_expired")), None
    if result.outcome is ImportOutcome.NOT_YOURS:
        return None, t(language, "import_not_yours")
    return None, t(language, "import_gone")


# ------------------------------------------------------------------ leads


_LEAD_STATUS = {LeadStatus.NEW: N_("lead_status_new"), LeadStatus.CONTACTED: N_("lead_status_contacted"),
                LeadStatus.MEETING: N_("lead_status_meeting"), LeadStatus.DECLINED: N_("lead_status_declined"),
                LeadStatus.CLOSED: N_("lead_status_closed")}
_LEAD_BUTTON = {LeadStatus.CONTACTED: N_("btn_lead_contacted"), LeadStatus.MEETING: N_("btn_lead_meeting"),
                LeadStatus.DECLINED: N_("btn_lead_declined"), LeadStatus.CLOSED: N_("btn_lead_closed")}
# What the investor is told when a desk officer moves their lead on.
_INVESTOR_UPDATE = {LeadStatus.CONTACTED: N_("investor_lead_contacted"), LeadStatus.MEETING: N_("investor_lead_meeting"),
                    LeadStatus.DECLINED: N_("investor_lead_declined"), LeadStatus.CLOSED: N_("investor_lead_closed")}
_FILTER = {"open": N_("leads_filter_open"), "all": N_("leads_filter_all")}


def _status(language: str, status: LeadStatus) -> str:
    return t(language, _LEAD_STATUS[status])


def _filter_name(language: str, filter_name: str) -> str:
    if filter_name in _FILTER:
        return t(language, _FILTER[filter_name])
    return _status(language, LeadStatus(filter_name))


def _investor(view: LeadView) -> Html:
    user = view.user
    return user_link(view.lead.user_id, user.first_name if user else "", user.username if user else None)


def _product_name(language: str, view: LeadView) -> str:
    if view.product is None:
        return t(language, "none")
    return cut(view.product.name_fa if language == "fa" else view.product.name_en, 150)


def _date(language: str, moment: datetime, tz: ZoneInfo) -> str:
    return digits(language, moment.astimezone(tz).strftime("%Y-%m-%d %H:%M"))


def leads_page(language: str, page: LeadsPage, tz: ZoneInfo) -> Reply:
    """A page of leads with a button per lead and paging."""
    filter_text = _filter_name(language, page.filter)
    if not page.items:
        return Reply(t(language, "leads_empty", filter=filter_text))
    first = page.page * page.size
    lines = [t(language, "leads_header", filter=filter_text, first=_number(language, first + 1),
               last=_number(language, first + len(page.items)), total=_number(language, page.total))]
    rows = []
    for view in page.items:
        lead = view.lead
        assert lead.id is not None
        lines.append(t(language, "lead_line", id=_number(language, lead.id), code=lead.product_code, name=_product_name(language, view),
                       user=_investor(view), status=_status(language, lead.status), date=_date(language, lead.created_at, tz)))
        name = clean_text(view.user.first_name if view.user else "") or str(lead.user_id)
        rows.append([_button(label(language, "btn_lead", id=lead.id, code=lead.product_code, user=name),
                             callbacks.lead(lead.id, page.filter, page.page))])
    pager = []
    if page.page > 0:
        pager.append(_button(label(language, "btn_previous"), callbacks.leads(page.filter, page.page - 1)))
    if first + len(page.items) < page.total:
        pager.append(_button(label(language, "btn_more"), callbacks.leads(page.filter, page.page + 1)))
    if pager:
        rows.append(pager)
    return Reply("\n\n".join(lines), InlineKeyboardMarkup(rows))


def lead_card(language: str, view: LeadView, tz: ZoneInfo, filter_name: str = "open", page: int = 0) -> Reply:
    """A lead with its investor and listing, the status buttons (the current one marked) and the way back."""
    lead = view.lead
    assert lead.id is not None
    desk = view.desk
    text = t(
        language, "lead_card", id=_number(language, lead.id), user=_investor(view), code=lead.product_code,
        name=_product_name(language, view), desk=(desk.name_fa if language == "fa" else desk.name_en) if desk else t(language, "none"),
        status=_status(language, lead.status), created=_date(language, lead.created_at, tz), note=cut(lead.note, 600) or t(language, "none"),
    )
    buttons = []
    for status in SETTABLE:
        text_label = label(language, _LEAD_BUTTON[status])
        if status == lead.status:
            text_label = label(language, "btn_current", label=text_label)
        buttons.append(_button(text_label, callbacks.lead_status(lead.id, status.value, filter_name, page)))
    rows = [buttons[:2], buttons[2:], [_button(label(language, "btn_back_leads"), callbacks.leads(filter_name, page))]]
    return Reply(text, InlineKeyboardMarkup(rows))


def status_toast(language: str, status: LeadStatus, *, changed: bool, told: bool) -> str:
    """The admin's short answer after pressing a status button."""
    key = N_("lead_status_same") if not changed else N_("lead_status_told") if told else N_("lead_status_unreachable")
    return t(language, key, status=_status(language, status))


def investor_update(language: str, view: LeadView) -> Reply:
    """What the investor is told when their lead's status changes."""
    desk = view.desk
    desk_name = (desk.name_fa if language == "fa" else desk.name_en) if desk else t(language, "program_team")
    return Reply(t(language, _INVESTOR_UPDATE[view.lead.status], code=view.lead.product_code,
                   name=_product_name(language, view), desk=cut(desk_name, 150)))


# ------------------------------------------------------------------ statistics and demand


def _items(language: str, items: Sequence[Named]) -> list[str]:
    if not items:
        return [t(language, "stats_empty")]
    return [
        t(language, "stats_item", rank=_number(language, rank), code=item.code,
          name=cut((item.name_fa if language == "fa" else item.name_en) or t(language, "none"), 60), count=_number(language, item.count))
        for rank, item in enumerate(items[:TOP], 1)
    ]


def _demand_lines(language: str, groups: Sequence[DemandGroup]) -> list[str]:
    return [
        t(language, "demand_line", rank=_number(language, rank), need=cut(group.key, 80), searches=_number(language, group.searches),
          people=_number(language, group.people), related=_number(language, group.with_related), examples=", ".join(f"“{cut(example, 60)}”" for example in group.examples))
        for rank, group in enumerate(groups, 1)
    ]


_LANGUAGE_COUNT = {"fa": N_("stats_language_fa"), "en": N_("stats_language_en")}


def stats(language: str, figures: Stats) -> Reply:
    """Every section of /stats, each cut to its top entries."""
    languages = " · ".join(
        t(language, _LANGUAGE_COUNT[code], count=_number(language, count))
        for code, count in sorted(figures.users_by_language.items())
        if code in _LANGUAGE_COUNT
    )
    week, month = figures.searches
    statuses = " · ".join(
        t(language, "stats_status", status=_status(language, status), count=_number(language, figures.leads_by_status.get(status.value, 0)))
        for status in LeadStatus
    )
    sections = [
        t(language, "stats_header"),
        t(language, "stats_users", total=_number(language, figures.users), new=_number(language, figures.new_users),
          languages=languages or t(language, "stats_empty")),
        t(language, "stats_searches", week=_number(language, week.total), week_unmet=_number(language, week.unmet),
          month=_number(language, month.total), month_unmet=_number(language, month.unmet)),
        t(language, "stats_leads", total=_number(language, figures.leads), statuses=statuses),
        "\n".join([t(language, "stats_leads_by_product"), *_items(language, figures.leads_by_product)]),
        "\n".join([t(language, "stats_leads_by_desk"), *_items(language, figures.leads_by_desk)]),
        "\n".join([t(language, "stats_top_listings"), *_items(language, figures.top_listings)]),
        "\n".join([t(language, "stats_demand"), *(_demand_lines(language, figures.demand) or [t(language, "stats_empty")])]),
    ]
    return Reply("\n\n".join(_bounded(language, sections, _BUDGET)))


def demand(language: str, groups: Sequence[DemandGroup], days: int) -> Reply:
    """The largest groups of unanswered searches."""
    if not groups:
        return Reply(t(language, "demand_empty", days=_number(language, days)))
    lines = [t(language, "demand_header", days=_number(language, days)), *_demand_lines(language, groups)]
    return Reply("\n\n".join(_bounded(language, lines, _BUDGET)))


# ------------------------------------------------------------------ admins


def admins_list(language: str, admins: Sequence[Admin], tz: ZoneInfo) -> Reply:
    """Who the admins are and where their rights come from, with how to add or remove one."""
    lines = [t(language, "admins_header")]
    for admin in admins:
        user = user_link(admin.user_id, admin.first_name, admin.username)
        if admin.configured or admin.granted_at is None:
            lines.append(t(language, "admins_configured", user=user))
        else:
            by = user_link(admin.granted_by or 0, str(admin.granted_by), None)
            lines.append(t(language, "admins_granted", user=user, by=by, date=_date(language, admin.granted_at, tz)))
    return Reply("\n".join(_bounded(language, lines, 3400)) + "\n\n" + t(language, "admins_usage"))


def admin_outcome(language: str, outcome: Outcome, user: Html) -> Reply:
    """The answer to /admins add or remove."""
    key = {
        Outcome.GRANTED: N_("admin_granted"),
        Outcome.ALREADY: N_("admin_already"),
        Outcome.REVOKED: N_("admin_revoked"),
        Outcome.NOT_ADMIN: N_("admin_not_admin"),
        Outcome.CONFIGURED: N_("admin_configured"),
    }[outcome]
    return Reply(t(language, key, user=user))
