"""Who is an admin: ADMIN_IDS or a grant in chat; grants, revocations and refusals are audited."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from bot.services import admins, audit, users
from bot.settings import Settings
from bot.store.models import AuditEntry, User

CONFIGURED, ACTOR, NEWCOMER = 900, 901, 555


def settings() -> Settings:
    return Settings(_env_file=None, admin_ids=frozenset({CONFIGURED}))


def test_admins_come_from_settings_or_a_grant(session: Session) -> None:
    config = settings()
    assert admins.is_admin(CONFIGURED, session=session, settings=config)
    assert not admins.is_admin(NEWCOMER, session=session, settings=config)
    assert admins.grant(CONFIGURED, NEWCOMER, session=session, settings=config) is admins.Outcome.GRANTED
    assert admins.is_admin(NEWCOMER, session=session, settings=config)
    assert admins.grant(CONFIGURED, NEWCOMER, session=session, settings=config) is admins.Outcome.ALREADY
    assert admins.grant(NEWCOMER, CONFIGURED, session=session, settings=config) is admins.Outcome.ALREADY
    assert admins.admin_ids(session=session, settings=config) == [CONFIGURED, NEWCOMER]
    listed = admins.list_admins(session=session, settings=config)
    assert [(a.user_id, a.configured, a.granted_by) for a in listed] == [(CONFIGURED, True, None), (NEWCOMER, False, CONFIGURED)]


def test_revoking(session: Session) -> None:
    config = settings()
    admins.grant(CONFIGURED, NEWCOMER, session=session, settings=config)
    assert admins.revoke(CONFIGURED, CONFIGURED, session=session, settings=config) is admins.Outcome.CONFIGURED
    assert admins.revoke(CONFIGURED, NEWCOMER, session=session, settings=config) is admins.Outcome.REVOKED
    assert admins.revoke(CONFIGURED, NEWCOMER, session=session, settings=config) is admins.Outcome.NOT_ADMIN
    assert not admins.is_admin(NEWCOMER, session=session, settings=config)
    logged = [(e.actor_id, e.action, e.target, e.before, e.after) for e in session.exec(select(AuditEntry))]
    assert logged == [
        (CONFIGURED, audit.ADMIN_GRANT, str(NEWCOMER), {"admin": False}, {"admin": True}),
        (CONFIGURED, audit.ADMIN_REVOKE, str(NEWCOMER), {"admin": True}, {"admin": False}),
    ]


def test_finding_a_user_by_id_or_username(session: Session) -> None:
    users.remember(NEWCOMER, session=session, first_name="Sara", username="Sara_K", language_code="fa")
    assert admins.find_user("555", session=session) == NEWCOMER
    assert admins.find_user("@sara_k", session=session) == NEWCOMER
    assert admins.find_user("@nobody", session=session) is None
    assert admins.find_user("sara_k", session=session) is None
    assert admins.find_user("-5", session=session) is None


def test_a_username_resolves_only_to_its_current_holder(session: Session) -> None:
    """Telegram lets a username move to another account; the former holder must never be granted for it."""
    former, current = 601, 602
    users.remember(former, session=session, first_name="Old", username="handle", language_code="en")
    users.remember(current, session=session, first_name="New", username="Handle", language_code="en")
    assert admins.find_user("@HANDLE", session=session) == current
    # The former holder writes again under a new name; the username stays with its holder.
    users.remember(former, session=session, first_name="Old", username="old_handle", language_code="en")
    assert admins.find_user("@handle", session=session) == current
    assert admins.find_user("@old_handle", session=session) == former
    # The current holder drops it: nobody has it any more.
    users.remember(current, session=session, first_name="New", username=None, language_code="en")
    assert admins.find_user("@handle", session=session) is None


def test_a_username_two_users_still_hold_is_refused(session: Session) -> None:
    """Rows recorded before usernames were kept unique may share one: refuse rather than pick either."""
    session.add_all([User(id=701, first_name="A", username="twin"), User(id=702, first_name="B", username="TWIN")])
    session.flush()
    with pytest.raises(admins.AmbiguousUsername):
        admins.find_user("@twin", session=session)


def test_refusals_are_logged(session: Session) -> None:
    admins.refuse(NEWCOMER, "/closeproduct", session=session, text="/closeproduct AUT-002")
    (entry,) = session.exec(select(AuditEntry)).all()
    assert (entry.actor_id, entry.action, entry.target, entry.after) == (NEWCOMER, audit.REFUSED, "/closeproduct", {"text": "/closeproduct AUT-002"})


def test_a_desk_officers_rights_cover_their_desks_and_sectors_only(seeded: Session) -> None:
    config = settings()
    assert admins.desk_codes(" desk-aut , DESK-PET,desk-aut", session=seeded) == ["DESK-AUT", "DESK-PET"]
    with pytest.raises(admins.UnknownDesks) as unknown:
        admins.desk_codes("DESK-AUT,DESK-NOPE", session=seeded)
    assert unknown.value.codes == ["DESK-NOPE"]
    assert admins.grant(CONFIGURED, NEWCOMER, session=seeded, settings=config, desks=["DESK-AUT"]) is admins.Outcome.GRANTED
    rights = admins.rights(NEWCOMER, session=seeded, settings=config)
    assert rights is not None and not rights.full and rights.sectors == frozenset({"automotive"})
    assert rights.covers(desk=None, sector="automotive") and rights.covers(desk="desk-aut", sector="petrochemicals")
    assert not rights.covers(desk="DESK-PET", sector="petrochemicals") and not rights.covers(desk=None, sector=None)
    assert not admins.listing_outside(rights, "AUT-001", {}, session=seeded)
    assert admins.listing_outside(rights, "PET-001", {}, session=seeded)
    assert admins.listing_outside(rights, "AUT-001", {"sector": "petrochemicals", "desk": "DESK-PET"}, session=seeded)
    assert not admins.listing_outside(rights, None, {"sector": "automotive"}, session=seeded)
    assert admins.listing_outside(rights, None, {"sector": "petrochemicals"}, session=seeded)
    assert not admins.listing_outside(rights, "NO-SUCH", {}, session=seeded)  # the caller says it is not found
    full = admins.rights(CONFIGURED, session=seeded, settings=config)
    assert full is not None and full.full and not admins.listing_outside(full, "PET-001", {}, session=seeded)
    assert admins.rights(ACTOR, session=seeded, settings=config) is None


def test_new_lead_notices_go_to_the_desks_officers_else_to_every_full_admin(seeded: Session) -> None:
    from bot.store import catalog

    config = settings()
    admins.grant(CONFIGURED, ACTOR, session=seeded, settings=config)  # a full admin by grant
    admins.grant(CONFIGURED, NEWCOMER, session=seeded, settings=config, desks=["DESK-AUT"])
    aut, pet = catalog.get_desk("DESK-AUT", session=seeded), catalog.get_desk("DESK-PET", session=seeded)
    assert admins.responsible_for(aut, session=seeded, settings=config) == [NEWCOMER]
    assert admins.responsible_for(pet, session=seeded, settings=config) == [CONFIGURED, ACTOR]
    assert admins.responsible_for(None, session=seeded, settings=config) == [CONFIGURED, ACTOR]
    assert admins.full_admin_ids(session=seeded, settings=config) == [CONFIGURED, ACTOR]
    assert admins.admin_ids(session=seeded, settings=config) == [CONFIGURED, ACTOR, NEWCOMER]
    # Changing the scope: the same grant, audited; ADMIN_IDS keep everything.
    assert admins.grant(CONFIGURED, NEWCOMER, session=seeded, settings=config, desks=["DESK-PET"]) is admins.Outcome.RESCOPED
    assert admins.responsible_for(pet, session=seeded, settings=config) == [NEWCOMER]
    # ADMIN_IDS keep every desk: desks for them are refused as configured (only the settings change them).
    assert admins.grant(ACTOR, CONFIGURED, session=seeded, settings=config, desks=["DESK-PET"]) is admins.Outcome.CONFIGURED
    listed = {a.user_id: a.desks for a in admins.list_admins(session=seeded, settings=config)}
    assert listed == {CONFIGURED: (), ACTOR: (), NEWCOMER: ("DESK-PET",)}
