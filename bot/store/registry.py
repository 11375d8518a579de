"""Queries over registry units (manufacturer profiles imported from a registry) and the claims on them."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import update
from sqlmodel import Session, col, select

from .models import ClaimState, ManufacturerProfile, ProfileSource, UnitClaim, utcnow


def units_by_id(unit_ids: Collection[str], *, session: Session) -> dict[str, ManufacturerProfile]:
    """The profiles holding ``unit_ids`` (chat profiles have none), by unit id, in chunks the databases take."""
    found: dict[str, ManufacturerProfile] = {}
    ids = sorted(unit_ids)
    for start in range(0, len(ids), 1000):
        query = select(ManufacturerProfile).where(col(ManufacturerProfile.unit_id).in_(ids[start : start + 1000]))
        found.update((profile.unit_id, profile) for profile in session.exec(query) if profile.unit_id is not None)
    return found


def registry_units(*, session: Session) -> list[ManufacturerProfile]:
    """Every unit imported from a registry, claimed or not, in unit id order."""
    query = select(ManufacturerProfile).where(col(ManufacturerProfile.source) == ProfileSource.REGISTRY)
    return list(session.exec(query.order_by(col(ManufacturerProfile.unit_id))))


def unclaimed_names(*, session: Session) -> list[tuple[int, str, str]]:
    """(profile id, unit id, company) of every registry unit nobody has claimed, in unit id order: what a claimant
    searches, without loading whole rows."""
    query = select(ManufacturerProfile.id, ManufacturerProfile.unit_id, ManufacturerProfile.company).where(
        col(ManufacturerProfile.source) == ProfileSource.REGISTRY, col(ManufacturerProfile.user_id).is_(None))
    return [(profile_id or 0, unit_id or "", company) for profile_id, unit_id, company in session.exec(query.order_by(col(ManufacturerProfile.unit_id)))]


def get_profiles(profile_ids: Sequence[int], *, session: Session) -> list[ManufacturerProfile]:
    """The profiles ``profile_ids`` names, in that order (those that exist)."""
    found = {profile.id: profile for profile in session.exec(select(ManufacturerProfile).where(col(ManufacturerProfile.id).in_(list(profile_ids))))}
    return [found[profile_id] for profile_id in profile_ids if profile_id in found]


def profiles(*, session: Session) -> list[ManufacturerProfile]:
    """Every profile, registry units first (by unit id), then chat profiles (by id)."""
    found = list(session.exec(select(ManufacturerProfile)))
    return sorted(found, key=lambda p: (p.unit_id is None, p.unit_id or "", p.id or 0))


def get_profile(profile_id: int, *, session: Session) -> ManufacturerProfile | None:
    return session.get(ManufacturerProfile, profile_id)


def lock_profile(profile_id: int, *, session: Session) -> ManufacturerProfile | None:
    """Take the profile's row for the rest of the transaction (a row lock on PostgreSQL, the write lock on SQLite),
    so that two claims, or two admins' decisions, on one unit follow each other; None when it is gone."""
    statement = update(ManufacturerProfile).where(col(ManufacturerProfile.id) == profile_id).values(id=profile_id)
    if not session.connection().execute(statement).rowcount:
        return None
    profile = session.get(ManufacturerProfile, profile_id)
    if profile is not None:
        session.refresh(profile)
    return profile


def get_claim(claim_id: int, *, session: Session) -> UnitClaim | None:
    return session.get(UnitClaim, claim_id)


def claims_on(profile_id: int, *, session: Session, state: ClaimState | None = None) -> list[UnitClaim]:
    """The claims on a unit (of one state), oldest first."""
    query = select(UnitClaim).where(col(UnitClaim.profile_id) == profile_id)
    if state is not None:
        query = query.where(col(UnitClaim.state) == state)
    return list(session.exec(query.order_by(col(UnitClaim.created_at), col(UnitClaim.id))))


def claim_of(profile_id: int, user_id: int, *, session: Session) -> UnitClaim | None:
    """A user's claim on a unit (one row per unit and user, whatever became of it)."""
    query = select(UnitClaim).where(col(UnitClaim.profile_id) == profile_id, col(UnitClaim.user_id) == user_id)
    return session.exec(query).first()


def add_claim(profile_id: int, user_id: int, note: str, *, session: Session) -> UnitClaim:
    """A pending claim: a new row, or the user's earlier (refused) claim on the unit asked again."""
    claim = claim_of(profile_id, user_id, session=session)
    if claim is None:
        claim = UnitClaim(profile_id=profile_id, user_id=user_id, note=note)
    else:
        claim.state, claim.note, claim.created_at, claim.decided_by, claim.decided_at = ClaimState.PENDING, note, utcnow(), None, None
    session.add(claim)
    session.flush()
    return claim
