"""What broadcast and slogan decisions share in chat: reading the pressed button."""

from __future__ import annotations

from bot.engine.flows import Context


def split_decision(ctx: Context) -> tuple[str, str]:
    """'bc:12:ok' → ('12', 'ok'); anything else → ('', '')."""
    parts = ctx.button.data.split(":") if ctx.button else []
    return (parts[1], parts[2]) if len(parts) == 3 else ("", "")
