"""Reverse matching: what a production unit can make, against the listings that ask for it.

Pure domain code, like :mod:`matching.index`. A :class:`Capability` is a manufacturer profile as the engine sees
it (free text of what the unit makes, processes from a curated list, materials, machines); a listing is the
same :class:`~matching.index.Document` the forward search indexes. :class:`CapabilityIndex` answers both
directions: the listings a unit could make (:meth:`CapabilityIndex.opportunities`) and the units that could
make a listing (:meth:`CapabilityIndex.suppliers`), each :class:`Fit` with the reasons people are shown.

How a fit is scored (0–100), for one profile and one listing:

* **makes**: how much of one of the listing's names (English, Persian or an alias) the profile's "makes" text
  covers, every word weighted by its rarity in the catalog (inverse document frequency). The text is read the
  way the forward search reads a need (:meth:`Index.catalog_words`: typing errors, Finglish, joined words,
  translations), more strictly: words that describe a unit rather than a product («کارگاه», "staff",
  «توسط», chat such as «ما … میکنیم»), words that name a process («تراشکاری», "we extrude", "heat
  treatment" in two words, but not «ماشین تراش», a machine), metals («فولادی»), the head of one of the
  unit's machines («اکسترودر» in an introduction listing the plant), machines it works "on", what it buys
  («پمپ رو میخریم», "we buy green pipe": only the clause's object) or makes its products from ('az linter
  panbe'), what it treats its products with ("sterilised with ethylene oxide gas": see _TREATMENTS), how it works
  («۵ محور», «فورج گرم», "tolerance") and acronyms read as Finglish are left out. A name
  covered only by common words counts less.
* **described**: the profile's words found in the listing's descriptions, but for what the listing is used
  for ("lathe for turning shafts"): supporting evidence.
* **process**: each of the profile's processes (given, or named in its "makes" or "machines" text) whose
  keywords the listing carries. A keyword naming a thing the process makes ("shaft") counts fully in a name
  and half in a description; one naming the process itself ("machining", as in "CNC machining centre") less.
  A profile that names at most one product word is read by its processes, which then count more. A keyword
  that is one of the unit's materials («ورق» for a press shop) names what it buys and does not count; one
  beside "machine" in a listing's name ("plastic injection machine") is equipment for the process and
  counts as the process's own name. A keyword said only as where the product sits ("in-tank fuel pump", «داخل
  باک») is not what the listing is and does not count.
* **material**: the profile's materials the listing mentions, only beside other evidence. A listing whose
  name is mostly the profile's materials is what the unit buys: its process keywords do not count. A shop that
  names no product, only processes and materials, is the exception: there its materials (not stock but speciality
  alloys, see _SPECIALITY; not its processes' own keywords) are evidence of their own in the sectors its processes serve (see _MADE_OF_POINTS), and
  in any sector for a listing of an HS chapter its processes make (see _KIN_CHAPTER).
* **part of**: a product whose part the profile names («پوسته پمپ», "pump casings", 'posteh pomp') is half a
  process keyword for each listing whose name the product heads (a pump, not a "pump seal"); the product is read
  in every sense the catalog has for it ('pomp' is «پمپ» and "pump").
* **compounds**: a word of a compound noun said in two words that the catalog writes as one («چرخ دنده», «الکترو
  موتور») counts in a listing's name only beside the other: a gear is no wheel. So does an English word said only
  before a phrase's head ("ball" of "ball valves"): a ball valve is no grinding ball.
* **sector coherence**: the profile's words and processes point to sectors (how much more often each word
  occurs in a sector's listings); a listing of a sector the profile does not point to keeps about a third of
  its score, unless the profile names it outright. An auto-parts maker is not shown pharmaceuticals. A
  profile that names no product is held instead to the sectors its processes serve, learned from the catalog
  when the index is built (the share of each sector's listings named by a process's keywords), and first to
  the sectors its one product word points to, if that word does not restate a process. A listing that
  is a machine for one of the profile's own processes (a plastic extruder for an extrusion shop) is held back
  the same way, even when the profile's words name it, if they are only its processes' own words («قطعات
  پلاستیکی تزریقی» and the injection moulding machine): a user of a process is not a maker of its machine.
* **value**: up to 4 points for a larger annual import value, which also breaks ties.

The score depends only on the profile and the catalog, never on other profiles: the two directions agree
(``p`` is among ``suppliers(listing)`` exactly when ``listing`` is among ``opportunities(p)``, same score).
Both directions compute every candidate's score at once with numpy over inverted indexes (word → name fields,
descriptions or profiles; process → listings or profiles), touching only what shares evidence, then score the
best few exactly with one plain function (:meth:`CapabilityIndex._components`) and explain only those returned.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

import numpy as np
import numpy.typing as npt

from .acronyms import ACRONYM as _ACRONYM
from .fillers import DEVICE_WORDS, FILLERS, GENERIC, PART_WORDS
from .index import Document, Index, with_bare_alef
from .lexicon import is_latin
from .normalize import normalize, tokens

ReasonKind = Literal["makes", "part", "process", "material", "machine"]

# A fit below this is not worth a manufacturer's or a desk's time.
MIN_FIT = 40.0
# A profile offered fewer listings than this is shown, after them, the best its processes alone fit (by the process
# prior learned from the catalog and the registry's units), down to this fit.
_LEAST_OFFERED = 5
_LEAST_PRIOR = 15.0
# ... and, when nothing fits it, only those its processes fit at least this share as well as the best (a tyre
# plant's conveyor belts, not every textile its tyre cord makes it look like).
_PRIOR_SHARE = 0.7
# Points, out of 100, of each kind of evidence at its strongest.
_MAKES_POINTS = 62.0
_DESCRIBED_POINTS = 18.0
_PROCESS_POINTS = 24.0
_MATERIAL_POINTS = 8.0
# A shop that names no product, only processes and materials: its materials a listing mentions (distinct words, up
# to _MOST_MATERIALS, in a sector its processes serve) are what tells the listings its processes could make from the
# many their keywords tie on ("tungsten carbide" for a sintering shop, «پروپیلن» for a fibre spinner). All of them are
# worth a little more than processes alone at their most, so they lead the tie import value would otherwise break.
_MADE_OF_POINTS = 90.0
_VALUE_POINTS = 4.0
# A listing whose name is this much (by rarity) the profile's materials is what the unit buys: its process
# keywords ("sheet", "galvanized") are not evidence that the unit makes it. Unless the unit names no product and
# the name is headed by a product of its processes that is not one of its materials: "silicone rubber insulator" of
# a shop moulding silicone rubber, "tungsten carbide insert" of a sintering shop, are what they make of what they
# buy. (A unit naming its products says what it makes; a premix beside its vitamins is then a supply.)
_BOUGHT = 0.5
# Processes counted at most (a listing is made by one or two processes; more is the same evidence again).
_MOST_PROCESSES = 2.0
_MOST_MATERIALS = 2.0
# A listing of a sector the profile does not point to keeps this share of its score; one of the sector it
# points to most keeps all of it.
_OFF_SECTOR = 0.3
# How fully a listing must be named to be shown off its sectors: the share of a name covered, to this power,
# frees it from sector coherence. A long introduction covers half of many names by chance («سیستم», «برد»).
_NAMED_POWER = 2.0
# ... and to this power when one word of the profile covers it: a single shared word («دیسک» of a disc harrow
# and a clutch disc, «تزریق» of a syringe and an injection machine, "joints" of pup joints and CV joints) is
# thin evidence of another sector, while a name that one word covers whole ("Alternator") is still named.
_ONE_WORD_POWER = 3.0
# A unit making a part of a product («پوسته پمپ», "pump casing", «بدنه شیر») could make this share of a listing
# named by the product: as evidence, like a process's keyword, and as naming its sector.
_PART_OF = 0.5
# A name covered by words of different clauses of "makes" (a long introduction's «لوله‌های رابط» in one sentence and
# «گاز اتیلن اکساید» in another cover «لوله نفت و گاز») is chance more than a name said together: beyond what one
# clause covers, the rest counts this share.
_SCATTERED = 0.5
# ... in a long introduction, of at least this many words: a short profile's clauses say one thing («خوراک مرغ …،
# کنسانتره دامی. یه خط کوچیک مکمل هم داریم»: a feed plant's supplement line).
_LONG = 30
# A process keyword found only in a listing's description counts this much.
_DESCRIBED_PROCESS = 0.5
# How sharply a profile's words pick its sectors: its share of the strongest sector's pull, to this power.
_SHARPNESS = 2.5
# A keyword that names the process itself ("machining", "CNC", «ریخته‌گری») rather than a thing made by it
# ("shaft", "valve body") is weaker evidence: in a listing's name it is as often a machine *for* the process
# ("CNC machining centre"). Strength of each kind, in a name and in a description.
_PRODUCT_WORD = (1.0, 0.5)
_PROCESS_WORD = (0.4, 0.3)
# A profile that says little of what it makes (at most one word of "makes" known to the catalog) is read by
# its processes: they count this much more.
_PROCESSES_ALONE = 1.7
# A profile that names no product is held to the sectors its processes serve: those whose share of the
# process's listings (per listing of the sector) is at least this part of the strongest sector's.
_SERVED = 0.3
# ... and when it names one product word, the sectors that word points to come first, its processes' next.
_SERVED_BESIDE = 0.5
# How much a process counts when pointing the profile to sectors, in idf units (a fairly rare word).
_PROCESS_SECTOR_WEIGHT = 3.0
# A listing of a sector none of the profile's processes is known to serve (neither the catalog's listings
# carrying their keywords nor the registry's units working that way make anything there) keeps this share of
# its score, however its words fit: "engine and gearbox oil" is a blender's, not a gearbox maker's.
_UNSERVED = 0.5
# A unit naming no product is held to the sectors its processes serve, each alike: ties of process evidence (a
# bearing, a gear and a refinery's mechanical seal all hold "shaft" or "bearing") then went to the larger import value,
# an unrelated sector's listing for about ten machining and forging shops. Its affinity to a served sector leans by up
# to this share to the sectors whose listings hold most of its processes' keywords (machining's are mostly
# machinery's): enough to order a tie, not to outweigh a keyword more (0.1–0.2 gave the same; 0.25 lost hits).
_LEAN = 0.15
# A shop naming no product, only processes and materials, makes the kinds of things its processes' keywords name:
# the HS chapters (first two digits) of which they name at least this share of the catalog's listings by a product
# word (chemicals 28, 29, 38 for a chemical works; not machines, 84, which every metalworking process names a few
# of). A listing of such a chapter mentioning its materials (see _MADE_OF_POINTS) is evidence in any sector, and
# named outright to the share of its materials it mentions: a works reacting carbon disulfide with isobutyl and
# amyl alcohol is offered the xanthate flotation collector mines buy, though no keyword of chemical synthesis is
# a mining word.
_KIN_CHAPTER = 1.0 / 3.0
# A registry unit makes for the sectors its products' words pull at least this share of its strongest one.
_UNIT_SECTOR = 0.5
# A matched word below this similarity is a guess, not evidence of what the unit makes.
_LEAST_SIMILARITY = 0.85
# A Persian word of at most this many letters that the catalog lacks is not read as a typo of another.
_SHORT_PERSIAN = 4
# Scores are compared and shown rounded: both directions then agree exactly.
_DIGITS = 3

# Words of a profile that say how the unit works, not what it makes: rare in the catalog, so they would weigh much.
_PROFILE_FILLERS = frozenset(
    normalize(word)
    for word in """
    unit units workshop shop plant plants line lines people staff workers employees shift shifts capacity tons tonnes
    ton year years month months per day daily annual annually including include includes order orders custom
    customer customers client clients service services job jobs work works any assembly experience experienced years idle
    since closed stopped used previously formerly before now currently still ready available quality standard
    standards certified certificate ready
    واحد واحدهای کارگاه کارخانه کارخانه‌ای خط خطوط نفر نفره پرسنل کارگر کارگران شیفت ظرفیت تن سال سالی سالانه
    ماه ماهانه روز روزانه شامل سفارش سفارشی سفارشات مشتری مشتریان خدمات کار کارهای تجربه سابقه تعطیل تعطیله
    خوابیده خواب قبلا مونتاژ صنعتی قبلاً الان هنوز سالم سالمه آماده موجود کیفیت استاندارد گواهی داریم داشتیم میکردیم میسازیم
    میزنیم انجام میدهیم میدیم بوده هستیم قبول میکنیم ای کاری
    vahed karkhane karkhaneh kargah nafar sal sali tolid tolidi mikonim misazim darim anjam khadamat sefareshi
    """.split()
)
# A long introduction's function words and talk about the company («توسط», «شده», "founded", "over"): rare in
# the catalog's short texts, so they weigh much and point at whichever sector's description happens to hold them.
_PROFILE_FILLERS |= frozenset(
    normalize(word)
    for word in """
    founded established since over more than about less nearly almost around approximately both also well
    supply supplies supplied deliver delivered delivering makers maker producer producers manufacturer
    manufacturers manufacture manufacturing make makes made produce produces produced production own design
    designed designing installed install team company companies firm group engineers engineering plus
    توسط تحت بیش بیشتر کمتر حدود صورت طریق جمله همچنین نیز سایر انواع نوع مختلف تمام همه برخی بعضی
    شده شود شد شدند میشود میشوند کرده کردهایم کردیم ایم اند است بود بودیم بودند باشد هست هستند دادهایم داده
    یک دو سه چهار پنج شش هفت هشت نه ده صد هزار میلیون اول دوم بار نیمه مقیاس خودمان خود ما تیم تاسیس
    فعالیت تاکنون تحویل طراحی اجرای اجرا نصب فعلی توسعه شهرک اقدام کل دانشبنیان دانش بنیان
    """.split()
)
# How people talk about their shop in chat («ما … میکنیم», «… هم داریم», «رو میزنیم», «تا ۳ تن»): verbs,
# pronouns and colloquial endings are in some listing's description by chance and would point anywhere.
_PROFILE_FILLERS |= frozenset(
    normalize(word)
    for word in """
    ما مون مان خودمون خودمان خودم من ایشان شما هم هم‌چنین رو را که تا از به در با برای یا هر چند چندتا
    کم زیاد بیرون داخل متوسط بالا پایین خیلی حتی فقط دیگه دیگر کمی نمونه نقشه طبق مطابق سری آزمایشی تیراژ
    میکنیم می‌کنیم میکنن میکنند میکردیم می‌کردیم کنیم کردیم کار کارمزدی داریم دارن دارند داره میدیم می‌دهیم میدهیم
    میزنیم می‌زنیم میسازیم می‌سازیم میسازن میریزیم می‌ریزیم میتونیم می‌توانیم میتوانیم بلدیم هستیم هست هستش
    میخریم می‌خریم بزنیم بسازیم ریختیم ساختیم زدیم دادیم بدیم انجام اونم اینم اینا اونا
    midim mizanim mitunim mirizim hastim ham ta ba baraye az dar va ya sale saal hanuz hast dashtim mizadim
    misakhtim mikardim khabide khabideh tatil
    shode shodeh shodan dade dadeh
    iso iatf gmp haccp class""".split()
)
# Numbers said in words, as the Persian ones above («یک», «سه», «تک» of «تکفاز» aside): "three-phase", 'se faz' and
# «سه فاز» are one profile in three languages, and only the Persian one had its number left out.
_PROFILE_FILLERS |= frozenset(
    """one two three four five six seven eight nine ten twelve twenty hundred thousand million single double triple
    yek se chahar char panj shesh shish haft hasht noh dah sad hezar tak""".split()
)
# How a shop describes the way it works, not what it makes («۵ محور», «مواد سخت تراش», «تلرانس بالا», «فورج گرم»,
# «از روی نقشه», «روکش کاری تعمیری», "0201 capable", "send us your BOM"): in some listing's name by chance.
# («روی» as zinc is a metal, which names no product either.)
_PROFILE_FILLERS |= frozenset(
    normalize(word)
    for word in """
    محور محوره سخت دقیق دقت روش وزن کیلو کیلویی کیلوگرم تلرانس پیچیده گرم روی تعمیر تعمیری تعمیرات مثل بعد قبل
    axis axes tolerance tolerances precision precise complex hard weight kg contract capable send repair repairs
    mehvar daghigh sakht""".split()
)
# Metals named in what a unit makes («قطعات چدنی و فولادی», "steel and galvanized"): what its products are made
# of, not a product. They name no listing and point to no sector: a foundry's «فولادی» is not an offer of
# grain-oriented electrical steel. (Plastics and rubber are left out: a plastic extruder, a tyre.)
_MATERIAL_WORDS = frozenset(
    normalize(word)
    for word in """
    steel steels iron stainless aluminium aluminum copper brass bronze zinc nickel chrome chromium titanium
    galvanized galvanised galvanize metal metallic alloy alloyed cobalt superalloy superalloys inconel molybdenum
    کبالت سوپرآلیاژ سوپرالیاژ اینکونل مولیبدن
    فولاد فولادی چدن چدنی آهن آهنی استیل استیلی آلومینیوم آلومینیومی آلومینیم مس مسی برنجی برنز برنزی
    سربی نیکل کروم کرومی تیتانیوم گالوانیزه فلز فلزی آلیاژ آلیاژی
    foolad fooladi folad chodan chodani ahan ahani estil alominiom mes berenj boronz
    felez felezi galvanize""".split()
)
# Speciality alloys are bought for what they go into (titanium and cobalt-chrome for implants, superalloys for a
# turbine's hot section), while steel, iron, aluminium and copper go into everything: a shop naming no product that
# works one says what it makes, as a plastic or a fibre does (see _MADE_OF_POINTS), though it is stock too.
_SPECIALITY = frozenset(
    normalize(word)
    for word in "titanium superalloy superalloys inconel cobalt تیتانیوم تیتانیومی سوپرآلیاژ سوپرالیاژ اینکونل کبالت".split()
)
SHOP_MATERIALS: tuple[str, ...] = tuple(sorted(_MATERIAL_WORDS))
"""The material words :func:`read_shop` reads, in a fixed order (the bot packs a shop's into a button as a bit set)."""
# The head of a name that is stock rather than a product: a metal, or the sheet and coil it comes in («ورق هسته
# ترانسفورماتور», "transformer core steel", "varagh trans").
_STOCK = _MATERIAL_WORDS | frozenset(normalize(word) for word in "sheet sheets coil coils ورق کلاف varagh".split())
# Keywords that name a way of working (a gerund, a trade) rather than a thing made by it (a participle, a
# part): "machining" in a listing's name is a machine for it ("CNC machining centre"), "machined" a part made so.
# A profile's text naming one of them ("تراشکاری", "CNC") says the unit works that way.
_NAMING = frozenset(
    normalize(keyword)
    for keyword in """
    machining|turning|milling|CNC|تراشکاری|ماشین‌کاری|فرزکاری|سی ان سی|تراش|فرز|casting|foundry|ریخته‌گری|ریخته گری|ذوب|
    forging|فورج|آهنگری|stamping|ورق‌کاری|پرس‌کاری|قالب‌زنی|welding|fabrication|جوشکاری|heat treatment|
    induction hardening|quenching|عملیات حرارتی|سخت‌کاری|سختکاری|coating|plating|powder coating|آبکاری|رنگ‌آمیزی|
    تزریق پلاستیک|extrusion|اکستروژن|spinning|weaving|dyeing|ریسندگی|بافندگی|رنگرزی|powder metallurgy|متالورژی پودر|
    تف‌جوشی|processing|فرآوری|synthesis|سنتز|formulation|SMT|winding|سیم‌پیچی|
    injection moulding|injection molding|moulding|molding|press brake|press break|
    tarashkari|tarash kari|machinkari|frezkari|rikhtegari|rikhte gari|forj|ahangari|varaghkari|pereskari|press kari|
    joshkari|josh kari|abkari|tazrigh|ekstrozhen|sim pichi|varagh kari|jooshkari|soldering|reflow|برش|borsh|boresh|
    ریخته‌گری تحت فشار|ریخته گری تحت فشار|ریخته‌گری دقیق|ریخته گری دقیق|die casting|investment casting|
    قالب‌سازی|قالب سازی|ابزارسازی|mould making|mold making|toolmaking|ghalebsazi|ghaleb sazi""".replace("\n", "").split("|")
)
# One word each, also as typed joined («ورقکاری» for «ورق‌کاری»).
_NAMING_WORDS = frozenset(keyword.replace(" ", "") for keyword in _NAMING)


# English verbs of a process, whole words only ("extrude", not "extruder", which is a machine one makes; "temper"
# as in "quench & temper", not "temperature").
_NAMING_VERBS = frozenset("extrude extrudes extruding quench temper tempers".split())
_NAMING_PHRASES = tuple(tuple(keyword.split()) for keyword in _NAMING if " " in keyword)


def _naming_phrase_words(
    said: Sequence[str], readings: dict[str, frozenset[str]] | None = None, finglish: frozenset[str] = frozenset()
) -> frozenset[str]:
    """The words of ``said`` that are part of a process name of several words written out in it. Where one of
    them is Finglish (in ``finglish``), each Latin word also stands for its ``readings`` in Persian: 'tazrigh
    plastic' is «تزریق پلاستیک», as the Persian profile says it (English keeps its own order: "plastic injection")."""
    found: set[str] = set()
    readings = readings or {}
    for phrase in _NAMING_PHRASES:
        size = len(phrase)
        for start in range(len(said) - size + 1):
            window = said[start : start + size]
            if tuple(window) == phrase or (
                set(window) & finglish
                and all(word == wanted or wanted in readings.get(word, ()) for word, wanted in zip(window, phrase))
            ):
                found.update(window)
    return frozenset(found)


# Words naming a part of a product: Persian puts the product after («پوسته پمپ»), English before ("pump casing")
# or after "of"/"for" ("casings for pumps").
_PART_NOUNS = frozenset(
    normalize(word)
    for word in """
    casing casings housing housings impeller impellers body bodies shell shells blade blades liner liners
    پوسته بدنه پروانه پره لاینر""".split()
)


def _parts_of(said: Sequence[str], finglish: frozenset[int] = frozenset()) -> list[tuple[str, str]]:
    """(part, product) for each part of a product a text (normalized words) names: «پوسته پمپ» → («پوسته»,
    «پمپ»), "pump casing" → ("casing", "pump"); at the positions in ``finglish``, a part read from Finglish and
    written in Persian, whose product follows in Finglish ('posteh pomp')."""
    found: list[tuple[str, str]] = []
    for at, word in enumerate(said):
        if word not in _PART_NOUNS:
            continue
        if is_latin(word):
            if at + 2 < len(said) and said[at + 1] in ("of", "for"):
                found.append((word, said[at + 2]))
            elif at > 0 and is_latin(said[at - 1]) and said[at - 1] not in _PART_NOUNS:
                found.append((word, said[at - 1]))
        elif at + 1 < len(said) and (at in finglish or not is_latin(said[at + 1])) and said[at + 1] not in _PART_NOUNS:
            found.append((word, said[at + 1]))
    return [
        (part, product)
        for part, product in found
        if len(product) > 1
        and not product.isdigit()
        and not {product} & (_PROFILE_FILLERS | FILLERS | GENERIC | _MATERIAL_WORDS | _PART_NOUNS)
    ]


# Each part noun's name in English and in Persian, for a reason said in the reader's language.
_PART_NAMES: dict[str, tuple[str, str]] = {
    normalize(said): (english, persian)
    for names, english, persian in (
        ("casing casings پوسته", "casing", "پوسته"),
        ("housing housings", "housing", "پوسته"),
        ("shell shells", "shell", "پوسته"),
        ("body bodies بدنه", "body", "بدنه"),
        ("impeller impellers پروانه", "impeller", "پروانه"),
        ("blade blades پره", "blade", "پره"),
        ("liner liners لاینر", "liner", "لاینر"),
    )
    for said in names.split()
}
# Processes that shape a part (rather than finish one): what makes a part when no process names it.
_SHAPING = ("casting", "forging", "sheet_metal", "injection_moulding", "rubber_moulding", "composites", "powder_metallurgy",
            "extrusion", "machining", "welding")


# What Persian joins to a word with a zero-width non-joiner that is no word of a compound: plurals, the
# relative «ای», comparatives, the verbal prefix «می».
_AFFIXES = frozenset(normalize(word) for word in "ای ها های هایی ی تر ترین اش شان می نمی ام ات".split())


def _joined_pairs(text: str) -> Iterable[tuple[str, str]]:
    """The adjacent words a text writes as one, with a zero-width non-joiner («چرخ‌دنده», «آب‌بند»): a compound
    noun, whose words alone name other things."""
    for joined in re.findall(r"\S*\u200c\S*", text):
        parts = [tokens(normalize(part)) for part in joined.split("\u200c")]
        words = [part[0] if len(part) == 1 else "" for part in parts]
        for first, second in zip(words, words[1:]):
            if first and second and first not in _AFFIXES and second not in _AFFIXES:
                yield first, second


def _stock_items(materials: str) -> frozenset[str]:
    """The words of a list of materials in items that name stock ("cold-rolled sheet up to 3 mm", «ورق روغنی»,
    «میلگرد فولاد آلیاژی»): how the stock comes (rolled, oiled, its size), not a material of its own."""
    found: set[str] = set()
    for item in re.split(r"[,،;؛/\n]+|\s+(?:and|va|و)\s+", materials):
        said = tokens(normalize(item))
        if set(said) & _STOCK:
            found.update(said)
    return frozenset(found)


def _machine_heads(machines: str, english: Callable[[str], bool]) -> frozenset[str]:
    """The words naming a machine in a list of machines: each item's head noun, the first word of a Persian
    item («وان گالوانیزه گرم», «تست پمپ»), or a Latin item of one word ("extruder"). A Latin item of several
    is English, head last ("cable extruder"), when ``english`` says all its words are; otherwise it may be
    Finglish, head first ("extruder kabl"), or English with a word the catalog lacks ("hose crimper"): its
    object may be the product, so none of its words is taken."""
    heads: set[str] = set()
    for item in re.split(r"[,،;؛/\n]+|\s+(?:and|va|و)\s+", machines):
        said = [word for word in tokens(normalize(item)) if not word.isdigit() and word not in _PROFILE_FILLERS]
        if not said:
            continue
        if len(said) == 1 or not is_latin(said[0]):
            heads.add(said[0])
        elif all(is_latin(word) and english(word) for word in said):
            heads.add(said[-1])
    return frozenset(heads)


# A clause saying what a listing is used to make ("lathe for turning shafts", "steel used to build transformer
# cores", «برای تراشکاری شفت», «برای ساخت هسته»): the rest of the clause is its buyers' work, not what it is.
_PURPOSE = re.compile(
    r"\b(?:for\s+\w+ing|used\s+(?:to|for|in))\b.*?(?=[.;,،؛]|$)"
    r"|(?:برای|جهت)\s+(?:ساخت|تولید|\S*کاری)(?:\s.*?)?(?=[.;,،؛]|$)",
    re.IGNORECASE,
)


# "parts for the automotive and oil industries", «قطعات برای خودروسازی و نفت»: the sectors a unit names after "for"
# are its customers, each as much as the others (see CapabilityIndex._sector_named).
_DESTINATION = re.compile(r"\b(?:for|baraye)\s+([^.;,،؛]*)|(?:برای|جهت)\s+([^.;,،؛]*)", re.IGNORECASE)


def _destined(makes: str) -> frozenset[str]:
    """The words of "makes" said after "for" (see _DESTINATION)."""
    said = (found.group(1) or found.group(2) for found in _DESTINATION.finditer(makes))
    return frozenset(word for clause in said for word in tokens(normalize(clause)))


def _without_purpose(description: str) -> str:
    """A listing's description without the clauses saying what it is used for (see _PURPOSE)."""
    return _PURPOSE.sub(" ", description)


# Words saying where a product sits, not what it is: the "tank" of an "in-tank fuel pump" («پمپ بنزین داخل باک»)
# is where the pump goes; nobody welds a tank to make it.
_LOCATIVES = frozenset(normalize(word) for word in "in inside into داخل درون".split())


def _located(text: str) -> frozenset[str]:
    """The words of a listing's text (normalized) that it says only after a locative ("in-tank", «داخل باک»)."""
    said = tokens(normalize(text))
    after = {word for before, word in zip(said, said[1:]) if before in _LOCATIVES}
    if not after:
        return frozenset()
    elsewhere = {word for at, word in enumerate(said) if at == 0 or said[at - 1] not in _LOCATIVES}
    return frozenset(after - elsewhere)


# Counts joined to a noun («سه‌سیلندر», «تک‌فاز»): the noun keeps its sense.
_COUNTS = frozenset(normalize(word) for word in "یک دو سه چهار پنج شش هفت هشت نه ده صد هزار تک چند".split())


def _joined_only(text: str) -> frozenset[str]:
    """The words a text (a listing's name or description) says only inside a compound it writes joined with a
    zero-width non-joiner or, in Persian, a hyphen: the «ظرف» (container) of «ماشین ظرف‌شویی» (a dishwasher) is no
    container, the «پوسته» (housing) of «مبدل‌های پوسته-لوله» (shell-and-tube exchangers) no housing. A word joined
    only to an affix («لوله‌های», tubes) is said on its own; an English hyphen joins a modifier that keeps its sense
    (a "die-cast" housing is cast), and so does a count (a «سه‌سیلندر», three-cylinder, pump has cylinders)."""
    inside: set[str] = set()
    alone: set[str] = set()
    for chunk in text.split():
        parts = [word for part in re.split(r"\u200c|(?<=[^\x00-\x7f])-(?=[^\x00-\x7f])", chunk) for word in tokens(normalize(part))]
        words = [word for word in parts if word not in _AFFIXES and word not in _COUNTS and not word.isdigit()]
        (inside if len(words) > 1 and len(parts) > 1 and not any(is_latin(word) for word in words) else alone).update(words)
    return frozenset(inside - alone)


# What ends a clause of a profile's "makes" (see _SCATTERED); «و» and "and" join words of one clause.
_CLAUSES = re.compile(r"[.;,،؛:!?؟\n]+")
# Clauses and what "and" joins in them: a long text's «لوله‌های رابط … و با گاز اتیلن اکساید استریل می‌شوند» says no
# «لوله نفت و گاز».
_PHRASES = re.compile(r"[.;,،؛:!?؟\n]+|\s(?:and|va|و)\s", re.IGNORECASE)
# An English phrase of "makes" whose last word is its head noun: cut at punctuation, "/", "and", and "for"/"of" (what
# follows names a use or a customer, "additive blends for PE").
_MODIFIED = re.compile(r"[.;,،؛:!?؟\n()/]+|\s(?:and|or|for|of|with|to|in|&)\s", re.IGNORECASE)


# "shafts on CNC lathes", «با دستگاه تراش»: what follows names the machines a unit works on, not its products.
_WORKED_ON = re.compile(r"\b(?:on|using)\s+([^.;,،؛]*)|(?:با|روی)\s+(?:دستگاه|ماشین)[^.;,،؛]*", re.IGNORECASE)


def _worked_on(makes: str) -> frozenset[str]:
    """The words of ``makes`` naming machines the unit works on (see _WORKED_ON)."""
    return frozenset(word for match in _WORKED_ON.finditer(makes) for word in tokens(normalize(match.group(0))))


# "sterilised with ethylene oxide gas", «با گاز اتیلن اکساید استریل میشود», "coated with zinc": in a clause naming a
# treatment of the unit's products, what follows "with" is the agent it treats them with (a sterilant, a coating), a
# supply it uses up, not a product: a syringe maker sterilising with ethylene oxide makes no ethylene oxide catalyst.
_TREATMENTS = frozenset(
    normalize(word)
    for word in """sterile sterilised sterilized sterilise sterilize sterilisation sterilization coated plated treated
    استریل استریلیزه استریلایز استریلیزاسیون steril sterilize""".split()
)
_WITH = frozenset(normalize(word) for word in "with using با ba".split())


def _treated_with(makes: str) -> frozenset[str]:
    """The words of ``makes`` naming what its products are treated with (see _TREATMENTS), but for those it also
    says elsewhere ("gas valves ... sterilised with gas" still names gas valves)."""
    found: set[str] = set()
    elsewhere: set[str] = set()
    for clause in _CLAUSES.split(makes):
        said = tokens(normalize(clause))
        at = next((at for at, word in enumerate(said) if word in _WITH), None) if _TREATMENTS.intersection(said) else None
        if at is None:
            elsewhere.update(said)
            continue
        elsewhere.update(said[:at])
        found.update(word for word in said[at + 1 :] if word not in _TREATMENTS)
    return frozenset(found - elsewhere)


# What the unit buys or uses up («الکتروموتور و پمپ رو میخریم», "we buy in the motors", «مواد اولیه: لینتر
# پنبه», "raw material cotton linter"): its words are supplies. Matched on normalized text. A Persian (or
# Finglish) verb ends its object, an English verb or a heading («مواد اولیه», "raw material") starts it; either
# way the object ends with its clause: "casing and tubing: we buy green pipe, quench it, cut connections" buys
# only the green pipe.
_BUYS_AFTER = re.compile(
    r"(?:^|\s)(?:buy|buys|bought|purchase|purchased|مواد اولیه|ماده اولیه|mavad avalie|mavade avalie"
    r"|raw materials?|feedstock)(?:\s|$)"
)
# What a product is made from ("tolid mikonim az linter panbe", «میسازیم از ورق», "made from recycled PET"): the
# rest of the clause names the raw material.
_MADE_FROM = re.compile(
    r"(?:^|\s)(?:tolid mikonim|misazim|mizanim|تولید میکنیم|میسازیم|made|produced|manufactured|make|makes|produce)"
    r"\s+(?:az|از|from|out of)(?:\s|$)"
)
_BUYS_BEFORE = re.compile(r"(?:^|\s)(?:میخریم|می خریم|میخریدیم|می خریدیم|خریداری|mikharim|kharidari)(?:\s|$)")


def _bought_in(makes: str) -> frozenset[str]:
    """The words of ``makes`` that name what the unit buys (see _BUYS_AFTER): a clause's words after an English
    verb or a heading, or before a Persian verb."""
    bought: set[str] = set()
    for clause in re.split(r"[.;,،؛\n]+", makes):
        said = normalize(clause)
        for heading in (_BUYS_AFTER, _MADE_FROM):
            after = heading.search(said)
            if after is not None:
                bought.update(tokens(said[after.end() :]))
        # A heading before the object ("pipes: pumps we buy") is not bought.
        tail = normalize(clause.rsplit(":", 1)[-1])
        before = _BUYS_BEFORE.search(tail)
        if before is not None:
            bought.update(tokens(tail[: before.end()]))
    return frozenset(bought)


_MACHINE_HEADS = DEVICE_WORDS | {normalize("ماشین")}


def _machine_names(said: Sequence[str]) -> frozenset[str]:
    """Process words of a text (normalized words) that name a machine with "machine" beside them («ماشین تراش»,
    "milling machines"): a machine-tool maker's products, not how it works."""
    found: set[str] = set()
    for at, word in enumerate(said):
        if not (_is_naming(word) or word in _NAMING_WORDS):
            continue
        before = said[at - 1] if at > 0 else ""
        after = said[at + 1] if at + 1 < len(said) else ""
        if is_latin(word) and is_latin(after) and after in _MACHINE_HEADS:
            found.add(word)
        elif not is_latin(word) and not is_latin(before) and before in _MACHINE_HEADS:
            found.add(word)
    return frozenset(found)


def _is_naming(word: str) -> bool:
    """Whether a profile's word names a way of working («تراشکاری», "welding"): a process, not a product."""
    return word in _NAMING_WORDS or word in _NAMING_VERBS or any(word.startswith(name) for name in _NAMING_WORDS if len(name) >= 4)


# Cross-script matches of an English word from this similarity on are Finglish guesses, not translations.
_TRANSLATION_AT_MOST = 0.9

_FloatArray = npt.NDArray[np.float64]
_IntArray = npt.NDArray[np.int64]
_BoolArray = npt.NDArray[np.bool_]
_NONE: _IntArray = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True, slots=True)
class Process:
    """One entry of the curated process list (``seed_data/processes.csv``): its ``keywords`` are words a listing
    made by this process tends to carry, in either language."""

    key: str
    name_en: str
    name_fa: str
    keywords: tuple[str, ...]
    # Words a listing uses to say it is made another way ("seamless" of a tube: not welded). A listing saying one
    # is not evidence for the process whatever keyword it carries ("heat exchanger" of a seamless exchanger tube).
    excluded_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Capability:
    """A manufacturer profile as the engine reads it; ``key`` identifies it to the caller (the profile id)."""

    key: str
    makes: str
    processes: tuple[str, ...] = ()
    materials: str = ""
    machines: str = ""
    # Sectors its certifications vouch for (IATF 16949: automotive, GMP: pharma), as the listings' sector field
    # names them: a quality system audited for one industry's customers is evidence of who they are.
    sectors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a listing fits a capability, for people: ``kind`` says which part of the profile, ``profile_text`` the
    words or process key of the profile, ``listing_text`` what the listing says that agrees.

    ``listing_en`` and ``listing_fa`` are that evidence as the listing says it in English and in Persian (a
    name, or the process keyword it carries in that language), empty when it has no word for it there: a
    reader is quoted the listing in their own language, never «shaft» inside a Persian sentence.

    A "part" reason says the unit makes a part of the listing's product, not the product: ``profile_text`` is the
    profile's phrase («پوسته پمپ», "pump casings"), ``process`` the process of the unit that makes such a part.
    """

    kind: ReasonKind
    profile_text: str
    listing_text: str
    listing_en: str = ""
    listing_fa: str = ""
    # A "part" reason (the unit makes a part of the listing's product, «پوسته پمپ» of a pump): which of the unit's
    # processes makes that part ("casting"; empty if none says), and the part's name in English and Persian.
    process: str = ""
    part_en: str = ""
    part_fa: str = ""
    # ``profile_text`` is Persian typed in Latin letters («mize boresh»): the reader of neither language is quoted
    # it (inside a Persian sentence it reads backwards, and it is no English), so the reason is said without it.
    finglish: bool = False
    # A "makes" reason whose profile words name one of the listing's names or aliases whole (its head and every
    # qualifier): only then may it be said that the unit makes this very product. A word that only qualifies
    # another head ("shaft" of "pump shaft seal") or a head without its qualifiers ("shaft" of "drive shaft") is
    # said as a word the listing's name holds, no more.
    named: bool = True


@dataclass(frozen=True, slots=True)
class Fit:
    """A listing that a capability could make (or the reverse): ``key`` is the other side's key, ``score`` 0–100."""

    key: str
    score: float
    reasons: tuple[Reason, ...]
    # Offered by the unit's processes alone, to a profile that little else fits (see CapabilityIndex.opportunities):
    # a suggestion below MIN_FIT, never a supplier a desk is shown.
    by_processes: bool = False


