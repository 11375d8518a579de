"""Digest rounds: plan new digests into the outbox, then send every waiting one, surviving faults.

**One sender.** The bot's scheduler (:func:`digest_job`), an admin's /digest_now and ``matchbot digest``
all send through :class:`DigestSender`; they differ only in what stops a round (the bot stopping, a
signal) and in how they report. Any number of rounds may run at once in any processes: planning is
idempotent (see :mod:`bot.services.digests`) and each outbox row is sent by whoever claims it.

**Who owns what, per message:**

- *Rate*: the one schedule in the database (:mod:`bot.store.pace`) keeps the sends of every process
  (replicas, ``matchbot digest``) together under ``DIGEST_SEND_RATE`` per second, evenly spaced. It is
  the only rate limiter digests pass: they go out through a :class:`~telegram.Bot` of their own without
  python-telegram-bot's ``AIORateLimiter``. That limiter stays on the application's bot for interactive
  replies, but it would stack on the schedule: a second, per-process 30/s limit, and its own 429 pause
  for one process only. ``rate_limit_args`` cannot bypass it (it only sets the retries, and 0 means the
  default), hence the separate bot. In the console and the tests the application's bot has no limiter,
  and digests share it.
- *429* ``RetryAfter``: the sender moves the shared schedule on by the time Telegram asks
  (:func:`bot.store.pace.hold_off`), so every worker of every process waits that long before its next
  slot; the message is tried again at its next slot, at most ``_FLOODS_PER_MESSAGE`` times.
- *Network errors, time-outs and 5xx*: tried again with exponential backoff ``DIGEST_MAX_RETRIES``
  times, then the digest is left pending for the next round. 429s and these are retried by one
  tenacity policy (``DigestRound._retrying``: separate allowances, no wait of its own after a 429),
  no other retry loop. The schedule's own re-reservation of a slot missed by a busy machine
  (:meth:`DigestRound._take_slot`) is pacing, not a retry of a send.
- *403* ``Forbidden`` (the user blocked the bot): the digest fails and the subscriber is stopped.
- *Other 400s*: Telegram will never take this digest; it fails, is logged, and the next one can come.

**Transactions.** Every database step of a round is one unit of work run by :meth:`DigestRound._db`
(:func:`bot.store.db.units_of`): a session of its own, committed when the step returns, rolled back if
it raises. Services and stores never commit; a service made of several steps (planning, a first claim
that renders) is given the unit of work and runs each step through it.

After each delivered message the outbox row records it, so a crash repeats at most the messages in
flight: one per worker (``DIGEST_WORKERS``), each to a different subscriber. The claim is renewed
before each message, so a live sender never loses its row to another. When the round is told to stop
(``keep_going`` turns false: SIGTERM of ``matchbot digest``, the bot shutting down), each worker
finishes the message it is sending, records it and hands its digest back at once, so the next round
continues with the next message instead of waiting for the lease.
"""

from __future__ import annotations

import asyncio
import html
import logging
import random
import re
import signal
import time
import uuid
import warnings
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session
from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest
from telegram.warnings import PTBDeprecationWarning
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception

from bot.services import digests
from bot.services.digests import Claimed, PlanReport
from bot.settings import Settings
from bot.store import outbox, pace
from bot.store.db import units_of
from bot.store.models import Digest, utcnow

from .features.requests.render import notice_messages
from .features.subscriptions.digest import digest_messages
from .runtime import Context
from .sending import network_error

log = logging.getLogger(__name__)
T = TypeVar("T")

# Ids fetched per query when looking for digests to claim.
_BATCH = 100
# This many digests failing one after another means Telegram or the network is down, not one
# recipient: the round stops and leaves the rest for the next one.
_FAILURES_TO_HALT = 5
# A message answered 429 this many times is left for the next round (each 429 holds every sender off).
_FLOODS_PER_MESSAGE = 20
# Exponential backoff between network failures is capped here.
_MAX_BACKOFF_SECONDS = 30.0
# The one send schedule in the database all processes share (bot.store.pace).
_PACE_KEY = "telegram"
# A slot missed by more than this is given up for a new one, at most _LATE_RETRIES times: at 25/s
# under Telegram's 30, sends up to 0.1 s late still keep any second under 30.
_LATE_SECONDS = 0.1
_LATE_RETRIES = 3
# Telegram's answers for chats that are gone for good, sent as 400 rather than 403.
_GONE = ("chat not found", "user is deactivated", "peer_id_invalid")
# The bot's username in the links of a dry run without a bot: learning the real one (getMe) needs the
# network, which a dry run must not (it previews, offline, what a round would send).
DRY_RUN_USERNAME = "your_matchbot_bot"
# A dry run prints the messages of this many digests in full: enough to review the wording, not a flood.
DRY_RUN_PREVIEWS = 3


