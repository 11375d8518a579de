"""Forward search, round 14 (issue 10): a sentence that describes a product in a relative clause names the
listing its description fits best, and a long introduction is about the listing it says most about.
The seed queries here are worded afresh, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from bot.services.search import Matcher
from matching import Document, Field, Index


def tiers(matcher: Matcher, query: str) -> tuple[list[str], list[str]]:
    found = matcher.lookup(query, limit=10)
    return [r.code for r in found.results], [r.code for r in found.related]


def catalog(*products: tuple[str, str, str]) -> Index:
    """``products`` (key, English name, description) among sixty unrelated listings, so that the words of
    the products' descriptions are rare, as they are in a real catalog."""
    documents = [
        Document("product", key, (Field("name_en", name), Field("description", description)))
        for key, name, description in products
    ]
    documents += [
        Document("product", f"W{n}", (Field("name_en", f"Widget model {n}"), Field("description", "Generic widget.")))
        for n in range(60)
    ]
    return Index(documents)


# ------------------------------------------------ a clause describing what the product does


@pytest.mark.parametrize(
    ("query", "listing"),
    [
        ("the little implant under the skin of the chest that keeps a weak heart beating steadily", "MED-012"),
        ("دستگاهی که وقتی فشار چاه نفت یهو بالا میره جلوی فوران رو میگیره", "OGS-008"),
        ("oon dastgahi ke be jaye bimar too ICU nafas mikeshe", "MED-014"),
    ],
)
def test_a_clause_describing_a_listing_names_it_confidently(matcher: Matcher, query: str, listing: str) -> None:
    assert tiers(matcher, query)[0][:1] == [listing]


MAGNETRON = ("P1", "Magnetron", "Vacuum tube that generates microwave energy in household ovens.")
HINGE = ("P2", "Oven door hinge", "Steel hinge for oven doors.")
RADAR = ("P3", "Motion radar", "Module that generates microwave energy to sense motion in household alarms.")


def test_the_description_leading_by_a_tenth_is_confident() -> None:
    found = catalog(MAGNETRON, HINGE).lookup("the thing in a kitchen oven that generates the microwave energy")
    assert [match.key for match in found.confident] == ["P1"]


def test_two_descriptions_fitting_as_well_stay_suggestions() -> None:
    found = catalog(MAGNETRON, RADAR).lookup("the household part that generates microwave energy")
    assert found.confident == []
    assert {match.key for match in found.related} >= {"P1", "P3"}


@pytest.mark.parametrize(
    ("query", "confident"),
    [
        ("the part that makes microwave energy", ["P1"]),
        # The same two rare words in a need around the thing, not a clause saying what it does: a suggestion.
        ("microwave energy part for my kitchen", []),
    ],
)
def test_only_a_clause_makes_two_rare_words_confident(query: str, confident: list[str]) -> None:
    found = catalog(MAGNETRON, HINGE).lookup(query)
    assert [match.key for match in found.confident] == confident
    assert "P1" in {match.key for match in found.confident + found.related}


# ------------------------------------------------ a long introduction is about what it says most about

CABLE = ("C1", "Copper cable", "Bare copper conductor cable.")
HARNESS = ("C2", "Car wiring harness", "Bundle of wires, crimped terminals and connectors for passenger cars.")
INTRODUCTION = (
    "Hello, we are a company from Qazvin with eighty people and fifteen years of experience making copper cable for"
    " buildings. Now we want to make the wiring harness for passenger cars: wires with crimped terminals and"
    " connectors, taped into a bundle for each model"
)


def test_a_long_introduction_leads_with_the_listing_it_describes_most() -> None:
    found = catalog(CABLE, HARNESS).lookup(INTRODUCTION)
    assert [match.key for match in found.confident][:2] == ["C2", "C1"]


def test_a_short_message_keeps_the_order_of_its_names() -> None:
    # A describing sentence of a few words is not an introduction: the name it holds best stays first.
    found = catalog(CABLE, HARNESS).lookup("copper cable and wiring harness")
    assert [match.key for match in found.confident][:1] == ["C1"]


# ------------------------------------------------ a bracket closing an English name is not its head


def test_the_head_of_an_english_name_is_before_its_closing_bracket() -> None:
    index = catalog(("B1", "Tricone roller cone bit (TCI)", "Drill bit."), ("B2", "Blowout preventer (BOP)", "Stack."))
    heads = {
        index._docs[doc_id].key: {index._words[head] for head, named in index._name_heads(doc_id).items() if named}
        for doc_id in range(2)
    }
    assert heads == {"B1": {"bit"}, "B2": {"preventer"}}


@pytest.mark.parametrize(("query", "family"), [("مته", {"OGS-002", "OGS-003"}), ("bits", {"OGS-002", "OGS-003"})])
def test_a_family_whose_english_names_end_in_brackets_is_found(matcher: Matcher, query: str, family: set[str]) -> None:
    # The tricone bit's English head was "(TCI)": «مته», which heads both Persian names, had no English head to
    # translate it, and the two bits were only suggestions.
    assert set(tiers(matcher, query)[0][:2]) == family
