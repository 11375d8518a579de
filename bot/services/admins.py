"""Who may run the catalog from chat: the ``ADMIN_IDS`` of the settings, and those admins granted rights to.

A grant may be scoped to desks: its holder is a **desk officer**, who sees and handles only those desks' leads
and listings (see :class:`Rights`). ``ADMIN_IDS`` and unscoped grants are **full admins**: everything, and the
global commands (/admins, /import, /export, /digest_now…) are theirs alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.settings import Settings
from bot.store import catalog
from bot.store import grants as store
from bot.store import users as user_store
from bot.store.models import Desk, Product

from . import audit
from .inputs import NumberError, clean_text, parse_whole_number

MAX_USER_ID = 2**63 - 1  # Telegram ids fit 52 bits; the column is a signed 64-bit integer


def is_admin(user_id: int, *, session: Session, settings: Settings) -> bool:
    """True for a user in ``ADMIN_IDS`` or granted admin rights in chat."""
    return user_id in settings.admin_ids or store.get_grant(user_id, session=session) is not None


def admin_ids(*, session: Session, settings: Settings) -> list[int]:
    """Every admin's user id, desk officers included: those of ``ADMIN_IDS`` first, then the granted ones."""
    granted = [grant.user_id for grant in store.grants(session=session) if grant.user_id not in settings.admin_ids]
    return sorted(settings.admin_ids) + granted


def full_admin_ids(*, session: Session, settings: Settings) -> list[int]:
    """The admins who hold every desk: ``ADMIN_IDS``, then the unscoped grants."""
    granted = [grant.user_id for grant in store.grants(session=session)
               if grant.user_id not in settings.admin_ids and not store.desks_of(grant)]
    return sorted(settings.admin_ids) + granted


@dataclass(frozen=True, slots=True)
class Rights:
    """What an admin may handle: everything (``desks`` None), or the leads and listings of some desks.

    A desk officer covers a listing that names one of their desks, or is in one of their desks' sectors (so
    also every listing its sector's desk handles without being named).
    """

    user_id: int
    desks: frozenset[str] | None = None
    sectors: frozenset[str] = frozenset()

    @property
    def full(self) -> bool:
        return self.desks is None

    def covers(self, *, desk: str | None, sector: str | None) -> bool:
        """Whether a lead or listing of ``desk`` (code) in ``sector`` (key) is this admin's to handle."""
        if self.desks is None:
            return True
        return (desk is not None and desk.upper() in self.desks) or (sector is not None and sector in self.sectors)

    def covers_product(self, product: Product) -> bool:
        """Whether the listing (and the leads on it) is this admin's to handle."""
        return self.covers(desk=product.desk, sector=product.sector)


def listing_outside(rights: Rights | None, code: str | None, values: Mapping[str, str], *, session: Session) -> bool:
    """Whether a desk officer may not touch the listing ``code`` (None: a new one) with ``values`` (its new fields):
    the listing, or what the values make of it (another sector or desk), is outside their desks.

    False for full admins, and for a code no listing has (the caller says it is not found)."""
    if rights is None or rights.full:
        return False
    product = catalog.get_product(code, session=session) if code else None
    if code and product is None:
        return False
    if product is not None and not rights.covers_product(product):
        return True
    sector = values.get("sector", product.sector if product else "").strip()
    desk = values.get("desk", (product.desk or "") if product else "").strip()
    return not rights.covers(desk=desk or None, sector=sector or None)


def rights(user_id: int, *, session: Session, settings: Settings) -> Rights | None:
    """The user's admin rights, or None for someone who is no admin."""
    if user_id in settings.admin_ids:
        return Rights(user_id)
    grant = store.get_grant(user_id, session=session)
    if grant is None:
        return None
    desks = store.desks_of(grant)
    if not desks:
        return Rights(user_id)
    codes = frozenset(code.upper() for code in desks)
    sectors = frozenset(desk.sector for desk in catalog.desks_by_code(codes, session=session).values())
    return Rights(user_id, codes, sectors)


def responsible_for(desk: Desk | None, *, session: Session, settings: Settings) -> list[int]:
    """Who hears of a lead of ``desk``: its officers, or every full admin when it has none (or there is no desk)."""
    officers = store.officers_of(desk.code, session=session) if desk is not None else []
    return officers or full_admin_ids(session=session, settings=settings)


@dataclass(frozen=True, slots=True)
class Admin:
    """An admin as the admins list shows them."""

    user_id: int
    first_name: str
    username: str | None
    configured: bool  # in ADMIN_IDS, so only the server's configuration can remove them
    granted_by: int | None = None
    granted_at: datetime | None = None
    desks: tuple[str, ...] = ()
    """The desks of a desk officer; empty for a full admin."""


