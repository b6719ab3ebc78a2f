"""A foreign program polls the same bot token: Telegram answers the earlier of two waiting
getUpdates `409 Conflict`. Loa stops polling with one clear log line (it is not a Loa process
sharing the database, so waiting for a lease cannot settle it) and /healthz says so."""

from __future__ import annotations

import asyncio
import logging
import time

import httpx
import pytest

from tests.fake_telegram import TOKEN

pytestmark = pytest.mark.timeout(120)


async def test_a_409_from_getupdates_stops_polling_with_one_log_line(loa, fake_server, tg,
                                                                     caplog):
    caplog.set_level(logging.INFO)
    channel = loa.channels["telegram"]
    health = f"http://127.0.0.1:{loa.http.port}/healthz"
    foreign = f"{fake_server.url}/bot{TOKEN}/getUpdates"
    async with httpx.AsyncClient(timeout=30) as http:
        deadline = time.monotonic() + 30
        while not channel.polling:
            assert time.monotonic() < deadline, "Loa never polled"
            await asyncio.sleep(0.02)
        assert (await http.get(health)).status_code == 200

        # The other program polls while Loa's long poll waits: Loa's (the earlier) gets 409.
        answers = []
        while True:
            answers.append((await http.post(foreign, json={"timeout": 1})).status_code)
            got = await http.get(health)
            if got.status_code == 503:
                break
            assert time.monotonic() < deadline, ("Loa kept polling", answers)
        problems = got.json()["problems"]
        assert problems["telegram-poll"]["state"] == "failed", problems
        assert "PollingConflict" in problems["telegram-poll"]["error"]
        assert not channel.polling
        conflicts = (await tg.call("stats"))["conflicts"]
        assert conflicts >= 1

        # Loa does not poll again: the foreign poller's waiting polls are never cut short, and
        # Telegram counts no further conflict.
        for _ in range(3):
            started = time.monotonic()
            resp = await http.post(foreign, json={"timeout": 1})
            assert resp.status_code == 200 and time.monotonic() - started >= 0.9
        assert (await tg.call("stats"))["conflicts"] == conflicts
        assert (await http.get(health)).json()["problems"]["telegram-poll"]["state"] == "failed"

    # Loa's own log (httpx logs every request line at INFO, the 409 among them).
    lines = [r for r in caplog.records if r.name.split(".")[0] in ("bot", "handlers", "schedules")
             and ("409" in r.getMessage() or "onflict" in r.getMessage())]
    assert len(lines) == 1, [r.getMessage() for r in lines]
    assert lines[0].levelno == logging.ERROR
    assert "another program polls this bot token" in lines[0].getMessage()
    assert "Polling stopped" in lines[0].getMessage()

