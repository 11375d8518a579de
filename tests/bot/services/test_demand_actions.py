"""Admins turn unmet demand into listings: a group's wording becomes an alias, a listing is drafted for it, or it is
dismissed (and the dismissal undone); each decision is stored, audited and shown in the report."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.services import audit, catalog, demand, demand_actions, listings
from bot.services.demand_actions import Refusal
from bot.services.search import Matcher
from bot.store import catalog as catalog_store
from bot.store import searches
from bot.store.models import AuditEntry, DemandDecision, DemandState, ProductStatus

ADMIN = 900


def log(session: Session, *queries: str, user: int = 501) -> int:
    """Log unanswered searches; the id of the last one."""
    last = 0
    for query in queries:
        entry = searches.add_search(query, session=session, user_id=user, top_code=None)
        assert entry.id is not None
        last = entry.id
    return last


def group_of(session: Session, search_id: int) -> demand.DemandGroup:
    group = demand_actions.find_group(search_id, 30, session=session)
    assert group is not None
    return group


def test_a_group_is_found_again_by_any_of_its_searches(seeded: Session) -> None:
    first = log(seeded, "brake discs")
    last = log(seeded, "brakes discs", "car brake discs", user=502)
    log(seeded, "wedding dresses")
    group = group_of(seeded, first)
    assert group.key == "brake disc" and group.search_id == last and group.state is DemandState.OPEN
    assert group_of(seeded, last).key == "brake disc"
    assert demand_actions.find_group(10**9, 30, session=seeded) is None


@pytest.mark.parametrize("need", ["پمپ تزریق سرم", "پمپ تزریق"])
def test_a_need_whose_words_name_another_sector_is_offered_no_listing_of_the_wrong_one(seeded: Session, need: str) -> None:
    """An infusion pump («پمپ تزریق سرم», a blind trial) was offered the oil well's and the car's pumps to alias: «تزریق»
    finds listings of the medical and machinery sectors only, so none of those pumps fits and the menu says so."""
    matcher = Matcher.load(session=seeded)
    targets = demand_actions.related_listings(group_of(seeded, log(seeded, need)), matcher)
    assert all(result.sector in {"medical", "machinery"} for result in targets.listings)
    assert targets.listings or "medical" in targets.sectors


def test_a_one_word_need_is_offered_the_listings_its_word_finds(seeded: Session) -> None:
    targets = demand_actions.related_listings(group_of(seeded, log(seeded, "pumps")), Matcher.load(session=seeded))
    assert {"oil_gas", "automotive"} <= {result.sector for result in targets.listings} and not targets.sectors


def test_the_closest_listings_are_offered_and_the_wording_becomes_an_alias(seeded: Session) -> None:
    search_id = log(seeded, "brake discs", "brake discs", "brake disc")
    group = group_of(seeded, search_id)
    closest = demand_actions.related_listings(group, Matcher.load(session=seeded)).listings
    assert closest[0].code == "AUT-002"
    done = demand_actions.add_alias(ADMIN, search_id, 30, "aut-002", session=seeded)
    assert done.ok and (done.code, done.alias) == ("AUT-002", "brake disc")
    product = catalog_store.get_product("AUT-002", session=seeded)
    assert product is not None and product.aliases.endswith(";brake disc")
    # The next identical search matches confidently once the index is rebuilt.
    assert Matcher.load(session=seeded).search("brake discs")[0].code == "AUT-002"
    (entry,) = seeded.exec(select(AuditEntry).where(AuditEntry.action == audit.DEMAND_ALIAS)).all()
    assert (entry.actor_id, entry.target) == (ADMIN, "AUT-002") and entry.after is not None and "brake disc" in entry.after["aliases"]
    # The group is no longer open: the report leaves it out, the full list shows it aliased.
    assert all(g.key != "brake disc" for g in demand.unmet_demand(session=seeded))
    (aliased,) = [g for g in demand.demand_groups(session=seeded) if g.key == "brake disc"]
    assert (aliased.state, aliased.code) == (DemandState.ALIASED, "AUT-002") and aliased.decided_at is not None
    again = demand_actions.add_alias(ADMIN, search_id, 30, "AUT-003", session=seeded)
    assert again.refusal is Refusal.DECIDED and again.code == "AUT-002"


def test_an_alias_is_refused_for_unknown_closed_or_taken_wordings(seeded: Session) -> None:
    search_id = log(seeded, "brake discs")
    assert demand_actions.add_alias(ADMIN, search_id, 30, "NOPE-1", session=seeded).refusal is Refusal.UNKNOWN
    listings.set_status(ADMIN, "AUT-002", ProductStatus.CLOSED, session=seeded)
    closed = demand_actions.add_alias(ADMIN, search_id, 30, "AUT-002", session=seeded)
    assert (closed.refusal, closed.code) == (Refusal.CLOSED, "AUT-002")
    listings.edit_product(ADMIN, "AUT-003", {"aliases": "Brake Disc"}, session=seeded)
    taken = demand_actions.add_alias(ADMIN, search_id, 30, "AUT-001", session=seeded)
    assert (taken.refusal, taken.code, taken.alias) == (Refusal.ALREADY_ALIAS, "AUT-003", "brake discs")  # as typed
    assert seeded.exec(select(DemandDecision)).all() == []
    assert demand_actions.add_alias(ADMIN, 10**9, 30, "AUT-001", session=seeded).refusal is Refusal.GONE


def test_dismissing_and_undoing_are_stored_and_audited(seeded: Session) -> None:
    search_id = log(seeded, "hello there how are you doing", "hello there how are you doing")
    group = group_of(seeded, search_id)
    assert demand_actions.dismiss(ADMIN, search_id, 30, session=seeded).ok
    assert group.key not in [g.key for g in demand.unmet_demand(session=seeded)]
    assert demand_actions.dismiss(ADMIN, search_id, 30, session=seeded).refusal is Refusal.DECIDED
    assert demand_actions.undo_dismissal(ADMIN, search_id, 30, session=seeded).ok
    assert group.key in [g.key for g in demand.unmet_demand(session=seeded)]
    assert demand_actions.undo_dismissal(ADMIN, search_id, 30, session=seeded).refusal is Refusal.NOT_DISMISSED
    actions = seeded.exec(select(AuditEntry.action, AuditEntry.target).where(AuditEntry.action.startswith("demand.")).order_by(AuditEntry.id)).all()  # type: ignore[attr-defined, arg-type]
    assert actions == [(audit.DEMAND_DISMISS, group.key), (audit.DEMAND_REOPEN, group.key)]
    (decision,) = seeded.exec(select(DemandDecision)).all()
    assert (decision.state, decision.decided_by) == (DemandState.OPEN, ADMIN)


def test_a_decision_follows_its_group_when_another_wording_leads_it(seeded: Session) -> None:
    search_id = log(seeded, "wedding dresses")
    assert demand_actions.dismiss(ADMIN, search_id, 30, session=seeded).ok
    log(seeded, "weding dress", "weding dress")  # now the commonest wording, so the group's key
    (group,) = [g for g in demand.demand_groups(session=seeded) if "dress" in g.key]
    assert group.key == "weding dress" and group.state is DemandState.DISMISSED


def test_a_draft_is_suggested_from_the_wordings_and_the_closest_listings(seeded: Session) -> None:
    log(seeded, "battery chargers", "battery charger")
    search_id = log(seeded, "شارژر باتری", user=502)
    english = group_of(seeded, search_id - 1)
    values = demand_actions.draft_values(english, Matcher.load(session=seeded), session=seeded)
    assert values["name_en"] == "Battery charger"
    alternator = catalog_store.get_product("AUT-016", session=seeded)
    assert alternator is not None
    assert (values["sector"], values["hs_code"]) == ("automotive", alternator.hs_code[:4])
    assert values["code"] == "AUT-021" and catalog_store.get_product("AUT-021", session=seeded) is None
    persian = group_of(seeded, search_id)
    assert demand_actions.names(persian, Matcher.load(session=seeded).finglish) == {"name_fa": "شارژر باتری"}
    demand_actions.mark_listed(ADMIN, english.key, "AUT-021", session=seeded)
    (listed,) = [g for g in demand.demand_groups(session=seeded) if g.key == english.key]
    assert (listed.state, listed.code) == (DemandState.LISTED, "AUT-021")
    assert seeded.exec(select(AuditEntry.action, AuditEntry.target).where(AuditEntry.action == audit.DEMAND_LISTED)).all() == [
        (audit.DEMAND_LISTED, "battery charger")]


def test_an_alias_a_draft_and_a_saved_decision_keep_the_need_as_typed_not_its_search_key(seeded: Session) -> None:
    """A review: "lebas aroos" (Finglish «لباس عروس») became the alias "leba aroo" and the draft "Leba aroo": the search
    key trims an English plural's "s", which Finglish words are not."""
    search_id = log(seeded, "lebas aroos", "lebas aroos")
    group = group_of(seeded, search_id)
    assert (group.key, group.label) == ("leba aroo", "lebas aroos")
    assert demand_actions.names(group, Matcher.load(session=seeded).finglish) == {"aliases": "lebas aroos"}
    demand_actions.mark_listed(ADMIN, group.key, "TEX-090", session=seeded, wording=group.label)
    decision = seeded.exec(select(DemandDecision).where(DemandDecision.need == group.key)).one()
    assert (decision.state, decision.wording) == (DemandState.LISTED, "lebas aroos")
    other = log(seeded, "ghafas morgh")  # a chicken cage: «قفس»
    done = demand_actions.add_alias(ADMIN, other, 30, "AUT-003", session=seeded)
    assert done.ok and done.alias == "ghafas morgh"
    product = catalog_store.get_product("AUT-003", session=seeded)
    assert product is not None and product.aliases.endswith(";ghafas morgh")
    saved = seeded.exec(select(DemandDecision).where(DemandDecision.need == group_of(seeded, other).key)).one()
    assert saved.wording == "ghafas morgh"


