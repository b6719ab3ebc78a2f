"""No slow work inside a transaction (#19): while the console builds a heavy export, a write of
the bot's from another connection does not wait for it. On SQLite a transaction holds the one
write lock from BEGIN, so building the file inside the request's transaction made every chat
and outbox write wait (or fail with "database is locked")."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

import pytest
from sqlalchemy import insert, select

from bot.domain.units import add_unit
from bot.store.models import Officer, Report, Role, Unit
from tests.conftest import running_loa
from tests.e2e.test_web_security_e2e import signed_in
from tests.support.helpers import join, make_invite
from tests.support.web_console import console_config, link_from_chat

pytestmark = pytest.mark.timeout(300)

REPORTS = 12_000  # enough rows that the spreadsheet takes seconds to build


async def seed_reports(loa, n: int) -> None:
    now = loa.clock.now()
    async with loa.sessions() as session, session.begin():
        await add_unit(session, loa.clock, "Trung tâm Y tế Hạ Long", "SYT", code="TTYTHL")
        unit = await session.scalar(select(Unit.id).where(Unit.code == "TTYTHL"))
        officer = await session.scalar(insert(Officer).values(
            full_name="Cán bộ Hạ Long", position="Y sĩ", unit_id=unit, role=Role.OFFICER.value,
            status="active", created_at=now, updated_at=now).returning(Officer.id))
        rows = [{"officer_id": officer, "unit_id": unit, "activity": "poster",
                 "description": f"Treo băng rôn ở tổ dân phố số {i}, phát tờ rơi cho người dân",
                 "day": dt.date(2026, 11, 1 + i % 20), "participants": i % 90, "state": "submitted",
                 "created_at": now, "updated_at": now} for i in range(n)]
        await session.execute(insert(Report), rows)


async def test_a_heavy_export_holds_no_write_lock_while_it_is_built(fake_server, tg, clock,
                                                                    tmp_path):
    config = console_config(f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}", fake_server,
                            tmp_path)
    async with running_loa(config, clock) as loa:
        async with loa.sessions() as session, session.begin():
            await add_unit(session, loa.clock, "Sở Y tế", code="SYT")
        admin = await join(tg, 5901, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị", "CV")
        client = await signed_in(config.http.public_url, await link_from_chat(admin))
        await seed_reports(loa, REPORTS)

        async def bot_writes(until: asyncio.Event, waits: list[float]) -> None:
            """What chat traffic does: short writes, each timed from asking for the lock."""
            n = 0
            while not until.is_set():
                n += 1
                began = time.monotonic()
                async with loa.sessions() as session, session.begin():
                    officer = await session.scalar(select(Officer).where(
                        Officer.full_name == "Mai Quản Trị"))
                    officer.position = f"CV {n}"
                waits.append(time.monotonic() - began)
                await asyncio.sleep(0.05)

        # The best of up to three exports: a load spike elsewhere on the machine can stall one
        # write by chance, while a lock held for the build stalls them in every export.
        runs: list[tuple[float, float]] = []
        for _ in range(3):
            waits: list[float] = []
            done = asyncio.Event()
            writer = asyncio.create_task(bot_writes(done, waits))
            began = time.monotonic()
            answer = await client.get("/exports/xlsx", timeout=240)
            took = time.monotonic() - began
            done.set()
            await writer
            assert answer.status_code == 200 and answer.content[:2] == b"PK"
            runs.append((max(waits), took))
            print(f"export {took:.1f} s; {len(waits)} bot writes, the longest {max(waits):.2f} s")
            if max(waits) < 0.7 * took:
                break
        longest, took = min(runs, key=lambda run: run[0] / run[1])
        # The threshold: a write never waits for the file to be built, nor (the rows are read
        # in a read-only transaction) for the rows to be read. Built inside the transaction,
        # the longest wait was the whole export: 2.65 s of 2.9 s when this test was written;
        # 1.41 s of 3.0 s with the file built after it; 0.37 s of 4.8 s with the rows read
        # beside the writer.
        assert took > 2.0, "the export is heavy enough to tell the two apart"
        assert longest < 0.7 * took, (longest, took)
        await client.aclose()


async def test_healthz_does_not_wait_for_the_write_lock(fake_server, tg, clock, tmp_path):
    """/healthz asks whether the database answers: it reads beside a long write, not after it."""
    import httpx

    config = console_config(f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}", fake_server,
                            tmp_path)
    async with running_loa(config, clock) as loa, \
            httpx.AsyncClient(base_url=config.http.public_url, timeout=30) as client:
        holding, release = asyncio.Event(), asyncio.Event()

        async def long_write() -> None:
            async with loa.sessions() as session, session.begin():
                await add_unit(session, loa.clock, "Sở Y tế", code="SYT")
                holding.set()
                await release.wait()

        writer = asyncio.create_task(long_write())
        await asyncio.wait_for(holding.wait(), 10)
        try:
            began = time.monotonic()
            answer = await client.get("/healthz")
            took = time.monotonic() - began
        finally:
            release.set()
            await writer
        print(f"/healthz beside a held write lock: {took:.2f} s")
        assert answer.status_code == 200, answer.text
        assert took < 2.0, took


async def test_the_chat_builds_the_word_report_after_its_transaction(fake_server, tg, clock,
                                                                    tmp_path, monkeypatch):
    """/baocaotonghop: the rows are read in the update's transaction, the document (photos
    decoded and shrunk) is built after it commits, while other chat writes go on."""
    import threading

    from handlers import officialreport as handler
    from tests.e2e.test_official_report import report_config, seed

    building, finish = threading.Event(), threading.Event()
    real = handler._build_and_keep

    def slow_build(*args):
        building.set()
        finish.wait(30)
        return real(*args)

    monkeypatch.setattr(handler, "_build_and_keep", slow_build)
    config = report_config(f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}", fake_server,
                           tmp_path)
    async with running_loa(config, clock) as loa:
        await seed(loa, config.storage_dir)
        admin = await join(tg, 5951, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị",
                           "Chuyên viên")
        await admin.receive_one()
        await admin.send("/baocaotonghop")
        assert await asyncio.to_thread(building.wait, 30)

        async def write() -> None:
            async with loa.sessions() as session, session.begin():
                officer = await session.scalar(select(Officer).where(
                    Officer.full_name == "Mai Quản Trị"))
                officer.position = "Trưởng phòng"

        try:
            await asyncio.wait_for(write(), 5)  # inside the transaction: blocked until built
        finally:
            finish.set()
        sent = await admin.receive_one()
        assert sent["method"] == "sendDocument", sent
