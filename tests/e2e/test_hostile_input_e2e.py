"""Hostile and malformed input: nothing a user or the platform sends stops Loa or passes through
it (odd digits, huge ids, NUL, invisible characters, updates the library cannot read, file paths
that point at this machine, files that are gone or too big)."""

from __future__ import annotations

import base64
import datetime as dt
import logging

import httpx
import pytest
from sqlalchemy import select, update

from bot import app as loa_app
from bot.channels import Rejected, TooLarge
from bot.channels.memory import MemoryChannel
from bot.core.events import PhotoOut, PhotoRef
from bot.domain.officers import make_admin
from bot.domain.photos import PhotoFetcher
from bot.store.models import Delivery, Identity, Officer, Report, ReportPhoto, Slogan
from tests.conftest import ROOT, make_config, running_loa, session_of, telegram_env
from tests.e2e.test_prompts_e2e import at, load_sample, prompt_config
from tests.support.helpers import join, make_invite, make_officers, officer_of, seed_units

APOLOGY = "Xin lỗi, Loa gặp sự cố"
EXPIRED = "không còn hiệu lực"
JPEG = bytes.fromhex("ffd8ffe000104a464946") + b"\x07" * 2000 + bytes.fromhex("ffd9")


def errors(records: list[logging.LogRecord]) -> list[str]:
    return [r.getMessage() for r in records if r.levelno >= logging.ERROR or r.exc_info]


async def apologies(tg, *user_ids: int) -> list[str]:
    return [m["text"] for uid in user_ids for m in await tg.sent(uid)
            if APOLOGY in (m.get("text") or "")]


# -- /gio and the prompt tick --------------------------------------------------------------------

async def test_gio_with_other_digits_is_refused_and_every_officer_still_gets_the_prompt(
        db_url, fake_server, tg, clock, tmp_path):
    at(clock, 7, 0)
    async with running_loa(prompt_config(db_url, fake_server, tmp_path), clock) as loa:
        await load_sample(loa)
        code = await make_invite(loa, "TYTBC", uses=3)
        hoa = await join(tg, 4301, code, "Lê Thị Hoa", "Y sĩ")
        an = await join(tg, 4302, code, "Trần Văn An", "Y sĩ")
        binh = await join(tg, 4303, code, "Phạm Thị Bình", "Y sĩ")
        for bad in ("1٩:0٠", "０７:３０", "7²:00", "٠٧h٣٠"):
            await hoa.send(f"/gio {bad}")
            assert "chưa đúng" in (await hoa.receive_one())["text"], bad
        assert (await officer_of(loa, hoa.id)).prompt_time is None

        # A value stored before /gio checked its digits: that officer alone is skipped.
        an_id = (await officer_of(loa, an.id)).id
        async with session_of(loa) as session:
            await session.execute(update(Officer).where(Officer.id == an_id)
                                  .values(prompt_time="1٩:0٠"))
        at(clock, 7, 30)
        for user in (hoa, binh):
            prompt = await user.receive_one()
            assert prompt["text"].startswith("☀️ Việc truyền thông hôm nay"), prompt
        async with loa.sessions() as session:
            skipped = await session.scalar(select(Delivery).where(Delivery.officer_id == an_id))
        assert skipped is not None and skipped.state == "skipped"
        assert await tg.sent(an.id, after=an.seen) == []


async def test_gio_macdinh_goes_back_to_the_default_time(loa, tg):
    await seed_units(loa)
    hoa = await join(tg, 4311, await make_invite(loa, "TYTBC"), "Lê Thị Hoa", "Y sĩ")
    for typed, expected in [("/gio 6h45", "lúc 06:45"), ("/gio macdinh", "giờ nhắc chung: 07:30"),
                            ("/gio 7h", "lúc 07:00"), ("/gio mặc định", "giờ nhắc chung: 07:30")]:
        await hoa.send(typed)
        assert expected in (await hoa.receive_one())["text"], typed
    assert (await officer_of(loa, hoa.id)).prompt_time is None


# -- digits and ids ------------------------------------------------------------------------------

