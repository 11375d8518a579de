"""The reverse-matching service: live listings only, consent, the kept index and its change stamp, reasons in both languages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session, col, select

from bot.services import capabilities as service
from bot.store import catalog as store
from bot.store.models import ManufacturerProfile, ProductStatus, ProfileSource, utcnow
from matching.capabilities import Reason


@pytest.fixture(autouse=True)
def _fresh_index() -> Iterator[None]:
    service.forget_index()
    yield
    service.forget_index()


def add_profile(session: Session, company: str, makes: str, processes: str = "", *, consent: bool = False) -> ManufacturerProfile:
    profile = ManufacturerProfile(company=company, makes=makes, processes=processes, consent=consent)
    session.add(profile)
    session.commit()
    session.refresh(profile)
    return profile


def test_the_processes_are_the_shipped_list() -> None:
    processes = service.load_processes()
    assert len(processes) == 22 and processes[0].key == "machining"
    assert all(process.keywords and process.name_fa for process in processes)


def test_a_profile_is_read_with_its_processes_split() -> None:
    profile = ManufacturerProfile(id=4, company="x", makes="shafts", processes="machining;heat_treatment", materials="steel")
    capability = service.capability_of(profile)
    assert (capability.key, capability.processes, capability.materials) == ("4", ("machining", "heat_treatment"), "steel")


def test_opportunities_are_open_or_in_progress_listings(seeded: Session) -> None:
    profile = add_profile(seeded, "Friction Co", "لنت ترمز و کفشک ترمز خودرو", "powder_metallurgy")
    found = service.opportunities(profile, session=seeded, limit=5)
    assert found and len(found) <= 5
    assert all(item.product.status in (ProductStatus.OPEN, ProductStatus.IN_PROGRESS) for item in found)
    # The seed's brake pads are awarded: a brake-pad maker is not offered them.
    assert store.get_product("AUT-002", session=seeded).status == ProductStatus.AWARDED  # type: ignore[union-attr]
    assert "AUT-002" not in [item.product.code for item in found]
    assert found[0].fit.score >= found[-1].fit.score
    # Reopened, it is offered first.
    product = store.get_product("AUT-002", session=seeded)
    assert product is not None
    product.status, product.updated_at = ProductStatus.OPEN, utcnow()
    seeded.add(product)
    seeded.commit()
    assert service.opportunities(profile, session=seeded, limit=5)[0].product.code == "AUT-002"


def test_suppliers_respect_consent(seeded: Session) -> None:
    shown = add_profile(seeded, "Shown", "brake pads and brake shoes", consent=True)
    hidden = add_profile(seeded, "Hidden", "disc brake pads for passenger cars")
    add_profile(seeded, "Pills", "tablets and capsules", "pharma_manufacturing")
    everyone = service.suppliers("AUT-002", session=seeded, consented_only=False)
    assert {item.profile.id for item in everyone} == {shown.id, hidden.id}
    assert [item.profile.id for item in service.suppliers("AUT-002", session=seeded, consented_only=True)] == [shown.id]
    assert len(service.suppliers("AUT-002", session=seeded, consented_only=False, limit=1)) == 1
    assert service.suppliers("NOPE-999", session=seeded, consented_only=False) == []


def test_the_index_is_kept_until_a_listing_or_profile_changes(seeded: Session) -> None:
    first = service.capability_index(session=seeded)
    assert service.capability_index(session=seeded) is first
    profile = add_profile(seeded, "New", "centrifugal pumps and compressors")
    second = service.capability_index(session=seeded)
    assert second is not first
    offered = service.opportunities(profile, session=seeded)
    assert offered and str(profile.id) in [fit.key for fit in second.suppliers(offered[0].product.code)]
    profile.makes, profile.updated_at = "brake pads", utcnow()
    seeded.add(profile)
    seeded.commit()
    assert service.capability_index(session=seeded) is not second
    seeded.delete(profile)
    seeded.commit()
    assert service.capability_index(session=seeded) is not second


@pytest.mark.parametrize(
    ("reason", "language", "expected"),
    [
        # The listing is quoted in the reader's language: «شفت» for a Persian reader, "shaft" for an English one.
        (Reason("process", "machining", "shaft", "shaft", "شفت"), "fa", "شما ماشین‌کاری می‌کنید و این کالا قطعات ماشین‌کاری‌شده می‌خواهد («شفت»)."),
        (Reason("process", "machining", "شفت", "shaft", "شفت"), "en", "You machine parts, and this listing needs machined parts (“shaft”)."),
        # A listing with no Persian word for it: no English word inside the Persian sentence, no quote at all.
        (Reason("process", "machining", "shaft", "shaft", ""), "fa", "شما ماشین‌کاری می‌کنید و این کالا قطعات ماشین‌کاری‌شده می‌خواهد."),
        (Reason("process", "heat_treatment", "gear", "gear", "چرخ‌دنده"), "fa",
         "شما عملیات حرارتی انجام می‌دهید و این کالا عملیات حرارتی می‌خواهد («چرخ‌دنده»)."),
        # An acronym reads the same in both languages.
        (Reason("process", "pcb_assembly", "PCB"), "fa", "شما برد الکترونیکی مونتاژ می‌کنید و این کالا برد یا ماژول الکترونیکی است («PCB»)."),
        # The profile's own words are quoted as written when they read in the reader's language: Persian in an English
        # sentence, but no Latin words inside a Persian one (they run backwards there, as the listing's would)...
        (Reason("makes", "brake pads", "Brake pad set", "Brake pad set", "لنت ترمز دیسکی"), "fa",
         "آنچه شما می‌سازید همین کالاست («لنت ترمز دیسکی»)."),
        (Reason("makes", "مته CNC", "Drill bit", "Drill bit", "مته"), "fa", "شما «مته CNC» می‌سازید و این کالا «مته» است."),
        (Reason("material", "varagh steel 430", "steel", finglish=True), "fa",
         "شما با ماده‌ای کار می‌کنید که نامش در این کالا هم آمده است."),
        (Reason("machine", "mize boresh CNC", "CNC", finglish=True), "fa", "ماشین‌آلات شما برای ساخت این کالا مناسب است («CNC»)."),
        # ... and no Finglish in either: it is no English either.
        (Reason("makes", "mikhaim radiator bezanim", "Radiator", "Radiator", "رادیاتور", finglish=True), "en",
         "What you make is this listing (“Radiator”)."),
        (Reason("makes", "radiator ab", "رادیاتور", finglish=True), "en", "What you make is named in this listing."),
        (Reason("part", "posteh pomp", "Pump", "Pump", "پمپ", "casting", "casing", "پوسته", finglish=True), "en",
         "You make such a part; the casing of this listing (“Pump”) is a casting."),
        (Reason("makes", "لنت ترمز", "لنت ترمز دیسکی", "Brake pad set", "لنت ترمز دیسکی"), "en", "You make “لنت ترمز”; this listing is “Brake pad set”."),
        (Reason("makes", "لنت ترمز", "Brake pad set"), "fa", "شما «لنت ترمز» می‌سازید که در نام این کالا آمده است."),
        # Two phrases the owner wrote apart are two quotes, never one they did not write.
        (Reason("makes", "قطعات چدنی پمپ، بدنه گیربکس برای صنایع نفت", "پوسته پمپ", "Pump casing", "پوسته پمپ"), "fa",
         "شما «قطعات چدنی پمپ» و «بدنه گیربکس برای صنایع نفت» می‌سازید و این کالا «پوسته پمپ» است."),
        (Reason("makes", "pump casings, gearbox housings", "Pump casing", "Pump casing", "پوسته پمپ"), "en",
         "You make “pump casings” and “gearbox housings”; this listing is “Pump casing”."),
        # A part of the listing's product: which part, and how the unit makes it.
        (Reason("part", "pump casings", "Heavy-duty slurry pump", "Heavy-duty slurry pump", "پمپ دوغاب سنگین‌کار", "casting",
                "casing", "پوسته"), "en",
         "You cast “pump casings”; the casing of this listing (“Heavy-duty slurry pump”) is a casting."),
        (Reason("part", "بدنه پمپ", "پمپ دوغاب", "Heavy-duty slurry pump", "پمپ دوغاب سنگین‌کار", "casting", "body", "بدنه"), "fa",
         "شما «بدنه پمپ» را ریخته‌گری می‌کنید؛ بدنه این کالا («پمپ دوغاب سنگین‌کار») قطعه‌ای ریختگی است."),
        (Reason("part", "pump housings", "Fuel pump", "Fuel pump", "پمپ بنزین", "", "housing", "پوسته"), "en",
         "You make “pump housings”; the housing of this listing (“Fuel pump”) is a part such as you make."),
        (Reason("material", "ورق فولادی", "فولاد"), "fa", "شما با «ورق فولادی» کار می‌کنید و نامش در این کالا هم آمده است."),
        (Reason("machine", "CNC lathe", "turning", "turning", "تراش"), "en", "Your machines (“CNC lathe”) suit this listing (“turning”)."),
        (Reason("machine", "دستگاه تراش", "turning", "turning", "تراش"), "fa",
         "ماشین‌آلات شما («دستگاه تراش») برای ساخت این کالا مناسب است («تراش»)."),
        (Reason("process", "unlisted", "<x>", "<x>"), "en", "You do unlisted, which this listing needs (“&lt;x&gt;”)."),
    ],
)
def test_reasons_read_naturally_in_both_languages(reason: Reason, language: str, expected: str) -> None:
    assert service.describe_reason(reason, language) == expected


def test_every_process_has_its_own_sentence() -> None:
    for process in service.load_processes():
        english = service.describe_reason(Reason("process", process.key, "w", "w", "و"), "en")
        persian = service.describe_reason(Reason("process", process.key, "w", "w", "و"), "fa")
        assert not english.startswith("You do") and not persian.startswith("کار شما"), process.key


BATTERY_PLANT = "کارخانه باتری lead-acid خودرو و UPS بودیم، از ۱۴۰۱ idle است. خط assembly و formation داریم"


def test_registry_units_teach_what_a_process_serves_and_chat_profiles_do_not(
    seeded: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What registry units with a process make widens the sectors the engine lets that process serve; a profile
    built in chat is judged, never a teacher."""
    # No teacher to start with: neither the shipped examples nor the seeded (illustrative) registry units.
    monkeypatch.setattr(service, "shipped_units", lambda: ())
    for unit in seeded.exec(select(ManufacturerProfile).where(col(ManufacturerProfile.source) == ProfileSource.REGISTRY)):
        seeded.delete(unit)
    seeded.commit()
    plant = add_profile(seeded, "Battery plant", BATTERY_PLANT, "electrical_assembly;casting")
    assembler = "مونتاژ برد الکترونیک SMD و DIP؛ برد کنترل لوازم خانگی، درایور LED و ماژول تغذیه"

    def offered() -> list[str]:
        service.forget_index()
        return [item.product.code for item in service.opportunities(plant, session=seeded, limit=5)]

    assert "ELE-005" not in offered()  # the UPS cell: the catalog's keywords tie it to no process of the plant
    add_profile(seeded, "Chat assembler", assembler, "pcb_assembly;electrical_assembly")
    assert "ELE-005" not in offered()
    seeded.add(ManufacturerProfile(company="Registry assembler", makes=assembler, processes="pcb_assembly;electrical_assembly",
                                   source=ProfileSource.REGISTRY, unit_id="REG-1"))
    seeded.commit()
    assert "ELE-005" in offered()


