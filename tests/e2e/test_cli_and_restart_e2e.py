"""The `loa` command as an operator uses it, and a bot process killed in the middle of a form."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PHOTOS, ROOT
from tests.fake_telegram import TOKEN
from tests.support.commands import LoaProcess, run_loa, start_loa

pytestmark = pytest.mark.timeout(180)


def _env(db_url: str, fake_url: str | None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "DATABASE_URL", "LOA_"))}
    env.update({"DATABASE_URL": db_url, "LOA_CONFIG": str(ROOT / "config.toml"),
                "LOA_STORAGE_DIR": str(PHOTOS), "LOA_HTTP_PORT": "0",
                "PYTHONUNBUFFERED": "1", **extra})
    if fake_url:
        env.update({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake_url})
    return env


def loa_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`loa args` in its own process with `env` (forked from one that imported Loa once)."""
    return run_loa(list(args), env, ROOT)


def start_bot(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=ROOT,
                            stdout=log.open("ab"), stderr=subprocess.STDOUT)


def fork_bot(env: dict[str, str], log: Path) -> LoaProcess:
    """`loa run` forked like loa_cli's commands: a second sooner up than start_bot's."""
    return start_loa(["run"], env, ROOT, log)


def seed_with_cli(env: dict[str, str]) -> str:
    """Units and an invite made the way an operator makes them; returns the invite code."""
    out = loa_cli(env, "unit", "add", "Sở Y tế Quảng Ninh")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "SYTQN"
    assert loa_cli(env, "unit", "add", "Trung tâm Y tế Hạ Long", "--parent", "SYTQN").returncode == 0
    out = loa_cli(env, "unit", "add", "Trạm Y tế phường Bãi Cháy", "--parent", "TTYTHL")
    assert out.stdout.strip().splitlines()[-1] == "TYTPBC", out.stdout + out.stderr
    out = loa_cli(env, "invite", "create", "--unit", "TYTPBC", "--role", "focal", "--uses", "2")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    code = lines[-1]
    assert len(code) == 10 and code.isalnum()
    assert f"https://t.me/loa_test_bot?start={code}" in out.stdout
    return code


async def test_killed_during_onboarding_continues_after_restart(db_url, fake_server, tg,
                                                                 tmp_path):
    env = _env(db_url, fake_server.url)
    code = seed_with_cli(env)
    log = tmp_path / "bot.log"
    bot = fork_bot(env, log)
    try:
        lan = await tg.user(4001, "Lan")
        await lan.send(f"/start {code}")
        confirm = await lan.receive_one(timeout=30)
        await lan.press_label(confirm, "Đúng")
        _, ask_name = await lan.receive(2)
        assert "họ và tên" in ask_name["text"]

        bot.send_signal(signal.SIGKILL)
        bot.wait(timeout=10)
        # Typed while the bot is down: Telegram keeps it until the bot is back.
        await lan.send("Nguyễn Thị Lan")
        bot = fork_bot(env, log)
        assert "Chức vụ" in (await lan.receive_one(timeout=30))["text"]

        bot.send_signal(signal.SIGKILL)
        bot.wait(timeout=10)
        bot = fork_bot(env, log)
        await lan.send("Phụ trách truyền thông")
        welcome = await lan.receive_one(timeout=30)
        assert "Chào mừng Nguyễn Thị Lan" in welcome["text"]
        assert await lan.nothing_more(await lan.send("/me")) != []
    finally:
        bot.send_signal(signal.SIGTERM)
        assert bot.wait(timeout=20) == 0, "a SIGTERM must stop the bot cleanly"
    text = log.read_text()
    assert TOKEN not in text
    assert "Traceback" not in text


