"""Conversation flows whose progress lives in the database, not in process memory.

A flow is a table of steps. Each step has an `ask` (sends the question; called again whenever the
question must be repeated) and callbacks for the input it takes. A callback returns the next
step's name, END, or STAY; raising `Invalid` rejects the input: nothing it changed is kept, the
user is told why, and the same question is asked again.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import Clock
from bot.core.config import Config
from bot.core.errors import Invalid as Invalid  # raised by steps; handlers import it from here
from bot.core.events import (
    ButtonIn,
    Choice,
    CommandIn,
    EditOut,
    Incoming,
    Outgoing,
    PhotoIn,
    PhotoOut,
    TextIn,
    TextOut,
)
from bot.core.texts import Texts
from bot.domain.audit import Actor, ActorKind
from bot.services import Scope
from bot.store.models import Identity, Officer

END = "__end__"
STAY = "__stay__"
NONCE_SEP = "|"

StepFn = Callable[["Context"], Awaitable[str]]
AskFn = Callable[["Context"], Awaitable[None]]


@dataclass(frozen=True)
class Step:
    ask: AskFn
    on_text: StepFn | None = None
    on_choice: StepFn | None = None
    on_photo: StepFn | None = None
    numeric: bool = False  # a typed number is the answer itself, never a menu choice


@dataclass(frozen=True)
class Flow:
    name: str
    steps: dict[str, Step]


GroupFn = Callable[[Scope, CommandIn], Awaitable[str]]


@dataclass(frozen=True)
class Command:
    name: str
    run: StepFn
    aliases: tuple[str, ...] = ()
    role: Any = None  # minimum bot.models.Role, or None for everyone
    help_key: str | None = None


@dataclass
class Context:
    """What a flow callback sees: the input, the database session, the form, and a reply box."""

    event: Incoming
    session: AsyncSession
    clock: Clock
    config: Config
    texts: Texts
    identity: Identity
    flows: dict[str, Flow]
    commands: list[Command] = field(default_factory=list)
    flow: str | None = None
    step: str | None = None
    nonce: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    outbox: list[Outgoing] = field(default_factory=list)
    ack_text: str | None = None
    choice_value: str | None = None
    choice_label: str | None = None
    queued: bool = False  # deliveries were queued: wake the outbox once this commits
    # Shows "typing…" in the user's chat while something slow is done (a document is built).
    typing: Callable[[], None] = field(default=lambda: None, repr=False)
    # Replies made once the update's transaction has committed: slow work (building a document)
    # must not hold SQLite's write lock, which every chat write waits for.
    after: list[Callable[[], Awaitable[list[Outgoing]]]] = field(default_factory=list)

    @property
    def officer(self) -> Officer | None:
        return self.identity.officer

    @property
    def today(self) -> date:
        """Today where the users are (Asia/Ho_Chi_Minh)."""
        return self.clock.now().astimezone(self.config.timezone).date()

    @property
    def args(self) -> tuple[str, ...]:
        """A command's arguments ('/start ABC' → ('ABC',))."""
        return self.event.args if isinstance(self.event, CommandIn) else ()

    @property
    def text(self) -> str:
        return self.event.text if isinstance(self.event, TextIn) else ""

    @property
    def photo(self) -> PhotoIn | None:
        return self.event if isinstance(self.event, PhotoIn) else None

    @property
    def button(self) -> ButtonIn | None:
        return self.event if isinstance(self.event, ButtonIn) else None

    def t(self, key: str, **values: Any) -> str:
        return self.texts(key, **values)

    def say(self, key: str, **values: Any) -> None:
        self.outbox.append(TextOut(text=self.t(key, **values)))

    def ask(self, key: str, choices: Sequence[tuple[str, str]] = (), typed: bool = False,
            **values: Any) -> None:
        """Send a question; `choices` are (label text key, value) pairs bound to this step.
        `typed`: the choices are words to type, not numbered (a question that wants a number)."""
        self.ask_raw(key, [(self.t(label), value) for label, value in choices], typed=typed,
                     **values)

    def ask_raw(self, key: str, labelled: Sequence[tuple[str, str]], typed: bool = False,
                **values: Any) -> None:
        """Like `ask`, with labels given as they are shown (names from the database)."""
        buttons = [Choice(label, f"{self.nonce}{NONCE_SEP}{value}") for label, value in labelled]
        menu = [[c.data, c.label] for c in buttons]
        if self.identity.menu != menu:
            self.identity.menu = menu
        self.outbox.append(TextOut(text=self.t(key, **values), choices=_layout(buttons),
                                   typed=typed))

    def offer(self, key: str, choices: Sequence[tuple[str, str]], photo: str | None = None,
              **values: Any) -> None:
        """A message with buttons outside any form; `choices` are (label, route data) pairs.
        With `photo` (a platform file id) the text is its caption."""
        buttons = [Choice(label, data) for label, data in choices]
        self.identity.menu = [[c.data, c.label] for c in buttons]
        text = self.t(key, **values)
        self.outbox.append(PhotoOut(photo=photo, caption=text, choices=_layout(buttons)) if photo
                           else TextOut(text=text, choices=_layout(buttons)))

    def edit_pressed(self, mark: str) -> None:
        """Drop the buttons of the message that was pressed, noting what was decided."""
        button = self.button
        if button is not None and button.message_id is not None:
            text = f"{button.message_text}\n\n» {mark}" if button.message_text else None
            self.outbox.insert(0, EditOut(message_id=button.message_id, text=text))

    def begin(self, flow: str, step: str, data: dict[str, Any] | None = None) -> str:
        """Start `flow` (dropping any form in progress); return `step` for the caller to return."""
        if flow not in self.flows or step not in self.flows[flow].steps:
            raise LookupError(f"no step {flow}.{step}")
        self.flow, self.step, self.data = flow, None, dict(data or {})
        return step

    def new_nonce(self) -> None:
        self.nonce = secrets.token_hex(4)


