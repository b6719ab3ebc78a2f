"""`loa backup` and `loa restore` as an operator runs them: one private file with the invites' QR
codes, dated files kept N at a time, a non-empty target refused in Vietnamese unless --force, a
damaged file refused before anything is touched; files Loa writes are readable by it only."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import stat
import tarfile
from pathlib import Path

import pytest

from bot.cli import main
from bot.store.backup import open_backup
from tests.conftest import ROOT
from tests.e2e.test_backup_e2e import read_url, restore_pg  # noqa: F401 - a fixture used below
from tests.unit.test_cli_vietnamese import logging_restored  # noqa: F401 - autouse: main() sets up logging


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config file with its own SQLite database and storage folder; no channel tokens."""
    (tmp_path / "config.toml").write_text(
        f'messages_dir = "{ROOT / "messages"}"\nstorage_dir = "photos"\n'
        'database_url = "sqlite+aiosqlite:///loa.sqlite3"\n')
    monkeypatch.setenv("LOA_CONFIG", str(tmp_path / "config.toml"))
    for name in ("DATABASE_URL", "LOA_STORAGE_DIR", "TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN",
                 "LOA_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    previous = os.umask(0o022)  # as a login shell's: Loa must close its files up itself
    yield tmp_path
    os.umask(previous)


def seeded(site: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A unit and an invite with its QR code (the bot's username known); returns the code."""
    assert main(["unit", "add", "Sở Y tế Quảng Ninh", "--code", "SYT"]) == 0
    with sqlite3.connect(site / "loa.sqlite3") as db:
        db.execute("INSERT INTO settings (key, value) VALUES ('telegram.username', 'loa_bot')")
    assert main(["invite", "create", "--unit", "SYT"]) == 0
    return capsys.readouterr().out.strip().splitlines()[-1]


def test_backup_is_one_private_file_with_the_qr_codes(site, capsys):
    code = seeded(site, capsys)
    qr = site / "photos" / "invites" / f"{code}-telegram.png"
    # Files Loa wrote are its account's only, whatever the shell's umask.
    assert mode(qr) == 0o600 and mode(qr.parent) == 0o700 and mode(site / "photos") == 0o700
    assert mode(site / "loa.sqlite3") == 0o600
    (site / "photos" / "ab").mkdir()
    (site / "photos" / "ab" / "not-referenced.jpg").write_bytes(b"x")  # stored after, or stray

    assert main(["backup", "--out", "sao-luu/loa.tar"]) == 0
    out = capsys.readouterr()
    assert "Đã sao lưu vào" in out.out and "khoá bí mật" in out.out
    assert out.err.startswith("CSDL: SQLite")
    backup = site / "sao-luu" / "loa.tar"
    assert mode(backup) == 0o600 and mode(backup.parent) == 0o700
    with open_backup(backup) as (tar, manifest):
        names = tar.getnames()
        assert f"files/invites/{code}-telegram.png" in names
        assert "files/ab/not-referenced.jpg" not in names
        assert "settings/config.toml" in names
        assert manifest["tables"]["units"] == 1 and manifest["tables"]["invites"] == 1
        assert manifest["source_engine"] == "sqlite" and manifest["loa_version"]
        assert manifest["alembic_revision"] and "workers" not in manifest["tables"]
        assert set(manifest["files"]) == {f"invites/{code}-telegram.png"}
        assert all(mode == 0o600 for mode in (m.mode for m in tar.getmembers()))


def test_backup_dir_keeps_the_newest(site, capsys):
    seeded(site, capsys)
    folder = site / "backups"
    folder.mkdir()
    for day in ("20200101", "20200102", "20200103"):
        (folder / f"loa-backup-{day}-000000.tar").write_bytes(b"old")
    (folder / "something-else.txt").write_text("kept")
    assert main(["backup", "--dir", str(folder), "--keep", "2"]) == 0
    left = sorted(p.name for p in folder.iterdir())
    assert left[0] == "loa-backup-20200103-000000.tar" and left[1].startswith("loa-backup-2")
    assert left[2] == "something-else.txt" and len(left) == 3
    assert "Đã xoá bản sao lưu cũ" in capsys.readouterr().out
    assert main(["backup", "--out", "x.tar", "--keep", "2"]) == 2
    assert "--keep cần đi cùng --dir" in capsys.readouterr().err


def test_restore_refuses_a_target_in_use_unless_forced(site, capsys, monkeypatch, request):
    target = request.getfixturevalue("restore_pg")
    code = seeded(site, capsys)
    assert main(["backup", "--out", "loa.tar"]) == 0
    source_rows = asyncio.run(read_url(f"sqlite+aiosqlite:///{site / 'loa.sqlite3'}"))
    capsys.readouterr()

    # Into the database it came from: refused, in Vietnamese, nothing touched.
    assert main(["restore", "loa.tar"]) == 2
    err = capsys.readouterr().err
    assert "Không khôi phục: nơi khôi phục chưa trống" in err and "--force" in err

    # Into PostgreSQL and a new storage folder: everything back; then again with --force.
    monkeypatch.setenv("DATABASE_URL", target)
    monkeypatch.setenv("LOA_STORAGE_DIR", str(site / "restored"))
    for extra in ([], ["--force"]):
        assert main(["restore", "loa.tar", *extra]) == 0
        assert "Đã khôi phục" in capsys.readouterr().out
        assert asyncio.run(read_url(target)) == source_rows
    assert ((site / "restored" / "invites" / f"{code}-telegram.png").read_bytes()
            == (site / "photos" / "invites" / f"{code}-telegram.png").read_bytes())
    assert main(["restore", "loa.tar"]) == 2  # now it is in use
    # Ids go on after the restored ones (sequences reset).
    assert main(["unit", "add", "Trung tâm Y tế Hạ Long", "--parent", "SYT", "--code", "TT"]) == 0


def test_a_damaged_backup_is_refused_before_anything_is_touched(site, capsys, monkeypatch):
    seeded(site, capsys)
    assert main(["backup", "--out", "loa.tar"]) == 0
    with tarfile.open(site / "loa.tar") as tar:
        member = tar.getmember("db/units.jsonl.gz")
    data = bytearray((site / "loa.tar").read_bytes())
    data[member.offset_data + 5] ^= 0xFF
    (site / "bad.tar").write_bytes(bytes(data))
    (site / "junk.tar").write_bytes(b"not a backup")
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{site / 'new.sqlite3'}")
    monkeypatch.setenv("LOA_STORAGE_DIR", str(site / "new-photos"))
    capsys.readouterr()
    assert main(["restore", "bad.tar"]) == 2
    assert "Bản sao lưu bị hỏng: phần db/units.jsonl.gz" in capsys.readouterr().err
    assert main(["restore", "junk.tar"]) == 2
    assert "không phải bản sao lưu của Loa" in capsys.readouterr().err
    assert main(["restore", "missing.tar"]) == 2
    assert not (site / "new-photos").exists() and not (site / "new.sqlite3").exists()
    # The manifest is plain JSON an operator can read.
    with tarfile.open(site / "loa.tar") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["format"] == "loa-backup"


def test_an_older_backup_restores_at_its_revision_then_upgrades(site, capsys, monkeypatch, request):
    """A backup from an older Loa (its schema one migration back), into a database that was
    already brought to the newest schema but holds nothing."""
    from sqlalchemy import text

    from bot.store.db import make_engine
    from bot.store.migrate import upgrade

    old = f"sqlite+aiosqlite:///{site / 'old.sqlite3'}"

    async def make_old() -> None:
        engine = make_engine(old)
        await upgrade(engine, "0006_linking")
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO units (id, code, name, created_at) VALUES "
                                    "(1, 'SYT', 'Sở Y tế', '2026-11-23 02:00:00.000000')"))
        await engine.dispose()

    asyncio.run(make_old())
    monkeypatch.setenv("DATABASE_URL", old)
    assert main(["backup", "--out", "old.tar"]) == 0
    with open_backup(site / "old.tar") as (_, manifest):
        assert manifest["alembic_revision"] == ["0006_linking"]
        assert "plan_drafts" not in manifest["tables"]

    target = request.getfixturevalue("restore_pg")
    monkeypatch.setenv("DATABASE_URL", target)
    monkeypatch.setenv("LOA_STORAGE_DIR", str(site / "restored"))
    assert main(["db", "upgrade"]) == 0  # the newest schema, empty
    assert main(["restore", "old.tar"]) == 0
    rows = asyncio.run(read_url(target))
    assert [(u["code"], u["name"]) for u in rows["units"]] == [("SYT", "Sở Y tế")]
    assert rows["plan_drafts"] == []  # created by the upgrade after the rows went in


def test_backup_of_a_missing_sqlite_file_creates_nothing(site, capsys, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{site / 'nowhere.sqlite3'}")
    assert main(["backup", "--out", "x.tar"]) == 2
    assert "Không thấy tệp CSDL SQLite" in capsys.readouterr().err
    assert not (site / "nowhere.sqlite3").exists() and not (site / "x.tar").exists()
