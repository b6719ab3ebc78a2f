"""A table's activity cell listing its activities, each dated in brackets after it ("tiêm vắc xin
mũi 1 (10/10/2026) và mũi 2 (14/11/2026)"), over the row's wrapped lines: one-off events (#21)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date


def test_bracketed_dates_in_a_cell_are_events():
    draft, _ = draft_from_text(
        "TRƯỜNG TRUNG CẤP Y AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-TCY\tAn Phú, ngày 20 tháng 8 năm 2027\n\n"
        "KẾ HOẠCH\nPhòng bệnh dại cho học sinh năm học 2027 - 2028\n\n"
        "II. THỜI GIAN\nTừ ngày 06/9/2027 đến ngày 27/5/2028.\n\n"
        "III. HOẠT ĐỘNG\n"
        "Học kỳ | Hoạt động | Đơn vị\n"
        "Học kỳ I | Sinh hoạt đầu khóa; khám sức khỏe (12/10/2027) | Trạm Y tế\n"
        " | và buổi ngoại khóa (20/11/2027); | Đoàn trường\n"
        "Học kỳ II | Tập huấn sơ cứu; báo cáo sơ kết (trước 15/3/2028) | Khoa Điều dưỡng\n\n"
        "IV. KINH PHÍ\nNguồn chi thường xuyên.\n", "plan.txt")
    dates = {k.date for k in draft.key_dates if k.date}
    assert {D(2027, 10, 12), D(2027, 11, 20)} <= dates
    assert D(2028, 3, 15) not in dates
