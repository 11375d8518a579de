"""One turn per update: the handlers' shared prelude and the single way their outcome reaches Telegram.

A feature's handler is a plain function ``body(turn) -> Outcome`` (or ``body(turn, pressed)`` for a
button). The decorators here wrap it into a python-telegram-bot callback that:

1. opens ONE database session in a worker thread (:meth:`Runtime.run`), which commits once when the body
   returns and rolls back if it raises: the one rule for who commits, the same for jobs and the CLI
   (their entry points own the session; services and the store never commit);
2. remembers the user once and resolves their language;
3. for admin handlers, checks the rights in that same transaction and refuses anyone else neutrally,
   writing the refusal to the audit log; desk officers (grants scoped to desks) get only the handlers that
   let them in (``desks=True``), which then keep to the officer's desks (:attr:`Turn.rights`), and are told
   plainly that the others are for full admins;
4. applies the :class:`Outcome` the body returned, through :func:`deliver`: the reply (sent, or edited
   into place for navigation), the button's toast, notices to other people, admin menu changes, a file.

Bodies do no I/O with Telegram and return values only, so they read top to bottom and test as functions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import date
from functools import partial, wraps
from typing import Any, Self, TypeVar

from sqlmodel import Session
from telegram import Bot, CallbackQuery, InputFile, Update
from telegram import User as TelegramUser
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import CallbackQueryHandler

from bot.i18n import t
from bot.services import admins, confirmations, profiles, users
from bot.services.search import Matcher
from bot.store.models import User, utcnow
from bot.settings import Settings

from .buttons import SEPARATOR, ButtonData
from .menus import hide_admin_menu, show_admin_menu
from .runtime import Context, Runtime, runtime
from .sending import with_retries
from .ui import Reply

log = logging.getLogger(__name__)
B = TypeVar("B", bound=ButtonData)

Callback = Callable[[Update, Context], Coroutine[Any, Any, Any]]
"""What python-telegram-bot calls for an update."""


@dataclass(frozen=True, slots=True)
class Person:
    """The Telegram user of an update, as plain values the services and renderers take."""

    id: int
    first_name: str
    username: str | None
    language_code: str | None

    @classmethod
    def of(cls, user: TelegramUser) -> Self:
        return cls(user.id, user.first_name, user.username, user.language_code)


@dataclass
class Turn:
    """What a handler's body works with: the update's unit of work and who sent it."""

    session: Session
    person: Person
    language: str
    runtime: Runtime
    args: tuple[str, ...] = ()
    """The words after a /command."""
    text: str = ""
    """The message's whole text (or a document's caption)."""
    user: User | None = field(default=None, repr=False)
    """The sender's row, as the update remembered it (held, so that the unit of work reads it once)."""
    _admin: bool | None = field(default=None, repr=False)
    _waiting: users.Waiting | None = field(default=None, repr=False)
    _rights: admins.Rights | None | bool = field(default=False, repr=False)

    @property
    def settings(self) -> Settings:
        return self.runtime.settings

    @property
    def matcher(self) -> Matcher:
        return self.runtime.matcher

    @property
    def today(self) -> date:
        """The date in the bot's time zone: deadlines typed today may not be before it, and ones before it have passed."""
        return utcnow().astimezone(self.settings.tz).date()

    @property
    def waiting(self) -> users.Waiting:
        """What the sender's plain message may answer, read once for the whole update."""
        if self._waiting is None:
            user = self.user or users.known(self.person.id, session=self.session)
            self._waiting = users.waiting(user, session=self.session) if user is not None else users.Waiting(None, None, False)
        return self._waiting

    @property
    def is_admin(self) -> bool:
        if self._admin is None:
            self._admin = admins.is_admin(self.person.id, session=self.session, settings=self.settings)
        return self._admin

    @property
    def rights(self) -> admins.Rights | None:
        """The sender's admin rights: everything, some desks, or None for someone who is no admin."""
        if self._rights is False:
            self._rights = admins.rights(self.person.id, session=self.session, settings=self.settings)
        assert not isinstance(self._rights, bool)
        return self._rights

    @property
    def is_full_admin(self) -> bool:
        """An admin of everything (``ADMIN_IDS`` or an unscoped grant), not a desk officer."""
        return self.rights is not None and self.rights.full

    def refuse(self, what: str, *, toast: bool) -> Outcome:
        """Refuse a desk officer something outside their desks (``what`` names it in the audit log)."""
        admins.refuse(self.person.id, what, session=self.session, text=self.text)
        desks = ", ".join(sorted(self.rights.desks or ())) if self.rights is not None else ""
        message = t(self.language, "desk_scope_refused", desks=desks)
        return Outcome(toast=message, refused=True) if toast else Outcome(reply=Reply(message), refused=True)

    def language_of(self, user_id: int) -> str:
        """Another user's bot language (English for someone the bot never met)."""
        user = users.known(user_id, session=self.session)
        return user.language if user is not None else "en"


