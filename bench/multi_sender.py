"""Benchmark 5: several senders at once — N ``matchbot digest`` processes against one bot's rate limit.

    python bench/multi_sender.py                      # 3 senders, 600 subscribers, DIGEST_SEND_RATE=25, SQLite
    python bench/multi_sender.py --quick              # 3 senders, 90 subscribers (the smoke test runs this)
    python bench/multi_sender.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench   # an EMPTY database
    PYTHONPATH=/path/to/other/checkout python bench/multi_sender.py   # the same load on another version (a baseline)

The seed catalog and N instant subscribers with news (one single-message digest each, as in
tests/e2e), then ``--senders`` real ``matchbot digest`` processes started together, each with
``DIGEST_SEND_RATE``, against tests/e2e/fake_bot_api.FakeBotApi with ``rate_limit_per_second = 30``
for the bot as a whole (it answers 429 above that in any sliding second, whichever process sends),
as Telegram does. Reported: successful sends per second from the first to the last, the busiest
sliding second, 429s, digests delivered more than once or not at all, and each process's share.

The processes run ``python -m bot`` with this interpreter and ``PYTHONPATH``, so pointing
``PYTHONPATH`` at another checkout measures that version on the same load, side by side.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from _common import ROOT, machine, table, worst_second

from tests.e2e.digest_processes import seed_subscribers
from tests.e2e.fake_bot_api import FakeBotApi

FAKE_LIMIT = 30


@dataclass(slots=True)
class Result:
    senders: int
    rate: float
    subscribers: int
    seconds: float
    achieved: float
    worst_second: int
    rejected_429: int
    duplicates: int
    missing: int
    shares: list[int]
    exit_codes: list[int]


def measure(database_url: str, *, senders: int, subscribers: int, rate: float, workers: int, workdir: Path) -> Result:
    with FakeBotApi() as fake:
        users = set(seed_subscribers(database_url, fake, subscribers))
        fake.rate_limit_per_second = FAKE_LIMIT
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_API_BASE_URL": fake.base_url,
            "TELEGRAM_API_FILE_URL": fake.file_url,
            "DATABASE_URL": database_url,
            "DIGEST_SEND_RATE": str(rate),
            "DIGEST_WORKERS": str(workers),
            "DIGEST_RETRY_BASE_SECONDS": "0.05",
            "DIGEST_MAX_RETRIES": "6",
            "LOG_LEVEL": "WARNING",
        }
        logs = [workdir / f"sender{n}.log" for n in range(senders)]
        processes = []
        for log in logs:
            with log.open("wb") as out:
                processes.append(subprocess.Popen([sys.executable, "-m", "bot", "digest"], env=env, cwd=workdir,
                                                  stdin=subprocess.DEVNULL, stdout=out, stderr=out))  # fmt: skip
        codes = [process.wait(timeout=1800) for process in processes]
        sends = [call for call in fake.calls if call.method == "sendMessage" and int(call.params["chat_id"]) in users]
    ok = sorted(call.at for call in sends if call.ok)
    counts = Counter(int(call.params["chat_id"]) for call in sends if call.ok)
    for code, log in zip(codes, logs):
        if code != 0:
            print(f"  ! a sender exited {code}; the end of its output:\n" + "\n".join(log.read_text().splitlines()[-15:]), file=sys.stderr)
    shares = []
    for log in logs:
        found = re.search(r"^sent (\d+) digest\(s\)", log.read_text(), re.MULTILINE)
        shares.append(int(found.group(1)) if found else -1)
    seconds = ok[-1] - ok[0] if len(ok) > 1 else 0.0
    return Result(
        senders=senders, rate=rate, subscribers=subscribers, seconds=seconds,
        achieved=(len(ok) - 1) / seconds if seconds else 0.0, worst_second=worst_second(ok),
        rejected_429=sum(1 for call in sends if call.status == 429),
        duplicates=sum(count - 1 for count in counts.values() if count > 1),
        missing=len(users - set(counts)), shares=shares, exit_codes=codes,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--senders", type=int, default=3, help="matchbot digest processes at once (default %(default)s)")
    parser.add_argument("--subscribers", type=int, default=600, help="subscribers, one message each (default %(default)s)")
    parser.add_argument("--rate", type=float, default=25.0, help="DIGEST_SEND_RATE of every process (default %(default)s)")
    parser.add_argument("--workers", type=int, default=8, help="DIGEST_WORKERS of every process (default %(default)s)")
    parser.add_argument("--database-url", help="an EMPTY database to use instead of a temporary SQLite file (e.g. PostgreSQL)")
    parser.add_argument("--quick", action="store_true", help="90 subscribers: a smoke run")
    args = parser.parse_args()
    if args.quick:
        args.subscribers = 90
    with tempfile.TemporaryDirectory(prefix="matchbot-senders-") as temp:
        database_url = args.database_url or f"sqlite:///{Path(temp) / 'bench.db'}"
        result = measure(database_url, senders=args.senders, subscribers=args.subscribers, rate=args.rate, workers=args.workers,
                         workdir=Path(temp))  # fmt: skip
    version = os.environ.get("PYTHONPATH") or str(ROOT)
    print(f"Several senders: {args.senders} × matchbot digest (DIGEST_SEND_RATE={args.rate:g}, DIGEST_WORKERS={args.workers}), "
          f"{args.subscribers:,} subscribers, fake limit {FAKE_LIMIT}/s in total, "
          f"{'the given database' if args.database_url else 'SQLite'}; code from {version}")  # fmt: skip
    print(machine())
    print()
    print(table(
        ["senders", "over", "achieved (all together)", "busiest second", "429s", "sent twice", "not sent", "each sender's digests", "exit codes"],
        [[f"{result.senders} × {result.rate:g}/s", f"{result.seconds:.1f} s", f"{result.achieved:.1f}/s", result.worst_second,
          result.rejected_429, result.duplicates, result.missing, " + ".join(map(str, result.shares)),
          ", ".join(map(str, result.exit_codes))]],
    ))  # fmt: skip


if __name__ == "__main__":
    main()
