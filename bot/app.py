"""Wiring: build Loa's services from a Config and run its channels until told to stop."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.channels import Channel
from bot.core.clock import Clock, SystemClock
from bot.core.config import Config
from bot.core.dispatch import Dispatcher
from bot.core.flows import Router
from bot.core.texts import Texts
from bot.delivery.outbox import Outbox, OutboxSettings
from bot.delivery.ratelimit import RateLimiter
from bot.delivery.replies import Delivery
from bot.domain.broadcasts import ProgressReporter
from bot.domain.invites import BOT_USERNAME_KEY
from bot.domain.photos import PhotoFetcher
from bot.store.db import make_engine, make_sessionmaker, unreachable
from bot.store.migrate import upgrade
from bot.store.models import Identity, Officer, OfficerStatus, Role, Setting
from handlers import build_router
from schedules import Jobs, forms, housekeeping
from schedules import prompts as prompt_schedule

log = logging.getLogger(__name__)


@dataclass
class Loa:
    config: Config
    clock: Clock
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    texts: Texts
    router: Router
    channels: dict[str, Channel]
    limiters: dict[str, RateLimiter]
    delivery: Delivery
    outbox: Outbox
    dispatcher: Dispatcher
    photos: PhotoFetcher

    def add_channel(self, channel: Channel) -> None:
        self.channels[channel.name] = channel
        self.limiters[channel.name] = limiter_for(channel.name, self.config)

    def wake(self) -> None:
        """Rows were written that the workers act on: look now, not at the next poll."""
        self.outbox.wake()
        self.photos.wake()

    async def close(self) -> None:
        await self.engine.dispose()


async def build(config: Config, clock: Clock | None = None, database_url: str | None = None,
                migrate: bool = True) -> Loa:
    """Services with no channel yet; migrations applied first."""
    clock = clock or SystemClock()
    url = database_url or config.database_url
    engine = make_engine(url)
    if migrate:
        try:
            await upgrade(engine)
        except (OSError, DBAPIError, TimeoutError) as exc:
            await engine.dispose()
            raise unreachable(url, exc) from None
    sessions = make_sessionmaker(engine)
    texts = Texts.load(config.messages_dir)
    router = build_router()
    channels: dict[str, Channel] = {}
    limiters: dict[str, RateLimiter] = {}

    async def on_blocked(channel: str, chat_id: str) -> None:
        await mark_blocked(sessions, clock, channel, chat_id)

    delivery = Delivery(channels, texts("choices_hint"), on_blocked=on_blocked, limiters=limiters)
    d = config.delivery
    outbox = Outbox(sessions, channels, limiters, clock, texts("choices_hint"),
                    OutboxSettings(concurrency=d.concurrency, max_attempts=d.max_attempts,
                                   lease_seconds=d.lease_seconds))
    photos = PhotoFetcher(sessions, channels, clock, config.storage_dir,
                          int(config.reports.max_photo_mb * 1024 * 1024), texts=texts)

    def on_queued() -> None:
        outbox.wake()
        photos.wake()

    dispatcher = Dispatcher(sessions, clock, config, texts, router, delivery, on_queued=on_queued)
    return Loa(config, clock, engine, sessions, texts, router, channels, limiters, delivery,
               outbox, dispatcher, photos)


def limiter_for(channel: str, config: Config) -> RateLimiter:
    """Telegram's published limits; other channels publish none, so only a generous cap."""
    d = config.delivery
    if channel == "telegram":
        return RateLimiter(d.bulk_rate, d.per_chat_interval, d.group_per_minute)
    return RateLimiter(1000, per_chat_interval=0.0)


async def mark_blocked(sessions: async_sessionmaker[AsyncSession], clock: Clock, channel: str,
                       chat_id: str) -> None:
    """The platform says this chat is gone: stop sending to its officer."""
    async with sessions() as session, session.begin():
        officer_ids = select(Identity.officer_id).where(Identity.channel == channel,
                                                        Identity.chat_id == chat_id)
        await session.execute(
            update(Officer).where(Officer.id.in_(officer_ids),
                                  Officer.status == OfficerStatus.ACTIVE.value)
            .values(status=OfficerStatus.INACTIVE.value, updated_at=clock.now())
        )


async def remember_bot_username(sessions: async_sessionmaker[AsyncSession], username: str) -> None:
    async with sessions() as session, session.begin():
        setting = await session.get(Setting, BOT_USERNAME_KEY)
        if setting is None:
            session.add(Setting(key=BOT_USERNAME_KEY, value=username))
        elif setting.value != username:
            setting.value = username


def telegram_channel(loa: Loa) -> Channel:
    """The Telegram channel as Loa runs it (imported here only when a token is set)."""
    from bot.channels.telegram import TelegramChannel

    return TelegramChannel(
        loa.config.telegram, commands=telegram_commands(loa),
        on_username=lambda name: remember_bot_username(loa.sessions, name),
        paid_broadcast=loa.config.delivery.allow_paid_broadcast,
        connections=loa.config.delivery.concurrency + 2)


def telegram_commands(loa: Loa) -> list[tuple[str, str]]:
    """The command menu Telegram shows (one for everyone, so the officers' commands and not the
    admins'): name and the help line's description."""
    out = []
    for cmd in loa.router.commands:
        if cmd.help_key and cmd.role in (None, Role.OFFICER):
            out.append((cmd.name, loa.texts(cmd.help_key).split("—", 1)[-1].strip()))
    return out


async def run(loa: Loa, stop: asyncio.Event) -> None:
    """Start every channel, the scheduler, and wait for `stop`."""
    jobs = Jobs(loa.config.timezone)
    housekeeping.register(jobs, loa.sessions, loa.clock)
    prompt_schedule.register(jobs, loa.sessions, loa.clock, loa.config, loa.texts,
                             loa.outbox.wake)
    forms.register(jobs, loa.sessions, loa.clock, loa.config, loa.texts, loa.wake,
                   every_seconds=min(60.0, loa.config.prompts.tick_seconds * 2))
    jobs.start()
    started: list[Channel] = []
    tasks: list[asyncio.Task[None]] = []
    try:
        for channel in loa.channels.values():
            await channel.start(loa.dispatcher.handle)
            started.append(channel)
        reporter = ProgressReporter(loa.sessions, loa.delivery, loa.clock, loa.texts,
                                    loa.config.delivery.progress_interval,
                                    loa.config.delivery.bulk_rate)
        tasks = [asyncio.create_task(loa.outbox.run(stop), name="outbox"),
                 asyncio.create_task(reporter.run(stop), name="progress"),
                 asyncio.create_task(loa.photos.run(stop), name="photos")]
        await stop.wait()
    finally:
        await jobs.stop()
        for task in tasks:
            await task  # the outbox finishes sends in flight, records them, releases the rest
        for channel in reversed(started):
            try:
                await channel.stop()
            except Exception:
                log.exception("error while stopping %s", channel.name)
