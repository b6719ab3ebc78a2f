"""What every `loa` command shares: exit codes, dates, Loa built for one command."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import signal
import sys
from collections.abc import Awaitable, Callable

from bot import app as loa_app
from bot.channels import ChannelUnavailable
from bot.core.config import Config
from bot.domain.officers import ROLE_WORDS, VIETNAMESE_ROLE_WORDS
from bot.store.db import describe_database

EXIT_CONFIG = 2


async def with_loa(config: Config, work: Callable[[loa_app.Loa], Awaitable[int]],
                    database_url: str | None = None) -> int:
    loa = await loa_app.build(config, database_url=database_url)
    say_database(database_url or config.database_url)
    try:
        return await work(loa)
    finally:
        await loa.close()


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


async def reach_telegram(loa: loa_app.Loa) -> None:
    """Ask Telegram once (getMe) before anything is queued: ChannelUnavailable if it cannot be
    reached, so nothing waits in the queue for a send that is not going to happen now."""
    channel = loa_app.telegram_channel(loa)
    await channel.open()
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


def say_database(url: str) -> None:
    """Every command says which database it reads (the demo's is not the main one)."""
    print(f"CSDL: {describe_database(url)}", file=sys.stderr)


def role_arg(value: str) -> str:
    """A role as the chat names it (canbo, daumoi, duyet, quantri) or in English."""
    role = ROLE_WORDS.get(value.strip().lower())
    if role is None:
        raise argparse.ArgumentTypeError(
            f"không có vai trò {value!r}; chọn một trong: {', '.join(VIETNAMESE_ROLE_WORDS)}")
    return role.value


def channel_problem(exc: ChannelUnavailable) -> str:
    """One line: which platform could not be used, and what to check."""
    if exc.problem == "bad_token":
        return (f"{exc.channel} từ chối mã bot: kiểm tra lại TELEGRAM_BOT_TOKEN "
                "(lấy từ @BotFather).")
    return (f"Không kết nối được tới {exc.channel} ({exc.where}): kiểm tra mạng, tường lửa hoặc "
            "proxy của máy này, và TELEGRAM_API_BASE_URL nếu có đặt.")
