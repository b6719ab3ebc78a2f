"""Admin commands in chat: the unit list, invites, and revoking them."""

from __future__ import annotations

from bot.core.normalize import parse_int
from bot.domain.invites import join_links
from bot.domain.officers import ROLE_WORDS
from bot.domain.units import list_units
from bot.engine.flows import STAY, Command, Context, chat_scope
from bot.services import Refused
from bot.services.people import create_invite, revoke_invite
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
    role = ROLE_WORDS.get(args[1].lower()) if len(args) > 1 else Role.OFFICER
    if role is None:
        ctx.say("admin.unknown_role", role=args[1][:32])
        return STAY
    uses = parse_int(args[2], 1, 10_000) if len(args) > 2 else 1
    if uses is None:
        ctx.say("admin.bad_uses")
        return STAY
    try:
        created = await create_invite(chat_scope(ctx), args[0], role, uses=uses, days=7)
    except Refused as exc:
        ctx.say(exc.key, **exc.values)
        return STAY
    links = await join_links(ctx.session, ctx.config, created.code)
    link = "\n".join(f"{title}: {way}" for title, way in links.items())
    ctx.say("admin.invite_created", unit=created.unit.name, role=ctx.t(f"role.{role.value}"),
            code=created.code, uses=created.max_uses, link=link or ctx.t("admin.no_link"))
    return STAY


async def revoke(ctx: Context) -> str:
    """/huymoi MÃ_MỜI: the code stops working; those who joined with it stay."""
    if len(ctx.args) != 1:
        ctx.say("people.revoke_usage")
        return STAY
    try:
        revoked = await revoke_invite(chat_scope(ctx), ctx.args[0])
    except Refused as exc:
        ctx.say(exc.key, **exc.values)
        return STAY
    ctx.say("people.revoked", code=revoked.code, unit=revoked.unit.name,
            role=ctx.t(f"role.{revoked.role}"), used=revoked.used_count)
    return STAY


COMMANDS = [
    Command("donvi", list_unit_codes, role=Role.ADMIN, help_key="help.donvi"),
    Command("moi", invite, role=Role.ADMIN, help_key="help.moi"),
    Command("huymoi", revoke, role=Role.ADMIN, help_key="help.huymoi"),
]
