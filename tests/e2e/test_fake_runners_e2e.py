"""README's "Trying the real bot against the fakes", done as written: each fake started with its
runner (`python -m tests.fake_telegram`, `python -m tests.fake_zalo`), a real `loa run` pointed
at it, a user's /start answered."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.fake_telegram import TOKEN as TELEGRAM_TOKEN
from tests.fake_zalo import TOKEN as ZALO_TOKEN

LOA = ROOT / ".venv" / "bin" / "loa"


@contextlib.asynccontextmanager
async def process(*args: str, env: dict[str, str] | None = None
                  ) -> AsyncIterator[asyncio.subprocess.Process]:
    proc = await asyncio.create_subprocess_exec(*args, cwd=ROOT, env=env,
                                                stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE)
    try:
        yield proc
    finally:
        if proc.returncode is None:
            proc.terminate()
            try:
                await asyncio.wait_for(proc.wait(), 20)
            except TimeoutError:
                proc.kill()
                await proc.wait()


@pytest.mark.parametrize(("name", "token_env", "base_env", "token", "user", "who"), [
    ("telegram", "TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", TELEGRAM_TOKEN,
     {"id": 1001, "first_name": "Hoa"}, 1001),
    ("zalo", "ZALO_BOT_TOKEN", "ZALO_API_BASE_URL", ZALO_TOKEN,
     {"id": "a1b2c3d4e5f6", "display_name": "Hoa"}, "a1b2c3d4e5f6"),  # Zalo ids are hex
])
async def test_loa_run_against_a_fake_started_with_its_runner(name, token_env, base_env, token,
                                                              user, who, tmp_path: Path):
    async with process(sys.executable, "-m", f"tests.fake_{name}") as fake:
        assert fake.stdout is not None and fake.stderr is not None
        url = (await asyncio.wait_for(fake.stdout.readline(), 60)).decode().strip()
        assert url.startswith("http://127.0.0.1:"), url
        usage = (await asyncio.wait_for(fake.stderr.readline(), 10)).decode()
        assert url in usage  # the how-to, with its address, for a person
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("TELEGRAM_", "ZALO_", "LOA_", "DATABASE_URL"))}
        env.update({token_env: token, base_env: url, "LOA_HTTP_PORT": "0",
                    "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'thu.sqlite3'}",
                    "LOA_STORAGE_DIR": str(tmp_path / "photos")})
        async with process(str(LOA), "run", env=env) as loa, httpx.AsyncClient(
                base_url=url, timeout=30) as control:
            assert (await control.post("/_fake/user", content=json.dumps(user))).status_code == 200
            await control.post("/_fake/text", content=json.dumps({"user_id": who, "text": "/start"}))
            deadline = time.monotonic() + 90  # a cold start of Loa on a loaded machine
            sent: list = []
            while not sent and time.monotonic() < deadline and loa.returncode is None:
                sent = (await control.post("/_fake/sent", content=json.dumps(
                    {"chat_id": who}))).json()
                await asyncio.sleep(0.3)  # polling a separate process: no event to wait on
            assert sent, f"loa run answered nothing (exit {loa.returncode})"
            assert "mã mời" in (sent[0].get("text") or "").lower(), sent[0]
