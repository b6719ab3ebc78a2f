"""The console and the numbers at national size (issue #23, point 3), on PostgreSQL.

    python -m benchmarks.national [--reports 1000000] [--officers 400000] [--units 2000]
                                  [--baseline 10000] [--exports xlsx,csv,zip,docx]
                                  [--no-record]

Two databases seeded with COPY (asyncpg): the baseline (`--baseline` reports, officers and
units in the same proportion) and the full size (`--reports` reports with one photo row each,
`--officers` officers with an account each in `--units` units under 63 provinces, the day's
prompt deliveries, two running campaigns). Photo rows share a few small stored files, so the
archive holds one entry per report without a disk of photos. Each size is measured the same way:

- pages over real HTTP to a console server in its own process, signed in as an admin: the
  overview, /reports (first page, a deep page, filters), /units (first and a later page);
  median of 3 after one warm-up;
- /thongke (the chat command's whole answer) and the coverage numbers (quota progress of the
  running campaigns; the totals by unit of a campaign), in this process; median of 3;
- the exports over HTTP from the same server: the spreadsheet, CSV, photo archive (every
  report) and the Word draft of a running campaign; seconds to the last byte and the server's
  peak RSS while it made the file (VmHWM reset before each, /proc/PID/clear_refs).

Targets: each page and number under 1 s; the exports with flat memory; the Word draft under
60 s. Printed with the ratio full/baseline, and appended with the date to RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from html import unescape
from pathlib import Path
from typing import Any

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.delivery import PG_ADMIN, record  # noqa: E402
from bot import app as loa_app  # noqa: E402
from bot.app import load_config  # noqa: E402
from bot.core.clock import FrozenClock  # noqa: E402
from bot.core.config import Config  # noqa: E402

NOW = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)  # 10:00 in Hà Nội
TODAY = dt.date(2026, 11, 23)
FIRST_DAY = dt.date(2026, 1, 5)  # the three-phase campaign's start
PROVINCES = 63
DISTINCT = 20  # distinct stored photo files shared by every photo row
KINDS = ("conference", "poster", "led", "website", "social", "loudspeaker")
STATES = ("submitted",) * 14 + ("approved",) * 4 + ("needs_more", "withdrawn")
CAMPAIGNS = ("mau-ba-dot-2026.toml", "langson-72-nqtw-2025.toml")


def small_photo(n: int) -> bytes:
    """A small JPEG (96×72, about 2 KB), different for each n: the archive holds one per report
    (a million of them), and its memory, not the disk's speed, is what is measured."""
    from PIL import Image

    rng = random.Random(n)
    image = Image.effect_noise((48, 36), 50).convert("RGB").resize((96, 72))
    tint = Image.new("RGB", image.size, (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    out = io.BytesIO()
    Image.blend(image, tint, 0.6).save(out, "JPEG", quality=80)
    return out.getvalue()


def rss_mb(pid: int | str, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


# -- seeding -------------------------------------------------------------------------------------

async def fresh_database(name: str) -> str:
    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}"


def config_for(url: str, storage: Path) -> Config:
    cfg = storage.parent / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\nstorage_dir = "{storage}"\n')
    return load_config(cfg, {"DATABASE_URL": "postgresql+asyncpg://" + url.split("://", 1)[1],
                             "LOA_HTTP_PORT": "0"})


async def seed(url: str, config: Config, reports: int, officers: int, units: int
               ) -> dict[str, Any]:
    """Schema by the migrations, campaigns by Loa's loader, the rest by COPY."""
    from bot.domain.campaigns import check_file, load
    from bot.domain.photos import derive
    from bot.store.files import store

    started = time.perf_counter()
    loa = await loa_app.build(config, clock=FrozenClock(NOW))
    try:
        campaign_ids = []
        async with loa.sessions() as session, session.begin():
            for name in CAMPAIGNS:
                campaign, _ = await load(session, loa.clock, check_file(
                    ROOT / "messages" / "campaigns" / name), "bench")
                campaign_ids.append(campaign.id)
    finally:
        await loa.close()
    files = []
    for n in range(DISTINCT):
        digest, path = store(config.storage_dir, small_photo(n))
        derive(config.storage_dir, path, digest)  # as the photo fetcher does on arrival
        files.append((digest, path, (config.storage_dir / path).stat().st_size))

    rng = random.Random(23)
    provinces = min(PROVINCES, max(1, units // 30))
    conn = await asyncpg.connect(url)
    try:
        unit_rows = [(1, "BYT", "Bộ Y tế", None, NOW)]
        unit_rows += [(2 + p, f"SYT{p:02d}", f"Sở Y tế tỉnh số {p}", 1, NOW)
                      for p in range(provinces)]
        leaf = [2 + provinces + i for i in range(units)]
        unit_rows += [(u, f"TYT{i:04d}", f"Trạm Y tế số {i}", 2 + i % provinces, NOW)
                      for i, u in enumerate(leaf)]
        await conn.copy_records_to_table("units", records=unit_rows, columns=[
            "id", "code", "name", "parent_id", "created_at"])
        admin = officers + 1
        officer_rows = [(i + 1, f"Cán bộ {i + 1}", "Y sĩ", leaf[i % units], "officer", "active",
                         NOW, NOW) for i in range(officers)]
        officer_rows.append((admin, "Quản trị", "Chuyên viên", 1, "admin", "active", NOW, NOW))
        await conn.copy_records_to_table("officers", records=officer_rows, columns=[
            "id", "full_name", "position", "unit_id", "role", "status", "created_at",
            "updated_at"])
        await conn.copy_records_to_table("identities", records=[
            (o, "telegram", str(10_000_000 + o), str(10_000_000 + o), None, "[]", NOW, 0)
            for o in range(1, admin + 1)], columns=[
            "officer_id", "channel", "external_id", "chat_id", "display_name", "menu",
            "created_at", "link_failures"])
        del officer_rows
        job = await conn.fetchval("INSERT INTO jobs (kind, key, priority, created_at) "
                                  "VALUES ('prompt', $1, 100, $2) RETURNING id",
                                  f"prompt:{TODAY.isoformat()}", NOW)
        await conn.copy_records_to_table("deliveries", records=[
            (job, o, "telegram", str(10_000_000 + o), '{"text": "x"}', 100,
             rng.choice(("sent", "sent", "sent", "pending", "failed")), 1, NOW, NOW)
            for o in range(1, officers + 1)], columns=[
            "job_id", "officer_id", "channel", "chat_id", "payload", "priority", "state",
            "attempts", "not_before", "created_at"])
        span = (TODAY - FIRST_DAY).days + 1
        batch = 100_000
        for start in range(0, reports, batch):
            chunk = range(start + 1, min(reports, start + batch) + 1)
            rows, photos = [], []
            for rid in chunk:
                officer = rng.randrange(1, officers + 1)
                day = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
                rows.append((rid, officer, leaf[(officer - 1) % units],
                             campaign_ids[rid % len(campaign_ids)], KINDS[rid % len(KINDS)],
                             f"Hoạt động truyền thông số {rid}", day,
                             rng.choice((None, rng.randrange(10, 300))), rng.choice(STATES),
                             NOW, NOW))
                digest, path, size = files[rid % DISTINCT]
                photos.append((rid, rid, "telegram", f"f{rid}", f"u{rid}", digest, path, size,
                               rid - 1 if rid % 97 == 0 else None, 1, NOW, NOW))
            await conn.copy_records_to_table("reports", records=rows, columns=[
                "id", "officer_id", "unit_id", "campaign_id", "activity", "description", "day",
                "participants", "state", "created_at", "updated_at"])
            await conn.copy_records_to_table("report_photos", records=photos, columns=[
                "id", "report_id", "channel", "file_id", "unique_id", "sha256", "path", "size",
                "duplicate_of", "attempts", "created_at", "stored_at"])
        for table in ("units", "officers", "reports", "report_photos"):
            await conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"(SELECT max(id) FROM {table}))")
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()
    return {"admin": admin, "campaign": campaign_ids[0], "province": "SYT01", "reports": reports,
            "seconds": time.perf_counter() - started}


# -- the console server, in its own process ------------------------------------------------------

async def serve(url: str, storage: str, admin_id: int) -> None:
    from bot.domain.audit import Actor
    from bot.services import Scope
    from bot.services.web import issue_link, sign_in
    from bot.store.models import Officer
    from bot.web.console import console_routes
    from bot.web.console.auth import COOKIE, cookie_value
    from bot.web.server import HttpServer, build_app

    config = config_for(url, Path(storage))
    loa = await loa_app.build(config, clock=FrozenClock(NOW), migrate=False)
    async with loa.sessions() as session, session.begin():
        admin = await session.get(Officer, admin_id)
        scope = Scope(session, loa.clock, loa.config, loa.texts, Actor.of(admin))
        signed = await sign_in(scope, await issue_link(scope, admin))
    deps = loa_app.console_deps(loa)
    server = HttpServer(build_app(console_routes(deps), lambda: asyncio.sleep(0, {})),
                        "127.0.0.1", 0)
    await server.start()
    print(json.dumps({"port": server.port, "cookie": {COOKIE: await cookie_value(
        deps, signed.token)}}), flush=True)
    await asyncio.Event().wait()


# -- measuring -----------------------------------------------------------------------------------

async def median_of(work: Callable[[], Awaitable[Any]], runs: int = 3) -> float:
    await work()  # warm-up: plans cached, pages compiled
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


async def numbers(config: Config) -> dict[str, float]:
    """/thongke's whole answer and the coverage numbers, in this process."""
    from sqlalchemy import select

    from bot.domain.stats import Scope, quota_progress, running_phases, totals
    from bot.engine.flows import Context
    from bot.store.models import Campaign, Identity, Officer
    from handlers.stats import show_stats

    loa = await loa_app.build(config, clock=FrozenClock(NOW), migrate=False)
    try:
        async def thongke() -> None:
            async with loa.sessions() as session, session.begin():
                identity = await session.scalar(select(Identity).join(Officer).where(
                    Officer.role == "admin"))
                ctx = Context(event=None, session=session, clock=loa.clock,  # type: ignore[arg-type]
                              config=loa.config, texts=loa.texts, identity=identity, flows={})
                await show_stats(ctx)

        async def coverage() -> None:
            async with loa.sessions() as session, session.begin():
                running = await running_phases(session, TODAY)
                await quota_progress(session, [r.campaign for r in running], TODAY)

        async def campaign_totals() -> None:
            async with loa.sessions() as session, session.begin():
                campaign = await session.scalar(select(Campaign).order_by(Campaign.id))
                await totals(session, Scope(campaign.start, TODAY, [campaign.id]), campaign)

        return {"/thongke": await median_of(thongke), "coverage": await median_of(coverage),
                "campaign totals": await median_of(campaign_totals)}
    finally:
        await loa.close()


async def download(client: httpx.AsyncClient, path: str, pid: int) -> dict[str, float]:
    with open(f"/proc/{pid}/clear_refs", "w") as f:  # noqa: ASYNC230 (procfs: never blocks)
        f.write("5")  # the server's VmHWM from now on
    before = rss_mb(pid, "VmRSS")
    started = time.perf_counter()
    first, size = None, 0
    async with client.stream("GET", path, timeout=None) as answer:
        answer.raise_for_status()
        async for chunk in answer.aiter_raw():
            if first is None:
                first = time.perf_counter() - started
            size += len(chunk)
    return {"seconds": time.perf_counter() - started, "first": first or 0.0, "mb": size / 1e6,
            "rss_before": before, "peak": rss_mb(pid, "VmHWM")}


async def measure(url: str, config: Config, seeded: dict[str, Any], exports: list[str]
                  ) -> dict[str, Any]:
    server = subprocess.Popen(  # noqa: ASYNC220 (started once; its first line read below)
        [sys.executable, "-m", "benchmarks.national", "--serve", url, str(config.storage_dir),
         str(seeded["admin"])], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        hello = json.loads(server.stdout.readline())
        out: dict[str, Any] = {"pages": {}, "exports": {}}
        deep = max(2, seeded["reports"] * 9 // 10 // 50)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{hello['port']}",
                                     cookies=hello["cookie"], timeout=600) as client:
            pages = {"overview": "/", "/reports": "/reports",
                     "/reports deep page (90 %, by number)": f"/reports?page={deep}",
                     "/reports next page (its link)": None,
                     "/reports province+kind": f"/reports?unit={seeded['province']}&kind=poster",
                     "/reports campaign+dates": f"/reports?campaign={seeded['campaign']}"
                                                "&start=2026-10-01&end=2026-10-31",
                     "/reports duplicates": "/reports?dup=1",
                     "/units": "/units", "/units page 20": "/units?page=20"}
            for name, path in pages.items():
                if path is None:  # the pager's own link, as a browser follows it
                    html = (await client.get(f"/reports?page={deep - 1}")).text
                    path = "/reports?" + unescape(re.findall(r'href="\?([^"]*after=[^"]*)"',
                                                             html)[-1])
                async def get(path: str = path) -> None:
                    answer = await client.get(path)
                    answer.raise_for_status()
                out["pages"][name] = await median_of(get)
                print(f"{name}: {out['pages'][name] * 1000:.0f} ms", flush=True)
            paths = {"xlsx": "/exports/xlsx", "csv": "/exports/csv", "zip": "/exports/zip",
                     "docx": f"/exports/docx?campaign={seeded['campaign']}"}
            for name, path in paths.items():
                if name in exports:
                    try:
                        out["exports"][name] = await download(client, path, server.pid)
                    except httpx.HTTPStatusError as exc:  # the code before issue #23 at 100,000
                        out["exports"][name] = {"failed": exc.response.status_code}
                    print(name, out["exports"][name], flush=True)
        out["numbers"] = await numbers(config)
        return out
    finally:
        server.terminate()
        server.wait()


async def one_size(name: str, reports: int, officers: int, units: int, exports: list[str]
                   ) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="loa-bench-national-") as folder:
        url = await fresh_database(name)
        storage = Path(folder) / "photos"
        config = config_for(url, storage)
        seeded = await seed(url, config, reports, officers, units)
        print(f"seeded {reports:,} reports in {seeded['seconds']:.0f} s", flush=True)
        result = await measure(url, config, seeded, exports)
        result["seed"] = seeded["seconds"]
        print(json.dumps(result, indent=1), flush=True)
        return result


def lines(args: argparse.Namespace, base: dict[str, Any], full: dict[str, Any]) -> list[str]:
    size = f"{args.reports:,} reports, {args.officers:,} officers, {args.units:,} units"
    out = [f"- Full size: {size} (seeded by COPY in {full['seed']:.0f} s); baseline "
           f"{args.baseline:,} reports in the same proportion, same run. PostgreSQL; load "
           f"average (1, 5, 15 min) {', '.join(f'{x:.1f}' for x in args.load_start)} at the "
           f"start, {', '.join(f'{x:.1f}' for x in os.getloadavg())} at the end (2 cores shared).",
           "  | what | baseline | full | ratio | target |", "  |---|---|---|---|---|"]
    for group in ("pages", "numbers"):
        for what, seconds in full[group].items():
            b = base[group][what]
            out.append(f"  | {what} | {b * 1000:.0f} ms | **{seconds * 1000:.0f} ms** | "
                       f"{seconds / b:.1f} | < 1 s {'met' if seconds < 1 else 'NOT met'} |")
    for what, f in full["exports"].items():
        b = base["exports"][what]
        if "failed" in f or "failed" in b:
            out.append(f"  | export {what} | {b} | **{f}** | | |")
            continue
        target = "< 60 s" if what == "docx" else "flat memory"
        out.append(f"  | export {what} | {b['seconds']:.1f} s, peak {b['peak']:.0f} MB | "
                   f"**{f['seconds']:.1f} s, peak {f['peak']:.0f} MB** ({f['mb']:.0f} MB, "
                   f"first byte {f['first']:.1f} s) | time {f['seconds'] / b['seconds']:.0f}, "
                   f"memory {f['peak'] / b['peak']:.2f} | {target} |")
    return out


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--serve", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--officers", type=int, default=400_000)
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--baseline", type=int, default=10_000)
    parser.add_argument("--exports", default="xlsx,csv,zip,docx",
                        help="which exports to measure, comma-separated ('' for none)")
    parser.add_argument("--no-record", action="store_true")
    parser.add_argument("--database", default="loa_bench_national", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        await serve(args.serve[0], args.serve[1], int(args.serve[2]))
        return
    args.load_start = os.getloadavg()
    scale = args.baseline / args.reports
    base = await one_size(f"{args.database}_base", args.baseline,
                          max(100, int(args.officers * scale)), max(20, int(args.units * scale)),
                          args.exports.split(',') if args.exports else [])
    full = await one_size(args.database, args.reports, args.officers, args.units,
                          args.exports.split(',') if args.exports else [])
    out = lines(args, base, full)
    if args.no_record:
        print("\n".join(out))
    else:
        record(out, "national")


if __name__ == "__main__":
    asyncio.run(main())
