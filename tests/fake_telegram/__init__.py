"""A fake Telegram Bot API on loopback, run in a thread, and a client for its control side."""

from __future__ import annotations

import base64
from typing import Any

from tests.fake_server import ControlClient, LoopbackServer
from tests.fake_telegram.server import FakeTelegram

TOKEN = "123456789:TEST-token_abcdefghijklmnopqrstuv"

__all__ = ["TOKEN", "FakeTelegram", "FakeTelegramServer", "TelegramGroup", "TelegramUser"]


class FakeTelegramServer(LoopbackServer):
    """Runs a FakeTelegram under uvicorn in its own thread and event loop, on 127.0.0.1."""

    title = "fake Telegram"

    def __init__(self, token: str = TOKEN, username: str = "loa_test_bot") -> None:
        super().__init__(FakeTelegram(token, username))
        self.token = token

    def control(self) -> FakeTelegramControl:
        return FakeTelegramControl(self.url)


class FakeTelegramControl(ControlClient):
    """The control side as async calls: act as users, read what the bot sent."""

    async def user(self, user_id: int, first_name: str = "Lan", last_name: str = "") -> TelegramUser:
        await self.call("user", id=user_id, first_name=first_name, last_name=last_name)
        return TelegramUser(self, user_id)

    async def sent(self, chat_id: int | None = None, after: int = 0) -> list[dict[str, Any]]:
        return await self.call("sent", chat_id=chat_id, after=after)

    async def group(self, group_id: int, title: str, members: list[Any],
                    kind: str = "group") -> TelegramGroup:
        """A group chat (`members`: known user ids, or {"id", "first_name"} for people who never
        wrote to the bot); the bot is not in it yet."""
        await self.call("group", id=group_id, title=title, members=members, type=kind)
        return TelegramGroup(self, group_id)

    async def wait_confirmed(self, update_id: int, timeout: float = 15) -> bool:
        """Until the bot has confirmed (handled) every update up to `update_id`."""
        result = await self.call("wait", confirmed=update_id, timeout=timeout)
        return result["ok"]


class _Chat:
    """What the bot sent to one chat (a person's or a group), read in order."""

    control: FakeTelegramControl
    id: int
    seen: int  # seq of the last bot message read here

    async def receive(self, count: int = 1, timeout: float = 15) -> list[dict[str, Any]]:
        """The next `count` messages the bot sent to this chat (edits included)."""
        result = await self.control.call("wait", chat_id=self.id, after=self.seen, count=count,
                                         timeout=timeout)
        got = result["sent"]
        if len(got) < count:
            raise AssertionError(f"expected {count} message(s) in chat {self.id}, got {got}")
        got = got[:count]
        self.seen = got[-1]["seq"]
        return got

    async def receive_one(self, timeout: float = 15) -> dict[str, Any]:
        return (await self.receive(1, timeout))[0]

    async def nothing_more(self, update: dict[str, Any]) -> list[dict[str, Any]]:
        """After the bot confirmed `update`, whatever else it sent here (usually [])."""
        assert await self.control.wait_confirmed(update["update_id"])
        return await self.control.sent(self.id, after=self.seen)


class TelegramUser(_Chat):
    """One person talking to the bot in a private chat."""

    def __init__(self, control: FakeTelegramControl, user_id: int) -> None:
        self.control = control
        self.id = user_id
        self.seen = 0  # seq of the last bot message this user has read

    async def send(self, text: str) -> dict[str, Any]:
        return await self.control.call("text", user_id=self.id, text=text)

    async def send_photo(self, data: bytes, caption: str = "", media_group_id: str | None = None
                         ) -> dict[str, Any]:
        return await self.control.call("photo", user_id=self.id, caption=caption,
                                       data=base64.b64encode(data).decode(),
                                       media_group_id=media_group_id)

    async def send_raw(self, fields: dict[str, Any] | None = None,
                       sender: dict[str, Any] | None = None) -> dict[str, Any]:
        """A message whose fields (or sender's) are replaced, or removed when given None."""
        return await self.control.call("raw_message", user_id=self.id, fields=fields or {},
                                       sender=sender or {})

    async def send_sticker(self) -> dict[str, Any]:
        return await self.control.call("sticker", user_id=self.id)

    async def press(self, message_id: int, data: str, forge: bool = False) -> dict[str, Any]:
        return await self.control.call("press", user_id=self.id, message_id=message_id, data=data,
                                       forge=forge)

    async def press_label(self, message: dict[str, Any], label: str) -> dict[str, Any]:
        for row in message["buttons"]:
            for button in row:
                if button["text"] == label:
                    return await self.press(message["message_id"], button["data"])
        raise AssertionError(f"no button {label!r} on message: {message}")



class TelegramGroup(_Chat):
    """A group chat the bot may be added to; members write there."""

    def __init__(self, control: FakeTelegramControl, group_id: int) -> None:
        self.control = control
        self.id = group_id
        self.seen = 0

    async def add_bot(self, by: int, status: str = "member") -> dict[str, Any]:
        return await self.control.call("group_add_bot", group_id=self.id, by=by, status=status)

    async def remove_bot(self, by: int, status: str = "kicked", missed: bool = False
                         ) -> dict[str, Any]:
        """`missed`: no my_chat_member update reaches the bot (it was down for over a day)."""
        return await self.control.call("group_remove_bot", group_id=self.id, by=by, status=status,
                                       missed=missed)

    async def text(self, user_id: int, text: str, reply_to: int | None = None) -> dict[str, Any]:
        """{"delivered": whether the bot got it (privacy mode), "message_id", "update_id"}."""
        return await self.control.call("group_text", group_id=self.id, user_id=user_id,
                                       text=text, reply_to=reply_to)

    async def photo(self, user_id: int, data: bytes, caption: str = "",
                    reply_to: int | None = None) -> dict[str, Any]:
        return await self.control.call("group_photo", group_id=self.id, user_id=user_id,
                                       data=base64.b64encode(data).decode(), caption=caption,
                                       reply_to=reply_to)

    async def state(self) -> dict[str, Any]:
        return await self.control.call("group_state", group_id=self.id)

