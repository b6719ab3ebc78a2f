"""One typed config object, built at start-up from config.toml plus the environment."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core import tomlerrors

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "config.toml"
TELEGRAM_PUBLIC_API = "https://api.telegram.org"
TOKEN_RE = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{20,100}$")
SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
HHMM_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class ConfigError(Exception):
    """A bad or missing setting; the message names the key and what is expected."""

    def __init__(self, key: str, expected: str) -> None:
        super().__init__(f"Cấu hình sai: {key} — {expected}")
        self.key = key


@dataclass(frozen=True)
class TelegramConfig:
    enabled: bool = True
    token: str | None = None
    api_base_url: str = TELEGRAM_PUBLIC_API
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8080
    poll_timeout: int = 25

    @property
    def active(self) -> bool:
        return self.enabled and self.token is not None


@dataclass(frozen=True)
class DeliveryConfig:
    rate_per_second: float = 30.0
    allow_paid_broadcast: bool = False
    paid_rate_per_second: float = 1000.0
    per_chat_interval: float = 1.0
    group_per_minute: int = 20
    concurrency: int = 8
    max_attempts: int = 5
    lease_seconds: int = 60
    progress_interval: float = 3.0
    two_person_rule: bool = True

    @property
    def bulk_rate(self) -> float:
        return self.paid_rate_per_second if self.allow_paid_broadcast else self.rate_per_second


@dataclass(frozen=True)
class PromptConfig:
    grace_hours: float = 3.0  # Loa back after a prompt's time: still sent within this, else skipped
    snooze_minutes: int = 120  # "Nhắc lại sau"
    slogan_window_days: int = 10  # a slogan is not used again by a campaign within this many days
    deadline_lead_days: int = 7  # deadlines are mentioned in the prompt this many days ahead
    tick_seconds: float = 30.0  # how often the schedule looks for officers whose time has come


@dataclass(frozen=True)
class ReportConfig:
    form_timeout_hours: float = 24.0  # an unfinished report form is closed and kept as a draft
    max_photo_mb: float = 10.0
    edit_hours: float = 24.0  # an officer may edit or withdraw their report this long


@dataclass(frozen=True)
class DemoConfig:
    database_url: str = "sqlite+aiosqlite:///data/demo.sqlite3"
    user_id: str = "demo"


@dataclass(frozen=True)
class Config:
    timezone: ZoneInfo
    database_url: str
    default_prompt_time: time
    storage_dir: Path
    messages_dir: Path
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    demo: DemoConfig = field(default_factory=DemoConfig)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)
    prompts: PromptConfig = field(default_factory=PromptConfig)
    reports: ReportConfig = field(default_factory=ReportConfig)

    @property
    def secrets(self) -> list[str]:
        """Values that must never reach a log line."""
        return [s for s in (self.telegram.token, self.telegram.webhook_secret) if s]


_TOP_KEYS = {"timezone", "database_url", "default_prompt_time", "storage_dir", "messages_dir",
             "channels", "telegram", "demo", "delivery", "prompts", "reports"}
_SECTION_KEYS = {
    "channels": {"telegram"},
    "telegram": {"webhook_listen", "webhook_port", "poll_timeout"},
    "demo": {"database_url", "user_id"},
    "delivery": {"rate_per_second", "allow_paid_broadcast", "paid_rate_per_second",
                 "per_chat_interval", "group_per_minute", "concurrency", "max_attempts",
                 "lease_seconds", "progress_interval", "two_person_rule"},
    "prompts": {"grace_hours", "snooze_minutes", "slogan_window_days", "deadline_lead_days",
                "tick_seconds"},
    "reports": {"form_timeout_hours", "max_photo_mb", "edit_hours"},
}


def load_config(path: Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Read the config file (LOA_CONFIG or ./config.toml) and the environment; raise ConfigError."""
    env = os.environ if env is None else env
    if path is None:
        chosen = env.get("LOA_CONFIG")
        path = Path(chosen) if chosen else _default_path()
    raw = _read_toml(path)
    base = path.resolve().parent
    _check_keys(raw)

    tz_name = _str(raw, "timezone", "Asia/Ho_Chi_Minh")
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError("timezone",
                          f"múi giờ IANA, ví dụ \"Asia/Ho_Chi_Minh\" (đang là {tz_name!r})") from None

    prompt_time = _str(raw, "default_prompt_time", "07:30")
    m = HHMM_RE.match(prompt_time)
    if not m:
        raise ConfigError("default_prompt_time",
                          f"giờ dạng HH:MM, ví dụ \"07:30\" (đang là {prompt_time!r})")

    db_url = env.get("DATABASE_URL") or _str(raw, "database_url", "sqlite+aiosqlite:///data/loa.sqlite3")
    db_key = "DATABASE_URL" if env.get("DATABASE_URL") else "database_url"
    db_url = _check_db_url(db_key, db_url, base)

    channels = raw.get("channels", {})
    tg_raw = raw.get("telegram", {})
    telegram = TelegramConfig(
        enabled=_bool(channels, "telegram", True, "channels.telegram"),
        token=_token(env),
        api_base_url=_api_base(env),
        webhook_url=_webhook_url(env),
        webhook_secret=_webhook_secret(env),
        webhook_listen=_str(tg_raw, "webhook_listen", "0.0.0.0", "telegram.webhook_listen"),
        webhook_port=_int(tg_raw, "webhook_port", 8080, 1, 65535, "telegram.webhook_port"),
        poll_timeout=_int(tg_raw, "poll_timeout", 25, 0, 50, "telegram.poll_timeout"),
    )
    if telegram.webhook_url and not telegram.webhook_secret:
        raise ConfigError("TELEGRAM_WEBHOOK_SECRET",
                          "bắt buộc khi đặt TELEGRAM_WEBHOOK_URL (1–256 ký tự A-Z a-z 0-9 _ -)")

    demo_raw = raw.get("demo", {})
    demo = DemoConfig(
        database_url=_check_db_url("demo.database_url",
                                   _str(demo_raw, "database_url", DemoConfig.database_url,
                                        "demo.database_url"), base),
        user_id=_str(demo_raw, "user_id", "demo", "demo.user_id"),
    )
    d = raw.get("delivery", {})
    delivery = DeliveryConfig(
        rate_per_second=_float(d, "rate_per_second", 30.0, 0.1, 10_000, "delivery.rate_per_second"),
        allow_paid_broadcast=_bool(d, "allow_paid_broadcast", False, "delivery.allow_paid_broadcast"),
        paid_rate_per_second=_float(d, "paid_rate_per_second", 1000.0, 1, 10_000,
                                    "delivery.paid_rate_per_second"),
        per_chat_interval=_float(d, "per_chat_interval", 1.0, 0, 60, "delivery.per_chat_interval"),
        group_per_minute=_int(d, "group_per_minute", 20, 1, 1000, "delivery.group_per_minute"),
        concurrency=_int(d, "concurrency", 8, 1, 512, "delivery.concurrency"),
        max_attempts=_int(d, "max_attempts", 5, 1, 50, "delivery.max_attempts"),
        lease_seconds=_int(d, "lease_seconds", 60, 1, 86_400, "delivery.lease_seconds"),
        progress_interval=_float(d, "progress_interval", 3.0, 0.2, 600, "delivery.progress_interval"),
        two_person_rule=_bool(d, "two_person_rule", True, "delivery.two_person_rule"),
    )
    pr = raw.get("prompts", {})
    prompts = PromptConfig(
        grace_hours=_float(pr, "grace_hours", 3.0, 0, 24, "prompts.grace_hours"),
        snooze_minutes=_int(pr, "snooze_minutes", 120, 1, 1440, "prompts.snooze_minutes"),
        slogan_window_days=_int(pr, "slogan_window_days", 10, 0, 365, "prompts.slogan_window_days"),
        deadline_lead_days=_int(pr, "deadline_lead_days", 7, 0, 90, "prompts.deadline_lead_days"),
        tick_seconds=_float(pr, "tick_seconds", 30.0, 0.05, 3600, "prompts.tick_seconds"),
    )
    rp = raw.get("reports", {})
    reports = ReportConfig(
        form_timeout_hours=_float(rp, "form_timeout_hours", 24.0, 0.01, 720,
                                  "reports.form_timeout_hours"),
        max_photo_mb=_float(rp, "max_photo_mb", 10.0, 0.01, 20, "reports.max_photo_mb"),
        edit_hours=_float(rp, "edit_hours", 24.0, 0, 720, "reports.edit_hours"),
    )
    return Config(
        timezone=tz,
        database_url=db_url,
        default_prompt_time=time(int(m.group(1)), int(m.group(2))),
        storage_dir=(base / (env.get("LOA_STORAGE_DIR") or _str(raw, "storage_dir", "data/photos"))
                     ).resolve(),
        messages_dir=(base / _str(raw, "messages_dir", "messages")).resolve(),
        telegram=telegram,
        demo=demo,
        delivery=delivery,
        prompts=prompts,
        reports=reports,
    )


