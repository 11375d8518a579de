"""Messages in which a manufacturer says what it makes, told from an investor's need.

The plain-message search serves investors: «دنبال شریک برای تولید پمپ هستم» names what they want made. A
manufacturer writes the other way round: «ما قطعات چدنی ریخته‌گری می‌کنیم، پوسته پمپ و پروانه پمپ», "we are a CNC
machining shop making shafts and gears", «تولیدکننده کمک فنر هستیم». Searched as a need, such a message gets the
machines the unit would buy and is counted as an investor's unmet demand; what fits the writer is /profile and
/opportunities. :func:`speaks_as_maker` tells them apart, like :func:`matching.smalltalk.small_talk`, from the
words alone:

* a **maker's cue** is the unit speaking of its own production in the present: a first-person verb of making
  («تولید می‌کنیم», «می‌سازیم», «ریخته‌گری می‌کنیم», "we make", "we cast"), calling itself a maker («تولیدکننده …
  هستیم», "we are a foundry", "a CNC machining shop"), or its own works making something («کارخانه ما … تولید
  می‌کند», "our plant produces");
* a **need's cue** is wanting, looking for or investing («می‌خواهم», «دنبال … هستم», «قصد داریم», «سرمایه‌گذاری»,
  "looking for", "we want to invest in", "we need"). It wins: an investor's long introduction often starts with
  what their company already makes ("our company produces X and now wants to invest in Y").

Only the present tense of making counts: «می‌خواهیم تولید کنیم» (we want to produce) is a plan, a need. A maker
looking for an investor or customers («دنبال سرمایه‌گذار هستیم», "seeking buyers") is still a maker, and so is one
that has said it has its works and wants to make something with them («کارگاه تراشکاری داریم، میخوایم قطعه
بسازیم»): it is looking for work.
"""

from __future__ import annotations

import re

from .normalize import normalize

__all__ = ["names_a_company", "owns_machines", "speaks_as_maker"]


def _any(*patterns: str) -> re.Pattern[str]:
    """One pattern of alternatives over normalized text (words separated by single spaces, half-spaces too)."""
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))


