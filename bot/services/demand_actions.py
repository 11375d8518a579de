"""What admins do with a group of unmet searches (see :mod:`bot.services.demand`): make its wording an alias of a
listing, draft a new listing for it, or dismiss it as no product need, and undo a dismissal.

A group is named by one of its searches (``search_id``, the newest, see ``DemandGroup.search_id``) and the days the
report looked back: buttons carry both, and the group is found again among the unmet searches of those days. A
decision is stored by the group's key (its normalized words) and every action is written to the audit log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlmodel import Session

from bot.i18n import is_persian
from bot.store import catalog as catalog_store
from bot.store import demand as store
from bot.store.models import DemandState, Product, ProductStatus, join_list, split_list
from matching import normalize
from matching.normalize import persian_letters

from . import audit, listings
from .demand import DemandGroup, decision_of, demand_groups, need_words, standing_decisions
from .search import Matcher, Result

SUGGESTIONS = 6
"""Related listings offered as the alias's target."""


def find_group(search_id: int, days: int, *, session: Session, now: datetime | None = None,
               matcher: Matcher | None = None) -> DemandGroup | None:
    """The group of the last ``days`` days' unmet searches that holds search ``search_id``, with its decision (grouped
    with the engine, ``matcher``, as /demand showed it)."""
    groups = demand_groups(session=session, days=days, now=now, matcher=matcher)
    return next((group for group in groups if search_id in group.search_ids), None)


@dataclass(frozen=True, slots=True)
class AliasTargets:
    """The listings offered as an alias's target, and the sectors the need's words point to (empty when they point to
    none, or to every sector of the listings found): a menu with no listing names them, that none fitting was found
    there."""

    listings: list[Result]
    sectors: list[str] = field(default_factory=list)


def related_listings(group: DemandGroup, matcher: Matcher, *, limit: int = SUGGESTIONS) -> AliasTargets:
    """The listings the engine finds closest to the group's wordings (its need, then its commonest wordings), best first,
    of the sectors every word of the need points to.

    Related suggestions follow the need's commonest word: «پمپ تزریق سرم» (an infusion pump, a blind trial) was offered
    the oil well's and the car's pumps, while «تزریق» names only listings of the medical and machinery sectors. Such
    a listing made the alias a false friend for every later search; the admin types the right code instead."""
    ranked = _closest(group, matcher, limit)
    pointed = _sectors_named(need_words(group.key), matcher)
    if pointed is None:
        return AliasTargets(ranked[:limit])
    fitting = [result for result in ranked if result.sector in pointed]
    return AliasTargets(fitting[:limit], [] if fitting else sorted(pointed))


def _closest(group: DemandGroup, matcher: Matcher, limit: int) -> list[Result]:
    """The listings the engine finds closest to the group's wordings (its need, then its commonest wordings), best first."""
    best: dict[str, Result] = {}
    for query in [group.key, *group.examples]:
        found = matcher.lookup(query, limit=limit)
        for result in [*found.results, *found.related]:
            if result.kind == "product" and (result.code not in best or best[result.code].score < result.score):
                best[result.code] = result
    return sorted(best.values(), key=lambda r: (-r.score, r.code))


def _sectors_named(words: Sequence[str], matcher: Matcher) -> set[str] | None:
    """When the words of a need that find listings agree on no sector, the sectors of the word naming the fewest, the
    most telling («تزریق»: medical and machinery, against the pumps of five sectors): a listing of another sector
    shares a word with the need but not its sense. None when fewer than two words find listings, or when they share
    a sector."""
    named: list[set[str]] = []
    for word in words:
        found = matcher.lookup(word, limit=SUGGESTIONS)
        sectors = {result.sector for result in [*found.results, *found.related] if result.kind == "product"}
        if sectors:
            named.append(sectors)
    # Words that agree on a sector limit nothing: "steel pipe" meets the casing and tubing of oil wells through
    # neither word's own best listings, yet the engine's closest listings for the whole need hold it.
    if len(named) < 2 or set.intersection(*named):
        return None
    return min(named, key=len)


class Refusal(StrEnum):
    """Why an action on a group was not taken."""

    GONE = "gone"
    """No unmet search of the report's days holds the group any longer."""
    DECIDED = "decided"
    """An admin already decided about the group."""
    UNKNOWN = "unknown"
    """No listing has the code."""
    CLOSED = "closed"
    """The listing is closed."""
    ALREADY_ALIAS = "already_alias"
    """The wording is already an alias (of ``holder``)."""
    NOT_DISMISSED = "not_dismissed"
    """Only a dismissal can be undone."""


