"""A manufacturer saying what it makes is told from an investor's need, in Persian, Finglish and English."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matching.intent import owns_machines, speaks_as_maker

MAKERS = [
    # A blind trial's makers, colloquial: a trade or works they have, «میریزیم» (we cast), «میزنیم» (we press).
    "سلام ما یه ریخته گری چدن داریم تو اصفهان قطعات پمپ و شیرالات میریزیم",
    "ما یه ریخته گری چدن داریم تو اصفهان",
    "قطعات پمپ و شیرآلات میریزیم",
    "تزریق پلاستیک داریم",
    "کارگاه تراشکاری داریم",
    "یه کارخونه قطعات خودرو داریم",
    "قطعات فلزی پرسی میزنیم",
    "چدن کار میکنیم",
    "we do plastic injection moulding, caps, crates and car interior parts",
    "we have a small foundry in Isfahan",
    # Persian, as typed on phones: half-spaces or not, joined «می», colloquial.
    "ما قطعات چدنی ریخته‌گری می‌کنیم، پوسته پمپ و پروانه پمپ",
    "تولیدکننده کمک فنر هستیم",
    "ما لنت ترمز تولید می‌کنیم",
    "لنت ترمز تولید میکنیم",
    "ما پمپ آب می سازیم",
    "شفت و چرخ‌دنده میسازیم برای صنایع نفت",
    "من تابلو برق میسازم",
    "کارخانه ما در تبریز قطعات فورج تولید می‌کند",
    "کارخانه‌ی ما ظرفیت خالی دارد، قطعات پرسی و ورقکاری",
    "شرکت ما از سال ۱۳۸۵ شیرآلات صنعتی تولید می‌کند",
    "ما تولیدکننده‌ایم، قطعات پلاستیکی تزریقی خودرو",
    "سازنده مخازن تحت فشار هستیم",
    "تراشکاری CNC انجام میدیم، قطعات دقیق",
    "قطعات لاستیکی تزریق می‌زنیم",
    "یک کارگاه تراشکاری داریم با پنج دستگاه CNC",
    "واحد تولیدی هستیم، آبکاری و رنگ‌آمیزی الکترواستاتیک می‌کنیم",
    "سلام وقت بخیر، ما کابل و سیم برق تولید میکنیم و دنبال مشتری هستیم",
    "تولیدکننده لوله پلی اتیلن هستیم و دنبال سرمایه‌گذار برای توسعه خط",
    "مونتاژ برد الکترونیکی انجام می‌دهیم",
    "كارخانه ما نخ پلي استر توليد ميكند",  # Arabic-keyboard letters
    # Finglish.
    "ma lent tormoz tolid mikonim",
    "ghataat cheddani misazim",
    "rikhtegari mikonim, poste pomp",
    "tolidkonande komak fanar hastim",
    "karkhane ma dar esfahan ast va ghataat felezi tolid mikonim",
    # Finglish as the Persian cues are said: a trade or works the unit has, «mizanim», «mirizim», words between.
    "ma rikhtegari chodan darim",
    "ma ye kargah tarashkari darim",
    "ye karkhane ghataat khodro darim",
    "ma tazrigh plastik darim",
    "ma ghataat felezi mizanim",
    "ghataat pomp va shir alat mirizim",
    "ma rikhtegari chodan mikonim",
    "ma pomp ab misazim",
    "tolid darim, ghataat lastiki",
    # English.
    "we are a CNC machining shop making shafts and gears",
    "We make brake pads and brake shoes for passenger cars",
    "We manufacture centrifugal pumps",
    "we're a foundry casting pump casings and impellers",
    "I am a manufacturer of shock absorbers",
    "Our plant produces PVC pipes and fittings",
    "Our company, founded in 1998, manufactures transformers up to 20 MVA",
    "we also produce aluminium profiles by extrusion",
    "Manufacturer of industrial valves, looking for buyers in the oil sector",
    "we weld pressure vessels and heat exchangers to ASME",
    # A unit that has its works and wants to make something with them is looking for work (a user trial's first).
    "کارگاه تراشکاری و جوشکاری داریم، میخوایم قطعه بسازیم",
    "یه کارخونه تزریق پلاستیک داریم، می‌خواهیم برای خودروسازها قطعه بزنیم",
    "ma kargah tarashkari va jooshkari darim, mikhaym ghete besazim",
    "we have a machine shop and want to make parts for the car industry",
    # Where the works are, between them and «داریم» (a blind trial's first message was searched as a need).
    "salam, ma ye kargah CNC va ahangari (forging) tu esfahan darim, mikhaim ghataat sanati besazim",
    "سلام، ما یه کارگاه CNC و آهنگری تو اصفهان داریم، میخوایم قطعات صنعتی بسازیم",
    "kargah tarashkari dar shahrak sanati abbasabad darim",
    # A maker asking what else its works could make (a blind trial's was logged as unmet demand).
    "dige chi mitunim besazim? mil lang ham darin?",
    "دیگه چی میتونیم بسازیم؟ میل لنگ هم دارین؟",
    "what else can we make? do you have crankshafts?",
]

NEEDS = [
    # Persian needs: wanting, looking for, investing, asking who makes something.
    "دنبال شریک برای تولید پمپ درون‌چاهی هستم",
    "می‌خواهم در تولید لنت ترمز سرمایه‌گذاری کنم",
    "میخوام کمک فنر تولید کنم",
    "ما می‌خواهیم قطعات چدنی تولید کنیم",
    "قصد داریم خط تولید کابل راه‌اندازی کنیم",
    "شرکت ما تولیدکننده قطعات خودرو است و اکنون قصد سرمایه‌گذاری در تولید لنت ترمز دارد",
    "ما سال‌هاست قطعات خودرو تولید می‌کنیم و حالا می‌خواهیم در ساخت گیربکس سرمایه‌گذاری کنیم",
    "چه کسی پوسته پمپ ریخته‌گری می‌کند؟",
    "کی کمک فنر میسازه؟",
    "به دنبال تولیدکننده شفت هستیم",
    "نیاز داریم به دستگاه تزریق پلاستیک",
    "علاقه‌مند به سرمایه‌گذاری در صنعت فولاد هستم",
    "لنت ترمز",
    "کمپرسور یخچال",
    "سرمایه‌گذاری در ساخت داخل قطعات خودرو",
    "کدام شرکت شیر صنعتی تولید می‌کند؟",
    # The same words as a plan or a want.
    "میخوام ریخته گری راه بندازم",
    "میخوام یه ریخته گری چدن داشته باشم",
    "پیشنهاد همکاری داریم",
    "پول میریزیم تو کار پمپ",
    "ما برای کارخانه ریخته گری نیاز به سرمایه گذار داریم",
    "we want to invest in plastic injection moulding",
    "we want to have a foundry",
    # Finglish.
    "mikham lent tormoz tolid konam",
    "donbal sherik baraye tolid pomp hastam",
    "sarmaye gozari dar tolid kabl",
    "pishnahad hamkari darim",
    "ma hamkari darim ba sherkat haye khareji",
    "mikham ye rikhtegari chodan dashte basham",
    "pool mirizim to kar pomp",
    "ma niaz be kargah tarashkari darim",
    "ma baraye karkhane rikhtegari niaz be sarmaye gozar darim",
    "kharid dastgah tazrigh darim",
    # English.
    "looking for a partner to manufacture ESP pumps",
    "we want to invest in brake pad production",
    "Our company produces auto parts and now wants to invest in gearbox manufacturing",
    "We are an investment group looking for import substitution projects",
    "I would like to produce shock absorbers",
    "who makes pump casings in Iran?",
    "we need a supplier of cast iron parts",
    "refrigerator compressor",
    "brake pads",
    "plans to build a PVC pipe plant",
    "Where can I buy CNC lathes?",
    # A review found these read as makers: cooperation is not a trade, asking how is not making.
    "ما با شرکت های خارجی همکاری می کنیم",
    "i make an order?",
    "how do i build my profile",
    # Having works does not make a want to invest or to buy a maker's (nor a want to make without works).
    "کارگاه داریم، میخوایم سرمایه گذاری کنیم و پمپ بسازیم",
    "کارخانه داریم و میخواهیم در تولید لنت سرمایه گذاری کنیم",
    "میخوایم قطعه بسازیم",
    "we have a factory and want to buy CNC machines to make parts",
    "we have a factory and want to invest in making pumps",
    "ye kargah tu esfahan darim, mikhaim sarmaye gozari konim",
]


@pytest.mark.parametrize("text", MAKERS)
def test_a_maker_saying_what_it_makes_is_told(text: str) -> None:
    assert speaks_as_maker(text)


@pytest.mark.parametrize("text", NEEDS)
def test_a_need_stays_a_need(text: str) -> None:
    assert not speaks_as_maker(text)


def test_the_table_is_large_and_varied() -> None:
    assert len(MAKERS) >= 20 and len(NEEDS) >= 20 and len(MAKERS) + len(NEEDS) >= 40


@given(st.text(max_size=200))
def test_any_text_is_read_without_error(text: str) -> None:
    assert speaks_as_maker(text) in (True, False)


@pytest.mark.parametrize(("text", "owns"), [
    ("6 ta dastgah tazrigh darim", True), ("۶ تا دستگاه تزریق داریم", True), ("we have 6 injection machines", True),
    ("ma sazande dastgah tazrigh hastim", False), ("we make injection moulding machines", False),
    ("ما سازنده دستگاه تزریق پلاستیک هستیم", False),
    ("3 ta dastgah CNC torno va ye freze darim", True), ("۳ تا دستگاه CNC تراش و یک فرز داریم", True),
    ("dastgah tazrigh mikhaim bekharim chon moshtari darim", False), ("دستگاه تزریق میخوایم بخریم چون مشتری داریم", False),
])
def test_a_maker_saying_it_has_machines(text: str, owns: bool) -> None:
    """A listing that is such a machine is the maker's equipment, not something it could make (a blind trial)."""
    assert owns_machines(text) is owns
