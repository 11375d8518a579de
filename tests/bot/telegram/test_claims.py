"""/claim: finding a registry unit, the note, the admins' Approve and Refuse, and everything that stands in the way."""

from __future__ import annotations

from sqlmodel import select

from bot.services import claims
from bot.store import registry as store
from bot.store.models import AuditEntry, ClaimState, ManufacturerProfile, UnitClaim, User
from tests.bot.telegram.conftest import ADMIN, INVESTOR, PERSIAN, Chat, buttons, texts, toasts

NOT_AVAILABLE = "This command is not available."


def unit(chat: Chat, unit_id: str) -> ManufacturerProfile:
    with chat.session() as session:
        found = store.units_by_id([unit_id], session=session)
        assert unit_id in found
        return found[unit_id]


def claims_of(chat: Chat, profile_id: int) -> list[UnitClaim]:
    with chat.session() as session:
        return store.claims_on(profile_id, session=session)


def audit_actions(chat: Chat) -> list[tuple[int, str, str]]:
    with chat.session() as session:
        return [(e.actor_id, e.action, e.target) for e in session.exec(select(AuditEntry).order_by(AuditEntry.id))]  # type: ignore[arg-type]


async def claim(chat: Chat, unit_id: str, note: str | None, *, user: int = INVESTOR, language: str = "en") -> list:  # type: ignore[type-arg]
    """/claim UNIT_ID, then the note (or the button without one); the calls of the last step."""
    calls = await chat.send(f"/claim {unit_id}", user=user, language=language)
    card = [c for c in calls if c.method == "sendMessage"][-1]
    if note is None:
        ((_, data),) = buttons(card)
        return await chat.press(data, user=user, language=language)
    return await chat.send(note, user=user, language=language)


def admin_notice(calls: list) -> tuple[str, list[tuple[str, str]]]:  # type: ignore[type-arg]
    (notice,) = [c for c in calls if c.method == "sendMessage" and int(c.params["chat_id"]) == ADMIN]
    return str(notice.params["text"]), buttons(notice)


async def test_claim_by_id_with_a_note_then_approved_in_persian(chat: Chat) -> None:
    calls = await chat.send("/claim", user=PERSIAN, language="fa")
    assert texts(calls)[0].startswith("کدام واحد مال شماست؟")
    calls = await chat.send("ill-۰۰۰۲", user=PERSIAN, language="fa")  # any case, Persian digits
    (card,) = [c for c in calls if c.method == "sendMessage"]
    assert "چدن‌ریزان سپاهان" in card.params["text"] and "استان: اصفهان · فعال" in card.params["text"]
    assert [label for label, _ in buttons(card)] == ["📨 ارسال بدون یادداشت"]
    calls = await chat.send("مدیرعامل هستم؛ شماره ثبت‌شده ۰۳۱۳۳۳۳", user=PERSIAN, language="fa")
    assert texts(calls, chat=PERSIAN)[0].startswith("📨 درخواست شما برای <b>ILL-0002</b>")
    text, (approve, refuse) = admin_notice(calls)
    assert "ILL-0002" in text and "مدیرعامل هستم" in text and "info@sepahan-cast.example" in text
    assert approve[1].startswith("uc:a:") and refuse[1].startswith("uc:r:")
    calls = await chat.press(approve[1], user=ADMIN)
    assert texts(calls, "editMessageText")[0].startswith("✅ Claim #")
    (told,) = texts(calls, chat=PERSIAN)
    assert told.startswith("✅ درخواست شما تأیید شد: <b>چدن‌ریزان سپاهان (نمونه)</b>")  # no English in Persian
    assert unit(chat, "ILL-0002").user_id == PERSIAN
    assert "چدن‌ریزان سپاهان" in texts(await chat.send("/profile", user=PERSIAN, language="fa"))[0]  # theirs to see and edit
    (done,) = claims_of(chat, unit(chat, "ILL-0002").id or 0)
    assert (done.state, done.decided_by, done.note) == (ClaimState.APPROVED, ADMIN, "مدیرعامل هستم؛ شماره ثبت‌شده ۰۳۱۳۳۳۳")
    assert audit_actions(chat)[-1] == (ADMIN, claims.CLAIM_APPROVE, "ILL-0002")
    # Pressed again (a second admin, or twice): the decision stands.
    assert toasts(await chat.press(approve[1], user=ADMIN)) == ["Another admin has already decided this claim."]
    # The unit is no longer anyone else's to claim; its owner is told it is theirs already.
    assert "already has a verified owner" in texts(await chat.send("/claim ILL-0002"))[0]
    assert "همین حالا پروفایل شماست" in texts(await chat.send("/claim ILL-0002", user=PERSIAN, language="fa"))[0]


