"""Spans and phases of the nineteenth blind batch's layouts (#21), with made-up text in their
shape: a span said only in the title ("… từ tháng 5/2027 đến tháng 4/2028") while a duty runs
"đến hết thời gian thực hiện kế hoạch"."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("SỞ Y TẾ TỈNH AN HÒA\nTRUNG TÂM Y TẾ KHU VỰC NAM SƠN\nSố: 31/KH-TTYT\n\n"
        "Nam Sơn, ngày 20 tháng 3 năm 2027\n\n")


def test_a_span_said_in_the_title_across_two_years():
    draft, _ = draft_from_text(HEAD + (
        "KẾ HOẠCH\nChăm sóc người bệnh tăng huyết áp tại nhà\n"
        "từ tháng 5/2027 đến tháng 4/2028\n\n"
        "I. TỔ CHỨC THỰC HIỆN\n"
        "1. Trạm Y tế các xã: báo cáo tháng gửi Trung tâm trước ngày 25 hằng tháng, bắt đầu từ "
        "tháng 5/2027 đến hết thời gian thực hiện kế hoạch.\n"), "plan.txt")
    assert (draft.start.value, draft.end.value) == (D(2027, 5, 1), D(2028, 4, 30))
    dues = [d.due for d in draft.deadlines]
    assert dues[0] == D(2027, 5, 25) and dues[-1] == D(2028, 4, 25) and len(dues) == 12


def test_phases_told_by_ordinal_words_in_one_running_paragraph_within_the_year():
    draft, _ = draft_from_text(HEAD + (
        "KẾ HOẠCH\nTruyền thông phòng chống tăng huyết áp năm 2027\n\n"
        "II. THỜI GIAN THỰC HIỆN\n"
        "Kế hoạch triển khai trong năm 2027, gồm hai đợt: đợt một từ ngày 01/4 đến ngày 30/6/2027, "
        "đo huyết áp tại thôn; đợt hai từ ngày 01/9 đến ngày 15/11/2027, nói chuyện tại nhà văn "
        "hóa và tổng kết.\n\n"
        "III. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 4, 1), D(2027, 6, 30)),
                                                        (D(2027, 9, 1), D(2027, 11, 15))]
    assert (draft.start.value, draft.end.value) == (D(2027, 1, 1), D(2027, 12, 31))


def test_steps_after_a_full_stop_dated_in_words_under_cac_buoc_thuc_hien():
    draft, _ = draft_from_text(HEAD + (
        "KẾ HOẠCH\nTruyền thông phòng chống đột quỵ năm 2027\n\n"
        "II. NỘI DUNG VÀ CÁC BƯỚC THỰC HIỆN\n"
        "1. Các bước thực hiện\n"
        "Bước 1. Khảo sát (từ ngày 05 tháng 4 năm 2027 đến ngày 30 tháng 4 năm 2027)\n"
        "- Khảo sát hiểu biết của người dân.\n\n"
        "Bước 2. Truyền thông tại thôn (từ ngày 01 tháng 5 năm 2027 đến ngày 30 tháng 9 năm 2027)\n"
        "- Nói chuyện tại nhà văn hóa.\n\n"
        "Bước 3. Đánh giá (từ ngày 01 tháng 10 năm 2027 đến ngày 31 tháng 12 năm 2027)\n"
        "- Tổng kết.\n\n"
        "III. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [
        (D(2027, 4, 5), D(2027, 4, 30)), (D(2027, 5, 1), D(2027, 9, 30)), (D(2027, 10, 1), D(2027, 12, 31))]
    assert draft.phases[0].name.startswith(
        "Bước 1. Khảo sát (từ ngày 05 tháng 4 năm 2027 đến ngày 30 tháng 4 năm 2027)")


def test_two_peak_lines_one_below_the_other_amid_year_round_work():
    draft, _ = draft_from_text(HEAD + (
        "KẾ HOẠCH\nTruyền thông phòng chống bệnh đục thủy tinh thể năm 2027\n\n"
        "II. NỘI DUNG\n"
        "1. Truyền thông thường xuyên (từ tháng 01 đến tháng 12 năm 2027)\n"
        "- Tư vấn tại khoa Khám bệnh.\n"
        "2. Các đợt cao điểm\n"
        "Đợt cao điểm thứ nhất: khám mắt cho người cao tuổi, từ 05-4-2027 đến 16-4-2027.\n"
        "Đợt cao điểm thứ hai: hưởng ứng Ngày Người cao tuổi (ngày 01-10-2027), từ 27-9-2027 "
        "đến 15-10-2027.\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Phòng Công tác xã hội: sau mỗi đợt cao điểm báo cáo nhanh Ban Giám đốc trong vòng 05 ngày "
        "kể từ khi kết thúc đợt.\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 4, 5), D(2027, 4, 16)),
                                                        (D(2027, 9, 27), D(2027, 10, 15))]
    assert draft.phases[1].name.endswith("(ngày 01-10-2027)")
    assert (draft.start.value, draft.end.value) == (D(2027, 1, 1), D(2027, 12, 31))
    assert [d.due for d in draft.deadlines] == [D(2027, 4, 21), D(2027, 10, 20)]


def test_a_step_line_right_below_its_previous_steps_item_starts_its_own_paragraph():
    draft, _ = draft_from_text(HEAD + (
        "KẾ HOẠCH\nTruyền thông phòng chống đột quỵ năm 2027\n\n"
        "II. CÁC BƯỚC THỰC HIỆN\n"
        "Bước 1. Khảo sát (từ ngày 05/4/2027 đến ngày 30/4/2027)\n"
        "- Khảo sát hiểu biết của người dân.\n"
        "Bước 2. Truyền thông (từ ngày 01/5/2027 đến ngày 30/9/2027)\n"
        "- Nói chuyện tại nhà văn hóa.\n\n"
        "III. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 4, 5), D(2027, 4, 30)),
                                                        (D(2027, 5, 1), D(2027, 9, 30))]


def test_one_dated_peak_amid_work_said_year_round_far_above_it():
    draft, _ = draft_from_text(HEAD + (
        "KẾ HOẠCH\nTuyên truyền phòng chống đuối nước trẻ em năm 2027\n\n"
        "I. YÊU CẦU\n"
        "1. Tuyên truyền quanh năm, tập trung cao điểm vào mùa hè.\n\n"
        "II. THỜI GIAN\n"
        "1. Thời gian: từ tháng 01/2027 đến tháng 12/2027. Cao điểm: mùa hè, từ ngày 01/6/2027 "
        "đến ngày 31/8/2027.\n\n"
        "III. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 6, 1), D(2027, 8, 31))]


def test_numbered_peak_lines_with_a_comma_below_year_round_work_are_phases_in_the_year():
    draft, _ = draft_from_text(HEAD + (
        "KẾ HOẠCH\nTruyền thông phòng chống thiếu máu ở phụ nữ năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao hiểu biết của phụ nữ.\n\n"
        "II. THỜI GIAN\n"
        "Việc tư vấn làm thường xuyên trong cả năm 2027. Tập trung cao điểm vào hai đợt:\n"
        "Đợt cao điểm 1, từ ngày 03 tháng 5 năm 2027 đến ngày 21 tháng 5 năm 2027 - xét nghiệm máu.\n"
        "Đợt cao điểm 2, từ ngày 04 tháng 10 năm 2027 đến ngày 22 tháng 10 năm 2027 - phát viên sắt.\n"
        "\nIII. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 5, 3), D(2027, 5, 21)),
                                                        (D(2027, 10, 4), D(2027, 10, 22))]
    assert draft.phases[0].name.endswith("Xét nghiệm máu")
    assert (draft.start.value, draft.end.value) == (D(2027, 1, 1), D(2027, 12, 31))


def test_numbered_peak_lines_in_brackets_or_by_ordinal_below_year_round_work():
    for first, second in (("Đợt cao điểm 1 (từ 03/5/2027 đến 21/5/2027): xét nghiệm máu.",
                           "Đợt cao điểm 2 (từ 04/10/2027 đến 22/10/2027): phát viên sắt."),
                          ("Đợt cao điểm thứ nhất: từ 03/5/2027 đến 21/5/2027, xét nghiệm máu.",
                           "Đợt cao điểm thứ hai: từ 04/10/2027 đến 22/10/2027, phát viên sắt.")):
        draft, _ = draft_from_text(HEAD + (
            "KẾ HOẠCH\nTruyền thông phòng chống thiếu máu ở phụ nữ năm 2027\n\n"
            "I. MỤC ĐÍCH\nNâng cao hiểu biết của phụ nữ.\n\n"
            "II. THỜI GIAN\n"
            f"Tư vấn thường xuyên trong cả năm 2027, cao điểm hai đợt\n{first}\n{second}\n"
            "\nIII. KINH PHÍ\n"), "plan.txt")
        assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 5, 3), D(2027, 5, 21)),
                                                            (D(2027, 10, 4), D(2027, 10, 22))]
        assert (draft.start.value, draft.end.value) == (D(2027, 1, 1), D(2027, 12, 31))


def test_one_concentrated_peak_below_year_round_work_stays_one_phase():
    draft, _ = draft_from_text(HEAD + (
        "KẾ HOẠCH\nTruyền thông phòng chống thiếu máu ở phụ nữ năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao hiểu biết của phụ nữ.\n\n"
        "II. THỜI GIAN\n"
        "Tư vấn thường xuyên cả năm 2027.\n"
        "Tập trung cao điểm từ ngày 03/5/2027 đến ngày 21/5/2027.\n"
        "\nIII. KINH PHÍ\n"), "plan.txt")
    assert [(p.start, p.end) for p in draft.phases] == [(D(2027, 5, 3), D(2027, 5, 21))]


def test_a_week_before_during_and_after_a_day_keeps_its_three_phases():
    draft, _ = draft_from_text(HEAD + (
        "KẾ HOẠCH\nTruyền thông phòng chống thiếu máu ở phụ nữ năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao hiểu biết của phụ nữ.\n\n"
        "II. THỜI GIAN\n"
        "Từ tháng 01 đến tháng 12 năm 2027,\n"
        "tập trung tuần trước, trong và sau ngày 01/6/2027.\n"
        "\nIII. KINH PHÍ\n"), "plan.txt")
    assert len(draft.phases) == 3 and draft.phases[1].start == D(2027, 5, 25)
