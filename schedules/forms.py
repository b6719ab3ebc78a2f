"""Report forms left unfinished are closed after a while; their answers are kept as a draft
that /baocao offers to resume."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.clock import Clock
from bot.core.config import Config
from bot.core.events import TextOut, to_payload
from bot.core.texts import Texts
from bot.delivery.outbox import Recipient, create_job, enqueue
from bot.domain.reports import write_report
from bot.engine import flowids
from bot.store.models import Conversation, Identity, ReportState
from schedules import Jobs

log = logging.getLogger(__name__)


async def close_stale_forms(sessions: async_sessionmaker[AsyncSession], clock: Clock,
                            config: Config, texts: Texts) -> int:
    """Close report forms untouched for `form_timeout_hours`; returns how many."""
    now = clock.now()
    cutoff = now - timedelta(hours=config.reports.form_timeout_hours)
    async with sessions() as session, session.begin():
        stale = (await session.scalars(select(Conversation).where(
            Conversation.flow == flowids.REPORT, Conversation.updated_at < cutoff)
            .with_for_update(skip_locked=True))).all()
        notices = []
        for conv in stale:
            identity = await session.scalar(select(Identity).where(
                Identity.channel == conv.channel, Identity.external_id == conv.external_id))
            officer = identity.officer if identity else None
            kept = officer is not None and await _keep_as_draft(
                session, now, now.astimezone(config.timezone).date(), conv, officer.id,
                officer.unit_id)
            await session.delete(conv)
            if identity is not None and officer is not None:
                notices.append((Recipient(officer.id, identity.channel, identity.chat_id),
                                to_payload(TextOut(text=texts(
                                    "report.form_closed" if kept else "report.form_closed_empty",
                                    hours=f"{config.reports.form_timeout_hours:g}")))))
        if notices:
            job = await create_job(session, clock, "notice")
            await enqueue(session, clock, job.id, notices)
    if stale:
        log.info("closed %d unfinished report forms", len(stale))
    return len(stale)


async def _keep_as_draft(session: AsyncSession, now: datetime, today: dt.date,
                         conv: Conversation, officer_id: int, unit_id: int | None) -> bool:
    data = conv.data
    if data.get("report_id"):
        return False  # editing a sent report: the report stays as it was
    if not (data.get("activity") or data.get("description") or data.get("photos")):
        return False
    await write_report(session, now, officer_id, unit_id, conv.channel,
                       {**data, "day": data.get("day") or today.isoformat()}, ReportState.DRAFT)
    return True


def register(jobs: Jobs, sessions: async_sessionmaker[AsyncSession], clock: Clock,
             config: Config, texts: Texts, wake: Callable[[], None],
             every_seconds: float = 60) -> None:
    async def sweep() -> None:
        try:
            if await close_stale_forms(sessions, clock, config, texts):
                wake()
        except Exception:
            log.exception("could not close unfinished report forms; trying again later")

    jobs.every(sweep, every_seconds, "forms.close_stale")
