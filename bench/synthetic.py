"""Deterministic synthetic catalogs and query sets for the benchmarks.

A catalog of size N is the real seed catalog (``seed_data/products/*.csv``, so every target of the
matching eval exists) plus N − seed synthetic listings. Synthetic listings are built from word lists
the way a national catalog reads: a component or material (English, Persian, a real 6-digit HS
heading), a qualifier, a size or rating and an application, e.g. "Explosion-proof centrifugal pump
DN100 for refineries" / "پمپ گریز از مرکز ضد انفجار DN100 برای پالایشگاه", with aliases and an 8-digit
HS code. They share vocabulary with the seed listings on purpose (pumps, valves, brake parts,
transformers…), so the seed listings have many near neighbours at 100,000 products.

The same seed always gives the same catalog and queries.
"""

from __future__ import annotations

import csv
import io
import itertools
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from _common import ROOT

from matching import compact

SEED_PRODUCTS = ROOT / "seed_data" / "products"
EVAL = ROOT / "tests" / "matching" / "eval"
COLUMNS = (
    "code", "name_en", "name_fa", "aliases", "hs_code", "sector", "annual_import_usd", "status", "description",
    "desk", "deadline", "companies", "source",
)  # fmt: skip
DESKS = {
    "petrochemicals": "DESK-PET", "refining": "DESK-REF", "automotive": "DESK-AUT", "home_appliances": "DESK-HAP",
    "oil_gas": "DESK-OGS", "power": "DESK-PWR", "rail": "DESK-RAL", "medical": "DESK-MED",
    "electronics": "DESK-ELE", "steel": "DESK-STL", "mining": "DESK-MIN", "textiles": "DESK-TEX",
    "food_agri": "DESK-AGR", "pharma": "DESK-PHA", "machinery": "DESK-MCH",
}  # fmt: skip

