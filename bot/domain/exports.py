"""The files an office takes away: reports as a spreadsheet (xlsx or CSV) and the photos as a ZIP.

One writer for every edge (the `loa reports` commands, later the web console). Every text a
user wrote reaches a spreadsheet as text: xlsx cells are typed as strings, never formulas, and
CSV cells that a spreadsheet would read as a formula are escaped as OWASP recommends. Photo
names in the archive are made of dates, kinds and ids only, and the spreadsheet links to them
by the same relative path, so unpacking the ZIP beside the spreadsheet makes every link work.
"""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.texts import Texts
from bot.domain.campaigns import ACTIVITIES
from bot.domain.photos import problem
from bot.domain.prompts import period_label
from bot.domain.reports import photos_of
from bot.domain.stats import Scope, Totals
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


async def export_rows(session: AsyncSession, which: Filter) -> list[Row]:
    """Every sent report in `which` (drafts left out, withdrawn ones kept and marked), by day."""
    query = (select(Report, Unit.code, Unit.name, Officer.full_name, Campaign.plan_number)
             .join(Officer, Officer.id == Report.officer_id)
             .outerjoin(Unit, Unit.id == Report.unit_id)
             .outerjoin(Campaign, Campaign.id == Report.campaign_id)
             .where(Report.state != ReportState.DRAFT.value).order_by(Report.day, Report.id))
    query = which.filter(query)
    found = (await session.execute(query)).unique().all()
    photos = await photos_of(session, [r.id for r, *_ in found])
    rows = []
    for report, code, unit, officer, plan in found:
        files, n = [], 0
        for photo in photos[report.id]:
            archive = None
            if photo.path:
                n += 1
                archive = archive_path(code, report, n, photo.path)
            files.append(PhotoFile(photo, archive))
        rows.append(Row(report, code, unit, officer, plan, tuple(files)))
    return rows


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


def _photo_columns(rows: Sequence[Row]) -> list[str]:
    most = max((len(r.photos) for r in rows), default=0)
    return [f"Ảnh {i}" for i in range(1, max(most, 1) + 1)]


def csv_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as the text it is: a leading `'` before a formula start."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(path: Path, rows: Sequence[Row], texts: Texts, tz: dt.tzinfo) -> None:
    photo_columns = _photo_columns(rows)
    # UTF-8 with a BOM: Excel then shows Vietnamese letters correctly.
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow([*COLUMNS, *photo_columns])
        for row in rows:
            values = _cells(row, texts, tz)
            values[3] = values[3].strftime("%d/%m/%Y")
            values[-1] = values[-1].strftime("%d/%m/%Y %H:%M")
            links = [photo_cell(texts, n, p) for n, p in enumerate(row.photos, 1)]
            links += [""] * (len(photo_columns) - len(links))
            writer.writerow(csv_safe("" if v is None else v) for v in [*values, *links])


def _text_cell(cell: Any, value: str) -> None:
    """Set a cell to text that is never read as a formula, whatever it starts with."""
    cell.value = value
    cell.data_type = "s"


