"""Replies to what a user just did: fitted to the channel, under its rate limit, retried in bounds.

Scheduled and broadcast messages go through the durable engine in `bot.delivery.outbox`; both share the
channel's `RateLimiter`, so together they stay under the platform's limit. Adapters raise typed
outcomes (`Throttled`, `RecipientBlocked`, `Rejected`, `Transient`); only these two modules
decide whether to wait, retry or give up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from bot.channels import (
    Channel,
    ChatMoved,
    QuotaExhausted,
    RecipientBlocked,
    Rejected,
    SendError,
    Throttled,
    Transient,
)
from bot.core.events import ButtonIn, Outgoing, Sent
from bot.core.render import render
from bot.delivery.ratelimit import RateLimiter

log = logging.getLogger(__name__)

BlockedHook = Callable[[str, str], Awaitable[None]]
MAX_WAIT = 60.0  # seconds; a longer flood wait is not worth holding a reply for


class Delivery:
    def __init__(self, channels: dict[str, Channel], choices_hint: str,
                 on_blocked: BlockedHook | None = None, attempts: int = 4,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 limiters: dict[str, RateLimiter] | None = None, media: Any = None) -> None:
        self.channels = channels
        self.media = media  # bot.domain.media.MediaStore: "media:" photos sent as the channel takes them
        self.limiters = limiters if limiters is not None else {}
        self.choices_hint = choices_hint
        self.budgets: Any = None  # bot.delivery.budget.Budgets: replies count too
        self.on_blocked = on_blocked
        self.attempts = attempts
        self.sleep = sleep
        self._typing: set[asyncio.Task[None]] = set()

    async def reply(self, channel: str, chat_id: str, messages: Sequence[Outgoing]) -> list[Sent]:
        """Send messages in order; stop at the first that cannot go through."""
        ch = self.channels[channel]
        sent: list[Sent] = []
        for message in messages:
            for part in render(message, ch.caps, self.choices_hint):
                result = await self.send_one(ch, chat_id, part)
                if result is None:
                    return sent
                sent.append(result)
        return sent

    async def send_one(self, ch: Channel, chat_id: str, message: Outgoing) -> Sent | None:
        limiter = self.limiters.get(ch.name)
        digest = None
        if self.media is not None:
            try:
                message, digest = await self.media.prepare(message, ch)
            except Exception as exc:
                log.warning("%s: a photo for %s cannot be sent: %s", ch.name, chat_id, exc)
                return None
        for attempt in range(1, self.attempts + 1):
            try:
                if limiter is None:
                    sent = await ch.send(chat_id, message)
                else:
                    async with limiter.slot():  # a reply skips the per-chat spacing, not the total
                        sent = await ch.send(chat_id, message)
                if self.budgets is not None:
                    await self.budgets.count(ch.name)
                if digest and sent.media_id:
                    await self.media.remember(digest, ch.name, sent.media_id)
                return sent
            except QuotaExhausted:
                log.warning("%s: quota spent; reply to %s dropped", ch.name, chat_id)
                if self.budgets is not None:
                    await self.budgets.exhausted(ch.name)
                return None
            except Throttled as exc:
                if limiter is not None:
                    limiter.pause(exc.retry_after)
                if exc.retry_after > MAX_WAIT:
                    log.warning("%s throttled for %ss; reply to %s dropped",
                                ch.name, exc.retry_after, chat_id)
                    return None
                await self.sleep(exc.retry_after)
            except Transient as exc:
                log.warning("%s send failed (attempt %d): %s", ch.name, attempt, exc)
                await self.sleep(min(0.5 * 2 ** (attempt - 1), 8.0))
            except RecipientBlocked:
                log.info("%s chat %s blocked the bot", ch.name, chat_id)
                if self.on_blocked is not None:
                    await self.on_blocked(ch.name, chat_id)
                return None
            except ChatMoved as exc:
                chat_id = exc.new_chat_id
            except Rejected as exc:
                log.warning("%s refused a message to %s: %s", ch.name, chat_id, exc)
                return None
            except SendError as exc:
                log.warning("%s send error to %s: %s", ch.name, chat_id, exc)
                return None
        log.warning("%s: gave up on a reply to %s after %d attempts", ch.name, chat_id,
                    self.attempts)
        return None

    def typing(self, channel: str, chat_id: str) -> None:
        """Show "typing…" in a chat, in the background: never waited for, never an error."""
        ch = self.channels.get(channel)
        if ch is None:
            return
        task = asyncio.create_task(_quietly(ch.typing(chat_id)), name=f"typing:{channel}")
        self._typing.add(task)  # kept until done: a task nobody holds may be collected
        task.add_done_callback(self._typing.discard)

    async def acknowledge(self, button: ButtonIn, text: str | None) -> None:
        try:
            await self.channels[button.channel].acknowledge(button, text)
        except SendError as exc:
            # A press answered late (Telegram allows ~15 s) cannot be acknowledged; harmless.
            log.info("could not acknowledge a button press: %s", exc)


async def _quietly(action: Awaitable[None]) -> None:
    try:
        await asyncio.wait_for(action, 5)
    except Exception as exc:  # cosmetic: "typing…" that does not show harms nobody
        log.debug("typing indicator not shown: %s", exc)
