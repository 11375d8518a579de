"""Mutual introductions: an investor on a listing's card asks to meet the capable manufacturers who consented;
each manufacturer is asked, and contacts are exchanged only when one accepts.

Only chat-owned profiles can be asked (a registry unit nobody owns in chat cannot answer). Before a
manufacturer accepts, the investor sees no company name, only province and processes, so a decline stays
anonymous. Every step changes the :class:`~bot.store.models.Introduction` (state, ``decided_at``) and writes an
audit entry in the same transaction; a second tap, or a button of someone else's introduction, changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.store import catalog
from bot.store import introductions as store
from bot.store import users as user_store
from bot.store.models import FINISHED_STATUSES, Introduction, IntroductionState, ManufacturerProfile, Product, User, utcnow

from . import audit
from .capabilities import Supplier, suppliers

MAX_ASKED = 5
"""Manufacturers asked at once, best fit first: enough for a choice, few enough not to spam a sector."""
_DONE_WITH = (IntroductionState.ASKED, IntroductionState.ACCEPTED, IntroductionState.DECLINED)
"""An investor is not offered a manufacturer again while asked, after it accepted or after it declined."""


@dataclass(frozen=True, slots=True)
class Offer:
    """The manufacturers an investor may ask to meet about a listing, best fit first (at most :data:`MAX_ASKED`)."""

    product: Product
    candidates: list[Supplier]


def offer(code: str, investor_id: int, *, session: Session) -> Offer | None:
    """What "Introduce me" would ask on the open listing ``code``; None when nobody can be asked."""
    if not store.others_consent(investor_id, session=session):
        return None
    product = catalog.get_product(code, session=session)
    if product is None or product.status in FINISHED_STATUSES:
        return None
    done = {intro.profile_id for intro in store.introductions_asked(product.code, investor_id, session=session) if intro.state in _DONE_WITH}
    candidates = [s for s in suppliers(product.code, session=session, consented_only=True)
                  if s.profile.user_id is not None and s.profile.user_id != investor_id and s.profile.id not in done]
    return Offer(product, candidates[:MAX_ASKED]) if candidates else None


def count_for(code: str, investor_id: int, *, session: Session) -> int:
    """How many manufacturers the card's "Introduce me" would ask."""
    found = offer(code, investor_id, session=session)
    return len(found.candidates) if found else 0


@dataclass(frozen=True, slots=True)
class Asked:
    """One manufacturer asked: the introduction, the profile and its owner (to send the question to)."""

    introduction: Introduction
    profile: ManufacturerProfile
    owner: User | None


def ask(code: str, investor_id: int, *, session: Session, now: datetime | None = None) -> tuple[Product, list[Asked]] | None:
    """Ask the capable consenting manufacturers of ``code`` (best fit first); None when there is nobody to ask."""
    found = offer(code, investor_id, session=session)
    if found is None:
        return None
    now = now or utcnow()
    earlier = {intro.profile_id: intro for intro in store.introductions_asked(found.product.code, investor_id, session=session)}
    asked = []
    for supplier in found.candidates:
        profile = supplier.profile
        assert profile.id is not None and profile.user_id is not None
        introduction = earlier.get(profile.id)
        if introduction is None:
            introduction = store.add_introduction(found.product.code, investor_id, profile.id, session=session)
        else:  # withdrawn before: asked anew (the audit log keeps the first round)
            introduction.state, introduction.created_at, introduction.decided_at = IntroductionState.ASKED, now, None
        introduction.created_at = now
        session.add(introduction)
        session.flush()
        audit.record(investor_id, audit.INTRODUCTION_ASK, session=session, target=str(introduction.id),
                     after={"product": found.product.code, "profile": profile.id, "state": IntroductionState.ASKED})
        asked.append(Asked(introduction, profile, user_store.get_user(profile.user_id, session=session)))
    return found.product, asked


class Refused(StrEnum):
    NOT_YOURS = "not_yours"
    """No such introduction, or not addressed to the presser (a forged or forwarded button)."""
    ALREADY = "already"
    """Answered before (or withdrawn by the investor): a double tap."""


