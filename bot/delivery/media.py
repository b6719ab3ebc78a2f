"""Photos any channel can send: kept once by SHA-256, sent by the platform's own id where it has
one, uploaded where it takes uploads, or offered as a signed, expiring URL where it only takes
URLs. The URL serves that image and nothing else."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import PLATFORM_ID, UPLOAD, URL, Channel
from bot.core.clock import Clock
from bot.core.config import Config
from bot.core.events import FILE_PREFIX, MEDIA_PREFIX, Outgoing, PhotoOut, PhotoRef, RemoteUrl
from bot.core.images import image_type
from bot.runtime.secret import SecretKey
from bot.store.db import insert_ignore
from bot.store.files import store
from bot.store.models import Media, ReportPhoto

log = logging.getLogger(__name__)

URL_SECONDS = 24 * 3600  # a platform fetches at once; a day covers retries and slow queues
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "gif": "image/gif",
                 "webp": "image/webp", "heic": "image/heic"}


class MediaError(Exception):
    """A photo that cannot be sent on this channel (no public URL for a URL-only channel)."""


class MediaStore:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock,
                 config: Config, channels: dict[str, Channel] | None = None) -> None:
        self.sessions = sessions
        self.channels = channels if channels is not None else {}  # to fetch a user's photo
        self.clock = clock
        self.root = config.storage_dir
        self.max_pixels = int(config.reports.max_photo_megapixels * 1_000_000)
        self.public_url = config.http.public_url
        self.secret = SecretKey(sessions, config.secret_key)

    # -- keeping ------------------------------------------------------------------------------

    async def add(self, session: AsyncSession, data: bytes) -> str:
        """Keep `data` (an image, else NotAnImage; TooManyPixels beyond the limit, read from its
        header) and return its "media:<sha256>" reference."""
        digest, relative = await asyncio.to_thread(store, self.root, data, self.max_pixels)
        await self.register(session, digest, relative, len(data))
        return MEDIA_PREFIX + digest

    async def register(self, session: AsyncSession, digest: str, relative: str, size: int) -> str:
        """A file already stored by hash (a report photo) as media; returns its reference."""
        ext = relative.rsplit(".", 1)[-1]
        await insert_ignore(session, Media.__table__, [{
            "sha256": digest, "path": relative, "content_type": CONTENT_TYPES.get(ext, "image/jpeg"),
            "size": size, "platform_ids": {}, "created_at": self.clock.now()}], ("sha256",))
        return MEDIA_PREFIX + digest

    # -- sending ------------------------------------------------------------------------------

    async def prepare(self, message: Outgoing, channel: Channel) -> tuple[Outgoing, str | None]:
        """The message with a "media:" photo turned into what this channel takes; also the hash
        to remember the platform's id under after an upload (None when nothing to remember)."""
        if not (isinstance(message, PhotoOut) and isinstance(message.photo, str)
                and message.photo.startswith((MEDIA_PREFIX, FILE_PREFIX))):
            return message, None
        if message.photo.startswith(FILE_PREFIX):
            source, _, file_id = message.photo.removeprefix(FILE_PREFIX).partition(":")
            if source == channel.name and PLATFORM_ID in channel.caps.media:
                return _with_photo(message, file_id), None  # back where it came from, by its id
            digest = await self._from_platform(source, file_id)
        else:
            digest = message.photo.removeprefix(MEDIA_PREFIX)
        async with self.sessions() as session:
            media = await session.get(Media, digest)
        if media is None:
            raise MediaError(f"no media {digest[:12]}")
        media_modes = channel.caps.media
        known = (media.platform_ids or {}).get(channel.name)
        if PLATFORM_ID in media_modes and known:
            return _with_photo(message, known), None
        if UPLOAD in media_modes:
            data = await asyncio.to_thread((self.root / media.path).read_bytes)
            return _with_photo(message, data), digest
        if URL in media_modes:
            return _with_photo(message, RemoteUrl(await self.signed_url(media))), None
        raise MediaError(f"{channel.name} takes no photos")

    async def _from_platform(self, source: str, file_id: str) -> str:
        """The hash of a photo a user sent on `source`: stored already as a report photo, or
        fetched from that platform now (and kept, with its id there)."""
        async with self.sessions() as session, session.begin():
            stored = (await session.execute(select(
                ReportPhoto.sha256, ReportPhoto.path, ReportPhoto.size).where(
                ReportPhoto.channel == source, ReportPhoto.file_id == file_id,
                ReportPhoto.sha256.is_not(None), ReportPhoto.path.is_not(None)).limit(1))).first()
            if stored is not None:
                await self.register(session, stored.sha256, stored.path, stored.size or 0)
                return stored.sha256
        if source not in self.channels:
            raise MediaError(f"{source} is not running here to fetch the photo")
        data = await self.channels[source].download(PhotoRef(file_id=file_id))
        async with self.sessions() as session, session.begin():
            digest = (await self.add(session, data)).removeprefix(MEDIA_PREFIX)
        await self.remember(digest, source, file_id)
        return digest

    async def remember(self, digest: str, channel: str, platform_id: str) -> None:
        async with self.sessions() as session, session.begin():
            media = await session.get(Media, digest, with_for_update=True)
            if media is not None and (media.platform_ids or {}).get(channel) != platform_id:
                media.platform_ids = {**(media.platform_ids or {}), channel: platform_id}

    # -- signed URLs --------------------------------------------------------------------------

    async def signed_url(self, media: Media, seconds: int = URL_SECONDS) -> str:
        if not self.public_url:
            raise MediaError("LOA_PUBLIC_URL is not set: a URL-only channel cannot get photos")
        expires = int(time.time()) + seconds
        name = f"{media.sha256}.{media.path.rsplit('.', 1)[-1]}"
        return f"{self.public_url}/media/{name}?e={expires}&s={await self._sign(name, expires)}"

    async def verify(self, name: str, expires: str, signature: str) -> bool:
        if not (expires.isascii() and expires.isdigit()) or int(expires) < time.time():
            return False
        expected = await self._sign(name, int(expires))
        return hmac.compare_digest(expected, signature)

    async def _sign(self, name: str, expires: int) -> str:
        mac = hmac.new(await self.secret.get(), f"{name}:{expires}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")

    async def file_for(self, name: str) -> tuple[Path, str] | None:
        digest, _, ext = name.partition(".")
        if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
            return None
        async with self.sessions() as session:
            media = await session.get(Media, digest)
        if media is None or not media.path.endswith("." + ext):
            return None
        return self.root / media.path, media.content_type


def _with_photo(message: PhotoOut, photo: Any) -> PhotoOut:
    return PhotoOut(photo=photo, caption=message.caption, choices=message.choices)


def read_image(path: Path) -> bytes:
    """A photo file for `loa broadcast send --photo`; NotAnImage when it is not one."""
    data = path.read_bytes()
    image_type(data)
    return data
