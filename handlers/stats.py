"""/thongke: the department office's numbers — reports this week, month and phase, per unit and
per kind of activity; units with nothing this month; units behind their quota. Every number comes
from `bot.domain.stats`, the same definition the spreadsheet and the Word report use."""

from __future__ import annotations

from bot.domain.prompts import quota_period
from bot.domain.stats import (
    progress_text,
    quota_progress,
    recent,
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
    numbers = await recent(ctx.session, today, week_start, month_start, running)
    # Every unit with a counted report since the earliest of those starts is a key, even at 0.
    units = await reporting_units(ctx.session, reported={u for u in numbers.week
                                                         if u is not None})

    def count(by: dict[int | None, int], unit_id: int | None = None) -> int:
        return sum(by.values()) if unit_id is None else by.get(unit_id, 0)

    per_unit = [ctx.t("stats.unit_line", unit=u.name, week=count(numbers.week, u.id),
                      month=count(numbers.month, u.id),
                      phase=count(numbers.phase, u.id) if running else "—")
                for u in units]
    per_kind = [ctx.t("stats.kind_line", kind=ctx.t(f"activity.{a}") if a else "—", n=n)
                for a, n in numbers.kinds]
    silent = [u.name for u in units if count(numbers.month, u.id) == 0]
    phases = " · ".join(ctx.t("stats.phase", name=r.phase.name, n=numbers.phase_by_campaign.get(
        r.campaign.id, 0)) for r in running) or ctx.t("stats.phase", name=ctx.t(
            "stats.no_phase"), n="—")
    behind = [ctx.t("newcomer.behind_line", unit=p.unit.name, progress=progress_text(ctx.texts, p))
              for p in await quota_progress(ctx.session, [r.campaign for r in running], today)
              if not p.met]
    ctx.say("stats.body", today=today.strftime("%d/%m/%Y"), week=count(numbers.week),
            month=count(numbers.month), phases=phases,
            units="\n".join(per_unit) or ctx.t("stats.none"),
            kinds="\n".join(per_kind) or ctx.t("stats.none"),
            silent=", ".join(silent) or ctx.t("stats.none"),
            behind="\n".join(behind) or ctx.t("stats.none"))
    return STAY


COMMANDS = [Command("thongke", show_stats, role=Role.ADMIN, help_key="help.thongke")]