@dataclass(frozen=True, slots=True)
class Notice:
    """A message to someone other than the sender (an admin, an investor)."""

    chat_id: int
    reply: Reply
    admin_menu: str | None = None
    """Once delivered, give that chat the admin command menu in this language."""
    officer_menu: bool = False
    """That admin menu is a desk officer's (only the commands they may use)."""


@dataclass(frozen=True, slots=True)
class Document:
    """A file to send to the sender (exports)."""

    file_name: str
    data: bytes
    caption: str


@dataclass(frozen=True, slots=True)
class Photo:
    """A picture to send to the sender (the scorecard's chart), with its caption (HTML, at most 1024 characters)."""

    data: bytes
    caption: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """Everything one update leads to, applied by :func:`deliver` in a fixed order."""

    reply: Reply | None = None
    edit: bool = False
    """For a button press: replace the message the button was on (navigation) instead of sending a new one."""
    toast: str | None = None
    told_toasts: tuple[str, str] | None = None
    """For a button press whose toast says whether the notices arrived: (delivered, not delivered)."""
    notices: tuple[Notice, ...] = ()
    document: Document | None = None
    photo: Photo | None = None
    admin_menu: str | None = None
    """Give the sender's chat the admin command menu in this language."""
    officer_menu: bool = False
    """That admin menu is a desk officer's (only the commands they may use)."""
    hide_admin_menu: tuple[int, ...] = ()
    """Chats that go back to everyone's menu (former admins), before the notices."""
    catalog_changed: bool = False
    """The listings changed: the search index is rebuilt before the next update."""
    refused: bool = False
    """An admin handler refused a non-admin (the body did not run)."""
    state: object = None
    """What a ``ConversationHandler`` callback returns (the form's next state)."""
    awaits_tap: bool = False
    """The reply is a question answered by its buttons (a confirmation): a yes or no typed next is about it
    (:mod:`bot.services.confirmations`)."""


# --------------------------------------------------------------------------------- running a turn


def _pressed_text(update: Update) -> str:
    message = update.effective_message
    if update.callback_query is not None:
        return update.callback_query.data or ""
    return (message.text or message.caption or "") if message is not None else ""


async def run_turn(update: Update, context: Context, body: Callable[[Turn], Outcome], *, admin: str | None = None,
                   desks: bool = False) -> Outcome:
    """Run ``body`` as one unit of work for the update's user and deliver its outcome.

    With ``admin`` (the command's name, for the audit log) only full admins get the body, and desk officers
    too with ``desks``; everyone else is refused in the same transaction.
    """
    assert update.effective_user is not None
    person = Person.of(update.effective_user)
    rt = runtime(context)
    text = _pressed_text(update)
    args = tuple(context.args or ())

    def work(session: Session) -> Outcome:
        user = users.remember(person.id, session=session, first_name=person.first_name, username=person.username,
                              language_code=person.language_code)
        language = user.language
        turn = Turn(session=session, person=person, language=language, runtime=rt, args=args, text=text, user=user)
        if admin is not None and turn.rights is None:
            admins.refuse(person.id, admin, session=session, text=text)
            if update.callback_query is not None:
                return Outcome(toast=t(language, "not_available"), refused=True)
            return Outcome(reply=Reply(t(language, "not_available")), refused=True)
        if admin is not None and not desks and not turn.is_full_admin:
            admins.refuse(person.id, admin, session=session, text=text)
            refusal = t(language, "full_admins_only")
            return Outcome(toast=refusal, refused=True) if update.callback_query is not None else Outcome(reply=Reply(refusal), refused=True)
        if update.callback_query is not None and confirmations.waits(user.pending_profile_step):
            confirmations.end_wait(person.id, session=session)  # a tap answers (or leaves) the question
        if _leaves_profile_question(update, user):
            profiles.await_answer(person.id, None, session=session)
        outcome = body(turn)
        if outcome.awaits_tap:
            confirmations.await_tap(person.id, session=session)
        return outcome

    outcome = await rt.run(work)
    if outcome.catalog_changed:
        rt.catalog_changed()
    await deliver(update, context, outcome)
    return outcome


