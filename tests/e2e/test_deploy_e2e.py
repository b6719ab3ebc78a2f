"""Loa as deploy/ sets it up on a server, end to end: deploy/install.sh (staged under a temporary
folder) writes the config, the secrets and the Caddyfile; Caddy (its own local CA, `tls
internal`) serves them over https in front of two `loa run` processes (started as loa@.service
starts them) on PostgreSQL. The fake Telegram and the fake Zalo push their webhooks to the https
address through Caddy, a Zalo photo broadcast is fetched by its https link through Caddy, a
process is stopped (SIGTERM, as systemd stops it) while Caddy keeps serving from the other, and
only Loa's public routes get through. The units pass `systemd-analyze verify`."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shlex
import shutil
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import httpx
import pytest
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory

from bot import app as loa_app
from bot.app import load_config
from bot.store import migrate
from tests.conftest import ROOT, _reset_postgres
from tests.fake_telegram import TOKEN as TG_TOKEN
from tests.fake_zalo import TOKEN as ZALO_TOKEN
from tests.support.helpers import make_invite, seed_units
from tests.support.zalo_helpers import free_port, join_zalo

DEPLOY = ROOT / "deploy"
DOMAIN = "loa.localhost"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2a6bb"
    "7c0000000049454e44ae426082")

needs_caddy = pytest.mark.skipif(shutil.which("caddy") is None,
                                 reason="caddy is not installed (scripts/system-packages installs it)")


# -- the staged install ----------------------------------------------------------------------------

def staged_install(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(DEPLOY / "install.sh"), *args], env={**os.environ,
                          "DESTDIR": str(root)}, capture_output=True, text=True, timeout=120)


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines as systemd's EnvironmentFile reads them (comments and blanks skipped)."""
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def unit_settings(path: Path) -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            settings.setdefault(key, []).append(value)
    return settings


