"""The demo chat in a terminal: you type as an officer, choices are numbered lines."""

from __future__ import annotations

import asyncio
import sys
import uuid
from pathlib import Path
from typing import TextIO

from bot.channels import Capabilities, Handler
from bot.core.events import (
    ButtonIn,
    CommandIn,
    EditOut,
    Incoming,
    Outgoing,
    PhotoIn,
    PhotoOut,
    PhotoRef,
    Sent,
    TextIn,
    TextOut,
    parse_command,
)
from bot.core.images import HEAD_BYTES, is_image

NAME = "console"
QUIT = {":q", ":quit", ":thoat"}


class ConsoleChannel:
    name = NAME
    caps = Capabilities(buttons=False, edits=False, max_text=4096, max_caption=4096)

    def __init__(self, user_id: str, banner: str, goodbye: str, no_file: str,
                 stdin: TextIO | None = None, stdout: TextIO | None = None,
                 not_image: str = "{path}") -> None:
        self.user_id = user_id
        self.banner, self.goodbye, self.no_file = banner, goodbye, no_file
        self.not_image = not_image
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.finished = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._count = 0

    async def start(self, handler: Handler) -> None:
        self._print(self.banner)
        self._task = asyncio.create_task(self._read(handler), name="console-read")

    async def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _read(self, handler: Handler) -> None:
        try:
            while True:
                self.stdout.write("› ")
                self.stdout.flush()
                line = await asyncio.to_thread(self.stdin.readline)
                if not line or line.strip() in QUIT:
                    self._print(self.goodbye)
                    return
                event = self._event(line.rstrip("\n"))
                if event is not None:
                    await handler(event)
        finally:
            self.finished.set()

    def _event(self, line: str) -> Incoming | None:
        if not line.strip():
            return None
        # Update ids must stay unique across runs: the dedup table outlives the process.
        base = {"channel": NAME, "update_id": uuid.uuid4().hex, "user_id": self.user_id,
                "chat_id": self.user_id, "display_name": "Demo"}
        if line.startswith(":anh ") or line.startswith(":photo "):
            parts = line.split(maxsplit=2)
            path = Path(parts[1]).expanduser() if len(parts) > 1 else Path()
            if not path.is_file():
                self._print(self.no_file.format(path=path))
                return None
            with path.open("rb") as f:  # a text file named .jpg is never confirmed as a photo
                if not is_image(f.read(HEAD_BYTES)):
                    self._print(self.not_image.format(path=path))
                    return None
            return PhotoIn(photo=PhotoRef(file_id=str(path.resolve()), unique_id=str(path)),
                           caption=parts[2] if len(parts) > 2 else "", **base)
        command = parse_command(line)
        if command is not None:
            return CommandIn(name=command[0], args=command[1], **base)
        return TextIn(text=line, **base)

    async def send(self, chat_id: str, message: Outgoing, bulk: bool = False) -> Sent:
        self._count += 1
        if isinstance(message, TextOut):
            self._print(message.text)
        elif isinstance(message, PhotoOut):
            where = message.photo if isinstance(message.photo, str) else f"{len(message.photo)} byte"
            self._print(f"[ảnh: {where}]\n{message.caption}".rstrip())
        elif isinstance(message, EditOut) and message.text:
            self._print(message.text)
        return Sent(str(self._count))

    async def acknowledge(self, button: ButtonIn, text: str | None = None) -> None:
        if text:
            self._print(text)

    async def download(self, photo: PhotoRef) -> bytes:
        return await asyncio.to_thread(Path(photo.file_id).read_bytes)

    def _print(self, text: str) -> None:
        lines = text.splitlines() or [""]
        self.stdout.write("\nLoa │ " + "\n    │ ".join(lines) + "\n")
        self.stdout.flush()


