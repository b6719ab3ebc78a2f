"""Slogans proposed in chat wait for an approver before they can go out anywhere."""

from __future__ import annotations

from sqlalchemy import or_, select

from bot.core.normalize import parse_id
from bot.core.textfit import shorten
from bot.core.texts import Ref
from bot.core.validate import one_line
from bot.engine.flows import STAY, Command, Context, Invalid, chat_scope
from bot.services import Refused
from bot.services.slogans import decide_slogan as decide
from bot.services.slogans import propose_slogan, retirable_slogan
from bot.services.slogans import retire_slogan as retire
from bot.store.models import Broadcast, BroadcastState, Campaign, Role, Slogan, SloganState
from handlers.approval import split_decision

MAX_SLOGAN = 300


async def propose(ctx: Context) -> str:
    """/khauhieu <text>: a new slogan; an approver's is approved at once, others' wait."""
    text = " ".join(ctx.args)
    if not text:
        ctx.say("slogan.usage")
        return STAY
    try:
        text = one_line(text, min_len=4, max_len=MAX_SLOGAN, what=Ref("fields.slogan"))
    except Invalid as exc:
        ctx.say(exc.key, **exc.values)
        return STAY
    try:
        proposed = await propose_slogan(chat_scope(ctx), text)
    except Refused as exc:
        ctx.say(exc.key, **exc.values)
        return STAY
    key = ("slogan.approved_at_once" if proposed.approved
           else "slogan.waiting" if proposed.approvers_asked else "slogan.no_approver")
    ctx.say(key, id=proposed.slogan.id)
    return STAY


async def decide_slogan(ctx: Context) -> str:
    """A press of "Duyệt" / "Từ chối" on a proposed slogan (button data sl:<id>:ok|no)."""
    raw_id, verdict = split_decision(ctx)
    slogan_id = (parse_id(raw_id) or 0) if verdict in ("ok", "no") else 0  # 0: no such row
    try:
        slogan = await decide(chat_scope(ctx), slogan_id, approve=verdict == "ok")
    except Refused as exc:
        ctx.ack_text = ctx.t(exc.key, **exc.values)
        return STAY
    approved = verdict == "ok"
    ctx.edit_pressed(ctx.t("approval.approved_mark" if approved else "approval.rejected_mark"))
    ctx.say("slogan.decided_approved" if approved else "slogan.decided_rejected", id=slogan.id)
    return STAY


async def pending(ctx: Context) -> str:
    """/choduyet: what waits for an approver, with the buttons again (numbered without buttons)."""
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
    # Slogans proposed in chat when no campaign ran belong to none: listed last, so that they
    # too can be retired.
    rows = (await ctx.session.execute(
        select(Slogan, Campaign.title).outerjoin(Campaign, Campaign.id == Slogan.campaign_id)
        .where(or_(Campaign.end >= today, Slogan.campaign_id.is_(None)),
               Slogan.state != SloganState.RETIRED.value)
        .order_by(Slogan.campaign_id.is_(None), Campaign.start, Slogan.id))).all()
    if not rows:
        ctx.say("slogan.none_in_campaigns")
        return STAY
    lines, choices, title = [], [], None
    for slogan, campaign_title in rows:
        campaign_title = campaign_title or ctx.t("newcomer.no_campaign_slogans")
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
    slogan_id = parse_id(raw) or 0
    scope = chat_scope(ctx)
    try:
        if answer == "ok":
            slogan = await retire(scope, slogan_id)
        else:
            slogan = await retirable_slogan(scope, slogan_id)
    except Refused as exc:
        ctx.ack_text = ctx.t(exc.key, **exc.values)
        return STAY
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
    ctx.say("slogan.retired", id=slogan.id, text=slogan.text)
    return STAY


COMMANDS = [
    Command("khauhieu", propose, role=Role.OFFICER, help_key="help.khauhieu"),
    Command("choduyet", pending, role=Role.APPROVER, help_key="help.choduyet"),
    Command("dskhauhieu", campaign_slogans, role=Role.APPROVER, help_key="help.dskhauhieu"),
]

BUTTONS = {"sl": decide_slogan, "sr": retire_slogan}
