"""`loa doctor` as an operator runs it, on a good setup and on broken ones.

The good setup: `loa run` as its own process with the fake Telegram (webhook mode) and the fake
Zalo (polling) on loopback, its HTTP server behind a TLS proxy with a certificate from a
throwaway CA (trustme) that the doctor trusts through SSL_CERT_FILE, as a server trusts its
system store; on SQLite and on PostgreSQL. Broken: a wrong token, an unreachable public URL, an
untrusted certificate, an address that is not Loa, a database behind on migrations.
"""

from __future__ import annotations

import asyncio
import os
import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import trustme
from alembic.script import ScriptDirectory
from sqlalchemy import func, select

from bot.channels import FAIL, OK, Host
from bot.channels.telegram import TelegramChannel, TelegramSettings
from bot.channels.zalo import ZaloChannel, ZaloSettings
from bot.store.db import make_engine
from bot.store.migrate import MIGRATIONS, upgrade
from bot.store.models import Worker
from tests.conftest import ROOT, make_config
from tests.e2e.test_http_media_and_supervision import free_port, until
from tests.fake_telegram import TOKEN as TG_TOKEN
from tests.fake_zalo import TOKEN as ZALO_TOKEN
from tests.support.commands import run_loa
from tests.support.tcp_proxy import TcpProxy

pytestmark = pytest.mark.timeout(240)

SECRET = "loa-webhook_S3cret"
WRONG_TOKEN = "123456789:AAwrongwrongwrongwrongwrongwrong"


def base_env(db_url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "ZALO_", "DATABASE_URL", "LOA_", "SSL_CERT_"))}
    env.update({"DATABASE_URL": db_url, "LOA_CONFIG": str(ROOT / "config.toml"),
                "LOA_STORAGE_DIR": str(tmp_path / "photos"), "PYTHONUNBUFFERED": "1", **extra})
    return env


async def doctor(env: dict[str, str], real: bool = False) -> tuple[int, list[str]]:
    """`loa doctor` in its own process (this loop keeps serving the TLS proxy meanwhile):
    `real` starts Python afresh (`python -m bot doctor`), else a fork of one that imported Loa."""
    if real:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "doctor", env=env, cwd=ROOT,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(proc.communicate(), 120)
        code, stdout, stderr = proc.returncode, out.decode(), err.decode()
    else:
        done = await asyncio.to_thread(run_loa, ["doctor"], env, ROOT, 120)
        code, stdout, stderr = done.returncode, done.stdout, done.stderr
    lines = stdout.splitlines()
    assert stderr.strip() == "", stderr  # everything is said in its lines
    assert lines and all(line[:2] in ("✓ ", "✗ ", "⚠ ") for line in lines), lines
    assert code is not None
    return code, lines


def failed(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("✗")]


async def migrated(db_url: str, revision: str = "head") -> None:
    engine = make_engine(db_url)
    try:
        await upgrade(engine, revision)
    finally:
        await engine.dispose()


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[ssl.SSLContext, Path]:
    """A server context for localhost from a throwaway CA, and the CA's file for clients."""
    ca = trustme.CA()
    folder = tmp_path_factory.mktemp("ca")
    ca_file = folder / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    return context, ca_file


