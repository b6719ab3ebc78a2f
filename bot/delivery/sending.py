"""How a send ended, as the metrics name it (ok, 429, 403, 5xx, time-out …); counted in
`bot.delivery.attempt.transmit`. What to do about it (wait, retry, give up) is `attempt.judge`'s."""

from __future__ import annotations

from bot.channels import (
    ChatMoved,
    RecipientBlocked,
    Rejected,
    SendTimeout,
    Throttled,
    Transient,
)


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
        if status == 403:  # a platform's passing "internal error" (as the adapter says)
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
