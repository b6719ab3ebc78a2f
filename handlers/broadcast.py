"""Admins' broadcasts: /phatthanh → content → audience → preview → (approval) → sending.

```mermaid
stateDiagram-v2
    [*] --> ASK_CONTENT: /phatthanh
    ASK_CONTENT --> ASK_SLOGAN: "Chọn khẩu hiệu đã duyệt"
    ASK_CONTENT --> ASK_AUDIENCE: text, or photo with caption
    ASK_SLOGAN --> ASK_AUDIENCE: a slogan
    ASK_AUDIENCE --> ASK_ROLE: everyone
    ASK_AUDIENCE --> ASK_UNITS: chosen units
    ASK_UNITS --> ASK_SUBUNITS: unit codes
    ASK_SUBUNITS --> ASK_ROLE
    ASK_ROLE --> CONFIRM
    CONFIRM --> ASK_CONTENT: Sửa nội dung
    CONFIRM --> ASK_WHEN: Hẹn giờ
    ASK_WHEN --> ASK_HOUR: a campaign's key date
    ASK_WHEN --> ASK_YEARLY: a typed day and time
    ASK_HOUR --> ASK_YEARLY
    ASK_YEARLY --> CONFIRM
    CONFIRM --> [*]: Gửi (sending, scheduled, or waiting for an approver), or Hủy
    [*] --> ASK_NEW_CONTENT: /suahen SỐ (a scheduled one not started yet)
    ASK_NEW_CONTENT --> [*]: text, or photo with caption (approved again if need be)
```
"""

from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import or_, select

from bot.core.events import PhotoIn, from_payload, platform_file
from bot.core.normalize import parse_id
from bot.core.textfit import shorten
from bot.core.texts import Ref
from bot.delivery.outbox import job_counts
from bot.domain.broadcasts import audience_size, describe_audience, frozen_reach, say_reach
from bot.engine import flowids
from bot.engine.flows import END, STAY, Command, Context, Flow, Invalid, Step, chat_scope
from bot.services import Refused
from bot.services.broadcasts import (
    at_key_date,
    cancel_broadcast,
    changeable,
    check_when,
    create_broadcast,
    day_off_warning,
    edit_broadcast,
    max_caption,
    max_text,
    needs_approval,
    parse_hour,
    parse_when,
    reschedule_broadcast,
    scheduled_broadcasts,
    show_when,
    upcoming_key_dates,
)
from bot.services.broadcasts import decide_broadcast as decide
from bot.store.models import (
    Broadcast,
    BroadcastState,
    Campaign,
    Role,
    Slogan,
    SloganState,
    Unit,
)
from handlers.approval import split_decision

ASK_CONTENT, ASK_SLOGAN, ASK_AUDIENCE, ASK_UNITS, ASK_SUBUNITS, ASK_ROLE, CONFIRM = (
    "ask_content", "ask_slogan", "ask_audience", "ask_units", "ask_subunits", "ask_role", "confirm")
ASK_WHEN, ASK_HOUR, ASK_YEARLY = "ask_when", "ask_hour", "ask_yearly"
ASK_NEW_CONTENT = "ask_new_content"
SLOGAN_PAGE = 8  # choices per page: a phone screen, and numbers a person can keep in mind


async def new_broadcast(ctx: Context) -> str:
    """/phatthanh: starts the form; asks for the content."""
    return ctx.begin(flowids.BROADCAST, ASK_CONTENT, {"audience": {}})


async def ask_content(ctx: Context) -> None:
    has_slogans = bool(await usable_slogans(ctx))
    ctx.ask("broadcast.ask_content",
            [("broadcast.use_slogan", "slogan")] if has_slogans else [])


async def content_given(ctx: Context) -> str:
    """Stores a text; asks for the audience."""
    text = ctx.text.strip()
    if not text:
        raise Invalid("errors.empty_text")
    if len(text) > max_text():
        raise Invalid("errors.too_long", what=Ref("fields.content"), max=max_text(), got=len(text))
    ctx.data.update(content={"text": text}, slogan_id=None)
    return _after_content(ctx)


