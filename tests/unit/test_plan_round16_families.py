"""Families of writing from the twenty-sixth blind batch (#21): monthly reports "trước ngày 05 của
tháng liền sau, từ tháng 4 đến tháng 9/2027", and with their months listed before the day ("các
tháng 01, 02, 3, 6, 7 và 8/2027 … trước ngày 25 của tháng"); a plan for next year issued in
December; a bracket of the dates a report rule gives; rates with a modifier ("02 bài chuyên
môn/tháng"), an e-newsletter's issues, a rate that favours a share ("ưu tiên … có tỷ lệ … cao"),
calls beside visits, mobile screening; and a named day that a known one begins."""

from __future__ import annotations

import datetime as dt
import time

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("ỦY BAN NHÂN DÂN PHƯỜNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-UBND\tngày 10 tháng 3 năm 2027\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống gan nhiễm mỡ năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01/4/2027 đến ngày 30/9/2027.\n\n")


def _draft(text: str):
    return draft_from_text(text, "plan.txt")[0]


def _dues(text: str) -> list[dt.date]:
    return [d.due for d in _draft(text).deadlines]


def _rates(text: str) -> list[tuple[str, int, str]]:
    return [(q.activity, q.count, q.per) for q in _draft(text).quotas]


def test_monthly_report_of_the_month_after_over_the_months_said():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Giám đốc các phòng khám: gửi báo cáo kết quả tháng về Phòng Truyền thông trước ngày 05 của "
        "tháng liền sau, từ tháng 4 đến tháng 9/2027.\n")
    assert _dues(text) == [D(2027, m, 5) for m in (5, 6, 7, 8, 9, 10)]


def test_month_after_a_phase_ends_is_no_monthly_report():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "- Báo cáo kết quả tháng cao điểm về Trung tâm trước ngày 10 của tháng liền sau tháng kết "
        "thúc đợt.\n")
    assert _dues(text) == []


def test_monthly_report_with_its_months_listed_before_the_day():
    text = HEAD.replace("Từ ngày 01/4/2027 đến ngày 30/9/2027", "Trong năm 2027") + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "- Báo cáo kết quả thực hiện hằng tháng trong thời gian hai đợt (các tháng 01, 02, 3, 6, 7 và\n"
        "8/2027) về Trung tâm Y tế khu vực trước ngày 25 của tháng; báo cáo tổng kết năm trước ngày\n"
        "15/12/2027.\n")
    assert _dues(text) == [D(2027, m, 25) for m in (1, 2, 3, 6, 7, 8)] + [D(2027, 12, 15)]
    # as OCR reads it, a comma lost and the diacritics gone
    ocr = HEAD + (
        "III. TO CHUC THUC HIEN\n"
        "- Bao cao ket qua thuc hien hang thang trong thoi gian hai dot (cac thang 01, 02,3, 6 7 va\n"
        "8/2027) ve Trung tam Y te khu vuc truoc ngay 25 cua thang.\n")
    assert _dues(ocr) == [D(2027, m, 25) for m in (1, 2, 3, 6, 7, 8)]


def test_a_plan_for_next_year_issued_in_december_starts_with_its_year():
    text = ("ỦY BAN NHÂN DÂN PHƯỜNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 298/KH-UBND\tngày 18 tháng 12 năm 2026\n\n"
            "KẾ HOẠCH\nHỗ trợ người cao tuổi sống một mình trên địa bàn phường năm 2027\n\n"
            "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
            "II. NỘI DUNG\n1. Rà soát danh sách\n- Nội dung: rà soát, lập danh sách.\n\n"
            "III. TỔ CHỨC THỰC HIỆN\n"
            "Ban điều hành các tổ dân phố báo cáo kết quả về Ủy ban nhân dân phường theo quý, vào ngày "
            "15 của tháng đầu quý sau.\n")
    draft = _draft(text)
    assert (draft.start.value, draft.end.value) == (D(2027, 1, 1), D(2027, 12, 31))
    assert [d.due for d in draft.deadlines] == [D(2027, 4, 15), D(2027, 7, 15), D(2027, 10, 15),
                                                D(2028, 1, 15)]


def test_dates_a_report_rule_lists_in_brackets_are_no_events():
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "- Báo cáo kết quả từng đợt về Phòng Kế hoạch chậm nhất 07 ngày sau khi kết thúc đợt\n"
        "(Đợt 1: ngày 07/5/2027; Đợt 2: ngày 22/6/2027; Đợt 3: ngày 07/9/2027).\n")
    draft = _draft(text)
    assert [k.date for k in draft.key_dates] == []


def test_rates_of_articles_newsletters_talks_calls_and_screening():
    text = HEAD + (
        "III. HÌNH THỨC\n"
        "b) Website của hệ thống: 02 bài chuyên môn/tháng; mục hỏi đáp trực tuyến.\n"
        "c) Bản tin điện tử gửi bộ phận nhân sự của các doanh nghiệp khách hàng: 01 số/tháng.\n"
        "d) Nói chuyện chuyên đề tại doanh nghiệp: mỗi phòng khám ít nhất 02 buổi/tháng, ưu tiên các "
        "doanh nghiệp có tỷ lệ người lao động gan nhiễm mỡ cao.\n"
        "đ) Nhóm Zalo của các tổ dân phố 01 tin/tuần.\n"
        "e) Tổ viên gọi điện hỏi thăm mỗi người cao tuổi ít nhất 01 lần/tuần và đến thăm tại nhà ít "
        "nhất 02 lần/tháng.\n"
        "g) Khám sàng lọc lưu động tại các buôn: 02 buổi/tuần.\n")
    assert sorted(_rates(text)) == sorted([
        ("website", 2, "month"), ("other", 1, "month"), ("conference", 2, "month"),
        ("social", 1, "week"), ("other", 1, "week"), ("other", 2, "month"), ("mobile_van", 2, "week")])


def test_a_bulletin_board_is_still_a_poster():
    text = HEAD + "III. HÌNH THỨC\n- Thay mới bản tin sức khỏe tại nhà văn hóa 01 số/tháng.\n"
    assert _rates(text) == [("poster", 1, "month")]


def test_a_named_day_a_known_one_begins_is_its_own():
    text = HEAD.replace("Từ ngày 01/4/2027 đến ngày 30/9/2027", "Từ tháng 01 đến hết tháng 12 năm 2027") + (
        "III. HOẠT ĐỘNG\n"
        "- Hưởng ứng Ngày Thế giới phòng, chống ung thư đầu cổ (27/7): đăng bài trên Fanpage.\n")
    assert [(k.day, k.date) for k in _draft(text).key_dates] == [("27/07", None)]


def test_listed_months_before_a_day_stay_fast_on_odd_input():
    text = HEAD + "III. TỔ CHỨC THỰC HIỆN\n" + (
        "- Báo cáo hằng tháng (các tháng " + "01, " * 3000 + "3/2027) " + "về Trung tâm " * 400 + "\n")
    start = time.process_time()
    _draft(text)
    assert time.process_time() - start < 5
