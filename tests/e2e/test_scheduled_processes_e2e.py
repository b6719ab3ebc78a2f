"""Scheduled broadcasts from the command line (`loa broadcast send --at`, `list`, `change`,
`cancel`), and three `loa run` processes on one PostgreSQL starting each one exactly once, also
when the process that runs the schedules is killed."""

from __future__ import annotations

import signal
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot import app as loa_app
from bot.app import load_config
from bot.cli.common import operator_scope
from bot.core.clock import FrozenClock
from bot.domain.workdays import is_working_day
from bot.runtime.lease import SCHEDULES
from bot.services.broadcasts import create_broadcast
from bot.store.models import Lease
from tests.conftest import PHOTOS, ROOT, _empty_migrated_postgres, make_config, running_loa
from tests.e2e.test_broadcast_cli import operator_env
from tests.e2e.test_broadcast_e2e import received
from tests.e2e.test_cli_and_restart_e2e import _env, fork_bot, loa_cli
from tests.e2e.test_http_media_and_supervision import until
from tests.support.commands import LoaProcess
from tests.support.helpers import make_officers, seed_units
from tests.support.web_console import console_config

pytestmark = pytest.mark.timeout(300)
VN = ZoneInfo("Asia/Ho_Chi_Minh")


async def test_scheduled_from_the_command_line(db_url, fake_server, tg, tmp_path):
    loa = await loa_app.build(make_config(db_url))  # real time, like the commands below
    try:
        await seed_units(loa)
        chats = await make_officers(loa, tg, 3)
    finally:
        await loa.close()
    env = operator_env(db_url, fake_server, tmp_path)
    day = (datetime.now(VN) + timedelta(days=2)).date()
    text, dropped = "Nhắc lịch tiêm chủng mở rộng", "Bản tin dòng lệnh sẽ bị huỷ"

    preview = loa_cli(env, "broadcast", "send", "--text", text, "--at", f"{day:%Y-%m-%d} 07:00")
    assert preview.returncode == 0 and "Chưa gửi. Thêm --yes" in preview.stdout
    assert f"Hẹn gửi lúc 07:00 {day:%d/%m/%Y} (giờ Việt Nam)" in preview.stdout
    assert ("ngày nghỉ" in preview.stdout) == (not is_working_day(day))  # warned, not refused
    out = loa_cli(env, "broadcast", "send", "--text", text, "--at", f"{day:%Y-%m-%d} 07:00",
                  "--yes")
    assert out.returncode == 0, out.stderr
    assert f"Đã hẹn giờ bản tin #1: Loa gửi lúc 07:00 {day:%d/%m/%Y}" in out.stdout
    out = loa_cli(env, "broadcast", "send", "--text", dropped, "--at",
                  f"{day:%d/%m/%Y} 08:00", "--yearly", "--yes")
    assert out.returncode == 0 and "#2" in out.stdout, out.stderr
    # Scheduling needs no channel here: `loa run` sends it later (sending now would need one).
    tokenless = {k: v for k, v in env.items() if not k.endswith("_BOT_TOKEN")}
    later = loa_cli(tokenless, "broadcast", "send", "--text", "x", "--at", f"{day:%Y-%m-%d} 09:00",
                    "--yes")
    assert later.returncode == 0 and "#3" in later.stdout, later.stderr
    now = loa_cli(tokenless, "broadcast", "send", "--text", "x", "--yes")
    assert now.returncode == 2 and "Chưa có kênh nào để gửi" in now.stderr
    assert loa_cli(env, "broadcast", "cancel", "3").returncode == 0

    past = loa_cli(env, "broadcast", "send", "--text", "x", "--at", "2020-01-01 07:00", "--yes")
    assert past.returncode == 2 and "Thời điểm 07:00 01/01/2020 đã qua" in past.stderr
    bad = loa_cli(env, "broadcast", "send", "--text", "x", "--at", "sáng mai", "--yes")
    assert bad.returncode == 2 and "không hiểu thời điểm" in bad.stderr
    alone = loa_cli(env, "broadcast", "send", "--text", "x", "--yearly", "--yes")
    assert alone.returncode == 2 and "--yearly chỉ dùng cùng --at" in alone.stderr

    listing = loa_cli(env, "broadcast", "list")
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert lines[1].startswith(f"#1 · hẹn 07:00 {day:%d/%m/%Y} · đã hẹn giờ · 3 người nhận hiện nay"), lines
    assert lines[2].startswith(f"#2 · hẹn 08:00 {day:%d/%m/%Y}, hằng năm · đã hẹn giờ"), lines

    later = day + timedelta(days=1)
    change = loa_cli(env, "broadcast", "change", "1", "--at", f"{later:%d/%m/%Y} 09:00")
    assert change.returncode == 0, change.stderr
    assert f"bản tin #1 sẽ gửi lúc 09:00 {later:%d/%m/%Y}" in change.stdout
    cancel = loa_cli(env, "broadcast", "cancel", "2")
    assert cancel.returncode == 0 and "Đã huỷ bản tin #2" in cancel.stdout, cancel.stderr
    again = loa_cli(env, "broadcast", "cancel", "2")
    assert again.returncode == 2 and "không còn đổi hay huỷ được (đã huỷ)" in again.stderr
    status = loa_cli(env, "broadcast", "status", "1")
    assert f"Hẹn gửi lúc 09:00 {later:%d/%m/%Y}" in status.stdout
    assert await tg.call("counts") == {}

    # `loa run` at the new time (a frozen clock, not a wait): sent once; the cancelled one never.
    clock = FrozenClock(datetime.combine(later, datetime.min.time(), VN) + timedelta(hours=9,
                                                                                     seconds=20))
    config = console_config(db_url, fake_server, tmp_path, two_person_rule="false")
    async with running_loa(config, clock):
        assert await received(tg, chats, text) == {c: 1 for c in chats}
    assert not any(s.get("text") == dropped for s in await tg.sent())
    late = loa_cli(env, "broadcast", "change", "1", "--at", f"{later:%d/%m/%Y} 10:00")
    assert late.returncode == 2 and "không còn đổi hay huỷ được" in late.stderr


