"""The demo chat in a terminal: you type as an officer, choices are numbered lines."""

from __future__ import annotations

import asyncio
import sys
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bot.channels import Capabilities, Channel, Handler, TooLarge
from bot.core.events import (
    ButtonIn,
    CommandIn,
    DocumentOut,
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
from bot.core.images import HEAD_BYTES, TooManyPixels, check_pixels, is_image

NAME = "console"
QUIT = {":q", ":quit", ":thoat"}
SWITCH = {":la", ":là"}  # ":la Hùng" — type as another person of the demo
WHO = {":ai"}  # who is there, and who am I


@dataclass(frozen=True)
class Person:
    """Someone the demo lets you type as: short name, chat id, and who they are."""

    name: str
    user_id: str
    label: str


def _fold(text: str) -> str:
    """Lower case without diacritics: ":la hung" finds Hùng."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold())
                   if unicodedata.category(c) != "Mn").strip()


class ConsoleChannel(Channel):
    name = NAME
    # No documents: the terminal runs where the file is written, so the text naming it is enough.
    caps = Capabilities(buttons=False, edits=False, max_text=4096, max_caption=4096,
                        documents=False)

    def __init__(self, user_id: str, banner: str, goodbye: str, no_file: str,
                 stdin: TextIO | None = None, stdout: TextIO | None = None,
                 not_image: str = "{path}", people: Sequence[Person] = (),
                 words: dict[str, str] | None = None, too_many_pixels: str = "{path}",
                 max_pixels: int | None = None) -> None:
        self.user_id = user_id
        self.too_many_pixels, self.max_pixels = too_many_pixels, max_pixels
        self.banner, self.goodbye, self.no_file = banner, goodbye, no_file
        self.not_image = not_image
        # Several people share the terminal (":la Hùng"); what reaches someone else waits.
        self.people = list(people)
        self.words = words or {}
        self._waiting: dict[str, list[str]] = {}
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
        head = line.strip().split(maxsplit=1)
        if head[0] in SWITCH:
            self._switch(head[1] if len(head) > 1 else "")
            return None
        if head[0] in WHO:
            self._print(self._who())
            return None
        # Update ids must stay unique across runs: the dedup table outlives the process.
        base = {"channel": NAME, "update_id": uuid.uuid4().hex, "user_id": self.user_id,
                "chat_id": self.user_id, "display_name": self._name(self.user_id)}
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
            if self.max_pixels is not None:
                try:
                    check_pixels(path, self.max_pixels)  # the header only, as the file arrives
                except TooManyPixels:
                    self._print(self.too_many_pixels.format(path=path,
                                                            mpx=f"{self.max_pixels / 1e6:g}"))
                    return None
            return PhotoIn(photo=PhotoRef(file_id=str(path.resolve()), unique_id=str(path)),
                           caption=parts[2] if len(parts) > 2 else "", **base)
        command = parse_command(line)
        if command is not None:
            return CommandIn(name=command[0], args=command[1], **base)
        return TextIn(text=line, **base)

    async def send(self, chat_id: str, message: Outgoing, bulk: bool = False,
                   paid: bool = False) -> Sent:
        self._count += 1
        text = None
        if isinstance(message, TextOut):
            text = message.text
        elif isinstance(message, PhotoOut):
            where = (message.photo if isinstance(message.photo, str)
                     else f"{len(message.photo)} byte" if isinstance(message.photo, bytes)
                     else message.photo.url)
            text = f"[ảnh: {where}]\n{message.caption}".rstrip()
        elif isinstance(message, DocumentOut):
            size = len(message.document) if isinstance(message.document, bytes) else "?"
            text = f"[tệp: {message.filename}, {size} byte]\n{message.caption}".rstrip()
        elif isinstance(message, EditOut) and message.text:
            text = message.text
        if text is not None and chat_id != self.user_id and self.people:
            waiting = self._waiting.setdefault(chat_id, [])
            waiting.append(text)
            name = self._name(chat_id)
            self._note(self.words.get("waiting", "{name}: {n}").format(name=name, n=len(waiting)))
        elif text is not None:
            self._print(text)
        return Sent(str(self._count))

    def _name(self, user_id: str) -> str:
        return next((p.name for p in self.people if p.user_id == user_id), "Demo")

    def _switch(self, wanted: str) -> None:
        """":la Hùng": type as that person from now on, and read what reached them meanwhile."""
        key = _fold(wanted)
        found = [p for p in self.people if key and _fold(p.name) == key]
        found = found or [p for p in self.people if key and _fold(p.name).startswith(key)]
        found = found or [p for p in self.people if key and key in _fold(p.label)]
        if len(found) != 1:
            self._print(self.words.get("who_unknown", "{who}").format(who=self._who()))
            return
        person = found[0]
        self.user_id = person.user_id
        self._print(self.words.get("switched", "{name}").format(name=person.name,
                                                                  label=person.label))
        for text in self._waiting.pop(person.user_id, []):
            self._print(text)

    def _who(self) -> str:
        lines = [f"{'→' if p.user_id == self.user_id else ' '} {p.name} — {p.label}"
                 for p in self.people]
        return self.words.get("people", "{people}").format(people="\n".join(lines))

    def _note(self, text: str) -> None:
        self.stdout.write(f"\n    ✉ {text}\n› ")
        self.stdout.flush()

    async def acknowledge(self, button: ButtonIn, text: str | None = None) -> None:
        if text:
            self._print(text)

    async def download(self, photo: PhotoRef, max_bytes: int | None = None) -> bytes:
        # The demo's own files, named by the person at this terminal (`:anh path`).
        path = Path(photo.file_id)
        size = (await asyncio.to_thread(path.stat)).st_size
        if max_bytes is not None and size > max_bytes:
            raise TooLarge(size)
        return await asyncio.to_thread(path.read_bytes)

    def _print(self, text: str) -> None:
        lines = text.splitlines() or [""]
        self.stdout.write("\nLoa │ " + "\n    │ ".join(lines) + "\n")
        self.stdout.flush()