async def test_part_of_a_name_offers_up_to_five_units_as_buttons(chat: Chat) -> None:
    calls = await chat.send("/claim illustrative")
    (reply,) = [c for c in calls if c.method == "sendMessage"]
    assert reply.params["text"].startswith("I found these units")
    offered = buttons(reply)
    assert len(offered) == 5 and all(data.startswith("uc:p:") for _, data in offered)
    calls = await chat.send("/claim Tabriz rubber")
    assert "Tabriz Rubber Industries" in texts(calls)[0]  # one unit: its card at once
    calls = await chat.send("/claim zzzz-nothing")
    assert texts(calls)[0].startswith("I found no unclaimed unit")
    # A plain message after that is a search again: the bot no longer waits.
    assert "I found" not in texts(await chat.send("brake pads"))[0]


async def test_without_a_note_and_refused_gently(chat: Chat) -> None:
    calls = await claim(chat, "ILL-0005", None)
    assert texts(calls, chat=INVESTOR)[0].startswith("📨 Your claim on <b>ILL-0005</b>")
    _, (_, refuse) = admin_notice(calls)
    calls = await chat.press(refuse[1], user=ADMIN)
    assert texts(calls, "editMessageText")[0].startswith("✖️ Claim #")
    (told,) = texts(calls, chat=INVESTOR)
    assert told.startswith("We could not verify your claim on <b>Tabriz Rubber Industries (illustrative)</b>")
    assert unit(chat, "ILL-0005").user_id is None
    assert audit_actions(chat)[-1] == (ADMIN, claims.CLAIM_REFUSE, "ILL-0005")
    # After a refusal the user may claim again (with more to show).
    calls = await claim(chat, "ILL-0005", "Here is our registry certificate number 12345")
    assert texts(calls, chat=INVESTOR)[0].startswith("📨 Your claim")
    assert [c.state for c in claims_of(chat, unit(chat, "ILL-0005").id or 0)] == [ClaimState.PENDING]


async def test_a_second_pending_claim_on_a_unit_is_refused(chat: Chat) -> None:
    await claim(chat, "ILL-0001", "mine")
    assert "already waiting for an admin" in texts(await claim(chat, "ILL-0001", "mine again"))[0]
    calls = await claim(chat, "ILL-0001", "no, mine", user=PERSIAN, language="fa")
    assert texts(calls, chat=PERSIAN)[0].startswith("درخواست شخص دیگری")
    assert not [c for c in calls if int(c.params.get("chat_id", 0)) == ADMIN]
    assert len(claims_of(chat, unit(chat, "ILL-0001").id or 0)) == 1


async def test_someone_with_a_profile_is_told_plainly_at_both_steps(chat: Chat) -> None:
    calls = await claim(chat, "ILL-0003", None)
    _, (approve, _) = admin_notice(calls)
    with chat.session() as session:  # meanwhile the claimant built a profile in chat
        session.add(ManufacturerProfile(user_id=INVESTOR, company="My own workshop", makes="bolts"))
        session.commit()
    calls = await chat.press(approve[1], user=ADMIN)
    assert "could not be approved: the claimant has a profile of their own" in texts(calls, "editMessageText")[0]
    assert "delete it (/profile)" in texts(calls, chat=INVESTOR)[0].lower()
    assert unit(chat, "ILL-0003").user_id is None
    assert "each person can have only one" in texts(await claim(chat, "ILL-0004", "x"))[0]


async def test_forged_or_foreign_decisions_are_refused(chat: Chat) -> None:
    calls = await claim(chat, "ILL-0006", None)
    _, (approve, _) = admin_notice(calls)
    calls = await chat.press(approve[1], user=PERSIAN)  # a forwarded notice, or forged data
    assert toasts(calls) == [NOT_AVAILABLE]
    assert unit(chat, "ILL-0006").user_id is None
    assert audit_actions(chat)[-1] == (PERSIAN, "refused", "button uc")
    assert toasts(await chat.press("uc:a:999999", user=ADMIN))[0].startswith("This button has expired")
    assert toasts(await chat.press("uc:p:abc"))[0].startswith("This button has expired")


async def test_cancel_stops_waiting_for_the_note(chat: Chat) -> None:
    await chat.send("/claim ILL-0007")
    assert texts(await chat.send("/cancel"))[0] == "Cancelled."
    assert "Your claim" not in texts(await chat.send("electric motors"))[0]
    with chat.session() as session:
        user = session.get(User, INVESTOR)
        assert user is not None and user.pending_profile_step is None
