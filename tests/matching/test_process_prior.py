"""Sixth round of reverse matching: the sectors a unit's processes serve, learned from the catalog and from what
registry units working that way make, hold back listings of other sectors however their words fit."""

from __future__ import annotations

from bot.services.capabilities import load_processes, shipped_units
from bot.services.search import shipped_synonyms
from matching.capabilities import Capability, CapabilityIndex

from .test_blind_profiles import _seed, seed_documents

# A lubricant blender: «روغن موتور و گیربکس و هیدرولیک» is engine, gearbox and hydraulic *oil*.
BLENDER = Capability(
    "blender",
    "روغن موتور و گیربکس و هیدرولیک بلند میکنیم. بیس اویل از پالایشگاه میخریم ادتیوش رو وارد میکنیم که الان گیره. ضدیخ هم پر میکنیم",
    ("chemical_synthesis",),
    "بیس اویل SN150 و SN500، ادتیو پکیج، گالن و بشکه",
    "مخزن بلندینگ ۲۰ تنی با همزن، خط پرکن گالن ۴ لیتری، آزمایشگاه ویسکوزیته و نقطه ریزش",
)
# An idle battery plant whose processes (assembly, casting of grids) the catalog's keywords tie to cars and
# machinery, not to electronics; the registry's electronics assembler says otherwise.
BATTERIES = Capability(
    "batteries",
    "کارخانه باتری lead-acid خودرو و UPS بودیم، از ۱۴۰۱ idle است. خط assembly و formation داریم",
    ("electrical_assembly", "casting"),
    "سرب، اسید، جداکننده",
    "خط شارژ و فرمیشن، دستگاه گریدریخته‌گری، خط مونتاژ",
)

# A chemical plant naming its customers' machines: the plastic extruder is held back, yet still fits.
PVC = Capability(
    "pvc", "We make Ca/Zn PVC heat stabilizers, PVC lubricants and some process oils, mostly sold to pipe & profile extruders.",
    ("chemical_synthesis",), "stearic acid, zinc oxide, waxes", "10 m3 stainless reactors, flaker, ribbon blender",
)


def _without_units(*capabilities: Capability) -> CapabilityIndex:
    documents, _ = seed_documents()
    return CapabilityIndex(documents, load_processes(), capabilities, synonyms=shipped_synonyms())


def _with_units(*capabilities: Capability) -> CapabilityIndex:
    documents, _ = seed_documents()
    return CapabilityIndex(documents, load_processes(), capabilities, synonyms=shipped_synonyms(), units=shipped_units())


def test_words_of_a_sector_no_process_of_the_unit_serves_do_not_fill_its_top_three() -> None:
    index, sector_of = _seed()
    offered = [fit.key for fit in index.opportunities(BLENDER, limit=5)]
    assert not {sector_of[code] for code in offered[:3]} & {"machinery", "automotive"}, offered
    # A chemical plant naming its customers' machines ("sold to pipe & profile extruders") is offered chemicals first.
    top = [fit.key for fit in index.opportunities(PVC, limit=3)]
    assert top and "MCH-013" not in top, top  # the plastic extruder


def test_a_listing_named_outright_in_a_served_sector_is_not_held_back() -> None:
    index, _ = _seed()
    fits = index.opportunities(Capability("1", "سرنگ یکبار مصرف و آنژیوکت", ("injection_moulding",)), limit=3)
    assert fits and fits[0].key == "MED-008" and fits[0].score >= 90


def test_registry_units_teach_which_sectors_a_process_serves() -> None:
    learned = [fit.key for fit in _with_units().opportunities(BATTERIES, limit=5)]
    assert "ELE-005" in learned, learned  # the UPS
    catalog_only = [fit.key for fit in _without_units().opportunities(BATTERIES, limit=5)]
    assert "ELE-005" not in catalog_only, catalog_only


def test_a_unit_without_processes_of_its_own_teaches_nothing() -> None:
    documents, _ = seed_documents()
    silent = (Capability("u1", "مونتاژ برد الکترونیک، ماژول تغذیه"),)
    index = CapabilityIndex(documents, load_processes(), synonyms=shipped_synonyms(), units=silent)
    assert [fit.key for fit in index.opportunities(BATTERIES, limit=5)] == [
        fit.key for fit in _without_units().opportunities(BATTERIES, limit=5)
    ]


def test_both_directions_hold_back_the_same_listings() -> None:
    index = _with_units(BLENDER, BATTERIES, PVC)
    assert "MCH-013" in {fit.key for fit in index.opportunities(PVC, limit=None)}
    for profile in (BLENDER, BATTERIES, PVC):
        for fit in index.opportunities(profile, limit=None):
            supplied = {other.key: other.score for other in index.suppliers(fit.key)}
            assert supplied.get(profile.key) == fit.score, (profile.key, fit.key)
            # The vectorised passes that pick the candidates hold back the same (else a held-back listing could
            # crowd out a better one before the exact scores are computed).
            listing = index._keys[fit.key]
            assert abs(float(index._vector_scores(index._profile(profile))[listing]) - fit.score) < 0.01
            number = index._profile_ids[profile.key]
            assert abs(float(index._supplier_scores(listing)[number]) - fit.score) < 0.01


def test_one_shared_word_does_not_name_a_listing_of_another_sector() -> None:
    """A name half covered by one word of the profile is thin evidence: «دیسک» (a disc harrow) is not a clutch
    disc, «تزریق» (injecting medical sets) is not the injection machine, "pipes" of plastic pipes no steel line pipe."""
    index, sector_of = _seed()
    farm = Capability(
        "farm", "ادوات کشاورزی میسازیم، گاوآهن، دیسک، بذرکار، سمپاش پشت تراکتوری، تریلی، یه مدل آبیاری بارانی قرقره ای هم داریم",
        ("welding", "sheet_metal", "machining", "surface_coating"), "ورق و پروفیل، لوله گالوانیزه، قطعات فورجی",
    )
    offered = [fit.key for fit in index.opportunities(farm, limit=3)]
    assert offered[:1] == ["AGR-010"] and "AUT-010" not in offered, offered  # irrigation first, no clutch kit
    medical = Capability(
        "medical", "ست سرم و میکروست و سه راهی و اسکالپ وین تزریق میکنیم. کلین روم داریم و استریل EO. میخوایم بریم سمت کاتتر و سرنگ",
        ("injection_moulding", "extrusion"), "گرانول PVC مدیکال، PP، ABS", "۶ دستگاه تزریق ۱۲۰ تا ۲۵۰ تن، اکسترودر لوله",
    )
    top = [fit.key for fit in index.opportunities(medical, limit=3)]
    assert top and {sector_of[code] for code in top} == {"medical"}, top
    pipes = [fit.key for fit in index.opportunities(Capability("pipes", "plastic pipes and profiles", ("extrusion",)), limit=None)]
    assert not {"OGS-004", "OGS-006"} & set(pipes), pipes


def test_a_name_one_word_covers_whole_is_still_named() -> None:
    index, _ = _seed()
    fits = index.opportunities(Capability("1", "we rebuild alternators for trucks", ("electrical_assembly",)), limit=3)
    assert fits and fits[0].key == "AUT-016", [fit.key for fit in fits]  # the alternator
