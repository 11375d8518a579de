"""Benchmark 4: digest fan-out — planning a round for 100,000 subscribers, then sending at DIGEST_SEND_RATE.

    python bench/digest_fanout.py                    # 100,000 subscribers; sends 1,500 messages at 25/s and at 30/s
    python bench/digest_fanout.py --quick            # 200 subscribers, 40 sends per rate (the smoke test runs this)
    python bench/digest_fanout.py --subscribers 20000 --send 600 --rates 25
    python bench/digest_fanout.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench   # an EMPTY database

In a temporary SQLite database (or the empty database given):

1. the seed catalog (``bot.services.catalog.seed``), then N subscribers written with bulk inserts:
   60% Persian, 40% English; 50% daily, 30% instant, 20% weekly; 70% follow 1–3 sectors, 40% have
   1–3 alerts (queries of tests/matching/eval/*.csv), everyone follows at least one of the two;
   every cursor is "just after the seed";
2. news: synthetic listings (bench/synthetic.py) imported with ``bot.services.catalog.import_products``;
3. **build**: ``bot.services.digests.plan_round`` for every subscriber (a full round, as ``matchbot
   digest`` without ``--due-only``), rendering with the bot's renderer and writing the outbox, timed,
   with this process's peak RSS while it runs (the peak is reset just before it);
4. **send**, once per rate: the bot's own round (``bot.telegram.digests.DigestSender``: plan, then the
   claiming workers, the shared send schedule and 429 handling) against tests/e2e/fake_bot_api.FakeBotApi on
   127.0.0.1 with ``rate_limit_per_second = 30`` (it answers 429 above that in any sliding second).
   Sending every digest at 25/s would take over an hour, so each rate sends a bounded sample (``--send``
   messages, the digests first in the outbox), stopped through the round's ``keep_going``. The achieved rate is
   successful sendMessage calls over the time from the first to the last, as the fake saw them.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from _common import ROOT, machine, peak_rss_mb, rss_mb, table, worst_second
from synthetic import csv_text, seed_rows, seed_spellings, synthetic_rows

from sqlalchemy import Engine, func, insert, select
from sqlmodel import Session, col

from bot.services import catalog
from bot.services import digests as digest_service
from bot.settings import Settings
from bot.store import catalog as catalog_store
from bot.store import schema
from bot.store.db import make_engine, units_in
from bot.store.models import Alert, Digest, DigestStatus, Frequency, SectorSubscription, Subscriber, User, utcnow
from bot.telegram.digests import DigestSender
from bot.telegram.features.subscriptions.digest import digest_messages
from tests.e2e.fake_bot_api import FakeBotApi, FakeUser

FAKE_LIMIT = 30  # Telegram's ~30 messages/second per bot, as the fake enforces it
TARGET_BUILD_SECONDS = 30.0
TARGET_RATE_SHARE = 0.9
FIRST_ID = 100_000_000
_CHUNK = 5_000


class TimedFake(FakeBotApi):
    """The fake Bot API, also noting when each sendMessage was answered and how."""

    def __init__(self) -> None:
        super().__init__()
        self.rate_limit_per_second = FAKE_LIMIT
        self.sends: list[tuple[float, int]] = []  # (monotonic time, HTTP status)

    def _record(self, method: str, params: Any, files: Any, status: int, payload: Any, injected: bool) -> bytes:
        if method.lower() == "sendmessage":
            with self._cond:
                self.sends.append((time.monotonic(), int(status)))
        return super()._record(method, params, files, status, payload, injected)

    @property
    def delivered(self) -> int:
        with self._cond:
            return sum(1 for _, status in self.sends if status == 200)


# ------------------------------------------------------------------------------------ seeding


def alert_queries() -> list[str]:
    """Every query of the matching eval (labelled ones and the unrelated ones), as users would type them."""
    queries: list[str] = []
    for path in sorted((ROOT / "tests" / "matching" / "eval").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            queries += [row["query"] for row in csv.DictReader(handle) if row["query"].strip()]
    return list(dict.fromkeys(queries))


def create_subscribers(engine: Engine, count: int, sectors: list[str], *, seed: int) -> dict[str, int]:
    """``count`` users and subscribers with sectors and alerts, inserted in bulk; returns the row counts."""
    rng = random.Random(seed)
    queries = alert_queries()
    cursor = utcnow()
    counts = {"users": 0, "sector subscriptions": 0, "alerts": 0}
    with Session(engine) as session:
        connection = session.connection()
        for start in range(FIRST_ID, FIRST_ID + count, _CHUNK):
            ids = range(start, min(start + _CHUNK, FIRST_ID + count))
            users, subscribers, follows, alerts = [], [], [], []
            for user_id in ids:
                users.append({"id": user_id, "first_name": f"U{user_id}", "username": None,
                              "language": "fa" if rng.random() < 0.6 else "en", "pending_note_lead_id": None,
                              "created_at": cursor, "last_seen_at": cursor})  # fmt: skip
                roll = rng.random()
                frequency = Frequency.DAILY if roll < 0.5 else Frequency.INSTANT if roll < 0.8 else Frequency.WEEKLY
                subscribers.append({"user_id": user_id, "frequency": frequency, "weekday": rng.randrange(7),
                                    "hour": rng.randrange(7, 21), "active": True, "stopped_reason": "", "paused": False,
                                    "cursor": cursor, "created_at": cursor, "updated_at": cursor})  # fmt: skip
                has_sectors = rng.random() < 0.7
                # 30% alert-only, and 1 in 7 of the sector followers too: 40% with alerts overall.
                has_alerts = not has_sectors or rng.random() < 1 / 7
                if has_sectors:
                    follows += [{"user_id": user_id, "sector": key, "muted": False, "created_at": cursor}
                                for key in rng.sample(sectors, rng.randint(1, 3))]  # fmt: skip
                if has_alerts:
                    alerts += [{"user_id": user_id, "query": query[:200], "exclude": "", "muted": False, "created_at": cursor}
                               for query in rng.sample(queries, rng.randint(1, 3))]  # fmt: skip
            connection.execute(insert(User.__table__), users)  # type: ignore[attr-defined]
            connection.execute(insert(Subscriber.__table__), subscribers)  # type: ignore[attr-defined]
            if follows:
                connection.execute(insert(SectorSubscription.__table__), follows)  # type: ignore[attr-defined]
            if alerts:
                connection.execute(insert(Alert.__table__), alerts)  # type: ignore[attr-defined]
            counts["users"] += len(users)
            counts["sector subscriptions"] += len(follows)
            counts["alerts"] += len(alerts)
        session.commit()
    return counts


def import_news(engine: Engine, count: int, *, seed: int) -> str:
    """``count`` new synthetic listings, imported as ``matchbot import`` does; returns its summary."""
    rows = list(synthetic_rows(count, seed=seed, avoid=seed_spellings(seed_rows())))
    with Session(engine) as session:
        report = catalog.import_products(csv_text(rows), session=session)
    if not report.applied:
        sys.exit(f"the import of the news failed: {report}")
    return f"{count} listings"


# ------------------------------------------------------------------------------------ phases


@dataclass(slots=True)
class Build:
    seconds: float
    cpu_seconds: float
    evaluated: int
    planned: int
    nothing_new: int
    items: int
    rss_before_mb: float
    peak_rss_mb: float


def reset_peak_rss() -> bool:
    """Reset VmHWM to the current RSS (Linux ≥ 4.0), so the next peak is the next phase's own."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def build(engine: Engine, settings: Settings, bot_username: str) -> Build:
    """Time ``plan_round`` for every subscriber, as the round does it."""
    before = rss_mb()
    reset_peak_rss()
    started, cpu = time.perf_counter(), time.process_time()
    with Session(engine, expire_on_commit=False) as session:
        report = digest_service.plan_round(
            unit=units_in(session),
            now=utcnow(),
            zone=settings.tz,
            due_only=False,
            render=partial(digest_messages, bot_username=bot_username),
        )
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    peak = peak_rss_mb()
    # The outbox holds what each digest lists; its messages are rendered when a sender claims it.
    with Session(engine) as session:
        items = int(session.connection().execute(select(func.sum(col(Digest.items)))).scalar_one() or 0)
    return Build(seconds, cpu_seconds, report.evaluated, len(report.planned), report.nothing_new, items, before, peak)


