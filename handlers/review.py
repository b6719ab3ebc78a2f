"""Admins and approvers review reports: "Đạt", or "Cần bổ sung" with a comment that reaches the
officer with a button to fix the report in the same chat."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.core.flows import END, STAY, Command, Context, Flow, Step
from bot.core.render import shorten
from bot.core.validate import one_line
from bot.domain.officers import has_role
from bot.domain.reports import photos_of
from bot.store.models import Officer, Report, ReportState, Role
from handlers.approval import tell

FLOW = "review"


async def show_next(ctx: Context) -> str:
    """/xetduyet: the oldest report waiting for review (not the reviewer's own)."""
    officer = ctx.officer
    assert officer is not None
    waiting = (select(Report).where(Report.state == ReportState.SUBMITTED.value,
                                    Report.officer_id != officer.id))
    report = await ctx.session.scalar(waiting.order_by(Report.id).limit(1))
    if report is None:
        own = await ctx.session.scalar(select(func.count()).select_from(Report).where(
            Report.state == ReportState.SUBMITTED.value, Report.officer_id == officer.id))
        # One's own reports wait too, for someone else: say so rather than "nothing left".
        ctx.say("review.only_own" if own else "review.nothing", n=own)
        return STAY
    left = await ctx.session.scalar(select(func.count()).select_from(waiting.subquery()))
    author = await ctx.session.get(Officer, report.officer_id)
    photos = (await photos_of(ctx.session, [report.id]))[report.id]
    duplicates = sorted({p.duplicate_of for p in photos if p.duplicate_of})
    ctx.offer("review.card", [(ctx.t("review.ok"), f"rv:{report.id}:ok"),
                              (ctx.t("review.more"), f"rv:{report.id}:more")],
              photo=photos[0].file_id if photos else None, id=report.id,
              unit=author.unit.name if author and author.unit else "—",
              author=author.full_name if author else "—",
              activity=ctx.t(f"activity.{report.activity}") if report.activity else "—",
              description=report.description or "—", day=report.day.strftime("%d/%m/%Y"),
              participants=report.participants or "—", link=report.link or "—", n=len(photos),
              theme=report.theme or "—", left=left,
              flag=ctx.t("review.duplicate", ids=", ".join(f"#{d}" for d in duplicates))
              if duplicates else "")
    return STAY


async def _reviewable(ctx: Context) -> Report | None:
    """The report a reviewer's press is about, or None (with a notice) when it must change
    nothing: not a reviewer, forged data, already reviewed, or their own."""
    parts = ctx.button.data.split(":") if ctx.button else []
    if not has_role(ctx.officer, Role.APPROVER) or len(parts) != 3 or not parts[1].isdigit():
        ctx.ack_text = ctx.t("review.not_allowed")
        return None
    report = await ctx.session.get(Report, int(parts[1]), with_for_update=True)
    if report is None or report.state != ReportState.SUBMITTED or parts[2] not in ("ok", "more"):
        ctx.ack_text = ctx.t("review.already")
        return None
    assert ctx.officer is not None
    if report.officer_id == ctx.officer.id:
        ctx.ack_text = ctx.t("review.own")
        return None
    return report


async def on_review_button(ctx: Context) -> str:
    """rv:<id>:ok | more."""
    report = await _reviewable(ctx)
    if report is None:
        return STAY
    assert ctx.officer is not None and ctx.button is not None
    if ctx.button.data.endswith(":more"):
        ctx.edit_pressed(ctx.t("review.more"))
        return ctx.begin(FLOW, "comment", {"report_id": report.id})
    report.state, report.updated_at = ReportState.APPROVED.value, ctx.clock.now()
    report.reviewed_by, report.reviewed_at = ctx.officer.id, ctx.clock.now()
    ctx.edit_pressed(ctx.t("review.ok"))
    await _tell_author(ctx, report, "review.author_ok")
    return await show_next(ctx)


async def ask_comment(ctx: Context) -> None:
    ctx.ask("review.ask_comment", id=ctx.data["report_id"])


async def on_comment(ctx: Context) -> str:
    comment = one_line(ctx.text, min_len=3, max_len=500, what="Nhận xét")
    report = await ctx.session.get(Report, ctx.data["report_id"], with_for_update=True)
    if report is None or report.state != ReportState.SUBMITTED:
        ctx.say("review.already")
        return END
    assert ctx.officer is not None
    now = ctx.clock.now()
    report.state, report.review_comment, report.updated_at = (
        ReportState.NEEDS_MORE.value, comment, now)
    report.reviewed_by, report.reviewed_at = ctx.officer.id, now
    await _tell_author(ctx, report, "review.author_more", comment=comment,
                       button=(ctx.t("review.fix"), f"rp:{report.id}:fix"))
    ctx.say("review.more_sent", id=report.id)
    await show_next(ctx)
    return END


async def _tell_author(ctx: Context, report: Report, key: str,
                       button: tuple[str, str] | None = None, **values: object) -> None:
    await tell(ctx, report.officer_id, key, button=button, id=report.id,
               description=shorten(report.description or "", 80), **values)


FLOW_DEF = Flow(FLOW, {"comment": Step(ask_comment, on_text=on_comment)})
COMMANDS = [Command("xetduyet", show_next, role=Role.APPROVER, help_key="help.xetduyet")]
BUTTONS = {"rv": on_review_button}
