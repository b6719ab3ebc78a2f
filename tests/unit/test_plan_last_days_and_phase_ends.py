"""Reports due on a month's last day ("vào ngày cuối cùng hằng tháng"), on each phase's last day
("vào ngày cuối cùng của mỗi đợt"), some days after a giai đoạn ends ("trong 10 ngày sau khi kết
thúc giai đoạn"), and on a day of the months listed ("vào ngày 20 các tháng 4, 7 và 10") (#21,
twenty-eighth round)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("ỦY BAN NHÂN DÂN PHƯỜNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 41/KH-UBND\tngày 05 tháng 02 năm 2027\n\n"
        "KẾ HOẠCH\nTuyên truyền phòng, chống sốt xuất huyết năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao hiểu biết của người dân.\n\n")
SPAN = "II. THỜI GIAN\nTừ ngày 01/3/2027 đến ngày 30/11/2027.\n\n"
PHASES = ("II. THỜI GIAN\nTừ ngày 01/3/2027 đến ngày 30/11/2027, chia làm hai giai đoạn:\n"
          "Giai đoạn 1 (từ ngày 01/3 đến ngày 15/6/2027): ra quân diệt lăng quăng.\n"
          "Giai đoạn 2 (từ ngày 16/6 đến ngày 30/11/2027): phun hóa chất mùa mưa.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [d.due for d in draft.deadlines]


def test_a_report_on_the_last_day_of_each_month_in_a_range():
    text = HEAD + SPAN + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Các tổ dân phố gửi báo cáo số hộ được kiểm tra về Trạm Y tế vào ngày cuối cùng hằng tháng, từ "
        "tháng 4 đến tháng 6/2027.\n")
    assert _dues(text) == [D(2027, 4, 30), D(2027, 5, 31), D(2027, 6, 30)]


def test_a_report_before_the_month_end_without_cung():
    text = HEAD + SPAN + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Cộng tác viên báo cáo về Trạm Y tế trước ngày cuối hằng tháng, từ tháng 9 đến tháng 11/2027.\n")
    assert _dues(text) == [D(2027, 9, 30), D(2027, 10, 31), D(2027, 11, 30)]


def test_the_last_day_of_a_training_is_no_monthly_report():
    # near miss: "ngày cuối cùng của đợt tập huấn" is one event's day, no month's
    text = HEAD + SPAN + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Trạm Y tế báo cáo danh sách học viên vào ngày cuối cùng của đợt tập huấn.\n")
    assert _dues(text) == []


def test_a_report_on_the_last_day_of_each_phase():
    text = HEAD + PHASES + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Các trường học báo cáo kết quả về Phòng Giáo dục vào ngày cuối cùng của mỗi giai đoạn.\n")
    assert _dues(text) == [D(2027, 6, 15), D(2027, 11, 30)]


def test_the_last_day_of_each_inspection_round_is_not_a_phase_end():
    text = HEAD + PHASES + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Đoàn kiểm tra báo cáo kết quả vào ngày cuối cùng của mỗi đợt kiểm tra.\n")
    assert _dues(text) == []


def test_a_report_days_after_each_giai_doan_ends():
    text = HEAD + PHASES + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Trạm Y tế báo cáo kết quả mỗi giai đoạn về Ủy ban nhân dân phường trong 07 ngày sau khi kết "
        "thúc giai đoạn.\n")
    assert _dues(text) == [D(2027, 6, 22), D(2027, 12, 7)]


def test_a_report_on_a_day_of_the_months_listed():
    text = HEAD + SPAN + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Các chi hội báo cáo kết quả về Hội Phụ nữ phường vào ngày 15 các tháng 4, 7 và 10 năm 2027.\n")
    assert _dues(text) == [D(2027, 4, 15), D(2027, 7, 15), D(2027, 10, 15)]


def test_a_meeting_on_a_day_of_the_months_listed_is_no_report():
    text = HEAD + SPAN + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Các chi hội họp giao ban vào ngày 15 các tháng 4, 7 và 10 năm 2027.\n")
    assert _dues(text) == []


def test_a_results_report_on_the_days_listed():
    text = HEAD + SPAN + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Trạm Y tế báo cáo kết quả giám sát về Ủy ban nhân dân phường vào các ngày 20/4, 20/7 và "
        "20/10/2027.\n")
    assert _dues(text) == [D(2027, 4, 20), D(2027, 7, 20), D(2027, 10, 20)]


def test_results_reported_at_a_conference_on_its_day_are_no_deadline():
    # near miss: the results are given at the hội nghị, on its day
    text = HEAD + SPAN + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Trạm Y tế báo cáo kết quả tại hội nghị sơ kết vào ngày 20/7/2027.\n")
    assert _dues(text) == []


def test_a_month_end_and_a_phase_end_as_ocr_bends_them():
    month = HEAD + SPAN + (
        "III. TO CHUC THUC HIEN\n"
        "Cac to dan pho bao cao vé Tram Y té vao ngay cudi cling hang thang, tir thang 4 dén thang 5/2027.\n")
    assert _dues(month) == [D(2027, 4, 30), D(2027, 5, 31)]
    phase = HEAD + PHASES + (
        "III. TO CHUC THUC HIEN\n"
        "Cac truong bao cao két qua vé Phong Giao duc vao ngay cudi cling cla mdi giai doan.\n")
    assert _dues(phase) == [D(2027, 6, 15), D(2027, 11, 30)]


def test_a_meeting_on_the_last_day_of_each_month_is_no_report():
    # near miss: the day is the meeting's; the report is said in another sentence, with no day
    text = HEAD + SPAN + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Trạm Y tế họp giao ban với cộng tác viên vào ngày cuối cùng hằng tháng. Báo cáo kết quả về Ủy "
        "ban nhân dân phường khi kết thúc kế hoạch.\n")
    assert _dues(text) == []


def test_an_event_on_the_last_day_of_each_phase_is_no_report():
    text = HEAD + PHASES + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Tổ chức hội nghị sơ kết vào ngày cuối cùng của mỗi giai đoạn. Trạm Y tế báo cáo kết quả về Ủy "
        "ban nhân dân phường trước ngày 15/12/2027.\n")
    assert _dues(text) == [D(2027, 12, 15)]


def test_a_cited_report_on_the_days_listed_is_no_deadline():
    # near miss: last year's results, cited
    text = HEAD + SPAN + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Báo cáo kết quả giám sát vào các ngày 10/4, 10/7 và 10/10/2026 cho thấy nhiều ổ lăng quăng.\n")
    assert _dues(text) == []


def test_an_activity_on_the_days_listed_after_a_report_is_no_deadline():
    text = HEAD + SPAN + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Sau khi báo cáo kết quả, các tổ dân phố ra quân vào các ngày 12/4, 12/7 và 12/10/2027.\n")
    assert _dues(text) == []


def test_an_activity_on_a_day_of_the_months_listed_before_a_report():
    text = HEAD + SPAN + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Các tổ ra quân vào ngày 20 các tháng 5, 8 và 11 năm 2027 và báo cáo kết quả về Trạm Y tế trước "
        "ngày 15/12/2027.\n")
    assert _dues(text) == [D(2027, 12, 15)]


def test_work_days_after_one_giai_doan_is_no_report_window():
    # near miss: spraying again after phase 1, not each phase's report
    text = HEAD + PHASES + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Trong 07 ngày sau khi kết thúc giai đoạn 1, các tổ phun hóa chất lại. Báo cáo kết quả về Ủy ban "
        "trước ngày 15/12/2027.\n")
    assert _dues(text) == [D(2027, 12, 15)]


def test_work_days_after_each_giai_doan_in_a_sentence_without_a_report():
    text = HEAD + PHASES + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Trong 10 ngày sau khi kết thúc mỗi giai đoạn, các tổ tổng vệ sinh. Báo cáo kết quả về Ủy ban "
        "trước ngày 15/12/2027.\n")
    assert _dues(text) == [D(2027, 12, 15)]
