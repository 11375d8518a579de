"""Messages that talk to the bot instead of naming a need: greetings, thanks, goodbyes, holiday wishes,
questions about the bot and about who sees what one sends it.

People open a chat with «سلام», thank the bot, say «شب بخیر» or «عید شما مبارک», or ask "what can you do?",
«درخواستم چی شد؟» and "who sees my messages?". Searched
as needs they get "nothing found" and are counted as unmet demand. :func:`small_talk` tells them apart:
a message is small talk when every word in it is a greeting, a thanks, a word about the bot or its
requests, or a filler of need statements ("I want to invest") — that is, when it names no product at
all. Any other word makes it a need, so a long introduction that starts with «سلام» is still searched.

The caller should still prefer a confident match over small talk: the vocabulary cannot know every
trade name, and a listing found is always the better answer.
"""

from __future__ import annotations

import re
from enum import StrEnum

from .fillers import FILLERS
from .normalize import normalize, tokens


class Talk(StrEnum):
    """What a message without a product word is."""

    GREETING = "greeting"
    THANKS = "thanks"
    FAREWELL = "farewell"
    """Goodbyes and good wishes for the day or night ("have a nice day", «شب بخیر»), thanks included."""
    WISHES = "wishes"
    """Holiday wishes («عید شما مبارک», "happy Nowruz")."""
    PRIVACY = "privacy"
    """Who sees what the user sends ("is my data private?", «کی پیام‌هامو می‌بینه؟»)."""
    QUESTION = "question"
    """About the bot, the program or the user's own requests."""
    NO_PRODUCT = "no_product"
    """A need statement that names nothing ("I want to invest in production")."""


def _words(text: str) -> frozenset[str]:
    return frozenset(normalize(word) for word in text.split())


