"""Dates as plans write them: 30/11/2025, 27/2, "ngày 19 tháng 8 năm 2025", "hết tháng 4/2026".

Everything here reads the folded, lower-case text (see text.fold). A date without a year takes
the plan's year, or the next one when it would fall before the plan's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

D = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?"
DATE = re.compile(r"(?<![\d/])" + D + r"(?![\d/])")
LONG_DATE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+n[a-z]{1,3}m\s+(\d{4})")
# The date of another document ("Kế hoạch số 171/KH-UBND ngày 30/6/2025") is cited, not an event.
_CITED = re.compile(
    r"(?:\b(?:so|s6|s0|so6)\s*[:.]?\s*\d{1,5}\s*[-/][\w/.\- ]{0,25}?|"
    r"(?:nghi quyet|quyet dinh|ke hoach|cong van|thong bao|chi thi|ket luan|thong tu|nghi dinh|"
    r"van ban|huong dan|luat)\b[^,;:()]{0,25}?)[,\s]*(?:ngay|ngay ban hanh)\s*$")
_MONTH_END = re.compile(r"(?:het\s+)?thang\s+(\d{1,2})\s*[/.-]\s*(\d{4})")
_YEAR_END = re.compile(r"(?:het\s+)?nam\s+(\d{4})")


def is_cited(low: str, start: int) -> bool:
    """Whether the date at `start` is another document's date."""
    return bool(_CITED.search(low[max(0, start - 70):start]))


def make(day: int, month: int, year: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve(day: str, month: str, year: str | None, plan_day: dt.date | None,
            plan_year: int | None) -> dt.date | None:
    """A written date; without a year, the plan's year (the next when before the plan's date)."""
    if year:
        return make(int(day), int(month), int(year))
    if plan_year is None:
        return None
    found = make(int(day), int(month), plan_year)
    if found and plan_day and found < plan_day:
        found = make(int(day), int(month), plan_year + 1)
    return found


def month_end(month: int, year: int) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def end_phrase(low: str) -> tuple[dt.date | None, bool]:
    """The end of "… hết tháng 4/2026", "… hết năm 2030", "… 31/3/2023": (date, had its year)."""
    m = DATE.match(low)
    if m:
        return make(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)), bool(m.group(3))
    m = _MONTH_END.match(low)
    if m:
        return month_end(int(m.group(1)), int(m.group(2))), True
    m = _YEAR_END.match(low)
    if m:
        return dt.date(int(m.group(1)), 12, 31), True
    return None, False


_FROM = re.compile(
    r"\btu\s+(?:ngay\s+)?(?:(nay)|" + D + r"|thang\s+(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?)"
    r"(?:\s*(?:\(|,)?\s*(?:den|toi|-)\s+(?:het\s+)?(?:ngay\s+)?"
    r"((?:thang\s+\d{1,2}\s*[/.-]\s*\d{4})|(?:nam\s+\d{4})|(?:\d{1,2}\s*[/.-]\s*\d{1,2}"
    r"(?:\s*[/.-]\s*\d{4})?)))?")


def find_range(low: str, plan_day: dt.date | None, plan_year: int | None
               ) -> tuple[dt.date | None, dt.date | None, re.Match[str]] | None:
    """The first "từ … đến …" (or open "từ …") in `low`: (start, end or None, match).

    "từ nay" is the plan's date; a start without a year takes the end's year."""
    for m in _FROM.finditer(low):
        if is_cited(low, m.start()):
            continue
        end: dt.date | None = None
        end_year: int | None = None
        if m.group(7):
            tail = m.group(7)
            end, had_year = end_phrase(tail)
            if end and not had_year:
                dm = DATE.match(tail)
                assert dm is not None
                end = resolve(dm.group(1), dm.group(2), None, plan_day, plan_year)
            end_year = end.year if end else None
        year_hint = end_year or plan_year
        if m.group(1):
            start = plan_day
        elif m.group(2):
            start = resolve(m.group(2), m.group(3), m.group(4), None if end_year else plan_day,
                            year_hint)
            if start and end and start > end and not m.group(4):
                start = make(start.day, start.month, start.year - 1)
        else:
            year = int(m.group(6)) if m.group(6) else year_hint
            start = make(1, int(m.group(5)), year) if year else None
        if start is None and not m.group(1):
            continue
        return start, end, m
    return None
