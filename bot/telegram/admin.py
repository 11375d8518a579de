"""Admin commands: the catalog, imports and exports, leads, statistics and who the admins are.

Every command checks that the sender is an admin in the same transaction as its work (:func:`_as_admin`).
Anyone else gets a neutral "not available", written to the audit log, and learns nothing more: admin
commands are not in their menu or their /help.

The step-by-step form of /addproduct and /adddesk is a :class:`~telegram.ext.ConversationHandler`, which
keeps its state (the question reached and the answers so far) in this process's memory: a restart drops
unfinished forms, and with several replicas an admin's answers must reach the replica that asked (as they
do with long polling, where a single process takes the updates). Imports wait in the database instead.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import TypeVar

from sqlmodel import Session
from telegram import InputFile, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import CommandHandler, ContextTypes, ConversationHandler, MessageHandler, TypeHandler, filters

from bot.i18n import N_, Html, t
from bot.services import admins, browse, exports, imports, listings, users
from bot.services import demand as demand_service
from bot.services import leads as lead_service
from bot.services import stats as stats_service
from bot.services.catalog_csv import ALL_COLUMNS, DESK_ALL_COLUMNS, CsvFormatError, Table
from bot.services.inputs import NumberError, clean_text, parse_whole_number
from bot.store.models import LeadStatus, ProductStatus, Sector

from . import admin_render, callbacks, render
from .digests import run_round
from .handlers import _digits, _edit, _send, _Who, answer_query
from .menus import hide_admin_menu, show_admin_menu
from .problems import row_problem
from .render import Reply
from .runtime import Runtime, runtime
from .sending import with_retries

log = logging.getLogger(__name__)
R = TypeVar("R")

FILLING = 1  # the one state of the step-by-step form: waiting for the answer to the current question
DRAFT_KEY = "admin_draft"
DRAFT_TIMEOUT = timedelta(minutes=30)
DEMAND_DAYS = 30
MAX_DEMAND_DAYS = 365
_IMPORT_CAPTION = re.compile(r"^\s*/import(?:@\w+)?(?:\s|$)", re.IGNORECASE)


def _text(update: Update) -> str:
    message = update.effective_message
    return (message.text or message.caption or "") if message is not None else ""


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


async def _as_admin(
    update: Update, context: ContextTypes.DEFAULT_TYPE, command: str, work: Callable[[Session, str], R]
) -> tuple[str, R] | None:
    """Run ``work(session, language)`` if the sender is an admin; else refuse, log it, and return None."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)
    rt = runtime(context)
    text = _text(update) or (update.callback_query.data or "" if update.callback_query else "")

    def guarded(session: Session) -> tuple[str, R] | str:
        language = who.remember(session)
        if not admins.is_admin(who.id, session=session, settings=rt.settings):
            admins.refuse(who.id, command, session=session, text=text)
            return language
        return language, work(session, language)

    outcome = await rt.run(guarded)
    if isinstance(outcome, str):
        if update.callback_query is not None:
            await answer_query(update.callback_query, t(outcome, "not_available"))
        else:
            await _send(update, render.plain(outcome, "not_available"))
        return None
    return outcome


async def _tell(context: ContextTypes.DEFAULT_TYPE, chat_id: int, reply: Reply) -> bool:
    """Message someone other than the sender; False when Telegram refuses (blocked, never started)."""
    try:
        await with_retries(partial(context.bot.send_message, chat_id, reply.text, reply_markup=reply.markup), what="message")
    except (Forbidden, BadRequest) as exc:
        log.warning("could not message %s: %s", chat_id, exc.message)
        return False
    except TelegramError:
        log.exception("could not message %s", chat_id)
        return False
    return True


def _sectors(session: Session) -> list[Sector]:
    return [sector for sector, _ in browse.sectors(session=session)]


def _confirmation(language: str, kind: listings.Kind, code: str, header: str, session: Session) -> Reply:
    """A saved listing's or desk's card under ``header``."""
    if kind == "product":
        card = browse.product_card(code, session=session)
        assert card is not None
        return admin_render.with_header(header, render.product_card(language, card))
    desk = browse.desk_card(code, session=session)
    assert desk is not None
    return admin_render.with_header(header, render.desk_card(language, desk, 0))


