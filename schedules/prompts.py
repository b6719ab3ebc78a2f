"""The daily prompts' schedule: one short tick that asks the database who is due.

Nothing about who gets what, or when, is kept in the scheduler: each tick reads officers' times
and what was already queued from the database, so a restart or a second process simply carries
on, and a job store of pickled jobs (which two processes must not share) is never needed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.clock import Clock
from bot.core.config import Config
from bot.core.texts import Texts
from bot.domain.prompts import queue_due
from schedules import Jobs

log = logging.getLogger(__name__)


def register(jobs: Jobs, sessions: async_sessionmaker[AsyncSession], clock: Clock,
             config: Config, texts: Texts, wake: Callable[[], None]) -> None:
    async def tick() -> None:
        try:
            queued = await queue_due(sessions, clock, config, texts)
        except Exception:
            log.exception("could not queue the daily prompts; trying again at the next tick")
            return
        if queued.total:
            wake()

    # First run at once (catch up after a restart), then every tick.
    jobs.every(tick, config.prompts.tick_seconds, "prompts.tick", now=True)
