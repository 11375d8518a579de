"""Issue 14's manufacturer profile end to end: the real bot (``python -m bot run``) through the fake Bot API.

A Persian manufacturer builds a whole profile with buttons and typed answers (a refused date said plainly on the
way), edits one field, sees the card in Persian, lets investors see it and hides it again, and deletes it after
the confirmation: /profile then offers to build one again and no row of the database names the company.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import Engine
from sqlalchemy import select as select_all
from sqlmodel import Session, SQLModel, select

from bot.store.models import ManufacturerProfile, SearchLog

from .conftest import BotProcess, Users, buttons, say
from .fake_bot_api import FakeBotApi, FakeUser, SentMessage
from .test_conversations import answer_of, tap

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("accepted_everything")]

COMPANY = "صنایع ریخته‌گری و ماشین‌سازی زاینده‌رود"


def pick(fake: FakeBotApi, user: FakeUser, message: SentMessage, label: str, contains: str) -> SentMessage:
    """Press a button that edits its message into the next question (or the card), and check what it says."""
    _, edited = tap(fake, user, message, label)
    assert contains in edited.visible_text, edited.visible_text
    return edited


def rows_naming(engine: Engine, text: str) -> list[str]:
    """Every row of every table whose values mention ``text``, as ``table: row``."""
    found = []
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for row in connection.execute(select_all(table)):
                if text in " ".join(str(value) for value in row):
                    found.append(f"{table.name}: {tuple(row)}")
    return found


@pytest.mark.also_postgres
def test_a_persian_manufacturer_builds_edits_shares_and_deletes_a_profile(bot: BotProcess, fake: FakeBotApi, users: Users,
                                                                         engine: Engine) -> None:
    maker = users.new("fa")
    offer = say(fake, maker, "/profile", contains="هنوز پروفایلی ندارید")
    question = pick(fake, maker, offer, "ساختن پروفایل", "گام ۱ از ۱۱")
    assert buttons(question) == []
    question = say(fake, maker, COMPANY, contains="گام ۲ از ۱۱")
    assert len(buttons(question)) == 32 and "اصفهان" in buttons(question)
    question = pick(fake, maker, question, "اصفهان", "چه چیزی تولید می‌کند")
    question = say(fake, maker, "پوسته پمپ، پروانه و فلنج چدنی برای صنایع آب و نفت", contains="کدام فرایندها")
    question = pick(fake, maker, question, "ریخته‌گری", "اکنون: ریخته‌گری")
    assert "✅ ریخته‌گری" in buttons(question)
    question = pick(fake, maker, question, "ماشین‌کاری دقیق", "اکنون: ماشین‌کاری دقیق؛ ریخته‌گری")
    assert "✅ ماشین‌کاری دقیق" in buttons(question) and "✅ ریخته‌گری" in buttons(question)
    question = pick(fake, maker, question, "تمام", "مواد اولیهٔ اصلی")
    question = say(fake, maker, "چدن خاکستری و داکتیل", contains="ماشین‌آلات شاخص")
    question = say(fake, maker, "کوره القایی ۲ تن، ۳ دستگاه تراش CNC", contains="کدام گواهی‌نامه‌ها")
    question = pick(fake, maker, question, "ایزو ۹۰۰۱", "اکنون: ایزو ۹۰۰۱")
    assert "✅ ایزو ۹۰۰۱" in buttons(question)
    question = pick(fake, maker, question, "تمام", "ظرفیت تولیدتان")
    question = say(fake, maker, "ماهی ۴۰ تن قطعه", contains="راکد است")
    question = pick(fake, maker, question, "بله", "از چه تاریخی")
    refused = say(fake, maker, "۱۴۰۴/۱۲/۳۰", contains="چنین روزی در تقویم نیست")
    assert "از چه تاریخی" in refused.visible_text
    question = say(fake, maker, "۱۴۰۳/۰۷/۰۱", contains="دانش‌بنیان")
    question = pick(fake, maker, question, "بله", "سرمایه‌گذاران پروفایل شما را ببینند؟")
    assert "حساب تلگرام و راه تماس شما هرگز نمایش داده نمی‌شود" in question.visible_text
    card = pick(fake, maker, question, "نه، خصوصی بماند", "✅ پروفایل شما ذخیره شد")
    for line in (f"شرکت: {COMPANY}", "استان: اصفهان", "فرایندها: ماشین‌کاری دقیق؛ ریخته‌گری", "مواد اولیه: چدن خاکستری و داکتیل",
                 "گواهی‌نامه‌ها: ایزو ۹۰۰۱", "ظرفیت: ماهی ۴۰ تن قطعه", "راکد: بله، از ۱ مهر ۱۴۰۳", "دانش‌بنیان: بله", "🔒 خصوصی"):
        assert line in card.visible_text, line

    # One field edited without redoing the form: the question shows what it holds now; the card follows.
    question = pick(fake, maker, card, "✏️ ظرفیت", "اکنون: ماهی ۴۰ تن قطعه")
    card = say(fake, maker, "ماهی ۶۰ تن قطعه در دو شیفت", contains="✅ به‌روز شد.")
    assert "ظرفیت: ماهی ۶۰ تن قطعه در دو شیفت" in card.visible_text and f"شرکت: {COMPANY}" in card.visible_text

    # A plain message after the form is a search again, not an answer.
    assert "پروفایل" not in say(fake, maker, "پمپ آب").visible_text

    # Consent from the card, both ways, each said in a toast.
    card = say(fake, maker, "/profile", contains="پروفایل واحد تولیدی شما")
    toast, card = tap(fake, maker, card, "🔓 سرمایه‌گذاران ببینند")
    assert toast == "اکنون سرمایه‌گذاران می‌توانند پروفایل شما را ببینند." and "🔓 سرمایه‌گذاران می‌توانند" in card.visible_text
    toast, card = tap(fake, maker, card, "🔒 از سرمایه‌گذاران پنهان شود")
    assert toast == "پروفایل شما اکنون خصوصی است." and "🔒 خصوصی" in card.visible_text

    # Deletion: the confirmation says what goes; then nothing names the company (which rows did before).
    assert [row.split(":")[0] for row in rows_naming(engine, "زاینده‌رود")] == ["manufacturerprofile"]
    confirm = pick(fake, maker, card, "🗑 حذف پروفایل من", f"پروفایل {COMPANY} حذف شود؟")
    mark = fake.mark(maker.id)
    query = fake.press_button(maker, confirm, "بله، حذف شود")
    assert answer_of(fake, query) == "حذف شد."
    gone = fake.wait_for_message(maker.id, after=mark, contains="پروفایل شما حذف شد")
    assert "🏭 ساختن پروفایل" in buttons(gone)
    say(fake, maker, "/profile", contains="هنوز پروفایلی ندارید")
    with Session(engine) as session:
        assert session.exec(select(ManufacturerProfile).where(ManufacturerProfile.user_id == maker.id)).first() is None
    assert rows_naming(engine, "زاینده‌رود") == []


def demand_report(bot: BotProcess) -> list[dict[str, object]]:
    """``matchbot report demand --json`` on the bot's database: the unmet demand an admin reads."""
    env = {**os.environ, "DATABASE_URL": bot.database_url}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    result = subprocess.run([sys.executable, "-m", "bot", "report", "demand", "--json"], capture_output=True, text=True,
                            env=env, check=True, timeout=120)
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.also_postgres
def test_a_persian_manufacturer_who_types_instead_of_tapping(bot: BotProcess, fake: FakeBotApi, users: Users,
                                                            engine: Engine) -> None:
    """The blind trial's user: «اصفهان», «نه», «تراشکاری، ریخته گری», «اول مهر ۱۴۰۳» typed at the button questions
    were searches, "nothing found" and unmet demand. Each is now the answer, and the card comes out right."""
    maker = users.new("fa")
    offer = say(fake, maker, "/profile", contains="هنوز پروفایلی ندارید")
    pick(fake, maker, offer, "ساختن پروفایل", "گام ۱ از ۱۱")
    provinces = say(fake, maker, "کارگاه ریخته‌گری نقش جهان", contains="گام ۲ از ۱۱")
    say(fake, maker, "اصفهان", contains="گام ۳ از ۱۱")
    say(fake, maker, "پوسته پمپ و پروانه چدنی", contains="گام ۴ از ۱۱")
    ticked = say(fake, maker, "تراشکاری، ریخته گری", contains="✅ انتخاب شد: ماشین‌کاری دقیق؛ ریخته‌گری.")
    assert "✅ ماشین‌کاری دقیق" in buttons(ticked) and "✅ ریخته‌گری" in buttons(ticked) and "گام ۴ از ۱۱" in ticked.visible_text
    say(fake, maker, "همین", contains="گام ۵ از ۱۱")
    say(fake, maker, "چدن خاکستری", contains="گام ۶ از ۱۱")
    say(fake, maker, "بعداً", contains="گام ۷ از ۱۱")
    say(fake, maker, "ندارم", contains="گام ۸ از ۱۱")
    idle = say(fake, maker, "ماهی ۱۰ تن", contains="گام ۹ از ۱۱")
    say(fake, maker, "آره، از اول مهر ۱۴۰۳", contains="گام ۱۰ از ۱۱")  # the date with the yes: not asked again
    say(fake, maker, "نه", contains="گام ۱۱ از ۱۱")
    card = say(fake, maker, "نه", contains="✅ پروفایل شما ذخیره شد")
    for line in ("شرکت: کارگاه ریخته‌گری نقش جهان", "استان: اصفهان", "فرایندها: ماشین‌کاری دقیق؛ ریخته‌گری",
                 "مواد اولیه: چدن خاکستری", "ماشین‌آلات: —", "گواهی‌نامه‌ها: —", "راکد: بله، از ۱ مهر ۱۴۰۳",
                 "دانش‌بنیان: خیر", "🔒 خصوصی"):
        assert line in card.visible_text, line
    with Session(engine) as session:
        assert session.exec(select(SearchLog).where(SearchLog.user_id == maker.id)).all() == []
    typed = {"اصفهان", "نه", "تراشکاری، ریخته گری", "همین", "بعداً", "ندارم", "آره، از اول مهر ۱۴۰۳"}
    assert not [row for row in demand_report(bot) if typed & {str(row["need"]), *map(str, row["examples"])}]

    # The questions answered by typing are still in the chat with their buttons. Tapped on the saved profile, they
    # moved the province to Yazd and opened step 3 again; now they change nothing and say so, in Persian.
    for message, label in ((provinces, "یزد"), (idle, "خیر")):
        toast, shown = tap(fake, maker, message, label)
        assert toast == "چیزی تغییر نکرد: این دکمه مال پرسشی قدیمی‌تر بود."
        assert shown.visible_text.startswith("پروفایل شما پیش‌تر ذخیره شده است؛") and "گام" not in shown.visible_text
        assert "استان: اصفهان" in shown.visible_text and "راکد: بله، از ۱ مهر ۱۴۰۳" in shown.visible_text
    with Session(engine) as session:
        saved = session.exec(select(ManufacturerProfile).where(ManufacturerProfile.user_id == maker.id)).one()
        assert saved.province == "isfahan" and saved.idle is True
