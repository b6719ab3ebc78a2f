"""The one secret every process shares (signed media links, console cookies): LOA_SECRET_KEY, or
a key generated once and kept in the database."""

from __future__ import annotations

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
