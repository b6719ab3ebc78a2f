"""What each officer gets on a working morning: the daily prompt, deadline reminders and nudges.

Everything for a day is queued in the outbox under one job per day and kind
(`prompt:2026-11-23`, `reminder:…`, `overdue:…`, `quota:…`, `overdue_list:…`). The outbox keeps
one row per (job, officer), so each message exists once whatever the scheduler, a restart or a
second process does. Which theme and slogan a campaign uses on a day is written once too
(`campaign_days`), so every officer and every process agrees on it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import and_, delete, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import rank as channel_rank
from bot.channels import specs
from bot.core.clock import Clock
from bot.core.config import HHMM_RE, Config
from bot.core.events import Choice, TextOut, to_payload
from bot.core.texts import Texts
from bot.delivery.outbox import BulkQueue, Recipient, enqueue, job_for
from bot.domain import groups as groups_domain
from bot.domain.campaigns import PhaseToday, phase_on, theme_index
from bot.domain.reports import reports_by_unit, working_units
from bot.domain.workdays import is_working_day, working_day_on_or_before
from bot.store.db import insert_ignore
from bot.store.models import (
    Campaign,
    CampaignDay,
    Delivery,
    DeliveryState,
    Identity,
    Job,
    Officer,
    OfficerStatus,
    Role,
    Slogan,
    SloganState,
    Unit,
    UnitGroup,
)

log = logging.getLogger(__name__)

PROMPT_PRIORITY = 100  # after approvals (50), before broadcasts (200)
KINDS = ("prompt", "reminder", "overdue", "quota", "overdue_list")
REMIND_BEFORE = (7, 3, 1, 0)  # days before a deadline that focal points hear about it
LATE = "past the grace window"  # Loa was down at the time, or the officer joined later
MUTED = "muted by the officer"
BAD_TIME = "stored prompt time unreadable"  # set before /gio checked its digits
PROMPT_BUTTONS = (("prompt.report", "r"), ("prompt.done", "d"), ("prompt.later", "l"))


# -- the calendar ---------------------------------------------------------------------------


def reminder_days(due: dt.date) -> set[dt.date]:
    """T-7, T-3, T-1 and the day itself, each moved back to a working day."""
    return {working_day_on_or_before(due - dt.timedelta(days=before)) for before in REMIND_BEFORE}


def overdue_day(due: dt.date) -> dt.date:
    """The first working day after a deadline: when the units that missed it hear so."""
    day = due + dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def quota_period(per: str, day: dt.date) -> tuple[dt.date, dt.date]:
    if per == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    first_month = day.month if per == "month" else 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    months = 1 if per == "month" else 3
    year, month = divmod(first_month - 1 + months, 12)
    return start, dt.date(day.year + year, month + 1, 1) - dt.timedelta(days=1)


def campaign_quota_period(campaign: Campaign, per: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The quota period containing `day`, cut to the campaign's span."""
    start, end = quota_period(per, day)
    return max(start, campaign.start), min(end, campaign.end)


def quota_nudge_day(per: str, end: dt.date) -> dt.date | None:
    """The first working day of a period's last week (its last three days for a weekly quota)."""
    day = end - dt.timedelta(days=2 if per == "week" else 6)
    while day <= end:
        if is_working_day(day):
            return day
        day += dt.timedelta(days=1)
    return None


def _key_date_candidates(entry: dict[str, Any], day: dt.date) -> list[dt.date]:
    if entry.get("date"):
        return [dt.date.fromisoformat(entry["date"])]
    d, m = (int(x) for x in entry["day"].split("/"))
    out = []
    for year in (day.year - 1, day.year, day.year + 1):
        try:
            out.append(dt.date(year, m, d))
        except ValueError:  # 29/02 outside a leap year
            continue
    return out


# -- a day's plan ---------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyDateSoon:
    name: str
    day: dt.date
    days_left: int  # negative inside the peak window after the date
    peak: bool


@dataclass(frozen=True)
class DeadlineSoon:
    campaign: str
    what: str
    due: dt.date
    units: tuple[str, ...]
    period_start: dt.date  # reports from here to `due` count towards it

    @cached_property
    def codes(self) -> frozenset[str]:
        """The units' codes in capitals, worked out once (a national deadline may name
        hundreds of units, and each unit's prompt asks)."""
        return frozenset(u.upper() for u in self.units)


