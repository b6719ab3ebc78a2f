"""One-off events a plan dates among its activities: a conference, a training, a drill, a check-up day.

Read from list items ("1. Hội nghị triển khai … vào ngày 10/9/2026 tại …", "- Ngày tẩy giun lần 1:
thứ Bảy, ngày 15/5/2027;") and from a table's rows whose time cell is one full date ("Ngày" /
"19/11/2027"), also as OCR flattens them ("7 Hội thi … Ngày 01 hội thi / … 19/11/2027"). Only a
date with its year, inside the plan's span, that no deadline, span or cited document owns.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator

from bot.core.textfit import shorten
from bot.domain.planimport.dates import is_cited, make
from bot.domain.planimport.spellings import TRUOC, TU
from bot.domain.planimport.text import PERIOD_LABEL, Para, fold

# "Tháng 02/2027:", "Tháng 4 - tháng 6/2027:": a month calendar's label, not the activity's name
_MONTH_LABEL = r"thang\s+\d{1,2}(?:/\d{4})?(?:\s*-\s*thang\s+\d{1,2}(?:/\d{4})?)?\s*:"
# ("(1) Họp cha mẹ …", a number in brackets, too)
# ("Hoạt động 3: …" too, and a line led by a label that sets an activity apart: "Đặc biệt: …")
# (and a month calendar's line: "Tháng 02/2027: Hội nghị tập huấn … (ngày 23-02-2027, …)")
# a cell or a stretch that names something: a word of three letters, not a number or a date alone
_WORDED = re.compile(r"[^\W\d_]{3}")
_ITEM = re.compile(r"^\s*(?:[-+•]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-z]\)|\(\d{1,2}\)|hoat dong\s+\d{1,2}\s*[:.]|"
                   r"(?:dac biet|ngoai ra|them vao do)\s*[:,]|" + _MONTH_LABEL + r")\s"
                   r"|^\s*-(?=[a-z]{1,6}\s)")  # "-T6 chức …": OCR glued the dash to the word
# an activity's heading: its number and a few words, no date, no colon, nothing after a stop
_HEAD = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+[a-z][a-z ,]{2,50}$")
# a flattened table's row: its number, then its first cell ("7 Hội thi …")
_ROW_NO = re.compile(r"^\s*\d{1,2}\s+[a-z]")
_FULL = r"(\d{1,2})(?:\s*/\s*|[.-])(\d{1,2})(?:\s*/\s*|[.-])(\d{4})(?![\d/])"
# "vào ngày 19/6/2026", "vào sáng ngày 14-8-2026", ": ngày 18/6/2027", "thứ Bảy, ngày 15/5/2027"
# (also after its weekday with no "ngày": "vào sáng Chủ nhật, 20/9/2026")
# (and the next date an item lists, the event held again: "…: 22-4-2027 và 23-9-2027")
_ON_DAY = re.compile(r"(?:(?<![a-z])ngay\s+|(?<=: )|(?<=\()|(?<=\d\d va )|"
                     r"\b(?:chu nhat|thu\s+(?:hai|ba|tu|nam|sau|bay))\s*,?\s*)" + _FULL)
_ON_DAY_NO_YEAR = re.compile(r"(?<![a-z])ngay\s+(\d{1,2})\s*/\s*(\d{1,2})(?![\d/(]|\s*\(\s*\d{4})")
_BARE = re.compile(r"(?<![\d/.-])" + _FULL)
# "báo cáo viên" (a speaker), "báo cáo ca bệnh / ổ bệnh" (what a training teaches): no report due
# (OCR reads "ổ" as "6")
_NOT_A_REPORT = r"(?!\s+(?:vi[a-z]n\b|ca\s+b[a-z]nh\b|[o6]\s+(?:b[a-z]nh|dich)\b))"
# a deadline's, a span's or a phase's words before the date, in its clause
# ("trước", "báo cáo", "gửi", "nộp", "kết thúc" also as OCR bends them: "trudc", "bdo céo", "gtri", "n6p",
# "két thic")
# ("trước cao điểm thứ hai, ngày 22-01-2027": before a phase, not a deadline)
# ("Khoa Nội tổng hợp", "Phòng Kế hoạch - Tổng hợp": an office's name, no report compiled)
# ("đến", "sau" bound what follows them: one a comma follows is a listed word OCR bent to it,
# "đưa đón" read "dua dén", "phơi, sấy," read "phoi, sdy,")
# ("chuyển gửi", a referral of patients a training teaches, sends no report; but "chuyển gửi danh
# sách … về …", a list forwarded, is one)
# (a report's or deadline's own words go on over the dates it lists after commas: "trước ngày
# 20/6/2027, riêng Khoa Dược ngày 25/6/2027", "quý I ngày 20/3/2027, quý II ngày 20/6/2027")
_NOT_A_REFERRAL = r"(?!(?<=chuyen gui)(?!\s+(?:danh sach|bao cao|ho so|phieu|so lieu|ve)\b))"
_DUE_WORD = (r"\b(?!tru[a-z]{1,3}\s+(?:cao diem|dot|giai doan|chang)\b)"
             r"(?:" + TRUOC + r"|han|b[a-z]o c[a-z]o" + _NOT_A_REPORT
             + r"|gui" + _NOT_A_REFERRAL + r"|g[tr]{1,2}i|giri|nop|n[6d0]p|hoan thanh|cham nhat|"
             r"(?<!noi )(?<!ngoai )(?<!hoach )(?<!hoach - )tong hop)\b")
# "sau tiêm", "sau sinh", "sau Tết", "sau khai thác": a topic's "after" (care after an act or a
# season), no bound of the date: "theo dõi trẻ sau tiêm tại nhà: ngày 12/3/2027"
_AFTER_WHAT = r"(?!\s+(?:tiem|sinh|tet|khai thac|thu hoach|mo|phau thuat|xuat vien|bao lu|lu)\b)"
# "dành cho nam giới từ 35 tuổi: Chủ nhật, ngày 12-9-2027": an age from which, not a span's first day
# (OCR: "tudi", "tuéi")
_AGE = r"(?!\d?\s+(?:thang\s+)?tu[a-z]{0,2}i\b)"
_NOT_EVENT = re.compile(_DUE_WORD + r"|\b(?:den\b(?!\s*,)|ke tu|hieu luc|ban hanh|"
                        r"het|ket th[a-z]c|bat dau|ap dung|sau\b(?!\s*,)" + _AFTER_WHAT + r"|tinh den)\b"
                        r"|\b" + TU + r"\s+(?:ngay\s+)?\d" + _AGE + r"|\b" + TU + r"\s*$")
_DUE_SAID = re.compile(_DUE_WORD)
# (also as OCR bends it: "Th Nam", "Thi Sdu", "Thu Bdy"; but "thứ Tư" only unbent: "thi từ ngày
# 15/10" is an exam's first day, not a bent weekday)
_DAY_NAME = r"(?:hai|ba|nam|s[a-z]u|b[a-z]y)"  # a weekday's name as OCR bends it ("Sdu", "Bdy")
_WEEKDAY = r"(?:ch[a-z]{1,2} nhat|thu\s+tu\b|th[a-z]{0,2}\s+" + _DAY_NAME + r"\b)\s*,?\s*"
# (the range's days also with their weekdays: "Thứ Năm, 15/10 - Thứ Sáu, 16/10/2026")
_RANGE_ON = re.compile(r"\s*(?:-|–|den)\s*(?:\||$|(?:ngay\s+)?(?:" + _WEEKDAY  # the first day of a range
                       + r")?(?:ngay\s+)?\d)")
# between a span's first and last day: a dash or "đến" ("05/4 - 25/4/2027", "05 đến ngày 25/4/2027")
_TO = r"\s*(?:-|–|\bden\b)\s*(?:ngay\s+)?"
_RANGE_BY = re.compile(r"(?:\d\s*(?:-|–)|\b(?:den|" + TU + r")(?:\s+het)?)\s*(?:ngay\s+)?"
                       r"(?:" + _WEEKDAY + r"(?:ngay\s+)?)?$")  # its last day
# an event held over a few days each named by its weekday: "Thứ Năm, 15/10 - Thứ Sáu, 16/10/2026",
# "thứ Bảy, ngày 12/6 đến Chủ nhật, ngày 13/6/2027" (its first day; the year said once, at the end)
_WEEKDAY_SPAN = re.compile(r"\b" + _WEEKDAY + r"(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*\d{4})?"
                           r"\s*(?:-|–|den)\s*(?:ngay\s+)?" + _WEEKDAY + r"(?:ngay\s+)?" + _FULL)
# a campaign month or week named in quotes over dated days: 'chiến dịch "Tháng xét nghiệm cho mẹ
# bầu" từ 01/7 đến 31/7/2027', '"Tuần lễ …" (01 - 07/10/2027)': a one-off on its first day
# ("Tháng" and "từ" also as OCR bends them: "Thdng", "tir")
_NAMED_SPAN = re.compile(r"[“\"]\s*((?:th[a-z]{0,2}ng|tuan)\s[^“”\"]{3,80}?)\s*[”\"]\s*(?:\(\s*)?"
                         r"(?:t[uwi]r?\s+)?(?:ngay\s+)?"
                         r"(\d{1,2})(?:(?:\s*/\s*|[.-])(\d{1,2}))?(?:(?:\s*/\s*|[.-])\d{4})?"
                         r"\s*(?:-|–|den)\s*(?:ngay\s+)?" + _FULL)
# (a month's row as well: "Tháng 3 - 4/2027 Chuẩn bị: … tập huấn … ngày 23/3/2027 …")
# (and a row of weeks or of its number, then its span: "5 - 8 05/10 - 31/10/2026 Tiêm bù …", or a
# row of weeks then its words: "14 - 17 Giai đoạn 1 - chuẩn bị … tập huấn … (20/4/2027)")
_QUARTER_ROW = re.compile(r"^\s*" + PERIOD_LABEL + r"\b\s*:?"
                          r"|^\s*\d{1,2}(?:\s*-\s*\d{1,2})?\s+\d{1,2}/\d{1,2}(?:/\d{4})?\s*-\s*\d{1,2}/\d{1,2}/\d{4}"
                          r"(?=\s+[a-z])|^\s*\d{1,2}\s*-\s*\d{1,2}(?=\s+[a-z])")
_PHASE = re.compile(r"^\s*(?:[-+•]\s*|\d{1,2}[.)]\s*)?(?:dot|giai doan|buoc)\s+(?:\d|[ivx]{1,4}\b)")
# an item's label that names a field of its activity, not the activity
_FIELD = re.compile(r"(?:thoi gian|dia diem|hinh thuc|noi dung|doi tuong|thanh phan|quy mo)\s*$")
_LEAD_MARK = r"(?:[-+•]|\d{1,2}(?:\.\d{1,2})*[.)]?|[a-z]\)|\(\d{1,2}\))"  # "- ", "2.1.", "a)", "(1)"
_LEAD = re.compile(r"^\s*" + _LEAD_MARK + r"\s*")
_TAIL = re.compile(r"[\s,]*(?:\b(?:vao|to chuc|dien ra|du kien)\b[\s,]*)*(?:\b(?:sang|chieu|toi)\s+)?"
                   r"(?:\b(?:thu\s+[a-z]+|th[a-z]{0,2}\s+" + _DAY_NAME + r"|chu nhat)\s*,?\s*)?$")


def dated_events(paras: list[Para], rows: list[Para], first: dt.date | None, last: dt.date | None
                 ) -> Iterator[tuple[str, dt.date, int]]:
    """(name, day, line) of each event: items' dated clauses, then rows' lone dates."""
    if first is None or last is None:
        return  # without the plan's span a date cannot be told from history
    item = False  # the paragraph above was a list item left open ("… phòng ngừa té" / "ngã, tổ chức …")
    titled = False  # the paragraph above was an activity's short numbered heading ("3. Tập huấn")
    above: Para | None = None
    for para in paras:
        under, titled = titled, _HEAD.match(para.low) is not None and para.level >= 2
        if item and above is not None and _CUT_WEEKDAY.search(above.low) and _WEEKDAY_REST.match(para.low):
            # "… cho cộng tác viên vào thứ" / "Bảy, ngày 24/4/2027.": OCR cut the item inside its
            # weekday; the two read as one, for the days on the lower paragraph's lines
            joined = _joined(above, para)
            lines = {n for _at, n in para.starts}
            yield from (e for e in _item_events(joined, first, last) if e[2] in lines)
        above = para
        # an item OCR cut at a blank line goes on in lower case below it
        going_on = item and para.text != "" and para.text[0].islower()
        item = bool(_ITEM.match(para.low) or going_on) and para.text.rstrip()[-1:] not in set(".;!?")
        for m in _NAMED_SPAN.finditer(para.low):
            day = make(int(m.group(2)), int(m.group(3) or m.group(5)), int(m.group(6)))
            if day is not None and first <= day <= last and not is_cited(para.low, m.start()):
                yield _name(para.text[m.start(1):m.end(1)]), day, para.line_at(m.start())
        quarter = _QUARTER_ROW.match(para.low)
        if quarter:
            # "Quý IV/2027 … ; Hội thảo chuyên đề ngày 12/11/2027; …": a quarter's row (OCR took its
            # tabs) dates its events after the label
            yield from _item_events(para, first, last, quarter.end())
            continue
        if _PHASE.match(para.low):
            # "Đợt 2 (từ ngày … đến …): …; lễ ra quân … ngày 20/3/2027": the events after its head
            head = para.low.find(": ")
            if head > 0:
                yield from _item_events(para, first, last, head + 2)
            continue
        # (and the one paragraph an activity's heading holds: "3. Tập huấn" / "Tập huấn cho nhân viên
        # y tế …: ngày 20/02/2027 tại …", "1. Tập huấn" / "Tổ chức 01 lớp … vào thứ Năm, ngày …")
        body = under and para.level == 0 and para.text != "" and para.text[0].isupper()
        if _ITEM.match(para.low) or going_on or (body and " | " not in para.low):
            yield from _item_events(para, first, last)
            yield from _days_long(para, first, last)
            yield from _weekday_span(para, None, first, last)
            yield from _contest_span(para, first, last)
        elif _ROW_NO.match(para.low) and " | " not in para.low:
            found = list(_row_events(para, para.text, first, last))
            yield from found
            if not found:  # "6 Cuộc thi … 06/9/2027 - 26/9/2027 Ban …": a flattened row's contest
                yield from _contest_span(para, first, last)
    for row in rows:
        cells = row.text.split(" | ")
        named = next((k for k, c in enumerate(cells) if _WORDED.search(c)), None)
        dated = _DATE_CELL.fullmatch(fold(cells[named]).lower()) if named is not None and named <= 1 else None
        if dated:
            yield from _date_first(row, cells, named, dated, first, last)
        elif named is not None:  # the event's name stands before its date ("Hội thi … | Ngày 19/11/2027")
            after = len(" | ".join(cells[:named + 1]))
            found = list(_row_events(row, cells[named], first, last, after))
            found += _weekday_span(row, cells[named], first, last, after)
            found += _contest_span(row, first, last)
            yield from found
            if not found and _IN_BRACKETS.search(row.low):
                # "… | Sinh hoạt đầu khóa; tiêm vắc xin mũi 1 (10/10/2026) và mũi 2 (14/11/2026); … |":
                # a cell's activities, each dated in brackets after it
                yield from _bracketed(row, first, last)


# a timetable's time cell before its activity ("1 | Thứ Bảy, 20/3/2027 | Trạm Y tế xã … | Khám …"):
# one full date, its weekday before it or not
_DATE_CELL = re.compile(r"\s*(?:" + _WEEKDAY + r")?(?:ngay\s+)?" + _FULL + r"\s*")


# an item's last words "vào thứ" (OCR: "thir", "tht"), its weekday's name on the paragraph below
_CUT_WEEKDAY = re.compile(r"\b(?:vao|sang|chieu|toi)\s+th[a-z]{0,2}\s*$")
_WEEKDAY_REST = re.compile(r"\s*(?:tu|" + _DAY_NAME + r")\s*,\s*(?:ngay\s+)?\d")


def _joined(above: Para, below: Para) -> Para:
    """Two paragraphs read as one, each offset kept on its line."""
    at = len(above.text) + 1
    return Para(f"{above.text} {below.text}", [*above.starts, *((o + at, n) for o, n in below.starts)],
                above.level)


def _date_first(row: Para, cells: list[str], at: int, dated: re.Match[str], first: dt.date, last: dt.date
                ) -> Iterator[tuple[str, dt.date, int]]:
    """A timetable row dated first: the activity its later cells name, held that day, unless they
    say a deadline's or a span's words."""
    rest = [c for c in cells[at + 1:] if _WORDED.search(c)]
    words = _unquoted(fold(" | ".join(rest)).lower())
    if not rest or _NOT_EVENT.search(words) or _DAY_OFF.search(words):
        return
    day = make(int(dated.group(1)), int(dated.group(2)), int(dated.group(3)))
    if day is not None and first <= day <= last:
        what = [c for c in rest if not _PLACE_OR_UNIT.match(fold(c).lower())]
        yield _name(max(what or rest, key=len)), day, row.line_at(0)


# "Nghỉ lễ …", "nghỉ Tết": a day off, no activity held
_DAY_OFF = re.compile(r"\bnghi\s+(?:le|tet)\b")
# a cell that says where or who ("Nhà văn hóa ấp …", "Trạm Y tế các xã …", "Khoa … phối hợp …"),
# not what is done: the row's activity is named by another
# ("Hội thi …", "Phòng, chống …" are what is done: only a Hội's or a Phòng's office names a unit)
_PLACE_OR_UNIT = re.compile(r"\s*(?:nha van hoa|tram y te|truong|khoa|phong (?:y te|giao duc|van hoa)|"
                            r"trung tam|benh vien|uy ban|ubnd|hoi truong|"
                            r"hoi (?:lien hiep|phu nu|nong dan|cuu chien binh)|"
                            r"ap|xa|phuong|thon|khu pho|to dan pho|diem)\b")


# a contest held over a span of days and given no other date (no prize-giving day): marked on its
# first day, "Cuộc thi trực tuyến "…" từ ngày 01/7/2027 đến ngày 31/7/2027", "6 | Cuộc thi ảnh "…" |
# 15-6-2027 đến 15-7-2027 | …" (OCR: "Cuéc", "Cu6c" thi)
_CONTEST = re.compile(r"^\s*(?:" + _LEAD_MARK + r"\s*)?(?:\|\s*)?(?:to chuc\s+|phat dong\s+)?"
                      r"cu[a-z0-9]{1,2}c\s+thi\b")
# its first day ("từ ngày 05", "05/4", "05-4-2027"), a dash or "đến", its last day
_SPAN_FROM = re.compile(r"(?:\b" + TU + r"\s+)?(?:ngay\s+)?(\d{1,2})(?:(?:\s*/\s*|[.-])(\d{1,2}))?"
                        r"(?:(?:\s*/\s*|[.-])(\d{4}))?" + _TO + _FULL)
# "vòng 2 - 15/3/2027", "lớp 6 - 15/3/2027": a bare number, no "từ" or "ngày" before it, is no first day
_SPAN_LED = re.compile(r"(?:" + TU + r"|ngay)\s")


def _contest_span(para: Para, first: dt.date, last: dt.date) -> Iterator[tuple[str, dt.date, int]]:
    """A contest's first day, when the days it runs are the only date its item or row gives."""
    low = para.low
    m = _SPAN_FROM.search(low) if _CONTEST.match(low) else None
    if m is not None and m.group(2) is None and not _SPAN_LED.match(m.group(0)):
        m = None
    if m is None or _BARE.search(low, m.end()) or _BARE.search(low[:m.start()]) \
            or _DUE_SAID.search(_unquoted(low[:m.start()])) or is_cited(low, m.start()):
        return  # "…; lễ trao giải ngày 09/7/2027": the contest's day to mark is the other one
    day = make(int(m.group(1)), int(m.group(2) or m.group(5)), int(m.group(3) or m.group(6)))
    if day is not None and first <= day <= last:
        cells = [c for c in para.text[:m.start()].split(" | ") if _WORDED.search(c)]
        yield _name(cells[-1] if cells else para.text[:m.start()]), day, para.line_at(m.start())


