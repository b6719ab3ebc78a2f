"""The console's door, on SQLite and PostgreSQL: one-time links, sessions, CSRF, roles, and no
page without a session."""

from __future__ import annotations

import datetime as dt
import re

import httpx
from sqlalchemy import func, select

from bot.domain.audit import Actor
from bot.services import Scope
from bot.services.web import issue_link, login_url
from bot.store.models import AuditEntry, Officer, Role, Unit
from tests.conftest import ROOT, running_loa
from tests.support.helpers import join, make_invite, seed_units
from tests.support.web_console import console_config, link_from_chat, photo_jpeg

PAGES = ["/", "/reports", "/reports/1", "/units", "/campaigns", "/broadcasts", "/broadcasts/new",
         "/exports", "/exports/xlsx", "/audit", "/channel-log", "/photos/1", "/photos/1/thumb"]
ADMIN_ONLY = ["/units", "/campaigns", "/exports", "/exports/xlsx", "/audit", "/channel-log"]
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


async def signed_in(base: str, link: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=base, follow_redirects=False)
    answer = await client.post(link.removeprefix(base))
    assert answer.status_code == 303, answer.text
    return client


async def test_links_sessions_csrf_and_roles(db_url, fake_server, tg, clock, tmp_path):
    config = console_config(db_url, fake_server, tmp_path)
    base = config.http.public_url
    async with running_loa(config, clock) as loa, httpx.AsyncClient(base_url=base) as anon:
        await seed_units(loa)
        admin = await join(tg, 4701, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị", "CV")
        approver = await join(tg, 4702, await make_invite(loa, "SYT", Role.APPROVER), "Trần Duyệt", "PGĐ")
        someone = await join(tg, 4703, await make_invite(loa, "TYTBC"), "Lê Thị Hoa", "Y sĩ")

        # No page answers without a session; the sign-in route and /healthz do.
        for path in PAGES:
            answer = await anon.get(path)
            assert answer.status_code == 401, path
            assert "Gửi /web" in answer.text
            assert "Trạm Y tế" not in answer.text
        assert (await anon.post("/reports/1/review", data={"verdict": "ok"})).status_code == 401
        assert (await anon.get("/healthz")).status_code == 200
        assert "Đường dẫn đăng nhập không đúng" in (await anon.get("/login/abc")).text

        # An officer asking for a link is refused; one issued to them anyway does not sign in.
        await someone.send("/web")
        assert (await someone.receive_one())["text"].startswith("Lệnh này chỉ dành cho người duyệt")
        admin_link = await link_from_chat(admin)
        async with loa.sessions() as session, session.begin():
            officer = await session.scalar(select(Officer).where(Officer.full_name == "Lê Thị Hoa"))
            demoted = await session.scalar(select(Officer).where(Officer.full_name == "Trần Duyệt"))
            scope = Scope(session, loa.clock, loa.config, loa.texts, Actor.of(demoted))
            later_demoted_link = login_url(base, await issue_link(scope, demoted))
            demoted.role = Role.OFFICER.value
        answer = await anon.post(later_demoted_link.removeprefix(base))
        assert answer.status_code == 403 and "chỉ dành cho quản trị viên và người duyệt" in answer.text
        async with loa.sessions() as session, session.begin():
            (await session.get(Officer, demoted.id)).role = Role.APPROVER.value
        assert officer is not None

        # The link page itself uses nothing up (link previews open it); the button does, once.
        assert (await anon.get(admin_link.removeprefix(base))).status_code == 200
        client = await signed_in(base, admin_link)
        cookie = client.cookies.jar
        set_cookie = (await anon.post(admin_link.removeprefix(base))).headers.get("set-cookie")
        assert set_cookie is None
        again = await anon.post(admin_link.removeprefix(base))
        assert again.status_code == 403 and "đã được dùng" in again.text
        assert len(list(cookie)) == 1

        # An expired link.
        late = await link_from_chat(admin)
        clock.advance(dt.timedelta(minutes=10, seconds=1))
        answer = await anon.post(late.removeprefix(base))
        assert answer.status_code == 403 and "hết hạn" in answer.text

        # The admin's session opens every page.
        for path in [*PAGES[:3], "/units", "/campaigns", "/broadcasts", "/exports", "/audit"]:
            answer = await client.get(path)
            assert answer.status_code in (200, 404), (path, answer.status_code)
        xlsx = await client.get("/exports/xlsx")
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"

        # A POST without the CSRF token (or with a wrong one) is refused and changes nothing.
        async with loa.sessions() as session:
            units_before = await session.scalar(select(func.count()).select_from(Unit))
        for data in ({"action": "add_unit", "name": "Trạm Y tế xã Mới"},
                     {"action": "add_unit", "name": "Trạm Y tế xã Mới", "csrf": "sai"}):
            answer = await client.post("/units", data=data)
            assert answer.status_code == 403 and "mã xác nhận" in answer.text
        async with loa.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(Unit)) == units_before
        token = CSRF.search((await client.get("/units")).text).group(1)
        answer = await client.post("/units", data={"csrf": token, "action": "add_unit",  # first
                                                   "name": "Trạm Y tế xã Mới", "parent": "TTYTHL"})
        assert answer.status_code == 303
        async with loa.sessions() as session:
            assert await session.scalar(select(func.count()).select_from(Unit)) == units_before + 1

        # An approver signs in but cannot open the admin's pages.
        approver_client = await signed_in(base, await link_from_chat(approver))
        assert (await approver_client.get("/")).status_code == 200
        assert (await approver_client.get("/broadcasts/new")).status_code == 200
        for path in ADMIN_ONLY:
            answer = await approver_client.get(path)
            assert answer.status_code == 403 and "chỉ dành cho quản trị viên" in answer.text, path

        # A photo broadcast is previewed with its recipients; a file that is no image is refused.
        token = CSRF.search((await client.get("/broadcasts/new")).text).group(1)
        form = {"csrf": token, "action": "preview", "text": "Chú thích", "units": "TYTBC"}
        answer = await client.post("/broadcasts/new", data=form,
                                   files={"photo": ("anh.jpg", photo_jpeg(2), "image/jpeg")})
        assert answer.status_code == 200 and "Người nhận: 1 người" in answer.text
        assert "kèm ảnh" in answer.text
        answer = await client.post("/broadcasts/new", data=form,
                                   files={"photo": ("anh.jpg", b"not an image", "image/jpeg")})
        assert answer.status_code == 400 and "không phải ảnh" in answer.text
        assert "Chú thích" in answer.text  # what was typed stays

        # The admin's broadcast waits; the approver approves it from the console; it goes out once.
        answer = await client.post("/broadcasts/new", data={
            "csrf": token, "action": "send", "text": "Tuần lễ tiêm chủng", "units": "TYTBC",
            "subunits": "1"})
        assert answer.status_code == 303, answer.text
        page = (await approver_client.get("/broadcasts")).text
        assert "chờ duyệt" in page and 'value="approve"' in page
        token = CSRF.search(page).group(1)
        assert (await approver_client.post("/broadcasts/1/decide", data={
            "decision": "approve"})).status_code == 403  # no token: nothing decided
        answer = await approver_client.post("/broadcasts/1/decide",
                                            data={"csrf": token, "decision": "approve"})
        assert answer.status_code == 303
        assert (await someone.receive_one())["text"] == "Tuần lễ tiêm chủng"  # no campaign: no prompt
        # People: an invite with its link and QR code, a role changed, an officer deactivated.
        units_page = (await client.get("/units")).text
        token = CSRF.search(units_page).group(1)
        answer = await client.post("/units", data={"csrf": token, "action": "invite",
                                                   "unit": "TYTBC", "role": "focal", "uses": "3"})
        assert answer.status_code == 200 and "<svg" in answer.text
        assert "https://t.me/loa_test_bot?start=" in answer.text
        # Deactivating is asked first (nothing changes), then done once confirmed.
        asked = await client.post("/units", data={"csrf": token, "action": "deactivate",
                                                  "officer": str(officer.id)})
        assert asked.status_code == 200 and 'id="confirm"' in asked.text
        async with loa.sessions() as session:
            assert (await session.get(Officer, officer.id)).status == "active"
        for data in ({"action": "role", "officer": str(officer.id), "role": "focal"},
                     {"action": "deactivate", "officer": str(officer.id), "confirm": "1"}):
            assert (await client.post("/units", data={"csrf": token, **data})).status_code == 303
        async with loa.sessions() as session:
            hoa = await session.get(Officer, officer.id)
            me = await session.scalar(select(Officer).where(Officer.full_name == "Mai Quản Trị"))
        assert (hoa.role, hoa.status) == ("focal", "disabled")
        await someone.send("/start")  # a deactivated officer cannot undo it from the chat
        assert "ngừng hoạt động" in (await someone.receive_one())["text"]
        await someone.send("/baocao")
        assert "Lệnh này chỉ dành cho" in (await someone.receive_one())["text"]
        answer = await client.post("/units", data={"csrf": token, "action": "deactivate",
                                                   "officer": str(me.id), "confirm": "1"})
        assert answer.status_code == 400 and "chính mình" in answer.text
        audit_page = (await client.get("/audit?action=officer.deactivated")).text
        audit_page = audit_page[audit_page.index('id="audit"'):]  # the table, not the filter
        assert "ngừng hoạt động cán bộ" in audit_page and "đăng nhập trang quản trị" not in audit_page

        # Ids beyond what the database holds find nothing instead of failing.
        for path in ("/reports/99999999999", "/photos/99999999999", "/reports?campaign=99999999999"):
            assert (await client.get(path)).status_code in (200, 404), path

        # Eight hours idle end a session; activity keeps it alive (within [http] session_hours).
        clock.advance(dt.timedelta(hours=7, minutes=59))
        assert (await client.get("/")).status_code == 200
        clock.advance(dt.timedelta(hours=3, minutes=50))
        assert (await client.get("/")).status_code == 200
        assert (await approver_client.get("/")).status_code == 401
        await approver_client.aclose()

        # Signing out ends the session; a forged cookie opens nothing.
        token = CSRF.search((await client.get("/")).text).group(1)
        assert (await client.post("/logout", data={"csrf": token})).status_code == 200
        assert (await client.get("/")).status_code == 401
        await client.aclose()
        forged = httpx.AsyncClient(base_url=base, cookies={"loa_session": "abc.def"})
        assert (await forged.get("/")).status_code == 401
        await forged.aclose()
        async with loa.sessions() as session:
            signed = await session.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.action == "web.signed_in"))
        assert signed == 2


