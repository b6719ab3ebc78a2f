"""Logging set-up: local time (Asia/Ho_Chi_Minh), secrets scrubbed from every record, a
repeated error logged once with a count; lines of text, or one JSON object a line for journald or
Loki (LOA_LOG_FORMAT=json)."""

from __future__ import annotations

import json
import logging
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

_SECRETS: set[str] = set()
_base_factory = logging.getLogRecordFactory()


def scrub(text: str) -> str:
    """`text` with every secret Loa knows (tokens) replaced by ***."""
    for secret in _SECRETS:
        text = text.replace(secret, "***")
    return text


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _base_factory(*args, **kwargs)
    if not _SECRETS:
        return record
    try:
        message = record.getMessage()
    except Exception:  # a malformed log call must not hide a secret either
        message = f"{record.msg!r} % {record.args!r}"
    record.msg, record.args = scrub(message), None
    if record.exc_info and record.exc_info[1] is not None:
        # Format the traceback now, scrubbed, so no handler ever formats the raw one.
        record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
        record.exc_info = None
    return record


def redact(secrets: list[str]) -> None:
    """Scrub these values from every log record from now on, whichever handler shows it.

    Done at record creation rather than in one handler's filter: httpx logs Bot API URLs (which
    contain the token) and any handler (a test's, a library's) may see the record.
    """
    _SECRETS.update(s for s in secrets if s)
    if logging.getLogRecordFactory() is not _redacting_factory:
        logging.setLogRecordFactory(_redacting_factory)


class RepeatFilter(logging.Filter):
    """A record identical to one logged less than `window` seconds ago (same logger, level,
    message and traceback) is counted, not logged; the next one logged after the window says
    how many were left out. A flood of one error (a client hammering the server) is one line
    a minute, not thousands a second."""

    def __init__(self, window: float = 60.0, keys: int = 1000) -> None:
        super().__init__()
        self.window, self.keys = window, keys
        self._seen: dict[tuple[Any, ...], list[float]] = {}  # key -> [first logged at, left out]
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()  # with its arguments: two photos' errors are two errors
        except Exception:
            message = str(record.msg)
        key = (record.name, record.levelno, message, _trace(record))
        with self._lock:
            seen = self._seen.get(key)
            if seen is not None and record.created - seen[0] < self.window:
                seen[1] += 1
                return False
            left_out = int(seen[1]) if seen is not None else 0
            self._seen.pop(key, None)
            if len(self._seen) >= self.keys:
                self._seen.pop(next(iter(self._seen)))
            self._seen[key] = [record.created, 0]
        if left_out:
            record.msg = f"{record.msg} [×{left_out + 1}: {left_out} more like it in the last " \
                         f"{self.window:g} s not shown]"
        return True


def _trace(record: logging.LogRecord) -> str:
    """The traceback that makes two records the same error (formatted once, then kept)."""
    if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    return record.exc_text or ""


class LocalTimeFormatter(logging.Formatter):
    def __init__(self, tz: ZoneInfo) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.tz = tz

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return datetime.fromtimestamp(record.created, self.tz).strftime("%Y-%m-%d %H:%M:%S%z")


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (local, with its offset), level, logger, message and, when
    there is one, the exception's traceback. A dozen lines: no library needed for it."""

    def __init__(self, tz: ZoneInfo) -> None:
        super().__init__()
        self.tz = tz

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, self.tz).isoformat(timespec="milliseconds"),
            "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        exception = record.exc_text  # already formatted (and scrubbed) by the record factory
        if not exception and record.exc_info:
            exception = self.formatException(record.exc_info)
        if exception:
            entry["exception"] = exception
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        # Vietnamese stays readable; a newline inside a message cannot break the line apart.
        return json.dumps(entry, ensure_ascii=False, default=str)


class _LoaHandler(logging.StreamHandler):  # type: ignore[type-arg]
    pass


class _LoaFileHandler(logging.FileHandler):
    pass


def setup_logging(tz: ZoneInfo, secrets: list[str], level: int = logging.INFO,
                  path: Path | None = None, quiet: tuple[str, ...] = (),
                  json_lines: bool = False) -> None:
    """Log lines to stderr, or to `path` (the demo chat: never printed into the chat); `quiet`
    names more libraries' loggers kept to warnings (each channel's SDK); with `json_lines`, one
    JSON object a line."""
    redact(secrets)
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _LoaHandler | _LoaFileHandler)]:
        root.removeHandler(old)
        old.close()
    handler: logging.Handler
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _LoaFileHandler(path, encoding="utf-8")
    else:
        handler = _LoaHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(tz) if json_lines else LocalTimeFormatter(tz))
    handler.addFilter(RepeatFilter())
    root.addHandler(handler)
    root.setLevel(level)
    # Quiet by default; the token is scrubbed anyway, but request lines are noise.
    for noisy in ("httpx", "httpcore", "apscheduler", "aiosqlite", "asyncio", *quiet):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
