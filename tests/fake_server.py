"""What the fake Telegram and the fake Zalo share: an ASGI fake under uvicorn in its own thread
and event loop on 127.0.0.1, and an async client for its control side."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import socket
import ssl
import sys
import threading
from collections.abc import Callable
from typing import Any

import httpx
import uvicorn


def verify(ca_file: str | None) -> ssl.SSLContext | bool:
    """How a fake checks the https servers it calls (webhooks, photo links): against `ca_file`
    (a local CA, such as Caddy's for `tls internal`) when given, else the system's."""
    return ssl.create_default_context(cafile=ca_file) if ca_file else True


class LoopbackServer:
    """Runs `fake` (an object with `app()` and `close()`) on a free loopback port."""

    title = "fake server"

    def __init__(self, fake: Any) -> None:
        self.fake = fake
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit it: without, Nagle and delayed ACKs add ~40 ms per answer.
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = uvicorn.Server(uvicorn.Config(self.app(), log_level="warning",
                                                     lifespan="off", access_log=False,
                                                     timeout_graceful_shutdown=2))
        self._thread = threading.Thread(target=self._serve, daemon=True, name=self.title)
        self.loop: asyncio.AbstractEventLoop | None = None

    def app(self) -> Any:
        """The fake's ASGI app, once its address is known."""
        return self.fake.app()

    def _serve(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self._server.serve(sockets=[self._sock]))

    def start(self) -> Any:
        self._thread.start()
        for _ in range(500):
            if self._server.started:
                return self
            threading.Event().wait(0.01)
        raise RuntimeError(f"{self.title} did not start")

    def stop(self) -> None:
        if self.loop is not None and self.loop.is_running():
            asyncio.run_coroutine_threadsafe(self.fake.close(), self.loop).result(timeout=5)
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()


class ControlClient:
    """Calls to a fake's `/_fake/<action>` control routes."""

    title = "fake"

    def __init__(self, url: str) -> None:
        self.url = url
        # Idle connections dropped after 1 s, well before the server's 5 s keep-alive: a call
        # never goes out on a connection the server is closing (a ReadError under load).
        self.http = httpx.AsyncClient(base_url=url, timeout=60,
                                      limits=httpx.Limits(keepalive_expiry=1.0))

    async def aclose(self) -> None:
        await self.http.aclose()

    async def call(self, action: str, **params: Any) -> Any:
        # Escaped JSON: a lone surrogate (which a client can send) cannot be written as UTF-8.
        resp = await self.http.post(f"/_fake/{action}", content=json.dumps(params),
                                    headers={"content-type": "application/json"})
        if resp.status_code != 200:
            raise AssertionError(f"{self.title} control {action} failed: {resp.text}")
        return resp.json()

    async def state(self) -> dict[str, Any]:
        return await self.call("state")


def run_main(name: str, default_token: str, make: Callable[[str, str], Any], usage: str) -> None:
    """`python -m tests.fake_<name> [--port N] [--token T]`: the fake in the foreground until
    Ctrl+C. Prints one line, its base URL, once it listens (benchmarks read it), then `usage`
    with the URL filled in on stderr (for a person trying `loa run` against it).
    `make(token, url)` builds the fake."""
    parser = argparse.ArgumentParser(
        prog=f"python -m tests.fake_{name}",
        description=f"{name.capitalize()} giả trên máy này, để chạy thử Loa mà không cần tài khoản "
                    "hay Internet (xem README: Trying the real bot against the fakes).")
    parser.add_argument("--port", type=int, default=0, help="cổng (mặc định: một cổng trống)")
    parser.add_argument("--token", default=default_token, help="mã bot mà fake chấp nhận")
    parser.add_argument("--quiet", action="store_true", help="chỉ in địa chỉ")
    args = parser.parse_args()
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit it: without, Nagle and delayed ACKs add ~40 ms per answer.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", args.port))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    fake = make(args.token, url)
    server = uvicorn.Server(uvicorn.Config(fake.app(), log_level="critical", lifespan="off",
                                           access_log=False, timeout_graceful_shutdown=1,
                                           backlog=2048))

    async def serve() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
            await asyncio.sleep(0.01)
        print(url, flush=True)
        if not args.quiet:
            print(usage.format(url=url, token=args.token), file=sys.stderr, flush=True)
        await task

    try:  # uvicorn[standard] brings uvloop: the fake then costs the benchmarks less CPU
        import uvloop
        run: Callable[[Any], Any] = uvloop.run
    except ImportError:
        run = asyncio.run
    with contextlib.suppress(KeyboardInterrupt):
        run(serve())
