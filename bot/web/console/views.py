"""The console's pages. Each is a thin edge: read with the domain's queries, act through
bot/services/, render a template. Dates and times are shown in the configured time zone."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import io
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

import qrcode
import qrcode.image.svg
from markupsafe import Markup
from sqlalchemy import func, select
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.templating import Jinja2Templates

from bot.channels import strictest
from bot.core.errors import Invalid
from bot.core.events import MEDIA_PREFIX
from bot.core.images import NotAnImage, TooManyPixels
from bot.core.normalize import clean_line, parse_id, parse_int
from bot.core.textfit import shorten
from bot.core.texts import Ref
from bot.core.validate import one_line
from bot.domain import exports
from bot.domain.audit import SYSTEM, Action, Listed, describe
from bot.domain.broadcasts import describe_audience, recipients, unit_ids_with_subunits
from bot.domain.campaigns import ACTIVITIES, CampaignError, check_file
from bot.domain.invites import join_links
from bot.domain.photos import problem
from bot.domain.reports import COUNTED, photos_of
from bot.domain.stats import Scope as StatScope
from bot.domain.stats import (
    counted_reports,
    progress_text,
    quota_progress,
    running_phases,
    totals,
)
from bot.domain.units import get_unit, list_units
from bot.services import Refused, Scope
from bot.services.broadcasts import (
    at_key_date,
    cancel_broadcast,
    check_when,
    create_broadcast,
    day_off_warning,
    decide_broadcast,
    may_approve_broadcast,
    parse_hour,
    parse_when,
    reschedule_broadcast,
    show_when,
    upcoming_key_dates,
)
from bot.services.campaigns import load_campaign
from bot.services.officers import change_role, deactivate
from bot.services.people import create_invite
from bot.services.reviews import MORE, OK, review_report
from bot.services.slogans import decide_slogan, retire_slogan
from bot.services.units import add_unit
from bot.services.web import check_link, sign_in, sign_out
from bot.store.files import store
from bot.store.models import (
    AuditEntry,
    Broadcast,
    BroadcastState,
    Campaign,
    Delivery,
    Identity,
    Job,
    Media,
    Officer,
    PlanDraft,
    PromptAction,
    Report,
    ReportPhoto,
    ReportState,
    Role,
    Slogan,
    Unit,
)
from bot.web.console import charts
from bot.web.console.auth import COOKIE, MAX_UPLOAD, Visit, cookie_value, guard, set_cookie
from bot.web.console.channellog import ChannelLogPage
from bot.web.console.planimport import PlanImport
from bot.web.console.thumbs import thumbnail

if TYPE_CHECKING:
    from bot.web.console import ConsoleDeps

PAGE_SIZE = 50
TEMPLATES = Path(__file__).parent / "templates"
FAVICON = Path(__file__).parent / "favicon.ico"
INVITE_DAYS = 7  # an invite's days of validity unless the admin sets others


def _id(value: object) -> int:
    """An id from a path or a form; anything else (or beyond int32) finds nothing."""
    return parse_id(str(value)) or 0


def _iso_day(value: object) -> str:
    """A campaign file's date as people write it (dd/mm/yyyy); other values as they are."""
    day = _parse_day(str(value)) if value else None
    return day.strftime("%d/%m/%Y") if day else str(value or "")


def _parse_day(value: str) -> dt.date | None:
    """A day from a form or a link, within 2000–2100 (year 1 overflows in a time zone)."""
    try:
        day = dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
    return day if day is not None and 2000 <= day.year <= 2100 else None


