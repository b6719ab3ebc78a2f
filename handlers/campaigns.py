"""Admins' view of the campaigns: which are running, in which phase, and what comes next."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from bot.core.textfit import shorten
from bot.domain.campaigns import phase_on
from bot.domain.workdays import holiday_name, is_working_day
from bot.engine.flows import STAY, Command, Context
from bot.store.models import Campaign, Role, Slogan, SloganState


async def show_campaigns(ctx: Context) -> str:
    """/chiendich: running campaigns with their phase and days left; those about to start."""
    today = ctx.today
    campaigns = (await ctx.session.scalars(select(Campaign).order_by(Campaign.start))).all()
    running, coming = [], []
    for c in campaigns:
        phase = phase_on(c.content, today)
        slogans = await ctx.session.scalar(select(func.count()).select_from(Slogan).where(
            Slogan.campaign_id == c.id, Slogan.state == SloganState.APPROVED.value))
        if phase is not None:
            running.append(ctx.t("campaign.running_line", title=shorten(c.title, 90), plan=c.plan_number,
                                 phase=phase.name, left=phase.days_left(today),
                                 themes=len(phase.themes), slogans=slogans))
        elif c.start > today:
            coming.append(ctx.t("campaign.coming_line", title=shorten(c.title, 90),
                                start=c.start.strftime("%d/%m/%Y")))
        elif c.start <= today <= c.end:
            running.append(ctx.t("campaign.between_phases_line", title=shorten(c.title, 90),
                                 plan=c.plan_number))
    if not running and not coming:
        ctx.say("campaign.none")
        return STAY
    day_kind = (ctx.t("campaign.working_day") if is_working_day(today)
                else ctx.t("campaign.day_off", why=holiday_name(today) or ctx.t("campaign.weekend")))
    ctx.say("campaign.overview", today=_vn_date(today), day_kind=day_kind,
            running="\n\n".join(running) or ctx.t("campaign.no_running"),
            coming="\n".join(coming) or ctx.t("campaign.no_coming"))
    return STAY


def _vn_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


COMMANDS = [Command("chiendich", show_campaigns, role=Role.APPROVER, help_key="help.chiendich")]
