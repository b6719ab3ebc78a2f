"""Dates as plans write them: 30/11/2025, 27/2, "ngày 19 tháng 8 năm 2025", "hết tháng 4/2026".

Everything here reads the folded, lower-case text (see text.fold). A date without a year takes
the plan's year, or the next one when it would fall before the plan's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re

from bot.domain.planimport.numwords import DAY_WORDS, number_said, padded, words_to_digits
from bot.domain.planimport.spellings import MUNG, TU
from bot.domain.workdays import lunar_new_year

# Spaces only around a slash: "01 - 02/6" is a range of days, not the first of February.
_SEP = r"(?:\s*/\s*|[.-])"
D = r"(\d{1,2})" + _SEP + r"(\d{1,2})(?:" + _SEP + r"(\d{4}))?"
DATE = re.compile(r"(?<![\d/])" + D + r"(?![\d/])")
LONG_DATE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+n[a-z]{1,3}m\s+(\d{4})")
# The date of another document ("Kế hoạch số 171/KH-UBND ngày 30/6/2025") is cited, not an event.
_CITED = re.compile(
    r"(?:\b(?:so|s6|s0|so6)\s*[:.]?\s*\d{1,5}\s*[-/][\w/.\- ]{0,25}?|"
    r"(?:nghi quyet|quyet dinh|ke hoach|cong van|thong bao|chi thi|ket luan|thong tu|nghi dinh|"
    r"van ban|huong dan|luat)\b[^,;:()]{0,25}?)[,\s]*(?:ngay|ngay ban hanh)\s*$")
# An office named for plans is no document: "Phòng Kế hoạch tổng hợp", "Phòng Tài chính - Kế hoạch",
# "Sở Kế hoạch và Đầu tư", "Vụ Kế hoạch - Tài chính" (OCR: "Ph6ng"); read as a bare "phong" before
# `_CITED` (not blanks, which its spaces would cross), so "Công văn của Phòng Kế hoạch ngày …" stays cited
_PLANS_OFFICE = re.compile(
    r"\b(?:(?:ph[o6]ng|bo phan)\s+(?:tai chinh\s*[-–]\s*)?ke hoach"
    r"(?:\s*[-–]?\s*(?:tai chinh|va dau tu|tong hop|nghiep vu))?|"
    r"(?:so|vu)\s+ke hoach\s*(?:[-–]\s*tai chinh|va dau tu))\b")
# "Hội nghị triển khai Kế hoạch (số 05/KH) với/cho/tới các xã, ngày …": the plan rolled out to its
# people, the meeting's date; a document written with "với" ("Kế hoạch phối hợp với …") stays cited
_ROLL_OUT = re.compile(r"\b(?:trien khai|pho bien|quan triet)\s+(?:nay\s+)?ke hoach(?:\s+nay)?"
                       r"(?:\s+so\s*\d{1,5}\s*[-/][\w/.\-]{0,20})?\s+(?:voi|cung|den|toi|cho)\b")
_MONTH_END = re.compile(r"(?:het\s+)?thang\s+(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])")
_YEAR_END = re.compile(r"(?:het\s+)?n[ae]m\s+(\d{4})")


def is_cited(low: str, start: int) -> bool:
    """Whether the date at `start` is another document's date."""
    before = _PLANS_OFFICE.sub("phong", low[max(0, start - 70):start])
    if not _CITED.search(before):
        return False
    out = _ROLL_OUT.search(before)
    return out is None or bool(_CITED.search(before, out.end()))  # cited again after its people


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


def dates_in(low: str, plan_day: dt.date | None, plan_year: int | None) -> list[dt.date]:
    """Every date written in `low` ("10/3, 10/6 và 10/9/2026"), each resolved as `resolve` does."""
    found = (resolve(m.group(1), m.group(2), m.group(3), plan_day, plan_year) for m in DATE.finditer(low))
    return [d for d in found if d]


def month_end(month: int, year: int) -> dt.date | None:
    if not 1 <= month <= 12 or not dt.MINYEAR <= year <= dt.MAXYEAR:  # "tháng 4/0000": no date
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def day_of_month(day: int, month: int, year: int) -> dt.date | None:
    """Day `day` of a month a rule repeats in ("trước ngày 31 các tháng 4, 5, 6 và 11"): offices
    mean the month's last day where it is shorter; None for no such month."""
    end = month_end(month, year)
    return end.replace(day=min(day, end.day)) if end and day >= 1 else None