def _header(sheet: Any, names: Sequence[str], widths: Sequence[float]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for i, (name, width) in enumerate(zip(names, widths, strict=True), 1):
        cell = sheet.cell(row=1, column=i, value=name)
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"


def write_xlsx(path: Path, rows: Sequence[Row], totals: Totals, texts: Texts, tz: dt.tzinfo,
               kinds: Sequence[str]) -> None:
    """The reports sheet (one row per report, filters on) and the totals sheet, which holds
    exactly the Word report's tables for the same filter."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo hoạt động"
    photo_columns = _photo_columns(rows)
    names = [*COLUMNS, *photo_columns]
    _header(sheet, names, [*WIDTHS, *([34] * len(photo_columns))])
    link_style = Font(color="0563C1", underline="single")
    for y, row in enumerate(rows, 2):
        for x, value in enumerate(_cells(row, texts, tz), 1):
            cell = sheet.cell(row=y, column=x)
            if isinstance(value, str):
                _text_cell(cell, value)
            else:
                cell.value = value
        sheet.cell(row=y, column=4).number_format = "DD/MM/YYYY"
        sheet.cell(row=y, column=16).number_format = "DD/MM/YYYY HH:MM"
        link = row.report.link
        if link and link.lower().startswith(("http://", "https://")):
            sheet.cell(row=y, column=8).hyperlink = link
            sheet.cell(row=y, column=8).font = link_style
        for n, photo in enumerate(row.photos, 1):
            cell = sheet.cell(row=y, column=len(COLUMNS) + n)
            _text_cell(cell, photo_cell(texts, n, photo))
            if photo.archive:
                cell.hyperlink = photo.archive  # relative: the ZIP unpacked beside this file
                cell.font = link_style
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{max(len(rows) + 1, 1)}"

    summary = book.create_sheet("Tổng hợp")
    unit_head, unit_rows = unit_table(totals, texts, kinds)
    kind_head, kind_rows = kind_table(totals, texts, kinds)
    _header(summary, unit_head, [6, 36, 12, 14, *([14] * (len(unit_head) - 4))])
    for values in unit_rows:
        summary.append([values[0], None, *values[2:]])
        _text_cell(summary.cell(row=summary.max_row, column=2), str(values[1]))
    summary.append([])
    start = summary.max_row + 1
    summary.append(kind_head)
    for cell in summary[start]:
        cell.font = Font(bold=True)
    for values in kind_rows:
        summary.append(values)
    if totals.quotas:
        quotas = book.create_sheet(texts("newcomer.quota_sheet"))
        head = texts("newcomer.quota_head").split("|")
        _header(quotas, head, [6, 36, 36, 16, 10, 10, 12])
        for values in quota_table(totals, texts):
            quotas.append(values)
    book.save(path)


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


def kind_table(totals: Totals, texts: Texts, kinds: Sequence[str]
               ) -> tuple[list[str], list[list[Any]]]:
    head = ["STT", "Loại hoạt động", "Số hoạt động", "Số người tham gia"]
    rows: list[list[Any]] = [
        [i, texts(f"activity.{k}"), totals.kinds[k].reports, totals.kinds[k].participants]
        for i, k in enumerate(kinds, 1)]
    rows.append(["", "Tổng cộng", totals.reports, totals.participants])
    return head, rows


def shown_kinds(totals: Totals, campaign: Campaign | None = None) -> list[str]:
    """The kinds a table has columns for: the campaign's own, and any that was reported."""
    named = set(campaign.content.get("activities", [])) if campaign is not None else set()
    return [k for k, t in totals.kinds.items() if t.reports or k in named]


def _photo_files(rows: Sequence[Row]) -> Iterator[tuple[Row, PhotoFile]]:
    for row in rows:
        for photo in row.photos:
            yield row, photo


@dataclass(frozen=True)
class Zipped:
    photos: int  # photo files in the archive
    reports: int  # reports those photos belong to


def write_photo_zip(path: Path, rows: Sequence[Row], storage_dir: Path, texts: Texts) -> Zipped:
    """The stored photos of `rows`, a folder per unit, and `anh/index.csv` linking each file to
    its report; written file by file, so memory stays flat however large the archive. Returns
    how many photos it holds, of how many reports (one not stored yet is listed in the index
    as such)."""
    count = 0
    of_reports: set[int] = set()
    index: list[list[Any]] = []
    # JPEG and PNG are compressed already: stored as they are, quickly.
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for row, photo in _photo_files(rows):
            source = storage_dir / photo.photo.path if photo.photo.path else None
            if photo.archive and source is not None and source.is_file():
                archive.write(source, photo.archive)
                count += 1
                of_reports.add(row.report.id)
                name = photo.archive.removeprefix(f"{PHOTO_FOLDER}/")
            elif photo.photo.error:  # given up: why, never the sender's file name
                name = refused_cell(texts, row.photos.index(photo) + 1, photo.photo.error)
            else:
                name = NOT_STORED
            r = row.report
            index.append([name, r.id, row.unit_code or "", row.unit_name or "",
                          r.day.strftime("%d/%m/%Y"),
                          texts(f"activity.{r.activity}") if r.activity else "",
                          texts(f"report.state_{r.state}"), photo.photo.sha256 or ""])
        with archive.open(INDEX_NAME, "w") as raw, _text(raw) as f:
            writer = csv.writer(f)
            writer.writerow(INDEX_COLUMNS)
            writer.writerows([csv_safe(v) for v in line] for line in index)
    return Zipped(count, len(of_reports))


def _text(raw: Any) -> Any:
    import io

    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
