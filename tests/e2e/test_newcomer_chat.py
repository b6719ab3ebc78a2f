"""What a newcomer, an officer and an admin tripped over in the chat and the CLI (issue 26), each
reproduced on a channel without buttons (like the demo chat and Zalo) and then fixed."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot.domain.campaigns import check_file, load
from bot.domain.prompts import queue_due
from bot.store.models import Delivery, PromptAction
from tests.conftest import ROOT
from tests.support.cli import cli_home, staff_sheet, stored_invites
from tests.support.helpers import buttonless_loa, seed_units
from tests.support.texts import T, head, matches
from tests.unit.test_dispatch import command, last_text, text
from tests.unit.test_numbered_choices_and_refusals import joined


@pytest.fixture
async def plain(db_url, clock):
    async with buttonless_loa(db_url, clock) as got:
        yield got


async def load_sample_campaign(loa) -> None:
    async with loa.sessions() as session, session.begin():
        await load(session, loa.clock, check_file(
            ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "test")


async def send_prompts(loa) -> None:
    """Today's daily messages queued and sent through the outbox, as the scheduler would."""
    assert (await queue_due(loa.sessions, loa.clock, loa.config, loa.texts)).counts["prompt"] >= 1
    stop = asyncio.Event()
    runner = asyncio.create_task(loa.outbox.run(stop))
    for _ in range(1000):  # until every send is written down (with the menu it showed)
        async with loa.sessions() as session:
            if None not in (await session.scalars(select(Delivery.sent_at))).all():
                break
        await asyncio.sleep(0.01)
    stop.set()
    await runner


# -- point 2: the daily message's numbered choices keep working ---------------------------------

async def test_daily_message_numbers_work_again_after_one_was_used(plain):
    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    await load_sample_campaign(loa)
    await send_prompts(loa)
    assert f"2. {T('prompt.done')}" in last_text(ch)
    await loa.dispatcher.handle(text("2"))
    assert last_text(ch) == T("prompt.done_ack")
    # Shown again by /homnay: its numbers answer it, once and again.
    await loa.dispatcher.handle(command("homnay"))
    assert f"3. {T('prompt.later')}" in last_text(ch)
    await loa.dispatcher.handle(text("3"))
    assert matches(last_text(ch), "prompt.snoozed")
    await loa.dispatcher.handle(text("2"))  # the menu of /homnay is still the one shown
    assert last_text(ch) == T("prompt.already_done")
    # After /huy (nothing to cancel, or a form cancelled), /homnay's numbers still work.
    await loa.dispatcher.handle(command("baocao"))
    await loa.dispatcher.handle(command("huy"))
    await loa.dispatcher.handle(command("homnay"))
    await loa.dispatcher.handle(text("1"))
    assert "Đây là hoạt động gì?" in last_text(ch) or "Mô tả" in last_text(ch) \
        or "ảnh" in last_text(ch)
    async with loa.sessions() as session:
        actions = (await session.scalars(select(PromptAction.action))).all()
    assert sorted(actions) == ["done", "snooze"]


async def test_homnay_on_a_day_off_says_so_and_shows_the_next_working_days_message(plain):
    import datetime as dt

    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    await load_sample_campaign(loa)
    loa.clock.set(dt.datetime(2026, 11, 29, 2, 0, tzinfo=dt.UTC))  # Sunday 29/11, 09:00 in Vietnam
    await loa.dispatcher.handle(command("homnay"))
    notice, preview = ch.sent[-2][1].text, last_text(ch)
    assert notice == T("newcomer.day_off_preview", why=T("campaign.weekend"), weekday="Thứ Hai",
                       date="30/11")
    assert T("prompt.greeting", weekday="Thứ Hai", date="30/11/2026") in preview
    assert "1." not in preview  # no choices to type: nothing was sent
    from bot.cli.run import demo_day_off_note
    assert demo_day_off_note(loa) == "\n" + T("newcomer.demo_day_off", why=T("campaign.weekend"),
                                               weekday="Thứ Hai", date="30/11")
    loa.clock.set(dt.datetime(2026, 11, 30, 2, 0, tzinfo=dt.UTC))
    assert demo_day_off_note(loa) == ""


# -- point 3: one set of numbers ------------------------------------------------------------------

