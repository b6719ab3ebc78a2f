"""`loa invite`, `loa admin`: invites and roles."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from bot import app as loa_app
from bot.cli.common import EXIT_CONFIG, operator_scope, with_loa
from bot.cli.common import texts as cli_texts  # `texts` is a Texts in cmd_admin_add
from bot.core.config import Config
from bot.domain.invites import join_links, qr_png
from bot.domain.units import get_unit, list_units
from bot.services import Refused
from bot.services.people import (
    check_user_id,
    checked_name,
    create_invite,
    grant_admin,
    list_admins,
    remove_admin,
    revoke_invite,
)
from bot.store.models import Role


async def cmd_invite_create(config: Config, args: Any) -> int:
    if not 1 <= args.uses <= 10_000:
        print(cli_texts("cli.people.bad_uses"), file=sys.stderr)
        return EXIT_CONFIG
    if not 1 <= args.days <= 3650:
        print(cli_texts("cli.people.bad_days"), file=sys.stderr)
        return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        await loa_app.learn_channel_facts(loa)
        async with loa.sessions() as session, session.begin():
            unit = await get_unit(session, args.unit)
            if unit is None:
                print(loa.texts("cli.people.no_unit", code=args.unit), file=sys.stderr)
                return EXIT_CONFIG
            invite = await create_invite(operator_scope(loa, session), unit.code, Role(args.role),
                                         args.uses, args.days)
            links = await join_links(session, loa.config, invite.code)
        expires = invite.expires_at.astimezone(config.timezone).strftime("%H:%M %d/%m/%Y")
        print(loa.texts("cli.people.invite", unit=unit.name, role=loa.texts(f"role.{invite.role}"),
                        uses=invite.max_uses, expires=expires))
        if not links:
            print(loa.texts("cli.people.start", code=invite.code))
        for title, way in links.items():
            qr = await asyncio.to_thread(write_qr, loa.config.storage_dir, invite.code, title,
                                         way if way.startswith("https://") else
                                         f"/start {invite.code}")
            print(loa.texts("cli.people.link", title=title, way=way, qr=qr))
        print(invite.code)
        return 0

    return await with_loa(config, work)


async def cmd_invite_revoke(config: Config, args: Any) -> int:
    async def work(loa: loa_app.Loa) -> int:  # a refusal: with_loa says it and exits 2
        async with loa.sessions() as session, session.begin():
            invite = await revoke_invite(operator_scope(loa, session), args.code)
            print(loa.texts("people.revoked", code=invite.code, unit=invite.unit.name,
                            role=loa.texts(f"role.{invite.role}"), used=invite.used_count))
        return 0

    return await with_loa(config, work)


async def cmd_admin_add(config: Config, args: Any) -> int:
    """`loa admin add [--channel NAME] USER_ID` (without --channel: the first registered channel)."""
    from bot.core.texts import Texts

    texts = Texts.load(config.messages_dir)
    try:  # checked before touching the database, so a typo changes nothing
        user_id = check_user_id(args.channel, args.user_id)
    except Refused as exc:
        print(texts(exc.key, **exc.values), file=sys.stderr)
        return EXIT_CONFIG

    if args.name is not None:
        try:
            checked_name(args.name)
        except Refused as exc:
            print(texts(exc.key, **exc.values), file=sys.stderr)
            return EXIT_CONFIG

    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session, session.begin():
            granted = await grant_admin(operator_scope(loa, session), args.channel, user_id,
                                        args.name)
            name, in_unit = granted.officer.full_name, granted.officer.unit_id is not None
        values = {"channel": loa.texts(f"channel.{args.channel}"), "user_id": user_id}
        if not granted.changed:
            print(loa.texts("people.admin_already", **values))
        elif granted.previous:
            print(loa.texts("people.admin_granted_from", **values,
                            previous=loa.texts(f"role.{granted.previous}")))
        else:
            print(loa.texts("people.admin_granted", **values))
        print(loa.texts("newcomer.admin_named", name=name) if name
              else loa.texts("newcomer.admin_unnamed"))
        if not in_unit:
            print(loa.texts("newcomer.admin_no_prompt"))
        return 0

    return await with_loa(config, work)


async def cmd_admin_list(config: Config, args: Any) -> int:
    """`loa admin list`: every admin, with their accounts."""
    async def work(loa: loa_app.Loa) -> int:
        t = loa.texts
        async with loa.sessions() as session:
            rows = await list_admins(session)
            units = {u.id: u.name for u, _ in await list_units(session)}
        if not rows:
            print(t("newcomer.admin_list_none"))
            return 0
        print(t("newcomer.admin_list_header", n=len(rows)))
        for row in rows:
            o = row.officer
            accounts = ", ".join(f"{t(f'channel.{c}')} {u}" for c, u in row.accounts) or "—"
            print(t("newcomer.admin_list_line", id=o.id, name=o.full_name or t("common.not_given"),
                    unit=units.get(o.unit_id or 0) or t("common.no_unit"),
                    status=t(f"status.{o.status}"), accounts=accounts))
        return 0

    return await with_loa(config, work)


async def cmd_admin_remove(config: Config, args: Any) -> int:
    """`loa admin remove [--channel NAME] USER_ID`: the admin role taken back."""
    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session, session.begin():
            officer = await remove_admin(operator_scope(loa, session), args.channel, args.user_id)
            name, in_unit = officer.full_name, officer.unit_id is not None
        print(loa.texts("newcomer.admin_removed" if in_unit else "newcomer.admin_removed_stopped",
                        name=name or loa.texts("common.not_given"),
                        channel=loa.texts(f"channel.{args.channel}"), user_id=args.user_id))
        return 0

    return await with_loa(config, work)


def write_qr(storage: Path, code: str, title: str, text: str) -> Path:
    """The QR code PNG for one channel's way to join, kept under the storage folder."""
    folder = storage / "invites"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}-{title.lower()}.png"
    path.write_bytes(qr_png(text))
    return path
