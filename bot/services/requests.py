"""Standing requests: "Tell me when something like this is listed", and telling, once, when it is.

**Asking.** After a search nothing confident answered, its searcher may leave a standing request tied to
that search's wording (:func:`ask`). Only the searcher can, and asking again (the same button, or the same
wording from another search while the first request is open) changes nothing.

**Fulfilling.** Every write of listings goes through :func:`upsert_products` (chat form, /addproduct,
/editproduct, close and reopen, CSV imports from chat and the command line, the seed). In the writer's own
transaction, when requests are open, the matching engine searches each open request's wording over the
catalog as it now is; a request whose confident results now hold one of the listings just added or changed
(open or in progress) is fulfilled by the best of them, and one notice per person and listing is added to
the digest outbox (a ``digest`` row of trigger :data:`TRIGGER`, period ``request:<id>``). The unique
(user, period) key and the request's status change in the same transaction make the planning exactly-once.

**Telling.** The digest senders claim, render, send and record a notice like any digest (see
:mod:`bot.services.digests` and :mod:`bot.telegram.digests`): leased, exactly once, surviving a crash of
the sender, within the shared send rate. A notice moves no subscriber's cursor; once delivered, its
requests are marked told (``told_at``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.store import catalog, outbox
from bot.store import requests as store
from bot.store import searches as search_store
from bot.store import users as user_store
from bot.store.models import LIVE_STATUSES, Digest, Product, RequestStatus, StandingRequest, utcnow
from bot.store.catalog import UpsertCounts

from .browse import ProductCard, product_card
from .search import Matcher

TRIGGER = store.TRIGGER
_PERIOD = "request:"
# Confident results looked at per request: a listing just added may rank behind others of its sector.
_RESULTS = 50


@dataclass(frozen=True, slots=True)
class Asked:
    """The standing request a tap left, and whether it was new."""

    request: StandingRequest
    created: bool


@dataclass(frozen=True, slots=True)
class Notice:
    """What a notice tells its reader: the listing that now answers their wordings, in their language."""

    user_id: int
    language: str
    queries: tuple[str, ...]
    card: ProductCard


def ask(user_id: int, search_id: int, *, session: Session) -> Asked | None:
    """Leave a standing request for the user's search; None if the search is not theirs or was answered."""
    search = search_store.get_search(search_id, session=session)
    if search is None or search.id is None or search.user_id != user_id or search.matched:
        return None
    existing = store.find(user_id, session=session, search_id=search.id) or store.find(user_id, session=session, query=search.query)
    if existing is not None:
        return Asked(existing, created=False)
    # A listing written between the search and this tap could not see the request: under the catalog lock, so
    # that no writer is halfway, the listings written since the search are matched against it now.
    catalog.lock_catalog(session=session)
    request = store.add(user_id, search.id, search.query, session=session)
    fulfil_by(catalog.products_updated(session=session, after=search.created_at), session=session)
    return Asked(request, created=True)


def mine(user_id: int, *, session: Session) -> list[StandingRequest]:
    """The user's open and fulfilled requests, newest first."""
    return store.of_user(user_id, session=session)


def listings_of(requests: Sequence[StandingRequest], *, session: Session) -> dict[str, Product]:
    """The listings that fulfilled these requests, by code (a listing deleted since is missing)."""
    return catalog.products_by_code({r.fulfilled_code for r in requests if r.fulfilled_code is not None}, session=session)


def cancel(user_id: int, request_id: int, *, session: Session) -> bool:
    """Cancel the user's open request; False if it is not theirs or no longer open."""
    request = store.get(request_id, session=session)
    if request is None or request.user_id != user_id or request.status != RequestStatus.OPEN:
        return False
    return store.cancel(request_id, session=session)


# ---------------------------------------------------------------------------------- fulfilling


def upsert_products(rows: Sequence[Mapping[str, Any]], *, session: Session) -> UpsertCounts:
    """Write listings (see :func:`bot.store.catalog.upsert_products`) and plan the notices they fulfil."""
    counts = catalog.upsert_products(rows, session=session)
    fulfil_by([change.key for change in counts.changes], session=session)
    return counts


def fulfil_by(codes: Sequence[str], *, session: Session, now: datetime | None = None) -> int:
    """Fulfil the open requests that the listings ``codes`` (just added or changed) now answer; the notices planned."""
    if not codes:
        return 0
    requests = store.open_requests(session=session)
    if not requests:
        return 0
    changed = {code for code, product in catalog.products_by_code(codes, session=session).items() if product.status in LIVE_STATUSES}
    if not changed:
        return 0
    matcher = Matcher.load(session=session)
    wanted: dict[tuple[int, str], list[int]] = defaultdict(list)
    for request in requests:
        assert request.id is not None
        found = next((r.code for r in matcher.search(request.query, limit=_RESULTS) if r.kind == "product" and r.code in changed), None)
        if found is not None:
            wanted[request.user_id, found].append(request.id)
    now = now or utcnow()
    rows = []
    for (user_id, code), ids in wanted.items():
        fulfilled = sorted(store.fulfil(ids, code, session=session, now=now))
        if fulfilled:
            content = json.dumps({"requests": fulfilled, "code": code}, separators=(",", ":"))
            rows.append(outbox.row(user_id=user_id, period=f"{_PERIOD}{fulfilled[0]}", since=now, cutoff=now, trigger=TRIGGER,
                                   items=1, content=content))  # fmt: skip
    return len(outbox.add_many(rows, session=session)) if rows else 0


# ------------------------------------------------------------------------------------ telling


def is_notice(digest: Digest) -> bool:
    """Whether the outbox row is a standing request's notice (not a digest)."""
    return digest.trigger == TRIGGER


def _content(digest: Digest) -> tuple[list[int], str]:
    data = json.loads(digest.content)
    return [int(request_id) for request_id in data["requests"]], str(data["code"])


def notice(digest: Digest, *, session: Session) -> Notice | None:
    """The notice the outbox row holds, with the listing as it is now; None when it no longer answers (gone, closed)."""
    ids, code = _content(digest)
    card = product_card(code, session=session)
    if card is None or card.product.status not in LIVE_STATUSES:
        return None
    requests = [request for request_id in ids if (request := store.get(request_id, session=session)) is not None]
    language = user_store.languages([digest.user_id], session=session).get(digest.user_id, "en")
    return Notice(digest.user_id, language, tuple(dict.fromkeys(request.query for request in requests)), card)


def told(digest: Digest, *, session: Session, now: datetime) -> None:
    """The notice was delivered: its requests are marked told."""
    store.mark_told(_content(digest)[0], session=session, now=now)
