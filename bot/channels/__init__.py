"""The one small interface every chat channel implements, the typed outcomes of a send, and the
registry through which each adapter declares itself.

Only modules in this package import a chat SDK or name a platform. The rest of Loa sees
`Channel`, `ChannelSpec` and the events in `bot.core.events`; the delivery code alone turns a
`SendError` into retry or give up.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from bot.core.events import ButtonIn, Incoming, Outgoing, PhotoRef, Sent

Handler = Callable[[Incoming], Awaitable[None]]


# How a channel takes a photo: by uploading the bytes, by the platform's own id for a file it
# has seen, or only by a public URL it fetches itself.
UPLOAD, PLATFORM_ID, URL = "upload", "platform_id", "url"


@dataclass(frozen=True)
class Capabilities:
    buttons: bool
    edits: bool
    max_text: int
    max_caption: int
    media: frozenset[str] = frozenset({UPLOAD})
    documents: bool = False  # takes files (DocumentOut); without, the fallback text is shown
    max_choice_bytes: int | None = None  # a button's data (None: no buttons, choices are numbered)
    max_photo_bytes: int | None = None  # the largest photo the bot may send (None: none published)
    # Text and caption limits counted in UTF-16 code units (an emoji is two), not characters.
    utf16: bool = False
    groups: bool = False  # the bot can be added to group chats (a unit's group is linked there)
    group_replies: bool = False  # in a group the bot is told which message a reply answers
    group_per_minute: int | None = None  # the most messages to one group in a minute

    def length(self, text: str) -> int:
        """`text`'s length as this platform counts it against `max_text` and `max_caption`."""
        return utf16_length(text) if self.utf16 else len(text)


def utf16_length(text: str) -> int:
    """UTF-16 code units: characters beyond the Basic Multilingual Plane count twice."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


@dataclass(frozen=True)
class RateLimits:
    """What the platform allows: in bulk, per chat, per group; None for "nothing published".

    `paid_per_second` is a second, paid lane (Telegram's paid broadcasts) that only broadcasts
    use; 0: the platform offers none or it is not switched on.
    """

    per_second: float
    per_chat_interval: float = 0.0
    group_per_minute: int = 0
    paid_per_second: float = 0.0


class SendError(Exception):
    """A send the platform did not accept."""


class Throttled(SendError):
    def __init__(self, retry_after: float) -> None:
        super().__init__(f"throttled, retry after {retry_after}s")
        self.retry_after = retry_after


class QuotaExhausted(SendError):
    """The platform refuses sends because the bot's quota (e.g. a month's messages) is spent,
    not because of the rate: waiting seconds will not help."""


class RecipientBlocked(SendError):
    """The user blocked the bot or the account is gone: stop sending to them."""


class Rejected(SendError):
    """The platform refused this message for good (bad request, chat not found)."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


class TooLarge(Rejected):
    """A file larger than the caller accepts; refused before (or while) downloading it."""

    def __init__(self, size: int) -> None:
        super().__init__(413, f"{size} bytes")
        self.size = size