@dataclass(frozen=True)
class CampaignToday:
    campaign_id: int
    title: str
    plan: str
    phase: PhaseToday
    theme: dict[str, Any]
    slogan: tuple[int, str] | None
    key_dates: list[KeyDateSoon]
    deadlines: list[DeadlineSoon]


@dataclass(frozen=True)
class QuotaDue:
    campaign: str
    activity: str
    count: int
    per: str
    start: dt.date
    end: dt.date
    campaign_id: int | None = None  # counted as stats.quota_progress counts: its own reports


@dataclass
class DayPlan:
    day: dt.date
    campaigns: list[CampaignToday] = field(default_factory=list)
    reminders: list[DeadlineSoon] = field(default_factory=list)
    overdue: list[DeadlineSoon] = field(default_factory=list)
    quotas: list[QuotaDue] = field(default_factory=list)
    # Unit-level facts, worked out once for everyone:
    owing: dict[DeadlineSoon, set[int]] = field(default_factory=dict)  # units that owe it
    late: dict[DeadlineSoon, set[int]] = field(default_factory=dict)  # owe it, have not reported
    behind: dict[QuotaDue, dict[int, int]] = field(default_factory=dict)  # unit → done so far
    with_focal: set[int] = field(default_factory=set)  # units that have a focal point
    unit_names: dict[int, str] = field(default_factory=dict)
    prompts: dict[str | None, dict[str, Any]] = field(default_factory=dict)  # by unit code

    @property
    def empty(self) -> bool:
        return not (self.campaigns or self.reminders or self.overdue or self.quotas)


async def plan_day(session: AsyncSession, clock: Clock, config: Config, day: dt.date,
                   record: bool) -> DayPlan:
    """Everything the campaigns ask of `day`; with `record`, today's theme and slogan are
    written so that later officers and other processes get the same."""
    plan = DayPlan(day)
    campaigns = (await session.scalars(select(Campaign).order_by(Campaign.start, Campaign.id))).all()
    for campaign in campaigns:
        deadlines = _deadlines(campaign)
        today = await _campaign_today(session, clock, config, campaign, deadlines, day, record)
        if today is not None:
            plan.campaigns.append(today)
        plan.reminders += [d for d in deadlines if day in reminder_days(d.due)]
        plan.overdue += [d for d in deadlines if overdue_day(d.due) == day]
        if campaign.start <= day <= campaign.end:
            plan.quotas += _quotas_due(campaign, day)
    if plan.reminders or plan.overdue or plan.quotas:
        await _unit_facts(session, plan)
    return plan


def _deadlines(campaign: Campaign) -> list[DeadlineSoon]:
    entries = sorted(campaign.content.get("deadlines", []), key=lambda d: d["due"])
    out, previous = [], campaign.start
    for entry in entries:
        due = dt.date.fromisoformat(entry["due"])
        out.append(DeadlineSoon(campaign.title, entry["what"], due, tuple(entry["units"]),
                                min(previous, due)))
        previous = due + dt.timedelta(days=1)
    return out


def _quotas_due(campaign: Campaign, day: dt.date) -> list[QuotaDue]:
    out = []
    for entry in campaign.content.get("quotas", []):
        start, end = campaign_quota_period(campaign, entry["per"], day)
        if quota_nudge_day(entry["per"], end) == day:
            out.append(QuotaDue(campaign.title, entry["activity"], entry["count"], entry["per"],
                                start, end, campaign.id))
    return out


async def _campaign_today(session: AsyncSession, clock: Clock, config: Config,
                          campaign: Campaign, deadlines: list[DeadlineSoon], day: dt.date,
                          record: bool) -> CampaignToday | None:
    phase = phase_on(campaign.content, day)
    if phase is None:
        return None
    stored = await session.scalar(select(CampaignDay).where(
        CampaignDay.campaign_id == campaign.id, CampaignDay.day == day))
    if stored is None:
        theme = theme_index(phase, day)
        slogan = await pick_slogan(session, campaign.id, day, config.prompts.slogan_window_days)
        if record:
            await insert_ignore(session, CampaignDay.__table__, [{
                "campaign_id": campaign.id, "day": day, "phase_index": phase.index,
                "theme_index": theme, "slogan_id": slogan.id if slogan else None,
                "created_at": clock.now()}], ("campaign_id", "day"))
            # Another process may have written the day first: its choice is the day's choice.
            stored = await session.scalar(select(CampaignDay).where(
                CampaignDay.campaign_id == campaign.id, CampaignDay.day == day))
    if stored is not None:
        theme = stored.theme_index % len(phase.themes)
        slogan = await session.get(Slogan, stored.slogan_id) if stored.slogan_id else None
    if slogan is not None and slogan.state != SloganState.APPROVED:
        slogan = None  # retired since the day began: the rest of the day goes without it
    return CampaignToday(
        campaign.id, campaign.title, campaign.plan_number, phase, phase.themes[theme],
        (slogan.id, slogan.text) if slogan else None,
        _key_dates(campaign, day),
        [d for d in deadlines if 0 <= (d.due - day).days <= config.prompts.deadline_lead_days])


