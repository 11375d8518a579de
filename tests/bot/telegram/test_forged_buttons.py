"""Every kind of button, forged against another user's data: nothing of theirs is shown or changed.

Button data comes from the client, so a modified client can put any id in it; ids are sequential. The
table below has one forgery per button class of the bot (:func:`bot.telegram.buttons.classes`); a new kind
without one fails
:func:`test_every_kind_of_button_has_a_forgery`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlmodel import Session, col, select

from bot.services import admins
from bot.services.catalog_csv import REQUIRED_COLUMNS
from bot.store.models import (
    Alert, Lead, LeadNote, ListingWatch, ManufacturerProfile, PendingImport, SearchLog, SectorSubscription, StandingRequest, Subscriber,
    UnitClaim, User,
)
from bot.telegram import buttons
from bot.telegram.app import build_application  # noqa: F401  (registers every feature's button classes)

from .conftest import ADMIN, INVESTOR, Chat

ATTACKER = 777
SECOND_ADMIN = 901
SECRET_NEED = "zirconium crucibles for victimcorp"


@dataclass(frozen=True)
class Victim:
    search: int
    alert: int
    lead: int
    pending_import: int
    request: int = 0
    unit: int = 1
    claim: int = 1


FORGERIES: dict[str, Callable[[Victim], str]] = {
    "s": lambda v: f"s:{v.search}:0",
    "p": lambda v: f"p:AUT-002:{v.search}:0",
    "i": lambda v: "i:AUT-002",
    "d": lambda v: f"d:DESK-AUT:0:{v.search}:0",
    "pc": lambda v: "pc:AUT-002:automotive:0",
    "pd": lambda v: f"pd:AUT-002:DESK-AUT:0:{v.search}:0",
    "rd": lambda v: f"rd:{v.search}:0:0",
    "c": lambda v: "c:automotive:0",
    "lang": lambda v: "lang:fa",
    "sectors": lambda v: "sectors",
    "desks": lambda v: "desks",
    "help": lambda v: "help",
    "skip": lambda v: "skip",
    "subs": lambda v: "subs",
    "subedit": lambda v: "subedit",
    "pause": lambda v: "pause",
    "resume": lambda v: "resume",
    "unsub": lambda v: "unsub",
    "unsubok": lambda v: "unsubok",
    "imp:a": lambda v: f"imp:a:{v.pending_import}",
    "imp:c": lambda v: f"imp:c:{v.pending_import}",
    "ll": lambda v: "ll:all:0",
    "lc": lambda v: f"lc:{v.lead}:all:0",
    "ls": lambda v: f"ls:{v.lead}:closed:all:0",
    "ml": lambda v: "ml:0",
    "lw": lambda v: f"lw:{v.lead}:0",
    "lx": lambda v: f"lx:{v.lead}:0",
    "ln": lambda v: f"ln:{v.lead}",
    "as": lambda v: f"as:{v.search}",
    "ap": lambda v: "ap:AUT-002",
    "st": lambda v: "st:1:0",
    "sd": lambda v: "sd:1",
    "sf": lambda v: "sf:1:i",
    "sw": lambda v: "sw:1:3",
    "sh": lambda v: "sh:1:d:0:9",
    "ms": lambda v: "ms:d:automotive",
    "ma": lambda v: f"ma:d:{v.alert}",
    "mw": lambda v: "mw:AUT-002",
    "ps": lambda v: f"ps:AUT-002:{v.search}",
    "fbn": lambda v: f"fbn:{v.search}",
    "fbw": lambda v: f"fbw:{v.search}",
    "dm:g": lambda v: f"dm:g:{v.search}:30",
    "dm:a": lambda v: f"dm:a:{v.search}:30",
    "dm:t": lambda v: f"dm:t:{v.search}:30:AUT-002",
    "dm:n": lambda v: f"dm:n:{v.search}:30",
    "dm:k": lambda v: "dm:k:0",
    "dm:x": lambda v: f"dm:x:{v.search}:30",
    "dm:u": lambda v: f"dm:u:{v.search}:30",
    "scd": lambda v: "scd:DESK-AUT",
    "rqt": lambda v: f"rqt:{v.search}",
    "rqc": lambda v: f"rqc:{v.request}",
    "rqs": lambda v: "rqs",
    # /profile's buttons carry no profile id: each acts on the presser's own profile only.
    "pf:v": lambda v: "pf:v",
    "pf:b": lambda v: "pf:b",
    "pf:bb": lambda v: "pf:bb",
    "pf:e": lambda v: "pf:e:company",
    "pf:s": lambda v: "pf:s:b:makes",
    "pf:pv": lambda v: "pf:pv:b:tehran",
    "pf:t": lambda v: "pf:t:e:processes:casting",
    "pf:d": lambda v: "pf:d:b:processes",
    "pf:y": lambda v: "pf:y:e:consent:n",
    "pf:c": lambda v: "pf:c",
    "pf:x": lambda v: "pf:x",
    "pf:xy": lambda v: "pf:xy",
    "pf:z": lambda v: "pf:z:makes",
    # /opportunities: every page and card is worked out from the presser's own profile.
    "op": lambda v: "op:1",
    "opl": lambda v: "opl:AUT-002:1",
    "ops": lambda v: "ops",
    # A maker's shop list: worked out from the processes and materials the button carries, nobody's record.
    "osh": lambda v: "osh:3:1024",
    "oshl": lambda v: "oshl:AUT-002:3:1024",
    "sp": lambda v: "sp:AUT-002:0",
    "spc": lambda v: "spc:AUT-002:1",
    "spx": lambda v: "spx",
    "it": lambda v: "it:AUT-002",
    "itc": lambda v: "itc:AUT-002",
    "itw": lambda v: "itw:AUT-002",
    "ita": lambda v: "ita:1",
    "itd": lambda v: "itd:1",
    "itl": lambda v: "itl:0",
    "uc:p": lambda v: f"uc:p:{v.unit}",
    "uc:n": lambda v: f"uc:n:{v.unit}",
    "uc:a": lambda v: f"uc:a:{v.claim}",
    "uc:r": lambda v: f"uc:r:{v.claim}",
}


def test_every_kind_of_button_has_a_forgery() -> None:
    kinds = {prefix: cls for prefix, cls in buttons.classes().items() if cls.__module__.startswith("bot.")}  # not the codec tests' own
    assert set(FORGERIES) == set(kinds)
    for kind, forge in FORGERIES.items():
        assert kinds[kind].unpack(forge(Victim(1, 2, 3, 4, 5))) is not None, kind


async def _victim(chat: Chat) -> Victim:
    """The investor's search and standing request, sector subscription, alert, lead, claim on a registry unit and
    manufacturer profile (shared with investors), and the admin's waiting import."""
    await chat.send(SECRET_NEED)
    with chat.session() as session:
        await chat.press(f"rqt:{session.exec(select(SearchLog.id).where(SearchLog.user_id == INVESTOR)).one()}")
    await chat.send("/alert brake pads victimcorp")
    await chat.press("sh:1:d:0:9")  # the first sector, daily at 9
    await chat.press("i:AUT-003")
    await chat.press("ap:AUT-002")  # awarded: the investor waits for it to reopen
    await chat.send("/claim ILL-0001")
    await chat.send("victimcorp owns it")
    await chat.press("pf:b")
    await chat.send("victimcorp castings")
    await chat.press("pf:pv:b:isfahan")
    await chat.press("pf:y:e:consent:y")
    await chat.upload("victim.csv", (",".join(REQUIRED_COLUMNS) + "\nVIC-01,Victim meter,کنتور,,9028.10,power,1,open,d\n").encode())
    with chat.session() as session:
        return Victim(
            search=session.exec(select(SearchLog.id).where(SearchLog.user_id == INVESTOR)).one() or 0,
            alert=session.exec(select(Alert.id).where(Alert.user_id == INVESTOR)).one() or 0,
            lead=session.exec(select(Lead.id).where(Lead.user_id == INVESTOR)).one() or 0,
            pending_import=session.exec(select(PendingImport.id)).one() or 0,
            request=session.exec(select(StandingRequest.id).where(StandingRequest.user_id == INVESTOR)).one() or 0,
            unit=session.exec(select(ManufacturerProfile.id).where(ManufacturerProfile.unit_id == "ILL-0001")).one() or 0,
            claim=session.exec(select(UnitClaim.id).where(UnitClaim.user_id == INVESTOR)).one() or 0,
        )


