"""Campaigns (/campaigns): load a campaign file, the daily message's preview, slogans."""

from __future__ import annotations

import asyncio
import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import select
from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response

from bot.core.normalize import clean_line
from bot.core.textfit import shorten
from bot.domain.campaigns import CampaignError, check_file
from bot.services import Refused
from bot.services.campaigns import load_campaign
from bot.services.slogans import decide_slogan, retire_slogan
from bot.store.models import (
    Campaign,
    PlanDraft,
    Slogan,
)
from bot.web.console.auth import Visit
from bot.web.console.page import Page, id_of, parse_day


class CampaignsPage(Page):
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
        day = parse_day(visit.request.query_params.get("day", "")) or self.today()
        preview = await self._preview(session, day)
        imported = (await session.execute(  # back from loading a plan's draft
            select(PlanDraft.source_name, Campaign.plan_number)
            .join(Campaign, Campaign.id == PlanDraft.loaded_campaign_id)
            .where(PlanDraft.id == id_of(visit.request.query_params.get("imported", ""))))).first()
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
        slogan_id, what = id_of(visit.request.path_params["id"]), visit.field("decision")
        try:
            async with visit.scope.session.begin_nested():
                if what == "retire":
                    await retire_slogan(visit.scope, slogan_id)
                else:
                    await decide_slogan(visit.scope, slogan_id, what == "approve")
        except Refused as exc:
            return self.refuse(visit.request, 409, exc.key)
        return RedirectResponse("/campaigns", status_code=303)
