"""Wiring: build Loa's services from a Config and run its channels until told to stop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.middleware import Middleware

from bot.channels import Channel, ChannelUnavailable, Host, SendError, specs
from bot.core.clock import Clock, SystemClock
from bot.core.config import Config, read_config
from bot.core.events import TextOut, to_payload
from bot.core.metrics import Metrics
from bot.core.private import keep_private
from bot.core.texts import Texts
from bot.delivery.budget import Budgets
from bot.delivery.channellog import ChannelLog
from bot.delivery.inbound import Inbound
from bot.delivery.media import MediaStore
from bot.delivery.outbox import Outbox, OutboxSettings, Recipient, create_job, enqueue
from bot.delivery.ratelimit import RateLimiter
from bot.delivery.replies import Delivery
from bot.domain.audit import PLATFORM
from bot.domain.broadcasts import ProgressReporter, admins
from bot.domain.photos import PhotoFetcher
from bot.engine.dispatch import Dispatcher
from bot.engine.flows import Router
from bot.runtime.lease import SCHEDULES, Leases, channel_lease
from bot.runtime.supervise import Supervisor
from bot.services import APPROVAL_PRIORITY, Scope
from bot.services.groups import bot_left
from bot.store.db import READ_ONLY, insert_ignore, make_engine, make_sessionmaker, unreachable
from bot.store.migrate import upgrade
from bot.store.models import Identity, Officer, OfficerStatus, Role, Setting
from bot.web.console import ConsoleDeps, console_routes
from bot.web.console.auth import signed_in_admin
from bot.web.media import media_routes
from bot.web.metrics import Timing, metrics_routes
from bot.web.server import HttpServer, build_app
from handlers import build_router
from schedules import Jobs, forms, housekeeping
from schedules import broadcasts as broadcast_schedule
from schedules import prompts as prompt_schedule

log = logging.getLogger(__name__)
# Seconds: the platform's one-second window, plus a margin for the dead holder's last requests,
# which the kernel still flushes from its sockets and a slow network may deliver late.
TAKEOVER_PAUSE = 2.0


def load_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """The config file (LOA_CONFIG or ./config.toml) and the environment, with every registered
    channel's section; ConfigError when something is wrong."""
    return read_config(specs(), path, env)


@dataclass
class Loa:
    config: Config
    clock: Clock
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    texts: Texts
    router: Router
    channels: dict[str, Channel]
    limiters: dict[str, RateLimiter]  # each channel's free lane: everything but paid broadcasts
    delivery: Delivery
    outbox: Outbox
    dispatcher: Dispatcher
    photos: PhotoFetcher
    leases: Leases
    media: MediaStore
    channel_log: ChannelLog
    metrics: Metrics
    inbound: Inbound
    paid_limiters: dict[str, RateLimiter] = field(default_factory=dict)  # paid lanes (broadcasts)
    started: asyncio.Event = field(default_factory=asyncio.Event)  # every channel has started
    supervisor: Supervisor | None = None
    jobs: Jobs | None = None  # the timed jobs, while `run` runs
    http: HttpServer | None = None
    # Ended first when Loa stops, so the requests waiting on them can answer (a plan being read).
    on_stop: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    def add_channel(self, channel: Channel) -> None:
        self.channels[channel.name] = channel
        free, paid = lanes_for(channel, self.config)
        self.limiters[channel.name] = free
        if paid is not None:
            self.paid_limiters[channel.name] = paid
        else:
            self.paid_limiters.pop(channel.name, None)
        self.metrics.channel(channel.name)

    def took_over(self, channel: str) -> None:
        """This process now sends for `channel`: the previous holder's last sends still count
        in the platform's window, so its lanes wait out that second first."""
        self.limiters[channel].pause(TAKEOVER_PAUSE)
        if channel in self.paid_limiters:
            self.paid_limiters[channel].pause(TAKEOVER_PAUSE)

    def add_configured_channels(self) -> list[str]:
        """Every channel that is switched on and has its token; returns their names."""
        for name in self.config.active_channels:
            self.add_channel(create_channel(self, name))
        return self.config.active_channels

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
    keep_private(config.storage_dir, url)
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
    paid_limiters: dict[str, RateLimiter] = {}

    async def on_blocked(channel: str, chat_id: str) -> None:
        await mark_blocked(sessions, clock, channel, chat_id)

    d = config.delivery
    leases = Leases(sessions, clock, d.lease_seconds)
    media = MediaStore(sessions, clock, config, channels)
    delivery = Delivery(channels, texts("choices_hint"), on_blocked=on_blocked, limiters=limiters,
                        media=media)
    outbox = Outbox(sessions, channels, limiters, clock, texts("choices_hint"),
                    OutboxSettings(concurrency=d.concurrency, max_attempts=d.max_attempts,
                                   lease_seconds=d.lease_seconds),
                    worker_id=leases.worker_id, media=media, paid_limiters=paid_limiters)
    photos = PhotoFetcher(sessions, channels, clock, config.storage_dir,
                          int(config.reports.max_photo_mb * 1024 * 1024), texts=texts,
                          worker_id=leases.worker_id, lease_seconds=d.lease_seconds,
                          max_pixels=int(config.reports.max_photo_megapixels * 1_000_000))

    def on_queued() -> None:
        outbox.wake()
        photos.wake()

    budgets = Budgets(sessions, clock, config.timezone,
                      {name: specs()[name].monthly_budget(s) for name, s in config.channels.items()},
                      warn=lambda session, channel, sent, quota: warn_admins(
                          session, clock, texts, channel, sent, quota),
                      on_exhausted=lambda session, channel: tell_quota_exhausted(
                          session, clock, texts, channel))
    # Always: a platform may say its quota is spent even with no budget configured here.
    outbox.budgets = delivery.budgets = budgets

    async def group_refused(session: AsyncSession, channel: str, chat_id: str, error: str) -> bool:
        scope = Scope(session, clock, config, texts, PLATFORM)
        return await bot_left(scope, channel, chat_id, refused=error) is not None

    outbox.on_group_refused = group_refused
    channel_log = ChannelLog(sessions, clock, d.channel_log_days)
    outbox.channel_log = delivery.channel_log = channel_log
    metrics = outbox.metrics = delivery.metrics = Metrics()  # this Loa's own registry

    dispatcher = Dispatcher(sessions, clock, config, texts, router, delivery, on_queued=on_queued)
    dispatcher.channel_log = channel_log
    inbound = Inbound(sessions, clock, channels, worker_id=leases.worker_id,
                      lease_seconds=d.lease_seconds)
    return Loa(config, clock, engine, sessions, texts, router, channels, limiters, delivery,
               outbox, dispatcher, photos, leases, media, channel_log, metrics, inbound,
               paid_limiters)


