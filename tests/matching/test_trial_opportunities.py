"""Wrong answers a user trial of /opportunities found (issue 14, tenth round), each kept as a regression test on the
shipped catalog: a plastics injection unit shown the injection moulding machine, a dishwasher for the «ظرف»
(container) of «ظرف‌شویی» and a tube listing for the «پوسته» (housing) of «پوسته-لوله» (shell-and-tube), and a
Finglish idle plastics unit read otherwise than the same unit in Persian."""

from __future__ import annotations

from matching.capabilities import Capability

from .test_blind_profiles import _seed

INJECTION = Capability(
    "injection",
    "قطعات پلاستیکی تزریقی میزنیم، پوسته و درپوش لوازم خانگی",
    ("injection_moulding",),
    "گرانول پلی پروپیلن و ABS",
    "دستگاه تزریق ۲۵۰ تن",
)


def _offered(capability: Capability) -> list[str]:
    index, _ = _seed()
    return [fit.key for fit in index.opportunities(capability, limit=None, by_processes=True)]


def test_a_shop_offered_by_its_processes_is_not_offered_the_machine_it_runs() -> None:
    for capability in (INJECTION, Capability("2", "قطعات تزریقی پلاستیک، درپوش، پوسته", ("injection_moulding",))):
        offered = _offered(capability)
        assert offered and "MCH-003" not in offered, offered  # the plastic injection moulding machine


def test_a_keyword_said_only_inside_a_compound_is_not_what_the_listing_is() -> None:
    index, _ = _seed()
    # «ظرف» (container, injection moulding's) of «ماشین ظرف‌شویی» (a dishwasher, sheet metal's).
    washer = index.opportunities(Capability("1", "", ("injection_moulding",)), limit=None)
    assert "HAP-005" not in [fit.key for fit in washer]
    said = index.opportunities(Capability("2", "تزریق پلاستیک، ماشین لباسشویی و ظرفشویی", ("injection_moulding",)), limit=None)
    dishwasher = next(fit for fit in said if fit.key == "HAP-005")
    assert not [reason for reason in dishwasher.reasons if reason.kind == "process"], dishwasher.reasons
    # «پوسته» (housing, machining's) of «مبدل‌های پوسته-لوله» (shell-and-tube exchangers) in the tube's description.
    for process in ("machining", "casting"):
        fits = index.opportunities(Capability("3", "", (process,)), limit=None)
        tube = [fit for fit in fits if fit.key == "REF-009"]
        assert not tube or all(reason.listing_text != "پوسته" for reason in tube[0].reasons), tube


def test_the_product_of_a_part_is_not_read_as_a_typo_of_another_word() -> None:
    # «پوسته کولر»: housings of air conditioners, not of a wagon's «کوپلر» (coupler).
    offered = _offered(Capability("1", "تزریق پلاستیک، پوسته کولر", ("injection_moulding",)))
    assert "RAL-005" not in offered, offered


def test_a_finglish_idle_unit_is_read_as_the_same_unit_in_persian() -> None:
    finglish = "vahed tolid plastic tatil, az sale 1401 khabide, tazrigh plastic darim"
    persian = "واحد تولید پلاستیک تعطیل، از سال ۱۴۰۱ خوابیده، تزریق پلاستیک داریم"
    index, _ = _seed()
    read = [index.opportunities(Capability(key, makes), limit=5, by_processes=True) for key, makes in (("1", finglish), ("2", persian))]
    assert read[0] and [fit.key for fit in read[0]] == [fit.key for fit in read[1]]
    # 'tazrigh plastic' is the process «تزریق پلاستیک», not a plastic product ("plastic syringe").
    assert not [reason for fit in read[0] for reason in fit.reasons if reason.kind == "makes"], read[0]


def test_the_stock_a_shop_works_is_not_what_it_makes() -> None:
    index, _ = _seed()
    sheets = {"STL-007", "STL-008", "STL-009", "STL-012"}  # electrical steel, tinplate, stainless and galvanized sheet
    # A press shop naming the sheet it buys in "makes" too is not a steel mill offered sheet.
    press = Capability(
        "1", "نقطه جوش و جوش آرگون، کار پیمانکاری ورق میگیریم",
        ("sheet_metal", "welding", "surface_coating"), "ورق سیاه و روغنی، گالوانیزه، استیل ۳۰۴",
    )
    top = [fit.key for fit in index.opportunities(press, limit=3, by_processes=True)]
    assert top and not sheets & set(top), top
    # How its stock comes ("cold-rolled", "mm") is no material its products are made of: not the cold-rolled sheet.
    shop = Capability(
        "2", "", ("sheet_metal", "welding", "surface_coating"),
        "stainless 304 sheet 0.5-2 mm, galvanized and cold-rolled sheet up to 3 mm", "press brakes, powder coating line",
    )
    assert "STL-007" not in [fit.key for fit in index.opportunities(shop, limit=5, by_processes=True)]