async def test_odd_digits_and_huge_ids_get_a_clear_answer_never_an_apology(loa, tg, log_records):
    await seed_units(loa)
    boss = await tg.user(4320, "Sếp")
    async with session_of(loa) as session:
        await make_admin(session, loa.clock, "telegram", str(boss.id))
    for uses in ("²", "٣", "99999999999999999999999"):
        await boss.send(f"/moi TYTBC canbo {uses}")
        assert "Số lượt dùng phải là số nguyên" in (await boss.receive_one())["text"]

    hoa = await join(tg, 4321, await make_invite(loa, "TYTBC"), "Lê Thị Hoa", "Y sĩ")
    for days in ("²", "٣", "3000000000"):
        await hoa.send(f"/tatnhac {days}")
        assert "Số ngày" in (await hoa.receive_one())["text"]

    await hoa.send("/baocao")
    activity = await hoa.receive_one()
    await hoa.send("²")  # typed at a choice
    refusal, again = await hoa.receive(2)
    assert "trả lời bằng số từ 1 đến" in refusal["text"] and again["text"] == activity["text"]
    await hoa.press(activity["message_id"], activity["buttons"][0][0]["data"])
    await hoa.receive(2)  # the question answered, and the next one
    await hoa.send("Tuyên truyền rửa tay tại trạm")
    day = await hoa.receive_one()
    await hoa.press(day["message_id"], day["buttons"][0][0]["data"])
    await hoa.receive(2)
    for participants in ("1²", "١٢"):
        await hoa.send(participants)
        refusal, _ = await hoa.receive(2)
        assert "chưa phải một số" in refusal["text"], participants

    stranger = await tg.user(4322, "Khách")
    await stranger.send("xin chào")
    hint = await stranger.receive_one()
    answered_before = len(await tg.call("callback_answers"))
    forged = ["rp:²:edit", "rp:99999999999999999999:edit", "rp:3000000000:edit", "rp:-1:del",
              "bc:²:ok", "bc:3000000000:ok", "sl:²:ok", "sr:99999999999999999999", "rv:²:ok",
              "rv:3000000000:more", "pr:²٠٢٦١١٢٣:d", "pr:99999999:d", "x" * 200]
    for who, message in ((hoa, again), (stranger, hint), (boss, None)):
        if message is None:
            await boss.send("/help")
            message = await boss.receive_one()
        for data in forged:
            press = await who.press(message["message_id"], data, forge=True)
            await tg.wait_confirmed(press["update_id"])
    answers = (await tg.call("callback_answers"))[answered_before:]
    assert len(answers) == 3 * len(forged)
    assert all(a["text"] and APOLOGY not in a["text"] for a in answers), answers
    assert await apologies(tg, boss.id, hoa.id, stranger.id) == []
    assert errors(log_records.records) == []


# -- invisible characters and NUL ----------------------------------------------------------------

async def test_nul_zero_width_and_bidi_characters_never_reach_the_database(loa, tg, log_records):
    await seed_units(loa)
    lan = await tg.user(4331, "Lan\x00", "\u202eNguyễn\u200b")
    await lan.send(f"/start {await make_invite(loa, 'TYTBC')}")
    await lan.press_label(await lan.receive_one(), "Đúng")
    await lan.receive(2)
    await lan.send("Nguyễn\x00 Thị\u200b Lan\u2066")
    await lan.receive_one()
    await lan.send("Y\u202e sĩ\ufeff")
    assert "Chào mừng Nguyễn Thị Lan" in (await lan.receive_one())["text"]

    for text in ("Rửa tay bằng xà phòng", "Rửa\u200b tay bằng xà phòng",
                 "Rửa tay bằng\u2060 xà phòng\u202e", "\u2067Rửa tay bằng xà phòng\x00"):
        await lan.send(f"/khauhieu {text}")
        await lan.receive_one()
    assert "đã có" in (await tg.sent(lan.id))[-1]["text"]

    await lan.send("\ud83d xin chào \x07")  # a lone surrogate and a bell, as a client may send
    assert APOLOGY not in (await lan.receive_one())["text"]
    await lan.send_photo(JPEG, caption="Treo\x00 băng rôn\u202e tại cổng\u200b trạm")
    question = await lan.receive_one()
    await lan.press(question["message_id"], question["buttons"][0][0]["data"])
    _, saved = await lan.receive(2)
    assert "Đã lưu báo cáo" in saved["text"]

    async with loa.sessions() as session:
        officer = await officer_of(loa, lan.id)
        identity = await session.scalar(select(Identity).where(Identity.external_id == "4331"))
        slogans = (await session.scalars(select(Slogan.text))).all()
        report = await session.scalar(select(Report))
    assert (officer.full_name, officer.position) == ("Nguyễn Thị Lan", "Y sĩ")
    assert identity.display_name == "Lan Nguyễn"
    assert slogans == ["Rửa tay bằng xà phòng"]
    assert report.description == "Treo băng rôn tại cổng trạm"
    assert await apologies(tg, lan.id) == [] and errors(log_records.records) == []


