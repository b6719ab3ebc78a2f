"""The delivery engine: every scheduled or broadcast message is a row first, then a send.

A row is claimed (state `sending`, with this worker's id), sent through the channel at the rate
the platform allows, and marked `sent` only after the platform accepted it. Results are written
in batches, not one transaction per message. After a crash, rows left in `sending` become
`uncertain` and are never sent again: nobody gets a message twice, and the rows that might be
missing are counted, bounded by the claim window plus the sends in flight.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, and_, bindparam, func, not_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import Channel, SendError
from bot.core.clock import Clock
from bot.core.events import from_payload
from bot.delivery.attempt import Action, Policy, Tries, judge, transmit
from bot.delivery.budget import waiting_on
from bot.delivery.ratelimit import RateLimiter
from bot.delivery.render import render
from bot.runtime.lease import dead_on_this_machine, live_workers, new_worker_id
from bot.store.db import copy_rows, create_staging, drop_staging, insert_ignore
from bot.store.models import (
    Conversation,
    Delivery,
    DeliveryState,
    Identity,
    Job,
    Officer,
    OfficerStatus,
    Slogan,
    SloganState,
    UnitGroup,
    UTCDateTime,
)

log = logging.getLogger(__name__)

DELIVERIES = Delivery.__table__
# The platform says the quota is spent: a row that cannot wait (a reminder, a notice) tries
# again after QUOTA_RETRY — a send that goes through ends it (bot.delivery.budget).
QUOTA_RETRY = timedelta(minutes=10)
# Only a broadcast's sends to officers go by a channel's paid lane (and pay); prompts,
# reminders, approvals, notices never, nor a group's (its 20 a minute hold either way).
PAID_KINDS = frozenset({"broadcast"})


@dataclass(frozen=True)
class OutboxSettings:
    concurrency: int = 8  # sends in flight at once
    # Rows claimed ahead of the senders: about this many seconds of sending at the channel's
    # rate, never fewer than `concurrency` nor more than 16 × it. Claiming in batches keeps the
    # bookkeeping cheap; claiming little keeps what a crash leaves "uncertain" small.
    claim_ahead: float = 0.25
    max_attempts: int = 5
    lease_seconds: float = 60.0  # a claim older than this, by a silent worker, is abandoned
    flush_interval: float = 0.1
    flush_batch: int = 200
    poll_interval: float = 1.0  # how often to look for rows other processes queued
    backoff_base: float = 0.5


@dataclass(frozen=True)
class Recipient:
    officer_id: int | None  # None: a unit's group chat (`group_id`)
    channel: str
    chat_id: str
    group_id: int | None = None


GroupRefused = Callable[[AsyncSession, str, str, str], Awaitable[bool]]


@dataclass
class _Task:
    id: int
    job_id: int
    officer_id: int | None
    channel: str
    chat_id: str
    payload: dict[str, Any]
    attempts: int
    paid: bool = False  # claimed by a paid lane: it goes by the channel's paid limiter, and pays


@dataclass
class _Lane:
    """Rows claimed for one of the channels' rates, and the senders working them. With a paid
    lane (a broadcast's rows to officers, on a channel that declares one) each lane claims and
    sends on its own: a broadcast at 1,000/s never waits behind a morning's prompts at 30/s,
    nor they behind it."""

    paid: bool | None  # True/False: only that lane's rows; None: the only lane, every row
    window: int  # rows it keeps claimed at most (what a crash would leave uncertain)
    queue: asyncio.Queue[_Task | None] = field(default_factory=asyncio.Queue)
    busy: int = 0  # senders working on one of its rows
    freed: asyncio.Event = field(default_factory=asyncio.Event)  # a sender took or finished one
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    claims: int = 0  # claims begun, and the last that found the lane settled (`settled`)
    settled: int = 0

    @property
    def in_hand(self) -> int:
        return self.busy + self.queue.qsize()


async def create_job(session: AsyncSession, clock: Clock, kind: str, key: str | None = None,
                     priority: int = 100) -> Job:
    job = Job(kind=kind, key=key, priority=priority, created_at=clock.now())
    session.add(job)
    await session.flush()
    return job


async def enqueue(session: AsyncSession, clock: Clock, job_id: int,
                  items: Iterable[tuple[Recipient, dict[str, Any]]], priority: int = 100,
                  not_before: datetime | None = None,
                  state: DeliveryState = DeliveryState.PENDING, note: str | None = None) -> int:
    """Write one pending row per recipient; a recipient already queued for the job is skipped.

    A payload may list the slogans it carries (`"slogans": [ids]`): just before sending, a row
    whose slogan is no longer approved goes out as its `"fallback"` payload, or not at all.
    """
    now = clock.now()
    rows = [{"job_id": job_id, "officer_id": r.officer_id, "group_id": r.group_id,
             "channel": r.channel, "chat_id": r.chat_id, "payload": payload,
             "priority": priority, "state": state.value, "attempts": 0, "last_error": note,
             "not_before": not_before or now, "created_at": now} for r, payload in items]
    # Each kind of recipient once per job: an officer, or a group chat.
    people = [r for r in rows if r["group_id"] is None]
    groups = [r for r in rows if r["group_id"] is not None]
    added = await insert_ignore(session, DELIVERIES, people, ("job_id", "officer_id")) \
        if people else 0
    if groups:
        added += await insert_ignore(session, DELIVERIES, groups, ("job_id", "group_id"))
    return added


class BulkQueue:
    """`enqueue` for a whole morning: hundreds of thousands of rows in one transaction.

    Rows go into a staging table in batches of `batch` (COPY on PostgreSQL), so memory stays
    flat however many officers there are; each distinct payload is encoded once (most officers
    of a unit get the same one) and kept once in a second staging table. `finish` then writes
    each group (a job with its priority, state and note) into `deliveries` with one
    INSERT … SELECT, in the order the groups were declared and the rows added, skipping a
    recipient already queued for the job exactly as `enqueue` does.
    """

    ROWS = "loa_stage_rows"
    PAYLOADS = "loa_stage_payloads"

    def __init__(self, session: AsyncSession, clock: Clock, batch: int = 20_000) -> None:
        self.session, self.clock, self.batch = session, clock, batch
        self._groups: list[tuple[int, int, str, str | None]] = []
        self._rows: list[tuple[int, int, int, str, str, int]] = []
        self._new_payloads: list[tuple[int, str]] = []
        self._by_text: dict[str, int] = {}
        # id() of a payload object already encoded → its number (most rows share a handful of
        # objects); each object is held until `finish`, so that its id is not reused meanwhile.
        self._by_object: dict[int, tuple[int, dict[str, Any]]] = {}
        self._created, self._seq = False, 0
        self._postgresql = session.bind is not None and session.bind.dialect.name == "postgresql"

    def group(self, job_id: int, priority: int = 100,
              state: DeliveryState = DeliveryState.PENDING, note: str | None = None) -> int:
        self._groups.append((job_id, priority, state.value, note))
        return len(self._groups) - 1

    async def add(self, group: int, recipient: Recipient, payload: dict[str, Any]) -> None:
        seen = self._by_object.get(id(payload))
        if seen is None:
            encoded = json.dumps(payload)
            pid = self._by_text.get(encoded)
            if pid is None:
                pid = self._by_text[encoded] = len(self._by_text)
                self._new_payloads.append((pid, encoded))
            seen = self._by_object[id(payload)] = (pid, payload)
        self._rows.append((len(self._rows), group, recipient.officer_id, recipient.channel,
                           recipient.chat_id, seen[0]))
        if len(self._rows) >= self.batch:
            await self._flush()

    async def _flush(self) -> None:
        if not self._created:
            await create_staging(self.session, self.ROWS, [
                "seq bigint", "grp integer", "officer_id integer", "channel varchar(16)",
                "chat_id varchar(64)", "pid integer"])
            # On PostgreSQL each payload is parsed (and compressed, as it is over 2 kB) once,
            # here; the INSERT then copies the stored value into every row that uses it.
            kind = "json" if self._postgresql else "text"
            await create_staging(self.session, self.PAYLOADS, ["pid integer PRIMARY KEY", f"payload {kind}"])
            self._created = True
        # Row numbers continue across batches: a later batch's rows come after.
        rows = [(self._seq + seq, *rest) for seq, *rest in self._rows]
        self._seq += len(rows)
        await copy_rows(self.session, self.PAYLOADS, ("pid", "payload"), self._new_payloads)
        await copy_rows(self.session, self.ROWS, ("seq", "grp", "officer_id", "channel",
                                                  "chat_id", "pid"), rows)
        self._rows, self._new_payloads = [], []

    async def finish(self) -> list[int]:
        """Write the staged rows; returns how many rows each group added."""
        if self._rows or self._new_payloads:
            await self._flush()
        if not self._created:
            return [0] * len(self._groups)
        postgresql = self._postgresql
        columns = ("INSERT INTO deliveries (job_id, officer_id, channel, chat_id, payload, "
                   "priority, state, attempts, last_error, not_before, created_at) ")
        values = ":job, s.officer_id, s.channel, s.chat_id, {}, :priority, :state, 0, :note, :now, :now"
        if postgresql:
            # The narrow staged rows are sorted, then each takes its payload by key: sorting
            # rows that already carry a 1.5 kB payload spills hundreds of MB to disk.
            insert = (
                f"WITH added AS ({columns}SELECT "
                + values.format(f"(SELECT p.payload FROM {self.PAYLOADS} p WHERE p.pid = s.pid)")
                + f" FROM (SELECT * FROM {self.ROWS} WHERE grp = :grp ORDER BY seq OFFSET 0) s "
                "ON CONFLICT (job_id, officer_id) DO NOTHING RETURNING 1) "
                "SELECT count(*) FROM added")  # asyncpg gives no row count for an INSERT
        else:
            insert = (
                f"{columns}SELECT " + values.format("p.payload")
                + f" FROM {self.ROWS} s JOIN {self.PAYLOADS} p ON p.pid = s.pid "
                "WHERE s.grp = :grp ORDER BY s.seq ON CONFLICT (job_id, officer_id) DO NOTHING")
        stmt = text(insert).bindparams(bindparam("now", type_=UTCDateTime()),
                                       bindparam("note", type_=String()))
        now, added = self.clock.now(), []
        for grp, (job_id, priority, state, note) in enumerate(self._groups):
            params = {"job": job_id, "priority": priority, "state": state, "note": note,
                      "now": now, "grp": grp}
            result = await self.session.execute(stmt, params)
            added.append(result.scalar_one() if postgresql else result.rowcount)
        await drop_staging(self.session, self.ROWS)
        await drop_staging(self.session, self.PAYLOADS)
        return added


async def job_for(session: AsyncSession, clock: Clock, kind: str, key: str,
                  priority: int = 100) -> Job:
    """The job with this key, created by whichever process asks first."""
    await insert_ignore(session, Job.__table__, [
        {"kind": kind, "key": key, "priority": priority, "created_at": clock.now()}], ("key",))
    job = await session.scalar(select(Job).where(Job.key == key))
    assert job is not None
    return job


async def job_counts(session: AsyncSession, job_id: int) -> dict[str, int]:
    rows = await session.execute(select(Delivery.state, func.count()).where(
        Delivery.job_id == job_id).group_by(Delivery.state))
    counts = {s.value: 0 for s in DeliveryState}
    counts.update({state: n for state, n in rows.all()})
    return counts


class Outbox:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], channels: dict[str, Channel],
                 limiters: dict[str, RateLimiter], clock: Clock, choices_hint: str,
                 settings: OutboxSettings | None = None, worker_id: str | None = None,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 media: Any = None, paid_limiters: dict[str, RateLimiter] | None = None) -> None:
        self.sessions = sessions
        self.channels = channels
        self.limiters = limiters
        # A channel's paid lane (RateLimits.paid_per_second), where it has one: broadcasts only.
        self.paid_limiters = paid_limiters if paid_limiters is not None else {}
        self.clock = clock
        self.hint = choices_hint
        self.settings = settings or OutboxSettings()
        self.policy = Policy(max_attempts=self.settings.max_attempts,
                             backoff_base=self.settings.backoff_base)
        self.worker_id = worker_id or new_worker_id()
        self._sleep = sleep
        self.media = media  # bot.delivery.media.MediaStore
        self._flush_now = asyncio.Event()
        self._results: list[dict[str, Any]] = []
        self._lanes = self._make_lanes()
        self._closing = False
        self._writing = False  # results taken from _results and being written
        self._claimed = asyncio.Event()  # a lane finished a claim (`settled` looks again)
        # Channels this process sends for (it holds their lease); None: every channel it has.
        self.sending: set[str] | None = None
        self.budgets: Any = None  # bot.delivery.budget.Budgets: monthly message budgets
        self.channel_log: Any = None  # bot.delivery.channellog.ChannelLog
        self.metrics: Any = None  # bot.core.metrics.Metrics: sends counted and timed
        # (session, channel, chat id, error) → unlinked: a group refusing the bot is unlinked
        # and audited by the layer that owns groups, in the transaction that writes the refusal.
        self.on_group_refused: GroupRefused | None = None

    def claim_window(self, paid: bool | None = None) -> int:
        """How many rows a lane keeps claimed: what its rate sends in `claim_ahead` seconds,
        between its senders and 16 times them."""
        c = self.settings.concurrency
        lanes = [*([] if paid is True else self.limiters.values()),
                 *([] if paid is False else self.paid_limiters.values())]
        rate = max((lim.per_second for lim in lanes), default=c)
        return max(c, min(16 * c, int(rate * self.settings.claim_ahead)))

    def _make_lanes(self) -> list[_Lane]:
        if not self.paid_limiters:
            return [_Lane(None, self.claim_window())]
        return [_Lane(paid, self.claim_window(paid)) for paid in (False, True)]

    def wake(self) -> None:
        """New rows were queued in this process: look now rather than at the next poll."""
        for lane in self._lanes:
            lane.wake.set()

    async def settled(self) -> None:
        """Return once, in every lane, a claim begun after this call found nothing due, nothing
        in hand and every result written: whatever was due by now has gone out (a test waits on
        this instead of sleeping; the caller bounds the wait)."""
        lanes = self._lanes
        goals = [(lane, lane.claims + 1) for lane in lanes]
        while any(lane.settled < goal for lane, goal in goals):
            self._claimed.clear()
            self.wake()
            await self._claimed.wait()
            if lanes is not self._lanes:  # `run` began again (after an error): its new lanes
                lanes = self._lanes
                goals = [(lane, lane.claims + 1) for lane in lanes]
            if any(lane.settled < goal for lane, goal in goals):  # sends in hand: let them go
                await asyncio.sleep(0.02)

    # -- the loop ----------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        # A run that ended on an error (database gone) may have left results unwritten and
        # rows claimed but never started: write the first, hand the second back.
        self._closing = False
        self._lanes = self._make_lanes()
        await self._flush()
        await self._release_own()
        await self.recover()
        senders = [asyncio.create_task(self._sender(lane), name=f"outbox-sender-{n}-{i}")
                   for n, lane in enumerate(self._lanes)
                   for i in range(self.settings.concurrency)]
        flusher = asyncio.create_task(self._flush_loop(stop), name="outbox-flush")
        claimers = [asyncio.create_task(self._claimer(lane, stop, recovers=n == 0),
                                        name=f"outbox-claim-{n}")
                    for n, lane in enumerate(self._lanes)]
        try:
            # One failing (the database gone) ends them all, and `run` with its error.
            done, _ = await asyncio.wait(claimers, return_when=asyncio.FIRST_EXCEPTION)
            for task in done:
                task.result()
        finally:
            for task in claimers:
                task.cancel()
            await asyncio.gather(*claimers, return_exceptions=True)
            await self._shutdown(senders, flusher)

    async def _claimer(self, lane: _Lane, stop: asyncio.Event, recovers: bool) -> None:
        """Keep `lane` fed: claim its due rows whenever half its window is free."""
        last_recovery = asyncio.get_running_loop().time()
        while not stop.is_set():
            # Claimed rows are what a crash leaves uncertain: keep them to the window, and
            # claim when half of it is free, so claims come in batches.
            free = lane.window - lane.in_hand
            if free < max(1, lane.window // 2):
                lane.freed.clear()
                await _first(stop.wait(), lane.freed.wait(), within=self.settings.poll_interval)
                continue
            lane.claims += 1
            claim = lane.claims
            tasks = await self._screen(await self._claim(free, lane.paid))
            for task in tasks:
                lane.queue.put_nowait(task)
            if not tasks and not lane.in_hand and not self._results and not self._writing:
                lane.settled = claim
            self._claimed.set()
            if tasks:
                continue
            await _first(stop.wait(), lane.wake.wait(), within=self.settings.poll_interval)
            lane.wake.clear()
            if recovers and asyncio.get_running_loop().time() - last_recovery > 10:
                await self.recover()
                last_recovery = asyncio.get_running_loop().time()

    async def _shutdown(self, senders: list[asyncio.Task[None]], flusher: asyncio.Task[None]) -> None:
        unstarted: list[int] = []
        for lane in self._lanes:
            while not lane.queue.empty():
                task = lane.queue.get_nowait()
                if task is not None:
                    unstarted.append(task.id)
            for _ in range(self.settings.concurrency):
                lane.queue.put_nowait(None)
        # Sends in flight finish (bounded by the channel's own time-outs); nothing new starts.
        await asyncio.wait(senders, timeout=30)
        for s in senders:
            s.cancel()
        # The flusher ends after its current write; cancelling it mid-write would drop results
        # already taken for writing, leaving sent rows "sending" (uncertain after a restart).
        self._closing = True
        self._flush_now.set()
        try:
            await asyncio.wait_for(flusher, 30)
        except TimeoutError:
            log.error("recording delivery results did not finish; the rest are written now")
        await self._flush()
        if unstarted:
            await self._release(unstarted)

    async def _release(self, ids: Sequence[int]) -> None:
        async with self.sessions() as session, session.begin():
            await session.execute(update(DELIVERIES).where(
                DELIVERIES.c.id.in_(ids), DELIVERIES.c.state == DeliveryState.SENDING.value,
                DELIVERIES.c.claimed_by == self.worker_id,
            ).values(state=DeliveryState.PENDING.value, claimed_by=None, claimed_at=None))

    async def _release_own(self) -> None:
        async with self.sessions() as session, session.begin():
            await session.execute(update(DELIVERIES).where(
                DELIVERIES.c.state == DeliveryState.SENDING.value,
                DELIVERIES.c.claimed_by == self.worker_id,
            ).values(state=DeliveryState.PENDING.value, claimed_by=None, claimed_at=None))

    def _claimable(self) -> list[str]:
        names = set(self.channels)
        if self.sending is not None:
            names &= self.sending
        return sorted(names)

    async def _claim(self, limit: int, paid: bool | None = None) -> list[_Task]:
        """Up to `limit` due rows, by priority; `paid` True: only the paid lanes' (a broadcast's
        rows to officers on a channel with one), False: all the others, None: any."""
        channels = self._claimable()
        if not channels:
            return []
        now = self.clock.now()
        spent = await self.budgets.spent() if self.budgets is not None else set()
        if spent:  # what can wait moves to another channel, or waits for next month
            await self.budgets.move_waiting(spent)
        due = (select(DELIVERIES.c.id)
               .where(DELIVERIES.c.state == DeliveryState.PENDING.value,
                      DELIVERIES.c.not_before <= now,
                      DELIVERIES.c.channel.in_(channels))
               .order_by(DELIVERIES.c.priority, DELIVERIES.c.id)
               .limit(limit)
               .with_for_update(skip_locked=True))  # PostgreSQL: workers never take the same row
        if spent:
            due = due.where(waiting_on(spent))
        if paid is not None:
            lane = and_(DELIVERIES.c.channel.in_(sorted(self.paid_limiters)),
                        DELIVERIES.c.officer_id.is_not(None),
                        DELIVERIES.c.job_id.in_(select(Job.id).where(Job.kind.in_(sorted(PAID_KINDS)))))
            due = due.where(lane if paid else not_(lane))
        stmt = (update(DELIVERIES).where(DELIVERIES.c.id.in_(due))
                .values(state=DeliveryState.SENDING.value, claimed_by=self.worker_id,
                        claimed_at=now)
                .returning(DELIVERIES.c.id, DELIVERIES.c.job_id, DELIVERIES.c.officer_id,
                           DELIVERIES.c.channel, DELIVERIES.c.chat_id, DELIVERIES.c.payload,
                           DELIVERIES.c.attempts, DELIVERIES.c.priority))
        async with self.sessions() as session, session.begin():
            rows = (await session.execute(stmt)).all()
        rows.sort(key=lambda r: (r.priority, r.id))
        return [_Task(r.id, r.job_id, r.officer_id, r.channel, r.chat_id, r.payload, r.attempts,
                      paid is True) for r in rows]

    async def _screen(self, tasks: list[_Task]) -> list[_Task]:
        """Only approved slogans ever go out: a row whose slogan was retired after it was queued
        is sent without it (its fallback) or given up."""
        wanted = {i for t in tasks for i in t.payload.get("slogans", ())}
        if not wanted:
            return tasks
        async with self.sessions() as session:
            approved = set((await session.scalars(select(Slogan.id).where(
                Slogan.id.in_(wanted), Slogan.state == SloganState.APPROVED.value))).all())
        keep = []
        for task in tasks:
            if set(task.payload.get("slogans", ())) <= approved:
                keep.append(task)
            elif "fallback" in task.payload:
                task.payload = task.payload["fallback"]
                keep.append(task)
            else:
                self._results.append(_result(task, DeliveryState.FAILED, task.attempts,
                                             "slogan no longer approved"))
        return keep

    async def recover(self) -> int:
        """Rows another worker claimed and will never finish (it died) become `uncertain`: a
        process of this machine that is gone, or a worker whose heartbeat stopped and whose
        claim is older than the lease."""
        now = self.clock.now()
        stale = now - timedelta(seconds=self.settings.lease_seconds)
        async with self.sessions() as session, session.begin():
            rows = (await session.execute(select(
                DELIVERIES.c.id, DELIVERIES.c.claimed_by, DELIVERIES.c.claimed_at).where(
                DELIVERIES.c.state == DeliveryState.SENDING.value,
                DELIVERIES.c.claimed_by != self.worker_id))).all()
            alive = await live_workers(session, self.clock, self.settings.lease_seconds) \
                if rows else set()
            lost = [r.id for r in rows
                    if dead_on_this_machine(r.claimed_by)
                    or (r.claimed_by not in alive
                        and (r.claimed_at is None or r.claimed_at < stale))]
            for start in range(0, len(lost), 1000):
                await session.execute(update(DELIVERIES).where(
                    DELIVERIES.c.id.in_(lost[start:start + 1000]),
                    DELIVERIES.c.state == DeliveryState.SENDING.value,
                ).values(state=DeliveryState.UNCERTAIN.value,
                         last_error="in flight when its worker stopped"))
        if lost:
            log.warning("%d deliveries were in flight when a worker died; marked uncertain",
                        len(lost))
        return len(lost)

    # -- sending ------------------------------------------------------------------------------

    async def _sender(self, lane: _Lane) -> None:
        while True:
            task = await lane.queue.get()
            if task is None:
                return
            lane.busy += 1
            try:
                result = await self._deliver(task)
            except Exception:
                log.exception("delivery %s failed unexpectedly", task.id)
                result = _result(task, DeliveryState.FAILED, error="internal error")
            finally:
                lane.busy -= 1
                lane.freed.set()
            self._results.append(result)
            if len(self._results) >= self.settings.flush_batch:
                self._flush_now.set()

    async def _deliver(self, task: _Task) -> dict[str, Any]:
        channel = self.channels[task.channel]
        # A broadcast's send goes by the paid lane where the channel has one; the rest, free.
        paid_lane = self.paid_limiters.get(task.channel) if task.paid else None
        limiter = paid_lane or self.limiters[task.channel]
        chat_id, moved = task.chat_id, None
        tries, message_id = Tries(attempts=task.attempts), None
        for part in render(from_payload(task.payload), channel.caps, self.hint):
            digest = None
            if self.media is not None:
                try:
                    part, digest = await self.media.prepare(part, channel)
                except Exception as exc:  # no public URL for a URL-only channel, file gone
                    return _result(task, DeliveryState.FAILED, tries.attempts + 1, f"media: {exc}")
            while True:
                try:
                    sent = await transmit(channel, chat_id, part, limiter=limiter, bulk=True,
                                          paid=paid_lane is not None,
                                          budgets=self.budgets, media=self.media, digest=digest,
                                          channel_log=self.channel_log, delivery_id=task.id,
                                          metrics=self.metrics)
                    message_id = sent.message_id
                    break
                except SendError as exc:
                    verdict = judge(exc, tries, self.policy, limiter)
                if verdict.action is Action.FOLLOW:
                    chat_id = moved = verdict.chat_id
                elif verdict.action is Action.RETRY:
                    if verdict.delay:  # else the limiter's pause is the wait
                        await self._sleep(verdict.delay)
                elif verdict.action is Action.BLOCKED:
                    return _result(task, DeliveryState.BLOCKED, tries.attempts, verdict.error)
                elif verdict.action is Action.QUOTA:
                    if self.budgets is not None:
                        await self.budgets.exhausted(channel.name)
                    # Back to pending: prompts and broadcasts now wait or move (budget rule);
                    # anything else tries again later, never counted as a failed attempt.
                    result = _result(task, DeliveryState.PENDING, tries.attempts, verdict.error)
                    result["not_before"] = self.clock.now() + QUOTA_RETRY
                    return result
                else:
                    return _result(task, DeliveryState.FAILED, tries.attempts + verdict.final,
                                   verdict.error)
        result = _result(task, DeliveryState.SENT, tries.attempts + 1, None, message_id)
        result["sent_at"] = self.clock.now()
        if task.payload.get("choices") and not channel.caps.buttons:
            # Shown as numbers: the recipient's "2" must map back to the second choice.
            result["menu"] = [[data, label] for row in task.payload["choices"]
                              for label, data in row]
        if moved:
            result["moved_to"] = moved
        return result

    # -- bookkeeping --------------------------------------------------------------------------

    async def _flush_loop(self, stop: asyncio.Event) -> None:
        while not self._closing:
            await _first(self._flush_now.wait(), within=self.settings.flush_interval)
            self._flush_now.clear()
            try:
                await self._flush()
            except Exception:
                # The results stay in memory and are written at the next try.
                log.exception("could not record delivery results; will retry")
                await asyncio.sleep(1)

    async def _flush(self) -> None:
        if not self._results:
            return
        batch, self._results = self._results, []
        self._writing = True
        try:
            async with self.sessions() as session, session.begin():
                await session.execute(
                    update(DELIVERIES).where(DELIVERIES.c.id == bindparam("b_id")).values(
                        state=bindparam("b_state"), attempts=bindparam("b_attempts"),
                        last_error=bindparam("b_error"), message_id=bindparam("b_message_id"),
                        sent_at=bindparam("b_sent_at"), claimed_by=None,
                        not_before=func.coalesce(bindparam("b_not_before", type_=UTCDateTime()),
                                                 DELIVERIES.c.not_before)),
                    [{"b_id": r["id"], "b_state": r["state"], "b_attempts": r["attempts"],
                      "b_error": r["error"], "b_message_id": r["message_id"],
                      "b_sent_at": r.get("sent_at"), "b_not_before": r.get("not_before")}
                     for r in batch])
                blocked = [r["officer_id"] for r in batch if r["state"] == DeliveryState.BLOCKED
                           and r["officer_id"] is not None]
                if blocked:
                    await session.execute(update(Officer).where(
                        Officer.id.in_(blocked), Officer.status == OfficerStatus.ACTIVE.value,
                    ).values(status=OfficerStatus.INACTIVE.value, updated_at=self.clock.now()))
                for r in batch:  # a group that refuses the bot removed it unseen: unlinked
                    if r["state"] == DeliveryState.BLOCKED and r["officer_id"] is None \
                            and self.on_group_refused is not None:  # the groups' layer, audited
                        if await self.on_group_refused(session, r["channel"], r["chat_id"],
                                                       r["error"] or ""):
                            log.warning("%s group %s refuses the bot (%s): unlinked", r["channel"],
                                        r["chat_id"], r["error"])
                for r in batch:
                    if "menu" in r:
                        # Not while a form is open: its question keeps the numbers.
                        open_form = select(Conversation.external_id).where(
                            Conversation.channel == Identity.channel,
                            Conversation.external_id == Identity.external_id).exists()
                        await session.execute(update(Identity).where(
                            Identity.channel == r["channel"], Identity.chat_id == r["chat_id"],
                            ~open_form).values(menu=r["menu"]))
                    if "moved_to" in r:
                        await session.execute(update(Identity).where(
                            Identity.channel == r["channel"], Identity.chat_id == r["chat_id"],
                        ).values(chat_id=r["moved_to"]))
                        # A group that became a supergroup: its link follows it.
                        await session.execute(update(UnitGroup).where(
                            UnitGroup.channel == r["channel"], UnitGroup.chat_id == r["chat_id"],
                        ).values(chat_id=r["moved_to"]))
        except BaseException:  # cancelled too: the results are written at the next try
            self._results[:0] = batch
            raise
        finally:
            self._writing = False


def _result(task: _Task, state: DeliveryState, attempts: int | None = None,
            error: str | None = None, message_id: str | None = None) -> dict[str, Any]:
    return {"id": task.id, "officer_id": task.officer_id, "channel": task.channel,
            "chat_id": task.chat_id, "state": state.value,
            "attempts": task.attempts + 1 if attempts is None else attempts,
            "error": error[:300] if error else None, "message_id": message_id}


async def _first(*aws: Awaitable[Any], within: float | None = None) -> None:
    """Wait until the first of `aws` finishes, or `within` seconds; cancel the rest."""
    tasks = [asyncio.ensure_future(a) for a in aws]
    try:
        await asyncio.wait(tasks, timeout=within, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for t in tasks:
            t.cancel()
