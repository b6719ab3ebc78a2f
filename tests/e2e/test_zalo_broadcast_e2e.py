"""Broadcasts on Zalo over the fake Zalo Bot API: long text in parts, photos by signed URL, a mix of
Telegram and Zalo officers, progress without edits, and 403/429 storms."""

from __future__ import annotations

import asyncio
import base64
import time

import pytest
from sqlalchemy import insert, select

from bot.channels import zalo
from bot.domain.broadcasts import start_sending
from bot.store.models import (
    Broadcast,
    BroadcastState,
    Delivery,
    Identity,
    Officer,
    OfficerStatus,
    Unit,
)
from tests.conftest import running_loa
from tests.support.helpers import make_officers, seed_units
from tests.support.texts import T, head
from tests.support.waits import settled
from tests.support.zalo_helpers import also_on_zalo, zalo_config

pytestmark = pytest.mark.timeout(120)

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2a6bb"
    "7c0000000049454e44ae426082")


async def zalo_officers(loa, zl, n: int, prefix: str = "f0") -> list[str]:
    """n active officers of the ward station with Zalo accounts; returns their chat ids."""
    now = loa.clock.now()
    ids = [f"{prefix}{i:04x}" for i in range(n)]  # hex, as Zalo user ids are
    async with loa.sessions() as session, session.begin():
        unit = await session.scalar(select(Unit).where(Unit.code == "TYTBC"))
        officer_ids = (await session.scalars(
            insert(Officer).returning(Officer.id, sort_by_parameter_order=True),
            [{"full_name": f"Cán bộ {chat}", "position": "Y sĩ", "unit_id": unit.id,
              "role": "officer", "status": "active", "created_at": now, "updated_at": now}
             for chat in ids])).all()
        await session.execute(insert(Identity), [
            {"channel": "zalo", "external_id": chat, "chat_id": chat, "officer_id": oid,
             "menu": [], "created_at": now} for chat, oid in zip(ids, officer_ids, strict=True)])
    for chat in ids:
        await zl.user(chat, f"Cán bộ {chat}")
    return ids


async def broadcast(loa, content: dict, author: tuple[str, str] | None = None) -> int:
    async with loa.sessions() as session, session.begin():
        b = Broadcast(content=content, audience={}, created_at=loa.clock.now(),
                      state=BroadcastState.SENDING.value)
        if author is not None:
            b.progress_channel, b.progress_chat = author
        session.add(b)
        await session.flush()
        await start_sending(session, loa.clock, b)
    loa.outbox.wake()
    return b.id


async def sent_to(zl, chats: list[str], each: int, timeout: float = 30) -> dict[str, list]:
    """Until every chat got `each` messages; what each got."""
    deadline = time.monotonic() + timeout
    while True:
        got = {c: [] for c in chats}
        for m in await zl.sent():
            if m["chat_id"] in got:
                got[m["chat_id"]].append(m)
        if all(len(v) >= each for v in got.values()) or time.monotonic() > deadline:
            return got
        await asyncio.sleep(0.1)


async def states(loa, timeout: float = 10) -> list[str]:
    """Every delivery's state once none is waiting or in flight (results are written in
    batches a moment after the send)."""
    deadline = time.monotonic() + timeout
    while True:
        async with loa.sessions() as session:
            found = sorted((await session.scalars(select(Delivery.state))).all())
        if not {"pending", "sending"} & set(found) or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.05)


async def test_a_long_broadcast_arrives_whole_in_parts_and_a_photo_goes_by_url(
        db_url, zalo_server, zl, clock, tmp_path):
    async with running_loa(zalo_config(db_url, zalo_server, tmp_path), clock) as loa:
        await seed_units(loa)
        chats = await zalo_officers(loa, zl, 3)
        sentence = "Sở Y tế đề nghị các đơn vị đẩy mạnh tuyên truyền tiêm chủng sởi cho trẻ. "
        text = (sentence * 34).strip()
        assert 2400 <= len(text) <= 2600
        await broadcast(loa, {"text": text})
        got = await sent_to(zl, chats, 2)
        for chat in chats:
            parts = [m["text"] for m in got[chat]]
            assert len(parts) == 2 and all(len(p) <= 2000 for p in parts)
            assert parts[0].endswith("cho trẻ.")  # cut after a sentence, not in a word
            assert " ".join(parts) == text

        async with loa.sessions() as session, session.begin():
            ref = await loa.media.add(session, PNG)
        await broadcast(loa, {"photo": ref, "caption": "Ngày Vi chất dinh dưỡng 1/6"})
        got = await sent_to(zl, chats, 3)
        for chat in chats:
            photo = got[chat][2]
            assert photo["method"] == "sendPhoto" and photo["caption"] == "Ngày Vi chất dinh dưỡng 1/6"
            assert photo["photo"].startswith(f"{loa.config.http.public_url}/media/")
            assert base64.b64decode(photo["bytes"]) == PNG  # Zalo fetched it from Loa
        assert await states(loa) == ["sent"] * 6


async def test_one_broadcast_to_telegram_and_zalo_officers_reaches_each_once(
        db_url, zalo_server, zl, fake_server, tg, clock, tmp_path):
    config = zalo_config(db_url, zalo_server, tmp_path, telegram=fake_server)
    async with running_loa(config, clock) as loa:
        assert set(loa.channels) == {"telegram", "zalo"}
        await seed_units(loa)
        tg_chats = await make_officers(loa, tg, 4)
        zalo_chats = await zalo_officers(loa, zl, 4)
        await broadcast(loa, {"text": "Họp giao ban trực tuyến lúc 14:00 thứ Sáu."})
        got = await sent_to(zl, zalo_chats, 1)
        await settled(loa)  # anything extra would have gone by now
        assert sorted(m["chat_id"] for m in await zl.sent()) == sorted(zalo_chats)
        assert all(len(v) == 1 for v in got.values())
        on_telegram = [s for s in await tg.sent() if s["method"] == "sendMessage"]
        assert sorted(int(s["chat_id"]) for s in on_telegram) == sorted(tg_chats)


