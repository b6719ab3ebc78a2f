"""Broadcasts: who receives one, starting it, approving it, and its live progress."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import reach_order
from bot.core.clock import Clock
from bot.core.events import EditOut, TextOut, to_payload
from bot.core.textfit import shorten
from bot.core.texts import Texts
from bot.delivery.outbox import DELIVERIES, Recipient, create_job, enqueue, job_counts
from bot.delivery.replies import Delivery
from bot.domain import groups
from bot.domain.audit import SYSTEM, Action, record
from bot.store.models import (
    Broadcast,
    BroadcastState,
    DeliveryState,
    Identity,
    Officer,
    OfficerStatus,
    Role,
    Unit,
)

log = logging.getLogger(__name__)

BROADCAST_PRIORITY = 200  # after daily prompts and reminders
# Numbers kept by the progress reporter are read while younger than this; older ones (no
# process reports: Loa is down, or a command line drains it) are counted again.
FRESH_COUNTS = timedelta(seconds=30)


async def unit_ids_with_subunits(session: AsyncSession, codes: list[str], subunits: bool
                                 ) -> set[int]:
    units = (await session.execute(select(Unit.id, Unit.code, Unit.parent_id))).all()
    chosen = {u.id for u in units if u.code in {c.upper() for c in codes}}
    if subunits:
        children: dict[int | None, list[int]] = {}
        for u in units:
            children.setdefault(u.parent_id, []).append(u.id)
        stack = list(chosen)
        while stack:
            for child in children.get(stack.pop(), []):
                if child not in chosen:
                    chosen.add(child)
                    stack.append(child)
    return chosen


def _reachable() -> Any:
    return (select(Identity.officer_id, Identity.channel, Identity.chat_id,
                   Officer.preferred_channel)
            .join(Officer, Officer.id == Identity.officer_id)
            .where(Officer.status == OfficerStatus.ACTIVE.value))


def _one_channel_each(rows: Any) -> list[Recipient]:
    """Each officer once, on the channel they are best reached on."""
    best: dict[int, tuple[tuple[int, int], Recipient]] = {}
    for officer_id, channel, chat_id, preferred in rows:
        rank = reach_order(channel, preferred)
        if officer_id not in best or rank < best[officer_id][0]:
            best[officer_id] = (rank, Recipient(officer_id, channel, chat_id))
    return [r for _, r in sorted(best.values(), key=lambda x: x[1].officer_id)]


async def recipients(session: AsyncSession, audience: dict[str, Any]) -> list[Recipient]:
    """Active officers of a unit in the audience, each once, on their preferred channel."""
    query = _reachable().where(Officer.unit_id.is_not(None))
    if audience.get("units"):
        ids = await unit_ids_with_subunits(session, audience["units"], audience.get("subunits", True))
        query = query.where(Officer.unit_id.in_(ids))
    if audience.get("role"):
        query = query.where(Officer.role == audience["role"])
    return _one_channel_each((await session.execute(query)).all())


async def group_recipients(session: AsyncSession, audience: dict[str, Any]) -> list[Recipient]:
    """The group chats linked to a unit in the audience (every unit when none is named); none
    for a broadcast to one role only, which a group's other members should not read."""
    if audience.get("role"):
        return []
    ids = await unit_ids_with_subunits(session, audience["units"], audience.get("subunits", True)) \
        if audience.get("units") else None
    return [groups.recipient(g) for g in await groups.linked(session, ids)]


class Reach(NamedTuple):
    """How many a broadcast goes to: officers, and the group chats linked to its units."""

    people: int
    groups: int

    @property
    def total(self) -> int:
        return self.people + self.groups


async def audience_size(session: AsyncSession, audience: dict[str, Any]) -> Reach:
    """Who an audience reaches now: the one count every edge states and checks."""
    return Reach(len(await recipients(session, audience)),
                 len(await group_recipients(session, audience)))


