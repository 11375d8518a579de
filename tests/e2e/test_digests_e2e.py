"""Subscriptions and digests end to end: the real ``matchbot run`` and ``matchbot digest`` against the fake Bot API.

Small rates, leases and backoffs (set through the environment) keep these fast; the behaviour is the
production code's.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.store.db import make_engine
from bot.store.models import Digest, DigestStatus, Subscriber

from tests.conftest import fresh_database

from .conftest import bot_environment, say
from .digest_processes import delivered, matchbot, running_bot, seed_subscribers, start, texts_to
from .fake_bot_api import FakeBotApi, FakeUser, SentMessage

pytestmark = pytest.mark.e2e

ALICE = FakeUser(id=301, first_name="Alice", language_code="en")
DARIUSH = FakeUser(id=302, first_name="Dariush", language_code="fa")
CAROL = FakeUser(id=303, first_name="Carol", language_code="en")
EVE = FakeUser(id=304, first_name="Eve", language_code="en")
FAST = {"digest_retry_base_seconds": 0.05, "digest_max_retries": 6}

NEW_LISTINGS = """code,name_en,name_fa,aliases,hs_code,sector,annual_import_usd,status,description
AUT-901,Ceramic brake disc,دیسک ترمز سرامیکی,,870830,automotive,4000000,open,
OGS-901,Gate valve for pipelines,شیر کشویی خط لوله,,848180,oil_gas,3000000,open,
OGS-902,Ball valve for pipelines,شیر توپی خط لوله,,848180,oil_gas,2000000,open,
"""


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    """A fake Bot API of the test's own (the processes of one test share it)."""
    with FakeBotApi() as api:
        yield api


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def digest_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of the test's own: these tests count every digest in it."""
    return fresh_database(request.param, tmp_path)


def rows(digest_database: str) -> list[Digest]:
    engine = make_engine(digest_database)
    with Session(engine) as session:
        found = list(session.exec(select(Digest).order_by(Digest.user_id)))
    engine.dispose()
    return found


def tap(fake: FakeBotApi, user: FakeUser, message: SentMessage, label: str, contains: str) -> SentMessage:
    """Press the button labelled ``label`` and wait for the message to show ``contains``."""
    mark = fake.mark(user.id)
    fake.press_button(user, message, label)
    return fake.wait_for_message(user.id, after=mark, contains=contains)


def test_subscribers_get_what_fits_them_and_nobody_else_anything(fake: FakeBotApi, digest_database: str, tmp_path: Path) -> None:
    env = bot_environment(fake, digest_database, digest_interval_seconds=1, **FAST)
    matchbot("seed", env=env, cwd=tmp_path)
    with running_bot(fake, env, tmp_path):
        # Alice: automotive, daily, through the keyboards.
        picker = say(fake, ALICE, "/subscribe", "Tick the sectors")
        picker = tap(fake, ALICE, picker, "Automotive", "Tick the sectors")
        frequency = tap(fake, ALICE, picker, "Done", "How often")
        hours = tap(fake, ALICE, frequency, "Once a day", "At what time")
        tap(fake, ALICE, hours, "08:00", "every day at 08:00")
        # Dariush: a Persian alert for valves, leaving ball valves out.
        say(fake, DARIUSH, "/alert شیر -توپی", "هشدار ثبت شد")
        # Carol: rail only, where nothing will be new. Eve: automotive, instantly.
        picker = tap(fake, CAROL, say(fake, CAROL, "/subscribe", "Tick the sectors"), "Rail", "Tick the sectors")
        tap(fake, CAROL, tap(fake, CAROL, picker, "Done", "How often"), "As soon", "as soon as they appear")
        picker = tap(fake, EVE, say(fake, EVE, "/subscribe", "Tick the sectors"), "Automotive", "Tick the sectors")
        tap(fake, EVE, tap(fake, EVE, picker, "Done", "How often"), "As soon", "as soon as they appear")

        (tmp_path / "new.csv").write_text(NEW_LISTINGS, encoding="utf-8")
        assert "3 new" in matchbot("import", "new.csv", env=env, cwd=tmp_path).stdout
        # The bot's own scheduler serves the instant subscriber; the daily ones are not due yet.
        instant = fake.wait_for_message(EVE.id, contains="What is new for you", timeout=20)
        assert "AUT-901" in instant.visible_text and "OGS-90" not in instant.visible_text

        out = matchbot("digest", env=env, cwd=tmp_path).stdout
        assert "planned 2 digest(s)" in out, out
        alice = fake.wait_for_message(ALICE.id, contains="What is new for you")
        assert "AUT-901" in alice.visible_text and "OGS-90" not in alice.visible_text
        dariush = fake.wait_for_message(DARIUSH.id, contains="تازه‌های شما")
        assert "OGS-901" in dariush.visible_text and "OGS-902" not in dariush.visible_text and "AUT-901" not in dariush.visible_text
        assert "start=p_OGS-901" in dariush.text
        # The link in the digest opens the listing's card.
        say(fake, DARIUSH, "/start p_OGS-901", "OGS-901")
        time.sleep(1.5)  # another scheduler tick: nothing else goes out
    assert [len([t for t in texts_to(fake, user.id) if "📬" in t]) for user in (ALICE, DARIUSH, CAROL, EVE)] == [1, 1, 0, 1]
    assert all(row.status == DigestStatus.SENT for row in rows(digest_database))
    assert {row.user_id: row.trigger for row in rows(digest_database)} == {ALICE.id: "manual", DARIUSH.id: "manual", EVE.id: "instant"}
    assert fake.rejected == []


