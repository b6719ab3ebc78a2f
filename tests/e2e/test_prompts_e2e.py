"""The daily prompt over the fake Bot API: its buttons, snoozing, a restart at 07:31, slogans."""

from __future__ import annotations

import asyncio
import datetime as dt
import time

from sqlalchemy import select

from bot.domain.campaigns import check_file, load
from bot.store.models import Delivery, Job, PromptAction, Slogan, SloganState
from tests.conftest import ROOT, running_loa, telegram_env
from tests.support.helpers import audit_log, join, make_invite, make_officers, seed_units
from tests.support.texts import T, head
from tests.support.waits import PROMPTS, settled

VN = dt.timezone(dt.timedelta(hours=7))
DAY = dt.date(2026, 11, 23)  # a Monday, a working day
BUTTONS = ["📷 Báo cáo hoạt động", "✅ Đã thực hiện", "⏰ Nhắc lại sau"]


def prompt_config(db_url, fake_server, tmp_path, rate: float = 200):
    from bot.app import load_config

    cfg = tmp_path / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n'
                   f"[delivery]\nrate_per_second = {rate}\n[prompts]\ntick_seconds = 0.1\n")
    return load_config(cfg, {"DATABASE_URL": db_url, **telegram_env(fake_server)})


def at(clock, hh: int, mm: int, ss: int = 0) -> None:
    clock.set(dt.datetime.combine(DAY, dt.time(hh, mm, ss), tzinfo=VN))


