"""`loa doctor`: one line per check, ✓ or ✗ with what to do (⚠ for what only deserves a look).

Exit 0 when all is well, 1 when something is wrong, 2 when the checks could not run (the config
file or the texts cannot be read). Nothing is changed: no migration, no webhook set, no key made.
Each channel checks itself (`Channel.check`), so this module knows no platform.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import ssl
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httpx
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from bot.app import load_config
from bot.channels import FAIL, OK, UPLOAD, URL, WARN, Finding, Host, specs
from bot.core.config import DEFAULT_CONFIG, Config, ConfigError
from bot.core.logs import setup_logging
from bot.core.texts import Texts, TextsError
from bot.domain.planimport.files import tesseract
from bot.runtime.secret import key_fingerprint, stored_key
from bot.store.db import describe_database, make_engine, unreachable
from bot.store.migrate import MIGRATIONS
from bot.store.models import Worker
from bot.web.server import INSTANCE_HEADER

MARKS = {OK: "✓", WARN: "⚠", FAIL: "✗"}
EXIT_OK, EXIT_WRONG, EXIT_CANNOT_RUN = 0, 1, 2
ZONE = "Asia/Ho_Chi_Minh"
MIN_FREE, LOW_FREE = 200 * 2**20, 2 * 2**30  # below: wrong; below: a warning
CLOCK_SKEW = 60.0  # seconds the server's and the database's clocks may differ
CHECK_SECONDS = 20.0  # one check that hangs (a firewall dropping packets) must not hang all


def main(env: dict[str, str] | None = None) -> int:
    """Run every check and print its line; returns the exit code."""
    env = dict(os.environ) if env is None else env
    try:
        config = load_config(env=env)
    except ConfigError as exc:
        texts = _texts(DEFAULT_CONFIG.parent / "messages")
        if texts is None:
            print(f"✗ {exc}")
        else:
            _print(Finding.fail("doctor.config_bad", error=str(exc)), texts)
        return EXIT_CANNOT_RUN
    texts = _texts(config.messages_dir)
    if texts is None:
        return EXIT_CANNOT_RUN
    # Only errors: each check's own line says what it saw (and no token reaches a log line).
    setup_logging(config.timezone, config.secrets, logging.ERROR,
                  json_lines=config.log_format == "json")
    _print(Finding.ok("doctor.config_ok", path=env.get("LOA_CONFIG") or str(_config_path())), texts)
    findings = asyncio.run(Doctor(config, texts).run())
    return EXIT_WRONG if any(f.level == FAIL for f in findings) else EXIT_OK


def _config_path() -> Path:
    local = Path("config.toml")
    return local.resolve() if local.is_file() else DEFAULT_CONFIG


def _texts(directory: Path) -> Texts | None:
    try:
        return Texts.load(directory)
    except TextsError as exc:
        print(f"✗ {exc}")
        return None


def _print(finding: Finding, texts: Texts) -> None:
    print(f"{MARKS[finding.level]} {texts(finding.key, **finding.values)}", flush=True)


class Doctor:
    def __init__(self, config: Config, texts: Texts) -> None:
        self.config = config
        self.texts = texts
        self.engine: AsyncEngine | None = None  # set once the database answers
        self.current = False  # its migrations are current (the tables are as this code knows them)
        self.own_key: str | None = None  # this command's view of the key's fingerprint
        self.findings: list[Finding] = []

    async def run(self) -> list[Finding]:
        checks: list[tuple[str, Callable[[], Awaitable[list[Finding]]]]] = [
            ("database", self.database), ("channels", self.channels), ("key", self.shared_key),
            ("public_url", self.public_url), ("storage", self.storage), ("ocr", self.ocr),
            ("clock", self.clock)]
        try:
            for name, check in checks:
                try:
                    async with asyncio.timeout(CHECK_SECONDS):
                        found = await check()
                except Exception as exc:  # a check that breaks is itself a finding, not a crash
                    found = [Finding.fail("doctor.check_crashed", check=name,
                                          error=f"{type(exc).__name__}: {exc}"[:300])]
                for finding in found:
                    _print(finding, self.texts)
                self.findings += found
        finally:
            if self.engine is not None:
                await self.engine.dispose()
        return self.findings

    # -- the database ----------------------------------------------------------------------

    async def database(self) -> list[Finding]:
        url = self.config.database_url
        where = describe_database(url)
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:") \
                and not await asyncio.to_thread(os.path.isfile, parsed.database):
            # Opening it would create an empty database: say so instead.
            return [Finding.fail("doctor.db_missing", database=where)]
        engine = make_engine(url)
        try:
            async with asyncio.timeout(10), engine.connect() as conn:
                current = await conn.run_sync(
                    lambda sync: MigrationContext.configure(sync).get_current_revision())
        except Exception as exc:
            await engine.dispose()
            cause = getattr(exc, "orig", None) or exc  # the driver's words, not SQLAlchemy's page
            first = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
            return [Finding.fail("doctor.db_unreachable", reason=str(unreachable(url, exc)),
                                 error=(first or type(cause).__name__)[:200])]
        self.engine = engine
        script = ScriptDirectory(str(MIGRATIONS))
        heads = script.get_heads()
        head = heads[0] if len(heads) == 1 else ", ".join(sorted(heads))
        known = {rev.revision for rev in script.walk_revisions()}
        if current in heads:
            self.current = True
            found = [Finding.ok("doctor.db_ok", database=where, revision=current)]
        elif current is None:
            found = [Finding.fail("doctor.db_empty", database=where)]
        elif current in known:
            found = [Finding.fail("doctor.db_behind", database=where, current=current, head=head)]
        else:
            found = [Finding.fail("doctor.db_ahead", database=where, current=current, head=head)]
        if current is not None:
            async with engine.connect() as conn:
                key = self.config.secret_key or await _stored_key(conn)
            self.own_key = key_fingerprint(key.encode()) if key else None
        return found

    # -- the platforms -----------------------------------------------------------------------

    async def channels(self) -> list[Finding]:
        active = self.config.active_channels
        if not active:
            return [Finding.fail("doctor.no_channel")]
        found: list[Finding] = []
        for name in active:
            channel = specs()[name].create(self.config.channels[name], Host())
            try:
                found += await channel.check()
            finally:
                await channel.close()
        return found

    # -- every process one key -------------------------------------------------------------

    async def shared_key(self) -> list[Finding]:
        if self.engine is None or not self.current:
            return []  # the database line already says what is wrong
        if self.own_key is None and self.config.secret_key:
            self.own_key = key_fingerprint(self.config.secret_key.encode())
        since = datetime.now(UTC) - timedelta(seconds=self.config.delivery.lease_seconds)
        async with self.engine.connect() as conn:
            rows = (await conn.execute(select(Worker.host, Worker.pid, Worker.key_check).where(
                Worker.heartbeat_at >= since, Worker.key_check.is_not(None)))).all()
        if not rows:
            return [Finding.warn("doctor.key_no_process")]
        keys = {r.key_check for r in rows}
        where = ", ".join(sorted(f"{r.host} pid {r.pid}: {r.key_check}" for r in rows))
        if len(keys) > 1:
            return [Finding.fail("doctor.key_differs", processes=where)]
        if self.own_key is not None and keys != {self.own_key}:
            return [Finding.fail("doctor.key_not_mine", processes=where, own=self.own_key)]
        return [Finding.ok("doctor.key_shared", count=len(rows))]

    # -- the public address ----------------------------------------------------------------

    async def public_url(self) -> list[Finding]:
        base = self.config.http.public_url
        if not base:
            if any(URL in specs()[name].caps.media and UPLOAD not in specs()[name].caps.media
                   for name in self.config.active_channels):  # a channel that only fetches photos
                return [Finding.fail("doctor.public_url_needed")]
            return [Finding.warn("doctor.public_url_unset")]
        url = f"{base}/healthz"
        # The system's certificate store (what curl on this server trusts), not a bundled one.
        context = ssl.create_default_context()
        try:
            async with httpx.AsyncClient(verify=context, timeout=10, follow_redirects=False) as http:
                resp = await http.get(url)
        except httpx.ConnectError as exc:
            if _certificate_problem(exc):
                return [Finding.fail("doctor.public_url_certificate", url=url, error=_why(exc))]
            return [Finding.fail("doctor.public_url_unreachable", url=url, error=_why(exc))]
        except httpx.HTTPError as exc:
            return [Finding.fail("doctor.public_url_unreachable", url=url, error=_why(exc))]
        instance = resp.headers.get(INSTANCE_HEADER)
        if not instance:
            return [Finding.fail("doctor.public_url_not_loa", url=url, status=resp.status_code)]
        if self.own_key is not None and instance != self.own_key:
            return [Finding.fail("doctor.public_url_other_loa", url=url)]
        if resp.status_code != 200:
            try:
                problems = ", ".join(sorted(resp.json().get("problems", {}))) or "?"
            except ValueError:
                problems = f"HTTP {resp.status_code}"
            return [Finding.fail("doctor.public_url_unhealthy", url=url, problems=problems)]
        if urlsplit(base).scheme != "https":
            return [Finding.warn("doctor.public_url_http", url=url)]
        return [Finding.ok("doctor.public_url_ok", url=url)]

    # -- this machine ----------------------------------------------------------------------

    async def storage(self) -> list[Finding]:
        return await asyncio.to_thread(_storage, self.config.storage_dir)

    async def ocr(self) -> list[Finding]:
        program = await asyncio.to_thread(tesseract)
        if program is None:
            return [Finding.warn("doctor.ocr_missing")]
        return [Finding.ok("doctor.ocr_ok", program=program)]

    async def clock(self) -> list[Finding]:
        try:
            zone = ZoneInfo(ZONE)
        except (ZoneInfoNotFoundError, ValueError):
            return [Finding.fail("doctor.tz_missing", zone=ZONE)]
        local = datetime.now(self.config.timezone).strftime("%H:%M %d/%m/%Y")
        found = [] if self.config.timezone.key == zone.key else [
            Finding.warn("doctor.tz_other", zone=self.config.timezone.key)]
        if self.engine is None or self.engine.dialect.name != "postgresql":
            # SQLite reads this very machine's clock: nothing to compare with.
            return [*found, Finding.ok("doctor.clock_ok_local", now=local)]
        async with self.engine.connect() as conn:
            before = time.time()
            db_now = await conn.scalar(text("SELECT extract(epoch FROM clock_timestamp())"))
            after = time.time()
        skew = abs(float(db_now) - (before + after) / 2)
        if skew > CLOCK_SKEW:
            return [*found, Finding.fail("doctor.clock_skew", seconds=round(skew))]
        return [*found, Finding.ok("doctor.clock_ok", now=local, seconds=f"{skew:.1f}")]


async def _stored_key(conn: AsyncConnection) -> str | None:
    async with AsyncSession(bind=conn) as session:
        return await stored_key(session)


def _storage(folder: Path) -> list[Finding]:
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not folder.is_dir():
        if os.access(existing, os.W_OK):
            return [Finding.warn("doctor.storage_will_create", path=str(folder))]
        return [Finding.fail("doctor.storage_missing", path=str(folder))]
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".loa-doctor-"):
            pass
    except OSError as exc:
        return [Finding.fail("doctor.storage_not_writable", path=str(folder),
                             error=exc.strerror or type(exc).__name__)]
    free = shutil.disk_usage(folder).free
    gb = f"{free / 2**30:.1f}"
    if free < MIN_FREE:
        return [Finding.fail("doctor.storage_full", path=str(folder), free=gb)]
    if free < LOW_FREE:
        return [Finding.warn("doctor.storage_low", path=str(folder), free=gb)]
    return [Finding.ok("doctor.storage_ok", path=str(folder), free=gb)]


def _certificate_problem(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _why(exc: BaseException) -> str:
    return (f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)[:200]

