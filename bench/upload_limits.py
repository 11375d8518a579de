"""Reading uploads built to be slow or huge, and legitimate ones, side by side with a baseline source tree.

Each file is read as the bot reads an upload (``bot.services.spreadsheets.read_upload``) in a fresh child
process, once with this tree and once with ``--baseline`` (another checkout's root, e.g. made with
``git archive <commit> bot matching seed_data | tar -x -C /tmp/base``). Reported: wall time of the reading
alone, the child's peak RSS, and the outcome. A child is stopped after ``--timeout`` seconds.

    .venv/bin/python bench/upload_limits.py --baseline /tmp/base
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from _common import ROOT, machine, table

from bot.services.catalog_csv import ALL_COLUMNS
from tests import hostile_files as hostile

_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from bot.services.spreadsheets import read_upload
data = open(sys.argv[3], "rb").read()
start = time.perf_counter()
try:
    outcome = f"read {len(read_upload(sys.argv[2], data)[1])} rows"
except Exception as exc:
    outcome = f"{type(exc).__name__}: {str(exc)[:70]}"
# VmHWM, not ru_maxrss: the latter survives exec, so it would report the parent's peak.
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": time.perf_counter() - start, "outcome": outcome, "peak_mb": peak_kb / 1024}))
"""


def legit_rows(count: int) -> list[list[object]]:
    """``count`` ordinary listings with every column filled."""
    return [
        [f"SYN-{i}", f"Synthetic valve {i}", "شیر مصنوعی", "a;b;c", "848180", "oil_gas", 1_234_567, "open",
         "A fairly ordinary description of a listing. " * 3, "", "2027-03-20", "Company A;Company B", "program 1404"]
        for i in range(count)
    ]


def legit_xlsx(count: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(ALL_COLUMNS))
    for row in legit_rows(count):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def legit_csv(count: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ALL_COLUMNS)
    writer.writerows(legit_rows(count))
    return out.getvalue().encode()


def cases(quick: bool) -> list[tuple[str, str, Callable[[], bytes]]]:
    """(what, file name, builder) of every file measured."""
    scale = 10 if quick else 1
    return [
        (f"CSV, first line of {16 // scale} KB of ',\"'", "trap.csv", lambda: hostile.sniffer_trap(16_000 // scale)),
        (f"CSV, first line of {48 // scale} KB of ',\"'", "trap.csv", lambda: hostile.sniffer_trap(48_000 // scale)),
        (f"XLSX, {3000 // scale:,} rows with a cell in column XFD", "far.xlsx", lambda: hostile.far_cells(3_000 // scale)),
        (f"XLSX, a sheet unpacking to {400 // scale} MB", "bomb.xlsx", lambda: hostile.unpacks_to(400 // scale)),
        ("XLSX, DTD with entities", "dtd.xlsx", hostile.with_dtd),
        ("XLSX, undefined entity", "undefined.xlsx", hostile.undefined_entity),
        (f"CSV, {20_000 // scale:,} valid rows", "legit.csv", lambda: legit_csv(20_000 // scale)),
        (f"XLSX, {20_000 // scale:,} valid rows", "legit.xlsx", lambda: legit_xlsx(20_000 // scale)),
    ]


def measure(root: Path, file_name: str, path: Path, timeout: float) -> dict[str, object]:
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(root), file_name, str(path)],
            capture_output=True, text=True, timeout=timeout, check=False,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": None, "outcome": f"still reading after {timeout:g} s (stopped)", "peak_mb": None}
    if done.returncode != 0:
        return {"seconds": None, "outcome": f"exited {done.returncode}: {done.stderr.strip()[-70:]}", "peak_mb": None}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _time(result: dict[str, object], timeout: float) -> str:
    seconds = result["seconds"]
    return f"> {timeout:g} s" if seconds is None else f"{seconds:.2f} s"  # type: ignore[str-format]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, help="root of the source tree to compare with (optional)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a child is stopped (default 120)")
    parser.add_argument("--quick", action="store_true", help="tiny files, seconds")
    args = parser.parse_args()
    print(machine())
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for what, file_name, build in cases(args.quick):
            data = build()
            path = Path(folder) / file_name
            path.write_bytes(data)
            now = measure(ROOT, file_name, path, args.timeout)
            row: list[object] = [what, f"{len(data) / 1024:,.0f} KB"]
            if args.baseline is not None:
                before = measure(args.baseline, file_name, path, args.timeout)
                row += [_time(before, args.timeout), f"{before['peak_mb'] or 0:.0f} MB", before["outcome"]]
            row += [_time(now, args.timeout), f"{now['peak_mb'] or 0:.0f} MB", now["outcome"]]
            rows.append(row)
            print(" | ".join(map(str, row)), flush=True)
    headers = ["file", "size"]
    if args.baseline is not None:
        headers += ["baseline time", "baseline peak", "baseline outcome"]
    headers += ["time", "peak", "outcome"]
    print()
    print(table(headers, rows))


if __name__ == "__main__":
    main()
