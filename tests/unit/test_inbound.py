"""Pushed updates kept in `inbound_updates`: stored once however often pushed, each handled once
by several workers sharing the database (two processes on PostgreSQL), one sender's in order,
and handled again when the worker that took it died."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from sqlalchemy import select, update

from bot.core.clock import SystemClock
from bot.delivery import inbound as inbound_module
from bot.delivery.inbound import Inbound
from bot.store.db import make_engine, make_sessionmaker
from bot.store.migrate import upgrade
from bot.store.models import InboundUpdate


class Recorder:
    """A channel that records what it is given to handle, slowly enough to overlap."""

    def __init__(self, handled: list[tuple[str, int]]) -> None:
        self.handled = handled

    async def handle_kept(self, body: Any) -> bool:
        await asyncio.sleep(0.01)
        self.handled.append((body["sender"], body["n"]))
        return True


async def until_done(sessions, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        async with sessions() as session:
            states = set((await session.scalars(select(InboundUpdate.state))).all())
        if states == {"done"}:
            return
        assert time.monotonic() < deadline, states
        await asyncio.sleep(0.05)


async def test_two_workers_handle_each_kept_update_once_and_each_senders_in_order(
        db_url, monkeypatch):
    # Both workers live in this one process: neither may take the other for dead.
    monkeypatch.setattr(inbound_module, "dead_on_this_machine", lambda worker_id: False)
    engine = make_engine(db_url)
    try:
        await upgrade(engine)
        sessions = make_sessionmaker(engine)
        handled: list[tuple[str, int]] = []
        channels = {"zalo": Recorder(handled)}
        first = Inbound(sessions, SystemClock(), channels, worker_id="w1", batch=4)
        second = Inbound(sessions, SystemClock(), channels, worker_id="w2", batch=4)
        senders = [f"a{i}" for i in range(5)]
        for n in range(8):
            for sender in senders:
                body = {"sender": sender, "n": n}
                assert await first.keep("zalo", f"{sender}-{n}", sender, body)
                assert not await second.keep("zalo", f"{sender}-{n}", sender, body)  # re-push
        stop = asyncio.Event()
        workers = [asyncio.create_task(w.run(stop)) for w in (first, second)]
        await until_done(sessions)
        stop.set()
        await asyncio.wait_for(asyncio.gather(*workers), 30)
        assert sorted(handled) == sorted((s, n) for s in senders for n in range(8))  # once each
        for sender in senders:
            assert [n for s, n in handled if s == sender] == list(range(8))  # in order
    finally:
        await engine.dispose()


async def test_an_update_a_dead_worker_was_handling_is_handled_again(db_url):
    engine = make_engine(db_url)
    try:
        await upgrade(engine)
        sessions = make_sessionmaker(engine)
        handled: list[tuple[str, int]] = []
        worker = Inbound(sessions, SystemClock(), {"zalo": Recorder(handled)})
        await worker.keep("zalo", "m1", "a1", {"sender": "a1", "n": 1})
        async with sessions() as session, session.begin():  # claimed by a process now gone
            await session.execute(update(InboundUpdate).values(
                state="handling", claimed_by="elsewhere/-/1/abc", claimed_at=None, attempts=1))
        stop = asyncio.Event()
        task = asyncio.create_task(worker.run(stop))
        await until_done(sessions)
        stop.set()
        await asyncio.wait_for(task, 30)
        assert handled == [("a1", 1)]
    finally:
        await engine.dispose()