def test_a_count_joined_to_a_noun_keeps_its_sense() -> None:
    # «پمپ گل حفاری سه‌سیلندر»: a three-cylinder pump has cylinders (machining's «سیلندر»); a count is no compound.
    index, _ = _seed()
    fits = index.opportunities(Capability("1", "پمپ", ("machining",)), limit=None)
    pump = [fit for fit in fits if fit.key == "OGS-009"]
    assert pump and any(reason.listing_text == "سیلندر" for reason in pump[0].reasons), pump


# A long introduction: the «لوله‌های رابط» (connecting tubes) of one sentence and the «گاز» (gas) that sterilises them in
# another cover the name «لوله نفت و گاز» (oil and gas pipe) only by chance.
SCATTERED = (
    "شرکت ما از سال ۱۳۸۵ در شهرک صنعتی به تولید لوازم مصرفی یکبارمصرف پزشکی مشغول است. محصولات ما ست سرم، ست خون و "
    "لوله‌های رابط است که به بیمارستان‌های کشور فروخته می‌شود. کارخانه دارای اتاق تمیز و دستگاه تزریق پلاستیک است. "
    "استریل محصولات با گاز اتیلن اکساید در واحد خودمان انجام می‌شود."
)
TOGETHER = SCATTERED.replace("لوله‌های رابط است", "لوله‌های رابط گاز است")


def test_a_name_covered_by_words_of_different_clauses_counts_less_than_one_said_together() -> None:
    from bot.services.capabilities import load_processes
    from bot.services.search import shipped_synonyms
    from matching.capabilities import CapabilityIndex

    from .test_blind_profiles import seed_documents

    profiles = [Capability(key, makes, ("injection_moulding", "extrusion")) for key, makes in (("apart", SCATTERED), ("together", TOGETHER))]
    documents, _ = seed_documents()
    index = CapabilityIndex(documents, load_processes(), profiles, synonyms=shipped_synonyms())
    pipe = {key: next((fit.score for fit in index.opportunities(profile, limit=None) if fit.key == "OGS-006"), 0.0)
            for key, profile in zip(("apart", "together"), profiles)}
    assert pipe["apart"] < pipe["together"], pipe
    # Both directions read the clauses alike.
    suppliers = {fit.key: fit.score for fit in index.suppliers("OGS-006")}
    for key, score in pipe.items():
        assert suppliers.get(key, 0.0) == score, (key, suppliers, pipe)


def test_a_shop_naming_its_customers_sectors_is_offered_listings_of_each() -> None:
    # A CNC shop of a blind trial, "precise metal parts for carmaking and oil": «نفت» had half the pull of
    # «خودروسازی» and only car parts were offered.
    index, sector_of = _seed()
    shop = Capability("cnc", "قطعات دقیق فلزی برای خودروسازی و نفت", ("machining",))
    offered = [fit.key for fit in index.opportunities(shop, limit=5, by_processes=True)]
    assert {sector_of[key] for key in offered} >= {"automotive", "oil_gas"}, offered


def test_words_a_long_text_says_in_different_phrases_do_not_name_another_sector_s_listing() -> None:
    # The tubing of an IV set («لوله‌های رابط») and the sterilising gas («گاز اتیلن اکساید») are not «لوله نفت و گاز».
    text = (
        "شرکت ما از سال ۱۳۹۰ در زمینه تولید لوازم پزشکی یکبار مصرف فعالیت دارد. محصولات ما ست سرم، ست خون و لوله‌های "
        "رابط است که در اتاق تمیز تولید و با گاز اتیلن اکساید استریل می‌شوند. کارخانه مجهز به دستگاه تزریق پلاستیک و "
        "خط اکستروژن لوله پزشکی است و گواهینامه ایزو دارد."
    )
    index, _ = _seed()
    top = [fit.key for fit in index.opportunities(Capability("1", text, ("injection_moulding", "extrusion")), limit=3)]
    assert top[0] == "MED-008" and "OGS-006" not in top, top  # the syringe first; the oil & gas line pipe not in the top 3


def test_a_pump_casing_foundry_is_offered_the_pump_cast_like_its_casings_first() -> None:
    # Slurry pumps' casings and impellers are cast high-chrome iron: what a cast-iron pump-casing foundry makes.
    foundry = Capability("1", "بدنه پمپ و پروانه چدنی می‌ریزیم", ("casting", "machining"), "چدن خاکستری و چدن پرکروم")
    index, _ = _seed()
    assert index.opportunities(foundry, limit=1)[0].key == "MIN-009"