@dataclass(slots=True)
class Send:
    rate: float
    digests: int
    messages: int
    rejected_429: int
    other_errors: int
    seconds: float
    achieved: float
    worst_second: int
    plan_seconds: float
    left_pending: int


def send(engine: Engine, database_url: str, rate: float, sample: int, timeout: float) -> Send:
    """Send ``sample`` messages of waiting digests through the bot's own round at ``rate``/s to the fake Bot API."""
    with Session(engine) as session:
        # The round claims in id order and every digest has a message or more; extra recipients cover the
        # digests workers hold when it stops.
        recipients = list(session.connection().execute(
            select(col(Digest.user_id)).where(col(Digest.status) == DigestStatus.PENDING).order_by(col(Digest.id)).limit(sample + 100)
        ).scalars())  # fmt: skip
    if len(recipients) < sample:
        sys.exit(f"only {len(recipients)} digests are waiting for {sample} messages (use more subscribers or fewer sends)")
    fake = TimedFake()
    fake.start()
    try:
        for user_id in recipients:
            fake.send_message(FakeUser(id=user_id, first_name=f"U{user_id}"), "/start")  # a bot may only write to those who did
        settings = Settings(
            _env_file=None,
            telegram_bot_token=fake.token,
            telegram_api_base_url=fake.base_url,
            telegram_api_file_url=fake.file_url,
            database_url=database_url,
            digest_send_rate=rate,
        )
        started = time.monotonic()
        deadline = started + timeout
        digests_before = _sent_digests(engine)
        report = asyncio.run(_round(settings, engine, fake, sample, deadline))
        digests = _sent_digests(engine) - digests_before
    finally:
        fake.stop()
    if time.monotonic() > deadline:
        print(f"  ! the {rate:g}/s round was stopped by the {timeout:.0f} s time limit", file=sys.stderr)
    ok = [moment for moment, status in fake.sends if status == 200]
    seconds = ok[-1] - ok[0] if len(ok) > 1 else 0.0
    return Send(
        rate=rate,
        digests=digests,
        messages=len(ok),
        rejected_429=sum(1 for _, status in fake.sends if status == 429),
        other_errors=sum(1 for _, status in fake.sends if status not in (200, 429)),
        seconds=seconds,
        achieved=(len(ok) - 1) / seconds if seconds else 0.0,
        worst_second=worst_second(ok),
        plan_seconds=(fake.sends[0][0] - started) if fake.sends else 0.0,
        left_pending=report.left_pending,
    )


