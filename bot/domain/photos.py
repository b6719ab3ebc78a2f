"""Report photos kept safely: fetched from the platform in the background, checked to be an
image, and written under the storage folder by their content hash.

A report is saved with its photos' platform file ids at once (the officer's reply does not wait
for a download); `PhotoFetcher` then downloads each one, so a restart only resumes the fetching.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import os
import tempfile
from datetime import timedelta
from pathlib import Path

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import Channel, Rejected, SendError, TooLarge
from bot.core.clock import Clock
from bot.core.events import PhotoRef, TextOut, to_payload
from bot.core.images import NotAnImage, TooManyPixels, open_small
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
TOO_MANY_PIXELS = "too many pixels"
DOWNLOAD_REFUSED = "download refused"
REMOVED = "removed under the retention rule"  # bot/domain/retention.py: the file is gone on purpose


# Made once per stored photo, in the background, beside the photos: the gallery's thumbnail and
# the Word report's copy, so no page and no export ever decodes a photo.
THUMBS, COPIES = "thumbs", "report"
THUMB_EDGE = 320
# An appendix photo is printed 7.6 cm wide: 1024 px is ~340 dpi. Each is made to fit this budget
# (smaller or coarser until it does), so a report with 60 photos stays under 10 MB.
PHOTO_BUDGET = 150 * 1024
PHOTO_STEPS = ((1024, 75), (1024, 60), (1024, 45), (800, 45), (640, 40), (480, 35))
DEFAULT_MAX_PIXELS = 40_000_000


def thumb_path(root: Path, sha256: str) -> Path:
    return root / THUMBS / sha256[:2] / f"{sha256}.jpg"


def copy_path(root: Path, sha256: str) -> Path:
    return root / COPIES / sha256[:2] / f"{sha256}.jpg"


def report_jpeg(path: Path, max_pixels: int = DEFAULT_MAX_PIXELS) -> bytes | None:
    """A photo made small for the Word report (upright, JPEG, within PHOTO_BUDGET); None when the
    file is missing, not an image Pillow can read, or over `max_pixels`."""
    try:
        image = open_small(path, PHOTO_STEPS[0][0], max_pixels)
    except (OSError, ValueError, SyntaxError, TooManyPixels):
        return None
    jpeg = b""
    for edge, quality in PHOTO_STEPS:
        small = image.copy()
        small.thumbnail((edge, edge))
        out = io.BytesIO()
        small.save(out, "JPEG", quality=quality, optimize=True)
        jpeg = out.getvalue()
        if len(jpeg) <= PHOTO_BUDGET:
            break
    return jpeg


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name first: a reader never sees half a file.
    fd, temp = tempfile.mkstemp(dir=target.parent, suffix=".part")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(temp, target)


def derive(root: Path, relative: str, sha256: str, max_pixels: int = DEFAULT_MAX_PIXELS) -> bool:
    """Make the photo's thumbnail and report copy if missing (slow: a worker thread, outside any
    transaction); False when the photo cannot be read."""
    source = root / relative
    made = True
    thumb = thumb_path(root, sha256)
    if not thumb.exists():
        try:
            small = open_small(source, THUMB_EDGE, max_pixels)
        except (OSError, ValueError, SyntaxError, TooManyPixels):
            return False
        out = io.BytesIO()
        small.save(out, "JPEG", quality=80)
        _write(thumb, out.getvalue())
    copy = copy_path(root, sha256)
    if not copy.exists():
        jpeg = report_jpeg(source, max_pixels)
        if jpeg is None:
            made = False
        else:
            _write(copy, jpeg)
    return made


def _underived(root: Path, photos: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(sha256, path) for sha256, path in photos
            if not (thumb_path(root, sha256).exists() and copy_path(root, sha256).exists())]


class PhotoFetcher:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], channels: dict[str, Channel],
                 clock: Clock, root: Path, max_bytes: int, interval: float = 2.0,
                 texts: Texts | None = None, worker_id: str | None = None,
                 lease_seconds: float = 60.0, max_pixels: int = DEFAULT_MAX_PIXELS) -> None:
        self.max_pixels = max_pixels
        self._derive: dict[str, str] = {}  # sha256 -> path: asked for by a page, made in run()
        self._swept = False
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

    def derive_later(self, relative: str, sha256: str) -> None:
        """A page found a photo without its thumbnail or copy (stored before they existed): made
        here in the background, never in the request."""
        if len(self._derive) < 10_000:
            self._derive[sha256] = relative
            self._wake.set()

    async def derive_some(self, limit: int = 5) -> int:
        done = 0
        while self._derive and done < limit:
            sha256, relative = self._derive.popitem()
            if not await asyncio.to_thread(derive, self.root, relative, sha256, self.max_pixels):
                log.warning("photo %s: no thumbnail or report copy could be made", sha256)
            done += 1
        return done

    async def queue_missing(self) -> int:
        """Photos stored before thumbnails and copies were made at fetch time: queued for
        `derive_some`. Returns how many."""
        last, queued = 0, 0
        while True:
            async with self.sessions() as session:
                rows = (await session.execute(
                    select(ReportPhoto.id, ReportPhoto.path, ReportPhoto.sha256)
                    .where(ReportPhoto.sha256.is_not(None), ReportPhoto.path.is_not(None),
                           ReportPhoto.id > last).order_by(ReportPhoto.id).limit(500))).all()
            if not rows:
                return queued
            last = rows[-1].id
            missing = await asyncio.to_thread(_underived, self.root, [(r.sha256, r.path) for r in rows])
            for sha256, path in missing:
                self._derive[sha256] = path
            queued += len(missing)

    async def run(self, stop: asyncio.Event) -> None:
        # An error (the database gone) ends the run: the supervisor logs it and runs it again.
        if not self._swept:
            await self.queue_missing()
            self._swept = True
        while not stop.is_set():
            busy = await self.fetch_some() + await self.derive_some()
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
                digest, relative = await asyncio.to_thread(store, self.root, data, self.max_pixels)
                del data
                # Thumbnail and report copy now, once, here in the background and outside any
                # transaction: pages and exports only read them.
                if not await asyncio.to_thread(derive, self.root, relative, digest, self.max_pixels):
                    log.warning("photo %s: stored, but no thumbnail could be made", photo_id)
                values.update(sha256=digest, path=relative, size=(self.root / relative).stat().st_size,
                              stored_at=self.clock.now())
        except TooManyPixels as exc:
            values["error"] = f"{TOO_MANY_PIXELS}: {exc.width}x{exc.height}"
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
                max=f"{self.max_bytes / 1024 / 1024:g}", mpx=f"{self.max_pixels / 1e6:g}")
        text = t("report.photo_given_up", n=ids.index(photo.id) + 1, id=report.id, why=why,
                 description=shorten(report.description or "", 60))
        job = await create_job(session, self.clock, "notice", key=f"photo-refused:{photo.id}")
        await enqueue(session, self.clock, job.id, [(target, to_payload(TextOut(text=text)))])


def problem(error: str) -> str:
    """A stored error as the name of its explanation: not_image, too_big, pixels, removed or
    download."""
    if error.startswith(REMOVED):
        return "removed"
    if error.startswith(NOT_AN_IMAGE):
        return "not_image"
    if error.startswith(TOO_MANY_PIXELS):
        return "pixels"
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