async def schedules_holder(loa) -> str | None:
    async with loa.sessions() as session:
        lease = await session.scalar(select(Lease).where(Lease.name == SCHEDULES))
    return lease.holder if lease is not None and lease.expires_at > loa.clock.now() else None


async def test_three_processes_start_each_scheduled_broadcast_once(postgres_database, fake_server,
                                                                  tg, tmp_path):
    await _empty_migrated_postgres(postgres_database)  # migrated once per process, emptied
    db_url = "postgresql+asyncpg://" + postgres_database.split("://", 1)[1]
    lease = 6
    cfg = tmp_path / "config.toml"
    cfg.write_text((ROOT / "config.toml").read_text()
                   .replace("lease_seconds = 60", f"lease_seconds = {lease}")
                   .replace("tick_seconds = 30", "tick_seconds = 0.3")
                   .replace("two_person_rule = true", "two_person_rule = false")
                   .replace('messages_dir = "messages"', f'messages_dir = "{ROOT / "messages"}"'))
    assert "tick_seconds = 0.3" in cfg.read_text()
    env = _env(db_url, fake_server.url, LOA_CONFIG=str(cfg))
    # Real time (the processes' clock), and their settings (no second person needed here).
    loa = await loa_app.build(load_config(cfg, {"DATABASE_URL": db_url, "LOA_STORAGE_DIR": str(PHOTOS),
                                                "LOA_HTTP_PORT": "0"}))
    bots: list[LoaProcess] = []

    async def schedule(text: str, seconds: float) -> None:
        async with loa.sessions() as session, session.begin():
            await create_broadcast(operator_scope(loa, session), {"text": text}, {},
                                   at=loa.clock.now() + timedelta(seconds=seconds))

    try:
        await seed_units(loa)
        chats = await make_officers(loa, tg, 20)
        bots = [fork_bot(env, tmp_path / f"bot{i}.log") for i in range(3)]
        first = await until(lambda: schedules_holder(loa), timeout=60)
        await schedule("Hẹn giờ lần một", 2)
        await schedule("Hẹn giờ lần hai", 3)
        for text in ("Hẹn giờ lần một", "Hẹn giờ lần hai"):
            assert await received(tg, chats, text, timeout=60) == {c: 1 for c in chats}

        # The process running the schedules dies; another takes them over and starts the next.
        victim = next(b for b in bots if b.pid == int(first.split("/")[2]))
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
        await schedule("Hẹn giờ sau khi đổi người", 1)
        assert await received(tg, chats, "Hẹn giờ sau khi đổi người", timeout=60) == {
            c: 1 for c in chats}
        successor = await schedules_holder(loa)
        assert successor is not None and successor != first
        sent = await tg.sent()
        for text in ("Hẹn giờ lần một", "Hẹn giờ lần hai", "Hẹn giờ sau khi đổi người"):
            got = [s["chat_id"] for s in sent if s.get("text") == text]
            assert sorted(got) == sorted(chats), text  # each officer exactly once
    finally:
        for bot in bots:
            if bot.poll() is None:
                bot.send_signal(signal.SIGTERM)
        for bot in bots:
            bot.wait(timeout=30)
        await loa.close()
    for i in range(3):
        assert "Traceback" not in (tmp_path / f"bot{i}.log").read_text()
