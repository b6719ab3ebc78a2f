"""Days of the lunar calendar in a plan ("mùng 1 Tết", "mùng 10 tháng Giêng", "Rằm tháng Giêng"),
counted from Tết Nguyên đán as the `holidays` package dates it: any year, by Vietnam's own
calendar (Tết Canh Tuất 2030 falls on 02/02/2030 there, a day before China's)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text
from bot.domain.planimport.dates import said_dates
from bot.domain.workdays import lunar_new_year

D = dt.date


def _head(year: int) -> str:
    return ("TRẠM Y TẾ XÃ AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            f"Số: 15/KH-TYT\tAn Phú, ngày 10 tháng 12 năm {year - 1}\n\n"
            f"KẾ HOẠCH\nTruyền thông phòng chống tai nạn thương tích dịp Tết năm {year}\n\n")


def test_tet_of_any_year_from_the_holidays_package():
    assert lunar_new_year(2027) == D(2027, 2, 6)
    assert lunar_new_year(2030) == D(2030, 2, 2)
    assert lunar_new_year(2040) == D(2040, 2, 12)


def test_lunar_days_of_a_year_past_any_table():
    low = "tu mung 1 den het mung 5 tet"
    assert " ".join(said_dates(low, D(2039, 12, 10), 2040).split()) == "tu 12/2 den het 16/02/2040"
    draft, _ = draft_from_text(_head(2040) + (
        "II. THỜI GIAN\n"
        "- Giai đoạn 1: từ ngày 02/01/2040 đến hết ngày 11/02/2040 - chuẩn bị.\n"
        "- Giai đoạn 2: từ mùng 1 đến hết mùng 5 Tết - trực.\n\n"
        "III. NỘI DUNG\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases][1:] == [(D(2040, 2, 12), D(2040, 2, 16))]


def test_an_event_on_a_day_of_thang_gieng():
    # Tết Đinh Mùi falls on 06/02/2027: mùng 10 tháng Giêng is 15/02/2027
    draft, _ = draft_from_text(_head(2027) + (
        "II. THỜI GIAN THỰC HIỆN\nTừ ngày 11/01/2027 đến ngày 28/02/2027.\n\n"
        "III. HÌNH THỨC\n"
        "- Điểm tư vấn, đo huyết áp miễn phí tại khu vực lễ hội vào ngày mùng 10 tháng Giêng, "
        "phối hợp Ban tổ chức lễ hội.\n\n"
        "IV. KINH PHÍ\n"), "plan.txt")
    assert [k.date for k in draft.key_dates] == [D(2027, 2, 15)]


def test_a_quick_report_on_the_morning_of_a_lunar_day():
    draft, _ = draft_from_text(_head(2027) + (
        "II. THỜI GIAN THỰC HIỆN\nTừ ngày 11/01/2027 đến ngày 28/02/2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Trạm trưởng: phân công lịch trực Tết; báo cáo nhanh Ủy ban nhân dân xã tình hình cấp cứu "
        "trong Tết vào sáng mùng 6 Tết; báo cáo kết quả trước ngày 25/02/2027.\n"), "plan.txt")
    assert sorted(d.due for d in draft.deadlines) == [D(2027, 2, 11), D(2027, 2, 25)]
