"""Every "why it fits" sentence over the whole seed catalog reads in one language: a Persian reason quotes no English
word of the listing («shaft», «gearbox»), an English one no Persian word; only the profile's own words and acronyms
(CNC, PCB, API) are quoted as written. Said to the manufacturer (/opportunities, digests) and of them to a desk (/suppliers)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlmodel import Session, select

from bot.services import capabilities as service
from bot.store import catalog as store
from bot.store.models import ManufacturerProfile
from bot.telegram.features.suppliers.render import _reason as said_to_desk
from matching.acronyms import is_acronym, latin_words
from matching.capabilities import Reason
from matching.normalize import normalize, tokens

_PERSIAN = re.compile(r"[\u0600-\u06ff\u200c]+(?:\s+[\u0600-\u06ff\u200c]+)*")

# (company, makes, processes, materials, machines): each process alone, and units described in Persian, English and
# Finglish, with materials and machines, as manufacturers write them.
_PROFILES = [
    *((f"only {process.key}", "", process.key, "", "") for process in service.load_processes()),
    ("Shafts fa", "شفت و چرخ‌دنده و گیربکس", "machining", "فولاد", "دستگاه تراش CNC"),
    ("Shafts en", "shafts, gears and gearboxes", "machining;heat_treatment", "steel", "CNC lathe"),
    ("Foundry fa", "قطعات چدنی ریخته‌گری، پوسته پمپ و پروانه پمپ", "casting", "چدن", ""),
    ("Foundry en", "pump casings and impellers, valve bodies", "casting", "cast iron", ""),
    ("Shocks fa", "کمک فنر و فنر لول خودرو", "", "", ""),
    ("Brakes fa", "لنت ترمز و کفشک ترمز", "powder_metallurgy", "", ""),
    ("Boards en", "PCB assembly, controllers and power supplies", "pcb_assembly", "", ""),
    ("Cables fa", "کابل و سیم برق", "electrical_assembly", "مس", ""),
    ("Plastics fa", "قطعات پلاستیکی تزریقی خودرو", "injection_moulding", "پلی‌پروپیلن", ""),
    ("Pharma en", "tablets, capsules and injections", "pharma_manufacturing", "", ""),
    ("Yarn fa", "نخ پلی‌استر و پارچه", "textile_processing", "", ""),
    ("Tanks fa", "مخزن تحت فشار و سازه فلزی", "welding", "ورق فولادی", ""),
    ("Machines fa", "قطعات صنعتی", "", "", "دستگاه تراش CNC، فرز، دستگاه جوش"),
    ("Machines en", "spare parts", "", "", "CNC lathe, milling machine, welding machine"),
    ("Finglish", "shaft va gear misazim", "", "", "dastgah tarash"),
]


@pytest.fixture(autouse=True)
def _fresh_index() -> Iterator[None]:
    service.forget_index()
    yield
    service.forget_index()


def _own_words(profile: ManufacturerProfile) -> frozenset[str]:
    return frozenset(tokens(normalize(" ".join((profile.makes, profile.materials, profile.machines)))))


def _strays(sentence: str, language: str, own: frozenset[str]) -> list[str]:
    """The words of another language in ``sentence`` that are neither the profile's own nor an acronym."""
    if language == "fa":
        return [word for word in latin_words(sentence) if not is_acronym(word) and normalize(word) not in own]
    return [run for run in _PERSIAN.findall(sentence) if not set(tokens(normalize(run))) <= own]


def test_no_reason_quotes_the_listing_in_the_other_language(seeded: Session) -> None:
    profiles: list[ManufacturerProfile] = []
    for company, makes, processes, materials, machines in _PROFILES:
        profile = ManufacturerProfile(company=company, makes=makes, processes=processes, materials=materials, machines=machines)
        seeded.add(profile)
        profiles.append(profile)
    seeded.commit()
    # The seed's illustrative units are read too: profiles as the registry wrote them.
    by_id = {str(profile.id): profile for profile in seeded.exec(select(ManufacturerProfile))}
    assert len(by_id) > len(profiles)
    index = service.capability_index(session=seeded)
    codes = [product.code for product in store.products(session=seeded)]
    fitted: set[str] = set()
    quoted, wrong = 0, []
    for code in codes:
        for fit in index.suppliers(code):
            fitted.add(code)
            own = _own_words(by_id[fit.key])
            for reason in fit.reasons:
                for language in ("fa", "en"):
                    quoted += bool(service.evidence(reason, language))
                    for sentence in (service.describe_reason(reason, language), said_to_desk(language, reason)):
                        assert "\n" not in sentence
                        if strays := _strays(sentence, language, own):
                            wrong.append(f"{code} {fit.key} {language}: {sentence} {strays}")
    assert not wrong, "\n".join(wrong[:20])
    # The profiles reach most of the catalog, and most reasons still quote the listing.
    assert len(fitted) >= len(codes) * 0.6, (len(fitted), len(codes))
    assert quoted > 500


@pytest.mark.parametrize("listing_text", ["gearbox housing", "Gearbox"])
def test_a_desk_is_never_quoted_the_listing_in_english_when_it_has_no_persian_word(listing_text: str) -> None:
    # A listing with no Persian evidence for what the profile makes: the Persian sentence quotes only the profile.
    reason = Reason("makes", "گیربکس", listing_text, listing_en=listing_text)
    persian = said_to_desk("fa", reason)
    assert "گیربکس" in persian and not _strays(persian, "fa", frozenset()), persian
    assert listing_text in said_to_desk("en", reason)
    # An acronym still reads in Persian, so it is quoted.
    assert "ABS" in said_to_desk("fa", Reason("makes", "ترمز", "ABS", listing_en="ABS"))


@pytest.mark.parametrize(("word", "acronym"), [
    ("CNC", True), ("EPS", True), ("ICU", True), ("R410", True), ("6D", True), ("NOx", True), ("HCl", True), ("CoMo", True),
    ("In", False), ("On", False), ("Re", False), ("Co", False), ("kW", False), ("Gear", False), ("A", False)])
def test_an_acronym_is_written_in_capitals_or_is_a_formula_not_a_short_english_word(word: str, acronym: bool) -> None:
    # "In", "On", "Re" had passed as acronyms (as many capitals as small letters) and been quoted to Persian readers.
    assert is_acronym(word) is acronym


def test_a_desk_is_told_the_part_a_supplier_makes_and_how() -> None:
    reason = Reason("part", "بدنه پمپ", "Heavy-duty slurry pump", "Heavy-duty slurry pump", "پمپ دوغاب سنگین‌کار", "casting", "body", "بدنه")
    assert said_to_desk("fa", reason) == "«بدنه پمپ» می‌سازد (ریخته‌گری)، قطعه‌ای از «پمپ دوغاب سنگین‌کار»"
    assert said_to_desk("en", reason) == "makes “بدنه پمپ” (casting), a part of “Heavy-duty slurry pump”"
    unprocessed = Reason("part", "pump housings", "Fuel pump", "Fuel pump", "پمپ بنزین", "", "housing", "پوسته")
    assert said_to_desk("en", unprocessed) == "makes “pump housings”, a part of “Fuel pump”"
