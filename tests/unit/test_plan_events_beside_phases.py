"""A dated event said before a phase (#21, twentieth blind batch): a training held "trước cao
điểm thứ hai, ngày 22-01-2027" is on that day, not a deadline."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("ỦY BAN NHÂN DÂN XÃ AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 41/KH-UBND\tAn Phú, ngày 10 tháng 10 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống hạ thân nhiệt\n\n"
        "I. THỜI GIAN THỰC HIỆN\nTừ ngày 01/11/2026 đến ngày 31/5/2027.\n\n"
        "II. HOẠT ĐỘNG\n")


def _dates(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted(k.date for k in draft.key_dates if k.date)


def test_an_event_before_a_phase_is_dated_not_a_deadline():
    text = HEAD + ("2. Tập huấn: tổ chức lớp tập huấn sơ cứu ngày 12-11-2026 tại Hội trường xã; lớp bổ "
                   "sung cho người mới tham gia trước cao điểm thứ hai, ngày 22-01-2027.\n")
    assert _dates(text) == [D(2026, 11, 12), D(2027, 1, 22)]
    # before a date it is a deadline
    assert _dates(text.replace("trước cao điểm thứ hai, ngày", "trước ngày")) == [D(2026, 11, 12)]

