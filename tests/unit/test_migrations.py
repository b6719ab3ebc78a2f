"""Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from bot.store.db import make_engine
from bot.store.migrate import downgrade, upgrade
from bot.store.models import Base


@pytest.mark.empty_database  # built from nothing here on both databases (elsewhere a migrated copy)
async def test_migrations_match_models(db_url):
    engine = make_engine(db_url)
    try:
        await upgrade(engine)
        await upgrade(engine)  # a second start changes nothing

        def diff(conn):
            return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                    Base.metadata)

        async with engine.connect() as conn:
            assert await conn.run_sync(diff) == []
            if engine.dialect.name == "sqlite":
                mode = (await conn.exec_driver_sql("PRAGMA journal_mode")).scalar()
                assert mode == "wal"
    finally:
        await engine.dispose()


async def test_downgrade_to_base_and_back(db_url):
    engine = make_engine(db_url)

    def tables(conn):
        return set(inspect(conn).get_table_names())

    try:
        await upgrade(engine)
        await downgrade(engine, "base")
        async with engine.connect() as conn:
            assert await conn.run_sync(tables) <= {"alembic_version"}
        await upgrade(engine)
        async with engine.connect() as conn:
            assert {"units", "officers", "identities", "invites", "conversations"} <= (
                await conn.run_sync(tables))
    finally:
        await engine.dispose()


def test_each_migration_file_is_named_as_its_revision():
    import re
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "bot" / "store" / "migrations" / "versions"
    for path in sorted(folder.glob("*.py")):
        revision = re.search(r"^revision: str = '([^']+)'", path.read_text(), re.M)
        assert revision is not None and revision.group(1) == path.stem, path.name
