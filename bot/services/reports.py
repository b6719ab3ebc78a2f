"""An officer's own reports: withdrawn by their author within the edit window, audited."""

from __future__ import annotations

import datetime as dt

from bot.domain.audit import Action, record
from bot.services import Refused, Scope
from bot.store.models import Report, ReportState


def editable(scope: Scope, report: Report) -> bool:
    """Its author may still change it: a reviewer asked for more, or it is recent enough."""
    if report.state == ReportState.NEEDS_MORE:
        return True  # a reviewer asked for more: open until it is sent back
    window = dt.timedelta(hours=scope.config.reports.edit_hours)
    return report.state == ReportState.SUBMITTED and scope.clock.now() - report.created_at <= window


async def withdraw_report(scope: Scope, report: Report) -> Report:
    """The report no longer counts (kept, marked withdrawn); only its author, while editable."""
    officer = scope.actor.officer
    if officer is None or report.officer_id != officer.id:
        raise Refused("errors.button_expired")
    if not editable(scope, report):
        raise Refused("report.too_late", id=report.id, hours=f"{scope.config.reports.edit_hours:g}")
    report.state, report.updated_at = ReportState.WITHDRAWN.value, scope.clock.now()
    await record(scope.session, scope.clock, scope.actor, Action.REPORT_WITHDRAWN, "report",
                 report.id)
    return report