def test_429s_a_blocker_and_502s_still_serve_everyone_else_once(fake: FakeBotApi, digest_database: str, tmp_path: Path) -> None:
    users = seed_subscribers(digest_database, fake, 40)
    blocker = users[7]
    fake.block_user(blocker)
    fake.rate_limit_per_second = 15  # the server answers 429 whenever the bot goes faster
    fake.fail_next("sendMessage", status=429, times=3, retry_after=1)
    stop = threading.Event()

    def now_and_then() -> None:
        for _ in range(15):
            if stop.wait(0.15):
                return
            fake.fail_next("sendMessage", status=502)

    injector = threading.Thread(target=now_and_then)
    injector.start()
    env = bot_environment(fake, digest_database, digest_send_rate=40, digest_workers=4, **FAST)
    try:
        out = matchbot("digest", env=env, cwd=tmp_path).stdout
    finally:
        stop.set()
        injector.join()
    assert "sent 39 digest(s)" in out and "1 blocked the bot" in out, out
    counts = delivered(fake)
    assert {user: counts[user] for user in users} == {user: 0 if user == blocker else 1 for user in users}
    injected = [call for call in fake.calls if call.injected]
    assert {call.status for call in injected} >= {429, 403, 502}
    engine = make_engine(digest_database)
    with Session(engine) as session:
        subscriber = session.get(Subscriber, blocker)
        assert subscriber is not None and not subscriber.active and subscriber.stopped_reason == "blocked"
    engine.dispose()
    assert "sent 0 digest(s)" in matchbot("digest", env=env, cwd=tmp_path).stdout
    assert fake.rejected == []


def test_killed_mid_round_and_run_again_everyone_has_exactly_one_digest(fake: FakeBotApi, digest_database: str, tmp_path: Path) -> None:
    users = seed_subscribers(digest_database, fake, 300)
    workers = 4
    env = bot_environment(fake, digest_database, digest_send_rate=150, digest_workers=workers, digest_claim_lease_seconds=2, **FAST)
    process = start("digest", env=env, cwd=tmp_path, log=tmp_path / "digest.log")
    deadline = time.monotonic() + 60
    while sum(delivered(fake).values()) < 100:
        assert process.poll() is None, (tmp_path / "digest.log").read_text()
        assert time.monotonic() < deadline, "the round did not get going"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    before = delivered(fake)
    assert 100 <= sum(before.values()) < 300
    time.sleep(2.2)  # the dead sender's claims run out
    matchbot("digest", env=env, cwd=tmp_path)
    counts = delivered(fake)
    repeated = [user for user in users if counts[user] > 1]
    # Everyone got their digest; only a message in flight at the kill (one per worker at most) went twice.
    assert all(counts[user] >= 1 for user in users)
    assert all(counts[user] == 2 and len(set(texts_to(fake, user))) == 1 for user in repeated)
    assert len(repeated) <= workers
    assert [row.status for row in rows(digest_database)] == [DigestStatus.SENT] * 300
    assert fake.rejected == []


