"""The outbox: one row per user and period, atomic claims, leases and fenced progress."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from bot.store import outbox
from bot.store import users as user_store
from bot.store.models import Digest, DigestStatus, utcnow

LEASE = timedelta(minutes=2)


def add_digest(session: Session, user_id: int = 1, period: str = "p1") -> int:
    user_store.upsert_user(user_id, session=session, first_name="U", username=None, language="en")
    now = utcnow()
    assert outbox.add(session=session, user_id=user_id, period=period, since=now, cutoff=now, trigger="manual", items=1, messages="[]")
    session.commit()
    (digest,) = [d for d in outbox.digests(session=session, user_id=user_id) if d.period == period]
    assert digest.id is not None
    return digest.id


def test_one_row_per_user_and_period(session: Session) -> None:
    add_digest(session)
    now = utcnow()
    assert not outbox.add(session=session, user_id=1, period="p1", since=now, cutoff=now, trigger="daily", items=2, messages="[]")
    assert outbox.add(session=session, user_id=1, period="p2", since=now, cutoff=now, trigger="daily", items=2, messages="[]")
    assert [d.period for d in outbox.digests(session=session)] == ["p1", "p2"]


def test_a_claim_is_exclusive_until_its_lease_runs_out(session: Session) -> None:
    digest_id = add_digest(session)
    now = utcnow()
    assert outbox.claim(digest_id, "a", session=session, now=now, lease=LEASE) is not None
    assert outbox.claim(digest_id, "b", session=session, now=now + timedelta(minutes=1), lease=LEASE) is None
    assert outbox.claimable_ids(session=session, after_id=0, now=now + timedelta(minutes=1), lease=LEASE, limit=10) == []
    # Sender "a" crashed: after the lease its row is claimable again, and "a" can no longer touch it.
    later = now + timedelta(minutes=3)
    assert outbox.claimable_ids(session=session, after_id=0, now=later, lease=LEASE, limit=10) == [digest_id]
    assert outbox.claim(digest_id, "b", session=session, now=later, lease=LEASE) is not None
    assert not outbox.renew(digest_id, "a", session=session, now=later)
    assert not outbox.record_sent_message(digest_id, "a", session=session, now=later, sent_count=1, message_ids=[5], done=True)
    assert outbox.record_sent_message(digest_id, "b", session=session, now=later, sent_count=1, message_ids=[7], done=True)
    session.commit()
    (digest,) = outbox.digests(session=session)
    assert (digest.status, digest.message_ids, digest.sent_count, digest.claimed_by) == (DigestStatus.SENT, "7", 1, None)
    assert digest.sent_at is not None


def test_release_and_fail(session: Session) -> None:
    first, second = add_digest(session, 1), add_digest(session, 2)
    now = utcnow()
    outbox.claim(first, "a", session=session, now=now, lease=LEASE)
    outbox.claim(second, "a", session=session, now=now, lease=LEASE)
    assert outbox.release(first, "a", session=session, error="NetworkError('Bad Gateway')")
    assert outbox.fail(second, "a", session=session, error="Forbidden: bot was blocked by the user")
    session.commit()
    session.expire_all()
    released, failed = session.get(Digest, first), session.get(Digest, second)
    assert released is not None and failed is not None
    assert (released.status, released.attempts, released.claimed_by) == (DigestStatus.PENDING, 1, None)
    assert (failed.status, failed.last_error) == (DigestStatus.FAILED, "Forbidden: bot was blocked by the user")
    assert outbox.claimable_ids(session=session, after_id=0, now=now, lease=LEASE, limit=10) == [first]
    assert outbox.claimable_ids(session=session, after_id=first, now=now, lease=LEASE, limit=10) == []


def test_drop_pending_leaves_claimed_rows(session: Session) -> None:
    first, second = add_digest(session, 1, "p1"), add_digest(session, 1, "p2")
    outbox.claim(second, "a", session=session, now=utcnow(), lease=LEASE)
    assert outbox.drop_pending(1, session=session) == 1
    assert [d.id for d in outbox.digests(session=session)] == [second] != [first]


def test_concurrent_claimers_get_each_row_once(engine: Engine) -> None:
    with Session(engine) as session:
        ids = [add_digest(session, user_id, "p") for user_id in range(1, 41)]
    won: dict[str, list[int]] = {"a": [], "b": [], "c": []}
    start = threading.Barrier(len(won))

    def claimer(token: str) -> None:
        start.wait()
        for digest_id in ids:
            with Session(engine) as session:
                if outbox.claim(digest_id, token, session=session, now=utcnow(), lease=LEASE) is not None:
                    won[token].append(digest_id)
                session.commit()

    threads = [threading.Thread(target=claimer, args=(token,)) for token in won]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(sum(won.values(), [])) == ids