def test_install_script_twice_changes_nothing_and_keeps_the_secrets(tmp_path):
    root = tmp_path / "root"
    first = staged_install(root, "--domain", "loa.syt.example.vn")
    assert first.returncode == 0, first.stderr
    files = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    env = read_env_file(root / "etc/loa/loa.env")
    second = staged_install(root)  # the hostname is remembered
    assert second.returncode == 0, second.stderr
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == files
    assert "thêm" not in second.stdout  # nothing added: the secrets were generated once

    assert (root / "etc/loa/loa.env").stat().st_mode & 0o777 == 0o600
    assert (root / "etc/loa/config.toml").stat().st_mode & 0o777 == 0o640
    assert (root / "var/lib/loa").stat().st_mode & 0o777 == 0o700
    assert len(env["LOA_SECRET_KEY"]) == 64
    # Production: both bots by webhook through Caddy's hostname.
    assert env["LOA_PUBLIC_URL"] == "https://loa.syt.example.vn"
    assert env["ZALO_WEBHOOK_URL"] == "https://loa.syt.example.vn/zalo/hook"
    assert env["TELEGRAM_WEBHOOK_URL"] == "https://loa.syt.example.vn/telegram/hook"
    assert len(env["ZALO_WEBHOOK_SECRET"]) == len(env["TELEGRAM_WEBHOOK_SECRET"]) == 64
    config = load_config(root / "etc/loa/config.toml", {**env, "ZALO_BOT_TOKEN": ZALO_TOKEN})
    assert config.http.listen == "127.0.0.1"
    assert config.channels["zalo"].webhook_url == env["ZALO_WEBHOOK_URL"]
    assert config.database_url == "postgresql+asyncpg://loa@/loa?host=/run/postgresql"
    assert str(config.storage_dir) == "/var/lib/loa/photos"
    caddyfile = (root / "etc/caddy/Caddyfile").read_text()
    assert "loa.syt.example.vn {" in caddyfile and "to 127.0.0.1:8080\n" in caddyfile

    # A second process later: its units, and Caddy's list of ports; the secrets stay.
    third = staged_install(root, "--processes", "2")
    assert third.returncode == 0, third.stderr
    assert "to 127.0.0.1:8081 127.0.0.1:8082\n" in (root / "etc/caddy/Caddyfile").read_text()
    assert read_env_file(root / "etc/loa/loa.env") == env

    # A new hostname: the public addresses and Caddy follow it; the secrets stay; the two
    # processes too (an upgrade runs the script without arguments).
    fourth = staged_install(root, "--domain", "loa.soyte.example.vn")
    assert fourth.returncode == 0, fourth.stderr
    moved = read_env_file(root / "etc/loa/loa.env")
    assert moved["ZALO_WEBHOOK_URL"] == "https://loa.soyte.example.vn/zalo/hook"
    assert moved["LOA_PUBLIC_URL"] == "https://loa.soyte.example.vn"
    assert moved["LOA_SECRET_KEY"] == env["LOA_SECRET_KEY"]
    assert "loa.soyte.example.vn {" in (root / "etc/caddy/Caddyfile").read_text()
    assert "to 127.0.0.1:8081 127.0.0.1:8082\n" in (root / "etc/caddy/Caddyfile").read_text()
    assert "loa@8081.service loa@8082.service" in fourth.stdout


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not here")
def test_units_pass_systemd_analyze_verify(tmp_path):
    """Verified inside a temporary root holding the units, systemd's own targets, and an
    executable where install.sh puts Loa's venv (verify checks that ExecStart exists)."""
    root = tmp_path / "root"
    units = root / "etc/systemd/system"
    units.mkdir(parents=True)
    names = ["loa.service", "loa@.service", "loa-backup.service", "loa-backup.timer"]
    for name in names:
        shutil.copy(DEPLOY / name, units / name)
    system = root / "usr/lib/systemd/system"
    system.mkdir(parents=True)
    for target in Path("/usr/lib/systemd/system").glob("*"):
        if target.suffix in (".target", ".slice") and not target.is_symlink():
            shutil.copy(target, system / target.name)
    venv = root / "opt/loa/.venv/bin"
    venv.mkdir(parents=True)
    (venv / "loa").write_text("#!/bin/sh\nexit 0\n")
    (venv / "loa").chmod(0o755)
    out = subprocess.run(["systemd-analyze", "verify", f"--root={root}", "--man=no", "loa.service",
                          "loa@8081.service", "loa-backup.service", "loa-backup.timer"],
                         cwd=units, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and not out.stderr.strip(), out.stderr  # warnings count too
    # systemd's own score of the hardening (0 is best, 10 worst; the units score 1.7 "OK"):
    # the threshold is in tenths.
    score = subprocess.run(["systemd-analyze", "security", "--offline=yes", f"--root={root}",
                            "--threshold=20", "loa.service", "loa@8081.service"],
                           cwd=units, capture_output=True, text=True, timeout=60)
    assert score.returncode == 0, score.stdout[-2000:] + score.stderr

    for name in ("loa.service", "loa@.service"):
        unit = unit_settings(DEPLOY / name)
        assert unit["Restart"] == ["on-failure"]
        assert unit["EnvironmentFile"] == ["/etc/loa/loa.env"]
        assert unit["ProtectSystem"] == ["strict"] and unit["ReadWritePaths"] == ["/var/lib/loa"]
        assert unit["NoNewPrivileges"] == ["yes"] and unit["PrivateTmp"] == ["yes"]
        assert unit["KillSignal"] == ["SIGTERM"] and int(unit["TimeoutStopSec"][0]) >= 60
    assert "LOA_HTTP_PORT=%i" in unit_settings(DEPLOY / "loa@.service")["Environment"][0]


@needs_caddy
def test_the_caddyfile_forwards_only_public_routes_with_limits():
    """Caddy's own reading of the shipped file: the time-outs, the body limits, and the paths
    forwarded (every Loa route but /metrics, which must stay on this machine)."""
    out = subprocess.run(["caddy", "adapt", "--config", str(DEPLOY / "Caddyfile"), "--adapter",
                          "caddyfile"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    server = json.loads(out.stdout)["apps"]["http"]["servers"]["srv0"]
    assert server["read_header_timeout"] == 10 * 10**9
    assert server["read_timeout"] and server["idle_timeout"] and server["write_timeout"]
    site = server["routes"][0]
    assert site["match"] == [{"host": ["loa.example.vn"]}]
    forwarded = {}
    for route in site["handle"][0]["routes"]:
        inner = route["handle"][0].get("routes", [{}])[0].get("handle", [])
        kinds = [h["handler"] for h in inner]
        if "reverse_proxy" in kinds:
            limit = next(h["max_size"] for h in inner if h["handler"] == "request_body")
            for path in route["match"][0]["path"]:
                forwarded[path] = limit
    assert forwarded["/telegram/hook"] == forwarded["/zalo/hook"] == 1_000_000
    assert forwarded["/media/*"] >= 21 * 2**20 and "/healthz" in forwarded
    assert "/metrics" not in forwarded
    # Every route Loa serves (its console, media, health, both webhooks) is public, but /metrics.
    loa_paths = ["/", "/login/x", "/logout", "/reports", "/reports/1", "/reports/1/review",
                 "/photos/1", "/photos/1/thumb", "/broadcasts", "/broadcasts/new",
                 "/broadcasts/1/decide", "/campaigns", "/campaigns/import", "/campaigns/import/1",
                 "/campaigns/import/1/draft.toml", "/slogans/1", "/units", "/exports",
                 "/exports/xlsx", "/audit", "/media/a.jpg", "/healthz"]
    for path in loa_paths:
        assert any(p == path or (p.endswith("/*") and path.startswith(p[:-1]))
                   for p in forwarded), path


# -- Caddy in front of two processes ---------------------------------------------------------------

@pytest.fixture
def resolve_domain(monkeypatch):
    """loa.localhost is 127.0.0.1 for this test's clients (as curl --resolve), whatever the
    machine's resolver says of *.localhost."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        # anyio passes the name as ASCII bytes
        return real("127.0.0.1" if host in (DOMAIN, DOMAIN.encode()) else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def two_free_ports() -> int:
    """A port p with p + 1 free too (install.sh numbers the processes' ports from p)."""
    for _ in range(50):
        port = free_port()
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise AssertionError("no two free ports in a row")


async def until(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while True:
        got = await check()
        if got:
            return got
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)


def spawn(command: list[str], env: dict[str, str], log: Path, cwd: Path
          ) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, env=env, cwd=cwd, stdout=log.open("wb"),
                            stderr=subprocess.STDOUT)


def caddy_config(staged: Path, https_port: int, http_port: int) -> str:
    """The Caddyfile install.sh wrote, with what a test on loopback needs: a certificate from
    Caddy's own CA (`tls internal`, not put in the system's trust store), its ports, no admin API."""
    text = staged.read_text()
    assert text.count("\n{\n") == 1 and text.count(f"\n{DOMAIN} {{\n") == 1
    text = text.replace("\n{\n", "\n{\n\tadmin off\n\tskip_install_trust\n\tdefault_bind 127.0.0.1\n"
                        f"\thttp_port {http_port}\n\thttps_port {https_port}\n", 1)
    return text.replace(f"\n{DOMAIN} {{\n", f"\n{DOMAIN} {{\n\ttls internal\n", 1)


@needs_caddy
@pytest.mark.timeout(300)
async def test_caddy_in_front_of_two_processes(postgres_database, fake_server, tg, zalo_server,
                                               zl, tmp_path, resolve_domain):
    await _reset_postgres(postgres_database)
    db_url = "postgresql+asyncpg://" + postgres_database.split("://", 1)[1]
    first_port, https_port, http_port = two_free_ports(), free_port(), free_port()
    ports = [first_port, first_port + 1]
    root = tmp_path / "root"
    out = staged_install(root, "--domain", DOMAIN, "--processes", "2", "--port", str(first_port))
    assert out.returncode == 0, out.stderr

    # The installed config with this checkout and a temporary data folder in place of /opt/loa
    # and /var/lib/loa; leases short so the second process takes over quickly; the operator's
    # broadcast goes out without an approver.
    data = tmp_path / "data"
    cfg = tmp_path / "config.toml"
    cfg.write_text((root / "etc/loa/config.toml").read_text()
                   .replace("/opt/loa", str(ROOT)).replace("/var/lib/loa", str(data))
                   .replace("lease_seconds = 60", "lease_seconds = 6")
                   .replace("two_person_rule = true", "two_person_rule = false"))
    public = f"https://{DOMAIN}:{https_port}"
    installed = {k: v.replace(f"https://{DOMAIN}", public)
                 for k, v in read_env_file(root / "etc/loa/loa.env").items()}
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "ZALO_", "DATABASE_URL", "LOA_"))}
    env.update(installed)
    env.update({"LOA_CONFIG": str(cfg), "DATABASE_URL": db_url,
                "TELEGRAM_BOT_TOKEN": TG_TOKEN, "TELEGRAM_API_BASE_URL": fake_server.url,
                "ZALO_BOT_TOKEN": ZALO_TOKEN, "ZALO_API_BASE_URL": zalo_server.url})
    # As loa@.service starts each process: its ExecStart, its Environment with %i its port.
    unit = unit_settings(DEPLOY / "loa@.service")
    command = shlex.split(unit["ExecStart"][0])
    assert command[0] == "/opt/loa/.venv/bin/loa"
    script = Path(sys.executable).parent / "loa"  # this venv's, as /opt/loa/.venv's there
    command[:1] = [str(script)] if script.is_file() else [sys.executable, "-m", "bot"]

    def unit_env(port: int) -> dict[str, str]:
        values = dict(env)
        for line in unit["Environment"]:
            for item in shlex.split(line.replace("%i", str(port))):
                key, _, value = item.partition("=")
                if key != "LOA_CONFIG":  # the test's copy of /etc/loa/config.toml
                    values[key] = value
        return values

    caddy_file = tmp_path / "Caddyfile"
    caddy_file.write_text(caddy_config(root / "etc/caddy/Caddyfile", https_port, http_port))
    caddy_env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
                 "XDG_CONFIG_HOME": str(tmp_path / "xdg-config")}
    ca = tmp_path / "xdg-data/caddy/pki/authorities/local/root.crt"
    caddy_log = tmp_path / "caddy.log"
    processes: list[subprocess.Popen[bytes]] = []
    logs = [tmp_path / f"loa@{p}.log" for p in ports]
    loa = await loa_app.build(load_config(cfg, {**env, "LOA_HTTP_PORT": "0"}))
    caddy = spawn(["caddy", "run", "--config", str(caddy_file), "--adapter", "caddyfile"],
                  caddy_env, caddy_log, tmp_path)
    try:
        await seed_units(loa)
        code = await make_invite(loa, "TYTBC", uses=10)
        for port, log in zip(ports, logs, strict=True):
            processes.append(spawn(command, unit_env(port), log, data.parent))

        async with httpx.AsyncClient(timeout=10) as local:
            async def both_healthy() -> bool:
                for proc, log in zip(processes, logs, strict=True):
                    assert proc.poll() is None, log.read_text()
                try:
                    answers = [await local.get(f"http://127.0.0.1:{p}/healthz") for p in ports]
                except httpx.TransportError:
                    return False
                # Each channel says how it receives once it has started: here by webhook.
                started = all("Telegram: @loa_test_bot, webhook" in log.read_text()
                              and "Zalo: webhook" in log.read_text() for log in logs)
                return started and all(a.status_code == 200 for a in answers)
            await until(both_healthy, 90, "both processes to start and serve /healthz")
        for port, log in zip(ports, logs, strict=True):
            assert f"HTTP: 127.0.0.1:{port}" in log.read_text()  # loopback only: Caddy is public

        await until(lambda: asyncio.to_thread(ca.is_file), 60, "Caddy's local CA")
        https = httpx.AsyncClient(base_url=public, timeout=30,
                                  verify=ssl.create_default_context(cafile=str(ca)))
        try:
            last: list[str] = []

            async def through_caddy() -> bool:
                assert caddy.poll() is None, caddy_log.read_text()
                try:
                    answer = await https.get("/healthz")
                except httpx.TransportError as exc:  # until Caddy has its certificate
                    last[:] = [repr(exc)]
                    return False
                last[:] = [f"{answer.status_code} {answer.text[:200]}"]
                return answer.status_code == 200
            try:
                await until(through_caddy, 60, "Loa's /healthz over https through Caddy")
            except AssertionError:
                raise AssertionError(f"{last}\n{caddy_log.read_text()[-3000:]}") from None
            health = await https.get("/healthz")
            assert health.json() == {"ok": True, "problems": {}}
            # Not public: Caddy answers itself, nothing reaches Loa.
            metrics = await https.get("/metrics")
            assert metrics.status_code == 404 and metrics.text == ""
            assert (await https.get("/telegram/hook")).status_code == 405  # Loa's: POST only
            # A webhook body over 1 MB is cut off by Caddy (Caddy 2.6 answers 502 when the cut
            # body ends the request to Loa, later versions 413); one under it reaches Loa.
            hook = {"content-type": "application/json",
                    "X-Bot-Api-Secret-Token": env["ZALO_WEBHOOK_SECRET"]}
            big = await https.post("/zalo/hook", content=b"{" + b" " * 1_100_000 + b"}",
                                   headers=hook)
            assert big.status_code in (413, 502), big.text
            # One under Caddy's limit reaches Loa, whose own limit on a push is 64 KB: answered.
            small = await https.post("/zalo/hook", content=b"{" + b" " * 50_000 + b"}",
                                     headers=hook)
            assert small.status_code == 200, small.text

            # The platforms push to https through Caddy, trusting its CA.
            telegram_state = await tg.call("state")
            assert telegram_state["webhook"]["url"] == f"{public}/telegram/hook"
            await tg.call("webhook_target", url=f"{public}/telegram/hook", ca_file=str(ca))
            await zl.call("options", ca_file=str(ca))
            assert (await zl.state())["webhook"]["url"] == f"{public}/zalo/hook"

            hoa = await tg.user(5001, "Hoa")
            await hoa.send(f"/start {code}")
            pressed = await hoa.press_label(await hoa.receive_one(timeout=30), "Đúng")
            assert "họ và tên" in " ".join(m["text"] for m in await hoa.receive(2, timeout=30))
            assert await tg.wait_confirmed(pressed["update_id"], timeout=30)
            deliveries = (await tg.call("state"))["webhook_deliveries"]
            assert len(deliveries) >= 2 and {d["status"] for d in deliveries} == {200}

            lan = await join_zalo(zl, "7a11c0de5e7a", code, "Nguyễn Thị Lan")
            pushes = (await zl.state())["pushes"]
            assert len(pushes) == 4 and {p["status"] for p in pushes} == {200}

            # One process stops as systemd stops it; Caddy sends everything to the other.
            processes[0].send_signal(signal.SIGTERM)
            stopped = await asyncio.to_thread(processes[0].wait, 90)  # TimeoutStopSec
            assert stopped == 0, logs[0].read_text()
            await lan.send("/toi")
            assert "Nguyễn Thị Lan" in (await lan.receive_one(timeout=30))["text"]

            # A photo broadcast: Zalo fetches the photo by its signed https link, through Caddy.
            photo = tmp_path / "banner.png"
            photo.write_bytes(PNG)
            cli_env = {k: v for k, v in unit_env(ports[1]).items() if k != "LOA_HTTP_PORT"}
            sent = await asyncio.to_thread(
                subprocess.run, [sys.executable, "-m", "bot", "broadcast", "send", "--photo",
                                 str(photo), "--text", "Ngày Vi chất dinh dưỡng 1/6", "--yes"],
                env=cli_env, cwd=ROOT, capture_output=True, text=True, timeout=120)
            assert sent.returncode == 0, sent.stdout + sent.stderr
            got = (await lan.receive_one(timeout=30))
            assert got["method"] == "sendPhoto", got
            assert got["photo"].startswith(f"{public}/media/")
            assert base64.b64decode(got["bytes"]) == PNG
            assert (await zl.state())["photo_fetches"] >= 1
        finally:
            await https.aclose()

        processes[1].send_signal(signal.SIGTERM)
        assert await asyncio.to_thread(processes[1].wait, 90) == 0, logs[1].read_text()
        for log in logs:  # the oversize body Caddy cut off left no traceback either
            assert "Traceback" not in log.read_text(), log.read_text()
    finally:
        for proc in processes:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
        caddy.terminate()
        try:
            caddy.wait(15)
        except subprocess.TimeoutExpired:
            caddy.kill()
            caddy.wait(10)
        await loa.close()


