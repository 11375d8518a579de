"""Reverse matching (matching.capabilities): what a profile is offered, why, and the laws both directions keep."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.capabilities import MIN_FIT, Capability, CapabilityIndex, Process, _bought_in
from matching.index import Document, Field

PROCESSES = [
    Process("machining", "Precision machining", "ماشین‌کاری دقیق", ("machined", "machining", "shaft", "gear", "flange", "CNC", "شفت", "تراشکاری")),
    Process("casting", "Casting", "ریخته‌گری", ("cast", "casting", "housing", "valve body", "ریخته‌گری", "چدن")),
    Process("rubber_moulding", "Rubber moulding", "قالب‌گیری لاستیک", ("rubber", "seal", "gasket", "hose", "لاستیک", "واشر")),
    Process("pharma_manufacturing", "Pharmaceutical manufacturing", "تولید دارو", ("drug", "tablet", "دارو", "قرص")),
]
SECTORS = {
    "automotive": ("automotive", "Automotive", "خودرو", "car parts"),
    "oil_gas": ("oil gas", "Oil and gas", "نفت و گاز", "oilfield"),
    "pharma": ("pharma", "Pharmaceuticals", "دارو", "medicines"),
    "machinery": ("machinery", "Machinery", "ماشین‌آلات", "machine tools"),
}


def listing(code: str, sector: str | None, name_en: str, name_fa: str, description: str = "", value: float = 1e6) -> Document:
    """A listing of ``sector`` (None: named alone, for a catalog of a test's own)."""
    fields = [Field("name_en", name_en), Field("name_fa", name_fa)]
    if description:
        fields.append(Field("description", description))
    fields += [Field("sector", text) for text in SECTORS[sector]] if sector else []
    return Document("product", code, tuple(fields), weight=value)


CATALOG = [
    listing("AUT-001", "automotive", "Drive shaft", "شفت محرک", "Machined steel shaft for passenger cars.", 5e7),
    listing("AUT-002", "automotive", "Brake pad set", "لنت ترمز دیسکی", "Friction pads for disc brakes.", 3e7),
    listing("AUT-003", "automotive", "Cylinder head gasket", "واشر سرسیلندر", "Multi-layer steel gasket for engines.", 1e7),
    listing("AUT-004", "automotive", "Gearbox housing", "پوسته گیربکس", "Die-cast aluminium housing.", 2e7),
    listing("OGS-001", "oil_gas", "Gate valve body", "بدنه شیر کشویی", "Cast steel valve body for pipelines.", 4e7),
    listing("OGS-002", "oil_gas", "Weld neck flange", "فلنج گلودار", "Forged and machined flange.", 8e6),
    listing("OGS-003", "oil_gas", "Drill pipe", "لوله حفاری", "Seamless pipe for drilling.", 9e7),
    listing("PHA-001", "pharma", "Amoxicillin tablets", "قرص آموکسی‌سیلین", "Antibiotic tablet for export.", 6e7),
    listing("PHA-002", "pharma", "Rubber stopper for vials", "درپوش لاستیکی ویال", "Rubber seal for injection vials.", 5e6),
    listing("MCH-001", "machinery", "CNC turning lathe", "ماشین تراش CNC", "Machining centre for turning shafts.", 7e7),
    listing("MCH-002", "machinery", "Helical gear reducer", "گیربکس صنعتی", "Gears machined and ground.", 1.5e7),
    listing("MCH-003", "machinery", "Hydraulic hose", "شیلنگ هیدرولیک", "Rubber hose with steel braid.", 4e6),
]


def index(*capabilities: Capability) -> CapabilityIndex:
    return CapabilityIndex(CATALOG, PROCESSES, capabilities)


def keys(fits: list[object]) -> list[str]:
    return [fit.key for fit in fits]  # type: ignore[attr-defined]


def test_a_listing_named_in_makes_comes_first_with_the_words_that_agree() -> None:
    fits = index().opportunities(Capability("1", "We make brake pads for Iran Khodro"), limit=5)
    assert fits[0].key == "AUT-002"
    reason = fits[0].reasons[0]
    assert reason.kind == "makes" and "brake" in reason.profile_text and "Brake" in reason.listing_text


def test_persian_finglish_and_typos_are_read_like_a_need() -> None:
    assert index().opportunities(Capability("1", "تولید لنت ترمز"), limit=1)[0].key == "AUT-002"
    assert index().opportunities(Capability("1", "lent tormoz misazim"), limit=1)[0].key == "AUT-002"
    assert index().opportunities(Capability("1", "gearbx housings"), limit=1)[0].key == "AUT-004"


def test_a_process_brings_in_what_it_makes_and_says_so() -> None:
    fits = index().opportunities(Capability("1", "shafts", ("machining",)), limit=None)
    shaft = next(fit for fit in fits if fit.key == "AUT-001")
    assert any(r.kind == "process" and r.profile_text == "machining" and r.listing_text == "shaft" for r in shaft.reasons)


def test_a_reason_gives_the_listing_in_both_languages_and_the_profile_as_written() -> None:
    fits = index().opportunities(Capability("1", "شفت محرک و چرخ‌دنده", ("machining",), "ورق فولادی، لاستیک"), limit=None)
    shaft = next(fit for fit in fits if fit.key == "AUT-001")
    makes = next(r for r in shaft.reasons if r.kind == "makes")
    # The profile's own phrase; the listing's names, whichever matched.
    assert (makes.profile_text, makes.listing_en, makes.listing_fa) == ("شفت محرک", "Drive shaft", "شفت محرک")
    # The process's keyword the listing carries in each language: "shaft" in English, «شفت» in Persian.
    process = next(r for r in shaft.reasons if r.kind == "process")
    assert (process.listing_en, process.listing_fa) == ("shaft", "شفت")
    # A listing with no Persian keyword of the process has none to quote.
    reducer = next(fit for fit in index().opportunities(Capability("1", "", ("machining",)), limit=None) if fit.key == "MCH-002")
    assert [(r.listing_en, r.listing_fa) for r in reducer.reasons if r.kind == "process"] == [("gear", "")]


def test_a_machine_for_the_process_is_not_what_the_process_makes() -> None:
    fits = index().opportunities(Capability("1", "", ("machining",)), limit=None)
    assert "AUT-001" in keys(fits)
    assert "MCH-001" not in keys(fits)[:2]


def test_processes_named_in_the_machines_count() -> None:
    fits = index().opportunities(Capability("1", "", machines="تراشکاری CNC و فرز"), limit=None)
    assert "AUT-001" in keys(fits)
    assert any(reason.kind == "machine" for fit in fits for reason in fit.reasons)


def test_the_sector_the_profile_points_to_comes_before_another_sharing_a_word() -> None:
    """A rubber-parts maker for cars: its seals and hoses, not the pharma vial stopper, at the top."""
    capability = Capability("1", "rubber gaskets and hoses for car engines", ("rubber_moulding",))
    top = keys(index().opportunities(capability, limit=3))
    assert "PHA-002" not in top
    assert "AUT-003" in top


def test_materials_alone_offer_nothing() -> None:
    assert index().opportunities(Capability("1", "", materials="steel, rubber"), limit=None) == []


def test_nothing_known_offers_nothing() -> None:
    assert index().opportunities(Capability("1", "hello, we are a company"), limit=None) == []
    assert index().opportunities(Capability("1", ""), limit=None) == []


def test_import_value_breaks_ties() -> None:
    capability = Capability("1", "", ("casting",))
    fits = index().opportunities(capability, limit=None)
    scores = {fit.key: fit.score for fit in fits}
    assert scores["OGS-001"] >= scores["AUT-004"]  # both cast parts; the valve body is imported more


def test_suppliers_of_a_listing_are_the_profiles_that_could_make_it() -> None:
    brakes = Capability("7", "brake pads and clutch discs")
    pills = Capability("8", "tablets and capsules", ("pharma_manufacturing",))
    built = index(brakes, pills)
    assert keys(built.suppliers("AUT-002")) == ["7"]
    assert keys(built.suppliers("PHA-001")) == ["8"]
    assert built.suppliers("NOPE-1") == []


_WORDS = st.sampled_from(
    ["brake", "pads", "shaft", "gear", "flange", "valve", "body", "rubber", "hose", "gasket", "tablets", "pipe",
     "cast", "لنت", "شفت", "قرص", "واشر", "steel", "housing", "machined", "hello", "drill", "gearbox", "پوسته",
     "گیربکس", "بدنه", "شیر", "فولادی", "on", "buy"]
)  # fmt: skip
_CAPABILITY = st.builds(
    lambda words, processes, materials: (" ".join(words), tuple(processes), " ".join(materials)),
    st.lists(_WORDS, max_size=6),
    st.lists(st.sampled_from([p.key for p in PROCESSES]), max_size=2, unique=True),
    st.lists(st.sampled_from(["steel", "rubber", "aluminium"]), max_size=2),
)


def _capabilities(drawn: list[tuple[str, tuple[str, ...], str]]) -> list[Capability]:
    return [Capability(str(i), makes, processes, materials) for i, (makes, processes, materials) in enumerate(drawn)]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_CAPABILITY, min_size=1, max_size=5))