class Transient(SendError):
    """Network trouble or a server error: worth trying again later. `status` is the HTTP code
    the platform answered with, when it answered (None: the network failed)."""

    def __init__(self, message: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class SendTimeout(Transient):
    """The platform did not answer in time (the message may or may not have arrived)."""


class ChatMoved(SendError):
    def __init__(self, new_chat_id: str) -> None:
        super().__init__(f"chat moved to {new_chat_id}")
        self.new_chat_id = new_chat_id


class ChannelUnavailable(Exception):
    """The platform cannot be used at start: `problem` is "unreachable" (network, DNS, proxy)
    or "bad_token"; `where` is the address tried (never with the token)."""

    def __init__(self, channel: str, problem: str, where: str = "", token_env: str = "",
                 address_env: str = "") -> None:
        super().__init__(f"{channel}: {problem} {where}".strip())
        self.channel, self.problem, self.where = channel, problem, where
        # The settings to check, named by the adapter (the core knows no platform's names).
        self.token_env, self.address_env = token_env, address_env


Worker = Callable[[asyncio.Event], Awaitable[None]]

OK, WARN, FAIL = "ok", "warn", "fail"


@dataclass(frozen=True)
class Finding:
    """One line of `loa doctor`: how it went and the text (a key of messages/vi.toml, with its
    values) that says what was seen and what to do."""

    level: str  # OK | WARN | FAIL
    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def ok(cls, key: str, **values: Any) -> Finding:
        return cls(OK, key, values)

    @classmethod
    def warn(cls, key: str, **values: Any) -> Finding:
        return cls(WARN, key, values)

    @classmethod
    def fail(cls, key: str, **values: Any) -> Finding:
        return cls(FAIL, key, values)


def webhook_finding(channel: str, wanted: str | None, actual: str, env: str) -> Finding:
    """The platform's webhook against the settings: the same address, or none when polling."""
    if wanted:
        if actual == wanted:
            return Finding.ok("doctor.channel.webhook_ok", channel=channel, url=wanted)
        return Finding.fail("doctor.channel.webhook_differs", channel=channel, url=wanted,
                            actual=actual or "—", env=env)
    if actual:
        return Finding.fail("doctor.channel.webhook_while_polling", channel=channel, actual=actual,
                            env=env)
    return Finding.ok("doctor.channel.polling_ok", channel=channel)


class Channel(Protocol):
    name: str
    caps: Capabilities

    async def start(self, handler: Handler) -> None:
        """Get ready to receive; events are passed to `handler` and awaited. Long-running loops
        (polling) are not started here but returned by `workers`, which the core supervises."""

    def workers(self) -> dict[str, Worker]:
        """Loops to run until the event is set (e.g. long polling); restarted if they fail."""
        return {}

    def routes(self) -> list[Any]:
        """Starlette routes (webhooks) for the core's HTTP server."""
        return []

    def is_group(self, chat_id: str) -> bool:
        """Whether a chat is a group (stricter limits)."""
        return False

    async def open(self) -> None:
        """Ready to send without receiving (a command-line tool beside a running bot)."""

    async def close(self) -> None:
        """Release what `open` took."""

    async def stop(self) -> None: ...

    async def send(self, chat_id: str, message: Outgoing, bulk: bool = False,
                   paid: bool = False) -> Sent:
        """Send or edit one message; raise a SendError subclass when the platform refuses.

        `bulk` marks the outbox's sends (scheduled and broadcast); `paid` marks a broadcast's send
        on the channel's paid lane (`RateLimits.paid_per_second`): the adapter may pay for it.
        """

    async def acknowledge(self, button: ButtonIn, text: str | None = None) -> None:
        """Confirm a button press, optionally with a short notice to the user."""

    async def download(self, photo: PhotoRef, max_bytes: int | None = None) -> bytes:
        """The file's bytes; TooLarge past `max_bytes`, Rejected when it is gone for good."""

    async def check(self) -> list[Finding]:
        """For `loa doctor`: the token works and the platform's webhook is what the settings
        say (nothing is changed). The caller closes the channel afterwards."""
        return []
    async def handle_kept(self, body: Any) -> bool:
        """Handle an update a webhook stored with `Host.keep_update` (its push already
        answered); False when the channel has not started and cannot yet. Never raises."""
        return True

    async def typing(self, chat_id: str) -> None:
        """Show "typing…" in the chat while something slow is done; best effort, never raises."""


@dataclass
class Host:
    """What the core offers an adapter it creates: the command menu, a place to remember facts
    shared by every process (the bot's username), the delivery settings and the public URL."""

    commands: list[tuple[str, str]] = field(default_factory=list)
    remember: Callable[[str, str], Awaitable[None]] | None = None
    delivery: Any = None  # bot.core.config.DeliveryConfig
    public_url: str | None = None
    storage_dir: Path | None = None  # where photos are kept by SHA-256 (a channel that must fetch at once)
    max_photo_bytes: int = 10 * 1024 * 1024
    # Stores a pushed update durably before its push is answered: (channel, update id, sender,
    # body) → False when it was stored before. None: the route handles the update itself.
    keep_update: Callable[[str, str, str, Any], Awaitable[bool]] | None = None


@dataclass(frozen=True)
class ChannelSpec:
    """An adapter's declaration: its name, its config section and environment, how to build it.

    `read_settings(section, env)` turns its `[name]` table of config.toml and the environment
    into a settings object with `enabled`, `active` (has what it needs to run: a token) and
    `secrets`; it raises the core's ConfigError for a bad value.
    """

    name: str
    title: str
    section_keys: frozenset[str]
    read_settings: Callable[[Mapping[str, Any], Mapping[str, str]], Any]
    create: Callable[[Any, Host], Channel]
    caps: Capabilities
    limits: Callable[[Any, Any], RateLimits]  # (settings, DeliveryConfig)
    join_hint: Callable[[Any, Mapping[str, str], str], str | None] = lambda s, facts, code: None
    token_env: str = ""  # the environment variable that switches it on (named in messages)
    # What an account id looks like on this platform (`loa admin add`); None: any opaque string.
    user_id_pattern: str | None = None
    bad_user_id_key: str = "people.bad_user_id"  # the text that says what is expected
    user_id_hint: str = ""  # how to find one's account id, for `loa admin add --help`
    # A user's private chat before they have written (None: known only once they write).
    private_chat: Callable[[str], str | None] = lambda user_id: user_id
    monthly_budget: Callable[[Any], int] = lambda settings: 0  # messages a month; 0: no budget
    loggers: tuple[str, ...] = ()  # its SDK's loggers, kept to warnings unless -v


_REGISTRY: dict[str, ChannelSpec] = {}
BUILTIN = ("bot.channels.telegram", "bot.channels.zalo")


def register(spec: ChannelSpec) -> ChannelSpec:
    _REGISTRY[spec.name] = spec
    return spec


def specs() -> dict[str, ChannelSpec]:
    """Every registered adapter (the built-in ones are imported on first use)."""
    for module in BUILTIN:
        importlib.import_module(module)
    # In BUILTIN's order whatever was imported first: `rank` must not depend on imports.
    order = {module.rsplit(".", 1)[-1]: i for i, module in enumerate(BUILTIN)}
    return dict(sorted(_REGISTRY.items(), key=lambda item: order.get(item[0], len(order))))


def strictest(caps: Callable[[Capabilities], int | None]) -> int | None:
    """The smallest value a capability has across the registered channels (None: none declares
    it): one rule that must hold on every channel, such as the largest photo a broadcast takes."""
    values = [v for spec in specs().values() if (v := caps(spec.caps)) is not None]
    return min(values) if values else None


def longest_text() -> int:
    """The most text one message carries on any registered channel; longer text is split, and a
    broadcast is kept within it (with room for Loa's own heading) so that it is never cut."""
    return max(spec.caps.max_text for spec in specs().values())


def rank(name: str) -> int:
    """Which account reaches an officer who has several: registered adapters in their order,
    then any other channel (console, test channels)."""
    names = list(specs())
    return names.index(name) if name in names else len(names)


def reach_order(channel: str, preferred: str | None) -> tuple[int, int]:
    """How well an account reaches its officer: the channel they chose (/kenh) first, then
    `rank`."""
    return (0 if channel == preferred else 1, rank(channel))
