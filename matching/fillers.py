"""Words of a need statement that say nothing about *what* is needed.

"I want to invest in producing brake pads" is about brake pads; "می‌خواهم در تولید لنت ترمز
سرمایه‌گذاری کنم" likewise. These words are dropped from queries (never from listings) before
matching, so that they can neither drown the product words nor make a greeting look like a need.
All entries are in normalized form (see :func:`matching.normalize.normalize`).
"""

from __future__ import annotations

from typing import Literal

from .normalize import normalize

_ENGLISH = """
a about after also am an and any anyone are as at be been buy buying can could do does domestic
domestically for from fund funding get give got has have help hello hey hi how i im m re ve ll in interested
interest into invest investing investment investments investor is it its let like locally local localize
localization localise localisation indigenization indigenisation indigenize look looking make making
manufacture manufactured manufacturer manufacturers manufacturing me my need needed needs of on
opportunity opportunities or our partner partners partnership please produce produced producer producers
producing product production products project projects seek seeking search searching setting some
source sourcing start starting substitute substitution supplier suppliers supply the there this to up us
want wanted wanting wants we what where which who will with would you your yourself import imports
imported importing iran iranian country made thanks thank find finding build building create
establish fabricate fabrication develop developing business company factory capital money fundraise
industry industries sector sectors segment field market demand status chance anybody anyone group firm
dear sir madam good morning afternoon evening team engineers engineer details detail program programme
send contact tender tenders call open active buyer buyers support join involved involve localizing
localising instead already know whether if listing listings here now today currently run running
that these those by against than then so very much many more most other such only just but not no nor all
both each it's them they their its which when while because about across over under
bot chatbot talk speak human person free price cost show shows showing tell
nice meet meeting bye goodbye night okay ok yes yeah sure welcome sorry we've we'd should would could might may shall able allowed possible possibility there's
types kinds sorts various priority priorities prioritized
still abroad foreign overseas mine yours factories sell sells selling sold offer offers bought buys purchase purchases purchased procure procured require requires required
""".split()

_PERSIAN = """
من ما میخواهم میخواهیم میخوام میخوایم میخام میخایم خواهم خواهیم خوام خوایم خواد خوان خواین خواید بخواهم بخواهیم میخواستم خواستم می نمی قصد دارم داریم
دارند در تو توی به برای واسه واسهی از با که و یا را رو این ان اون یک یه تولید تولیدی تولیدکننده تولیدکنندگان
ساخت ساخته سازنده سازی سرمایه سرمایهگذاری گذاری گذار سرمایهگذار کنم کنیم کردن کند کنند کرد بکنم
شریک شراکت شرکت دنبال بدنبال هستم هستیم هست است جستجو نیاز داخل داخلی داخلیسازی بومی بومیسازی واردات
وارداتی جایگزین جایگزینی خرید تامین عرضه علاقه علاقهمند مند فرصت فرصتهای پروژه زمینه حوزه کارخانه
راه اندازی راهاندازی خط سلام درود لطفا ممنون مرسی چطور کجا چه چی کی محصول محصولات ایران کشور
میتوانم میتونم بتوانم بتونم میتونه میتونیم میتونن بسازه بسازن اقدام کار تولیدش ساختش
ها های هایی خداحافظ
وارد میشه میشود میشن میشوند میشد میکنن میکنند میکنه میکند میخرن میخرند میخره میخرد میخریم بخریم بخرن خریداری
خارج خارجی لازم لازمه داره دارن دارد دارند نیازمند نیازه بسازیم بسازم بزنم بزنیم بزنن کارخونه کارخونهها
میاد میاره میارن بیاد اومده چیا چیه چیست داری دارید دارین خدانگهدار صنعت صنایع بخش وقت بخیر هستیم دنبال حمایتی حمایت وجود دارد اییا ایا امکان گروه تیم مهندسی
مورد لیست فهرست بدید بدهید بفرستید بفرستین برامون براتون براشون پیشنهاد پیشنهادی پیشنهادتون میدی میدین میدید
انواع اقسام مختلف همینطور همینطوری همچنین قیمت قیمتش قیمتها قیمتشون چنده
اولویت اولویتدار اولویتها اولویتهای اولویتش
الان اکنون حالا فعلا فعلاً فراخوان فراخوانی فراخوانها فراخوانهای
""".split()

