"""Commands every user has (/help, /me, /stop) and the answer to anything outside a form."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.events import OtherIn, PhotoIn, TextIn
from bot.domain.officers import has_role
from bot.domain.units import unit_path
from bot.engine import flowids
from bot.engine.flows import END, STAY, Command, Context, chat_scope
from bot.services.linking import looks_like_link_code
from bot.services.officers import stop_messages
from bot.store.models import Identity, Officer, Role
from handlers import linking, onboarding, reports


async def show_help(ctx: Context) -> str:
    """/help: the commands this user may use."""
    lines = [help_line(ctx, c) for c in ctx.commands
             if c.help_key and (c.role is None or has_role(ctx.officer, c.role))]
    ctx.say("common.help", commands="\n".join(lines))
    return STAY


def help_line(ctx: Context, command: Command) -> str:
    """A command's help line, with its Vietnamese aliases: "/cancel (/huy) — …"."""
    line = ctx.t(command.help_key or "")
    if not command.aliases:
        return line
    aliases = " ".join(f"/{a}" for a in command.aliases)
    return line.replace(f"/{command.name}", f"/{command.name} ({aliases})", 1)


async def show_me(ctx: Context) -> str:
    """/me: name, unit, role and whether Loa is sending to this officer."""
    officer = ctx.officer
    if officer is None:
        ctx.say("common.unregistered_hint")
        return STAY
    channels = (await ctx.session.scalars(
        select(Identity.channel).where(Identity.officer_id == officer.id).order_by(Identity.channel)
    )).all()
    ctx.say(
        "common.me",
        name=officer.full_name or ctx.t("common.not_given"),
        position=officer.position or ctx.t("common.not_given"),
        unit=await unit_path(ctx.session, officer.unit) if officer.unit else ctx.t("common.no_unit"),
        role=ctx.t(f"role.{officer.role}"),
        status=ctx.t(f"status.{officer.status}"),
        channels=", ".join(ctx.t(f"channel.{c}") for c in channels),
        number=officer.id, prompt=prompt_line(ctx, officer),
    )
    return STAY


def prompt_line(ctx: Context, officer: Officer) -> str:
    """When the daily message comes, or until when it is paused (never, in no unit)."""
    if officer.unit_id is None:
        return ctx.t("newcomer.prompt_no_unit")
    if officer.muted_until is not None and officer.muted_until >= ctx.today:
        return ctx.t("common.prompt_muted", until=officer.muted_until.strftime("%d/%m/%Y"))
    if officer.prompt_time:
        return ctx.t("common.prompt_own", time=officer.prompt_time)
    return ctx.t("common.prompt_default", time=ctx.config.default_prompt_time.strftime("%H:%M"))


async def stop(ctx: Context) -> str:
    """/stop: no more messages from Loa; history kept, /start resumes."""
    officer = ctx.officer
    if officer is None or officer.unit_id is None:
        ctx.say("common.stop_unregistered")
        return END
    ctx.say("common.stopped" if await stop_messages(chat_scope(ctx)) else "common.already_stopped")
    return END


async def fallback(ctx: Context) -> str:
    """Anything sent outside a form: point the user to what they can do."""
    officer = ctx.officer
    if officer is None and isinstance(ctx.event, TextIn) and onboarding.looks_like_code(ctx.event.text):
        return await onboarding.join_with_code(ctx, ctx.event.text)  # just the code: as /start CODE
    if officer is None and isinstance(ctx.event, TextIn) and looks_like_link_code(ctx.event.text):
        return await linking.redeem_code(ctx, ctx.event.text)  # a stranger's 6 digits: /lienket
    if onboarding.needs_name(officer) and isinstance(ctx.event, TextIn):
        return ctx.begin(flowids.ADMIN_NAME, onboarding.ASK_ADMIN_NAME)  # first contact: who is this?
    if officer is None or (officer.unit_id is None and not has_role(officer, Role.ADMIN)):
        ctx.say("common.unregistered_hint")
    elif isinstance(ctx.event, PhotoIn):
        return await reports.quick_start(ctx)  # a photo is a report
    elif isinstance(ctx.event, OtherIn) and ctx.event.kind == "document":
        ctx.say("report.document_refused")
    elif isinstance(ctx.event, OtherIn):
        ctx.say("errors.unsupported_kind")
    else:
        ctx.say("common.dont_understand")
    return STAY


async def cancel(ctx: Context) -> str:
    """/cancel: drop the form in progress, from any step."""
    ctx.say("common.cancelled" if ctx.flow is not None else "common.nothing_to_cancel")
    return END


COMMANDS = [
    Command("help", show_help, aliases=("trogiup",), help_key="help.help"),
    Command("me", show_me, aliases=("toi",), help_key="help.me"),
    Command("stop", stop, aliases=("dung",), help_key="help.stop"),
    Command("cancel", cancel, aliases=("huy",), help_key="help.cancel"),
]
