"""Daily clean-up of bookkeeping that only matters for a short while."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.clock import Clock
from bot.core.config import Config
from bot.delivery.channellog import ChannelLog
from bot.domain.retention import remove_old_deliveries, remove_old_photos
from bot.store.models import ProcessedUpdate
from schedules import Jobs

log = logging.getLogger(__name__)

# Platforms keep an unconfirmed update for a day at most (Bot API: 24 hours); a week is a wide margin.
KEEP_UPDATE_IDS = timedelta(days=7)


async def prune_processed_updates(sessions: async_sessionmaker[AsyncSession], clock: Clock) -> int:
    async with sessions() as session, session.begin():
        result = await session.execute(
            delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < clock.now() - KEEP_UPDATE_IDS)
        )
    count = result.rowcount or 0
    if count:
        log.info("pruned %d old update ids", count)
    return count


def register(jobs: Jobs, sessions: async_sessionmaker[AsyncSession], clock: Clock,
             config: Config | None = None, channel_log: ChannelLog | None = None) -> None:
    async def prune() -> None:
        try:
            await prune_processed_updates(sessions, clock)
            if channel_log is not None:
                log.info("pruned %d old channel log rows", await channel_log.prune())
        except Exception:
            log.exception("could not prune old update ids; trying again tomorrow")

    # 03:15 local time; a missed run (Loa was down) is simply done at the next one.
    jobs.daily(prune, 3, 15, "housekeeping.prune_updates")
    if config is not None and config.retention.deliveries_days > 0:
        days = config.retention.deliveries_days

        async def remove_deliveries() -> None:
            try:
                await remove_old_deliveries(sessions, clock, days)
            except Exception:
                log.exception("could not remove old delivery rows; trying again tomorrow")

        # 04:15 local time, after the photos and before the morning's prompts.
        jobs.daily(remove_deliveries, 4, 15, "housekeeping.deliveries")
    if config is None or config.retention.photos_months <= 0:
        return
    retention = config

    async def remove_photos() -> None:
        try:
            await remove_old_photos(sessions, clock, retention.timezone, retention.storage_dir,
                                    retention.retention.photos_months)
        except Exception:
            log.exception("could not remove photos past the retention period; trying again tomorrow")

    # 03:45 local time, a quiet hour; photos past the period wait at most a day longer.
    jobs.daily(remove_photos, 3, 45, "housekeeping.retention")