async def _round(settings: Settings, engine: Engine, fake: TimedFake, sample: int, deadline: float) -> Any:
    # The sender `matchbot digest` opens (bot.telegram.digests.send_round), stopped after the sample.
    sender = await DigestSender.open(settings, engine)
    try:
        return await sender.send(due_only=False, keep_going=lambda: fake.delivered < sample and time.monotonic() < deadline)
    finally:
        await sender.close()


def _sent_digests(engine: Engine) -> int:
    with Session(engine) as session:
        query = select(func.count()).select_from(Digest).where(col(Digest.status) == DigestStatus.SENT)
        return int(session.connection().execute(query).scalar_one())


# ------------------------------------------------------------------------------------ report


def report(args: argparse.Namespace, database: str, setup: dict[str, Any], result: Build, sends: list[Send]) -> str:
    build_ok = result.seconds <= TARGET_BUILD_SECONDS
    lines = [
        f"Digest fan-out: {args.subscribers:,} subscribers, {args.news:,} new listings, {database}",
        machine(),
        "",
        f"Setup: {setup['users']:,} subscribers, {setup['sector subscriptions']:,} sector subscriptions, "
        f"{setup['alerts']:,} alerts ({setup['alert users']:.0%} of subscribers have alerts, "
        f"{setup['sector users']:.0%} follow sectors); created in {setup['create seconds']:.1f} s, "
        f"news imported in {setup['import seconds']:.1f} s",
        "",
        table(
            ["build (plan_round, every subscriber)", "wall time", "CPU time", "digests planned", "listings and desks", "nothing new",
             "RSS before", "peak RSS", f"target ≤ {TARGET_BUILD_SECONDS:.0f} s"],
            [[f"{result.evaluated:,} subscribers", f"{result.seconds:.1f} s", f"{result.cpu_seconds:.1f} s",
              f"{result.planned:,}", f"{result.items:,}", f"{result.nothing_new:,}", f"{result.rss_before_mb:.0f} MB",
              f"{result.peak_rss_mb:.0f} MB", "met" if build_ok else "MISSED"]],
        ),  # fmt: skip
    ]
    if not sends:
        return "\n".join(lines)
    lines += [
        "",
        table(
            ["send (DigestSender → fake, limit 30/s)", "digests", "messages", "over", "achieved", "of configured",
             "busiest second", "429s", "other errors", "round's plan first", "target"],
            [[f"DIGEST_SEND_RATE={s.rate:g}", f"{s.digests:,}", f"{s.messages:,}", f"{s.seconds:.1f} s",
              f"{s.achieved:.1f}/s", f"{s.achieved / s.rate:.0%}", f"{s.worst_second}", f"{s.rejected_429}",
              f"{s.other_errors + s.left_pending}", f"{s.plan_seconds:.1f} s", _verdict(s)] for s in sends],
        ),  # fmt: skip
        "",
        f"Sending is measured on a sample of {args.send:,} messages per rate (the {result.planned:,} digests take about "
        f"two messages each, {2 * result.planned / 25 / 60:.0f} min at 25/s). \"round's plan first\": the round plans again before it "
        "sends (everyone with a digest waiting is skipped).",
    ]
    return "\n".join(lines)