_QUOTED = re.compile(r"[“\"][^“”\"\d]{1,80}[”\"]")
# "trực tuyến", "trực tiếp", "trực quan" (online, in person, visual): how an event is held
# (and "đại trực tràng", the colon and rectum a screening is of)
_ONLINE = re.compile(r"\btruc\s+(?:tuyen|tiep|quan|trang)\b")
_FRIDAY = re.compile(r"\bth[a-z]{0,2}\s+sau\b(?=\s*,?\s*(?:ngay\s+)?\d)")


def _unquoted(low: str) -> str:
    """`low` without quoted names and "trực tuyến"/"tiếp"/"quan": words there say nothing of whether a
    date is an event's ('Tọa đàm trực tuyến "Báo cáo …"'), though "trực" reads as a bent "trước"."""
    return _ONLINE.sub(" ", _QUOTED.sub(" ", low))
# "(10/10/2026)", "(ngày 12/01/2027)", "(Thứ Sáu, ngày 12/11/2027)"; also a bracket's own clause
# before its date: "cuộc thi … (01/8 - 31/8, trao giải ngày 24/9/2027)", the prize-giving of the contest
_IN_BRACKETS = re.compile(r"\(\s*(?:[^()]{0,60}?[,;]\s*)?"
                          r"(?:(?:chu nhat|thu\s+(?:hai|ba|tu|nam|sau|bay))\s*,?\s*"
                          # "(dự kiến 10/6/2027)", "(khoảng 20/11/2027)": a hedge, no name of its own
                          r"|(?:du kien|khoang|vao)\s+(?:vao\s+)?"
                          r"|(?!ngay\b|du kien\b|khoang\b|vao\b)([^()\d,;]{2,40}?)\s+)?"
                          r"(?:ngay\s+)?" + _FULL + r"\s*\)")


