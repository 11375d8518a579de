"""Admins import the catalog from a file: /import, the uploaded document's preview, and its Apply and Cancel buttons.

An admin's CSV or XLSX document is read, checked against the catalog and previewed with what it would
change; nothing is written until Apply. The upload waits in the database (any replica takes the press)
for :data:`~bot.services.imports.MAX_AGE`. Anyone else's document gets the answer to any non-text message.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from sqlmodel import Session
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.i18n import N_, Html, label, t, tn
from bot.services import admins, imports, registry
from bot.services.catalog import ImportReport
from bot.services.catalog_csv import CsvFormatError, Table
from bot.services.imports import MAX_AGE, Preview, Result
from bot.services.inputs import clean_text
from bot.telegram.buttons import ButtonData, RecordId
from bot.telegram.runtime import Context, Runtime, runtime
from bot.telegram.turn import Outcome, Turn, admin_handler, audited_as, on_press, run_turn
from bot.telegram.ui import Reply, cut, keyboard

from .render import file_error, number, problems, size

if TYPE_CHECKING:
    from bot.telegram.app import App

log = logging.getLogger(__name__)
MAX_CODES = 20
_IMPORT_CAPTION = re.compile(r"^\s*/import(?:@\w+)?(?:\s|$)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ApplyImport(ButtonData):
    """Apply: write the waiting upload to the catalog."""

    prefix: ClassVar[str] = "imp:a"
    import_id: RecordId


@dataclass(frozen=True, slots=True)
class CancelImport(ButtonData):
    """Cancel: forget the waiting upload."""

    prefix: ClassVar[str] = "imp:c"
    import_id: RecordId


# ------------------------------------------------------------------------------------ renderers


def _codes(language: str, codes: Sequence[str]) -> str:
    shown = ", ".join(codes[:MAX_CODES]) + (f", … (+{len(codes) - MAX_CODES})" if len(codes) > MAX_CODES else "")
    return cut(shown, 1200)


def _kept(language: str, report: ImportReport) -> str:
    """A units file's rows that name units their owners claimed, which the import leaves as the owners have them."""
    if not isinstance(report, registry.UnitImportReport) or not report.kept:
        return ""
    return t(language, "import_kept_claimed", units=_codes(language, report.kept))