async def test_the_author_on_zalo_gets_a_start_a_few_milestones_and_the_summary(
        db_url, zalo_server, zl, clock, tmp_path):
    config = zalo_config(db_url, zalo_server, tmp_path, zalo_rate=20)
    async with running_loa(config, clock) as loa:
        await seed_units(loa)
        chats = await zalo_officers(loa, zl, 60)
        author = await zl.user("fa0cac7e", "Tác giả")
        await broadcast(loa, {"text": "Nhắc: nộp báo cáo tháng trước ngày 25."},
                        author=("zalo", author.id))
        await sent_to(zl, chats, 1)
        while not (await author.receive_one(timeout=20))["text"].startswith(head("broadcast.summary")):
            pass
        await asyncio.sleep(1.5)  # a progress message every tick would have piled up by now
        to_author = [m["text"] for m in await zl.sent(author.id)]
        assert 2 <= len(to_author) <= 5, to_author
        assert to_author[-1] == T("broadcast.summary", id=1, received="60 người", failed=0,
                                  blocked=0, uncertain=0)


async def test_zalo_403_and_429_storms_mark_nobody_blocked_and_reach_everyone(
        db_url, zalo_server, zl, clock, tmp_path, monkeypatch):
    monkeypatch.setattr(zalo, "DEFAULT_THROTTLE", 0.2)  # Zalo's 429 names no wait; keep it short
    async with running_loa(zalo_config(db_url, zalo_server, tmp_path), clock) as loa:
        await seed_units(loa)
        chats = await zalo_officers(loa, zl, 6)
        await zl.call("storm", code=403, count=8)
        await broadcast(loa, {"text": "Tin thứ nhất."})
        got = await sent_to(zl, chats, 1)
        assert all(len(v) == 1 for v in got.values())
        assert (await zl.state())["refused"]["403"] == 8

        # Two 429s: a burst (three in a row would mean the month's quota is spent).
        await zl.call("storm", code=429, count=2)
        await broadcast(loa, {"text": "Tin thứ hai."})
        got = await sent_to(zl, chats, 2)
        assert all([m["text"] for m in v] == ["Tin thứ nhất.", "Tin thứ hai."]
                   for v in got.values())
        assert (await zl.state())["refused"]["429"] == 2
        assert await states(loa) == ["sent"] * 12
        async with loa.sessions() as session:
            statuses = set((await session.scalars(select(Officer.status))).all())
        assert statuses == {OfficerStatus.ACTIVE.value}


async def test_when_the_monthly_zalo_budget_is_spent_prompts_wait_or_go_by_telegram(
        db_url, zalo_server, zl, fake_server, tg, clock, tmp_path):
    from bot.delivery.outbox import Recipient, create_job, enqueue
    from bot.store.models import DeliveryState, Role

    config = zalo_config(db_url, zalo_server, tmp_path, telegram=fake_server,
                         extra_toml="monthly_quota = 4\n")
    async with running_loa(config, clock) as loa:
        await seed_units(loa)
        (admin,) = await make_officers(loa, tg, 1, first_id=600_000, role=Role.ADMIN,
                                       unit_code="SYT")
        zalo_only = await zalo_officers(loa, zl, 3)
        (both,) = await make_officers(loa, tg, 1, first_id=610_000)
        await also_on_zalo(loa, zl, both, "fa0cb074")

        await broadcast(loa, {"text": "Bản tin một."})  # 4 on Zalo (the admin on Telegram)
        got = await sent_to(zl, [*zalo_only, "fa0cb074"], 1)
        assert all(len(v) == 1 for v in got.values())
        warning = None
        for _ in range(100):
            warning = [s for s in await tg.sent(admin) if "4/4 tin nhắn Zalo" in s.get("text", "")]
            if warning:
                break
            await asyncio.sleep(0.1)
        assert warning, await tg.sent(admin)

        # Spent: the next broadcast waits on Zalo, and reaches the officer who has Telegram there.
        await broadcast(loa, {"text": "Bản tin hai."})
        for _ in range(100):
            if any(s.get("text") == "Bản tin hai." for s in await tg.sent(both)):
                break
            await asyncio.sleep(0.1)
        assert [s["text"] for s in await tg.sent(both)] == ["Bản tin hai."]
        # A deadline reminder cannot wait: it still goes on Zalo.
        async with loa.sessions() as session, session.begin():
            officer_id = await session.scalar(select(Identity.officer_id).where(
                Identity.external_id == zalo_only[0]))
            job = await create_job(session, loa.clock, "reminder")
            await enqueue(session, loa.clock, job.id, [(Recipient(officer_id, "zalo", zalo_only[0]),
                                                        {"text": "Hạn nộp báo cáo: hôm nay."})],
                          priority=100)
        loa.outbox.wake()
        await sent_to(zl, zalo_only[:1], 2)
        await settled(loa)  # anything else that would go would have gone by now
        got = await sent_to(zl, zalo_only, 0)
        assert [m["text"] for m in got[zalo_only[0]]] == ["Bản tin một.", "Hạn nộp báo cáo: hôm nay."]
        assert [len(got[c]) for c in zalo_only[1:]] == [1, 1]
        async with loa.sessions() as session:
            waiting = (await session.scalars(select(Delivery.chat_id).where(
                Delivery.state == DeliveryState.PENDING.value))).all()
        assert sorted(waiting) == sorted(zalo_only)
