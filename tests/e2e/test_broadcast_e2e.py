"""Broadcasts in chat, end to end: preview, two-person rule, live progress, history, slogans."""

from __future__ import annotations

import asyncio
import time

from sqlalchemy import select

from bot.domain.officers import make_admin
from bot.store.models import Broadcast, BroadcastState, Role, Slogan, SloganState
from tests.support.helpers import audit_log, join, make_invite, make_officers, seed_units, snapshot
from tests.support.texts import T, head, matches


async def staff(loa, tg):
    """An approver, an admin who is not one, a plain officer, and 30 officers to receive."""
    await seed_units(loa)
    approver = await join(tg, 6001, await make_invite(loa, "SYT", Role.APPROVER),
                          "Trần Thị Duyệt", "Phó Giám đốc")
    admin = await join(tg, 6002, await make_invite(loa, "SYT"), "Lê Văn Quản", "Chuyên viên")
    async with loa.sessions() as session, session.begin():
        await make_admin(session, loa.clock, "telegram", "6002")
    officer = await join(tg, 6003, await make_invite(loa, "TYTBC"), "Ngô Thị Hoa", "Y sĩ")
    chats = await make_officers(loa, tg, 30, unit_code="TYTBC")
    return approver, admin, officer, chats


async def compose(user, text: str, units: str | None = None, subunits: str = "Có",
                  role: str = "Mọi vai trò") -> dict:
    """/phatthanh through to the confirmation question; returns that question."""
    await user.send("/phatthanh")
    assert (await user.receive_one())["text"] == T("broadcast.ask_content")
    await user.send(text)
    audience = await user.receive_one()
    if units:
        await user.press_label(audience, "Chọn đơn vị")
        assert (await user.receive(2))[1]["text"].startswith(head("broadcast.ask_units"))
        await user.send(units)
        await user.press_label(await user.receive_one(), subunits)
    else:
        await user.press_label(audience, "Tất cả đơn vị")
    role_question = (await user.receive(2))[1]
    await user.press_label(role_question, role)
    _, preview, confirm = await user.receive(3)
    assert preview["text"] == text and preview["buttons"] == []
    return confirm


async def until(tg, chat: int, pick, timeout: float = 10) -> list:
    """What `chat` got, filtered by `pick`, once that is not empty (or the time is up)."""
    deadline = time.monotonic() + timeout
    while True:
        found = pick(await tg.sent(chat))
        if found or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.05)


async def received(tg, chats, text: str, timeout: float = 20,
                   want: dict[int, int] | None = None) -> dict[int, int]:
    """How many messages of exactly `text` each chat got, once each has one (or its `want`)."""
    deadline = time.monotonic() + timeout
    while True:
        sent = await tg.sent()
        got = {c: sum(1 for s in sent if s["chat_id"] == c and s["text"] == text) for c in chats}
        if all(n >= (want or {}).get(c, 1) for c, n in got.items()) or time.monotonic() > deadline:
            return got
        await asyncio.sleep(0.05)


async def test_approver_broadcasts_with_live_progress(loa, tg):
    approver, _, officer, chats = await staff(loa, tg)
    text = "Thông điệp tháng 12: Sức khỏe là vốn quý - Mỗi người hãy biết giữ gìn!"
    confirm = await compose(approver, text, units="TTYTHL")
    assert "Người nhận: 31 người." in confirm["text"]  # the station's 30 + Hoa; not the approver
    assert "TTYTHL" + T("broadcast.with_subunits") in confirm["text"]
    assert matches(confirm["text"], "broadcast.confirm")
    await approver.press_label(confirm, "Gửi")
    # The reply and the first progress message race each other; both must come.
    _, *news = await approver.receive(3)
    started = [m for m in news if m["text"].startswith(head("broadcast.started"))]
    progress = [m for m in news if m["text"].startswith("Bản tin #1")]
    assert started[0]["text"] == T("broadcast.started", id=1, reach="31 người")
    progress = progress[0]

    got = await received(tg, [*chats, officer.id], text)
    assert set(got.values()) == {1}
    assert (await received(tg, [approver.id], text, timeout=0))[approver.id] == 1  # the preview
    deadline = time.monotonic() + 20
    while True:
        final = await tg.call("message", chat_id=approver.id, message_id=progress["message_id"])
        if "đã gửi xong" in final["text"]:
            break
        assert time.monotonic() < deadline, final
        await asyncio.sleep(0.1)
    # One completion message with the numbers, not two alike (issue 26 point 21).
    assert final["text"] == T("broadcast.progress_done", id=1)
    summary = await until(tg, approver.id, lambda sent: [
        s for s in sent if s["text"].startswith(head("broadcast.summary") + "1:")])
    assert [s["text"] for s in summary] == [
        T("broadcast.summary", id=1, received="31 người", failed=0, blocked=0, uncertain=0)]

    approver.seen = (await tg.sent(approver.id))[-1]["seq"]  # skip what the progress brought
    await approver.send("/lichsu")
    history = await approver.receive_one()
    assert "#1" in history["text"] and "31 người: 31/31 đã gửi" in history["text"]
    assert await audit_log(loa) == [
        ("broadcast.created", "officer", "Trần Thị Duyệt", "broadcast:1"),
        ("broadcast.sent", "system", None, "broadcast:1")]


