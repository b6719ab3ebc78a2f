"""The reply path turns typed send outcomes into wait, retry or give up — within bounds."""

from __future__ import annotations

from bot.channels import RecipientBlocked, Rejected, Throttled, Transient
from bot.channels.memory import MemoryChannel
from bot.core.events import TextOut
from bot.delivery.replies import Delivery


def _delivery(channel: MemoryChannel, waits: list[float], blocked: list[tuple[str, str]]):
    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    async def on_blocked(ch: str, chat: str) -> None:
        blocked.append((ch, chat))

    return Delivery({channel.name: channel}, "(số)", on_blocked=on_blocked, attempts=4, sleep=sleep)


async def test_throttled_waits_retry_after_then_sends():
    ch, waits, blocked = MemoryChannel(fail_with=[Throttled(3)]), [], []
    sent = await _delivery(ch, waits, blocked).reply("memory", "1", [TextOut(text="Xin chào")])
    assert waits == [3] and len(sent) == 1 and ch.sent == [("1", TextOut(text="Xin chào"))]


async def test_transient_errors_back_off_and_give_up():
    ch, waits, blocked = MemoryChannel(fail_with=[Transient("x")] * 4), [], []
    sent = await _delivery(ch, waits, blocked).reply("memory", "1",
                                                      [TextOut(text="a"), TextOut(text="b")])
    assert waits == [0.5, 1.0, 2.0, 4.0]
    assert sent == [] and ch.sent == []  # the second message is not sent before the first


async def test_blocked_recipient_is_reported_and_not_retried():
    ch, waits, blocked = MemoryChannel(fail_with=[RecipientBlocked("blocked")]), [], []
    sent = await _delivery(ch, waits, blocked).reply("memory", "42", [TextOut(text="a")])
    assert sent == [] and waits == [] and blocked == [("memory", "42")]


async def test_rejected_is_not_retried():
    ch, waits, blocked = MemoryChannel(fail_with=[Rejected(400, "chat not found")]), [], []
    assert await _delivery(ch, waits, blocked).reply("memory", "7", [TextOut(text="a")]) == []
    assert waits == [] and ch.sent == []


async def test_a_very_long_flood_wait_drops_the_reply():
    ch, waits, blocked = MemoryChannel(fail_with=[Throttled(3600)]), [], []
    assert await _delivery(ch, waits, blocked).reply("memory", "7", [TextOut(text="a")]) == []
    assert waits == []
