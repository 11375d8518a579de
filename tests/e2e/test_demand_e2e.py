"""Unmet demand becomes listings, end to end: the real bot process through the loopback fake Bot API, then
``matchbot report demand --json`` on the same database."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlmodel import Session, select

from bot.store import catalog as store
from bot.store.models import AuditEntry

from .admin_processes import (  # noqa: F401  (fixtures)
    ADMIN, AdminBot, admin_bot, admin_db, admin_fake, new_user, telegram_accepted_everything,
)
from .conftest import say
from .fake_bot_api import FakeBotApi, FakeUser, SentMessage

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("telegram_accepted_everything")]


def press(fake: FakeBotApi, user: FakeUser, message: SentMessage, label: str, contains: str | None = None) -> SentMessage:
    mark = fake.mark(user.id)
    fake.press_button(user, message, label)
    return fake.wait_for_message(user.id, after=mark, contains=contains)


def report(bot: AdminBot) -> dict[str, dict[str, object]]:
    """``matchbot report demand --json`` on the bot's database, by need."""
    env = {**os.environ, "DATABASE_URL": bot.database_url}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    result = subprocess.run([sys.executable, "-m", "bot", "report", "demand", "--json"], capture_output=True, text=True, env=env,
                            check=True, timeout=120)
    return {row["need"]: row for row in map(json.loads, result.stdout.splitlines())}


def test_an_admin_turns_unmet_searches_into_an_alias_and_a_listing(admin_bot: AdminBot) -> None:
    fake, sara, reza = admin_bot.fake, new_user("fa", first_name="Sara"), new_user(first_name="Reza")
    say(fake, sara, "شارژر باتری")  # nothing confident: unmet demand
    say(fake, reza, "battery chargers")
    say(fake, reza, "brake discs")
    say(fake, reza, "hello friend")

    # Add as alias: the closest listing is offered; the next identical search finds it.
    demand = say(fake, ADMIN, "/demand", contains="Unmet demand")
    card = press(fake, ADMIN, demand, "brake disc", contains="Open. What should become of it?")
    menu = press(fake, ADMIN, card, "Add as alias", contains="Which listing")
    done = press(fake, ADMIN, menu, "AUT-002", contains="is now an alias of")
    assert done.visible_text.startswith("✅ “brake discs” is now an alias of AUT-002")
    assert "AUT-002" in say(fake, reza, "brake discs").visible_text

    # Not a product need: dismissed, then undone, then dismissed for good.
    card = press(fake, ADMIN, say(fake, ADMIN, "/demand", contains="Unmet demand"), "friend", contains="Open.")
    dismissed = press(fake, ADMIN, card, "Not a product need", contains="left out of the report")
    back = press(fake, ADMIN, dismissed, "Undo", contains="back in the report")
    press(fake, ADMIN, back, "Not a product need", contains="left out of the report")

    # Draft a new listing: the form is pre-filled; Keep takes a suggestion, an answer replaces it.
    card = press(fake, ADMIN, say(fake, ADMIN, "/demand", contains="Unmet demand"), "battery charger", contains="Open.")
    step = press(fake, ADMIN, card, "Draft a new listing", contains="Suggested: AUT-021")
    step = press(fake, ADMIN, step, "Keep", contains="Suggested: Battery charger")
    step = press(fake, ADMIN, step, "Keep", contains="3/10")
    step = say(fake, ADMIN, "شارژر باتری", contains="4/10")
    step = say(fake, ADMIN, "8504.40", contains="Suggested: Automotive")
    press(fake, ADMIN, step, "Keep", contains="6/10")
    for number in range(7, 11):
        say(fake, ADMIN, "/skip", contains=f"{number}/10")
    added = say(fake, ADMIN, "/skip", contains="Listing added")
    assert "The unmet need “battery chargers” is marked as listed: AUT-021." in added.visible_text  # as typed
    assert "AUT-021" in say(fake, sara, "شارژر باتری").visible_text

    # The Persian wording is answered now by the new listing: nothing is unmet any more.
    final = say(fake, ADMIN, "/demand", contains="No unanswered searches")
    assert "Recently resolved: battery chargers → listed as AUT-021, brake discs → alias of AUT-002" in final.visible_text
    assert "شارژر باتری → now found: AUT-021" in final.visible_text  # asked in Persian, answered by the new listing
    assert "1 group dismissed" in final.visible_text
    rows = report(admin_bot)
    assert (rows["brake disc"]["state"], rows["brake disc"]["code"]) == ("aliased", "AUT-002")
    assert (rows["battery charger"]["state"], rows["battery charger"]["code"]) == ("listed", "AUT-021")
    assert rows["friend"]["state"] == "dismissed" and rows["شارژر باتری"]["state"] == "open"
    with Session(admin_bot.engine) as session:
        product = store.get_product("AUT-021", session=session)
        actions = session.exec(select(AuditEntry.action).where(AuditEntry.action.startswith("demand.")).order_by(AuditEntry.id)).all()  # type: ignore[attr-defined, arg-type]
    assert product is not None and (product.name_en, product.name_fa, product.hs_code) == ("Battery chargers", "شارژر باتری", "850440")  # as typed
    assert actions == ["demand.alias", "demand.dismiss", "demand.reopen", "demand.dismiss", "demand.listed"]


def test_a_need_typed_in_finglish_becomes_a_persian_side_alias_not_an_english_name(admin_bot: AdminBot) -> None:
    """A user trial: "mil lang" (Finglish «میل لنگ», a crankshaft) was drafted from /demand as the English name "Mil lang".
    The card says the need is Finglish, the form suggests it as an alias only, and the saved listing is found by it."""
    fake, hamid = admin_bot.fake, new_user("fa", first_name="Hamid")
    say(fake, hamid, "mil lang", contains="کالایی پیدا نکردم")
    card = press(fake, ADMIN, say(fake, ADMIN, "/demand", contains="Unmet demand"), "mil lang", contains="Open.")
    assert "“mil lang” is Persian typed in Latin letters (Finglish)" in card.visible_text
    step = press(fake, ADMIN, card, "Draft a new listing", contains="1/10")
    assert "(Finglish)" in step.visible_text
    step = say(fake, ADMIN, "MCH-050", contains="2/10")
    assert "Suggested" not in step.visible_text  # no English name from the Finglish wording
    step = say(fake, ADMIN, "Crankshaft", contains="3/10")
    assert "Suggested" not in step.visible_text
    for answer, number in [("میل لنگ", 4), ("8483.10", 5), ("machinery", 6), ("/skip", 7)]:
        step = say(fake, ADMIN, answer, contains=f"{number}/10")
    assert "Suggested: mil lang" in step.visible_text
    step = press(fake, ADMIN, step, "Keep", contains="8/10")
    for number in range(9, 11):
        step = say(fake, ADMIN, "/skip", contains=f"{number}/10")
    say(fake, ADMIN, "/skip", contains="Listing added")
    with Session(admin_bot.engine) as session:
        product = store.get_product("MCH-050", session=session)
        assert product is not None and (product.name_en, product.name_fa, product.aliases) == ("Crankshaft", "میل لنگ", "mil lang")
    assert "MCH-050 · میل لنگ" in say(fake, hamid, "mil lang", contains="MCH-050").visible_text
