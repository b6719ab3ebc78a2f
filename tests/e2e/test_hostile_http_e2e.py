"""Issue #19, points 2, 3, 4 and 6: nothing one person sends over HTTP or as a photo stalls Loa.
A pixel bomb is refused from its header, thumbnails are made once in the background, a forged
upload is refused before its body is read, slow clients are cut off, and each small hostile
request gets a clean 4xx while Loa keeps serving. The hostile files are made by
tests/support/hostile_files.py."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import io
import logging
import re
import time
import zipfile
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from bot.app import load_config
from bot.core.images import TooManyPixels, check_pixels, dimensions, open_small
from bot.core.logs import RepeatFilter
from bot.domain.photos import PHOTO_BUDGET, copy_path, derive, thumb_path
from bot.store.files import store
from bot.store.models import ReportPhoto, Role, WebSession
from tests.conftest import ROOT, running_loa, telegram_env
from tests.e2e.test_reports_e2e import officer, stored_photos
from tests.e2e.test_web_security_e2e import CSRF, signed_in
from tests.support.helpers import join, make_invite, seed_units
from tests.support.hostile_files import chunked, nested_json, nested_toml, png_of, turned_jpeg
from tests.support.web_console import console_config, free_port, link_from_chat
from tests.support.zalo_helpers import zalo_config

MB = 1024 * 1024
GIANT = (13_300, 13_300)  # 177 Mpx: just under Pillow's own limit, far over Loa's 40
KIND = "Pano, áp phích, băng rôn, khẩu hiệu"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}"


# -- point 2: images ----------------------------------------------------------------------------

def test_pixels_are_read_from_the_header_and_photos_decoded_small_and_upright(tmp_path):
    giant = png_of(*GIANT)
    assert len(giant) < 700 * 1024
    assert dimensions(giant) == GIANT
    with pytest.raises(TooManyPixels):
        check_pixels(giant, 40_000_000)
    with pytest.raises(TooManyPixels):
        store(tmp_path, giant, 40_000_000)
    assert not list(tmp_path.rglob("*.png"))  # refused before anything was written

    # A phone's landscape pixels with "turn 90°" in EXIF: made small first, then turned.
    path = tmp_path / "turned.jpg"
    path.write_bytes(turned_jpeg())
    small = open_small(path, 320, 40_000_000)
    assert small.size == (240, 320)
    red, blue = small.getpixel((120, 10)), small.getpixel((120, 310))
    assert red[0] > 150 and red[2] < 100 and blue[2] > 200  # the red left edge is now on top

    # Draft mode: a 48-megapixel JPEG (144 MB decoded) is decoded at 1/8 of its size.
    large = tmp_path / "large.jpg"
    large.write_bytes(turned_jpeg((8000, 6000)))
    _reset_peak()
    before = _rss_mb()
    assert open_small(large, 320, 60_000_000).size == (240, 320)
    assert _peak_mb() - before < 40, (before, _peak_mb())

    digest, relative = store(tmp_path, path.read_bytes(), 40_000_000)
    assert derive(tmp_path, relative, digest)
    assert thumb_path(tmp_path, digest).stat().st_size > 0
    assert 0 < copy_path(tmp_path, digest).stat().st_size <= PHOTO_BUDGET


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # Linux: VmHWM starts again from VmRSS


def _rss_mb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) // 1024  # type: ignore[union-attr]


def _peak_mb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) // 1024  # type: ignore[union-attr]


async def _report(user, photo: bytes, caption: str) -> None:
    await user.send_photo(photo, caption=caption)
    await user.press_label(await user.receive_one(), KIND)
    await user.receive(2)


async def test_a_pixel_bomb_is_refused_on_arrival_and_the_console_never_decodes_a_photo(
        sqlite_url, fake_server, tg, clock, tmp_path):
    giant, big = await asyncio.to_thread(png_of, *GIANT), png_of(6000, 6000)
    config = console_config(sqlite_url, fake_server, tmp_path)
    base = config.http.public_url
    async with running_loa(config, clock) as loa:
        user = await officer(loa, tg)
        await user.receive_one()  # the day's prompt
        admin = await join(tg, 4901, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị", "CV")
        await admin.receive_one()
        # The peak memory of this process (Loa runs in it) from here on; /proc's counter is reset.
        _reset_peak()

        await _report(user, giant, "Băng rôn khổ lớn")
        notice = (await user.receive_one(timeout=30))["text"]
        assert "báo cáo #1" in notice and "quá nhiều điểm ảnh" in notice and "40 triệu" in notice
        await _report(user, big, "Băng rôn vừa")
        kept = (await stored_photos(loa, 2, 1, timeout=60))[0]
        async with loa.sessions() as session:
            refused = await session.scalar(select(ReportPhoto).where(ReportPhoto.report_id == 1))
        assert refused.error == "too many pixels: 13300x13300" and refused.sha256 is None
        # Made once, in the background, before the photo counted as stored.
        assert thumb_path(config.storage_dir, kept.sha256).exists()
        assert copy_path(config.storage_dir, kept.sha256).exists()

        client = await signed_in(base, await link_from_chat(admin))
        for path in ("/reports", "/reports/1", "/reports/2", f"/photos/{refused.id}/thumb"):
            answer = await client.get(path)
            assert answer.status_code in (200, 404), path
        thumb = await client.get(f"/photos/{kept.id}/thumb")
        assert thumb.status_code == 200 and thumb.content[:3] == b"\xff\xd8\xff"
        docx = await client.get("/exports/docx?campaign=1")
        assert docx.status_code == 200, docx.text
        with zipfile.ZipFile(io.BytesIO(docx.content)) as z:
            assert len([n for n in z.namelist() if n.startswith("word/media/")]) == 1
        await client.aclose()
        peak = _peak_mb()
        print(f"peak RSS while the giant PNG's report was shown and exported: {peak} MB")
        assert peak < 600, peak


# -- point 3: uploads without Content-Length ----------------------------------------------------

class Counting:
    """An ASGI wrapper around Loa's app that counts the body bytes the server read."""

    def __init__(self, app) -> None:
        self.app, self.read = app, 0

    async def __call__(self, scope, receive, send) -> None:
        async def counted():
            message = await receive()
            self.read += len(message.get("body", b""))
            return message

        await self.app(scope, counted, send)