async def pick_slogan(session: AsyncSession, campaign_id: int, day: dt.date,
                      window_days: int) -> Slogan | None:
    """The approved slogan used least recently (never used first), so none repeats within the
    window while the campaign has enough of them."""
    approved = (await session.scalars(select(Slogan).where(
        Slogan.campaign_id == campaign_id, Slogan.state == SloganState.APPROVED.value
    ).order_by(Slogan.id))).all()
    if not approved:
        return None
    last_used = dict((await session.execute(
        select(CampaignDay.slogan_id, func.max(CampaignDay.day)).where(
            CampaignDay.campaign_id == campaign_id, CampaignDay.day < day,
            CampaignDay.slogan_id.is_not(None)).group_by(CampaignDay.slogan_id))).all())
    choice = min(approved, key=lambda s: (s.id in last_used, last_used.get(s.id, day), s.id))
    used = last_used.get(choice.id)
    if used is not None and (day - used).days < window_days:
        log.warning("campaign %s has too few approved slogans for a %d-day window; slogan %s "
                    "repeats after %d days", campaign_id, window_days, choice.id, (day - used).days)
    return choice


def _key_dates(campaign: Campaign, day: dt.date) -> list[KeyDateSoon]:
    out = []
    for entry in campaign.content.get("key_dates", []):
        for when in _key_date_candidates(entry, day):
            left = (when - day).days
            peak = -entry.get("peak_after", 0) <= left <= entry.get("peak_before", 0) and (
                entry.get("peak_before", 0) or entry.get("peak_after", 0))
            if 0 <= left <= entry.get("lead_days", 7) or (left < 0 and peak):
                out.append(KeyDateSoon(entry["name"], when, left, bool(peak)))
    return out


async def _unit_facts(session: AsyncSession, plan: DayPlan) -> None:
    """Which units owe each deadline, which have not reported, which are behind a quota."""
    rows = (await session.execute(  # distinct: a unit's row per role, not per officer
        select(Unit.id, Unit.code, Unit.name, Officer.role).join(Officer, Officer.unit_id == Unit.id)
        .where(Officer.status == OfficerStatus.ACTIVE.value).distinct())).all()
    by_code = {code.upper(): uid for uid, code, _, _ in rows}
    plan.unit_names = {uid: name for uid, _, name, _ in rows}
    plan.with_focal = {uid for uid, _, _, role in rows if role == Role.FOCAL.value}
    working = set(await working_units(session))  # what "all units" means
    for deadline in {*plan.reminders, *plan.overdue}:
        plan.owing[deadline] = working if "all" in deadline.units else {
            by_code[c.upper()] for c in deadline.units if c.upper() in by_code}
    for deadline in plan.overdue:
        owing = plan.owing[deadline]
        reported = await reports_by_unit(session, owing, deadline.period_start, deadline.due)
        plan.late[deadline] = {u for u in owing if not reported.get(u)}
    for quota in plan.quotas:
        done = await reports_by_unit(session, working, quota.start, quota.end, quota.activity,
                                     quota.campaign_id)
        plan.behind[quota] = {u: done.get(u, 0) for u in working if done.get(u, 0) < quota.count}


