"""Reviewing reports: "Đạt", or "Cần bổ sung" with a comment the officer can act on."""

from __future__ import annotations

from bot.core.textfit import shorten
from bot.domain.audit import Action, record
from bot.domain.officers import has_role
from bot.services import Scope, decidable, notify
from bot.store.models import Report, ReportState, Role

OK, MORE = "ok", "more"


async def reviewable(scope: Scope, report_id: int) -> Report:
    """The report the actor may review now: an approver or admin, a submitted report, not their
    own (refused otherwise)."""
    _, report = await decidable(scope, lambda o: has_role(o, Role.APPROVER), Report, report_id,
                                ReportState.SUBMITTED, "officer_id", refusals="review")
    return report


async def review_report(scope: Scope, report_id: int, verdict: str,
                        comment: str | None = None) -> Report:
    """Record the verdict (OK, or MORE with the comment) and tell the author."""
    if verdict not in (OK, MORE) or (verdict == MORE and not comment):
        raise ValueError("verdict must be 'ok', or 'more' with a comment")
    report = await reviewable(scope, report_id)
    officer = scope.actor.officer
    assert officer is not None
    now = scope.clock.now()
    report.state = (ReportState.APPROVED if verdict == OK else ReportState.NEEDS_MORE).value
    report.updated_at, report.reviewed_by, report.reviewed_at = now, officer.id, now
    if verdict == MORE:
        report.review_comment = comment
    await record(scope.session, scope.clock, scope.actor, Action.REPORT_REVIEWED, "report",
                 report.id, verdict=verdict, **({"comment": comment} if comment else {}))
    values = {"id": report.id, "description": shorten(report.description or "", 80)}
    if verdict == OK:
        await notify(scope, report.officer_id, "review.author_ok", **values)
    else:
        await notify(scope, report.officer_id, "review.author_more", comment=comment,
                     button=(scope.texts("review.fix"), f"rp:{report.id}:fix"), **values)
    return report
