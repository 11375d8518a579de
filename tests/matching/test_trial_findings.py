"""Findings of a blind user trial of reverse matching, each kept as a regression test on the shipped catalog."""

from __future__ import annotations

from bot.services.capabilities import load_processes
from bot.services.search import shipped_synonyms
from matching.capabilities import MIN_FIT, Capability, CapabilityIndex

from .test_blind_profiles import _seed, seed_documents

FOUNDRY_SAID = "ما قطعات چدنی و فولادی ریخته گری میکنیم، پوسته پمپ و پروانه پمپ و قطعات صنعتی"
FOUNDRY_LISTED = "قطعات چدنی و فولادی، پوسته پمپ، پروانه پمپ، قطعات صنعتی"
PUMPS = {"MIN-009", "REF-005", "OGS-009"}


def _with(*capabilities: Capability) -> CapabilityIndex:
    documents, _ = seed_documents()
    return CapabilityIndex(documents, load_processes(), capabilities, synonyms=shipped_synonyms())


def test_a_colloquial_sentence_is_read_like_the_same_nouns_listed() -> None:
    index, _ = _seed()
    said = [fit.key for fit in index.opportunities(Capability("1", FOUNDRY_SAID, ("casting",)), limit=5)]
    listed = [fit.key for fit in index.opportunities(Capability("2", FOUNDRY_LISTED, ("casting",)), limit=5)]
    assert said and said == listed
    assert PUMPS & set(said)


def test_a_material_word_alone_does_not_make_another_sectors_listing_fit() -> None:
    index, sector_of = _seed()
    for materials in ("", "چدن، فولاد", "چدن خاکستری، فولاد ریختگی"):
        for makes in (FOUNDRY_SAID, "قطعات فولادی", "قطعات چدنی و فولادی", "قطعات فولادی و آلومینیومی، پوسته پمپ"):
            profile = Capability("1", makes, ("casting",), materials)
            offered = [fit.key for fit in index.opportunities(profile, limit=None)]
            assert "STL-007" not in offered, (makes, materials)  # grain-oriented electrical steel
            assert not [code for code in offered if sector_of[code] == "steel"], (makes, materials, offered)


def test_the_maker_of_what_a_machine_makes_is_not_a_supplier_of_the_machine() -> None:
    shops = [
        Capability("1", "تراشکاری شفت و میل گاردان", ("machining",)),
        Capability("2", "We turn shafts and bushings on CNC lathes", ("machining",)),
        Capability("3", "shafts, flanges", ("machining",)),
        Capability("4", "شفت، فلنج", ("machining", "heat_treatment")),
    ]
    index = _with(*shops)
    assert [fit.key for fit in index.suppliers("MCH-002")] == []  # CNC turning lathe
    # The shops are still offered what they make (a flanged or shafted listing, not the lathe).
    offered = index.opportunities(shops[2], limit=5)
    assert offered and all(fit.key != "MCH-002" for fit in offered)


def test_parts_of_a_product_are_partial_evidence_for_it() -> None:
    unit = Capability("ILL-0002", "پوسته پمپ، پروانه", ("casting",))
    index = _with(unit)
    assert "MIN-009" in [fit.key for fit in index.opportunities(unit, limit=5)]  # heavy-duty slurry pump
    assert "ILL-0002" in [fit.key for fit in index.suppliers("MIN-009")]
    english = Capability("2", "pump casings and impellers", ("casting",))
    assert "MIN-009" in [fit.key for fit in _with(english).opportunities(english, limit=5)]


def test_a_pump_casing_is_no_well_casing_and_a_pump_seal_no_pump() -> None:
    """A foundry making pump casings was offered OCTG casing (oil-well pipe) first, through the word "casing", and
    a pump seal through "pump": the casing of a pump is a cast part of a pump. Said alone, "casing" is still the
    well's."""
    index, _ = _seed()
    for makes in ("We cast pump casings", "pump casings and impellers", "casings for pumps"):
        offered = [fit.key for fit in index.opportunities(Capability("1", makes, ("casting",)), limit=None)]
        assert "OGS-005" not in offered, makes  # OCTG casing and tubing
        assert "REF-006" not in offered, makes  # API 682 mechanical seal ("pump seal")
        assert PUMPS & set(offered[:5]), makes
    threader = Capability("2", "casing and tubing threading, pump casings", ("machining",))
    assert "OGS-005" in [fit.key for fit in index.opportunities(threader, limit=3)]


def test_the_reason_of_a_pump_offered_to_its_casings_foundry_is_the_cast_casing() -> None:
    """No reason said casting: a pump-casing foundry was offered the whole pump "because you make pump casings and
    this listing is a slurry pump". The reason now says the part and the process that makes it."""
    index, _ = _seed()
    for makes, said, part, processes in (
        ("foundry: pump casings and impellers", "pump casings", "casing", ("machining", "casting")),
        ("ریخته گری چدن و داکتیل بدنه پمپ و شیر الات", "بدنه پمپ", "body", ("machining", "casting")),
        ("rikhtegari posteh pomp", "posteh pomp", "casing", ("casting",)),
    ):
        fits = index.opportunities(Capability("1", makes, processes), limit=10)
        pumps = [fit for fit in fits if fit.key in PUMPS | {"OGS-001"}]
        assert pumps, makes
        for fit in pumps:
            first = fit.reasons[0]
            assert (first.kind, first.process, first.profile_text, first.part_en) == ("part", "casting", said, part), fit
            assert all(reason.kind != "makes" for reason in fit.reasons), fit


