"""Exports (/exports): the spreadsheet, CSV, photo archive and Word draft of a campaign."""

from __future__ import annotations

import asyncio
import csv
import io
import shutil
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

from starlette.background import BackgroundTask
from starlette.responses import FileResponse, Response, StreamingResponse

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
        texts, tz = self.loa.texts, self.loa.config.timezone
        # Rows are read in batches, each in its own short read-only transaction, while the file
        # is written: SQLite's write lock is never held for it, and memory stays flat.
        if kind == "xlsx":
            photos = await exports.photo_columns(session, which)
            numbers = await totals(session, StatScope(which.start, which.end, which.campaign_ids,
                                                      which.unit_ids), campaign)
            await visit.release()
            kinds = exports.shown_kinds(numbers, campaign)
            return await self._built(which, lambda path, rows: exports.write_xlsx(
                path, rows, numbers, texts, tz, kinds, photos), f"bao-cao-{today:%Y%m%d}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        if kind == "csv":
            photos = await exports.photo_columns(session, which)
            await visit.release()
            return self._stream(self._csv(which, photos), f"bao-cao-{today:%Y%m%d}.csv",
                                "text/csv; charset=utf-8")
        if kind == "zip":
            await visit.release()
            return self._stream(self._zip(which), f"anh-bao-cao-{today:%Y%m%d}.zip",
                                "application/zip")
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

    def _rows(self, which: exports.Filter, loop: asyncio.AbstractEventLoop
              ) -> tuple[Iterator[exports.Row], Callable[[], Awaitable[None]]]:
        return exports.threaded_rows(self.loa.sessions, which, loop)

    async def _built(self, which: exports.Filter, write: Callable[[Path, Any], Any], name: str,
                     media_type: str) -> Response:
        """A file that must be whole before its first byte (the xlsx: a ZIP whose parts openpyxl
        writes at the end), built in a temporary folder and sent from disk, then removed."""
        folder = Path(tempfile.mkdtemp(prefix="loa-export-"))
        rows, stop = self._rows(which, asyncio.get_running_loop())
        try:
            await asyncio.to_thread(write, folder / "file", rows)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        finally:
            await stop()
        return FileResponse(folder / "file", media_type=media_type,
                            headers=self._headers(name),
                            background=BackgroundTask(shutil.rmtree, folder, True))

    async def _csv(self, which: exports.Filter, photos: int) -> AsyncIterator[bytes]:
        texts, tz = self.loa.texts, self.loa.config.timezone
        head = io.StringIO()
        head.write("\ufeff")  # UTF-8 with a BOM: Excel then shows Vietnamese letters correctly
        csv.writer(head).writerow([*exports.COLUMNS, *(f"Ảnh {i}" for i in range(1, photos + 1))])
        yield head.getvalue().encode()

        def lines(batch: list[exports.Row]) -> bytes:
            out = io.StringIO()
            exports.write_csv_to(out, batch, texts, tz, photos, header=False)
            return out.getvalue().encode()

        async for batch in exports.export_batches(self.loa.sessions, which):
            yield await asyncio.to_thread(lines, batch)

    async def _zip(self, which: exports.Filter) -> AsyncIterator[bytes]:
        """The archive as it is written: a thread writes it into a pipe, the response sends
        what comes out (a few chunks in flight at most); stopped if the browser goes away."""
        loop = asyncio.get_running_loop()
        chunks: asyncio.Queue[bytes | None] = asyncio.Queue(maxsize=8)
        pipe = _Pipe(loop, chunks)
        rows, stop = self._rows(which, loop)

        def write() -> None:
            try:
                with io.BufferedWriter(pipe, 256 * 1024) as out:
                    exports.write_photo_zip(out, rows, self.loa.config.storage_dir,
                                            self.loa.texts)
            finally:
                pipe.done()

        writer = asyncio.ensure_future(asyncio.to_thread(write))
        try:
            while (chunk := await chunks.get()) is not None:
                yield chunk
            await writer  # an error in the writer ends the response short
        finally:
            pipe.stopped = True
            while not chunks.empty():  # a writer waiting for room sees it stopped
                chunks.get_nowait()
            await asyncio.wait([writer])
            await stop()

    @staticmethod
    def _headers(name: str) -> dict[str, str]:
        return {"Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "no-store"}

    def _stream(self, body: AsyncIterator[bytes], name: str, media_type: str) -> Response:
        return StreamingResponse(body, media_type=media_type, headers=self._headers(name))

    @staticmethod
    def _download(body: bytes, name: str, media_type: str) -> Response:
        return Response(body, media_type=media_type, headers=ExportsPage._headers(name))


class _Pipe(io.RawIOBase):
    """A file a thread writes into that cannot seek (zipfile then writes data descriptors), its
    chunks handed to the event loop's queue; writing fails once the reader has stopped."""

    def __init__(self, loop: asyncio.AbstractEventLoop, chunks: asyncio.Queue[bytes | None]
                 ) -> None:
        super().__init__()
        self.loop, self.chunks, self.stopped = loop, chunks, False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.stopped:
            raise BrokenPipeError("the download was stopped")
        asyncio.run_coroutine_threadsafe(self.chunks.put(bytes(data)), self.loop).result()
        return len(data)

    def done(self) -> None:
        if not self.stopped:
            asyncio.run_coroutine_threadsafe(self.chunks.put(None), self.loop).result()
