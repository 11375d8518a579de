"""Digest rounds: plan new digests into the outbox, then send every waiting one, surviving faults.

A round is the same whether the bot's scheduler, ``matchbot digest`` or an admin's /digest_now runs
it, and any number of rounds may run at once in any processes: planning is idempotent (see
:mod:`bot.services.digests`) and each outbox row is sent by whoever claims it.

Delivery rules, per message:

- one schedule in the database (:mod:`bot.store.pace`) keeps the sends of every process (replicas,
  ``matchbot digest``) together under ``DIGEST_SEND_RATE`` per second, evenly spaced;
- 429 ``RetryAfter``: every worker of every process waits as told, then the message is sent again;
- 403 ``Forbidden`` (the user blocked the bot): the digest fails and the subscriber is stopped;
- other 400s: Telegram will never take this digest; it fails, is logged, and the next one can come;
- network errors, time-outs and 5xx: retried with exponential backoff ``DIGEST_MAX_RETRIES`` times,
  then the digest is left pending for the next round.

After each delivered message the outbox row records it, so a crash repeats at most the messages in
flight: one per worker (``DIGEST_WORKERS``), each to a different subscriber. The claim is renewed
before each message, so a live sender never loses its row to another. When the round is told to stop
(``keep_going`` turns false: SIGTERM of ``matchbot digest``, the bot shutting down), each worker
finishes the message it is sending, records it and hands its digest back at once, so the next round
continues with the next message instead of waiting for the lease.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
import uuid
import warnings
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session
from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.warnings import PTBDeprecationWarning
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from bot.services import digests
from bot.services.digests import Claimed, PlanReport
from bot.settings import Settings
from bot.store import outbox, pace
from bot.store.models import Digest, utcnow

from . import render
from .runtime import Context, runtime

log = logging.getLogger(__name__)
T = TypeVar("T")

# Ids fetched per query when looking for digests to claim.
_BATCH = 100
# This many digests failing one after another means Telegram or the network is down, not one
# recipient: the round stops and leaves the rest for the next one.
_FAILURES_TO_HALT = 5
# A message answered 429 this many times in a row counts as a failed attempt.
_MAX_FLOOD_WAITS = 20
# The one send schedule in the database all processes share (bot.store.pace).
_PACE_KEY = "telegram"
# A slot missed by more than this is given up for a new one, at most _LATE_RETRIES times: at 25/s
# under Telegram's 30, sends up to 0.1 s late still keep any second under 30.
_LATE_SECONDS = 0.1
_LATE_RETRIES = 3
# Telegram's answers for chats that are gone for good, sent as 400 rather than 403.
_GONE = ("chat not found", "user is deactivated", "peer_id_invalid")


class _Blocked(Exception):
    """The user blocked the bot or is gone."""


class _Refused(Exception):
    """Telegram refuses the message itself (400); sending it again cannot help."""


class _LostClaim(Exception):
    """Another sender took the digest over."""


class _Stopping(Exception):
    """The round was told to stop before this message went out."""


class _Flooded(NetworkError):
    """Telegram kept answering 429; treated like any transient failure."""


def _transient(error: BaseException) -> bool:
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


def _retry_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        # PTB warns that retry_after will become a timedelta; both forms are handled.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


@dataclass(slots=True)
class RoundReport:
    """What a round did: what it planned, and how sending went."""

    plan: PlanReport
    dry_run: bool = False
    sent: int = 0
    messages: int = 0
    blocked: int = 0
    refused: int = 0
    left_pending: int = 0
    lost: int = 0
    handed_back: int = 0
    halted: bool = False
    stopped: bool = False
    waiting: list[Digest] = field(default_factory=list)


@dataclass(slots=True)
class _Delivery:
    """A digest being sent: its claim and when the claim was last renewed."""

    claimed: Claimed
    message_ids: list[int]
    renewed_at: float


class DigestRound:
    """One digest round against one bot; build it, ``await run()``, read the report."""

    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        bot: Bot,
        *,
        keep_going: Callable[[], bool] = lambda: True,
        sleep: Callable[[float], Any] = asyncio.sleep,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.bot = bot
        self._keep_going = keep_going
        self._stopping = asyncio.Event()
        self._sleep = sleep
        self._clock = clock
        self._token = uuid.uuid4().hex
        self._lease = timedelta(seconds=settings.digest_claim_lease_seconds)
        # One message every 1/rate seconds, across every process: a bucket of a whole second's messages
        # would let a burst out after every pause, and a rate per process multiplies with the processes;
        # either way the sends exceed Telegram's ~30 a second (429s).
        self._interval = 1.0 / settings.digest_send_rate
        self._resume_at = 0.0  # monotonic time before which nobody sends (after a 429)
        self._ids: deque[int] = deque()
        self._after_id = 0
        self._exhausted = False
        self._fetching = asyncio.Lock()
        self._failures_in_a_row = 0
        self.report = RoundReport(plan=PlanReport(cutoff=clock()))

    def stop(self) -> None:
        """Stop soon: messages being sent are finished and recorded, every claimed digest is handed back."""
        self._stopping.set()
        self.report.stopped = True

    def keep_going(self) -> bool:
        """Whether to go on: not told to :meth:`stop`, and the caller's ``keep_going`` still true."""
        return not self._stopping.is_set() and self._keep_going()

    async def _db(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in a worker thread with its own session, committing if it succeeds."""
        return await asyncio.to_thread(self._db_now, work)

    def _db_now(self, work: Callable[[Session], T]) -> T:
        with Session(self.engine, expire_on_commit=False) as session:
            result = work(session)
            session.commit()
            return result

    async def run(self, *, due_only: bool = False, dry_run: bool = False) -> RoundReport:
        """Plan, then send everything waiting (a dry run only plans, writing and sending nothing)."""
        username = self.bot.username
        self.report.dry_run = dry_run
        self.report.plan = await self._db(
            lambda session: digests.plan_round(
                session=session,
                now=self._clock(),
                zone=self.settings.tz,
                due_only=due_only,
                render=partial(render.digest_messages, bot_username=username),
                dry_run=dry_run,
                keep_going=self.keep_going,
            )
        )
        if dry_run:
            self.report.waiting = await self._db(lambda session: outbox.pending(session=session, now=self._clock(), lease=self._lease))
            return self.report
        workers = [asyncio.create_task(self._worker()) for _ in range(self.settings.digest_workers)]
        try:
            await asyncio.gather(*workers)
        finally:
            for worker in workers:
                worker.cancel()
        return self.report

    # ------------------------------------------------------------------------------- claiming

    async def _next_id(self) -> int | None:
        """The next digest id to try, in id order; rows handed back during this round are not retried in it."""
        async with self._fetching:
            if not self._ids and not self._exhausted:
                ids = await self._db(
                    lambda session: outbox.claimable_ids(
                        session=session, after_id=self._after_id, now=self._clock(), lease=self._lease, limit=_BATCH
                    )
                )
                self._ids.extend(ids)
                self._after_id = ids[-1] if ids else self._after_id
                self._exhausted = not ids
            return self._ids.popleft() if self._ids else None

    async def _worker(self) -> None:
        while self.keep_going() and not self.report.halted:
            digest_id = await self._next_id()
            if digest_id is None:
                return
            try:
                claimed = await self._db(
                    lambda session: digests.claim(digest_id, self._token, session=session, now=self._clock(), lease=self._lease,
                                                  zone=self.settings.tz, render=self._render)  # fmt: skip
                )
            except OperationalError as error:
                # E.g. SQLite's "database is locked" when many senders write at once: the digest stays
                # pending for another sender or the next round, and this round goes on.
                log.warning("digest %s not claimed, left for later: %s", digest_id, error.orig)
                self._left_pending()
                continue
            if claimed is not None:
                await self._deliver(claimed)

    def _left_pending(self) -> None:
        """A digest failed and waits for the next round; several in a row halt this one."""
        self.report.left_pending += 1
        self._failures_in_a_row += 1
        if self._failures_in_a_row >= _FAILURES_TO_HALT and not self.report.halted:
            log.warning("%d digests in a row failed; the rest wait for the next round", self._failures_in_a_row)
            self.report.halted = True

    # ------------------------------------------------------------------------------- sending

    def _render(self, content: digests.DigestContent) -> digests.Messages:
        return render.digest_messages(content, bot_username=self.bot.username)

    async def _deliver(self, claimed: Claimed) -> None:
        """Send the digest's remaining messages in order, recording each; settle the row on failure."""
        delivery = _Delivery(claimed, list(claimed.message_ids), time.monotonic())
        try:
            for params in claimed.messages[claimed.sent_count :]:
                if not self.keep_going():
                    raise _Stopping
                delivery.message_ids.append(await self._send(delivery, params))
                self.report.messages += 1
                ids = list(delivery.message_ids)
                if not await self._db(lambda session: digests.record_progress(claimed, self._token, ids, session=session, now=self._clock())):
                    raise _LostClaim
                delivery.renewed_at = time.monotonic()
        except _Blocked as error:
            log.info("digest %s: user %s blocked the bot; subscriber stopped", claimed.id, claimed.user_id)
            await self._db(lambda session: digests.give_up_blocked(claimed, self._token, str(error), session=session))
            self.report.blocked += 1
        except _Refused as error:
            log.error("digest %s to %s refused by Telegram, skipped: %s", claimed.id, claimed.user_id, error)
            await self._db(lambda session: digests.give_up_undeliverable(claimed, self._token, str(error), session=session))
            self.report.refused += 1
        except _Stopping:
            # Handed back now, its delivered messages recorded: the next round sends the rest at once
            # rather than after the lease.
            await self._db(lambda session: digests.release(claimed, self._token, "stopped", session=session))
            self.report.handed_back += 1
            self.report.stopped = True
        except _LostClaim:
            log.warning("digest %s: the claim was taken over by another sender", claimed.id)
            self.report.lost += 1
        except asyncio.CancelledError:
            # Shutting down: hand the row back at once rather than after the lease.
            self._db_now(lambda session: digests.release(claimed, self._token, "interrupted", session=session))
            raise
        except Exception as error:
            log.warning("digest %s to %s left for the next round: %r", claimed.id, claimed.user_id, error)
            await self._db(lambda session: digests.release(claimed, self._token, repr(error), session=session))
            self._left_pending()
        else:
            self.report.sent += 1
            self._failures_in_a_row = 0

    async def _send(self, delivery: _Delivery, params: dict[str, Any]) -> int:
        """Send one message, retrying transient failures with backoff; return its message id."""
        retrying = AsyncRetrying(
            retry=retry_if_exception(_transient),
            stop=stop_after_attempt(self.settings.digest_max_retries + 1),
            wait=wait_exponential_jitter(multiplier=self.settings.digest_retry_base_seconds, max=30.0, jitter=self.settings.digest_retry_base_seconds),
            sleep=self._pause,
            reraise=True,
        )
        return await retrying(self._attempt, delivery, params)

    async def _attempt(self, delivery: _Delivery, params: dict[str, Any]) -> int:
        """One attempt, waiting out any number of 429s up to a bound."""
        for _ in range(_MAX_FLOOD_WAITS):
            await self._renew(delivery)
            pause = self._resume_at - time.monotonic()
            if pause > 0:
                await self._pause(pause)
                await self._renew(delivery)
            await self._take_slot()
            if not self.keep_going():
                raise _Stopping
            try:
                message = await self.bot.send_message(
                    chat_id=delivery.claimed.user_id,
                    text=params["text"],
                    parse_mode=ParseMode.HTML,
                    reply_markup=InlineKeyboardMarkup.de_json(params["reply_markup"], self.bot) if params.get("reply_markup") else None,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                )
                return message.message_id
            except RetryAfter as error:
                # Flood control is per bot: every worker of every process holds off, not only this one.
                seconds = _retry_seconds(error)
                self._resume_at = max(self._resume_at, time.monotonic() + seconds)
                await self._db(lambda session: pace.hold_off(_PACE_KEY, seconds, session=session))
            except Forbidden as error:
                raise _Blocked(error.message) from error
            except BadRequest as error:
                if any(gone in error.message.lower() for gone in _GONE):
                    raise _Blocked(error.message) from error
                raise _Refused(error.message) from error
        raise _Flooded(f"still answered 429 after {_MAX_FLOOD_WAITS} waits")

    async def _take_slot(self) -> None:
        """Reserve the next slot of the schedule all processes share, and wait for it.

        A worker that wakes more than ``_LATE_SECONDS`` after its slot (a busy machine) takes a new one,
        a few times at most: sent late, its message would bunch with the punctual ones after it.
        """
        for _ in range(_LATE_RETRIES):
            wait = await self._db(lambda session: pace.reserve(_PACE_KEY, self._interval, session=session))
            due = time.monotonic() + wait
            if wait > 0:
                await self._pause(wait)
            if time.monotonic() - due <= _LATE_SECONDS or not self.keep_going():
                return

    async def _pause(self, seconds: float) -> None:
        """Sleep, waking at once when :meth:`stop` is called (a 429 can ask for minutes)."""
        sleeping = asyncio.ensure_future(self._sleep(seconds))
        stopping = asyncio.ensure_future(self._stopping.wait())
        try:
            await asyncio.wait({sleeping, stopping}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeping.cancel()
            stopping.cancel()

    async def _renew(self, delivery: _Delivery) -> None:
        """Renew the claim if a quarter of the lease has passed since the last renewal."""
        if time.monotonic() - delivery.renewed_at < self._lease.total_seconds() / 4:
            return
        claimed = delivery.claimed
        if not await self._db(lambda session: outbox.renew(claimed.id, self._token, session=session, now=self._clock())):
            raise _LostClaim
        delivery.renewed_at = time.monotonic()


async def run_round(settings: Settings, engine: Engine, bot: Bot, *, due_only: bool, dry_run: bool = False,
                    keep_going: Callable[[], bool] = lambda: True, stop_on_signals: bool = False) -> RoundReport:
    """Run one digest round and log what it did.

    With ``stop_on_signals`` (the command line), SIGTERM or SIGINT stop the round gracefully (see
    :meth:`DigestRound.stop`); a second signal has its default effect.
    """
    digest_round = DigestRound(settings, engine, bot, keep_going=keep_going)
    loop = asyncio.get_running_loop()
    signals = (signal.SIGTERM, signal.SIGINT) if stop_on_signals else ()

    def on_signal(name: str) -> None:
        log.info("%s: finishing the messages being sent and handing every other digest back", name)
        digest_round.stop()
        for number in signals:
            loop.remove_signal_handler(number)

    for number in signals:
        loop.add_signal_handler(number, on_signal, number.name)
    try:
        report = await digest_round.run(due_only=due_only, dry_run=dry_run)
    finally:
        for number in signals:
            loop.remove_signal_handler(number)
    if report.plan.planned or report.sent or report.left_pending or report.blocked or report.refused or report.lost or report.stopped:
        log.info(
            "digest round: %d planned, %d sent (%d messages), %d blocked, %d refused, %d left pending, %d taken over, "
            "%d handed back%s",
            len(report.plan.planned), report.sent, report.messages, report.blocked, report.refused, report.left_pending,
            report.lost, report.handed_back,
            " (halted)" if report.halted else " (stopped)" if report.stopped else "",
        )
    return report


async def digest_job(context: Context) -> None:
    """The scheduler's job: a due-only round; it stops taking new digests when the bot shuts down."""
    rt = runtime(context)
    application = context.application
    await run_round(rt.settings, rt.engine, context.bot, due_only=True, keep_going=lambda: application.running)


async def send_round(settings: Settings, engine: Engine, *, due_only: bool, dry_run: bool) -> RoundReport:
    """A round from the command line, with its own connection to the Bot API."""
    assert settings.telegram_bot_token is not None
    bot = Bot(
        settings.telegram_bot_token.get_secret_value(),
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.telegram_api_file_url,
    )
    async with bot:
        return await run_round(settings, engine, bot, due_only=due_only, dry_run=dry_run, stop_on_signals=True)


def describe_round(report: RoundReport) -> str:
    """The round in a few lines for people (the command line's output)."""
    lines = []
    plan = report.plan
    if report.dry_run:
        for planned in plan.planned:
            codes = ", ".join(planned.codes[:12]) + (f", … ({len(planned.codes)} in all)" if len(planned.codes) > 12 else "")
            lines.append(f"would send {len(planned.messages)} message(s) to {planned.user_id} [{planned.language}, {planned.trigger}]: {codes}")
        for digest in report.waiting:
            lines.append(f"would retry digest {digest.id} to {digest.user_id} ({digest.items} items, {digest.status.value})")
        lines.append(
            f"dry run: {len(plan.planned)} digest(s) to plan, {len(report.waiting)} waiting, "
            f"{plan.nothing_new} subscriber(s) with nothing new; nothing was sent or written"
        )
        return "\n".join(lines)
    lines.append(
        f"planned {len(plan.planned)} digest(s) ({plan.nothing_new} subscriber(s) with nothing new, "
        f"{plan.already_planned} already planned elsewhere)"
    )
    lines.append(
        f"sent {report.sent} digest(s) in {report.messages} message(s); {report.blocked} blocked the bot, "
        f"{report.refused} refused by Telegram, {report.left_pending} left for the next round"
        + ("; stopped early after repeated failures" if report.halted else "")
        + (f"; stopped on request, {report.handed_back} digest(s) handed back for the next round" if report.stopped else "")
    )
    return "\n".join(lines)
