"""What every `loa` command shares: exit codes, dates, Loa built for one command."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import signal
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from bot import app as loa_app
from bot.core.config import Config
from bot.domain.audit import OPERATOR
from bot.services import Scope

EXIT_CONFIG = 2


async def with_loa(config: Config, work: Callable[[loa_app.Loa], Awaitable[int]],
                    database_url: str | None = None) -> int:
    loa = await loa_app.build(config, database_url=database_url)
    try:
        return await work(loa)
    finally:
        await loa.close()


def operator_scope(loa: loa_app.Loa, session: AsyncSession) -> Scope:
    """Service calls from the command line act as the operator (one audit actor kind)."""
    return Scope(session, loa.clock, loa.config, loa.texts, OPERATOR, loa.outbox.wake)


def date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ngày phải có dạng YYYY-MM-DD, ví dụ 2026-11-23 (đang là {value!r})") from None


async def on_telegram(loa: loa_app.Loa,
                       send: Callable[[], Awaitable[dict[str, int]]]) -> dict[str, int]:
    """Run `send` with the Telegram channel open in this process."""
    channel = loa_app.telegram_channel(loa)
    await channel.open()
    loa.add_channel(channel)
    try:
        return await send()
    finally:
        await channel.close()


async def drain(loa: loa_app.Loa, job_ids: list[int], total: int) -> dict[str, int]:
    """Run the outbox in this process until the jobs' rows are through (or Ctrl-C)."""
    from bot.delivery.outbox import job_counts

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    runner = asyncio.create_task(loa.outbox.run(stop))
    try:
        while True:
            counts: dict[str, int] = {}
            async with loa.sessions() as session:
                for job_id in job_ids:
                    for state, n in (await job_counts(session, job_id)).items():
                        counts[state] = counts.get(state, 0) + n
            left = counts["pending"] + counts["sending"]
            print(f"Đã gửi {counts['sent']}/{total} · lỗi {counts['failed']} · "
                  f"chặn bot {counts['blocked']} · còn lại {left}", flush=True)
            if left == 0 or stop.is_set():
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.0)
    finally:
        stop.set()
        await runner
    return counts
