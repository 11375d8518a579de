"""A manufacturer's message that names no listing (issue 14): what a shop working the way it says could make, from a
transient profile read from its processes and materials, never saved nor logged; and the rule telling such a message
(answered only by a sector's list) from one that names a listing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session, func, select

from bot.services import browse, capabilities, catalog, opportunities, profiles
from bot.services.search import Matcher
from bot.store.models import ManufacturerProfile, SearchLog
from matching.capabilities import read_shop

MACHINE_SHOP_EN = "we have a machine shop and want to make parts"
MACHINE_SHOP_FA = "کارگاه تراشکاری و جوشکاری داریم، میخوایم قطعه بسازیم"


@pytest.fixture(autouse=True)
def _fresh_index() -> Iterator[None]:
    capabilities.forget_index()
    yield
    capabilities.forget_index()


def _read(text: str) -> tuple[tuple[str, ...], str]:
    shop = read_shop(text, capabilities.load_processes(), profiles.process_words())
    return shop.processes, shop.materials


@pytest.mark.parametrize(
    ("text", "processes", "materials"),
    [
        (MACHINE_SHOP_EN, ("machining",), ""),
        (MACHINE_SHOP_FA, ("machining", "welding"), ""),
        ("kargah tarashkari darim mikhaym ghate besazim", ("machining",), ""),  # Finglish, a typed word
        ("we have a foundry and want to make steel parts", ("casting",), "steel"),
        ("ما یه کارگاه داریم، میخوایم چدنی کار کنیم", (), "چدنی"),  # a material alone still says how it works
        ("we have a factory and want to make something", (), ""),  # nothing a profile could use
        # Customers named after "for" are no process of the shop's (a blind trial: a lathe shop read as a food processor)
        ("kargah tarashkari va joshkari darim, ghataat sanati baraye karkhane haye ghand va sanaye ghazayi misazim",
         ("machining", "welding"), ""),
        ("we run a welding shop making frames for food processing plants", ("welding",), ""),
    ],
)
def test_a_shop_is_read_from_its_processes_and_materials_never_a_product(
    text: str, processes: tuple[str, ...], materials: str
) -> None:
    assert _read(text) == (processes, materials)


def test_a_machine_shop_is_offered_machined_parts_as_opportunities_ranks_them(seeded: Session) -> None:
    shown = opportunities.for_message(MACHINE_SHOP_EN, session=seeded)
    assert 0 < len(shown) <= opportunities.SHOP_SHOWN
    codes = [item.product.code for item in shown]
    # Not the sector list its search gave (the injection moulding machine, tyres, the ECU): parts a lathe makes.
    assert not {"MCH-003", "AUT-003", "AUT-001"} & set(codes)
    assert all(item.reason is not None and item.reason.kind in ("part", "process") for item in shown)
    assert all(item.reason.process == "machining" or item.reason.profile_text == "machining" for item in shown if item.reason)
    # The same ranking as a saved profile with only that process gets from /opportunities.
    saved = ManufacturerProfile(company="x", processes="machining")
    seeded.add(saved)
    seeded.commit()
    capabilities.forget_index()
    ranked = opportunities.rank(capabilities.opportunities(saved, session=seeded, limit=opportunities.SHOP_SHOWN), {})
    assert [item.product.code for item in ranked] == codes


def test_the_transient_profile_is_never_saved(seeded: Session) -> None:
    before = seeded.exec(select(func.count()).select_from(ManufacturerProfile)).one()
    assert opportunities.for_message(MACHINE_SHOP_FA, session=seeded)
    seeded.commit()
    assert seeded.exec(select(func.count()).select_from(ManufacturerProfile)).one() == before


def test_a_message_naming_no_process_nor_material_is_offered_nothing(seeded: Session) -> None:
    assert opportunities.for_message("we have a factory and want to make something", session=seeded) == []


@pytest.mark.parametrize("text", [MACHINE_SHOP_EN, MACHINE_SHOP_FA])
def test_a_maker_answered_only_by_a_sector_list_is_not_searched_nor_logged(seeded: Session, text: str) -> None:
    matcher = Matcher.load(session=seeded)
    # Searched as a need, the message gets a sector's list, none of it by a listing's own words.
    found = matcher.lookup(browse.clean_query(text), limit=browse.MAX_RESULTS)
    assert found.results and not browse.names_listing(found)
    assert isinstance(browse.talk_or_search(text, session=seeded, matcher=matcher, user_id=None), browse.MakerIntro)
    assert seeded.exec(select(func.count()).select_from(SearchLog)).one() == 0


def test_a_maker_naming_a_listing_is_still_searched(seeded: Session) -> None:
    matcher = Matcher.load(session=seeded)
    outcome = browse.talk_or_search("تولیدکننده کمک فنر هستیم", session=seeded, matcher=matcher, user_id=None)
    assert isinstance(outcome, browse.SearchOutcome) and outcome.maker
    assert [product.code for product in outcome.products] == ["AUT-008"]


def test_a_machine_imported_later_is_a_makers_equipment_by_its_hs_code_not_its_name(seeded: Session) -> None:
    """A listing imported after the seed, named with no word for a machine ("Servo injection moulder", «تزریق پلاستیک
    سروو»), is a machine by its HS code (8477.10, chapter 84, in the machinery sector): a moulder saying it has six
    injection machines is not offered it, as it is not offered MCH-003."""
    header = "code,name_en,name_fa,aliases,hs_code,sector,annual_import_usd,status,description"
    row = "MCH-050,Servo injection moulder,قالب‌گیر تزریقی سروو,دستگاه تزریق;injection moulder,8477.10,machinery,9000000,open,"
    assert catalog.import_products(f"{header}\n{row}\n", session=seeded).counts.new == 1
    matcher = Matcher.load(session=seeded)
    text = "ما تولیدکننده قطعات تزریقی پلاستیک هستیم، ۶ تا دستگاه تزریق داریم"
    assert matcher.is_machine("MCH-050") and "MCH-050" in {r.code for r in matcher.search(browse.clean_query(text), limit=20)}
    outcome = browse.talk_or_search(text, session=seeded, matcher=matcher, user_id=None)
    assert isinstance(outcome, browse.MakerIntro)
