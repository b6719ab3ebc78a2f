"""Reports (#21, round 20): figures sent by the month-after rule over a range of months, with no
"báo cáo" or "hằng tháng" ("thống kê … gửi Phòng … trước ngày 05 của tháng sau, từ tháng 10/2026
đến tháng 5/2027": the months reported on, each due the month after), and a rule followed by its
own dates in brackets ("… Giai đoạn 1 và Giai đoạn 2 … trước ngày 05 của tháng kế tiếp (05/6/2027
và 05/9/2027)")."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRƯỜNG CAO ĐẲNG Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 21/KH-CĐYT\tngày 10 tháng 9 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông sức khỏe cho học sinh năm học 2026 - 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ tháng 9/2026 đến hết tháng 5/2027.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted(d.due for d in draft.deadlines)


def test_figures_sent_the_month_after_over_a_range_of_months():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Phòng khám: khám, tư vấn; tổng hợp số lượt khám gửi Ban Giám hiệu trước ngày 10 "
        "của tháng sau, từ tháng 11/2026 đến tháng 02/2027.\n")
    assert _dues(text) == [D(2026, 12, 10), D(2027, 1, 10), D(2027, 2, 10), D(2027, 3, 10)]
    ocr = text.replace("trước ngày", "truéc ngay").replace("của tháng sau, từ tháng",
                                                           "cua thang sau, tir thang")
    assert _dues(ocr) == [D(2026, 12, 10), D(2027, 1, 10), D(2027, 2, 10), D(2027, 3, 10)]


def test_a_stage_report_rule_with_its_dates_in_brackets():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Phòng Đào tạo báo cáo kết quả Giai đoạn 1 và Giai đoạn 2 cho Ban Giám hiệu trước ngày 08 "
        "của tháng kế tiếp (08/01/2027 và 08/4/2027).\n")
    assert _dues(text) == [D(2027, 1, 8), D(2027, 4, 8)]