def plus_days(day: dt.date, days: int) -> dt.date | None:
    """`day` moved by `days`, or None past the calendar's ends ("31/12/9999" + 7 days)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def end_phrase(low: str) -> tuple[dt.date | None, bool]:
    """The end of "… hết tháng 4/2026", "… hết năm 2030", "… 31/3/2023": (date, had its year)."""
    m = DATE.match(low)
    if m:
        return make(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)), bool(m.group(3))
    m = _MONTH_END.match(low)
    if m and m.group(2):
        return month_end(int(m.group(1)), int(m.group(2))), True
    if m:  # "hết tháng 5": the year is the caller's to add
        return month_end(int(m.group(1)), 2000), False
    m = _YEAR_END.match(low)
    if m:
        return make(31, 12, int(m.group(1))), True
    if re.match(r"nam\b", low):  # "đến hết năm": of the plan's year, the caller's to add
        return dt.date(2000, 12, 31), False
    m = re.match(r"quy\s+(iv|i{1,3}|[1-4])\b(?:\s*(?:/|nam)\s*(\d{4}))?", low)
    if m:  # "đến hết Quý I/2026"
        q = _ROMAN_Q[m.group(1)]
        return month_end(3 * q, int(m.group(2)) if m.group(2) else 2000), bool(m.group(2))
    return None, False


# "từ ngày ký", never "tự kỷ" (autism), the same letters bare
# "tlt ngày 01/7 đến …", "tt’ ngày", "tir 01/9/2026 đến …" (mended to "cu"), "tlt ngày 15-11-2026
# đến": a từ OCR bent, known by the range it opens; "Tw ngày ban hành …": by the day it names;
# "cu thong 3 den het thang 10": both từ and tháng bent (a tháng bent only after a từ bent)
_FROM = re.compile(
    r"\b(?:tu|(?:t[a-z]{1,2}['’]?|cu)(?=\s+(?:ngay\s+)?\d{1,2}\s*(?:/\s*\d{1,2}(?:\s*/\s*\d{4})?|-\s*\d{1,2}(?:\s*-\s*\d{4})?|\.\d{1,2}(?:\.\d{4})?)(?:\s*\([^()]{1,40}\))?\s+den\s"
    r"|\s+th[aod]ng\s+\d{1,2}\s+den\s+(?:het\s+)?thang\s)"
    r"|" + TU + r"(?=\s+ngay\s+(?:ky|ban\s+hanh)\b))"
    r"\s+(?:ngay\s+)?"
    r"(?:(nay|(?<=ngay )ky(?:\s+ban\s+hanh)?|ky\s+ban\s+hanh|khi\s+(?:ke\s+hoach\s+(?:duoc\s+)?)?"
    r"ban\s+hanh(?:\s+ke\s+hoach)?|ban\s+hanh(?:\s+ke\s+hoach)?)|" + D
    + r"|th(?:a|(?<!\btu th)[od])ng\s+(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?)"
    # "từ ngày 06/02/2027 (mùng 1 Tết) đến …": a gloss on the first day (a lunar date, a weekday)
    r"(?:\s*\((?!\s*(?:den|toi)\b)(?![^()]{0,40}?\d\s*[/.-]\s*\d)[^()]{1,40}\))?"
    r"(?:\s*(?:\(|,)?\s*(?:den|toi|-)\s+(?:het\s+)?(?:ngay\s+)?"
    # ("đến hết ném 2027": OCR's năm bent, its year written)
    r"((?:thang\s+\d{1,2}(?:\s*[/.-]\s*\d{4})?)|(?:nam(?:\s+\d{4})?\b)|(?:nem\s+\d{4}\b)|"
    r"(?:quy\s+(?:iv|i{1,3}|[1-4])\b(?:\s*(?:/|nam)\s*\d{4})?)|(?:\d{1,2}\s*[/.-]\s*\d{1,2}"
    r"(?:\s*[/.-]\s*\d{4})?)))?")


def find_range(low: str, plan_day: dt.date | None, plan_year: int | None
               ) -> tuple[dt.date | None, dt.date | None, re.Match[str]] | None:
    """The first "từ … đến …" (or open "từ …") in `low`: (start, end or None, match).

    "từ nay" is the plan's date; a start without a year takes the end's year."""
    low = said_dates(low, plan_day, plan_year)
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
                if dm:
                    end = resolve(dm.group(1), dm.group(2), None, plan_day, plan_year)
                else:  # "đến hết tháng 5", "đến hết năm"
                    end = month_end(end.month, plan_year) if plan_year else None
                    if end and plan_day and end < plan_day:
                        end = month_end(end.month, plan_year + 1)
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


# A quarter's number; OCR reads the I of a roman one as 1 ("Quý 1V/2026", "Quý 11/2027")
# and its I as l ("Quý IIl/2027")
_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4,
            "1v": 4, "lv": 4, **{"".join(t): n for n in (1, 2, 3)
                                 for t in itertools.product("il1", repeat=n)}}
_Q = r"(1v|lv|iv|[il1]{1,3}|[1-4])"
_QUARTER = re.compile(r"\bquy\s+" + _Q + r"\b(?:\s*(?:/|-|nam)\s*(\d{4}))?"
                      r"(?:\s*(?:den|-|–|va)\s*(?:het\s+)?quy\s+" + _Q + r"\b"
                      r"(?:\s*(?:/|-|nam)\s*(\d{4}))?)?")
# ("năm" as OCR bends it before the year: "6 thang dau ném 2027")
_HALF = re.compile(r"\b6\s+thang\s+(dau|cuoi)\s+n[a-z]m\s+(\d{4})")
_MONTH = re.compile(r"\b(?:trong\s+)?thang\s+(\d{1,2})\s*[/-]\s*(\d{4})\b")
# "tháng 5, 6/2026", "tháng 11 và tháng 12/2026": from the first month to the end of the last
_MONTHS = re.compile(r"\bthang\s+(\d{1,2})((?:\s*(?:,|va|-|–|den)\s*(?:thang\s+)?\d{1,2}){1,11})"
                     r"(?:\s*[/-]\s*(\d{4}))?\b(?![/.-]\d)")
_BARE = re.compile(r"(?<![\d/])" + D + r"\s*(?:-|–|den)\s*(?:ngay\s+)?" + D + r"(?![\d/])")


# "từ Quý II/2026 trở đi": a phase with no end (its từ also lost or bent by OCR's mending, "te",
# and trở as "tré": "(tế Quý II/2026 tré đi)"; the bent "tre" only after a từ: "Quý III trẻ đi học")
_ONWARD = re.compile(r"\b(?:(tu|te)\s+)?quy\s+(?P<q>iv|i{1,3}|[1-4])\b(?:\s*(?:/|nam)\s*(?P<y>\d{4}))?"
                     r"\s+(?(1)tr[oe]|tro)\s+(?:di|ve sau)\b")


def find_period(low: str, plan_day: dt.date | None, plan_year: int | None
                ) -> tuple[dt.date | None, dt.date | None, re.Match[str]] | None:
    """A phase's period as plans write it: "từ … đến …", "01/3 – 30/4/2026" (a table's cells),
    "Quý I/2026" (to "Quý II"), "6 tháng đầu năm 2026", "tháng 3/2026"."""
    low = said_dates(low, plan_day, plan_year)
    named = _named_first(low, plan_day, plan_year)
    onward = _ONWARD.search(low) if named else None
    if named and not (onward and onward.start() <= named[2].start() < onward.end()):
        return named  # "(từ Quý II/2026 trở đi)": its quarter opens the phase, read below
    found = find_range(low, plan_day, plan_year)
    quarter = _QUARTER.search(low[:found[2].start()]) if found and found[1] is None else None
    if found and not quarter:
        return found  # "Quý III/2026 (từ 01/7 | …": the row's quarter, its end wrapped away
    m = None if quarter else _BARE.search(low)
    if m and not is_cited(low, m.start()):
        end = resolve(m.group(4), m.group(5), m.group(6), plan_day, plan_year)
        start = resolve(m.group(1), m.group(2), m.group(3), None,
                        end.year if end else plan_year)
        if start and end and start > end and not m.group(3):
            start = make(start.day, start.month, start.year - 1)
        if start and end:
            return start, end, m
    m = _ONWARD.search(low) if not quarter else None
    year = int(m.group("y")) if m and m.group("y") else plan_year
    first = make(1, 3 * _ROMAN_Q[m.group("q")] - 2, year) if m and year else None
    if m and first:  # "từ Quý II/2026 trở đi": open-ended
        return first, None, m
    m = quarter or _QUARTER.search(low)
    if m:
        year = int(m.group(2) or m.group(4) or 0) or plan_year
        if year:
            first, last = _ROMAN_Q[m.group(1)], _ROMAN_Q[m.group(3) or m.group(1)]
            last_year = int(m.group(4)) if m.group(4) else year
            start = make(1, 3 * first - 2, year)
            if start:
                return start, month_end(3 * last, last_year), m
    if found:
        return found
    m = _HALF.search(low)
    if m and month_end(1, int(m.group(2))):
        year, early = int(m.group(2)), m.group(1) == "dau"
        return (dt.date(year, 1 if early else 7, 1), dt.date(year, 6 if early else 12,
                                                             30 if early else 31), m)
    m = _MONTHS.search(low)
    year = int(m.group(3)) if m and m.group(3) else plan_year
    if m and year and dt.MINYEAR < year < dt.MAXYEAR:
        first, last = int(m.group(1)), int(re.findall(r"\d{1,2}", m.group(2))[-1])
        if 1 <= first <= last <= 12:
            return dt.date(year, first, 1), month_end(last, year), m
        if 1 <= last < first <= 12 and re.fullmatch(r"\s*(?:-|–|den)\s*(?:thang\s+)?\d{1,2}", m.group(2)):
            # "Tháng 12 - 01": over the new year (a year written is the end's: "tháng 12 - 01/2027")
            first_year = year - 1 if m.group(3) else year
            return dt.date(first_year, first, 1), month_end(last, first_year + 1), m
    m = _MONTH.search(low)
    last = month_end(int(m.group(1)), int(m.group(2))) if m else None
    if m and last:
        return last.replace(day=1), last, m
    return None


# "tháng 11/2026 - tháng 01/2027", "tháng 12/2026 - 01/2027": months with their years, across
# the year's end
_MONTH_SPAN = re.compile(r"\bthang\s+(\d{1,2})\s*[/-]\s*(\d{4})\s*(?:-|–|den)\s*(?:het\s+)?"
                         r"(?:thang\s+)?(\d{1,2})\s*[/-]\s*(\d{4})\b")
_DATED = re.compile(r"(?<![\d/])\d{1,2}\s*[/.-]\s*\d{1,2}(?![\d])")
_RANGED = re.compile(r"\b(?:tu|den|toi)\s|\btro\s+(?:di|ve sau)\b")
# "Quý II và Quý III/2027", "Quý I, Quý II và Quý III năm 2027", "Quý II - III/2027",
# "Quý IV/2026 - Quý I/2027": a run of quarters, read from its first to its last
_Q_ONE = re.compile(r"(?:quy\s+" + _Q + r"|(iv|i{1,3}))\b(?:\s*(?:/|-|nam)\s*(\d{4}))?")
_Q_JOIN = re.compile(r"\s*(?:,|va|-|–|den(?:\s+het)?)\s*")
# "(tháng 02)", "tháng 3 năm 2027": one month, the year may be the plan's
_ONE_MONTH = re.compile(r"\bthang\s+(\d{1,2})\b(?!\s*[/.,-]\s*\d)(?:\s+nam\s+(\d{4}))?")
# "6 tháng đầu năm", "06 tháng cuối năm 2027", "sáu tháng đầu năm": the year may be the plan's
_HALF_SAID = re.compile(r"\b(?:0?6|sau)\s+thang\s+(dau|cuoi)\s+nam\b(?:\s+(\d{4}))?")


_SPAN = re.compile(r".+", re.S)  # a match over given offsets


def _quarter_run(head: str, plan_year: int | None
                 ) -> tuple[dt.date, dt.date | None, re.Match[str], bool] | None:
    first = re.search(r"\bquy\s+" + _Q + r"\b", head)
    if not first:
        return None
    runs, at = [], first.start()
    while True:
        m = _Q_ONE.match(head, at)
        if not m:
            break
        runs.append(m)
        join = _Q_JOIN.match(head, m.end())
        if not join:
            break
        at = join.end()
    if not runs or runs[0].group(1) is None:
        return None
    years = [int(m.group(3)) for m in runs if m.group(3)]
    year = years[0] if years else plan_year
    if year is None:
        return None
    q_first = _ROMAN_Q[runs[0].group(1)]
    q_last = _ROMAN_Q[runs[-1].group(1) or runs[-1].group(2)]
    last_year = int(runs[-1].group(3)) if runs[-1].group(3) else year
    if runs[0].group(3) is None and years and len(years) == 1:
        year = last_year  # "Quý II và Quý III/2027": the year said once, at the end
    start, end = make(1, 3 * q_first - 2, year), month_end(3 * q_last, last_year)
    if (year, q_first) > (last_year, q_last) or not start or not end:
        return None
    # the match over every quarter of the run ("Quý II và Quý III/2027"), so a phase's name keeps them all
    return start, end, _SPAN.match(head, runs[0].start(), runs[-1].end()) or runs[0], bool(years)


def _coarse(head: str, plan_day: dt.date | None, plan_year: int | None
            ) -> tuple[dt.date | None, dt.date | None, re.Match[str]] | None:
    """Quarters, half a year or months named in `head`, which holds no dates; without a year,
    the plan's (the next when the period would end before the plan's date)."""
    found = _said_coarse(head, plan_year)
    if not found:
        return None
    first, last, m, had_year = found
    if not had_year and plan_day and last and last < plan_day:
        later, end = make(first.day, first.month, first.year + 1), month_end(last.month, last.year + 1)
        if later and end:
            return later, end, m
    return first, last, m


def coarse_period(text: str, plan_day: dt.date | None, plan_year: int | None
                  ) -> tuple[dt.date | None, dt.date | None, re.Match[str]] | None:
    """A table cell's quarters, half year or months ("Quý II - III", "6 tháng đầu năm"), read as
    a phase's head is (see `_named_first`)."""
    if _DATED.search(text):
        return None
    m = _MONTH_SPAN.search(text)
    if m:
        first, last = make(1, int(m.group(1)), int(m.group(2))), month_end(int(m.group(3)), int(m.group(4)))
        return (first, last, m) if first and last and first <= last else None
    months = _MONTHS.search(text)  # "từ tháng 4/2026 trở đi": a range, read as before
    if _RANGED.search(text[:months.start()] + " " + text[months.end():] if months else text):
        return None
    return _coarse(text, plan_day, plan_year)