# Patterns match normalized text: words apart by one space, a half-space is a space, «آ» is «ا», «ي» is «ی».
# A Persian present-tense verb of the first person, «می» joined or apart (not the plan «تولید کنیم»).
_WE_DO = r"(?:می ?(?:کنیم|کنم)|میکنیم|میکنم|انجام می ?دهیم|انجام میدیم|می ?زنیم)\b"
# Trades and ways of making, as a Persian speaker names their work before «می‌کنیم» ("we cast", "we machine").
_TRADES = (
    r"تولید|ساخت|مونتاژ|فراوری|سنتز|بسته ?بندی|تزریق|پرس|فورج|ذوب|نورد|اکستروژن|اکسترود|بافت|ریسندگی|"
    r"\w+ ?گری|(?!هم ?کاری)\w+ ?کاری|\w+ ?سازی|\w+ ?امیزی|\w+ ?بافی|\w+ ?دهی"
)
# The same in Finglish («rikhtegari», «tarashkari», «tazrigh», «ghaleb sazi»), never «hamkari» (cooperation).
_TRADES_FINGLISH = (
    r"tolid|sakht|montaj|tazrigh|pres|forj|zob|nord|ekstrozhen|baft|(?!hamkari)\w+ ?kari|\w+ ?gari|\w+ ?sazi"
)
# Where the works are, between them and «داریم»: «کارگاه CNC و آهنگری تو اصفهان داریم», «… tu esfahan darim».
_PLACE = r"(?: (?:در|تو|توی|tu|too|tooye|tuye|dar) \S+(?: \S+){0,3})?"
_OURS = r"(?: ی)? (?:ما|مان|مون)\b|(?:مان|مون)\b"
# A unit's works by name, in the three ways of writing: "our factory makes …" is a maker, «شرکت صنایع لنت پارس» a
# company introducing itself (:func:`names_a_company`).
_WORKS = r"کارخانه|کارخونه|کارگاه|کارخانجات|شرکت"
_WORKS_FINGLISH = r"karkhane|karkhaneh|karkhoone|karkhune|kargah"
_WORKS_EN = r"factory|workshop|company"
_MAKER = _any(
    # «تولید می‌کنیم», «ریخته‌گری می‌کنیم», «تزریق می‌زنیم», «مونتاژ برد الکترونیکی انجام می‌دهیم»
    rf"\b(?:{_TRADES})(?: \S+){{0,3}} {_WE_DO}",
    # «می‌سازیم», «میسازیم», «می‌سازم», «تولید داریم»
    r"\bمی ?سازیم\b|\bمی ?سازم\b|\bتولید (?:داریم|دارم)\b",
    # «تولیدکننده کمک فنر هستیم», «ما سازنده پمپ هستیم», «تولیدکننده‌ایم», «واحد تولیدی هستیم»
    r"\b(?:تولید ?کننده|سازنده|تولیدی)\b(?: \S+){0,8} (?:هستیم|هستم|ایم|ام)\b",
    # «کارخانه ما … تولید می‌کند», «شرکت‌مان … می‌سازد», «کارخونه ما کابل میسازه» (not «دوربین برای کارخانه ما»)
    rf"\b(?:{_WORKS}|واحد تولیدی|مجموعه|واحد)(?:{_OURS})(?: \S+){{0,12}} "
    rf"(?:(?:{_TRADES})(?: \S+){{0,3}} (?:می ?کند|میکنه|می کنه|انجام می ?دهد|انجام میده)|می ?سازد|می ?سازه|میسازه|{_WE_DO})",
    # Idle units offer their capacity: «ظرفیت خالی داریم», "we have spare capacity"
    r"\bظرفیت (?:خالی|ازاد|بیکار|بلااستفاده|اضافه)\b|\b(?:idle|spare|unused) (?:capacity|production capacity)\b",
    # «یک کارگاه تراشکاری داریم», «کارخانه ریخته‌گری داریم»
    rf"\b(?:کارخانه|کارگاه|کارخونه|خط تولید)(?: \S+){{0,4}}{_PLACE} (?:داریم|دارم)\b",
    # «ما یه ریخته‌گری چدن داریم», «تزریق پلاستیک داریم»: a trade the unit has (not «پیشنهاد همکاری داریم»)
    rf"(?:^|\bما |\bیه |\bیک )(?!همکاری)(?:{_TRADES})(?: \S+){{0,3}} (?:داریم|دارم)\b",
    # «قطعات پمپ میریزیم» (ریختن: to cast; not «پول میریزیم»), «قطعات فلزی میزنیم» (we press), «چدن کار میکنیم»
    r"(?<!پول )\bمی ?ریزیم\b",
    r"\b(?:قطعات|قطعه|محصولات|ورق|پلاستیک|پلاستیکی|فلزی|چدنی|الومینیومی|فولادی|لاستیکی)(?: \S+){0,4} می ?زنیم\b",
    r"\b(?:چدن|فولاد|استیل|الومینیوم|برنج|مس|پلاستیک|ورق|فلز|چوب|سنگ|شیشه|پارچه|چرم)\S* کار می ?(?:کنیم|کنم)\b",
    # Finglish, the Persian cues above in Latin letters: «tolid mikonim», «ma rikhtegari chodan mikonim»,
    # «misazim», «tolidkonande hastim», «karkhane ma», «ma rikhtegari chodan darim», «kargah tarashkari darim»,
    # «ghataat felezi mizanim», «ghataat pomp mirizim», «tolid darim»
    rf"\b(?:{_TRADES_FINGLISH})(?: \S+){{0,3}} (?:mikonim|mikonam|anjam midim|anjam midahim|mizanim)\b",
    r"\bmi ?saz(?:im|am)\b|\btolid (?:darim|daram)\b",
    r"\b(?:tolid ?konande|sazande)h?\b(?: \S+){0,8} (?:hastim|hastam|im)\b",
    rf"\b(?:{_WORKS_FINGLISH})(?: ye| e|ye)? (?:ma|mon|man)\b",
    rf"\b(?:{_WORKS_FINGLISH}|khat ?e? tolid)(?: \S+){{0,4}}{_PLACE} (?:darim|daram)\b",
    rf"(?:^|\bma |\bye |\byek )(?!hamkari)(?:{_TRADES_FINGLISH})(?: \S+){{0,3}} (?:darim|daram)\b",
    r"(?<!pool )(?<!pul )\bmi ?rizim\b",
    r"\b(?:ghataat|ghate|ghete|mahsoolat|mahsulat|varagh|plastik|plastiki|felezi|chodani|aluminiumi|fooladi|"
    r"lastiki)(?: \S+){0,4} mi ?zanim\b",
    # A maker asking what its works could make: «دیگه چی میتونیم بسازیم؟», "dige chi mitunim besazim?", "what else
    # can we make?" (a blind trial's was logged as the demand «dige mil lang darin»): /opportunities answers it.
    r"\b(?:چی|چه|چه چیزی|چه چیز|چه کالایی|چه محصولی)(?: \S+){0,2} (?:می ?تونیم|می ?توانیم|میتونیم|میتوانیم) "
    r"(?:بسازیم|تولید کنیم|بزنیم)\b",
    r"\b(?:chi|che|che chizi)(?: \S+){0,2} (?:mitunim|mitoonim|mitavanim) (?:besazim|tolid konim|bezanim)\b",
    r"\bwhat(?: else)? (?:can|could) (?:we|i|my factory|our factory|my workshop|our workshop) "
    r"(?:make|produce|manufacture|build|supply)\b",
    # English: "we make", "we also manufacture", "I machine"
    r"\b(?:we|i)(?: also| currently| already| mainly| mostly| now| do)? "
    r"(?:make|manufacture|produce|fabricate|cast|machine|forge|weld|mould|mold|assemble|extrude|stamp|build|supply)\b",
    # "we do plastic injection moulding", "we have a foundry", "we run a machining workshop"
    r"\b(?:we|i)(?: also| mainly| mostly)? do(?: \S+){0,3} (?:moulding|molding|casting|castings|machining|forging|"
    r"welding|injection|stamping|pressing|extrusion|assembly|fabrication|painting|coating|plating|turning|milling|"
    r"cnc|printing|sewing|weaving)\b",
    r"\b(?:we|i) (?:have|own|run|operate)(?: a| an| our| two| three)?(?: \S+){0,3} "
    r"(?:foundry|foundries|workshop|factory|factories|plant|production line|production lines|machine shop|mill)\b",
    # "we are a foundry", "we're a CNC machining shop", "I am a manufacturer of", "manufacturer of brake pads"
    r"\b(?:we are|we re|i am|i m|im)(?: \S+){0,5} "
    r"(?:manufacturer|manufacturers|producer|producers|maker|makers|factory|foundry|workshop|shop|plant|fabricator|"
    r"fabricators|forge|mill|supplier|suppliers)\b",
    r"\b(?:manufacturer|manufacturers|producer|producers|maker|makers) of\b",
    # "our plant produces", "our company, founded in 1995, manufactures" (not "a camera for our factory yard")
    rf"\bour (?:{_WORKS_EN}|plant|foundry|mill|production line|machine shop|firm|unit|business)(?: \S+){{0,6}} "
    r"(?:makes|manufactures|produces|casts|fabricates|supplies|machines|assembles|is making|is producing)\b",
)
# An investor's want («می‌خواهم», «دنبال … هستم», «قصد داریم», "looking for", "invest"): a need, whatever else it says.
_NEED = _any(
    r"\bمی ?(?:خواهم|خواهیم|خوام|خوایم|خواستم|خواستیم)\b|\bمیخوا(?:هم|هیم|م|یم)\b|\bخواهان\b",
    r"\b(?:دنبال|جستجوی|جستجو)\b|\bمی ?گردیم\b|\bمی ?گردم\b",
    r"\b(?:قصد|تصمیم|برنامه) (?:داریم|دارم)\b|\bقصد\b|\bعلاقه ?مند\w*|\bعلاقمند\w*",
    r"\bسرمایه ?گذاری\b|\bسرمایه (?:بگذاریم|بگذارم|بذاریم|بذارم)\b",
    r"\bنیاز (?:داریم|دارم)\b|\bنیازمند\w*|\bلازم (?:داریم|دارم)\b|\bخرید\b|\bبخریم\b|\bبخرم\b",
    r"\bچه کسی\b|\bکی\b|\bکجا\b|\bکدام\b|\bکدوم\b|\bچه شرکتی\b",
    r"\b(?:mikham|mikhaym|mikhaim|mikhahim|mikhastim|mikhastam|donbal|dombal|donbale|sarmaye ?gozari|ghasd)\b",
    r"\b(?:niaz|niyaz|lazem) (?:darim|daram|be)\b|\bkharid\b|\bche kasi\b|\bkoja\b|\bkodom\b",
    r"\blook(?:ing)? for\b|\bseek(?:ing)?\b|\bsearching\b|\bwant\b|\bwants\b|\bwanted\b|\bwould like\b|\bd like\b",
    r"\binvest\w*|\bplan(?:ning|s)? to\b|\binterested in\b|\b(?:we|i) (?:need|require)\b|\bbuy\w*|\bpurchas\w*",
    r"\bwho\b|\bwhere can\b|\bwhich (?:company|companies|factory)\b",
    # Asking how to use the bot ("how do I build my profile") or ordering ("I make an order") is not making.
    r"\bhow (?:do|can|to|should)\b|\b(?:make|place|put)(?: an| a| my)? orders?\b",
)
# A maker seeking an investor, customers or orders for its own works is not an investor: the words are not a need.
_SEEKING_WHAT_MAKERS_SEEK = _any(
    r"\b(?:به )?(?:دنبال|جستجوی)(?: یک)? (?:سرمایه ?گذار|سرمایه|مشتری|مشتریان|خریدار|سفارش|بازار|نماینده)(?! ?گذاری)\b",
    r"\b(?:looking for|seeking|searching for)(?: an| a| new| more)? "
    r"(?:investor|investors|funding|capital|customers|buyers|clients|orders|distributors)\b",
    r"\b(?:donbal|donbale)(?: ye)? (?:sarmaye ?gozar|moshtari|kharidar|sefaresh)\b",
)

