"""Standing requests: asking (only the searcher, once), fulfilling on every listing write path, and telling through the
digest outbox exactly once, also across a crash of the sender."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update
from sqlmodel import Session, select

from bot.services import browse, catalog, digests, listings, requests
from bot.services import subscriptions as subs
from bot.services.requests import Notice
from bot.services.search import Matcher
from bot.store import outbox, stats
from bot.store import users as user_store
from bot.store.db import units_in
from bot.store.models import Digest, DigestStatus, ProductStatus, RequestStatus, StandingRequest, Subscriber, utcnow

TEHRAN = ZoneInfo("Asia/Tehran")
ADMIN = 900
BIKE = {"code": "AUT-090", "name_en": "Bicycle", "name_fa": "دوچرخه", "hs_code": "871492", "sector": "automotive"}
HEADER = "code,name_en,name_fa,aliases,hs_code,sector,annual_import_usd,status,description,deadline"


def add_user(session: Session, user_id: int, language: str = "en") -> None:
    user_store.upsert_user(user_id, session=session, first_name=f"U{user_id}", username=None, language=language)


def searched(session: Session, user_id: int, query: str) -> int:
    """The id of the user's logged search for ``query``."""
    outcome = browse.search(query, session=session, matcher=Matcher.load(session=session), user_id=user_id)
    session.commit()
    return outcome.search_id


def asked(session: Session, user_id: int, query: str, language: str = "en") -> StandingRequest:
    add_user(session, user_id, language)
    outcome = requests.ask(user_id, searched(session, user_id, query), session=session)
    session.commit()
    assert outcome is not None and outcome.created
    return outcome.request


def notices(session: Session) -> list[Digest]:
    session.expire_all()
    return [d for d in outbox.digests(session=session) if d.trigger == requests.TRIGGER]


def request(session: Session, request_id: int | None) -> StandingRequest:
    session.expire_all()
    found = session.get(StandingRequest, request_id)
    assert found is not None
    return found


def render_notice(notice: Notice) -> list[dict[str, Any]]:
    return [{"text": f"{notice.language}|{'/'.join(notice.queries)}|{notice.card.product.code}", "reply_markup": None}]


def claim(session: Session, digest_id: int | None, token: str, *, now: Any = None) -> digests.Claimed | None:
    assert digest_id is not None
    return digests.claim(digest_id, token, unit=units_in(session), now=now or utcnow(), lease=timedelta(minutes=2), zone=TEHRAN,
                         render=lambda content: [], render_notice=render_notice)  # fmt: skip


# ----------------------------------------------------------------------------------------- asking


def test_only_the_searcher_can_ask_once_and_only_after_a_search_nothing_answered(seeded: Session) -> None:
    add_user(seeded, 1)
    add_user(seeded, 2)
    search = searched(seeded, 1, "bicycle")
    assert requests.ask(2, search, session=seeded) is None  # someone else's search (a forged button)
    assert requests.ask(1, search + 1000, session=seeded) is None
    answered = searched(seeded, 1, "engine control unit")
    assert requests.ask(1, answered, session=seeded) is None  # a confident match needs no request
    first = requests.ask(1, search, session=seeded)
    assert first is not None and first.created and first.request.query == "bicycle"
    again = requests.ask(1, search, session=seeded)
    assert again is not None and not again.created and again.request.id == first.request.id
    # The same wording from another search, while the first request waits, is the same request.
    other = requests.ask(1, searched(seeded, 1, "Bicycle"), session=seeded)
    assert other is not None and not other.created and other.request.id == first.request.id
    seeded.commit()
    assert [r.query for r in requests.mine(1, session=seeded)] == ["bicycle"]
    assert requests.mine(2, session=seeded) == []


def test_cancel_only_ones_own_open_request(seeded: Session) -> None:
    mine = asked(seeded, 1, "bicycle")
    add_user(seeded, 2)
    assert not requests.cancel(2, mine.id or 0, session=seeded)
    assert requests.cancel(1, mine.id or 0, session=seeded)
    assert not requests.cancel(1, mine.id or 0, session=seeded)
    seeded.commit()
    assert requests.mine(1, session=seeded) == []
    listings.add_product(ADMIN, BIKE, session=seeded)
    seeded.commit()
    assert notices(seeded) == []  # a cancelled request is told nothing


# -------------------------------------------------------------------------------------- fulfilling


