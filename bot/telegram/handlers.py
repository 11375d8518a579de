"""Update handlers: parse the update, call services in one database session, render, send.

Each callback is ``(update, context) -> None``. All database work of one update happens inside one
``runtime.run(...)`` call, i.e. one session and one transaction.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

from sqlmodel import Session
from telegram import Bot, CallbackQuery, Update
from telegram import User as TelegramUser
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.i18n import N_, Html, digits, t
from bot.services import admins, browse, leads, subscriptions, users
from bot.services.subscriptions import SubscriptionError
from bot.store import people
from bot.store.models import Frequency

from . import callbacks, render
from .menus import show_admin_menu
from .render import Reply
from .runtime import Runtime, runtime
from .sending import with_retries

log = logging.getLogger(__name__)
DEEP_LINK_PRODUCT = "p_"


@dataclass(frozen=True, slots=True)
class _Who:
    """The Telegram user of an update, as plain values for the services."""

    id: int
    first_name: str
    username: str | None
    language_code: str | None

    @classmethod
    def of(cls, user: TelegramUser) -> _Who:
        return cls(user.id, user.first_name, user.username, user.language_code)

    def remember(self, session: Session) -> str:
        """Record the user; return their bot language."""
        return users.remember(
            self.id, session=session, first_name=self.first_name, username=self.username, language_code=self.language_code
        ).language


async def _send(update: Update, reply: Reply) -> None:
    chat = update.effective_chat
    if chat is not None:
        await with_retries(lambda: chat.send_message(reply.text, reply_markup=reply.markup))


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


async def _edit(update: Update, reply: Reply) -> None:
    """Replace the message a button was on; send a new one if it cannot be edited."""
    query = update.callback_query
    assert query is not None
    try:
        await with_retries(lambda: query.edit_message_text(reply.text, reply_markup=reply.markup))
    except BadRequest as exc:
        if "not modified" in exc.message.lower():
            return
        if "can't be edited" in exc.message.lower() or "not found" in exc.message.lower():
            await _send(update, reply)
            return
        raise


# ----------------------------------------------------------------------------------- commands


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the user, or open a listing from a ``p_<CODE>`` deep link."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)
    payload = context.args[0] if context.args else ""
    rt = runtime(context)

    def work(session: Session) -> tuple[Reply, str, bool]:
        language = who.remember(session)
        admin = admins.is_admin(who.id, session=session, settings=rt.settings)
        if payload.startswith(DEEP_LINK_PRODUCT):
            code = payload.removeprefix(DEEP_LINK_PRODUCT)
            card = browse.product_card(code, session=session)
            if card is not None:
                return render.product_card(language, card), language, admin
            return render.plain(language, "product_not_found", code=render.cut(code, 40)), language, admin
        return render.start(language, who.first_name), language, admin

    reply, language, admin = await rt.run(work)
    await _send(update, reply)
    if admin:
        await show_admin_menu(context.bot, who.id, language)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain how to search and list the commands (admins also get theirs)."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)
    rt = runtime(context)

    def work(session: Session) -> Reply:
        language = who.remember(session)
        return render.help_text(language, admin=admins.is_admin(who.id, session=session, settings=rt.settings))

    await _send(update, await rt.run(work))


async def language_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer Persian and English."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)
    await _send(update, await runtime(context).run(lambda session: render.language_choice(who.remember(session))))


async def cancel_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drop whatever the bot was waiting for."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)

    def work(session: Session) -> Reply:
        language = who.remember(session)
        cancelled = users.cancel_pending(who.id, session=session)
        return render.plain(language, N_("cancelled") if cancelled else N_("nothing_to_cancel"))

    await _send(update, await runtime(context).run(work))


async def search_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Search for the text after /search."""
    await _search(update, context, " ".join(context.args or []))


async def product_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Open the listing named by /product CODE."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)
    code = (context.args or [""])[0]

    def work(session: Session) -> Reply:
        language = who.remember(session)
        if not code:
            return render.plain(language, "product_usage")
        card = browse.product_card(code, session=session)
        return render.product_card(language, card) if card else render.plain(language, "product_not_found", code=render.cut(code, 40))

    await _send(update, await runtime(context).run(work))


async def desks_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the sector promotion desks."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)
    await _send(update, await runtime(context).run(lambda session: render.desks(who.remember(session), browse.desks(session=session))))


async def sectors_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the sectors with their numbers of listings."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)
    await _send(update, await runtime(context).run(lambda session: render.sectors(who.remember(session), browse.sectors(session=session))))


# ------------------------------------------------------------------------------- subscriptions


async def subscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the sector picker, with the user's current sectors ticked."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)

    def work(session: Session) -> Reply:
        language = who.remember(session)
        return _picker(language, who.id, session)

    await _send(update, await runtime(context).run(work))