def _said_coarse(head: str, plan_year: int | None
                 ) -> tuple[dt.date, dt.date | None, re.Match[str], bool] | None:
    found = _quarter_run(head, plan_year)
    if found:
        return found
    m = _HALF_SAID.search(head)
    year = int(m.group(2)) if m and m.group(2) else plan_year
    if m and year and month_end(1, year):
        early = m.group(1) == "dau"
        return (dt.date(year, 1 if early else 7, 1),
                dt.date(year, 6 if early else 12, 30 if early else 31), m, bool(m.group(2)))
    m = _MONTHS.search(head)
    year = int(m.group(3)) if m and m.group(3) else plan_year
    if m and year and dt.MINYEAR < year < dt.MAXYEAR:
        first, last = int(m.group(1)), int(re.findall(r"\d{1,2}", m.group(2))[-1])
        if 1 <= first <= last <= 12:
            return dt.date(year, first, 1), month_end(last, year), m, bool(m.group(3))
        if 1 <= last < first <= 12 and m.group(3):  # "tháng 11 - tháng 01/2027": across the year's end
            return dt.date(year - 1, first, 1), month_end(last, year), m, True
        if 1 <= last < first <= 12:  # "tháng 11 đến tháng 01", "tháng 11, 12 và tháng 01 năm sau"
            return dt.date(year, first, 1), month_end(last, year + 1), m, False
    m = _MONTH.search(head)
    last = month_end(int(m.group(1)), int(m.group(2))) if m else None
    if m and last:
        return last.replace(day=1), last, m, True
    m = _ONE_MONTH.search(head)  # "Đợt 3 (tháng 02): …"
    year = int(m.group(2)) if m and m.group(2) else plan_year
    last = month_end(int(m.group(1)), year) if m and year else None
    if m and last:
        return last.replace(day=1), last, m, bool(m.group(2))
    return None