def test_a_listing_added_in_chat_fulfils_matching_requests_with_one_notice_per_person(seeded: Session) -> None:
    english = asked(seeded, 1, "bicycle")
    persian = asked(seeded, 2, "دوچرخه", "fa")
    other = asked(seeded, 3, "wedding dress")
    twice = asked(seeded, 2, "bicycles", "fa")
    saved = listings.add_product(ADMIN, BIKE, session=seeded)
    assert saved.ok
    seeded.commit()
    rows = notices(seeded)
    assert sorted((row.user_id, json.loads(row.content)["code"]) for row in rows) == [(1, "AUT-090"), (2, "AUT-090")]
    assert {row.user_id: json.loads(row.content)["requests"] for row in rows}[2] == sorted([persian.id or 0, twice.id or 0])
    for done in (english, persian, twice):
        found = request(seeded, done.id)
        assert (found.status, found.fulfilled_code, found.told_at) == (RequestStatus.FULFILLED, "AUT-090", None)
        assert found.fulfilled_at is not None
    assert request(seeded, other.id).status == RequestStatus.OPEN
    # Editing the listing again tells nobody a second time.
    listings.edit_product(ADMIN, "AUT-090", {"aliases": "bike frame"}, session=seeded)
    seeded.commit()
    assert len(notices(seeded)) == 2


def test_an_import_and_a_reopen_fulfil_requests_a_closed_listing_does_not(seeded: Session) -> None:
    wanted = asked(seeded, 1, "bicycle")
    report = catalog.import_products(f"{HEADER}\nAUT-090,Bicycle,دوچرخه,,871492,automotive,100,closed,,\n", session=seeded)
    assert report.ok
    assert notices(seeded) == [] and request(seeded, wanted.id).status == RequestStatus.OPEN
    listings.set_status(ADMIN, "AUT-090", ProductStatus.OPEN, session=seeded)
    seeded.commit()
    assert [row.user_id for row in notices(seeded)] == [1]
    gown = asked(seeded, 2, "wedding dress")
    report = catalog.import_products(f"{HEADER}\nTEX-090,Wedding dress,لباس عروس,,620442,textiles,100,open,,\n", session=seeded)
    assert report.ok, report.errors
    assert request(seeded, gown.id).fulfilled_code == "TEX-090"


# ----------------------------------------------------------------------------------------- telling


def test_a_notice_is_rendered_in_the_readers_language_sent_once_and_moves_no_cursor(seeded: Session) -> None:
    wanted = asked(seeded, 2, "دوچرخه", "fa")
    subs.add_alert(2, "valve", session=seeded)
    seeded.commit()
    cursor = seeded.get(Subscriber, 2).cursor  # type: ignore[union-attr]
    listings.add_product(ADMIN, BIKE, session=seeded)
    seeded.commit()
    [row] = notices(seeded)
    claimed = claim(seeded, row.id, "sender")
    assert claimed is not None and claimed.messages[0]["text"] == "fa|دوچرخه|AUT-090"
    assert claim(seeded, row.id, "another") is None  # claimed: nobody else sends it
    assert digests.record_progress(claimed, "sender", [77], session=seeded, now=utcnow())
    seeded.commit()
    assert notices(seeded)[0].status == DigestStatus.SENT
    assert request(seeded, wanted.id).told_at is not None
    seeded.expire_all()
    assert seeded.get(Subscriber, 2).cursor == cursor  # type: ignore[union-attr]
    assert claim(seeded, row.id, "another") is None
    assert stats.count_digests_sent(session=seeded, since=utcnow() - timedelta(days=1)) == 0  # /stats counts digests only


def test_a_crashed_sender_s_notice_is_taken_over_with_the_same_message_and_sent_once(seeded: Session) -> None:
    asked(seeded, 1, "bicycle")
    listings.add_product(ADMIN, BIKE, session=seeded)
    seeded.commit()
    [row] = notices(seeded)
    crashed = claim(seeded, row.id, "crashed")
    assert crashed is not None
    # The sender died before recording anything: within the lease nobody takes it, after it someone does.
    assert claim(seeded, row.id, "heir") is None
    heir = claim(seeded, row.id, "heir", now=utcnow() + timedelta(minutes=3))
    assert heir is not None and heir.messages == crashed.messages and heir.sent_count == 0
    assert not digests.record_progress(crashed, "crashed", [1], session=seeded, now=utcnow())  # too late: not its own
    assert digests.record_progress(heir, "heir", [2], session=seeded, now=utcnow())
    seeded.commit()
    assert claim(seeded, row.id, "third", now=utcnow() + timedelta(hours=1)) is None


