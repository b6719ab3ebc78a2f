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


# A quarter table's activity cell: "Hội nghị triển khai (ngày 12/01/2027)", the weekday before the
# date ("(Thứ Sáu, ngày 12/11/2027)") and a bracket's own clause ("(01/8 - 31/8, trao giải ngày
# 24/9/2027)": the contest's prize-giving that day, not its run)
_QUARTERS = (
    "BẢO HIỂM XÃ HỘI VIỆT NAM\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "BẢO HIỂM XÃ HỘI TỈNH AN PHÚ\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 15/KH-BHXH\tAn Phú, ngày 11 tháng 12 năm 2026\n\n"
    "KẾ HOẠCH\nTruyền thông chính sách bảo hiểm y tế năm 2027\n\n"
    "II. THỜI GIAN\nNăm 2027.\n\n"
    "III. TIẾN ĐỘ THEO QUÝ\n"
    "| Thời gian | Nội dung trọng tâm | Hình thức chủ yếu | Đơn vị thực hiện |\n"
    "|---|---|---|---|\n"
    "| Quý I/2027 | Quyền lợi khám, chữa bệnh | Hội nghị triển khai (ngày 12/01/2027); | Phòng TT |\n"
    "|  | theo cấp chuyên môn kỹ thuật | tập huấn báo cáo viên (ngày 09/3/2027) | và Phát triển |\n"
    "| Quý III/2027 | Bảo hiểm y tế học sinh | Cuộc thi trực tuyến \"Hiểu Luật\" | Phòng TT |\n"
    "|  | năm học 2027 - 2028 | (01/8 - 31/8, trao giải ngày 24/9/2027) | |\n"
    "| Quý IV/2027 | Chống trục lợi quỹ; sơ kết | Tọa đàm trên truyền hình (Thứ Sáu, ngày | Phòng GĐ |\n"
    "|  | tổng kết năm | 21/10/2027); tổng kết; báo cáo (trước ngày 15/11/2027) | |\n\n"
    "IV. KINH PHÍ\nNguồn chi thường xuyên.\n")


def test_dated_brackets_with_day_word_weekday_or_clause_are_events():
    draft, _ = draft_from_text(_QUARTERS, "plan.txt")
    dates = {k.date: k.name for k in draft.key_dates if k.date}
    assert {D(2027, 1, 12), D(2027, 3, 9), D(2027, 9, 24), D(2027, 10, 21)} <= set(dates)
    assert D(2027, 11, 15) not in dates  # a report's deadline in brackets
    assert D(2027, 8, 1) not in dates and D(2027, 8, 31) not in dates  # the contest's run


def test_dated_brackets_in_a_cell_as_ocr_reads_them():
    # tesseract -l eng: diacritics lost or bent, the wrapped line kept under its row
    draft, _ = draft_from_text(
        "BAO HIEM XA HOI VIET NAM CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "BAO HIEM XA HOI TINH AN PHU Déc lap - Tu do - Hanh phtic\n"
        "S6: 15/KH-BHXH An Phu, ngay 11 thang 12 nam 2026\n\n"
        "KE HOACH\nTruyén thong chinh sach bao hiém y té nam 2027\n\n"
        "II. THOI GIAN\nNam 2027.\n\n"
        "III. TIEN DO THEO QUY\n\n"
        "| Thoi gian | Noi dung trong tam | Hinh thic chu yéu | Don vi thuc hién |\n\n"
        "| Quy 1/2027 | Quyén loi kham, chita bénh | Héi nghi trién khai (ngay 12/01/2027); | Phong TT |\n"
        "|  | theo cap chuyén mén ky thuat | tap huan bao cao vién (ngay 09/3/2027) | va Phat trién |\n\n"
        "| Quy III/2027 | Bao hiém y té hoc sinh | Cuéc thi truc tuyén \"Hiéu ding Luat\" | Phong TT |\n"
        "|  | nam hoc 2027 - 2028 | (01/8 - 31/8, trao giai ngay 24/9/2027) | |\n\n"
        "IV. KINH PHI\nNguén chi thuéng xuyén.\n", "plan.txt")
    dates = {k.date for k in draft.key_dates if k.date}
    assert {D(2027, 1, 12), D(2027, 3, 9), D(2027, 9, 24)} <= dates


def test_odd_brackets_and_listed_months_stay_linear():
    import re
    import time

    from bot.domain.planimport.events import _IN_BRACKETS
    from bot.domain.planimport.schedule import _MONTHS_IN_BRACKETS
    odd = "(thu nam, " * 4000 + "(a b c d " * 1000
    started = time.process_time()
    assert not list(_IN_BRACKETS.finditer(odd))
    assert not list(_MONTHS_IN_BRACKETS.finditer("(thang 1, 2, " * 4000))
    assert not re.search(_IN_BRACKETS, "ngay 12/01/2027) " * 2500)
    assert time.process_time() - started < 1.0



def test_a_hedged_date_in_brackets_dates_the_activity_before_it():
    """"(dự kiến 10/6/2027)": the contest is on that day; "Dự kiến" is no part of its name."""
    draft, _ = draft_from_text(_QUARTERS.replace(
        "| Cuộc thi trực tuyến \"Hiểu Luật\" | Phòng TT |\n"
        "|  | năm học 2027 - 2028 | (01/8 - 31/8, trao giải ngày 24/9/2027) | |\n",
        "| Hội thi tìm hiểu về bảo hiểm (dự kiến 10/8/2027) | Phòng TT |\n"), "plan.txt")
    named = {k.date: k.name for k in draft.key_dates if k.date}
    assert D(2027, 8, 10) in named
    assert not named[D(2027, 8, 10)].lower().startswith("dự kiến")
