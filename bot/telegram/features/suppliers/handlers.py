"""/suppliers CODE and the card's "Capable manufacturers (N)": who could make a listing, for admins and the
officers of the listing's desk; "Contact through the bot" takes the officer's next message and relays it.

The message arrives as a plain message: the search feature's text handler hands it here (:func:`take_message`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import CommandHandler

from bot.i18n import N_, digits, t
from bot.services import browse, suppliers
from bot.services.suppliers import Drafting, Dropped, Refusal, RegistryContact
from bot.telegram.turn import Notice, Outcome, Turn, admin_handler, on_press
from bot.telegram.ui import Reply, company_name, user_link

from ..browse import render as cards
from . import render
from .buttons import CancelContact, ContactSupplier, SuppliersOf

if TYPE_CHECKING:
    from bot.telegram.app import App


@admin_handler("/suppliers", desks=True)
def suppliers_command(turn: Turn) -> Outcome:
    """The first page of a listing's capable manufacturers; a mistyped code gets "did you mean"."""
    if not turn.args:
        return Outcome(reply=Reply(t(turn.language, "suppliers_usage")))
    rights = turn.rights
    assert rights is not None  # admin_handler let only admins in
    code = browse.written_as(" ".join(turn.args), session=turn.session)
    found = suppliers.supplier_list(code, session=turn.session, rights=rights)
    if found is Refusal.UNKNOWN:
        return Outcome(reply=cards.not_found(turn.language, code, browse.listings(browse.closest_codes(code, session=turn.session), session=turn.session), SuppliersOf))
    if found is Refusal.NOT_YOURS:
        return turn.refuse("/suppliers", toast=False)
    assert not isinstance(found, Refusal)
    return Outcome(reply=render.supplier_page(turn.language, found, 0))


def page_pressed(turn: Turn, pressed: SuppliersOf) -> Outcome:
    """A page of the list, in place (from the card, the card becomes the list; it leads back)."""
    rights = turn.rights
    assert rights is not None
    found = suppliers.supplier_list(pressed.code, session=turn.session, rights=rights)
    if found is Refusal.UNKNOWN:
        return Outcome(toast=t(turn.language, "expired"))
    if found is Refusal.NOT_YOURS:
        return turn.refuse("button sp", toast=True)
    assert not isinstance(found, Refusal)
    return Outcome(reply=render.supplier_page(turn.language, found, pressed.page), edit=True)


def contact_pressed(turn: Turn, pressed: ContactSupplier) -> Outcome:
    """Ask for the message to a chat-owned profile, or show a registry unit's contact."""
    rights = turn.rights
    assert rights is not None
    started = suppliers.start_contact(turn.person.id, pressed.code, pressed.profile, session=turn.session, rights=rights)
    if started is Refusal.NOT_YOURS:
        return turn.refuse("button spc", toast=True)
    if isinstance(started, RegistryContact):
        return Outcome(reply=render.registry_contact(turn.language, started))
    if isinstance(started, Drafting):
        return Outcome(reply=render.ask_message(turn.language, started))
    return Outcome(toast=t(turn.language, "expired"))


def cancel_pressed(turn: Turn, pressed: CancelContact) -> Outcome:
    cancelled = suppliers.cancel(turn.person.id, session=turn.session)
    return Outcome(toast=t(turn.language, N_("supplier_message_cancelled") if cancelled else N_("expired")))


def take_message(turn: Turn) -> Outcome | None:
    """The sender's message to a manufacturer, if the bot waits for one; else ``None``."""
    if not turn.waiting.contact:  # most messages: no rights looked up
        return None
    taken = suppliers.take_message(turn.person.id, turn.text, session=turn.session, rights=turn.rights)
    if taken is None:
        return None
    if taken is Dropped.TOO_LONG:
        return Outcome(reply=Reply(t(turn.language, "supplier_message_too_long", limit=digits(turn.language, str(suppliers.MAX_MESSAGE)))))
    if taken is Dropped.GONE:
        return Outcome(reply=Reply(t(turn.language, "supplier_message_gone")))
    assert not isinstance(taken, Dropped)
    sender = user_link(turn.person.id, turn.person.first_name, turn.person.username)
    notice = Notice(taken.owner_id, render.relayed(turn.language_of(taken.owner_id), taken, sender))
    return Outcome(reply=Reply(t(turn.language, "supplier_message_sent", company=company_name(turn.language, taken.profile.company, 120),
                                                     code=taken.product.code)), notices=(notice,))


def register(application: App) -> None:
    application.add_handler(CommandHandler("suppliers", suppliers_command))
    application.add_handler(on_press(SuppliersOf, page_pressed, admin=True, desks=True))
    application.add_handler(on_press(ContactSupplier, contact_pressed, admin=True, desks=True))
    application.add_handler(on_press(CancelContact, cancel_pressed))
