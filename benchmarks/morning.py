"""The national morning: the whole day's prompts queued for many officers in many units.

    python -m benchmarks.morning --db postgresql --officers 400000 [--base 10000] [--units 2000]
    python -m benchmarks.morning --db postgresql --officers 100000 --profile /tmp/morning.prof

Each size runs in a fresh process against a fresh database (SQLite: a file; PostgreSQL: the
`loa_bench_morning` database, not the one other benchmarks share). Seeding is not measured:
officers, identities and units go in by COPY on PostgreSQL (executemany on SQLite). The shape:
`--units` units (Trạm Y tế under 20 Trung tâm Y tế under one Sở), one focal point each, every
tenth officer with a second account (Zalo) and some of those preferring it, 1 % muted, 5 % with
their own prompt time (07:15), and 3 running campaigns (two of the sample plans and a third
whose deadlines each fall on a share of the units, so a unit's prompt differs from its
neighbour's by the deadlines it owes).

Figures, for the size asked and for `--base` in the same run:
- day 1: `queue_due` at 07:30 (everyone's prompt, the focal points' reminders): seconds, and the
  peak RSS of the process doing it (VmHWM, its high-water mark reset just before);
- the idle tick right after (what every `tick_seconds` costs the rest of the day);
- day 2: the next working morning with day 1's rows all marked sent and vacuumed (as autovacuum
  would overnight): the delivery rows of a day must not slow the next day's query;
- per-officer time at the size asked ÷ per-officer time at `--base` (linear: ≤ 1.1).
Targets at 400,000 officers: the morning under 30 s and under 500 MB peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, ClassVar

import asyncpg
from sqlalchemy import event, func, insert, select, text, update

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.delivery import PG_ADMIN, record  # noqa: E402
from bot import app as loa_app  # noqa: E402
from bot.app import load_config  # noqa: E402
from bot.core.clock import FrozenClock  # noqa: E402
from bot.domain.campaigns import check_data, check_file, load  # noqa: E402
from bot.domain.prompts import queue_due  # noqa: E402
from bot.domain.workdays import is_working_day  # noqa: E402
from bot.store.models import Delivery, DeliveryState, Identity, Officer, Unit  # noqa: E402

VN = dt.timezone(dt.timedelta(hours=7))
DAY1 = dt.date(2026, 3, 3)  # a Tuesday
DAY2 = dt.date(2026, 3, 4)
PG_DB = "loa_bench_morning"


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


def db_url(kind: str, tmp: Path) -> str:
    if kind == "sqlite":
        return f"sqlite+aiosqlite:///{tmp / 'morning.sqlite3'}"
    base = PG_ADMIN.rsplit("/", 1)[0]
    return "postgresql+asyncpg://" + f"{base}/{PG_DB}".split("://", 1)[1]


async def database_url(kind: str, tmp: Path) -> str:
    """A fresh database for one size."""
    if kind == "sqlite":
        return db_url(kind, tmp)
    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{PG_DB}"')
    finally:
        await conn.close()
    return db_url(kind, tmp)


def third_campaign(unit_codes: list[str]) -> Any:
    """A third plan running in 2026, with deadlines owed by a fifth and by half of the units."""
    import tomllib

    raw = tomllib.loads((ROOT / "messages" / "campaigns" /
                         "quangninh-3838-2025-chuyen-doi-so.toml").read_text(encoding="utf-8"))
    raw["plan_number"] = "1234/KH-BYT"  # another plan, so another campaign
    raw["start"], raw["end"] = dt.date(2026, 1, 5), dt.date(2026, 12, 31)
    raw["phases"][0]["start"], raw["phases"][0]["end"] = dt.date(2026, 1, 5), dt.date(2026, 2, 28)
    raw["phases"][1]["start"] = dt.date(2026, 3, 1)
    raw["phases"][1].pop("end", None)
    n = len(unit_codes)
    raw["deadlines"] = [
        {"what": "Báo cáo sơ kết chuyển đổi số (đợt 1)", "due": dt.date(2026, 3, 6),
         "units": unit_codes[: n // 5]},
        {"what": "Báo cáo số liệu tiêm chủng tháng 2", "due": dt.date(2026, 3, 5),
         "units": unit_codes[n // 5: n // 5 + n // 2]},
        {"what": "Báo cáo kết quả truyền thông quý I", "due": dt.date(2026, 3, 31),
         "units": ["all"]},
    ]
    return check_data(raw, "bench")


async def seed(loa: Any, kind: str, n: int, n_units: int) -> None:
    """Units, officers and their accounts, written as fast as the database takes them."""
    now = loa.clock.now()
    centres = max(1, n_units // 100)
    units = [(1, "SYT", "Sở Y tế", None)]
    units += [(2 + c, f"TTYT{c:03d}", f"Trung tâm Y tế số {c}", 1) for c in range(centres)]
    first_station = 2 + centres
    units += [(first_station + s, f"TYT{s:05d}", f"Trạm Y tế số {s}", 2 + s % centres)
              for s in range(n_units)]
    stations = [u[0] for u in units[first_station - 1:]]
    officers, identities = [], []
    for i in range(n):
        oid = i + 1
        unit = stations[i % len(stations)]
        role = "focal" if i < len(stations) else "officer"  # one focal point per station
        time_ = "07:15" if i % 20 == 7 else None
        muted = DAY2 if i % 100 == 3 else None
        two = i % 10 == 5
        preferred = "zalo" if two and i % 20 == 5 else None
        officers.append((oid, f"Cán bộ {oid}", "Y sĩ", unit, role, "active", time_, muted,
                         now, now, preferred))
        identities.append((len(identities) + 1, "telegram", str(5_000_000 + oid),
                           str(5_000_000 + oid), oid, "[]", now, 0))
        if two:
            identities.append((len(identities) + 1, "zalo", f"z{oid:08x}", f"z{oid:08x}", oid,
                               "[]", now, 0))
    ocols = ["id", "full_name", "position", "unit_id", "role", "status", "prompt_time",
             "muted_until", "created_at", "updated_at", "preferred_channel"]
    icols = ["id", "channel", "external_id", "chat_id", "officer_id", "menu", "created_at",
             "link_failures"]
    ucols = ["id", "code", "name", "parent_id", "created_at"]
    async with loa.sessions() as session, session.begin():
        if kind == "postgresql":
            raw = (await (await session.connection()).get_raw_connection()).driver_connection
            await raw.copy_records_to_table("units", columns=ucols,
                                            records=[(*u, now) for u in units])
            await raw.copy_records_to_table("officers", columns=ocols, records=officers)
            await raw.copy_records_to_table("identities", columns=icols, records=identities)
            for table in ("units", "officers", "identities"):
                await session.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"))
            await session.execute(text("ANALYZE"))
        else:
            await session.execute(insert(Unit), [dict(zip(ucols, (*u, now), strict=True))
                                                 for u in units])
            for start in range(0, n, 50_000):
                await session.execute(insert(Officer), [dict(zip(ocols, o, strict=True)) for o in
                                                        officers[start:start + 50_000]])
            for start in range(0, len(identities), 50_000):
                await session.execute(insert(Identity), [
                    {**dict(zip(icols, row, strict=True)), "menu": []}
                    for row in identities[start:start + 50_000]])
        for name in ("mau-ba-dot-2026.toml", "langson-72-nqtw-2025.toml"):
            await load(session, loa.clock,
                       check_file(ROOT / "messages" / "campaigns" / name), "bench")
        await load(session, loa.clock, third_campaign([u[1] for u in units[first_station - 1:]]),
                   "bench")


class StatementClock:
    """Seconds spent in SQL statements (COPY, which goes by the driver, is not among them):
    all of them, and the INSERT … SELECT into deliveries alone."""

    live: ClassVar[list[StatementClock]] = []
    cpu: ClassVar[float] = 0.0  # CPU seconds of this process in the last morning

    def __init__(self, engine: Any) -> None:
        self.total = self.insert = 0.0
        StatementClock.live.append(self)
        event.listen(engine.sync_engine, "before_cursor_execute", self._before)
        event.listen(engine.sync_engine, "after_cursor_execute", self._after)

    def _before(self, conn: Any, *_: Any) -> None:
        conn.info["started"] = time.perf_counter()

    def _after(self, conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        spent = time.perf_counter() - conn.info["started"]
        self.total += spent
        if "INSERT INTO deliveries" in statement:
            self.insert += spent


async def morning(loa: Any, config: Any, clock: FrozenClock, day: dt.date,
                  profile: str | None = None) -> tuple[float, float, Any]:
    """Seconds and peak RSS (MB) of the 07:30 tick of `day`."""
    clock.set(dt.datetime.combine(day, dt.time(7, 30), tzinfo=VN))
    reset_peak_rss()
    for listener in StatementClock.live:
        listener.total = listener.insert = 0.0
    profiler = cProfile.Profile() if profile else None
    cpu = time.process_time()
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    queued = await queue_due(loa.sessions, clock, config, loa.texts)
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    seconds = time.perf_counter() - started
    StatementClock.cpu = time.process_time() - cpu
    return seconds, rss_mb("VmHWM"), queued


async def child(step: str, kind: str, n: int, n_units: int, tmp: Path,
                profile: str | None) -> dict[str, Any]:
    """`seed` the database, or `measure` the mornings on it: two processes, so that the
    morning's peak RSS carries nothing of the seeding."""
    cfg = tmp / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n')
    url = (await database_url(kind, tmp)) if step == "seed" else db_url(kind, tmp)
    config = load_config(cfg, {"DATABASE_URL": url})
    clock = FrozenClock(dt.datetime.combine(DAY1, dt.time(6, 0), tzinfo=VN))
    loa = await loa_app.build(config, clock=clock)
    try:
        if step == "seed":
            started = time.perf_counter()
            await seed(loa, kind, n, n_units)
            return {"seed_s": time.perf_counter() - started}
        is_working_day(DAY1)  # the holiday calendar loads once per process, not per tick
        statements = StatementClock(loa.engine)
        rss_before = rss_mb("VmRSS")
        day1_s, day1_rss, day1 = await morning(loa, config, clock, DAY1, profile)
        day1_sql, day1_insert = statements.total, statements.insert
        day1_cpu = StatementClock.cpu
        clock.set(dt.datetime.combine(DAY1, dt.time(7, 31), tzinfo=VN))
        started = time.perf_counter()
        idle = await queue_due(loa.sessions, clock, config, loa.texts)
        idle_s = time.perf_counter() - started
        # Overnight: day 1 was sent, and autovacuum has been by.
        async with loa.sessions() as session, session.begin():
            await session.execute(update(Delivery).values(
                state=DeliveryState.SENT.value, sent_at=clock.now()))
            rows = await session.scalar(select(func.count()).select_from(Delivery))
        if kind == "postgresql":
            async with loa.engine.connect() as conn:
                conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
                await conn.execute(text("VACUUM ANALYZE deliveries"))
        day2_s, day2_rss, day2 = await morning(loa, config, clock, DAY2)
        size_mb = 0.0
        if kind == "postgresql":  # what two mornings leave on disk: table, its TOAST, indexes
            async with loa.sessions() as session:
                size_mb = await session.scalar(text(
                    "SELECT pg_total_relation_size('deliveries')")) / 1e6
    finally:
        await loa.close()
    return {"kind": kind, "n": n, "units": n_units, "rss_before": rss_before,
            "day1_s": day1_s, "day1_rss": day1_rss, "day1": day1.counts, "muted": day1.muted,
            "day1_sql": day1_sql, "day1_insert": day1_insert, "day1_cpu": day1_cpu,
            "idle_s": idle_s, "idle": idle.total, "day1_rows": rows,
            "day2_s": day2_s, "day2_rss": day2_rss, "day2": day2.counts, "size_mb": size_mb}


