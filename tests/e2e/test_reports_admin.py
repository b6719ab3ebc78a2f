"""The department office's side of reports: /thongke, the export, forms closed as drafts."""

from __future__ import annotations

import csv
import datetime as dt

from openpyxl import load_workbook
from sqlalchemy import insert, select

from bot.domain.reports import day_context
from bot.store.models import Conversation, Officer, Report, ReportPhoto, Role, Unit
from tests.conftest import running_loa
from tests.e2e.test_cli_and_restart_e2e import _env, loa_cli
from tests.e2e.test_reports_e2e import jpeg, labels, officer, report_config, reports, stored_photos
from tests.support.helpers import join, make_invite
from tests.support.texts import T, head
from tests.support.waits import FORMS, settled


async def quick(user, photo: bytes, caption: str, kind: str) -> None:
    await user.send_photo(photo, caption=caption)
    await user.press_label(await user.receive_one(), kind)
    await user.receive(2)


async def add_report(loa, unit_code: str, activity: str, day: dt.date, state: str = "submitted"):
    async with loa.sessions() as session, session.begin():
        unit = await session.scalar(select(Unit).where(Unit.code == unit_code))
        someone = await session.scalar(select(Officer).limit(1))
        now = loa.clock.now()
        linked = await day_context(session, day)  # as a report sent from the chat is linked
        await session.execute(insert(Report).values(
            officer_id=someone.id, unit_id=unit.id, activity=activity, day=day,
            campaign_id=linked.campaign_id, phase=linked.phase, theme=linked.theme,
            description=f"{activity} {unit_code}", state=state, created_at=now, updated_at=now))


async def test_stats_for_admins(db_url, fake_server, tg, clock, tmp_path):
    config = report_config(db_url, fake_server, tmp_path)
    async with running_loa(config, clock) as loa:
        user = await officer(loa, tg)
        await user.receive_one()
        other = await join(tg, 4502, await make_invite(loa, "TTYTHL"), "Hà Văn Sơn", "Y sĩ")
        await other.receive_one()
        admin = await join(tg, 4503, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị",
                           "Chuyên viên")
        await admin.receive_one()
        await quick(user, jpeg(1), "Treo băng rôn", "Pano, áp phích, băng rôn, khẩu hiệu")
        await add_report(loa, "TYTBC", "website", dt.date(2026, 11, 2))  # this month, not week
        await add_report(loa, "TYTBC", "website", dt.date(2026, 10, 20))  # last month
        await add_report(loa, "TTYTHL", "poster", dt.date(2026, 11, 20), state="withdrawn")

        await user.send("/thongke")
        assert (await user.receive_one())["text"] == T("errors.not_allowed",
                                                        who=T("errors.allowed_admin"))
        await admin.send("/thongke")
        text = (await admin.receive_one())["text"]
    assert "Tuần này: 1 · Tháng này: 2 · Đợt 3: Duy trì và tổng kết: 3" in text
    assert T("stats.unit_line", unit="Trạm Y tế phường Bãi Cháy", week=1, month=2, phase=3) in text
    assert T("stats.unit_line", unit="Trung tâm Y tế Hạ Long", week=0, month=0, phase=0) in text
    assert T("stats.kind_line", kind="Pano, áp phích, băng rôn, khẩu hiệu", n=1) in text
    assert T("stats.kind_line", kind="Bài viết trên cổng/trang thông tin điện tử", n=1) in text
    assert "Đơn vị chưa có báo cáo tháng này: Trung tâm Y tế Hạ Long" in text
    # Each quota in its own kind and period (stats.quota_progress).
    assert ("• Trung tâm Y tế Hạ Long: Bài viết trên cổng/trang thông tin điện tử: 0/1 "
            "(tháng 11/2026)") in text
    assert "• Trạm Y tế phường Bãi Cháy: Bài viết" not in text  # 1/1 this month
    assert "• Trạm Y tế phường Bãi Cháy: Pano, áp phích, băng rôn, khẩu hiệu: 1/2 (quý 4/2026)" in text


