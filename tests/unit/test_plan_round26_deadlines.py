"""Reports (#21, round 26): a month-after rule whose range names the months by their reports ("trước ngày
10 của tháng sau, từ báo cáo tháng 4 đến báo cáo tháng 8/2027"): only those months' reports; a
quarter-after rule "theo quý" with the quarters named in brackets ("(quý I, quý II, quý III)"): not the
last quarter's; a quarter's report that is the year's or the half-year's ("riêng quý IV báo cáo chung
trong báo cáo năm", "riêng quý II và quý IV thực hiện báo cáo 6 tháng (…) và báo cáo năm (…)")."""

from __future__ import annotations

import datetime as dt

from bot.domain.planimport import draft_from_text

D = dt.date
HEAD = ("TRUNG TÂM Y TẾ HUYỆN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 61/KH-TTYT\tngày 12 tháng 12 năm 2026\n\n"
        "KẾ HOẠCH\nTruyền thông phòng chống đái tháo đường năm 2027\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức.\n\n"
        "II. THỜI GIAN\nTừ ngày 01 tháng 01 năm 2027 đến ngày 31 tháng 12 năm 2027.\n\n")


def _dues(text: str) -> list[dt.date]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted(d.due for d in draft.deadlines)


def test_a_month_after_rule_over_the_reports_it_names():
    for said in ("từ báo cáo tháng 4 đến báo cáo tháng 8/2027", "(từ kỳ báo cáo tháng 4 đến kỳ báo cáo "
                 "tháng 8/2027)", "từ báo cáo tháng 4 đến tháng 8/2027"):
        text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                       "1. Khoa Dinh dưỡng: báo cáo số lượt tư vấn hằng tháng về Phòng Kế hoạch trước "
                       f"ngày 10 của tháng sau, {said}.\n")
        assert _dues(text) == [D(2027, m, 10) for m in (5, 6, 7, 8, 9)], said


def test_a_report_month_said_alone_is_no_range():
    # "bắt đầu từ báo cáo tháng 4": the reports from it, to the span's end
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Khoa Dinh dưỡng: báo cáo số lượt tư vấn hằng tháng về Phòng Kế hoạch trước ngày 10 "
                   "của tháng sau, bắt đầu từ báo cáo tháng 4/2027.\n")
    assert _dues(text)[-1] == D(2028, 1, 10)


def test_a_quarter_after_rule_with_its_quarters_named():
    for said in ("(quý I, quý II, quý III)", "(quý I, II, III)"):
        text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                       "1. Phòng Kế hoạch: tổng hợp, báo cáo Ban Giám đốc theo quý, trước ngày 05 của tháng "
                       f"đầu quý sau {said}.\n")
        assert _dues(text) == [D(2027, 4, 5), D(2027, 7, 5), D(2027, 10, 5)], said


def test_a_quarter_named_twice_is_no_list():
    # OCR read "III" as "II": the list is not read, every quarter's report stays
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Phòng Kế hoạch: tổng hợp, báo cáo Ban Giám đốc theo quý, trước ngày 05 của tháng "
                   "đầu quý sau (quý i, ii, ii).\n")
    assert _dues(text) == [D(2027, 4, 5), D(2027, 7, 5), D(2027, 10, 5), D(2028, 1, 5)]


def test_a_quarter_reported_in_the_year_report():
    for said in ("riêng quý IV báo cáo chung trong báo cáo năm", "riêng quý IV báo cáo năm"):
        text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                       "1. Các trạm y tế báo cáo kết quả theo quý về Trung tâm trước ngày 22 của tháng cuối "
                       f"quý; {said}.\n")
        assert _dues(text) == [D(2027, 3, 22), D(2027, 6, 22), D(2027, 9, 22)], said


def test_two_quarters_reported_in_the_half_year_and_year_reports():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Các trạm y tế báo cáo kết quả về Trung tâm trước ngày 22 của tháng cuối quý; riêng "
                   "quý II và quý IV thực hiện báo cáo 6 tháng (trước ngày 12/6/2027) và báo cáo năm "
                   "(trước ngày 12/11/2027).\n")
    assert _dues(text) == [D(2027, 3, 22), D(2027, 6, 12), D(2027, 9, 22), D(2027, 11, 12)]