def preview(language: str, upload: Preview) -> Reply:
    """What an upload would change, with Apply and Cancel when there is something to apply; or its problems."""
    report, file_name = upload.report, cut(upload.file_name, 100)
    if not report.ok:
        return Reply(tn(language, "import_rejected", len(report.errors), file=file_name, count=number(language, len(report.errors)),
                       problems=Html(problems(language, report.errors))))
    counts = report.counts
    if upload.import_id is None:
        nothing = tn(language, "import_nothing", report.rows, file=file_name, rows=number(language, report.rows))
        kept = _kept(language, report)
        return Reply(nothing + ("\n" + kept if kept else ""))
    new = [change.key for change in counts.changes if change.before is None]
    changed = [f"{change.key} ({', '.join(change.after)})" for change in counts.changes if change.before is not None]
    details = (t(language, "import_new_codes", codes=_codes(language, new)) if new else "") + (
        t(language, "import_changed_codes", codes=_codes(language, changed)) if changed else "") + _kept(language, report)
    text = tn(
        language, "import_preview", report.rows, file=file_name, rows=number(language, report.rows), new=number(language, counts.new),
        changed=number(language, counts.changed), unchanged=number(language, counts.unchanged), details=Html(details),
        minutes=number(language, int(MAX_AGE.total_seconds() // 60)),
    )
    buttons = [ApplyImport(upload.import_id).button(label(language, "btn_apply")),
               CancelImport(upload.import_id).button(label(language, "btn_cancel"))]
    return Reply(text, keyboard([buttons]))


def result(language: str, done: Result) -> Outcome:
    """What pressing Apply or Cancel shows: the message's new text, or a toast when it stays as it is."""
    file_name = cut(done.file_name, 100)
    match done.outcome:
        case imports.Outcome.APPLIED if done.report is not None:
            counts, units = done.report.counts, isinstance(done.report, registry.UnitImportReport)
            applied = t(language, "import_applied", file=file_name, new=number(language, counts.new),
                        changed=number(language, counts.changed), unchanged=number(language, counts.unchanged))
            kept = _kept(language, done.report)
            # Units are not listings: the search index stays as it is.
            return Outcome(reply=Reply(applied + ("\n" + kept if kept else "")), edit=True, catalog_changed=not units)
        case imports.Outcome.CANCELLED:
            return Outcome(reply=Reply(t(language, "import_cancelled", file=file_name)), edit=True)
        case imports.Outcome.INVALID if done.error is not None:
            return Outcome(reply=file_error(language, done.file_name, done.error), edit=True)
        case imports.Outcome.INVALID:
            errors = done.report.errors if done.report is not None else []
            return Outcome(reply=Reply(t(language, "import_invalid", file=file_name, problems=Html(problems(language, errors)))), edit=True)
        case imports.Outcome.EXPIRED:
            return Outcome(reply=Reply(t(language, "import_expired")), edit=True)
        case imports.Outcome.NOT_YOURS:
            return Outcome(toast=t(language, "import_not_yours"))
    return Outcome(toast=t(language, "import_gone"))


# ------------------------------------------------------------------------------------- handlers


@admin_handler("/import")
def import_command(turn: Turn) -> Outcome:
    """Explain the file to send; any document an admin sends is taken as an import."""
    return Outcome(reply=Reply(t(turn.language, "import_prompt", limit=size(turn.language, turn.settings.import_max_bytes))))


def _let_in(wants_import: bool, turn: Turn) -> Outcome:
    """Full admins' documents go on to be fetched (an empty outcome); anyone else's are answered here (a desk
    officer's import is refused: a file may change any desk's listings)."""
    if turn.is_full_admin:
        return Outcome()
    if turn.rights is not None:  # a desk officer: every document an admin sends is an import
        admins.refuse(turn.person.id, "/import", session=turn.session, text=turn.text)
        return Outcome(reply=Reply(t(turn.language, "full_admins_only")), refused=True)
    if wants_import:
        admins.refuse(turn.person.id, "/import", session=turn.session, text=turn.text)
    return Outcome(reply=Reply(t(turn.language, N_("not_available") if wants_import else N_("non_text"))), refused=True)


def _too_big(file_name: str, file_size: int, turn: Turn) -> Outcome:
    limit = turn.settings.import_max_bytes
    return Outcome(reply=Reply(t(turn.language, "import_too_big", file=cut(file_name, 100), limit=size(turn.language, limit),
                                 size=size(turn.language, file_size, round_up=True))))


def _download_failed(turn: Turn) -> Outcome:
    return Outcome(reply=Reply(t(turn.language, "import_download_failed")))


def _preview(file_name: str, data: bytes, table: Table | CsvFormatError, turn: Turn) -> Outcome:
    if isinstance(table, CsvFormatError):
        return Outcome(reply=file_error(turn.language, file_name, table))
    try:
        upload = imports.preview(turn.person.id, file_name, data, session=turn.session, table=table)
    except CsvFormatError as exc:
        return Outcome(reply=file_error(turn.language, file_name, exc))
    return Outcome(reply=preview(turn.language, upload), awaits_tap=upload.import_id is not None)  # Apply / Cancel


async def on_document(update: Update, context: Context) -> None:
    """Preview an admin's CSV or XLSX file as an import; others' documents get the usual answer.

    The file is fetched from Telegram only for admins, and read outside any transaction: between the
    turn that lets the sender in and the one that previews the file.
    """
    assert update.effective_message is not None and update.effective_message.document is not None
    document = update.effective_message.document
    wants_import = bool(_IMPORT_CAPTION.match(update.effective_message.caption or ""))
    if (await run_turn(update, context, partial(_let_in, wants_import))).refused:
        return
    file_name = clean_text(document.file_name or "") or "upload"
    limit = runtime(context).settings.import_max_bytes
    if (document.file_size or 0) > limit:
        await run_turn(update, context, partial(_too_big, file_name, document.file_size or 0))
        return
    try:
        data = bytes(await (await document.get_file()).download_as_bytearray())
    except TelegramError as exc:
        log.warning("could not download %s: %s", file_name, exc)
        await run_turn(update, context, _download_failed)
        return
    if len(data) > limit:  # Telegram's file_size is optional; the download is what counts
        await run_turn(update, context, partial(_too_big, file_name, len(data)))
        return
    table = await _read(file_name, data)
    await run_turn(update, context, partial(_preview, file_name, data, table), admin="/import")


async def _read(file_name: str, data: bytes) -> Table | CsvFormatError:
    """Read an upload in a worker thread, before any transaction: parsing is bounded by the upload limits,
    and no other update waits for a database lock meanwhile."""
    try:
        return await asyncio.to_thread(imports.read, file_name, data)
    except CsvFormatError as exc:
        return exc


async def _kept_table(rt: Runtime, actor: int, import_id: int) -> Table | CsvFormatError | None:
    """The waiting upload, read before the transaction that writes it (None: nothing of the presser's to read)."""

    def find(session: Session) -> tuple[str, bytes] | None:
        # Only an admin's own upload is worth reading; a forged button must not make the bot parse files.
        found = admins.rights(actor, session=session, settings=rt.settings)
        if found is None or not found.full:
            return None
        return imports.kept(actor, import_id, session=session)

    kept = await rt.run(find)
    return None if kept is None else await _read(*kept)


def _apply(pressed: ApplyImport, table: Table | CsvFormatError | None, turn: Turn) -> Outcome:
    return result(turn.language, imports.apply(turn.person.id, pressed.import_id, session=turn.session, table=table))


async def apply_pressed(update: Update, context: Context) -> None:
    """Apply: the kept upload is read first, in a worker thread, then written in one transaction."""
    assert update.callback_query is not None and update.effective_user is not None
    pressed = ApplyImport.unpack(update.callback_query.data)
    assert pressed is not None  # the handler's pattern let only Apply through
    table = await _kept_table(runtime(context), update.effective_user.id, pressed.import_id)
    await run_turn(update, context, partial(_apply, pressed, table), admin=audited_as(ApplyImport))


def cancel_pressed(turn: Turn, pressed: CancelImport) -> Outcome:
    """Cancel: forget the kept upload; nothing is written."""
    return result(turn.language, imports.cancel(turn.person.id, pressed.import_id, session=turn.session))


def register(application: App) -> None:
    """/import, the preview's buttons, and documents: an admin's is an import to preview, anyone else's gets
    the answer to any non-text (so this goes before the handler of other messages)."""
    application.add_handler(CommandHandler("import", import_command))
    application.add_handler(CallbackQueryHandler(apply_pressed, pattern=ApplyImport.pattern()))
    application.add_handler(on_press(CancelImport, cancel_pressed, admin=True))
    application.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.Document.ALL & ~filters.UpdateType.EDITED, on_document))
