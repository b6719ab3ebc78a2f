"""Pushed updates kept first, answered at once, handled after.

A platform that pushes updates to a webhook may give up on a slow answer and push again, and
publishes no time-out. So a push is written to `inbound_updates` in one short transaction (the
same update again is skipped by its id), answered, and handled by `Inbound.run`, a supervised
worker in every process: it claims rows as the outbox claims deliveries (`FOR UPDATE SKIP LOCKED`
on PostgreSQL, SQLite serialises writers), hands each to its channel, and marks it done. A row
claimed by a worker that died goes back to pending and is handled again; the dispatcher's record
of handled updates drops it if its first handling committed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.clock import Clock
from bot.runtime.lease import dead_on_this_machine, live_workers, new_worker_id
from bot.store.db import insert_ignore
from bot.store.models import InboundUpdate

log = logging.getLogger(__name__)

TABLE = InboundUpdate.__table__
PENDING, HANDLING, DONE = "pending", "handling", "done"
KEPT_DONE = timedelta(days=1)  # a re-push within this is recognised without any work
MAX_ATTEMPTS = 3  # handlings begun for one row before it is given up (it stopped a worker)

# What each channel does with a kept update (its adapter's `handle_kept`).
# False: the channel cannot handle it yet (not started), and the row waits.
Handler = Callable[[Any], Awaitable[bool | None]]


class Inbound:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock,
                 channels: Mapping[str, Any], worker_id: str | None = None, lease_seconds: float = 60.0,
                 batch: int = 20, poll_interval: float = 1.0) -> None:
        self.sessions = sessions
        self.clock = clock
        self.channels = channels  # filled as channels are added; each has `handle_kept`
        self.worker_id = worker_id or new_worker_id()
        self.lease_seconds = lease_seconds
        self.batch = batch
        self.poll_interval = poll_interval
        self._wake = asyncio.Event()
        self._claims = 0  # claims made by `run`, and the last that found nothing to do at all
        self._idle_claim = 0
        self._looked = asyncio.Event()

    async def settled(self) -> None:
        """Return once a claim begun after this call found nothing kept and nothing in hand:
        every update kept by now has been handled (a test waits on this instead of sleeping;
        the caller bounds the wait)."""
        goal = self._claims + 1
        while self._idle_claim < goal:
            self._looked.clear()
            self._wake.set()
            await self._looked.wait()

    async def keep(self, channel: str, update_id: str, sender: str, body: Any) -> bool:
        """Store a pushed update; False when it was stored before (a re-push)."""
        row = {"channel": channel, "update_id": update_id[:64], "sender": sender[:64],
               "body": body, "state": PENDING, "attempts": 0, "received_at": self.clock.now()}
        async with self.sessions() as session, session.begin():
            added = await insert_ignore(session, TABLE, [row], ("channel", "update_id"))
        if added:
            self._wake.set()
        return bool(added)

    async def run(self, stop: asyncio.Event) -> None:
        """Handle kept updates until `stop`: one sender's in order, different senders' side by
        side, a slow one (a photo downloading) never holding up the others."""
        await self._release_own()
        last_recovery = -1e9
        loop = asyncio.get_running_loop()
        in_flight: set[asyncio.Task[None]] = set()
        try:
            while not stop.is_set():
                if loop.time() - last_recovery > 10:
                    await self.recover()
                    await self._purge()
                    last_recovery = loop.time()
                free = self.batch - len(in_flight)
                rows = await self._claim(free) if free > 0 else []
                self._claims += 1
                if not rows and not in_flight:
                    self._idle_claim = self._claims
                self._looked.set()
                for group in _by_sender(rows):
                    task = asyncio.create_task(self._in_order(group), name="inbound-update")
                    in_flight.add(task)
                    task.add_done_callback(in_flight.discard)
                if rows:
                    continue
                waits = {asyncio.ensure_future(self._wake.wait()),
                         asyncio.ensure_future(stop.wait())}
                try:
                    await asyncio.wait(waits | in_flight, timeout=self.poll_interval,
                                       return_when=asyncio.FIRST_COMPLETED)
                finally:
                    for w in waits:
                        w.cancel()
                self._wake.clear()
        finally:
            if in_flight:  # what was begun is finished (each handling is bounded by its own)
                await asyncio.wait(in_flight, timeout=60)

    async def _in_order(self, group: list[Any]) -> None:
        for row in group:
            await self._one(row)

    @property
    def handlers(self) -> dict[str, Handler]:
        return {name: ch.handle_kept for name, ch in self.channels.items()
                if hasattr(ch, "handle_kept")}

    async def _claim(self, limit: int) -> list[Any]:
        # Only a sender's earliest update not yet done: while it is claimed (even by a claim
        # not yet committed elsewhere) the sender's later ones wait, so two workers never
        # handle one sender's updates side by side or out of order.
        earlier = TABLE.alias("earlier")
        waits = (select(earlier.c.id).where(
            earlier.c.channel == TABLE.c.channel, earlier.c.sender == TABLE.c.sender,
            earlier.c.id < TABLE.c.id, earlier.c.state != DONE).exists())
        due = (select(TABLE.c.id)
               .where(TABLE.c.state == PENDING, TABLE.c.channel.in_(list(self.handlers)),
                      ~waits)
               .order_by(TABLE.c.id).limit(limit)
               .with_for_update(skip_locked=True))  # PostgreSQL: workers never take the same row
        stmt = (update(TABLE).where(TABLE.c.id.in_(due))
                .values(state=HANDLING, claimed_by=self.worker_id, claimed_at=self.clock.now(),
                        attempts=TABLE.c.attempts + 1)
                .returning(TABLE.c.id, TABLE.c.channel, TABLE.c.sender, TABLE.c.body,
                           TABLE.c.attempts))
        if not self.handlers:
            return []
        async with self.sessions() as session, session.begin():
            rows = (await session.execute(stmt)).all()
        return sorted(rows, key=lambda r: r.id)

    async def _one(self, row: Any) -> None:
        if row.attempts > MAX_ATTEMPTS:
            log.error("%s update %s stopped a worker %d times; given up",
                      row.channel, row.id, MAX_ATTEMPTS)
        else:
            try:
                # Shielded: a stop lets the update finish rather than cutting it mid-transaction.
                handled = await asyncio.shield(self.handlers[row.channel](row.body))
            except asyncio.CancelledError:
                raise
            except Exception:  # the adapter apologises for what it cannot read; never stop here
                log.exception("%s update %s could not be handled", row.channel, row.id)
                handled = True
            if handled is False:  # the channel has not started yet: the row waits for it
                async with self.sessions() as session, session.begin():
                    await session.execute(update(TABLE).where(TABLE.c.id == row.id).values(
                        state=PENDING, claimed_by=None, claimed_at=None,
                        attempts=TABLE.c.attempts - 1))
                await asyncio.sleep(self.poll_interval)
                return
        async with self.sessions() as session, session.begin():
            await session.execute(update(TABLE).where(TABLE.c.id == row.id).values(
                state=DONE, done_at=self.clock.now(), claimed_by=None))

    async def _release_own(self) -> None:
        async with self.sessions() as session, session.begin():
            await session.execute(update(TABLE).where(
                TABLE.c.state == HANDLING, TABLE.c.claimed_by == self.worker_id,
            ).values(state=PENDING, claimed_by=None, claimed_at=None))

    async def recover(self) -> int:
        """Rows a dead worker was handling go back to pending."""
        stale = self.clock.now() - timedelta(seconds=self.lease_seconds)
        async with self.sessions() as session, session.begin():
            rows = (await session.execute(select(
                TABLE.c.id, TABLE.c.claimed_by, TABLE.c.claimed_at).where(
                TABLE.c.state == HANDLING, TABLE.c.claimed_by != self.worker_id))).all()
            if not rows:
                return 0
            alive = await live_workers(session, self.clock, self.lease_seconds)
            lost = [r.id for r in rows if dead_on_this_machine(r.claimed_by)
                    or (r.claimed_by not in alive
                        and (r.claimed_at is None or r.claimed_at < stale))]
            if lost:
                await session.execute(update(TABLE).where(
                    TABLE.c.id.in_(lost), TABLE.c.state == HANDLING,
                ).values(state=PENDING, claimed_by=None, claimed_at=None))
        if lost:
            log.warning("%d pushed updates were being handled when a worker died; handled again",
                        len(lost))
        return len(lost)

    async def _purge(self) -> None:
        async with self.sessions() as session, session.begin():
            await session.execute(delete(TABLE).where(
                TABLE.c.state == DONE, TABLE.c.done_at < self.clock.now() - KEPT_DONE))


def _by_sender(rows: list[Any]) -> list[list[Any]]:
    groups: dict[tuple[str, str], list[Any]] = {}
    for row in rows:
        groups.setdefault((row.channel, row.sender), []).append(row)
    return list(groups.values())