def _bracketed(row: Para, first: dt.date, last: dt.date) -> Iterator[tuple[str, dt.date, int]]:
    """A row's dates in brackets after the activity they date, each named by its clause."""
    low = row.low
    for m in _IN_BRACKETS.finditer(low):
        near = max(0, m.start() - 200)
        begin = max(low.rfind(";", near, m.start()), low.rfind(" | ", near, m.start()) + 2, near)
        inner = m.group(1) or ""  # "trao giải": what of the activity before the bracket is held that day
        clause = _unquoted(low[begin:m.start()]) + " " + inner
        if _NOT_EVENT.search(clause) or is_cited(low, m.start()):
            continue
        day = make(int(m.group(2)), int(m.group(3)), int(m.group(4)))
        if day is not None and first <= day <= last:
            name = row.text[begin:m.start()].lstrip("; |")
            lowered = re.sub(r"^\w", lambda c: c.group().lower(), name)  # "Trao giải cuộc thi …"
            said = f"{row.text[m.start(1):m.end(1)]} {lowered}" if inner else name
            yield _name(said), day, row.line_at(m.start())


_AGAIN = re.compile(r"(?:va\s+)?(?:ngay\s+)?\d")  # "…, ngày 20/5": the same clause's next date


def _item_events(para: Para, first: dt.date, last: dt.date, after: int = 0
                 ) -> Iterator[tuple[str, dt.date, int]]:
    low = para.low
    prev_end, at_word = after, ""  # where the last date ended; the plan's "tại" of its place
    for m in sorted([*_ON_DAY.finditer(low, after), *_ON_DAY_NO_YEAR.finditer(low, after)],
                    key=lambda found: found.start()):
        seg_from, prev_end = prev_end, m.end()
        # the clause the date ends, read within a window: linear however many dates a line has
        near = max(after, m.start() - 300)
        begin = max(low.rfind(";", near, m.start()), low.rfind(". ", near, m.start()) + 1, near)
        if seg_from > begin and low.startswith(", ", seg_from) and not _AGAIN.match(low, seg_from + 2) \
                and not _DUE_SAID.search(_unquoted(low[begin:seg_from])):
            # "… kết thúc ngày 05/5/2027, trao giải dưới cờ ngày 10/5/2027": a comma after a date
            # opens the next one's clause; what ended before it is not this one's
            begin = seg_from + 1
        clause = low[begin:m.start()]
        # "Báo cáo … chậm nhất 07 ngày sau khi kết thúc đợt (Đợt 1: ngày 07/5/2027; Đợt 2: ngày
        # 22/6/2027)": a bracket's clauses date the rule said before it
        opened = low.rfind("(", near, m.start())
        if begin > opened > low.rfind(")", near, m.start()):
            outer = max(low.rfind(";", near, opened), low.rfind(". ", near, opened) + 1, near)
            clause = low[outer:opened] + " " + clause
        # (as in a row: a name in quotes and "trực tuyến" are no deadline's words, "- Tọa đàm trực
        # tuyến "…" trên Fanpage: ngày 16/9/2027")
        if _NOT_EVENT.search(_unquoted(clause)) or _RANGE_ON.match(low, m.end()) \
                or _RANGE_BY.search(low[max(0, m.start() - 30):m.start()]) or is_cited(low, m.start()):
            continue
        day = _in_span(m, first, last)
        if day is None:
            continue
        colon = -1 if after else low.find(":", 0, min(m.start(), 101))
        label = para.text[:colon] if colon > 0 else para.text[begin:m.start()]
        labelled = re.fullmatch(_MONTH_LABEL, low[:colon + 1]) if colon > 0 else None
        if colon > 0 and (_FIELD.match(_LEAD.sub("", low[:colon])) or labelled):
            label = para.text[colon + 1:m.start()]  # "- Thời gian: 01 lớp tập huấn … vào ngày …"
        elif colon > 0:  # "7. Khám mắt lưu động: … tại KCN A ngày 21/11/2026 và KCN B ngày 12/12/2026"
            seg_from = max(seg_from, colon + 1, m.start() - 200)
            place = low.rfind(" tai ", seg_from, m.start())
            if place >= 0:
                at_word = para.text[place + 1:place + 4]
                label = f"{label} {para.text[place + 1:m.start()]}"
            elif at_word and re.match(r"\s*(?:va|,)\s", low[seg_from:m.start()]):
                rest = re.sub(r"^\s*(?:va|,)\s*", "", low[seg_from:m.start()])
                label = f"{label} {at_word} {para.text[m.start() - len(rest):m.start()]}"
        name = _name(label)
        if _names_something(name):
            yield name, day, para.line_at(m.start())


