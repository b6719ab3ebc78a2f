"""`loa broadcast status`: one broadcast's numbers, read without building the whole bot.

An operator runs it again and again while a broadcast to hundreds of thousands sends; most of
its time went to importing and building every handler, console page and SDK (benchmarks/paid.py
measures it). It opens the database and the texts only. Should that fail (the database not
reachable, or its schema older than this code), the full path runs: it upgrades the schema, or
says what is wrong, as every command does.
"""

from __future__ import annotations

import sys
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cli.common import EXIT_CONFIG, say_database, with_loa
from bot.core.clock import Clock, SystemClock
from bot.core.config import Config
from bot.core.texts import Texts
from bot.domain.broadcasts import frozen_reach, numbers, say_reach
from bot.store.db import make_engine, make_sessionmaker
from bot.store.models import Broadcast


async def cmd_broadcast_status(config: Config, args: Any) -> int:
    engine = make_engine(config.database_url)
    try:
        found = await _read(make_sessionmaker(engine), SystemClock(), args.id)
    except (OSError, DBAPIError, TimeoutError):
        found = None
    finally:
        await engine.dispose()
    if found is not None:
        say_database(config.database_url)
        return _show(config, Texts.load(config.messages_dir), args.id, *found)

    async def work(loa: Any) -> int:
        return _show(config, loa.texts, args.id,
                     *await _read(loa.sessions, loa.clock, args.id))

    return await with_loa(config, work)


async def _read(sessions: async_sessionmaker[AsyncSession], clock: Clock, broadcast_id: int
                ) -> tuple[Broadcast | None, dict[str, int]]:
    """The broadcast and its numbers: as the progress reporter keeps them while it sends (a
    few seconds old at most), or counted."""
    async with sessions() as session:
        b = await session.get(Broadcast, broadcast_id)
        counts = (await numbers(session, clock, [b])).get(b.id, {}) if b is not None else {}
    return b, counts


def _show(config: Config, texts: Texts, broadcast_id: int, b: Broadcast | None,
          counts: dict[str, int]) -> int:
    if b is None:
        print(texts("cli.broadcast_status.no_broadcast", id=broadcast_id), file=sys.stderr)
        return EXIT_CONFIG
    when = b.created_at.astimezone(config.timezone).strftime("%H:%M %d/%m/%Y")
    print(texts("cli.broadcast_status.state", id=b.id, when=when,
                state=texts(f"broadcast.state_{b.state}")))
    if b.scheduled_at is not None:
        from bot.services.broadcasts import show_when

        print(texts("cli.broadcast_status.scheduled_yearly" if b.repeat_yearly
                    else "cli.broadcast_status.scheduled",
                    when=show_when(b.scheduled_at, config.timezone)))
    print(texts("cli.broadcast_status.numbers", reach=say_reach(texts, frozen_reach(b)),
                sent=counts.get("sent", 0), failed=counts.get("failed", 0),
                blocked=counts.get("blocked", 0), uncertain=counts.get("uncertain", 0),
                left=counts.get("pending", 0) + counts.get("sending", 0)))
    return 0
