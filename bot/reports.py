"""Activity reports as the rest of Loa asks about them: who has reported what, and when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.campaigns import phase_on, theme_index
from bot.models import Campaign, CampaignDay, Report, ReportPhoto, ReportState

# Reports that count towards deadlines, quotas and numbers: sent, and not taken back.
COUNTED = (ReportState.SUBMITTED.value, ReportState.APPROVED.value, ReportState.NEEDS_MORE.value)


async def reports_by_unit(session: AsyncSession, unit_ids: Collection[int], start: dt.date,
                          end: dt.date, activity: str | None = None) -> dict[int, int]:
    """How many counted reports each unit has with a date in [start, end] (units with none are
    left out); `activity` narrows to one kind. The one question deadlines and quotas ask."""
    if not unit_ids:
        return {}
    query = (select(Report.unit_id, func.count()).where(
        Report.unit_id.in_(list(unit_ids)), Report.state.in_(COUNTED),
        Report.day >= start, Report.day <= end).group_by(Report.unit_id))
    if activity is not None:
        query = query.where(Report.activity == activity)
    return {unit_id: n for unit_id, n in (await session.execute(query)).all()}


@dataclass(frozen=True)
class DayContext:
    """The campaign, phase and theme of a day, which a report made for that day is linked to."""

    campaign_id: int | None = None
    campaign_start: dt.date | None = None
    phase: str | None = None
    theme: str | None = None


async def day_context(session: AsyncSession, day: dt.date) -> DayContext:
    """The first running campaign's phase and theme on `day` (the theme the prompt showed)."""
    for campaign in await session.scalars(select(Campaign).order_by(Campaign.start, Campaign.id)):
        phase = phase_on(campaign.content, day)
        if phase is None:
            continue
        stored = await session.scalar(select(CampaignDay.theme_index).where(
            CampaignDay.campaign_id == campaign.id, CampaignDay.day == day))
        index = stored if stored is not None else theme_index(phase, day)
        return DayContext(campaign.id, campaign.start, phase.name,
                          phase.themes[index % len(phase.themes)]["title"])
    return DayContext()


async def photos_of(session: AsyncSession, report_ids: Collection[int]
                    ) -> dict[int, list[ReportPhoto]]:
    out: dict[int, list[ReportPhoto]] = {i: [] for i in report_ids}
    if report_ids:
        for photo in await session.scalars(select(ReportPhoto).where(
                ReportPhoto.report_id.in_(list(report_ids))).order_by(ReportPhoto.id)):
            out[photo.report_id].append(photo)
    return out