async def _post_chunked(port: int, path: str, cookie: str, head: bytes, total: int,
                        timeout: float = 120,
                        kind: str = "multipart/form-data; boundary=XyZ") -> tuple[int, int]:
    """A chunked POST of `total` bytes, read as a browser does (the answer may come before the
    body is sent); the answer's status and how many bytes the client got into the socket
    before it (an upper bound of what the server read)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write((f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: loa_session={cookie}\r\n"
                  f"Content-Type: {kind}\r\nX-Telegram-Bot-Api-Secret-Token: s3cret_S3cret\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n").encode())
    sent = 0

    async def send_all() -> None:
        nonlocal sent
        for piece in chunked(total, head=head):
            writer.write(piece)
            await writer.drain()
            sent += len(piece)

    sending = asyncio.create_task(send_all())
    try:
        status_line = await asyncio.wait_for(reader.readline(), timeout)
        at_answer = sent
    finally:
        sending.cancel()
        await asyncio.gather(sending, return_exceptions=True)
        writer.close()
    return int(status_line.split()[1]), at_answer


async def test_a_chunked_upload_is_refused_before_its_body_is_read(
        sqlite_url, fake_server, tg, clock, tmp_path):
    config = console_config(sqlite_url, fake_server, tmp_path)
    async with running_loa(config, clock) as loa:
        await seed_units(loa)
        admin = await join(tg, 4902, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị", "CV")
        client = await signed_in(config.http.public_url, await link_from_chat(admin))
        cookie = client.cookies["loa_session"]
        token = CSRF.search((await client.get("/campaigns")).text).group(1)
        server = loa.http._server.config  # new connections take the app from here
        counting = server.loaded_app = Counting(server.loaded_app)

        file_part = b'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.toml"\r\n\r\n'
        status, sent = await _post_chunked(loa.http.port, "/campaigns", cookie, file_part, 200 * MB)
        print(f"no token: {status}, server read {counting.read} bytes, client sent {sent}")
        assert status == 403
        assert counting.read < 25 * MB and sent < 25 * MB

        # With the token, the body is read until the limit, then refused: no further.
        counting.read = 0
        with_token = (b'--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n' + token.encode()
                      + b"\r\n" + file_part)
        status, sent = await _post_chunked(loa.http.port, "/campaigns", cookie, with_token, 200 * MB)
        print(f"token, 200 MB: {status}, server read {counting.read} bytes, client sent {sent}")
        assert status == 413
        assert counting.read < 25 * MB

        # Many fields of a urlencoded form, chunked: the same limit.
        counting.read = 0
        reader, writer = await asyncio.open_connection("127.0.0.1", loa.http.port)
        writer.write((f"POST /units HTTP/1.1\r\nHost: x\r\nCookie: loa_session={cookie}\r\n"
                      "Content-Type: application/x-www-form-urlencoded\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n").encode())
        body = f"csrf={token}&".encode() + b"&".join(b"f%d=%s" % (i, b"x" * MB) for i in range(40))
        writer.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
        status_line = await asyncio.wait_for(reader.readline(), 60)
        writer.close()
        assert int(status_line.split()[1]) in (400, 413) and counting.read < 25 * MB

        assert (await client.get("/campaigns")).status_code == 200  # still serving
        await client.aclose()


# -- point 4: slow clients ----------------------------------------------------------------------

async def _closed_by_server(reader: asyncio.StreamReader, within: float) -> bool:
    """Whether the server closes the connection within `within` seconds (reading what it says)."""
    try:
        async with asyncio.timeout(within):
            while await reader.read(4096):
                pass
    except ConnectionError:
        return True  # reset: closed too
    except TimeoutError:
        return False
    return True


async def test_slow_and_too_many_clients_are_cut_off_and_loa_keeps_serving(
        sqlite_url, fake_server, clock, tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n'
                   "[http]\nmax_connections = 20\nheader_timeout = 1\nbody_timeout = 1\n")
    port = free_port()
    config = load_config(cfg, {"DATABASE_URL": sqlite_url, **telegram_env(fake_server),
                               "LOA_HTTP_PORT": str(port), "LOA_STORAGE_DIR": str(tmp_path)})
    async with running_loa(config, clock), httpx.AsyncClient() as http:
        url = f"http://127.0.0.1:{port}"
        # Forty connections that never finish their headers: past twenty, closed at once; the
        # rest when their header time is up.
        conns = [await asyncio.open_connection("127.0.0.1", port) for _ in range(40)]
        for _, writer in conns:
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        closed = await asyncio.gather(*(_closed_by_server(r, 30) for r, _ in conns))
        assert all(closed)
        for _, writer in conns:
            writer.close()

        # Slowloris: a header line every 0.2 s is cut off at the header timeout, not served.
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /healthz HTTP/1.1\r\n")
        started = time.monotonic()
        with pytest.raises(ConnectionError):
            for i in range(100):  # 20 s if never cut off
                writer.write(b"X-Slow-%d: 1\r\n" % i)
                await writer.drain()
                await asyncio.sleep(0.2)
                if reader.at_eof():
                    raise ConnectionResetError
        assert time.monotonic() - started < 15
        writer.close()

        # A body that stops arriving: the connection is closed, not held.
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"POST /units HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\ncsrf=")
        assert await _closed_by_server(reader, 30)
        writer.close()

        assert (await http.get(f"{url}/healthz")).status_code == 200


def test_a_repeated_error_is_logged_once_with_a_count():
    fold = RepeatFilter(window=60)
    try:
        raise OSError(24, "Too many open files")
    except OSError:
        import sys

        exc = sys.exc_info()
    records = []
    for i in range(1000):
        record = logging.LogRecord("asyncio", logging.ERROR, __file__, 1, "socket.accept() failed",
                                   None, exc)
        record.created = 1000.0 + i * 0.01
        records.append(record)
    passed = [r for r in records if fold.filter(r)]
    assert len(passed) == 1
    other = logging.LogRecord("x", logging.ERROR, __file__, 1, "photo %s failed", (1,), None)
    other.created = 1005.0
    assert fold.filter(other)
    same_words = logging.LogRecord("x", logging.ERROR, __file__, 1, "photo %s failed", (2,), None)
    same_words.created = 1005.0
    assert fold.filter(same_words)  # another photo: another error
    later = logging.LogRecord("asyncio", logging.ERROR, __file__, 1, "socket.accept() failed",
                              None, exc)
    later.created = 1100.0
    assert fold.filter(later)
    assert "999 more like it" in later.getMessage()


# -- point 6: the smaller points ----------------------------------------------------------------

async def test_each_small_hostile_request_gets_a_clean_4xx_and_loa_keeps_serving(
        db_url, fake_server, tg, clock, tmp_path):
    config = console_config(db_url, fake_server, tmp_path)
    base = config.http.public_url
    async with running_loa(config, clock) as loa, httpx.AsyncClient(base_url=base) as anon:
        await seed_units(loa)
        admin = await join(tg, 4903, await make_invite(loa, "SYT", Role.ADMIN), "Mai Quản Trị", "CV")
        approver = await join(tg, 4904, await make_invite(loa, "SYT", Role.APPROVER), "Trần Duyệt", "PGĐ")

        # Login CSRF: another site's form cannot use the link (and does not use it up).
        link = (await link_from_chat(admin)).removeprefix(base)
        for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"},
                        {"Origin": "null"}):
            answer = await anon.post(link, headers=headers)
            assert answer.status_code == 403 and "trang web khác" in answer.text, headers
        client = httpx.AsyncClient(base_url=base)
        answer = await client.post(link, headers={"Origin": base, "Sec-Fetch-Site": "same-origin"})
        assert answer.status_code == 303
        page = await client.get("/campaigns")
        token = CSRF.search(page.text).group(1)

        # Headers every page carries.
        csp = page.headers["content-security-policy"]
        assert "form-action 'self'" in csp and "base-uri 'none'" in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        assert page.headers["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in page.headers  # plain http on loopback
        overview = await client.get("/")
        assert overview.status_code == 200
        assert "<script" not in overview.text  # pygal's inline script, refused by the CSP
        # No quota runs here, so the page draws no chart: a chart drawn alone has no script either.
        from bot.web.console import charts
        drawn = charts.coverage(["Trạm Y tế"], [1], [2], "đạt", "chỉ tiêu", "Chỉ tiêu", 360)
        assert "<svg" in drawn and "<script" not in drawn

        # Upload names no file system takes, a nested TOML, a day in year 1.
        for name in ("..", ".", "é" * 200 + ".toml"):
            answer = await client.post("/campaigns", data={"csrf": token},
                                       files={"file": (name, b'plan_number = "1"\n')})
            assert answer.status_code == 400 and "Tên tệp không hợp lệ" in answer.text, name
        answer = await client.post("/campaigns", data={"csrf": token},
                                   files={"file": ("sau.toml", nested_toml())})
        assert answer.status_code == 400 and "lồng nhau quá sâu" in answer.text
        answer = await client.get("/audit?since=0001-01-01")
        assert answer.status_code == 400
        assert (await client.get("/audit?since=2026-11-01")).status_code == 200

        # Text typed in the console is cleaned as chat text is (U+202E reached Zalo officers).
        answer = await client.post("/units", data={
            "csrf": token, "action": "add_unit", "name": "Trạm\u202e Y tế\u200b xã Mới",
            "parent": "TTYTHL"})
        assert answer.status_code == 303
        assert "Trạm Y tế xã Mới" in (await client.get("/units")).text

        # /healthz: what failed to anyone, how only to this machine or a signed-in admin.
        async def broken() -> dict[str, str]:
            return {"database": "OperationalError: could not connect to 10.0.0.5 as loa_owner"}

        from bot.web.server import build_app

        app = build_app([], broken, config.http, lambda request: _admin_cookie(request))
        for client_addr, cookie, detailed in ((("203.0.113.9", 5000), "", False),
                                              (("127.0.0.1", 5000), "", True),
                                              (("203.0.113.9", 5000), "admin", True)):
            transport = httpx.ASGITransport(app=app, client=client_addr)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as asgi:
                answer = await asgi.get("/healthz", headers={"Cookie": f"who={cookie}"})
            assert answer.status_code == 503
            assert ("10.0.0.5" in answer.text) is detailed, client_addr
            assert "strict-transport-security" not in answer.headers
        https = build_app([], broken, dataclasses.replace(config.http, public_url="HTTPS://loa.vn"))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=https), base_url="http://t") as asgi:
            answer = await asgi.get("/healthz")
        assert answer.headers["strict-transport-security"].startswith("max-age=")
        assert answer.headers["x-content-type-options"] == "nosniff"

        # A session has an absolute lifetime; a demoted officer's session ends for good.
        approver_client = await signed_in(base, await link_from_chat(approver))
        assert (await approver_client.get("/")).status_code == 200
        approver_id = await _officer_id(loa, "Trần Duyệt")
        answer = await client.post("/units", data={"csrf": token, "action": "role",
                                                   "officer": str(approver_id), "role": "officer"})
        assert answer.status_code == 303
        assert (await approver_client.get("/")).status_code == 401
        answer = await client.post("/units", data={"csrf": token, "action": "role",
                                                   "officer": str(approver_id), "role": "approver"})
        assert answer.status_code == 303
        assert (await approver_client.get("/")).status_code == 401  # not resumed with the role
        async with loa.sessions() as session:
            rows = list(await session.scalars(select(WebSession).where(
                WebSession.officer_id == approver_id)))
        assert rows and all(r.ended_at is not None for r in rows)
        clock.advance(dt.timedelta(hours=config.http.session_hours, minutes=1))
        for _ in range(3):  # busy all along, yet over the lifetime
            assert (await client.get("/")).status_code == 401

        assert (await anon.get("/healthz")).status_code == 200  # still serving
        await client.aclose()
        await approver_client.aclose()


async def _admin_cookie(request) -> bool:
    return request.cookies.get("who") == "admin"


async def _officer_id(loa, name: str) -> int:
    from bot.store.models import Officer

    async with loa.sessions() as session:
        return await session.scalar(select(Officer.id).where(Officer.full_name == name))


async def test_a_deeply_nested_telegram_webhook_body_is_a_400(db_url, fake_server, clock, tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n[http]\nlisten = "127.0.0.1"\n')
    config = load_config(cfg, {"DATABASE_URL": db_url, **telegram_env(
        fake_server, TELEGRAM_WEBHOOK_URL="https://loa.example.vn/hook",
        TELEGRAM_WEBHOOK_SECRET="s3cret_S3cret")})
    async with running_loa(config, clock) as loa, httpx.AsyncClient() as http:
        url = f"http://127.0.0.1:{loa.http.port}"
        answer = await http.post(f"{url}/hook", content=nested_json(),
                                 headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret_S3cret",
                                          "Content-Type": "application/json"})
        assert answer.status_code == 400
        # Any body, any route: counted as it arrives and stopped at the limit.
        status, _ = await _post_chunked(loa.http.port, "/hook", "", b"[", 200 * MB,
                                        kind="application/json")
        assert status == 413
        assert (await http.get(f"{url}/healthz")).status_code == 200


async def test_a_deeply_nested_zalo_webhook_body_is_a_400(db_url, zalo_server, zl, clock, tmp_path):
    secret = "zalo-hook_S3cret"
    config = zalo_config(db_url, zalo_server, tmp_path, ZALO_WEBHOOK_URL="https://loa.example.vn/zalo/hook",
                         ZALO_WEBHOOK_SECRET=secret)
    async with running_loa(config, clock) as loa, httpx.AsyncClient() as http:
        url = f"http://127.0.0.1:{loa.http.port}"
        # Past the push size limit (64 KB) it is refused unread; below it, parsing stops at depth.
        for depth, status in ((100_000, 413), (60_000, 400)):
            answer = await http.post(f"{url}/zalo/hook", content=nested_json(depth),
                                     headers={"X-Bot-Api-Secret-Token": secret,
                                              "Content-Type": "application/json"})
            assert answer.status_code == status, depth
        assert (await http.get(f"{url}/healthz")).status_code == 200
