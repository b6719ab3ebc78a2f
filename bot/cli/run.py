"""`loa run`, `loa demo`, `loa db`: the bot itself and its database."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from pathlib import Path
from typing import Any

from bot import app as loa_app
from bot.cli.common import say_database, with_loa
from bot.core.config import Config
from bot.domain.invites import create_invite
from bot.domain.officers import make_admin
from bot.domain.units import add_unit, get_unit
from bot.store.models import Role


async def cmd_db_upgrade(config: Config, args: Any) -> int:
    async def work(_: loa_app.Loa) -> int:
        print("CSDL đã ở phiên bản mới nhất.")
        return 0

    return await with_loa(config, work)


async def cmd_run(config: Config, args: Any) -> int:
    if not config.telegram.active:
        reason = ("kênh Telegram đang tắt trong config.toml" if config.telegram.token
                  else "chưa đặt TELEGRAM_BOT_TOKEN")
        print(f"Không có kênh nào để chạy ({reason}): mở bản thử trong cửa sổ dòng lệnh.",
              file=sys.stderr)
        return await cmd_demo(config, argparse.Namespace(reset=False, admin=False))
    loa = await loa_app.build(config)
    say_database(config.database_url)
    loa.add_channel(loa_app.telegram_channel(loa))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await loa_app.run(loa, stop)
    finally:
        await loa.close()
    return 0


async def cmd_demo(config: Config, args: Any) -> int:
    from bot.channels.console import ConsoleChannel

    url = config.demo.database_url
    if args.reset and url.startswith("sqlite"):
        path = Path(url.split(":///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)  # noqa: ASYNC240 - before anything runs
    loa = await loa_app.build(config, database_url=url)
    try:
        await seed_demo(loa, admin=args.admin)
        t = loa.texts
        console = ConsoleChannel(config.demo.user_id, t("console.banner", code=DEMO_INVITE),
                                 t("console.goodbye"), t.template("console.no_file"),
                                 not_image=t.template("console.not_image"))
        loa.add_channel(console)
        stop = asyncio.Event()
        runner = asyncio.create_task(loa_app.run(loa, stop))
        await console.finished.wait()
        stop.set()
        await runner
    finally:
        await loa.close()
    return 0


async def seed_demo(loa: loa_app.Loa, admin: bool = False) -> None:
    """A sample unit tree, the invite code DEMO and the shipped campaigns, created once."""
    from bot.domain.campaigns import check_file
    from bot.domain.campaigns import load as load_campaign

    async with loa.sessions() as session, session.begin():
        if await get_unit(session, "SYTMAU") is None:
            await add_unit(session, loa.clock, "Sở Y tế (mẫu)", code="SYTMAU")
            await add_unit(session, loa.clock, "Trung tâm Y tế thành phố (mẫu)", "SYTMAU",
                           code="TTYTMAU")
            ward = await add_unit(session, loa.clock, "Trạm Y tế phường Hòa Bình (mẫu)", "TTYTMAU",
                                  code="TYTMAU")
            await create_invite(session, loa.clock, ward, Role.OFFICER, uses=10_000, days=3650,
                                code=DEMO_INVITE)
            # The shipped campaigns, so /homnay and reports show real content.
            for path in sorted((loa.config.messages_dir / "campaigns").glob("*.toml")):
                await load_campaign(session, loa.clock, check_file(path), path.name)
        if admin:
            await make_admin(session, loa.clock, "console", loa.config.demo.user_id)


DEMO_INVITE = "DEMO"