def frozen_reach(b: Broadcast) -> Reach:
    """Who a started broadcast went to, as frozen when it started."""
    return Reach(b.recipients - b.recipient_groups, b.recipient_groups)


async def received(session: AsyncSession, job_id: int, sent: int) -> Reach:
    """Of a broadcast's `sent` deliveries, officers apart from group chats: only the group rows
    are counted (a few, through the job's group index, however many officers were reached)."""
    groups = await session.scalar(select(func.count()).select_from(DELIVERIES).where(
        DELIVERIES.c.job_id == job_id, DELIVERIES.c.group_id.is_not(None),
        DELIVERIES.c.state == DeliveryState.SENT.value)) or 0
    return Reach(sent - groups, groups)


def say_reach(texts: Texts, reach: Reach, groups_too: bool = False) -> str:
    """"120 người", or "120 người và 3 nhóm chat": how every edge words a broadcast's reach
    (`groups_too`: say the groups even when none got it, for a broadcast that had some)."""
    if reach.groups or groups_too:
        return texts("broadcast.reach_groups", people=reach.people, groups=reach.groups)
    return texts("broadcast.reach_people", people=reach.people)


async def approvers(session: AsyncSession) -> list[Recipient]:
    return _one_channel_each((await session.execute(
        _reachable().where(Officer.role == Role.APPROVER.value))).all())


async def admins(session: AsyncSession) -> list[Recipient]:
    return _one_channel_each((await session.execute(
        _reachable().where(Officer.role == Role.ADMIN.value))).all())


async def reach(session: AsyncSession, officer_id: int) -> Recipient | None:
    found = _one_channel_each((await session.execute(
        _reachable().where(Officer.id == officer_id))).all())
    return found[0] if found else None


async def start_sending(session: AsyncSession, clock: Clock, broadcast: Broadcast) -> Reach:
    """Freeze the audience and queue one delivery per recipient; returns how many of each."""
    officers = await recipients(session, broadcast.audience)
    chats = await group_recipients(session, broadcast.audience)
    people = officers + chats
    job = await create_job(session, clock, "broadcast", key=f"broadcast:{broadcast.id}",
                           priority=BROADCAST_PRIORITY)
    payload = dict(broadcast.content)
    if broadcast.slogan_id is not None:
        payload["slogans"] = [broadcast.slogan_id]  # not sent if the slogan is retired meanwhile
    await enqueue(session, clock, job.id, [(r, payload) for r in people],
                  priority=BROADCAST_PRIORITY)
    broadcast.job_id, broadcast.recipients = job.id, len(people)
    broadcast.recipient_groups = len(chats)
    broadcast.state = BroadcastState.SENDING.value
    return Reach(len(officers), len(chats))


def next_year(at: datetime, tz: tzinfo) -> datetime:
    """The same local day and hour a year later (29/02 becomes 28/02)."""
    local = at.astimezone(tz)
    try:
        moved = local.replace(year=local.year + 1)
    except ValueError:
        moved = local.replace(year=local.year + 1, day=28)
    return moved.astimezone(UTC)


NOTICE_PRIORITY = 50  # a missed broadcast is told before other traffic, as approvals are