def test_a_notice_whose_listing_closed_before_sending_is_settled_silently(seeded: Session) -> None:
    wanted = asked(seeded, 1, "bicycle")
    listings.add_product(ADMIN, BIKE, session=seeded)
    listings.set_status(ADMIN, "AUT-090", ProductStatus.CLOSED, session=seeded)
    seeded.commit()
    [row] = notices(seeded)
    assert claim(seeded, row.id, "sender") is None
    assert notices(seeded)[0].status == DigestStatus.SENT and notices(seeded)[0].messages == "[]"
    assert request(seeded, wanted.id).told_at is None


def test_pausing_or_unsubscribing_keeps_a_waiting_notice(seeded: Session) -> None:
    asked(seeded, 1, "bicycle")
    subs.add_alert(1, "valve", session=seeded)
    listings.add_product(ADMIN, BIKE, session=seeded)
    seeded.commit()
    subs.unsubscribe(1, session=seeded)
    seeded.commit()
    assert [row.status for row in notices(seeded)] == [DigestStatus.PENDING]


def test_the_request_counts_of_a_demand_group(seeded: Session) -> None:
    from bot.services import demand

    asked(seeded, 1, "bicycle")
    asked(seeded, 2, "bicycles", "fa")
    asked(seeded, 3, "wedding dress")
    searched(seeded, 4, "bicycle")
    listings.add_product(ADMIN, BIKE, session=seeded)
    seeded.commit()
    [first, _] = notices(seeded)
    claimed = claim(seeded, first.id, "sender")
    assert claimed is not None and digests.record_progress(claimed, "sender", [5], session=seeded, now=utcnow())
    seeded.commit()
    from bot.services import leads

    leads.register_interest(first.user_id, "AUT-090", session=seeded)
    seeded.commit()
    groups = {group.key: group for group in demand.unmet_demand(session=seeded)}
    bike, gown = groups["bicycle"], groups["wedding dress"]
    assert (bike.searches, bike.requests, bike.told, bike.interested) == (3, 2, 1, 1)
    assert (gown.requests, gown.told, gown.interested) == (1, 0, 0)
    assert seeded.exec(select(StandingRequest).where(StandingRequest.status == RequestStatus.OPEN)).all()[0].query == "wedding dress"
    seeded.connection().execute(update(StandingRequest).values(status=RequestStatus.CANCELLED))
    seeded.commit()
    assert demand.unmet_demand(session=seeded)[0].requests == 0


def test_the_command_line_import_fulfils_a_request_and_report_demand_counts_it(
    seeded: Session, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    wanted = asked(seeded, 1, "bicycle")
    searched(seeded, 2, "bicycles")
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("HEARTBEAT_FILE", str(tmp_path / "heartbeat.json"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "new.csv").write_text(f"{HEADER}\nAUT-090,Bicycle,دوچرخه,,871200,automotive,100,open,,\n", encoding="utf-8")
    assert main(["import", "new.csv"]) == 0
    assert request(seeded, wanted.id).fulfilled_code == "AUT-090"
    capsys.readouterr()
    assert main(["report", "demand"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "  1. bicycle — searches: 2, people: 2, shown related suggestions: 0 [now answered by AUT-090]",  # the imported listing answers it
        "       e.g. “bicycle”, “bicycles”",
        "       standing requests: 1, told: 0, then interested: 0",
    ]
    assert main(["report", "demand", "--json"]) == 0
    (group,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (group["need"], group["requests"], group["told"], group["interested"]) == ("bicycle", 1, 0, 0)


def test_a_listing_written_between_the_search_and_the_tap_fulfils_the_request_at_once(seeded: Session) -> None:
    add_user(seeded, 1)
    search = searched(seeded, 1, "bicycle")
    listings.add_product(ADMIN, BIKE, session=seeded)  # nobody had asked yet
    seeded.commit()
    assert notices(seeded) == []
    outcome = requests.ask(1, search, session=seeded)
    seeded.commit()
    assert outcome is not None and outcome.created
    assert request(seeded, outcome.request.id).fulfilled_code == "AUT-090"
    assert [row.user_id for row in notices(seeded)] == [1]