# (English, Persian, HS heading, sector, abbreviation)
HEADS: tuple[tuple[str, str, str, str, str], ...] = (
    ("centrifugal pump", "پمپ گریز از مرکز", "841370", "machinery", ""),
    ("gear pump", "پمپ دنده‌ای", "841360", "machinery", ""),
    ("piston pump", "پمپ پیستونی", "841350", "machinery", ""),
    ("hydraulic pump", "پمپ هیدرولیک", "841360", "machinery", ""),
    ("slurry pump", "پمپ دوغاب", "841370", "mining", ""),
    ("dosing pump", "پمپ تزریق مواد شیمیایی", "841350", "petrochemicals", ""),
    ("ball valve", "شیر توپی", "848180", "oil_gas", ""),
    ("gate valve", "شیر کشویی", "848180", "oil_gas", ""),
    ("butterfly valve", "شیر پروانه‌ای", "848180", "refining", ""),
    ("check valve", "شیر یکطرفه", "848130", "refining", ""),
    ("safety relief valve", "شیر اطمینان", "848140", "petrochemicals", "PSV"),
    ("control valve", "شیر کنترل", "848180", "refining", ""),
    ("solenoid valve", "شیر برقی", "848180", "machinery", ""),
    ("pressure regulator", "رگولاتور فشار", "848110", "oil_gas", ""),
    ("shell and tube heat exchanger", "مبدل حرارتی پوسته و لوله", "841950", "refining", ""),
    ("plate heat exchanger", "مبدل حرارتی صفحه‌ای", "841950", "petrochemicals", "PHE"),
    ("air cooler fan", "فن ایرکولر", "841459", "refining", ""),
    ("screw compressor", "کمپرسور اسکرو", "841480", "machinery", ""),
    ("reciprocating compressor", "کمپرسور رفت و برگشتی", "841480", "oil_gas", ""),
    ("induction motor", "موتور القایی", "850152", "machinery", ""),
    ("servo motor", "سروو موتور", "850152", "machinery", ""),
    ("gearbox", "گیربکس", "848340", "machinery", ""),
    ("deep groove ball bearing", "بلبرینگ شیار عمیق", "848210", "machinery", ""),
    ("tapered roller bearing", "رولبرینگ مخروطی", "848220", "machinery", ""),
    ("mechanical seal", "آب‌بند مکانیکی", "848420", "petrochemicals", ""),
    ("spiral wound gasket", "گسکت اسپیرال", "848410", "refining", ""),
    ("hydraulic cylinder", "جک هیدرولیک", "841221", "machinery", ""),
    ("pneumatic actuator", "عملگر پنوماتیک", "841231", "petrochemicals", ""),
    ("pressure transmitter", "ترانسمیتر فشار", "902620", "petrochemicals", ""),
    ("electromagnetic flow meter", "فلومتر الکترومغناطیسی", "902610", "refining", ""),
    ("level gauge", "نشانگر سطح", "902680", "refining", ""),
    ("thermocouple", "ترموکوپل", "902519", "steel", ""),
    ("gas detector", "دتکتور گاز", "902710", "oil_gas", ""),
    ("circuit breaker", "کلید قدرت", "853620", "power", ""),
    ("contactor", "کنتاکتور", "853649", "power", ""),
    ("power cable", "کابل قدرت", "854449", "power", ""),
    ("control cable", "کابل کنترل", "854449", "electronics", ""),
    ("fiber optic cable", "کابل فیبر نوری", "854470", "electronics", ""),
    ("distribution transformer", "ترانسفورماتور توزیع", "850422", "power", ""),
    ("current transformer", "ترانسفورماتور جریان", "850431", "power", "CT"),
    ("surge arrester", "برقگیر", "853540", "power", ""),
    ("porcelain insulator", "مقره چینی", "854620", "power", ""),
    ("smart electricity meter", "کنتور برق هوشمند", "902830", "power", ""),
    ("solar panel", "پنل خورشیدی", "854143", "power", "PV"),
    ("gas turbine blade", "پره توربین گازی", "841191", "power", ""),
    ("boiler tube", "لوله بویلر", "730431", "power", ""),
    ("inverter", "اینورتر", "850440", "electronics", ""),
    ("variable frequency drive", "درایو فرکانس متغیر", "850440", "electronics", "VFD"),
    ("programmable logic controller", "کنترلر منطقی برنامه‌پذیر", "853710", "electronics", "PLC"),
    ("printed circuit board", "برد مدار چاپی", "853400", "electronics", "PCB"),
    ("lithium ion battery", "باتری لیتیوم یون", "850760", "electronics", ""),
    ("lead acid battery", "باتری سرب اسیدی", "850710", "automotive", ""),
    ("electrolytic capacitor", "خازن الکترولیتی", "853222", "electronics", ""),
    ("power relay", "رله قدرت", "853641", "electronics", ""),
    ("connector", "کانکتور", "853669", "electronics", ""),
    ("proximity sensor", "سنسور مجاورتی", "853650", "electronics", ""),
    ("LED driver", "درایور ال ای دی", "850440", "electronics", ""),
    ("microcontroller chip", "تراشه میکروکنترلر", "854231", "electronics", "MCU"),
    ("touch panel", "پنل لمسی", "852859", "electronics", "HMI"),
    ("seamless steel pipe", "لوله فولادی بدون درز", "730419", "steel", ""),
    ("welded flange", "فلنج جوشی", "730791", "oil_gas", ""),
    ("butt weld elbow", "زانویی جوشی", "730793", "oil_gas", ""),
    ("drill pipe", "لوله حفاری", "730423", "oil_gas", ""),
    ("tricone drill bit", "مته سه‌کاجی", "820713", "oil_gas", ""),
    ("wellhead assembly", "تجهیزات سرچاهی", "843143", "oil_gas", ""),
    ("sucker rod", "میله مکش", "843143", "oil_gas", ""),
    ("hydrocracking catalyst", "کاتالیست هیدروکراکینگ", "381519", "refining", ""),
    ("molecular sieve", "غربال مولکولی", "380290", "petrochemicals", ""),
    ("polyethylene granule", "گرانول پلی اتیلن", "390110", "petrochemicals", "PE"),
    ("polypropylene film", "فیلم پلی پروپیلن", "392020", "petrochemicals", "BOPP"),
    ("PVC compound", "کامپاند پی وی سی", "390421", "petrochemicals", ""),
    ("synthetic rubber", "لاستیک مصنوعی", "400219", "petrochemicals", "SBR"),
    ("carbon black", "دوده صنعتی", "280300", "petrochemicals", ""),
    ("lubricant additive", "افزودنی روغن موتور", "381121", "refining", ""),
    ("corrosion inhibitor", "بازدارنده خوردگی", "382499", "oil_gas", ""),
    ("antifoam agent", "ضد کف صنعتی", "382499", "petrochemicals", ""),
    ("fuel injector", "انژکتور سوخت", "840991", "automotive", ""),
    ("spark plug", "شمع موتور", "851110", "automotive", ""),
    ("shock absorber", "کمک فنر", "870880", "automotive", ""),
    ("engine radiator", "رادیاتور موتور", "870891", "automotive", ""),
    ("clutch disc", "دیسک کلاچ", "870893", "automotive", ""),
    ("steering rack", "جعبه فرمان", "870894", "automotive", ""),
    ("alternator", "دینام", "851150", "automotive", ""),
    ("starter motor", "استارت", "851140", "automotive", ""),
    ("brake disc", "دیسک ترمز", "870830", "automotive", ""),
    ("brake caliper", "کالیپر ترمز", "870830", "automotive", ""),
    ("headlamp", "چراغ جلو", "851220", "automotive", ""),
    ("oil filter", "فیلتر روغن", "842123", "automotive", ""),
    ("air filter", "فیلتر هوا", "842131", "automotive", ""),
    ("rail fastening clip", "پابند ریل", "730290", "rail", ""),
    ("brake block", "کفشک ترمز", "860719", "rail", ""),
    ("bogie frame", "شاسی بوژی", "860719", "rail", ""),
    ("wheelset", "چرخ و محور", "860719", "rail", ""),
    ("traction motor", "موتور کشش", "850164", "rail", ""),
    ("pantograph", "پانتوگراف", "860799", "rail", ""),
    ("coupler", "کوپلر واگن", "860730", "rail", ""),
    ("surgical glove", "دستکش جراحی", "401511", "medical", ""),
    ("syringe", "سرنگ", "901831", "medical", ""),
    ("urinary catheter", "سوند ادراری", "901839", "medical", ""),
    ("infusion set", "ست سرم", "901839", "medical", ""),
    ("hemodialysis filter", "فیلتر همودیالیز", "842129", "medical", ""),
    ("ultrasound probe", "پروب سونوگرافی", "901812", "medical", ""),
    ("patient monitor", "مانیتور علائم حیاتی", "901819", "medical", ""),
    ("hospital bed", "تخت بیمارستانی", "940290", "medical", ""),
    ("x-ray tube", "تیوب اشعه ایکس", "902230", "medical", ""),
    ("gelatin capsule shell", "پوسته کپسول ژلاتینی", "350300", "pharma", ""),
    ("blister foil", "فویل بلیستر", "760720", "pharma", ""),
    ("glass vial", "ویال شیشه‌ای", "701090", "pharma", ""),
    ("antibiotic active ingredient", "ماده موثره آنتی بیوتیک", "294110", "pharma", "API"),
    ("tablet coating", "پوشش قرص", "320890", "pharma", ""),
    ("polyester yarn", "نخ پلی استر", "540233", "textiles", ""),
    ("nonwoven fabric", "پارچه نبافته", "560311", "textiles", ""),
    ("spinning ring", "رینگ ریسندگی", "844832", "textiles", ""),
    ("loom heald frame", "قاب میل میلک بافندگی", "844839", "textiles", ""),
    ("tire cord fabric", "پارچه تایر", "590210", "textiles", ""),
    ("denim fabric", "پارچه جین", "520942", "textiles", ""),
    ("refrigerator compressor", "کمپرسور یخچال", "841430", "home_appliances", ""),
    ("washing machine motor", "موتور ماشین لباسشویی", "850140", "home_appliances", ""),
    ("thermostat", "ترموستات", "903210", "home_appliances", ""),
    ("evaporator coil", "کویل اواپراتور", "841899", "home_appliances", ""),
    ("magnetron", "مگنترون", "854071", "home_appliances", ""),
    ("dishwasher pump", "پمپ ماشین ظرفشویی", "841370", "home_appliances", ""),
    ("gas burner", "مشعل گازی", "841620", "home_appliances", ""),
    ("water heater element", "المنت آبگرمکن", "851680", "home_appliances", ""),
    ("hybrid vegetable seed", "بذر هیبرید سبزی", "120991", "food_agri", ""),
    ("feed additive", "افزودنی خوراک دام", "230990", "food_agri", ""),
    ("milking machine", "دستگاه شیردوش", "843410", "food_agri", ""),
    ("drip irrigation emitter", "قطره چکان آبیاری", "842482", "food_agri", ""),
    ("greenhouse film", "نایلون گلخانه", "392010", "food_agri", ""),
    ("aseptic packaging film", "فیلم بسته بندی اسپتیک", "392010", "food_agri", ""),
    ("graphite electrode", "الکترود گرافیتی", "854511", "steel", ""),
    ("refractory brick", "آجر نسوز", "690220", "steel", ""),
    ("ferrosilicon", "فروسیلیسیم", "720221", "steel", ""),
    ("work roll", "غلتک کاری نورد", "845530", "steel", ""),
    ("mould flux powder", "پودر ریخته گری", "382490", "steel", ""),
    ("flotation collector", "کلکتور فلوتاسیون", "382499", "mining", ""),
    ("vibrating screen", "سرند لرزان", "847410", "mining", ""),
    ("hydrocyclone", "هیدروسیکلون", "842139", "mining", ""),
    ("crusher liner", "لاینر سنگ شکن", "847490", "mining", ""),
    ("grinding ball", "گلوله آسیا", "732591", "mining", ""),
    ("conveyor belt", "تسمه نقاله", "401012", "mining", ""),
    ("CNC spindle", "اسپیندل سی ان سی", "846693", "machinery", ""),
    ("linear guide rail", "ریل راهنمای خطی", "848299", "machinery", ""),
    ("industrial robot arm", "بازوی ربات صنعتی", "847950", "machinery", ""),
    ("welding electrode", "الکترود جوشکاری", "831110", "machinery", ""),
    ("carbide cutting insert", "الماس تراشکاری", "820900", "machinery", ""),
)
# (English, Persian, the kinds of product it describes)
QUALIFIERS: tuple[tuple[str, str, str], ...] = (
    ("stainless steel", "استنلس استیل", "mech"),
    ("cast iron", "چدنی", "mech"),
    ("carbon steel", "فولاد کربنی", "mech"),
    ("bronze", "برنزی", "mech"),
    ("aluminium", "آلومینیومی", "mech"),
    ("ceramic", "سرامیکی", "mech"),
    ("galvanized", "گالوانیزه", "mech"),
    ("high pressure", "فشار قوی", "mech"),
    ("double-acting", "دوطرفه", "mech"),
    ("single-stage", "یک مرحله‌ای", "mech"),
    ("multistage", "چند مرحله‌ای", "mech"),
    ("corrosion-resistant", "مقاوم به خوردگی", "mech"),
    ("high-temperature", "دمای بالا", "mech elec"),
    ("low voltage", "فشار ضعیف", "elec"),
    ("medium voltage", "فشار متوسط", "elec"),
    ("explosion-proof", "ضد انفجار", "mech elec"),
    ("digital", "دیجیتال", "elec med"),
    ("energy-efficient", "کم مصرف", "elec mech"),
    ("water-cooled", "آب خنک", "elec mech"),
    ("air-cooled", "هوا خنک", "elec mech"),
    ("heavy-duty", "سنگین", "mech elec bulk"),
    ("compact", "کم حجم", "mech elec med"),
    ("vertical", "عمودی", "mech"),
    ("horizontal", "افقی", "mech"),
    ("automatic", "اتوماتیک", "mech elec med"),
    ("portable", "پرتابل", "elec med"),
    ("precision", "دقیق", "mech med"),
    ("reinforced", "تقویت شده", "mech bulk"),
    ("disposable", "یکبار مصرف", "med"),
    ("sterile", "استریل", "med"),
    ("food-grade", "گرید غذایی", "bulk med"),
    ("high-purity", "خلوص بالا", "bulk"),
    ("UV-stabilised", "مقاوم به اشعه فرابنفش", "bulk"),
)
# (English, Persian, the sectors whose products it uses)
APPLICATIONS: tuple[tuple[str, str, str], ...] = (
    ("refineries", "پالایشگاه", "refining oil_gas machinery petrochemicals power"),
    ("petrochemical plants", "مجتمع‌های پتروشیمی", "petrochemicals refining machinery power electronics"),
    ("power plants", "نیروگاه", "power machinery electronics steel"),
    ("cement plants", "کارخانه سیمان", "machinery mining power steel"),
    ("water treatment", "تصفیه آب", "machinery power electronics petrochemicals"),
    ("copper mines", "معادن مس", "mining machinery power steel"),
    ("metro trains", "قطار شهری", "rail electronics power machinery"),
    ("passenger cars", "خودروی سواری", "automotive electronics textiles petrochemicals"),
    ("heavy trucks", "کامیون سنگین", "automotive machinery"),
    ("city buses", "اتوبوس شهری", "automotive electronics"),
    ("hospitals", "بیمارستان", "medical electronics pharma power"),
    ("offshore platforms", "سکوهای دریایی", "oil_gas machinery power electronics"),
    ("gas pipelines", "خطوط لوله گاز", "oil_gas steel machinery"),
    ("steel mills", "کارخانه فولاد", "steel machinery mining power"),
    ("dairy plants", "کارخانه لبنیات", "food_agri machinery home_appliances"),
    ("spinning mills", "کارخانه ریسندگی", "textiles machinery"),
    ("HVAC systems", "سیستم تهویه مطبوع", "home_appliances machinery electronics"),
    ("greenhouses", "گلخانه", "food_agri petrochemicals"),
    ("laboratories", "آزمایشگاه", "medical pharma electronics"),
    ("shipyards", "کشتی سازی", "steel machinery power"),
    ("compressor stations", "ایستگاه تقویت فشار گاز", "oil_gas machinery power"),
    ("oil wells", "چاه نفت", "oil_gas"),
    ("substations", "پست برق", "power electronics"),
    ("data centres", "مرکز داده", "electronics power home_appliances"),
    ("pharmaceutical plants", "کارخانه داروسازی", "pharma machinery medical"),
    ("household appliances", "لوازم خانگی", "home_appliances electronics"),
    ("rail freight wagons", "واگن باری", "rail steel"),
)
# The kinds of qualifier that fit each sector's products.
_SECTOR_QUALIFIERS = {
    "power": "elec", "electronics": "elec", "home_appliances": "elec mech", "medical": "med", "pharma": "med bulk",
    "petrochemicals": "mech bulk", "textiles": "bulk", "food_agri": "bulk", "steel": "mech bulk",
}  # fmt: skip
# Sizes and ratings, by the kind of product they describe.
SPECS = {
    "mech": (
        "DN50",
        "DN100",
        "DN200",
        "PN16",
        "PN40",
        "class 600",
        "6 inch",
        "12 inch",
        "M12",
        "API 6D",
        "type B",
    ),
    "elec": ("10 kW", "75 kW", "250 kVA", "24 V", "400 V", "20 kV", "IP65", "series 300", "type B"),
    "med": ("size M", "5 ml", "series 300", "type B", "ISO 13485"),
    "bulk": ("grade A", "25 kg bag", "1200 mm", "series 300", "ISO 9001"),
}
STANDARDS = (
    "ISO 9001",
    "API 610",
    "API 6D",
    "IEC 60076",
    "ASTM A106",
    "EN 10204 3.1",
    "DIN 2501",
    "ASME B16.5",
)
STATUSES = ("open", "open", "open", "in_progress", "awarded", "closed")


