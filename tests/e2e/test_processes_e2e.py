"""Several `loa run` processes on one PostgreSQL database and one bot token, and a broadcast from
the command line beside them: one process polls and sends at a time, the platform's limit holds
across all of them, and when the leader is killed another takes over."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from bot import app as loa_app
from bot.store.models import Delivery, Job, Lease
from tests.conftest import ROOT, _empty_migrated_postgres, make_config
from tests.e2e.test_cli_and_restart_e2e import _env, loa_cli, start_bot
from tests.e2e.test_http_media_and_supervision import until
from tests.support.helpers import make_officers, seed_units

pytestmark = pytest.mark.timeout(300)

OFFICERS = 150
LEASE = 6


async def leader(loa) -> str | None:
    async with loa.sessions() as session:
        lease = await session.scalar(select(Lease).where(Lease.name.like("channel:telegram:%")))
    return lease.holder if lease is not None else None


async def test_three_bots_and_a_cli_broadcast_share_one_limit(postgres_database, fake_server, tg,
                                                             tmp_path):
    await _empty_migrated_postgres(postgres_database)  # migrated once per process, emptied
    db_url = "postgresql+asyncpg://" + postgres_database.split("://", 1)[1]
    cfg = tmp_path / "config.toml"
    cfg.write_text((ROOT / "config.toml").read_text()
                   .replace("lease_seconds = 60", f"lease_seconds = {LEASE}")
                   # The operator's broadcast goes out at once (no approver in this test).
                   .replace("two_person_rule = true", "two_person_rule = false")
                   .replace('messages_dir = "messages"', f'messages_dir = "{ROOT / "messages"}"'))
    env = _env(db_url, fake_server.url, LOA_CONFIG=str(cfg))
    loa = await loa_app.build(make_config(db_url))
    bots: list[subprocess.Popen[bytes]] = []
    try:
        await seed_units(loa)
        chats = await make_officers(loa, tg, OFFICERS)
        await tg.call("limits", global_per_sec=30)
        bots = [start_bot(env, tmp_path / f"bot{i}.log") for i in range(3)]
        first = await until(lambda: leader(loa), timeout=60)

        out = await asyncio.to_thread(loa_cli, env, "broadcast", "send", "--text",
                                      "Tuần lễ dinh dưỡng: treo băng rôn tại trạm", "--yes")
        assert out.returncode == 0, out.stderr
        assert "chỉ theo dõi" in out.stdout  # a bot process sends; the command only watches
        assert out.stdout.strip().splitlines()[-1].startswith(f"Xong bản tin #1: đã gửi {OFFICERS}")
        counts = await tg.call("counts")
        assert counts == {str(c): 1 for c in chats}
        stats = await tg.call("stats")
        assert stats["throttled"] == 0, ("the limit held across processes", stats["throttle_log"])
        assert stats["conflicts"] == 0 and stats["max_pollers"] == 1, "one poller at a time"

        # The leader is killed in the middle of the next broadcast.
        holder_pid = int(first.split("/")[2])
        victim = next(b for b in bots if b.pid == holder_pid)
        cli = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "broadcast", "send", "--text", "Lần hai", "--yes",
            env=env, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        await until(lambda: _second_started(tg, OFFICERS + 20), timeout=60)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
        killed_at = time.monotonic()
        successor = await until(lambda: _new_leader(loa, first), timeout=LEASE * 2)
        took_over = time.monotonic() - killed_at
        assert successor != first and took_over <= LEASE
        _, stderr = await asyncio.wait_for(cli.communicate(), 120)
        assert cli.returncode == 0, stderr.decode()
        async with loa.sessions() as session:
            rows = {int(d.chat_id): d.state for d in await session.scalars(
                select(Delivery).join(Job).where(Job.key == "broadcast:2"))}
        assert set(rows.values()) <= {"sent", "uncertain"}
        second = [s for s in await tg.sent() if s["text"] == "Lần hai"]
        got = [s["chat_id"] for s in second]
        assert len(got) == len(set(got)), "nobody twice"
        missing = set(chats) - set(got)
        assert len(rows) == OFFICERS
        assert all(rows[c] == "uncertain" for c in missing), (
            "missing ⊆ uncertain", {c: rows[c] for c in missing})
        stats = await tg.call("stats")
        # The log names each 429's chat (0: the global limit) and the sends in its second, by
        # connection (client port): which process crowded it.
        assert stats["throttled"] == 0, (stats["throttle_log"], {"killed_at": round(killed_at, 3),
                                                          "took_over": took_over})
    finally:
        for bot in bots:
            if bot.poll() is None:
                bot.send_signal(signal.SIGTERM)
        for bot in bots:
            bot.wait(timeout=30)
        await loa.close()
    for i in range(3):
        assert "Traceback" not in (tmp_path / f"bot{i}.log").read_text()


async def _second_started(tg, n: int) -> bool:
    return len([s for s in await tg.sent() if s["method"] == "sendMessage"]) >= n


async def _new_leader(loa, old: str) -> str | None:
    holder = await leader(loa)
    return holder if holder is not None and holder != old else None
