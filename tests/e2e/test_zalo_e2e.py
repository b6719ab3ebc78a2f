"""End to end over the fake Zalo Bot API, every polled update delivered twice: joining, numbered
answers, photos both ways, long text, webhooks and storms."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import time

from sqlalchemy import select

from bot.domain.campaigns import check_file, load
from bot.store.models import Identity, PromptAction, Report, ReportPhoto, Role
from tests.conftest import ROOT, running_loa
from tests.fake_zalo import ZaloUser
from tests.support.helpers import make_invite, seed_units, snapshot
from tests.support.texts import T, head
from tests.support.waits import inbound_settled, settled
from tests.support.zalo_helpers import join_zalo, menu_stored, zalo_config

VN = dt.timezone(dt.timedelta(hours=7))
JPEG = bytes.fromhex("ffd8ffe000104a464946") + b"\x07\x01" * 400 + bytes.fromhex("ffd9")



async def test_officer_joins_on_zalo_with_a_numbered_confirmation(db_url, zalo_server, zl, clock,
                                                                  tmp_path):
    async with running_loa(zalo_config(db_url, zalo_server, tmp_path), clock) as loa:
        await seed_units(loa)
        code = await make_invite(loa, "TYTBC", Role.FOCAL, uses=2)
        lan = await zl.user("fa0c1001", "Lan")
        await lan.send(f"/start {code}")
        confirm = (await lan.receive_one())["text"]
        assert "Trạm Y tế phường Bãi Cháy" in confirm
        assert "1. Đúng" in confirm and "2. Không phải" in confirm
        await lan.send("1")
        assert (await lan.receive_one())["text"] == T("onboarding.ask_name")
        await lan.send("Nguyễn Thị Lan")
        assert (await lan.receive_one())["text"] == T("onboarding.ask_position", name="Nguyễn Thị Lan")
        await lan.send("Phụ trách truyền thông")
        assert (await lan.receive_one())["text"].startswith(head("onboarding.welcome") + "Nguyễn Thị Lan")
        # Each update came twice; each was answered once.
        assert await lan.settle() == []
        state = await zl.state()
        assert len(state["delivered"]) == 2 * len(set(state["delivered"])) == 8

        # Just the code, without /start, works the same.
        minh = await zl.user("fa0c1002", "Minh")
        await minh.send(code.lower())
        assert "1. Đúng" in (await minh.receive_one())["text"]

        async with loa.sessions() as session:
            identity = await session.scalar(select(Identity).where(
                Identity.channel == "zalo", Identity.external_id == "fa0c1001"))
            assert identity is not None and identity.officer.full_name == "Nguyễn Thị Lan"

        # The bot's own messages echoed back, stickers: nothing breaks, nothing is re-done.
        await zl.call("echo", user_id="fa0c1001", text="1")
        await zl.call("sticker", user_id="fa0c1001")
        assert (await lan.receive_one())["text"] == T("errors.unsupported_kind")
        assert await lan.settle() == []


async def officer_with_campaign(loa, zl, user_id: str, name: str) -> ZaloUser:
    await seed_units(loa)
    async with loa.sessions() as session, session.begin():
        await load(session, loa.clock, check_file(
            ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "test")
    return await join_zalo(zl, user_id, await make_invite(loa, "TYTBC"), name)


async def stored_photo(loa, timeout: float = 10) -> ReportPhoto:
    deadline = time.monotonic() + timeout
    while True:
        async with loa.sessions() as session:
            rows = (await session.scalars(select(ReportPhoto))).all()
        if rows and all(r.sha256 for r in rows):
            assert len(rows) == 1, rows
            return rows[0]
        assert time.monotonic() < deadline, rows
        await asyncio.sleep(0.05)


def number_of(message: dict, label: str) -> str:
    """The number a numbered line shows for `label`."""
    for line in message["text"].splitlines():
        number, _, text = line.strip().partition(". ")
        if text == label:
            return number
    raise AssertionError(f"no line {label!r} in {message['text']!r}")


async def test_a_quick_photo_report_from_zalo_is_stored_once_with_equal_bytes(
        db_url, zalo_server, zl, clock, tmp_path):
    config = zalo_config(db_url, zalo_server, tmp_path,
                         extra_toml="[reports]\nmax_photo_mb = 0.05\n")  # 52 KB
    async with running_loa(config, clock) as loa:
        lan = await officer_with_campaign(loa, zl, "fa0c2001", "Trần Thị Lan")
        await lan.receive_one()  # the day's prompt (09:00, inside the grace window)
        await menu_stored(loa, lan.id)  # its numbers on record before the photo's question
        await lan.send_photo(JPEG, caption="Treo 2 băng rôn tại cổng trạm y tế")
        question = await lan.receive_one()
        assert question["text"].startswith(T("report.ask_activity"))
        await menu_stored(loa, lan.id)
        await lan.send(number_of(question, "Pano, áp phích, băng rôn, khẩu hiệu"))
        saved = await lan.receive_one()
        assert saved["text"].startswith(T(
            "report.saved", id=1, activity="Pano, áp phích, băng rôn, khẩu hiệu",
            description="Treo 2 băng rôn tại cổng trạm y tế", n=1, day="23/11"))
        assert await lan.settle() == []
        photo = await stored_photo(loa)
        assert photo.sha256 == hashlib.sha256(JPEG).hexdigest()
        assert (loa.config.storage_dir / photo.path).read_bytes() == JPEG
        async with loa.sessions() as session:
            assert len((await session.scalars(select(Report))).all()) == 1
        # Not an image, or too big: told so, nothing stored.
        await lan.send_photo(b"%PDF-1.4 not a picture")
        assert (await lan.receive_one())["text"] == T("errors.unsupported_kind")
        await lan.send_photo(JPEG[:-2] + b"\x00" * 60_000 + JPEG[-2:])
        assert (await lan.receive_one())["text"].startswith(head("report.photo_too_big"))
        async with loa.sessions() as session:
            assert len((await session.scalars(select(ReportPhoto))).all()) == 1


async def test_the_daily_prompt_answered_1_leads_through_the_guided_form(
        db_url, zalo_server, zl, clock, tmp_path):
    async with running_loa(zalo_config(db_url, zalo_server, tmp_path), clock) as loa:
        hoa = await officer_with_campaign(loa, zl, "fa0c2101", "Lê Thị Hoa")
        prompt = await hoa.receive_one()
        assert prompt["text"].startswith(head("prompt.greeting"))
        assert f"  1. {T('prompt.report')}" in prompt["text"]
        assert f"  2. {T('prompt.done')}" in prompt["text"]
        await menu_stored(loa, hoa.id)
        await hoa.send("1")
        kinds = await hoa.receive_one()
        assert kinds["text"].startswith(T("report.ask_activity"))
        await hoa.send(number_of(kinds, "Bài viết trên cổng/trang thông tin điện tử"))
        assert (await hoa.receive_one())["text"].startswith(T("report.ask_description"))
        await hoa.send("Bài viết về phòng chống tăng huyết áp")
        assert (await hoa.receive_one())["text"].startswith(T("report.ask_day"))
        await hoa.send("31/02")
        refusal, again = await hoa.receive(2)
        assert refusal["text"] == T("report.day_impossible", got="31/02")
        assert again["text"].startswith(T("report.ask_day"))
        await hoa.send("20/11")
        assert (await hoa.receive_one())["text"].startswith(T("report.ask_participants"))
        await hoa.send("1")  # one participant, not the first choice ("Bỏ qua")
        assert (await hoa.receive_one())["text"].startswith(T("report.ask_link"))
        await hoa.send("https://syt.example.gov.vn/tin-tuc/tang-huyet-ap")
        assert (await hoa.receive_one())["text"].startswith(T("report.ask_photos", n=0, max=10))
        await hoa.send_photo(JPEG)
        received = await hoa.receive_one()
        assert received["text"].startswith(T("report.photo_received", n=1, max=10))
        await hoa.send(number_of(received, "Xong"))
        summary = await hoa.receive_one()
        assert T("report.line_day", value="20/11/2026") in summary["text"]
        assert T("report.line_participants", value=1) + "\n" in summary["text"]
        await hoa.send(number_of(summary, "Gửi"))
        assert (await hoa.receive_one())["text"].startswith(head("report.saved") + "1:")
        async with loa.sessions() as session:
            (report,) = (await session.scalars(select(Report))).all()
        assert (report.day, report.participants) == (dt.date(2026, 11, 20), 1)


async def test_a_prompt_arriving_mid_form_does_not_steal_the_next_number(
        db_url, zalo_server, zl, clock, tmp_path):
    clock.set(dt.datetime(2026, 11, 23, 7, 0, tzinfo=VN))  # before the 07:30 prompt
    async with running_loa(zalo_config(db_url, zalo_server, tmp_path), clock) as loa:
        an = await officer_with_campaign(loa, zl, "fa0c2201", "Phạm Văn An")
        await an.send("/baocao")
        kinds = await an.receive_one()
        assert kinds["text"].startswith(T("report.ask_activity"))
        clock.set(dt.datetime(2026, 11, 23, 7, 30, tzinfo=VN))
        arrived = [m["text"] for m in await an.receive(1)]
        arrived += [m["text"] for m in await an.quiet(1.0)]
        assert any(t.startswith(head("prompt.greeting")) for t in arrived)
        await settled(loa)  # the prompt's delivery is on record
        # "2" answers the open question (the kind), not the prompt's "2. ✅ Đã thực hiện".
        await an.send(number_of(kinds, "Pano, áp phích, băng rôn, khẩu hiệu"))
        assert (await an.receive_one())["text"].startswith(T("report.ask_description"))
        async with loa.sessions() as session:
            actions = (await session.scalars(select(PromptAction.action))).all()
        assert "done" not in actions


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
        wrapped = await zl.user("fa0c3001", "Lan")
        bare = await zl.user("fa0c3002", "Minh")
        await wrapped.send(f"/start {code}", shape="wrapped")
        await bare.send(f"/start {code}", shape="bare")
        assert "1. Đúng" in (await wrapped.receive_one())["text"]
        assert "1. Đúng" in (await bare.receive_one())["text"]
        # Pushed again (Zalo retries what it thinks failed): handled once.
        ok = {"X-Bot-Api-Secret-Token": secret}
        for push in (await zl.state())["pushes"]:
            assert push["status"] == 200
            assert (await http.post(local, json=push["body"], headers=ok)).status_code == 200
        await inbound_settled(loa)
        assert await wrapped.quiet(0) == [] and await bare.quiet(0) == []


def test_an_invite_shows_each_channels_way_to_join_with_a_qr_code(zalo_server, fake_server,
                                                                  tmp_path):
    from tests.e2e.test_cli_and_restart_e2e import _env, loa_cli
    from tests.fake_zalo import TOKEN as ZALO_TOKEN

    storage = tmp_path / "data"
    env = _env(f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}", fake_server.url,
               ZALO_BOT_TOKEN=ZALO_TOKEN, ZALO_API_BASE_URL=zalo_server.url,
               LOA_STORAGE_DIR=str(storage))
    assert loa_cli(env, "unit", "add", "Sở Y tế Quảng Ninh").returncode == 0
    assert loa_cli(env, "unit", "add", "Trạm Y tế Bãi Cháy", "--parent", "SYTQN").returncode == 0
    out = loa_cli(env, "invite", "create", "--unit", "TYTBC")
    assert out.returncode == 0, out.stderr
    code = out.stdout.strip().splitlines()[-1]
    assert f"Telegram: https://t.me/loa_test_bot?start={code}" in out.stdout
    # Not getMe's generated handle (bot.VDKyGxQvc): with no [zalo] bot_name, the bot's QR code.
    assert "bot.VDKyGxQvc" not in out.stdout
    assert (f"Zalo: quét mã QR của bot Loa (quản trị lấy trong Zalo Bot Creator), "
            f"gửi: /start {code}") in out.stdout
    for title in ("telegram", "zalo"):
        png = storage / "invites" / f"{code}-{title}.png"
        assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert f"(mã QR: {png})" in out.stdout

    # With the name officers see in Zalo configured, invites name it.
    named = tmp_path / "named.toml"
    named.write_text(f'messages_dir = "{ROOT / "messages"}"\n'
                     '[zalo]\nbot_name = "Bot Loa Sở Y tế Quảng Ninh"\n')
    out = loa_cli({**env, "LOA_CONFIG": str(named)}, "invite", "create", "--unit", "TYTBC")
    assert out.returncode == 0, out.stderr
    code = out.stdout.strip().splitlines()[-1]
    assert f"Zalo: tìm “Bot Loa Sở Y tế Quảng Ninh” trên Zalo, gửi: /start {code}" in out.stdout
