"""Campaigns written from official plans, as data: checked precisely, loaded idempotently.

A campaign file (messages/campaigns/*.toml) has the plan's identity, its span, phases with themes,
slogans, key dates, reporting deadlines, quotas and the kinds of activity it names. `check_file`
returns every problem at once, each naming the file, the field and what is wrong; `load` writes
a checked campaign, updating the one loaded before from the same plan rather than duplicating it.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core import tomlerrors
from bot.core.clock import Clock
from bot.core.textfit import shorten
from bot.core.texts import Texts
from bot.domain.workdays import is_working_day
from bot.store.models import Campaign, Slogan, SloganState

ACTIVITIES = ("conference", "poster", "led", "website", "social", "loudspeaker", "mobile_van",
              "competition", "other")
DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})$")

Text = Annotated[str, Field(min_length=1, max_length=2000)]
Short = Annotated[str, Field(min_length=1, max_length=300)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Theme(_Strict):
    title: Short
    text: Text | None = None


class Phase(_Strict):
    name: Short
    start: dt.date
    end: dt.date | None = None  # open-ended: closed by the next phase or the campaign's end
    themes: list[Theme] = Field(min_length=1)



class SloganEntry(_Strict):
    text: Short
    state: Literal["proposed", "approved", "retired"] = "approved"
    source: Short | None = None


class KeyDate(_Strict):
    name: Short
    date: dt.date | None = None  # a one-off date
    day: str | None = None  # "dd/mm", every year
    lead_days: int = Field(default=7, ge=0, le=90)
    peak_before: int = Field(default=0, ge=0, le=60)
    peak_after: int = Field(default=0, ge=0, le=60)

    @field_validator("day")
    @classmethod
    def _day(cls, value: str | None) -> str | None:
        if value is None:
            return None
        m = DAY_MONTH.match(value)
        if not m:
            raise ValueError("bad_day")
        day, month = int(m.group(1)), int(m.group(2))
        try:
            dt.date(2024, month, day)  # a leap year: 29/02 is a valid yearly day
        except ValueError:
            raise ValueError("bad_day") from None
        return f"{day:02d}/{month:02d}"

    @model_validator(mode="after")
    def _one_of(self) -> KeyDate:
        if (self.date is None) == (self.day is None):
            raise ValueError("date_or_day")
        return self


class Deadline(_Strict):
    what: Short
    due: dt.date
    units: list[str] = Field(default_factory=lambda: ["all"], min_length=1)


class Quota(_Strict):
    activity: Literal[ACTIVITIES]  # type: ignore[valid-type]
    count: int = Field(ge=1, le=1000)
    per: Literal["week", "month", "quarter"]


class CampaignFile(_Strict):
    # short: with the issuer it makes the campaign's key (400 characters in the database)
    plan_number: Annotated[str, Field(min_length=1, max_length=60)]
    issuer: Short
    issued_on: dt.date | None = None
    title: Text
    start: dt.date
    end: dt.date
    phases: list[Phase] = Field(min_length=1)
    slogans: list[SloganEntry] = Field(default_factory=list)
    key_dates: list[KeyDate] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    quotas: list[Quota] = Field(default_factory=list)
    activities: list[Literal[ACTIVITIES]] = Field(default_factory=list)  # type: ignore[valid-type]

    @property
    def key(self) -> str:
        """What makes two loads the same campaign: the plan's number and who issued it."""
        return f"{self.issuer.casefold()}|{self.plan_number.casefold()}"


# Vietnamese for each kind of problem; pydantic's own types first, then Loa's.
MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không có trong mẫu chiến dịch (gõ nhầm tên?)",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "string_type": "phải là chuỗi chữ",
    "string_too_short": "không được để trống",
    "string_too_long": "quá dài",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "greater_than_equal": "quá nhỏ",
    "less_than_equal": "quá lớn",
    "list_type": "phải là một danh sách",
    "too_short": "cần ít nhất một mục",
    "model_type": "phải là một bảng [..]",
    "literal_error": "giá trị không hợp lệ",
    "end_before_start": "ngày kết thúc (end) trước ngày bắt đầu (start)",
    "phase_outside": "đợt nằm ngoài thời gian của chiến dịch",
    "phase_order": "các đợt phải xếp theo ngày bắt đầu",
    "phase_overlap": "đợt bắt đầu trước khi đợt trước kết thúc",
    "bad_day": "ngày hằng năm phải có dạng dd/mm, ví dụ 27/02",
    "date_or_day": "cần đúng một trong hai: date (một lần) hoặc day (dd/mm, hằng năm)",
}
LITERAL_HINTS = {
    "state": "proposed, approved hoặc retired",
    "per": "week, month hoặc quarter",
    "activity": ", ".join(ACTIVITIES),
    "activities": ", ".join(ACTIVITIES),
}