def _named_first(low: str, plan_day: dt.date | None, plan_year: int | None
                 ) -> tuple[dt.date | None, dt.date | None, re.Match[str]] | None:
    """A period named by quarters, half a year or months ("Giai đoạn 2 (Quý II và Quý III/2027):
    …", "(6 tháng đầu năm 2027) - …", "(tháng 11/2026 - tháng 01/2027): …") before the colon, or
    in the bracket, that opens the phase's text, or right after a colon that follows its name
    alone ("Giai đoạn 1: Quý I/2027 - …"): the phase's; dates after it are its activities' ("…
    từ 01/7 đến 31/7/2027", "(10/11 - 10/12)")."""
    colon = low.find(":")
    if colon < 0 and re.match(r"[^()]*\([^()]*\)", low):
        colon = low.find(")")  # "Đợt 2 (6 tháng cuối năm 2027) - …"
    head = low[:colon] if colon >= 0 else low
    if 0 <= colon <= 40 and re.fullmatch(r"\s*(?:[-+•]\s*|\d{1,2}[.)]\s*|[a-d]\)\s*)?[a-z]+(?:\s+[a-z]+)?"
                                         r"\s+(?:\d{1,2}|[ivx]{1,4})\s*", head):
        # "Giai đoạn 1: Quý I/2027 - …": the period opens the text after the name's colon
        tail = re.match(r"\s*(?:\(\s*)?(?:trong\s+)?([^:;()]{0,60})", low[colon + 1:])
        after = tail.group(1) if tail else ""
        if tail and after and not _DATED.search(after) and not _RANGED.search(after):
            found = _coarse(after, plan_day, plan_year)
            if found and found[2].start() == 0:
                # the match re-taken on `low` itself: callers slice the plan's line by its offsets
                at = colon + 1 + tail.start(1)
                return found[0], found[1], _SPAN.match(low, at, at + found[2].end()) or found[2]
        return None
    if _DATED.search(head):
        return None  # the head's own dates: read as before
    m = _MONTH_SPAN.search(head)
    if m:
        first = make(1, int(m.group(1)), int(m.group(2)))
        last = month_end(int(m.group(3)), int(m.group(4)))
        if first and last and first <= last:
            return first, last, m
    months = _MONTHS.search(head)  # "tháng 11 đến tháng 01": the months' own "đến"
    if colon < 0 or _RANGED.search(head[:months.start()] + " " + head[months.end():] if months else head):
        return None
    return _coarse(head, plan_day, plan_year)