FILLERS: frozenset[str] = frozenset(normalize(word) for word in _ENGLISH + _PERSIAN)

# Persian need-statement words as Finglish writers type them (a Latin word the catalog does not know
# whose consonants are those of a Persian filler, e.g. "tolid", "sarmaye", is also dropped).
_FINGLISH = """
salam salaam slm dorood merci mersi mamnoon mamnun mamnoonam lotfan lotfi khaste nabashid nabashin vaght bekheir bekheyr
man ma e ye yek yeki ro ra ru o va ya ba az dar be too tu toye tooye baraye barai bara ke ki chi che chera hast hastesh
hastim hastam hastid darim daram dare dari dareh mikham mikhay mikhaym mikhaim mikhad mikhan mikhastam khastam khaham
mitoonam mitunam mitoonim mitunim betoonam betoonim besazim besazam bsazim sakht sakhte tolid tolidi sarmaye sarmayeh
gozari gozar sarmayegozari sherkat karkhane karkhaneh karkhoone kar mikonim mikonam mikone bekonim konim konam kard
aya aaya list liste hast nist bebinid begid begin begoid lotf konid rahnamaii rahnamayi etelaat darbare in on een oon
ham hamin inja unja alan hala khob kheili kheyli kam ziad zyad mese mesle ya yani ham chand chetor chetori chejoori
khoda hafez khodahafez khodafez sanaye sanat sanaat sanayee anvae anva mokhtalef
vared varedat varede mishe mishan mishavad mikharan mikhare mikharim bekharim kharid kharij kharej niaz niazmand
lazem lazeme daran darand dare ha haye chiye chie bezanam bezanim besazan karkhoone karkhooneh karkhune
niaza niazha niazhaye niazhaei niazhai niazhay niazhaie sazi bedid bedin bedeh bede befrestid befrestin
donbal donbale donbaleh dombal dombale dombaleh alan feelan felan farakhan farakhani
hamintor hamintour hamintori hamchenin gheymat gheimat ghimat gheymatesh gheimatesh chande chandeh dige digeh darin darid
"""
_GENERIC = """
part parts spare spares component components equipment equipments device devices supplies supply stuff thing things
item items anything something consumable consumables material materials chemicals accessories tools tool kit kits
plant plants unit units field fields solutions system systems raw machine machines needs requirements set sets assembly assemblies package packages pack
قطعات قطعه لوازم وسایل وسیله تجهیزات دستگاه دستگاههای دستگاهها مواد اقلام قلم چیز چیزی چیزهای هر مصرفی اولیه یدکی ابزار
ابزارالات کالا کالاهای وسایلی اجناس جنس
چیزا چیزای چیزایی چیزها چیزهایی
mavad mavade ghataat ghatat ghete tajhizat lavazem vasayel dastgah dastgahha dastgahaye abzar yadaki masrafi avalie
"""
GENERIC: frozenset[str] = frozenset(normalize(word) for word in _GENERIC.split())
"""Words that name no particular product ("parts", «تجهیزات»): without them a need may name a whole sector."""

FILLERS = FILLERS | frozenset(_FINGLISH.split())

PART_WORDS: frozenset[str] = frozenset(
    normalize(word)
    for word in "part parts spare spares component components accessories قطعات قطعه لوازم یدکی ghataat ghatat ghete lavazem yadaki".split()
)
"""Words asking for the parts of what the rest of a need names ("fridge parts", «قطعات یخچال»)."""

FAMILY_QUALIFIERS: frozenset[str] = frozenset(
    normalize(word) for word in "industrial industry heavy-duty صنعتی sanati sanaati sanati e sanatie".split()
)
"""Words that qualify a family without narrowing it: «شیر صنعتی», "industrial pumps" are the valves, the pumps."""

