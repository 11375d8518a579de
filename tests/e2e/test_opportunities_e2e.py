"""What could my factory make? End to end through the fake Bot API: a Persian manufacturer (whose profile is stored
before the bot starts) reads /opportunities with reasons, opens a card and comes back, subscribes from the list; an
admin adds a listing that fits with /addproduct, runs /digest_now, and the manufacturer's digest brings it in the
section «کالاهای تازه‌ای که با توانمندی شما جور است»."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.store.db import make_engine
from bot.store.models import ManufacturerProfile, User

from .conftest import ADMIN, BotProcess, run_cli, say
from .fake_bot_api import FakeBotApi, FakeUser, SentMessage

pytestmark = pytest.mark.e2e

MANUFACTURER = FakeUser(id=640_001, first_name="داریوش", username="tabriz_parts", language_code="fa")
# A listing an admin adds in one message: a machined shaft, which a machine shop can make.
NEW_LISTING = ("/addproduct\ncode: MCH-960\nname_en: Machined pump shaft\nname_fa: شفت تراشکاری‌شده پمپ\nhs_code: 8483.10\n"
               "sector: machinery\nannual_import_usd: 27000000\naliases: machined shaft; pump shaft")
_LISTING_CODE = re.compile(r"\b[A-Z]{3}-\d{3}\b")


@pytest.fixture(scope="module")
def bot(fake: FakeBotApi, e2e_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    """The seeded bot; before it starts, a Persian-speaking user has a machine shop's profile (as /profile would store)."""
    workdir = tmp_path_factory.mktemp("opportunities")
    process = BotProcess(fake, e2e_database_url, workdir)
    # Digests go out when the admin sends /digest_now, not at a scheduler tick the test might cross.
    process.env["DIGEST_INTERVAL_SECONDS"] = "0"
    run_cli("seed", env=process.env, cwd=workdir)
    engine = make_engine(e2e_database_url)
    with Session(engine) as session:
        session.add(User(id=MANUFACTURER.id, first_name=MANUFACTURER.first_name, username=MANUFACTURER.username, language="fa"))
        session.flush()
        session.add(ManufacturerProfile(user_id=MANUFACTURER.id, company="قطعه‌سازی دقیق تبریز", province="east_azerbaijan",
                                        makes="قطعات تراشکاری CNC: شفت، چرخ‌دنده، فلنج، پوسته پمپ و گیربکس برای صنایع نفت، خودرو و ماشین‌سازی",
                                        processes="machining;casting;heat_treatment", materials="چدن; فولاد"))
        session.commit()
    engine.dispose()
    process.start()
    try:
        fake.wait_for_message(ADMIN.id, after=fake.send_message(ADMIN, "/start"), contains="Hello")
        yield process
    finally:
        status = process.stop()
        if status not in (0, None):
            print(process.describe_log(), file=sys.stderr)
            pytest.fail(f"the bot exited with status {status} on SIGINT")


def tap(fake: FakeBotApi, user: FakeUser, message: SentMessage, label: str, contains: str) -> SentMessage:
    mark = fake.mark(user.id)
    fake.press_button(user, message, label)
    return fake.wait_for_message(user.id, after=mark, contains=contains)


@pytest.mark.also_postgres
def test_a_persian_manufacturer_gets_opportunities_and_a_new_fitting_listing_reaches_their_digest(fake: FakeBotApi, bot: BotProcess) -> None:
    since = bot.log_size()
    # The list: Persian lines, value-weighted, each with its sector, yearly imports in Persian digits and why it fits.
    listing = say(fake, MANUFACTURER, "/opportunities", "کالاهایی که کارخانه شما می‌تواند بسازد")
    text = listing.visible_text
    assert text.startswith("🏭 کالاهایی که کارخانه شما می‌تواند بسازد — ۱ تا ۵ از "), text
    entries = text.split("\n\n")[1:6]
    assert len(entries) == 5 and all(entry.count("\n") == 2 for entry in entries), text
    for number, entry in enumerate(entries, 1):
        name_line, figures, reason = entry.split("\n")
        assert name_line.startswith("۱۲۳۴۵"[number - 1] + ". ") and _LISTING_CODE.search(name_line)
        assert "واردات" in figures and re.search("[۰-۹]", figures) and not re.search("[0-9]", figures)
        assert reason.strip().startswith("💡 ") and re.search("[آ-ی]", reason)
        # The profile is Persian: no English word of the listing («shaft») inside a Persian reason.
        assert not re.search("[a-z]", reason), reason
    assert "می‌سازید" in text or "می‌کنید" in text  # reasons speak of what the unit makes or does, in Persian
    first_code = _LISTING_CODE.findall(entries[0])[0]

    # A card opens in place, browse's card with the way back; back shows the same list.
    card = tap(fake, MANUFACTURER, listing, f"۱. {first_code}", "کد تعرفه HS")
    assert card.message_id == listing.message_id and first_code in card.visible_text
    assert [label for label, _ in card.buttons()][-1] == "▶️ بازگشت به فهرست"
    back = tap(fake, MANUFACTURER, card, "بازگشت به فهرست", "کالاهایی که کارخانه شما می‌تواند بسازد")
    assert back.visible_text == text

    # Not subscribed yet: the list offers digests, the picker comes with the fitting sectors ticked.
    picker = tap(fake, MANUFACTURER, back, "کالاهای تازه را در خلاصه‌ها برایم بفرست", "اشتراک")
    assert any(label.startswith("✅") for label, _ in picker.buttons())
    frequency = tap(fake, MANUFACTURER, picker, "تمام", "هر چند وقت")
    tap(fake, MANUFACTURER, frequency, "همان لحظه", "اشتراک ثبت شد")
    assert "کالاهای تازه‌ای هم که به کار شما می‌آیند در خلاصه‌هایتان فرستاده می‌شود" in say(
        fake, MANUFACTURER, "/opportunities", "کالاهایی که کارخانه شما").visible_text

    # An admin adds a listing that fits, in one message, and runs a digest round.
    say(fake, ADMIN, NEW_LISTING, "Listing added")
    mark = fake.mark(MANUFACTURER.id)
    say(fake, ADMIN, "/digest_now", "📬", timeout=30)
    digest = fake.wait_for_message(MANUFACTURER.id, after=mark, contains="📬", timeout=30)
    seen = digest.visible_text
    assert seen.startswith("📬 تازه‌های شما"), seen
    section = seen.split("🏭 کالاهای تازه‌ای که با توانمندی شما جور است")[1]
    assert "MCH-960 · شفت تراشکاری‌شده پمپ" in section.split("\n\n")[0]
    assert "💡 " in section.split("\n\n")[0] and "start=p_MCH-960" in digest.text
    assert seen.count("MCH-960") == 1  # not repeated under its sector, which the manufacturer follows
    assert fake.rejected == []
    assert bot.problems(since) == [], bot.describe_log(since)