class Console:
    def __init__(self, loa: ConsoleDeps) -> None:
        self.loa = loa
        self.templates = Jinja2Templates(directory=str(TEMPLATES))
        env = self.templates.env
        env.globals.update(t=loa.texts, roles=[r.value for r in Role], activities=ACTIVITIES)
        env.filters["local"] = self._local
        env.filters["vn_date"] = lambda d: d.strftime("%d/%m/%Y") if d else "—"
        env.filters["iso_day"] = _iso_day

    def _local(self, when: dt.datetime | None) -> str:
        return when.astimezone(self.loa.config.timezone).strftime("%d/%m/%Y %H:%M") if when else "—"

    def today(self) -> dt.date:
        return self.loa.clock.now().astimezone(self.loa.config.timezone).date()

    # -- plumbing -------------------------------------------------------------------------------

    def routes(self) -> list[BaseRoute]:
        g = self.guarded
        a, p = Role.ADMIN, Role.APPROVER
        return [
            Route("/favicon.ico", self.favicon, methods=["GET"]),
            Route("/login/{token}", self.login_page, methods=["GET"]),
            Route("/login/{token}", self.login, methods=["POST"]),
            Route("/logout", g(p, self.logout), methods=["POST"]),
            Route("/", g(p, self.overview), methods=["GET"]),
            Route("/reports", g(p, self.reports), methods=["GET"]),
            Route("/reports/{id:int}", g(p, self.report), methods=["GET"]),
            Route("/reports/{id:int}/review", g(p, self.review), methods=["POST"]),
            Route("/photos/{id:int}", g(p, self.photo), methods=["GET"]),
            Route("/photos/{id:int}/thumb", g(p, self.thumb), methods=["GET"]),
            Route("/broadcasts", g(p, self.broadcasts), methods=["GET"]),
            Route("/broadcasts/new", g(p, self.broadcast_new, self.read_photo),
                  methods=["GET", "POST"]),
            Route("/broadcasts/photo/{ref}", g(p, self.broadcast_photo), methods=["GET"]),
            Route("/broadcasts/{id:int}/photo", g(p, self.sent_photo), methods=["GET"]),
            Route("/broadcasts/{id:int}/decide", g(p, self.broadcast_decide), methods=["POST"]),
            Route("/broadcasts/{id:int}/schedule", g(p, self.broadcast_schedule), methods=["POST"]),
            Route("/campaigns", g(a, self.campaigns), methods=["GET", "POST"]),
            *PlanImport(self).routes(),
            Route("/slogans/{id:int}", g(a, self.slogan), methods=["POST"]),
            Route("/units", g(a, self.units), methods=["GET", "POST"]),
            Route("/exports", g(a, self.exports), methods=["GET"]),
            Route("/exports/{kind}", g(a, self.export_file), methods=["GET"]),
            Route("/audit", g(a, self.audit), methods=["GET"]),
            *ChannelLogPage(self).routes(),
        ]

    def guarded(self, role: Role, endpoint: Any, prepare: Any = None) -> Any:
        return guard(self.loa, role, endpoint, self.refuse, prepare)

    def render(self, request: Request, name: str, status: int = 200, **values: Any) -> Response:
        response = self.templates.TemplateResponse(request, name, values, status_code=status)
        # Nothing of the console is framed or cached by a shared proxy.
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cache-Control"] = "no-store"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'")
        return response

    def page(self, visit: Visit, name: str, status: int = 200, **values: Any) -> Response:
        return self.render(visit.request, name, status, me=visit.officer, csrf=visit.csrf,
                           is_admin=visit.officer.role == Role.ADMIN.value, **values)

    def refuse(self, request: Request, status: int, key: str) -> Response:
        return self.render(request, "message.html", status, message=self.loa.texts(key), me=None)

    def scope(self, session: Any) -> Scope:
        """Before sign-in nobody acts yet; sign_in records the officer itself."""
        loa = self.loa
        return Scope(session, loa.clock, loa.config, loa.texts, SYSTEM)

    async def favicon(self, request: Request) -> Response:
        """The tab's icon (browsers ask for it on every page; a 404 fills the log)."""
        return FileResponse(FAVICON, media_type="image/x-icon",
                            headers={"Cache-Control": "public, max-age=604800"})

    # -- signing in -----------------------------------------------------------------------------

    async def login_page(self, request: Request) -> Response:
        """The link opens a page with a button: link previews that fetch it use nothing up."""
        token = request.path_params["token"]
        async with self.loa.sessions() as session:
            try:
                officer = await check_link(self.scope(session), token)
            except Refused as exc:
                return self.refuse(request, 403, exc.key)
        return self.render(request, "login.html", officer=officer, me=None)

    def _cross_site(self, request: Request) -> bool:
        """A sign-in posted from another site's page (login CSRF: the victim would be signed in
        as the attacker): told by Sec-Fetch-Site, else by Origin; a client that sends neither
        (not a browser) is let through."""
        site = request.headers.get("sec-fetch-site")
        if site is not None:
            return site not in ("same-origin", "none")
        origin = request.headers.get("origin")
        if origin is None:
            return False
        own = {f"{request.url.scheme}://{request.headers.get('host', '')}".lower()}
        if self.loa.config.http.public_url:
            public = urlsplit(self.loa.config.http.public_url)
            own.add(f"{public.scheme}://{public.netloc}".lower())
        return origin.lower() not in own

    async def login(self, request: Request) -> Response:
        token = request.path_params["token"]
        if self._cross_site(request):
            return self.refuse(request, 403, "limits.login_cross_site")
        async with self.loa.sessions() as session, session.begin():
            try:
                signed = await sign_in(self.scope(session), token,
                                       request.headers.get("user-agent", ""))
            except Refused as exc:
                return self.refuse(request, 403, exc.key)
        response = RedirectResponse("/", status_code=303)
        set_cookie(self.loa, response, await cookie_value(self.loa, signed.token))
        return response

    async def logout(self, visit: Visit) -> Response:
        await sign_out(visit.scope, visit.web)
        response = self.render(visit.request, "message.html", message=self.loa.texts("web.signed_out"),
                               me=None)
        response.delete_cookie(COOKIE, path="/")
        return response

    # -- overview -------------------------------------------------------------------------------

    async def overview(self, visit: Visit) -> Response:
        session, today = visit.scope.session, self.today()
        week = today - dt.timedelta(days=today.weekday())
        month = today.replace(day=1)
        running = await running_phases(session, today)
        week_n = len(await counted_reports(session, StatScope(week, today)))
        month_reports = await counted_reports(session, StatScope(month, today))
        campaigns = [{"title": r.campaign.title, "plan": r.campaign.plan_number,
                      "phase": r.phase.name, "phase_left": r.phase.days_left(today),
                      "left": (r.campaign.end - today).days} for r in running]
        day_chart = None
        if running:
            start = min(r.phase.start for r in running)
            ids = [r.campaign.id for r in running]
            rows = await counted_reports(session, StatScope(start, today, ids))
            days = [start + dt.timedelta(days=i) for i in range((today - start).days + 1)]
            per = {d: 0 for d in days}
            for r in rows:
                per[r.day] = per.get(r.day, 0) + 1
            day_chart = charts.both(lambda width: charts.per_day(
                [d.strftime("%d/%m") for d in days], [per[d] for d in days],
                self.loa.texts("web.chart_per_day"), width))
        numbers = await totals(session, StatScope(month, today))
        # Quotas each in its own period and kind (stats.quota_progress, as /thongke shows them).
        progress: dict[int, list[Any]] = {}
        for p in await quota_progress(session, [r.campaign for r in running], today):
            progress.setdefault(p.unit.id, []).append(p)
        t = self.loa.texts
        coverage = [{"name": u.unit.name, "code": u.unit.code, "reports": u.reports,
                     "quotas": [progress_text(t, p) for p in progress.get(u.unit.id, [])],
                     "met": sum(p.met for p in progress.get(u.unit.id, [])),
                     "all": len(progress.get(u.unit.id, []))} for u in numbers.units]
        cover_chart = charts.both(lambda width: charts.coverage(
            [c["name"] for c in coverage], [c["met"] for c in coverage],
            [c["all"] for c in coverage], t("newcomer.quotas_met"), t("newcomer.quotas_all"),
            t("newcomer.chart_quotas"), width)) if progress else None
        delivery = await self._prompt_delivery(session, today)
        return self.page(visit, "overview.html", campaigns=campaigns, week=week_n,
                         month=len(month_reports), day_chart=day_chart, coverage=coverage,
                         cover_chart=cover_chart, delivery=delivery, today=today)

    async def _prompt_delivery(self, session: Any, today: dt.date) -> dict[str, int]:
        job_id = await session.scalar(select(Job.id).where(Job.key == f"prompt:{today.isoformat()}"))
        states: dict[str, int] = {}
        if job_id is not None:
            states = dict((await session.execute(
                select(Delivery.state, func.count()).where(Delivery.job_id == job_id)
                .group_by(Delivery.state))).all())
        actions = dict((await session.execute(
            select(PromptAction.action, func.count(func.distinct(PromptAction.officer_id)))
            .where(PromptAction.day == today).group_by(PromptAction.action))).all())
        return {"sent": states.get("sent", 0),
                "waiting": states.get("pending", 0) + states.get("sending", 0),
                "failed": states.get("failed", 0) + states.get("blocked", 0)
                + states.get("uncertain", 0),
                "done": actions.get("done", 0), "snoozed": actions.get("snooze", 0)}

    # -- reports --------------------------------------------------------------------------------

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
            query = query.where(Report.campaign_id == _id(f["campaign"]))
        if start := _parse_day(f["start"]):
            query = query.where(Report.day >= start)
        if end := _parse_day(f["end"]):
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
                         campaign_groups=await self.campaign_choices(session),
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
        return await self._report_page(visit, _id(visit.request.path_params["id"]))

    async def review(self, visit: Visit) -> Response:
        report_id = _id(visit.request.path_params["id"])
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
        photo = await visit.scope.session.get(ReportPhoto, _id(visit.request.path_params["id"]))
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

    # -- broadcasts -----------------------------------------------------------------------------

    async def broadcasts(self, visit: Visit) -> Response:
        session = visit.scope.session
        rows = list(await session.scalars(select(Broadcast).order_by(Broadcast.id.desc()).limit(100)))
        jobs = [b.job_id for b in rows if b.job_id]
        counts: dict[int, dict[str, int]] = {}
        if jobs:
            for job, state, n in (await session.execute(
                    select(Delivery.job_id, Delivery.state, func.count())
                    .where(Delivery.job_id.in_(jobs)).group_by(Delivery.job_id, Delivery.state))).all():
                counts.setdefault(job, {})[state] = n
        # An author with no name yet (an admin made from the CLI) is still an officer, never
        # "the operator".
        authors = {o.id: o.full_name or self.loa.texts("newcomer.officer_n", id=o.id)
                   for o in await session.scalars(
            select(Officer).where(Officer.id.in_([b.author_id for b in rows if b.author_id])))}
        tz = self.loa.config.timezone
        items = [{"b": b, "author": authors.get(b.author_id) if b.author_id else None,
                  "audience": describe_audience(self.loa.texts, b.audience),
                  "n": counts.get(b.job_id or 0, {}),
                  "when": show_when(b.scheduled_at, tz) if b.scheduled_at else None,
                  "when_input": b.scheduled_at.astimezone(tz).strftime("%Y-%m-%dT%H:%M")
                  if b.scheduled_at else None} for b in rows]
        sending = any(b.state == BroadcastState.SENDING.value for b in rows)
        return self.page(visit, "broadcasts.html", items=items, sending=sending,
                         can_approve=may_approve_broadcast(visit.officer))

    async def read_photo(self, visit: Visit) -> tuple[str, str, int] | Refused | None:
        """A photo chosen on /broadcasts/new, written to the photo store by its hash outside any
        transaction (see guard): (sha256, path, size), a Refused to show, or None if none."""
        upload = visit.form.get("photo") if visit.form is not None else None
        if not isinstance(upload, UploadFile) or not upload.filename:
            return None
        most = strictest(lambda caps: caps.max_photo_bytes) or MAX_UPLOAD  # every channel takes it
        too_big = Refused("web.photo_too_big", mb=most // (1024 * 1024))
        if upload.size is not None and upload.size > most:
            return too_big
        data = await upload.read(most + 1)
        if len(data) > most:
            return too_big
        mpx = self.loa.config.reports.max_photo_megapixels
        try:
            digest, relative = await asyncio.to_thread(store, self.loa.config.storage_dir, data,
                                                       int(mpx * 1_000_000))
        except TooManyPixels:
            return Refused("limits.photo_pixels", mpx=f"{mpx:g}")
        except NotAnImage:
            return Refused("web.not_an_image")
        return digest, relative, len(data)

    async def _photo_mac(self, visit: Visit, digest: str) -> str:
        """Binds a kept photo to this browser's session: a reference copied elsewhere opens nothing."""
        key = await self.loa.media.secret.get()
        mac = hmac.new(key, f"console-photo:{visit.web.token_hash}:{digest}".encode(),
                       hashlib.sha256).hexdigest()
        return mac[:32]

    async def _photo_ref(self, visit: Visit, digest: str) -> str:
        return f"{digest}.{await self._photo_mac(visit, digest)}"

    async def _kept_photo(self, visit: Visit, ref: str) -> Media | None:
        """The photo a signed reference from this session's form names, if it is still stored."""
        digest, _, mac = ref.partition(".")
        if (len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest)
                or not hmac.compare_digest(mac, await self._photo_mac(visit, digest))):
            return None
        return await visit.scope.session.get(Media, digest)

    async def broadcast_photo(self, visit: Visit) -> Response:
        media = await self._kept_photo(visit, str(visit.request.path_params["ref"]))
        if media is None:
            return self.refuse(visit.request, 404, "web.not_found")
        return FileResponse(self.loa.config.storage_dir / media.path, media_type=media.content_type,
                            headers={"Cache-Control": "private, max-age=3600",
                                     "X-Content-Type-Options": "nosniff"})

    async def sent_photo(self, visit: Visit) -> Response:
        """A broadcast's photo, for the approver who decides on the web (kept in the media
        store; a photo forwarded from a chat is on the platform only and shows as "kèm ảnh")."""
        b = await visit.scope.session.get(Broadcast, _id(visit.request.path_params["id"]))
        photo = (b.content or {}).get("photo") if b is not None else None
        media = (await visit.scope.session.get(Media, photo.removeprefix(MEDIA_PREFIX))
                 if isinstance(photo, str) and photo.startswith(MEDIA_PREFIX) else None)
        if media is None:
            return self.refuse(visit.request, 404, "web.not_found")
        return FileResponse(self.loa.config.storage_dir / media.path, media_type=media.content_type,
                            headers={"Cache-Control": "private, max-age=3600",
                                     "X-Content-Type-Options": "nosniff"})

    async def broadcast_new(self, visit: Visit) -> Response:
        session = visit.scope.session
        units = await list_units(session)
        key_dates = await upcoming_key_dates(session, visit.scope.clock.now().astimezone(
            self.loa.config.timezone).date())
        if visit.form is None:
            return self.page(visit, "broadcast_new.html", units=units, chosen=set(), values={},
                             key_dates=key_dates)
        chosen = {v for v in visit.form.getlist("units") if isinstance(v, str)}
        role = visit.field("role")
        audience = {"units": sorted(chosen), "subunits": bool(visit.field("subunits")),
                    "role": role if role in {r.value for r in Role} else None}
        text = visit.field("text").strip()
        values: dict[str, Any] = {"text": text, "subunits": audience["subunits"],
                                  "role": audience["role"]}
        error, preview = None, None
        try:
            # A new file wins; else the photo kept from the preview (its signed reference), unless
            # the admin ticked "remove".
            digest = None
            if isinstance(visit.prepared, Refused):
                if await self._kept_photo(visit, visit.field("photo_ref")) is not None:
                    values["photo_ref"] = visit.field("photo_ref")  # a bad new file loses no old one
                raise visit.prepared
            if visit.prepared is not None:
                digest, relative, size = visit.prepared
                await self.loa.media.register(session, digest, relative, size)
            elif visit.field("photo_ref") and not visit.field("drop_photo"):
                kept = await self._kept_photo(visit, visit.field("photo_ref"))
                if kept is None:
                    raise Refused("console_pages.photo_lost")
                digest = kept.sha256
            content: dict[str, Any] = {"text": text}
            if digest is not None:
                content = {"photo": MEDIA_PREFIX + digest, "caption": text}
                values["photo_ref"] = await self._photo_ref(visit, digest)
            if "photo" not in content and not text:
                raise Refused("console_pages.broadcast_empty")  # a photo alone is a broadcast; nothing is not
            at, key_date = self._when(visit, values, key_dates)
            preview = {"content": content, "count": len(await recipients(session, audience)),
                       "audience": describe_audience(self.loa.texts, audience)}
            if at is not None:
                check_when(visit.scope, at)  # a time past is refused at the preview already
                preview["when"] = show_when(at, self.loa.config.timezone)
                preview["day_off"] = day_off_warning(self.loa.texts, at, self.loa.config.timezone)
            if visit.field("action") == "send":
                async with session.begin_nested():
                    created = await create_broadcast(visit.scope, content, audience, at=at,
                                                     yearly=bool(values.get("yearly")),
                                                     key_date=key_date)
                return RedirectResponse(f"/broadcasts?new={created.broadcast.id}", status_code=303)
        except Refused as exc:
            error = self.loa.texts(exc.key, **exc.values)
        return self.page(visit, "broadcast_new.html", 400 if error else 200, units=units,
                         chosen=chosen, values=values, error=error, preview=preview,
                         key_dates=key_dates)

    def _when(self, visit: Visit, values: dict[str, Any], key_dates: list[Any]
              ) -> tuple[dt.datetime | None, str | None]:
        """The form's time, if the broadcast is scheduled: a day and time (the browser's
        "YYYY-MM-DDTHH:MM"), or one of the campaigns' key dates at an hour; checked (not past)
        by the service."""
        tz = self.loa.config.timezone
        typed, chosen, hour = visit.field("at"), visit.field("key_date"), visit.field("hour")
        values.update(at=typed[:40], key_date=chosen[:20], hour=hour[:20],
                      yearly=bool(visit.field("yearly")))
        if chosen:
            index = parse_id(chosen)
            if index is None or index >= len(key_dates):
                raise Refused("scheduled.bad_when", text=shorten(chosen, 40))
            time = parse_hour(hour)
            if time is None:
                raise Refused("scheduled.bad_hour", text=shorten(hour, 40))
            return at_key_date(key_dates[index].day, time, tz), key_dates[index].name
        if not typed:
            values["yearly"] = False
            return None, None
        at = parse_when(typed.replace("T", " "), tz)
        if at is None:
            raise Refused("scheduled.bad_when", text=shorten(typed, 40))
        return at, None

    async def broadcast_schedule(self, visit: Visit) -> Response:
        """Change a scheduled broadcast's time, or cancel it, until it starts (the service checks
        and audits)."""
        broadcast_id = _id(visit.request.path_params["id"])
        try:
            async with visit.scope.session.begin_nested():
                if visit.field("action") == "cancel":
                    await cancel_broadcast(visit.scope, broadcast_id)
                else:
                    at = parse_when(visit.field("at").replace("T", " "), self.loa.config.timezone)
                    if at is None:
                        raise Refused("scheduled.bad_when", text=shorten(visit.field("at"), 40))
                    await reschedule_broadcast(visit.scope, broadcast_id, at)
        except Refused as exc:
            return self.render(visit.request, "message.html", 409,
                               message=self.loa.texts(exc.key, **exc.values), me=None)
        return RedirectResponse("/broadcasts", status_code=303)

    async def broadcast_decide(self, visit: Visit) -> Response:
        try:
            async with visit.scope.session.begin_nested():
                await decide_broadcast(visit.scope, _id(visit.request.path_params["id"]),
                                       visit.field("decision") == "approve")
        except Refused as exc:
            return self.refuse(visit.request, 409, exc.key)
        return RedirectResponse("/broadcasts", status_code=303)

    # -- campaigns ------------------------------------------------------------------------------

    async def campaigns(self, visit: Visit) -> Response:
        session = visit.scope.session
        problems: list[str] = []
        loaded = None
        if visit.form is not None:
            upload = visit.form.get("file")
            if not isinstance(upload, UploadFile) or not upload.filename:
                problems = [self.loa.texts("web.no_file")]
            else:
                problems, loaded = await self._load(visit, upload)
        rows = list(await session.scalars(select(Campaign).order_by(Campaign.start, Campaign.id)))
        slogans: dict[int | None, list[Slogan]] = {}
        for s in await session.scalars(select(Slogan).order_by(Slogan.id)):
            slogans.setdefault(s.campaign_id, []).append(s)
        day = _parse_day(visit.request.query_params.get("day", "")) or self.today()
        preview = await self._preview(session, day)
        imported = (await session.execute(  # back from loading a plan's draft
            select(PlanDraft.source_name, Campaign.plan_number)
            .join(Campaign, Campaign.id == PlanDraft.loaded_campaign_id)
            .where(PlanDraft.id == _id(visit.request.query_params.get("imported", ""))))).first()
        return self.page(visit, "campaigns.html", 400 if problems else 200, campaigns=rows,
                         slogans=slogans, problems=problems, loaded=loaded, day=day,
                         preview=preview, imported=imported,
                         unknown_units=shorten(clean_line(visit.request.query_params.get("units", "")), 200))

    async def _load(self, visit: Visit, upload: UploadFile) -> tuple[list[str], Any]:
        name = clean_line(Path(upload.filename or "chien-dich.toml").name)
        if name in ("", ".", "..") or len(name.encode()) > 255:  # no file system takes it
            return [self.loa.texts("limits.file_name")], None
        await visit.release()  # the file is read and checked outside any transaction
        data = await upload.read()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "chien-dich.toml"  # the upload's name is only shown
            path.write_bytes(data)
            try:
                checked = await asyncio.to_thread(check_file, path)
            except CampaignError as exc:
                return [p.replace(str(path), name) for p in exc.problems], None
            except UnicodeDecodeError:
                return [self.loa.texts("web.not_utf8", name=name)], None
        try:
            async with visit.scope.session.begin_nested():
                loaded = await load_campaign(visit.scope, checked, f"web:{name}")
        except Refused as exc:
            return [self.loa.texts(exc.key, **exc.values)], None
        return [], loaded

    async def _preview(self, session: Any, day: dt.date) -> str | None:
        from bot.domain.prompts import preview, weekday
        from bot.domain.workdays import holiday_name, is_working_day

        if not is_working_day(day):  # said plainly: nothing at all goes out on a day off
            return self.loa.texts("console_pages.day_off", weekday=weekday(self.loa.texts, day),
                                  date=day.strftime("%d/%m/%Y"),
                                  why=holiday_name(day) or self.loa.texts("console_pages.weekend"))
        found = await preview(session, self.loa.clock, self.loa.config, self.loa.texts, day)
        for _, messages in found:
            prompt = messages.get("prompt") or next(iter(messages.values()), None)
            if prompt:
                return prompt.get("text") or prompt.get("caption")
        return None

    async def slogan(self, visit: Visit) -> Response:
        slogan_id, what = _id(visit.request.path_params["id"]), visit.field("decision")
        try:
            async with visit.scope.session.begin_nested():
                if what == "retire":
                    await retire_slogan(visit.scope, slogan_id)
                else:
                    await decide_slogan(visit.scope, slogan_id, what == "approve")
        except Refused as exc:
            return self.refuse(visit.request, 409, exc.key)
        return RedirectResponse("/campaigns", status_code=303)

    # -- units and people -----------------------------------------------------------------------

    async def units(self, visit: Visit) -> Response:
        session = visit.scope.session
        error, invite, confirm, typed = None, None, None, {}
        if visit.form is not None:
            if visit.field("action") == "deactivate" and not visit.field("confirm"):
                # Asked first, in the page itself (no script): who, and what it means for them.
                confirm = await session.get(Officer, _id(visit.field("officer")))
                if confirm is None:
                    error = self.loa.texts("web.not_found")
            else:
                try:
                    async with session.begin_nested():
                        done = await self._unit_action(visit)
                except (Refused, Invalid) as exc:
                    error = self.loa.texts(exc.key, **exc.values)
                    # What was typed stays in the form it was typed in.
                    typed = {k: visit.field(k) for k in ("action", "name", "parent", "unit",
                                                         "role", "uses", "days")}
                else:
                    if isinstance(done, str):
                        return RedirectResponse(f"/units?{done}", status_code=303)
                    invite = done
        tree = await list_units(session)
        officers: dict[int | None, list[dict[str, Any]]] = {}
        last = dict((await session.execute(
            select(Report.officer_id, func.max(Report.day)).where(Report.state.in_(COUNTED))
            .group_by(Report.officer_id))).all())
        channels: dict[int, list[str]] = {}
        for officer_id, channel in (await session.execute(
                select(Identity.officer_id, Identity.channel))).all():
            channels.setdefault(officer_id, []).append(channel)
        for o in (await session.scalars(select(Officer).order_by(Officer.full_name))).unique():
            officers.setdefault(o.unit_id, []).append(
                {"o": o, "channels": channels.get(o.id, []), "last": last.get(o.id)})
        return self.page(visit, "units.html", 400 if error else 200, tree=tree, officers=officers,
                         error=error, invite=invite, confirm=confirm, typed=typed,
                         done=await self._unit_done(visit), days=INVITE_DAYS)

    async def _unit_done(self, visit: Visit) -> str | None:
        """What the last action did, said after its redirect (a reload repeats nothing)."""
        q, session, texts = visit.request.query_params, visit.scope.session, self.loa.texts
        if q.get("added"):
            unit = await get_unit(session, q["added"])
            if unit is not None:
                parent = await session.get(Unit, unit.parent_id) if unit.parent_id else None
                return texts("console_pages.unit_added", name=unit.name, code=unit.code,
                             parent=texts("console_pages.unit_under", parent=parent.name)
                             if parent else "")
        officer = await session.get(Officer, _id(q.get("officer", "")))
        if officer is None:
            return None
        name = officer.full_name or texts("console_pages.no_name", id=officer.id)
        if q.get("done") == "deactivated":
            return texts("console_pages.deactivated", name=name)
        if q.get("done") == "role":
            return texts("console_pages.role_changed", name=name, role=texts(f"role.{officer.role}"))
        return None

    async def _unit_action(self, visit: Visit) -> dict[str, Any] | str:
        """Does the form's action; an invite to show, or the query of the page that says it."""
        action, scope = visit.field("action"), visit.scope
        if action == "add_unit":
            if not visit.field("name").strip():
                raise Refused("console_pages.unit_name_empty")
            name = one_line(visit.field("name"), min_len=3, max_len=200, what=Ref("fields.unit_name"))
            unit = await add_unit(scope, name, visit.field("parent") or None)
            return f"added={quote(unit.code)}"
        if action == "invite":
            role = visit.field("role")
            uses = parse_int(visit.field("uses"), 1, 10_000)
            if uses is None:
                raise Refused("admin.bad_uses")
            days = parse_int(visit.field("days") or str(INVITE_DAYS), 1, 3650)
            if days is None:
                raise Refused("people.bad_days")
            created = await create_invite(scope, visit.field("unit"),
                                          Role(role) if role in {r.value for r in Role} else Role.OFFICER,
                                          uses=uses, days=days)
            links = await join_links(scope.session, self.loa.config, created.code)
            qr = {name: self._qr(link) for name, link in links.items()}
            return {"code": created.code, "links": links, "qr": qr, "unit": created.unit.name,
                    "role": created.role, "uses": created.max_uses, "expires": created.expires_at}
        officer_id = _id(visit.field("officer"))
        if action == "role":
            role = visit.field("role")
            if role not in {r.value for r in Role}:
                raise Refused("web.bad_request")
            await change_role(scope, officer_id, Role(role))
            return f"done=role&officer={officer_id}"
        if action == "deactivate":
            await deactivate(scope, officer_id)
            return f"done=deactivated&officer={officer_id}"
        raise Refused("web.bad_request")

    @staticmethod
    def _qr(link: str) -> Markup:
        image = qrcode.make(link, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
        out = io.BytesIO()
        image.save(out)
        svg = out.getvalue().decode()
        return Markup(svg[svg.index("<svg"):])  # made by qrcode, no user text

    # -- exports and audit ----------------------------------------------------------------------

    async def campaign_choices(self, session: Any) -> list[tuple[str, list[dict[str, Any]]]]:
        """Campaigns for a select, grouped: running first (the newest first), then the ended ones,
        most recently ended first, then those still to come (nothing to export yet): an old plan
        is never the default."""
        today = self.today()
        groups: dict[str, list[dict[str, Any]]] = {"running": [], "ended": [], "coming": []}
        for c in await session.scalars(select(Campaign).order_by(Campaign.start.desc(),
                                                                 Campaign.id.desc())):
            group = "ended" if c.end < today else "coming" if c.start > today else "running"
            groups[group].append({"id": c.id, "label": f"{c.plan_number} — {shorten(c.title, 70)}"
                                  if c.title and c.title != c.plan_number else c.plan_number,
                                  "end": c.end})
        groups["ended"].sort(key=lambda c: c["end"], reverse=True)
        groups["coming"].reverse()  # the soonest first
        return [(self.loa.texts(f"console_pages.campaigns_{name}"), rows)
                for name, rows in groups.items() if rows]

    async def exports(self, visit: Visit) -> Response:
        session = visit.scope.session
        return self.page(visit, "exports.html", units=await list_units(session),
                         campaign_groups=await self.campaign_choices(session))

    async def export_file(self, visit: Visit) -> Response:
        from bot.domain import officialreport

        await visit.read_only()  # reading thousands of rows must not hold SQLite's write lock
        session, q, kind = visit.scope.session, visit.request.query_params, visit.request.path_params["kind"]
        unit = await get_unit(session, q["unit"]) if q.get("unit") else None
        unit_ids = await unit_ids_with_subunits(session, [unit.code], True) if unit else None
        campaign = await session.get(Campaign, _id(q["campaign"])) if q.get("campaign") else None
        which = exports.Filter(start=_parse_day(q.get("start", "")), end=_parse_day(q.get("end", "")),
                               unit_ids=unit_ids, campaign_ids=[campaign.id] if campaign else None)
        today = self.today()
        # Each file is built from what was read, after the transaction ends: SQLite's write lock
        # is held from BEGIN, and chat traffic waits for it.
        if kind == "xlsx":
            rows = await exports.export_rows(session, which)
            numbers = await totals(session, StatScope(which.start, which.end, which.campaign_ids,
                                                      which.unit_ids), campaign)
            await visit.release()
            body = await asyncio.to_thread(self._xlsx, rows, numbers, campaign)
            return self._download(body, f"bao-cao-{today:%Y%m%d}.xlsx",
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        if kind == "csv":
            rows = await exports.export_rows(session, which)
            body = await asyncio.to_thread(self._csv, rows)
            return self._download(body, f"bao-cao-{today:%Y%m%d}.csv", "text/csv; charset=utf-8")
        if kind == "zip":
            rows = await exports.export_rows(session, which)
            await visit.release()
            body = await asyncio.to_thread(self._zip, rows)
            return self._download(body, f"anh-bao-cao-{today:%Y%m%d}.zip", "application/zip")
        if kind == "docx" and campaign is not None:
            data = await officialreport.gather(session, campaign, today, which.start, which.end,
                                               unit, which.unit_ids)
            if data.end >= data.start:
                await visit.release()
                body = await asyncio.to_thread(officialreport.build, data, self.loa.texts,
                                               self.loa.config.storage_dir)
                return self._download(body, officialreport.file_name(campaign, today),
                                      "application/vnd.openxmlformats-officedocument."
                                      "wordprocessingml.document")
        return self.refuse(visit.request, 400, "web.export_needs_campaign")

    def _xlsx(self, rows: Any, numbers: Any, campaign: Any) -> bytes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "x.xlsx"
            exports.write_xlsx(path, rows, numbers, self.loa.texts, self.loa.config.timezone,
                               exports.shown_kinds(numbers, campaign))
            return path.read_bytes()

    def _csv(self, rows: Any) -> bytes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "x.csv"
            exports.write_csv(path, rows, self.loa.texts, self.loa.config.timezone)
            return path.read_bytes()

    def _zip(self, rows: Any) -> bytes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "x.zip"
            exports.write_photo_zip(path, rows, self.loa.config.storage_dir, self.loa.texts)
            return path.read_bytes()

    @staticmethod
    def _download(body: bytes, name: str, media_type: str) -> Response:
        return Response(body, media_type=media_type,
                        headers={"Content-Disposition": f'attachment; filename="{name}"',
                                 "Cache-Control": "no-store"})

    async def audit(self, visit: Visit) -> Response:
        session, q = visit.scope.session, visit.request.query_params
        since = _parse_day(q.get("since", ""))
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

