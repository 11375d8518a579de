"""Draw docs/scorecard-sample.png (README, "The weekly scorecard"): DESK-AUT's chart from the seed catalog and a few
illustrative leads over the last 12 weeks, in a throwaway SQLite database.

    .venv/bin/python scripts/scorecard_sample.py [--language en|fa] [OUTPUT]

The leads are invented (a fixed random seed, so the picture changes only when the code does); nothing is written
outside OUTPUT.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.services import audit, catalog, scorecard
from bot.services.scorecard_chart import render_png
from bot.store import schema
from bot.store.db import make_engine
from bot.store.models import AuditEntry, Lead, LeadStatus, User

TEHRAN = ZoneInfo("Asia/Tehran")
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=TEHRAN)
LISTINGS = ["AUT-001", "AUT-003", "AUT-004", "AUT-005", "AUT-006", "AUT-007", "AUT-008", "AUT-009", "AUT-010", "AUT-011"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default="docs/scorecard-sample.png")
    parser.add_argument("--language", choices=["en", "fa"], default="en")
    args = parser.parse_args()
    rng = random.Random(13)
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'sample.db'}")
        schema.upgrade(engine)
        with Session(engine) as session:
            catalog.seed(session=session)
            week = scorecard.reported_week(NOW, TEHRAN) - timedelta(weeks=scorecard.WEEKS - 1)
            user_id = 1000
            for index in range(scorecard.WEEKS):
                start = datetime.combine(week + timedelta(weeks=index), datetime.min.time(), tzinfo=TEHRAN)
                # More interest as the program becomes known, and answers that get faster.
                for _ in range(rng.randint(1, 3) + index // 3):
                    user_id += 1
                    created = start + timedelta(hours=rng.uniform(8, 24 * 5))
                    session.add(User(id=user_id, first_name="Investor"))
                    session.flush()
                    lead = Lead(user_id=user_id, product_code=rng.choice(LISTINGS), created_at=created.astimezone(UTC),
                                due_at=(created + timedelta(days=4)).astimezone(UTC), status=LeadStatus.CONTACTED)
                    session.add(lead)
                    session.flush()
                    answered = created + timedelta(hours=rng.uniform(6, 30) + max(0, 60 - 6 * index) * rng.random())
                    session.add(AuditEntry(at=answered.astimezone(UTC), actor_id=1, action=audit.LEAD_STATUS, target=str(lead.id),
                                           before={"status": "new"}, after={"status": "contacted"}))
            session.flush()
            desk = scorecard.find_desk("DESK-AUT", session=session)
            assert desk is not None
            card = scorecard.build(desk, session=session, tz=TEHRAN, sector_of=lambda _: None, now=NOW)
        engine.dispose()
    data = render_png(card, args.language)
    Path(args.output).write_bytes(data)
    print(f"wrote {args.output} ({len(data):,} bytes): {sum(w.leads for w in card.weeks)} leads over {len(card.weeks)} weeks")


if __name__ == "__main__":
    main()
