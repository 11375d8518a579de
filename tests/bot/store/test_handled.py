"""Claims on update ids: each update handled once, and never lost to a process that died holding it."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from bot.store import handled
from bot.store.handled import Claim
from bot.store.models import HandledUpdate, utcnow

LEASE = timedelta(seconds=60)


def test_a_claimed_update_is_busy_then_done(session: Session) -> None:
    assert handled.claim(7, "a", session=session, lease=LEASE) is Claim.NEW
    assert handled.claim(7, "b", session=session, lease=LEASE) is Claim.BUSY
    assert handled.claim(7, "a", session=session, lease=LEASE) is Claim.BUSY  # the same process, delivered twice at once
    handled.finish(7, "a", session=session)
    assert handled.claim(7, "b", session=session, lease=LEASE) is Claim.DONE


def test_an_abandoned_claim_is_taken_over_after_the_lease_and_a_released_one_at_once(session: Session) -> None:
    now = utcnow()
    assert handled.claim(8, "dead", session=session, lease=LEASE, now=now - timedelta(seconds=61)) is Claim.NEW
    assert handled.claim(8, "b", session=session, lease=LEASE, now=now) is Claim.NEW
    assert session.get(HandledUpdate, 8, populate_existing=True).owner == "b"  # type: ignore[union-attr]
    assert handled.claim(8, "c", session=session, lease=LEASE, now=now) is Claim.BUSY
    handled.release(8, "b", session=session)
    assert handled.claim(8, "c", session=session, lease=LEASE, now=now) is Claim.NEW


def test_old_claims_are_forgotten(session: Session) -> None:
    now = utcnow()
    handled.claim(1, "a", session=session, lease=LEASE, now=now - timedelta(hours=2))
    handled.claim(2, "a", session=session, lease=LEASE, now=now)
    assert handled.forget_before(now - timedelta(hours=1), session=session) == 1
    assert session.get(HandledUpdate, 1) is None and session.get(HandledUpdate, 2) is not None
