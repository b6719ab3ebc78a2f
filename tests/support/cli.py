"""Shared by the tests of the `loa` command: a home with its own config and SQLite database, the
staff list an operator imports, and the invites the import stored."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from bot.store.db import make_engine, make_sessionmaker
from bot.store.models import Invite
from tests.conftest import ROOT


def cli_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """`loa` run from tmp_path: config.toml and loa.sqlite3 there, no channel token set."""
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "TELEGRAM_WEBHOOK_URL",
                 "ZALO_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'messages_dir = "{ROOT / "messages"}"\nstorage_dir = "{tmp_path / "photos"}"\n'
                   f'[demo]\ndatabase_url = "sqlite+aiosqlite:///{tmp_path / "demo.sqlite3"}"\n')
    monkeypatch.setenv("LOA_CONFIG", str(cfg))
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'loa.sqlite3'}")
    return tmp_path


def staff_sheet(path: Path, rows: list[tuple[Any, ...]]) -> None:
    """A staff list as `loa officers import` reads it: the header row, then `rows`."""
    book = Workbook()
    book.active.append(("STT", "Mã đơn vị", "Họ và tên", "Chức vụ", "Vai trò", "Điện thoại"))
    for row in rows:
        book.active.append(row)
    book.save(path)


def stored_invites(home: Path) -> dict[str, Invite]:
    """The invites in the home's database, by code (read after the command has ended)."""
    async def read() -> dict[str, Invite]:
        engine = make_engine(f"sqlite+aiosqlite:///{home / 'loa.sqlite3'}")
        async with make_sessionmaker(engine)() as session:
            found = {i.code: i for i in await session.scalars(select(Invite))}
        await engine.dispose()
        return found

    return asyncio.run(read())
