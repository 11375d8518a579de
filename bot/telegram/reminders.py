"""The bot's reminder job: overdue leads reminded to their desk's officers once a working day.

Every ``LEAD_REMINDER_INTERVAL_SECONDS`` the job claims the reminders due (see
:mod:`bot.services.lead_reminders`: nothing before ``LEAD_REMINDER_HOUR`` or on a day off, and each overdue
lead at most once a day across replicas and restarts), then sends each desk's officers one message in their
language. A check every few minutes rather than one run at a fixed time: a bot that was down at that hour
still reminds when it comes back, and one that restarts does not remind twice.
"""

from __future__ import annotations

import logging
from functools import partial

from sqlmodel import Session
from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.services import lead_reminders, users
from bot.settings import Settings
from bot.store.models import utcnow

from .features.admin.leads import overdue_reminder
from .runtime import Context, runtime
from .sending import with_retries
from .ui import Reply

log = logging.getLogger(__name__)


def due_messages(session: Session, settings: Settings) -> list[tuple[int, Reply]]:
    """Claim the reminders due now and render each recipient's message in their language."""
    messages = []
    for reminder in lead_reminders.claim_reminders(session=session, settings=settings, now=utcnow()):
        for user_id in reminder.recipients:
            user = users.known(user_id, session=session)
            messages.append((user_id, overdue_reminder(user.language if user else "en", reminder)))
    return messages


async def send_reminders(bot: Bot, messages: list[tuple[int, Reply]]) -> int:
    """Send the reminders; an officer who cannot be reached is logged, never fails the others. Returns how many went."""
    sent = 0
    for chat_id, reply in messages:
        try:
            await with_retries(partial(bot.send_message, chat_id, reply.text, reply_markup=reply.markup), what="reminder")
        except (Forbidden, BadRequest) as exc:
            log.warning("could not remind %s of overdue leads: %s", chat_id, exc.message)
            continue
        except TelegramError:
            log.exception("could not remind %s of overdue leads", chat_id)
            continue
        sent += 1
    return sent


async def reminder_job(context: Context) -> None:
    """The scheduler's job: claim and send the overdue-lead reminders due now."""
    rt = runtime(context)
    messages = await rt.run(partial(due_messages, settings=rt.settings))
    if messages:
        log.info("reminded of overdue leads: %d message(s) sent", await send_reminders(context.bot, messages))
