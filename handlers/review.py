"""Admins and approvers review reports: "Đạt", or "Cần bổ sung" with a comment that reaches the
officer with a button to fix the report in the same chat."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.core.events import platform_file
from bot.core.normalize import parse_id
from bot.core.texts import Ref
from bot.core.validate import one_line
from bot.domain.photos import problem
from bot.domain.reports import photos_of
from bot.engine import flowids
from bot.engine.flows import END, STAY, Command, Context, Flow, Step, chat_scope
from bot.services import Refused
from bot.services.reviews import MORE, OK, review_report, reviewable
from bot.store.models import Officer, Report, ReportState, Role

ASK_COMMENT = "comment"  # the step's name is kept in the database: never changes


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
    # The one on screen is not counted among those still waiting after it.
    left = await ctx.session.scalar(select(func.count()).select_from(waiting.subquery())) - 1
    author = await ctx.session.get(Officer, report.officer_id)
    photos = (await photos_of(ctx.session, [report.id]))[report.id]
    duplicates = sorted({p.duplicate_of for p in photos if p.duplicate_of})
    # A photo removed under the retention rule is not shown again, even by its platform id.
    removed = [p for p in photos if p.error and problem(p.error) == "removed"]
    kept = [p for p in photos if p not in removed]
    # Sent again after "Cần bổ sung": say so with what was asked, and show the newest photo
    # (the one added in answer), not the first again.
    again = report.review_comment is not None and report.reviewed_at is not None
    shown = kept[-1] if again and kept else kept[0] if kept else None
    flags = ([ctx.t("newcomer.resubmitted", comment=report.review_comment)] if again else []) + (
        [ctx.t("review.duplicate", ids=", ".join(f"#{d}" for d in duplicates))]
        if duplicates else [])
    if removed:
        flags.append(ctx.t("report.photos_removed_note", n=len(removed)))
    ctx.offer("review.card", [(ctx.t("review.ok"), f"rv:{report.id}:ok"),
                              (ctx.t("review.more"), f"rv:{report.id}:more")],
              photo=platform_file(shown.channel, shown.file_id) if shown else None,
              id=report.id,
              unit=author.unit.name if author and author.unit else "—",
              author=author.full_name if author else "—",
              activity=ctx.t(f"activity.{report.activity}") if report.activity else "—",
              description=report.description or "—", day=report.day.strftime("%d/%m/%Y"),
              participants=report.participants or "—", link=report.link or "—", n=len(photos),
              theme=report.theme or "—", left=left, flag="\n".join(flags))
    return STAY


async def on_review_button(ctx: Context) -> str:
    """rv:<id>:ok | more."""
    parts = ctx.button.data.split(":") if ctx.button else []
    # Bad or huge ids become 0 (no such row): the role is checked first, then nothing is found.
    report_id = (parse_id(parts[1]) or 0) if len(parts) == 3 and parts[2] in (OK, MORE) else 0
    try:
        if len(parts) == 3 and parts[2] == MORE:  # nothing is decided until the comment comes
            report = await reviewable(chat_scope(ctx), report_id)
            ctx.edit_pressed(ctx.t("review.more"))
            return ctx.begin(flowids.REVIEW, ASK_COMMENT, {"report_id": report.id})
        report = await review_report(chat_scope(ctx), report_id, OK)
    except Refused as exc:
        ctx.ack_text = ctx.t(exc.key, **exc.values)
        return STAY
    ctx.edit_pressed(ctx.t("review.ok"))
    ctx.say("newcomer.review_ok_done", id=report.id)  # as "Cần bổ sung" is confirmed
    return await show_next(ctx)


async def ask_comment(ctx: Context) -> None:
    ctx.ask("review.ask_comment", id=ctx.data["report_id"])


async def comment_given(ctx: Context) -> str:
    comment = one_line(ctx.text, min_len=3, max_len=500, what=Ref("fields.comment"))
    try:
        report = await review_report(chat_scope(ctx), ctx.data["report_id"], MORE, comment)
    except Refused as exc:
        ctx.say(exc.key, **exc.values)
        return END
    ctx.say("review.more_sent", id=report.id)
    await show_next(ctx)
    return END


FLOW = Flow(flowids.REVIEW, {ASK_COMMENT: Step(ask_comment, on_text=comment_given)})
COMMANDS = [Command("xetduyet", show_next, role=Role.APPROVER, help_key="help.xetduyet")]
BUTTONS = {"rv": on_review_button}