DEVICE_WORDS: frozenset[str] = frozenset(
    normalize(word) for word in "machine machines device devices apparatus دستگاه dastgah dastgahe دستگاه‌های".split()
)
"""Words asking for a machine: a listing whose names do not say it is one is a part of it, at most related."""


def _skeletons(words: frozenset[str]) -> frozenset[str]:
    from .lexicon import skeleton

    return frozenset(key for key in (skeleton(word) for word in words if not word.isascii()) if len(key) >= 2)


FILLER_SKELETONS: frozenset[str] = _skeletons(FILLERS)
GENERIC_SKELETONS: frozenset[str] = _skeletons(GENERIC)


# A short need that asks for a *service* done on a product (its repair, installation, rental or
# transport) is not a need for the product: the listing is at most a related suggestion ("تعمیر
# کمپرسور یخچال" is a repair job, though a repair shop may buy the compressor).
_SERVICES = """
repair repairs repairing install installs installing installation installations installer rent renting rental rentals
hire hiring lease leasing transport transporting transportation shipping shipment freight delivery maintenance overhaul
overhauling servicing cleaning
نظافت tamizkari nezafat
تعمیر تعمیرات تعمیری تعمیراتی نصب اجاره کرایه حمل ترابری باربری سرویسکاری
tamir taamir tamirat taamirat tamire taamire nasb ejare ejareh ejareye keraye kerayeh haml
"""
# ... and one for an everyday thing that is no product at all (a fine, a ticket, a lesson, a school,
# decorations, a repairman) names nothing in the catalog, whatever listing word it holds ("seat belt
# ticket fine", «آموزش رانندگی»); nor does a toy, model or miniature of a thing, which is not the thing
# ("wooden toy train with rails" is no rail car; "molds for toys" still asks for molds, see PURPOSE).
_NOT_PRODUCTS = """
ticket tickets fines penalty penalties school schools academy training lessons lesson tutorial tutoring tuition
courses decoration decorations decor repairman repairmen repairer mechanic mechanics technician technicians
جریمه بلیت بلیط آموزش آموزشگاه آموزشگاهی مدرسه تزئینات تزیینات تزئینی تزیینی دکوراسیون تعمیرکار تعمیرگاه
مکانیک تکنسین
jarime jarimeh jarimeye belit bilit amoozesh amuzesh amoozeshgah amuzeshgah madrese madreseh taamirkar tamirkar
taamirgah tamirgah mekanik

toy toys miniature miniatures replica replicas figurine figurines doll dolls
ماکت مینیاتوری عروسک اسباببازی
maket asbabbazi aroosak arusak

curtain curtains drape drapes
پرده پردهها
parde pardeh
"""
# (The last lines: everyday household things. "curtain rail" is no railway rail.)
# Everyday things that are no listing as the head noun of a short English need ("car seat cover" is no seat belt),
# though what they belong to may be one ("pump cover", see Index._unheld_head).
EVERYDAY_HEADS: frozenset[str] = frozenset({"cover", "covers"})
# A need for a place nearby ("pizza near me", «پمپ بنزین نزدیک من کجاست»): a shop or a station, which no
# listing is, whatever its name shares with one.
_NEARBY = frozenset(
    (normalize(first), normalize(second))
    for first, second in (
        ("near", "me"), ("nearest", "me"), ("nearby", ""), ("نزدیک", "من"), ("نزدیکم", ""), ("نزدیکترین", ""),
        ("اطراف", "من"), ("nazdik", "man"), ("nazdikam", ""),
        # ... and a toy («اسباب‌بازی», "asbab bazi"): a toy train, a toy car's motor is no rail car nor motor.
        ("اسباب", "بازی"), ("asbab", "bazi"), ("asbabe", "bazi"),
    )
)
SERVICES: frozenset[str] = frozenset(normalize(word) for word in _SERVICES.split())
NOT_PRODUCTS: frozenset[str] = frozenset(normalize(word) for word in _NOT_PRODUCTS.split())
# Persian inflects these words ("تعمیرات", «جریمه‌های», «آموزشگاه‌ها»): a word starting with one of
# these stems is that word.
_SERVICE_STEMS = tuple(normalize(word) for word in "تعمیر نصب اجاره کرایه".split())
_NOT_PRODUCT_STEMS = tuple(normalize(word) for word in "جریمه بلیت بلیط آموزش تزئین تزیین تعمیرکار تعمیرگاه".split())
PURPOSE: frozenset[str] = frozenset(normalize(word) for word in "for برای واسه واسهی بهر baraye barai bara vase vaase".split())
# Only a short need is read this way: a long message tells of its writer's trade ("I repaired fridges
# for 15 years, now I want to make their parts") around the products it asks for.
SERVICE_QUERY = 8


