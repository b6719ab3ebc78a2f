"""The core's HTTP server: every channel's webhook route, /healthz and the media route on one
port, under uvicorn inside Loa's own event loop."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

log = logging.getLogger(__name__)

HealthCheck = Callable[[], Awaitable[dict[str, Any]]]


def build_app(routes: Sequence[BaseRoute], health: HealthCheck) -> Starlette:
    async def healthz(_: Request) -> Response:
        problems = await health()
        body = {"ok": not problems, "problems": problems}
        return JSONResponse(body, status_code=200 if not problems else 503)

    return Starlette(routes=[*routes, Route("/healthz", healthz, methods=["GET"])])


class HttpServer:
    """uvicorn on a socket Loa binds itself, so a taken port is a clear error, not an exit."""

    def __init__(self, app: Starlette, listen: str, port: int) -> None:
        self.app = app
        self.listen = listen
        self.port = port
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
        # A request still running 5 s after a stop is cancelled (a plan read, a big export):
        # SIGTERM must end Loa.
        server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", lifespan="off",
                                               access_log=False, timeout_graceful_shutdown=5))
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
