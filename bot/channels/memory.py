"""An in-memory channel that records what Loa sends; a sibling of the real ones, for tests."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from bot.channels import (
    PLATFORM_ID,
    UPLOAD,
    URL,
    Capabilities,
    Channel,
    Handler,
    SendError,
    TooLarge,
)
from bot.core.events import ButtonIn, Outgoing, PhotoRef, Sent


@dataclass
class MemoryChannel(Channel):
    name: str = "memory"
    caps: Capabilities = field(default_factory=lambda: Capabilities(
        buttons=True, edits=True, max_text=4096, max_caption=1024, documents=True,
        media=frozenset({UPLOAD, PLATFORM_ID, URL})))
    sent: list[tuple[str, Outgoing]] = field(default_factory=list)
    acks: list[tuple[ButtonIn, str | None]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    fail_with: list[SendError] = field(default_factory=list)  # raised by the next calls, in order
    handler: Handler | None = None
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    async def start(self, handler: Handler) -> None:
        self.handler = handler

    async def stop(self) -> None:
        self.handler = None

    async def send(self, chat_id: str, message: Outgoing, bulk: bool = False,
                   paid: bool = False) -> Sent:
        if self.fail_with:
            raise self.fail_with.pop(0)
        self.sent.append((chat_id, message))
        return Sent(str(next(self._ids)))

    async def acknowledge(self, button: ButtonIn, text: str | None = None) -> None:
        self.acks.append((button, text))

    async def download(self, photo: PhotoRef, max_bytes: int | None = None) -> bytes:
        if self.fail_with:
            raise self.fail_with.pop(0)
        data = self.files[photo.file_id]
        if max_bytes is not None and len(data) > max_bytes:
            raise TooLarge(len(data))
        return data
