"""/baocaotonghop: the official report's Word draft, from the chat (admins).

/baocaotonghop [SỐ_KẾ_HOẠCH] → the draft for that campaign, from its start to today. Without a
plan number: the one running campaign, or a choice (one tap) when several run. The file is sent
as a document where the channel takes documents, and is kept under the exports folder; a channel
without documents gets a text saying where the file is.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import select

from bot.core.events import DocumentOut, Outgoing
from bot.core.textfit import shorten, shorten_apart
from bot.domain import officialreport
from bot.domain.campaigns import find_campaign, phase_on, plan_ref
from bot.domain.officers import has_role
from bot.engine.flows import STAY, Command, Context
from bot.store.models import Campaign, Role

PREFIX = "bct"
MAX_CHOICES = 8


async def summary_report(ctx: Context) -> str:
    """Build the draft for the campaign named, or ask which one."""
    if ctx.args:
        campaign = await find_campaign(ctx.session, " ".join(ctx.args))
        if campaign is None:
            ctx.say("summary.unknown", ref=" ".join(ctx.args)[:60], known=await _known(ctx))
            return STAY
        return await _send(ctx, campaign)
    campaigns = list(await ctx.session.scalars(select(Campaign).order_by(Campaign.start.desc(),
                                                                          Campaign.id)))
    running = [c for c in campaigns if c.start <= ctx.today <= c.end] or campaigns
    if not running:
        ctx.say("summary.none")
        return STAY
    if len(running) == 1:
        return await _send(ctx, running[0])
    shown = running[:MAX_CHOICES]
    names = shorten_apart([c.plan_number for c in shown], 40)  # the words that differ show
    ctx.offer("summary.pick", [(_label(c, ctx, name), f"{PREFIX}:{c.id}")
                               for c, name in zip(shown, names, strict=True)])
    return STAY


def _label(campaign: Campaign, ctx: Context, name: str | None = None) -> str:
    phase = phase_on(campaign.content, ctx.today)
    return ((name or shorten(campaign.plan_number, 40))
            + (f" — {shorten(phase.name, 20)}" if phase else ""))


async def _known(ctx: Context) -> str:
    plans = (await ctx.session.scalars(select(Campaign.plan_number).order_by(Campaign.id))).all()
    return ", ".join(plans[:10]) or ctx.t("stats.none")


async def on_pick(ctx: Context) -> str:
    """bct:<campaign id> — the choice above (checked again: a button is not a permission)."""
    parts = ctx.button.data.split(":") if ctx.button else []
    if not has_role(ctx.officer, Role.ADMIN):
        ctx.say("errors.not_allowed")
        return STAY
    ref = parts[1] if len(parts) == 2 else ""
    campaign = (await ctx.session.get(Campaign, int(ref))
                if ref.isascii() and ref.isdigit() and len(ref) < 10 else None)
    if campaign is None:
        ctx.ack_text = ctx.t("errors.button_expired")
        return STAY
    ctx.edit_pressed(_label(campaign, ctx))
    return await _send(ctx, campaign)


async def _send(ctx: Context, campaign: Campaign) -> str:
    today = ctx.today
    if today < campaign.start:
        ctx.say("summary.not_started", plan=plan_ref(ctx.texts, campaign.plan_number),
                start=campaign.start.strftime("%d/%m/%Y"))
        return STAY
    ctx.typing()  # building the document takes a few seconds
    data = await officialreport.gather(ctx.session, campaign, today)
    name = officialreport.file_name(campaign, today)
    folder = ctx.config.storage_dir.parent / "exports"
    caption = ctx.t("summary.caption", plan=plan_ref(ctx.texts, campaign.plan_number),
                    start=data.start.strftime("%d/%m/%Y"), end=data.end.strftime("%d/%m/%Y"),
                    reports=data.totals.reports, units=len(data.totals.units),
                    reported=len(data.totals.units) - len(data.totals.silent),
                    silent=len(data.totals.silent), photos=len(data.photos))

    async def document() -> list[Outgoing]:  # built from what was read, after the commit
        body = await asyncio.to_thread(_build_and_keep, data, ctx, folder / name)
        return [DocumentOut(document=body, filename=name, caption=caption,
                            fallback=ctx.t("summary.saved_at", caption=caption,
                                           path=str(folder / name)))]

    ctx.after.append(document)
    return STAY


def _build_and_keep(data: officialreport.ReportData, ctx: Context, path: Path) -> bytes:
    body = officialreport.build(data, ctx.texts, ctx.config.storage_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    return body


COMMANDS = [Command("baocaotonghop", summary_report, role=Role.ADMIN,
                    help_key="help.baocaotonghop")]
BUTTONS = {PREFIX: on_pick}