def seed_rows() -> list[dict[str, str]]:
    """The shipped seed catalog's product rows, as the CSV has them."""
    rows: list[dict[str, str]] = []
    for path in sorted(SEED_PRODUCTS.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows += [{column: row.get(column) or "" for column in COLUMNS} for row in csv.DictReader(handle)]
    return rows


def synthetic_rows(count: int, *, seed: int = 7, avoid: set[str] | None = None) -> Iterator[dict[str, str]]:
    """``count`` synthetic products with distinct names, none spelled like a name or alias in ``avoid``.

    ``avoid`` holds compact (normalized, space-free) spellings, e.g. of the seed catalog's names.
    """
    rng = random.Random(seed)
    kinds = {sector: _SECTOR_QUALIFIERS.get(sector, "mech").split() for sector in DESKS}
    qualifiers = {
        sector: [q for q in QUALIFIERS if set(q[2].split()) & set(kinds[sector])] for sector in DESKS
    }
    applications = {sector: [a for a in APPLICATIONS if sector in a[2].split()] for sector in DESKS}
    taken = set(avoid or ())
    serial = 0
    while serial < count:
        head_en, head_fa, heading, sector, abbreviation = rng.choice(HEADS)
        qualifier = rng.choice(qualifiers[sector]) if rng.random() < 0.7 else None
        application = rng.choice(applications[sector]) if rng.random() < 0.65 else None
        spec = rng.choice(SPECS[rng.choice(kinds[sector])]) if rng.random() < 0.45 else ""
        name_en = " ".join(filter(None, [qualifier[0] if qualifier else "", head_en, spec]))
        name_fa = " ".join(filter(None, [head_fa, qualifier[1] if qualifier else "", spec]))
        if application:
            name_en += f" for {application[0]}"
            name_fa += f" برای {application[1]}"
        key = compact(name_en)
        if key in taken or compact(name_fa) in taken:
            continue
        taken.add(key)
        taken.add(compact(name_fa))
        serial += 1
        aliases = []
        if abbreviation and rng.random() < 0.8:
            aliases.append(f"{abbreviation} {spec or (application[0] if application else head_en)}")
        if qualifier and rng.random() < 0.5:
            aliases.append(f"{qualifier[0]} {head_en}")
        if application and rng.random() < 0.5:
            aliases.append(f"{head_fa} {application[1]}")
        if rng.random() < 0.3:
            aliases.append(f"{head_en} {spec}".strip() if spec else f"{head_en} {rng.choice(STANDARDS)}")
        where = application[0] if application else "industrial users"
        description = (
            f"{head_en[0].upper()}{head_en[1:]} supplied to {where}; "
            f"built and tested to {rng.choice(STANDARDS)}, "
            f"currently imported in full."
        )
        yield (
            {
                "code": f"{DESKS[sector][5:]}-S{serial:06d}",
                "name_en": name_en[0].upper() + name_en[1:],
                "name_fa": name_fa,
                "aliases": ";".join(dict.fromkeys(aliases)),
                "hs_code": heading + f"{rng.randrange(100):02d}",
                "sector": sector,
                "annual_import_usd": str(int(rng.lognormvariate(14.5, 1.4))),
                "status": rng.choice(STATUSES),
                "description": description,
                "desk": DESKS[sector] if rng.random() < 0.8 else "",
                "deadline": f"20{rng.randrange(26, 30)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
                if rng.random() < 0.3
                else "",
                "companies": "",
                "source": "synthetic (bench)",
            }
        )


def seed_spellings(rows: list[dict[str, str]]) -> set[str]:
    """Compact spellings of every name and alias of ``rows``."""
    spellings = set()
    for row in rows:
        for text in (row["name_en"], row["name_fa"], *row["aliases"].split(";")):
            if text.strip():
                spellings.add(compact(text))
    return spellings


def catalog_rows(size: int, *, seed: int = 7) -> Iterator[dict[str, str]]:
    """A catalog of ``size`` products (at least the seed catalog): the seed listings, then synthetic ones."""
    seed_catalog = seed_rows()
    yield from seed_catalog
    yield from synthetic_rows(max(0, size - len(seed_catalog)), seed=seed, avoid=seed_spellings(seed_catalog))


def chunks(rows: Iterable[dict[str, str]], size: int = 2000) -> Iterator[list[dict[str, str]]]:
    """``rows`` in lists of ``size``, so a large catalog never has to be in memory at once."""
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def csv_text(rows: Iterable[dict[str, str]]) -> str:
    """``rows`` in the products import format."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# ------------------------------------------------------------------------------------- queries


@dataclass(frozen=True, slots=True)
class Query:
    """A benchmark query; ``expected`` is the eval set's answer (None: must match nothing or unlabeled)."""

    text: str
    kind: str
    expected: str | None
    from_eval: bool  # one of tests/matching/eval's own queries, unchanged


def _eval_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


_PERSIAN_KINDS = frozenset({"fa", "fa_variant", "need_fa"})


def _vary(query: str, kind: str, turn: int) -> str:
    """Another way of asking the same thing: wrapped in a need statement, in other letters or case."""
    if kind == "hs":
        digits = "".join(ch for ch in query if ch.isdigit())
        return ("HS " + digits, digits[:4] + "." + digits[4:], "کد تعرفه " + digits)[turn % 3]
    persian = kind in _PERSIAN_KINDS
    if kind.startswith("need") or turn % 3 == 1:
        # The letters a phone's Arabic keyboard types, or a shouted English query.
        return query.replace("\u200c", " ").replace("ی", "ي").replace("ک", "ك") if persian else query.upper()
    if persian:
        return (
            f"می‌خواهم در تولید {query} سرمایه‌گذاری کنم"
            if turn % 3 == 0
            else f"دنبال شریک برای ساخت {query} هستیم"
        )
    return (
        f"looking for a partner to produce {query}"
        if turn % 3 == 0
        else f"we want to invest in {query} production"
    )


def queries(count: int = 500) -> list[Query]:
    """``count`` queries: the eval's labelled and unrelated queries, then variations of the labelled ones."""
    labelled = [
        Query(row["query"], row["kind"], row["expected"], True)
        for path in sorted(EVAL.glob("*.csv"))
        if path.name not in ("unrelated.csv", "blind_dev.csv")  # the blind set is measured by match_quality.py
        for row in _eval_rows(path)
    ]
    unrelated = [Query(row["query"], "unrelated", None, True) for row in _eval_rows(EVAL / "unrelated.csv")]
    result = [*labelled, *unrelated][:count]
    turn = 0
    while len(result) < count:
        base = labelled[(turn * 7) % len(labelled)]
        result.append(Query(_vary(base.text, base.kind, turn), base.kind, base.expected, False))
        turn += 1
    return result


def iter_sizes(text: str) -> Iterator[int]:
    """Parse ``"220,10000,100000"``."""
    for part in text.split(","):
        if part.strip():
            yield int(part.replace("_", ""))


# ------------------------------------------------------------------------------------ profiles

PROCESS_KEYS = (
    "machining", "casting", "forging", "sheet_metal", "welding", "heat_treatment", "surface_coating",
    "injection_moulding", "extrusion", "rubber_moulding", "composites", "pcb_assembly", "electrical_assembly",
    "chemical_synthesis", "pharma_manufacturing", "food_processing", "textile_processing", "glass_ceramics",
    "powder_metallurgy", "precision_instruments", "steelmaking",
)  # fmt: skip
MATERIALS = (
    "steel", "stainless steel", "cast iron", "aluminium", "copper", "brass", "polypropylene", "PVC", "rubber",
    "فولاد", "چدن", "آلومینیوم", "مس", "ورق گالوانیزه", "پلی اتیلن", "لاستیک",
)  # fmt: skip
MACHINES = (
    "CNC lathe", "CNC milling", "hydraulic press 200 t", "induction furnace", "injection moulding machine",
    "SMT line", "welding robot", "تراش CNC", "فرز", "پرس ضربه‌ای", "کوره القایی", "دستگاه تزریق", "خط رنگ",
)  # fmt: skip
_MAKES_EN = ("We make {0}", "{0} manufacturer", "Our plant produces {0} and {1}", "{0}, {1} and {2} for {3}")
_MAKES_FA = ("تولید {0}", "سازنده {0} و {1}", "ما {0} و {1} می‌سازیم", "تولیدکننده {0}، {1} و {2} برای {3}")
_INTRO = (
    "Our company was founded in 1385 in an industrial park and has {n} staff. ",
    "شرکت ما در سال ۱۳۸۵ در شهرک صنعتی تأسیس شد و {n} نفر پرسنل دارد. ",
)


def profile_rows(count: int, *, seed: int = 11) -> Iterator[dict[str, str]]:
    """``count`` synthetic manufacturer profiles saying what they make with the catalog's vocabulary.

    Each has one to three products of HEADS (English or Persian, a tenth as a long pasted introduction),
    one to three processes, materials and machines; ``processes`` is ``;``-separated as stored.
    """
    rng = random.Random(seed)
    for serial in range(1, count + 1):
        heads = rng.sample(HEADS, 3)
        persian = rng.random() < 0.5
        names = [head[1] if persian else head[0] for head in heads]
        application = rng.choice(APPLICATIONS)
        template = rng.choice(_MAKES_FA if persian else _MAKES_EN)
        makes = template.format(*names, application[1] if persian else application[0])
        if rng.random() < 0.1:
            makes = _INTRO[persian].format(n=rng.randrange(10, 400)) + makes + ". " + makes
        yield {
            "key": str(serial),
            "makes": makes,
            "processes": ";".join(rng.sample(PROCESS_KEYS, rng.randrange(1, 4))),
            "materials": "، ".join(rng.sample(MATERIALS, rng.randrange(0, 3))),
            "machines": ", ".join(rng.sample(MACHINES, rng.randrange(0, 3))),
        }
