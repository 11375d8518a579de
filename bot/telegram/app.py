"""Builds the bot: one :class:`~telegram.ext.Application` with every handler, in one place."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import timedelta
from functools import partial
from typing import Any

from sqlmodel import Session
from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    Defaults,
    ExtBot,
    JobQueue,
)
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.i18n import LANGUAGES
from bot.liveness import Liveness
from bot.services import catalog
from bot.services.search import Matcher
from bot.settings import Settings
from bot.store import catalog as store
from bot.store import schema
from bot.store.db import make_engine

from .digests import DigestSender, digest_job
from .features import fallback, search, start
from .features.admin import handlers as admin
from .features.browse import handlers as browse
from .features.claims import handlers as claims
from .features.introductions import handlers as introductions
from .features.leads import handlers as leads
from .features.opportunities import handlers as opportunities
from .features.profile import handlers as profile
from .features.requests import handlers as requests
from .features.subscriptions import handlers as subscriptions
from .features.suppliers import handlers as suppliers
from .menus import commands
from .reminders import reminder_job
from .runtime import CONTEXT_TYPES, BotData, Context, Runtime
from .scorecards import scorecard_job
from .turn import on_error, tell_dropped
from .updates import PerUserUpdateProcessor, UpdateLedger

log = logging.getLogger(__name__)
App = Application[ExtBot[None], Context, dict[Any, Any], dict[Any, Any], BotData, JobQueue[Context]]
"""The bot's application, typed by its context."""