# ------------------------------------------------------------------ adding: one message or step by step


@dataclass
class _Draft:
    """The step-by-step form of one admin: what is being added, the answers so far, the question reached."""

    kind: listings.Kind
    values: dict[str, str] = field(default_factory=dict)
    step: int = 0


def _columns(kind: listings.Kind) -> tuple[str, ...]:
    return ALL_COLUMNS if kind == "product" else DESK_ALL_COLUMNS


async def _add(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: listings.Kind) -> object:
    """Save a record given as ``field: value`` lines, or start the step-by-step form when there are none."""
    assert update.effective_user is not None and context.user_data is not None
    actor = update.effective_user.id
    line, rest = _split(_text(update))
    body = "\n".join(part for part in (line, rest) if part)
    command = f"/add{kind}"
    if body.strip():

        def save(session: Session, language: str) -> tuple[Reply, bool]:
            parsed = listings.parse_field_lines(body, _columns(kind))
            if parsed.errors:
                return admin_render.record_problems(language, parsed.errors), False
            saved = listings.add(kind, actor, parsed.values, session=session)
            if not saved.ok:
                return admin_render.record_problems(language, saved.errors), False
            return _confirmation(language, kind, saved.code, t(language, _ADDED[kind]), session), True

        done = await _as_admin(update, context, command, save)
        if done is not None:
            reply, changed = done[1]
            if changed:
                runtime(context).catalog_changed()
            await _send(update, reply)
        context.user_data.pop(DRAFT_KEY, None)
        return ConversationHandler.END

    started = await _as_admin(update, context, command, lambda session, language: admin_render.draft_intro(language, kind, _sectors(session)))
    if started is None:
        return ConversationHandler.END
    context.user_data[DRAFT_KEY] = _Draft(kind)
    await _send(update, started[1])
    return FILLING


async def add_product_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    """Add a listing: ``field: value`` lines in the same message, or a question per field."""
    return await _add(update, context, "product")


async def add_desk_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    """Add a desk: ``field: value`` lines in the same message, or a question per field."""
    return await _add(update, context, "desk")


@dataclass(frozen=True, slots=True)
class _Answered:
    """What one answer of the form leads to: the reply, and the answers so far unless the form is over."""

    reply: Reply
    values: dict[str, str] | None  # None: saved or failed, the form is over
    advance: bool = False  # the answer was accepted: the next question follows
    catalog_changed: bool = False


async def _answer(update: Update, context: ContextTypes.DEFAULT_TYPE, value: str, skipped: bool) -> object:
    """Check one answer of the form; ask the next question, or save the record after the last."""
    assert update.effective_user is not None and context.user_data is not None
    draft = context.user_data.get(DRAFT_KEY)
    if not isinstance(draft, _Draft):
        return ConversationHandler.END
    actor = update.effective_user.id
    steps = listings.STEPS[draft.kind]
    step = steps[draft.step]

    def work(session: Session, language: str) -> _Answered:
        if skipped and step.required:
            return _Answered(render.plain(language, "draft_required"), draft.values)
        problem = listings.check_step(draft.kind, step.column, value, draft.values, session=session)
        if problem is not None:
            return _Answered(render.plain(language, "draft_invalid", problem=Html(row_problem(language, problem))), draft.values)
        values = {**draft.values, step.column: value.strip()}
        if draft.step + 1 < len(steps):
            return _Answered(admin_render.draft_step(language, draft.kind, draft.step + 1, _sectors(session)), values, advance=True)
        saved = listings.add(draft.kind, actor, values, session=session)
        if not saved.ok:
            return _Answered(admin_render.record_problems(language, saved.errors), None)
        header = t(language, _ADDED[draft.kind])
        return _Answered(_confirmation(language, draft.kind, saved.code, header, session), None, catalog_changed=True)

    done = await _as_admin(update, context, f"/add{draft.kind}", work)
    if done is None:
        context.user_data.pop(DRAFT_KEY, None)
        return ConversationHandler.END
    answered = done[1]
    if answered.catalog_changed:
        runtime(context).catalog_changed()
    await _send(update, answered.reply)
    if answered.values is None:
        context.user_data.pop(DRAFT_KEY, None)
        return ConversationHandler.END
    if answered.advance:
        draft.values, draft.step = answered.values, draft.step + 1
    return FILLING


