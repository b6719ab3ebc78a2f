"""Bulk onboarding from the staff list a department already keeps in Excel: one single-use
invite per person, written back into a copy of the sheet with each person's link and QR code.

Columns (found by their header, in any order; else taken as A–E): unit code, full name,
position, role, phone. Every row is checked before anything is created: one bad row, and
nothing is.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.errors import Invalid
from bot.core.texts import Texts
from bot.core.validate import person_name
from bot.domain.invites import qr_png
from bot.domain.officers import ROLE_WORDS
from bot.domain.units import ascii_fold
from bot.store.models import Role, Unit

FIELDS = ("unit", "name", "position", "role", "phone")
# Header words (folded: no diacritics, lower case) that name each column.
HEADERS = {
    "unit": ("ma don vi", "don vi", "ma dv"),
    "name": ("ho va ten", "ho ten", "ten"),
    "position": ("chuc vu", "vi tri", "cong viec"),
    "role": ("vai tro", "quyen"),
    "phone": ("dien thoai", "so dien thoai", "sdt"),
}
QR_PIXELS = 110  # printed about 3 cm wide: scannable from a sheet handed round a meeting
MAX_ROWS = 5000


class RosterError(Exception):
    """The sheet cannot be imported; `problems` lists every row's problem (Vietnamese)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Person:
    row: int  # the sheet's row number, as Excel shows it
    unit: str
    name: str
    position: str
    role: Role
    phone: str
    code: str = ""
    link: str = ""


def _fold(value: Any) -> str:
    return " ".join(ascii_fold(str(value or "")).lower().split())


def role_from(value: Any, texts: Texts) -> Role | None:
    """"daumoi", "focal" or the chat's own name ("Đầu mối báo cáo"); empty: an officer."""
    word = _fold(value).replace(" ", "")
    if not word:
        return Role.OFFICER
    if word in ROLE_WORDS:
        return ROLE_WORDS[word]
    for role in Role:
        if _fold(texts(f"role.{role.value}")).replace(" ", "") == word:
            return role
    return None


def _columns(header: list[Any]) -> tuple[dict[str, int], bool]:
    """Column index of each field, and whether the first row is a header."""
    folded = [_fold(h) for h in header]
    found = {}
    for field, names in HEADERS.items():
        for i, h in enumerate(folded):
            if h in names and i not in found.values():
                found[field] = i
                break
    if {"unit", "name"} <= found.keys():
        return found, True
    return {field: i for i, field in enumerate(FIELDS)}, False


PHONE = re.compile(r"\+?[0-9][0-9 .()-]*")


def phone_problem(phone: str) -> bool:
    """A phone number as people write one («0912 345 678», «+84 912.345.678»): 9 to 12 digits."""
    digits = sum(ch.isdigit() for ch in phone)
    return not (PHONE.fullmatch(phone) and 9 <= digits <= 12)


def read(path: Path, texts: Texts, known_units: set[str] | None = None
         ) -> tuple[list[Person], Any, dict[str, int]]:
    """The people on the first sheet; RosterError with every problem found at once (unit codes
    too, when `known_units` is given)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path)
    except FileNotFoundError:
        raise RosterError([f"{path}: không tìm thấy tệp"]) from None
    except Exception:  # openpyxl raises several kinds for a file that is not a workbook
        raise RosterError([f"{path}: không đọc được — cần tệp Excel .xlsx"]) from None
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        raise RosterError([f"{path}: bảng trống"])
    columns, has_header = _columns(list(rows[0]))
    people, problems = [], []
    first = 2 if has_header else 1
    for number, row in enumerate(rows[first - 1:], first):
        cells = {f: (row[i] if i < len(row) else None) for f, i in columns.items()}
        if all(v is None or not str(v).strip() for v in cells.values()):
            continue  # a blank line between groups
        where = f"{path.name}: dòng {number}"
        unit = str(cells.get("unit") or "").strip().upper()
        raw_name = str(cells.get("name") or "").strip()
        name = ""
        if not raw_name:
            problems.append(f"{where}: thiếu họ và tên")  # the sheet's words, not the chat's
        else:
            try:
                name = person_name(raw_name)
            except Invalid as exc:
                problems.append(f"{where}: họ và tên «{raw_name}» — "
                                f"{texts(exc.key, **exc.values)}")
        role = role_from(cells.get("role"), texts)
        if role is None:
            problems.append(f"{where}: vai trò «{cells.get('role')}» không có; dùng canbo, "
                            "daumoi, duyet hoặc quantri")
        if not unit:
            problems.append(f"{where}: thiếu mã đơn vị")
        elif known_units is not None and unit not in known_units:
            problems.append(f"{where}: không có đơn vị mã {unit} (xem: loa unit list)")
        phone = re.sub(r"\s+", " ", str(cells.get("phone") or "")).strip()
        if phone and phone_problem(phone):
            problems.append(f"{where}: số điện thoại «{phone[:30]}» chưa đúng (9–12 chữ số, "
                            "ví dụ 0912 345 678)")
        position = " ".join(str(cells.get("position") or "").split())[:100]
        people.append(Person(number, unit, name, position, role or Role.OFFICER, phone))
    if not people:
        problems.append(f"{path}: không có dòng nào có tên cán bộ")
    if len(people) > MAX_ROWS:
        problems.append(f"{path}: quá {MAX_ROWS} dòng; hãy chia thành nhiều tệp")
    if problems:
        raise RosterError(problems)
    return people, book, {**columns, "_header": int(has_header)}


async def unit_codes(session: AsyncSession) -> set[str]:
    return set((await session.scalars(select(Unit.code))).all())


def write_copy(book: Any, people: list[Person], columns: dict[str, int], out: Path,
               texts: Texts) -> None:
    """The sheet as it was, plus each person's code, how to join, and a QR code."""
    from openpyxl.drawing.image import Image
    from openpyxl.utils import get_column_letter

    sheet = book.worksheets[0]
    first_free = max(sheet.max_column, len(FIELDS)) + 1
    titles = (texts("roster.col_code"), texts("roster.col_link"), texts("roster.col_qr"))
    header_row = 1 if columns["_header"] else None
    if header_row is None:  # no header: make one, so the added columns are named
        sheet.insert_rows(1)
        for p in people:
            p.row += 1
        header_row = 1
    for offset, title in enumerate(titles):
        sheet.cell(row=header_row, column=first_free + offset, value=title)
    code_col, link_col, qr_col = (get_column_letter(first_free + i) for i in range(3))
    sheet.column_dimensions[link_col].width = 45
    sheet.column_dimensions[qr_col].width = 17
    for p in people:
        how = p.link or texts("roster.no_link", code=p.code)
        sheet[f"{code_col}{p.row}"] = p.code
        sheet[f"{link_col}{p.row}"] = how
        # The cell holds what the QR code says, for whoever reads the sheet without pictures.
        sheet[f"{qr_col}{p.row}"] = p.link or f"/start {p.code}"
        image = Image(io.BytesIO(qr_png(p.link or f"/start {p.code}", box_size=4)))
        image.width = image.height = QR_PIXELS
        sheet.add_image(image, f"{qr_col}{p.row}")
        sheet.row_dimensions[p.row].height = QR_PIXELS * 0.78  # points, to fit the image
    book.save(out)
