"""Every button's data keeps its wire format (old buttons in users' chats), fits in 64 bytes, and anything
foreign unpacks to None."""

from __future__ import annotations


import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.telegram import buttons
from bot.telegram.app import build_application  # noqa: F401  (registers every feature's button classes)
from bot.telegram.buttons import ButtonData
from bot.telegram.features import search, start
from bot.telegram.features.leads import buttons as lead_buttons
from bot.telegram.features.leads import handlers as leads
from bot.telegram.features.browse.buttons import (
    DeskListing, ListDesks, ListSectors, OpenDesk, OpenListing, OpenSector, OpenSuggestion, SectorListing,
)
from bot.telegram.features.claims import buttons as claims
from bot.telegram.features.introductions import buttons as introductions
from bot.telegram.features.opportunities import buttons as opportunities
from bot.telegram.features.profile import buttons as profile
from bot.telegram.features.requests import buttons as requests
from bot.telegram.features.subscriptions import buttons as subs
from bot.telegram.features.suppliers import buttons as suppliers

# Each button as the bot made it before the typed classes, byte for byte.
WIRE_FORMAT: list[tuple[ButtonData, str]] = [
    (search.ResultsPage(12, 3), "s:12:3"),
    (OpenListing("AUT-002"), "p:AUT-002"),
    (OpenListing("AUT-002", 7, 1), "p:AUT-002:7:1"),
    (OpenListing("AUT-002", 7), "p:AUT-002:7:0"),
    (lead_buttons.Interested("X_1"), "i:X_1"),
    (OpenDesk("DESK-PET", 2), "d:DESK-PET:2"),
    (OpenDesk("DESK-PET"), "d:DESK-PET:0"),
    # Added since, for the way back: a desk opened from results, a listing opened from a sector or a desk.
    (OpenDesk("DESK-PET", 1, 12, 3), "d:DESK-PET:1:12:3"),
    (search.ResultsDesks(12, 3, 1), "rd:12:3:1"),
    (SectorListing("AUT-002", "automotive", 2), "pc:AUT-002:automotive:2"),
    (DeskListing("AUT-002", "DESK-AUT", 2), "pd:AUT-002:DESK-AUT:2"),
    (DeskListing("AUT-002", "DESK-AUT", 2, 12, 3), "pd:AUT-002:DESK-AUT:2:12:3"),
    (OpenSector("home_appliances"), "c:home_appliances:0"),
    (start.ChooseLanguage("fa"), "lang:fa"),
    (ListSectors(), "sectors"),
    (ListDesks(), "desks"),
    (start.ShowHelp(), "help"),
    (lead_buttons.SkipNote(), "skip"),
    (lead_buttons.MyLeads(), "ml:0"),
    (lead_buttons.MyLeads(2), "ml:2"),
    (lead_buttons.WithdrawLead(42, 1), "lw:42:1"),
    (lead_buttons.ConfirmWithdraw(42, 1), "lx:42:1"),
    (lead_buttons.NoteLead(42), "ln:42"),
    (subs.ShowSubscriptions(), "subs"),
    (subs.EditSubscription(), "subedit"),
    (subs.PauseDigests(), "pause"),
    (subs.ResumeDigests(), "resume"),
    (subs.Unsubscribe(), "unsub"),
    (subs.ConfirmUnsubscribe(), "unsubok"),
    (subs.AlertLikeResults(12), "as:12"),
    (subs.AlertLikeListing("AUT-002"), "ap:AUT-002"),
    (subs.TickSector(0x1F, 11), "st:1f:11"),
    (subs.TickSector(0, 0), "st:0:0"),
    (subs.SectorsDone(0xABC), "sd:abc"),
    (subs.PickFrequency(1, "w"), "sf:1:w"),
    (subs.PickWeekday(1, 6), "sw:1:6"),
    (subs.PickHour(3, "d", 0, 23), "sh:3:d:0:23"),
    (subs.ChangeSector("m", "oil_gas"), "ms:m:oil_gas"),
    (subs.ChangeAlert("x", 42), "ma:x:42"),
    (subs.ChangeAlert("d", 42), "ma:d:42"),
    (subs.ChangeSector("d", "oil_gas"), "ms:d:oil_gas"),
    (subs.ForgetWatch("AUT-002"), "mw:AUT-002"),
    # A search that admits doubt: a suggestion's card, "None of these", "Not what I was looking for".
    (OpenSuggestion("AUT-002", 12), "ps:AUT-002:12"),
    (search.NoneOfThese(12), "fbn:12"),
    (search.NotWhatIWanted(12), "fbw:12"),
    # Standing requests ("Tell me when something like this is listed", /requests).
    (requests.TellWhenListed(12), "rqt:12"),
    (requests.CancelRequest(42), "rqc:42"),
    (requests.ShowRequests(), "rqs"),
    # What could my factory make? (/opportunities): a page, a listing's card from a page, the subscription offered.
    (opportunities.OpportunitiesPage(), "op:0"),
    (opportunities.OpportunitiesPage(3), "op:3"),
    (opportunities.OpportunityListing("MCH-001", 2), "opl:MCH-001:2"),
    (opportunities.SubscribeFitting(), "ops"),
    # What a shop like a maker's message described could make: its processes (hex) and materials (decimal) bit sets.
    (opportunities.ShopList(0x3fffff, 2**70 - 1), "osh:3fffff:1180591620717411303423"),
    (opportunities.ShopListing("PWR-001", 0x2, 1 << 69), "oshl:PWR-001:2:590295810358705651712"),
    # /profile: each button acts on the presser's own profile; ``b`` a step of the build, ``e`` an edit.
    (profile.ShowProfile(), "pf:v"),
    (profile.BuildProfile(), "pf:b"),
    (profile.BuildBelow(), "pf:bb"),
    (profile.EditField("company"), "pf:e:company"),
    (profile.SkipStep("b", "makes"), "pf:s:b:makes"),
    (profile.PickProvince("b", "tehran"), "pf:pv:b:tehran"),
    (profile.ToggleItem("e", "processes", "casting"), "pf:t:e:processes:casting"),
    (profile.ListDone("b", "certifications"), "pf:d:b:certifications"),
    (profile.AnswerFlag("e", "consent", "n"), "pf:y:e:consent:n"),
    (profile.ToggleConsent(), "pf:c"),
    (profile.AskDelete(), "pf:x"),
    (profile.ConfirmDelete(), "pf:xy"),
    (profile.ClearField("makes"), "pf:z:makes"),
    # Capable suppliers for the desks, and introductions for investors.
    (suppliers.SuppliersOf("AUT-002", 1), "sp:AUT-002:1"),
    (suppliers.ContactSupplier("AUT-002", 42), "spc:AUT-002:42"),
    (suppliers.CancelContact(), "spx"),
    (introductions.AskIntroduction("AUT-002"), "it:AUT-002"),
    (introductions.ConfirmIntroduction("AUT-002"), "itc:AUT-002"),
    (introductions.WithdrawIntroduction("AUT-002"), "itw:AUT-002"),
    (introductions.AcceptIntroduction(42), "ita:42"),
    (introductions.DeclineIntroduction(42), "itd:42"),
    (introductions.MyIntroductions(2), "itl:2"),
    # /claim: a registry unit picked and claimed (without a note), an admin's decision.
    (claims.PickUnit(42), "uc:p:42"),
    (claims.ClaimWithoutNote(42), "uc:n:42"),
    (claims.ApproveClaim(7), "uc:a:7"),
    (claims.RefuseClaim(7), "uc:r:7"),
]