def test_two_senders_at_once_send_each_digest_once(fake: FakeBotApi, digest_database: str, tmp_path: Path) -> None:
    users = seed_subscribers(digest_database, fake, 80)
    env = bot_environment(fake, digest_database, digest_send_rate=100, digest_workers=4, **FAST)
    asked = len(fake.calls)
    dry = matchbot("digest", "--dry-run", env=env, cwd=tmp_path).stdout
    assert dry.count("would send 1 message(s) to ") == 80 and "nothing was sent or written" in dry, dry
    assert len(fake.calls) == asked  # a dry run asks the Bot API nothing, not even getMe
    assert delivered(fake) == {} and rows(digest_database) == []
    senders = [start("digest", env=env, cwd=tmp_path, log=tmp_path / f"digest{n}.log") for n in (1, 2)]
    for n, sender in enumerate(senders, 1):
        assert sender.wait(timeout=120) == 0, (tmp_path / f"digest{n}.log").read_text()
    counts = delivered(fake)
    assert {user: counts[user] for user in users} == dict.fromkeys(users, 1)
    assert len(rows(digest_database)) == 80
    assert fake.rejected == []


def test_sigterm_finishes_the_messages_in_flight_hands_the_rest_back_and_exits_0(
    fake: FakeBotApi, digest_database: str, tmp_path: Path
) -> None:
    users = seed_subscribers(digest_database, fake, 200)
    # A long lease: digests left claimed by the stopped sender would wait two minutes for the next round.
    env = bot_environment(fake, digest_database, digest_send_rate=40, digest_workers=4, digest_claim_lease_seconds=120, **FAST)
    log = tmp_path / "digest.log"
    process = start("digest", env=env, cwd=tmp_path, log=log)
    deadline = time.monotonic() + 60
    while sum(delivered(fake).values()) < 30:
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "the round did not get going"
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0, log.read_text()
    assert "stopped on request" in log.read_text()
    before = delivered(fake)
    assert 30 <= sum(before.values()) < 200
    # Nothing is left claimed, and nothing was sent without being recorded.
    statuses = [row.status for row in rows(digest_database)]
    assert DigestStatus.SENDING not in statuses and statuses.count(DigestStatus.SENT) == sum(before.values())
    # The next round, at once (well inside the lease), sends the rest: everyone exactly once.
    matchbot("digest", env=env, cwd=tmp_path)
    counts = delivered(fake)
    assert {user: counts[user] for user in users} == dict.fromkeys(users, 1)
    assert [row.status for row in rows(digest_database)] == [DigestStatus.SENT] * 200
    assert fake.rejected == []


def test_three_senders_together_keep_one_rate_no_429_and_send_each_digest_once(
    fake: FakeBotApi, digest_database: str, tmp_path: Path
) -> None:
    users = seed_subscribers(digest_database, fake, 240)
    fake.rate_limit_per_second = 30  # Telegram's limit for the bot as a whole, whichever process sends
    env = bot_environment(fake, digest_database, digest_send_rate=25, digest_workers=4, **FAST)
    senders = [start("digest", env=env, cwd=tmp_path, log=tmp_path / f"digest{n}.log") for n in (1, 2, 3)]
    for n, sender in enumerate(senders, 1):
        assert sender.wait(timeout=120) == 0, (tmp_path / f"digest{n}.log").read_text()
    sends = [call for call in fake.calls if call.method == "sendMessage" and int(call.params["chat_id"]) in set(users)]
    assert [call for call in sends if call.status == 429] == []
    counts = delivered(fake)
    assert {user: counts[user] for user in users} == dict.fromkeys(users, 1)
    # All three took part: each sent some (so the shared rate, not one process doing everything, kept it under).
    logs = [(tmp_path / f"digest{n}.log").read_text() for n in (1, 2, 3)]
    shares = [int(found.group(1)) for text in logs if (found := re.search(r"^sent (\d+) digest\(s\)", text, re.MULTILINE))]
    assert len(shares) == 3 and sum(shares) == 240 and min(shares) > 0, logs
    assert fake.rejected == []


