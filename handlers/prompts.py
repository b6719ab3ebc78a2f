"""The daily prompt's three buttons, /homnay, and an officer's own settings: time, mute,
unmute."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from bot.core.config import HHMM_RE
from bot.core.events import TextOut, from_payload
from bot.core.normalize import parse_int
from bot.delivery.outbox import Recipient, enqueue, job_for
from bot.domain.prompts import PROMPT_PRIORITY, Person, compose, plan_day
from bot.domain.workdays import holiday_name, is_working_day, next_working_day
from bot.engine.flows import STAY, Command, Context
from bot.store.models import Delivery, DeliveryState, Job, PromptAction, Role
from handlers import reports

EARLIEST, LATEST = dt.time(5, 0), dt.time(21, 0)
MAX_MUTE_DAYS = 60
DEFAULT_WORDS = {"macdinh", "mặcđịnh", "mac-dinh", "default"}


def _hhmm(ctx: Context, at: dt.datetime) -> str:
    return at.astimezone(ctx.config.timezone).strftime("%H:%M")


async def _sent_prompt(ctx: Context, officer_id: int, day: dt.date) -> Delivery | None:
    """This officer's prompt row of `day` (queued or sent; not skipped)."""
    return await ctx.session.scalar(select(Delivery).join(Job, Job.id == Delivery.job_id).where(
        Job.key == f"prompt:{day}", Delivery.officer_id == officer_id,
        Delivery.state != DeliveryState.SKIPPED.value))


async def on_button(ctx: Context) -> str:
    """A press on a daily prompt (data pr:YYYYMMDD:r|d|l)."""
    _, _, rest = ctx.button.data.partition(":") if ctx.button else ("", "", "")
    stamp, _, code = rest.partition(":")
    officer = ctx.officer
    try:
        day = (dt.datetime.strptime(stamp, "%Y%m%d").date()
               if officer is not None and parse_int(stamp, 0, 99_999_999) is not None else None)
    except ValueError:
        day = None
    prompt = await _sent_prompt(ctx, officer.id, day) if officer and day else None
    if prompt is None or day is None or officer is None or code not in ("r", "d", "l"):
        ctx.ack_text = ctx.t("prompt.stale")  # forged, or not this officer's prompt
        return STAY
    if code in ("d", "l") and day != ctx.today:
        # Both buttons of another day's message answer alike: it is not today's.
        ctx.ack_text = ctx.t("newcomer.prompt_other_day", date=day.strftime("%d/%m"))
        return STAY
    if code == "d":
        return await _done(ctx, officer.id, day)
    if code == "l":
        return await _snooze(ctx, officer.id, day, prompt.payload)
    return await reports.start(ctx)


async def _done(ctx: Context, officer_id: int, day: dt.date) -> str:
    already = await ctx.session.scalar(select(PromptAction.id).where(
        PromptAction.officer_id == officer_id, PromptAction.day == day,
        PromptAction.action == "done"))
    if already is not None:
        ctx.say("prompt.already_done")
        return STAY
    ctx.session.add(PromptAction(officer_id=officer_id, day=day, action="done", at=ctx.clock.now()))
    ctx.edit_pressed(ctx.t("prompt.done_mark"))
    ctx.say("prompt.done_ack")
    return STAY


async def _snooze(ctx: Context, officer_id: int, day: dt.date, payload: dict[str, Any]
                  ) -> str:
    if day != ctx.today:
        ctx.ack_text = ctx.t("prompt.stale")
        return STAY
    waiting = await ctx.session.scalar(select(Delivery.not_before).join(
        Job, Job.id == Delivery.job_id).where(
        Job.kind == "snooze", Job.key.like(f"snooze:{day}:%"), Delivery.officer_id == officer_id,
        Delivery.state == DeliveryState.PENDING.value))
    if waiting is not None:
        ctx.say("prompt.already_snoozed", time=_hhmm(ctx, waiting))
        return STAY
    rounds = await ctx.session.scalar(select(func.count()).select_from(PromptAction).where(
        PromptAction.officer_id == officer_id, PromptAction.day == day,
        PromptAction.action == "snooze"))
    at = ctx.clock.now() + dt.timedelta(minutes=ctx.config.prompts.snooze_minutes)
    job = await job_for(ctx.session, ctx.clock, "snooze", f"snooze:{day}:{(rounds or 0) + 1}",
                        PROMPT_PRIORITY)
    target = Recipient(officer_id, ctx.identity.channel, ctx.identity.chat_id)
    await enqueue(ctx.session, ctx.clock, job.id, [(target, payload)], priority=PROMPT_PRIORITY,
                  not_before=at)
    ctx.session.add(PromptAction(officer_id=officer_id, day=day, action="snooze",
                                 at=ctx.clock.now()))
    ctx.queued = True
    ctx.edit_pressed(ctx.t("prompt.snooze_mark", time=_hhmm(ctx, at)))
    ctx.say("prompt.snoozed", time=_hhmm(ctx, at))
    return STAY


