"""Report photos kept only as long as the department decided (`[retention] photos_months`; Nghị
định 13/2023/NĐ-CP): older ones are removed from disk. The report stays, and its photo rows stay
as the record that the photo existed and was removed under the rule (`error` says so), so
every place that shows a report's photos can say why they are gone."""

from __future__ import annotations

import asyncio
import calendar
import datetime as dt
import logging
from pathlib import Path

from sqlalchemy import delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.clock import Clock
from bot.domain.audit import SYSTEM, Action, record
from bot.domain.photos import REMOVED
from bot.store.models import Broadcast, Delivery, DeliveryState, Job, Media, ReportPhoto

log = logging.getLogger(__name__)

BATCH = 500
THUMBS = "thumbs"  # the web console's thumbnail cache under the storage folder (web/console/thumbs.py)


def cutoff(today: dt.date, months: int, tz: dt.tzinfo) -> dt.datetime:
    """The start (local midnight, as UTC) of the day `months` months before `today` (31 March
    minus one month is the last day of February)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    return dt.datetime.combine(dt.date(year, month + 1, day), dt.time(), tz).astimezone(dt.UTC)


async def remove_old_photos(sessions: async_sessionmaker[AsyncSession], clock: Clock,
                            tz: dt.tzinfo, storage_dir: Path, months: int) -> int:
    """Mark photos older than `months` removed (audited), then delete the files no report still
    using them needs; returns how many photos were removed. 0 months: nothing is done."""
    if months <= 0:
        return 0
    before = cutoff(clock.now().astimezone(tz).date(), months, tz)
    removed = 0
    while True:
        async with sessions() as session, session.begin():
            rows = (await session.execute(
                select(ReportPhoto.id, ReportPhoto.report_id, ReportPhoto.path, ReportPhoto.sha256)
                .where(ReportPhoto.path.is_not(None), ReportPhoto.created_at < before)
                .order_by(ReportPhoto.id).limit(BATCH).with_for_update(skip_locked=True))).all()
            if not rows:
                break
            await session.execute(update(ReportPhoto).where(
                ReportPhoto.id.in_([r.id for r in rows])).values(
                path=None, error=f"{REMOVED}: {months} months"))
            reports = sorted({r.report_id for r in rows})
            await record(session, clock, SYSTEM, Action.PHOTOS_REMOVED, "retention",
                         f"{before.astimezone(tz):%d/%m/%Y}", months=months,
                         photos=len(rows), reports=reports[:500], report_count=len(reports))
        removed += len(rows)
        # After the commit: a file whose bytes a newer report (or a broadcast) still uses stays.
        paths = {r.path: r.sha256 for r in rows}
        async with sessions() as session:
            used = set((await session.scalars(select(ReportPhoto.path).where(
                ReportPhoto.path.in_(list(paths))))).all())
            used |= set((await session.scalars(select(Media.path).where(
                Media.path.in_(list(paths))))).all())
        gone = {p: sha for p, sha in paths.items() if p not in used}
        await asyncio.to_thread(_delete, storage_dir, gone)
    if removed:
        log.info("retention: removed %d photos older than %d months", removed, months)
    return removed


# Rows whose outcome is settled; pending, sending and uncertain ones are never removed.
FINISHED = [DeliveryState.SENT.value, DeliveryState.FAILED.value, DeliveryState.BLOCKED.value,
            DeliveryState.SKIPPED.value]
DELIVERY_BATCH = 10_000  # rows per short transaction: a national morning is 400,000 of them


async def remove_old_deliveries(sessions: async_sessionmaker[AsyncSession], clock: Clock,
                                days: int) -> int:
    """Delete finished delivery rows of jobs created more than `days` days ago, a batch per
    short transaction (audited once per run); returns how many. A broadcast keeps its numbers
    on its own row (`counts`): one whose numbers were never kept keeps its rows. 0: nothing."""
    if days <= 0:
        return 0
    before = clock.now() - dt.timedelta(days=days)
    uncounted = exists().where(Broadcast.job_id == Delivery.job_id, Broadcast.counts.is_(None))
    old_jobs = select(Job.id).where(Job.created_at < before)
    removed = 0
    while True:
        async with sessions() as session, session.begin():
            ids = list((await session.scalars(
                select(Delivery.id).where(Delivery.job_id.in_(old_jobs),
                                          Delivery.state.in_(FINISHED), ~uncounted)
                .order_by(Delivery.id).limit(DELIVERY_BATCH))).all())
            if ids:
                await session.execute(delete(Delivery).where(Delivery.id.in_(ids)))
        removed += len(ids)
        if len(ids) < DELIVERY_BATCH:
            break
    if removed:
        async with sessions() as session, session.begin():
            await record(session, clock, SYSTEM, Action.DELIVERIES_REMOVED, "retention",
                         f"{before:%Y-%m-%d}", days=days, rows=removed)
        log.info("retention: removed %d delivery rows of jobs older than %d days", removed, days)
    return removed


def _delete(storage_dir: Path, files: dict[str, str | None]) -> None:
    for relative, sha in files.items():
        (storage_dir / relative).unlink(missing_ok=True)
        if sha:
            (storage_dir / THUMBS / sha[:2] / f"{sha}.jpg").unlink(missing_ok=True)
