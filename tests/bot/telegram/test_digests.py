"""Digest rounds against a scripted bot: faults, crashes, claims; and the digest renderer."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Engine, update
from sqlmodel import Session, select
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import AIORateLimiter, ExtBot

from bot.i18n import t
from bot.services import catalog, digests
from bot.services import subscriptions as subs
from bot.services.digests import DigestContent, DigestItem
from bot.settings import Settings
from bot.store import users as user_store
from bot.store.models import Desk, Digest, DigestStatus, Frequency, Product, ProductStatus, Sector, Subscriber, utcnow
from bot.telegram.digests import DigestRound, DigestSender, RoundReport
from bot.telegram.features.subscriptions.digest import digest_messages
from bot.telegram.ui import Reply

from tests.e2e.fake_bot_api import FakeBotApi

from .test_render import assert_telegram_accepts

SETTINGS = dict(digest_send_rate=10_000, digest_workers=3, digest_retry_base_seconds=0, digest_claim_lease_seconds=60)


class Crash(BaseException):
    """Stands for the process dying (not an Exception, so nothing in the round catches it)."""


@dataclass
class ScriptedBot:
    """Answers send_message like Telegram, with faults scripted per chat: a list of exceptions to raise first."""

    username: str = "matchbot_test_bot"
    faults: dict[int, list[BaseException]] = field(default_factory=dict)
    crash_after: int | None = None
    sent: list[tuple[int, str]] = field(default_factory=list)
    calls: int = 0

    async def send_message(self, chat_id: int, text: str, **_: Any) -> Any:
        self.calls += 1
        await asyncio.sleep(0)
        pending = self.faults.get(chat_id)
        if pending:
            raise pending.pop(0)
        self.sent.append((chat_id, text))
        if self.crash_after is not None and len(self.sent) >= self.crash_after:
            raise Crash  # delivered, then the process died before recording it
        return SimpleNamespace(message_id=len(self.sent))


@pytest.fixture
def world(engine: Engine) -> Engine:
    """A seeded catalog with 12 English subscribers to automotive (users 1–12) who have not had a digest yet."""
    with Session(engine) as session:
        catalog.seed(session=session)
        for user_id in range(1, 13):
            user_store.upsert_user(user_id, session=session, first_name=f"U{user_id}", username=None, language="en")
            subs.subscribe(user_id, ["automotive"], Frequency.INSTANT, session=session)
        session.commit()
        session.connection().execute(update(Subscriber).values(cursor=utcnow() - timedelta(days=1)))
        session.commit()
    return engine


def settings(engine: Engine, **overrides: Any) -> Settings:
    return Settings(_env_file=None, database_url=str(engine.url), **{**SETTINGS, **overrides})  # type: ignore[call-arg]


SLEEPS: list[float] = []


async def fake_sleep(seconds: float) -> None:
    SLEEPS.append(seconds)


async def run(engine: Engine, bot: ScriptedBot, *, clock: Callable[[], datetime] = utcnow, **overrides: Any) -> RoundReport:
    return await DigestRound(settings(engine, **overrides), engine, bot, sleep=fake_sleep, clock=clock).run()  # type: ignore[arg-type]


def rows(engine: Engine) -> list[Digest]:
    with Session(engine) as session:
        return list(session.exec(select(Digest).order_by(Digest.user_id)))


def per_chat(bot: ScriptedBot) -> dict[int, int]:
    counts: dict[int, int] = {}
    for chat_id, _ in bot.sent:
        counts[chat_id] = counts.get(chat_id, 0) + 1
    return counts


async def test_a_round_sends_each_subscriber_one_digest_and_a_second_round_nothing(world: Engine) -> None:
    bot = ScriptedBot()
    report = await run(world, bot)
    assert report.sent == 12 and report.left_pending == 0
    messages = {len(json.loads(row.messages)) for row in rows(world)}
    assert per_chat(bot) == {user_id: max(messages) for user_id in range(1, 13)}
    assert {row.status for row in rows(world)} == {DigestStatus.SENT}
    again = await run(world, ScriptedBot())
    assert (len(again.plan.planned), again.sent) == (0, 0)


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # PTB's own, building RetryAfter
async def test_faults_429_403_and_5xx_still_serve_everyone_but_the_blocker_once(world: Engine) -> None:
    bot = ScriptedBot(faults={
        1: [RetryAfter(3), RetryAfter(1)],
        2: [Forbidden("Forbidden: bot was blocked by the user")],
        3: [NetworkError("Bad Gateway"), TimedOut(), NetworkError("Internal Server Error (500)")],
        4: [BadRequest("Bad Request: chat not found")],
    })
    SLEEPS.clear()
    report = await run(world, bot, digest_max_retries=4)
    assert (report.sent, report.blocked, report.left_pending) == (10, 2, 0)
    assert set(per_chat(bot)) == set(range(1, 13)) - {2, 4}
    assert any(2.5 < seconds <= 3.0 for seconds in SLEEPS)  # waited as told by the 429
    with Session(world) as session:
        stopped = {s.user_id: s.stopped_reason for s in session.exec(select(Subscriber).where(Subscriber.active == False))}  # noqa: E712
    assert stopped == {2: "blocked", 4: "blocked"}


async def test_transient_failures_beyond_the_retries_wait_for_the_next_round(world: Engine) -> None:
    bot = ScriptedBot(faults={5: [NetworkError("Bad Gateway")] * 3})
    report = await run(world, bot, digest_max_retries=1)
    assert (report.sent, report.left_pending) == (11, 1)
    (left,) = [row for row in rows(world) if row.user_id == 5]
    assert (left.status, left.attempts, left.sent_count) == (DigestStatus.PENDING, 1, 0) and "Bad Gateway" in left.last_error
    second = await run(world, bot, digest_max_retries=1)
    assert (second.sent, len(second.plan.planned)) == (1, 0)
    assert per_chat(bot)[5] == per_chat(bot)[6]


async def test_a_refused_digest_is_skipped_and_the_next_one_can_come(world: Engine) -> None:
    bot = ScriptedBot(faults={6: [BadRequest("Bad Request: can't parse entities")]})
    report = await run(world, bot)
    assert (report.sent, report.refused) == (11, 1)
    (refused,) = [row for row in rows(world) if row.user_id == 6]
    with Session(world) as session:
        subscriber = session.get(Subscriber, 6)
        assert subscriber is not None and subscriber.active and subscriber.cursor == refused.cutoff
    assert refused.status == DigestStatus.FAILED


async def test_repeated_outage_halts_the_round_and_keeps_the_rest(world: Engine) -> None:
    bot = ScriptedBot(faults={user_id: [NetworkError("Bad Gateway")] * 10 for user_id in range(1, 13)})
    report = await run(world, bot, digest_max_retries=0, digest_workers=1)
    assert report.halted and report.sent == 0 and report.left_pending == 5
    assert {row.status for row in rows(world)} == {DigestStatus.PENDING}


async def test_a_crash_repeats_at_most_the_message_in_flight(world: Engine) -> None:
    with Session(world) as session:
        # One long digest: every listing of every sector is new for user 1, in several messages.
        subs.subscribe(1, [sector.key for sector in subs.sector_choices(session=session)], Frequency.INSTANT, session=session)
        session.connection().execute(update(Subscriber).where(Subscriber.user_id != 1).values(active=False))
        session.commit()
    crashing = ScriptedBot(crash_after=2)
    with pytest.raises(Crash):
        await run(world, crashing, digest_workers=1)
    (row,) = rows(world)
    total = len(json.loads(row.messages))
    assert total >= 3 and (row.status, row.sent_count) == (DigestStatus.SENDING, 1)
    # A restart within the lease finds the row taken; after it, it sends the rest, repeating only message 2.
    assert (await run(world, ScriptedBot())).sent == 0
    bot = ScriptedBot()
    later = await run(world, bot, clock=lambda: utcnow() + timedelta(minutes=5))
    assert later.sent == 1
    texts = [text for _, text in crashing.sent] + [text for _, text in bot.sent]
    expected = [message["text"] for message in json.loads(row.messages)]
    assert texts == expected[:2] + expected[1:]
    (row,) = rows(world)
    assert (row.status, row.sent_count, len(row.message_ids.split(";"))) == (DigestStatus.SENT, total, total)


async def test_a_stopped_round_finishes_the_message_in_flight_and_hands_the_digest_back_at_once(world: Engine) -> None:
    with Session(world) as session:
        subs.subscribe(1, [sector.key for sector in subs.sector_choices(session=session)], Frequency.INSTANT, session=session)
        session.connection().execute(update(Subscriber).where(Subscriber.user_id != 1).values(active=False))
        session.commit()
    digest_round = DigestRound(settings(world, digest_workers=1), world, ScriptedBot(), sleep=fake_sleep)  # type: ignore[arg-type]
    bot = digest_round.bot
    assert isinstance(bot, ScriptedBot)
    send = bot.send_message

    async def stop_during_the_second(chat_id: int, text: str, **params: Any) -> Any:
        if len(bot.sent) == 1:
            digest_round.stop()  # SIGTERM while message 2 is on its way: it still goes out and is recorded
        return await send(chat_id, text, **params)

    bot.send_message = stop_during_the_second  # type: ignore[method-assign]
    report = await digest_round.run()
    assert (report.stopped, report.handed_back, report.sent, report.messages) == (True, 1, 0, 2)
    (row,) = rows(world)
    total = len(json.loads(row.messages))
    assert total >= 3 and (row.status, row.sent_count, row.claimed_by) == (DigestStatus.PENDING, 2, None)
    # The next round needs no lease to run out, and repeats nothing.
    later = ScriptedBot()
    assert (await run(world, later)).sent == 1
    assert [text for _, text in bot.sent + later.sent] == [message["text"] for message in json.loads(row.messages)]


async def test_two_rounds_at_once_send_each_digest_once(world: Engine) -> None:
    bot = ScriptedBot()
    first, second = await asyncio.gather(run(world, bot), run(world, bot))
    assert first.sent + second.sent == 12
    assert len(bot.sent) == sum(len(json.loads(row.messages)) for row in rows(world))


async def test_dry_run_sends_and_writes_nothing(world: Engine) -> None:
    bot = ScriptedBot()
    report = await DigestRound(settings(world), world, bot).run(dry_run=True)  # type: ignore[arg-type]
    assert len(report.plan.planned) == 12 and bot.calls == 0 and rows(world) == []


# ------------------------------------------------------------------------------------- rendering

SECTORS = {"oil_gas": Sector(key="oil_gas", name_en="Oil & gas", name_fa="نفت و گاز"),
           "rail": Sector(key="rail", name_en="Rail", name_fa="ریلی")}


def item(code: str, value: int | None, *, sector: str = "oil_gas", new: bool = True, deadline: date | None = None,
         name: str = "Valve <DN50> & fittings", alerts: tuple[str, ...] = ()) -> DigestItem:
    product = Product(code=code, name_en=name, name_fa="شیر <DN50> و اتصالات", hs_code="848180", sector=sector,
                      annual_import_usd=value, status=ProductStatus.OPEN, deadline=deadline)
    return DigestItem(product, is_new=new, alerts=alerts)


def content(language: str, sections: list[tuple[Sector, list[DigestItem]]], *, closing: list[DigestItem] | None = None,
            desks: list[tuple[Desk, Sector | None]] | None = None) -> DigestContent:
    moment = datetime(2025, 1, 15, 6, 0).astimezone()
    return DigestContent(1, language, moment, moment, date(2025, 1, 14), date(2025, 1, 15), closing or [], sections, desks or [])


@pytest.mark.parametrize("language", ["en", "fa"])
def test_digest_lists_items_with_links_and_escapes_data(language: str) -> None:
    desk = Desk(code="DESK-X", sector="rail", name_en="New rail desk", name_fa="میز تازه ریلی")
    (message,) = digest_messages(
        content(language, [(SECTORS["oil_gas"], [item("OGS-1", 27_800_000, alerts=("valve",)), item("OGS-2", None, new=False)])],
                closing=[item("RAI-1", 5, sector="rail", deadline=date(2025, 1, 18))], desks=[(desk, SECTORS["rail"])]),
        bot_username="matchbot_test_bot",
    )
    text = message["text"]
    visible = assert_telegram_accepts(Reply(text))
    assert '<a href="https://t.me/matchbot_test_bot?start=p_OGS-1">OGS-1</a>' in text
    assert visible.index("RAI-1") < visible.index("OGS-1") < visible.index("OGS-2") < visible.index(desk.name_fa if language == "fa" else desk.name_en)
    assert ("Valve <DN50> & fittings" if language == "en" else "شیر <DN50> و اتصالات") in visible
    assert ("$27.8M" if language == "en" else "۲۷٫۸ میلیون دلار") in visible and "🔔 valve" in visible
    assert message["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "subs"
    assert t(language, "digest_footer").split()[0] in visible


@pytest.mark.parametrize(("language", "since", "soon", "passed"), [
    ("en", "since 2025-01-14", "deadline 2025-01-18", "deadline 2025-01-10 (passed)"),
    ("fa", "از ۲۵ دی ۱۴۰۳", "مهلت ۲۹ دی ۱۴۰۳", "مهلت ۲۱ دی ۱۴۰۳ (گذشته)"),
])
def test_digest_dates_are_in_the_readers_calendar_and_a_passed_deadline_says_so(language: str, since: str, soon: str, passed: str) -> None:
    (message,) = digest_messages(
        content(language, [(SECTORS["oil_gas"], [item("OGS-1", 5, deadline=date(2025, 1, 10))])],
                closing=[item("RAI-1", 5, sector="rail", deadline=date(2025, 1, 18))]),
        bot_username="b",
    )
    visible = assert_telegram_accepts(Reply(message["text"]))
    assert since in visible.splitlines()[0]
    assert soon in visible and passed in visible


@pytest.mark.parametrize("language", ["en", "fa"])
def test_a_long_digest_is_split_into_messages_under_the_limit_in_order(language: str) -> None:
    items = [item(f"OGS-{n:03d}", 1000 - n, name="Gate valve " + "x" * 140) for n in range(120)]
    messages = digest_messages(content(language, [(SECTORS["oil_gas"], items)]), bot_username="b")
    assert len(messages) > 2
    seen = []
    for number, message in enumerate(messages, 1):
        assert len(message["text"].encode("utf-16-le")) // 2 <= 4096
        assert_telegram_accepts(Reply(message["text"]))
        assert (message["reply_markup"] is not None) == (number == len(messages))
        seen += [code for code in (f"OGS-{n:03d}" for n in range(120)) if f">{code}<" in message["text"]]
    assert seen == [f"OGS-{n:03d}" for n in range(120)]


# ------------------------------------------------------------------------------------- one sender


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # PTB's own, building RetryAfter
async def test_429s_do_not_use_up_the_retries_for_network_errors(world: Engine) -> None:
    bot = ScriptedBot(faults={7: [RetryAfter(1)] * 5 + [NetworkError("Bad Gateway")] + [RetryAfter(1)] * 5})
    report = await run(world, bot, digest_max_retries=1)
    assert (report.sent, report.left_pending) == (12, 0)
    assert per_chat(bot)[7] == per_chat(bot)[8]


async def test_the_sender_never_sends_through_the_replies_rate_limiter(engine: Engine) -> None:
    with FakeBotApi() as fake:
        configured = settings(engine, telegram_bot_token=fake.token, telegram_api_base_url=fake.base_url,
                              telegram_api_file_url=fake.file_url)
        limited = ExtBot(fake.token, base_url=fake.base_url, rate_limiter=AIORateLimiter())
        sender = await DigestSender.open(configured, engine, bot=limited)
        try:
            # A bot of its own, with the same token and no limiter (AIORateLimiter cannot be bypassed per call).
            assert type(sender.bot) is Bot and sender.bot.token == fake.token and sender.bot.username == fake.bot_username
        finally:
            await sender.close()
        unlimited = ExtBot(fake.token, base_url=fake.base_url)
        assert (await DigestSender.open(configured, engine, bot=unlimited)).bot is unlimited  # the console's, the tests'


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # PTB's own, building RetryAfter
async def test_after_a_429_no_worker_sends_before_the_time_telegram_asked(world: Engine) -> None:
    bot = ScriptedBot(faults={1: [RetryAfter(1)]})
    attempts: list[tuple[float, int]] = []
    send = bot.send_message

    async def timed(chat_id: int, text: str, **params: Any) -> Any:
        attempts.append((time.monotonic(), chat_id))
        return await send(chat_id, text, **params)

    bot.send_message = timed  # type: ignore[method-assign]
    # Real sleeps: 10 messages a second, so the other workers hold slots inside the second asked for.
    report = await DigestRound(settings(world, digest_send_rate=10, digest_workers=3), world, bot).run()  # type: ignore[arg-type]
    assert report.sent == 12
    flooded = next(n for n, (_, chat_id) in enumerate(attempts) if chat_id == 1)
    flooded_at = attempts[flooded][0]
    assert all(at >= flooded_at + 0.95 for at, _ in attempts[flooded + 1 :]), attempts
