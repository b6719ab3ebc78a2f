"""A broadcast's numbers while it sends (issue #23): the progress reporter counts a national
broadcast's rows once a tick and keeps the result on the broadcast; `loa broadcast status`, the
list and the console read that row while it is fresh, a finished broadcast's numbers for good,
and count again when nobody has counted lately."""

from __future__ import annotations

from datetime import timedelta

from bot import app as loa_app
from bot.domain.broadcasts import FRESH_COUNTS, ProgressReporter, mark_done, numbers, start_sending
from bot.store.models import Broadcast, BroadcastState
from tests.conftest import make_config
from tests.support.helpers import make_officers, seed_units


async def test_numbers_are_read_from_the_broadcast_while_fresh_and_counted_otherwise(
        db_url, tg, clock):
    loa = await loa_app.build(make_config(db_url), clock=clock)  # nothing runs: no reporter
    try:
        await seed_units(loa)
        await make_officers(loa, tg, 3)
        async with loa.sessions() as session, session.begin():
            b = Broadcast(content={"text": "Tin"}, audience={"units": ["TYTBC"]},
                          state=BroadcastState.SENDING.value, created_at=clock.now())
            session.add(b)
            await session.flush()
            await start_sending(session, clock, b)
            broadcast_id = b.id

        async def read() -> dict[str, int]:
            async with loa.sessions() as session:
                b = await session.get(Broadcast, broadcast_id)
                return (await numbers(session, clock, [b]))[broadcast_id]

        assert (await read())["pending"] == 3  # never counted: counted now
        reporter = ProgressReporter(loa.sessions, loa.delivery, clock, loa.texts, 3.0, 30.0)
        await reporter.tick()
        async with loa.sessions() as session:
            kept = await session.get(Broadcast, broadcast_id)
            assert kept.counts["pending"] == 3 and kept.counted_at == clock.now()

        async def keep(counts: dict[str, int], age: timedelta, state: str) -> None:
            async with loa.sessions() as session, session.begin():
                b = await session.get(Broadcast, broadcast_id)
                b.counts, b.counted_at, b.state = counts, clock.now() - age, state

        # What the reporter kept is what is read (these numbers are not the rows'): no count.
        await keep({"sent": 2, "pending": 1}, FRESH_COUNTS - timedelta(seconds=1), "sending")
        assert await read() == {"sent": 2, "pending": 1}
        # Nobody counted lately (Loa is down): the rows are counted again.
        await keep({"sent": 2, "pending": 1}, FRESH_COUNTS + timedelta(seconds=1), "sending")
        assert (await read())["pending"] == 3
        # A finished broadcast keeps its final numbers for good.
        done = {"pending": 0, "sending": 0, "sent": 3, "failed": 0, "blocked": 0,
                "uncertain": 0, "skipped": 0}
        assert await mark_done(loa.sessions, clock, broadcast_id, done)
        clock.advance(timedelta(days=30))
        assert await read() == done
    finally:
        await loa.close()
