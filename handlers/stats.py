"""/thongke: the department office's numbers — reports this week, month and phase, per unit and
per kind of activity; units with nothing this month; units behind their quota. Every number comes
from `bot.domain.stats`, the same definition the spreadsheet and the Word report use."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from bot.domain.prompts import quota_period
from bot.domain.stats import (
    Scope,
    counted_reports,
    in_phase,
    progress_text,
    quota_progress,
    reporting_units,
    running_phases,
)
from bot.engine.flows import STAY, Command, Context
from bot.store.models import Role


async def show_stats(ctx: Context) -> str:
    today = ctx.today
    week_start, _ = quota_period("week", today)
    month_start, _ = quota_period("month", today)
    running = await running_phases(ctx.session, today)
    since = min([week_start, month_start, *(r.phase.start for r in running)])
    reports = await counted_reports(ctx.session, Scope(start=since, end=today))
    units = await reporting_units(ctx.session, reported={r.unit_id for r in reports
                                                         if r.unit_id is not None})
    phase_reports = [r for r in reports if in_phase(r, running, today)]

    def count(start: dt.date, unit_id: int | None = None) -> int:
        return sum(1 for r in reports if r.day >= start and unit_id in (None, r.unit_id))

    def phase_count(unit_id: int | None = None, campaign_id: int | None = None) -> int:
        return sum(1 for r in phase_reports
                   if unit_id in (None, r.unit_id) and campaign_id in (None, r.campaign_id))

    per_unit = [ctx.t("stats.unit_line", unit=u.name, week=count(week_start, u.id),
                      month=count(month_start, u.id),
                      phase=phase_count(u.id) if running else "—")
                for u in units]
    kinds = Counter(r.activity for r in reports if r.day >= month_start)
    per_kind = [ctx.t("stats.kind_line", kind=ctx.t(f"activity.{a}") if a else "—", n=n)
                for a, n in kinds.most_common()]
    silent = [u.name for u in units if count(month_start, u.id) == 0]
    phases = " · ".join(ctx.t("stats.phase", name=r.phase.name, n=phase_count(
        campaign_id=r.campaign.id)) for r in running) or ctx.t("stats.phase", name=ctx.t(
            "stats.no_phase"), n="—")
    behind = [ctx.t("newcomer.behind_line", unit=p.unit.name, progress=progress_text(ctx.texts, p))
              for p in await quota_progress(ctx.session, [r.campaign for r in running], today)
              if not p.met]
    ctx.say("stats.body", today=today.strftime("%d/%m/%Y"), week=count(week_start),
            month=count(month_start), phases=phases,
            units="\n".join(per_unit) or ctx.t("stats.none"),
            kinds="\n".join(per_kind) or ctx.t("stats.none"),
            silent=", ".join(silent) or ctx.t("stats.none"),
            behind="\n".join(behind) or ctx.t("stats.none"))
    return STAY


COMMANDS = [Command("thongke", show_stats, role=Role.ADMIN, help_key="help.thongke")]