# (unit code, date, kind): a monthly website quota (1) and a quarterly poster quota (2). The
# ward has 4 reports in November, 3 of them websites: the old overview added 1 + 2 and showed
# it "ahead" (4/3), while its posters are 1/2 for the quarter. The centre's posters of October
# count for the quarter.
QUOTA_REPORTS = [
    ("TYTBC", "2026-11-03", "website"), ("TYTBC", "2026-11-05", "website"),
    ("TYTBC", "2026-11-09", "website"), ("TYTBC", "2026-11-16", "poster"),
    ("TTYTHL", "2026-10-12", "poster"), ("TTYTHL", "2026-11-10", "poster"),
    ("TTYTHL", "2026-11-12", "loudspeaker"),
]
WARD, CENTRE = "Trạm Y tế phường Bãi Cháy", "Trung tâm Y tế Hạ Long"
WEB, POSTER = "Bài viết trên cổng/trang thông tin điện tử", "Pano, áp phích, băng rôn, khẩu hiệu"
# What every surface must say on Monday 23/11/2026.
PROGRESS = {
    WARD: [f"{WEB}: 3/1 (tháng 11/2026)", f"{POSTER}: 1/2 (quý 4/2026)"],
    CENTRE: [f"{WEB}: 0/1 (tháng 11/2026)", f"{POSTER}: 2/2 (quý 4/2026)"],
}


async def seed_quota_reports(loa) -> int:
    import datetime as dt

    from sqlalchemy import insert

    from bot.store.models import Campaign, Officer, Report, Role, Unit

    now = loa.clock.now()
    await load_sample_campaign(loa)
    async with loa.sessions() as session, session.begin():
        campaign = await session.scalar(select(Campaign))
        units = {u.code: u.id for u in await session.scalars(select(Unit))}
        officers = {}
        for code in ("TTYTHL", "TYTBC"):
            officers[code] = await session.scalar(insert(Officer).values(
                full_name=f"Cán bộ {code}", position="Y sĩ", unit_id=units[code],
                role=Role.OFFICER.value, status="active", created_at=now, updated_at=now
            ).returning(Officer.id))
        for code, day, kind in QUOTA_REPORTS:
            await session.execute(insert(Report).values(
                officer_id=officers[code], unit_id=units[code], campaign_id=campaign.id,
                phase="Đợt 3", activity=kind, description="Hoạt động",
                day=dt.date.fromisoformat(day), state="submitted", created_at=now,
                updated_at=now))
        return campaign.id


