"""Admins keep the listings and desks from chat: add, edit, close and reopen.

/addproduct and /adddesk take the record as ``field: value`` lines in the same message, or, sent alone,
start a step-by-step form that asks one field at a time (/skip leaves an optional one empty, /cancel
drops the form); a /demand group's "Draft a new listing" starts the same form with suggested values, each
taken with a Keep button (see :mod:`.demand`). /editproduct and /editdesk show a record's fields or change
those given; /closeproduct and /reopenproduct set a listing's status. Every change is confirmed with the
record's card.

The form is a :class:`~telegram.ext.ConversationHandler`, which keeps its state (the draft: the question
reached and the answers so far) in this process's memory: a restart drops unfinished forms, and with
several replicas an admin's answers must reach the replica that asked (as they do with long polling,
where a single process takes the updates). Imports wait in the database instead.
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, TypeHandler, filters
from telegram.warnings import PTBUserWarning

from bot.i18n import N_, Html, label, t
from bot.services import admins, browse, demand_actions, listings
from bot.services.catalog_csv import ALL_COLUMNS, DESK_ALL_COLUMNS
from bot.services.listings import Kind
from bot.services.demand_actions import Refusal
from bot.services.records import Step
from bot.store.models import DemandState, ProductStatus, Sector
from bot.telegram.features.browse import render as cards
from bot.telegram.features.browse.handlers import card_for
from bot.telegram.problems import row_problem
from bot.telegram.runtime import Context
from bot.telegram.turn import Notice, Outcome, Turn, admin_handler, run_turn
from matching import normalize
from bot.telegram.ui import Reply, cut, keyboard, name

from . import demand
from .demand import DraftListing, KeepSuggestion, quoted
from .render import bounded, number, record_problems

if TYPE_CHECKING:
    from bot.telegram.app import App

FILLING = 1
"""The one state of the form: waiting for the answer to the current question."""
DRAFT_KEY = "admin_draft"
DRAFT_TIMEOUT = timedelta(minutes=30)

_COLUMNS: dict[Kind, tuple[str, ...]] = {"product": ALL_COLUMNS, "desk": DESK_ALL_COLUMNS}
_ADDED = {"product": N_("product_added"), "desk": N_("desk_added")}
_DRAFT_INTRO = {"product": N_("draft_intro_product"), "desk": N_("draft_intro_desk")}
_STATUS = {ProductStatus.OPEN: N_("status_open"), ProductStatus.CLOSED: N_("status_closed")}


def steps(kind: Kind) -> tuple[Step, ...]:
    """The form's questions for ``kind``, in order (the one place that reads them from the listings service)."""
    return listings.STEPS[kind]


# ------------------------------------------------------------------------------------ renderers


def current_fields(language: str, kind: Kind, code: str, current: Mapping[str, str]) -> Reply:
    """A record's current ``field: value`` lines, ready to copy into an edit."""
    lines = [html.escape(f"{column}: {cut(value, 300)}", quote=False) for column, value in current.items()]
    shown = Html("\n".join(bounded(language, lines, 3000)))
    key = N_("editproduct_current") if kind == "product" else N_("editdesk_current")
    return Reply(t(language, key, code=code, fields=shown))


def draft_step(language: str, kind: Kind, index: int, sectors: Sequence[Sector], suggested: Mapping[str, str] | None = None) -> Reply:
    """The question of step ``index`` of the form, with its suggested value and a Keep button if there is one."""
    questions = steps(kind)
    step = questions[index]
    if step.column == "sector":
        known = Html("\n".join(
            f"<code>{html.escape(sector.key, quote=False)}</code> — {html.escape(name(language, sector), quote=False)}" for sector in sectors))
        question = t(language, step.prompt, sectors=known)
    else:
        question = t(language, step.prompt)
    text = t(language, "draft_step", step=number(language, index + 1), steps=number(language, len(questions)), question=Html(question))
    text += "" if step.required else t(language, "draft_optional")
    value = (suggested or {}).get(step.column)
    if not value:
        return Reply(text)
    if step.column == "sector":  # shown by its name in the reader's language (Keep still takes the key)
        value = next((name(language, sector) for sector in sectors if sector.key == value), value)
    keep = KeepSuggestion(index).button(label(language, "btn_draft_keep", value=value))
    return Reply(text + t(language, "draft_suggested", value=cut(value, 200)), keyboard([[keep]]))