@dataclass(frozen=True, slots=True)
class _Profile:
    """A capability read against the catalog: what the scoring needs, computed once."""

    capability: Capability
    words: dict[int, float]  # term id → weight (rarity × similarity) from "makes"
    sources: dict[int, str]  # term id → the profile's word that matched it
    processes: tuple[int, ...]  # indexes into CapabilityIndex._processes, given or read from the texts
    inferred: dict[int, tuple[ReasonKind, str]]  # process read from the texts → (which text, the word)
    materials: dict[int, str]  # term id → the profile's material word
    materials_weight: dict[int, float]  # term id → its rarity
    affinity: tuple[float, ...]  # per sector, 0–1 (1: the sector the profile points to most)
    alone: bool  # the profile names at most one thing the catalog knows: its processes say what it can make
    supplied: frozenset[tuple[int, str]]  # (process, keyword) naming one of the profile's materials: not evidence
    parts_of: frozenset[int]  # term ids of products whose parts the profile makes (see _PART_OF)
    plausible: tuple[float, ...]  # per sector, 1 if one of its processes serves it, else _UNSERVED
    # term id → the terms a name must also hold for it to count: the other word of a compound noun said in two
    # («چرخ دنده», a gear: «چرخ» alone is a wheel).
    compound: dict[int, frozenset[int]]
    # Terms of a product said only with one of its parts ("pump" of "pump casings"): they count in a name headed by
    # the product (a pump), not in one they qualify (a "pump seal", which has no casing to make).
    headed: frozenset[int] = frozenset()
    # Product term → (the part as said, the product as said): «پمپ» → ("casings", "pump") for "pump casings".
    part_names: dict[int, tuple[str, str]] = field(default_factory=dict)
    # Terms of the stock the profile names (a metal, a sheet, in any language): a name headed by one counts only then.
    stock: frozenset[int] = frozenset()
    # Terms of "makes" that are words of its own processes («تزریق», «پلاستیک» of an injection moulder): in the name
    # of a machine for one of those processes («دستگاه تزریق پلاستیک») they name the process the machine runs, not
    # a machine the unit builds (a lathe maker's "lathe" is no word of machining's).
    restating: frozenset[int] = frozenset()
    served: tuple[float, ...] = ()  # per sector, 1 if one of its processes is known to serve it, else 0
    # Its material words that say what it makes when it names no product (see _MADE_OF_POINTS): not stock (a metal,
    # sheet), nor a keyword of its own processes (a rubber moulder's "rubber" is what it buys, not its product's).
    made_of: frozenset[str] = frozenset()
    # Term → the clauses of "makes" that say it (see _SCATTERED); empty when "makes" is one clause.
    clauses: dict[int, frozenset[int]] = field(default_factory=dict)
    # Sectors it names as its customers ("for the oil industry"; see _DESTINATION).
    customers: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class _Components:
    makes: float
    makes_field: int  # the best-covered name field, −1 if none
    described: float
    processes: tuple[tuple[int, float, str], ...]  # (process, strength, keyword)
    materials: tuple[tuple[int, str], ...]  # (term id, profile word)
    coherence: float
    part: float  # _PART_OF if a name of the listing is a product whose parts the profile makes
    kin: float = 0.0  # the share of its materials a listing of a chapter its processes make mentions (see _KIN_CHAPTER)


