"""A fake Zalo Bot API on loopback, run in a thread, and a client for its control side."""

from __future__ import annotations

import asyncio
import base64
import socket
import threading
from typing import Any

import httpx
import uvicorn

from tests.fake_zalo.server import FakeZalo

TOKEN = "1234567890:zalo-TEST_secret_abcdefgh"

__all__ = ["TOKEN", "FakeZalo", "FakeZaloServer", "ZaloControl", "ZaloUser"]


class FakeZaloServer:
    """Runs a FakeZalo under uvicorn in its own thread and event loop, on 127.0.0.1."""

    def __init__(self, token: str = TOKEN) -> None:
        self.fake = FakeZalo(token)
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.fake.base_url = self.url
        self._server = uvicorn.Server(uvicorn.Config(self.fake.app(), log_level="warning",
                                                     lifespan="off", access_log=False,
                                                     timeout_graceful_shutdown=2))
        self._thread = threading.Thread(target=self._serve, daemon=True, name="fake-zalo")
        self.loop: asyncio.AbstractEventLoop | None = None

    def _serve(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self._server.serve(sockets=[self._sock]))

    def start(self) -> FakeZaloServer:
        self._thread.start()
        for _ in range(500):
            if self._server.started:
                return self
            threading.Event().wait(0.01)
        raise RuntimeError("fake Zalo did not start")

    def stop(self) -> None:
        if self.loop is not None and self.loop.is_running():
            asyncio.run_coroutine_threadsafe(self.fake.close(), self.loop).result(timeout=5)
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()


class ZaloControl:
    """The control side as async calls: act as users, read what the bot sent."""

    def __init__(self, url: str) -> None:
        self.url = url
        # Idle connections dropped after 1 s, well before the server's 5 s keep-alive: a call
        # never goes out on a connection the server is closing (a ReadError under load).
        self.http = httpx.AsyncClient(base_url=url, timeout=60,
                                      limits=httpx.Limits(keepalive_expiry=1.0))

    async def aclose(self) -> None:
        await self.http.aclose()

    async def call(self, action: str, **params: Any) -> Any:
        resp = await self.http.post(f"/_fake/{action}", json=params)
        if resp.status_code != 200:
            raise AssertionError(f"fake Zalo control {action} failed: {resp.text}")
        return resp.json()

    async def user(self, user_id: str, display_name: str = "Lan") -> ZaloUser:
        await self.call("user", id=user_id, display_name=display_name)
        return ZaloUser(self, user_id)

    async def sent(self, chat_id: str | None = None, after: int = 0) -> list[dict[str, Any]]:
        return await self.call("sent", chat_id=chat_id, after=after)

    async def state(self) -> dict[str, Any]:
        return await self.call("state")


class ZaloUser:
    """One person talking to the bot in a private chat on Zalo."""

    def __init__(self, control: ZaloControl, user_id: str) -> None:
        self.control = control
        self.id = user_id
        self.seen = 0

    async def send(self, text: str, shape: str = "wrapped") -> dict[str, Any]:
        return await self.control.call("text", user_id=self.id, text=text, shape=shape)

    async def send_photo(self, data: bytes, caption: str = "") -> dict[str, Any]:
        return await self.control.call("image", user_id=self.id, caption=caption,
                                       data=base64.b64encode(data).decode())

    async def receive(self, count: int = 1, timeout: float = 15) -> list[dict[str, Any]]:
        """The next `count` messages the bot sent to this chat."""
        got = (await self.control.call("wait", chat_id=self.id, after=self.seen, count=count,
                                       timeout=timeout))["sent"]
        if len(got) < count:
            raise AssertionError(f"expected {count} message(s) for {self.id}, got {got}")
        got = got[:count]
        self.seen = got[-1]["seq"]
        return got

    async def receive_one(self, timeout: float = 15) -> dict[str, Any]:
        return (await self.receive(1, timeout))[0]

    async def quiet(self, seconds: float = 0.5) -> list[dict[str, Any]]:
        """Whatever else the bot sends within `seconds` (should usually be []); read."""
        got = (await self.control.call("wait", chat_id=self.id, after=self.seen, count=10**6,
                                       timeout=seconds))["sent"]
        if got:
            self.seen = got[-1]["seq"]
        return got