def test_a_listing_saved_for_a_need_dismissed_meanwhile_is_audited_from_dismissed(seeded: Session) -> None:
    search_id = log(seeded, "bicycles")
    group = group_of(seeded, search_id)
    assert demand_actions.dismiss(ADMIN, search_id, 30, session=seeded).ok  # a stale card's button, mid-form
    demand_actions.mark_listed(ADMIN, group.key, "AUT-090", session=seeded)
    (entry,) = seeded.exec(select(AuditEntry).where(AuditEntry.action == audit.DEMAND_LISTED)).all()
    assert (entry.before, entry.after) == ({"state": "dismissed"}, {"state": "listed", "code": "AUT-090"})
    assert group_of(seeded, search_id).state is DemandState.LISTED


@pytest.mark.postgres_only
def test_two_admins_dismissing_one_need_at_once_are_served_in_turn(engine: Engine) -> None:
    """The second waits on the first's lock, then is told the need was decided: no uniqueness error, one audit."""
    with Session(engine) as session:
        catalog.seed(session=session)
        search_id = log(session, "wedding dresses")
        session.commit()
    first, second = Session(engine), Session(engine)
    try:
        assert demand_actions.dismiss(ADMIN, search_id, 30, session=first).ok
        with ThreadPoolExecutor(1) as pool:
            other = pool.submit(demand_actions.dismiss, ADMIN + 1, search_id, 30, session=second)
            time.sleep(0.5)
            assert not other.done()  # waiting on the first admin's lock
            first.commit()
            done = other.result(timeout=10)
        second.commit()
        assert done.refusal is Refusal.DECIDED and done.group is not None and done.group.state is DemandState.DISMISSED
    finally:
        first.close()
        second.close()
    with Session(engine) as session:
        (entry,) = session.exec(select(AuditEntry).where(AuditEntry.action == audit.DEMAND_DISMISS)).all()
        assert entry.actor_id == ADMIN