def _layout(buttons: list[Choice]) -> tuple[tuple[Choice, ...], ...]:
    """Short choices side by side, longer ones one per row (thumb-sized on a phone)."""
    if not buttons:
        return ()
    if len(buttons) <= 3 and all(len(b.label) <= 14 for b in buttons):
        return (tuple(buttons),)
    return tuple((b,) for b in buttons)


@dataclass
class Router:
    """Every command, flow, out-of-form button and fallback the bot knows, in one table."""

    flows: dict[str, Flow]
    commands: list[Command]
    fallback: StepFn
    buttons: dict[str, StepFn] = field(default_factory=dict)  # "prefix:..." data outside forms
    # Commands taken in a group chat: (scope, command) → the answer said in the group.
    group_commands: dict[str, GroupFn] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_name: dict[str, Command] = {}
        for cmd in self.commands:
            self._index(cmd)

    def _index(self, cmd: Command) -> None:
        for name in (cmd.name, *cmd.aliases):
            if name in self._by_name:
                raise ValueError(f"command /{name} defined twice")
            self._by_name[name] = cmd

    def add(self, cmd: Command) -> None:
        self.commands.append(cmd)
        self._index(cmd)

    def remove(self, name: str) -> None:
        cmd = self._by_name[name]
        self.commands.remove(cmd)
        for alias in (cmd.name, *cmd.aliases):
            del self._by_name[alias]

    def command(self, name: str) -> Command | None:
        return self._by_name.get(name)


def chat_scope(ctx: Context) -> Scope:
    """The scope of a chat update: the officer behind it acts (None for a stranger: refused)."""

    def queued() -> None:
        ctx.queued = True

    return Scope(ctx.session, ctx.clock, ctx.config, ctx.texts,
                 Actor(ActorKind.OFFICER, ctx.officer), queued, ctx.identity.display_name)
