"""One-file backups of a running Loa, and restoring them into an empty database — of either kind.

The file is a tar archive (format below, also in README) holding the database as portable data,
table by table, one JSON object per row (so a SQLite backup restores into PostgreSQL), the files
of the storage folder the database refers to, and a manifest. The database is read from one
consistent snapshot while Loa keeps running: SQLite's online backup API into a temporary copy,
or one REPEATABLE READ READ ONLY transaction on PostgreSQL. The files are copied after the
snapshot, by the paths and hashes the snapshot names, so a photo stored later and not referred
to by the snapshot is simply not in the backup, and every photo the snapshot refers to is.

    manifest.json            format, Loa version, Alembic revision, source engine, created at,
                             row counts, every member's SHA-256
    db/<table>.jsonl.gz      the rows of one table, in primary-key order
    files/<path>             a file of the storage folder, at its path there
    settings/config.toml     the config file in use, for reference (never restored over one)
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from sqlalchemy import Date, DateTime, Integer, MetaData, Table, func, make_url, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from bot.store.db import make_engine
from bot.store.migrate import MIGRATIONS, upgrade

FORMAT = "loa-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# Bookkeeping of the processes running now, not data: a restored Loa starts its own.
NOT_RESTORED = ("alembic_version", "leases", "workers")
# A delivery claimed at the backup point may or may not have reached its recipient.
RESTORED_UNCERTAIN = "restored from a backup taken while it was being sent"
CHUNK = 1000
OPTIONAL = "optional"  # a file the snapshot may name without it existing (an invite's QR code)
PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700


class BackupError(Exception):
    """A backup or restore that cannot go on; `key` names its Vietnamese text ([backup])."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key, self.values = key, values


@dataclasses.dataclass
class Summary:
    path: Path
    rows: dict[str, int]
    files: int
    missing: list[str]
    revision: list[str]
    engine: str


def loa_version() -> str:
    try:
        return metadata.version("loa")
    except metadata.PackageNotFoundError:
        return "unknown"


def engine_name(url: str) -> str:
    return make_url(url).get_backend_name()


# -- writing -------------------------------------------------------------------------------------

async def write_backup(database_url: str, storage_dir: Path, out: Path,
                       config_file: Path | None = None, now: dt.datetime | None = None,
                       at_snapshot: Callable[[AsyncConnection], Awaitable[None]] | None = None
                       ) -> Summary:
    """Write the backup to `out` (mode 0600; written under a temporary name, then renamed).
    `at_snapshot` is called with the connection holding the snapshot before it is read (on
    PostgreSQL a caller can export it, e.g. a test reading the source as of the same point)."""
    out, work = await asyncio.to_thread(_workdir, out)
    try:
        dumped = await _dump_snapshot(database_url, work, at_snapshot)
        return await asyncio.to_thread(_write_tar, dumped, database_url, storage_dir, out, work,
                                       config_file, now or dt.datetime.now(dt.UTC))
    finally:
        await asyncio.to_thread(shutil.rmtree, work, True)


def _workdir(out: Path) -> tuple[Path, Path]:
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    # Beside the target (same disk, so the rename is atomic); mkdtemp makes it 0700.
    return out, Path(tempfile.mkdtemp(prefix=".loa-backup-", dir=out.parent))


