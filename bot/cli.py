"""The `loa` command: run the bot, the demo chat, and the operators' tools."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from bot import app as loa_app
from bot.config import Config, ConfigError, load_config
from bot.invites import BOT_USERNAME_KEY, create_invite, invite_link
from bot.logs import setup_logging
from bot.models import Role, Setting
from bot.officers import make_admin
from bot.texts import TextsError
from bot.units import UnitError, add_unit, get_unit, list_units

log = logging.getLogger("loa")

EXIT_CONFIG = 2
DEMO_INVITE = "DEMO"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_CONFIG
    try:
        config = load_config()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    setup_logging(config.timezone, config.secrets,
                  logging.WARNING if args.cmd in ("demo", "run") and not config.telegram.active
                  else logging.INFO)
    try:
        return asyncio.run(args.func(config, args))
    except (TextsError, UnitError) as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="loa", description="Loa — kế hoạch truyền thông tới từng cán bộ.")
    sub = p.add_subparsers(dest="cmd")

    sub.add_parser("run", help="chạy bot (không có TELEGRAM_BOT_TOKEN: chạy bản thử)"
                   ).set_defaults(func=cmd_run)
    demo = sub.add_parser("demo", help="bản thử trong cửa sổ dòng lệnh, CSDL SQLite riêng")
    demo.add_argument("--reset", action="store_true", help="xóa dữ liệu bản thử và bắt đầu lại")
    demo.add_argument("--admin", action="store_true", help="nhắn tin với quyền quản trị viên")
    demo.set_defaults(func=cmd_demo)

    db = sub.add_parser("db", help="cơ sở dữ liệu").add_subparsers(dest="db_cmd", required=True)
    db.add_parser("upgrade", help="áp dụng các bản nâng cấp CSDL").set_defaults(func=cmd_db_upgrade)

    unit = sub.add_parser("unit", help="đơn vị").add_subparsers(dest="unit_cmd", required=True)
    add = unit.add_parser("add", help="thêm đơn vị, in ra mã")
    add.add_argument("name")
    add.add_argument("--parent", help="mã đơn vị cấp trên")
    add.add_argument("--code", help="mã tự chọn (mặc định: chữ cái đầu của tên)")
    add.set_defaults(func=cmd_unit_add)
    unit.add_parser("list", help="danh sách đơn vị").set_defaults(func=cmd_unit_list)

    inv = sub.add_parser("invite", help="mã mời").add_subparsers(dest="invite_cmd", required=True)
    create = inv.add_parser("create", help="tạo mã mời; dòng cuối là mã")
    create.add_argument("--unit", required=True, help="mã đơn vị")
    create.add_argument("--role", default="officer", choices=[r.value for r in Role])
    create.add_argument("--uses", type=int, default=1, help="số lần dùng (mặc định 1)")
    create.add_argument("--days", type=int, default=7, help="số ngày hiệu lực (mặc định 7)")
    create.set_defaults(func=cmd_invite_create)

    adm = sub.add_parser("admin", help="quản trị viên").add_subparsers(dest="admin_cmd",
                                                                          required=True)
    adm_add = adm.add_parser("add", help="cấp quyền quản trị cho một tài khoản Telegram")
    adm_add.add_argument("telegram_user_id")
    adm_add.set_defaults(func=cmd_admin_add)
    return p


async def _with_loa(config: Config, work: Callable[[loa_app.Loa], Awaitable[int]],
                    database_url: str | None = None) -> int:
    loa = await loa_app.build(config, database_url=database_url)
    try:
        return await work(loa)
    finally:
        await loa.close()


async def cmd_db_upgrade(config: Config, args: Any) -> int:
    async def work(_: loa_app.Loa) -> int:
        print("CSDL đã ở phiên bản mới nhất.")
        return 0

    return await _with_loa(config, work)


async def cmd_unit_add(config: Config, args: Any) -> int:
    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session, session.begin():
            unit = await add_unit(session, loa.clock, args.name, args.parent, args.code)
        print(f"Đã thêm đơn vị {unit.name}. Mã:")
        print(unit.code)
        return 0

    return await _with_loa(config, work)


async def cmd_unit_list(config: Config, args: Any) -> int:
    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            for unit, depth in await list_units(session):
                print(f"{'  ' * depth}{unit.code}\t{unit.name}")
        return 0

    return await _with_loa(config, work)


async def cmd_invite_create(config: Config, args: Any) -> int:
    if not 1 <= args.uses <= 10_000:
        print("--uses phải là số nguyên từ 1 đến 10000.", file=sys.stderr)
        return EXIT_CONFIG
    if not 1 <= args.days <= 3650:
        print("--days phải là số nguyên từ 1 đến 3650.", file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        await _learn_bot_username(loa)
        async with loa.sessions() as session, session.begin():
            unit = await get_unit(session, args.unit)
            if unit is None:
                print(f"Không có đơn vị mã {args.unit}. Xem các mã: loa unit list", file=sys.stderr)
                return EXIT_CONFIG
            invite = await create_invite(session, loa.clock, unit, Role(args.role), args.uses,
                                         args.days)
            link = await invite_link(session, invite.code)
        expires = invite.expires_at.astimezone(config.timezone).strftime("%H:%M %d/%m/%Y")
        print(f"Mã mời cho {unit.name} ({loa.texts('role.' + invite.role)}), "
              f"dùng được {invite.max_uses} lần, hết hạn {expires}.")
        print(f"Đường dẫn: {link or 'https://t.me/<tên_bot>?start=' + invite.code}")
        print(invite.code)
        return 0

    return await _with_loa(config, work)


async def _learn_bot_username(loa: loa_app.Loa) -> None:
    """Ask Telegram for the bot's username once, so invite links can be printed."""
    if not loa.config.telegram.active:
        return
    async with loa.sessions() as session:
        if await session.get(Setting, BOT_USERNAME_KEY) is not None:
            return
    from bot.channels.telegram import fetch_username

    username = await fetch_username(loa.config.telegram)
    if username:
        await loa_app.remember_bot_username(loa.sessions, username)


