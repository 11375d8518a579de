"""Unmet demand: the searches nothing confident answered, with their ids, and admins' decisions about each need."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Table
from sqlmodel import Session, col, select

from .db import insert_ignore
from .models import DemandDecision, DemandState, SearchLog, utcnow

NEED_LENGTH = 200
"""A decision's need as stored (``DemandDecision.need``): a longer one (a whole pasted introduction) is kept by its
first characters, on every database alike."""
_DECISIONS: Table = DemandDecision.__table__  # type: ignore[attr-defined]


def need_key(need: str) -> str:
    """The stored form of a need: its first :data:`NEED_LENGTH` characters."""
    return need[:NEED_LENGTH]


def unmet_searches(*, session: Session, since: datetime) -> list[tuple[str, int | None, bool, int]]:
    """(query, user id, related shown, search id) of every search since ``since`` that nothing confident answered."""
    query = select(SearchLog.query, SearchLog.user_id, SearchLog.related_shown, SearchLog.id).where(
        col(SearchLog.matched).is_(False), col(SearchLog.created_at) >= since
    )
    return [(text, user_id, bool(related), search_id) for text, user_id, related, search_id in session.exec(query) if search_id is not None]


def decisions(*, session: Session) -> dict[str, DemandDecision]:
    """Every decision ever taken, by need."""
    return {decision.need: decision for decision in session.exec(select(DemandDecision))}


def get_decision(need: str, *, session: Session) -> DemandDecision | None:
    """The decision about ``need``, if one was ever taken."""
    return session.exec(select(DemandDecision).where(DemandDecision.need == need_key(need))).first()


def lock_decision(need: str, *, session: Session, actor_id: int) -> DemandDecision:
    """The decision about ``need``, created open if none was ever taken, locked until the transaction ends.

    Two admins deciding the same need at once are served one after the other: the second waits for the first's
    commit and then sees its decision, instead of both inserting the need and one failing on its uniqueness.
    """
    key = need_key(need)
    values = {"need": key, "state": DemandState.OPEN.value, "wording": "", "decided_by": actor_id, "decided_at": utcnow()}
    insert_ignore(session, _DECISIONS, values, conflict=["need"])
    locked = select(DemandDecision).where(DemandDecision.need == key).with_for_update()
    return session.exec(locked.execution_options(populate_existing=True)).one()


def decide(
    need: str, state: DemandState, *, session: Session, actor_id: int, code: str | None = None, wording: str = ""
) -> DemandDecision:
    """Record ``state`` for ``need`` (replacing any earlier decision), by whom and now."""
    decision = get_decision(need, session=session) or DemandDecision(need=need_key(need), decided_by=actor_id)
    decision.state, decision.code, decision.wording = state, code, wording[:200]
    decision.decided_by, decision.decided_at = actor_id, utcnow()
    session.add(decision)
    session.flush()
    return decision
