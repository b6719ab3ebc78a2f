"""Reporting deadlines written in ways schedule.py's sentence readers do not take.

A table of the plan's rounds with a report column ("| Đợt 1 | Từ 15/4 đến 15/5/2027 | … | Trước
25/5/2027 |"): each row's date in that column is its round's report. A report on each period the
plan states, due on a day of the month after it ("vào ngày 05 của tháng liền sau kỳ báo cáo (kỳ
thứ nhất từ tháng 02 đến hết tháng 7/2027; …)").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from bot.core.textfit import shorten
from bot.domain.planimport.dates import DATE, dates_in, day_of_month, month_end, plus_days, resolve
from bot.domain.planimport.draft import DeadlineD
from bot.domain.planimport.spellings import TRUOC, TU
from bot.domain.planimport.text import STARTS_ITEM, Para, key, ocr_digits, say
from bot.domain.workdays import next_working_day, working_day_on_or_before

# a column headed by the report ("Báo cáo kết quả", "Hạn báo cáo", "Thời hạn báo cáo"; OCR bends
# "cáo" to "cdo"); its last cell's wrapped rows may trail junk the OCR read beside it
_REPORT_HEAD = re.compile(r"(?:(?:thoi\s+)?han\s+)?b[a-z]o\s+c[a-z]o\b")
# the cell a round's row puts in it: a due date alone ("Trước 25/5/2027", "Chậm nhất ngày 10/9"; the
# word before it as OCR and its mending may bend it: "Nuoc 25/5/2027")
_DUE_CELL = re.compile(r"(?:(?:" + TRUOC + r"|(?!tu\s|den\s|sau\s)[a-z]{2,5}(?:\s+nhat)?)\s+)?(?:ngay\s+)?"
                       r"(\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?)\s*[.;]?")


def column_reports(rows: list[tuple[list[str], int]], anchor: dt.date | None,
                   year: int | None) -> list[DeadlineD]:
    """Offices lay out their rounds as a table with a "Báo cáo kết quả" column: the date a row
    gives there is the report on that row's round (named by its first cell), due from the unit
    its "Đơn vị" column names."""
    out: list[DeadlineD] = []
    column, unit, width = -1, -1, 0
    for at, (cells, line) in enumerate(rows):
        keys = [key(c) for c in cells]
        heads = [k for k, c in enumerate(keys) if k and _REPORT_HEAD.match(c)]
        if heads and not any(DATE.search(c) for c in keys):
            column, width = heads[-1], len(cells)
            unit = next((k for k, c in enumerate(keys) if c.startswith("don vi")), -1)
            continue
        if column < 0 or len(cells) != width:
            column = -1 if len(cells) != width else column  # another table: its own header
            continue
        due = _DUE_CELL.fullmatch(ocr_digits(keys[column]))
        if not due and (at + 1 == len(rows) or len(rows[at + 1][0]) != width):
            # the table's last row: its wrapped cell may run on into the line below the table
            # ("Trước 19/5/2027 Hoạt động thường xuyên …" where no border closes it)
            due = _DUE_CELL.match(ocr_digits(keys[column]))
        if not due or not cells[0].strip():
            continue
        day = DATE.search(due.group(1))
        when = resolve(day.group(1), day.group(2), day.group(3), anchor, year) if day else None
        if when is None:
            continue
        who = cells[unit].strip() if unit >= 0 and cells[unit].strip() else say("planimport.names.any_unit")
        what = say("planimport.names.phase_report", phase=shorten(" ".join(cells[0].split()), 60))
        out.append(DeadlineD(what, when, who, line))
    return out


# "vào ngày 05 của tháng liền sau kỳ báo cáo (kỳ thứ nhất từ tháng 02 đến hết tháng 7/2027; …)": a
# report due on a day of the month after each period the plan states (OCR: "kỳ chủ nhật", "tir")
_AFTER_PERIOD = re.compile(r"\bngay\s+(\d{1,2})\s+(?:c[a-z]{1,2}\s+)?thang\s+(?:lien\s+|ke\s+)?"
                           r"(?:sau|tiep theo)\s+(?:(?:moi|tung|cac)\s+)?ky\b")
_PERIOD = re.compile(r"\bky\s+(?:[a-z]{2,4}\s+)?[a-z0-9]{1,5}\s*:?\s*" + TU + r"\s+thang\s+(\d{1,2})"
                     r"(?:\s*/\s*(20\d\d))?\s*(?:d[a-z]n|-)\s*(?:h[a-z]t\s+)?thang\s+(\d{1,2})\s*/\s*(20\d\d)")


def period_reports(low: str) -> list[tuple[str, dt.date, int]]:
    """Offices report each stated period (six months, a quarter) on a day of the month after it:
    the report on each period said after the rule, its due date and where it is said."""
    rule = _AFTER_PERIOD.search(low)
    if not rule:
        return []
    out = []
    for m in _PERIOD.finditer(low, rule.end(), rule.end() + 400):
        end_month, end_year = int(m.group(3)), int(m.group(4))
        first_month = int(m.group(1))
        first_year = int(m.group(2) or 0) or end_year - (first_month > end_month)
        if not (1 <= first_month <= 12 and 1 <= end_month <= 12):
            continue
        due_year, due_month = end_year + (end_month == 12), end_month % 12 + 1
        due = day_of_month(int(rule.group(1)), due_month, due_year)
        what = say("planimport.names.period_report", start=f"{first_month:02d}/{first_year}",
                   end=f"{end_month:02d}/{end_year}")
        if due:
            out.append((what, due, m.start()))
    return out


_WEEKDAYS = {"hai": 1, "ba": 2, "tu": 3, "nam": 4, "sau": 5, "bay": 6, "chu nhat": 7}
_WEEKDAY = r"(?:thu\s+(hai|ba|tu|nam|sau|bay)|(chu nhat))"
# "báo cáo Ban Giám đốc vào thứ Sáu tuần 26 (kết quả 6 tháng) và thứ Sáu tuần 44": a weekday of a
# numbered week of the year, as offices that count surveillance weeks date their reports
_ON_WEEK = re.compile(r"\b" + _WEEKDAY + r"\s+(?:cua\s+)?tuan\s+(?:thu\s+)?(\d{1,2})\b"
                      r"(?!\s*(?:-|–|den)\s*\d)")
# "chậm nhất thứ Hai của tuần liền sau khi kết thúc giai đoạn": the weekday after each phase ends
_WEEK_AFTER = re.compile(r"\b" + _WEEKDAY + r"\s+(?:cua\s+)?tuan\s+(?:lien\s+|ke\s+)?(?:sau|tiep theo)\s+"
                         r"(?:khi\s+)?ket th[a-z]{1,2}c\s+(?:(?:moi|tung)\s+)?(?:giai doan|dot)\b")


def week_reports(low: str, text: str, first: dt.date | None, year: int | None
                 ) -> list[tuple[str, dt.date, int]]:
    """Reports due on a weekday of a numbered week (of the plan's count, else the ISO weeks of
    its year), said in a clause that names the report: what, when, where it is said."""
    out = []
    for clause in re.finditer(r"[^;]+", low):  # one pass over the clauses that name a report
        said = clause.group().find("bao cao")
        if said >= 0:
            out.extend(_on_weeks(low, text, clause.start() + said, clause.end(), first, year))
    return out


def _on_weeks(low: str, text: str, start: int, end: int, first: dt.date | None, year: int | None
              ) -> list[tuple[str, dt.date, int]]:
    out = []
    for m in _ON_WEEK.finditer(low, start, end):
        weekday, week = _WEEKDAYS[m.group(1) or m.group(2)], int(m.group(3))
        due = _week_day(first, year, week, weekday) if 1 <= week <= 53 else None  # "tuần 0", "tuần 99"
        if due is None:
            continue
        out.append((say("planimport.names.week_report", when=" ".join(text[m.start():m.end()].split())),
                    due, m.start()))
    return out


def _week_day(first: dt.date | None, year: int | None, week: int, weekday: int) -> dt.date | None:
    """The weekday of a numbered week: of the plan's count, else of its year's ISO weeks (week 53
    only in a year that has one)."""
    if first:
        return plus_days(first, 7 * (week - 1) + weekday - 1)  # None off the calendar's end
    try:
        return dt.date.fromisocalendar(year, week, weekday) if year else None
    except ValueError:
        return None


def week_after_phases(low: str, ends: list[tuple[str, dt.date]]) -> list[tuple[str, dt.date, int]]:
    """A report on each phase due on a weekday of the week after the phase ends."""
    m = _WEEK_AFTER.search(low)
    if not m or "bao cao" not in low[:m.start()]:
        return []
    weekday = _WEEKDAYS[m.group(1) or m.group(2)]
    out = []
    for name, end in ends:
        due = plus_days(end, 7 - end.weekday() + weekday - 1)  # that weekday of the next week
        if due:
            out.append((say("planimport.names.phase_report", phase=name), due, m.start()))
    return out


# "gửi số liệu … vào thứ Sáu cuối cùng của mỗi tháng, từ tháng 3 đến tháng 9/2027": offices that
# collect their figures weekly date the monthly report by a weekday of the month, not a day
# (OCR bends "cuối cùng" to "cuoi cling" or "cudi cling")
_MONTH_WEEKDAY = re.compile(r"\b" + _WEEKDAY + r"\s+(cu[a-z]i\s+c[a-z]{1,3}ng|cuoi|dau tien|dau)\s+"
                            r"(?:cua\s+)?(?:moi|hang|cac|tung)\s+thang\b")
# ("đến tháng 11.2027": a month's year after a dot, as some plans write it)
_MONTHS_FROM = re.compile(r"[\s,(]*(?:\(\s*)?" + TU + r"\s+thang\s+(\d{1,2})(?:\s*[/.]\s*(20\d\d))?\s*"
                          r"(?:den|-)\s*(?:het\s+)?thang\s+(\d{1,2})\s*[/.]\s*(20\d\d)\b")
# "nếu ngày đó trùng ngày nghỉ lễ thì gửi vào ngày làm việc liền trước": moved back off a holiday
# (OCR glues "nghỉ lễ" to "nghi1é" and bends "liền trước" to "lién truéc")
_DAY_OFF_BEFORE = re.compile(r"\bnghi[^.;]{0,80}?\bngay lam viec\s+(?:l[a-z]{2,3}n\s+|ke\s+)?"
                             + TRUOC + r"\b")


def month_weekday_reports(low: str, first: dt.date | None, last: dt.date | None
                          ) -> list[tuple[str, dt.date, int]]:
    """A report due on a weekday of each month (the last or the first Friday), in the months said
    after the rule or else the plan's span; on the working day before when the plan moves a
    holiday so: what, when, where it is said."""
    out = []
    for clause in re.finditer(r"[^;.]+(?:[.;](?=\d)[^;.]*)*", low):  # the clauses that send a report
        body = clause.group()
        m = _MONTH_WEEKDAY.search(body)
        if not m or not re.search(r"\b(?:bao cao|gui|nop)\b", body[:m.start()]):
            continue
        weekday = _WEEKDAYS[m.group(1) or m.group(2)] - 1
        months = _MONTHS_FROM.match(body, m.end())
        if months:
            end_year = int(months.group(4))
            a, b = int(months.group(1)), int(months.group(3))
            start_year = int(months.group(2) or 0) or end_year - (a > b)
            if not (1 <= a <= 12 and 1 <= b <= 12):
                continue
            start, end = dt.date(start_year, a, 1), dt.date(end_year, b, 1)
        elif first and last:
            start, end = first.replace(day=1), last.replace(day=1)
        else:
            continue
        back = bool(_DAY_OFF_BEFORE.search(low, clause.end(), clause.end() + 200))
        last_one = m.group(3).startswith("cu")
        count = (end.year - start.year) * 12 + end.month - start.month + 1
        for k in range(min(count, 60)):  # five years of months at most, as the other rules
            year, month = start.year + (start.month - 1 + k) // 12, (start.month - 1 + k) % 12 + 1
            due = _weekday_in(year, month, weekday, last_one)
            if due and back and 2000 <= year <= 2100:  # the years the holiday calendar is asked of
                due = working_day_on_or_before(due)
            if due:
                out.append((say("planimport.names.month_report_of_year", month=month, year=year), due,
                            clause.start() + m.start()))
    return out


def _weekday_in(year: int, month: int, weekday: int, last_one: bool) -> dt.date | None:
    """The first (or last) `weekday` (Monday 0) of the month, or None for no such month."""
    end = month_end(month, year)
    if end is None:
        return None
    if last_one:
        return end - dt.timedelta(days=(end.weekday() - weekday) % 7)
    first = end.replace(day=1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7)


def days_after(end: dt.date, days: int, working: bool) -> dt.date | None:
    """The day `days` after `end`; "05 ngày làm việc sau ngày kết thúc đợt" (`working`) counts
    Vietnam's working days only, as offices do; None past the calendar's end."""
    if not working:
        return plus_days(end, days)
    try:
        for _ in range(days):  # the plan's words say at most 99 days ("\d{1,2} ngày làm việc")
            end = next_working_day(end)
    except OverflowError:
        return None
    return end


# "báo cáo sau mỗi lớp tập huấn trong vòng 05 ngày kể từ ngày kết thúc lớp", "báo cáo chậm nhất 03 ngày
# sau mỗi buổi diễn tập": a report on each dated event of that kind, those days after it (OCR: "méi");
# "báo cáo" leads the match (not a follow-on activity), "trong vòng" (a bare "trong" is how long it lasts)
_EVENT_KIND = r"(tap huan|boi duong|dien tap|hoi thi|hoi thao|hoi nghi)"
_EACH_EVENT = (r"(?:m[a-z]i|tung)\s+(?:(?:lop|buoi|khoa|cuoc|dot|l[a-z0-9]{1,2}p)\s+)?"
               + _EVENT_KIND + r"\b(?!\s+do\s)")  # not "sau mỗi hội nghị do Sở tổ chức": another's
_WITHIN = r"\b(?:trong\s+vong|cham nhat(?:\s+la)?)\s+(\d{1,2})\s+ngay\b(\s+lam viec\b)?"
_AFTER_EACH_EVENT = re.compile(r"\bbao cao\b[^.;]{0,40}?\bsau\s+" + _EACH_EVENT + r"[^.;]{0,40}?" + _WITHIN)
_WITHIN_EACH_EVENT = re.compile(r"\bbao cao\b[^.;]{0,40}?" + _WITHIN
                                + r"\s+(?:ke\s+tu\s+(?:ngay\s+)?ket\s+thuc|sau(?:\s+khi\s+ket\s+thuc)?)\s+"
                                + _EACH_EVENT)
_EVENT_OF_KIND = r"(?:to chuc\s+)?(?:(?:lop|buoi|khoa|cuoc|dot)\s+)?"  # the kind begins the event's name
# "gửi báo cáo kết quả Hội thi … chậm nhất 07 ngày sau khi tổ chức": the event of that kind the report
# names, those days after it is held
_REPORT_OF_EVENT = re.compile(r"\bbao cao\s+(?:ket qua\s+)?" + _EVENT_OF_KIND + _EVENT_KIND
                              + r"\b[^.;]{0,60}?" + _WITHIN
                              + r"\s+(?:ke tu|sau)\s+(?:ngay\s+|khi\s+)?(?:to chuc|ket thuc)\b")


def after_events(low: str, events: list[tuple[str, dt.date]]) -> list[tuple[str, dt.date, int]]:
    """"báo cáo sau mỗi lớp tập huấn trong vòng 05 ngày": (what, due, offset) for each of the plan's
    dated `events` (name, day) of the kind named, that many days after it."""
    found: dict[tuple[str, int, bool], int] = {}  # (kind, days, working): once, at its first match
    for m in _AFTER_EACH_EVENT.finditer(low):
        found.setdefault((m.group(1), int(m.group(2)), bool(m.group(3))), m.start())
    for m in _WITHIN_EACH_EVENT.finditer(low):
        found.setdefault((m.group(3), int(m.group(1)), bool(m.group(2))), m.start())
    for m in _REPORT_OF_EVENT.finditer(low):
        found.setdefault((m.group(1), int(m.group(2)), bool(m.group(3))), m.start())
    out = []
    for (kind, days, working), at in found.items():
        of_kind = re.compile(_EVENT_OF_KIND + kind + r"\b")
        for name, day in events:
            due = days_after(day, days, working) if of_kind.match(key(name)) else None
            if due:
                # ("HIV/AIDS: tập huấn …": an acronym keeps its capitals)
                event = shorten(name[:1].lower() + name[1:] if name[1:2].islower() else name, 80)
                what = say("planimport.names.event_report_working" if working
                           else "planimport.names.event_report", event=event, days=days)
                out.append((what, due, at))
    return out


_ON = r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?"
# "thống kê số ca, gửi Khoa Kiểm soát bệnh tật vào ngày 30-6-2027 và ngày 25-10-2027": figures a unit
# sends on the days the plan names (the words before the date say to whom, not "trước"; OCR bends
# "gửi" to "gti", "giri")
_SENT_ON = re.compile(r"\b(?:gui|g[tr]{1,2}i|giri|nop)\s+([a-z][^.;]{2,80}?)\s+vao\s+(?:cac\s+)?ngay\s+("
                      + _ON + r"(?:\s*(?:,|va)\s*(?:ngay\s+)?" + _ON + r")*)")


# an event a report is given at, not one due ("báo cáo kết quả tại Hội nghị … vào ngày …")
_AT_EVENT = r"hoi nghi|hoi thao|tap huan|le\s|mit tinh|trinh bay|giao ban|hop\s|buoi"
# "báo cáo tiến độ Đợt 1 vào ngày 25/12/2026 và ngày 25/01/2027": a report of a kind due on the days
# named (not one given at an event the clause holds, _AT_EVENT)
# ("báo cáo Giám đốc kết quả theo quý vào các ngày 20/3, 20/6, 20/9": a quarter's, its reader named first)
# (not "báo cáo viên", a speaker; the quarter's words run to the date with no comma between)
_REPORTED_ON = re.compile(r"\bbao cao\s+((?:tien do|so bo|nhanh|tinh hinh)"
                          r"(?:(?!" + _AT_EVENT + r")[^.;]){0,40}?|"
                          r"(?!vien\b|chuyen de\b)(?:[a-z]+\s+){0,3}?(?:ket qua\s+)?theo\s+quy\b"
                          r"(?:(?!" + _AT_EVENT + r")[^.;,]){0,40}?)\s+vao\s+(?:cac\s+)?ngay\s+("
                          + _ON + r"(?:\s*(?:,|va)\s*(?:ngay\s+)?" + _ON + r")*)")

# "theo báo cáo nhanh …", "trong báo cáo tình hình …": a report the plan cites, none it asks for
_CITED_REPORT = re.compile(r"\b(?:theo|tai|trong|qua)\s*$")


def sent_on(low: str, text: str, anchor: dt.date | None, year: int | None
            ) -> list[tuple[str, dt.date, int]]:
    """What a unit sends, or reports, on the days the plan names: what, when, where it is said."""
    out = []
    sent = list(_SENT_ON.finditer(low))
    starts = [m.start() for m in sent]
    for m in sent:
        what = shorten(say("planimport.names.send", what=" ".join(text[m.start(1):m.end(1)].split())), 100)
        out.extend((what, due, m.start()) for due in dates_in(m.group(2), anchor, year))
    for m in _REPORTED_ON.finditer(low):
        # "gửi báo cáo tiến độ … vào ngày …": read above; "theo báo cáo nhanh … vào ngày …": a
        # report the background cites, as is one dated before the plan
        around = bisect.bisect_right(starts, m.start()) - 1  # the send clause it may lie in
        if (around >= 0 and m.start() < sent[around].end()) \
                or _CITED_REPORT.search(low, max(0, m.start() - 20), m.start()):
            continue
        said = " ".join(text[m.start(1):m.end(1)].split())
        what = shorten(say("planimport.names.report_of", what=said), 100)
        out.extend((what, due, m.start()) for due in dates_in(m.group(2), anchor, year)
                   if anchor is None or due >= anchor)
    return out


# a row or a phase that only prepares or closes the plan ("Chuẩn bị", "Tổng kết"; OCR "Tong két"):
# not one of the đợt a report "sau ngày kết thúc đợt" is due after
# ("Giai đoạn 1 - Chuẩn bị", "Giai đoạn 3: Tổng kết", "Giai đoạn IV (sơ kết)": numbered and set off too)
# ("Duy trì, tổng kết", "Đánh giá và tổng kết": a closing stage named by both its works)
_STAGE_ONLY = re.compile(r"(?:giai doan(?:\s+(?:\d{1,2}|[ivx]{1,4}))?(?:\s*[-–:(]\s*|\s+))?"
                         r"(?:(?:duy tri|danh gia)\s*(?:,|va)\s*)?(?:chuan bi|tong ket|so ket)\)?")
_DATES_ONLY = re.compile(r"[\d/\s.–-]+")


def is_stage(name: str, above: str) -> bool:
    """Whether a phase is a preparing or closing stage: by its name, or, named by its dates only
    (a table exported one cell per line), by the row's label just above them."""
    said = name.split(":")[0]
    return bool(_STAGE_ONLY.fullmatch(key(said)) or _STAGE_ONLY.fullmatch(key(":".join(name.split(":")[:2])))
                or (_DATES_ONLY.fullmatch(said) and _STAGE_ONLY.fullmatch(key(above))))


