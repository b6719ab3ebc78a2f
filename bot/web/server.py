"""The core's HTTP server: every channel's webhook route, /healthz and the media route on one
port, under uvicorn inside Loa's own event loop.

Nothing one client sends can hold it: connections beyond a limit are closed at once, headers
must arrive within a few seconds and a body may not stall (`GuardedH11Protocol`), every body is
counted as it arrives and stopped at a limit (`BodyLimit`), and an answer given before a body
was read whole (a refusal) reads no more of it."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import h11
import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from bot.core.config import HttpConfig
from bot.web.limits import BodyTooBig, capped

log = logging.getLogger(__name__)

HealthCheck = Callable[[], Awaitable[dict[str, Any]]]
MayKnow = Callable[[Request], Awaitable[bool]]  # may this visitor read what is wrong in detail?
MAX_BODY = 22 * 1024 * 1024  # the largest any route takes (the console's 20 MB forms and a margin)
LINGER = 1.0  # seconds a refused upload's connection stays open for its answer to be read


def _direct_loopback(request: Request) -> bool:
    """A request from this machine itself, not passed on by a proxy on it."""
    host = request.client.host if request.client else ""
    try:
        local = ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    return local and "x-forwarded-for" not in request.headers and "forwarded" not in request.headers


INSTANCE_HEADER = "X-Loa-Instance"  # on /healthz: the secret key's fingerprint (`loa doctor`)


def build_app(routes: Sequence[BaseRoute], health: HealthCheck, http: HttpConfig | None = None,
              may_know: MayKnow | None = None, instance: str | None = None,
              middleware: Sequence[Middleware] = ()) -> ASGIApp:
    """`instance` tells this Loa's /healthz from any other server's answer at the same address
    (the key's fingerprint: the same for every process of one installation)."""
    headers = {INSTANCE_HEADER: instance} if instance else None

    async def _may_know(request: Request) -> bool:
        if may_know is None:
            return False
        try:  # the database may be what is wrong: then nobody is known to be an admin
            async with asyncio.timeout(3):
                return await may_know(request)
        except Exception:
            return False

    async def healthz(request: Request) -> Response:
        problems = await health()
        if problems and not (_direct_loopback(request) or await _may_know(request)):
            # What failed, never how: exception texts name hosts, paths and queries.
            problems = dict.fromkeys(problems, "error")
        body = {"ok": not problems, "problems": problems}
        return JSONResponse(body, status_code=200 if not problems else 503, headers=headers)

    async def too_big(_: Request, __: Exception) -> Response:
        return PlainTextResponse("request body too large", status_code=413)

    app = Starlette(routes=[*routes, Route("/healthz", healthz, methods=["GET"])],
                    exception_handlers={BodyTooBig: too_big}, middleware=list(middleware))
    return BodyLimit(SecurityHeaders(app, https=bool(http and http.https)), MAX_BODY)


class SecurityHeaders:
    """Headers every answer carries: no type sniffing, no full address to other sites, HTTPS
    only once it has been used (HSTS, behind https)."""

    def __init__(self, app: ASGIApp, https: bool) -> None:
        self.app = app
        self.headers = [(b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"same-origin")]
        if https:
            self.headers.append((b"strict-transport-security", b"max-age=31536000"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self.headers if k not in names]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Every request body counted as it arrives, Content-Length or not: past `limit` the app's
    read fails and the client gets 413 (the console checks its own, smaller limits first)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, capped(receive, self.limit), watched)
        except BodyTooBig:
            if not started:
                await PlainTextResponse("request body too large", status_code=413)(scope, receive, send)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with the limits it lacks against slow clients: at most
    `max_connections` open (more are closed at once, before they hold a file descriptor for
    long), a request's headers within `header_timeout` of its first byte (or of the
    connection), a body that never pauses for `body_timeout`, and no more reading of a body
    the answer did not wait for."""

    limits = HttpConfig()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._deadline: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        if len(self.connections) > self.limits.max_connections:
            log.warning("HTTP: more than %d connections open: new ones are closed",
                        self.limits.max_connections)
            transport.abort()
            return
        self._arm(self.limits.header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        waiting_headers = self.conn.their_state is h11.IDLE
        super().data_received(data)
        if self.transport.is_closing():
            return
        state = self.conn.their_state
        if state is h11.IDLE:  # still the headers (or a new request on a kept-alive connection)
            if not waiting_headers or self._deadline is None:
                self._arm(self.limits.header_timeout)
        elif state is h11.SEND_BODY and self.conn.our_state is h11.SEND_RESPONSE:
            self._arm(self.limits.body_timeout)  # the body came on: it may pause this long again
        else:
            self._disarm()

    def on_response_complete(self) -> None:
        if self.conn.their_state is h11.SEND_BODY and not self.transport.is_closing():
            # Answered (refused) before its body was read: read no more of it, and close once
            # the client has had time to read the answer.
            self.server_state.total_requests += 1
            self._disarm()
            self.flow.pause_reading()
            self.loop.call_later(LINGER, self.transport.close)
            return
        super().on_response_complete()

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._too_slow)

    def _disarm(self) -> None:
        deadline = getattr(self, "_deadline", None)
        if deadline is not None:
            deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self.conn.their_state is h11.SEND_BODY and self.flow.read_paused:
            self._arm(self.limits.body_timeout)  # the app is not reading yet: not the client's fault
            return
        log.warning("HTTP: a client too slow to send its request was disconnected")
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.disconnected = True
            self.cycle.message_event.set()
        self.transport.close()


def protocol_for(limits: HttpConfig) -> type[GuardedH11Protocol]:
    return type("LoaH11Protocol", (GuardedH11Protocol,), {"limits": limits})


class HttpServer:
    """uvicorn on a socket Loa binds itself, so a taken port is a clear error, not an exit."""

    def __init__(self, app: ASGIApp, listen: str, port: int, limits: HttpConfig | None = None) -> None:
        self.app = app
        self.listen = listen
        self.port = port
        self.limits = limits or HttpConfig()
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        family = socket.AF_INET6 if ":" in self.listen else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.listen, self.port))
        except OSError as exc:
            sock.close()
            raise OSError(f"không mở được cổng HTTP {self.listen}:{self.port} ({exc.strerror}); "
                          "đặt LOA_HTTP_PORT hoặc [http] port khác") from None
        sock.listen(128)
        sock.setblocking(False)
        self.port = sock.getsockname()[1]
        limits = self.limits
        # log_config=None: uvicorn's records go to Loa's handler (local time, secrets scrubbed,
        # repeats folded) instead of a handler of its own.
        server = uvicorn.Server(uvicorn.Config(
            self.app, log_level="warning", lifespan="off", access_log=False, log_config=None,
            http=protocol_for(limits), timeout_keep_alive=max(1, round(limits.idle_timeout)),
            limit_concurrency=limits.max_connections, h11_max_incomplete_event_size=16 * 1024,
            # A request still running 5 s after a stop is cancelled (a plan read, a big export):
            # SIGTERM must end Loa.
            timeout_graceful_shutdown=5))
        server.config.setup_event_loop = lambda: None  # type: ignore[method-assign]
        self._server = server
        self._task = asyncio.create_task(server.serve(sockets=[sock]), name="http")
        while not server.started and not self._task.done():  # noqa: ASYNC110 - uvicorn has no event
            await asyncio.sleep(0.02)
        if self._task.done():
            self._task.result()
        log.info("HTTP: %s:%d", self.listen, self.port)

    async def stop(self) -> None:
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            await asyncio.gather(self._task, return_exceptions=True)
