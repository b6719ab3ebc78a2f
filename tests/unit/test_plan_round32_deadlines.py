"""Reports (#21, round 32): figures sent by a month-after rule over months named by the figures
themselves ("trước ngày 08 của tháng sau (từ kết quả tháng 3 đến kết quả tháng 9/2027)"): each month's."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ HUYỆN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 88/KH-TTYT\tngày 14 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng chống tăng huyết áp năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01 tháng 01 năm 2027 đến ngày 31 tháng 12 năm 2027.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted(d.due for d in draft.deadlines)


def test_a_month_after_rule_over_the_figures_it_names():
    for said in ("(từ kết quả tháng 3 đến kết quả tháng 9/2027)",
                 "(từ số liệu tháng 3 đến số liệu tháng 9/2027)",
                 "(tin số liệu tháng 3 đến số liệu tháng 9/2027)"):
        text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                       "2. Trạm Y tế các xã: đo huyết áp người trên 40 tuổi; gửi kết quả về Khoa Kiểm soát "
                       f"bệnh tật trước ngày 08 của tháng sau {said}.\n")
        assert _dues(text) == [D(2027, m, 8) for m in range(4, 11)], said


def test_figures_named_without_a_range_are_no_monthly_rule():
    # "thông tin số liệu tháng 3 …": data the clause speaks of, no months of a rule
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "2. Trạm Y tế các xã: đo huyết áp người trên 40 tuổi; gửi kết quả về Khoa Kiểm soát "
                   "bệnh tật trước ngày 08 của tháng sau khi có thông tin số liệu tháng 3 và tháng 9/2027.\n")
    assert _dues(text) == []

