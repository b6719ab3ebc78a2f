"""Channel-neutral events: plain data, no I/O. Adapters build Incoming; flows build Outgoing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# A choice's data is a short route (a flow's nonce, a name, an id); every channel with buttons must
# carry this much (tests/unit/test_layers.py checks it against their declared `max_choice_bytes`).
CALLBACK_DATA_MAX_BYTES = 64


PRIVATE, GROUP = "private", "group"  # where a message was written (Incoming.chat_kind)


@dataclass(frozen=True, kw_only=True)
class Incoming:
    channel: str
    update_id: str
    user_id: str  # the sender, also in a group
    chat_id: str  # where it was written: the private chat, or the group
    display_name: str = ""
    raw: Any = field(default=None, repr=False, compare=False)
    chat_kind: str = PRIVATE
    reply_to: str | None = None  # the id of the message (in the same chat) this one answers
    reply_to_bot: bool = False  # ... and that message was the bot's own
    chat_title: str = ""  # a group's name


@dataclass(frozen=True, kw_only=True)
class TextIn(Incoming):
    text: str


@dataclass(frozen=True, kw_only=True)
class CommandIn(Incoming):
    name: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class PhotoRef:
    file_id: str
    unique_id: str = ""
    size: int | None = None


@dataclass(frozen=True, kw_only=True)
class PhotoIn(Incoming):
    photo: PhotoRef
    caption: str = ""
    media_group_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class ButtonIn(Incoming):
    data: str
    message_id: str | None = None
    message_text: str | None = None  # the text of the message the button was on
    callback_id: str | None = None  # for channels that want each press acknowledged


@dataclass(frozen=True, kw_only=True)
class MembershipIn(Incoming):
    """The bot was added to a group (`joined`), or left it or was removed from it; `user_id` is
    who did it (the bot itself when it left)."""

    joined: bool
    title: str = ""


@dataclass(frozen=True, kw_only=True)
class OtherIn(Incoming):
    """Anything Loa does not take (stickers, voice, files): answered politely, never crashed on."""

    kind: str


@dataclass(frozen=True, kw_only=True)
class UnreadableIn(Incoming):
    """An update the adapter could not read: its sender gets the usual apology, nothing else."""

    reason: str = ""


@dataclass(frozen=True)
class Choice:
    label: str
    data: str

    def __post_init__(self) -> None:
        size = len(self.data.encode())
        if not 1 <= size <= CALLBACK_DATA_MAX_BYTES:
            raise ValueError(f"choice data must be 1–{CALLBACK_DATA_MAX_BYTES} bytes, got {size}")


Keyboard = tuple[tuple[Choice, ...], ...]


@dataclass(frozen=True, kw_only=True)
class TextOut:
    text: str
    choices: Keyboard = ()
    # The choices are shortcuts for words the text says to type ("Bỏ qua"): channels without
    # buttons show no numbers for them, so a number typed is always the answer itself.
    typed: bool = False


@dataclass(frozen=True)
class RemoteUrl:
    """A photo the platform fetches itself from this (signed, expiring) address."""

    url: str


MEDIA_PREFIX = "media:"  # "media:<sha256>": a photo in Loa's media store, sent as each channel takes it
FILE_PREFIX = "file:"  # "file:<channel>:<id>": a photo a user sent on a channel, by that channel's id


def platform_file(channel: str, file_id: str) -> str:
    """A photo received on `channel`, as a reference any channel's delivery can resolve."""
    return f"{FILE_PREFIX}{channel}:{file_id}"


@dataclass(frozen=True, kw_only=True)
class PhotoOut:
    # bytes to upload, a platform file id to re-send, a URL, or "media:<sha256>" (resolved per
    # channel by the delivery path just before sending)
    photo: bytes | str | RemoteUrl
    caption: str = ""
    choices: Keyboard = ()


@dataclass(frozen=True, kw_only=True)
class DocumentOut:
    """A file to hand over (a Word report); a channel that takes no documents shows `fallback`,
    which says where the file is instead."""

    document: bytes | str  # bytes to upload, or a platform file id to re-send
    filename: str  # ASCII, as the user will save it
    caption: str = ""
    fallback: str = ""


@dataclass(frozen=True, kw_only=True)
class EditOut:
    """Change a message already sent; text None keeps the text and only drops the buttons."""

    message_id: str
    text: str | None = None
    choices: Keyboard = ()


Outgoing = TextOut | PhotoOut | EditOut | DocumentOut


@dataclass(frozen=True)
class Sent:
    message_id: str
    media_id: str | None = None  # the platform's id for a photo just uploaded


_COMMAND_RE = re.compile(r"^/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]{3,64})?(?:\s+(.*))?$", re.DOTALL)


def parse_command(text: str) -> tuple[str, tuple[str, ...]] | None:
    """'/start@LoaBot ABC' → ('start', ('ABC',)); None when the text is not a command."""
    m = _COMMAND_RE.match(text.strip())
    if not m:
        return None
    return m.group(1).lower(), tuple((m.group(2) or "").split())


def to_payload(message: TextOut | PhotoOut) -> dict[str, Any]:
    """A message as JSON for a delivery row."""
    body: dict[str, Any] = {}
    if isinstance(message, TextOut):
        body["text"] = message.text
    else:
        if not isinstance(message.photo, str):
            raise ValueError("a stored delivery refers to a photo by file id or path, not bytes")
        body["photo"], body["caption"] = message.photo, message.caption
    if message.choices:
        body["choices"] = [[[c.label, c.data] for c in row] for row in message.choices]
    return body


def from_payload(body: dict[str, Any]) -> TextOut | PhotoOut:
    choices = tuple(tuple(Choice(label, data) for label, data in row)
                    for row in body.get("choices", []))
    if "photo" in body:
        return PhotoOut(photo=body["photo"], caption=body.get("caption", ""), choices=choices)
    return TextOut(text=body["text"], choices=choices)