async def test_a_good_setup_is_all_ticks_then_each_breakage_is_named(
        db_url, fake_server, zalo_server, tls, tmp_path):
    context, ca_file = tls
    await migrated(db_url)
    http_port = free_port()
    proxy = await TcpProxy("127.0.0.1", http_port, tls=context).start()
    public = f"https://localhost:{proxy.port}"
    env = base_env(db_url, tmp_path, LOA_HTTP_PORT=str(http_port), LOA_PUBLIC_URL=public,
                   TELEGRAM_BOT_TOKEN=TG_TOKEN, TELEGRAM_API_BASE_URL=fake_server.url,
                   TELEGRAM_WEBHOOK_URL=f"{public}/telegram/hook", TELEGRAM_WEBHOOK_SECRET=SECRET,
                   ZALO_BOT_TOKEN=ZALO_TOKEN, ZALO_API_BASE_URL=zalo_server.url)
    (tmp_path / "photos").mkdir()  # as the install script leaves it
    log = (tmp_path / "bot.log").open("ab")
    bot = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", env=env, cwd=ROOT,
                                               stdout=log, stderr=subprocess.STDOUT)
    engine = make_engine(db_url)
    try:
        async def healthy() -> bool:
            assert bot.returncode is None, (tmp_path / "bot.log").read_text()
            try:
                async with httpx.AsyncClient() as http:
                    resp = await http.get(f"http://127.0.0.1:{http_port}/healthz")
            except httpx.HTTPError:
                return False
            async with engine.connect() as conn:
                beating = await conn.scalar(select(func.count()).select_from(Worker).where(
                    Worker.key_check.is_not(None)))
            return resp.status_code == 200 and bool(beating)

        await until(healthy, timeout=60)
        code, lines = await doctor({**env, "SSL_CERT_FILE": str(ca_file)}, real=True)
        assert failed(lines) == [] and code == 0, lines
        text = "\n".join(lines)
        assert "✓ Tệp cấu hình đọc được" in text
        assert "cấu trúc mới nhất" in text
        assert "✓ Mã bot Telegram dùng được (@loa_test_bot)" in text
        assert f"✓ Webhook Telegram đúng địa chỉ đã cấu hình: {public}/telegram/hook" in text
        assert "✓ Mã bot Zalo dùng được" in text
        assert "✓ Zalo không có webhook, đúng với cấu hình" in text
        assert f"✓ {public}/healthz mở được qua https, chứng chỉ hợp lệ, đúng là Loa này." in text
        assert "✓ Mọi tiến trình Loa đang chạy (1) dùng chung một khóa bí mật." in text
        assert "✓ Thư mục ảnh" in text and "✓ Đồng hồ máy chủ" in text

        # The same server without the CA in the trust store: the certificate is refused.
        code, lines = await doctor(env)
        assert code == 1
        assert [line for line in failed(lines) if "Chứng chỉ https" in line], lines
        # A public address that answers but is not Loa (the fake Telegram's server).
        code, lines = await doctor({**env, "LOA_PUBLIC_URL": fake_server.url})
        assert code == 1
        assert [line for line in failed(lines) if "nhưng không phải Loa" in line], lines
        # This command with another secret key than the running process.
        code, lines = await doctor({**env, "SSL_CERT_FILE": str(ca_file),
                                    "LOA_SECRET_KEY": "another-key-0123456789"})
        assert code == 1
        assert [line for line in failed(lines) if "khác với các tiến trình đang chạy" in line], lines
        assert [line for line in failed(lines) if "là một Loa khác" in line], lines
        # The platform's webhook moved away from what the config says.
        async with httpx.AsyncClient() as http:
            await http.post(f"{fake_server.url}/bot{TG_TOKEN}/setWebhook",
                            json={"url": "https://elsewhere.example/hook"})
        code, lines = await doctor({**env, "SSL_CERT_FILE": str(ca_file)})
        assert code == 1
        assert failed(lines) == [
            f"✗ Webhook Telegram đang là «https://elsewhere.example/hook», khác với "
            f"TELEGRAM_WEBHOOK_URL = {public}/telegram/hook. Khởi động lại Loa (Loa đặt webhook "
            "khi khởi động) rồi chạy lại «loa doctor»."], lines
    finally:
        bot.terminate()
        await asyncio.wait_for(bot.wait(), 30)
        log.close()
        await engine.dispose()
        await proxy.stop()


async def test_a_wrong_token_and_an_unreachable_public_url(fake_server, tmp_path):
    db_url = f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}"
    await migrated(db_url)
    closed = free_port()  # nothing listens there
    env = base_env(db_url, tmp_path, TELEGRAM_BOT_TOKEN=WRONG_TOKEN,
                   TELEGRAM_API_BASE_URL=fake_server.url,
                   LOA_PUBLIC_URL=f"https://localhost:{closed}")
    code, lines = await doctor(env)
    assert code == 1
    assert failed(lines) == [
        "✗ Telegram từ chối mã bot. Kiểm tra lại TELEGRAM_BOT_TOKEN (sao chép đủ, không có "
        "khoảng trắng).",
        f"✗ Không mở được https://localhost:{closed}/healthz từ chính máy chủ (ConnectError: "
        "All connection attempts failed). Kiểm tra tên miền, Caddy đang chạy, tường lửa và Loa "
        "đang chạy."], lines
    assert any(line.startswith("⚠ Không thấy tiến trình Loa nào") for line in lines)


@pytest.mark.empty_database  # migrated here only as far as the revision before the newest
async def test_a_database_behind_on_migrations(db_url, fake_server, tmp_path):
    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    previous = script.get_revision(head).down_revision
    assert isinstance(previous, str)
    await migrated(db_url, previous)
    env = base_env(db_url, tmp_path, TELEGRAM_BOT_TOKEN=TG_TOKEN,
                   TELEGRAM_API_BASE_URL=fake_server.url)
    code, lines = await doctor(env)
    assert code == 1
    assert len(failed(lines)) == 1, lines
    assert failed(lines)[0].startswith("✗ CSDL ")
    assert f"chưa được nâng cấp: đang ở {previous}, mã nguồn cần {head}. Chạy «loa db upgrade»" \
        in failed(lines)[0]