def test_both_directions_agree(drawn: list[tuple[str, tuple[str, ...], str]]) -> None:
    """p is among suppliers(listing) exactly when listing is among opportunities(p), with the same fit."""
    capabilities = _capabilities(drawn)
    built = index(*capabilities)
    forward = {(c.key, fit.key): fit for c in capabilities for fit in built.opportunities(c, limit=None)}
    backward = {(fit.key, doc.key): fit for doc in CATALOG for fit in built.suppliers(doc.key)}
    assert set(forward) == set(backward)
    for pair, fit in forward.items():
        assert (fit.score, fit.reasons) == (backward[pair].score, backward[pair].reasons)
        assert MIN_FIT <= fit.score <= 100
    for doc in CATALOG:
        everyone = built.suppliers(doc.key)
        assert built.suppliers(doc.key, limit=2) == everyone[:2]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_CAPABILITY, min_size=1, max_size=4), _CAPABILITY)
def test_another_profile_changes_nobody_elses_opportunities(
    drawn: list[tuple[str, tuple[str, ...], str]], other: tuple[str, tuple[str, ...], str]
) -> None:
    capabilities = _capabilities(drawn)
    before = index(*capabilities)
    after = index(*capabilities, Capability("new", *other))
    for capability in capabilities:
        assert before.opportunities(capability, limit=None) == after.opportunities(capability, limit=None)
    for doc in CATALOG:
        assert [f for f in after.suppliers(doc.key) if f.key != "new"] == before.suppliers(doc.key)