class _Blocked(Exception):
    """The user blocked the bot or is gone."""


class _Refused(Exception):
    """Telegram refuses the message itself (400); sending it again cannot help."""


class _LostClaim(Exception):
    """Another sender took the digest over."""


class _Stopping(Exception):
    """The round was told to stop before this message went out."""


def _worth_retrying(error: BaseException) -> bool:
    return isinstance(error, RetryAfter) or network_error(error)


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
    """A digest being sent: its claim, when the claim was last renewed, and the 429s of the message in hand."""

    claimed: Claimed
    message_ids: list[int]
    renewed_at: float
    floods: int = 0


class DigestRound:
    """One digest round against one bot; build it, ``await run()``, read the report.

    Without a bot (``None``) it can only do a dry run: links then name :data:`DRY_RUN_USERNAME`.
    """

    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        bot: Bot | None,
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
        # Until when (monotonic) a 429 this process was given holds every sender off: a slot reserved
        # before the 429 that falls inside the hold is given up for a new one, after it.
        self._held_until = 0.0
        self._unit = units_of(engine)
        self._retrying = AsyncRetrying(
            retry=retry_if_exception(_worth_retrying),
            stop=self._out_of_tries,
            wait=self._backoff,
            sleep=self._pause,
            reraise=True,
        )
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

    async def _db(self, step: Callable[[Session], T]) -> T:
        """Run ``step`` as one unit of work (the only place a round commits), in a worker thread."""
        return await asyncio.to_thread(self._unit, step)

    async def run(self, *, due_only: bool = False, dry_run: bool = False) -> RoundReport:
        """Plan, then send everything waiting (a dry run only plans, writing and sending nothing)."""
        if self.bot is None and not dry_run:
            raise ValueError("a digest round without a bot can only be a dry run")
        username = self._username()
        self.report.dry_run = dry_run
        # Planning is a sequence of steps, each run through the unit of work, all in one worker thread.
        self.report.plan = await asyncio.to_thread(
            partial(
                digests.plan_round,
                unit=self._unit,
                now=self._clock(),
                zone=self.settings.tz,
                due_only=due_only,
                render=partial(digest_messages, bot_username=username),
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
                claimed = await asyncio.to_thread(
                    partial(digests.claim, digest_id, self._token, unit=self._unit, now=self._clock(), lease=self._lease,
                            zone=self.settings.tz, render=self._render,
                            render_notice=partial(notice_messages, zone=self.settings.tz))  # fmt: skip
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

    def _username(self) -> str:
        return self.bot.username if self.bot is not None else DRY_RUN_USERNAME

    def _render(self, content: digests.DigestContent) -> digests.Messages:
        return digest_messages(content, bot_username=self._username())

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
            self._unit(lambda session: digests.release(claimed, self._token, "interrupted", session=session))
            raise
        except Exception as error:
            log.warning("digest %s to %s left for the next round: %r", claimed.id, claimed.user_id, error)
            await self._db(lambda session: digests.release(claimed, self._token, repr(error), session=session))
            self._left_pending()
        else:
            self.report.sent += 1
            self._failures_in_a_row = 0

    async def _send(self, delivery: _Delivery, params: dict[str, Any]) -> int:
        """Send one message, retrying 429s and transient failures (see the module docstring); return its message id."""
        delivery.floods = 0
        # A copy per message: tenacity keeps a call's state on the object, and the workers send at once.
        retrying = self._retrying.copy()
        message_id: int = await retrying(self._attempt, delivery, params)
        return message_id

    def _out_of_tries(self, state: RetryCallState) -> bool:
        """tenacity's stop rule: 429s and transient failures of one message have separate allowances."""
        assert state.outcome is not None
        delivery: _Delivery = state.args[0]
        if isinstance(state.outcome.exception(), RetryAfter):
            return delivery.floods >= _FLOODS_PER_MESSAGE
        return state.attempt_number - delivery.floods > self.settings.digest_max_retries

    def _backoff(self, state: RetryCallState) -> float:
        """tenacity's wait: none after a 429 (the shared schedule holds everyone off), else exponential with jitter."""
        assert state.outcome is not None
        if isinstance(state.outcome.exception(), RetryAfter):
            return 0.0
        # As tenacity's wait_exponential_jitter, counting this message's failures only, not its 429s.
        delivery: _Delivery = state.args[0]
        failures = state.attempt_number - delivery.floods
        base = self.settings.digest_retry_base_seconds
        return min(base * 2.0 ** (failures - 1) + random.uniform(0, base), _MAX_BACKOFF_SECONDS)

    async def _attempt(self, delivery: _Delivery, params: dict[str, Any]) -> int:
        """One attempt at the next free slot of the shared schedule."""
        await self._take_slot()
        if not self.keep_going():
            raise _Stopping
        await self._renew(delivery)
        assert self.bot is not None, "run() sends only with a bot"
        try:
            message = await self.bot.send_message(
                chat_id=delivery.claimed.user_id,
                text=params["text"],
                parse_mode=ParseMode.HTML,
                reply_markup=InlineKeyboardMarkup.de_json(params["reply_markup"], self.bot) if params.get("reply_markup") else None,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        except RetryAfter as error:
            # Flood control is per bot: every worker of every process holds off, not only this one.
            delivery.floods += 1
            seconds = _retry_seconds(error)
            self._held_until = max(self._held_until, time.monotonic() + seconds)
            await self._db(lambda session: pace.hold_off(_PACE_KEY, seconds, session=session))
            raise
        except Forbidden as error:
            raise _Blocked(error.message) from error
        except BadRequest as error:
            if any(gone in error.message.lower() for gone in _GONE):
                raise _Blocked(error.message) from error
            raise _Refused(error.message) from error
        return message.message_id

    async def _take_slot(self) -> None:
        """Reserve the next slot of the schedule all processes share, and wait for it.

        A worker that wakes more than ``_LATE_SECONDS`` after its slot (a busy machine) takes a new one,
        a few times at most: sent late, its message would bunch with the punctual ones after it. So does
        a worker whose slot, reserved before a 429 of this process, falls inside the hold Telegram asked for.
        """
        for _ in range(_LATE_RETRIES):
            wait = await self._db(lambda session: pace.reserve(_PACE_KEY, self._interval, session=session))
            due = time.monotonic() + wait
            if wait > 0:
                await self._pause(wait)
            on_time = time.monotonic() - due <= _LATE_SECONDS and due >= self._held_until
            if on_time or not self.keep_going():
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


class DigestSender:
    """The one way digests go out, whoever asks: the bot's scheduler, /digest_now and ``matchbot digest``.

    Open it with :meth:`open` and :meth:`close` it; each :meth:`send` is one round (see
    :class:`DigestRound`), logged the same way whoever asked. A sender built without a bot
    (:meth:`offline`) only does dry runs, and needs neither a token nor the network.
    """

    def __init__(self, settings: Settings, engine: Engine, bot: Bot | None, *, owns_bot: bool = False) -> None:
        self.settings = settings
        self.engine = engine
        self.bot = bot
        self._owns_bot = owns_bot
        self._rounds: set[DigestRound] = set()

    @classmethod
    async def open(cls, settings: Settings, engine: Engine, *, bot: Bot | None = None) -> DigestSender:
        """A sender through ``bot`` when it has no rate limiter (the console, tests), else through a bot of its own.

        Its own bot has the same token and no ``AIORateLimiter`` (see the module docstring), and a
        connection for each worker; opening it checks the token (``InvalidToken``).
        """
        if bot is not None and not (isinstance(bot, ExtBot) and bot.rate_limiter is not None):
            return cls(settings, engine, bot)
        if bot is not None:
            token = bot.token
        else:
            assert settings.telegram_bot_token is not None, "TELEGRAM_BOT_TOKEN is required"
            token = settings.telegram_bot_token.get_secret_value()
        own = Bot(
            token,
            base_url=settings.telegram_api_base_url,
            base_file_url=settings.telegram_api_file_url,
            request=HTTPXRequest(connection_pool_size=settings.digest_workers),
        )
        await own.initialize()
        return cls(settings, engine, own, owns_bot=True)

    @classmethod
    def offline(cls, settings: Settings, engine: Engine) -> DigestSender:
        """A sender for dry runs only: no bot, no token, no network."""
        return cls(settings, engine, None)

    async def close(self) -> None:
        """Close the bot the sender opened (a bot it was given belongs to its owner)."""
        if self._owns_bot and self.bot is not None:
            await self.bot.shutdown()

    async def send(self, *, due_only: bool, dry_run: bool = False, keep_going: Callable[[], bool] = lambda: True) -> RoundReport:
        """Run one round (only due subscribers if ``due_only``; a dry run sends and writes nothing) and log what it did.

        The round stops gracefully when ``keep_going`` turns false or :meth:`stop` is called.
        """
        digest_round = DigestRound(self.settings, self.engine, self.bot, keep_going=keep_going)
        self._rounds.add(digest_round)
        try:
            report = await digest_round.run(due_only=due_only, dry_run=dry_run)
        finally:
            self._rounds.discard(digest_round)
        if report.plan.planned or report.sent or report.left_pending or report.blocked or report.refused or report.lost or report.stopped:
            log.info(
                "digest round: %d planned, %d sent (%d messages), %d blocked, %d refused, %d left pending, %d taken over, "
                "%d handed back%s",
                len(report.plan.planned), report.sent, report.messages, report.blocked, report.refused, report.left_pending,
                report.lost, report.handed_back,
                " (halted)" if report.halted else " (stopped)" if report.stopped else "",
            )  # fmt: skip
        return report

    def stop(self) -> None:
        """Stop the rounds in progress gracefully (see :meth:`DigestRound.stop`)."""
        for digest_round in list(self._rounds):
            digest_round.stop()

    @contextmanager
    def stopping_on_signals(self) -> Iterator[None]:
        """While inside, SIGTERM or SIGINT stop the rounds gracefully; a second signal has its default effect."""
        loop = asyncio.get_running_loop()
        signals = (signal.SIGTERM, signal.SIGINT)

        def on_signal(name: str) -> None:
            log.info("%s: finishing the messages being sent and handing every other digest back", name)
            self.stop()
            for number in signals:
                loop.remove_signal_handler(number)

        for number in signals:
            loop.add_signal_handler(number, on_signal, number.name)
        try:
            yield
        finally:
            for number in signals:
                loop.remove_signal_handler(number)


async def send_from_bot(context: Context, *, due_only: bool) -> RoundReport:
    """A round in the bot's process (its scheduler, /digest_now): it stops taking new digests when the bot stops.

    The console and the tests drive the application update by update without starting it: there,
    nothing stops a round.
    """
    application = context.application
    started = application.running
    sender = context.bot_data.digest_sender
    assert sender is not None, "post_init opens the digest sender"
    return await sender.send(due_only=due_only, keep_going=lambda: application.running or not started)


async def digest_job(context: Context) -> None:
    """The scheduler's job: a due-only round."""
    await send_from_bot(context, due_only=True)


async def send_round(settings: Settings, engine: Engine, *, due_only: bool, dry_run: bool) -> RoundReport:
    """A round from the command line, with its own connection to the Bot API (none for a dry run); SIGTERM
    stops it gracefully."""
    sender = DigestSender.offline(settings, engine) if dry_run else await DigestSender.open(settings, engine)
    try:
        with sender.stopping_on_signals():
            return await sender.send(due_only=due_only, dry_run=dry_run)
    finally:
        await sender.close()


def _plain(html_text: str) -> str:
    """A message's text as a terminal shows it: Telegram's HTML tags dropped, entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def describe_round(report: RoundReport, *, previews: int = DRY_RUN_PREVIEWS) -> str:
    """The round in a few lines for people (the command line's output); a dry run also shows the messages
    of its first ``previews`` digests as their recipients would read them."""
    lines = []
    plan = report.plan
    if report.dry_run:
        for planned in plan.planned:
            codes = ", ".join(planned.codes[:12]) + (f", … ({len(planned.codes)} in all)" if len(planned.codes) > 12 else "")
            lines.append(f"would send {len(planned.messages)} message(s) to {planned.user_id} [{planned.language}, {planned.trigger}]: {codes}")
        for digest in report.waiting:
            lines.append(f"would retry digest {digest.id} to {digest.user_id} ({digest.items} items, {digest.status.value})")
        for planned in plan.planned[:previews]:
            for number, message in enumerate(planned.messages, 1):
                lines.append(f"--- to {planned.user_id}, message {number} of {len(planned.messages)} ---")
                lines.append(_plain(str(message["text"])))
        if len(plan.planned) > previews:
            lines.append(f"--- (messages of the other {len(plan.planned) - previews} digest(s) not shown) ---")
        messages = sum(len(planned.messages) for planned in plan.planned)
        lines.append(
            f"dry run: {len(plan.planned)} digest(s) to plan ({messages} message(s)), {len(report.waiting)} waiting, "
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
