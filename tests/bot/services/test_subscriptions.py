"""Subscriptions: alert parsing, sectors, mute/delete, pause, resume and unsubscribe."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from bot.services import subscriptions as subs
from bot.services.subscriptions import SubscriptionError
from bot.store import outbox
from bot.store import searches as search_store
from bot.store import users as user_store
from bot.store.models import Alert, Digest, Frequency, SectorSubscription, Subscriber, utcnow

USER = 701


@pytest.fixture
def user(seeded: Session) -> Session:
    user_store.upsert_user(USER, session=seeded, first_name="Sara", username=None, language="en")
    seeded.commit()
    return seeded


@pytest.mark.parametrize(
    ("text", "query", "exclude"),
    [
        ("valve -ball", "valve", ("ball",)),
        ("  brake   pads ", "brake pads", ()),
        ("شیر -توپی -Check", "شیر", ("توپی", "check")),
        ("pump -ball -ball", "pump", ("ball",)),
        ("well-head valve", "well-head valve", ()),
    ],
)
def test_parse_alert(text: str, query: str, exclude: tuple[str, ...]) -> None:
    assert subs.parse_alert(text) == subs.AlertQuery(query, exclude)


@pytest.mark.parametrize(("text", "refusal"), [("-ball", subs.Refusal.ALERT_EMPTY), ("x" * 101, subs.Refusal.ALERT_TOO_LONG),
                                               ("pump " + " ".join(f"-w{i}" for i in range(11)), subs.Refusal.TOO_MANY_EXCLUSIONS)])
def test_bad_alerts_are_refused_with_a_reason(text: str, refusal: subs.Refusal) -> None:
    with pytest.raises(SubscriptionError) as caught:
        subs.parse_alert(text)
    assert caught.value.refusal is refusal


def test_exclusions_match_words_and_plurals_not_parts() -> None:
    assert subs.excluded(["ball"], "Ball valve")
    assert subs.excluded(["ball"], "Steel balls for mills")
    assert not subs.excluded(["ball"], "Ballast tamping machine")
    assert subs.excluded(["توپی"], "شیر توپی")
    assert not subs.excluded([], "Ball valve")


def test_subscribe_sets_sectors_and_schedule_in_one_go(user: Session) -> None:
    overview = subs.subscribe(USER, ["automotive", "rail"], Frequency.WEEKLY, session=user, weekday=2, hour=18)
    user.commit()
    assert overview.subscriber is not None
    assert (overview.subscriber.frequency, overview.subscriber.weekday, overview.subscriber.hour) == (Frequency.WEEKLY, 2, 18)
    assert [item.sector for item, _ in overview.sectors] == ["automotive", "rail"]
    subs.set_sector_muted(USER, "rail", True, session=user)
    overview = subs.subscribe(USER, ["rail", "steel"], Frequency.DAILY, session=user, hour=7)
    assert [(item.sector, item.muted) for item, _ in overview.sectors] == [("rail", True), ("steel", False)]


def test_subscribe_refuses_unknown_sectors_and_nothing_at_all(user: Session) -> None:
    with pytest.raises(SubscriptionError):
        subs.subscribe(USER, ["nowhere"], Frequency.DAILY, session=user)
    with pytest.raises(SubscriptionError) as caught:
        subs.subscribe(USER, [], Frequency.DAILY, session=user)
    assert caught.value.refusal is subs.Refusal.NO_SECTOR
    assert user.get(Subscriber, USER) is None


def test_alerts_subscribe_with_defaults_and_are_not_duplicated(user: Session) -> None:
    first = subs.add_alert(USER, "Valve -ball", session=user)
    again = subs.add_alert(USER, "valve  -ball", session=user)
    assert first.created and not again.created and again.alert.id == first.alert.id
    assert (first.subscriber.frequency, first.subscriber.active) == (Frequency.DAILY, True)
    assert first.alert.exclude == "ball"
    for number in range(subs.ALERT_LIMIT - 1):
        subs.add_alert(USER, f"pump {number}", session=user)
    with pytest.raises(SubscriptionError) as caught:
        subs.add_alert(USER, "one too many", session=user)
    assert caught.value.refusal is subs.Refusal.TOO_MANY_ALERTS


def test_alert_from_search_and_product(user: Session) -> None:
    search = search_store.add_search("brake pads", session=user, user_id=USER, top_code="AUT-002")
    assert search.id is not None
    outcome = subs.alert_from_search(USER, search.id, session=user)
    assert outcome is not None and outcome.alert.query == "brake pads"
    card = subs.alert_from_product(USER, "AUT-005", "fa", session=user)  # open: listings like it
    assert isinstance(card, subs.AlertOutcome) and card.alert.query == "انژکتور سوخت بنزینی"
    awarded = subs.alert_from_product(USER, "AUT-002", "fa", session=user)  # awarded: that one listing, watched
    assert isinstance(awarded, subs.WatchOutcome) and awarded.product.code == "AUT-002"
    assert subs.alert_from_search(USER, 999_999, session=user) is None
    assert subs.alert_from_product(USER, "NOPE", "en", session=user) is None


def test_mute_and_delete_only_touch_the_users_own_items(user: Session) -> None:
    subs.subscribe(USER, ["automotive"], Frequency.INSTANT, session=user)
    alert = subs.add_alert(USER, "valve", session=user).alert
    assert alert.id is not None
    user_store.upsert_user(702, session=user, first_name="Other", username=None, language="en")
    assert subs.set_alert_muted(702, alert.id, True, session=user) is None
    assert subs.delete_alert(702, alert.id, session=user) is None
    overview = subs.set_alert_muted(USER, alert.id, True, session=user)
    assert overview is not None and overview.alerts[0].muted
    assert subs.delete_sector(USER, "rail", session=user) is None
    overview = subs.delete_sector(USER, "automotive", session=user)
    assert overview is not None and overview.sectors == []
    overview = subs.delete_alert(USER, alert.id, session=user)
    assert overview is not None and overview.empty


def _pending_digest(session: Session) -> None:
    now = utcnow()
    outbox.add(session=session, user_id=USER, period="p", since=now, cutoff=now, trigger="daily", items=1, messages="[]")


def test_pause_drops_waiting_digests_and_resume_catches_up(user: Session) -> None:
    assert not subs.pause(USER, session=user)
    subs.subscribe(USER, ["automotive"], Frequency.DAILY, session=user)
    subscriber = user.get(Subscriber, USER)
    assert subscriber is not None
    cursor = subscriber.cursor
    _pending_digest(user)
    assert subs.pause(USER, session=user)
    assert outbox.digests(session=user) == []
    resumed = subs.resume(USER, session=user)
    assert resumed is not None and not resumed.paused and resumed.cursor == cursor  # what appeared meanwhile comes next


def test_resume_after_being_blocked_starts_from_now(user: Session) -> None:
    earlier = utcnow() - timedelta(days=3)
    subs.subscribe(USER, ["automotive"], Frequency.DAILY, session=user, now=earlier)
    subscriber = user.get(Subscriber, USER)
    assert subscriber is not None
    subscriber.active, subscriber.stopped_reason = False, subs.STOPPED_BLOCKED
    user.add(subscriber)
    resumed = subs.resume(USER, session=user)
    assert resumed is not None and resumed.active and resumed.cursor > earlier + timedelta(days=2)


def test_unsubscribe_stops_everything(user: Session) -> None:
    assert not subs.unsubscribe(USER, session=user)
    subs.subscribe(USER, ["automotive"], Frequency.DAILY, session=user)
    subs.add_alert(USER, "valve", session=user)
    _pending_digest(user)
    assert subs.unsubscribe(USER, session=user)
    user.commit()
    assert list(user.exec(select(SectorSubscription))) == [] and list(user.exec(select(Alert))) == []
    assert list(user.exec(select(Digest))) == []
    subscriber = user.get(Subscriber, USER)
    assert subscriber is not None and not subscriber.active and subscriber.stopped_reason == "unsubscribed"
    assert subs.resume(USER, session=user) is None
    overview = subs.subscribe(USER, ["rail"], Frequency.INSTANT, session=user)
    assert overview.subscriber is not None and overview.subscriber.active
