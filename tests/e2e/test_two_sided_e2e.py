"""Issue 14's whole story in one real bot, through the fake Bot API, every step typed or tapped as people do.

A Persian manufacturer builds a profile in chat (nothing stored for them beforehand), reads /opportunities and
subscribes; an admin adds a listing that fits and the manufacturer's digest brings it; the admin sees the
manufacturer among the listing's capable suppliers; an English investor asks for an introduction, the
manufacturer accepts and each gets the other's contact; then the manufacturer deletes the profile, and it is gone
everywhere: the card, /suppliers, /opportunities, the investor's introductions, the database.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.store.models import Introduction, IntroductionState, ManufacturerProfile

from .conftest import ADMIN, BotProcess, Users, buttons, say
from .fake_bot_api import FakeBotApi, FakeUser, SentMessage
from .test_conversations import answer_of
from .test_profile_e2e import pick, rows_naming

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("accepted_everything")]
# Digests go out when the admin sends /digest_now, not at a scheduler tick the test might cross.
BOT_SETTINGS = {"digest_interval_seconds": 0}

COMPANY = "گیربکس‌سازی البرز"
MAKES = "گیربکس صنعتی و کاهنده دور هلیکال برای نوار نقاله و میکسر، چرخ‌دنده و شفت"
# A listing that fits the unit, added by an admin in one message once the manufacturer has subscribed.
NEW_LISTING = ("/addproduct\ncode: MCH-970\nname_en: Worm gear reducer for conveyors\nname_fa: گیربکس حلزونی نوار نقاله\n"
               "hs_code: 8483.40\nsector: machinery\nannual_import_usd: 19000000\naliases: worm gearbox; گیربکس حلزونی")


def press(fake: FakeBotApi, user: FakeUser, message: SentMessage, label: str, contains: str, *, to: int | None = None) -> SentMessage:
    """Press a button and wait for what the bot sends or edits in ``to``'s chat (the presser's by default)."""
    chat = user.id if to is None else to
    mark = fake.mark(chat)
    fake.press_button(user, message, label)
    return fake.wait_for_message(chat, after=mark, contains=contains)


def build_profile(fake: FakeBotApi, maker: FakeUser) -> SentMessage:
    """The guided build, the way a hurried manufacturer does it: the essentials, Skip for the rest, shared."""
    offer = say(fake, maker, "/profile", contains="هنوز پروفایلی ندارید")
    pick(fake, maker, offer, "ساختن پروفایل", "گام ۱ از ۱۱")
    question = say(fake, maker, COMPANY, contains="گام ۲ از ۱۱")
    question = pick(fake, maker, question, "البرز", "چه چیزی تولید می‌کند")
    question = say(fake, maker, MAKES, contains="کدام فرایندها")
    question = pick(fake, maker, question, "ماشین‌کاری دقیق", "اکنون: ماشین‌کاری دقیق")
    question = pick(fake, maker, question, "تمام", "مواد اولیهٔ اصلی")
    question = pick(fake, maker, question, "بگذر", "ماشین‌آلات شاخص")
    question = pick(fake, maker, question, "بگذر", "کدام گواهی‌نامه‌ها")
    question = pick(fake, maker, question, "بگذر", "ظرفیت تولیدتان")
    question = pick(fake, maker, question, "بگذر", "راکد است")
    question = pick(fake, maker, question, "خیر", "دانش‌بنیان")
    question = pick(fake, maker, question, "خیر", "سرمایه‌گذاران پروفایل شما را ببینند؟")
    return pick(fake, maker, question, "بله، ببینند", "✅ پروفایل شما ذخیره شد")


@pytest.mark.also_postgres
def test_a_manufacturer_is_found_introduced_and_forgotten(bot: BotProcess, fake: FakeBotApi, users: Users, engine: Engine) -> None:
    maker = FakeUser(id=810_001, first_name="Kaveh", username="kaveh_gears", language_code="fa")
    say(fake, maker, "/start")

    # 1. A profile built in Persian, shared with investors; its card leads to the opportunities.
    card = build_profile(fake, maker)
    assert f"شرکت: {COMPANY}" in card.visible_text and "استان: البرز" in card.visible_text
    assert "🔓 سرمایه‌گذاران می‌توانند" in card.visible_text

    # 2. What could the factory make: the gear reducer first, with why it fits, in Persian.
    listing = press(fake, maker, card, "کارخانه من چه می‌تواند بسازد", "کالاهایی که کارخانه شما می‌تواند بسازد")
    first = listing.visible_text.split("\n\n")[1]
    assert "MCH-007" in first and "💡 " in first, listing.visible_text

    # 3. Subscribed from the list; a new listing that fits reaches the digest, in the capabilities section.
    picker = press(fake, maker, listing, "کالاهای تازه را در خلاصه‌ها برایم بفرست", "اشتراک")
    frequency = press(fake, maker, picker, "تمام", "هر چند وقت")
    press(fake, maker, frequency, "همان لحظه", "اشتراک ثبت شد")
    say(fake, ADMIN, NEW_LISTING, contains="Listing added")
    mark = fake.mark(maker.id)
    say(fake, ADMIN, "/digest_now", contains="📬", timeout=30)
    digest = fake.wait_for_message(maker.id, after=mark, contains="📬", timeout=30)
    section = digest.visible_text.split("🏭 کالاهای تازه‌ای که با توانمندی شما جور است")[1]
    assert "MCH-970" in section.split("\n\n")[0], digest.visible_text

    # 4. The desk sees the manufacturer among the listing's capable suppliers.
    product = say(fake, ADMIN, "/product MCH-007", contains="MCH-007")
    capable = [label for label in buttons(product) if label.startswith("🏭 Capable manufacturers")]
    assert capable, buttons(product)
    suppliers = press(fake, ADMIN, product, capable[0], "Capable manufacturers")
    assert COMPANY in suppliers.visible_text and "Alborz" in suppliers.visible_text

    # 5. An English investor asks to meet them; the manufacturer accepts; each gets the other's contact.
    investor = users.new("en", first_name="Alice", username="alice_invests")
    say(fake, investor, "/start")
    product = say(fake, investor, "/product MCH-007", contains="MCH-007")
    introduce = [label for label in buttons(product) if label.startswith("🤝 Introduce me")]
    assert introduce, buttons(product)
    offer = press(fake, investor, product, introduce[0], "could make")
    assert COMPANY not in offer.visible_text  # no name before the manufacturer accepts
    maker_mark = fake.mark(maker.id)
    press(fake, investor, offer, "Yes, ask them", "The bot asked")
    question = fake.wait_for_message(maker.id, after=maker_mark, contains="می‌خواهد با شما آشنا شود")
    investor_mark = fake.mark(investor.id)
    to_maker = press(fake, maker, question, "✅ می‌پذیرم", "پذیرفتید")
    assert "@alice_invests" in to_maker.visible_text
    to_investor = fake.wait_for_message(investor.id, after=investor_mark, contains="accepted to meet you")
    assert COMPANY in to_investor.visible_text and "@kaveh_gears" in to_investor.visible_text

    # 6. The manufacturer deletes the profile: it is gone from every view and every row.
    card = say(fake, maker, "/profile", contains="پروفایل واحد تولیدی شما")
    confirm = pick(fake, maker, card, "🗑 حذف پروفایل من", f"پروفایل {COMPANY} حذف شود؟")
    mark = fake.mark(maker.id)
    assert answer_of(fake, fake.press_button(maker, confirm, "بله، حذف شود")) == "حذف شد."
    fake.wait_for_message(maker.id, after=mark, contains="پروفایل شما حذف شد")
    # Seeded illustrative registry units may still be listed; the deleted profile is not (nor in any row, below).
    assert COMPANY not in say(fake, ADMIN, "/suppliers MCH-007").visible_text
    product = say(fake, investor, "/product MCH-007", contains="MCH-007")
    assert not [label for label in buttons(product) if label.startswith("🤝 Introduce me")]
    mine = say(fake, investor, "/introductions", contains="Your introductions")
    assert COMPANY not in mine.visible_text
    say(fake, maker, "/opportunities", contains="/profile")
    with Session(engine) as session:
        assert session.exec(select(ManufacturerProfile).where(ManufacturerProfile.user_id == maker.id)).first() is None
        (trace,) = session.exec(select(Introduction).where(Introduction.investor_id == investor.id)).all()
        assert (trace.profile_id, trace.state) == (None, IntroductionState.REMOVED)
    assert rows_naming(engine, "گیربکس‌سازی البرز") == []
