"""The files an office takes away: reports as a spreadsheet (xlsx or CSV) and the photos as a ZIP.

One writer for every edge (the `loa reports` commands, later the web console). Every text a
user wrote reaches a spreadsheet as text: xlsx cells are typed as strings, never formulas, and
CSV cells that a spreadsheet would read as a formula are escaped as OWASP recommends. Photo
names in the archive are made of dates, kinds and ids only, and the spreadsheet links to them
by the same relative path, so unpacking the ZIP beside the spreadsheet makes every link work.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import json
import struct
import zipfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import quoteattr

from sqlalchemy import func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.texts import Texts
from bot.domain.campaigns import ACTIVITIES
from bot.domain.photos import problem
from bot.domain.prompts import period_label
from bot.domain.stats import Scope, Totals
from bot.store.db import READ_ONLY
from bot.store.models import Campaign, Officer, Report, ReportPhoto, ReportState, Unit

PHOTO_FOLDER = "anh"  # the archive's top folder; the spreadsheet's links start with it
INDEX_NAME = f"{PHOTO_FOLDER}/index.csv"
NOT_STORED = "(ảnh chưa tải về)"
# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = ("Mã báo cáo", "Đơn vị", "Cán bộ", "Ngày hoạt động", "Loại hoạt động", "Mô tả",
           "Số người tham gia", "Liên kết", "Chiến dịch", "Đợt", "Chủ đề", "Trạng thái",
           "Nhận xét", "Ảnh", "Ảnh trùng với báo cáo", "Gửi lúc")
WIDTHS = (10, 28, 22, 14, 30, 50, 12, 30, 24, 24, 30, 14, 30, 8, 14, 17)
INDEX_COLUMNS = ("Tệp", "Mã báo cáo", "Mã đơn vị", "Đơn vị", "Ngày hoạt động", "Loại hoạt động",
                 "Trạng thái", "SHA-256")


Filter = Scope  # an export selects its reports exactly as the numbers do


@dataclass(frozen=True)
class PhotoFile:
    """A report's photo as the archive names it; `archive` is None until its bytes are stored."""

    photo: ReportPhoto
    archive: str | None


@dataclass(frozen=True)
class Row:
    report: Report
    unit_code: str | None
    unit_name: str | None
    officer: str | None
    plan: str | None
    photos: tuple[PhotoFile, ...]


def archive_path(unit_code: str | None, report: Report, n: int, stored: str) -> str:
    """`anh/<unit>/<date>_<kind>_<report id>_<n>.<ext>`: ASCII only, no text a user wrote."""
    ext = stored.rsplit(".", 1)[-1].lower() if "." in stored else "bin"
    ext = ext if ext.isascii() and ext.isalnum() else "bin"
    folder = unit_code if unit_code and unit_code.isascii() else "khong-don-vi"
    kind = report.activity if report.activity in ACTIVITIES else "khac"
    return f"{PHOTO_FOLDER}/{folder}/{report.day.isoformat()}_{kind}_{report.id}_{n}.{ext}"


BATCH = 2000  # reports read at a time: memory stays flat however many the export holds


def _rows_query(which: Filter) -> Any:
    # Columns, not entities: a million rows must not fill the session's identity map.
    return which.filter(
        select(*Report.__table__.c, Unit.code.label("unit_code"), Unit.name.label("unit_name"),
               Officer.full_name.label("officer_name"), Campaign.plan_number.label("plan"))
        .join(Officer, Officer.id == Report.officer_id)
        .outerjoin(Unit, Unit.id == Report.unit_id)
        .outerjoin(Campaign, Campaign.id == Report.campaign_id)
        .where(Report.state != ReportState.DRAFT.value))


