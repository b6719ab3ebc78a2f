"""Reviewing reports: "Đạt", or "Cần bổ sung" with a comment the officer can act on."""

from __future__ import annotations

from bot.core.render import shorten
from bot.domain.audit import Action, record
from bot.domain.officers import has_role
from bot.services import Refused, Scope, notify
from bot.store.models import Report, ReportState, Role

OK, MORE = "ok", "more"


async def reviewable(scope: Scope, report_id: int) -> Report:
    """The report the actor may review now: an approver or admin, a submitted report, not their
    own (refused otherwise)."""
    officer = scope.actor.officer
    if not has_role(officer, Role.APPROVER):
        raise Refused("review.not_allowed")
    assert officer is not None
    report = await scope.session.get(Report, report_id, with_for_update=True)
    if report is None or report.state != ReportState.SUBMITTED:
        raise Refused("review.already")
    if report.officer_id == officer.id:
        raise Refused("review.own")
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
