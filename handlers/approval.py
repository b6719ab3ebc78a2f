"""What broadcasts and slogans share: asking approvers, checking a decision, telling the author."""

from __future__ import annotations

from typing import Any

from bot.core.events import Choice, TextOut, to_payload
from bot.core.flows import Context
from bot.core.normalize import parse_id
from bot.delivery.outbox import create_job, enqueue
from bot.domain.broadcasts import reach
from bot.domain.officers import has_role
from bot.store.models import Role

APPROVAL_PRIORITY = 50  # before broadcasts: an approver should not wait behind one


def approval_request(ctx: Context, key: str, route: str, **values: Any) -> dict[str, Any]:
    """A question to approvers with the two buttons, as a delivery payload."""
    return to_payload(TextOut(text=ctx.t(key, **values), choices=((
        Choice(ctx.t("approval.approve"), f"{route}:ok"),
        Choice(ctx.t("approval.reject"), f"{route}:no")),)))


def split_decision(ctx: Context) -> tuple[str, str]:
    """'bc:12:ok' → ('12', 'ok'); anything else → ('', '')."""
    parts = ctx.button.data.split(":") if ctx.button else []
    return (parts[1], parts[2]) if len(parts) == 3 else ("", "")


async def decision(ctx: Context, model: Any, waiting: str, author_field: str,
                   admins_too: bool = False) -> tuple[Any, bool] | None:
    """The item an approver's press decides, and whether it was approved.

    None (with a notice on the button) when the press must change nothing: not an approver,
    forged data, already decided, or the approver's own item (the two-person rule).
    """
    officer = ctx.officer
    allowed = (has_role(officer, Role.APPROVER) if admins_too
               else officer is not None and officer.role == Role.APPROVER)
    if not allowed:
        ctx.ack_text = ctx.t("approval.not_allowed")
        return None
    assert officer is not None
    raw_id, verdict = split_decision(ctx)  # read only once the role allows it
    item_id = parse_id(raw_id)
    item = (await ctx.session.get(model, item_id, with_for_update=True)
            if item_id is not None and verdict in ("ok", "no") else None)
    if item is None or item.state != waiting:
        ctx.ack_text = ctx.t("approval.already_decided")
        return None
    if getattr(item, author_field) == officer.id:
        ctx.ack_text = ctx.t("approval.own_broadcast")
        return None
    item.decided_by, item.decided_at = officer.id, ctx.clock.now()
    approved = verdict == "ok"
    ctx.edit_pressed(ctx.t("approval.approved_mark" if approved else "approval.rejected_mark"))
    return item, approved


async def tell(ctx: Context, officer_id: int | None, key: str,
               button: tuple[str, str] | None = None, **values: Any) -> None:
    """A notice to another officer (the author of what was decided), through the outbox;
    `button` is an optional (label, route data) for them to act on it."""
    target = await reach(ctx.session, officer_id) if officer_id is not None else None
    if target is None:
        return
    choices = ((Choice(*button),),) if button else ()
    job = await create_job(ctx.session, ctx.clock, "notice")
    await enqueue(ctx.session, ctx.clock, job.id,
                  [(target, to_payload(TextOut(text=ctx.t(key, **values), choices=choices)))],
                  priority=APPROVAL_PRIORITY)
    ctx.queued = True
