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