# -- updates the library cannot read -------------------------------------------------------------

async def test_an_update_loa_cannot_read_is_apologised_for_and_never_met_again(
        db_url, fake_server, tg, clock, log_records):
    config = make_config(db_url, **telegram_env(fake_server))
    lan, minh, vy = await tg.user(4341, "Lan"), await tg.user(4342, "Minh"), await tg.user(4343)
    nameless = await tg.user(4344, "")
    async with running_loa(config, clock) as loa:
        await seed_units(loa)
        await lan.send("xin chào")
        poll = await minh.send_raw({"poll": {"id": "5", "question": "Đi họp?"}})  # older server
        no_name = await vy.send_raw(sender={"first_name": None})
        broken = await tg.call("raw", update={"message": "not an object"})
        await lan.send("/help")
        await nameless.send("xin chào")
        assert "chưa tham gia Loa" in (await lan.receive_one())["text"]
        assert "/help" in (await lan.receive_one())["text"]
        assert "chưa tham gia Loa" in (await nameless.receive_one())["text"]
        assert APOLOGY in (await minh.receive_one())["text"]
        assert APOLOGY in (await vy.receive_one())["text"]
        assert await tg.wait_confirmed(broken["update_id"])
    unreadable = [r for r in log_records.records if "cannot be read" in r.getMessage()]
    assert sorted(str(u["update_id"]) for u in (poll, no_name, broken)) == sorted(
        r.getMessage().split()[1] for r in unreadable)  # each logged once, with its id
    assert all(fake_server.token not in r.getMessage() for r in log_records.records
               if r.name.startswith("bot."))  # (the production log set-up scrubs httpx's too)

    # After a restart the same updates are not met again: no second apology.
    async with running_loa(config, clock):
        await lan.send("/help")
        await lan.receive_one()
    assert len(await tg.sent(minh.id)) == 1 and len(await tg.sent(vy.id)) == 1


