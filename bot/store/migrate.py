"""Apply Alembic migrations on Loa's own async engine."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
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


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema to `revision`; safe to call on every start."""
    await _run(engine, command.upgrade, revision)


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    """Step the schema back to `revision` ("base" for none); for operators undoing an upgrade."""
    await _run(engine, command.downgrade, revision)


async def revision(engine: AsyncEngine, message: str) -> None:
    """Autogenerate a migration from the models (developers only)."""
    await _run(engine, command.revision, message=message, autogenerate=True)