async def photo_given(ctx: Context) -> str:
    """Stores a photo (by its channel and file id: other channels get it as media) and its
    caption; asks for the audience."""
    photo = ctx.event
    assert isinstance(photo, PhotoIn)
    if len(photo.caption) > max_caption():
        raise Invalid("errors.too_long", what=Ref("fields.caption"), max=max_caption(),
                      got=len(photo.caption))
    ctx.data.update(content={"photo": platform_file(photo.channel, photo.photo.file_id),
                             "caption": photo.caption.strip()},
                    slogan_id=None)
    return _after_content(ctx)


def _after_content(ctx: Context) -> str:
    return CONFIRM if ctx.data.get("audience_done") else ASK_AUDIENCE


async def slogan_wanted(ctx: Context) -> str:
    ctx.data["slogan_page"] = 0
    return ASK_SLOGAN


async def usable_slogans(ctx: Context) -> list[Slogan]:
    """Approved slogans of the campaigns running today and those proposed in chat, each text
    once (the newest of equal texts)."""
    today = ctx.today
    running = select(Campaign.id).where(Campaign.start <= today, Campaign.end >= today)
    rows = (await ctx.session.scalars(select(Slogan).where(
        Slogan.state == SloganState.APPROVED.value,
        or_(Slogan.campaign_id.is_(None), Slogan.campaign_id.in_(running)))
        .order_by(Slogan.campaign_id.is_(None), Slogan.id.desc()))).all()  # the plans' first
    seen: set[str] = set()
    out = []
    for s in rows:
        key = " ".join(s.text.casefold().split())
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


async def ask_slogan(ctx: Context) -> None:
    slogans = await usable_slogans(ctx)
    start = ctx.data.get("slogan_page", 0) * SLOGAN_PAGE
    page = slogans[start:start + SLOGAN_PAGE]
    choices = [(shorten(s.text, 60), str(s.id)) for s in page]
    if start + SLOGAN_PAGE < len(slogans):
        choices.append((ctx.t("broadcast.more_slogans"), "more"))
    ctx.ask_raw("broadcast.ask_slogan", choices, first=start + 1, last=start + len(page),
                total=len(slogans))


async def slogan_chosen(ctx: Context) -> str:
    """Stores the chosen approved slogan as the content; asks for the audience."""
    if ctx.choice_value == "more":
        ctx.data["slogan_page"] = ctx.data.get("slogan_page", 0) + 1
        await ask_slogan(ctx)
        return STAY
    slogan_id = parse_id(ctx.choice_value)
    slogan = await ctx.session.get(Slogan, slogan_id) if slogan_id is not None else None
    if slogan is None or slogan.state != SloganState.APPROVED:
        raise Invalid("broadcast.slogan_gone")
    ctx.data.update(content={"text": slogan.text}, slogan_id=slogan.id)
    return _after_content(ctx)


async def ask_audience(ctx: Context) -> None:
    ctx.ask("broadcast.ask_audience", [("broadcast.to_everyone", "all"),
                                       ("broadcast.to_units", "units")])


async def audience_chosen(ctx: Context) -> str:
    if ctx.choice_value == "all":
        ctx.data["audience"] = {}
        return ASK_ROLE
    return ASK_UNITS


async def ask_units(ctx: Context) -> None:
    units = (await ctx.session.scalars(select(Unit).order_by(Unit.code))).all()
    listing = "\n".join(f"• {u.code} — {u.name}" for u in units[:40])
    ctx.ask("broadcast.ask_units", units=listing)


async def units_given(ctx: Context) -> str:
    """Stores the unit codes (all must exist); asks whether sub-units are included."""
    codes = [c.upper() for c in re.split(r"[\s,;]+", ctx.text.strip()) if c]
    if not codes:
        raise Invalid("errors.empty_text")
    known = set((await ctx.session.scalars(select(Unit.code).where(Unit.code.in_(codes)))).all())
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise Invalid("broadcast.unknown_units", codes=", ".join(unknown[:10])[:200])
    ctx.data["audience"] = {"units": sorted(set(codes))}
    return ASK_SUBUNITS


async def ask_subunits(ctx: Context) -> None:
    ctx.ask("broadcast.ask_subunits", [("choice.yes", "yes"), ("choice.no", "no")])


