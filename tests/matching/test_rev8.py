"""Round rev8 (issue 14, reverse matching): rules read from a manufacturer's profile, each with several examples."""

from __future__ import annotations

import numpy as np
import pytest

from matching.capabilities import Capability, _treated_with
from tests.matching.test_blind_profiles import _seed

# ------------------------------------------------------------------ what the products are treated with


@pytest.mark.parametrize(
    ("makes", "agent", "product"),
    [
        ("سرنگ و ست سرم که با گاز اتیلن اکساید استریل میشود", "اکساید", "سرنگ"),
        ("Syringes and IV sets, sterilised with ethylene oxide gas", "ethylene", "syringes"),
        ("serang va set serom, steril ba gaz etilen oxid", "oxid", "serang"),
        ("Fasteners, zinc plated with trivalent chromium", "chromium", "fasteners"),
    ],
)
def test_what_a_treatment_is_done_with_is_a_supply_not_a_product(makes: str, agent: str, product: str) -> None:
    treated = _treated_with(makes)
    assert agent in treated
    assert product not in treated


@pytest.mark.parametrize(
    "makes",
    ["Valves with flanged ends", "لوله با قطر ۲ اینچ", "Catalysts for ethylene oxide plants"],
)
def test_with_outside_a_treatment_keeps_every_word(makes: str) -> None:
    assert _treated_with(makes) == frozenset()


@pytest.mark.parametrize(
    "makes",
    [
        "سرنگ یکبار مصرف و ست سرم تولید و با گاز اتیلن اکساید استریل میکنیم",
        "Disposable syringes and infusion sets, sterilized with ethylene oxide",
    ],
)
def test_a_syringe_maker_sterilising_with_ethylene_oxide_is_not_offered_its_catalyst(makes: str) -> None:
    index, _ = _seed()
    profile = Capability(key="p", makes=makes, processes=("injection_moulding", "extrusion"), materials="PVC, polypropylene")
    found = [fit.key for fit in index.opportunities(profile, limit=5)]
    assert "MED-008" in found
    assert "PET-002" not in found


def test_a_catalyst_maker_naming_ethylene_oxide_is_still_offered_it() -> None:
    index, _ = _seed()
    profile = Capability(key="p", makes="Silver catalyst for ethylene oxide", processes=("chemical_synthesis",))
    assert "PET-002" in [fit.key for fit in index.opportunities(profile, limit=5)]


# ------------------------------------------------------------------ the HS chapters a process makes


def _kin(process: str) -> set[str]:
    index, _ = _seed()
    number = index._process_ids[process]
    return {index._docs[listing].key for listing in np.flatnonzero(index._kin_np[number]).tolist()}


def test_a_process_makes_the_chapters_its_keywords_name_a_third_of() -> None:
    chemicals = _kin("chemical_synthesis")
    assert {"MIN-004", "OGS-015", "PET-001"} <= chemicals  # organic chemicals (29) and catalysts (38)
    assert "MCH-007" not in chemicals
    # Machines (84): every metalworking process names a few of the many, none a third.
    assert not any(key.startswith("MCH-") for key in _kin("machining") | _kin("casting") | _kin("forging"))
    # A machine for the process is no product of it, whatever its chapter.
    assert "MCH-013" not in _kin("extrusion")


@pytest.mark.parametrize(
    "materials",
    [
        "carbon disulfide, isobutyl and amyl alcohol, caustic soda",
        "ایزوبوتانول و آمیل الکل، سود، دی سولفید کربن",
        "carbon disulfide, alkol izobutyl va amyl, soda caustic",
    ],
)
def test_a_chemical_works_naming_its_reagents_is_offered_what_they_make_in_any_sector(materials: str) -> None:
    index, sector_of = _seed()
    profile = Capability(key="p", makes="", processes=("chemical_synthesis",), materials=materials)
    found = [fit.key for fit in index.opportunities(profile, limit=5, by_processes=True)]
    assert "MIN-004" in found
    assert sector_of["MIN-004"] == "mining"


def test_the_chapter_does_not_lift_a_unit_naming_its_products() -> None:
    # A unit that says what it makes is read by that: its reagents are supplies (MIN-004 stays off its top 3).
    index, _ = _seed()
    profile = Capability(key="p", makes="Ziegler-Natta catalyst for polypropylene", processes=("chemical_synthesis",),
                         materials="carbon disulfide, isobutyl and amyl alcohol")
    found = [fit.key for fit in index.opportunities(profile, limit=3)]
    assert found[:1] == ["PET-001"]
    assert "MIN-004" not in found


def test_an_agent_also_named_as_a_product_stays_a_product() -> None:
    makes = "Gas pressure regulators and gas valves; assembled parts sterilised with gas"
    assert "gas" not in _treated_with(makes)
    assert "gas" in _treated_with("Syringes; assembled parts sterilised with gas")


# ------------------------------------------------------------------ a word said before a phrase's head


@pytest.mark.parametrize(
    ("makes", "modifier", "head"),
    [
        ("Gate, globe and ball valves to API 6D", "ball", "valves"),
        ("Tie rods, ball joints and stabilizer links", "ball", "joints"),
        ("Antioxidant masterbatches and additive blends for PE film", "additive", "blends"),
    ],
)
def test_an_english_word_said_only_before_a_head_counts_beside_it(makes: str, modifier: str, head: str) -> None:
    index, _ = _seed()
    profile = index._profile(Capability(key="p", makes=makes))
    terms = {word: term for term, word in profile.sources.items()}
    assert terms[head] in profile.compound[terms[modifier]]


@pytest.mark.parametrize(
    "makes",
    [
        "Ball valves; grinding balls and ball mill liners",  # "balls" said on its own: a product
        "dastgah tazrigh plastic",  # Finglish: Persian order, its head comes first
    ],
)
def test_a_word_also_said_as_a_head_or_in_finglish_is_free(makes: str) -> None:
    index, _ = _seed()
    profile = index._profile(Capability(key="p", makes=makes))
    modified = {profile.sources[term] for term in index._modifiers(makes, profile.sources)}
    assert not modified & {"balls", "dastgah", "tazrigh"}


@pytest.mark.parametrize(
    ("makes", "processes"),
    [
        ("Gate, globe, check and ball valves to API 600, class 150-1500, for oil and gas plants", ("casting", "machining")),
        ("API 6D ball valves and gate valves 2 to 24 inch for gas refineries", ("machining", "welding")),
    ],
)
def test_a_ball_valve_maker_is_not_offered_grinding_balls(makes: str, processes: tuple[str, ...]) -> None:
    index, _ = _seed()
    found = [fit.key for fit in index.opportunities(Capability(key="p", makes=makes, processes=processes), limit=3)]
    assert "MIN-005" not in found
    assert {"REF-011", "REF-012", "OGS-007"} & set(found), found


def test_a_participle_before_a_head_says_how_everything_is_made() -> None:
    index, _ = _seed()
    makes = "machined shafts and flanges"
    profile = index._profile(Capability(key="p", makes=makes))
    modified = {profile.sources[term] for term in index._modifiers(makes, profile.sources)}
    assert "machined" not in modified
