"""Activity reports: from a photo with a caption, or a guided form."""

from __future__ import annotations

from bot.flows import STAY, Context


async def start_from_prompt(ctx: Context) -> str:
    """"Báo cáo hoạt động" on a daily prompt."""
    ctx.say("report.how")
    return STAY
