"""Questions the bot asks with buttons only ("Stop everything?", "Withdraw your interest?", "Delete this alert?",
"Ask these manufacturers?", an import's Apply / Cancel), and a yes or no typed at them.

A blind user trial typed «بله», "yes", "are", «نه» where such a question waited: the text was searched, and logged as
unmet demand. While one waits, a typed yes or no is answered about the question instead: a yes is asked to tap its
button (a typed word never unsubscribes, withdraws, deletes or applies anything), a no changes nothing, which is
what its Keep does. Anything else typed is the message it is, and the question no longer waits.

The wait is stored in the user's row (:attr:`User.pending_profile_step`, as ``tap@<epoch>``), so any replica reads
it; it replaces any other wait (the newest question wins), ends at any button tap and goes stale after
:data:`bot.services.profiles.STALE_AFTER`. /profile's deletion has its own (``e:delete``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from sqlmodel import Session

from bot.store import users as user_store
from bot.store.models import utcnow
from matching.smalltalk import small_talk

from .profile_answers import read_delete, read_yes_no
from .profiles import STALE_AFTER

_WAIT = "tap@"


def await_tap(user_id: int, *, session: Session) -> None:
    """A question answered by its buttons was shown: a typed yes or no is about it. The newest question wins, as
    everywhere: a lead's note or a profile question asked before no longer waits (a "yes" typed after "Withdraw your
    interest?" was saved as the note's "no note")."""
    user = user_store.get_user(user_id, session=session)
    if user is None:
        return
    user.pending_profile_step, user.pending_note_lead_id = f"{_WAIT}{int(utcnow().timestamp())}", None
    session.add(user)


def waits(step: str | None) -> bool:
    """Whether a stored wait (:attr:`User.pending_profile_step`) is a question answered by its buttons."""
    return step is not None and step.startswith(_WAIT)


def asked_at(step: str | None) -> datetime | None:
    """When the question a stored wait names was asked; None when it names none (or an unreadable one)."""
    if not waits(step):
        return None
    assert step is not None
    stamp = step[len(_WAIT):]
    return datetime.fromtimestamp(int(stamp), UTC) if stamp.isdigit() else None


def end_wait(user_id: int, *, session: Session) -> None:
    """The question no longer waits (a button was tapped, or something else was typed)."""
    user = user_store.get_user(user_id, session=session)
    if user is not None and waits(user.pending_profile_step):
        user.pending_profile_step = None
        session.add(user)


def typed_answer(text: str) -> Literal["yes", "no"] | None:
    """Whether ``text`` is only a yes or a no (in Persian, English or Finglish: «بله», "yes", "are", «نه», "na",
    "yes please", «آره پاک کن»), not a message that starts with one ("no, I need brake pads" is a search)."""
    answer = read_delete(text) or read_yes_no(text)
    if answer is None:
        return None
    return answer if read_delete(text) or small_talk(text) is not None else None


def take_typed(user_id: int, step: str | None, text: str, *, session: Session) -> Literal["yes", "no"] | None:
    """The yes or no typed at a waiting question, if the message is one; else None, and the question no longer waits
    (nor does a stale one: a yes typed long after is the talk it is)."""
    when = asked_at(step)
    if when is None:
        return None
    answer = typed_answer(text)
    if answer is None or utcnow() - when > STALE_AFTER:
        end_wait(user_id, session=session)
        return None
    if answer == "no":
        end_wait(user_id, session=session)
    return answer
