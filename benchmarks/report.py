"""Official report benchmark: the Word draft and the photo archive for a large campaign.

    python -m benchmarks.report [--db sqlite|postgresql] [--reports 2000] [--photos 4000]
                                [--units 60]

A campaign with `--reports` reports from `--units` units and `--photos` stored photos (real
JPEGs of a phone photo's size, 1600×1200). Baselines, measured in the same run on the same data:
(g) docx   — `officialreport.gather` + `build` (numbers, tables, the best photo of every unit
             shrunk for the appendix) against writing the same reports as CSV with the export
             writer; target: under 30 s, and the file under 10 MB with 60 photos.
(h) zip    — peak memory (VmHWM of a fresh process) of `loa reports photos --format zip`,
             streamed to disk, against the same archive built in memory first; target < 200 MB.
Results are printed and appended, with the date, to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.delivery import database_url, record  # noqa: E402
from bot import app as loa_app  # noqa: E402
from bot.app import load_config  # noqa: E402
from bot.core.clock import FrozenClock  # noqa: E402
from bot.core.config import Config  # noqa: E402
from bot.domain import exports, officialreport  # noqa: E402
from bot.domain.campaigns import check_file, load  # noqa: E402
from bot.store.files import store  # noqa: E402
from bot.store.models import Campaign, Officer, Report, ReportPhoto, Role, Unit  # noqa: E402

TODAY = dt.date(2026, 11, 23)
DISTINCT = 150  # distinct photo files; the rows share them (the archive still holds 4,000 entries)
KINDS = ("conference", "poster", "led", "website", "social", "loudspeaker")


def photo(n: int) -> bytes:
    """A phone-sized JPEG (1600×1200) with texture, different for each n."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(n)
    image = Image.effect_noise((400, 300), 60).convert("RGB").resize((1600, 1200))
    tint = Image.new("RGB", image.size, (rng.randrange(256), rng.randrange(256),
                                         rng.randrange(256)))
    image = Image.blend(image, tint, 0.6).filter(ImageFilter.GaussianBlur(1))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(1500), rng.randrange(1100)
        draw.rectangle((x, y, x + rng.randrange(40, 300), y + rng.randrange(40, 300)),
                       fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def config_for(url: str, tmp: Path) -> Config:
    return load_config(ROOT / "config.toml", {"DATABASE_URL": url,
                                              "LOA_STORAGE_DIR": str(tmp / "photos")})


async def seed(config: Config, reports: int, photos: int, units: int) -> tuple[int, int]:
    """The campaign's data; returns (campaign id, bytes of photos referenced)."""
    clock = FrozenClock(dt.datetime(2026, 11, 23, 2, tzinfo=dt.UTC))
    loa = await loa_app.build(config, clock=clock)
    rng = random.Random(7)
    try:
        stored = [store(config.storage_dir, photo(n)) for n in range(DISTINCT)]
        sizes = [(config.storage_dir / path).stat().st_size for _, path in stored]
        now = clock.now()
        async with loa.sessions() as session, session.begin():
            campaign, _ = await load(session, clock, check_file(
                ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "bench")
            top = await session.scalar(insert(Unit).values(
                code="SYT", name="Sở Y tế Quảng Ninh", created_at=now).returning(Unit.id))
            unit_ids = (await session.scalars(insert(Unit).returning(
                Unit.id, sort_by_parameter_order=True), [
                {"code": f"TYT{i:03d}", "name": f"Trạm Y tế số {i}", "parent_id": top,
                 "created_at": now} for i in range(units)])).all()
            officer_ids = (await session.scalars(insert(Officer).returning(
                Officer.id, sort_by_parameter_order=True), [
                {"full_name": f"Cán bộ {i}", "unit_id": u, "role": Role.OFFICER.value,
                 "status": "active", "created_at": now, "updated_at": now}
                for i, u in enumerate(unit_ids)])).all()
            span = (TODAY - campaign.start).days
            rows = []
            for i in range(reports):
                unit = i % units
                rows.append({
                    "officer_id": officer_ids[unit], "unit_id": unit_ids[unit],
                    "campaign_id": campaign.id, "activity": rng.choice(KINDS),
                    "description": f"Hoạt động truyền thông số {i}",
                    "day": campaign.start + dt.timedelta(days=rng.randrange(span)),
                    "participants": rng.choice((None, rng.randrange(10, 300))),
                    "state": rng.choices(("submitted", "approved", "needs_more", "withdrawn"),
                                         (70, 20, 5, 5))[0],
                    "created_at": now, "updated_at": now})
            report_ids = (await session.scalars(insert(Report).returning(
                Report.id, sort_by_parameter_order=True), rows)).all()
            photo_rows, total = [], 0
            for n in range(photos):
                digest, path = stored[n % DISTINCT]
                total += sizes[n % DISTINCT]
                photo_rows.append({
                    "report_id": report_ids[n % len(report_ids)], "channel": "telegram",
                    "file_id": f"f{n}", "unique_id": f"u{n}", "sha256": digest, "path": path,
                    "size": sizes[n % DISTINCT], "attempts": 1, "created_at": now,
                    "stored_at": now})
            await session.execute(insert(ReportPhoto), photo_rows)
            return campaign.id, total
    finally:
        await loa.close()


async def time_docx(config: Config, campaign_id: int, out: Path) -> dict[str, Any]:
    loa = await loa_app.build(config, migrate=False)
    try:
        started = time.perf_counter()
        async with loa.sessions() as session:
            campaign = await session.get(Campaign, campaign_id)
            data = await officialreport.gather(session, campaign, TODAY)
        body = await asyncio.to_thread(officialreport.build, data, loa.texts,
                                       config.storage_dir)
        docx = time.perf_counter() - started

        started = time.perf_counter()
        async with loa.sessions() as session:
            rows = await exports.export_rows(session, exports.Filter(campaign_ids=[campaign_id]))
        exports.write_csv(out.with_suffix(".csv"), rows, loa.texts, config.timezone)
        baseline = time.perf_counter() - started
        return {"docx": docx, "csv": baseline, "size": len(body), "photos": len(data.photos),
                "reports": data.totals.reports, "rows": len(rows)}
    finally:
        await loa.close()


# Run in a fresh process that imports only what `loa reports photos` imports: one archive, then
# this process's peak memory. "stream" is the command itself; "memory" the same archive built
# in memory first (the baseline).
CHILD = """
import asyncio, io, json, sys, time, zipfile
from pathlib import Path
which, out = sys.argv[1], Path(sys.argv[2])
started = time.perf_counter()
if which == "stream":
    from bot.cli import main
    assert main(["reports", "photos", "--format", "zip", "--out", str(out)]) == 0
else:
    from bot import app as loa_app
    from bot.app import load_config
    from bot.domain import exports
    config = load_config()

    async def rows():
        loa = await loa_app.build(config, migrate=False)
        try:
            async with loa.sessions() as session:
                return await exports.export_rows(session, exports.Filter())
        finally:
            await loa.close()

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for row in asyncio.run(rows()):
            for p in row.photos:
                if p.archive:
                    archive.writestr(p.archive, (config.storage_dir / p.photo.path).read_bytes())
    out.write_bytes(buffer.getvalue())
# VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": time.perf_counter() - started, "bytes": out.stat().st_size,
                  "rss_mb": int(hwm.split()[1]) / 1024}))
"""


def measure_zip(which: str, url: str, tmp: Path) -> dict[str, Any]:
    out = tmp / f"{which}.zip"
    env = {**os.environ, "DATABASE_URL": url, "LOA_STORAGE_DIR": str(tmp / "photos")}
    env["LOA_CONFIG"] = str(ROOT / "config.toml")
    done = subprocess.run([sys.executable, "-c", CHILD, which, str(out)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    out.unlink()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--photos", type=int, default=4000)
    parser.add_argument("--units", type=int, default=60)
    asyncio.run(bench(parser.parse_args()))


async def bench(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="loa-bench-report-") as name:
        tmp = Path(name)
        url = await database_url(args.db, tmp)
        config = config_for(url, tmp)
        campaign_id, photo_bytes = await seed(config, args.reports, args.photos, args.units)
        g = await time_docx(config, campaign_id, tmp / "report.docx")
        stream = measure_zip("stream", url, tmp)
        memory = measure_zip("memory", url, tmp)
    lines = [
        f"- (g) Word draft, {args.reports:,} reports, {args.units} units ({args.db}): "
        f"{g['docx']:.2f} s for {g['reports']:,} counted reports and {g['photos']} appendix "
        f"photos, file {g['size'] / 1e6:.1f} MB; baseline CSV export of the same {g['rows']:,} "
        f"rows {g['csv']:.2f} s: **ratio {g['docx'] / g['csv']:.1f}** "
        f"(target: under 30 s, and under 10 MB with 60 photos)",
        f"- (h) photo archive, {args.photos:,} photos, {stream['bytes'] / 1e6:.0f} MB "
        f"({args.db}): streamed to disk peak {stream['rss_mb']:.0f} MB in "
        f"{stream['seconds']:.1f} s; baseline built in memory peak {memory['rss_mb']:.0f} MB in "
        f"{memory['seconds']:.1f} s: **ratio {stream['rss_mb'] / memory['rss_mb']:.2f}** "
        f"(target: under 200 MB; photos referenced {photo_bytes / 1e6:.0f} MB)",
    ]
    record(lines, "report")


if __name__ == "__main__":
    main()
