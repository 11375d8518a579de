"""``matchbot chat``: the console driven by a scripted stdin, its printed output asserted."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, select

from bot.services import catalog, subscriptions, users
from bot.settings import Settings
from bot.store import schema
from bot.store.db import make_engine
from bot.store.models import Digest, Frequency, Product, Subscriber, utcnow
from bot.telegram.console import CONSOLE_USER_ID, Console, Screen, parse_upload, run_console
from bot.telegram.offline import OfflineCall

ADMIN = 900
NEW_PRODUCT = (
    "code,name_en,name_fa,aliases,hs_code,sector,annual_import_usd,status,description\n"
    "AUT-900,Ceramic brake pads,لنت ترمز سرامیکی,,870830,automotive,5000000,open,\n"
)

Output = Callable[[], str]
"""What the console has printed so far."""
Step = str | Callable[[Output], str]
"""A typed line, or one worked out from the output when the console asks for it."""


class Script(StringIO):
    """Lines typed one by one when the console asks for them, then Ctrl-D."""

    def __init__(self, out: StringIO, steps: list[Step]) -> None:
        super().__init__()
        self.out = out
        self.steps = list(steps)

    # typeshed merges StringIO's readline with _IOBase's bytes one; this is StringIO's.
    def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]
        if not self.steps:
            return ""
        step = self.steps.pop(0)
        return (step(self.out.getvalue) if callable(step) else step) + "\n"


def numbers(output: str, label: str) -> list[str]:
    """The numbers of the printed buttons whose label contains ``label``, oldest first."""
    return [number for number, text in re.findall(r"\[(\d+)\] ([^\[\n]*)", output) if label in text]


def button(label: str) -> Callable[[Output], str]:
    """Types the number of the newest button whose label contains ``label``."""
    return lambda output: numbers(output(), label)[-1]


def wait_for(text: str, seconds: float = 20) -> Callable[[Output], str]:
    """Types nothing (an empty line, which the console skips) once ``text`` is printed: a user waiting at the prompt."""
    def wait(output: Output) -> str:
        deadline = time.monotonic() + seconds
        while text not in output() and time.monotonic() < deadline:
            time.sleep(0.05)
        return ""
    return wait


def chat(settings: Settings, steps: list[Step], **options: Any) -> str:
    """Run the console on ``steps``; returns everything it printed."""
    out = StringIO()
    assert run_console(settings, stdin=Script(out, steps), out=out, **options) == 0
    return out.getvalue()


def settings_for(database_url: str, **values: Any) -> Settings:
    values = {"admin_ids": frozenset({ADMIN}), "digest_interval_seconds": 0, **values}
    return Settings(_env_file=None, database_url=database_url, telegram_bot_token=None, auto_migrate=True, **values)


def product(database_url: str, code: str) -> Product | None:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return session.exec(select(Product).where(Product.code == code)).first()
    finally:
        engine.dispose()


def test_an_uploaded_file_is_previewed_and_applied(database_url: str, tmp_path: Path) -> None:
    upload = tmp_path / "new products.csv"
    upload.write_text(NEW_PRODUCT, encoding="utf-8")
    output = chat(settings_for(database_url), [f"/upload {upload} /import", button("Apply")], admin=True)
    assert f"📎 sending {upload} ({len(upload.read_bytes()):,} bytes)" in output
    preview, applied = output.split("↳ [")[-2:]
    assert "AUT-900" in preview and "new products.csv" in applied
    found = product(database_url, "AUT-900")
    assert found is not None and found.name_en == "Ceramic brake pads"
    assert output.endswith("bye\n") and "Traceback" not in output


def test_upload_names_what_is_wrong_with_the_file(database_url: str, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text(NEW_PRODUCT, encoding="utf-8")
    steps: list[Step] = [f"/upload {tmp_path / 'missing.csv'}", f"/upload {tmp_path}", "/upload", f"/upload '{big}' /import"]
    output = chat(settings_for(database_url, import_max_bytes=100), steps, admin=True)
    assert f"⚠ No file at {tmp_path / 'missing.csv'}" in output
    assert f"⚠ {tmp_path} is a folder" in output
    assert "Usage: /upload PATH [caption]" in output
    assert "ⓘ big.csv is 0.0 MB, above the bot's import limit of 0.0 MB (IMPORT_MAX_BYTES)" in output
    assert product(database_url, "AUT-900") is None  # the bot refused it too


def test_parse_upload_reads_quoted_escaped_and_spaced_paths(tmp_path: Path) -> None:
    spaced = tmp_path / "my products.csv"
    spaced.write_bytes(b"x")
    for line in (f"{spaced} /import", f"'{spaced}' /import", str(spaced).replace(" ", "\\ ") + " /import"):
        upload = parse_upload(line)
        assert (upload.path, upload.caption, upload.size) == (spaced, "/import", 1)
    assert parse_upload(f'"{spaced}"').caption == ""


def test_multi_line_messages_add_and_edit_a_listing(database_url: str) -> None:
    steps: list[Step] = [
        "/addproduct \\", "code: TEX-050 \\", "name_en: Spandex yarn \\", "name_fa: نخ اسپندکس \\",
        "hs_code: 5402.44 \\", "sector: textiles \\", "annual_import_usd: 12300000",
        "/paste", "/editproduct TEX-050", "annual_import_usd: 30000000", "aliases: lycra", ".",
    ]
    output = chat(settings_for(database_url), steps, admin=True)
    assert "(paste mode: the message ends at a line holding only a dot .)" in output
    added = product(database_url, "TEX-050")
    assert added is not None and added.name_fa == "نخ اسپندکس" and added.annual_import_usd == 30_000_000 and "lycra" in added.aliases


def test_an_export_is_saved_into_the_files_folder(database_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    output = chat(settings_for(database_url), ["/export products", "/export products"], admin=True, files=folder)
    first, second = sorted(folder.iterdir(), key=lambda path: len(path.name))
    assert first.read_bytes().startswith(b"\xef\xbb\xbfcode,")
    assert second.name == f"{first.stem} (2).csv" and second.read_bytes() == first.read_bytes()
    assert f"saved to {first}" in output and f"saved to {second}" in output


def test_a_scorecard_chart_is_saved_with_its_caption_shown(database_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "files"
    output = chat(settings_for(database_url), ["/scorecard DESK-AUT"], admin=True, files=folder)
    (chart,) = folder.iterdir()
    assert chart.name == "scorecard.png" and chart.read_bytes().startswith(b"\x89PNG")
    assert f"📎 scorecard.png ({chart.stat().st_size:,} bytes), saved to {chart}" in output
    assert "Weekly scorecard · Automotive domestic production promotion desk (DESK-AUT)" in output


def test_an_older_messages_button_presses_on_that_message(database_url: str) -> None:
    output = chat(settings_for(database_url), ["brake pads", button("Sectors"), button("AUT-002")])
    start, results = re.findall(r"── bot · #(\d+) ─", output)[:2]
    first, second = output.split("↳ [")[1:]
    # /start's Sectors button, pressed after the results came, opens the sectors on /start's message...
    assert re.match(rf"\d+\] 📚 Sectors \(message #{start}\)\n\n── bot · #{start} edited", first)
    # ...and the results' button still works after that: it opens the card on the results' message.
    assert re.match(rf"\d+\] 1\. 🔵 awarded · AUT-002 · Brake pad set \(message #{results}\)\n\n── bot · #{results} edited", second)


def test_a_changed_message_keeps_its_numbers_and_retires_the_rest() -> None:
    out = StringIO()
    console = Console(Screen(out, tty=False), color=False)

    def call(method: str, labels: list[str]) -> OfflineCall:
        markup = {"inline_keyboard": [[{"text": label, "callback_data": label}] for label in labels]}
        message = {"message_id": 7, "chat": {"id": CONSOLE_USER_ID}, "text": "t", "reply_markup": markup}
        return OfflineCall(method, {"chat_id": CONSOLE_USER_ID, "text": "t", "reply_markup": markup}, result=message)

    console.show(call("sendMessage", ["a", "b", "c"]))
    console.show(call("editMessageText", ["x", "y"]))
    assert {number: button.label for number, button in console.buttons.items()} == {1: "x", 2: "y"}
    assert console.retired == {3: 7}
    console.show(call("editMessageText", ["p", "q", "r", "s"]))
    assert {number: button.label for number, button in console.buttons.items()} == {1: "p", 2: "q", 3: "r", 4: "s"}
    assert console.retired == {}
    console.show(OfflineCall("deleteMessage", {"chat_id": CONSOLE_USER_ID, "message_id": 7}, result=True))
    assert console.buttons == {} and console.retired == {1: 7, 2: 7, 3: 7, 4: 7}
    assert out.getvalue().endswith("── bot · #7 deleted\n")


def test_a_button_gone_with_an_edit_says_so(database_url: str) -> None:
    def gone(output: Output) -> str:
        before, after = output().rsplit("── bot · #1 edited", 1)
        return str(max(set(map(int, numbers(before, ""))) - set(map(int, numbers(after, "")))))

    output = chat(settings_for(database_url), [button("Sectors"), button("Automotive"), gone])
    assert re.search(r"ⓘ \[\d+\] is gone: message #1 changed since it was shown\.", output)


def test_notices_to_other_users_are_shown_as_such_or_hidden(database_url: str) -> None:
    steps: list[Step] = ["printed circuit board", button("ELE-001"), button("interested"), button("Skip")]
    output = chat(settings_for(database_url), steps)
    notice = re.search(r"── → to user 900 \(admin\) · #\d+ ─+\n(?:(?!──).)*ELE-001", output, re.S)
    assert notice is not None
    assert re.search(r"\[·\] \S", output.split(notice.group(0))[1])  # the admin's button, which only they can press
    # Another listing: the investor's interest in ELE-001 is registered already.
    hidden = chat(settings_for(database_url), ["TFT-LCD display module", button("ELE-002"), button("interested")], show_others=False)
    assert "→ to user" not in hidden and "ELE-002" in hidden and "[·]" not in hidden


def test_a_scheduled_digest_arrives_while_the_prompt_waits(database_url: str) -> None:
    engine = make_engine(database_url)
    schema.upgrade(engine)
    with Session(engine) as session:
        catalog.seed(session=session)
        users.remember(CONSOLE_USER_ID, session=session, first_name="you", username=None, language_code="en")
        subscriptions.add_alert(CONSOLE_USER_ID, "brake pads", session=session)
        catalog.import_products(NEW_PRODUCT, session=session)
        session.connection().execute(update(Subscriber).values(frequency=Frequency.INSTANT, cursor=utcnow() - timedelta(seconds=5)))
        session.commit()
    output = chat(settings_for(database_url, digest_interval_seconds=0.3), [wait_for("Ceramic brake pads")])
    # Printed while the prompt waited, then the prompt again.
    assert re.search(r"you › \n── bot · #\d+ ─+\n(?:(?!you › ).)*AUT-900(?:(?!you › ).)*\nyou › ", output, re.S)
    with Session(engine) as session:
        (row,) = session.exec(select(Digest))
        assert row.trigger == "instant"
    engine.dispose()
    assert output.endswith("bye\n")


def test_small_talk_in_the_console_in_both_languages(database_url: str) -> None:
    """Goodbyes, wishes and privacy questions are answered, not searched; a product word still searches."""
    english = chat(settings_for(database_url), ["have a nice day", "who sees my messages?", "ok I need valves"], language="en")
    assert "Goodbye for now! 👋" in english
    assert "🔒 Other users see nothing you send." in english and "without your name" in english
    assert "“ok I need valves”" in english  # searched: the answer names the query
    # The same console user, who switches to Persian.
    steps: list[Step] = ["/language", button("فارسی"), "عید شما مبارک", "کی پیام‌های منو می‌بینه؟", "شب بخیر", "لنت ترمز"]
    persian = chat(settings_for(database_url), steps, language="fa")
    assert "سپاس، بر شما هم مبارک باد! 🌷" in persian
    assert "🔒 کاربران دیگر هیچ‌یک از پیام‌های شما را نمی‌بینند." in persian and "بدون نام شما" in persian
    assert "به امید دیدار! 👋" in persian
    assert "AUT-002" in persian  # a need: its listing


def test_the_language_flag_takes_effect_for_a_user_the_database_knows(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Blind trial: in a folder whose database knew the console user as Persian, ``--language en`` printed "you
    write in English" and the bot answered in Persian. The flag now sets the user's language, as /language would;
    without it the banner names the language the database knows."""
    persian = chat(settings_for(database_url), ["لنت ترمز"], language="fa")
    assert "you write in Persian" in persian and "AUT-002" in persian
    english = chat(settings_for(database_url), ["brake pads"], language="en")
    assert "you write in English" in english and "🔔 Alert me about similar" in english and "Not what I was looking for" in english
    engine = make_engine(database_url)
    with Session(engine) as session:
        known = users.known(CONSOLE_USER_ID, session=session)
        assert known is not None and known.language == "en"
    engine.dispose()
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    chat(settings_for(database_url), [], language="fa")
    unflagged = chat(settings_for(database_url), [])
    assert "you write in Persian (--language en for English)" in unflagged