@dataclass(frozen=True, slots=True)
class Answered:
    """A manufacturer's answer, with what both sides are told."""

    introduction: Introduction
    profile: ManufacturerProfile
    product: Product | None
    investor: User | None
    still_asked: int
    """Other manufacturers still considering the same investor's request on the listing."""
    accepted: int
    """Manufacturers who accepted the same investor's request on the listing (this one included)."""


def answer(introduction_id: int, user_id: int, accept: bool, *, session: Session,
           now: datetime | None = None) -> Answered | tuple[Refused, Introduction | None]:
    """Accept or decline an introduction addressed to ``user_id``'s profile."""
    introduction = store.get_introduction(introduction_id, session=session, lock=True)
    profile = store.get_profile(introduction.profile_id, session=session) if introduction and introduction.profile_id else None
    if introduction is None or profile is None or profile.user_id != user_id:
        return Refused.NOT_YOURS, None
    if introduction.state is not IntroductionState.ASKED:
        return Refused.ALREADY, introduction
    state = IntroductionState.ACCEPTED if accept else IntroductionState.DECLINED
    introduction.state, introduction.decided_at = state, now or utcnow()
    session.add(introduction)
    audit.record(user_id, audit.INTRODUCTION_ACCEPT if accept else audit.INTRODUCTION_DECLINE, session=session,
                 target=str(introduction.id), before={"state": IntroductionState.ASKED}, after={"state": state})
    others = store.introductions_asked(introduction.product_code, introduction.investor_id, session=session)
    return Answered(introduction, profile, catalog.get_product(introduction.product_code, session=session),
                    user_store.get_user(introduction.investor_id, session=session),
                    sum(other.state is IntroductionState.ASKED for other in others),
                    sum(other.state is IntroductionState.ACCEPTED for other in others))


def withdraw(code: str, investor_id: int, *, session: Session, now: datetime | None = None) -> list[Asked]:
    """Take back the investor's request on ``code``: every manufacturer still asked (returned, to be told)."""
    now = now or utcnow()
    withdrawn = []
    for introduction in store.introductions_asked(code, investor_id, session=session, lock=True):
        if introduction.state is not IntroductionState.ASKED or introduction.profile_id is None:
            continue
        introduction.state, introduction.decided_at = IntroductionState.WITHDRAWN, now
        session.add(introduction)
        audit.record(investor_id, audit.INTRODUCTION_WITHDRAW, session=session, target=str(introduction.id),
                     before={"state": IntroductionState.ASKED}, after={"state": IntroductionState.WITHDRAWN})
        profile = store.get_profile(introduction.profile_id, session=session)
        if profile is not None:
            owner = user_store.get_user(profile.user_id, session=session) if profile.user_id else None
            withdrawn.append(Asked(introduction, profile, owner))
    return withdrawn


@dataclass(frozen=True, slots=True)
class Mine:
    """One introduction as /introductions shows it to one side."""

    introduction: Introduction
    as_investor: bool
    product: Product | None
    profile: ManufacturerProfile | None
    """The manufacturer; for the investor only once it accepted."""
    investor: User | None
    owner: User | None = None
    """The manufacturer's owner in chat, for the investor once it accepted (their Telegram contact)."""


def has_any(user_id: int, *, session: Session) -> bool:
    """Whether the user asked for an introduction or was asked for one (/myleads points to them then)."""
    own = store.profile_of(user_id, session=session)
    return store.has_introductions(user_id, own.id if own else None, session=session)


def mine(user_id: int, *, session: Session) -> list[Mine]:
    """The user's introductions: asked as an investor and addressed to their profile, newest first."""
    own = store.profile_of(user_id, session=session)
    items = store.introductions_of(user_id, own.id if own else None, session=session)
    products = catalog.products_by_code({item.product_code for item in items}, session=session)
    shown = []
    for item in items:
        as_investor = item.investor_id == user_id
        profile = own if not as_investor else (
            store.get_profile(item.profile_id, session=session)
            if item.profile_id is not None and item.state is IntroductionState.ACCEPTED else None)
        owner = user_store.get_user(profile.user_id, session=session) if as_investor and profile and profile.user_id else None
        shown.append(Mine(item, as_investor, products.get(item.product_code), profile,
                          user_store.get_user(item.investor_id, session=session), owner))
    return shown
