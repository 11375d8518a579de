"""The curated synonyms file shipped in seed_data/: the agreed format, and groups that cannot blur into each other."""

from __future__ import annotations

import csv
import io

import seed_data


def _groups() -> list[list[str]]:
    text = seed_data.files().joinpath("synonyms.csv").read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    assert next(reader) == ["terms", "note"]
    return [[term.strip() for term in terms.split(";")] for terms, _note in reader]


def _key(term: str) -> str:
    return " ".join(term.replace("\u200c", " ").lower().split())


def test_every_row_is_a_group_of_two_or_more_terms() -> None:
    groups = _groups()
    assert 150 <= len(groups) <= 400
    assert [terms for terms in groups if len({_key(t) for t in terms if t}) < 2 or "" in terms] == []


def test_no_term_is_in_two_groups() -> None:
    """A term in two groups would make both groups one: words that do not mean the same thing."""
    seen: dict[str, int] = {}
    shared = []
    for number, terms in enumerate(_groups(), 2):
        for term in terms:
            if _key(term) in seen and seen[_key(term)] != number:
                shared.append((term, seen[_key(term)], number))
            seen.setdefault(_key(term), number)
    assert shared == []


def test_known_false_friends_are_kept_out() -> None:
    """Everyday words that only sometimes name a catalog thing (milk/valve, flood/seal, the pronoun "mine")."""
    terms = {_key(term) for group in _groups() for term in group}
    assert terms.isdisjoint({"شیر", "سیل", "mine", "پست", "لاستیک", "ماشین", "موتور", "مقاومت", "سوزن", "روی", "chip", "api"})


def test_every_desk_is_described_in_persian_with_persian_digits() -> None:
    """Persian desk cards show ``description_fa``: natural Persian, its figures in Persian digits."""
    text = seed_data.files().joinpath("desks.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows and list(rows[0])[7:9] == ["description", "description_fa"]
    assert [row["code"] for row in rows if not row["description_fa"].strip()] == []
    assert [row["code"] for row in rows if any(c.isascii() and (c.isalpha() or c.isdigit()) for c in row["description_fa"])] == []
    published = {row["code"]: row["description_fa"] for row in rows if row["budget_eur"]}
    assert published["DESK-REF"].endswith("۸۰ میلیون یورو قرارداد در سال راه‌اندازی میز.")
