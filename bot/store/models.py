"""Every table matchbot keeps, in one place.

Timestamps are timezone-aware UTC (see :func:`utcnow`); sqlmodel stores them as UTC on SQLite and
PostgreSQL alike and hands them back aware. Lists (aliases, companies) are stored as ``;``-separated text, the
same form the CSV files use, so they travel unchanged between the database and spreadsheets.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Integer, LargeBinary, UniqueConstraint, false
from sqlalchemy import Enum as SqlEnum
from sqlmodel import Field, SQLModel

LIST_SEPARATOR = ";"
# Money amounts (US dollars, euros) can pass 2**31; SQLite's INTEGER already holds 64 bits, PostgreSQL needs BIGINT.
AMOUNT = BigInteger().with_variant(Integer(), "sqlite")


def utcnow() -> datetime:
    """The current time in UTC, the form every timestamp column holds."""
    return datetime.now(UTC)


def split_list(value: str) -> list[str]:
    """``"a; b;;c"`` → ``["a", "b", "c"]``."""
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]


def join_list(items: list[str]) -> str:
    """The inverse of :func:`split_list`."""
    return LIST_SEPARATOR.join(items)


class ProductStatus(StrEnum):
    """Where a listing stands in the program."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    AWARDED = "awarded"
    CLOSED = "closed"


LIVE_STATUSES = (ProductStatus.OPEN, ProductStatus.IN_PROGRESS)
"""Listings that still take interest: digests announce them, standing requests are fulfilled by them."""
FINISHED_STATUSES = (ProductStatus.CLOSED, ProductStatus.AWARDED)
"""The complement of :data:`LIVE_STATUSES`: they take no new interest (one already expressed stays, and can be
withdrawn)."""


def _stored_as_values(enum: type[StrEnum], length: int = 16) -> SqlEnum:
    """Keep enum values as plain strings ('in_progress'), not a native database type that needs migrating."""
    return SqlEnum(enum, native_enum=False, create_constraint=False, length=length, values_callable=lambda e: [m.value for m in e])


class Sector(SQLModel, table=True):
    """An industry sector; its key is part of the public contract (CSV files, commands)."""

    key: str = Field(primary_key=True, max_length=32)
    name_en: str
    name_fa: str
    aliases: str = ""


class Desk(SQLModel, table=True):
    """A sector's domestic production promotion desk, which signs indigenization deals."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True, max_length=32)
    sector: str = Field(foreign_key="sector.key", index=True, max_length=32)
    name_en: str
    name_fa: str
    program_year: int | None = None
    budget_eur: int | None = Field(default=None, sa_type=AMOUNT)
    contact: str = ""
    description: str = ""
    # Persian cards show this, and the English description when it is empty.
    description_fa: str = ""
    active: bool = True
    source: str = ""
    # How many working days of the Iranian week (Saturday to Wednesday) the desk takes to answer a lead.
    response_days: int = Field(default=3, sa_column_kwargs={"server_default": "3"})
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Product(SQLModel, table=True):
    """An import-substitution listing: a product the program wants made at home."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True, max_length=32)
    name_en: str
    name_fa: str
    aliases: str = ""
    hs_code: str = Field(max_length=10, index=True)
    sector: str = Field(foreign_key="sector.key", index=True, max_length=32)
    desk: str | None = Field(default=None, foreign_key="desk.code", max_length=32)
    annual_import_usd: int | None = Field(default=None, sa_type=AMOUNT)
    status: ProductStatus = Field(default=ProductStatus.OPEN, sa_type=_stored_as_values(ProductStatus))
    description: str = ""
    # Persian cards show this, and the English description when it is empty.
    description_fa: str = ""
    deadline: date | None = None
    companies: str = ""
    source: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)
    # When the listing was added or its status or deadline last changed: what digests report as
    # new. Every write path sets it (see bot.store.catalog), after taking the catalog lock.
    listing_changed_at: datetime = Field(default_factory=utcnow, index=True)


