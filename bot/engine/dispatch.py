"""Turns one incoming event into database changes and replies, exactly once per update."""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import logging
import time
import unicodedata
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import specs
from bot.core.clock import Clock
from bot.core.config import Config
from bot.core.events import (
    GROUP,
    PRIVATE,
    ButtonIn,
    CommandIn,
    EditOut,
    Incoming,
    MembershipIn,
    Outgoing,
    PhotoIn,
    PhotoOut,
    TextIn,
    TextOut,
    UnreadableIn,
    parse_command,
)
from bot.core.normalize import normalize_event, parse_int
from bot.core.texts import Texts
from bot.delivery.channellog import ChannelLog
from bot.delivery.replies import Delivery
from bot.domain.audit import PLATFORM, Actor, ActorKind
from bot.domain.groups import is_morning_message
from bot.domain.officers import has_role, touch_identity
from bot.engine.flows import END, NONCE_SEP, STAY, Context, Invalid, Router, Step
from bot.services import Scope
from bot.services.groups import bot_left
from bot.store.db import earlier_waiting, lock_key
from bot.store.models import Conversation, Identity, OfficerStatus, ProcessedUpdate

log = logging.getLogger(__name__)

# The daily message's choices (handlers/prompts.py: pr:<day>:<what>).
DAILY_PREFIX = "pr:"
REPORT_COMMAND = "baocao"  # in a group, a photo with it in its caption is a report

# How long an update lets an earlier one of the same user go first (bounded: that one's process
# may be stuck; both are handled either way).
ORDER_WAIT = 10.0


class _Duplicate(Exception):
    pass


class _EarlierFirst(Exception):
    """An earlier update of the same user waits for the lock this transaction holds."""


@dataclass
class _Result:
    ctx: Context
    edit: EditOut | None


