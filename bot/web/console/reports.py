"""Reports (/reports, /reports/<id>, photos): the list with filters, one report, its review."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
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


class ReportsPage(Page):
    async def reports(self, visit: Visit) -> Response:
        session, q = visit.scope.session, visit.request.query_params
        f = {k: q.get(k, "") for k in ("unit", "kind", "campaign", "start", "end", "state", "dup")}
        page = parse_int(q.get("page", "1"), 1, 10_000) or 1
        query = (select(Report, Unit.name, Officer.full_name)
                 .join(Officer, Officer.id == Report.officer_id)
                 .outerjoin(Unit, Unit.id == Report.unit_id)
                 .where(Report.state != ReportState.DRAFT.value))
        if f["unit"]:
            query = query.where(Report.unit_id.in_(
                await unit_ids_with_subunits(session, [f["unit"]], True) or {-1}))
        if f["kind"]:
            query = query.where(Report.activity == f["kind"])
        if f["campaign"]:
            query = query.where(Report.campaign_id == id_of(f["campaign"]))
        if start := parse_day(f["start"]):
            query = query.where(Report.day >= start)
        if end := parse_day(f["end"]):
            query = query.where(Report.day <= end)
        if f["state"] in {s.value for s in ReportState}:
            query = query.where(Report.state == f["state"])
        if f["dup"]:
            query = query.where(Report.id.in_(select(ReportPhoto.report_id)
                                              .where(ReportPhoto.duplicate_of.is_not(None))))
        total = await session.scalar(select(func.count()).select_from(query.subquery()))
        found = (await session.execute(query.order_by(Report.day.desc(), Report.id.desc())
                                       .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE))).all()
        photos = await photos_of(session, [r.id for r, *_ in found])
        cards = [{"report": r, "unit": unit, "officer": name,
                  "photo": next((p for p in photos[r.id] if p.sha256 and p.path), None),
                  "dup": any(p.duplicate_of for p in photos[r.id])} for r, unit, name in found]
        units = await list_units(session)
        return self.page(visit, "reports.html", cards=cards, f=f, total=total, page=page,
                         pages=max(1, -(-total // PAGE_SIZE)), units=units,
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
