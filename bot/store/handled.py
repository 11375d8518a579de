"""Which Telegram updates were already taken on: claims that make a redelivered update a no-op.

A claim is a row keyed by ``update_id``. The first process to insert it handles the update and then marks
it done; any later delivery finds the row and is skipped. A claim that is not done belongs to a process
still at work on it, unless it is older than the lease: then its process is taken to have died, and the
redelivery takes the claim over (so a crash never loses an update that Telegram delivers again).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum

from sqlmodel import Session, col, delete, update

from .db import insert_ignore
from .models import HandledUpdate, utcnow


class Claim(Enum):
    """What claiming an update found."""

    NEW = "new"  # ours to handle
    DONE = "done"  # handled already: acknowledge and skip
    BUSY = "busy"  # another process is handling it right now


def claim(update_id: int, owner: str, *, session: Session, lease: timedelta, now: datetime | None = None) -> Claim:
    """Claim ``update_id`` for ``owner``; the caller commits."""
    now = now or utcnow()
    row = {"update_id": update_id, "owner": owner, "claimed_at": now, "done": False}
    if insert_ignore(session, HandledUpdate.__table__, row, conflict=["update_id"]):  # type: ignore[attr-defined]
        return Claim.NEW
    found = session.get(HandledUpdate, update_id, populate_existing=True)
    if found is None:  # forgotten between our insert and this read: a very old redelivery
        return claim(update_id, owner, session=session, lease=lease, now=now)
    if found.done:
        return Claim.DONE
    if found.owner == owner or found.claimed_at > now - lease:
        return Claim.BUSY
    # Compare-and-set: of several processes taking an abandoned claim over, one wins.
    taken = session.exec(
        update(HandledUpdate)
        .where(col(HandledUpdate.update_id) == update_id, col(HandledUpdate.owner) == found.owner,
               col(HandledUpdate.claimed_at) == found.claimed_at, col(HandledUpdate.done).is_(False))
        .values(owner=owner, claimed_at=now)
    )
    return Claim.NEW if taken.rowcount == 1 else Claim.BUSY


def finish(update_id: int, owner: str, *, session: Session) -> None:
    """Mark the update handled."""
    session.exec(
        update(HandledUpdate).where(col(HandledUpdate.update_id) == update_id, col(HandledUpdate.owner) == owner).values(done=True)
    )


def release(update_id: int, owner: str, *, session: Session) -> None:
    """Give the claim up (handling failed): the next delivery handles the update afresh."""
    session.exec(
        delete(HandledUpdate).where(col(HandledUpdate.update_id) == update_id, col(HandledUpdate.owner) == owner)
    )


def forget_before(cutoff: datetime, *, session: Session) -> int:
    """Drop claims made before ``cutoff``; returns how many."""
    result = session.exec(delete(HandledUpdate).where(col(HandledUpdate.claimed_at) < cutoff))
    return int(result.rowcount)
