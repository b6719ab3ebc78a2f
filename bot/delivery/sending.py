"""The one call through which replies and the outbox hand a message to a channel: it times the
send and names how it ended (ok, 429, 403, 5xx, time-out …) for the metrics. What to do about
the outcome (wait, retry, give up) stays with the caller."""

from __future__ import annotations

import time

from bot.channels import (
    Channel,
    ChatMoved,
    RecipientBlocked,
    Rejected,
    SendTimeout,
    Throttled,
    Transient,
)
from bot.core.events import Outgoing, Sent
from bot.core.metrics import Metrics


def outcome(exc: BaseException | None) -> str:
    """The metrics' name for how a send ended (one of bot.core.metrics.SEND_OUTCOMES)."""
    if exc is None:
        return "ok"
    if isinstance(exc, Throttled):
        return "429"
    if isinstance(exc, RecipientBlocked):
        return "403"
    if isinstance(exc, SendTimeout):
        return "timeout"
    if isinstance(exc, Transient):
        status = exc.status
        if status == 403:  # Zalo's "internal error"
            return "403"
        if status == 408:
            return "timeout"
        if status is not None and status >= 500:
            return "5xx"
        return "network"
    if isinstance(exc, ChatMoved):
        return "moved"
    if isinstance(exc, Rejected):
        return "rejected"
    return "error"


async def send(channel: Channel, chat_id: str, message: Outgoing, metrics: Metrics | None,
               bulk: bool = False) -> Sent:
    """`channel.send`, counted and timed; raises what the channel raised."""
    started = time.perf_counter()
    try:
        sent = await channel.send(chat_id, message, bulk=bulk)
    except Exception as exc:
        if metrics is not None:
            metrics.sent(channel.name, outcome(exc), time.perf_counter() - started)
        raise
    if metrics is not None:
        metrics.sent(channel.name, "ok", time.perf_counter() - started)
    return sent