def _row_events(para: Para, named: str, first: dt.date, last: dt.date, after: int = 0
                ) -> Iterator[tuple[str, dt.date, int]]:
    """A row that names one full date, after its name, and no deadline: its event's day; or
    full dates of one year side by side ("20-3-2027 và 03-4-2027"): the event held again on each."""
    low = para.low
    found = list(_BARE.finditer(low))
    # a name in quotes is no deadline's word ('tọa đàm trực tuyến "Hỏi bác sĩ trước khi làm đẹp" lúc 20
    # giờ ngày 14/5/2027'), nor is "trực tuyến" (online: how the event is held) a bent "trước"
    # (nor is "Thứ Sáu, 14/5/2027", the weekday of a wrapped time cell, an "after": OCR "Tht Sau")
    unquoted = _FRIDAY.sub(" ", _unquoted(low))
    if not found or _NOT_EVENT.search(unquoted) or re.search(r"\bs[o0-9]\s*:", low):  # "Số: 45/KH"
        return
    # (one day in two years, "28/4/2027 và 28/4/2028", is a named day's, yearly: not here)
    if any(not re.fullmatch(r"\s*(?:,|va)\s*(?:ngay\s+)?", low[a.end():b.start()])
           for a, b in itertools.pairwise(found)) or len({m.group(3) for m in found}) > 1:
        return
    m = found[0]
    if m.start() < after or _RANGE_ON.match(low, found[-1].end()) \
            or _RANGE_BY.search(low[max(0, m.start() - 30):m.start()]) or is_cited(low, m.start()):
        return
    for m in found:
        day = make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if day is not None and first <= day <= last:
            yield _name(named), day, para.line_at(m.start())


