"""Where the parallel issue-13 branches meet: desk officers against the /demand actions and grants of ADMIN_IDS
admins, through the real Application."""

from __future__ import annotations

from sqlmodel import select

from bot.store.models import DemandDecision, Product

from .conftest import ADMIN, Chat, texts, toasts
from .test_demand_actions import button, card, only
from .test_desk_officers import FULL_ONLY, OFFICER, officer_of_aut, refusals


async def test_a_desk_officer_cannot_draft_a_listing_for_a_demand_group(chat: Chat) -> None:
    """/demand is for full admins: its "Draft a new listing" button (forwarded or forged) is refused to a desk
    officer like its other buttons, and no form starts, so no need is marked listed by an officer."""
    await officer_of_aut(chat)
    for query in ["battery chargers", "battery charger"]:
        await chat.send(query)
    draft = button(await card(chat, "battery charger"), "📝")
    (refused,) = toasts(await chat.press(draft, user=OFFICER, language="fa"))
    assert refused.startswith(FULL_ONLY)
    # No form waits for the officer's answers: what they type next is a search.
    (answer,) = texts(await chat.send("AUT-021", user=OFFICER, language="fa"))
    assert "۱/۱۰" not in answer and "۲/۱۰" not in answer
    assert refusals(chat)[-1] == (OFFICER, "/demand")
    with chat.session() as session:
        assert session.exec(select(DemandDecision)).first() is None
        assert session.exec(select(Product).where(Product.code == "AUT-021")).first() is None
    # A full admin still drafts from the same button.
    first = only(await chat.press(draft, user=ADMIN))
    assert first.params["text"].startswith("📝 New listing for the unmet need “battery charger”, step by step.")


async def test_desks_cannot_be_given_to_an_admin_of_admin_ids(chat: Chat) -> None:
    """Those of ADMIN_IDS keep every desk: the answer must not say they became a desk officer."""
    await chat.send("/start", user=ADMIN)
    (answer,) = texts(await chat.send("/admins add 900 desk:DESK-AUT", user=ADMIN))
    assert answer.endswith("is an admin through the ADMIN_IDS setting, which only the server's configuration can change.")
    assert "desk officer" not in answer
    await chat.press("lang:fa", user=ADMIN)
    (persian,) = texts(await chat.send("/admins add 900 desk:DESK-AUT", user=ADMIN))
    assert persian.endswith("با تنظیم ADMIN_IDS مدیر است و فقط در تنظیمات سرور می‌توان آن را تغییر داد.")
    assert "کارشناس میز" not in persian
    # Without desk: it is the plain "already an admin" it always was.
    (again,) = texts(await chat.send("/admins add 900", user=ADMIN))
    assert again.endswith("از قبل مدیر است.")
    (listing,) = texts(await chat.send("/admins", user=ADMIN))
    assert "کارشناس میز" not in listing.split("\n\n")[0]