@settings(max_examples=30, deadline=None)
@given(_CAPABILITY, st.integers(min_value=1, max_value=6))
def test_a_limit_is_the_beginning_of_the_whole_ranking(drawn: tuple[str, tuple[str, ...], str], limit: int) -> None:
    capability = Capability("1", *drawn)
    built = index()
    everything = built.opportunities(capability, limit=None)
    assert built.opportunities(capability, limit=limit) == everything[:limit]
    assert [fit.score for fit in everything] == sorted((fit.score for fit in everything), reverse=True)
    # Given to the index or not, a profile is offered the same.
    assert index(capability).opportunities(capability, limit=None) == everything


def test_a_process_named_in_several_words_is_not_read_as_products() -> None:
    """"heat treatment" is how the unit works: its words are not the heat-treatment furnace a listing asks for."""
    furnace = listing("MCH-009", "machinery", "Heat treatment furnace", "کوره عملیات حرارتی")
    built = CapabilityIndex([*CATALOG, furnace], PROCESSES)
    assert built.opportunities(Capability("1", "heat treatment of gears"), limit=None) == []
    assert keys(built.opportunities(Capability("1", "furnaces for treatment"), limit=None)) == ["MCH-009"]


def test_a_machine_the_unit_runs_is_not_what_it_makes() -> None:
    """A long introduction names the plant («اکسترودر», "lathe"); the machine is equipment, not a product."""
    said = "We make shafts and flanges with our CNC lathe"
    # "on our CNC lathe" says so without the machines listed.
    on = keys(index().opportunities(Capability("1", "We make shafts and flanges on our CNC lathe"), limit=None))
    assert "MCH-001" not in on and "AUT-001" in on
    offered = keys(index().opportunities(Capability("1", said, machines="lathe, hydraulic press"), limit=None))
    assert "MCH-001" not in offered and "AUT-001" in offered
    # The object of a machine of several words is the product: "hose crimper" does not hide the hoses.
    assert "MCH-003" in keys(index().opportunities(Capability("1", "hydraulic hose", machines="hose crimper"), limit=3))


