"""Scheduled broadcasts (#22), the rest of point 1: a scheduled one's content changed until it
starts (approved again when the one who changes it is no approver; a "Duyệt" on the version
before is refused), a campaign's key date at an hour from the command line, and what happens
when Loa was not running at the time (sent within `scheduled_grace_hours`, else marked missed and
the admins told). The clock is frozen and moved, never slept on."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bot import app as loa_app
from bot.cli.common import operator_scope
from bot.core.clock import FrozenClock
from bot.domain.broadcasts import start_due
from bot.services import Refused
from bot.services.broadcasts import create_broadcast, decide_broadcast, edit_broadcast
from bot.store.models import AuditEntry, Broadcast, BroadcastState, Delivery, Job, Role
from tests.conftest import MORNING, ROOT, make_config, running_loa
from tests.e2e.test_broadcast_e2e import received, staff
from tests.e2e.test_cli_and_restart_e2e import _env, loa_cli
from tests.e2e.test_scheduled_broadcasts import local
from tests.e2e.test_scheduled_broadcasts_e2e import scheduling_loa, to_confirm
from tests.support.helpers import make_officers, seed_units
from tests.support.web_console import console_config, photo_jpeg

pytestmark = pytest.mark.timeout(240)
VN = ZoneInfo("Asia/Ho_Chi_Minh")


async def test_content_changed_in_chat_approved_again_sent_as_changed(
        db_url, fake_server, tg, tmp_path):
    clock = FrozenClock(MORNING)  # Monday 23/11/2026, 09:00
    async with scheduling_loa(db_url, fake_server, tmp_path, clock) as loa:
        approver, admin, officer, chats = await staff(loa, tg)
        old, new = "Nội dung cũ, sẽ được sửa", "Nội dung mới: ra quân sáng thứ Ba"
        confirm = await to_confirm(admin, old)
        await admin.press_label(confirm, "Hẹn giờ")
        await admin.receive(2)
        await admin.send("24/11/2026 07:00")
        await admin.press_label(await admin.receive_one(), "Chỉ một lần")
        confirm = (await admin.receive(4))[3]
        await admin.press_label(confirm, "Gửi")
        await admin.receive(2)
        _, first_ask = await approver.receive(2)  # the preview of the old text, the question

        # The admin (no approver) changes the text before the approver decided.
        await admin.send("/suahen 1")
        shown, ask = await admin.receive(2)
        assert shown["text"] == old and "Hãy gửi nội dung mới" in ask["text"]
        await admin.send(old)  # the same text again changes nothing, and the form stays
        same, _, again = await admin.receive(3)  # the reason, then the content and question again
        assert "giống hệt nội dung cũ" in same["text"] and "Hãy gửi nội dung mới" in again["text"]
        await admin.send(new)
        assert "cần người duyệt đồng ý lại" in (await admin.receive_one())["text"]
        preview, second_ask = await approver.receive(2)
        assert preview["text"] == new
        assert "vừa được Lê Văn Quản sửa nội dung" in second_ask["text"]

        # "Duyệt" on the question about the old text approves nothing.
        update = await approver.press_label(first_ask, "Duyệt")
        assert await approver.nothing_more(update) == []
        assert "vừa được sửa" in (await tg.call("callback_answers"))[-1]["text"]
        async with loa.sessions() as session:
            b = await session.get(Broadcast, 1)
            assert (b.state, b.revision, b.content) == (
                BroadcastState.AWAITING_APPROVAL, 1, {"text": new})
        await approver.press_label(second_ask, "Duyệt")
        decided = await approver.receive(2)
        assert any("Đã duyệt bản tin #1: sẽ gửi lúc 07:00 24/11/2026" in m["text"]
                   for m in decided), decided
        await admin.receive_one()  # the author is told

        # The approver changes it once more, to a photo: an approver's own content, no wait.
        await approver.send("/suahen 1")
        await approver.receive(2)
        await approver.send_photo(photo_jpeg(3), caption="Ảnh ra quân sáng thứ Ba")
        assert "Đã sửa nội dung bản tin #1: Loa sẽ gửi nội dung mới lúc 07:00 24/11/2026" in (
            await approver.receive_one())["text"]
        assert "vừa được Trần Thị Duyệt sửa nội dung" in (await admin.receive_one())["text"]
        await approver.send("/lichsu")
        assert "#1 · hẹn 07:00 24/11/2026 · đã hẹn giờ" in (await approver.receive_one())["text"]
        await approver.send("/doihen 1 28/11/2026 07:00")  # a day off: allowed, warned
        moved = (await approver.receive_one())["text"]
        assert "28/11/2026 là Thứ Bảy, ngày nghỉ" in moved and "Đã đổi" in moved
        await approver.send("/doihen 1 24/11/2026 07:00")  # back: a public holiday, said so
        assert "24/11/2026 là ngày nghỉ lễ (Ngày Văn hóa Việt Nam)" in (
            await approver.receive_one())["text"]
        await admin.send("/suahen 99")
        assert "Không có bản tin #99" in (await admin.receive_one())["text"]

    everyone = [*chats, officer.id]
    clock.set(local(2026, 11, 24, 7) + timedelta(seconds=20))
    async with scheduling_loa(db_url, fake_server, tmp_path, clock) as loa:
        for _ in range(400):
            photos = {s["chat_id"] for s in await tg.sent() if s["method"] == "sendPhoto"
                      and s.get("caption") == "Ảnh ra quân sáng thứ Ba"}
            if set(everyone) <= photos:
                break
            await asyncio.sleep(0.05)
        assert set(everyone) <= photos
        async with loa.sessions() as session:
            actions = list(await session.scalars(select(AuditEntry.action).where(
                AuditEntry.object_kind == "broadcast").order_by(AuditEntry.id)))
    sent = await tg.sent()
    assert not any(s.get("text") in (old, new) and s["chat_id"] in everyone for s in sent)
    assert actions == ["broadcast.created", "broadcast.edited", "broadcast.approved",
                       "broadcast.edited", "broadcast.rescheduled", "broadcast.rescheduled",
                       "broadcast.started"]


async def test_editing_follows_the_two_person_rule(db_url, fake_server, tmp_path):
    """The rule for a changed content, at the service: the operator's change waits again, the
    author never approves it, an approval of the version before is refused, an approver's
    change stays approved, a started broadcast cannot be changed."""
    from bot.domain.audit import Actor
    from bot.services import Scope
    from bot.store.models import Officer

    clock = FrozenClock(MORNING)
    config = console_config(db_url, fake_server, tmp_path)  # the two-person rule on
    loa = await loa_app.build(config, clock=clock)
    try:
        await seed_units(loa)
        await make_officers(loa, None, 2, register=False)
        await make_officers(loa, None, 2, first_id=800_000, role=Role.APPROVER, register=False)
        async with loa.sessions() as session:
            first, second = [o.id for o in await session.scalars(
                select(Officer).where(Officer.role == Role.APPROVER).order_by(Officer.id))]

        def as_officer(session, officer_id):
            async def scope():
                officer = await session.get(Officer, officer_id)
                return Scope(session, clock, config, loa.texts, Actor.of(officer))
            return scope()

        async with loa.sessions() as session, session.begin():  # written by the first approver
            scope = await as_officer(session, first)
            b = (await create_broadcast(scope, {"text": "Bản gốc"}, {},
                                        at=local(2026, 11, 24, 7))).broadcast
            assert b.state == BroadcastState.SCHEDULED
            edited = await edit_broadcast(operator_scope(loa, session), b.id, {"text": "Sửa 1"})
            assert edited.waiting and edited.approvers_asked == 1  # the second only: not the author
            assert (b.state, b.revision, b.decided_by) == (BroadcastState.AWAITING_APPROVAL, 1,
                                                           None)
            await edit_broadcast(operator_scope(loa, session), b.id, {"text": "Sửa 1b"})
        async with loa.sessions() as session:  # the question about "Sửa 1", unsent, is not sent
            questions = (await session.execute(select(Job.key, Delivery.state).join(
                Delivery, Delivery.job_id == Job.id).where(Job.kind == "approval"))).all()
        assert sorted(questions) == [("approval:bc:1:r1:ask", "skipped"),
                                     ("approval:bc:1:r1:preview", "skipped"),
                                     ("approval:bc:1:r2:ask", "pending"),
                                     ("approval:bc:1:r2:preview", "pending")]
        async with loa.sessions() as session, session.begin():
            with pytest.raises(Refused) as own:
                await decide_broadcast(await as_officer(session, first), b.id, True, revision=2)
            assert own.value.key == "approval.own_broadcast"
            with pytest.raises(Refused) as stale:
                await decide_broadcast(await as_officer(session, second), b.id, True, revision=1)
            assert stale.value.key == "scheduled.changed_since"
        async with loa.sessions() as session, session.begin():
            got, _ = await decide_broadcast(await as_officer(session, second), b.id, True,
                                            revision=2)
            assert got.state == BroadcastState.SCHEDULED and got.decided_by == second
            # An approver's change is the approver's own content: approved by them, no wait.
            edited = await edit_broadcast(await as_officer(session, second), b.id,
                                          {"text": "Sửa 2"})
            assert not edited.waiting and got.decided_by == second and got.revision == 3
        async with loa.sessions() as session:
            jobs = list(await session.scalars(select(Job.key).where(Job.kind == "approval")
                                              .order_by(Job.id)))
        assert jobs == ["approval:bc:1:r1:preview", "approval:bc:1:r1:ask",
                        "approval:bc:1:r2:preview", "approval:bc:1:r2:ask"]

        clock.set(local(2026, 11, 24, 7, 1))
        assert await start_due(loa.sessions, clock, config.timezone) == 1
        async with loa.sessions() as session, session.begin():
            with pytest.raises(Refused) as late:
                await edit_broadcast(operator_scope(loa, session), b.id, {"text": "Quá muộn"})
            assert late.value.key == "scheduled.not_changeable"
            payloads = {d.payload.get("text") for d in await session.scalars(
                select(Delivery).join(Job, Job.id == Delivery.job_id)
                .where(Job.kind == "broadcast"))}
        assert payloads == {"Sửa 2"}
    finally:
        await loa.close()


async def test_loa_down_at_the_time_sent_within_grace_else_missed_and_told(
        db_url, fake_server, tg, tmp_path):
    clock = FrozenClock(MORNING)  # Monday 23/11/2026, 09:00
    config = console_config(db_url, fake_server, tmp_path, two_person_rule="false",
                            scheduled_grace_hours="2")
    assert config.delivery.scheduled_grace_hours == 2
    loa = await loa_app.build(config, clock=clock)
    try:
        await seed_units(loa)
        chats = await make_officers(loa, tg, 3)
        admins = await make_officers(loa, tg, 1, first_id=880_000, role=Role.ADMIN)
        ids = {}
        async with loa.sessions() as session, session.begin():
            scope = operator_scope(loa, session)
            for name, hour, yearly in (("missed", 5, True), ("edge", 6, False),
                                       ("late", 7, False), ("later", 9, False)):
                ids[name] = (await create_broadcast(scope, {"text": f"Bản tin {name}"}, {},
                                                    at=local(2026, 11, 24, hour),
                                                    yearly=yearly)).broadcast.id
    finally:
        await loa.close()

    # Loa was not running from Monday until Tuesday 08:00.
    clock.set(local(2026, 11, 24, 8))
    everyone = [*chats, *admins]
    notice = "Bản tin #1 hẹn gửi lúc 05:00 24/11/2026 đã không được gửi"
    async with running_loa(config, clock) as run:
        for name in ("edge", "late"):  # two hours late exactly, one hour late: sent
            assert await received(tg, everyone, f"Bản tin {name}") == {c: 1 for c in everyone}
        for _ in range(400):  # the notice to the admin, polled (it is queued with the others)
            notices = [s for s in await tg.sent(admins[0]) if notice in (s.get("text") or "")]
            if notices:
                break
            await asyncio.sleep(0.05)
        assert len(notices) == 1 and "trễ quá 2 giờ" in notices[0]["text"]
        async with run.sessions() as session:
            states = {b.id: b.state for b in await session.scalars(select(Broadcast))}
    assert states[ids["missed"]] == BroadcastState.MISSED
    assert states[ids["later"]] == BroadcastState.SCHEDULED

    async with running_loa(config, clock) as run:  # restarted: the missed one stays missed
        assert await start_due(run.sessions, clock, config.timezone, grace=timedelta(hours=2),
                               texts=run.texts) == 0
        async with run.sessions() as session:
            rows = {b.id: b for b in await session.scalars(select(Broadcast))}
            missed = await session.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.action == "broadcast.missed"))
    sent = await tg.sent()
    assert not any(s.get("text") == "Bản tin missed" for s in sent)
    assert sum(1 for s in sent if notice in (s.get("text") or "")) == 1  # told once
    assert not any(notice in (s.get("text") or "") for s in sent if s["chat_id"] in chats)
    assert missed == 1 and rows[ids["missed"]].job_id is None
    # A yearly one missed this year still waits for next year.
    following = [b for b in rows.values() if b.id not in ids.values()]
    assert [(b.state, b.scheduled_at) for b in following] == [
        (BroadcastState.SCHEDULED, local(2027, 11, 24, 5))]


async def test_key_date_and_content_change_from_the_command_line(db_url, fake_server, tg,
                                                                tmp_path):
    from bot.domain.campaigns import check_file, load
    from tests.unit.test_prompts import CAMPAIGNS

    today = datetime.now(VN).date()
    loa = await loa_app.build(make_config(db_url))  # real time, like the commands below
    try:
        await seed_units(loa)
        await make_officers(loa, tg, 2)
        await make_officers(loa, tg, 1, first_id=800_000, role=Role.APPROVER)
        campaign = check_file(CAMPAIGNS / "mau-ba-dot-2026.toml").model_copy(
            update={"start": today + timedelta(days=400), "end": today + timedelta(days=800)})
        async with loa.sessions() as session, session.begin():
            await load(session, loa.clock, campaign, "test")
    finally:
        await loa.close()
    config = tmp_path / "config.toml"  # the two-person rule on, as shipped
    config.write_text((ROOT / "config.toml").read_text().replace(
        'messages_dir = "messages"', f'messages_dir = "{ROOT / "messages"}"'))
    env = _env(db_url, fake_server.url, LOA_CONFIG=str(config))
    day = date(today.year, 2, 27)
    day = day if day >= today else date(today.year + 1, 2, 27)

    out = loa_cli(env, "broadcast", "send", "--text", "Chào mừng Ngày Thầy thuốc Việt Nam!",
                  "--key-date", "27/02", "--hour", "7h", "--yearly", "--yes")
    assert out.returncode == 0, out.stderr
    assert f"Ngày sự kiện {day:%d/%m/%Y}: Ngày Thầy thuốc Việt Nam" in out.stdout
    assert f"Hẹn gửi lúc 07:00 {day:%d/%m/%Y} (giờ Việt Nam), lặp lại hằng năm" in out.stdout
    by_name = loa_cli(env, "broadcast", "send", "--text", "x", "--key-date", "thay thuoc",
                      "--hour", "08:00")  # a part of the name, without diacritics; a preview
    assert by_name.returncode == 0 and f"08:00 {day:%d/%m/%Y}" in by_name.stdout, by_name.stderr
    unknown = loa_cli(env, "broadcast", "send", "--text", "x", "--key-date", "31/12",
                      "--hour", "07:00", "--yes")
    assert unknown.returncode == 2 and "Không có ngày sự kiện nào khớp" in unknown.stderr
    assert "Ngày Thầy thuốc Việt Nam" in unknown.stderr  # the choices are listed
    both = loa_cli(env, "broadcast", "send", "--text", "x", "--key-date", "27/02",
                   "--at", "2027-02-27 07:00", "--yes")
    assert both.returncode == 2 and "--key-date cùng --hour" in both.stderr

    edit = loa_cli(env, "broadcast", "change", "1", "--text", "Tri ân thầy thuốc (đã sửa)")
    assert edit.returncode == 0, edit.stderr
    assert "Đã sửa nội dung bản tin #1" in edit.stdout and "đồng ý lại" in edit.stdout
    assert "là Thứ Bảy, ngày nghỉ" in edit.stdout or day.weekday() < 5
    banner = tmp_path / "bang-ron.jpg"
    banner.write_bytes(photo_jpeg(7))
    photo = loa_cli(env, "broadcast", "change", "1", "--photo", str(banner))  # caption kept
    assert photo.returncode == 0 and "Đã sửa nội dung bản tin #1" in photo.stdout, photo.stderr
    monday = day + timedelta(days=(7 - day.weekday()) % 7 or 7)
    saturday = monday + timedelta(days=5)
    moved = loa_cli(env, "broadcast", "change", "1", "--at", f"{saturday:%d/%m/%Y} 07:00")
    assert moved.returncode == 0 and "Thứ Bảy, ngày nghỉ" in moved.stdout, moved.stderr
    nothing = loa_cli(env, "broadcast", "change", "1")
    assert nothing.returncode == 2 and "đổi gì" in nothing.stderr
    listing = loa_cli(env, "broadcast", "list").stdout
    assert f"#1 · hẹn 07:00 {saturday:%d/%m/%Y}, hằng năm · chờ duyệt" in listing, listing

    loa = await loa_app.build(make_config(db_url))
    try:
        async with loa.sessions() as session:
            b = await session.get(Broadcast, 1)
            actions = list(await session.scalars(select(AuditEntry.action).order_by(
                AuditEntry.id)))
    finally:
        await loa.close()
    assert (b.key_date, b.repeat_yearly, b.revision, b.content["caption"]) == (
        "Ngày Thầy thuốc Việt Nam", True, 2, "Tri ân thầy thuốc (đã sửa)")
    assert b.content["photo"].startswith("media:")
    assert b.state == BroadcastState.AWAITING_APPROVAL
    assert [a for a in actions if a.startswith("broadcast.")] == [
        "broadcast.created", "broadcast.edited", "broadcast.edited", "broadcast.rescheduled"]


async def test_content_changed_on_the_console(fake_server, tg, tmp_path):
    from tests.support.helpers import join, make_invite
    from tests.support.web_console import chromium, link_from_chat

    clock = FrozenClock(MORNING)  # Monday 23/11/2026, 09:00
    db_url = f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}"  # both databases: the tests above
    async with scheduling_loa(db_url, fake_server, tmp_path, clock) as loa:
        await seed_units(loa)
        admin = await join(tg, 4801, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị",
                           "Chuyên viên")
        approver = await join(tg, 4802, await make_invite(loa, "SYT", Role.APPROVER),
                              "Trần Thị Duyệt", "Phó Giám đốc")
        chats = await make_officers(loa, tg, 3)
        async with loa.sessions() as session, session.begin():
            await create_broadcast(operator_scope(loa, session), {"text": "Bản cũ trên web"}, {},
                                   at=local(2026, 11, 28, 7))  # a Saturday
        _, ask = await approver.receive(2)
        await approver.press_label(ask, "Duyệt")
        await approver.receive(2)
        new = "Băng rôn ra quân cuối tuần (đã sửa trên trang quản trị)"
        banner = tmp_path / "bang-ron.jpg"
        banner.write_bytes(photo_jpeg(5))
        link = await link_from_chat(admin)
        url = loa.config.http.public_url
        async with chromium() as browser:
            page = await (await browser.new_context(locale="vi-VN")).new_page()
            await page.goto(link)
            await page.get_by_role("button", name="Đăng nhập").click()
            await page.wait_for_url(f"{url}/")
            await page.goto(f"{url}/broadcasts")
            assert "28/11/2026 là Thứ Bảy, ngày nghỉ" in await page.inner_text("#broadcasts")
            await page.get_by_role("link", name="Xem, sửa").click()
            await page.wait_for_url(f"{url}/broadcasts/1")
            assert await page.inner_text("#current-text") == "Bản cũ trên web"
            assert "Thứ Bảy, ngày nghỉ" in await page.inner_text("#day-off")
            await page.locator("#text").fill("")
            await page.get_by_role("button", name="Lưu nội dung mới").click()
            assert "nội dung" in (await page.inner_text("[role=alert]")).lower()  # empty refused
            await page.locator("#text").fill(new)
            await page.locator("#photo").set_input_files(str(banner))
            await page.get_by_role("button", name="Lưu nội dung mới").click()
            await page.wait_for_url(f"{url}/broadcasts/1?saved=1")
            assert "cần người duyệt đồng ý lại" in await page.inner_text("#saved")
            assert "chờ duyệt" in await page.inner_text("#broadcast")
            assert await page.inner_text("#current-text") == new
            assert await page.locator("#current-photo").count() == 1

            # Moved to Sunday from the same page: the list warns of the day off.
            moving = page.locator("form[action='/broadcasts/1/schedule']")
            await moving.locator("input[name=at]").fill("2026-11-29T07:00")
            await moving.get_by_role("button", name="Đổi giờ").click()
            await page.wait_for_url(f"{url}/broadcasts")
            listed = await page.inner_text("#broadcasts")
            assert "hẹn 07:00 29/11/2026" in listed and "29/11/2026 là Chủ Nhật" in listed

        # The new photo and the question (a photo's upload may land after the question).
        preview, ask = sorted(await approver.receive(2), key=lambda m: m["method"] != "sendPhoto")
        assert preview["method"] == "sendPhoto" and preview["caption"] == new, (preview, ask)
        assert "vừa được Mai Quản Trị sửa nội dung" in ask["text"]
        await approver.press_label(ask, "Duyệt")
        await approver.receive(2)

        clock.set(local(2026, 11, 29, 7) + timedelta(seconds=30))
        everyone = {*chats, admin.id, approver.id}
        for _ in range(400):
            got = [s["chat_id"] for s in await tg.sent() if s["method"] == "sendPhoto"
                   and s.get("caption") == new and s["chat_id"] in everyone]
            if len(got) > len(everyone):  # the approver saw the preview too
                break
            await asyncio.sleep(0.05)
        # Each once (the approver's preview of the photo counted apart).
        assert sorted(got) == sorted([*everyone, approver.id])
        assert not any(s.get("text") == "Bản cũ trên web" and s["chat_id"] in chats
                       for s in await tg.sent())


async def test_instances_racing_start_or_miss_each_once(db_url, fake_server, tmp_path):
    """Three Loa instances on one database run the tick at once, many times, after Loa was
    down: each broadcast is started or marked missed exactly once, and each missed one told once."""
    clock = FrozenClock(MORNING)
    config = console_config(db_url, fake_server, tmp_path, two_person_rule="false")
    instances = [await loa_app.build(config, clock=clock) for _ in range(3)]
    first = instances[0]
    try:
        await seed_units(first)
        await make_officers(first, None, 4, register=False)
        await make_officers(first, None, 2, first_id=880_000, role=Role.ADMIN, register=False)
        async with first.sessions() as session, session.begin():
            for i in range(10):  # 04:00 … 08:30 on Tuesday, every half hour
                await create_broadcast(operator_scope(first, session), {"text": f"Bản tin {i}"},
                                       {}, at=local(2026, 11, 24, 4) + timedelta(minutes=30 * i))
        clock.set(local(2026, 11, 24, 9))  # grace 3 h: 06:00 and later go, earlier are missed
        grace = timedelta(hours=config.delivery.scheduled_grace_hours)
        results = []
        for _ in range(3):
            results += await asyncio.gather(*(start_due(i.sessions, clock, config.timezone,
                                                        grace=grace, texts=i.texts)
                                              for i in instances))
        assert sum(results) == 6
        async with first.sessions() as session:
            states = [b.state for b in await session.scalars(select(Broadcast).order_by(
                Broadcast.id))]
            notices = list(await session.scalars(select(Job.key).where(Job.kind == "notice")))
            told = await session.scalar(select(func.count()).select_from(Delivery).join(
                Job, Job.id == Delivery.job_id).where(Job.kind == "notice"))
            sent = await session.scalar(select(func.count()).select_from(Delivery).join(
                Job, Job.id == Delivery.job_id).where(Job.kind == "broadcast"))
        assert states == [BroadcastState.MISSED] * 4 + [BroadcastState.SENDING] * 6
        assert sorted(notices) == [f"missed:bc:{i}" for i in range(1, 5)]
        assert told == 4 * 2 and sent == 6 * 6  # two admins told; six people each
    finally:
        for i in instances:
            await i.close()