def build_application(settings: Settings, *, request: BaseRequest | None = None, token: str | None = None) -> App:
    """The bot with all handlers registered; ``request`` replaces the HTTP client (console, tests)."""
    if token is None:
        assert settings.telegram_bot_token is not None, "TELEGRAM_BOT_TOKEN is required"
        token = settings.telegram_bot_token.get_secret_value()
    processor = PerUserUpdateProcessor(settings.max_concurrent_updates)
    liveness = Liveness(settings, processor.oldest_in_flight)
    builder: ApplicationBuilder = (  # type: ignore[type-arg]
        Application.builder()
        .token(token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_api_file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(processor)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        # Replies: waits and retries when Telegram answers 429, and keeps under the per-chat and global limits.
        # Digests go out through a bot without it (bot.telegram.digests).
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
        if settings.webhook_url is None:
            builder = builder.get_updates_request(PollingHeartbeat(liveness, connection_pool_size=1))
    application = builder.build()
    application.bot_data.settings = settings
    application.bot_data.liveness = liveness
    processor.notify_dropped = partial(tell_dropped, application.bot)

    # 1. The admins' features, their step-by-step form first: while it waits for an answer, its /cancel and /skip
    #    and the answer itself come before everyone's handlers. Their commands, buttons (by their data) and
    #    documents are the admins' alone; each checks its sender and refuses everyone else (audited). A message
    #    with a document never has text, so taking documents here leaves plain text to the search below.
    admin.register(application)
    # 2. Everyone's features: their commands and their buttons (one handler per kind of button).
    start.register(application)
    search.register(application)
    browse.register(application)
    leads.register(application)
    subscriptions.register(application)
    requests.register(application)
    profile.register(application)
    claims.register(application)
    opportunities.register(application)
    # The desks' capable suppliers (/suppliers checks its sender like the admin commands do), and introductions.
    suppliers.register(application)
    introductions.register(application)
    # 3. Any button nobody took above (stale, forged): a polite "expired". After every button handler.
    fallback.register(application)
    # 4. Unknown /commands (pointed to /help), then plain text: a pending profile answer, lead note or desk's message
    #    to a manufacturer, else small talk or a search.
    #    After every command handler, which take the known commands.
    search.register_text(application)
    # 5. Everything else a person can send in a chat (stickers, photos, voice…).
    search.register_other_messages(application)
    # 6. Errors: logged with their update; the user is told something went wrong.
    application.add_error_handler(on_error)
    return application


async def _post_init(application: App) -> None:
    """Open the database (seeding an empty one), build the matcher and publish the command menu."""
    settings = application.bot_data.settings
    assert settings is not None
    engine = make_engine(settings.database_url)
    schema.ensure_current(engine, auto_migrate=settings.auto_migrate)
    with Session(engine, expire_on_commit=False) as session:
        if store.count_products(session=session) == 0:
            log.info("empty catalog: loading seed_data/")
            catalog.seed(session=session)
        matcher = Matcher.load(session=session)
        version = store.catalog_version(session=session)
    application.bot_data.runtime = Runtime(settings=settings, engine=engine, matcher=matcher, _version=version)
    processor = application.update_processor
    if isinstance(processor, PerUserUpdateProcessor):
        processor.ledger = UpdateLedger(engine, retention=timedelta(seconds=settings.handled_updates_retention_seconds),
                                        single_consumer=settings.webhook_url is None)
    log.info("catalog loaded: %d entries searchable", len(matcher))
    application.bot_data.digest_sender = await DigestSender.open(settings, engine, bot=application.bot)
    assert application.bot_data.liveness is not None
    application.bot_data.liveness.beat()
    for language in LANGUAGES:
        await application.bot.set_my_commands(commands(language), language_code=None if language == "en" else language)
    _schedule_digests(application, settings)
    _schedule_reminders(application, settings)
    _schedule_scorecards(application, settings)


def _schedule_reminders(application: App, settings: Settings) -> None:
    """Check for overdue-lead reminders every LEAD_REMINDER_INTERVAL_SECONDS (0: never); the first check soon after
    start, so a bot down at the reminder hour catches up (see bot.telegram.reminders)."""
    _check_every(application, reminder_job, settings.lead_reminder_interval_seconds, "lead_reminders", first=5.0)


def _schedule_scorecards(application: App, settings: Settings) -> None:
    """Check for the weekly desk scorecards every SCORECARD_INTERVAL_SECONDS (0: never); the first check soon after
    start, so a bot down at the sending hour catches up (see bot.telegram.scorecards)."""
    _check_every(application, scorecard_job, settings.scorecard_interval_seconds, "scorecards", first=10.0)


def _check_every(application: App, job: Callable[[Context], Coroutine[Any, Any, None]], interval: float, name: str, *,
                 first: float) -> None:
    """Run ``job`` every ``interval`` seconds (0: never), first after ``first`` seconds at most; missed runs collapse
    into one and a run is never overlapped by the next."""
    if not interval or application.job_queue is None:
        return
    application.job_queue.run_repeating(
        job, interval=interval, first=min(interval, first), name=name,
        job_kwargs={"coalesce": True, "misfire_grace_time": max(1, int(interval)), "max_instances": 1},
    )


def _schedule_digests(application: App, settings: Settings) -> None:
    """Run a due-only digest round every DIGEST_INTERVAL_SECONDS (0: never, e.g. when cron runs them)."""
    interval = settings.digest_interval_seconds
    if not interval or application.job_queue is None:
        return
    application.job_queue.run_repeating(
        digest_job,
        interval=interval,
        first=interval,
        name="digests",
        job_kwargs={
            # Ticks missed while the process was stopped or busy collapse into one run...
            "coalesce": True,
            # ...which may start up to one interval late; a later tick is dropped, the next one
            # comes anyway. No digest depends on a tick: each round sends what is due by the
            # subscribers' latest scheduled time, so after downtime they get one catch-up digest.
            "misfire_grace_time": max(1, int(interval)),
            # A long round is never overlapped by the next tick of the same process.
            "max_instances": 1,
        },
    )


async def _post_shutdown(application: App) -> None:
    """Close the digest sender and the database engine."""
    if application.bot_data.digest_sender is not None:
        await application.bot_data.digest_sender.close()
    if application.bot_data.runtime is not None:
        application.bot_data.runtime.engine.dispose()
    if application.bot_data.liveness is not None:
        application.bot_data.liveness.stop()


class PollingHeartbeat(HTTPXRequest):
    """The long-polling connection, beating the heartbeat whenever a ``getUpdates`` call starts or ends.

    The polling loop calls ``getUpdates`` again as soon as one returns (within the 10 s long-poll wait
    when nobody writes), so these beats stop only when the loop itself is stuck or the process frozen.
    """

    def __init__(self, liveness: Liveness, **options: Any) -> None:
        super().__init__(**options)
        self.liveness = liveness

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        polling = url.endswith("/getUpdates")
        if polling:
            self.liveness.beat()
        try:
            return await super().do_request(url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout)
        finally:
            if polling:
                self.liveness.beat()


ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