def list_admins(*, session: Session, settings: Settings) -> list[Admin]:
    """Every admin with their name (when they have written to the bot) and where their rights come from."""
    grants = {grant.user_id: grant for grant in store.grants(session=session)}
    admins = []
    for user_id in admin_ids(session=session, settings=settings):
        user = user_store.get_user(user_id, session=session)
        grant = grants.get(user_id)
        admins.append(
            Admin(
                user_id=user_id,
                first_name=user.first_name if user else "",
                username=user.username if user else None,
                configured=user_id in settings.admin_ids,
                granted_by=grant.granted_by if grant else None,
                granted_at=grant.granted_at if grant else None,
                desks=tuple(store.desks_of(grant)) if grant and user_id not in settings.admin_ids else (),
            )
        )
    return admins


class AmbiguousUsername(Exception):
    """More than one user is recorded with the @username given."""


def find_user(reference: str, *, session: Session) -> int | None:
    """The user id meant by ``reference``: a number, or an @username of someone who wrote to the bot.

    A username is resolved only for its current holder: recording a user clears it from anyone who held
    it before (see :func:`bot.store.user_store.upsert_user`); should two still hold it, this raises
    :class:`AmbiguousUsername` rather than pick one.
    """
    reference = reference.strip()
    try:
        number = parse_whole_number(reference, maximum=MAX_USER_ID)
    except NumberError as error:
        if error.too_large:
            return None
    else:
        return number or None
    if reference.startswith("@") and len(reference) > 1:
        found = user_store.users_by_username(reference[1:], session=session)
        if len(found) > 1:
            # Recorded before usernames were kept unique: granting either could grant the wrong person.
            raise AmbiguousUsername(reference)
        return found[0].id if found else None
    return None


class Outcome(StrEnum):
    """What a grant or revoke did."""

    GRANTED = "granted"
    RESCOPED = "rescoped"  # an existing grant's desks changed (or a desk officer became a full admin)
    ALREADY = "already"
    REVOKED = "revoked"
    NOT_ADMIN = "not_admin"
    CONFIGURED = "configured"  # in ADMIN_IDS: chat cannot take those rights away


class UnknownDesks(ValueError):
    """Desk codes given to ``/admins add … desk:`` that no desk has."""

    def __init__(self, codes: list[str]) -> None:
        super().__init__(", ".join(codes))
        self.codes = codes


def desk_codes(text: str, *, session: Session) -> list[str]:
    """``desk:DESK-AUT,DESK-PET`` (the ``desk:`` already removed) → the desks' codes as stored, in the order given.

    Raises :class:`UnknownDesks` naming the codes no desk has.
    """
    given = [clean_text(part).strip().upper() for part in text.replace(";", ",").split(",")]
    given = list(dict.fromkeys(code for code in given if code))
    known = catalog.desks_by_code(given, session=session)
    unknown = [code for code in given if code not in known]
    if unknown or not given:
        raise UnknownDesks(unknown)
    return given


def grant(actor_id: int, user_id: int, *, session: Session, settings: Settings, desks: list[str] | None = None) -> Outcome:
    """Make ``user_id`` an admin (a desk officer of ``desks`` when given), logged in the audit log.

    Granting someone who already holds a grant with other desks (or none) changes its scope; those of
    ``ADMIN_IDS`` keep everything (desks for them are :attr:`Outcome.CONFIGURED`: only the settings change them).
    """
    scope = list(desks or [])
    if user_id in settings.admin_ids:
        return Outcome.CONFIGURED if scope else Outcome.ALREADY
    existing = store.get_grant(user_id, session=session)
    if existing is not None:
        before = store.desks_of(existing)
        if before == scope:
            return Outcome.ALREADY
        store.set_desks(existing, scope, session=session)
        audit.record(actor_id, audit.ADMIN_GRANT, session=session, target=str(user_id), before={"admin": True, "desks": before},
                     after={"admin": True, "desks": scope})
        return Outcome.RESCOPED
    store.add_grant(user_id, session=session, granted_by=actor_id, desks=scope)
    after: dict[str, object] = {"admin": True, "desks": scope} if scope else {"admin": True}
    audit.record(actor_id, audit.ADMIN_GRANT, session=session, target=str(user_id), before={"admin": False}, after=after)
    return Outcome.GRANTED


def revoke(actor_id: int, user_id: int, *, session: Session, settings: Settings) -> Outcome:
    """Take admin rights granted in chat away from ``user_id``, logged in the audit log."""
    if user_id in settings.admin_ids:
        return Outcome.CONFIGURED
    if not store.delete_grant(user_id, session=session):
        return Outcome.NOT_ADMIN
    audit.record(actor_id, audit.ADMIN_REVOKE, session=session, target=str(user_id), before={"admin": True}, after={"admin": False})
    return Outcome.REVOKED


def refuse(user_id: int, command: str, *, session: Session, text: str = "") -> None:
    """Log that someone who is not an admin tried an admin command (or pressed an admin button)."""
    audit.record(user_id, audit.REFUSED, session=session, target=command, after={"text": clean_text(text)[:200]} if text else None)