def draft_intro(language: str, kind: Kind, sectors: Sequence[Sector]) -> Reply:
    """How the form works, with its first question."""
    return Reply(t(language, _DRAFT_INTRO[kind]) + "\n\n" + draft_step(language, kind, 0, sectors).text)


# ------------------------------------------------------------------------ adding in one message


def _split(text: str) -> tuple[str, str]:
    """``/command first line…\\nmore`` → (the rest of the first line, the following lines)."""
    first, _, rest = text.partition("\n")
    parts = first.split(maxsplit=1)
    return (parts[1] if len(parts) > 1 else ""), rest


def _code_and_body(text: str) -> tuple[str, str]:
    """``/editproduct CODE field: value…`` → (``CODE``, the field lines)."""
    line, rest = _split(text)
    parts = line.split(maxsplit=1)
    code = parts[0] if parts else ""
    return code, "\n".join(part for part in ((parts[1] if len(parts) > 1 else ""), rest) if part)


def _sectors(turn: Turn) -> list[Sector]:
    return [sector for sector, _ in browse.sectors(session=turn.session)]


def _sector_named(turn: Turn, typed: str, *, by_key: bool = False) -> Sector | None:
    """The sector ``typed`` names in either language (خودرو, Automotive), or by its key (``automotive``) too."""
    wanted = normalize(typed)
    names = (lambda sector: (normalize(sector.key), normalize(sector.name_en), normalize(sector.name_fa))) if by_key else (
        lambda sector: (normalize(sector.name_en), normalize(sector.name_fa)))
    return next((sector for sector in _sectors(turn) if wanted and wanted in names(sector)), None)


def _sector_key(turn: Turn, typed: str) -> str:
    """A sector answered by its name in either language (خودرو, Automotive) is its key; anything else as typed."""
    sector = _sector_named(turn, typed)
    return sector.key if sector is not None else typed


def _code_of_sector(draft: Draft, turn: Turn) -> Outcome | None:
    """A sector typed at the code step (its key or name, «نساجی»): the next free code of its listings is offered with
    Keep (and the sector at its step), as a drafted listing's code is; None when the answer names no sector."""
    sector = _sector_named(turn, turn.text, by_key=True)
    if sector is None:
        return None
    code = demand_actions.next_code(sector.key, session=turn.session)
    if code is None:
        return Outcome(reply=Reply(t(turn.language, "draft_code_no_style", sector=name(turn.language, sector))), state=draft)
    suggested = {**draft.suggested, "code": code, "sector": sector.key}
    question = draft_step(turn.language, draft.kind, draft.step, _sectors(turn), suggested)
    said = t(turn.language, "draft_code_of_sector", sector=name(turn.language, sector), code=code)
    return Outcome(reply=Reply(said + "\n\n" + question.text, question.markup), state=replace(draft, suggested=suggested))


def confirmation(turn: Turn, kind: Kind, code: str, header: str) -> Reply:
    """A saved listing's or desk's card under a one-line confirmation."""
    if kind == "product":
        product = browse.product_card(code, session=turn.session)
        assert product is not None
        card = card_for(turn, product)
    else:
        desk = browse.desk_card(code, session=turn.session)
        assert desk is not None
        card = cards.desk_card(turn.language, desk, 0)
    return Reply(f"{header}\n\n{card.text}", card.markup)


def _save_new(turn: Turn, kind: Kind, values: Mapping[str, str], need: str | None = None, need_label: str | None = None) -> Outcome:
    """Add the record (and mark the unmet ``need`` it was drafted for listed); the form, if any, is over either way."""
    if kind == "product" and admins.listing_outside(turn.rights, None, values, session=turn.session):
        return turn.refuse("/addproduct", toast=False)
    saved = listings.add(kind, turn.person.id, values, session=turn.session, today=turn.today)
    if not saved.ok:
        return Outcome(reply=record_problems(turn.language, saved.errors))
    header = t(turn.language, _ADDED[kind])
    if need is not None:
        demand_actions.mark_listed(turn.person.id, need, saved.code, session=turn.session, wording=need_label or need)
        header += "\n" + t(turn.language, "demand_listed", need=quoted(turn.language, cut(need_label or need, 80)), code=saved.code)
    return Outcome(reply=confirmation(turn, kind, saved.code, header), catalog_changed=True)


