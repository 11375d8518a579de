"""Digests: change tracking, schedules, what goes into whose digest, and idempotent planning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, event, update
from sqlmodel import Session, select

from bot.services import catalog, digests
from bot.services import subscriptions as subs
from bot.services.digests import DigestContent
from bot.store import catalog as store
from bot.store import users as user_store
from bot.store.db import units_in
from bot.store.models import Desk, Digest, DigestStatus, Frequency, Product, ProductStatus, Subscriber, utcnow

TEHRAN = ZoneInfo("Asia/Tehran")
HEADER = "code,name_en,name_fa,aliases,hs_code,sector,annual_import_usd,status,description,deadline"


def render(content: DigestContent) -> list[dict[str, Any]]:
    return [{"text": " ".join(content.codes()), "reply_markup": None}]


def plan(session: Session, *, due_only: bool = False, dry_run: bool = False, now: datetime | None = None) -> digests.PlanReport:
    return digests.plan_round(unit=units_in(session), now=now or utcnow(), zone=TEHRAN, due_only=due_only, render=render, dry_run=dry_run)


def add_user(session: Session, user_id: int, language: str = "en") -> None:
    user_store.upsert_user(user_id, session=session, first_name=f"U{user_id}", username=None, language=language)


def backdate(session: Session, user_id: int, days: float = 1.0) -> None:
    """Move the subscriber's cursor into the past, as if their last digest were that old; the catalog is older still."""
    cursor = utcnow() - timedelta(days=days)
    session.connection().execute(update(Subscriber).where(Subscriber.user_id == user_id).values(cursor=cursor))
    session.connection().execute(update(Product).values(listing_changed_at=cursor - timedelta(days=1)))
    session.connection().execute(update(Desk).values(created_at=cursor - timedelta(days=1)))
    session.commit()


def import_rows(session: Session, *rows: str) -> None:
    report = catalog.import_products("\n".join([HEADER, *rows]) + "\n", session=session)
    assert report.ok, report.errors


def subscriber(session: Session, user_id: int) -> Subscriber:
    session.expire_all()
    found = session.get(Subscriber, user_id)
    assert found is not None
    return found


# ----------------------------------------------------------------------------- change tracking


def test_listing_changed_at_moves_on_insert_status_and_deadline_only(seeded: Session) -> None:
    def stamp(code: str) -> datetime:
        seeded.expire_all()
        product = store.get_product(code, session=seeded)
        assert product is not None
        return product.listing_changed_at

    import_rows(seeded, "NEW-1,Gate valve,شیر کشویی,,848180,oil_gas,100,open,first,")
    added = stamp("NEW-1")
    import_rows(seeded, "NEW-1,Gate valve (DN50),شیر کشویی,,848180,oil_gas,100,open,edited text,")
    assert stamp("NEW-1") == added  # names and descriptions are not news
    import_rows(seeded, "NEW-1,Gate valve (DN50),شیر کشویی,,848180,oil_gas,100,awarded,edited text,")
    awarded = stamp("NEW-1")
    assert awarded > added
    import_rows(seeded, "NEW-1,Gate valve (DN50),شیر کشویی,,848180,oil_gas,100,awarded,edited text,2030-01-01")
    assert stamp("NEW-1") > awarded


def test_changes_are_read_by_window(seeded: Session) -> None:
    before = utcnow()
    import_rows(seeded, "NEW-1,Gate valve,شیر کشویی,,848180,oil_gas,100,open,,")
    after = utcnow()
    assert [p.code for p in store.products_changed(session=seeded, after=before, until=after)] == ["NEW-1"]
    assert store.products_changed(session=seeded, after=after, until=utcnow()) == []


# ------------------------------------------------------------------------------------- schedule


def at(text: str) -> datetime:
    """A Tehran wall-clock time (UTC+03:30) as a UTC instant."""
    return datetime.fromisoformat(text).replace(tzinfo=TEHRAN).astimezone(UTC)


@pytest.mark.parametrize(
    ("frequency", "weekday", "now", "slot"),
    [
        (Frequency.DAILY, 0, "2025-01-15T10:00", "2025-01-15T09:00"),
        (Frequency.DAILY, 0, "2025-01-15T08:59", "2025-01-14T09:00"),
        (Frequency.WEEKLY, 5, "2025-01-15T10:00", "2025-01-11T09:00"),  # Wednesday → the Saturday before
        (Frequency.WEEKLY, 2, "2025-01-15T08:00", "2025-01-08T09:00"),  # Wednesday before 09:00 → last week
        (Frequency.WEEKLY, 2, "2025-01-15T09:00", "2025-01-15T09:00"),
    ],
)
def test_latest_slot(frequency: Frequency, weekday: int, now: str, slot: str) -> None:
    subscriber = Subscriber(user_id=1, frequency=frequency, weekday=weekday, hour=9)
    assert digests.latest_slot(subscriber, at(now), TEHRAN) == at(slot)


