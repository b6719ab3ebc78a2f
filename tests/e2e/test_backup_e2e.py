"""`loa backup` while Loa runs (a broadcast going out, reports with photos arriving), restored
into a fresh database of the same kind and from SQLite into PostgreSQL: every row and every
photo's bytes equal the source as of the backup point; the restored Loa starts and answers; what
was sent at that point is not sent again."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import os
import sqlite3
import stat
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from bot.app import load_config
from bot.domain.audit import OPERATOR
from bot.domain.campaigns import check_file, load
from bot.services import Scope
from bot.services.broadcasts import create_broadcast
from bot.store.backup import NOT_RESTORED, open_backup, restore_backup, rows_of, settle, write_backup
from bot.store.models import Base, Broadcast, Delivery, ReportPhoto
from tests.conftest import ROOT, _pg_url, admin, running_loa, telegram_env
from tests.e2e.test_reports_e2e import jpeg
from tests.support.helpers import join, make_invite, make_officers, seed_units

TABLES = [t for t in Base.metadata.sorted_tables if t.name not in NOT_RESTORED]
NEWS = "Tổng vệ sinh môi trường phòng chống sốt xuất huyết vào sáng thứ Bảy."
RECIPIENTS = 80


@pytest.fixture
def restore_pg(postgres_database: str) -> Iterator[str]:
    """A second, empty PostgreSQL database to restore into."""
    name = f"{postgres_database.rsplit('/', 1)[1]}_restore"
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    yield "postgresql+asyncpg://" + _pg_url(name).split("://", 1)[1]
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def loa_config(folder: Path, db_url: str, fake_server: Any, rate: int = 20) -> Any:
    folder.mkdir(parents=True, exist_ok=True)
    cfg = folder / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\nstorage_dir = "photos"\n'
                   f"[delivery]\nrate_per_second = {rate}\ntwo_person_rule = false\n"
                   "progress_interval = 0.5\n[prompts]\ntick_seconds = 0.2\n")
    return load_config(cfg, {"DATABASE_URL": db_url, **telegram_env(fake_server)})


async def read_all(conn: AsyncConnection) -> dict[str, list[dict[str, Any]]]:
    """Every restorable table, rows in primary-key order, values as Loa's models read them."""
    return {t.name: [dict(r) for r in (await conn.execute(
        select(t).order_by(*t.primary_key.columns))).mappings().all()] for t in TABLES}


async def read_url(url: str) -> dict[str, list[dict[str, Any]]]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return await read_all(conn)
    finally:
        await engine.dispose()


@contextlib.asynccontextmanager
async def writers_held(url: str) -> AsyncIterator[None]:
    """SQLite: nobody else commits meanwhile (the one write lock is ours; readers go on)."""
    lock = sqlite3.connect(url.split(":///", 1)[1], timeout=60, isolation_level=None,
                           check_same_thread=False)
    try:
        await asyncio.to_thread(lock.execute, "BEGIN IMMEDIATE")
        yield
    finally:
        await asyncio.to_thread(lock.execute, "COMMIT")
        lock.close()


async def backup_at_a_point(url: str, storage: Path, out: Path
                            ) -> tuple[Any, dict[str, list[dict[str, Any]]]]:
    """The backup, and the source's rows read independently as of the backup's own point."""
    seen: dict[str, list[dict[str, Any]]] = {}
    if url.startswith("sqlite"):
        async with writers_held(url):
            summary = await write_backup(url, storage, out)
            seen = await read_url(url)
        return summary, seen

    async def look(conn: AsyncConnection) -> None:
        # The backup's snapshot, imported by another connection and read there.
        snapshot = await conn.scalar(text("SELECT pg_export_snapshot()"))
        engine = create_async_engine(url)
        try:
            async with engine.connect() as other:
                other = await other.execution_options(isolation_level="REPEATABLE READ")
                async with other.begin():
                    await other.execute(text(f"SET TRANSACTION SNAPSHOT '{snapshot}'"))
                    seen.update(await read_all(other))
        finally:
            await engine.dispose()

    return await write_backup(url, storage, out, at_snapshot=look), seen