async def test_two_person_rule(loa, tg):
    approver, admin, officer, chats = await staff(loa, tg)
    text = "Hưởng ứng Ngày Sức khỏe toàn dân 7/4: Tập thể dục mỗi ngày - Khỏe thân, bền trí!"
    confirm = await compose(admin, text)
    assert matches(confirm["text"], "broadcast.confirm_needs_approval")
    await admin.press_label(confirm, "Gửi")
    assert (await admin.receive(2))[1]["text"] == T("broadcast.waiting_approval", id=1)

    preview, request = await approver.receive(2)
    assert preview["text"] == text
    assert [b["text"] for b in request["buttons"][0]] == ["Duyệt", "Từ chối"]
    approve = request["buttons"][0][0]["data"]

    # A forged "Duyệt" from an officer, and from the author himself, change nothing.
    before = await snapshot(loa)
    for user in (officer, admin):
        last = (await tg.sent(user.id))[-1]
        update = await user.press(last["message_id"], approve, forge=True)
        assert await user.nothing_more(update) == []
    answers = [a["text"] for a in await tg.call("callback_answers")][-2:]
    assert answers == [T("approval.not_allowed")] * 2
    assert await snapshot(loa) == before
    async with loa.sessions() as session:
        b = await session.scalar(select(Broadcast))
        assert b.state == BroadcastState.AWAITING_APPROVAL and b.job_id is None
    assert not any(s["text"] == text for s in await tg.sent(chats[0]))

    await approver.press(request["message_id"], approve)
    edited, decided = await approver.receive(2)
    assert edited["text"].endswith("» " + T("approval.approved_mark")) and edited["buttons"] == []
    assert decided["text"] == T("approval.broadcast_approved", id=1,
                                reach=f"{len(chats) + 3} người")
    assert set((await received(tg, chats, text)).values()) == {1}
    assert await until(tg, admin.id, lambda sent: [
        s for s in sent if "đã được Trần Thị Duyệt duyệt" in s["text"]])

    # Pressing again: already decided (the approver, among "everyone", got the broadcast too).
    update = await approver.press(request["message_id"], approve, forge=True)
    assert [m["text"] for m in await approver.nothing_more(update)] in ([], [text])
    assert (await tg.call("callback_answers"))[-1]["text"] == T("approval.already_decided")
    assert (await audit_log(loa))[:2] == [  # the forged presses left no trace
        ("broadcast.created", "officer", "Lê Văn Quản", "broadcast:1"),
        ("broadcast.approved", "officer", "Trần Thị Duyệt", "broadcast:1")]


async def test_rejected_broadcast_never_goes_out(loa, tg):
    approver, admin, _, chats = await staff(loa, tg)
    text = "Bản tin này sẽ bị từ chối"
    confirm = await compose(admin, text)
    await admin.press_label(confirm, "Gửi")
    await admin.receive(2)
    _, request = await approver.receive(2)
    await approver.press_label(request, "Từ chối")
    _, decided = await approver.receive(2)
    assert decided["text"] == T("approval.broadcast_rejected", id=1)
    async with loa.sessions() as session:
        b = await session.scalar(select(Broadcast))
        assert b.state == BroadcastState.REJECTED and b.job_id is None
    assert await audit_log(loa) == [
        ("broadcast.created", "officer", "Lê Văn Quản", "broadcast:1"),
        ("broadcast.rejected", "officer", "Trần Thị Duyệt", "broadcast:1")]
    # Only the two previews (author's and approver's) ever carried the text.
    assert sorted(s["chat_id"] for s in await tg.sent() if s["text"] == text) == sorted(
        [admin.id, approver.id])
    assert not {s["chat_id"] for s in await tg.sent()} & set(chats)
    # "Duyệt" after the rejection does nothing either.
    update = await approver.press(request["message_id"], request["buttons"][0][0]["data"],
                                  forge=True)
    assert await approver.nothing_more(update) == []
    assert (await tg.call("callback_answers"))[-1]["text"] == T("approval.already_decided")
    # Never started: /lichsu names it and its state, with no reach or numbers to count.
    await approver.send("/lichsu")
    listing = (await approver.receive_one())["text"]
    assert "· bị từ chối · “Bản tin này sẽ bị từ chối”" in listing, listing
    assert "đã gửi" not in listing and "người" not in listing


