"""The console as a newcomer met it (issue 26), in a real headless Chromium at phone (390 px) and
desktop (1366 px) widths: a photo broadcast from the web, a report's link, /units' results,
/exports' choices, pages that fit a phone, and the import draft's warnings."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.domain.campaigns import check_file, load
from bot.store.models import Officer, Report, Unit
from tests.conftest import ROOT, running_loa
from tests.e2e.test_reports_e2e import stored_photos
from tests.support.texts import T
from tests.support.web_console import (
    chromium,
    console_config,
    console_people,
    link_from_chat,
    photo_jpeg,
    signed_in,
)

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}
SHOTS = Path("/tmp/nw")
CAMPAIGNS = ROOT / "messages" / "campaigns"
SHOTS.mkdir(exist_ok=True)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}"


async def shoot(page: Any, name: str) -> None:
    """Both widths, full page, for a person to look at."""
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        await page.set_viewport_size(size)
        await page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
    await page.set_viewport_size(DESKTOP)


@contextlib.asynccontextmanager
async def console(db_url: str, fake_server: Any, tg: Any, clock: Any, tmp_path: Path
                  ) -> AsyncIterator[dict[str, Any]]:
    """Loa with an officer (and the sample campaign), an admin and an approver; the admin signed
    in to the console in Chromium."""
    config = console_config(db_url, fake_server, tmp_path)
    async with running_loa(config, clock) as loa:
        user, admin, approver = await console_people(loa, tg)
        link = await link_from_chat(admin)
        async with chromium() as browser:
            page = await signed_in(browser, link, config.http.public_url, viewport=DESKTOP)
            yield {"loa": loa, "base": config.http.public_url, "page": page, "user": user,
                   "admin": admin, "approver": approver, "tmp": tmp_path}


async def next_photo(person: Any) -> dict[str, Any]:
    """The next photo sent to `person`, past edits and notices (each waited for, bounded)."""
    for _ in range(6):
        got = await person.receive_one()
        if got["method"] == "sendPhoto":
            return got
    raise AssertionError(f"no photo for {person.id}")


# -- point 1: a photo broadcast from the web ---------------------------------------------------

async def test_photo_broadcast_keeps_its_photo_from_preview_to_send(sqlite_url, fake_server, tg,
                                                                   clock, tmp_path):
    async with console(sqlite_url, fake_server, tg, clock, tmp_path) as c:
        page, base, approver, user = c["page"], c["base"], c["approver"], c["user"]
        jpeg = tmp_path / "bang-ron.jpg"
        jpeg.write_bytes(photo_jpeg(3))

        # With text: the preview shows the photo, and the photo is still there when sending.
        await page.goto(f"{base}/broadcasts/new")
        await page.locator("#text").fill("Hưởng ứng Ngày Thế giới phòng chống AIDS 1/12")
        await page.locator("#photo").set_input_files(str(jpeg))
        await page.locator("input[name=units][value=TYTBC]").check()
        await page.get_by_role("button", name="Xem trước").click()
        shown = page.locator("#preview-photo")
        await shown.wait_for()
        await shown.evaluate("img => img.complete || new Promise(d => { img.onload = img.onerror = d; })")
        assert await shown.evaluate("img => img.naturalWidth") == 800
        await shoot(page, "p1-broadcast-preview")
        # A file that is no photo is refused, and the photo kept stays.
        not_photo = tmp_path / "ghi-chu.jpg"
        not_photo.write_text("không phải ảnh", encoding="utf-8")
        await page.locator("#photo").set_input_files(str(not_photo))
        await page.get_by_role("button", name="Xem trước").click()
        assert "không phải ảnh" in await page.inner_text("[role=alert]")
        assert await page.locator("#kept-photo img").count() == 1
        await page.get_by_role("button", name="Xem trước").click()
        await page.locator("#preview-photo").wait_for()
        await page.get_by_role("button", name="Gửi bản tin").click()
        await page.wait_for_url("**/broadcasts?new=1")
        # (The outbox may deliver the question before the photo: both arrive, in either order.)
        preview, request = sorted(await approver.receive(2), key=lambda m: m["method"] != "sendPhoto")
        assert preview["method"] == "sendPhoto", (preview, request)
        assert preview["caption"] == "Hưởng ứng Ngày Thế giới phòng chống AIDS 1/12"
        await approver.press_label(request, "Duyệt")
        got = await next_photo(user)
        assert got["caption"].startswith("Hưởng ứng")

        # The list shows the photo too (an approver may decide there).
        await page.goto(f"{base}/broadcasts")
        listed = page.locator("#broadcasts img.thumb").first
        await listed.evaluate("img => img.complete || new Promise(d => { img.onload = img.onerror = d; })")
        assert await listed.evaluate("img => img.naturalWidth") == 800
        await shoot(page, "p1-broadcasts-list")

        # A photo and no text: allowed, sent as a photo.
        await page.goto(f"{base}/broadcasts/new")
        await page.locator("#photo").set_input_files(str(jpeg))
        await page.locator("input[name=units][value=TYTBC]").check()
        await page.get_by_role("button", name="Xem trước").click()
        await page.locator("#preview-photo").wait_for()
        await page.get_by_role("button", name="Gửi bản tin").click()
        await page.wait_for_url("**/broadcasts?new=2")
        preview = await next_photo(approver)
        assert preview["method"] == "sendPhoto" and not preview.get("caption")

        # Nothing at all: the console's own words, not the chat's.
        await page.goto(f"{base}/broadcasts/new")
        await page.get_by_role("button", name="Xem trước").click()
        alert = await page.inner_text("[role=alert]")
        assert T("console_pages.broadcast_empty") in alert and "Câu trả lời" not in alert

        # A forged or foreign reference to a kept photo is refused, nothing is sent.
        csrf = await page.locator("input[name=csrf]").first.get_attribute("value")
        answer = await page.request.post(f"{base}/broadcasts/new", multipart={
            "csrf": csrf, "units": "TYTBC", "photo_ref": "a" * 64 + ".bad", "action": "send",
            "text": "x"})
        assert answer.status == 400 and T("console_pages.photo_lost") in await answer.text()
        assert (await page.request.get(f"{base}/broadcasts/photo/{'a' * 64}.bad")).status == 404


# -- point 9: the report's link, as on the chat's card -------------------------------------------

async def test_report_page_shows_the_link_row(sqlite_url, fake_server, tg, clock, tmp_path):
    async with console(sqlite_url, fake_server, tg, clock, tmp_path) as c:
        page, base, user, loa = c["page"], c["base"], c["user"], c["loa"]
        await user.send_photo(photo_jpeg(1), caption="Bài viết trên trang của phường")
        await user.press_label(await user.receive_one(), "Pano, áp phích, băng rôn, khẩu hiệu")
        await user.receive(2)
        await stored_photos(loa, 1, 1)
        long_link = "https://bai-chay.quangninh.gov.vn/tin-tuc/" + "huong-ung-ngay-aids-" * 5
        async with loa.sessions() as session, session.begin():
            (await session.get(Report, 1)).link = long_link
        await page.goto(f"{base}/reports/1")
        row = page.locator("tr", has=page.locator("th", has_text="Liên kết"))
        assert await row.count() == 1
        anchor = row.locator("a")
        assert await anchor.get_attribute("href") == long_link
        assert "noopener" in await anchor.get_attribute("rel")
        await page.set_viewport_size(PHONE)
        assert await page.evaluate("document.documentElement.scrollWidth") <= 390
        await shoot(page, "p9-report-link")


async def load_all_campaigns(loa: Any) -> None:
    """The shipped plans: the sample (running), Lạng Sơn (running, a long name), Quảng Ninh 2025
    and Bắc Giang 2023 (both ended)."""
    async with loa.sessions() as session, session.begin():
        for name in ("langson-72-nqtw-2025", "quangninh-3838-2025-chuyen-doi-so",
                     "bacgiang-thay-thuoc-2023"):
            await load(session, loa.clock, check_file(CAMPAIGNS / f"{name}.toml"), "test")


# Effective size in CSS pixels of the smallest text of the charts shown (SVG units times the
# scale the page draws the SVG at).
CHART_FONT = """() => Math.min(...[...document.querySelectorAll('.chart svg')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .flatMap(svg => [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
    .map(t => parseFloat(getComputedStyle(t).fontSize)
              * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width)))"""
# How many rows the header's items sit on (an item below everything before it starts a row).
HEADER_ROWS = """() => { let rows = 0, bottom = -1;
  for (const r of [...document.querySelectorAll('header > *')].map(e => e.getBoundingClientRect())
                   .sort((a, b) => a.top - b.top)) {
    if (r.top >= bottom) { rows += 1; } bottom = Math.max(bottom, r.bottom); }
  return rows; }"""


# -- point 18: /exports proposes the running campaigns and has CSV ----------------------------

async def test_exports_propose_running_campaigns_and_csv(sqlite_url, fake_server, tg, clock,
                                                          tmp_path):
    async with console(sqlite_url, fake_server, tg, clock, tmp_path) as c:
        page, base, loa = c["page"], c["base"], c["loa"]
        await load_all_campaigns(loa)
        await page.goto(f"{base}/exports")
        docx = page.locator("#docx-campaign")
        chosen = await docx.evaluate("s => s.options[s.selectedIndex].text")
        assert "2023" not in chosen and "Thầy thuốc" not in chosen, chosen
        groups = await docx.evaluate("s => [...s.querySelectorAll('optgroup')].map(g => g.label)")
        assert groups == ["Đang thực hiện", "Đã kết thúc"]
        ended = await docx.evaluate(
            "s => [...s.querySelectorAll('optgroup')[1].querySelectorAll('option')].map(o => o.text)")
        assert ended[0].startswith("3838/KH-SYT") and "Thầy thuốc" in ended[1]  # latest end first
        await shoot(page, "p18-exports")
        async with page.expect_download() as wait:
            await page.locator("#export-csv button").click()
        download = await wait.value
        assert download.suggested_filename.endswith(".csv")
        body = await asyncio.to_thread(Path(await download.path()).read_bytes)
        assert body.startswith(b"\xef\xbb\xbf") and "Đơn vị" in body.decode("utf-8-sig")


# -- point 19: a phone's width, readable charts, a proportional preview, a day off, the icon ----

async def test_pages_fit_a_phone(sqlite_url, fake_server, tg, clock, tmp_path):
    async with console(sqlite_url, fake_server, tg, clock, tmp_path) as c:
        page, base, loa, user = c["page"], c["base"], c["loa"], c["user"]
        await load_all_campaigns(loa)
        await user.send_photo(photo_jpeg(1), caption="Treo băng rôn tại cổng trạm")
        await user.press_label(await user.receive_one(), "Pano, áp phích, băng rôn, khẩu hiệu")
        await user.receive(2)
        missing: list[str] = []
        page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
        await page.set_viewport_size(PHONE)
        for path in ("/", "/reports", "/exports", "/campaigns", "/units", "/broadcasts",
                     "/broadcasts/new", "/audit"):
            await page.goto(f"{base}{path}")
            width = await page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)
            assert await page.evaluate(HEADER_ROWS) <= 2, path
        await page.goto(f"{base}/")
        assert await page.evaluate(CHART_FONT) >= 12, "chart labels too small on a phone"
        await page.set_viewport_size(DESKTOP)
        assert await page.evaluate(CHART_FONT) >= 10
        assert await page.evaluate(HEADER_ROWS) == 1
        await shoot(page, "p19-overview")
        await page.goto(f"{base}/reports?campaign=2")
        await shoot(page, "p19-reports")

        # The daily message in the page's own font; a Sunday says nothing goes out.
        await page.goto(f"{base}/campaigns?day=2026-11-25")
        msg = page.locator(".msg")
        assert "monospace" not in await msg.evaluate("e => getComputedStyle(e).fontFamily")
        assert "Kế hoạch" in await msg.inner_text() or "01/KH-MAU" in await msg.inner_text()
        await shoot(page, "p19-campaigns")
        await page.goto(f"{base}/campaigns?day=2026-11-29")
        sunday = await page.inner_text(".msg")
        assert "Chủ nhật, 29/11/2026 là ngày nghỉ" in sunday and "không gửi" in sunday
        await page.goto(f"{base}/campaigns?day=2026-09-02")
        assert "Quốc khánh" in await page.inner_text(".msg")

        # The tab's icon is served; nothing the pages asked for was missing.
        answer = await page.request.get(f"{base}/favicon.ico")
        assert answer.status == 200 and answer.headers["content-type"] == "image/x-icon"
        assert (await answer.body())[:4] == b"\x00\x00\x01\x00"
        assert missing == []


# -- point 15: /units says what it did, and asks before deactivating ---------------------------

async def test_units_confirm_and_say_what_was_done(sqlite_url, fake_server, tg, clock, tmp_path):
    async with console(sqlite_url, fake_server, tg, clock, tmp_path) as c:
        page, base, loa = c["page"], c["base"], c["loa"]
        await page.goto(f"{base}/units")

        # An empty name: the console's words; a good one: said, with its code.
        await page.locator("#uname").fill("   ")
        await page.locator("#add-unit button").click()
        alert = await page.inner_text("[role=alert]")
        assert T("console_pages.unit_name_empty") in alert and "Câu trả lời" not in alert
        await page.locator("#uname").fill("Trạm Y tế xã Tân Dân")
        await page.locator("#uparent").select_option("TTYTHL")
        await page.locator("#add-unit button").click()
        await page.wait_for_url("**/units?added=*")
        done = await page.inner_text("#done")
        assert "Đã thêm đơn vị «Trạm Y tế xã Tân Dân»" in done and "Trung tâm Y tế Hạ Long" in done
        await page.reload()  # the message again, but nothing added twice
        async with loa.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(Unit).where(
                Unit.name == "Trạm Y tế xã Tân Dân")) == 1

        # An invite: its role, uses and expiry shown; the expiry set by the admin.
        await page.locator("#iunit").select_option("TYTBC")
        await page.locator("#irole").select_option("approver")
        await page.locator("#iuses").fill("5")
        await page.locator("#idays").fill("30")
        await page.locator("#make-invite button").click()
        terms = await page.inner_text("#invite-terms")
        assert await page.locator("#done").count() == 0  # the unit's message was the last page's
        assert "Vai trò: Người duyệt" in terms and "số lượt dùng: 5" in terms, terms
        assert "hết hạn lúc 23/12/2026" in terms, terms
        await shoot(page, "p15-invite")
        await page.locator("#iuses").fill("7")
        await page.locator("#idays").fill("0")
        await page.locator("#make-invite button").click()
        assert T("people.bad_days") in await page.inner_text("[role=alert]")
        assert await page.locator("#iuses").input_value() == "7"  # what was typed stays
        assert await page.locator("#irole").input_value() == "officer"

        # Deactivating asks first; "Hủy" changes nothing; confirming says it was done.
        row = page.locator("tr", has_text="Lê Thị Hoa")
        await row.get_by_role("button", name="Ngừng hoạt động").click()
        assert T("console_pages.deactivate_ask", name="Lê Thị Hoa") in await page.inner_text("#confirm")
        await shoot(page, "p15-confirm")
        await page.get_by_role("link", name="Hủy").click()
        async with loa.sessions() as session:
            hoa = await session.scalar(select(Officer).where(Officer.full_name == "Lê Thị Hoa"))
        assert hoa.status == "active"
        await page.locator("tr", has_text="Lê Thị Hoa").get_by_role(
            "button", name="Ngừng hoạt động").click()
        await page.get_by_role("button", name="Đồng ý ngừng hoạt động").click()
        await page.wait_for_url("**/units?done=deactivated*")
        assert T("console_pages.deactivated", name="Lê Thị Hoa") in await page.inner_text("#done")
        async with loa.sessions() as session:
            assert (await session.get(Officer, hoa.id)).status == "disabled"
        await shoot(page, "p15-deactivated")


# -- point 16: the import draft's warnings, a Word file's lines, Vietnamese labels -------------

TOML_KEYS = ("plan_number", "issued_on", "issuer", "key_dates", "deadlines", "quotas",
             "activities", "slogans", "phases", "[[")


async def test_import_draft_notes_lines_and_labels(sqlite_url, fake_server, tg, clock, tmp_path):
    import docx

    async with console(sqlite_url, fake_server, tg, clock, tmp_path) as c:
        page, base = c["page"], c["base"]
        # The Bắc Giang plan leaves its number blank ("Số: /KH-SYT").
        await page.goto(f"{base}/campaigns/import")
        await page.locator("#file").set_input_files(str(ROOT / "tests" / "plans"
                                                        / "bacgiang-thay-thuoc-2023.txt"))
        await page.get_by_role("button", name="Đọc kế hoạch").click()
        await page.wait_for_url("**/campaigns/import/1")
        unread = await page.inner_text("#unread")
        assert "Số kế hoạch: văn bản để trống số" in unread
        assert "«Số kế hoạch»" in unread
        draft = await page.inner_text("#draft")
        problems = await page.inner_text("#problems")
        assert "Số kế hoạch: thiếu trường bắt buộc" in problems
        for key in TOML_KEYS:
            assert key not in unread and key not in draft and key not in problems, key
        assert "all" not in (await page.locator("#draft input[placeholder]").evaluate_all(
            "els => els.map(e => e.placeholder)"))
        await shoot(page, "p16-draft-before")
        await page.locator("#f-plan_number").fill("125/KH-SYT")
        await page.get_by_role("button", name="Lưu và kiểm tra").click()
        await page.locator("#saved").wait_for()
        assert "Số kế hoạch" not in (await page.inner_text("#unread")
                                     if await page.locator("#unread").count() else "")

        # A Word file: one numbered line per paragraph, no blank line between them.
        lines = [line for line in (ROOT / "tests" / "plans" / "bacgiang-thay-thuoc-2023.txt")
                 .read_text(encoding="utf-8").splitlines() if line.strip()]
        document = docx.Document()
        for line in lines:
            document.add_paragraph(line.replace("**", ""))
        word = tmp_path / "ke-hoach.docx"
        await asyncio.to_thread(document.save, str(word))
        await page.goto(f"{base}/campaigns/import")
        await page.locator("#file").set_input_files(str(word))
        await page.get_by_role("button", name="Đọc kế hoạch").click()
        await page.wait_for_url("**/campaigns/import/2")
        shown = await page.locator("#plan p").evaluate_all("ps => ps.map(p => p.innerText)")
        assert len(shown) == len(lines), (len(shown), len(lines))
        assert all(text.strip() for text in shown)
        await shoot(page, "p16-docx")