def _write_tar(dumped: _Dumped, database_url: str, storage_dir: Path, out: Path, work: Path,
               config_file: Path | None, now: dt.datetime) -> Summary:
    part = work / "backup.tar"
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(fd, "wb") as raw:
        with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
            members: dict[str, dict[str, Any]] = {}
            for table, (path, rows) in dumped.tables.items():
                name = f"db/{table}.jsonl.gz"
                members[name] = {"sha256": _add(tar, name, path), "rows": rows}
            files: dict[str, str] = {}
            missing: list[str] = []
            wanted = dumped.files | invite_files(storage_dir, dumped.invite_codes)
            for relative, expected in sorted(wanted.items()):
                source = storage_dir / relative
                if not source.is_file():  # removed after the snapshot (retention): said, not fatal
                    if expected != OPTIONAL:
                        missing.append(relative)
                    continue
                files[relative] = _add(tar, f"files/{relative}", source)
                if expected not in ("", OPTIONAL) and files[relative] != expected:
                    missing.append(relative)  # the file no longer holds the bytes its hash names
            if config_file is not None and config_file.is_file():
                members["settings/config.toml"] = {"sha256": _add(tar, "settings/config.toml",
                                                                  config_file)}
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION, "loa_version": loa_version(),
                "alembic_revision": dumped.revision, "source_engine": engine_name(database_url),
                "snapshot": dumped.method, "created_at": now.astimezone(dt.UTC).isoformat(),
                "tables": {t: members[f"db/{t}.jsonl.gz"]["rows"] for t in dumped.tables},
                "not_restored": list(NOT_RESTORED), "members": members, "files": files,
                "missing_files": missing,
                "secret_key": "settings table (media.secret) unless LOA_SECRET_KEY is set",
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(now.timestamp()), PRIVATE_FILE
            tar.addfile(info, io.BytesIO(data))
        raw.flush()
        os.fsync(raw.fileno())

    os.replace(part, out)
    os.chmod(out, PRIVATE_FILE)
    return Summary(out, manifest["tables"], len(files), missing, dumped.revision,
                   manifest["source_engine"])


@dataclasses.dataclass
class _Dumped:
    tables: dict[str, tuple[Path, int]]
    files: dict[str, str]  # path in the storage folder → the SHA-256 the snapshot names ("" none)
    revision: list[str]
    method: str
    invite_codes: set[str]


async def _dump_snapshot(database_url: str, work: Path,
                         at_snapshot: Callable[[AsyncConnection], Awaitable[None]] | None
                         ) -> _Dumped:
    if engine_name(database_url) == "sqlite":
        copy = work / "snapshot.sqlite3"
        await asyncio.to_thread(_sqlite_online_backup, make_url(database_url).database or "", copy)
        engine = create_async_engine(f"sqlite+aiosqlite:///{copy}")
        try:
            async with engine.connect() as conn:
                if at_snapshot is not None:
                    await at_snapshot(conn)
                return await _dump(conn, work, "sqlite online backup")
        finally:
            await engine.dispose()
            copy.unlink(missing_ok=True)
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="REPEATABLE READ")
            async with conn.begin():
                await conn.execute(text("SET TRANSACTION READ ONLY"))
                if at_snapshot is not None:
                    await at_snapshot(conn)
                return await _dump(conn, work, "postgresql repeatable read")
    finally:
        await engine.dispose()


def _sqlite_online_backup(source: str, target: Path) -> None:
    """SQLite's online backup API: a consistent copy while other connections keep writing."""
    if not Path(source).is_file():  # connecting would create an empty database there
        raise BackupError("backup.no_database", path=source)
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # in one step: a restartable stepwise copy could chase busy writers
    finally:
        dst.close()
        src.close()


async def _dump(conn: AsyncConnection, work: Path, method: str) -> _Dumped:
    meta = MetaData()
    await conn.run_sync(lambda sync: meta.reflect(sync))
    if "alembic_version" not in meta.tables:
        raise BackupError("backup.no_schema")
    revision = sorted((await conn.scalars(text("SELECT version_num FROM alembic_version"))).all())
    tables: dict[str, tuple[Path, int]] = {}
    files: dict[str, str] = {}
    invite_codes: list[str] = []
    for table in meta.sorted_tables:
        if table.name in NOT_RESTORED:
            continue
        path = work / f"{table.name}.jsonl.gz"
        count = 0
        order = list(table.primary_key.columns) or list(table.columns)
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=5) as f:
            result = await conn.stream(select(table).order_by(*order)
                                       .execution_options(yield_per=CHUNK))
            async for row in result.mappings():
                values = dict(row)
                f.write(json.dumps(values, ensure_ascii=False, default=_encode,
                                   separators=(",", ":")) + "\n")
                count += 1
                if table.name in ("report_photos", "media") and values.get("path"):
                    files[_safe_relative(values["path"])] = values.get("sha256") or ""
                elif table.name == "invites":
                    invite_codes.append(values["code"])
        tables[table.name] = (path, count)
    return _Dumped(tables, files, revision, method, set(invite_codes))