async def test_processes_starting_together_migrate_once_under_the_lock(postgres_database,
                                                                       tmp_path):
    """Three processes start at once on an empty PostgreSQL database (as loa@8081…8083 after a
    reboot or an upgrade): one applies the migrations while the others wait on the advisory
    lock, then find the schema current. All succeed; each migration ran once."""
    await _reset_postgres(postgres_database)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "LOA_"))}
    env.update({"DATABASE_URL": postgres_database, "LOA_CONFIG": str(ROOT / "config.toml"),
                "LOA_STORAGE_DIR": str(tmp_path / "photos")})
    runs = [await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "db", "upgrade", "-v", env=env, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT) for _ in range(3)]
    outputs = [(await asyncio.wait_for(r.communicate(), 120))[0].decode() for r in runs]
    assert [r.returncode for r in runs] == [0, 0, 0], outputs
    applied = [line for out in outputs for line in out.splitlines() if "Running upgrade" in line]
    revisions = sorted(p.name.split(".")[0] for p in
                       (ROOT / "bot/store/migrations/versions").glob("0*.py"))
    assert len(applied) == len(revisions), applied  # each once, by one of the three
    assert sum("Running upgrade  -> 0001" in out for out in outputs) == 1
    conn = await asyncpg.connect(postgres_database)
    try:
        assert await conn.fetchval("SELECT count(*) FROM alembic_version") == 1
    finally:
        await conn.close()