async def test_quota_progress_is_the_same_on_all_four_surfaces(
        db_url, fake_server, tg, clock, tmp_path, capsys):
    import httpx
    from docx import Document
    from openpyxl import load_workbook

    from bot.cli import build_parser
    from bot.store.models import Role
    from tests.support.helpers import join, make_invite
    from tests.support.web_console import console_config, link_from_chat

    config = console_config(db_url, fake_server, tmp_path)
    from tests.conftest import running_loa
    async with running_loa(config, clock) as loa:
        await seed_units(loa)
        campaign_id = await seed_quota_reports(loa)
        admin = await join(tg, 4701, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị",
                           "Chuyên viên")
        await admin.receive_one()
        # 1. /thongke: the units behind, each quota in its own kind and period.
        await admin.send("/thongke")
        stats = (await admin.receive_one())["text"]
        behind = stats.split("Đơn vị chưa đạt chỉ tiêu:\n")[1].splitlines()
        assert sorted(behind) == sorted([f"• {WARD}: {PROGRESS[WARD][1]}",
                                         f"• {CENTRE}: {PROGRESS[CENTRE][0]}"])
        from bot.domain.officers import make_admin
        from bot.store.models import Broadcast
        async with loa.sessions() as session, session.begin():
            nameless = await make_admin(session, loa.clock, "telegram", "9999")  # `loa admin add`
            session.add(Broadcast(content={"text": "Họp giao ban"}, audience={},
                                  state="awaiting_approval", author_id=nameless.id,
                                  created_at=loa.clock.now()))
        # 2. The console's overview.
        link = await link_from_chat(admin)
        async with httpx.AsyncClient(follow_redirects=True) as web:
            page = await web.post(link, headers={"Origin": config.http.public_url})
            assert page.status_code == 200, page.text
            overview = page.text
            # Point 5: the web's /audit in Vietnamese, with the details, as `loa audit` shows them.
            audit = (await web.get(f"{config.http.public_url}/audit")).text
            audit = audit[audit.index('id="audit"'):]
            assert "Chi tiết" in audit and "đăng nhập trang quản trị" in audit
            assert "Mai Quản Trị (cán bộ #" in audit and "<td>cán bộ #" in audit
            assert "officer #" not in audit and "None" not in audit
            # Point 4: admins in no unit are shown where officers are.
            units = (await web.get(f"{config.http.public_url}/units")).text
            no_unit = units[units.index('id="no-unit"'):]
            assert "Không thuộc đơn vị nào" in no_unit and "(chưa có họ tên)" in no_unit
            assert "Quản trị viên" in no_unit
            broadcasts = (await web.get(f"{config.http.public_url}/broadcasts")).text
            assert f"cán bộ #{nameless.id} ·" in broadcasts  # theirs, not the operator's
            assert "Người vận hành" not in broadcasts
        for unit, lines in PROGRESS.items():
            row = overview.split(f"<td>{unit}")[1].split("</tr>")[0]
            assert "<br>".join(lines) in row, row
        assert "4/3" not in overview
        # The overview in Chromium, at a phone's width and a desktop's, for a person to look at.
        from tests.support.web_console import chromium, signed_in
        link = await link_from_chat(admin)
        async with chromium() as browser:
            page = await signed_in(browser, link, config.http.public_url,
                                   viewport={"width": 390, "height": 844})
            shown = await page.inner_text("#coverage")
            assert f"{POSTER}: 1/2 (quý 4/2026)" in shown
            for label, size in (("phone", (390, 844)), ("desktop", (1366, 900))):
                await page.set_viewport_size({"width": size[0], "height": size[1]})
                await page.screenshot(path=str(tmp_path / f"overview-{label}.png"), full_page=True)
                width = await page.evaluate("document.documentElement.scrollWidth")
                assert width <= size[0], (label, width)
    # 3. The Word draft and 4. the spreadsheet, up to the same day.
    docx, xlsx = tmp_path / "bc.docx", tmp_path / "bc.xlsx"
    for argv in (["reports", "docx", "--campaign", str(campaign_id), "--to", "2026-11-23",
                  "--out", str(docx)],
                 ["reports", "export", "--campaign", str(campaign_id), "--from", "2026-11-01",
                  "--to", "2026-11-23", "--out", str(xlsx)]):
        args = build_parser().parse_args(argv)
        assert await args.func(config, args) == 0, capsys.readouterr().err
    table = next(t for t in Document(str(docx)).tables if t.cell(0, 1).text == "Đơn vị")
    word = {row.cells[1].text: row.cells[5].text.splitlines() for row in table.rows[1:]}
    assert word[WARD] == PROGRESS[WARD] and word[CENTRE] == PROGRESS[CENTRE]
    sheet = list(load_workbook(xlsx)["Chỉ tiêu"].iter_rows(values_only=True))
    assert sheet[0] == ("STT", "Đơn vị", "Loại hoạt động", "Kỳ", "Đã làm", "Chỉ tiêu", "Kết quả")
    cells = {(r[1], r[2]): f"{r[2]}: {r[4]}/{r[5]} ({r[3]})" for r in sheet[1:]}
    for unit, lines in PROGRESS.items():
        assert [cells[(unit, kind)] for kind in (WEB, POSTER)] == lines
    verdicts = {(r[1], r[2]): r[6] for r in sheet[1:]}
    assert verdicts[(WARD, POSTER)] == "Chưa đạt" and verdicts[(WARD, WEB)] == "Đạt"


# -- point 4: an admin made from the CLI has a name, is listed and can be removed --------------

async def loa_command(loa, capsys, *argv: str, code: int = 0) -> str:
    """Run a `loa` command in this process as the CLI does; returns what it printed."""
    from bot.cli import build_parser

    args = build_parser().parse_args(argv)
    assert await args.func(loa.config, args) == code, capsys.readouterr()
    out = capsys.readouterr()
    return out.out + out.err