# -- one officer's messages -----------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """An officer as the schedule sees them."""

    id: int
    name: str | None
    role: str
    unit_id: int | None
    unit_code: str | None
    prompt_time: str | None
    muted_until: dt.date | None

    def owes(self, deadline: DeadlineSoon) -> bool:
        return "ALL" in deadline.codes or (self.unit_code or "").upper() in deadline.codes

    def due_at(self, day: dt.date, config: Config) -> dt.datetime:
        """When this officer's prompt is due; ValueError when their stored time is unreadable."""
        at = config.default_prompt_time
        if config.prompts.at_once:
            at = dt.time(0, 0)  # the demo, tried at any hour; its stated time stays the real one
        elif self.prompt_time:
            m = HHMM_RE.fullmatch(self.prompt_time)
            if m is None:
                raise ValueError(f"prompt time {self.prompt_time!r} is not HH:MM")
            at = dt.time(int(m.group(1)), int(m.group(2)))
        return dt.datetime.combine(day, at, tzinfo=config.timezone)

    def muted_on(self, day: dt.date) -> bool:
        return self.muted_until is not None and day <= self.muted_until


def compose(texts: Texts, plan: DayPlan, person: Person) -> dict[str, dict[str, Any]]:
    """Each kind of message this officer gets on the plan's day, as delivery payloads."""
    out: dict[str, dict[str, Any]] = {}
    if plan.campaigns:
        # The prompt differs between officers only by the deadlines their unit owes.
        key = person.unit_code
        if key not in plan.prompts:
            plan.prompts[key] = _prompt(texts, plan, person)
        out["prompt"] = plan.prompts[key]
    speaks = person.unit_id is not None and (
        person.role == Role.FOCAL or person.unit_id not in plan.with_focal)
    if speaks:
        unit = plan.unit_names.get(person.unit_id or 0, "")
        lines = [_deadline_line(texts, d, plan.day) for d in plan.reminders
                 if person.unit_id in plan.owing.get(d, ())]
        if lines:
            out["reminder"] = _text(texts("reminder.body", unit=unit, lines="\n".join(lines)))
        lines = [texts("overdue.line", what=d.what, due=_dm(d.due), campaign=d.campaign)
                 for d in plan.overdue if person.unit_id in plan.late.get(d, ())]
        if lines:
            out["overdue"] = _text(texts("overdue.body", unit=unit, lines="\n".join(lines)))
        lines = [_quota_line(texts, q, plan.behind[q][person.unit_id])
                 for q in plan.quotas if person.unit_id in plan.behind.get(q, {})]
        if lines:
            out["quota"] = _text(texts("quota.body", unit=unit, lines="\n".join(lines)))
    if person.role == Role.ADMIN:
        lines = [texts("overdue.admin_line", what=d.what, due=_dm(d.due), campaign=d.campaign,
                       units=", ".join(sorted(plan.unit_names[u] for u in plan.late[d])))
                 for d in plan.overdue if plan.late.get(d)]
        if lines:
            out["overdue_list"] = _text(texts("overdue.admin_body", lines="\n".join(lines)))
    return out


def _head(texts: Texts, plan: DayPlan, greeting: str) -> list[str]:
    day = plan.day
    head = [texts(greeting, weekday=weekday(texts, day), date=day.strftime("%d/%m/%Y"))]
    key_today = sorted({k.name for c in plan.campaigns for k in c.key_dates if k.days_left == 0})
    # On a key date the message leads with it.
    head[:0] = [texts("prompt.key_date_today", name=name) for name in key_today]
    return head


def _blocks(texts: Texts, plan: DayPlan) -> list[list[str]]:
    """Each running campaign's lines: title, phase, the day's theme."""
    blocks = []
    for c in plan.campaigns:
        lines = [texts("prompt.campaign", title=c.title, plan=c.plan), texts(
            "prompt.phase", phase=c.phase.name, left=_left(texts, c.phase.days_left(plan.day),
                                                           "phase"))]
        lines.append(texts("prompt.theme", title=c.theme["title"]))
        if c.theme.get("text"):
            lines.append(c.theme["text"])
        blocks.append(lines)
    return blocks


def _with_slogans(texts: Texts, plan: DayPlan, blocks: list[list[str]],
                  with_slogans: bool) -> list[str]:
    parts = []
    for c, lines in zip(plan.campaigns, blocks, strict=True):
        extra = [texts("prompt.slogan", text=c.slogan[1])] if with_slogans and c.slogan else []
        parts.append("\n".join(lines + extra))
    return parts