# "báo cáo số người được điều trị cùng báo cáo sơ kết và tổng kết của Khoa Kiểm soát bệnh tật", "báo
# cáo năm cùng các chi hội", "… hằng quý cùng với báo cáo của các tổ dân phố": a report sent with
# another unit's, on the days the plan gives that unit (its item's head names it); "cùng" as OCR bends
# it, "cling", or as the mender reads it back, "công", before a report or a unit list (not a word of
# its own: "thi công các trường", building; "phân công các", "thành công các", "tấn công các")
_WITH = (r"(?:c(?:u|li)ng|(?<!\bthi )(?<!\bphan )(?<!\bthanh )(?<!\btan )"
         r"cong(?=\s+(?:bao cao|cac)\b))")
_WITH_WORD = re.compile(r"\b" + _WITH + r"\s")
# (not "báo cáo viên", a speaker; not a report that says its own day or a clause after a comma:
# "báo cáo kết quả, phối hợp cùng các tổ dân phố", work done together)
_WITH_UNIT = re.compile(r"\bbao cao\s+(?!vien\b)((?:(?!bao cao|" + TRUOC
                        + r"\s+ngay|ngay\s+\d)[^.;]){2,120}?)\s+"
                        + _WITH + r"\s+(?:voi\s+)?"
                        r"((?:cac\s+)?bao cao\b[^.;]{0,40}?\bcua\s+)?(?:cac\s+)?"
                        r"([a-z][^.;:,()]{3,60}?)\s*(?=[.;]|$)")
