"""Several processes on one database: who is alive (heartbeats), and who does the work only one
may do (leases). A lease is a row renewed by its holder's heartbeat; when the holder dies, it
expires and a standby takes it over within `lease_seconds`. Works the same on SQLite and
PostgreSQL; times come from the processes' clocks (one host, or hosts kept in time by NTP)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.clock import Clock
from bot.store.db import insert_ignore
from bot.store.models import Lease, Worker

log = logging.getLogger(__name__)

SCHEDULES = "schedules"


def new_worker_id() -> str:
    """Unique per process life: host, pid namespace, pid and a random part (containers on one
    host may share a hostname or a pid; the random part alone tells two lives apart)."""
    return f"{socket.gethostname()[:40]}/{_pid_namespace()}/{os.getpid()}/{secrets.token_hex(6)}"


def _pid_namespace() -> str:
    try:
        return os.readlink("/proc/self/ns/pid").removeprefix("pid:[").removesuffix("]")
    except OSError:
        return "-"


def dead_on_this_machine(worker_id: str | None) -> bool:
    """True when the worker was a process in this very pid namespace that no longer runs
    (a fast answer after a crash; elsewhere only its heartbeat can tell)."""
    if not worker_id:
        return True
    parts = worker_id.split("/")
    if len(parts) != 4:
        return False
    host, namespace, pid_text, _ = parts
    if host != socket.gethostname()[:40] or namespace != _pid_namespace() or namespace == "-":
        return False
    if not (pid_text.isascii() and pid_text.isdigit()):
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True  # an earlier life of this process id (this life has another random part)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def channel_lease(channel: str, token: str | None) -> str:
    """One lease per bot token: whoever holds it polls that bot and sends under its limit."""
    digest = hashlib.sha256((token or "").encode()).hexdigest()[:16]
    return f"channel:{channel}:{digest}"


class Leases:
    """This process's heartbeat and the leases it wants; calls `on_change` when one is won or lost.

    A holder that cannot renew (database down) gives its leases up itself once `lease_seconds`
    have passed since its last renewal, so two processes never both believe they hold one.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock,
                 lease_seconds: float, role: str = "run", worker_id: str | None = None) -> None:
        self.sessions = sessions
        self.clock = clock
        self.lease_seconds = lease_seconds
        self.role = role
        self.worker_id = worker_id or new_worker_id()
        self.wanted: set[str] = set()
        self.held: set[str] = set()
        self._renewed_at: datetime | None = None
        self.on_change: Callable[[set[str]], Awaitable[None]] | None = None
        self.key_check: str | None = None  # the secret key's fingerprint, for `loa doctor`

    @property
    def interval(self) -> float:
        return max(0.2, self.lease_seconds / 3)

    async def beat(self) -> None:
        """Renew the heartbeat and every lease held; try to take the wanted ones that are free."""
        now = self.clock.now()
        try:
            async with self.sessions() as session, session.begin():
                await self._heartbeat(session, now)
                won = set()
                for name in sorted(self.wanted):
                    if await self._take(session, name, now):
                        won.add(name)
            self._renewed_at = now
        except Exception:
            if self.held and (self._renewed_at is None
                              or now - self._renewed_at >= timedelta(seconds=self.lease_seconds * 0.8)):
                log.error("could not renew leases %s for %.0fs; giving them up",
                          sorted(self.held), self.lease_seconds * 0.8)
                await self._set(set())
            raise
        await self._set(won)

    async def run(self, stop: asyncio.Event) -> None:
        """Heartbeat until `stop`; a database error is raised to the supervisor (which retries)."""
        try:
            while not stop.is_set():
                await self.beat()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.interval)
        finally:
            if stop.is_set():
                await self.release()

    async def release(self) -> None:
        """Give up every lease and the heartbeat (a clean stop: a standby takes over at once)."""
        held, self.held = self.held, set()
        if self.on_change is not None and held:
            await self.on_change(set())
        try:
            async with self.sessions() as session, session.begin():
                await session.execute(delete(Lease).where(Lease.holder == self.worker_id))
                await session.execute(delete(Worker).where(Worker.id == self.worker_id))
        except Exception as exc:  # the database is gone: the leases expire by themselves
            log.warning("could not release leases on stop: %s", exc)

    async def holder(self, name: str) -> str | None:
        """The live holder of a lease (None when free or expired)."""
        async with self.sessions() as session:
            lease = await session.get(Lease, name)
        if lease is None or lease.expires_at <= self.clock.now():
            return None
        return lease.holder

    async def _heartbeat(self, session: AsyncSession, now: datetime) -> None:
        result = await session.execute(update(Worker).where(Worker.id == self.worker_id)
                                       .values(heartbeat_at=now, key_check=self.key_check))
        if not result.rowcount:
            await insert_ignore(session, Worker.__table__, [{
                "id": self.worker_id, "host": socket.gethostname()[:100], "pid": os.getpid(),
                "role": self.role[:32], "started_at": now, "heartbeat_at": now,
                "key_check": self.key_check}], ("id",))
        # Workers silent for a day are history.
        await session.execute(delete(Worker).where(Worker.heartbeat_at < now - timedelta(days=1)))

    async def _take(self, session: AsyncSession, name: str, now: datetime) -> bool:
        expires = now + timedelta(seconds=self.lease_seconds)
        current = await session.scalar(select(Lease.holder).where(Lease.name == name))
        if current is None:
            added = await insert_ignore(session, Lease.__table__, [{
                "name": name, "holder": self.worker_id, "expires_at": expires,
                "acquired_at": now}], ("name",))
            return added == 1
        takeable = or_(Lease.holder == self.worker_id, Lease.expires_at <= now)
        if current != self.worker_id and dead_on_this_machine(current):
            # A process of this machine that died (SIGKILL): no need to wait for its lease.
            takeable = or_(takeable, Lease.holder == current)
        values: dict[str, object] = {"holder": self.worker_id, "expires_at": expires}
        if current != self.worker_id:
            values["acquired_at"] = now
        result = await session.execute(update(Lease).where(Lease.name == name, takeable)
                                       .values(**values).returning(Lease.name))
        return result.first() is not None

    async def _set(self, held: set[str]) -> None:
        if held == self.held:
            return
        for name in held - self.held:
            log.info("lease %s taken by this process (%s)", name, self.worker_id)
        for name in self.held - held:
            log.warning("lease %s lost by this process", name)
        self.held = held
        if self.on_change is not None:
            await self.on_change(set(held))


async def live_workers(session: AsyncSession, clock: Clock, lease_seconds: float) -> set[str]:
    """Workers whose heartbeat is recent: their claims are still being worked on."""
    since = clock.now() - timedelta(seconds=lease_seconds)
    return set((await session.scalars(select(Worker.id).where(Worker.heartbeat_at >= since))).all())
