"""Reports (#21, round 24): a report by the month-after rule over a range of months, its verb "báo cáo"
with no "hằng tháng" ("báo cáo số lượt … trước ngày 05 của tháng sau, từ tháng 4 đến tháng 9 năm 2027":
the months reported on, each due the month after), the range's year written out ("năm 2027") or
after a slash; a quarter-after rule whose own dates in brackets run past the span ("… tháng đầu quý sau
(05/4, 05/7, 05/10/2027 và 05/01/2028)"): the last quarter's report too."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ HUYỆN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 48/KH-TTYT\tngày 12 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng chống tăng huyết áp năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01 tháng 4 năm 2027 đến ngày 31 tháng 10 năm 2027.\n\n")
MONTHLY = [D(2027, 5, 10), D(2027, 6, 10), D(2027, 7, 10), D(2027, 8, 10), D(2027, 9, 10), D(2027, 10, 10)]


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted(d.due for d in draft.deadlines)


def test_a_report_by_the_month_after_rule_over_a_range_of_months():
    for said in ("tháng 9 năm 2027", "tháng 9/2027"):
        text = HEAD + (
            "III. TỔ CHỨC THỰC HIỆN\n"
            "1. Các trạm y tế: báo cáo số người được đo huyết áp về Khoa Kiểm soát bệnh tật trước ngày 10 "
            f"của tháng sau, từ tháng 4 đến {said}; kết quả tháng 10 báo cáo cùng tổng kết trước ngày "
            "10 tháng 11 năm 2027.\n")
        assert _dues(text) == [*MONTHLY, D(2027, 11, 10)]


def test_a_quarter_after_rule_whose_bracketed_dates_run_past_the_span():
    head = HEAD.replace("Từ ngày 01 tháng 4 năm 2027 đến ngày 31 tháng 10 năm 2027",
                        "Từ ngày 01 tháng 01 năm 2027 đến ngày 31 tháng 12 năm 2027")
    for said in ("(ngày 15 tháng 4, ngày 15 tháng 7, ngày 15 tháng 10 năm 2027 và ngày 15 tháng 01 năm 2028)",
                 "(15/4, 15/7, 15/10/2027 và 15/01/2028)"):
        text = head + ("III. TỔ CHỨC THỰC HIỆN\n"
                       "1. Các trạm y tế báo cáo kết quả về Trung tâm trước ngày 15 của tháng đầu quý sau "
                       f"{said}.\n")
        assert _dues(text) == [D(2027, 4, 15), D(2027, 7, 15), D(2027, 10, 15), D(2028, 1, 15)]


def test_a_cited_report_is_not_the_verb_of_a_month_after_rule():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Căn cứ báo cáo năm 2026, các trạm y tế tổ chức khám sàng lọc trước ngày 05 "
                   "của tháng sau, từ tháng 4 đến tháng 9 năm 2027.\n")
    assert _dues(text) == []
