"""Reports (#21, round 29): "trước" as OCR writes it "truse"; a quarter's report "vào ngày 25 của tháng
cuối mỗi quý (quý II, quý III và quý IV/2027)"; a list sent each quarter with no "báo cáo" ("gửi danh
sách … trước ngày 15 của tháng cuối quý"); a month-after rule over the months listed in brackets
("… của tháng sau đối với các tháng có đợt (tháng 3, 4, 9 và 10/2027)"); a monthly rule "trong các
tháng của Đợt I và Đợt II": the phases' months only; a report sent with another unit's ("… cùng với báo
cáo của các tổ dân phố"): on that unit's days; each phase said before its date names its report
("Giai đoạn 2 trước ngày 05/12/2027"); "ngày 05 thong 12 năm 2027", OCR's "tháng"."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("BỆNH VIỆN ĐA KHOA HUYỆN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 29/KH-BV\tngày 10 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng chống tăng huyết áp năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao hiểu biết của người dân.\n\n"
        "II. THỜI GIAN\nTừ ngày 01 tháng 01 năm 2027 đến ngày 31 tháng 12 năm 2027.\n\n")
PHASES = ("Đợt I: từ 01/3 đến 31/5/2027, truyền thông tại xã.\n"
          "Đợt II: từ 01/9 đến 30/11/2027, khám sàng lọc tại xã.\n\n")


def _draft(text: str):
    draft, _ = draft_from_text(text, "plan.txt")
    return draft


def _dues(text: str) -> list[dt.date]:
    return sorted(d.due for d in _draft(text).deadlines)


def test_truoc_bent_to_truse():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Trạm Y tế: báo cáo kết quả truyền thông về Khoa Dân số truse ngày 22 hằng tháng.\n")
    assert _dues(text) == [D(2027, m, 22) for m in range(1, 13)]


def test_a_place_is_no_bent_truoc():
    # "trụ sở" run together as OCR may write it, "trụsở": no "trước"
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Trạm Y tế: họp giao ban báo cáo kết quả tại trụsở ngày 22 hằng tháng.\n")
    assert _dues(text) == []


def test_on_a_day_of_each_quarters_last_month_with_the_quarters_named():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Phòng Tổ chức: tổng hợp báo cáo kết quả gửi Giám đốc vào ngày 25 của tháng cuối mỗi "
                   "quý (quý II, quý III và quý IV/2027).\n")
    assert _dues(text) == [D(2027, 6, 25), D(2027, 9, 25), D(2027, 12, 25)]


def test_a_club_meeting_each_quarter_is_no_report():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Câu lạc bộ người bệnh sinh hoạt vào ngày 25 của tháng cuối mỗi quý.\n")
    assert _dues(text) == []


def test_a_list_sent_each_quarter():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Các khoa: cử người tham gia; gửi danh sách người tham gia về Phòng Tổ chức trước "
                   "ngày 15 của tháng cuối quý.\n")
    assert _dues(text) == [D(2027, 3, 15), D(2027, 6, 15), D(2027, 9, 15), D(2027, 12, 15)]


def test_people_sent_each_quarter_are_no_list():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Các khoa: cử người tham gia sinh hoạt trước ngày 15 của tháng cuối quý.\n")
    assert _dues(text) == []


def test_a_month_after_rule_over_the_months_in_brackets():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Khoa Khám bệnh: báo cáo số lượt khám về Phòng Kế hoạch trước ngày 05 của tháng sau "
                   "đối với các tháng có đợt (tháng 3, 4, 9 và 10/2027).\n")
    assert _dues(text) == [D(2027, 4, 5), D(2027, 5, 5), D(2027, 10, 5), D(2027, 11, 5)]


def test_a_rounds_dates_in_brackets_stay_its_own():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Khoa Khám bệnh: báo cáo kết quả mỗi đợt về Phòng Kế hoạch trước ngày 05 của tháng "
                   "sau (05/6/2027 và 05/11/2027).\n")
    assert _dues(text) == [D(2027, 6, 5), D(2027, 11, 5)]


def test_a_monthly_report_in_the_months_of_two_named_phases():
    text = HEAD + PHASES + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Trạm Y tế gửi danh sách người cần khám về Trung tâm trước ngày 20 hằng tháng trong các "
        "tháng của Đợt I và Đợt II.\n")
    assert _dues(text) == [D(2027, m, 20) for m in (3, 4, 5, 9, 10, 11)]


def test_phases_named_in_another_clause_bound_no_months():
    text = HEAD + PHASES + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Trạm Y tế gửi danh sách người cần khám về Trung tâm trước ngày 20 hằng tháng; trong các "
        "tháng của Đợt I và Đợt II tăng cường truyền thông.\n")
    assert _dues(text) == [D(2027, m, 20) for m in range(1, 13)]


ITEMS = ("III. TỔ CHỨC THỰC HIỆN\n"
         "1. Các tổ dân phố: tổ chức sinh hoạt; báo cáo kết quả về Phòng Y tế theo quý, trước ngày 20 của "
         "tháng cuối quý.\n")


def test_a_report_sent_with_another_units():
    text = HEAD + ITEMS + ("2. Trạm Y tế: khám sàng lọc; báo cáo số người được khám về Phòng Y tế hằng quý "
                           "cùng với báo cáo của các tổ dân phố.\n")
    quarters = [D(2027, 3, 20), D(2027, 6, 20), D(2027, 9, 20), D(2027, 12, 20)]
    assert _dues(text) == sorted(quarters * 2)
    sent = [d for d in _draft(text).deadlines if d.line == 15]
    assert {d.who for d in sent} == {"Trạm Y tế"}
    assert all("số người được khám" in d.what for d in sent)


def test_a_year_report_sent_with_another_units_last_one():
    text = HEAD + ITEMS + "2. Câu lạc bộ: báo cáo năm cùng các tổ dân phố.\n"
    assert _dues(text) == [D(2027, 3, 20), D(2027, 6, 20), D(2027, 9, 20), D(2027, 12, 20), D(2027, 12, 20)]
    sent = [d for d in _draft(text).deadlines if d.line == 15]
    assert [(d.who, d.what) for d in sent] == [("Câu lạc bộ", "Báo cáo năm")]


def test_working_with_a_unit_no_item_names_is_no_report():
    text = HEAD + ITEMS + "2. Trạm Y tế: báo cáo kết quả khám cùng với Hội Chữ thập đỏ.\n"
    assert _dues(text) == [D(2027, 3, 20), D(2027, 6, 20), D(2027, 9, 20), D(2027, 12, 20)]


def test_with_as_ocr_bends_it_and_an_item_broken_at_a_blank_line():
    items = ("III. TỔ CHỨC THỰC HIỆN\n"
             "1. Các tổ dân phố: tổ chức sinh hoạt; báo cáo kết quả về Phòng Y tế theo quý,\n\n"
             "trước ngày 20 của tháng cuối quý.\n")
    text = HEAD + items + ("2. Trạm Y tế: khám sàng lọc; báo cáo số người được khám về Phòng Y tế hằng quý "
                           "cling với báo cáo của các tổ dân phố.\n")
    quarters = [D(2027, 3, 20), D(2027, 6, 20), D(2027, 9, 20), D(2027, 12, 20)]
    assert _dues(text) == sorted(quarters * 2)


def test_each_phase_said_before_its_date_names_its_report():
    # the second phase's report falls due the day another unit's month report does: both are kept
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Khoa Khám bệnh: số liệu tháng 11 báo cáo trước ngày 05/12/2027.\n"
                   "2. Các Trạm Y tế: báo cáo kết quả Giai đoạn 1 trước ngày 10/7/2027 và Giai đoạn 2 trước "
                   "ngày 05/12/2027.\n")
    assert _dues(text) == [D(2027, 7, 10), D(2027, 12, 5), D(2027, 12, 5)]
    assert any("Giai đoạn 2" in d.what for d in _draft(text).deadlines if d.due == D(2027, 12, 5))


def test_a_date_said_again_stays_one_report():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Khoa Khám bệnh: báo cáo kết quả trước ngày 05/12/2027.\n"
                   "2. Các Trạm Y tế: gửi số liệu để tổng hợp báo cáo kết quả trước ngày 05/12/2027.\n")
    assert _dues(text) == [D(2027, 12, 5)]


def test_a_long_date_whose_month_word_ocr_bent():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Khoa Khám bệnh: báo cáo kết quả trước ngày 05 thong 12 năm 2027.\n")
    assert _dues(text) == [D(2027, 12, 5)]


def test_a_notice_after_a_day_is_no_date():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Khoa Khám bệnh: báo cáo kết quả trước ngày 05 thông báo của Sở.\n")
    assert _dues(text) == []


def test_a_monthly_book_handed_in_as_the_mender_reads_it():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Giáo viên các lớp: ghi sổ theo dõi và nạp nhân viên y tế vào ngày 25 hằng tháng, từ "
                   "tháng 01 đến tháng 4/2027.\n")
    assert _dues(text) == [D(2027, m, 25) for m in (1, 2, 3, 4)]


def test_a_name_wrapped_at_its_hyphen_goes_on_with_the_report():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Hiệu trưởng: chỉ đạo chung; báo cáo kết quả về Ủy ban nhân dân phường "
                   "(qua Phòng Văn hóa\n\n"
                   "- Xã hội) trước ngày 31-5-2027.\n")
    assert _dues(text) == [D(2027, 5, 31)]


def test_an_item_after_a_closed_bracket_is_its_own():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Hiệu trưởng: chỉ đạo chung (cả các điểm trường); báo cáo kết quả về Ủy ban nhân "
                   "dân phường\n\n"
                   "- Tổ dân phố (khu 3) hoàn thành trước ngày 31-5-2027.\n")
    assert _dues(text) == []


QUARTERS = [D(2027, 3, 20), D(2027, 6, 20), D(2027, 9, 20), D(2027, 12, 20)]


def test_work_done_with_a_unit_is_no_report_sent_with_its():
    # "cùng" goes with the work, not with a report the unit sends
    for line in ("2. Phòng Y tế: mời báo cáo viên nói chuyện cùng các tổ dân phố.\n",
                 "2. Trung tâm Y tế: tổ chức hội thảo báo cáo chuyên đề cùng các tổ dân phố.\n",
                 "2. Ủy ban nhân dân xã: nghe báo cáo tình hình, trao đổi cùng các tổ dân phố.\n",
                 "2. Trạm Y tế: báo cáo số ca mắc, phối hợp cùng các tổ dân phố.\n",
                 "2. Trạm Y tế: báo cáo về Phòng Y tế trước ngày 15/11/2027 cùng các tổ dân phố.\n",
                 "2. Trạm Y tế: báo cáo hằng quý trước ngày 25 của tháng cuối quý, cùng các tổ dân phố.\n",
                 "2. Trạm Y tế: giám sát, báo cáo ca mắc và xử lý ổ dịch cùng các tổ dân phố.\n",
                 "2. Trạm Y tế: báo cáo nắm tình hình cùng các tổ dân phố.\n"):
        assert [d for d in _dues(HEAD + ITEMS + line) if d.day == 20] == QUARTERS, line


def test_a_unit_named_inside_another_items_head_is_not_it():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Đơn vị phối hợp: các tổ dân phố, báo cáo trước ngày 20/5/2027.\n"
                   "2. Trạm Y tế: mời báo cáo viên cùng phối hợp.\n")
    assert _dues(text) == [D(2027, 5, 20)]


def test_works_said_with_the_mended_cong_are_no_report():
    # "thi công các trường": building, not "cùng"
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Các trường học: báo cáo về Phòng Giáo dục trước ngày 20 của tháng cuối quý.\n"
                   "2. Ban quản lý dự án: báo cáo khối lượng thi công các trường học.\n")
    assert _dues(text) == QUARTERS


def test_the_nearest_item_naming_the_unit():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Các chi hội khu B: báo cáo về Hội trước ngày 12/4/2027.\n"
                   "2. Các chi hội: báo cáo về Hội trước ngày 18/9/2027.\n"
                   "3. Ban Thường vụ: báo cáo năm cùng các chi hội.\n")
    assert _dues(text) == [D(2027, 4, 12), D(2027, 9, 18), D(2027, 9, 18)]


def test_fees_and_children_sent_on_a_day_are_no_report():
    for line in ("1. Đoàn thanh niên: đoàn viên nộp đoàn phí trước ngày 10 của tháng cuối quý.\n",
                 "1. Các nhóm trẻ gửi trẻ đi khám mắt vào ngày 15 của tháng cuối mỗi quý.\n",
                 "1. Các hộ gia đình nạp tiền nước vào ngày 05 hằng tháng.\n",
                 "1. Các cơ sở kinh doanh nộp phí môi trường trước ngày 12 hằng tháng.\n"):
        assert _dues(HEAD + "III. TỔ CHỨC THỰC HIỆN\n" + line) == [], line


def test_a_meeting_that_hears_reports_is_no_report():
    for line in ("1. Ban chỉ đạo xã họp vào ngày 28 của tháng cuối mỗi quý để nghe báo cáo tiến độ.\n",
                 "1. Hội đồng họp định kỳ vào ngày 27 hằng tháng để nghe các khoa báo cáo.\n"):
        assert _dues(HEAD + "III. TỔ CHỨC THỰC HIỆN\n" + line) == [], line


def test_a_month_after_rule_over_bracketed_months_through_december():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Khoa Khám bệnh: báo cáo số ca về Phòng Kế hoạch trước ngày 07 của tháng sau đối với "
                   "các tháng (tháng 9, 11 và 12/2027).\n")
    assert _dues(text) == [D(2027, 10, 7), D(2027, 12, 7), D(2028, 1, 7)]


def test_a_bracket_further_on_names_no_months_of_the_rule():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Khoa Khám bệnh: báo cáo số ca hằng tháng về Phòng Kế hoạch trước ngày 07 của tháng "
                   "sau, ưu tiên các đợt chiến dịch (tháng 4 và 5).\n")
    assert len(_dues(text)) > 2
