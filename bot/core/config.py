"""One typed config object, built at start-up from config.toml plus the environment."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core import tomlerrors

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "config.toml"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
METRICS_TOKEN_RE = re.compile(r"^[A-Za-z0-9_.~-]{16,256}$")
HHMM_RE = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")  # ASCII digits: `\d` takes "١٩"


class ConfigError(Exception):
    """A bad or missing setting; the message names the key and what is expected."""

    def __init__(self, key: str, expected: str) -> None:
        super().__init__(f"Cấu hình sai: {key} — {expected}")
        self.key = key


@dataclass(frozen=True)
class HttpConfig:
    """The one HTTP server Loa runs: webhooks, /healthz, media, the web console."""

    listen: str = "0.0.0.0"
    port: int = 8080  # 0: any free port (tests)
    public_url: str | None = None  # LOA_PUBLIC_URL: where platforms and browsers reach it
    metrics_token: str | None = None  # LOA_METRICS_TOKEN: /metrics for a client not on loopback
    max_connections: int = 500  # open at once; more are closed at once (the open-file table)
    header_timeout: float = 10.0  # seconds to send a request's headers (slow clients)
    body_timeout: float = 30.0  # seconds a request's body may pause
    idle_timeout: float = 5.0  # seconds a kept-alive connection waits for its next request
    session_hours: float = 12.0  # a console session's whole life, however busy

    @property
    def https(self) -> bool:
        return bool(self.public_url and self.public_url.lower().startswith("https://"))


@dataclass(frozen=True)
class DeliveryConfig:
    rate_per_second: float = 30.0
    per_chat_interval: float = 1.0
    group_per_minute: int = 0  # 0: as each channel declares it (caps.group_per_minute)
    concurrency: int = 8
    max_attempts: int = 5
    lease_seconds: int = 60
    progress_interval: float = 3.0
    two_person_rule: bool = True
    channel_log_days: int = 14
    # Loa down at a scheduled broadcast's time: still started within this, else marked missed.
    scheduled_grace_hours: float = 3.0


@dataclass(frozen=True)
class PromptConfig:
    grace_hours: float = 3.0  # Loa back after a prompt's time: still sent within this, else skipped
    snooze_minutes: int = 120  # "Nhắc lại sau"
    slogan_window_days: int = 10  # a slogan is not used again by a campaign within this many days
    deadline_lead_days: int = 7  # deadlines are mentioned in the prompt this many days ahead
    tick_seconds: float = 30.0  # how often the schedule looks for officers whose time has come
    at_once: bool = False  # the demo: the day's message comes on joining, whatever the hour


@dataclass(frozen=True)
class ReportConfig:
    form_timeout_hours: float = 24.0  # an unfinished report form is closed and kept as a draft
    max_photo_mb: float = 10.0
    max_photo_megapixels: float = 40.0  # larger images are refused before they are decoded
    edit_hours: float = 24.0  # an officer may edit or withdraw their report this long


@dataclass(frozen=True)
class RetentionConfig:
    photos_months: int = 0  # report photos older than this are removed from disk; 0 = kept forever
    # finished delivery rows of jobs older than this are deleted (their numbers stay); 0 = kept
    deliveries_days: int = 0


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
    channels: dict[str, Any] = field(default_factory=dict)  # settings by channel name
    http: HttpConfig = field(default_factory=HttpConfig)
    secret_key: str | None = None  # LOA_SECRET_KEY; None: one is generated and kept in the database
    demo: DemoConfig = field(default_factory=DemoConfig)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)
    prompts: PromptConfig = field(default_factory=PromptConfig)
    reports: ReportConfig = field(default_factory=ReportConfig)
    log_format: str = "text"  # LOA_LOG_FORMAT: "text" lines or "json" (one object a line)
    retention: RetentionConfig = field(default_factory=RetentionConfig)

    @property
    def secrets(self) -> list[str]:
        """Values that must never reach a log line."""
        found = [s for settings in self.channels.values() for s in settings.secrets]
        return found + [s for s in (self.secret_key, self.http.metrics_token) if s]

    @property
    def active_channels(self) -> list[str]:
        """Channels that are switched on and have what they need to run (a token)."""
        return [name for name, settings in self.channels.items() if settings.active]


_TOP_KEYS = {"timezone", "database_url", "default_prompt_time", "storage_dir", "messages_dir",
             "channels", "http", "demo", "delivery", "prompts", "reports", "retention"}
_SECTION_KEYS: dict[str, set[str]] = {
    "http": {"listen", "port", "max_connections", "header_timeout", "body_timeout", "idle_timeout",
             "session_hours"},
    "demo": {"database_url", "user_id"},
    "delivery": {"rate_per_second", "per_chat_interval", "group_per_minute", "concurrency", "max_attempts",
                 "lease_seconds", "progress_interval", "two_person_rule", "channel_log_days",
                 "scheduled_grace_hours"},
    "prompts": {"grace_hours", "snooze_minutes", "slogan_window_days", "deadline_lead_days",
                "tick_seconds"},
    "reports": {"form_timeout_hours", "max_photo_mb", "max_photo_megapixels", "edit_hours"},
    "retention": {"photos_months", "deliveries_days"},
}


class SectionReader(Protocol):
    """A part of Loa with a config section of its own (each channel adapter's `ChannelSpec`)."""

    section_keys: frozenset[str]

    def read_settings(self, section: Mapping[str, Any], env: Mapping[str, str]) -> Any: ...


def read_config(adapters: Mapping[str, SectionReader], path: Path | None = None,
                env: Mapping[str, str] | None = None) -> Config:
    """Read the config file (LOA_CONFIG or ./config.toml) and the environment, with each adapter's
    `[name]` section read by the adapter itself; raise ConfigError. `bot.app.load_config` passes
    the registered channels."""
    env = os.environ if env is None else env
    if path is None:
        chosen = env.get("LOA_CONFIG")
        path = Path(chosen) if chosen else _default_path()

    raw = _read_toml(path)
    base = path.resolve().parent
    _check_keys(raw, {name: set(spec.section_keys) for name, spec in adapters.items()})

    tz_name = get_str(raw, "timezone", "Asia/Ho_Chi_Minh")
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError("timezone",
                          f"múi giờ IANA, ví dụ \"Asia/Ho_Chi_Minh\" (đang là {tz_name!r})") from None

    prompt_time = get_str(raw, "default_prompt_time", "07:30")
    m = HHMM_RE.fullmatch(prompt_time)
    if not m:
        raise ConfigError("default_prompt_time",
                          f"giờ dạng HH:MM, ví dụ \"07:30\" (đang là {prompt_time!r})")

    db_url = env.get("DATABASE_URL") or get_str(raw, "database_url", "sqlite+aiosqlite:///data/loa.sqlite3")
    db_key = "DATABASE_URL" if env.get("DATABASE_URL") else "database_url"
    db_url = _check_db_url(db_key, db_url, base)

    switches = raw.get("channels", {})
    channels = {}
    for name, spec in adapters.items():
        section = dict(raw.get(name, {}))
        section["enabled"] = get_bool(switches, name, True, f"channels.{name}")
        channels[name] = spec.read_settings(section, env)

    http_raw = raw.get("http", {})
    file_port = get_int(http_raw, "port", 8080, 0, 65535, "http.port")  # checked even if overridden
    http = HttpConfig(
        listen=get_str(http_raw, "listen", "0.0.0.0", "http.listen"),
        port=_http_port(env) if env.get("LOA_HTTP_PORT", "").strip() else file_port,
        public_url=public_url(env.get("LOA_PUBLIC_URL", ""), "LOA_PUBLIC_URL"),
        metrics_token=env_secret(env, "LOA_METRICS_TOKEN", METRICS_TOKEN_RE,
                                 "16–256 ký tự A-Z a-z 0-9 _ - . ~ (ví dụ: openssl rand -hex 32)"),
        max_connections=get_int(http_raw, "max_connections", 500, 10, 100_000, "http.max_connections"),
        header_timeout=get_float(http_raw, "header_timeout", 10.0, 0.1, 600, "http.header_timeout"),
        body_timeout=get_float(http_raw, "body_timeout", 30.0, 0.1, 3600, "http.body_timeout"),
        idle_timeout=get_float(http_raw, "idle_timeout", 5.0, 0.1, 600, "http.idle_timeout"),
        session_hours=get_float(http_raw, "session_hours", 12.0, 0.1, 24 * 30, "http.session_hours"),
    )
    log_format = env.get("LOA_LOG_FORMAT", "").strip().lower() or "text"
    if log_format not in ("text", "json"):
        raise ConfigError("LOA_LOG_FORMAT", f"text hoặc json (đang là {log_format!r})")
    secret_key = env.get("LOA_SECRET_KEY", "").strip() or None
    if secret_key is not None and len(secret_key) < 16:
        raise ConfigError("LOA_SECRET_KEY", "ít nhất 16 ký tự ngẫu nhiên (để trống: Loa tự tạo)")

    demo_raw = raw.get("demo", {})
    demo = DemoConfig(
        database_url=_check_db_url("demo.database_url",
                                   get_str(demo_raw, "database_url", DemoConfig.database_url,
                                        "demo.database_url"), base),
        user_id=get_str(demo_raw, "user_id", "demo", "demo.user_id"),
    )
    d = raw.get("delivery", {})
    delivery = DeliveryConfig(
        rate_per_second=get_float(d, "rate_per_second", 30.0, 0.1, 10_000, "delivery.rate_per_second"),
        per_chat_interval=get_float(d, "per_chat_interval", 1.0, 0, 60, "delivery.per_chat_interval"),
        group_per_minute=get_int(d, "group_per_minute", 0, 0, 1000, "delivery.group_per_minute"),
        concurrency=get_int(d, "concurrency", 8, 1, 512, "delivery.concurrency"),
        max_attempts=get_int(d, "max_attempts", 5, 1, 50, "delivery.max_attempts"),
        lease_seconds=get_int(d, "lease_seconds", 60, 1, 86_400, "delivery.lease_seconds"),
        progress_interval=get_float(d, "progress_interval", 3.0, 0.2, 600, "delivery.progress_interval"),
        two_person_rule=get_bool(d, "two_person_rule", True, "delivery.two_person_rule"),
        channel_log_days=get_int(d, "channel_log_days", 14, 1, 3650, "delivery.channel_log_days"),
        scheduled_grace_hours=get_float(d, "scheduled_grace_hours", 3.0, 0.1, 720,
                                        "delivery.scheduled_grace_hours"),
    )
    pr = raw.get("prompts", {})
    prompts = PromptConfig(
        grace_hours=get_float(pr, "grace_hours", 3.0, 0, 24, "prompts.grace_hours"),
        snooze_minutes=get_int(pr, "snooze_minutes", 120, 1, 1440, "prompts.snooze_minutes"),
        slogan_window_days=get_int(pr, "slogan_window_days", 10, 0, 365, "prompts.slogan_window_days"),
        deadline_lead_days=get_int(pr, "deadline_lead_days", 7, 0, 90, "prompts.deadline_lead_days"),
        tick_seconds=get_float(pr, "tick_seconds", 30.0, 0.05, 3600, "prompts.tick_seconds"),
    )
    rp = raw.get("reports", {})
    reports = ReportConfig(
        form_timeout_hours=get_float(rp, "form_timeout_hours", 24.0, 0.01, 720,
                                  "reports.form_timeout_hours"),
        max_photo_mb=get_float(rp, "max_photo_mb", 10.0, 0.01, 20, "reports.max_photo_mb"),
        max_photo_megapixels=get_float(rp, "max_photo_megapixels", 40.0, 0.1, 170,
                                       "reports.max_photo_megapixels"),
        edit_hours=get_float(rp, "edit_hours", 24.0, 0, 720, "reports.edit_hours"),
    )
    rt = raw.get("retention", {})
    retention = RetentionConfig(
        photos_months=get_int(rt, "photos_months", 0, 0, 1200, "retention.photos_months"),
        deliveries_days=get_int(rt, "deliveries_days", 0, 0, 36500, "retention.deliveries_days"))
    return Config(
        timezone=tz,
        database_url=db_url,
        default_prompt_time=time(int(m.group(1)), int(m.group(2))),
        storage_dir=(base / (env.get("LOA_STORAGE_DIR") or get_str(raw, "storage_dir", "data/photos"))
                     ).resolve(),
        messages_dir=(base / get_str(raw, "messages_dir", "messages")).resolve(),
        channels=channels,
        http=http,
        secret_key=secret_key,
        demo=demo,
        delivery=delivery,
        prompts=prompts,
        reports=reports,
        log_format=log_format,
        retention=retention,
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


def _check_keys(raw: dict[str, Any], channel_keys: dict[str, set[str]]) -> None:
    sections = {**_SECTION_KEYS, **channel_keys, "channels": set(channel_keys)}
    for key, value in raw.items():
        if key not in _TOP_KEYS and key not in channel_keys:
            raise ConfigError(key, "không phải một thiết lập của Loa (xem README)")
        if key in sections:
            if not isinstance(value, dict):
                raise ConfigError(key, "một mục [..] trong config.toml")
            for sub in value:
                if sub not in sections[key]:
                    raise ConfigError(f"{key}.{sub}", "không phải một thiết lập của Loa (xem README)")


def get_str(raw: Mapping[str, Any], key: str, default: str, name: str | None = None) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(name or key, "một chuỗi không rỗng")
    return value.strip()


def get_bool(raw: Mapping[str, Any], key: str, default: bool, name: str) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(name, "true hoặc false")
    return value


def get_int(raw: Mapping[str, Any], key: str, default: int, lo: int, hi: int, name: str) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ConfigError(name, f"số nguyên từ {lo} đến {hi}")
    return value


def get_float(raw: Mapping[str, Any], key: str, default: float, lo: float, hi: float,
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


def _http_port(env: Mapping[str, str]) -> int:
    text = env.get("LOA_HTTP_PORT", "").strip()
    if not (text.isascii() and text.isdigit()) or not 0 <= int(text) <= 65535:
        raise ConfigError("LOA_HTTP_PORT", f"số cổng từ 0 đến 65535 (đang là {text!r})")
    return int(text)


def public_url(value: str, key: str) -> str | None:
    """An https base address; plain http only for this machine (a test or a local proxy)."""
    url = value.strip().rstrip("/")
    if not url:
        return None
    parts = urlsplit(url)
    url = parts._replace(scheme=parts.scheme).geturl()  # "HTTPS://" is https too (urlsplit lowers it)
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS:
        return url
    raise ConfigError(key, "địa chỉ https công khai, ví dụ https://loa.syt.gov.vn "
                           f"(http chỉ dùng được cho 127.0.0.1/localhost; đang là {url!r})")


# -- a channel's environment (each adapter reads its own variables with these) -----------------

def env_secret(env: Mapping[str, str], key: str, pattern: re.Pattern[str],
               expected: str) -> str | None:
    """A token or secret from the environment; None when unset. A bad one is refused without
    echoing it (a mistyped token is still mostly a secret)."""
    value = env.get(key, "").strip()
    if not value:
        return None
    if not pattern.match(value):
        raise ConfigError(key, f"{expected} (giá trị hiện tại không đúng dạng)")
    return value


def env_base_url(env: Mapping[str, str], key: str, default: str, example: str) -> str:
    """A platform's API address (a local server or a test one instead of the public)."""
    url = env.get(key, "").strip() or default
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(key, f"địa chỉ http(s), ví dụ {example} (đang là {url!r})")
    return url.rstrip("/")


def env_webhook_url(env: Mapping[str, str], key: str, platform: str) -> str | None:
    """The public https address a platform calls; None: long polling."""
    url = env.get(key, "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        raise ConfigError(key, f"địa chỉ https công khai mà {platform} gọi tới (đang là {url!r})")
    return url
