"""A group's limit is the channel's declaration (#22): Telegram's 20 a minute reaches the rate
limiter unless the settings name another, and replies in a group keep it too."""

from __future__ import annotations

import asyncio

from bot.channels import specs
from bot.core.config import DeliveryConfig
from bot.delivery.attempt import transmit
from bot.delivery.ratelimit import RateLimiter
from tests.fake_telegram import TOKEN


def test_telegram_declares_twenty_a_minute_per_group():
    spec = specs()["telegram"]
    settings = spec.read_settings({}, {"TELEGRAM_BOT_TOKEN": TOKEN})
    assert spec.caps.groups and spec.caps.group_per_minute == 20
    assert spec.limits(settings, DeliveryConfig()).group_per_minute == 20
    assert spec.limits(settings, DeliveryConfig(group_per_minute=5)).group_per_minute == 5
    limiter = RateLimiter(30, 1.0, spec.limits(settings, DeliveryConfig()).group_per_minute)
    assert limiter.group_interval == 3.0


class _Group:
    """A channel whose negative chat ids are groups; records when each send went."""

    name = "test"

    def __init__(self, clock: list[float]) -> None:
        self.clock, self.at = clock, []

    def is_group(self, chat_id: str) -> bool:
        return chat_id.startswith("-")

    async def send(self, chat_id, message, bulk=False):
        from bot.core.events import Sent

        self.at.append((chat_id, self.clock[0]))
        return Sent(str(len(self.at)))


async def test_replies_in_a_group_are_spaced_by_its_limit_and_private_ones_are_not():
    now = [0.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds
        await asyncio.sleep(0)

    limiter = RateLimiter(30, per_chat_interval=1.0, group_per_minute=20, now=lambda: now[0],
                          sleep=sleep, is_group=lambda chat: chat.startswith("-"))
    channel = _Group(now)
    from bot.core.events import TextOut

    for chat in ("-100", "-100", "-100", "42", "42"):
        await transmit(channel, chat, TextOut(text="x"), limiter=limiter, bulk=False)
    group = [t for chat, t in channel.at if chat == "-100"]
    assert group == [0.0, 3.0, 6.0]  # 20 a minute: one every 3 seconds
    assert [t for chat, t in channel.at if chat == "42"] == [6.0, 6.0]  # a reply waits for no one