# the year's report: the whole of what it reports ("nắm tình hình", a verb, folds the same)
_YEAR_REPORT = re.compile(r"(?:tong ket\s+)?(?:ca\s+)?nam")
# "báo cáo nắm tình hình cùng …", "báo cáo ca mắc và xử lý ổ dịch cùng …": works done together, the
# report one of them; "cùng" goes with the work, not with a report the unit sends
_WORK_TOO = re.compile(r"(?:^|\bva\s+)(?:nam\s+(?:tinh hinh|bat)|xu ly|phoi hop|to chuc|trien khai|"
                       r"giam sat|kiem tra|theo doi|thuc hien|tuyen truyen)\b")
# a report heard or given at a meeting, not one sent: "nghe báo cáo", "hội nghị báo cáo chuyên đề"
_HEARD = re.compile(r"\b(?:nghe|hoi nghi|hoi thao|toa dam)\s+$")
_NEAR = 8  # the items around it a plan's "Tổ chức thực hiện" lists its units in


def with_units(paras: list[Para], deadlines: list[DeadlineD]) -> list[tuple[int, str, dt.date, int]]:
    """The reports a unit sends with another's: the paragraph's index, what, when, the line it is
    said on; the year's report ("báo cáo năm cùng …") with the other's last one only."""
    out: list[tuple[int, str, dt.date, int]] = []
    by_line = sorted((d.line, d.due) for d in deadlines)  # read once, then by bisection
    for index, para in enumerate(paras):
        m = _WITH_UNIT.search(para.low) if _WITH_WORD.search(para.low) else None
        if not m or _HEARD.search(para.low, max(0, m.start() - 20), m.start()):
            continue
        if _WORK_TOO.search(m.group(1)):
            continue
        if not m.group(2) and "," in m.group(1):
            continue  # "báo cáo kết quả, phối hợp cùng các tổ dân phố": work with them, no report of theirs
        unit = m.group(3)
        # the nearest item naming the unit, above or below
        near = sorted(range(max(0, index - _NEAR), min(len(paras), index + _NEAR)),
                      key=lambda k: abs(k - index))
        at = next((k for k in near if k != index and _names(head_of(paras[k].low), unit)), None)
        if at is None:
            continue
        first, last = paras[at].line, _item_end(paras, at)
        inside = by_line[bisect.bisect_left(by_line, (first,)):bisect.bisect_left(by_line, (last + 1,))]
        dues = sorted({due for _line, due in inside})
        if dues and _YEAR_REPORT.fullmatch(m.group(1)):
            dues = dues[-1:]
        said = " ".join(para.text[m.start(1):m.end(1)].split())
        what = say("planimport.names.report_of", what=shorten(said, 80))
        out.extend((index, what, due, para.line_at(m.start())) for due in dues)
    return out


def head_of(text: str) -> str:
    """An item's head, before its colon ("2. Các chi hội: tổ chức …"), or nothing."""
    cut = text.find(":", 0, 120)
    return text[:cut] if cut > 0 else ""


def _names(head: str, unit: str) -> bool:
    """Whether an item's head is the unit's: its name after the item's number starts with the unit's
    words ("2. Các tổ dân phố khu A:") or names it as a list, "các …" ("3. Ban điều hành các tổ dân
    phố:"), not a word inside another head ("1. Thành phần tham gia:")."""
    number = STARTS_ITEM.match(head)
    name = " " + head[number.end() if number else 0:].strip() + " "
    return f" {unit} " in name[:len(unit) + 2] or f" cac {unit} " in name or f" cac {unit}," in name


def _item_end(paras: list[Para], at: int) -> int:
    """The last line of the item that starts at `at`: OCR may break it at a blank line, and its
    words go on in the paragraphs below up to the next item."""
    end = at
    while end + 1 < min(len(paras), at + _NEAR) and not STARTS_ITEM.match(paras[end + 1].folded) \
            and not paras[end + 1].level:
        end += 1
    return paras[end].starts[-1][1]
