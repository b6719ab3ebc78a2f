"""A database outage in the middle of a broadcast: Loa says so on /healthz, keeps retrying, and
finishes afterwards with nobody missed and nobody twice (outside "uncertain")."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from sqlalchemy import select

from bot.delivery.outbox import job_counts
from bot.store.models import Broadcast, Delivery
from tests.conftest import _empty_migrated_postgres, make_config, telegram_env
from tests.e2e.test_http_media_and_supervision import broadcast, running, until
from tests.support.helpers import make_officers, seed_units
from tests.support.tcp_proxy import TcpProxy

pytestmark = pytest.mark.timeout(240)

OFFICERS = 300
# Seconds from the cut: the workers' restarts back off 1, 2 then 4 s while it lasts (failing at
# about 0, 1 and 3 s); it ends before the one due at about 7 s, which finds the database.
OUTAGE = 6.0


async def test_a_database_outage_mid_broadcast_misses_nobody(postgres_database, fake_server, tg):
    await _empty_migrated_postgres(postgres_database)  # migrated once per process, emptied
    host_port, name = postgres_database.split("@", 1)[1].split("/", 1)
    proxy = await TcpProxy(host_port.split(":")[0], int(host_port.split(":")[1])).start()
    url = f"postgresql+asyncpg://postgres@127.0.0.1:{proxy.port}/{name}"
    await tg.call("limits", global_per_sec=30)
    config = make_config(url, **telegram_env(fake_server))
    try:
        async with running(config) as loa, httpx.AsyncClient() as http:
            await seed_units(loa)
            chats = await make_officers(loa, tg, OFFICERS)
            broadcast_id = await broadcast(loa, {"text": "Chiến dịch tiêm chủng mở rộng"})
            await until(lambda: _at_least(tg, OFFICERS // 3))

            proxy.cut()
            cut_at = time.monotonic()
            health = f"http://127.0.0.1:{loa.http.port}/healthz"
            deadline = time.monotonic() + 10
            while True:
                got = await http.get(health)
                if got.status_code == 503 and "database" in got.json()["problems"]:
                    break
                assert time.monotonic() < deadline, got.json()
                await asyncio.sleep(0.2)
            await asyncio.sleep(OUTAGE - (time.monotonic() - cut_at))
            proxy.restore()

            deadline = time.monotonic() + 90
            while True:
                async with loa.sessions() as session:
                    job = await session.scalar(select(Broadcast.job_id).where(
                        Broadcast.id == broadcast_id))
                    counts = await job_counts(session, job)
                if counts["pending"] + counts["sending"] == 0:
                    break
                assert time.monotonic() < deadline, counts
                await asyncio.sleep(0.2)
            # Every worker back: the last restart is due within a pause (4 s) of the end.
            deadline = time.monotonic() + 20
            while (got := await http.get(health)).status_code != 200:
                assert time.monotonic() < deadline, got.json()
                await asyncio.sleep(0.2)
            async with loa.sessions() as session:
                rows = {int(d.chat_id): d.state for d in await session.scalars(
                    select(Delivery).where(Delivery.job_id == job))}
    finally:
        await proxy.stop()
    received = {int(chat): n for chat, n in (await tg.call("counts")).items()}
    assert all(n == 1 for n in received.values()), "nobody twice"
    missing = set(chats) - set(received)
    assert all(rows[chat] == "uncertain" for chat in missing), "missing ⊆ uncertain"
    assert counts["failed"] == 0 and counts["sent"] + counts["uncertain"] == OFFICERS
    assert (await tg.call("stats"))["throttled"] == 0


async def _at_least(tg, n: int) -> bool:
    return len(await tg.call("counts")) >= n
