"""Activity reports as the rest of Loa asks about them: who has reported what, and when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.models import Report, ReportState

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
