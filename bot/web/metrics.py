"""GET /metrics in Prometheus' text format, for this machine or a scraper holding the token; and
the timing of every request the HTTP server answers.

Who may scrape: a client on loopback that came straight to Loa, or one sending
`Authorization: Bearer $LOA_METRICS_TOKEN`. A request that passed through a proxy (Caddy on the
same machine connects from 127.0.0.1) carries X-Forwarded-For: it is never taken for loopback,
whatever the header says, so the public side of the proxy always needs the token.
"""

from __future__ import annotations

import hmac
import ipaddress
import time
from datetime import datetime, timedelta
from datetime import time as dtime
from typing import TYPE_CHECKING, Any, Protocol

from prometheus_client.core import GaugeMetricFamily, Metric
from sqlalchemy import func, select
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.core.metrics import Metrics
from bot.runtime.lease import live_workers
from bot.store.models import Delivery, DeliveryState, Lease, Report, ReportState, Worker

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from bot.core.clock import Clock
    from bot.core.config import Config
    from bot.runtime.lease import Leases
    from bot.runtime.supervise import Supervisor


class Loa(Protocol):
    """What the metrics read of the running process (bot.app.Loa has it; nothing else is asked)."""

    channels: dict[str, Any]
    clock: Clock
    config: Config
    leases: Leases
    metrics: Metrics
    outbox: Any  # its `budgets`
    sessions: async_sessionmaker[AsyncSession]
    supervisor: Supervisor | None

PATH = "/metrics"
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"})
PROXY_HEADERS = (b"x-forwarded-for", b"forwarded", b"x-real-ip")


def loopback_client(scope: Scope) -> bool:
    """The peer is this machine and no proxy stood between (no forwarding header at all)."""
    if any(name in PROXY_HEADERS for name, _ in scope.get("headers", ())):
        return False
    client = scope.get("client")
    if not client:
        return False
    try:
        return ipaddress.ip_address(client[0]).is_loopback
    except ValueError:
        return False


def may_scrape(scope: Scope, token: str | None) -> bool:
    if loopback_client(scope):
        return True
    if not token:
        return False
    given = dict(scope.get("headers", ())).get(b"authorization", b"")
    return hmac.compare_digest(given, b"Bearer " + token.encode())


def metrics_routes(loa: Loa) -> list[Route]:
    token = loa.config.http.metrics_token

    async def scrape(request: Request) -> Response:
        if not may_scrape(request.scope, token):
            return PlainTextResponse("unauthorized", status_code=401,
                                     headers={"WWW-Authenticate": 'Bearer realm="loa"'})
        body, content_type = loa.metrics.render(await gauges(loa))
        return Response(body, media_type=content_type)

    return [Route(PATH, scrape, methods=["GET"])]