def _add(kind: Kind, turn: Turn) -> Outcome:
    """Save a record given as ``field: value`` lines, or start the form (its draft is the next state) when there are none."""
    line, rest = _split(turn.text)
    lines = "\n".join(part for part in (line, rest) if part)
    if not lines.strip():
        return Outcome(reply=draft_intro(turn.language, kind, _sectors(turn)), state=Draft(kind))
    parsed = listings.parse_field_lines(lines, _COLUMNS[kind])
    if parsed.errors:
        return Outcome(reply=record_problems(turn.language, parsed.errors))
    return _save_new(turn, kind, parsed.values)


# ------------------------------------------------------------------------ the step-by-step form


@dataclass(frozen=True, slots=True)
class Draft:
    """One admin's form: what is being added, the answers so far and the question reached."""

    kind: Kind
    values: Mapping[str, str] = field(default_factory=dict)
    step: int = 0
    suggested: Mapping[str, str] = field(default_factory=dict)
    """Values offered at their step with a Keep button (a listing drafted for an unmet need)."""
    need: str | None = None
    """The unmet need (its group's key) the listing is drafted for: marked listed once it is saved."""
    need_label: str | None = None
    """That need as people spelled it (what the admin reads)."""


def _answer(draft: Draft, skipped: bool, turn: Turn, kept: bool = False) -> Outcome:
    """Check one answer (``kept``: the suggested value); ask the next question (the advanced draft is the next
    state), or save after the last."""
    questions = steps(draft.kind)
    step = questions[draft.step]
    value = draft.suggested.get(step.column, "") if kept else "" if skipped else turn.text
    if draft.kind == "product" and step.column == "code" and not kept and not skipped:
        if (offered := _code_of_sector(draft, turn)) is not None:
            return offered
    if step.column == "sector" and not kept and not skipped:
        value = _sector_key(turn, value)
    if skipped and step.required:
        return Outcome(reply=Reply(t(turn.language, "draft_required")), state=draft)
    problem = listings.check_step(draft.kind, step.column, value, draft.values, session=turn.session, today=turn.today)
    if problem is not None:
        # The step's question names the field: no column name (English, as in a CSV) before the problem.
        said = row_problem(turn.language, replace(problem, column=None))
        return Outcome(reply=Reply(t(turn.language, "draft_invalid", problem=Html(said[:1].upper() + said[1:]))), state=draft)
    values = {**draft.values, step.column: value.strip()}
    if draft.kind == "product" and step.column == "sector" and admins.listing_outside(turn.rights, None, values, session=turn.session):
        refused = turn.refuse("/addproduct", toast=False)  # ask again: the officer may pick one of their sectors
        return Outcome(reply=refused.reply, state=draft)
    if draft.step + 1 < len(questions):
        return Outcome(reply=draft_step(turn.language, draft.kind, draft.step + 1, _sectors(turn), draft.suggested),
                       state=replace(draft, values=values, step=draft.step + 1))
    return _save_new(turn, draft.kind, values, draft.need, draft.need_label)


def _draft_for_demand(turn: Turn, pressed: DraftListing) -> Outcome:
    """Start the form for a /demand group, its names, sector, HS heading and a free code suggested."""
    group = demand_actions.find_group(pressed.search_id, pressed.days, session=turn.session, matcher=turn.matcher)
    if group is None or group.state is not DemandState.OPEN:
        done = demand_actions.Done(group, Refusal.GONE if group is None else Refusal.DECIDED, (group.code or "") if group else "")
        return Outcome(reply=demand.refused(turn.language, done, pressed.days))
    suggested = demand_actions.draft_values(group, turn.matcher, session=turn.session)
    intro = t(turn.language, "draft_intro_demand", need=quoted(turn.language, cut(group.label, 80)))
    if turn.matcher.finglish(group.label):
        intro += "\n" + t(turn.language, "demand_finglish", need=quoted(turn.language, cut(group.label, 80)))
    first = draft_step(turn.language, "product", 0, _sectors(turn), suggested)
    return Outcome(reply=Reply(intro + "\n\n" + first.text, first.markup), state=Draft("product", suggested=suggested, need=group.key, need_label=group.label))


def _kept(draft: Draft, pressed: KeepSuggestion, turn: Turn) -> Outcome:
    """Keep pressed: the suggested value answers the current step (a Keep of an earlier step has expired)."""
    if pressed.step != draft.step or not draft.suggested.get(steps(draft.kind)[draft.step].column):
        return Outcome(toast=t(turn.language, "expired"), state=draft)
    return _answer(draft, False, turn, kept=True)


def _cancelled(turn: Turn) -> Outcome:
    return Outcome(reply=Reply(t(turn.language, "draft_cancelled")))


