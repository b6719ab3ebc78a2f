"""`[retention] deliveries_days`: finished delivery rows of old jobs go, in batches; what is
still pending or uncertain stays, and so does a broadcast's whose numbers were never kept."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot import app as loa_app
from bot.delivery.outbox import Recipient, create_job, enqueue
from bot.domain import retention
from bot.domain.retention import remove_old_deliveries
from bot.store.models import Broadcast, Delivery, DeliveryState, Identity
from tests.conftest import make_config
from tests.support.helpers import audit_log, make_officers, seed_units


async def test_old_finished_rows_go_in_batches_and_the_rest_stays(db_url, clock, monkeypatch):
    monkeypatch.setattr(retention, "DELIVERY_BATCH", 3)  # several batches
    loa = await loa_app.build(make_config(db_url), clock=clock)
    try:
        await seed_units(loa)
        await make_officers(loa, None, 6, register=False)
        async with loa.sessions() as session:
            people = [Recipient(o, c, ch) for o, c, ch in (await session.execute(
                select(Identity.officer_id, Identity.channel, Identity.chat_id)
                .order_by(Identity.officer_id))).all()]
        start = clock.now()
        async with loa.sessions() as session, session.begin():
            old = await create_job(session, clock, "prompt")
            counted = await create_job(session, clock, "broadcast")
            uncounted = await create_job(session, clock, "broadcast")
            for job in (old, counted, uncounted):
                await enqueue(session, clock, job.id, [(p, {"text": "x"}) for p in people])
            # One finished with its numbers kept, one from before they were kept (no counts).
            session.add(Broadcast(content={"text": "x"}, audience={}, state="done",
                                  job_id=counted.id, recipients=6, counts={"sent": 6},
                                  created_at=start))
            session.add(Broadcast(content={"text": "x"}, audience={}, state="done",
                                  job_id=uncounted.id, recipients=6, created_at=start))
            rows = list(await session.scalars(select(Delivery).where(Delivery.job_id == old.id)
                                              .order_by(Delivery.id)))
            # Settled outcomes of every kind, and two that are not settled.
            for row, state in zip(rows, ["sent", "failed", "blocked", "skipped", "pending",
                                         "uncertain"], strict=True):
                row.state = state
            await session.execute(Delivery.__table__.update().where(
                Delivery.job_id == counted.id).values(state=DeliveryState.SENT.value))
            await session.execute(Delivery.__table__.update().where(
                Delivery.job_id == uncounted.id).values(state=DeliveryState.SENT.value))
        clock.set(start + dt.timedelta(days=30))
        async with loa.sessions() as session, session.begin():
            recent = await create_job(session, clock, "prompt")
            await enqueue(session, clock, recent.id, [(p, {"text": "y"}) for p in people])
            await session.execute(Delivery.__table__.update().where(
                Delivery.job_id == recent.id).values(state=DeliveryState.SENT.value))

        assert await remove_old_deliveries(loa.sessions, clock, 0) == 0  # 0: kept forever
        assert await remove_old_deliveries(loa.sessions, clock, 31) == 0  # nothing that old
        assert await remove_old_deliveries(loa.sessions, clock, 29) == 4 + 6
        async with loa.sessions() as session:
            left = {(job, state) for job, state in (await session.execute(
                select(Delivery.job_id, Delivery.state))).all()}
        assert left == {(old.id, "pending"), (old.id, "uncertain"), (uncounted.id, "sent"),
                        (recent.id, "sent")}
        log = await audit_log(loa)
        assert [a for a, *_ in log if a == "deliveries.removed"] == ["deliveries.removed"]
    finally:
        await loa.close()
