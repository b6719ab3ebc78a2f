"""Exports (/exports): the spreadsheet, CSV, photo archive and Word draft of a campaign."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

from starlette.responses import Response

from bot.domain import exports
from bot.domain.broadcasts import unit_ids_with_subunits
from bot.domain.stats import Scope as StatScope
from bot.domain.stats import (
    totals,
)
from bot.domain.units import get_unit, list_units
from bot.store.models import (
    Campaign,
)
from bot.web.console.auth import Visit
from bot.web.console.page import Page, id_of, parse_day


class ExportsPage(Page):
    async def exports(self, visit: Visit) -> Response:
        session = visit.scope.session
        return self.page(visit, "exports.html", units=await list_units(session),
                         campaign_groups=await self.console.campaign_choices(session))

    async def export_file(self, visit: Visit) -> Response:
        from bot.domain import officialreport

        await visit.read_only()  # reading thousands of rows must not hold SQLite's write lock
        session, q, kind = visit.scope.session, visit.request.query_params, visit.request.path_params["kind"]
        unit = await get_unit(session, q["unit"]) if q.get("unit") else None
        unit_ids = await unit_ids_with_subunits(session, [unit.code], True) if unit else None
        campaign = await session.get(Campaign, id_of(q["campaign"])) if q.get("campaign") else None
        which = exports.Filter(start=parse_day(q.get("start", "")), end=parse_day(q.get("end", "")),
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
