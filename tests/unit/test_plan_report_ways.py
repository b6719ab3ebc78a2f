"""Ways of writing reports and dated items the importer missed (#21, twentieth blind batch): a
monthly report due "vào ngày 22 hằng tháng", figures sent each month without the word "báo cáo",
reports after each phase dated beside their rule, "(hạn …)", a quarter's report replaced by an
undated half-year one, an event's report due "trước ngày …" (a deadline, not the event's day)."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 17/KH-TTYT\tngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nNăm 2027.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return [d.due for d in draft.deadlines]


def test_a_monthly_report_on_its_day_within_the_months_said():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "- Chế độ báo cáo: Trạm Y tế báo cáo kết quả về Trung tâm vào ngày 22 hằng tháng (từ tháng 4 "
        "đến tháng 6/2027).\n")
    assert _dues(text) == [D(2027, 4, 22), D(2027, 5, 22), D(2027, 6, 22)]


def test_a_day_of_the_month_alone_is_no_report():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "- Trạm Y tế họp giao ban vào ngày 22 hằng tháng; báo cáo tổng kết trước ngày 15/12/2027.\n")
    assert _dues(text) == [D(2027, 12, 15)]


def test_figures_sent_each_month_are_a_monthly_report():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "4. Các Trung tâm Y tế khu vực: chỉ đạo Trạm Y tế xã triển khai; tổng hợp số trẻ được sàng lọc "
        "gửi Trung tâm Kiểm soát bệnh tật trước ngày 05 hằng tháng.\n")
    assert _dues(text) == [D(2027, m, 5) for m in range(1, 13)]
    assert not _dues(text.replace("gửi Trung tâm Kiểm soát bệnh tật trước ngày 05 hằng tháng",
                                  "theo dõi hằng tháng"))


PEAKS = ("TRUNG TÂM Y TẾ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Số: 17/KH-TTYT\tngày 10 tháng 12 năm 2026\n\n"
         "KẾ HOẠCH\nTruyền thông phòng, chống bệnh năm 2027\n\n"
         "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
         "II. THỜI GIAN\nNăm 2027, gồm hai đợt:\n"
         "- Đợt 1: từ ngày 15/3/2027 đến ngày 30/4/2027.\n"
         "- Đợt 2: từ ngày 15/8/2027 đến ngày 15/9/2027.\n\n")


def test_reports_after_each_phase_with_their_dates_given_count_once():
    text = PEAKS + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Các Trung tâm Y tế: báo cáo kết quả mỗi đợt trong vòng 10 ngày sau khi kết thúc đợt (Đợt 1 "
        "chậm nhất ngày 10/5/2027; Đợt 2 chậm nhất ngày 25/9/2027).\n")
    assert _dues(text) == [D(2027, 5, 10), D(2027, 9, 25)]
    # without the dates the rule gives them
    assert _dues(text.split(" (Đợt 1")[0] + ".\n") == [D(2027, 5, 10), D(2027, 9, 25)]


def test_a_due_date_said_after_the_word_han():
    text = PEAKS + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "- Khoa Cấp cứu: báo cáo nhanh số ca trong vòng 05 ngày sau mỗi đợt (hạn 05-5-2027 và "
        "20-9-2027).\n")
    assert _dues(text) == [D(2027, 5, 5), D(2027, 9, 20)]


def test_a_quarters_report_replaced_by_an_undated_half_year_report_keeps_its_day():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Phòng Công tác xã hội: báo cáo tiến độ hằng quý trước ngày 25 của tháng cuối quý; báo cáo "
        "quý II thay bằng báo cáo sơ kết 6 tháng, báo cáo quý IV thay bằng báo cáo tổng kết (nộp trước "
        "ngày 20/12/2027).\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert [d.due for d in draft.deadlines] == [D(2027, 3, 25), D(2027, 6, 25), D(2027, 9, 25),
                                               D(2027, 12, 20)]
    assert draft.deadlines[1].what == "Báo cáo sơ kết 6 tháng"
    # dated by the plan, the half-year report is its own, the quarter's day is none
    dated = text.replace("sơ kết 6 tháng, báo cáo quý IV",
                         "sơ kết 6 tháng trước ngày 15/6/2027, báo cáo quý IV")
    assert _dues(dated) == [D(2027, 3, 25), D(2027, 6, 15), D(2027, 9, 25), D(2027, 12, 20)]


def test_an_events_report_due_before_a_date_is_no_event():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "2. Bệnh viện tỉnh: chủ trì Ngày hội khám sàng lọc; gửi báo cáo kết quả Ngày hội về Sở Y tế "
        "trước ngày 30 tháng 4 năm 2027.\n")
    draft, _ = draft_from_text(text, "plan.txt")
    assert not [k for k in draft.key_dates if k.date == D(2027, 4, 30)]
    assert [d.due for d in draft.deadlines] == [D(2027, 4, 30)]
    held = text.replace("gửi báo cáo kết quả Ngày hội về Sở Y tế trước ngày", "tổ chức Ngày hội vào ngày")
    assert [k.date for k in draft_from_text(held, "plan.txt")[0].key_dates] == [D(2027, 4, 30)]
