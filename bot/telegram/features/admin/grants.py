"""Who the admins are: /admins lists them; /admins add and /admins remove grant and revoke rights in chat.

The person concerned is told, and their chat's command menu gains or loses the admin commands.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from telegram.ext import CommandHandler

from bot.i18n import N_, Html, t
from bot.services import admins, users
from bot.services.admins import Admin
from bot.telegram.turn import Notice, Outcome, Turn, admin_handler
from bot.telegram.ui import Reply, cut, user_link

from .render import bounded, date

if TYPE_CHECKING:
    from bot.telegram.app import App

_CHANGE = {
    admins.Outcome.GRANTED: N_("admin_granted"),
    admins.Outcome.ALREADY: N_("admin_already"),
    admins.Outcome.REVOKED: N_("admin_revoked"),
    admins.Outcome.NOT_ADMIN: N_("admin_not_admin"),
    admins.Outcome.CONFIGURED: N_("admin_configured"),
}


def admins_list(language: str, people: Sequence[Admin], tz: ZoneInfo) -> Reply:
    """Who the admins are and where their rights come from, with how to add or remove one."""
    lines = [t(language, "admins_header")]
    for admin in people:
        user = user_link(admin.user_id, admin.first_name, admin.username)
        if admin.configured or admin.granted_at is None:
            lines.append(t(language, "admins_configured", user=user))
        else:
            by = user_link(admin.granted_by or 0, str(admin.granted_by), None)
            lines.append(t(language, "admins_granted", user=user, by=by, date=date(language, admin.granted_at, tz)))
    return Reply("\n".join(bounded(language, lines, 3400)) + "\n\n" + t(language, "admins_usage"))


def change(language: str, outcome: admins.Outcome, user: Html) -> Reply:
    """The answer to /admins add or remove."""
    return Reply(t(language, _CHANGE[outcome], user=user))


@admin_handler("/admins")
def admins_command(turn: Turn) -> Outcome:
    """List the admins, or grant (``add``) or revoke (``remove``) admin rights by user id or @username."""
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
    grant_or_revoke = admins.grant if verb == "add" else admins.revoke
    outcome = grant_or_revoke(turn.person.id, user_id, session=turn.session, settings=settings)
    user = users.known(user_id, session=turn.session)
    reply = change(language, outcome, user_link(user_id, user.first_name if user else str(user_id), user.username if user else None))
    theirs = user.language if user else "en"
    if outcome is admins.Outcome.GRANTED:  # their menu gains the admin commands once they can be told
        return Outcome(reply=reply, notices=(Notice(user_id, Reply(t(theirs, "you_are_admin")), admin_menu=theirs),))
    if outcome is admins.Outcome.REVOKED:
        return Outcome(reply=reply, hide_admin_menu=(user_id,), notices=(Notice(user_id, Reply(t(theirs, "you_are_not_admin"))),))
    return Outcome(reply=reply)


def register(application: App) -> None:
    """/admins."""
    application.add_handler(CommandHandler("admins", admins_command))