async def load_sample(loa) -> None:
    """The three-level unit tree and the sample campaign."""
    await seed_units(loa)
    async with loa.sessions() as session, session.begin():
        await load(session, loa.clock, check_file(
            ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "test")


def labels(message) -> list[str]:
    return [b["text"] for row in message["buttons"] for b in row]


async def test_prompt_buttons_snooze_and_done(db_url, fake_server, tg, clock, tmp_path):
    at(clock, 7, 0)
    async with running_loa(prompt_config(db_url, fake_server, tmp_path), clock) as loa:
        await load_sample(loa)
        user = await join(tg, 4201, await make_invite(loa, "TYTBC"), "Lê Thị Hoa", "Y sĩ")
        await settled(loa, PROMPTS)
        assert await tg.sent(user.id, after=user.seen) == []  # 07:00: not yet

        at(clock, 7, 30)
        prompt = await user.receive_one()
        assert prompt["text"].startswith(T("prompt.greeting", weekday="Thứ Hai", date="23/11/2026"))
        assert "Đợt 3: Duy trì và tổng kết — còn 38 ngày" in prompt["text"]
        assert labels(prompt) == BUTTONS

        press = await user.press_label(prompt, "⏰ Nhắc lại sau")
        edited, answer = await user.receive(2)
        assert edited["message_id"] == prompt["message_id"] and edited["buttons"] == []
        assert edited["text"].endswith("» " + T("prompt.snooze_mark", time="09:30"))
        assert answer["text"] == T("prompt.snoozed", time="09:30")
        assert await user.nothing_more(press) == []
        await settled(loa, PROMPTS)  # still nothing before 09:30
        assert await tg.sent(user.id, after=user.seen) == []

        clock.advance(dt.timedelta(hours=2))
        again = await user.receive_one()
        assert again["text"] == prompt["text"] and labels(again) == BUTTONS

        await user.press_label(again, "✅ Đã thực hiện")
        edited, answer = await user.receive(2)
        assert edited["text"].endswith("» " + T("prompt.done_mark"))
        assert answer["text"] == T("prompt.done_ack")
        async with loa.sessions() as session:
            actions = (await session.execute(select(PromptAction.day, PromptAction.action)
                                             .order_by(PromptAction.id))).all()
        assert actions == [(DAY, "snooze"), (DAY, "done")]

        # A second tap that raced the edit (buttons still on screen):
        twice = await user.press(again["message_id"], again["buttons"][1][0]["data"], forge=True)
        assert (await user.receive_one())["text"] == T("prompt.already_done")
        assert await user.nothing_more(twice) == []


async def test_someone_elses_prompt_button_changes_nothing(db_url, fake_server, tg, clock,
                                                           tmp_path):
    at(clock, 7, 30)
    async with running_loa(prompt_config(db_url, fake_server, tmp_path), clock) as loa:
        await load_sample(loa)
        user = await join(tg, 4202, await make_invite(loa, "TYTBC"), "Lê Văn Nam", "Y sĩ")
        prompt = await user.receive_one()
        stranger = await join(tg, 4203, await make_invite(loa, "TYTBC"), "Trần Văn B", "Y sĩ")
        await stranger.receive_one()  # their own prompt: joined after 07:30, inside the window
        forged = await stranger.press(prompt["message_id"], "pr:20261122:d", forge=True)
        assert await stranger.nothing_more(forged) == []
        async with loa.sessions() as session:
            assert (await session.scalars(select(PromptAction))).all() == []


async def test_restart_at_0731_sends_each_prompt_once(db_url, fake_server, tg, clock, tmp_path):
    """Loa is stopped while the 07:30 prompts go out (10 a second) and started again at 07:31:
    those already served get nothing more, the others get theirs."""
    at(clock, 7, 0)
    config = prompt_config(db_url, fake_server, tmp_path, rate=10)
    async with running_loa(config, clock) as loa:
        await load_sample(loa)
        chats = await make_officers(loa, tg, 40)
        at(clock, 7, 30, 5)
        deadline = time.monotonic() + 20
        while len(await tg.call("counts")) < 8:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
    first = await tg.call("counts")
    assert 8 <= len(first) < 40
    at(clock, 7, 31)
    async with running_loa(config, clock) as loa:
        deadline = time.monotonic() + 30
        while len(await tg.call("counts")) < 40:
            assert time.monotonic() < deadline, await tg.call("counts")
            await asyncio.sleep(0.1)
        await settled(loa, PROMPTS)  # anything extra would have gone by now
        async with loa.sessions() as session:
            states = (await session.scalars(select(Delivery.state).join(Job).where(
                Job.key == f"prompt:{DAY}"))).all()
    counts = await tg.call("counts")
    assert sorted(int(c) for c in counts) == chats
    assert set(counts.values()) == {1}
    assert sorted(states) == ["sent"] * 40


async def test_a_slogan_retired_after_queueing_never_goes_out(db_url, fake_server, tg, clock,
                                                              tmp_path):
    at(clock, 7, 0)
    async with running_loa(prompt_config(db_url, fake_server, tmp_path), clock) as loa:
        await load_sample(loa)
        (chat,) = await make_officers(loa, tg, 1)
        loa.channels.pop("telegram")  # queue without sending: the channel is away
        at(clock, 7, 30)
        deadline = time.monotonic() + 10
        while True:
            async with loa.sessions() as session:
                row = await session.scalar(select(Delivery).join(Job).where(
                    Job.key == f"prompt:{DAY}"))
            if row is not None:
                break
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
        assert row.payload["slogans"]
        async with loa.sessions() as session, session.begin():
            for slogan in await session.scalars(select(Slogan).where(
                    Slogan.id.in_(row.payload["slogans"]))):
                slogan.state = SloganState.RETIRED.value
                retired = slogan.text
        assert retired in row.payload["text"]
        from bot.app import create_channel

        channel = create_channel(loa, "telegram")
        await channel.open()
        loa.channels["telegram"] = channel
        loa.outbox.wake()
        user = await tg.user(chat)
        message = await user.receive_one()
        await channel.close()
    assert retired not in message["text"] and "Khẩu hiệu" not in message["text"]
    assert labels(message) == BUTTONS


async def test_officer_settings_time_mute_unmute(db_url, fake_server, tg, clock, tmp_path):
    at(clock, 7, 0)
    async with running_loa(prompt_config(db_url, fake_server, tmp_path), clock) as loa:
        await load_sample(loa)
        user = await join(tg, 4204, await make_invite(loa, "TYTBC"), "Phạm Thu", "Y sĩ")
        for text, reply in [
            ("/gio", T("prompt.time_usage", time="07:30", default="07:30")),
            ("/gio 25:00", T("prompt.time_bad", got="25:00")),
            ("/gio 4:30", T("prompt.time_bad", got="4:30")),
            ("/gio 8h15", T("prompt.time_set", time="08:15", when=T("prompt.date_today"))),
            ("/tatnhac", T("prompt.mute_usage")),
            ("/tatnhac 0", T("prompt.mute_bad", got="0")),
            ("/tatnhac abc", T("prompt.mute_bad", got="abc")),
            ("/batnhac", T("prompt.not_muted")),
        ]:
            await user.send(text)
            assert (await user.receive_one())["text"] == reply, text
        at(clock, 7, 45)
        await settled(loa, PROMPTS)
        assert await tg.sent(user.id, after=user.seen) == []  # 08:15 now
        at(clock, 8, 15)
        assert labels(await user.receive_one()) == BUTTONS

        await user.send("/tatnhac 2")
        assert (await user.receive_one())["text"] == T(
            "prompt.muted", days=2, until="25/11/2026")  # 24/11 is a day off
        async with loa.sessions() as session:
            from bot.store.models import Officer

            officer = await session.scalar(select(Officer).where(Officer.full_name == "Phạm Thu"))
            assert officer.muted_until == dt.date(2026, 11, 25) and officer.prompt_time == "08:15"
        await user.send("/batnhac")
        assert (await user.receive_one())["text"] == T("prompt.unmuted")


async def test_admin_approves_and_retires_campaign_slogans(db_url, fake_server, tg, clock,
                                                           tmp_path):
    from bot.store.models import Role

    at(clock, 7, 0)
    async with running_loa(prompt_config(db_url, fake_server, tmp_path), clock) as loa:
        await load_sample(loa)
        admin = await join(tg, 4301, await make_invite(loa, "SYT", Role.ADMIN), "Ngô Quản Trị",
                           "Chuyên viên")
        officer = await join(tg, 4302, await make_invite(loa, "TYTBC"), "Đỗ Cán Bộ", "Y sĩ")

        await officer.send("/dskhauhieu")
        assert (await officer.receive_one())["text"] == T("errors.not_allowed",
                                                           who=T("errors.allowed_approver"))
        await admin.send("/dskhauhieu")
        listing = await admin.receive_one()
        assert "KH1 (đã duyệt): “Sống xanh - sống lành - sống khỏe!”" in listing["text"]
        assert "KH3 (chờ duyệt): “Giảm muối, giảm đường - Sống khỏe mỗi ngày!”" in listing["text"]
        assert "Khẩu hiệu cũ không dùng nữa" not in listing["text"]
        assert labels(listing) == [T("slogan.retire_n", id=1), T("slogan.retire_n", id=2), "Duyệt KH3"]

        # An officer forging the admins' buttons changes nothing.
        for data in ("sr:1", "sl:3:ok"):
            forged = await officer.press(listing["message_id"], data, forge=True)
            assert await officer.nothing_more(forged) == []

        await admin.press_label(listing, "Duyệt KH3")
        assert (await admin.receive(2))[1]["text"] == T("slogan.decided_approved", id=3)
        await admin.send("/dskhauhieu")
        await admin.press_label(await admin.receive_one(), "Ngừng dùng KH1")
        confirm = await admin.receive_one()  # one tap cannot be undone: asked first
        assert confirm["text"] == T("slogan.confirm_retire", id=1,
                                    text="Sống xanh - sống lành - sống khỏe!")
        await admin.press_label(confirm, "Ngừng dùng")
        assert (await admin.receive(2))[1]["text"] == T("slogan.retired", id=1,
                                                        text="Sống xanh - sống lành - sống khỏe!")
        async with loa.sessions() as session:
            states = dict((await session.execute(select(Slogan.id, Slogan.state))).all())
        assert states == {1: "retired", 2: "approved", 3: "approved", 4: "retired"}
        assert await audit_log(loa) == [
            ("slogan.approved", "officer", "Ngô Quản Trị", "slogan:3"),
            ("slogan.retired", "officer", "Ngô Quản Trị", "slogan:1")]

        used = set()
        for day in (23, 25, 26, 27):  # four working days (24/11 is a day off)
            clock.set(dt.datetime(2026, 11, day, 7, 30, tzinfo=VN))
            prompt = await officer.receive_one()
            used |= {line for line in prompt["text"].splitlines() if line.startswith(head("prompt.slogan"))}
        assert used == {T("prompt.slogan", text="Tập thể dục mỗi ngày - Khỏe thân, bền trí!"),
                        T("prompt.slogan", text="Giảm muối, giảm đường - Sống khỏe mỗi ngày!")}


async def test_the_telegram_menu_has_the_officers_commands(loa, tg):
    menu = {c["command"]: c["description"] for c in (await tg.state())["commands"]}
    assert menu["baocao"] == "báo cáo hoạt động (hoặc gửi ảnh kèm chú thích)"
    assert {"help", "cuatoi", "gio", "tatnhac", "batnhac", "khauhieu"} <= set(menu)
    assert not {"thongke", "xetduyet", "phatthanh", "donvi"} & set(menu)  # admins' are not


async def test_today_shows_the_days_message_again(db_url, fake_server, tg, clock, tmp_path):
    at(clock, 7, 0)
    async with running_loa(prompt_config(db_url, fake_server, tmp_path), clock) as loa:
        await load_sample(loa)
        user = await join(tg, 4205, await make_invite(loa, "TYTBC"), "Lý Thu", "Y sĩ")
        await user.send("/homnay")
        early = await user.receive_one()
        assert early["text"].startswith(T("prompt.greeting", weekday="Thứ Hai", date="23/11/2026"))
        assert labels(early) == []  # not sent yet: buttons would have nothing to answer for
        at(clock, 7, 30)
        prompt = await user.receive_one()
        assert prompt["text"] == early["text"]  # the same theme and slogan as announced
        await user.send("/homnay")
        again = await user.receive_one()
        assert again["text"] == prompt["text"] and labels(again) == BUTTONS
        clock.set(dt.datetime(2026, 11, 28, 9, 0, tzinfo=VN))
        await user.send("/homnay")
        assert (await user.receive_one())["text"].startswith(
            "Hôm nay là ngày nghỉ (cuối tuần): không có nhắc việc.")
