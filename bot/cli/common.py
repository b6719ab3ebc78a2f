"""What every `loa` command shares: exit codes, dates, Loa built for one command."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import errno
import re
import signal
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels import ChannelUnavailable, specs
from bot.core.config import Config
from bot.core.texts import shipped
from bot.store.db import describe_database

if TYPE_CHECKING:  # imported where it runs: a command that reads a few rows need not build it all
    from bot import app as loa_app
    from bot.services import Scope

EXIT_CONFIG = 2


def texts(key: str, **values: Any) -> str:
    """A command's words where no Loa is built (arguments, channels): messages/ beside the code."""
    return shipped()(key, **values)


async def with_loa(config: Config, work: Callable[[loa_app.Loa], Awaitable[int]],
                    database_url: str | None = None) -> int:
    """Run `work` on a Loa built for this command. A service's refusal that `work` lets through
    is printed in the operator's words and the command exits 2 (its transaction rolled back)."""
    from bot import app as loa_app
    from bot.services import Refused

    loa = await loa_app.build(config, database_url=database_url)
    say_database(database_url or config.database_url)
    try:
        return await work(loa)
    except Refused as exc:
        print(loa.texts(exc.key, **exc.values), file=sys.stderr)
        return EXIT_CONFIG
    finally:
        await loa.close()


def operator_scope(loa: loa_app.Loa, session: AsyncSession) -> Scope:
    """Service calls from the command line act as the operator (one audit actor kind)."""
    from bot.domain.audit import OPERATOR
    from bot.services import Scope

    return Scope(session, loa.clock, loa.config, loa.texts, OPERATOR, loa.outbox.wake)


def date_arg(value: str) -> dt.date:
    """A day as the chat takes it (dd/mm/yyyy) or as ISO (YYYY-MM-DD)."""
    try:
        m = re.fullmatch(r"\s*([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})\s*", value)
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(texts("cli.common.bad_date", value=value)) from None


# What the system says of a file, in Vietnamese (its own words are English: "No such file").
_OS_PROBLEMS = {errno.ENOENT: "cli.common.os_enoent", errno.EACCES: "cli.common.os_eacces",
                errno.EPERM: "cli.common.os_eacces", errno.EISDIR: "cli.common.os_eisdir",
                errno.ENOTDIR: "cli.common.os_enotdir", errno.ENOSPC: "cli.common.os_enospc",
                errno.EROFS: "cli.common.os_erofs"}


def os_problem(exc: OSError) -> str:
    key = _OS_PROBLEMS.get(exc.errno or 0)
    return texts(key) if key else texts("cli.common.os_other", errno=exc.errno)




def no_channel() -> str:
    """What to set when no channel can send (each adapter names its own token variable)."""
    names = texts("cli.common.either").join(
        spec.token_env for spec in specs().values() if spec.token_env)
    return texts("cli.common.no_channel", names=names)


async def on_channels(loa: loa_app.Loa,
                      send: Callable[[], Awaitable[dict[str, int]]]) -> dict[str, int]:
    """Run `send` with the configured channels open in this process (ready to send, not
    receiving: a bot process may be receiving beside it)."""
    loa.add_configured_channels()
    try:
        for channel in loa.channels.values():
            await channel.open()
        return await send()
    finally:
        for channel in loa.channels.values():
            await channel.close()


async def reach_channels(loa: loa_app.Loa) -> bool:
    """Open each configured channel once before anything is queued: ChannelUnavailable if one
    cannot be reached, so nothing waits in the queue for a send that is not going to happen now.
    False when no channel is configured (the caller says no_channel())."""
    loa.add_configured_channels()
    for channel in loa.channels.values():
        try:
            await channel.open()
        finally:
            await channel.close()
    return bool(loa.channels)


async def drain(loa: loa_app.Loa, job_ids: list[int], total: int) -> dict[str, int]:
    """Follow the jobs until their rows are through (or Ctrl-C). A channel whose lease a bot
    process holds is sent by that process, under its rate limit: this one only watches. A
    channel nobody sends for is sent from here, under its lease."""
    from bot.delivery.outbox import job_counts

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    from bot.app import lease_names

    names = lease_names(loa)
    loa.leases.role = "cli"
    loa.leases.key_check = await loa.media.secret.key_check()  # it signs photo links too
    loa.leases.wanted = set(names.values())
    await loa.leases.beat()
    loa.outbox.sending = {ch for ch, lease in names.items() if lease in loa.leases.held}
    if loa.outbox.sending != set(names):
        print(loa.texts("cli.common.bot_sends"), flush=True)

    async def follow(held: set[str]) -> None:
        # A bot that dies mid-send may leave its lease to this process: then this one sends,
        # after the second in which the bot's last sends still count.
        sending = {ch for ch, lease in names.items() if lease in held}
        for channel in sending - (loa.outbox.sending or set()):
            loa.took_over(channel)
        loa.outbox.sending = sending
        loa.outbox.wake()

    loa.leases.on_change = follow
    runners = [asyncio.create_task(loa.outbox.run(stop)), asyncio.create_task(loa.leases.run(stop))]
    try:
        while True:
            counts: dict[str, int] = {}
            async with loa.sessions() as session:
                for job_id in job_ids:
                    for state, n in (await job_counts(session, job_id)).items():
                        counts[state] = counts.get(state, 0) + n
            left = counts["pending"] + counts["sending"]
            print(loa.texts("cli.common.progress", sent=counts["sent"], total=total,
                            failed=counts["failed"], blocked=counts["blocked"], left=left),
                  flush=True)
            if left == 0 or stop.is_set():
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.0)
    finally:
        stop.set()
        await asyncio.gather(*runners, return_exceptions=True)
    return counts


def say_database(url: str) -> None:
    """Every command says which database it reads (the demo's is not the main one)."""
    print(texts("cli.common.database", database=describe_database(url)), file=sys.stderr)


def role_arg(value: str) -> str:
    """A role as the chat names it (canbo, daumoi, duyet, quantri) or in English."""
    from bot.domain.officers import ROLE_WORDS, VIETNAMESE_ROLE_WORDS

    role = ROLE_WORDS.get(value.strip().lower())
    if role is None:
        raise argparse.ArgumentTypeError(texts("cli.common.bad_role", value=repr(value),
                                               roles=", ".join(VIETNAMESE_ROLE_WORDS)))
    return role.value


def channel_problem(exc: ChannelUnavailable) -> str:
    """One line: which platform could not be used, and what to check."""
    if exc.problem == "bad_token":
        if exc.token_env:
            return texts("cli.common.bad_token", channel=exc.channel, env=exc.token_env)
        return texts("cli.common.bad_token_no_env", channel=exc.channel)
    if exc.address_env:
        return texts("cli.common.unreachable_env", channel=exc.channel, where=exc.where,
                     env=exc.address_env)
    return texts("cli.common.unreachable", channel=exc.channel, where=exc.where)
