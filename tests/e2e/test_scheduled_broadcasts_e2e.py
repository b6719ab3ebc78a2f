"""Scheduled broadcasts through chat and the web console, end to end: the two-person rule when
written, the time shown in /lichsu, the day-off warning, a campaign's key date, cancelling, and
sending once at the time (a frozen clock moved forward, never slept on)."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bot.core.clock import FrozenClock
from bot.domain.broadcasts import start_due
from bot.store.models import Broadcast, BroadcastState
from tests.conftest import MORNING, running_loa
from tests.e2e.test_broadcast_e2e import received, staff
from tests.e2e.test_scheduled_broadcasts import local
from tests.support.helpers import make_officers
from tests.support.texts import T, head, matches
from tests.support.web_console import console_config

pytestmark = pytest.mark.timeout(240)


@asynccontextmanager
async def scheduling_loa(db_url, fake_server, tmp_path, clock):
    config = console_config(db_url, fake_server, tmp_path)  # the two-person rule on
    async with running_loa(config, clock) as loa:
        yield loa


async def add_campaign(loa) -> None:
    """The sample campaign's key dates, the campaign itself starting later (so no daily prompts
    cross the conversation below)."""
    from bot.domain.campaigns import check_file, load
    from tests.unit.test_prompts import CAMPAIGNS

    campaign = check_file(CAMPAIGNS / "mau-ba-dot-2026.toml").model_copy(
        update={"start": date(2027, 6, 1), "end": date(2027, 12, 31)})
    async with loa.sessions() as session, session.begin():
        await load(session, loa.clock, campaign, "test")


async def to_confirm(user, text: str) -> dict:
    """/phatthanh, a text, everyone, every role: the confirmation question."""
    await user.send("/phatthanh")
    await user.receive_one()
    await user.send(text)
    await user.press_label(await user.receive_one(), "Tất cả đơn vị")
    await user.press_label((await user.receive(2))[1], "Mọi vai trò")
    _, _, confirm = await user.receive(3)
    return confirm


async def test_scheduled_in_chat_approved_when_written_sent_once_at_its_time(
        db_url, fake_server, tg, tmp_path):
    clock = FrozenClock(MORNING)  # Monday 23/11/2026, 09:00
    async with scheduling_loa(db_url, fake_server, tmp_path, clock) as loa:
        approver, admin, officer, chats = await staff(loa, tg)
        await add_campaign(loa)

        # An admin schedules a typed time: a time past is refused, the form carries on.
        text = "Chào mừng Ngày Thầy thuốc Việt Nam 27/02!"
        confirm = await to_confirm(admin, text)
        await admin.press_label(confirm, "Hẹn giờ")
        ask_when = (await admin.receive(2))[1]
        assert ask_when["text"] == T("scheduled.ask_when")
        assert [b["text"] for row in ask_when["buttons"] for b in row] == [
            T("scheduled.key_date_choice", day="15/12", name="Hội nghị tổng kết chiến dịch"),
            T("scheduled.key_date_choice", day="27/02", name="Ngày Thầy thuốc Việt Nam"),
            T("scheduled.key_date_choice", day="07/04", name="Ngày Sức khỏe toàn dân")]
        await admin.send("22/11/2026 07:00")
        past, again = await admin.receive(2)  # the reason, then the question again
        assert past["text"].startswith(head("scheduled.past") + "07:00 22/11/2026"), past
        assert matches(past["text"], "scheduled.past"), past
        assert again["text"] == T("scheduled.ask_when")
        await admin.send("mai nhé")
        assert (await admin.receive(2))[0]["text"] == T("scheduled.bad_when", text="mai nhé")
        await admin.send("27/02/2027 07:00")
        await admin.press_label(await admin.receive_one(), "Chỉ một lần")
        _, _, when, confirm = await admin.receive(4)  # pressed, preview, time, question
        assert when["text"] == T("scheduled.confirm_when", when="07:00 27/02/2027", yearly="",
                                 warning="\n" + T("scheduled.day_off_weekend", day="27/02/2027",
                                                   weekday=T("scheduled.weekday_5")))  # allowed
        assert "người duyệt" in confirm["text"]
        await admin.press_label(confirm, "Gửi")
        reply = (await admin.receive(2))[1]
        assert reply["text"] == T("scheduled.waiting_approval", id=1, when="07:00 27/02/2027",
                                  yearly="")

        # The approver decides now, not at 07:00.
        preview, ask = await approver.receive(2)
        assert preview["text"] == text and "hẹn gửi lúc 07:00 27/02/2027" in ask["text"]
        await approver.press_label(ask, "Duyệt")
        decided = await approver.receive(2)
        assert T("scheduled.approved", id=1, when="07:00 27/02/2027") in [
            m["text"] for m in decided], decided
        author_told = await admin.receive_one()
        assert author_told["text"] == T("scheduled.author_approved", id=1, by="Trần Thị Duyệt",
                                        when="07:00 27/02/2027")

        # The approver schedules for the campaign's key date at 7h, yearly (no second person).
        yearly_text = "Tri ân thầy thuốc — hằng năm"
        confirm = await to_confirm(approver, yearly_text)
        await approver.press_label(confirm, "Hẹn giờ")
        ask_when = (await approver.receive(2))[1]
        await approver.press_label(ask_when, T("scheduled.key_date_choice", day="27/02",
                                               name="Ngày Thầy thuốc Việt Nam"))
        ask_hour = (await approver.receive(2))[1]
        assert ask_hour["text"] == T("scheduled.ask_hour", day="27/02/2027",
                                     name="Ngày Thầy thuốc Việt Nam")
        await approver.send("7h")
        await approver.press_label(await approver.receive_one(), "Lặp lại hằng năm")
        _, _, when, confirm = await approver.receive(4)
        assert matches(when["text"], "scheduled.confirm_when")
        assert "07:00 27/02/2027 (giờ Việt Nam)" + T("scheduled.yearly_suffix") in when["text"]
        await approver.press_label(confirm, "Gửi")
        assert (await approver.receive(2))[1]["text"] == T(
            "scheduled.scheduled", id=2, when="07:00 27/02/2027", yearly=T("scheduled.yearly_suffix"))

        # A third, cancelled with /huyhen: never sent.
        confirm = await to_confirm(approver, "Bản tin sẽ bị huỷ")
        await approver.press_label(confirm, "Hẹn giờ")
        await approver.receive(2)
        await approver.send("26/02/2027 16:00")
        await approver.press_label(await approver.receive_one(), "Chỉ một lần")
        _, _, when, confirm = await approver.receive(4)
        assert "ngày nghỉ" not in when["text"]  # a Friday
        await approver.press_label(confirm, "Gửi")
        await approver.receive(2)

        await approver.send("/lichsu")
        listing = (await approver.receive_one())["text"]
        assert "#1 · hẹn 07:00 27/02/2027 · đã hẹn giờ" in listing, listing
        assert "#2 · hẹn 07:00 27/02/2027, lặp lại hằng năm" in listing
        assert "#3 · hẹn 16:00 26/02/2027" in listing and "/doihen" in listing
        await approver.send("/doihen 3 26/02/2027 17:00")
        assert (await approver.receive_one())["text"] == T("scheduled.changed", id=3,
                                                            when="17:00 26/02/2027", warning="")
        await approver.send("/doihen 3 hôm qua")
        assert (await approver.receive_one())["text"] == T("scheduled.change_usage")
        await approver.send("/huyhen 3")
        assert (await approver.receive_one())["text"] == T("scheduled.cancelled", id=3,
                                                            when="17:00 26/02/2027")
        await approver.send("/huyhen 3")
        assert matches((await approver.receive_one())["text"], "scheduled.not_changeable")
        assert not any(s.get("text") in (text, yearly_text) for s in await tg.sent(chats[0]))

        newcomer = await make_officers(loa, tg, 1, first_id=910_000)  # joins before the day

    everyone = [*chats, officer.id, *newcomer]
    clock.set(local(2027, 2, 27, 7) + timedelta(seconds=20))
    async with scheduling_loa(db_url, fake_server, tmp_path, clock) as loa:  # after a restart
        for t in (text, yearly_text):
            assert await received(tg, everyone, t) == {c: 1 for c in everyone}
        async with loa.sessions() as session:
            rows = {b.id: b for b in await session.scalars(select(Broadcast))}
    assert rows[3].state == BroadcastState.CANCELLED
    assert not any(s.get("text") == "Bản tin sẽ bị huỷ" and s["chat_id"] in everyone
                   for s in await tg.sent())  # (its author saw the preview)
    assert {rows[1].state, rows[2].state} <= {BroadcastState.SENDING, BroadcastState.DONE}
    following = [b for b in rows.values() if b.id > 3]
    assert [(b.state, b.scheduled_at, b.key_date) for b in following] == [
        (BroadcastState.SCHEDULED, local(2028, 2, 27, 7), "Ngày Thầy thuốc Việt Nam")]


async def test_scheduled_on_the_console_changed_cancelled_sent_at_the_new_time(
        fake_server, tg, tmp_path):
    from bot.store.models import Role
    from tests.support.helpers import join, make_invite, seed_units
    from tests.support.web_console import chromium, link_from_chat, signed_in

    clock = FrozenClock(MORNING)  # Monday 23/11/2026, 09:00
    db_url = f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}"  # both databases: the tests above
    async with scheduling_loa(db_url, fake_server, tmp_path, clock) as loa:
        await seed_units(loa)
        admin = await join(tg, 4701, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị",
                           "Chuyên viên")
        approver = await join(tg, 4702, await make_invite(loa, "SYT", Role.APPROVER),
                              "Trần Thị Duyệt", "Phó Giám đốc")
        chats = await make_officers(loa, tg, 3)
        await add_campaign(loa)
        link = await link_from_chat(admin)
        url = loa.config.http.public_url
        text, dropped = "Ra quân vệ sinh môi trường sáng thứ Hai", "Bản tin web sẽ bị huỷ"
        async with chromium() as browser:
            page = await signed_in(browser, link, url)

            await page.goto(f"{url}/broadcasts/new")
            await page.locator("#text").fill(text)
            await page.locator("#at").fill("2026-11-22T07:00")  # yesterday: refused, text kept
            await page.get_by_role("button", name="Xem trước").click()
            assert "đã qua" in await page.inner_text("[role=alert]")
            assert await page.locator("#text").input_value() == text
            await page.locator("#at").fill("2026-11-28T07:00")  # a Saturday
            await page.get_by_role("button", name="Xem trước").click()
            assert "Hẹn gửi lúc 07:00 28/11/2026" in await page.inner_text("#preview-when")
            assert "28/11/2026 là Thứ Bảy, ngày nghỉ" in await page.inner_text("#day-off")
            await page.get_by_role("button", name="Hẹn giờ gửi").click()
            await page.wait_for_url("**/broadcasts?new=1")
            row = await page.inner_text("#broadcasts")
            assert "hẹn 07:00 28/11/2026" in row and "chờ duyệt" in row

            await page.goto(f"{url}/broadcasts/new")
            await page.locator("#text").fill(dropped)
            await page.locator("#at").fill("2026-11-30T07:00")
            await page.get_by_role("button", name="Xem trước").click()
            await page.get_by_role("button", name="Hẹn giờ gửi").click()
            await page.wait_for_url("**/broadcasts?new=2")

            # A campaign's key date at an hour, every year.
            await page.goto(f"{url}/broadcasts/new")
            await page.locator("#text").fill("Tri ân thầy thuốc (trang quản trị)")
            await page.locator("#key_date").select_option(
                label="Ngày sự kiện 27/02/2027: Ngày Thầy thuốc Việt Nam")
            await page.locator("#hour").fill("7h")
            await page.locator("input[name=yearly]").check()
            await page.get_by_role("button", name="Xem trước").click()
            assert "Hẹn gửi lúc 07:00 27/02/2027 (giờ Việt Nam), lặp lại hằng năm" in (
                await page.inner_text("#preview-when"))
            assert "Thứ Bảy" in await page.inner_text("#day-off")
            await page.get_by_role("button", name="Hẹn giờ gửi").click()
            await page.wait_for_url("**/broadcasts?new=3")
            assert "hẹn 07:00 27/02/2027, lặp lại hằng năm" in await page.inner_text("#broadcasts")

            _, ask = await approver.receive(2)  # approved when written, in chat
            assert "hẹn gửi lúc 07:00 28/11/2026" in ask["text"]
            await approver.press_label(ask, "Duyệt")
            await approver.receive(2)
            for _ in range(200):  # the press is handled on its own time (the fake only queues it)
                async with loa.sessions() as session:
                    if (await session.get(Broadcast, 1)).state == BroadcastState.SCHEDULED:
                        break
                await asyncio.sleep(0.05)
            await page.goto(f"{url}/broadcasts")
            assert "đã hẹn giờ" in await page.inner_text("#broadcasts")

            # Moved to Monday 08:00, and the other cancelled, before either starts.
            first = page.locator("form[action='/broadcasts/1/schedule']")
            await first.locator("input[name=at]").fill("2026-11-30T08:00")
            await first.get_by_role("button", name="Đổi giờ").click()
            await page.wait_for_url(f"{url}/broadcasts")
            assert "hẹn 08:00 30/11/2026" in await page.inner_text("#broadcasts")
            second = page.locator("form[action='/broadcasts/2/schedule']")
            await second.get_by_role("button", name="Huỷ bản tin").click()
            await page.wait_for_url(f"{url}/broadcasts")
            assert "đã huỷ" in await page.inner_text("#broadcasts")

        clock.set(local(2026, 11, 28, 7) + timedelta(seconds=30))  # the old time: nothing
        assert await start_due(loa.sessions, clock, loa.config.timezone) == 0
        late = await make_officers(loa, tg, 1, first_id=920_000)  # joins before the new time
        clock.set(local(2026, 11, 30, 8) + timedelta(seconds=30))
        everyone = [*chats, *late, admin.id, approver.id]
        # The approver has the approval's preview (the text itself) besides the broadcast.
        want = {c: 1 for c in everyone} | {approver.id: 2}
        assert await received(tg, everyone, text, want=want) == want
        got_dropped = [s["chat_id"] for s in await tg.sent() if s.get("text") == dropped]
        assert got_dropped == [approver.id]  # only the approval preview, never the broadcast
        async with loa.sessions() as session:
            rows = {b.id: b for b in await session.scalars(select(Broadcast))}
        assert rows[1].recipients == 6  # 4 officers, the admin, the approver
        assert rows[2].state == BroadcastState.CANCELLED and rows[2].job_id is None
        assert (rows[3].scheduled_at, rows[3].repeat_yearly, rows[3].key_date) == (
            local(2027, 2, 27, 7), True, "Ngày Thầy thuốc Việt Nam")