_GREETINGS = _words("""
hi hello hey hiya yo greetings salam salaam slm salamalaykom salamun dorood dorud morning evening afternoon
سلام درود صبح ظهر عصر شب بخیر خیر علیک علیکم سلامتی خوبی خوبین خوبید چطوری چطورین حالتون حالت خسته نباشید نباشی
khubi khoobi khobi chetori chetorin halet haletun haletoon khaste nabashid nabashi sobh bekheir bekheyr bekhair
روز خوش علیکم وقتتون وقتت وقتبخیر حالتون خوبه خوبن قوت خداقوت ruz rooz khosh khoda ghovat
khubid khoobid khubin khoobin khube khoobe
""")
_HELLO = _words("hi hello hey hiya salam salaam slm dorood dorud سلام درود")
"""Greetings proper: with one of them, «شب بخیر» is a greeting at night, not a goodbye."""
_FAREWELL = _words("""
bye goodbye byebye bb cya ciao farewell night goodnight day weekend later soon tomorrow
خداحافظ خدافظ خدانگهدار بدرود فعلا شب شبتون شبت شبخوش khodahafez khodafez khodanegahdar badrood felan shab shabetun shabetoon
""")
_WISHES = _words("""
happy nowruz norooz noruz nowrooz eid mubarak mobarak holiday holidays yalda
عید عیدتون عیدت نوروز نوروزتون مبارک مبارکه مبارکباد یلدا یلداتون ایام
""")
_PRIVACY = _words("""
privacy private confidential secure security safe secret sees seen reads messages message data chats searches
محرمانه حریم خصوصی امن امنیت محفوظ پیام پیامها پیامهام پیامهامو پیامامو پیامام میبینه میبینن میبیند ببینه ببینن بینه بینن
اطلاعاتم اطلاعاتمو mahramane harim khosusi khososi amn amniat payam payamam payamamo payamha mibine mibinan etelaatam
""")
"""Words that make a message a question about who sees what the user sends."""
_THANKS = _words("""
thanks thank thx tnx ty cheers appreciated appreciate great perfect awesome excellent
merci mersi mamnun mamnoon mamnunam mamnoonam motshakeram moteshakeram sepas dametgarm damet garm dastet dard nakone
ممنون ممنونم مرسی متشکرم متشکر سپاس سپاسگزارم تشکر دمت دمتون دمتان گرم دستت درد نکنه نکند عالی بود لطفتون لطفت لطف
dametoon dametun merc mrc
راهنماییتون راهنماییت lotfetoon lotfet lot much
""")
_ABOUT_THE_BOT = _words("""
bot robot chatbot work works working use using used usage guide manual menu command commands help
request requests requested status happened happen answer answered reply replied respond response lead leads
news update updates result results track tracking follow followed followup registered register account called contacted
ربات بات روبات کار میکنه میکنی میکنید میکنین چیکار چکار چیکاره کاری استفاده راهنما راهنمایی کمک دستور دستورات
درخواست درخواستم درخواستمون درخواستهام شد شده نشد نشده جواب جوابی پاسخ پاسخی پیگیری وضعیت خبر خبری ثبت ثبتش
تماس زنگ نزد نزده گرفت نگرفت کجاست
chikar chekar chikare estefade rahnama rahnamaei komak darkhast darkhastam shod nashod shode javab pasokh
peygiri peigiri vaziat vazyat khabar sabt tamas zang nazad kojast
admin operator support human person real ai free cost costs paid pay
language languages english persian farsi speak understand list updated often new phone number email ministry
government program programme service join add group information info data
ادمین اپراتور پشتیبانی شماره تلفن ایمیل رایگان هزینه پولی زبان انگلیسی فارسی
بلد بلدی بلدید بلدین لیست فهرست جدید وزارت وزارتخانه وزارتخونه وزارتخونهست دولت برنامه نام عضو عضویت اطلاعات
اطلاعاتی قبلی قبلیم مال کدوم کدام اضافه search
zaban englisi engilisi farsi balad baladi rabat bot etelaat admin poshtibani shomare
rahnamaye rahnamaie rahnamaei
robot robat rabot estefade estefadeh built build built created made maker owner owns runs behind company
organisation organization notification notifications notify alert alerts contact contacts contacted reach
documents document required requirements apply application eligible eligibility sign signup login جستجو جستجوش
جستوجو سرچ پیدا سازنده ساخته ساخت رایگان پولی پول اشتراک اشتراکش عضو سامانه سازمان سازمانی صحبت حرف ذخیره نگه
نگهداری رسید رسیده کامل اقلام مدارک مدرک مدارکی طرح شرکت شرکتم شرکتمون اعلان اطلاعیه هشدار jostejoo jostojoo
search serch peyda rayegan pooli puli eshterak sazande sohbat harf
profile profiles پروفایل پروفایلم پروفایلمو حذف delete ویرایش edit profil porofail perofail hazf
""")
"""Words that make a message a question about the bot or the user's own requests."""
_NEUTRAL = _words("""
you your yourself who are can do does did is was how what why when where anybody someone
تو شما کسی کی کجا چرا چطور چجوری چگونه هم آیا
میدی نمیدی میده نمیده میدن میاد میان میمونه میمونن بگیرم بگیریم بدم بدید بدین میدم کنی کنید بکنم باهاتون باهات
میخوره دردی
chera chejoori chetor ham mide nemide midi nemidi miad mimoone mimune begiram bedam mikhore dardi baham bahatoon kari
زیر نظر خدا خیلی داداش مهندس آقای خانم dadash mohandes agha khanom sir madam dear
تون ت م ش مون شون ست ای ی ه e i ye mune mone ها های هام هامو رو منو مرا من see year سال نو
مونه میمونه
مندم مندیم علاقمند علاقمندم علاقمندیم
kar karesh mikone mikoni mikonid mikonin chi che chejori chejoori chetor chetori azat azatun azatoon konam
konim until long wait waiting need needed کنم کنیم کردم کردیم ازت ازتون ازش باهاش باهات چطوریه چیه کیه بزنم
بزنیم هفته پیش ببینم میبینم لازمه لازم میتونی میتونین میتونید میتونم بدی بدین بدید باید bayad should must
""")
"""Question words, pronouns and the clitics a half-space splits off («راهنمایی‌تون», «علاقه‌مندم»): in small talk, saying nothing
of its kind. «علاقه‌مندم» typed instead of tapping the button names no product, like "I'm interested"."""
_REPLIES = _words("""
yes no ok okay oke okey sure yeah nope
بله بلی آره اره آری نه نخیر خیر اوکی اوکیه اکی باشه باش حله چشم قبول خب خوب
bale baleh bali are areh ari na nakheir nakheyr kheir kheyr oki okey baashe bashe basheh baasheh hale halle cheshm ghabul khob
mersii
""")
"""Yes, no and ok in every language the users type. Sent with no question open, they answer nothing the bot
asked: they are a reply to the last message (small talk), never a need."""
_BOT_QUESTIONS = _words("""
loan loans credit finance financing funding vam tashilat
وام وامی تسهیلات اعتبار میز desk desks
میشه میشود میدید میدین میدیم نمیدید
""")
"""What investors ask the bot after a result: loans («وام هم میدید؟») and how to reach the desk («چطوری میشه با
میز تماس گرفت؟»). A loan is not a catalog listing, and the desk is the bot's own word for the ministry office."""
_TALK = _GREETINGS | _HELLO | _REPLIES | _BOT_QUESTIONS | _FAREWELL | _WISHES | _PRIVACY | _THANKS | _ABOUT_THE_BOT | _NEUTRAL


