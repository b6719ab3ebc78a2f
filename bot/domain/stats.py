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

from sqlalchemy import and_, case, func, literal, select
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


async def count_reports(session: AsyncSession, scope: Scope) -> int:
    """How many counted reports `scope` holds, counted by the database."""
    return await session.scalar(scope.filter(
        select(func.count()).select_from(Report).where(Report.state.in_(COUNTED)))) or 0


async def per_day(session: AsyncSession, scope: Scope) -> dict[dt.date, int]:
    """Counted reports of `scope` by day (days with none left out)."""
    query = (select(Report.day, func.count()).where(Report.state.in_(COUNTED))
             .group_by(Report.day))
    return dict((await session.execute(scope.filter(query))).all())


async def totals(session: AsyncSession, scope: Scope, campaign: Campaign | None = None
                 ) -> Totals:
    """The totals the spreadsheet and the Word report show for `scope` (with `campaign`'s quota
    progress, each in its own period, on the scope's last day when given). Added up by the
    database, one row per unit and kind: a million reports never travel to Python."""
    query = (select(Report.unit_id, Report.activity, func.count(),
                    func.coalesce(func.sum(Report.participants), 0),
                    func.min(Report.day), func.min(Report.id))
             .where(Report.state.in_(COUNTED)).group_by(Report.unit_id, Report.activity))
    groups = (await session.execute(scope.filter(query))).all()
    units = await reporting_units(session, scope.unit_ids, {g[0] for g in groups
                                                            if g[0] is not None})
    quotas = []
    if campaign is not None:
        day = min(scope.end or campaign.end, campaign.end)
        quotas = await quota_progress(session, [campaign], day, scope.unit_ids)
    by_unit = {u.id: UnitTotal(u) for u in units}
    kinds = {a: KindTotal() for a in ACTIVITIES}
    # A kind outside ACTIVITIES comes after them in the order it was first reported (as `tally`).
    first = {g[1] or "other": (g[4], g[5]) for g in sorted(groups, key=lambda g: (g[4], g[5]),
                                                           reverse=True)}
    for kind in sorted((k for k in first if k not in kinds), key=first.__getitem__):
        kinds[kind] = KindTotal()
    reports = people = 0
    for unit_id, activity, n, participants, _, _ in groups:
        kind = activity or "other"
        kinds[kind].reports += n
        kinds[kind].participants += participants
        reports += n
        people += participants
        row = by_unit.get(unit_id) if unit_id is not None else None
        if row is not None:
            row.reports += n
            row.participants += participants
            row.by_kind[kind] = row.by_kind.get(kind, 0) + n
    return Totals(list(by_unit.values()), kinds, reports, people, list(quotas))


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


@dataclass
class Recent:
    """Counted reports up to a day, by unit: since the week's start, the month's start, and in
    the current phase of the campaign each is linked to; `kinds` this month, most first."""

    week: dict[int | None, int] = field(default_factory=dict)
    month: dict[int | None, int] = field(default_factory=dict)
    phase: dict[int | None, int] = field(default_factory=dict)
    phase_by_campaign: dict[int, int] = field(default_factory=dict)
    kinds: list[tuple[str | None, int]] = field(default_factory=list)


async def recent(session: AsyncSession, today: dt.date, week: dt.date, month: dt.date,
                 running: list[RunningPhase]) -> Recent:
    """What /thongke shows, counted by the database (`in_phase` as a CASE)."""
    phases = [(and_(Report.campaign_id == r.campaign.id, Report.day >= r.phase.start), 1)
              for r in running]
    since = min([week, month, *(r.phase.start for r in running)])
    scope = Scope(start=since, end=today)
    query = (select(Report.unit_id, Report.campaign_id,
                    func.sum(case((Report.day >= week, 1), else_=0)),
                    func.sum(case((Report.day >= month, 1), else_=0)),
                    func.sum(case(*phases, else_=0)) if phases else literal(0))
             .where(Report.state.in_(COUNTED)).group_by(Report.unit_id, Report.campaign_id))
    out = Recent()
    for unit_id, campaign_id, w, m, p in (await session.execute(scope.filter(query))).all():
        out.week[unit_id] = out.week.get(unit_id, 0) + int(w or 0)
        out.month[unit_id] = out.month.get(unit_id, 0) + int(m or 0)
        out.phase[unit_id] = out.phase.get(unit_id, 0) + int(p or 0)
        if campaign_id is not None:
            out.phase_by_campaign[campaign_id] = (out.phase_by_campaign.get(campaign_id, 0)
                                                  + int(p or 0))
    # Most first; a tie in the order first reported (as Counter.most_common over the reports).
    kinds: dict[str | None, list[Any]] = {}
    for activity, _day, _first, n in sorted((await session.execute(Scope(month, today).filter(
            select(Report.activity, Report.day, func.min(Report.id), func.count())
            .where(Report.state.in_(COUNTED)).group_by(Report.activity, Report.day)))).all(),
            key=lambda g: (g[1], g[2])):
        kinds.setdefault(activity, [activity, 0])[1] += n
    out.kinds = sorted(((a, n) for a, n in kinds.values()), key=lambda k: -k[1])
    return out


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
