"""The console as a newcomer met it (issue 26), in a real headless Chromium at phone (390 px) and
desktop (1366 px) widths: a photo broadcast from the web, a report's link, /units' results,
/exports' choices, pages that fit a phone, and the import draft's warnings."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.store.models import Report, Role
from tests.conftest import running_loa
from tests.helpers import join, make_invite
from tests.test_reports_e2e import officer, stored_photos
from tests.web_console import chromium, console_config, link_from_chat, photo_jpeg

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}
SHOTS = Path("/tmp/nw")
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
        user = await officer(loa, tg)
        await user.receive_one()  # the day's prompt
        admin = await join(tg, 4601, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị",
                           "Chuyên viên")
        await admin.receive_one()
        approver = await join(tg, 4602, await make_invite(loa, "SYT", Role.APPROVER),
                              "Trần Thị Duyệt", "Phó Giám đốc")
        await approver.receive_one()
        link = await link_from_chat(admin)
        async with chromium() as browser:
            page = await (await browser.new_context(viewport=DESKTOP, locale="vi-VN")).new_page()
            await page.goto(link)
            await page.get_by_role("button", name="Đăng nhập").click()
            await page.wait_for_url(f"{config.http.public_url}/")
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
        await page.get_by_role("button", name="Gửi bản tin").click()
        await page.wait_for_url("**/broadcasts?new=1")
        # (The outbox may deliver the question before the photo: both arrive, in either order.)
        preview, request = sorted(await approver.receive(2), key=lambda m: m["method"] != "sendPhoto")
        assert preview["method"] == "sendPhoto", (preview, request)
        assert preview["caption"] == "Hưởng ứng Ngày Thế giới phòng chống AIDS 1/12"
        await approver.press_label(request, "Duyệt")
        got = await next_photo(user)
        assert got["caption"].startswith("Hưởng ứng")

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
        assert "chưa có nội dung" in alert and "Câu trả lời" not in alert

        # A forged or foreign reference to a kept photo is refused, nothing is sent.
        csrf = await page.locator("input[name=csrf]").first.get_attribute("value")
        answer = await page.request.post(f"{base}/broadcasts/new", multipart={
            "csrf": csrf, "units": "TYTBC", "photo_ref": "a" * 64 + ".bad", "action": "send",
            "text": "x"})
        assert answer.status == 400 and "Không tìm thấy ảnh" in await answer.text()
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