async def test_cancel_and_edit_before_sending(loa, tg):
    approver, _, _, _ = await staff(loa, tg)
    confirm = await compose(approver, "Bản nháp")
    await approver.press_label(confirm, "Sửa nội dung")
    assert (await approver.receive(2))[1]["text"] == T("broadcast.ask_content")
    await approver.send("Bản đã sửa")  # the audience is kept: straight back to the preview
    preview, confirm = await approver.receive(2)
    assert preview["text"] == "Bản đã sửa"
    await approver.press_label(confirm, "Hủy")
    assert (await approver.receive(2))[1]["text"] == T("broadcast.cancelled")
    async with loa.sessions() as session:
        assert await session.scalar(select(Broadcast)) is None


async def test_non_admin_cannot_broadcast(loa, tg):
    _, _, officer, _ = await staff(loa, tg)
    for command in ("/phatthanh", "/lichsu", "/choduyet"):
        await officer.send(command)
        assert (await officer.receive_one())["text"] == T("errors.not_allowed",
                                                           who=T("errors.allowed_approver"))


async def test_slogan_needs_an_approver(loa, tg):
    approver, admin, officer, _ = await staff(loa, tg)
    await officer.send("/khauhieu Ăn sạch, sống xanh - Cho tương lai Việt Nam khỏe mạnh!")
    assert "cho người duyệt" in (await officer.receive_one())["text"]
    async with loa.sessions() as session:
        slogan = await session.scalar(select(Slogan))
        assert slogan.state == SloganState.PROPOSED
    # Not offered for broadcasts while only proposed.
    await admin.send("/phatthanh")
    assert (await admin.receive_one())["buttons"] == []
    await admin.send("/cancel")
    await admin.receive_one()

    request = await approver.receive_one()
    assert "KH1" in request["text"]
    await approver.press_label(request, "Duyệt")
    await approver.receive(2)
    async with loa.sessions() as session:
        assert (await session.scalar(select(Slogan))).state == SloganState.APPROVED
    assert await audit_log(loa) == [("slogan.proposed", "officer", "Ngô Thị Hoa", "slogan:1"),
                                    ("slogan.approved", "officer", "Trần Thị Duyệt", "slogan:1")]

    await admin.send("/phatthanh")
    ask = await admin.receive_one()
    await admin.press_label(ask, "Chọn khẩu hiệu đã duyệt")
    _, pick = await admin.receive(2)
    await admin.press_label(pick, "Ăn sạch, sống xanh - Cho tương lai Việt Nam khỏe mạnh!")
    _, audience = await admin.receive(2)
    assert audience["text"] == T("broadcast.ask_audience")


async def test_photo_broadcast_reuses_the_platform_file(loa, tg):
    approver, _, officer, chats = await staff(loa, tg)
    jpeg = bytes.fromhex("ffd8ffe000104a464946") + b"\x01" * 5000 + bytes.fromhex("ffd9")
    await approver.send("/phatthanh")
    await approver.receive_one()
    await approver.send_photo(jpeg, caption="Băng rôn hưởng ứng Ngày Sức khỏe toàn dân 7/4")
    await approver.press_label(await approver.receive_one(), "Tất cả đơn vị")
    await approver.press_label((await approver.receive(2))[1], "Mọi vai trò")
    _, preview, confirm = await approver.receive(3)
    assert preview["method"] == "sendPhoto" and preview["caption"].startswith("Băng rôn")
    await approver.press_label(confirm, "Gửi")
    await approver.receive(2)
    deadline = time.monotonic() + 20
    while True:
        photos = [s for s in await tg.sent() if s["method"] == "sendPhoto"
                  and s["chat_id"] in {*chats, officer.id}]
        if len(photos) == 31 or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.05)
    assert sorted(p["chat_id"] for p in photos) == sorted([*chats, officer.id])
    assert {p["caption"] for p in photos} == {"Băng rôn hưởng ứng Ngày Sức khỏe toàn dân 7/4"}
    # The photo was uploaded once, by the officer; every send reuses Telegram's file id.
    async with loa.sessions() as session:
        content = (await session.scalar(select(Broadcast))).content
    # Kept as the channel and its file id: Telegram gets the id back, other channels the bytes.
    assert content["photo"].startswith("file:telegram:AgAC")
    assert content["caption"].startswith("Băng rôn")
    assert not any(p["uploaded"] for p in photos)


async def test_audience_choices_are_kept_between_steps(loa, tg):
    """Each answer is saved when the next question comes (units, sub-units, role)."""
    approver, *_ = await staff(loa, tg)
    confirm = await compose(approver, "Chỉ trung tâm", units="TTYTHL", subunits="Không")
    assert "Số người nhận: 0 —" in confirm["text"] and "(gồm đơn vị trực thuộc)" not in confirm["text"]
    assert [b["text"] for row in confirm["buttons"] for b in row] == [
        "Chọn người nhận khác", "Sửa nội dung", "Hủy"]  # no "Gửi"
    await approver.press_label(confirm, "Hủy")
    await approver.receive(2)
    confirm = await compose(approver, "Chỉ cán bộ", units="TTYTHL", role="Cán bộ")
    assert "Vai trò: Cán bộ." in confirm["text"] and "Người nhận: 31 người." in confirm["text"]
