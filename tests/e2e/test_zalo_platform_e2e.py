"""Zalo as the real platform behaves (issue #25), against the fake that learned it: empty polls
answered at once, pushes given up and pushed again when slow, lengths in UTF-16, echoes of the
bot's own messages with hex sender ids."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import time

import httpx
import pytest
from sqlalchemy import func, select

from bot.channels import Host, utf16_length
from bot.channels.zalo import ZaloChannel, ZaloSettings
from bot.core.events import Incoming, TextOut
from bot.store.models import Delivery, Identity, InboundUpdate, Job, Report, Role
from tests.conftest import running_loa
from tests.e2e.test_zalo_broadcast_e2e import broadcast, sent_to, states, zalo_officers
from tests.e2e.test_zalo_e2e import number_of, officer_with_campaign, stored_photo
from tests.fake_zalo import TOKEN
from tests.support.helpers import make_invite, make_officers, seed_units
from tests.support.texts import T, head
from tests.support.waits import inbound_settled, settled
from tests.support.zalo_helpers import also_on_zalo, menu_stored, zalo_config

pytestmark = pytest.mark.timeout(180)

JPEG = bytes.fromhex("ffd8ffe000104a464946") + b"\x07\x01" * 400 + bytes.fromhex("ffd9")
SECRET = "zalo-hook_S3cret"


async def test_six_seconds_of_empty_polls_make_at_most_a_dozen_calls(zalo_server, zl):
    await zl.call("options", twice=False)  # and max_wait 0: an empty poll is answered at once
    channel = ZaloChannel(ZaloSettings(token=TOKEN, api_base_url=zalo_server.url,
                                       poll_timeout=30), Host())
    got: list[Incoming] = []

    async def handler(event: Incoming) -> None:
        got.append(event)

    stop = asyncio.Event()
    try:
        await channel.start(handler)
        before = (await zl.state())["requests"].get("getUpdates", 0)
        started = time.monotonic()
        worker = asyncio.create_task(channel.workers()["zalo-poll"](stop))
        await asyncio.sleep(6)  # the window the acceptance measures
        stop.set()
        await asyncio.wait_for(worker, 10)
        elapsed = time.monotonic() - started
        calls = (await zl.state())["requests"].get("getUpdates", 0) - before
        print(f"{calls} getUpdates in {elapsed:.1f}s of empty polls")
        assert 3 <= calls <= 12, calls
        assert got == []
    finally:
        stop.set()
        await channel.close()


async def test_a_message_waiting_is_still_picked_up_promptly_after_empty_polls(zalo_server, zl):
    await zl.call("options", twice=False)
    channel = ZaloChannel(ZaloSettings(token=TOKEN, api_base_url=zalo_server.url), Host())
    got: asyncio.Queue[Incoming] = asyncio.Queue()
    stop = asyncio.Event()

    async def handler(event: Incoming) -> None:
        await got.put(event)

    try:
        await channel.start(handler)
        worker = asyncio.create_task(channel.workers()["zalo-poll"](stop))
        user = await zl.user("6ede9afa66b88fe6d6a9", "Lan")
        await user.send("xin chào")
        event = await asyncio.wait_for(got.get(), 10)
        assert event.user_id == "6ede9afa66b88fe6d6a9" and event.text == "xin chào"
        stop.set()
        await asyncio.wait_for(worker, 10)
    finally:
        stop.set()
        await channel.close()


def emoji_text() -> str:
    """1,990 characters with 30 emoji in them: over 2,000 UTF-16 code units."""
    unit = "Tiêm chủng đầy đủ 💉 bảo vệ trẻ. "
    text = unit * 30
    filler = "Đề nghị các đơn vị thực hiện nghiêm túc. "
    while len(text) < 1990:
        text += filler
    text = text[:1989] + "."
    assert len(text) == 1990 and text.count("💉") == 30 and utf16_length(text) == 2020
    return text


async def test_a_1990_character_broadcast_with_30_emoji_reaches_every_officer_whole(
        db_url, zalo_server, zl, clock, tmp_path):
    async with running_loa(zalo_config(db_url, zalo_server, tmp_path), clock) as loa:
        await seed_units(loa)
        chats = await zalo_officers(loa, zl, 3, prefix="a1b2c3")
        text = emoji_text()
        await broadcast(loa, {"text": text})
        got = await sent_to(zl, chats, 2)
        for chat in chats:
            parts = [m["text"] for m in got[chat]]
            assert len(parts) == 2, parts
            assert all(utf16_length(p) <= 2000 for p in parts)
            assert " ".join(parts) == text  # whole: nothing lost at the cut
        assert await states(loa) == ["sent"] * 3
        assert (await zl.state())["refused"] == {}


async def test_a_webhook_photo_report_is_answered_at_once_and_handled_once_when_pushed_again(
        db_url, zalo_server, zl, clock, tmp_path):
    config = zalo_config(db_url, zalo_server, tmp_path,
                         ZALO_WEBHOOK_URL="https://loa.example.vn/zalo/hook",
                         ZALO_WEBHOOK_SECRET=SECRET)
    async with running_loa(config, clock) as loa:
        await zl.call("webhook_target", url=f"http://127.0.0.1:{loa.http.port}/zalo/hook")
        lan = await officer_with_campaign(loa, zl, "6ede9afa66b88fe6d6a9", "Trần Thị Lan")
        await lan.receive_one()  # the day's prompt
        await menu_stored(loa, lan.id)

        # The photo takes 3 s to download; the fake gives up on a push after 2 s (and pushes
        # it again), and here pushes every update a second time anyway.
        await zl.call("options", file_delay=3.0, push_timeout=2.0, push_twice=True)
        pushed_before = len((await zl.state())["pushes"])
        await lan.send_photo(JPEG, caption="Treo 2 băng rôn tại cổng trạm y tế")
        state = await zl.state()
        pushes = state["pushes"][pushed_before:]
        assert [p["status"] for p in pushes] == [200, 200], pushes
        assert all(p["seconds"] < 2.0 for p in pushes), pushes
        assert state["push_timeouts"] == 0
        print("photo push answered in " + ", ".join(f"{p['seconds']:.2f}s" for p in pushes))
        # Someone else's message meanwhile is not held up by the photo still downloading.
        minh = await zl.user("0a1b2c3d4e5f60718293", "Minh")
        await minh.send("xin chào")
        other = await minh.receive_one(timeout=30)

        question = await lan.receive_one(timeout=30)
        assert other["seq"] < question["seq"]
        assert question["text"].startswith(T("report.ask_activity"))
        await zl.call("options", file_delay=0.0)
        await menu_stored(loa, lan.id)
        await lan.send(number_of(question, "Pano, áp phích, băng rôn, khẩu hiệu"))
        saved = await lan.receive_one()
        assert saved["text"].startswith(head("report.saved") + "1:")
        await inbound_settled(loa)  # the re-push handled too, if it were going to be
        assert await lan.quiet(0) == []  # one set of replies
        photo = await stored_photo(loa)
        assert photo.sha256 == hashlib.sha256(JPEG).hexdigest()
        async with loa.sessions() as session:
            assert len((await session.scalars(select(Report))).all()) == 1
            kept = dict((await session.execute(select(
                InboundUpdate.state, func.count()).group_by(InboundUpdate.state))).all())
        assert set(kept) == {"done"}


async def test_a_kept_update_survives_a_restart_before_it_is_handled(
        db_url, zalo_server, zl, clock, tmp_path):
    config = zalo_config(db_url, zalo_server, tmp_path,
                         ZALO_WEBHOOK_URL="https://loa.example.vn/zalo/hook",
                         ZALO_WEBHOOK_SECRET=SECRET)
    async with running_loa(config, clock) as loa:
        await seed_units(loa)
        code = await make_invite(loa, "TYTBC", uses=1)
    # Stored by a process that stopped before handling it (as a crash right after the answer).
    from bot.app import build

    loa = await build(config, clock=clock)
    try:
        user = await zl.user("c0ffee00c0ffee00c0ff", "Hùng")
        body = {"event_name": "message.text.received", "message": {
            "message_id": "9f1e2d3c4b5a", "date": 1763863200000, "text": f"/start {code}",
            "from": {"id": user.id, "display_name": "Hùng", "is_bot": False},
            "chat": {"id": user.id, "chat_type": "PRIVATE"}}}
        assert await loa.inbound.keep("zalo", "9f1e2d3c4b5a", user.id, body)
        assert not await loa.inbound.keep("zalo", "9f1e2d3c4b5a", user.id, body)  # re-push
    finally:
        await loa.close()
    async with running_loa(config, clock) as loa:
        assert "1. Đúng" in (await user.receive_one(timeout=30))["text"]
        await inbound_settled(loa)
        assert await user.quiet(0) == []


async def test_the_platforms_webhook_check_is_answered_and_changes_nothing(
        db_url, zalo_server, zl, clock, tmp_path):
    config = zalo_config(db_url, zalo_server, tmp_path,
                         ZALO_WEBHOOK_URL="https://loa.example.vn/zalo/hook",
                         ZALO_WEBHOOK_SECRET=SECRET)
    # setWebhook checks the URL first (the newer docs): Loa must answer it while starting.
    await zl.call("webhook_target", url=f"http://127.0.0.1:{config.http.port}/zalo/hook")
    await zl.call("options", verify_webhook=True)
    async with running_loa(config, clock) as loa, httpx.AsyncClient() as http:
        state = await zl.state()
        assert state["verifications"] == [200] and state["webhook"] is not None
        local = f"http://127.0.0.1:{loa.http.port}/zalo/hook"
        ok = {"X-Bot-Api-Secret-Token": SECRET}
        for request in (http.get(local), http.post(local, headers=ok),
                        http.post(local, json={}, headers=ok),
                        http.post(local, json={"ok": True, "result": {}}, headers=ok),
                        http.post(local, content=b"verify", headers=ok)):
            assert (await request).status_code == 200
        assert (await http.post(local, content=b"x" * 70_000, headers=ok)).status_code == 413
        async with loa.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(InboundUpdate)) == 0


async def test_echoes_of_the_bots_own_messages_are_ignored_by_their_ids(zalo_server, zl):
    channel = ZaloChannel(ZaloSettings(token=TOKEN, api_base_url=zalo_server.url), Host())
    try:
        await channel.open()
        user = await zl.user("6ede9afa66b88fe6d6a9", "Lan")
        sent = await channel.send(user.id, TextOut(text="Chào chị"))
        assert sent.message_id
        echo = {"event_name": "message.text.received", "message": {
            "message_id": sent.message_id, "date": 1763863200000, "text": "Chào chị",
            "from": {"id": "b07a1c0ffee0d15ea5e5", "display_name": "Bot Loa"},
            "chat": {"id": user.id, "chat_type": "PRIVATE"}}}
        assert await channel._to_event(echo) is None  # no is_bot flag, but Loa sent that id
        flagged = {**echo, "message": {**echo["message"], "message_id": "other-1",
                                       "from": {"id": "b07a1c0ffee0d15ea5e5", "is_bot": True}}}
        assert await channel._to_event(flagged) is None
        unflagged = {**echo, "message": {**echo["message"], "message_id": "other-2"}}
        assert await channel._to_event(unflagged) is None  # that sender was seen as the bot
        mine = {**echo, "message": {**echo["message"], "message_id": "other-3",
                                    "from": {"id": user.id, "display_name": "Lan"}}}
        assert (await channel._to_event(mine)).user_id == user.id
    finally:
        await channel.close()


async def test_429s_in_a_row_pause_zalo_tell_the_admins_and_resume_when_a_send_goes_through(
        db_url, zalo_server, zl, fake_server, tg, clock, tmp_path, monkeypatch):
    from bot.channels import zalo
    from bot.delivery import attempt
    from bot.delivery.outbox import Recipient, create_job, enqueue

    monkeypatch.setattr(zalo, "DEFAULT_THROTTLE", 0.2)
    monkeypatch.setattr(attempt, "QUOTA_PAUSE", 0.5)
    config = zalo_config(db_url, zalo_server, tmp_path, telegram=fake_server)
    async with running_loa(config, clock) as loa:
        await seed_units(loa)
        (admin,) = await make_officers(loa, tg, 1, first_id=600_000, role=Role.ADMIN,
                                       unit_code="SYT")
        zalo_only = await zalo_officers(loa, zl, 3, prefix="c4d5e6")
        (both,) = await make_officers(loa, tg, 1, first_id=610_000)
        await also_on_zalo(loa, zl, both, "f00dbabe0001")

        await zl.call("storm", code=429, count=10_000)  # the month's quota is gone
        await broadcast(loa, {"text": "Bản tin tháng."})
        # The admin hears it (on Telegram); the officer who has Telegram gets the broadcast there.
        notice = await until(lambda: _texts_of(tg, admin), "hết lượt gửi tin")
        assert "Zalo" in notice
        await until(lambda: _texts_of(tg, both), "Bản tin tháng.")
        # Zalo is no longer asked: the refusals stop growing (once the sends in flight when the
        # quota was found spent have come back).
        await settled(loa)
        refused = (await zl.state())["refused"]["429"]
        assert refused <= 3 + loa.config.delivery.concurrency
        await settled(loa)  # a retrying engine would have claimed them again
        assert (await zl.state())["refused"]["429"] == refused
        async with loa.sessions() as session:
            waiting = (await session.scalars(select(Delivery.state).join(Job).where(
                Job.kind == "broadcast", Delivery.channel == "zalo"))).all()
        assert sorted(waiting) == ["pending"] * 3

        # The platform takes messages again: a reminder (which cannot wait) tries after a few
        # minutes, goes through, and the waiting broadcast follows.
        await zl.call("storm", code=429, count=0)
        async with loa.sessions() as session, session.begin():
            officer_id = await session.scalar(select(Identity.officer_id).where(
                Identity.external_id == zalo_only[0]))
            job = await create_job(session, loa.clock, "reminder")
            await enqueue(session, loa.clock, job.id, [
                (Recipient(officer_id, "zalo", zalo_only[0]), {"text": "Hạn nộp báo cáo."})])
        clock.advance(dt.timedelta(minutes=11))
        loa.outbox.wake()
        got = await sent_to(zl, zalo_only, 1, timeout=30)
        assert all("Bản tin tháng." in [m["text"] for m in v] for v in got.values()), got
        assert set(await states(loa)) == {"sent"}


async def test_a_group_mention_gets_one_line_of_help_there_once_and_photos_show_typing(
        db_url, zalo_server, zl, clock, tmp_path):
    async with running_loa(zalo_config(db_url, zalo_server, tmp_path), clock) as loa:
        lan = await officer_with_campaign(loa, zl, "6ede9afa66b88fe6d6a9", "Trần Thị Lan")
        await lan.receive_one()  # the day's prompt
        before = await snapshot_identities(loa)
        await zl.call("group_text", user_id=lan.id, group_id="9a8b7c6d5e4f3a2b1c0d",
                      text="@Bot Loa báo cáo thế nào?")  # polled twice, like every update
        group = await zl.call("wait", chat_id="9a8b7c6d5e4f3a2b1c0d", count=1, timeout=15)
        assert [m["text"] for m in group["sent"]] == [loa.texts("group.reply_help")]
        again = await zl.call("wait", chat_id="9a8b7c6d5e4f3a2b1c0d", count=2, timeout=1.5)
        assert len(again["sent"]) == 1  # once, though it came twice
        assert await snapshot_identities(loa) == before  # nothing about the officer changed
        assert await lan.settle() == []

        await menu_stored(loa, lan.id)
        await lan.send_photo(JPEG, caption="Treo 2 băng rôn tại cổng trạm y tế")
        assert (await lan.receive_one())["text"].startswith(T("report.ask_activity"))
        actions = (await zl.state())["actions"]
        assert {"chat_id": lan.id, "action": "typing"} in actions


async def snapshot_identities(loa) -> list[tuple]:
    async with loa.sessions() as session:
        return sorted((await session.execute(select(
            Identity.channel, Identity.external_id, Identity.chat_id))).all())


async def _texts_of(tg, chat: int) -> list[str]:
    return [s.get("text", "") for s in await tg.sent(chat)]


async def until(read, needle: str, timeout: float = 20) -> str:
    """The first text `read()` returns that holds `needle`, waiting for it (bounded)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [t for t in await read() if needle in t]
        if found:
            return found[0]
        assert time.monotonic() < deadline, await read()
        await asyncio.sleep(0.1)
