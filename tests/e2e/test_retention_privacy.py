"""Personal data (Nghị định 13/2023/NĐ-CP): photos past `[retention] photos_months` removed from
disk while the report stays and says so everywhere it shows its photos; one officer's data
exported, or their identity erased with their reports kept under "Cán bộ đã xoá #N"."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import io
import json
import os
import stat
import time
import zipfile
from typing import Any

import httpx
import pytest
from docx import Document
from sqlalchemy import select, update

from bot.app import load_config
from bot.cli.privacy import cmd_officers_export, cmd_officers_forget
from bot.core.config import ConfigError
from bot.domain import officialreport
from bot.domain.campaigns import check_file, load
from bot.domain.exports import Filter, export_rows, photo_cell, write_photo_zip
from bot.domain.photos import REMOVED
from bot.domain.retention import cutoff, remove_old_photos
from bot.store.models import (
    AuditEntry,
    Campaign,
    Delivery,
    Identity,
    Officer,
    Report,
    ReportPhoto,
    Role,
)
from schedules import Jobs, housekeeping
from tests.conftest import ROOT, running_loa
from tests.support.helpers import audit_log, join, make_invite, seed_units
from tests.support.web_console import LINK, console_config, photo_jpeg

KIND = "Pano, áp phích, băng rôn, khẩu hiệu"
REMOVED_NOTE = "đã được xoá theo quy định thời hạn lưu giữ ảnh"


async def said(tg: Any, chat: int, needle: str, timeout: float = 15) -> dict[str, Any]:
    """The first message to `chat` holding `needle`, once it has come."""
    deadline = time.monotonic() + timeout
    while True:
        for message in await tg.sent(chat):
            if needle in (message.get("text") or message.get("caption") or ""):
                return message
        assert time.monotonic() < deadline, f"{needle!r} never reached {chat}"
        await asyncio.sleep(0.05)


async def stored(loa: Any, n: int) -> list[ReportPhoto]:
    deadline = time.monotonic() + 15
    while True:
        async with loa.sessions() as session:
            rows = list(await session.scalars(select(ReportPhoto).order_by(ReportPhoto.id)))
        if len(rows) == n and all(r.sha256 for r in rows):
            return rows
        assert time.monotonic() < deadline, rows
        await asyncio.sleep(0.05)


async def with_campaign(loa: Any) -> None:
    await seed_units(loa)
    async with loa.sessions() as session, session.begin():
        await load(session, loa.clock, check_file(
            ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "test")


async def report(user: Any, photo: bytes, caption: str) -> None:
    await user.send_photo(photo, caption=caption)
    await user.press_label(await user.receive_one(), KIND)
    await user.receive(2)


def test_cutoff_counts_calendar_months_in_local_time():
    vn = dt.timezone(dt.timedelta(hours=7))
    assert cutoff(dt.date(2026, 11, 23), 12, vn) == dt.datetime(2025, 11, 22, 17, tzinfo=dt.UTC)
    assert cutoff(dt.date(2026, 3, 31), 1, vn).astimezone(vn).date() == dt.date(2026, 2, 28)
    assert cutoff(dt.date(2026, 1, 15), 13, vn).astimezone(vn).date() == dt.date(2024, 12, 15)


def test_the_nightly_job_runs_only_with_a_period(tmp_path):
    for months, expected in ((0, False), (24, True)):
        cfg = tmp_path / f"c{months}.toml"
        cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n[retention]\nphotos_months = {months}\n')
        config = load_config(cfg, {})
        assert config.retention.photos_months == months
        jobs = Jobs(config.timezone)
        housekeeping.register(jobs, None, None, config)  # type: ignore[arg-type]
        assert (jobs.scheduler.get_job("housekeeping.retention") is not None) is expected
    (tmp_path / "bad.toml").write_text("[retention]\nphotos_months = -1\n")
    with pytest.raises(ConfigError, match=r"retention\.photos_months"):
        load_config(tmp_path / "bad.toml", {})


async def test_old_photos_are_removed_and_every_view_says_so(db_url, fake_server, tg, clock,
                                                             tmp_path):
    config = console_config(db_url, fake_server, tmp_path)
    base = config.http.public_url
    async with running_loa(config, clock) as loa:
        await with_campaign(loa)
        await join(tg, 4702, await make_invite(loa, "SYT", Role.APPROVER), "Trần Duyệt", "PGĐ")
        reporter = await join(tg, 4501, await make_invite(loa, "TYTBC"), "Lê Thị Hoa", "Y sĩ")
        await reporter.receive_one()  # the day's prompt
        await report(reporter, photo_jpeg(1), "Treo băng rôn ở cổng trạm")
        await report(reporter, photo_jpeg(2), "Phát tờ rơi ở chợ")
        await report(reporter, photo_jpeg(1), "Băng rôn ở cổng trạm, chụp lại")  # same bytes
        first, second, third = await stored(loa, 3)
        assert first.path == third.path != second.path
        kept = config.storage_dir / first.path  # readable by Loa's account only
        assert (stat.S_IMODE(kept.stat().st_mode), stat.S_IMODE(kept.parent.stat().st_mode),
                stat.S_IMODE(config.storage_dir.stat().st_mode)) == (0o600, 0o700, 0o700)
        # Reports 1 and 2 are from over a year ago.
        async with loa.sessions() as session, session.begin():
            await session.execute(update(ReportPhoto).where(ReportPhoto.report_id.in_([1, 2]))
                                  .values(created_at=loa.clock.now() - dt.timedelta(days=400)))

        removed = await remove_old_photos(loa.sessions, loa.clock, config.timezone,
                                          config.storage_dir, 12)
        assert removed == 2
        assert await remove_old_photos(loa.sessions, loa.clock, config.timezone,
                                       config.storage_dir, 12) == 0
        async with loa.sessions() as session:
            photos = list(await session.scalars(select(ReportPhoto).order_by(ReportPhoto.id)))
            assert len(list(await session.scalars(select(Report)))) == 3  # the reports stay
        assert [p.path for p in photos] == [None, None, third.path]
        assert all(p.error.startswith(REMOVED) and p.sha256 for p in photos[:2])
        assert not (config.storage_dir / second.path).exists()
        assert (config.storage_dir / first.path).is_file()  # the newer report 3 still uses it
        assert ("photos.removed", "system", None, "retention:23/11/2025") in await audit_log(loa)

        # Chat: the review card shows no removed photo and says why.
        approver = await tg.user(4702)
        await approver.send("/xetduyet")
        card = await said(tg, 4702, "Báo cáo #1")
        assert REMOVED_NOTE in card["text"] and not card["photo"]

        # Web console: the report page says so; the photo itself is gone.
        await approver.send("/web")
        link = LINK.search((await said(tg, 4702, "/login/"))["text"]).group(0)
        async with httpx.AsyncClient(base_url=base) as client:
            assert (await client.post(link.removeprefix(base))).status_code == 303
            page = (await client.get("/reports/1")).text
            assert "Ảnh đã được xoá theo quy định thời hạn lưu giữ ảnh" in page
            assert (await client.get(f"/photos/{first.id}")).status_code == 404
            assert (await client.get(f"/photos/{third.id}")).status_code == 200

        # Exports and the photo archive.
        async with loa.sessions() as session:
            rows = await export_rows(session, Filter())
            campaign = await session.scalar(select(Campaign))
            data = await officialreport.gather(session, campaign, dt.date(2026, 11, 23))
        cell = photo_cell(loa.texts, 1, rows[0].photos[0])
        assert cell == "(ảnh 1: đã xoá theo quy định thời hạn lưu giữ ảnh)"
        archive = tmp_path / "anh.zip"
        assert write_photo_zip(archive, rows, config.storage_dir, loa.texts).photos == 1
        with zipfile.ZipFile(archive) as z:
            index = z.read("anh/index.csv").decode("utf-8-sig")
        assert index.count("đã xoá theo quy định thời hạn lưu giữ ảnh") == 2

        # The Word draft.
        assert data.removed_photos == 2
        text = "\n".join(p.text for p in Document(io.BytesIO(
            officialreport.build(data, loa.texts, config.storage_dir))).paragraphs)
        assert "2 ảnh báo cáo trong kỳ đã được xoá theo quy định thời hạn lưu giữ ảnh" in text


async def test_export_and_forget_one_officer(db_url, fake_server, tg, clock, tmp_path, monkeypatch):
    config = console_config(db_url, fake_server, tmp_path)
    async with running_loa(config, clock) as loa:
        await with_campaign(loa)
        reporter = await join(tg, 4501, await make_invite(loa, "TYTBC"), "Lê Thị Hoa", "Y sĩ")
        await reporter.receive_one()
        await report(reporter, photo_jpeg(3), "Nói chuyện chuyên đề tại trạm")
        (photo,) = await stored(loa, 1)
        async with loa.sessions() as session:
            officer = await session.scalar(select(Officer).where(Officer.full_name == "Lê Thị Hoa"))
    oid = officer.id

    out = tmp_path / "xuat" / "hoa.zip"
    out.parent.mkdir()
    assert await cmd_officers_export(config, argparse.Namespace(id=oid, out=out)) == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    with zipfile.ZipFile(out) as z:
        data = json.loads(z.read("can-bo.json"))
        names = z.namelist()
        assert z.read(f"anh/bao-cao-{photo.report_id}_{photo.id}.jpg") == photo_jpeg(3)
    assert data["officer"]["full_name"] == "Lê Thị Hoa" and data["unit"]["code"] == "TYTBC"
    assert [i["external_id"] for i in data["identities"]] == ["4501"]
    assert data["reports"][0]["description"] == "Nói chuyện chuyên đề tại trạm"
    assert data["reports"][0]["photos"][0]["sha256"] == photo.sha256
    assert data["messages_to_them"] and len(names) == 2
    assert "token_hash" not in json.dumps(data) and "nonce" not in json.dumps(data)

    # Forget: asked first; anything but «xoá» changes nothing.
    monkeypatch.setattr("builtins.input", lambda prompt="": "không")
    assert await cmd_officers_forget(config, argparse.Namespace(id=oid, yes=False)) == 1
    monkeypatch.setattr("builtins.input", lambda prompt="": "xoá")
    assert await cmd_officers_forget(config, argparse.Namespace(id=oid, yes=False)) == 0
    assert await cmd_officers_forget(config, argparse.Namespace(id=99999, yes=True)) == 2

    async with running_loa(config, clock) as loa:
        async with loa.sessions() as session:
            forgotten = await session.get(Officer, oid)
            assert (forgotten.full_name, forgotten.position, forgotten.status) == (
                f"Cán bộ đã xoá #{oid}", None, "disabled")
            assert not list(await session.scalars(select(Identity).where(
                Identity.officer_id == oid)))
            assert {d.chat_id for d in await session.scalars(select(Delivery).where(
                Delivery.officer_id == oid))} == {""}
            (kept,) = await session.scalars(select(Report))
            assert kept.officer_id == oid
            rows = await export_rows(session, Filter())
            entries = list(await session.scalars(select(AuditEntry).where(
                AuditEntry.action.in_(["officer.exported", "officer.forgotten"]))))
        assert rows[0].officer == f"Cán bộ đã xoá #{oid}"  # counted, under the new name
        assert [(e.action, e.object_id) for e in entries] == [
            ("officer.exported", str(oid)), ("officer.forgotten", str(oid))]
        assert "Hoa" not in json.dumps([e.detail for e in entries], ensure_ascii=False)
        # The account is a stranger now: Loa no longer knows who it was.
        await reporter.send("/me")
        assert "Lê Thị Hoa" not in (await reporter.receive_one())["text"]