async def subunits_chosen(ctx: Context) -> str:
    ctx.data["audience"]["subunits"] = ctx.choice_value == "yes"
    return ASK_ROLE


async def ask_role(ctx: Context) -> None:
    ctx.ask("broadcast.ask_role", [("broadcast.all_roles", "all"), ("role.officer", "officer"),
                                   ("role.focal", "focal"), ("role.approver", "approver"),
                                   ("role.admin", "admin")])


async def role_chosen(ctx: Context) -> str:
    if ctx.choice_value != "all":
        ctx.data["audience"]["role"] = Role(ctx.choice_value).value
    ctx.data["audience_done"] = True
    return CONFIRM


async def ask_confirm(ctx: Context) -> None:
    """Shows the message exactly as recipients will see it, then who gets it."""
    reach = await audience_size(ctx.session, ctx.data["audience"])
    ctx.outbox.append(from_payload(ctx.data["content"]))
    audience = describe_audience(ctx.texts, ctx.data["audience"])
    if not reach.total:  # nothing to send: offer to choose other recipients instead of "Gửi"
        ctx.ask("broadcast.confirm_nobody", [("broadcast.change_audience", "audience"),
                                             ("broadcast.edit", "edit"),
                                             ("broadcast.cancel", "cancel")], audience=audience)
        return
    waits = needs_approval(chat_scope(ctx))
    key = "broadcast.confirm_needs_approval" if waits else "broadcast.confirm"
    if ctx.data.get("at"):  # the time, and a warning if it falls on a day off
        at = datetime.fromisoformat(ctx.data["at"])
        warning = day_off_warning(ctx.texts, at, ctx.config.timezone)
        ctx.say("scheduled.confirm_when", when=show_when(at, ctx.config.timezone),
                yearly=_yearly(ctx), warning=f"\n{warning}" if warning else "")
        timing = ("scheduled.send_now", "now")
    else:
        timing = ("scheduled.schedule", "later")
    ctx.ask(key, [("broadcast.send", "send"), timing, ("broadcast.edit", "edit"),
                  ("broadcast.cancel", "cancel")], reach=say_reach(ctx.texts, reach),
            audience=audience)


def _yearly(ctx: Context) -> str:
    return ctx.t("scheduled.yearly_suffix") if ctx.data.get("yearly") else ""


async def ask_when(ctx: Context) -> None:
    """A typed day and time, or one of the campaigns' coming key dates."""
    soon = await upcoming_key_dates(ctx.session, ctx.today)
    ctx.data["key_dates"] = [[k.name, k.day.isoformat()] for k in soon]
    ctx.ask_raw("scheduled.ask_when", [
        (ctx.t("scheduled.key_date_choice", day=k.day.strftime("%d/%m"), name=shorten(k.name, 40)),
         f"kd{i}") for i, k in enumerate(soon)])


async def when_given(ctx: Context) -> str:
    at = parse_when(ctx.text, ctx.config.timezone)
    if at is None:
        raise Invalid("scheduled.bad_when", text=shorten(ctx.text.strip(), 40))
    _check(ctx, at)
    ctx.data.update(at=at.isoformat(), key_date=None)
    return ASK_YEARLY


def _check(ctx: Context, at: datetime) -> None:
    try:
        check_when(chat_scope(ctx), at)
    except Refused as exc:
        raise Invalid(exc.key, **exc.values) from None


async def key_date_chosen(ctx: Context) -> str:
    index = parse_id((ctx.choice_value or "").removeprefix("kd"))
    known = ctx.data.get("key_dates") or []
    if index is None or index >= len(known):
        raise Invalid("scheduled.bad_when", text=shorten(ctx.choice_value or "", 40))
    ctx.data["key_date"] = known[index]
    return ASK_HOUR


async def ask_hour(ctx: Context) -> None:
    name, day = ctx.data["key_date"]
    ctx.ask("scheduled.ask_hour", day=date.fromisoformat(day).strftime("%d/%m/%Y"), name=name)


async def hour_given(ctx: Context) -> str:
    hour = parse_hour(ctx.text)
    if hour is None:
        raise Invalid("scheduled.bad_hour", text=shorten(ctx.text.strip(), 40))
    at = at_key_date(date.fromisoformat(ctx.data["key_date"][1]), hour, ctx.config.timezone)
    _check(ctx, at)
    ctx.data["at"] = at.isoformat()
    return ASK_YEARLY


