"""Admin commands in chat: the unit list and invites."""

from __future__ import annotations

from bot.core.flows import STAY, Command, Context
from bot.domain.invites import create_invite, invite_link
from bot.domain.officers import ROLE_WORDS
from bot.domain.units import get_unit, list_units
from bot.store.models import Role


async def list_unit_codes(ctx: Context) -> str:
    """/donvi: every unit with its code, as a tree."""
    units = await list_units(ctx.session)
    if not units:
        ctx.say("admin.no_units")
        return STAY
    lines = [f"{'   ' * depth}• {u.name} — {u.code}" for u, depth in units]
    ctx.say("admin.units", units="\n".join(lines))
    return STAY


async def invite(ctx: Context) -> str:
    """/moi MÃ_ĐƠN_VỊ [vai trò] [số lượt]: a new invite code and link for a unit."""
    args = list(ctx.args)
    if not args or len(args) > 3:
        ctx.say("admin.invite_usage")
        return STAY
    unit = await get_unit(ctx.session, args[0])
    if unit is None:
        ctx.say("admin.unknown_unit", code=args[0][:32])
        return STAY
    role = ROLE_WORDS.get(args[1].lower()) if len(args) > 1 else Role.OFFICER
    if role is None:
        ctx.say("admin.unknown_role", role=args[1][:32])
        return STAY
    uses = args[2] if len(args) > 2 else "1"
    if not uses.isdigit() or not 1 <= int(uses) <= 10_000:
        ctx.say("admin.bad_uses")
        return STAY
    created = await create_invite(ctx.session, ctx.clock, unit, role, uses=int(uses), days=7)
    link = await invite_link(ctx.session, created.code)
    ctx.say("admin.invite_created", unit=unit.name, role=ctx.t(f"role.{role.value}"),
            code=created.code, uses=created.max_uses, link=link or ctx.t("admin.no_link"))
    return STAY


COMMANDS = [
    Command("donvi", list_unit_codes, role=Role.ADMIN, help_key="help.donvi"),
    Command("moi", invite, role=Role.ADMIN, help_key="help.moi"),
]