def test_a_process_keyword_that_is_the_units_material_is_what_it_buys() -> None:
    """A rubber moulder buying rubber: "rubber" in a listing's name is the compound, not the part."""
    moulder = Capability("1", "", ("rubber_moulding",))
    assert "PHA-002" in keys(index().opportunities(moulder, limit=None))
    buying = Capability("1", "", ("rubber_moulding",), materials="rubber compound")
    offered = keys(index().opportunities(buying, limit=None))
    assert "PHA-002" not in offered and "MCH-003" in offered  # the hose is still a hose
    built = index(buying)
    assert built.suppliers("PHA-002") == [] and keys(built.suppliers("MCH-003")) == ["1"]


def test_a_verb_of_the_process_is_not_the_machine_for_it() -> None:
    """"We extrude" says how the unit works; "extruders" is a machine a machine-builder makes."""
    extruder = listing("MCH-013", "machinery", "Plastic extruder", "اکسترودر پلاستیک")
    built = CapabilityIndex([*CATALOG, extruder], PROCESSES)
    assert "MCH-013" not in keys(built.opportunities(Capability("1", "We extrude plastic profiles"), limit=None))
    assert keys(built.opportunities(Capability("1", "We build plastic extruders"), limit=None)) == ["MCH-013"]


def test_a_persian_keyword_of_another_sense_is_not_a_process_match() -> None:
    """«موتور» is a motor and an engine: the engine control unit's English name says which."""
    winding = Process("electrical_assembly", "Electrical assembly", "مونتاژ برقی", ("motor", "winding", "موتور"))
    built = CapabilityIndex(
        [
            listing("AUT-005", "automotive", "Engine control unit", "واحد کنترل موتور"),
            listing("MCH-004", "machinery", "AC servo motor", "سرو موتور AC"),
        ],
        [winding],
    )
    assert keys(built.opportunities(Capability("1", "", ("electrical_assembly",)), limit=None)) == ["MCH-004"]



def test_a_short_persian_word_the_catalog_lacks_is_not_a_typo_of_another() -> None:
    # «بازی» of «اسباب‌بازی» (toys) is one letter from «بازوی ربات» (MCH-004, a robot arm) in the shipped catalog:
    # an everyday word, not a typo.
    from tests.matching.test_blind_profiles import _seed

    seed, _ = _seed()
    assert seed.opportunities(Capability("1", "اسباب‌بازی چوبی دست‌ساز"), limit=5) == []
    assert "MCH-004" in keys(seed.opportunities(Capability("1", "بازوی ربات جوشکاری"), limit=3))


def test_the_shipped_processes_name_what_they_make() -> None:
    # A foundry that gives only its process: the shipped keywords once named the trade ("casting", «ریخته‌گری»)
    # and a few parts, and the catalog's cast parts (turbine blades, a turbocharger) carry none of them.
    from tests.matching.test_blind_profiles import _seed

    # Among the ten /opportunities shows: the turbocharger now follows the blades, implants and mill liners, since a
    # unit naming no product leans to the sectors holding most of its processes' keywords (see _LEAN).
    seed, _ = _seed()
    offered = keys(seed.opportunities(Capability("1", "", ("casting",)), limit=10))
    assert {"PWR-001", "AUT-006"} <= set(offered)


def test_a_unit_naming_no_product_leans_to_the_sectors_its_processes_make_most_for() -> None:
    # Machining and hardening shops naming no product tied a bearing, a gear and a refinery's mechanical seal (alias
    # "pump shaft seal") on "shaft" and "bearing"; import value put the seal first for about ten blind profiles whose
    # sectors did not include refining. Machining's keywords are mostly in machinery's listings.
    from tests.matching.test_blind_profiles import _seed

    seed, sector_of = _seed()
    for processes in (("machining", "heat_treatment"), ("forging", "heat_treatment", "machining")):
        top = keys(seed.opportunities(Capability("1", "", processes), limit=3, by_processes=True))
        assert "REF-006" not in top and sector_of[top[0]] == "machinery", (processes, top)


