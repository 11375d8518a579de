"""Claims on registry units: a user says a unit imported from a registry is theirs, an admin verifies it.

A unit has at most one pending claim at a time. Approving makes the claimant the profile's owner
(``user_id``); a user owns one profile at most, so a claimant who has one already is refused, plainly, at both
steps. Every decision is in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session

from bot.store import registry as store
from bot.store import users as user_store
from bot.store.models import ClaimState, ManufacturerProfile, ProfileSource, UnitClaim, utcnow

from . import audit, profiles
from .inputs import clean_text

CLAIM_APPROVE = "claim.approve"
CLAIM_REFUSE = "claim.refuse"
MAX_NOTE = 500
FIND = "find"
_NOTE = "note:"
_FLOW = "claim:"  # /profile's flows are "b" and "e": a claim's wait is never taken for a profile answer


class Asked(StrEnum):
    """How a claim went."""

    SENT = "sent"
    """A pending claim now waits for an admin."""
    GONE = "gone"
    """No such registry unit (any more)."""
    OWNED = "owned"
    """The unit already has an owner (the claimant, or someone else)."""
    YOURS_PENDING = "yours_pending"
    """The claimant's own claim on it is still waiting."""
    OTHER_PENDING = "other_pending"
    """Someone else's claim on it is waiting for an admin."""
    HAS_PROFILE = "has_profile"
    """The claimant owns a profile already (one per user)."""


@dataclass(frozen=True, slots=True)
class Claimed:
    outcome: Asked
    unit: ManufacturerProfile | None = None
    claim: UnitClaim | None = None


def claimable(profile_id: int, *, session: Session) -> ManufacturerProfile | None:
    """The registry unit ``profile_id``, if it is one."""
    unit = store.get_profile(profile_id, session=session)
    return unit if unit is not None and unit.source == ProfileSource.REGISTRY else None


def ask(user_id: int, profile_id: int, note: str, *, session: Session) -> Claimed:
    """Claim the unit for ``user_id`` with an optional ``note`` for the admin, unless something stands in the way."""
    clear_pending(user_id, session=session)
    unit = store.lock_profile(profile_id, session=session)
    if unit is None or unit.source != ProfileSource.REGISTRY:
        return Claimed(Asked.GONE)
    if unit.user_id is not None:
        return Claimed(Asked.OWNED, unit)
    if profiles.get(user_id, session=session) is not None:
        return Claimed(Asked.HAS_PROFILE, unit)
    pending = store.claims_on(profile_id, session=session, state=ClaimState.PENDING)
    if pending:
        return Claimed(Asked.YOURS_PENDING if pending[0].user_id == user_id else Asked.OTHER_PENDING, unit, pending[0])
    claim = store.add_claim(profile_id, user_id, clean_text(note).strip()[:MAX_NOTE], session=session)
    return Claimed(Asked.SENT, unit, claim)


class Decided(StrEnum):
    """How an admin's Approve or Refuse went."""

    APPROVED = "approved"
    REFUSED = "refused"
    HAS_PROFILE = "has_profile"
    """Approval impossible: the claimant has made or claimed a profile since; the claim is refused."""
    ALREADY = "already"
    """Someone decided already (the claim is no longer pending)."""
    GONE = "gone"


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Decided
    claim: UnitClaim | None = None
    unit: ManufacturerProfile | None = None


def decide(admin_id: int, claim_id: int, approve: bool, *, session: Session) -> Decision:
    """Approve (the claimant becomes the unit's owner) or refuse a pending claim; audited either way."""
    claim = store.get_claim(claim_id, session=session)
    if claim is None:
        return Decision(Decided.GONE)
    unit = store.lock_profile(claim.profile_id, session=session)
    session.refresh(claim)
    if unit is None:
        return Decision(Decided.GONE, claim)
    if claim.state != ClaimState.PENDING:
        return Decision(Decided.ALREADY, claim, unit)
    outcome = Decided.REFUSED
    if approve:
        own = profiles.get(claim.user_id, session=session)
        outcome = Decided.HAS_PROFILE if own is not None or unit.user_id is not None else Decided.APPROVED
    claim.state = ClaimState.APPROVED if outcome is Decided.APPROVED else ClaimState.REFUSED
    claim.decided_by, claim.decided_at = admin_id, utcnow()
    session.add(claim)
    if outcome is Decided.APPROVED:
        unit.user_id, unit.updated_at = claim.user_id, utcnow()
        session.add(unit)
    session.flush()
    audit.record(
        admin_id, CLAIM_APPROVE if outcome is Decided.APPROVED else CLAIM_REFUSE, session=session, target=unit.unit_id or str(unit.id),
        before={"claim": claim.id, "user_id": claim.user_id, "state": ClaimState.PENDING},
        after={"state": claim.state, **({"reason": "has_profile"} if outcome is Decided.HAS_PROFILE else {})},
    )
    return Decision(outcome, claim, unit)


# ---------------------------------------------------------------------- what the next message answers


def wait_for(user_id: int, what: str, *, session: Session) -> None:
    """Take the user's next plain message as ``what`` (:data:`FIND`, or a unit's note: :func:`note_for`).

    The wait shares the user's one pending question with /profile (``claim:…`` there): the newest question wins,
    and /cancel ends either."""
    user = user_store.get_user(user_id, session=session)
    if user is not None:
        user.pending_profile_step, user.pending_note_lead_id = f"{_FLOW}{what}", None
        session.add(user)


def note_for(profile_id: int) -> str:
    return f"{_NOTE}{profile_id}"


def pending(user_id: int, *, session: Session) -> tuple[str, int | None] | None:
    """What the user's next message answers: (FIND, None), ("note", profile id), or None."""
    user = user_store.get_user(user_id, session=session)
    return pending_of(user.pending_profile_step if user is not None else None)


def pending_of(waiting: str | None) -> tuple[str, int | None] | None:
    """What a stored wait (:attr:`User.pending_profile_step`) asks of /claim, if anything (see :func:`pending`)."""
    waiting = waiting or ""
    if not waiting.startswith(_FLOW):
        return None
    waiting = waiting[len(_FLOW):]
    if waiting == FIND:
        return FIND, None
    if waiting.startswith(_NOTE) and waiting[len(_NOTE):].isdigit():
        return "note", int(waiting[len(_NOTE):])
    return None


def clear_pending(user_id: int, *, session: Session) -> bool:
    """Stop waiting for a /claim answer (a /profile question stays); True if the bot was waiting for one."""
    if pending(user_id, session=session) is None:
        return False
    user = user_store.get_user(user_id, session=session)
    assert user is not None
    user.pending_profile_step = None
    session.add(user)
    return True
