"""An investor's own leads: their history, withdrawing, and listings that take no new interest."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from bot.services import leads, listings, users
from bot.store.models import LeadStatus, ProductStatus

ADMIN = 900
INVESTOR = 501


@pytest.fixture
def investor(seeded: Session) -> int:
    users.remember(INVESTOR, session=seeded, first_name="Sara", username="sara", language_code="fa")
    return INVESTOR


def test_my_leads_lists_each_interest_newest_first_with_its_history(seeded: Session, investor: int) -> None:
    first = leads.register_interest(investor, "AUT-001", session=seeded).lead
    second = leads.register_interest(investor, "MED-001", session=seeded).lead
    assert first.id is not None and second.id is not None
    leads.set_status(ADMIN, first.id, LeadStatus.CONTACTED, session=seeded)
    leads.set_status(ADMIN, first.id, LeadStatus.MEETING, session=seeded)

    mine = leads.my_leads(investor, session=seeded)

    assert [item.view.lead.id for item in mine] == [second.id, first.id]
    assert [event.status for event in mine[1].timeline] == [LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.MEETING]
    assert [event.status for event in mine[0].timeline] == [LeadStatus.NEW]
    assert all(a.at <= b.at for a, b in zip(mine[1].timeline, mine[1].timeline[1:]))
    assert mine[1].view.desk is not None and mine[1].view.product is not None


def test_nobody_sees_or_withdraws_anyone_elses_leads(seeded: Session, investor: int) -> None:
    lead = leads.register_interest(investor, "AUT-001", session=seeded).lead
    assert lead.id is not None
    users.remember(777, session=seeded, first_name="Other", username=None, language_code="en")
    assert leads.my_leads(777, session=seeded) == []
    assert leads.withdraw(777, lead.id, session=seeded) is None
    assert lead.status is LeadStatus.NEW


def test_a_withdrawn_interest_is_in_the_history_and_can_be_expressed_again(seeded: Session, investor: int) -> None:
    lead = leads.register_interest(investor, "AUT-001", session=seeded).lead
    assert lead.id is not None
    view = leads.withdraw(investor, lead.id, session=seeded)
    assert view is not None and view.lead.status is LeadStatus.WITHDRAWN
    assert leads.withdraw(investor, lead.id, session=seeded) is None  # settled: nothing more to withdraw

    again = leads.register_interest(investor, "AUT-001", session=seeded)

    assert again.created and again.lead.id == lead.id and again.lead.status is LeadStatus.NEW
    statuses = [event.status for event in leads.my_leads(investor, session=seeded)[0].timeline]
    assert statuses == [LeadStatus.NEW, LeadStatus.WITHDRAWN, LeadStatus.NEW]


@pytest.mark.parametrize("status", [ProductStatus.CLOSED, ProductStatus.AWARDED])
def test_a_finished_listing_takes_no_new_interest_but_keeps_the_old(seeded: Session, investor: int, status: ProductStatus) -> None:
    kept = leads.register_interest(investor, "AUT-003", session=seeded).lead
    for code in ("AUT-002", "AUT-003"):
        listings.set_status(ADMIN, code, status, session=seeded)

    with pytest.raises(leads.NotOpen) as refused:
        leads.register_interest(investor, "AUT-002", session=seeded)
    assert refused.value.product.code == "AUT-002"
    assert leads.register_interest(investor, "AUT-003", session=seeded).lead.id == kept.id  # already there: unchanged
