"""The one secret every process shares (signed media links, console cookies): LOA_SECRET_KEY, or
a key generated once and kept in the database."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.store.db import insert_ignore
from bot.store.models import Setting

SETTING = "media.secret"  # the settings row that holds the generated key


class SecretKey:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], configured: str | None) -> None:
        self.sessions = sessions
        self._key: bytes | None = configured.encode() if configured else None

    async def get(self) -> bytes:
        """The key; the first process to ask for a generated one writes it, the others read it."""
        if self._key is None:
            async with self.sessions() as session, session.begin():
                await insert_ignore(session, Setting.__table__, [
                    {"key": SETTING, "value": secrets.token_urlsafe(32)}], ("key",))
                value = await session.scalar(select(Setting.value).where(Setting.key == SETTING))
            assert value is not None
            self._key = value.encode()
        return self._key

    async def key_check(self) -> str:
        """The key's fingerprint: every process shares it (`loa doctor`), and /healthz shows it
        so an answer can be told to come from this Loa."""
        return key_fingerprint(await self.get())


def key_fingerprint(key: bytes) -> str:
    """8 hex digits of HMAC(key, "loa-key-check"): tells keys apart without revealing one."""
    return hmac.new(key, b"loa-key-check", hashlib.sha256).hexdigest()[:8]


async def stored_key(session: AsyncSession) -> str | None:
    """The generated key kept in the database (None before any process made one)."""
    return await session.scalar(select(Setting.value).where(Setting.key == SETTING))