class CatalogLock(SQLModel, table=True):
    """One row that catalog writers and digest rounds update first, so that their transactions are ordered.

    A digest round takes its cutoff time while holding this lock, so every listing stamped before the
    cutoff is already committed and visible; a listing stamped later belongs to the next digest.
    """

    id: int = Field(default=1, primary_key=True, sa_column_kwargs={"autoincrement": False})
    touched_at: datetime = Field(default_factory=utcnow)


class User(SQLModel, table=True):
    """Someone who talked to the bot; ``id`` is the Telegram user id."""

    # Telegram ids need 52 bits.
    id: int = Field(primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False})
    first_name: str = ""
    username: str | None = None
    language: str = Field(default="en", max_length=2)
    # The lead whose optional note the user's next plain message is (kept here, not in memory, so
    # any replica can take that message).
    pending_note_lead_id: int | None = None
    # The /profile or /claim question whose answer the user's next plain message is (``<flow>:<step>``, see
    # bot.services.profiles and bot.services.claims), kept here for the same reason.
    pending_profile_step: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)


class LeadStatus(StrEnum):
    """Where a desk officer has taken a lead."""

    NEW = "new"
    CONTACTED = "contacted"
    MEETING = "meeting"
    DECLINED = "declined"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    """The investor took their interest back."""


class Lead(SQLModel, table=True):
    """An investor's "I'm interested" in a listing; one per user and product."""

    __table_args__ = (UniqueConstraint("user_id", "product_code"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, sa_type=BigInteger)
    product_code: str = Field(foreign_key="product.code", index=True, max_length=32)
    status: LeadStatus = Field(default=LeadStatus.NEW, sa_type=_stored_as_values(LeadStatus))
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    # When the desk owes the investor an answer (see bot.services.response_clock); set when the lead is
    # created or taken up again.
    due_at: datetime | None = Field(default=None, index=True)
    # The local day the desk's officers were last reminded of this overdue lead: at most once a day, across
    # replicas and restarts (see bot.store.leads.claim_reminders).
    reminded_on: date | None = None


class LeadNote(SQLModel, table=True):
    """One note an investor added to their lead; a lead keeps every note, oldest first (revision 0020: until
    then a lead held one note and a second replaced it)."""

    id: int | None = Field(default=None, primary_key=True)
    lead_id: int = Field(foreign_key="lead.id", index=True)
    text: str
    created_at: datetime = Field(default_factory=utcnow)


class SearchFeedback(StrEnum):
    """What a searcher told of the answer to their search."""

    NONE_OF_THESE = "none_of_these"
    """None of the related suggestions ("Did you mean…?") was what they meant."""
    NOT_WHAT_I_WANTED = "not_what_i_wanted"
    """The confident results were not what they were looking for."""


class SearchLog(SQLModel, table=True):
    """One search: what was asked and whether anything confident answered it (unmet demand).

    ``related_shown`` tells, of a search nothing confident answered, whether related suggestions were shown.
    ``feedback`` is what the searcher told of the answer (once, at ``feedback_at``), None until they do.
    """

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, index=True, sa_type=BigInteger)
    query: str
    matched: bool = Field(index=True)
    top_code: str | None = None
    related_shown: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    feedback: SearchFeedback | None = Field(default=None, sa_type=_stored_as_values(SearchFeedback, length=24))
    feedback_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow, index=True)


class DemandState(StrEnum):
    """What an admin decided about a group of unmet searches (a need, see bot.services.demand)."""

    OPEN = "open"
    ALIASED = "aliased"
    """Its wording became an alias of the listing ``code``."""
    LISTED = "listed"
    """A new listing ``code`` was drafted for it."""
    DISMISSED = "dismissed"
    """Not a product need: left out of the report."""


class DemandDecision(SQLModel, table=True):
    """An admin's decision about one need of the unmet-demand report, by the need's key (its normalized words).

    Undoing a decision keeps the row, back in state ``open``, with who undid it and when.
    """

    id: int | None = Field(default=None, primary_key=True)
    need: str = Field(unique=True, max_length=200)
    state: DemandState = Field(default=DemandState.OPEN, sa_type=_stored_as_values(DemandState))
    code: str | None = Field(default=None, max_length=32)
    wording: str = Field(default="", max_length=200)
    decided_by: int = Field(sa_type=BigInteger)
    decided_at: datetime = Field(default_factory=utcnow)