# Persian writes the copula and the pronouns onto the word («رایگانه», «پولیه», «ازت», «سازمانه»,
# «درخواستی»): a word is a talk word when what is left without one of them is.
_CLITICS = tuple(normalize(ending) for ending in "یه ست ه ش ت م ی تون مون شون".split())


def _talk_word(word: str) -> str | None:
    """The talk word ``word`` is, its clitic aside; ``None`` when it may name something."""
    if word in _TALK or word in FILLERS:
        return word
    if word.isascii():
        return None
    for ending in _CLITICS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 2 and (stem in _TALK or stem in FILLERS):
            return stem
    return None


def small_talk(text: str) -> Talk | None:
    """What ``text`` is when it names no product (see the module docstring); ``None`` for a need."""
    read = [_talk_word(word) for word in tokens(normalize(text))]
    if not read or None in read:
        return None
    present = frozenset(word for word in read if word is not None)
    if present & _PRIVACY:
        return Talk.PRIVACY
    if present & _WISHES:
        return Talk.WISHES
    if present & _FAREWELL and not present & _HELLO:
        return Talk.FAREWELL
    if present & _THANKS:
        return Talk.THANKS
    if present & (_ABOUT_THE_BOT | _BOT_QUESTIONS):
        return Talk.QUESTION
    # «خیر» is the "no" of formal Persian; it greets only inside «صبح بخیر», where another greeting word comes with it.
    if present & _GREETINGS - _REPLIES:
        return Talk.GREETING
    return Talk.QUESTION if "?" in text or "؟" in text else Talk.NO_PRODUCT


# A listing's status as the bot writes it (both languages) and as people retype it in Latin letters.
_STATUS = (r"واگذار|در ?حال اجرا|بسته شده|بسته|vag[h]?ozar|vaghozar|dar ?hal[e]? ejra|baste shode|awarded|in progress|"
           r"closed")
# Asking what a word means, or what is still possible: «یعنی چی», «دیگه نمیشه», ``yani chi``, "what does … mean".
_MEANING = (r"یعنی|معنی|معنا|منظور|دیگه نمیشه|دیگر نمی ?شود|هنوز می ?شه|yani|yaani|ya ni|mani|maani|manzoor|"
            r"dige nemishe|mean|means|meaning|still|can i|what is|whats|what s")
_ASKS_STATUS = re.compile(rf"(?<!\S)(?:{_STATUS})(?!\S).*(?<!\S)(?:{_MEANING})(?!\S)|"
                          rf"(?<!\S)(?:{_MEANING})(?!\S).*(?<!\S)(?:{_STATUS})(?!\S)")


def asks_what_a_status_means(text: str) -> bool:
    """Whether ``text`` asks what a listing's status means or what is left to do («لنت ترمز واگذار شده یعنی چی؟ دیگه
    نمیشه؟», "what does awarded mean", ``vagozar shode yani chi``): a question about the bot's words, never a need,
    even when it names the listing it saw the word on. Both a status word and a question of meaning are needed:
    «شیر بسته» (a closed valve) alone is a product."""
    return _ASKS_STATUS.search(" ".join(normalize(text).split())) is not None