def test_due_means_a_slot_after_the_cursor_so_downtime_gives_one_digest() -> None:
    subscriber = Subscriber(user_id=1, frequency=Frequency.DAILY, hour=9, cursor=at("2025-01-10T09:00"))
    assert digests.is_due(subscriber, at("2025-01-15T10:00"), TEHRAN)  # five missed days: one digest is due
    subscriber.cursor = at("2025-01-15T09:00:01")
    assert not digests.is_due(subscriber, at("2025-01-15T23:00"), TEHRAN)
    assert digests.is_due(Subscriber(user_id=1, frequency=Frequency.INSTANT), at("2025-01-15T10:00"), TEHRAN)


# ------------------------------------------------------------------------------------- content


def test_digest_holds_subscribed_sectors_and_alert_hits_ranked_with_closing_soon(seeded: Session) -> None:
    add_user(seeded, 1)
    subs.subscribe(1, ["rail"], Frequency.DAILY, session=seeded)
    subs.add_alert(1, "pipeline valve -ball", session=seeded)
    seeded.commit()
    soon = (utcnow().astimezone(TEHRAN).date() + timedelta(days=3)).isoformat()
    passed = (utcnow().astimezone(TEHRAN).date() - timedelta(days=1)).isoformat()  # passed: not "closing soon"
    import_rows(
        seeded,
        "RAI-901,Bogie frame,قاب بوژی,,860799,rail,5000000,open,,",
        "RAI-902,Rail fastening clip,گیره ریل,,730290,rail,9000000,open,,",
        f"RAI-903,Brake block,لنت ترمز قطار,,860721,rail,100,open,,{soon}",
        f"RAI-904,Axle box,جعبه محور,,860719,rail,50,open,,{passed}",
        "OGS-901,Gate valve for pipelines,شیر کشویی خط لوله,,848180,oil_gas,100,open,,",
        "OGS-902,Ball valve for pipelines,شیر توپی خط لوله,,848180,oil_gas,100,open,,",
        "AUT-901,Gearbox housing,پوسته گیربکس,,870840,automotive,100,open,,",
    )
    report = plan(seeded, dry_run=True)
    (planned,) = report.planned
    # Closing soon first; then sectors by import value (rail's clip outweighs the valve), each by value.
    assert planned.codes == ["RAI-903", "RAI-902", "RAI-901", "RAI-904", "OGS-901"]


def test_changed_listings_are_marked_and_new_desks_listed(seeded: Session) -> None:
    add_user(seeded, 1)
    subs.subscribe(1, ["automotive"], Frequency.DAILY, session=seeded)
    seeded.commit()
    seeded.connection().execute(update(Subscriber).values(cursor=utcnow()))
    seeded.commit()
    product = store.get_product("AUT-002", session=seeded)
    assert product is not None
    import_rows(seeded, f"AUT-002,{product.name_en},{product.name_fa},,{product.hs_code},automotive,100,closed,,")
    store.upsert_desks([{"code": "DESK-AUT2", "sector": "automotive", "name_en": "Second automotive desk", "name_fa": "میز دوم خودرو"}], session=seeded)
    seeded.commit()
    captured: list[DigestContent] = []
    digests.plan_round(unit=units_in(seeded), now=utcnow(), zone=TEHRAN, due_only=False, dry_run=True,
                       render=lambda content: captured.append(content) or render(content))
    (content,) = captured
    ((sector, items),) = content.sections
    assert sector.key == "automotive" and [(i.product.code, i.is_new, i.product.status) for i in items] == [("AUT-002", False, ProductStatus.CLOSED)]
    assert [desk.code for desk, _ in content.desks] == ["DESK-AUT2"]


def _aut_002(session: Session, status: str) -> None:
    product = store.get_product("AUT-002", session=session)
    assert product is not None
    import_rows(session, f"AUT-002,{product.name_en},{product.name_fa},,{product.hs_code},automotive,100,{status},,")


