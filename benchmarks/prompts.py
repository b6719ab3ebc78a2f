"""Daily prompt benchmark: planning and queueing a working morning for many officers.

    python -m benchmarks.prompts [--db sqlite|postgresql] [--officers 10000]

Baseline, measured in the same run on the same database: queueing the same number of ready-made
messages of the same size with the outbox's `enqueue` (one transaction, no planning). Figures:
(e) queue  — `queue_due` at 07:30 for every officer (plan the day, compose each officer's message,
             queue prompts and the focal points' reminders) ÷ the baseline; peak Python memory
             (traced in a second round, the next morning) ÷ the baseline's.
(f) idle   — a tick after everyone is served (what every `tick_seconds` costs the rest of the day)
             ÷ the baseline.
Results are printed and appended, with the date, to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
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
from bot.core.clock import FrozenClock  # noqa: E402
from bot.core.config import load_config  # noqa: E402
from bot.delivery.outbox import Recipient, create_job, enqueue  # noqa: E402
from bot.domain.campaigns import check_file, load  # noqa: E402
from bot.domain.prompts import queue_due  # noqa: E402
from bot.domain.workdays import is_working_day  # noqa: E402
from bot.store.models import Delivery, Identity, Role  # noqa: E402
from tests.helpers import make_officers, seed_units  # noqa: E402

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


async def run(kind: str, n: int) -> dict[str, Any]:
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
            await make_officers(loa, None, half - 1, register=False)
            await make_officers(loa, None, 1, first_id=1_900_000, role=Role.FOCAL,
                                register=False)
            await make_officers(loa, None, n - half - 1, first_id=2_000_000, unit_code="TTYTHL",
                                register=False)
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
            queue_s, _, queued = await morning(DAY, False)
            clock.set(dt.datetime.combine(DAY, dt.time(7, 31), tzinfo=VN))
            idle_s, _, idle = await measure(
                lambda: queue_due(loa.sessions, clock, config, loa.texts), False)
            _, base_mb, _ = await measure(baseline, True)
            _, queue_mb, _ = await morning(DAY + dt.timedelta(days=1), True)
            async with loa.sessions() as session:
                sizes = [len(p["text"]) for p in (await session.scalars(
                    select(Delivery.payload).limit(50).offset(n))).all()]
        finally:
            await loa.close()
    return {"kind": kind, "n": n, "base_s": base_s, "base_mb": base_mb, "base_n": base_n,
            "queue_s": queue_s, "queue_mb": queue_mb, "counts": queued.counts,
            "idle_s": idle_s, "idle_total": idle.total,
            "text_chars": sum(sizes) / max(len(sizes), 1)}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--officers", type=int, default=10_000)
    args = parser.parse_args()
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
    ], script="prompts")


if __name__ == "__main__":
    asyncio.run(main())
