"""Manufacturer profiles as the suppliers and introductions features read them, introductions, and the desks'
messages to manufacturers waiting to be written."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlmodel import Session, col, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from .models import Introduction, IntroductionState, ManufacturerProfile, PendingContact


def _locked(query: SelectOfScalar[Introduction]) -> SelectOfScalar[Introduction]:
    """``query`` locking its rows, and reading them anew even if the session holds them already."""
    return query.with_for_update().execution_options(populate_existing=True)


def get_profile(profile_id: int, *, session: Session) -> ManufacturerProfile | None:
    return session.get(ManufacturerProfile, profile_id)


def profile_of(user_id: int, *, session: Session) -> ManufacturerProfile | None:
    """The profile the user owns in chat, if any."""
    return session.exec(select(ManufacturerProfile).where(ManufacturerProfile.user_id == user_id)).first()


def others_consent(user_id: int, *, session: Session) -> bool:
    """Whether anyone but ``user_id`` owns a profile in chat and lets investors ask to meet them (a cheap check
    before matching every listing's card against the profiles)."""
    query = select(ManufacturerProfile.id).where(
        ManufacturerProfile.consent == True,  # noqa: E712 (a column, not a bool)
        col(ManufacturerProfile.user_id).is_not(None), ManufacturerProfile.user_id != user_id,
    )
    return session.exec(query.limit(1)).first() is not None


def get_introduction(introduction_id: int, *, session: Session, lock: bool = False) -> Introduction | None:
    """An introduction; with ``lock`` its row is locked until the transaction ends (two taps at once on
    PostgreSQL wait for each other; SQLite writes one transaction at a time anyway)."""
    query = select(Introduction).where(Introduction.id == introduction_id)
    return session.exec(_locked(query) if lock else query).first()


def introductions_asked(product_code: str, investor_id: int, *, session: Session, lock: bool = False) -> list[Introduction]:
    """An investor's introductions on one listing, whatever their state; with ``lock`` the rows are locked until
    the transaction ends (a withdrawal waits for a manufacturer's answer under way, then sees it)."""
    query = select(Introduction).where(Introduction.product_code == product_code, Introduction.investor_id == investor_id)
    query = query.order_by(col(Introduction.id))
    return list(session.exec(_locked(query) if lock else query))


def add_introduction(product_code: str, investor_id: int, profile_id: int, *, session: Session) -> Introduction:
    introduction = Introduction(product_code=product_code, investor_id=investor_id, profile_id=profile_id)
    session.add(introduction)
    session.flush()
    return introduction


def introductions_of(user_id: int, profile_id: int | None, *, session: Session) -> list[Introduction]:
    """The introductions a user asked for and those addressed to their profile, newest first."""
    who = [col(Introduction.investor_id) == user_id]
    if profile_id is not None:
        who.append(col(Introduction.profile_id) == profile_id)
    query = select(Introduction).where(or_(*who))
    return list(session.exec(query.order_by(col(Introduction.created_at).desc(), col(Introduction.id).desc())))


def has_introductions(user_id: int, profile_id: int | None, *, session: Session) -> bool:
    """Whether the user asked for any introduction, or any was addressed to their profile."""
    who = [col(Introduction.investor_id) == user_id]
    if profile_id is not None:
        who.append(col(Introduction.profile_id) == profile_id)
    return session.exec(select(Introduction.id).where(or_(*who)).limit(1)).first() is not None


def introductions_on(codes: Collection[str], *, session: Session, since: datetime) -> list[Introduction]:
    """The introductions on these listings asked or decided since ``since`` (for the desks' scorecards)."""
    if not codes:
        return []
    query = select(Introduction).where(
        col(Introduction.product_code).in_(list(codes)),
        or_(col(Introduction.created_at) >= since, col(Introduction.decided_at) >= since),
    )
    return list(session.exec(query))


def answered_states() -> tuple[IntroductionState, ...]:
    """States that end an introduction (no Accept or Decline is taken any more)."""
    return (IntroductionState.ACCEPTED, IntroductionState.DECLINED, IntroductionState.WITHDRAWN, IntroductionState.REMOVED)


def get_pending_contact(user_id: int, *, session: Session) -> PendingContact | None:
    return session.get(PendingContact, user_id)


def set_pending_contact(user_id: int, profile_id: int, product_code: str, *, session: Session, now: datetime) -> PendingContact:
    """Wait for ``user_id``'s next message to the profile's owner (replacing any message waited for)."""
    pending = session.get(PendingContact, user_id)
    if pending is None:
        pending = PendingContact(user_id=user_id, profile_id=profile_id, product_code=product_code, created_at=now)
    else:
        pending.profile_id, pending.product_code, pending.created_at = profile_id, product_code, now
    session.add(pending)
    session.flush()
    return pending


def drop_pending_contact(user_id: int, *, session: Session) -> bool:
    """Stop waiting for the user's message to a manufacturer; True if the bot was waiting."""
    pending = session.get(PendingContact, user_id)
    if pending is None:
        return False
    session.delete(pending)
    session.flush()
    return True
