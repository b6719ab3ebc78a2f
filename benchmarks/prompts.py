"""Daily prompt benchmark: planning and queueing a working morning for many officers.

    python -m benchmarks.prompts [--db sqlite|postgresql] [--officers 10000]
    python -m benchmarks.prompts --db postgresql --scale 10000,30000,100000

Baseline, measured in the same run on the same database: queueing the same number of ready-made
messages of the same size with the outbox's `enqueue` (one transaction, no planning). Figures:
(e) queue  — `queue_due` at 07:30 for every officer (plan the day, compose each officer's message,
             queue prompts and the focal points' reminders) ÷ the baseline; peak Python memory
             (traced in a second round, the next morning) ÷ the baseline's.
(f) idle   — a tick after everyone is served (what every `tick_seconds` costs the rest of the day)
             ÷ the baseline.
(g) scale  — `--scale`: the morning at each size, each in a fresh process: seconds, seconds per
             officer ÷ the smallest size's (linear growth keeps it near 1), and the process's peak
             RSS while queue_due runs (its high-water mark reset just before); targets at 100,000
             officers: under 20 s and under 400 MB.
Results are printed and appended, with the date, to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.delivery import database_url, record  # noqa: E402
from bot import app as loa_app  # noqa: E402
from bot.app import load_config  # noqa: E402
from bot.core.clock import FrozenClock  # noqa: E402
from bot.delivery.outbox import Recipient, create_job, enqueue  # noqa: E402
from bot.domain.campaigns import check_file, load  # noqa: E402
from bot.domain.prompts import queue_due  # noqa: E402
from bot.domain.workdays import is_working_day  # noqa: E402
from bot.store.models import Delivery, Identity, Role  # noqa: E402
from tests.support.helpers import make_officers, seed_units  # noqa: E402

VN = dt.timezone(dt.timedelta(hours=7))
DAY = dt.date(2026, 3, 3)  # a Tuesday (and the Wednesday after): prompts, and reminders


async def measure(coro_fn: Any, trace: bool) -> tuple[float, float, Any]:
    """Seconds (untraced) or peak traced MB of one awaited call: tracing slows Python code
    far more than the database driver, so time and memory are taken in separate rounds."""
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    result = await coro_fn()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    return seconds, peak / 1e6, result


def rss_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak since the last reset) of this process, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def reset_peak_rss() -> None:
    """Start VmHWM again from the current RSS (Linux: "5" to clear_refs)."""
    gc.collect()
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


async def seed_officers(loa: Any, n: int, first_id: int, unit_code: str,
                        batch: int = 10_000) -> None:
    """n officers in batches (one transaction of 100,000 rows would weigh on the seeding, not on
    what is measured)."""
    for start in range(0, n, batch):
        await make_officers(loa, None, min(batch, n - start), first_id=first_id + start,
                            unit_code=unit_code, register=False)


async def run(kind: str, n: int, quick: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Path(tmp) / "config.toml"
        cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n')
        config = load_config(cfg, {"DATABASE_URL": await database_url(kind, Path(tmp))})
        clock = FrozenClock(dt.datetime.combine(DAY, dt.time(7, 0), tzinfo=VN))
        loa = await loa_app.build(config, clock=clock)
        try:
            await seed_units(loa)
            for name in ("mau-ba-dot-2026.toml", "langson-72-nqtw-2025.toml"):
                async with loa.sessions() as session, session.begin():
                    await load(session, clock, check_file(ROOT / "messages" / "campaigns" / name),
                               "bench")
            half = n // 2
            # Two units of officers, each with its focal point (who also gets the reminders).
            await seed_officers(loa, half - 1, 700_000, "TYTBC")
            await make_officers(loa, None, 1, first_id=1_900_000, role=Role.FOCAL,
                                register=False)
            await seed_officers(loa, n - half - 1, 2_000_000, "TTYTHL")
            await make_officers(loa, None, 1, first_id=2_900_000, unit_code="TTYTHL",
                                role=Role.FOCAL, register=False)
            is_working_day(DAY)  # the holiday calendar loads once per process, not per tick
            async with loa.sessions() as session:
                people = (await session.execute(select(
                    Identity.officer_id, Identity.channel, Identity.chat_id))).all()

            async def baseline() -> int:
                payload = {"text": "x" * 1000, "choices": [[["Báo cáo", "pr:1:r"]]] * 3}
                async with loa.sessions() as session, session.begin():
                    job = await create_job(session, clock, "bench")
                    return await enqueue(session, clock, job.id,
                                         [(Recipient(*p), payload) for p in people])

            async def morning(day: dt.date, trace: bool) -> tuple[float, float, Any]:
                clock.set(dt.datetime.combine(day, dt.time(7, 30), tzinfo=VN))
                return await measure(lambda: queue_due(loa.sessions, clock, config, loa.texts),
                                     trace)

            base_s, _, base_n = await measure(baseline, False)
            reset_peak_rss()
            rss_before = rss_mb("VmRSS")
            queue_s, _, queued = await morning(DAY, False)
            rss_peak = rss_mb("VmHWM")
            clock.set(dt.datetime.combine(DAY, dt.time(7, 31), tzinfo=VN))
            idle_s, _, idle = await measure(
                lambda: queue_due(loa.sessions, clock, config, loa.texts), False)
            base_mb = queue_mb = 0.0
            if not quick:  # traced rounds: slow at 100,000
                _, base_mb, _ = await measure(baseline, True)
                _, queue_mb, _ = await morning(DAY + dt.timedelta(days=1), True)
            async with loa.sessions() as session:
                sizes = [len(p["text"]) for p in (await session.scalars(
                    select(Delivery.payload).limit(50).offset(n))).all()]
        finally:
            await loa.close()
    return {"kind": kind, "n": n, "base_s": base_s, "base_mb": base_mb, "base_n": base_n,
            "queue_s": queue_s, "queue_mb": queue_mb, "counts": queued.counts,
            "idle_s": idle_s, "idle_total": idle.total, "rss_before": rss_before,
            "rss_peak": rss_peak,
            "text_chars": sum(sizes) / max(len(sizes), 1)}


def morning_line(r: dict[str, Any]) -> str:
    return (f"- (g) the morning alone ({r['kind']}, {r['n']:,} officers): {r['queue_s']:.2f} s"
            f"{' (target < 20 s)' if r['n'] >= 100_000 else ''}, peak RSS "
            f"{r['rss_peak']:.0f} MB{' (target < 400 MB)' if r['n'] >= 100_000 else ''} "
            f"(RSS {r['rss_before']:.0f} MB before it)")


def scale(kind: str, sizes: list[int]) -> list[str]:
    """Each size in a fresh process, so that no size inherits another's memory."""
    results = []
    for n in sizes:
        out = subprocess.run([sys.executable, "-m", "benchmarks.prompts", "--db", kind,
                              "--officers", str(n), "--child"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    first = results[0]
    per_first = first["queue_s"] / first["n"]
    lines = []
    for r in results:
        per = r["queue_s"] / r["n"]
        lines.append(
            f"- (g) {r['n']:,} officers ({kind}): queue_due {r['queue_s']:.2f} s, "
            f"{per * 1e6:.0f} µs per officer, **× {per / per_first:.2f} per officer** of "
            f"{first['n']:,}'s; baseline {r['base_s']:.2f} s ({r['base_s'] / r['n'] * 1e6:.0f} µs "
            f"per row, × {r['base_s'] / r['n'] / (first['base_s'] / first['n']):.2f}); queue_due ÷ "
            f"baseline {r['queue_s'] / r['base_s']:.2f}; peak RSS **{r['rss_peak']:.0f} MB** "
            f"(RSS {r['rss_before']:.0f} MB before it; +{(r['rss_peak'] - r['rss_before']):.0f})")
    last = results[-1]
    if last["n"] >= 100_000:
        ok = last["queue_s"] < 20 and last["rss_peak"] < 400
        lines.append(f"- (g) at {last['n']:,}: {last['queue_s']:.1f} s (target < 20 s), "
                     f"{last['rss_peak']:.0f} MB peak RSS (target < 400 MB): "
                     f"**{'met' if ok else 'missed'}**")
    return lines


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--officers", type=int, default=10_000)
    parser.add_argument("--scale", help="sizes, comma-separated: each in a fresh process")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale:
        record(scale(args.db, [int(x) for x in args.scale.split(",")]), script="prompts")
        return
    if args.child:
        r = await run(args.db, args.officers, quick=True)
        print(json.dumps({k: v for k, v in r.items() if k != "counts"}))
        return
    r = await run(args.db, args.officers)
    counts = ", ".join(f"{k} {v}" for k, v in r["counts"].items() if v)
    record([
        f"- (e) a working morning for {r['n']:,} officers ({r['kind']}): queue_due "
        f"{r['queue_s']:.2f} s ({counts}; prompts of ~{r['text_chars']:.0f} characters), "
        f"baseline enqueue of {r['base_n']:,} ready rows {r['base_s']:.2f} s: **ratio "
        f"{r['queue_s'] / r['base_s']:.2f}** (target ≤ 3); peak memory {r['queue_mb']:.0f} MB vs "
        f"{r['base_mb']:.0f} MB: **ratio {r['queue_mb'] / r['base_mb']:.2f}** (target ≤ 3)",
        f"- (f) a tick once everyone is served ({r['kind']}): {r['idle_s'] * 1000:.0f} ms, queued "
        f"{r['idle_total']}: **ratio {r['idle_s'] / r['base_s']:.3f}** of the baseline "
        f"(target ≤ 0.1)",
        morning_line(r),
    ], script="prompts")


if __name__ == "__main__":
    asyncio.run(main())