def _leaves_profile_question(update: Update, user: User) -> bool:
    """Whether a /command is sent while a /profile question waits: the user went on to something else, so the
    question no longer holds the next plain message (a blind trial ran /opportunities mid-build and every later
    message, sessions later, was "not in the list of processes"). /cancel says itself what it left; /profile
    shows the card, which drops the wait too."""
    message = update.message
    if message is None or not message.text or not message.text.startswith("/"):
        return False
    command = message.text.split()[0][1:].split("@")[0].lower()
    return command != "cancel" and profiles.pending_of(user.pending_profile_step) is not None


def handler(body: Callable[[Turn], Outcome]) -> Callback:
    """A message or command handler for every user."""

    @wraps(body)
    async def callback(update: Update, context: Context) -> object:
        return (await run_turn(update, context, body)).state

    return callback


def admin_handler(command: str, *, desks: bool = False) -> Callable[[Callable[[Turn], Outcome]], Callback]:
    """A message or command handler for full admins only, and desk officers too with ``desks`` (the body keeps
    to their desks); ``command`` names it in the audit log."""

    def decorate(body: Callable[[Turn], Outcome]) -> Callback:
        @wraps(body)
        async def callback(update: Update, context: Context) -> object:
            return (await run_turn(update, context, body, admin=command, desks=desks)).state

        return callback

    return decorate


def on_press(kind: type[B], body: Callable[[Turn, B], Outcome], *, admin: bool = False,
             desks: bool = False) -> CallbackQueryHandler[Context, object]:
    """The handler of one kind of button: ``body`` gets the pressed button's typed data.

    Admin buttons check the presser like admin commands do (a forwarded or forged admin button is refused);
    with ``desks`` desk officers may press them too.
    """

    async def callback(update: Update, context: Context) -> None:
        assert update.callback_query is not None
        pressed = kind.unpack(update.callback_query.data)
        assert pressed is not None  # the handler's pattern let only this kind through
        await run_turn(update, context, lambda turn: body(turn, pressed), admin=audited_as(kind) if admin else None, desks=desks)

    callback.__qualname__ = callback.__name__ = getattr(body, "__name__", "on_press")
    return CallbackQueryHandler(callback, pattern=kind.pattern())


def audited_as(kind: type[ButtonData]) -> str:
    """A refused press's name in the audit log: the first word of its data, as it always was ("button imp"
    for both Apply and Cancel, whose prefixes are ``imp:a`` and ``imp:c``)."""
    return f"button {kind.prefix.partition(SEPARATOR)[0]}"


def expired(turn: Turn) -> Outcome:
    """Any button no feature takes (forged, stale, from an older bot): a polite "expired"."""
    return Outcome(toast=t(turn.language, "expired"))


# -------------------------------------------------------------------------------------- delivery