# The days of tháng Giêng a plan names ("mùng 6 tháng Giêng", "hết mùng 5 Tết", "Rằm tháng Giêng")
# are counted from Tết Nguyên đán, its first day (workdays.lunar_new_year: any year).
_LUNAR_MONTH = r"(?:tet(?:\s+nguyen\s+dan)?|thang\s+gieng)\b"
# ("mùng" as OCR bends it, not "chúc mừng năm Tết": spellings.MUNG)
_LUNAR_DAY = re.compile(r"\b(?:" + MUNG + r"\s+(\d{1,2}|" + DAY_WORDS
                        + r")\s+" + _LUNAR_MONTH
                        + r"|(?:ngay\s+)?(\d{1,2})\s+thang\s+gieng\b|ram\s+thang\s+gieng\b)")
# "từ mùng 1 đến hết mùng 5 Tết": the first day takes the last one's month
_LUNAR_FIRST = re.compile(r"\b" + MUNG + r"\s+(\d{1,2})(?=\s+(?:den|toi|-)\s+(?:het\s+)?(?:ngay\s+)?"
                          + MUNG + r"\s+\d{1,2}\s+" + _LUNAR_MONTH + r")")
# "(tức ngày 13/02/2027)": the solar date of the day named before it (OCR: "tic ngày"; not "trực ngày")
_GLOSSED = re.compile(r"\b(tu|den(?:\s+het)?|toi)\s+(?:ngay\s+)?(?:(?!\b(?:tu|den|toi)\b)[^()/;]){1,80}?"
                      r"\(\s*(?:tuc|t(?![hr])[a-z]{1,2}c(?=\s+ngay))(?:\s+la)?\s+(?:ngay\s+)?("
                      + D + r")\s*\)")