async def test_admin_commands_need_an_admin(db_url, fake_server, tg, tmp_path):
    env = _env(db_url, fake_server.url)
    code = seed_with_cli(env)
    out = loa_cli(env, "admin", "add", "4101")
    assert out.returncode == 0 and "4101" in out.stdout, out.stderr
    bot = fork_bot(env, tmp_path / "bot.log")
    try:
        officer = await tg.user(4102, "Hùng")
        await officer.send(f"/start {code}")
        await officer.press_label(await officer.receive_one(timeout=30), "Đúng")
        await officer.receive(2)
        await officer.send("Phạm Văn Hùng")
        await officer.receive_one()
        await officer.send("Y sĩ")
        await officer.receive_one()
        for command in ("/donvi", "/moi TYTPBC", "/moi TYTPBC quantri 5"):
            await officer.send(command)
            assert (await officer.receive_one())["text"] == "Lệnh này chỉ dành cho quản trị viên."
        await officer.send("/help")
        help_text = (await officer.receive_one())["text"]
        assert "/moi" not in help_text and "/me" in help_text

        admin = await tg.user(4101, "Quản trị")
        await admin.send("/donvi")
        units = (await admin.receive_one(timeout=30))["text"]
        assert "Sở Y tế Quảng Ninh — SYTQN" in units and "Trạm Y tế phường Bãi Cháy — TYTPBC" in units
        await admin.send("/moi TYTPBC daumoi 3")
        created = (await admin.receive_one())["text"]
        assert "dùng được 3 lần" in created and "https://t.me/loa_test_bot?start=" in created
        await admin.send("/moi KHONGCO")
        assert "Không có đơn vị mã KHONGCO" in (await admin.receive_one())["text"]
        await admin.send("/moi TYTPBC sep")
        assert "Không có vai trò" in (await admin.receive_one())["text"]
        await admin.send("/help")
        assert "/moi" in (await admin.receive_one())["text"]
    finally:
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=20)
    listed = loa_cli(env, "unit", "list").stdout
    assert "TYTPBC" in listed


@pytest.mark.parametrize("env_extra, key", [
    ({"TELEGRAM_BOT_TOKEN": "not-a-token"}, "TELEGRAM_BOT_TOKEN"),
    ({"TELEGRAM_API_BASE_URL": "ftp://example"}, "TELEGRAM_API_BASE_URL"),
    ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
    ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_URL": "http://insecure.example/hook",
      "TELEGRAM_WEBHOOK_SECRET": "s3cret"}, "TELEGRAM_WEBHOOK_URL"),
    ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_URL": "https://loa.example/hook"},
     "TELEGRAM_WEBHOOK_SECRET"),
    ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_URL": "https://loa.example/hook",
      "TELEGRAM_WEBHOOK_SECRET": "has spaces"}, "TELEGRAM_WEBHOOK_SECRET"),
    ({"LOA_CONFIG": "/nonexistent/config.toml"}, "LOA_CONFIG"),
])
def test_bad_configuration_is_one_clear_line(env_extra, key, tmp_path):
    env = _env(f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}", None)
    env.update(env_extra)
    out = loa_cli(env, "run")
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and key in lines[0] and "Cấu hình sai" in lines[0], out.stderr
    assert "Traceback" not in out.stderr
    assert "not-a-token" not in out.stderr


def test_bad_config_file_values(tmp_path):
    for body, key in [('timezone = "Mars/Olympus"\n', "timezone"),
                      ('default_prompt_time = "7h30"\n', "default_prompt_time"),
                      ('colour = "blue"\n', "colour"),
                      ('[http]\nport = 99999\n', "http.port"),
                      ('timezone = \n', "config.toml")]:
        cfg = tmp_path / "config.toml"
        cfg.write_text(body)
        env = _env(f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}", None, LOA_CONFIG=str(cfg))
        out = loa_cli(env, "db", "upgrade")
        assert out.returncode == 2, out
        assert key in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_cli_refuses_bad_arguments(tmp_path):
    env = _env(f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}", None)
    out = loa_cli(env, "invite", "create", "--unit", "KHONGCO")
    assert out.returncode == 2 and "Không có đơn vị mã KHONGCO" in out.stderr
    out = loa_cli(env, "unit", "add", "Trạm", "--parent", "KHONGCO")
    assert out.returncode == 2 and "Không có đơn vị mã KHONGCO" in out.stderr
    out = loa_cli(env, "admin", "add", "abc")
    assert out.returncode == 2 and "dãy số" in out.stderr
    assert "Traceback" not in out.stderr