def test_a_quarter_with_a_year_report_of_its_own_is_kept():
    # the quarter's report stays, the year's is another report ("quý IV" then "báo cáo năm" apart)
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Các trạm y tế báo cáo kết quả theo quý về Trung tâm trước ngày 22 của tháng cuối quý "
                   "(kể cả quý IV); Trung tâm gửi báo cáo năm trước ngày 28/12/2027.\n")
    assert D(2027, 12, 22) in _dues(text)


def test_the_range_with_tu_mended_to_a_word():
    # the OCR mender made "từ" "tin": the report month that follows says it is the range's start
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Khoa Dinh dưỡng: báo cáo số lượt tư vấn hằng tháng về Phòng Kế hoạch trước ngày 10 "
                   "của tháng sau, tin báo cáo tháng 4 đến báo cáo tháng 8/2027.\n")
    assert _dues(text) == [D(2027, m, 10) for m in (5, 6, 7, 8, 9)]


TABLE_HEAD = HEAD.replace("Từ ngày 01 tháng 01 năm 2027 đến ngày 31 tháng 12 năm 2027",
                          "Từ ngày 01 tháng 3 năm 2027 đến ngày 30 tháng 11 năm 2027")


def _phases(text: str) -> list[tuple[dt.date | None, dt.date | None]]:
    draft, _ = draft_from_text(text, "plan.txt")
    return sorted((p.start, p.end) for p in draft.phases)


def test_stage_rows_of_the_đợt_table_are_phases_too():
    # "| Chuẩn bị | 01/3 - 31/3/2027 | …" and "| Duy trì, tổng kết | … |" beside the đợt's rows
    for bar in ("| ", ""):
        end = " |" if bar else ""
        text = TABLE_HEAD + (
            "III. CÁC ĐỢT\n"
            f"{bar}Giai đoạn | Thời gian | Nội dung{end}\n"
            f"{bar}Chuẩn bị | 01/3 - 31/3/2027 | Rà soát, in tài liệu{end}\n"
            f"{bar}Đợt 1 (mùa khô) | 01/4 - 31/5/2027 | Nói chuyện tại xã{end}\n"
            f"{bar}Đợt 2 (mùa mưa) | 01/8 - 30/9/2027 | Phát thanh, tờ rơi{end}\n"
            f"{bar}Duy trì, tổng kết | 01/10 - 30/11/2027 | Đánh giá kết quả{end}\n\n"
            "IV. TỔ CHỨC THỰC HIỆN\n"
            "1. Các trạm y tế báo cáo kết quả sau mỗi đợt trong vòng 05 ngày kể từ ngày kết thúc đợt.\n")
        assert _phases(text) == [(D(2027, 3, 1), D(2027, 3, 31)), (D(2027, 4, 1), D(2027, 5, 31)),
                                 (D(2027, 8, 1), D(2027, 9, 30)), (D(2027, 10, 1), D(2027, 11, 30))], bar
        # the report after each đợt is none of the stage rows'
        assert _dues(text) == [D(2027, 6, 5), D(2027, 10, 5)], bar


def test_a_stage_row_far_from_the_đợt_is_no_phase():
    # an activity table lower down, no row of the đợt's table
    text = TABLE_HEAD + (
        "III. CÁC ĐỢT\n"
        "- Đợt 1: từ 01/4 đến 31/5/2027.\n- Đợt 2: từ 01/8 đến 30/9/2027.\n\n"
        + "".join(f"{k}. Nội dung truyền thông số {k}.\n" for k in range(1, 12)) + "\n"
        "IV. HOẠT ĐỘNG\n"
        "Hoạt động | Thời gian | Đơn vị\n"
        "Tổng kết | 01/11 - 30/11/2027 | Trung tâm\n")
    assert _phases(text) == [(D(2027, 4, 1), D(2027, 5, 31)), (D(2027, 8, 1), D(2027, 9, 30))]


def test_news_items_counted_by_month_are_no_report_range():
    # "tin" here is news items or data, not OCR's "từ": no range, the span's months stay
    for said in ("kèm số tin báo cáo tháng 4 đến tháng 6 đã phát trên loa xã",
                 "cập nhật thông tin báo cáo tháng 4 đến báo cáo tháng 6 lên phần mềm"):
        text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                       f"1. Trạm y tế báo cáo hằng tháng trước ngày 05 của tháng sau, {said}.\n")
        assert _dues(text)[0] == D(2027, 2, 5), said