async def test_an_unreadable_config_cannot_run(tmp_path):
    bad = tmp_path / "config.toml"
    bad.write_text("timezone = \n")
    env = base_env(f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}", tmp_path, LOA_CONFIG=str(bad))
    code, lines = await doctor(env)
    assert code == 2
    assert len(lines) == 1 and lines[0].startswith("✗ Không đọc được cấu hình") and str(bad) in lines[0]


async def test_each_channel_checks_its_own_webhook(fake_server, zalo_server):
    """Channel.check, table-driven: the webhook the platform has against the one configured."""
    hook = "https://loa.example.vn/zalo/hook"
    zalo = ZaloChannel(ZaloSettings(token=ZALO_TOKEN, api_base_url=zalo_server.url,
                                    webhook_url=hook, webhook_secret="zalo-secret-123"), Host())
    try:
        found = await zalo.check()
        assert [(f.level, f.key) for f in found] == [
            (OK, "doctor.channel.token_ok"), (FAIL, "doctor.channel.webhook_differs")]
        await zalo._call("setWebhook", {"url": hook, "secret_token": "zalo-secret-123"})
        assert [(f.level, f.key) for f in await zalo.check()][-1] == (OK, "doctor.channel.webhook_ok")
    finally:
        await zalo.close()
    telegram = TelegramChannel(TelegramSettings(token=TG_TOKEN, api_base_url=fake_server.url), Host())
    try:
        async with httpx.AsyncClient() as http:
            await http.post(f"{fake_server.url}/bot{TG_TOKEN}/setWebhook",
                            json={"url": "https://someone.else/hook"})
        found = await telegram.check()
        assert [(f.level, f.key) for f in found] == [
            (OK, "doctor.channel.token_ok"), (FAIL, "doctor.channel.webhook_while_polling")]
        assert found[1].values["actual"] == "https://someone.else/hook"
    finally:
        await telegram.close()
    wrong = ZaloChannel(ZaloSettings(token="999:wrong-token-abcdef", api_base_url=zalo_server.url),
                        Host())
    try:
        assert [(f.level, f.key) for f in await wrong.check()] == [
            (FAIL, "doctor.channel.bad_token")]
    finally:
        await wrong.close()


async def test_a_running_loa_names_its_key_in_healthz_and_heartbeat(db_url, fake_server, clock):
    from bot.runtime.secret import key_fingerprint
    from tests.conftest import running_loa, telegram_env

    config = make_config(db_url, **telegram_env(fake_server, LOA_SECRET_KEY="a-key-for-this-test-only"))
    async with running_loa(config, clock) as loa:
        fingerprint = key_fingerprint(b"a-key-for-this-test-only")
        async with httpx.AsyncClient() as http:
            resp = await http.get(f"http://127.0.0.1:{loa.http.port}/healthz")
        assert resp.headers["X-Loa-Instance"] == fingerprint
        async with loa.sessions() as session:
            assert await session.scalar(select(Worker.key_check)) == fingerprint


async def test_plain_http_on_this_machine_is_the_developers_case(db_url, fake_server, clock):
    """LOA_PUBLIC_URL=http://127.0.0.1:…: Loa answers, but only a warning says it is not https."""
    from bot.cli.doctor import Doctor
    from bot.core.texts import Texts
    from bot.runtime.secret import key_fingerprint
    from tests.conftest import running_loa, telegram_env

    port = free_port()
    public = f"http://127.0.0.1:{port}"
    config = make_config(db_url, **telegram_env(fake_server, LOA_HTTP_PORT=str(port),
                                                LOA_PUBLIC_URL=public,
                                                LOA_SECRET_KEY="a-key-for-this-test-only"))
    async with running_loa(config, clock) as loa:
        check = Doctor(config, Texts.load(ROOT / "messages"))
        check.own_key = key_fingerprint(b"a-key-for-this-test-only")
        found = await check.public_url()
        assert [(f.level, f.key) for f in found] == [("warn", "doctor.public_url_http")]
        # This Loa, answering 503: what /healthz names is in the line.
        assert loa.supervisor is not None
        loa.supervisor.states["photos"].state = "failed"
        found = await check.public_url()
        assert [(f.level, f.key, f.values.get("problems")) for f in found] == [
            ("fail", "doctor.public_url_unhealthy", "photos")]
        check.own_key = key_fingerprint(b"someone-else's-key-000")
        assert [f.key for f in await check.public_url()] == ["doctor.public_url_other_loa"]
