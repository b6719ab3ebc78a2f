"""Reporting deadlines written in ways the importer missed (#21, twenty-second blind batch): a
rounds table's "Báo cáo kết quả" column, reports some days after each round, reports on stated
six-month periods, reports on a weekday of a week of the year."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("CHI CỤC AN TOÀN VỆ SINH THỰC PHẨM\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 31/KH-CCATTP\tngày 10 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống ngộ độc thực phẩm năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [d.due for d in draft.deadlines]


ROUNDS = HEAD + (
    "II. THỜI GIAN VÀ NỘI DUNG\n"
    "| Đợt | Thời gian | Nội dung chủ yếu | Đơn vị chủ trì | Báo cáo kết quả |\n"
    "|---|---|---|---|---|\n"
    "| Đợt 1 | Từ 10/4 | Chọn mua thực phẩm an toàn | Chi cục; UBND các | Trước |\n"
    "|  | đến 10/5/2027 | tại chợ, cửa hàng | xã, phường | 20/5/2027 |\n"
    "| Đợt 2 | Từ 01/8 | Bảo quản nông sản | UBND xã | Trước |\n"
    "|  | đến 31/8/2027 | sau thu hoạch | trọng điểm | 12/9/2027 |\n\n"
    "III. TỔ CHỨC THỰC HIỆN\nCác đơn vị báo cáo kết quả mỗi đợt theo cột \"Báo cáo kết quả\".\n")


def test_a_rounds_table_report_column_dates_each_rounds_report():
    draft, _ = draft_from_text(ROUNDS, "plan.txt")
    assert [(d.due, d.what) for d in draft.deadlines] == [
        (D(2027, 5, 20), "Báo cáo kết quả Đợt 1"), (D(2027, 9, 12), "Báo cáo kết quả Đợt 2")]
    assert draft.deadlines[0].who == "Chi cục; UBND các xã, phường"


def test_a_column_of_other_words_dates_no_report():
    assert _dues(ROUNDS.replace("Báo cáo kết quả |\n|---", "Ghi chú |\n|---")) == []


PHASED = HEAD + (
    "II. THỜI GIAN\n"
    "- Đợt 1: từ 01/5 đến 30/6/2027.\n"
    "- Đợt 2: từ 01/9 đến 31/10/2027.\n\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "1. Phòng Truyền thông: tổng hợp kết quả từng đợt, báo cáo Ban Giám đốc chậm nhất 07 ngày sau khi "
    "kết thúc mỗi đợt.\n")


def test_a_report_some_days_after_each_round_said_days_first():
    assert _dues(PHASED) == [D(2027, 7, 7), D(2027, 11, 7)]
    assert _dues(PHASED.replace("chậm nhất 07 ngày sau khi kết thúc mỗi đợt", "khi kết thúc mỗi đợt")) == []


PERIODS = HEAD + (
    "II. THỜI GIAN\nTừ 01/02/2027 đến 31/01/2028.\n\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "4. Chế độ báo cáo: Phòng Y tế tổng hợp, báo cáo Giám đốc kết quả định kỳ 6 tháng, vào ngày 05 "
    "của tháng liền sau kỳ báo cáo (kỳ thứ nhất từ tháng 02 đến hết tháng 7/2027; kỳ thứ hai từ tháng "
    "8/2027 đến hết tháng 01/2028).\n")


def test_a_report_on_each_stated_period_in_the_month_after_it():
    draft, _ = draft_from_text(PERIODS, "plan.txt")
    assert [(d.due, d.what) for d in draft.deadlines] == [
        (D(2027, 8, 5), "Báo cáo kỳ 02/2027 - 07/2027"), (D(2028, 2, 5), "Báo cáo kỳ 08/2027 - 01/2028")]
    # as OCR reads it, without diacritics and "thứ nhất" bent
    bent = PERIODS.replace("kỳ thứ nhất từ", "ky chu nhat tir")
    assert _dues(bent) == [D(2027, 8, 5), D(2028, 2, 5)]
    unruled = PERIODS.replace("của tháng liền sau kỳ báo cáo", "hằng tháng")
    assert D(2027, 8, 5) not in _dues(unruled) or D(2028, 2, 5) not in _dues(unruled)


WEEKS = HEAD + (
    "II. THỜI GIAN\n"
    "- Lịch trình tính theo tuần của năm 2027 (tuần 1 bắt đầu từ thứ Hai, ngày 04/01/2027).\n"
    "- Đợt 1: từ 05/4 đến 02/5/2027.\n"
    "- Đợt 2: từ 06/9 đến 31/10/2027.\n\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "1. Khoa Truyền thông: tổng hợp kết quả; báo cáo Ban Giám đốc vào thứ Sáu tuần 26 (kết quả 6 tháng) "
    "và thứ Sáu tuần 44 (kết quả toàn đợt).\n"
    "2. Trung tâm Y tế khu vực: gửi báo cáo kết quả mỗi đợt về Trung tâm chậm nhất thứ Hai của tuần "
    "liền sau khi kết thúc đợt.\n"
    "3. Trạm Y tế: họp giao ban vào thứ Hai tuần 20.\n")


def test_a_report_on_a_weekday_of_a_numbered_week():
    dues = _dues(WEEKS)
    assert D(2027, 7, 2) in dues and D(2027, 11, 5) in dues
    assert D(2027, 5, 17) not in dues  # a meeting in week 20, no report
    # without the plan's own count: the ISO weeks of its year (week 1 of 2027 also starts 04/01)
    iso = _dues(WEEKS.replace("(tuần 1 bắt đầu từ thứ Hai, ngày 04/01/2027)", ""))
    assert D(2027, 7, 2) in iso and D(2027, 11, 5) in iso


def test_a_report_on_a_weekday_of_the_week_after_each_phase():
    dues = _dues(WEEKS)
    assert D(2027, 5, 3) in dues and D(2027, 11, 1) in dues
    ruled = WEEKS.replace("thứ Hai của tuần liền sau khi kết thúc đợt", "theo quy định")
    assert D(2027, 5, 3) not in _dues(ruled)


def test_a_report_in_the_month_after_the_month_each_round_ends():
    text = PHASED.replace("chậm nhất 07 ngày sau khi kết thúc mỗi đợt",
                          "trước ngày 10 của tháng liền sau tháng kết thúc đợt tại địa phương")
    assert _dues(text) == [D(2027, 7, 10), D(2027, 11, 10)]
