"""`loa officers export ID` and `loa officers forget ID`: one officer's personal data."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import sys
import zipfile
from pathlib import Path
from typing import Any

from bot import app as loa_app
from bot.cli.common import EXIT_CONFIG, operator_scope, with_loa
from bot.core.config import Config
from bot.services.privacy import forget_officer, officer_data, record_export
from bot.store.models import Officer

CONFIRM_WORDS = {"xoá", "xóa", "xoa"}


def write_export(path: Path, data: dict[str, Any], photos: list[tuple[str, Path]]) -> int:
    """`can-bo.json` and the photos of their reports (`anh/…`), mode 0600; returns the photos
    written (one removed from disk meanwhile is left out)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    written = 0
    with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("can-bo.json", json.dumps(data, ensure_ascii=False, indent=1))
        for name, source in photos:
            if source.is_file():
                archive.write(source, name, compress_type=zipfile.ZIP_STORED)
                written += 1
    os.chmod(path, 0o600)
    return written


async def cmd_officers_export(config: Config, args: Any) -> int:
    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:  # a refusal is printed by with_loa (exit 2)
            data, photos = await officer_data(session, args.id)
        today = loa.clock.now().astimezone(config.timezone).date()
        out = args.out or Path(f"can-bo-{args.id}-{today:%Y%m%d}.zip")
        files = [(f"anh/bao-cao-{p.report_id}_{p.id}.{(p.path or '').rsplit('.', 1)[-1]}",
                  config.storage_dir / (p.path or "")) for p in photos]
        data["exported_at"] = dt.datetime.now(dt.UTC).isoformat()
        try:
            written = await asyncio.to_thread(write_export, out, data, files)
        except OSError as exc:
            print(loa.texts("privacy.cannot_write", path=out, why=exc.strerror), file=sys.stderr)
            return EXIT_CONFIG
        async with loa.sessions() as session, session.begin():
            await record_export(operator_scope(loa, session), args.id, written)
        print(loa.texts("privacy.exported", id=args.id, path=out, reports=len(data["reports"]),
                        photos=written))
        print(loa.texts("privacy.export_sensitive"))
        return 0

    return await with_loa(config, work)


async def cmd_officers_forget(config: Config, args: Any) -> int:
    async def work(loa: loa_app.Loa) -> int:
        async with loa.sessions() as session:
            officer = await session.get(Officer, args.id)
        if officer is None:
            print(loa.texts("privacy.no_officer", id=args.id), file=sys.stderr)
            return EXIT_CONFIG
        if not args.yes:
            print(loa.texts("privacy.confirm", id=officer.id, name=officer.full_name or "—"))
            try:
                answer = await asyncio.to_thread(input, loa.texts("privacy.confirm_prompt"))
            except EOFError:
                answer = ""
            if answer.strip().lower() not in CONFIRM_WORDS:
                print(loa.texts("privacy.not_confirmed"), file=sys.stderr)
                return 1
        async with loa.sessions() as session, session.begin():
            accounts = await forget_officer(operator_scope(loa, session), args.id)
        print(loa.texts("privacy.forgotten", id=args.id, accounts=accounts,
                        name=loa.texts("privacy.forgotten_name", id=args.id)))
        return 0

    return await with_loa(config, work)