# "… (22/5) sẽ có kế hoạch riêng", "… thực hiện theo kế hoạch riêng của Khoa …": a plan of its own
_OWN_PLAN = re.compile(r"\bke\s+hoach\s+rieng\b")
_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?!\d)")


def _sentence_start(low: str, at: int) -> int:
    """Where the sentence or clause holding `at` begins (after ". " or ";"), looked for within the
    300 characters before it: linear."""
    near = max(0, at - 300)
    return max(low.rfind(". ", near, at) + 1, low.rfind(";", near, at) + 1, near)


def handed_off(paras: list[Para]) -> set[tuple[int, str]]:
    """(line, "dd/mm") of the days a sentence hands to a plan of its own ("Ngày … (02/4) thực hiện
    theo kế hoạch riêng …"): this plan does not mark them."""
    found = set()
    for para in paras:
        low = para.low
        for m in _OWN_PLAN.finditer(low):  # its sentence, read within a window: linear
            begin = _sentence_start(low, m.start())
            # the days its subject names, before it and with no comma between: not "Ngày 15/3 …
            # tại xã, các thôn tổ chức theo kế hoạch riêng", the rest of the plan's own sentence
            begin = max(begin, low.rfind(", ", begin, m.start()) + 1)
            lines = range(para.line_at(begin), para.line_at(m.start()) + 1)
            for d in _DAY_MONTH.finditer(low, begin, m.start()):
                found |= {(n, f"{int(d.group(1)):02d}/{int(d.group(2)):02d}") for n in lines}
    return found