async def start_due(sessions: async_sessionmaker[AsyncSession], clock: Clock, tz: tzinfo,
                    limit: int = 50, grace: timedelta | None = None,
                    texts: Texts | None = None) -> int:
    """Start the scheduled broadcasts whose time has come; returns how many this call started.

    Each is moved from `scheduled` to `sending` by one conditional UPDATE, so of two processes
    (or a restart racing a tick) only one starts it; the audience is resolved now. One whose time
    passed more than `grace` ago (Loa was not running then) is moved to `missed` instead, never
    sent late, and its author and the admins are told (with `texts`).
    """
    now = clock.now()
    async with sessions() as session:
        due = list((await session.execute(select(Broadcast.id, Broadcast.scheduled_at).where(
            Broadcast.state == BroadcastState.SCHEDULED.value, Broadcast.scheduled_at <= now)
            .order_by(Broadcast.scheduled_at, Broadcast.id).limit(limit))).all())
    started = 0
    for broadcast_id, at in due:
        late = grace is not None and now - at > grace
        # The time is checked again in the UPDATE: a change of time meanwhile decides anew.
        when = (Broadcast.scheduled_at < now - grace if late and grace is not None
                else Broadcast.scheduled_at <= now)
        if not late and grace is not None:
            when = when & (Broadcast.scheduled_at >= now - grace)
        target = BroadcastState.MISSED if late else BroadcastState.SENDING
        async with sessions() as session, session.begin():
            won = await session.execute(update(Broadcast).where(
                Broadcast.id == broadcast_id, Broadcast.state == BroadcastState.SCHEDULED.value,
                when).values(state=target.value)
                .execution_options(synchronize_session=False))
            if won.rowcount != 1:
                continue  # another process started it, or it was cancelled or moved meanwhile
            b = await session.get(Broadcast, broadcast_id)
            assert b is not None and b.scheduled_at is not None
            if late:
                b.finished_at = now
                following = await _follow_yearly(session, b, now, tz)
                await record(session, clock, SYSTEM, Action.BROADCAST_MISSED, "broadcast", b.id,
                             scheduled_at=b.scheduled_at.isoformat(), late_seconds=int(
                                 (now - b.scheduled_at).total_seconds()),
                             next_id=following.id if following else None)
                if texts is not None:
                    await _tell_missed(session, clock, texts, b, tz, grace)
                continue
            reach = await start_sending(session, clock, b)
            following = await _follow_yearly(session, b, now, tz)
            await record(session, clock, SYSTEM, Action.BROADCAST_STARTED, "broadcast", b.id,
                         recipients=reach.people, groups=reach.groups,
                         next_id=following.id if following else None)
        started += 1
    return started


async def _follow_yearly(session: AsyncSession, b: Broadcast, now: datetime, tz: tzinfo
                         ) -> Broadcast | None:
    """Next year's copy of a yearly one, waiting and approved as this one was."""
    if not b.repeat_yearly or b.scheduled_at is None:
        return None
    following = Broadcast(
        author_id=b.author_id, content=b.content, audience=b.audience,
        slogan_id=b.slogan_id, state=BroadcastState.SCHEDULED.value,
        decided_by=b.decided_by, decided_at=b.decided_at, created_at=now,
        progress_channel=b.progress_channel, progress_chat=b.progress_chat,
        scheduled_at=next_year(b.scheduled_at, tz), repeat_yearly=True,
        key_date=b.key_date)
    session.add(following)
    await session.flush()
    return following


async def _tell_missed(session: AsyncSession, clock: Clock, texts: Texts, b: Broadcast,
                       tz: tzinfo, grace: timedelta | None) -> None:
    """The author and the admins learn that a broadcast was not sent (through the outbox)."""
    people = {r.officer_id: r for r in await admins(session)}
    if b.author_id is not None and b.author_id not in people:
        author = await reach(session, b.author_id)
        if author is not None:
            people[author.officer_id] = author
    if not people:
        return
    assert b.scheduled_at is not None
    hours = f"{(grace or timedelta()).total_seconds() / 3600:g}"
    text = texts("scheduled.missed_notice", id=b.id,
                 when=b.scheduled_at.astimezone(tz).strftime("%H:%M %d/%m/%Y"),
                 now=clock.now().astimezone(tz).strftime("%H:%M %d/%m/%Y"), hours=hours,
                 text=shorten(b.content.get("text") or b.content.get("caption") or "", 80))
    job = await create_job(session, clock, "notice", key=f"missed:bc:{b.id}",
                           priority=NOTICE_PRIORITY)
    await enqueue(session, clock, job.id, [(r, to_payload(TextOut(text=text)))
                                           for r in people.values()], priority=NOTICE_PRIORITY)