class CampaignError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def check_file(path: Path) -> CampaignFile:
    """The campaign in `path`, or CampaignError listing every problem."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CampaignError([f"{path}: không tìm thấy tệp"]) from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib refuses impossible dates (2025-02-30) itself, naming the line.
        raise CampaignError([f"{path}: {tomlerrors.describe(exc)}"]) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise CampaignError([f"{path}: mảng hoặc bảng lồng nhau quá sâu"]) from None
    return check_data(raw, str(path))


def check_data(raw: dict[str, Any], name: str) -> CampaignFile:
    # Spans are checked on the raw data too, so they are reported beside field errors.
    problems = [f"{name}: {place(where.split('.'), raw)}: {MESSAGES[code]}"
                for where, code in _span_problems(raw)]
    try:
        campaign = CampaignFile.model_validate(raw)
    except ValidationError as exc:
        raise CampaignError(_describe(exc, name, raw) + problems) from None
    if problems:
        raise CampaignError(problems)
    return campaign


def _span_problems(raw: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, problem) for dates out of order, wherever the dates themselves are valid."""
    def day(value: Any) -> dt.date | None:
        return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None

    out: list[tuple[str, str]] = []
    start, end = day(raw.get("start")), day(raw.get("end"))
    if start and end and end < start:
        out.append(("end", "end_before_start"))
    phases = raw.get("phases") if isinstance(raw.get("phases"), list) else []
    previous: tuple[dt.date, dt.date | None] | None = None
    for i, phase in enumerate(phases):
        if not isinstance(phase, dict) or day(phase.get("start")) is None:
            continue
        p_start, p_end = day(phase.get("start")), day(phase.get("end"))
        assert p_start is not None
        if p_end and p_end < p_start:
            out.append((f"phases.{i}.end", "end_before_start"))
        if start and end and (p_start < start or (p_end or p_start) > end):
            out.append((f"phases.{i}", "phase_outside"))
        if previous is not None:
            if p_start <= previous[0]:
                out.append((f"phases.{i}.start", "phase_order"))
            elif previous[1] is not None and previous[1] >= p_start:
                out.append((f"phases.{i}.start", "phase_overlap"))
        previous = (p_start, p_end)
    return out


# How the plan itself names the items of each list (a field's number counts from 1).
_ITEM_NAMES = {"phases": "Đợt", "themes": "chủ đề", "slogans": "khẩu hiệu", "key_dates": "ngày sự kiện",
               "deadlines": "hạn báo cáo", "quotas": "chỉ tiêu", "activities": "loại hoạt động"}


# The campaign's own fields, named in Vietnamese first (an admin reads them on the web page).
_FIELD_NAMES = {"plan_number": "Số kế hoạch", "issuer": "Cơ quan ban hành",
                "issued_on": "Ngày ban hành", "title": "Tên kế hoạch", "start": "Ngày bắt đầu",
                "end": "Ngày kết thúc"}


def place(loc: Sequence[Any], raw: dict[str, Any]) -> str:
    """("phases", 1, "start") → "Đợt 2 «Cao điểm» (phases[1]).start": counted as the plan
    counts, from 1, with the phase's own name when it has one; ("plan_number",) → "Số kế
    hoạch (plan_number)"."""
    out: list[str] = []
    parts = [int(p) if isinstance(p, str) and p.isdigit() else p for p in loc]
    if len(parts) == 1 and parts[0] in _FIELD_NAMES:
        return f"{_FIELD_NAMES[str(parts[0])]} ({parts[0]})"
    node: Any = raw
    for i, part in enumerate(parts):
        node = _child(node, part)
        if isinstance(part, int) and i > 0 and isinstance(parts[i - 1], str):
            field = str(parts[i - 1])
            label = f"{_ITEM_NAMES.get(field, field)} {part + 1}"
            own = node.get("name") if isinstance(node, dict) and field == "phases" else None
            label = f"{label[0].upper()}{label[1:]}"
            if isinstance(own, str) and own.strip():
                label = own.strip() if own.casefold().startswith(label.casefold()) else (
                    f"{label} «{own.strip()}»")
            out[-1] = f"{label} ({field}[{part}])"
        else:
            out.append(str(part))
    return ".".join(out)


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _describe(exc: ValidationError, name: str, raw: dict[str, Any]) -> list[str]:
    problems = []
    for err in exc.errors():
        where = place(err["loc"], raw)
        kind = err["type"]
        if kind == "value_error":  # Loa's own checks raise a code from MESSAGES
            code = str(err.get("ctx", {}).get("error", err["msg"]))
            problems.append(f"{name}: {where or '(chiến dịch)'}: {MESSAGES.get(code, code)}")
            continue
        message = MESSAGES.get(kind, err["msg"])
        if kind == "literal_error":
            field = next((str(p) for p in reversed(err["loc"]) if isinstance(p, str)), "")
            message += f" «{err.get('input')}»; chọn một trong: {LITERAL_HINTS.get(field, '')}"
        elif kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "int_parsing"):
            message += f" (đang là «{err.get('input')}»)"
        elif kind == "greater_than_equal":
            message = f"phải từ {err['ctx']['ge']} trở lên (đang là {err.get('input')})"
        elif kind == "less_than_equal":
            message = f"không được quá {err['ctx']['le']} (đang là {err.get('input')})"
        elif kind == "string_too_long":
            message = f"quá dài (tối đa {err['ctx']['max_length']} ký tự)"
        problems.append(f"{name}: {where or '(chiến dịch)'}: {message}")
    return problems


