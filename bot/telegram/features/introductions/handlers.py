"""What the introduction buttons and /introductions do; the texts are in :mod:`.render`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import CommandHandler

from bot.i18n import N_, t
from bot.services import introductions
from bot.services.introductions import Answered, Refused
from bot.store import introductions as introduction_store
from bot.store.models import IntroductionState
from bot.telegram.turn import Notice, Outcome, Turn, expired, handler, on_press

from . import render
from .buttons import AcceptIntroduction, AskIntroduction, ConfirmIntroduction, DeclineIntroduction, MyIntroductions, WithdrawIntroduction

if TYPE_CHECKING:
    from bot.telegram.app import App


def ask_pressed(turn: Turn, pressed: AskIntroduction) -> Outcome:
    """Show how many manufacturers would be asked, and what they let investors see, before asking."""
    found = introductions.offer(pressed.code, turn.person.id, session=turn.session)
    if found is None:
        return _nobody_left(turn, pressed.code)
    return Outcome(reply=render.offer(turn.language, found), awaits_tap=True)


def _nobody_left(turn: Turn, code: str) -> Outcome:
    """Why nobody can be asked: already asked (a double tap), or nobody capable consents any more."""
    asked = introduction_store.introductions_asked(code, turn.person.id, session=turn.session)
    key = N_("intro_already_asked") if any(item.state is IntroductionState.ASKED for item in asked) else N_("intro_nobody")
    return Outcome(toast=t(turn.language, key))


def confirm_pressed(turn: Turn, pressed: ConfirmIntroduction) -> Outcome:
    """Ask each manufacturer (in their language, naming the listing and the investor's first name only)."""
    done = introductions.ask(pressed.code, turn.person.id, session=turn.session)
    if done is None:
        return _nobody_left(turn, pressed.code)
    product, asked = done
    notices = tuple(
        Notice(item.profile.user_id, render.question(turn.language_of(item.profile.user_id), item, product, turn.person.first_name))
        for item in asked if item.profile.user_id is not None
    )
    return Outcome(reply=render.asked(turn.language, product, len(asked)), edit=True, notices=notices)


def withdraw_pressed(turn: Turn, pressed: WithdrawIntroduction) -> Outcome:
    """Take the request back; the manufacturers still asked are told."""
    withdrawn = introductions.withdraw(pressed.code, turn.person.id, session=turn.session)
    if not withdrawn:
        return Outcome(toast=t(turn.language, "intro_nothing_to_withdraw"))
    notices = tuple(Notice(item.profile.user_id, render.withdrawn_notice(turn.language_of(item.profile.user_id), pressed.code,
                                                                          turn.person.first_name))
                    for item in withdrawn if item.profile.user_id is not None)
    return Outcome(reply=render.withdrawn(turn.language, pressed.code), edit=True, notices=notices)


def accept_pressed(turn: Turn, pressed: AcceptIntroduction) -> Outcome:
    return _answer(turn, pressed.introduction, accept=True)


def decline_pressed(turn: Turn, pressed: DeclineIntroduction) -> Outcome:
    return _answer(turn, pressed.introduction, accept=False)


def _answer(turn: Turn, introduction_id: int, *, accept: bool) -> Outcome:
    done = introductions.answer(introduction_id, turn.person.id, accept, session=turn.session)
    if not isinstance(done, Answered):
        refused, introduction = done
        if refused is Refused.NOT_YOURS or introduction is None:
            return expired(turn)
        return Outcome(toast=render.already(turn.language, introduction.state))
    investor_id = done.introduction.investor_id
    investor_language = turn.language_of(investor_id)
    if accept:
        me = turn.person
        notice = Notice(investor_id, render.accepted_for_investor(investor_language, done, me.id, me.first_name, me.username))
        return Outcome(reply=render.accepted_for_manufacturer(turn.language, done), edit=True, notices=(notice,))
    notice = Notice(investor_id, render.declined_for_investor(investor_language, done))
    return Outcome(reply=render.declined_for_manufacturer(turn.language, done), edit=True, notices=(notice,))


def _page(turn: Turn, page: int) -> Outcome:
    items = introductions.mine(turn.person.id, session=turn.session)
    return Outcome(reply=render.my_introductions(turn.language, items, page, turn.settings.tz))


@handler
def introductions_command(turn: Turn) -> Outcome:
    """The user's introductions, as an investor and as a manufacturer."""
    return _page(turn, 0)


def page_pressed(turn: Turn, pressed: MyIntroductions) -> Outcome:
    shown = _page(turn, pressed.page)
    return Outcome(reply=shown.reply, edit=True)


def register(application: App) -> None:
    application.add_handler(CommandHandler("introductions", introductions_command))
    application.add_handler(on_press(AskIntroduction, ask_pressed))
    application.add_handler(on_press(ConfirmIntroduction, confirm_pressed))
    application.add_handler(on_press(WithdrawIntroduction, withdraw_pressed))
    application.add_handler(on_press(AcceptIntroduction, accept_pressed))
    application.add_handler(on_press(DeclineIntroduction, decline_pressed))
    application.add_handler(on_press(MyIntroductions, page_pressed))