def _prompt(texts: Texts, plan: DayPlan, person: Person) -> dict[str, Any]:
    day = plan.day
    head = _head(texts, plan, "prompt.greeting")
    blocks = _blocks(texts, plan)
    slogans = [c.slogan for c in plan.campaigns if c.slogan]
    soon: dict[tuple[str, dt.date], str] = {}
    for c in plan.campaigns:
        for k in c.key_dates:
            if k.days_left != 0:
                soon.setdefault((k.name, k.day), texts(
                    "prompt.key_date_line", date=_dm(k.day), name=k.name,
                    left=_left(texts, k.days_left, "date"),
                    peak=texts("prompt.peak") if k.peak else ""))
        for d in c.deadlines:
            if person.owes(d):
                soon.setdefault((d.what, d.due), _deadline_line(texts, d, day))
    upcoming = [soon[k] for k in sorted(soon, key=lambda k: (k[1], k[0]))]

    def render(with_slogans: bool) -> str:
        parts = ["\n".join(head), *_with_slogans(texts, plan, blocks, with_slogans)]
        if upcoming:
            parts.append("\n".join([texts("prompt.upcoming"), *upcoming]))
        parts.append(texts("prompt.footer"))
        return "\n\n".join(parts)

    stamp = day.strftime("%Y%m%d")
    choices = tuple((Choice(texts(label), f"pr:{stamp}:{code}"),) for label, code in PROMPT_BUTTONS)
    payload = to_payload(TextOut(text=render(True), choices=choices))
    if slogans:
        payload["slogans"] = [sid for sid, _ in slogans]
        payload["fallback"] = to_payload(TextOut(text=render(False), choices=choices))
    return payload


def group_morning(texts: Texts, plan: DayPlan, replies: bool = True) -> dict[str, Any] | None:
    """A unit's group chat's one message of the day: the themes and slogans, no buttons (each
    officer's own deadlines and choices stay in their private chat); `replies`: the channel
    tells the bot which message a reply answers, so a photo answering this one is a report.
    None: nothing runs."""
    if not plan.campaigns:
        return None
    head, blocks = _head(texts, plan, "group.morning_head"), _blocks(texts, plan)
    footer = texts("group.morning_footer" if replies else "group.morning_footer_mention")

    def render(with_slogans: bool) -> str:
        return "\n\n".join(["\n".join(head), *_with_slogans(texts, plan, blocks, with_slogans),
                             footer])

    payload = to_payload(TextOut(text=render(True)))
    slogans = [c.slogan[0] for c in plan.campaigns if c.slogan]
    if slogans:  # a slogan retired before it goes: the message goes without it
        payload["slogans"] = slogans
        payload["fallback"] = to_payload(TextOut(text=render(False)))
    return payload


def _deadline_line(texts: Texts, d: DeadlineSoon, day: dt.date) -> str:
    return texts("prompt.deadline_line", date=_dm(d.due), what=d.what,
                 left=_left(texts, (d.due - day).days, "date"))


def _quota_line(texts: Texts, q: QuotaDue, done: int) -> str:
    return texts("quota.line", activity=texts(f"activity.{q.activity}"), done=done, count=q.count,
                 missing=q.count - done, period=_period(texts, q), end=_dm(q.end))


def _period(texts: Texts, q: QuotaDue) -> str:
    return period_label(texts, q.per, q.start, q.end)