def _verdict(s: Send) -> str:
    rate_ok = s.achieved >= TARGET_RATE_SHARE * s.rate
    clean = s.rejected_429 == 0
    if rate_ok and clean:
        return "met"
    return "MISSED (" + ", ".join(filter(None, ["" if rate_ok else "rate", "" if clean else "429s"])) + ")"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=100_000, help="subscribers (default %(default)s)")
    parser.add_argument("--news", type=int, default=300, help="new listings imported before the round (default %(default)s)")
    parser.add_argument("--send", type=int, default=1_500, help="messages sent per rate (default %(default)s)")
    parser.add_argument("--rates", default="25,30", help="DIGEST_SEND_RATE values to send at (default %(default)s)")
    parser.add_argument("--send-timeout", type=float, default=600.0, help="stop a send round after this many seconds")
    parser.add_argument("--database-url", help="an EMPTY database to use instead of a temporary SQLite file (e.g. PostgreSQL)")
    parser.add_argument("--seed", type=int, default=4, help="random seed (default %(default)s)")
    parser.add_argument("--quick", action="store_true", help="200 subscribers, 40 new listings, 40 messages per rate: a smoke run")
    args = parser.parse_args()
    if args.quick:
        args.subscribers, args.news, args.send, args.send_timeout = 200, 40, 40, 20.0
    rates = [float(rate) for rate in args.rates.split(",") if rate.strip()]
    if args.database_url:
        run(args, rates, args.database_url, "the given database")
    else:
        with tempfile.TemporaryDirectory(prefix="matchbot-digests-") as temp:
            run(args, rates, f"sqlite:///{Path(temp) / 'bench.db'}", "SQLite")


def run(args: argparse.Namespace, rates: list[float], database_url: str, database: str) -> None:
    engine = make_engine(database_url)
    try:
        schema.upgrade(engine)
        with Session(engine) as session:
            if session.connection().execute(select(func.count()).select_from(User)).scalar_one():
                sys.exit("the database is not empty: the benchmark needs a fresh one")
            catalog.seed(session=session)
            session.commit()
            sectors = [sector.key for sector in catalog_store.sectors(session=session)]
        print(f"… creating {args.subscribers:,} subscribers", file=sys.stderr, flush=True)
        started = time.perf_counter()
        setup: dict[str, Any] = dict(create_subscribers(engine, args.subscribers, sectors, seed=args.seed))
        setup["create seconds"] = time.perf_counter() - started
        with Session(engine) as session:
            connection = session.connection()
            setup["alert users"] = connection.execute(select(func.count(func.distinct(col(Alert.user_id))))).scalar_one() / args.subscribers
            setup["sector users"] = connection.execute(select(func.count(func.distinct(col(SectorSubscription.user_id))))).scalar_one() / args.subscribers
        print(f"… importing {args.news} new listings", file=sys.stderr, flush=True)
        time.sleep(0.01)  # the news must be stamped strictly after every cursor
        started = time.perf_counter()
        import_news(engine, args.news, seed=args.seed)
        setup["import seconds"] = time.perf_counter() - started
        print("… planning the round (plan_round)", file=sys.stderr, flush=True)
        settings = Settings(_env_file=None, database_url=database_url)
        result = build(engine, settings, FakeBotApi().bot_username)
        sends = []
        for rate in rates:
            print(f"… sending {args.send:,} messages at {rate:g}/s", file=sys.stderr, flush=True)
            sends.append(send(engine, database_url, rate, args.send, args.send_timeout))
        print(report(args, database, setup, result, sends))
    finally:
        engine.dispose()


if __name__ == "__main__":
    main()
