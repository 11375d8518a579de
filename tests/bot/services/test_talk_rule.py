"""The rule between small talk and search, and the codes offered for a mistyped one."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from bot.services import browse
from bot.services.search import Result
from bot.store import catalog
from matching.smalltalk import Talk

FOUND = [Result("product", "AUT-002", "Brake pad set", "لنت ترمز", "automotive", 90.0, "name")]


@pytest.mark.parametrize(("text", "kind"), [("hello", Talk.GREETING), ("سلام", Talk.GREETING), ("ممنون", Talk.THANKS),
                                            ("what can you do?", Talk.QUESTION)])
def test_small_talk_is_answered_only_when_nothing_confident_is_found(text: str, kind: Talk) -> None:
    assert browse.unanswered_talk(text, []) == kind
    assert browse.unanswered_talk(text, FOUND) is None  # a listing found is always the better answer


def test_a_need_is_never_small_talk() -> None:
    assert browse.unanswered_talk("brake pads", []) is None


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        # The same letters' numbers written nearest (a digit typed twice, a 0 left out), then nearest in value.
        ("REF-99", ["REF-009", "REF-018", "REF-017"]),
        ("AUT-99", ["AUT-019", "AUT-009", "AUT-020"]),
        ("AUT-25", ["AUT-020", "AUT-015", "AUT-005"]),
        ("شعف-99", ["AUT-019", "AUT-009", "AUT-020"]),  # on the Persian keyboard layout
        ("AUTT-002", ["AUT-002"]),  # spelt alike
        ("AUT-0O2", ["AUT-002"]),  # a letter O typed for a zero (a blind trial)
        ("aut-l2", ["AUT-012"]),  # an l for a one
        ("NOPE", []),
    ],
)
def test_closest_codes(seeded: Session, typed: str, offered: list[str]) -> None:
    assert browse.closest_codes(typed, session=seeded)[: len(offered) or None] == offered


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("aut-8", "AUT-008"),  # the same code written another way: that one listing
        ("AUT 8", "AUT-008"),
        ("aut-008", "aut-008"),  # a code a listing has, in any case, is looked up as it is
        ("AUT-99", "AUT-99"),  # no listing has it: left for "did you mean"
        ("brake", "brake"),
        ("AUT 8 please", "AUT-008"),
        ("aut-8 please", "AUT-008"),
        ("OGS-001 extra", "OGS-001"),
        ("شعف-8", "AUT-008"),  # "AUT-8" typed with the Persian keyboard layout active: the same keys
        ("شعف ۸", "AUT-008"),
        ("قثب-9", "REF-009"),
        ("شیر 2", "شیر"),  # an ordinary Persian word and a number: no listing's code
    ],
)
def test_written_as(seeded: Session, typed: str, code: str) -> None:
    assert browse.written_as(typed, session=seeded) == code


def test_written_as_reads_the_codes_once(seeded: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """A code no listing has was compared with every code up to three times (whole text, two words, first word)."""
    reads = []
    product_codes = catalog.product_codes

    def counted(*, session: Session) -> list[str]:
        reads.append(1)
        return product_codes(session=session)

    monkeypatch.setattr(catalog, "product_codes", counted)
    assert browse.written_as("AUT  99", session=seeded) == "AUT"
    assert len(reads) == 1


@pytest.mark.parametrize(("typed", "shaped"), [("AUT-0O2", True), ("AUT 1l", True), ("AUT-099", True), ("AUTO", False),
                                               ("BOOl", False), ("PVC 12", True), ("brake pads", False)])
def test_a_code_with_a_letter_for_a_digit_is_still_a_code(typed: str, shaped: bool) -> None:
    """Only a number with a real digit in it: a word such as "AUTO" or "BOOl" stays a search."""
    assert browse.code_shaped(typed) is shaped
