"""Apply Alembic migrations on Loa's own async engine."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


async def _run(engine: AsyncEngine, alembic_command: Callable[..., Any], *args: Any,
               **kwargs: Any) -> None:
    """Run an Alembic command on a connection of `engine` (env.py takes it from attributes)."""

    def run(sync_conn: Any) -> None:
        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = sync_conn
        alembic_command(cfg, *args, **kwargs)

    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Processes starting together migrate one after the other (SQLite: BEGIN IMMEDIATE).
            await conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtextextended('loa:migrate', 0))")
        await conn.run_sync(run)


class SchemaTooNew(Exception):
    """The database was upgraded by a newer Loa than this one (going back without a downgrade)."""

    def __init__(self, revision: str) -> None:
        super().__init__(f"CSDL ở phiên bản {revision}, mới hơn bản Loa này: chạy loa db downgrade "
                         "bằng bản Loa mới trước khi chạy bản cũ, hoặc quay lại bản mới "
                         "(xem docs/deploy.md).")


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema to `revision`; safe to call on every start."""
    try:
        await _run(engine, command.upgrade, revision)
    except CommandError:
        now = await current(engine)
        if now is not None and not known(now):
            raise SchemaTooNew(now) from None
        raise


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    """Step the schema back to `revision` ("base" for none); for operators undoing an upgrade."""
    await _run(engine, command.downgrade, revision)


async def revision(engine: AsyncEngine, message: str) -> None:
    """Autogenerate a migration from the models (developers only)."""
    await _run(engine, command.revision, message=message, autogenerate=True)


async def current(engine: AsyncEngine) -> str | None:
    """The schema's revision now (None: an empty database)."""
    async with engine.connect() as conn:
        return await conn.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())


def _scripts() -> ScriptDirectory:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg)


def head() -> str | None:
    """The newest revision this code knows."""
    return _scripts().get_current_head()


def known(revision: str) -> bool:
    """Whether this code has that revision (a database upgraded by newer code may not)."""
    return any(s.revision == revision for s in _scripts().walk_revisions())
