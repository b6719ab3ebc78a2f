"""The official report's draft: "Báo cáo kết quả thực hiện Kế hoạch …" as a Word file in the
layout of Nghị định 30/2020/NĐ-CP, with the numbers of `bot.domain.stats` and an appendix of
the best photo of each unit.

Built with python-docx rather than a docxtpl template: the decree fixes the layout, the tables
grow with the units and kinds, and a template edited in Word tends to split its `{{ }}` tags
across runs and break silently; the office edits the draft it gets instead, and every sentence
is a text in messages/vi.toml. What the office must write itself is marked `[ … ]` and
highlighted, never invented.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.texts import Texts
from bot.domain.campaigns import plan_ref
from bot.domain.exports import shown_kinds, unit_table
from bot.domain.photos import PHOTO_BUDGET as PHOTO_BUDGET  # the budget of the copies
from bot.domain.photos import REMOVED, copy_path, report_jpeg
from bot.domain.reports import COUNTED
from bot.domain.stats import Scope, Totals, progress_text, totals
from bot.store.models import Campaign, Report, ReportPhoto, ReportState, Unit

FONT = "Times New Roman"
PHOTO_WIDTH_MM = 76  # two to a row inside the 165 mm between the margins


@dataclass(frozen=True)
class BestPhoto:
    unit: Unit
    path: str  # relative to the storage folder
    day: dt.date
    activity: str | None


@dataclass(frozen=True)
class ReportData:
    """Everything the draft says, gathered in one transaction."""

    campaign: Campaign
    issuer: Unit | None  # the unit that reports (the --unit, or the department at the top)
    parent: Unit | None
    start: dt.date
    end: dt.date
    today: dt.date
    totals: Totals
    kinds: list[str]
    photos: list[BestPhoto]
    removed_photos: int = 0  # photos of the period's reports removed under the retention rule


async def gather(session: AsyncSession, campaign: Campaign, today: dt.date,
                 start: dt.date | None = None, end: dt.date | None = None,
                 unit: Unit | None = None, unit_ids: Collection[int] | None = None) -> ReportData:
    """The draft's facts for `campaign` over [start, end] (default: its start to today, cut to
    its end), for `unit` and its sub-units (`unit_ids`) or for every unit."""
    start = start or campaign.start
    end = end or min(today, campaign.end)
    scope = Scope(start=start, end=end, campaign_ids=[campaign.id], unit_ids=unit_ids)
    numbers = await totals(session, scope, campaign)
    issuer = unit or await _top_unit(session)
    parent = await session.get(Unit, issuer.parent_id) if issuer and issuer.parent_id else None
    return ReportData(campaign, issuer, parent, start, end, today, numbers,
                      shown_kinds(numbers, campaign), await best_photos(session, scope, numbers),
                      await removed_photos(session, scope))


async def removed_photos(session: AsyncSession, scope: Scope) -> int:
    """How many photos of the counted reports were removed under the retention rule."""
    query = (select(func.count()).select_from(Report)
             .join(ReportPhoto, ReportPhoto.report_id == Report.id)
             .where(Report.state.in_(COUNTED), ReportPhoto.error.startswith(REMOVED)))
    return await session.scalar(scope.filter(query)) or 0


async def _top_unit(session: AsyncSession) -> Unit | None:
    return await session.scalar(select(Unit).where(Unit.parent_id.is_(None)).order_by(Unit.id))


async def best_photos(session: AsyncSession, scope: Scope, numbers: Totals) -> list[BestPhoto]:
    """The best stored photo of each unit in the table: of a report reviewed "Đạt" first, then
    of the most recent report."""
    # The ranking done by the database (a window per unit): a million photo rows never reach
    # Python. Ties between photos of one report: the first kept.
    rank = func.row_number().over(partition_by=Report.unit_id, order_by=(
        case((Report.state == ReportState.APPROVED.value, 1), else_=0).desc(),
        Report.day.desc(), Report.id.desc(), ReportPhoto.id))
    ranked = scope.filter(
        select(Report.unit_id, Report.day, Report.activity, ReportPhoto.path, rank.label("n"))
        .join(ReportPhoto, ReportPhoto.report_id == Report.id)
        .where(Report.state.in_(COUNTED), ReportPhoto.path.is_not(None),
               ReportPhoto.error.is_(None))).subquery()
    best = {unit_id: (day, activity, path) for unit_id, day, activity, path in (
        await session.execute(select(ranked.c.unit_id, ranked.c.day, ranked.c.activity,
                                     ranked.c.path).where(ranked.c.n == 1))).all()}
    return [BestPhoto(u.unit, best[u.unit.id][2], best[u.unit.id][0], best[u.unit.id][1])
            for u in numbers.units if u.unit.id in best]


def file_name(campaign: Campaign, today: dt.date) -> str:
    """`bao-cao-<plan number in ASCII>-<date>.docx`: safe on every system and in every chat."""
    from bot.domain.units import ascii_fold

    safe = "".join(ch if ch.isascii() and ch.isalnum() else "-"
                   for ch in ascii_fold(campaign.plan_number))
    parts = [part for part in safe.split("-") if part]
    if [p.casefold() for p in parts[:2]] == ["ke", "hoach"]:
        parts = parts[2:]  # a plan named by its title: "bao-cao-ke-hoach-…" says it twice
    while parts and len("-".join(parts)) > 60:
        parts.pop()  # whole words only: «…-72-NQ-TW», never «…-72-NQ-T»
    return f"bao-cao-{'-'.join(parts) or campaign.id}-{today:%Y%m%d}.docx"


def compress(path: Path) -> bytes | None:
    """A photo made small for the appendix (upright, JPEG, within PHOTO_BUDGET); None when the
    file is missing, not an image Pillow can read, or too large to decode. The photo fetcher
    makes it once per photo (`photos.derive`); the report only reads what it made."""
    return report_jpeg(path)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _place(unit: Unit | None, t: Texts) -> str:
    """The place in the date line: the province in a "Sở Y tế …" name, else left to fill."""
    name = unit.name if unit else ""
    for prefix in ("Sở Y tế ", "Trung tâm Y tế ", "Bệnh viện "):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):].removeprefix("tỉnh ").removeprefix("thành phố ")
    return t("docx.place_unknown")


def build(data: ReportData, t: Texts, storage_dir: Path) -> bytes:
    """The draft as .docx bytes."""
    from docx import Document

    doc = Document()
    _page(doc)
    _heading_block(doc, data, t)
    _body(doc, data, t)
    _signature(doc, data, t)
    _appendix(doc, data, t, storage_dir)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# -- layout ----------------------------------------------------------------------------------


def _page(doc: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    # Word picks the font for Vietnamese letters from the East Asian and complex-script slots too.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(0), Pt(6)
    style.paragraph_format.line_spacing = 1.15


def _para(where: Any, text: str = "", *, bold: bool = False, italic: bool = False,
          size: float | None = None, align: str = "justify", indent: bool = False,
          after: float | None = None, highlight: bool = False) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
    from docx.shared import Cm, Pt

    p = where.add_paragraph()
    p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT}.get(align, WD_ALIGN_PARAGRAPH.JUSTIFY)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1)
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold or None, italic or None
        if size:
            run.font.size = Pt(size)
        if highlight:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return p


def _cell_para(cell: Any, text: str, **kw: Any) -> Any:
    """Write into a table cell: its first (empty) paragraph, then new ones."""
    first = cell.paragraphs[0]
    if not first.text and not first.runs:
        p = _para(cell, text, **kw)
        first._element.getparent().remove(first._element)
        return p
    return _para(cell, text, **kw)


def _short_rule(where: Any, width_mm: float, span_mm: float) -> None:
    """The short line under a heading: an empty paragraph narrowed to `width_mm`, centred in
    `span_mm`, with a bottom border (a drawn line would not survive every converter)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    paragraph = where.add_paragraph()
    side = Mm(max((span_mm - width_mm) / 2, 0))
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = side
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), Pt(2)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)