async def test_admin_from_the_cli_is_named_listed_asked_in_chat_and_removed(plain, capsys):
    from bot.cli.audit import line
    from bot.domain.audit import entries

    loa, ch = plain
    await seed_units(loa)
    out = await loa_command(loa, capsys, "admin", "add", "--channel", "zalo", "--name",
                            "trần văn an", "z-111")
    assert "Họ tên: Trần Văn An." in out and "không nhận tin nhắn hằng ngày" in out
    out = await loa_command(loa, capsys, "admin", "add", "--name", "An", "222", code=2)
    assert "ít nhất hai chữ" in out
    out = await loa_command(loa, capsys, "admin", "add", "--channel", "zalo", "z-222")
    assert "Chưa có họ tên: Loa sẽ hỏi" in out
    out = await loa_command(loa, capsys, "admin", "list")
    assert "2 quản trị viên:" in out
    assert "Trần Văn An — (chưa thuộc đơn vị nào) — Đang nhận tin — Zalo z-111" in out
    assert "(chưa có) — (chưa thuộc đơn vị nào) — Đang nhận tin — Zalo z-222" in out

    # The nameless admin's first contact: asked for the name, not for an invite code.
    await loa.dispatcher.handle(command("start", user="z-222"))
    assert last_text(ch) == T("newcomer.ask_admin_name")
    await loa.dispatcher.handle(text("Lê", user="z-222"))
    assert ch.sent[-2][1].text == T("onboarding.name_need_full")
    await loa.dispatcher.handle(text("phạm thu hà", user="z-222"))
    assert last_text(ch) == T("newcomer.admin_name_saved", name="Phạm Thu Hà")
    await loa.dispatcher.handle(command("me", user="z-222"))
    assert "Phạm Thu Hà" in last_text(ch)
    assert T("newcomer.prompt_no_unit") in last_text(ch)  # as the command said

    out = await loa_command(loa, capsys, "admin", "remove", "--channel", "zalo", "z-111")
    assert "Đã bỏ quyền quản trị của Trần Văn An" in out and "ngừng gửi tin" in out
    out = await loa_command(loa, capsys, "admin", "remove", "--channel", "zalo", "z-111", code=2)
    assert "không phải quản trị viên" in out
    out = await loa_command(loa, capsys, "admin", "list")
    assert "1 quản trị viên:" in out and "Phạm Thu Hà" in out and "Trần Văn An" not in out

    # Each step audited, named and in Vietnamese (point 5: no "officer #1", no English role).
    async with loa.sessions() as session:
        lines = [line(loa.texts, loa.config.timezone, row) for row in await entries(session)]
    assert any("Người vận hành (dòng lệnh) · ghi họ tên · cán bộ #" in x
               and "họ tên: Trần Văn An" in x for x in lines), lines
    assert any("· cấp quyền · cán bộ #" in x and "vai trò: Quản trị viên" in x
               and "kênh: Zalo" in x for x in lines), lines
    assert any(" · Phạm Thu Hà (cán bộ #2) · ghi họ tên · cán bộ #2 · họ tên: Phạm Thu Hà" in x
               for x in lines), lines
    async with loa.sessions() as session:  # as an officer still without a name is shown
        by_officer = next(r for r in await entries(session) if r.entry.actor_kind == "officer")
    nameless = line(loa.texts, loa.config.timezone, type(by_officer)(by_officer.entry, None))
    assert " · cán bộ #2 (chưa có họ tên) · ghi họ tên · " in nameless
    assert any("bỏ quyền quản trị" in x for x in lines)
    assert not any("admin" in x or "officer" in x or "None" in x for x in lines), lines


# -- points 6 and 21: slogans from chat belong to a campaign; names and buttons agree ----------

async def drain(loa) -> None:
    """Run the outbox until nothing is pending."""
    from bot.store.models import DeliveryState

    stop = asyncio.Event()
    runner = asyncio.create_task(loa.outbox.run(stop))
    for _ in range(1000):
        async with loa.sessions() as session:
            if not (await session.scalars(select(Delivery.id).where(Delivery.state.in_(
                    [DeliveryState.PENDING.value, DeliveryState.SENDING.value])))).all():
                break
        await asyncio.sleep(0.01)
    stop.set()
    await runner


