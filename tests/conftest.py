"""Shared fixtures: a database on SQLite and on PostgreSQL, the fake Telegram, Loa running on them."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import socket
import tempfile
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot import app as loa_app
from bot.app import load_config
from bot.core.clock import FrozenClock
from bot.core.config import Config
from tests.fake_telegram import TOKEN, FakeTelegramControl, FakeTelegramServer
from tests.fake_zalo import FakeZaloServer, ZaloControl

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("LOA_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
PG_TEST_DB = "loa_test"

# A fixed, ordinary working morning (Monday 23 Nov 2026, 09:00 in Vietnam).
MORNING = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


# -- no traffic leaves this machine --------------------------------------------------------------

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        if host not in ("localhost", "::1") and not str(host).startswith("127."):
            raise ConnectionRefusedError(f"test harness: refusing to connect to {host}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


# -- databases ---------------------------------------------------------------------------------

def _pg_url(database: str) -> str:
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base}/{database}"


async def admin(sql: str) -> None:
    """One statement on the server's admin database (CREATE/DROP DATABASE)."""
    conn = await asyncpg.connect(PG_ADMIN_URL)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A database of this test run's own on the local PostgreSQL (two runs at once, say CI and
    a developer, must not wipe each other's tables), dropped at the end."""
    name = f"{PG_TEST_DB}_{os.getpid()}"
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}"'))
    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    yield _pg_url(name)
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _reset_postgres(url: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    finally:
        await conn.close()


# What a schema is made of (tables, columns, indexes, constraints, triggers and whether they are
# on, functions, types, grants, revision): one digest, to tell a migrated schema left as it was.
_PG_SCHEMA_DIGEST = """SELECT md5(string_agg(x, E'\\n' ORDER BY x)) FROM (
 SELECT 'c:' || c.relname || '.' || a.attname || ':' || format_type(a.atttypid, a.atttypmod) || ':'
        || a.attnotnull::text || ':' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') AS x
   FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
   LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
 UNION ALL SELECT 'r:' || relname || ':' || relkind::text || ':' || coalesce(relacl::text, '')
   FROM pg_class WHERE relnamespace = 'public'::regnamespace
 UNION ALL SELECT 'i:' || pg_get_indexdef(i.indexrelid) FROM pg_index i
   JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = 'public'::regnamespace
 UNION ALL SELECT 'k:' || conrelid::regclass::text || ':' || conname || ':' || pg_get_constraintdef(oid)
   FROM pg_constraint WHERE connamespace = 'public'::regnamespace
 UNION ALL SELECT 't:' || pg_get_triggerdef(t.oid) || ':' || t.tgenabled::text FROM pg_trigger t
   JOIN pg_class c ON c.oid = t.tgrelid
   WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
 UNION ALL SELECT 'f:' || p.oid::regprocedure::text || ':' || md5(p.prosrc) FROM pg_proc p
   WHERE p.pronamespace = 'public'::regnamespace
 UNION ALL SELECT 'y:' || typname FROM pg_type WHERE typnamespace = 'public'::regnamespace
 UNION ALL SELECT 'v:' || version_num FROM alembic_version) s"""
_MIGRATED_PG: list[str] = []  # the digest of the newest schema, once this process migrated it


async def _empty_migrated_postgres(url: str) -> None:
    """The PostgreSQL test database at the newest schema with no rows and every sequence at its
    start: rows deleted when the schema is as migrated (40 ms), else wiped and migrated (1.3 s)."""
    conn = await asyncpg.connect(url)
    try:
        if _MIGRATED_PG:
            try:
                if await conn.fetchval(_PG_SCHEMA_DIGEST) == _MIGRATED_PG[0]:
                    tables = [r[0] for r in await conn.fetch(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                        " AND tablename <> 'alembic_version'")]
                    sequences = await conn.fetch("SELECT sequencename, start_value FROM pg_sequences"
                                                 " WHERE schemaname = 'public'")
                    # Triggers off for this transaction: audit rows refuse DELETE, foreign keys order.
                    await conn.execute(
                        "BEGIN; SET LOCAL session_replication_role = replica; "
                        + "".join(f'DELETE FROM "{t}"; ' for t in tables)
                        + "".join(f"SELECT setval('\"{q}\"', {v}, false); " for q, v in sequences)
                        + "COMMIT")
                    return
            except asyncpg.PostgresError:
                if not conn.is_closed() and conn.is_in_transaction():
                    await conn.execute("ROLLBACK")
        await conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    finally:
        await conn.close()
    from bot.store.db import make_engine
    from bot.store.migrate import upgrade

    engine = make_engine("postgresql+asyncpg://" + url.split("://", 1)[1])
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
    conn = await asyncpg.connect(url)
    try:
        _MIGRATED_PG[:] = [await conn.fetchval(_PG_SCHEMA_DIGEST)]
    finally:
        await conn.close()


_MIGRATED_SQLITE: list[Path] = []


def _migrated_sqlite() -> Path:
    """A SQLite file migrated to the newest schema, once per test process (a fresh migration
    rebuilds tables for 0.4 s; a copy of its result takes a millisecond)."""
    if not _MIGRATED_SQLITE:
        from bot.store.db import make_engine
        from bot.store.migrate import upgrade

        path = Path(tempfile.mkdtemp(prefix="loa-migrated-")) / "loa.sqlite3"

        async def migrate() -> None:
            engine = make_engine(f"sqlite+aiosqlite:///{path}")
            try:
                await upgrade(engine)
            finally:
                await engine.dispose()

        asyncio.run(migrate())
        assert not path.with_name("loa.sqlite3-wal").exists(), "the copy must be the whole database"
        _MIGRATED_SQLITE.append(path)
    return _MIGRATED_SQLITE[0]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with no rows at the newest schema: on SQLite a copy of one migrated once, on
    PostgreSQL the test database emptied (migrated again if a test changed its schema);
    `@pytest.mark.empty_database` for an empty SQLite file or a wiped PostgreSQL schema."""
    empty = request.node.get_closest_marker("empty_database") is not None
    if request.param == "sqlite":
        path = tmp_path / "loa.sqlite3"
        if not empty:
            shutil.copyfile(_migrated_sqlite(), path)
        return f"sqlite+aiosqlite:///{path}"
    url = request.getfixturevalue("postgres_database")
    asyncio.run(_reset_postgres(url) if empty else _empty_migrated_postgres(url))
    return "postgresql+asyncpg://" + url.split("://", 1)[1]


# -- config ------------------------------------------------------------------------------------

PHOTOS = Path(tempfile.mkdtemp(prefix="loa-photos-"))  # never the checkout's data/ folder


def make_config(db_url: str, **env: str) -> Config:
    return load_config(ROOT / "config.toml",
                       {"DATABASE_URL": db_url, "LOA_STORAGE_DIR": str(PHOTOS), "LOA_HTTP_PORT": "0",
                        **env})


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(MORNING)


# -- fake Telegram -----------------------------------------------------------------------------

@pytest.fixture
def fake_server() -> Iterator[FakeTelegramServer]:
    server = FakeTelegramServer().start()
    yield server
    server.stop()


@pytest.fixture
async def tg(fake_server: FakeTelegramServer) -> AsyncIterator[FakeTelegramControl]:
    control = fake_server.control()
    yield control
    await control.aclose()


def telegram_env(fake_server: FakeTelegramServer, **extra: str) -> dict[str, str]:
    # Any free port for the HTTP server: test runs side by side must not fight over 8080.
    return {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake_server.url,
            "LOA_HTTP_PORT": "0", **extra}


@contextlib.asynccontextmanager
async def running_loa(config: Config, clock: FrozenClock | None = None, extra: Any = ()
                      ) -> AsyncIterator[loa_app.Loa]:
    """Loa as in production (its channels, migrations, scheduler, HTTP server) inside this event
    loop, plus `extra` test channels; yielded once it leads (polls, sends, runs schedules)."""
    loa = await loa_app.build(config, clock=clock)
    loa.add_configured_channels()
    for channel in extra:
        loa.add_channel(channel)
    stop = asyncio.Event()
    task = asyncio.create_task(loa_app.run(loa, stop))
    try:
        # Started once the channel is ready and this process leads (polls, sends, schedules).
        for _ in range(3000):  # up to 30 s on a loaded machine
            if task.done():
                task.result()
            if loa.started.is_set() and len(loa.leases.held) == len(loa.channels) + 1:
                break
            await asyncio.sleep(0.01)
        yield loa
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
        await loa.close()


@pytest.fixture
async def loa(db_url: str, fake_server: FakeTelegramServer, clock: FrozenClock
              ) -> AsyncIterator[loa_app.Loa]:
    config = make_config(db_url, **telegram_env(fake_server))
    async with running_loa(config, clock) as running:
        yield running


@contextlib.asynccontextmanager
async def session_of(loa: loa_app.Loa) -> AsyncIterator[AsyncSession]:
    async with loa.sessions() as session, session.begin():
        yield session


@pytest.fixture
def log_records(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every log record at DEBUG, from every library (httpx logs request URLs there)."""
    caplog.set_level(logging.DEBUG)
    return caplog


# -- fake Zalo ---------------------------------------------------------------------------------

@pytest.fixture
def zalo_server() -> Iterator[FakeZaloServer]:
    server = FakeZaloServer().start()
    yield server
    server.stop()


@pytest.fixture
async def zl(zalo_server: FakeZaloServer) -> AsyncIterator[ZaloControl]:
    control = ZaloControl(zalo_server.url)
    # Sources disagree on whether a polled update can come again: in these tests every one does.
    # Empty polls are answered 408 at once, as on the real platform.
    await control.call("options", twice=True)
    yield control
    await control.aclose()