def _snapshot(session: Session) -> tuple[object, ...]:
    """Everything of the victims' that a forged button could touch."""
    return (
        session.exec(select(SearchLog.id, SearchLog.query, SearchLog.feedback).where(SearchLog.user_id == INVESTOR)).all(),
        session.exec(select(Alert.id, Alert.query, Alert.muted).where(Alert.user_id == INVESTOR)).all(),
        session.exec(select(ListingWatch.product_code).where(ListingWatch.user_id == INVESTOR)).all(),
        session.exec(select(SectorSubscription.sector, SectorSubscription.muted).where(SectorSubscription.user_id == INVESTOR)).all(),
        session.exec(select(Subscriber.frequency, Subscriber.paused).where(Subscriber.user_id == INVESTOR)).all(),
        session.exec(select(Lead.id, Lead.status).where(Lead.user_id == INVESTOR)).all(),
        session.exec(select(LeadNote.lead_id, LeadNote.text).join(Lead).where(Lead.user_id == INVESTOR)).all(),
        session.exec(select(User.language).where(User.id == INVESTOR)).all(),
        session.exec(select(PendingImport.id)).all(),
        session.exec(select(StandingRequest.id, StandingRequest.status).where(StandingRequest.user_id == INVESTOR)).all(),
        session.exec(select(ManufacturerProfile).where(ManufacturerProfile.user_id == INVESTOR)).one().model_dump(),
        session.exec(select(User.pending_profile_step).where(User.id == INVESTOR)).all(),
        session.exec(select(UnitClaim.id, UnitClaim.user_id, UnitClaim.state, UnitClaim.note).order_by(col(UnitClaim.id))).all(),
        session.exec(select(ManufacturerProfile.id, ManufacturerProfile.user_id).order_by(col(ManufacturerProfile.id))).all(),
    )