def _picker(language: str, user_id: int, session: Session) -> Reply:
    choices = subscriptions.sector_choices(session=session)
    mask = render.mask_of(choices, subscriptions.subscribed_sectors(user_id, session=session))
    return render.subscribe_picker(language, choices, mask)


async def alert_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Save the standing query after /alert (words after "-" exclude listings)."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)
    text = " ".join(context.args or [])
    rt = runtime(context)

    def work(session: Session) -> Reply:
        language = who.remember(session)
        if not text.strip():
            return render.plain(language, "alert_usage")
        try:
            outcome = subscriptions.add_alert(who.id, text, session=session)
        except SubscriptionError as error:
            return render.plain(language, error.key, **_digits(language, error.values))
        return render.alert_saved(language, outcome, rt.settings.timezone)

    await _send(update, await rt.run(work))


def _digits(language: str, values: Mapping[str, object]) -> dict[str, object]:
    return {name: digits(language, str(value)) for name, value in values.items()}


async def mysubs_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the user's sectors and alerts with buttons to mute, resume or delete each."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)
    rt = runtime(context)

    def work(session: Session) -> Reply:
        language = who.remember(session)
        return render.mysubs(language, subscriptions.overview(who.id, session=session), rt.settings.timezone)

    await _send(update, await rt.run(work))


async def pause_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Pause digests until /resume."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)

    def work(session: Session) -> Reply:
        language = who.remember(session)
        return render.plain(language, N_("paused") if subscriptions.pause(who.id, session=session) else N_("not_subscribed"))

    await _send(update, await runtime(context).run(work))


async def resume_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Resume digests after /pause (or after the bot was blocked)."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)
    rt = runtime(context)

    def work(session: Session) -> Reply:
        return _resume(who.remember(session), who.id, session, rt)

    await _send(update, await rt.run(work))


def _resume(language: str, user_id: int, session: Session, rt: Runtime) -> Reply:
    subscriber = subscriptions.resume(user_id, session=session)
    if subscriber is None:
        return render.plain(language, "nothing_to_resume")
    return render.plain(language, "resumed", schedule=Html(render.schedule(language, subscriber, rt.settings.timezone)))


async def unsubscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop everything at once: sectors, alerts and waiting digests."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)

    def work(session: Session) -> Reply:
        language = who.remember(session)
        return render.plain(language, N_("unsubscribed") if subscriptions.unsubscribe(who.id, session=session) else N_("not_subscribed"))

    await _send(update, await runtime(context).run(work))


# ------------------------------------------------------------------------------------ messages


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Take a plain message as the note the bot asked for, or else as a search."""
    assert update.effective_user is not None and update.effective_message is not None
    who = _Who.of(update.effective_user)
    text = update.effective_message.text or ""
    rt = runtime(context)

    def work(session: Session) -> tuple[Reply, list[tuple[int, Reply]]]:
        language = who.remember(session)
        lead = leads.save_note(who.id, text, session=session)
        if lead is None:
            return _search_reply(who, text, language, session, rt), []
        link = render.user_link(who.id, who.first_name, who.username)
        notices = [
            (admin_id, render.admin_lead_note(_language_of(admin_id, session), lead_id=lead.id or 0, code=lead.product_code, user=link, note=lead.note))
            for admin_id in admins.admin_ids(session=session, settings=rt.settings)
        ]
        return render.plain(language, "note_saved"), notices

    reply, notices = await rt.run(work)
    await _send(update, reply)
    await _notify(context, notices)


async def _search(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Search, log the query, and show the first page of results (or help when nothing fits)."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)
    rt = runtime(context)
    await _send(update, await rt.run(lambda session: _search_reply(who, text, who.remember(session), session, rt)))


def _search_reply(who: _Who, text: str, language: str, session: Session, rt: Runtime) -> Reply:
    """The first page of results for ``text`` (logged), or how to search when it holds nothing to search."""
    if not browse.clean_query(text) or not any(ch.isalnum() for ch in text):
        return render.plain(language, "empty_query")
    outcome = browse.search(text, session=session, matcher=rt.matcher, user_id=who.id)
    return render.results(language, outcome, page=0)


async def on_other_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice and the like: say what the bot understands."""
    assert update.effective_user is not None
    who = _Who.of(update.effective_user)
    await _send(update, await runtime(context).run(lambda session: render.plain(who.remember(session), "non_text")))


# ------------------------------------------------------------------------------------- buttons

