"""Waiting for what Loa itself knows is done, instead of sleeping and hoping: a timed job's run
that began after now has ended, and the outbox has found nothing more due."""

from __future__ import annotations

import asyncio
from typing import Any

# The timed jobs' ids (schedules/*.py register them under these).
PROMPTS, BROADCASTS, FORMS = "prompts.tick", "broadcasts.tick", "forms.close_stale"


async def settled(loa: Any, *jobs: str, timeout: float = 30) -> None:
    """Each of `jobs` has run once since this call, then the outbox has sent whatever was due and
    written it down: a message not sent by then is not going to be sent at this clock time."""
    async with asyncio.timeout(timeout):
        for job in jobs:
            await loa.jobs.ran(job)
        await loa.outbox.settled()


async def inbound_settled(loa: Any, timeout: float = 30) -> None:
    """Every pushed update kept by now has been handled (webhook mode: the platform's fake cannot
    see it, Loa's inbound worker can)."""
    async with asyncio.timeout(timeout):
        await loa.inbound.settled()