@dataclass(frozen=True, slots=True)
class Done:
    """An action on a group: the group (None when it is gone), and what stood in the way (None when it was taken)."""

    group: DemandGroup | None
    refusal: Refusal | None = None
    code: str = ""
    """The listing aliased to (or refused), or the one holding the wording already."""
    alias: str = ""
    listing: Product | None = None
    """The listing aliased to."""

    @property
    def ok(self) -> bool:
        return self.refusal is None


def _alias_holder(alias: str, need: str, *, session: Session) -> str | None:
    """The listing that already has ``alias`` (compared normalized) or another wording of the same ``need`` (an alias
    whose need words are the need's: "Brake Disc" for "brake discs"), if any."""
    wanted = normalize(alias)
    for product in catalog_store.products(session=session):
        if any(normalize(existing) == wanted or " ".join(need_words(existing)) == need for existing in split_list(product.aliases)):
            return product.code
    return None


def _taken_meanwhile(group: DemandGroup, actor_id: int, *, session: Session) -> Done | None:
    """Lock the group's decision; if another admin decided it since the group was read, the refusal to give."""
    decision = store.lock_decision(group.key, session=session, actor_id=actor_id)
    if decision.state is DemandState.OPEN:
        return None
    group.state, group.code = decision.state, decision.code
    return Done(group, Refusal.DECIDED, decision.code or "")


def add_alias(actor_id: int, search_id: int, days: int, code: str, *, session: Session, matcher: Matcher | None = None) -> Done:
    """Make the group's wording (its need, the words that name it) an alias of listing ``code``; the listing's
    change is audited as ``demand.alias`` and the group is marked aliased. The caller reloads the matcher."""
    group = find_group(search_id, days, session=session, matcher=matcher)
    if group is None:
        return Done(None, Refusal.GONE)
    if group.state is not DemandState.OPEN:
        return Done(group, Refusal.DECIDED, group.code or "")
    product = catalog_store.get_product(code.strip(), session=session)
    if product is None:
        return Done(group, Refusal.UNKNOWN, code.strip().upper())
    if product.status is ProductStatus.CLOSED:
        return Done(group, Refusal.CLOSED, product.code)
    # As people typed it: the search key trims "lebas aroos" (Finglish «لباس عروس») to "leba aroo", a word no one types;
    # but in Persian letters, as the listing's aliases are saved («لاستيك» from an Arabic keyboard is «لاستیک»).
    alias = persian_letters(group.label)
    holder = _alias_holder(alias, group.key, session=session)
    if holder is not None:
        return Done(group, Refusal.ALREADY_ALIAS, holder, alias)
    if (taken := _taken_meanwhile(group, actor_id, session=session)) is not None:
        return taken
    saved = listings.edit_product(actor_id, product.code, {"aliases": join_list([*split_list(product.aliases), alias])},
                                  session=session, action=audit.DEMAND_ALIAS)
    assert saved.ok, saved.errors  # an alias without ";" keeps a valid listing valid
    store.decide(group.key, DemandState.ALIASED, session=session, actor_id=actor_id, code=product.code, wording=alias)
    group.state, group.code = DemandState.ALIASED, product.code
    return Done(group, code=product.code, alias=alias, listing=product)


def mark_listed(actor_id: int, need: str, code: str, *, session: Session, wording: str = "") -> None:
    """The listing ``code`` was drafted for the group ``need``: mark it listed (audited with the state it had: open,
    or dismissed by someone while the form was being filled in); ``wording`` is the need as people typed it (the
    group's label), saved with the decision, the key itself when not given."""
    earlier = store.get_decision(need, session=session)
    before = {"state": earlier.state.value if earlier is not None else "open"}
    store.decide(need, DemandState.LISTED, session=session, actor_id=actor_id, code=code, wording=wording or need)
    audit.record(actor_id, audit.DEMAND_LISTED, session=session, target=need, before=before, after={"state": "listed", "code": code})


