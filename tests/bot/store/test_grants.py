"""Grants scoped to desks: who a desk's officers are."""

from __future__ import annotations

from sqlmodel import Session

from bot.store import grants


def test_officers_of_a_desk_are_the_holders_of_grants_scoped_to_it(session: Session) -> None:
    grants.add_grant(10, session=session, granted_by=1, desks=["DESK-AUT"])
    grants.add_grant(11, session=session, granted_by=1, desks=["DESK-AUT", "DESK-PET"])
    grants.add_grant(12, session=session, granted_by=1)  # a full admin is no desk's officer
    session.commit()
    assert grants.officers_of("DESK-AUT", session=session) == [10, 11]
    assert grants.officers_of("desk-pet", session=session) == [11]
    assert grants.officers_of("DESK-MED", session=session) == []
    by_user = {grant.user_id: grants.desks_of(grant) for grant in grants.grants(session=session)}
    assert by_user == {10: ["DESK-AUT"], 11: ["DESK-AUT", "DESK-PET"], 12: []}
    changed = grants.get_grant(12, session=session)
    assert changed is not None
    grants.set_desks(changed, ["DESK-MED"], session=session)
    assert grants.officers_of("DESK-MED", session=session) == [12]