class Frequency(StrEnum):
    """How often a subscriber hears about new listings."""

    INSTANT = "instant"
    DAILY = "daily"
    WEEKLY = "weekly"


class Subscriber(SQLModel, table=True):
    """A user who receives digests: their schedule, state and cursor.

    ``cursor`` is the cutoff of the last delivered digest (at first, when they subscribed): the next
    digest holds what changed after it. ``weekday`` (Monday = 0) and ``hour`` are in ``TIMEZONE``.
    """

    user_id: int = Field(primary_key=True, foreign_key="user.id", sa_type=BigInteger, sa_column_kwargs={"autoincrement": False})
    frequency: Frequency = Field(default=Frequency.DAILY, sa_type=_stored_as_values(Frequency))
    weekday: int = 5
    hour: int = 9
    # False after /unsubscribe or once Telegram said the user blocked the bot (``stopped_reason``).
    active: bool = Field(default=True, index=True)
    stopped_reason: str = Field(default="", max_length=16)
    paused: bool = False
    cursor: datetime = Field(default_factory=utcnow)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class SectorSubscription(SQLModel, table=True):
    """A subscriber's interest in every listing of one sector."""

    __table_args__ = (UniqueConstraint("user_id", "sector"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, sa_type=BigInteger)
    sector: str = Field(foreign_key="sector.key", max_length=32)
    muted: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class Alert(SQLModel, table=True):
    """A standing query: new listings the matching engine finds for ``query`` go into the digest.

    ``exclude`` holds normalized words (``;``-separated); a listing whose names or aliases contain one
    is left out.
    """

    __table_args__ = (UniqueConstraint("user_id", "query", "exclude"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, sa_type=BigInteger)
    query: str = Field(max_length=200)
    exclude: str = Field(default="", max_length=200)
    muted: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class ListingWatch(SQLModel, table=True):
    """ "Tell me if it reopens" on a closed or awarded listing: the subscriber's first digest after the listing
    takes interest again (open or in progress) tells them, once; planning that digest removes the watch."""

    __table_args__ = (UniqueConstraint("user_id", "product_code"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, sa_type=BigInteger)
    product_code: str = Field(foreign_key="product.code", max_length=32)
    created_at: datetime = Field(default_factory=utcnow)


class DigestStatus(StrEnum):
    """Where an outbox row stands."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class Digest(SQLModel, table=True):
    """The outbox: one digest for one subscriber and period, planned, then claimed, rendered once, sent and marked.

    ``period`` is the digest's start, the subscriber's cursor when it was planned (see
    bot.services.digests): a subscriber's digests cover consecutive, disjoint periods, and the unique
    constraint means no two processes or rounds can ever create two digests for the same one.
    ``content`` is what planning chose (listing and desk codes, see bot.services.digests.Selection);
    ``messages`` is the rendered digest (a JSON list of Bot API sendMessage parameters), empty until the
    first sender claims the row and renders it, then fixed; ``sent_count`` is how many of them were
    delivered, so a crash repeats at most the ones in flight.
    """

    __table_args__ = (UniqueConstraint("user_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, sa_type=BigInteger)
    period: str = Field(max_length=40)
    since: datetime
    cutoff: datetime
    trigger: str = Field(max_length=16)
    items: int = 0
    content: str = ""
    messages: str = ""
    status: DigestStatus = Field(default=DigestStatus.PENDING, sa_type=_stored_as_values(DigestStatus), index=True)
    sent_count: int = 0
    message_ids: str = ""
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_at: datetime | None = None
    attempts: int = 0
    last_error: str = Field(default="", max_length=500)
    sent_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class SendPace(SQLModel, table=True):
    """The send schedule shared by every process sending for the bot (replicas, ``matchbot digest``).

    ``next_at`` is the earliest time, in seconds since the epoch, at which the next message may go: a
    sender reserves a slot by moving it on by one interval (see bot.store.pace).
    """

    key: str = Field(primary_key=True, max_length=32)
    next_at: float = 0.0


class AdminGrant(SQLModel, table=True):
    """Admin rights given in chat by another admin (those in ``ADMIN_IDS`` need none); revoking deletes the row.

    ``desks`` (``;``-separated desk codes) scopes the grant: a desk officer handles only those desks' leads
    and listings. Empty means a full admin.
    """

    user_id: int = Field(primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False})
    granted_by: int = Field(sa_type=BigInteger)
    granted_at: datetime = Field(default_factory=utcnow)
    desks: str = Field(default="", sa_column_kwargs={"server_default": ""})


class AuditEntry(SQLModel, table=True):
    """One thing an admin did (or someone tried): who, when, what, on what, and the values before and after."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_id: int = Field(index=True, sa_type=BigInteger)
    # e.g. product.add, product.edit, product.close, import, admin.grant, lead.status, refused
    action: str = Field(max_length=32, index=True)
    target: str = Field(default="", max_length=128)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))


class PendingImport(SQLModel, table=True):
    """An uploaded file waiting for its uploader's Apply or Cancel.

    Kept in the database, not in memory, so that Apply works on any replica and after a restart; the file is
    validated again when applied.
    """

    id: int | None = Field(default=None, primary_key=True)
    uploaded_by: int = Field(index=True, sa_type=BigInteger)
    file_name: str = Field(max_length=255)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, index=True)


