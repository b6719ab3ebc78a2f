"""One officer on Telegram and Zalo: /lienket codes, /kenh, one daily message, reports counted
for one person, wrong and expired codes refused, five wrong codes lock linking for an hour."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from bot.domain.campaigns import check_file, load
from bot.domain.reports import reports_by_unit
from bot.store.models import Identity, Officer, Report, Unit
from tests.conftest import ROOT, running_loa
from tests.support.helpers import audit_log, join, make_invite, seed_units, snapshot
from tests.support.texts import T, head, matches
from tests.support.zalo_helpers import join_zalo, menu_stored, zalo_config

VN = dt.timezone(dt.timedelta(hours=7))
DAY = dt.date(2026, 11, 23)
JPEG_TG = bytes.fromhex("ffd8ffe000104a464946") + b"\x11" * 600 + bytes.fromhex("ffd9")
JPEG_ZL = bytes.fromhex("ffd8ffe000104a464946") + b"\x22" * 600 + bytes.fromhex("ffd9")


def at(clock, hh: int, mm: int) -> None:
    clock.set(dt.datetime.combine(DAY, dt.time(hh, mm), tzinfo=VN))


def code_in(message: dict) -> str:
    found = re.search(r"/lienket (\d{6})", message["text"])
    assert found, message
    return found.group(1)


async def setup(loa) -> None:
    await seed_units(loa)
    async with loa.sessions() as session, session.begin():
        await load(session, loa.clock, check_file(
            ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "test")


async def test_a_telegram_officer_links_zalo_and_is_one_person(
        db_url, zalo_server, zl, fake_server, tg, clock, tmp_path):
    at(clock, 7, 0)
    config = zalo_config(db_url, zalo_server, tmp_path, telegram=fake_server)
    async with running_loa(config, clock) as loa:
        await setup(loa)
        lan_tg = await join(tg, 8101, await make_invite(loa, "TYTBC"), "Nguyễn Thị Lan", "Y sĩ")
        await lan_tg.send("/lienket")
        code = code_in(await lan_tg.receive_one())

        lan_zl = await zl.user("fa0c8101", "Lan")
        await lan_zl.send("Xin chào")
        await lan_zl.receive_one()  # not a member yet: told how to join
        before = await snapshot(loa)
        wrong = "000000" if code != "000000" else "111111"
        await lan_zl.send(f"/lienket {wrong}")
        assert matches((await lan_zl.receive_one())["text"], "link.wrong_code")
        assert await snapshot(loa) == before

        await lan_zl.send(f"/lienket {code}")
        linked = (await lan_zl.receive_one())["text"]
        assert matches(linked, "link.linked") and "Nguyễn Thị Lan" in linked
        # Single use: the same code from someone else is refused.
        other = await zl.user("fa0c8199", "Người khác")
        await other.send(code)
        assert matches((await other.receive_one())["text"], "link.wrong_code")

        await lan_zl.send("/kenh zalo")
        assert (await lan_zl.receive_one())["text"] == T("link.chosen", channel=T("channel.zalo"))
        async with loa.sessions() as session:
            officers = (await session.scalars(select(Officer))).all()
            accounts = sorted((i.channel, i.officer_id) for i in (await session.scalars(
                select(Identity).where(Identity.officer_id.is_not(None)))).all())
        assert len(officers) == 1
        assert accounts == [("telegram", officers[0].id), ("zalo", officers[0].id)]

        # 07:30: one daily message, on Zalo, none on Telegram.
        at(clock, 7, 30)
        prompt = await lan_zl.receive_one()
        assert prompt["text"].startswith(head("prompt.greeting"))
        assert await lan_zl.settle() == []
        assert [m for m in await tg.sent(8101, after=lan_tg.seen)] == []

        # A report from each channel: both are hers, both count for the unit once each.
        await lan_tg.send_photo(JPEG_TG, caption="Treo băng rôn tại cổng trạm")
        await lan_tg.press_label(await lan_tg.receive_one(), "Pano, áp phích, băng rôn, khẩu hiệu")
        await lan_tg.receive(2)
        await menu_stored(loa, lan_zl.id)
        await lan_zl.send_photo(JPEG_ZL, caption="Nói chuyện chuyên đề tại trạm")
        kinds = await lan_zl.receive_one()
        assert kinds["text"].startswith(T("report.ask_activity"))
        await lan_zl.send("1")
        assert (await lan_zl.receive_one())["text"].startswith(head("report.saved") + "2:")
        async with loa.sessions() as session:
            reports = (await session.scalars(select(Report).order_by(Report.id))).all()
            unit = await session.scalar(select(Unit).where(Unit.code == "TYTBC"))
            counts = await reports_by_unit(session, [unit.id], DAY, DAY)
        assert [r.officer_id for r in reports] == [officers[0].id] * 2
        assert counts == {unit.id: 2}
        actions = [a[0] for a in await audit_log(loa)]
        assert "account.linked" in actions and "account.channel_chosen" in actions


async def test_an_officer_who_joined_on_both_is_merged_and_gets_one_daily_message(
        db_url, zalo_server, zl, fake_server, tg, clock, tmp_path):
    config = zalo_config(db_url, zalo_server, tmp_path, telegram=fake_server)
    async with running_loa(config, clock) as loa:  # 09:00: each gets the day's message at once
        await setup(loa)
        code = await make_invite(loa, "TYTBC", uses=2)
        minh_tg = await join(tg, 8201, code, "Trần Văn Minh", "Y sĩ")
        minh_zl = await join_zalo(zl, "fa0c8201", code, "Trần Văn Minh")
        await minh_tg.receive_one()
        await minh_zl.receive_one()
        await menu_stored(loa, minh_zl.id)
        await minh_zl.send_photo(JPEG_ZL, caption="Loa truyền thanh phường")
        await minh_zl.receive_one()
        await minh_zl.send("6")
        assert (await minh_zl.receive_one())["text"].startswith(head("report.saved") + "1:")

        await minh_tg.send("/lienket")
        await minh_zl.send(f"/lienket {code_in(await minh_tg.receive_one())}")
        assert (await minh_zl.receive_one())["text"].startswith(head("link.linked"))
        async with loa.sessions() as session:
            active = (await session.scalars(select(Officer).where(
                Officer.status == "active"))).all()
            (report,) = (await session.scalars(select(Report))).all()
        assert len(active) == 1 and report.officer_id == active[0].id

        # The next working morning (24/11 is a day off in the sample plan): one message, on
        # the default channel (Telegram, registered first).
        clock.set(dt.datetime(2026, 11, 25, 7, 30, tzinfo=VN))
        assert (await minh_tg.receive_one())["text"].startswith(head("prompt.greeting"))
        assert await minh_zl.settle() == []


async def test_five_wrong_codes_lock_linking_for_an_hour_and_an_old_code_is_refused(
        db_url, zalo_server, zl, fake_server, tg, clock, tmp_path):
    config = zalo_config(db_url, zalo_server, tmp_path, telegram=fake_server)
    async with running_loa(config, clock) as loa:
        await setup(loa)
        hoa_tg = await join(tg, 8301, await make_invite(loa, "TYTBC"), "Lê Thị Hoa", "Y sĩ")
        await hoa_tg.receive_one()
        await hoa_tg.send("/lienket")
        old = code_in(await hoa_tg.receive_one())
        clock.advance(dt.timedelta(minutes=11))
        hoa_zl = await zl.user("fa0c8301", "Hoa")
        await hoa_zl.send(f"/lienket {old}")
        assert "đã hết hạn" in (await hoa_zl.receive_one())["text"]

        await hoa_tg.send("/lienket")
        code = code_in(await hoa_tg.receive_one())
        wrong = [c for c in ("123456", "234567", "345678", "456789") if c != code]
        for attempt in wrong[:3]:
            await hoa_zl.send(f"/lienket {attempt}")
            assert matches((await hoa_zl.receive_one())["text"], "link.wrong_code")
        await hoa_zl.send("/lienket 999999" if code != "999999" else "/lienket 888888")
        assert matches((await hoa_zl.receive_one())["text"], "link.locked")
        await hoa_zl.send(f"/lienket {code}")  # the right one, but locked
        assert matches((await hoa_zl.receive_one())["text"], "link.locked")
        async with loa.sessions() as session:
            identity = await session.scalar(select(Identity).where(
                Identity.external_id == "fa0c8301"))
        assert identity.officer_id is None
        clock.advance(dt.timedelta(hours=1, minutes=1))
        await hoa_tg.send("/lienket")
        await hoa_zl.send(f"/lienket {code_in(await hoa_tg.receive_one())}")
        assert (await hoa_zl.receive_one())["text"].startswith(head("link.linked"))
        assert "account.linking_locked" in [a[0] for a in await audit_log(loa)]