def test_the_range_of_report_periods_with_tu_mended_to_a_word():
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\n"
                   "1. Trạm y tế báo cáo hằng tháng trước ngày 05 của tháng sau, tin kỳ báo cáo tháng 4 đến "
                   "kỳ báo cáo tháng 8/2027.\n")
    assert _dues(text) == [D(2027, m, 5) for m in (5, 6, 7, 8, 9)]


def test_an_activities_table_next_to_listed_đợt_has_no_phases():
    # the đợt said in a list, an activities table right below: its "Tổng kết" row is an activity
    text = TABLE_HEAD + (
        "III. CÁC ĐỢT\n"
        "- Đợt 1: từ 01/4 đến 31/5/2027.\n- Đợt 2: từ 01/8 đến 30/9/2027.\n\n"
        "IV. HOẠT ĐỘNG\n"
        "Hoạt động | Thời gian | Đơn vị\n"
        "Đánh giá giữa kỳ | 01/10 - 15/10/2027 | Khoa\n"
        "Tổng kết | 01/11 - 30/11/2027 | Trung tâm\n")
    assert _phases(text) == [(D(2027, 4, 1), D(2027, 5, 31)), (D(2027, 8, 1), D(2027, 9, 30))]


def test_an_activities_table_below_the_đợt_table_has_no_phases():
    text = TABLE_HEAD + (
        "III. CÁC ĐỢT\n"
        "| Đợt | Thời gian |\n| Đợt 1 | 01/4 - 31/5/2027 |\n| Đợt 2 | 01/8 - 30/9/2027 |\n\n"
        "IV. HOẠT ĐỘNG\n"
        "| Hoạt động | Thời gian | Đơn vị |\n"
        "| Chuẩn bị tài liệu | 01/3 - 15/3/2027 | Khoa |\n"
        "| Tổng kết | 01/11 - 30/11/2027 | Trung tâm |\n")
    assert _phases(text) == [(D(2027, 4, 1), D(2027, 5, 31)), (D(2027, 8, 1), D(2027, 9, 30))]


def test_a_work_row_within_a_đợt_in_its_table_is_no_phase():
    # "Đánh giá nguy cơ …" dated inside Đợt 1: that đợt's work; "Tổng kết" after the đợt is a stage
    text = TABLE_HEAD + (
        "III. CÁC ĐỢT\n"
        "| Nội dung | Thời gian |\n| Đợt 1 | 01/4 - 31/5/2027 |\n"
        "| Đánh giá nguy cơ tại hộ gia đình | 01/4 - 15/4/2027 |\n"
        "| Đợt 2 | 01/8 - 30/9/2027 |\n| Tổng kết | 01/11 - 30/11/2027 |\n")
    assert _phases(text) == [(D(2027, 4, 1), D(2027, 5, 31)), (D(2027, 8, 1), D(2027, 9, 30)),
                             (D(2027, 11, 1), D(2027, 11, 30))]


def test_a_month_range_said_without_a_year_falls_in_the_span_not_in_the_signing_year():
    # signed 12/2026 for 2027: "từ tháng 4 đến tháng 6" are 2027's months
    text = HEAD + ("III. TỔ CHỨC THỰC HIỆN\nCác trạm gửi báo cáo kết quả về Trung tâm trước ngày 25 hằng "
                   "tháng, từ tháng 4 đến tháng 6.\n")
    assert _dues(text) == [D(2027, 4, 25), D(2027, 5, 25), D(2027, 6, 25)]


def test_a_month_range_without_a_year_across_new_year_takes_each_months_year_in_the_span():
    text = HEAD.replace("Từ ngày 01 tháng 01 năm 2027 đến ngày 31 tháng 12 năm 2027",
                        "Từ tháng 9 năm 2026 đến tháng 6 năm 2027") + (
        "III. TỔ CHỨC THỰC HIỆN\nCác trạm gửi báo cáo kết quả về Trung tâm trước ngày 25 hằng tháng, "
        "từ tháng 11 đến tháng 2.\n")
    assert _dues(text) == [D(2026, 11, 25), D(2026, 12, 25), D(2027, 1, 25), D(2027, 2, 25)]