async def gauges(loa: Loa) -> list[Metric]:
    """What the database and this process know now: a few grouped counts, no row by row."""
    now = loa.clock.now()
    channels = sorted(loa.channels)
    deliveries = GaugeMetricFamily("loa_deliveries", "Deliveries by channel and state",
                                   labels=["channel", "state"])
    oldest = GaugeMetricFamily("loa_delivery_oldest_waiting_seconds",
                               "Age of the oldest delivery due and not yet sent", labels=["channel"])
    holders = GaugeMetricFamily("loa_lease_holder", "The process holding each lease (1)",
                                labels=["lease", "holder"])
    held = GaugeMetricFamily("loa_lease_held", "Whether this process holds the lease",
                             labels=["lease"])
    processes = GaugeMetricFamily("loa_processes", "Processes with a recent heartbeat",
                                  labels=["role"])
    reports = GaugeMetricFamily("loa_reports_received_today",
                                "Reports sent by officers since midnight (local time)")
    async with loa.sessions() as session:
        counts = {(c, s): n for c, s, n in (await session.execute(
            select(Delivery.channel, Delivery.state, func.count()).group_by(
                Delivery.channel, Delivery.state))).all()}
        waiting = dict((await session.execute(
            select(Delivery.channel, func.min(Delivery.not_before)).where(
                Delivery.state == DeliveryState.PENDING.value, Delivery.not_before <= now)
            .group_by(Delivery.channel))).all())
        leases = (await session.execute(select(Lease.name, Lease.holder).where(
            Lease.expires_at > now))).all()
        alive = await live_workers(session, loa.clock, loa.config.delivery.lease_seconds)
        roles = (await session.execute(select(Worker.role, func.count()).where(
            Worker.id.in_(alive)).group_by(Worker.role))).all() if alive else []
        midnight = datetime.combine(now.astimezone(loa.config.timezone).date(), dtime(),
                                    loa.config.timezone)
        today = await session.scalar(select(func.count()).select_from(Report).where(
            Report.created_at >= midnight, Report.created_at < midnight + timedelta(days=1),
            Report.state != ReportState.DRAFT.value))
    for channel in sorted({c for c, _ in counts} | set(channels)):
        for state in DeliveryState:
            deliveries.add_metric([channel, state.value], counts.get((channel, state.value), 0))
    for channel in sorted(set(waiting) | set(channels)):
        since = waiting.get(channel)
        oldest.add_metric([channel], max(0.0, (now - since).total_seconds()) if since else 0.0)
    for name, holder in leases:
        holders.add_metric([name, holder], 1)
    for name in sorted(loa.leases.wanted):
        held.add_metric([name], 1 if name in loa.leases.held else 0)
    for role, n in roles:
        processes.add_metric([role], n)
    reports.add_metric([], today or 0)
    families: list[Metric] = [deliveries, oldest, holders, held, processes, reports,
                              *workers(loa), *await budgets(loa)]
    return families


def workers(loa: Loa) -> list[Metric]:
    """Each background worker of this process as its supervisor sees it."""
    up = GaugeMetricFamily("loa_worker_up", "1 while the worker runs, 0 when it is retrying, "
                           "failed or stopped", labels=["worker"])
    state = GaugeMetricFamily("loa_worker_state", "The worker's state (1 for the current one)",
                              labels=["worker", "state"])
    failures = GaugeMetricFamily("loa_worker_failures", "Failures in a row", labels=["worker"])
    supervisor = loa.supervisor
    for name, s in sorted(supervisor.states.items()) if supervisor is not None else []:
        up.add_metric([name], 1 if s.state == "running" else 0)
        for value in ("starting", "running", "retrying", "failed", "stopped"):
            state.add_metric([name, value], 1 if s.state == value else 0)
        failures.add_metric([name], s.failures)
    return [up, state, failures]


async def budgets(loa: Loa) -> list[Metric]:
    """Each monthly budget (a channel's plan) as messages sent, the quota and the share used."""
    sent = GaugeMetricFamily("loa_budget_sent", "Messages sent this month on the channel",
                             labels=["channel"])
    quota = GaugeMetricFamily("loa_budget_quota", "The channel's monthly message budget",
                              labels=["channel"])
    ratio = GaugeMetricFamily("loa_budget_used_ratio", "Share of the monthly budget used (0–1)",
                              labels=["channel"])
    book = loa.outbox.budgets
    for channel, (n, q) in sorted((await book.used()).items()) if book is not None else []:
        sent.add_metric([channel], n)
        quota.add_metric([channel], q)
        ratio.add_metric([channel], n / q)
    return [sent, quota, ratio]


class Timing:
    """ASGI middleware: each request's time, by method, route (its pattern, never the raw path:
    the label set stays small) and status."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets when the app fails before answering

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            route: Any = scope.get("route")
            method = scope.get("method", "GET")
            self.metrics.http_seconds.labels(
                method if method in METHODS else "other",
                getattr(route, "path", None) or "unmatched",
                str(status)).observe(time.perf_counter() - started)
