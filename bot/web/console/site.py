"""The console's shell: its routes, how a page is drawn or refused, signing in and out. Each
page is a module of its own (overview, reports, broadcasts, campaigns, units, exports, audit,
planimport, channellog); each is a thin edge that reads with the domain's queries and acts
through bot/services/. Dates and times are shown in the configured time zone."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.templating import Jinja2Templates

from bot.core.textfit import shorten
from bot.domain.audit import SYSTEM
from bot.domain.campaigns import ACTIVITIES
from bot.services import Refused, Scope
from bot.services.web import check_link, sign_in, sign_out
from bot.store.models import (
    Campaign,
    Role,
)
from bot.web.console.audit import AuditPage
from bot.web.console.auth import COOKIE, Visit, cookie_value, guard, set_cookie
from bot.web.console.broadcasts import BroadcastsPage
from bot.web.console.campaigns import CampaignsPage
from bot.web.console.channellog import ChannelLogPage
from bot.web.console.exports import ExportsPage
from bot.web.console.overview import OverviewPage
from bot.web.console.page import FAVICON, TEMPLATES, iso_day
from bot.web.console.planimport import PlanImport
from bot.web.console.reports import ReportsPage
from bot.web.console.units import UnitsPage

if TYPE_CHECKING:
    from bot.web.console import ConsoleDeps


class Console:
    def __init__(self, loa: ConsoleDeps) -> None:
        self.loa = loa
        self.templates = Jinja2Templates(directory=str(TEMPLATES))
        env = self.templates.env
        env.globals.update(t=loa.texts, roles=[r.value for r in Role], activities=ACTIVITIES)
        env.filters["local"] = self._local
        env.filters["vn_date"] = lambda d: d.strftime("%d/%m/%Y") if d else "—"
        env.filters["iso_day"] = iso_day

    def _local(self, when: dt.datetime | None) -> str:
        return when.astimezone(self.loa.config.timezone).strftime("%d/%m/%Y %H:%M") if when else "—"

    def today(self) -> dt.date:
        return self.loa.clock.now().astimezone(self.loa.config.timezone).date()

    def routes(self) -> list[BaseRoute]:
        g = self.guarded
        audit = AuditPage(self)
        broadcasts = BroadcastsPage(self)
        campaigns = CampaignsPage(self)
        exports = ExportsPage(self)
        overview = OverviewPage(self)
        reports = ReportsPage(self)
        units = UnitsPage(self)
        a, p = Role.ADMIN, Role.APPROVER
        return [
            Route("/favicon.ico", self.favicon, methods=["GET"]),
            Route("/login/{token}", self.login_page, methods=["GET"]),
            Route("/login/{token}", self.login, methods=["POST"]),
            Route("/logout", g(p, self.logout), methods=["POST"]),
            Route("/", g(p, overview.overview), methods=["GET"]),
            Route("/reports", g(p, reports.reports), methods=["GET"]),
            Route("/reports/{id:int}", g(p, reports.report), methods=["GET"]),
            Route("/reports/{id:int}/review", g(p, reports.review), methods=["POST"]),
            Route("/photos/{id:int}", g(p, reports.photo), methods=["GET"]),
            Route("/photos/{id:int}/thumb", g(p, reports.thumb), methods=["GET"]),
            Route("/broadcasts", g(p, broadcasts.broadcasts), methods=["GET"]),
            Route("/broadcasts/new", g(p, broadcasts.broadcast_new, broadcasts.read_photo),
                  methods=["GET", "POST"]),
            Route("/broadcasts/photo/{ref}", g(p, broadcasts.broadcast_photo), methods=["GET"]),
            Route("/broadcasts/{id:int}", g(p, broadcasts.broadcast_edit, broadcasts.read_photo),
                  methods=["GET", "POST"]),
            Route("/broadcasts/{id:int}/photo", g(p, broadcasts.sent_photo), methods=["GET"]),
            Route("/broadcasts/{id:int}/decide", g(p, broadcasts.broadcast_decide), methods=["POST"]),
            Route("/broadcasts/{id:int}/schedule", g(p, broadcasts.broadcast_schedule), methods=["POST"]),
            Route("/campaigns", g(a, campaigns.campaigns), methods=["GET", "POST"]),
            *PlanImport(self).routes(),
            Route("/slogans/{id:int}", g(a, campaigns.slogan), methods=["POST"]),
            Route("/units", g(a, units.units), methods=["GET", "POST"]),
            Route("/exports", g(a, exports.exports), methods=["GET"]),
            Route("/exports/{kind}", g(a, exports.export_file), methods=["GET"]),
            Route("/audit", g(a, audit.audit), methods=["GET"]),
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
