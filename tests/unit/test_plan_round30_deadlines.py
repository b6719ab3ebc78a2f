"""Reports (#21, round 30): a monthly report due the last day of the month it reports ("mỗi tháng một
lần, trước ngày cuối cùng của tháng"); a report by the first days of a month ("trong 05 ngày đầu của
tháng đầu quý sau": by day 5); a report named "… của tháng" due by the month-after rule."""

from __future__ import annotations

import datetime as dt
import time

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ HUYỆN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 51/KH-TTYT\tngày 05 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nPhòng chống bệnh nghề nghiệp năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01 tháng 4 năm 2027 đến ngày 30 tháng 9 năm 2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted(d.due for d in draft.deadlines)


def test_a_monthly_report_due_the_last_day_of_its_month():
    text = HEAD + ("1. Các khoa: ghi sổ theo dõi; báo cáo Phòng Điều dưỡng mỗi tháng một lần, trước ngày "
                   "cuối cùng của tháng.\n")
    assert _dues(text) == [D(2027, 4, 30), D(2027, 5, 31), D(2027, 6, 30), D(2027, 7, 31),
                           D(2027, 8, 31), D(2027, 9, 30)]


def test_the_last_day_of_a_named_month_is_no_monthly_rule():
    text = HEAD + ("1. Các khoa: báo cáo Phòng Điều dưỡng mỗi tháng một lần; nộp hồ sơ trước ngày "
                   "cuối cùng của tháng 6.\n")
    assert _dues(text) == []


def test_a_quarterly_report_within_the_first_days_of_the_next_quarter():
    text = HEAD + ("1. Phòng Kế hoạch: tổng hợp báo cáo Giám đốc theo quý trong 05 ngày đầu của tháng "
                   "đầu quý sau.\n")
    assert _dues(text) == [D(2027, 7, 5), D(2027, 10, 5)]


def test_the_first_days_of_a_campaign_are_no_due_day():
    text = HEAD + ("1. Phòng Kế hoạch: báo cáo tổng kết đợt vận động trong 07 ngày đầu của tháng sau khi "
                   "kết thúc.\n")
    assert _dues(text) == []


def test_a_report_of_the_month_due_the_month_after():
    text = HEAD + ("1. Tổ tư vấn: ghi sổ; báo cáo số cuộc gọi, nội dung tư vấn của tháng về Văn phòng "
                   "chậm nhất ngày 05 tháng sau.\n")
    assert _dues(text) == [D(2027, 5, 5), D(2027, 6, 5), D(2027, 7, 5), D(2027, 8, 5), D(2027, 9, 5)]


def test_a_report_after_each_round_is_not_one_of_the_month():
    text = HEAD + ("1. Tổ tư vấn: báo cáo kết quả mỗi đợt chậm nhất ngày 05 tháng sau.\n")
    assert _dues(text) == []


def test_a_list_due_as_each_named_quarter_opens():
    text = HEAD.replace("Từ ngày 01 tháng 4 năm 2027 đến ngày 30 tháng 9 năm 2027", "Trong năm 2027") + (
        "1. Các tổ dân phố: gửi danh sách hộ cần hỗ trợ về Trạm Y tế trước ngày 10 của tháng đầu mỗi quý "
        "(quý II, quý III, quý IV).\n")
    assert _dues(text) == [D(2027, 4, 10), D(2027, 7, 10), D(2027, 10, 10)]


def test_the_first_month_of_the_next_quarter_stays_the_report_on_the_last():
    text = HEAD.replace("Từ ngày 01 tháng 4 năm 2027 đến ngày 30 tháng 9 năm 2027", "Trong năm 2027") + (
        "1. Các tổ dân phố: gửi báo cáo quý về Trạm Y tế trước ngày 10 của tháng đầu quý sau.\n")
    assert _dues(text) == [D(2027, 4, 10), D(2027, 7, 10), D(2027, 10, 10), D(2028, 1, 10)]


def test_a_quarterly_report_on_the_days_named():
    text = HEAD + ("1. Phòng Điều dưỡng: báo cáo Ban Giám đốc kết quả theo quý vào các ngày 25/6 "
                   "và 25/9/2027.\n")
    assert _dues(text) == [D(2027, 6, 25), D(2027, 9, 25)]


def test_a_quarterly_meeting_on_the_days_named_is_no_report():
    text = HEAD + ("1. Phòng Điều dưỡng: báo cáo kết quả theo quý tại hội nghị vào các ngày 25/6 "
                   "và 25/9/2027.\n")
    assert _dues(text) == []


def test_another_task_due_the_last_day_is_not_the_monthly_report():
    for task in ("báo cáo Ban Giám đốc, chi trả phụ cấp", "báo cáo số liệu của tháng, đóng quỹ",
                 "báo cáo định kỳ hằng tháng, kiểm kê tủ thuốc"):
        text = HEAD + f"1. Phòng Hành chính: {task} trước ngày cuối cùng của tháng.\n"
        assert _dues(text) == [], task


def test_the_last_day_of_a_month_said_further_is_no_monthly_rule():
    for month in ("tháng thứ ba của quý", "tháng khi hoàn thành đợt kiểm tra"):
        text = HEAD + f"1. Các trạm: báo cáo theo tháng, trước ngày cuối cùng của {month}.\n"
        assert _dues(text) == [], month


def test_days_named_after_a_quarterly_report_for_something_else():
    for clause in ("báo cáo viên theo quý giới thiệu mô hình", "báo cáo theo quý, họp chi bộ",
                   "báo cáo Ban Giám đốc theo quý, diễn tập phòng cháy"):
        text = HEAD + f"1. Phòng Tổ chức: {clause} vào các ngày 15/6 và 15/9/2027.\n"
        assert _dues(text) == [], clause


def test_a_report_each_quarter_on_the_days_named_is_due_once_each():
    text = HEAD + "1. Phòng Tổ chức: báo cáo kết quả hằng quý cho Sở Y tế vào các ngày 15/6, 15/9/2027.\n"
    assert _dues(text) == [D(2027, 6, 15), D(2027, 9, 15)]


def test_a_talk_series_each_quarter_is_no_report():
    # "báo cáo chuyên đề theo quý": talks given each quarter, not a report sent
    assert _dues(HEAD + "1. Trạm Y tế: tổ chức báo cáo chuyên đề theo quý cho nhân viên y tế thôn vào các "
                        "ngày 20/6 và 20/9/2027.\n") == []


def test_many_month_end_dues_in_one_clause_are_read_in_linear_time():
    # each "ngày cuối cùng của tháng" once looked back over the whole clause for its monthly words
    started = time.process_time()
    _dues(HEAD + "1. " + "Các tổ báo cáo hằng tháng về Trạm trước ngày cuối cùng của tháng, " * 2000 + "\n")
    assert time.process_time() - started < 4.0
