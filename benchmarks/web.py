"""Web console benchmark: the reports gallery with 10,000 reports in the database.

    python -m benchmarks.web [--db sqlite|postgresql] [--reports 10000] [--units 60]

`--reports` reports with a stored photo each (phone-sized JPEGs, 1600×1200; 100 distinct files
shared by the rows) from `--units` units. Over real HTTP to Loa's server, signed in:
(i) /reports — the page's HTML (50 reports, newest first, with the total count), then the page
    with its 50 thumbnails fetched six at a time as a browser does: the first time (thumbnails
    made with Pillow and cached) and again (cached); also a deep page and a unit filter.
Target: a page of 50 reports, thumbnails included, under one second once they are cached.
Results are printed and appended, with the date, to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import asyncpg
import httpx
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.delivery import PG_ADMIN, record  # noqa: E402
from benchmarks.report import photo  # noqa: E402
from bot import app as loa_app  # noqa: E402
from bot.app import load_config  # noqa: E402
from bot.core.clock import FrozenClock  # noqa: E402
from bot.domain.audit import Actor  # noqa: E402
from bot.domain.photos import derive  # noqa: E402
from bot.services import Scope  # noqa: E402
from bot.services.web import issue_link, sign_in  # noqa: E402
from bot.store.files import store  # noqa: E402
from bot.store.models import Officer, Report, ReportPhoto, Role, Unit  # noqa: E402
from bot.web.console import console_routes  # noqa: E402
from bot.web.console.auth import COOKIE, cookie_value  # noqa: E402
from bot.web.server import HttpServer, build_app  # noqa: E402

NOW = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)
DISTINCT = 100
PG_DB = "loa_bench_web"  # its own database: other benchmarks may run beside it
KINDS = ("conference", "poster", "led", "website", "social", "loudspeaker")
THUMB = re.compile(r'src="(/photos/\d+/thumb)"')


async def database(kind: str, tmp: Path) -> str:
    if kind == "sqlite":
        return f"sqlite+aiosqlite:///{tmp / 'bench.sqlite3'}"
    base = PG_ADMIN.rsplit("/", 1)[0]
    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{PG_DB}"')
    finally:
        await conn.close()
    return "postgresql+asyncpg://" + f"{base}/{PG_DB}".split("://", 1)[1]


async def seed(loa: loa_app.Loa, reports: int, units: int) -> int:
    """Units, one officer each, `reports` reports with a stored photo; returns the admin's id."""
    files = [await asyncio.to_thread(store, loa.config.storage_dir, photo(n))
             for n in range(DISTINCT)]
    for sha256, relative in files:  # thumbnails made when stored, as Loa does on arrival
        await asyncio.to_thread(derive, loa.config.storage_dir, relative, sha256)
    async with loa.sessions() as session, session.begin():
        top = (await session.scalars(insert(Unit).returning(Unit.id), [
            {"code": "SYT", "name": "Sở Y tế", "parent_id": None, "created_at": NOW}])).one()
        returning = {"sort_by_parameter_order": True}
        unit_ids = list(await session.scalars(insert(Unit).returning(Unit.id, **returning), [
            {"code": f"U{i:03d}", "name": f"Trạm Y tế số {i}", "parent_id": top, "created_at": NOW}
            for i in range(units)]))
        officer_ids = list(await session.scalars(insert(Officer).returning(Officer.id, **returning), [
            {"full_name": f"Cán bộ {i}", "position": "Y sĩ", "unit_id": u, "role": "officer",
             "status": "active", "created_at": NOW, "updated_at": NOW}
            for i, u in enumerate(unit_ids)]))
        admin = (await session.scalars(insert(Officer).returning(Officer.id), [
            {"full_name": "Quản trị", "position": "CV", "unit_id": top, "role": Role.ADMIN.value,
             "status": "active", "created_at": NOW, "updated_at": NOW}])).one()
        for start in range(0, reports, 2000):
            chunk = range(start, min(reports, start + 2000))
            ids = list(await session.scalars(insert(Report).returning(Report.id, **returning), [
                {"officer_id": officer_ids[i % units], "unit_id": unit_ids[i % units],
                 "activity": KINDS[i % len(KINDS)], "description": f"Hoạt động số {i}",
                 "day": dt.date(2026, 11, 23) - dt.timedelta(days=i % 300), "state": "submitted",
                 "created_at": NOW, "updated_at": NOW} for i in chunk]))
            await session.execute(insert(ReportPhoto), [
                {"report_id": rid, "channel": "telegram", "file_id": f"f{rid}",
                 "unique_id": f"u{rid}",
                 "sha256": files[rid % DISTINCT][0], "path": files[rid % DISTINCT][1], "size": 1,
                 "attempts": 0, "created_at": NOW, "stored_at": NOW} for rid in ids])
    return admin


async def load_page(client: httpx.AsyncClient, path: str) -> tuple[float, float, int]:
    """(seconds for the HTML, seconds with every thumbnail, thumbnails) — six requests at once."""
    started = time.perf_counter()
    answer = await client.get(path)
    answer.raise_for_status()
    html = time.perf_counter() - started
    thumbs = THUMB.findall(answer.text)
    gate = asyncio.Semaphore(6)

    async def fetch(url: str) -> None:
        async with gate:
            (await client.get(url)).raise_for_status()

    await asyncio.gather(*(fetch(u) for u in thumbs))
    return html, time.perf_counter() - started, len(thumbs)


async def run(db: str, reports: int, units: int) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        cfg = tmp / "config.toml"
        cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\nstorage_dir = "photos"\n')
        config = load_config(cfg, {"DATABASE_URL": await database(db, tmp), "LOA_HTTP_PORT": "0"})
        loa = await loa_app.build(config, clock=FrozenClock(NOW))
        server = None
        try:
            admin_id = await seed(loa, reports, units)
            async with loa.sessions() as session, session.begin():
                admin = await session.get(Officer, admin_id)
                scope = Scope(session, loa.clock, loa.config, loa.texts, Actor.of(admin))
                signed = await sign_in(scope, await issue_link(scope, admin))
            deps = loa_app.console_deps(loa)
            routes = console_routes(deps)
            server = HttpServer(build_app(routes, lambda: asyncio.sleep(0, {})), "127.0.0.1", 0)
            await server.start()
            cookies = {COOKIE: await cookie_value(deps, signed.token)}
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{server.port}",
                                         cookies=cookies) as client:
                cold = await load_page(client, "/reports")
                warm = [await load_page(client, "/reports") for _ in range(5)]
                deep = [await load_page(client, "/reports?page=150") for _ in range(3)]
                unit = [await load_page(client, "/reports?unit=U007&kind=poster") for _ in range(3)]
        finally:
            if server is not None:
                await server.stop()
            await loa.close()
    html = statistics.median(w[0] for w in warm)
    full = statistics.median(w[1] for w in warm)
    return [f"- (i) /reports, 50 of {reports:,} reports, {units} units ({db}): HTML "
            f"{html * 1000:.0f} ms; with its {warm[0][2]} thumbnails **{full * 1000:.0f} ms** "
            f"(median of 5; target under 1 s); first load, thumbnails made then "
            f"{cold[1] * 1000:.0f} ms; page 150 {statistics.median(d[1] for d in deep) * 1000:.0f} ms; "
            f"one unit and kind {statistics.median(u[1] for u in unit) * 1000:.0f} ms"]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=60)
    args = parser.parse_args()
    record(await run(args.db, args.reports, args.units), "web")


if __name__ == "__main__":
    asyncio.run(main())
