"""The one small interface every chat channel implements, and the typed outcomes of a send.

Only modules in this package import a chat SDK. The rest of Loa sees `Channel` and the events
in `bot.core.events`; the delivery code alone turns a `SendError` into retry or give up.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from bot.core.events import ButtonIn, Incoming, Outgoing, PhotoRef, Sent

Handler = Callable[[Incoming], Awaitable[None]]


@dataclass(frozen=True)
class Capabilities:
    buttons: bool
    edits: bool
    max_text: int
    max_caption: int


class SendError(Exception):
    """A send the platform did not accept."""


class Throttled(SendError):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"throttled, retry after {retry_after}s")
        self.retry_after = retry_after


class RecipientBlocked(SendError):
    """The user blocked the bot or the account is gone: stop sending to them."""


class Rejected(SendError):
    """The platform refused this message for good (bad request, chat not found)."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


class Transient(SendError):
    """Network trouble or a server error: worth trying again later."""


class ChatMoved(SendError):
    def __init__(self, new_chat_id: str) -> None:
        super().__init__(f"chat moved to {new_chat_id}")
        self.new_chat_id = new_chat_id


class ChannelUnavailable(Exception):
    """The platform cannot be used at start: `problem` is "unreachable" (network, DNS, proxy)
    or "bad_token"; `where` is the address tried (never with the token)."""

    def __init__(self, channel: str, problem: str, where: str = "") -> None:
        super().__init__(f"{channel}: {problem} {where}".strip())
        self.channel, self.problem, self.where = channel, problem, where


class Channel(Protocol):
    name: str
    caps: Capabilities

    async def start(self, handler: Handler) -> None:
        """Begin receiving; every incoming event is passed to `handler` and awaited."""

    async def stop(self) -> None: ...

    async def send(self, chat_id: str, message: Outgoing, bulk: bool = False) -> Sent:
        """Send or edit one message; raise a SendError subclass when the platform refuses.

        `bulk` marks broadcast and scheduled sends (Telegram's paid broadcasts apply to those).
        """

    async def acknowledge(self, button: ButtonIn, text: str | None = None) -> None:
        """Confirm a button press, optionally with a short notice to the user."""

    async def download(self, photo: PhotoRef) -> bytes: ...
