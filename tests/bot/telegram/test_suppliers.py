"""Capable suppliers through the real Application: the card's "Capable manufacturers (N)" for the listing's
desk staff only, /suppliers CODE with "did you mean", the list's details in both languages, and a desk's message
relayed to the manufacturer (or a registry unit's contact shown), each recorded in the audit log."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete
from sqlmodel import select

from bot.dates import format_date
from bot.services import admins, audit, users
from bot.store.models import AuditEntry, ManufacturerProfile, PendingContact, ProfileSource

from .conftest import ADMIN, INVESTOR, PERSIAN, Chat, buttons, texts, toasts

MAKER = 601
OFFICER = 701
OTHER_OFFICER = 702


def add_profiles(chat: Chat) -> tuple[int, int]:
    """A Persian manufacturer in chat and a registry unit, both able to make MCH-007 (helical gear reducers)."""
    with chat.session() as session:
        # Without the seed's illustrative registry units: the list holds exactly these two.
        session.exec(delete(ManufacturerProfile))  # type: ignore[call-overload]
        users.remember(MAKER, session=session, first_name="Reza", username="reza_gear", language_code="fa")
        owned = ManufacturerProfile(user_id=MAKER, company="Pars Gear Co", province="isfahan", consent=True, knowledge_based=True,
                                    makes="helical gear reducer, industrial gearbox", processes="machining;casting",
                                    certifications="iso_9001", contact="+98 31 3333 0000")
        registry = ManufacturerProfile(source=ProfileSource.REGISTRY, unit_id="R-77", company="Sepahan Transmission", province="tehran",
                                       makes="gear reducer", processes="machining", idle=True, idle_since=date(2025, 3, 21),
                                       illustrative=True, contact="+98 21 5555 0000")
        session.add_all([owned, registry])
        session.commit()
        assert owned.id is not None and registry.id is not None
        return owned.id, registry.id


def officer(chat: Chat, user: int, desk: str) -> None:
    with chat.session() as session:
        users.remember(user, session=session, first_name="Omid", username=None, language_code="fa")
        admins.grant(ADMIN, user, session=session, settings=chat.runtime().settings, desks=[desk])
        session.commit()


def refusals(chat: Chat, user: int) -> list[str]:
    with chat.session() as session:
        return [entry.target for entry in session.exec(select(AuditEntry).where(AuditEntry.action == audit.REFUSED, AuditEntry.actor_id == user))]


async def test_the_card_shows_capable_manufacturers_to_the_desk_staff_only(chat: Chat) -> None:
    add_profiles(chat)
    officer(chat, OFFICER, "DESK-MCH")
    officer(chat, OTHER_OFFICER, "DESK-AUT")
    (card,) = [c for c in await chat.send("/product MCH-007", user=ADMIN) if c.method == "sendMessage"]
    assert ("🏭 Capable manufacturers (2)", "sp:MCH-007:0") in buttons(card)
    (card,) = [c for c in await chat.send("/product MCH-007", user=OFFICER, language="fa") if c.method == "sendMessage"]
    assert ("🏭 سازندگان توانمند (۲)", "sp:MCH-007:0") in buttons(card)
    for user in (INVESTOR, OTHER_OFFICER):
        (card,) = [c for c in await chat.send("/product MCH-007", user=user) if c.method == "sendMessage"]
        assert not any(data.startswith("sp:") for _, data in buttons(card))
    # A listing nobody can make: no button, even for an admin.
    (card,) = [c for c in await chat.send("/product MED-001", user=ADMIN) if c.method == "sendMessage"]
    assert not any(data.startswith("sp:") for _, data in buttons(card))


async def test_the_list_pages_through_every_detail_in_english_and_persian(chat: Chat) -> None:
    owned, registry = add_profiles(chat)
    calls = await chat.press("sp:MCH-007:0", user=ADMIN)
    (page,) = texts(calls, "editMessageText")
    assert page.startswith("🏭 <b>Capable manufacturers</b> for <b>MCH-007</b> Helical gear reducer: 2, best fit first (1–2):")
    assert "<b>1. Pars Gear Co</b> · Isfahan · fit " in page and "Sepahan Transmission</b> · Tehran" in page
    assert "🔬 knowledge-based · profile made in chat · open to introductions" in page
    assert "🧪 illustrative example · from the registry" in page
    assert "⏸ idle since 2025-03-21" in page
    assert "Processes: Precision machining (CNC turning and milling); Casting (sand, die and investment)" in page  # its own comma
    assert "Certifications: ISO 9001 (quality management)" in page and "Why: " in page and "Why: you" not in page  # said of them
    keys = buttons(next(c for c in calls if c.method == "editMessageText"))
    assert ("✉️ 1. Contact Pars Gear Co through the bot", f"spc:MCH-007:{owned}") in keys
    assert ("📇 2. Registry contact of Sepahan Transmission", f"spc:MCH-007:{registry}") in keys
    assert ("« Back to MCH-007", "p:MCH-007") in keys

    officer(chat, OFFICER, "DESK-MCH")  # a Persian desk officer of the listing's desk
    (persian,) = texts(await chat.press("sp:MCH-007:0", user=OFFICER, language="fa"), "editMessageText")
    assert "اصفهان" in persian and "دانش‌بنیان" in persian and "نمونهٔ نمایشی" in persian
    assert f"⏸ راکد از {format_date('fa', date(2025, 3, 21))}" in persian and "۱ فروردین ۱۴۰۴" in persian
    assert "ماشین‌کاری دقیق" in persian and "ایزو ۹۰۰۱" in persian and "(۱ تا ۲)" in persian


async def test_suppliers_command_suggests_codes_and_refuses_everyone_else(chat: Chat) -> None:
    add_profiles(chat)
    officer(chat, OTHER_OFFICER, "DESK-AUT")
    assert texts(await chat.send("/suppliers", user=ADMIN))[0].startswith("Write the listing's code after the command")
    (listed,) = texts(await chat.send("/suppliers mch-007", user=ADMIN))
    assert "<b>MCH-007</b>" in listed and "Pars Gear Co" in listed
    (written,) = texts(await chat.send("/suppliers MCH-07", user=ADMIN))  # the same code written another way
    assert "<b>MCH-007</b>" in written and "Pars Gear Co" in written
    calls = await chat.send("/suppliers MCH-70", user=ADMIN)
    assert "MCH-70" in texts(calls)[0] and all(data.startswith("sp:MCH-0") for _, data in buttons(calls[-1]))

    assert texts(await chat.send("/suppliers MCH-007")) == ["This command is not available."]
    assert toasts(await chat.press("sp:MCH-007:0")) == ["This command is not available."]
    assert toasts(await chat.press("spc:MCH-007:1")) == ["This command is not available."]
    assert refusals(chat, INVESTOR) == ["/suppliers", "button sp", "button spc"]
    # Another desk's officer is told the listing is outside their desks, and that is recorded too.
    (refused,) = texts(await chat.send("/suppliers MCH-007", user=OTHER_OFFICER, language="fa"))
    assert "DESK-AUT" in refused and "Pars Gear" not in refused
    assert "Pars Gear" not in " ".join(toasts(await chat.press("sp:MCH-007:0", user=OTHER_OFFICER, language="fa")))
    assert refusals(chat, OTHER_OFFICER) == ["/suppliers", "button sp"]


async def test_a_desks_message_is_relayed_in_the_manufacturers_language_and_recorded(chat: Chat) -> None:
    owned, registry = add_profiles(chat)
    officer(chat, OFFICER, "DESK-MCH")
    await chat.send("/start", user=MAKER, language="fa")

    asked = await chat.press(f"spc:MCH-007:{owned}", user=OFFICER, language="fa")
    (question,) = texts(asked)
    assert "Pars Gear Co" in question and "MCH-007" in question and "/cancel" in question
    with chat.session() as session:
        assert session.get(PendingContact, OFFICER) is not None  # waited for in the database, not in memory

    calls = await chat.send("Can you quote 200 units by next month?", user=OFFICER, language="fa")
    (relayed,) = texts(calls, chat=MAKER)
    assert relayed.startswith("✉️ <b>پیامی از میز توسعه ساخت داخل")
    assert "<b>MCH-007</b> گیربکس صنعتی هلیکال" in relayed and "Can you quote 200 units by next month?" in relayed
    assert f'<a href="tg://user?id={OFFICER}">User{OFFICER}</a> (@u{OFFICER})' in relayed  # the sender, to answer directly
    (sent,) = texts(calls, chat=OFFICER)
    assert sent.startswith("✅") and "Pars Gear Co" in sent
    with chat.session() as session:
        (entry,) = session.exec(select(AuditEntry).where(AuditEntry.action == audit.SUPPLIER_CONTACT)).all()
        assert entry.actor_id == OFFICER and entry.target == str(owned) and entry.after is not None
        assert entry.after["message"] == "Can you quote 200 units by next month?"
    # The next message is a search again.
    assert not texts(await chat.send("gear reducer", user=OFFICER, language="fa"), chat=MAKER)

    # A registry unit nobody owns in chat: its registry contact, recorded.
    (shown,) = texts(await chat.press(f"spc:MCH-007:{registry}", user=ADMIN))
    assert "Sepahan Transmission" in shown and "+98 21 5555 0000" in shown
    with chat.session() as session:
        assert [e.target for e in session.exec(select(AuditEntry).where(AuditEntry.action == audit.SUPPLIER_CONTACT))] == [
            str(owned), str(registry)]


async def test_cancel_and_the_cancel_button_drop_the_message(chat: Chat) -> None:
    owned, _ = add_profiles(chat)
    await chat.press(f"spc:MCH-007:{owned}", user=ADMIN)
    assert texts(await chat.send("/cancel", user=ADMIN)) == ["Cancelled."]
    with chat.session() as session:
        assert session.get(PendingContact, ADMIN) is None
    await chat.press(f"spc:MCH-007:{owned}", user=ADMIN)
    assert toasts(await chat.press("spx", user=ADMIN)) == ["Message cancelled."]
    assert toasts(await chat.press("spx", user=ADMIN)) == ["This button has expired. Please search again."]
    calls = await chat.send("helical gear reducer", user=ADMIN)
    assert not texts(calls, chat=MAKER)