# "tập huấn …: 02 ngày, 15 - 16/5/2027": an event of that many days, the days it names after them
_DAYS_LONG = re.compile(r"\b(\d{1,2})\s+ngay\s*,?\s*(?:" + TU + r"\s+)?(?:ngay\s+)?(\d{1,2})\s*(?:-|–|den)\s*"
                        r"(?:ngay\s+)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?![\d/])")
_ACTIVITY_NO = re.compile(r"^\s*hoat dong\s+\d{1,2}\s*[:.]\s*")  # "Hoạt động 2: Tập huấn …"


def _days_long(para: Para, first: dt.date, last: dt.date) -> Iterator[tuple[str, dt.date, int]]:
    """An item's event that lasts the days it counts (a two-day training): on its first day. The
    count must be the days its range spans, or the range is a span of work, not one event."""
    low = para.low
    for m in _DAYS_LONG.finditer(low):
        count, start, end = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not 1 < count <= 7 or end - start + 1 != count:
            continue
        begin = _sentence_start(low, m.start())
        if _NOT_EVENT.search(_unquoted(low[begin:m.start()])) or is_cited(low, m.start()):
            continue
        day = make(start, int(m.group(4)), int(m.group(5)))
        if day is not None and first <= day <= last:
            lead = _ACTIVITY_NO.match(low, begin)
            label = para.text[lead.end() if lead else begin:m.start()].rstrip(" ,:")
            yield _name(label), day, para.line_at(m.start())


