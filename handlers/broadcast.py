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
    CONFIRM --> [*]: Gửi (sending, or waiting for an approver), or Hủy
```
"""

from __future__ import annotations

import re

from sqlalchemy import or_, select

from bot.core.events import PhotoIn, from_payload
from bot.core.flows import END, STAY, Command, Context, Flow, Invalid, Step
from bot.core.render import shorten
from bot.delivery.outbox import create_job, enqueue, job_counts
from bot.domain.broadcasts import (
    approvers,
    describe_audience,
    recipients,
    start_sending,
)
from bot.store.models import (
    Broadcast,
    BroadcastState,
    Campaign,
    Role,
    Slogan,
    SloganState,
    Unit,
)
from handlers.approval import APPROVAL_PRIORITY, approval_request, decision, tell

ASK_CONTENT, ASK_SLOGAN, ASK_AUDIENCE, ASK_UNITS, ASK_SUBUNITS, ASK_ROLE, CONFIRM = (
    "ask_content", "ask_slogan", "ask_audience", "ask_units", "ask_subunits", "ask_role", "confirm")
MAX_TEXT = 4000  # leaves room under Telegram's 4,096 for nothing to be cut
MAX_CAPTION = 1024
SLOGAN_PAGE = 8  # choices per page: a phone screen, and numbers a person can keep in mind


async def new_broadcast(ctx: Context) -> str:
    """/phatthanh: starts the form; asks for the content."""
    return ctx.begin("broadcast", ASK_CONTENT, {"audience": {}})


async def ask_content(ctx: Context) -> None:
    has_slogans = bool(await usable_slogans(ctx))
    ctx.ask("broadcast.ask_content",
            [("broadcast.use_slogan", "slogan")] if has_slogans else [])


async def content_given(ctx: Context) -> str:
    """Stores a text; asks for the audience."""
    text = ctx.text.strip()
    if not text:
        raise Invalid("errors.empty_text")
    if len(text) > MAX_TEXT:
        raise Invalid("errors.too_long", what="Nội dung", max=MAX_TEXT, got=len(text))
    ctx.data.update(content={"text": text}, slogan_id=None)
    return _after_content(ctx)


async def photo_given(ctx: Context) -> str:
    """Stores a photo (by its platform file id) and its caption; asks for the audience."""
    photo = ctx.event
    assert isinstance(photo, PhotoIn)
    if len(photo.caption) > MAX_CAPTION:
        raise Invalid("errors.too_long", what="Chú thích ảnh", max=MAX_CAPTION, got=len(photo.caption))
    ctx.data.update(content={"photo": photo.photo.file_id, "caption": photo.caption.strip()},
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
        .order_by(Slogan.id.desc()))).all()
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
    slogan = await ctx.session.get(Slogan, int(ctx.choice_value or 0))
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
    count = len(await recipients(ctx.session, ctx.data["audience"]))
    ctx.outbox.append(from_payload(ctx.data["content"]))
    audience = describe_audience(ctx.texts, ctx.data["audience"])
    if count == 0:  # nothing to send: offer to choose other recipients instead of "Gửi"
        ctx.ask("broadcast.confirm_nobody", [("broadcast.change_audience", "audience"),
                                             ("broadcast.edit", "edit"),
                                             ("broadcast.cancel", "cancel")], audience=audience)
        return
    key = "broadcast.confirm_needs_approval" if _needs_approval(ctx) else "broadcast.confirm"
    ctx.ask(key, [("broadcast.send", "send"), ("broadcast.edit", "edit"),
                  ("broadcast.cancel", "cancel")], count=count, audience=audience)


async def confirmed(ctx: Context) -> str:
    """Sends, or hands to the approvers; the form ends either way (except to edit)."""
    if ctx.choice_value == "edit":
        return ASK_CONTENT
    if ctx.choice_value == "audience":
        ctx.data["audience"], ctx.data["audience_done"] = {}, False
        return ASK_AUDIENCE
    if ctx.choice_value != "send":
        ctx.say("broadcast.cancelled")
        return END
    if not await recipients(ctx.session, ctx.data["audience"]):
        raise Invalid("broadcast.nobody")  # the audience emptied since the preview
    b = Broadcast(author_id=ctx.officer.id if ctx.officer else None, content=ctx.data["content"],
                  audience=ctx.data["audience"], slogan_id=ctx.data.get("slogan_id"),
                  state=BroadcastState.AWAITING_APPROVAL.value, created_at=ctx.clock.now(),
                  progress_channel=ctx.event.channel, progress_chat=ctx.event.chat_id)
    ctx.session.add(b)
    await ctx.session.flush()
    if _needs_approval(ctx):
        sent_to = await _ask_approvers(ctx, b)
        ctx.say("broadcast.waiting_approval" if sent_to else "broadcast.no_approver", id=b.id)
        return END
    count = await start_sending(ctx.session, ctx.clock, b)
    ctx.queued = True
    ctx.say("broadcast.started", id=b.id, count=count)
    return END


def _needs_approval(ctx: Context) -> bool:
    officer = ctx.officer
    return ctx.config.delivery.two_person_rule and (officer is None or officer.role != Role.APPROVER)


async def _ask_approvers(ctx: Context, b: Broadcast) -> int:
    """Every approver gets the preview with "Duyệt" / "Từ chối", through the outbox."""
    people = [p for p in await approvers(ctx.session) if p.officer_id != b.author_id]
    if not people:
        return 0
    author = ctx.officer.full_name if ctx.officer and ctx.officer.full_name else "?"
    request = approval_request(ctx, "broadcast.approval_request", f"bc:{b.id}", id=b.id,
                               author=author, count=len(await recipients(ctx.session, b.audience)),
                               audience=describe_audience(ctx.texts, b.audience))
    # The preview first, exactly as recipients would see it, then the question with buttons.
    for suffix, payload, priority in (("preview", b.content, APPROVAL_PRIORITY),
                                      ("ask", request, APPROVAL_PRIORITY + 1)):
        job = await create_job(ctx.session, ctx.clock, "approval",
                               key=f"approval:bc:{b.id}:{suffix}", priority=priority)
        await enqueue(ctx.session, ctx.clock, job.id, [(p, payload) for p in people],
                      priority=priority)
    ctx.queued = True
    return len(people)


async def decide_broadcast(ctx: Context) -> str:
    """A press of "Duyệt" / "Từ chối" on a broadcast (button data bc:<id>:ok|no)."""
    decided = await decision(ctx, Broadcast, BroadcastState.AWAITING_APPROVAL, "author_id")
    if decided is None:
        return STAY
    b, approved = decided
    by = ctx.officer.full_name if ctx.officer else ""
    if not approved:
        b.state = BroadcastState.REJECTED.value
        ctx.say("approval.broadcast_rejected", id=b.id)
        await tell(ctx, b.author_id, "approval.author_rejected", id=b.id, by=by)
        return STAY
    count = await start_sending(ctx.session, ctx.clock, b)
    ctx.queued = True
    ctx.say("approval.broadcast_approved", id=b.id, count=count)
    await tell(ctx, b.author_id, "approval.author_approved", id=b.id, by=by, count=count)
    return STAY


async def history(ctx: Context) -> str:
    """/lichsu: the last broadcasts with their numbers."""
    rows = (await ctx.session.scalars(select(Broadcast).order_by(Broadcast.id.desc()).limit(10))).all()
    if not rows:
        ctx.say("broadcast.no_history")
        return STAY
    lines = []
    for b in rows:
        counts = await job_counts(ctx.session, b.job_id) if b.job_id else {}
        when = b.created_at.astimezone(ctx.config.timezone).strftime("%d/%m %H:%M")
        text = b.content.get("text") or b.content.get("caption") or ctx.t("broadcast.photo")
        lines.append(ctx.t("broadcast.history_line", id=b.id, when=when,
                           state=ctx.t(f"broadcast.state_{b.state}"), total=b.recipients,
                           sent=counts.get("sent", 0), failed=counts.get("failed", 0),
                           blocked=counts.get("blocked", 0),
                           uncertain=counts.get("uncertain", 0), text=shorten(text, 50)))
    ctx.say("broadcast.history", lines="\n".join(lines))
    return STAY


FLOW = Flow(
    name="broadcast",
    steps={
        ASK_CONTENT: Step(ask=ask_content, on_text=content_given, on_photo=photo_given,
                          on_choice=slogan_wanted),
        ASK_SLOGAN: Step(ask=ask_slogan, on_choice=slogan_chosen),
        ASK_AUDIENCE: Step(ask=ask_audience, on_choice=audience_chosen),
        ASK_UNITS: Step(ask=ask_units, on_text=units_given),
        ASK_SUBUNITS: Step(ask=ask_subunits, on_choice=subunits_chosen),
        ASK_ROLE: Step(ask=ask_role, on_choice=role_chosen),
        CONFIRM: Step(ask=ask_confirm, on_choice=confirmed),
    },
)

COMMANDS = [
    Command("phatthanh", new_broadcast, role=Role.APPROVER, help_key="help.phatthanh"),
    Command("lichsu", history, role=Role.APPROVER, help_key="help.lichsu"),
]

BUTTONS = {"bc": decide_broadcast}
