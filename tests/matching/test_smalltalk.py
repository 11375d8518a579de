"""Small talk is told from needs: every word must be talk, and one product word makes it a need."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.search import Matcher
from matching.smalltalk import Talk, asks_what_a_status_means, small_talk

TALK = [
    ("hello there", Talk.GREETING),
    ("سلام وقت بخیر", Talk.GREETING),
    ("salam khubi?", Talk.GREETING),
    ("عصر شما بخیر مهندس", Talk.GREETING),
    ("thank you so much", Talk.THANKS),
    ("خیلی ممنون از لطفتون", Talk.THANKS),
    ("mersi dametgarm", Talk.THANKS),
    ("how does this bot work?", Talk.QUESTION),
    ("what can you do?", Talk.QUESTION),
    ("این ربات چیکار میکنه؟", Talk.QUESTION),
    ("پیگیری درخواستم چی شد", Talk.QUESTION),
    ("darkhastam chi shod?", Talk.QUESTION),
    ("درخواستم کجاست؟", Talk.QUESTION),
    ("where is my request?", Talk.QUESTION),
    ("help", Talk.QUESTION),
    # A user trial: a maker typed what /profile does, and it was logged as unmet demand for «حذف پروفایل».
    ("حذف پروفایل", Talk.QUESTION),
    ("delete my profile", Talk.QUESTION),
    ("hazf profil", Talk.QUESTION),
    ("is my information confidential?", Talk.PRIVACY),
    # Messages once searched as needs (issue 12).
    ("عید شما مبارک", Talk.WISHES),
    ("happy Nowruz!", Talk.WISHES),
    ("have a nice day", Talk.FAREWELL),
    ("دمتون گرم", Talk.THANKS),
    ("خسته نباشید", Talk.GREETING),
    ("وقت بخیر", Talk.GREETING),
    ("مرسی از راهنمایی", Talk.THANKS),
    ("who sees my messages?", Talk.PRIVACY),
    ("کی پیام‌های منو می‌بینه؟", Talk.PRIVACY),
    ("کی پیام‌هامو میبینه؟", Talk.PRIVACY),
    ("is my data private?", Talk.PRIVACY),
    ("good night", Talk.FAREWELL),
    ("شب بخیر", Talk.FAREWELL),
    ("سلام شب بخیر", Talk.GREETING),
    ("ok thanks bye", Talk.FAREWELL),
    ("salam khubid?", Talk.GREETING),
    ("merci", Talk.THANKS),
    ("mamnoon", Talk.THANKS),
    ("I want to invest in production", Talk.NO_PRODUCT),
    ("میخوام سرمایه گذاری کنم", Talk.NO_PRODUCT),
    ("علاقه‌مندم", Talk.NO_PRODUCT),
    ("من علاقمندم", Talk.NO_PRODUCT),
]
NEEDS = [
    "پروفیل آلومینیوم",  # an aluminium section (پروفیل), not the bot's profile (پروفایل)
    "aluminium profile",
    "hello, we want to make brake pads",
    "سلام، لنت ترمز وارد میشه؟",
    "salam, pomp chah naft darid?",
    "thanks, and what about transformers?",
    "ربات، کمپرسور یخچال",
    "ok I need valves",
    "merci pump",
    "پمپ چاه نفت",
    "brake pads",
    "لنت ترمز",
    "safety valve",
    "night vision camera",
    "لباس شب",
    "data logger",
    "سال ساخت ۱۴۰۳ لنت",
    "8413",
    "",
    "🙂🙂",
]


@pytest.mark.parametrize(("text", "kind"), TALK)
def test_talk_without_a_product_word_is_small_talk(text: str, kind: Talk) -> None:
    assert small_talk(text) == kind


@pytest.mark.parametrize("text", NEEDS)
def test_a_message_with_a_product_word_is_a_need(text: str) -> None:
    assert small_talk(text) is None


PRODUCT_WORDS = ["transformer", "turbocharger", "لنت", "کمپرسور", "pomp", "insulin", "بلبرینگ", "rail", "valves", "پمپ", "brake", "pads"]


@given(st.sampled_from([text for text, _ in TALK]), st.sampled_from(PRODUCT_WORDS), st.booleans())
def test_one_product_word_anywhere_makes_any_small_talk_a_need(talk: str, word: str, first: bool) -> None:
    assert small_talk(f"{word} {talk}" if first else f"{talk} {word}") is None


@pytest.mark.parametrize(
    "text",
    [
        "چطوری باید ازش استفاده کنم؟",
        "اشتراک چطوریه؟",
        "ربات رایگانه یا پولیه؟",
        "سازنده این ربات کیه؟",
        "robot kar mikone?",
        "who built you?",
    ],
)
def test_questions_about_the_bot_with_clitics_and_usage_words_are_small_talk(text: str) -> None:
    assert small_talk(text) is not None


@pytest.mark.parametrize("text", ["how does this bot work?", "in robot chi kar mikone?", "این ربات چطوری کار میکنه؟"])
def test_small_talk_gets_no_related_suggestion(matcher: Matcher, text: str) -> None:
    found = matcher.lookup(text)
    assert not found.results and not found.related


@pytest.mark.parametrize("text", [
    "لنت ترمز واگذار شده یعنی چی؟ دیگه نمیشه؟",  # beside the listing it was seen on
    "واگذار‌شده یعنی چه",
    "در حال اجرا یعنی هنوز میشه سرمایه گذاری کرد؟",
    "vagozar shode yani chi",
    "dar hal ejra yani chi",
    "What does awarded mean?",
    "brake pads in progress - can I still invest?",
])
def test_a_question_what_a_status_means_is_told_apart(text: str) -> None:
    assert asks_what_a_status_means(text)


@pytest.mark.parametrize("text", ["لنت ترمز", "شیر بسته", "closed loop cooling tower", "still pump", "شیر بسته نمیشه",
                                  "what is the status of my request"])
def test_a_need_or_another_question_is_no_status_question(text: str) -> None:
    assert not asks_what_a_status_means(text)
