"""Engine and sessions. Repositories take a session; the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, event, make_url, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


class DatabaseUnreachable(Exception):
    """The database cannot be opened at start; the message is one Vietnamese line naming it
    and what to check."""


def describe_database(url: str) -> str:
    """"SQLite data/loa.sqlite3" or "PostgreSQL loa@db.example:5432/loa" (never a password)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite {parsed.database}"
    user = f"{parsed.username}@" if parsed.username else ""
    return f"PostgreSQL {user}{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database}"


def unreachable(url: str, exc: BaseException) -> DatabaseUnreachable:
    """Why the database could not be opened, told for an admin to act on."""
    causes, cause = [], exc
    while cause is not None and len(causes) < 5:
        causes.append(type(cause).__name__)
        cause = cause.__cause__ or cause.__context__
    where = describe_database(url)
    if "InvalidPasswordError" in causes:
        why = "sai mật khẩu; kiểm tra DATABASE_URL"
    elif "InvalidCatalogNameError" in causes:
        why = "chưa có cơ sở dữ liệu này trên máy chủ; tạo nó (createdb) hoặc sửa DATABASE_URL"
    elif "InvalidAuthorizationSpecificationError" in causes:
        why = "máy chủ không cho tài khoản này đăng nhập; kiểm tra tên tài khoản trong DATABASE_URL"
    elif "gaierror" in causes:
        why = "không tìm thấy máy chủ theo tên; kiểm tra tên máy trong DATABASE_URL và mạng"
    elif where.startswith("SQLite"):
        why = "không mở được tệp; kiểm tra thư mục tồn tại và có quyền ghi"
    else:
        why = ("máy chủ không trả lời; kiểm tra PostgreSQL đang chạy, địa chỉ và cổng trong "
               "DATABASE_URL (hoặc database_url trong config.toml), tường lửa")
    return DatabaseUnreachable(f"Không kết nối được tới CSDL {where}: {why}.")


READ_ONLY = "loa_read_only"  # execution option: on SQLite, begin without taking the write lock


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """Create the engine; on SQLite turn on WAL and take the write lock at BEGIN."""
    if url.startswith("sqlite"):
        _ensure_sqlite_dir(url)
        engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)
        _sqlite_setup(engine)
        return engine
    return create_async_engine(url, pool_pre_ping=True, **kwargs)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


async def insert_ignore(session: AsyncSession, table: Table, rows: Sequence[dict[str, Any]],
                        unique: Sequence[str], chunk: int = 1000) -> int:
    """Insert rows, skipping any that already exist by `unique`; returns how many were added.

    Two processes doing the same insert at once both succeed and the row exists once.
    """
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    added = 0
    for start in range(0, len(rows), chunk):
        # RETURNING counts what was added on both databases (asyncpg's rowcount does not).
        stmt = (insert(table).on_conflict_do_nothing(index_elements=list(unique))
                .returning(table.c[unique[0]]))
        result = await session.execute(stmt, list(rows[start:start + chunk]))
        added += len(result.all())
    return added


async def create_staging(session: AsyncSession, name: str, columns: Sequence[str]) -> None:
    """A temporary table `name` ("column type", …) that lives until the transaction ends.

    PostgreSQL drops it at commit or rollback; on SQLite a rollback undoes it and
    `drop_staging` removes it after use. Its statement also opens the session's transaction on
    the driver, so that a COPY after it runs inside that transaction.
    """
    await session.execute(text(f"DROP TABLE IF EXISTS {name}"))
    on_commit = " ON COMMIT DROP" if _is_postgresql(session) else ""
    await session.execute(text(f"CREATE TEMPORARY TABLE {name} ({', '.join(columns)}){on_commit}"))


async def drop_staging(session: AsyncSession, name: str) -> None:
    await session.execute(text(f"DROP TABLE IF EXISTS {name}"))


async def copy_rows(session: AsyncSession, name: str, columns: Sequence[str],
                    rows: Sequence[tuple[Any, ...]]) -> None:
    """Append rows to a staging table: COPY on PostgreSQL (asyncpg's binary copy through the
    session's own connection, inside its transaction), a plain executemany on SQLite."""
    if not rows:
        return
    if _is_postgresql(session):
        raw = await (await session.connection()).get_raw_connection()
        await raw.driver_connection.copy_records_to_table(name, columns=list(columns),
                                                          records=rows)
        return
    marks = ", ".join(f":{c}" for c in columns)
    await session.execute(text(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})"),
                          [dict(zip(columns, row, strict=True)) for row in rows])


def _is_postgresql(session: AsyncSession) -> bool:
    return session.bind is not None and session.bind.dialect.name == "postgresql"


async def lock_key(session: AsyncSession, key: str, seq: int | None = None) -> None:
    """Serialise work on `key` across processes until the transaction ends: a PostgreSQL advisory
    lock (SQLite's BEGIN IMMEDIATE already lets one writer in at a time).

    With `seq` (a number that grows with each piece of work on the key, e.g. an update id), the
    transaction first announces it is waiting for `seq` — a shared advisory lock on the pair
    (hash of key, seq), visible in pg_locks to the holder — so `earlier_waiting` can tell the
    holder that work with a lower number has arrived and waits behind it.
    """
    if not _is_postgresql(session):
        return
    if seq is not None:
        await session.execute(text("SELECT pg_advisory_xact_lock_shared(hashtext(:key), :seq)"),
                              {"key": key, "seq": _int4(seq)})
    await session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
                          {"key": key})


async def earlier_waiting(session: AsyncSession, key: str, seq: int) -> bool:
    """True when another transaction announced (by `lock_key(…, seq=…)`) work on `key` with a
    number below `seq` and has not finished: it waits for the lock this one holds. Numbers are
    compared modulo 2**32 (platforms' update ids stay well below that). Always False on SQLite."""
    if not _is_postgresql(session):
        return False
    found = await session.scalar(text(
        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2"
        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        " AND classid = hashtext(:key)::oid AND objid::bigint < :seq"
        " AND pid <> pg_backend_pid())"), {"key": key, "seq": seq % 2**32})
    return bool(found)


def _int4(seq: int) -> int:
    """`seq` modulo 2**32 as PostgreSQL's int4 (pg_locks shows it back as an unsigned oid)."""
    seq %= 2**32
    return seq - 2**32 if seq >= 2**31 else seq


def _ensure_sqlite_dir(url: str) -> None:
    from pathlib import Path

    path = url.split(":///", 1)[1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_setup(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (so BEGIN IMMEDIATE works).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A deferred transaction that later writes can fail at once with "database is locked";
        # taking the write lock up front makes concurrent writers wait their turn instead. A
        # connection marked READ_ONLY never writes: it reads beside a writer (WAL), not after it.
        read_only = conn.get_execution_options().get(READ_ONLY)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
