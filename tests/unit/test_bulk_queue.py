"""BulkQueue writes what enqueue writes: in batches through a staging table, in order, once."""

from __future__ import annotations

from sqlalchemy import select

from bot import app as loa_app
from bot.delivery.outbox import BulkQueue, Recipient, create_job, enqueue
from bot.store.models import Delivery, DeliveryState, Identity
from tests.conftest import make_config
from tests.support.helpers import make_officers, seed_units


async def test_rows_in_order_across_batches_with_shared_payloads_and_repeats_skipped(db_url,
                                                                                     clock):
    loa = await loa_app.build(make_config(db_url), clock=clock)
    try:
        await seed_units(loa)
        chats = await make_officers(loa, None, 25, register=False)
        async with loa.sessions() as session:
            people = [Recipient(o, c, ch) for o, c, ch in (await session.execute(
                select(Identity.officer_id, Identity.channel, Identity.chat_id)
                .order_by(Identity.officer_id))).all()]
        assert [p.chat_id for p in people] == [str(c) for c in chats]
        shared = {"text": "Chào buổi sáng", "choices": [[["Báo cáo", "pr:1:r"]]]}
        async with loa.sessions() as session, session.begin():
            prompts = await create_job(session, clock, "prompt")
            reminders = await create_job(session, clock, "reminder")
            # Two officers already have today's prompt: they are not queued again.
            await enqueue(session, clock, prompts.id, [(people[3], {"text": "cũ"}),
                                                       (people[17], {"text": "cũ"})])
            bulk = BulkQueue(session, clock, batch=4)  # several flushes
            first = bulk.group(prompts.id, 100)
            muted = bulk.group(prompts.id, 100, DeliveryState.SKIPPED, "muted")
            second = bulk.group(reminders.id, 100)
            for i, person in enumerate(reversed(people)):  # not in id order: order kept as added
                if i % 7 == 0:
                    await bulk.add(muted, person, {})
                else:
                    await bulk.add(first, person, shared)
                if i % 5 == 0:
                    await bulk.add(second, person, {"text": f"Nhắc {i}", "n": i})
            added = await bulk.finish()
        async with loa.sessions() as session:
            rows = (await session.scalars(select(Delivery).order_by(Delivery.id))).all()
    finally:
        await loa.close()
    expected_first = [p for i, p in enumerate(reversed(people)) if i % 7 and p not in
                      (people[3], people[17])]
    expected_muted = [p for i, p in enumerate(reversed(people)) if i % 7 == 0
                      and p not in (people[3], people[17])]
    expected_second = [(p, i) for i, p in enumerate(reversed(people)) if i % 5 == 0]
    assert added == [len(expected_first), len(expected_muted), len(expected_second)]
    new = rows[2:]
    assert [(r.job_id, r.officer_id, r.chat_id, r.state, r.last_error) for r in new] == (
        [(prompts.id, p.officer_id, p.chat_id, "pending", None) for p in expected_first]
        + [(prompts.id, p.officer_id, p.chat_id, "skipped", "muted") for p in expected_muted]
        + [(reminders.id, p.officer_id, p.chat_id, "pending", None) for p, _ in expected_second])
    assert [r.payload for r in new] == (
        [shared] * len(expected_first) + [{}] * len(expected_muted)
        + [{"text": f"Nhắc {i}", "n": i} for _, i in expected_second])
    assert {(r.priority, r.attempts, r.not_before, r.created_at) for r in new} == {
        (100, 0, clock.now(), clock.now())}
    assert [r.payload for r in rows[:2]] == [{"text": "cũ"}] * 2  # the earlier rows untouched


async def test_nothing_added_writes_nothing(db_url, clock):
    loa = await loa_app.build(make_config(db_url), clock=clock)
    try:
        async with loa.sessions() as session, session.begin():
            job = await create_job(session, clock, "prompt")
            bulk = BulkQueue(session, clock)
            bulk.group(job.id)
            assert await bulk.finish() == [0]
    finally:
        await loa.close()