async def _batch(session: AsyncSession, which: Filter, after: tuple[dt.date, int] | None,
                 limit: int) -> list[Row]:
    """Up to `limit` rows after (day, id) `after`, in (day, id) order (keyset: no OFFSET)."""
    query = _rows_query(which)
    if after is not None:
        # A row comparison, not OR: PostgreSQL then starts the index scan at the edge (an OR
        # made each batch rescan every row before it: 3.6 s a batch at a million).
        query = query.where(tuple_(Report.day, Report.id) > tuple_(after[0], after[1]))
    found = (await session.execute(query.order_by(Report.day, Report.id).limit(limit))).all()
    photos: dict[int, list[Any]] = {r.id: [] for r in found}
    if found:
        for photo in (await session.execute(select(*ReportPhoto.__table__.c).where(
                ReportPhoto.report_id.in_(list(photos))).order_by(ReportPhoto.id))).all():
            photos[photo.report_id].append(photo)
    rows = []
    for report in found:
        files, n = [], 0
        for photo in photos[report.id]:
            archive = None
            if photo.path:
                n += 1
                archive = archive_path(report.unit_code, report, n, photo.path)
            files.append(PhotoFile(photo, archive))
        rows.append(Row(report, report.unit_code, report.unit_name, report.officer_name,
                        report.plan, tuple(files)))
    return rows


async def export_rows(session: AsyncSession, which: Filter) -> list[Row]:
    """Every sent report in `which` (drafts left out, withdrawn ones kept and marked), by day."""
    rows: list[Row] = []
    while batch := await _batch(session, which, _last(rows), BATCH):
        rows += batch
    return rows


def _last(rows: Sequence[Row]) -> tuple[dt.date, int] | None:
    return (rows[-1].report.day, rows[-1].report.id) if rows else None


async def export_batches(sessions: Callable[[], AsyncSession], which: Filter,
                         size: int = BATCH) -> AsyncIterator[list[Row]]:
    """The rows of `export_rows`, `size` at a time, each batch read in its own short read-only
    transaction (on SQLite beside the writer, never holding its lock while a file is written)."""
    after = None
    while True:
        async with sessions() as session:
            await session.connection(execution_options={READ_ONLY: True})
            batch = await _batch(session, which, after, size)
        if not batch:
            return
        yield batch
        after = _last(batch)


def threaded_rows(sessions: Callable[[], AsyncSession], which: Filter,
                  loop: asyncio.AbstractEventLoop
                  ) -> tuple[Iterator[Row], Callable[[], Awaitable[None]]]:
    """`export_batches` for a writer in a thread (openpyxl, zipfile): its rows, each batch
    read on the event loop `loop` when the writer needs it; and how to end the reading (await
    it once the writer is done, even when it stopped early)."""
    batches = export_batches(sessions, which)

    async def next_batch() -> list[Row] | None:
        return await anext(batches, None)

    def rows() -> Iterator[Row]:
        while batch := asyncio.run_coroutine_threadsafe(next_batch(), loop).result():
            yield from batch

    return rows(), batches.aclose


async def photo_columns(session: AsyncSession, which: Filter) -> int:
    """The most photos one report in `which` has: the spreadsheet's photo columns, known before
    its first row is written."""
    per = which.filter(select(func.count().label("n")).select_from(ReportPhoto)
                       .join(Report, Report.id == ReportPhoto.report_id)
                       .where(Report.state != ReportState.DRAFT.value)
                       .group_by(ReportPhoto.report_id)).subquery()
    return max(await session.scalar(select(func.max(per.c.n))) or 0, 1)


def _cells(row: Row, texts: Texts, tz: dt.tzinfo) -> list[Any]:
    """A row's values in COLUMNS order: dates as dates, numbers as numbers, the rest text."""
    r = row.report
    return [
        r.id, row.unit_name or "", row.officer or "", r.day,
        texts(f"activity.{r.activity}") if r.activity else "", r.description or "",
        r.participants, r.link or "", row.plan or "", r.phase or "", r.theme or "",
        texts(f"report.state_{r.state}"), r.review_comment or "", len(row.photos),
        ", ".join(sorted({f"#{p.photo.duplicate_of}" for p in row.photos
                          if p.photo.duplicate_of})),
        r.created_at.astimezone(tz).replace(tzinfo=None),
    ]


def photo_cell(texts: Texts, n: int, photo: PhotoFile) -> str:
    """Where a report's `n`th photo is in the archive, or why it is not; never what the sender's
    device called it (the demo chat's file id is a local path)."""
    if photo.archive:
        return photo.archive
    if photo.photo.error:
        return refused_cell(texts, n, photo.photo.error)
    return texts("report.export_photo_pending", n=n)