# "từ ngày 06/02/2027 (mùng 1 Tết)": a gloss on a solar date, left as the plan wrote it
_BRACKETED = re.compile(r"\(\s*(?:ngay\s+)?$")


def _tet_day(offset: int, plan_day: dt.date | None, plan_year: int | None) -> dt.date | None:
    """The day `offset` days after the plan's Tết: its year's, the next when before the plan."""
    tet = lunar_new_year(plan_year) if plan_year else None
    if tet is None:
        return None
    found = tet + dt.timedelta(days=offset)
    later = lunar_new_year(plan_year + 1) if plan_day and found < plan_day else None
    return later + dt.timedelta(days=offset) if later else found


def lunar_dates(low: str, plan_day: dt.date | None, plan_year: int | None) -> str:
    """`low` with the days of tháng Giêng and the dates glossed with their solar date written as
    solar dates, padded to the same length."""
    def solar(day: int, m: re.Match[str]) -> str:
        found = _tet_day(day - 1, plan_day, plan_year) if 1 <= day <= 30 else None
        if not found or _BRACKETED.search(low, max(0, m.start() - 8), m.start()):
            return m.group()
        full = f"{found.day:02d}/{found.month:02d}/{found.year}"
        return padded(full if len(full) <= len(m.group()) else f"{found.day}/{found.month}", m)

    def lunar(m: re.Match[str]) -> str:
        said = m.group(1) or m.group(2)
        day = 15 if not said else int(said) if said.isdigit() else number_said(said) or 0
        return solar(day, m)

    if "(" in low:
        low = _GLOSSED.sub(lambda m: padded(f"{m.group(1)} {''.join(m.group(2).split())}", m), low)
    if "gieng" not in low and "tet" not in low:
        return low
    low = _LUNAR_FIRST.sub(lambda m: solar(int(m.group(1)), m), low)
    return _LUNAR_DAY.sub(lunar, low)


