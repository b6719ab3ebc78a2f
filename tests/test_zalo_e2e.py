"""End to end over the fake Zalo Bot API, every polled update delivered twice: joining, numbered
answers, photos both ways, long text, webhooks and storms."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from bot.store.models import Identity, Report, ReportPhoto, Role
from tests.conftest import running_loa
from tests.helpers import make_invite, seed_units, snapshot
from tests.zalo_helpers import join_zalo, zalo_config

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


async def test_officer_joins_on_zalo_with_a_numbered_confirmation(db_url, zalo_server, zl, clock,
                                                                  tmp_path):
    async with running_loa(zalo_config(db_url, zalo_server, tmp_path), clock) as loa:
        await seed_units(loa)
        code = await make_invite(loa, "TYTBC", Role.FOCAL, uses=2)
        lan = await zl.user("zu-1001", "Lan")
        await lan.send(f"/start {code}")
        confirm = (await lan.receive_one())["text"]
        assert "Trạm Y tế phường Bãi Cháy" in confirm
        assert "1. Đúng" in confirm and "2. Không phải" in confirm
        await lan.send("1")
        assert "họ và tên" in (await lan.receive_one())["text"]
        await lan.send("Nguyễn Thị Lan")
        assert "Chức vụ" in (await lan.receive_one())["text"]
        await lan.send("Phụ trách truyền thông")
        assert "Chào mừng Nguyễn Thị Lan" in (await lan.receive_one())["text"]
        # Each update came twice; each was answered once.
        assert await lan.quiet() == []
        state = await zl.state()
        assert len(state["delivered"]) == 2 * len(set(state["delivered"])) == 8

        # Just the code, without /start, works the same.
        minh = await zl.user("zu-1002", "Minh")
        await minh.send(code.lower())
        assert "1. Đúng" in (await minh.receive_one())["text"]

        async with loa.sessions() as session:
            identity = await session.scalar(select(Identity).where(
                Identity.channel == "zalo", Identity.external_id == "zu-1001"))
            assert identity is not None and identity.officer.full_name == "Nguyễn Thị Lan"

        # The bot's own messages echoed back, stickers: nothing breaks, nothing is re-done.
        await zl.call("echo", user_id="zu-1001", text="1")
        await zl.call("sticker", user_id="zu-1001")
        assert "chưa đọc được" in (await lan.receive_one())["text"]
        assert await lan.quiet() == []


async def test_a_quick_photo_report_from_zalo_is_stored_once_with_equal_bytes(
        db_url, zalo_server, zl, clock, tmp_path):
    async with running_loa(zalo_config(db_url, zalo_server, tmp_path), clock) as loa:
        await seed_units(loa)
        lan = await join_zalo(zl, "zu-2001", await make_invite(loa, "TYTBC"), "Trần Thị Lan")
        await lan.send_photo(PNG, caption="Tuyên truyền phòng chống sốt xuất huyết")
        replies = await lan.receive_one()
        assert "1." in replies["text"]  # the report's kind, asked as numbered lines
        await lan.send("1")
        while True:
            got = (await lan.receive_one())["text"]
            if ("Đã" in got and "báo cáo" in got) or ("Gửi" in got and "1." in got):
                break
        async with loa.sessions() as session:
            photos = (await session.scalars(select(ReportPhoto))).all()
        assert len(photos) == 1
        for _ in range(100):
            async with loa.sessions() as session:
                photo = await session.get(ReportPhoto, photos[0].id)
            if photo.sha256:
                break
            loa.photos.wake()
            import asyncio
            await asyncio.sleep(0.05)
        assert photo.sha256 == hashlib.sha256(PNG).hexdigest()
        assert (loa.config.storage_dir / photo.path).read_bytes() == PNG
        async with loa.sessions() as session:
            assert len((await session.scalars(select(Report))).all()) <= 1


async def test_webhook_mode_takes_both_body_shapes_once_and_refuses_a_wrong_secret(
        db_url, zalo_server, zl, clock, tmp_path):
    import httpx

    secret = "zalo-hook_S3cret"
    config = zalo_config(db_url, zalo_server, tmp_path,
                         ZALO_WEBHOOK_URL="https://loa.example.vn/zalo/hook",
                         ZALO_WEBHOOK_SECRET=secret)
    async with running_loa(config, clock) as loa, httpx.AsyncClient() as http:
        state = await zl.state()
        assert state["webhook"] == {"url": "https://loa.example.vn/zalo/hook",
                                    "secret_token": secret}
        assert "getUpdates" not in state["requests"]
        local = f"http://127.0.0.1:{loa.http.port}/zalo/hook"
        await seed_units(loa)
        code = await make_invite(loa, "TYTBC", uses=3)
        before = await snapshot(loa)
        forged = {"event_name": "message.text.received", "message": {
            "message_id": "x1", "date": 1763863200000, "text": f"/start {code}",
            "from": {"id": "zu-evil", "display_name": "Kẻ giả", "is_bot": False},
            "chat": {"id": "zu-evil", "chat_type": "PRIVATE"}}}
        assert (await http.post(local, json=forged)).status_code == 403
        wrong = {"X-Bot-Api-Secret-Token": "not-the-secret"}
        assert (await http.post(local, json=forged, headers=wrong)).status_code == 403
        assert await snapshot(loa) == before
        assert await zl.sent() == []

        await zl.call("webhook_target", url=local)
        wrapped = await zl.user("zu-3001", "Lan")
        bare = await zl.user("zu-3002", "Minh")
        await wrapped.send(f"/start {code}", shape="wrapped")
        await bare.send(f"/start {code}", shape="bare")
        assert "1. Đúng" in (await wrapped.receive_one())["text"]
        assert "1. Đúng" in (await bare.receive_one())["text"]
        # Pushed again (Zalo retries what it thinks failed): handled once.
        ok = {"X-Bot-Api-Secret-Token": secret}
        for push in (await zl.state())["pushes"]:
            assert push["status"] == 200
            assert (await http.post(local, json=push["body"], headers=ok)).status_code == 200
        assert await wrapped.quiet() == [] and await bare.quiet() == []
