"""Issue 13's "Done when" as one walk through the real bot process and the loopback fake Bot API: the features
proved one by one in test_doubt_e2e, test_requests_e2e, test_demand_e2e and test_desk_officers_e2e, joined.

A Persian searcher finds nothing and asks to be told; the admin drafts the listing from /demand; the searcher is
told once, in Persian, with the card, and is interested; the desk's officer gets the lead with its due date; and
``matchbot report demand --json`` shows the need listed, with its request told and answered by interest. Then an
English searcher's paraphrase gets "Did you mean…?", says "None of these", the admin makes the wording an alias
from /demand, and the same search is answered with confidence.
"""

from __future__ import annotations

import json
import time

import pytest
from sqlmodel import Session, select

from bot.dates import format_date
from bot.services.response_clock import Clock, due_day
from bot.settings import Settings
from bot.store.db import make_engine
from bot.store.models import Lead, SearchFeedback, SearchLog

from .conftest import ADMIN, BotProcess, Users, buttons, run_cli, say
from .fake_bot_api import FakeBotApi
from .test_demand_e2e import press as tap

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("accepted_everything")]
# The bot's own digest scheduler sends the "now listed" notices, checked every second.
BOT_SETTINGS = {"digest_interval_seconds": 1, "digest_retry_base_seconds": 0.05}
NOTICE_FA = "کالایی شبیه «دوچرخه» به فهرست اضافه شد"


def demand_report(bot: BotProcess) -> dict[str, dict[str, object]]:
    """``matchbot report demand --json`` on the bot's database, by need."""
    done = run_cli("report", "demand", "--json", env=bot.env, cwd=bot.workdir)
    return {row["need"]: row for row in map(json.loads, done.stdout.splitlines())}


@pytest.mark.also_postgres
def test_a_persian_need_becomes_a_listing_a_told_searcher_and_a_lead_with_a_due_date(
    bot: BotProcess, fake: FakeBotApi, users: Users
) -> None:
    searcher, officer = users.new("fa", first_name="Maryam"), users.new("en", first_name="Officer")
    say(fake, officer, "/start", contains="Hello")
    granted = say(fake, ADMIN, f"/admins add {officer.id} desk:DESK-AUT", contains="is now an admin")
    assert granted.visible_text.endswith("desk officer of DESK-AUT")

    # A search in Persian that nothing answers, and "tell me when".
    nothing = say(fake, searcher, "دوچرخه", contains="برای «دوچرخه» کالایی پیدا نکردم")
    saved = tap(fake, searcher, nothing, "وقتی کالایی شبیه این فهرست شد خبرم کن", contains="🔔 ثبت شد.")
    assert "یک بار همین‌جا خبرتان می‌کنم" in saved.visible_text

    # The admin opens /demand, that group, and drafts the listing: Keep what is suggested, type what is missing.
    demand = say(fake, ADMIN, "/demand", contains="Unmet demand")
    assert "“tell me when listed” requests: 1, told: 0, then interested: 0" in demand.visible_text
    group = tap(fake, ADMIN, demand, "دوچرخه", contains="Open. What should become of it?")
    step = tap(fake, ADMIN, group, "Draft a new listing", contains="1/10")
    step = say(fake, ADMIN, "AUT-090", contains="2/10")
    step = say(fake, ADMIN, "Bicycle", contains="Suggested: دوچرخه")
    step = tap(fake, ADMIN, step, "Keep", contains="4/10")
    step = say(fake, ADMIN, "8712.00", contains="5/10")
    step = say(fake, ADMIN, "automotive", contains="6/10")  # no listing is close enough to suggest a sector
    for number in range(7, 11):
        step = say(fake, ADMIN, "/skip", contains=f"{number}/10")
    added = say(fake, ADMIN, "/skip", contains="Listing added")
    assert "The unmet need “دوچرخه” is marked as listed: AUT-090." in added.visible_text

    # The scheduler tells the searcher once, in Persian, with the card and its buttons.
    notice = fake.wait_for_message(searcher.id, after=saved.seq, contains=NOTICE_FA, timeout=20)
    assert "AUT-090 · دوچرخه" in notice.visible_text and buttons(notice)[0] == "✋ علاقه‌مندم"
    officer_mark = fake.mark(officer.id)
    thanks = tap(fake, searcher, notice, "علاقه‌مندم", contains="علاقه‌مندی شما به")
    assert "AUT-090" in thanks.visible_text

    # The desk's officer gets the new-lead notice and sees the lead in /leads with its due date.
    lead_notice = fake.wait_for_message(officer.id, after=officer_mark, contains="New lead")
    assert "AUT-090" in lead_notice.visible_text
    engine = make_engine(bot.database_url)
    try:
        with Session(engine) as session:
            lead = session.exec(select(Lead).where(Lead.user_id == searcher.id)).one()
            wordings = session.exec(select(SearchLog.query).where(SearchLog.user_id == searcher.id)).all()
    finally:
        engine.dispose()
    assert lead.product_code == "AUT-090" and lead.due_at is not None
    due = due_day(lead.due_at, Clock.of(Settings(_env_file=None)).zone)
    leads = say(fake, officer, "/leads", contains="AUT-090").visible_text
    assert f"Maryam · 🆕 new, not answered yet · " in leads and f"answer due by {format_date('en', due)}" in leads
    mine = say(fake, searcher, "/myleads", contains="AUT-090").visible_text
    assert format_date("fa", due) in mine

    # Told exactly once, however many more scheduler ticks pass; the report shows the whole loop.
    time.sleep(2.5)
    assert [m for m in fake.messages_to(searcher.id) if NOTICE_FA in m.visible_text] == [notice]
    assert wordings == ["دوچرخه"]
    row = demand_report(bot)["دوچرخه"]
    assert (row["state"], row["code"], row["requests"], row["told"], row["interested"]) == ("listed", "AUT-090", 1, 1, 1)
    final = say(fake, ADMIN, "/demand", contains="Recently resolved").visible_text
    assert "✅ Recently resolved: دوچرخه → listed as AUT-090" in final


