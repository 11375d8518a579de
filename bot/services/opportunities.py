"""What could my factory make? The live listings that fit a manufacturer's profile, value-weighted.

The engine (:mod:`bot.services.capabilities`) says how well each listing fits; this module ranks them for a
person, weighing the fit by the listing's annual imports, and picks the reason shown first.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot.store import catalog
from bot.store import subscriptions as subscription_store
from bot.store.models import ManufacturerProfile, Product, Sector, join_list
from matching.capabilities import SHOP_MATERIALS, Fit, Reason, read_shop

from . import capabilities, profiles

SHOWN = 50
"""Fitting listings /opportunities pages through: ten pages of five."""
SHOP_SHOWN = 5
"""Listings shown to a maker's message that names no product: one screen under the pointer to /profile (a list that
is not stored cannot be paged; the profile's /opportunities can)."""
EVERY_FIT = 100_000
"""A limit no catalog reaches: every listing past the engine's floor."""
# Which part of a profile speaks most plainly for a fit, for the one reason a line has room for.
# A part of the listing's product says more than the product's name alone: it comes first. The unit's own product
# words come before its processes: a forge naming «فلنج فورج شده» was told «شما ماشین‌کاری می‌کنید» on every line.
_REASON_ORDER = {"part": 0, "makes": 1, "process": 2, "machine": 3, "material": 4}


@dataclass(frozen=True, slots=True)
class Ranked:
    """A listing that fits, with its sector and the reason shown first."""

    product: Product
    fit: Fit
    sector: Sector | None
    reason: Reason | None


@dataclass(frozen=True, slots=True)
class Opportunities:
    """A manufacturer's fitting listings, best first, and whether their digests bring new ones (an active, unpaused
    subscription with something in it)."""

    profile: ManufacturerProfile
    ranked: list[Ranked]
    subscribed: bool


def profile_of(user_id: int, *, session: Session) -> ManufacturerProfile | None:
    """The user's manufacturer profile, if they have one."""
    return session.exec(select(ManufacturerProfile).where(col(ManufacturerProfile.user_id) == user_id)).first()


def profiles_of(user_ids: Iterable[int], *, session: Session) -> dict[int, ManufacturerProfile]:
    """The profiles of these users (a digest batch), a thousand per query."""
    ids = list(user_ids)
    found: dict[int, ManufacturerProfile] = {}
    for start in range(0, len(ids), 1000):
        query = select(ManufacturerProfile).where(col(ManufacturerProfile.user_id).in_(ids[start : start + 1000]))
        found.update({profile.user_id: profile for profile in session.exec(query) if profile.user_id is not None})
    return found


def weight(fit: Fit, product: Product) -> float:
    """A fit weighed by what the country imports: a tenfold import value is worth about an eighth more fit.

    The fit stays first (a weak fit to a huge import does not bury a close fit to a modest one), but among
    listings that fit about as well, the ones that replace more imports come first.
    """
    millions = (product.annual_import_usd or 0) / 1_000_000
    return fit.score * (1.0 + math.log10(1.0 + millions) / 8.0)


def main_reason(fit: Fit) -> Reason | None:
    """The reason a single line shows: what the unit says it makes, then its processes, before materials."""
    return min(fit.reasons, key=lambda reason: _REASON_ORDER.get(reason.kind, len(_REASON_ORDER)), default=None)


def rank(found: Iterable[capabilities.Opportunity], sectors: dict[str, Sector]) -> list[Ranked]:
    """Opportunities value-weighted, best first (the code breaks ties, so pages stay stable); those offered by the
    unit's processes alone (see CapabilityIndex.opportunities) after every listing that fits on evidence."""
    ordered = sorted(found, key=lambda item: (item.fit.by_processes, -weight(item.fit, item.product), item.product.code))
    return [Ranked(item.product, item.fit, sectors.get(item.product.sector), main_reason(item.fit)) for item in ordered]


def for_user(user_id: int, *, session: Session) -> Opportunities | None:
    """The user's fitting listings, value-weighted; None when they have no profile."""
    profile = profile_of(user_id, session=session)
    if profile is None:
        return None
    found = capabilities.opportunities(profile, session=session, limit=EVERY_FIT)
    sectors = {sector.key: sector for sector in catalog.sectors(session=session)}
    subscriber = subscription_store.get_subscriber(user_id, session=session)
    # Paused digests bring nothing: the list offers the subscription again (saving it resumes them).
    subscribed = subscriber is not None and subscriber.active and not subscriber.paused and bool(
        subscription_store.sector_subscriptions(user_id, session=session) or subscription_store.alerts(user_id, session=session)
        or subscription_store.watches(user_id, session=session)
    )
    return Opportunities(profile, rank(found, sectors)[:SHOWN], subscribed)


def fitting_sectors(found: Opportunities, *, best: int = 10) -> list[str]:
    """The sectors of the best fitting listings, most fitting first: what a subscription offered from the list ticks."""
    keys: list[str] = []
    for item in found.ranked[:best]:
        if item.product.sector not in keys:
            keys.append(item.product.sector)
    return keys


@dataclass(frozen=True, slots=True)
class Shop:
    """The processes and materials a manufacturer's message named, as bit sets over the process list and
    :data:`matching.capabilities.SHOP_MATERIALS`: small enough for a button's data, so the list worked out from them
    can be worked out again (a Back button) without storing the message, which is never saved."""

    processes: int = 0
    materials: int = 0


def read_message(text: str) -> Shop:
    """The shop a manufacturer's message describes (:func:`matching.capabilities.read_shop`), packed."""
    keys = [process.key for process in capabilities.load_processes()]
    shop = read_shop(text, capabilities.load_processes(), profiles.process_words())
    named = set(shop.materials.split(", "))
    return Shop(sum(1 << keys.index(key) for key in shop.processes),
                sum(1 << n for n, word in enumerate(SHOP_MATERIALS) if word in named))


def for_shop(shop: Shop, *, session: Session) -> list[Ranked]:
    """What a shop like ``shop`` could make, ranked as /opportunities ranks a profile's fits (at most
    :data:`SHOP_SHOWN`): for a maker who named no product («کارگاه تراشکاری و جوشکاری داریم، میخوایم قطعه بسازیم»),
    whose search answers only with a sector's list (tyres for a machine shop).

    The profile is transient, never saved, never logged. Empty when the shop has neither processes nor materials,
    or nothing fits them."""
    processes = [process.key for n, process in enumerate(capabilities.load_processes()) if shop.processes >> n & 1]
    materials = [word for n, word in enumerate(SHOP_MATERIALS) if shop.materials >> n & 1]
    if not (processes or materials):
        return []
    transient = ManufacturerProfile(company="", makes="", processes=join_list(processes), materials=", ".join(materials))
    found = capabilities.opportunities(transient, session=session, limit=SHOP_SHOWN)
    sectors = {sector.key: sector for sector in catalog.sectors(session=session)}
    return rank(found, sectors)[:SHOP_SHOWN]


def for_message(text: str, *, session: Session) -> list[Ranked]:
    """What a shop like the one a manufacturer's message describes could make (:func:`for_shop`)."""
    return for_shop(read_message(text), session=session)