async def warn_admins(session: AsyncSession, clock: Clock, texts: Texts, channel: str,
                      sent: int, quota: int) -> None:
    """80 % of a channel's monthly budget used: every admin hears it once (ahead of prompts)."""
    people = await admins(session)
    if not people:
        return
    text = texts("budget.warning", channel=texts(f"channel.{channel}"), sent=sent, quota=quota)
    job = await create_job(session, clock, "notice")
    await enqueue(session, clock, job.id, [(r, to_payload(TextOut(text=text))) for r in people],
                  priority=APPROVAL_PRIORITY)


async def tell_quota_exhausted(session: AsyncSession, clock: Clock, texts: Texts,
                               channel: str) -> None:
    """The platform says a channel's quota is spent: every admin hears it once, on another
    channel of theirs when they have one (that one will not take it)."""
    people = await admins(session)
    if not people:
        return
    elsewhere: dict[int, Recipient] = {}
    for officer_id, other, chat_id in (await session.execute(
            select(Identity.officer_id, Identity.channel, Identity.chat_id).where(
                Identity.officer_id.in_([p.officer_id for p in people]),
                Identity.channel != channel).order_by(Identity.id))).all():
        elsewhere.setdefault(officer_id, Recipient(officer_id, other, chat_id))
    rows = [elsewhere.get(p.officer_id, p) if p.channel == channel else p for p in people]
    text = texts("platform_quota.exhausted", channel=texts(f"channel.{channel}"))
    job = await create_job(session, clock, "notice")
    await enqueue(session, clock, job.id, [(r, to_payload(TextOut(text=text))) for r in rows],
                  priority=APPROVAL_PRIORITY)


def create_channel(loa: Loa, name: str) -> Channel:
    """The adapter registered under `name`, built from its settings."""
    spec = specs()[name]
    host = Host(commands=command_menu(loa),
                remember=lambda key, value: remember(loa.sessions, key, value),
                delivery=loa.config.delivery, public_url=loa.config.http.public_url,
                storage_dir=loa.config.storage_dir,
                max_photo_bytes=int(loa.config.reports.max_photo_mb * 1024 * 1024),
                keep_update=loa.inbound.keep)
    return spec.create(loa.config.channels[name], host)