def test_the_shipped_units_teach_unless_seeded_into_the_database() -> None:
    units = service.shipped_units()
    assert len(units) >= 20 and all(unit.processes and unit.makes for unit in units)
    assert units[0].key == "ILL-0001"


@pytest.mark.parametrize(
    ("reason", "language", "maker", "desk"),
    [
        # "shaft" of the alias "pump shaft seal": a word of the listing's name, not the listing, on both sides.
        (Reason("makes", "shaft", "pump shaft seal", "API 682 cartridge mechanical seal", "آب‌بند مکانیکی کارتریجی API 682",
                named=False), "fa", "آنچه شما می‌سازید در نام این کالا آمده است.", "«shaft» می‌سازد که در نام این کالا آمده است"),
        (Reason("makes", "شفت", "drive shaft", "Constant-velocity (CV) drive shaft", "پلوس خودرو", named=False), "fa",
         "شما «شفت» می‌سازید که در نام این کالا آمده است.", "«شفت» می‌سازد که در نام این کالا آمده است"),
        (Reason("makes", "flanj", "flange gasket", "Spiral wound gasket", "گسکت", finglish=True, named=False), "en",
         "What you make is named in this listing.", "makes “flanj”, which the listing names"),
        (Reason("makes", "flanges", "flange gasket", "Spiral wound gasket", "گسکت", named=False), "en",
         "You make “flanges”, which this listing names.", "makes “flanges”, which the listing names"),
    ],
)
def test_a_word_of_the_listings_name_is_never_said_to_be_the_listing(reason: Reason, language: str, maker: str, desk: str) -> None:
    from bot.telegram.features.suppliers.render import _reason as said_to_desk

    assert service.describe_reason(reason, language) == maker
    assert said_to_desk(language, reason) == desk


def test_the_maker_and_the_desk_see_the_same_fit_for_the_same_pair(seeded: Session) -> None:
    """/opportunities and /suppliers: every listing offered on evidence lists the unit with the same figure and
    reasons; a listing offered by the unit's processes alone (below the floor) never puts it on the desk's list."""
    profile = add_profile(seeded, "Job shop", "shafts, flanges, welded steel structures", "machining;welding")
    found = service.opportunities(profile, session=seeded, limit=50)
    assert any(not item.fit.by_processes for item in found)
    for item in found:
        desk = {supplier.profile.id: supplier.fit for supplier in service.suppliers(item.product.code, session=seeded, consented_only=False)}
        if item.fit.by_processes:
            assert profile.id not in desk
        else:
            assert (desk[profile.id].score, desk[profile.id].reasons) == (item.fit.score, item.fit.reasons)
