"""`loa backup` and `loa restore`: one file with everything, taken while Loa runs."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from bot.cli.common import EXIT_CONFIG, say_database
from bot.core.config import Config
from bot.core.texts import Texts
from bot.store.backup import (
    BackupError,
    dated_name,
    keep_newest,
    restore_backup,
    write_backup,
)
from bot.store.db import unreachable


def config_file() -> Path | None:
    """The config file this command read (copied into the backup for reference)."""
    chosen = os.environ.get("LOA_CONFIG")
    path = Path(chosen) if chosen else Path("config.toml")
    return path if path.is_file() else None


async def cmd_backup(config: Config, args: Any) -> int:
    texts = Texts.load(config.messages_dir)
    say_database(config.database_url)
    if args.keep is not None and (args.dir is None or args.keep < 1):
        print(texts("backup.keep_needs_dir"), file=sys.stderr)
        return EXIT_CONFIG
    now = dt.datetime.now(dt.UTC)
    out = args.out if args.out is not None else args.dir / dated_name(now, config.timezone)
    try:
        summary = await write_backup(config.database_url, config.storage_dir, out,
                                     config_file(), now)
    except (BackupError, OSError, DBAPIError, sqlite3.Error) as exc:
        print(_why(exc, texts, config), file=sys.stderr)
        return EXIT_CONFIG
    print(texts("backup.written", path=summary.path, rows=sum(summary.rows.values()),
                tables=len(summary.rows), files=summary.files))
    if summary.missing:
        print(texts("backup.missing_files", n=len(summary.missing),
                    paths=", ".join(summary.missing[:5])), file=sys.stderr)
    if args.dir is not None and args.keep:
        for old in keep_newest(args.dir, args.keep):
            print(texts("backup.removed_old", path=old))
    print(texts("backup.sensitive"))
    return 0


async def cmd_restore(config: Config, args: Any) -> int:
    texts = Texts.load(config.messages_dir)
    say_database(config.database_url)
    if not args.file.is_file():
        print(texts("backup.no_file", path=args.file), file=sys.stderr)
        return EXIT_CONFIG
    try:
        summary = await restore_backup(args.file, config.database_url, config.storage_dir,
                                       force=args.force)
    except (BackupError, OSError, DBAPIError, sqlite3.Error) as exc:
        print(_why(exc, texts, config), file=sys.stderr)
        return EXIT_CONFIG
    print(texts("backup.restored", path=args.file, rows=sum(summary.rows.values()),
                tables=len(summary.rows), files=summary.files, engine=summary.engine))
    return 0


def _why(exc: Exception, texts: Texts, config: Config) -> str:
    """What a backup or a restore that failed says: its own refusal, a file it could not write,
    or a database it could not reach."""
    if isinstance(exc, BackupError):
        return texts(exc.key, **exc.values)
    if isinstance(exc, OSError) and exc.filename:
        return texts("backup.cannot_write", path=exc.filename, why=exc.strerror)
    return str(unreachable(config.database_url, exc))