def test_a_watched_listing_is_told_once_when_it_reopens_and_its_look_alikes_never(seeded: Session) -> None:
    add_user(seeded, 1, "fa")
    outcome = subs.alert_from_product(1, "AUT-002", "fa", session=seeded)  # awarded in the seed
    assert isinstance(outcome, subs.WatchOutcome) and outcome.created
    again = subs.alert_from_product(1, "aut-002", "fa", session=seeded)
    assert isinstance(again, subs.WatchOutcome) and not again.created
    assert subs.overview(1, session=seeded).alerts == [] and [w.product_code for w, _ in subs.overview(1, session=seeded).watches] == ["AUT-002"]
    seeded.commit()
    backdate(seeded, 1)
    import_rows(seeded, "AUT-901,Brake pad set for buses,لنت ترمز اتوبوس,,870830,automotive,100,open,,")
    _aut_002(seeded, "closed")  # changed, but still takes no interest
    assert plan(seeded).planned == []
    _aut_002(seeded, "open")
    captured: list[DigestContent] = []
    digests.plan_round(unit=units_in(seeded), now=utcnow(), zone=TEHRAN, due_only=False, dry_run=True,
                       render=lambda content: captured.append(content) or render(content))
    (content,) = captured
    assert [item.product.code for item in content.reopened] == ["AUT-002"] and content.sections == [] and content.codes() == ["AUT-002"]
    (planned,) = plan(seeded).planned
    assert planned.codes == ["AUT-002"]
    digest = seeded.exec(select(Digest)).one()
    assert digests.Selection.from_json(digest.content).reopened == ("AUT-002",)
    # Told once: the watch went with the planning, so the same reopening is not planned again.
    assert subs.overview(1, session=seeded).watches == []
    seeded.delete(digest)
    seeded.commit()
    assert plan(seeded).planned == []


def test_a_selection_planned_before_watches_reads_as_none_reopened() -> None:
    old = digests.Selection.from_json('{"items":[["AUT-002",false,[]]],"desks":[]}')
    assert old.reopened == () and digests.Selection.from_json(old.to_json()) == old
    assert "reopened" not in old.to_json()


def test_unsubscribing_drops_watches_and_a_watch_alone_can_be_resumed(seeded: Session) -> None:
    add_user(seeded, 1)
    assert isinstance(subs.alert_from_product(1, "AUT-002", "en", session=seeded), subs.WatchOutcome)
    assert subs.pause(1, session=seeded) and subs.resume(1, session=seeded) is not None
    assert subs.unsubscribe(1, session=seeded)
    assert subs.overview(1, session=seeded).empty


# ------------------------------------------------------------------------------------ planning


def test_nothing_is_planned_when_nothing_is_new(seeded: Session) -> None:
    add_user(seeded, 1)
    subs.subscribe(1, ["automotive"], Frequency.INSTANT, session=seeded)
    seeded.commit()
    report = plan(seeded)
    assert report.planned == [] and list(seeded.exec(select(Digest))) == []


def test_planning_twice_or_from_two_rounds_adds_one_digest(seeded: Session) -> None:
    add_user(seeded, 1)
    subs.subscribe(1, ["automotive"], Frequency.DAILY, session=seeded)
    seeded.commit()
    backdate(seeded, 1, days=1)
    import_rows(seeded, "AUT-901,Gearbox housing,پوسته گیربکس,,870840,automotive,100,open,,")
    first = plan(seeded)
    assert len(first.planned) == 1
    assert plan(seeded).planned == []  # a digest still waiting is sent first; nothing is planned over it
    # A round that read the cursor before the first digest was planned computes the same period.
    again = digests.outbox.row(user_id=1, period=first.planned[0].period, since=utcnow(), cutoff=utcnow(), trigger="manual",
                               items=1, content="")
    assert digests.outbox.add_many([again], session=seeded) == set()
    (row,) = seeded.exec(select(Digest))
    # Planned, not rendered: the first sender to claim it renders the messages.
    assert row.status == DigestStatus.PENDING and row.messages == "" and "AUT-901" in row.content


def test_due_only_skips_subscribers_whose_time_has_not_come(seeded: Session) -> None:
    add_user(seeded, 1)
    add_user(seeded, 2)
    hour = (utcnow().astimezone(TEHRAN).hour + 12) % 24
    subs.subscribe(1, ["automotive"], Frequency.DAILY, session=seeded, hour=hour)
    subs.subscribe(2, ["automotive"], Frequency.INSTANT, session=seeded)
    seeded.commit()
    seeded.connection().execute(update(Subscriber).values(cursor=utcnow() - timedelta(hours=6)))
    seeded.commit()
    import_rows(seeded, "AUT-901,Gearbox housing,پوسته گیربکس,,870840,automotive,100,open,,")
    assert [p.user_id for p in plan(seeded, due_only=True).planned] == [2]
    assert [p.user_id for p in plan(seeded).planned] == [1]  # a manual round sends to everyone with news


def test_a_due_subscriber_with_nothing_new_has_the_slot_marked_handled(seeded: Session) -> None:
    add_user(seeded, 1)
    subs.subscribe(1, ["rail"], Frequency.DAILY, session=seeded)
    seeded.commit()
    backdate(seeded, 1, days=2)
    import_rows(seeded, "AUT-901,Gearbox housing,پوسته گیربکس,,870840,automotive,100,open,,")
    old = subscriber(seeded, 1).cursor
    report = plan(seeded, due_only=True)
    assert report.planned == [] and report.nothing_new == 1
    assert subscriber(seeded, 1).cursor > old
    # Something new after the slot waits for the next slot instead of going out at once.
    import_rows(seeded, "RAI-901,Bogie frame,قاب بوژی,,860799,rail,5000000,open,,")
    assert plan(seeded, due_only=True).planned == []


