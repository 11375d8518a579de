"""Registers every admin handler, and answers admin buttons that no admin feature takes (stale or forged)."""


from __future__ import annotations

import re
from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.telegram.buttons import SEPARATOR
from bot.telegram.runtime import Context
from bot.telegram.turn import expired, run_turn

from . import desks, digests, grants, imports, leads, listings, reports

if TYPE_CHECKING:
    from bot.telegram.app import App

BUTTONS = (imports.ApplyImport, imports.CancelImport, leads.LeadList, leads.LeadCard, leads.SetLeadStatus)
"""Every admin button."""
_FAMILIES = sorted({kind.prefix.partition(SEPARATOR)[0] for kind in BUTTONS})
STALE_PATTERN = re.compile(f"^(?:{'|'.join(map(re.escape, _FAMILIES))}){SEPARATOR}")
"""Data that starts like an admin button's but is none (forged, or from an older bot)."""


async def stale_admin_button(update: Update, context: Context) -> None:
    """Refuse a non-admin (audited) and tell an admin (desk officers too) it has expired, as for any admin button."""
    await run_turn(update, context, expired, admin="button", desks=True)


def register(application: App) -> None:
    """Every admin handler, the step-by-step form first: while it waits for an answer, its /skip, /cancel and the
    answer itself must come before everyone's handlers (outside a form it takes only /addproduct and /adddesk).
    The rest take what no one else does: their own commands, their buttons' data, and documents, whose
    messages never have text (documents go before the handler of other messages, which would take them)."""
    listings.register(application)
    reports.register(application)
    leads.register(application)
    grants.register(application)
    digests.register(application)
    desks.register(application)
    imports.register(application)
    application.add_handler(CallbackQueryHandler(stale_admin_button, pattern=STALE_PATTERN))