async def draft_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    """Take a message as the answer to the form's current question."""
    return await _answer(update, context, _text(update), skipped=False)


async def draft_skip(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    """Leave the current (optional) field empty."""
    return await _answer(update, context, "", skipped=True)


async def draft_cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> object:
    """Drop the form; nothing is added."""
    assert update.effective_user is not None and context.user_data is not None
    context.user_data.pop(DRAFT_KEY, None)
    who = _Who.of(update.effective_user)
    await _send(update, await runtime(context).run(lambda session: render.plain(who.remember(session), "draft_cancelled")))
    return ConversationHandler.END


async def draft_timeout(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell the admin their form was dropped after a long silence."""
    if context.user_data is not None:
        context.user_data.pop(DRAFT_KEY, None)
    if not isinstance(update, Update) or update.effective_user is None:
        return
    who = _Who.of(update.effective_user)
    reply = await runtime(context).run(lambda session: render.plain(who.remember(session), "draft_timeout"))
    await _tell(context, who.id, reply)


# ------------------------------------------------------------------ editing, closing, reopening


_ADDED = {"product": N_("product_added"), "desk": N_("desk_added")}


async def _edit_record(update: Update, context: ContextTypes.DEFAULT_TYPE, kind: listings.Kind) -> None:
    """Show a record's fields (code only) or change them (code and ``field: value`` lines)."""
    assert update.effective_user is not None
    actor = update.effective_user.id
    code, body = _code_and_body(_text(update))
    prefix = "product" if kind == "product" else "desk"
    not_found = N_("product_not_found") if kind == "product" else N_("desk_not_found")

    def work(session: Session, language: str) -> tuple[Reply, bool]:
        if not code:
            return render.plain(language, N_("editproduct_usage") if kind == "product" else N_("editdesk_usage")), False
        if not body.strip():
            current = listings.current_fields(kind, code, session=session)
            if current is None:
                return render.plain(language, not_found, code=render.cut(code, 40)), False
            return admin_render.fields(language, N_("editproduct_current") if kind == "product" else N_("editdesk_current"), code.upper(), current), False
        parsed = listings.parse_field_lines(body, _columns(kind))
        if parsed.errors:
            return admin_render.record_problems(language, parsed.errors), False
        edit = listings.edit_product if kind == "product" else listings.edit_desk
        try:
            saved = edit(actor, code, parsed.values, session=session)
        except listings.NotFound:
            return render.plain(language, not_found, code=render.cut(code, 40)), False
        if not saved.ok:
            return admin_render.record_problems(language, saved.errors), False
        if not saved.changed:
            return render.plain(language, N_("product_unchanged") if kind == "product" else N_("desk_unchanged"), code=saved.code), False
        header = t(language, N_("product_updated") if kind == "product" else N_("desk_updated"), code=saved.code, fields=admin_render.changed_fields(list(saved.changed)))
        return _confirmation(language, kind, saved.code, header, session), True

    done = await _as_admin(update, context, f"/edit{prefix}", work)
    if done is not None:
        reply, changed = done[1]
        if changed:
            runtime(context).catalog_changed()
        await _send(update, reply)


async def edit_product_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show a listing's fields, or change those given as ``field: value`` lines."""
    await _edit_record(update, context, "product")


async def edit_desk_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show a desk's fields, or change those given as ``field: value`` lines."""
    await _edit_record(update, context, "desk")


_STATUS_USAGE = {"/closeproduct": N_("closeproduct_usage"), "/reopenproduct": N_("reopenproduct_usage")}


async def _set_status(update: Update, context: ContextTypes.DEFAULT_TYPE, status: ProductStatus, command: str) -> None:
    """Close or reopen the listing named after the command."""
    assert update.effective_user is not None
    actor = update.effective_user.id
    code, _ = _code_and_body(_text(update))

    def work(session: Session, language: str) -> tuple[Reply, bool]:
        if not code:
            return render.plain(language, _STATUS_USAGE[command]), False
        try:
            saved = listings.set_status(actor, code, status, session=session)
        except listings.NotFound:
            return render.plain(language, "product_not_found", code=render.cut(code, 40)), False
        if not saved.changed:
            return render.plain(language, "product_unchanged", code=saved.code), False
        header = t(language, "product_status_set", code=saved.code, status=t(language, render.STATUS_TEXT[status]))
        return _confirmation(language, "product", saved.code, header, session), True

    done = await _as_admin(update, context, command, work)
    if done is not None:
        reply, changed = done[1]
        if changed:
            runtime(context).catalog_changed()
        await _send(update, reply)


async def close_product_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Close a listing (it stays findable, marked closed)."""
    await _set_status(update, context, ProductStatus.CLOSED, "/closeproduct")


async def reopen_product_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reopen a listing."""
    await _set_status(update, context, ProductStatus.OPEN, "/reopenproduct")


# ------------------------------------------------------------------ import and export


async def import_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain the file to send; any document an admin sends is taken as an import."""
    limit = runtime(context).settings.import_max_bytes
    done = await _as_admin(update, context, "/import", lambda session, language: render.plain(
        language, "import_prompt", limit=admin_render.size(language, limit)))
    if done is not None:
        await _send(update, done[1])


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Preview an admin's CSV or XLSX file as an import; others' documents get the usual answer."""
    assert update.effective_user is not None and update.effective_message is not None
    document = update.effective_message.document
    assert document is not None
    who = _Who.of(update.effective_user)
    rt = runtime(context)
    caption = update.effective_message.caption or ""
    wants_import = bool(_IMPORT_CAPTION.match(caption))

    def check(session: Session) -> tuple[str, bool]:
        language = who.remember(session)
        if admins.is_admin(who.id, session=session, settings=rt.settings):
            return language, True
        if wants_import:
            admins.refuse(who.id, "/import", session=session, text=caption)
        return language, False

    # Two transactions: the file is fetched from Telegram only for admins, between the check and the preview.
    language, admin = await rt.run(check)
    if not admin:
        await _send(update, render.plain(language, N_("not_available") if wants_import else N_("non_text")))
        return
    name = clean_text(document.file_name or "") or "upload"
    limit = rt.settings.import_max_bytes
    too_big = render.plain(language, "import_too_big", file=render.cut(name, 100), limit=admin_render.size(language, limit),
                           size=admin_render.size(language, document.file_size or 0, round_up=True))
    if (document.file_size or 0) > limit:
        await _send(update, too_big)
        return
    try:
        data = bytes(await (await document.get_file()).download_as_bytearray())
    except TelegramError as exc:
        log.warning("could not download %s: %s", name, exc)
        await _send(update, render.plain(language, "import_download_failed"))
        return
    if len(data) > limit:  # Telegram's file_size is optional; the download is what counts
        await _send(update, render.plain(language, "import_too_big", file=render.cut(name, 100), limit=admin_render.size(language, limit),
                                         size=admin_render.size(language, len(data), round_up=True)))
        return

    table = await _read(name, data)
    if isinstance(table, CsvFormatError):
        await _send(update, admin_render.file_error(language, name, table))
        return

    def preview(session: Session, language: str) -> Reply:
        try:
            return admin_render.import_preview(language, imports.preview(who.id, name, data, session=session, table=table))
        except CsvFormatError as exc:
            return admin_render.file_error(language, name, exc)

    done = await _as_admin(update, context, "/import", preview)
    if done is not None:
        await _send(update, done[1])


async def _read(name: str, data: bytes) -> Table | CsvFormatError:
    """Read an upload in a worker thread, before any transaction: parsing is bounded by the upload limits,
    and no other update waits for a database lock meanwhile."""
    try:
        return await asyncio.to_thread(imports.read, name, data)
    except CsvFormatError as exc:
        return exc


async def _kept_table(rt: Runtime, actor: int, action: callbacks.Action | None) -> Table | CsvFormatError | None:
    """For Apply: the waiting upload read before the transaction that writes it (None: nothing to read)."""
    if action is None or action.kind != "imp" or action.code != "a" or action.item is None:
        return None
    item = action.item

    def find(session: Session) -> tuple[str, bytes] | None:
        # Only an admin's own upload is worth reading; a forged button must not make the bot parse files.
        return imports.kept(actor, item, session=session) if admins.is_admin(actor, session=session, settings=rt.settings) else None

    kept = await rt.run(find)
    return None if kept is None else await _read(*kept)


_EXPORT_CAPTION = {"products": N_("export_caption_products"), "leads": N_("export_caption_leads"),
                   "subscribers": N_("export_caption_subscribers")}


async def export_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send products, leads or the bot's users as a CSV file."""
    assert update.effective_user is not None and update.effective_chat is not None
    actor = update.effective_user.id
    kind = ((context.args or [""])[0]).lower()
    rt = runtime(context)

    def work(session: Session, language: str) -> exports.Export | None:
        return exports.export(kind, actor, session=session, tz=rt.settings.tz) if kind in exports.KINDS else None

    done = await _as_admin(update, context, "/export", work)
    if done is None:
        return
    language, export = done
    if export is None:
        await _send(update, render.plain(language, "export_usage"))
        return
    caption = t(language, _EXPORT_CAPTION[kind], rows=export.rows)
    chat = update.effective_chat
    await with_retries(lambda: chat.send_document(InputFile(export.data, filename=export.file_name), caption=caption), what="export")


# ------------------------------------------------------------------ leads, statistics, unmet demand


async def leads_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Page through leads, newest first: open ones, all, or those of one status."""
    filter_name = ((context.args or ["open"])[0]).lower()
    tz = runtime(context).settings.tz

    def work(session: Session, language: str) -> Reply:
        if filter_name not in lead_service.FILTERS:
            return render.plain(language, "leads_usage")
        return admin_render.leads_page(language, lead_service.leads_page(filter_name, 0, session=session), tz)

    done = await _as_admin(update, context, "/leads", work)
    if done is not None:
        await _send(update, done[1])


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Users, searches, leads, the most found listings and the largest unmet needs."""
    done = await _as_admin(update, context, "/stats", lambda session, language: admin_render.stats(
        language, stats_service.collect(session=session)))
    if done is not None:
        await _send(update, done[1])


async def demand_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What people searched for and found nothing, grouped by need (the last 30 days, or /demand DAYS)."""
    argument = (context.args or [str(DEMAND_DAYS)])[0]
    try:
        days: int | None = parse_whole_number(argument, maximum=MAX_DEMAND_DAYS) or None
    except NumberError:
        days = None

    def work(session: Session, language: str) -> Reply:
        if days is None:
            return render.plain(language, "demand_usage")
        return admin_render.demand(language, demand_service.unmet_demand(session=session, days=days), days)

    done = await _as_admin(update, context, "/demand", work)
    if done is not None:
        await _send(update, done[1])


# ------------------------------------------------------------------ admins


async def admins_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the admins, or grant (``add``) or revoke (``remove``) admin rights by user id or @username."""
    assert update.effective_user is not None
    actor = update.effective_user.id
    args = context.args or []
    verb, reference = (args[0].lower(), args[1]) if len(args) >= 2 else ("", "")
    rt = runtime(context)

    def work(session: Session, language: str) -> tuple[Reply, int | None, admins.Outcome | None, str]:
        """Return the reply, whom it concerns, what happened to them and their language."""
        if verb not in ("add", "remove"):
            return admin_render.admins_list(language, admins.list_admins(session=session, settings=rt.settings), rt.settings.tz), None, None, ""
        try:
            user_id = admins.find_user(reference, session=session)
        except admins.AmbiguousUsername:
            return render.plain(language, "admin_ambiguous_user", reference=render.cut(reference, 40)), None, None, ""
        if user_id is None:
            return render.plain(language, "admin_unknown_user", reference=render.cut(reference, 40)), None, None, ""
        change = admins.grant if verb == "add" else admins.revoke
        outcome = change(actor, user_id, session=session, settings=rt.settings)
        user = users.known(user_id, session=session)
        link = render.user_link(user_id, user.first_name if user else str(user_id), user.username if user else None)
        return admin_render.admin_outcome(language, outcome, link), user_id, outcome, user.language if user else "en"

    done = await _as_admin(update, context, "/admins", work)
    if done is None:
        return
    reply, user_id, outcome, their_language = done[1]
    await _send(update, reply)
    if user_id is None:
        return
    if outcome is admins.Outcome.GRANTED and await _tell(context, user_id, render.plain(their_language, "you_are_admin")):
        await show_admin_menu(context.bot, user_id, their_language)
    elif outcome is admins.Outcome.REVOKED:
        await hide_admin_menu(context.bot, user_id)
        await _tell(context, user_id, render.plain(their_language, "you_are_not_admin"))


# ------------------------------------------------------------------ buttons


@dataclass(frozen=True, slots=True)
class _Pressed:
    """What an admin's button press leads to."""

    reply: Reply | None = None  # the message's new text and buttons
    toast: str | None = None
    investor: tuple[int, Reply] | None = None  # the investor to tell about their lead, and what
    status_change: lead_service.StatusChange | None = None
    catalog_changed: bool = False


async def on_admin_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Apply or cancel an import, page through leads, open a lead, set a lead's status."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    actor = update.effective_user.id
    action = callbacks.parse(query.data)
    rt = runtime(context)
    tz = rt.settings.tz
    table = await _kept_table(rt, actor, action)

    def work(session: Session, language: str) -> _Pressed:
        if action is None or (action.item is None and action.kind != "ll"):
            return _Pressed(toast=t(language, "expired"))
        if action.kind == "imp":
            assert action.item is not None
            if action.code == "a":
                result = imports.apply(actor, action.item, session=session, table=table)
            else:
                result = imports.cancel(actor, action.item, session=session)
            reply, toast = admin_render.import_result(language, result)
            return _Pressed(reply, toast, catalog_changed=result.outcome is imports.Outcome.APPLIED)
        if action.kind == "ll":
            return _Pressed(admin_render.leads_page(language, lead_service.leads_page(action.arg, action.page, session=session), tz))
        assert action.item is not None
        if action.kind == "lc":
            view = lead_service.lead_view(action.item, session=session)
            if view is None:
                return _Pressed(toast=t(language, "expired"))
            return _Pressed(admin_render.lead_card(language, view, tz, action.arg, action.page))
        change = lead_service.set_status(actor, action.item, LeadStatus(action.code), session=session)
        if change is None:
            return _Pressed(toast=t(language, "expired"))
        card = admin_render.lead_card(language, change.view, tz, action.arg, action.page)
        investor = None
        if change.changed:
            their_language = change.view.user.language if change.view.user else "en"
            investor = (change.view.lead.user_id, admin_render.investor_update(their_language, change.view))
        return _Pressed(card, status_change=change, investor=investor)

    command = f"button {action.kind}" if action is not None else "button"
    done = await _as_admin(update, context, command, work)
    if done is None:
        return
    language, outcome = done[0], done[1]
    if outcome.catalog_changed:
        rt.catalog_changed()
    toast = outcome.toast
    if outcome.status_change is not None:
        told = await _tell(context, *outcome.investor) if outcome.investor is not None else False
        change = outcome.status_change
        toast = admin_render.status_toast(language, change.view.lead.status, changed=change.changed, told=told)
    await answer_query(query, toast)
    if outcome.reply is not None:
        await _edit(update, outcome.reply)


def conversation() -> ConversationHandler:  # type: ignore[type-arg]
    """/addproduct and /adddesk: one message of ``field: value`` lines, or the step-by-step form."""
    return ConversationHandler(
        entry_points=[CommandHandler("addproduct", add_product_command), CommandHandler("adddesk", add_desk_command)],
        states={
            FILLING: [CommandHandler("skip", draft_skip), MessageHandler(filters.TEXT & ~filters.COMMAND, draft_answer)],
            ConversationHandler.TIMEOUT: [TypeHandler(Update, draft_timeout)],
        },
        fallbacks=[CommandHandler("cancel", draft_cancel)],
        allow_reentry=True,
        conversation_timeout=DRAFT_TIMEOUT,
        name="admin_add",
    )


async def digest_now_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admins: run a digest round now, as `matchbot digest` does, and report how it went."""
    allowed = await _as_admin(update, context, "/digest_now", lambda session, language: None)
    if allowed is None:
        return
    language, _ = allowed
    rt = runtime(context)
    report = await run_round(rt.settings, rt.engine, context.bot, due_only=False)
    counts = {
        "planned": len(report.plan.planned), "sent": report.sent, "messages": report.messages, "blocked": report.blocked,
        "failed": report.refused, "pending": report.left_pending,
    }
    await _send(update, render.plain(language, "digest_now_done", **_digits(language, counts)))
