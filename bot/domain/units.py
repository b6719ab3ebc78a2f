"""Units form a tree: department → centre → ward, room or station."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import Clock
from bot.store.models import Unit

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,31}$")


class UnitError(ValueError):
    pass


def ascii_fold(text: str) -> str:
    """Vietnamese without diacritics: 'Đồng Hới' → 'Dong Hoi'."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def code_from_name(name: str) -> str:
    """Initials of the name, e.g. 'Trung tâm Y tế Hạ Long' → 'TTYTHL'."""
    words = re.findall(r"[A-Za-z0-9]+", ascii_fold(name))
    initials = "".join(w if w.isdigit() else w[0] for w in words).upper()
    return (initials or "DV")[:24]


async def add_unit(session: AsyncSession, clock: Clock, name: str, parent_code: str | None = None,
                   code: str | None = None) -> Unit:
    name = " ".join(name.split())
    if not 2 <= len(name) <= 200:
        raise UnitError("Tên đơn vị phải dài từ 2 đến 200 ký tự.")
    parent = None
    if parent_code:
        parent = await get_unit(session, parent_code)
        if parent is None:
            raise UnitError(f"Không có đơn vị mã {parent_code.upper()}.")
    same = await session.scalar(select(Unit).where(
        func.lower(Unit.name) == name.lower(),
        Unit.parent_id.is_(None) if parent is None else Unit.parent_id == parent.id))
    if same is not None:  # a second "Trạm Y tế phường Bãi Cháy" under one parent is a typo
        raise UnitError(f"Đã có đơn vị «{same.name}» (mã {same.code}) "
                        f"{'trực thuộc ' + parent.code if parent else 'ở cấp cao nhất'}; "
                        "không thêm lần nữa.")
    if code:
        code = code.upper()
        if not CODE_RE.match(code):
            raise UnitError("Mã đơn vị chỉ gồm chữ in hoa không dấu, số, _ hoặc -, tối đa 32 ký tự.")
        if await get_unit(session, code):
            raise UnitError(f"Mã {code} đã được dùng.")
    else:
        code = await _free_code(session, code_from_name(name))
    unit = Unit(code=code, name=name, parent_id=parent.id if parent else None, created_at=clock.now())
    session.add(unit)
    await session.flush()
    return unit


async def _free_code(session: AsyncSession, base: str) -> str:
    taken = set(
        (await session.scalars(select(Unit.code).where(Unit.code.like(f"{base}%")))).all()
    )
    if base not in taken:
        return base
    n = 2
    while f"{base}{n}" in taken:
        n += 1
    return f"{base}{n}"


async def get_unit(session: AsyncSession, code: str) -> Unit | None:
    return await session.scalar(select(Unit).where(Unit.code == code.upper()))


async def list_units(session: AsyncSession) -> list[tuple[Unit, int]]:
    """All units in tree order, each with its depth."""
    units = list((await session.scalars(select(Unit).order_by(Unit.name))).unique())
    children: dict[int | None, list[Unit]] = {}
    for u in units:
        children.setdefault(u.parent_id, []).append(u)
    out: list[tuple[Unit, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for u in children.get(parent, []):
            out.append((u, depth))
            walk(u.id, depth + 1)

    walk(None, 0)
    return out


async def unit_path(session: AsyncSession, unit: Unit | None) -> str:
    """'Trạm Y tế X — Trung tâm Y tế Y — Sở Y tế Z' (nearest first)."""
    parts: list[str] = []
    seen: set[int] = set()
    while unit is not None and unit.id not in seen:
        seen.add(unit.id)
        parts.append(unit.name)
        unit = await session.get(Unit, unit.parent_id) if unit.parent_id else None
    return " — ".join(parts)
