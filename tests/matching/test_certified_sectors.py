"""A certification audited for one industry's customers (IATF 16949, API Q1, ISO 13485, GMP, ISO 22000) is
evidence of the sector a unit supplies (issue 14: clean top 3): the engine reads it as ``Capability.sectors``."""

from __future__ import annotations

from dataclasses import replace

from bot.services.capabilities import sectors_of
from matching.capabilities import Capability

from .test_blind_profiles import _seed

# An implant machinist in English: its words name no listing's product, and machining is not known to serve medicine.
IMPLANTS = Capability(
    "implants", "orthopaedic bone screws and plates", ("machining", "surface_coating"), "titanium bar", "Swiss-type lathes"
)


def test_general_certifications_vouch_for_no_sector() -> None:
    assert sectors_of(["iso_9001", "iso_14001", "isiri", "ce"]) == ()
    assert sectors_of(["iso_9001", "iatf_16949", "gmp", "iatf_16949"]) == ("automotive", "pharma")
    assert sectors_of(["api_q1", "iso_13485", "iso_22000"]) == ("oil_gas", "medical", "food_agri")


def test_a_certified_unit_is_offered_its_sectors_listings_not_anothers() -> None:
    index, sector_of = _seed()
    uncertified = [fit.key for fit in index.opportunities(IMPLANTS, limit=3, by_processes=True)]
    assert {sector_of[code] for code in uncertified} != {"medical"}
    certified = replace(IMPLANTS, sectors=("medical",))
    offered = [fit.key for fit in index.opportunities(certified, limit=3, by_processes=True)]
    assert offered and {sector_of[code] for code in offered} == {"medical"}


def test_a_certification_only_adds_evidence() -> None:
    """The sectors a unit's processes point to are still offered beside the certified one: a machine shop audited
    for carmakers can still turn a pump's shaft (discounting the others lost the by-product buyers of food plants)."""
    index, _ = _seed()
    shop = Capability("shop", "", ("machining", "heat_treatment"), "steel bar 4140", "CNC lathes")
    plain = [fit.key for fit in index.opportunities(shop, limit=5, by_processes=True)]
    vouched = [fit.key for fit in index.opportunities(replace(shop, sectors=("automotive",)), limit=5, by_processes=True)]
    assert set(plain) == set(vouched)
