"""The core for several channels: one HTTP server (/healthz, media, webhooks), photos any channel
can take, supervised workers, and a start-up that a flaky platform cannot stop."""

from __future__ import annotations

import asyncio
import hashlib
import socket
import time
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from bot import app as loa_app
from bot.channels import URL, Capabilities
from bot.channels.memory import MemoryChannel
from bot.core.events import RemoteUrl, platform_file
from bot.domain.broadcasts import start_sending
from bot.store.models import Broadcast, BroadcastState, Identity, Media, ReportPhoto
from tests.conftest import make_config, running_loa, telegram_env
from tests.support.helpers import join, make_invite, make_officers, seed_units

pytestmark = pytest.mark.timeout(120)

# A real (tiny) PNG: 1×1 pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2a6bb"
    "7c0000000049454e44ae426082")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def running(config, clock=None, extra=()):
    """Loa as `loa run` starts it, plus test channels (see conftest.running_loa)."""
    return running_loa(config, clock, extra)


async def broadcast(loa: loa_app.Loa, content: dict) -> int:
    async with loa.sessions() as session, session.begin():
        b = Broadcast(content=content, audience={}, created_at=loa.clock.now(),
                      state=BroadcastState.SENDING.value)
        session.add(b)
        await session.flush()
        await start_sending(session, loa.clock, b)
    loa.outbox.wake()
    return b.id