async def ask_yearly(ctx: Context) -> None:
    ctx.ask("scheduled.ask_yearly", [("scheduled.yearly_no", "no"),
                                     ("scheduled.yearly_yes", "yes")])


async def yearly_chosen(ctx: Context) -> str:
    ctx.data["yearly"] = ctx.choice_value == "yes"
    return CONFIRM


async def confirmed(ctx: Context) -> str:
    """Sends, or hands to the approvers; the form ends either way (except to edit)."""
    if ctx.choice_value == "edit":
        return ASK_CONTENT
    if ctx.choice_value == "audience":
        ctx.data["audience"], ctx.data["audience_done"] = {}, False
        return ASK_AUDIENCE
    if ctx.choice_value == "later":
        return ASK_WHEN
    if ctx.choice_value == "now":
        ctx.data.update(at=None, yearly=False, key_date=None)
        return CONFIRM
    if ctx.choice_value != "send":
        ctx.say("broadcast.cancelled")
        return END
    at = datetime.fromisoformat(ctx.data["at"]) if ctx.data.get("at") else None
    key_date = ctx.data.get("key_date")
    try:  # the service refuses an audience that emptied since the preview (broadcast.nobody)
        created = await create_broadcast(
            chat_scope(ctx), ctx.data["content"], ctx.data["audience"], ctx.data.get("slogan_id"),
            progress=(ctx.event.channel, ctx.event.chat_id), at=at,
            yearly=bool(ctx.data.get("yearly")), key_date=key_date[0] if key_date else None)
    except Refused as exc:
        raise Invalid(exc.key, **exc.values) from None
    b = created.broadcast
    if at is not None:
        when = show_when(at, ctx.config.timezone)
        if created.waiting and not created.approvers_asked:
            ctx.say("broadcast.no_approver", id=b.id)
        else:
            ctx.say("scheduled.waiting_approval" if created.waiting else "scheduled.scheduled",
                    id=b.id, when=when, yearly=_yearly(ctx))
    elif created.waiting:
        ctx.say("broadcast.waiting_approval" if created.approvers_asked else "broadcast.no_approver",
                id=b.id)
    else:
        ctx.say("broadcast.started", id=b.id, reach=say_reach(ctx.texts, created.reach))
    return END


async def decide_broadcast(ctx: Context) -> str:
    """A press of "Duyệt" / "Từ chối" on a broadcast (button data bc:<id>:ok|no)."""
    raw_id, verdict = split_decision(ctx)
    # Bad or huge ids become 0 (no such row): the service checks the role first, then finds
    # nothing ("no longer valid") — forged data never crashes and tells a stranger nothing.
    # "12.3": the content's revision the question showed ("12": the first, never changed).
    raw_id, _, raw_revision = raw_id.partition(".")
    broadcast_id = (parse_id(raw_id) or 0) if verdict in ("ok", "no") else 0
    revision = (parse_id(raw_revision) or -1) if raw_revision else 0  # garbage matches none
    try:
        b, reach = await decide(chat_scope(ctx), broadcast_id, approve=verdict == "ok",
                                revision=revision)
    except Refused as exc:
        ctx.ack_text = ctx.t(exc.key, **exc.values)
        return STAY
    if verdict == "ok" and b.state == BroadcastState.SCHEDULED:  # approved now, sent at its time
        ctx.edit_pressed(ctx.t("approval.approved_mark"))
        ctx.say("scheduled.approved", id=b.id, when=show_when(b.scheduled_at, ctx.config.timezone))
    elif verdict == "ok":
        ctx.edit_pressed(ctx.t("approval.approved_mark"))
        ctx.say("approval.broadcast_approved", id=b.id, reach=say_reach(ctx.texts, reach))
    else:
        ctx.edit_pressed(ctx.t("approval.rejected_mark"))
        ctx.say("approval.broadcast_rejected", id=b.id)
    return STAY


