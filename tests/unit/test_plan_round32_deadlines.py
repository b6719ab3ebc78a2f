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


def test_news_of_figures_over_months_keeps_every_month():
    # "loa phát tin kết quả tháng 3 đến …", "…, tin số liệu tháng 3 đến … được đăng": news, not "từ"
    for said in (", loa phát tin kết quả tháng 3 đến kết quả tháng 6/2027.",
                 ", tin số liệu tháng 3 đến số liệu tháng 6 được đăng tải trên trang web."):
        text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                       "2. Trạm Y tế: gửi báo cáo hằng tháng về Trung tâm trước ngày 05 của tháng sau"
                       f"{said}\n")
        dues = _dues(text)
        assert D(2027, 2, 5) in dues and D(2027, 12, 5) in dues, said


def test_figures_provided_each_quarter_by_a_next_quarter_rule():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "3. Bệnh viện huyện: cung cấp số liệu người bệnh tăng huyết áp điều trị nội trú về Trung "
                   "tâm theo quý, trước ngày 12 của tháng đầu quý tiếp theo.\n")
    assert _dues(text) == [D(2027, 4, 12), D(2027, 7, 12), D(2027, 10, 12), D(2028, 1, 12)]


def test_goods_provided_each_quarter_are_no_report():
    # "cung cấp thuốc/vắc xin/suất ăn": goods and services provided, not figures; "quý sau khi": after
    for said in ("Khoa Dược: cung cấp thuốc, vật tư cho các trạm trước ngày 10 của tháng đầu quý tiếp theo.",
                 "Khoa Dược: cung cấp vắc xin cho các điểm tiêm trước ngày 05 của tháng đầu mỗi quý.",
                 "Nhà thầu: cung cấp suất ăn cho bệnh nhân vào ngày 01 hằng tháng theo hợp đồng.",
                 "Phòng Tài chính: nộp hồ sơ thanh toán vào ngày 10 tháng đầu quý sau khi được duyệt."):
        assert _dues(HEAD + f"III. TỔ CHỨC THỰC HIỆN\n3. {said}\n") == [], said


def test_a_last_weekday_of_each_month_as_ocr_bends_it():
    # "thứ Sáu cuối cùng" read back from OCR as "thu sau cuoi cling" or "cudi cling"
    for bent in ("cuoi cling", "cudi cling"):
        text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                       "2. Các trạm y tế: gửi báo cáo số người được đo huyết áp về Trung tâm vào thu sau "
                       f"{bent} cua moi thang, từ tháng 3 đến tháng 5/2027.\n")
        assert _dues(text) == [D(2027, 3, 26), D(2027, 4, 30), D(2027, 5, 28)], bent


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


def test_a_list_received_or_sent_along_is_no_list_sent():
    # "nhận danh sách … gửi từ", "theo danh sách … gửi tin nhắn", "… gửi kèm công văn": not the list sent
    for said in ("Trạm Y tế: nhận danh sách đối tượng gửi từ Trung tâm trước ngày 20/4/2027 để tổ chức tiêm.",
                 "Cộng tác viên: theo danh sách được duyệt gửi tin nhắn nhắc lịch tiêm trước ngày 20/4/2027.",
                 "Trạm Y tế: lập danh sách trẻ chưa tiêm gửi kèm công văn trước ngày 20/4/2027."):
        assert _dues(HEAD + f"III. TỔ CHỨC THỰC HIỆN\n4. {said}\n") == [], said


def test_a_quarter_end_rule_with_its_quarters_said_on_without_brackets():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "3. Các chi hội: báo cáo kết quả sinh hoạt về Ban Thường vụ trước ngày 22 của tháng "
                   "cuối quý I, quý II và quý III/2027.\n")
    assert _dues(text) == [D(2027, 3, 22), D(2027, 6, 22), D(2027, 9, 22)]


def test_a_quarter_end_rule_followed_by_other_words_keeps_every_quarter():
    # "… quý I, II và quý III năm 2026 đã gửi đủ", "… quý I, II là thời gian cao điểm": the next words'
    for said in ("quý I, II và quý III năm 2026 đã gửi đủ, nay gửi tiếp.",
                 "quý I, II là thời gian cao điểm."):
        text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                       "3. Các chi hội: báo cáo kết quả sinh hoạt về Ban Thường vụ trước ngày 22 của tháng "
                       f"cuối {said}\n")
        assert _dues(text) == [D(2027, 3, 22), D(2027, 6, 22), D(2027, 9, 22), D(2027, 12, 22)], said


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


def test_a_report_on_an_event_kind_and_days_after_another_clause():
    # "báo cáo kết quả hội thi …; bàn giao dụng cụ trong 05 ngày sau khi tổ chức": the days are the handover's
    text = HEAD + ("III. NỘI DUNG\n- Hội thi \"Bữa ăn ít muối\" giữa các khoa vào ngày 12/5/2027.\n\n"
                   "IV. TỔ CHỨC THỰC HIỆN\n"
                   "2. Đoàn Thanh niên: báo cáo kết quả hội thi được tổng hợp; bàn giao dụng cụ trong "
                   "05 ngày sau khi tổ chức.\n")
    assert D(2027, 5, 17) not in _dues(text)


def test_a_day_of_each_phase_last_month():
    text = HEAD + PHASES + ("III. TỔ CHỨC THỰC HIỆN\n"
                            "1. Các khoa: báo cáo kết quả về Phòng Điều dưỡng trước ngày 20 của "
                            "tháng cuối mỗi đợt.\n")
    assert _dues(text) == [D(2027, 3, 20), D(2027, 9, 20)]


def test_a_day_of_a_phase_last_month_without_a_report_is_no_deadline():
    # an inspection or a clean-up on that day, the report in another clause; "mỗi đợt kiểm tra": inspections'
    for said in ("tổ chức kiểm tra vào ngày 20 của tháng cuối mỗi đợt; báo cáo kết quả khi có yêu cầu.",
                 "báo cáo kết quả hằng tháng; tổng vệ sinh vào ngày 20 của tháng cuối mỗi đợt.",
                 "báo cáo kết quả về Phòng trước ngày 20 của tháng cuối mỗi đợt kiểm tra."):
        text = HEAD + PHASES + f"III. TỔ CHỨC THỰC HIỆN\n1. Các khoa: {said}\n"
        assert D(2027, 3, 20) not in _dues(text), said
