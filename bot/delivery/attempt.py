"""One message part to one chat: the send itself, and the one place that decides what a refusal
means — wait and try again, follow the chat, or give up (blocked or failed).

Replies (`bot.delivery.replies`) and the outbox (`bot.delivery.outbox`) both send through
`transmit` and ask `judge`; they differ only in their `Policy` (a reply gives up sooner).
"""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass
from typing import Any

from bot.channels import (
    Channel,
    ChatMoved,
    QuotaExhausted,
    RecipientBlocked,
    SendError,
    Throttled,
    Transient,
)
from bot.core.events import Outgoing, Sent
from bot.delivery.channellog import ChannelLog
from bot.delivery.ratelimit import RateLimiter
from bot.delivery.sending import outcome

QUOTA_PAUSE = 30.0  # seconds a channel whose quota is spent rests before its next send


@dataclass(frozen=True)
class Policy:
    max_attempts: int  # sends that failed for a passing reason (earlier runs count too)
    backoff_base: float  # seconds before the second attempt; doubled each time
    backoff_cap: float = float("inf")
    max_throttles: int = 20  # 429s for one part before it is given up: nothing is retried forever
    max_wait: float | None = None  # a longer pause than this is not waited for (None: any)


class Action(enum.Enum):
    RETRY = "retry"  # after `delay` seconds (0: the rate limiter's pause is the wait)
    FOLLOW = "follow"  # the chat moved: send again to `chat_id`
    BLOCKED = "blocked"  # the recipient is gone: stop sending to them
    QUOTA = "quota"  # the channel's quota is spent: the row waits, the budget rule decides
    GIVE_UP = "give_up"  # refused for good, or retried enough


@dataclass(frozen=True)
class Verdict:
    action: Action
    error: str = ""
    delay: float = 0.0
    chat_id: str = ""
    final: bool = False  # a refusal for good: it counts as an attempt itself


@dataclass
class Tries:
    """What one part went through so far."""

    attempts: int = 0  # passing failures, counted from the row's earlier attempts
    throttles: int = 0


def judge(exc: SendError, tries: Tries, policy: Policy, limiter: RateLimiter | None) -> Verdict:
    """What a send's refusal means; updates `tries`. A 429 pauses `limiter` (the lane the send
    went by), so every sender of this process on that lane waits it out, not only this one."""
    if isinstance(exc, QuotaExhausted):
        # Seconds of waiting will not help; the channel pauses a while so the next rows do
        # not ask again at once, and the caller marks the month spent.
        if limiter is not None:
            limiter.pause(QUOTA_PAUSE)
        return Verdict(Action.QUOTA, "quota exhausted")
    if isinstance(exc, Throttled):
        tries.throttles += 1
        if limiter is not None:
            limiter.pause(exc.retry_after)
        if tries.throttles > policy.max_throttles:
            return Verdict(Action.GIVE_UP, "throttled too often")
        if policy.max_wait is not None and exc.retry_after > policy.max_wait:
            return Verdict(Action.GIVE_UP, f"throttled for {exc.retry_after:g}s")
        return Verdict(Action.RETRY, delay=0.0 if limiter is not None else exc.retry_after)
    if isinstance(exc, Transient):
        tries.attempts += 1
        if tries.attempts >= policy.max_attempts:
            return Verdict(Action.GIVE_UP, f"transient: {exc}")
        delay = min(policy.backoff_base * 2 ** (tries.attempts - 1), policy.backoff_cap)
        return Verdict(Action.RETRY, f"transient: {exc}", delay)
    if isinstance(exc, RecipientBlocked):
        return Verdict(Action.BLOCKED, str(exc))
    if isinstance(exc, ChatMoved):
        return Verdict(Action.FOLLOW, chat_id=exc.new_chat_id)
    return Verdict(Action.GIVE_UP, str(exc), final=True)  # Rejected, or any other: for good


async def transmit(channel: Channel, chat_id: str, part: Outgoing, *, limiter: RateLimiter | None,
                   bulk: bool, paid: bool = False, budgets: Any = None, media: Any = None,
                   digest: str | None = None, channel_log: ChannelLog | None = None,
                   delivery_id: int | None = None, metrics: Any = None) -> Sent:
    """Send one part under `limiter` (the channel's free lane, or its paid lane when `paid`);
    count it in the monthly budget, remember the platform's id of an uploaded photo, write the
    exchange to the channel log and count it in the metrics (bot.core.metrics.Metrics). Raises
    the adapter's SendError."""
    record = _Record(channel_log, delivery_id, metrics)
    if limiter is None:
        sent = await _send(channel, chat_id, part, bulk, paid, record)
    else:
        # A reply skips the per-chat spacing, not the total; in a group it keeps the group's
        # limit, which the outbox's sends there share.
        is_group = getattr(channel, "is_group", None)
        spaced = bulk or (is_group is not None and is_group(chat_id))
        async with limiter.slot(chat_id) if spaced else limiter.slot():
            sent = await _send(channel, chat_id, part, bulk, paid, record)
    if budgets is not None:
        await budgets.count(channel.name)
    if digest and sent.media_id and media is not None:
        await media.remember(digest, channel.name, sent.media_id)
    return sent


@dataclass(frozen=True)
class _Record:
    channel_log: ChannelLog | None
    delivery_id: int | None
    metrics: Any

    def __call__(self, channel: Channel, chat_id: str, part: Outgoing, started: float,
                 exc: SendError | None) -> None:
        if self.channel_log is not None:
            self.channel_log.sent(channel.name, chat_id, part, started, exc, self.delivery_id)
        if self.metrics is not None:
            self.metrics.sent(channel.name, outcome(exc), time.monotonic() - started)


async def _send(channel: Channel, chat_id: str, part: Outgoing, bulk: bool, paid: bool,
                record: _Record) -> Sent:
    started = time.monotonic()
    try:
        # The keywords only when set: a channel written before them still takes the send.
        sent = await (channel.send(chat_id, part, bulk=True, paid=True) if paid
                      else channel.send(chat_id, part, bulk=True) if bulk
                      else channel.send(chat_id, part))
    except SendError as exc:
        record(channel, chat_id, part, started, exc)
        raise
    record(channel, chat_id, part, started, None)
    return sent
