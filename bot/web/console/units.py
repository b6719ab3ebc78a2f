"""Units and people (/units): the tree, officers' roles, invites with their QR codes."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import quote

import qrcode
import qrcode.image.svg
from markupsafe import Markup
from sqlalchemy import func, select
from starlette.responses import RedirectResponse, Response

from bot.core.errors import Invalid
from bot.core.normalize import parse_int
from bot.core.texts import Ref
from bot.core.validate import one_line
from bot.domain.groups import by_unit as linked_groups
from bot.domain.invites import join_links
from bot.domain.reports import COUNTED
from bot.domain.units import get_unit, list_units
from bot.services import Refused
from bot.services.officers import change_role, deactivate
from bot.services.people import create_invite
from bot.services.units import add_unit
from bot.store.models import (
    Identity,
    Officer,
    Report,
    Role,
    Unit,
)
from bot.web.console.auth import Visit
from bot.web.console.page import INVITE_DAYS, Page, id_of

OFFICERS_PER_PAGE = 100  # rows of /units; each has two forms
UNITS_PER_PAGE = 100


class UnitsPage(Page):
    async def units(self, visit: Visit) -> Response:
        session = visit.scope.session
        error, invite, confirm, typed = None, None, None, {}
        if visit.form is not None:
            if visit.field("action") == "deactivate" and not visit.field("confirm"):
                # Asked first, in the page itself (no script): who, and what it means for them.
                confirm = await session.get(Officer, id_of(visit.field("officer")))
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
        pages = await self._pages(session, tree)
        page = min(parse_int(visit.request.query_params.get("page", "1"), 1, 1_000_000) or 1,
                   len(pages))
        shown = pages[page - 1]
        officers: dict[int | None, list[dict[str, Any]]] = {}
        found: list[Officer] = []
        whole = [u.id for u, _, offset, take in shown if u is not None and take and offset == -1]
        if whole:  # units whose officers all fit on this page: one query
            found += (await session.scalars(select(Officer).where(Officer.unit_id.in_(whole))
                                            .order_by(Officer.full_name, Officer.id))).unique()
        for u, _, offset, take in shown:
            if take and (offset != -1 or u is None):  # a large unit's part, or those in none
                offset = max(offset, 0)
                where = Officer.unit_id == u.id if u is not None else Officer.unit_id.is_(None)
                found += (await session.scalars(select(Officer).where(where).order_by(
                    Officer.full_name, Officer.id).offset(offset).limit(take))).unique()
        ids = [o.id for o in found]
        last = dict((await session.execute(
            select(Report.officer_id, func.max(Report.day)).where(
                Report.state.in_(COUNTED), Report.officer_id.in_(ids))
            .group_by(Report.officer_id))).all()) if ids else {}
        channels: dict[int, list[str]] = {}
        for officer_id, channel in (await session.execute(
                select(Identity.officer_id, Identity.channel).where(
                    Identity.officer_id.in_(ids)))).all() if ids else ():
            channels.setdefault(officer_id, []).append(channel)
        for o in found:
            officers.setdefault(o.unit_id, []).append(
                {"o": o, "channels": channels.get(o.id, []), "last": last.get(o.id)})
        return self.page(visit, "units.html", 400 if error else 200, tree=tree, officers=officers,
                         groups=await linked_groups(session),
                         shown=[(u, depth) for u, depth, _, _ in shown if u is not None],
                         page=page, pages=len(pages),
                         error=error, invite=invite, confirm=confirm, typed=typed,
                         done=await self._unit_done(visit), days=INVITE_DAYS)

    @staticmethod
    async def _pages(session: Any, tree: list[tuple[Unit, int]]
                     ) -> list[list[tuple[Unit | None, int, int, int]]]:
        """The tree cut into pages of at most OFFICERS_PER_PAGE officers and UNITS_PER_PAGE
        units, in tree order, the officers with no unit last: each page a list of (unit, depth,
        offset, how many of its officers); offset -1 when the unit's officers are all there. A
        national tree (400,000 officers) is never drawn whole; a province's fits on one page."""
        counts = dict((await session.execute(
            select(Officer.unit_id, func.count()).group_by(Officer.unit_id))).all())
        pages: list[list[tuple[Unit | None, int, int, int]]] = []
        page: list[tuple[Unit | None, int, int, int]] = []
        people = 0
        entries: list[tuple[Unit | None, int]] = [*tree]
        if counts.get(None):
            entries.append((None, 0))
        for unit, depth in entries:
            n = counts.get(unit.id if unit is not None else None, 0)
            offset = 0
            while True:
                if page and (people >= OFFICERS_PER_PAGE or len(page) >= UNITS_PER_PAGE):
                    pages.append(page)
                    page, people = [], 0
                take = min(n - offset, OFFICERS_PER_PAGE - people)
                page.append((unit, depth, -1 if offset == 0 and take == n else offset, take))
                people += take
                offset += take
                if offset >= n:
                    break
        return [*pages, page] if page or not pages else pages

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
        officer = await session.get(Officer, id_of(q.get("officer", "")))
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
        officer_id = id_of(visit.field("officer"))
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