def period_label(texts: Texts, per: str, start: dt.date, end: dt.date) -> str:
    """A quota's period as people name it: «tháng 11/2026», «quý 4/2026», «tuần 23/11–29/11»."""
    if per == "week":
        return texts("quota.period_week", start=_dm(start), end=_dm(end))
    if per == "month":
        return texts("quota.period_month", month=start.month, year=start.year)
    return texts("quota.period_quarter", quarter=(start.month - 1) // 3 + 1, year=start.year)


def _left(texts: Texts, days: int, what: str) -> str:
    if days == 0:
        return texts(f"prompt.{what}_today")
    if days == 1:
        return texts(f"prompt.{what}_tomorrow")
    if days < 0:
        return texts("prompt.days_ago", n=-days)
    return texts("prompt.days_left", n=days)


def _text(text: str) -> dict[str, Any]:
    return to_payload(TextOut(text=text))


def _dm(day: dt.date) -> str:
    return day.strftime("%d/%m")


def weekday(texts: Texts, day: dt.date) -> str:
    return texts("prompt.weekdays").split("|")[day.weekday()]


# -- queueing --------------------------------------------------------------------------------


@dataclass
class Queued:
    day: dt.date
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    muted: int = 0
    late: int = 0
    groups: int = 0  # unit group chats' morning messages queued

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.groups


PAGE = 20_000  # officers read and composed at a time: memory stays flat however many there are


@dataclass(frozen=True)
class NotBefore:
    """Officers whose time is surely still to come, left out in SQL: before the morning a tick
    otherwise reads every officer (400,000 every 30 s) only to find nobody due. `cut`: a
    stored "HH:MM" later than it is not due; `default_due`: whether the default time has come."""

    cut: str
    default_due: bool


# A stored time that HHMM_RE reads (zero-padded, so string order is time order); any other is
# always read, to be skipped and logged as unreadable.
HHMM_SQL = "^([01][0-9]|2[0-3]):[0-5][0-9]$"


def not_before(now: dt.datetime, day: dt.date, config: Config) -> NotBefore | None:
    """What `now` surely rules out on `day` (None: nothing, e.g. another day or the demo). An
    hour's margin: Python still decides who is due, the filter only never drops one who is."""
    local = now.astimezone(config.timezone)
    cut = local + dt.timedelta(hours=1)
    if config.prompts.at_once or local.date() != day or cut.date() != day:
        return None
    default = dt.datetime.combine(day, config.default_prompt_time, tzinfo=config.timezone)
    return NotBefore(cut.strftime("%H:%M"), default <= now)


async def _waiting(session: AsyncSession, prompt_job: int, officer_id: int | None,
                   after: int | None = None, upto: int | None = None,
                   pending: NotBefore | None = None) -> list[tuple[Person, Recipient]]:
    """Active officers with no row yet in the day's prompt job, on their preferred channel
    (with `after`/`upto`, only those whose id lies in that range; with `pending`, not those
    whose time is surely still to come)."""
    # The day's rows of these officers, as a set PostgreSQL hashes once (NOT IN a subquery):
    # just after a morning the statistics still say the day's job is empty, and a correlated
    # NOT EXISTS was then planned as a nested loop, 19 s a page at 400,000 officers. The
    # range keeps the set to one page's (under work_mem, or the hash is not used).
    handled = select(Delivery.officer_id).where(Delivery.job_id == prompt_job,
                                                Delivery.officer_id.is_not(None))  # NOT IN and NULL
    if after is not None:
        handled = handled.where(Delivery.officer_id > after)
    if upto is not None:
        handled = handled.where(Delivery.officer_id <= upto)
    if officer_id is not None:
        handled = handled.where(Delivery.officer_id == officer_id)
    # Plain columns, not ORM objects: at ten thousand officers the difference is most of a tick.
    query = (select(Officer.id, Officer.full_name, Officer.role, Officer.unit_id, Unit.code,
                    Officer.prompt_time, Officer.muted_until, Officer.preferred_channel,
                    Identity.channel, Identity.chat_id)
             .join(Identity, Identity.officer_id == Officer.id)
             .outerjoin(Unit, Unit.id == Officer.unit_id)
             .where(Officer.status == OfficerStatus.ACTIVE.value, Officer.id.not_in(handled),
                    # In no unit (an admin made from the CLI): no unit's work to be asked about.
                    Officer.unit_id.is_not(None)))
    if officer_id is not None:
        query = query.where(Officer.id == officer_id)
    if pending is not None:
        later = and_(Officer.prompt_time.is_not(None), Officer.prompt_time > pending.cut,
                     func.length(Officer.prompt_time) == 5,  # "$" matches before a "\n" too
                     Officer.prompt_time.regexp_match(HHMM_SQL))
        query = query.where(~(later if pending.default_due
                              else or_(Officer.prompt_time.is_(None), later)))
    # The range on accounts too: without it each page reads every account.
    if after is not None:
        query = query.where(Officer.id > after, Identity.officer_id > after)
    if upto is not None:
        query = query.where(Officer.id <= upto, Identity.officer_id <= upto)
    best: dict[int, tuple[tuple[int, int], Person, Recipient]] = {}
    ranks: dict[str, int] = {}  # a channel's rank looked up once, not once per officer
    # Through the session's connection (Core): the ORM's row loading doubles the cost here.
    rows = (await (await session.connection()).execute(query.order_by(Officer.id))).all()
    for *fields, preferred, channel, chat_id in rows:
        if channel not in ranks:
            ranks[channel] = channel_rank(channel)
        rank = (0 if channel == preferred else 1, ranks[channel])  # /kenh first (reach_order)
        if fields[0] not in best or rank < best[fields[0]][0]:
            best[fields[0]] = (rank, Person(*fields), Recipient(fields[0], channel, chat_id))
    return [(p, r) for _, p, r in best.values()]  # in id order, as read


async def _waiting_pages(session: AsyncSession, prompt_job: int, pending: NotBefore | None = None
                         ) -> AsyncIterator[list[tuple[Person, Recipient]]]:
    """`_waiting` for everyone, PAGE officers (by id) at a time, in id order."""
    after: int | None = None
    while True:
        bound = select(Officer.id).order_by(Officer.id).offset(PAGE - 1).limit(1)
        upto = await session.scalar(bound if after is None else bound.where(Officer.id > after))
        yield await _waiting(session, prompt_job, None, after, upto, pending)
        if upto is None:
            return
        after = upto


async def _waiting_groups(session: AsyncSession, day: dt.date) -> list[UnitGroup]:
    """Linked group chats with no row yet in the day's group job."""
    handled = exists().where(Delivery.group_id == UnitGroup.id, Delivery.job_id == Job.id,
                             Job.key == groups_domain.morning_key(day))
    return list((await session.scalars(select(UnitGroup).where(
        UnitGroup.unlinked_at.is_(None), ~handled).order_by(UnitGroup.id))).unique())


def _group_payloads(texts: Texts, plan: DayPlan, groups: list[UnitGroup]
                    ) -> list[tuple[UnitGroup, dict[str, Any] | None]]:
    """Each group's morning message: asking for replies where its channel shows them to Loa."""
    known = specs()
    payloads = {replies: group_morning(texts, plan, replies) for replies in (True, False)}
    return [(g, payloads[g.channel not in known or known[g.channel].caps.group_replies])
            for g in groups]


def group_due_at(day: dt.date, config: Config) -> dt.datetime:
    """When units' group chats get the day's message: the default prompt time (units have no
    time of their own yet), or at once when prompts go at once."""
    return dt.datetime.combine(
        day, dt.time(0, 0) if config.prompts.at_once else config.default_prompt_time,
        tzinfo=config.timezone)


async def _queue_groups(session: AsyncSession, clock: Clock, texts: Texts, plan: DayPlan,
                        groups: list[UnitGroup], late: bool) -> int:
    """The day's one message to each group, through the outbox (one row per group and day)."""
    job = await job_for(session, clock, "prompt", groups_domain.morning_key(plan.day),
                        PROMPT_PRIORITY)
    pairs = _group_payloads(texts, plan, groups)
    items = [(groups_domain.recipient(g), payload or {}) for g, payload in pairs]
    # Late, or nothing to say: written as skipped, so the decision is kept, not redone.
    if late or all(payload is None for _, payload in pairs):
        await enqueue(session, clock, job.id, items, priority=PROMPT_PRIORITY,
                      state=DeliveryState.SKIPPED, note=LATE if late else "nothing to say")
        return 0
    return await enqueue(session, clock, job.id, items, priority=PROMPT_PRIORITY)


async def queue_due(sessions: async_sessionmaker[AsyncSession], clock: Clock, config: Config,
                    texts: Texts, day: dt.date | None = None, force: bool = False) -> Queued:
    """Queue the messages of every officer whose time has come today and who has none yet.

    Within the grace window after an officer's time the prompt still goes; after it, it is
    skipped (and the skip written and logged). `force` (an admin's `loa prompts send`) sends a
    day's messages now, whatever the time, including to those skipped for being late.
    Officers are read and composed a page at a time and their rows staged (`BulkQueue`), so a
    national morning holds one page in memory, not the country.
    """
    now = clock.now()
    day = day or now.astimezone(config.timezone).date()
    result = Queued(day)
    if not force and not is_working_day(day):
        return result
    grace = dt.timedelta(hours=config.prompts.grace_hours)
    async with sessions() as session, session.begin():
        prompt_job = await job_for(session, clock, "prompt", f"prompt:{day}", PROMPT_PRIORITY)
        if force:
            group_jobs = select(Job.id).where(Job.key == groups_domain.morning_key(day))
            await session.execute(delete(Delivery).where(
                (Delivery.job_id == prompt_job.id) | Delivery.job_id.in_(group_jobs),
                Delivery.state == DeliveryState.SKIPPED.value, Delivery.last_error == LATE))
        times: dict[str | None, dt.datetime | None] = {}  # most officers share the default time
        ready: dict[str | None, bool] = {}  # whether that time has come (or is unreadable)

        def due_at(person: Person) -> dt.datetime | None:
            """None for a stored time nobody can read: that officer is skipped, not everyone."""
            if person.prompt_time not in times:
                try:
                    times[person.prompt_time] = person.due_at(day, config)
                except ValueError:
                    times[person.prompt_time] = None
                at = times[person.prompt_time]
                ready[person.prompt_time] = at is None or at <= now
            return times[person.prompt_time]

        def is_due(person: Person) -> bool:
            if person.prompt_time not in ready:
                due_at(person)
            return ready[person.prompt_time]

        group_at = group_due_at(day, config)
        groups = await _waiting_groups(session, day) if force or group_at <= now else []
        plan: DayPlan | None = None
        if groups:
            plan = await plan_day(session, clock, config, day, record=True)
            if plan.empty:
                return result
            result.groups = await _queue_groups(session, clock, texts, plan, groups,
                                                late=not force and now - group_at > grace)
        bulk = BulkQueue(session, clock)
        # One group per kind and per note, declared when first met: rows are written group by
        # group in that order, as one list per kind was before.
        kinds: dict[str, int] = {}
        notes: dict[str, int] = {}
        nothing: dict[str, Any] = {}  # every skipped row's payload: one object, encoded once
        skipped: dict[str, int] = defaultdict(int)

        async def skip(note: str, recipient: Recipient) -> None:
            if note not in notes:
                notes[note] = bulk.group(prompt_job.id, PROMPT_PRIORITY, DeliveryState.SKIPPED,
                                         note)
            skipped[note] += 1
            await bulk.add(notes[note], recipient, nothing)

        pending = None if force else not_before(now, day, config)
        async for page in _waiting_pages(session, prompt_job.id, pending):
            due = [(p, r) for p, r in page if force or is_due(p)]
            if not due:
                continue
            if plan is None:
                plan = await plan_day(session, clock, config, day, record=True)
            if plan.empty:
                return result
            for person, recipient in due:
                at = due_at(person)
                if at is None:
                    log.warning("officer %s: stored prompt time %r is not HH:MM; no prompt for "
                                "them on %s until it is set again (/gio)", person.id,
                                person.prompt_time, day)
                    await skip(BAD_TIME, recipient)
                elif person.muted_on(day):
                    await skip(MUTED, recipient)
                elif not force and now - at > grace:
                    await skip(LATE, recipient)
                else:
                    messages = compose(texts, plan, person)
                    for kind, payload in messages.items():
                        if kind not in kinds:
                            job = prompt_job if kind == "prompt" else await job_for(
                                session, clock, kind, f"{kind}:{day}", PROMPT_PRIORITY)
                            kinds[kind] = bulk.group(job.id, PROMPT_PRIORITY)
                        await bulk.add(kinds[kind], recipient, payload)
                    if "prompt" not in messages:  # nothing to say today: noted, not asked again
                        await skip("nothing to say", recipient)
        if plan is None:
            return result
        added = await bulk.finish()
        for kind, group in kinds.items():
            result.counts[kind] = added[group]
        result.muted, result.late = skipped[MUTED], skipped[LATE]
    if result.late:
        log.warning("%s: %d officers' prompts skipped: their time was more than the %g-hour "
                    "grace window ago (Loa was down then, or they joined since)",
                    day, result.late, config.prompts.grace_hours)
    if result.total:
        log.info("%s: queued %s%s", day, {k: n for k, n in result.counts.items() if n},
                 f" and {result.groups} group messages" if result.groups else "")
    return result


async def preview(session: AsyncSession, clock: Clock, config: Config, texts: Texts,
                  day: dt.date, officer_id: int | None = None
                  ) -> list[tuple[Person, dict[str, dict[str, Any]]]]:
    """What each officer would get on `day`, computed exactly as sending does, writing nothing."""
    plan = await plan_day(session, clock, config, day, record=False)
    people = await _waiting(session, -1, officer_id)
    return [(p, {} if p.muted_on(day) else compose(texts, plan, p)) for p, _ in people]


async def preview_groups(session: AsyncSession, clock: Clock, config: Config, texts: Texts,
                         day: dt.date) -> list[tuple[UnitGroup, dict[str, Any] | None]]:
    """What each linked group chat would get on `day` (None: nothing to say), writing nothing."""
    groups = await groups_domain.linked(session)
    if not groups:
        return []
    return _group_payloads(texts, await plan_day(session, clock, config, day, record=False), groups)
