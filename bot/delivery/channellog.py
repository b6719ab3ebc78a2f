"""The channel log (as courier's): one row per exchange with a platform — each send with its
outcome, status and time, each update received — kept a few days, so "why did this officer not
get it?" has an answer on the console.

Rows are gathered in memory and written in batches (a send must not wait for a write), by a
loop every process runs; a batch that cannot be written is kept for the next try, up to a cap.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta
from typing import Any

from sqlalchemy import and_, delete, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import SendError
from bot.core.clock import Clock
from bot.core.events import DocumentOut, EditOut, Outgoing, PhotoOut
from bot.core.logs import scrub
from bot.delivery import sending
from bot.store.models import ChannelLogEntry, Delivery, Identity, Officer

log = logging.getLogger(__name__)

TABLE = ChannelLogEntry.__table__
MAX_PENDING = 50_000  # rows kept in memory while the database is away; older ones are dropped


KINDS: dict[type, str] = {PhotoOut: "photo", DocumentOut: "document", EditOut: "edit"}


def kind_of(message: Outgoing) -> str:
    return KINDS.get(type(message), "text")


class ChannelLog:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock,
                 keep_days: int = 14, interval: float = 1.0) -> None:
        self.sessions, self.clock = sessions, clock
        self.keep = timedelta(days=keep_days)
        self.interval = interval
        self._rows: list[dict[str, Any]] = []

    def sent(self, channel: str, chat_id: str, message: Outgoing, started: float,
             error: SendError | None = None, delivery_id: int | None = None) -> None:
        """A send's exchange; `started` is its time.monotonic() before the call."""
        # Named as the metrics name it (one place decides: sending.outcome), with the code.
        outcome = sending.outcome(error)
        status = {"429": 429, "403": 403}.get(outcome) or getattr(error, "code", None) \
            or getattr(error, "status", None)
        self._add(channel=channel, direction="out", kind=kind_of(message), chat_id=chat_id,
                  delivery_id=delivery_id, outcome=outcome, status=status,
                  elapsed_ms=int((time.monotonic() - started) * 1000),
                  error=scrub(str(error))[:300] if error is not None else None)

    def received(self, channel: str, kind: str, update_id: str, chat_id: str | None,
                 outcome: str = "ok") -> None:
        self._add(channel=channel, direction="in", kind=kind[:16], chat_id=chat_id,
                  update_id=update_id[:64] or None, outcome=outcome)

    def _add(self, **row: Any) -> None:
        row.setdefault("delivery_id", None)
        row.setdefault("update_id", None)
        row.setdefault("status", None)
        row.setdefault("elapsed_ms", None)
        row.setdefault("error", None)
        self._rows.append({"at": self.clock.now(), **row})
        if len(self._rows) > MAX_PENDING:
            del self._rows[: len(self._rows) - MAX_PENDING]

    async def flush(self) -> int:
        if not self._rows:
            return 0
        batch, self._rows = self._rows, []
        try:
            async with self.sessions() as session, session.begin():
                await session.execute(insert(TABLE), batch)
        except BaseException:  # cancelled too: written at the next try
            self._rows[:0] = batch
            raise
        return len(batch)

    async def run(self, stop: asyncio.Event) -> None:
        """Write what was gathered every `interval` seconds, and once more at the stop."""
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), self.interval)
            except TimeoutError:
                pass
            await self.flush()

    async def prune(self) -> int:
        """Rows older than the keeping time go (a daily job)."""
        async with self.sessions() as session, session.begin():
            result = await session.execute(delete(TABLE).where(TABLE.c.at < self.clock.now() - self.keep))
        return result.rowcount or 0


async def recent(session: AsyncSession, *, officer_id: int | None = None, channel: str = "",
                 limit: int = 200) -> list[tuple[ChannelLogEntry, str | None]]:
    """The latest exchanges, newest first, with the officer each chat belongs to; `officer_id`
    keeps those with any of their accounts' chats (and their deliveries)."""
    query = (select(ChannelLogEntry, Officer.full_name)
             .outerjoin(Identity, and_(Identity.channel == ChannelLogEntry.channel,
                                       Identity.chat_id == ChannelLogEntry.chat_id))
             .outerjoin(Officer, Officer.id == Identity.officer_id)
             .order_by(ChannelLogEntry.at.desc(), ChannelLogEntry.id.desc()).limit(limit))
    if officer_id is not None:
        theirs = select(Delivery.id).where(Delivery.officer_id == officer_id)
        query = query.where(or_(Identity.officer_id == officer_id,
                                ChannelLogEntry.delivery_id.in_(theirs)))
    if channel:
        query = query.where(ChannelLogEntry.channel == channel)
    return [(row[0], row[1]) for row in (await session.execute(query)).all()]
