"""``matchbot chat --language fa --admin``: issue 12's items tried in one Persian console session, as the e2e
tests try them through the fake Bot API (tests/e2e/test_persian_first_e2e.py)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.dates import format_date, from_jalali, persian_digits, to_jalali

from .test_console import NEW_PRODUCT, Step, button, chat, product, settings_for, wait_for


def test_a_persian_admin_tries_every_item_in_the_console(database_url: str, tmp_path: Path) -> None:
    year = to_jalali(datetime.now(ZoneInfo("Asia/Tehran")).date())[0] + 1  # type: ignore[index]
    upload = tmp_path / "کالاها.csv"
    upload.write_text(NEW_PRODUCT, encoding="utf-8")
    files = tmp_path / "files"
    steps: list[Step] = [
        "سلام", "/status",
        # A multi-line edit with a Jalali deadline, and one with an impossible date.
        "/editproduct OGS-003 \\", f"deadline: {year}/10/25",
        "/editproduct OGS-003 \\", "deadline: 1405-13-40",
        "/product aut-8",
        # An interest, then /myleads: withdrawn after the confirmation.
        "/product OGS-001", button("علاقه‌مندم"), button("بگذر"),
        "/myleads", button("انصراف از OGS-001"), button("بله، انصراف می‌دهم"),
        # Instant digests; a closed listing's "tell me if it reopens" comes back through the scheduler (JobQueue).
        "/subscribe", button("ریلی"), button("تمام"), button("همان لحظه"),
        "/closeproduct AUT-008", "/product AUT-008", button("اگر دوباره باز شد خبرم کن"),
        "/reopenproduct AUT-008", wait_for("📬 تازه‌های شما"),
        "/unsubscribe", button("نه، بماند"),
        f"/upload {upload} /import", button("اعمال"),
        "/export subscribers", "/stats",
    ]
    output = chat(settings_for(database_url, digest_interval_seconds=0.3), steps, language="fa", admin=True, files=files)
    assert "Traceback" not in output and output.endswith("bye\n")
    assert "سلام! 👋" in output and "دستور /status را نمی‌شناسم." in output
    assert f"مهلت: {format_date('fa', from_jalali(year, 10, 25))}" in output
    assert f" دی {persian_digits(str(year))}" in format_date("fa", from_jalali(year, 10, 25))
    assert "«1405-13-40» تاریخ درستی نیست: ماه‌ها از ۱ تا ۱۲ هستند" in output
    assert "منظورتان AUT-008 بود؟" not in output and "AUT-008 · کمک‌فنر" in output
    assert "از علاقه‌مندی به OGS-001 · " in output and "وضعیت: ↩️ شما انصراف دادید" in output
    digest = output.split("📬 تازه‌های شما")[1].split("you ›")[0]
    assert "AUT-008" in digest and "🔔 دوباره باز شد، همان‌طور که خواسته بودید" in digest
    kept = output.split("🛑 همه اشتراک‌ها لغو شود؟")[1]
    assert "⚙️ اشتراک‌های شما" in kept.split("you ›")[1]  # Keep: the subscriptions, still there
    found = product(database_url, "AUT-900")
    assert found is not None and found.name_fa == "لنت ترمز سرامیکی"
    (saved,) = files.iterdir()
    assert saved.name.startswith("subscribers-") and saved.read_bytes().startswith(b"\xef\xbb\xbfuser_id,")
    assert "👥 کاربران ربات: ۱." in output
    assert re.search(r"🔔 مشترکان: ۱ فعال · ۰ در توقف موقت · ۰ لغوشده\nهمان لحظه ۱ · روزانه ۰ · هفتگی ۰ · هشدارها ۰", output), output[-1500:]
