"""Replies to what a user just did: fitted to the channel, under its rate limit, retried in bounds.

Scheduled and broadcast messages go through the durable engine in `bot.delivery.outbox`; both share the
channel's `RateLimiter`, so together they stay under the platform's limit. Adapters raise typed
outcomes (`Throttled`, `RecipientBlocked`, `Rejected`, `Transient`); `bot.delivery.attempt.judge`
alone decides whether to wait, retry or give up, with a reply's own policy.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from bot.channels import Channel, SendError
from bot.core.events import ButtonIn, Outgoing, Sent
from bot.delivery.attempt import Action, Policy, Tries, judge, transmit
from bot.delivery.ratelimit import RateLimiter
from bot.delivery.render import render

log = logging.getLogger(__name__)

BlockedHook = Callable[[str, str], Awaitable[None]]
MAX_WAIT = 60.0  # seconds; a longer flood wait is not worth holding a reply for


class Delivery:
    def __init__(self, channels: dict[str, Channel], choices_hint: str,
                 on_blocked: BlockedHook | None = None, attempts: int = 4,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 limiters: dict[str, RateLimiter] | None = None, media: Any = None) -> None:
        self.channels = channels
        self.media = media  # bot.delivery.media.MediaStore: "media:" photos sent as the channel takes them
        self.limiters = limiters if limiters is not None else {}
        self.choices_hint = choices_hint
        self.budgets: Any = None  # bot.delivery.budget.Budgets: replies count too
        self.channel_log: Any = None  # bot.delivery.channellog.ChannelLog
        self.metrics: Any = None  # bot.core.metrics.Metrics: sends counted and timed
        self.on_blocked = on_blocked
        self.attempts = attempts
        self.sleep = sleep
        # A reply is tried `attempts` times whatever the refusals (the loop bounds it, the policy
        # only how long to wait), and never waits long.
        self.policy = Policy(max_attempts=attempts + 1, backoff_base=0.5, backoff_cap=8.0,
                             max_throttles=attempts, max_wait=MAX_WAIT)
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
        tries = Tries()
        for _ in range(self.attempts):
            try:
                return await transmit(ch, chat_id, message, limiter=limiter, bulk=False,
                                      budgets=self.budgets, media=self.media, digest=digest,
                                      channel_log=self.channel_log,
                                      metrics=self.metrics)
            except SendError as exc:
                verdict = judge(exc, tries, self.policy, limiter)
            if verdict.action is Action.FOLLOW:
                chat_id = verdict.chat_id
            elif verdict.action is Action.RETRY:
                log.warning("%s send to %s failed (%s); trying again", ch.name, chat_id,
                            verdict.error or "throttled")
                await self.sleep(verdict.delay)
            elif verdict.action is Action.QUOTA:
                log.warning("%s: quota spent; reply to %s dropped", ch.name, chat_id)
                if self.budgets is not None:
                    await self.budgets.exhausted(ch.name)
                return None
            elif verdict.action is Action.BLOCKED:
                log.info("%s chat %s blocked the bot", ch.name, chat_id)
                if self.on_blocked is not None:
                    await self.on_blocked(ch.name, chat_id)
                return None
            else:
                log.warning("%s: a reply to %s was not sent: %s", ch.name, chat_id, verdict.error)
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
            # A press answered late (platforms allow seconds) cannot be acknowledged; harmless.
            log.info("could not acknowledge a button press: %s", exc)


async def _quietly(action: Awaitable[None]) -> None:
    try:
        await asyncio.wait_for(action, 5)
    except Exception as exc:  # cosmetic: "typing…" that does not show harms nobody
        log.debug("typing indicator not shown: %s", exc)