def _no_borders(table: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    props.append(borders)


def _widths(table: Any, widths_mm: Sequence[float]) -> None:
    """Fixed column widths, in the grid as well as the cells (LibreOffice reads the grid)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(_cells(row), widths_mm, strict=True):
            cell.width = Mm(width)


def _cells(row: Any) -> list[Any]:
    """A table row's cells (no merged cells in Loa's tables). python-docx's `row.cells` and
    `table.cell()` rebuild the whole table's cells on every call: quadratic in rows, 114 s for
    the 2,000 units of a national report."""
    from docx.table import _Cell

    return [_Cell(tc, row.table) for tc in row._tr.tc_lst]


def _picture(run: Any, jpeg: bytes, width: Any, shape_id: int) -> None:
    """`run.add_picture` with the drawing's id given: python-docx finds a free id by reading
    every id of the document for each picture (100 s for 2,000 photos)."""
    from docx.oxml.shape import CT_Inline

    rel_id, image = run.part.get_or_add_image(io.BytesIO(jpeg))
    cx, cy = image.scaled_dimensions(width, None)
    run._r.add_drawing(CT_Inline.new_pic_inline(shape_id, rel_id, image.filename, cx, cy))


def _heading_block(doc: Any, data: ReportData, t: Texts) -> None:
    """The two-column header, the number and date line, the title and the subject."""
    left_mm, right_mm = 70, 95
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    _widths(table, (left_mm, right_mm))
    left, right = table.cell(0, 0), table.cell(0, 1)
    if data.parent is not None:
        _cell_para(left, data.parent.name.upper(), size=13, align="center", after=0)
    name = data.issuer.name.upper() if data.issuer else ""
    _cell_para(left, name, bold=True, size=13, align="center", after=0)
    _short_rule(left, 22, left_mm)
    _cell_para(right, t("docx.country"), bold=True, size=12, align="center", after=0)
    _cell_para(right, t("docx.motto"), bold=True, size=13, align="center", after=0)
    _short_rule(right, 58, right_mm)
    code = data.issuer.code if data.issuer else ""
    _cell_para(table.cell(1, 0), t("docx.number", code=code), size=13, align="center")
    _cell_para(table.cell(1, 1), t("docx.place_date", place=_place(data.issuer, t),
                                   day=f"{data.today.day:02d}", month=f"{data.today.month:02d}",
                                   year=data.today.year),
               italic=True, size=14, align="center")
    _para(doc, "", after=6)
    _para(doc, t("docx.title"), bold=True, size=14, align="center", after=0)
    c = data.campaign
    issued = c.content.get("issued_on")
    _para(doc, t("docx.subject", plan=plan_ref(t, c.plan_number), issuer=c.issuer,
                 issued=_date(dt.date.fromisoformat(issued)) if issued
                 else t("docx.issued_unknown")), bold=True, size=14, align="center", after=0)
    _para(doc, t("docx.about", title=_lower_first(c.title)), bold=True, size=14, align="center",
          after=0)
    _short_rule(doc, 40, 165)


def _lower_first(text: str) -> str:
    """"Truyền thông …" reads "về truyền thông …"; an acronym ("COVID-19 …") is kept."""
    return text[0].lower() + text[1:] if text[1:2].islower() else text  # [1:2]: len >= 2


def _body(doc: Any, data: ReportData, t: Texts) -> None:
    c, numbers = data.campaign, data.totals
    unit_name = data.issuer.name if data.issuer else ""
    issued = c.content.get("issued_on")
    _para(doc, t("docx.part_plan"), bold=True)
    _para(doc, t("docx.plan_text", plan=plan_ref(t, c.plan_number), issuer=c.issuer, title=_lower_first(
        c.title), issued=_date(dt.date.fromisoformat(issued)) if issued
        else t("docx.issued_unknown"), start=_date(c.start), end=_date(c.end), unit=unit_name,
        from_day=_date(data.start), to_day=_date(data.end)), indent=True)
    phases = _phases_in(c, data.start, data.end)
    for name, start, end in phases:
        _para(doc, t("docx.phase_line", name=name, start=_date(start), end=_date(end)),
              indent=True)
    if not phases:
        _para(doc, t("docx.period_none"), indent=True)
    reported = sum(1 for u in numbers.units if u.reports)
    _para(doc, t("docx.units_line", reported=reported, units=len(numbers.units),
                 reports=numbers.reports), indent=True)

    _para(doc, t("docx.part_results"), bold=True)
    _para(doc, t("docx.by_kind"), bold=True, indent=True)
    lines = [t("docx.kind_line", kind=t(f"activity.{k}"), n=numbers.kinds[k].reports,
               people=numbers.kinds[k].participants)
             for k in data.kinds if numbers.kinds[k].reports]
    for line in lines or [t("docx.kind_line_none")]:
        _para(doc, line, indent=True)
    _para(doc, t("docx.by_unit"), bold=True, indent=True)
    _unit_table(doc, data, t)
    silent = [u.name for u in numbers.silent]
    if silent:  # the heading bold, the names that follow it not
        para = _para(doc, t("docx.silent_head"), bold=True, indent=True)
        para.add_run(t("docx.silent_names", units=", ".join(silent)))
    else:
        _para(doc, t("docx.silent_none"), bold=True, indent=True)

    _para(doc, t("docx.part_assessment"), bold=True)
    for key in ("docx.strengths", "docx.weaknesses", "docx.proposals"):
        _para(doc, t(key), bold=True, indent=True)
        _para(doc, t("docx.placeholder"), italic=True, indent=True, highlight=True)
    _para(doc, t("docx.closing", plan=plan_ref(t, c.plan_number), unit=unit_name), indent=True)


def _phases_in(campaign: Campaign, start: dt.date, end: dt.date
               ) -> list[tuple[str, dt.date, dt.date]]:
    from bot.domain.campaigns import phase_on

    out: list[tuple[str, dt.date, dt.date]] = []
    day = max(start, campaign.start)
    while day <= min(end, campaign.end):
        phase = phase_on(campaign.content, day)
        if phase is None:
            day += dt.timedelta(days=1)
            continue
        out.append((phase.name, max(phase.start, start), min(phase.end, end)))
        day = phase.end + dt.timedelta(days=1)
    return out


def _unit_table(doc: Any, data: ReportData, t: Texts) -> None:
    """STT · Đơn vị · Số báo cáo · Loại hoạt động · Số người tham gia · Chỉ tiêu: the same
    rows as the spreadsheet's totals sheet, with the kinds in one cell to fit the page."""
    from docx.shared import Pt

    head, rows = unit_table(data.totals, t, data.kinds)
    quotas = data.totals.quotas
    columns = [head[0], head[1], head[2], t("docx.unit_col_kinds"), head[3]]
    if quotas:
        columns.append(t("docx.unit_col_quota"))
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        _cell_para(cell, name, bold=True, size=12, align="center", after=0)
    progress: dict[str, list[str]] = {}
    for p in quotas:
        progress.setdefault(p.unit.name, []).append(progress_text(t, p))
    for values in rows:
        cells = _cells(table.add_row())
        total_row = values[0] == ""
        kinds = "\n".join(f"{t(f'activity.{k}')}: {n}" for k, n in zip(
            data.kinds, values[4:], strict=True) if n)
        texts = [str(values[0]), str(values[1]), str(values[2]), kinds, str(values[3])]
        if quotas:
            texts.append("" if total_row else "\n".join(progress.get(values[1], [])))
        for i, (cell, text) in enumerate(zip(cells, texts, strict=True)):
            _cell_para(cell, text, bold=total_row, size=12,
                       align="left" if i in (1, 3, 5) else "center", after=0)
    _widths(table, (13, 36, 17, 39, 19, 41) if quotas else (13, 55, 22, 50, 25))
    _rows_whole(table)
    for row in table.rows:
        for cell in _cells(row):
            for p in cell.paragraphs:
                p.paragraph_format.line_spacing = 1.0
                for run in p.runs:
                    run.font.size = Pt(12)
    _para(doc, "", after=0)


