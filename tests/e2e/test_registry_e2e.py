"""The registry of production units end to end: the real bot process, through the loopback fake Bot API.

An admin uploads a units file in chat and applies it; a Persian manufacturer claims their unit; the admin
approves it and the manufacturer is told, in Persian; an admin exports every profile.
"""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from bot.services import claims
from bot.services.registry import ALL_COLUMNS, REQUIRED_COLUMNS
from bot.store import registry as store
from bot.store.models import AuditEntry, ClaimState

from .admin_processes import (  # noqa: F401  (fixtures)
    ADMIN, AdminBot, admin_bot, admin_db, admin_fake, new_user, telegram_accepted_everything,
)
from .test_admin_e2e import NOT_AVAILABLE, press, say, upload
from .test_conversations import answer_of

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("telegram_accepted_everything")]
UNITS = (
    ",".join(REQUIRED_COLUMNS) + "\n"
    "REG-7001,صنایع شیرآلات کاوه,استان تهران,2813,شیر کشویی و توپی صنعتی؛ بدنه شیر ریختگی,ماشین‌کاری;casting,فعال,ماهانه ۵۰۰ شیر,021-5550000\n"
    "REG-7002,Arvand Pumps,Khuzestan,2813,Centrifugal pumps and impellers,machining,idle,,\n"
).encode()


def test_an_admin_imports_units_a_persian_manufacturer_claims_one_and_the_admin_approves(admin_bot: AdminBot) -> None:
    fake = admin_bot.fake
    bad = upload(fake, "units.csv", UNITS.replace(b"Khuzestan", b"Atlantis"), "nothing was imported")
    assert "Row 3, province: unknown province “Atlantis”" in bad.visible_text
    preview = upload(fake, "units.csv", UNITS, "New: 2")
    assert "REG-7001" in preview.visible_text
    with Session(admin_bot.engine) as session:
        assert store.units_by_id(["REG-7001"], session=session) == {}
    applied = press(fake, ADMIN, preview, "Apply", contains="imported")
    assert "2 new" in applied.visible_text

    owner = new_user("fa", first_name="Kaveh")
    asked = say(fake, owner, "/claim", contains="کدام واحد")
    card = say(fake, owner, "شیرآلات کاوه", contains="REG-7001")
    assert "استان: تهران · فعال" in card.visible_text and asked.seq < card.seq
    mark = fake.mark(ADMIN.id)
    sent = say(fake, owner, "مدیر کارخانه هستم، شماره ثبت‌شده ۰۲۱۵۵۵۰۰۰۰", contains="فرستاده شد")
    assert "REG-7001" in sent.visible_text
    notice = fake.wait_for_message(ADMIN.id, after=mark, contains="Claim #")
    assert "021-5550000" in notice.visible_text and "مدیر کارخانه هستم" in notice.visible_text

    stranger = new_user()
    mark_owner = fake.mark(owner.id)
    approve = next(data for label, data in notice.buttons() if "Approve" in label)
    assert approve is not None and approve.startswith("uc:a:")
    query = fake.press_forged(stranger, 1, approve)  # a modified client sends the admins' button data
    assert answer_of(fake, query) == NOT_AVAILABLE
    with Session(admin_bot.engine) as session:
        (unit,) = store.units_by_id(["REG-7001"], session=session).values()
        assert unit.user_id is None

    decided = press(fake, ADMIN, notice, "Approve", contains="approved")
    assert "REG-7001" in decided.visible_text
    told = fake.wait_for_message(owner.id, after=mark_owner, contains="تأیید شد")
    assert "صنایع شیرآلات کاوه" in told.visible_text
    with Session(admin_bot.engine) as session:
        (unit,) = store.units_by_id(["REG-7001"], session=session).values()
        assert unit.user_id == owner.id
        (claim,) = store.claims_on(unit.id or 0, session=session)
        assert (claim.state, claim.decided_by) == (ClaimState.APPROVED, ADMIN.id)
        decisions = session.exec(select(AuditEntry.action, AuditEntry.actor_id).where(AuditEntry.target == "REG-7001")).all()
        assert decisions == [(claims.CLAIM_APPROVE, ADMIN.id)]

    # The registry sends the file again, changed: the claimed unit keeps its owner's values.
    again = upload(fake, "units.csv", UNITS.replace("ماهانه ۵۰۰ شیر".encode(), "ماهانه ۹۰۰ شیر".encode()), "claimed")
    assert "REG-7001" in again.visible_text and "nothing to import" in again.visible_text


def test_an_admin_exports_every_profile_and_no_one_else_may(admin_bot: AdminBot) -> None:
    fake = admin_bot.fake
    assert say(fake, new_user(), "/export profiles").visible_text == NOT_AVAILABLE
    exported = say(fake, ADMIN, "/export profiles", contains="Manufacturer profiles:")
    assert exported.document is not None
    name, data = exported.document
    assert name.startswith("profiles-") and name.endswith(".csv") and data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join([*ALL_COLUMNS, "source", "owner_user_id", "consent", "updated_at"])
    assert any(line.startswith("ILL-0001,") and ",registry,," in line for line in lines)  # the illustrative units, unclaimed
    again = upload(fake, name, data, "nothing to import")
    assert "nothing to import" in again.visible_text
