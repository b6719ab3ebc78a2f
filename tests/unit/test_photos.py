"""Photo storage: by content hash, images only, size-limited, retried, duplicates found."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from bot import app as loa_app
from bot.channels import Transient
from bot.channels.memory import MemoryChannel
from bot.core.images import NotAnImage, image_type
from bot.domain.photos import MAX_ATTEMPTS, PhotoFetcher, retry_delay
from bot.runtime.lease import Leases
from bot.store.files import store
from bot.store.models import Officer, Report, ReportPhoto
from tests.conftest import make_config
from tests.support.helpers import make_officers, seed_units

JPEG = bytes.fromhex("ffd8ffe000104a464946") + b"\x07" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def test_store_names_by_content_and_never_by_input(tmp_path):
    digest, relative = store(tmp_path, JPEG)
    assert digest == hashlib.sha256(JPEG).hexdigest()
    assert relative == f"{digest[:2]}/{digest}.jpg"
    assert (tmp_path / relative).read_bytes() == JPEG
    assert store(tmp_path, JPEG) == (digest, relative)  # the same bytes, the same one file
    assert store(tmp_path, PNG)[1].endswith(".png")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        [f"{digest}.jpg", f"{hashlib.sha256(PNG).hexdigest()}.png"])  # no temporary files left
    with pytest.raises(NotAnImage):
        image_type(b"%PDF-1.4 not a photo")


@pytest.fixture
async def fetcher(db_url, clock, tmp_path):
    loa = await loa_app.build(make_config(db_url), clock=clock)
    await seed_units(loa)
    await make_officers(loa, None, 1, register=False)
    channel = MemoryChannel(name="telegram")
    fetch = PhotoFetcher(loa.sessions, {"telegram": channel}, clock, tmp_path / "photos",
                         max_bytes=150, texts=loa.texts)
    yield loa, channel, fetch
    await loa.close()


async def add_photos(loa, *file_ids: str) -> list[int]:
    async with loa.sessions() as session, session.begin():
        officer = await session.scalar(select(Officer))
        now = loa.clock.now()
        ids = []
        for file_id in file_ids:
            report_id = await session.scalar(insert(Report).values(
                officer_id=officer.id, unit_id=officer.unit_id, day=now.date(), state="submitted",
                created_at=now, updated_at=now).returning(Report.id))
            ids.append(await session.scalar(insert(ReportPhoto).values(
                report_id=report_id, channel="telegram", file_id=file_id, unique_id=file_id,
                attempts=0, created_at=now).returning(ReportPhoto.id)))
    return ids


async def photos(loa) -> dict[str, ReportPhoto]:
    async with loa.sessions() as session:
        return {p.file_id: p for p in await session.scalars(select(ReportPhoto))}


async def test_fetch_stores_refuses_and_flags(fetcher, tmp_path):
    loa, channel, fetch = fetcher
    channel.files.update({"ok": JPEG, "again": JPEG, "pdf": b"%PDF-1.4" + b"x" * 50,
                          "big": JPEG + b"\x00" * 200})
    await add_photos(loa, "ok", "again", "pdf", "big")
    assert await fetch.fetch_some() == 4
    got = await photos(loa)
    assert got["ok"].sha256 == hashlib.sha256(JPEG).hexdigest() and got["ok"].size == len(JPEG)
    assert (tmp_path / "photos" / got["ok"].path).read_bytes() == JPEG
    assert got["again"].path == got["ok"].path
    assert got["again"].duplicate_of == got["ok"].report_id and got["ok"].duplicate_of is None
    assert got["pdf"].error == "not an image" and got["pdf"].path is None
    assert got["big"].error.startswith("too big") and got["big"].path is None
    assert await fetch.fetch_some() == 0  # nothing is tried again


async def test_a_failing_download_is_retried_for_hours_then_given_up(fetcher, clock):
    loa, channel, fetch = fetcher
    channel.files["ok"] = JPEG
    await add_photos(loa, "ok")
    channel.fail_with = [Transient("timed out")] * MAX_ATTEMPTS
    waited = timedelta()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert await fetch.fetch_some() == 1
        got = (await photos(loa))["ok"]
        assert got.attempts == attempt and got.sha256 is None
        if attempt < MAX_ATTEMPTS:
            assert await fetch.fetch_some() == 0  # not again before its time
            step = timedelta(seconds=retry_delay(attempt))
            clock.advance(step)
            waited += step
    assert got.error.startswith("download failed") and await fetch.fetch_some() == 0
    # A platform outage of several hours does not lose the photo.
    assert waited > timedelta(hours=12)


async def test_a_photo_is_stored_once_the_platform_is_back(fetcher, clock):
    loa, channel, fetch = fetcher
    channel.files["ok"] = JPEG
    await add_photos(loa, "ok")
    channel.fail_with = [Transient("502 Bad Gateway")] * 4
    for attempt in range(1, 5):
        assert await fetch.fetch_some() == 1
        clock.advance(timedelta(seconds=retry_delay(attempt)))
    assert await fetch.fetch_some() == 1
    got = (await photos(loa))["ok"]
    assert got.sha256 == hashlib.sha256(JPEG).hexdigest() and got.error is None


async def test_two_fetchers_never_download_the_same_photo(fetcher, clock, tmp_path):
    loa, channel, fetch = fetcher
    for name in ("a", "b", "c"):
        channel.files[name] = JPEG + name.encode()
    await add_photos(loa, "a", "b", "c")
    other = PhotoFetcher(loa.sessions, {"telegram": channel}, clock, tmp_path / "photos",
                         max_bytes=150)
    for worker in (fetch, other):  # two live processes, each with its heartbeat
        await Leases(loa.sessions, clock, 60, worker_id=worker.worker_id).beat()
    downloads: list[str] = []
    real = channel.download

    async def counting(photo, max_bytes=None):
        downloads.append(photo.file_id)
        await asyncio.sleep(0.01)
        return await real(photo, max_bytes)

    channel.download = counting
    await asyncio.gather(fetch.fetch_some(), other.fetch_some())
    assert sorted(downloads) == ["a", "b", "c"]


async def test_a_photo_refused_later_is_told_to_the_officer_and_the_export_shows_no_path(
        fetcher, tmp_path):
    import csv

    from bot.domain.exports import Filter, export_rows, write_csv
    from bot.store.models import Delivery

    loa, channel, fetch = fetcher
    local = "/home/lan/Ảnh/fake.jpg"  # the demo chat's file id is the sender's own path
    channel.files.update({"ok": JPEG, local: b"just text, named .jpg"})
    await add_photos(loa, "ok", local)
    await fetch.fetch_some()
    async with loa.sessions() as session:
        notices = [d.payload["text"] for d in await session.scalars(select(Delivery))]
        rows = await export_rows(session, Filter())
    out = tmp_path / "bao-cao.csv"
    write_csv(out, rows, loa.texts, loa.config.timezone)
    assert len(notices) == 1
    assert notices[0].startswith("⚠️ Ảnh thứ 1 của báo cáo #2") and "không phải ảnh" in notices[0]
    assert "/cuatoi" in notices[0]
    with out.open(encoding="utf-8-sig", newline="") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert "(ảnh 1: không dùng được — không phải ảnh)" in cells
    assert not any(local in c or "chưa tải:" in c for c in cells)