def refused_cell(texts: Texts, n: int, error: str) -> str:
    """Why the `n`th photo is not there: given up, or removed under the retention rule."""
    why = problem(error)
    if why == "removed":
        return texts("report.export_photo_removed", n=n)
    return texts("report.export_photo_refused", n=n, why=texts(f"report.export_why_{why}"))


def _photo_columns(rows: Iterable[Row], most: int | None = None) -> list[str]:
    if most is None:
        most = max((len(r.photos) for r in rows), default=0)  # a list, read whole already
    return [f"Ảnh {i}" for i in range(1, max(most, 1) + 1)]


def csv_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as the text it is: a leading `'` before a formula start."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(path: Path, rows: Iterable[Row], texts: Texts, tz: dt.tzinfo,
              photos: int | None = None) -> int:
    """The reports as CSV; `photos` (the most photos of one report) lets `rows` be a stream.
    Returns how many reports it holds."""
    # UTF-8 with a BOM: Excel then shows Vietnamese letters correctly.
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        return write_csv_to(f, rows, texts, tz, photos)


def write_csv_to(f: Any, rows: Iterable[Row], texts: Texts, tz: dt.tzinfo,
                 photos: int | None = None, header: bool = True) -> int:
    photo_columns = _photo_columns(rows, photos)
    writer = csv.writer(f)
    if header:
        writer.writerow([*COLUMNS, *photo_columns])
    count = 0
    for row in rows:
        values = _cells(row, texts, tz)
        values[3] = values[3].strftime("%d/%m/%Y")
        values[-1] = values[-1].strftime("%d/%m/%Y %H:%M")
        links = [photo_cell(texts, n, p) for n, p in enumerate(row.photos, 1)]
        links += [""] * (len(photo_columns) - len(links))
        writer.writerow(csv_safe("" if v is None else v) for v in [*values, *links])
        count += 1
    return count


def _text_cell(cell: Any, value: str) -> None:
    """Set a cell to text that is never read as a formula, whatever it starts with."""
    cell.value = value
    cell.data_type = "s"


# What openpyxl reads as an error value rather than text (openpyxl.cell.cell.ERROR_CODES).
_ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))


def _as_text(sheet: Any, value: str, font: Any = None) -> Any:
    """A write-only cell's value that is text whatever it starts with: the plain string when
    openpyxl would take it as text anyway (most cells: no object made), else a typed cell."""
    if font is None and not value.startswith("=") and value not in _ERROR_CODES:
        return value  # checked first: this runs for most cells of a million rows
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet)
    _text_cell(cell, value)
    if font is not None:
        cell.font = font
    return cell


def _header(sheet: Any, names: Sequence[str], widths: Sequence[float]) -> None:
    """A write-only sheet's bold first row, its column widths, and the row kept in view."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    cells = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)


class _Links:
    """A write-only sheet's hyperlinks, kept in a temporary file instead of memory (openpyxl
    holds each one, and its relationship, until the sheet ends: a gigabyte for a million rows):
    written after the rows by the sheet's writer, and their relationships added to the file
    once openpyxl has saved it."""

    def __init__(self, sheet: Any, folder: Path) -> None:
        self.sheet, self.count = sheet, 0
        self.spool = (folder / "links.jsonl").open("w+", encoding="utf-8")

    def add(self, ref: str, target: str) -> None:
        self.spool.write(json.dumps([ref, target]) + "\n")
        self.count += 1

    def _each(self) -> Iterator[tuple[int, str, str]]:
        self.spool.flush()
        self.spool.seek(0)
        for n, line in enumerate(self.spool):
            ref, target = json.loads(line)
            yield n, ref, target

    def hook(self) -> None:
        """Write the hyperlinks where openpyxl writes its own (after the rows, in order)."""
        from openpyxl.worksheet.hyperlink import Hyperlink

        writer = self.sheet._writer  # made by the first append

        def write_hyperlinks() -> None:
            if not self.count:
                return
            xf = writer.xf.send(True)
            with xf.element("hyperlinks"):
                for n, ref, _ in self._each():
                    xf.write(Hyperlink(ref=ref, id=f"rIdL{n}").to_tree())
            writer.xf.send(None)

        writer.write_hyperlinks = write_hyperlinks

    def finish(self, path: Path) -> None:
        """Add the sheet's relationships (one per link) to the saved file, streamed."""
        from openpyxl.packaging.relationship import get_rels_path
        from openpyxl.xml.constants import PKG_REL_NS, REL_NS

        try:
            if not self.count:
                return
            name = get_rels_path(self.sheet.path)[1:]
            with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as book:
                if name in book.namelist():  # openpyxl wrote relationships of its own
                    raise RuntimeError(f"{name} exists")
                with book.open(name, "w", force_zip64=True) as raw, \
                        io.TextIOWrapper(raw, encoding="utf-8") as out:
                    out.write(f"<?xml version='1.0' encoding='UTF-8'?>\n<Relationships "
                              f"xmlns={quoteattr(PKG_REL_NS)}>")
                    for n, _, target in self._each():
                        out.write(f'<Relationship Id="rIdL{n}" Type="{REL_NS}/hyperlink" '
                                  f'Target={quoteattr(target)} TargetMode="External"/>')
                    out.write("</Relationships>")
        finally:
            self.spool.close()