@pytest.mark.parametrize("kind", sorted(FORGERIES))
async def test_a_forged_button_shows_and_changes_nothing_of_another_user(chat: Chat, kind: str) -> None:
    victim = await _victim(chat)
    with chat.session() as session:
        before = _snapshot(session)
    calls = await chat.press(FORGERIES[kind](victim), user=ATTACKER)
    shown = " ".join(str(call.params) for call in calls)
    assert "victimcorp" not in shown and "crucible" not in shown
    assert f"s:{victim.search}:" not in shown  # no way back into the victim's results either
    assert f"tg://user?id={INVESTOR}" not in shown
    with chat.session() as session:
        assert _snapshot(session) == before


async def test_another_admin_cannot_apply_or_cancel_an_admins_import(chat: Chat) -> None:
    victim = await _victim(chat)
    await chat.send("/start", user=SECOND_ADMIN)
    with chat.session() as session:
        admins.grant(ADMIN, SECOND_ADMIN, session=session, settings=chat.runtime().settings)
        session.commit()
    for data in (f"imp:a:{victim.pending_import}", f"imp:c:{victim.pending_import}"):
        calls = await chat.press(data, user=SECOND_ADMIN)
        assert "victim.csv" not in " ".join(str(c.params.get("text")) for c in calls if c.method != "answerCallbackQuery")
    with chat.session() as session:
        assert session.exec(select(PendingImport.id)).all() == [victim.pending_import]
        assert session.exec(select(SearchLog).where(SearchLog.query == "VIC-01")).all() == []
