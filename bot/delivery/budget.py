"""A channel's monthly message budget (some platforms' plans count outgoing messages a month), counted by
Loa itself: every message sent on the channel, replies and scheduled alike.

At 80 % the admins are told once a month. When it is spent, what cannot wait (deadline
reminders, approval requests, notices) still goes; daily prompts and broadcasts go to the
officer's other channel when they have one, and otherwise wait for the next month.

The platform may also say the quota is spent (`QuotaExhausted`, as the adapter judges its platform's answers)
before Loa's own count does, or with no budget configured: the channel is then marked spent for
the month (`channel_usage.exhausted_at`), the admins are told once, the same rule applies, and
the mark goes at the next month or as soon as a send on the channel goes through again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.clock import Clock
from bot.store.db import insert_ignore
from bot.store.models import ChannelUsage, Delivery, DeliveryState, Identity, Job, UTCDateTime

log = logging.getLogger(__name__)

WARN_AT = 0.8
WAITING_KINDS = ("prompt", "broadcast")  # wait (or move channel) when the budget is spent
Warn = Callable[[AsyncSession, str, int, int], Awaitable[None]]  # (session, channel, sent, quota)
Exhausted = Callable[[AsyncSession, str], Awaitable[None]]  # (session, channel)
SPENT_CACHE = 2.0  # seconds `spent` is trusted (asked at every claim of the outbox)


class Budgets:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock, tz: ZoneInfo,
                 quotas: Mapping[str, int], warn: Warn | None = None,
                 on_exhausted: Exhausted | None = None) -> None:
        self.sessions = sessions
        self.clock = clock
        self.tz = tz
        self.quotas = {name: q for name, q in quotas.items() if q > 0}
        self.warn = warn
        self.on_exhausted = on_exhausted
        self._exhausted: set[str] = set()  # marked spent by the platform, as last seen here
        self._spent: tuple[float, str, set[str]] | None = None  # (when, month, channels)
        # Bumped by every invalidation: a read begun before one must not cache its stale answer.
        self._generation = 0

    def month(self, at: datetime | None = None) -> str:
        return (at or self.clock.now()).astimezone(self.tz).strftime("%Y-%m")

    async def count(self, channel: str, n: int = 1) -> None:
        """`n` messages went out on `channel`; tells the admins once at 80 %. A send that went
        through ends the platform's "quota spent"."""
        if channel in self._exhausted and n > 0:
            await self._clear_exhausted(channel)
        quota = self.quotas.get(channel)
        if not quota or n <= 0:
            return
        month = self.month()
        table = ChannelUsage.__table__
        async with self.sessions() as session, session.begin():
            await insert_ignore(session, table, [{"channel": channel, "month": month, "sent": 0,
                                                  "warned": False}], ("channel", "month"))
            where = and_(table.c.channel == channel, table.c.month == month)
            await session.execute(update(table).where(where).values(sent=table.c.sent + n))
            sent, warned = (await session.execute(
                select(table.c.sent, table.c.warned).where(where).with_for_update())).one()
            if sent >= WARN_AT * quota and not warned:
                await session.execute(update(table).where(where).values(warned=True))
                log.warning("%s: %d of the month's %d messages used", channel, sent, quota)
                if self.warn is not None:
                    await self.warn(session, channel, sent, quota)
        if sent >= quota:
            # Spent now: the next claim must not trust a cached answer, nor one read before
            # this commit (it saw the count before this message) — hence after it.
            self._forget()

    async def spent(self) -> set[str]:
        """Channels whose budget for this month is used up, by Loa's count or the platform's
        word."""
        month, now = self.month(), time.monotonic()
        if self._spent is not None and self._spent[1] == month \
                and now - self._spent[0] < SPENT_CACHE:
            return set(self._spent[2])
        generation = self._generation
        async with self.sessions() as session:
            rows = (await session.execute(select(
                ChannelUsage.channel, ChannelUsage.sent, ChannelUsage.exhausted_at).where(
                ChannelUsage.month == month))).all()
        exhausted = {channel for channel, _, at in rows if at is not None}
        found = exhausted | {channel for channel, sent, _ in rows
                             if channel in self.quotas and sent >= self.quotas[channel]}
        if generation == self._generation:  # nothing changed while we read: keep it
            self._exhausted = exhausted
            self._spent = (now, month, found)
        return set(found)

    def _forget(self) -> None:
        self._spent = None
        self._generation += 1

    async def exhausted(self, channel: str) -> bool:
        """The platform says `channel`'s quota is spent: marked for this month, the admins told
        once (in the same transaction); True when this call marked it."""
        month = self.month()
        table = ChannelUsage.__table__
        async with self.sessions() as session, session.begin():
            await insert_ignore(session, table, [{"channel": channel, "month": month, "sent": 0,
                                                  "warned": False}], ("channel", "month"))
            marked = (await session.execute(update(table).where(
                table.c.channel == channel, table.c.month == month,
                table.c.exhausted_at.is_(None)).values(exhausted_at=self.clock.now())
                .returning(table.c.channel))).all()
            if marked:
                log.warning("%s: the platform says the quota is spent; prompts and broadcasts "
                            "wait or go by another channel until a send goes through", channel)
                if self.on_exhausted is not None:
                    await self.on_exhausted(session, channel)
        self._exhausted.add(channel)
        self._forget()
        return bool(marked)

    async def _clear_exhausted(self, channel: str) -> None:
        table = ChannelUsage.__table__
        async with self.sessions() as session, session.begin():
            await session.execute(update(table).where(
                table.c.channel == channel, table.c.exhausted_at.is_not(None),
            ).values(exhausted_at=None))
        self._exhausted.discard(channel)
        self._forget()
        log.info("%s: a send went through again; sending resumes", channel)

    async def used(self) -> dict[str, tuple[int, int]]:
        """This month's (sent, quota) of each channel with a budget (for /metrics)."""
        if not self.quotas:
            return {}
        async with self.sessions() as session:
            rows = dict((await session.execute(select(ChannelUsage.channel, ChannelUsage.sent).where(
                ChannelUsage.month == self.month(),
                ChannelUsage.channel.in_(list(self.quotas))))).all())
        return {channel: (int(rows.get(channel, 0)), quota) for channel, quota in self.quotas.items()}

    async def move_waiting(self, spent: set[str], limit: int = 500) -> int:
        """Daily prompts and broadcasts waiting on a spent channel go to the officer's other
        account when they have one; returns how many moved."""
        if not spent:
            return 0
        moved = 0
        async with self.sessions() as session, session.begin():
            rows = (await session.execute(
                select(Delivery.id, Delivery.officer_id, Delivery.channel)
                .join(Job, Job.id == Delivery.job_id)
                .where(Delivery.state == DeliveryState.PENDING.value,
                       Delivery.channel.in_(list(spent)), Job.kind.in_(WAITING_KINDS))
                .limit(limit))).all()
            if not rows:
                return 0
            others = (await session.execute(
                select(Identity.officer_id, Identity.channel, Identity.chat_id).where(
                    Identity.officer_id.in_({r.officer_id for r in rows}),
                    Identity.channel.not_in(list(spent))).order_by(Identity.id))).all()
            elsewhere = {}
            for officer_id, channel, chat_id in others:
                elsewhere.setdefault(officer_id, (channel, chat_id))
            for row in rows:
                if row.officer_id in elsewhere:
                    channel, chat_id = elsewhere[row.officer_id]
                    # Any wait was for the spent channel (a quota refusal): none on the other.
                    now = literal(self.clock.now(), UTCDateTime())
                    await session.execute(update(Delivery).where(Delivery.id == row.id).values(
                        channel=channel, chat_id=chat_id,
                        not_before=case((Delivery.not_before > now, now),
                                        else_=Delivery.not_before)))
                    moved += 1
        return moved


def waiting_on(spent: set[str]):  # type: ignore[no-untyped-def]
    """A condition for the outbox's claim: not a waiting kind on a spent channel."""
    from sqlalchemy import not_

    return not_(and_(Delivery.channel.in_(list(spent)), Delivery.job_id.in_(
        select(Job.id).where(Job.kind.in_(WAITING_KINDS)))))