def lanes_for(channel: Channel, config: Config) -> tuple[RateLimiter, RateLimiter | None]:
    """The limits the adapter declares: its free lane, and its paid lane where it declares one
    (broadcasts only); a channel that declares none gets a generous cap."""
    spec = specs().get(channel.name)
    is_group = getattr(channel, "is_group", lambda chat_id: False)
    if spec is None or channel.name not in config.channels:
        return RateLimiter(1000, per_chat_interval=0.0, is_group=is_group), None
    limits = spec.limits(config.channels[channel.name], config.delivery)
    free = RateLimiter(limits.per_second, limits.per_chat_interval, limits.group_per_minute,
                       is_group=is_group)
    return free, free.lane(limits.paid_per_second) if limits.paid_per_second > 0 else None


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


async def remember(sessions: async_sessionmaker[AsyncSession], key: str, value: str) -> None:
    """A fact a channel learned (the bot's username), shared with every process."""
    async with sessions() as session, session.begin():
        # Processes starting together all learn it at once: insert-or-skip, then update.
        await insert_ignore(session, Setting.__table__, [{"key": key, "value": value}], ("key",))
        setting = await session.get(Setting, key, with_for_update=True)
        if setting is not None and setting.value != value:
            setting.value = value


def command_menu(loa: Loa) -> list[tuple[str, str]]:
    """The command menu a platform shows (one for everyone, so the officers' commands and not
    the admins'): name and the help line's description."""
    out = []
    for cmd in loa.router.commands:
        if cmd.help_key and cmd.role in (None, Role.OFFICER):
            out.append((cmd.name, loa.texts(cmd.help_key).split("—", 1)[-1].strip()))
    return out


async def learn_channel_facts(loa: Loa) -> None:
    """Open each configured channel once (the bot's username for invite links); quietly
    skipped when a platform cannot be reached."""
    for name in loa.config.active_channels:
        channel = create_channel(loa, name)
        try:
            await channel.open()
        except (SendError, ChannelUnavailable) as exc:
            log.warning("%s: could not be reached (%s)", name, exc)
        finally:
            await channel.close()


def lease_names(loa: Loa) -> dict[str, str]:
    """The lease for each channel this process has: one per bot token."""
    names = {}
    for name in loa.channels:
        settings = loa.config.channels.get(name)
        names[name] = channel_lease(name, getattr(settings, "token", None) or name)
    return names


async def health(loa: Loa) -> dict[str, Any]:
    """What is wrong, for /healthz: an empty dict when all is well."""
    problems: dict[str, Any] = {}
    try:
        # Read-only: the answer must not wait for SQLite's write lock behind someone's write.
        async with asyncio.timeout(3), loa.engine.connect() as connection:
            await connection.execution_options(**{READ_ONLY: True})
            await connection.execute(text("SELECT 1"))
    except Exception as exc:
        problems["database"] = f"{type(exc).__name__}: {exc}"[:300] or type(exc).__name__
    if loa.supervisor is not None:
        problems.update(loa.supervisor.problems())
    return problems


async def run(loa: Loa, stop: asyncio.Event, serve_http: bool = True) -> None:
    """Start every channel, the workers and the HTTP server, and wait for `stop`.

    Work only one process may do — polling a bot, sending under its limit, the schedules —
    runs while this process holds the lease for it; standby processes take over when the
    holder dies. Replies to webhooks and the HTTP server run in every process.
    """
    supervisor = loa.supervisor = Supervisor(stop)
    jobs = loa.jobs = Jobs(loa.config.timezone)
    housekeeping.register(jobs, loa.sessions, loa.clock, loa.config, loa.channel_log)
    prompt_schedule.register(jobs, loa.sessions, loa.clock, loa.config, loa.texts,
                             loa.outbox.wake)
    broadcast_schedule.register(jobs, loa.sessions, loa.clock, loa.config, loa.texts,
                                loa.outbox.wake)
    forms.register(jobs, loa.sessions, loa.clock, loa.config, loa.texts, loa.wake,
                   every_seconds=min(60.0, loa.config.prompts.tick_seconds * 2))
    # A broadcast's time left: at its paid lane's rate where there is one.
    lanes = [*loa.limiters.values(), *loa.paid_limiters.values()]
    reporter = ProgressReporter(loa.sessions, loa.delivery, loa.clock, loa.texts,
                                loa.config.delivery.progress_interval,
                                max((lim.per_second for lim in lanes), default=30))
    leased = Leased(loa, supervisor, jobs, reporter)
    loa.leases.wanted = set(leased.by_lease)
    loa.leases.on_change = leased.change
    loa.outbox.sending = set()  # nothing until a channel's lease is held

    # Every process signs with one key: its fingerprint goes in the heartbeat and on /healthz.
    instance = loa.leases.key_check = await loa.media.secret.key_check()
    if serve_http:
        routes = ([r for ch in loa.channels.values() for r in ch.routes()] + media_routes(loa.media)
                  + console_routes(console_deps(loa)) + metrics_routes(loa))
        app = build_app(routes, lambda: health(loa), loa.config.http,
                        lambda request: signed_in_admin(console_deps(loa), request), instance=instance,
                        middleware=[Middleware(Timing, metrics=loa.metrics)])
        loa.http = HttpServer(app, loa.config.http.listen, loa.config.http.port, loa.config.http)
        await loa.http.start()
    for name, channel in loa.channels.items():
        supervisor.spawn(f"channel:{name}", _starter(loa, channel))
    supervisor.spawn("outbox", loa.outbox.run)
    supervisor.spawn("photos", loa.photos.run)
    supervisor.spawn("inbound", loa.inbound.run)  # pushed updates, stored before answering
    supervisor.spawn("leases", loa.leases.run)
    supervisor.spawn("channel-log", loa.channel_log.run)
    try:
        await stop.wait()
    finally:
        for ending in loa.on_stop:
            await ending()
        await supervisor.wait()  # the outbox finishes sends in flight; leases are released
        await leased.change(set())
        await jobs.stop()
        if loa.http is not None:
            await loa.http.stop()
        for channel in reversed(list(loa.channels.values())):
            try:
                await channel.stop()
            except Exception:
                log.exception("error while stopping %s", channel.name)