async def history(ctx: Context) -> str:
    """/lichsu: the scheduled broadcasts still to go, with their times, then the last ones with
    their numbers."""
    upcoming = await scheduled_broadcasts(ctx.session)
    shown = {b.id for b in upcoming}
    rows = [b for b in (await ctx.session.scalars(select(Broadcast).order_by(
        Broadcast.id.desc()).limit(10 + len(shown)))).all() if b.id not in shown][:10]
    if not rows and not upcoming:
        ctx.say("broadcast.no_history")
        return STAY
    tz = ctx.config.timezone
    if upcoming:
        soon = []
        for b in upcoming:
            soon.append(ctx.t(
                "scheduled.history_line", id=b.id, when=show_when(b.scheduled_at, tz),
                yearly=ctx.t("scheduled.yearly_suffix") if b.repeat_yearly else "",
                state=ctx.t(f"broadcast.state_{b.state}"),
                reach=say_reach(ctx.texts, await audience_size(ctx.session, b.audience)),
                text=shorten(_text(ctx, b), 50)))
        ctx.say("scheduled.history", lines="\n".join(soon))
    lines = []
    for b in rows:
        counts = await job_counts(ctx.session, b.job_id) if b.job_id else {}
        when = (b.scheduled_at or b.created_at).astimezone(tz).strftime("%d/%m %H:%M")
        if b.job_id is None:  # never started (refused, cancelled, awaiting): no one to count yet
            lines.append(ctx.t("broadcast.history_line_unsent", id=b.id, when=when,
                               state=ctx.t(f"broadcast.state_{b.state}"),
                               text=shorten(_text(ctx, b), 50)))
            continue
        lines.append(ctx.t("broadcast.history_line", id=b.id, when=when,
                           state=ctx.t(f"broadcast.state_{b.state}"), total=b.recipients,
                           reach=say_reach(ctx.texts, frozen_reach(b)),
                           sent=counts.get("sent", 0), failed=counts.get("failed", 0),
                           blocked=counts.get("blocked", 0),
                           uncertain=counts.get("uncertain", 0), text=shorten(_text(ctx, b), 50)))
    if lines:
        ctx.say("broadcast.history", lines="\n".join(lines))
    return STAY


def _text(ctx: Context, b: Broadcast) -> str:
    return b.content.get("text") or b.content.get("caption") or ctx.t("broadcast.photo")


async def change_scheduled(ctx: Context) -> str:
    """/doihen SỐ NGÀY GIỜ: a scheduled broadcast's new time, until it starts (audited)."""
    broadcast_id = parse_id(ctx.args[0]) if ctx.args else None
    at = parse_when(" ".join(ctx.args[1:]), ctx.config.timezone) if broadcast_id else None
    if broadcast_id is None or at is None:
        ctx.say("scheduled.change_usage")
        return STAY
    try:
        b = await reschedule_broadcast(chat_scope(ctx), broadcast_id, at)
    except Refused as exc:
        ctx.say(exc.key, **exc.values)
        return STAY
    warning = day_off_warning(ctx.texts, at, ctx.config.timezone)
    ctx.say("scheduled.changed", id=b.id, when=show_when(at, ctx.config.timezone),
            warning=f"\n{warning}" if warning else "")
    return STAY


async def cancel_scheduled(ctx: Context) -> str:
    """/huyhen SỐ: a scheduled broadcast called off before it starts (the service audits it)."""
    broadcast_id = parse_id(ctx.args[0]) if ctx.args else None
    if broadcast_id is None:
        ctx.say("scheduled.cancel_usage")
        return STAY
    try:
        b = await cancel_broadcast(chat_scope(ctx), broadcast_id)
    except Refused as exc:
        ctx.say(exc.key, **exc.values)
        return STAY
    ctx.say("scheduled.cancelled", id=b.id,
            when=show_when(b.scheduled_at, ctx.config.timezone) if b.scheduled_at else "")
    return STAY


async def edit_scheduled(ctx: Context) -> str:
    """/suahen SỐ: a scheduled broadcast's new content, until it starts; asks for it."""
    broadcast_id = parse_id(ctx.args[0]) if ctx.args else None
    if broadcast_id is None:
        ctx.say("scheduled.edit_usage")
        return STAY
    try:
        await changeable(chat_scope(ctx), broadcast_id)
    except Refused as exc:
        ctx.say(exc.key, **exc.values)
        return STAY
    return ctx.begin(flowids.BROADCAST, ASK_NEW_CONTENT, {"edit_id": broadcast_id})


