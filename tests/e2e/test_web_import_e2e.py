"""Importing an official plan on the web console (#15): upload → the draft beside the plan's text,
every field editable → check → load. In Debian's Chromium, and over HTTP on both databases (the
draft lives in the database: a restarted Loa serves it with the edits)."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from html.parser import HTMLParser

import httpx
from sqlalchemy import func, select

from bot.domain.campaigns import check_data
from bot.store.models import Campaign, Officer, PlanDraft, Role, Slogan
from tests.conftest import ROOT, running_loa
from tests.e2e.test_web_console_e2e import DESKTOP, PHONE, SHOTS
from tests.e2e.test_web_security_e2e import CSRF, signed_in
from tests.support.helpers import audit_log, join, make_invite, seed_units
from tests.support.web_console import chromium, console_config, link_from_chat

PLANS = ROOT / "tests" / "plans"
BAC_GIANG = PLANS / "bacgiang-thay-thuoc-2023.txt"
SLOGAN = "Ngành Y tế Việt Nam vượt khó, phát triển sau đại dịch COVID-19"


class _Form(HTMLParser):
    """The fields a browser sends for the form with `form_id`: checked boxes only, the selected
    option, a textarea without the line break that follows its tag."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self._area: str | None = None
        self._select: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or not a.get("name"):
            if tag == "option" and self._select and "selected" in a:
                self.fields.append((self._select, a.get("value", "")))
            return
        if (tag == "input" and a.get("type") != "checkbox") or "checked" in a:
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._area, self._text = a["name"], ""
        elif tag == "select":
            self._select = a["name"]

    def handle_data(self, data: str) -> None:
        if self._area is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._area is not None:
            self.fields.append((self._area, self._text.removeprefix("\n")))
            self._area = None
        elif tag == "select":
            self._select = None


def form_of(html: str, form_id: str = "draft", **typed: str) -> dict[str, list[str]]:
    parser = _Form(form_id)
    parser.feed(html)
    out: dict[str, list[str]] = {}
    for name, value in parser.fields:
        out.setdefault(name, []).append(value)
    for name, value in typed.items():
        out[name.replace("__", ".")] = [value]
    return out


def value_of(html: str, field_id: str) -> tuple[str, str]:
    """(type, value) of an input by its id, as the page shows it."""
    tag = re.search(rf'<input id="{re.escape(field_id)}"[^>]*>', html).group(0)
    return re.search(r'type="([^"]*)"', tag).group(1), re.search(r'value="([^"]*)"', tag).group(1)