async def test_export_xlsx_and_csv_match_the_database(db_url, fake_server, tg, clock, tmp_path):
    config = report_config(db_url, fake_server, tmp_path)
    async with running_loa(config, clock) as loa:
        user = await officer(loa, tg)
        await user.receive_one()
        await quick(user, jpeg(1), "Treo băng rôn, cổng trạm", "Pano, áp phích, băng rôn, khẩu hiệu")
        await quick(user, jpeg(2), "Phát thanh trên loa xã", "Loa truyền thanh")
        await stored_photos(loa, 1, 1)
        await stored_photos(loa, 2, 1)
        await add_report(loa, "TTYTHL", "website", dt.date(2026, 11, 2), state="withdrawn")
        await add_report(loa, "TTYTHL", "website", dt.date(2026, 11, 3), state="draft")
        async with loa.sessions() as session:
            db = {r.id: r for r in await session.scalars(select(Report))}
            paths = {p.report_id: p.path for p in await session.scalars(select(ReportPhoto))}

    env = {**_env(db_url, None), "LOA_STORAGE_DIR": str(config.storage_dir)}
    xlsx = tmp_path / "out.xlsx"
    out = loa_cli(env, "reports", "export", "--format", "xlsx", "--out", str(xlsx))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"Đã xuất 3 báo cáo vào {xlsx}"
    sheet = load_workbook(xlsx).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Mã báo cáo", "Đơn vị", "Cán bộ", "Ngày hoạt động", "Loại hoạt động",
                           "Mô tả")
    by_id = {row[0]: row for row in rows[1:]}
    assert set(by_id) == {1, 2, 3}  # the draft is left out
    for report_id, row in by_id.items():
        report = db[report_id]
        assert row[3].date() == report.day  # a real date: sortable and filterable
        assert row[5] == report.description
        assert row[10] == (report.theme or None)
    assert by_id[1][1] == "Trạm Y tế phường Bãi Cháy" and by_id[1][2] == "Lê Thị Hoa"
    assert by_id[1][4] == "Pano, áp phích, băng rôn, khẩu hiệu" and by_id[1][13] == 1
    # The photo is linked by its place in the archive, never by a path on the server.
    assert by_id[1][16] == f"anh/TYTBC/2026-11-23_poster_1_1.{paths[1].rsplit('.', 1)[1]}"
    assert by_id[3][11] == "đã rút"

    csv_path = tmp_path / "out.csv"
    out = loa_cli(env, "reports", "export", "--format", "csv", "--unit", "TYTBC",
                  "--from", "2026-11-23", "--to", "2026-11-23", "--out", str(csv_path))
    assert out.returncode == 0, out.stderr
    with csv_path.open(encoding="utf-8-sig") as f:
        table = list(csv.reader(f))
    assert [r[0] for r in table[1:]] == ["1", "2"] and table[2][4] == "Loa truyền thanh"

    bad = loa_cli(env, "reports", "export", "--unit", "KHONGCO")
    assert bad.returncode == 2 and "Không có đơn vị mã KHONGCO" in bad.stderr


async def test_an_unfinished_form_becomes_a_draft_to_resume(db_url, fake_server, tg, clock,
                                                            tmp_path):
    config = report_config(db_url, fake_server, tmp_path, form_timeout_hours=2)
    async with running_loa(config, clock) as loa:
        user = await officer(loa, tg)
        await user.receive_one()
        await user.send("/baocao")
        await user.press_label(await user.receive_one(), "Loa truyền thanh")
        await user.receive(2)
        await user.send("Phát thanh tuyên truyền tại thôn 3")
        await user.receive_one()  # the date question
        clock.advance(dt.timedelta(hours=1, minutes=59))
        await user.send("hôm nay")  # still open: answered, and the form's clock starts again
        await user.receive_one()
        clock.advance(dt.timedelta(hours=1, minutes=59))
        await settled(loa, FORMS)
        assert await tg.sent(user.id, after=user.seen) == []
        clock.advance(dt.timedelta(minutes=2))
        closed = await user.receive_one()
        assert closed["text"] == T("report.form_closed", hours=2)
        async with loa.sessions() as session:
            assert (await session.scalars(select(Conversation))).all() == []
        (draft,) = await reports(loa)
        assert (draft.state, draft.activity, draft.description) == (
            "draft", "loudspeaker", "Phát thanh tuyên truyền tại thôn 3")

        await user.send("/baocao")
        offer = await user.receive_one()
        assert offer["text"] == T("report.ask_resume", what="Phát thanh tuyên truyền tại thôn 3")
        assert labels(offer) == [T("report.resume"), "Báo cáo mới"]
        await user.press_label(offer, "Làm tiếp")
        _, summary = await user.receive(2)
        assert T("report.line_description", value="Phát thanh tuyên truyền tại thôn 3") in summary["text"]
        await user.press_label(summary, "Gửi")
        assert (await user.receive(2))[1]["text"].startswith(head("report.saved") + "1: Loa truyền thanh")
        assert [(r.id, r.state) for r in await reports(loa)] == [(1, "submitted")]