# What a button press leads to: (language, reply to show, toast text, admin notices).
_ButtonOutcome = tuple[str, Reply | None, str | None, list[tuple[int, Reply]]]


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Dispatch an inline button press; unknown or stale buttons get a polite 'expired'."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    who = _Who.of(update.effective_user)
    action = callbacks.parse(query.data)
    rt = runtime(context)
    admin_menu_language: list[str] = []  # set when an admin switches language: their menu follows

    def work(session: Session) -> _ButtonOutcome:
        """Return (language, reply to show, toast text, admin notices)."""
        language = who.remember(session)
        expired: _ButtonOutcome = (language, None, t(language, "expired"), [])
        if action is None:
            return expired
        if action.kind == "s" and action.search is not None:
            outcome = browse.recall(action.search, session=session, matcher=rt.matcher, user_id=who.id)
            return (language, render.results(language, outcome, action.page), None, []) if outcome else expired
        if action.kind == "p":
            card = browse.product_card(action.code, session=session)
            # The card's "back to results" button leads to the search it names: only to the presser's own.
            search = action.search if action.search is not None and browse.owns_search(action.search, who.id, session=session) else None
            return (language, render.product_card(language, card, search_id=search, page=action.page), None, []) if card else expired
        if action.kind == "d":
            desk = browse.desk_card(action.code, session=session)
            return (language, render.desk_card(language, desk, action.page), None, []) if desk else expired
        if action.kind == "c":
            found = browse.sector_listings(action.code, session=session)
            return (language, render.sector_page(language, *found, action.page), None, []) if found else expired
        if action.kind == "lang":
            users.set_language(who.id, action.code, session=session)
            if admins.is_admin(who.id, session=session, settings=rt.settings):
                admin_menu_language.append(action.code)
            return action.code, render.start(action.code, who.first_name), t(action.code, "language_set"), []
        if action.kind == "i":
            return _interest(who, action.code, language, session, admins.admin_ids(session=session, settings=rt.settings))
        if action.kind in _SUBSCRIPTION_KINDS or action.code in _SUBSCRIPTION_MENUS:
            return _subscription_button(who, action, language, session, rt)
        if action.code == "sectors":
            return language, render.sectors(language, browse.sectors(session=session)), None, []
        if action.code == "desks":
            return language, render.desks(language, browse.desks(session=session)), None, []
        if action.code == "help":
            return language, render.help_text(language), None, []
        if action.code == "skip":
            skipped = users.cancel_pending(who.id, session=session)
            return language, None, t(language, N_("note_skipped") if skipped else N_("expired")), []
        return expired

    language, reply, toast, notices = await rt.run(work)
    await answer_query(query, toast)
    if reply is not None:
        # Confirmations are new messages (the card or results stay); navigation replaces the message.
        await (_send(update, reply) if action is not None and action.kind in _NEW_MESSAGE_KINDS else _edit(update, reply))
    await _notify(context, notices)
    if admin_menu_language:
        await show_admin_menu(context.bot, who.id, admin_menu_language[0])


_NEW_MESSAGE_KINDS = {"i", "as", "ap"}
_SUBSCRIPTION_KINDS = {"as", "ap", "st", "sd", "sf", "sw", "sh", "ms", "ma"}
_SUBSCRIPTION_MENUS = {"subs", "subedit", "pause", "resume", "unsub"}
_TOASTS = {"m": N_("toast_muted"), "u": N_("toast_unmuted"), "x": N_("toast_deleted")}


def _subscription_button(who: _Who, action: callbacks.Action, language: str, session: Session, rt: Runtime) -> _ButtonOutcome:
    """The /subscribe keyboards, "Alert me about similar" and the /mysubs buttons."""
    zone = rt.settings.timezone
    expired: _ButtonOutcome = (language, None, t(language, "expired"), [])
    if action.kind in ("as", "ap"):
        try:
            if action.kind == "as":
                assert action.search is not None
                outcome = subscriptions.alert_from_search(who.id, action.search, session=session)
            else:
                outcome = subscriptions.alert_from_product(who.id, action.code, language, session=session)
        except SubscriptionError as error:
            return language, None, t(language, error.key, **_digits(language, error.values)), []
        return (language, render.alert_saved(language, outcome, zone), None, []) if outcome else expired
    if action.kind in ("st", "sd", "sf", "sw", "sh"):
        return _subscribe_step(who, action, language, session, zone)
    if action.kind in ("ms", "ma"):
        muted = action.op == "m"
        if action.kind == "ms":
            found = (subscriptions.delete_sector(who.id, action.code, session=session) if action.op == "x"
                     else subscriptions.set_sector_muted(who.id, action.code, muted, session=session))
        else:
            assert action.search is not None
            found = (subscriptions.delete_alert(who.id, action.search, session=session) if action.op == "x"
                     else subscriptions.set_alert_muted(who.id, action.search, muted, session=session))
        if found is None:
            return expired
        return language, render.mysubs(language, found, zone), t(language, _TOASTS[action.op]), []
    if action.code == "subedit":
        return language, _picker(language, who.id, session), None, []
    if action.code == "pause":
        subscriptions.pause(who.id, session=session)
    elif action.code == "resume":
        reply = _resume(language, who.id, session, rt)
        return language, render.mysubs(language, subscriptions.overview(who.id, session=session), zone), _toast(reply), []
    elif action.code == "unsub":
        subscriptions.unsubscribe(who.id, session=session)
        return language, render.plain(language, "unsubscribed"), None, []
    return language, render.mysubs(language, subscriptions.overview(who.id, session=session), zone), None, []


