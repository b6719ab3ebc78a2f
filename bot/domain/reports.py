"""Activity reports as the rest of Loa asks about them: who has reported what, and when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.texts import Texts
from bot.domain.campaigns import phase_on, theme_index
from bot.domain.photos import problem
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


async def working_units(session: AsyncSession) -> dict[int, Unit]:
    """Units with someone who does the work (an officer or focal point), by id: the units
    deadlines, quotas and numbers are about."""
    rows = await session.scalars(select(Unit).join(Officer, Officer.unit_id == Unit.id).where(
        Officer.status == OfficerStatus.ACTIVE.value,
        Officer.role.in_((Role.OFFICER.value, Role.FOCAL.value))).distinct())
    return {u.id: u for u in rows}


EXPORT_COLUMNS = ("Mã báo cáo", "Đơn vị", "Cán bộ", "Ngày hoạt động", "Loại hoạt động", "Mô tả",
                  "Số người tham gia", "Liên kết", "Chiến dịch", "Đợt", "Chủ đề", "Trạng thái",
                  "Nhận xét", "Ảnh", "Ảnh trùng với báo cáo", "Gửi lúc")


async def export_rows(session: AsyncSession, texts: Texts, tz: dt.tzinfo, start: dt.date | None,
                      end: dt.date | None, unit_ids: Collection[int] | None
                      ) -> list[list[Any]]:
    """One row per report (drafts left out), in the export's column order."""
    query = (select(Report, Officer.full_name, Unit.name, Campaign.plan_number)
             .join(Officer, Officer.id == Report.officer_id)
             .outerjoin(Unit, Unit.id == Report.unit_id)
             .outerjoin(Campaign, Campaign.id == Report.campaign_id)
             .where(Report.state != ReportState.DRAFT.value).order_by(Report.day, Report.id))
    if start is not None:
        query = query.where(Report.day >= start)
    if end is not None:
        query = query.where(Report.day <= end)
    if unit_ids is not None:
        query = query.where(Report.unit_id.in_(list(unit_ids)))
    found = (await session.execute(query)).unique().all()
    photos = await photos_of(session, [r.id for r, *_ in found])
    out = []
    for report, officer, unit, plan in found:
        mine = photos[report.id]
        out.append([
            report.id, unit or "", officer or "", report.day.strftime("%d/%m/%Y"),
            texts(f"activity.{report.activity}") if report.activity else "",
            report.description or "", report.participants, report.link or "", plan or "",
            report.phase or "", report.theme or "", texts(f"report.state_{report.state}"),
            report.review_comment or "",
            "; ".join(_photo_cell(texts, n, p) for n, p in enumerate(mine, 1)),
            ", ".join(sorted({f"#{p.duplicate_of}" for p in mine if p.duplicate_of})),
            report.created_at.astimezone(tz).strftime("%d/%m/%Y %H:%M"),
        ])
    return out


def _photo_cell(texts: Texts, n: int, photo: ReportPhoto) -> str:
    """Where a photo is kept, or why it is not; never what the sender's device called it."""
    if photo.path:
        return photo.path
    if photo.error:
        return texts("report.export_photo_refused", n=n,
                     why=texts(f"report.export_why_{problem(photo.error)}"))
    return texts("report.export_photo_pending", n=n)


async def write_report(session: AsyncSession, now: dt.datetime, officer_id: int,
                       unit_id: int | None, channel: str, data: dict[str, Any],
                       state: ReportState, report: Report | None = None) -> Report:
    """A report form's answers as a report row (new, or `report` updated) with its new photos,
    linked to the campaign, phase and theme of its day. Photo entries get their row's id."""
    day = dt.date.fromisoformat(data["day"])
    linked = await day_context(session, day)  # before adding: the query would flush a half row
    if report is None:
        report = Report(officer_id=officer_id, unit_id=unit_id, created_at=now)
        session.add(report)
    report.campaign_id, report.phase, report.theme = linked.campaign_id, linked.phase, linked.theme
    report.activity, report.description = data.get("activity"), data.get("description")
    report.day, report.participants, report.link = day, data.get("participants"), data.get("link")
    report.state, report.updated_at = state.value, now
    await session.flush()
    for photo in data.get("photos", []):
        if not photo.get("id"):
            row = ReportPhoto(report_id=report.id, channel=channel, file_id=photo["file_id"],
                              unique_id=photo["unique_id"], size=photo.get("size"), attempts=0,
                              created_at=now)
            session.add(row)
            await session.flush()
            photo["id"] = row.id
    return report
