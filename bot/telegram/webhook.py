"""Webhook mode: a small ASGI app (Starlette on uvicorn) in front of the same Application.

Several replicas can run behind one load balancer: Telegram posts each update once, to one of them.
An update is answered with 200 only after it has been handled, so if a replica dies mid-update
Telegram delivers it again. ``/healthz`` reports whether the database is reachable and current.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
from collections.abc import Iterator
from types import FrameType
from http import HTTPStatus
from urllib.parse import urlsplit

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

from bot.liveness import Liveness
from bot.logs import configure_logging
from bot.settings import Settings
from bot.store import schema

from .app import ALLOWED_UPDATES, build_application
from .updates import UpdateInProgress

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
BEAT_INTERVAL = 2.0
MAX_UPDATE_BYTES = 1024 * 1024
"""Far above any update Telegram posts (a message holds at most 4,096 characters); larger bodies get 413."""


def webhook_path(settings: Settings) -> str:
    """The path Telegram posts to: the path of ``WEBHOOK_URL`` (``/`` when it has none)."""
    assert settings.webhook_url is not None
    return urlsplit(settings.webhook_url).path or "/"


def asgi_app(application: Application, settings: Settings) -> Starlette:  # type: ignore[type-arg]
    """The routes: the webhook (POST, secret checked) and ``/healthz`` (GET)."""
    assert settings.webhook_secret is not None
    secret = settings.webhook_secret.get_secret_value().encode()

    async def telegram(request: Request) -> Response:
        """Handle one update from Telegram; anything without the secret is refused."""
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, secret):
            return Response(status_code=HTTPStatus.FORBIDDEN)
        body = await _body(request)
        if body is None:
            return Response(status_code=HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        update = _update(body, application)
        if update is None:
            return Response(status_code=HTTPStatus.BAD_REQUEST)
        try:
            await application.update_processor.process_update(update, application.process_update(update))
        except UpdateInProgress:
            # Another replica holds it: Telegram retries later, and by then it is done (or abandoned).
            return Response(status_code=HTTPStatus.SERVICE_UNAVAILABLE)
        return Response(status_code=HTTPStatus.OK)

    async def healthz(request: Request) -> Response:
        """200 when the database answers and its schema is current; 503 otherwise."""
        runtime = application.bot_data.runtime
        if runtime is None:
            return JSONResponse({"status": "starting"}, status_code=HTTPStatus.SERVICE_UNAVAILABLE)
        try:
            current = await asyncio.to_thread(schema.is_current, runtime.engine)
        except Exception as exc:  # any database failure makes the replica unhealthy, never crashes it
            log.warning("health check: database unreachable: %s", exc)
            return JSONResponse({"status": "database unreachable"}, status_code=HTTPStatus.SERVICE_UNAVAILABLE)
        if not current:
            return JSONResponse({"status": "schema out of date"}, status_code=HTTPStatus.SERVICE_UNAVAILABLE)
        liveness = application.bot_data.liveness
        problem = liveness.problem() if liveness is not None else None
        if problem is not None:
            return JSONResponse({"status": "stalled", "problem": problem}, status_code=HTTPStatus.SERVICE_UNAVAILABLE)
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[Route(webhook_path(settings), telegram, methods=["POST"]), Route("/healthz", healthz, methods=["GET"])]
    )


async def _body(request: Request) -> bytes | None:
    """The request's body, or None when it is larger than any update (read no further than the limit)."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > MAX_UPDATE_BYTES:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_UPDATE_BYTES:
            return None
    return bytes(body)


def _update(body: bytes, application: Application) -> Update | None:  # type: ignore[type-arg]
    """The update a body holds, or None when it is not one (logged briefly: whoever sent it has the secret)."""
    try:
        payload = json.loads(body)
        if not isinstance(payload, dict) or type(payload.get("update_id")) is not int:
            raise ValueError("not an update object")
        return Update.de_json(payload, application.bot)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        log.warning("webhook: refused a body that is not an update (%d bytes): %s", len(body), str(exc)[:200])
        return None


async def _beat(liveness: Liveness) -> None:
    """The event loop runs: a webhook server's progress while no update is being handled."""
    while True:
        liveness.beat()
        await asyncio.sleep(BEAT_INTERVAL)


@contextlib.contextmanager
def _signals_end_the_server_not_the_process() -> Iterator[None]:
    """Keep SIGTERM/SIGINT from killing the process once uvicorn has stopped serving.

    uvicorn handles the signal by shutting its server down, then restores the handlers it found and
    raises the signal again. Finding ours, not the default ones, the process lives on to drain the
    bot's updates and jobs.
    """

    def already_stopping(signum: int, frame: FrameType | None) -> None:
        log.info("signal %s received: already shutting down", signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, already_stopping) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


async def serve(settings: Settings) -> None:
    """Register the webhook with Telegram and serve until SIGTERM/SIGINT, then finish what is in hand."""
    assert settings.webhook_url is not None and settings.webhook_secret is not None
    application = build_application(settings)
    server = uvicorn.Server(
        uvicorn.Config(asgi_app(application, settings), host=settings.webhook_listen, port=settings.webhook_port,
                       log_config=None, access_log=False, lifespan="off")
    )
    async with application:
        assert application.post_init is not None and application.post_shutdown is not None
        await application.post_init(application)
        await application.bot.set_webhook(
            settings.webhook_url, secret_token=settings.webhook_secret.get_secret_value(), allowed_updates=ALLOWED_UPDATES
        )
        await application.start()
        log.info("serving webhooks on %s:%d%s", settings.webhook_listen, settings.webhook_port, webhook_path(settings))
        assert application.bot_data.liveness is not None
        beating = asyncio.create_task(_beat(application.bot_data.liveness))
        # uvicorn stops accepting on SIGTERM and waits for requests in flight (each holds one update).
        try:
            with _signals_end_the_server_not_the_process():
                await server.serve()
        finally:
            beating.cancel()
        log.info("stopping: finishing updates and jobs in hand")
        await application.stop()
        await application.post_shutdown(application)
    log.info("stopped")


def run_webhook(settings: Settings) -> None:
    """Run the webhook server in the foreground."""
    configure_logging(settings)
    asyncio.run(serve(settings))