async def mark_done(sessions: async_sessionmaker[AsyncSession], clock: Clock,
                    broadcast_id: int, counts: dict[str, int] | None = None) -> bool:
    """Move a broadcast from sending to done, with its audit row and its final numbers; True
    only for the one caller that did it."""
    async with sessions() as session, session.begin():
        final: dict[str, Any] = {"counts": counts, "counted_at": clock.now()} if counts else {}
        done = await session.execute(update(Broadcast).where(
            Broadcast.id == broadcast_id, Broadcast.state == BroadcastState.SENDING.value,
        ).values(state=BroadcastState.DONE.value, finished_at=clock.now(), **final))
        if done.rowcount == 1:
            tally = {k: (counts or {}).get(k, 0) for k in ("sent", "failed", "blocked", "uncertain")}
            await record(session, clock, SYSTEM, Action.BROADCAST_SENT, "broadcast", broadcast_id,
                         **tally)
    return done.rowcount == 1


async def numbers(session: AsyncSession, clock: Clock, broadcasts: list[Broadcast]
                  ) -> dict[int, dict[str, int]]:
    """Each started broadcast's deliveries by state: as the progress reporter last counted them
    (a finished one's for good, a sending one's while fresh), else counted now, in one query."""
    now = clock.now()
    out: dict[int, dict[str, int]] = {}
    jobs: dict[int, int] = {}
    for b in broadcasts:
        if b.job_id is None:
            continue
        if b.counts is not None and (b.state == BroadcastState.DONE.value or (
                b.counted_at is not None and now - b.counted_at <= FRESH_COUNTS)):
            out[b.id] = dict(b.counts)
        else:
            jobs[b.job_id] = b.id
            out[b.id] = {s.value: 0 for s in DeliveryState}
    if jobs:
        for job, state, n in (await session.execute(
                select(DELIVERIES.c.job_id, DELIVERIES.c.state, func.count())
                .where(DELIVERIES.c.job_id.in_(jobs))
                .group_by(DELIVERIES.c.job_id, DELIVERIES.c.state))).all():
            out[jobs[job]][state] = n
    return out


def describe_audience(texts: Texts, audience: dict[str, Any]) -> str:
    units = ", ".join(audience.get("units") or []) or texts("broadcast.audience_all")
    if audience.get("units") and audience.get("subunits", True):
        units += texts("broadcast.with_subunits")
    role = texts(f"role.{audience['role']}") if audience.get("role") else texts(
        "broadcast.all_roles")
    return texts("broadcast.audience", units=units, role=role)


@dataclass
class _Shown:
    text: str
    at: float
    milestone: int = 0  # quarters reported so far, on a channel without edits


# Without edits every update is a new message: the author gets the start, a message at each
# quarter of a long broadcast, and the summary.
MILESTONES = 4
LONG_BROADCAST = 50


