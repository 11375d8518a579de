"""/scorecard in chat: full admins pick any desk, desk officers get their own, in both languages, as a photo."""

from __future__ import annotations

import io
from functools import partial
from datetime import UTC, date, datetime, timedelta

from PIL import Image
from sqlmodel import select

from bot.services import admins
from bot.services.demand import DemandGroup
from bot.services.scorecard import ListingInterest, Scorecard, Week
from bot.store.models import AuditEntry, Desk, LeadStatus
from bot.telegram.features.admin.scorecard import CAPTION, caption, duration
from bot.telegram.offline import OfflineCall
from bot.telegram.scorecards import due_scorecards, send_scorecards

from .conftest import ADMIN, INVESTOR, Chat, buttons, texts

OFFICER = 950


def photos(calls: list[OfflineCall]) -> list[tuple[bytes, str]]:
    """(PNG bytes, caption) of the photos the bot sent."""
    return [(c.files["photo"][1], str(c.params.get("caption", ""))) for c in calls if c.method == "sendPhoto"]


def png_size(data: bytes) -> tuple[int, int]:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image.size


async def test_a_full_admin_picks_a_desk_and_gets_its_chart_with_the_figures(chat: Chat) -> None:
    await chat.send("/start", user=INVESTOR)
    await chat.press("i:AUT-001", user=INVESTOR)

    offered = buttons((await chat.send("/scorecard", user=ADMIN))[-1])
    assert ("DESK-AUT · Automotive domestic production promotion desk", "scd:DESK-AUT") in offered
    assert len(offered) == 15  # every active desk of the seed

    sent = photos(await chat.press("scd:DESK-AUT", user=ADMIN))

    assert len(sent) == 1
    png, text = sent[0]
    assert png_size(png) == (1200, 750)
    assert "Weekly scorecard" in text and "(DESK-AUT)" in text and "Week of " in text
    assert "Overdue now: <b>0</b> · waiting for a first answer: 1" in text
    assert "AUT-001 Engine control unit (ECU): 1 (+0)" in text  # the lead came this week, after the reported one
    assert "bars are the new leads of each week" in text and len(text) <= CAPTION


async def test_in_persian_the_caption_is_persian_with_persian_digits(chat: Chat) -> None:
    sent = photos(await chat.send("/scorecard desk-aut", user=ADMIN, language="fa"))

    png, text = sent[0]
    assert png_size(png) == (1200, 750)
    assert "کارنامهٔ هفتگی" in text and "میز توسعه ساخت داخل خودرو (DESK-AUT)" in text
    assert "درخواست‌های تازه: <b>۰</b>" in text and "هنوز درخواستی نیامده است." in text
    assert "۱۲ هفتهٔ اخیر" in text and not any(ch in "0123456789" for ch in text.replace("DESK-AUT", ""))


async def test_a_desk_officer_gets_their_desk_only(chat: Chat) -> None:
    await chat.send("/start", user=OFFICER)
    with chat.session() as session:
        admins.grant(ADMIN, OFFICER, session=session, settings=chat.runtime().settings, desks=["DESK-AUT"])
        session.commit()

    own = photos(await chat.send("/scorecard", user=OFFICER))
    refused = await chat.send("/scorecard DESK-PET", user=OFFICER)
    forged = await chat.press("scd:DESK-PET", user=OFFICER)

    assert len(own) == 1 and "(DESK-AUT)" in own[0][1]
    assert photos(refused) == [] and "DESK-AUT" in texts(refused)[0] and "another desk" in texts(refused)[0]
    assert photos(forged) == []
    with chat.session() as session:
        refusals = session.exec(select(AuditEntry).where(AuditEntry.action == "refused", AuditEntry.actor_id == OFFICER)).all()
    assert {entry.target for entry in refusals} == {"/scorecard", "button scd"}


async def test_others_are_refused_and_unknown_desks_named(chat: Chat) -> None:
    assert texts(await chat.send("/scorecard", user=INVESTOR)) == ["This command is not available."]
    assert texts(await chat.send("/scorecard DESK-XYZ", user=ADMIN)) == [
        "There is no desk “DESK-XYZ”. Send /scorecard alone to pick one."]
    await chat.press("lang:fa", user=ADMIN)
    assert texts(await chat.send("/scorecard DESK-XYZ", user=ADMIN)) == [
        "میزی با کد «DESK-XYZ» نیست. /scorecard را به‌تنهایی بفرستید تا میز را انتخاب کنید."]


def big_card() -> Scorecard:
    desk = Desk(code="DESK-AUT", sector="automotive", name_en="A" * 200, name_fa="ب" * 200)
    weeks = tuple(Week(date(2026, 9, 5) + timedelta(weeks=i), 40, 30, timedelta(hours=30)) for i in range(12))
    interest = tuple(ListingInterest(f"AUT-{i:03}", "x" * 120, "ی" * 120, 100 - i, 5) for i in range(30))
    needs = [DemandGroup("need " * 20 + str(i), searches=99, people=50) for i in range(5)]
    return Scorecard(desk, weeks, 7, 12, {status: 10 for status in LeadStatus}, interest, tuple(needs), datetime.now(UTC))


def test_the_caption_fits_telegrams_limit_and_says_lists_were_cut() -> None:
    for language in ("en", "fa"):
        text = caption(language, big_card())
        assert len(text) <= CAPTION
        assert "…" in text and "AUT-000" in text


def test_response_times_read_in_hours_then_days() -> None:
    assert duration("en", timedelta(hours=1)) == "1 hour"
    assert duration("en", timedelta(hours=30)) == "30 hours"
    assert duration("en", timedelta(days=2, hours=12)) == "2.5 days"
    assert duration("fa", timedelta(days=3)) == "۳ روز"
    assert duration("fa", timedelta(days=2, hours=12)) == "۲٫۵ روز"
    assert duration("fa", timedelta(hours=5)) == "۵ ساعت"



async def test_the_weekly_job_sends_each_recipient_the_chart_in_their_language_once(chat: Chat) -> None:
    await chat.send("/start", user=OFFICER, language="fa")
    settings = chat.runtime().settings.model_copy(update={"scorecard_hour": 0})  # due at any hour of the week
    with chat.session() as session:
        admins.grant(ADMIN, OFFICER, session=session, settings=settings, desks=["DESK-AUT"])
        session.commit()
    claim = partial(due_scorecards, settings=settings, matcher=chat.runtime().matcher)
    deliveries = await chat.runtime().run(claim)  # as the job does: claimed and committed, then sent
    before = len(chat.request.calls)

    assert await send_scorecards(chat.application.bot, deliveries) == 15

    calls = chat.request.calls[before:]
    to_officer = [c for c in calls if c.method == "sendPhoto" and int(c.params["chat_id"]) == OFFICER]
    to_admin = [c for c in calls if c.method == "sendPhoto" and int(c.params["chat_id"]) == ADMIN]
    assert len(to_officer) == 1 and len(to_admin) == 14
    assert "کارنامهٔ هفتگی" in str(to_officer[0].params["caption"]) and "(DESK-AUT)" in str(to_officer[0].params["caption"])
    assert png_size(to_officer[0].files["photo"][1]) == (1200, 750)
    assert all("Weekly scorecard" in str(c.params["caption"]) and "DESK-AUT" not in str(c.params["caption"]) for c in to_admin)
    assert await chat.runtime().run(claim) == []
