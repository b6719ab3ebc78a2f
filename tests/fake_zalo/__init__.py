"""A fake Zalo Bot API on loopback, run in a thread, and a client for its control side."""

from __future__ import annotations

import base64
from typing import Any

from tests.fake_server import ControlClient, LoopbackServer
from tests.fake_zalo.server import FakeZalo

TOKEN = "1234567890:zalo-TEST_secret_abcdefgh"

__all__ = ["TOKEN", "FakeZalo", "FakeZaloServer", "ZaloControl", "ZaloUser"]


class FakeZaloServer(LoopbackServer):
    """Runs a FakeZalo under uvicorn in its own thread and event loop, on 127.0.0.1."""

    title = "fake Zalo"

    def __init__(self, token: str = TOKEN) -> None:
        super().__init__(FakeZalo(token))

    def app(self) -> Any:
        self.fake.base_url = self.url  # the file links it hands out point back at it
        return self.fake.app()


class ZaloControl(ControlClient):
    """The control side as async calls: act as users, read what the bot sent."""

    title = "fake Zalo"

    async def user(self, user_id: str, display_name: str = "Lan") -> ZaloUser:
        await self.call("user", id=user_id, display_name=display_name)
        return ZaloUser(self, user_id)

    async def sent(self, chat_id: str | None = None, after: int = 0) -> list[dict[str, Any]]:
        return await self.call("sent", chat_id=chat_id, after=after)


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

    async def settle(self, timeout: float = 15) -> list[dict[str, Any]]:
        """Whatever else the bot sent this chat once it has handled every update sent so far
        (should usually be []); read. Polling only: the fake sees Loa ask again with nothing
        waiting. A webhook's pushes are handled by Loa's own worker, out of the fake's sight."""
        if not (await self.control.call("settled", timeout=timeout))["ok"]:
            raise AssertionError("the bot did not come back for updates (webhook mode?)")
        return await self.quiet(0)

    async def quiet(self, seconds: float = 0.5) -> list[dict[str, Any]]:
        """Whatever else the bot sends within `seconds`; read. To gather what may still come;
        to check that nothing more came, `settle()`."""
        got = (await self.control.call("wait", chat_id=self.id, after=self.seen, count=10**6,
                                       timeout=seconds))["sent"]
        if got:
            self.seen = got[-1]["seq"]
        return got