def test_a_process_named_in_finglish_is_how_the_unit_works() -> None:
    # "tazrigh plastik" is «تزریق پلاستیک» typed in Latin letters: read as products, it offered an injection
    # moulder the injection moulding machine, the equipment it runs, before anything it could mould.
    from tests.matching.test_blind_profiles import _seed

    # Read as the Persian it spells («تزریق پلاستیک سفارشی»): the same listings ('plastik' was once a product word
    # in Finglish only, so the plastic syringe came first in Finglish and not in Persian).
    seed, _ = _seed()
    finglish, persian = (
        [fit.key for fit in seed.opportunities(Capability(key, makes, ("injection_moulding",)), limit=5)]
        for key, makes in (("1", "tazrigh plastik sefareshi"), ("2", "تزریق پلاستیک سفارشی"))
    )
    assert finglish and "MCH-003" not in finglish and "MED-008" in finglish, finglish
    assert finglish == persian


# A machine whose description names parts (a cast frame, a machined shaft): evidence, in a pharmaceutical
# listing, for a foundry or a machine shop that names no product, unless they are held to their sectors.
PRESS = listing(
    "PHA-003", "pharma", "Rotary tablet press", "دستگاه پرس قرص", "Cast iron frame with a machined shaft.", 9e7
)


def _carrying(process: Process) -> set[str]:
    """Sectors whose listings carry one of a process's keywords in a name: at most these are served by it."""
    return {
        doc.key.split("-")[0]
        for doc in [*CATALOG, PRESS]
        for fld in doc.fields
        if fld.name in ("name_en", "name_fa")
        and any(keyword.lower() in fld.text.lower() for keyword in process.keywords)
    }


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["", "job work, any order", "کار سفارشی قبول میکنیم", "ما قطعات فولادی میزنیم", "hello"]),
    st.lists(st.sampled_from([p.key for p in PROCESSES]), min_size=1, max_size=3, unique=True),
    st.sampled_from(["", "steel", "rubber, aluminium"]),
)
def test_a_profile_naming_no_product_is_offered_only_sectors_its_processes_serve(
    makes: str, processes: list[str], materials: str
) -> None:
    serving = set().union(*(_carrying(p) for p in PROCESSES if p.key in processes))
    built = CapabilityIndex([*CATALOG, PRESS], PROCESSES)
    offered = built.opportunities(Capability("1", makes, tuple(processes), materials), limit=None)
    assert {fit.key.split("-")[0] for fit in offered} <= serving


def test_what_the_unit_buys_is_not_what_it_makes() -> None:
    """«شیلنگ هیدرولیک رو میخریم»: a clause saying what the unit buys names supplies, not products."""
    for makes in (
        "brake pads; we buy hydraulic hoses",
        "لنت ترمز میسازیم، شیلنگ هیدرولیک رو می‌خریم",
        "لنت ترمز، مواد اولیه شیلنگ هیدرولیک",
        "brake pads, raw materials hydraulic hose",
    ):
        offered = keys(index().opportunities(Capability("1", makes), limit=None))
        assert offered[0] == "AUT-002"
        assert "MCH-003" not in offered


def test_a_process_word_beside_machine_names_the_machine_a_maker_builds() -> None:
    """«ماشین تراش میساختیم»: a machine-tool maker builds lathes; «تراشکاری» alone is how a shop works."""
    assert keys(index().opportunities(Capability("1", "ماشین تراش و فرز میساختیم"), limit=1)) == ["MCH-001"]
    assert keys(index().opportunities(Capability("1", "turning machines, lathes"), limit=1)) == ["MCH-001"]
    assert "MCH-001" not in keys(index().opportunities(Capability("1", "تراشکاری"), limit=None))


def test_a_buy_clause_covers_only_its_own_object() -> None:
    """"casing and tubing: we buy green pipe, quench it": the unit buys the green pipe, it finishes the casing."""
    assert _bought_in("Threading of casing and tubing: we buy green pipe, quench & temper it") == {"green", "pipe"}
    assert _bought_in("لوله: پمپ رو میخریم، لنت میسازیم") == {"پمپ", "رو", "میخریم"}
    assert {"casing", "tubing"} <= _bought_in("we buy casing and tubing")
    assert _bought_in("CMC tolid mikonim az linter panbe, baraye shoyande") == {"linter", "panbe"}


