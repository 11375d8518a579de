"""Who the admins are: /admins lists them; /admins add and /admins remove grant and revoke rights in chat.

``/admins add 123 desk:DESK-AUT,DESK-PET`` makes a desk officer of those desks (adding someone who already
holds a grant changes its desks; without ``desk:`` they become a full admin). The person concerned is told,
and their chat's command menu gains or loses the admin commands.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from telegram.ext import CommandHandler

from bot.i18n import N_, Html, digits, join_items, t
from bot.services import admins, users
from bot.services.admins import Admin
from bot.telegram.turn import Notice, Outcome, Turn, admin_handler
from bot.telegram.ui import Reply, cut, user_link

from .render import bounded, date

if TYPE_CHECKING:
    from bot.telegram.app import App

_CHANGE = {
    admins.Outcome.GRANTED: N_("admin_granted"),
    admins.Outcome.RESCOPED: N_("admin_rescoped"),
    admins.Outcome.ALREADY: N_("admin_already"),
    admins.Outcome.REVOKED: N_("admin_revoked"),
    admins.Outcome.NOT_ADMIN: N_("admin_not_admin"),
    admins.Outcome.CONFIGURED: N_("admin_configured"),
}


def admins_list(language: str, people: Sequence[Admin], tz: ZoneInfo) -> Reply:
    """Who the admins are and where their rights come from, with how to add or remove one."""
    lines = [t(language, "admins_header")]
    for admin in people:
        user = user_link(admin.user_id, admin.first_name or digits(language, str(admin.user_id)), admin.username)
        if admin.configured or admin.granted_at is None:
            lines.append(t(language, "admins_configured", user=user))
        else:
            by = user_link(admin.granted_by or 0, digits(language, str(admin.granted_by)), None)
            line = t(language, "admins_granted", user=user, by=by, date=date(language, admin.granted_at, tz))
            if admin.desks:
                line += "\n   " + t(language, "admins_desk_officer", desks=join_items(language, admin.desks))
            lines.append(line)
    return Reply("\n".join(bounded(language, lines, 3400)) + "\n\n" + t(language, "admins_usage"))


def change(language: str, outcome: admins.Outcome, user: Html, desks: Sequence[str] = ()) -> Reply:
    """The answer to /admins add or remove."""
    text = t(language, _CHANGE[outcome], user=user)
    if desks and outcome in (admins.Outcome.GRANTED, admins.Outcome.RESCOPED, admins.Outcome.ALREADY):
        text += "\n" + t(language, "admins_desk_officer", desks=join_items(language, desks))
    elif outcome is admins.Outcome.RESCOPED:
        text += "\n" + t(language, "admins_full_admin")
    return Reply(text)


def welcome(language: str, desks: Sequence[str]) -> Reply:
    """What a new admin, or one whose desks changed, is told."""
    if not desks:
        return Reply(t(language, "you_are_admin"))
    return Reply(t(language, "you_are_desk_officer", desks=join_items(language, desks)))


def _desks_given(words: Sequence[str]) -> str | None:
    """The text after ``desk:`` in ``/admins add 123 desk:DESK-AUT,DESK-PET`` (None when there is no ``desk:``)."""
    rest = " ".join(words).strip()
    if not rest:
        return None
    key, colon, codes = rest.partition(":")
    return codes if colon and key.strip().lower() == "desk" else ""


@admin_handler("/admins")
def admins_command(turn: Turn) -> Outcome:
    """List the admins, or grant (``add``, with ``desk:CODE,…`` for a desk officer) or revoke (``remove``) admin
    rights by user id or @username."""
    verb, reference = (turn.args[0].lower(), turn.args[1]) if len(turn.args) >= 2 else ("", "")
    language, settings = turn.language, turn.settings
    if verb not in ("add", "remove"):
        return Outcome(reply=admins_list(language, admins.list_admins(session=turn.session, settings=settings), settings.tz))
    try:
        user_id = admins.find_user(reference, session=turn.session)
    except admins.AmbiguousUsername:
        return Outcome(reply=Reply(t(language, "admin_ambiguous_user", reference=cut(reference, 40))))
    if user_id is None:
        return Outcome(reply=Reply(t(language, "admin_unknown_user", reference=cut(reference, 40))))
    desks: list[str] = []
    if verb == "add" and (given := _desks_given(turn.args[2:])) is not None:
        try:
            desks = admins.desk_codes(given, session=turn.session)
        except admins.UnknownDesks as unknown:
            return Outcome(reply=Reply(t(language, "admin_unknown_desks", desks=cut(", ".join(unknown.codes) or " ".join(turn.args[2:]), 200))))
    if verb == "add":
        outcome = admins.grant(turn.person.id, user_id, session=turn.session, settings=settings, desks=desks)
    else:
        outcome = admins.revoke(turn.person.id, user_id, session=turn.session, settings=settings)
    user = users.known(user_id, session=turn.session)
    reply = change(language, outcome, user_link(user_id, user.first_name if user else digits(language, str(user_id)), user.username if user else None),
                   desks)
    theirs = user.language if user else "en"
    if outcome is admins.Outcome.GRANTED:  # their menu gains the admin commands once they can be told
        return Outcome(reply=reply, notices=(Notice(user_id, welcome(theirs, desks), admin_menu=theirs, officer_menu=bool(desks)),))
    if outcome is admins.Outcome.RESCOPED:  # their menu follows: a desk officer's, or the whole admin menu
        return Outcome(reply=reply, notices=(Notice(user_id, welcome(theirs, desks), admin_menu=theirs, officer_menu=bool(desks)),))
    if outcome is admins.Outcome.REVOKED:
        return Outcome(reply=reply, hide_admin_menu=(user_id,), notices=(Notice(user_id, Reply(t(theirs, "you_are_not_admin"))),))
    return Outcome(reply=reply)


def register(application: App) -> None:
    """/admins."""
    application.add_handler(CommandHandler("admins", admins_command))
