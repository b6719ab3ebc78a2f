"""Timed jobs. Schedules are rebuilt from Loa's own tables at start, never from pickled jobs."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, tzinfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.base import STATE_PAUSED, STATE_STOPPED

JobFn = Callable[[], Awaitable[None]]


class Jobs:
    """APScheduler 3 with its running jobs tracked: stopping lets a job in flight finish its
    transaction (the asyncio executor's own shutdown would cancel it mid-way)."""

    def __init__(self, timezone: tzinfo) -> None:
        self.timezone = timezone
        self.scheduler = AsyncIOScheduler(timezone=timezone)
        self._running: set[asyncio.Task[None]] = set()
        # Runs begun and the last begun run that ended, per job: `ran` waits on them.
        self._begun: dict[str, int] = {}
        self._ended: dict[str, int] = {}
        self._changed = asyncio.Condition()

    def _tracked(self, fn: JobFn, job_id: str) -> JobFn:
        async def job() -> None:
            task = asyncio.current_task()
            assert task is not None
            self._running.add(task)
            run = self._begun[job_id] = self._begun.get(job_id, 0) + 1
            try:
                await fn()
            finally:
                self._running.discard(task)
                self._ended[job_id] = run
                async with self._changed:
                    self._changed.notify_all()
        return job

    async def ran(self, job_id: str) -> None:
        """Return once a run of `job_id` begun after this call has ended: what the job had to do
        by now is done (a test waits on this instead of sleeping; the caller bounds the wait)."""
        goal = self._begun.get(job_id, 0) + 1
        async with self._changed:
            await self._changed.wait_for(lambda: self._ended.get(job_id, 0) >= goal)

    def every(self, fn: JobFn, seconds: float, job_id: str, now: bool = False) -> None:
        """Every `seconds`; a late run still runs once (coalesce), whatever its delay: Loa's
        jobs read what to do from the database, so running late or twice is harmless."""
        # (next_run_time=None would add the job paused, so it is only given for `now`.)
        first = {"next_run_time": datetime.now(self.timezone)} if now else {}
        self.scheduler.add_job(self._tracked(fn, job_id), "interval", seconds=seconds, id=job_id,
                               replace_existing=True, coalesce=True, max_instances=1,
                               misfire_grace_time=None, **first)

    def daily(self, fn: JobFn, hour: int, minute: int, job_id: str) -> None:
        self.scheduler.add_job(self._tracked(fn, job_id), "cron", hour=hour, minute=minute, id=job_id,
                               replace_existing=True, coalesce=True, max_instances=1,
                               misfire_grace_time=3600)

    def start(self) -> None:
        """Start, or resume after `pause` (this process holds the schedules' lease again)."""
        if self.scheduler.state == STATE_STOPPED:
            self.scheduler.start()
        elif self.scheduler.state == STATE_PAUSED:
            self.scheduler.resume()

    async def pause(self) -> None:
        """Nothing new starts (the lease went to another process); jobs in flight finish."""
        if self.scheduler.state != STATE_STOPPED:
            self.scheduler.pause()
        await self._finish_running()

    async def stop(self) -> None:
        if self.scheduler.state == STATE_STOPPED:
            await self._finish_running()
            return
        self.scheduler.remove_all_jobs()  # nothing new starts
        await self._finish_running()
        self.scheduler.shutdown(wait=False)

    async def _finish_running(self) -> None:
        if self._running:
            await asyncio.wait(set(self._running), timeout=30)