@dataclass(frozen=True)
class PhaseToday:
    index: int
    name: str
    start: dt.date
    end: dt.date  # the phase's own end, or the day before the next phase, or the campaign's end
    themes: list[dict[str, Any]]

    def days_left(self, day: dt.date) -> int:
        return (self.end - day).days


def phase_on(content: dict[str, Any], day: dt.date) -> PhaseToday | None:
    """The phase a loaded campaign is in on `day`; None before, after, or between phases."""
    start, end = dt.date.fromisoformat(content["start"]), dt.date.fromisoformat(content["end"])
    if not start <= day <= end:
        return None
    phases = content["phases"]
    for i, phase in enumerate(phases):
        p_start = dt.date.fromisoformat(phase["start"])
        if phase.get("end"):
            p_end = dt.date.fromisoformat(phase["end"])
        elif i + 1 < len(phases):
            p_end = dt.date.fromisoformat(phases[i + 1]["start"]) - dt.timedelta(days=1)
        else:
            p_end = end
        if p_start <= day <= min(p_end, end):
            return PhaseToday(i, phase["name"], p_start, min(p_end, end), phase["themes"])
    return None


def theme_index(phase: PhaseToday, day: dt.date) -> int:
    """Themes take turns by working day of the phase: each one before any repeats."""
    worked = sum(1 for n in range((day - phase.start).days)
                 if is_working_day(phase.start + dt.timedelta(days=n)))
    return worked % len(phase.themes)


async def load(session: AsyncSession, clock: Clock, campaign: CampaignFile, source: str
               ) -> tuple[Campaign, bool]:
    """Write a checked campaign; returns it and whether it was new (False: updated in place)."""
    existing = await session.scalar(select(Campaign).where(Campaign.key == campaign.key))
    content = campaign.model_dump(mode="json", exclude={"slogans"})
    now = clock.now()
    if existing is None:
        row = Campaign(key=campaign.key, created_at=now)
        session.add(row)
    else:
        row = existing
    row.plan_number, row.issuer, row.title = campaign.plan_number, campaign.issuer, campaign.title
    row.start, row.end, row.content = campaign.start, campaign.end, content
    row.source, row.updated_at = source, now
    await session.flush()
    await _load_slogans(session, now, row, campaign)
    return row, existing is None


async def _load_slogans(session: AsyncSession, now: Any, row: Campaign,
                        campaign: CampaignFile) -> None:
    known = {s.text: s for s in await session.scalars(
        select(Slogan).where(Slogan.campaign_id == row.id))}
    for entry in campaign.slogans:
        slogan = known.get(entry.text)
        source = shorten(entry.source or f"{campaign.plan_number} — {campaign.issuer}", 200)
        if slogan is None:
            session.add(Slogan(campaign_id=row.id, text=entry.text, state=entry.state,
                               source=source, created_at=now,
                               decided_at=now if entry.state != SloganState.PROPOSED else None))
            continue
        slogan.source = source
        # An approver's decision in chat stands; the file can only retire a slogan, or settle
        # one nobody has decided yet.
        if entry.state == SloganState.RETIRED or slogan.state == SloganState.PROPOSED:
            slogan.state = entry.state


async def find_campaign(session: AsyncSession, ref: str) -> Campaign | None:
    """A campaign by its number in the database or by its plan number ("01/KH-MAU"; the case
    and surrounding spaces do not matter; a unique part of the plan number will do)."""
    ref = ref.strip()
    if ref.isascii() and ref.isdigit() and len(ref) < 10:
        found = await session.get(Campaign, int(ref))
        if found is not None:
            return found
    wanted = ref.casefold()
    campaigns = list(await session.scalars(select(Campaign).order_by(Campaign.id)))
    exact = [c for c in campaigns if c.plan_number.casefold() == wanted]
    if exact:
        return exact[0]
    partial = [c for c in campaigns if wanted and wanted in c.plan_number.casefold()]
    return partial[0] if len(partial) == 1 else None


def plan_ref(texts: Texts, plan_number: str) -> str:
    """How a sentence names a plan: «Kế hoạch số 01/KH-MAU»; a plan whose number field holds
    its name («Kế hoạch tuyên truyền …») is named as it is, never «Kế hoạch Kế hoạch …»."""
    if " ".join(plan_number.split()).casefold().startswith("kế hoạch"):
        return plan_number
    return texts("newcomer.plan_ref", plan=plan_number)
