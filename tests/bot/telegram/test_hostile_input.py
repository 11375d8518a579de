"""Hostile input through the real handlers, on SQLite and PostgreSQL (issue 15, defects 2, 3, 8, 9, 10 and 14):
numbers that are not numbers, names with NUL or lone surrogates, bidi overrides, and uploads built to hurt."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlmodel import select

from bot.services import imports
from bot.store.models import Lead, LeadNote, SearchLog, User
from tests import hostile_files as hostile

from .conftest import ADMIN, INVESTOR, Chat, buttons, texts, toasts
from .test_admin import HEADER, NEW_PRODUCT, product, sent

ERROR = "Sorry, something went wrong on our side. Please try again in a moment."
HUGE = "9" * 5000
BIDI = "\u202e\u2066\u200b"  # right-to-left override, an isolate, a zero-width space
ZWNJ = "\u200c"  # part of Persian spelling: kept


def sender(user_id: int, first_name: str) -> dict[str, Any]:
    return {"from": {"id": user_id, "is_bot": False, "first_name": first_name, "username": f"u{user_id}", "language_code": "en"}}


def stored_user(chat: Chat, user_id: int) -> User:
    with chat.session() as session:
        user = session.get(User, user_id)
        assert user is not None
        return user


@pytest.mark.parametrize("name", ["Ali\x00", "Ali\ud800", f"Ali{BIDI}"], ids=["nul", "lone-surrogate", "bidi"])
async def test_a_hostile_first_name_does_not_fail_that_users_updates(chat: Chat, name: str) -> None:
    for text in ("/start", "brake pads", "/start"):
        assert ERROR not in texts(await chat.send(text, user=INVESTOR, **sender(INVESTOR, name)))
    assert stored_user(chat, INVESTOR).first_name == "Ali"


async def test_lead_notices_and_notes_are_cleaned(chat: Chat) -> None:
    name = f"{BIDI}Reza\x00"
    calls = await chat.press("i:AUT-001", user=INVESTOR)
    calls = await chat.press("i:HOS-0", user=INVESTOR)  # unknown listing: expired, nothing stored
    await chat.send("/start", user=INVESTOR, **sender(INVESTOR, name))
    calls = await chat.send(f"call me{BIDI}\x00 after 5, می{ZWNJ}خواهم", user=INVESTOR, **sender(INVESTOR, name))
    notices = texts(calls, chat=ADMIN)
    assert notices and all(ch not in notice for notice in notices for ch in BIDI + "\x00")
    assert ">Reza</a>" in notices[0]
    with chat.session() as session:
        (lead,) = session.exec(select(Lead)).all()
        assert session.exec(select(LeadNote.text).where(LeadNote.lead_id == lead.id)).all() == [f"call me after 5, می{ZWNJ}خواهم"]


async def test_search_text_is_cleaned_before_it_is_logged(chat: Chat) -> None:
    assert ERROR not in texts(await chat.send("brake\x00 pads\ud800\u202e"))
    with chat.session() as session:
        assert [entry.query for entry in session.exec(select(SearchLog))] == ["brake pads"]


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize("argument", ["²", HUGE, "0", "366", "-3"])
async def test_demand_days_that_are_not_a_number_get_the_usage(chat: Chat, argument: str) -> None:
    assert texts(await chat.send(f"/demand {argument}", user=ADMIN)) == ["Send /demand, or /demand and a number of days from 1 to 365."]


async def test_demand_days_in_persian_digits_still_work(chat: Chat) -> None:
    (reply,) = texts(await chat.send("/demand ۷", user=ADMIN))
    assert "7 days" in reply or "۷" in reply


@pytest.mark.parametrize("argument", ["²", HUGE, "0"])
async def test_admins_add_a_number_that_is_no_user_id(chat: Chat, argument: str) -> None:
    (reply,) = texts(await chat.send(f"/admins add {argument}", user=ADMIN))
    assert reply.startswith("I cannot tell who ")


async def test_admins_add_in_persian_digits_still_works(chat: Chat) -> None:
    await chat.send("/start", user=INVESTOR)
    (reply, *_) = texts(await chat.send("/admins add ۵۰۱", user=ADMIN), chat=ADMIN)
    assert "is now an admin" in reply


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("²", "<b>annual_import_usd</b>: “²” is not a whole number of US dollars"),
        (HUGE, "<b>annual_import_usd</b>: “" + "9" * 60 + "…” is larger than 1,000,000,000,000,000 US dollars"),
    ],
)
async def test_addproduct_and_editproduct_name_a_bad_amount(chat: Chat, value: str, problem: str) -> None:
    (added,) = texts(await chat.send(f"{NEW_PRODUCT}\nannual_import_usd: {value}", user=ADMIN))
    assert problem in added and product(chat, "TEX-900") is None
    (edited,) = texts(await chat.send(f"/editproduct AUT-002\nannual_import_usd: {value}", user=ADMIN))
    assert problem in edited


async def test_amounts_past_32_bits_are_stored(chat: Chat) -> None:
    """$3B passed validation and then failed on PostgreSQL's INTEGER column."""
    await chat.send(f"{NEW_PRODUCT}\nannual_import_usd: 3,000,000,000", user=ADMIN)
    assert product(chat, "TEX-900").annual_import_usd == 3_000_000_000  # type: ignore[union-attr]
    (edited,) = texts(await chat.send("/editdesk DESK-AUT\nbudget_eur: ۹٬۰۰۰٬۰۰۰٬۰۰۰", user=ADMIN))
    assert "budget_eur" in edited and ERROR not in edited


