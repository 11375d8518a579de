"""Round rev8 (issue 14, reverse matching): rules read from a manufacturer's profile, each with several examples."""

from __future__ import annotations

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