def write_xlsx(path: Path, rows: Iterable[Row], totals: Totals, texts: Texts, tz: dt.tzinfo,
               kinds: Sequence[str], photos: int | None = None) -> int:
    """The reports sheet (one row per report, filters on) and the totals sheet, which holds
    exactly the Word report's tables for the same filter. Written row by row (openpyxl's
    write-only mode); `photos` (the most photos of one report) lets `rows` be a stream.
    Returns how many reports it holds."""
    import tempfile

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    count = 0
    # The file opened first: a folder that does not exist is said before any row is written.
    with path.open("wb") as out, tempfile.TemporaryDirectory(prefix="loa-xlsx-") as folder:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Báo cáo hoạt động")
        photo_columns = _photo_columns(rows, photos)
        names = [*COLUMNS, *photo_columns]
        _header(sheet, names, [*WIDTHS, *([34] * len(photo_columns))])
        link_style = Font(color="0563C1", underline="single")
        links = _Links(sheet, Path(folder))
        links.hook()
        for y, row in enumerate(rows, 2):
            values: list[Any] = [_as_text(sheet, v) if isinstance(v, str) else v
                                 for v in _cells(row, texts, tz)]
            for x, form in ((3, "DD/MM/YYYY"), (15, "DD/MM/YYYY HH:MM")):
                cell = WriteOnlyCell(sheet, value=values[x])
                cell.number_format = form
                values[x] = cell
            link = row.report.link
            if link and link.lower().startswith(("http://", "https://")):
                values[7] = _as_text(sheet, link, link_style)
                links.add(f"H{y}", link)
            for n, photo in enumerate(row.photos, 1):
                text = photo_cell(texts, n, photo)
                if photo.archive:  # relative: the ZIP unpacked beside this file
                    values.append(_as_text(sheet, text, link_style))
                    links.add(f"{get_column_letter(len(COLUMNS) + n)}{y}", photo.archive)
                else:
                    values.append(_as_text(sheet, text))
            sheet.append(values)
            count += 1
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{max(count + 1, 1)}"

        summary = book.create_sheet("Tổng hợp")
        unit_head, unit_rows = unit_table(totals, texts, kinds)
        _header(summary, unit_head, [6, 36, 12, 14, *([14] * (len(unit_head) - 4))])
        for values in unit_rows:
            summary.append([values[0], _as_text(summary, str(values[1])), *values[2:]])
        summary.append([])
        bold = Font(bold=True)
        head = []
        for name in kind_head(texts):
            cell = WriteOnlyCell(summary, value=name)
            cell.font = bold
            head.append(cell)
        summary.append(head)
        for values in kind_table(totals, texts, kinds)[1]:
            summary.append(values)
        if totals.quotas:
            quotas = book.create_sheet(texts("newcomer.quota_sheet"))
            _header(quotas, texts("newcomer.quota_head").split("|"), [6, 36, 36, 16, 10, 10, 12])
            for values in quota_table(totals, texts):
                quotas.append(values)
        book.save(out)
        out.close()
        links.finish(path)
    return count