def service_need(words: list[str]) -> Literal["nothing", "related"] | None:
    """What a short need for a service or an everyday non-product may be answered with, if it is one.

    ``"nothing"`` when it asks for something no listing is, ``"related"`` for a service done on a
    product, else ``None`` (see SERVICES and NOT_PRODUCTS). ``words`` are normalized.
    """
    if not words or len(words) > SERVICE_QUERY:
        return None
    # What follows "for" is whom or what the product serves: «موتور جارو برای تعمیرکارا» is a motor.
    for position, word in enumerate(words):
        if word in PURPOSE:
            words = words[:position]
            break
    # Finglish writes the ezafe onto the word: "nasbe panel", "tamire yakhchal".
    spellings = set(words) | {word[:-1] for word in words if word.isascii() and word.endswith("e")}
    if any(word in NOT_PRODUCTS or (not word.isascii() and word.startswith(_NOT_PRODUCT_STEMS)) for word in spellings):
        return "nothing"
    if any((word, after) in _NEARBY or (word, "") in _NEARBY for word, after in zip(words, [*words[1:], ""])):
        return "nothing"
    if any(word in SERVICES or (not word.isascii() and word.startswith(_SERVICE_STEMS)) for word in spellings):
        return "related"
    return None


# Words that say where a need comes from rather than what it is: "my CNC shop", "petrochemical
# complexes", «کارگاه تراشکاری». Beside a sector's name they leave a need for the whole sector.
_WORKPLACES = """
shop shops workshop workshops complex complexes mill mills assembler assemblers maker makers builder builders
plant plants works site sites yard lab labs
کارگاه کارگاهی مجتمع مجتمعهای سازان کارخانجات
kargah mojtama
"""
WORKPLACES: frozenset[str] = frozenset(normalize(word) for word in _WORKPLACES.split())
# ... and the words of a question about a sector's needs that are no fillers elsewhere: "still",
# «باید», «بشه», «کم دارن» (lack).
_SECTOR_ASKING = """
still else open lacking lack missing short shortage
باید بشه بشن بشود شود کم کمبود
"""
SECTOR_ASKING: frozenset[str] = frozenset(normalize(word) for word in _SECTOR_ASKING.split())
# Sector scope: words that ask for all of a sector ("everything", «همه») or name a segment of its chain
# ("upstream", «پایین‌دستی»). They widen or place the need within the sector; they name no product, so
# beside a sector's name they leave a need for the whole sector (see Index._sector_need).
_SECTOR_SCOPE = """
all every everything entire whole full complete total upstream downstream midstream
همه همهی همش همشون همگی تمام تمامی کل کلیه کلیهی هرچی هرچه جمیع
بالادستی بالادست پاییندستی پاییندست میاندستی
"""
SECTOR_SCOPE: frozenset[str] = frozenset(normalize(word) for word in _SECTOR_SCOPE.split())
# Words before a place name ("in Assaluyeh", «در ماهشهر»), which the catalog does not know.
PLACE_WORDS: frozenset[str] = frozenset(normalize(word) for word in "in at from around near در تو توی از".split())
# Words that give examples of what came before ("industrial machines like CNC and presses"): the
# examples illustrate the sector named, they do not replace it.
EXAMPLE_WORDS: frozenset[str] = frozenset(
    normalize(word) for word in "like such including e.g. eg مثل مانند مثلا مثلاً نظیر".split()
)
