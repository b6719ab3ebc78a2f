"""The monthly budget's short cache of "which channels are spent": a read that began before the
budget was spent must not leave its stale answer behind (a broadcast would then go on a spent
channel for the cache's lifetime)."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from zoneinfo import ZoneInfo

import pytest

from bot import app as loa_app
from bot.delivery.budget import Budgets
from tests.conftest import make_config


async def test_a_read_that_raced_the_last_message_of_the_month_is_not_cached(db_url, clock):
    loa = await loa_app.build(make_config(db_url), clock=clock)
    try:
        budgets = Budgets(loa.sessions, clock, ZoneInfo("Asia/Ho_Chi_Minh"), {"zalo": 2})
        await budgets.count("zalo")
        read, release = asyncio.Event(), asyncio.Event()

        @asynccontextmanager
        async def held_sessions():  # type: ignore[no-untyped-def]
            async with loa.sessions() as session:  # the read, closed before it is held
                yield session
            read.set()
            await release.wait()

        budgets.sessions = held_sessions  # type: ignore[assignment]
        reading = asyncio.create_task(budgets.spent())
        await read.wait()
        budgets.sessions = loa.sessions
        await budgets.count("zalo")  # the month's last message, counted while the read is held
        release.set()
        assert await reading == set()  # that read began before: its answer was "not spent"
        assert await budgets.spent() == {"zalo"}  # but it was not kept for the next claim
    finally:
        await loa.close()


async def test_a_read_while_the_last_message_is_being_counted_is_not_cached(db_url, clock):
    """A claim that reads between the count's update and its commit sees the month not yet
    spent; that answer must not outlive the commit."""
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite: every session begins IMMEDIATE, so no read runs during the count")
    loa = await loa_app.build(make_config(db_url), clock=clock)
    try:
        seen: list[set[str]] = []

        async def warn(session, channel, sent, quota):  # type: ignore[no-untyped-def]
            seen.append(await budgets.spent())  # inside the count's transaction, uncommitted

        budgets = Budgets(loa.sessions, clock, ZoneInfo("Asia/Ho_Chi_Minh"), {"zalo": 2},
                          warn=warn)
        await budgets.count("zalo")
        await budgets.count("zalo")  # 2 of 2: the warning (80 %) comes in the same transaction
        assert seen == [set()]  # read before the commit: not spent yet
        assert await budgets.spent() == {"zalo"}
    finally:
        await loa.close()
