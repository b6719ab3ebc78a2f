"""Reading plan files: in Loa's process (as before #19) and in the limited child process.

    python -m benchmarks.planreading [--no-record]

For every Word and PDF plan in tests/plans/, the median of three reads in this process
(`read_plan`) and through `PlanReader` (a child process each: the spawning cost is the
difference), then the hostile files of tests/support/hostile_plans.py through `PlanReader`: how long until
each is read or refused, and what was said. Appends the table, dated, to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.delivery import record  # noqa: E402
from bot.core.texts import Texts  # noqa: E402
from bot.domain.planimport import PlanUnreadable, read_plan  # noqa: E402
from bot.domain.planimport.isolated import PlanReader  # noqa: E402
from tests.support.hostile_plans import HOSTILE  # noqa: E402


def _median(times: list[float]) -> str:
    return f"{statistics.median(times):.2f} s"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args()
    reader = PlanReader(Texts.load(ROOT / "messages"))
    plans = sorted(p for p in (ROOT / "tests" / "plans").rglob("*")
                   if p.suffix in (".docx", ".pdf"))
    lines = ["| plan | read_plan in this process | read and drafted in the child |", "|---|---|---|"]
    for plan in plans:
        inside, child = [], []
        for _ in range(3):
            began = time.perf_counter()
            read_plan(plan)
            inside.append(time.perf_counter() - began)
            began = time.perf_counter()
            await reader.read("web", plan.name, path=plan)
            child.append(time.perf_counter() - began)
        lines.append(f"| {plan.name} | {_median(inside)} | {_median(child)} |")
    lines += ["", "| hostile file | size | through the child | outcome |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as folder:
        for name, make in HOSTILE.items():
            path = Path(folder) / name
            path.write_bytes(make())
            began = time.perf_counter()
            try:
                got = await reader.read("web", name, path=path)
                outcome = f"read: {len(got['text']):,} characters"
            except PlanUnreadable as exc:
                outcome = f"refused: {str(exc)[:90]}…"
            took = time.perf_counter() - began
            lines.append(f"| {name} | {path.stat().st_size:,} B | {took:.1f} s | {outcome} |")
    if args.no_record:
        print("\n".join(lines))
    else:
        record(lines, "planreading")


if __name__ == "__main__":
    asyncio.run(main())