def test_a_user_of_a_process_is_not_a_maker_of_its_machine() -> None:
    # «قطعات پلاستیکی تزریقی» covers «تزریق پلاستیک», an alias of the injection moulding machine (MCH-003): the words
    # restate the shop's own process. A builder saying what machine it builds is still offered it, and is the
    # machine's only supplier of the two.
    from tests.matching.test_blind_profiles import _seed, seed_documents

    from bot.services.capabilities import load_processes, shipped_units
    from bot.services.search import shipped_synonyms

    seed, _ = _seed()
    shop = Capability("shop", "قطعات پلاستیکی تزریقی", ("injection_moulding",))
    builder = Capability("builder", "we build plastic injection moulding machines", ("machining",))
    assert "MCH-003" not in keys(seed.opportunities(shop, limit=None))
    assert "MCH-003" in keys(seed.opportunities(builder, limit=3))
    built = CapabilityIndex(
        seed_documents()[0], load_processes(), [shop, builder], synonyms=shipped_synonyms(), units=shipped_units()
    )
    assert keys(built.suppliers("MCH-003")) == ["builder"]


def test_another_process_never_shrinks_what_a_profile_is_offered() -> None:
    # A listing two processes fit (a filter additive: "additive" for synthesis, "filter" for sintering) once raised
    # the bar of what the processes alone offer over everything one fits: 5 opportunities fell to 1.
    from tests.matching.test_blind_profiles import _seed

    seed, _ = _seed()
    makes = "سنتز شیمیایی در راکتور استیل ۵۰۰۰ لیتری با ژاکت، تقطیر، فرمولاسیون و اختلاط، خشک‌کن اسپری"
    materials, machines = "آمین‌ها، اسیدهای چرب، حلال‌ها", "راکتور ۵۰۰۰ لیتری، برج تقطیر کوچک، اسپری درایر"
    for extra in ("powder_metallurgy", "electrical_assembly", "textile_processing", "pharma_manufacturing"):
        fewer = seed.opportunities(Capability("1", makes, ("chemical_synthesis",), materials, machines), limit=5, by_processes=True)
        more = seed.opportunities(
            Capability("1", makes, ("chemical_synthesis", extra), materials, machines), limit=5, by_processes=True
        )
        assert len(more) >= len(fewer) == 5, extra


def test_a_reason_names_what_the_listing_is_not_where_it_sits() -> None:
    # An "in-tank fuel pump" sits in a tank; it needs no welding. A foundry that also welds is offered the pump for
    # the casings it casts, not "because you weld".
    from tests.matching.test_blind_profiles import _seed

    seed, _ = _seed()
    fits = seed.opportunities(Capability("1", "pump casings and impellers", ("casting", "welding")), limit=None)
    for fit in fits:
        assert not any(r.kind == "process" and r.profile_text == "welding" and r.listing_text == "tank" for r in fit.reasons), fit
    welder = seed.opportunities(Capability("1", "", ("welding",)), limit=None, by_processes=True)
    assert "AUT-018" not in keys(welder)


def test_a_shop_naming_no_product_is_offered_first_what_its_materials_make() -> None:
    # Issue 14: a machinist giving only its process and materials ties on every shaft, gear and flange, and import
    # value would pick among them; the seamless drilling tube it machines says it makes drill pipe, which carries no
    # machining keyword at all.
    capability = Capability("1", "", ("machining",), materials="seamless tube, drilling grade")
    assert keys(index().opportunities(capability, limit=3))[0] == "OGS-003"
    # Beside a product named in "makes", materials only support other evidence.
    naming = Capability("1", "gears", ("machining",), materials="seamless tube, drilling grade")
    assert "OGS-003" not in keys(index().opportunities(naming, limit=None))


def test_an_appliance_named_with_machine_is_a_product_not_a_machine_for_the_process() -> None:
    # "Washing machine" is a sheet-metal product whose name holds "machine": its drum is what a stainless press shop
    # makes, while a press brake is still a machine the shop runs (rev5: R35, a deep-drawing shop, got no appliance).
    sheet = Process("sheet_metal", "Sheet metal", "ورق‌کاری", ("sheet metal", "stamping", "drum", "washing machine", "panel"))
    catalog = [
        listing("HAP-1", None, "Washing machine drum assembly", "درام ماشین لباس‌شویی"),
        listing("MCH-1", None, "Sheet metal stamping machine", "پرس ورق"),
        listing("AUT-1", None, "Body panel", "پنل بدنه"),
    ]
    built = CapabilityIndex(catalog, [sheet])
    scores = {fit.key: fit.score for fit in built.opportunities(Capability("1", "", ("sheet_metal",)), limit=None)}
    assert scores["HAP-1"] == scores["AUT-1"]
    assert scores.get("MCH-1", 0.0) < scores["HAP-1"]


