"""Where the parallel issue-13 branches meet, on both databases: /demand decisions about long wordings."""

from __future__ import annotations

from sqlmodel import Session

from bot.services import demand_actions
from bot.store import searches
from bot.store.models import DemandState

ADMIN = 900
# An investor's whole introduction, pasted as a search (searches keep up to 1,000 characters): its need is long.
LONG = " ".join(f"widget{chr(97 + i % 26)}{i}" for i in range(40))


def test_a_long_wording_can_be_dismissed_undone_and_aliased(seeded: Session) -> None:
    entry = searches.add_search(LONG, session=seeded, user_id=501, top_code=None)
    assert entry.id is not None
    group = demand_actions.find_group(entry.id, 30, session=seeded)
    assert group is not None and len(group.key) > 200
    assert demand_actions.dismiss(ADMIN, entry.id, 30, session=seeded).ok
    seeded.commit()
    dismissed = demand_actions.find_group(entry.id, 30, session=seeded)
    assert dismissed is not None and dismissed.state is DemandState.DISMISSED
    assert demand_actions.undo_dismissal(ADMIN, entry.id, 30, session=seeded).ok
    seeded.commit()
    done = demand_actions.add_alias(ADMIN, entry.id, 30, "AUT-001", session=seeded)
    seeded.commit()
    assert done.ok
    aliased = demand_actions.find_group(entry.id, 30, session=seeded)
    assert aliased is not None and (aliased.state, aliased.code) == (DemandState.ALIASED, "AUT-001")