def _aut_002(status: str) -> str:
    """The seed's AUT-002 row (awarded there) with another status, as a file to import."""
    lines = (Path(__file__).parents[2] / "seed_data" / "products" / "automotive.csv").read_text(encoding="utf-8").splitlines()
    row = next(line for line in lines if line.startswith("AUT-002,"))
    return "\n".join([lines[0], row.replace(",awarded,", f",{status},")]) + "\n"


def test_tell_me_if_it_reopens_tells_once_about_that_listing_only(fake: FakeBotApi, digest_database: str, tmp_path: Path) -> None:
    env = bot_environment(fake, digest_database, **FAST)
    matchbot("seed", env=env, cwd=tmp_path)
    with running_bot(fake, env, tmp_path):
        # AUT-002 is awarded: its card offers "Tell me if it reopens", and one tap says exactly what will happen.
        card = say(fake, ALICE, "/product AUT-002", "AUT-002")
        saved = tap(fake, ALICE, card, "Tell me if it reopens", "reopens")
        assert saved.visible_text.startswith("🔔 I will tell you if AUT-002 reopens.")
        assert "Only this listing: nothing is sent about similar ones." in saved.visible_text
        again = tap(fake, ALICE, card, "Tell me if it reopens", "already waiting")
        assert again.visible_text.startswith("🔔 You are already waiting for AUT-002 to reopen")
        farsi = say(fake, DARIUSH, "/product AUT-002", "AUT-002")
        saved_fa = tap(fake, DARIUSH, farsi, "اگر دوباره باز شد خبرم کن", "خبرتان می‌کنم")
        assert saved_fa.visible_text.startswith("🔔 اگر AUT-002 دوباره باز شد، خبرتان می‌کنم.")
        mysubs = say(fake, ALICE, "/mysubs", "Your subscriptions")
        assert "Waiting to reopen" in mysubs.visible_text and "• AUT-002 · Brake pad set — 🔵 awarded" in mysubs.visible_text
        assert "Alerts" not in mysubs.visible_text  # no alert on its name

        # A look-alike listing and AUT-002 closed (still not open): nothing for them.
        (tmp_path / "alike.csv").write_text(
            "code,name_en,name_fa,aliases,hs_code,sector,annual_import_usd,status,description\n"
            "AUT-902,Brake pad set for buses,لنت ترمز اتوبوس,,870830,automotive,100,open,\n", encoding="utf-8")
        matchbot("import", "alike.csv", env=env, cwd=tmp_path)
        (tmp_path / "closed.csv").write_text(_aut_002("closed"), encoding="utf-8")
        matchbot("import", "closed.csv", env=env, cwd=tmp_path)
        assert "planned 0 digest(s)" in matchbot("digest", env=env, cwd=tmp_path).stdout

        # Reopened: each is told once, in their language, with a link to the card; the watch is gone.
        (tmp_path / "open.csv").write_text(_aut_002("open"), encoding="utf-8")
        matchbot("import", "open.csv", env=env, cwd=tmp_path)
        out = matchbot("digest", env=env, cwd=tmp_path).stdout
        assert "planned 2 digest(s)" in out, out
        alice = fake.wait_for_message(ALICE.id, contains="What is new for you")
        assert "Open again, as you asked" in alice.visible_text and "AUT-002 · Brake pad set" in alice.visible_text
        assert "AUT-902" not in alice.visible_text and "start=p_AUT-002" in alice.text
        dariush = fake.wait_for_message(DARIUSH.id, contains="تازه‌های شما")
        assert "دوباره باز شد، همان‌طور که خواسته بودید" in dariush.visible_text and "AUT-002" in dariush.visible_text
        assert "AUT-902" not in dariush.visible_text
        card = say(fake, ALICE, "/start p_AUT-002", "AUT-002")
        assert "✋ I'm interested" in [text for text, _ in card.buttons()]
        assert say(fake, ALICE, "/mysubs", "no subscriptions").visible_text.startswith("You have no subscriptions.")

        # Closed and reopened again: nobody is told a second time.
        matchbot("import", "closed.csv", env=env, cwd=tmp_path)
        matchbot("import", "open.csv", env=env, cwd=tmp_path)
        assert "planned 0 digest(s)" in matchbot("digest", env=env, cwd=tmp_path).stdout
    assert [len([t for t in texts_to(fake, user.id) if "📬" in t]) for user in (ALICE, DARIUSH)] == [1, 1]
    assert fake.rejected == []