def test_a_shop_naming_no_product_makes_a_product_of_its_process_from_what_it_buys() -> None:
    # A name mostly of the unit's materials is what it buys, unless the unit names no product and the name is headed
    # by a product of its processes: "silicone rubber insulator" of a shop moulding silicone rubber (rev5: R36, Q29).
    rubber = Process("rubber_moulding", "Rubber moulding", "قالب‌گیری لاستیک", ("insulator", "مقره", "seal", "rubber", "silicone"))
    catalog = [
        listing("PWR-1", None, "Silicone rubber insulator", "مقره سیلیکونی"),
        listing("PET-1", None, "Silicone rubber compound", "آمیزه سیلیکون"),
        listing("AUT-1", None, "Oil seal", "کاسه نمد"),
    ]
    shop = Capability("shop", "", ("rubber_moulding",), materials="silicone rubber")
    naming = Capability("naming", "oil seals", ("rubber_moulding",), materials="silicone rubber")
    built = CapabilityIndex(catalog, [rubber], [shop, naming])
    offered = {fit.key for fit in built.opportunities(shop, limit=None)}
    assert "PWR-1" in offered
    assert "PET-1" not in offered
    assert "PWR-1" not in {fit.key for fit in built.opportunities(naming, limit=None)}
    assert "shop" in {fit.key for fit in built.suppliers("PWR-1")}


def _makes_reasons(built: CapabilityIndex, makes: str, code: str) -> list[bool]:
    fit = next(fit for fit in built.opportunities(Capability("1", makes), limit=None) if fit.key == code)
    return [reason.named for reason in fit.reasons if reason.kind == "makes"]


def test_a_reason_says_the_unit_makes_the_listing_only_when_its_words_name_it_whole() -> None:
    """"You make this very product" needs a name or alias covered head and qualifiers; a head alone ("shafts" of a
    drive shaft) or a word qualifying another head ("cylinder heads" of a cylinder head gasket) is only a word of the
    listing's name."""
    built = index()
    assert _makes_reasons(built, "drive shafts", "AUT-001") == [True]
    assert _makes_reasons(built, "shafts", "AUT-001") == [False]
    assert _makes_reasons(built, "cylinder heads", "AUT-003") == [False]
    assert _makes_reasons(built, "cylinder head gaskets", "AUT-003") == [True]


def test_a_listing_made_another_way_is_no_evidence_for_a_process_whatever_word_it_carries() -> None:
    """A seamless tube for heat exchangers carries the welding keyword "heat exchanger" but is not welded."""
    welding = Process("welding", "Welding", "جوشکاری", ("welded", "heat exchanger", "tank"), ("seamless", "بدون درز"))
    catalog = [
        listing("REF-1", None, "Seamless heat exchanger tube", "لوله بدون درز مبدل حرارتی", "Cold-drawn tube."),
        listing("REF-2", None, "Shell and tube heat exchanger", "مبدل حرارتی پوسته و لوله", "Welded shell."),
    ]
    shop = Capability("1", "heat exchangers", ("welding",))
    built = CapabilityIndex(catalog, [welding], [shop])
    fits = {fit.key: fit for fit in built.opportunities(shop, limit=None)}
    assert any(reason.kind == "process" for reason in fits["REF-2"].reasons)
    assert "REF-1" not in fits or not any(reason.kind == "process" for reason in fits["REF-1"].reasons)
    assert "REF-1" not in fits or fits["REF-1"].score < fits["REF-2"].score


def test_a_finglish_participle_names_nothing_made() -> None:
    """"joosh dade shode" (welded) says how a part is made: «داده» and «شده» are left out in Persian, so are their
    Finglish spellings, never read as typos of catalog words ("dade" is not "dande", a gear)."""
    catalog = [*CATALOG, listing("AUT-9", None, "Automatic transmission", "گیربکس اتوماتیک", "Gearbox (dande otomat, shod).")]
    built = CapabilityIndex(catalog, PROCESSES, [])
    profile = built._profile(Capability("1", "sazeh felezi joosh dade shode, ghate mashin-kari shode"))
    read = {built._words_of[term] for term in profile.words}
    assert not read & {"dade", "dande", "shode", "shod"}
