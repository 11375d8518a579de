"""The command menus Telegram shows next to the message box: everyone's, and the longer one of admins."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.i18n import N_, t

log = logging.getLogger(__name__)

# Everyone's menu, in this order; admin commands are never in it.
MENU_COMMANDS = (
    "start", "search", "sectors", "desks", "product", "myleads", "introductions", "subscribe", "alert", "mysubs",
    "requests", "profile", "claim", "opportunities", "pause", "resume", "unsubscribe", "language", "help", "cancel",
)
# Shown to admins only, in their own chat's menu (set when they /start or get their rights).
ADMIN_COMMANDS = (
    "addproduct", "editproduct", "closeproduct", "reopenproduct", "adddesk", "editdesk",
    "import", "export", "leads", "scorecard", "suppliers", "stats", "demand", "digest_now", "responsedays", "admins",
)
# A desk officer's: only what they may use on their desks' listings and leads (the rest would be refused).
OFFICER_COMMANDS = ("addproduct", "editproduct", "closeproduct", "reopenproduct", "leads", "scorecard", "suppliers")


# What each command does, as the menu shows it.
_DESCRIPTION = {
    "start": N_("cmd_start"), "search": N_("cmd_search"), "sectors": N_("cmd_sectors"),
    "desks": N_("cmd_desks"), "product": N_("cmd_product"), "myleads": N_("cmd_myleads"), "subscribe": N_("cmd_subscribe"),
    "alert": N_("cmd_alert"), "mysubs": N_("cmd_mysubs"), "requests": N_("cmd_requests"), "profile": N_("cmd_profile"),
    "opportunities": N_("cmd_opportunities"), "pause": N_("cmd_pause"),
    "resume": N_("cmd_resume"), "unsubscribe": N_("cmd_unsubscribe"), "language": N_("cmd_language"),
    "help": N_("cmd_help"), "cancel": N_("cmd_cancel"), "addproduct": N_("cmd_addproduct"),
    "editproduct": N_("cmd_editproduct"), "closeproduct": N_("cmd_closeproduct"),
    "reopenproduct": N_("cmd_reopenproduct"), "adddesk": N_("cmd_adddesk"), "editdesk": N_("cmd_editdesk"),
    "import": N_("cmd_import"), "export": N_("cmd_export"), "leads": N_("cmd_leads"),
    "stats": N_("cmd_stats"), "demand": N_("cmd_demand"), "digest_now": N_("cmd_digest_now"),
    "admins": N_("cmd_admins"), "responsedays": N_("cmd_responsedays"), "scorecard": N_("cmd_scorecard"),
    "introductions": N_("cmd_introductions"), "suppliers": N_("cmd_suppliers"), "claim": N_("cmd_claim"),
}


def commands(language: str, *, admin: bool = False, officer: bool = False) -> list[BotCommand]:
    """The menu in ``language``; with ``admin`` the admin commands follow everyone's, a desk officer's own with ``officer``."""
    names = MENU_COMMANDS + (OFFICER_COMMANDS if officer else ADMIN_COMMANDS if admin else ())
    return [BotCommand(name, t(language, _DESCRIPTION[name])) for name in names]


async def show_admin_menu(bot: Bot, chat_id: int, language: str, *, officer: bool = False) -> None:
    """Give an admin's chat the admin menu in their language (only that chat sees it); a desk officer's is shorter."""
    try:
        await bot.set_my_commands(commands(language, admin=True, officer=officer), scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:  # e.g. a granted admin who never started the bot: no chat yet
        log.warning("could not set the admin menu of chat %s: %s", chat_id, exc)


async def hide_admin_menu(bot: Bot, chat_id: int) -> None:
    """Give a former admin's chat everyone's menu again."""
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:
        log.warning("could not reset the menu of chat %s: %s", chat_id, exc)