def named(event, name: str):
    """The event as a platform sends it, with the account's display name."""
    import dataclasses

    return dataclasses.replace(event, display_name=name)


async def test_a_chat_slogan_belongs_to_the_running_campaign_and_the_author_is_named(plain):
    from bot.domain.officers import make_admin
    from bot.store.models import Role, Slogan

    loa, ch = plain
    await seed_units(loa)
    await load_sample_campaign(loa)
    async with loa.sessions() as session, session.begin():
        await make_admin(session, loa.clock, "zalo", "boss")  # `loa admin add`, no --name
    from tests.support.helpers import make_invite
    await loa.dispatcher.handle(command("start", await make_invite(loa, "SYT", Role.APPROVER),
                                        user="appr"))
    for answer in ("1", "Trần Thị Duyệt", "Phó Giám đốc"):
        await loa.dispatcher.handle(text(answer, user="appr"))
    # The nameless admin proposes; Zalo gave their display name, which the approver reads.
    await loa.dispatcher.handle(named(command("khauhieu", "Sống", "khỏe", "mỗi", "ngày",
                                              user="boss"), "Hà Phạm"))
    await drain(loa)
    chat, request = ch.sent[-1]
    assert chat == "appr" and "do Hà Phạm đề xuất:\n“Sống khỏe mỗi ngày”" in request.text
    await loa.dispatcher.handle(text("1", user="appr"))  # Duyệt
    async with loa.sessions() as session:
        slogan = await session.scalar(select(Slogan).where(Slogan.text == "Sống khỏe mỗi ngày"))
    assert slogan.state == "approved" and slogan.campaign_id is not None
    # Listed with its campaign, so it can be retired.
    await loa.dispatcher.handle(command("dskhauhieu", user="appr"))
    listing = last_text(ch)
    assert f"KH{slogan.id}" in listing and "Sống khỏe mỗi ngày" in listing
    assert "chưa thuộc chiến dịch nào" not in listing
    assert any(line.strip().endswith(f"KH{slogan.id}") for line in listing.splitlines()
               if line.strip()[:1].isdigit()), listing  # a choice to retire it


async def test_the_two_buttons_of_another_days_message_agree_and_admins_in_no_unit_get_none(
        plain):
    import datetime as dt

    from bot.domain.officers import make_admin

    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    await load_sample_campaign(loa)
    async with loa.sessions() as session, session.begin():
        await make_admin(session, loa.clock, "zalo", "boss")
    await send_prompts(loa)
    assert not any(chat == "boss" for chat, _ in ch.sent)  # decided: no unit, no daily message
    loa.clock.advance(dt.timedelta(days=1))  # Tuesday: Monday's message is still on screen
    await loa.dispatcher.handle(text("3"))
    later = last_text(ch)
    await loa.dispatcher.handle(text("2"))
    done = last_text(ch)
    assert later == done == T("newcomer.prompt_other_day", date="23/11")
    async with loa.sessions() as session:
        assert (await session.scalars(select(PromptAction))).all() == []
    # "Loa truyền thanh" has no article: the link question does not ask for one.
    await loa.dispatcher.handle(command("baocao"))
    kinds = last_text(ch)
    number = next(line.split(".")[0].strip() for line in kinds.splitlines()
                  if "Loa truyền thanh" in line)
    for answer in (number, "Phát thanh ở chợ", "hôm nay", "bỏ qua"):
        await loa.dispatcher.handle(text(answer))
    assert "bài viết" not in last_text(ch) and "đường dẫn" in last_text(ch)


# -- points 11 and 20: the summary report names its plan once; words that matter show ----------