def test_an_instant_subscriber_keeps_up_with_changes_that_miss_them(seeded: Session) -> None:
    add_user(seeded, 1)
    subs.subscribe(1, ["rail"], Frequency.INSTANT, session=seeded)
    seeded.commit()
    backdate(seeded, 1, days=1)
    old = subscriber(seeded, 1).cursor
    assert plan(seeded, due_only=True).nothing_new == 1 and subscriber(seeded, 1).cursor == old  # no change: no write
    import_rows(seeded, "AUT-901,Gearbox housing,پوسته گیربکس,,870840,automotive,100,open,,")
    assert plan(seeded, due_only=True).planned == []
    assert subscriber(seeded, 1).cursor > old  # the next round reads the catalog from here on


def test_dry_run_writes_nothing(seeded: Session) -> None:
    add_user(seeded, 1, "fa")
    subs.subscribe(1, ["automotive"], Frequency.DAILY, session=seeded)
    seeded.commit()
    backdate(seeded, 1, days=2)
    import_rows(seeded, "AUT-901,Gearbox housing,پوسته گیربکس,,870840,automotive,100,open,,")
    old = subscriber(seeded, 1).cursor
    report = plan(seeded, dry_run=True, due_only=True)
    assert [(p.user_id, p.language) for p in report.planned] == [(1, "fa")]
    assert list(seeded.exec(select(Digest))) == [] and subscriber(seeded, 1).cursor == old


def test_paused_and_stopped_subscribers_get_nothing(seeded: Session) -> None:
    for user_id in (1, 2, 3):
        add_user(seeded, user_id)
        subs.subscribe(user_id, ["automotive"], Frequency.INSTANT, session=seeded)
    subs.pause(2, session=seeded)
    subs.unsubscribe(3, session=seeded)
    seeded.commit()
    seeded.connection().execute(update(Subscriber).values(cursor=utcnow() - timedelta(days=1)))
    seeded.commit()
    assert [p.user_id for p in plan(seeded).planned] == [1]  # the seed catalog is news to the one still subscribed


def test_sent_digest_moves_the_cursor_and_the_next_starts_there(engine: Engine) -> None:
    with Session(engine) as session:
        catalog.seed(session=session)
        add_user(session, 1)
        subs.subscribe(1, ["automotive"], Frequency.INSTANT, session=session)
        session.commit()
        backdate(session, 1, days=1)
        import_rows(session, "AUT-900,Clutch disc,صفحه کلاچ,,870893,automotive,100,open,,")
        (first,) = plan(session).planned
        (row,) = session.exec(select(Digest))
        assert row.id is not None
        claimed = digests.claim(row.id, "me", unit=units_in(session), now=utcnow(), lease=timedelta(minutes=2), zone=TEHRAN, render=render)
        assert claimed is not None
        assert digests.record_progress(claimed, "me", [11], session=session, now=utcnow())
        session.commit()
        assert subscriber(session, 1).cursor == row.cutoff
        import_rows(session, "AUT-901,Gearbox housing,پوسته گیربکس,,870840,automotive,100,open,,")
        (second,) = plan(session).planned
        assert second.codes == ["AUT-901"] and second.period == digests.period_key(row.cutoff) != first.period


def test_a_round_renders_nothing_and_writes_its_digests_in_one_insert_per_batch(engine: Engine) -> None:
    """Planning 100,000 subscribers took 200 s, mostly rendering and one INSERT per digest (docs/benchmarks.md)."""
    with Session(engine) as session:
        catalog.seed(session=session)
        for user_id in range(1, 41):
            add_user(session, user_id)
            subs.subscribe(user_id, ["automotive"], Frequency.INSTANT, session=session)
        session.commit()
        session.connection().execute(update(Subscriber).values(cursor=utcnow() - timedelta(days=1)))
        session.commit()
        inserts: list[str] = []

        def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            if statement.lstrip().upper().startswith("INSERT INTO DIGEST"):
                inserts.append(statement)

        rendered: list[DigestContent] = []
        event.listen(engine, "before_cursor_execute", count)
        try:
            report = digests.plan_round(unit=units_in(session), now=utcnow(), zone=TEHRAN, due_only=False,
                                        render=lambda content: rendered.append(content) or render(content))
        finally:
            event.remove(engine, "before_cursor_execute", count)
    assert len(report.planned) == 40 and rendered == [] and len(inserts) == 1
    with Session(engine) as session:
        assert all(row.messages == "" and row.items > 0 and "AUT-" in row.content for row in session.exec(select(Digest)))
