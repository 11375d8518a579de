"""Manufacturer profiles: the rules every answer passes before anything is written, the lists, the question waited for,
and deletion with everything that names the business (introductions stay as anonymous traces)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from bot.services import audit, profiles, users
from bot.services.profiles import ProfileProblem
from bot.store.models import (
    AuditEntry,
    ClaimState,
    Introduction,
    IntroductionState,
    ManufacturerProfile,
    PendingContact,
    ProfileSource,
    UnitClaim,
    User,
    utcnow,
)

OWNER, OTHER, INVESTOR = 701, 702, 703
TODAY = date(2026, 11, 30)


def person(session: Session, user_id: int) -> None:
    users.remember(user_id, session=session, first_name=f"U{user_id}", username=None, language_code="fa")


def problem_of(call: object) -> str:
    with pytest.raises(ProfileProblem) as refused:
        call()  # type: ignore[operator]
    return refused.value.code


def test_the_lists_are_the_seed_files() -> None:
    assert len(profiles.provinces()) == 31 and len({p.key for p in profiles.provinces()}) == 31
    assert {"tehran", "isfahan", "khuzestan"} <= {p.key for p in profiles.provinces()}
    assert profiles.by_key(profiles.provinces())["tehran"].name_fa == "تهران"
    assert {"machining", "casting", "forging", "sheet_metal", "injection_moulding", "extrusion", "pcb_assembly",
            "chemical_synthesis"} <= {p.key for p in profiles.processes()}
    assert {"iso_9001", "iatf_16949", "api_q1", "gmp"} <= {c.key for c in profiles.certifications()}
    assert profiles.provinces() is profiles.provinces()  # read once


def test_rules_name_the_problem() -> None:
    assert profiles.check_text("company", "  Pars\u200f  Gear\n Co ") == "Pars Gear Co"
    assert problem_of(lambda: profiles.check_text("company", " \u200c ")) == "company_empty"
    assert problem_of(lambda: profiles.check_text("company", "- . -")) == "company_empty"
    assert profiles.check_text("company", "\u200cصنایع\u200cسپاهان\u200c") == "صنایع\u200cسپاهان"
    with pytest.raises(ProfileProblem) as long:
        profiles.check_text("company", "x" * 201)
    assert long.value.code == "too_long" and long.value.values == {"limit": "200", "length": "201"}
    assert profiles.check_text("company", "x" * 200) == "x" * 200
    assert profiles.check_text("materials", "") == ""
    assert problem_of(lambda: profiles.check_text("makes", "y" * 1001)) == "too_long"
    assert profiles.check_province("tehran") == "tehran"
    assert problem_of(lambda: profiles.check_province("Tehran")) == "unknown_province"
    assert profiles.check_keys("processes", ["forging", "machining", "forging"]) == ["machining", "forging"]
    assert problem_of(lambda: profiles.check_keys("processes", ["machining", "alchemy"])) == "unknown_process"
    assert problem_of(lambda: profiles.check_keys("certifications", ["iso_9002"])) == "unknown_certification"
    assert profiles.check_idle_since("1403/07/01", today=TODAY) == date(2024, 9, 22)
    assert profiles.check_idle_since("۱۴۰۳/۰۷/۰۱", today=TODAY) == date(2024, 9, 22)
    assert profiles.check_idle_since("2025-01-15", today=TODAY) == date(2025, 1, 15)
    assert profiles.check_idle_since("2026-11-30", today=TODAY) == TODAY
    assert problem_of(lambda: profiles.check_idle_since("2026-12-01", today=TODAY)) == "in_the_future"
    assert problem_of(lambda: profiles.check_idle_since("1404/12/30", today=TODAY)) == "no_such_day"
    assert problem_of(lambda: profiles.check_idle_since("last spring", today=TODAY)) == "not_a_date"


def test_building_writes_nothing_refused_and_one_profile_per_user(session: Session) -> None:
    person(session, OWNER)
    assert problem_of(lambda: profiles.set_text(OWNER, "makes", "gears", session=session, today=TODAY)) == "no_profile"
    assert problem_of(lambda: profiles.set_text(OWNER, "company", "", session=session, today=TODAY)) == "company_empty"
    assert profiles.get(OWNER, session=session) is None
    made = profiles.set_text(OWNER, "company", "Pars Gear", session=session, today=TODAY)
    again = profiles.set_text(OWNER, "company", "Pars Gear Co", session=session, today=TODAY)
    assert made.id == again.id and again.company == "Pars Gear Co" and again.source == ProfileSource.CHAT
    profiles.set_province(OWNER, "isfahan", session=session)
    assert problem_of(lambda: profiles.set_province(OWNER, "atlantis", session=session)) == "unknown_province"
    profiles.toggle(OWNER, "processes", "forging", session=session)
    profiles.toggle(OWNER, "processes", "machining", session=session)
    profiles.toggle(OWNER, "processes", "casting", session=session)
    profiles.toggle(OWNER, "processes", "forging", session=session)
    assert problem_of(lambda: profiles.toggle(OWNER, "certifications", "iso_99999", session=session)) == "unknown_certification"
    profiles.set_text(OWNER, "idle_since", "1403/07/01", session=session, today=TODAY)
    assert problem_of(lambda: profiles.set_text(OWNER, "idle_since", "2030-01-01", session=session, today=TODAY)) == "in_the_future"
    stored = profiles.get(OWNER, session=session)
    assert stored is not None and stored.province == "isfahan" and stored.processes == "machining;casting"
    assert stored.certifications == "" and stored.idle and stored.idle_since == date(2024, 9, 22)
    profiles.set_flag(OWNER, "idle", False, session=session)
    assert stored.idle_since is None and not stored.idle
    profiles.clear_text(OWNER, "makes", session=session)
    assert problem_of(lambda: profiles.clear_text(OWNER, "company", session=session)) == "company_empty"
    session.commit()
    assert len(session.exec(select(ManufacturerProfile)).all()) == 1


def test_the_question_waited_for_is_in_the_database_and_the_newest_wins(session: Session) -> None:
    person(session, OWNER)
    assert profiles.awaiting(OWNER, session=session) is None
    profiles.await_answer(OWNER, "province", "e", session=session)
    pending = profiles.awaiting(OWNER, session=session)
    assert pending is not None and (pending.step, pending.flow) == ("province", "e")
    assert pending.asked_at is not None and not pending.stale(utcnow())
    assert pending.stale(utcnow() + profiles.STALE_AFTER + timedelta(seconds=2))
    user = session.get(User, OWNER)
    assert user is not None and (user.pending_profile_step or "").partition("@")[0] == "e:province"
    # A text question is stored as every older bot reads it (no "@<epoch>"): a replica of an older version, in a
    # mixed deploy, still takes the answer rather than searching for it; it never goes stale anyway.
    profiles.await_answer(OWNER, "makes", "e", session=session)
    assert user.pending_profile_step == "e:makes"
    assert profiles.awaiting(OWNER, session=session) == profiles.Pending("makes", "e")
    user.pending_profile_step = "e:makes"  # written by a bot that did not say when: never stale
    assert profiles.awaiting(OWNER, session=session) == profiles.Pending("makes", "e")
    user.pending_profile_step = "x:whatever"  # written by some other version: not ours to read
    assert profiles.awaiting(OWNER, session=session) is None
    user.pending_note_lead_id = 5
    profiles.await_answer(OWNER, "capacity", "b", session=session)
    assert user.pending_note_lead_id is None
    assert users.cancel_pending(OWNER, session=session) and profiles.awaiting(OWNER, session=session) is None
    assert not users.cancel_pending(OWNER, session=session)


def test_deleting_removes_everything_that_names_the_business(seeded: Session) -> None:
    session = seeded
    for user_id in (OWNER, OTHER, INVESTOR):
        person(session, user_id)
    mine = profiles.set_text(OWNER, "company", "Sepahan Castings", session=session, today=TODAY)
    theirs = profiles.set_text(OTHER, "company", "Kaveh Polymers", session=session, today=TODAY)
    assert mine.id is not None and theirs.id is not None
    session.add_all([
        UnitClaim(profile_id=mine.id, user_id=OWNER, state=ClaimState.APPROVED),
        UnitClaim(profile_id=mine.id, user_id=INVESTOR),
        UnitClaim(profile_id=theirs.id, user_id=OTHER),
        Introduction(product_code="AUT-001", investor_id=INVESTOR, profile_id=mine.id),
        Introduction(product_code="AUT-002", investor_id=INVESTOR, profile_id=mine.id, state=IntroductionState.ACCEPTED),
        Introduction(product_code="AUT-001", investor_id=INVESTOR, profile_id=theirs.id),
    ])
    session.commit()
    profiles.await_answer(OWNER, "machines", "e", session=session)
    footprint = profiles.footprint(OWNER, session=session)
    assert footprint == profiles.Footprint("Sepahan Castings", 2, 2)
    deleted = profiles.delete_profile(OWNER, session=session)
    assert deleted == profiles.Deleted(mine.id, 2, 2)
    session.commit()
    assert profiles.get(OWNER, session=session) is None and profiles.awaiting(OWNER, session=session) is None
    assert [c.profile_id for c in session.exec(select(UnitClaim))] == [theirs.id]
    traces = session.exec(select(Introduction).order_by(Introduction.id)).all()  # type: ignore[arg-type]
    assert [(i.profile_id, i.state) for i in traces] == [(None, IntroductionState.REMOVED), (None, IntroductionState.REMOVED),
                                                         (theirs.id, IntroductionState.ASKED)]
    (entry,) = session.exec(select(AuditEntry).where(AuditEntry.action == profiles.PROFILE_DELETE)).all()
    assert entry.actor_id == OWNER and entry.target == str(mine.id)
    assert "Sepahan" not in f"{entry.before} {entry.after} {entry.target}"
    assert profiles.get(OTHER, session=session) is not None
    assert profiles.delete_profile(OWNER, session=session) is None


def test_deleting_forgets_what_desks_wrote_to_the_unit_and_whom_investors_asked(seeded: Session) -> None:
    session = seeded
    for user_id in (OWNER, OTHER, INVESTOR):
        person(session, user_id)
    mine = profiles.set_text(OWNER, "company", "Sepahan Castings", session=session, today=TODAY)
    theirs = profiles.set_text(OTHER, "company", "Kaveh Polymers", session=session, today=TODAY)
    assert mine.id is not None and theirs.id is not None
    asked = Introduction(product_code="AUT-001", investor_id=INVESTOR, profile_id=mine.id)
    session.add_all([asked, PendingContact(user_id=INVESTOR, profile_id=mine.id, product_code="AUT-001")])
    session.flush()
    audit.record(INVESTOR, audit.SUPPLIER_CONTACT, session=session, target=str(mine.id),
                 after={"product": "AUT-001", "to": OWNER, "message": "Call Sepahan at 0311"})
    audit.record(INVESTOR, audit.SUPPLIER_CONTACT, session=session, target=str(theirs.id),
                 after={"product": "AUT-001", "to": OTHER, "message": "Hello Kaveh"})
    audit.record(INVESTOR, audit.INTRODUCTION_ASK, session=session, target=str(asked.id),
                 after={"product": "AUT-001", "profile": mine.id, "state": "asked"})
    session.commit()
    profiles.delete_profile(OWNER, session=session)
    session.commit()
    assert session.exec(select(PendingContact)).all() == []
    contacts = session.exec(select(AuditEntry).where(AuditEntry.action == audit.SUPPLIER_CONTACT).order_by(AuditEntry.id)).all()  # type: ignore[arg-type]
    assert [(e.target, e.after) for e in contacts] == [
        ("", {"product": "AUT-001", "profile": "deleted"}),
        (str(theirs.id), {"product": "AUT-001", "to": OTHER, "message": "Hello Kaveh"}),
    ]
    (ask,) = session.exec(select(AuditEntry).where(AuditEntry.action == audit.INTRODUCTION_ASK)).all()
    assert ask.after == {"product": "AUT-001", "profile": "deleted", "state": "asked"}
