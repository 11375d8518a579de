"""The curated synonyms file shipped in seed_data/: the agreed format, and groups that cannot blur into each other."""

from __future__ import annotations

import csv
import io

import seed_data


def _rows() -> list[tuple[list[str], str]]:
    text = seed_data.files().joinpath("synonyms.csv").read_text(encoding="utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    assert next(reader) == ["terms", "note"]
    return [([term.strip() for term in terms.split(";")], note) for terms, note in reader]


def _groups() -> list[list[str]]:
    return [terms for terms, _note in _rows()]


def _key(term: str) -> str:
    return " ".join(term.replace("\u200c", " ").lower().split())


def test_every_row_is_a_group_of_two_or_more_terms() -> None:
    groups = _groups()
    # A bound that keeps the file reviewable by staff, raised as the literal senses people translate by grow.
    assert 150 <= len(groups) <= 450
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
    """Everyday words that only sometimes name a catalog thing (milk/valve, flood/seal, the pronoun "mine") are no
    synonym of a catalog name. One may stand only in a group of its own translations marked as the literal sense of
    a word, which the engine trusts in a name only beside another word of the query ("railway needle")."""
    false_friends = {"شیر", "سیل", "mine", "پست", "لاستیک", "ماشین", "موتور", "مقاومت", "سوزن", "روی", "chip", "api"}
    holding = [(terms, note) for terms, note in _rows() if false_friends & {_key(term) for term in terms}]
    assert [terms for terms, note in holding if "the literal sense of a word" not in note] == []
    assert [terms for terms, _note in holding if len(terms) > 3] == []


def test_every_desk_is_described_in_persian_with_persian_digits() -> None:
    """Persian desk cards show ``description_fa``: natural Persian, its figures in Persian digits."""
    text = seed_data.files().joinpath("desks.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows and list(rows[0])[7:9] == ["description", "description_fa"]
    assert [row["code"] for row in rows if not row["description_fa"].strip()] == []
    assert [row["code"] for row in rows if any(c.isascii() and (c.isalpha() or c.isdigit()) for c in row["description_fa"])] == []
    published = {row["code"]: row["description_fa"] for row in rows if row["budget_eur"]}
    assert published["DESK-REF"].endswith("۸۰ میلیون یورو قرارداد در سال راه‌اندازی میز.")


def test_the_illustrative_units_are_valid_marked_and_varied() -> None:
    """``units.csv`` is a registry file like any other, and a newcomer sees at once that its units are examples."""
    from bot.services.catalog_csv import read_csv
    from bot.services.registry import ALL_COLUMNS, parse_unit_table

    text = seed_data.files().joinpath("units.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(ALL_COLUMNS)
    parsed = parse_unit_table(read_csv(text))
    assert parsed.errors == [] and 18 <= len(parsed.rows) <= 30
    units = parsed.rows
    assert [unit.name for unit in units if not unit.name.endswith("(illustrative)")] == []
    assert all(unit.unit_id.startswith("ILL-") for unit in units)
    idle = [unit for unit in units if unit.status == "idle"]
    assert len(idle) >= 4 and all(unit.idle_since is not None for unit in idle)
    assert len({unit.province for unit in units}) >= 12 and len({unit.isic_code[:2] for unit in units}) >= 8
    persian = [unit for unit in units if any("\u0600" <= ch <= "\u06ff" for ch in unit.products)]
    assert 5 <= len(persian) < len(units)  # Persian and English registry texts alike
    assert [unit.unit_id for unit in persian if any(ch in "كي" for ch in unit.products + unit.name)] == []
    # Illustrative contacts never reach a real address.
    assert all(not unit.contact or unit.contact.endswith(".example") for unit in units)
