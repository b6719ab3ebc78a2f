"""The overview (/): running campaigns, this week's and month's reports, quotas met, and the
morning's messages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from starlette.responses import Response

from bot.domain.stats import Scope as StatScope
from bot.domain.stats import (
    count_reports,
    per_day,
    progress_text,
    quota_progress,
    running_phases,
    totals,
)
from bot.store.models import (
    Delivery,
    Job,
    PromptAction,
)
from bot.web.console import charts
from bot.web.console.auth import Visit
from bot.web.console.page import Page

CHART_UNITS = 60  # bars in the coverage chart at most


class OverviewPage(Page):
    async def overview(self, visit: Visit) -> Response:
        session, today = visit.scope.session, self.today()
        week = today - dt.timedelta(days=today.weekday())
        month = today.replace(day=1)
        running = await running_phases(session, today)
        week_n = await count_reports(session, StatScope(week, today))
        campaigns = [{"title": r.campaign.title, "plan": r.campaign.plan_number,
                      "phase": r.phase.name, "phase_left": r.phase.days_left(today),
                      "left": (r.campaign.end - today).days} for r in running]
        day_chart = None
        if running:
            start = min(r.phase.start for r in running)
            ids = [r.campaign.id for r in running]
            counted = await per_day(session, StatScope(start, today, ids))
            days = [start + dt.timedelta(days=i) for i in range((today - start).days + 1)]
            per = {d: counted.get(d, 0) for d in days}
            day_chart = charts.both(lambda width: charts.per_day(
                [d.strftime("%d/%m") for d in days], [per[d] for d in days],
                self.loa.texts("web.chart_per_day"), width))
        numbers = await totals(session, StatScope(month, today))  # its total is the month's count
        # Quotas each in its own period and kind (stats.quota_progress, as /thongke shows them).
        progress: dict[int, list[Any]] = {}
        for p in await quota_progress(session, [r.campaign for r in running], today):
            progress.setdefault(p.unit.id, []).append(p)
        t = self.loa.texts
        coverage = [{"name": u.unit.name, "code": u.unit.code, "reports": u.reports,
                     "quotas": [progress_text(t, p) for p in progress.get(u.unit.id, [])],
                     "met": sum(p.met for p in progress.get(u.unit.id, [])),
                     "all": len(progress.get(u.unit.id, []))} for u in numbers.units]
        # A bar per unit reads up to a province; for a nation's 2,000 units the chart shows those
        # furthest behind (the table keeps every one).
        charted, title = coverage, t("newcomer.chart_quotas")
        if len(coverage) > CHART_UNITS:
            charted = sorted(coverage, key=lambda c: (c["met"] / max(c["all"], 1), c["met"])
                             )[:CHART_UNITS]
            title = t("newcomer.chart_quotas_behind", n=CHART_UNITS, all=len(coverage))
        cover_chart = charts.both(lambda width: charts.coverage(
            [c["name"] for c in charted], [c["met"] for c in charted],
            [c["all"] for c in charted], t("newcomer.quotas_met"), t("newcomer.quotas_all"),
            title, width)) if progress else None
        delivery = await self._prompt_delivery(session, today)
        return self.page(visit, "overview.html", campaigns=campaigns, week=week_n,
                         month=numbers.reports, day_chart=day_chart, coverage=coverage,
                         cover_chart=cover_chart, delivery=delivery, today=today)

    async def _prompt_delivery(self, session: Any, today: dt.date) -> dict[str, int]:
        job_id = await session.scalar(select(Job.id).where(Job.key == f"prompt:{today.isoformat()}"))
        states: dict[str, int] = {}
        if job_id is not None:
            states = dict((await session.execute(
                select(Delivery.state, func.count()).where(Delivery.job_id == job_id)
                .group_by(Delivery.state))).all())
        actions = dict((await session.execute(
            select(PromptAction.action, func.count(func.distinct(PromptAction.officer_id)))
            .where(PromptAction.day == today).group_by(PromptAction.action))).all())
        return {"sent": states.get("sent", 0),
                "waiting": states.get("pending", 0) + states.get("sending", 0),
                "failed": states.get("failed", 0) + states.get("blocked", 0)
                + states.get("uncertain", 0),
                "done": actions.get("done", 0), "snoozed": actions.get("snooze", 0)}
