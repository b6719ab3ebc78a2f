"""Scheduled broadcasts: the schedules' tick starts those whose time has come.

Nothing is kept in the scheduler: a broadcast's time is on its row, and starting it is one
conditional UPDATE, so a restart or a second process simply carries on and none goes twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.clock import Clock
from bot.core.config import Config
from bot.core.texts import Texts
from bot.domain.broadcasts import start_due
from schedules import Jobs

log = logging.getLogger(__name__)


def register(jobs: Jobs, sessions: async_sessionmaker[AsyncSession], clock: Clock,
             config: Config, texts: Texts, wake: Callable[[], None]) -> None:
    async def tick() -> None:
        try:
            started = await start_due(sessions, clock, config.timezone, grace=timedelta(
                hours=config.delivery.scheduled_grace_hours), texts=texts)
        except Exception:
            log.exception("could not start the scheduled broadcasts; trying again at the next tick")
            return
        if started:
            log.info("started %d scheduled broadcasts", started)
            wake()

    # First run at once (catch up after a restart), then with the daily prompts' tick.
    jobs.every(tick, config.prompts.tick_seconds, "broadcasts.tick", now=True)
