"""An update Telegram delivers twice (a webhook retry, or the retry reaching another replica) is handled once.

The test plays Telegram: it takes the updates users send through the fake Bot API and posts each to a
replica, then posts the same update again, to the other replica or to the same one.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from bot.services.catalog_csv import REQUIRED_COLUMNS
from bot.store.db import make_engine
from bot.store.models import HandledUpdate, Lead, LeadNote, PendingImport, SearchLog

from .conftest import bot_environment, run_cli
from .fake_bot_api import FakeBotApi, FakeUser
from .test_webhook_replicas import Replica, replies

pytestmark = [pytest.mark.e2e, pytest.mark.replicas]
ADMIN = FakeUser(id=910_001, first_name="Admin", username="replica_admin", language_code="en")


@pytest.fixture
def pair(database_url: str, tmp_path: Path) -> Iterator[tuple[FakeBotApi, Replica, Replica]]:
    with FakeBotApi() as fake:
        env = bot_environment(fake, database_url)
        run_cli("migrate", env=env, cwd=tmp_path)
        run_cli("seed", env=env, cwd=tmp_path)
        replicas = [Replica(name, fake, database_url, tmp_path, admin_ids=str(ADMIN.id)) for name in ("replica-a", "replica-b")]
        try:
            for replica in replicas:
                replica.wait_healthy()
            fake.send_message(ADMIN, "/start")  # the admin has talked to the bot, so it may message them
            assert replicas[0].post(take(fake)) == 200
            yield fake, replicas[0], replicas[1]
        finally:
            for replica in replicas:
                if replica.process.poll() is None:
                    replica.process.kill()
                    replica.process.wait()


def take(fake: FakeBotApi) -> dict[str, object]:
    """The one update a user just sent, as Telegram would post it."""
    (update,) = fake.drain_updates()
    return update


def test_a_redelivered_update_is_acknowledged_and_skipped(pair: tuple[FakeBotApi, Replica, Replica], database_url: str) -> None:
    fake, first, second = pair
    investor = FakeUser(id=810_001, first_name="Investor", language_code="en")
    engine = make_engine(database_url)
    try:
        # A search, delivered twice to the same replica and then to the other: one answer, logged once.
        fake.send_message(investor, "brake pads")
        search = take(fake)
        assert [first.post(search), first.post(search), second.post(search)] == [200, 200, 200]
        assert len(replies(fake, investor)) == 1
        with Session(engine) as session:
            assert len(session.exec(select(SearchLog).where(SearchLog.query == "brake pads")).all()) == 1

        # A lead, then its note delivered twice: taken once as the note, never answered as a search.
        fake.send_message(investor, "/product AUT-001")
        assert first.post(take(fake)) == 200
        card = fake.messages_to(investor.id)[-1]
        fake.press_button(investor, card, "I'm interested")
        assert second.post(take(fake)) == 200
        before = len(replies(fake, investor))
        fake.send_message(investor, "wedding dress factory, 200 staff")
        note = take(fake)
        assert [first.post(note), second.post(note)] == [200, 200]
        answers = replies(fake, investor)[before:]
        assert answers == ["📝 Thank you — your note was passed on."], answers
        with Session(engine) as session:
            assert session.exec(select(LeadNote.text).join(Lead).where(Lead.user_id == investor.id)).all() == ["wedding dress factory, 200 staff"]
            assert session.exec(select(SearchLog).where(col(SearchLog.query).contains("wedding"))).all() == []  # no unmet demand

        # An admin's file, delivered twice: one preview, one pending import.
        data = (",".join(REQUIRED_COLUMNS) + "\nRDL-01,Redelivered meter,کنتور,,9028.10,power,1,open,d\n").encode()
        fake.send_message(ADMIN, document=("twice.csv", data))
        upload = take(fake)
        assert [second.post(upload), first.post(upload)] == [200, 200]
        assert len([text for text in replies(fake, ADMIN) if "twice.csv" in text]) == 1
        with Session(engine) as session:
            assert len(session.exec(select(PendingImport)).all()) == 1

        # Both replicas at once (a retry racing the first delivery): one handles it, the other is told to retry later.
        fake.send_message(investor, "gas meter")
        racing = take(fake)
        statuses: list[int] = []
        threads = [threading.Thread(target=lambda r=replica: statuses.append(r.post(racing))) for replica in (first, second)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(statuses) in ([200, 200], [200, 503])
        assert first.post(racing) == 200  # the retry, later: acknowledged
        with Session(engine) as session:
            assert len(session.exec(select(SearchLog).where(SearchLog.query == "gas meter")).all()) == 1
            assert session.exec(select(HandledUpdate).where(col(HandledUpdate.done).is_(False))).all() == []
    finally:
        engine.dispose()
    assert fake.rejected == []


def test_webhook_bodies_that_are_not_updates_are_refused_without_a_traceback(pair: tuple[FakeBotApi, Replica, Replica]) -> None:
    _, first, _ = pair
    for body in (b"[1, 2]", b'"text"', b"42", b"null", b'{"update_id": "7"}', b"{not json", json.dumps({"message": {}}).encode()):
        assert first.post_raw(body).status_code == 400, body
    assert first.post_raw(b"{" + b" " * (2 * 1024 * 1024) + b"}").status_code == 413
    log = first.log()
    assert "Traceback" not in log, log[-3000:]
    assert first.process.poll() is None