async def cmd_admin_add(config: Config, args: Any) -> int:
    user_id = args.telegram_user_id.strip()
    if not user_id.isdigit():
        print("TELEGRAM_USER_ID là một dãy số (xem bằng @userinfobot trên Telegram).",
              file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session, session.begin():
            await make_admin(session, loa.clock, "telegram", user_id)
        print(f"Tài khoản Telegram {user_id} đã là quản trị viên.")
        return 0

    return await _with_loa(config, work)


async def cmd_run(config: Config, args: Any) -> int:
    if not config.telegram.active:
        reason = ("kênh Telegram đang tắt trong config.toml" if config.telegram.token
                  else "chưa đặt TELEGRAM_BOT_TOKEN")
        print(f"Không có kênh nào để chạy ({reason}): mở bản thử trong cửa sổ dòng lệnh.",
              file=sys.stderr)
        return await cmd_demo(config, argparse.Namespace(reset=False, admin=False))
    from bot.channels.telegram import TelegramChannel

    loa = await loa_app.build(config)
    loa.add_channel(TelegramChannel(
        config.telegram, commands=loa_app.telegram_commands(loa),
        on_username=lambda name: loa_app.remember_bot_username(loa.sessions, name)))
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
                                 t("console.goodbye"), t.template("console.no_file"))
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
    """A sample unit tree and the invite code DEMO, created once."""
    async with loa.sessions() as session, session.begin():
        if await get_unit(session, "SYTMAU") is None:
            await add_unit(session, loa.clock, "Sở Y tế (mẫu)", code="SYTMAU")
            await add_unit(session, loa.clock, "Trung tâm Y tế thành phố (mẫu)", "SYTMAU",
                           code="TTYTMAU")
            ward = await add_unit(session, loa.clock, "Trạm Y tế phường Hòa Bình (mẫu)", "TTYTMAU",
                                  code="TYTMAU")
            await create_invite(session, loa.clock, ward, Role.OFFICER, uses=10_000, days=3650,
                                code=DEMO_INVITE)
        if admin:
            await make_admin(session, loa.clock, "console", loa.config.demo.user_id)
