"""The channel log: every exchange with the platform is one row (outcome, status, time, the
delivery or update), kept `channel_log_days`, and an admin reads an officer's on the console."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import httpx
from sqlalchemy import select

from bot.store.models import ChannelLogEntry, Delivery, Identity, Role
from tests.conftest import running_loa
from tests.e2e.test_outbox_e2e import queue_broadcast, wait_done
from tests.e2e.test_web_security_e2e import signed_in
from tests.support.helpers import join, make_invite, seed_units
from tests.support.web_console import console_config, link_from_chat


async def _rows(loa, **where) -> list[ChannelLogEntry]:
    deadline = time.monotonic() + 15
    while True:
        await loa.channel_log.flush()
        async with loa.sessions() as session:
            query = select(ChannelLogEntry).order_by(ChannelLogEntry.id)
            for name, value in where.items():
                query = query.where(getattr(ChannelLogEntry, name) == value)
            rows = list((await session.scalars(query)).all())
        if rows:
            return rows
        assert time.monotonic() < deadline, where
        await asyncio.sleep(0.05)


async def test_each_exchange_is_logged_and_shown_per_officer(db_url, fake_server, tg, clock, tmp_path):
    config = console_config(db_url, fake_server, tmp_path)
    async with running_loa(config, clock) as loa:
        await seed_units(loa)
        admin = await join(tg, 5101, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị", "CV")
        await join(tg, 5102, await make_invite(loa, "TYTBC"), "Lê Thị Hoa", "Y sĩ")
        await tg.call("block", user_id=5102)
        await tg.call("fail", failures=[{"code": 429, "retry_after": 1}])
        counts = await wait_done(loa, await queue_broadcast(loa, "Sống xanh - sống khỏe!"))
        assert counts["sent"] >= 1 and counts["blocked"] == 1
        assert (await admin.receive_one())["text"] == "Sống xanh - sống khỏe!"

        async with loa.sessions() as session:
            hoa = await session.scalar(select(Identity.officer_id).where(Identity.chat_id == "5102"))
            blocked_delivery = await session.scalar(select(Delivery.id).where(
                Delivery.officer_id == hoa, Delivery.state == "blocked"))
        blocked = await _rows(loa, delivery_id=blocked_delivery, outcome="403")
        assert [(r.direction, r.kind, r.outcome, r.status, r.chat_id) for r in blocked] == [
            ("out", "text", "403", 403, "5102")]
        assert blocked[0].elapsed_ms is not None and blocked[0].error
        assert await _rows(loa, outcome="429", status=429)  # the one 429, then sent again
        received = await _rows(loa, direction="in", chat_id="5101")
        assert {r.kind for r in received} >= {"command", "text"}
        assert {r.outcome for r in received} == {"ok"}
        token = config.channels["telegram"].token
        assert all(token not in (r.error or "") for r in await _rows(loa, direction="out"))

        # The admin asks why Hoa got nothing: her rows only, in Vietnamese.
        base = config.http.public_url
        client = await signed_in(base, await link_from_chat(admin))
        try:
            page = await client.get(f"/channel-log?officer={hoa}")
            assert page.status_code == 200
            assert "Người nhận đã chặn bot hoặc nền tảng từ chối (403)" in page.text
            assert "Lê Thị Hoa" in page.text
            assert "Mai Quản Trị" not in page.text
            everyone = await client.get("/channel-log")
            assert "Mai Quản Trị" in everyone.text and "Thành công" in everyone.text
        finally:
            await client.aclose()
        async with httpx.AsyncClient(base_url=base) as anon:
            assert (await anon.get("/channel-log")).status_code == 401

        # Kept `channel_log_days` (14): today nothing goes, past the keeping time all of it.
        assert await loa.channel_log.prune() == 0
        await loa.channel_log.flush()  # what the writer loop still held, written before the clock moves
        clock.advance(timedelta(days=15))
        assert await loa.channel_log.prune() > 0
        # A batch the writer loop had taken just before may land after that prune (its rows as old):
        # the next day's prune takes it.
        deadline = time.monotonic() + 10
        while True:
            async with loa.sessions() as session:  # rows past the keeping time
                left = (await session.scalars(select(ChannelLogEntry).where(
                    ChannelLogEntry.at < clock.now() - timedelta(days=14)))).all()
            if not left or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.2)
            await loa.channel_log.prune()
        assert left == []
