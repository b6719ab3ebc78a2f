"""One officer on two channels: /lienket gives a code here and takes one from the other
channel; /kenh chooses where scheduled messages go. The rules are in `bot.services.linking`."""

from __future__ import annotations

from bot.channels import specs
from bot.engine.flows import STAY, Command, Context, chat_scope
from bot.services import Refused, linking


async def link(ctx: Context) -> str:
    """/lienket: a code to send on the other channel; /lienket CODE: join this account."""
    if ctx.args:
        return await redeem_code(ctx, ctx.args[0])
    try:
        code = await linking.issue_code(chat_scope(ctx), ctx.identity)
    except Refused as exc:
        ctx.say(exc.key, **exc.values)
        return STAY
    others = [s.title for name, s in specs().items() if name != ctx.event.channel]
    ctx.say("link.code", code=code, other=" / ".join(others) or ctx.t("link.other_any"))
    return STAY


async def redeem_code(ctx: Context, code: str) -> str:
    """The code from the other channel: this account joins that officer (kept on refusal:
    only the count of wrong codes changes)."""
    try:
        target = await linking.redeem(chat_scope(ctx), ctx.identity, code)
    except Refused as exc:
        ctx.say(exc.key, **exc.values)
        return STAY
    preferred = target.preferred_channel
    ctx.say("link.linked", channel=ctx.t(f"channel.{ctx.event.channel}"),
            name=target.full_name or "", preferred=ctx.t(f"channel.{preferred}")
            if preferred else ctx.t("link.default"))
    return STAY


async def choose(ctx: Context) -> str:
    """/kenh <channel>: where the daily message and broadcasts go."""
    names = list(specs())
    wanted = ctx.args[0].lower() if ctx.args else ""
    if wanted not in names:
        current = ctx.officer.preferred_channel if ctx.officer else None
        ctx.say("link.kenh_usage", choices="|".join(names),
                current=ctx.t(f"channel.{current}") if current else ctx.t("link.default"))
        return STAY
    try:
        await linking.choose_channel(chat_scope(ctx), wanted)
    except Refused as exc:
        ctx.say(exc.key, **exc.values)
        return STAY
    ctx.say("link.chosen", channel=ctx.t(f"channel.{wanted}"))
    return STAY


COMMANDS = [
    Command("lienket", link, help_key="help.lienket"),
    Command("kenh", choose, help_key="help.kenh"),
]