async def today(ctx: Context) -> str:
    """/homnay: today's message again (deleted, or not yet come), exactly as it is sent."""
    officer = ctx.officer
    assert officer is not None
    day = ctx.today
    unit = officer.unit
    person = Person(officer.id, officer.full_name, officer.role, officer.unit_id,
                    unit.code if unit else None, officer.prompt_time, officer.muted_until)
    if not is_working_day(day):
        # A day off sends nothing; what the next working day will bring is shown as text (the
        # demo tried on a weekend shows a real message too).
        why = holiday_name(day) or ctx.t("campaign.weekend")
        coming = next_working_day(day)
        plan = await plan_day(ctx.session, ctx.clock, ctx.config, coming, record=False)
        preview = compose(ctx.texts, plan, person).get("prompt")
        if preview is None:
            ctx.say("prompt.day_off", why=why)
        else:
            ctx.say("newcomer.day_off_preview", why=why, date=coming.strftime("%d/%m"),
                    weekday=ctx.t("prompt.weekdays").split("|")[coming.weekday()])
            ctx.outbox.append(TextOut(text=from_payload(preview).text))
        return STAY
    plan = await plan_day(ctx.session, ctx.clock, ctx.config, day, record=True)
    payload = compose(ctx.texts, plan, person).get("prompt")
    if payload is None:
        ctx.say("prompt.no_campaign")
        return STAY
    # The buttons answer for a day's prompt that was sent; before it is, the text alone.
    sent = await _sent_prompt(ctx, officer.id, day)
    message = from_payload(payload)
    ctx.outbox.append(message if sent else TextOut(text=message.text))
    return STAY


async def set_time(ctx: Context) -> str:
    """/gio HH:MM: this officer's own prompt time; /gio macdinh: back to the default."""
    officer = ctx.officer
    assert officer is not None
    default = ctx.config.default_prompt_time.strftime("%H:%M")
    if not ctx.args:
        ctx.say("prompt.time_usage", time=officer.prompt_time or default, default=default)
        return STAY
    # The keyword first: "macdinh" holds an "h", which the time spelling below turns into ":".
    if "".join(ctx.args).casefold() in DEFAULT_WORDS:
        officer.prompt_time, officer.updated_at = None, ctx.clock.now()
        ctx.say("prompt.time_default", time=default)
        return STAY
    answer = ctx.args[0].strip().lower().replace("h", ":").replace(".", ":")
    if answer.endswith(":"):
        answer += "00"  # 7h → 07:00
    if len(answer) == 4 and answer[1] == ":":
        answer = "0" + answer  # 6:45 → 06:45
    m = HHMM_RE.fullmatch(answer)
    if not m or not EARLIEST <= dt.time(int(m.group(1)), int(m.group(2))) <= LATEST:
        ctx.say("prompt.time_bad", got=ctx.args[0][:10])
        return STAY
    officer.prompt_time, officer.updated_at = answer, ctx.clock.now()
    ctx.say("prompt.time_set", time=answer, when=await first_day_at(ctx, officer.id, answer))
    return STAY


async def first_day_at(ctx: Context, officer_id: int, hhmm: str) -> str:
    """When a prompt at `hhmm` first comes: today only if today's has not gone out yet and the
    time is still ahead; otherwise the next working day, named."""
    local = ctx.clock.now().astimezone(ctx.config.timezone)
    at = dt.time.fromisoformat(hhmm)
    day = local.date()
    if (is_working_day(day) and at > local.time().replace(second=0, microsecond=0)
            and await _prompt_row(ctx, officer_id, day) is None):
        return ctx.t("prompt.date_today")
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    if day == local.date() + dt.timedelta(days=1):
        return ctx.t("prompt.from_tomorrow", date=day.strftime("%d/%m"))
    weekday = ctx.t("prompt.weekdays").split("|")[day.weekday()]
    return ctx.t("prompt.from_day", weekday=weekday, date=day.strftime("%d/%m"))


async def _prompt_row(ctx: Context, officer_id: int, day: dt.date) -> int | None:
    """Any row of this officer's prompt of `day`, skipped ones included (the day is decided)."""
    return await ctx.session.scalar(select(Delivery.id).join(Job, Job.id == Delivery.job_id).where(
        Job.key == f"prompt:{day}", Delivery.officer_id == officer_id).limit(1))


async def mute(ctx: Context) -> str:
    """/tatnhac N: no daily messages for the next N working days, today included."""
    officer = ctx.officer
    assert officer is not None
    if not ctx.args:
        ctx.say("prompt.mute_usage")
        return STAY
    raw = ctx.args[0]
    days = parse_int(raw, 1, MAX_MUTE_DAYS)
    if days is None:
        ctx.say("prompt.mute_bad", got=raw[:10])
        return STAY
    # N days of messages: working days, from today if it is one (a Sunday is not counted).
    until = ctx.today if is_working_day(ctx.today) else next_working_day(ctx.today)
    for _ in range(days - 1):
        until = next_working_day(until)
    officer.muted_until, officer.updated_at = until, ctx.clock.now()
    ctx.say("prompt.muted", until=until.strftime("%d/%m/%Y"), days=days)
    return STAY


async def unmute(ctx: Context) -> str:
    officer = ctx.officer
    assert officer is not None
    if officer.muted_until is None or officer.muted_until < ctx.today:
        ctx.say("prompt.not_muted")
    else:
        officer.muted_until, officer.updated_at = None, ctx.clock.now()
        ctx.say("prompt.unmuted")
    return STAY


COMMANDS = [
    Command("homnay", today, role=Role.OFFICER, help_key="help.homnay"),
    Command("gio", set_time, role=Role.OFFICER, help_key="help.gio"),
    Command("tatnhac", mute, role=Role.OFFICER, help_key="help.tatnhac"),
    Command("batnhac", unmute, role=Role.OFFICER, help_key="help.batnhac"),
]

BUTTONS = {"pr": on_button}
