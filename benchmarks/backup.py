"""Backup and restore benchmark: a department's year of data, backed up and restored.

    python -m benchmarks.backup [--db sqlite|postgresql] [--officers 2000] [--deliveries 200000]
                                [--photos 3000]

The source holds `--officers` officers with Telegram accounts, `--deliveries` delivered
messages (a year of daily prompts and broadcasts), one report per photo and `--photos` stored
photo files of 200 KB. Measured in one run:
(i)  backup  — `write_backup` of that source: seconds, file size, and the time of a plain copy
             of the same photo files (tar of the storage folder) as the baseline;
(ii) restore — `restore_backup` into an empty PostgreSQL database and storage folder: seconds,
             rows per second; peak memory (VmHWM) of the process after both.
Results are printed and appended, with the date, to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import asyncpg
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.delivery import PG_ADMIN, database_url, record  # noqa: E402
from bot.store.backup import restore_backup, write_backup  # noqa: E402
from bot.store.db import make_engine  # noqa: E402
from bot.store.migrate import upgrade  # noqa: E402
from bot.store.models import Delivery, Identity, Job, Officer, Report, ReportPhoto, Unit  # noqa: E402

NOW = dt.datetime(2026, 11, 23, 2, tzinfo=dt.UTC)
RESTORE_DB = "loa_bench_restore"


def photo(n: int) -> bytes:
    """200 KB that read as a JPEG (backup copies bytes; it never decodes them)."""
    return b"\xff\xd8\xff\xe0" + n.to_bytes(8, "big") + os.urandom(200_000)


async def seed(url: str, storage: Path, officers: int, deliveries: int, photos: int) -> None:
    from bot.store.files import store

    engine = make_engine(url)
    await upgrade(engine)
    async with engine.begin() as conn:
        unit = (await conn.execute(insert(Unit).returning(Unit.id), [
            {"code": "SYT", "name": "Sở Y tế", "created_at": NOW}])).scalar_one()
        ids = (await conn.execute(insert(Officer).returning(Officer.id), [
            {"full_name": f"Cán bộ {i}", "position": "Y sĩ", "unit_id": unit, "role": "officer",
             "status": "active", "created_at": NOW, "updated_at": NOW}
            for i in range(officers)])).scalars().all()
        await conn.execute(insert(Identity), [
            {"channel": "telegram", "external_id": str(10_000 + i), "chat_id": str(10_000 + i),
             "officer_id": oid, "menu": [], "created_at": NOW} for i, oid in enumerate(ids)])
        jobs = (await conn.execute(insert(Job).returning(Job.id), [
            {"kind": "prompt", "key": f"prompt:{d}", "priority": 100, "created_at": NOW}
            for d in range(-(-deliveries // officers))])).scalars().all()
        rows = [{"job_id": jobs[n // officers], "officer_id": ids[n % officers],
                 "channel": "telegram", "chat_id": str(10_000 + n % officers),
                 "payload": {"kind": "text", "text": "Chủ đề hôm nay: phòng chống sốt xuất huyết"},
                 "priority": 100, "state": "sent", "attempts": 1, "message_id": str(n),
                 "not_before": NOW, "created_at": NOW, "sent_at": NOW}
                for n in range(deliveries)]
        for start in range(0, len(rows), 5000):
            await conn.execute(insert(Delivery), rows[start:start + 5000])
        reports = (await conn.execute(insert(Report).returning(Report.id), [
            {"officer_id": ids[n % officers], "unit_id": unit, "activity": "poster",
             "description": f"Treo băng rôn {n}", "day": NOW.date(), "state": "submitted",
             "created_at": NOW, "updated_at": NOW} for n in range(photos)])).scalars().all()
        stored = [store(storage, photo(n)) for n in range(photos)]
        await conn.execute(insert(ReportPhoto), [
            {"report_id": r, "channel": "telegram", "file_id": f"f{n}", "unique_id": f"u{n}",
             "sha256": digest, "path": path, "size": 200_012, "attempts": 1, "created_at": NOW,
             "stored_at": NOW}
            for n, (r, (digest, path)) in enumerate(zip(reports, stored, strict=True))])
    await engine.dispose()


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def restore_target() -> str:
    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{RESTORE_DB}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{RESTORE_DB}"')
    finally:
        await conn.close()
    base = PG_ADMIN.rsplit("/", 1)[0]
    return "postgresql+asyncpg://" + f"{base}/{RESTORE_DB}".split("://", 1)[1]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--officers", type=int, default=2000)
    parser.add_argument("--deliveries", type=int, default=200_000)
    parser.add_argument("--photos", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        url = await database_url(args.db, tmp)
        storage = tmp / "photos"
        await seed(url, storage, args.officers, args.deliveries, args.photos)

        start = time.perf_counter()
        with tarfile.open(tmp / "plain.tar", "w") as plain:
            plain.add(storage, "photos")
        copy_s = time.perf_counter() - start

        start = time.perf_counter()
        summary = await write_backup(url, storage, tmp / "loa.tar")
        backup_s = time.perf_counter() - start
        size = (tmp / "loa.tar").stat().st_size / 1e6

        target = await restore_target()
        start = time.perf_counter()
        await restore_backup(tmp / "loa.tar", target, tmp / "restored")
        restore_s = time.perf_counter() - start
        rows = sum(summary.rows.values())
    record([
        f"(i) backup ({args.db}, {args.officers} officers, {rows} rows, {summary.files} photo "
        f"files): {backup_s:.1f} s, {size:.0f} MB; a plain tar of the same photos: "
        f"{copy_s:.1f} s (× {backup_s / copy_s:.1f})",
        f"(ii) restore into PostgreSQL: {restore_s:.1f} s ({rows / restore_s:,.0f} rows/s); "
        f"peak memory of the process {peak_mb():.0f} MB",
    ], script="backup")


if __name__ == "__main__":
    asyncio.run(main())