# A unit that has said it has its works wanting to make something with them is a maker looking for work: «کارگاه
# تراشکاری و جوشکاری داریم، میخوایم قطعه بسازیم» (a user trial), "we have a machine shop and want to make parts". The
# want to make is no investor's need there; a want to invest or to buy in between still is (not skipped over).
_BETWEEN = r"(?: (?!سرمایه|خرید|بخر|invest|buy|sarmaye|kharid)\S+){0,5}"
_WORK_MAKERS_WANT = _any(
    rf"(?:\bمی ?(?:خواهیم|خوایم|خواهم|خوام)|\bمیخوا(?:هیم|یم|هم|م)){_BETWEEN} "
    r"(?:بسازیم|بسازم|تولید کنیم|تولید کنم|بزنیم|بزنم|بریزیم|بریزم|کار کنیم|کار کنم|انجام (?:بدیم|دهیم))\b",
    rf"\b(?:mikhaym|mikhaim|mikhahim|mikham){_BETWEEN} "
    r"(?:besazim|besazam|tolid konim|tolid konam|bezanim|bezanam|berizim|kar konim|kar konam|anjam bedim)\b",
    r"\b(?:want|would like|d like|wish|hope)(?: to)? "
    r"(?:make|produce|manufacture|build|cast|machine|fabricate|supply|work)\b",
)


