"""Which listings are machines a works owns (Index.is_machine): HS chapter 84 but none of its headings of parts and
components, in a sector that builds machines. The bot leaves them out of a maker's answer when the maker says it owns
such machines («۶ تا دستگاه تزریق داریم»): they are its equipment, not what it could make."""

from __future__ import annotations

import pytest

from bot.services.search import Matcher
from matching import Document, Field, Index


def listing(code: str, name_en: str, name_fa: str, hs: str, sector: str) -> Document:
    return Document("product", code, (Field("name_en", name_en), Field("name_fa", name_fa)), hs_code=hs, sector=sector)


def desk(code: str, sector: str) -> Document:
    return Document("desk", code, (Field("name_en", f"{sector} desk"), Field("name_fa", "میز")), sector=sector)


CATALOG = [
    listing("PKG-001", "Form fill seal bagger", "بسته بند عمودی", "842240", "packaging"),
    listing("PKG-002", "Carton erector", "کارتن ساز", "844120", "packaging"),
    listing("PKG-003", "Conveyor gear reducer", "گیربکس نوار نقاله", "848340", "packaging"),  # a gear: a part
    listing("PKG-004", "Stretch film", "فیلم استرچ", "392010", "packaging"),  # no machine at all
    listing("PKG-005", "Labelling head bearing", "بلبرینگ لیبل زن", "848210", "packaging"),
    listing("HOM-001", "Washing machine drum", "دیگ ماشین لباسشویی", "845090", "appliances"),  # chapter 84, no builder
    listing("HOM-002", "Refrigerator door gasket", "نوار درب یخچال", "401699", "appliances"),
    listing("HOM-003", "Refrigerator shelf", "طبقه یخچال", "700719", "appliances"),
    desk("DESK-PKG", "packaging"),
    desk("DESK-HOM", "appliances"),
]


@pytest.mark.parametrize(("code", "machine"), [
    ("PKG-001", True), ("PKG-002", True),  # named without "machine": the HS code tells
    ("PKG-003", False), ("PKG-005", False),  # 8483 gears, 8482 bearings: parts of machines
    ("PKG-004", False),  # not under chapter 84
    ("HOM-001", False),  # under chapter 84, but its sector makes appliances: a part of one
    ("DESK-PKG", False), ("NOPE-1", False),
])
def test_a_machine_is_told_by_its_hs_heading_and_its_sectors_trade(code: str, machine: bool) -> None:
    assert Index(CATALOG).is_machine(code) is machine


def test_the_seed_catalogs_machines_are_the_machine_tools_and_plant_not_their_parts(matcher: Matcher) -> None:
    """The seed's machinery sector: machine tools and plant («دستگاه تزریق», CNC lathe, press brake, robot, forklift,
    extruder) are machines; its cylinders, gear reducer, bearing, servo motor (chapter 85) and cutting insert (82) are
    parts; no other sector's listing is, though home appliances' parts are under chapter 84 too."""
    machines = {code for code in [f"MCH-{n:03d}" for n in range(1, 15)] + ["HOM-001", "HOM-004", "OGS-001", "REF-005"]
                if matcher.is_machine(code)}
    assert machines == {"MCH-001", "MCH-002", "MCH-003", "MCH-004", "MCH-005", "MCH-010", "MCH-012", "MCH-013"}