async def admin_and_approver(loa, tg, base: str) -> tuple[httpx.AsyncClient, httpx.AsyncClient]:
    await seed_units(loa)
    admin = await join(tg, 4801, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị", "CV")
    approver = await join(tg, 4802, await make_invite(loa, "SYT", Role.APPROVER), "Trần Duyệt", "PGĐ")
    return (await signed_in(base, await link_from_chat(admin)),
            await signed_in(base, await link_from_chat(approver)))


async def test_upload_edit_check_and_load_over_http(db_url, fake_server, tg, clock, tmp_path):
    config = console_config(db_url, fake_server, tmp_path)
    base = config.http.public_url
    async with running_loa(config, clock) as loa, httpx.AsyncClient(base_url=base) as anon:
        client, approver = await admin_and_approver(loa, tg, base)
        pdf = ("ke-hoach.pdf", (BAC_GIANG.with_suffix(".pdf")).read_bytes(), "application/pdf")

        # Nobody else: no session, an approver (with a valid token of their own), no token.
        assert (await anon.get("/campaigns/import")).status_code == 401
        token_b = CSRF.search((await approver.get("/")).text).group(1)
        for path in ("/campaigns/import", "/campaigns/import/1", "/campaigns/import/1/draft.toml"):
            answer = await approver.get(path)
            assert answer.status_code == 403 and "chỉ dành cho quản trị viên" in answer.text
        answer = await approver.post("/campaigns/import", data={"csrf": token_b}, files={"file": pdf})
        assert answer.status_code == 403
        answer = await client.post("/campaigns/import", files={"file": pdf})
        assert answer.status_code == 403 and "mã xác nhận" in answer.text
        async with loa.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(PlanDraft)) == 0

        # What cannot be read is said in Vietnamese on the upload page.
        page = (await client.get("/campaigns")).text
        assert 'href="/campaigns/import"' in page
        token = CSRF.search(page).group(1)
        for upload, said in (
                (("bang.xlsx", b"PK\x03\x04 no plan", "application/octet-stream"),
                 "Loa chưa đọc được tệp «bang.xlsx»"),
                (("to.txt", b"x" * (20 * 1024 * 1024 + 1), "text/plain"), "tối đa 20 MB"),
                (("rong.txt", b"  \n\n", "text/plain"), "«rong.txt» không có chữ nào"),
                (("cu.docx", b"\xd0\xcf\x11\xe0 a Word 97 file", "application/msword"),
                 "tệp Word cũ (.doc) đổi tên"),
                # A long Vietnamese name is more than 255 bytes: kept short enough to write.
                (("Kế hoạch truyền thông phòng chống dịch bệnh " * 6 + ".txt", b" \n",
                  "text/plain"), "không có chữ nào"),
                (("", b"", "application/octet-stream"), "Hãy chọn tệp kế hoạch")):
            answer = await client.post("/campaigns/import", data={"csrf": token},
                                       files={"file": upload})
            assert answer.status_code == 400 and said in answer.text, (upload[0], answer.text[-600:])
            assert 'type="file"' in answer.text  # the upload page again

        # The PDF is read; its draft waits at its own page, beside the plan's text.
        answer = await client.post("/campaigns/import", data={"csrf": token}, files={"file": pdf})
        assert answer.status_code == 303 and answer.headers["location"] == "/campaigns/import/1"
        page = (await client.get("/campaigns/import/1")).text
        assert re.search(r"<p id=\"L1\"><span class=\"n\">1</span>Số: /KH-SYT</p>", page)
        assert "Số kế hoạch: thiếu trường bắt buộc" in page
        assert value_of(page, "f-start") == ("date", "2023-02-01")
        listing = (await client.get("/campaigns/import")).text
        assert "ke-hoach.pdf" in listing and "Mai Quản Trị" in listing and "chưa nạp" in listing

        # A date typed as text (a browser without a date picker): an impossible one is kept, said.
        typed = form_of(page, plan_number="15/KH-SYT", phases__0__end="31/02/2023",
                        slogans__0__text=SLOGAN, action="save")
        answer = await client.post("/campaigns/import/1", data=typed)
        assert answer.status_code == 200
        assert value_of(answer.text, "f-phases-0-end") == ("text", "31/02/2023")
        assert "ngày «31/02/2023» không có trên lịch" in answer.text
        assert value_of(answer.text, "f-plan_number") == ("text", "15/KH-SYT")
        answer = await client.post("/campaigns/import/1", data={**typed, "action": "load"})
        assert answer.status_code == 400 and "chưa nạp được" in answer.text
        assert 'id="load"' not in answer.text  # no load button while there is a problem
        answer = await client.post("/campaigns/import/1", data={"csrf": token, "action": "load"})
        assert answer.status_code == 400  # a post without the draft's fields changes nothing
        assert value_of((await client.get("/campaigns/import/1")).text, "f-plan_number") == (
            "text", "15/KH-SYT")

    # Another Loa on the same database (a restart, a second process) has the draft and its edits.
    async with running_loa(config, clock) as loa:
        page = (await client.get("/campaigns/import/1")).text
        assert value_of(page, "f-phases-0-end") == ("text", "31/02/2023")
        assert value_of(page, "f-plan_number") == ("text", "15/KH-SYT")
        assert SLOGAN in page

        fixed = form_of(page, phases__0__end="18/02/2023", action="load")
        answer = await client.post("/campaigns/import/1", data=fixed)
        assert answer.status_code == 303 and answer.headers["location"] == "/campaigns?imported=1"
        shown = (await client.get("/campaigns?imported=1")).text
        assert "Đã nạp chiến dịch 15/KH-SYT từ kế hoạch «ke-hoach.pdf»." in shown
        # Loading twice is safe; a deadline naming a unit Loa does not have is said after loading.
        again = await client.post("/campaigns/import/1", data={
            **fixed, "deadlines.0.what": ["Báo cáo kết quả"], "deadlines.0.due": ["2023-03-20"],
            "deadlines.0.units": ["KHONGCO"]})
        assert again.status_code == 303
        assert again.headers["location"] == "/campaigns?imported=1&units=KHONGCO"
        shown = (await client.get(again.headers["location"])).text
        assert "mã đơn vị chưa có trong Loa: KHONGCO" in shown

        draft_toml = await client.get("/campaigns/import/1/draft.toml")
        assert draft_toml.status_code == 200 and "ke-hoach.toml" in draft_toml.headers[
            "content-disposition"]
        raw = tomllib.loads(draft_toml.text)
        assert check_data(raw, "ke-hoach.toml").plan_number == "15/KH-SYT"
        assert "# dòng 35: «1. Chủ đề: Ngành Y tế Việt Nam vượt khó sau đại dịch COVID-19»" in \
            draft_toml.text

        async with loa.sessions() as session:
            campaigns = list(await session.scalars(select(Campaign)))
            row = await session.get(PlanDraft, 1)
            admin = await session.scalar(select(Officer).where(Officer.full_name == "Mai Quản Trị"))
            slogans = list(await session.scalars(select(Slogan)))
        assert len(campaigns) == 1 and campaigns[0].plan_number == "15/KH-SYT"
        assert campaigns[0].content["phases"][0]["end"] == "2023-02-18"
        assert campaigns[0].source == "web-import:ke-hoach.pdf"
        assert [(s.text, s.state) for s in slogans] == [(SLOGAN, "proposed")]
        assert (row.loaded_campaign_id, row.loaded_by) == (campaigns[0].id, admin.id)
        assert "đã nạp 15/KH-SYT" in (await client.get("/campaigns/import")).text

        # Discarding is audited; the campaign stays.
        token = CSRF.search(page).group(1)
        assert (await client.post("/campaigns/import/1/delete", data={})).status_code == 403
        answer = await client.post("/campaigns/import/1/delete", data={"csrf": token})
        assert answer.status_code == 303
        assert (await client.get("/campaigns/import/1")).status_code == 404
        assert (await client.get("/campaigns/import/99999999999")).status_code == 404
        log = [(action, who, obj) for action, _, who, obj in await audit_log(loa)]
        assert ("plan.imported", "Mai Quản Trị", "plan_draft:1") in log
        assert log.count(("campaign.loaded", "Mai Quản Trị", f"campaign:{campaigns[0].id}")) == 2
        assert ("plan.discarded", "Mai Quản Trị", "plan_draft:1") in log
        audit_page = (await client.get("/audit")).text
        assert "nhập kế hoạch thành bản nháp" in audit_page and "bỏ bản nháp kế hoạch" in audit_page
    await client.aclose()
    await approver.aclose()