def invite_files(storage_dir: Path, codes: set[str]) -> dict[str, str]:
    """The snapshot's invites' QR codes, <code>-<channel>.png (bot/cli/people.write_qr); an
    invite made in chat has none."""
    folder = storage_dir / "invites"
    found = sorted(folder.glob("*-*.png")) if folder.is_dir() else []
    return {f"invites/{f.name}": OPTIONAL for f in found if f.name.rsplit("-", 1)[0] in codes}


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)  # SQLite keeps UTC, naive
        return aware.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a backup")


def _safe_relative(path: str) -> str:
    parts = PurePosixPath(path)
    if parts.is_absolute() or ".." in parts.parts or not parts.parts:
        raise BackupError("backup.bad_path", path=path)
    return str(parts)


class _Hashing(io.RawIOBase):
    def __init__(self, f: Any) -> None:
        self.f, self.hash = f, hashlib.sha256()

    def read(self, n: int = -1) -> bytes:
        data = self.f.read(n)
        self.hash.update(data)
        return data


def _add(tar: tarfile.TarFile, name: str, source: Path) -> str:
    """Add `source` as `name`, returning its SHA-256 (read once, as it is written)."""
    with source.open("rb") as f:
        info = tarfile.TarInfo(name)
        info.size = os.fstat(f.fileno()).st_size
        info.mtime, info.mode = int(os.fstat(f.fileno()).st_mtime), PRIVATE_FILE
        reader = _Hashing(f)
        tar.addfile(info, reader)
    return reader.hash.hexdigest()


