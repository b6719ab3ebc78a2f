"""A channel's paid lane (Telegram's paid broadcasts): declared beside the free rate, never
instead of it; its own window and pause, the same per-chat and group spacing; only a
broadcast's sends to officers take it, and a 429 there pauses it alone."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from bot.channels import Throttled, specs
from bot.channels.memory import MemoryChannel
from bot.core.clock import FrozenClock
from bot.core.config import DeliveryConfig
from bot.core.events import Outgoing, Sent
from bot.delivery.outbox import Outbox, _Task
from bot.delivery.ratelimit import RateLimiter
from tests.fake_telegram import TOKEN


def test_telegram_declares_the_free_rate_always_and_the_paid_lane_only_when_switched_on():
    spec = specs()["telegram"]
    delivery = DeliveryConfig(rate_per_second=30)
    off = spec.limits(spec.read_settings({}, {"TELEGRAM_BOT_TOKEN": TOKEN}), delivery)
    on = spec.limits(spec.read_settings({"allow_paid_broadcast": True}, {"TELEGRAM_BOT_TOKEN": TOKEN}),
                     delivery)
    assert (off.per_second, off.paid_per_second) == (30, 0)
    assert (on.per_second, on.paid_per_second) == (30, 1000)
    zalo = specs()["zalo"]
    assert zalo.limits(zalo.read_settings({}, {}), delivery).paid_per_second == 0


def _clocked() -> tuple[list[float], RateLimiter]:
    now = [0.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds
        await asyncio.sleep(0)

    free = RateLimiter(2, per_chat_interval=1.0, group_per_minute=20, now=lambda: now[0],
                       sleep=sleep, is_group=lambda chat: chat.startswith("-"))
    return now, free


async def _send(limiter: RateLimiter, chat: str, now: list[float], at: list[float]) -> None:
    async with limiter.slot(chat):
        at.append(now[0])


async def test_the_lanes_share_chat_and_group_spacing():
    now, free = _clocked()
    paid = free.lane(4)
    at: list[float] = []
    # One chat: a free send and a paid one are a second apart whichever lane they took.
    await _send(free, "42", now, at)
    await _send(paid, "42", now, at)
    assert at == [0.0, 1.0]
    # A group: 20 a minute (one every 3 s) over both lanes.
    at.clear()
    await _send(paid, "-100", now, at)
    await _send(free, "-100", now, at)
    assert at[1] - at[0] >= 3.0


async def test_the_free_lanes_sends_fill_the_paid_window_and_never_wait_for_it():
    # Real time: the window is a second (the platform counts every send against the paid limit).
    free = RateLimiter(2, per_chat_interval=0.0)
    paid = free.lane(3)
    started, at = time.monotonic(), []
    for _ in range(2):
        async with free.slot():
            at.append(time.monotonic() - started)
    for _ in range(2):
        async with paid.slot():
            at.append(time.monotonic() - started)
    assert max(at[:3]) < 0.5 and at[3] >= 1.0, at


async def test_a_pause_of_one_lane_does_not_hold_the_other():
    now, free = _clocked()
    paid = free.lane(100)
    paid.pause(30)
    at: list[float] = []
    await _send(free, "1", now, at)
    assert at == [0.0]
    free.pause(60)
    await _send(paid, "2", now, at)
    assert at == [0.0, 30.0]


class _Recording(MemoryChannel):
    """Remembers whether each send was marked paid."""

    def __init__(self) -> None:
        super().__init__(name="telegram")
        self.marked: list[tuple[str, bool]] = []

    async def send(self, chat_id: str, message: Outgoing, bulk: bool = False,
                   paid: bool = False) -> Sent:
        self.marked.append((chat_id, paid))
        return await super().send(chat_id, message, bulk, paid)


def _task(paid: bool, chat: str) -> _Task:
    return _Task(id=1, job_id=1, officer_id=1, channel="telegram", chat_id=chat,
                 payload={"text": "Tin"}, attempts=0, paid=paid)


async def test_a_paid_lanes_rows_go_paid_and_a_429_pauses_their_lane_alone():
    # Which rows a lane claims is the claim's (tests/e2e/test_paid_lane_e2e.py); here, that a
    # row of the paid lane is sent with the flag by the paid limiter, and the others not.
    channel = _Recording()
    free, paid = RateLimiter(30, 0.0), RateLimiter(1000, 0.0)
    outbox = Outbox(None, {"telegram": channel}, {"telegram": free},  # type: ignore[arg-type]
                    FrozenClock(datetime(2026, 11, 23, 2, tzinfo=UTC)), "",
                    paid_limiters={"telegram": paid})
    for lane, chat in ((True, "b"), (False, "p")):
        assert (await outbox._deliver(_task(lane, chat)))["state"] == "sent"
    assert channel.marked == [("b", True), ("p", False)]

    channel.fail_with.append(Throttled(0.2))
    assert (await outbox._deliver(_task(True, "b2")))["state"] == "sent"
    assert paid._paused_until > 0 and free._paused_until == 0
    channel.fail_with.append(Throttled(0.2))
    assert (await outbox._deliver(_task(False, "p2")))["state"] == "sent"
    assert free._paused_until > 0


async def test_without_a_paid_lane_a_broadcast_goes_free():
    channel = _Recording()
    outbox = Outbox(None, {"telegram": channel}, {"telegram": RateLimiter(30, 0.0)},  # type: ignore[arg-type]
                    FrozenClock(datetime(2026, 11, 23, 2, tzinfo=UTC)), "")
    await outbox._deliver(_task(True, "b"))
    assert channel.marked == [("b", False)]
