"""The audit log: a row for each decision, from chat and from the `loa` command; rows never change."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot import app as loa_app
from bot.core.clock import FrozenClock
from bot.domain.audit import OPERATOR, Action, AppendOnly, record
from bot.domain.officers import set_role
from bot.store.models import AuditEntry, Role
from tests.conftest import MORNING, ROOT, make_config, running_loa, telegram_env
from tests.e2e.test_broadcast_e2e import received
from tests.e2e.test_cli_and_restart_e2e import _env, loa_cli, seed_with_cli
from tests.support.helpers import audit_log, join, make_invite, make_officers, seed_units

pytestmark = pytest.mark.timeout(180)


async def test_audit_rows_cannot_be_changed_or_deleted(db_url):
    loa = await loa_app.build(make_config(db_url), clock=FrozenClock(MORNING))
    try:
        async with loa.sessions() as session, session.begin():
            entry = await record(session, loa.clock, OPERATOR, Action.CAMPAIGN_LOADED, "campaign",
                                 1, source="mau.toml")
        refused = ["UPDATE audit SET action = 'role.granted'", "DELETE FROM audit"]
        if loa.engine.dialect.name == "postgresql":
            refused.append("TRUNCATE audit")
        for sql in refused:
            with pytest.raises(DBAPIError, match="append-only"):
                async with loa.sessions() as session, session.begin():
                    await session.execute(text(sql))
        # The ORM names the bug before the database refuses it.
        for change in ("update", "delete"):
            async with loa.sessions() as session:
                row = await session.get(AuditEntry, entry.id)
                if change == "update":
                    row.detail = {"source": "khac.toml"}
                else:
                    await session.delete(row)
                with pytest.raises(AppendOnly):
                    await session.flush()
        assert await audit_log(loa) == [("campaign.loaded", "operator", None, "campaign:1")]
        async with loa.sessions() as session:
            assert (await session.get(AuditEntry, entry.id)).detail == {"source": "mau.toml"}
    finally:
        await loa.close()


async def test_operator_broadcast_waits_for_an_approver_in_chat(db_url, fake_server, tg):
    # Real time: the command below queues with the real clock, and the bot must see it as due.
    async with running_loa(make_config(db_url, **telegram_env(fake_server))) as loa:
        await seed_units(loa)
        approver = await join(tg, 6101, await make_invite(loa, "SYT", Role.APPROVER),
                              "Trần Thị Duyệt", "Phó Giám đốc")
        chats = await make_officers(loa, tg, 5, unit_code="TYTBC")
        env = _env(db_url, fake_server.url)
        message = "Tuần lễ tiêm chủng: đưa trẻ đến trạm y tế đúng lịch"

        # In a thread: the bot in this event loop must keep running (and let go of SQLite's lock).
        preview = await asyncio.to_thread(loa_cli, env, "broadcast", "send", "--text", message,
                                          "--unit", "TTYTHL")  # a preview, no failure
        assert preview.returncode == 0 and "quy tắc hai người" in preview.stdout
        out = await asyncio.to_thread(loa_cli, env, "broadcast", "send", "--text", message,
                                      "--unit", "TTYTHL", "--yes")
        assert out.returncode == 0, out.stderr
        assert "Bản tin #1 cần người duyệt đồng ý trước khi gửi" in out.stdout
        assert "Đã chuyển cho 1 người duyệt" in out.stdout

        shown, request = await approver.receive(2)
        assert shown["text"] == message
        assert "do Người vận hành (dòng lệnh) soạn" in request["text"]
        assert not any(s["text"] == message for s in await tg.sent() if s["chat_id"] in chats)

        await approver.press_label(request, "Duyệt")
        _, decided = await approver.receive(2)
        assert "Đã duyệt bản tin #1: đang gửi tới 5 người" in decided["text"]
        assert set((await received(tg, chats, message)).values()) == {1}
        log = await until_logged(loa, 3)
    assert log == [("broadcast.created", "operator", None, "broadcast:1"),
                   ("broadcast.approved", "officer", "Trần Thị Duyệt", "broadcast:1"),
                   ("broadcast.sent", "system", None, "broadcast:1")]
    listing = loa_cli(env, "audit").stdout.splitlines()
    assert listing[0] == "Nhật ký thao tác, 3 mục, cũ trước mới sau (giờ Việt Nam):"
    assert "· Người vận hành (dòng lệnh) · tạo bản tin · bản tin #1 ·" in listing[1]
    assert "· Trần Thị Duyệt (cán bộ #1) · duyệt bản tin · bản tin #1" in listing[2]
    assert "· Loa (tự động) · gửi xong bản tin · bản tin #1 · đã gửi: 5; lỗi: 0" in listing[3]


async def until_logged(loa, count: int, timeout: float = 20) -> list:
    """The audit log once it has `count` rows (the bot writes "sent" when it finishes)."""
    deadline = time.monotonic() + timeout
    while True:
        log = await audit_log(loa)
        if len(log) >= count or time.monotonic() > deadline:
            return log
        await asyncio.sleep(0.1)


async def test_operator_commands_leave_audit_rows(db_url, fake_server, tg):
    env = _env(db_url, fake_server.url)
    code = seed_with_cli(env)  # units, and an invite made with `loa invite create`

    first = loa_cli(env, "admin", "add", "4101")
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == "Đã cấp quyền quản trị viên cho tài khoản Telegram 4101."
    again = loa_cli(env, "admin", "add", "--channel", "telegram", "4101")
    assert again.stdout.splitlines()[0] == (
        "Tài khoản Telegram 4101 đã là quản trị viên từ trước; không có gì thay đổi.")
    zalo = loa_cli(env, "admin", "add", "--channel", "zalo", "6a1f0c2e9b7d")
    assert zalo.stdout.splitlines()[0] == "Đã cấp quyền quản trị viên cho tài khoản Zalo 6a1f0c2e9b7d."
    bad = loa_cli(env, "admin", "add", "--channel", "viber", "1")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    loa = await loa_app.build(make_config(db_url))
    try:  # an approver who already joined (no audit row: not through a service)
        async with loa.sessions() as session, session.begin():
            await set_role(session, loa.clock, "telegram", "4102", Role.APPROVER)
    finally:
        await loa.close()
    promoted = loa_cli(env, "admin", "add", "4102")
    assert promoted.stdout.splitlines()[0] == ("Đã cấp quyền quản trị viên cho tài khoản Telegram 4102 "
                                       "(vai trò trước đó: Người duyệt nội dung).")

    revoked = loa_cli(env, "invite", "revoke", code.lower())
    assert revoked.returncode == 0, revoked.stderr
    assert revoked.stdout.startswith(f"Đã thu hồi mã mời {code} (Trạm Y tế phường Bãi Cháy, ")
    twice = loa_cli(env, "invite", "revoke", code)
    assert twice.returncode == 2 and "đã được thu hồi trước đó" in twice.stderr
    assert "Không có mã mời KHONGCO." in loa_cli(env, "invite", "revoke", "KHONGCO").stderr

    loaded = loa_cli(env, "campaign", "load",
                     str(ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"))
    assert loaded.returncode == 0, loaded.stderr

    loa = await loa_app.build(make_config(db_url))
    try:
        log = await audit_log(loa)
    finally:
        await loa.close()
    assert [(action, actor) for action, actor, _, _ in log] == [
        *[("unit.added", "operator")] * 3,  # `loa unit add` goes through the service, as the console's
        ("invite.created", "operator"), ("role.granted", "operator"),
        ("role.granted", "operator"), ("role.granted", "operator"), ("invite.revoked", "operator"),
        ("campaign.loaded", "operator")]
    listing = loa_cli(env, "audit").stdout
    assert "Người vận hành (dòng lệnh) · cấp quyền · cán bộ #2" in listing
    assert "vai trò: Quản trị viên; kênh: Zalo; mã tài khoản: 6a1f0c2e9b7d" in listing
    assert f"thu hồi mã mời · mã mời #1 · mã: {code}" in listing
    assert "nạp chiến dịch · chiến dịch #1" in listing
    assert "thêm đơn vị · đơn vị #3 · mã: TYTPBC; tên đơn vị: Trạm Y tế phường Bãi Cháy" in listing


async def test_audit_since_a_day_in_vietnam_time(db_url, tmp_path):
    last_minute = dt.datetime(2026, 11, 20, 16, 59, tzinfo=dt.UTC)  # 23:59 on 20/11 in Vietnam
    clock = FrozenClock(last_minute)
    loa = await loa_app.build(make_config(db_url), clock=clock)
    try:
        for minutes in (0, 1):  # the second is 00:00 on 21/11 in Vietnam
            clock.set(last_minute + dt.timedelta(minutes=minutes))
            async with loa.sessions() as session, session.begin():
                await record(session, clock, OPERATOR, Action.INVITE_REVOKED, "invite", minutes + 1)
    finally:
        await loa.close()
    env = _env(db_url, None)

    everything = loa_cli(env, "audit").stdout.splitlines()
    assert len(everything) == 3 and everything[1].startswith("20/11/2026 23:59:00 · ")
    since = loa_cli(env, "audit", "--since", "2026-11-21").stdout.splitlines()
    assert since == ["Nhật ký thao tác từ ngày 21/11/2026, 1 mục, cũ trước mới sau (giờ Việt Nam):",
                     "21/11/2026 00:00:00 · Người vận hành (dòng lệnh) · thu hồi mã mời · mã mời #2"]
    later = loa_cli(env, "audit", "--since", "2026-11-22")
    assert later.stdout.strip() == "Nhật ký thao tác không có mục nào từ ngày 22/11/2026."
    # The day as people write it too (issue 26); a day that is none is refused in Vietnamese.
    assert loa_cli(env, "audit", "--since", "21/11/2026").stdout.splitlines() == since
    wrong = loa_cli(env, "audit", "--since", "31/02/2026")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr and wrong.stderr.strip()


async def test_admin_invites_and_revokes_in_chat(loa, tg):
    await seed_units(loa)
    admin = await join(tg, 6201, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị",
                       "Chuyên viên")
    await admin.send("/moi TYTBC daumoi 2")
    code = (await admin.receive_one())["text"].splitlines()[1]
    await admin.send("/huymoi")
    assert (await admin.receive_one())["text"].startswith("Cách dùng: /huymoi MÃ_MỜI")
    await admin.send("/huymoi KHONGCO")
    assert (await admin.receive_one())["text"] == "Không có mã mời KHONGCO."
    await admin.send(f"/huymoi {code}")
    assert (await admin.receive_one())["text"].startswith(
        f"Đã thu hồi mã mời {code} (Trạm Y tế phường Bãi Cháy, Đầu mối báo cáo)")

    newcomer = await tg.user(6202, "Lan")
    await newcomer.send(f"/start {code}")
    assert (await newcomer.receive_one())["text"].startswith("Mã mời này đã bị thu hồi.")
    assert await audit_log(loa) == [
        ("invite.created", "officer", "Mai Quản Trị", "invite:2"),
        ("invite.revoked", "officer", "Mai Quản Trị", "invite:2")]