async def ask_new_content(ctx: Context) -> None:
    """Shows the content as it stands, then asks for the new one."""
    b = await ctx.session.get(Broadcast, ctx.data["edit_id"])
    if b is not None:
        ctx.outbox.append(from_payload(b.content))
    when = show_when(b.scheduled_at, ctx.config.timezone) if b and b.scheduled_at else ""
    ctx.ask("scheduled.ask_new_content", id=ctx.data["edit_id"], when=when)


async def new_text_given(ctx: Context) -> str:
    """Stores the new text through the service (the two-person rule again); ends."""
    text = ctx.text.strip()
    if not text:
        raise Invalid("errors.empty_text")
    if len(text) > max_text():
        raise Invalid("errors.too_long", what=Ref("fields.content"), max=max_text(), got=len(text))
    return await _edit(ctx, {"text": text})


async def new_photo_given(ctx: Context) -> str:
    """Stores the new photo and caption (by its channel and file id) through the service; ends."""
    photo = ctx.event
    assert isinstance(photo, PhotoIn)
    if len(photo.caption) > max_caption():
        raise Invalid("errors.too_long", what=Ref("fields.caption"), max=max_caption(),
                      got=len(photo.caption))
    return await _edit(ctx, {"photo": platform_file(photo.channel, photo.photo.file_id),
                             "caption": photo.caption.strip()})


async def _edit(ctx: Context, content: dict[str, str]) -> str:
    try:
        edited = await edit_broadcast(chat_scope(ctx), ctx.data["edit_id"], content)
    except Refused as exc:
        if exc.key == "scheduled.edit_same":
            raise Invalid(exc.key, **exc.values) from None
        ctx.say(exc.key, **exc.values)  # started or cancelled meanwhile: nothing left to change
        return END
    b = edited.broadcast
    when = show_when(b.scheduled_at, ctx.config.timezone) if b.scheduled_at else ""
    if edited.started:
        ctx.say("scheduled.edited_started", id=b.id)
    elif edited.waiting:
        ctx.say("scheduled.edited_waiting" if edited.approvers_asked
                else "scheduled.edited_no_approver", id=b.id, when=when)
    else:
        ctx.say("scheduled.edited", id=b.id, when=when)
    return END


FLOW = Flow(
    name=flowids.BROADCAST,
    steps={
        ASK_CONTENT: Step(ask=ask_content, on_text=content_given, on_photo=photo_given,
                          on_choice=slogan_wanted),
        ASK_SLOGAN: Step(ask=ask_slogan, on_choice=slogan_chosen),
        ASK_AUDIENCE: Step(ask=ask_audience, on_choice=audience_chosen),
        ASK_UNITS: Step(ask=ask_units, on_text=units_given),
        ASK_SUBUNITS: Step(ask=ask_subunits, on_choice=subunits_chosen),
        ASK_ROLE: Step(ask=ask_role, on_choice=role_chosen),
        CONFIRM: Step(ask=ask_confirm, on_choice=confirmed),
        ASK_WHEN: Step(ask=ask_when, on_text=when_given, on_choice=key_date_chosen),
        ASK_HOUR: Step(ask=ask_hour, on_text=hour_given),
        ASK_YEARLY: Step(ask=ask_yearly, on_choice=yearly_chosen),
        ASK_NEW_CONTENT: Step(ask=ask_new_content, on_text=new_text_given,
                              on_photo=new_photo_given),
    },
)

COMMANDS = [
    Command("phatthanh", new_broadcast, role=Role.APPROVER, help_key="help.phatthanh"),
    Command("lichsu", history, role=Role.APPROVER, help_key="help.lichsu"),
    Command("huyhen", cancel_scheduled, role=Role.APPROVER, help_key="help.huyhen"),
    Command("doihen", change_scheduled, role=Role.APPROVER, help_key="help.doihen"),
    Command("suahen", edit_scheduled, role=Role.APPROVER, help_key="help.suahen"),
]

BUTTONS = {"bc": decide_broadcast}
