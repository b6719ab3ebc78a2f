"""A unit's group chat over the fake Bot API (#22): linked with /nhom by an admin of the unit's
tree, the morning's theme posted there once on a working day (not on a day off, not again after a
restart), a photo there counted as its sender's report, a stranger's not, unlinked groups (by
/nhom huy or by removing the bot) left alone, and the group's 20-a-minute limit kept."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import html
import re
import time

import httpx
from sqlalchemy import select

from bot.domain.audit import Actor
from bot.domain.campaigns import check_file, load
from bot.domain.exports import export_rows
from bot.domain.prompts import queue_due
from bot.domain.stats import Scope as StatsScope
from bot.domain.stats import counted_reports
from bot.services import Scope
from bot.services.web import issue_link, login_url
from bot.store.models import AuditEntry, Delivery, Job, Officer, Report, Role, Unit, UnitGroup
from tests.conftest import ROOT, running_loa, telegram_env
from tests.support.helpers import audit_log, make_officers, seed_units
from tests.support.texts import T, head, matches
from tests.support.web_console import console_config

VN = dt.timezone(dt.timedelta(hours=7))
MONDAY = dt.date(2026, 11, 23)  # a working day
SATURDAY = dt.date(2026, 11, 28)
ADMIN, OFFICER, STRANGER, GUEST = 5001, 5002, 5003, 5004
GROUP = -100500


def group_config(db_url, fake_server, tmp_path, delivery: str = ""):
    from bot.app import load_config

    if "group_per_minute" not in delivery:
        # A few messages a group, well under the fake's 20 a minute: no need to space them 3 s
        # (test_a_groups_limit_holds keeps the limit itself).
        delivery += "group_per_minute = 600\n"
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\nstorage_dir = "photos"\n'
                   f"[delivery]\nrate_per_second = 200\ntwo_person_rule = false\n{delivery}"
                   f"[prompts]\ntick_seconds = 0.1\n")
    return load_config(cfg, {"DATABASE_URL": db_url, **telegram_env(fake_server)})


def at(clock, day: dt.date, hh: int, mm: int) -> None:
    clock.set(dt.datetime.combine(day, dt.time(hh, mm), tzinfo=VN))


def jpeg(n: int) -> bytes:
    return bytes.fromhex("ffd8ffe000104a464946") + n.to_bytes(4, "big") * 300 + bytes.fromhex("ffd9")


async def setup(loa, tg) -> None:
    """Units, the sample campaign, an admin of the centre (its tree holds the ward's station),
    an officer of the station, and a person who talks to the bot but never subscribed."""
    await seed_units(loa)
    async with loa.sessions() as session, session.begin():
        await load(session, loa.clock, check_file(
            ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "test")
    await make_officers(loa, tg, 1, first_id=ADMIN, unit_code="TTYTHL", role=Role.ADMIN)
    await make_officers(loa, tg, 1, first_id=OFFICER, unit_code="TYTBC")
    await tg.user(GUEST, "Khách")


async def linked_group(loa, tg, group_id=GROUP, unit="TYTBC", title="Trạm Y tế Bãi Cháy"):
    group = await tg.group(group_id, title, [ADMIN, OFFICER, GUEST,
                                             {"id": STRANGER, "first_name": "Người lạ"}])
    await group.add_bot(by=ADMIN)
    welcome = await group.receive_one()
    assert welcome["text"] == T("group.welcome")
    await group.text(ADMIN, f"/nhom {unit}")
    assert (await group.receive_one())["text"].startswith(head("group.linked"))
    return group


async def group_rows(loa, day: dt.date) -> list[tuple[str, str]]:
    async with loa.sessions() as session:
        return [(c, s) for c, s in (await session.execute(
            select(Delivery.chat_id, Delivery.state).join(Job).where(
                Job.key == f"group:{day}").order_by(Delivery.id))).all()]


async def sent_rows(loa, day: dt.date, timeout: float = 10) -> None:
    """Until every group row of the day's morning job is written as sent (the outbox writes
    results in batches a tenth of a second apart)."""
    deadline = time.monotonic() + timeout
    while not (rows := await group_rows(loa, day)) or any(s != "sent" for _, s in rows):
        assert time.monotonic() < deadline, rows
        await asyncio.sleep(0.05)


async def test_group_linked_morning_once_and_a_group_report_counts(db_url, fake_server, tg,
                                                                   clock, tmp_path):
    at(clock, MONDAY, 7, 0)
    config = group_config(db_url, fake_server, tmp_path)
    async with running_loa(config, clock) as loa:
        await setup(loa, tg)
        group = await tg.group(GROUP, "Trạm Y tế Bãi Cháy",
                               [ADMIN, OFFICER, GUEST, {"id": STRANGER, "first_name": "Người lạ"}])
        await group.add_bot(by=ADMIN)
        assert (await group.receive_one())["text"] == T("group.welcome")

        # An officer who is no admin is refused, in Vietnamese, and nothing is linked.
        await group.text(OFFICER, "/nhom TYTBC")
        assert (await group.receive_one())["text"] == T("group.not_admin")
        await group.text(ADMIN, "/nhom KHONGCO")
        assert (await group.receive_one())["text"] == T("group.no_unit", code="KHONGCO")
        await group.text(ADMIN, "/nhom TYTBC")
        assert (await group.receive_one())["text"] == T("group.linked",
                                                       unit="Trạm Y tế phường Bãi Cháy")

        # Privacy mode: ordinary talk never reaches the bot.
        chat = await group.text(OFFICER, "Chào cả nhóm, sáng nay họp lúc 8 giờ")
        assert chat["delivered"] is False

        at(clock, MONDAY, 7, 30)
        # Three more ticks at once beside Loa's own (as other processes would run them).
        await asyncio.gather(*(queue_due(loa.sessions, loa.clock, loa.config, loa.texts)
                               for _ in range(3)))
        morning = await group.receive_one()
        assert morning["text"].startswith(T("group.morning_head", weekday="Thứ Hai",
                                                  date="23/11/2026"))
        assert "Chủ đề hôm nay:" in morning["text"] and "Khẩu hiệu:" in morning["text"]
        assert morning["text"].endswith(T("group.morning_footer"))
        assert morning["buttons"] == []  # the per-officer buttons stay in private chats

        # The officer answers the morning message with a photo: their report, asked privately.
        officer = await tg.user(OFFICER)
        await officer.receive_one()  # their own prompt, in their private chat
        await sent_rows(loa, MONDAY)  # Loa has written down which message the morning was
        await group.photo(OFFICER, jpeg(1), caption="Treo băng rôn tại cổng trạm",
                          reply_to=morning["message_id"])
        taken, question = await officer.receive(2)
        assert taken["text"] == T("group.report_taken", where=T("group.in_named",
                                                                  name="Trạm Y tế Bãi Cháy"))
        assert question["text"] == T("report.ask_activity")
        await officer.press_label(question, "Pano, áp phích, băng rôn, khẩu hiệu")
        _, saved = await officer.receive(2)
        assert saved["text"].startswith(head("report.saved") + "1:")

        # A photo with /baocao from someone who talks to Loa but never subscribed: a private
        # hint, nothing in the group, nothing counted. From someone who never opened a chat
        # with the bot: nothing at all (Telegram refuses the hint).
        guest = await tg.user(GUEST, "Khách")
        hinted = await group.photo(GUEST, jpeg(2), caption="/baocao Phát tờ rơi")
        hint = await guest.receive_one()
        assert hint["text"] == T("group.report_hint", where=T("group.in_named",
                                                             name="Trạm Y tế Bãi Cháy"))
        stranger = await group.photo(STRANGER, jpeg(3), caption="/baocao")
        assert stranger["delivered"] is True
        assert await group.nothing_more(stranger) == []
        assert await group.nothing_more(hinted) == []

        async with loa.sessions() as session:
            reports = list(await session.scalars(select(Report)))
            tytbc = await session.scalar(select(Unit).where(Unit.code == "TYTBC"))
            counted = await counted_reports(session, StatsScope())
            exported = await export_rows(session, StatsScope())
        assert [(r.officer_id is not None, r.unit_id, r.activity) for r in reports] == [
            (True, tytbc.id, "poster")]
        assert [c.unit_id for c in counted] == [tytbc.id]
        assert [(row.officer, row.unit_code) for row in exported] == [(f"Cán bộ {OFFICER}", "TYTBC")]

        # A text reply to Loa's message gets one line of help; a stray command of another bot
        # nothing.
        reply = await group.text(OFFICER, "Cảm ơn Loa", reply_to=morning["message_id"])
        assert (await group.receive_one())["text"] == T("group.reply_help")
        other = await group.text(OFFICER, "/start@some_other_bot")
        assert other["delivered"] is False
        assert await group.nothing_more(reply) == []

        # The schedule's tick again, in this process: nothing more for the group today.
        assert (await queue_due(loa.sessions, loa.clock, loa.config, loa.texts)).groups == 0

    # A restart later in the morning adds nothing either.
    at(clock, MONDAY, 7, 45)
    async with running_loa(config, clock) as loa:
        assert (await queue_due(loa.sessions, loa.clock, loa.config, loa.texts)).groups == 0
        assert await group_rows(loa, MONDAY) == [(str(GROUP), "sent")]
    counts = await tg.call("counts")
    assert sum(1 for s in await tg.sent(GROUP) if s["text"] and s["text"].startswith("☀️")) == 1
    assert counts[str(GROUP)] == 6  # welcome, 3 answers to /nhom, the morning, the help line


async def test_no_morning_message_on_a_day_off(db_url, fake_server, tg, clock, tmp_path):
    at(clock, SATURDAY, 7, 0)
    async with running_loa(group_config(db_url, fake_server, tmp_path), clock) as loa:
        await setup(loa, tg)
        group = await linked_group(loa, tg)
        at(clock, SATURDAY, 7, 30)
        assert (await queue_due(loa.sessions, loa.clock, loa.config, loa.texts)).groups == 0
        assert await group_rows(loa, SATURDAY) == []
        # Monday: it comes, so the quiet Saturday was the calendar, not a broken schedule.
        at(clock, SATURDAY + dt.timedelta(days=2), 7, 30)
        morning = await group.receive_one()
        assert morning["text"].startswith(T("group.morning_head", weekday="Thứ Hai",
                                                  date="30/11/2026"))
        assert await group_rows(loa, SATURDAY) == []
    assert len([s for s in await tg.sent(GROUP) if (s["text"] or "").startswith("☀️")]) == 1


async def test_unlinked_groups_get_nothing(db_url, fake_server, tg, clock, tmp_path):
    at(clock, MONDAY, 7, 0)
    async with running_loa(group_config(db_url, fake_server, tmp_path), clock) as loa:
        await setup(loa, tg)
        undone = await linked_group(loa, tg, -100601, title="Nhóm gỡ bằng lệnh")
        removed = await linked_group(loa, tg, -100602, title="Nhóm xoá bot")
        kept = await linked_group(loa, tg, -100603, title="Nhóm vẫn liên kết")

        await undone.text(ADMIN, "/nhom huy")
        assert (await undone.receive_one())["text"] == T("group.unlinked",
                                                        unit="Trạm Y tế phường Bãi Cháy")
        left = await removed.remove_bot(by=OFFICER)
        assert await tg.wait_confirmed(left["update_id"])

        async with loa.sessions() as session:
            rows = {g.chat_id: g.unlinked_at is not None
                    for g in await session.scalars(select(UnitGroup))}
        assert rows == {"-100601": True, "-100602": True, "-100603": False}
        log = await audit_log(loa)
        assert [(a, k) for a, k, _, _ in log if a.startswith("group.")] == [
            ("group.linked", "officer")] * 3 + [("group.unlinked", "officer"),
                                                ("group.unlinked", "platform")]

        # The morning and a broadcast to the unit: only the linked group gets them.
        at(clock, MONDAY, 7, 30)
        assert (await kept.receive_one())["text"].startswith("☀️")
        from bot.domain.audit import OPERATOR
        from bot.services.broadcasts import create_broadcast

        async with loa.sessions() as session, session.begin():
            scope = Scope(session, loa.clock, loa.config, loa.texts, OPERATOR, loa.wake)
            await create_broadcast(scope, {"text": "Họp giao ban lúc 14:00."},
                                   {"units": ["TYTBC"], "subunits": True, "role": None})
        loa.wake()
        assert (await kept.receive_one())["text"].endswith("Họp giao ban lúc 14:00.")
        await sent_rows(loa, MONDAY)  # the group saw its send before Loa wrote it down
        assert await group_rows(loa, MONDAY) == [("-100603", "sent")]
        async with loa.sessions() as session:
            chats = set((await session.scalars(select(Delivery.chat_id).where(
                Delivery.group_id.is_not(None)))).all())
        assert chats == {"-100603"}
    assert await undone.control.sent(-100601, after=undone.seen) == []
    assert await removed.control.sent(-100602, after=removed.seen) == []


async def test_an_admin_outside_the_units_tree_is_refused(db_url, fake_server, tg, clock,
                                                         tmp_path):
    """And the unit page of the console shows the group linked, since when and by whom."""
    at(clock, MONDAY, 7, 0)
    config = console_config(db_url, fake_server, tmp_path, two_person_rule="false")
    async with running_loa(config, clock) as loa:
        await setup(loa, tg)
        # An admin of the ward's station: the centre above it is not theirs.
        await make_officers(loa, tg, 1, first_id=5010, unit_code="TYTBC", role=Role.ADMIN)
        group = await tg.group(-100700, "Trung tâm Y tế Hạ Long", [5010, ADMIN])
        await group.add_bot(by=5010)
        await group.receive_one()
        await group.text(5010, "/nhom TTYTHL")
        assert (await group.receive_one())["text"] == T(
            "group.out_of_tree", code="TTYTHL", unit="Trạm Y tế phường Bãi Cháy")
        await group.text(ADMIN, "/nhom TTYTHL")  # the centre's own admin may
        assert (await group.receive_one())["text"] == T("group.linked",
                                                       unit="Trung tâm Y tế Hạ Long")
        log = await audit_log(loa)
        assert [a for a, *_ in log if a.startswith("group.")] == ["group.linked"]

        base = config.http.public_url
        async with loa.sessions() as session, session.begin():
            admin = await session.scalar(select(Officer).where(Officer.full_name == f"Cán bộ {ADMIN}"))
            link = login_url(base, await issue_link(
                Scope(session, loa.clock, loa.config, loa.texts, Actor.of(admin)), admin))
        async with httpx.AsyncClient(base_url=base) as client:
            assert (await client.post(link.removeprefix(base))).status_code == 303
            page = (await client.get("/units")).text
        shown = re.search(r'<ul class="groups" id="groups-TTYTHL">\s*<li>(.*?)</li>', page, re.S)
        assert shown, page
        assert html.unescape(shown.group(1)) == (
            "💬 Nhóm chat «Trung tâm Y tế Hạ Long» (Telegram, mã -100700) — liên kết từ "
            f"23/11/2026 07:00, bởi Cán bộ {ADMIN}")
        assert 'id="groups-TYTBC"' not in page


async def test_a_groups_limit_holds(db_url, fake_server, tg, clock, tmp_path):
    """20 messages in any 6 seconds (Telegram's minute, ten times faster), with Loa told the
    same rate and no per-chat spacing: 25 broadcasts reach the group, none refused with 429."""
    await tg.call("limits", group_per_minute=20, group_window=6)
    at(clock, MONDAY, 6, 0)
    config = group_config(db_url, fake_server, tmp_path,
                          "per_chat_interval = 0\ngroup_per_minute = 190\n")
    async with running_loa(config, clock) as loa:
        await setup(loa, tg)
        group = await linked_group(loa, tg)
        from bot.domain.audit import OPERATOR
        from bot.services.broadcasts import create_broadcast

        started = time.monotonic()
        async with loa.sessions() as session, session.begin():
            scope = Scope(session, loa.clock, loa.config, loa.texts, OPERATOR, loa.wake)
            for n in range(25):
                await create_broadcast(scope, {"text": f"Tin số {n + 1}."},
                                       {"units": ["TYTBC"], "subunits": True, "role": None})
        loa.wake()
        got = await group.receive(25, timeout=30)
        elapsed = time.monotonic() - started
    assert sorted(int(m["text"].rsplit("Tin số ", 1)[1].rstrip(".")) for m in got) == list(
        range(1, 26))
    assert (await group.state())["throttled"] == 0
    assert elapsed > 6  # 25 at 20 per 6 s cannot all go in less
    await asyncio.sleep(0)


# -- Zalo (groups in beta: the bot sees only mentions and replies) ------------------------------

ZALO_GROUP = "7f3e9a0b1c2d3e4f5a6b"
ZALO_ADMIN, ZALO_OFFICER = "a1b2c3d4e5f60718293a", "0a9b8c7d6e5f4a3b2c1d"


async def zalo_people(loa, zl) -> None:
    """The admin of the centre and an officer of the station, on Zalo."""
    from sqlalchemy import insert

    from bot.store.models import Identity

    now = loa.clock.now()
    async with loa.sessions() as session, session.begin():
        for user, code, role in ((ZALO_ADMIN, "TTYTHL", Role.ADMIN),
                                 (ZALO_OFFICER, "TYTBC", Role.OFFICER)):
            unit = await session.scalar(select(Unit).where(Unit.code == code))
            officer = Officer(full_name=f"Cán bộ {user[:4]}", position="Y sĩ", unit_id=unit.id,
                              role=role.value, status="active", created_at=now, updated_at=now)
            session.add(officer)
            await session.flush()
            await session.execute(insert(Identity).values(
                channel="zalo", external_id=user, chat_id=user, officer_id=officer.id, menu=[],
                created_at=now))
    for user in (ZALO_ADMIN, ZALO_OFFICER):
        await zl.user(user)


async def test_zalo_group_linked_by_a_mention_gets_its_morning_message(db_url, zalo_server, zl,
                                                                       clock, tmp_path):
    from tests.support.zalo_helpers import zalo_config

    at(clock, MONDAY, 7, 0)
    async with running_loa(zalo_config(db_url, zalo_server, tmp_path), clock) as loa:
        await seed_units(loa)
        async with loa.sessions() as session, session.begin():
            await load(session, loa.clock, check_file(
                ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "test")
        await zalo_people(loa, zl)
        await zl.call("group_text", user_id=ZALO_OFFICER, group_id=ZALO_GROUP,
                      text="@Bot Loa /nhom TYTBC")
        refused = await zl.call("wait", chat_id=ZALO_GROUP, count=1, timeout=15)
        assert [m["text"] for m in refused["sent"]] == [T("group.not_admin")]
        await zl.call("group_text", user_id=ZALO_ADMIN, group_id=ZALO_GROUP,
                      text="@Bot Loa /nhom TYTBC")
        linked = await zl.call("wait", chat_id=ZALO_GROUP, count=2, timeout=15)
        assert linked["sent"][1]["text"] == T("group.linked", unit="Trạm Y tế phường Bãi Cháy")

        at(clock, MONDAY, 7, 30)
        morning = await zl.call("wait", chat_id=ZALO_GROUP, count=3, timeout=15)
        assert morning["sent"][2]["text"].startswith(
            T("group.morning_head", weekday="Thứ Hai", date="23/11/2026"))
        # Zalo does not say which message a reply answers: the footer asks for a mention.
        assert morning["sent"][2]["text"].endswith(T("group.morning_footer_mention"))

        # A photo in the group whose caption mentions the bot with /baocao: the officer's report,
        # asked in their private chat.
        officer = await zl.user(ZALO_OFFICER)
        await officer.receive_one()  # their own prompt
        await zl.call("group_image", user_id=ZALO_OFFICER, group_id=ZALO_GROUP,
                      data=base64.b64encode(jpeg(7)).decode(),
                      caption="@Bot Loa /baocao Treo băng rôn tại cổng trạm")
        taken, question = await officer.receive(2)
        assert taken["text"] == T("group.report_taken", where=T("group.in_unnamed"))
        assert question["text"].startswith(T("report.ask_activity"))
        await sent_rows(loa, MONDAY)
        assert await group_rows(loa, MONDAY) == [(ZALO_GROUP, "sent")]
        assert (await queue_due(loa.sessions, loa.clock, loa.config, loa.texts)).groups == 0


async def test_a_group_that_removed_the_bot_unseen_is_unlinked_by_its_refusal(
        db_url, fake_server, tg, clock, tmp_path):
    """Loa was down for longer than Telegram keeps the my_chat_member update: the group's next
    message is refused (403) and that unlinks it, so it is not tried again every day."""
    at(clock, MONDAY, 7, 0)
    async with running_loa(group_config(db_url, fake_server, tmp_path), clock) as loa:
        await setup(loa, tg)
        group = await linked_group(loa, tg)
        assert await group.remove_bot(by=OFFICER, missed=True) == {}
        at(clock, MONDAY, 7, 30)
        deadline = time.monotonic() + 15
        while await group_rows(loa, MONDAY) != [(str(GROUP), "blocked")]:
            assert time.monotonic() < deadline, await group_rows(loa, MONDAY)
            await asyncio.sleep(0.05)
        async with loa.sessions() as session:
            linked = (await session.scalars(select(UnitGroup))).one()
            unlinked = (await session.scalars(select(AuditEntry).where(
                AuditEntry.action == "group.unlinked"))).one()
        assert linked.unlinked_at is not None
        # A decision that matters: audited as the platform's, with its refusal.
        assert (unlinked.actor_kind, unlinked.object_id) == ("platform", str(linked.id))
        assert unlinked.detail["chat"] == str(GROUP) and unlinked.detail["refused"]
        at(clock, MONDAY + dt.timedelta(days=1), 7, 30)
        queued = await queue_due(loa.sessions, loa.clock, loa.config, loa.texts)
        assert queued.groups == 0
        assert await group_rows(loa, MONDAY + dt.timedelta(days=1)) == []


async def test_a_broadcasts_summary_says_when_its_group_got_nothing(db_url, fake_server, tg, clock,
                                                                    tmp_path):
    """The group removed the bot while Loa was away: its copy is refused, and the summary says
    "0 nhóm chat" rather than leaving the group out as if it had never been addressed."""
    from tests.e2e.test_broadcast_e2e import compose, until
    from tests.fake_telegram import TelegramUser

    at(clock, SATURDAY, 10, 0)
    config = console_config(db_url, fake_server, tmp_path, two_person_rule="false",
                            group_per_minute="600")
    async with running_loa(config, clock) as loa:
        await setup(loa, tg)
        group = await linked_group(loa, tg)
        assert await group.remove_bot(by=OFFICER, missed=True) == {}
        admin = TelegramUser(tg, ADMIN)
        confirm = await compose(admin, "Nhắc lịch họp", units="TTYTHL")
        assert "Người nhận: 2 người và 1 nhóm chat." in confirm["text"]
        await admin.press_label(confirm, "Gửi")
        summary = await until(tg, ADMIN, lambda sent: [
            s for s in sent if s["text"].startswith(head("broadcast.summary"))], timeout=20)
        assert summary[0]["text"].startswith(
            "Tổng kết bản tin #1: 2 người và 0 nhóm chat đã nhận; lỗi 0, chặn bot 1,"), summary


async def test_a_broadcast_states_its_people_and_groups_apart(db_url, fake_server, tg, clock,
                                                              tmp_path):
    """A broadcast to units with a linked group says "N người và M nhóm chat" alike in the
    preview, the started message, the summary, the console and the command line; one to a role
    reaches no group and says people only."""
    from tests.e2e.test_broadcast_cli import operator_env
    from tests.e2e.test_broadcast_e2e import compose, until
    from tests.e2e.test_cli_and_restart_e2e import loa_cli
    from tests.fake_telegram import TelegramUser

    at(clock, SATURDAY, 10, 0)  # a day off: no morning message in the chats
    config = console_config(db_url, fake_server, tmp_path, two_person_rule="false",
                            group_per_minute="600")
    async with running_loa(config, clock) as loa:
        await setup(loa, tg)
        group = await linked_group(loa, tg)
        admin = TelegramUser(tg, ADMIN)
        # The centre's admin and the station's officer, and the station's group.
        confirm = await compose(admin, "Chỉ cán bộ", units="TTYTHL", role="Cán bộ")
        assert "Người nhận: 1 người." in confirm["text"] and "nhóm chat" not in confirm["text"]
        await admin.press_label(confirm, "Hủy")
        await admin.receive(2)

        text = "Họp giao ban chiến dịch lúc 14:00 thứ Hai."
        confirm = await compose(admin, text, units="TTYTHL")
        assert "Người nhận: 2 người và 1 nhóm chat." in confirm["text"]
        await admin.press_label(confirm, "Gửi")
        started = await until(tg, ADMIN, lambda sent: [
            s for s in sent if s["text"].startswith(head("broadcast.started"))])
        assert started[0]["text"] == T("broadcast.started", id=1, reach="2 người và 1 nhóm chat")
        assert "Bắt đầu gửi bản tin #1 tới 2 người và 1 nhóm chat." in started[0]["text"]
        assert (await group.receive_one())["text"].endswith(text)
        summary = await until(tg, ADMIN, lambda sent: [
            s for s in sent if s["text"].startswith(head("broadcast.summary"))], timeout=20)
        assert summary[0]["text"].startswith(
            "Tổng kết bản tin #1: 2 người và 1 nhóm chat đã nhận;"), summary
        admin.seen = (await tg.sent(ADMIN))[-1]["seq"]
        await admin.send("/lichsu")
        assert "2 người và 1 nhóm chat: 3/3 đã gửi" in (await admin.receive_one())["text"]

        base = config.http.public_url
        async with loa.sessions() as session, session.begin():
            officer = await session.scalar(select(Officer).where(
                Officer.full_name == f"Cán bộ {ADMIN}"))
            link = login_url(base, await issue_link(
                Scope(session, loa.clock, loa.config, loa.texts, Actor.of(officer)), officer))
        async with httpx.AsyncClient(base_url=base) as client:
            assert (await client.post(link.removeprefix(base))).status_code == 303
            csrf = re.search(r'name="csrf" value="([^"]+)"',
                             (await client.get("/broadcasts/new")).text).group(1)
            answer = await client.post("/broadcasts/new", data={
                "csrf": csrf, "action": "preview", "text": "Nhắc lịch", "units": "TTYTHL",
                "subunits": "1"})
            listed = html.unescape((await client.get("/broadcasts")).text)
        assert answer.status_code == 200, answer.text
        assert "2 người và 1 nhóm chat: 3/3 đã gửi" in listed, listed
        assert "Người nhận: 2 người và 1 nhóm chat" in html.unescape(answer.text)

    env = operator_env(db_url, fake_server, tmp_path)
    preview = loa_cli(env, "broadcast", "send", "--text", "Nhắc lịch", "--unit", "TTYTHL")
    assert preview.returncode == 0, preview.stderr
    assert "Người nhận: 2 người và 1 nhóm chat." in preview.stdout
    preview = loa_cli(env, "broadcast", "send", "--text", "Nhắc lịch", "--role", "canbo")
    assert "Người nhận: 1 người." in preview.stdout and "nhóm chat" not in preview.stdout
    listed = loa_cli(env, "broadcast", "list")
    assert listed.returncode == 0, listed.stderr
    assert "· 2 người và 1 nhóm chat, đã gửi 3 ·" in listed.stdout
    status = loa_cli(env, "broadcast", "status", "1")
    assert "Người nhận: 2 người và 1 nhóm chat · đã gửi 3" in status.stdout


async def test_the_approver_and_the_author_are_told_people_and_groups_apart(
        db_url, fake_server, tg, clock, tmp_path):
    """With the two-person rule: the author's preview, the approver's question, the approver's
    "approved" and the author's notice all say "2 người và 1 nhóm chat"."""
    from tests.e2e.test_broadcast_e2e import compose, until
    from tests.fake_telegram import TelegramUser

    at(clock, SATURDAY, 10, 0)
    config = console_config(db_url, fake_server, tmp_path, two_person_rule="true",
                            group_per_minute="600")
    async with running_loa(config, clock) as loa:
        await setup(loa, tg)
        await make_officers(loa, tg, 1, first_id=5005, unit_code="SYT", role=Role.APPROVER)
        await linked_group(loa, tg)
        admin, approver = TelegramUser(tg, ADMIN), TelegramUser(tg, 5005)
        confirm = await compose(admin, "Tập huấn truyền thông sáng thứ Hai.", units="TTYTHL")
        assert matches(confirm["text"], "broadcast.confirm_needs_approval")
        assert "Người nhận: 2 người và 1 nhóm chat." in confirm["text"]
        await admin.press_label(confirm, "Gửi")
        assert (await admin.receive(2))[1]["text"] == T("broadcast.waiting_approval", id=1)

        _, request = await approver.receive(2)
        assert "Người nhận: 2 người và 1 nhóm chat." in request["text"]
        await approver.press(request["message_id"], request["buttons"][0][0]["data"])
        _, decided = await approver.receive(2)
        assert decided["text"] == "Đã duyệt bản tin #1: đang gửi tới 2 người và 1 nhóm chat."
        told = await until(tg, ADMIN, lambda sent: [
            s for s in sent if "đã được Cán bộ 5005 duyệt" in s["text"]])
        assert told[0]["text"].endswith("đang gửi tới 2 người và 1 nhóm chat.")
