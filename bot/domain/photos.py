"""Report photos kept safely: fetched from the platform in the background, checked to be an
image, and written under the storage folder by their content hash.

A report is saved with its photos' platform file ids at once (the officer's reply does not wait
for a download); `PhotoFetcher` then downloads each one, so a restart only resumes the fetching.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from pathlib import Path

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import Channel, Rejected, SendError, TooLarge
from bot.core.clock import Clock
from bot.core.events import PhotoRef, TextOut, to_payload
from bot.core.images import NotAnImage
from bot.core.textfit import shorten
from bot.core.texts import Texts
from bot.runtime.lease import new_worker_id
from bot.store.files import store
from bot.store.models import Report, ReportPhoto, Worker

log = logging.getLogger(__name__)

# A platform outage must not lose photos: retried after 30 s, 1, 2, 4 … minutes, at most an hour
# apart, for about a day in all, then given up.
MAX_ATTEMPTS = 30
FIRST_RETRY = 30.0
LONGEST_RETRY = 3600.0
# Why a photo was given up, as stored in `report_photos.error` (the start of the text).
NOT_AN_IMAGE, TOO_BIG, DOWNLOAD_FAILED = "not an image", "too big", "download failed"
DOWNLOAD_REFUSED = "download refused"
REMOVED = "removed under the retention rule"  # bot/domain/retention.py: the file is gone on purpose


class PhotoFetcher:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], channels: dict[str, Channel],
                 clock: Clock, root: Path, max_bytes: int, interval: float = 2.0,
                 texts: Texts | None = None, worker_id: str | None = None,
                 lease_seconds: float = 60.0) -> None:
        self.texts = texts  # to tell an officer about a photo given up (None: nobody is told)
        self.sessions = sessions
        self.worker_id = worker_id or new_worker_id()
        self.lease_seconds = lease_seconds
        self.channels = channels
        self.clock = clock
        self.root = root
        self.max_bytes = max_bytes
        self.interval = interval
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        # An error (the database gone) ends the run: the supervisor logs it and runs it again.
        while not stop.is_set():
            busy = await self.fetch_some()
            if busy:
                continue
            self._wake.clear()
            waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
            await asyncio.wait(waiters, timeout=self.interval, return_when=asyncio.FIRST_COMPLETED)
            for w in waiters:
                w.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await w

    async def fetch_some(self, limit: int = 10) -> int:
        """Fetch up to `limit` photos not stored yet and due; returns how many were tried.

        Rows are claimed first (by this worker, while its heartbeat lasts), so two processes
        never download the same photo."""
        if not self.channels:
            return 0
        now = self.clock.now()
        live = select(Worker.id).where(
            Worker.heartbeat_at >= now - timedelta(seconds=self.lease_seconds))
        due = (select(ReportPhoto.id).where(
            ReportPhoto.sha256.is_(None), ReportPhoto.error.is_(None),
            ReportPhoto.channel.in_(list(self.channels)),
            or_(ReportPhoto.retry_at.is_(None), ReportPhoto.retry_at <= now),
            or_(ReportPhoto.claimed_by.is_(None), ReportPhoto.claimed_by == self.worker_id,
                ReportPhoto.claimed_by.not_in(live)))
            .order_by(ReportPhoto.id).limit(limit).with_for_update(skip_locked=True))
        async with self.sessions() as session, session.begin():
            todo = (await session.execute(
                update(ReportPhoto).where(ReportPhoto.id.in_(due))
                .values(claimed_by=self.worker_id)
                .returning(ReportPhoto.id, ReportPhoto.channel, ReportPhoto.file_id,
                           ReportPhoto.unique_id, ReportPhoto.attempts))).all()
        for row in sorted(todo, key=lambda r: r.id):
            await self._fetch(row.id, row.channel, row.file_id, row.unique_id, row.attempts)
        return len(todo)

    async def _fetch(self, photo_id: int, channel: str, file_id: str, unique_id: str,
                     attempts: int) -> None:
        values: dict[str, object] = {"attempts": attempts + 1, "claimed_by": None}
        try:
            data = await self.channels[channel].download(PhotoRef(file_id=file_id),
                                                         max_bytes=self.max_bytes)
            if len(data) > self.max_bytes:
                values["error"] = f"{TOO_BIG}: {len(data)} bytes"
            else:
                digest, relative = await asyncio.to_thread(store, self.root, data)
                values.update(sha256=digest, path=relative, size=len(data),
                              stored_at=self.clock.now())
        except NotAnImage:
            values["error"] = NOT_AN_IMAGE
        except TooLarge as exc:
            values["error"] = f"{TOO_BIG}: {exc.size} bytes"
        except Rejected as exc:
            # Gone or refused for good (404, 400, an unsafe path): asking again cannot help.
            values["error"] = f"{DOWNLOAD_REFUSED}: {exc}"[:300]
            log.warning("photo %s: download refused, not retried: %s", photo_id, exc)
        except (SendError, OSError) as exc:
            if attempts + 1 >= MAX_ATTEMPTS:
                values["error"] = f"{DOWNLOAD_FAILED}: {exc}"[:300]
                log.warning("photo %s: download failed %d times, given up: %s", photo_id,
                            attempts + 1, exc)
            else:
                wait = retry_delay(attempts + 1)
                values["retry_at"] = self.clock.now() + timedelta(seconds=wait)
                log.warning("photo %s: download failed (attempt %d): %s; next try in %.0f s",
                            photo_id, attempts + 1, exc, wait)
        async with self.sessions() as session, session.begin():
            photo = await session.get(ReportPhoto, photo_id)
            if photo is None:
                return
            for key, value in values.items():
                setattr(photo, key, value)
            if photo.sha256 is not None:
                photo.duplicate_of = await earlier_report_with(session, photo)
            if photo.error is not None and self.texts is not None:
                await self._tell_officer(session, photo)

    async def _tell_officer(self, session: AsyncSession, photo: ReportPhoto) -> None:
        """The officer learns which photo of which report was not kept, and what to do."""
        from bot.delivery.outbox import create_job, enqueue
        from bot.domain.broadcasts import reach

        assert self.texts is not None
        report = await session.get(Report, photo.report_id)
        if report is None:
            return
        target = await reach(session, report.officer_id)
        if target is None:
            return
        ids = (await session.scalars(select(ReportPhoto.id).where(
            ReportPhoto.report_id == report.id).order_by(ReportPhoto.id))).all()
        t = self.texts
        why = t(f"report.photo_why_{problem(photo.error or '')}",
                max=f"{self.max_bytes / 1024 / 1024:g}")
        text = t("report.photo_given_up", n=ids.index(photo.id) + 1, id=report.id, why=why,
                 description=shorten(report.description or "", 60))
        job = await create_job(session, self.clock, "notice", key=f"photo-refused:{photo.id}")
        await enqueue(session, self.clock, job.id, [(target, to_payload(TextOut(text=text)))])


def problem(error: str) -> str:
    """A stored error as the name of its explanation: not_image, too_big, removed or download."""
    if error.startswith(REMOVED):
        return "removed"
    if error.startswith(NOT_AN_IMAGE):
        return "not_image"
    return "too_big" if error.startswith(TOO_BIG) else "download"


def retry_delay(failures: int) -> float:
    """Seconds before the next try after `failures` failed downloads."""
    return min(FIRST_RETRY * 2 ** (failures - 1), LONGEST_RETRY)


async def earlier_report_with(session: AsyncSession, photo: ReportPhoto) -> int | None:
    """Another report that has the same photo (same bytes, or the same platform file)."""
    same = or_(ReportPhoto.unique_id == photo.unique_id, ReportPhoto.sha256 == photo.sha256) \
        if photo.sha256 else ReportPhoto.unique_id == photo.unique_id
    return await session.scalar(select(ReportPhoto.report_id).where(
        same, ReportPhoto.report_id != photo.report_id, ReportPhoto.id < photo.id)
        .order_by(ReportPhoto.id).limit(1))