async def test_an_admin_imports_a_plan_in_a_browser(fake_server, tg, clock, tmp_path):
    # The long walk runs on SQLite; the same rules run on both databases over HTTP above.
    config = console_config(f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}", fake_server,
                            tmp_path)
    base = config.http.public_url
    async with running_loa(config, clock) as loa:
        await seed_units(loa)
        admin = await join(tg, 4811, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị", "CV")
        link = await link_from_chat(admin)
        async with chromium() as browser:
            page = await (await browser.new_context(viewport=DESKTOP, locale="vi-VN")).new_page()
            await page.goto(link)
            await page.get_by_role("button", name="Đăng nhập").click()
            await page.wait_for_url(f"{base}/")
            await page.goto(f"{base}/campaigns")
            await page.locator("#import-link").click()
            await page.wait_for_url(f"{base}/campaigns/import")
            await page.locator("#file").set_input_files(str(BAC_GIANG))
            await page.get_by_role("button", name="Đọc kế hoạch").click()
            await page.wait_for_url(f"{base}/campaigns/import/1")

            # The plan's text on the left, numbered; the draft's fields on the right.
            assert await page.inner_text("#L3") == "3Số: /KH-SYT"
            plan_box, form_box = await page.locator("#plan").bounding_box(), \
                await page.locator("#draft").bounding_box()
            assert plan_box["x"] + plan_box["width"] <= form_box["x"]
            assert "Số kế hoạch: văn bản để trống số" in await page.inner_text("#unread")
            assert "Số kế hoạch: thiếu trường bắt buộc" in await page.inner_text("#problems")
            assert await page.input_value("#f-slogans-0-text") == \
                "Ngành Y tế Việt Nam vượt khó sau đại dịch COVID-19"
            assert await page.input_value("#f-start") == "2023-02-01"
            for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
                # The viewport, not the full page: the form's save bar sticks to the window's foot.
                await page.set_viewport_size(size)
                await page.screenshot(path=str(SHOTS / f"import-{label}.png"))
            await page.set_viewport_size(DESKTOP)

            # "dòng 35" beside the slogan opens its line in the plan.
            await page.locator("#slogans a.src").first.click()
            assert await page.evaluate("location.hash") == "#L35"
            assert await page.locator("#L35:target").count() == 1

            # Edits: the number, a slogan fixed, and a wrong date typed where the browser has
            # no date picker (as text): it stays in its field with the error beside it.
            await page.locator("#f-plan_number").fill("27/KH-SYT")
            await page.locator("#f-slogans-0-text").fill(SLOGAN)
            await page.locator("#f-phases-0-end").evaluate("e => e.type = 'text'")
            await page.locator("#f-phases-0-end").fill("31/02/2023")
            await page.get_by_role("button", name="Lưu và kiểm tra").click()
            await page.wait_for_load_state()
            assert await page.input_value("#f-phases-0-end") == "31/02/2023"
            assert "ngày «31/02/2023» không có trên lịch" in await page.inner_text(
                ".f.bad:has(#f-phases-0-end)")
            assert "· Ngày kết thúc: ngày «31/02/2023»" in await page.inner_text("#problems")
            assert await page.input_value("#f-slogans-0-text") == SLOGAN
            assert await page.locator("#valid").count() == 0
            # An end before the start, picked as a date: the campaign check's words, the value kept.
            await page.locator("#f-phases-0-end").fill("2023-01-15")
            await page.get_by_role("button", name="Lưu và kiểm tra").click()
            await page.wait_for_load_state()
            assert "ngày kết thúc trước ngày bắt đầu" in await page.inner_text(
                ".f.bad:has(#f-phases-0-end)")
            assert await page.input_value("#f-phases-0-end") == "2023-01-15"
            assert await page.get_attribute("#f-phases-0-end", "type") == "date"  # a picker again
            await page.locator("#f-phases-0-end").fill("2023-02-18")
            await page.get_by_role("button", name="Lưu và kiểm tra").click()
            await page.wait_for_load_state()
            assert "Bản nháp hợp lệ" in await page.inner_text("#valid")
            assert await page.locator(".f.bad").count() == 0
            # Enter in a field saves (the form's first button); only the button loads.
            async with page.expect_navigation():
                await page.locator("#f-issuer").press("Enter")
            assert page.url.startswith(f"{base}/campaigns/import/1") and await page.locator("#saved").count()
            async with loa.sessions() as session:
                assert await session.scalar(select(func.count()).select_from(Campaign)) == 0

            await page.get_by_role("button", name="Nạp chiến dịch").click()
            # (The browser keeps the "#L35" clicked before across the redirect.)
            await page.wait_for_url(re.compile(r".*/campaigns\?imported=1(#L35)?$"))
            assert "Đã nạp chiến dịch 27/KH-SYT từ kế hoạch «bacgiang-thay-thuoc-2023.txt»." in \
                await page.inner_text("#loaded")
            assert SLOGAN in await page.inner_text("main")

        async with loa.sessions() as session:
            campaign = await session.scalar(select(Campaign))
            slogans = list(await session.scalars(select(Slogan)))
        assert campaign.plan_number == "27/KH-SYT" and campaign.issuer == "Sở Y tế Bắc Giang"
        assert campaign.content["phases"][0]["end"] == "2023-02-18"
        assert [(s.text, s.state) for s in slogans] == [(SLOGAN, "proposed")]
        log = [(action, who) for action, _, who, _ in await audit_log(loa)]
        assert ("plan.imported", "Mai Quản Trị") in log and ("campaign.loaded", "Mai Quản Trị") in log


async def test_a_slow_read_holds_no_lock(fake_server, tg, clock, tmp_path, monkeypatch):
    """A scan takes minutes through OCR; meanwhile the bot must still write (SQLite lets one
    writer in at a time, from BEGIN): the plan is read outside the request's transaction."""
    import asyncio
    import threading

    from bot.domain.planimport.isolated import PlanReader

    reading, finish = threading.Event(), threading.Event()
    real = PlanReader.read

    async def slow_read(self, *args, **kwargs):
        reading.set()
        await asyncio.to_thread(finish.wait, 30)
        return await real(self, *args, **kwargs)

    monkeypatch.setattr(PlanReader, "read", slow_read)
    config = console_config(f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}", fake_server,
                            tmp_path)
    async with running_loa(config, clock) as loa:
        client, approver = await admin_and_approver(loa, tg, config.http.public_url)
        token = CSRF.search((await client.get("/campaigns/import")).text).group(1)
        upload = asyncio.create_task(client.post(
            "/campaigns/import", data={"csrf": token},
            files={"file": ("ke-hoach.txt", BAC_GIANG.read_bytes(), "text/plain")}))
        assert await asyncio.to_thread(reading.wait, 10)

        async def write() -> None:
            async with loa.sessions() as session, session.begin():
                officer = await session.scalar(select(Officer).where(
                    Officer.full_name == "Trần Duyệt"))
                officer.position = "Phó Giám đốc"

        try:
            await asyncio.wait_for(write(), 5)  # inside the transaction: blocked until the read ends
        finally:
            finish.set()
        answer = await upload
        assert answer.status_code == 303 and answer.headers["location"] == "/campaigns/import/1"
        await client.aclose()
        await approver.aclose()


