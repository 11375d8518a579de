"""Uploads built to freeze or exhaust the bot, through the real process and the fake Bot API (issue 15).

Before: a CSV whose first line csv.Sniffer backtracks on froze every user (the GIL was held for minutes);
a small workbook padded to millions of cells held SQLite's write lock while other users' updates failed;
a workbook with entities answered "Something went wrong"; '²' and 5,000-digit amounts crashed the preview.
"""

from __future__ import annotations


import pytest

from tests import hostile_files as hostile

from .admin_processes import (  # noqa: F401  (fixtures)
    ADMIN, AdminBot, admin_bot, admin_db, admin_fake, new_user, telegram_accepted_everything,
)
from .conftest import say
from .test_admin_e2e import HEADER, upload

# Every test ends with nothing refused by (fake) Telegram, nothing logged as an error, the bot running.
pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("telegram_accepted_everything")]


@pytest.mark.parametrize(
    ("name", "build", "problem"),
    [
        ("trap.csv", lambda: hostile.sniffer_trap(200_000), "row 1 has more than 64 columns"),
        # 20,000 rows whose only cell is in column XFD: blank rows to the import (and 327 million cells to openpyxl).
        ("far.xlsx", lambda: hostile.far_cells(20_000), "there is nothing to import"),
        ("bomb.xlsx", lambda: hostile.unpacks_to(40), "the workbook unpacks to more than 25 MB"),
        ("entities.xlsx", hostile.with_dtd, "the file is not a readable Excel workbook (.xlsx)"),
        ("undefined.xlsx", hostile.undefined_entity, "the file is not a readable Excel workbook (.xlsx)"),
    ],
    ids=["sniffer-trap", "far-cells", "unpack-bomb", "dtd", "undefined-entity"],
)
def test_a_hostile_upload_is_named_and_holds_up_nobody(admin_bot: AdminBot, name: str, build: object, problem: str) -> None:
    fake = admin_bot.fake
    data = build()  # type: ignore[operator]
    sent = fake.send_message(ADMIN, document=(name, data), caption="/import")
    # Another user searches while the file is read: answered as usual (the search is logged: a write).
    investor = new_user()
    assert "AUT-002" in say(fake, investor, "brake pads", contains="AUT-002").visible_text
    reply = fake.wait_for_message(ADMIN.id, after=sent, contains=name, timeout=60)
    assert problem in reply.visible_text


def test_bad_numbers_in_an_upload_are_named_by_row(admin_bot: AdminBot) -> None:
    data = f"{HEADER}\nX-1,a,b,,841370,oil_gas,²,open,d\nX-2,a,b,,841370,oil_gas,{'9' * 5000},open,d\n".encode()
    reply = upload(admin_bot.fake, "numbers.csv", data, "problem")
    assert reply.visible_text.startswith("❌ numbers.csv has 2 problems, so nothing was imported.")
    assert "Row 2, annual_import_usd: “²” is not a whole number of US dollars" in reply.visible_text
    assert "Row 3, annual_import_usd: “" + "9" * 60 + "…” is larger than 1,000,000,000,000,000 US dollars" in reply.visible_text
