"""Seventh round of reverse matching: a blind trial's casting-and-machining foundry, said in Persian and in Finglish.
A word of a compound noun is not that noun («چرخ» of «چرخ دنده» is no wheel); a part of a product is evidence for
a listing that is that product, not for one the product merely qualifies (a "pump seal"); Finglish is read as the
forward search reads it ('posteh pomp' is a pump casing)."""

from __future__ import annotations

from bot.services.capabilities import load_processes, shipped_units
from bot.services.search import shipped_synonyms
from matching.capabilities import Capability, CapabilityIndex

from .test_blind_profiles import _seed, seed_documents

PROCESSES = ("casting", "machining")
PERSIAN = Capability("fa", "ریخته گری قطعات چدنی، پوسته پمپ، بدنه شیر صنعتی، چرخ دنده", PROCESSES)
FINGLISH = Capability("fi", "ghataat rikhtegari chodani, badane shir sanati, posteh pomp, cherkh dande", PROCESSES)
WHEEL = "RAL-001"  # forged railway wheel
SEAL = "REF-006"  # mechanical seal («آب‌بند مکانیکی پمپ», "pump seal")
OWN_WORDS = {"REF-012", "AUT-018"}  # control valve («شیر کنترل»), fuel pump («پمپ بنزین»)


def _offered(capability: Capability) -> list[str]:
    index, _ = _seed()
    return [fit.key for fit in index.opportunities(capability, limit=None)]


def test_a_word_of_a_compound_noun_is_not_that_noun() -> None:
    assert WHEEL not in _offered(PERSIAN)
    assert WHEEL not in _offered(FINGLISH)
    # The word said on its own is still the wheel, and the gear the compound names is still offered.
    assert WHEEL in _offered(Capability("wheel", "چرخ قطار و چرخ واگن", ("forging",)))
    assert "PET-014" in _offered(PERSIAN)[:3]  # the gear pump, «پمپ چرخ‌دنده‌ای»


def test_a_part_of_a_product_counts_for_listings_that_are_the_product() -> None:
    offered = _offered(PERSIAN)
    assert SEAL not in offered, offered
    assert "MIN-009" in offered, offered  # the slurry pump, «پمپ باطله»
    assert OWN_WORDS <= set(offered), offered
    # A unit saying "pump" on its own, not as a part's product, still has the seal named by it.
    assert SEAL in _offered(Capability("seal", "آب بند مکانیکی پمپ", PROCESSES))


def test_finglish_is_read_as_the_persian_it_spells() -> None:
    persian, finglish = _offered(PERSIAN), _offered(FINGLISH)
    assert len(finglish) >= 5, finglish
    assert OWN_WORDS <= set(finglish), finglish
    assert len(set(persian[:5]) & set(finglish[:5])) >= 3, (persian, finglish)


def test_both_directions_apply_the_conditions() -> None:
    documents, _ = seed_documents()
    index = CapabilityIndex(
        documents, load_processes(), (PERSIAN, FINGLISH), synonyms=shipped_synonyms(), units=shipped_units()
    )
    for capability in (PERSIAN, FINGLISH):
        for fit in index.opportunities(capability, limit=None):
            assert (capability.key, fit.score) in {(s.key, s.score) for s in index.suppliers(fit.key)}, fit.key
    for listing in (WHEEL, SEAL):
        assert not {fit.key for fit in index.suppliers(listing)} & {"fa", "fi"}, listing


def test_a_word_of_a_compound_the_catalog_writes_joined_is_not_read_alone() -> None:
    # «الکترو موتور» is «الکتروموتور»: «الکترو» alone is no furnace electrode («الکترود کوره»).
    rewinder = Capability("rewinder", "سیم پیچی و تعمیر الکترو موتور", ("electrical_assembly", "machining"))
    offered = _offered(rewinder)
    assert "MCH-007" in offered[:1], offered  # the gear motor, «گیربکس الکتروموتور»
    assert "STL-001" not in offered, offered