async def test_a_slow_upload_holds_no_lock_while_it_arrives(fake_server, tg, clock, tmp_path):
    """The body of a POST (a scan on a slow line) arrives before any transaction begins."""
    import asyncio

    config = console_config(f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}", fake_server,
                            tmp_path)
    async with running_loa(config, clock) as loa:
        client, approver = await admin_and_approver(loa, tg, config.http.public_url)
        token = CSRF.search((await client.get("/campaigns/import")).text).group(1)
        boundary = "loa-slow-upload"
        head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                f"filename=\"ke-hoach.txt\"\r\nContent-Type: text/plain\r\n\r\n").encode()
        body = BAC_GIANG.read_bytes()
        tail = f"\r\n--{boundary}--\r\n".encode()
        started = asyncio.Event()

        async def slowly():
            yield head
            started.set()
            for i in range(0, len(body), len(body) // 4 + 1):
                await asyncio.sleep(1)
                yield body[i:i + len(body) // 4 + 1]
            yield tail

        upload = asyncio.create_task(client.post(
            "/campaigns/import", content=slowly(),
            headers={"content-type": f"multipart/form-data; boundary={boundary}"}))
        await asyncio.wait_for(started.wait(), 10)
        await asyncio.sleep(0.5)  # the request is in, its body still arriving for ~4 s

        async def write() -> None:
            async with loa.sessions() as session, session.begin():
                officer = await session.scalar(select(Officer).where(
                    Officer.full_name == "Trần Duyệt"))
                officer.position = "Phó Giám đốc"

        began = asyncio.get_running_loop().time()
        await asyncio.wait_for(write(), 10)
        assert asyncio.get_running_loop().time() - began < 1.5  # not behind the upload
        assert not upload.done()
        answer = await upload
        assert answer.status_code == 303 and answer.headers["location"] == "/campaigns/import/1"
        await client.aclose()
        await approver.aclose()


def test_an_uploads_name_is_cleaned_and_kept_short_in_bytes():
    from bot.web.console.planimport import _file_name

    assert _file_name("C:\\Users\\VT\\ke\x01hoach\u200b.docx") == "kehoach.docx"
    long = _file_name("Kế hoạch truyền thông " * 20 + ".pdf")
    assert long.endswith(".pdf") and len(long.encode()) <= 150 and long.startswith("Kế hoạch")
    assert _file_name("..") == "ke-hoach" and _file_name("\x00") == "ke-hoach"


async def test_a_save_from_an_older_page_overwrites_nothing_and_keeps_what_was_typed(
        fake_server, tg, clock, tmp_path):
    """Two tabs (or two admins) on one draft: the second save, from a page drawn before the first
    save, is refused with both versions kept — the saved one in the database, the typed one on
    the page."""
    config = console_config(f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}", fake_server,
                            tmp_path)
    async with running_loa(config, clock) as loa:
        client, approver = await admin_and_approver(loa, tg, config.http.public_url)
        token = CSRF.search((await client.get("/campaigns/import")).text).group(1)
        answer = await client.post("/campaigns/import", data={"csrf": token}, files={
            "file": ("ke-hoach.txt", BAC_GIANG.read_bytes(), "text/plain")})
        assert answer.status_code == 303
        page = (await client.get("/campaigns/import/1")).text
        first = form_of(page, plan_number="15/KH-SYT", action="save")
        second = form_of(page, plan_number="16/KH-SYT", action="save")
        clock.advance(dt.timedelta(minutes=1))
        assert (await client.post("/campaigns/import/1", data=first)).status_code == 200
        late = await client.post("/campaigns/import/1", data=second)
        assert late.status_code == 409 and "vừa được lưu ở nơi khác" in late.text
        assert value_of(late.text, "f-plan_number") == ("text", "16/KH-SYT")  # still on the page
        saved = (await client.get("/campaigns/import/1")).text
        assert value_of(saved, "f-plan_number") == ("text", "15/KH-SYT")  # not overwritten
        again = form_of(late.text, action="save")  # the page now carries the newer version
        assert (await client.post("/campaigns/import/1", data=again)).status_code == 200
        assert value_of((await client.get("/campaigns/import/1")).text, "f-plan_number") == (
            "text", "16/KH-SYT")
        await client.aclose()
        await approver.aclose()