# "nửa cuối tháng 4 và cả tháng 5/2027", "nửa đầu tháng 8": a half month, to the end of the next
# month said with it (OCR: "nu cuoi"; never "phụ nữ", "nam nữ", "thiếu nữ", nor "nữ sau", folded the same)
_HALF_MONTH = re.compile(r"\bn(?:ua|[a-z]a|(?<!\bphu n)(?<!\bnam n)(?<!\bthieu n)u(?=\s+(?:dau|cuoi)\b))"
                         r"\s+(dau|cuoi|sau)\s+thang\s+(\d{1,2})(?:\s*/\s*(\d{4}))?"
                         r"(?:\s+(?:va\s+(?:ca\s+)?|den\s+(?:het\s+)?)thang\s+(\d{1,2})(?:\s*/\s*(\d{4}))?)?\b"
                         r"(?![/.-]\d)")


def half_months(low: str, plan_year: int | None) -> str:
    """`low` with the half months written as ranges of dates, padded to the same length."""
    def half(m: re.Match[str]) -> str:
        first = int(m.group(2))
        last = int(m.group(4)) if m.group(4) else first
        year = m.group(5) or m.group(3)
        end = month_end(last, int(year) if year else plan_year or 2001)
        if not end or not 1 <= first <= last:
            return m.group()
        start = 1 if m.group(1) == "dau" else 16
        stop = 15 if m.group(1) == "dau" and not m.group(4) else end.day
        return padded(f"{start}/{first} - {stop}/{last}" + (f"/{year}" if year else ""), m)

    return _HALF_MONTH.sub(half, low) if "thang" in low else low


def said_dates(low: str, plan_day: dt.date | None, plan_year: int | None) -> str:
    """`low` with dates said in words, by the lunar calendar or as half months written in
    digits, padded to the same length (offsets hold)."""
    return half_months(lunar_dates(words_to_digits(low), plan_day, plan_year), plan_year)


# "tuần 1 bắt đầu từ thứ Hai, ngày 04/01/2027": the plan's own rule for numbering its year's weeks
# (OCR: "tuan 1 bat dau ttr thir Hai, ngay 04/01/2027")
# ("tuần thứ nhất được tính từ ngày …" too)
_WEEK_ONE = re.compile(r"\btu[a-z]{0,2}n\s+(?:thu\s+)?(?:1|nhat)\s+(?:duoc\s+)?(?:bat dau|tinh)\b"
                       r"[^.;\d]{0,30}?" + D)


def week_one(low: str) -> dt.date | None:
    """The first day of week 1 as the plan states it in `low`, or None."""
    m = _WEEK_ONE.search(low)
    return make(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m and m.group(3) else None


def weeks_said(first: dt.date, low: int, high: int) -> tuple[dt.date, dt.date] | None:
    """Weeks `low` to `high` of a year whose week 1 begins on `first`: the first one's first day to
    the last one's seventh."""
    if not 1 <= low <= high <= 53:
        return None
    start, end = plus_days(first, 7 * (low - 1)), plus_days(first, 7 * high - 1)
    return (start, end) if start and end else None  # a week one near 31/12/9999 runs off the calendar
