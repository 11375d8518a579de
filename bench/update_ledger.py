"""Benchmark 5: what recognising redelivered updates costs per update (issue 15).

    python bench/update_ledger.py                    # 500 updates on SQLite
    python bench/update_ledger.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench
    python bench/update_ledger.py --quick            # 20 updates (smoke test)

Each update is claimed in the database before it is handled and marked done after it
(:class:`bot.telegram.updates.UpdateLedger`): two short transactions, each through ``asyncio.to_thread``
as the bot runs them. The baseline, run side by side on the same database, is the bot's own write of
one search: remembering the user and logging the search, in one ``Runtime.run``-style transaction.
Reported: CPU and wall time per update; only the claim is on the path to the reply.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from bot.store import schema
from bot.store import searches as search_store
from bot.store import users as user_store
from bot.store.db import make_engine
from bot.telegram.updates import UpdateLedger


def _search_write(engine: Engine, n: int) -> None:
    with Session(engine) as session:
        user_store.upsert_user(1, session=session, first_name="Bench", username=None, language="en")
        search_store.add_search(f"brake pads {n}", session=session, user_id=1, top_code=None)
        session.commit()


async def _measure(updates: int, step: Callable[[int], Awaitable[object]]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    for n in range(updates):
        await step(n)
    return (time.process_time() - cpu) / updates * 1000, (time.perf_counter() - wall) / updates * 1000


async def main(url: str, updates: int) -> None:
    engine = make_engine(url)
    schema.ensure_current(engine, auto_migrate=True)
    ledger = UpdateLedger(engine, retention=timedelta(hours=1), single_consumer=True)
    offset = int(time.time() * 1000)  # fresh update ids on a reused database

    async def claim_and_finish(n: int) -> None:
        await ledger.claim(offset + n)
        await ledger.finish(offset + n)

    async def claim_only(n: int) -> None:
        await ledger.claim(offset + updates + n)

    rows = [
        ("baseline: one search's own write", await _measure(updates, lambda n: asyncio.to_thread(_search_write, engine, n))),
        ("ledger: claim (before the reply)", await _measure(updates, claim_only)),
        ("ledger: claim + done", await _measure(updates, claim_and_finish)),
    ]
    engine.dispose()
    print(f"Update ledger: {updates} updates on {engine.dialect.name}")
    print("| step | CPU per update | wall per update |")
    print("|---|---|---|")
    for name, (cpu, wall) in rows:
        print(f"| {name} | {cpu:.2f} ms | {wall:.2f} ms |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a new SQLite file in a temporary directory")
    parser.add_argument("--updates", type=int, default=500, help="updates per step (default 500)")
    parser.add_argument("--quick", action="store_true", help="20 updates")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="matchbot-bench-")
    asyncio.run(main(args.database_url or f"sqlite:///{folder}/ledger.db", 20 if args.quick else args.updates))
