"""Capable suppliers for the desks and mutual introductions, at the service level: who sees what, every step
recorded in one transaction with its audit entry, and double or forged answers refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import delete
from sqlmodel import Session, select

from bot.services import audit, introductions, scorecard, suppliers, users
from bot.services.admins import Rights
from bot.services.introductions import Answered, Refused
from bot.services.suppliers import Drafting, Dropped, Refusal, RegistryContact, Relay
from bot.store import catalog
from bot.store.models import AuditEntry, Introduction, IntroductionState, ManufacturerProfile, ProfileSource, utcnow

INVESTOR = 501
MAKER = 601
OTHER_MAKER = 602
OFFICER = 701
ADMIN = Rights(900)
MACHINERY_OFFICER = Rights(OFFICER, frozenset({"DESK-MCH"}), frozenset({"machinery"}))
AUTOMOTIVE_OFFICER = Rights(OFFICER, frozenset({"DESK-AUT"}), frozenset({"automotive"}))
GEARBOX = "MCH-007"  # Helical gear reducer


def profile(session: Session, company: str, *, user_id: int | None, consent: bool = True, **fields: object) -> ManufacturerProfile:
    """A profile able to make helical gear reducers, as /profile or the registry import would store it."""
    if user_id is not None:
        users.remember(user_id, session=session, first_name=company.split()[0], username=None, language_code="fa")
    values: dict[str, object] = {"makes": "helical gear reducer, industrial gearbox", "processes": "machining;casting",
                                 "certifications": "iso_9001", "province": "isfahan", "consent": consent}
    values.update(fields)
    made = ManufacturerProfile(user_id=user_id, company=company, source=ProfileSource.CHAT if user_id else ProfileSource.REGISTRY,
                               **values)  # type: ignore[arg-type]
    session.add(made)
    session.flush()
    return made


@pytest.fixture
def people(seeded: Session) -> Session:
    # Without the seed's illustrative registry units: each test's suppliers are its own.
    seeded.exec(delete(ManufacturerProfile))  # type: ignore[call-overload]
    users.remember(INVESTOR, session=seeded, first_name="Alice", username="alice", language_code="en")
    users.remember(OFFICER, session=seeded, first_name="Omid", username=None, language_code="fa")
    return seeded


def _audit(session: Session, action: str) -> list[AuditEntry]:
    return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)))


def test_staff_of_the_listings_desk_see_every_capable_supplier_and_nobody_else_does(people: Session) -> None:
    chat_unit = profile(people, "Pars Gear Co", user_id=MAKER, consent=False)
    registry_unit = profile(people, "Sepahan Transmission", user_id=None, unit_id="R-1", contact="+98 31 1234 5678",
                            idle=True, idle_since=date(2025, 3, 1))
    profile(people, "Tabriz Textiles", user_id=OTHER_MAKER, makes="cotton yarn", processes="weaving")

    found = suppliers.supplier_list(GEARBOX.lower(), session=people, rights=ADMIN)
    assert not isinstance(found, Refusal)
    assert {s.profile.id for s in found.suppliers} == {chat_unit.id, registry_unit.id}  # not the textile mill
    assert all(s.fit.reasons for s in found.suppliers)
    assert suppliers.supplier_list(GEARBOX, session=people, rights=MACHINERY_OFFICER) != Refusal.NOT_YOURS
    assert suppliers.supplier_list(GEARBOX, session=people, rights=AUTOMOTIVE_OFFICER) is Refusal.NOT_YOURS
    assert suppliers.supplier_list("MCH-999", session=people, rights=ADMIN) is Refusal.UNKNOWN

    product = catalog.get_product(GEARBOX, session=people)
    assert product is not None
    assert suppliers.count_for(ADMIN, product, session=people) == 2
    assert suppliers.count_for(AUTOMOTIVE_OFFICER, product, session=people) is None
    assert suppliers.count_for(None, product, session=people) is None


def test_a_registry_unit_shows_its_contact_and_a_chat_profile_gets_the_officers_message(people: Session) -> None:
    chat_unit = profile(people, "Pars Gear Co", user_id=MAKER)
    registry_unit = profile(people, "Sepahan Transmission", user_id=None, unit_id="R-1", contact="+98 31 1234 5678")
    assert chat_unit.id is not None and registry_unit.id is not None

    shown = suppliers.start_contact(OFFICER, GEARBOX, registry_unit.id, session=people, rights=MACHINERY_OFFICER)
    assert isinstance(shown, RegistryContact) and shown.profile.contact == "+98 31 1234 5678"
    assert [entry.target for entry in _audit(people, audit.SUPPLIER_CONTACT)] == [str(registry_unit.id)]
    assert suppliers.take_message(OFFICER, "hello", session=people, rights=MACHINERY_OFFICER) is None  # nothing waited for

    # Another desk's officer, or a profile not capable of the listing (a forged button), is refused.
    assert suppliers.start_contact(OFFICER, GEARBOX, chat_unit.id, session=people, rights=AUTOMOTIVE_OFFICER) is Refusal.NOT_YOURS
    assert suppliers.start_contact(OFFICER, "AUT-001", chat_unit.id, session=people, rights=ADMIN) is Refusal.UNKNOWN

    assert isinstance(suppliers.start_contact(OFFICER, GEARBOX, chat_unit.id, session=people, rights=MACHINERY_OFFICER), Drafting)
    assert suppliers.take_message(OFFICER, "x" * (suppliers.MAX_MESSAGE + 1), session=people, rights=MACHINERY_OFFICER) is Dropped.TOO_LONG
    relay = suppliers.take_message(OFFICER, "  Can you quote 200 units?  ", session=people, rights=MACHINERY_OFFICER)
    assert isinstance(relay, Relay)
    assert (relay.owner_id, relay.product.code, relay.message) == (MAKER, GEARBOX, "Can you quote 200 units?")
    assert relay.desk is not None and relay.desk.code == "DESK-MCH"
    entry = _audit(people, audit.SUPPLIER_CONTACT)[-1]
    assert entry.actor_id == OFFICER and entry.after == {"product": GEARBOX, "to": MAKER, "message": "Can you quote 200 units?"}
    assert suppliers.take_message(OFFICER, "again", session=people, rights=MACHINERY_OFFICER) is None  # taken once


def test_a_message_waited_for_too_long_or_cancelled_is_not_taken(people: Session) -> None:
    chat_unit = profile(people, "Pars Gear Co", user_id=MAKER)
    assert chat_unit.id is not None
    long_ago = utcnow() - suppliers.CONTACT_WAIT - timedelta(minutes=1)
    suppliers.start_contact(OFFICER, GEARBOX, chat_unit.id, session=people, rights=ADMIN, now=long_ago)
    assert suppliers.take_message(OFFICER, "late", session=people, rights=ADMIN) is None
    suppliers.start_contact(OFFICER, GEARBOX, chat_unit.id, session=people, rights=ADMIN)
    assert suppliers.cancel(OFFICER, session=people) and not suppliers.cancel(OFFICER, session=people)
    assert suppliers.take_message(OFFICER, "after cancel", session=people, rights=ADMIN) is None


def test_an_investor_may_ask_only_consenting_chat_owned_suppliers_best_fit_first(people: Session) -> None:
    profile(people, "Hidden Gear", user_id=MAKER, consent=False)
    profile(people, "Registry Gear", user_id=None, unit_id="R-2")  # consents, but nobody in chat can answer
    asked_one = profile(people, "Pars Gear Co", user_id=OTHER_MAKER)
    profile(people, "Own Gear", user_id=INVESTOR)  # the investor's own business is not offered to them

    found = introductions.offer(GEARBOX, INVESTOR, session=people)
    assert found is not None and [s.profile.id for s in found.candidates] == [asked_one.id]
    assert introductions.count_for(GEARBOX, INVESTOR, session=people) == 1
    assert introductions.offer("AUT-001", INVESTOR, session=people) is None  # nobody capable there

    done = introductions.ask(GEARBOX, INVESTOR, session=people)
    assert done is not None
    product, asked = done
    assert product.code == GEARBOX and [item.profile.id for item in asked] == [asked_one.id]
    (row,) = people.exec(select(Introduction)).all()
    assert (row.investor_id, row.profile_id, row.state, row.decided_at) == (INVESTOR, asked_one.id, IntroductionState.ASKED, None)
    assert [entry.target for entry in _audit(people, audit.INTRODUCTION_ASK)] == [str(row.id)]
    # A second tap asks nobody again.
    assert introductions.ask(GEARBOX, INVESTOR, session=people) is None and introductions.count_for(GEARBOX, INVESTOR, session=people) == 0


def test_asking_stops_at_the_most_manufacturers_a_request_reaches(people: Session) -> None:
    for number in range(introductions.MAX_ASKED + 2):
        profile(people, f"Gear Maker {number}", user_id=MAKER + 10 + number)
    done = introductions.ask(GEARBOX, INVESTOR, session=people)
    assert done is not None and len(done[1]) == introductions.MAX_ASKED


def test_accepting_exchanges_contacts_once_and_a_forged_or_second_answer_changes_nothing(people: Session) -> None:
    first = profile(people, "Pars Gear Co", user_id=MAKER)
    profile(people, "Kaveh Gear", user_id=OTHER_MAKER)
    done = introductions.ask(GEARBOX, INVESTOR, session=people)
    assert done is not None
    mine = next(item.introduction for item in done[1] if item.profile.id == first.id)
    assert mine.id is not None

    assert introductions.answer(mine.id, OTHER_MAKER, True, session=people) == (Refused.NOT_YOURS, None)  # not addressed to them
    assert introductions.answer(mine.id, INVESTOR, True, session=people) == (Refused.NOT_YOURS, None)
    assert introductions.answer(10_000, MAKER, True, session=people) == (Refused.NOT_YOURS, None)

    accepted = introductions.answer(mine.id, MAKER, True, session=people)
    assert isinstance(accepted, Answered)
    assert accepted.introduction.state is IntroductionState.ACCEPTED and accepted.introduction.decided_at is not None
    assert accepted.investor is not None and accepted.investor.username == "alice"
    assert (accepted.still_asked, accepted.accepted) == (1, 1)
    again = introductions.answer(mine.id, MAKER, False, session=people)
    assert again == (Refused.ALREADY, accepted.introduction) and accepted.introduction.state is IntroductionState.ACCEPTED
    (entry,) = _audit(people, audit.INTRODUCTION_ACCEPT)
    assert entry.actor_id == MAKER and entry.before == {"state": "asked"} and entry.after == {"state": "accepted"}

    # Both sides see it; the investor learns the company only of the manufacturer who accepted.
    investor_view = introductions.mine(INVESTOR, session=people)
    assert {(item.profile.company if item.profile else None, item.introduction.state) for item in investor_view} == {
        ("Pars Gear Co", IntroductionState.ACCEPTED), (None, IntroductionState.ASKED)}
    (maker_view,) = introductions.mine(MAKER, session=people)
    assert not maker_view.as_investor and maker_view.investor is not None and maker_view.investor.first_name == "Alice"
    assert introductions.has_any(MAKER, session=people) and not introductions.has_any(OFFICER, session=people)


def test_declines_are_told_without_naming_and_a_withdrawal_ends_what_is_pending(people: Session) -> None:
    first = profile(people, "Pars Gear Co", user_id=MAKER)
    second = profile(people, "Kaveh Gear", user_id=OTHER_MAKER)
    done = introductions.ask(GEARBOX, INVESTOR, session=people)
    assert done is not None
    ids = {item.profile.id: item.introduction.id or 0 for item in done[1]}

    declined = introductions.answer(ids[first.id], MAKER, False, session=people)
    assert isinstance(declined, Answered) and (declined.still_asked, declined.accepted) == (1, 0)
    assert declined.introduction.state is IntroductionState.DECLINED

    withdrawn = introductions.withdraw(GEARBOX, INVESTOR, session=people)
    assert [item.profile.id for item in withdrawn] == [second.id]
    assert introductions.withdraw(GEARBOX, INVESTOR, session=people) == []
    assert introductions.answer(ids[second.id], OTHER_MAKER, True, session=people)[0] is Refused.ALREADY
    states = {row.profile_id: row.state for row in people.exec(select(Introduction))}
    assert states == {first.id: IntroductionState.DECLINED, second.id: IntroductionState.WITHDRAWN}
    assert len(_audit(people, audit.INTRODUCTION_DECLINE)) == 1 and len(_audit(people, audit.INTRODUCTION_WITHDRAW)) == 1

    # Asked again later: only the one who had not declined, on the same row (the audit log keeps the first round).
    again = introductions.ask(GEARBOX, INVESTOR, session=people)
    assert again is not None and [item.profile.id for item in again[1]] == [second.id]
    assert again[1][0].introduction.id == ids[second.id] and again[1][0].introduction.state is IntroductionState.ASKED


def test_a_finished_listing_offers_no_introduction(people: Session) -> None:
    profile(people, "Pars Gear Co", user_id=MAKER)
    product = catalog.get_product(GEARBOX, session=people)
    assert product is not None
    product.status = "closed"  # type: ignore[assignment]
    people.add(product)
    people.flush()
    assert introductions.offer(GEARBOX, INVESTOR, session=people) is None


def test_the_desk_scorecard_counts_the_weeks_introductions_asked_and_accepted(people: Session) -> None:
    first = profile(people, "Pars Gear Co", user_id=MAKER)
    profile(people, "Kaveh Gear", user_id=OTHER_MAKER)
    tz = scorecard.ZoneInfo("Asia/Tehran")
    now = utcnow()
    in_last_week = scorecard._midnight(scorecard.reported_week(now, tz), tz) + timedelta(days=2)
    done = introductions.ask(GEARBOX, INVESTOR, session=people, now=in_last_week)
    assert done is not None
    accept = next(item.introduction.id for item in done[1] if item.profile.id == first.id)
    assert accept is not None
    assert isinstance(introductions.answer(accept, MAKER, True, session=people, now=in_last_week + timedelta(hours=3)), Answered)
    desk = catalog.get_desk("DESK-MCH", session=people)
    assert desk is not None

    card = scorecard.build(desk, session=people, tz=tz, sector_of=lambda wording: None, now=now, demand=[])

    assert (card.week.introductions, card.week.introduced) == (2, 1)
    assert sum(week.introductions for week in card.weeks) == 2
    other = catalog.get_desk("DESK-AUT", session=people)
    assert other is not None
    assert scorecard.build(other, session=people, tz=tz, sector_of=lambda wording: None, now=now, demand=[]).week.introductions == 0
