"""/thongke: the department office's numbers — reports this week, month and phase, per unit and
per kind of activity; units with nothing this month; units behind their quota."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import select

from bot.core.flows import STAY, Command, Context
from bot.domain.campaigns import phase_on
from bot.domain.prompts import campaign_quota_period, quota_period
from bot.domain.reports import COUNTED, reports_by_unit, working_units
from bot.store.models import Campaign, Report, Role


async def show_stats(ctx: Context) -> str:
    today = ctx.today
    week_start, _ = quota_period("week", today)
    month_start, _ = quota_period("month", today)
    running = [c for c in (await ctx.session.scalars(select(Campaign).order_by(Campaign.start)))
               if phase_on(c.content, today) is not None]
    phase = phase_on(running[0].content, today) if running else None
    since = min(week_start, month_start, phase.start if phase else month_start)
    reports = (await ctx.session.execute(select(Report.unit_id, Report.activity, Report.day).where(
        Report.state.in_(COUNTED), Report.day >= since, Report.day <= today))).all()
    units = await working_units(ctx.session)

    def count(start: dt.date, unit_id: int | None = None) -> int:
        return sum(1 for u, _, d in reports if d >= start and (unit_id is None or u == unit_id))

    phase_start = phase.start if phase else None
    per_unit = [ctx.t("stats.unit_line", unit=u.name, week=count(week_start, uid),
                      month=count(month_start, uid),
                      phase=count(phase_start, uid) if phase_start else "—")
                for uid, u in sorted(units.items(), key=lambda x: x[1].name)]
    kinds = Counter(a for _, a, d in reports if d >= month_start)
    per_kind = [ctx.t("stats.kind_line", kind=ctx.t(f"activity.{a}") if a else "—", n=n)
                for a, n in kinds.most_common()]
    silent = sorted(u.name for uid, u in units.items() if count(month_start, uid) == 0)
    behind = []
    for campaign in running:
        for quota in campaign.content.get("quotas", []):
            start, end = campaign_quota_period(campaign, quota["per"], today)
            done = await reports_by_unit(ctx.session, units, start, min(end, today),
                                         quota["activity"])
            behind += [ctx.t("stats.behind_line", unit=u.name, done=done.get(uid, 0),
                             count=quota["count"], kind=ctx.t(f"activity.{quota['activity']}"),
                             end=end.strftime("%d/%m"))
                       for uid, u in units.items() if done.get(uid, 0) < quota["count"]]
    ctx.say("stats.body", today=today.strftime("%d/%m/%Y"), week=count(week_start),
            month=count(month_start), phase_name=phase.name if phase else ctx.t("stats.no_phase"),
            phase=count(phase.start) if phase else "—",
            units="\n".join(per_unit) or ctx.t("stats.none"),
            kinds="\n".join(per_kind) or ctx.t("stats.none"),
            silent=", ".join(silent) or ctx.t("stats.none"),
            behind="\n".join(behind) or ctx.t("stats.none"))
    return STAY


COMMANDS = [Command("thongke", show_stats, role=Role.ADMIN, help_key="help.thongke")]
