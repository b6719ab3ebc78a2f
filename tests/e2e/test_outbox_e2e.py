"""The delivery engine against the fake Bot API: every reachable officer exactly once."""

from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy import select

from bot.core.events import TextOut, to_payload
from bot.delivery.outbox import Recipient, create_job, enqueue, job_counts, job_for
from bot.store.models import Delivery, DeliveryState, Identity, Officer, OfficerStatus
from tests.conftest import running_loa, telegram_env
from tests.support.helpers import make_officers, seed_units

FAST = {"rate_per_second": 200}


async def queue_broadcast(loa, text: str, chats: list[int] | None = None) -> int:
    """A job with one row per officer that has a Telegram identity (optionally only `chats`)."""
    async with loa.sessions() as session, session.begin():
        job = await create_job(session, loa.clock, "broadcast")
        rows = (await session.execute(select(Identity.officer_id, Identity.chat_id).where(
            Identity.channel == "telegram", Identity.officer_id.is_not(None)))).all()
        items = [(Recipient(oid, "telegram", chat), to_payload(TextOut(text=text)))
                 for oid, chat in rows if chats is None or int(chat) in chats]
        await enqueue(session, loa.clock, job.id, items)
    loa.outbox.wake()
    return job.id


async def wait_done(loa, job_id: int, timeout: float = 60) -> dict[str, int]:
    deadline = time.monotonic() + timeout
    while True:
        async with loa.sessions() as session:
            counts = await job_counts(session, job_id)
        if counts["pending"] == counts["sending"] == 0:
            return counts
        assert time.monotonic() < deadline, counts
        await asyncio.sleep(0.05)


def fast_config(db_url, fake_server, tmp_path, **delivery):
    from tests.conftest import ROOT

    cfg = tmp_path / "config.toml"
    lines = "\n".join(f"{k} = {v}" for k, v in {**FAST, **delivery}.items())
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n[delivery]\n{lines}\n')
    from bot.app import load_config

    return load_config(cfg, {"DATABASE_URL": db_url, **telegram_env(fake_server)})


async def test_every_reachable_officer_exactly_once(db_url, fake_server, tg, clock, tmp_path):
    config = fast_config(db_url, fake_server, tmp_path)
    async with running_loa(config, clock) as loa:
        await seed_units(loa)
        chats = await make_officers(loa, tg, 200)
        ghost = (await make_officers(loa, tg, 1, first_id=900_000, register=False))[0]
        blocked = chats[10:15]
        for chat in blocked:
            await tg.call("block", user_id=chat)
        await tg.call("limits", global_per_sec=200, error_rate=0.1, seed=7)
        await tg.call("fail", failures=[{"code": 429, "retry_after": 1}] * 3)
        job = await queue_broadcast(loa, "Khẩu hiệu mới: Sống xanh - sống lành - sống khỏe!")
        counts = await wait_done(loa, job)

        got = await tg.call("counts")
        reachable = [c for c in chats if c not in blocked]
        assert {c: got.get(str(c), 0) for c in reachable} == {c: 1 for c in reachable}
        assert all(str(c) not in got for c in (*blocked, ghost))
        assert counts == {"pending": 0, "sending": 0, "sent": 195, "failed": 1, "blocked": 5,
                          "uncertain": 0, "skipped": 0}
        state = await tg.state()
        assert state["stats"]["throttled"] >= 3 and state["stats"]["server_errors"] > 5
        async with loa.sessions() as session:
            statuses = dict((await session.execute(select(Identity.chat_id, Officer.status).join(
                Officer, Officer.id == Identity.officer_id))).all())
            failed = await session.scalar(select(Delivery).where(
                Delivery.job_id == job, Delivery.state == DeliveryState.FAILED))
        assert {statuses[str(c)] for c in blocked} == {OfficerStatus.INACTIVE}
        assert statuses[str(chats[0])] == OfficerStatus.ACTIVE
        assert "chat not found" in failed.last_error.lower() and failed.attempts == 1


async def test_enqueue_twice_does_not_duplicate(loa, tg):
    await seed_units(loa)
    chats = await make_officers(loa, tg, 20)
    job = await queue_broadcast(loa, "Một lần thôi")
    async with loa.sessions() as session, session.begin():
        items = [(Recipient(1, "telegram", str(chats[0])), to_payload(TextOut(text="x")))]
        assert await enqueue(session, loa.clock, job, items) == 0
    counts = await wait_done(loa, job)
    assert counts["sent"] == 20
    assert set((await tg.call("counts")).values()) == {1}


@pytest.mark.parametrize("limit", [20])
async def test_rate_limit_is_respected_not_discovered(db_url, fake_server, tg, clock, tmp_path,
                                                      limit):
    config = fast_config(db_url, fake_server, tmp_path, rate_per_second=limit)
    async with running_loa(config, clock) as loa:
        await seed_units(loa)
        await make_officers(loa, tg, 60)
        await tg.call("limits", global_per_sec=limit, per_chat_per_sec=1)
        started = time.monotonic()
        counts = await wait_done(loa, await queue_broadcast(loa, "Đúng nhịp"))
        took = time.monotonic() - started
    assert counts["sent"] == 60
    assert (await tg.state())["stats"]["throttled"] == 0
    assert took >= (60 - limit) / limit  # it did not go faster than allowed either


async def test_a_daily_prompt_survives_a_429(loa, tg):
    """Prompts go through the same engine: a flood wait delays one, never loses it."""
    from bot.core.events import Choice

    await seed_units(loa)
    (chat,) = await make_officers(loa, tg, 1)
    prompt = TextOut(text="Chủ đề hôm nay: Y tế cơ sở là nền tảng", choices=((
        Choice("Báo cáo hoạt động", "p:1:report"), Choice("Đã thực hiện", "p:1:done"),
        Choice("Nhắc lại sau", "p:1:snooze")),))
    await tg.call("fail", failures=[{"code": 429, "retry_after": 1}] * 2)
    async with loa.sessions() as session, session.begin():
        job = await job_for(session, loa.clock, "prompt", "prompt:2026-11-23", priority=10)
        officer_id = await session.scalar(select(Identity.officer_id).where(
            Identity.chat_id == str(chat)))
        await enqueue(session, loa.clock, job.id,
                      [(Recipient(officer_id, "telegram", str(chat)), to_payload(prompt))])
    loa.outbox.wake()
    counts = await wait_done(loa, job.id)
    assert counts["sent"] == 1
    (got,) = await tg.sent(chat)
    assert got["text"] == prompt.text
    assert [b["text"] for b in got["buttons"][0]] == ["Báo cáo hoạt động", "Đã thực hiện",
                                                      "Nhắc lại sau"]
    assert (await tg.state())["stats"]["throttled"] == 2
