"""Helpers shared by the benchmark scripts: paths, memory readings, percentiles, tables, the machine.

Standard library only (plus what matchbot itself depends on), so every benchmark runs from a fresh
clone after the README's install.
"""

from __future__ import annotations

import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

# `python bench/x.py` puts bench/ first on sys.path; the repository root is needed for `tests.e2e`.
if str(ROOT) not in sys.path:
    sys.path.insert(1, str(ROOT))


def rss_mb() -> float:
    """This process's resident set size now, in MB (from /proc, so no psutil)."""
    return _status_kb("VmRSS") / 1024


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB."""
    peak = _status_kb("VmHWM")
    if peak:
        return peak / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_rss_mb() -> float:
    """The largest peak RSS of any waited-for child process, in MB (Linux reports ru_maxrss in kB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _status_kb(field: str) -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def worst_second(times: list[float]) -> int:
    """The most successful sends in any sliding one-second window (what the fake limits)."""
    worst, first = 0, 0
    for last, moment in enumerate(times):
        while moment - times[first] >= 1.0:
            first += 1
        worst = max(worst, last - first + 1)
    return worst


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` 0.99 → p99) of a non-empty sample."""
    ordered = sorted(values)
    rank = min(len(ordered), max(1, math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table, readable in a terminal and pasteable into docs/benchmarks.md."""
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(str(header)), *(len(row[i]) for row in cells)) for i, header in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(value.ljust(width) for value, width in zip(values, widths)) + " |"

    return "\n".join(
        [line(list(headers)), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, cells)]
    )


def machine() -> str:
    """One line naming the machine and software the figures come from."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
    except OSError:
        pass
    versions = ", ".join(
        f"{name} {_version(name)}" for name in ("rapidfuzz", "python-telegram-bot", "sqlmodel", "SQLAlchemy")
    )
    return (
        f"{os.cpu_count()} CPUs ({model}){memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {versions}"
    )


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without any matchbot setting of the caller's shell, plus ``settings``.

    A WEBHOOK_URL or DATABASE_URL left in the shell must not reach the commands under test.
    """
    from bot.settings import Settings

    ours = {name.upper() for name in Settings.model_fields}
    env = {name: value for name, value in os.environ.items() if name.upper() not in ours}
    env.update(settings, PYTHONPATH=str(ROOT))
    return env


def run_checked(
    args: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 600
) -> str:
    """Run a command; return its stdout, or exit with its output when it fails."""
    done = subprocess.run(
        list(args), env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def seeded_matcher() -> tuple[Any, list[Any]]:
    """The bot's Matcher over the shipped seed catalog (``matchbot seed`` into a throw-away SQLite database), and
    the seeded products."""
    from sqlmodel import Session

    from bot.services import catalog
    from bot.services.search import Matcher
    from bot.store import catalog as store, schema
    from bot.store.db import make_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/seed.db")
        schema.upgrade(engine)
        with Session(engine) as session:
            catalog.seed(session=session)
            matcher = Matcher.load(session=session)
            products = list(store.products(session=session))
        engine.dispose()
    return matcher, products