async def test_summary_report_of_a_plan_named_by_its_title(plain):
    from docx import Document

    from bot.domain.officers import make_admin

    loa, ch = plain
    await seed_units(loa)
    async with loa.sessions() as session, session.begin():
        await load(session, loa.clock, check_file(
            ROOT / "messages" / "campaigns" / "langson-72-nqtw-2025.toml"), "test")
        await make_admin(session, loa.clock, "zalo", "boss")
    await loa.dispatcher.handle(command("baocaotonghop", "72-NQ", user="boss"))
    said = last_text(ch)  # the demo-like channel takes no documents: it says where the file is
    assert "Kế hoạch Kế hoạch" not in said
    assert "thực hiện Kế hoạch tuyên truyền Nghị quyết 72-NQ/TW (15/10/2025 – 23/11/2026)" in said
    assert "0 hoạt động do 0/2 đơn vị báo cáo, 2 đơn vị chưa báo cáo" in said
    path = next(w for w in said.split() if w.endswith(".docx"))
    assert path.endswith("/bao-cao-tuyen-truyen-Nghi-quyet-72-NQ-TW-20261123.docx")
    doc = Document(path)
    texts = [p.text for p in doc.paragraphs]
    assert not any("Kế hoạch số Kế hoạch" in x or "Kế hoạch Kế hoạch" in x for x in texts)
    silent = next(p for p in doc.paragraphs if p.text.startswith("3. Đơn vị chưa báo cáo: "))
    head, names = silent.runs
    assert head.bold and not names.bold and "Trạm Y tế phường Bãi Cháy" in names.text


def test_choice_labels_keep_the_words_that_tell_two_plans_apart():
    from bot.core.textfit import shorten_apart

    a = "Truyền thông phòng, chống bệnh không lây nhiễm năm 2026 tại tuyến xã"
    b = "Truyền thông phòng, chống bệnh không lây nhiễm năm 2026 tại trường học"
    c = "Tiêm chủng mở rộng"
    la, lb, lc = shorten_apart([a, b, c], 48)
    assert la != lb and "tuyến xã" in la and "trường học" in lb and lc == c
    assert len(la) <= 48 and len(lb) <= 48


async def test_tatnhac_on_a_sunday_counts_working_days(plain):
    import datetime as dt

    loa, ch = plain
    await seed_units(loa)
    await joined(loa)
    loa.clock.set(dt.datetime(2026, 11, 29, 2, 0, tzinfo=dt.UTC))  # Sunday 29/11
    await loa.dispatcher.handle(command("tatnhac", "3"))
    # Monday 30/11, Tuesday 1/12, Wednesday 2/12: three days of messages, not Sunday.
    assert last_text(ch) == T("prompt.muted", days=3, until="02/12/2026")


# -- point 10: the demo names the real time and never asks to press a button ------------------

@pytest.mark.timeout(120)
def test_demo_names_the_real_time_and_no_buttons(tmp_path):
    import os
    import sys

    import pexpect

    from bot.domain.workdays import is_working_day

    cfg = tmp_path / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n'
                   f'[demo]\ndatabase_url = "sqlite+aiosqlite:///{tmp_path / "demo.sqlite3"}"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_URL"))}
    env.update({"LOA_CONFIG": str(cfg), "PYTHONUNBUFFERED": "1", "COLUMNS": "200"})
    child = pexpect.spawn(sys.executable, ["-m", "bot", "demo"], env=env, cwd=str(ROOT),
                          encoding="utf-8", timeout=30, dimensions=(50, 200))
    child.expect_exact("› ")
    banner = child.before
    import datetime as dt
    from zoneinfo import ZoneInfo
    today = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    assert ("tin nhắn hằng ngày không đến" in banner) == (not is_working_day(today))
    seen = [banner]
    for line, wait in (("/start DEMO", "1. Đúng"), ("1", "họ và tên"),
                       ("Nguyễn Thị Lan", "Chức vụ"), ("Điều dưỡng", "Chào mừng"),
                       ("/me", "Nhắc việc hằng ngày"), ("/gio", "/gio macdinh")):
        child.sendline(line)
        child.expect_exact(wait)
        seen.append(child.before + wait)
        child.expect_exact("› ")
        seen.append(child.before)
    child.sendline(":q")
    child.expect(pexpect.EOF)
    said = "\n".join(seen)
    assert "khoảng 07:30" in said and "lúc 07:30 (giờ chung" in said
    assert "Về giờ chung (07:30)" in said
    assert "00:00" not in said
    assert "bấm" not in said.casefold()


# -- points 12, 13, 14, 17: the CLI as a newcomer uses it ------------------------------------

@pytest.fixture
def cli_env(monkeypatch, tmp_path):
    return cli_home(monkeypatch, tmp_path)