def test_a_machine_for_the_units_own_process_is_not_offered_to_it() -> None:
    """An extruder of plastic pipes runs a plastic extruder; an injection moulder runs an injection machine."""
    index, _ = _seed()
    pipes = Capability("1", "plastic pipes and profiles", ("extrusion",))
    extruder = [fit.key for fit in index.opportunities(pipes, limit=None)]
    assert "MCH-013" not in extruder  # plastic extruder
    # The same words without the process are offered the extruder: the process is what holds it back. (The
    # steel drill pipe and line pipe the unit was once offered through the one word "pipes" are thin evidence.)
    assert "MCH-013" in [fit.key for fit in index.opportunities(Capability("1", pipes.makes), limit=None)]
    moulder = Capability("2", "plastic parts, PP and ABS", ("injection_moulding",))
    assert "MCH-003" not in [fit.key for fit in index.opportunities(moulder, limit=None)]  # injection machine


def test_one_product_word_points_to_its_sector_before_the_processes_do() -> None:
    """A titanium machinist naming «abutment dandanpezeshki» is a dental supplier first, though machining
    mostly serves cars and refineries; a ceramics works naming «سرامیک» only restates its process."""
    index, sector_of = _seed()
    dental = Capability("1", "pich titanium misazim, abutment dandanpezeshki ham mizanim", ("machining", "surface_coating"))
    offered = [fit.key for fit in index.opportunities(dental, limit=3)]
    assert offered[0] == "MED-015"
    assert all(sector_of[code] == "medical" for code in offered[:1])
    ceramics = Capability("2", "واحد تولید کاشی و سرامیک بوده، الان خوابیده", ("glass_ceramics",))
    served = {sector_of[fit.key] for fit in index.opportunities(ceramics, limit=5)}
    assert served - {"electronics"}


def test_an_acronym_is_not_read_as_finglish() -> None:
    """"CMC" is carboxymethyl cellulose, not «کمک» (the co- of «کمک‌کاتالیست»)."""
    index, _ = _seed()
    acronym = Capability("1", "CMC tolid mikonim", ("chemical_synthesis",))
    assert "PET-005" not in [fit.key for fit in index.opportunities(acronym, limit=5)]
    finglish = Capability("1", "kmk katalist tolid mikonim", ("chemical_synthesis",))
    assert [fit.key for fit in index.opportunities(finglish, limit=1)] == ["PET-005"]


def test_a_shop_that_says_only_how_it_works_is_offered_what_its_processes_make() -> None:
    """Shops giving only processes were offered nothing (two of set K): their words name no product. Asked as
    /opportunities asks, they are shown the listings their processes fit best (learned from the catalog and the
    registry's units), marked as such, below the floor, and never shown to a desk as a capable supplier."""
    rubber = Capability("1", "moulding job shop, compression and transfer presses", ("rubber_moulding",), "NBR, EPDM")
    index = _with(rubber)
    assert index.opportunities(rubber, limit=5) == []
    offered = index.opportunities(rubber, limit=5, by_processes=True)
    assert len(offered) == 5
    for fit in offered:
        assert fit.by_processes and fit.score < MIN_FIT
        assert any(reason.kind == "process" and reason.profile_text == "rubber_moulding" for reason in fit.reasons)
        assert "1" not in [supplier.key for supplier in index.suppliers(fit.key)]
    assert {"AUT-003", "MIN-010"} <= {fit.key for fit in offered}  # car tyres, conveyor belts
    # Without processes there is no prior to go by: still nothing.
    assert _seed()[0].opportunities(Capability("2", "job shop, any order"), limit=5, by_processes=True) == []


def test_a_profile_offered_few_listings_is_shown_more_of_the_same_sectors_after_them() -> None:
    """An electronics assembler was offered one set-top box; a syringe maker one syringe. The rest of their five are
    what their processes fit best in the sectors already offered (not the petrochemicals plastics also serve)."""
    index, sector_of = _seed()
    for profile, sector in (
        (Capability("1", "Electronics contract manufacturing: two SMT lines, reflow, AOI, box build and functional test",
                    ("pcb_assembly", "electrical_assembly")), "electronics"),
        (Capability("2", "سرنگ یکبار مصرف میسازیم", ("injection_moulding",), "گرانول پلی پروپیلن"), "medical"),
    ):
        found = index.opportunities(profile, limit=5)
        offered = index.opportunities(profile, limit=5, by_processes=True)
        assert offered[: len(found)] == found and len(offered) > len(found)
        added = offered[len(found) :]
        assert all(fit.by_processes and sector_of[fit.key] == sector for fit in added), offered
        assert all(fit.score < MIN_FIT for fit in added)


