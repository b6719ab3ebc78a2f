"""`loa unit`, `loa invite`, `loa admin`: units, invites and roles."""

from __future__ import annotations

import sys
from typing import Any

from bot import app as loa_app
from bot.cli.common import EXIT_CONFIG, with_loa
from bot.core.config import Config
from bot.domain.invites import BOT_USERNAME_KEY, create_invite, invite_link
from bot.domain.officers import is_admin, make_admin
from bot.domain.units import add_unit, get_unit, list_units
from bot.store.models import Role, Setting


async def cmd_unit_add(config: Config, args: Any) -> int:
    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session, session.begin():
            unit = await add_unit(session, loa.clock, args.name, args.parent, args.code)
        print(f"Đã thêm đơn vị {unit.name}. Mã:")
        print(unit.code)
        return 0

    return await with_loa(config, work)


async def cmd_unit_list(config: Config, args: Any) -> int:
    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            for unit, depth in await list_units(session):
                print(f"{'  ' * depth}{unit.code}\t{unit.name}")
        return 0

    return await with_loa(config, work)


async def cmd_invite_create(config: Config, args: Any) -> int:
    if not 1 <= args.uses <= 10_000:
        print("--uses phải là số nguyên từ 1 đến 10000.", file=sys.stderr)
        return EXIT_CONFIG
    if not 1 <= args.days <= 3650:
        print("--days phải là số nguyên từ 1 đến 3650.", file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        await learn_bot_username(loa)
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

    return await with_loa(config, work)


async def learn_bot_username(loa: loa_app.Loa) -> None:
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
            already = await is_admin(session, "telegram", user_id)
            await make_admin(session, loa.clock, "telegram", user_id)
        print(f"Tài khoản Telegram {user_id} đã là quản trị viên từ trước: không thay đổi gì."
              if already else f"Đã cấp quyền quản trị viên cho tài khoản Telegram {user_id}.")
        return 0

    return await with_loa(config, work)
