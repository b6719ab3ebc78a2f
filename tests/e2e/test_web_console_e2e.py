"""The web console in a real headless Chromium: an admin signs in with a link from /web, sees the
overview, reviews a report with its photo, sends a broadcast, loads a campaign file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.store.models import Campaign, Report, ReportState
from tests.conftest import ROOT, running_loa
from tests.e2e.test_reports_e2e import stored_photos
from tests.support.helpers import audit_log
from tests.support.texts import T
from tests.support.waits import settled
from tests.support.web_console import (
    chromium,
    console_config,
    console_people,
    link_from_chat,
    photo_jpeg,
    signed_in,
)

# An image loaded, waited for inside the page (wait_for_function polls with eval: the CSP says no).
LOADED = "img => img.complete || new Promise(done => { img.onload = img.onerror = done; })"
SHOTS = ROOT / "docs" / "screenshots"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
COMMENT = "Ảnh bị mờ, đề nghị chụp lại băng rôn rõ chữ"
BAD_CAMPAIGN = """plan_number = "02/KH-THU"
issuer = "Sở Y tế"
title = "Kế hoạch thử"
start = 2026-11-01
end = 2026-02-30
"""


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    # The browser walk is long; its rules are checked on both databases in test_web_security_e2e.
    return f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}"


async def shoot(page, name: str) -> None:
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        await page.set_viewport_size(size)
        await page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
    await page.set_viewport_size(DESKTOP)


async def test_admin_uses_the_console_in_a_browser(sqlite_url, fake_server, tg, clock, tmp_path):
    config = console_config(sqlite_url, fake_server, tmp_path)
    async with running_loa(config, clock) as loa:
        user, admin, approver = await console_people(loa, tg)
        await user.send_photo(photo_jpeg(1), caption="Treo băng rôn tại cổng trạm")
        await user.press_label(await user.receive_one(), "Pano, áp phích, băng rôn, khẩu hiệu")
        await user.receive(2)
        await stored_photos(loa, 1, 1)

        link = await link_from_chat(admin)
        async with chromium() as browser:
            page = await signed_in(browser, link, config.http.public_url, viewport=DESKTOP)
            body = await page.inner_text("main")
            assert "Trạm Y tế phường Bãi Cháy" in body
            assert await page.inner_text("#week-count") == "1"
            assert await page.inner_text("#month-count") == "1"
            assert "Trung tâm Y tế Hạ Long · chưa có báo cáo" in await page.inner_text("#coverage")
            assert await page.locator(".chart .wide svg").count() == 2  # (and a phone drawing of each)
            await shoot(page, "overview")

            await page.goto(f"{config.http.public_url}/reports")
            assert T("web.reports_title", n=1) in await page.inner_text("h1")
            thumb = page.locator(".report-card img").first
            await thumb.wait_for()
            await thumb.evaluate(LOADED)
            assert await thumb.evaluate("img => img.complete && img.naturalWidth") == 320
            await shoot(page, "reports")

            await page.locator(".report-card").first.click()
            await page.wait_for_url("**/reports/1")
            photo = page.locator(".photos img").first
            await photo.wait_for()
            await photo.evaluate(LOADED)
            assert await photo.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [800, 600]
            decoded = await photo.evaluate("img => img.decode().then(() => true)")
            assert decoded is True
            await shoot(page, "report")

            # "Cần bổ sung" with no comment: refused, nothing decided.
            await page.get_by_role("button", name="Cần bổ sung").click()
            assert T("web.comment_needed") in await page.inner_text("[role=alert]")
            await page.locator("textarea[name=comment]").fill(COMMENT)
            await page.get_by_role("button", name="Cần bổ sung").click()
            await page.wait_for_url("**/reports/1?done=more")
            assert await page.inner_text("#state") == "cần bổ sung"
            notice = await user.receive_one()
            assert COMMENT in notice["text"]

            # A broadcast: the admin writes it, an approver says "Duyệt" in chat, officers get it once.
            await page.goto(f"{config.http.public_url}/broadcasts/new")
            await page.locator("#text").fill("Hưởng ứng Ngày Thế giới phòng chống AIDS 1/12")
            await page.locator("input[name=units][value=TYTBC]").check()
            await page.get_by_role("button", name="Xem trước").click()
            assert T("web.recipients", reach="1 người") in await page.inner_text("#preview")
            await page.get_by_role("button", name="Gửi bản tin").click()
            await page.wait_for_url("**/broadcasts?new=1")
            assert "chờ duyệt" in await page.inner_text("#broadcasts")
            preview, request = await approver.receive(2)
            assert preview["text"] == "Hưởng ứng Ngày Thế giới phòng chống AIDS 1/12"
            await approver.press_label(request, "Duyệt")
            got = await user.receive_one()
            assert got["text"] == "Hưởng ứng Ngày Thế giới phòng chống AIDS 1/12"
            await settled(loa)  # the outbox would have sent a second copy by now
            assert [m for m in await tg.sent(4501, after=user.seen)
                    if "AIDS" in (m.get("text") or "")] == []
            await page.goto(f"{config.http.public_url}/broadcasts")
            # Its reach, then its numbers (which may still be catching up with the outbox).
            assert re.search(r"1 người: [01]/1 đã gửi", await page.inner_text("#broadcasts"))
            await shoot(page, "broadcasts")

            # A campaign file with an impossible date is refused with its line; a good one loads.
            bad = tmp_path / "thu.toml"
            bad.write_text(BAD_CAMPAIGN, encoding="utf-8")
            await page.goto(f"{config.http.public_url}/campaigns")
            await page.locator("#file").set_input_files(str(bad))
            await page.get_by_role("button", name="Kiểm tra và nạp").click()
            problems = await page.inner_text("#problems")
            assert "thu.toml: dòng 5" in problems and "ngày không tồn tại" in problems
            good = tmp_path / "mau.toml"
            good.write_text((ROOT / "messages" / "campaigns" / "mau-ba-dot-2026.toml")
                            .read_text(encoding="utf-8").replace("01/KH-MAU", "03/KH-WEB"),
                            encoding="utf-8")
            await page.locator("#file").set_input_files(str(good))
            await page.get_by_role("button", name="Kiểm tra và nạp").click()
            assert T("web.campaign_loaded", plan="03/KH-WEB") in await page.inner_text("#loaded")

            # The daily message for another date, and the three files the office takes away.
            await page.goto(f"{config.http.public_url}/campaigns?day=2026-11-25")
            assert "01/KH-MAU" in await page.inner_text("pre.msg")
            for kind, query, magic in (("xlsx", "", b"PK"), ("zip", "?unit=TTYTHL", b"PK"),
                                       ("docx", "?campaign=1", b"PK")):
                answer = await page.request.get(f"{config.http.public_url}/exports/{kind}{query}")
                assert answer.status == 200 and (await answer.body())[:2] == magic, kind
            answer = await page.request.get(f"{config.http.public_url}/exports/docx")
            assert answer.status == 400 and T("web.export_needs_campaign") in await answer.text()

            # Sign out: the same cookie opens nothing any more.
            await page.get_by_role("button", name="Đăng xuất").click()
            assert T("web.signed_out") in await page.inner_text("main")
            response = await page.goto(f"{config.http.public_url}/reports")
            assert response.status == 401

        async with loa.sessions() as session:
            report = await session.get(Report, 1)
            plans = list(await session.scalars(select(Campaign.plan_number)))
        assert report.state == ReportState.NEEDS_MORE and report.review_comment == COMMENT
        assert "03/KH-WEB" in plans
        actions = [(a, who) for a, _, who, _ in await audit_log(loa)]
        for expected in [("web.signed_in", "Mai Quản Trị"), ("report.reviewed", "Mai Quản Trị"),
                         ("broadcast.created", "Mai Quản Trị"), ("campaign.loaded", "Mai Quản Trị"),
                         ("broadcast.approved", "Trần Thị Duyệt"), ("web.signed_out", "Mai Quản Trị")]:
            assert expected in actions