def _timed_out(turn: Turn) -> Outcome:
    # A notice, not a reply: the admin may have blocked the bot since, which must not raise in the timeout job.
    return Outcome(notices=(Notice(turn.person.id, Reply(t(turn.language, "draft_timeout"))),))


def _keep(context: Context, state: object) -> object:
    """Keep the draft a turn left as its state for the next answer, or end the form."""
    if context.user_data is None:
        return ConversationHandler.END
    if isinstance(state, Draft):
        context.user_data[DRAFT_KEY] = state
        return FILLING
    context.user_data.pop(DRAFT_KEY, None)
    return ConversationHandler.END


def _draft(context: Context) -> Draft | None:
    found = context.user_data.get(DRAFT_KEY) if context.user_data is not None else None
    return found if isinstance(found, Draft) else None


async def _form_turn(update: Update, context: Context, body: Callable[[Turn], Outcome], command: str) -> object:
    """One admin turn of the form (a refused one ends it: the sender lost their rights meanwhile); desk officers
    may add listings (in their desks' sectors), not desks."""
    return _keep(context, (await run_turn(update, context, body, admin=command, desks=command == "/addproduct")).state)


async def add_product(update: Update, context: Context) -> object:
    """Add a listing: ``field: value`` lines in the same message, or a question per field."""
    return await _form_turn(update, context, partial(_add, "product"), "/addproduct")


async def add_desk(update: Update, context: Context) -> object:
    """Add a desk: ``field: value`` lines in the same message, or a question per field."""
    return await _form_turn(update, context, partial(_add, "desk"), "/adddesk")


async def _next(update: Update, context: Context, *, skipped: bool) -> object:
    draft = _draft(context)
    if draft is None:
        return ConversationHandler.END
    return await _form_turn(update, context, partial(_answer, draft, skipped), f"/add{draft.kind}")


async def draft_for_demand(update: Update, context: Context) -> object:
    """Draft a listing for a /demand group: the form, pre-filled."""
    assert update.callback_query is not None
    pressed = DraftListing.unpack(update.callback_query.data)
    assert pressed is not None
    # A /demand action: full admins only, like the group's other buttons (the answers that follow are /addproduct's).
    return _keep(context, (await run_turn(update, context, lambda turn: _draft_for_demand(turn, pressed), admin="/demand")).state)


async def keep(update: Update, context: Context) -> object:
    """Take the suggested value of the current step."""
    assert update.callback_query is not None
    pressed = KeepSuggestion.unpack(update.callback_query.data)
    draft = _draft(context)
    if draft is None or pressed is None:
        return ConversationHandler.END
    return await _form_turn(update, context, partial(_kept, draft, pressed), f"/add{draft.kind}")


async def answer(update: Update, context: Context) -> object:
    """Take a message as the answer to the form's current question."""
    return await _next(update, context, skipped=False)


async def skip(update: Update, context: Context) -> object:
    """Leave the current (optional) field empty."""
    return await _next(update, context, skipped=True)


async def cancel(update: Update, context: Context) -> object:
    """Drop the form; nothing is added."""
    _keep(context, None)
    await run_turn(update, context, _cancelled)
    return ConversationHandler.END


async def timed_out(update: Update, context: Context) -> None:
    """Tell the admin their form was dropped after a long silence."""
    _keep(context, None)
    if update.effective_user is not None:
        await run_turn(update, context, _timed_out)


def form() -> ConversationHandler[Context]:
    """/addproduct and /adddesk: one message of ``field: value`` lines, or the step-by-step form."""
    with warnings.catch_warnings():  # per_message=False on purpose: the answers are messages, not presses
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[CommandHandler("addproduct", add_product), CommandHandler("adddesk", add_desk),
                          CallbackQueryHandler(draft_for_demand, pattern=DraftListing.pattern())],
            states={
                FILLING: [CommandHandler("skip", skip), MessageHandler(filters.TEXT & ~filters.COMMAND, answer),
                          CallbackQueryHandler(keep, pattern=KeepSuggestion.pattern())],
                ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)],
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            allow_reentry=True,
            conversation_timeout=DRAFT_TIMEOUT,
            name="admin_add",
        )


# ------------------------------------------------------------------ editing, closing, reopening