def test_broadcast_preview_needs_no_channel_and_is_not_a_failure(cli_env, capsys):
    from bot.cli import main

    assert main(["unit", "add", "Trạm Y tế phường Bãi Cháy", "--code", "TYTBC"]) == 0
    capsys.readouterr()
    assert main(["broadcast", "send", "--text", "Nhắc lịch tiêm chủng"]) == 0
    out = capsys.readouterr().out
    assert "Người nhận: 0 người." in out and "Chưa gửi. Thêm --yes để gửi." in out
    assert "Lưu ý: Chưa có kênh nào để gửi" in out
    # Sending does need one: said, exit 2.
    assert main(["broadcast", "send", "--text", "Nhắc lịch tiêm chủng", "--yes"]) == 2
    assert "Chưa có kênh nào để gửi" in capsys.readouterr().err
    # A missing photo is told in Vietnamese, not "No such file or directory".
    assert main(["broadcast", "send", "--text", "x", "--photo", str(cli_env / "khong.jpg")]) == 2
    err = capsys.readouterr().err
    assert "không có tệp hoặc thư mục này" in err and "No such file" not in err
    # An output file in a folder that does not exist: one Vietnamese line, no traceback.
    for argv in (["reports", "export", "--out", str(cli_env / "khong" / "x.xlsx")],
                 ["reports", "photos", "--out", str(cli_env / "khong" / "x.zip")]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "Không ghi được tệp" in err and "không có tệp hoặc thư mục này" in err
        assert "Traceback" not in err


def test_prompts_preview_defaults_to_today_takes_vietnamese_dates_and_survives_head(cli_env,
                                                                                   capsys):
    import datetime as dt
    import os
    import subprocess
    import sys
    from zoneinfo import ZoneInfo

    from bot.cli import main

    assert main(["prompts", "preview"]) == 0
    today = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    assert f"{today:%d/%m/%Y}" in capsys.readouterr().out
    assert main(["prompts", "preview", "--date", "23/11/2026"]) == 0
    assert "Thứ Hai, 23/11/2026 (ngày làm việc)" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["prompts", "preview", "--date", "31/02/2026"])
    assert "dd/mm/yyyy hoặc YYYY-MM-DD" in capsys.readouterr().err
    # Piped into `head`, which closes the pipe early: no traceback.
    env = dict(os.environ)
    campaign = ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"
    assert main(["campaign", "load", str(campaign)]) == 0
    assert main(["admin", "add", "--name", "Nguyễn Văn An", "1000"]) == 0
    import sqlite3  # enough admins for a listing far larger than a pipe's buffer (64 KB)
    with sqlite3.connect(cli_env / "loa.sqlite3") as db:
        db.executemany(
            "INSERT INTO officers (full_name, role, status, created_at, updated_at) "
            "VALUES (?, 'admin', 'active', '2026-11-23 02:00:00', '2026-11-23 02:00:00')",
            [(f"Nguyễn Văn Quản Trị Số {i}",) for i in range(3000)])
    done = subprocess.run(f"{sys.executable} -m bot admin list | head -1", shell=True, env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.startswith("3001 quản trị viên:")
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr


def test_an_empty_plan_is_called_empty(cli_env, capsys):
    from bot.cli import main

    empty = cli_env / "ke-hoach.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    assert main(["campaign", "import", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "«ke-hoach.txt» không có chữ nào để đọc: tệp trống" in err and "OCR" not in err


# -- point 7: loa officers import -----------------------------------------------------------

def test_officers_import_says_everything_at_once_and_never_twice(cli_env, capsys):
    from openpyxl import load_workbook

    from bot.cli import main

    assert main(["unit", "add", "Trạm Y tế phường Bãi Cháy", "--code", "TYTBC"]) == 0
    sheet = cli_env / "danh-sach.xlsx"
    staff_sheet(sheet, [(1, "TYTXX", "Trần Văn Bình", "Y sĩ", "", "0912 345 678"),
                        (2, "TYTBC", "", "Y sĩ", "", None),
                        (3, "TYTBC", "Lê Văn Cường", "Y sĩ", "", "abc")])
    capsys.readouterr()
    assert main(["officers", "import", str(sheet)]) == 2
    err = capsys.readouterr().err
    # Every problem in one go: the unknown unit with the others, in the sheet's own words.
    assert "dòng 2: không có đơn vị mã TYTXX" in err
    assert "dòng 3: thiếu họ và tên" in err and "Câu trả lời đang để trống" not in err
    assert "dòng 4: số điện thoại «abc» chưa đúng" in err

    staff_sheet(sheet, [(1, "TYTBC", "nguyễn thị lan", "Điều dưỡng", "", "0912 345 678"),
                        (2, "TYTBC", "Phạm Văn Minh", "Y sĩ", "Đầu mối báo cáo", "+84 912.345.679")])
    assert main(["officers", "import", str(sheet)]) == 0
    assert "Đã tạo 2 mã mời" in capsys.readouterr().out
    copy = load_workbook(cli_env / "danh-sach-moi.xlsx").active
    codes = [copy.cell(row=r, column=7).value for r in (2, 3)]
    qr_cells = [copy.cell(row=r, column=9).value for r in (2, 3)]
    assert qr_cells == [f"/start {codes[0]}", f"/start {codes[1]}"]  # not an empty column

    # The same sheet again: the open invites are kept, none made twice.
    assert main(["officers", "import", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "Đã tạo 0 mã mời" in out and "2 người đã có mã mời chưa dùng" in out
    again = load_workbook(cli_env / "danh-sach-moi.xlsx").active
    assert [again.cell(row=r, column=7).value for r in (2, 3)] == codes

    found = {code: invite.person for code, invite in stored_invites(cli_env).items()}
    assert len(found) == 2
    assert found[codes[0]] == {"name": "Nguyễn Thị Lan", "position": "Điều dưỡng",
                               "phone": "0912 345 678"}


async def test_joining_with_a_staff_list_invite_confirms_the_lists_name(plain):
    from bot.domain.invites import create_invite
    from bot.domain.units import get_unit
    from bot.store.models import Officer

    loa, ch = plain
    await seed_units(loa)
    async with loa.sessions() as session, session.begin():
        invite = await create_invite(session, loa.clock, await get_unit(session, "TYTBC"))
        invite.person = {"name": "Nguyễn Thị Lan", "position": "Điều dưỡng", "phone": ""}
        code = invite.code
    await loa.dispatcher.handle(command("start", code))
    await loa.dispatcher.handle(text("1"))  # the unit is right
    assert last_text(ch).startswith(T("newcomer.confirm_person", name="Nguyễn Thị Lan",
                                      position="Điều dưỡng"))
    await loa.dispatcher.handle(text("1"))  # Đúng, là tôi
    assert last_text(ch).startswith(head("onboarding.welcome") + "Nguyễn Thị Lan")
    async with loa.sessions() as session:
        officer = await session.scalar(select(Officer))
    assert (officer.full_name, officer.position) == ("Nguyễn Thị Lan", "Điều dưỡng")


# -- point 2 again, over the fake Zalo Bot API (and across a restart) --------------------------

async def test_daily_message_numbers_keep_working_on_zalo_across_a_restart(
        db_url, zalo_server, zl, clock, tmp_path):
    from tests.conftest import running_loa
    from tests.e2e.test_zalo_e2e import officer_with_campaign
    from tests.support.zalo_helpers import menu_stored, zalo_config

    config = zalo_config(db_url, zalo_server, tmp_path)
    async with running_loa(config, clock) as loa:
        hoa = await officer_with_campaign(loa, zl, "2601abcd", "Lê Thị Hoa")
        assert f"  2. {T('prompt.done')}" in (await hoa.receive_one())["text"]
        await menu_stored(loa, hoa.id)
        await hoa.send("2")
        assert (await hoa.receive_one())["text"] == T("prompt.done_ack")
        await hoa.send("/homnay")
        assert f"  3. {T('prompt.later')}" in (await hoa.receive_one())["text"]
    async with running_loa(config, clock) as loa:  # Loa restarted: the numbers still answer
        await hoa.send("3")
        assert matches((await hoa.receive_one())["text"], "prompt.snoozed")
        await hoa.send("/huy")
        await hoa.receive_one()
        await hoa.send("/homnay")
        await hoa.receive_one()
        await hoa.send("2")
        assert (await hoa.receive_one())["text"] == T("prompt.already_done")