async def poll(check: Any, timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        found = await check()
        if found:
            return found
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


async def count(loa: Any, query: Any) -> int:
    async with loa.sessions() as session:
        return await session.scalar(query) or 0


def broadcast_messages(sent: list[dict[str, Any]]) -> int:
    return sum(1 for m in sent if m.get("text") == NEWS)


async def test_backup_while_busy_restores_as_of_the_point(db_url, restore_pg, fake_server, tg,
                                                          clock, tmp_path):
    source = loa_config(tmp_path / "source", db_url, fake_server)
    backup_file = tmp_path / "backups" / "loa.tar"
    async with running_loa(source, clock) as loa:
        await seed_units(loa)
        async with loa.sessions() as session, session.begin():
            await load(session, loa.clock, check_file(
                ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "test")
        reporter = await join(tg, 4501, await make_invite(loa, "TYTBC"), "Lê Thị Hoa", "Y sĩ")
        await reporter.receive_one()  # the day's prompt
        chats = await make_officers(loa, tg, RECIPIENTS, unit_code="TTYTHL")

        async def report(n: int) -> None:
            await reporter.send_photo(jpeg(n), caption=f"Treo băng rôn lần {n} tại trạm y tế")
            await reporter.press_label(await reporter.receive_one(),
                                       "Pano, áp phích, băng rôn, khẩu hiệu")
            await reporter.receive(2)

        await report(1)
        await poll(lambda: count(loa, select(func.count()).select_from(ReportPhoto)
                                 .where(ReportPhoto.path.is_not(None))))
        async def more_reports() -> None:  # one person: one after the other
            for n in (2, 3, 4):
                await report(n)

        reports = asyncio.create_task(more_reports())
        async with loa.sessions() as session, session.begin():
            created = await create_broadcast(
                Scope(session, loa.clock, loa.config, loa.texts, OPERATOR, loa.outbox.wake),
                {"text": NEWS}, {"units": ["TTYTHL"], "subunits": False, "role": None})
        loa.outbox.wake()
        job = created.broadcast.job_id
        await poll(lambda: count(loa, select(func.count()).select_from(Delivery).where(
            Delivery.job_id == job, Delivery.state == "sent")))

        summary, at_point = await backup_at_a_point(loa.config.database_url,
                                                    loa.config.storage_dir, backup_file)

        await reports
        await poll(lambda: count(loa, select(func.count()).select_from(Broadcast).where(
            Broadcast.state == "done")), timeout=60)

    # The backup holds what the source held at that point, mid-broadcast and with photos.
    states = [d["state"] for d in at_point["deliveries"] if d["job_id"] == job]
    assert len(states) == RECIPIENTS and "sent" in states and "pending" in states, states
    assert any(p["path"] for p in at_point["report_photos"])
    assert stat.S_IMODE(os.stat(backup_file).st_mode) == 0o600
    assert summary.rows == {t: len(rows) for t, rows in at_point.items()}
    with open_backup(backup_file) as (tar, manifest):
        assert manifest["source_engine"] == db_url.split("+")[0]
        assert manifest["alembic_revision"] and manifest["created_at"]
        assert [r["id"] for r in rows_of(tar, manifest, "deliveries")] == [
            d["id"] for d in at_point["deliveries"]]

    targets = [("pg", restore_pg)]
    if db_url.startswith("sqlite"):
        targets.insert(0, ("sqlite", f"sqlite+aiosqlite:///{tmp_path / 'restored.sqlite3'}"))
    for name, target_url in targets:
        # Slow only at the source (to back up mid-broadcast); restored, the rest goes at once.
        config = loa_config(tmp_path / name, target_url, fake_server, rate=200)
        await restore_backup(backup_file, target_url, config.storage_dir)
        restored = await read_url(target_url)
        expected = {t: [settle(t, copy.deepcopy(r)) for r in rows] for t, rows in at_point.items()}
        for table in expected:
            assert restored[table] == expected[table], table
        # Claimed at the point: uncertain now, so the outbox never sends them again.
        was_sending = {d["id"] for d in at_point["deliveries"] if d["state"] == "sending"}
        assert was_sending and {d["id"] for d in restored["deliveries"]
                                if d["state"] == "uncertain"} == was_sending
        assert all(d["claimed_by"] is None for d in restored["deliveries"])
        for photo in at_point["report_photos"] + at_point["media"]:
            if photo["path"]:
                assert ((config.storage_dir / photo["path"]).read_bytes()
                        == (source.storage_dir / photo["path"]).read_bytes())
        assert stat.S_IMODE(os.stat(config.storage_dir).st_mode) == 0o700

        # The restored Loa starts, answers an officer, and sends nothing twice.
        before = {chat: broadcast_messages(await tg.sent(chat)) for chat in chats}
        async with running_loa(config, clock) as restored_loa:
            await reporter.send("/me")
            await poll(lambda: reporter_answered(tg))
            await poll(lambda: nothing_pending(restored_loa, job), timeout=60)
        by_chat = {d["officer_id"]: d for d in at_point["deliveries"] if d["job_id"] == job}
        officer_chat = {i["officer_id"]: int(i["chat_id"]) for i in at_point["identities"]}
        for officer_id, delivery in by_chat.items():
            chat = officer_chat[officer_id]
            now = broadcast_messages(await tg.sent(chat))
            if delivery["state"] in ("sent", "sending"):
                assert now == before[chat] == 1, (delivery, now)  # never again after the restore


async def reporter_answered(tg: Any) -> bool:
    return any("Thông tin của anh/chị" in (m.get("text") or "") and "Lê Thị Hoa" in m["text"]
               for m in await tg.sent(4501))


async def nothing_pending(loa: Any, job: int) -> bool:
    return await count(loa, select(func.count()).select_from(Delivery).where(
        Delivery.job_id == job, Delivery.state == "pending")) == 0
