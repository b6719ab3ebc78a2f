"""Reports (#21, round 32): figures sent by a month-after rule over months named by the figures
themselves ("trước ngày 08 của tháng sau (từ kết quả tháng 3 đến kết quả tháng 9/2027)"): each month's;
figures provided each quarter by a next-quarter rule ("cung cấp số liệu … theo quý, trước ngày 12 của
tháng đầu quý tiếp theo"): each quarter's, though no "báo cáo" names them; a last weekday of each month
as OCR bends it ("cuoi cling"), over months whose year follows a dot ("đến tháng 5.2027"); a list sent
to a unit with no "về" ("lập danh sách … gửi Trạm Y tế trước ngày 20/4/2027")."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ HUYỆN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 88/KH-TTYT\tngày 14 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng chống tăng huyết áp năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01 tháng 01 năm 2027 đến ngày 31 tháng 12 năm 2027.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted(d.due for d in draft.deadlines)


def test_a_month_after_rule_over_the_figures_it_names():
    for said in ("(từ kết quả tháng 3 đến kết quả tháng 9/2027)",
                 "(từ số liệu tháng 3 đến số liệu tháng 9/2027)",
                 "(tin số liệu tháng 3 đến số liệu tháng 9/2027)"):
        text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                       "2. Trạm Y tế các xã: đo huyết áp người trên 40 tuổi; gửi kết quả về Khoa Kiểm soát "
                       f"bệnh tật trước ngày 08 của tháng sau {said}.\n")
        assert _dues(text) == [D(2027, m, 8) for m in range(4, 11)], said


def test_figures_named_without_a_range_are_no_monthly_rule():
    # "thông tin số liệu tháng 3 …": data the clause speaks of, no months of a rule
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "2. Trạm Y tế các xã: đo huyết áp người trên 40 tuổi; gửi kết quả về Khoa Kiểm soát "
                   "bệnh tật trước ngày 08 của tháng sau khi có thông tin số liệu tháng 3 và tháng 9/2027.\n")
    assert _dues(text) == []


def test_figures_provided_each_quarter_by_a_next_quarter_rule():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "3. Bệnh viện huyện: cung cấp số liệu người bệnh tăng huyết áp điều trị nội trú về Trung "
                   "tâm theo quý, trước ngày 12 của tháng đầu quý tiếp theo.\n")
    assert _dues(text) == [D(2027, 4, 12), D(2027, 7, 12), D(2027, 10, 12), D(2028, 1, 12)]


def test_figures_provided_on_a_day_of_the_month_named_are_no_rule():
    # "cung cấp … trước ngày 12 của tháng 4": one month named, no quarter's rule
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "3. Bệnh viện huyện: cung cấp tài liệu truyền thông cho các trạm, trước ngày 12 của "
                   "tháng đầu tiên của đợt.\n")
    assert _dues(text) == []


def test_a_last_weekday_of_each_month_as_ocr_bends_it():
    # "thứ Sáu cuối cùng" read back from OCR as "thu sau cuoi cling"
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "2. Các trạm y tế: gửi báo cáo số người được đo huyết áp về Trung tâm vào thu sau "
                   "cuoi cling cua moi thang, từ tháng 3 đến tháng 5/2027.\n")
    assert _dues(text) == [D(2027, 3, 26), D(2027, 4, 30), D(2027, 5, 28)]


def test_a_last_weekday_rule_over_months_ending_in_a_dotted_year():
    # "đến tháng 5.2027": the range's year after a dot, not the plan's whole span
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "2. Các trạm y tế: gửi báo cáo số người được đo huyết áp về Trung tâm vào thứ Sáu "
                   "cuối cùng của mỗi tháng, từ tháng 3 đến tháng 5.2027.\n")
    assert _dues(text) == [D(2027, 3, 26), D(2027, 4, 30), D(2027, 5, 28)]


def test_a_last_weekday_of_a_month_named_is_no_rule():
    # "thứ Sáu cuối cùng của tháng 3": one month's meeting, no report each month
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "2. Các trạm y tế: gửi giấy mời họp về Trung tâm vào thứ Sáu cuối cùng của tháng 3.\n")
    assert _dues(text) == []


def test_a_list_sent_to_a_unit_without_ve():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "4. Hội Phụ nữ xã: rà soát; lập danh sách phụ nữ trên 40 tuổi gửi Trạm Y tế trước ngày "
                   "20/4/2027.\n")
    assert _dues(text) == [D(2027, 4, 20)]


def test_a_list_sent_along_with_no_date_of_its_own():
    # "danh sách … gửi kèm giấy mời": no date after it, nothing to read
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "4. Hội Phụ nữ xã: lập danh sách phụ nữ trên 40 tuổi gửi kèm giấy mời đến từng hộ.\n")
    assert _dues(text) == []


def test_a_quarter_end_rule_with_its_quarters_said_on_without_brackets():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "3. Các chi hội: báo cáo kết quả sinh hoạt về Ban Thường vụ trước ngày 22 của tháng "
                   "cuối quý I, quý II và quý III/2027.\n")
    assert _dues(text) == [D(2027, 3, 22), D(2027, 6, 22), D(2027, 9, 22)]


def test_a_quarter_end_rule_followed_by_other_words_keeps_every_quarter():
    # "… tháng cuối quý, in ấn …": no quarters named after the rule
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "3. Các chi hội: báo cáo kết quả sinh hoạt về Ban Thường vụ trước ngày 22 của tháng "
                   "cuối quý để tổng hợp.\n")
    assert _dues(text) == [D(2027, 3, 22), D(2027, 6, 22), D(2027, 9, 22), D(2027, 12, 22)]


PHASES = ("- Đợt 1: từ ngày 01/3/2027 đến ngày 31/3/2027.\n"
          "- Đợt 2: từ ngày 01/9/2027 đến ngày 30/9/2027.\n\n")


def test_days_after_each_phase_said_before_its_end():
    # "sau khi đợt kết thúc": the phase named before its verb, not after
    for said in ("chậm nhất 07 ngày sau khi đợt kết thúc", "trong vòng 07 ngày sau khi mỗi đợt kết thúc"):
        text = HEAD + PHASES + ("III. TỔ CHỨC THỰC HIỆN\n"
                                f"1. Khoa Truyền thông: báo cáo kết quả từng đợt về Giám đốc {said}.\n")
        assert _dues(text) == [D(2027, 4, 7), D(2027, 10, 7)], said


def test_days_after_a_round_of_inspections_are_no_phase_report():
    # "sau khi đợt kiểm tra kết thúc": a round of inspections ends, not the plan's phases
    text = HEAD + PHASES + ("III. TỔ CHỨC THỰC HIỆN\n"
                            "1. Khoa Truyền thông: báo cáo kết quả về Giám đốc chậm nhất 07 ngày sau khi "
                            "đợt kiểm tra kết thúc.\n")
    assert _dues(text) == []


def test_a_report_on_an_event_kind_days_after_it_is_held():
    text = HEAD + ("III. NỘI DUNG\n- Hội thi \"Bữa ăn ít muối\" giữa các khoa vào ngày 12/5/2027.\n\n"
                   "IV. TỔ CHỨC THỰC HIỆN\n"
                   "2. Đoàn Thanh niên: gửi báo cáo kết quả Hội thi về Ban Giám đốc chậm nhất 05 ngày "
                   "sau khi tổ chức.\n")
    assert D(2027, 5, 17) in _dues(text)


def test_a_report_on_an_event_kind_with_no_days_after_it():
    # "báo cáo kết quả Hội thi trong buổi tổng kết": no days after the event, no date
    text = HEAD + ("III. NỘI DUNG\n- Hội thi \"Bữa ăn ít muối\" giữa các khoa vào ngày 12/5/2027.\n\n"
                   "IV. TỔ CHỨC THỰC HIỆN\n"
                   "2. Đoàn Thanh niên: gửi báo cáo kết quả Hội thi về Ban Giám đốc trong buổi tổng kết.\n")
    assert D(2027, 5, 17) not in _dues(text)


def test_a_day_of_each_phase_last_month():
    text = HEAD + PHASES + ("III. TỔ CHỨC THỰC HIỆN\n"
                            "1. Các khoa: báo cáo kết quả về Phòng Điều dưỡng trước ngày 20 của "
                            "tháng cuối mỗi đợt.\n")
    assert _dues(text) == [D(2027, 3, 20), D(2027, 9, 20)]


def test_a_day_of_a_phase_last_month_without_a_report_is_no_deadline():
    # "họp … vào ngày 20 của tháng cuối mỗi đợt": a meeting, nothing reported
    text = HEAD + PHASES + ("III. TỔ CHỨC THỰC HIỆN\n"
                            "1. Các khoa: họp rút kinh nghiệm vào ngày 20 của tháng cuối mỗi đợt.\n")
    assert _dues(text) == []