# ------------------------------------------------------------------ uploads


async def test_hostile_uploads_are_named_not_crashes(chat: Chat) -> None:
    cases = [
        ("entities.xlsx", hostile.with_dtd(), "the file is not a readable Excel workbook (.xlsx)"),
        ("undefined.xlsx", hostile.undefined_entity(), "the file is not a readable Excel workbook (.xlsx)"),
        ("bomb.xlsx", hostile.unpacks_to(40), "the workbook unpacks to more than 25 MB; split it into smaller files"),
        ("trap.csv", hostile.sniffer_trap(64_000), "row 1 has more than 64 columns"),
        ("amounts.csv", f"{HEADER}\nX-1,a,b,,841370,oil_gas,²,open,d\nX-2,a,b,,841370,oil_gas,{HUGE},open,d\n".encode(),
         "• Row 2, <b>annual_import_usd</b>: “²” is not a whole number of US dollars\n• Row 3, <b>annual_import_usd</b>: “999"),
    ]
    for name, data, problem in cases:
        (reply,) = texts(await chat.upload(name, data))
        assert problem in reply and ERROR not in reply, (name, reply)
    with chat.session() as session:  # the limits in the reader's language and digits
        admin = session.get(User, ADMIN)
        assert admin is not None
        admin.language = "fa"
        session.add(admin)
        session.commit()
    (reply,) = texts(await chat.upload("bomb.xlsx", hostile.unpacks_to(40)))
    assert "فایل اکسل پس از باز شدن بیش از ۲۵ مگابایت است" in reply


async def test_an_upload_is_read_while_no_write_lock_is_held(chat: Chat, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading used to happen inside the preview's transaction: on SQLite every other update waited for it."""
    engine = chat.runtime().engine
    if engine.dialect.name != "sqlite":
        pytest.skip("the write lock is SQLite's")
    path = engine.url.database
    assert path is not None
    writable: list[bool] = []
    read_upload = imports.read_upload

    def reading(file_name: str, data: bytes) -> Any:
        other = sqlite3.connect(path, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.rollback()
            writable.append(True)
        except sqlite3.OperationalError:
            writable.append(False)
        finally:
            other.close()
        return read_upload(file_name, data)

    monkeypatch.setattr(imports, "read_upload", reading)
    calls = await chat.upload("catalog.csv", f"{HEADER}\nIMP-1,Valve,شیر,,848180,oil_gas,1,open,d\n".encode())
    assert "New: 1" in texts(calls)[0]
    apply_data = buttons(sent(calls))[0][1]  # type: ignore[arg-type]
    await chat.press(apply_data, user=ADMIN)
    assert product(chat, "IMP-1") is not None
    assert writable == [True, True]  # the preview's reading, and Apply's
    assert toasts(await chat.press(apply_data, user=ADMIN)) == ["This import was already applied or cancelled."]
