"""The numbers, defined once: which reports count, which units are counted, and the totals by unit
and by kind that `/thongke`, the spreadsheet's totals sheet and the Word report all show.

A report counts when it was sent and not taken back (`COUNTED`: drafts and withdrawn reports
never do). The units counted are every unit that reports — all units but the department at the
top of the tree, which receives the reports — whether or not an officer is active there today,
plus any other unit that has a counted report in the scope, so the rows always add up to the total.

Quota progress likewise has one definition (`quota_progress`): a quota is met per its own period
(a monthly quota in the month, a quarterly one in the quarter, cut to the campaign's span), by
counted reports of its kind linked to its campaign — never by adding up quotas of other kinds or
periods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.texts import Texts
from bot.domain.campaigns import ACTIVITIES, PhaseToday, phase_on
from bot.domain.prompts import campaign_quota_period, period_label
from bot.domain.reports import COUNTED
from bot.store.models import Campaign, Report, Unit


@dataclass(frozen=True)
class Scope:
    """Which reports a number is about; None means no limit on that side."""

    start: dt.date | None = None
    end: dt.date | None = None
    campaign_ids: Collection[int] | None = None
    unit_ids: Collection[int] | None = None

    def filter(self, query: Any) -> Any:
        """`query` (over reports) limited to this scope."""
        if self.start is not None:
            query = query.where(Report.day >= self.start)
        if self.end is not None:
            query = query.where(Report.day <= self.end)
        if self.campaign_ids is not None:
            query = query.where(Report.campaign_id.in_(list(self.campaign_ids)))
        if self.unit_ids is not None:
            query = query.where(Report.unit_id.in_(list(self.unit_ids)))
        return query


@dataclass(frozen=True)
class Counted:
    """One counted report, reduced to what the numbers need."""

    id: int
    unit_id: int | None
    activity: str | None
    day: dt.date
    participants: int | None
    campaign_id: int | None
    state: str


async def counted_reports(session: AsyncSession, scope: Scope) -> list[Counted]:
    """Every counted report in `scope`, oldest first."""
    query = (select(Report.id, Report.unit_id, Report.activity, Report.day, Report.participants,
                    Report.campaign_id, Report.state)
             .where(Report.state.in_(COUNTED)).order_by(Report.day, Report.id))
    query = scope.filter(query)
    return [Counted(*row) for row in (await session.execute(query)).all()]


async def reporting_units(session: AsyncSession, unit_ids: Collection[int] | None = None,
                          reported: Collection[int] = ()) -> list[Unit]:
    """The units the numbers are about, by name: all but a top unit with sub-units (the office
    that receives the reports), plus any unit in `reported`; `unit_ids` narrows to those."""
    units = list(await session.scalars(select(Unit)))
    parents = {u.parent_id for u in units if u.parent_id is not None}
    chosen = [u for u in units
              if (u.parent_id is not None or u.id not in parents or u.id in reported)
              and (unit_ids is None or u.id in unit_ids)]
    return sorted(chosen, key=lambda u: (u.name.casefold(), u.id))


@dataclass
class KindTotal:
    reports: int = 0
    participants: int = 0


@dataclass
class UnitTotal:
    unit: Unit
    reports: int = 0
    participants: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


@dataclass
class Totals:
    """The table by unit and the table by kind, for one scope."""

    units: list[UnitTotal]
    kinds: dict[str, KindTotal]  # every kind in ACTIVITIES order, then any other
    reports: int
    participants: int
    quotas: list[QuotaProgress] = field(default_factory=list)  # on the scope's last day

    @property
    def silent(self) -> list[Unit]:
        """Units with no counted report in the scope."""
        return [u.unit for u in self.units if u.reports == 0]


def tally(units: list[Unit], reports: list[Counted], quotas: Collection[QuotaProgress] = ()
          ) -> Totals:
    by_unit = {u.id: UnitTotal(u) for u in units}
    kinds = {a: KindTotal() for a in ACTIVITIES}
    for r in reports:
        kind = r.activity or "other"
        people = r.participants or 0
        total = kinds.setdefault(kind, KindTotal())
        total.reports += 1
        total.participants += people
        row = by_unit.get(r.unit_id) if r.unit_id is not None else None
        if row is not None:
            row.reports += 1
            row.participants += people
            row.by_kind[kind] = row.by_kind.get(kind, 0) + 1
    return Totals(list(by_unit.values()), kinds, len(reports),
                  sum(r.participants or 0 for r in reports), list(quotas))


async def totals(session: AsyncSession, scope: Scope, campaign: Campaign | None = None
                 ) -> Totals:
    """The totals the spreadsheet and the Word report show for `scope` (with `campaign`'s quota
    progress, each in its own period, on the scope's last day when given)."""
    reports = await counted_reports(session, scope)
    units = await reporting_units(session, scope.unit_ids, {r.unit_id for r in reports
                                                            if r.unit_id is not None})
    quotas = []
    if campaign is not None:
        day = min(scope.end or campaign.end, campaign.end)
        quotas = await quota_progress(session, [campaign], day, scope.unit_ids)
    return tally(units, reports, quotas)


@dataclass(frozen=True)
class RunningPhase:
    campaign: Campaign
    phase: PhaseToday


async def running_phases(session: AsyncSession, day: dt.date) -> list[RunningPhase]:
    """Every campaign in a phase on `day`, in start order, with that phase."""
    out = []
    for campaign in await session.scalars(select(Campaign).order_by(Campaign.start, Campaign.id)):
        phase = phase_on(campaign.content, day)
        if phase is not None:
            out.append(RunningPhase(campaign, phase))
    return out


def in_phase(report: Counted, running: list[RunningPhase], today: dt.date) -> bool:
    """Whether a report belongs to the current phase of the campaign it is linked to."""
    return any(report.campaign_id == r.campaign.id and r.phase.start <= report.day <= today
               for r in running)


@dataclass(frozen=True)
class QuotaProgress:
    """One unit's progress on one quota of a campaign, in the quota's period around a day."""

    campaign: Campaign
    unit: Unit
    activity: str
    per: str
    count: int  # the quota for one period
    start: dt.date  # the period, cut to the campaign's span
    end: dt.date
    done: int  # counted reports of this kind, of this campaign, from `start` to the day

    @property
    def met(self) -> bool:
        return self.done >= self.count


async def quota_progress(session: AsyncSession, campaigns: Collection[Campaign], day: dt.date,
                         unit_ids: Collection[int] | None = None) -> list[QuotaProgress]:
    """Every reporting unit's progress on every quota of `campaigns` on `day`: the one number
    `/thongke`, the console's overview, the Word draft and the spreadsheet all show. A campaign
    not running on `day` (before its start, after its end) has no progress to show."""
    units = await reporting_units(session, unit_ids)
    out: list[QuotaProgress] = []
    for campaign in campaigns:
        if not campaign.start <= day <= campaign.end:
            continue
        for quota in campaign.content.get("quotas", []):
            start, end = campaign_quota_period(campaign, quota["per"], day)
            done = dict((await session.execute(
                select(Report.unit_id, func.count()).where(
                    Report.state.in_(COUNTED), Report.campaign_id == campaign.id,
                    Report.activity == quota["activity"], Report.day >= start,
                    Report.day <= day).group_by(Report.unit_id))).all())
            out += [QuotaProgress(campaign, u, quota["activity"], quota["per"], quota["count"],
                                  start, end, done.get(u.id, 0)) for u in units]
    return out


def progress_text(texts: Texts, p: QuotaProgress) -> str:
    """One quota's progress as every surface writes it: «Pano, …: 1/2 (quý 4/2026)»."""
    return texts("newcomer.quota_progress", kind=texts(f"activity.{p.activity}"), done=p.done,
                 count=p.count, period=period_label(texts, p.per, p.start, p.end))
