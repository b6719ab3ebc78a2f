"""Scheduled broadcasts (#22): approved when written, started by the schedules' tick at their
time, once, whatever restarts or processes do; changed or cancelled until they start. The clock
is frozen and moved, never slept on."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot import app as loa_app
from bot.cli.common import operator_scope
from bot.core.clock import FrozenClock
from bot.domain.broadcasts import start_due
from bot.services import Refused
from bot.services.broadcasts import (
    cancel_broadcast,
    create_broadcast,
    day_off_warning,
    list_broadcasts,
    parse_when,
    reschedule_broadcast,
)
from bot.store.models import AuditEntry, Broadcast, BroadcastState, Delivery, Job
from tests.conftest import MORNING, running_loa
from tests.e2e.test_broadcast_e2e import received
from tests.support.helpers import make_officers, seed_units
from tests.support.web_console import console_config

pytestmark = pytest.mark.timeout(180)
TZ_HOURS = 7  # Asia/Ho_Chi_Minh


def local(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC) - timedelta(hours=TZ_HOURS)


async def schedule(loa, text: str, at: datetime, **kw) -> int:
    async with loa.sessions() as session, session.begin():
        created = await create_broadcast(operator_scope(loa, session), {"text": text}, {}, at=at,
                                         **kw)
        assert not created.waiting and created.broadcast.state == BroadcastState.SCHEDULED
        return created.broadcast.id


async def state(loa, broadcast_id: int) -> str:
    async with loa.sessions() as session:
        return (await session.get(Broadcast, broadcast_id)).state


def test_typed_times_are_vietnamese_local_time():
    from zoneinfo import ZoneInfo
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    assert parse_when("2027-02-27 07:00", tz) == local(2027, 2, 27, 7)
    assert parse_when("27/02/2027 07:00", tz) == local(2027, 2, 27, 7)
    assert parse_when(" 27/02/2027  7h30 ", tz) == local(2027, 2, 27, 7, 30)
    assert parse_when("27/02 07:00", tz) is None
    assert parse_when("31/02/2027 07:00", tz) is None
    assert parse_when("x" * 10_000, tz) is None


async def test_past_refused_day_off_warned(db_url, fake_server, tmp_path):
    clock = FrozenClock(MORNING)  # Monday 23/11/2026, 09:00 in Việt Nam
    config = console_config(db_url, fake_server, tmp_path, two_person_rule="false")
    loa = await loa_app.build(config, clock=clock)
    try:
        await seed_units(loa)
        async with loa.sessions() as session, session.begin():
            scope = operator_scope(loa, session)
            with pytest.raises(Refused) as past:
                await create_broadcast(scope, {"text": "Muộn rồi"}, {},
                                       at=local(2026, 11, 23, 8, 59))
            with pytest.raises(Refused) as far:
                await create_broadcast(scope, {"text": "Xa quá"}, {}, at=local(2029, 1, 1, 7))
        said = loa.texts(past.value.key, **past.value.values)
        assert said == ("Thời điểm 08:59 23/11/2026 đã qua (bây giờ là 09:00 23/11/2026). "
                        "Hãy chọn một thời điểm sau bây giờ.")
        assert "quá xa" in loa.texts(far.value.key, **far.value.values)
        async with loa.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(Broadcast)) == 0
        tz = config.timezone
        # The issue's own example, 27/02/2027, is a Saturday; 02/09 is National Day.
        assert day_off_warning(loa.texts, local(2027, 2, 27, 7), tz) == (
            "⚠️ Lưu ý: 27/02/2027 là Thứ Bảy, ngày nghỉ. Bản tin vẫn được gửi đúng giờ đã hẹn.")
        holiday = day_off_warning(loa.texts, local(2027, 9, 2, 7), tz)
        assert holiday is not None and "ngày nghỉ lễ" in holiday and "Quốc khánh" in holiday
        assert day_off_warning(loa.texts, local(2027, 2, 26, 7), tz) is None  # a Friday
    finally:
        await loa.close()


async def test_sent_once_at_its_time_across_a_restart(db_url, fake_server, tg, tmp_path):
    clock = FrozenClock(MORNING)
    config = console_config(db_url, fake_server, tmp_path, two_person_rule="false")
    loa = await loa_app.build(config, clock=clock)
    try:
        await seed_units(loa)
        chats = await make_officers(loa, tg, 3)
        kept = await schedule(loa, "Chào buổi sáng thứ Ba", local(2026, 11, 24, 7))
        dropped = await schedule(loa, "Bản tin bị huỷ", local(2026, 11, 24, 7))
        moved = await schedule(loa, "Bản tin dời giờ", local(2026, 11, 24, 7, 30), yearly=True)
        async with loa.sessions() as session, session.begin():
            scope = operator_scope(loa, session)
            await cancel_broadcast(scope, dropped)
            await reschedule_broadcast(scope, moved, local(2026, 11, 25, 9))
            with pytest.raises(Refused) as again:  # cancelled stays cancelled
                await cancel_broadcast(scope, dropped)
            assert again.value.key == "scheduled.not_changeable"
        async with loa.sessions() as session:
            listed = [(b.id, b.state) for b in await list_broadcasts(session)]
        assert listed[:2] == [(kept, "scheduled"), (moved, "scheduled")]
    finally:
        await loa.close()

    async with running_loa(config, clock) as run:  # before the time: nothing goes
        assert await start_due(run.sessions, clock, config.timezone) == 0
    assert await tg.call("counts") == {}

    # Loa is stopped; meanwhile an officer joins, and 07:00 passes.
    loa = await loa_app.build(config, clock=clock)
    try:
        newcomer = await make_officers(loa, tg, 1, first_id=900_000)
    finally:
        await loa.close()
    clock.set(local(2026, 11, 24, 7, 0) + timedelta(seconds=30))
    everyone = chats + newcomer
    async with running_loa(config, clock) as run:
        got = await received(tg, everyone, "Chào buổi sáng thứ Ba")
        assert got == {c: 1 for c in everyone}
        assert await state(run, moved) == BroadcastState.SCHEDULED  # its new time is tomorrow

    clock.set(local(2026, 11, 25, 9, 0, ) + timedelta(seconds=5))
    async with running_loa(config, clock) as run:  # restarted again: only the moved one goes
        got = await received(tg, everyone, "Bản tin dời giờ")
        assert got == {c: 1 for c in everyone}
        async with run.sessions() as session:
            rows = {b.id: b for b in await session.scalars(select(Broadcast))}
            jobs = await session.scalar(select(func.count()).select_from(Job).where(
                Job.kind == "broadcast"))
            actions = list(await session.scalars(select(AuditEntry.action).where(
                AuditEntry.object_kind == "broadcast").order_by(AuditEntry.id)))
    sent = await tg.sent()
    for text in ("Chào buổi sáng thứ Ba", "Bản tin dời giờ"):
        assert sum(1 for s in sent if s.get("text") == text) == len(everyone)
    assert not any(s.get("text") == "Bản tin bị huỷ" for s in sent)
    assert rows[dropped].state == BroadcastState.CANCELLED and rows[dropped].job_id is None
    assert jobs == 2
    # The yearly one waits for next year, same local day and hour, already approved.
    following = [b for b in rows.values() if b.id not in (kept, dropped, moved)]
    assert len(following) == 1 and following[0].state == BroadcastState.SCHEDULED
    assert following[0].scheduled_at == local(2027, 11, 25, 9) and following[0].repeat_yearly
    assert "broadcast.cancelled" in actions and "broadcast.rescheduled" in actions
    assert actions.count("broadcast.started") == 2


async def test_instances_racing_start_each_once(db_url, fake_server, tmp_path):
    """Three Loa instances (each its own engine, as separate processes have) on one database
    run the tick at the same moment, many times: every broadcast is started exactly once."""
    clock = FrozenClock(MORNING)
    config = console_config(db_url, fake_server, tmp_path, two_person_rule="false")
    instances = [await loa_app.build(config, clock=clock) for _ in range(3)]
    first = instances[0]
    try:
        await seed_units(first)
        await make_officers(first, None, 5, register=False)
        ids = [await schedule(first, f"Bản tin {i}", local(2026, 11, 24, 7, i % 3))
               for i in range(12)]
        clock.set(local(2026, 11, 24, 8))
        results = []
        for _ in range(3):
            results += await asyncio.gather(*(start_due(i.sessions, clock, config.timezone)
                                              for i in instances))
        assert sum(results) == len(ids)
        async with first.sessions() as session:
            jobs = await session.scalar(select(func.count()).select_from(Job))
            deliveries = await session.scalar(select(func.count()).select_from(Delivery))
            states = set(await session.scalars(select(Broadcast.state)))
        assert jobs == len(ids) and deliveries == 5 * len(ids)
        assert states == {BroadcastState.SENDING.value}
    finally:
        for i in instances:
            await i.close()


async def test_approved_after_its_time_goes_out_at_once_within_the_grace(db_url, fake_server, tmp_path):
    from bot.domain.audit import Actor
    from bot.services import Scope
    from bot.services.broadcasts import decide_broadcast
    from bot.store.models import Officer, Role

    clock = FrozenClock(MORNING)
    config = console_config(db_url, fake_server, tmp_path)  # the two-person rule on
    loa = await loa_app.build(config, clock=clock)
    try:
        await seed_units(loa)
        await make_officers(loa, None, 2, register=False)
        await make_officers(loa, None, 1, first_id=800_000, role=Role.APPROVER, register=False)
        async with loa.sessions() as session, session.begin():
            created = await create_broadcast(operator_scope(loa, session), {"text": "Chờ duyệt"},
                                             {}, at=local(2026, 11, 23, 10))
            later = await create_broadcast(operator_scope(loa, session), {"text": "Duyệt sớm"},
                                           {}, at=local(2026, 11, 23, 12))
            too_late = await create_broadcast(operator_scope(loa, session), {"text": "Quá giờ"},
                                              {}, at=local(2026, 11, 23, 10))
        assert created.waiting and created.broadcast.state == BroadcastState.AWAITING_APPROVAL
        clock.set(local(2026, 11, 23, 11))  # approved an hour after its time
        async with loa.sessions() as session, session.begin():
            approver = await session.scalar(select(Officer).where(Officer.role == Role.APPROVER))
            scope = Scope(session, clock, config, loa.texts, Actor.of(approver))
            late, count = await decide_broadcast(scope, created.broadcast.id, True)
            early, _ = await decide_broadcast(scope, later.broadcast.id, True)
            assert late.state == BroadcastState.SENDING and late.job_id is not None and count == (3, 0)
            assert early.state == BroadcastState.SCHEDULED and early.job_id is None
        clock.set(local(2026, 11, 23, 13, 1))  # later than the grace (3 h) after its time
        async with loa.sessions() as session, session.begin():
            scope = Scope(session, clock, config, loa.texts, Actor.of(
                await session.scalar(select(Officer).where(Officer.role == Role.APPROVER))))
            # Never sent late: its time must be changed first.
            with pytest.raises(Refused) as refused:
                await decide_broadcast(scope, too_late.broadcast.id, True)
            assert loa.texts(refused.value.key, **refused.value.values) == (
                "Bản tin #3 hẹn gửi lúc 10:00 23/11/2026 đã quá giờ hơn 3 giờ: Loa không gửi muộn "
                "bản tin hẹn giờ. Hãy đổi giờ gửi trước (/doihen 3 NGÀY GIỜ, hoặc trên trang quản "
                "trị), rồi duyệt.")
            b = await session.get(Broadcast, too_late.broadcast.id)
            assert b.state == BroadcastState.AWAITING_APPROVAL and b.job_id is None
            rejected, _ = await decide_broadcast(scope, too_late.broadcast.id, False)
            assert rejected.state == BroadcastState.REJECTED  # saying no is never too late
    finally:
        await loa.close()