def _rows_whole(table: Any) -> None:
    """A row is never split across pages, and the header row repeats on the next page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for i, row in enumerate(table.rows):
        props = row._tr.get_or_add_trPr()
        keep = OxmlElement("w:cantSplit")
        keep.set(qn("w:val"), "true")
        props.append(keep)
        if i == 0:
            head = OxmlElement("w:tblHeader")
            head.set(qn("w:val"), "true")
            props.append(head)


def _signature(doc: Any, data: ReportData, t: Texts) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, (80, 85))
    left, right = table.cell(0, 0), table.cell(0, 1)
    _cell_para(left, t("docx.recipients"), bold=True, italic=True, size=12, align="left",
               after=0)
    _cell_para(left, t("docx.recipient_issuer", issuer=data.campaign.issuer), size=11,
               align="left", after=0)
    _cell_para(left, t("docx.recipient_archive"), size=11, align="left", after=0)
    _cell_para(right, t("docx.signer_title"), bold=True, size=13, align="center", after=0,
               highlight=True)
    _cell_para(right, t("docx.signer_hint"), italic=True, size=13, align="center", after=48)
    _cell_para(right, t("docx.signer_name"), bold=True, size=14, align="center",
               highlight=True)


def _appendix(doc: Any, data: ReportData, t: Texts, storage_dir: Path) -> None:
    from docx.enum.text import WD_BREAK
    from docx.shared import Mm

    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(doc, t("docx.appendix"), bold=True, size=14, align="center", after=0)
    _para(doc, t("docx.appendix_title"), bold=True, size=14, align="center", after=0)
    code = data.issuer.code if data.issuer else ""
    _para(doc, t("docx.appendix_ref", code=code, date=_date(data.today)), italic=True, size=13,
          align="center")
    if data.removed_photos:
        _para(doc, t("docx.appendix_removed", n=data.removed_photos), italic=True, size=12,
              align="center")
    # The copies the photo fetcher made; nothing is decoded here. One not made (yet) is left out.
    shrunk = [_read(copy_path(storage_dir, Path(p.path).stem)) for p in data.photos]
    pictures = list(zip(data.photos, shrunk, strict=True))
    pictures = [(p, b) for p, b in pictures if b is not None]
    if not pictures:
        _para(doc, t("docx.appendix_none"), italic=True, align="center")
        return
    table = doc.add_table(rows=(len(pictures) + 1) // 2, cols=2)
    _no_borders(table)
    _widths(table, (82.5, 82.5))
    rows = list(table.rows)
    first_id = doc.part.next_id  # searched once: python-docx searches the document per picture
    for n, (photo, jpeg) in enumerate(pictures, 1):
        cell = _cells(rows[(n - 1) // 2])[(n - 1) % 2]
        p = _cell_para(cell, "", align="center", after=2)
        _picture(p.add_run(), jpeg, Mm(PHOTO_WIDTH_MM), first_id + n - 1)
        _cell_para(cell, t("docx.photo_caption", n=n, unit=photo.unit.name, day=_date(photo.day),
                           activity=t(f"activity.{photo.activity}") if photo.activity else "—"),
                   italic=True, size=11, align="center", after=10)