async def test_session_cookie_flags(db_url, fake_server, tg, clock, tmp_path):
    config = console_config(db_url, fake_server, tmp_path)
    base = config.http.public_url
    async with running_loa(config, clock) as loa, httpx.AsyncClient(base_url=base) as anon:
        await seed_units(loa)
        admin = await join(tg, 4711, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị", "CV")
        link = await link_from_chat(admin)
        answer = await anon.post(link.removeprefix(base))
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
    assert "secure" not in cookie  # plain http on 127.0.0.1; https public URLs get Secure


def test_cookie_is_secure_behind_https():
    from types import SimpleNamespace

    from starlette.responses import Response

    from bot.app import load_config
    from bot.web.console.auth import set_cookie

    for url, secure in (("https://loa.syt.example", True), ("HTTPS://LOA.SYT.EXAMPLE", True),
                        ("Https://loa.syt.example/", True), ("http://127.0.0.1:8080", False)):
        response = Response()
        config = load_config(env={"LOA_PUBLIC_URL": url})
        set_cookie(SimpleNamespace(config=config), response, "token.mac")  # type: ignore[arg-type]
        assert ("secure" in response.headers["set-cookie"].lower()) is secure, url


def test_loa_web_login_prints_a_link_for_an_admin_only(tmp_path):
    from tests.e2e.test_cli_and_restart_e2e import _env, loa_cli

    env = _env(f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}", None,
               LOA_PUBLIC_URL="https://loa.syt.example")
    refused = loa_cli(env, "web", "login", "--channel", "telegram", "123456")
    assert refused.returncode == 2
    assert "loa admin add --channel telegram 123456" in refused.stderr
    assert loa_cli(env, "admin", "add", "123456").returncode == 0
    out = loa_cli(env, "web", "login", "--channel", "telegram", "123456")
    assert out.returncode == 0, out.stderr
    assert re.fullmatch(r"https://loa\.syt\.example/login/[A-Za-z0-9_-]{43}",
                        out.stdout.strip().splitlines()[-1])


def test_every_text_the_console_pages_use_exists():
    from tests.unit.test_texts import TEXTS

    folder = ROOT / "bot" / "web" / "console" / "templates"
    keys = {k for path in folder.glob("*.html")
            for k in re.findall(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z_]+)+)["']\s*[,)]""",
                                   path.read_text())}
    assert len(keys) > 50
    assert sorted(k for k in keys if k not in TEXTS) == []