def console_deps(loa: Loa) -> ConsoleDeps:
    """The web console's narrow view of this process."""
    return ConsoleDeps(config=loa.config, clock=loa.clock, sessions=loa.sessions, texts=loa.texts,
                       media=loa.media, secret=loa.media.secret, wake=loa.wake, photos=loa.photos,
                       on_stop=loa.on_stop)


def _starter(loa: Loa, channel: Channel) -> Any:
    async def start(stop: asyncio.Event) -> None:
        # Retried by the supervisor while the platform cannot be reached.
        await channel.start(loa.dispatcher.handle)
        _mark_started(loa, channel.name)
        await stop.wait()
    return start


def _mark_started(loa: Loa, name: str) -> None:
    started: set[str] = loa.__dict__.setdefault("_started_channels", set())
    started.add(name)
    if started >= set(loa.channels):
        loa.started.set()


class Leased:
    """Starts and stops the work that goes with each lease as it is won or lost."""

    def __init__(self, loa: Loa, supervisor: Supervisor, jobs: Jobs,
                 reporter: ProgressReporter) -> None:
        self.loa, self.supervisor, self.jobs, self.reporter = loa, supervisor, jobs, reporter
        self.by_lease = {lease: name for name, lease in lease_names(loa).items()}
        self.by_lease[SCHEDULES] = SCHEDULES
        self.stops: dict[str, asyncio.Event] = {}
        self.tasks: dict[str, list[asyncio.Task[None]]] = {}

    async def change(self, held: set[str]) -> None:
        for lease in set(self.stops) - held:
            await self._end(lease)
        for lease in held - set(self.stops):
            self._begin(lease)
        self.loa.outbox.sending = {self.by_lease[lease] for lease in held
                                   if self.by_lease[lease] != SCHEDULES}
        self.loa.outbox.wake()

    def _begin(self, lease: str) -> None:
        stop = self.stops[lease] = asyncio.Event()
        name = self.by_lease[lease]
        if name == SCHEDULES:
            self.jobs.start()
            work = {"progress": self.reporter.run}
        else:
            work = self.loa.channels[name].workers()
            self.loa.took_over(name)
        self.tasks[lease] = [asyncio.create_task(self._run(w, fn, stop), name=w)
                             for w, fn in work.items()]

    async def _run(self, name: str, fn: Any, stop: asyncio.Event) -> None:
        # Each leased loop is supervised like the others, stopped when the lease goes.
        inner = Supervisor(stop, max_delay=self.supervisor.max_delay)
        inner.spawn(name, fn)
        self.supervisor.states[name] = inner.states[name]
        with contextlib.suppress(asyncio.CancelledError):
            await stop.wait()
        await inner.wait()
        self.supervisor.states.pop(name, None)

    async def _end(self, lease: str) -> None:
        self.stops.pop(lease).set()
        tasks = self.tasks.pop(lease, [])
        if self.by_lease[lease] == SCHEDULES:
            await self.jobs.pause()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
