"""Phases of round 29 (#21): quarters that each lead their own line, two of them joined ("Quý II
và Quý III/2026: …"), and quarters that split the span in the clauses right after its sentence."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ HUYỆN MINH HÓA\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 14/KH-TTYT\tMinh Hóa, ngày 20 tháng 12 năm 2025\n\n"
        "KẾ HOẠCH\nTruyền thông phòng, chống bệnh gút năm 2026\n\n")


def _phases(text: str) -> list[tuple[dt.date | None, dt.date | None]]:
    draft, _ = draft_from_text(HEAD + text, "plan.txt")
    return [(p.start, p.end) for p in draft.phases]


def _names(text: str) -> list[str]:
    draft, _ = draft_from_text(HEAD + text, "plan.txt")
    return [p.name for p in draft.phases]


QUARTERS = [(D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2026, 9, 30)),
            (D(2026, 10, 1), D(2026, 12, 31))]


JOINED = ("III. THỜI GIAN\nTừ ngày 01/01/2026 đến ngày 31/12/2026, theo quý:\n"
          "Quý I/2026: khảo sát, in tài liệu; tập huấn cho cán bộ.\n"
          "Quý II và Quý III/2026: tư vấn tại khoa khám bệnh; nói chuyện tại các xã.\n"
          "Quý IV/2026: đánh giá, tổng kết.\n\nIV. KINH PHÍ\nNguồn ngân sách.\n")


def test_joined_quarters_lead_their_own_line():
    assert _phases(JOINED) == QUARTERS
    # the name keeps both quarters, not the first one's "Quý II" and the rest as its text
    assert _names(JOINED)[1] == "Quý II và Quý III/2026: tư vấn tại khoa khám bệnh"


def test_a_period_after_the_label_s_colon_is_not_in_the_name():
    assert _names("III. THỜI GIAN\nTừ ngày 01/3/2026 đến ngày 30/11/2026, chia hai đợt:\n"
                  "Đợt I: Tháng 3 - Tháng 5/2026 - Giới thiệu dịch vụ khám tại các xã.\n"
                  "Đợt II: Tháng 9 - Tháng 11/2026 - Khám lại tại nhà.\n\nIV. KINH PHÍ\nNgân sách.\n"
                  ) == ["Đợt I: Giới thiệu dịch vụ khám tại các xã", "Đợt II: Khám lại tại nhà"]


def test_a_quarter_after_the_label_s_colon_is_not_in_the_name():
    assert _names("III. THỜI GIAN\nTừ ngày 01/01/2026 đến ngày 31/12/2026:\n"
                  "Giai đoạn I: Quý II/2026): Nhận biết dấu hiệu sớm.\n"
                  "Giai đoạn 2: Quý III/2026): Điều trị đúng cách.\n\nIV. KINH PHÍ\nNgân sách.\n"
                  ) == ["Giai đoạn I: Nhận biết dấu hiệu sớm", "Giai đoạn 2: Điều trị đúng cách"]


def test_quarters_joined_by_a_dash_lead_their_own_line():
    assert _phases("III. THỜI GIAN\nTừ ngày 01/01/2026 đến ngày 31/12/2026, theo quý:\n"
                   "Quý I/2026: khảo sát, in tài liệu.\n"
                   "Quý II - Quý III/2026: tư vấn tại hộ gia đình.\n"
                   "Quý IV/2026: tổng kết.\n\nIV. KINH PHÍ\nNguồn ngân sách.\n") == QUARTERS


def test_a_sentence_wrapped_before_its_quarters_goes_on():
    from bot.domain.planimport.text import split
    # a wrapped sentence's next line opens in lower case, though its quarters and colon follow
    plan = split("- Từng khoa lập bảng số ca bệnh mới\nquý II và Quý III/2026: gửi về phòng Kế hoạch.\n")
    assert len(plan.paras) == 1


def test_quarters_in_the_clauses_after_the_span_sentence():
    assert _phases("I. MỤC ĐÍCH, YÊU CẦU\n2. Yêu cầu\nKế hoạch thực hiện từ ngày 01/01/2026 đến ngày "
                   "31/12/2026. Quý I/2026 khám sàng lọc; Quý II và Quý III/2026 hướng dẫn chế độ ăn "
                   "tại hộ gia đình; Quý IV/2026 nhắc tái khám và tổng kết.\n\n"
                   "II. NỘI DUNG\nBệnh gút là gì.\n") == QUARTERS


def test_report_months_after_the_span_sentence_are_no_phases():
    # months of reports, not parts that fill the span one after another
    assert _phases("I. MỤC ĐÍCH, YÊU CẦU\n2. Yêu cầu\nKế hoạch triển khai từ ngày 01/01/2026 đến ngày "
                   "31/12/2026. Tháng 7/2026 các trạm gửi báo cáo giữa kỳ; tháng 12/2026 họp tổng kết.\n\n"
                   "II. NỘI DUNG\nBệnh gút là gì.\n") == [(D(2026, 1, 1), D(2026, 12, 31))]


def test_report_windows_after_the_span_sentence_are_no_phases():
    assert _phases("I. MỤC ĐÍCH, YÊU CẦU\n2. Yêu cầu\nKế hoạch triển khai từ ngày 01/01/2026 đến ngày "
                   "31/12/2026; từ tháng 2 đến tháng 3/2026 các trạm lập danh sách người bệnh; từ tháng 9 "
                   "đến tháng 10/2026 nộp số liệu.\n\nII. NỘI DUNG\nBệnh gút là gì.\n"
                   ) == [(D(2026, 1, 1), D(2026, 12, 31))]


def test_periods_in_a_sentence_that_is_not_the_span_are_not_phases():
    assert len(_phases("I. MỤC ĐÍCH, YÊU CẦU\n2. Yêu cầu\nCác khoa thực hiện nghiêm túc. Quý I/2026 tập "
                       "trung phát hiện sớm; Quý IV/2026 tập trung tổng kết.\n\n"
                       "II. THỜI GIAN\nTừ ngày 01/01/2026 đến ngày 31/12/2026.\n")) == 1


TIME_HEAD = "III. THỜI GIAN VÀ HOẠT ĐỘNG\nThời gian thực hiện: năm 2026 (từ 01-01-2026 đến 31-12-2026).\n"


def test_months_of_a_few_items_in_a_dated_list_are_no_phases():
    assert _phases(TIME_HEAD +
                   "1. Ngày 07-3-2026 (thứ Bảy): tập huấn cho tuyên truyền viên.\n"
                   "2. Tháng 4/2026: khám sàng lọc cho người lao động tại các xã.\n"
                   "3. Ngày 12-9-2026: nói chuyện chuyên đề tại nhà văn hóa.\n"
                   "4. Tháng 12/2026: tổng kết, khen thưởng.\n\nIV. KINH PHÍ\nNgân sách.\n"
                   ) == [(D(2026, 1, 1), D(2026, 12, 31))]


def test_months_leading_every_item_of_the_list_are_phases():
    assert _phases(TIME_HEAD +
                   "1. Tháng 01 - 3/2026: tập huấn, in tài liệu.\n"
                   "2. Tháng 4 - 9/2026: khám sàng lọc tại các xã.\n"
                   "3. Tháng 10 - 12/2026: tổng kết, khen thưởng.\n\nIV. KINH PHÍ\nNgân sách.\n"
                   ) == [(D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2026, 9, 30)),
                         (D(2026, 10, 1), D(2026, 12, 31))]


def test_an_undated_item_between_periods_does_not_make_them_activities():
    # "3." has no date at all: the list does not skip over dated activities
    assert _phases(TIME_HEAD +
                   "1. Quý I/2026: in tờ rơi, tập huấn.\n"
                   "2. Quý II/2026: tư vấn tại các xã.\n"
                   "3. Họp rút kinh nghiệm (lịch do Trung tâm báo sau).\n"
                   "4. Quý III - Quý IV/2026: khám lại, tổng kết.\n\nIV. KINH PHÍ\nNgân sách.\n"
                   ) == [(D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2026, 6, 30)),
                         (D(2026, 7, 1), D(2026, 12, 31))]


def test_two_peaks_said_together_are_both_phases():
    assert _phases("I. MỤC ĐÍCH, YÊU CẦU\n1. Kế hoạch triển khai trong năm 2026, thường xuyên trong sinh "
                   "hoạt chi hội; tập trung hai đợt cao điểm (từ 15/3 đến 30/4 và từ 01/7 đến 31/8).\n\n"
                   "II. NỘI DUNG\nTác hại của rượu bia.\n") == [(D(2026, 3, 15), D(2026, 4, 30)),
                                                           (D(2026, 7, 1), D(2026, 8, 31))]


def test_a_peak_then_a_report_range_is_one_peak():
    # the range after the peak's is not joined to it: another sentence's
    phases = _phases("I. MỤC ĐÍCH, YÊU CẦU\n1. Kế hoạch triển khai trong năm 2026, thường xuyên trong sinh "
                     "hoạt chi hội; tập trung cao điểm từ 15/3 đến 30/4. Từ 01/7 đến 31/8 các chi hội rà "
                     "soát danh sách.\n\nII. NỘI DUNG\nTác hại của rượu bia.\n")
    assert (D(2026, 3, 15), D(2026, 4, 30)) in phases and (D(2026, 7, 1), D(2026, 8, 31)) not in phases


def test_a_peak_then_the_rest_of_the_year_is_one_peak():
    # the range after the peak's is the everyday work after it, not a second peak
    phases = _phases("I. MỤC ĐÍCH, YÊU CẦU\n1. Kế hoạch triển khai từ 01/01/2026 đến 31/12/2026; tập trung "
                     "cao điểm từ 01/4 đến 30/4, từ 01/5 đến 31/12 nhắc nhở thường xuyên tại chi hội.\n\n"
                     "II. NỘI DUNG\nTác hại của rượu bia.\n")
    assert (D(2026, 5, 1), D(2026, 12, 31)) not in phases
    assert not any(n.startswith("Đợt 2") for n in _names(
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Kế hoạch triển khai từ 01/01/2026 đến 31/12/2026; tập trung cao điểm "
        "từ 01/4 đến 30/4 và từ 01/5 đến 10/5 các chi hội gửi báo cáo.\n\nII. NỘI DUNG\nRượu bia.\n"))


def test_peaks_named_by_their_season_take_their_bracketed_dates():
    assert _phases("III. THỜI GIAN VÀ CÁC HOẠT ĐỘNG\n1. Thời gian: từ ngày 01/01/2026 đến ngày 31/12/2026.\n"
                   "Truyền thông thường xuyên, tăng cường trong hai đợt cao điểm:\n"
                   "- Đợt cao điểm mùa Hè - Thu (từ 01/6/2026 đến 31/8/2026): truyền thông tại chợ, "
                   "ngày 15/7/2026 ra quân.\n"
                   "- Đợt cao điểm cuối năm (từ 01/11/2026 đến 31/12/2026): tổng vệ sinh.\n\n"
                   "IV. KINH PHÍ\nNgân sách.\n") == [(D(2026, 6, 1), D(2026, 8, 31)),
                                                    (D(2026, 11, 1), D(2026, 12, 31))]


def test_a_rough_bracket_gives_way_to_the_range_after_the_colon():
    # "(dự kiến Quý III/2026)" is the rough time; the colon's range inside it is the peak's
    assert (D(2026, 7, 20), D(2026, 8, 20)) in _phases(
        "III. THỜI GIAN\nTừ ngày 01/01/2026 đến ngày 31/12/2026.\n"
        "- Đợt cao điểm mùa nắng nóng (dự kiến Quý III/2026): triển khai từ 20/7/2026 đến 20/8/2026, "
        "phát thanh hằng ngày.\n\nIV. KINH PHÍ\nNgân sách.\n")


def test_a_bare_peak_week_keeps_the_dates_after_its_colon():
    assert (D(2026, 4, 1), D(2026, 4, 7)) in _phases(
        "III. THỜI GIAN\nTừ ngày 01/01/2026 đến ngày 31/12/2026.\n"
        "- Tuần cao điểm (7 ngày): từ ngày 01/4/2026 đến ngày 07/4/2026.\n\nIV. KINH PHÍ\nNgân sách.\n")


STAGES = ("III. NỘI DUNG VÀ THỜI GIAN\n1. Thời gian: từ ngày 01-3-2026 đến ngày 30-11-2026, chia ba "
          "giai đoạn:\nGiai đoạn chuẩn bị (tháng 3/2026): in tài liệu, tập huấn.\n"
          "Giai đoạn triển khai tại xã (tháng 4 - tháng 6/2026): khám, tư vấn tại nhà.\n"
          "Giai đoạn theo dõi (tháng 7 - tháng 11/2026): gọi điện nhắc tái khám.\n\n"
          "IV. KINH PHÍ\nNgân sách.\n")


def test_stages_named_by_their_work_on_lines_under_the_span_each_count():
    assert _phases(STAGES) == [(D(2026, 3, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2026, 6, 30)),
                               (D(2026, 7, 1), D(2026, 11, 30))]


def test_stages_named_in_capitals_start_their_own_paragraph():
    from bot.domain.planimport.text import fold, split
    plan = split(fold("1. Thời gian: từ ngày 01-3-2026 đến ngày 30-11-2026, trong đó\n"
                      "GIAI ĐOẠN CHUẨN BỊ (tháng 3/2026): in tài liệu.\n"))
    assert len(plan.paras) == 2


def test_a_wrapped_line_on_the_years_before_goes_on():
    from bot.domain.planimport.text import split
    # "(2021 - 2025)" are years looked back on, in the sentence the line above began
    plan = split("- Tỷ lệ người bệnh được quản lý đã tăng trong\n"
                 "Giai đoạn vừa qua (2021 - 2025): từ 40% lên 65%.\n")
    assert len(plan.paras) == 1


def test_a_stage_line_without_its_bracketed_period_goes_on():
    from bot.domain.planimport.text import split
    plan = split("1. Thời gian: từ ngày 01-3-2026 đến ngày 30-11-2026, trong đó\n"
                 "Giai đoạn chuẩn bị cần làm kỹ, tập huấn (02 lớp) cho cán bộ.\n")
    assert len(plan.paras) == 1


def test_numbered_stages_their_dates_after_a_comma_each_count():
    assert _phases("III. THỜI GIAN\nKế hoạch thực hiện từ ngày 15-12-2025 đến ngày 30-9-2026, chia thành "
                   "02 giai đoạn:\nGiai đoạn 1, từ 15-12-2025 đến 28-02-2026 - nhắc người dân dịp nghỉ "
                   "đông.\nGiai đoạn 2, từ 01-3-2026 đến 30-9-2026 - khám định kỳ tại trạm.\n\n"
                   "IV. KINH PHÍ\nNgân sách.\n"
                   ) == [(D(2025, 12, 15), D(2026, 2, 28)), (D(2026, 3, 1), D(2026, 9, 30))]


def test_phases_their_dates_bracketed_their_names_after_a_dash_each_count():
    assert _phases("III. THỜI GIAN\nTuyên truyền thường xuyên từ ngày 01/3/2026 đến ngày 30/11/2026; tập "
                   "trung hai đợt cao điểm:\nĐợt 1 (từ 01/3 đến 31/3/2026) - Mở đầu học kỳ hai: nói "
                   "chuyện dưới cờ,\nphát tờ rơi.\n\n"
                   "Đợt 2 (từ 01/6 đến 15/7/2026) - Trước kỳ nghỉ hè: thi tìm hiểu tại các lớp.\n\n"
                   "IV. KINH PHÍ\nNgân sách.\n") == [(D(2026, 3, 1), D(2026, 3, 31)),
                                                   (D(2026, 6, 1), D(2026, 7, 15))]


def test_a_phase_named_mid_sentence_after_a_comma_goes_on():
    from bot.domain.planimport.text import split
    # "từ" after the comma, but no date: "from what was missed", the sentence above wrapped
    plan = split("- Các xã tự đánh giá lại sau\nDot 2, tu nhung viec chua lam duoc, de ra cach lam moi.\n")
    assert len(plan.paras) == 1


def test_a_roman_two_the_mender_read_as_a_word_before_its_colon_is_two():
    from bot.domain.planimport.ocrfix import repair
    assert "Dot II: Thang 9" in repair("Dot |: Thang 3 - Thang 5/2027 - Gidi thiéu dich vu tai cac xa\n\n"
                                       "Dot Il: Thang 9 - Thang 11/2027 - Tai kham tai nha.\n")


def test_a_word_after_dot_without_a_colon_stays():
    from bot.domain.planimport.ocrfix import repair
    assert "II" not in repair("Moi dot It nhat 02 budi noi chuyén tai xa.\n")


def test_a_from_glued_to_its_date_is_set_apart():
    from bot.domain.planimport.ocrfix import repair
    assert "tu 01-4-2027" in repair("- Dot 1 (ttr01-4-2027 dén 31-5-2027): tuyén truyén tai cho.\n").lower()


def test_other_words_glued_to_a_date_stay():
    from bot.domain.planimport.ocrfix import repair
    # "tới", "thứ", "tại" glued to a date are not a từ
    assert "tu 01-6-2027" not in repair("- Dot 2 (tu 10-5-2027 toi01-6-2027): kham tai xa.\n").lower()
    assert "tu 05-6-2027" not in repair("- Hop giao ban thu05-6-2027 tai tram.\n").lower()
    assert "tu 07-6-2027" not in repair("- Kham luu dong Tai07-6-2027 o thon 3.\n").lower()


def test_a_word_glued_to_a_number_that_is_no_date_stays():
    from bot.domain.planimport.ocrfix import repair
    assert "tu 01" not in repair("- Tang cudng tuyén truyén ttr01 lan/tuan tai cho.\n").lower()


def test_a_phase_read_in_the_time_section_and_again_in_the_timetable_counts_once():
    assert _phases("III. THỜI GIAN\n- Thời gian: năm 2026, với hai đợt truyền thông:\n"
                   "+ Đợt 1: từ 01/4/2026 đến 31/5/2026;\n+ Đợt 2: từ 01/9/2026 đến 31/10/2026.\n\n"
                   "IV. KẾ HOẠCH CHI TIẾT\n| TT | Hoạt động | Thời gian | Đơn vị |\n"
                   "| 1 | Đợt 1: phát thanh, nói chuyện | 01/4 - 31/5/2026 | Trạm Y tế |\n"
                   "| 2 | Đợt 2: phát thanh, phóng sự | 01/9 - 31/10/2026 | Trạm Y tế |\n\n"
                   "V. KINH PHÍ\nNgân sách.\n") == [(D(2026, 4, 1), D(2026, 5, 31)),
                                                   (D(2026, 9, 1), D(2026, 10, 31))]


def test_two_phases_of_their_own_labels_on_the_same_dates_both_stay():
    assert len(_phases("III. THỜI GIAN\n- Thời gian: năm 2026, với ba đợt:\n+ Đợt 1: từ 01/4/2026 "
                       "đến 31/5/2026 tại các thôn;\n+ Đợt 2: từ 01/9/2026 đến 31/10/2026;\n+ Đợt 3: từ "
                       "01/4/2026 đến 31/5/2026 tại các trường (cùng lúc với Đợt 1).\n\n"
                       "IV. KINH PHÍ\nNgân sách.\n")) == 3


def test_phases_of_different_dates_all_stay():
    assert len(_phases("III. THỜI GIAN\n- Thời gian: năm 2026, với ba đợt:\n+ Đợt 1: từ 01/4/2026 đến "
                       "31/5/2026;\n+ Đợt 2: từ 01/6/2026 đến 31/7/2026;\n+ Đợt 3: từ 01/9/2026 đến "
                       "31/10/2026.\n\nIV. KINH PHÍ\nNgân sách.\n")) == 3