class HandledUpdate(SQLModel, table=True):
    """A Telegram update some process took on, kept a short while so a redelivery is recognised.

    Telegram delivers an update again when a webhook answer is late or fails (and a load balancer may
    retry on another replica). ``owner`` is the process that claimed it; ``done`` is set once it was
    handled, so a claim left by a crashed process can be taken over (see :mod:`bot.store.handled`).
    """

    update_id: int = Field(primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False})
    owner: str = Field(max_length=32)
    claimed_at: datetime = Field(default_factory=utcnow, index=True)
    done: bool = False


class ScorecardSend(SQLModel, table=True):
    """A desk's weekly scorecard, claimed for sending: one row per desk and week, so it goes out once.

    The process that inserts the row sends the scorecard (to ``recipients``, ``;``-separated user ids); a
    replica or a restarted bot that finds the row already there sends nothing (see bot.store.scorecards).
    """

    __table_args__ = (UniqueConstraint("desk", "week"),)

    id: int | None = Field(default=None, primary_key=True)
    desk: str = Field(max_length=32)
    week: date
    """The Saturday that starts the reported week."""
    recipients: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class RequestStatus(StrEnum):
    """Where a standing request stands."""

    OPEN = "open"
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"


class StandingRequest(SQLModel, table=True):
    """"Tell me when something like this is listed": a searcher's wish, made after a search nothing confident answered.

    ``query`` is that search's wording. When a listing is added or changed so that the matching engine finds it
    confidently for the wording, the request is ``fulfilled`` by that listing (``fulfilled_code``, ``fulfilled_at``)
    and a notice goes into the outbox (``digest`` row of trigger ``request``); ``told_at`` is when it was delivered.
    """

    __table_args__ = (UniqueConstraint("user_id", "search_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, sa_type=BigInteger)
    search_id: int = Field(foreign_key="searchlog.id")
    query: str
    status: RequestStatus = Field(default=RequestStatus.OPEN, sa_type=_stored_as_values(RequestStatus), index=True)
    created_at: datetime = Field(default_factory=utcnow)
    fulfilled_code: str | None = Field(default=None, max_length=32)
    fulfilled_at: datetime | None = None
    told_at: datetime | None = None
    cancelled_at: datetime | None = None


class ProfileSource(StrEnum):
    """Where a manufacturer profile came from."""

    CHAT = "chat"
    """Built by its owner with /profile."""
    REGISTRY = "registry"
    """Imported from a registry of production units (Tavaniran); ``user_id`` stays empty until claimed."""


class ManufacturerProfile(SQLModel, table=True):
    """What a production unit makes or can make: the supply side that reverse matching joins to the listings.

    Personal data of a business: only admins and desk officers see it, unless ``consent`` lets investors see it
    (for introductions). Lists (``processes``, ``certifications``) hold keys of ``seed_data/processes.csv`` and
    ``seed_data/certifications.csv``, ``;``-separated; ``province`` is a key of ``seed_data/provinces.csv``.
    Deleting a profile deletes the row; introductions keep an anonymised trace (``profile_id`` set to None).
    """

    id: int | None = Field(default=None, primary_key=True)
    # The owner in chat; None for a registry unit nobody has claimed yet. One profile per user.
    user_id: int | None = Field(default=None, foreign_key="user.id", unique=True, sa_type=BigInteger)
    source: ProfileSource = Field(default=ProfileSource.CHAT, sa_type=_stored_as_values(ProfileSource))
    # The registry's unit id (``unit_id`` column of an import); None for a profile built in chat.
    unit_id: str | None = Field(default=None, unique=True, max_length=64)
    company: str = Field(max_length=200)
    province: str = Field(default="", max_length=32)
    makes: str = ""
    """What the unit makes or can make, free text in any language: the main text reverse matching reads."""
    processes: str = ""
    materials: str = ""
    machines: str = ""
    certifications: str = ""
    capacity: str = ""
    isic_code: str = Field(default="", max_length=8)
    # None: never answered (a question skipped in the guided build), shown as such rather than as "no". The default
    # is None because SQLAlchemy writes a column's default in place of an explicit None on insert.
    idle: bool | None = None
    idle_since: date | None = None
    knowledge_based: bool | None = None
    consent: bool = False
    """Whether investors may see the profile and ask to be introduced."""
    contact: str = ""
    """How to reach a registry unit (phone, e-mail); a chat profile's owner is reached through the bot."""
    illustrative: bool = False
    """Seeded example data, shown as such."""
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class ClaimState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


class UnitClaim(SQLModel, table=True):
    """A user's claim that a registry unit is theirs; an admin verifies it before the profile becomes theirs."""

    __table_args__ = (UniqueConstraint("profile_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    profile_id: int = Field(foreign_key="manufacturerprofile.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True, sa_type=BigInteger)
    state: ClaimState = Field(default=ClaimState.PENDING, sa_type=_stored_as_values(ClaimState))
    note: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    decided_by: int | None = Field(default=None, sa_type=BigInteger)
    decided_at: datetime | None = None


class IntroductionState(StrEnum):
    """Where an investor's request to meet a capable manufacturer stands."""

    ASKED = "asked"
    """The manufacturer has been asked and has not answered."""
    ACCEPTED = "accepted"
    """Both accepted: each has been given the other's contact."""
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    """The investor took the request back before the manufacturer answered."""
    REMOVED = "removed"
    """The manufacturer deleted their profile; the row stays as an anonymised trace."""


class Introduction(SQLModel, table=True):
    """An investor asked, on a listing's card, to be introduced to a capable manufacturer who consented.

    Contacts are exchanged only when the manufacturer accepts. ``profile_id`` becomes None (state ``removed``)
    when the profile is deleted, so the desk's figures keep the step without naming the business.
    """

    __table_args__ = (UniqueConstraint("product_code", "investor_id", "profile_id"),)

    id: int | None = Field(default=None, primary_key=True)
    product_code: str = Field(foreign_key="product.code", index=True, max_length=32)
    investor_id: int = Field(foreign_key="user.id", index=True, sa_type=BigInteger)
    profile_id: int | None = Field(default=None, foreign_key="manufacturerprofile.id", index=True)
    state: IntroductionState = Field(default=IntroductionState.ASKED, sa_type=_stored_as_values(IntroductionState))
    created_at: datetime = Field(default_factory=utcnow, index=True)
    decided_at: datetime | None = None


class PendingContact(SQLModel, table=True):
    """A desk's message to a capable manufacturer that the bot is waiting for: the officer's next plain message.

    Kept in the database, not in memory, so any replica takes that message; one per officer (a new "Contact
    through the bot" replaces it). No foreign key to the profile: deleting a profile must not wait on a draft.
    """

    user_id: int = Field(primary_key=True, foreign_key="user.id", sa_type=BigInteger, sa_column_kwargs={"autoincrement": False})
    profile_id: int
    product_code: str = Field(max_length=32)
    created_at: datetime = Field(default_factory=utcnow)