async def test_an_unreadable_update_by_webhook_is_apologised_for_and_not_sent_again(
        db_url, fake_server, tg, clock, tmp_path):
    from bot.app import load_config

    cfg = tmp_path / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n[http]\nlisten = "127.0.0.1"\n')
    config = load_config(cfg, {"DATABASE_URL": db_url, **telegram_env(
        fake_server, TELEGRAM_WEBHOOK_URL="https://loa.example.vn/hook",
        TELEGRAM_WEBHOOK_SECRET="s3cret_S3cret")})
    minh = await tg.user(4345, "Minh")
    poll = {"update_id": 77, "message": {
        "message_id": 1, "date": 0, "chat": {"id": minh.id, "type": "private"},
        "from": {"id": minh.id, "is_bot": False, "first_name": "Minh"},
        "poll": {"id": "5", "question": "Đi họp?"}}}
    async with running_loa(config, clock) as loa, httpx.AsyncClient() as http:
        resp = await http.post(f"http://127.0.0.1:{loa.http.port}/hook", json=poll,
                               headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret_S3cret"})
        assert resp.status_code == 200  # any other answer: Telegram sends it again for a day
        assert APOLOGY in (await minh.receive_one())["text"]


async def test_polling_goes_on_after_a_getupdates_answer_it_cannot_use(loa, tg, log_records):
    await seed_units(loa)
    lan = await tg.user(4351, "Lan")
    await tg.call("garbage_updates", count=2)
    await lan.send("xin chào")
    assert "chưa tham gia Loa" in (await lan.receive_one(timeout=30))["text"]
    assert any("getUpdates failed" in r.getMessage() for r in log_records.records)


# -- platform file paths and ids -----------------------------------------------------------------

async def test_a_file_path_that_points_at_this_machine_is_never_read(loa, tg, tmp_path):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(JPEG + b"secret")
    channel = loa.channels["telegram"]
    file_id = (await tg.call("set_file", data=base64.b64encode(JPEG).decode()))["file_id"]
    for path in (str(secret), f"photos/../../../../../..{secret}", "../secret.jpg",
                 "file:///etc/passwd", "photos/a\\..\\b.jpg"):
        await tg.call("set_file", file_id=file_id, path=path)
        with pytest.raises(Rejected) as refused:
            await channel.download(PhotoRef(file_id=file_id), max_bytes=10**7)
        assert "unsafe file path" in str(refused.value), path
    await tg.call("set_file", file_id=file_id, path="photos/file_ok.jpg")
    assert await channel.download(PhotoRef(file_id=file_id), max_bytes=10**7) == JPEG


async def test_a_file_id_that_names_a_local_file_is_never_uploaded(loa, tg, tmp_path, fake_server):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(JPEG + b"secret")
    user = await tg.user(4361, "Lan")
    with pytest.raises(Rejected):
        await loa.channels["telegram"].send(str(user.id), PhotoOut(photo=str(secret)))
    assert all(data != secret.read_bytes() for _, data in fake_server.fake.files.values())


# -- downloads -----------------------------------------------------------------------------------

async def test_a_photo_too_big_is_refused_before_it_is_downloaded_in_full(loa, tg, fake_server):
    channel = loa.channels["telegram"]
    big = JPEG + b"\x00" * (15 * 1024 * 1024)
    file_id = (await tg.call("set_file", data=base64.b64encode(big).decode()))["file_id"]
    with pytest.raises(TooLarge):  # its declared size says so: not one byte is fetched
        await channel.download(PhotoRef(file_id=file_id), max_bytes=1_000_000)
    assert fake_server.fake.file_bytes_served == 0
    # A server that understates the size and streams without end: cut off at the cap.
    await tg.call("set_file", file_id=file_id, declared_size=100, streamed=True)
    with pytest.raises(TooLarge) as cut:
        await channel.download(PhotoRef(file_id=file_id), max_bytes=1_000_000)
    assert 1_000_000 < cut.value.size <= 1_000_000 + 65536


async def test_a_file_gone_from_the_server_is_refused_not_retried(loa, tg):
    file_id = (await tg.call("set_file", data=base64.b64encode(JPEG).decode()))["file_id"]
    await tg.call("set_file", file_id=file_id, missing=True)
    with pytest.raises(Rejected) as refused:
        await loa.channels["telegram"].download(PhotoRef(file_id=file_id), max_bytes=10**7)
    assert refused.value.code == 404


async def test_a_photo_gone_for_good_is_given_up_at_once_with_one_warning(
        db_url, clock, tmp_path, log_records):
    loa = await loa_app.build(make_config(db_url), clock=clock)
    try:
        await seed_units(loa)
        await make_officers(loa, None, 1, register=False)
        channel = MemoryChannel(name="telegram", fail_with=[Rejected(404, "Not Found")])
        fetcher = PhotoFetcher(loa.sessions, {"telegram": channel}, clock, tmp_path, 10**6)
        async with session_of(loa) as session:
            officer = await session.scalar(select(Officer))
            report = Report(officer_id=officer.id, unit_id=officer.unit_id, day=dt.date(2026, 11, 23),
                            state="submitted", created_at=clock.now(), updated_at=clock.now())
            session.add(report)
            await session.flush()
            session.add(ReportPhoto(report_id=report.id, channel="telegram", file_id="gone",
                                    unique_id="gone", attempts=0, created_at=clock.now()))
        assert await fetcher.fetch_some() == 1
        assert await fetcher.fetch_some() == 0  # not tried again
        async with loa.sessions() as session:
            photo = await session.scalar(select(ReportPhoto))
        assert photo.attempts == 1 and photo.error.startswith("download refused")
        warnings = [r for r in log_records.records if r.name == "bot.domain.photos"]
        assert [r.levelno for r in warnings] == [logging.WARNING] and not warnings[0].exc_info
    finally:
        await loa.close()