def quota_table(totals: Totals, texts: Texts) -> list[list[Any]]:
    """Each unit's progress on each quota, in the quota's own period (`stats.quota_progress`)."""
    return [[i, p.unit.name, texts(f"activity.{p.activity}"),
             period_label(texts, p.per, p.start, p.end), p.done, p.count,
             texts("newcomer.quota_met" if p.met else "newcomer.quota_behind")]
            for i, p in enumerate(totals.quotas, 1)]


def unit_table(totals: Totals, texts: Texts, kinds: Sequence[str]
               ) -> tuple[list[str], list[list[Any]]]:
    """The table by unit, as both the Word report and the totals sheet show it; the last row is
    the total."""
    head = ["STT", "Đơn vị", "Số báo cáo", "Số người tham gia",
            *(texts(f"activity.{k}") for k in kinds)]
    rows: list[list[Any]] = [
        [i, u.unit.name, u.reports, u.participants, *(u.by_kind.get(k, 0) for k in kinds)]
        for i, u in enumerate(totals.units, 1)]
    rows.append(["", "Tổng cộng", totals.reports, totals.participants,
                 *(totals.kinds[k].reports if k in totals.kinds else 0 for k in kinds)])
    return head, rows


def kind_head(texts: Texts) -> list[str]:
    return ["STT", "Loại hoạt động", "Số hoạt động", "Số người tham gia"]


def kind_table(totals: Totals, texts: Texts, kinds: Sequence[str]
               ) -> tuple[list[str], list[list[Any]]]:
    head = kind_head(texts)
    rows: list[list[Any]] = [
        [i, texts(f"activity.{k}"), totals.kinds[k].reports, totals.kinds[k].participants]
        for i, k in enumerate(kinds, 1)]
    rows.append(["", "Tổng cộng", totals.reports, totals.participants])
    return head, rows


def shown_kinds(totals: Totals, campaign: Campaign | None = None) -> list[str]:
    """The kinds a table has columns for: the campaign's own, and any that was reported."""
    named = set(campaign.content.get("activities", [])) if campaign is not None else set()
    return [k for k, t in totals.kinds.items() if t.reports or k in named]


def _photo_files(rows: Iterable[Row]) -> Iterator[tuple[Row, PhotoFile]]:
    for row in rows:
        for photo in row.photos:
            yield row, photo


@dataclass(frozen=True)
class Zipped:
    photos: int  # photo files in the archive
    reports: int  # reports those photos belong to