def test_a_wording_typed_on_an_arabic_keyboard_becomes_an_alias_in_persian_letters(seeded: Session) -> None:
    """A blind trial: an admin's alias from the wording «لاستيك تراكتور» (Arabic yeh and kaf) was saved as typed; the
    listing's aliases, the admin's confirmation and the saved decision hold «لاستیک تراکتور»."""
    search_id = log(seeded, "لاستيك تراكتور", "لاستيك تراكتور")
    done = demand_actions.add_alias(ADMIN, search_id, 30, "AUT-003", session=seeded)
    assert done.ok and done.alias == "لاستیک تراکتور"
    product = catalog_store.get_product("AUT-003", session=seeded)
    assert product is not None and product.aliases.endswith(";لاستیک تراکتور") and "ي" not in product.aliases
    saved = seeded.exec(select(DemandDecision).where(DemandDecision.need == group_of(seeded, search_id).key)).one()
    assert saved.wording == "لاستیک تراکتور"


def test_aliases_typed_on_an_arabic_keyboard_are_saved_in_persian_letters(seeded: Session) -> None:
    saved = listings.edit_product(ADMIN, "AUT-003", {"aliases": "تاير ماشين; لاستيك"}, session=seeded)
    assert saved.ok
    product = catalog_store.get_product("AUT-003", session=seeded)
    assert product is not None and product.aliases == "تایر ماشین;لاستیک"
