"""/claim UNIT_ID (or /claim, then the unit id or part of its name): find the unit, add an optional note, send
the claim to the admins; their Approve or Refuse makes the unit the claimant's, or not, and tells them.

The bot's waiting for the id or the note is kept on the user's row (any replica takes the next message); the
search feature's text handler hands plain messages here first (:func:`take_text`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import CommandHandler

from bot.i18n import N_, digits, t
from bot.services import admins, claims, registry
from bot.services.claims import Asked, Decided
from bot.services.inputs import ascii_digits, clean_text
from bot.telegram.turn import Notice, Outcome, Turn, handler, on_press
from bot.telegram.ui import Reply, company_name, cut, user_link

from . import render
from .buttons import ApproveClaim, ClaimWithoutNote, PickUnit, RefuseClaim

if TYPE_CHECKING:
    from bot.telegram.app import App

_ASKED = {
    Asked.GONE: N_("claim_gone"), Asked.YOURS_PENDING: N_("claim_waiting"), Asked.OTHER_PENDING: N_("claim_other_pending"),
    Asked.HAS_PROFILE: N_("claim_has_profile"),
}


@handler
def claim_command(turn: Turn) -> Outcome:
    """Look for the unit the words after /claim name, or ask for them."""
    query = " ".join(turn.args)
    if not clean_text(query).strip():
        claims.wait_for(turn.person.id, claims.FIND, session=turn.session)
        return Outcome(reply=Reply(t(turn.language, "claim_prompt")))
    return find(turn, query)


def find(turn: Turn, query: str) -> Outcome:
    """The unit with that id, or the unclaimed units whose id or name is close to ``query``."""
    claims.clear_pending(turn.person.id, session=turn.session)
    units = registry.find_units(query, session=turn.session)
    if not units:
        return Outcome(reply=Reply(t(turn.language, "claim_none", query=cut(query, 60))))
    exact = units[0].unit_id == ascii_digits(clean_text(query).strip()).upper()
    if len(units) == 1 or exact:
        return chosen(turn, units[0].id or 0)
    return Outcome(reply=render.candidates(turn.language, query, units))


def chosen(turn: Turn, profile_id: int) -> Outcome:
    """The unit's card, asking for the note; or why it cannot be claimed."""
    unit = claims.claimable(profile_id, session=turn.session)
    if unit is None:
        return Outcome(reply=Reply(t(turn.language, "claim_gone")))
    if unit.user_id is not None:
        yours = unit.user_id == turn.person.id
        return Outcome(reply=Reply(t(turn.language, N_("claim_owned_yours") if yours else N_("claim_owned"), company=company_name(turn.language, unit.company, 100))))
    claims.wait_for(turn.person.id, claims.note_for(profile_id), session=turn.session)
    return Outcome(reply=render.card(turn.language, unit))


def press_pick(turn: Turn, pressed: PickUnit) -> Outcome:
    return chosen(turn, pressed.profile_id)


def send(turn: Turn, profile_id: int, note: str) -> Outcome:
    """Send the claim; every full admin gets a notice with Approve and Refuse."""
    asked = claims.ask(turn.person.id, profile_id, note, session=turn.session)
    unit = asked.unit
    company = company_name(turn.language, unit.company, 100) if unit is not None else ""
    if asked.outcome is Asked.OWNED and unit is not None:
        yours = unit.user_id == turn.person.id
        return Outcome(reply=Reply(t(turn.language, N_("claim_owned_yours") if yours else N_("claim_owned"), company=company)))
    if asked.outcome is not Asked.SENT or unit is None or asked.claim is None:
        return Outcome(reply=Reply(t(turn.language, _ASKED[asked.outcome], company=company)))
    link = user_link(turn.person.id, turn.person.first_name, turn.person.username)
    notices = tuple(Notice(admin_id, render.admin_notice(turn.language_of(admin_id), asked.claim, unit, link))
                    for admin_id in admins.full_admin_ids(session=turn.session, settings=turn.settings))
    return Outcome(reply=Reply(t(turn.language, "claim_sent", company=company, unit_id=unit.unit_id or "")), notices=notices)


def press_without_note(turn: Turn, pressed: ClaimWithoutNote) -> Outcome:
    return send(turn, pressed.profile_id, "")


def take_text(turn: Turn) -> Outcome | None:
    """A plain message the bot waits for in /claim: the unit id or name, or the claim's note; else ``None``."""
    waiting = claims.pending_of(turn.waiting.step)
    if waiting is None:
        return None
    what, profile_id = waiting
    if what == claims.FIND:
        return find(turn, turn.text)
    assert profile_id is not None
    return send(turn, profile_id, turn.text)


_FOR_ADMIN = {Decided.APPROVED: N_("claim_approved_admin"), Decided.REFUSED: N_("claim_refused_admin"),
              Decided.HAS_PROFILE: N_("claim_has_profile_admin")}
_FOR_USER = {Decided.APPROVED: N_("claim_approved_user"), Decided.REFUSED: N_("claim_refused_user"),
             Decided.HAS_PROFILE: N_("claim_has_profile_user")}


def _decide(turn: Turn, claim_id: int, approve: bool) -> Outcome:
    decision = claims.decide(turn.person.id, claim_id, approve, session=turn.session)
    claim, unit = decision.claim, decision.unit
    if decision.outcome is Decided.ALREADY:
        return Outcome(toast=t(turn.language, "claim_decided_already"))
    if decision.outcome is Decided.GONE or claim is None or unit is None:
        return Outcome(toast=t(turn.language, "expired"))
    theirs = turn.language_of(claim.user_id)
    reply = Reply(t(turn.language, _FOR_ADMIN[decision.outcome], claim_id=digits(turn.language, str(claim_id)), unit_id=unit.unit_id or "",
                    company=company_name(turn.language, unit.company, 100)))
    told = Reply(t(theirs, _FOR_USER[decision.outcome], company=company_name(theirs, unit.company, 100)))
    return Outcome(reply=reply, edit=True, notices=(Notice(claim.user_id, told),))


def press_approve(turn: Turn, pressed: ApproveClaim) -> Outcome:
    return _decide(turn, pressed.claim_id, approve=True)


def press_refuse(turn: Turn, pressed: RefuseClaim) -> Outcome:
    return _decide(turn, pressed.claim_id, approve=False)


def register(application: App) -> None:
    """/claim and its buttons; Approve and Refuse are full admins' (a forged or forwarded one is refused, audited)."""
    application.add_handler(CommandHandler("claim", claim_command))
    application.add_handler(on_press(PickUnit, press_pick))
    application.add_handler(on_press(ClaimWithoutNote, press_without_note))
    application.add_handler(on_press(ApproveClaim, press_approve, admin=True))
    application.add_handler(on_press(RefuseClaim, press_refuse, admin=True))
