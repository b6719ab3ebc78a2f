"""Files Loa writes hold personal data (photos, exports, backups, the SQLite file with the secret
key): readable by the account running Loa only — 0600 files, 0700 folders."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

UMASK = 0o077


def keep_private(storage_dir: Path | None = None, database_url: str | None = None) -> None:
    """Set the process umask, and close up the storage folder and a SQLite file made before."""
    os.umask(UMASK)
    if storage_dir is not None:
        storage_dir.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(PermissionError):  # not ours (a mounted volume): left as it is
            storage_dir.chmod(0o700)
    if database_url and database_url.startswith("sqlite") and ":///" in database_url:
        path = database_url.split(":///", 1)[1]
        for suffix in ("", "-wal", "-shm"):
            file = Path(f"{path}{suffix}")
            if path != ":memory:" and file.is_file():
                with contextlib.suppress(PermissionError):
                    file.chmod(0o600)