def keep_newest(folder: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` dated backups in `folder`; returns those removed."""
    dated = sorted(folder.glob("loa-backup-*.tar"))
    removed = dated[:-keep] if keep > 0 else []
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def dated_name(now: dt.datetime, tz: dt.tzinfo) -> str:
    return f"loa-backup-{now.astimezone(tz):%Y%m%d-%H%M%S}.tar"


# -- reading -------------------------------------------------------------------------------------

_INDEX: weakref.WeakKeyDictionary[tarfile.TarFile, dict[str, tarfile.TarInfo]] = \
    weakref.WeakKeyDictionary()


def _extract(tar: tarfile.TarFile, name: str) -> Any:
    """A member by name through an index made once (tarfile's own lookup scans every member,
    which is quadratic over a backup of many photos)."""
    index = _INDEX.get(tar)
    if index is None:
        index = _INDEX[tar] = {m.name: m for m in tar.getmembers()}
    if name not in index:
        raise KeyError(name)
    return tar.extractfile(index[name])


def read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        f = _extract(tar, MANIFEST)
        assert f is not None
        manifest = json.loads(f.read())
    except (KeyError, ValueError, AssertionError):
        raise BackupError("backup.not_a_backup") from None
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError("backup.not_a_backup")
    return manifest


@contextlib.contextmanager
def open_backup(path: Path) -> Iterator[tuple[tarfile.TarFile, dict[str, Any]]]:
    try:
        tar = tarfile.open(path, "r:")
    except (OSError, tarfile.TarError):
        raise BackupError("backup.not_a_backup") from None
    with tar:
        yield tar, read_manifest(tar)


def _member_bytes(tar: tarfile.TarFile, name: str, sha256: str) -> Iterator[bytes]:
    """The member's bytes in chunks; BackupError if its hash is not the manifest's."""
    try:
        f = _extract(tar, name)
    except KeyError:
        f = None  # named by the manifest, absent from the file: cut short or tampered with
    if f is None:
        raise BackupError("backup.damaged", name=name)
    digest = hashlib.sha256()
    while chunk := f.read(1 << 20):
        digest.update(chunk)
        yield chunk
    if digest.hexdigest() != sha256:
        raise BackupError("backup.damaged", name=name)


def verify(path: Path) -> dict[str, Any]:
    """Check every member against the manifest; returns the manifest."""
    with open_backup(path) as (tar, manifest):
        for name, member in manifest["members"].items():
            for _ in _member_bytes(tar, name, member["sha256"]):
                pass
        for relative, sha in manifest["files"].items():
            for _ in _member_bytes(tar, f"files/{relative}", sha):
                pass
    return manifest


def rows_of(tar: tarfile.TarFile, manifest: dict[str, Any], table: str,
            verified: bool = False) -> Iterator[dict[str, Any]]:
    """The rows of one table as stored (JSON values; dates and times as ISO text); streamed
    when the whole file was `verified` already, else checked against the manifest first."""
    name = f"db/{table}.jsonl.gz"
    if verified:
        source: Any = _extract(tar, name)
    else:
        source = io.BytesIO(b"".join(_member_bytes(tar, name, manifest["members"][name]["sha256"])))
    with gzip.open(source, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


# -- restoring -----------------------------------------------------------------------------------

async def target_state(database_url: str, storage_dir: Path) -> tuple[int, bool]:
    """Rows already in the target database (all tables but Alembic's), and whether the storage
    folder has anything in it."""
    engine = make_engine(database_url)
    try:
        async with engine.connect() as conn:
            meta = MetaData()
            await conn.run_sync(lambda sync: meta.reflect(sync))
            rows = 0
            for table in meta.tables.values():
                if table.name != "alembic_version":
                    rows += await conn.scalar(select(func.count()).select_from(table)) or 0
    finally:
        await engine.dispose()
    return rows, await asyncio.to_thread(_has_files, storage_dir)


def _has_files(folder: Path) -> bool:
    return folder.is_dir() and any(folder.iterdir())


async def restore_backup(path: Path, database_url: str, storage_dir: Path,
                         force: bool = False) -> Summary:
    """Restore into an empty database and storage folder (`force`: the database is emptied
    first; files already in the folder stay, the backup's are written over them)."""
    manifest = await asyncio.to_thread(verify, path)
    revisions = manifest["alembic_revision"]
    script = ScriptDirectory.from_config(_alembic_config())
    for rev in revisions:
        try:
            script.get_revision(rev)
        except Exception:
            raise BackupError("backup.newer_revision", revision=rev) from None
    rows, files = await target_state(database_url, storage_dir)
    if (rows or files) and not force:
        raise BackupError("backup.target_not_empty", rows=rows,
                          files="có" if files else "không có", storage=storage_dir)
    await asyncio.to_thread(_restore_files, path, manifest, storage_dir)
    engine = make_engine(database_url)
    try:
        # Tables without rows (`loa db upgrade` was run) go too: the schema is rebuilt at the
        # backup's revision, so an older backup restores with its own shape, then upgrades.
        await _empty_database(engine)
        for rev in revisions:
            await upgrade(engine, rev)
        await _insert_rows(engine, path, manifest)
        await upgrade(engine, "head")
    finally:
        await engine.dispose()
    return Summary(path, manifest["tables"], len(manifest["files"]), manifest["missing_files"],
                   revisions, manifest["source_engine"])


def _alembic_config() -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _restore_files(path: Path, manifest: dict[str, Any], storage_dir: Path) -> None:
    storage_dir.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    os.chmod(storage_dir, PRIVATE_DIR)
    with open_backup(path) as (tar, _):
        for relative, sha in manifest["files"].items():
            target = storage_dir / _safe_relative(relative)
            target.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
            fd, temp = tempfile.mkstemp(dir=target.parent, suffix=".part")  # 0600
            try:
                with os.fdopen(fd, "wb") as f:
                    for chunk in _member_bytes(tar, f"files/{relative}", sha):
                        f.write(chunk)
                os.replace(temp, target)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise


async def _empty_database(engine: AsyncEngine) -> None:
    """Every table goes (the audit table's triggers refuse DELETE, not DROP); only ever called
    on an empty database or with --force."""
    async with engine.begin() as conn:
        meta = MetaData()
        await conn.run_sync(lambda sync: meta.reflect(sync))
        if conn.dialect.name == "postgresql":
            for table in meta.tables:
                await conn.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))
            await conn.execute(text("DROP FUNCTION IF EXISTS audit_append_only() CASCADE"))
        else:
            await conn.run_sync(lambda sync: meta.drop_all(sync))


def _decoder(table: Table) -> Any:
    kinds = {c.name: ("dt" if isinstance(c.type, DateTime) else
                      "date" if isinstance(c.type, Date) else None) for c in table.columns}

    def decode(row: dict[str, Any]) -> dict[str, Any]:
        unknown = set(row) - set(kinds)
        if unknown:
            raise BackupError("backup.schema_mismatch", table=table.name,
                              columns=", ".join(sorted(unknown)))
        for name, value in row.items():
            if value is None or kinds[name] is None:
                continue
            if kinds[name] == "dt":
                row[name] = dt.datetime.fromisoformat(value).astimezone(dt.UTC)
            else:
                row[name] = dt.date.fromisoformat(value)
        return row

    return decode


def settle(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A row as the restored Loa must see it: nothing is sent twice, no claim survives."""
    if table == "deliveries":
        if row.get("state") == "sending":
            row["state"] = "uncertain"
            row["last_error"] = RESTORED_UNCERTAIN
        row["claimed_by"] = row["claimed_at"] = None
    elif table == "report_photos":
        row["claimed_by"] = None
    return row


async def _insert_rows(engine: AsyncEngine, path: Path, manifest: dict[str, Any]) -> None:
    async with engine.begin() as conn:
        meta = MetaData()
        await conn.run_sync(lambda sync: meta.reflect(sync))
        order = [t for t in meta.sorted_tables if t.name in manifest["tables"]]
        missing = set(manifest["tables"]) - {t.name for t in order}
        if missing:
            raise BackupError("backup.schema_mismatch", table=", ".join(sorted(missing)), columns="")
        async for table, chunk in _chunks(path, manifest, order):
            await conn.execute(table.insert(), chunk)
        if conn.dialect.name == "postgresql":
            for table in order:
                for column in table.primary_key.columns:
                    if isinstance(column.type, Integer):
                        await _reset_sequence(conn, table.name, column.name)


async def _chunks(path: Path, manifest: dict[str, Any], order: list[Table]
                  ) -> AsyncIterator[tuple[Table, list[dict[str, Any]]]]:
    with open_backup(path) as (tar, _):
        for table in order:
            decode, chunk = _decoder(table), []
            for row in rows_of(tar, manifest, table.name, verified=True):  # restore_backup verified
                chunk.append(settle(table.name, decode(row)))
                if len(chunk) >= CHUNK:
                    yield table, chunk
                    chunk = []
            if chunk:
                yield table, chunk


async def _reset_sequence(conn: AsyncConnection, table: str, column: str) -> None:
    """After rows are inserted with their ids, the next id must come after the largest."""
    sequence = await conn.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                 {"t": table, "c": column})
    if sequence:
        await conn.execute(text(
            f'SELECT setval(:s, COALESCE((SELECT MAX("{column}") FROM "{table}"), 1), '
            f'(SELECT MAX("{column}") FROM "{table}") IS NOT NULL)'), {"s": sequence})