def test_going_back_a_version_downgrades_the_schema_first(tmp_path):
    """docs/deploy.md's way back: `loa db current` before the upgrade, `loa db downgrade` with
    the newer code, then the older code starts. Older code on a newer schema refuses to start
    with one line saying what to do, instead of a traceback."""
    db = tmp_path / "loa.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "LOA_"))}
    env.update({"DATABASE_URL": f"sqlite+aiosqlite:///{db}", "LOA_CONFIG": str(ROOT / "config.toml"),
                "LOA_STORAGE_DIR": str(tmp_path / "photos")})

    def loa(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot", *args], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60)

    newest = migrate.head()
    assert newest is not None
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS))
    down_revision = ScriptDirectory.from_config(cfg).get_revision(newest).down_revision
    assert isinstance(down_revision, str)
    assert loa("db", "current").stdout.splitlines()[-1] == "-"  # empty
    assert loa("db", "upgrade").returncode == 0
    assert loa("db", "current").stdout.splitlines()[-1] == newest
    out = loa("db", "downgrade", down_revision)
    assert out.returncode == 0, out.stderr
    assert loa("db", "current").stdout.splitlines()[-1] == down_revision
    assert loa("db", "downgrade", "0000_none").returncode == 2

    # A schema from a newer Loa (as if going back without the downgrade).
    assert loa("db", "upgrade").returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    out = loa("db", "upgrade")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "mới hơn bản Loa này" in out.stderr and "loa db downgrade" in out.stderr
