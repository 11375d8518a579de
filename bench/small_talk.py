"""Small talk against search on the blind query sets: what the bot answers as talk instead of searching.

    python bench/small_talk.py [SET.csv ...]     # default: tests/matching/eval/blind_dev.csv docs/eval/blind_sealed_b.csv

The bot's rule (bot.services.browse.unanswered_talk): a message with a confident match is a search; else,
if matching.smalltalk calls it small talk, it gets a short answer and is not logged as unmet demand. Per
set it reports how many greetings and questions about the bot get the answer (the more the better), how
many other must-match-nothing queries do (gibberish, near misses, everyday needs: harmless, they are not
demand either), and how many positive queries lose their search to it (must be 0), listing those.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from _common import ROOT, seeded_matcher
from match_quality import LIMIT, read_set

from bot.services.browse import unanswered_talk

SETS = [ROOT / "tests/matching/eval/blind_dev.csv", ROOT / "docs/eval/blind_sealed_b.csv"]
TALK_KINDS = ("none_greeting", "none_bot_question")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=SETS)
    args = parser.parse_args(argv)
    matcher, _ = seeded_matcher()
    lost_any = False
    for path in args.sets:
        rows, _ = read_set(path)
        total: Counter[str] = Counter()
        talk: Counter[str] = Counter()
        lost: list[str] = []
        for row in rows:
            kind = row["kind"]
            total[kind] += 1
            if unanswered_talk(row["query"], matcher.search(row["query"], limit=LIMIT)) is None:
                continue
            talk[kind] += 1
            if not kind.startswith("none_"):
                lost.append(f"  {kind}: {row['query']}")
        positives = sum(n for kind, n in total.items() if not kind.startswith("none_"))
        others = [kind for kind in total if kind.startswith("none_") and kind not in TALK_KINDS]
        where = path.resolve()
        print(f"{where.relative_to(ROOT) if where.is_relative_to(ROOT) else where}:")
        for kind in TALK_KINDS:
            print(f"  {kind}: {talk[kind]}/{total[kind]} answered as small talk")
        print(f"  other none_* ({', '.join(sorted(others))}): {sum(talk[k] for k in others)}/{sum(total[k] for k in others)}")
        print(f"  positive queries that lose their search: {len(lost)}/{positives}")
        print("\n".join(lost))
        lost_any = lost_any or bool(lost)
    return 1 if lost_any else 0


if __name__ == "__main__":
    raise SystemExit(main())