def run_child(kind: str, n: int, n_units: int, profile: str | None) -> dict[str, Any]:
    """One size: seeded in one fresh process, measured in another."""
    with tempfile.TemporaryDirectory() as tmp:
        results: dict[str, Any] = {}
        for step in ("seed", "measure"):
            cmd = [sys.executable, "-m", "benchmarks.morning", "--db", kind, "--officers", str(n),
                   "--units", str(n_units), "--child", step, "--tmp", tmp]
            if profile and step == "measure":
                cmd += ["--profile", profile]
            out = subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True).stdout
            results.update(json.loads(out.strip().splitlines()[-1]))
    return results


def lines_for(base: dict[str, Any], r: dict[str, Any], load_before: float) -> list[str]:
    per_base = base["day1_s"] / base["n"]
    per = r["day1_s"] / r["n"]
    out = []
    for x in (base, r):
        counts = ", ".join(f"{k} {v:,}" for k, v in x["day1"].items() if v)
        out.append(
            f"- {x['n']:,} officers in {x['units']:,} units ({x['kind']}, 3 campaigns): day 1 "
            f"queue_due **{x['day1_s']:.2f} s** ({x['day1_s'] / x['n'] * 1e6:.0f} µs per officer; "
            f"{counts}; muted {x['muted']:,}), peak RSS **{x['day1_rss']:.0f} MB** (RSS "
            f"{x['rss_before']:.0f} MB before it); in SQL statements {x['day1_sql']:.2f} s, of "
            f"which the INSERT … SELECT into deliveries {x['day1_insert']:.2f} s (the rest: "
            f"Python reading, composing and staging by COPY), CPU time of this process "
            f"{x['day1_cpu']:.2f} s ({x['day1_cpu'] / x['n'] * 1e6:.0f} µs per officer); idle "
            f"tick after it "
            f"{x['idle_s'] * 1000:.0f} ms; "
            f"day 2 with day 1's {x['day1_rows']:,} rows sent and vacuumed: **{x['day2_s']:.2f} s** "
            f"(× {x['day2_s'] / x['day1_s']:.2f} of day 1), peak RSS {x['day2_rss']:.0f} MB; "
            f"deliveries after two mornings {x['size_mb']:.0f} MB on disk with indexes; "
            f"seeding {x['seed_s']:.1f} s (not measured)")
    target = r["n"] >= 400_000
    ok = per / per_base <= 1.1 and (not target or (r["day1_s"] < 30 and r["day1_rss"] < 500))
    cpu_ratio = (r["day1_cpu"] / r["n"]) / (base["day1_cpu"] / base["n"])
    out.append(
        f"- per officer at {r['n']:,} ÷ at {base['n']:,}: **× {per / per_base:.2f}** (target ≤ 1.1)"
        f" in time; × {cpu_ratio:.2f} in this process's CPU time"
        + (f"; at {r['n']:,}: {r['day1_s']:.1f} s (target < 30 s), {r['day1_rss']:.0f} MB peak "
           f"RSS (target < 500 MB)" if target else "")
        + f": **{'met' if ok else 'missed'}**; load average {load_before:.1f} before the run, "
        f"{os.getloadavg()[0]:.1f} after")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="postgresql", choices=["sqlite", "postgresql"])
    parser.add_argument("--officers", type=int, default=100_000)
    parser.add_argument("--base", type=int, default=10_000, help="the baseline size, same run")
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--profile", help="write cProfile stats of day 1's queue_due here")
    parser.add_argument("--no-record", action="store_true", help="print, do not append")
    parser.add_argument("--child", choices=["seed", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--tmp", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        r = asyncio.run(child(args.child, args.db, args.officers, args.units, Path(args.tmp),
                              args.profile))
        print(json.dumps(r))
        return
    load_before = os.getloadavg()[0]
    # The baseline is the same country, smaller: as many officers per unit.
    base_units = max(1, round(args.units * args.base / args.officers))
    base = run_child(args.db, args.base, base_units, None)
    r = run_child(args.db, args.officers, args.units, args.profile)
    lines = lines_for(base, r, load_before)
    if args.no_record:
        print("\n".join(lines))
    else:
        record(lines, script="morning")


if __name__ == "__main__":
    main()