@pytest.mark.also_postgres
def test_an_english_paraphrase_becomes_an_alias_and_then_a_confident_match(
    bot: BotProcess, fake: FakeBotApi, users: Users
) -> None:
    searcher = users.new("en", first_name="Alice")
    doubt = say(fake, searcher, "steel pipes for oil wells", contains="Did you mean one of these?")
    assert doubt.visible_text.startswith("🤔 I am not sure I understood “steel pipes for oil wells”.")
    assert "OGS-005 · OCTG casing and tubing" in doubt.visible_text
    thanks = tap(fake, searcher, doubt, "None of these", contains="Thank you, noted.")
    assert "counted among the needs" in thanks.visible_text

    demand = say(fake, ADMIN, "/demand", contains="Unmet demand")
    group = tap(fake, ADMIN, demand, "steel pipe", contains="Open. What should become of it?")
    menu = tap(fake, ADMIN, group, "Add as alias", contains="Which listing")
    done = tap(fake, ADMIN, menu, "OGS-005", contains="is now an alias of")
    assert done.visible_text.startswith("✅ “steel pipe")

    confident = say(fake, searcher, "steel pipes for oil wells", contains="Results for")
    assert "OGS-005 · OCTG casing and tubing" in confident.visible_text and "Did you mean" not in confident.visible_text

    engine = make_engine(bot.database_url)
    try:
        with Session(engine) as session:
            searches = session.exec(select(SearchLog.matched, SearchLog.related_shown, SearchLog.feedback)
                                    .where(SearchLog.user_id == searcher.id).order_by(SearchLog.id)).all()  # type: ignore[arg-type]
    finally:
        engine.dispose()
    assert [tuple(s) for s in searches] == [(False, True, SearchFeedback.NONE_OF_THESE), (True, False, None)]
    assert demand_report(bot)["steel pipe"]["state"] == "aliased"