async def deliver(update: Update, context: Context, outcome: Outcome) -> None:
    """Apply ``outcome``: toast, reply, file, menus, notices (one unreachable person never fails the update)."""
    query = update.callback_query
    told = True
    if outcome.told_toasts is not None:  # the toast reports on the notices: they go first
        told = await _notify(context.bot, outcome)
    if query is not None:
        toast = outcome.toast if outcome.told_toasts is None else outcome.told_toasts[0 if told else 1]
        await answer_query(query, toast)
    if outcome.reply is not None:
        await (_edit(update, outcome.reply) if outcome.edit and query is not None else _send(update, outcome.reply))
    if outcome.document is not None and update.effective_chat is not None:
        chat, document = update.effective_chat, outcome.document
        await with_retries(lambda: chat.send_document(InputFile(document.data, filename=document.file_name), caption=document.caption),
                           what="file")
    if outcome.photo is not None and update.effective_chat is not None:
        chat, photo = update.effective_chat, outcome.photo
        await with_retries(lambda: chat.send_photo(InputFile(photo.data, filename="scorecard.png"), caption=photo.caption),
                           what="photo")
    if outcome.admin_menu is not None and update.effective_user is not None:
        await show_admin_menu(context.bot, update.effective_user.id, outcome.admin_menu, officer=outcome.officer_menu)
    for chat_id in outcome.hide_admin_menu:
        await hide_admin_menu(context.bot, chat_id)
    if outcome.told_toasts is None:
        await _notify(context.bot, outcome)


async def answer_query(query: CallbackQuery, text: str | None = None) -> None:
    """Answer a button press without ever failing the update.

    Telegram refuses answers that come late ("query is too old": presses queued while the bot was down
    or behind a crowd); by then the press's work is done or under way, and what follows it (the reply,
    admins' notices) matters more than the spinner, so a refusal is logged, never raised.
    """
    try:
        await query.answer(text)
    except TelegramError as exc:
        log.warning("could not answer button press %s: %s", query.id, exc.message)


async def _send(update: Update, reply: Reply) -> None:
    chat = update.effective_chat
    if chat is not None:
        await with_retries(lambda: chat.send_message(reply.text, reply_markup=reply.markup))


async def _edit(update: Update, reply: Reply) -> None:
    """Replace the message a button was on; send a new one if it cannot be edited."""
    query = update.callback_query
    assert query is not None
    try:
        await with_retries(lambda: query.edit_message_text(reply.text, reply_markup=reply.markup))
    except BadRequest as exc:
        problem = exc.message.lower()
        if "not modified" in problem:
            return
        if "can't be edited" in problem or "not found" in problem:
            await _send(update, reply)
            return
        raise


async def _notify(bot: Bot, outcome: Outcome) -> bool:
    """Deliver the notices; False when any was refused (blocked the bot, never started it)."""
    delivered = True
    for notice in outcome.notices:
        try:
            await with_retries(partial(bot.send_message, notice.chat_id, notice.reply.text, reply_markup=notice.reply.markup),
                               what="notice")
        except (Forbidden, BadRequest) as exc:
            log.warning("could not message %s: %s", notice.chat_id, exc.message)
            delivered = False
            continue
        except TelegramError:
            log.exception("could not message %s", notice.chat_id)
            delivered = False
            continue
        if notice.admin_menu is not None:
            await show_admin_menu(bot, notice.chat_id, notice.admin_menu, officer=notice.officer_menu)
    return delivered


# ------------------------------------------------------------------------------ outside any turn


async def tell_dropped(bot: Bot, update: Update) -> None:
    """Tell a user who sent too much at once that their latest messages were skipped (in their language)."""
    if update.effective_user is None:
        return
    language = users.language_from_telegram(update.effective_user.language_code)
    try:
        await with_retries(partial(bot.send_message, update.effective_user.id, t(language, "updates_dropped")))
    except TelegramError as exc:
        log.warning("could not tell user %s their updates were dropped: %s", update.effective_user.id, exc)


async def on_error(update: object, context: Context) -> None:
    """Log every exception with its update and tell the user something went wrong."""
    log.error("error while handling update %s", update.to_dict() if isinstance(update, Update) else update, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    language = users.language_from_telegram(update.effective_user.language_code if update.effective_user else None)
    try:
        if update.callback_query is not None:
            await answer_query(update.callback_query, t(language, "error"))
        else:
            await update.effective_chat.send_message(t(language, "error"))
    except TelegramError:
        log.warning("could not tell the user about the error")
