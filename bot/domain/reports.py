"""Activity reports as the rest of Loa asks about them: who has reported what, and when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.campaigns import phase_on, theme_index
from bot.store.models import (
    Campaign,
    CampaignDay,
    Officer,
    OfficerStatus,
    Report,
    ReportPhoto,
    ReportState,
    Role,
    Unit,
)

# Reports that count towards deadlines, quotas and numbers: sent, and not taken back.
COUNTED = (ReportState.SUBMITTED.value, ReportState.APPROVED.value, ReportState.NEEDS_MORE.value)


async def reports_by_unit(session: AsyncSession, unit_ids: Collection[int], start: dt.date,
                          end: dt.date, activity: str | None = None,
                          campaign_id: int | None = None) -> dict[int, int]:
    """How many counted reports each unit has with a date in [start, end] (units with none are
    left out); `activity` narrows to one kind. The one question deadlines and quotas ask."""
    if not unit_ids:
        return {}
    query = (select(Report.unit_id, func.count()).where(
        Report.unit_id.in_(list(unit_ids)), Report.state.in_(COUNTED),
        Report.day >= start, Report.day <= end).group_by(Report.unit_id))
    if activity is not None:
        query = query.where(Report.activity == activity)
    if campaign_id is not None:  # a quota counts its own campaign's reports
        query = query.where(Report.campaign_id == campaign_id)
    return {unit_id: n for unit_id, n in (await session.execute(query)).all()}


@dataclass(frozen=True)
class DayContext:
    """The campaign, phase and theme of a day, which a report made for that day is linked to."""

    campaign_id: int | None = None
    campaign_start: dt.date | None = None
    phase: str | None = None
    theme: str | None = None


async def running_campaigns(session: AsyncSession, day: dt.date) -> list[Campaign]:
    """Campaigns in one of their phases on `day`, in start order."""
    return [c for c in await session.scalars(select(Campaign).order_by(Campaign.start, Campaign.id))
            if phase_on(c.content, day) is not None]


async def day_context(session: AsyncSession, day: dt.date, campaign_id: int | None = None
                      ) -> DayContext:
    """The phase and theme on `day` (the theme the prompt showed) of the campaign the officer
    chose, when it runs that day, else of the first running campaign."""
    running = await running_campaigns(session, day)
    chosen = [c for c in running if c.id == campaign_id] or running
    if not chosen:
        return DayContext()
    campaign = chosen[0]
    phase = phase_on(campaign.content, day)
    assert phase is not None
    stored = await session.scalar(select(CampaignDay.theme_index).where(
        CampaignDay.campaign_id == campaign.id, CampaignDay.day == day))
    index = stored if stored is not None else theme_index(phase, day)
    return DayContext(campaign.id, campaign.start, phase.name,
                      phase.themes[index % len(phase.themes)]["title"])


async def photos_of(session: AsyncSession, report_ids: Collection[int]
                    ) -> dict[int, list[ReportPhoto]]:
    out: dict[int, list[ReportPhoto]] = {i: [] for i in report_ids}
    if report_ids:
        for photo in await session.scalars(select(ReportPhoto).where(
                ReportPhoto.report_id.in_(list(report_ids))).order_by(ReportPhoto.id)):
            out[photo.report_id].append(photo)
    return out


async def working_units(session: AsyncSession) -> dict[int, Unit]:
    """Units with someone who does the work (an officer or focal point), by id: the units
    deadlines, quotas and numbers are about."""
    rows = await session.scalars(select(Unit).join(Officer, Officer.unit_id == Unit.id).where(
        Officer.status == OfficerStatus.ACTIVE.value,
        Officer.role.in_((Role.OFFICER.value, Role.FOCAL.value))).distinct())
    return {u.id: u for u in rows}


async def write_report(session: AsyncSession, now: dt.datetime, officer_id: int,
                       unit_id: int | None, channel: str, data: dict[str, Any],
                       state: ReportState, report: Report | None = None) -> Report:
    """A report form's answers as a report row (new, or `report` updated) with its new photos,
    linked to the campaign the officer chose (or the one running that day), its phase and theme.
    Photo entries get their row's id."""
    day = dt.date.fromisoformat(data["day"])
    # Before adding: the query would flush a half row.
    linked = await day_context(session, day, data.get("campaign_id"))
    if report is None:
        report = Report(officer_id=officer_id, unit_id=unit_id, created_at=now)
        session.add(report)
    report.campaign_id, report.phase, report.theme = linked.campaign_id, linked.phase, linked.theme
    report.activity, report.description = data.get("activity"), data.get("description")
    report.day, report.participants, report.link = day, data.get("participants"), data.get("link")
    report.state, report.updated_at = state.value, now
    await session.flush()
    removed = [i for i in data.get("removed_photos", []) if isinstance(i, int)]
    if removed:  # photos the officer took back while editing: only this report's own
        await session.execute(delete(ReportPhoto).where(ReportPhoto.report_id == report.id,
                                                        ReportPhoto.id.in_(removed)))
    for photo in data.get("photos", []):
        if not photo.get("id"):
            row = ReportPhoto(report_id=report.id, channel=channel, file_id=photo["file_id"],
                              unique_id=photo["unique_id"], size=photo.get("size"), attempts=0,
                              created_at=now)
            session.add(row)
            await session.flush()
            photo["id"] = row.id
    return report
