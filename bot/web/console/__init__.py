"""The department's web console: server-rendered pages over the service layer, mounted on the
core's HTTP server. Every page needs a session (see auth.py); the rules live in bot/services/."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.routing import BaseRoute

from bot.core.clock import Clock
from bot.core.config import Config
from bot.core.texts import Texts
from bot.delivery.media import MediaStore
from bot.domain.photos import PhotoFetcher
from bot.runtime.secret import SecretKey


@dataclass(frozen=True)
class ConsoleDeps:
    """What the console needs of the running process, and nothing else (built in bot.app)."""

    config: Config
    clock: Clock
    sessions: async_sessionmaker[AsyncSession]
    texts: Texts
    media: MediaStore  # keeps an uploaded broadcast photo
    secret: SecretKey  # signs the session cookie
    wake: Callable[[], None]  # the outbox, after a commit that queued messages
    photos: PhotoFetcher  # makes a thumbnail missing for an older photo, in the background
    on_stop: list[Callable[[], Awaitable[None]]]  # called first when Loa stops (plan reads end)


def console_routes(deps: ConsoleDeps) -> list[BaseRoute]:
    from bot.web.console.site import Console

    return Console(deps).routes()
