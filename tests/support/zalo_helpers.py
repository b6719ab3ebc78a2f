"""Loa on the fake Zalo Bot API: fixtures and the steps most Zalo tests share."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from bot.app import load_config
from bot.core.config import Config
from tests.conftest import PHOTOS, ROOT
from tests.fake_telegram import FakeTelegramServer
from tests.fake_zalo import TOKEN, FakeZaloServer, ZaloControl, ZaloUser
from tests.support.texts import T, head, matches


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def zalo_config(db_url: str, zalo_server: FakeZaloServer, tmp_path: Path,
                telegram: FakeTelegramServer | None = None, zalo_rate: float = 50,
                extra_toml: str = "", **env: str) -> Config:
    """Zalo alone (or beside Telegram), with Loa's HTTP server on a known port so the signed
    photo links Zalo fetches point back to it."""
    port = free_port()
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\n'
                   f"[delivery]\nrate_per_second = 200\nper_chat_interval = 0.05\nprogress_interval = 0.5\n"
                   f"[prompts]\ntick_seconds = 0.1\n"
                   f"[zalo]\nrate_per_second = {zalo_rate}\npoll_timeout = 2\n{extra_toml}")
    values = {"DATABASE_URL": db_url, "LOA_STORAGE_DIR": str(PHOTOS),
              "ZALO_BOT_TOKEN": TOKEN, "ZALO_API_BASE_URL": zalo_server.url,
              "LOA_HTTP_PORT": str(port), "LOA_PUBLIC_URL": f"http://127.0.0.1:{port}"}
    if telegram is not None:
        from tests.fake_telegram import TOKEN as TG_TOKEN
        values.update(TELEGRAM_BOT_TOKEN=TG_TOKEN, TELEGRAM_API_BASE_URL=telegram.url)
    return load_config(cfg, {**values, **env})


async def join_zalo(zl: ZaloControl, user_id: str, code: str, full_name: str,
                    position: str = "Y sĩ") -> ZaloUser:
    """A user joins on Zalo, answering the numbered confirmation with "1"; welcome read."""
    user = await zl.user(user_id, full_name.split()[-1])
    await user.send(f"/start {code}")
    confirm = await user.receive_one()
    assert matches(confirm["text"].split("\n\n  1.")[0], "onboarding.confirm_unit"), confirm
    await user.send("1")
    assert (await user.receive_one())["text"] == T("onboarding.ask_name")
    await user.send(full_name)
    await user.receive_one()
    await user.send(position)
    welcome = await user.receive_one()
    assert welcome["text"].startswith(head("onboarding.welcome")), welcome
    return user


def texts(messages: list[dict[str, Any]]) -> list[str]:
    return [m.get("text") or m.get("caption") or "" for m in messages]


async def menu_stored(loa: Any, user_id: str, timeout: float = 10) -> list[Any]:
    """Until the numbered choices last sent to this Zalo user are on record (the outbox writes
    them a moment after the send)."""
    import asyncio
    import time

    from sqlalchemy import select

    from bot.store.models import Identity

    deadline = time.monotonic() + timeout
    while True:
        async with loa.sessions() as session:
            menu = await session.scalar(select(Identity.menu).where(
                Identity.channel == "zalo", Identity.external_id == user_id))
        if menu:
            return menu
        assert time.monotonic() < deadline, "no numbered choices on record"
        await asyncio.sleep(0.05)


async def also_on_zalo(loa: Any, zl: ZaloControl, telegram_chat: int, zalo_id: str) -> None:
    """The officer on Telegram `telegram_chat` gets a Zalo account `zalo_id` too, and asks for
    Zalo first (/kenh zalo)."""
    from sqlalchemy import select

    from bot.store.models import Identity, Officer

    await zl.user(zalo_id, "Cả hai")
    async with loa.sessions() as session, session.begin():
        identity = await session.scalar(select(Identity).where(
            Identity.external_id == str(telegram_chat)))
        officer = await session.get(Officer, identity.officer_id)
        officer.preferred_channel = "zalo"
        session.add(Identity(channel="zalo", external_id=zalo_id, chat_id=zalo_id,
                             officer_id=officer.id, menu=[], created_at=loa.clock.now()))