@pytest.mark.parametrize(("pressed", "data"), WIRE_FORMAT, ids=[data for _, data in WIRE_FORMAT])
def test_buttons_keep_their_wire_format(pressed: ButtonData, data: str) -> None:
    assert pressed.pack() == data
    assert buttons.parse(data) == pressed


def test_every_button_class_has_its_wire_format_checked() -> None:
    # Not the codec tests' own classes, nor the admins' (tests/bot/telegram/test_admin_buttons.py pins those).
    bots = {cls for cls in buttons.classes().values()
            if cls.__module__.startswith("bot.") and not cls.__module__.startswith("bot.telegram.features.admin")}
    assert {type(pressed) for pressed, _ in WIRE_FORMAT} == bots


def test_longest_values_fit_in_64_bytes() -> None:
    assert len(OpenListing("A" * 32, 10**12 - 1, 9999).pack().encode()) <= 64


@pytest.mark.parametrize(
    "data",
    [None, "", "zzz", "p:", "p:nope lower", "s:abc:1", "lang:de", "d:X", "x" * 65, "p:" + "A" * 40, "i:AUT-002;drop",
     "imp:x:1", "imp:a:", "ll:someday:0", "lc:1:open", "ls:1:new:open:0", "ls:1:closed:open:-1",
     # the old digit bounds: pages of 4 digits, ids of 12, a sector index of 2, weekdays 0-6, hours of 2
     "s:1:12345", "s:1234567890123:0", "st:1:123", "sw:1:7", "sh:1:d:7:9", "sh:1:d:0:100", "sf:1:m", "ms:y:oil_gas",
     "ma:x:abc", "sd:ABC", "sd:123456789", "p:AUT-002:7", "sectors:1", "c:Oil:0", "ps:AUT-002", "fbn:", "fbw:x",
     "fbn:1234567890123",
     # unmet demand's admin buttons (pinned in test_admin_buttons.py): a group needs its search and days
     "dm:g:1", "dm:a:1:1000", "dm:t:1:30:aut-002", "dm:k:abc", "dm:n:x:30"],
)
def test_foreign_data_is_rejected(data: str | None) -> None:
    assert buttons.parse(data) is None


def test_builders_refuse_what_would_not_parse() -> None:
    with pytest.raises(ValueError):
        OpenListing("not a code").pack()


@given(st.text(max_size=80))
def test_parse_never_raises(data: str) -> None:
    assert buttons.parse(data) is None or len(data.encode()) <= 64
