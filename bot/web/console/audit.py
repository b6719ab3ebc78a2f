"""The audit log (/audit): who decided what, newest first, in Vietnamese."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from starlette.responses import Response

from bot.domain.audit import Action, Listed, describe
from bot.store.models import (
    AuditEntry,
    Officer,
)
from bot.web.console.auth import Visit
from bot.web.console.page import Page, parse_day


class AuditPage(Page):
    async def audit(self, visit: Visit) -> Response:
        session, q = visit.scope.session, visit.request.query_params
        since = parse_day(q.get("since", ""))
        if q.get("since") and since is None:
            return self.refuse(visit.request, 400, "limits.bad_day")
        action = q.get("action", "")
        query = (select(AuditEntry, Officer.full_name)
                 .outerjoin(Officer, Officer.id == AuditEntry.actor_officer_id)
                 .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(500))
        if since is not None:
            start = dt.datetime.combine(since, dt.time(), self.loa.config.timezone)
            query = query.where(AuditEntry.at >= start)
        if action in {a.value for a in Action}:
            query = query.where(AuditEntry.action == action)
        rows = [describe(self.loa.texts, self.loa.config.timezone, Listed(entry, name))
                for entry, name in (await session.execute(query)).all()]
        return self.page(visit, "audit.html", rows=rows, since=q.get("since", ""), action=action,
                         actions=[a.value for a in Action])