def _edit(kind: Kind, turn: Turn) -> Outcome:
    """Show a record's fields (code only) or change them (code and ``field: value`` lines)."""
    language = turn.language
    code, lines = _code_and_body(turn.text)
    if not code:
        return Outcome(reply=Reply(t(language, N_("editproduct_usage") if kind == "product" else N_("editdesk_usage"))))
    not_found = Reply(t(language, N_("product_not_found") if kind == "product" else N_("desk_not_found"), code=cut(code, 40)))
    if not lines.strip():
        if kind == "product" and admins.listing_outside(turn.rights, code, {}, session=turn.session):
            return turn.refuse("/editproduct", toast=False)
        current = listings.current_fields(kind, code, session=turn.session)
        return Outcome(reply=not_found if current is None else current_fields(language, kind, code.upper(), current))
    parsed = listings.parse_field_lines(lines, _COLUMNS[kind])
    if parsed.errors:
        return Outcome(reply=record_problems(language, parsed.errors))
    if kind == "product" and admins.listing_outside(turn.rights, code, parsed.values, session=turn.session):
        return turn.refuse("/editproduct", toast=False)
    values = dict(parsed.values)
    current = listings.current_fields(kind, code, session=turn.session) if kind == "product" else None
    for column in listings.LIST_COLUMNS if current is not None else ():
        if column in values:
            change = listings.list_edit(current.get(column, "") if current else "", values[column])
            if change.removed and not change.confirmed:
                return Outcome(reply=Reply(t(language, "edit_list_would_remove", code=code.upper(), field=column,
                                             removed=cut("; ".join(change.removed), 600), typed=cut(values[column], 200))))
            values[column] = change.value
    edit = listings.edit_product if kind == "product" else listings.edit_desk
    try:
        saved = edit(turn.person.id, code, values, session=turn.session, today=turn.today)
    except listings.NotFound:
        return Outcome(reply=not_found)
    if not saved.ok:
        return Outcome(reply=record_problems(language, saved.errors))
    if not saved.changed:
        return Outcome(reply=Reply(t(language, N_("product_unchanged") if kind == "product" else N_("desk_unchanged"), code=saved.code)))
    header = t(language, N_("product_updated") if kind == "product" else N_("desk_updated"), code=saved.code, fields=", ".join(saved.changed))
    return Outcome(reply=confirmation(turn, kind, saved.code, header), catalog_changed=True)


@admin_handler("/editproduct", desks=True)
def edit_product(turn: Turn) -> Outcome:
    """Show a listing's fields, or change those given as ``field: value`` lines."""
    return _edit("product", turn)


@admin_handler("/editdesk")
def edit_desk(turn: Turn) -> Outcome:
    """Show a desk's fields, or change those given as ``field: value`` lines."""
    return _edit("desk", turn)


def _set_status(turn: Turn, code: str, status: ProductStatus) -> Outcome:
    """Close or reopen the listing ``code``."""
    if admins.listing_outside(turn.rights, code, {}, session=turn.session):
        return turn.refuse("/closeproduct" if status is ProductStatus.CLOSED else "/reopenproduct", toast=False)
    try:
        saved = listings.set_status(turn.person.id, code, status, session=turn.session)
    except listings.NotFound:
        return Outcome(reply=Reply(t(turn.language, "product_not_found", code=cut(code, 40))))
    if not saved.changed:
        return Outcome(reply=Reply(t(turn.language, "product_unchanged", code=saved.code)))
    header = t(turn.language, "product_status_set", code=saved.code, status=t(turn.language, _STATUS[status]))
    return Outcome(reply=confirmation(turn, "product", saved.code, header), catalog_changed=True)


@admin_handler("/closeproduct", desks=True)
def close_product(turn: Turn) -> Outcome:
    """Close a listing (it stays findable, marked closed)."""
    code, _ = _code_and_body(turn.text)
    return _set_status(turn, code, ProductStatus.CLOSED) if code else Outcome(reply=Reply(t(turn.language, "closeproduct_usage")))


@admin_handler("/reopenproduct", desks=True)
def reopen_product(turn: Turn) -> Outcome:
    """Reopen a listing."""
    code, _ = _code_and_body(turn.text)
    return _set_status(turn, code, ProductStatus.OPEN) if code else Outcome(reply=Reply(t(turn.language, "reopenproduct_usage")))


def register(application: App) -> None:
    """The form first (while it waits for an answer, its /skip, /cancel and the answer come before anyone's
    handlers), then the commands that change existing records."""
    application.add_handler(form())
    application.add_handler(CommandHandler("editproduct", edit_product))
    application.add_handler(CommandHandler("editdesk", edit_desk))
    application.add_handler(CommandHandler("closeproduct", close_product))
    application.add_handler(CommandHandler("reopenproduct", reopen_product))