def _weekday_span(para: Para, named: str | None, first: dt.date, last: dt.date, after: int = 0
                  ) -> Iterator[tuple[str, dt.date, int]]:
    """An event over two to four days each given its weekday: on its first day, named by the row's
    name or the item's clause. A longer range is a span of work, not one event."""
    low = para.low
    for m in _WEEKDAY_SPAN.finditer(low, after):
        end = make(int(m.group(3)), int(m.group(4)), int(m.group(5)))
        start = make(int(m.group(1)), int(m.group(2)), int(m.group(5)))
        if start is None or end is None or not 0 < (end - start).days <= 3 or not first <= start <= last:
            continue
        if named is not None and _PHASE.match(fold(named).lower()):
            continue  # "Giai đoạn 2: triển khai | Thứ Năm, 15/10 - Thứ Bảy, 17/10/2027": a phase's days
        # a row: its cells before, within a window (linear); an item: its clause
        begin = max(0, m.start() - 300) if named is not None else _sentence_start(low, m.start())
        if _NOT_EVENT.search(_unquoted(low[begin:m.start()])) or is_cited(low, m.start()):
            continue
        said = named if named is not None else para.text[begin:m.start()]
        yield _name(said), start, para.line_at(m.start())


def _names_something(name: str) -> bool:
    """Whether an item's name has a word of three letters: "1) và ngày 10/11/2027", a bracket's tail
    read as an item, names "1) và", nothing. An empty name (all of it cut as a tail, "vào ngày …") is
    kept as before this check: the day is still the item's event."""
    return not name or _WORDED.search(name) is not None


def _name(text: str) -> str:
    text = _LEAD.sub("", text)[-200:]
    folded = fold(text).lower()  # same length: cut where the folded words end
    cut = _TAIL.search(folded)
    text = text[:cut.start()] if cut and cut.start() else text
    text = re.sub(r"\s*\([^)]*\)", "", text).strip(" ,;:-(")
    return shorten(text[0].upper() + text[1:], 120) if text else text


def _in_span(m: re.Match[str], first: dt.date, last: dt.date) -> dt.date | None:
    """The date `m` writes, inside the span; without a year, the span's year it falls in."""
    years = [int(m.group(3))] if m.lastindex and m.lastindex >= 3 and m.group(3) else [first.year, last.year]
    for year in years:
        day = make(int(m.group(1)), int(m.group(2)), year)
        if day is not None and first <= day <= last:
            return day
    return None
