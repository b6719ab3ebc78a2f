"""Sending no faster than a platform allows, so limits are respected rather than discovered."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable


class RateLimiter:
    """At most `per_second` sends in any second, spacing per chat, and a shared pause after a 429.

    The platform counts a send when it arrives, which is somewhere between our departure and
    our receipt of the answer. So a send holds its place in the window from departure until one
    second after its answer: however the network jitters, the platform never sees more than
    `per_second` in a second.
    """

    def __init__(self, per_second: float, per_chat_interval: float = 1.0,
                 group_per_minute: int = 20, margin: float = 0.005,
                 now: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 is_group: Callable[[str], bool] = lambda chat_id: False) -> None:
        self.per_second = max(1, int(per_second))
        self.per_chat_interval = per_chat_interval
        self.group_interval = 60.0 / group_per_minute if group_per_minute else 0.0
        self.margin = margin
        self._now, self._sleep = now, sleep
        self.is_group = is_group  # the channel says which chats are groups
        self._done: deque[float] = deque()  # answer times of recent sends
        self._in_flight = 0
        self._released = asyncio.Event()
        self._next_for_chat: dict[str, float] = {}
        self._group_locks: dict[str, asyncio.Lock] = {}
        self._group_answered: dict[str, float] = {}  # when the last send to a group was answered
        self._paused_until = 0.0
        self._lock = asyncio.Lock()
        self._counted_in: RateLimiter | None = None  # a faster lane that counts this one's sends

    def lane(self, per_second: float) -> RateLimiter:
        """A second lane of the same channel (paid broadcasts) with its own rate and its own
        pause after a 429, sharing the per-chat spacing and the group limits. This lane's sends
        count in the new lane's window too (never waiting for it), as the platform counts every
        send against the faster limit."""
        other = RateLimiter(per_second, self.per_chat_interval, 0, self.margin, self._now,
                            self._sleep, self.is_group)
        other.group_interval = self.group_interval
        other._next_for_chat = self._next_for_chat
        other._group_locks, other._group_answered = self._group_locks, self._group_answered
        self._counted_in = other
        return other

    def pause(self, seconds: float) -> None:
        """After a 429: nobody sends until `seconds` have passed."""
        self._paused_until = max(self._paused_until, self._now() + seconds)

    @contextlib.asynccontextmanager
    async def slot(self, chat_id: str | None = None) -> AsyncIterator[None]:
        """Hold a place for one send; `chat_id` None skips the per-chat spacing (replies)."""
        if chat_id is not None and self.group_interval and self.is_group(chat_id):
            async with self._group_slot(chat_id):
                yield
            return
        await self.acquire(chat_id)
        try:
            yield
        finally:
            self.release()

    @contextlib.asynccontextmanager
    async def _group_slot(self, chat_id: str) -> AsyncIterator[None]:
        """One send at a time to a group, each leaving `group_interval` after the previous one
        was answered: the platform counts arrivals, which lie between the two, so however the
        network jitters no window of its minute sees more than the group's limit."""
        lock = self._group_locks.get(chat_id)
        if lock is None:
            lock = self._group_locks[chat_id] = asyncio.Lock()
            if len(self._group_locks) > 10_000:  # groups long quiet need no memory
                quiet = self._now() - 2 * 60.0
                for chat in [c for c, t in self._group_answered.items() if t < quiet]:
                    if not self._group_locks[chat].locked() and chat != chat_id:
                        del self._group_locks[chat], self._group_answered[chat]
        async with lock:
            wait = self._group_answered.get(chat_id, float("-inf")) + self.group_interval \
                - self._now()
            if wait > 0:
                await self._sleep(wait)
            await self.acquire(None)
            try:
                yield
            finally:
                self.release()
                self._group_answered[chat_id] = self._now()

    async def acquire(self, chat_id: str | None = None) -> None:
        if chat_id is not None:
            await self._wait_for_chat(chat_id)
        async with self._lock:  # FIFO: the first to ask is the first to go
            while True:
                now = self._now()
                if self._paused_until > now:
                    await self._sleep(self._paused_until - now)
                    continue
                while self._done and self._done[0] <= now - 1.0 - self.margin:
                    self._done.popleft()
                if len(self._done) + self._in_flight < self.per_second:
                    self._in_flight += 1
                    if self._counted_in is not None:  # it never waits for the other lane
                        self._counted_in._in_flight += 1
                    return
                self._released.clear()
                wait = self._done[0] + 1.0 + self.margin - now if self._done else None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._released.wait(), wait)

    def release(self) -> None:
        now = self._now()
        self._in_flight -= 1
        self._done.append(now)
        # Trimmed here too: a lane nobody acquires still hears the other lane's sends.
        while self._done and self._done[0] <= now - 1.0 - self.margin:
            self._done.popleft()
        self._released.set()
        if self._counted_in is not None:
            self._counted_in.release()

    async def _wait_for_chat(self, chat_id: str) -> None:
        # Groups have a stricter limit, as the channel declares it.
        interval = self.group_interval if self.is_group(chat_id) else self.per_chat_interval
        now = self._now()
        slot = max(now, self._next_for_chat.get(chat_id, 0.0))
        self._next_for_chat[chat_id] = slot + interval  # reserved before waiting: no races
        if len(self._next_for_chat) > 50_000:
            for chat in [c for c, t in self._next_for_chat.items() if t < now]:
                del self._next_for_chat[chat]
        if slot > now:
            await self._sleep(slot - now)