# Words that make a message a line about the writer's own company (its name, its kind): «شرکت صنایع لنت پارس»,
# "Pars Brake Co.". No pronoun ("we", «ما»): "we also need brake pads" is a need, and what a company makes is told
# by :func:`speaks_as_maker`.
_COMPANY = re.compile(rf"(?:^|\s)(?:{_WORKS}|صنایع|مجتمع|گروه صنعتی|تولیدی|شرکتمون|شرکتم|"
                      rf"{_WORKS_EN}|co|corp|ltd|llc|inc|industries|"
                      rf"{_WORKS_FINGLISH}|sherkat|sanaye)(?=$|[\s.,،])", re.IGNORECASE)


def names_a_company(text: str) -> bool:
    """Whether ``text`` names a company or works by its kind («شرکت», «صنایع», "Ltd", ``karkhane``)."""
    return _COMPANY.search(normalize(text)) is not None


def speaks_as_maker(text: str) -> bool:
    """Whether ``text`` is a manufacturer saying what it makes rather than a need (see the module docstring)."""
    said = " ".join(normalize(text).split())
    if not said or not _MAKER.search(said):
        return False
    return not _NEED.search(_WORK_MAKERS_WANT.sub(" ", _SEEKING_WHAT_MAKERS_SEEK.sub(" ", said)))


# A unit saying it has machines: «۶ تا دستگاه تزریق داریم», ``6 ta dastgah tazrigh darim``, "we have 6 injection
# machines". A listing that is such a machine is the maker's own equipment, not something it could make.
# Up to five words name the machines between the noun and the verb («دستگاه CNC تراش و یک فرز داریم», "3 ta dastgah CNC
# torno va ye freze darim", a blind trial), none of them a wish to buy one ("dastgah tazrigh mikhaim bekharim").
_MACHINE_WORDS = r"(?: (?!mikh|bekhar|kharid|میخو|می خو|بخر|خرید|want|buy|need)\S+){0,5}"
_OWNS_MACHINES = _any(
    rf"\b(?:دستگاه|ماشین|ماشینالات|پرس)\S*{_MACHINE_WORDS} (?:داریم|دارم)\b",
    rf"\b(?:dastgah|dastgahe|mashin|mashinalat|machine|machines|press){_MACHINE_WORDS} (?:darim|daram)\b",
    r"\b(?:we|i) (?:have|own|run|operate)(?: \S+){0,4} (?:machines|machine|presses|lathes|machinery)\b",
)


def owns_machines(text: str) -> bool:
    """Whether a maker's ``text`` says the unit has machines (see ``_OWNS_MACHINES``)."""
    return bool(_OWNS_MACHINES.search(" ".join(normalize(text).split())))
