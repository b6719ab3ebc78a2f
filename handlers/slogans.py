"""Slogans proposed in chat wait for an approver before they can go out anywhere."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.flows import STAY, Command, Context, Invalid
from bot.core.render import shorten
from bot.core.validate import one_line
from bot.delivery.outbox import create_job, enqueue
from bot.domain.broadcasts import approvers
from bot.domain.officers import has_role
from bot.store.models import Broadcast, BroadcastState, Campaign, Role, Slogan, SloganState
from handlers.approval import APPROVAL_PRIORITY, approval_request, decision, tell

MAX_SLOGAN = 300


async def propose(ctx: Context) -> str:
    """/khauhieu <text>: a new slogan; an approver's is approved at once, others' wait."""
    text = " ".join(ctx.args)
    if not text:
        ctx.say("slogan.usage")
        return STAY
    try:
        text = one_line(text, min_len=4, max_len=MAX_SLOGAN, what="Khẩu hiệu")
    except Invalid as exc:
        ctx.say(exc.key, **exc.values)
        return STAY
    officer = ctx.officer
    assert officer is not None
    duplicate = await ctx.session.scalar(select(Slogan).where(
        Slogan.text == text, Slogan.state != SloganState.RETIRED.value))
    if duplicate is not None:
        ctx.say("slogan.exists", id=duplicate.id, state=ctx.t(f"slogan.state_{duplicate.state}"))
        return STAY
    now = ctx.clock.now()
    slogan = Slogan(text=text, source=ctx.t("slogan.source_chat", name=officer.full_name or ""),
                    proposed_by=officer.id, created_at=now, state=SloganState.PROPOSED.value)
    ctx.session.add(slogan)
    await ctx.session.flush()
    if officer.role == Role.APPROVER or not ctx.config.delivery.two_person_rule:
        slogan.state, slogan.decided_by, slogan.decided_at = SloganState.APPROVED.value, officer.id, now
        ctx.say("slogan.approved_at_once", id=slogan.id)
        return STAY
    people = [p for p in await approvers(ctx.session) if p.officer_id != officer.id]
    if people:
        job = await create_job(ctx.session, ctx.clock, "approval", key=f"approval:sl:{slogan.id}",
                               priority=APPROVAL_PRIORITY)
        request = approval_request(ctx, "slogan.approval_request", f"sl:{slogan.id}",
                                   id=slogan.id, text=text, author=officer.full_name or "")
        await enqueue(ctx.session, ctx.clock, job.id, [(p, request) for p in people],
                      priority=APPROVAL_PRIORITY)
        ctx.queued = True
    ctx.say("slogan.waiting" if people else "slogan.no_approver", id=slogan.id)
    return STAY


async def decide_slogan(ctx: Context) -> str:
    """A press of "Duyệt" / "Từ chối" on a proposed slogan (button data sl:<id>:ok|no)."""
    # Admins decide slogans too (a plan's slogans come from an approved document).
    decided = await decision(ctx, Slogan, SloganState.PROPOSED, "proposed_by", admins_too=True)
    if decided is None:
        return STAY
    slogan, approved = decided
    slogan.state = (SloganState.APPROVED if approved else SloganState.RETIRED).value
    ctx.say("slogan.decided_approved" if approved else "slogan.decided_rejected", id=slogan.id)
    await tell(ctx, slogan.proposed_by,
               "slogan.author_approved" if approved else "slogan.author_rejected",
               id=slogan.id, text=slogan.text, by=ctx.officer.full_name if ctx.officer else "")
    return STAY


async def pending(ctx: Context) -> str:
    """/choduyet: what waits for an approver, with the buttons again (numbers on Zalo/console)."""
    slogans = (await ctx.session.scalars(select(Slogan).where(
        Slogan.state == SloganState.PROPOSED.value).order_by(Slogan.id))).all()
    broadcasts = (await ctx.session.scalars(select(Broadcast).where(
        Broadcast.state == BroadcastState.AWAITING_APPROVAL.value).order_by(Broadcast.id))).all()
    if not slogans and not broadcasts:
        ctx.say("approval.nothing_pending")
        return STAY
    choices: list[tuple[str, str]] = []
    lines: list[str] = []
    for b in broadcasts:
        lines.append(ctx.t("approval.pending_broadcast", id=b.id,
                           text=shorten(b.content.get("text") or b.content.get("caption") or "", 80)))
        choices += [(ctx.t("approval.approve_n", what=f"#{b.id}"), f"bc:{b.id}:ok"),
                    (ctx.t("approval.reject_n", what=f"#{b.id}"), f"bc:{b.id}:no")]
    for s in slogans:
        lines.append(ctx.t("approval.pending_slogan", id=s.id, text=shorten(s.text, 80)))
        choices += [(ctx.t("approval.approve_n", what=f"KH{s.id}"), f"sl:{s.id}:ok"),
                    (ctx.t("approval.reject_n", what=f"KH{s.id}"), f"sl:{s.id}:no")]
    ctx.offer("approval.pending", choices[:20], items="\n".join(lines))
    return STAY


async def campaign_slogans(ctx: Context) -> str:
    """/dskhauhieu: each running campaign's slogans; approved ones can be retired, proposed
    ones approved (file slogans have no author, so any approver may decide them)."""
    today = ctx.today
    rows = (await ctx.session.execute(
        select(Slogan, Campaign.title).join(Campaign, Campaign.id == Slogan.campaign_id)
        .where(Campaign.end >= today, Slogan.state != SloganState.RETIRED.value)
        .order_by(Campaign.start, Slogan.id))).all()
    if not rows:
        ctx.say("slogan.none_in_campaigns")
        return STAY
    lines, choices, title = [], [], None
    for slogan, campaign_title in rows:
        if campaign_title != title:
            title = campaign_title
            lines.append(ctx.t("slogan.list_campaign", title=shorten(title, 90)))
        lines.append(ctx.t("slogan.list_line", id=slogan.id, text=slogan.text,
                           state=ctx.t(f"slogan.state_{slogan.state}")))
        if slogan.state == SloganState.APPROVED:
            choices.append((ctx.t("slogan.retire_n", id=slogan.id), f"sr:{slogan.id}"))
        else:
            choices.append((ctx.t("approval.approve_n", what=f"KH{slogan.id}"), f"sl:{slogan.id}:ok"))
    ctx.offer("slogan.list", choices[:30], items="\n".join(lines))
    return STAY


async def retire_slogan(ctx: Context) -> str:
    """"Ngừng dùng" on an approved slogan (data sr:<id>) asks to confirm; sr:<id>:ok retires it
    (it never goes out again), sr:<id>:keep leaves it."""
    parts = ctx.button.data.split(":") if ctx.button else []
    raw, answer = [*parts, "", ""][1:3]
    if not has_role(ctx.officer, Role.APPROVER) or not raw.isdigit():
        ctx.ack_text = ctx.t("approval.not_allowed")
        return STAY
    slogan = await ctx.session.get(Slogan, int(raw), with_for_update=True)
    if slogan is None or slogan.state != SloganState.APPROVED:
        ctx.ack_text = ctx.t("approval.already_decided")
        return STAY
    assert ctx.officer is not None
    if answer == "keep":
        ctx.edit_pressed(ctx.t("slogan.kept_mark"))
        ctx.say("slogan.kept", id=slogan.id)
        return STAY
    if answer != "ok":  # one tap cannot be undone: ask first
        ctx.offer("slogan.confirm_retire", [(ctx.t("slogan.retire_yes"), f"sr:{slogan.id}:ok"),
                                            (ctx.t("slogan.retire_no"), f"sr:{slogan.id}:keep")],
                  id=slogan.id, text=slogan.text)
        return STAY
    ctx.edit_pressed(ctx.t("slogan.retire_n", id=slogan.id))
    slogan.state = SloganState.RETIRED.value
    slogan.decided_by, slogan.decided_at = ctx.officer.id, ctx.clock.now()
    ctx.say("slogan.retired", id=slogan.id, text=slogan.text)
    return STAY


COMMANDS = [
    Command("khauhieu", propose, role=Role.OFFICER, help_key="help.khauhieu"),
    Command("choduyet", pending, role=Role.APPROVER, help_key="help.choduyet"),
    Command("dskhauhieu", campaign_slogans, role=Role.APPROVER, help_key="help.dskhauhieu"),
]

BUTTONS = {"sl": decide_slogan, "sr": retire_slogan}