class CapabilityIndex:
    """The listings and the capabilities, indexed both ways; immutable once built (but for a cache of
    materials' mentions, filled on demand), so one index answers every thread.

    Build it again when listings or profiles change (the bot's service layer does so when it sees a change).
    """

    def __init__(
        self,
        listings: Iterable[Document],
        processes: Sequence[Process],
        capabilities: Iterable[Capability] = (),
        *,
        synonyms: Sequence[Sequence[str]] = (),
        units: Iterable[Capability] = (),
    ) -> None:
        self._docs = [with_bare_alef(doc) for doc in listings if doc.kind == "product"]
        self._text = Index(self._docs, synonyms=synonyms)
        self._processes = list(processes)
        self._process_ids = {process.key: i for i, process in enumerate(self._processes)}
        self._vocab: dict[str, int] = {}
        self._sectors: dict[str, int] = {}
        count = len(self._docs)
        # Name fields (names and aliases), flat: field f's terms are _field_terms[_field_starts[f]:_field_starts[f + 1]].
        self._field_terms = array("i")
        self._field_starts = array("i", [0])
        self._field_text: list[str] = []
        self._field_listing = array("i")
        # The name fields that are English names: a Persian keyword's sense is checked against them.
        english_names: set[int] = set()
        self._listing_fields = array("i")  # listing → its first field (every listing has at least one)
        described_terms = array("i")
        described_starts = array("i", [0])
        self._sector_of = array("i")
        # Words of English names and descriptions: a Latin word among them is English, not Finglish.
        self._english: set[int] = set()
        # Listing → the words its descriptions say only after a locative (see _located), if any.
        self._located_described: dict[int, frozenset[str]] = {}
        self._located_named: dict[int, frozenset[str]] = {}  # the same of name fields
        # Listing → the words its descriptions say only inside a compound written joined (see _joined_only); field →
        # the same of name fields.
        self._joined_described: dict[int, frozenset[str]] = {}
        self._joined_named: dict[int, frozenset[str]] = {}
        df: list[int] = []
        sector_df: list[dict[int, int]] = []
        # Term → the sectors it is a one-word name of («نفت», "automotive", «خودروسازی»): a unit naming them after
        # "for" names its customers (see _DESTINATION). Longer aliases («پالایش نفت») lend their words no sector.
        self._sector_named: dict[int, set[int]] = {}

        # Many listings share texts (their sector's names and aliases): read each once.
        @lru_cache(maxsize=8192)
        def analyse(text: str) -> tuple[int, ...]:
            return tuple(self._term(word, df, sector_df) for word in tokens(normalize(text)))

        # Name fields that are only a name's bracketed aside, indexed as an alias so it is found («سیلیکونی» of «مقره
        # کامپوزیتی (سیلیکونی)», "EPS"): a qualifier of the product, not a name of it (see _bought).
        asides: list[int] = []
        for listing, doc in enumerate(self._docs):
            self._listing_fields.append(len(self._field_text))
            bracketed = {
                normalize(inner) for fld in doc.fields if fld.name in ("name_en", "name_fa") for inner in re.findall(r"\((.*?)\)", fld.text)
            }
            names: set[int] = set()
            described: set[int] = set()
            sector_words: set[int] = set()
            one_word: set[int] = set()
            context: set[int] = set()
            sector = ""
            for fld in doc.fields:
                ids = set(analyse(fld.text))
                if fld.name in ("name_en", "name_fa", "alias"):
                    if ids:
                        if fld.name == "name_en":
                            english_names.add(len(self._field_text))
                        located = _located(fld.text)
                        if located:
                            self._located_named[len(self._field_text)] = located
                        joined = _joined_only(fld.text)
                        if joined:
                            self._joined_named[len(self._field_text)] = joined
                        if fld.name == "alias" and normalize(fld.text) in bracketed:
                            asides.append(len(self._field_text))
                        self._field_terms.extend(sorted(ids))
                        self._field_starts.append(len(self._field_terms))
                        self._field_text.append(fld.text)
                        self._field_listing.append(listing)
                    names |= ids
                elif fld.name == "description":
                    # What the listing is used for ("lathe for turning shafts", «برای ساخت هسته ترانسفورماتور»)
                    # is what its buyers make, not what it is: only the rest describes it. All of it still
                    # tells the sector.
                    described |= set(analyse(_without_purpose(fld.text)))
                    context |= ids
                    located = _located(_without_purpose(fld.text))
                    if located:
                        self._located_described[listing] = self._located_described.get(listing, frozenset()) | located
                    joined = _joined_only(_without_purpose(fld.text))
                    if joined:
                        self._joined_described[listing] = self._joined_described.get(listing, frozenset()) | joined
                    if fld.text.isascii():
                        self._english.update(ids)
                elif fld.name == "sector":
                    # The sector's own words ("car", «خودرو») are in every listing of the sector: they tell
                    # which sector a profile is about, never which of its listings.
                    sector = sector or normalize(fld.text)
                    sector_words |= ids
                    if len(ids) == 1:
                        one_word |= ids
                if fld.name == "name_en":
                    self._english.update(ids)
            if self._listing_fields[-1] == len(self._field_text):  # no name: an empty field keeps the layout
                self._field_starts.append(len(self._field_terms))
                self._field_text.append("")
                self._field_listing.append(listing)
            sector_id = self._sectors.setdefault(sector, len(self._sectors))
            self._sector_of.append(sector_id)
            for term_id in one_word:
                self._sector_named.setdefault(term_id, set()).add(sector_id)
            described_terms.extend(sorted(described))
            described_starts.append(len(described_terms))
            for term_id in names | described | context | sector_words:
                df[term_id] += 1
                counts = sector_df[term_id]
                counts[sector_id] = counts.get(sector_id, 0) + 1
        self._described_terms = described_terms
        self._described_starts = described_starts
        # The compound nouns the catalog writes as one word: said in two words by a profile, each alone names
        # something else («چرخ» of «چرخ دنده» is a wheel, not a gear).
        self._compounds = frozenset(
            pair for text in {fld.text for doc in self._docs for fld in doc.fields} | {
                keyword for process in self._processes for keyword in process.keywords
            } for pair in _joined_pairs(text)
        )
        # Each name field's head noun: the last word of an English name ("slurry pump"), the first of a Persian or
        # Finglish one («پمپ دوغاب», "pomp benzin"); what is in brackets is an aside. A pump is a listing headed
        # by "pump"; a "pump seal" is a seal.
        heads = array("i")
        for text in self._field_text:
            said = tokens(normalize(re.sub(r"\(.*?\)", " ", text)))
            if not said:
                heads.append(-1)
                continue
            english = is_latin(said[0]) and all(self._vocab.get(word, -1) in self._english for word in said)
            heads.append(self._vocab.get(said[-1] if english else said[0], -1))
        self._field_head = np.frombuffer(heads, dtype=np.int32).astype(np.int64)
        self._words_of = list(self._vocab)  # term id → word
        # Names headed by a metal ("transformer steel", "electrical steel"): a material; the product words before
        # the head say what it goes into. A profile naming only those ("distribution transformers") makes the
        # product, not the material: the name counts for it only if it says the metal too.
        stock = array("i")
        for text in self._field_text:
            said = tokens(normalize(re.sub(r"\(.*?\)", " ", text)))
            word = said[-1] if said and is_latin(said[-1]) and said[-1] in _STOCK else said[0] if said and said[0] in _STOCK else ""
            stock.append(self._vocab.get(word, -1) if word else -1)
        self._stock_head = np.frombuffer(stock, dtype=np.int32).astype(np.int64)
        self._metal_headed = self._stock_head >= 0
        self._idf = [math.log(1.0 + count / max(d, 1)) for d in df]
        # A name covered by words weighing less than this (about half of the rarest word) is partly chance.
        self._enough_weight = 0.5 * math.log(1.0 + max(count, 1))
        self._described_enough = self._enough_weight * 3.0
        sector_sizes = [0] * len(self._sectors)
        for sector_id in self._sector_of:
            sector_sizes[sector_id] += 1
        # term → sector → how much more often the term is in that sector's listings, shares summing to 1.
        self._sector_share: list[tuple[tuple[int, float], ...]] = []
        for counts in sector_df:
            rates = {sector_id: n / sector_sizes[sector_id] for sector_id, n in counts.items()}
            total = sum(rates.values())
            self._sector_share.append(tuple((s, rate / total) for s, rate in rates.items()) if total else ())
        field_norm = [
            sum(self._idf[t] for t in self._field_terms[self._field_starts[f] : self._field_starts[f + 1]])
            for f in range(len(self._field_text))
        ]
        self._field_norm = np.array(field_norm, dtype=np.float64)
        self._inverse_norm = np.divide(1.0, self._field_norm, out=np.zeros_like(self._field_norm), where=self._field_norm > 0)
        # Term → the listings mentioning it, filled as materials ask (a few hundred terms at most).
        self._mentioned: dict[int, _IntArray] = {}
        self._field_listing_np = np.frombuffer(self._field_listing, dtype=np.int32).astype(np.int64)
        self._field_aside = np.zeros(len(self._field_text), dtype=np.bool_)
        self._field_aside[asides] = True
        self._listing_fields_np = np.frombuffer(self._listing_fields, dtype=np.int32).astype(np.int64)
        self._sector_np = np.frombuffer(self._sector_of, dtype=np.int32).astype(np.int64)
        # Inverted indexes: term → name fields holding it; term → listings describing it; term → listings with it.
        self._name_postings = _postings(self._field_terms, self._field_starts, len(df))
        self._described_postings = _postings(described_terms, described_starts, len(df))
        highest = max((doc.weight for doc in self._docs), default=0.0)
        self._value = np.array(
            [_VALUE_POINTS * math.log1p(max(doc.weight, 0.0)) / math.log1p(highest) if highest > 0 else 0.0 for doc in self._docs],
            dtype=np.float64,
        )
        self._keys = {doc.key: listing for listing, doc in enumerate(self._docs)}
        # Process → (listing → (strength, keyword)), and the same as a dense vector for whole-catalog scoring.
        self._english_names = frozenset(english_names)
        self._device_terms = frozenset(self._vocab[word] for word in DEVICE_WORDS if word in self._vocab)
        self._process_words = [_process_words(process) for process in self._processes]
        # Products the processes make whose own name holds a device word ("washing machine", "dish washing
        # machine"), as the terms each is written with: a name saying one is that appliance (its drum, its
        # motor), not a machine for the process.
        self._device_products = tuple(
            frozenset(self._vocab[word] for word in written)
            for process, naming in zip(self._processes, self._process_words)
            for keyword in process.keywords
            if normalize(keyword) not in naming
            and (written := tokens(normalize(keyword)))
            and all(word in self._vocab for word in written)
            and any(self._vocab[word] in self._device_terms for word in written)
        )
        # Process → the catalog terms of its keywords: a profile naming one ("ceramic" for a ceramics works)
        # restates the process, it names no product of a sector of its own.
        self._process_terms = [
            frozenset(word for keyword in process.keywords for word in tokens(normalize(keyword))) for process in self._processes
        ]
        # Term → the processes one of whose keywords holds it (for the head of a name, see _BOUGHT).
        keyword_processes: dict[int, list[int]] = defaultdict(list)
        for number, keyword_words in enumerate(self._process_terms):
            for word in sorted(keyword_words):
                if word in self._vocab:
                    keyword_processes[self._vocab[word]].append(number)
        self._keyword_processes = {term: np.array(found, dtype=np.int64) for term, found in keyword_processes.items()}
        # Process → the listings that are machines for it ("plastic injection moulding machine"): a unit working
        # that way runs them, it does not make them.
        self._equipment: list[frozenset[int]] = []
        self._process_hits: list[dict[int, tuple[float, str]]] = []
        for process, words in zip(self._processes, self._process_words):
            hits, equipment = self._process_listings(process, words)
            self._process_hits.append(hits)
            self._equipment.append(equipment)
        self._equipment_np = [np.array(sorted(listings), dtype=np.int64) for listings in self._equipment]
        # Process → the listings of the HS chapters it makes (see _KIN_CHAPTER): a chemical works' keywords name
        # catalysts, adsorbents and solvents (chapters 28, 29, 38), so a flotation collector (29) is a kind of thing
        # it makes, whatever sector buys it.
        chapter_of = [(doc.hs_code or "")[:2] for doc in self._docs]
        chapter_size = Counter(chapter_of)
        self._kin_np: list[npt.NDArray[np.bool_]] = []
        for hits, equipment in zip(self._process_hits, self._equipment):
            named = Counter(chapter_of[listing] for listing, (strength, _) in hits.items()
                            if strength >= _PRODUCT_WORD[0] and listing not in equipment and chapter_of[listing])
            chapters = {chapter for chapter, times in named.items() if times >= _KIN_CHAPTER * chapter_size[chapter]}
            kin = np.array([chapter in chapters for chapter in chapter_of], dtype=np.bool_)
            kin[list(equipment)] = False  # a user of a process is not a maker of its machine
            self._kin_np.append(kin)
        self._process_vectors: list[_FloatArray] = []
        # Process → keyword → the listings that keyword is the evidence of (to take back what a profile buys).
        self._process_keyword_listings: list[dict[str, _IntArray]] = []
        for hits in self._process_hits:
            by_keyword: dict[str, list[int]] = defaultdict(list)
            for listing, (_, keyword) in hits.items():
                by_keyword[keyword].append(listing)
            self._process_keyword_listings.append({k: np.array(v, dtype=np.int64) for k, v in by_keyword.items()})
        self._process_sector: list[tuple[tuple[int, float], ...]] = []
        for hits in self._process_hits:
            vector = np.zeros(count, dtype=np.float64)
            for listing, (strength, _) in hits.items():
                vector[listing] = strength
            self._process_vectors.append(vector)
            rates = defaultdict(float)
            for listing, (strength, _) in hits.items():
                if strength < _PRODUCT_WORD[0]:
                    continue  # only what the process makes tells the sectors it serves
                rates[self._sector_of[listing]] += 1.0 / sector_sizes[self._sector_of[listing]]
            total = sum(rates.values())
            self._process_sector.append(tuple((s, rate / total) for s, rate in rates.items()) if total else ())
        # Process → the sectors that registry units working that way make for (``units``: what they make and
        # their processes, as a registry records them). The catalog's keywords say what a process could make;
        # the units say what shops with that process do make, in words no keyword list foresees.
        self._unit_sectors: list[set[int]] = [set() for _ in self._processes]
        for unit in units:
            pull = self._word_pull(self._weigh(unit.makes)[0])
            strongest = max(pull, default=0.0)
            if strongest <= 0:
                continue
            sectors = {sector_id for sector_id, value in enumerate(pull) if value >= _UNIT_SECTOR * strongest}
            for key in unit.processes:
                if key in self._process_ids:
                    self._unit_sectors[self._process_ids[key]] |= sectors
        # The profiles given at build time, and their inverted indexes for the supplier direction: the same
        # evidence as the listings', the other way round (term → profiles with their weights, process → profiles).
        self._profiles: list[_Profile] = []
        self._profile_ids: dict[str, int] = {}
        by_term: dict[int, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        by_material: dict[int, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for capability in capabilities:
            profile = self._read(capability)
            number = len(self._profiles)
            self._profiles.append(profile)
            self._profile_ids[capability.key] = number
            for term_id, weight in profile.words.items():
                by_term[term_id][0].append(number)
                by_term[term_id][1].append(weight)
            for term_id, weight in profile.materials_weight.items():
                by_material[term_id][0].append(number)
                by_material[term_id][1].append(weight)
        self._profile_words = {t: (np.array(ids, dtype=np.int64), np.array(w, dtype=np.float64)) for t, (ids, w) in by_term.items()}
        # Term → the profiles for which it is a word beyond their processes' own (see _Profile.restating).
        free_by: dict[int, list[int]] = defaultdict(list)
        for number, profile in enumerate(self._profiles):
            for term_id in profile.words.keys() - profile.restating:
                free_by[term_id].append(number)
        self._profile_free = {t: (np.array(ids, dtype=np.int64), np.ones(len(ids))) for t, ids in free_by.items()}
        self._profile_materials = {t: (np.array(ids, dtype=np.int64), np.array(w, dtype=np.float64)) for t, (ids, w) in by_material.items()}
        # The profiles whose "makes" has several clauses (see _SCATTERED), for suppliers.
        self._clause_readers = np.array([n for n, profile in enumerate(self._profiles) if profile.clauses], dtype=np.int64)
        # The profiles whose materials are evidence of their own (few: those naming no product), for suppliers.
        self._material_readers = [(n, profile) for n, profile in enumerate(self._profiles) if self._reads_materials(profile)]
        profiles = len(self._profiles)
        self._has_process = np.zeros((len(self._processes), profiles), dtype=np.float64)
        self._alone = np.zeros(profiles, dtype=bool)
        self._affinity = np.zeros((profiles, len(self._sectors)), dtype=np.float64)
        self._plausible = np.ones((profiles, len(self._sectors)), dtype=np.float64)
        # (process, keyword) → the profiles for which that keyword names a material they buy.
        supplied_by: dict[tuple[int, str], list[int]] = defaultdict(list)
        for number, profile in enumerate(self._profiles):
            self._has_process[list(profile.processes), number] = 1.0
            for pair in profile.supplied:
                supplied_by[pair].append(number)
            self._alone[number] = profile.alone
            self._affinity[number] = profile.affinity
            self._plausible[number] = profile.plausible
        self._supplied_by = {pair: np.array(numbers, dtype=np.int64) for pair, numbers in supplied_by.items()}
        # Term → the profiles making parts of the product it names.
        parts_by: dict[int, list[int]] = defaultdict(list)
        for number, profile in enumerate(self._profiles):
            for term_id in profile.parts_of:
                parts_by[term_id].append(number)
        self._profile_parts = {term_id: np.array(ids, dtype=np.int64) for term_id, ids in parts_by.items()}
        # Stock term → the profiles naming it (see _Profile.stock).
        stock_by: dict[int, list[int]] = defaultdict(list)
        for number, profile in enumerate(self._profiles):
            for term_id in profile.stock:
                stock_by[term_id].append(number)
        self._profile_stock = {term_id: np.array(ids, dtype=np.int64) for term_id, ids in stock_by.items()}
        # Term → the profiles for which it counts in a name only beside another (see _compound).
        self._profile_bound: dict[int, list[int]] = defaultdict(list)
        for number, profile in enumerate(self._profiles):
            for term_id in (profile.compound.keys() | profile.headed) & profile.words.keys():
                self._profile_bound[term_id].append(number)

    # ----------------------------------------------------------------------------------- building

    def _term(self, word: str, df: list[int], sector_df: list[dict[int, int]]) -> int:
        term_id = self._vocab.get(word)
        if term_id is None:
            term_id = self._vocab[word] = len(df)
            df.append(0)
            sector_df.append({})
        return term_id

    def _listing_terms(self, listing: int) -> tuple[set[int], set[int]]:
        """A listing's name terms and its description and sector terms."""
        first = self._listing_fields[listing]
        last = self._listing_fields[listing + 1] if listing + 1 < len(self._listing_fields) else len(self._field_text)
        names = set(self._field_terms[self._field_starts[first] : self._field_starts[last]])
        described = set(self._described_terms[self._described_starts[listing] : self._described_starts[listing + 1]])
        return names, described

    def _has_english_name(self, listing: int) -> bool:
        first = self._listing_fields[listing]
        last = self._listing_fields[listing + 1] if listing + 1 < len(self._listing_fields) else len(self._field_text)
        return any(fld in self._english_names for fld in range(first, last))

    def _is_machine_name(self, fld: int) -> bool:
        """Whether a name field says its listing is a machine ("… machine", «دستگاه …»), other than by naming a
        product whose name holds the device word ("Washing machine drum assembly" is an appliance's part)."""
        terms = frozenset(self._field_terms[self._field_starts[fld] : self._field_starts[fld + 1]].tolist())
        if not terms & self._device_terms:
            return False
        return not any(product <= terms for product in self._device_products)

    def _process_listings(
        self, process: Process, process_words: frozenset[str]
    ) -> tuple[dict[int, tuple[float, str]], frozenset[int]]:
        """The listings carrying one of the process's keywords, with the strength of the evidence (see
        _PRODUCT_WORD), and those of them that are machines for the process."""
        hits: dict[int, tuple[float, str]] = {}
        equipment: set[int] = set()
        english: set[int] = set()
        persian: set[int] = set()
        for keyword in process.keywords:
            words = tokens(normalize(keyword))
            if not words or any(word not in self._vocab for word in words):
                continue
            ids = [self._vocab[word] for word in words]
            in_name, in_description = _PROCESS_WORD if " ".join(words) in process_words else _PRODUCT_WORD
            for strength, postings, owner in (
                (in_name, self._name_postings, self._field_listing),
                (in_description, self._described_postings, None),
            ):
                found: set[int] = set(postings[ids[0]].tolist()) if ids[0] in postings else set()
                for term_id in ids[1:]:
                    found &= set(postings[term_id].tolist()) if term_id in postings else set()
                for place in found:
                    listing = owner[place] if owner is not None else place
                    # A keyword said only as where the product sits ("in-tank fuel pump") is not what it is.
                    located = (self._located_named if owner is not None else self._located_described).get(place)
                    if located and words[0] in located:
                        continue
                    # A one-word keyword said only as a word of a compound ("container" «ظرف» of «ظرف‌شویی», a
                    # dishwasher) is not what the listing is: the compound names another thing.
                    joined = (self._joined_named if owner is not None else self._joined_described).get(place)
                    if joined and len(words) == 1 and words[0] in joined:
                        continue
                    if owner is not None:
                        if self._is_machine_name(place):
                            equipment.add(listing)
                        if place in self._english_names:
                            english.add(listing)
                        elif not is_latin(words[0]):
                            persian.add(listing)
                    if hits.get(listing, (0.0, ""))[0] < strength:
                        hits[listing] = (strength, keyword)
        for listing in self._saying(process.excluded_by):
            hits.pop(listing, None)
            equipment.discard(listing)
            english.discard(listing)
            persian.discard(listing)
        # «موتور» is a motor and an engine: a Persian keyword in a name whose English name has none of the
        # process's keywords ("Engine control unit", «واحد کنترل موتور») is a word of another sense, as weak as
        # a mention in a description.
        for listing in persian - english:
            strength, keyword = hits[listing]
            if not is_latin(tokens(normalize(keyword))[0]) and self._has_english_name(listing):
                hits[listing] = (min(strength, _PRODUCT_WORD[1]), keyword)
        # "Sheet metal bending machine", "plastic injection machine": a listing one of whose names puts the
        # process's keyword beside "machine" is equipment for the process, used by the unit, not made by it.
        for listing in equipment:
            strength, keyword = hits[listing]
            hits[listing] = (min(strength, _PROCESS_WORD[0]), keyword)
        return hits, frozenset(equipment)

    def _saying(self, phrases: Iterable[str]) -> set[int]:
        """The listings one of whose names or descriptions holds every word of one of ``phrases``."""
        found: set[int] = set()
        for phrase in phrases:
            words = tokens(normalize(phrase))
            if not words or any(word not in self._vocab for word in words):
                continue
            ids = [self._vocab[word] for word in words]
            for postings, owner in ((self._name_postings, self._field_listing), (self._described_postings, None)):
                places = set(postings[ids[0]].tolist()) if ids[0] in postings else set()
                for term_id in ids[1:]:
                    places &= set(postings[term_id].tolist()) if term_id in postings else set()
                found |= {owner[place] if owner is not None else place for place in places}
        return found

    def _read(self, capability: Capability) -> _Profile:
        """Read a capability against the catalog's vocabulary."""
        # A word of "makes" that names one of the unit's machines («اکسترودر» in a long introduction) is
        # equipment it runs, not a product: a catalyst maker is not offered the plastic extruder it dries with.
        used = _machine_heads(capability.machines, self._is_english)
        used |= _worked_on(capability.makes) | _bought_in(capability.makes) | _treated_with(capability.makes)
        words, sources = self._weigh(capability.makes, used=used)
        # Metals said in "makes" («قطعات فولادی», "steel and galvanize") say what its products are made of
        # (see _MATERIAL_WORDS): they name no listing, point to no sector and do not make the profile specific.
        materials: dict[int, str] = {}
        for word, term_id, _ in self._read_words(capability.materials):
            materials.setdefault(term_id, word)
        # So are the stock words its materials name too («کار پیمانکاری ورق» of a press shop buying «ورق سیاه»): the
        # sheet it works, not sheet it makes (a mill naming sheet it rolls from slab still names its product).
        worked = {word for word in sources.values() if word in _STOCK} & set(tokens(normalize(capability.materials)))
        for term_id in [t for t, word in sources.items() if word in _MATERIAL_WORDS or (word in worked and t in materials)]:
            del words[term_id], sources[term_id]
        given = {self._process_ids[key] for key in capability.processes if key in self._process_ids}
        # Processes the texts name ("تراش CNC", "we cast and machine"): a unit says what it does in words too.
        inferred: dict[int, tuple[ReasonKind, str]] = {}
        for kind, text in (("machine", capability.machines), ("makes", capability.makes)):
            said = tokens(normalize(text))
            for process, process_words in enumerate(self._process_words):
                if process in given or process in inferred:
                    continue
                named = _names_process(said, process_words)
                if named is not None:
                    inferred[process] = ("machine" if kind == "machine" else "process", named)
        processes = tuple(sorted(given | set(inferred)))
        pull = [0.0] * len(self._sectors)
        word_pull = [0.0] * len(self._sectors)
        # Materials and machines point nowhere: a unit that presses steel sheet on a CNC press is in neither
        # the steel nor the machinery industry. Nor does a part named with its product («پوسته پمپ»): read
        # alone it is another sector's (a capsule's «پوسته», a well's "casing").
        written = tokens(normalize(capability.makes))
        said, finglish = self._as_persian_parts(written)
        parts = _parts_of(said, finglish)
        of_products = {part for part, _ in parts} | {
            written[at] for at in finglish if at + 1 < len(said) and (said[at], said[at + 1]) in parts
        }
        for term_id, weight in words.items():
            if sources[term_id] in of_products:
                continue
            restated = any(sources[term_id] in self._process_terms[process] for process in processes)
            for sector_id, share in self._sector_share[term_id]:
                pull[sector_id] += weight * share
                if not restated:
                    word_pull[sector_id] += weight * share
        for process in processes:
            for sector_id, share in self._process_sector[process]:
                pull[sector_id] += _PROCESS_SECTOR_WEIGHT * share
        strongest = max(pull, default=0.0)
        affinity = tuple((value / strongest) ** _SHARPNESS if strongest > 0 else 0.0 for value in pull)
        # Only a word some listing is named by names a product; one found only in descriptions is talk.
        alone = len({word for term_id, word in sources.items() if term_id in self._name_postings}) <= 1
        if alone:
            # Held to the sectors its processes serve, and to those its one product word points to: a titanium
            # machinist naming «abutment» is a dental supplier, though machining mostly serves cars.
            strongest_word = max(word_pull, default=0.0)
            beside = _SERVED_BESIDE if strongest_word > 0 else 1.0
            lean = self._process_lean(processes)
            affinity = tuple(
                max(
                    served * beside * lean[sector_id],
                    (value / strongest_word) ** _SHARPNESS if strongest_word > 0 else 0.0,
                )
                for sector_id, (served, value) in enumerate(zip(self._served(processes), word_pull))
            )
        destined = _destined(capability.makes)
        named_sectors = {s for t, word in sources.items() if word in destined for s in self._sector_named.get(t, ())}
        if named_sectors:
            affinity = tuple(1.0 if sector_id in named_sectors else value for sector_id, value in enumerate(affinity))
        certified = {self._sectors[key] for key in map(normalize, capability.sectors) if key in self._sectors}
        if certified:
            affinity = tuple(1.0 if sector_id in certified else value for sector_id, value in enumerate(affinity))
        materials_weight = {term_id: self._idf[term_id] for term_id in materials}
        # A process keyword that is one of the unit's materials («ورق», "plastic", "steel") names what the unit
        # buys: a listing carrying it (tinplate, a polymer additive) is a supply, not something it could make.
        bought = set(tokens(normalize(capability.materials)))
        supplied = frozenset(
            (process, keyword)
            for process in processes
            for keyword in self._process_keyword_listings[process]
            if set(tokens(normalize(keyword))) <= bought
        )
        # A profile naming no product is held to its processes' sectors already (above).
        # A sector its certifications vouch for is served, whatever the catalog knows its processes to serve: an
        # implant machinist audited to ISO 13485 supplies medicine, though machining mostly serves cars.
        plausible = tuple(1.0 for _ in self._sectors) if alone else tuple(
            1.0 if served or sector_id in certified else _UNSERVED
            for sector_id, served in enumerate(self._served(processes, units=True))
        )
        # A part's product is read in every sense it has ('pomp' is «پمپ» and "pump" too), pointing to no sector
        # beyond what was read above.
        products = self._product_readings(product for _, product in parts)
        for term_id, (product, similarity) in products.items():
            if term_id not in words:
                words[term_id] = self._idf[term_id] * similarity
                sources[term_id] = product
        compound = self._compound(written, sources)
        for term_id, heads in self._modifiers(capability.makes, sources).items():
            compound[term_id] = compound.get(term_id, frozenset()) | heads
        # A part named with its product ("pump casings", «پوسته پمپ») is that product's part: alone its noun is
        # another thing of the catalog (a well's "casing", a capsule's «پوسته»), so it counts in a name only
        # beside the product ("pump casing" as a name would still count).
        product_words = {product for _, product in parts}
        product_terms = frozenset(products) | {t for t, word in sources.items() if word in product_words}
        # (Unless it is also said alone: "pump casings; casing and tubing".)
        paired, times = Counter(part for part, _ in parts), Counter(said)
        as_said = dict(zip(written, said))  # a Finglish part ('posteh') → as read («پوسته»)
        for term_id, word in sources.items():
            form = as_said.get(word, word)
            if word in of_products and product_terms and paired[form] >= times[form]:
                compound[term_id] = compound.get(term_id, frozenset()) | product_terms
        # The product itself counts only in names it heads, unless the text also names it alone ("pumps and pump
        # casings").
        products_said = Counter(product for _, product in parts)
        headed = frozenset(
            t for t, word in sources.items() if word in product_words and products_said[word] >= times[word]
        ) if products else frozenset()
        part_names = {term_id: next((part, product) for part, product in parts if product == said_as)
                      for term_id, (said_as, _) in products.items()}
        stock_items = _stock_items(capability.materials)
        said_in = [set(tokens(normalize(clause))) for clause in _PHRASES.split(capability.makes) if clause.strip()]
        clauses = {
            term_id: frozenset(at for at, clause in enumerate(said_in) if word in clause) for term_id, word in sources.items()
        } if len(said_in) > 1 and len(written) >= _LONG else {}
        return _Profile(
            capability, words, sources, processes, inferred, materials, materials_weight, affinity, alone,
            supplied, frozenset(products), plausible, compound, headed, part_names, self._stock_said(capability.makes),
            frozenset(t for t in words if any(self._words_of[t] in self._process_terms[p] for p in processes)),
            # Where nothing is known of its processes, every sector is "served": its materials then point nowhere.
            self._served(processes, units=True)
            if any(self._process_sector[p] or self._unit_sectors[p] for p in processes)
            else tuple(0.0 for _ in self._sectors),
            frozenset(word for word in materials.values()
                      if (word in _SPECIALITY or word not in _STOCK and word not in stock_items)
                      and not any(word in self._process_terms[p] for p in processes)),
            {term_id: found for term_id, found in clauses.items() if found},
            frozenset(named_sectors | certified),
        )

    def _stock_said(self, text: str) -> frozenset[int]:
        """The catalog terms of the stock a text names (see _STOCK), in every language the catalog reads it."""
        found: set[int] = set()
        for word, similar in self._text.catalog_words(text):
            if word in _STOCK:
                found.update(
                    self._vocab[other] for other, value in similar.items() if value >= _LEAST_SIMILARITY and other in self._vocab
                )
                if word in self._vocab:
                    found.add(self._vocab[word])
        return frozenset(found)

    def _modifiers(self, makes: str, sources: dict[int, str]) -> dict[int, frozenset[int]]:
        """The profile's English words said only before the head noun of a phrase ("ball" of "ball valves", "ball
        joints"): they say which valve, not a product of their own, and count in a listing's name only beside one of
        the head's terms (a ball valve maker is no maker of forged grinding balls). See _MODIFIED."""
        terms_of: dict[str, set[int]] = defaultdict(set)
        for term_id, word in sources.items():
            terms_of[word].add(term_id)

        def english(word: str) -> bool:  # or its plural
            return any(self._is_english(form) for form in (word, word[:-1], word[:-2]))

        before: dict[str, set[str]] = defaultdict(set)
        # Words said after "for" name customers (see _DESTINATION): no product of the unit's is theirs to qualify.
        free: set[str] = set(_destined(makes))
        for phrase in _MODIFIED.split(makes):
            said = tokens(normalize(phrase))
            # English only (every word English, or a code such as "6D"): Finglish puts the head first, as Persian.
            if len(said) < 2 or not english(said[-1]) or not all(
                english(word) or (word not in self._vocab and (len(word) <= 3 or not word.isalpha())) for word in said
            ):
                free.update(said)
                continue
            free.add(said[-1])
            # A part's product ("pump" of "pump casings") is read as that product's part (see _parts_of): not here.
            if said[-1] in _PART_NOUNS:
                free.update(said)
                continue
            # A participle ("machined shafts and flanges", "forged") says how the unit makes all it names: free.
            free.update(word for word in said[:-1] if word.endswith("ed"))
            for word in said[:-1]:
                before[word].add(said[-1])
        found: dict[int, frozenset[int]] = {}
        for word, heads in before.items():
            head_terms = {t for head in heads for t in terms_of[head]}
            if word in free or not head_terms:
                continue
            for term_id in terms_of[word]:
                found[term_id] = frozenset(head_terms)
        return found

    def _compound(self, said: Sequence[str], sources: dict[int, str]) -> dict[int, frozenset[int]]:
        """The profile's terms that count in a listing's name only beside another: those of a compound noun said in
        two words that the catalog writes as one («چرخ‌دنده», «الکتروموتور»): term → the other word's terms, one
        of which the name must hold too (a gear is no wheel, «الکترو» of «الکترو موتور» no electrode). A word
        said on its own elsewhere in the text is free."""
        terms_of: dict[str, set[int]] = defaultdict(set)
        for term_id, word in sources.items():
            terms_of[word].add(term_id)
        times = Counter(said)
        pairs = [
            (first, second)
            for first, second in zip(said, said[1:])
            if terms_of[first] and terms_of[second]
            and (first + second in self._vocab or any(
                (one, other) in self._compounds
                for one in {first} | {self._words_of[t] for t in terms_of[first]}
                for other in {second} | {self._words_of[t] for t in terms_of[second]}
            ))
        ]
        in_pairs = Counter(word for pair in pairs for word in pair)
        compound: dict[int, frozenset[int]] = {}
        for first, second in pairs:
            # The pair's joined spelling («الکترو موتور» → «الکتروموتور») is the compound itself: it counts freely.
            joined = {self._vocab[first + second]} if first + second in self._vocab else set()
            for word, other in ((first, second), (second, first)):
                if in_pairs[word] == times[word]:
                    for term_id in terms_of[word] - joined:
                        compound[term_id] = compound.get(term_id, frozenset()) | terms_of[other] | joined
        return compound

    def _counts(self, profile: _Profile, term_id: int, terms: frozenset[int], head: int) -> bool:
        """Whether the profile's term counts in a name field holding ``terms`` and headed by ``head`` (see _compound
        and _Profile.headed)."""
        if term_id in profile.headed and head not in profile.parts_of:
            return False
        partner = profile.compound.get(term_id)
        return partner is None or bool(partner & terms)

    def _name_coverage(self, profile: _Profile) -> tuple[_FloatArray, _FloatArray]:
        """Per name field, the weight of the profile's terms it holds that count (see _compound), and how many."""
        size = len(self._field_text)
        summed = _gather(self._name_postings, profile.words, size)
        held = _gather(self._name_postings, dict.fromkeys(profile.words, 1.0), size)
        for term_id, partner in profile.compound.items():
            fields = self._name_postings.get(term_id)
            if fields is None or term_id not in profile.words:
                continue
            dropped = fields[_gather(self._name_postings, dict.fromkeys(partner, 1.0), size)[fields] == 0]
            summed[dropped] -= profile.words[term_id]
            held[dropped] -= 1.0
        for term_id in profile.headed:
            fields = self._name_postings.get(term_id)
            if fields is None or term_id not in profile.words:
                continue
            dropped = fields[~np.isin(self._field_head[fields], list(profile.parts_of))]
            summed[dropped] -= profile.words[term_id]
            held[dropped] -= 1.0
        metal = np.flatnonzero(self._metal_headed)
        if len(metal):
            lacking = metal[~np.isin(self._stock_head[metal], list(profile.stock))]
            summed[lacking] = 0.0
            held[lacking] = 0.0
        if profile.clauses:
            # Names held by words of several clauses are few: each is read as _components reads it.
            for fld in np.flatnonzero(held > 1.5).tolist():
                summed[fld] = self._field_covered(profile, fld)[0]
        summed[summed < 1e-9] = 0.0
        return summed, held

    def _process_lean(self, processes: Iterable[int]) -> list[float]:
        """Per sector, 1 - _LEAN to 1: how much of the processes' keywords its listings hold (see _LEAN)."""
        share = [0.0] * len(self._sectors)
        for process in processes:
            for sector_id, found in self._process_sector[process]:
                share[sector_id] += found
        most = max(share, default=0.0) or 1.0
        return [1.0 - _LEAN + _LEAN * found / most for found in share]

    def _word_pull(self, words: dict[int, float]) -> list[float]:
        """Per sector, how much weighted words point to it (their weights shared by the sectors using them)."""
        pull = [0.0] * len(self._sectors)
        for term_id, weight in words.items():
            for sector_id, share in self._sector_share[term_id]:
                pull[sector_id] += weight * share
        return pull

    def _as_persian_parts(self, said: list[str]) -> tuple[list[str], frozenset[int]]:
        """``said`` with each Finglish word that reads as a Persian part noun written in Persian ('posteh pomp' →
        «پوسته» 'pomp'), and those words' positions: Finglish puts the product after the part, as Persian does."""
        out = list(said)
        converted: set[int] = set()
        for at, word in enumerate(said):
            if not is_latin(word) or word in _PART_NOUNS or self._is_english(word):
                continue
            for _, similar in self._text.catalog_words(word):
                # Only as its likeliest reading: 'post' is «پست» (a substation) before it is «پوسته».
                best = max(similar.values(), default=0.0)
                part = next(
                    (other for other, value in similar.items()
                     if other in _PART_NOUNS and not is_latin(other) and value >= max(0.9, best)),
                    None,
                )
                if part is not None:
                    out[at] = part
                    converted.add(at)
        return out, frozenset(converted)

    def _product_readings(self, products: Iterable[str]) -> dict[int, tuple[str, float]]:
        """The catalog terms of ``products`` (whose parts a unit makes), as listings' names carry them: every
        sense the catalog reads a product in, as the forward search reads it (Finglish 'pomp' is «پمپ» and
        "pump" too; a part's product is one noun in a known place, not a guess among a profile's many words):
        term → (the product as said, similarity)."""
        found: dict[int, tuple[str, float]] = {}
        for product in products:
            for word, similar in self._text.catalog_words(product):
                for other, similarity in similar.items():
                    term_id = self._vocab.get(other)
                    if word != product or term_id is None or term_id not in self._name_postings:
                        continue
                    # As in _read_words, a Persian word the catalog has is that word, not a typo of a neighbour: the
                    # «کولر» (air conditioner) of «پوسته کولر» is no «کوپلر» (a wagon's coupler). (A Latin one may be
                    # Finglish for an English word: 'pomp' is "pump".)
                    if not is_latin(product) and _typo_of_known(product, other, self._vocab):
                        continue
                    if similarity >= _LEAST_SIMILARITY and similarity > found.get(term_id, ("", 0.0))[1]:
                        found[term_id] = (product, similarity)
        return found

    def _is_english(self, word: str) -> bool:
        """Whether a Latin word is one of the catalog's English words (not Finglish)."""
        return self._vocab.get(word, -1) in self._english

    def _served(self, processes: Iterable[int], *, units: bool = False) -> tuple[float, ...]:
        """Per sector, 1 if one of the processes serves it (learned from the catalog: its share of the process's
        listings, per listing of the sector, is at least _SERVED of the process's strongest sector's; with
        ``units``, also a sector registry units working that way make for), else 0. A profile that names no
        product is held to these. Without processes, or with processes neither the catalog's names nor the
        units know, every sector is served."""
        served = [0.0] * len(self._sectors)
        learned = False
        for process in processes:
            shares = self._process_sector[process]
            strongest = max((share for _, share in shares), default=0.0)
            for sector_id, share in shares:
                learned = True
                if share >= _SERVED * strongest:
                    served[sector_id] = 1.0
            for sector_id in self._unit_sectors[process] if units else ():
                learned = True
                served[sector_id] = 1.0
        return tuple(served) if learned else tuple(1.0 for _ in served)

    def _weigh(self, text: str, *, used: frozenset[str] = frozenset()) -> tuple[dict[int, float], dict[int, str]]:
        """The catalog terms a text holds, each weighted by its rarity times how surely it was meant; without
        the words in ``used``."""
        weights: dict[int, float] = {}
        sources: dict[int, str] = {}
        for word, term_id, similarity in self._read_words(text):
            if word in used:
                continue
            weight = self._idf[term_id] * similarity
            if weight > weights.get(term_id, 0.0):
                weights[term_id] = weight
                sources[term_id] = word
        return weights, sources

    def _read_words(self, text: str) -> list[tuple[str, int, float]]:
        """(the text's word, a catalog term it stands for, similarity), without what names nothing made.

        The forward search's reading is generous, for a need is a few words typed in haste; a profile is many
        words, and every guess there brings listings in by chance. So: no filler words of profiles, no
        numbers, no generic words, and for an English word neither Finglish readings (``cars`` is not «کراس»)
        nor typos unless the word is long.
        """
        found: list[tuple[str, int, float]] = []
        if not text.strip():
            return found
        # The words of a process named in several ("heat treatment", «ریخته گری», "powder metallurgy") say how
        # the unit works; read one by one they are products of other sectors (heat exchangers, pharma powders).
        said = tokens(normalize(text))
        read = self._text.catalog_words(text)
        # A Finglish word stands for the Persian it spells ('tazrigh plastic' is the process «تزریق پلاستیک», not a
        # plastic product): only its likeliest readings, in the other script.
        readings = {
            word: frozenset(other for other, value in similar.items() if not is_latin(other) and value >= _TRANSLATION_AT_MOST)
            for word, similar in read
            if is_latin(word)
        }
        naming = _naming_phrase_words(said, readings, frozenset(word for word in readings if not self._is_english(word)))
        machines = _machine_names(said)
        # An acronym typed in capitals ("CMC", "EMI", "PTA") is no Finglish word: «کمک» is not carboxymethyl cellulose.
        acronyms = frozenset(normalize(word) for word in _ACRONYM.findall(text))
        for word, similar in read:
            if word in _PROFILE_FILLERS or word.isdigit() or word in GENERIC or word in PART_WORDS:
                continue
            if (_is_naming(word) or word in naming) and word not in machines:
                continue
            english = is_latin(word) and any(
                value >= 0.94 and self._vocab.get(other, -1) in self._english for other, value in similar.items()
            )
            # A short English word the catalog has (or its plural) is that word, not a typo of another: "cars"
            # is not "cards". A short word it lacks may still be a typo ("padz").
            short_and_known = is_latin(word) and len(word) < 6 and any(_plural_of(word, other) for other in similar)
            for other, similarity in similar.items():
                term_id = self._vocab.get(other)
                if term_id is None or similarity < _LEAST_SIMILARITY or other in GENERIC or other in _PROFILE_FILLERS:
                    continue
                if other.isdigit():
                    continue
                if english and not is_latin(other) and similarity > _TRANSLATION_AT_MOST:
                    continue
                if word in acronyms and not is_latin(other):
                    continue
                if short_and_known and is_latin(other) and not _plural_of(word, other):
                    continue
                # A word the catalog has is that word, not a typo of a neighbour («کولر» is not «کوپلر»); its
                # inflections and translations still count.
                if _typo_of_known(word, other, self._vocab):
                    continue
                # A short Persian word the catalog lacks is an everyday word more often than a typo: «بازی» (of
                # «اسباب‌بازی», toys) is not «بازوی» (a robot's arm). Its inflections and translations still count.
                if (
                    not is_latin(word)
                    and not is_latin(other)
                    and len(word) <= _SHORT_PERSIAN
                    and word not in self._vocab
                    and not (other.startswith(word) or word.startswith(other))
                ):
                    continue
                found.append((word, term_id, similarity))
            # A joined compound the synonyms file spells as a phrase holding its head, in the same language
            # («الکتروموتور»: «موتور برقی»), is read as that phrase too: the catalog names an electric motor by its
            # head («موتور کششی», «موتور ماشین لباس‌شویی»), which the joined spelling hides. (Not a mere synonym:
            # «گیربکس» is no «جعبه»; nor Finglish, which is read as the Persian it spells.)
            for phrase in self._text.word_phrases(word):
                same = all(
                    other in self._vocab and is_latin(other) == is_latin(word) and (not is_latin(other) or self._is_english(other))
                    for other in phrase
                )
                if same and any(len(other) >= 4 and other != word and other in word for other in phrase):
                    found.extend((word, self._vocab[other], 1.0) for other in phrase if other not in GENERIC)
        return found

    def _profile(self, capability: Capability) -> _Profile:
        known = self._profile_ids.get(capability.key)
        if known is not None and self._profiles[known].capability == capability:
            return self._profiles[known]
        return self._read(capability)

    # ------------------------------------------------------------------------------------ scoring

    def _components(self, profile: _Profile, listing: int) -> _Components:
        """The evidence that ``profile`` could make ``listing`` (the one definition both directions use)."""
        makes, best, released, released_free = 0.0, -1, 0.0, 0.0
        first = self._listing_fields[listing]
        last = self._listing_fields[listing + 1] if listing + 1 < len(self._listing_fields) else len(self._field_text)
        words = profile.words
        for fld in range(first, last):
            norm = float(self._field_norm[fld])
            if norm <= 0:
                continue
            covered, held = self._field_covered(profile, fld)
            field_terms = self._field_terms[self._field_starts[fld] : self._field_starts[fld + 1]]
            value = _name_fit(covered, norm, self._enough_weight)
            released = max(released, value ** (_NAMED_POWER if held > 1 else _ONE_WORD_POWER))
            if any(t in words and t not in profile.restating for t in field_terms):
                released_free = max(released_free, value ** (_NAMED_POWER if held > 1 else _ONE_WORD_POWER))
            if value > makes:
                makes, best = value, fld
        described = 0.0
        terms = self._described_terms[self._described_starts[listing] : self._described_starts[listing + 1]]
        for term_id in terms:
            described += words.get(term_id, 0.0)
        described = min(1.0, described / self._described_enough)
        processes = tuple(
            (process, *self._process_hits[process][listing])
            for process in profile.processes
            if listing in self._process_hits[process]
            and (process, self._process_hits[process][listing][1]) not in profile.supplied
        )
        materials: tuple[tuple[int, str], ...] = ()
        bought = False
        if profile.materials:
            if self._bought(profile, first, last):
                processes = ()  # what the unit buys, not what it makes
                bought = True
            else:
                names, described_set = self._listing_terms(listing)
                materials = tuple((t, word) for t, word in profile.materials.items() if t in names or t in described_set)
        coherence = _OFF_SECTOR + (1.0 - _OFF_SECTOR) * profile.affinity[self._sector_of[listing]]
        # A machine for one of the unit's own processes is held back like another sector's listing, even when the
        # profile's words cover its name: those words restate the process the machine runs (a user of a process is
        # not a maker of the machine), unless the profile says it makes machines.
        if any(listing in self._equipment[process] for process in profile.processes):
            coherence = _OFF_SECTOR
            released = released_free
        # A listing the profile names outright is its own evidence of the sector: it is not held back.
        part = 0.0
        if profile.parts_of and not bought:
            # Evidence for a listing that is the product (a name headed by it), not one it qualifies ("pump seal").
            headed = any(int(self._field_head[fld]) in profile.parts_of for fld in range(first, last))
            part = _PART_OF if headed else 0.0
        kin = 0.0
        if self._reads_materials(profile) and not bought and any(self._kin_np[p][listing] for p in profile.processes):
            kin = min(_MOST_MATERIALS, len({word for _, word in materials if word in profile.made_of})) / _MOST_MATERIALS
        # A product whose part the unit makes is named outright too, to the share of the part; so is a listing of a
        # chapter its processes make, to the share of its materials it mentions.
        coherence += (1.0 - coherence) * max(released, part, kin)
        coherence *= profile.plausible[self._sector_of[listing]]
        return _Components(makes, best, described, processes, materials, coherence, part, kin)

    def _field_covered(self, profile: _Profile, fld: int) -> tuple[float, int]:
        """The weight of the profile's terms a name field holds that count (see _compound, _Profile.headed, stock
        heads), less what only other clauses of "makes" add to the clause covering most of it (see _SCATTERED), and
        how many terms count."""
        field_terms = self._field_terms[self._field_starts[fld] : self._field_starts[fld + 1]]
        if self._metal_headed[fld] and int(self._stock_head[fld]) not in profile.stock:
            return 0.0, 0
        counted: dict[int, float] = {}
        for term_id in field_terms:
            weight = profile.words.get(term_id, 0.0)
            if weight and (profile.compound or profile.headed) and not self._counts(
                profile, term_id, frozenset(field_terms), int(self._field_head[fld])
            ):
                weight = 0.0
            if weight > 0:
                counted[term_id] = weight
        covered = sum(counted.values())
        if profile.clauses and len(counted) > 1:
            # A term whose clause is not known (a part's product read in another sense) is said in every clause.
            said = [profile.clauses.get(term_id) for term_id in counted]
            every = frozenset(at for found in said if found for at in found)
            best = max(
                (sum(weight for (term_id, weight), found in zip(counted.items(), said) if found is None or at in found) for at in every),
                default=covered,
            )
            covered = best + _SCATTERED * (covered - best)
        return covered, len(counted)

    def _bought(self, profile: _Profile, first: int, last: int) -> bool:
        """Whether the profile's materials make up most of one of a listing's names (fields first to last)."""
        for fld in range(first, last):
            norm = float(self._field_norm[fld])
            covered = 0.0
            for term_id in self._field_terms[self._field_starts[fld] : self._field_starts[fld + 1]]:
                covered += profile.materials_weight.get(term_id, 0.0)
            if (
                norm > 0 and covered / norm >= _BOUGHT and not self._field_aside[fld]
                and not self._profile_makes(profile, int(self._field_head[fld]))
            ):
                return True
        return False

    @staticmethod
    def _reads_materials(profile: _Profile) -> bool:
        """Whether the profile's materials are evidence of their own: a shop naming no product, only processes
        (see _MADE_OF_POINTS). Beside product words they only support other evidence."""
        return not profile.words and bool(profile.processes) and bool(profile.made_of)

    def _score(self, profile: _Profile, components: _Components, listing: int) -> float:
        found = sum(strength for _, strength, _ in components.processes)
        strength = min(_MOST_PROCESSES, found + components.part)
        if profile.alone:
            strength *= _PROCESSES_ALONE
        evidence = _MAKES_POINTS * components.makes + _DESCRIBED_POINTS * components.described + _PROCESS_POINTS * strength
        # Materials support other evidence; alone they say what the unit buys, not what it makes (unless it names
        # no product: see _MADE_OF_POINTS).
        if evidence > 0:
            evidence += _MATERIAL_POINTS * min(_MOST_MATERIALS, len(components.materials)) / _MOST_MATERIALS
        if self._reads_materials(profile):
            made_of = len({word for _, word in components.materials if word in profile.made_of})
            share = min(_MOST_MATERIALS, made_of) / _MOST_MATERIALS
            evidence += _MADE_OF_POINTS * share * max(profile.served[self._sector_of[listing]], components.kin)
        return round(min(100.0, evidence * components.coherence + float(self._value[listing])), _DIGITS)

    def _vector_scores(self, profile: _Profile, *, most: float = _MOST_PROCESSES) -> _FloatArray:
        """Every listing's score for ``profile`` at once (the same arithmetic as :meth:`_score`, vectorised; with
        ``most``, processes counted at most that many times).

        Only the name fields holding a word of the profile are looked at: there are several per listing, so a
        pass over all of them would cost more than everything else.
        """
        count = len(self._docs)
        makes = np.zeros(count, dtype=np.float64)
        named = np.zeros(count, dtype=np.float64)
        named_free = named  # named by words beyond the profile's processes' own (see _Profile.restating)
        summed, counted = self._name_coverage(profile)
        fields = np.flatnonzero(summed)
        covered = summed[fields]
        if len(fields):
            fits = covered * self._inverse_norm[fields] * np.minimum(1.0, covered / self._enough_weight)
            np.maximum.at(makes, self._field_listing_np[fields], fits)
            held = counted[fields]
            named_fields = fits ** np.where(held > 1, _NAMED_POWER, _ONE_WORD_POWER)
            np.maximum.at(named, self._field_listing_np[fields], named_fields)
            if profile.restating:
                free = _gather(self._name_postings, {t: 1.0 for t in profile.words if t not in profile.restating}, len(self._field_text))
                named_free = np.zeros(count, dtype=np.float64)
                np.maximum.at(named_free, self._field_listing_np[fields], np.where(free[fields] > 0, named_fields, 0.0))
        described = _gather(self._described_postings, profile.words, count)
        described = np.minimum(1.0, described / self._described_enough)
        strength = np.zeros(count, dtype=np.float64)
        for process in profile.processes:
            strength += self._process_vectors[process]
        for process, keyword in profile.supplied:
            strength[self._process_keyword_listings[process][keyword]] -= self._process_vectors[process][
                self._process_keyword_listings[process][keyword]
            ]
        part: _FloatArray | None = None  # most profiles name no part of a product: no pass over the catalog
        if profile.parts_of:
            part = np.zeros(count, dtype=np.float64)
            for term_id in profile.parts_of:
                fields = self._name_postings[term_id]
                part[self._field_listing_np[fields[self._field_head[fields] == term_id]]] = _PART_OF
            strength += part
        strength = np.minimum(most, strength)
        if profile.alone:
            strength *= _PROCESSES_ALONE
        materials = np.zeros(count, dtype=np.float64)
        if profile.materials:
            mentions = [self._mentions(term_id) for term_id in profile.materials]
            hits = np.bincount(np.concatenate(mentions), minlength=count) if mentions else np.zeros(count)
            materials = np.minimum(_MOST_MATERIALS, hits) / _MOST_MATERIALS
            bought = self._bought_np(profile)
            strength[bought] = 0.0
            materials[bought] = 0.0
            if part is not None:
                part[bought] = 0.0
        evidence = _MAKES_POINTS * makes + _DESCRIBED_POINTS * described + _PROCESS_POINTS * strength
        evidence = np.where(evidence > 0, evidence + _MATERIAL_POINTS * materials, 0.0)
        kin_share: _FloatArray | None = None
        if self._reads_materials(profile):
            by_word: dict[str, list[_IntArray]] = {}
            for term_id, word in profile.materials.items():
                if word in profile.made_of:
                    by_word.setdefault(word, []).append(self._mentions(term_id))
            made_of = np.zeros(count, dtype=np.float64)
            for mentions in by_word.values():
                made_of[np.unique(np.concatenate(mentions))] += 1.0
            made_of[bought] = 0.0
            share = np.minimum(_MOST_MATERIALS, made_of) / _MOST_MATERIALS
            kin = np.zeros(count, dtype=np.bool_)
            for process in profile.processes:
                kin |= self._kin_np[process]
            kin_share = np.where(kin, share, 0.0)
            served = np.maximum(np.array(profile.served, dtype=np.float64)[self._sector_np], kin_share)
            evidence += _MADE_OF_POINTS * share * served
        affinity = np.array(profile.affinity, dtype=np.float64)
        coherence = _OFF_SECTOR + (1.0 - _OFF_SECTOR) * affinity[self._sector_np] if len(affinity) else np.ones(count)
        for process in profile.processes:
            coherence[self._equipment_np[process]] = _OFF_SECTOR
            named[self._equipment_np[process]] = named_free[self._equipment_np[process]]
        released = named if part is None else np.maximum(named, part)
        if kin_share is not None:
            released = np.maximum(released, kin_share)
        coherence = (coherence + (1.0 - coherence) * released) * np.array(profile.plausible, dtype=np.float64)[self._sector_np]
        scored: _FloatArray = np.minimum(100.0, evidence * coherence + self._value)
        return scored

    def _reasons(self, profile: _Profile, listing: int, components: _Components) -> tuple[Reason, ...]:
        reasons: list[Reason] = []
        # What the listing is called in each language, whichever of its names or aliases matched: an alias
        # («تزریق پلاستیک» of a moulding machine) would say it is something else.
        english, persian = self._name(listing, "name_en"), self._name(listing, "name_fa")
        part = self._part_reason(profile, listing, components, english, persian)
        if part is not None:
            reasons.append(replace(part, finglish=self._text.finglish(part.profile_text)))
        if components.makes_field >= 0 and components.makes > 0:
            fld = components.makes_field
            terms = self._field_terms[self._field_starts[fld] : self._field_starts[fld + 1]]
            # A product said only with its part ("pump" of "pump casings") is the part reason's, said above.
            matched = {profile.sources[t] for t in terms if t in profile.sources and not (part and t in profile.headed)}
            if matched:
                text = self._field_text[fld]
                said = _phrases_holding(profile.capability.makes, matched)
                first = self._listing_fields[listing]
                last = self._listing_fields[listing + 1] if listing + 1 < len(self._listing_fields) else len(self._field_text)
                named = any(self._names_field(profile, other) for other in range(first, last))
                reasons.append(Reason("makes", said, text, english, persian, finglish=self._text.finglish(said), named=named))
        for process, _, keyword in components.processes:
            kind, word = profile.inferred.get(process, ("process", ""))
            english, persian = self._keyword_both(process, listing, keyword)
            if kind == "machine":
                said = _item_holding(profile.capability.machines, word)
                reasons.append(Reason("machine", said, keyword, english, persian, finglish=self._text.finglish(said)))
            else:
                reasons.append(Reason("process", self._processes[process].key, keyword, english, persian))
        for _, word in components.materials:
            said = _item_holding(profile.capability.materials, word)
            reasons.append(Reason("material", said, word, finglish=self._text.finglish(said)))
        return tuple(_distinct(reasons))

    def _names_field(self, profile: _Profile, fld: int) -> bool:
        """Whether the profile's words cover every term of the name field ``fld``, its head among them (see
        Reason.named): the words that count for it (see _field_covered), not a description's."""
        terms = frozenset(self._field_terms[self._field_starts[fld] : self._field_starts[fld + 1]])
        head = int(self._field_head[fld])
        if not terms or head not in terms or float(self._field_norm[fld]) <= 0:
            return False
        if self._metal_headed[fld] and int(self._stock_head[fld]) not in profile.stock:
            return False
        for term_id in terms:
            if profile.words.get(term_id, 0.0) <= 0:
                return False
            if (profile.compound or profile.headed) and not self._counts(profile, term_id, terms, head):
                return False
        return True

    def _part_reason(
        self, profile: _Profile, listing: int, components: _Components, english: str, persian: str
    ) -> Reason | None:
        """The reason of a listing whose product the profile makes a part of (see _PART_OF): the part, as the
        profile says it, and the unit's process that makes it."""
        if not components.part:
            return None
        first = self._listing_fields[listing]
        last = self._listing_fields[listing + 1] if listing + 1 < len(self._listing_fields) else len(self._field_text)
        fld = next((f for f in range(first, last) if int(self._field_head[f]) in profile.part_names), None)
        if fld is None:
            return None
        part, product = profile.part_names[int(self._field_head[fld])]
        part_en, part_fa = _PART_NAMES.get(part, ("", ""))
        phrase = _part_phrase(profile.capability.makes, part, product)
        return Reason(
            "part", phrase, self._field_text[fld], english, persian, self._part_process(profile, part), part_en, part_fa
        )

    def _part_process(self, profile: _Profile, part: str) -> str:
        """The unit's process that makes ``part``: one whose keywords name it (a process the profile's text names
        first, then those it gave, in its order), else the first of its processes that shapes parts."""
        said = tokens(normalize(profile.capability.makes))
        given = [self._process_ids[key] for key in profile.capability.processes if key in self._process_ids]
        named = [p for p in profile.processes if _names_process(said, self._process_words[p]) is not None]
        ordered = named + [p for p in given + list(profile.processes) if p not in named]
        forms = {part, part.removesuffix("s"), part.removesuffix("es")}
        # "ریخته‌گری بدنه پمپ": the process the text names with the part is how the unit makes it.
        for process in named:
            if forms & self._process_terms[process] or self._processes[process].key in _SHAPING:
                return self._processes[process].key
        for process in ordered:
            if forms & self._process_terms[process]:
                return self._processes[process].key
        return next((self._processes[p].key for p in ordered if self._processes[p].key in _SHAPING), "")

    def _name(self, listing: int, field_name: str) -> str:
        """The listing's name field ``field_name`` ("name_en", "name_fa"), empty if it has none."""
        return next((fld.text for fld in self._docs[listing].fields if fld.name == field_name and fld.text.strip()), "")

    def _keyword_both(self, process: int, listing: int, keyword: str) -> tuple[str, str]:
        """A keyword of the process the listing carries, in English and in Persian (empty where it carries none):
        the one that matched if it is in that language, else another of the process's, one in a name first.
        A Latin keyword is English only if English names or descriptions use it ("tarashkari" is Finglish)."""
        names, described = self._listing_terms(listing)
        found: dict[str, tuple[int, str]] = {}  # language → (0 matched, 1 in a name, 2 in a description; keyword)
        for candidate in (keyword, *self._processes[process].keywords):
            words = tokens(normalize(candidate))
            if not words or any(word not in self._vocab for word in words):
                continue
            ids = {self._vocab[word] for word in words}
            language = "fa" if not is_latin(words[0]) else "en" if ids <= self._english else ""
            rank = 0 if candidate == keyword else 1 if ids <= names else 2 if ids <= described else 3
            if language and rank < 3 and rank < found.get(language, (3, ""))[0]:
                found[language] = (rank, candidate)
        return found.get("en", (3, ""))[1], found.get("fa", (3, ""))[1]

    def _makes_from_materials(
        self, head: int, has_process: _FloatArray, holds_head: _BoolArray, alone: _BoolArray
    ) -> _BoolArray:
        """Which units make, not buy, a name headed by ``head`` that their materials cover (see _BOUGHT): those naming
        no product (``alone``) with a process that has ``head`` among its products' keywords, ``head`` not being one
        of their materials itself (the silicone moulder makes the silicone rubber insulator). One entry a unit;
        ``has_process`` is processes × units."""
        made = self._keyword_processes.get(head)
        if made is None:
            return np.zeros(len(alone), dtype=bool)
        found: _BoolArray = (has_process[made].sum(axis=0) > 0) & ~holds_head & alone
        return found

    def _profile_makes(self, profile: _Profile, head: int) -> bool:
        """:meth:`_makes_from_materials` for one profile."""
        if not profile.alone:
            return False
        has_process = np.zeros((len(self._processes), 1), dtype=np.float64)
        has_process[list(profile.processes), 0] = 1.0
        holds = np.array([head in profile.materials_weight])
        return bool(self._makes_from_materials(head, has_process, holds, np.ones(1, dtype=bool))[0])

    def _bought_np(self, profile: _Profile) -> _IntArray:
        """The listings the profile buys (see _bought), as an array."""
        fields, covered = self._covered_fields(profile.materials_weight)
        fields = fields[(covered * self._inverse_norm[fields] >= _BOUGHT) & ~self._field_aside[fields]]
        if profile.alone and len(fields):  # a large catalog repeats a few heads over thousands of fields
            heads = self._field_head[fields]
            made = [head for head in np.unique(heads).tolist() if self._profile_makes(profile, head)]
            fields = fields[~np.isin(heads, made)]
        return self._field_listing_np[fields]

    def _covered_fields(self, weights: dict[int, float]) -> tuple[_IntArray, _FloatArray]:
        """The name fields holding a term of ``weights``, and the sum of their terms' weights in each."""
        summed = _gather(self._name_postings, weights, len(self._field_text))
        fields = np.flatnonzero(summed)
        return fields, summed[fields]

    def _mentions(self, term_id: int) -> _IntArray:
        """The listings holding a term in a name or description, each once."""
        found = self._mentioned.get(term_id)
        if found is None:
            parts = []
            if term_id in self._name_postings:
                parts.append(self._field_listing_np[self._name_postings[term_id]])
            if term_id in self._described_postings:
                parts.append(self._described_postings[term_id])
            found = np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)
            self._mentioned[term_id] = found
        return found

    # ------------------------------------------------------------------------------------ queries

    def opportunities(self, capability: Capability, *, limit: int | None = 10, by_processes: bool = False) -> list[Fit]:
        """The listings ``capability`` could make, best fit first (import value breaks ties); at most ``limit``.

        With ``by_processes``, a profile with processes that fewer than _LEAST_OFFERED listings fit is offered, after
        them, the listings its processes fit best (see _prior_scores), marked ``by_processes``: a shop that says
        only how it works ("CNC turning, any job", "compression moulding of rubber") is shown what shops working
        that way make, not nothing.
        """
        if not self._docs or limit == 0:
            return []
        profile = self._profile(capability)
        if not (profile.words or profile.processes or profile.materials):
            return []
        scored = []
        for listing in _best(self._vector_scores(profile), limit).tolist():
            components = self._components(profile, listing)
            score = self._score(profile, components, listing)
            if score >= MIN_FIT:
                doc = self._docs[listing]
                scored.append((-score, -doc.weight, doc.key, listing, components))
        scored.sort(key=lambda item: item[:3])
        found = [
            Fit(key, -negative, self._reasons(profile, listing, components))
            for negative, _, key, listing, components in (scored if limit is None else scored[:limit])
        ]
        wanted = _LEAST_OFFERED if limit is None else min(limit, _LEAST_OFFERED)
        if by_processes and profile.processes and len(found) < wanted:
            found += self._by_processes(profile, {fit.key for fit in found}, wanted - len(found))
        return found

    def _by_processes(self, profile: _Profile, taken: set[str], count: int) -> list[Fit]:
        """The ``count`` listings (not in ``taken``) the profile's processes fit best: by the process prior and
        what its words say, each with process evidence; in the sectors of the listings it was offered if any (a
        syringe maker offered one syringe is shown other medical listings, not the petrochemicals plastics
        serve), else at least _PRIOR_SHARE of the best. Scored below MIN_FIT, in the same order."""
        # The sectors it names as customers too: a shop making parts "for cars and oil" offered car parts is shown
        # what it could machine for the oil industry, not more car parts only.
        sectors = {self._sector_of[self._keys[key]] for key in taken} | profile.customers
        ranked = self._prior_scores(profile) + self._vector_scores(profile) - self._value
        # The share is of the best that one process fits: a listing two of the unit's processes fit (a chemical
        # works that adds sintering fits a filter-additive twice) would otherwise raise the bar over everything one
        # fits, and more capability would mean fewer fits.
        if len(profile.processes) > 1:
            best = float((self._prior_scores(profile, most=1.0) + self._vector_scores(profile, most=1.0) - self._value).max(initial=0.0))
        else:
            best = float(ranked.max(initial=0.0))
        floor = _LEAST_PRIOR if sectors else max(_LEAST_PRIOR, _PRIOR_SHARE * best)
        candidates = np.flatnonzero(ranked >= floor)
        if sectors:
            candidates = candidates[np.isin(self._sector_np[candidates], list(sectors))]
        order = candidates[np.lexsort((-self._value[candidates], -ranked[candidates]))]
        found: list[Fit] = []
        for listing in order.tolist():
            if len(found) >= count:
                break
            doc = self._docs[listing]
            components = self._components(profile, listing)
            if doc.key in taken or not (components.processes or components.part):
                continue
            # What its processes fit is what it could make, not the machine it runs (the injection moulding machine
            # offered to an injection moulder): a user of a process is not a maker of its machine.
            if any(listing in self._equipment[process] for process in profile.processes):
                continue
            score = round(min(100.0, float(ranked[listing])) * (MIN_FIT - 1.0) / 100.0, _DIGITS)
            found.append(Fit(doc.key, score, self._reasons(profile, listing, components), by_processes=True))
        return found

    def _prior_scores(self, profile: _Profile, *, most: float = _MOST_PROCESSES) -> _FloatArray:
        """Every listing's fit to the profile's processes alone (its words left out): the strength of the
        processes' keywords in it (counted at most ``most`` times), as for a profile naming no product, within the
        sectors the profile points to (words and processes) and its processes serve (catalog and registry units)."""
        count = len(self._docs)
        strength = np.zeros(count, dtype=np.float64)
        for process in profile.processes:
            strength += self._process_vectors[process]
        for process, keyword in profile.supplied:
            listings = self._process_keyword_listings[process][keyword]
            strength[listings] -= self._process_vectors[process][listings]
        strength = np.minimum(most, np.maximum(strength, 0.0)) * _PROCESSES_ALONE
        if profile.materials_weight:
            strength[self._bought_np(profile)] = 0.0
        affinity = np.array(profile.affinity, dtype=np.float64)
        coherence = _OFF_SECTOR + (1.0 - _OFF_SECTOR) * affinity[self._sector_np]
        served = np.array([1.0 if value else _UNSERVED for value in self._served(profile.processes, units=True)])
        coherence *= served[self._sector_np]
        for process in profile.processes:
            coherence[self._equipment_np[process]] = _OFF_SECTOR
        scored: _FloatArray = _PROCESS_POINTS * strength * coherence + self._value
        return scored

    def suppliers(self, listing_key: str, *, limit: int | None = None) -> list[Fit]:
        """The capabilities given at build time that could make ``listing_key``, best fit first."""
        listing = self._keys.get(listing_key)
        if listing is None or limit == 0 or not self._profiles:
            return []
        scored = []
        for number in _best(self._supplier_scores(listing), limit).tolist():
            profile = self._profiles[number]
            components = self._components(profile, listing)
            score = self._score(profile, components, listing)
            if score >= MIN_FIT:
                scored.append((-score, profile.capability.key, profile, components))
        scored.sort(key=lambda item: item[:2])
        return [
            Fit(key, -negative, self._reasons(profile, listing, components))
            for negative, key, profile, components in (scored if limit is None else scored[:limit])
        ]

    def _supplier_scores(self, listing: int) -> _FloatArray:
        """Every profile's score for ``listing`` at once (the arithmetic of :meth:`_score`, over profiles)."""
        count = len(self._profiles)
        first = self._listing_fields[listing]
        last = self._listing_fields[listing + 1] if listing + 1 < len(self._listing_fields) else len(self._field_text)
        makes = np.zeros(count, dtype=np.float64)
        named = np.zeros(count, dtype=np.float64)
        named_free = np.zeros(count, dtype=np.float64)
        # Only a machine for a process needs what the profile's own words leave of its name (see _Profile.restating).
        a_machine = any(listing in listings for listings in self._equipment)
        bought = np.zeros(count, dtype=bool)
        for fld in range(first, last):
            norm = float(self._field_norm[fld])
            if norm <= 0:
                continue
            terms = self._field_terms[self._field_starts[fld] : self._field_starts[fld + 1]]
            covered = _gather_profiles(self._profile_words, terms, count)
            held = _gather_profiles(self._profile_words, terms, count, ones=True)
            holding, head = frozenset(terms), int(self._field_head[fld])
            for term_id in terms:
                for number in self._profile_bound.get(term_id, ()):
                    profile = self._profiles[number]
                    if not self._counts(profile, term_id, holding, head):
                        covered[number] -= profile.words[term_id]
                        held[number] -= 1.0
            for number in self._clause_readers[held[self._clause_readers] > 1.5].tolist():
                covered[number] = self._field_covered(self._profiles[number], fld)[0]
            if self._metal_headed[fld]:
                covered[~np.isin(np.arange(count), self._profile_stock.get(int(self._stock_head[fld]), _NONE))] = 0.0
                held[covered == 0] = 0.0
            covered[covered < 1e-9] = 0.0
            fits = (covered / norm) * np.minimum(1.0, covered / self._enough_weight)
            makes = np.maximum(makes, fits)
            named_field = fits ** np.where(held > 1, _NAMED_POWER, _ONE_WORD_POWER)
            named = np.maximum(named, named_field)
            if a_machine:
                free = _gather_profiles(self._profile_free, terms, count, ones=True) > 0
                named_free = np.maximum(named_free, np.where(free, named_field, 0.0))
            if self._profile_materials and not self._field_aside[fld]:
                holds = _gather_profiles(self._profile_materials, (head,), count, ones=True) > 0
                heads_made = self._makes_from_materials(head, self._has_process, holds, self._alone)
                bought |= (_gather_profiles(self._profile_materials, terms, count) / norm >= _BOUGHT) & ~heads_made
        names, described_terms = self._listing_terms(listing)
        described = _gather_profiles(self._profile_words, sorted(described_terms), count)
        described = np.minimum(1.0, described / self._described_enough)
        strength = np.zeros(count, dtype=np.float64)
        for process, hits in enumerate(self._process_hits):
            hit = hits.get(listing)
            if hit is not None:
                has = self._has_process[process]
                supplied = self._supplied_by.get((process, hit[1]))
                if supplied is not None:
                    has = has.copy()
                    has[supplied] = 0.0
                strength += hit[0] * has
        part = np.zeros(count, dtype=np.float64)
        for term_id in {int(self._field_head[fld]) for fld in range(first, last)}:
            having = self._profile_parts.get(term_id)
            if having is not None:
                part[having] = _PART_OF
        strength = np.minimum(_MOST_PROCESSES, strength + part)
        strength = np.where(self._alone, strength * _PROCESSES_ALONE, strength)
        materials = np.zeros(count, dtype=np.float64)
        for term_id in names | described_terms:
            found = self._profile_materials.get(term_id)
            if found is not None:
                materials[found[0]] += 1.0
        materials = np.minimum(_MOST_MATERIALS, materials) / _MOST_MATERIALS
        strength[bought] = 0.0
        materials[bought] = 0.0
        part[bought] = 0.0
        evidence = _MAKES_POINTS * makes + _DESCRIBED_POINTS * described + _PROCESS_POINTS * strength
        evidence = np.where(evidence > 0, evidence + _MATERIAL_POINTS * materials, 0.0)
        mentioned = names | described_terms
        kin = np.zeros(len(self._profiles), dtype=np.float64)
        for number, profile in self._material_readers:
            if not bought[number]:
                made_of = len({word for t, word in profile.materials.items() if word in profile.made_of and t in mentioned})
                share = min(_MOST_MATERIALS, made_of) / _MOST_MATERIALS
                if any(self._kin_np[p][listing] for p in profile.processes):
                    kin[number] = share
                evidence[number] += _MADE_OF_POINTS * share * max(profile.served[self._sector_of[listing]], kin[number])
        coherence = _OFF_SECTOR + (1.0 - _OFF_SECTOR) * self._affinity[:, self._sector_of[listing]]
        for process, equipment in enumerate(self._equipment):
            if listing in equipment:
                coherence[self._has_process[process] > 0] = _OFF_SECTOR
                having = self._has_process[process] > 0
                named[having] = named_free[having]
        coherence = coherence + (1.0 - coherence) * np.maximum(np.maximum(named, part), kin)
        coherence *= self._plausible[:, self._sector_of[listing]]
        scored: _FloatArray = np.minimum(100.0, evidence * coherence + float(self._value[listing]))
        return scored


def _best(scores: _FloatArray, limit: int | None) -> _IntArray:
    """The places whose vectorised score may reach MIN_FIT, only the best ``limit`` (and near ties) if limited.

    The vectorised sums may differ from the exact ones in the last bits: a margin is kept, and the caller
    scores the candidates exactly.
    """
    candidates = np.flatnonzero(scores >= MIN_FIT - 0.01)
    if limit is not None and len(candidates) > limit + 4:
        top = np.argpartition(-scores[candidates], limit + 3)[: limit + 4]
        threshold = float(scores[candidates[top]].min()) - 0.01
        candidates = candidates[scores[candidates] >= threshold]
    return candidates


def _gather_profiles(
    postings: dict[int, tuple[_IntArray, _FloatArray]], terms: Iterable[int], size: int, *, ones: bool = False
) -> _FloatArray:
    """Per profile, the sum of its weights of ``terms`` (with ``ones``, how many of them it has)."""
    found = [postings[t] for t in terms if t in postings]
    if not found:
        return np.zeros(size, dtype=np.float64)
    ids = np.concatenate([ids for ids, _ in found])
    summed = np.bincount(ids, minlength=size) if ones else np.bincount(ids, weights=np.concatenate([w for _, w in found]), minlength=size)
    return np.asarray(summed, dtype=np.float64)


def _name_fit(covered: float, norm: float, enough: float) -> float:
    """How well a name is covered: the share of its weight, less when the covering words are few and common."""
    return (covered / norm) * min(1.0, covered / enough)


def _postings(terms: array[int], starts: array[int], size: int) -> dict[int, _IntArray]:
    """Term → the places (fields or listings) holding it, from flat per-place term lists."""
    lists: dict[int, list[int]] = defaultdict(list)
    for place in range(len(starts) - 1):
        for term_id in terms[starts[place] : starts[place + 1]]:
            lists[term_id].append(place)
    return {term_id: np.array(places, dtype=np.int64) for term_id, places in lists.items()}


def _gather(postings: dict[int, _IntArray], weights: dict[int, float], size: int) -> _FloatArray:
    """Per place, the sum of the weights of the terms it holds."""
    places = [postings[t] for t in weights if t in postings]
    if not places:
        return np.zeros(size, dtype=np.float64)
    values = [np.full(len(postings[t]), weights[t]) for t in weights if t in postings]
    summed = np.bincount(np.concatenate(places), weights=np.concatenate(values), minlength=size)
    return np.asarray(summed, dtype=np.float64)


def _typo_of_known(word: str, other: str, vocabulary: dict[str, int]) -> bool:
    """Whether ``other`` would read ``word``, a word the catalog has, as a typo of a neighbour in its own script
    rather than as an inflection of it or a translation."""
    return (
        word in vocabulary
        and is_latin(other) == is_latin(word)
        and not (other.startswith(word) or word.startswith(other))
    )


def _plural_of(word: str, other: str) -> bool:
    """Whether two Latin words are the same word, or one the plural of the other."""
    return word == other or word.removesuffix("s") == other.removesuffix("s") or word.removesuffix("es") == other.removesuffix("es")


# A phrase of a profile's list longer than this is a sentence: its matched words are quoted instead.
_PHRASE_WORDS = 6


def _phrases_holding(text: str, words: set[str]) -> str:
    """The profile's own phrases («کفشک ترمز», «پوسته پمپ») holding the words read from them, as its owner wrote
    them: not «ترمز کفشک» gathered from «لنت ترمز و کفشک ترمز», nor the «چرخ» of «چرخ‌دنده». A phrase as long as a
    sentence gives its words as written instead."""
    phrases = [" ".join(item.split()) for item in re.split(r"[,،;؛/:\n]+|\s+(?:and|va|و)\s+", text) if item.strip()]
    quoted: list[str] = []
    left = set(words)
    for phrase in sorted(phrases, key=lambda item: -len(left & set(tokens(normalize(item))))):
        held = left & set(tokens(normalize(phrase)))
        if not held:
            continue
        if len(phrase.split()) > _PHRASE_WORDS:
            phrase = " ".join(raw for raw in phrase.split() if held & set(tokens(normalize(raw))))
        quoted.append(phrase)
        left -= held
    if not quoted:
        return " ".join(sorted(words))
    return ("، " if any(not is_latin(word) for phrase in quoted for word in tokens(normalize(phrase))) else ", ").join(quoted)


def _part_phrase(text: str, part: str, product: str) -> str:
    """The words of ``text`` naming a part with its product, as written: "pump casings", «بدنه پمپ», "casings for
    pumps", 'posteh pomp' (a Finglish part is read in Persian: the word before its product)."""
    raw = [word.strip(".,;:،؛()") for word in text.split()]
    said = [" ".join(tokens(normalize(word))) for word in raw]
    for at, word in enumerate(said):
        if word == part:
            if at + 1 < len(said) and said[at + 1] == product:
                return f"{raw[at]} {raw[at + 1]}"
            if at > 0 and said[at - 1] == product:
                return f"{raw[at - 1]} {raw[at]}"
            if at + 2 < len(said) and said[at + 1] in ("of", "for") and said[at + 2] == product:
                return " ".join(raw[at : at + 3])
    found = next((at for at, word in enumerate(said) if word == product), None)
    if found is not None and found > 0 and is_latin(product):
        return f"{raw[found - 1]} {raw[found]}"
    return _phrases_holding(text, {part, product})


def _item_holding(text: str, word: str) -> str:
    """The item of a profile's list («ورق فولادی، پلی‌پروپیلن») holding a word read from it, as its owner wrote it:
    a reason quotes «پلی‌پروپیلن», not the «پلی» its half-space splits off."""
    for item in re.split(r"[,،;؛/\n]+", text):
        if word in tokens(normalize(item)) or word in normalize(item):
            return " ".join(item.split())
    return word


def _unique(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(words))


def _distinct(reasons: Iterable[Reason]) -> tuple[Reason, ...]:
    seen: dict[tuple[str, str], Reason] = {}
    for reason in reasons:
        seen.setdefault((reason.kind, normalize(reason.profile_text)), reason)
    return tuple(seen.values())


def _process_words(process: Process) -> frozenset[str]:
    """The process's keywords (normalized) that name the way of working rather than a thing made (see _NAMING)."""
    return frozenset(normalize(keyword) for keyword in process.keywords if normalize(keyword) in _NAMING)


def _names_process(said: Sequence[str], process_words: frozenset[str]) -> str | None:
    """The word of a profile's text (normalized words) that names one of ``process_words``, if any.

    A one-word name also counts as the beginning of a longer word: «تراشکاری» is «تراش» work.
    """
    text = f" {' '.join(said)} "
    joined = set(said)
    for name in process_words:
        if f" {name} " in text or name.replace(" ", "") in joined:
            return name
        if " " not in name and len(name) >= 4:
            for word in said:
                if word.startswith(name):
                    return word
    return None


def read_shop(text: str, processes: Sequence[Process], typed: Mapping[str, Sequence[str]] | None = None) -> Capability:
    """A transient capability read from a manufacturer's message that names no product («کارگاه تراشکاری و جوشکاری
    داریم، میخوایم قطعه بسازیم», "we have a machine shop and want to make parts"): the processes its words name (as a
    profile's text names them, see _names_process; ``typed`` adds the words people type for a process, by key) and the
    metals it names as materials. Nothing it says is read as a product: "parts" or «قطعه» name no listing, and
    a message read as one would be matched to whatever its other words happen to name.

    Empty (no process, no material) when the message names nothing a profile could use.
    """
    said = tokens(normalize(text))
    # What follows "for" names the shop's customers ("parts for sugar and food factories", "baraye sanaye ghazayi"): a
    # process named only there is theirs, not the shop's (a blind trial's lathe shop was read as a food processor).
    own = tokens(normalize(_DESTINATION.sub(" ", text)))
    found = []
    for process in processes:
        words = _process_words(process) | frozenset(normalize(word) for word in (typed or {}).get(process.key, ()))
        if _names_process(own, frozenset(word for word in words if word)) is not None:
            found.append(process.key)
    materials = _unique(word for word in said if word in _MATERIAL_WORDS)
    return Capability(key="", makes="", processes=tuple(found), materials=", ".join(materials))