def dismiss(actor_id: int, search_id: int, days: int, *, session: Session, matcher: Matcher | None = None) -> Done:
    """Not a product need: leave the group out of the report (audited)."""
    group = find_group(search_id, days, session=session, matcher=matcher)
    if group is None:
        return Done(None, Refusal.GONE)
    if group.state is not DemandState.OPEN:
        return Done(group, Refusal.DECIDED, group.code or "")
    if (taken := _taken_meanwhile(group, actor_id, session=session)) is not None:
        return taken
    store.decide(group.key, DemandState.DISMISSED, session=session, actor_id=actor_id, wording=group.examples[0] if group.examples else "")
    audit.record(actor_id, audit.DEMAND_DISMISS, session=session, target=group.key, before={"state": "open"}, after={"state": "dismissed"})
    group.state = DemandState.DISMISSED
    return Done(group)


def undo_dismissal(actor_id: int, search_id: int, days: int, *, session: Session, matcher: Matcher | None = None) -> Done:
    """Put a dismissed group back in the report (audited)."""
    group = find_group(search_id, days, session=session, matcher=matcher)
    if group is None:
        return Done(None, Refusal.GONE)
    if group.state is not DemandState.DISMISSED:
        return Done(group, Refusal.NOT_DISMISSED)
    decision = decision_of(group, standing_decisions(session=session))
    store.decide(decision.need if decision is not None else group.key, DemandState.OPEN, session=session, actor_id=actor_id)
    audit.record(actor_id, audit.DEMAND_REOPEN, session=session, target=group.key, before={"state": "dismissed"}, after={"state": "open"})
    group.state = DemandState.OPEN
    return Done(group)


# ------------------------------------------------------------------------------ drafting a listing


def names(group: DemandGroup, finglish: Callable[[str], bool]) -> dict[str, str]:
    """``name_en`` and ``name_fa`` for a listing answering the group, from its wordings in each language where it has
    them (the words that name the need, as the report groups them, spelled as typed: "battery chargers, battery charger"
    → "Battery charger"; "پمپ آب", not "پمپ اب"), and ``aliases`` for a wording in Finglish (``finglish`` tells it:
    :meth:`Matcher.finglish`): "lebas aroos", "mil lang" are Persian typed in Latin letters, another name of the
    listing on its Persian side, never its English name (a user trial's /demand drafted "Mil lang" as one). Spelled
    as typed, not as the search key ("lebas aroos", not "leba aroo")."""
    found: dict[str, str] = {}
    for wording in [group.key, *group.wordings()]:
        words = need_words(wording)
        if not words or words[0].isdigit():
            continue
        text = group.spell(words, as_typed=True)
        column = "name_fa" if is_persian(wording) else "aliases" if finglish(text) else "name_en"
        if column not in found:
            found[column] = text[:1].upper() + text[1:] if column == "name_en" else text
    return found


def next_code(sector: str, *, session: Session) -> str | None:
    """The next free code in the style of the sector's listings (``AUT-021`` after ``AUT-020``), if they have one."""
    codes = [product.code for product in catalog_store.products(session=session, sector=sector)]
    prefixes = Counter(code.rpartition("-")[0] for code in codes if code.rpartition("-")[2].isdigit() and "-" in code)
    if not prefixes:
        return None
    prefix = prefixes.most_common(1)[0][0]
    numbers = [code.rpartition("-")[2] for code in codes if code.rpartition("-")[0] == prefix and code.rpartition("-")[2].isdigit()]
    width = max(len(number) for number in numbers)
    taken = set(codes)
    following = max(int(number) for number in numbers) + 1
    while f"{prefix}-{following:0{width}d}" in taken:  # pragma: no cover - max + 1 is free
        following += 1
    return f"{prefix}-{following:0{width}d}"


def draft_values(group: DemandGroup, matcher: Matcher, *, session: Session) -> dict[str, str]:
    """What the new-listing form suggests for the group: its names, and the sector, HS heading and a free code taken
    from the closest listings (the admin confirms or replaces each)."""
    values = names(group, matcher.finglish)
    closest = _closest(group, matcher, 3)[:3]  # a draft's sector is only offered: the admin confirms or replaces it
    if closest:
        best = catalog_store.get_product(closest[0].code, session=session)
        if best is not None:
            values["sector"] = best.sector
            values["hs_code"] = best.hs_code[:4]
            code = next_code(best.sector, session=session)
            if code is not None:
                values["code"] = code
    return values