def test_a_welder_is_not_told_a_steering_column_is_a_welded_construction() -> None:
    """A "column" of welding is a process column (a distillation tower); an EPS steering column is no weldment, yet a
    welding shop was told it was one. The tower keeps its own words (tower, tray, internals)."""
    index, _ = _seed()
    for makes in ("shock absorbers and suspension parts for cars", "قطعات بدنه و شاسی خودرو پرس و جوش میدیم"):
        fits = index.opportunities(Capability("1", makes, ("machining", "welding", "sheet_metal")), limit=None, by_processes=True)
        welded = {fit.key for fit in fits if any(r.kind == "process" and r.profile_text == "welding" for r in fit.reasons)}
        assert "AUT-009" not in welded, makes


def test_a_finglish_profile_is_marked_so_its_words_are_not_quoted_as_english_or_persian() -> None:
    """The trial quoted «mize boresh CNC» inside a Persian reason: the engine marks a reason whose profile words are
    Finglish, so the reader of either language is told the reason without them."""
    index, _ = _seed()
    fits = index.opportunities(
        Capability("1", "tolid lent tormoz va kafshak", ("powder_metallurgy",), machines="mize boresh CNC"), limit=5
    )
    said = [reason for fit in fits for reason in fit.reasons if reason.kind in ("makes", "machine")]
    assert said and all(reason.finglish for reason in said), said
    english = index.opportunities(Capability("1", "brake pads and brake shoes", ("powder_metallurgy",)), limit=5)
    assert all(not reason.finglish for fit in english for reason in fit.reasons)


def test_a_shop_casting_superalloys_is_offered_what_superalloys_go_into() -> None:
    """Steel says nothing of what a shop makes; a speciality alloy does (superalloys go into a turbine's hot section),
    so a foundry naming no product but its superalloy stock is offered the superalloy blades."""
    index, _ = _seed()
    for materials in ("nickel superalloys, ceramic shell", "سوپرآلیاژ پایه نیکل، اینکونل"):
        shop = Capability("1", "", ("casting", "heat_treatment"), materials=materials, machines="vacuum furnace")
        assert "PWR-001" in [fit.key for fit in index.opportunities(shop, limit=2, by_processes=True)], materials
    steel = Capability("2", "", ("casting", "heat_treatment"), materials="carbon steel, ceramic shell", machines="vacuum furnace")
    assert "PWR-001" not in [fit.key for fit in index.opportunities(steel, limit=3, by_processes=True)]


def test_a_joined_compound_is_read_by_its_head_as_the_synonyms_spell_it() -> None:
    """«الکتروموتور» is «موتور برقی» (the synonyms file): the catalog's motors are named by «موتور», which the joined
    spelling hid, so an electric motor maker was offered gearboxes and breakers, no motor."""
    index, _ = _seed()
    for makes in ("الکتروموتور سه فاز و تک فاز", "electromotors, three-phase and single-phase"):
        top = [fit.key for fit in index.opportunities(Capability("1", makes, ("electrical_assembly",)), limit=5)]
        assert {"RAL-010", "MCH-009", "HAP-002"} & set(top), (makes, top)


def test_pressure_die_casting_names_a_process_not_a_high_pressure_product() -> None:
    """«ریخته‌گری تحت فشار» is die casting: its «فشار» made a high-pressure circuit breaker a listing the unit makes."""
    index, _ = _seed()
    shop = Capability("1", "سیم پیچی و ریخته‌گری تحت فشار روتور آلومینیومی", ("casting", "electrical_assembly"))
    fits = index.opportunities(shop, limit=None)
    assert not any(reason.kind == "makes" for fit in fits if fit.key == "PWR-005" for reason in fit.reasons)


def test_mould_making_names_a_process_not_a_mould_product() -> None:
    """«قالب‌سازی» (mould making) is how a moulder works: its «قالب» made the continuous caster's copper mould tube a
    product of a syringe maker with an in-house toolroom."""
    index, _ = _seed()
    for makes in ("سرنگ یکبار مصرف و لوله رابط سرم، واحد قالب‌سازی داخلی داریم", "disposable syringes and IV tubing, in-house mould making"):
        shop = Capability("1", makes, ("injection_moulding", "extrusion", "mould_making"))
        fits = index.opportunities(shop, limit=None)
        assert not any(reason.kind == "makes" for fit in fits if fit.key == "STL-005" for reason in fit.reasons), makes


def test_a_names_bracketed_aside_is_no_name_of_what_the_unit_buys() -> None:
    """«مقره کامپوزیتی (سیلیکونی)» is indexed with its aside «سیلیکونی» as an alias, so it is found; a silicone moulder's
    silicone then made up all of a name, and the insulator read as what the unit buys, not what it makes."""
    index, _ = _seed()
    for materials in ("لاستیک سیلیکون HTV، الیاف شیشه، رزین اپوکسی", "HTV silicone rubber, glass fibre, epoxy resin"):
        shop = Capability("1", "", ("rubber_moulding", "composites"), materials=materials, machines="پرس تزریق سیلیکون")
        assert "PWR-006" in [fit.key for fit in index.opportunities(shop, limit=5, by_processes=True)], materials