def write_photo_zip(path: Path | BinaryIO, rows: Iterable[Row], storage_dir: Path,
                    texts: Texts) -> Zipped:
    """The stored photos of `rows`, a folder per unit, and `anh/index.csv` linking each file to
    its report; written file by file, so memory stays flat however large the archive (the index
    waits in a temporary file). `path` may be a stream that cannot seek (an HTTP response).
    Returns how many photos it holds, of how many reports (one not stored yet is listed in the
    index as such)."""
    import tempfile

    count = reports = 0
    last_report = None
    # JPEG and PNG are compressed already: stored as they are, quickly.
    with tempfile.TemporaryFile("w+", encoding="utf-8-sig", newline="") as index, \
            _LeanZip(path, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        writer = csv.writer(index)
        writer.writerow(INDEX_COLUMNS)
        for row, photo in _photo_files(rows):
            source = storage_dir / photo.photo.path if photo.photo.path else None
            if photo.archive and source is not None and source.is_file():
                archive.write(source, photo.archive)
                count += 1
                if last_report != row.report.id:  # rows come report by report
                    reports, last_report = reports + 1, row.report.id
                name = photo.archive.removeprefix(f"{PHOTO_FOLDER}/")
            elif photo.photo.error:  # given up: why, never the sender's file name
                name = refused_cell(texts, row.photos.index(photo) + 1, photo.photo.error)
            else:
                name = NOT_STORED
            r = row.report
            writer.writerow(csv_safe(v) for v in [
                name, r.id, row.unit_code or "", row.unit_name or "",
                r.day.strftime("%d/%m/%Y"), texts(f"activity.{r.activity}") if r.activity else "",
                texts(f"report.state_{r.state}"), photo.photo.sha256 or ""])
        index.flush()
        index.seek(0)
        with archive.open(INDEX_NAME, "w", force_zip64=True) as raw:
            while chunk := index.buffer.read(1 << 20):
                raw.write(chunk)
    return Zipped(count, reports)


class _Directory:
    """The central directory of a `_LeanZip`, written entry by entry to a temporary file as
    each file is added (what ZipFile.filelist would hold in memory: 500 bytes an entry)."""

    def __init__(self) -> None:
        import tempfile

        self.spool = tempfile.TemporaryFile()
        self.count = 0

    def append(self, zinfo: zipfile.ZipInfo) -> None:
        # As ZipFile._write_end_record writes each entry (CPython 3.11 to 3.13).
        z: Any = zipfile
        d = zinfo.date_time
        dosdate = (d[0] - 1980) << 9 | d[1] << 5 | d[2]
        dostime = d[3] << 11 | d[4] << 5 | (d[5] // 2)
        extra: list[int] = []
        file_size, compress_size = zinfo.file_size, zinfo.compress_size
        offset = zinfo.header_offset
        if file_size > z.ZIP64_LIMIT or compress_size > z.ZIP64_LIMIT:
            extra += [file_size, compress_size]
            file_size = compress_size = 0xFFFFFFFF
        if offset > z.ZIP64_LIMIT:
            extra.append(offset)
            offset = 0xFFFFFFFF
        extra_data, min_version = zinfo.extra, 0
        if extra:
            extra_data = struct.pack("<HH" + "Q" * len(extra), 1, 8 * len(extra),
                                     *extra) + z._strip_extra(extra_data, (1,))
            min_version = z.ZIP64_VERSION
        filename, flag_bits = zinfo._encodeFilenameFlags()  # type: ignore[attr-defined]
        self.spool.write(struct.pack(
            z.structCentralDir, z.stringCentralDir,
            max(min_version, zinfo.create_version), zinfo.create_system,
            max(min_version, zinfo.extract_version), zinfo.reserved, flag_bits,
            zinfo.compress_type, dostime, dosdate, zinfo.CRC, compress_size, file_size,
            len(filename), len(extra_data), len(zinfo.comment), 0, zinfo.internal_attr,
            zinfo.external_attr, offset) + filename + extra_data + zinfo.comment)
        self.count += 1

    def __len__(self) -> int:
        return self.count


class _Forgetful(dict):  # type: ignore[type-arg]
    """ZipFile.NameToInfo that keeps nothing: the archive's names are unique by construction."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


class _LeanZip(zipfile.ZipFile):
    """A ZipFile whose memory stays flat however many files it holds: the central directory
    waits in a temporary file, not in `filelist` (a million photos would cost 500 MB)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filelist: Any = _Directory()
        self.NameToInfo = _Forgetful()

    def _write_end_record(self) -> None:
        z: Any = zipfile
        fp: Any = self.fp
        directory = self.filelist
        directory.spool.seek(0)
        while chunk := directory.spool.read(1 << 20):
            fp.write(chunk)
        directory.spool.close()
        end = fp.tell()
        start: int = self.start_dir  # type: ignore[attr-defined]
        count, size, offset = directory.count, end - start, start
        if count > z.ZIP_FILECOUNT_LIMIT or offset > z.ZIP64_LIMIT or size > z.ZIP64_LIMIT:
            fp.write(struct.pack(z.structEndArchive64, z.stringEndArchive64,
                                 44, 45, 45, 0, 0, count, count, size, offset))
            fp.write(struct.pack(z.structEndArchive64Locator, z.stringEndArchive64Locator,
                                 0, end, 1))
            count, size = min(count, 0xFFFF), min(size, 0xFFFFFFFF)
            offset = min(offset, 0xFFFFFFFF)
        fp.write(struct.pack(z.structEndArchive, z.stringEndArchive,
                             0, 0, count, count, size, offset, len(self._comment)))
        fp.write(self._comment)
        fp.flush()
