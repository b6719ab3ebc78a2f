"""Reports (/reports, /reports/<id>, photos): the list with filters, one report, its review."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import func, select, tuple_
from starlette.responses import FileResponse, RedirectResponse, Response

from bot.core.errors import Invalid
from bot.core.normalize import parse_int
from bot.core.texts import Ref
from bot.core.validate import one_line
from bot.domain.broadcasts import unit_ids_with_subunits
from bot.domain.photos import problem
from bot.domain.reports import photos_of
from bot.domain.units import list_units
from bot.services import Refused
from bot.services.reviews import MORE, OK, review_report
from bot.store.models import (
    Campaign,
    Officer,
    Report,
    ReportPhoto,
    ReportState,
    Unit,
)
from bot.web.console.auth import Visit
from bot.web.console.page import PAGE_SIZE, Page, id_of, parse_day
from bot.web.console.thumbs import thumbnail


def _edge(value: str) -> tuple[dt.date, int] | None:
    """A pager link's page edge, «2026-11-23.1234» (day and id of a report); None if not one."""
    day, _, number = value.partition(".")
    report_id = parse_int(number, 1, 2**31 - 1)
    found = parse_day(day)
    return (found, report_id) if found is not None and report_id is not None else None


class ReportsPage(Page):
    async def reports(self, visit: Visit) -> Response:
        session, q = visit.scope.session, visit.request.query_params
        f = {k: q.get(k, "") for k in ("unit", "kind", "campaign", "start", "end", "state", "dup")}
        page = parse_int(q.get("page", "1"), 1, 10_000) or 1
        where = [Report.state != ReportState.DRAFT.value]
        if f["unit"]:
            where.append(Report.unit_id.in_(
                await unit_ids_with_subunits(session, [f["unit"]], True) or {-1}))
        if f["kind"]:
            where.append(Report.activity == f["kind"])
        if f["campaign"]:
            where.append(Report.campaign_id == id_of(f["campaign"]))
        if start := parse_day(f["start"]):
            where.append(Report.day >= start)
        if end := parse_day(f["end"]):
            where.append(Report.day <= end)
        if f["state"] in {s.value for s in ReportState}:
            where.append(Report.state == f["state"])
        if f["dup"]:
            where.append(Report.id.in_(select(ReportPhoto.report_id)
                                       .where(ReportPhoto.duplicate_of.is_not(None))))
        # Counted without the joins (every report has its officer: the same number, less work).
        total = await session.scalar(select(func.count()).select_from(Report).where(*where))
        query = (select(Report, Unit.name, Officer.full_name)
                 .join(Officer, Officer.id == Report.officer_id)
                 .outerjoin(Unit, Unit.id == Report.unit_id).where(*where))
        # The pager's links carry the edge of the page they come from (keyset): a deep page
        # costs what the first does; a page typed by number alone is found by OFFSET.
        after, before = _edge(q.get("after", "")), _edge(q.get("before", ""))
        if after is not None:
            # A row comparison (not OR): the index scan starts at the page's edge.
            query = query.where(tuple_(Report.day, Report.id) < tuple_(after[0], after[1]))
            found = (await session.execute(query.order_by(Report.day.desc(), Report.id.desc())
                                           .limit(PAGE_SIZE))).all()
        elif before is not None:
            query = query.where(tuple_(Report.day, Report.id) > tuple_(before[0], before[1]))
            found = (await session.execute(query.order_by(Report.day, Report.id)
                                           .limit(PAGE_SIZE))).all()[::-1]
        else:
            found = (await session.execute(query.order_by(Report.day.desc(), Report.id.desc())
                                           .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE))).all()
        kept = urlencode({k: v for k, v in q.multi_items() if k not in {"page", "after", "before"}})
        pages = max(1, -(-total // PAGE_SIZE))
        links = {}
        if page > 1:
            first = found[0][0] if found else None
            links["prev"] = f"{kept}&page={page - 1}" + (
                f"&before={first.day.isoformat()}.{first.id}" if first and page > 2 else "")
        if found and page < pages:
            last = found[-1][0]
            links["next"] = f"{kept}&page={page + 1}&after={last.day.isoformat()}.{last.id}"
        photos = await photos_of(session, [r.id for r, *_ in found])
        cards = [{"report": r, "unit": unit, "officer": name,
                  "photo": next((p for p in photos[r.id] if p.sha256 and p.path), None),
                  "dup": any(p.duplicate_of for p in photos[r.id])} for r, unit, name in found]
        units = await list_units(session)
        return self.page(visit, "reports.html", cards=cards, f=f, total=total, page=page,
                         pages=pages, links=links, units=units,
                         campaign_groups=await self.console.campaign_choices(session),
                         states=[s.value for s in ReportState if s != ReportState.DRAFT])

    async def _report_page(self, visit: Visit, report_id: int, status: int = 200,
                           **values: Any) -> Response:
        session = visit.scope.session
        report = await session.get(Report, report_id)
        if report is None:
            return self.refuse(visit.request, 404, "web.not_found")
        author = await session.get(Officer, report.officer_id)
        unit = await session.get(Unit, report.unit_id) if report.unit_id else None
        campaign = await session.get(Campaign, report.campaign_id) if report.campaign_id else None
        photos = (await photos_of(session, [report.id]))[report.id]
        removed = {p.id for p in photos if p.error and problem(p.error) == "removed"}
        return self.page(visit, "report.html", status, report=report, author=author, unit=unit,
                         campaign=campaign, photos=photos, removed=removed,
                         can_review=report.state == ReportState.SUBMITTED.value
                         and report.officer_id != visit.officer.id, **values)

    async def report(self, visit: Visit) -> Response:
        return await self._report_page(visit, id_of(visit.request.path_params["id"]))

    async def review(self, visit: Visit) -> Response:
        report_id = id_of(visit.request.path_params["id"])
        verdict, comment = visit.field("verdict"), visit.field("comment")
        try:
            if verdict == MORE and not comment.strip():
                raise Refused("web.comment_needed")
            if verdict == MORE:
                comment = one_line(comment, min_len=3, max_len=500, what=Ref("fields.comment"))
            elif verdict != OK:
                raise Refused("web.bad_request")
            async with visit.scope.session.begin_nested():
                await review_report(visit.scope, report_id, verdict, comment if verdict == MORE else None)
        except (Refused, Invalid) as exc:
            # The comment typed stays in the box.
            return await self._report_page(visit, report_id, 400, comment=comment,
                                           error=self.loa.texts(exc.key, **exc.values))
        return RedirectResponse(f"/reports/{report_id}?done={verdict}", status_code=303)

    async def _photo_row(self, visit: Visit) -> ReportPhoto | None:
        photo = await visit.scope.session.get(ReportPhoto, id_of(visit.request.path_params["id"]))
        return photo if photo is not None and photo.path and photo.sha256 else None

    async def photo(self, visit: Visit) -> Response:
        photo = await self._photo_row(visit)
        if photo is None:
            return self.refuse(visit.request, 404, "web.not_found")
        ext = photo.path.rsplit(".", 1)[-1] if photo.path else "jpg"
        return FileResponse(self.loa.config.storage_dir / photo.path,
                            media_type={"png": "image/png", "gif": "image/gif",
                                        "webp": "image/webp"}.get(ext, "image/jpeg"),
                            headers={"Cache-Control": "private, max-age=86400",
                                     "X-Content-Type-Options": "nosniff"})

    async def thumb(self, visit: Visit) -> Response:
        photo = await self._photo_row(visit)
        if photo is None or not photo.path or not photo.sha256:
            return self.refuse(visit.request, 404, "web.not_found")
        await visit.release()  # files are read outside any transaction
        made = thumbnail(self.loa.config.storage_dir, photo.path, photo.sha256)
        if made is None:  # stored before thumbnails were made at once: made in the background
            self.loa.photos.derive_later(photo.path, photo.sha256)
            return self.refuse(visit.request, 404, "web.not_found")
        return FileResponse(made, media_type="image/jpeg",
                            headers={"Cache-Control": "private, max-age=86400"})
