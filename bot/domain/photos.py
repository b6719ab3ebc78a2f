"""Report photos kept safely: fetched from the platform in the background, checked to be an
image, and written under the storage folder by their content hash.

A report is saved with its photos' platform file ids at once (the officer's reply does not wait
for a download); `PhotoFetcher` then downloads each one, so a restart only resumes the fetching.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import Channel, Rejected, SendError, TooLarge
from bot.core.clock import Clock
from bot.core.events import PhotoRef
from bot.store.models import ReportPhoto

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# What the bytes start with, for the image formats phones and Telegram produce.
SIGNATURES = ((b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"), (b"GIF8", "gif"))


class NotAnImage(Exception):
    pass


def image_type(data: bytes) -> str:
    for magic, ext in SIGNATURES:
        if data.startswith(magic):
            return ext
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "heic"
    raise NotAnImage()


def store(root: Path, data: bytes) -> tuple[str, str]:
    """Write `data` as <root>/<ab>/<sha256>.<ext> (once: the same bytes make the same file);
    returns the hash and the path relative to root."""
    ext = image_type(data)
    digest = hashlib.sha256(data).hexdigest()
    relative = f"{digest[:2]}/{digest}.{ext}"
    target = root / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)  # never a half-written photo under its final name
    return digest, relative


class PhotoFetcher:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], channels: dict[str, Channel],
                 clock: Clock, root: Path, max_bytes: int, interval: float = 2.0) -> None:
        self.sessions = sessions
        self.channels = channels
        self.clock = clock
        self.root = root
        self.max_bytes = max_bytes
        self.interval = interval
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                busy = await self.fetch_some()
            except Exception:
                log.exception("could not fetch report photos; will retry")
                busy = 0
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
        """Fetch up to `limit` photos not stored yet; returns how many were tried."""
        async with self.sessions() as session:
            todo = (await session.execute(select(
                ReportPhoto.id, ReportPhoto.channel, ReportPhoto.file_id, ReportPhoto.unique_id,
                ReportPhoto.attempts).where(
                ReportPhoto.sha256.is_(None), ReportPhoto.error.is_(None),
                ReportPhoto.channel.in_(list(self.channels))).order_by(ReportPhoto.id)
                .limit(limit))).all()
        for row in todo:
            await self._fetch(row.id, row.channel, row.file_id, row.unique_id, row.attempts)
        return len(todo)

    async def _fetch(self, photo_id: int, channel: str, file_id: str, unique_id: str,
                     attempts: int) -> None:
        values: dict[str, object] = {"attempts": attempts + 1}
        try:
            data = await self.channels[channel].download(PhotoRef(file_id=file_id),
                                                         max_bytes=self.max_bytes)
            if len(data) > self.max_bytes:
                values["error"] = f"too big: {len(data)} bytes"
            else:
                digest, relative = await asyncio.to_thread(store, self.root, data)
                values.update(sha256=digest, path=relative, size=len(data),
                              stored_at=self.clock.now())
        except NotAnImage:
            values["error"] = "not an image"
        except TooLarge as exc:
            values["error"] = f"too big: {exc.size} bytes"
        except Rejected as exc:
            # Gone or refused for good (404, 400, an unsafe path): asking again cannot help.
            values["error"] = f"download refused: {exc}"[:300]
            log.warning("photo %s: download refused, not retried: %s", photo_id, exc)
        except (SendError, OSError) as exc:
            if attempts + 1 >= MAX_ATTEMPTS:
                values["error"] = f"download failed: {exc}"[:300]
            log.warning("photo %s: download failed (attempt %d): %s", photo_id, attempts + 1, exc)
        async with self.sessions() as session, session.begin():
            photo = await session.get(ReportPhoto, photo_id)
            if photo is None:
                return
            for key, value in values.items():
                setattr(photo, key, value)
            if photo.sha256 is not None:
                photo.duplicate_of = await earlier_report_with(session, photo)


async def earlier_report_with(session: AsyncSession, photo: ReportPhoto) -> int | None:
    """Another report that has the same photo (same bytes, or the same platform file)."""
    same = or_(ReportPhoto.unique_id == photo.unique_id, ReportPhoto.sha256 == photo.sha256) \
        if photo.sha256 else ReportPhoto.unique_id == photo.unique_id
    return await session.scalar(select(ReportPhoto.report_id).where(
        same, ReportPhoto.report_id != photo.report_id, ReportPhoto.id < photo.id)
        .order_by(ReportPhoto.id).limit(1))