def _default_path() -> Path:
    local = Path("config.toml")
    return local if local.is_file() else DEFAULT_CONFIG


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError("LOA_CONFIG",
                          f"đường dẫn tới một tệp cấu hình có thật (không thấy {path})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"tệp TOML hợp lệ ({tomlerrors.describe(exc)})") from None


def _check_keys(raw: dict[str, Any]) -> None:
    for key, value in raw.items():
        if key not in _TOP_KEYS:
            raise ConfigError(key, "không phải một thiết lập của Loa (xem README)")
        if key in _SECTION_KEYS:
            if not isinstance(value, dict):
                raise ConfigError(key, "một mục [..] trong config.toml")
            for sub in value:
                if sub not in _SECTION_KEYS[key]:
                    raise ConfigError(f"{key}.{sub}", "không phải một thiết lập của Loa (xem README)")


def _str(raw: Mapping[str, Any], key: str, default: str, name: str | None = None) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(name or key, "một chuỗi không rỗng")
    return value.strip()


def _bool(raw: Mapping[str, Any], key: str, default: bool, name: str) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(name, "true hoặc false")
    return value


def _int(raw: Mapping[str, Any], key: str, default: int, lo: int, hi: int, name: str) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ConfigError(name, f"số nguyên từ {lo} đến {hi}")
    return value


def _float(raw: Mapping[str, Any], key: str, default: float, lo: float, hi: float,
           name: str) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        raise ConfigError(name, f"số từ {lo:g} đến {hi:g}")
    return float(value)


def _check_db_url(key: str, url: str, base: Path) -> str:
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme.startswith("sqlite"):
        if scheme != "sqlite+aiosqlite":
            raise ConfigError(key, "với SQLite hãy dùng dạng sqlite+aiosqlite:///đường/dẫn.sqlite3")
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if not path:
            raise ConfigError(key, "sqlite+aiosqlite:///đường/dẫn.sqlite3")
        if path != ":memory:" and not Path(path).is_absolute():
            url = f"sqlite+aiosqlite:///{(base / path).resolve()}"
        return url
    if scheme in ("postgresql", "postgres", "postgresql+asyncpg"):
        rest = url.split("://", 1)[1]
        return f"postgresql+asyncpg://{rest}"
    raise ConfigError(key, "địa chỉ CSDL dạng sqlite+aiosqlite:///… hoặc postgresql+asyncpg://…")


def _token(env: Mapping[str, str]) -> str | None:
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        return None
    if not TOKEN_RE.match(token):
        # Never echo the value: a mistyped token is still mostly a secret.
        raise ConfigError("TELEGRAM_BOT_TOKEN",
                          "mã bot dạng <số>:<chuỗi>, lấy từ @BotFather (giá trị hiện tại không đúng dạng)")
    return token


def _api_base(env: Mapping[str, str]) -> str:
    url = env.get("TELEGRAM_API_BASE_URL", "").strip() or TELEGRAM_PUBLIC_API
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError("TELEGRAM_API_BASE_URL",
                          f"địa chỉ http(s), ví dụ http://127.0.0.1:8081 (đang là {url!r})")
    return url.rstrip("/")


def _webhook_url(env: Mapping[str, str]) -> str | None:
    url = env.get("TELEGRAM_WEBHOOK_URL", "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        raise ConfigError("TELEGRAM_WEBHOOK_URL",
                          f"địa chỉ https công khai mà Telegram gọi tới (đang là {url!r})")
    return url


def _webhook_secret(env: Mapping[str, str]) -> str | None:
    secret = env.get("TELEGRAM_WEBHOOK_SECRET", "").strip()
    if not secret:
        return None
    if not SECRET_RE.match(secret):
        raise ConfigError("TELEGRAM_WEBHOOK_SECRET", "1–256 ký tự, chỉ gồm A-Z a-z 0-9 _ -")
    return secret