class ProgressReporter:
    """Keeps each sending broadcast's progress message current, and sends the final summary.

    Any process may run it: the message's location is in the database, and only the process
    that moves a broadcast from `sending` to `done` sends the summary.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], delivery: Delivery,
                 clock: Clock, texts: Texts, interval: float, rate: float) -> None:
        self.sessions = sessions
        self.delivery = delivery
        self.clock = clock
        self.texts = texts
        self.interval = interval
        self.rate = rate
        self._shown: dict[int, _Shown] = {}

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            started = time.monotonic()
            try:
                await self.tick()
            except Exception:
                log.exception("progress update failed")
            # Counting a national broadcast's rows takes most of a second: the count is kept to
            # a tenth of the time, and twice a second when it is cheap.
            spent = time.monotonic() - started
            try:
                await asyncio.wait_for(stop.wait(), max(min(0.5, self.interval),
                                                        min(10 * spent, self.interval)))
            except TimeoutError:
                pass

    async def tick(self) -> None:
        async with self.sessions() as session:
            sending = list((await session.scalars(select(Broadcast).where(
                Broadcast.state == BroadcastState.SENDING.value))).all())
            counts = {b.id: await job_counts(session, b.job_id) for b in sending if b.job_id}
        if counts:  # kept for every reader (bot.domain.broadcasts.numbers)
            now = self.clock.now()
            async with self.sessions() as session, session.begin():
                for broadcast_id, n in counts.items():
                    await session.execute(update(Broadcast).where(
                        Broadcast.id == broadcast_id,
                        Broadcast.state == BroadcastState.SENDING.value,
                    ).values(counts=n, counted_at=now))
        for b in sending:
            await self._report(b, counts.get(b.id, {}))

    async def _report(self, b: Broadcast, counts: dict[str, int]) -> None:
        left = counts.get("pending", 0) + counts.get("sending", 0)
        values = {"id": b.id, "sent": counts.get("sent", 0), "failed": counts.get("failed", 0),
                  "blocked": counts.get("blocked", 0), "uncertain": counts.get("uncertain", 0),
                  "left": left, "total": b.recipients}
        if left == 0:
            # Whom it reached, people and groups apart: read before the broadcast is marked
            # done, so a failure here leaves it to the next tick instead of losing the summary.
            got = Reach(values["sent"], 0)
            if b.job_id and b.recipient_groups:
                async with self.sessions() as session:
                    got = await received(session, b.job_id, values["sent"])
            if await mark_done(self.sessions, self.clock, b.id, counts):
                # The progress message ends pointing to the summary, which alone has the
                # numbers (one completion message, not two alike); without edits, just the summary.
                if self._edits(b):
                    await self._show(b, self.texts("broadcast.progress_done", **values),
                                     force=True)
                await self._notify(b, self.texts("broadcast.summary", received=say_reach(
                    self.texts, got, groups_too=bool(b.recipient_groups)), **values))
                self._shown.pop(b.id, None)
            return
        done = (b.recipients or 0) - left
        await self._show(b, self.texts("broadcast.progress", eta=self._eta(left), **values),
                         share=done / b.recipients if b.recipients else 0.0)

    def _edits(self, b: Broadcast) -> bool:
        channel = self.delivery.channels.get(b.progress_channel or "")
        return channel is not None and channel.caps.edits

    def _eta(self, left: int) -> str:
        seconds = int(left / max(self.rate, 0.1)) + 1
        if seconds < 60:
            return self.texts("broadcast.eta_seconds", s=seconds)
        return self.texts("broadcast.eta_minutes", m=seconds // 60, s=seconds % 60)

    async def _show(self, b: Broadcast, text: str, force: bool = False,
                    share: float = 0.0) -> None:
        channel = self.delivery.channels.get(b.progress_channel or "")
        if channel is None or b.progress_chat is None:
            return
        shown = self._shown.get(b.id)
        now = time.monotonic()
        if not channel.caps.edits:
            milestone = int(share * MILESTONES) if (b.recipients or 0) >= LONG_BROADCAST else 0
            if shown is not None and not (0 < milestone < MILESTONES
                                          and milestone > shown.milestone):
                return
            self._shown[b.id] = _Shown(text, now, milestone)
            await self.delivery.send_one(channel, b.progress_chat, TextOut(text=text))
            return
        if shown and (shown.text == text or (not force and now - shown.at < self.interval)):
            return
        self._shown[b.id] = _Shown(text, now)
        if b.progress_message and channel.caps.edits:
            await self.delivery.send_one(channel, b.progress_chat,
                                         EditOut(message_id=b.progress_message, text=text))
            return
        sent = await self.delivery.send_one(channel, b.progress_chat, TextOut(text=text))
        if sent is not None and channel.caps.edits:
            async with self.sessions() as session, session.begin():
                await session.execute(update(Broadcast).where(Broadcast.id == b.id)
                                      .values(progress_message=sent.message_id))
            b.progress_message = sent.message_id

    async def _notify(self, b: Broadcast, text: str) -> None:
        channel = self.delivery.channels.get(b.progress_channel or "")
        if channel is not None and b.progress_chat is not None:
            await self.delivery.send_one(channel, b.progress_chat, TextOut(text=text))
