"""Persian sorting: bot.collation's alphabet-order key against PyICU's CLDR Persian collator.

    pip install PyICU     # only for this comparison: it builds from source (ICU headers, a C++ compiler)
    python bench/persian_collation.py [--quick]

Two figures. Agreement: on how many pairs of names the two put the same one first at the first level
(letters; not the tie-break between two spellings of one letter, where ours falls back on code points and
ICU on its finer levels), over every pair of the seeded Persian names and over random pairs of made-up
names: plain ones (Persian letters, Arabic kaf and yeh, half-spaces, one space between words), and rough
ones that add every spelling the key unifies, digits, Latin letters, punctuation, vowel signs, kashida,
joiners, and words of one letter (so runs of spaces, and spaces first). Speed: sorting the plain names
with each key, beside Python's code-point sort.

The two differ by design on rough names only: the key drops spaces at the start and counts a run of
spaces as one (ICU weighs each), and it orders punctuation marks among themselves by code point (ICU by
the Unicode collation table).
"""

from __future__ import annotations

import argparse
import csv
import importlib
import itertools
import random
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from _common import ROOT, machine, table

# The key's weight bands (private: only this comparison needs to tell punctuation from the rest).
from bot.collation import _DIGIT as DIGITS
from bot.collation import _SYMBOL as SYMBOLS
from bot.collation import PERSIAN_ALPHABET, persian_sort_key

SEED = ROOT / "seed_data"
ZWNJ = "\u200c"


def seed_names() -> list[str]:
    """Every Persian name in the seed: sectors, desks and listings."""
    files = [SEED / "sectors.csv", SEED / "desks.csv", *sorted((SEED / "products").glob("*.csv"))]
    names: list[str] = []
    for path in files:
        with path.open(encoding="utf-8") as handle:
            names += [row["name_fa"] for row in csv.DictReader(handle) if row["name_fa"]]
    return names


PLAIN = [spellings[0] for spellings in PERSIAN_ALPHABET] + ["ك", "ي", ZWNJ]
ROUGH = [*"".join(PERSIAN_ALPHABET), *"۱1٢aBz-()", ZWNJ, "\u200d", "\u0640", "\u064e"]


def made_up_names(count: int, rng: random.Random, characters: Sequence[str], shortest: int) -> list[str]:
    """Names of one to three words of ``shortest`` to 7 ``characters``; a word never ends in a half-space."""

    def word() -> str:
        return "".join(rng.choice(characters) for _ in range(rng.randint(shortest, 7))).strip(ZWNJ) or "ب"

    return [" ".join(word() for _ in range(rng.randint(1, 3))) for _ in range(count)]


def _sign(value: int) -> int:
    return (value > 0) - (value < 0)


def _spaced_oddly(text: str) -> bool:
    """Whether ``text``, without what the key ignores, starts with a space or has two in a row."""
    visible = "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Cf") and c != "\u0640")
    return visible.startswith(" ") or "  " in visible


def cause(first: str, second: str) -> str:
    """Why the key and ICU order a pair differently: one of the two differences by design, or "other"."""
    if _spaced_oddly(first) or _spaced_oddly(second):
        return "spaces first or in a row"
    ours, theirs = persian_sort_key(first)[0], persian_sort_key(second)[0]
    at = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    punctuation = [w for w in (ours[at:at + 1] + theirs[at:at + 1]) if SYMBOLS <= w < DIGITS]
    return "punctuation" if punctuation else "other"


def agreement(pairs: Sequence[tuple[str, str]], icu_compare: Callable[[str, str], int]) -> tuple[int, Counter[str]]:
    """How many pairs both order alike at the first level, and why the others differ."""
    agreed, causes = 0, Counter[str]()
    for first, second in pairs:
        ours, theirs = persian_sort_key(first)[0], persian_sort_key(second)[0]
        if (ours > theirs) - (ours < theirs) == _sign(icu_compare(first, second)):
            agreed += 1
        else:
            causes[cause(first, second)] += 1
    return agreed, causes


def timed_sort(names: list[str], key: Callable[[str], Any] | None) -> float:
    started = time.perf_counter()
    sorted(names, key=key)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, a smoke run")
    args = parser.parse_args(argv)
    try:
        icu = importlib.import_module("icu")
    except ImportError:
        parser.error("this comparison needs PyICU: pip install PyICU (ICU headers and a C++ compiler first)")
    primary = icu.Collator.createInstance(icu.Locale("fa"))
    primary.setStrength(icu.Collator.PRIMARY)
    full = icu.Collator.createInstance(icu.Locale("fa"))
    rng = random.Random(12)
    names, pair_count, sort_count = seed_names(), (2_000 if args.quick else 200_000), (2_000 if args.quick else 100_000)
    if args.quick:
        names = names[:40]
    made_up = made_up_names(sort_count, rng, PLAIN, 2)
    rough = made_up_names(sort_count, rng, ROUGH, 1)
    print(f"{machine()}; ICU {icu.ICU_VERSION}, PyICU {icu.VERSION}")
    rows: list[list[object]] = []
    for label, pairs in (
        (f"seeded names ({len(names)}), every pair", list(itertools.combinations(names, 2))),
        ("plain made-up names, random pairs", [(rng.choice(made_up), rng.choice(made_up)) for _ in range(pair_count)]),
        ("rough made-up names, random pairs", [(rng.choice(rough), rng.choice(rough)) for _ in range(pair_count)]),
    ):
        agreed, causes = agreement(pairs, primary.compare)
        why = ", ".join(f"{kind}: {count}" for kind, count in sorted(causes.items())) or "none"
        rows.append([label, len(pairs), f"{100 * agreed / len(pairs):.2f}%", why])
    print(table(["names", "pairs", "same order", "where they differ, why"], rows))
    print()
    timings = [
        ("code points (sorted as is)", timed_sort(made_up, None)),
        ("bot.collation.persian_sort_key", timed_sort(made_up, persian_sort_key)),
        ("PyICU fa collator (getSortKey)", timed_sort(made_up, full.getSortKey)),
    ]
    print(table([f"sorting {len(made_up)} plain made-up names", "seconds"], [[n, f"{s:.3f}"] for n, s in timings]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