def _toast(reply: Reply) -> str:
    """A reply's text as a toast: Telegram allows 200 characters and no markup."""
    return render.cut(html.unescape(re.sub(r"<[^>]+>", "", reply.text)), 200)


def _subscribe_step(who: _Who, action: callbacks.Action, language: str, session: Session, zone: str) -> _ButtonOutcome:
    """One tap of the /subscribe keyboards; only the last one (the hour, or "instant") writes."""
    choices = subscriptions.sector_choices(session=session)
    keys = render.sectors_in(choices, action.mask)
    if keys is None:
        return language, None, t(language, "expired"), []
    if action.kind == "st":
        if action.page >= len(choices):
            return language, None, t(language, "expired"), []
        return language, render.subscribe_picker(language, choices, action.mask ^ (1 << action.page)), None, []
    if action.kind == "sd":
        if not keys and not subscriptions.overview(who.id, session=session).alerts:
            return language, None, t(language, "subscribe_need_sector"), []
        return language, render.frequency_picker(language, choices, action.mask), None, []
    if action.kind == "sw":
        return language, render.hour_picker(language, action.mask, "w", action.page, zone), None, []
    frequency = render.FREQUENCY_CODES[action.frequency]
    if action.kind == "sf" and frequency != Frequency.INSTANT:
        if frequency == Frequency.WEEKLY:
            return language, render.weekday_picker(language, action.mask), None, []
        return language, render.hour_picker(language, action.mask, action.frequency, 0, zone), None, []
    weekday, hour = (action.weekday, action.page) if action.kind == "sh" else (5, 9)
    try:
        overview = subscriptions.subscribe(who.id, keys, frequency, session=session, weekday=weekday, hour=hour)
    except SubscriptionError as error:
        return language, None, t(language, error.key), []
    return language, render.subscribed(language, overview, zone), None, []


def _interest(who: _Who, code: str, language: str, session: Session, admin_ids: list[int]) -> _ButtonOutcome:
    """Register a lead once; the first time, confirm, ask for a note and prepare the admins' notices."""
    try:
        interest = leads.register_interest(who.id, code, session=session)
    except leads.UnknownProduct:
        return language, None, t(language, "expired"), []
    if not interest.created:
        return language, None, t(language, "interest_already", code=interest.product.code), []
    product, desk = interest.product, interest.desk
    link = render.user_link(who.id, who.first_name, who.username)
    notices = [
        (
            admin_id,
            render.admin_new_lead(
                _language_of(admin_id, session), lead_id=interest.lead.id or 0, user=link, product=product, desk=desk,
                sector=interest.sector,
            ),
        )
        for admin_id in admin_ids
    ]
    name = product.name_fa if language == "fa" else product.name_en
    return language, render.interest(language, product.code, name, desk), None, notices


def _language_of(user_id: int, session: Session) -> str:
    user = people.get_user(user_id, session=session)
    return user.language if user is not None else "en"


async def _notify(context: ContextTypes.DEFAULT_TYPE, notices: list[tuple[int, Reply]]) -> None:
    """Tell admins; one unreachable admin (never started the bot, blocked it) must not fail the user's update."""
    for chat_id, reply in notices:
        try:
            await with_retries(partial(context.bot.send_message, chat_id, reply.text, reply_markup=reply.markup), what="admin notice")
        except (Forbidden, BadRequest) as exc:
            log.warning("could not notify admin %s: %s", chat_id, exc.message)
        except TelegramError:
            log.exception("could not notify admin %s", chat_id)


async def tell_dropped(bot: Bot, update: Update) -> None:
    """Tell a user who sent too much at once that their latest messages were skipped (in their language)."""
    if update.effective_user is None:
        return
    language = users.language_from_telegram(update.effective_user.language_code)
    try:
        await with_retries(partial(bot.send_message, update.effective_user.id, t(language, "updates_dropped")))
    except TelegramError as exc:
        log.warning("could not tell user %s their updates were dropped: %s", update.effective_user.id, exc)


# --------------------------------------------------------------------------------------- errors


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
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
