"""The console's pages for an official plan: upload it, see the draft beside the plan's text with
every field editable, check, load. The draft lives in the database (plan_drafts); the form's
conversions are in bot/domain/planimport/form.py, the rules in bot/services/plandrafts.py."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import logging
import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import load_only
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from bot.core.normalize import clean_line, parse_id
from bot.domain.campaigns import ACTIVITIES
from bot.domain.planimport import PlanUnreadable
from bot.domain.planimport.form import Problem, check, from_post
from bot.domain.planimport.isolated import PlanReader
from bot.domain.planimport.text import fold, is_word, split
from bot.services import Refused
from bot.services.plandrafts import discard_draft, load_draft, save_draft, start_draft
from bot.store.models import Campaign, Officer, PlanDraft, Role
from bot.web.console.auth import Visit, admit

if TYPE_CHECKING:
    from bot.web.console.site import Console

log = logging.getLogger(__name__)
MAX_PLAN = 20 * 1024 * 1024
ACCEPT = ".docx,.pdf,.txt,.png,.jpg,.jpeg,.tif,.tiff"
PERS = ("week", "month", "quarter")
EMPTY_ROWS = 2  # blank rows under each list, to add items without JavaScript
READ_AT_ONCE = 2  # plans read at the same time; more wait their turn (each may use a CPU)
KEEP_ALIVE = 15.0  # seconds between the waiting page's signs of life
MAX_WAITING = 8  # uploads in line for a read; more are refused (each is up to 20 MB in memory)


@dataclass(frozen=True)
class Read:
    """A plan read from an upload: its name, its text (the draft's line numbers refer to it)."""

    name: str
    text: str
    form: dict[str, Any]


@dataclass(frozen=True)
class Waiting:
    """An upload that waits its turn to be read (see PlanReader): the page says so meanwhile."""

    name: str
    data: bytes


GONE = object()  # the browser went away while its plan was read: nobody to answer
MARKER = "<!-- loa:reading -->"  # where the waiting page's news is streamed in


async def _gone(request: Request) -> None:
    """Returns when the browser disconnects (the body has been read: nothing else comes)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


def _file_name(raw: str) -> str:
    """The upload's own name without any folder (browsers on Windows may send one) or control
    characters, short enough in bytes for any file system (255), its suffix kept."""
    name = clean_line(re.split(r"[\\/]", raw)[-1]).strip()
    if name in ("", ".", ".."):
        return "ke-hoach"
    stem, suffix = (name.rsplit(".", 1)[0], "." + name.rsplit(".", 1)[1]) if "." in name else (name, "")
    suffix = suffix[:12]
    while len((stem + suffix).encode()) > 150:
        stem = stem[:-1]
    return stem + suffix


def _iso_day(value: str | None) -> bool:
    """A real day as the date picker writes it ("2026-02-30" stays text, so nothing is lost)."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value or ""):
        return False
    try:
        dt.date.fromisoformat(value or "")
    except ValueError:
        return False
    return True


def _version(row: PlanDraft) -> str:
    """What the page was drawn from: a save from an older page must not overwrite a newer one."""
    return row.updated_at.isoformat() if row.updated_at else ""


# The importer's notes name the field they are about first ("Số kế hoạch: …"), and the draft
# file's key after a dash ("— điền plan_number"): on the page, that field's label instead.
NOTE_FIELDS = {"Số kế hoạch": ("plan_number",), "Cơ quan ban hành": ("issuer",),
               "Ngày ban hành": ("issued_on",), "Tên kế hoạch": ("title",),
               "Ngày bắt đầu": ("start",), "Ngày kết thúc": ("end",),
               "Thời gian thực hiện": ("start", "end")}
NOTE_KEYS = re.compile(r"\[\[deadlines\]\]|\b(?:plan_number|issuer|issued_on|title|start|end)\b")


# A field inside an item, by (its list, its key): the label the page gives it.
FIELD_LABELS = {("phases", "name"): "f_name", ("phases", "start"): "f_start",
                ("phases", "end"): "f_end", ("themes", "title"): "f_theme_title",
                ("themes", "text"): "f_theme_text", ("slogans", "text"): "f_slogan",
                ("key_dates", "name"): "f_kd_name", ("key_dates", "day"): "f_day",
                ("key_dates", "date"): "f_date", ("key_dates", "peak_before"): "f_peak_before",
                ("key_dates", "peak_after"): "f_peak_after", ("deadlines", "what"): "f_what",
                ("deadlines", "due"): "f_due", ("deadlines", "units"): "f_units",
                ("quotas", "activity"): "f_activity", ("quotas", "count"): "f_count",
                ("quotas", "per"): "f_per"}
# The campaign file's keys in the check's words, "(plan_number)", "(phases[1])", "(end)": the
# page shows labels, not keys.
_KEY_IN_BRACKETS = re.compile(r" \([a-z_]+(?:\[[0-9]+\])?\)")


def _no_keys(text: str) -> str:
    text = text.replace("date (một lần) hoặc day (dd/mm, hằng năm)",
                        "một ngày cụ thể hoặc ngày hằng năm (dd/mm)")
    return _KEY_IN_BRACKETS.sub("", text)


def open_notes(form: dict[str, Any], label: Callable[[str], str]) -> list[str]:
    """What the importer could not read and is still open: a note about a field goes once the
    field is filled (unless it still holds the very value the note questions); in Vietnamese,
    the draft file's keys named by the field's label."""
    out = []
    for note in form.get("unread") or []:
        fields = NOTE_FIELDS.get(note.split(":", 1)[0].strip(), ())
        values = [str((form.get(name) or {}).get("value") or "").strip() for name in fields]
        quoted = set(re.findall(r"«([^»]*)»", note))
        if fields and all(values) and not quoted & set(values):
            continue
        head, dash, hint = note.partition(" — ")
        out.append(head + dash + NOTE_KEYS.sub(lambda m: f"«{label(m.group(0))}»", hint))
    return out


def _ascii_name(name: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", fold(Path(name).stem)).strip("-.") or "ke-hoach"
    return f"{stem}.toml"


class PlanImport:
    def __init__(self, console: Console) -> None:
        self.console, self.loa = console, console.loa
        env = console.templates.env
        env.tests["iso_day"] = _iso_day
        env.tests["ascii_number"] = lambda v: bool(re.fullmatch(r"[0-9]+", v or ""))
        env.globals["empty_rows"] = EMPTY_ROWS
        self.reader = PlanReader(self.loa.texts, at_once=READ_AT_ONCE)
        self.loa.on_stop.append(self.reader.close)

    def routes(self) -> list[BaseRoute]:
        g, a = self.console.guarded, Role.ADMIN
        return [
            Route("/campaigns/import", g(a, self.drafts), methods=["GET"]),
            Route("/campaigns/import", g(a, self.upload, self.read), methods=["POST"]),
            Route("/campaigns/import/{id:int}", g(a, self.draft), methods=["GET", "POST"]),
            Route("/campaigns/import/{id:int}/draft.toml", g(a, self.download), methods=["GET"]),
            Route("/campaigns/import/{id:int}/delete", g(a, self.delete), methods=["POST"]),
        ]

    # -- the list and the upload ---------------------------------------------------------------

    async def drafts(self, visit: Visit, error: str | None = None, status: int = 200) -> Response:
        session = visit.scope.session
        rows = (await session.execute(
            select(PlanDraft, Officer.full_name, Campaign.plan_number)
            .outerjoin(Officer, Officer.id == PlanDraft.created_by)
            .outerjoin(Campaign, Campaign.id == PlanDraft.loaded_campaign_id)
            .options(load_only(PlanDraft.id, PlanDraft.source_name, PlanDraft.created_at,  # not the texts
                               PlanDraft.updated_at, PlanDraft.loaded_at))
            .order_by(PlanDraft.updated_at.desc(), PlanDraft.id.desc()).limit(200))).all()
        return self.console.page(visit, "plan_drafts.html", status, rows=rows, error=error,
                                 accept=ACCEPT, mb=MAX_PLAN // (1024 * 1024),
                                 discarded=visit.request.query_params.get("discarded"))

    async def read(self, visit: Visit) -> Read | Waiting | str | object:
        """The uploaded plan read into a draft, or what to tell the admin; outside the
        request's transaction (see guard). When others are being read it waits its turn on
        a page that says so (see upload)."""
        texts, form = self.loa.texts, visit.form
        upload = form.get("file") if form is not None else None
        if not isinstance(upload, UploadFile) or not upload.filename:
            return texts("web.import_no_file")
        mb = MAX_PLAN // (1024 * 1024)
        if upload.size is not None and upload.size > MAX_PLAN:
            return texts("web.import_too_big", mb=mb)
        data = await upload.read(MAX_PLAN + 1)
        if len(data) > MAX_PLAN:
            return texts("web.import_too_big", mb=mb)
        name = _file_name(upload.filename)
        if not self.reader.has_room():
            if self.reader.waiting >= MAX_WAITING:  # each waits with its file in memory
                return texts("plan_reader.busy", waiting=self.reader.waiting)
            return Waiting(name, data)
        # Read in this task (the free slot is taken before anything else runs); a browser that
        # goes away cancels it, and the read's child with it.
        task = asyncio.current_task()
        assert task is not None
        gone = asyncio.ensure_future(_gone(visit.request))
        gone.add_done_callback(lambda done: done.cancelled() or task.cancel())
        try:
            return await self._read(name, data)
        except asyncio.CancelledError:
            if not gone.done() or gone.cancelled():
                raise
            task.uncancel()
            return GONE
        finally:
            gone.cancel()

    async def _read(self, name: str, data: bytes, started: asyncio.Event | None = None
                    ) -> Read | str:
        try:
            got = await self.reader.read("web", name, data=data, started=started)
        except PlanUnreadable as exc:
            return str(exc)
        if not got["text"].strip():
            return self.loa.texts("web.import_empty", name=name)
        return Read(name, got["text"], got["form"])

    async def upload(self, visit: Visit) -> Response:
        read = visit.prepared
        if read is GONE:
            return Response(status_code=499)  # nobody reads it
        if isinstance(read, Waiting):
            page = self.console.page(visit, "plan_reading.html", plan_name=read.name,
                                     at_once=self.reader.at_once, marker=Markup(MARKER))
            head, _, tail = bytes(page.body).decode().partition(MARKER)
            kept = ("cache-control", "content-security-policy", "x-frame-options")
            return StreamingResponse(self._wait_and_read(visit, read, head, tail),
                                     media_type="text/html; charset=utf-8",
                                     headers={k: v for k, v in page.headers.items() if k in kept})
        if not isinstance(read, Read):
            return await self.drafts(visit, error=str(read), status=400)
        row = await start_draft(visit.scope, read.name, read.text, read.form)
        return RedirectResponse(f"/campaigns/import/{row.id}", status_code=303)

    async def _wait_and_read(self, visit: Visit, waiting: Waiting, head: str, tail: str
                             ) -> AsyncIterator[str]:
        """The waiting page, sent as it happens: queued, reading, then the draft (by a refresh)
        or why not. Starlette cancels this when the browser disconnects, and the read with it."""
        texts = self.loa.texts
        yield head + " " * 1024 + "\n"  # enough for a browser to show it at once
        started = asyncio.Event()
        reading = asyncio.ensure_future(self._read(waiting.name, waiting.data, started))
        try:
            while not reading.done():
                turn = asyncio.ensure_future(started.wait())
                await asyncio.wait({reading, turn}, timeout=KEEP_ALIVE,
                                   return_when=asyncio.FIRST_COMPLETED)
                turn.cancel()
                if started.is_set():
                    break
                yield "\n"  # still waiting: a proxy between must not close the line
            yield (f'<p id="now-reading">'
                   f'{html.escape(texts("plan_reader.reading", name=waiting.name))}</p>\n')
            read = await reading
        finally:
            if not reading.done():  # the browser went away: the read (and its child) ends
                reading.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await reading
        url = None
        if isinstance(read, Read):
            async with self.loa.sessions() as session, session.begin():
                again = await admit(self.loa, session, visit.request, Role.ADMIN)
                if again is None:
                    read = texts("web.sign_in_needed")
                else:
                    row = await start_draft(again.scope, read.name, read.text, read.form)
                    url = f"/campaigns/import/{row.id}"
        if url is not None:
            yield (f'<p id="read-done">{html.escape(texts("plan_reader.done", name=waiting.name))}'
                   f' <a href="{url}">{html.escape(texts("plan_reader.open_draft"))}</a></p>'
                   f'<meta http-equiv="refresh" content="0; url={url}">\n')
        else:
            yield (f'<div class="error" role="alert" id="problems">'
                   f'{html.escape(texts("plan_reader.not_read"))} {html.escape(str(read))}</div>'
                   f'<p><a href="/campaigns/import">{html.escape(texts("plan_reader.back"))}</a></p>\n')
        yield tail

    # -- one draft ------------------------------------------------------------------------------

    async def _row(self, visit: Visit) -> PlanDraft | None:
        draft_id = parse_id(str(visit.request.path_params["id"]))  # beyond int32: none
        if not draft_id:
            return None  # a save waits for another one of the same draft (PostgreSQL locks the row)
        return await visit.scope.session.get(PlanDraft, draft_id,
                                             with_for_update=visit.form is not None)

    async def draft(self, visit: Visit) -> Response:
        row = await self._row(visit)
        if row is None:
            return self.console.refuse(visit.request, 404, "web.not_found")
        plan = split(row.plan_text, is_word(row.source_name))
        action = visit.field("action")
        if visit.form is not None:
            if "plan_number" not in visit.form:  # not this page's form: blanks never overwrite
                return self.console.refuse(visit.request, 400, "web.bad_request")
            posted = [(k, v) for k, v in visit.form.multi_items() if isinstance(v, str)]
            typed = from_post(posted, row.draft, len(plan.lines))
            seen = visit.field("version")
            if seen and seen != _version(row):
                # Saved by someone else (another tab, another admin) since this page was opened:
                # nothing is overwritten, and what was typed here stays on the page to compare.
                return await self._page(visit, row, plan, typed, 409, self.loa.texts(
                    "web.import_conflict", when=self.console._local(row.updated_at)))
            await save_draft(visit.scope, row, typed)
        checked = check(row.draft, plan)
        error = None
        if action == "load" and checked.campaign is not None:
            try:
                async with visit.scope.session.begin_nested():
                    loaded = await load_draft(visit.scope, row, checked.campaign)
            except Refused as exc:
                error = self.loa.texts(exc.key, **exc.values)
            except SQLAlchemyError:  # the edits are saved (outside the savepoint); the load is not
                log.exception("loading plan draft %s failed", row.id)
                error = self.loa.texts("web.import_load_failed")
            else:
                unknown = ",".join(sorted({code for _, code in loaded.unknown_units}))
                query = f"imported={row.id}" + (f"&units={quote(unknown)}" if unknown else "")
                return RedirectResponse(f"/campaigns?{query}", status_code=303)
        failed = action == "load" and (error is not None or bool(checked.problems))
        return await self._page(visit, row, plan, row.draft, 400 if failed else 200, error,
                                checked=checked)

    async def _page(self, visit: Visit, row: PlanDraft, plan: Any, form: dict[str, Any],
                    status: int, error: str | None, checked: Any = None) -> Response:
        loaded_plan = await self._loaded_plan(visit, row)
        await visit.release()  # checking and drawing a long plan's page holds no lock
        checked = checked or check(form, plan)
        problems = [self._say(p) for p in checked.problems]
        by_field: dict[str, list[str]] = {}
        for p in checked.problems:
            by_field.setdefault(p.loc, []).append(self._say(p, where=False))
        return self.console.page(
            visit, "plan_draft.html", status, row=row, form=form, version=_version(row),
            unread=open_notes(form, self._label),
            lines=plan.lines, problems=problems, errs=by_field, error=error,
            saved=visit.form is not None and status != 409,  # 409: nothing saved (see draft)
            loaded_plan=loaded_plan,
            kinds=ACTIVITIES, activity_options=[(k, self.loa.texts(f"activity.{k}")) for k in ACTIVITIES],
            per_options=[(p, self.loa.texts(f"web.per_{p}")) for p in PERS])

    def _label(self, key: str) -> str:
        name = "deadlines" if key == "[[deadlines]]" else f"f_{key}"
        return self.loa.texts(f"web.import_{name}")

    def _say(self, problem: Problem, where: bool = True) -> str:
        text = (_no_keys(problem.text) if problem.text
                else self.loa.texts(f"web.import_{problem.typo}", value=problem.value))
        return f"{self._where(problem)}: {text}" if where and problem.where else text

    def _where(self, problem: Problem) -> str:
        """The campaign check's name of a place, as the page labels it: "Đợt 2 «Cao điểm» ·
        Ngày bắt đầu", not "Đợt 2 «Cao điểm» (phases[1]).start"."""
        where = _no_keys(problem.where)
        parts = problem.loc.split(".")
        if len(parts) > 1 and where.endswith(f".{parts[-1]}"):
            key = FIELD_LABELS.get((parts[-3] if len(parts) >= 3 else "", parts[-1]))
            if key:
                label = self.loa.texts(f"web.import_{key}").split(" (")[0]
                where = f"{where.removesuffix('.' + parts[-1])} · {label}"
        return where

    async def _loaded_plan(self, visit: Visit, row: PlanDraft) -> str | None:
        if row.loaded_campaign_id is None:
            return None
        campaign = await visit.scope.session.get(Campaign, row.loaded_campaign_id)
        return campaign.plan_number if campaign else None

    async def download(self, visit: Visit) -> Response:
        row = await self._row(visit)
        if row is None:
            return self.console.refuse(visit.request, 404, "web.not_found")
        await visit.release()
        body = check(row.draft, split(row.plan_text, is_word(row.source_name))).toml
        name = f"{Path(row.source_name).stem}.toml"
        disposition = (f'attachment; filename="{_ascii_name(row.source_name)}"; '
                       f"filename*=UTF-8''{quote(name)}")
        return Response(body, media_type="application/toml; charset=utf-8",
                        headers={"Content-Disposition": disposition, "Cache-Control": "no-store"})

    async def delete(self, visit: Visit) -> Response:
        row = await self._row(visit)
        if row is None:
            return self.console.refuse(visit.request, 404, "web.not_found")
        await discard_draft(visit.scope, row)
        return RedirectResponse("/campaigns/import?discarded=1", status_code=303)