class Dispatcher:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock, config: Config,
                 texts: Texts, router: Router, delivery: Delivery,
                 on_queued: Callable[[], None] | None = None) -> None:
        self.sessions = sessions
        self.clock = clock
        self.config = config
        self.texts = texts
        self.router = router
        self.delivery = delivery
        self.on_queued = on_queued
        self.channel_log: ChannelLog | None = None  # each update received is written to it
        # One user's updates are handled in order; different users' run side by side.
        self._locks: weakref.WeakValueDictionary[tuple[str, str], asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    async def handle(self, event: Incoming) -> None:
        event = normalize_event(event)  # before any flow, command or button parser sees it
        if event.chat_kind == GROUP or isinstance(event, MembershipIn):
            await self._in_group(event)
            return
        await self._handle(event)

    async def _handle(self, event: Incoming, preface: Sequence[Outgoing] = ()) -> None:
        """One update of a user's private chat; `preface` goes before its replies."""
        key = (event.channel, event.user_id)
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        async with lock:
            if isinstance(event, UnreadableIn):
                self._log(event, "unreadable")
                await self._reply_failure(event)  # the adapter logged why; nothing to handle
                return
            try:
                result = await self._process(event)
            except _Duplicate:
                log.info("update %s/%s already handled", event.channel, event.update_id)
                self._log(event, "duplicate")
                return
            except Exception:
                log.exception("failed to handle update %s/%s", event.channel, event.update_id)
                self._log(event, "failed")
                await self._reply_failure(event)
                return
            self._log(event, "ok")
            await self._send(event, result, preface)
            if result.ctx.queued and self.on_queued is not None:
                self.on_queued()

    def _log(self, event: Incoming, outcome: str) -> None:
        if self.channel_log is not None:
            kind = type(event).__name__.removesuffix("In").lower()  # text, command, photo, button…
            self.channel_log.received(event.channel, kind, event.update_id, event.chat_id, outcome)

    # -- group chats ------------------------------------------------------------------------

    async def _in_group(self, event: Incoming) -> None:
        """A group chat: Loa takes its group commands and a report photo (/baocao in the
        caption, or a reply to its morning message there), answers a reply to its own message,
        and ignores everything else without a word."""
        if isinstance(event, MembershipIn):
            await self._membership(event)
        elif isinstance(event, CommandIn):
            await self._group_command(event)
        elif isinstance(event, PhotoIn) and (command := parse_command(event.caption)) is not None \
                and command[0] == REPORT_COMMAND:
            await self._group_report(event, " ".join(command[1]))
        elif isinstance(event, PhotoIn) and event.reply_to_bot and event.reply_to \
                and await self._answers_morning(event):
            await self._group_report(event, event.caption)
        elif event.reply_to_bot and isinstance(event, TextIn | PhotoIn):
            await self._group_say(event, "group.reply_help")

    async def _answers_morning(self, event: Incoming) -> bool:
        async with self.sessions() as session:
            return await is_morning_message(session, event.channel, event.chat_id,
                                            event.reply_to or "")

    async def _group_say(self, event: Incoming, key: str, **values: object) -> None:
        """A short answer in the group, once per update."""
        try:
            async with self.sessions() as session, session.begin():
                await self._mark_processed(session, event)
        except _Duplicate:
            return
        self._log(event, "ok")
        await self.delivery.reply(event.channel, event.chat_id,
                                  [TextOut(text=self.texts(key, **values))])

    async def _membership(self, event: MembershipIn) -> None:
        """Added: a word on how to link the group. Removed or left: unlinked (audited as the
        platform's doing); nothing can be said there any more."""
        try:
            async with self.sessions() as session, session.begin():
                await self._mark_processed(session, event)
                if not event.joined:
                    scope = Scope(session, self.clock, self.config, self.texts, PLATFORM)
                    await bot_left(scope, event.channel, event.chat_id, by=event.user_id)
        except _Duplicate:
            return
        self._log(event, "ok")
        if event.joined:
            await self.delivery.reply(event.channel, event.chat_id,
                                      [TextOut(text=self.texts("group.welcome"))])

    async def _group_command(self, event: CommandIn) -> None:
        run = self.router.group_commands.get(event.name)
        if run is None:
            if event.name == REPORT_COMMAND:
                await self._group_say(event, "group.reply_help")
            elif self.router.command(event.name) is not None:
                await self._group_say(event, "group.private_only")
            return  # not Loa's command: another bot's, or a typo nobody asked Loa about
        try:
            async with self.sessions() as session, session.begin():
                await self._mark_processed(session, event)
                identity = await _identity(session, event)
                scope = Scope(session, self.clock, self.config, self.texts,
                              Actor(ActorKind.OFFICER, identity.officer if identity else None),
                              display_name=event.display_name)
                async with session.begin_nested():
                    answer = await run(scope, event)
        except _Duplicate:
            return
        except Exception:
            log.exception("failed to handle group update %s/%s", event.channel, event.update_id)
            self._log(event, "failed")
            answer = self.texts("errors.internal")
        else:
            self._log(event, "ok")
        await self.delivery.reply(event.channel, event.chat_id, [TextOut(text=answer)])

    async def _group_report(self, event: PhotoIn, caption: str) -> None:
        """A report photo in a group is its sender's: handled as if sent to Loa privately (the
        quick report's questions come there), so it counts as theirs everywhere. Someone Loa
        does not know as a subscribed officer gets a short private hint, if Loa can reach them."""
        async with self.sessions() as session:
            identity = await _identity(session, event)
            officer = identity.officer if identity is not None else None
            subscribed = (officer is not None and officer.status == OfficerStatus.ACTIVE
                          and officer.unit_id is not None)
            private_chat = identity.chat_id if identity is not None else None
        where = (self.texts("group.in_named", name=event.chat_title) if event.chat_title
                 else self.texts("group.in_unnamed"))
        if subscribed and private_chat:
            private = dataclasses.replace(event, chat_id=private_chat, chat_kind=PRIVATE,
                                          reply_to=None, reply_to_bot=False, chat_title="",
                                          caption=caption)
            await self._handle(private, [TextOut(text=self.texts("group.report_taken",
                                                                 where=where))])
            return
        try:
            async with self.sessions() as session, session.begin():
                await self._mark_processed(session, event)
        except _Duplicate:
            return
        self._log(event, "stranger")
        spec = specs().get(event.channel)
        chat = private_chat or (spec.private_chat(event.user_id) if spec is not None else None)
        if chat:  # refused when they never opened a chat with the bot: nothing more to do
            await self.delivery.reply(event.channel, chat,
                                      [TextOut(text=self.texts("group.report_hint", where=where))])

    async def _process(self, event: Incoming) -> _Result:
        # One user's updates one at a time across processes too (webhooks may reach any), even
        # the very first, when no row exists yet to lock; and in the platform's order when two
        # are waiting at once: the holder of the user's lock steps back (rolls back, lets the
        # waiter in, queues again) while an update with a lower id waits for it.
        key = f"user:{event.channel}:{event.user_id}"
        seq = int(event.update_id) if event.update_id.isascii() and event.update_id.isdigit() \
            else None
        deadline = time.monotonic() + ORDER_WAIT
        while True:
            try:
                return await self._process_once(event, key, seq, deadline)
            except _EarlierFirst:
                await asyncio.sleep(0.01)

    async def _process_once(self, event: Incoming, key: str, seq: int | None,
                            deadline: float) -> _Result:
        async with self.sessions() as session, session.begin():
            await lock_key(session, key, seq)
            if seq is not None and await earlier_waiting(session, key, seq):
                if time.monotonic() < deadline:
                    raise _EarlierFirst
                log.warning("update %s/%s handled before an earlier one of the same user that "
                            "has waited more than %.0fs", event.channel, event.update_id,
                            ORDER_WAIT)
            await self._mark_processed(session, event)
            identity = await touch_identity(session, self.clock, event.channel, event.user_id,
                                            event.chat_id, event.display_name)
            conv = await session.get(Conversation, (event.channel, event.user_id),
                                     with_for_update=True)
            ctx = Context(event=event, session=session, clock=self.clock, config=self.config,
                          texts=self.texts, identity=identity, flows=self.router.flows,
                          commands=self.router.commands,
                          typing=lambda: self.delivery.typing(event.channel, event.chat_id))
            if conv is not None and conv.flow in self.router.flows:
                ctx.flow, ctx.step, ctx.nonce = conv.flow, conv.state, conv.nonce
                # A deep copy: a change to a nested answer must not alter the loaded value in
                # place, or the database would see nothing to save.
                ctx.data = copy.deepcopy(conv.data)
            edit = await self._route(ctx)
            await self._save_conversation(session, ctx, conv)
            return _Result(ctx, edit)

    async def _mark_processed(self, session: AsyncSession, event: Incoming) -> None:
        key = (event.channel, event.update_id)
        if await session.get(ProcessedUpdate, key) is not None:
            raise _Duplicate
        session.add(ProcessedUpdate(channel=event.channel, update_id=event.update_id,
                                    processed_at=self.clock.now()))
        try:
            await session.flush()
        except IntegrityError:
            # Another process took the same update between our read and our write.
            raise _Duplicate from None

    async def _route(self, ctx: Context) -> EditOut | None:
        event = ctx.event
        step = self._current_step(ctx)
        if isinstance(event, TextIn) and ctx.identity.menu:
            mapped = self._choice_from_text(ctx, event, step)
            if mapped is not None and (step is None or step.on_choice is not None):
                event = ctx.event = mapped
            elif step is not None and step.on_choice is not None and step.on_text is None:
                before = len(ctx.outbox)
                await self._ask(ctx)  # first, so the count is of the choices shown again
                ctx.outbox.insert(before, TextOut(text=ctx.t(
                    "errors.pick_a_number", n=len(self._step_menu(ctx, step)))))
                return None

        if isinstance(event, CommandIn):
            await self._command(ctx, event)
            return None
        if isinstance(event, ButtonIn):
            return await self._button(ctx, event, step)
        if step is not None:
            callback = _callback_for(step, event)
            if callback is None:
                ctx.say(_wrong_kind_key(step))
                await self._ask(ctx)
                return None
            await self._run(ctx, callback)
            return None
        await self._run(ctx, self.router.fallback)
        return None

    def _current_step(self, ctx: Context) -> Step | None:
        if ctx.flow is None or ctx.step is None:
            return None
        return self.router.flows[ctx.flow].steps.get(ctx.step)

    @staticmethod
    def _step_menu(ctx: Context, step: Step | None) -> list[list[str]]:
        """The choices a reply may pick: with a question open, only that question's own (a
        message that came in between must not steal its numbers); otherwise the last shown."""
        menu = ctx.identity.menu
        if step is None or step.on_choice is None:
            return menu
        return [entry for entry in menu if entry[0].startswith(f"{ctx.nonce}{NONCE_SEP}")]

    @classmethod
    def _choice_from_text(cls, ctx: Context, event: TextIn, step: Step | None) -> ButtonIn | None:
        """A numbered reply ('2') or a typed label ('Đồng ý') stands for the button it names;
        where the question wants a number, a number is the answer and only a label maps."""
        answer = " ".join(event.text.split())
        menu = cls._step_menu(ctx, step)
        chosen = None
        if answer.isdigit():  # a number never names a label; ASCII digits pick a choice
            number = parse_int(answer, 1, len(menu))
            if not (step is not None and step.numeric) and number is not None:
                chosen = menu[number - 1][0]
        else:
            for data, label in menu:
                if _folded(label) == _folded(answer):
                    chosen = data
        if chosen is None:
            return None
        return ButtonIn(channel=event.channel, update_id=event.update_id, user_id=event.user_id,
                        chat_id=event.chat_id, display_name=event.display_name, data=chosen)

    async def _command(self, ctx: Context, event: CommandIn) -> None:
        command = self.router.command(event.name)
        if command is None:
            ctx.say("errors.unknown_command", name=event.name[:32])
        elif command.role is not None and not has_role(ctx.officer, command.role):
            ctx.say("errors.not_allowed", who=ctx.t(f"errors.allowed_{command.role.value}"))
        else:
            before = (ctx.flow, ctx.step)
            next_step = await self._run(ctx, command.run)
            if next_step is None or next_step != STAY or (ctx.flow, ctx.step) != before:
                return  # refused (already re-asked), or the command moved the conversation on
        if ctx.flow is not None:
            await self._ask(ctx)  # back to the question the form was waiting on

    async def _button(self, ctx: Context, event: ButtonIn, step: Step | None) -> EditOut | None:
        nonce, sep, value = event.data.partition(NONCE_SEP)
        if sep and step is not None and step.on_choice is not None and nonce == ctx.nonce:
            labels = {data: label for data, label in ctx.identity.menu}
            ctx.choice_value, ctx.choice_label = value, labels.get(event.data)
            if ctx.choice_label is None:
                ctx.ack_text = ctx.t("errors.button_expired")
                return None
            await self._run(ctx, step.on_choice)
            return self._spent_buttons(ctx, event)
        prefix = event.data.split(":", 1)[0]
        handler = self.router.buttons.get(prefix) if not sep else None
        if handler is None:
            ctx.ack_text = ctx.t("errors.button_expired")
            return None
        await self._run(ctx, handler)
        return None

    @staticmethod
    def _spent_buttons(ctx: Context, event: ButtonIn) -> EditOut | None:
        """Drop the buttons of a question once answered, showing what was picked."""
        if event.message_id is None:
            return None
        original = getattr(event, "message_text", None)
        text = f"{original}\n\n» {ctx.choice_label}" if original else None
        return EditOut(message_id=event.message_id, text=text)

    async def _run(self, ctx: Context, callback: object) -> str | None:
        """Run a callback in a savepoint; refused input rolls back, re-asks and gives None."""
        saved_data, saved_out, saved_menu = copy.deepcopy(ctx.data), len(ctx.outbox), ctx.identity.menu
        saved_after = len(ctx.after)
        saved_state = (ctx.flow, ctx.step, ctx.nonce)
        try:
            async with ctx.session.begin_nested():
                next_step = await callback(ctx)  # type: ignore[operator]
        except Invalid as exc:
            # The savepoint's rollback expired what the callback touched; reload before reading.
            await ctx.session.refresh(ctx.identity)
            if ctx.identity.officer is not None:
                await ctx.session.refresh(ctx.identity.officer)
            ctx.data = saved_data
            del ctx.outbox[saved_out:]
            del ctx.after[saved_after:]
            ctx.identity.menu = saved_menu
            ctx.flow, ctx.step, ctx.nonce = saved_state
            ctx.say(exc.key, **exc.values)
            await self._ask(ctx)
            return None
        await self._transition(ctx, next_step)
        return next_step

    async def _transition(self, ctx: Context, next_step: str | None) -> None:
        if next_step is None or next_step == STAY:
            return
        if next_step == END:
            ctx.flow = ctx.step = None
            return
        if ctx.flow is None:
            raise LookupError(f"step {next_step!r} returned outside a flow")
        if next_step != ctx.step:
            ctx.step = next_step
            ctx.new_nonce()
        await self._ask(ctx)

    async def _ask(self, ctx: Context) -> None:
        step = self._current_step(ctx)
        if step is not None:
            await step.ask(ctx)

    @staticmethod
    async def _save_conversation(session: AsyncSession, ctx: Context,
                                 conv: Conversation | None) -> None:
        if ctx.flow is None or ctx.step is None:
            if conv is not None:
                await session.delete(conv)
            # With no form open, a typed number answers the last message shown with choices (the
            # daily message shown again by /homnay too). The daily message's numbers stay after
            # one is used, as its lines stay on screen (each press checks its day); any other
            # menu ends with the reply, so a stray number never decides something old.
            shown = [o for o in ctx.outbox if isinstance(o, TextOut | PhotoOut) and o.choices]
            if shown:
                menu = [[c.data, c.label] for row in shown[-1].choices for c in row]
            elif ctx.identity.menu and all(data.startswith(DAILY_PREFIX)
                                           for data, _ in ctx.identity.menu):
                menu = ctx.identity.menu
            else:
                menu = []
            if ctx.identity.menu != menu:
                ctx.identity.menu = menu
            return
        if conv is None:
            conv = Conversation(channel=ctx.event.channel, external_id=ctx.event.user_id)
            session.add(conv)
        values = {"flow": ctx.flow, "state": ctx.step, "nonce": ctx.nonce, "data": ctx.data}
        changed = any(getattr(conv, k, None) != v for k, v in values.items())
        if changed:
            for k, v in values.items():
                setattr(conv, k, v)
            conv.updated_at = ctx.clock.now()

    async def _send(self, event: Incoming, result: _Result, preface: Sequence[Outgoing] = ()
                    ) -> None:
        ctx = result.ctx
        if isinstance(event, ButtonIn):
            await self.delivery.acknowledge(event, ctx.ack_text)
        messages = [*preface, *([result.edit] if result.edit else []), *ctx.outbox]
        if ctx.ack_text and not isinstance(event, ButtonIn):
            # A typed number stood for a press: the notice a button would show goes as text.
            messages.insert(0, TextOut(text=ctx.ack_text))
        for make in ctx.after:  # the transaction has committed
            try:
                messages += await make()
            except Exception:
                log.exception("a reply to %s/%s could not be made", event.channel, event.update_id)
                messages.append(TextOut(text=self.texts("errors.internal")))
        await self.delivery.reply(event.channel, event.chat_id, messages)

    async def _reply_failure(self, event: Incoming) -> None:
        if isinstance(event, ButtonIn):
            await self.delivery.acknowledge(event, None)
        await self.delivery.reply(event.channel, event.chat_id,
                                  [TextOut(text=self.texts("errors.internal"))])


async def _identity(session: AsyncSession, event: Incoming) -> Identity | None:
    """The sender's account, read without touching it (a group is not their chat)."""
    return await session.scalar(select(Identity).where(Identity.channel == event.channel,
                                                       Identity.external_id == event.user_id))


def _folded(text: str) -> str:
    """A label as typed: case, spacing and any emoji or symbol in front ignored (the labels in
    messages/ may start with one; a person typing the label will not)."""
    text = text.casefold()
    start = 0
    while start < len(text) and (text[start].isspace() or unicodedata.category(text[start])[0] == "S"
                                 or text[start] in "\ufe0f\u200d"):
        start += 1
    return " ".join(text[start:].split())


def _callback_for(step: Step, event: Incoming) -> object | None:
    if isinstance(event, TextIn):
        return step.on_text
    if isinstance(event, PhotoIn):
        return step.on_photo
    return None


def _wrong_kind_key(step: Step) -> str:
    if step.on_text is not None:
        return "errors.expected_text"
    if step.on_choice is not None:
        return "errors.expected_choice"
    if step.on_photo is not None:
        return "errors.expected_photo"
    return "errors.expected_text"