async def until(check, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while True:
        result = await check()
        if result:
            return result
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_a_photo_broadcast_reaches_each_channel_the_way_it_takes_photos(
        db_url, fake_server, tg, tmp_path):
    port = free_port()
    public = f"http://127.0.0.1:{port}"
    config = make_config(db_url, **telegram_env(fake_server, LOA_HTTP_PORT=str(port),
                                                LOA_PUBLIC_URL=public))
    # A channel that takes photos only as public URLs (as Zalo does).
    url_only = MemoryChannel(name="urlonly", caps=Capabilities(
        buttons=False, edits=False, max_text=2000, max_caption=2000, media=frozenset({URL})))
    async with running(config, extra=[url_only]) as loa:
        await seed_units(loa)
        chats = await make_officers(loa, tg, 5)
        officers = await make_officers(loa, tg, 1, first_id=900_000, register=False)
        async with loa.sessions() as session, session.begin():
            identity = await session.scalar(select(Identity).where(
                Identity.external_id == str(officers[0])))
            identity.channel = "urlonly"
            ref = await loa.media.add(session, PNG)
        await broadcast(loa, {"photo": ref, "caption": "Ngày Sức khỏe toàn dân 7/4"})

        counts = await until(lambda: _counts_if(tg, chats))
        assert counts == {str(c): 1 for c in chats}
        sent = [s for s in await tg.sent() if s["method"] == "sendPhoto"]
        assert all(s["caption"] == "Ngày Sức khỏe toàn dân 7/4" for s in sent)
        assert any(s["uploaded"] for s in sent)  # Telegram took the bytes first

        # The URL-only channel got a signed address that serves exactly these bytes.
        await until(lambda: _has(url_only.sent))
        (chat, message), = url_only.sent
        assert chat == str(officers[0]) and isinstance(message.photo, RemoteUrl)
        url = message.photo.url
        assert url.startswith(f"{public}/media/{hashlib.sha256(PNG).hexdigest()}.png?")
        async with httpx.AsyncClient() as http:
            got = await http.get(url)
            assert got.status_code == 200 and got.content == PNG
            assert got.headers["content-type"] == "image/png"
            altered = url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB")
            assert (await http.get(altered)).status_code == 403
            name = url.split("/media/")[1].split("?")[0]
            past = int(time.time()) - 10
            expired = f"{public}/media/{name}?e={past}&s={await loa.media._sign(name, past)}"
            assert (await http.get(expired)).status_code == 403
            other = f"{public}/media/{'0' * 64}.png?e={past + 9999}&s=x"
            assert (await http.get(other)).status_code == 403
            assert (await http.get(f"{public}/media/{name}")).status_code == 403

        # The next photo broadcast re-sends by Telegram's id: nothing is uploaded again.
        before = len(sent)
        await broadcast(loa, {"photo": ref, "caption": "Lần hai"})
        again = await until(lambda: _photos_after(tg, before, len(chats)))
        async with loa.sessions() as session:
            media = await session.get(Media, ref.removeprefix("media:"))
        known = media.platform_ids["telegram"]  # Telegram's id, learned from an upload
        # Sends that ran at once may each have uploaded (each given its own id; the last one
        # learned is kept): the second broadcast uses ids Telegram gave those uploads.
        given = {s["file_id"] for s in sent if s["uploaded"]}
        assert known in given and {s["file_id"] for s in again} <= given, (given, again)
        assert not any(s["uploaded"] for s in again)

        # A photo an admin sent on Telegram reaches the URL-only channel too: fetched from
        # Telegram once, kept by its hash, offered by a signed link.
        url_only.sent.clear()
        await broadcast(loa, {"photo": platform_file("telegram", known), "caption": "Từ Telegram"})
        await until(lambda: _has(url_only.sent))
        (_, message), = url_only.sent
        async with httpx.AsyncClient() as http:
            assert (await http.get(message.photo.url)).content == PNG


async def _counts_if(tg, chats):
    counts = await tg.call("counts")
    return counts if all(str(c) in counts for c in chats) else None


async def _has(items):
    return bool(items)


async def _photos_after(tg, before: int, n: int):
    photos = [s for s in await tg.sent() if s["method"] == "sendPhoto"][before:]
    return photos if len(photos) >= n else None


async def test_healthz_is_ok_while_all_runs(loa):
    async with httpx.AsyncClient() as http:
        got = await http.get(f"http://127.0.0.1:{loa.http.port}/healthz")
    assert got.status_code == 200 and got.json() == {"ok": True, "problems": {}}


async def test_a_failing_worker_is_retried_and_shown_on_healthz(loa):
    # A worker that fails (here the photo fetcher, as on a database error) is not lost: it is
    # restarted with growing pauses, and /healthz says which and why meanwhile.
    real = loa.photos.fetch_some
    failures = 0

    async def broken(limit: int = 10) -> int:
        nonlocal failures
        failures += 1
        raise ConnectionError("database unreachable")

    loa.photos.fetch_some = broken
    loa.photos.wake()
    url = f"http://127.0.0.1:{loa.http.port}/healthz"
    async with httpx.AsyncClient() as http:
        async def unhealthy():
            got = await http.get(url)
            return got if got.status_code == 503 else None

        got = await until(unhealthy)
        assert got.json()["problems"]["photos"]["state"] == "retrying"
        assert "database unreachable" in got.json()["problems"]["photos"]["error"]
        loa.photos.fetch_some = real

        async def healthy():
            return (await http.get(url)).status_code == 200

        assert await until(healthy, timeout=10)
    assert failures >= 1


async def test_start_survives_a_flaky_platform_and_an_unreadable_answer(db_url, fake_server, tg,
                                                                         clock):
    # The platform is unreachable for a moment at start, the command menu fails for a minute,
    # one reply comes back in a shape the client library cannot read, and file downloads fail
    # for a minute: Loa starts anyway, keeps answering, and stores the photo once it can.
    await tg.call("outage", method="getMe", seconds=2)
    await tg.call("outage", method="setMyCommands", seconds=60)
    await tg.call("outage", method="getFile", seconds=60)
    config = make_config(db_url, **telegram_env(fake_server))
    async with running(config, clock) as loa:
        assert not (await tg.state())["commands"]  # cosmetic: not set, not a reason to stop
        await seed_units(loa)
        code = await make_invite(loa, "TYTBC")
        lan = await join(tg, 5301, code, "Nguyễn Thị Lan", "Y sĩ")
        await tg.call("garble", method="sendMessage")
        await lan.send("/help")  # its answer cannot be read by the library
        await lan.receive_one()
        await lan.send("/me")
        assert "Nguyễn Thị Lan" in (await lan.receive_one())["text"]  # still answering

        await lan.send_photo(PNG, caption="Treo băng rôn tại trạm")
        await lan.press_label(await lan.receive_one(), "Pano, áp phích, băng rôn, khẩu hiệu")
        await lan.receive(2)
        photo = await until(lambda: _photo_row(loa))
        assert photo.sha256 is None and photo.retry_at is not None  # failed, will be retried
        await tg.call("outage", method="getFile", seconds=0)  # the platform is back
        clock.advance(timedelta(minutes=5))
        loa.photos.wake()
        stored = await until(lambda: _stored_photo(loa))
        assert stored.sha256 == hashlib.sha256(PNG).hexdigest() and stored.error is None


async def _photo_row(loa):
    async with loa.sessions() as session:
        row = await session.scalar(select(ReportPhoto))
    return row if row is not None and row.attempts >= 1 else None


async def _stored_photo(loa):
    async with loa.sessions() as session:
        row = await session.scalar(select(ReportPhoto))
    return row if row is not None and row.sha256 else None

