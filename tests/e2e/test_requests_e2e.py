"""Standing requests end to end: the real ``matchbot run`` and ``matchbot digest`` against the fake Bot API.

A search nothing answers → "Tell me when something like this is listed" → an admin adds a matching listing with
/addproduct → the searcher gets exactly one message with the listing's card, in their language; a sender killed
while it holds the notice does not make it arrive twice.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.store.db import make_engine
from bot.store.models import Digest, DigestStatus, RequestStatus, StandingRequest

from .conftest import ADMIN, bot_environment, buttons, say
from .digest_processes import matchbot, running_bot, start, texts_to
from .fake_bot_api import FakeBotApi, FakeUser, SentMessage
from .test_digests_e2e import digest_database, fake  # noqa: F401  (the fixtures: a fake and a database of the test's own)

pytestmark = pytest.mark.e2e

ALICE = FakeUser(id=311, first_name="Alice", language_code="en")
DARIUSH = FakeUser(id=312, first_name="Dariush", language_code="fa")
BICYCLE = "/addproduct\ncode: AUT-090\nname_en: Bicycle\nname_fa: دوچرخه\nhs_code: 8712.00\nsector: automotive"
TELL_ME_EN = "Tell me when something like this is listed"
TELL_ME_FA = "وقتی کالایی شبیه این فهرست شد خبرم کن"
NOTICE_EN = "Something like “bicycle” is now listed"
NOTICE_FA = "کالایی شبیه «دوچرخه» به فهرست اضافه شد"
FAST = {"digest_retry_base_seconds": 0.05, "digest_max_retries": 6}


def tap(fake: FakeBotApi, user: FakeUser, message: SentMessage, label: str, contains: str) -> SentMessage:
    mark = fake.mark(user.id)
    fake.press_button(user, message, label)
    return fake.wait_for_message(user.id, after=mark, contains=contains)


def ask(fake: FakeBotApi) -> None:
    """Alice (English) and Dariush (Persian) search for a bicycle, find nothing and ask to be told."""
    nothing = say(fake, ALICE, "bicycle", "I found no listing for “bicycle”")
    tap(fake, ALICE, nothing, TELL_ME_EN, "🔔 Saved. When a listing like “bicycle” is added")
    nothing = say(fake, DARIUSH, "دوچرخه", "برای «دوچرخه» کالایی پیدا نکردم")
    tap(fake, DARIUSH, nothing, TELL_ME_FA, "🔔 ثبت شد.")


def notices(fake: FakeBotApi, user: FakeUser, text: str) -> list[str]:
    return [sent for sent in texts_to(fake, user.id) if text in sent]


def notice_rows(database: str) -> list[Digest]:
    engine = make_engine(database)
    with Session(engine) as session:
        found = list(session.exec(select(Digest).where(Digest.trigger == "request").order_by(Digest.user_id)))
    engine.dispose()
    return found


def test_searchers_are_told_once_with_the_card_when_an_admin_adds_the_listing(fake: FakeBotApi, digest_database: str, tmp_path: Path) -> None:
    env = bot_environment(fake, digest_database, admin_ids=str(ADMIN.id), digest_interval_seconds=1, **FAST)
    matchbot("seed", env=env, cwd=tmp_path)
    with running_bot(fake, env, tmp_path):
        ask(fake)
        say(fake, ADMIN, "/start", "Hello")
        say(fake, ADMIN, BICYCLE, "Listing added")
        # The bot's own digest scheduler sends the notices, each in its reader's language, with the card and its buttons.
        alice = fake.wait_for_message(ALICE.id, contains=NOTICE_EN, timeout=20)
        assert "AUT-090 · Bicycle" in alice.visible_text and "Status: 🟢 open" in alice.visible_text
        assert buttons(alice)[:2] == ["✋ I'm interested", "🔔 Alert me about similar"]
        dariush = fake.wait_for_message(DARIUSH.id, contains=NOTICE_FA, timeout=20)
        assert "AUT-090 · دوچرخه" in dariush.visible_text and buttons(dariush)[0] == "✋ علاقه‌مندم"
        # "I'm interested" on the notice works like on any card.
        tap(fake, ALICE, alice, "I'm interested", "Your interest in AUT-090")
        time.sleep(2.5)  # more scheduler ticks: nothing is sent again
        listed = say(fake, ALICE, "/requests", "Your requests")
        assert "“bicycle”: ✅ listed" in listed.visible_text and "AUT-090 · Bicycle" in listed.visible_text
        # The listing answers the need now: /demand names it as found, no longer as unmet.
        demand = say(fake, ADMIN, "/demand", "No unanswered searches")
        assert "bicycle → now found: AUT-090" in demand.visible_text
    assert len(notices(fake, ALICE, NOTICE_EN)) == 1 and len(notices(fake, DARIUSH, NOTICE_FA)) == 1
    assert [row.status for row in notice_rows(digest_database)] == [DigestStatus.SENT, DigestStatus.SENT]
    assert fake.rejected == []


def test_a_sender_killed_while_holding_a_notice_does_not_make_it_arrive_twice(fake: FakeBotApi, digest_database: str, tmp_path: Path) -> None:
    env = bot_environment(fake, digest_database, admin_ids=str(ADMIN.id), digest_interval_seconds=0, **FAST)
    matchbot("seed", env=env, cwd=tmp_path)
    with running_bot(fake, env, tmp_path):  # its scheduler is off: the command-line senders below send the notices
        ask(fake)
        say(fake, ADMIN, "/start", "Hello")
        say(fake, ADMIN, BICYCLE, "Listing added")
    assert [row.status for row in notice_rows(digest_database)] == [DigestStatus.PENDING, DigestStatus.PENDING]
    # The first sender meets a Bot API that fails, backs off for long while holding its claim, and is killed.
    fake.fail_next("sendMessage", status=502, times=2)
    slow = bot_environment(fake, digest_database, digest_claim_lease_seconds=2, digest_retry_base_seconds=5, digest_max_retries=3, digest_workers=2)
    sent_before = len(fake.calls)
    sender = start("digest", env=slow, cwd=tmp_path, log=tmp_path / "killed.log")
    deadline = time.monotonic() + 30
    while sum(1 for call in fake.calls[sent_before:] if call.method == "sendMessage" and not call.ok) < 2:
        assert sender.poll() is None, (tmp_path / "killed.log").read_text()
        assert time.monotonic() < deadline, "the sender did not try"
        time.sleep(0.02)
    sender.send_signal(signal.SIGKILL)
    sender.wait(timeout=10)
    assert [row.status for row in notice_rows(digest_database)] == [DigestStatus.SENDING, DigestStatus.SENDING]
    assert notices(fake, ALICE, NOTICE_EN) == [] and notices(fake, DARIUSH, NOTICE_FA) == []
    time.sleep(2.2)  # the dead sender's claims run out
    lease = bot_environment(fake, digest_database, digest_claim_lease_seconds=2, **FAST)
    assert "sent 2 digest(s) in 2 message(s)" in matchbot("digest", env=lease, cwd=tmp_path).stdout
    assert "sent 0 digest(s)" in matchbot("digest", env=lease, cwd=tmp_path).stdout
    assert len(notices(fake, ALICE, NOTICE_EN)) == 1 and len(notices(fake, DARIUSH, NOTICE_FA)) == 1
    assert [row.status for row in notice_rows(digest_database)] == [DigestStatus.SENT, DigestStatus.SENT]
    engine = make_engine(digest_database)
    with Session(engine) as session:
        told = [(r.status, r.fulfilled_code, r.told_at is not None) for r in session.exec(select(StandingRequest))]
    engine.dispose()
    assert told == [(RequestStatus.FULFILLED, "AUT-090", True)] * 2
