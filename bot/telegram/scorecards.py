"""The bot's weekly scorecard job: each desk's scorecard to its officers, once a week.

Every ``SCORECARD_INTERVAL_SECONDS`` the job claims the scorecards due (see :mod:`bot.services.scorecard_sends`:
from ``SCORECARD_HOUR`` on the first working day of the week, each desk once per week across replicas and
restarts), then sends each recipient the chart as a photo with the figures in its caption, in their language.
The charts are drawn after the claim's transaction has committed, in a worker thread, once per desk and language.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

from sqlmodel import Session
from telegram import Bot, InputFile
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.services import scorecard, scorecard_sends, users
from bot.services.scorecard import Scorecard
from bot.services.scorecard_chart import render_png
from bot.services.search import Matcher
from bot.settings import Settings
from bot.store.models import utcnow

from .features.admin.scorecard import caption
from .runtime import Context, runtime
from .sending import with_retries

log = logging.getLogger(__name__)

Delivery = tuple[int, str, Scorecard]
"""A recipient's chat id, their language, and the scorecard they get."""


def due_scorecards(session: Session, settings: Settings, matcher: Matcher) -> list[Delivery]:
    """Claim the scorecards due now; one delivery per recipient, in the recipient's language."""
    deliveries = []
    for weekly in scorecard_sends.claim_scorecards(session=session, settings=settings, sector_of=scorecard.sectors_by(matcher),
                                                   now=utcnow(), matcher=matcher):
        for user_id in weekly.recipients:
            user = users.known(user_id, session=session)
            deliveries.append((user_id, user.language if user else "en", weekly.card))
    return deliveries


async def send_scorecards(bot: Bot, deliveries: list[Delivery]) -> int:
    """Send the scorecards; a recipient who cannot be reached is logged, never fails the others. Returns how many went."""
    charts: dict[tuple[str, str], bytes] = {}
    sent = 0
    for chat_id, language, card in deliveries:
        key = (card.desk.code, language)
        if key not in charts:
            charts[key] = await asyncio.to_thread(render_png, card, language)
        photo = InputFile(charts[key], filename=f"scorecard-{card.desk.code}.png")
        try:
            await with_retries(partial(bot.send_photo, chat_id, photo, caption=caption(language, card)), what="scorecard")
        except (Forbidden, BadRequest) as exc:
            log.warning("could not send %s the scorecard of %s: %s", chat_id, card.desk.code, exc.message)
            continue
        except TelegramError:
            log.exception("could not send %s the scorecard of %s", chat_id, card.desk.code)
            continue
        sent += 1
    return sent


async def scorecard_job(context: Context) -> None:
    """The scheduler's job: claim and send the weekly scorecards due now."""
    rt = runtime(context)
    deliveries = await rt.run(partial(due_scorecards, settings=rt.settings, matcher=rt.matcher))
    if deliveries:
        log.info("weekly scorecards: %d of %d sent", await send_scorecards(context.bot, deliveries), len(deliveries))
